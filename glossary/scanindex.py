"""The scanner's table of written forms, kept in the cache directory beside the lookup index, so
that scanning a small document with a large glossary needs no automaton of all its patterns.

A glossary of a million entries has some two million written forms: building an automaton of all
of them costs some twenty seconds and more than a gigabyte on every run, though a document of
60 KB contains a few hundred of them. The table holds every form sorted (a SQLite ``WITHOUT
ROWID`` B-tree keyed by the form), so that the forms a document can contain are found by a range
query per distinct pair of adjacent characters of the document (and an exact query per
character); ``terms.load_terms_for`` builds the automaton of those only. The matches are the same:
a pattern that does not occur in the document never takes part in a leftmost-longest match.

The table is built once per version of the glossary (the lookup index's fingerprint), written to a
temporary file and renamed (atomic), and rebuilt when it is stale or damaged.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from contextlib import suppress

from .errors import GlossaryError

TABLE_VERSION = "1"
#: a catalogue at least this large (bytes of the English PO) is scanned through the table when the
#: documents are small (about 40,000 entries: below it the whole automaton costs under a second)
MIN_CATALOGUE_BYTES = 4 << 20
#: documents up to this size in all (bytes) are scanned through the table
MAX_DOCUMENT_BYTES = 4 << 20

#: (forms, simplified term, English, category) of the forms found, form by form
Forms = tuple[list[str], list[str], list[str], list[str]]


def table_path(locales: str) -> str:
    """The table's file: the lookup index's name with ``forms-`` for ``index-``."""
    from .index import _cache_path

    folder, name = os.path.split(_cache_path(locales))
    return os.path.join(folder, "forms-" + name.removeprefix("index-"))


def _fingerprint(locales: str) -> str:
    from .index import _fingerprint as index_fingerprint

    return f"{TABLE_VERSION}|{index_fingerprint(locales)}"


def _open(locales: str, progress: Callable[[str], None] | None) -> sqlite3.Connection:
    """A read-only connection to a fresh table, built if missing, stale or unreadable."""
    from .index import open_if_fresh

    path = table_path(locales)
    fingerprint = _fingerprint(locales)
    con = open_if_fresh(path, fingerprint, "scan table", progress)
    return con or _build(locales, path, fingerprint, progress)


def _build(
    locales: str, path: str, fingerprint: str, progress: Callable[[str], None] | None
) -> sqlite3.Connection:
    from .fsutil import remove_stale_temps, temp_name
    from .index import read_written_forms

    forms, zh, en, categories = read_written_forms(locales, progress=progress)
    if progress:
        progress(f"writing the scan table of {len(forms):,} forms (once per glossary version)")
    ids: dict[str, int] = {}
    entries: list[tuple[int, str, str, str]] = []
    rows: list[tuple[str, int]] = []
    for form, term, english, category in zip(forms, zh, en, categories, strict=True):
        n = ids.get(term)
        if n is None:
            n = ids[term] = len(entries)
            entries.append((n, term, english, category))
        rows.append((form, n))
    del forms, zh, en, categories, ids
    rows.sort()
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    remove_stale_temps(folder)
    tmp = temp_name(path)
    try:
        con = sqlite3.connect(tmp)
        con.executescript(
            """
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
            CREATE TABLE entries (id INTEGER PRIMARY KEY, zh TEXT, en TEXT, category TEXT);
            CREATE TABLE forms (form TEXT PRIMARY KEY, id INTEGER) WITHOUT ROWID;
            """
        )
        con.executemany("INSERT INTO entries VALUES (?,?,?,?)", entries)
        con.executemany("INSERT INTO forms VALUES (?,?)", rows)
        con.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (fingerprint,))
        con.commit()
        con.close()
        os.replace(tmp, path)
    except (sqlite3.Error, OSError) as exc:
        with suppress(OSError):
            os.unlink(tmp)
        raise GlossaryError(f"cannot write the scan table {path}: {exc}") from None
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def _query(con: sqlite3.Connection, texts: list[str]) -> Forms:
    chars: set[str] = set()
    pairs: set[str] = set()
    for text in texts:
        chars.update(text)
        pairs.update(text[i : i + 2] for i in range(len(text) - 1))
    chars.difference_update("\n\r")
    found: dict[str, int] = {}
    exact = "SELECT form, id FROM forms WHERE form = ?"
    prefixed = "SELECT form, id FROM forms WHERE form >= ? AND form < ?"
    for c in chars:
        found.update(con.execute(exact, (c,)))
    for pair in pairs:
        last = ord(pair[1])
        if "\n" in pair or last >= 0x10FFFF:
            continue
        found.update(con.execute(prefixed, (pair, pair[0] + chr(last + 1))))
    # forms that begin with a pair of the documents but do not occur in them take no part in a
    # match: leave them out of the automaton
    joined = "\n".join(texts)
    forms = [f for f in found if f in joined]
    ids = sorted({found[f] for f in forms})
    entry: dict[int, tuple[str, str, str]] = {}
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        marks = ",".join("?" * len(part))
        for n, term, english, category in con.execute(
            f"SELECT id, zh, en, category FROM entries WHERE id IN ({marks})", part
        ):
            entry[n] = (term, english, category or "")
    return (
        forms,
        [entry[found[f]][0] for f in forms],
        [entry[found[f]][1] for f in forms],
        [entry[found[f]][2] for f in forms],
    )


def forms_in(
    locales: str | os.PathLike[str],
    texts: list[str],
    *,
    progress: Callable[[str], None] | None = None,
) -> Forms:
    """Every written form of the glossary that occurs in ``texts`` (with the simplified term,
    English and category of its first entry, as ``index.read_written_forms``), from the table;
    a damaged table is rebuilt once."""
    locales = os.fspath(locales)
    con = _open(locales, progress)
    try:
        return _query(con, texts)
    except sqlite3.DatabaseError as exc:
        con.close()
        path = table_path(locales)
        if progress:
            progress(f"the scan table {path} is damaged ({exc}); rebuilding it")
        with suppress(OSError):
            os.unlink(path)
        con = _open(locales, progress)
        try:
            return _query(con, texts)
        except sqlite3.DatabaseError as again:
            raise GlossaryError(f"the scan table {path} is unreadable: {again}") from None
    finally:
        con.close()
