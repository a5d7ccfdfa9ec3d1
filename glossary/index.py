"""The lookup index: a SQLite file per glossary in the user's cache directory, rebuilt
automatically whenever a catalogue changes (size or modification time), so that a lookup opens
an index instead of parsing a PO file, and never imports pypinyin or OpenCC.

"""

from __future__ import annotations

import marshal
import os
import sqlite3
from collections.abc import Callable
from contextlib import suppress
from typing import TYPE_CHECKING, TypeVar

from .errors import GlossaryError, InputError
from .keys import english_key, english_words, spellings
from .records import entry_record

if TYPE_CHECKING:
    from .models import Entry
    from .records import EntryRecord

INDEX_VERSION = "11"
_STATUS_RANK = {"official": 0, "established": 1, "proposed": 2}


def cache_dir() -> str:
    """``$GLOSSARY_CACHE_DIR``, else ``$XDG_CACHE_HOME/glossary``, else ``~/.cache/glossary``."""
    explicit = os.environ.get("GLOSSARY_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "glossary")


def _fingerprint(locales: str) -> str:
    from .paths import EN, ZH_HK, ZH_TW

    parts = [INDEX_VERSION]
    for kind in (EN, ZH_TW, ZH_HK):
        try:
            st = os.stat(os.path.join(locales, kind))
            parts.append(f"{kind}:{st.st_size}:{st.st_mtime_ns}")
        except FileNotFoundError:
            parts.append(f"{kind}:-")
    return "|".join(parts)


def _cache_path(locales: str) -> str:
    import zlib

    key = os.path.realpath(locales)
    return os.path.join(cache_dir(), f"index-{zlib.crc32(key.encode()):08x}-{len(key)}.sqlite")


def open_index(
    locales: str | os.PathLike[str], *, progress: Callable[[str], None] | None = None
) -> sqlite3.Connection:
    """A read-only connection to the index of the glossary in ``locales``, built if missing,
    stale or unreadable. Prefer ``use_index``, which also survives an index damaged inside.

    Raises:
        InputError: there is no glossary in ``locales``.
    """
    from .paths import EN

    locales = os.fspath(locales)
    if not os.path.isfile(os.path.join(locales, EN)):
        raise InputError(f"{locales}: no glossary here (expected {EN})")
    fingerprint = _fingerprint(locales)
    path = _cache_path(locales)
    if os.path.exists(path):
        con = None
        try:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            row = con.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
            if row and row[0] == fingerprint:
                return con
            con.close()
        except sqlite3.DatabaseError as exc:
            if con is not None:
                con.close()
            if progress:
                progress(f"the lookup index {path} is damaged ({exc}); rebuilding it")
    return _build(locales, path, progress=progress)


_T = TypeVar("_T")


def use_index(
    locales: str | os.PathLike[str],
    work: Callable[[sqlite3.Connection], _T],
    *,
    progress: Callable[[str], None] | None = None,
) -> _T:
    """``work(connection)`` on the glossary's index. An index damaged inside (a page of the
    cache file overwritten: SQLite says "malformed" only when a query reaches it) is deleted,
    rebuilt with a one-line notice through ``progress``, and ``work`` runs again.

    Raises:
        InputError: there is no glossary in ``locales``.
        GlossaryError: the index is still unreadable after a rebuild.
    """
    con = open_index(locales, progress=progress)
    try:
        return work(con)
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
            raise
        path = _cache_path(os.fspath(locales))
        con.close()
        if progress:
            progress(f"the lookup index {path} is damaged ({exc}); rebuilding it")
        with suppress(OSError):
            os.unlink(path)
        con = open_index(locales, progress=progress)
        try:
            return work(con)
        except sqlite3.DatabaseError as again:
            raise GlossaryError(f"the lookup index {path} is unreadable: {again}") from None
    finally:
        con.close()


def _build(
    locales: str, path: str, *, progress: Callable[[str], None] | None = None
) -> sqlite3.Connection:
    from pathlib import Path

    from .fsutil import locked, remove_stale_temps, temp_name
    from .store import read_entries

    if progress:
        progress(f"indexing {locales} (first use since it changed)")
    with locked(locales, command="glossary (indexing)", shared=True):  # never half a commit
        fingerprint = _fingerprint(locales)
        entries = _fill_computed(read_entries(Path(locales)))
    folder = os.path.dirname(path)
    try:
        os.makedirs(folder, exist_ok=True)
        remove_stale_temps(folder)  # of runs killed while indexing
        tmp = temp_name(path)
        open(tmp, "xb").close()
    except OSError:
        return _fill(sqlite3.connect(":memory:"), entries, locales, fingerprint)
    try:
        con = _fill(sqlite3.connect(tmp), entries, locales, fingerprint)
        con.close()
        os.replace(tmp, path)
    except (sqlite3.Error, OSError) as exc:  # a full disk, a quota: name the file, go on
        with suppress(OSError):
            os.unlink(tmp)
        reason = getattr(exc, "strerror", None) or str(exc)
        if progress:
            progress(f"cannot write the lookup index {path}: {reason}; using one in memory")
        return _fill(sqlite3.connect(":memory:"), entries, locales, fingerprint)
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def _fill(
    con: sqlite3.Connection, entries: list[Entry], locales: str, fingerprint: str
) -> sqlite3.Connection:
    """Write the index of ``entries`` into an empty database; the connection is returned."""
    from .enrich import fold_pinyin

    con.executescript(
        """
        PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE entries (id INTEGER PRIMARY KEY, zh TEXT, zh_tw TEXT, zh_hk TEXT, en TEXT,
            py TEXT, rank INTEGER, category TEXT, data BLOB);
        CREATE TABLE keys (key TEXT, kind TEXT, id INTEGER);
        CREATE TABLE words (word TEXT, id INTEGER);
        CREATE TABLE grams (gram TEXT, id INTEGER);
        """
    )
    rows: list[tuple[int, str, str, str, str, str, int, str, bytes]] = []
    keys: list[tuple[str, str, int]] = []
    words: list[tuple[str, int]] = []
    grams: set[tuple[str, int]] = set()
    syllables: set[str] = set()
    for n, e in enumerate(entries):
        record = entry_record(e)
        py = fold_pinyin(e.pinyin)
        syllables.update(fold_pinyin(x) for x in e.pinyin.split())
        rank = _STATUS_RANK.get(record["status"], 3) + (0 if e.reviewed else 4)
        rows.append(
            (
                n,
                e.zh,
                e.zh_tw,
                e.zh_hk,
                e.en,
                py,
                rank,
                record["category"],
                marshal.dumps(dict(record)),
            )
        )  # marshal, not JSON: a lookup then needs no json import
        # as written (what a document contains) and normalized (what a query is compared as)
        # and every other way a document writes it: its variants (两山 for 绿水青山就是金山银山)
        # and each quoting (“132”, 「132」, 132 bare), so lookup, scan and extract find it by any
        for form in dict.fromkeys(
            f for raw in (e.zh, e.zh_tw, e.zh_hk, *e.variants) if raw for f in spellings(raw)
        ):
            keys.append((form, "zh", n))
        for form in {e.zh, e.zh_tw, e.zh_hk}:
            # characters and character pairs: part-of-term queries intersect these
            grams.update((form[i : i + 2], n) for i in range(len(form) - 1))
            grams.update((ch, n) for ch in form)
        keys.append((py, "py", n))
        if "v" in py:
            keys.append((py.replace("v", "u"), "py", n))
        # entries are complete here (_fill_computed): initials come from their pinyin
        initials = "".join(s[0] for s in e.pinyin.lower().split() if s[:1].isalpha())
        keys.append((fold_pinyin(initials), "in", n))
        for text in (e.en, *e.en_alt, e.literal):
            if text:
                keys.append((english_key(text), "en", n))
                words.extend((w, n) for w in set(english_words(text)))
    con.executemany("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?)", rows)
    con.executemany("INSERT INTO keys VALUES (?,?,?)", keys)
    con.executemany("INSERT INTO words VALUES (?,?)", set(words))
    con.executemany("INSERT INTO grams VALUES (?,?)", grams)
    con.executescript(
        "CREATE INDEX keys_key ON keys (key, kind); CREATE INDEX words_word ON words (word);"
        "CREATE INDEX grams_gram ON grams (gram); CREATE INDEX entries_py ON entries (py);"
        "CREATE TABLE vocab AS SELECT DISTINCT word, length(word) AS n FROM words;"
        "CREATE INDEX vocab_n ON vocab (n);"
    )
    con.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (fingerprint,))
    con.execute("INSERT INTO meta VALUES ('locales', ?)", (os.path.realpath(locales),))
    # The scanner's patterns, ready to load in one read: every written form with its entry, and
    # the term and English of every entry.
    forms = dict(
        con.execute(
            "SELECT key, min(id) FROM keys WHERE kind = 'zh' AND key != '' GROUP BY key ORDER BY key"
        )
    )
    scanner = (list(forms), list(forms.values()), [r[1] for r in rows], [r[4] for r in rows])
    con.execute("INSERT INTO meta VALUES ('scanner', ?)", (marshal.dumps(scanner),))
    con.execute(
        "INSERT INTO meta VALUES ('syllables', ?)",
        (" ".join(sorted(x for x in syllables if x.isalpha())),),
    )
    con.commit()
    return con


def _complete(entries: list[Entry]) -> list[Entry]:
    """Entries with the pinyin and traditional forms that their catalogues lack, computed."""
    from .enrich import with_missing_forms

    return [with_missing_forms(e) for e in entries]


def _fill_computed(entries: list[Entry]) -> list[Entry]:
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


def read_written_forms(
    locales: str | os.PathLike[str], *, progress: Callable[[str], None] | None = None
) -> tuple[list[str], list[str], list[str], list[str]]:
    """Every written form of every entry (simplified, Taiwan, Hong Kong, normalised), once each
    with the first entry that has it: the lists of forms and, form by form, the simplified term,
    its English and its category ("" when none). Read from the index in one query and one blob
    (``terms.load_terms`` builds the automata from them)."""

    def read(con: sqlite3.Connection) -> tuple[bytes, list[str]]:
        (blob,) = con.execute("SELECT value FROM meta WHERE key = 'scanner'").fetchone()
        categories = [c or "" for (c,) in con.execute("SELECT category FROM entries ORDER BY id")]
        return blob, categories

    blob, categories = use_index(locales, read, progress=progress)
    forms, ids, zh_by_id, en_by_id = marshal.loads(blob)
    return (
        forms,
        [zh_by_id[i] for i in ids],
        [en_by_id[i] for i in ids],
        [categories[i] for i in ids],
    )


def read_records(
    locales: str | os.PathLike[str], *, progress: Callable[[str], None] | None = None
) -> list[EntryRecord]:
    """Every active entry of the glossary as its JSON record (``records.EntryRecord``), from the
    index: no PO parsing (QA and the job writer read the whole glossary this way)."""

    def read(con: sqlite3.Connection) -> list[EntryRecord]:
        return [
            marshal.loads(data) for (data,) in con.execute("SELECT data FROM entries ORDER BY id")
        ]

    return use_index(locales, read, progress=progress)
