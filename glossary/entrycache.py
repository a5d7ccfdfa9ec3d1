"""The entries of a glossary with their computed forms, cached per version of its catalogues:
what an export reads. A glossary from another tool has no pinyin or traditional forms, and
computing them costs some 0.2 ms a term (pypinyin, OpenCC), so that a 100,000-entry PO took
twenty seconds to export on every run; parsing it costs seconds more.

``complete_entries`` returns ``[with_missing_forms(e) for e in read_entries(locales)]``: the first
time computed (the forms on every core, as the lookup index does) and written to the cache
directory, atomically, as one marshal blob; then read back while the catalogues (size and
modification time, as for the lookup index) and the program (its files) are unchanged. A cache
that cannot be read is rebuilt; one that cannot be written is no error.
"""

from __future__ import annotations

import marshal
import os
from contextlib import suppress
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from .models import Entry

CACHE_VERSION = "1"


def _cache_path(locales: str) -> str:
    import zlib

    from .index import cache_dir

    key = os.path.realpath(locales)
    return os.path.join(cache_dir(), f"entries-{zlib.crc32(key.encode()):08x}-{len(key)}.marshal")


def _fingerprint(locales: str) -> str:
    from .buildstamp import program_files
    from .index import _fingerprint as catalogues

    parts = [CACHE_VERSION, catalogues(locales)]
    for name in program_files():
        with suppress(OSError):
            st = os.stat(name)
            parts.append(f"{os.path.basename(name)}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)


def _fields() -> tuple[str, ...]:
    from dataclasses import fields

    from .models import Entry

    return tuple(f.name for f in fields(Entry) if f.init)


def _dump(entries: list[Entry]) -> list[tuple[Any, ...]]:
    names = _fields()
    rows = []
    for e in entries:
        values: list[Any] = [getattr(e, n) for n in names]
        rows.append(tuple(values))
    cat, status, dep = names.index("category"), names.index("status"), names.index("en_deprecated")
    parts, former = names.index("parts"), names.index("parts_former")
    out = []
    for row in rows:
        values = list(row)
        values[cat] = values[cat].value if values[cat] else None
        values[status] = values[status].value if values[status] else None
        values[dep] = tuple((d.en, d.reason) for d in values[dep])
        if values[parts]:
            values[parts] = tuple((p.zh, p.en) for p in values[parts])
        if values[former]:
            values[former] = tuple((f.period, f.parts, f.source) for f in values[former])
        out.append(tuple(values))
    return out


def _load(rows: list[tuple[Any, ...]]) -> list[Entry]:
    from .models import Category, Deprecated, Entry, FormerParts, Part, Status

    names = _fields()
    cat, status, dep = names.index("category"), names.index("status"), names.index("en_deprecated")
    parts, former = names.index("parts"), names.index("parts_former")
    out = []
    for row in rows:
        values = list(row)
        if values[parts]:
            values[parts] = tuple(Part(zh, en) for zh, en in values[parts])
        if values[former]:
            values[former] = tuple(FormerParts(*f) for f in values[former])
        if values[cat] is not None:
            values[cat] = Category(values[cat])
        if values[status] is not None:
            values[status] = Status(values[status])
        if values[dep]:
            values[dep] = tuple(Deprecated(en, reason) for en, reason in values[dep])
        out.append(Entry(*values))
    return out


def complete_entries(locales: str | os.PathLike[str] | Path) -> list[Entry]:
    """Every active entry of the glossary in ``locales`` with the pinyin and traditional forms
    its catalogues lack computed (``enrich.with_missing_forms``), in catalogue order.

    Raises:
        InputError, FormatError: as ``store.read_entries``.
    """
    from pathlib import Path

    from .store import read_entries

    folder = os.fspath(locales)
    path = _cache_path(folder)
    before = _fingerprint(folder)
    with suppress(OSError, ValueError, EOFError, TypeError, KeyError, IndexError):
        with open(path, "rb") as f:  # loads of the bytes: load(f) reads object by object, 5x slower
            fingerprint, names, rows = marshal.loads(f.read())
        if fingerprint == before and tuple(names) == _fields():
            return _load(rows)
    entries = _with_forms(read_entries(Path(folder)))
    if _fingerprint(folder) == before:  # not changed while it was read
        _write(path, (before, list(_fields()), _dump(entries)))
    return entries


def _complete(entries: list[Entry]) -> list[Entry]:
    """Entries with the pinyin and traditional forms that their catalogues lack, computed."""
    from .enrich import with_missing_forms

    return [with_missing_forms(e) for e in entries]


def _with_forms(entries: list[Entry]) -> list[Entry]:
    """``_complete`` on every core for a large glossary that lacks our comments (a PO from
    another tool): pypinyin costs some 0.2 ms a term."""
    missing = sum(1 for e in entries if not (e.pinyin and e.zh_tw and e.zh_hk))
    workers = os.cpu_count() or 1
    if missing < 5000 or workers < 2:
        return _complete(entries)
    import multiprocessing

    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # pragma: no cover
        return _complete(entries)
    size = -(-len(entries) // workers)
    chunks = [entries[i : i + size] for i in range(0, len(entries), size)]
    with context.Pool(workers) as pool:
        return [e for part in pool.map(_complete, chunks) for e in part]


def _write(path: str, value: Any) -> None:
    from .fsutil import remove_stale_temps, temp_name

    tmp = temp_name(path)
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        remove_stale_temps(os.path.dirname(path))
        with open(tmp, "xb") as f:
            f.write(marshal.dumps(value))
        os.replace(tmp, path)
    except (OSError, ValueError):
        with suppress(OSError):
            os.unlink(tmp)
