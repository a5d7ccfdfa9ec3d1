"""What each listing command prints: its fields, documented once (``--help`` and the README's
command reference show these docs), and the row of each record. JSON keys, CSV headers and TSV
columns follow the order of the fields."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .records import ENTRY_FIELDS
from .render import Field, Row

if TYPE_CHECKING:
    from .check import Problem
    from .lookup import Hit
    from .models import Candidate
    from .qa import Finding
    from .scan import ScanHit
    from .tm import Band, Match


def _first_seen(row: Row) -> str:
    return f"{row['file']}:{row['line']}"


CANDIDATE_FIELDS = (
    Field("zh", "the term as first written", "term"),
    Field("zh_hans", "its simplified form"),
    Field("category", "slogan, program, brand, platform or concept", "category"),
    Field("count", "occurrences", "count"),
    Field("quoted", "seen at least once in quotation marks", "quoted"),
    Field("known", "the glossary has it", "known"),
    Field("file", "first occurrence: file", "first seen", _first_seen),
    Field("line", "first occurrence: line"),
    Field("locations", "every occurrence, FILE:LINE (the first ten)"),
)


def candidate_row(c: Candidate) -> Row:
    """A candidate of ``extract`` (and of ``scan --unknown``)."""
    return {
        "zh": c.zh,
        "zh_hans": c.zh_hans,
        "category": c.category.value,
        "count": c.count,
        "quoted": c.quoted,
        "known": c.known,
        "file": c.file,
        "line": c.line,
        "locations": list(c.locations),
    }


def _term_as_written(row: Row) -> str:
    matched, zh = str(row["matched"]), str(row["zh"])
    return matched if matched == zh else f"{matched} ({zh})"


HIT_FIELDS = (
    Field(
        "file", "file (- for standard input)", "file", lambda r: str(r["file"]).rsplit("/", 1)[-1]
    ),
    Field("line", "1-based line", "line:col", lambda r: f"{r['line']}:{r['column']}"),
    Field("column", "1-based column, in characters"),
    Field("start", "character offset of the term in the decoded text"),
    Field("end", "character offset after it"),
    Field("matched", "the term as written", "term", _term_as_written),
    Field("zh", "the entry's simplified term"),
    Field("en", "its English", "English", lambda r: str(r["en"]) or "—"),
    Field(
        "formula",
        "for a part of a numbered formula that the document named before: that formula (several: "
        "joined by '; ')",
        "part of",
    ),
)


def hit_row(h: ScanHit) -> Row:
    """An occurrence of a glossary term (``scan``)."""
    return {
        "file": h.file,
        "line": h.line,
        "column": h.column,
        "start": h.start,
        "end": h.end,
        "matched": h.matched,
        "zh": h.zh,
        "en": h.en,
        "formula": h.formula,
    }


COUNT_FIELDS = (
    Field("zh", "the entry's simplified term", "term"),
    Field("count", "occurrences", "count"),
    Field("en", "its English", "English"),
)

PROBLEM_FIELDS = (
    Field("zh", "the entry", "term"),
    Field("code", "the rule (for --ignore)", "problem"),
    Field("message", "what is wrong", "detail"),
)


def problem_row(p: Problem) -> Row:
    """A finding of ``check``."""
    return {"zh": p.zh, "code": p.code, "message": p.message}


def _traditional(row: Row) -> str:
    """The Taiwan and Hong Kong forms where they differ from the simplified term."""
    zh = row["zh"]
    forms = (str(row["zh_tw"]), str(row["zh_hk"]))
    return " / ".join(dict.fromkeys(f for f in forms if f and f != zh))


def _term(row: Row) -> str:
    """The term, and a marker on a formula that lists its parts: ``四个全面 [4 parts]``."""
    parts = row.get("parts")
    return (
        f"{row['zh']} [{len(parts)} parts]" if isinstance(parts, list) and parts else str(row["zh"])
    )


_ENTRY_COLUMNS: dict[str, tuple[str, Callable[[Row], str] | None]] = {
    "zh": ("term", _term),
    "zh_tw": ("traditional", _traditional),
    "pinyin": ("pinyin", None),
    "en": ("English", lambda r: str(r["en"]) or "—"),
    "status": ("status", None),
}
LOOKUP_FIELDS = (
    *(
        Field(name, doc, *_ENTRY_COLUMNS.get(name, ("", None)))
        for name, doc in ENTRY_FIELDS.items()
    ),
    Field("match", "exact, partial or fuzzy"),
    Field("matched_by", "what matched: zh, pinyin, initials, en, part, within, typo"),
)
#: the columns of lookup's table, one line per hit: the order people read an entry in
LOOKUP_COLUMNS = ("zh", "zh_tw", "pinyin", "en", "status")
#: the room each keeps when the table is narrowed: the English most, then the term
LOOKUP_WEIGHTS = {"zh": 2.0, "zh_tw": 0.8, "pinyin": 1.6, "en": 3.0}


def lookup_row(h: Hit) -> Row:
    """An entry found by ``lookup``."""
    return {**h.entry, "match": h.tier.name.lower(), "matched_by": h.how}


def _segment(row: Row) -> str:
    return f"{str(row['file']).rsplit('/', 1)[-1]}:{row['line']}"


FINDING_FIELDS = (
    Field("file", "the bilingual file", "segment", _segment),
    Field("segment", "the segment's id in its file (msgctxt, tuid, unit id, row or line)"),
    Field("line", "the line where the segment starts"),
    Field("check", "the check's code (for --only and --ignore)", "check"),
    Field("term", "the glossary term (simplified); empty for untranslated text", "term"),
    Field("expected", "the approved renderings, preferred first", "expected"),
    Field("found", "what the target has: the offending text, or the whole target", "target has"),
    Field("message", "the finding in one sentence"),
    Field("source", "the segment's Chinese"),
    Field("target", "the segment's English"),
)


def finding_row(f: Finding) -> Row:
    """A finding of ``qa``."""
    return {
        "file": f.file,
        "segment": f.segment,
        "line": f.line,
        "check": f.check.value,
        "term": f.term,
        "expected": list(f.expected),
        "found": f.found,
        "message": f.message,
        "source": f.source,
        "target": f.target,
    }


def _diff(row: Row) -> str:
    """The memory segment with what differs from the query marked: [query→memory]."""
    out = []
    for op, mine, theirs in row["diff"]:  # type: ignore[attr-defined]
        if op == "=":
            out.append(theirs)
        elif op == "~":
            out.append(f"[{mine}→{theirs}]")
        elif op == "-":
            out.append(f"[-{mine}]")
        else:
            out.append(f"[+{theirs}]")
    return "".join(out)


MATCH_FIELDS = (
    Field("score", "match score 0-100 (100 only for an identical segment)", "score"),
    Field("source", "the memory's Chinese segment", "memory (differences marked)", _diff),
    Field("target", "its English", "English"),
    Field("origin", "where the translation came from", "origin"),
    Field("diff", "what differs: [op, query text, memory text], op one of = ~ - +"),
)


def match_row(m: Match) -> Row:
    """A memory match of ``tm lookup``."""
    return {
        "score": m.score,
        "source": m.source,
        "target": m.target,
        "origin": m.origin,
        "diff": [list(d) for d in m.diff],
    }


BAND_FIELDS = (
    Field("band", "the match band: 100%, 95-99%, 85-94%, 75-84%, no match", "band"),
    Field("segments", "segments in it", "segments"),
    Field("characters", "their Chinese characters", "characters"),
)


def band_row(b: Band) -> Row:
    """A row of ``analyze``."""
    return {"band": b.band, "segments": b.segments, "characters": b.characters}
