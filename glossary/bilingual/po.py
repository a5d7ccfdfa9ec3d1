"""Bilingual PO: msgid Chinese, msgstr English.

Some tools write an identifier as the msgid and carry the source elsewhere: then the Chinese is
taken from msgctxt, or from an extracted comment ``#. zh: …`` / ``#. source: …``.

Read in one pass without a PO library (a 10,000-segment job in a fraction of polib's time), with
the line of every entry; a malformed line is refused with its number."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..errors import FormatError
from . import State, Unit

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SOURCE_COMMENT = re.compile(r"^(?:zh|zh-\w+|source|chinese)\s*:\s*(.+)$", re.I)
_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(\".*)$")
_BARE_QUOTE = re.compile(r'(?<!\\)(?:\\\\)*"')
_UNESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b"}


def unescape(text: str) -> str:
    r"""The value of a PO string's inside (``\n``, ``\t``, ``\"``, ``\\`` …).

    >>> unescape(r'He said \"go\"\n')
    'He said "go"\n'
    """
    if "\\" not in text:
        return text
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            out.append(_UNESCAPES.get(text[i + 1], text[i + 1]))
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _string(rest: str, name: str, number: int, line: str) -> str:
    """The inside of a quoted PO string ``rest`` (``"…"``), checked."""
    if len(rest) < 2 or not rest.endswith('"'):
        raise FormatError(name, number, f"malformed PO line: {line[:60]!r}")
    inner = rest[1:-1]
    # an unescaped quote inside means the string ended early: a stray line or a broken string
    if '"' in inner and _BARE_QUOTE.search(inner):
        raise FormatError(name, number, f"malformed PO line: {line[:60]!r}")
    return inner


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


class _Entry:
    __slots__ = ("extracted", "flags", "line", "notes", "parts", "translated")

    def __init__(self, line: int) -> None:
        self.line = line
        self.translated = False  #: has a msgstr (a msgctxt, msgid or comment starts the next)
        self.parts: dict[str, list[str]] = {}
        self.flags: list[str] = []
        self.extracted: list[str] = []
        self.notes: list[str] = []


def _lines(text: str) -> Iterator[str]:
    """``text.split("\\n")`` one line at a time (no list of every line held while the units
    are checked).

    >>> list(_lines("a\\nb\\n"))
    ['a', 'b', '']
    """
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start:end]
        start = end + 1


def iter_po(text: str, name: str) -> Iterator[Unit]:
    """Yield the units of a PO file's text (obsolete ``#~`` entries and the header left out).

    Raises:
        FormatError: a malformed line (with its number).
    """
    entry: _Entry | None = None
    key = ""

    def unit(e: _Entry) -> Unit | None:
        if "msgid" not in e.parts:
            return None
        msgid = unescape("".join(e.parts["msgid"]))
        if not msgid:
            return None  # the header
        ctxt = unescape("".join(e.parts["msgctxt"])) if "msgctxt" in e.parts else None
        target = unescape("".join(e.parts.get("msgstr", e.parts.get("msgstr[0]", []))))
        if "fuzzy" in e.flags and target:
            state = State.FUZZY
        elif target:
            state = State.TRANSLATED
        else:
            state = State.UNTRANSLATED
        source = _source_of(msgid, ctxt, "\n".join(e.extracted))
        return Unit(name, ctxt or str(e.line), e.line, source, target, state, "\n".join(e.notes))

    for number, raw in enumerate(_lines(text), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if entry is not None and entry.translated:
                done = unit(entry)
                if done is not None:
                    yield done
                entry = None
            if line.startswith("#~"):
                key = "#~"
                continue
            if entry is None:
                entry = _Entry(number)
            if line.startswith("#,"):
                entry.flags += [f.strip() for f in line[2:].split(",")]
            elif line.startswith("#."):
                entry.extracted.append(line[2:].strip())
            elif line.startswith("# ") or line == "#":
                entry.notes.append(line[2:])
            continue
        if line.startswith('"'):
            if key == "#~":
                continue
            continued = entry.parts.get(key) if entry is not None else None
            if continued is None:  # no keyword line before it in this entry
                raise FormatError(name, number, f"malformed PO line: {line[:60]!r}")
            continued.append(_string(line, name, number, line))
            continue
        if line.startswith('msgid "'):  # the common keywords without the regex
            word, rest = "msgid", line[6:]
        elif line.startswith('msgstr "'):
            word, rest = "msgstr", line[7:]
        else:
            m = _KEYWORD.match(line)
            if m is None:
                raise FormatError(name, number, f"malformed PO line: {line[:60]!r}")
            word, rest = m.group(1), m.group(2).strip()
        if word in ("msgctxt", "msgid") and entry is not None and entry.translated:
            done = unit(entry)
            if done is not None:
                yield done
            entry = None
        if entry is None:
            entry = _Entry(number)
        key = word
        entry.parts[key] = [_string(rest, name, number, line)]
        if word.startswith("msgstr"):
            entry.translated = True
    if entry is not None:
        done = unit(entry)
        if done is not None:
            yield done
