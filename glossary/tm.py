"""The translation memory of sentences (issue 13): a gettext compendium under ``locales/``, its
index in the cache directory, fuzzy matches scored as CAT tools score them, pretranslation.

The memory is ``locales/memory.po``, an ordinary PO file (msgid a Chinese segment, msgstr its
English) that ``msgmerge --compendium`` and every PO tool can use; each entry carries its origin
and the date it was added in translator comments (``# origin: FILE:LINE``, ``# added: DATE``),
and, when a later translation replaced it, the earlier one (``# previous: …``).

Matching. A segment is compared by its *key*: NFKC, white space removed, traditional characters
made simplified (OpenCC t2s), so that a Hong Kong repost finds the mainland translation. The score
is the character-level Levenshtein similarity of the keys, ``100 × (1 − distance / longer
length)``, rounded down; 100 only when the segments are identical (to their white space), and a
segment that differs in anything else scores at most 99. Candidates come from an index of the
keys' character pairs: the rarest pairs of the query are looked up, the segments sharing the most
of them are scored exactly.
"""

from __future__ import annotations

import os
import re
import sqlite3
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import FormatError, GlossaryError, InputError

if TYPE_CHECKING:
    from .bilingual import Unit
    from .fsutil import Notice

# A lookup imports neither the bilingual readers nor datetime: they load in the functions that
# read or write the compendium.

#: The memory's file name inside ``locales/``.
MEMORY_FILE = "memory.po"
#: Bump when the index layout or its keys change (tm-5: ``enrich.to_hans`` simplifies Taiwan's
#: and Hong Kong's variants, so the keys of traditional segments changed).
INDEX_VERSION = "tm-5"
#: Character pairs of the query looked up (the rarest first).
PROBE_GRAMS = 12
#: Candidates scored exactly per query.
CANDIDATES = 200
#: Units whose character-pair postings are held in memory at once while the index is built.
PART_UNITS = 200_000
#: Segments looked up together by ``lookup_many`` (their postings held at once).
LOOKUP_BATCH = 500
_HAN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"  #: compiled by analyze
#: Match bands as CAT tools quote them (lowest score of each band, label).
BANDS = ((100, "100%"), (95, "95-99%"), (85, "85-94%"), (75, "75-84%"), (0, "no match"))


@dataclass(frozen=True, slots=True)
class Memory:
    """One translation unit of the memory."""

    source: str  #: the Chinese segment (the msgid)
    target: str  #: its English (the msgstr)
    origin: str = ""  #: where it came from (``FILE:LINE``, or a document's name)
    added: str = ""  #: ISO date it was added or last changed
    previous: tuple[str, ...] = ()  #: translations it replaced
    notes: tuple[str, ...] = ()  #: other translator comments, kept verbatim


@dataclass(frozen=True, slots=True)
class Match:
    """A memory unit that matches a query, with its score."""

    score: int  #: 0–100, 100 only for an identical segment
    source: str
    target: str
    origin: str
    diff: tuple[tuple[str, str, str], ...] = ()  #: (op, query text, memory text), op in = - + ~


@dataclass(frozen=True, slots=True)
class AddReport:
    """What ``add_units`` did."""

    added: int
    updated: int
    duplicate: int  #: already in the memory with the same translation
    skipped: int  #: untranslated, or fuzzy without ``include_fuzzy``
    refused: tuple[tuple[str, int, str], ...] = ()  #: (file, line, why)
    total: int = 0  #: units in the memory afterwards


@dataclass(frozen=True, slots=True)
class Band:
    """One row of ``analyze``: a match band and what falls in it."""

    band: str
    segments: int
    characters: int  #: Chinese characters (the unit CAT quotes for Chinese use)


# --- the compendium -------------------------------------------------------------------------


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\t", "\\t")
        .replace("\r", "\\r")
    )


def memory_path(locales: str | os.PathLike[str]) -> str:
    """The memory's path in a glossary folder."""
    return os.path.join(os.fspath(locales), MEMORY_FILE)


def read_memory(path: str | os.PathLike[str]) -> Iterator[Memory]:
    """Stream the units of a compendium (one pass, no PO library: a million units in seconds).

    Reads what ``write_memory`` writes and any other PO compendium (wrapped strings, msgctxt,
    flags); fuzzy, untranslated and obsolete entries and the header are skipped.

    Raises:
        InputError: the file cannot be read.
        FormatError: a malformed line, with its number.
    """
    name = os.fspath(path)
    from .bilingual.po import unescape
    from .textio import iter_lines

    origin = added = ""
    previous: list[str] = []
    notes: list[str] = []
    fuzzy = False
    key = ""
    parts: dict[str, list[str]] = {}

    def flush() -> Memory | None:
        msgid = "".join(parts.get("msgid", []))
        msgstr = "".join(parts.get("msgstr", parts.get("msgstr[0]", [])))
        if "msgid" not in parts or not msgid or not msgstr or fuzzy:
            return None
        return Memory(
            unescape(msgid), unescape(msgstr), origin, added, tuple(previous), tuple(notes)
        )

    for number, raw in iter_lines(name):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if parts.get("msgstr") is not None or parts.get("msgstr[0]") is not None:
                unit = flush()
                if unit is not None:
                    yield unit
                origin = added = ""
                previous, notes, fuzzy, key, parts = [], [], False, "", {}
            if line.startswith("#~"):
                continue
            if line.startswith("#,"):
                fuzzy = fuzzy or "fuzzy" in line
            elif line.startswith("# origin: "):
                origin = line[10:]
            elif line.startswith("# added: "):
                added = line[9:]
            elif line.startswith("# previous: "):
                previous.append(line[12:])
            elif line.startswith("# "):
                notes.append(line[2:])
            continue
        if line.startswith('"'):
            if not key or not line.endswith('"') or len(line) < 2:
                raise FormatError(name, number, f"malformed PO line: {line[:60]!r}")
            parts[key].append(line[1:-1])
            continue
        word, _, rest = line.partition(" ")
        rest = rest.strip()
        if word not in ("msgctxt", "msgid", "msgid_plural", "msgstr") and not word.startswith(
            "msgstr["
        ):
            raise FormatError(name, number, f"malformed PO line: {line[:60]!r}")
        if not (rest.startswith('"') and rest.endswith('"') and len(rest) >= 2):
            raise FormatError(name, number, f"malformed PO line: {line[:60]!r}")
        if word in ("msgctxt", "msgid") and (
            parts.get("msgstr") is not None or parts.get("msgstr[0]") is not None
        ):
            unit = flush()
            if unit is not None:
                yield unit
            origin = added = ""
            previous, notes, fuzzy, parts = [], [], False, {}
        key = word
        parts[key] = [rest[1:-1]]
    unit = flush()
    if unit is not None:
        yield unit


_HEADER = """\
# Translation memory of the glossary: Chinese segments and their English translations.
# A gettext compendium: msgmerge --compendium={name} … fills a PO from it.
msgid ""
msgstr ""
"Project-Id-Version: glossary memory\\n"
"Report-Msgid-Bugs-To: glossary curators\\n"
"POT-Creation-Date: {day} 00:00+0000\\n"
"PO-Revision-Date: {day} 00:00+0000\\n"
"Last-Translator: glossary curators\\n"
"Language-Team: English\\n"
"Language: en\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"X-Generator: glossary {version}\\n"
"X-Source-Language: zh_CN\\n"
"""


def memory_text(units: Iterable[Memory], *, day: str) -> str:
    """The compendium's text: a PO header, then one entry per unit in the given order."""
    return "".join(memory_chunks(units, day=day))


def memory_chunks(units: Iterable[Memory], *, day: str) -> Iterator[str]:
    """``memory_text`` piece by piece (the header, then one entry at a time)."""
    from . import __version__

    yield _HEADER.format(name=MEMORY_FILE, day=day, version=__version__)
    for u in units:
        lines = [""]
        if u.origin:
            lines.append(f"# origin: {_one_line(u.origin)}")
        if u.added:
            lines.append(f"# added: {_one_line(u.added)}")
        lines += [f"# previous: {_one_line(p)}" for p in u.previous]
        lines += [f"# {_one_line(n)}" for n in u.notes]
        lines.append(f'msgid "{_escape(u.source)}"')
        lines.append(f'msgstr "{_escape(u.target)}"')
        yield "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _clean(unit: Unit) -> str | None:
    """Why a unit cannot enter the memory, or None."""
    for text in (unit.source, unit.target):
        for ch in text:
            if (unicodedata.category(ch) in ("Cc", "Cs") and ch not in "\n\t") or ch in (
                "\u2028\u2029\x85"
            ):
                return f"control character U+{ord(ch):04X}"
    return None


def add_units(
    locales: str | os.PathLike[str],
    units: Iterable[Unit],
    *,
    include_fuzzy: bool = False,
    today: str | None = None,
    notice: Notice | None = None,
) -> AddReport:
    """Bring translated segments into the memory of ``locales`` (under the glossary's lock).

    A segment already in the memory with the same English is a duplicate; with another English
    it is updated (the earlier English kept as ``# previous:``). Untranslated segments, and fuzzy
    ones unless ``include_fuzzy``, are skipped; a segment with a control character is refused.

    The compendium is streamed (read once for the units the input touches, once more to write
    it back with them changed and the new ones at the end): memory grows with the input, not
    with the memory.

    Raises:
        GlossaryError: the memory cannot be read or written, the lock is not free.
    """
    from datetime import date

    from .bilingual import State
    from .fsutil import locked, write_atomic_chunks

    day = today or date.today().isoformat()
    path = memory_path(locales)
    added = updated = duplicate = skipped = 0
    refused: list[tuple[str, int, str]] = []
    with locked(locales, command="glossary tm add", notice=notice):
        incoming: list[tuple[str, str, str]] = []  # (source, target, origin), in input order
        for unit in units:
            if unit.state is State.UNTRANSLATED or not unit.target.strip():
                skipped += 1
                continue
            if unit.state is State.FUZZY and not include_fuzzy:
                skipped += 1
                continue
            why = _clean(unit)
            if why:
                refused.append((unit.file, unit.line, why))
                continue
            source = " ".join(unit.source.split()) if "\n" in unit.source else unit.source.strip()
            incoming.append(
                (
                    source,
                    " ".join(unit.target.split()),
                    f"{os.path.basename(unit.file)}:{unit.line}",
                )
            )
        touched = {source for source, _, _ in incoming}
        exists = os.path.exists(path)
        before = 0
        changed: dict[str, Memory] = {}  # the memory's units the input touches, then their fate
        if exists:
            for m in read_memory(path):
                before += 1
                if m.source in touched:
                    changed[m.source] = m
        new: dict[str, Memory] = {}
        for source, target, origin in incoming:
            old = changed.get(source) or new.get(source)
            if old is None:
                new[source] = Memory(source, target, origin, day)
                added += 1
            elif old.target == target:
                duplicate += 1
            else:
                previous = tuple(p for p in (old.target, *old.previous) if p != target)
                unit_now = Memory(source, target, origin, day, previous, old.notes)
                (changed if source in changed else new)[source] = unit_now
                updated += 1
        if added or updated:

            def merged() -> Iterator[Memory]:
                if exists:
                    for m in read_memory(path):
                        yield changed.get(m.source, m)
                yield from new.values()

            write_atomic_chunks(path, memory_chunks(merged(), day=day))
        total = before + len(new)
    return AddReport(added, updated, duplicate, skipped, tuple(refused), total)


# --- keys, scores, differences ----------------------------------------------------------------


def key(text: str) -> str:
    """A segment as compared: NFKC, no white space, simplified characters.

    >>> key("推進 千萬工程。")
    '推进千万工程。'
    """
    from .enrich import to_hans

    return to_hans("".join(unicodedata.normalize("NFKC", text).split()))


def keys(texts: Sequence[str]) -> list[str]:
    """``key`` of many segments at once (one OpenCC call: a hundred times fewer crossings)."""
    from .enrich import to_hans

    squashed = [
        "".join(
            (
                t if unicodedata.is_normalized("NFKC", t) else unicodedata.normalize("NFKC", t)
            ).split()
        )
        for t in texts
    ]
    if not squashed:
        return []
    converted = to_hans("\n".join(squashed)).split("\n")
    if len(converted) != len(squashed):  # a converter that changed the line count: one by one
        return [to_hans(t) for t in squashed]
    return converted


def score(query_key: str, memory_key: str, *, identical: bool = False) -> int:
    """The match score of two keys (``identical``: the segments themselves are equal).

    >>> score("推进千万工程", "推进千万工程", identical=True), score("推进千万工程", "推进万千工程")
    (100, 66)
    """
    if identical:
        return 100
    from rapidfuzz.distance import Levenshtein

    longer = max(len(query_key), len(memory_key))
    if not longer:
        return 100
    distance = Levenshtein.distance(query_key, memory_key)
    return min(99, int(100 * (1 - distance / longer)))


def diff(query: str, memory: str) -> tuple[tuple[str, str, str], ...]:
    """What differs between a query and a memory segment, as (op, query part, memory part):
    ``=`` same, ``~`` replaced, ``-`` only in the query, ``+`` only in the memory."""
    from rapidfuzz.distance import Levenshtein

    out: list[tuple[str, str, str]] = []
    for op in Levenshtein.opcodes(query, memory):
        tag = {"equal": "=", "replace": "~", "delete": "-", "insert": "+"}[op.tag]
        out.append((tag, query[op.src_start : op.src_end], memory[op.dest_start : op.dest_end]))
    return tuple(out)


def _grams(k: str) -> set[str]:
    return set(map(str.__add__, k, k[1:])) if len(k) > 1 else {k}


# --- the index ---------------------------------------------------------------------------------


def _bucket(length: int) -> int:
    """The length class of a key: exact below 8 characters, then four classes an octave (each
    about 19 % wider than the last); non-decreasing in ``length``.

    >>> [_bucket(n) for n in (3, 7, 8, 9, 15, 16, 30, 53, 64)]
    [3, 7, 8, 8, 11, 12, 15, 18, 20]
    """
    if length < 8:
        return length
    shift = length.bit_length() - 3
    return shift * 4 + (length >> shift)


def _buckets(length: int, minimum: int) -> tuple[int, int]:
    """The length classes a key of ``length`` characters can match at ``minimum`` in: a score
    of m % needs the shorter key at least m % of the longer (the distance is at least their
    difference)."""
    m = max(minimum, 1)
    low = -(-length * m // 100)  # ceil
    high = length * 100 // m
    return _bucket(max(low, 0)), _bucket(high)


def _posting() -> array[int]:
    return array("I")


def _hash(k: str) -> int:
    """A key's 32-bit hash (the exact-match index holds hashes, not keys)."""
    import zlib

    return zlib.crc32(k.encode("utf-8", "surrogatepass"))


@dataclass
class MemoryIndex:
    """An open index of a memory (a SQLite file in the cache directory).

    Tables: ``units`` (id, key, key hash, source, target, origin; the hash indexed for exact
    matches) and ``grams`` (character pair, length class of the key, part: the ids of the units
    holding that pair as a uint32 array). Postings are split by length class so that a query
    reads only the units long or short enough to reach its minimum score, and by part so that
    the build holds at most ``PART_UNITS`` units' postings in memory whatever the memory's size.
    """

    db: sqlite3.Connection
    path: str  #: the compendium it indexes
    size: int  #: units indexed

    @classmethod
    def open(cls, compendium: str | os.PathLike[str], *, progress: object = None) -> MemoryIndex:
        """Open the index of ``compendium``, building it if it is missing or out of date.

        Raises:
            InputError: the compendium is missing.
            GlossaryError: the cache cannot be written.
        """
        name = os.fspath(compendium)
        try:
            st = os.stat(name)
        except FileNotFoundError:
            raise InputError(f"{name}: no translation memory here (add some with tm add)") from None
        fingerprint = f"{INDEX_VERSION}|{st.st_size}|{st.st_mtime_ns}"
        path = _index_path(name)
        if os.path.exists(path):
            try:
                db = sqlite3.connect(path)
                meta = dict(db.execute("SELECT key, value FROM meta"))
                if meta.get("fingerprint") == fingerprint:
                    return cls(db, name, int(meta["size"]))
                db.close()
            except (sqlite3.DatabaseError, KeyError, ValueError):
                pass  # a damaged or old index: rebuilt below
        return cls._build(name, path, fingerprint, progress)

    @classmethod
    def _build(cls, name: str, path: str, fingerprint: str, progress: object) -> MemoryIndex:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        temp = f"{path}.{os.getpid()}.tmp"
        try:
            db = sqlite3.connect(temp)
            db.executescript(
                """
                PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
                CREATE TABLE units (id INTEGER PRIMARY KEY, hash INTEGER, key TEXT,
                                    source TEXT, target TEXT, origin TEXT);
                CREATE TABLE grams (gram TEXT, bucket INTEGER, part INTEGER, n INTEGER,
                                    ids BLOB, PRIMARY KEY (gram, bucket, part)) WITHOUT ROWID;
                """
            )
            n = part = held = 0
            batch: list[Memory] = []
            # length class -> character pair -> ids of the units holding it (this part's), as
            # uint32 arrays (half a list's memory)
            postings: dict[int, defaultdict[str, array[int]]] = {}

            def flush_units() -> None:
                nonlocal n, held
                ks = keys([u.source for u in batch])
                rows = []
                for u, k in zip(batch, ks, strict=True):
                    n += 1
                    rows.append((n, _hash(k), k, u.source, u.target, u.origin))
                    by_gram = postings.get(b := _bucket(len(k)))
                    if by_gram is None:
                        postings[b] = by_gram = defaultdict(_posting)
                    for g in _grams(k):
                        by_gram[g].append(n)
                db.executemany("INSERT INTO units VALUES (?, ?, ?, ?, ?, ?)", rows)
                held += len(batch)
                batch.clear()

            def flush_postings() -> None:
                nonlocal part, held
                db.executemany(
                    "INSERT INTO grams VALUES (?, ?, ?, ?, ?)",
                    (
                        (g, b, part, len(ids), ids.tobytes())
                        for b, by_gram in postings.items()
                        for g, ids in by_gram.items()
                    ),
                )
                postings.clear()
                part += 1
                held = 0

            for unit in read_memory(name):
                batch.append(unit)
                if len(batch) >= 20000:
                    flush_units()
                    if callable(progress):
                        progress(f"indexing the memory: {n:,} units")
                    if held >= PART_UNITS:
                        flush_postings()  # bounded memory: postings are written in parts
            flush_units()
            flush_postings()
            db.execute("CREATE INDEX units_hash ON units (hash)")
            db.executemany(
                "INSERT INTO meta VALUES (?, ?)", (("fingerprint", fingerprint), ("size", str(n)))
            )
            db.commit()
            db.close()
            os.replace(temp, path)
        except OSError as exc:
            _remove(temp)
            raise GlossaryError(
                f"cannot write the memory index {exc.filename or temp}: {exc.strerror}"
            ) from None
        except sqlite3.Error as exc:
            _remove(temp)
            raise GlossaryError(f"cannot write the memory index {temp}: {exc}") from None
        except BaseException:
            _remove(temp)
            raise
        return cls(sqlite3.connect(path), name, n)

    def close(self) -> None:
        self.db.close()

    def _gram_rows(
        self, columns: str, grams: Sequence[str], low: int, high: int, tail: str = ""
    ) -> Iterator[tuple[Any, ...]]:
        for start in range(0, len(grams), 500):
            chunk = grams[start : start + 500]
            marks = ",".join("?" * len(chunk))
            yield from self.db.execute(
                f"SELECT {columns} FROM grams WHERE gram IN ({marks}) AND bucket BETWEEN ? AND ?"
                + tail,
                (*chunk, low, high),
            )

    def lookup(self, text: str, *, minimum: int = 75, limit: int = 5) -> list[Match]:
        """The best matches of a segment, best first, scoring at least ``minimum``."""
        return self.lookup_many([text], minimum=minimum, limit=limit)[0]

    def lookup_many(
        self, texts: Sequence[str], *, minimum: int = 75, limit: int = 5
    ) -> list[list[Match]]:
        """``lookup`` for several segments at once, in batches of ``LOOKUP_BATCH`` segments of
        similar lengths (each batch reads the index's tables once, for the length classes its
        segments can match in)."""
        ks: list[str] = []
        for start in range(0, len(texts), 5000):
            ks += keys(texts[start : start + 5000])
        order = sorted(range(len(texts)), key=lambda i: len(ks[i]))
        out: list[list[Match]] = [[] for _ in texts]
        for start in range(0, len(order), LOOKUP_BATCH):
            part = order[start : start + LOOKUP_BATCH]
            found = self._lookup_batch(
                [texts[i] for i in part], [ks[i] for i in part], minimum=minimum, limit=limit
            )
            for i, matches in zip(part, found, strict=True):
                out[i] = matches
        return out

    def _lookup_batch(
        self, texts: Sequence[str], ks: Sequence[str], *, minimum: int, limit: int
    ) -> list[list[Match]]:
        from collections import Counter

        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        if not texts:
            return []
        grams_of = [_grams(k) for k in ks]
        ranges = [_buckets(len(k), minimum) for k in ks]
        low, high = min(r[0] for r in ranges), max(r[1] for r in ranges)
        every = sorted(set().union(*grams_of))
        # how many units of the batch's length classes hold each pair: each query's rarest
        # pairs are its probes (the batch's segments are of similar lengths)
        frequency: dict[str, int] = dict(
            self._gram_rows("gram, SUM(n)", every, low, high, " GROUP BY gram")
        )
        probes = [
            sorted((g for g in gs if g in frequency), key=frequency.__getitem__)[:PROBE_GRAMS]
            for gs in grams_of
        ]
        postings: dict[tuple[str, int], array[int]] = {}
        wanted_grams = sorted(set().union(*probes))
        for g, b, blob in self._gram_rows(
            "gram, bucket, ids", wanted_grams, low, high, " ORDER BY gram, bucket, part"
        ):
            held = postings.get((g, b))
            if held is None:
                postings[(g, b)] = held = array("I")
            held.frombytes(blob)
        exact: dict[str, list[int]] = {}
        hashes = sorted({_hash(k) for k in ks})
        for i, mk in self._rows("SELECT id, key FROM units WHERE hash IN ({})", hashes):
            exact.setdefault(mk, []).append(i)
        wanted: list[set[int]] = []
        for k, probe, (lo, hi) in zip(ks, probes, ranges, strict=True):
            counts: Counter[int] = Counter()
            for g in probe:
                for b in range(lo, hi + 1):
                    posting = postings.get((g, b))
                    if posting is not None:
                        counts.update(posting)
            wanted.append(set(exact.get(k, [])) | {i for i, _ in counts.most_common(CANDIDATES)})
        key_of = dict(
            self._rows("SELECT id, key FROM units WHERE id IN ({})", sorted(set().union(*wanted)))
        )
        chosen_of: list[list[tuple[int, int]]] = []
        for k, ids in zip(ks, wanted, strict=True):
            lo_len, hi_len = len(k) * minimum / 100, len(k) * 100 / max(minimum, 1)
            candidates = {
                i: key_of[i] for i in ids if lo_len <= len(key_of[i]) <= hi_len or key_of[i] == k
            }
            best = process.extract(
                k,
                candidates,
                scorer=Levenshtein.normalized_similarity,
                score_cutoff=minimum / 100 - 1e-9,
                limit=max(limit * 4, 20),
            )
            chosen_of.append([(i, score(k, key_of[i])) for _k, _s, i in best])
        needed = sorted({i for chosen in chosen_of for i, _ in chosen})
        unit_of = {
            i: (source, target, origin)
            for i, source, target, origin in self._rows(
                "SELECT id, source, target, origin FROM units WHERE id IN ({})", needed
            )
        }
        results: list[list[Match]] = []
        for text, chosen in zip(texts, chosen_of, strict=True):
            squashed = "".join(text.split())
            found = []
            for i, fuzzy_score in chosen:
                source, target, origin = unit_of[i]
                s = 100 if "".join(source.split()) == squashed else fuzzy_score
                if s >= minimum:
                    found.append(Match(s, source, target, origin))
            found.sort(key=lambda m: (-m.score, len(m.source), m.source))
            results.append(
                [
                    Match(m.score, m.source, m.target, m.origin, diff(text.strip(), m.source))
                    for m in found[:limit]
                ]
            )
        return results

    def _rows(self, sql: str, values: Sequence[object]) -> Iterator[tuple[Any, ...]]:
        """Run ``sql`` (with one ``IN ({})``) over ``values`` in chunks SQLite accepts."""
        for start in range(0, len(values), 900):
            chunk = values[start : start + 900]
            yield from self.db.execute(sql.format(",".join("?" * len(chunk))), chunk)


def _index_path(compendium: str) -> str:
    import zlib

    from .index import cache_dir

    real = os.path.realpath(compendium)
    return os.path.join(cache_dir(), f"memory-{zlib.crc32(real.encode()):08x}-{len(real)}.sqlite")


def _remove(path: str) -> None:
    with suppress(FileNotFoundError):
        os.unlink(path)


# --- pretranslate and analyze ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PretranslateReport:
    """What ``pretranslate`` did to a PO file."""

    exact: int  #: filled from an identical segment, as translated
    fuzzy: int  #: filled from a fuzzy match, marked fuzzy with its score
    none: int  #: left untranslated
    kept: int  #: already translated, not touched


def pretranslate_text(
    text: str, name: str, index: MemoryIndex, *, minimum: int = 75
) -> tuple[str, PretranslateReport]:
    """Fill the untranslated entries of a PO file's text from the memory.

    Exact matches become translated entries; fuzzy ones scoring at least ``minimum`` are marked
    ``#, fuzzy`` with an extracted comment ``tm: 87% match (origin)``; the rest stay empty.

    Raises:
        FormatError: the PO is malformed.
    """
    import polib

    try:
        po = polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError) as exc:
        raise FormatError(name, None, f"malformed PO: {exc}") from None
    todo = [e for e in po if not e.obsolete and e.msgid and not e.msgstr and not e.msgid_plural]
    kept = sum(1 for e in po if not e.obsolete and e.msgid and e.msgstr)
    exact = fuzzy = 0
    for entry, matches in zip(
        todo, index.lookup_many([e.msgid for e in todo], minimum=minimum, limit=1), strict=True
    ):
        if not matches:
            continue
        best = matches[0]
        entry.msgstr = best.target
        note = f"tm: {best.score}% match" + (f" ({best.origin})" if best.origin else "")
        entry.comment = "\n".join(
            [line for line in (entry.comment or "").splitlines() if not line.startswith("tm: ")]
            + [note]
        )
        if best.score == 100:
            exact += 1
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        else:
            fuzzy += 1
            if "fuzzy" not in entry.flags:
                entry.flags.append("fuzzy")
    report = PretranslateReport(exact, fuzzy, len(todo) - exact - fuzzy, kept)
    return str(po) if po.header or len(po) else text, report


def analyze(segments: Iterable[str], index: MemoryIndex | None, *, chunk: int = 500) -> list[Band]:
    """The match-band counts of a job: segments and Chinese characters in each band."""
    counts = {label: [0, 0] for _, label in BANDS}
    han = re.compile(_HAN)
    batch: list[str] = []

    def run() -> None:
        if index is None:
            results: list[list[Match]] = [[] for _ in batch]
        else:
            results = index.lookup_many(batch, minimum=BANDS[-2][0], limit=1)
        for text, matches in zip(batch, results, strict=True):
            best = matches[0].score if matches else 0
            label = next(lbl for low, lbl in BANDS if best >= low)
            counts[label][0] += 1
            counts[label][1] += len(han.findall(text))
        batch.clear()

    for s in segments:
        batch.append(s)
        if len(batch) >= chunk:
            run()
    if batch:
        run()
    return [Band(label, *counts[label]) for _, label in BANDS]


# --- export ------------------------------------------------------------------------------------

#: ``tm export`` formats.
EXPORT_FORMATS = ("tmx", "po", "csv")


def export_memory(units: Iterable[Memory], fmt: str, *, day: str | None = None) -> str:
    """The memory as TMX 1.4 (srclang zh-CN, one ``<tu>`` per unit, origin and date as props),
    as the compendium PO, or as CSV (zh, en, origin, added; RFC 4180 with a header).

    Raises:
        GlossaryError: an unknown format.
    """
    from datetime import date

    stamp = day or date.today().isoformat()
    if fmt == "po":
        return memory_text(units, day=stamp)
    if fmt == "csv":
        import csv
        import io

        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["zh", "en", "origin", "added"])
        for u in units:
            writer.writerow(
                [
                    "'" + c if c[:1] in ("=", "+", "-", "@") else c
                    for c in (u.source, u.target, u.origin, u.added)
                ]
            )
        return out.getvalue()
    if fmt == "tmx":
        from html import escape

        created = stamp.replace("-", "") + "T000000Z"
        head = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
            '<tmx version="1.4">\n'
            '  <header creationtool="glossary" creationtoolversion="1" segtype="sentence" '
            f'o-tmf="PO" adminlang="en" srclang="zh-CN" datatype="plaintext" creationdate="{created}"/>\n'
            "  <body>\n"
        )
        body = []
        for n, u in enumerate(units, 1):
            props = ""
            if u.origin:
                props += f'      <prop type="x-origin">{escape(u.origin, quote=False)}</prop>\n'
            if u.added:
                props += f'      <prop type="x-added">{escape(u.added, quote=False)}</prop>\n'
            body.append(
                f'    <tu tuid="{n}">\n{props}'
                f'      <tuv xml:lang="zh-CN"><seg>{escape(u.source, quote=False)}</seg></tuv>\n'
                f'      <tuv xml:lang="en"><seg>{escape(u.target, quote=False)}</seg></tuv>\n'
                "    </tu>\n"
            )
        return head + "".join(body) + "  </body>\n</tmx>\n"
    raise GlossaryError(
        f"unknown memory export format {fmt!r} (one of {', '.join(EXPORT_FORMATS)})"
    )


def lookup_memory(
    locales: str | os.PathLike[str],
    text: str,
    *,
    minimum: int = 75,
    limit: int = 5,
    terms: bool = False,
    progress: object = None,
) -> tuple[list[Match], list[tuple[str, str]]]:
    """``glossary tm lookup``: the memory's best matches for ``text`` and, with ``terms``, the
    glossary terms of ``text`` with their English (none when the folder holds a memory but no
    glossary).

    Raises:
        InputError: the folder has no memory.
    """
    matches = open_memory(locales, progress=progress).lookup(text, minimum=minimum, limit=limit)
    hints: list[tuple[str, str]] = []
    if terms:
        from .paths import EN

        if os.path.exists(os.path.join(os.fspath(locales), EN)):
            from .qa import TermMatcher, entries_from_index

            hints = [(e.zh, e.en) for e in TermMatcher(entries_from_index(str(locales))).find(text)]
    return matches, hints


def open_memory(locales: str | os.PathLike[str], *, progress: object = None) -> MemoryIndex:
    """The index of the memory in ``locales`` (built on first use).

    Raises:
        InputError: the glossary has no memory yet.
    """
    return MemoryIndex.open(memory_path(locales), progress=progress)


def pretranslate_file(
    path: str, locales: str | os.PathLike[str], *, minimum: int = 75
) -> tuple[str, PretranslateReport]:
    """``glossary pretranslate``: the PO file's text with its untranslated entries filled."""
    from .textio import read_text

    text, _found = read_text(path)
    return pretranslate_text(text, path, open_memory(locales), minimum=minimum)
