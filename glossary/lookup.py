"""Find entries by Chinese (simplified or traditional), pinyin (marks, numbers or none; spaced or
joined; ü as ü, v or u), initials, English words in any order, part of a term, or a near miss.

Exact matches come first, then partial ones, then fuzzy ones; within a tier, trusted renderings
(official, reviewed) first.
"""

from __future__ import annotations

import marshal
import sqlite3
from enum import IntEnum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from os import PathLike
    from typing import Any

    from .records import EntryRecord

    _Add = Callable[[list[int], "Tier", str], None]

from .index import use_index
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
        found = _Found()
        if _has_han(q):
            _han_query(con, q, found.add)
        else:
            _latin_query(con, q, found)
        return _rank(con, found.best, limit)

    return use_index(locales, search, progress=progress)


class _Found:
    """Entry ids found so far, each with its best (tier, order within its query, how)."""

    def __init__(self) -> None:
        self.best: dict[int, tuple[int, int, str]] = {}

    def add(self, ids: list[int], tier: Tier, how: str) -> None:
        for order, i in enumerate(ids):
            if i not in self.best or self.best[i][0] > tier:
                self.best[i] = (tier, order, how)


def _ids(con: sqlite3.Connection, sql: str, *args: object) -> list[int]:
    return [r[0] for r in con.execute(sql, args)]


def _han_query(con: sqlite3.Connection, q: str, add: _Add) -> None:
    add(_ids(con, "SELECT id FROM keys WHERE key = ? AND kind = 'zh'", q), Tier.EXACT, "zh")
    # part of a term: the entries that have every character pair of the query, then checked
    grams = list(dict.fromkeys(q[i : i + 2] for i in range(len(q) - 1))) or [q]
    candidates = _having_all(con, "grams", "gram", grams)
    if candidates:
        add(
            _in(
                con,
                "SELECT id FROM entries WHERE id IN ({}) AND (instr(zh, ?) OR instr(zh_tw, ?) OR instr(zh_hk, ?))"
                " ORDER BY length(zh), zh",
                candidates,
                q,
                q,
                q,
            ),
            Tier.PARTIAL,
            "part",
        )
    # terms inside a pasted phrase: every substring of the query looked up as a key
    if len(q) > 2:
        subs = list(
            dict.fromkeys(
                q[i:j]
                for i in range(len(q))
                for j in range(i + 2, min(len(q), i + 40) + 1)
                if j - i < len(q)
            )
        )
        add(
            _in(
                con,
                "SELECT k.id FROM keys k JOIN entries e ON e.id = k.id WHERE k.kind = 'zh' AND k.key IN ({})"
                " ORDER BY length(e.zh) DESC",
                subs,
            ),
            Tier.PARTIAL,
            "within",
        )


def _rows_in(
    con: sqlite3.Connection, sql: str, values: Sequence[object], *args: object
) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` with its ``IN ({})`` filled for ``values`` (in chunks below SQLite's limit)."""
    out: list[tuple[Any, ...]] = []
    for start in range(0, len(values), 900):
        chunk = values[start : start + 900]
        out += con.execute(sql.format(",".join("?" * len(chunk))), (*chunk, *args)).fetchall()
    return out


def _in(con: sqlite3.Connection, sql: str, values: Sequence[object], *args: object) -> list[int]:
    """The ids that ``sql`` (first column) selects for ``values``; see ``_rows_in``."""
    return [row[0] for row in _rows_in(con, sql, values, *args)]


def _latin_query(con: sqlite3.Connection, q: str, found: _Found) -> None:
    from .enrich import fold_pinyin

    add = found.add
    low = q.lower()
    key = english_key(q)
    add(_ids(con, "SELECT id FROM keys WHERE key = ? AND kind = 'en'", key), Tier.EXACT, "en")
    pinyinish = _pinyinish(q)
    folded = fold_pinyin(q) if pinyinish else ""
    if folded:
        add(
            _ids(con, "SELECT id FROM keys WHERE key = ? AND kind = 'py'", folded),
            Tier.EXACT,
            "pinyin",
        )
        if " " not in low and len(folded) >= 2:
            add(
                _ids(con, "SELECT id FROM keys WHERE key = ? AND kind = 'in'", folded),
                Tier.EXACT,
                "initials",
            )
    words = [w for w in english_words(q) if w not in _STOP] or english_words(q)
    if words:
        add(_all_words(con, words), Tier.PARTIAL, "en")
    if folded and len(folded) >= 3:
        # a prefix is a range of the py index; a substring needs a scan, so only when nothing else matched
        add(
            _ids(
                con,
                "SELECT id FROM entries WHERE py >= ? AND py < ? ORDER BY length(py)",
                folded,
                folded + "{",
            ),
            Tier.PARTIAL,
            "pinyin",
        )
        if not found.best:
            add(
                _ids(con, "SELECT id FROM entries WHERE instr(py, ?) ORDER BY length(py)", folded),
                Tier.PARTIAL,
                "pinyin",
            )
    if not found.best and len(words) <= _MAX_TYPO_WORDS:
        fixed = [_closest_word(con, w) or w for w in words]
        if fixed != words:
            add(_all_words(con, fixed), Tier.FUZZY, "typo")
        if folded and len(folded) >= 4 and _near_pinyin(con, q):
            add(_close_pinyin(con, folded), Tier.FUZZY, "typo")


def _all_words(con: sqlite3.Connection, words: list[str]) -> list[int]:
    return _having_all(con, "words", "word", words)


def _having_all(con: sqlite3.Connection, table: str, column: str, values: list[str]) -> list[int]:
    """The ids (ascending) that ``table`` lists with every one of ``values``: counted over
    chunks of ``IN``, so that a query of any length stays below SQLite's limits (a compound
    SELECT of 500 terms, 32,766 parameters)."""
    wanted = list(dict.fromkeys(values))
    counts: dict[int, int] = {}
    sql = f"SELECT id, count(DISTINCT {column}) FROM {table} WHERE {column} IN ({{}}) GROUP BY id"
    for i, n in _rows_in(con, sql, wanted):
        counts[i] = counts.get(i, 0) + n
    return sorted(i for i, n in counts.items() if n == len(wanted))


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
    cap = 1 if len(folded) <= 6 else 2
    scored = []
    for i, py in con.execute(
        "SELECT id, py FROM entries WHERE length(py) BETWEEN ? AND ?",
        (len(folded) - cap, len(folded) + cap),
    ):
        d = _distance(folded, py, cap)
        if d <= cap:
            scored.append((d, i))
    return [i for _, i in sorted(scored)]


def _rank(
    con: sqlite3.Connection, found: dict[int, tuple[int, int, str]], limit: int | None
) -> list[Hit]:
    """Order the hits (tier, trust, order within their query, shorter terms first) and load the
    entries of the ones shown."""
    if not found:
        return []
    rows = {
        i: (rank, zh)
        for i, rank, zh in _rows_in(
            con, "SELECT id, rank, zh FROM entries WHERE id IN ({})", list(found)
        )
    }
    order = sorted(
        rows, key=lambda i: (found[i][0], rows[i][0], found[i][1], len(rows[i][1]), rows[i][1])
    )
    shown = order[:limit] if limit else order
    data = dict(_rows_in(con, "SELECT id, data FROM entries WHERE id IN ({})", shown))
    return [Hit(Tier(found[i][0]), found[i][2], marshal.loads(data[i])) for i in shown]


def suggest(query: str, *, locales: str | PathLike[str], limit: int = 5) -> list[str]:
    """Close entries for a query that found nothing ("did you mean"), as ``zh (en)`` strings."""
    from .enrich import fold_pinyin

    q = normalize(query)

    def near(con: sqlite3.Connection) -> list[str]:
        ids: list[int] = []
        if _has_han(q):
            for ch in dict.fromkeys(q):
                if _has_han(ch):
                    ids += _ids(
                        con,
                        "SELECT id FROM entries WHERE instr(zh, ?) OR instr(zh_tw, ?) LIMIT 50",
                        ch,
                        ch,
                    )
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
                    ids += _ids(con, "SELECT id FROM words WHERE word = ? LIMIT 20", near)
            folded = fold_pinyin(q)
            if folded and _near_pinyin(con, q):
                ids += _close_pinyin(con, folded)
        out = []
        for i in dict.fromkeys(ids):
            zh, en = con.execute("SELECT zh, en FROM entries WHERE id = ?", (i,)).fetchone()
            out.append(f"{zh} ({en})" if en else zh)
            if len(out) >= limit:
                break
        return out

    return use_index(locales, near)
