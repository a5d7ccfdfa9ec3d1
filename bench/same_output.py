"""Checks that `glossary scan` writes the same bytes as another revision (default main): tsv,
json and jsonl, on one core and two, for the 20 MB corpus in UTF-8, UTF-8 with a BOM, GB18030,
and CRLF without a final newline. The other revision runs from a `git archive` of its package.

    .venv/bin/python bench/same_output.py [REV]

Prints one line per case and exits 1 on any difference. Inputs are made under bench/out/.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import OUT, ROOT, make_corpus

FORMATS = ("tsv", "json", "jsonl")


def inputs() -> list[Path]:
    """The corpus and its variants (made once)."""
    corpus = make_corpus(OUT / "corpus-20mb.txt", 20)
    text = corpus.read_text(encoding="utf-8")
    made = [corpus]
    for name, data in (
        ("corpus-bom.txt", "\ufeff".encode() + corpus.read_bytes()),
        ("corpus-gb18030.txt", text.encode("gb18030")),
        ("corpus-crlf.txt", text.rstrip("\n").replace("\n", "\r\n").encode()),
    ):
        path = OUT / name
        if not path.exists():
            path.write_bytes(data)
        made.append(path)
    return made


def package(rev: str, where: Path) -> Path:
    """The package of ``rev``, unpacked under ``where``."""
    target = where / f"rev-{rev}"
    if not target.exists():
        target.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", rev, "glossary"], capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target


def digest(root: Path, cache: Path, path: Path, fmt: str, workers: int) -> tuple[str, int, int]:
    """sha256, size and exit status of one scan's output (standard error apart)."""
    env = dict(
        os.environ,
        GLOSSARY_CACHE_DIR=str(cache),
        GLOSSARY_WORKERS=str(workers),
        PYTHONPATH=str(root),
    )
    with tempfile.TemporaryFile() as out:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "glossary",
                "--locales",
                str(ROOT / "locales"),
                "scan",
                "--format",
                fmt,
                str(path),
            ],
            stdout=out,
            stderr=subprocess.DEVNULL,
            env=env,
            cwd=root,
            check=False,
        )
        out.seek(0)
        h = hashlib.sha256()
        size = 0
        while block := out.read(1 << 20):
            h.update(block)
            size += len(block)
    return h.hexdigest(), size, done.returncode


def report(case: str, old: tuple[str, int, int], new: tuple[str, int, int]) -> bool:
    """Print one case's line (``old`` and ``new``: sha256, size and exit status of the two
    outputs, as ``digest`` gives them); whether they are the same."""
    same = old == new
    print(
        f"{'same' if same else 'DIFFERENT'}  {case}: {new[1]:,} bytes, exit {new[2]}"
        + ("" if same else f" (old {old[1]:,}, exit {old[2]})"),
        flush=True,
    )
    return same


def revision(default: str) -> str:
    """The revision named on the command line, else ``default``; exits 2 on an option."""
    if len(sys.argv) > 2 or (len(sys.argv) == 2 and sys.argv[1].startswith("-")):
        print(f"usage: {Path(sys.argv[0]).name} [REV]", file=sys.stderr)
        sys.exit(2)
    return sys.argv[1] if len(sys.argv) == 2 else default


def main() -> int:
    rev = revision("main")
    where = Path(tempfile.gettempdir()) / "glossary-same-output"
    old = package(rev, where)
    bad = 0
    for path in inputs():
        for fmt in FORMATS:
            for workers in (1, 2):
                a = digest(old, where / "cache-old", path, fmt, workers)
                b = digest(ROOT, where / "cache-new", path, fmt, workers)
                bad += not report(f"{path.name} {fmt} workers={workers}", a, b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
