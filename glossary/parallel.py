"""Large files on every core: a file is cut at line boundaries into one byte range per worker;
each worker streams its range and the parent combines the results in document order, so that the
result is the same as one pass (extraction: same counts, first locations and location lists;
scanning: the same output, byte for byte). Small files, standard input and UTF-16/32 files take
the single pass.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .textio import _INVISIBLE, Decoded, decode_block, iter_line_blocks, split_block

if TYPE_CHECKING:
    from .extract import CandidateCollector, KnownTerms

MIN_PARALLEL_BYTES = 8 << 20  #: below this, forking costs more than it saves
_BLOCK = 1 << 20

# Set in the parent before forking; workers inherit it (the Rust automata cannot be pickled).
_STATE: dict = {}


def worker_count(workers: int | None = None) -> int:
    """``workers``, else ``$GLOSSARY_WORKERS``, else the number of cores."""
    return workers or int(os.environ.get("GLOSSARY_WORKERS") or 0) or os.cpu_count() or 1


RANGE_BYTES = 4 << 20  #: bytes per job: enough to amortise a job, small enough to bound memory


def _cuts(path: Path, parts: int, start: int) -> list[int]:
    """Byte offsets of line starts that cut the file into ranges of about ``RANGE_BYTES`` (at
    least ``parts`` of them), from ``start`` (after the BOM) to the end."""
    size = path.stat().st_size
    count = max(parts, -(-(size - start) // RANGE_BYTES))
    cuts = [start]
    with open(path, "rb") as f:
        for k in range(1, count):
            f.seek(max(cuts[-1], start + (size - start) * k // count))
            f.readline()  # to the start of the next line
            if f.tell() < size and f.tell() > cuts[-1]:
                cuts.append(f.tell())
    cuts.append(size)
    return cuts


_UTF8_CONTINUATION = bytes(range(0x80, 0xC0))


def _prefix_counts(path: str, cuts: list[int], found: Decoded) -> list[tuple[int, int]]:
    """Lines and decoded characters before each cut, in one sequential pass (UTF-8 characters are
    counted without decoding: every byte but the continuation bytes starts one)."""
    counts = [(0, 0)]
    lines = chars = 0
    utf8 = found.encoding == "utf-8"
    with open(path, "rb") as f:
        f.seek(cuts[0])
        for a, b in zip(cuts, cuts[1:-1]):
            remaining = b - a
            while remaining > 0:
                block = f.read(min(_BLOCK, remaining))
                remaining -= len(block)
                lines += block.count(b"\n")
                chars += len(block.translate(None, _UTF8_CONTINUATION)) if utf8 else 0
            counts.append((lines, chars))
    if not utf8:  # GB18030, Big5: ranges end at line starts, so each decodes on its own
        counts = [(n, 0) for n, _ in counts]
        total = 0
        with open(path, "rb") as f:
            for k, (a, b) in enumerate(zip(cuts, cuts[1:-1]), 1):
                f.seek(a)
                total += len(f.read(b - a).decode(found.encoding))
                counts[k] = (counts[k][0], total)
    return counts


def iter_range_lines(
    path: str, label: str, start: int, end: int, found: Decoded, *, number: int, keep_ends: bool
) -> Iterator[tuple[int, str]]:
    """The numbered lines of bytes ``start`` to ``end`` (both at line starts) of a file."""
    with open(path, "rb") as f:
        f.seek(start)
        for block, last in iter_line_blocks(f.read, limit=end - start):
            text = decode_block(block, found, label, number)
            yield from split_block(text, number, keep_ends=keep_ends, last=last)
            number += text.count("\n")


def run_ranges(
    path: str, found: Decoded, work: Callable, state: dict, *, workers: int | None = None
):
    """Run ``work(path, start, end, lines_before, chars_before, found)`` on ranges of ``path`` in
    forked processes that inherit ``state``; an iterator of the results in document order.

    None when the file is better read in one pass (small, standard input, UTF-16/32, one core).
    """
    count = worker_count(workers)
    p = Path(path)
    if count < 2 or path == "-" or not p.is_file() or p.stat().st_size < MIN_PARALLEL_BYTES:
        return None
    if found.encoding.startswith(("utf-16", "utf-32")):
        return None
    import multiprocessing

    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # pragma: no cover - platforms without fork
        return None
    cuts = _cuts(p, count, found.bom)
    before = _prefix_counts(path, cuts, found)
    jobs = [
        (path, a, b, lines, chars, found)
        for (a, b), (lines, chars) in zip(zip(cuts, cuts[1:]), before)
    ]
    return _imap(context, count, jobs, dict(state, work=work))


def _imap(context, count: int, jobs: list, state: dict):
    _STATE.clear()
    _STATE.update(state)
    try:
        with context.Pool(min(count, len(jobs))) as pool:
            yield from pool.imap(_run, jobs)
    finally:
        _STATE.clear()


def _run(job):
    path, start, end, lines, chars, found = job
    return _STATE["work"](path, start, end, lines, chars, found)


# ----------------------------------------------------------------------------------- extraction
def _extract_range(
    path: str, start: int, end: int, lines: int, _chars: int, found: Decoded
) -> dict:
    from .extract import CandidateCollector
    from .models import Segment

    collector = CandidateCollector(known=_STATE["known"], rejected=_STATE["rejected"])
    label = _STATE["label"]
    for number, line in iter_range_lines(
        path, label, start, end, found, number=lines, keep_ends=False
    ):
        if _INVISIBLE.search(line):
            line = _INVISIBLE.sub("", line)
        if line.strip():
            collector.feed(Segment(label, number, line))
    return collector._tallies


def extract_file(
    path: str,
    *,
    label: str,
    found: Decoded,
    known: KnownTerms | None,
    rejected: frozenset[str],
    workers: int | None = None,
) -> CandidateCollector | None:
    """Extract from one file on several cores; None when the file should take the single pass."""
    from .extract import CandidateCollector

    parts = run_ranges(
        path,
        found,
        _extract_range,
        {"known": known, "rejected": rejected, "label": label},
        workers=workers,
    )
    if parts is None:
        return None
    merged = CandidateCollector(known=known, rejected=rejected)
    for tallies in parts:
        part = CandidateCollector(known=known, rejected=rejected)
        part._tallies = tallies
        merged.merge(part)
    return merged


# ------------------------------------------------------------------------------------- scanning
def _scan_range(path: str, start: int, end: int, lines: int, chars: int, found: Decoded):
    scanner, fmt, label = _STATE["scanner"], _STATE["fmt"], _STATE["label"]
    from .scan import format_hits

    matches = scanner.matches
    if fmt == "count":  # no lines needed: whole blocks of bytes through the automaton
        tally: Counter[int] = Counter()
        with open(path, "rb") as f:
            f.seek(start)
            for block, _ in iter_line_blocks(f.read, limit=end - start):
                if found.encoding != "utf-8":
                    block = decode_block(block, found, label, lines).encode("utf-8")
                tally.update(scanner.count_bytes(block))
        return tally
    formatter = format_hits(scanner, fmt, label)
    hits = 0
    offset = chars
    # The formatted hits go to a file the parent copies to its output (no pickling of megabytes).
    fd, tmp = tempfile.mkstemp(prefix="glossary-scan-", suffix=".part")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        for number, line in iter_range_lines(
            path, label, start, end, found, number=lines, keep_ends=True
        ):
            found_ = matches(line)
            if found_:
                out.write(formatter(number, line, offset, found_))
                hits += len(found_)
            offset += len(line)
    return tmp, hits


def scan_file(
    path: str, *, label: str, found: Decoded, scanner, fmt: str, workers: int | None = None
) -> list | None:
    """Scan one large file on several cores: an iterator, in document order, of one Counter of
    pattern indexes per range (``fmt`` "count") or of (a temporary file holding the range's
    formatted hits, hits), which the caller copies out and removes. None: take the single pass."""
    return run_ranges(
        path, found, _scan_range, {"scanner": scanner, "fmt": fmt, "label": label}, workers=workers
    )
