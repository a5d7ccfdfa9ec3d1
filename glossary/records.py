"""The JSON contract of an entry, as scripts read it (``lookup --json``, ``export --format
json``) and as the lookup index stores it. Light: typing only, so the lookup path can use it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any, TypedDict

    from .models import Entry

    class PartRecord(TypedDict):
        """A part of a formula: an entry (``entry`` true, its preferred English) or a clause."""

        zh: str
        en: str
        entry: bool

    class FormerRecord(TypedDict):
        """An earlier version of a formula's parts."""

        period: str
        parts: list[str]
        source: str

    class FormulaRecord(TypedDict):
        """A formula an entry is a part of."""

        zh: str
        en: str

    # For the type checker only: at run time the records are plain dicts, and creating a
    # TypedDict class would cost every lookup a few milliseconds of start-up.
    class EntryRecord(TypedDict):
        """An entry for scripts; the keys are the documented JSON fields (``ENTRY_FIELDS``)."""

        zh: str
        en: str
        en_alt: list[str]
        en_deprecated: list[dict[str, str]]
        variants: list[str]
        literal: str
        definition: str
        category: str
        status: str
        source: str
        pinyin: str
        pinyin_orthographic: str
        zh_tw: str
        zh_hk: str
        reviewed: bool
        reviewed_by: str
        reviewed_on: str
        locations: list[str]
        parts: list[PartRecord]
        parts_source: str
        parts_former: list[FormerRecord]
        no_parts: str
        part_of: list[FormulaRecord]


#: What each field of ``EntryRecord`` holds (``--help`` and the README show these).
ENTRY_FIELDS: dict[str, str] = {
    "zh": "simplified term",
    "en": "preferred English rendering",
    "en_alt": "other attested renderings",
    "en_deprecated": "renderings not to use: objects with en and reason",
    "variants": "other written forms of the term (abbreviations, full forms, older names)",
    "literal": "literal rendering",
    "definition": "one or two English sentences",
    "category": "slogan, program, brand, platform, concept or place",
    "status": "official, established or proposed",
    "source": "publisher and year or URL of the rendering",
    "pinyin": "tone marks, one syllable per character",
    "pinyin_orthographic": "GB/T 16159 word-joined pinyin",
    "zh_tw": "Taiwan traditional form",
    "zh_hk": "Hong Kong traditional form",
    "reviewed": "a person checked English, pinyin and forms",
    "reviewed_by": "who reviewed it (a role)",
    "reviewed_on": "when (YYYY-MM-DD)",
    "locations": "occurrences in the seeds, FILE:LINE",
    "parts": "a numbered formula's parts in order: objects with zh, en (an entry's preferred "
    "English, or a clause's) and entry (true when the part is an entry)",
    "parts_source": "where the list of parts was published",
    "parts_former": "earlier versions of the parts: objects with period, parts (zh) and source",
    "no_parts": "why a numbered formula lists no parts",
    "part_of": "the formulas this entry is a part of: objects with zh and en",
}


def entry_record(e: Entry, english: Mapping[str, str] | None = None) -> EntryRecord:
    """An Entry as the JSON contract that scripts read; ``english`` (term -> preferred English)
    gives the English of the parts that are entries and of the formulas in ``part_of``."""
    record: EntryRecord = {
        "zh": e.zh,
        "en": e.en,
        "en_alt": list(e.en_alt),
        "en_deprecated": [{"en": d.en, "reason": d.reason} for d in e.en_deprecated],
        "variants": list(e.variants),
        "literal": e.literal,
        "definition": e.definition,
        "category": e.category.value if e.category else "",
        "status": e.status.value if e.status else "",
        "source": e.source,
        "pinyin": e.pinyin,
        "pinyin_orthographic": e.pinyin_orthographic,
        "zh_tw": e.zh_tw,
        "zh_hk": e.zh_hk,
        "reviewed": e.reviewed,
        "reviewed_by": e.reviewed_by,
        "reviewed_on": e.reviewed_on,
        "locations": list(e.locations),
        "parts": [{"zh": p.zh, "en": p.en, "entry": not p.en} for p in e.parts],
        "parts_source": e.parts_source,
        "parts_former": [
            {"period": f.period, "parts": list(f.parts), "source": f.source} for f in e.parts_former
        ],
        "no_parts": e.no_parts,
        "part_of": [{"zh": zh, "en": ""} for zh in e.part_of],
    }
    if english is not None:
        fill_english(record, english)
    return record


def related_terms(record: EntryRecord) -> list[str]:
    """The terms whose English a record shows: its parts that are entries, its formulas."""
    return [p["zh"] for p in record["parts"] if p["entry"]] + [f["zh"] for f in record["part_of"]]


def fill_english(record: EntryRecord, english: Mapping[str, str]) -> None:
    """Set the English of ``record``'s entry parts and formulas from ``english`` (term ->
    preferred English; a term it lacks keeps an empty English)."""
    for p in record["parts"]:
        if p["entry"]:
            p["en"] = english.get(p["zh"], "")
    for f in record["part_of"]:
        f["en"] = english.get(f["zh"], "")


def split_sources(source: str) -> list[str]:
    """The sources of a rendering, one per item: ``source`` holds them joined by "; ", and a
    "; " inside parentheses or double quotation marks belongs to its source (a quoted phrase,
    a list of reprints).

    >>> split_sources('SCIO, 2021, http://a.cn ("Double-Eight"; "x"); China Daily, 2023')
    ['SCIO, 2021, http://a.cn ("Double-Eight"; "x")', 'China Daily, 2023']
    >>> split_sources("")
    []
    """
    out: list[str] = []
    depth, quoted, start = 0, False, 0
    for i, ch in enumerate(source):
        if ch == '"':
            quoted = not quoted
        elif ch in "(（[":
            depth += 1
        elif ch in ")）]":
            depth = max(0, depth - 1)
        elif ch == ";" and not depth and not quoted and source[i + 1 : i + 2] == " ":
            out.append(source[start:i].strip())
            start = i + 2
    out.append(source[start:].strip())
    return [s for s in out if s]


#: The columns of a row of the index's ``entries`` table: the documented fields, in their order
#: (``poread`` and ``record_from_row``; the lists joined by line feeds, ``reviewed`` 0 or 1).
ROW_FIELDS = tuple(ENTRY_FIELDS)
#: The same columns as SQL lists them.
RECORD_COLUMNS = ", ".join(ROW_FIELDS)


def _items(text: str) -> list[str]:
    return text.split("\n") if text else []


def record_from_row(row: tuple[Any, ...]) -> EntryRecord:
    """The record of an index row (``RECORD_COLUMNS``; the lists joined by line feeds, each
    deprecated rendering as ``EN | REASON``).

    >>> r = record_from_row(("八八战略", "Double Eight Strategy", "", "Eight-Eight | old", "",
    ...     "", "", "slogan", "official", "", "bā bā zhàn lüè", "", "八八戰略", "八八戰略", 1, "", "",
    ...     "seeds/a.txt:1", "", "", "", "", "四个全面"))
    >>> r["en_deprecated"], r["reviewed"], r["locations"], r["part_of"]
    ([{'en': 'Eight-Eight', 'reason': 'old'}], True, ['seeds/a.txt:1'], [{'zh': '四个全面', 'en': ''}])
    """
    deprecated = []
    for text in _items(row[3]):
        en, _, reason = text.partition("|")
        deprecated.append({"en": en.strip(), "reason": reason.strip()})
    return {
        "zh": row[0],
        "en": row[1],
        "en_alt": _items(row[2]),
        "en_deprecated": deprecated,
        "variants": _items(row[4]),
        "literal": row[5],
        "definition": row[6],
        "category": row[7],
        "status": row[8],
        "source": row[9],
        "pinyin": row[10],
        "pinyin_orthographic": row[11],
        "zh_tw": row[12],
        "zh_hk": row[13],
        "reviewed": bool(row[14]),
        "reviewed_by": row[15],
        "reviewed_on": row[16],
        "locations": _items(row[17]),
        "parts": [_part(t) for t in _items(row[18])],
        "parts_source": row[19],
        "parts_former": [_former(t) for t in _items(row[20])],
        "no_parts": row[21],
        "part_of": [{"zh": zh, "en": ""} for zh in _items(row[22])],
    }


def _part(text: str) -> PartRecord:
    # ``ZH`` or ``ZH | EN`` (``store.part_text``)
    zh, _, en = text.partition("|")
    return {"zh": zh.strip(), "en": en.strip(), "entry": not en.strip()}


def _former(text: str) -> FormerRecord:
    # ``PERIOD | ZH; ZH | SOURCE`` (``store.former_text``)
    period, _, rest = text.partition("|")
    parts, _, source = rest.partition("|")
    items = [x.strip() for x in parts.split(";") if x.strip()]
    return {"period": period.strip(), "parts": items, "source": source.strip()}
