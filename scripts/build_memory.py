"""Rebuild the shipped translation memory, locales/memory.po, from memory/sources/ (issue 13).

Every document listed in memory/SOURCES.tsv has a pair of line-aligned files,
memory/sources/SLUG.zh.txt and SLUG.en.txt (one segment a line, the publisher's English
beside the Chinese). Each pair of lines becomes one unit of the memory with the origin
``SLUG:LINE``; the build is reproducible: the same sources give the same file, byte for byte
(the date written is the one given with --date, by default the date the sources were collected).

    python scripts/build_memory.py                     # writes locales/memory.po
    python scripts/build_memory.py --locales /tmp/loc  # elsewhere (the folder must exist)
    python scripts/build_memory.py --check             # exit 1 if locales/memory.po is stale

The memory is rebuilt whole: units added to locales/memory.po by hand (``glossary tm add``)
are kept only if their origin is not a shipped document's, so that a rebuild never loses them.
Exit status: 0 done (or up to date), 1 stale (--check), 2 bad sources.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from glossary.bilingual import Unit, read_text_pair  # noqa: E402
from glossary.errors import GlossaryError  # noqa: E402
from glossary.fsutil import write_atomic  # noqa: E402
from glossary.tm import add_units, memory_path, read_memory  # noqa: E402
from glossary.tm import memory_text as tm_text  # noqa: E402

#: The date the shipped sources were collected and aligned (written as ``# added:``).
COLLECTED = "2026-12-01"
#: The columns of memory/SOURCES.tsv.
COLUMNS = ("slug", "zh_url", "en_url", "title", "publisher", "date", "pairs")


def read_sources(memory: Path) -> list[dict[str, str]]:
    """The rows of SOURCES.tsv, checked: every slug has its two files and the stated count."""
    table = memory / "SOURCES.tsv"
    with table.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or tuple(rows[0].keys()) != COLUMNS:
        raise GlossaryError(f"{table}: the header must be {' '.join(COLUMNS)}")
    seen: set[str] = set()
    for number, row in enumerate(rows, 2):
        slug = row["slug"]
        if not slug or slug in seen:
            raise GlossaryError(f"{table}:{number}: slug {slug!r} empty or repeated")
        seen.add(slug)
        for lang in ("zh", "en"):
            if not (memory / "sources" / f"{slug}.{lang}.txt").is_file():
                raise GlossaryError(f"{table}:{number}: no sources/{slug}.{lang}.txt")
    listed = {p.name.split(".")[0] for p in (memory / "sources").glob("*.txt")}
    if listed - seen:
        raise GlossaryError(f"{table}: not listed: {', '.join(sorted(listed - seen))}")
    return rows


def units_of(memory: Path, rows: list[dict[str, str]]) -> list[Unit]:
    """The units of every document, in table order; origin ``SLUG:LINE``."""
    out: list[Unit] = []
    for row in rows:
        slug = row["slug"]
        zh = memory / "sources" / f"{slug}.zh.txt"
        en = memory / "sources" / f"{slug}.en.txt"
        pairs = list(read_text_pair(str(zh), str(en)))
        if str(len(pairs)) != row["pairs"]:
            raise GlossaryError(f"{zh}: {len(pairs)} pairs, SOURCES.tsv says {row['pairs']}")
        # Unit.file is what add_units writes as the origin's file part: the slug
        out += [Unit(slug, u.id, u.line, u.source, u.target, u.state, u.note) for u in pairs]
    return out


def memory_text(memory: Path, locales: Path, day: str) -> str:
    """The text locales/memory.po should have."""
    rows = read_sources(memory)
    slugs = {row["slug"] for row in rows}
    with tempfile.TemporaryDirectory() as scratch:
        add_units(scratch, units_of(memory, rows), today=day)
        shipped = list(read_memory(memory_path(scratch)))
    current = memory_path(locales)
    if os.path.exists(current):
        # units added by hand (their origin is no shipped document's) survive a rebuild
        sources = {m.source for m in shipped}
        shipped += [
            m
            for m in read_memory(current)
            if m.origin.rpartition(":")[0] not in slugs and m.source not in sources
        ]
    return tm_text(shipped, day=day)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--memory", type=Path, default=ROOT / "memory", help="sources folder")
    parser.add_argument("--locales", type=Path, default=ROOT / "locales", help="target folder")
    parser.add_argument("--date", default=COLLECTED, help="the date written (ISO)")
    parser.add_argument("--check", action="store_true", help="exit 1 if the memory is stale")
    args = parser.parse_args(argv)
    try:
        if not args.locales.is_dir():
            raise GlossaryError(f"{args.locales}: no such folder")
        text = memory_text(args.memory, args.locales, args.date)
        target = memory_path(args.locales)
        old = Path(target).read_text(encoding="utf-8") if os.path.exists(target) else None
        units = text.count("\nmsgid ") - 1
        if args.check:
            if old != text:
                print(f"{target}: stale (rebuild with scripts/build_memory.py)", file=sys.stderr)
                return 1
            print(f"{target}: up to date, {units} units")
            return 0
        if old != text:
            write_atomic(target, text)
        print(f"{target}: {units} units")
        return 0
    except (GlossaryError, OSError) as e:
        print(f"build_memory: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
