"""Bilingual PO: msgid Chinese, msgstr English.

Some tools write an identifier as the msgid and carry the source elsewhere: then the Chinese is
taken from msgctxt, or from an extracted comment ``#. zh: …`` / ``#. source: …``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..errors import FormatError
from . import State, Unit

# A PO line outside comments: a keyword and a string, or a continuation string. polib accepts
# some malformed lines silently (an unterminated string swallows the next entry); this does not.
# (The glossary's own catalogues have stricter rules: store.check_po_syntax.)
_PO_LINE = re.compile(
    r'^(?:#~\s*)?(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*$'
)
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SOURCE_COMMENT = re.compile(r"^(?:zh|zh-\w+|source|chinese)\s*:\s*(.+)$", re.I)


def _source_of(msgid: str, msgctxt: str | None, comment: str) -> str:
    if _HAN.search(msgid):
        return msgid
    if msgctxt and _HAN.search(msgctxt):
        return msgctxt
    for line in comment.splitlines():
        m = _SOURCE_COMMENT.match(line.strip())
        if m and _HAN.search(m.group(1)):
            return m.group(1).strip()
    return msgid


def iter_po(text: str, name: str) -> Iterator[Unit]:
    """Yield the units of a PO file's text (obsolete ``#~`` entries and the header left out).

    Raises:
        FormatError: a malformed line (with its number), a plural entry.
    """
    import polib

    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and not _PO_LINE.match(stripped):
            raise FormatError(name, number, f"malformed PO line: {stripped[:60]!r}")
    try:
        po = polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError) as exc:
        m = re.search(r"\(line (\d+)\)", str(exc))
        raise FormatError(name, int(m.group(1)) if m else None, "malformed PO") from None
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        if entry.msgid_plural:
            target = entry.msgstr_plural.get(0, "") if entry.msgstr_plural else ""
        else:
            target = entry.msgstr
        if "fuzzy" in entry.flags and target:
            state = State.FUZZY
        elif target:
            state = State.TRANSLATED
        else:
            state = State.UNTRANSLATED
        source = _source_of(entry.msgid, entry.msgctxt, entry.comment or "")
        yield Unit(
            file=name,
            id=entry.msgctxt or str(entry.linenum),
            line=entry.linenum,
            source=source,
            target=target,
            state=state,
            note=entry.tcomment or "",
        )
