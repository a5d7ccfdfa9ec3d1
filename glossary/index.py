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
from functools import cache
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

from .errors import GlossaryError
from .keys import _QUOTE_CHARS, _word_pattern, english_key, spellings
from .records import RECORD_COLUMNS, ROW_FIELDS

if TYPE_CHECKING:
    import re
    import threading
    from collections.abc import Iterator, Sequence

    from .poread import Row
    from .records import EntryRecord

INDEX_VERSION = "13"
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
    from .paths import require_glossary

    locales = require_glossary(locales)
    path = _cache_path(locales)
    con = open_if_fresh(path, _fingerprint(locales), "lookup index", progress)
    return con or _build(locales, path, progress=progress)


def open_if_fresh(
    path: str, fingerprint: str, what: str, progress: Callable[[str], None] | None = None
) -> sqlite3.Connection | None:
    """A read-only connection to the cache file ``path`` if it exists, opens and records
    ``fingerprint`` in its ``meta`` table; else None (the caller rebuilds it), a damaged file
    said through ``progress``."""
    if not os.path.exists(path):
        return None
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
            progress(f"the {what} {path} is damaged ({exc}); rebuilding it")
    return None


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
    """Index the glossary into a temporary file beside ``path``, then rename it (an index in
    memory when the cache folder cannot take it). The catalogues are read once, in one pass, by
    ``poread`` (the strict reader when it finds something unusual), under the folder's lock."""
    from .fsutil import locked, remove_stale_temps, temp_name

    if progress:
        progress(f"indexing {locales} (first use since it changed)")
    folder = os.path.dirname(path)
    with locked(locales, command="glossary (indexing)", shared=True):  # never half a commit
        fingerprint = _fingerprint(locales)
        try:
            os.makedirs(folder, exist_ok=True)
            remove_stale_temps(folder)  # of runs killed while indexing
            tmp = temp_name(path)
            open(tmp, "xb").close()
        except OSError:
            return _filled(":memory:", locales, fingerprint)
        try:
            _filled(tmp, locales, fingerprint).close()
            os.replace(tmp, path)
        except (sqlite3.Error, OSError) as exc:  # a full disk, a quota: name the file, go on
            with suppress(OSError):
                os.unlink(tmp)
            reason = getattr(exc, "strerror", None) or str(exc)
            if progress:
                progress(f"cannot write the lookup index {path}: {reason}; using one in memory")
            return _filled(":memory:", locales, fingerprint)
        except BaseException:
            with suppress(OSError):
                os.unlink(tmp)
            raise
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def _filled(target: str, locales: str, fingerprint: str) -> sqlite3.Connection:
    """A new index at ``target`` (a file or ``:memory:``), from the fast reader, or from the
    strict one when the fast one finds something unusual. A large catalogue is indexed by two
    processes at once: this one reads the PO and writes the keys, and hands each batch's rows
    through a pipe to a child that writes the entries and the full-text tables (into a file
    beside ``target``, copied in at the end): the PO is read once. A child that fails leaves
    the build to this process alone."""
    from .fsutil import temp_name
    from .paths import EN
    from .poread import Unusual

    child = None
    feed = None
    aux = temp_name(target)  # deleted by remove_stale_temps if this process is killed
    if (
        target != ":memory:"
        and (os.cpu_count() or 1) >= 2
        and os.path.getsize(os.path.join(locales, EN)) >= _PARALLEL_BYTES
    ):
        import multiprocessing

        read_end, write_end = os.pipe()
        child = multiprocessing.get_context("fork").Process(
            target=_search_file, args=(aux, read_end, write_end), daemon=True
        )
        child.start()
        os.close(read_end)
        feed = _Feed(write_end)
    con = sqlite3.connect(target, isolation_level=None)
    try:
        try:
            try:
                return _fill(
                    con,
                    _fast_rows(locales),
                    locales,
                    fingerprint,
                    child=child,
                    feed=feed,
                    aux=aux,
                )
            except _ChildFailed:  # it has ended: this process reads the catalogues again
                con.close()
                os.unlink(target)
                child = None
                con = sqlite3.connect(target, isolation_level=None)
                return _fill(con, _fast_rows(locales), locales, fingerprint)
        except Unusual:
            con.close()
            if target != ":memory:":
                os.unlink(target)
        if child is not None:
            child.kill()
            child.join()
            child = None
        con = sqlite3.connect(target, isolation_level=None)
        return _fill(con, _strict_rows(locales), locales, fingerprint)
    finally:
        if child is not None and child.is_alive():  # an error, an interrupt: end it first,
            child.kill()  # so that the feed's thread stops at its next write
            child.join()
        if feed is not None:
            feed.close()
        with suppress(OSError):
            os.unlink(aux)


#: catalogues from this size on are indexed by two processes
_PARALLEL_BYTES = 8 << 20


class _ChildFailed(Exception):
    """The child of ``_filled`` ended without its tables (the parent builds the index alone)."""


class _Feed:
    """The parent's end of the pipe to ``_search_file``: batches of numbered search fields (an
    id and the fields ``_search_values`` reads), each a length (8 bytes, little-endian) and its
    ``marshal`` blob; a length of 0 ends them. A thread writes them, up to ``_QUEUED`` batches
    behind: the child inserts its rows in bursts (``_SORTED_ROWS`` at a time), and a parent that
    wrote them itself would wait out each burst. A child that has died (its exit code
    tells the parent) stops the feed, not the build."""

    def __init__(self, fd: int) -> None:
        import queue

        self._out: BinaryIO | None = os.fdopen(fd, "wb", buffering=1 << 20)
        self._queue: queue.Queue[bytes | None] = queue.Queue(_QUEUED)
        self._writer: threading.Thread | None = None

    def send(self, items: list[Any]) -> None:
        self._put(marshal.dumps(items))

    def end(self) -> None:
        """The end mark, queued: the thread writes what is queued while the caller goes on
        (``close`` waits for it)."""
        self._put(b"")
        self._out = None

    def _put(self, blob: bytes) -> None:
        if self._out is None:  # ended
            return
        if self._writer is None:  # started at the first batch: forks come before it
            import threading

            self._writer = threading.Thread(
                target=self._write, args=(self._out,), name="glossary-index-feed", daemon=True
            )
            self._writer.start()
        self._queue.put(blob)

    def _write(self, out: BinaryIO) -> None:
        while (blob := self._queue.get()) is not None:
            try:
                out.write(len(blob).to_bytes(8, "little"))
                out.write(blob)
                out.flush()
            except OSError:  # the child is gone: the parent writes the full-text tables itself
                break
            if not blob:
                break
        with suppress(OSError):
            out.close()
        while blob:  # a sender never waits on a writer that has stopped
            blob = self._queue.get()

    def close(self) -> None:
        """Stop the thread, once it has written what is queued (at once if the child is gone)."""
        out, self._out = self._out, None
        writer, self._writer = self._writer, None
        if writer is not None:
            self._queue.put(None)
            writer.join()
        elif out is not None:
            with suppress(OSError):
                out.close()


#: batches the parent's feed holds for the child (``_Feed``): some 8 MB at most
_QUEUED = 16


def _search_file(path: str, read_end: int, write_end: int) -> None:
    """The child's part of ``_filled``: the entries and the full-text tables of the batches
    that come down the pipe (``_Feed``), in ``path``.
    The full-text rows go straight into their tables, ``_SORTED_ROWS`` at a time in id order:
    FTS5 starts a segment whenever a rowid comes lower than the last, so that each run is a
    segment of its own, merged as FTS5 merges its segments (no staging table, nothing left to
    fill after the last batch). Exit code 0 when every batch came, with its end."""
    import gc
    import signal
    from operator import itemgetter

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it ends this child
    gc.disable()
    os.close(write_end)
    con = sqlite3.connect(path, isolation_level=None)
    con.executescript(_PRAGMAS + _SEARCH_TABLES)
    con.execute("BEGIN")

    def put(values: list[tuple[int, str, str, str, str, str, str, str, str]]) -> None:
        values.sort(key=itemgetter(0))
        con.executemany(_INSERT_ZH, [v[:4] for v in values])
        con.executemany(_INSERT_EN, [(v[0], v[4]) for v in values])
        con.executemany(_INSERT_PY, [(v[0], *v[5:]) for v in values])

    pending: list[tuple[int, str, str, str, str, str, str, str, str]] = []
    with os.fdopen(read_end, "rb", buffering=1 << 20) as pipe:
        while True:
            head = pipe.read(8)
            size = int.from_bytes(head, "little")
            if len(head) < 8:
                os._exit(3)  # the parent stopped before the end (it falls back or fails)
            if not size:
                break
            blob = pipe.read(size)
            if len(blob) < size:
                os._exit(3)
            pending += [_search_values(*v) for v in marshal.loads(blob)]
            if len(pending) >= _SORTED_ROWS:
                put(pending)
                pending = []
    if pending:
        put(pending)
    con.execute("COMMIT")
    con.executescript(f"BEGIN; {_CHILD_VOCAB} COMMIT;")  # while the parent writes the keys
    con.close()
    os._exit(0)


#: the child's full-text rows go in, in id order, this many at a time (``_search_file``)
_SORTED_ROWS = 16384


def _fast_rows(locales: str) -> Iterator[Row]:
    from .paths import EN, ZH_HK, ZH_TW
    from .poread import read_forms, read_rows

    forms = []
    for kind in (ZH_TW, ZH_HK):
        name = os.path.join(locales, kind)
        forms.append(read_forms(name) if os.path.exists(name) else {})
    return read_rows(os.path.join(locales, EN), forms[0], forms[1])


def _strict_rows(locales: str) -> Iterator[Row]:
    """The rows of ``store.read_entries``: polib, every check, every message."""
    from pathlib import Path

    from .store import deprecated_text, former_text, part_text, read_entries

    for e in read_entries(Path(locales)):
        yield (
            e.zh,
            e.en,
            "\n".join(e.en_alt),
            "\n".join(deprecated_text(d) for d in e.en_deprecated),
            "\n".join(e.variants),
            e.literal,
            e.definition,
            e.category.value if e.category else "",
            e.status.value if e.status else "",
            e.source,
            e.pinyin,
            e.pinyin_orthographic,
            e.zh_tw,
            e.zh_hk,
            int(e.reviewed),
            e.reviewed_by,
            e.reviewed_on,
            "\n".join(e.locations),
            "\n".join(map(part_text, e.parts)),
            e.parts_source,
            "\n".join(map(former_text, e.parts_former)),
            e.no_parts,
            "\n".join(e.part_of),
        )


_PRAGMAS = """
PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536;
PRAGMA page_size = 8192; PRAGMA temp_store = FILE;
"""
_ENTRIES = f"CREATE TABLE entries (id INTEGER PRIMARY KEY, {RECORD_COLUMNS});\n"
_SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;
{_ENTRIES}CREATE TEMP TABLE forms (id INTEGER, zh, zh_tw, zh_hk);
CREATE TEMP TABLE extra (key TEXT, id INTEGER);
"""
#: The full-text tables (contentless: a query needs ids only). A term's forms are indexed by
#: character, each in its column, so that a phrase is a part of one form; its pinyin by
#: syllable, tone marks and the diaeresis of ü removed (lü is lu), so that a phrase is a run of
#: syllables; its English by word.
_SEARCH_TABLES = """
CREATE VIRTUAL TABLE zh_fts USING fts5(zh, zh_tw, zh_hk, content='', columnsize=0);
CREATE VIRTUAL TABLE en_fts USING fts5(en, content='', columnsize=0, detail=none);
CREATE VIRTUAL TABLE py_fts USING fts5(pinyin, joined, initials, en_joined, content='',
    columnsize=0,
    tokenize='unicode61 remove_diacritics 2');
"""
_SEARCH_SCHEMA = (
    _SEARCH_TABLES + "CREATE TEMP TABLE search (id INTEGER PRIMARY KEY, zh, zh_tw, zh_hk,"
    " english, pinyin, joined, initials, en_joined);"
)
_INSERT_SEARCH = "INSERT INTO temp.search VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
#: FTS5 appends to its tables fastest in rowid order: the rows are kept in a table by id first
_ZH_SEARCH = """
INSERT INTO zh_fts (rowid, zh, zh_tw, zh_hk)
    SELECT id, zh, zh_tw, zh_hk FROM temp.search ORDER BY id;
"""
_OTHERS_SEARCH = """
INSERT INTO en_fts (rowid, en) SELECT id, english FROM temp.search ORDER BY id;
INSERT INTO py_fts (rowid, pinyin, joined, initials, en_joined)
    SELECT id, pinyin, joined, initials, en_joined FROM temp.search ORDER BY id;
DROP TABLE temp.search;
"""
_SEARCH = _ZH_SEARCH + _OTHERS_SEARCH
#: the child's inserts into the full-text tables (``_search_file``)
_INSERT_ZH = "INSERT INTO zh_fts (rowid, zh, zh_tw, zh_hk) VALUES (?, ?, ?, ?)"
_INSERT_EN = "INSERT INTO en_fts (rowid, en) VALUES (?, ?)"
_INSERT_PY = (
    "INSERT INTO py_fts (rowid, pinyin, joined, initials, en_joined) VALUES (?, ?, ?, ?, ?)"
)
_KEYS = """
CREATE TABLE keys (key TEXT, id INTEGER, PRIMARY KEY (key, id)) WITHOUT ROWID;
INSERT OR IGNORE INTO keys SELECT key, id FROM (
    SELECT 'z' || zh AS key, id FROM temp.forms
    UNION ALL SELECT 'z' || zh_tw, id FROM temp.forms WHERE zh_tw != ''
    UNION ALL SELECT 'z' || zh_hk, id FROM temp.forms WHERE zh_hk != ''
    UNION ALL SELECT key, id FROM temp.extra
) ORDER BY key, id;
DROP TABLE temp.forms; DROP TABLE temp.extra;
"""
_VOCAB = """
CREATE VIRTUAL TABLE temp.en_terms USING fts5vocab(main, en_fts, 'row');
CREATE VIRTUAL TABLE py_vocab USING fts5vocab(py_fts, 'col');
CREATE TABLE vocab (word TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID;
INSERT INTO vocab SELECT term, length(term) FROM temp.en_terms;
CREATE INDEX vocab_n ON vocab (n);
INSERT INTO meta SELECT 'syllables', group_concat(term, ' ') FROM py_vocab
    WHERE col = 'pinyin';
"""
#: ``_VOCAB``'s reading of the full-text tables, in the child (``_search_file``), which has
#: them; the parent copies its two tables (``_COPY_VOCAB``)
_CHILD_VOCAB = """
CREATE VIRTUAL TABLE temp.en_terms USING fts5vocab(main, en_fts, 'row');
CREATE VIRTUAL TABLE temp.py_cols USING fts5vocab(main, py_fts, 'col');
CREATE TABLE vocab (word TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID;
INSERT INTO vocab SELECT term, length(term) FROM temp.en_terms;
CREATE TABLE syllables AS SELECT group_concat(term, ' ') AS value FROM temp.py_cols
    WHERE col = 'pinyin';
"""
_COPY_VOCAB = """
CREATE VIRTUAL TABLE py_vocab USING fts5vocab(py_fts, 'col');
CREATE TABLE vocab (word TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID;
INSERT INTO main.vocab SELECT * FROM aux.vocab;
CREATE INDEX vocab_n ON vocab (n);
INSERT INTO meta SELECT 'syllables', value FROM aux.syllables;
"""
#: the full-text tables' own tables, copied from the child's file
_SEARCH_SHADOWS = (
    "zh_fts_data",
    "zh_fts_idx",
    "en_fts_data",
    "en_fts_idx",
    "py_fts_data",
    "py_fts_idx",
)
#: An entry's id is (rank, length of the term, place in the catalogue): ``ORDER BY id`` is the
#: order of hits. The entries table is in the catalogue's order (its rowid is the place).
_PLACE_BITS = 32
_PLACE_MASK = (1 << _PLACE_BITS) - 1


class _Numbering:
    """Gives each row its id: (rank, length of the term, place in the catalogue)."""

    def __init__(self) -> None:
        self.place = 0

    def __call__(self, batch: list[Row]) -> list[tuple[int, Row]]:
        out = []
        n = self.place
        for r in batch:
            rank = _STATUS_RANK.get(r[8], 3) + (0 if r[14] else 4)
            out.append((((rank << 5 | min(len(r[0]), 31)) << _PLACE_BITS) | n, r))
            n += 1
        self.place = n
        return out


def _search_row(i: int, r: Row) -> tuple[int, str, str, str, str, str, str, str, str]:
    """``_search_values`` of a row."""
    return _search_values(i, r[0], r[1], r[2], r[5], r[10], r[12], r[13])


def _search_values(
    i: int, zh: str, en: str, en_alt: str, literal: str, pinyin: str, tw: str, hk: str
) -> tuple[int, str, str, str, str, str, str, str, str]:
    """The full-text columns of an entry: its forms by character, its English, its pinyin by
    syllable, joined (the exact pinyin: one token), its initials (one token) and the
    normalized key of each of its English renderings joined (an exact English match: one
    token each)."""
    tw = tw if tw != zh else ""
    hk = hk if hk not in (zh, tw) else ""
    english = f"{en}\n{en_alt}\n{literal}" if en_alt or literal else en
    syllables = pinyin.split()
    return (
        i,
        " ".join(zh),
        " ".join(tw),
        " ".join(hk),
        english,
        pinyin,
        "".join(map(_FOLDS.__getitem__, syllables)),
        "".join(map(_INITIALS.__getitem__, syllables)),
        " ".join([_joined_key(x) for x in (en, *en_alt.split("\n"), literal) if x])
        if en_alt or literal
        else _joined_key(en),
    )


def search_texts(
    zh: str, en: str, en_alt: Sequence[str], literal: str, pinyin: str
) -> tuple[str, str, str, str, str]:
    """What the full-text tables hold of an entry (``_search_row``): its English, its pinyin,
    the pinyin joined, its initials and its English renderings joined; the glossary page
    (``exporters.html``) searches the same.

    >>> search_texts("八八战略", "Double Eight Strategy", ["Double-Eight"], "", "bā bā zhàn lüè")[1:]
    ('bā bā zhàn lüè', 'babazhanlue', 'bbzl', 'doubleeightstrategy doubleeight')
    """
    row = (zh, en, "\n".join(en_alt), "", "", literal, "", "", "", "", pinyin, "", "", "", 0)
    return _search_row(0, (*row, "", "", "", "", "", "", "", ""))[4:]


def _joined_key(text: str) -> str:
    """``keys.english_key`` without its spaces: the whole rendering as one token."""
    if text.isascii():
        return "".join(_word_pattern().findall(text.lower()))
    return english_key(text).replace(" ", "")


def _fill(
    con: sqlite3.Connection,
    rows: Iterator[Row],
    locales: str,
    fingerprint: str,
    *,
    child: Any = None,
    feed: _Feed | None = None,
    aux: str = "",
) -> sqlite3.Connection:
    """Write the index of ``rows`` into an empty database, the entries and the full-text
    tables too unless ``child`` (a process) writes them into ``aux`` from what ``feed`` sends
    it; the connection is returned.

    Raises:
        _ChildFailed: ``child`` ended without its tables.
    """
    import gc

    enabled = gc.isenabled()
    gc.disable()  # millions of small tuples, none of them cyclic
    number = _Numbering()
    try:
        con.executescript(_PRAGMAS + _SCHEMA + ("" if child else _SEARCH_SCHEMA))
        con.execute("BEGIN")
        plain = _not_plain().search
        formulas: dict[str, list[str]] = {}  # a formula with parts -> its written forms
        part_of: dict[str, list[str]] = {}  # a part -> its formulas
        part_forms: dict[str, list[str]] = {}  # a part -> its written forms
        for batch in _batches(_completed(rows)):
            forms = []
            extra: list[tuple[str, int]] = []
            numbered = number(batch)
            for i, r in numbered:
                zh, variants, tw, hk = r[0], r[4], r[12], r[13]
                forms.append(
                    (
                        i,
                        zh,
                        tw if tw != zh else "",
                        hk if hk not in (zh, tw) else "",
                    )
                )
                if r[18] or r[22]:
                    spelled = list(
                        dict.fromkeys(
                            form
                            for raw in (zh, tw, hk, *variants.split("\n"))
                            if raw
                            for form in spellings(raw)
                        )
                    )
                    if r[18]:
                        formulas[zh] = spelled
                    if r[22]:
                        part_of[zh] = r[22].split("\n")
                        part_forms[zh] = spelled
                if variants or plain(zh + tw + hk):
                    extra += [
                        ("z" + form, i)
                        for raw in (zh, tw, hk, *variants.split("\n"))
                        if raw
                        for form in spellings(raw)
                    ]
            con.executemany(_INSERT_ENTRY, [(i & _PLACE_MASK, *r) for i, r in numbered])
            con.executemany("INSERT INTO temp.forms VALUES (?, ?, ?, ?)", forms)
            con.executemany("INSERT INTO temp.extra VALUES (?, ?)", extra)
            if feed is not None:  # the child writes the full-text tables
                feed.send([(i, r[0], r[1], r[2], r[5], r[10], r[12], r[13]) for i, r in numbered])
            elif not child:
                con.executemany(_INSERT_SEARCH, [_search_row(i, r) for i, r in numbered])
        if feed is not None:
            feed.end()
        con.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (fingerprint,))
        if formulas or part_of:
            import json

            con.execute(
                "INSERT INTO meta VALUES ('formulas', ?)",
                (
                    json.dumps(
                        {"forms": formulas, "part_of": part_of, "part_forms": part_forms},
                        ensure_ascii=False,
                    ),
                ),
            )
        con.execute("INSERT INTO meta VALUES ('locales', ?)", (os.path.realpath(locales),))
        # the keys' sort on every core (SQLite's sorter threads): the child is done with its
        # own tables soon after the last batch (1M entries: 3.1 -> 2.2 s on two cores)
        threads = min(os.cpu_count() or 1, 8)
        con.executescript(
            f"PRAGMA threads = {threads}; BEGIN; {_KEYS} {'' if child else _SEARCH} COMMIT;"
        )
        if child:
            if feed is not None:
                feed.close()
            child.join()
            if child.exitcode == 0:
                con.execute("ATTACH DATABASE ? AS aux", (aux,))
                copy = "".join(
                    f"DELETE FROM main.{t}; INSERT INTO main.{t} SELECT * FROM aux.{t};"
                    for t in _SEARCH_SHADOWS
                )
                con.executescript(
                    f"{_SEARCH_TABLES} BEGIN; {copy} {_COPY_VOCAB} COMMIT; DETACH DATABASE aux;"
                )
            else:  # the child left its tables to us: read again, by this process alone
                raise _ChildFailed
        else:
            con.executescript(f"BEGIN; {_VOCAB} COMMIT;")
    finally:
        if enabled:
            gc.enable()
    return con


_INSERT_ENTRY = f"INSERT INTO entries VALUES ({','.join('?' * (len(ROW_FIELDS) + 1))})"


@cache
def _not_plain() -> re.Pattern[str]:
    """Finds what gives a form spellings but itself (``keys.spellings``): a quotation mark,
    a space, a character that NFKC changes (full-width, compatibility forms) or an invisible
    one. Stricter than needed: a false alarm only costs the spellings' computation."""
    import re

    quotes = re.escape(_QUOTE_CHARS)
    return re.compile(
        f"[{quotes}\\s\u2000-\u206f\u2e80-\u2fdf\u3000-\u303f\uf900-\ufaff\ufe00-\uffff\U0002f800-\U0002fa1f]"
    )


class _SyllableFolds(dict[str, str]):
    """Syllable -> its search form (``enrich.fold_pinyin``, ü as u), computed once each."""

    def __missing__(self, syllable: str) -> str:
        from .enrich import fold_pinyin

        self[syllable] = folded = fold_pinyin(syllable).replace("v", "u")
        return folded


class _SyllableInitials(dict[str, str]):
    """Syllable -> its initial letter ("" for punctuation), computed once each."""

    def __missing__(self, syllable: str) -> str:
        from .enrich import fold_pinyin

        folded = fold_pinyin(syllable).replace("v", "u") if syllable[:1].isalpha() else ""
        self[syllable] = folded[:1]
        return folded[:1]


_FOLDS, _INITIALS = _SyllableFolds(), _SyllableInitials()


def _batches(rows: Iterator[Row], size: int = 4096) -> Iterator[list[Row]]:
    from itertools import islice

    while batch := list(islice(rows, size)):
        yield batch


def _missing(r: Row) -> bool:
    return not (r[10] and r[12] and r[13])


def _complete(batch: list[Row]) -> list[Row]:
    """Rows with the pinyin and traditional forms that their catalogues lack, computed."""
    if not any(map(_missing, batch)):
        return batch
    from .enrich import Region, to_hant, to_pinyin

    out = []
    for r in batch:
        if _missing(r):
            zh = r[0]
            pinyin = r[10] or to_pinyin(zh)
            tw = r[12] or to_hant(zh, region=Region.TW)
            hk = r[13] or to_hant(zh, region=Region.HK)
            out.append((*r[:10], pinyin, r[11], tw, hk, *r[14:]))
        else:
            out.append(r)
    return out


def _completed(rows: Iterator[Row]) -> Iterator[Row]:
    """``_complete`` on every batch, on every core when many rows lack their forms (a large
    PO from another tool: pypinyin costs some 0.2 ms a term)."""
    batches = _batches(rows)
    first = next(batches, None)
    if first is None:
        return
    workers = os.cpu_count() or 1
    if sum(map(_missing, first)) < 1000 or workers < 2:
        yield from _complete(first)
        for batch in batches:
            yield from _complete(batch)
        return
    import multiprocessing
    from itertools import chain

    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for batch in pool.imap(_complete, chain([first], batches)):
            yield from batch


#: (forms, simplified terms, English, categories): ``read_written_forms``
WrittenForms = tuple[list[str], list[str], list[str], list[str]]


def read_written_forms(
    locales: str | os.PathLike[str], *, progress: Callable[[str], None] | None = None
) -> WrittenForms:
    """Every written form of every entry (simplified, Taiwan, Hong Kong, normalised, variants,
    each quoting), once each with the first entry of the catalogue that has it: the lists of
    forms and, form by form, the simplified term, its English and its category ("" when none).
    Read from the index in one query (``terms.load_terms`` builds the automata from them), and
    kept beside it in a marshal file (``_forms_path``) that a scan reads in a fifth of the
    query's time, rewritten when the catalogues change.

    Raises:
        InputError: there is no glossary in ``locales``.
    """
    from .paths import require_glossary

    locales = require_glossary(locales)
    path = _forms_path(locales)
    fingerprint = _fingerprint(locales)
    try:
        with open(path, "rb") as f:
            cached = marshal.loads(f.read())
        if isinstance(cached, tuple) and len(cached) == 5 and cached[0] == fingerprint:
            return cached[1], cached[2], cached[3], cached[4]
    except (OSError, EOFError, ValueError, TypeError):
        pass  # missing or damaged: read the index, write it anew

    def read(con: sqlite3.Connection) -> tuple[str, list[tuple[str, str, str, str]]]:
        (indexed,) = con.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
        return indexed, con.execute(
            "SELECT k.form, e.zh, e.en, e.category FROM (SELECT substr(key, 2) AS form, id,"
            f" min(id & {_PLACE_MASK}) FROM keys WHERE key > 'z' GROUP BY key) k"
            f" JOIN entries e ON e.id = k.id & {_PLACE_MASK} ORDER BY k.form"
        ).fetchall()

    indexed, rows = use_index(locales, read, progress=progress)
    forms: WrittenForms = (
        [r[0] for r in rows],
        [r[1] for r in rows],
        [r[2] or "" for r in rows],
        [r[3] or "" for r in rows],
    )
    _write_forms(path, (indexed, *forms))
    return forms


def _forms_path(locales: str) -> str:
    """The file of ``read_written_forms``: the lookup index's name with ``terms-`` for
    ``index-``, ``.marshal`` for ``.sqlite``."""
    folder, name = os.path.split(_cache_path(locales))
    stem = name.removeprefix("index-").removesuffix(".sqlite")
    return os.path.join(folder, f"terms-{stem}.marshal")


def _write_forms(path: str, value: tuple[Any, ...]) -> None:
    """Write ``value`` to ``path`` atomically, as far as the cache folder lets it (a full disk
    or a read-only cache only costs the next scan the query)."""
    from .fsutil import temp_name

    tmp = temp_name(path)
    try:
        with open(tmp, "xb") as f:
            f.write(marshal.dumps(value))
        os.replace(tmp, path)
    except OSError:
        with suppress(OSError):
            os.unlink(tmp)


def read_formulas(
    locales: str | os.PathLike[str], *, progress: Callable[[str], None] | None = None
) -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, list[str]]]:
    """The numbered formulas that list parts, each with its written forms, and each part with
    its formulas and its written forms, as the index keeps them (one row of its ``meta`` table, written when the
    index is built): ``({formula: [forms]}, {part: [formulas]}, {part: [forms]})``, all empty
    when the glossary has no parts."""

    def read(
        con: sqlite3.Connection,
    ) -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, list[str]]]:
        row = con.execute("SELECT value FROM meta WHERE key = 'formulas'").fetchone()
        if row is None:
            return {}, {}, {}
        import json

        data = json.loads(row[0])
        return data["forms"], data["part_of"], data["part_forms"]

    return use_index(locales, read, progress=progress)


def read_records(
    locales: str | os.PathLike[str], *, progress: Callable[[str], None] | None = None
) -> list[EntryRecord]:
    """Every active entry of the glossary as its JSON record (``records.EntryRecord``), in the
    catalogue's order, from the index: no PO parsing (QA and the job writer read the whole
    glossary this way)."""
    from .records import fill_english, record_from_row

    def read(con: sqlite3.Connection) -> list[EntryRecord]:
        records = [
            record_from_row(row)
            for row in con.execute(f"SELECT {RECORD_COLUMNS} FROM entries ORDER BY id")
        ]
        if any(r["parts"] or r["part_of"] for r in records):
            english = {r["zh"]: r["en"] for r in records}
            for r in records:
                fill_english(r, english)
        return records

    return use_index(locales, read, progress=progress)
