"""Segments -> Candidates: find slogans and program names in Chinese policy text. No I/O.

Four rules propose terms; a curator decides (``curation.tsv``):

1. quoted spans (“…” ‘…’ 「…」 『…』 "…"), marks removed, inner marks kept; a quoted code ("132",
   "8+4") takes the name that follows it (“132”总体工作部署);
2. numbered formulas (十项重大工程, 两个确立, 一港三区);
3. named programs and platforms, by their heads (…工程, …行动, …示范区, …走廊, …品牌);
4. every term the glossary already has, in simplified or traditional script.

Traditional lines are matched through their simplified form (OpenCC t2s), and each candidate is
reported as first written.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from operator import itemgetter

from .models import Candidate, Category, Segment

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

# Heads of named programs, platforms, brands and concepts, longest first, with their category.
_HEADS: dict[str, Category] = {
    "专项行动": Category.PROGRAM,
    "攻坚行动": Category.PROGRAM,
    "攻坚战": Category.PROGRAM,
    "工程": Category.PROGRAM,
    "行动": Category.PROGRAM,
    "计划": Category.PROGRAM,
    "战略": Category.PROGRAM,
    "改革": Category.PROGRAM,
    "示范区": Category.PLATFORM,
    "先行区": Category.PLATFORM,
    "试验区": Category.PLATFORM,
    "合作区": Category.PLATFORM,
    "实验区": Category.PLATFORM,
    "走廊": Category.PLATFORM,
    "枢纽": Category.PLATFORM,
    "高地": Category.PLATFORM,
    "实验室": Category.PLATFORM,
    "产业园": Category.PLATFORM,
    "开发区": Category.PLATFORM,
    "高新区": Category.PLATFORM,
    "新区": Category.PLATFORM,
    "新城": Category.PLATFORM,
    "基地": Category.PLATFORM,
    "平台": Category.PLATFORM,
    "博览会": Category.PLATFORM,
    "峰会": Category.PLATFORM,
    "论坛": Category.PLATFORM,
    "研究院": Category.PLATFORM,
    "机场": Category.PLATFORM,
    "经济带": Category.PLATFORM,
    "文化带": Category.PLATFORM,
    "都市圈": Category.PLATFORM,
    "城市圈": Category.PLATFORM,
    "大花园": Category.PLATFORM,
    "品牌": Category.BRAND,
    "金鼎": Category.BRAND,
    "鼎": Category.BRAND,
    "精神": Category.CONCEPT,
    "经验": Category.CONCEPT,
    "模式": Category.CONCEPT,
}
_HEAD_WORDS = sorted(_HEADS, key=len, reverse=True)
# A head followed by these characters is part of a longer word (精神文明, 工程师, 平台经济).
_NOT_HEAD_AFTER = ("文明", "师", "经济", "企业", "化", "性")


@cache
def _head_automaton():
    """The heads in a Rust Aho-Corasick automaton: one call finds every head of a line, several
    times faster than the equivalent regex alternation."""
    import ahocorasick_rs

    return ahocorasick_rs.AhoCorasick(
        _HEAD_WORDS, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
    )


# Candidates ending so are meetings, speeches and instructions, not names (二十届四中全会精神).
_NOT_NAME_END = ("全会", "会议", "讲话", "批示", "指示", "要求", "重大", "这个", "以下")
# Where a name cannot start: the clause before it ends at punctuation or a function word.
_FUNCTION_CHARS = "的和与及在对把将从向给等为使让由以是"


def _name_chars_class() -> str:
    """A character class of Han characters and ·, less the function words (Python's re has no
    class subtraction, so the ranges are cut around them)."""
    ranges, lo = [], 0x3400
    for cp in sorted(map(ord, _FUNCTION_CHARS)) + [0xA000]:
        if cp > lo:
            ranges.append(f"{chr(lo)}-{chr(cp - 1)}" if cp - 1 > lo else chr(lo))
        lo = cp + 1
    return "[·" + "".join(ranges) + "]"


# Read backwards from the head: the run of name characters that ends at it.
_NAME_RUN_BACKWARDS = re.compile(_name_chars_class() + "*")
_MAX_PREFIX = 12
# Verbs and adverbs that open a clause in policy prose and are never part of a name.
_LEADERS = tuple(
    sorted(
        ["深入实施", "深入推进", "深入践行", "深入开展", "加快推进", "加快建设", "加快打造", "加快培育", "全面推进", "全面实施", "全力推进", "大力推进", "积极推进", "扎实推进", "持续推进", "纵深推进", "迭代升级", "持续深化", "持续擦亮", "全面打响", "高水平建设", "高质量建设", "高标准建设", "高水平打造", "高质量打造", "全力打造", "积极争创", "全面融入", "深度融入", "主动融入", "主动对接", "深入", "实施", "推进", "推动", "加快", "打造", "建设", "深化", "开展", "加强", "完善", "健全", "构建", "持续", "全面", "大力", "积极", "扎实", "落实", "践行", "迭代", "升级", "谋划", "启动", "争创", "创建", "培育", "提升", "优化", "探索", "支持", "鼓励", "强化", "做强", "做优", "做大", "擦亮", "打响", "实行", "坚持", "聚焦", "围绕", "依托", "统筹", "率先", "主动", "深度", "融入", "承接", "放大", "用好", "办好", "抓好", "联动", "协同", "纵深", "有序", "稳步", "着力", "全力", "奋力", "争取", "参与", "布局", "形成", "组建", "申报", "拓展", "接续", "扩大", "用足", "叠加", "共建", "携手", "助力", "承办", "举办", "主办", "筹办", "新一轮", "一批", "系列", "各类", "加速", "不断", "进一步", "更好", "努力", "力争", "确保", "实现", "同时", "其中", "包括", "通过", "按照", "结合", "推行", "发挥", "增强", "巩固", "拓宽", "夯实", "抢抓", "用活", "建成", "成为", "成功", "纳入", "保持", "更加", "争当", "打好", "提档升级", "推广", "锲而不舍", "高质量办好", "高水平办好", "弘扬", "壮大", "联合", "创新", "新建", "谋划建设", "争取", "支持", "加大", "聚力", "做实", "做深", "开拓", "打通", "推进实施", "全面深化", "深入推动", "一体推进", "全域推广", "全域推进", "一体推动", "促进", "共同打造", "共同推进", "共同建设", "联合推动", "协同推进", "协同推动"],
        key=len,
        reverse=True,
    )
)
_LEADER_RUN = re.compile("(?:" + "|".join(_LEADERS) + ")+")
# Numbered formulas outside quotes: numeral, measure word, short name, then a clause break.
# (The numeral comes first so that the regex engine can skip ahead to it; what precedes the match
# is checked in Python.)
_NUMBERED = re.compile(
    rf"[{_NUM}](?:[{_NUM}]?[个大项条张支][{_HAN}]{{2,6}}|[{_HAN}][{_NUM}][{_HAN}](?:[{_NUM}][{_HAN}])?)(?![{_HAN}])"
)
_NUM_OR_ORDINAL = frozenset(_NUM + "第0123456789")
_NUMBER_START = re.compile(rf"^[{_NUM}0-9]")
_HAN_CHAR = re.compile(rf"[{_HAN}]")


_first = itemgetter(0)


@cache
def load_stopwords() -> frozenset[str]:
    """Quoted spans that are emphasis, not names (packaged ``stopwords.txt``)."""
    text = resources.files("glossary.data").joinpath("stopwords.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


@dataclass(frozen=True, slots=True)
class KnownTerm:
    """A glossary term as the extractor and scanner see it."""

    zh: str
    category: Category | None


class KnownTerms:
    """An Aho-Corasick automaton over every written form (simplified, Taiwan, Hong Kong) of the
    glossary's terms; each form maps to the simplified term."""

    def __init__(self, forms: dict[str, KnownTerm]) -> None:
        self.forms = forms
        patterns = [form for form in forms if form]
        self._zh = [forms[form].zh for form in patterns]
        self._automaton = None
        if patterns:
            import ahocorasick_rs

            self._automaton = ahocorasick_rs.AhoCorasick(patterns)

    @classmethod
    def from_forms(cls, forms: Iterable[tuple[str, str, Category | None]]) -> KnownTerms:
        """From (written form, simplified term, category) triples; the first term of a form wins."""
        table: dict[str, KnownTerm] = {}
        for form, zh, category in forms:
            if form and form not in table:
                table[form] = KnownTerm(zh, category)
        return cls(table)

    def __contains__(self, zh: str) -> bool:
        return zh in self.forms

    def count(self, text: str) -> Counter[str]:
        """Occurrences of every term in ``text``, nested and overlapping ones included.

        The Rust automaton returns all matches of a line in one call; ``Counter`` tallies them
        in C. Most of a policy text's candidates are known terms, so this is the hot loop.
        """
        if self._automaton is None:
            return Counter()
        matches = self._automaton.find_matches_as_indexes(text, overlapping=True)
        return Counter(map(self._zh.__getitem__, map(_first, matches)))


@cache
def _traditional_only() -> re.Pattern[str]:
    """A character class of the characters that OpenCC's t2s changes (traditional-only ones)."""
    from .enrich import to_hans

    block = "".join(chr(c) for c in range(0x4E00, 0xA000))
    simplified = to_hans(block)
    if len(simplified) != len(block):  # pragma: no cover - OpenCC maps characters one to one
        simplified = "".join(to_hans(ch) for ch in block)
    trad = "".join(t for t, s in zip(block, simplified) if t != s)
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
    m = _LEADER_RUN.match(prefix)
    return prefix[m.end() :] if m else prefix


def _head_prefix(text: str, start: int) -> str:
    """The name before a head: back to the clause start, opening verbs stripped; "" if unsure."""
    lo = max(0, start - _MAX_PREFIX - 8)
    window = text[lo:start]
    run = _NAME_RUN_BACKWARDS.match(window[::-1]).end()
    if run == len(window) and lo > 0:
        return ""  # no clause start in reach: the name's first character is unknown
    prefix = _strip_leaders(window[len(window) - run :])
    if len(prefix) > _MAX_PREFIX or prefix.endswith(_NOT_NAME_END):
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
    if han <= 2 and not _NUMBER_START.match(zh) and "+" not in zh:
        return False  # two characters in quotes are emphasis (“融合”), unless numbered (“两员”) or a formula (“湿地+”)
    return True


def _category_of(zh: str, *, quoted: bool) -> Category:
    for head in _HEAD_WORDS:  # longest first: 专项行动 before 行动
        if zh.endswith(head):
            return _HEADS[head]
    return Category.SLOGAN if quoted or _NUMBER_START.match(zh) else Category.CONCEPT


def iter_spans(text: str) -> Iterator[tuple[int, int, str, Category, bool]]:
    """Candidate spans that the rules find in one simplified line: (start, end, term, category,
    quoted). Known terms are counted separately (``KnownTerms.count``)."""
    stop = load_stopwords()
    q_starts: list[int] = []  # the quoted spans of the line, in order, for bisect
    q_ends: list[int] = []
    for m in _QUOTED.finditer(text):
        inner = m.group(m.lastgroup)
        start, end = m.start(m.lastgroup), m.end(m.lastgroup)
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
        if before and _HAN_CHAR.match(before) and not text[:start].endswith(_LEADERS):
            continue  # 统一大市场 is not a numbered formula; 落实两个确立 is
        yield m.start(), m.end(), m.group(), Category.SLOGAN, False
    for index, head_start, head_end in _head_automaton().find_matches_as_indexes(text):
        if text.startswith(_NOT_HEAD_AFTER, head_end):
            continue  # part of a longer word: 精神文明, 工程师, 平台经济
        if q_starts and quote_around(head_start) >= 0:
            continue  # inside a quoted name: the quote rule has it
        prefix = _head_prefix(text, head_start)
        if len(prefix) >= 2:
            s = head_start - len(prefix)
            zh = text[s:head_end]
            if zh not in stop:
                yield s, head_end, zh, _HEADS[_HEAD_WORDS[index]], False


class _Tally:
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
        self, *, known: KnownTerms | None = None, rejected: frozenset[str] = frozenset()
    ) -> None:
        self.known = known
        self.rejected = rejected
        self._tallies: dict[str, _Tally] = {}

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
                    tally = tallies[zh] = _Tally(
                        written,
                        known.forms[zh].category or Category.CONCEPT,
                        seg.file,
                        seg.line,
                        column,
                    )
                tally.count += n
                if len(tally.locations) < MAX_LOCATIONS and tally.locations[-1:] != [where]:
                    tally.locations.append(where)
        seen: set[tuple[int, int, str]] = set()
        for start, end, zh, category, quoted in iter_spans(simple):
            if known is not None and zh in known.forms:
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
                tally = tallies[zh] = _Tally(written, category, seg.file, seg.line, start)
            tally.count += 1
            tally.quoted = tally.quoted or quoted
            if len(tally.locations) < MAX_LOCATIONS and tally.locations[-1:] != [where]:
                tally.locations.append(where)

    def merge(self, other: CandidateCollector) -> None:
        """Add the tallies of ``other``, which read the text that follows this one's."""
        for zh, theirs in other._tallies.items():
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
                known=known is not None and zh in known.forms,
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
    known: KnownTerms | None = None,
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
