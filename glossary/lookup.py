"""Find entries by Chinese (simplified or traditional), pinyin (marks, numbers or none; spaced or
joined; ü as ü, v or u), initials, English words in any order, part of a term, or a near miss.

Exact matches come first, then partial ones, then fuzzy ones; within a tier, trusted renderings
(official, reviewed) first.
"""

from __future__ import annotations

import sqlite3
from enum import IntEnum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from os import PathLike
    from typing import Any

    from .records import EntryRecord

    _Add = Callable[[list[int], "Tier", str], None]

from .index import _PLACE_BITS, _PLACE_MASK, use_index
from .keys import english_key, english_words, normalize

_PINYIN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêḿńňǹ: '12345-")


def _has_han(text: str) -> bool:
    # No regex: compiling one costs a new process more than this loop costs a query.
    return any("\u3400" <= ch <= "\u9fff" or "\U00020000" <= ch <= "\U0002ebef" for ch in text)


def _pinyinish(text: str) -> bool:
    return all(ch in _PINYIN_CHARS for ch in text.lower())


_MAX_TYPO_WORDS = 12  #: longer queries are pasted text, not a term with a typo

_STOP = frozenset(["a", "an", "and", "the", "of", "for", "in", "on", "to", "with", "by"])


class Tier(IntEnum):
    """How a hit matched, best first."""

    EXACT = 0
    PARTIAL = 1
    FUZZY = 2


class Hit(NamedTuple):
    """One entry found for a query."""

    tier: Tier
    how: str  #: what matched: zh, pinyin, initials, en, part, typo …
    entry: EntryRecord  #: the JSON contract of the entry (``records.entry_record``)


def lookup(
    query: str,
    *,
    locales: str | PathLike[str],
    limit: int | None = 10,
    progress: Callable[[str], None] | None = None,
) -> list[Hit]:
    """Entries matching ``query``, best first.

    Args:
        query: Chinese, pinyin, initials or English.
        locales: the glossary folder.
        limit: at most this many hits (None: all).
    """
    q = normalize(query)
    if not q:
        return []

    def search(con: sqlite3.Connection) -> list[Hit]:
        found = _Found(limit)
        if _has_han(q):
            _han_query(con, q, found)
        else:
            _latin_query(con, q, found)
        return _rank(con, found.best, limit)

    return use_index(locales, search, progress=progress)


class _Found:
    """Entry ids found so far, each with its best (tier, order within its tier, how); ids are
    in the order of trust (``index``), so that each query asks SQL for its first hits only."""

    def __init__(self, limit: int | None) -> None:
        self.best: dict[int, tuple[int, int, str]] = {}
        self.limit = -1 if limit is None else limit  #: SQL's LIMIT of every query

    def add(self, ids: list[int], tier: Tier, how: str, order: Sequence[int] = ()) -> None:
        for n, i in enumerate(ids):
            key = (tier, order[n] if order else 0, how)
            if i not in self.best or self.best[i][:2] > key[:2]:
                self.best[i] = key


def _ids(con: sqlite3.Connection, sql: str, *args: object) -> list[int]:
    return [r[0] for r in con.execute(sql, args)]


def _key_ids(con: sqlite3.Connection, key: str, found: _Found) -> list[int]:
    return _ids(con, "SELECT id FROM keys WHERE key = ? ORDER BY id LIMIT ?", key, found.limit)


def _match(con: sqlite3.Connection, table: str, query: str, limit: int) -> list[int]:
    """The first ids that an FTS5 query finds (FTS5 returns them in id order)."""
    if not query:
        return []
    return _ids(con, f"SELECT rowid FROM {table} WHERE {table} MATCH ? LIMIT ?", query, limit)


def _quoted(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _han_query(con: sqlite3.Connection, q: str, found: _Found) -> None:
    add = found.add
    add(_key_ids(con, "z" + q, found), Tier.EXACT, "zh")
    # part of a term: the characters of the query in a row in one of its forms
    add(_match(con, "zh_fts", _quoted(" ".join(q)), found.limit), Tier.PARTIAL, "part")
    # terms inside a pasted phrase: every substring of the query looked up as a key, the longest
    # terms first
    if len(q) > 2:
        subs = list(
            dict.fromkeys(
                "z" + q[i:j]
                for i in range(len(q))
                for j in range(i + 2, min(len(q), i + 40) + 1)
                if j - i < len(q)
            )
        )
        ids = [r[0] for r in _rows_in(con, "SELECT id FROM keys WHERE key IN ({})", subs)]
        add(ids, Tier.PARTIAL, "within", [-(i >> _PLACE_BITS & 31) for i in ids])


def _rows_in(
    con: sqlite3.Connection, sql: str, values: Sequence[object], *args: object
) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` with its ``IN ({})`` filled for ``values`` (in chunks below SQLite's limit)."""
    out: list[tuple[Any, ...]] = []
    for start in range(0, len(values), 900):
        chunk = values[start : start + 900]
        out += con.execute(sql.format(",".join("?" * len(chunk))), (*chunk, *args)).fetchall()
    return out


def _latin_query(con: sqlite3.Connection, q: str, found: _Found) -> None:
    from .enrich import fold_pinyin

    add = found.add
    low = q.lower()
    key = english_key(q)
    if key:
        joined = _quoted(key.replace(" ", ""))
        add(_match(con, "py_fts", "en_joined : " + joined, found.limit), Tier.EXACT, "en")
    pinyinish = _pinyinish(q)
    folded = fold_pinyin(q).replace("v", "u") if pinyinish else ""
    if folded:
        # the pinyin joined and the initials are one token each
        token = _quoted(folded)
        add(_match(con, "py_fts", "joined : " + token, found.limit), Tier.EXACT, "pinyin")
        if " " not in low and len(folded) >= 2:
            add(_match(con, "py_fts", "initials : " + token, found.limit), Tier.EXACT, "initials")
    words = [w for w in english_words(q) if w not in _STOP] or english_words(q)
    if words:
        add(_all_words(con, words, found.limit), Tier.PARTIAL, "en")
    if folded and len(folded) >= 2:
        # part of a term from any of its syllables: the query's syllables in a row
        add(
            _match(con, "py_fts", _syllable_query(con, q), found.limit),
            Tier.PARTIAL,
            "pinyin",
        )
    if not found.best and len(words) <= _MAX_TYPO_WORDS:
        fixed = [_closest_word(con, w) or w for w in words]
        if fixed != words:
            add(_all_words(con, fixed, found.limit), Tier.FUZZY, "typo")
        if folded and len(folded) >= 4 and _near_pinyin(con, q):
            add(_close_pinyin(con, folded), Tier.FUZZY, "typo")


def _all_words(con: sqlite3.Connection, words: list[str], limit: int) -> list[int]:
    """The first ids whose English (preferred, other or literal) has every one of ``words``."""
    tokens = dict.fromkeys(t for w in words for t in w.split("'") if t)
    return _match(con, "en_fts", " ".join(_quoted(t) for t in tokens), limit)


def _syllables(con: sqlite3.Connection) -> frozenset[str]:
    row = con.execute("SELECT value FROM meta WHERE key = 'syllables'").fetchone()
    return frozenset(row[0].split()) if row and row[0] else frozenset()


def _syllable_query(con: sqlite3.Connection, q: str) -> str:
    """An FTS5 query for the syllables of a pinyin query in a row, each way it splits into the
    glossary's syllables (``zhanlue``: zhan lue; ``xian``: xian, xi an), the last one possibly
    cut short (``zhanl``)."""
    from .enrich import fold_pinyin

    known = _syllables(con)
    words = [fold_pinyin(w).replace("v", "u") for w in q.replace("-", " ").split()]
    words = [w for w in words if w]
    if not words or len(words) > _MAX_TYPO_WORDS * 2:
        return ""
    prefixes = {s[:k] for s in known for k in range(1, len(s))}
    ways: list[tuple[list[str], bool]] = [([], False)]
    for n, word in enumerate(words):
        last = n == len(words) - 1
        ways = [
            (done + split, partial)
            for done, _ in ways
            for split, partial in _splits_of(word, known, prefixes if last else frozenset())
        ][:8]
        if not ways:
            return ""
    return " OR ".join(
        _quoted(" ".join(tokens)) + (" *" if partial else "") for tokens, partial in ways
    )


def _splits_of(
    word: str, known: frozenset[str], prefixes: frozenset[str] | set[str]
) -> list[tuple[list[str], bool]]:
    """The ways ``word`` is a run of syllables (fewest first), the last possibly a syllable's
    start (among ``prefixes``); at most eight."""
    out: list[tuple[list[str], bool]] = []

    def walk(start: int, done: list[str]) -> None:
        if len(out) >= 8:
            return
        if start == len(word):
            out.append((done, False))
            return
        for end in range(min(len(word), start + 6), start, -1):
            piece = word[start:end]
            if piece in known:
                walk(end, [*done, piece])
        rest = word[start:]
        if rest in prefixes and rest not in known:
            out.append(([*done, rest], True))

    walk(0, [])
    return sorted(out, key=lambda way: len(way[0]))


def _distance(a: str, b: str, cap: int) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance, cut off above ``cap``."""
    if abs(len(a) - len(b)) > cap:
        return cap + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > cap:
            return cap + 1
        prev2, prev = prev, cur
    return prev[-1]


def _closest_word(con: sqlite3.Connection, word: str) -> str | None:
    if con.execute("SELECT 1 FROM vocab WHERE word = ?", (word,)).fetchone():
        return None
    cap = 1 if len(word) <= 4 else 2
    best: tuple[int, str] | None = None
    for (candidate,) in con.execute(
        "SELECT word FROM vocab WHERE n BETWEEN ? AND ?", (len(word) - cap, len(word) + cap)
    ):
        d = _distance(word, candidate, cap)
        if d <= cap and (best is None or d < best[0]):
            best = (d, candidate)
    return best[1] if best else None


def _near_pinyin(con: sqlite3.Connection, q: str) -> bool:
    """Whether a query is pinyin with a typo at most: all but one of its words split into the
    glossary's syllables (so that English queries skip the costly pinyin comparison)."""
    from .enrich import fold_pinyin

    row = con.execute("SELECT value FROM meta WHERE key = 'syllables'").fetchone()
    known = set(row[0].split()) if row else set()
    words = [fold_pinyin(w) for w in q.replace("-", " ").split()]
    return sum(not _splits(w, known) for w in words if w) <= (1 if len(words) > 1 else 0) or (
        len(words) == 1 and _splits(words[0][:-1], known)
    )


def _splits(word: str, syllables: set[str]) -> bool:
    """Whether ``word`` is a run of pinyin syllables (lve or lue for lüe)."""
    ok = [True] + [False] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 6), end):
            if ok[start] and (
                word[start:end] in syllables or word[start:end].replace("u", "v") in syllables
            ):
                ok[end] = True
                break
    return ok[-1]


def _close_pinyin(con: sqlite3.Connection, folded: str) -> list[int]:
    """Entries whose joined pinyin is within a typo or two of ``folded`` (the near ones among
    the index's pinyin tokens, then their entries)."""
    cap = 1 if len(folded) <= 6 else 2
    near = [
        (d, py)
        for (py,) in con.execute(
            "SELECT term FROM py_vocab WHERE col = 'joined' AND length(term) BETWEEN ? AND ?",
            (len(folded) - cap, len(folded) + cap),
        )
        if (d := _distance(folded, py, cap)) <= cap
    ]
    out: list[int] = []
    for _, py in sorted(near):
        out += _match(con, "py_fts", "joined : " + _quoted(py), 50)
    return out


def _rank(
    con: sqlite3.Connection, found: dict[int, tuple[int, int, str]], limit: int | None
) -> list[Hit]:
    """Order the hits (tier, order within it, then id: trust, shorter terms, the catalogue's
    order) and load the entries of the ones shown."""
    from .records import RECORD_COLUMNS, record_from_row

    if not found:
        return []
    order = sorted(found, key=lambda i: (found[i][0], found[i][1], i))
    shown = order[:limit] if limit else order
    rows = {
        r[-1]: r
        for r in _rows_in(
            con,
            f"SELECT {RECORD_COLUMNS}, id FROM entries WHERE id IN ({{}})",
            [i & _PLACE_MASK for i in shown],
        )
    }
    hits = [
        Hit(Tier(found[i][0]), found[i][2], record_from_row(rows[i & _PLACE_MASK])) for i in shown
    ]
    _fill_related(con, [h.entry for h in hits])
    return hits


def _fill_related(con: sqlite3.Connection, records: list[EntryRecord]) -> None:
    """The preferred English of the parts and formulas that ``records`` name, from the index
    (one query, only when a record has parts or formulas)."""
    from .records import fill_english, related_terms

    wanted = sorted({zh for r in records for zh in related_terms(r)})
    if not wanted:
        return
    english = dict(
        _rows_in(
            con,
            "SELECT e.zh, e.en FROM keys k JOIN entries e ON e.id = k.id & "
            f"{_PLACE_MASK} WHERE k.key IN ({{}})",
            ["z" + zh for zh in wanted],
        )
    )
    for r in records:
        fill_english(r, english)


def suggest(query: str, *, locales: str | PathLike[str], limit: int = 5) -> list[str]:
    """Close entries for a query that found nothing ("did you mean"), as ``zh (en)`` strings."""
    from .enrich import fold_pinyin

    q = normalize(query)

    def near(con: sqlite3.Connection) -> list[str]:
        ids: list[int] = []
        if _has_han(q):
            for ch in dict.fromkeys(q):
                if _has_han(ch):
                    ids += _match(con, "zh_fts", _quoted(ch), 50)
            counts: dict[int, int] = {}
            for i in ids:
                counts[i] = counts.get(i, 0) + 1
            ids = [
                i
                for i, n in sorted(counts.items(), key=lambda kv: -kv[1])
                if n >= max(1, len(q) // 2)
            ]
        else:
            words = english_words(q)[:_MAX_TYPO_WORDS]
            for w in words:
                near = _closest_word(con, w)
                if near:
                    ids += _all_words(con, [near], 20)
            folded = fold_pinyin(q).replace("v", "u")
            if folded and _near_pinyin(con, q):
                ids += _close_pinyin(con, folded)
        out = []
        for i in dict.fromkeys(ids):
            zh, en = con.execute(
                "SELECT zh, en FROM entries WHERE id = ?", (i & _PLACE_MASK,)
            ).fetchone()
            out.append(f"{zh} ({en})" if en else zh)
            if len(out) >= limit:
                break
        return out

    return use_index(locales, near)
