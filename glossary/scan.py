"""Find every glossary term in a document: leftmost-longest, non-overlapping, in simplified or
traditional script, with line, column and character offsets; streaming, so that memory stays
bounded whatever the size of the input.

A C Aho-Corasick automaton (pyahocorasick) over every written form of every term does the
matching; it is cached beside the lookup index and rebuilt with it.
"""

from __future__ import annotations

import pickle
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
    """The glossary's automaton and the English of every entry."""

    def __init__(self, automaton, terms: list[tuple[str, str]]) -> None:
        self.automaton = automaton
        self.terms = terms  #: id -> (zh, en)
        self.empty = not terms

    def iter_line(self, text: str) -> Iterator[tuple[int, int, int]]:
        """(start, end, entry id) of the leftmost-longest non-overlapping matches in one line."""
        if self.empty:
            return
        for end, (ident, length) in self.automaton.iter_long(text):
            yield end + 1 - length, end + 1, ident


def load_scanner(locales: Path, *, progress=None) -> Scanner:
    """The scanner for the glossary in ``locales``, from the cache when it is fresh."""
    import ahocorasick

    from .index import index_path

    con = open_index(locales, progress=progress)
    try:
        terms = {i: (zh, en) for i, zh, en in con.execute("SELECT id, zh, en FROM entries")}
        table = [terms.get(i, ("", "")) for i in range(max(terms, default=-1) + 1)]
        cache = index_path(locales).with_suffix(".automaton")
        if cache.exists():
            try:
                return Scanner(ahocorasick.load(str(cache), pickle.loads), table)
            except (OSError, ValueError, pickle.UnpicklingError):
                pass
        automaton = ahocorasick.Automaton()
        for key, ident in con.execute("SELECT DISTINCT key, id FROM keys WHERE kind = 'zh' ORDER BY id"):
            if key and not automaton.exists(key):
                automaton.add_word(key, (ident, len(key)))
    finally:
        con.close()
    if len(automaton):
        automaton.make_automaton()
        try:
            tmp = cache.with_suffix(f".{id(automaton)}.tmp")
            automaton.save(str(tmp), pickle.dumps)
            tmp.replace(cache)
        except OSError:
            pass  # a cache we cannot write only costs time
    return Scanner(automaton, table)


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
