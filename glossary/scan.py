"""Find every glossary term in a document: leftmost-longest, non-overlapping, in simplified or
traditional script, with line, column and character offsets; streaming, so that memory stays
bounded whatever the size of the input.

The matching is ``terms.Terms.matches`` (a leftmost-longest Rust Aho-Corasick automaton over every
written form of every term, loaded from the cached lookup index by ``terms.load_terms``).

A hit of a part of a numbered formula that the document named before it (a hit of 四个全面, then
one of 全面深化改革) says so: its ``formula`` is that formula (several: joined by "; ", in the
order the document names them). A document cut into ranges for several cores gives the same
result (``parallel.scan_file`` first finds the formulas each range names).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING

from .render import json_value, tsv_cell

_first = itemgetter(0)  #: a match's pattern index

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
    formula: str = ""  #: the formulas named before in the document that list this term as a part


class FormulaContext:
    """The numbered formulas that one document has named so far, line after line: the formula
    of each hit that is one of their parts."""

    def __init__(self, scanner: Terms, named: Iterable[str] = ()) -> None:
        relations = scanner.relations
        assert relations is not None
        self.part_of = relations.part_of
        self.formulas_with_parts = relations.formulas
        self.related = relations.indexes(scanner)  #: the patterns of formulas and parts
        self.zh = scanner.zh
        #: the formulas named so far, each with its place in the order of naming
        self.named: dict[str, int] = {f: n for n, f in enumerate(dict.fromkeys(named))}

    def formulas(self, line: str, found: list[tuple[int, int, int]]) -> list[str] | None:
        """The ``formula`` of each hit ``found`` in ``line`` (the formulas of the line's hits
        taken as named from there on); None when no hit is a part (the common case)."""
        related = self.related
        if related.isdisjoint(map(_first, found)):
            return None
        zh, part_of, named, with_parts = self.zh, self.part_of, self.named, self.formulas_with_parts
        out = []
        shown = False
        for i, _a, _b in found:
            if i not in related:
                out.append("")
                continue
            term = zh[i]
            owners = part_of.get(term)
            if not owners:
                value = ""
            elif len(owners) == 1:
                value = owners[0] if owners[0] in named else ""
            else:  # in the order the document named them
                value = "; ".join(sorted([f for f in owners if f in named], key=named.__getitem__))
            shown = shown or bool(value)
            out.append(value)
            if term in with_parts and term not in named:
                named[term] = len(named)
        return out if shown else None


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
    context: FormulaContext | None = None
    for shown, number, line, offset, found in iter_lines_matches(
        paths, scanner=scanner, on_encoding=on_encoding, on_line=on_line
    ):
        if number == 1 and scanner.relations is not None:  # a new document
            context = FormulaContext(scanner)
        formulas = context.formulas(line, found) if context is not None else None
        for k, (index, start, end) in enumerate(found):
            yield ScanHit(
                zh[index],
                line[start:end],
                en[index],
                shown,
                number,
                start + 1,
                offset + start,
                offset + end,
                formulas[k] if formulas else "",
            )


def format_hits(scanner: Terms, fmt: str, label: str, *, named: Iterable[str] = ()) -> HitFormatter:
    """The fast path of ``render.RowWriter`` for hits (``fields.HIT_FIELDS``) in ``fmt`` ("tsv",
    "json" or "jsonl"): a function that formats the hits of one line (a line that names a formula
    has a hit: the formula, or a term that holds it),
    ``(line number, line, character offset of the line, matches) -> str``, with the very bytes
    that the writer's ``row`` would write (``RowWriter.raw`` takes them). One formatter per
    document: it follows the formulas that the document names (``named``: those named before
    its first line).

    Every string that depends only on the pattern is prepared once; the matched text of a hit is
    its pattern. JSON items each start with ",\\n  " (the writer drops the first comma).
    """
    context = FormulaContext(scanner, named) if scanner.relations is not None else None
    if fmt == "tsv":
        forms, zh, en = scanner.forms, scanner.zh, scanner.en
        joined = "".join(["".join(forms), "".join(zh), "".join(en)])
        if any(c in joined for c in "\t\n\r\\"):  # only then does a cell need escapes
            forms, zh, en = (list(map(tsv_cell, column)) for column in (forms, zh, en))
        base = [f"\t{f}\t{z}\t{e}\t" for f, z, e in zip(forms, zh, en, strict=True)]
        tail = [b + "\n" for b in base]
        head_label = tsv_cell(label)

        class _Part(dict[tuple[int, str], str]):  # the tail of a part's hit, by its formula
            def __missing__(self, key: tuple[int, str]) -> str:
                i, formula = key
                value = self[key] = f"{base[i]}{tsv_cell(formula)}\n" if formula else tail[i]
                return value

        parts = _Part()

        def tsv(number: int, line: str, offset: int, found: list[tuple[int, int, int]]) -> str:
            head = f"{head_label}\t{number}\t"
            formulas = context.formulas(line, found) if context is not None else None
            if formulas is not None:
                return "".join(
                    [
                        f"{head}{a + 1}\t{offset + a}\t{offset + b}{parts[i, f]}"
                        for (i, a, b), f in zip(found, formulas, strict=True)
                    ]
                )
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
                f'"en": {json_value(scanner.en[i])}, "formula": ""}}{end}'
            )
            return value

    front = ',\n  {"file": ' if fmt == "json" else '{"file": '
    end = "" if fmt == "json" else "\n"
    closing = '""}' + end  # the empty formula that ends a prepared tail
    prepared = _Tail()
    name = front + json_value(label)

    class _JsonPart(dict[tuple[int, str], str]):  # the tail of a part's hit, by its formula
        def __missing__(self, key: tuple[int, str]) -> str:
            i, formula = key
            value = prepared[i]
            if formula:
                value = f"{value[: -len(closing)]}{json_value(formula)}}}{end}"
            self[key] = value
            return value

    json_parts = _JsonPart()

    def as_json(number: int, line: str, offset: int, found: list[tuple[int, int, int]]) -> str:
        head = f'{name}, "line": {number}, "column": '
        formulas = context.formulas(line, found) if context is not None else None
        if formulas is not None:
            return "".join(
                [
                    f'{head}{a + 1}, "start": {offset + a}, "end": {offset + b}, {json_parts[i, f]}'
                    for (i, a, b), f in zip(found, formulas, strict=True)
                ]
            )
        return "".join(
            [
                f'{head}{a + 1}, "start": {offset + a}, "end": {offset + b}, {prepared[i]}'
                for i, a, b in found
            ]
        )

    return as_json
