"""Pinyin (pypinyin plus curated domain readings) and traditional forms (OpenCC s2tw / s2hk plus
curated overrides). Every command goes through these functions, so that ``glossary pinyin``,
``glossary hant`` and the entries agree. Heavy libraries load on first use only."""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .models import Entry

from .errors import GlossaryError


class PinyinStyle(StrEnum):
    """Pinyin output styles, keyed by the names the CLI exposes."""

    MARKS = "marks"  #: bā bā zhàn lüè
    NUMBERS = "numbers"  #: ba1 ba1 zhan4 lü4
    PLAIN = "plain"  #: ba ba zhan lü
    INITIALS = "initials"  #: bbzl


class Region(StrEnum):
    """Traditional-Chinese regions and the OpenCC configuration each uses (never s2twp)."""

    TW = "tw"
    HK = "hk"


_OPENCC_CONFIG = {Region.TW: "s2tw", Region.HK: "s2hk"}


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Han characters, and one pinyin syllable as pypinyin returns it for one (any style);
    compiled on first use, so that a lookup, which only folds pinyin, never compiles them."""
    return (
        re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ebef]"),
        re.compile(r"^[a-zü\u0300-\u036fāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜḿńňǹê]+[1-5]?$"),
    )


_CITATION = {
    PinyinStyle.MARKS: {"一": "yī", "不": "bù"},
    PinyinStyle.NUMBERS: {"一": "yi1", "不": "bu4"},
    PinyinStyle.PLAIN: {},
    PinyinStyle.INITIALS: {},
}


def _data_lines(name: str) -> list[list[str]]:
    from importlib import resources

    text = resources.files("glossary.data").joinpath(name).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


#: the quote marks that terms carry, which ``to_pinyin`` drops
_QUOTE_MARKS = re.compile("[“”‘’「」『』\"']+")


def _unquoted(text: str, han_re: re.Pattern[str]) -> str:
    """``text`` without its quote marks, which carry no reading: a word may span them (“蒙”字标
    is read as 蒙字标, měng); between two codes they leave a space (“1+3”“2+2”: two tokens)."""

    def gap(m: re.Match[str]) -> str:
        edges = text[max(m.start() - 1, 0) : m.start()] + text[m.end() : m.end() + 1]
        return " " if len(edges.strip()) == 2 and not han_re.search(edges) else ""

    return _QUOTE_MARKS.sub(gap, text)


@cache
def load_pinyin_phrases() -> dict[str, list[list[str]]]:
    """Read the curated domain readings and load them into pypinyin, once per process.

    pypinyin's phrase dictionary is process-global, so this is the one place that changes it.
    """
    import pypinyin

    phrases: dict[str, list[list[str]]] = {}
    for row in _data_lines("pinyin_phrases.tsv"):
        zh, reading = row[0], row[1].split()
        if len(reading) != len(zh):
            raise GlossaryError(
                f"pinyin_phrases.tsv: {zh}: {len(reading)} syllables for {len(zh)} characters"
            )
        phrases[zh] = [[syllable] for syllable in reading]
    pypinyin.load_phrases_dict(phrases)
    return phrases


def to_pinyin(text: str, *, style: PinyinStyle = PinyinStyle.MARKS) -> str:
    """Pinyin of ``text`` with the curated readings, one token per Han character.

    Non-Han runs (digits, Latin letters) stay as they are, each run one token; white space and
    quotation marks are dropped. ``INITIALS`` joins the first letters of the Han syllables.

    >>> to_pinyin("长三角")
    'cháng sān jiǎo'
    >>> to_pinyin("重塑", style=PinyinStyle.NUMBERS)
    'chong2 su4'
    >>> to_pinyin("八八战略", style=PinyinStyle.INITIALS)
    'bbzl'
    """
    from pypinyin import Style, lazy_pinyin

    load_pinyin_phrases()
    han_re, syllable_re = _patterns()
    text = _unquoted(text, han_re)
    pystyle = {
        PinyinStyle.MARKS: Style.TONE,
        PinyinStyle.NUMBERS: Style.TONE3,
        PinyinStyle.PLAIN: Style.NORMAL,
        PinyinStyle.INITIALS: Style.FIRST_LETTER,
    }[style]
    tokens: list[str] = []
    items = lazy_pinyin(text, style=pystyle, v_to_u=True, neutral_tone_with_five=False)
    han = iter(han_re.findall(text))
    for item in items:
        if han_re.search(item):  # a character pypinyin has no reading for
            tokens.extend(item)
            for _ in item:
                next(han, None)
            continue
        if syllable_re.match(item):
            ch = next(han, "")
            # Citation tones (一 yī, 不 bù): pypinyin's phrase data applies tone sandhi (进一步 yí).
            tokens.append(_CITATION[style].get(ch, item))
            continue
        for raw in item.split():
            part = "".join(
                c for c in raw if not unicodedata.category(c).startswith("P") or c in "+."
            )
            if part.strip("."):
                tokens.append(part)
    if style is PinyinStyle.INITIALS:
        return "".join(tokens).lower()
    return " ".join(tokens)


def _split_overrides(
    text: str, overrides: dict[str, str], pattern: re.Pattern[str] | None
) -> Iterator[tuple[bool, str]]:
    if pattern is None:
        yield False, text
        return
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            yield False, text[pos : m.start()]
        yield True, overrides[m.group()]
        pos = m.end()
    if pos < len(text):
        yield False, text[pos:]


@cache
def _hant_overrides(region: Region) -> tuple[dict[str, str], re.Pattern[str] | None]:
    column = 1 if region is Region.TW else 2
    table = {row[0]: row[column] for row in _data_lines("hant_overrides.tsv")}
    if not table:
        return table, None
    keys = sorted(table, key=len, reverse=True)
    return table, re.compile("|".join(map(re.escape, keys)))


@cache
def _converter(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


#: Taiwan's and Hong Kong's quotation marks: 「」 outside, 『』 inside (the mainland's “” and ‘’).
_HANT_QUOTES = str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"})


def to_hant(text: str, *, region: Region) -> str:
    """Traditional form of simplified ``text`` for Taiwan or Hong Kong.

    OpenCC's s2tw / s2hk (character and phrase conversion, no regional vocabulary), with the
    curated overrides cut out first so that its segmentation cannot spoil them; the quotation
    marks become the corner brackets both regions write (“” → 「」, ‘’ → 『』).

    >>> to_hant("健全干部", region=Region.TW)
    '健全幹部'
    >>> to_hant("长三角科技人才周", region=Region.HK)
    '長三角科技人才周'
    >>> to_hant("“132”总体工作部署", region=Region.TW), to_hant("幸福一‘嘉’人", region=Region.HK)
    ('「132」總體工作部署', '幸福一『嘉』人')
    """
    table, pattern = _hant_overrides(region)
    convert = _converter(_OPENCC_CONFIG[region]).convert
    return "".join(
        part if fixed else convert(part) for fixed, part in _split_overrides(text, table, pattern)
    ).translate(_HANT_QUOTES)


def to_hans(text: str) -> str:
    """Simplified form of traditional (or mixed) text, with OpenCC t2s; in a text that t2s
    changed, Taiwan's and Hong Kong's variants that it leaves are converted too
    (``hant_variants.tsv``: 衞 -> 卫, Taiwan's 著 -> 着 outside the words of zhù).

    >>> to_hans("著力構建醫療衞生體系"), to_hans("著名的總枱"), to_hans("显著")
    ('着力构建医疗卫生体系', '著名的总台', '显著')
    """
    converted = str(_converter("t2s").convert(text))
    if converted == text:
        return converted  # no traditional character: simplified text is left as it is
    table, present, words = _variants()
    if present.search(converted):
        converted = converted.translate(table)
    for variant, simplified, kept in words:
        if variant in converted:
            converted = _outside(converted, variant, simplified, kept)
    return converted


def _outside(text: str, variant: str, simplified: str, kept: frozenset[str]) -> str:
    """``text`` with ``variant`` as ``simplified`` except inside the two-character words of
    ``kept`` (the variant is sparse: only its occurrences are visited)."""
    parts = []
    last = 0
    i = text.find(variant)
    while i >= 0:
        if text[i : i + 2] not in kept and text[i - 1 : i + 1] not in kept:
            parts += [text[last:i], simplified]
            last = i + 1
        i = text.find(variant, i + 1)
    return "".join(parts) + text[last:] if parts else text


@cache
def traditional_chars() -> str:
    """The characters of the CJK Unified Ideographs block that ``to_hans`` changes: those that
    OpenCC's t2s changes and the variants of ``hant_variants.tsv`` that are one character
    everywhere (著 is not: simplified Chinese writes it too)."""
    block = "".join(chr(c) for c in range(0x4E00, 0xA000))
    simplified = str(_converter("t2s").convert(block))
    if len(simplified) != len(block):  # pragma: no cover - OpenCC maps characters one to one
        simplified = "".join(str(_converter("t2s").convert(ch)) for ch in block)
    changed = {t for t, s in zip(block, simplified, strict=True) if t != s}
    return "".join(sorted(changed | set(map(chr, _variants()[0]))))


@cache
def _variants() -> tuple[dict[int, str], re.Pattern[str], list[tuple[str, str, frozenset[str]]]]:
    """``hant_variants.tsv``: a ``str.translate`` table of the variants that are one character
    everywhere and a pattern that finds them, and for each of those that stay in some words,
    the variant, its simplified form and those words (of two characters)."""
    table: dict[int, str] = {}
    words: list[tuple[str, str, frozenset[str]]] = []
    for row in _data_lines("hant_variants.tsv"):
        variant, simplified = row[0], row[1]
        if len(row) > 2 and row[2].strip():
            words.append((variant, simplified, frozenset(row[2].split())))
        else:
            table[ord(variant)] = simplified
    present = re.compile("[" + re.escape("".join(map(chr, table))) + "]")
    return table, present, words


@cache
def load_ambiguous() -> dict[str, str]:
    """Simplified characters that stand for several traditional ones, with those forms."""
    return {row[0]: row[1] for row in _data_lines("hant_ambiguous.tsv")}


def hant_check(zh: str) -> str:
    """Characters of ``zh`` with several traditional forms, as ``干(幹乾干榦) 发(發髮)``; "" if none."""
    table = load_ambiguous()
    seen: list[str] = []
    for ch in zh:
        if ch in table and ch not in seen:
            seen.append(ch)
    return " ".join(f"{ch}({table[ch]})" for ch in seen)


def fold_pinyin(text: str) -> str:
    """Search key of a pinyin string: no tones, no spaces or digits, ü/v/u: as ``v``, lower case.

    Cheap and pypinyin-free, so that lookup can normalise a query without importing it.

    >>> fold_pinyin("Bā-Bā Zhànlüè")
    'babazhanlve'
    >>> fold_pinyin("lu:4 se4")
    'lvse'
    """
    text = text.lower() if text.isascii() else unicodedata.normalize("NFC", text.lower())
    if "u:" in text:
        text = text.replace("u:", "v")
    text = text.translate(_FOLD)
    if text.isascii() and text.isalpha():
        return text
    return "".join(ch for ch in text if "a" <= ch <= "z")


# Tone-marked vowels to plain ones, ü to v, common separators dropped (the rest is filtered).
_FOLD = {
    ord(k): v
    for k, v in {
        **dict.fromkeys("āáǎà", "a"),
        **dict.fromkeys("ēéěèê", "e"),
        **dict.fromkeys("īíǐì", "i"),
        **dict.fromkeys("ōóǒò", "o"),
        **dict.fromkeys("ūúǔù", "u"),
        **dict.fromkeys("üǖǘǚǜ", "v"),
        **dict.fromkeys("ḿ", "m"),
        **dict.fromkeys("ńňǹ", "n"),
        "\u0308": None,
        **dict.fromkeys(" -'0123456789", None),
    }.items()
}


def with_computed(entry: Entry) -> Entry:
    """The entry with pinyin and traditional forms computed where no person set them (and its
    characters with several traditional forms flagged for review)."""
    from dataclasses import replace

    return replace(
        entry,
        pinyin=entry.pinyin if entry.pinyin_override else to_pinyin(entry.zh),
        zh_tw=entry.zh_tw if entry.zh_tw_override else to_hant(entry.zh, region=Region.TW),
        zh_hk=entry.zh_hk if entry.zh_hk_override else to_hant(entry.zh, region=Region.HK),
        hant_check=hant_check(entry.zh),
    )


def with_missing_forms(entry: Entry) -> Entry:
    """The entry with the pinyin and traditional forms that its catalogues lack computed; the
    forms it has are kept (a PO from another tool has none of ours)."""
    if entry.pinyin and entry.zh_tw and entry.zh_hk:
        return entry
    from dataclasses import replace

    c = with_computed(entry)
    return replace(
        entry,
        pinyin=entry.pinyin or c.pinyin,
        zh_tw=entry.zh_tw or c.zh_tw,
        zh_hk=entry.zh_hk or c.zh_hk,
    )
