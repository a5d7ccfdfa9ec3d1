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
    """The glossary's written forms in a leftmost-longest Rust Aho-Corasick automaton.

    Everything a hit reports is looked up by pattern index in flat lists built once, so that the
    per-hit work of a scan is a few list lookups (a policy text has a hit every 70 characters).
    """

    def __init__(
        self, forms: list[str], ids: list[int], zh_by_id: list[str], en_by_id: list[str]
    ) -> None:
        self.forms = forms  #: pattern index -> written form
        self.ids = ids  #: pattern index -> entry id
        self.zh = [zh_by_id[i] for i in ids]  #: pattern index -> simplified term
        self.en = [en_by_id[i] for i in ids]  #: pattern index -> English
        self._automaton = None
        self._bytes_automaton = None
        if forms:
            import ahocorasick_rs

            self._automaton = ahocorasick_rs.AhoCorasick(
                forms, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
            )

    def count_bytes(self, data: bytes) -> list[int]:
        """Pattern indexes of the matches in UTF-8 ``data`` (for counting: no decoding, and the
        same matches as on text, since UTF-8 patterns can only match at character boundaries)."""
        if not self.forms:
            return []
        if self._bytes_automaton is None:
            import ahocorasick_rs

            self._bytes_automaton = ahocorasick_rs.BytesAhoCorasick(
                [f.encode("utf-8") for f in self.forms],
                matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
            )
        return [m[0] for m in self._bytes_automaton.find_matches_as_indexes(data)]

    def matches(self, text: str) -> list[tuple[int, int, int]]:
        """(pattern index, start, end) of the leftmost-longest non-overlapping matches in ``text``."""
        if self._automaton is None:
            return []
        return self._automaton.find_matches_as_indexes(text)


def load_scanner(locales: Path, *, progress=None) -> Scanner:
    """The scanner for the glossary in ``locales``, from its (cached) lookup index."""
    import marshal

    con = open_index(locales, progress=progress)
    try:
        (blob,) = con.execute("SELECT value FROM meta WHERE key = 'scanner'").fetchone()
    finally:
        con.close()
    forms, ids, zh_by_id, en_by_id = marshal.loads(blob)
    return Scanner(forms, ids, zh_by_id, en_by_id)


def iter_count_blocks(path: str, *, on_encoding=None):
    """UTF-8 blocks of whole lines of a file ("-" is standard input), for counting: bytes as
    they are when the file is UTF-8, else decoded and encoded again. Streaming."""
    from .textio import _open_binary, decode_block, iter_line_blocks

    buffered, found, shown = _open_binary(path)
    if on_encoding is not None:
        on_encoding(found)
    try:
        if found.encoding.startswith(("utf-16", "utf-32")):
            import io

            text = io.TextIOWrapper(buffered, encoding=found.encoding, newline="")
            for line in text:
                yield line.encode("utf-8")
            return
        number = 0
        for block, _ in iter_line_blocks(buffered.read):
            if found.encoding == "utf-8":
                yield block
            else:
                text = decode_block(block, found, shown, number)
                number += text.count("\n")
                yield text.encode("utf-8")
    finally:
        if path != "-":
            buffered.close()


def iter_lines_matches(paths: Iterable[str], *, scanner: Scanner, on_encoding=None, on_line=None):
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
    paths: Iterable[str], *, scanner: Scanner, on_encoding=None, on_line=None
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


def format_hits(scanner: Scanner, fmt: str, label: str):
    """A function that formats the hits of one line for output ``fmt`` ("tsv" or "json"):
    ``(line number, line, character offset of the line, matches) -> str``.

    Every string that depends only on the pattern is prepared here, once; the matched text of a hit
    is its pattern. JSON items each start with ",\\n  " (the writer drops the first comma).
    """
    import json

    if fmt == "tsv":
        tail = [f"\t{f}\t{z}\t{e}\n" for f, z, e in zip(scanner.forms, scanner.zh, scanner.en)]

        def tsv(number: int, line: str, offset: int, found) -> str:
            head = f"{label}\t{number}\t"
            return "".join(
                [f"{head}{a + 1}\t{offset + a}\t{offset + b}{tail[i]}" for i, a, b in found]
            )

        return tsv
    dump = lambda v: json.dumps(v, ensure_ascii=False)  # noqa: E731

    class _Front(dict):
        # built on first use of each pattern: a 50,000-term glossary would cost a second to
        # prepare in full, and a document uses a few hundred of its terms
        def __missing__(self, i: int) -> str:
            value = self[i] = (
                f',\n  {{"zh": {dump(scanner.zh[i])}, "matched": {dump(scanner.forms[i])}, '
                f'"en": {dump(scanner.en[i])}, "start": '
            )
            return value

    front = _Front()
    name = dump(label)

    def as_json(number: int, line: str, offset: int, found) -> str:
        return "".join(
            [
                f'{front[i]}{offset + a}, "end": {offset + b}, "line": {number}, "column": {a + 1}, '
                f'"file": {name}}}'
                for i, a, b in found
            ]
        )

    return as_json
