"""Segments -> Candidates: find slogans and program names in Chinese policy text. No I/O.

Four rules propose terms; a curator decides (``curation.tsv``):

1. quoted spans (“…” ‘…’ 「…」 『…』 "…"), marks removed, inner marks kept; a quoted code ("132",
   "8+4") takes the name that follows it (“132”总体工作部署);
2. numbered formulas (十项重大工程, 两个确立, 一港三区);
3. named programs and platforms, by their heads (…工程, …行动, …示范区, …走廊, …品牌);
4. every term the glossary already has, in simplified or traditional script (``terms.Terms``),
   where a reader sees it: not inside a longer name the rules found, not a concept or a place
   glued to a noun (中试平台), not an event, a plan period or a plain place (博览会, 十四五, 浙江),
   a variant as the document writes it (自贸试验区); with the terms named inside a longer one.

The genre's words (heads, clause-opening verbs, stopwords) are data: ``glossary/data/``.

Traditional lines are matched through their simplified form (OpenCC t2s), and each candidate is
reported as first written.
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from functools import cache, lru_cache
from importlib import resources
from itertools import compress, islice
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from .models import Candidate, Category, Segment

if TYPE_CHECKING:
    from .terms import Terms

MAX_LOCATIONS = 10  #: occurrences kept per candidate (the PO's ``#:`` lines)
BATCH_LINES = 256  #: lines that ``CandidateCollector.feed_lines`` is given at a time by readers
_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_NUM = "一二两三四五六七八九十百千万双"

# Quoted spans. Double quotes first: a ‘…’ inside “…” is part of the name (幸福一‘嘉’人).
_QUOTED = re.compile(
    r"“(?P<a>[^“”\n]{1,40})”|「(?P<b>[^「」『』\n]{1,40})」|『(?P<c>[^『』\n]{1,40})』"
    r"|‘(?P<d>[^‘’“”\n]{1,30})’|\"(?P<e>[^\"\n]{1,40})\""
)
# A code in quotes ("132", "8+4", "135N") and the Han name that follows it: a whole run of two to
# eight characters (a longer one is the clause, not the name; no cut inside a word: 先进制造业集群).
_CODE = re.compile(r"^[0-9A-Za-z+\-·.]+$")
# the words after a quoted code, up to a function word (“8+4”经济政策和产业…政策: 经济政策)
_CODE_TAIL = re.compile(rf"[{_HAN}]{{2,32}}(?![{_HAN}])")
_CUT_TAIL = re.compile(r"[和与及、的等]")
# a coined enumeration in quotes: three or more short items (“登高、升规、晋位、上市”)
_ENUMERATION = re.compile(rf"[{_HAN}]{{2,6}}(?:、[{_HAN}]{{2,6}}){{2,}}")

# The genre's vocabulary (heads with their category, clause-opening verbs, words that stop the
# head rule) lives in glossary/data/ and is loaded on first use (``load_vocabulary``).
# Where a name cannot start: the clause before it ends at punctuation or a function word.
_FUNCTION_CHARS = "的和与及在对把将从向给等为使让由以是了"


def _name_chars_class() -> str:
    """A character class of Han characters, · and Latin capitals (an acronym is part of a name:
    RCEP示范项目集聚区), less the function words (Python's re has no class subtraction, so the
    ranges are cut around them)."""
    ranges, lo = [], 0x3400
    for cp in [*sorted(map(ord, _FUNCTION_CHARS)), 0xA000]:
        if cp > lo:
            ranges.append(f"{chr(lo)}-{chr(cp - 1)}" if cp - 1 > lo else chr(lo))
        lo = cp + 1
    return "[·A-Z" + "".join(ranges) + "]"


# Read backwards from the head: the run of name characters that ends at it, bracketed places
# included (中国(浙江)自由贸易试验区: the bracket reads reversed).
@cache
def _name_runs() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Runs of name characters: read backwards from a head (bracketed places included:
    中国(浙江)自由贸易试验区 reads reversed), and the quoted spans (``_QUOTED``) with the run
    after the quote (up to 16, group ``_TAIL``: in one match, where a head may end the
    name; a run holds no quote mark, so no quoted span starts inside it);
    the words of ``name_words.txt`` (自由, 和美) do not end a run, nor does a dash between two
    places (西宁—海东都市圈; a double dash ends it), nor does an area's number between a place and
    区 (将军澳137区发展计划)."""
    words = _name_words()
    backwards = _alternation(w[::-1] for w in words)
    forwards = _alternation(words)
    name = _name_chars_class()
    return (
        re.compile(
            f"(?:{backwards}|{name}"
            + rf"|[）)][{_HAN}]{{1,8}}[（(]|—(?=[{_HAN}])|(?<=区)[0-9]{{1,4}}(?=[{_HAN}]))*"
        ),
        re.compile(f"(?:{_QUOTED.pattern})((?:{forwards}|{name}){{0,16}})"),
    )


@cache
def _name_words() -> tuple[str, ...]:
    return tuple(_data_lines("name_words.txt"))


def _in_name_word(text: str, i: int) -> bool:
    """Whether the function character at ``text[i]`` is inside a word of ``name_words.txt``
    (导向, 自由), which does not end a name: the word occurs in the span that starts at most
    its length minus one before ``i`` and ends at most as far after it."""
    return any(text.find(w, max(0, i - len(w) + 1), i + len(w)) >= 0 for w in _name_words())


_TAIL = 6  #: the group of the run after a quoted span (after ``_QUOTED``'s five)


_BRACKET = re.compile(rf"[（(][{_HAN}]{{1,6}}[）)]")  # a place after a head: …试验场（深海）
_CLOSE_QUOTES = '”’」』"'
_OPEN_QUOTES = '“‘「『"'
# A batch or count before a name: 第二批, 首批, 24个, 3家
_MEASURE = "个家项条座所处支批张"
_UNITS = "万千百亿"  #: after a digit: a quantity (800千伏, 1万名, 100万吨)
# (第三个 only right before the name: 推进第三个“InnoHK创新香港研发平台”, not 第二个百年奋斗目标)
_BATCH = re.compile(rf"(?:第[{_NUM}0-9]+批|第[{_NUM}0-9]+个$|[0-9]+[个家项条座所处支])")
#: the edition of an event at the start of a name: 第三届, 第15届
_EDITION = re.compile(rf"第[{_NUM}0-9]+届")
# After a quote: the run of name characters in which a head may end the name.
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
_HAN_RUN = re.compile(rf"[{_HAN}]+")
_TITLE = re.compile("《[^《》\n]{1,60}》")
_FUNCTION_CHAR = re.compile(f"[{_FUNCTION_CHARS}]")


_NONE: frozenset[str] = frozenset()  #: no known term on a line


def _data_lines(name: str) -> list[str]:
    """The lines of a packaged data file, comments and blank lines left out."""
    text = resources.files("glossary.data").joinpath(name).read_text(encoding="utf-8")
    return [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]


@cache
def load_stopwords() -> frozenset[str]:
    """Quoted spans that are emphasis, not names (packaged ``stopwords.txt``)."""
    return frozenset(_data_lines("stopwords.txt"))


class Vocabulary(NamedTuple):
    """The genre's words that the rules use (packaged ``heads.tsv``, ``quote_heads.tsv``,
    ``leaders.txt``, ``inner_verbs.txt``, ``not_names.tsv``)."""

    heads: dict[str, Category]  #: head of a name -> the category it gives
    head_words: tuple[str, ...]  #: the heads, longest first (专项行动 before 行动)
    head_min: dict[str, int]  #: head -> the shortest name before it
    #: heads of generic kinds (基地, 平台): an unquoted name needs a designation or a place
    designated: frozenset[str]
    leaders: tuple[str, ...]  #: clause-opening verbs and adverbs, longest first
    leader_run: re.Pattern[str]  #: a run of leaders at the start of a prefix
    not_head_after: tuple[str, ...]  #: a head followed by these is part of a longer word
    not_name_end: tuple[str, ...]  #: a candidate ending so is a meeting or speech, not a name
    bodies: tuple[str, ...]  #: a quoted name ending so is a body (委员会, 工作组): not a name
    event_end: tuple[str, ...]  #: a term ending so is an event (博览会, 论坛): never proposed
    generic_run: re.Pattern[str]  #: a prefix made only of generic words (重点, 国家级) is none
    inner_verb: re.Pattern[str]  #: verbs that end a clause inside a run of name characters
    works: re.Pattern[str]  #: words of infrastructure: a …工程 with one is a construction project
    #: an unquoted numbered phrase ending so counts generic items (七项重点工作, 三大领域): no formula
    count_end: tuple[str, ...]
    head_automaton: Any  #: the heads in a leftmost-longest Rust Aho-Corasick automaton
    tail_heads: tuple[str, ...]  #: heads and quote heads (pattern index -> head)
    tail_categories: tuple[Category, ...]  #: pattern index -> category
    tail_adjacent: tuple[bool, ...]  #: pattern index -> a quote head: right after the quote only
    #: pattern index -> a not-tail head (“两新”政策): it ends no name but links a head after it
    #: (“1+8+N”政策体系)
    tail_links: tuple[bool, ...]
    tail_automaton: Any  #: heads and quote heads, every (overlapping) match


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def load_vocabulary() -> Vocabulary:
    """The genre's vocabulary, read once.

    >>> v = load_vocabulary()
    >>> v.heads["示范区"], v.head_words[0], "深入实施" in v.leaders
    (<Category.PLATFORM: 'platform'>, '数据中心集群', True)
    """
    import ahocorasick_rs

    heads: dict[str, Category] = {}
    head_min: dict[str, int] = {}
    designated: set[str] = set()
    for line in _data_lines("heads.tsv"):
        head, category, *rest = line.split("\t")
        heads[head] = Category(category)
        head_min[head] = int(rest[0]) if rest else 2
        if rest[1:] == ["designated"]:
            designated.add(head)
    compound = dict(line.split("\t", 1) for line in _data_lines("compound_heads.tsv"))
    for field in compound["fields"].split("\t"):
        for kind in compound["kinds"].split("\t"):
            heads.setdefault(field + kind, Category.PLATFORM)
            head_min.setdefault(field + kind, 2)
    quote_heads = dict(heads)
    for line in _data_lines("quote_heads.tsv"):
        head, category = line.split("\t")
        quote_heads.setdefault(head, Category(category))
    head_words = tuple(sorted(heads, key=len, reverse=True))
    leaders = tuple(sorted(dict.fromkeys(_data_lines("leaders.txt")), key=len, reverse=True))
    stops: dict[str, list[str]] = {
        "after-head": [],
        "name-end": [],
        "body": [],
        "generic": [],
        "not-tail": [],
        "event": [],
        "works": [],
        "count-end": [],
    }
    for line in _data_lines("not_names.tsv"):
        kind, word = line.split("\t")
        stops[kind].append(word)
    tail_heads = tuple(quote_heads)
    return Vocabulary(
        heads=heads,
        head_words=head_words,
        head_min=head_min,
        designated=frozenset(designated),
        leaders=leaders,
        leader_run=re.compile("(?:" + "|".join(leaders) + ")+"),
        not_head_after=tuple(stops["after-head"]),
        not_name_end=tuple(stops["name-end"]),
        bodies=tuple(stops["body"]),
        event_end=tuple(stops["event"]),
        generic_run=re.compile("(?:" + _alternation(stops["generic"]) + ")+"),
        inner_verb=re.compile(_alternation(_data_lines("inner_verbs.txt"))),
        works=re.compile(_alternation(stops["works"])),
        count_end=tuple(stops["count-end"]),
        # one call finds every head of a line, several times faster than a regex alternation;
        # a DFA (where the library has the choice): twice as fast as its default on the
        # heads' few patterns (not on a glossary's thousands: ``terms``)
        head_automaton=ahocorasick_rs.AhoCorasick(
            list(head_words), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest, **_dfa()
        ),
        tail_heads=tail_heads,
        tail_categories=tuple(quote_heads[h] for h in tail_heads),
        tail_adjacent=tuple(h not in heads for h in tail_heads),
        tail_links=tuple(h in stops["not-tail"] for h in tail_heads),
        tail_automaton=ahocorasick_rs.AhoCorasick(list(tail_heads)),
    )


def _dfa() -> dict[str, Any]:
    """The keyword that makes an ``ahocorasick_rs`` automaton a DFA; none before the library
    had ``Implementation``."""
    import ahocorasick_rs

    implementation = getattr(ahocorasick_rs, "Implementation", None)
    return {} if implementation is None else {"implementation": implementation.DFA}


@cache
def _traditional_only() -> re.Pattern[str]:
    """A character class of the characters that ``enrich.to_hans`` changes (traditional-only
    ones, and the variants that it maps after t2s)."""
    from .enrich import traditional_chars

    return re.compile(f"[{re.escape(traditional_chars())}]")


def to_simplified_line(text: str) -> str:
    """``text`` in simplified characters; unchanged (and OpenCC not asked) when it has none."""
    if not _traditional_only().search(text):
        return text
    from .enrich import to_hans

    converted = to_hans(text)
    return converted if len(converted) == len(text) else text


def to_simplified_lines(texts: Sequence[str]) -> list[str]:
    """``to_simplified_line`` of each of ``texts``; OpenCC asked once for all the lines that
    have a traditional character, joined by newlines (no phrase of its dictionaries holds one,
    so each line converts as alone), unless a line holds a newline itself."""
    search = _traditional_only().search
    found = list(map(search, texts))
    if not any(found):
        return list(texts)
    chosen = [t for t, m in zip(texts, found, strict=True) if m]
    if len(chosen) == 1 or any("\n" in t for t in chosen):
        return list(map(to_simplified_line, texts))
    from .enrich import to_hans

    converted = to_hans("\n".join(chosen)).split("\n")
    if len(converted) != len(chosen):  # pragma: no cover - OpenCC keeps every newline
        return list(map(to_simplified_line, texts))
    simples = list(texts)
    for i, c in zip(compress(range(len(simples)), found), converted, strict=True):
        if len(c) == len(simples[i]):
            simples[i] = c
    return simples


@cache
def _place_brand() -> re.Pattern[str]:
    """A formula word right before a place: a city or province brand (平安浙江, 数字重庆;
    packaged ``place_brands.txt`` and ``places.txt``)."""
    words = _alternation(_data_lines("place_brands.txt"))
    places = _alternation(_data_lines("places.txt"))
    return re.compile(f"(?:{words})(?:{places})")


@cache
def _split_leaders() -> frozenset[str]:
    """The two-character leaders that start with a function character (对接, 对标, 为了), which
    a run of name characters cuts in two."""
    return frozenset(
        w for w in load_vocabulary().leaders if len(w) == 2 and w[0] in _FUNCTION_CHARS
    )


def _strip_leaders(prefix: str) -> str:
    """``prefix`` without the verbs and adverbs that open it (and a batch or a count:
    第二批, 24个); "" if it has nothing else."""
    vocabulary = load_vocabulary()
    while True:
        m = vocabulary.leader_run.match(prefix) or _BATCH.match(prefix)
        if not m or not m.end():
            return prefix
        prefix = prefix[m.end() :]


_BUILDS = re.compile("建设")


def _cut_clause(prefix: str) -> str:
    """``prefix`` from after the last verb inside it that leaves a name of two characters or
    more (个项目落地沪明临港 -> 沪明临港); unchanged when no cut leaves one."""
    cuts = [m.end() for m in load_vocabulary().inner_verb.finditer(prefix)]
    if "建设" in prefix:  # a place that builds a name: 太原建设国家区域中心城市
        places = tuple(_places())
        cuts += [
            m.end()
            for m in _BUILDS.finditer(prefix)
            # 太原建设…; 大同建设国家区域重点城市: a designation after it is what is built
            if prefix.endswith(places, 0, m.start()) or prefix.startswith(("国家", "全国"), m.end())
        ]
        cuts.sort()
    for cut in reversed(cuts):
        rest = _strip_leaders(prefix[cut:])
        if len(rest) >= 2 or (cut == cuts[-1] and rest and _is_generic(rest)):
            return rest  # 领域布局建设省 -> 省: a kind (省实验室), which the caller rejects
    return prefix


def _after_last_verb(run: str) -> str:
    """What follows the last verb (inner verb or leader) inside ``run``, leaders stripped; ""
    when it has none."""
    vocabulary = load_vocabulary()
    cuts = [m.end() for m in vocabulary.inner_verb.finditer(run)]
    cuts += [m.end() for m in vocabulary.leader_run.finditer(run)]
    return _strip_leaders(run[max(cuts) :]) if cuts else ""


def _is_generic(prefix: str) -> bool:
    """Whether ``prefix`` is made only of generic words (国家, 重点, 省级 …)."""
    m = load_vocabulary().generic_run.fullmatch(prefix)
    return m is not None


def _name_before(text: str, start: int, limit: int, whole: bool = True) -> tuple[str, bool]:
    """The run of name characters (with bracketed places) that ends at ``start``, and whether it
    starts at a clause break (False: it runs past ``limit`` characters or the line start is
    not in reach; ``whole``: ``text`` starts at the line start)."""
    lo = max(0, start - limit - 8)
    window = text[lo:start]
    run = _name_runs()[0].match(window[::-1]).end()  # type: ignore[union-attr]  # matches ""
    raw = window[len(window) - run :]
    before = window[-run - 1] if len(window) > run else ""  # the character before the run
    if raw[:1] in ("（", "("):
        raw = raw[raw.find(")" if raw[0] == "(" else "）") + 1 :]  # （五）坚决…: a heading's number
        before = ""
    if run == len(window) and (lo > 0 or not whole):
        return raw, False  # no clause start in reach: the name's first character is unknown
    if raw[1:3] in ("国家", "全国") and before == "在":
        raw = raw[1:]  # 在沪国家实验室, 在晋全国重点实验室: a place's one-character name
    elif raw and raw[0] in _MEASURE and before.isdigit():
        raw = raw[1:]  # 24个森林, 3家省级: the count is not part of the name
    elif raw[:1] in "年月" and before.isdigit():
        raw = raw[1:]  # 2030年发展计划: a date is no part of a name
    elif raw[:1] in _UNITS and before.isdigit():
        return "", True  # 800千伏输变电工程, 1万名老年人…: a quantity, not a name
    elif raw and before and before + raw[0] in _split_leaders():
        raw = raw[1:]  # 对接国家…: a verb that a function character (对) opens, not a name
    return raw, True


_WINDOW = 36  #: characters before a head or a quote that decide its name (memoised on them)


def _window(text: str, start: int) -> tuple[str, bool]:
    """The characters before ``start`` that decide a name (at most ``_WINDOW``), from the last
    clause break among them (nothing before a break changes a name; a shorter key makes the
    memo hit more often), and whether they reach the line start."""
    lo = max(0, start - _WINDOW)
    cut = max(text.rfind("，", lo, start), text.rfind("。", lo, start), text.rfind("、", lo, start))
    if cut >= 0:
        return text[cut:start], True
    return text[lo:start], start <= _WINDOW


@lru_cache(maxsize=1 << 16)
def _prefix_of(text: str, whole: bool) -> str:
    """The name before a head, of the characters before it (``_window``): back to the clause
    start, opening verbs stripped, a clause glued to its front cut off; "" if unsure
    (memoised: names recur)."""
    start = len(text)
    raw, ok = _name_before(text, start, _MAX_PREFIX, whole)
    if not ok:
        # a long run with no clause start in reach: the name starts after the last verb in it
        # (深度参与长三角国家技术创新中心 -> 长三角国家技术创新中心), else it is unknown
        rest = _after_last_verb(raw)
        if not 2 <= len(rest) <= _MAX_PREFIX:
            return ""
        raw = rest
    lo = start - len(raw)
    # X和Y + head: a long official name with a conjunction (国家重要能源和战略资源基地,
    # 上市企业培育和高质量发展行动: Y alone may be generic, X is not; Y of two characters
    # after 与, which joins nouns: 国家级生态保护与建设示范区)
    if (
        lo >= 3
        and (len(raw) >= 3 or text[lo - 1] == "与")
        and text[lo - 1] in "和与"
        and not (text[lo - 1] == "和" and load_vocabulary().leader_run.match(raw))  # 服务和融入…
    ):
        before, ok = _name_before(text, lo - 1, 8, whole)
        before = _strip_leaders(before)
        if (
            ok
            and len(before) >= 2
            and not _ends_with_head(before)
            and not (_is_generic(raw) and _is_generic(before))
        ):
            raw = before + text[lo - 1] + raw
    prefix = _cut_clause(_strip_leaders(raw))
    if len(prefix) > _MAX_PREFIX + 4 or prefix.endswith(load_vocabulary().not_name_end):
        return ""
    if _is_generic(prefix):
        return ""  # 重点改革, 国家级科创平台: a kind, not a name
    return prefix


def _ends_with_head(text: str) -> bool:
    return text.endswith(load_vocabulary().head_words)


@lru_cache(maxsize=1 << 16)
def _qualifier_of(text: str, whole: bool) -> str:
    """A short qualifier written right before a quoted name (工业经济“头号工程”, 森林“四库”), of
    the characters before the quote (``_window``; memoised)."""
    raw, ok = _name_before(text, len(text), 8, whole)
    if not ok or not raw or raw[0] in _NUM_OR_ORDINAL:
        return ""  # 三张“零关税”, 五个“中国好水”: a count, not a qualifier
    if len(text) > len(raw) and text[-len(raw) - 1].isdigit():
        return ""  # 20年来“八八战略”: a time, not a qualifier
    q = _cut_clause(_strip_leaders(raw))
    if len(q) > 5 or load_vocabulary().leader_run.search(q):
        q = _after_last_verb(q)  # 提质建设中国企业“走出去”… -> 中国企业; 上续写好“八八战略”
    if not 2 <= len(q) <= 5:
        return ""
    if load_vocabulary().inner_verb.search(q) or (len(q) < 4 and _is_generic(q)):
        return ""
    return q


@lru_cache(maxsize=1 << 16)
def _tail_ends(tail: str) -> tuple[tuple[int, Category], ...]:
    """Ends of the heads that a quoted name runs into (“筑峰强链”企业培育支持计划), with their
    category, nearest first, in ``tail``, the run of name characters after the quote
    (memoised)."""
    vocabulary = load_vocabulary()
    found: dict[int, Category] = {}
    starts: set[int] = set()
    links: set[int] = set()  # ends of not-tail heads
    matches = vocabulary.tail_automaton.find_matches_as_indexes(tail, overlapping=True)
    # a clause goes on when a verb's object is a designation (“余姚甲鱼”入选全国…培育计划), not
    # in a name (“三茶”统筹发展示范区)
    verb = vocabulary.inner_verb.match(tail)
    if verb and not _is_designated(tail[verb.end() : verb.end() + 4]):
        verb = None
    for index, b, e in sorted(matches, key=_by_start):
        if tail.startswith(vocabulary.not_head_after, e) or (verb and b >= verb.start()):
            continue
        if b and vocabulary.tail_adjacent[index] and b not in found and b not in links:
            continue  # a quote head only right after the quote or another head (产业体系)
        if vocabulary.tail_links[index]:
            links.add(e)  # “两新”政策 is 两新; “1+8+N”政策体系 a name
            continue
        starts.add(b)
        found.setdefault(e, vocabulary.tail_categories[index])
    # a head right before another is part of it (“1650”产业体系: not “1650”产业)
    return tuple((e, found[e]) for e in sorted(found) if e not in starts or e == max(found))


_by_start = itemgetter(1)


_QuotePlan = tuple[str, str, Category | None, bool, bool, bool, tuple[tuple[int, Category], ...]]


@lru_cache(maxsize=1 << 16)
def _quote_plan(quoted: str) -> _QuotePlan:
    """A quoted span with the run after it (a match of ``_name_runs()[1]``), by its text
    (memoised): what is inside the marks, ``_quote_info`` of it, and the ends of the heads
    that the quoted name runs into (“筑峰强链”企业培育支持计划; ``_tail_ends``, offsets from
    the closing mark)."""
    tail = _name_runs()[1].match(quoted).start(_TAIL)  # type: ignore[union-attr]  # a match
    inner = quoted[1 : tail - 1]
    return (inner, *_quote_info(inner), _tail_ends(quoted[tail:]))


@lru_cache(maxsize=1 << 16)
def _quote_info(inner: str) -> tuple[str, Category | None, bool, bool, bool]:
    """What a quoted span is, by its text (memoised): the text stripped, its category (None:
    emphasis), whether it is a code (“132”), whether a qualifier before it belongs to it, and
    whether it is a formula when paired with another quote (“A”“B”)."""
    stripped = inner.strip()
    if _CODE.match(inner):
        return stripped, Category.SLOGAN, True, False, False
    category = _quoted_name(stripped)
    # a qualifier before the quote belongs to a name that the quote and a head make
    # (开发区“寻标对标、创新提升”行动, 工业经济“头号工程”, 数字产业化“十大工程”) or to a short
    # numbered item (森林“四库”); not to a numbered formula (中印尼“两国双园”)
    qualifies = category is not None and (
        _ends_with_head(stripped) or (len(stripped) <= 2 and bool(_NUMBER_START.match(stripped)))
    )
    pairable = (
        category is None
        and len(stripped) == 2
        and stripped not in load_stopwords()
        and not _PLAN_PERIOD.match(stripped)
    )
    return stripped, category, False, qualifies, pairable


@lru_cache(maxsize=1 << 16)
def _quoted_name(inner: str) -> Category | None:
    """The category of a quoted span that is a name, None if it is emphasis (memoised: the same
    slogans recur throughout a document)."""
    return _category_of(inner, quoted=True) if _is_name(inner, load_stopwords()) else None


#: the categories of heads that make a name of a quoted plain word right before them (“种芯”工程)
_NAMING = frozenset((Category.PROGRAM, Category.PLATFORM))

#: two or more names joined by + (a code such as 1+4 or 8+4 has digits on both sides)
_JOINED = re.compile(r"[^+0-9]*[^\W\d][^+0-9]*(?:\+[^+0-9]*[^\W\d][^+0-9]*)+")

# Plan periods (“十五”, “十一五”, “十四五”, “九五”, also with their years: “十五五(2026到2030年)”)
# are not names unless curated in.
_PLAN_PERIOD = re.compile("^(?:十?[一二三四五六七八九十]?五(?:[（(][^）)]*[）)])?|[0-9]+[条项个])$")


def _is_name(zh: str, stop: frozenset[str]) -> bool:
    if zh in stop or _PLAN_PERIOD.match(zh):
        return False
    han = len(_HAN_CHAR.findall(zh))
    if han == 0:
        return False
    if "，" in zh or "," in zh:
        return False  # a sentence in quotes (a heading, a theme), not a name
    if zh.endswith(load_vocabulary().bodies):
        return False  # an organisation (“教育、科技和人才委员会”)
    if han >= 6 and (zh[0] == "将" or "甚至" in zh or "把" in zh):
        # reported speech (“将催生数个万亿元级甚至更大规模的市场”) or a disposal with 把
        # (“舍得把钱花在人身上”): a clause
        return False
    if han >= 6 and zh.startswith(load_vocabulary().leaders):
        return False  # a heading or a watchword clause (“坚持内需主导”, “加快建设金融强国”)
    if _JOINED.fullmatch(zh):
        return False  # plain names joined (“算力+数据”, “线上引流+线下体验”), not “1+4” or “湿地+”
    # two characters in quotes are emphasis (“融合”), unless numbered (“两员”) or a formula (“湿地+”)
    return han > 2 or bool(_NUMBER_START.match(zh)) or "+" in zh


@lru_cache(maxsize=1 << 16)
def _category_of(zh: str, *, quoted: bool) -> Category:
    """The category that a name's head gives it (memoised: it tries every head)."""
    vocabulary = load_vocabulary()
    if zh.endswith(vocabulary.head_words):  # (in C: most names end in no head)
        for head in vocabulary.head_words:  # longest first: 专项行动 before 行动
            if zh.endswith(head):
                return vocabulary.heads[head]
    return Category.SLOGAN if quoted or _NUMBER_START.match(zh) else Category.CONCEPT


def iter_spans(text: str) -> Iterator[tuple[int, int, str, Category, bool]]:
    """Candidate spans that the rules find in one simplified line: (start, end, term, category,
    quoted). Known terms are counted separately (``terms.Terms.count``)."""
    return iter(line_spans(text))


def line_spans(text: str) -> list[tuple[int, int, str, Category, bool]]:
    """``iter_spans`` as a list (what the collector takes: no generator frame per line)."""
    vocabulary = load_vocabulary()
    found: list[tuple[int, int, str, Category, bool]] = []
    add = found.append
    quotes = list(_name_runs()[1].finditer(text))
    # the quoted spans of the line (marks included), in order, for bisect
    q_starts = [m.start() for m in quotes]
    q_ends = [m.start(_TAIL) for m in quotes]
    for k, m in enumerate(quotes):
        q_start, q_end = q_starts[k], q_ends[k]
        start, end = q_start + 1, q_end - 1  # every quote mark is one character
        inner, inner_stripped, category, code, qualifies, pairable, ends = _quote_plan(m.group())
        if category is None:
            if not pairable:
                continue
            # a word with a program's or platform's head (“种芯”工程, “于响”商务区), or paired
            # with another quoted word (“A”“B”: paired items are a formula)
            headed = bool(ends) and ends[-1][0] <= 4 and ends[-1][1] in _NAMING
            paired = (k > 0 and q_ends[k - 1] == q_start) or (
                k + 1 < len(quotes) and q_starts[k + 1] == q_end
            )
            if not (headed or paired):
                continue
            category = Category.SLOGAN
        # a qualifier belongs to a quoted code or formula with a head after it
        # (制造业强市“4566”计划, 中国企业“走出去”综合服务基地)
        qualifier = _qualifier_of(*_window(text, q_start)) if ends or qualifies else ""
        if ends:
            # a quoted code or formula and the name it heads: “1650”产业体系 and
            # “1650”产业体系补短板技术攻关专项行动, “四通四到”机制, 森林“四库”联动试点区
            q0 = q_start - len(qualifier)
            # the name written with “…” whatever the marks (「雙百雙十」行動 -> “双百双十”行动)
            quoted_form = f"{qualifier}“{inner}”"
            last, last_category = ends[-1]
            last += q_end
            if code and ends[0][0] + q_end != last:
                first = ends[0][0] + q_end
                add((q_start, first, f"“{inner}”{text[q_end:first]}", ends[0][1], True))
            add((q0, last, quoted_form + text[q_end:last], last_category, True))
            if qualifier and not code and _NUMBER_START.match(inner_stripped):
                add((q0, q_end, quoted_form, category, True))
            elif (
                len(inner_stripped) >= 4
                and (
                    _ENUMERATION.fullmatch(inner_stripped)
                    or _place_brand().fullmatch(inner_stripped)
                )
                and not _NUMBER_START.match(inner_stripped)
                and not inner_stripped.endswith("建设")  # “工业园区标准化建设”专项行动
            ):
                # the formula that heads a name is the name's (“模塑申城”工程: the dev parts
                # list an unknown one alone in 4 of 110 such names); alone too are a quoted
                # enumeration, a formula of its own (“登高、升规、晋位、上市”工程), and a
                # place brand (“美丽杭州”实验区); a known one is shown by ``_shown``
                # (“东数西算”工程); a numbered one is named with its head (“四通四到”机制)
                add((start, end, inner_stripped, category, True))
            continue
        if qualifier:
            add((q_start - len(qualifier), q_end, f"{qualifier}“{inner}”", category, True))
            continue
        if code:
            tail = _CODE_TAIL.match(text, q_end)
            if tail:
                stop_at = _CUT_TAIL.search(tail.group())
                name = tail.group()[: stop_at.start()] if stop_at else tail.group()
                if name.endswith("建设") and len(name) >= 4:
                    name = name[:-2]  # “315”科技创新体系建设: the name's predicate
                if 2 <= len(name) <= 8:
                    add(
                        (
                            q_start,
                            q_end + len(name),
                            f"“{inner}”{name}",
                            _category_of(name, quoted=True),
                            True,
                        )
                    )
            continue
        add((start, end, inner_stripped, category, True))

    leaders = vocabulary.leaders
    # document titles 《…》 are not names (the guidelines exclude them), nor what is in them
    titles = [m.span() for m in _TITLE.finditer(text)] if "《" in text else []
    for m in _NUMBERED.finditer(text):
        start = m.start()
        if q_starts:  # inside a quoted span: the quote rule has it
            i = bisect_right(q_starts, start) - 1
            if i >= 0 and start < q_ends[i]:
                continue
        before = text[start - 1] if start else ""
        if before in _NUM_OR_ORDINAL:
            continue  # part of a longer number, or an ordinal (第三)
        if (
            before
            and _HAN_CHAR.match(before)
            and not text.endswith(leaders, 0, start)
            and (text[start] == "一" or text[start + 1 : start + 2] != "大")
        ):
            continue  # 统一大市场 is not a numbered formula; 落实两个确立, 东北地区四大板块 are
        numbered = m.group()
        cut = _FUNCTION_CHAR.search(numbered, 2)
        while cut is not None and _in_name_word(numbered, cut.start()):
            cut = _FUNCTION_CHAR.search(numbered, cut.start() + 1)  # 五大工作导向
        if cut is not None:  # 一个中国原则和…, 十九大以来的五年: the formula ends before
            if cut.start() < 4:
                continue
            numbered = numbered[: cut.start()]
        if numbered.endswith(vocabulary.count_end):
            continue  # a count of generic items (八项重点任务, 六个方面工作), unless quoted
        add((start, start + len(numbered), numbered, Category.SLOGAN, False))
    for m in _place_brand().finditer(text):
        start = m.start()
        if q_starts:
            i = bisect_right(q_starts, start) - 1
            if i >= 0 and start < q_ends[i]:
                continue
        before = text[start - 1] if start else ""
        if (
            _is_name_char(before)
            and not text.endswith(leaders, 0, start)
            and not text.endswith("水平", 0, start)
        ):
            continue  # inside a longer word (城市数字化), not a brand; 更高水平平安中国 is one
        add((start, m.end(), m.group(), Category.PROGRAM, False))
    matches = vocabulary.head_automaton.find_matches_as_indexes(text)
    if not matches:
        return found
    stop = load_stopwords()
    heads, head_words, head_min = vocabulary.heads, vocabulary.head_words, vocabulary.head_min
    not_head_after, designated = vocabulary.not_head_after, vocabulary.designated
    last_match = len(matches) - 1
    first_head = len(found)
    for n, (index, head_start, head_end) in enumerate(matches):
        if text.startswith(not_head_after, head_end):
            continue  # part of a longer word: 精神文明, 工程师, 平台经济
        if q_starts:  # inside a quoted name: the quote rule has it
            i = bisect_right(q_starts, head_start) - 1
            if i >= 0 and head_start < q_ends[i]:
                continue
        if titles and any(a < head_start < b for a, b in titles):
            continue  # inside a document title: 《北部都会区发展策略》
        if n < last_match and matches[n + 1][1] == head_end:
            continue  # the name goes on to the next head: 平台 in 国家级科创平台基地
        if text.startswith("—", head_end) and _HAN_CHAR.match(text, head_end + 1):
            continue  # the name goes on past a dash: 走廊 in 河西走廊—塔克拉玛干沙漠边缘阻击战
        head = head_words[index]
        prefix = _prefix_of(*_window(text, head_start))
        if len(prefix) < head_min[head]:
            continue
        s = head_start - len(prefix)
        if s and text[s - 1] in _CLOSE_QUOTES:
            continue  # “…”行动计划: the quote rule has the name
        if s and text[s - 1 : s + 1] in ("以上", "以下"):
            continue  # 入选省级以上人才计划: "provincial and above", no name
        e = head_end
        if text[e : e + 1] in ("（", "("):
            bracket = _BRACKET.match(text, e)
            # 国家海洋综合试验场（深海）; not 武夷山国家公园（江西片区）, nor a short name that
            # ends in a head of its own: 河套深港科技创新合作区（河套合作区）
            if bracket and not bracket.group()[1:-1].endswith(("片区", *head_words)):
                e = bracket.end()
        zh = text[s:e]
        if head in designated and not _is_designated(prefix):
            continue  # a generic kind: 航空产业基地, 诊断服务平台
        if head == "工程" and vocabulary.works.search(zh):
            continue  # 银太高速铁路工程, 黄河黑山峡水利枢纽工程: one construction project
        if zh not in stop:
            add((s, e, zh, heads[head], False))
            if text[s - 1 : s] == "、" and zh.endswith(_shared_heads()):
                found += _shared_items(text, s, zh, heads[head])
    if len(found) - first_head > 1:
        # a name inside a longer one that a later head ends is no name of its own
        # (国家知识产权强市 in 国家知识产权强市建设试点城市, 全国农业品牌 in
        # 全国农业品牌精品培育计划), unless it is a platform (崖州湾国家实验室西北创新基地)
        named = found[first_head:]
        found[first_head:] = [
            a
            for a in named
            if a[3] is Category.PLATFORM
            or not any(b[0] <= a[0] and a[1] < b[1] and not b[4] for b in named)
        ]
    return found


@cache
def _shared_heads() -> tuple[str, ...]:
    """Heads that the items of an enumeration before them share (packaged ``shared_heads.txt``)."""
    return tuple(sorted(_data_lines("shared_heads.txt"), key=len, reverse=True))


def _shared_items(
    text: str, s: int, zh: str, category: Category
) -> list[tuple[int, int, str, Category, bool]]:
    """The names of the items enumerated before the name ``zh`` at ``s`` that share its head
    (``_shared_heads``): 祁连山、若尔盖国家公园 -> 祁连山国家公园; none past an item that is not two
    to four characters after its verb is stripped."""
    head = next(h for h in _shared_heads() if zh.endswith(h))
    items: list[tuple[int, int, str, Category, bool]] = []
    j = s - 1  # the 、 before the name
    while j > 0 and text[j] == "、":
        raw, ok = _name_before(text, j, 8)
        item = _strip_leaders(raw)
        if not ok or not 2 <= len(item) <= 4 or not _HAN_RUN.fullmatch(item):
            break
        items.append((j - len(item), j, item + head, category, False))
        j -= len(raw) + 1
    return items


#: words that make a name of a generic kind a designation (国家重要农畜产品生产基地)
_DESIGNATION = re.compile("国家|全国|国际")


def _is_designated(prefix: str) -> bool:
    """Whether a name of a generic kind is a designation: a national or international one, or a
    place of ``places.txt`` first (沈阳国家级数据标注基地)."""
    if _DESIGNATION.search(prefix):
        return True
    places = _places()
    return any(prefix[:k] in places for k in range(2, min(len(prefix), 4) + 1))


def prepare(known: Terms | None = None) -> None:
    """Build now what the rules otherwise build on first use (the vocabulary and its automata,
    the regexes, OpenCC, the glossary's automaton and per-glossary tables): called before
    forking, so that every worker inherits them instead of building its own."""
    load_vocabulary()
    load_stopwords()
    _name_runs()
    _place_brand()
    _split_leaders()
    _places()
    _glue()
    not_proposed()
    to_simplified_line("國")  # the traditional-only characters and OpenCC's converter
    if known is not None:
        known.matches("")  # builds the automaton
        _reported(known)
        _form_classes(known)
        _known_tables(known)


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
        self,
        *,
        known: Terms | None = None,
        rejected: frozenset[str] = frozenset(),
        every_occurrence: bool = False,
    ) -> None:
        self.known = known
        self.rejected = rejected
        #: count every occurrence of a known term, nested ones included (``build``: the
        #: glossary's occurrences); else only where it is not part of a longer term or name
        self.every_occurrence = every_occurrence
        self._tallies: dict[str, Tally] = {}
        #: occurrences of known terms not yet added to their tallies (``tallies`` adds them)
        self._known_counts: Counter[str] = Counter()
        #: the batch's occurrences of known terms (``feed_lines`` adds them to ``_known_counts``)
        self._shown_terms: list[str] = []
        #: known terms whose tally has its ``MAX_LOCATIONS`` locations
        self._full: set[str] = set()
        #: with a glossary, its ordinary words: the rules do not propose them unquoted either
        self._plain = not_proposed() if known is not None else _NONE

    def feed(self, seg: Segment) -> None:
        self.feed_lines((seg,))

    def feed_lines(self, segs: Sequence[Segment]) -> None:
        """``feed`` each of ``segs`` in turn, by stages: every line's simplified form, then
        every line's known terms, then every line's rule spans, and then the tallies line by
        line (the same tallies as one ``feed`` at a time; each automaton and regex runs over
        the batch while it is in the processor's caches)."""
        simples = to_simplified_lines([seg.text for seg in segs])
        known = self.known
        tables = None
        if known is not None and not self.every_occurrence:
            found: list[list[tuple[int, int, int]] | None] = list(map(known.matcher(), simples))
            tables = _known_tables(known)
        else:
            found = [None] * len(simples)
        spans = list(map(line_spans, simples))
        for seg, simple, spans_of, matches in zip(segs, simples, spans, found, strict=True):
            self._feed_line(seg, simple, spans_of, matches, tables)
        if self._shown_terms:
            self._known_counts.update(self._shown_terms)  # a list: counted in C, once a batch
            self._shown_terms.clear()

    def feed_all(self, segments: Iterable[Segment]) -> None:
        """``feed`` every segment, ``BATCH_LINES`` at a time (``feed_lines``)."""
        it = iter(segments)
        while batch := list(islice(it, BATCH_LINES)):
            self.feed_lines(batch)

    def _feed_line(
        self,
        seg: Segment,
        simple: str,
        spans: list[tuple[int, int, str, Category, bool]],
        matches: list[tuple[int, int, int]] | None,
        tables: _KnownTables | None,
    ) -> None:
        known, tallies, rejected = self.known, self._tallies, self.rejected
        text = seg.text
        where = f"{seg.file}:{seg.line}"
        if known is not None:
            # a qualifier before a known quoted name is not a name of its own with it
            # (公共服务“七优享”工程: the glossary's “七优享”工程 is named)
            # (and 公共服务“七优享”, the qualifier with the quote alone, goes with it)
            cut = {s[0] for s in spans if _qualifies_known(s[2], s[4], known.index)}
            if cut:
                spans = [s for s in spans if not (s[0] in cut and s[4] and s[2][:1] != "“")]
            if matches and ("（" in simple or "(" in simple):
                spans += _bracketed_known(known, simple, matches)
            counted = self._feed_known(known, seg, text, simple, spans, where, matches, tables)
        else:
            counted = _NONE
        seen: set[tuple[int, int, str]] = set()
        forms = known.index if known is not None else {}
        plain = self._plain
        if forms and "和" in simple:
            spans = _unjoined(spans, forms)
        for start, end, zh, category, quoted in spans:
            if zh in forms and zh in counted:
                if quoted:  # counted above; the rules only add that it was quoted
                    tallies[zh].quoted = True
                continue  # (a known term written with other quote marks is tallied below)
            if not quoted and zh in plain:
                continue  # an ordinary word of the glossary, unquoted (``not_proposed``)
            if not quoted and zh[:1] == "第" and _EDITION.match(zh):
                continue  # an event's edition (办好第三届雄安未来之城场景汇): the guidelines exclude events
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

    def _feed_known(
        self,
        known: Terms,
        seg: Segment,
        text: str,
        simple: str,
        spans: list[tuple[int, int, str, Category, bool]],
        where: str,
        matches: list[tuple[int, int, int]] | None,
        tables: _KnownTables | None,
    ) -> Collection[str]:
        """Count the known terms of a line (``matches``: its leftmost-longest matches, and
        ``tables`` the glossary's ``_known_tables``, unless every occurrence is counted) and
        return them. The common case stays in C: the terms of the batch are tallied into one
        ``Counter`` of the whole input (``_known_counts``, folded into the tallies by
        ``tallies``), and Python visits only the terms that are new or still collect
        locations."""
        if tables is None or matches is None:
            zhs: list[str] = list(known.count(simple).elements())
        else:
            zhs = _shown(known, tables, simple, spans, matches)
        if not zhs:
            return _NONE
        self._shown_terms += zhs
        present = set(zhs)
        fresh = present.difference(self._full)
        if fresh:
            tallies = self._tallies
            for zh in fresh.difference(tallies):
                column = simple.find(zh)
                written = zh if simple is text else _as_written(text, column, zh)
                tallies[zh] = Tally(
                    written, known.category(zh) or Category.CONCEPT, seg.file, seg.line, column
                )
            for zh in fresh:
                locations = tallies[zh].locations
                if len(locations) >= MAX_LOCATIONS:
                    self._full.add(zh)
                elif locations[-1:] != [where]:
                    locations.append(where)
        return present

    def tallies(self) -> dict[str, Tally]:
        """The tallies so far, by simplified term (for ``merge_tallies`` in another process)."""
        if self._known_counts:
            for zh, n in self._known_counts.items():
                self._tallies[zh].count += n
            self._known_counts.clear()
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
        tallies = self.tallies()
        files: dict[str, int] = {}
        for t in tallies.values():
            files.setdefault(t.file, len(files))
        ordered = sorted(
            tallies.items(),
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


def _qualifies_known(zh: str, quoted: bool, forms: Collection[str]) -> bool:
    """Whether ``zh`` is a qualifier written before a known quoted name (公共服务“七优享”工程 with
    “七优享”工程 known)."""
    if not quoted or zh[:1] == "“":
        return False
    at = zh.find("“")
    return at > 0 and zh[at:] in forms


def _unjoined(
    spans: list[tuple[int, int, str, Category, bool]], forms: Collection[str]
) -> list[tuple[int, int, str, Category, bool]]:
    """``spans`` with each rules' name X和Y+head whose X+head is a known term cut to Y+head: two
    names that share a head (国家节水和黄河流域深度节水控水行动: 国家节水行动 is known, the
    new name is 黄河流域深度节水控水行动), not one."""
    heads = load_vocabulary().head_words
    out: list[tuple[int, int, str, Category, bool]] = []
    for span in spans:
        start, end, zh, category, quoted = span
        at = zh.find("和")
        if not quoted and at >= 2 and zh.count("和") == 1 and zh not in forms:
            rest = zh[at + 1 :]
            head = next((h for h in heads if rest.endswith(h) and len(rest) > len(h) + 1), "")
            if head and zh[:at] + head in forms:
                out.append((start + at + 1, end, rest, category, quoted))
                continue
        out.append(span)
    return out


def _shown(
    known: Terms,
    tables: _KnownTables,
    text: str,
    spans: list[tuple[int, int, str, Category, bool]],
    matches: list[tuple[int, int, int]],
) -> list[str]:
    """The known terms of a line that a reader sees as terms (``tables``: ``known``'s
    ``_known_tables``): the leftmost-longest matches (as ``scan`` finds them), less those inside
    a longer name that the rules found (长三角 in 长三角国家技术创新中心), single characters
    inside a word (苏 in 苏州), concepts and places glued to a noun, events, plan periods and
    plain places; plus the terms named inside a longer known one. In no particular order.

    Each match's form has its classes in one flag word (``_KnownTables.flags``); a map in C
    takes them, and Python visits only the matches whose form is of some class and those inside
    the rules' names."""
    if not matches:
        return []
    flag_of = tables.flags
    indexes = list(map(_first, matches))
    flags = list(map(flag_of.__getitem__, indexes))
    keep = [True] * len(matches)
    extra: list[str] = []
    if any(flags):
        glue = tables.glue
        for k in compress(range(len(matches)), flags):
            f = flags[k]
            if f == _CONCEPT:  # the commonest class alone: the glue test below
                if _glued(known, glue, text, matches, k):
                    keep[k] = False
                continue
            # an event (a fair, a forum: 中国国际进口博览会), a plan period (十四五) or a
            # province or city named as a place (浙江) is not proposed at all
            if f & _EVENT:
                keep[k] = False
                continue
            _, s, e = matches[k]
            if f & _SINGLE and not _stands_alone(text, s):
                keep[k] = False  # a single character inside a word (苏 in 苏州)
                continue
            # an ordinary word, a statistic or a generic phrase of the glossary
            # (not_proposed.tsv: 大模型, 高技术制造业, 科技成果转化) is proposed only where the
            # document quotes it
            if f & _PLAIN and not (
                s and text[s - 1] in _OPEN_QUOTES and text[e : e + 1] in _CLOSE_QUOTES
            ):
                keep[k] = False
                if f & _HOST:  # the terms it names are still named (中国式现代化 in
                    # 以中国式现代化全面推进中华民族伟大复兴, a goal phrase)
                    extra.extend(_nested(known, tables, indexes[k]))
                continue
            # a concept or a place glued to the name characters after it is a modifier in a
            # longer phrase (中试平台, 科技金融服务体系, 民营经济促进条例, 长三角科技创新共同体),
            # not the term named on its own; before a verb or a postposition it is named
            # (海关特殊监管区域深化改革, 经济发展新常态下)
            if f & _CONCEPT and _glued(known, glue, text, matches, k):
                keep[k] = False
                continue
            # the terms named inside a longer one (高质量发展 in 高质量发展是…的首要任务), found
            # the first time its form is met
            if f & _HOST:
                extra.extend(_nested(known, tables, indexes[k]))
    # (a name that is itself a known term holds no shorter match: leftmost-longest took it)
    forms = known.index
    names = [(a, b) for a, b, zh, _, _ in spans if b - a > 2 and zh not in forms]
    if names:
        starts = list(map(_second, matches))
        n = len(matches)
        for a, b in names:
            k = bisect_left(starts, a)
            while k < n and starts[k] < b:
                _i, s, e = matches[k]
                k += 1
                if not keep[k - 1] or e > b or e - s >= b - a:
                    continue  # not inside, or already taken off
                if s and (
                    text[s - 1] in _CLOSE_QUOTES
                    or (text[s - 1] in _OPEN_QUOTES and text[e : e + 1] in _CLOSE_QUOTES)
                    or (e - s > 2 and _in_quotes(text, s, e))
                ):
                    continue  # a quoted term is shown: “走出去”综合服务基地, “双向揭榜挂帅”,
                    # “两新”政策 (not a word of two inside a coined one: 两新 in “三首两新”), and one
                    # right after a quoted code: “2115”接诉即办
                if s == a and text[e : e + 1] in ("（", "("):
                    continue  # the term before a bracketed place: 中欧班列（成渝）
                if e == b and e - s >= _NAMED_SUFFIX:
                    continue  # a program's full name after a qualifier: 福厦泉要素市场化…试点
                keep[k - 1] = False  # taken off once, even inside two names
    zh_of = tables.reported
    if False in keep:
        zhs = list(map(zh_of.__getitem__, compress(indexes, keep)))
    else:
        zhs = list(map(zh_of.__getitem__, indexes))
    return zhs + extra if extra else zhs


def _glued(
    known: Terms,
    glue: Callable[[str, int], object],
    text: str,
    matches: list[tuple[int, int, int]],
    k: int,
) -> bool:
    """Whether the ``k``-th match is glued to the name characters after it (``glue``), unless
    they begin a known slogan: then the two are terms side by side
    (习近平新时代中国特色社会主义思想凝心铸魂)."""
    e = matches[k][2]
    if not glue(text, e):
        return False
    if k + 1 == len(matches):
        return True
    index, start, _ = matches[k + 1]
    return start != e or known.categories[index] != Category.SLOGAN.value


def _nested(known: Terms, tables: _KnownTables, index: int) -> tuple[str, ...]:
    """``_named_inside`` of the form ``index``, computed the first time it is met (a form that
    names none loses its ``_HOST`` flag)."""
    nested = tables.nested.get(index)
    if nested is None:
        nested = tables.nested[index] = _named_inside(known, index)
        if not nested:
            tables.flags[index] &= ~_HOST
    return nested


#: the classes of a form, bits of ``_KnownTables.flags``: a single character, an event (or a
#: plan period, a plain place), an ordinary word (``not_proposed``), a concept or a place, a
#: form of five characters or more that may name known terms inside it (cleared once it is
#: found to name none)
_SINGLE, _EVENT, _PLAIN, _CONCEPT, _HOST = 1, 2, 4, 8, 16


class _KnownTables(NamedTuple):
    """What ``_shown`` reads of a glossary, by pattern index (computed once per glossary)."""

    reported: list[str]  #: the term as a candidate (``_reported``)
    flags: list[int]  #: the form's classes (``_SINGLE`` …)
    nested: dict[int, tuple[str, ...]]  #: the terms named inside the form, as met
    glue: Callable[[str, int], object]  #: ``_glue().match``


_TABLES: weakref.WeakKeyDictionary[Terms, _KnownTables] = weakref.WeakKeyDictionary()


def _known_tables(known: Terms) -> _KnownTables:
    """``_shown``'s tables of ``known`` (computed once per glossary)."""
    found = _TABLES.get(known)
    if found is None:
        singles = _single_forms(known)
        concepts, events, _, plain = _form_classes(known)
        flags = [
            (_SINGLE if i in singles else 0)
            | (_EVENT if i in events else 0)
            | (_PLAIN if i in plain else 0)
            | (_CONCEPT if i in concepts else 0)
            | (_HOST if len(form) >= 5 else 0)  # ``_named_inside`` needs five
            for i, form in enumerate(known.forms)
        ]
        found = _KnownTables(_reported(known), flags, {}, _glue().match)
        _TABLES[known] = found
    return found


#: a known term this long that ends a longer name is a program's full name after a qualifier
#: (福厦泉要素市场化配置综合改革试点, 国家服务业扩大开放综合试点), shown; a shorter one is the
#: kind that the name is one of (国家实验室, 智能工厂, 都市圈), not shown
_NAMED_SUFFIX = 9


def _is_place(known: Terms, word: str) -> bool:
    """Whether ``word`` is a place of ``places.txt`` or a place of the glossary (成渝)."""
    return word in _places() or (word in known.index and known.category(word) is Category.PLACE)


@cache
def _places() -> frozenset[str]:
    return frozenset(_data_lines("places.txt"))


def _bracketed_known(
    known: Terms, text: str, matches: list[tuple[int, int, int]]
) -> list[tuple[int, int, str, Category, bool]]:
    """Known terms with a bracketed place after them, as names (中欧班列（成渝）); the term
    stays shown, what is in the bracket is part of the name. Not another bracket: 核技术应用
    (同位素), 县级社会治理中心(综治中心). (Python visits the line's opening brackets, not its
    matches: the matches end in order, and one ends at a bracket or none does.)"""
    found = []
    ends = list(map(_third, matches))
    for m in _BRACKET_OPEN.finditer(text):
        e = m.start()
        k = bisect_left(ends, e)
        if k == len(ends) or ends[k] != e:
            continue
        index, s, _ = matches[k]
        bracket = _BRACKET.match(text, e)
        if bracket and _is_place(known, text[e + 1 : bracket.end() - 1]):
            category = known.category(known.forms[index]) or Category.PLATFORM
            found.append((s, bracket.end(), text[s : bracket.end()], category, False))
    return found


_BRACKET_OPEN = re.compile("[（(]")


def _in_quotes(text: str, s: int, e: int) -> bool:
    """Whether ``text[s:e]`` lies inside one pair of quote marks (“双向揭榜挂帅”): the first
    closing mark after the last opening one before ``s`` is at ``e`` or after."""
    before = text.rfind
    opened = max(
        before("“", 0, s),
        before("‘", 0, s),
        before("「", 0, s),
        before("『", 0, s),
        before('"', 0, s),
    )
    if opened < 0:
        return False
    for q in _CLOSE_QUOTES:
        if text.find(q, opened + 1, e) >= 0:
            return False  # closed before the end
    return any(text.find(q, e) >= 0 for q in _CLOSE_QUOTES)


_first = itemgetter(0)  #: a match's pattern index (in C: called for every match)
_second = itemgetter(1)  #: a match's start
_third = itemgetter(2)  #: a match's end


_SINGLES: weakref.WeakKeyDictionary[Terms, frozenset[int]] = weakref.WeakKeyDictionary()


def _single_forms(known: Terms) -> frozenset[int]:
    """Pattern indexes of the one-character forms of ``known`` (computed once per glossary)."""
    found = _SINGLES.get(known)
    if found is None:
        found = _SINGLES[known] = frozenset(i for i, f in enumerate(known.forms) if len(f) == 1)
    return found


@cache
def _glue() -> re.Pattern[str]:
    """A name character that starts no predicate: a term right before it is glued to a noun.
    A predicate starts with an inner verb (深化, 推进), a word of ``predicate_starts.txt``
    (加快, 取得, 建设), 下 中 上 更 (经济发展新常态下, …复兴更好发挥) or 新, the concept's new X
    (制度型开放新优势). One regex, so that the matches of a line are tested in C."""
    words = [*_predicate_starts(), *_data_lines("inner_verbs.txt"), *"下中上更新"]
    return re.compile(f"(?={_name_chars_class()})(?!{_alternation(words)})")


@cache
def _predicate_starts() -> tuple[str, ...]:
    """Words that start a predicate (packaged ``predicate_starts.txt``)."""
    return tuple(_data_lines("predicate_starts.txt"))


#: a five-year period and its plan (十四五, “十五五”规划, 十四五时期): the guidelines exclude them
_PLAN_PERIOD_TERM = re.compile("“?十?[一二三四五六七八九]?五”?(?:规划|时期)?")


class _FormClasses(NamedTuple):
    concepts: frozenset[int]  #: pattern indexes of the forms of concepts and places
    #: of events (terms ending in ``not_names.tsv``'s ``event`` words), plan periods and plain
    #: places (``places.txt``: 浙江): never proposed
    events: frozenset[int]
    either: frozenset[int]  #: both
    #: of the entries of ``not_proposed.tsv``: proposed only where quoted
    plain: frozenset[int]


_FORM_CLASSES: weakref.WeakKeyDictionary[Terms, _FormClasses] = weakref.WeakKeyDictionary()


def _form_classes(known: Terms) -> _FormClasses:
    """The concepts and the events (博览会, 论坛) of ``known``; computed once per glossary."""
    found = _FORM_CLASSES.get(known)
    if found is None:
        concept = Category.CONCEPT.value
        ends = load_vocabulary().event_end
        place = Category.PLACE.value
        concepts = frozenset(i for i, c in enumerate(known.categories) if c in (concept, place))
        events = frozenset(
            i
            for i, zh in enumerate(known.zh)
            if zh.endswith(ends) or _PLAN_PERIOD_TERM.fullmatch(zh) or zh in _places()
        )
        unquoted = not_proposed()
        plain = frozenset(i for i, zh in enumerate(known.zh) if zh in unquoted)
        found = _FORM_CLASSES[known] = _FormClasses(concepts, events, concepts | events, plain)
    return found


@cache
def not_proposed() -> frozenset[str]:
    """Glossary entries that are no term a translator looks up in a new document (packaged
    ``not_proposed.tsv``: ordinary industry and technology words, statistics terms, generic
    goal phrases, plain places, by ``eval/GUIDELINES.md``'s exclusions): the glossary keeps
    them, the extractor proposes them only where the document quotes them."""
    return frozenset(zh for zh, _ in not_proposed_rows())


def not_proposed_rows() -> list[tuple[str, str]]:
    """``not_proposed.tsv``'s rows (after its header) as (term, class)."""
    rows = [line.split("\t") for line in _data_lines("not_proposed.tsv")[1:]]
    return [(cells[0], cells[1] if len(cells) > 1 else "") for cells in rows]


_REPORTED: weakref.WeakKeyDictionary[Terms, list[str]] = weakref.WeakKeyDictionary()


def _reported(known: Terms) -> list[str]:
    """Pattern index -> the term as a candidate: the entry, or the variant that the document
    writes (自贸试验区提升战略 for the entry 自由贸易试验区提升战略: the guidelines' canonical form
    is the document's abbreviation), as curated whatever its quote marks; a Taiwan or Hong Kong
    form, or a spelling with other quote marks or widths, is the entry. Computed once per
    glossary."""
    found = _REPORTED.get(known)
    if found is None:
        from .keys import normalize

        trad = _traditional_only()
        # the spelling of each variant to report: “…” before 「…」 before ASCII quotes
        best: dict[tuple[str, str], str] = {}
        keys: list[tuple[str, str] | None] = []
        for form, zh in zip(known.forms, known.zh, strict=True):
            bare = normalize(_QUOTE_MARKS.sub("", form))
            if form == zh or bare == normalize(_QUOTE_MARKS.sub("", zh)) or trad.search(form):
                keys.append(None)
                continue
            key = (zh, bare)
            keys.append(key)
            if key not in best or _quote_rank(form) < _quote_rank(best[key]):
                best[key] = form
        found = [zh if key is None else best[key] for zh, key in zip(known.zh, keys, strict=True)]
        _REPORTED[known] = found
    return found


def _quote_rank(form: str) -> int:
    return 0 if "“" in form or not _QUOTE_MARKS.search(form) else 1 if "「" in form else 2


_QUOTE_MARKS = re.compile("[“”‘’「」『』\"'＂＇]")


def _named_inside(known: Terms, index: int) -> tuple[str, ...]:
    """The known terms of three characters or more that a reader sees inside the form
    ``index`` (the longest ones; not a concept glued to a noun, not an event, not a short
    one that ends it): 高质量发展 and
    全面建设社会主义现代化国家 in 高质量发展是全面建设社会主义现代化国家的首要任务."""
    form = known.forms[index]
    if len(form) < 5:
        return ()
    concepts, events, _, plain = _form_classes(known)
    reported = _reported(known)
    host_shown = index not in plain
    spans: set[tuple[int, int, int]] = set()
    for offset, part in ((0, form[:-1]), (1, form[1:])):
        for i, s, e in known.matches(part):
            spans.add((i, s + offset, e + offset))
    found = []
    for i, s, e in spans:
        if e - s < 3 or i in events or i in plain or reported[i] == reported[index]:
            continue
        if known.zh[i] == known.zh[index] and reported[i] != known.zh[i]:
            continue  # a shorter variant of the same entry (新时代… in 习近平新时代…); the
            # entry itself inside a longer variant is named (人工智能+ in “人工智能+”行动)
        if e == len(form) and e - s < _NAMED_SUFFIX and (host_shown or _strip_leaders(form[:s])):
            continue  # the kind that the term is one of (和美乡村 in 宜居宜业和美乡村); after
            # the verbs of an ordinary phrase it is their object, and named (以人民为中心 in
            # 坚持以人民为中心, not_proposed.tsv's verb phrase of a concept)
        if i in concepts and _glue().match(form, e):
            continue
        if any(a <= s and e <= b and (a, b) != (s, e) for _, a, b in spans if b - a >= 3):
            continue  # inside a longer one
        found.append(reported[i])
    return tuple(sorted(set(found)))


def _stands_alone(text: str, i: int) -> bool:
    """Whether the character at ``i`` has no name character on either side (a Han character
    other than a function word)."""
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    return not (_is_name_char(before) or _is_name_char(after))


def _is_name_char(ch: str) -> bool:
    return bool(ch) and ch not in _FUNCTION_CHARS and _HAN_CHAR.match(ch) is not None


def _as_written(text: str, start: int, zh: str) -> str:
    """The traditional original of a term found in the simplified copy of a line; the
    simplified copy has the same length (``to_simplified_line`` guarantees it)."""
    return text[start : start + len(zh)] if start >= 0 else zh


def find_candidates(
    segments: Iterable[Segment],
    *,
    known: Terms | None = None,
    rejected: frozenset[str] = frozenset(),
    every_occurrence: bool = False,
) -> list[Candidate]:
    """Find slogans and program names in ``segments``.

    Args:
        segments: lines of one or more documents, simplified or traditional.
        known: the glossary's terms, found wherever they occur, quoted or not.
        rejected: terms a curator rejected; never proposed.
        every_occurrence: count every occurrence of a known term, nested ones included (what
            ``build`` records); by default only where it is not part of a longer term or name.

    Returns:
        Candidates in order of first occurrence, each with count, first location, whether it was
        ever quoted and whether the glossary has it.
    """
    collector = CandidateCollector(
        known=known, rejected=rejected, every_occurrence=every_occurrence
    )
    collector.feed_all(segments)
    return collector.candidates()
