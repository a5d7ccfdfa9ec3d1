"""Segments -> Candidates: find slogans and program names in Chinese policy text. No I/O.

Four rules propose terms; a curator decides (``curation.tsv``):

1. quoted spans (“…” ‘…’ 「…」 『…』 "…"), marks removed, inner marks kept; a quoted code ("132",
   "8+4") takes the name that follows it (“132”总体工作部署);
2. numbered formulas (十项重大工程, 两个确立, 一港三区);
3. named programs and platforms, by their heads (…工程, …行动, …示范区, …走廊, …品牌);
4. every term the glossary already has, in simplified or traditional script (``terms.Terms``).

The genre's words (heads, clause-opening verbs, stopwords) are data: ``glossary/data/``.

Traditional lines are matched through their simplified form (OpenCC t2s), and each candidate is
reported as first written.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, NamedTuple

from .models import Candidate, Category, Segment

if TYPE_CHECKING:
    from .terms import Terms

MAX_LOCATIONS = 10  #: occurrences kept per candidate (the PO's ``#:`` lines)
_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_NUM = "一二两三四五六七八九十百千万双"

# Quoted spans. Double quotes first: a ‘…’ inside “…” is part of the name (幸福一‘嘉’人).
_QUOTED = re.compile(
    r"“(?P<a>[^“”\n]{1,40})”|「(?P<b>[^「」\n]{1,40})」|『(?P<c>[^『』\n]{1,40})』"
    r"|‘(?P<d>[^‘’“”\n]{1,30})’|\"(?P<e>[^\"\n]{1,40})\""
)
# A code in quotes ("132", "8+4", "135N") and the Han name that follows it.
_CODE = re.compile(r"^[0-9A-Za-z+\-·.]+$")
_CODE_TAIL = re.compile(rf"[{_HAN}]{{2,10}}")
_CUT_TAIL = re.compile(r"[和与及、的]")

# The genre's vocabulary (heads with their category, clause-opening verbs, words that stop the
# head rule) lives in glossary/data/ and is loaded on first use (``load_vocabulary``).
# Where a name cannot start: the clause before it ends at punctuation or a function word.
_FUNCTION_CHARS = "的和与及在对把将从向给等为使让由以是"


def _name_chars_class() -> str:
    """A character class of Han characters and ·, less the function words (Python's re has no
    class subtraction, so the ranges are cut around them)."""
    ranges, lo = [], 0x3400
    for cp in [*sorted(map(ord, _FUNCTION_CHARS)), 0xA000]:
        if cp > lo:
            ranges.append(f"{chr(lo)}-{chr(cp - 1)}" if cp - 1 > lo else chr(lo))
        lo = cp + 1
    return "[·" + "".join(ranges) + "]"


# Read backwards from the head: the run of name characters that ends at it.
_NAME_RUN_BACKWARDS = re.compile(_name_chars_class() + "*")
_MAX_PREFIX = 12
# Numbered formulas outside quotes: numeral, measure word, short name, then a clause break.
# (The numeral comes first so that the regex engine can skip ahead to it; what precedes the match
# is checked in Python.)
_NUMBERED = re.compile(
    rf"[{_NUM}](?:[{_NUM}]?[个大项条张支][{_HAN}]{{2,6}}|[{_HAN}][{_NUM}][{_HAN}](?:[{_NUM}][{_HAN}])?)(?![{_HAN}])"
)
_NUM_OR_ORDINAL = frozenset(_NUM + "第0123456789")
_NUMBER_START = re.compile(rf"^[{_NUM}0-9]")
_HAN_CHAR = re.compile(rf"[{_HAN}]")


def _data_lines(name: str) -> list[str]:
    """The lines of a packaged data file, comments and blank lines left out."""
    text = resources.files("glossary.data").joinpath(name).read_text(encoding="utf-8")
    return [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]


@cache
def load_stopwords() -> frozenset[str]:
    """Quoted spans that are emphasis, not names (packaged ``stopwords.txt``)."""
    return frozenset(_data_lines("stopwords.txt"))


class Vocabulary(NamedTuple):
    """The genre's words that the rules use (packaged ``heads.tsv``, ``leaders.txt``,
    ``not_names.tsv``)."""

    heads: dict[str, Category]  #: head of a name -> the category it gives
    head_words: tuple[str, ...]  #: the heads, longest first (专项行动 before 行动)
    leaders: tuple[str, ...]  #: clause-opening verbs and adverbs, longest first
    leader_run: re.Pattern[str]  #: a run of leaders at the start of a prefix
    not_head_after: tuple[str, ...]  #: a head followed by these is part of a longer word
    not_name_end: tuple[str, ...]  #: a candidate ending so is a meeting or speech, not a name
    head_automaton: Any  #: the heads in a leftmost-longest Rust Aho-Corasick automaton


@cache
def load_vocabulary() -> Vocabulary:
    """The genre's vocabulary, read once.

    >>> v = load_vocabulary()
    >>> v.heads["示范区"], v.head_words[0], "深入实施" in v.leaders
    (<Category.PLATFORM: 'platform'>, '专项行动', True)
    """
    import ahocorasick_rs

    heads = {}
    for line in _data_lines("heads.tsv"):
        head, category = line.split("\t")
        heads[head] = Category(category)
    head_words = tuple(sorted(heads, key=len, reverse=True))
    leaders = tuple(sorted(dict.fromkeys(_data_lines("leaders.txt")), key=len, reverse=True))
    stops: dict[str, list[str]] = {"after-head": [], "name-end": []}
    for line in _data_lines("not_names.tsv"):
        kind, word = line.split("\t")
        stops[kind].append(word)
    return Vocabulary(
        heads=heads,
        head_words=head_words,
        leaders=leaders,
        leader_run=re.compile("(?:" + "|".join(leaders) + ")+"),
        not_head_after=tuple(stops["after-head"]),
        not_name_end=tuple(stops["name-end"]),
        # one call finds every head of a line, several times faster than a regex alternation
        head_automaton=ahocorasick_rs.AhoCorasick(
            list(head_words), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
        ),
    )


@cache
def _traditional_only() -> re.Pattern[str]:
    """A character class of the characters that OpenCC's t2s changes (traditional-only ones)."""
    from .enrich import to_hans

    block = "".join(chr(c) for c in range(0x4E00, 0xA000))
    simplified = to_hans(block)
    if len(simplified) != len(block):  # pragma: no cover - OpenCC maps characters one to one
        simplified = "".join(to_hans(ch) for ch in block)
    trad = "".join(t for t, s in zip(block, simplified, strict=True) if t != s)
    return re.compile(f"[{re.escape(trad)}]")


def to_simplified_line(text: str) -> str:
    """``text`` in simplified characters; unchanged (and OpenCC not asked) when it has none."""
    if not _traditional_only().search(text):
        return text
    from .enrich import to_hans

    converted = to_hans(text)
    return converted if len(converted) == len(text) else text


def _strip_leaders(prefix: str) -> str:
    """``prefix`` without the verbs and adverbs that open it; "" if it has nothing else."""
    m = load_vocabulary().leader_run.match(prefix)
    return prefix[m.end() :] if m else prefix


def _head_prefix(text: str, start: int) -> str:
    """The name before a head: back to the clause start, opening verbs stripped; "" if unsure."""
    lo = max(0, start - _MAX_PREFIX - 8)
    window = text[lo:start]
    run = _NAME_RUN_BACKWARDS.match(window[::-1]).end()  # type: ignore[union-attr]  # matches ""
    if run == len(window) and lo > 0:
        return ""  # no clause start in reach: the name's first character is unknown
    prefix = _strip_leaders(window[len(window) - run :])
    if len(prefix) > _MAX_PREFIX or prefix.endswith(load_vocabulary().not_name_end):
        return ""
    return prefix


@lru_cache(maxsize=1 << 16)
def _quoted_name(inner: str) -> Category | None:
    """The category of a quoted span that is a name, None if it is emphasis (memoised: the same
    slogans recur throughout a document)."""
    return _category_of(inner, quoted=True) if _is_name(inner, load_stopwords()) else None


# Plan periods (“十五”, “十一五”, “十四五”, “九五”) are not names unless curated in.
_PLAN_PERIOD = re.compile("^十?[一二三四五六七八九十]?五$")


def _is_name(zh: str, stop: frozenset[str]) -> bool:
    if zh in stop or _PLAN_PERIOD.match(zh):
        return False
    han = len(_HAN_CHAR.findall(zh))
    if han == 0:
        return False
    # two characters in quotes are emphasis (“融合”), unless numbered (“两员”) or a formula (“湿地+”)
    return han > 2 or bool(_NUMBER_START.match(zh)) or "+" in zh


def _category_of(zh: str, *, quoted: bool) -> Category:
    vocabulary = load_vocabulary()
    for head in vocabulary.head_words:  # longest first: 专项行动 before 行动
        if zh.endswith(head):
            return vocabulary.heads[head]
    return Category.SLOGAN if quoted or _NUMBER_START.match(zh) else Category.CONCEPT


def iter_spans(text: str) -> Iterator[tuple[int, int, str, Category, bool]]:
    """Candidate spans that the rules find in one simplified line: (start, end, term, category,
    quoted). Known terms are counted separately (``terms.Terms.count``)."""
    stop = load_stopwords()
    vocabulary = load_vocabulary()
    leaders, heads, head_words = vocabulary.leaders, vocabulary.heads, vocabulary.head_words
    q_starts: list[int] = []  # the quoted spans of the line, in order, for bisect
    q_ends: list[int] = []
    for m in _QUOTED.finditer(text):
        group = m.lastgroup or 0  # one of the named alternatives always matched
        inner = m.group(group)
        start, end = m.start(group), m.end(group)
        q_starts.append(m.start())
        q_ends.append(m.end())
        if _CODE.match(inner):
            tail = _CODE_TAIL.match(text, m.end())
            if tail:
                stop_at = _CUT_TAIL.search(tail.group())
                name = tail.group()[: stop_at.start()] if stop_at else tail.group()
                if len(name) >= 2:
                    yield (
                        m.start(),
                        m.end() + len(name),
                        text[m.start() : m.end() + len(name)],
                        _category_of(name, quoted=True),
                        True,
                    )
            continue
        inner_stripped = inner.strip()
        category = _quoted_name(inner_stripped)
        if category is not None:
            yield start, end, inner_stripped, category, True

    def quote_around(pos: int) -> int:
        """Index of the quoted span that contains ``pos``, or -1."""
        i = bisect_right(q_starts, pos) - 1
        return i if i >= 0 and pos < q_ends[i] else -1

    for m in _NUMBERED.finditer(text):
        start = m.start()
        if q_starts and quote_around(start) >= 0:
            continue
        before = text[start - 1] if start else ""
        if before in _NUM_OR_ORDINAL:
            continue  # part of a longer number, or an ordinal (第三)
        if before and _HAN_CHAR.match(before) and not text[:start].endswith(leaders):
            continue  # 统一大市场 is not a numbered formula; 落实两个确立 is
        yield m.start(), m.end(), m.group(), Category.SLOGAN, False
    for index, head_start, head_end in vocabulary.head_automaton.find_matches_as_indexes(text):
        if text.startswith(vocabulary.not_head_after, head_end):
            continue  # part of a longer word: 精神文明, 工程师, 平台经济
        if q_starts and quote_around(head_start) >= 0:
            continue  # inside a quoted name: the quote rule has it
        prefix = _head_prefix(text, head_start)
        if len(prefix) >= 2:
            s = head_start - len(prefix)
            zh = text[s:head_end]
            if zh not in stop:
                yield s, head_end, zh, heads[head_words[index]], False


class Tally:
    """What the collector knows of one candidate so far (picklable: the parallel workers send
    theirs to the parent, which merges them with ``CandidateCollector.merge_tallies``)."""

    __slots__ = ("category", "column", "count", "file", "line", "locations", "quoted", "zh")

    def __init__(self, zh: str, category: Category, file: str, line: int, column: int = 0) -> None:
        self.zh = zh
        self.column = column
        self.category = category
        self.count = 0
        self.file = file
        self.line = line
        self.quoted = False
        self.locations: list[str] = []


class CandidateCollector:
    """Incremental extraction: ``feed`` segments one at a time (while another stage reads the same
    stream), then take the ``candidates``."""

    def __init__(
        self, *, known: Terms | None = None, rejected: frozenset[str] = frozenset()
    ) -> None:
        self.known = known
        self.rejected = rejected
        self._tallies: dict[str, Tally] = {}

    def feed(self, seg: Segment) -> None:
        known, tallies, rejected = self.known, self._tallies, self.rejected
        text = seg.text
        simple = to_simplified_line(text)
        where = f"{seg.file}:{seg.line}"
        if known is not None:
            for zh, n in known.count(simple).items():
                tally = tallies.get(zh)
                if tally is None:
                    column = simple.find(zh)
                    written = zh if simple is text else _as_written(text, column, zh)
                    tally = tallies[zh] = Tally(
                        written,
                        known.category(zh) or Category.CONCEPT,
                        seg.file,
                        seg.line,
                        column,
                    )
                tally.count += n
                if len(tally.locations) < MAX_LOCATIONS and tally.locations[-1:] != [where]:
                    tally.locations.append(where)
        seen: set[tuple[int, int, str]] = set()
        for start, end, zh, category, quoted in iter_spans(simple):
            if known is not None and zh in known:
                if quoted:  # counted above; the rules only add that it was quoted
                    tallies[zh].quoted = True
                continue
            key = (start, end, zh)
            if key in seen or zh in rejected:
                continue
            seen.add(key)
            tally = tallies.get(zh)
            if tally is None:
                written = zh if simple is text else text[start:end]
                tally = tallies[zh] = Tally(written, category, seg.file, seg.line, start)
            tally.count += 1
            tally.quoted = tally.quoted or quoted
            if len(tally.locations) < MAX_LOCATIONS and tally.locations[-1:] != [where]:
                tally.locations.append(where)

    def tallies(self) -> dict[str, Tally]:
        """The tallies so far, by simplified term (for ``merge_tallies`` in another process)."""
        return self._tallies

    def merge(self, other: CandidateCollector) -> None:
        """Add the tallies of ``other``, which read the text that follows this one's."""
        self.merge_tallies(other.tallies())

    def merge_tallies(self, tallies: dict[str, Tally]) -> None:
        """Add ``tallies`` of a collector that read the text that follows this one's."""
        for zh, theirs in tallies.items():
            ours = self._tallies.get(zh)
            if ours is None:
                self._tallies[zh] = theirs
                continue
            ours.count += theirs.count
            ours.quoted = ours.quoted or theirs.quoted
            for where in theirs.locations:
                if len(ours.locations) >= MAX_LOCATIONS:
                    break
                if ours.locations[-1:] != [where]:
                    ours.locations.append(where)

    def candidates(self) -> list[Candidate]:
        """The candidates in order of first occurrence (file, line, column)."""
        known = self.known
        files: dict[str, int] = {}
        for t in self._tallies.values():
            files.setdefault(t.file, len(files))
        ordered = sorted(
            self._tallies.items(),
            key=lambda kv: (files[kv[1].file], kv[1].line, kv[1].column, kv[0]),
        )
        return [
            Candidate(
                zh=t.zh,
                zh_hans=zh,
                category=t.category,
                count=t.count,
                file=t.file,
                line=t.line,
                quoted=t.quoted,
                known=known is not None and zh in known,
                locations=tuple(t.locations),
            )
            for zh, t in ordered
        ]


def _as_written(text: str, start: int, zh: str) -> str:
    """The traditional original of a term found in the simplified copy of a line; the
    simplified copy has the same length (``to_simplified_line`` guarantees it)."""
    return text[start : start + len(zh)] if start >= 0 else zh


def find_candidates(
    segments: Iterable[Segment],
    *,
    known: Terms | None = None,
    rejected: frozenset[str] = frozenset(),
) -> list[Candidate]:
    """Find slogans and program names in ``segments``.

    Args:
        segments: lines of one or more documents, simplified or traditional.
        known: the glossary's terms, found wherever they occur, quoted or not.
        rejected: terms a curator rejected; never proposed.

    Returns:
        Candidates in order of first occurrence, each with count, first location, whether it was
        ever quoted and whether the glossary has it.
    """
    collector = CandidateCollector(known=known, rejected=rejected)
    for seg in segments:
        collector.feed(seg)
    return collector.candidates()
