"""The JSON contract of an entry, as scripts read it (``lookup --json``, ``export --format
json``) and as the lookup index stores it. Light: typing only, so the lookup path can use it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any, TypedDict

    from .models import Entry

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
}


def entry_record(e: Entry) -> EntryRecord:
    """An Entry as the JSON contract that scripts read."""
    return {
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
    }


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
    ...     "seeds/a.txt:1"))
    >>> r["en_deprecated"], r["reviewed"], r["locations"]
    ([{'en': 'Eight-Eight', 'reason': 'old'}], True, ['seeds/a.txt:1'])
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
    }
