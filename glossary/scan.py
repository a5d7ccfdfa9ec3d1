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

import weakref
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import compress, repeat
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Protocol

from .render import json_value, tsv_cell

_first = itemgetter(0)  #: a match's pattern index

if TYPE_CHECKING:
    from .models import Segment
    from .terms import Terms
    from .textio import Decoded

#: (file, line number, line with its end, character offset of the line, matches)
LineMatches = tuple[str, int, str, int, list[tuple[int, int, int]]]
#: formats hits of one line: (line number, column base, character offset, matches) -> text; a
#: match (pattern, start, end) is at column ``start - column base`` and at character offsets
#: ``offset + start`` to ``offset + end`` of the document (matches of the line alone: column
#: base -1, the line's offset; matches of a block of lines: the line's start in the block less
#: one, the block's offset)
HitFormatter = Callable[[int, int, int, list[tuple[int, int, int]]], str]


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
    of each hit that is one of their parts.

    The ``formula`` of each part's pattern is kept up to date as formulas are named (``values``:
    a pattern whose value is not empty), so that a line that names no new formula (nearly every
    line) takes its hits' values in C, without a Python step per hit."""

    def __init__(self, scanner: Terms, named: Iterable[str] = ()) -> None:
        relations = scanner.relations
        assert relations is not None
        part_of, with_parts, zh = relations.part_of, relations.formulas, scanner.zh
        self.related = relations.indexes(scanner)  #: the patterns of formulas and parts
        self._is_related = self.related.__contains__
        #: the formulas that list each part's pattern as a part
        self.owners: dict[int, tuple[str, ...]] = {}
        #: the patterns of each formula's parts, and of each formula itself
        self.parts: dict[str, list[int]] = {}
        self.own: dict[str, list[int]] = {}
        for i in self.related:
            term = zh[i]
            owners = part_of.get(term, ())
            if owners:
                self.owners[i] = owners
                for f in owners:
                    self.parts.setdefault(f, []).append(i)
            if term in with_parts:
                self.own.setdefault(term, []).append(i)
        #: the patterns of the formulas not named yet, each with its formula
        self.unnamed: dict[int, str] = {i: f for f, patterns in self.own.items() for i in patterns}
        #: the formula of each part's pattern as things stand (only those not empty)
        self.values: dict[int, str] = {}
        #: the formulas named so far, each with its place in the order of naming
        self.named: dict[str, int] = {}
        #: called with each pattern whose ``values`` or ``unnamed`` changed
        self.on_change: Callable[[int], object] | None = None
        for f in dict.fromkeys(named):
            self.name_formula(f)

    def name_formula(self, formula: str) -> None:
        """Take ``formula`` as named from here on."""
        named, values = self.named, self.values
        named[formula] = len(named)
        own, parts = self.own.get(formula, []), self.parts.get(formula, [])
        for i in own:
            del self.unnamed[i]
        for i in parts:
            owners = self.owners[i]
            if len(owners) == 1:
                values[i] = formula
            else:  # in the order the document named them
                values[i] = "; ".join(
                    sorted([f for f in owners if f in named], key=named.__getitem__)
                )
        if self.on_change is not None:
            for i in (*own, *parts):
                self.on_change(i)

    def formulas(self, found: list[tuple[int, int, int]]) -> list[str] | None:
        """The ``formula`` of each hit ``found`` on a line (the formulas of the line's hits
        taken as named from there on); None when no hit is a part of a formula named before it
        (the common case)."""
        patterns = list(map(_first, found))
        if self.related.isdisjoint(patterns):
            return None
        values = self.values
        if self.unnamed.keys().isdisjoint(patterns):  # names no new formula: all in C
            if values.keys().isdisjoint(patterns):
                return None
            return list(map(values.get, patterns, repeat("")))
        out = [""] * len(patterns)
        shown = False
        unnamed = self.unnamed
        for k in compress(range(len(patterns)), map(self._is_related, patterns)):
            i = patterns[k]
            value = values.get(i)
            if value:
                out[k] = value
                shown = True
            formula = unnamed.get(i)
            if formula is not None:
                self.name_formula(formula)
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
    from .textio import iter_lines

    if on_line is not None:  # only then: the records' module costs start-up a scan never needs
        from .models import Segment
    matches = scanner.matcher()
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
        formulas = context.formulas(found) if context is not None else None
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


#: ends the prepared tail of a formula's pattern while the document has not named it: a line
#: whose text holds it names a new formula (found by one search of the line's text, in C) and is
#: formatted again hit by hit. JSON escapes it; TSV data that holds it takes the slower path.
_MARK = "\x00"


class _Tails(Protocol):
    def __getitem__(self, i: int, /) -> str: ...
    def __setitem__(self, i: int, value: str, /) -> None: ...


def _tracked(
    context: FormulaContext, prepared: Callable[[int, str], str], now: _Tails
) -> Callable[[list[tuple[int, int, int]], Callable[[int, str], str]], str]:
    """For a formatter whose hits end with a tail by pattern and formula (``prepared(i,
    formula)``): keeps ``now``, the tails as things stand (a formula's pattern not yet named
    ends with ``_MARK``), up to date as the document names formulas; returns the formatter of a
    line that names a new formula, hit by hit (``piece(k, tail)`` formats its ``k``-th hit)."""
    values, unnamed = context.values, context.unnamed

    def refresh(i: int) -> None:
        now[i] = prepared(i, values.get(i, "")) + (_MARK if i in unnamed else "")

    for i in (*values, *unnamed):
        refresh(i)
    context.on_change = refresh

    def naming(found: list[tuple[int, int, int]], piece: Callable[[int, str], str]) -> str:
        out = []
        for k, (i, _a, _b) in enumerate(found):
            out.append(piece(k, prepared(i, values.get(i, ""))))
            formula = unnamed.get(i)
            if formula is not None:
                context.name_formula(formula)
        return "".join(out)

    return naming


def _as_bytes(text: str) -> str:
    """The UTF-8 bytes of ``text`` as a str of code points 0-255."""
    return text.encode("utf-8").decode("latin-1")


def _same(text: str) -> str:
    return text


#: what ``format_hits`` prepares by pattern alone, kept for the next formatter of the same
#: scanner, format and encoding (a worker makes one per range of a file); it goes with the scanner
_PREPARED: weakref.WeakKeyDictionary[Terms, dict[tuple[str, bool], dict[str, Any]]] = (
    weakref.WeakKeyDictionary()
)


def _prepared(scanner: Terms, fmt: str, encoded: bool) -> dict[str, Any]:
    """The preparations of ``format_hits`` shared by its formatters of ``scanner`` (an empty
    dict the first time)."""
    return _PREPARED.setdefault(scanner, {}).setdefault((fmt, encoded), {})


def format_hits(
    scanner: Terms,
    fmt: str,
    label: str,
    *,
    named: Iterable[str] = (),
    context: FormulaContext | None = None,
    encoded: bool = False,
) -> HitFormatter:
    """The fast path of ``render.RowWriter`` for hits (``fields.HIT_FIELDS``) in ``fmt`` ("tsv",
    "json" or "jsonl"): a function that formats the hits of one line (a line that names a formula
    has a hit: the formula, or a term that holds it), ``HitFormatter``: ``(line number, column
    base, character offset, matches) -> str``, with the very bytes that the writer's ``row``
    would write (``RowWriter.raw`` takes them). One formatter per
    document: it follows the formulas that the document names (``named``: those named before
    its first line; or ``context``, which it then follows: its ``named`` are the formulas named
    up to the last line formatted).

    Every string that depends only on the pattern is prepared once; the matched text of a hit is
    its pattern. JSON items each start with ",\\n  " (the writer drops the first comma).

    With ``encoded``, the text is the UTF-8 bytes of the output as code points 0-255 (its
    ``.encode("latin-1")`` is the output: a copy, not an encoding). The prepared strings are
    encoded once each, and the text built of them takes one byte a character, not two.

    Raises:
        UnicodeEncodeError: ``encoded``, and ``label`` holds what UTF-8 cannot encode.
    """
    as_bytes = _as_bytes if encoded else _same
    if context is None and scanner.relations is not None:
        context = FormulaContext(scanner, named)
    shared = _prepared(scanner, fmt, encoded)
    if fmt == "tsv":
        if not shared:
            forms, zh, en = scanner.forms, scanner.zh, scanner.en
            joined = "".join(["".join(forms), "".join(zh), "".join(en)])
            if any(c in joined for c in "\t\n\r\\"):  # only then does a cell need escapes
                forms, zh, en = (list(map(tsv_cell, column)) for column in (forms, zh, en))
            base = [f"\t{f}\t{z}\t{e}\t" for f, z, e in zip(forms, zh, en, strict=True)]
            if encoded and base:  # all at once: cells hold no line feed (escaped, or none at all)
                base = as_bytes("\n".join(base)).split("\n")
            shared.update(joined=joined, base=base, tail=[b + "\n" for b in base])
        joined, base, tail = shared["joined"], shared["base"], shared["tail"]
        head_label = as_bytes(tsv_cell(label))

        class _Part(dict[tuple[int, str], str]):  # the tail of a part's hit, by its formula
            def __missing__(self, key: tuple[int, str]) -> str:
                i, formula = key
                cell = as_bytes(tsv_cell(formula))
                value = self[key] = f"{base[i]}{cell}\n" if formula else tail[i]
                return value

        parts = _Part()

        if context is not None and _MARK not in joined + head_label:
            now = list(tail)
            naming = _tracked(context, lambda i, f: parts[i, f], now)

            def tsv_tracked(
                number: int, base: int, offset: int, found: list[tuple[int, int, int]]
            ) -> str:
                head = f"{head_label}\t{number}\t"
                text = "".join(
                    [f"{head}{a - base}\t{offset + a}\t{offset + b}{now[i]}" for i, a, b in found]
                )
                if _MARK not in text:
                    return text

                def piece(k: int, tail: str) -> str:
                    _i, a, b = found[k]
                    return f"{head}{a - base}\t{offset + a}\t{offset + b}{tail}"

                return naming(found, piece)

            return tsv_tracked

        def tsv(number: int, base: int, offset: int, found: list[tuple[int, int, int]]) -> str:
            head = f"{head_label}\t{number}\t"
            formulas = context.formulas(found) if context is not None else None
            if formulas is not None:
                return "".join(
                    [
                        f"{head}{a - base}\t{offset + a}\t{offset + b}{parts[i, f]}"
                        for (i, a, b), f in zip(found, formulas, strict=True)
                    ]
                )
            return "".join(
                [f"{head}{a - base}\t{offset + a}\t{offset + b}{tail[i]}" for i, a, b in found]
            )

        return tsv
    if fmt not in ("json", "jsonl"):
        raise ValueError(f"no fast path for {fmt!r}")

    class _Tail(dict[int, str]):
        # built on first use of each pattern: a 50,000-term glossary would cost a second to
        # prepare in full, and a document uses a few hundred of its terms
        def __missing__(self, i: int) -> str:
            value = self[i] = as_bytes(
                f'"matched": {json_value(scanner.forms[i])}, "zh": {json_value(scanner.zh[i])}, '
                f'"en": {json_value(scanner.en[i])}, "formula": ""}}{end}'
            )
            return value

    front = ',\n  {"file": ' if fmt == "json" else '{"file": '
    end = "" if fmt == "json" else "\n"
    closing = '""}' + end  # the empty formula that ends a prepared tail
    prepared: _Tail = shared.setdefault("tails", _Tail())
    name = front + as_bytes(json_value(label))

    class _JsonPart(dict[tuple[int, str], str]):  # the tail of a part's hit, by its formula
        def __missing__(self, key: tuple[int, str]) -> str:
            i, formula = key
            value = prepared[i]
            if formula:
                value = f"{value[: -len(closing)]}{as_bytes(json_value(formula))}}}{end}"
            self[key] = value
            return value

    json_parts = _JsonPart()

    class _Now(dict[int, str]):  # the tails as things stand: prepared, but for formulas' parts
        def __missing__(self, i: int) -> str:
            value = self[i] = prepared[i]
            return value

    if context is not None:  # JSON escapes _MARK: it is never in the data's text
        json_now = _Now()  # on first use too
        naming = _tracked(context, lambda i, f: json_parts[i, f], json_now)

        def json_tracked(
            number: int, base: int, offset: int, found: list[tuple[int, int, int]]
        ) -> str:
            head = f'{name}, "line": {number}, "column": '
            text = "".join(
                [
                    f'{head}{a - base}, "start": {offset + a}, "end": {offset + b}, {json_now[i]}'
                    for i, a, b in found
                ]
            )
            if _MARK not in text:
                return text

            def piece(k: int, tail: str) -> str:
                _i, a, b = found[k]
                return f'{head}{a - base}, "start": {offset + a}, "end": {offset + b}, {tail}'

            return naming(found, piece)

        return json_tracked

    def as_json(number: int, base: int, offset: int, found: list[tuple[int, int, int]]) -> str:
        # a glossary without formulas' parts (with them, json_tracked formats every line)
        head = f'{name}, "line": {number}, "column": '
        return "".join(
            [
                f'{head}{a - base}, "start": {offset + a}, "end": {offset + b}, {prepared[i]}'
                for i, a, b in found
            ]
        )

    return as_json
