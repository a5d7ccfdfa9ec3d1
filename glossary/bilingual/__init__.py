"""Readers of bilingual files: the translated segments that ``qa``, ``tm add`` and ``pretranslate``
take in. Every format yields the same small record, :class:`Unit`, with the place it came from.

Formats, detected from the file's extension and then its content:

========  ==============================================================================
``po``     gettext PO: msgid = Chinese, msgstr = English (or the Chinese in msgctxt or in an
           extracted comment ``#. zh: …`` when the msgid is an identifier); fuzzy = ``#, fuzzy``
``tmx``    TMX 1.4: every ``<tu>`` with a ``zh*`` and an ``en*`` variant
``xliff``  XLIFF 1.2 and 2.x, as OmegaT, memoQ, Trados and Weblate export them
``csv``    CSV or TSV with a header row naming the Chinese and English columns
``text``   a pair of line-aligned plain-text files (``read_text_pair``)
========  ==============================================================================

Inline markup inside a segment (``<g>``, ``<mrk>``, ``<pc>``, ``<hi>``) keeps its text; native
codes (``<ph>``, ``<bpt>``, ``<ept>``, ``<it>``, ``<x/>``) are left out.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from ..errors import FormatError, InputError

__all__ = [
    "FORMATS",
    "State",
    "Unit",
    "detect_format",
    "is_chinese",
    "is_english",
    "read_text_pair",
    "read_units",
    "squash",
]


class State(StrEnum):
    """How far a segment's translation has got."""

    TRANSLATED = "translated"  #: translated (or reviewed, final, signed off)
    FUZZY = "fuzzy"  #: translated but marked for review (PO fuzzy, XLIFF needs-review-…)
    UNTRANSLATED = "untranslated"  #: no target, or a target marked new / initial


@dataclass(frozen=True, slots=True)
class Unit:
    """One bilingual segment of a file."""

    file: str  #: the file as named by the user
    id: str  #: the segment's id in its file (msgctxt, tuid, trans-unit id, row or line number)
    line: int  #: the line of the file where the segment starts (1-based)
    source: str  #: Chinese, simplified or traditional
    target: str  #: English ("" when untranslated)
    state: State = State.TRANSLATED
    note: str = ""  #: a comment carried by the file, if any


_SPACE = re.compile(r"\s+")
_CJK_GAP = re.compile(r"(?<=[\u3000-\u9fff\uf900-\uffef]) (?=[\u3000-\u9fff\uf900-\uffef])")


def squash(text: str) -> str:
    r"""Collapse the white space of a segment (line breaks of the markup, indentation) to single
    spaces, and drop a space between two CJK characters, where a line break was no word gap.

    >>> squash("  深入实施\n    八八战略 ")
    '深入实施八八战略'
    >>> squash("Double\n  Eight Strategy")
    'Double Eight Strategy'
    """
    return _CJK_GAP.sub("", _SPACE.sub(" ", text).strip())


FORMATS = ("po", "tmx", "xliff", "csv", "tsv")

_EXTENSIONS = {
    ".po": "po",
    ".pot": "po",
    ".tmx": "tmx",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".sdlxliff": "xliff",
    ".mqxliff": "xliff",
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
}


def is_chinese(lang: str) -> bool:
    """A language tag for Chinese (``zh``, ``zh-CN``, ``zh_Hant_TW``, ``ZH-HK``, ``cmn``)."""
    base = lang.replace("_", "-").split("-")[0].lower()
    return base in {"zh", "cmn", "chi", "zho"}


def is_english(lang: str) -> bool:
    """A language tag for English (``en``, ``en-US``, ``EN_gb``, ``eng``)."""
    base = lang.replace("_", "-").split("-")[0].lower()
    return base in {"en", "eng"}


def detect_format(path: str, head: str) -> str:
    """The format of a bilingual file, from its extension, else from its first characters.

    Raises:
        InputError: neither says what the file is.

    >>> detect_format("job.xlf", "")
    'xliff'
    >>> detect_format("job.dat", '<?xml version="1.0"?><tmx version="1.4">')
    'tmx'
    >>> detect_format("job.dat", 'msgid ""')
    'po'
    """
    ext = os.path.splitext(path)[1].lower()
    if ext in _EXTENSIONS:
        return _EXTENSIONS[ext]
    text = head.lstrip("\ufeff \t\r\n")
    if text.startswith("<"):
        low = text[:2000].lower()
        if "<tmx" in low:
            return "tmx"
        if "<xliff" in low:
            return "xliff"
    first = text.split("\n", 1)[0]
    if "msgid " in text[:4000] and (first.startswith(("#", "msg"))):
        return "po"
    if "\t" in first:
        return "tsv"
    if "," in first:
        return "csv"
    raise InputError(
        f"{path}: not a bilingual file this tool reads (PO, TMX, XLIFF, CSV or TSV with a header)"
    )


def read_units(
    path: str,
    *,
    fmt: str | None = None,
    source_column: str | None = None,
    target_column: str | None = None,
) -> Iterator[Unit]:
    """Yield the segments of a bilingual file, in file order.

    Args:
        path: the file ("-" is standard input, then ``fmt`` or content decides).
        fmt: one of ``FORMATS``; detected when None.
        source_column, target_column: the CSV/TSV header names of the Chinese and English columns
            (by default a column named zh, zh-CN, zh-Hans, zh-Hant, Chinese, source or 中文, and one
            named en, en-US, en-GB, English, target or 英文).

    Raises:
        InputError: the file is missing, unreadable, binary or of no known format.
        FormatError: the file is malformed, or has no Chinese or no English side (with its line).
    """
    from ..textio import read_text

    text, _found = read_text(path)
    if "\x00" in text:
        raise InputError(f"{path}: binary data, not a bilingual file")
    if not text.strip():
        raise InputError(f"{path}: empty input")
    kind = fmt or detect_format(path, text[:4096])
    if kind == "po":
        from .po import iter_po

        return iter_po(text, path)
    if kind == "tmx":
        from .xml import iter_tmx

        return iter_tmx(text, path)
    if kind == "xliff":
        from .xml import iter_xliff

        return iter_xliff(text, path)
    if kind in ("csv", "tsv"):
        from .table import iter_table

        return iter_table(
            text,
            path,
            delimiter="\t" if kind == "tsv" else ",",
            source_column=source_column,
            target_column=target_column,
        )
    raise InputError(f"{path}: unknown bilingual format {kind!r} (one of {', '.join(FORMATS)})")


def read_text_pair(source: str, target: str) -> Iterator[Unit]:
    """Yield the segments of two line-aligned plain-text files (line N of one translates line N
    of the other; lines empty on both sides are skipped).

    Raises:
        InputError: a file is unreadable.
        FormatError: the files have different numbers of lines (naming both counts).
    """
    from ..textio import read_text

    zh = read_text(source)[0].splitlines()
    en = read_text(target)[0].splitlines()
    # a final empty line on one side only is an editor's newline, not a segment
    while zh and not zh[-1].strip() and len(zh) > len(en):
        zh.pop()
    while en and not en[-1].strip() and len(en) > len(zh):
        en.pop()
    if len(zh) != len(en):
        line = min(len(zh), len(en)) + 1
        raise FormatError(
            source,
            line,
            f"{len(zh)} lines, but {target} has {len(en)}: line-aligned files must have "
            "the same number of lines",
        )
    for number, (s, t) in enumerate(zip(zh, en, strict=True), 1):
        if not s.strip() and not t.strip():
            continue
        yield Unit(
            file=source,
            id=str(number),
            line=number,
            source=s.strip(),
            target=t.strip(),
            state=State.TRANSLATED if t.strip() else State.UNTRANSLATED,
        )
