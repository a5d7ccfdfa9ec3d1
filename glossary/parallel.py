"""Large files on every core: a file is cut at line boundaries into one byte range per worker;
each worker streams its range and the parent combines the results in document order, so that the
result is the same as one pass (extraction: same counts, first locations and location lists;
scanning: the same output, byte for byte). Small files, standard input and UTF-16/32 files take
the single pass.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from itertools import pairwise
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn, TypeVar

from .errors import GlossaryError
from .keys import strip_invisible
from .textio import MAX_LINE, Decoded, decode_block, iter_line_blocks, split_block

if TYPE_CHECKING:
    from .extract import CandidateCollector, Tally
    from .terms import Terms

_R = TypeVar("_R")
_second = itemgetter(1)  #: a match's start


class RangeJob(NamedTuple):
    """One worker's share of a file: bytes ``start`` to ``end`` (both at line starts), with the
    lines and decoded characters before ``start``."""

    path: str
    start: int
    end: int
    lines_before: int
    chars_before: int
    found: Decoded


class PartFile(NamedTuple):
    """A worker's formatted hits, in a temporary file that the caller copies out and removes."""

    path: str
    hits: int


MIN_PARALLEL_BYTES = 8 << 20  #: below this, forking costs more than it saves
_BLOCK = 1 << 20

# Set in the parent before forking; workers inherit it (the Rust automata cannot be pickled).
_STATE: dict[str, Any] = {}


def worker_count(workers: int | None = None) -> int:
    """``workers``, else ``$GLOSSARY_WORKERS``, else the number of cores."""
    return workers or int(os.environ.get("GLOSSARY_WORKERS") or 0) or os.cpu_count() or 1


RANGE_BYTES = 4 << 20  #: bytes per job: enough to amortise a job, small enough to bound memory


def _cuts(path: Path, parts: int, start: int) -> list[int]:
    """Byte offsets of line starts that cut the file into ranges of about ``RANGE_BYTES`` (at
    least ``parts`` of them), from ``start`` (after the BOM) to the end."""
    size = path.stat().st_size
    count = max(parts, -(-(size - start) // RANGE_BYTES))
    # a multiple of the workers: with 5 ranges on 2 cores the last one would run on one
    count = -(-count // parts) * parts
    cuts = [start]
    with open(path, "rb") as f:
        for k in range(1, count):
            f.seek(max(cuts[-1], start + (size - start) * k // count))
            f.readline(MAX_LINE + 1)  # to the start of the next line (a longer one fails later)
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
        for a, b in pairwise(cuts[:-1]):
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
            for k, (a, b) in enumerate(pairwise(cuts[:-1]), 1):
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
        for block, last in iter_line_blocks(f.read, limit=end - start, name=label, number=number):
            text = decode_block(block, found, label, number)
            yield from split_block(text, number, keep_ends=keep_ends, last=last)
            number += text.count("\n")


def run_ranges(
    path: str,
    found: Decoded,
    work: Callable[[RangeJob], _R],
    state: dict[str, Any],
    *,
    workers: int | None = None,
    counted: bool = True,
) -> Iterator[_R] | None:
    """Run ``work(job)`` on the ranges of ``path`` in forked processes that inherit ``state``
    (``_STATE`` in the worker); an iterator of the results in document order.

    Not ``counted``: the jobs after the first have -1 for their lines and characters before
    (the worker counts them: ``_before``), and the workers start without waiting for the count.

    None when the file is better read in one pass (small, standard input, UTF-16/32, one core).
    """
    count = worker_count(workers)
    if not _in_ranges(path, found, count):
        return None
    p = Path(path)
    cuts = _cuts(p, count, found.bom)
    if counted:
        before = _prefix_counts(path, cuts, found)
    else:
        before = [(0, 0)] + [(-1, -1)] * (len(cuts) - 2)
    jobs = [
        RangeJob(path, a, b, lines, chars, found)
        for (a, b), (lines, chars) in zip(pairwise(cuts), before, strict=True)
    ]
    return _with_state(state, fork_map(work, jobs, workers=count))


def _in_ranges(path: str, found: Decoded, count: int) -> bool:
    """Whether ``path`` is read in ranges on ``count`` cores (``run_ranges``)."""
    if count < 2 or path == "-" or found.encoding.startswith(("utf-16", "utf-32")):
        return False
    if not hasattr(os, "fork"):  # pragma: no cover - platforms without fork
        return False
    p = Path(path)
    return p.is_file() and p.stat().st_size >= MIN_PARALLEL_BYTES


def _with_state(state: dict[str, Any], results: Iterator[_R]) -> Iterator[_R]:
    _STATE.clear()
    _STATE.update(state)
    try:
        yield from results
    finally:
        _STATE.clear()


_J = TypeVar("_J")


def fork_map(work: Callable[[_J], _R], jobs: Sequence[_J], *, workers: int) -> Iterator[_R]:
    """``work(job)`` for every job in ``workers`` forked processes, the results in the order of
    ``jobs`` (job ``k`` runs in worker ``k % workers``, each worker's jobs in order). The workers
    inherit ``work``, the jobs and everything else (nothing is pickled but the results), and
    each sends its results through a pipe of its own; an exception in a worker is raised here
    at its job. Forked directly, not through ``multiprocessing``: its import and its pool cost
    a large file's scan some 30 ms before the first job starts.

    The generator starts the workers on its first ``next``; closed early, it ends them.
    """
    import gc
    import pickle

    count = max(1, min(workers, len(jobs)))
    readers: list[int] = []
    pids: list[int] = []
    try:
        # the objects so far out of the collector's reach while forking: a collection in a
        # worker would otherwise write to every page of the inherited heap (100,000 entries:
        # copied page by page into each worker)
        gc.freeze()
        try:
            for w in range(count):
                r, wfd = os.pipe()
                pid = os.fork()
                if pid == 0:  # the worker: never returns
                    os.close(r)
                    for reader in readers:
                        os.close(reader)
                    _serve(work, jobs[w::count], wfd)
                os.close(wfd)
                pids.append(pid)
                readers.append(r)
        finally:
            gc.unfreeze()
        inbox = _Inbox(readers)
        for k in range(len(jobs)):
            ok, value = pickle.loads(inbox.take(k % count))
            if not ok:
                raise value
            yield value
    finally:
        for reader in readers:
            os.close(reader)
        _reap(pids)


class _Inbox:
    """The workers' messages (each its length in 8 bytes, then its pickle), read from every pipe
    as they come: waiting for worker ``w``'s next result, the parent keeps reading the others'
    (up to ``AHEAD`` results each), so that a worker whose result is larger than a pipe holds
    does not stop until the parent has taken the results before it."""

    AHEAD = 2  #: results read ahead per worker (bounds the memory they take)

    def __init__(self, fds: list[int]) -> None:
        self.fds = fds
        self.buffers = [bytearray() for _ in fds]
        self.ready: list[list[bytes]] = [[] for _ in fds]
        self.open = [True] * len(fds)

    def take(self, w: int) -> bytes:
        """Worker ``w``'s next message, waiting for it."""
        import select

        while not self.ready[w]:
            if not self.open[w]:
                raise GlossaryError("a worker process ended without its result")
            watched = [
                fd
                for v, fd in enumerate(self.fds)
                if self.open[v] and (v == w or len(self.ready[v]) < self.AHEAD)
            ]
            readable, _, _ = select.select(watched, [], [])
            for fd in readable:
                self._read(self.fds.index(fd), fd)
        return self.ready[w].pop(0)

    def _read(self, v: int, fd: int) -> None:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            self.open[v] = False
            return
        buffer = self.buffers[v]
        buffer += chunk
        while len(buffer) >= 8:
            size = int.from_bytes(buffer[:8], "little")
            if len(buffer) < 8 + size:
                break
            self.ready[v].append(bytes(buffer[8 : 8 + size]))
            del buffer[: 8 + size]


def _serve(work: Callable[[_J], Any], jobs: Sequence[_J], fd: int) -> NoReturn:
    """A worker of ``fork_map``: the results of ``jobs``, each pickled after its length, to the
    pipe ``fd``; the first exception ends it (sent as the result). Exits without returning into
    the parent's code (``os._exit``: no atexit handlers, no flush of the parent's buffers)."""
    import pickle

    status = 1
    try:
        with open(fd, "wb") as out:
            for job in jobs:
                try:
                    message: tuple[bool, Any] = (True, work(job))
                except BaseException as exc:  # sent to the parent
                    message = (False, _picklable(exc))
                data = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
                out.write(len(data).to_bytes(8, "little") + data)
                out.flush()
                if not message[0]:
                    break
            else:
                status = 0
    finally:
        os._exit(status)


def _picklable(exc: BaseException) -> BaseException:
    """``exc`` if it survives pickling, else an error with its message."""
    import pickle

    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:  # any failure to rebuild it
        kind = GlossaryError if isinstance(exc, GlossaryError) else RuntimeError
        return kind(str(exc))
    return exc


def _reap(pids: list[int]) -> None:
    """End the workers that are still running (closed early, or after an error) and wait for
    every one of them."""
    import signal

    for pid in pids:
        try:
            finished, _ = os.waitpid(pid, os.WNOHANG)
            if not finished:
                os.kill(pid, signal.SIGTERM)
        except ChildProcessError:
            continue
        with suppress(ChildProcessError):
            os.waitpid(pid, 0)


# ----------------------------------------------------------------------------------- extraction
def _extract_range(job: RangeJob) -> dict[str, Tally]:
    from .extract import CandidateCollector
    from .models import Segment

    collector = CandidateCollector(known=_STATE["known"], rejected=_STATE["rejected"])
    label = _STATE["label"]
    lines = iter_range_lines(
        job.path, label, job.start, job.end, job.found, number=job.lines_before, keep_ends=False
    )
    texts = ((number, strip_invisible(line)) for number, line in lines)
    collector.feed_all(Segment(label, number, text) for number, text in texts if text.strip())
    return collector.tallies()


def extract_file(
    path: str,
    *,
    label: str,
    found: Decoded,
    known: Terms | None,
    rejected: frozenset[str],
    workers: int | None = None,
) -> CandidateCollector | None:
    """Extract from one file on several cores; None when the file should take the single pass."""
    from .extract import CandidateCollector, prepare

    if _in_ranges(path, found, worker_count(workers)):
        prepare(known)  # once, inherited by every worker
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
        merged.merge_tallies(tallies)
    return merged


# ------------------------------------------------------------------------------------- scanning
def _count_range(job: RangeJob) -> Counter[int]:
    scanner, label, found = _STATE["scanner"], _STATE["label"], job.found
    tally: Counter[int] = Counter()  # no lines needed: whole blocks of bytes through the automaton
    with open(job.path, "rb") as f:
        f.seek(job.start)
        number = job.lines_before
        for block, _ in iter_line_blocks(
            f.read, limit=job.end - job.start, name=label, number=number
        ):
            # decoded even when UTF-8: bad bytes fail as in every other reader, on their line
            text = decode_block(block, found, label, number)
            number += text.count("\n")
            tally.update(scanner.count_bytes(block if found.encoding == "utf-8" else text.encode()))
    return tally


#: in a worker, how far its earlier jobs read the file for ``_before`` (path, byte offset of a
#: line start, lines and characters before it, the formulas named before it): a worker's jobs
#: come in document order, so each byte before its last range is read once, not once per range
_PREFIX: dict[str, tuple[int, int, int, dict[str, None]]] = {}


def _before(job: RangeJob, scanner: Terms, label: str) -> tuple[int, int, list[str]]:
    """The lines and characters before the range (``job``'s own unless -1: counted as
    ``_prefix_counts`` counts them) and the numbered formulas that the file names (has a hit
    of) before it, in the order of their first hits (none when the glossary has no formulas'
    parts): the formulas' own automaton (``terms.Relations.namer``) finds the lines that hold
    one of their forms, on whole blocks of bytes (no form holds a line feed); the scanner's
    hits of those lines (a few: a formula named already needs no proof) say which are hits.
    Each worker reads what comes before its ranges once, at some 200 MB a second."""
    relations, zh, found = scanner.relations, scanner.zh, job.found
    if relations is None and job.lines_before >= 0:
        return job.lines_before, job.chars_before, []
    utf8 = found.encoding == "utf-8"
    pos, number, chars, named = _PREFIX.get(job.path, (found.bom, 0, 0, {}))
    if pos > job.start:  # not in document order: from the start
        pos, number, chars, named = found.bom, 0, 0, {}
    named = dict(named)
    with open(job.path, "rb") as f:
        f.seek(pos)
        for raw, _ in iter_line_blocks(f.read, limit=job.start - pos, name=label, number=number):
            data = raw
            if not utf8:
                text = decode_block(raw, found, label, number)
                chars += len(text)
                data = text.encode()
            else:  # every byte but the continuation bytes starts a character
                chars += len(raw.translate(None, _UTF8_CONTINUATION))
            number += data.count(b"\n")
            if relations is None:
                continue
            namer, formulas = relations.namer, relations.formulas
            names = namer.zh  # the formula of each of the namer's patterns
            done = -1  # the end of the last line looked at
            for k, a, _b in namer.matches_bytes(data):
                if a < done or names[k] in named:  # a formula named already needs no proof
                    continue
                start = data.rfind(b"\n", 0, a) + 1
                end = data.find(b"\n", a)
                done = len(data) if end < 0 else end
                # bad bytes: the scan that follows names their line
                line = data[start:done].decode("utf-8", errors="replace")
                for i, _x, _y in scanner.matches(line):
                    if zh[i] in formulas:
                        named.setdefault(zh[i])
    _PREFIX[job.path] = (job.start, number, chars, named)
    if job.lines_before >= 0:
        number, chars = job.lines_before, job.chars_before
    return number, chars, list(named)


def _scan_range(job: RangeJob) -> PartFile:
    import tempfile  # in the worker: 4 ms of imports off the parent's path
    from bisect import bisect_left

    scanner, label, found = _STATE["scanner"], _STATE["label"], job.found
    matches = scanner.matcher()
    formatter = _STATE["formatter"]  # made once, before the fork
    context = None
    # the lines and characters before this range, and the formulas the document named before it
    # as the single pass knows them
    number, offset, named = _before(job, scanner, label) if job.start else (0, 0, [])
    if scanner.relations is not None:
        from .scan import FormulaContext, format_hits

        context = FormulaContext(scanner, named)
        formatter = format_hits(scanner, _STATE["fmt"], label, context=context, encoded=True)
    hits = 0
    # The formatted hits go to a file the parent copies to its output (no pickling of megabytes),
    # encoded and written once per block. A block is matched as a whole: no term holds a line
    # feed, so its matches are those of its lines (one call per block; line by line, the automaton
    # maps the byte offsets of every line to characters anew), and each line with hits takes its
    # slice of them. Lines without hits cost nothing but the count of their line feeds.
    fd, tmp = tempfile.mkstemp(prefix="glossary-scan-", suffix=".part")
    with open(fd, "wb") as out, open(job.path, "rb") as f:
        f.seek(job.start)
        for block, _last in iter_line_blocks(
            f.read, limit=job.end - job.start, name=label, number=number
        ):
            text = decode_block(block, found, label, number)
            found_ = matches(text)
            chunk = []
            starts = list(map(_second, found_))
            k, count = 0, len(found_)
            line_start, line = 0, number  # the start of a line in the block, the lines before it
            while k < count:
                a = starts[k]
                cut = text.rfind("\n", line_start, a) + 1  # the start of the line of hit k
                if cut:
                    line += text.count("\n", line_start, cut)
                    line_start = cut
                line_end = text.find("\n", a)  # every block ends with one
                last = bisect_left(starts, line_end, k)
                chunk.append(formatter(line + 1, line_start - 1, offset, found_[k:last]))
                k = last
                line += 1
                line_start = line_end + 1
            hits += count
            number += text.count("\n")
            offset += len(text)
            if chunk:  # the formatter's text is the UTF-8 bytes already (``encoded``)
                out.write("".join(chunk).encode("latin-1"))
    # what the range named: the worker's next range reads on from here
    _PREFIX[job.path] = (job.end, number, offset, dict.fromkeys(context.named if context else ()))
    return PartFile(tmp, hits)


def count_file(
    path: str, *, label: str, found: Decoded, scanner: Terms, workers: int | None = None
) -> Iterator[Counter[int]] | None:
    """Count the matches in one large file on several cores: one Counter of pattern indexes per
    range, in document order. None: take the single pass."""
    scanner.count_bytes(b"")  # built before the fork, not once per worker
    return run_ranges(
        path, found, _count_range, {"scanner": scanner, "label": label}, workers=workers
    )


def scan_file(
    path: str,
    *,
    label: str,
    found: Decoded,
    scanner: Terms,
    fmt: str,
    workers: int | None = None,
) -> Iterator[PartFile] | None:
    """Scan one large file on several cores: the hits of each range formatted by
    ``scan.format_hits`` of ``fmt`` (as UTF-8: ``encoded``) in a temporary file, in document
    order. None: take the single pass (also when ``label`` has no UTF-8 form).

    When the glossary has formulas with parts, a range that the document named formulas before
    (``_named_before``) formats its hits with a formatter that knows them, as the single pass
    would."""
    from .scan import format_hits

    if not _in_ranges(path, found, worker_count(workers)):
        return None
    try:  # made once, before the fork (a range after the first makes its own, with formulas)
        formatter = format_hits(scanner, fmt, label, encoded=True)
    except UnicodeEncodeError:
        return None
    scanner.matches("")  # built before the fork, not once per worker
    # (the formulas' namer is built in each worker that reads a prefix: a DFA, 5 ms)
    state = {"scanner": scanner, "formatter": formatter, "fmt": fmt, "label": label}
    # the lines and characters before each range counted in the workers, beside their prefix
    return run_ranges(path, found, _scan_range, state, workers=workers, counted=False)
