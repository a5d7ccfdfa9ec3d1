"""The stamp of the last build of a glossary: a digest of everything a build reads, and the counts
it reported, in the cache directory (``index.cache_dir``). A build that finds its inputs' digest
in the stamp has nothing to do: the catalogues are already what it would write.

The digest covers the seeds (names and bytes), ``curation.tsv``, the four catalogues, the program
(every file of the package, its data files included) and the versions of pypinyin and OpenCC (the
size and modification time of their files, found without importing them), and the folders the
build was given, so that any change makes the next build run in full.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from contextlib import suppress
from pathlib import Path

STAMP_VERSION = "1"
#: the counts a build reports: entries, obsolete, reviewed, pending
Counts = tuple[int, int, int, int]


def _stamp_path(locales: Path) -> str:
    import zlib

    from .index import cache_dir

    key = os.path.realpath(locales)
    return os.path.join(cache_dir(), f"build-{zlib.crc32(key.encode()):08x}-{len(key)}.stamp")


def program_files() -> list[str]:
    """Every file of the package (its code and data files), sorted."""
    here = os.path.dirname(os.path.abspath(__file__))
    found = []
    for folder, dirs, files in os.walk(here):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        found += [os.path.join(folder, f) for f in sorted(files) if not f.endswith(".pyc")]
    return found


def _libraries() -> list[str]:
    from importlib.util import find_spec

    out = []
    for name in ("pypinyin", "opencc"):
        try:
            spec = find_spec(name)
        except (ImportError, ValueError):
            spec = None
        origin = spec.origin if spec is not None else None
        folder = os.path.dirname(origin) if origin else None
        try:
            st = os.stat(folder) if folder else None
            files = sorted(os.listdir(folder)) if folder else []
            out.append(f"{name}:{folder}:{st.st_mtime_ns if st else '-'}:{len(files)}")
            for f in files:
                with suppress(OSError):
                    fs = os.stat(os.path.join(folder, f)) if folder else None
                    if fs is not None:
                        out.append(f"{f}:{fs.st_size}:{fs.st_mtime_ns}")
        except OSError:
            out.append(f"{name}:-")
    return out


def digest(
    locales: Path,
    seeds: Path,
    root: Path,
    seed_files: Iterable[Path],
    *,
    catalogues: Mapping[Path, str] | None = None,
) -> str:
    """The digest of a build's inputs; ``catalogues`` (path -> text) stands for the catalogues
    on disk (a build that has just written them)."""
    import hashlib

    from .paths import CATALOGS, CURATION_FILE

    h = hashlib.blake2b(digest_size=20)

    def add(label: str, data: bytes | None) -> None:
        h.update(f"\0{label}\0{-1 if data is None else len(data)}\0".encode())
        if data is not None:
            h.update(data)

    def read(path: str | Path) -> bytes | None:
        try:
            with open(path, "rb") as f:
                return f.read()
        except OSError:
            return None

    add("version", STAMP_VERSION.encode())
    for folder in (locales, seeds, root):
        add("folder", os.path.realpath(folder).encode())
    for f in seed_files:
        add(f"seed {f}", read(f))
    add("curation", read(locales / CURATION_FILE))
    for kind in CATALOGS:
        path = locales / kind
        text = None if catalogues is None else catalogues.get(path)
        add(f"catalogue {kind}", text.encode("utf-8") if text is not None else read(path))
    for name in program_files():
        add(f"program {os.path.basename(name)}", read(name))
    add("libraries", "\n".join(_libraries()).encode())
    return h.hexdigest()


def read_stamp(locales: Path, inputs: str) -> Counts | None:
    """The counts of the build whose inputs had the digest ``inputs``, or None."""
    try:
        with open(_stamp_path(locales), encoding="utf-8") as f:
            fields = f.read().split()
    except (OSError, UnicodeDecodeError):
        return None
    if len(fields) != 5 or fields[0] != inputs or not all(x.isdigit() for x in fields[1:]):
        return None
    a, b, c, d = (int(x) for x in fields[1:])
    return a, b, c, d


def write_stamp(locales: Path, inputs: str, counts: Counts) -> None:
    """Record a build (atomically; a cache that cannot be written is no error)."""
    from .fsutil import temp_name

    path = _stamp_path(locales)
    tmp = temp_name(path)
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "x", encoding="utf-8") as f:
            f.write(" ".join([inputs, *map(str, counts)]) + "\n")
        os.replace(tmp, path)
    except OSError:
        with suppress(OSError):
            os.unlink(tmp)
