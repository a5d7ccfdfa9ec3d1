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
