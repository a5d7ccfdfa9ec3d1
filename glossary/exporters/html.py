"""The glossary as one self-contained web page (``glossary html``, ``export --format html``).

The page carries its own CSS and script (``data/glossary_page.html``, ``data/glossary_page.js``)
and the glossary as a compact JSON index computed here: the written forms with the lookup
index's own keys (``keys.spellings``), the tokens of its full-text columns (``index.search_texts``)
cut by SQLite's own FTS5 tokenizers, and the trust ranks, so that the script applies
``lookup``'s matching (look-ups, and FTS5's phrase matches as scans), tiers and ranking.
A Content-Security-
Policy of ``default-src 'none'`` means the page cannot make a request: no font, script, image or
beacon can leave the machine, whether it is opened from disk or from a shared drive.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

from ..enrich import fold_pinyin
from ..index import search_texts
from ..keys import spellings
from ..models import Category, Entry, Status
from . import register

#: Version of the embedded index layout (``GLOSSARY.v`` in the page's script).
INDEX_VERSION = 1

#: The entry's fields in the embedded index, in order (the script reads them by position; an
#: entry that is no formula and no part leaves out the last four).
PAGE_FIELDS = (
    "zh",
    "zh_tw",
    "zh_hk",
    "pinyin",
    "pinyin_orthographic",
    "en",
    "en_alt",
    "en_deprecated",
    "variants",
    "literal",
    "definition",
    "category",
    "status",
    "source",
    "reviewed",
    "reviewed_by",
    "reviewed_on",
    "parts",
    "parts_source",
    "parts_former",
    "part_of",
)
#: how ``parts`` marks a part: an entry on the page (a link), a clause, an entry the page lacks
PART_ON_PAGE, PART_CLAUSE, PART_ELSEWHERE = 1, 0, 2

#: Trust rank as the lookup index computes it: status, then reviewed before unreviewed.
_STATUS_RANK = {"official": 0, "established": 1, "proposed": 2}

#: The parts of the index that only a search reads: a second JSON block, parsed on the first
#: query, so that the list shows before them.
KEY_TABLES = ("zh", "pyt", "pyf", "ini", "enj", "py", "in", "en", "words", "syllables")

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)


@cache
def _asset(name: str) -> str:
    return files("glossary.data").joinpath(name).read_text(encoding="utf-8")


def _row(e: Entry, english: dict[str, str]) -> list[Any]:
    """The entry's ``PAGE_FIELDS``; ``english``: the page's terms and their English (a part or
    formula among them is a link to its entry)."""

    def part(zh: str, en: str) -> list[Any]:
        if en:
            return [zh, en, PART_CLAUSE]
        if zh in english:
            return [zh, english[zh], PART_ON_PAGE]
        return [zh, "", PART_ELSEWHERE]

    row = [
        e.zh,
        e.zh_tw if e.zh_tw != e.zh else "",
        e.zh_hk if e.zh_hk not in (e.zh_tw, e.zh) else "",
        e.pinyin,
        e.pinyin_orthographic,
        e.en,
        list(e.en_alt),
        [[d.en, d.reason] for d in e.en_deprecated],
        list(e.variants),
        e.literal,
        e.definition,
        e.category.value if e.category else "",
        e.status.value if e.status else "",
        e.source,
        1 if e.reviewed else 0,
        e.reviewed_by,
        e.reviewed_on,
    ]
    if not (e.parts or e.parts_source or e.parts_former or e.part_of):
        return row  # the fields of the parts left out (the script reads them as empty)
    return [
        *row,
        [part(p.zh, p.en) for p in e.parts],
        e.parts_source,
        [[f.period, [part(zh, "") for zh in f.parts], f.source] for f in e.parts_former],
        [part(zh, "") for zh in e.part_of],
    ]


def _pinyin_order(entries: list[Entry]) -> list[int]:
    """Entry positions sorted as a printed glossary is: by toneless syllables, then tones
    (ā before á), then characters."""

    def key(i: int) -> tuple[tuple[str, ...], tuple[int, ...], str]:
        e = entries[i]
        syllables = e.pinyin.lower().split() or [e.zh]
        folded = tuple(fold_pinyin(s) or s for s in syllables)
        return folded, tuple(_tone(s) for s in syllables), e.zh

    return sorted(range(len(entries)), key=key)


_TONES = {
    **dict.fromkeys("āēīōūǖ", 1),
    **dict.fromkeys("áéíóúǘḿń", 2),
    **dict.fromkeys("ǎěǐǒǔǚň", 3),
    **dict.fromkeys("àèìòùǜǹ", 4),
}


def _tone(syllable: str) -> int:
    """1-4 for a marked syllable, 5 for the neutral tone.

    >>> _tone("zhàn"), _tone("lüè"), _tone("de")
    (4, 4, 5)
    """
    return next((_TONES[ch] for ch in syllable if ch in _TONES), 5)


def page_index(entries: list[Entry]) -> dict[str, Any]:
    """The page's search index: the entries (``PAGE_FIELDS``, in the glossary's order, as the
    lookup index numbers them), their trust rank, and what the lookup index compares, cut into
    tokens by SQLite's own FTS5 tokenizers (``_fts_tokens``): the written forms (each mapped to
    the entry positions that have it), each entry's pinyin tokens, joined pinyin, initials and
    joined English renderings (the tokens of the last three and the English words each mapped
    to the entries that hold them) and the pinyin syllables.

    >>> ix = page_index([Entry(zh="八八战略", en="Double Eight Strategy", pinyin="bā bā zhàn lüè")])
    >>> ix["zh"], ix["pyt"], ix["pyf"], ix["ini"], ix["enj"], sorted(ix["words"])
    ({'八八战略': [0]}, ['ba ba zhan lue'], ['babazhanlue'], ['bbzl'], ['doubleeightstrategy'], ['double', 'eight', 'strategy'])
    """
    zh: dict[str, list[int]] = {}
    related = any(e.parts or e.part_of for e in entries)
    on_page = {e.zh: e.en for e in entries} if related else {}
    ranks: list[int] = []
    columns: list[tuple[str, str, str, str, str]] = []
    for n, e in enumerate(entries):
        for form in dict.fromkeys(
            f for raw in (e.zh, e.zh_tw, e.zh_hk, *e.variants) if raw for f in spellings(raw)
        ):
            zh.setdefault(form, []).append(n)
        columns.append(search_texts(e.zh, e.en, e.en_alt, e.literal, e.pinyin))
        status = e.status.value if e.status else ""
        ranks.append(_STATUS_RANK.get(status, 3) + (0 if e.reviewed else 4))
    english, pinyin, joined, initials, en_joined = _fts_tokens(columns)
    words, py, ini, en = (
        _by_token(english),
        _by_token(joined),
        _by_token(initials),
        _by_token(en_joined),
    )
    syllables = sorted({t for tokens in pinyin for t in tokens})
    return {
        "v": INDEX_VERSION,
        "fields": list(PAGE_FIELDS),
        "entries": [_row(e, on_page) for e in entries],
        "order": _pinyin_order(entries),
        "rank": ranks,
        "zh": zh,
        "pyt": [" ".join(t) for t in pinyin],
        "pyf": [" ".join(t) for t in joined],
        "ini": [" ".join(t) for t in initials],
        "enj": [" ".join(t) for t in en_joined],
        "py": py,
        "in": ini,
        "en": en,
        "words": words,
        "syllables": syllables,
        "categories": [c.value for c in Category],
        "statuses": [s.value for s in Status],
    }


def _by_token(column: list[list[str]]) -> dict[str, list[int]]:
    """Each token of a column -> the positions of the entries that hold it, ascending."""
    out: dict[str, list[int]] = {}
    for n, tokens in enumerate(column):
        for t in dict.fromkeys(tokens):
            out.setdefault(t, []).append(n)
    return out


def _fts_tokens(
    columns: list[tuple[str, str, str, str, str]],
) -> tuple[list[list[str]], ...]:
    """The tokens of each entry's full-text columns (English, pinyin, joined, initials, English
    joined), cut by the tokenizers of the lookup index's tables (``index._SEARCH_TABLES``) in
    an in-memory SQLite: exactly the tokens that ``lookup`` matches."""
    import sqlite3

    con = sqlite3.connect(":memory:")
    try:
        con.executescript(
            "CREATE VIRTUAL TABLE en_t USING fts5(en);"
            "CREATE VIRTUAL TABLE py_t USING fts5(pinyin, joined, initials, en_joined,"
            " tokenize='unicode61 remove_diacritics 2');"
            "CREATE VIRTUAL TABLE en_v USING fts5vocab(en_t, 'instance');"
            "CREATE VIRTUAL TABLE py_v USING fts5vocab(py_t, 'instance');"
        )
        con.executemany(
            "INSERT INTO en_t (rowid, en) VALUES (?, ?)", ((n, c[0]) for n, c in enumerate(columns))
        )
        con.executemany(
            "INSERT INTO py_t (rowid, pinyin, joined, initials, en_joined) VALUES (?, ?, ?, ?, ?)",
            ((n, *c[1:]) for n, c in enumerate(columns)),
        )
        out: list[list[list[str]]] = [[[] for _ in columns] for _ in range(5)]
        for term, doc, _col, _ in con.execute(
            "SELECT term, doc, col, offset FROM en_v ORDER BY doc, offset"
        ):
            out[0][doc].append(term)
        place = {"pinyin": 1, "joined": 2, "initials": 3, "en_joined": 4}
        for term, doc, col, _ in con.execute(
            "SELECT term, doc, col, offset FROM py_v ORDER BY doc, col, offset"
        ):
            out[place[col]][doc].append(term)
    finally:
        con.close()
    return tuple(out)


def _script_json(data: object) -> str:
    """JSON that may stand inside a ``<script>`` element: ``<``, ``>``, ``&`` and the line
    separators escaped, so that no ``</script>`` or ``<!--`` in the data can end it.

    >>> _script_json(["</script>", "a&b"])
    '["\\\\u003c/script\\\\u003e","a\\\\u0026b"]'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(ch, esc)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def to_html(entries: list[Entry], *, title: str = "Glossary of Chinese policy terms") -> str:
    """The page: template, style and script inlined, the index embedded as JSON."""
    from html import escape

    page = _asset("glossary_page.html")
    script = _asset("glossary_page.js")
    if "</script" in script.lower():
        raise AssertionError("glossary_page.js may not contain </script")
    # one pass, the data last: nothing inside the data or the script is read as a placeholder
    out = page.replace("{{CSP}}", escape(CSP)).replace("{{TITLE}}", escape(title))
    out = out.replace("{{COUNT}}", f"{len(entries):,}")
    head, _, tail = out.partition("{{SCRIPT}}")
    before, _, after = head.partition("{{DATA}}")
    index = page_index(entries)
    keys = {k: index.pop(k) for k in KEY_TABLES}
    data = _script_json(index) + '</script>\n<script id="glossary-keys" type="application/json">'
    return before + data + _script_json(keys) + after + script + tail


@register("html", "html")
def export_html(entries: list[Entry], *, plain: bool = False) -> str:
    """The glossary as one self-contained, searchable web page (``plain`` changes nothing)."""
    return to_html(entries)
