"""Reading text files of unknown encoding, as policy documents come: UTF-8 (with or without BOM),
UTF-16, GB18030 and Big5; streamed line by line so that memory does not grow with the input."""

from __future__ import annotations

import codecs
import io
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple

from .errors import InputError

if TYPE_CHECKING:
    from .models import Segment

_SAMPLE = 1 << 16
MAX_LINE = 1 << 20  #: longest line read (bytes, or characters of UTF-16/32): memory stays bounded
_BLOCK = 1 << 20


@dataclass(frozen=True, slots=True)
class Decoded:
    """What ``detect_encoding`` found: the codec to read with and how many BOM bytes to skip."""

    encoding: str  #: a Python codec name
    label: str  #: what to tell the user ("UTF-8 with BOM", "GB18030" …)
    bom: int = 0


# How sure a guess must be: the share of decoded characters that are ordinary text (UTF-16 without
# BOM), and of Han characters that are common ones (GB18030, Big5).
_TEXT_SHARE = 0.9
_COMMON_HAN = 0.5


def detect_encoding(head: bytes, *, name: str = "input") -> Decoded:
    """Guess the encoding of a file from its first bytes, on evidence only.

    A BOM decides; else UTF-8 when the bytes are valid UTF-8 (a stray NUL or control character
    does not make text binary); else UTF-16 without BOM when its NUL bytes sit on one side of the
    code units and it decodes to ordinary text; else GB18030 or Big5 when most of the Han
    characters decoded are common ones in that encoding's own ranking. Anything else is refused,
    saying what it looks like.

    Args:
        head: up to 64 KiB from the start of the file.
        name: the file's name, for error messages.

    Returns:
        The encoding to read the whole file with.

    Raises:
        InputError: the data is empty, binary, or in no supported encoding with enough evidence.

    >>> detect_encoding("八八战略".encode("gb18030")).label
    'GB18030'
    """
    if not head.strip():
        raise InputError(f"{name}: empty input")
    if head.startswith(codecs.BOM_UTF8):
        return Decoded("utf-8", "UTF-8 with BOM", 3)
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        enc = "utf-32-le" if head.startswith(codecs.BOM_UTF32_LE) else "utf-32-be"
        return Decoded(enc, "UTF-32 with BOM", 4)
    if head.startswith(codecs.BOM_UTF16_LE):
        return Decoded("utf-16-le", "UTF-16LE with BOM", 2)
    if head.startswith(codecs.BOM_UTF16_BE):
        return Decoded("utf-16-be", "UTF-16BE with BOM", 2)
    if _clean(head, "utf-8") or _mostly_utf8(head):
        return Decoded("utf-8", "UTF-8")
    nul = head.count(0)
    if nul:
        # UTF-16 without BOM: ASCII and line ends put a NUL byte on one side of each pair (after
        # the byte in UTF-16LE, before it in UTF-16BE), and the text decoded is ordinary text;
        # UTF-8 or binary data with NUL bytes has them anywhere and decodes to noise.
        even = head[0::2].count(0)
        odd = head[1::2].count(0)
        enc, label = ("utf-16-le", "UTF-16LE") if odd >= even else ("utf-16-be", "UTF-16BE")
        text = _decode(head, enc)
        if text is None:  # bad code units (a lone surrogate): judge the text before them
            text = _valid_prefix(head, enc)
            text = text if len(text) >= 16 else None
        if (
            max(even, odd) >= 0.75 * nul
            and text is not None
            and _clean_text(text)
            and _text_share(text) >= _TEXT_SHARE
        ):
            return Decoded(enc, label)
        raise InputError(f"{name}: binary data (NUL bytes), not a text file")
    gb = _decode(head, "gb18030")
    big5 = _decode(head, "big5hkscs")
    scored = [
        (_score(text, enc), enc, label)
        for text, enc, label in ((gb, "gb18030", "GB18030"), (big5, "big5hkscs", "Big5"))
        if text is not None and _clean_text(text)
    ]
    if not scored:
        raise InputError(
            f"{name}: cannot decode as UTF-8, UTF-16, GB18030 or Big5"
            f"{_looks_like(head)}; convert it to UTF-8 first"
        )
    score, enc, label = max(scored, key=lambda s: s[0])  # GB18030 first on a tie
    chosen = gb if enc == "gb18030" else big5
    if score < _COMMON_HAN or _kana_share(chosen or "") > 0.02:
        raise InputError(
            f"{name}: not UTF-8, and GB18030/Big5 decoding is doubtful"
            f" ({score:.0%} common Han characters{_looks_like(head)}); convert it to UTF-8 first"
        )
    return Decoded(enc, label)


def _decode(data: bytes, enc: str) -> str | None:
    # The sample may end inside a multibyte character: decode incrementally, without the final flush.
    try:
        return codecs.getincrementaldecoder(enc)("strict").decode(data, final=False)
    except UnicodeDecodeError:
        return None


def _valid_prefix(data: bytes, enc: str) -> str:
    try:
        data.decode(enc)
    except UnicodeDecodeError as exc:
        return _decode(data[: exc.start], enc) or ""
    return ""


def _mostly_utf8(head: bytes) -> bool:
    """UTF-8 up to some bad bytes, after enough multibyte characters to be sure (GB18030 and Big5
    almost never form them): the reader then names the bad line."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = head[: exc.start].decode("utf-8")
        return sum(1 for ch in before if ord(ch) > 0x7F) >= 16 and _clean_text(before)
    return False


def _clean_text(text: str) -> bool:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
    return controls * 100 <= len(text)


def _clean(data: bytes, enc: str) -> bool:
    text = _decode(data, enc)
    return text is not None and _clean_text(text)


def _ordinary(ch: str) -> bool:
    o = ord(ch)
    return (
        32 <= o < 127
        or ch in "\r\n\t\f"
        or 0xA0 <= o <= 0x24F  # Latin
        or 0x2000 <= o <= 0x206F  # punctuation
        or 0x3000 <= o <= 0x30FF  # CJK punctuation, kana
        or 0x3400 <= o <= 0x4DBF
        or 0x4E00 <= o <= 0x9FFF  # Han
        or 0xFF00 <= o <= 0xFFEF  # full-width forms
    )


def _text_share(text: str) -> float:
    return sum(map(_ordinary, text)) / len(text) if text else 0.0


def _kana_share(text: str) -> float:
    wide = [ch for ch in text if ord(ch) >= 0x3000]
    return sum(1 for ch in wide if "\u3040" <= ch <= "\u30ff") / len(wide) if wide else 0.0


def _looks_like(head: bytes) -> str:
    """ ", looks like Shift-JIS?" and the like, when a Japanese decoding reads as kana text."""
    for enc, label in (("shift_jis", "Shift-JIS"), ("euc_jp", "EUC-JP"), ("euc_kr", "EUC-KR")):
        text = _decode(head, enc)
        if text is None or not _clean_text(text):
            continue
        if enc == "euc_kr":
            if sum(1 for ch in text if "\uac00" <= ch <= "\ud7a3") > len(text) // 4:
                return f"; looks like {label}?"
        elif _kana_share(text) > 0.1:
            return f"; looks like {label}?"
    return ""


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


class _Prefixed(io.RawIOBase):
    """A stream that first gives back the bytes already read from it (the detection sample), so
    that a pipe is read once and never seeked."""

    def __init__(self, head: bytes, rest: BinaryIO, *, owned: bool) -> None:
        self._head = memoryview(head)
        self._rest = rest
        self._owned = owned

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self._head:
            n = min(len(view), len(self._head))
            view[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(view))
        view[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed and self._owned:
            self._rest.close()
        super().close()


class _Stdin(io.RawIOBase):
    """Standard input read once to its end: each read takes what one read of the descriptor
    gives (``read1``: a line from a terminal), and once the input has ended every later read
    ends at once, so that no reader goes back to wait for more: on a terminal one Ctrl-D ends
    the input, also after text without a final newline (which the terminal hands over at the
    first Ctrl-D: a short read that does not end a line)."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._read = getattr(stream, "read1", None) or stream.read
        try:
            self._tty = stream.isatty()
        except (AttributeError, ValueError, OSError):
            self._tty = False
        self._ended = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._ended:
            return 0
        view = memoryview(buffer).cast("B")
        data = self._read(len(view))
        if not data or (self._tty and len(data) < len(view) and not data.endswith(b"\n")):
            self._ended = True
        view[: len(data)] = data
        return len(data)

    def isatty(self) -> bool:
        return self._tty


def stdin_is_terminal() -> bool:
    """Whether standard input is a terminal (a person typing, who should be told what it waits
    for)."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError, OSError):
        return False


# A pipe or FIFO whose encoding ``peek_encoding`` read: kept open for the next ``open_binary``
# of the same name (its bytes can be read only once).
_PEEKED: dict[str, tuple[io.BufferedReader, Decoded, str]] = {}


def open_binary(path: str | os.PathLike[str]) -> tuple[io.BufferedReader, Decoded, str]:
    """Open a file ("-": standard input) for reading, its encoding detected and its BOM skipped:
    (binary stream, encoding, name to show). A regular file is read from its start again after
    the sample; a pipe, FIFO or device is read once, as a stream (never stat-sized or seeked).

    Raises:
        InputError: missing, a directory, unreadable, empty, binary or in no known encoding.
    """
    name = str(path)
    if name in _PEEKED:
        return _PEEKED.pop(name)
    shown = "standard input" if name == "-" else name
    try:
        if name == "-":
            raw: BinaryIO = _Stdin(sys.stdin.buffer)  # type: ignore[assignment]
        else:
            if os.path.isdir(name):
                raise InputError(f"{name}: is a directory")
            raw = open(name, "rb")  # noqa: SIM115 - returned to the caller
        regular = name != "-" and stat.S_ISREG(os.fstat(raw.fileno()).st_mode)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror})") from None
    except (AttributeError, io.UnsupportedOperation):  # a standard input without a descriptor
        regular = False
    try:
        head = _read_head(raw)
        found = detect_encoding(head, name=shown)
    except OSError as exc:
        if name != "-":
            raw.close()
        raise InputError(f"{shown}: read error ({exc.strerror})") from None
    except InputError:
        if name != "-":
            raw.close()
        raise
    if regular and isinstance(raw, io.BufferedReader):
        raw.seek(found.bom)
        return raw, found, shown
    stream = io.BufferedReader(_Prefixed(head[found.bom :], raw, owned=name != "-"), _BLOCK)
    return stream, found, shown  # type: ignore[return-value]  # a BufferedReader all the same


def _read_head(raw: BinaryIO) -> bytes:
    """Up to ``_SAMPLE`` bytes: a pipe may deliver less per read than it has, so read on."""
    parts: list[bytes] = []
    size = 0
    while size < _SAMPLE:
        chunk = raw.read(_SAMPLE - size)
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    return b"".join(parts)


def peek_encoding(path: str | os.PathLike[str]) -> Decoded:
    """The encoding of a file. A regular file is closed again; a pipe or FIFO stays open for the
    next ``open_binary`` of the same name, which then gets its bytes from the start.

    Raises:
        InputError: as ``open_binary``.
    """
    name = str(path)
    opened = open_binary(path)
    buffered, found, _ = opened
    if name == "-" or isinstance(buffered.raw, _Prefixed):
        _PEEKED[name] = opened
    else:
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


class TextBlock(NamedTuple):
    """Whole lines of a file, decoded: ``text`` ends with a newline (one is added after a last
    line without one, and then ``last`` is true); ``number`` lines came before it; ``raw`` is
    the very bytes when the file is UTF-8 (else None)."""

    text: str
    number: int
    last: bool
    raw: bytes | None


def iter_blocks(
    path: str | os.PathLike[str],
    *,
    on_encoding: Callable[[Decoded], object] | None = None,
    empty_ok: bool = False,
) -> Iterator[TextBlock]:
    """The file as decoded blocks of whole lines, streaming in bounded memory: every reader
    (lines, counting, extraction) goes through here, so they all fail alike, naming the line.

    Args:
        path: a file name, or "-" for standard input.
        on_encoding: called once with the ``Decoded`` result (to report a non-UTF-8 encoding).
        empty_ok: an empty input yields nothing (else it is an error).

    Raises:
        InputError: as ``open_binary``; bytes that do not decode, or a line longer than
            ``MAX_LINE``, with the line's number.
    """
    try:
        buffered, found, shown = open_binary(path)
    except InputError as exc:
        if empty_ok and str(exc).endswith(": empty input"):
            return
        raise
    if on_encoding is not None:
        on_encoding(found)
    try:
        if found.encoding.startswith(("utf-16", "utf-32")):
            yield from _iter_wide_blocks(buffered, found, shown)
            return
        # ASCII-compatible encodings (UTF-8, GB18030, Big5): a newline byte never occurs inside a
        # character, so the input is decoded a block of whole lines at a time.
        number = 0
        utf8 = found.encoding == "utf-8"
        for block, last in iter_line_blocks(buffered.read, name=shown):
            text = decode_block(block, found, shown, number)
            yield TextBlock(text, number, last, block if utf8 else None)
            number += text.count("\n")
    except OSError as exc:
        raise InputError(f"{shown}: read error ({exc.strerror})") from None
    finally:
        if str(path) != "-":
            buffered.close()


_WIDE_DECODERS: dict[str, Callable[[bytes, str, bool], tuple[str, int]]] = {
    "utf-16-le": codecs.utf_16_le_decode,
    "utf-16-be": codecs.utf_16_be_decode,
    "utf-32-le": codecs.utf_32_le_decode,
    "utf-32-be": codecs.utf_32_be_decode,
}


def _iter_wide_blocks(
    buffered: io.BufferedReader, found: Decoded, shown: str
) -> Iterator[TextBlock]:
    """UTF-16/32: bytes decoded a bounded chunk at a time (a character or surrogate pair cut by
    a chunk waits for the next), split into blocks of whole lines."""
    decode = _WIDE_DECODERS[found.encoding]
    pending = b""
    carry = ""
    number = 0
    while True:
        chunk = buffered.read(_BLOCK)
        data = pending + chunk
        final = not chunk
        try:
            text, used = decode(data, "strict", final)
        except UnicodeDecodeError as exc:
            before = carry + decode(data[: exc.start], "strict", False)[0]
            line = number + before.count("\n") + 1
            raise InputError(
                f"{shown}: line {line}: bytes that are not {found.label} ({exc.reason})"
            ) from None
        pending = data[used:]
        if carry:
            end = text.find("\n")
            if len(carry) + (end if end >= 0 else len(text)) > MAX_LINE:
                raise InputError(_too_long(shown, number + 1))
        text = carry + text
        if final:
            if text:
                yield TextBlock(text if text.endswith("\n") else text + "\n", number, True, None)
            return
        cut = text.rfind("\n") + 1
        carry = text[cut:]
        if len(carry) > MAX_LINE:
            raise InputError(_too_long(shown, number + text[:cut].count("\n") + 1))
        if cut:
            block = text[:cut]
            yield TextBlock(block, number, False, None)
            number += block.count("\n")


def _too_long(shown: str, line: int) -> str:
    return (
        f"{shown}: line {line}: longer than {MAX_LINE >> 20} MiB without a line break"
        " (not a text document?)"
    )


def iter_lines(
    path: str | os.PathLike[str],
    *,
    on_encoding: Callable[[Decoded], object] | None = None,
    keep_ends: bool = False,
    empty_ok: bool = False,
) -> Iterator[tuple[int, str]]:
    """Yield ``(line_number, line)`` from a file, streaming (``iter_blocks``).

    Args:
        path: a file name, or "-" for standard input.
        on_encoding: called once with the ``Decoded`` result (to report a non-UTF-8 encoding).
        keep_ends: keep each line's end exactly as decoded (for character offsets); else strip it.
        empty_ok: an empty input has no lines (else it is an error).

    Raises:
        InputError: as ``iter_blocks``.
    """
    for block in iter_blocks(path, on_encoding=on_encoding, empty_ok=empty_ok):
        yield from split_block(block.text, block.number, keep_ends=keep_ends, last=block.last)


def iter_utf8_blocks(
    path: str | os.PathLike[str], *, on_encoding: Callable[[Decoded], object] | None = None
) -> Iterator[bytes]:
    """UTF-8 blocks of whole lines of a file, checked like every reader's (``iter_blocks``): the
    bytes as they are when the file is UTF-8, else decoded and encoded again. For counting."""
    for block in iter_blocks(path, on_encoding=on_encoding):
        yield block.raw if block.raw is not None else block.text.encode("utf-8")


def iter_line_blocks(
    read: Callable[[int], bytes],
    *,
    limit: int | None = None,
    size: int = _BLOCK,
    name: str = "input",
    number: int = 0,
) -> Iterator[tuple[bytes, bool]]:
    """Blocks of whole lines from a binary ``read`` function (at most ``limit`` bytes): (block,
    last). Every block ends with a newline; the last line of the input gets one added when it
    has none, and then ``last`` is true (so that ``split_block`` does not keep it).

    Raises:
        InputError: a line longer than ``MAX_LINE`` bytes (``name`` and the line's number,
            counted on from ``number``): memory stays bounded whatever the input.
    """
    remaining = limit
    pending = b""
    while True:
        want = size if remaining is None else min(size, remaining)
        chunk = read(want) if want > 0 else b""
        if remaining is not None:
            remaining -= len(chunk)
        if pending:
            end = chunk.find(b"\n")
            if len(pending) + (end if end >= 0 else len(chunk)) > MAX_LINE:
                raise InputError(_too_long(name, number + 1))
        data = pending + chunk if pending else chunk
        if not chunk:
            if data:
                yield data + b"\n", True
            return
        cut = data.rfind(b"\n") + 1
        if len(data) - cut > MAX_LINE:
            raise InputError(_too_long(name, number + data.count(b"\n", 0, cut) + 1))
        if not cut:
            pending = data
            continue
        pending = data[cut:]
        number += data.count(b"\n", 0, cut)
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
        yield from zip(numbers, (line.rstrip("\r") for line in lines), strict=True)
        return
    ends = [line + "\n" for line in lines]
    if last:
        ends[-1] = lines[-1]
    yield from zip(numbers, ends, strict=True)


_CHARSET = re.compile(rb'^"Content-Type:[^"\n]*charset=([A-Za-z0-9_.:-]+)', re.M)


def read_text(path: str | os.PathLike[str], *, po: bool = False) -> tuple[str, Decoded]:
    """Read a whole small file (a PO, CSV or TBX) as text in its detected encoding.

    With ``po``, the charset that a PO header declares (``Content-Type: …; charset=GB18030``) is
    used unless a BOM says otherwise: the same decoder serves every reader of a catalogue.

    Raises:
        InputError: missing, unreadable, empty, binary, or bytes that do not decode (line named).
    """
    name = str(path)
    blocks: list[str] = []
    seen: list[Decoded] = []
    if po:
        declared = _declared_charset(name)
        if declared is not None:
            try:
                with open(name, "rb") as f:
                    data = f.read()
            except OSError as exc:
                raise InputError(f"{name}: cannot read ({exc.strerror})") from None
            return _universal(decode_block(data, declared, name, 0)), declared
    for block in iter_blocks(path, on_encoding=seen.append):
        blocks.append(block.text[:-1] if block.last else block.text)
    return _universal("".join(blocks)), seen[0]


def _universal(text: str) -> str:
    """Line ends as ``\n`` (what a text-mode read gives)."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _declared_charset(name: str) -> Decoded | None:
    """The encoding a PO header declares, when it is not UTF-8 and no BOM contradicts it."""
    try:
        with open(name, "rb") as f:
            head = f.read(_SAMPLE)
    except OSError:
        return None
    if head.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    m = _CHARSET.search(head)
    if m is None:
        return None
    label = m.group(1).decode("ascii")
    try:
        enc = codecs.lookup(label).name
    except LookupError:
        return None
    if enc in ("utf-8", "ascii"):
        return None
    return Decoded(enc, label.upper())


def _report(
    on_encoding: Callable[[str | os.PathLike[str], Decoded], object],
    path: str | os.PathLike[str],
    found: Decoded,
) -> None:
    on_encoding(path, found)


_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def iter_segments(
    paths: Iterable[str | os.PathLike[str]],
    *,
    labels: list[str] | None = None,
    on_encoding: Callable[[str | os.PathLike[str], Decoded], object] | None = None,
) -> Iterator[Segment]:
    """Yield a ``Segment`` for every non-blank line of every file, zero-width characters removed.

    Args:
        paths: file names ("-" for standard input), read one after another, streaming.
        labels: the names to report for ``paths`` (same length); default the paths as given.
        on_encoding: called as ``on_encoding(path, decoded)`` for each file.
    """
    from .models import Segment

    names = list(paths)
    for path, shown in zip(names, labels or [str(p) for p in names], strict=True):
        callback = None if on_encoding is None else partial(_report, on_encoding, path)
        for number, line in iter_lines(path, on_encoding=callback):
            text = _INVISIBLE.sub("", line) if _INVISIBLE.search(line) else line
            if text.strip():
                yield Segment(shown, number, text)
