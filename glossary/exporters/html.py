"""The glossary as one self-contained web page (``glossary html``, ``export --format html``).

The page carries its own CSS and script (``data/glossary_page.html``, ``data/glossary_page.js``)
and the glossary as a compact JSON index computed here with the lookup index's own keys
(``keys.spellings``, ``enrich.fold_pinyin``, ``keys.english_key``/``english_words``), so that
the script only looks keys up and applies ``lookup``'s tiers and ranking. A Content-Security-
Policy of ``default-src 'none'`` means the page cannot make a request: no font, script, image or
beacon can leave the machine, whether it is opened from disk or from a shared drive.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

from ..enrich import fold_pinyin
from ..keys import english_key, english_words, spellings
from ..models import Category, Entry, Status
from . import register

#: Version of the embedded index layout (``GLOSSARY.v`` in the page's script).
INDEX_VERSION = 1

#: The entry's fields in the embedded index, in order (the script reads them by position).
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
)

#: Trust rank as the lookup index computes it: status, then reviewed before unreviewed.
_STATUS_RANK = {"official": 0, "established": 1, "proposed": 2}

#: The parts of the index that only a search reads: a second JSON block, parsed on the first
#: query, so that the list shows before them.
KEY_TABLES = ("pyf", "zh", "py", "in", "en", "words", "syllables")

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)


@cache
def _asset(name: str) -> str:
    return files("glossary.data").joinpath(name).read_text(encoding="utf-8")


def _row(e: Entry) -> list[Any]:
    return [
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
    lookup index numbers them) and the keys that ``lookup`` compares, each mapped to the entry
    positions that have it.

    >>> ix = page_index([Entry(zh="八八战略", en="Double Eight Strategy", pinyin="bā bā zhàn lüè")])
    >>> ix["zh"], ix["py"], ix["in"], ix["en"], sorted(ix["words"])
    ({'八八战略': [0]}, {'babazhanlve': [0], 'babazhanlue': [0]}, {'bbzl': [0]}, {'double eight strategy': [0]}, ['double', 'eight', 'strategy'])
    """
    zh: dict[str, list[int]] = {}
    py: dict[str, list[int]] = {}
    initials: dict[str, list[int]] = {}
    en: dict[str, list[int]] = {}
    words: dict[str, list[int]] = {}
    syllables: set[str] = set()

    def add(table: dict[str, list[int]], key: str, n: int) -> None:
        ids = table.setdefault(key, [])
        if not ids or ids[-1] != n:
            ids.append(n)

    folded_py: list[str] = []
    ranks: list[int] = []
    for n, e in enumerate(entries):
        for form in dict.fromkeys(
            f for raw in (e.zh, e.zh_tw, e.zh_hk, *e.variants) if raw for f in spellings(raw)
        ):
            add(zh, form, n)
        folded = fold_pinyin(e.pinyin)
        folded_py.append(folded)
        syllables.update(fold_pinyin(x) for x in e.pinyin.split())
        add(py, folded, n)
        if "v" in folded:
            add(py, folded.replace("v", "u"), n)
        add(
            initials,
            fold_pinyin("".join(s[0] for s in e.pinyin.lower().split() if s[:1].isalpha())),
            n,
        )
        for text in (e.en, *e.en_alt, e.literal):
            if text:
                add(en, english_key(text), n)
                for w in dict.fromkeys(english_words(text)):
                    add(words, w, n)
        status = e.status.value if e.status else ""
        ranks.append(_STATUS_RANK.get(status, 3) + (0 if e.reviewed else 4))
    return {
        "v": INDEX_VERSION,
        "fields": list(PAGE_FIELDS),
        "entries": [_row(e) for e in entries],
        "order": _pinyin_order(entries),
        "rank": ranks,
        "pyf": folded_py,
        "zh": zh,
        "py": py,
        "in": initials,
        "en": en,
        "words": words,
        "syllables": sorted(x for x in syllables if x.isalpha()),
        "categories": [c.value for c in Category],
        "statuses": [s.value for s in Status],
    }


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
