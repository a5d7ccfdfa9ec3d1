"""Sentence segmentation of Chinese policy text into translation segments (issue 13).

Rules, applied to each line (a policy document writes one paragraph a line):

- a segment ends after 。！？ (with the closing quotes and brackets that follow them, and an
  ellipsis ……), and after ； when the clauses on both sides are long (``LONG_CLAUSE`` characters
  or more: a list of short items stays one segment);
- never inside quotation marks or brackets (“” ‘’ 「」 『』 （） () 【】 《》 〔〕), so that a quote
  that spans a sentence end stays whole; an opening mark without its closing mark on the same line
  does not count (a stray quote must not swallow the paragraph);
- a heading (a short line without sentence-final punctuation) is a segment of its own, and a
  numbered item ((一), 一、, 1., 1、, （1）, ①, 第一条, 第一章 …) starts a new segment;
- white space at the ends of a segment is dropped; empty lines give no segment.

The rules are data (``glossary/data/segment_rules.tsv``): the terminators, the marks that open and
close a span, and the numbering patterns, so that they can be written out as SRX for CAT tools.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

#: Clauses shorter than this on either side of ； are not split.
LONG_CLAUSE = 30
#: A line shorter than this with no sentence-final punctuation is a heading.
HEADING_MAX = 40


@dataclass(frozen=True, slots=True)
class TextSegment:
    """One translation segment of a document."""

    file: str
    line: int  #: the line of the document where it starts (1-based)
    column: int  #: its first character in that line (0-based)
    text: str
    heading: bool = False  #: a heading or a bare numbered title


@dataclass(frozen=True, slots=True)
class _Rules:
    terminators: str
    soft: str
    closers: str  #: marks that stay with the sentence they close (”’」』）)
    pairs: dict[str, str]  #: opening mark -> closing mark
    numbering: re.Pattern[str]


@cache
def load_rules() -> _Rules:
    """The segmentation rules from ``glossary/data/segment_rules.tsv``."""
    from importlib.resources import files

    values: dict[str, list[str]] = {}
    text = files("glossary.data").joinpath("segment_rules.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, _, value = line.partition("\t")
        values.setdefault(key, []).append(value)
    pairs = {}
    for pair in values["pair"]:
        opening, closing = pair.split("\t")
        pairs[opening] = closing
    return _Rules(
        terminators="".join(values["terminator"]),
        soft="".join(values["soft"]),
        closers="".join(values["closer"]),
        pairs=pairs,
        numbering=re.compile("|".join(f"(?:{p})" for p in values["numbering"])),
    )


def _matched_openings(text: str, rules: _Rules) -> set[int]:
    """Positions of opening marks that are closed later on the line (the others are strays)."""
    closing_of = rules.pairs
    stack: list[tuple[int, str]] = []
    matched: set[int] = set()
    for i, ch in enumerate(text):
        if stack and ch == closing_of[stack[-1][1]]:
            matched.add(stack.pop()[0])
            continue
        if ch in closing_of and closing_of[ch] != ch:
            stack.append((i, ch))
        elif ch in closing_of and closing_of[ch] == ch:  # ASCII " and ': open or close
            if stack and stack[-1][1] == ch:
                matched.add(stack.pop()[0])
            else:
                stack.append((i, ch))
        else:
            # a closing mark of an outer span closes the inner strays too
            for depth in range(len(stack) - 1, -1, -1):
                if ch == closing_of[stack[depth][1]]:
                    matched.add(stack[depth][0])
                    del stack[depth:]
                    break
    return matched


def split_line(text: str) -> list[tuple[int, str]]:
    """Split one line into ``(column, segment)`` pairs.

    >>> split_line("坚持稳中求进。深入实施“八八战略。再创新辉煌！”推进千万工程？")
    [(0, '坚持稳中求进。'), (7, '深入实施“八八战略。再创新辉煌！”'), (24, '推进千万工程？')]
    >>> [s for _, s in split_line("（一）坚持党的全面领导。加强党的建设")]
    ['（一）坚持党的全面领导。', '加强党的建设']
    """
    rules = load_rules()
    matched = _matched_openings(text, rules)
    cuts: list[int] = []
    depth: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if depth and ch == rules.pairs[depth[-1]]:
            depth.pop()
            if not depth and i > 0 and text[i - 1] in rules.terminators:
                # a quote that ends with its sentence (…辉煌！”) ends the segment
                end = i + 1
                while end < n and text[end] in rules.closers:
                    end += 1
                cuts.append(end)
                i = end
                continue
        elif i in matched:
            depth.append(ch)
        elif not depth and (ch in rules.terminators or ch in rules.soft):
            end = i + 1
            while end < n and (text[end] in rules.terminators or text[end] == "…"):
                end += 1
            while end < n and text[end] in rules.closers:
                end += 1
            if ch in rules.soft:
                before = end - (cuts[-1] if cuts else 0)
                after = _next_clause_length(text, end, rules)
                if before < LONG_CLAUSE or after < LONG_CLAUSE:
                    i += 1
                    continue
            cuts.append(end)
            i = end
            continue
        i += 1
    # numbered items start a segment
    for m in rules.numbering.finditer(text):
        if m.start() > 0 and text[m.start() - 1] in rules.terminators + rules.soft + " \u3000":
            cuts.append(m.start())
    pieces: list[tuple[int, str]] = []
    start = 0
    for cut in [*sorted(set(cuts)), n]:
        if cut <= start:
            continue
        piece = text[start:cut]
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            pieces.append((start + lead, piece.strip()))
        start = cut
    return pieces


def _next_clause_length(text: str, start: int, rules: _Rules) -> int:
    for j in range(start, len(text)):
        if text[j] in rules.terminators or text[j] in rules.soft:
            return j - start
    return len(text) - start


def is_heading(text: str) -> bool:
    """A short piece with no sentence-final punctuation, or a bare numbered title.

    >>> is_heading("一、总体要求"), is_heading("（二）主要目标"), is_heading("坚持稳中求进。")
    (True, True, False)
    """
    rules = load_rules()
    stripped = text.rstrip(rules.closers + " ")
    return len(text) <= HEADING_MAX and not (
        stripped and stripped[-1] in rules.terminators + rules.soft + "，、：:,"
    )


def iter_text_segments(file: str, lines: Iterable[tuple[int, str]]) -> Iterator[TextSegment]:
    """Segments of a document given as ``(line number, text)`` pairs (``textio.iter_lines``)."""
    for number, line in lines:
        for column, piece in split_line(line):
            yield TextSegment(file, number, column, piece, is_heading(piece))


def iter_document(path: str, *, label: str | None = None) -> Iterator[TextSegment]:
    """Segments of a document file in any encoding the readers accept.

    Raises:
        InputError: the file is missing, unreadable, binary or undecodable (with its line).
    """
    from .keys import strip_invisible
    from .textio import iter_lines

    shown = label or path
    yield from iter_text_segments(
        shown, ((n, strip_invisible(text)) for n, text in iter_lines(path))
    )
