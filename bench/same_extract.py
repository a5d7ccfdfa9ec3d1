"""Checks that `glossary extract` writes the same bytes as another revision (default: where this
branch leaves main, ``git merge-base HEAD main``): every --format, and tsv with --unknown, on one
core and two, for all documents of eval/docs/, all of seeds/ and the 20 MB bench corpus; and that
`glossary evaluate --part dev --json` reports the same scores. The other revision runs from a
`git archive` of its package. (The held-out part is never run.)

    .venv/bin/python bench/same_extract.py [REV]

Prints one line per case and exits 1 on any difference.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import OUT, ROOT, make_corpus
from same_output import package, report, revision

FORMATS = ("table", "json", "jsonl", "tsv", "csv")


def run(root: Path, cache: Path, args: list[str], workers: int) -> tuple[str, int, int]:
    """sha256, size and exit status of one command's standard output (standard error apart)."""
    env = {
        "PATH": "/usr/bin:/bin",
        "GLOSSARY_CACHE_DIR": str(cache),
        "GLOSSARY_WORKERS": str(workers),
        "PYTHONPATH": str(root),
        "COLUMNS": "100",
    }
    done = subprocess.run(
        [sys.executable, "-m", "glossary", "--locales", str(ROOT / "locales"), *args],
        capture_output=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    return hashlib.sha256(done.stdout).hexdigest(), len(done.stdout), done.returncode


def main() -> int:
    base = subprocess.run(
        ["git", "-C", str(ROOT), "merge-base", "HEAD", "main"],
        capture_output=True,
        text=True,
        check=True,
    )
    rev = revision(base.stdout.strip()[:12])
    where = Path(tempfile.gettempdir()) / "glossary-same-extract"
    old = package(rev, where)
    print(f"old: {rev}", flush=True)
    inputs = {
        "eval/docs": sorted(str(p) for p in (ROOT / "eval/docs").glob("*.txt")),
        "seeds": sorted(str(p) for p in (ROOT / "seeds").glob("*.txt")),
        "corpus-20mb": [str(make_corpus(OUT / "corpus-20mb.txt", 20))],
    }
    cases: list[tuple[str, list[str], int]] = []
    for name, files in inputs.items():
        for workers in (1, 2):
            for fmt in FORMATS:
                cases.append((f"{name} {fmt}", ["extract", "--format", fmt, *files], workers))
            cases.append(
                (
                    f"{name} tsv --unknown",
                    ["extract", "--unknown", "--format", "tsv", *files],
                    workers,
                )
            )
    docs = inputs["eval/docs"]
    for workers in (1, 2):
        cases.append(
            (
                "evaluate --part dev --json",
                [
                    "evaluate",
                    "--gold",
                    str(ROOT / "eval/gold.tsv"),
                    "--split",
                    str(ROOT / "eval/SPLIT.tsv"),
                    "--part",
                    "dev",
                    "--sources",
                    str(ROOT / "eval/SOURCES.tsv"),
                    "--json",
                    *docs,
                ],
                workers,
            )
        )
    bad = 0
    for label, args, workers in cases:
        a = run(old, where / "cache-old", args, workers)
        b = run(ROOT, where / "cache-new", args, workers)
        bad += not report(f"{label} workers={workers}", a, b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
