"""Normalisation keys: how queries, terms and renderings are compared. Light (no regex until an
English key is asked for), so that the lookup path, ``check`` and the importers can share it
without opening the lookup index."""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import re

#: zero-width characters and soft hyphens: invisible in a document, never part of a term
INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE_CHARS))


def strip_invisible(text: str) -> str:
    """``text`` without zero-width characters and soft hyphens.

    >>> strip_invisible("八八\u200b战略")
    '八八战略'
    """
    return text.translate(_INVISIBLE) if not text.isprintable() else text


def normalize(text: str) -> str:
    """A query or term as compared: NFKC (full-width letters become ASCII), invisible characters
    removed, white space collapsed.

    >>> normalize("Ｄｏｕｂｌｅ\\u200b  Eight")
    'Double Eight'
    """
    if unicodedata.is_normalized("NFKC", text) and " " not in text and text.isprintable():
        return text.strip()
    return " ".join(unicodedata.normalize("NFKC", text).translate(_INVISIBLE).split())


def english_key(text: str) -> str:
    """Case- and punctuation-insensitive form of an English rendering.

    >>> english_key("Double-Eight  Strategy!")
    'double eight strategy'
    """
    return " ".join(english_words(text))


def english_words(text: str) -> list[str]:
    """Lower-case words of an English text (letters and digits; an apostrophe inside a word kept).

    >>> english_words("Two Establishments; 'Four Consciousnesses'")
    ['two', 'establishments', 'four', 'consciousnesses']
    """
    return _word_pattern().findall(normalize(text).lower().replace("’", "'"))


@cache
def _word_pattern() -> re.Pattern[str]:
    import re  # compiled on first use: a lookup by Chinese or pinyin never pays for it

    return re.compile(r"[a-z0-9]+(?:'[a-z]+)*")


#: Quotation marks a term may be written with, by family: mainland, corner (Taiwan, Hong Kong),
#: ASCII, full-width ASCII.
_OUTER_QUOTES = ("“”", "「」", '""', "＂＂")
_INNER_QUOTES = ("‘’", "『』", "''")
_QUOTE_CHARS = "“”‘’「」『』\"'＂＇"


def spellings(form: str) -> list[str]:
    """The ways a document may write a term: as given, NFKC-normalized, with its quotation marks
    in each family (mainland “”‘’, corner 「」『』, ASCII) and without them, so that
    “132”总体工作部署, 「132」總體工作部署 and 132总体工作部署 all find one entry. A form without
    its quotes is kept only when three or more characters remain.

    >>> spellings("“132”总体工作部署")
    ['“132”总体工作部署', '「132」总体工作部署', '"132"总体工作部署', '＂132＂总体工作部署', '132总体工作部署']
    >>> spellings("幸福一‘嘉’人")
    ['幸福一‘嘉’人', '幸福一『嘉』人', "幸福一'嘉'人", '幸福一嘉人']
    >>> spellings("八八战略")
    ['八八战略']
    """
    out = [form, normalize(form)]
    if any(ch in form for ch in _QUOTE_CHARS):
        bare = form
        for ch in _QUOTE_CHARS:
            bare = bare.replace(ch, "")
        # one spelling per family: every outer pair and every inner pair rewritten together
        canonical = form
        for family in _OUTER_QUOTES[1:]:
            canonical = canonical.replace(family[0], "“").replace(family[1], "”")
        for family in _INNER_QUOTES[1:2]:
            canonical = canonical.replace(family[0], "‘").replace(family[1], "’")
        for outer, inner in zip(_OUTER_QUOTES, (*_INNER_QUOTES, "''"), strict=True):
            out.append(
                canonical.replace("“", outer[0])
                .replace("”", outer[1])
                .replace("‘", inner[0])
                .replace("’", inner[1])
            )
        if len(bare) >= 3:
            out.append(bare)
    return list(dict.fromkeys(out))


_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", '"': '"', "'": "'"}


def strip_outer_quotes(term: str) -> str:
    """A term without the quotation marks that surround it whole; marks that belong to a part of
    it stay (工作“大禹鼎” keeps its marks, “两山”理念 too).

    >>> strip_outer_quotes("“八八战略”"), strip_outer_quotes("工作“大禹鼎”"), strip_outer_quotes("“A”“B”")
    ('八八战略', '工作“大禹鼎”', '“A”“B”')
    """
    while len(term) >= 2 and term[0] in _PAIRS and term[-1] == _PAIRS[term[0]]:
        inner = term[1:-1]
        opening, closing = term[0], term[-1]
        depth = 0
        for ch in inner:  # the first mark must close at the very end, not inside
            if ch == opening and opening != closing:
                depth += 1
            elif ch == closing:
                depth -= 1
                if depth < 0:
                    return term
        if opening == closing and inner.count(opening) % 2:
            return term
        term = inner
    return term
