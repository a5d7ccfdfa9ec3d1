"""A document as a translation job: its segments in a PO (or POT, or XLIFF 1.2) that Poedit,
OmegaT, Weblate and Lokalize open, with the glossary's terms of each segment as hints and the
memory's matches filled in.

An entry of the job PO::

    #. term: 八八战略 = Double Eight Strategy
    #. tm: 92% match (gwr-2024.po:17)
    #: report.txt:12
    #, fuzzy
    msgid "深入实施“八八战略”。"
    msgstr "We fully implemented the Double Eight Strategy."

Identical segments of the job become one entry with every location (gettext's own rule: a msgid
is translated once). Exact memory matches are filled in as translated, fuzzy ones (at least
``minimum``) are marked fuzzy with their score.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .qa import TermMatcher
    from .segment import TextSegment
    from .tm import Match, MemoryIndex


@dataclass(frozen=True, slots=True)
class JobUnit:
    """One segment of a job, with everything a translator is shown."""

    source: str
    locations: tuple[str, ...]  #: ``FILE:LINE`` of every occurrence
    terms: tuple[tuple[str, str], ...] = ()  #: (term, approved English) of the glossary
    target: str = ""  #: filled from the memory
    score: int = 0  #: the memory match's score (100 exact, 0 none)
    origin: str = ""  #: where the memory match came from
    heading: bool = False


def make_job(
    segments: Iterable[TextSegment],
    *,
    terms: TermMatcher | None = None,
    memory: MemoryIndex | None = None,
    minimum: int = 75,
) -> list[JobUnit]:
    """The job's units, in document order, identical segments merged."""
    order: list[str] = []
    where: dict[str, list[str]] = {}
    headings: dict[str, bool] = {}
    for s in segments:
        if s.text not in where:
            order.append(s.text)
            where[s.text] = []
            headings[s.text] = s.heading
        where[s.text].append(f"{s.file}:{s.line}")
    matches: list[list[Match]] = (
        memory.lookup_many(order, minimum=minimum, limit=1) if memory else [[] for _ in order]
    )
    units = []
    for text, found in zip(order, matches, strict=True):
        hints: tuple[tuple[str, str], ...] = ()
        if terms is not None:
            hints = tuple((e.zh, e.en) for e in terms.find(text))
        unit = JobUnit(text, tuple(where[text]), hints, heading=headings[text])
        if found:
            best = found[0]
            unit = JobUnit(
                text, unit.locations, hints, best.target, best.score, best.origin, unit.heading
            )
        units.append(unit)
    return units


def _po_string(text: str) -> str:
    return (
        '"'
        + (
            text.replace("\\", "\\\\")
            .replace('"', '\\"')
            .replace("\n", "\\n")
            .replace("\t", "\\t")
            .replace("\r", "\\r")
        )
        + '"'
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def job_po_text(units: Sequence[JobUnit], *, template: bool = False, project: str = "") -> str:
    """The job as a PO file (``template``: a POT, with empty translations and no language).

    The header follows gettext's template conventions: ``Language`` empty in a POT, ``en`` in a
    PO; ``X-Source-Language: zh_CN`` (Poedit reads it); ``X-Generator``."""
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")
    header = {
        "Project-Id-Version": project or "translation job",
        "POT-Creation-Date": now,
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE" if template else now,
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>" if template else "glossary segment",
        "Language-Team": "" if template else "English",
        "Language": "" if template else "en",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",  # the target is English
        "X-Source-Language": "zh_CN",
        "X-Generator": "glossary segment",
    }
    out = ['msgid ""\nmsgstr ""\n' + "".join(f'"{k}: {v}\\n"\n' for k, v in header.items())]
    for u in units:
        lines = [""]
        lines += [f"#. term: {_one_line(zh)} = {_one_line(en)}" for zh, en in u.terms]
        filled = bool(u.target) and not template
        if filled:
            lines.append(
                f"#. tm: {u.score}% match" + (f" ({_one_line(u.origin)})" if u.origin else "")
            )
        lines.append("#: " + " ".join(loc.replace(" ", "\u00a0") for loc in u.locations))
        if filled and u.score < 100:
            lines.append("#, fuzzy")
        lines.append(f"msgid {_po_string(u.source)}")
        lines.append(f"msgstr {_po_string(u.target if filled else '')}")
        out.append("\n".join(lines) + "\n")
    return "".join(out)


def job_xliff_text(units: Sequence[JobUnit], *, original: str) -> str:
    """The job as XLIFF 1.2 (source zh-CN, target en): term hints and memory matches as notes,
    memory translations as targets (``needs-review-translation`` unless exact)."""
    e = html.escape
    body = []
    for n, u in enumerate(units, 1):
        parts = [
            f'    <trans-unit id="{n}" xml:space="preserve">',
            f"      <source>{e(u.source)}</source>",
        ]
        if u.target:
            state = "translated" if u.score == 100 else "needs-review-translation"
            parts.append(f'      <target state="{state}">{e(u.target)}</target>')
        parts.append(
            '      <context-group purpose="location">'
            + "".join(
                f'<context context-type="sourcefile">{e(loc)}</context>' for loc in u.locations[:1]
            )
            + "</context-group>"
        )
        for zh, en in u.terms:
            parts.append(f'      <note from="glossary">{e(zh)} = {e(en)}</note>')
        if u.target:
            origin = f" ({e(u.origin)})" if u.origin else ""
            parts.append(f'      <note from="memory">{u.score}% match{origin}</note>')
        parts.append("    </trans-unit>")
        body.append("\n".join(parts))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        f'  <file source-language="zh-CN" target-language="en" datatype="plaintext" '
        f'original="{e(original)}" tool-id="glossary">\n'
        '  <header><tool tool-id="glossary" tool-name="glossary segment"/></header>\n'
        "  <body>\n" + "\n".join(body) + "\n  </body>\n  </file>\n</xliff>\n"
    )


def run_segment(
    documents: Sequence[str],
    *,
    locales: str,
    fmt: str = "po",
    minimum: int = 75,
    use_memory: bool = True,
) -> tuple[str, list[JobUnit]]:
    """``glossary segment``: the documents as one translation job, in ``fmt`` (po, pot, xliff),
    with the glossary's term hints and, when the glossary has a memory, its matches.

    Raises:
        InputError: a document is unreadable; FormatError: the memory is malformed.
    """
    import os
    from pathlib import Path

    from .qa import TermMatcher
    from .segment import iter_document
    from .store import read_entries
    from .tm import memory_path, open_memory

    def segments() -> Iterable[TextSegment]:
        for doc in documents:
            yield from iter_document(doc)

    memory = None
    if use_memory and fmt != "pot" and os.path.exists(memory_path(locales)):
        memory = open_memory(locales)
    units = make_job(
        segments(), terms=TermMatcher(read_entries(Path(locales))), memory=memory, minimum=minimum
    )
    if fmt == "xliff":
        return job_xliff_text(units, original=documents[0] if len(documents) == 1 else "job"), units
    name = os.path.splitext(os.path.basename(documents[0]))[0] if documents else "job"
    return job_po_text(units, template=fmt == "pot", project=name), units
