"""The curator's decisions: ``curation.tsv`` beside the catalogues (accepted terms with their
category, terms added by hand, rejected candidates). Versioned data, edited by people, sorted so
that a change is one line of diff."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .errors import FieldError, FormatError
from .fsutil import write_atomic
from .models import Category, CurationRow, Decision
from .store import text_problem

_HEADER = "# zh\tdecision\tcategory\tnote\n"
_COLUMNS = ("zh", "decision", "category", "note")
_PREAMBLE = (
    "# Curation decisions for this glossary: one term a line, tab-separated, sorted by term.\n"
    "# decision: accept (a term of the seeds; obsolete when it leaves them), add (kept whether or\n"
    "# not the seeds have it) or reject (never proposed again). category: slogan, program, brand,\n"
    "# platform, concept or place (empty for reject). Edited by people; `glossary build` reads it.\n"
)


def read_curation(path: Path) -> dict[str, CurationRow]:
    """Read ``curation.tsv``; a missing file is an empty curation.

    Raises:
        FormatError: a line with the wrong number of fields, an unknown decision or category.
    """
    rows: dict[str, CurationRow] = {}
    if not path.exists():
        return rows
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(str(path), None, f"not UTF-8 ({exc.reason})") from None
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.removesuffix("\r")
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        for column, value in zip((*_COLUMNS, *(["extra"] * len(fields))), fields, strict=False):
            problem = text_problem(value)
            if problem:
                raise FormatError(str(path), number, f"field {column}: {problem}")
        if len(fields) < 2 or len(fields) > 4:
            raise FormatError(
                str(path), number, f"expected 2 to 4 tab-separated fields, found {len(fields)}"
            )
        zh, decision, category, note = [*fields, "", ""][:4]
        try:
            dec = Decision(decision.strip())
        except ValueError:
            raise FormatError(
                str(path), number, f"unknown decision {decision!r} (accept, add, reject)"
            ) from None
        try:
            cat = Category(category.strip()) if category.strip() else None
        except ValueError:
            names = ", ".join(c.value for c in Category)
            raise FormatError(
                str(path), number, f"unknown category {category!r} ({names})"
            ) from None
        if dec is not Decision.REJECT and cat is None:
            raise FormatError(str(path), number, f"{zh}: an accepted term needs a category")
        zh = zh.strip()
        if zh in rows:
            raise FormatError(str(path), number, f"{zh}: listed twice")
        rows[zh] = CurationRow(zh=zh, decision=dec, category=cat, note=note.strip())
    return rows


def check_row(row: CurationRow) -> None:
    """Refuse a row that would break ``curation.tsv`` for every later command (a tab or line
    break in the term or note, any control character; the store's field rules).

    Raises:
        FieldError: ``field note: control character U+0009 (tab) (term '…')``.
    """
    for column, value in (("zh", row.zh), ("note", row.note)):
        problem = text_problem(value)
        if problem:
            raise FieldError(column, f"{problem} (term {row.zh!r})")


def to_curation_text(rows: Iterable[CurationRow]) -> str:
    """The text of ``curation.tsv`` for ``rows``, sorted by term.

    Raises:
        FieldError: a row that breaks the field rules (``check_row``); nothing is written.
    """
    lines = [_PREAMBLE, _HEADER]
    rows = list(rows)
    for row in rows:
        check_row(row)
    for row in sorted(rows, key=lambda r: r.zh):
        cat = row.category.value if row.category else ""
        lines.append(f"{row.zh}\t{row.decision.value}\t{cat}\t{row.note}".rstrip("\t") + "\n")
    return "".join(lines)


def write_curation(path: Path, rows: Iterable[CurationRow]) -> None:
    """Write ``curation.tsv`` atomically, under its glossary's lock (``fsutil.locked``; hold it
    from the read on, as ``app.record_decisions`` does)."""
    from .fsutil import locked

    with locked(path.parent, command="glossary curate"):
        write_atomic(path, to_curation_text(rows))
