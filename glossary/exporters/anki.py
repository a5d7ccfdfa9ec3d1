"""Flashcards: Anki's own text import format (``export --format anki``).

One note of Anki's built-in ``Basic`` type per entry: the front is the term in simplified
characters with its Taiwan and Hong Kong forms where they differ, the back the pinyin (tone
marks), the preferred English and the definition. The header lines tell Anki everything it
would otherwise ask (separator, HTML, note type, deck, which column holds the tags and which the
note's GUID, the column names), so that File > Import needs no choice, and a later import of a
newer export updates the notes instead of duplicating them (the GUID is derived from the term).

Fields are HTML (``#html:true``): text is escaped, lines are ``<br>``. A field holding the
separator, a line break or a double quote is quoted as Anki's CSV reader expects (``"…"``, an
inner ``"`` doubled); a record never starts with ``#`` (a comment to Anki): the GUID leads.
"""

from __future__ import annotations

import hashlib
from html import escape

from ..models import Entry
from . import register

DECK = "Glossary of Chinese policy terms"
NOTETYPE = "Basic"
#: Columns of a row, as the ``#columns`` header names them (Basic's fields are Front and Back).
COLUMNS = ("GUID", "Front", "Back", "Tags")


def guid(zh: str) -> str:
    """A stable note id for a term, so that re-importing updates the note.

    >>> guid("八八战略")
    'gl-24a8d27182cf04e4'
    """
    return "gl-" + hashlib.sha1(zh.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def field(value: str) -> str:
    """One field of a tab-separated row, quoted when Anki's reader needs it.

    >>> print(field("plain"), field('the "Two Mountains" idea'), field("a\\tb") == '"a\\tb"')
    plain "the ""Two Mountains"" idea" True
    """
    if any(ch in value for ch in '\t\n\r"'):
        return '"' + value.replace('"', '""') + '"'
    return value


def _html(text: str) -> str:
    return "<br>".join(escape(line, quote=False) for line in text.splitlines()) if text else ""


def _front(e: Entry) -> str:
    parts = [f"<span lang=zh-Hans>{_html(e.zh)}</span>"]
    if e.zh_tw and e.zh_tw != e.zh:
        parts.append(f"<span lang=zh-Hant-TW>{_html(e.zh_tw)}</span>")
    if e.zh_hk and e.zh_hk not in (e.zh, e.zh_tw):
        parts.append(f"<span lang=zh-Hant-HK>{_html(e.zh_hk)}</span>")
    return "<br>".join(parts)


def _back(e: Entry) -> str:
    parts = []
    if e.pinyin:
        parts.append(_html(e.pinyin))
    if e.en:
        parts.append(f"<b>{_html(e.en)}</b>")
    if e.definition:
        parts.append(_html(e.definition))
    return "<br>".join(parts)


def tags(e: Entry) -> str:
    """The note's tags: its category and status (Anki tags hold no spaces).

    >>> from glossary.models import Category, Status
    >>> tags(Entry(zh="八八战略", category=Category.SLOGAN, status=Status.OFFICIAL, reviewed=True))
    'category::slogan status::official'
    """
    out = []
    if e.category:
        out.append(f"category::{e.category.value}")
    if e.status:
        out.append(f"status::{e.status.value}")
    if not e.reviewed:
        out.append("unreviewed")
    return " ".join(out)


@register("anki", "txt")
def export_anki(entries: list[Entry], *, plain: bool = False) -> str:
    """The entries as notes of Anki's text import format, header lines first."""
    lines = [
        "#separator:tab",
        "#html:true",
        f"#notetype:{NOTETYPE}",
        f"#deck:{DECK}",
        f"#guid column:{COLUMNS.index('GUID') + 1}",
        f"#tags column:{COLUMNS.index('Tags') + 1}",
        "#columns:" + "\t".join(COLUMNS),
    ]
    for e in entries:
        row = (guid(e.zh), _front(e), _back(e), tags(e))
        lines.append("\t".join(field(v) for v in row))
    return "\n".join(lines) + "\n"
