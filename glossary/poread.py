"""The lookup index's reader of a glossary's catalogues: one streaming pass over the English PO,
no PO library, each entry straight to the row the index stores (``records.ROW_FIELDS``).

It reads what ``glossary build`` writes and what other tools write in plain UTF-8 (continuation
strings, escapes, obsolete entries, previous-msgid comments). Anything it does not take as
plainly valid (another encoding, a control character or tab, a malformed line, a context or
plural entry, a duplicate, a comment key given twice, a bad date) raises ``Unusual``: the caller
then reads the glossary the strict way (``store.read_entries``), which names the problem or reads
what is unusual but valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .bilingual.po import unescape
from .models import Category, Status
from .store import HUMAN_KEYS

#: A row of ``records.ROW_FIELDS``.
Row = tuple[
    str,
    str,
    str,
    str,
    str,
    str,
    str,
    str,
    str,
    str,
    str,
    str,
    str,
    str,
    int,
    str,
    str,
    str,
    str,
    str,
    str,
    str,
    str,
]

_CATEGORIES = frozenset(c.value for c in Category)
_STATUSES = frozenset(s.value for s in Status)
_LISTS = {"en-alt": 0, "en-deprecated": 1, "variant": 2, "note": 3, "part": 4, "parts-former": 5}
_SINGLE = frozenset(k for k in HUMAN_KEYS if k not in _LISTS)
# a control character, a line or paragraph separator, a lone surrogate, a tab or a carriage
# return anywhere in the text: the strict reader says which and where
_UNUSUAL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_UNUSUAL_IN_TEXT = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CHUNK = 1 << 22


class Unusual(Exception):
    """What the fast reader does not take; the strict reader decides."""


def _lines(path: str) -> Iterator[str]:
    """The lines of a UTF-8 file (without line feeds), read in blocks."""
    for chunk in _chunks(path):
        yield from (chunk[:-1] if chunk.endswith("\n") else chunk).split("\n")


def _decoded(data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise Unusual("not UTF-8") from None
    if _UNUSUAL_IN_TEXT.search(text):
        raise Unusual("a control character")
    return text


def _string(rest: str) -> str:
    """The value of a quoted PO string ``"…"`` (after its keyword)."""
    if len(rest) < 2 or rest[0] != '"' or rest[-1] != '"':
        raise Unusual("malformed line")
    inner = rest[1:-1]
    if "\\" in inner:
        if re.search(r'(?<!\\)(?:\\\\)*"', inner):
            raise Unusual("malformed line")
        return unescape(inner)
    if '"' in inner:
        raise Unusual("malformed line")
    return inner


def read_forms(path: str) -> dict[str, str]:
    """msgid -> msgstr of a traditional catalogue (the header and obsolete entries left out)."""
    out: dict[str, str] = {}
    msgid: list[str] | None = None
    current: list[str] | None = None
    msgstr: list[str] | None = None
    for raw in _lines(path):
        line = raw.strip()
        if not line or line[0] == "#":
            if msgstr is not None and msgid is not None:
                out["".join(msgid)] = "".join(msgstr)
                msgid = msgstr = current = None
            continue
        if line[0] == '"':
            if current is None:
                raise Unusual("a stray string")
            current.append(_string(line))
        elif line.startswith("msgid "):
            if msgstr is not None and msgid is not None:
                out["".join(msgid)] = "".join(msgstr)
            elif msgid is not None:
                raise Unusual("msgid without msgstr")
            msgid, msgstr = [_string(line[6:].strip())], None
            current = msgid
        elif line.startswith("msgstr "):
            if msgid is None or msgstr is not None:
                raise Unusual("msgstr without msgid")
            msgstr = [_string(line[7:].strip())]
            current = msgstr
        else:
            raise Unusual("malformed line")
    if msgid is not None and msgstr is not None:
        out["".join(msgid)] = "".join(msgstr)
    out.pop("", None)
    return out


def _blocks(path: str) -> Iterator[str]:
    """The blank-line-separated blocks of a UTF-8 file."""
    pending = ""
    for chunk in _chunks(path):
        parts = (pending + chunk).split("\n\n")
        pending = parts.pop()
        yield from parts
    if pending:
        yield pending


def _chunks(path: str) -> Iterator[str]:
    """A UTF-8 file's text in large pieces, each cut after a line feed."""
    with open(path, "rb") as f:
        head = f.read(3)
        rest = b"" if head == b"\xef\xbb\xbf" else head
        while True:
            block = f.read(_CHUNK)
            data = rest + block
            if not block:
                if data:
                    yield _decoded(data)
                return
            cut = data.rfind(b"\n") + 1
            if not cut:
                rest = data
                continue
            rest = data[cut:]
            yield _decoded(data[:cut])


def _strings(lines: list[str], start: int, keyword: str) -> tuple[str, int]:
    """The value of ``keyword``'s string at ``lines[start]`` and its continuation lines, and
    the index of the line after them."""
    line = lines[start]
    if not line.startswith(keyword):
        raise Unusual("malformed entry")
    parts = [_string(line[len(keyword) :].strip())]
    end = start + 1
    while end < len(lines) and lines[end][:1] == '"':
        parts.append(_string(lines[end].rstrip()))
        end += 1
    return "".join(parts), end


def read_rows(path: str, tw: dict[str, str], hk: dict[str, str]) -> Iterator[Row]:
    """The rows of the active entries of the English catalogue at ``path``, in file order, with
    the traditional catalogues' forms ``tw`` and ``hk``.

    Raises:
        Unusual: see the module's note.
    """
    seen: set[int] = set()
    for raw in _blocks(path):
        block = raw.strip("\n") if raw[:1] == "\n" or raw[-1:] == "\n" else raw
        if not block:
            continue
        if block.startswith("msgid "):
            head, at = "", 0
        else:
            at = block.find("\nmsgid ") + 1
            if not at:
                if "#~" in block and all(line[:1] == "#" for line in block.split("\n")):
                    continue  # an obsolete entry
                raise Unusual("a block without msgid")
            head = block[:at]
        body = block[at:].rstrip("\n")
        if body.count("\n") == 1:
            first, second = body.split("\n")
            if not second.startswith("msgstr "):
                raise Unusual("msgid without msgstr")
            zh = _string(first[6:].strip())
            en = _string(second[7:].strip())
        else:
            lines = body.split("\n")
            zh, end = _strings(lines, 0, "msgid ")
            if end >= len(lines):
                raise Unusual("msgid without msgstr")
            en, end = _strings(lines, end, "msgstr ")
            if end != len(lines):
                raise Unusual("malformed entry")
        if not zh:
            continue  # the header
        h = hash(zh)
        if h in seen:
            raise Unusual("a duplicate msgid")
        seen.add(h)
        if _UNUSUAL.search(zh + en):
            raise Unusual("an escaped control character")
        single: dict[str, str] = {}
        lists: tuple[list[str], ...] = ([], [], [], [], [], [])
        generated: dict[str, str] = {}
        part_of: list[str] = []
        refs: list[str] = []
        fuzzy = False
        for line in head[:-1].split("\n") if head else ():
            kind = line[:2]
            if kind == "#.":
                key, _, value = line[2:].partition(":")
                key = key.strip()
                if key == "part-of":
                    if value.strip():
                        part_of.append(value.strip())
                elif key not in generated:
                    generated[key] = value.strip()
            elif kind == "# ":
                key, sep, value = line[2:].partition(":")
                value = value.strip()
                if sep and key in _SINGLE:
                    if key in single:
                        raise Unusual("a key given twice")
                    if value:
                        single[key] = value
                elif sep and key in _LISTS:
                    if value:
                        lists[_LISTS[key]].append(value)
                elif line[2:].strip():
                    lists[3].append(line[2:].strip())
            elif kind == "#:":
                refs += line[2:].split()
            elif kind == "#,":
                fuzzy = fuzzy or "fuzzy" in [f.strip() for f in line[2:].split(",")]
            elif kind == "#~":
                raise Unusual("an obsolete line in an active entry")
            elif kind[:1] != "#":
                raise Unusual("malformed line")
            elif kind != "#|" and line[1:].strip():
                lists[3].append(line[1:].strip())
        status = single.get("status") or generated.get("status", "")
        category = generated.get("category", "")
        reviewed_on = single.get("reviewed-on", "")
        if reviewed_on and not _DATE.fullmatch(reviewed_on):
            raise Unusual("a bad date")
        deprecated = lists[1]
        if deprecated and any(not d.partition("|")[0].strip() for d in deprecated):
            raise Unusual("a deprecated rendering without its text")
        parts, former = lists[4], lists[5]
        if parts and any(not p.partition("|")[0].strip() for p in parts):
            raise Unusual("a part without its text")
        if former and any(not _plain_former(f) for f in former):
            raise Unusual("a malformed former version of the parts")
        yield (
            zh,
            en,
            "\n".join(lists[0]),
            "\n".join(deprecated),
            "\n".join(lists[2]),
            single.get("literal", ""),
            single.get("definition", ""),
            category if category in _CATEGORIES else "",
            status if status in _STATUSES else "",
            single.get("source", ""),
            single.get("pinyin") or generated.get("pinyin", ""),
            single.get("pinyin-orthographic", ""),
            single.get("zh-TW") or tw.get(zh) or generated.get("zh-TW", ""),
            single.get("zh-HK") or hk.get(zh) or generated.get("zh-HK", ""),
            0 if fuzzy or not en else 1,
            single.get("reviewed-by", ""),
            reviewed_on,
            "\n".join(refs),
            "\n".join(parts),
            single.get("parts-source", ""),
            "\n".join(former),
            single.get("no-parts", ""),
            "\n".join(part_of),
        )


def _plain_former(text: str) -> bool:
    """A ``parts-former`` value that the strict reader takes as it is: a period, then parts."""
    period, sep, rest = text.partition("|")
    parts = rest.partition("|")[0]
    return bool(sep and period.strip() and any(x.strip() for x in parts.split(";")))
