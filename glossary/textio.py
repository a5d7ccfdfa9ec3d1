"""Reading text files of unknown encoding, as policy documents come: UTF-8 (with or without BOM),
UTF-16, GB18030 and Big5; streamed line by line so that memory does not grow with the input."""

from __future__ import annotations

import codecs
import io
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

_SAMPLE = 1 << 16


@dataclass(frozen=True, slots=True)
class Decoded:
    """What ``detect_encoding`` found: the codec to read with and how many BOM bytes to skip."""

    encoding: str  #: a Python codec name
    label: str  #: what to tell the user ("UTF-8 with BOM", "GB18030" …)
    bom: int = 0


def detect_encoding(head: bytes, *, name: str = "input") -> Decoded:
    """Guess the encoding of a file from its first bytes.

    Args:
        head: up to 64 KiB from the start of the file.
        name: the file's name, for error messages.

    Returns:
        The encoding to read the whole file with.

    Raises:
        InputError: the data is empty, binary or in no supported encoding.

    >>> detect_encoding("八八战略".encode("gb18030")).label
    'GB18030'
    """
    if not head.strip():
        raise InputError(f"{name}: empty input")
    if head.startswith(codecs.BOM_UTF8):
        return Decoded("utf-8", "UTF-8 with BOM", 3)
    if head.startswith(codecs.BOM_UTF32_LE) or head.startswith(codecs.BOM_UTF32_BE):
        enc = "utf-32-le" if head.startswith(codecs.BOM_UTF32_LE) else "utf-32-be"
        return Decoded(enc, "UTF-32 with BOM", 4)
    if head.startswith(codecs.BOM_UTF16_LE):
        return Decoded("utf-16-le", "UTF-16LE with BOM", 2)
    if head.startswith(codecs.BOM_UTF16_BE):
        return Decoded("utf-16-be", "UTF-16BE with BOM", 2)
    nul = head.count(0)
    if nul:
        # UTF-16 without BOM: for CJK and ASCII text one byte of most pairs is NUL on one side.
        # ASCII and line ends put the NUL after the byte in UTF-16LE, before it in UTF-16BE.
        even = head[0::2].count(0)
        odd = head[1::2].count(0)
        enc, label = ("utf-16-le", "UTF-16LE") if odd >= even else ("utf-16-be", "UTF-16BE")
        if _clean(head, enc):
            return Decoded(enc, label)
        raise InputError(f"{name}: binary data (NUL bytes), not a text file")
    if _clean(head, "utf-8"):
        return Decoded("utf-8", "UTF-8")
    gb = _decode(head, "gb18030")
    big5 = _decode(head, "big5hkscs")
    if gb is None and big5 is None:
        raise InputError(
            f"{name}: cannot decode as UTF-8, UTF-16, GB18030 or Big5; convert it to UTF-8 first"
        )
    if big5 is None or (gb is not None and _score(gb, "gb18030") >= _score(big5, "big5")):
        return Decoded("gb18030", "GB18030")
    return Decoded("big5hkscs", "Big5")


def _decode(data: bytes, enc: str) -> str | None:
    # The sample may end inside a multibyte character: decode incrementally, without the final flush.
    try:
        return codecs.getincrementaldecoder(enc)("strict").decode(data, final=False)
    except UnicodeDecodeError:
        return None


def _clean(data: bytes, enc: str) -> bool:
    text = _decode(data, enc)
    if text is None:
        return False
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
    return controls * 100 <= len(text)


def _score(text: str, enc: str) -> float:
    """Share of the decoded Han characters that are common ones in that encoding's own ranking
    (GB2312 level 1, Big5 frequently-used): a wrong decoding yields rare characters and symbols."""
    han = common = 0
    for ch in text:
        if ch < "\u3400":
            continue
        han += 1
        try:
            code = ch.encode("gb2312" if enc == "gb18030" else "big5")
        except UnicodeEncodeError:
            continue
        if len(code) == 2:
            value = code[0] << 8 | code[1]
            if (0xB0A1 <= value <= 0xD7F9) if enc == "gb18030" else (0xA440 <= value <= 0xC67E):
                common += 1
    return common / han if han else 0.0


def open_binary(path: str | os.PathLike[str]) -> tuple[io.BufferedReader, Decoded, str]:
    name = str(path)
    shown = "standard input" if name == "-" else name
    try:
        if name == "-":
            raw = sys.stdin.buffer
        else:
            p = Path(name)
            if p.is_dir():
                raise InputError(f"{name}: is a directory")
            raw = open(p, "rb")  # noqa: SIM115 - returned to the caller
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror})") from None
    buffered = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw)  # type: ignore[arg-type]
    head = buffered.peek(_SAMPLE)[:_SAMPLE]
    if len(head) < _SAMPLE and name == "-":  # a pipe may deliver less than it has: read more
        head = buffered.peek(_SAMPLE)[:_SAMPLE]
    try:
        found = detect_encoding(head, name=shown)
    except InputError:
        if name != "-":
            buffered.close()
        raise
    if found.bom:
        buffered.read(found.bom)
    return buffered, found, shown


def peek_encoding(path: str | os.PathLike[str]) -> Decoded:
    """The encoding of a file (not standard input), which is then closed.

    Raises:
        InputError: as ``open_text``.
    """
    buffered, found, _ = open_binary(path)
    buffered.close()
    return found


def open_text(
    path: str | os.PathLike[str], *, newline: str | None = None
) -> tuple[io.TextIOBase, Decoded]:
    """Open a file for reading as text in the encoding it was written in ("-" is standard input).

    Raises:
        InputError: the file is missing, a directory, unreadable, empty, binary or undecodable.
    """
    buffered, found, _ = open_binary(path)
    text = io.TextIOWrapper(buffered, encoding=found.encoding, errors="strict", newline=newline)
    return text, found


def iter_lines(
    path: str | os.PathLike[str], *, on_encoding=None, keep_ends: bool = False
) -> Iterator[tuple[int, str]]:
    """Yield ``(line_number, line)`` from a file, streaming.

    Args:
        path: a file name, or "-" for standard input.
        on_encoding: called once with the ``Decoded`` result (to report a non-UTF-8 encoding).
        keep_ends: keep each line's end exactly as decoded (for character offsets); else strip it.

    Raises:
        InputError: as ``open_text``, or when a later line cannot be decoded (with its number).
    """
    buffered, found, shown = open_binary(path)
    if on_encoding is not None:
        on_encoding(found)
    closing = str(path) != "-"
    try:
        if found.encoding.startswith("utf-16") or found.encoding.startswith("utf-32"):
            yield from _iter_wide(buffered, found, shown, keep_ends)
            return
        # ASCII-compatible encodings (UTF-8, GB18030, Big5): a newline byte never occurs inside a
        # character, so the input is decoded a block of whole lines at a time (fast), and a block
        # that fails is decoded line by line to name the exact line.
        number = 0
        for block, last in iter_line_blocks(buffered.read):
            text = decode_block(block, found, shown, number)
            yield from split_block(text, number, keep_ends=keep_ends, last=last)
            number += text.count("\n")
    except OSError as exc:
        raise InputError(f"{shown}: read error ({exc.strerror})") from None
    finally:
        if closing:
            buffered.close()


_BLOCK = 1 << 20


def iter_line_blocks(
    read, *, limit: int | None = None, size: int = _BLOCK
) -> Iterator[tuple[bytes, bool]]:
    """Blocks of whole lines from a binary ``read`` function (at most ``limit`` bytes): (block,
    last). Every block ends with a newline; the last line of the input gets one added when it
    has none, and then ``last`` is true (so that ``split_block`` does not keep it)."""
    remaining = limit
    pending = b""
    while True:
        want = size if remaining is None else min(size, remaining)
        chunk = read(want) if want > 0 else b""
        if remaining is not None:
            remaining -= len(chunk)
        data = pending + chunk if pending else chunk
        if not chunk:
            if data:
                yield data + b"\n", True
            return
        cut = data.rfind(b"\n") + 1
        if not cut:
            pending = data
            continue
        pending = data[cut:]
        yield data[:cut], False


def decode_block(block: bytes, found: Decoded, shown: str, number: int) -> str:
    """A block of whole lines decoded; on bad bytes, an error naming the line (counted from
    ``number`` lines before the block)."""
    try:
        return block.decode(found.encoding)
    except UnicodeDecodeError as exc:
        line = number + block[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{shown}: line {line}: bytes that are not {found.label} ({exc.reason})"
        ) from None


def split_block(
    text: str, number: int, *, keep_ends: bool, last: bool = False
) -> Iterator[tuple[int, str]]:
    """The lines of a decoded block of whole lines, numbered on from ``number``; with
    ``keep_ends`` each keeps its end exactly as read (the added newline of a ``last`` block is
    dropped), else line ends are stripped."""
    lines = text.split("\n")
    lines.pop()  # after the final newline
    numbers = range(number + 1, number + 1 + len(lines))
    if not keep_ends:
        yield from zip(numbers, (line.rstrip("\r") for line in lines))
        return
    ends = [line + "\n" for line in lines]
    if last:
        ends[-1] = lines[-1]
    yield from zip(numbers, ends)


def _iter_wide(buffered, found: Decoded, shown: str, keep_ends: bool) -> Iterator[tuple[int, str]]:
    stream = io.TextIOWrapper(
        buffered, encoding=found.encoding, errors="strict", newline="" if keep_ends else None
    )
    number = 0
    try:
        for number, line in enumerate(stream, 1):
            yield number, line if keep_ends else line.rstrip("\n")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{shown}: after line {number}: bytes that are not {found.label} ({exc.reason})"
        ) from None


def read_text(path: str | os.PathLike[str]) -> tuple[str, Decoded]:
    """Read a whole small file (a PO, CSV or TBX) as text in its detected encoding."""
    stream, found = open_text(path)
    name = str(path)
    try:
        with stream:
            return stream.read(), found
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: bytes that are not {found.label} ({exc.reason})") from None


_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def iter_segments(paths, *, labels=None, on_encoding=None):
    """Yield a ``Segment`` for every non-blank line of every file, zero-width characters removed.

    Args:
        paths: file names ("-" for standard input), read one after another, streaming.
        labels: the names to report for ``paths`` (same length); default the paths as given.
        on_encoding: called as ``on_encoding(path, decoded)`` for each file.
    """
    from .models import Segment

    paths = list(paths)
    for path, shown in zip(paths, labels or [str(p) for p in paths]):
        callback = None if on_encoding is None else (lambda found, p=path: on_encoding(p, found))
        for number, line in iter_lines(path, on_encoding=callback):
            text = _INVISIBLE.sub("", line) if _INVISIBLE.search(line) else line
            if text.strip():
                yield Segment(shown, number, text)
