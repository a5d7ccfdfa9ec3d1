"""CSV and TSV with a header row naming the Chinese and the English column."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from ..errors import FormatError
from . import State, Unit, is_chinese, is_english

_ZH_NAMES = ("zh", "source", "chinese", "中文", "原文", "source text", "term_zh-cn")
_EN_NAMES = ("en", "target", "english", "英文", "译文", "translation", "target text", "term_en")


def _find(header: list[str], wanted: str | None, names: tuple[str, ...], side: str) -> int:
    low = [h.strip().lower() for h in header]
    if wanted is not None:
        if wanted.strip().lower() in low:
            return low.index(wanted.strip().lower())
        raise ValueError(f"no column named {wanted!r} (the header has: {', '.join(header)})")
    for name in names:
        if name in low:
            return low.index(name)
    test = is_chinese if side == "Chinese" else is_english
    for i, h in enumerate(low):
        if test(h):
            return i
    raise ValueError(
        f"no {side} column in the header ({', '.join(header)}): name it with "
        f"--{'source' if side == 'Chinese' else 'target'}-column"
    )


def iter_table(
    text: str,
    name: str,
    *,
    delimiter: str,
    source_column: str | None = None,
    target_column: str | None = None,
) -> Iterator[Unit]:
    """Yield a unit per data row (rows empty on both sides skipped).

    Raises:
        FormatError: no header, no Chinese or English column, a row with too few cells (with its
            line), a quote left open.
    """
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise FormatError(name, None, "empty file") from None
    except csv.Error as exc:
        raise FormatError(name, 1, f"malformed {_kind(delimiter)}: {exc}") from None
    try:
        zi = _find(header, source_column, _ZH_NAMES, "Chinese")
        ei = _find(header, target_column, _EN_NAMES, "English")
    except ValueError as exc:
        raise FormatError(name, 1, str(exc)) from None
    if zi == ei:
        raise FormatError(name, 1, "the Chinese and English columns are the same column")
    need = max(zi, ei) + 1
    line = reader.line_num
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise FormatError(name, start, f"malformed {_kind(delimiter)}: {exc}") from None
        line = start
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < need:
            raise FormatError(
                name, line, f"{len(row)} cells, but the header has {len(header)} (a ragged row)"
            )
        source, target = row[zi].strip(), row[ei].strip()
        if not source and not target:
            continue
        yield Unit(
            file=name,
            id=str(line),
            line=line,
            source=source,
            target=target,
            state=State.TRANSLATED if target else State.UNTRANSLATED,
        )


def _kind(delimiter: str) -> str:
    return "TSV" if delimiter == "\t" else "CSV"
