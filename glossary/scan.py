"""Find every glossary term in a document: leftmost-longest, non-overlapping, in simplified or
traditional script, with line, column and character offsets; streaming, so that memory stays
bounded whatever the size of the input.

The matching is ``terms.Terms.matches`` (a leftmost-longest Rust Aho-Corasick automaton over every
written form of every term, loaded from the cached lookup index by ``terms.load_terms``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .render import json_value, tsv_cell

if TYPE_CHECKING:
    from .models import Segment
    from .terms import Terms
    from .textio import Decoded

#: (file, line number, line with its end, character offset of the line, matches)
LineMatches = tuple[str, int, str, int, list[tuple[int, int, int]]]
#: formats hits of one line: (line number, line, character offset of the line, matches) -> text
HitFormatter = Callable[[int, str, int, list[tuple[int, int, int]]], str]


@dataclass(frozen=True, slots=True)
class ScanHit:
    """One occurrence of a glossary term."""

    zh: str  #: the entry's simplified term
    matched: str  #: as written in the document
    en: str
    file: str
    line: int  #: 1-based
    column: int  #: 1-based, in characters
    start: int  #: character offset into the decoded text
    end: int


def iter_count_blocks(
    path: str, *, on_encoding: Callable[[Decoded], object] | None = None
) -> Iterator[bytes]:
    """UTF-8 blocks of whole lines of a file ("-" is standard input), for counting: bytes as
    they are when the file is UTF-8, else decoded and encoded again. Streaming, and checked like
    every other reader (``textio.iter_blocks``): bad bytes are the same error on the same line."""
    from .textio import iter_utf8_blocks

    return iter_utf8_blocks(path, on_encoding=on_encoding)


def iter_lines_matches(
    paths: Iterable[str],
    *,
    scanner: Terms,
    on_encoding: Callable[[str, Decoded], object] | None = None,
    on_line: Callable[[Segment], object] | None = None,
) -> Iterator[LineMatches]:
    """For every line of every file ("-" is standard input): (file, line number, line with its
    end, character offset of the line, matches). Streaming: one line in memory at a time.

    Args:
        on_line: called with each ``Segment`` as it is read (for ``--unknown`` extraction).
    """
    from .models import Segment
    from .textio import iter_lines

    matches = scanner.matches
    for path in paths:
        shown = "-" if str(path) == "-" else str(path)
        callback = None if on_encoding is None else (lambda found, p=path: on_encoding(p, found))
        offset = 0
        for number, line in iter_lines(path, on_encoding=callback, keep_ends=True):
            if on_line is not None:
                on_line(Segment(shown, number, line.rstrip("\r\n")))
            yield shown, number, line, offset, matches(line)
            offset += len(line)


def iter_hits(
    paths: Iterable[str],
    *,
    scanner: Terms,
    on_encoding: Callable[[str, Decoded], object] | None = None,
    on_line: Callable[[Segment], object] | None = None,
) -> Iterator[ScanHit]:
    """Hits of every term in every file ("-" is standard input), in document order."""
    zh, en = scanner.zh, scanner.en
    for shown, number, line, offset, found in iter_lines_matches(
        paths, scanner=scanner, on_encoding=on_encoding, on_line=on_line
    ):
        for index, start, end in found:
            yield ScanHit(
                zh[index],
                line[start:end],
                en[index],
                shown,
                number,
                start + 1,
                offset + start,
                offset + end,
            )


def format_hits(scanner: Terms, fmt: str, label: str) -> HitFormatter:
    """The fast path of ``render.RowWriter`` for hits (``fields.HIT_FIELDS``) in ``fmt`` ("tsv",
    "json" or "jsonl"): a function that formats the hits of one line,
    ``(line number, line, character offset of the line, matches) -> str``, with the very bytes
    that the writer's ``row`` would write (``RowWriter.raw`` takes them).

    Every string that depends only on the pattern is prepared once; the matched text of a hit is
    its pattern. JSON items each start with ",\\n  " (the writer drops the first comma).
    """
    if fmt == "tsv":
        forms, zh, en = scanner.forms, scanner.zh, scanner.en
        joined = "".join(["".join(forms), "".join(zh), "".join(en)])
        if any(c in joined for c in "\t\n\r\\"):  # only then does a cell need escapes
            forms, zh, en = (list(map(tsv_cell, column)) for column in (forms, zh, en))
        tail = [f"\t{f}\t{z}\t{e}\n" for f, z, e in zip(forms, zh, en, strict=True)]
        head_label = tsv_cell(label)

        def tsv(number: int, line: str, offset: int, found: list[tuple[int, int, int]]) -> str:
            head = f"{head_label}\t{number}\t"
            return "".join(
                [f"{head}{a + 1}\t{offset + a}\t{offset + b}{tail[i]}" for i, a, b in found]
            )

        return tsv
    if fmt not in ("json", "jsonl"):
        raise ValueError(f"no fast path for {fmt!r}")

    class _Tail(dict[int, str]):
        # built on first use of each pattern: a 50,000-term glossary would cost a second to
        # prepare in full, and a document uses a few hundred of its terms
        def __missing__(self, i: int) -> str:
            value = self[i] = (
                f'"matched": {json_value(scanner.forms[i])}, "zh": {json_value(scanner.zh[i])}, '
                f'"en": {json_value(scanner.en[i])}}}{end}'
            )
            return value

    front = ',\n  {"file": ' if fmt == "json" else '{"file": '
    end = "" if fmt == "json" else "\n"
    prepared = _Tail()
    name = front + json_value(label)

    def as_json(number: int, line: str, offset: int, found: list[tuple[int, int, int]]) -> str:
        head = f'{name}, "line": {number}, "column": '
        return "".join(
            [
                f'{head}{a + 1}, "start": {offset + a}, "end": {offset + b}, {prepared[i]}'
                for i, a, b in found
            ]
        )

    return as_json
