"""Which terms are numbered formulas (四个全面, 三严三实, 八八战略, “132”总体工作部署): the terms that
``glossary check`` expects to list their parts (``Entry.parts``) or to say why they have none
(``Entry.no_parts``). The vocabulary (numerals, classifiers, heads) is ``data/formula_words.tsv``.

A term is a numbered formula when, after an opening quotation mark:

- it starts with numerals and a classifier (四个全面, 三大攻坚战, 五位一体, 10个着力);
- it starts with a numeral and holds another one further on (三严三实, 两学一做, 一中心四平台一网格);
- it is a numeral and one character (四风, 六稳, 三农);
- it is numerals and a head (八八战略, 千万工程), or a numeral, one character and a head (五水共治);
- it starts with digits (5大战略指引, 5G规模化应用: a numeral that may be no formula), holds a
  quoted code (“132”总体工作部署, 现代海洋城市建设“985”行动), or starts with a quoted formula
  (“两化”改造; not 共建“一带一路”, which only names one);
- it holds, after its first character, numerals other than a lone 一 and a classifier, not after an
  ordinal 第 or 每 (和平共处五项原则, 中央八项规定精神, 碳达峰十大行动);
- it is three or four characters that open with numerals other than a lone 一 (三权分置, 四下基层,
  双倍增; not 一般贸易, 一刀切).

Over-inclusive on purpose: a curator marks a numeral that is no formula ``no-parts``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

_OPEN = "“\"「『‘'"
_QUOTED = re.compile(r"[“\"「『]([^”\"」』]{1,12})[”\"」』]")
_DIGITS = re.compile(r"[0-9０-９]")


@dataclass(frozen=True, slots=True)
class _Words:
    numerals: frozenset[str]
    classifiers: tuple[str, ...]  #: longest first
    heads: tuple[str, ...]


@cache
def _words() -> _Words:
    text = resources.files("glossary.data").joinpath("formula_words.tsv").read_text("utf-8")
    kinds: dict[str, list[str]] = {"numeral": [], "classifier": [], "head": []}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            kind, _, word = line.partition("\t")
            kinds[kind.strip()].append(word.strip())
    by_length = sorted(kinds["classifier"], key=len, reverse=True)
    return _Words(frozenset(kinds["numeral"]), tuple(by_length), tuple(kinds["head"]))


def is_numbered_formula(zh: str) -> bool:
    """Whether ``zh`` is a numbered formula (see the module's note).

    >>> [is_numbered_formula(t) for t in ("四个全面", "三严三实", "八八战略", "四风", "“132”总体工作部署")]
    [True, True, True, True, True]
    >>> [is_numbered_formula(t) for t in ("和平共处五项原则", "三权分置", "双倍增")]
    [True, True, True]
    >>> [is_numbered_formula(t) for t in ("新质生产力", "一体化国家战略体系和能力", "十五五", "统一战线")]
    [False, False, False, False]
    >>> [is_numbered_formula(t) for t in ("全国统一大市场", "第一个百年奋斗目标", "一般贸易")]
    [False, False, False]
    """
    text = zh.lstrip(_OPEN)
    if not text:
        return False
    if _DIGITS.match(text):
        return True
    if any(_DIGITS.match(q) for q in _QUOTED.findall(zh)):
        return True
    return _numeral_formula(text) or _counted_inside(text) or _short_numbered(text)


def _counted_inside(text: str) -> bool:
    words = _words()
    at = 1
    while at < len(text):
        if (
            text[at] not in words.numerals
            or text[at - 1] in words.numerals
            or text[at - 1] in "第每"
        ):
            at += 1
            continue
        end = at
        while end < len(text) and text[end] in words.numerals:
            end += 1
        run, rest = text[at:end], text[end:]
        if run != "一" and rest.startswith(words.classifiers) and len(rest) > 1:
            return True
        at = end
    return False


def _short_numbered(text: str) -> bool:
    words = _words()
    if len(text) not in (3, 4) or text[0] not in words.numerals:
        return False
    n = 1
    while n < len(text) and text[n] in words.numerals:
        n += 1
    return n < len(text) and text[:n] != "一"


def _numeral_formula(text: str) -> bool:
    words = _words()
    n = 0
    while n < len(text) and text[n] in words.numerals:
        n += 1
    if not n or n == len(text):
        return False
    rest = text[n:]
    if rest.startswith(words.classifiers):
        return True
    if len(text) == 2:
        return True
    if any(ch in words.numerals for ch in rest[1:]):
        return True
    return (n >= 2 and rest in words.heads) or (rest[1:] in words.heads)
