"""Find every glossary term in a document: leftmost-longest, non-overlapping, in simplified or
traditional script, with line, column and character offsets; streaming, so that memory stays
bounded whatever the size of the input.

A Rust Aho-Corasick automaton (ahocorasick-rs, leftmost-longest) over every written form of every
term does the matching; the forms come from the cached lookup index.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .index import open_index


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


class Scanner:
    """The glossary's written forms in a leftmost-longest Rust Aho-Corasick automaton, and the
    simplified term and English of every entry."""

    def __init__(self, forms: list[str], ids: list[int], terms: list[tuple[str, str]]) -> None:
        self.terms = terms  #: entry id -> (zh, en)
        self._ids = ids  #: pattern index -> entry id
        self._automaton = None
        if forms:
            import ahocorasick_rs

            self._automaton = ahocorasick_rs.AhoCorasick(forms, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)

    def iter_line(self, text: str) -> Iterator[tuple[int, int, int]]:
        """(start, end, entry id) of the leftmost-longest non-overlapping matches in one line."""
        if self._automaton is None:
            return iter(())
        ids = self._ids
        return ((start, end, ids[index]) for index, start, end in self._automaton.find_matches_as_indexes(text))


def load_scanner(locales: Path, *, progress=None) -> Scanner:
    """The scanner for the glossary in ``locales``, from its (cached) lookup index."""
    con = open_index(locales, progress=progress)
    try:
        terms = {i: (zh, en) for i, zh, en in con.execute("SELECT id, zh, en FROM entries")}
        rows = con.execute("SELECT key, min(id) FROM keys WHERE kind = 'zh' AND key != '' GROUP BY key ORDER BY key").fetchall()
    finally:
        con.close()
    table = [terms.get(i, ("", "")) for i in range(max(terms, default=-1) + 1)]
    return Scanner([k for k, _ in rows], [i for _, i in rows], table)


def iter_hits(paths: Iterable[str], *, scanner: Scanner, on_encoding=None, on_line=None) -> Iterator[ScanHit]:
    """Hits of every term in every file ("-" is standard input), in document order.

    Args:
        on_line: called with each ``Segment`` as it is read (for ``--unknown`` extraction).
    """
    from .models import Segment
    from .textio import iter_lines

    for path in paths:
        shown = "-" if str(path) == "-" else str(path)
        callback = None if on_encoding is None else (lambda found, p=path: on_encoding(p, found))
        offset = 0
        terms = scanner.terms
        for number, line in iter_lines(path, on_encoding=callback, keep_ends=True):
            if on_line is not None:
                on_line(Segment(shown, number, line.rstrip("\r\n")))
            for start, end, ident in scanner.iter_line(line):
                zh, en = terms[ident]
                yield ScanHit(zh, line[start:end], en, shown, number, start + 1, offset + start, offset + end)
            offset += len(line)
