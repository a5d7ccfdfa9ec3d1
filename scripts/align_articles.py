"""Align an officially bilingual text whose articles are numbered in both languages (issue 13).

A law, a constitution or a numbered policy address is aligned first by its numbering: article N
of the Chinese is the publisher's translation of article N of the English, exactly. Inside an
article, the Chinese is cut into lines (its paragraphs and list items) and each line with
``glossary.segment.split_line``; the English into lines the same way and each into sentences
and clauses (``align_report.english_units``). Then:

- an article that is one Chinese segment is paired with its whole English;
- an article of several segments is aligned by length (Gale-Church, ``align_report.align``) with
  the same anchors as the reports (numbers, the final punctuation of a segment), and its pairs
  are kept only if the article aligns cleanly throughout: every bead one Chinese segment to one
  to four English units, of plausible length ratio, anchors agreeing, and no boundary that
  another alignment of the article moves at a cost under ``align_report.MARGIN``.

The length model is fitted on the one-segment articles of the documents (their pairing is given
by the numbering): RATIO English characters per Chinese character. Chinese numerals that the report anchors do not read are made Arabic
for the anchor test only (一九九七年 1997, 第一百零一條 101, 百分之百 100).

The articles file, ``memory/corpus/SLUG.articles.tsv``, holds one article a line, as the carrier
file has it: ``LAW<TAB>ARTICLE<TAB>CHINESE<TAB>ENGLISH``; lines starting with ``#`` are comments.
What is cleaned before alignment, and why:

- the marks ``#`` and ``*`` that the carrier keeps where the official site links a note (the
  notes themselves are not in the articles file);
- a section heading the carrier ran into the last English sentence ("… maintained. Section 3The
  Legislature"): the Chinese side has none;
- ASCII quotes in the Chinese ("中國香港" with stray spaces) become “中國香港”, the official form.

    python scripts/align_articles.py memory/corpus/hk-basic-law.articles.tsv   # writes sources/
    python scripts/align_articles.py ARTICLES --check     # exit 1 if the sources differ
    python scripts/align_articles.py ARTICLES --explain   # every bead with its verdict
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import align_report as ar  # noqa: E402

from glossary.segment import split_line  # noqa: E402

#: English characters per Chinese character, fitted on the 86 one-segment articles of the Basic
#: Law of the HKSAR (mean ratio 5.08, standard deviation 0.75; see --fit): close to the reports'
#: 5.2, so the reports' variance is kept.
RATIO = 5.1
VARIANCE = 25.0
#: The ratios a kept pair may have (the one-segment articles range from 3.48 to 7.73).
RATIO_MIN, RATIO_MAX = 3.2, 8.5
#: The ratios a pair given by the numbering may have (a whole article or list item: short
#: items run shorter, "the Region" standing for 香港特別行政區).
GIVEN_MIN, GIVEN_MAX = 2.0, 12.0

ZH_PARAGRAPH = re.compile(r"(?<=[。；：！？”])[\s\u3000]+")
BULLET = re.compile(r"\s*•\s*")
NOTE_MARK = re.compile(r"(^|(?<=[\s“\"(]))[#*]\s*")
EN_GLUED_SECTION = re.compile(r"(?<=[.;:])\s+(?:Section|Chapter) \d+\.?\s*\S.*$")
ZH_ASCII_QUOTE = re.compile(r'\s*"\s*([^"]+?)\s*"\s*')
EN_LIST_AND = re.compile(r";\s+(?:and|or)$")
ZH_PERCENT = re.compile(r"百分之([零一二三四五六七八九十百]+)")
ZH_NUMERAL_RUN = re.compile(r"[零〇○一二兩三四五六七八九十百千]+")
ZH_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "○": 0, "兩": 2}


@dataclass(frozen=True, slots=True)
class Article:
    """One numbered article in both languages."""

    law: str
    number: str
    zh: str
    en: str


@dataclass(frozen=True, slots=True)
class Pair:
    """A kept or refused bead of one article."""

    article: str
    zh: str
    en: str
    kept: bool
    reason: str


def read_articles(path: Path) -> list[Article]:
    """The articles of an articles file (see the module's docstring)."""
    out: list[Article] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 4 or not all(f.strip() for f in fields):
            raise SystemExit(f"{path}:{number}: expected LAW, ARTICLE, CHINESE, ENGLISH")
        out.append(Article(*fields))
    return out


def zh_blocks(text: str) -> list[list[str]]:
    """An article's Chinese, cleaned, as blocks (the text before its list, then each list
    item with any paragraph after it), each block as its lines (paragraphs)."""
    text = NOTE_MARK.sub("", text)
    text = ZH_ASCII_QUOTE.sub(lambda m: f"“{m.group(1)}”", text)
    return [
        [x.strip() for x in ZH_PARAGRAPH.split(block) if x.strip()]
        for block in BULLET.split(text)
        if block.strip()
    ]


def en_blocks(text: str) -> list[list[str]]:
    """An article's English, cleaned, as blocks as the Chinese (its paragraphs are not
    marked: each block is one line)."""
    text = EN_GLUED_SECTION.sub("", NOTE_MARK.sub("", text))
    return [[block.strip()] for block in BULLET.split(text) if block.strip()]


def segments(block: list[str]) -> list[str]:
    return [s for line in block for _, s in split_line(line)]


def units(block: list[str]) -> list[str]:
    """English sentences and clauses; a list item's closing "and" or "or" stays with it."""
    out: list[str] = []
    for line in block:
        for u in ar.english_units(line):
            if u in ("and", "or") and out:
                out[-1] += " " + u
            else:
                out.append(u)
    return out


def zh_number(run: str) -> int | None:
    """一九九七 → 1997, 一百零一 → 101, 百 → 100; None for a run read otherwise."""
    if any(c in run for c in "〇○") or (len(run) == 4 and all(c in ZH_DIGIT for c in run)):
        return (
            int("".join(str(ZH_DIGIT[c]) for c in run)) if all(c in ZH_DIGIT for c in run) else None
        )
    if "百" not in run and "千" not in run:
        return None
    total, digit = 0, 0
    for c in run:
        if c in ZH_DIGIT:
            digit = ZH_DIGIT[c]
        elif c in "十百千":
            total += (digit or 1) * {"十": 10, "百": 100, "千": 1000}[c]
            digit = 0
    return total + digit


def arabic(zh: str) -> str:
    """The Chinese with the numerals the anchors must see written in digits."""

    def repl(m: re.Match[str]) -> str:
        value = zh_number(m.group(0))
        return m.group(0) if value is None else str(value)

    def percent(m: re.Match[str]) -> str:
        value = zh_number(m.group(1)) if "百" in m.group(1) else None
        return f"{value if value is not None else m.group(1)}%"

    return ZH_NUMERAL_RUN.sub(repl, ZH_PERCENT.sub(percent, zh))


def en_judged(en: str) -> str:
    """A list item's English as the anchors see it ("…; and" ends as ";" does)."""
    return EN_LIST_AND.sub(";", en)


@contextmanager
def use_model() -> Iterator[None]:
    """align_report's length model made this script's while the block runs (the report's
    functions read its module constants); the report's own model is restored after it, so
    that nothing else that uses align_report sees this one."""
    saved = ar.RATIO, ar.VARIANCE, ar.RATIO_MIN, ar.RATIO_MAX
    ar.RATIO, ar.VARIANCE, ar.RATIO_MIN, ar.RATIO_MAX = RATIO, VARIANCE, RATIO_MIN, RATIO_MAX
    try:
        yield
    finally:
        ar.RATIO, ar.VARIANCE, ar.RATIO_MIN, ar.RATIO_MAX = saved


def align_article(article: Article) -> list[Pair]:
    """The beads of one article, each with its verdict. Where both sides have the same number
    of list items, each item (and the text before the list) is aligned on its own: the items'
    order is the publisher's, like the articles'."""
    label = f"{article.law} {article.number}"
    zb, eb = zh_blocks(article.zh), en_blocks(article.en)
    if len(zb) != len(eb):
        zb, eb = [[x for b in zb for x in b]], [[x for b in eb for x in b]]
    return [p for z, e in zip(zb, eb, strict=True) for p in align_block(label, z, e)]


def align_block(label: str, zh_block: list[str], en_block: list[str]) -> list[Pair]:
    zh, en = segments(zh_block), units(en_block)
    zj = [arabic(s) for s in zh]
    ej = [en_judged(u) for u in en]
    if len(zh) == 1:
        # given by the numbering (a whole article or list item): only numbers, a loose
        # length ratio and the final punctuation are checked
        text = " ".join(en)
        ratio = len(text) / len(zh[0])
        if len(en) > 4:
            reason = "more than four English units"
        elif not GIVEN_MIN <= ratio <= GIVEN_MAX:
            reason = f"length ratio {ratio:.1f}"
        elif not ar.numbers_agree(zj[0], " ".join(ej)):
            reason = "numbers disagree"
        elif ar._final(zj[0]) != ar._final(ej[-1]):
            reason = "final punctuation disagrees"
        else:
            reason = ""
        return [Pair(label, zh[0], text, not reason, reason or "kept (whole article or item)")]
    beads = ar.align(zj, ej)
    problems = [ar._problem(zj, ej, b) for b in beads]
    ambiguous = [m < ar.MARGIN for m in ar.boundary_margins(zj, ej, beads)]
    shape = all(b.zh[1] - b.zh[0] == 1 and 1 <= b.en[1] - b.en[0] <= 4 for b in beads)
    clean = shape and not any(problems) and not any(ambiguous)
    out: list[Pair] = []
    for k, b in enumerate(beads):
        seg = "".join(zh[b.zh[0] : b.zh[1]])
        text = " ".join(en[b.en[0] : b.en[1]])
        reason = problems[k]
        near = (k > 0 and ambiguous[k - 1]) or (k + 1 < len(beads) and ambiguous[k])
        if not reason and near:
            reason = "a unit could belong to the neighbouring segment"
        elif not reason and b.zh[1] - b.zh[0] != 1:
            reason = f"{b.zh[1] - b.zh[0]} segments to {b.en[1] - b.en[0]} units"
        elif not reason and not clean:
            reason = "article not aligned cleanly throughout"
        if not reason and split_line(seg) != [(0, seg)]:
            reason = "not one segment on its own"
        out.append(Pair(label, seg, text, not reason, reason or "kept"))
    return out


def run(path: Path) -> list[Pair]:
    with use_model():
        return [p for a in read_articles(path) for p in align_article(a)]


def fit(path: Path) -> str:
    """The ratio statistics of the one-segment articles (to set RATIO and VARIANCE)."""
    ratios: list[float] = []
    for a in read_articles(path):
        zh = segments([x for b in zh_blocks(a.zh) for x in b])
        if len(zh) == 1:
            en = " ".join(x for b in en_blocks(a.en) for x in b)
            ratios.append(len(en) / len(zh[0]))
    mean = sum(ratios) / len(ratios)
    sd = (sum((r - mean) ** 2 for r in ratios) / len(ratios)) ** 0.5
    return (
        f"{len(ratios)} one-segment articles: ratio mean {mean:.2f}, sd {sd:.2f}, "
        f"min {min(ratios):.2f}, max {max(ratios):.2f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", type=Path, help="memory/corpus/SLUG.articles.tsv")
    parser.add_argument("--sources", type=Path, default=ROOT / "memory" / "sources")
    parser.add_argument("--check", action="store_true", help="exit 1 if the sources are stale")
    parser.add_argument("--explain", action="store_true", help="print every bead's verdict")
    parser.add_argument("--fit", action="store_true", help="print the length statistics")
    args = parser.parse_args(argv)
    if args.fit:
        print(fit(args.articles))
        return 0
    slug = args.articles.name.split(".")[0]
    pairs = run(args.articles)
    kept = [p for p in pairs if p.kept]
    zh_text = "".join(p.zh + "\n" for p in kept)
    en_text = "".join(p.en + "\n" for p in kept)
    if args.explain:
        for p in pairs:
            print(f"{p.article}\t{p.reason}\t{p.zh}\t{p.en}")
        return 0
    if args.check:
        return ar.check_sources(args.sources, slug, zh_text, en_text, len(kept))
    ar.write_sources(args.sources, slug, zh_text, en_text)
    reasons: dict[str, int] = {}
    for p in pairs:
        key = p.reason if not p.reason.startswith("length ratio") else "length ratio"
        reasons[key] = reasons.get(key, 0) + 1
    articles = len({p.article for p in pairs})
    print(f"{slug}: {articles} articles, {len(pairs)} beads, {len(kept)} pairs kept")
    for reason, count in sorted(reasons.items(), key=lambda x: -x[1]):
        print(f"  {count:5d}  {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
