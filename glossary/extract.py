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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

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
    "专项行动": Category.PROGRAM, "攻坚行动": Category.PROGRAM, "攻坚战": Category.PROGRAM,
    "工程": Category.PROGRAM, "行动": Category.PROGRAM, "计划": Category.PROGRAM,
    "战略": Category.PROGRAM, "改革": Category.PROGRAM,
    "示范区": Category.PLATFORM, "先行区": Category.PLATFORM, "试验区": Category.PLATFORM,
    "合作区": Category.PLATFORM, "实验区": Category.PLATFORM, "走廊": Category.PLATFORM,
    "枢纽": Category.PLATFORM, "高地": Category.PLATFORM, "实验室": Category.PLATFORM,
    "产业园": Category.PLATFORM, "开发区": Category.PLATFORM, "高新区": Category.PLATFORM,
    "新区": Category.PLATFORM, "新城": Category.PLATFORM, "基地": Category.PLATFORM,
    "平台": Category.PLATFORM, "博览会": Category.PLATFORM, "峰会": Category.PLATFORM,
    "论坛": Category.PLATFORM, "研究院": Category.PLATFORM, "机场": Category.PLATFORM,
    "品牌": Category.BRAND, "金鼎": Category.BRAND, "鼎": Category.BRAND,
    "精神": Category.CONCEPT, "经验": Category.CONCEPT, "模式": Category.CONCEPT,
}
# A head followed by these characters is part of a longer word (精神文明, 工程师, 平台经济).
_HEAD_RE = re.compile("(?:" + "|".join(sorted(_HEADS, key=len, reverse=True)) + ")(?!文明|师|经济|企业|化)")
# Candidates ending so are meetings, speeches and instructions, not names (二十届四中全会精神).
_NOT_NAME_END = ("全会", "会议", "讲话", "批示", "指示", "要求", "重大", "这个", "以下")
# Where a name cannot start: the clause before it ends at punctuation or a function word.
_CLAUSE_BREAK = re.compile(rf"[^{_HAN}·]|[的和与及在对把将从向给等为使让由以]")
_MAX_PREFIX = 12
# Verbs and adverbs that open a clause in policy prose and are never part of a name.
_LEADERS = tuple(sorted(
    """深入实施 深入推进 深入践行 深入开展 加快推进 加快建设 加快打造 加快培育 全面推进 全面实施 全力推进
    大力推进 积极推进 扎实推进 持续推进 纵深推进 迭代升级 持续深化 持续擦亮 全面打响 高水平建设
    高质量建设 高标准建设 高水平打造 高质量打造 全力打造 积极争创 全面融入 深度融入 主动融入 主动对接
    深入 实施 推进 推动 加快 打造 建设 深化 开展 加强 完善 健全 构建 持续 全面 大力 积极 扎实 落实
    践行 迭代 升级 谋划 启动 争创 创建 培育 提升 优化 探索 支持 鼓励 强化 做强 做优 做大 擦亮 打响
    实行 坚持 聚焦 围绕 依托 统筹 率先 主动 深度 融入 承接 放大 用好 办好 抓好 联动 协同 纵深
    有序 稳步 着力 全力 奋力 争取 参与 布局 形成 组建 申报 拓展 接续 扩大 用足 叠加 共建
    携手 助力 承办 举办 主办 筹办 新一轮 一批 系列 各类 加速 不断 进一步 更好 努力 力争 确保 实现
    同时 其中 包括 通过 按照 结合 推行 发挥 增强 巩固 拓宽 夯实 抢抓 用活 建成 成为 成功 纳入 保持
    更加 争当 打好 提档升级 推广 锲而不舍 高质量办好 高水平办好 弘扬 壮大 联合 创新 新建 谋划建设
    争取 支持 加大 聚力 做实 做深 开拓 打通 推进实施 全面深化 深入推动 一体推进 全域推广 全域推进 一体推动""".split(),
    key=len, reverse=True,
))
_LEADER_SET = frozenset(_LEADERS)
# Numbered formulas outside quotes: numeral, measure word, short name, then a clause break.
_NUMBERED = re.compile(
    rf"(?<![第{_NUM}0-9])[{_NUM}]{{1,2}}[个大项条张支][{_HAN}]{{2,6}}(?=[^{_HAN}]|$)"
    rf"|(?<![{_HAN}])[{_NUM}][{_HAN}][{_NUM}][{_HAN}](?:[{_NUM}][{_HAN}])?(?=[^{_HAN}]|$)"
)
_NUMBER_START = re.compile(rf"^[{_NUM}0-9]")
_HAN_CHAR = re.compile(rf"[{_HAN}]")


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
    glossary's terms."""

    def __init__(self, forms: dict[str, KnownTerm]) -> None:
        import ahocorasick

        self.forms = forms
        self.automaton = ahocorasick.Automaton()
        for form, term in forms.items():
            if form:
                self.automaton.add_word(form, (len(form), term))
        if forms:
            self.automaton.make_automaton()

    def __contains__(self, zh: str) -> bool:
        return zh in self.forms

    def iter_all(self, text: str) -> Iterator[tuple[int, int, KnownTerm]]:
        """Every occurrence, nested and overlapping ones included: (start, end, term)."""
        if not self.forms:
            return
        for end, (length, term) in self.automaton.iter(text):
            yield end + 1 - length, end + 1, term


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
    changed = True
    while changed and prefix:
        changed = False
        for word in _LEADERS:
            if prefix.startswith(word) and len(prefix) > len(word):
                prefix = prefix[len(word):]
                changed = True
                break
    return prefix


def _head_prefix(text: str, start: int) -> str:
    """The name before a head: back to the clause start, opening verbs stripped; "" if unsure."""
    lo = max(0, start - _MAX_PREFIX - 8)
    window = text[lo:start]
    cut = -1
    for m in _CLAUSE_BREAK.finditer(window):
        cut = m.end()
    if cut < 0 and lo > 0:
        return ""  # no clause start in reach: the name's first character is unknown
    prefix = _strip_leaders(window[max(cut, 0):])
    if len(prefix) > _MAX_PREFIX or prefix in _LEADER_SET or prefix.endswith(_NOT_NAME_END):
        return ""
    return prefix


def _is_name(zh: str, stop: frozenset[str]) -> bool:
    if zh in stop:
        return False
    han = len(_HAN_CHAR.findall(zh))
    if han == 0:
        return False
    if han <= 2 and not _NUMBER_START.match(zh):
        return False  # two characters in quotes are emphasis (“融合”), unless numbered (“两员”)
    return True


def _category_of(zh: str, *, quoted: bool) -> Category:
    head = _HEAD_RE.search(zh)
    if head and head.end() == len(zh):
        return _HEADS[head.group()]
    return Category.SLOGAN if quoted or _NUMBER_START.match(zh) else Category.CONCEPT


def iter_spans(text: str, *, known: KnownTerms | None = None) -> Iterator[tuple[int, int, str, Category | None, bool]]:
    """Candidate spans of one simplified line: (start, end, term, category, quoted).

    ``category`` is None for a known term (the glossary's category applies).
    """
    stop = load_stopwords()
    quoted_spans: list[tuple[int, int]] = []
    for m in _QUOTED.finditer(text):
        inner = m.group(m.lastgroup)
        start, end = m.start(m.lastgroup), m.end(m.lastgroup)
        quoted_spans.append((m.start(), m.end()))
        if _CODE.match(inner):
            tail = _CODE_TAIL.match(text, m.end())
            if tail:
                stop_at = _CUT_TAIL.search(tail.group())
                name = tail.group()[: stop_at.start()] if stop_at else tail.group()
                if len(name) >= 2:
                    yield m.start(), m.end() + len(name), text[m.start():m.end() + len(name)], _category_of(name, quoted=True), True
            continue
        inner_stripped = inner.strip()
        if _is_name(inner_stripped, stop):
            yield start, end, inner_stripped, _category_of(inner_stripped, quoted=True), True
    for m in _NUMBERED.finditer(text):
        if any(a <= m.start() < b for a, b in quoted_spans):
            continue
        if m.start() and _HAN_CHAR.match(text, m.start() - 1) and not text[: m.start()].endswith(_LEADERS):
            continue  # 统一大市场 is not a numbered formula; 落实两个确立 is
        yield m.start(), m.end(), m.group(), Category.SLOGAN, False
    for m in _HEAD_RE.finditer(text):
        if any(a <= m.start() < b for a, b in quoted_spans):
            continue  # inside a quoted name: the quote rule has it
        prefix = _head_prefix(text, m.start())
        if len(prefix) >= 2:
            s = m.start() - len(prefix)
            zh = text[s:m.end()]
            if zh not in stop:
                yield s, m.end(), zh, _HEADS[m.group()], any(a < s and m.end() < b for a, b in quoted_spans)
    if known is not None:
        for s, e, term in known.iter_all(text):
            yield s, e, term.zh, None, any(a < s and e < b for a, b in quoted_spans)


class _Tally:
    __slots__ = ("zh", "category", "count", "file", "line", "quoted", "locations")

    def __init__(self, zh: str, category: Category, file: str, line: int) -> None:
        self.zh = zh
        self.category = category
        self.count = 0
        self.file = file
        self.line = line
        self.quoted = False
        self.locations: list[str] = []


class CandidateCollector:
    """Incremental extraction: ``feed`` segments one at a time (while another stage reads the same
    stream), then take the ``candidates``."""

    def __init__(self, *, known: KnownTerms | None = None, rejected: frozenset[str] = frozenset()) -> None:
        self.known = known
        self.rejected = rejected
        self._tallies: dict[str, _Tally] = {}

    def feed(self, seg: Segment) -> None:
        known, tallies = self.known, self._tallies
        text = seg.text
        simple = to_simplified_line(text)
        seen: set[tuple[int, int, str]] = set()
        for start, end, zh, category, quoted in iter_spans(simple, known=known):
            key = (start, end, zh)
            if key in seen or zh in self.rejected:
                continue
            seen.add(key)
            tally = tallies.get(zh)
            if tally is None:
                if known is not None and zh in known.forms and known.forms[zh].category:
                    category = known.forms[zh].category  # the curator's category wins
                written = zh if simple is text else _as_written(text, start, end, zh)
                tally = tallies[zh] = _Tally(written, category or Category.CONCEPT, seg.file, seg.line)
            tally.count += 1
            tally.quoted = tally.quoted or quoted
            where = f"{seg.file}:{seg.line}"
            if len(tally.locations) < MAX_LOCATIONS and (not tally.locations or tally.locations[-1] != where):
                tally.locations.append(where)

    def candidates(self) -> list[Candidate]:
        known = self.known
        return [
            Candidate(
                zh=t.zh, zh_hans=zh, category=t.category, count=t.count, file=t.file, line=t.line,
                quoted=t.quoted, known=known is not None and zh in known.forms, locations=tuple(t.locations),
            )
            for zh, t in self._tallies.items()
        ]


def _as_written(text: str, start: int, end: int, zh: str) -> str:
    """The traditional original of a span found in the simplified copy of a line; the
    simplified copy has the same length (``to_simplified_line`` guarantees it)."""
    return text[start:end]


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
