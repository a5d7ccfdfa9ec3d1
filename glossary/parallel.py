"""Extraction over large files on every core: a file is cut at line boundaries into one byte range
per worker; each worker streams its range through a ``CandidateCollector`` and the tallies are
merged in document order, so the result is the same as one pass (same counts, first locations
and location lists). Small files, standard input and UTF-16/32 files take the single pass."""

from __future__ import annotations

import os
from pathlib import Path

from .extract import CandidateCollector, KnownTerms
from .models import Segment
from .textio import _INVISIBLE, Decoded, _open_binary

MIN_PARALLEL_BYTES = 8 << 20  #: below this, forking costs more than it saves
_BLOCK = 1 << 20

# Set in the parent before forking; workers inherit it (the Rust automata cannot be pickled).
_STATE: dict = {}


def _boundaries(path: Path, parts: int, start: int) -> list[int]:
    size = path.stat().st_size
    cuts = [start]
    with open(path, "rb") as f:
        for k in range(1, parts):
            f.seek(max(start, size * k // parts))
            f.readline()  # to the start of the next line
            cuts.append(max(cuts[-1], f.tell()))
    cuts.append(size)
    return cuts


def _lines_before(path: Path, offset: int) -> int:
    count = 0
    with open(path, "rb") as f:
        remaining = offset
        while remaining > 0:
            block = f.read(min(_BLOCK, remaining))
            if not block:
                break
            count += block.count(b"\n")
            remaining -= len(block)
    return count


def _work(args: tuple[str, str, int, int, str, str]) -> dict:
    """Feed one byte range of a file to a collector; return its tallies (picklable)."""
    path, label, start, end, encoding, encoding_label = args
    from .errors import InputError

    collector = CandidateCollector(known=_STATE["known"], rejected=_STATE["rejected"])
    number = _lines_before(Path(path), start)
    with open(path, "rb") as f:
        f.seek(start)
        remaining = end - start
        pending = b""
        while True:
            chunk = f.read(min(_BLOCK, remaining)) if remaining > 0 else b""
            remaining -= len(chunk)
            data = pending + chunk
            if chunk:
                cut = data.rfind(b"\n") + 1
                if not cut:
                    pending = data
                    continue
                block, pending = data[:cut], data[cut:]
            elif data:
                block, pending = data + b"\n", b""  # the last line has no newline
            else:
                break
            try:
                text = block.decode(encoding)
            except UnicodeDecodeError as exc:
                line = number + block[: exc.start].count(b"\n") + 1
                raise InputError(f"{label}: line {line}: bytes that are not {encoding_label} ({exc.reason})") from None
            for line in text.split("\n")[:-1]:
                number += 1
                line = line.rstrip("\r")
                if _INVISIBLE.search(line):
                    line = _INVISIBLE.sub("", line)
                if line.strip():
                    collector.feed(Segment(label, number, line))
            if not chunk:
                break
    return collector._tallies


def extract_file(path: str, *, label: str, found: Decoded, known: KnownTerms | None,
                 rejected: frozenset[str], workers: int | None = None) -> CandidateCollector | None:
    """Extract from one file on several cores; None when the file should take the single pass."""
    p = Path(path)
    workers = workers or int(os.environ.get("GLOSSARY_WORKERS") or 0) or os.cpu_count() or 1
    if workers < 2 or path == "-" or not p.is_file() or p.stat().st_size < MIN_PARALLEL_BYTES:
        return None
    if found.encoding.startswith(("utf-16", "utf-32")):
        return None
    import multiprocessing

    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # pragma: no cover - platforms without fork
        return None
    cuts = _boundaries(p, workers, found.bom)
    jobs = [(path, label, a, b, found.encoding, found.label) for a, b in zip(cuts, cuts[1:]) if b > a]
    _STATE.update(known=known, rejected=rejected)
    try:
        with context.Pool(len(jobs)) as pool:
            parts = pool.map(_work, jobs)
    finally:
        _STATE.clear()
    merged = CandidateCollector(known=known, rejected=rejected)
    for tallies in parts:
        part = CandidateCollector(known=known, rejected=rejected)
        part._tallies = tallies
        merged.merge(part)
    return merged
