"""Re-align a corpus copy of an official bilingual report sentence by sentence (issue 13).

The government work reports of the shipped memory were read from a public corpus whose rows pair
a Chinese sentence with English that is often shifted by a sentence (the English of one row
belongs to the next). This script does not trust the row pairing. For every paragraph of the
report whose rows are all present, it joins the paragraph's Chinese and its English, cuts the
Chinese with ``glossary.segment.split_line`` and the English into sentences (and clauses at
"; "), and aligns the two again by length (Gale-Church), with anchors:

- numbers: every Arabic number of the Chinese (1267万, 5%, 2.8%) must be in the English
  (12.67 million, 5 percent), and every Arabic number of the English in the Chinese, as digits
  or as Chinese numerals (2. / 二是, 20th / 二十届);
- item marks: "一是" is "1." or "1)", a "——" item a "—" item;
- the end of a segment: 。！？ end an English sentence, ； a clause ending ";";
- lexical anchors: a term of the project's glossary (locales/, preferred and alternate
  English) or a word of ``scripts/align_lexicon.tsv`` that occurs in exactly one Chinese segment
  of the paragraph, one of whose renderings occurs in exactly one English unit: a bead holding
  one end of such an anchor but not the other costs ``LEXICAL_PENALTY`` more.

A pair is kept when it is one Chinese segment to one to four English units, its length ratio
is plausible, its anchors agree (no lexical anchor leads out of it), the beads beside it are
sound too, and both its boundaries are certain: no other alignment of the paragraph that moves
the boundary costs less than ``MARGIN`` more (``PARTIAL_MARGIN`` where some other bead or
boundary of the paragraph is not sound or certain), found forward-backward over all alignments.
A ``# reviewed:`` comment of the rows file keeps a pair read by eye where the script's
alignment gives exactly that English to that segment. Paragraphs whose rows the corpus dropped (a gap in its row numbers, or a gap after its last row
that the next paragraph's missing first rows do not account for) are skipped whole.

    python scripts/align_report.py memory/corpus/gwr-2026.rows.txt   # writes sources/gwr-2026.*
    python scripts/align_report.py ROWS --check     # exit 1 if the sources differ from a rerun
    python scripts/align_report.py ROWS --explain   # every bead with its verdict, on stdout

The rows file (memory/corpus/SLUG.rows.txt) holds the corpus's rows as they are: a line
``LINE SEQ GLOBAL`` (paragraph, row in paragraph, row in document), the Chinese, the English,
and a blank line; lines starting with ``#`` are comments. A comment ``# except: SLUG ...``
leaves out the segments that those shipped documents already hold (a report part of which was
aligned before), and ``--explain`` shows where their English differs from the new alignment.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from glossary.segment import split_line  # noqa: E402
from glossary.store import read_entries  # noqa: E402

#: English characters per Chinese character, mean and variance per character, fitted on the
#: 427 pairs of gwr-2024 and gwr-2025 (mean ratio 5.2, standard deviation 0.86).
RATIO = 5.2
VARIANCE = 25.0
#: The ratios a kept pair may have (the fitted pairs range from 2.7 to 8.2).
RATIO_MIN, RATIO_MAX = 2.6, 8.5
#: Bead types (Chinese segments, English units) and their prior probabilities.
PRIORS = {
    (1, 1): 0.6,
    (1, 2): 0.25,
    (2, 1): 0.08,
    (1, 3): 0.04,
    (1, 4): 0.01,
    (2, 2): 0.02,
    (1, 0): 0.005,
    (0, 1): 0.005,
}
#: Cost added to a bead whose anchors disagree (numbers, item marks, final punctuation).
ANCHOR_PENALTY = 8.0
#: Cost added to a bead that holds one end of a lexical anchor but not the other (a glossary
#: term or lexicon word on one side, its English on the other side of the bead's boundary).
LEXICAL_PENALTY = 3.0
#: The bilingual list of frequent policy words (see the file's header).
LEXICON = ROOT / "scripts" / "align_lexicon.tsv"
#: Any alignment that moves a boundary of a kept pair's paragraph must cost at least this much
#: more (nats) than the one found.
MARGIN = 4.5
#: The margin asked of a boundary in a paragraph that does not align cleanly throughout (where
#: some bead is not a sound one-segment bead or some boundary is uncertain).
PARTIAL_MARGIN = 6.0

ZH_NUMBER = re.compile(r"(?<![A-Za-z0-9.])(\d+(?:\.\d+)?)(多)?(万亿|亿|万)?")
EN_NUMBER = re.compile(
    r"(?<![A-Za-z0-9.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:[ -](million|billion|trillion))?"
)
ZH_MULTIPLIERS = {"万": Decimal(10) ** 4, "亿": Decimal(10) ** 8, "万亿": Decimal(10) ** 12}
EN_MULTIPLIERS = {
    "million": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
}
EN_WORDS = {
    word: n
    for n, word in enumerate(
        (
            *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
            *("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen"),
            *("seventeen", "eighteen", "nineteen", "twenty"),
        )
    )
}
EN_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "hundred": 100})
EN_WORD = re.compile(r"\b(" + "|".join(EN_WORDS) + r")\b", re.IGNORECASE)
ZH_DIGITS = "零一二三四五六七八九"
ZH_ITEM = re.compile(r"^[一二三四五六七八九十]+是")
EN_ITEM = re.compile(r"^\d+[.)]\s")
ZH_HEAD = re.compile(
    r"^(?:[一二三四五六七八九十]+是|（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d)"
)
#: Where English text ends a unit: after . ! ? (and closing quotes) before a capital, a digit
#: or an opening quote; after "; " before any word.
EN_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')]*\s+(?=[A-Z0-9\"“‘(])")
EN_CLAUSE_END = re.compile(r"(?<=;)\s+(?=\S)")
#: A numbered heading without a full stop, then the first word of a sentence.
EN_GLUED_HEADING = re.compile(
    r"^(\d+[.)] [^.!?;:]*?[a-z,])(?= (?:We|The|Work|Taking|Guided|Acting|Security"
    r"|Facing|As|In|To|It|Our|Stability|Employment)\b)"
)
ABBREVIATIONS = ("No.", "Mr.", "Mrs.", "Ms.", "Dr.", "St.", "U.S.", "e.g.", "i.e.", "etc.")
BARE_NUMBER = re.compile(r"^(?:\d+|[IVXLC]+)\.$")


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the corpus: its paragraph, place in it and in the document, and texts."""

    line: int
    seq: int
    number: int
    zh: str
    en: str


@dataclass(frozen=True, slots=True)
class Bead:
    """Consecutive Chinese segments aligned to consecutive English units of one paragraph."""

    zh: tuple[int, int]  #: segment indices [start, end)
    en: tuple[int, int]  #: unit indices [start, end)
    cost: float


@dataclass(frozen=True, slots=True)
class Verdict:
    """A 1-N bead and why it is kept or not."""

    paragraph: int
    zh: str
    en: str
    kept: bool
    reason: str
    row_agrees: bool


def read_rows(path: Path) -> list[Row]:
    """The rows of a corpus copy (see the module's docstring for the layout)."""
    lines = [x for x in path.read_text(encoding="utf-8").split("\n") if not x.startswith("#")]
    rows: list[Row] = []
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        head = lines[i].split()
        if len(head) != 3 or not all(x.isdigit() for x in head) or i + 2 >= len(lines):
            raise SystemExit(f"{path}: line {i + 1}: expected 'LINE SEQ GLOBAL'")
        zh, en = lines[i + 1].strip(), lines[i + 2].strip()
        if not zh or not en:
            raise SystemExit(f"{path}: line {i + 1}: a row needs its Chinese and its English")
        rows.append(Row(int(head[0]), int(head[1]), int(head[2]), zh, en))
        i += 3
    return rows


def excepted(path: Path) -> list[str]:
    """The slugs a rows file's ``# except:`` comments name."""
    slugs: list[str] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("# except:"):
            slugs += line.removeprefix("# except:").split()
    return slugs


def reviewed(path: Path) -> dict[str, str]:
    """The pairs a rows file's ``# reviewed: CHINESE<TAB>ENGLISH`` comments name: read by eye
    and found aligned, they are kept when the script's alignment gives exactly that English to
    exactly that segment, even where a boundary of the bead is not certain."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("# reviewed:"):
            zh, en = line.removeprefix("# reviewed:").strip().split("\t")
            out[zh] = en
    return out


def complete_paragraphs(rows: list[Row]) -> tuple[list[list[Row]], list[int]]:
    """Paragraphs whose rows are all present, and the paragraph numbers skipped."""
    groups: list[list[Row]] = []
    for row in rows:
        if groups and groups[-1][0].line == row.line:
            groups[-1].append(row)
        else:
            groups.append([row])
    good: list[list[Row]] = []
    skipped: list[int] = []
    for k, group in enumerate(groups):
        seqs = [r.seq for r in group]
        numbers = [r.number for r in group]
        whole = seqs == list(range(1, len(group) + 1))
        whole = whole and numbers == list(range(numbers[0], numbers[0] + len(group)))
        # a gap after the last row that the next paragraph's missing first rows do not
        # account for: the paragraph may have lost its tail
        if k + 1 < len(groups):
            following = groups[k + 1][0]
            if following.number - numbers[-1] - 1 != following.seq - 1:
                whole = False
        if whole:
            good.append(group)
        else:
            skipped.append(group[0].line)
    return good, skipped


def english_units(text: str) -> list[str]:
    """English sentences, and clauses ending "; ", in order; a numbered heading run into the
    sentence after it ("4. Continuing to deepen reform We will press ahead …") is cut before
    that sentence."""
    units: list[str] = []
    for clause in _split(text, EN_SENTENCE_END, sentence=True):
        for unit in _split(clause, EN_CLAUSE_END, sentence=False):
            glued = EN_GLUED_HEADING.match(unit)
            if glued:
                units += [unit[: glued.end(1)].strip(), unit[glued.end(1) :].strip()]
            else:
                units.append(unit)
    return units


def _split(text: str, pattern: re.Pattern[str], *, sentence: bool) -> list[str]:
    out: list[str] = []
    start = 0
    for m in pattern.finditer(text):
        piece = text[start : m.start()].strip()
        if sentence:
            last = piece.split()[-1] if piece.split() else ""
            if BARE_NUMBER.match(piece) or last in ABBREVIATIONS:
                continue
        if piece:
            out.append(piece)
        start = m.end()
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


def zh_numbers(text: str) -> set[Decimal]:
    """The Arabic numbers of a Chinese text, with 万, 亿, 万亿 applied."""
    out: set[Decimal] = set()
    for m in ZH_NUMBER.finditer(text):
        out.add(
            (Decimal(m.group(1)) * ZH_MULTIPLIERS.get(m.group(3) or "", Decimal(1))).normalize()
        )
    return out


def en_numbers(text: str) -> tuple[set[Decimal], set[Decimal]]:
    """The numbers written in digits of an English text (with million, billion, trillion
    applied), and those written as words."""
    digits: set[Decimal] = set()
    for m in EN_NUMBER.finditer(text):
        value = Decimal(m.group(1).replace(",", ""))
        digits.add((value * EN_MULTIPLIERS.get(m.group(2) or "", Decimal(1))).normalize())
    words = {Decimal(EN_WORDS[m.group(1).lower()]) for m in EN_WORD.finditer(text)}
    return digits, words


def chinese_numeral(n: int) -> str:
    """10 → 十, 15 → 十五, 20 → 二十, 32 → 三十二 (1 to 99)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else ZH_DIGITS[tens] + "十")
    return head + (ZH_DIGITS[ones] if ones else "")


def numbers_agree(zh: str, en: str) -> bool:
    """Every Arabic number of the Chinese is in the English, and every number the English
    writes in digits is in the Chinese (as digits, or as Chinese numerals below 100)."""
    zh_values = zh_numbers(zh)
    digits, words = en_numbers(en)
    if not zh_values <= digits | words:
        return False
    for value in digits - zh_values:
        if value != value.to_integral_value() or not 0 < value < 100:
            return False
        if chinese_numeral(int(value)) not in zh:
            return False
    return True


def _final(text: str) -> str:
    text = text.rstrip("”’\"')）")
    if not text:
        return ""
    if text[-1] in "。！？.!?":
        return "stop"
    if text[-1] in "；;":
        return "semi"
    if text[-1] in "：:":
        return "colon"
    if text[-1] in "，,":
        return "comma"
    return "none"


def anchors_agree(zh: str, en: str, en_first: str) -> bool:
    """Item marks and final punctuation of a 1-N bead agree."""
    if bool(ZH_ITEM.match(zh)) != bool(EN_ITEM.match(en_first)) and not (
        EN_ITEM.match(en_first) and ZH_HEAD.match(zh)
    ):
        return False
    if zh.startswith("——") != en_first.startswith("—"):
        return False
    zf, ef = _final(zh), _final(en)
    if ef == "none" and EN_ITEM.match(en_first) and ZH_HEAD.match(zh) and len(en.split()) <= 20:
        return True  # a numbered heading whose English has no full stop
    if zf == "none":  # a heading: no sentence-final mark on either side
        return ef in ("none", "stop") and len(zh) <= 40
    return zf == ef


Anchor = tuple[int, int]  #: (Chinese segment index, English unit index) of one paragraph


@dataclass(frozen=True, slots=True)
class Term:
    """A Chinese word or term of the glossary or lexicon, and the English that renders it."""

    zh: str
    en: re.Pattern[str]


_TERMS: list[Term] = []  #: loaded once, by load_terms


def _phrase(text: str) -> str:
    """A rendering as a pattern: case-insensitive, a leading article optional, any spacing."""
    words = re.sub(r"^(?:the|a|an) ", "", text.strip(), flags=re.IGNORECASE).split()
    return r"\s+".join(re.escape(w) for w in words)


def load_terms() -> list[Term]:
    """The glossary's terms with their preferred and alternate English (renderings of at least
    two words or six letters, of terms of at least two characters), and the lexicon's words."""
    if _TERMS:
        return _TERMS
    renderings: dict[str, set[str]] = {}
    for entry in read_entries(ROOT / "locales"):
        for zh in (entry.zh, *entry.variants):
            if len(zh) < 2:
                continue
            for rendering in (entry.en, *entry.en_alt):
                en = rendering.strip()
                if en and (" " in en or len(en) >= 6):
                    renderings.setdefault(zh, set()).add(r"\b" + _phrase(en) + r"\b")
    for line in LEXICON.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            zh, stems = line.split("\t")
            for stem in stems.split(" | "):
                renderings.setdefault(zh, set()).add(r"\b" + _phrase(stem))
    _TERMS.extend(
        Term(zh, re.compile("|".join(sorted(ens)), re.IGNORECASE))
        for zh, ens in sorted(renderings.items())
    )
    return _TERMS


def lexical_anchors(zh: list[str], en: list[str]) -> tuple[Anchor, ...]:
    """The lexical anchors of a paragraph: a glossary term or lexicon word that occurs in
    exactly one of its Chinese segments, one of whose renderings occurs in exactly one of its
    English units (a term inside a longer term that also anchors is not counted)."""
    zh_text = "".join(zh)
    found: list[tuple[str, Anchor]] = []
    for term in load_terms():
        if term.zh not in zh_text:
            continue
        segs = [i for i, seg in enumerate(zh) if term.zh in seg]
        if len(segs) != 1 or zh[segs[0]].count(term.zh) != 1:
            continue
        units = [j for j, unit in enumerate(en) if term.en.search(unit)]
        if len(units) == 1:
            found.append((term.zh, (segs[0], units[0])))
    anchors = {
        point
        for word, point in found
        if not any(word != other and word in other and p == point for other, p in found)
    }
    return tuple(sorted(anchors))


def crossings(anchors: tuple[Anchor, ...], zh: tuple[int, int], en: tuple[int, int]) -> int:
    """How many anchors a bead holds one end of but not the other."""
    return sum((zh[0] <= a < zh[1]) != (en[0] <= b < en[1]) for a, b in anchors)


def length_cost(zh_chars: int, en_chars: int) -> float:
    """-log of the probability of the length difference (Gale and Church 1993)."""
    if zh_chars == 0 and en_chars == 0:
        return 0.0
    mean = (zh_chars + en_chars / RATIO) / 2
    delta = (en_chars - zh_chars * RATIO) / math.sqrt(max(mean, 1.0) * VARIANCE)
    p = 2 * (1 - _phi(abs(delta)))
    return -math.log(max(p, 1e-12))


def _phi(x: float) -> float:
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


def bead_cost(
    zh: list[str],
    en: list[str],
    anchors: tuple[Anchor, ...] = (),
    at: tuple[int, int] = (0, 0),
) -> float:
    """The cost of aligning these segments to these units (``at``: the index of the first of
    each in the paragraph, where ``anchors`` are)."""
    cost = -math.log(PRIORS[(len(zh), len(en))])
    if anchors:
        span_zh, span_en = (at[0], at[0] + len(zh)), (at[1], at[1] + len(en))
        cost += LEXICAL_PENALTY * crossings(anchors, span_zh, span_en)
    zh_text, en_text = "".join(zh), " ".join(en)
    cost += length_cost(len(zh_text), len(en_text))
    if zh and en:
        if not numbers_agree(zh_text, en_text):
            cost += ANCHOR_PENALTY
        if not anchors_agree(zh[0] if len(zh) == 1 else zh_text, en_text, en[0]):
            cost += ANCHOR_PENALTY
    return cost


def align(zh: list[str], en: list[str], anchors: tuple[Anchor, ...] = ()) -> list[Bead]:
    """The cheapest sequence of beads covering both sides (dynamic programming)."""
    inf = float("inf")
    best = [[inf] * (len(en) + 1) for _ in range(len(zh) + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (len(en) + 1) for _ in range(len(zh) + 1)]
    best[0][0] = 0.0
    for i in range(len(zh) + 1):
        for j in range(len(en) + 1):
            if best[i][j] == inf:
                continue
            for di, dj in PRIORS:
                if i + di > len(zh) or j + dj > len(en):
                    continue
                c = best[i][j] + bead_cost(zh[i : i + di], en[j : j + dj], anchors, (i, j))
                if c < best[i + di][j + dj]:
                    best[i + di][j + dj] = c
                    back[i + di][j + dj] = (di, dj)
    beads: list[Bead] = []
    i, j = len(zh), len(en)
    while i or j:
        step = back[i][j]
        assert step is not None
        di, dj = step
        cost = bead_cost(zh[i - di : i], en[j - dj : j], anchors, (i - di, j - dj))
        beads.append(Bead((i - di, i), (j - dj, j), cost))
        i, j = i - di, j - dj
    return beads[::-1]


def boundary_margins(
    zh: list[str], en: list[str], beads: list[Bead], anchors: tuple[Anchor, ...] = ()
) -> list[float]:
    """For each boundary between two beads of the cheapest alignment, how much more the
    cheapest alignment costs that does not pass through it (that puts the boundary after
    another English unit, or after another Chinese segment). A small margin means an English
    unit could as well belong to the segment on the other side, and so could the units after
    it (a shift along several beads is one such alternative)."""
    inf = float("inf")
    n, m = len(zh), len(en)
    forward = [[inf] * (m + 1) for _ in range(n + 1)]
    forward[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if forward[i][j] == inf:
                continue
            for di, dj in PRIORS:
                if i + di <= n and j + dj <= m:
                    c = forward[i][j] + bead_cost(zh[i : i + di], en[j : j + dj], anchors, (i, j))
                    forward[i + di][j + dj] = min(forward[i + di][j + dj], c)
    backward = [[inf] * (m + 1) for _ in range(n + 1)]
    backward[n][m] = 0.0
    for i in range(n, -1, -1):
        for j in range(m, -1, -1):
            for di, dj in PRIORS:
                if i + di <= n and j + dj <= m and backward[i + di][j + dj] < inf:
                    c = bead_cost(zh[i : i + di], en[j : j + dj], anchors, (i, j))
                    c += backward[i + di][j + dj]
                    backward[i][j] = min(backward[i][j], c)
    total = forward[n][m]
    margins: list[float] = []
    for bead in beads[:-1]:
        i, j = bead.zh[1], bead.en[1]
        others = [forward[i][k] + backward[i][k] for k in range(m + 1) if k != j]
        others += [forward[k][j] + backward[k][j] for k in range(n + 1) if k != i]
        margins.append(min(others, default=inf) - total)
    return margins


def _problem(zh: list[str], en: list[str], bead: Bead, anchors: tuple[Anchor, ...] = ()) -> str:
    """Why a bead is not a sound alignment ("" if it is): a segment or unit left over, an
    implausible length ratio, anchors that disagree, or a lexical anchor it holds one end of."""
    seg = "".join(zh[bead.zh[0] : bead.zh[1]])
    units = en[bead.en[0] : bead.en[1]]
    if not seg or not units:
        return "a segment or unit left unaligned"
    text = " ".join(units)
    ratio = len(text) / len(seg)
    if not RATIO_MIN <= ratio <= RATIO_MAX:
        return f"length ratio {ratio:.1f}"
    if not numbers_agree(seg, text):
        return "numbers disagree"
    if not anchors_agree(seg, text, units[0]):
        return "item marks or final punctuation disagree"
    if crossings(anchors, bead.zh, bead.en):
        return "a term's English is in another segment's English"
    return ""


def judge(paragraph: list[Row]) -> list[Verdict]:
    """Align one paragraph and judge each of its 1-N beads.

    A bead is kept when it is sound (see ``_problem``) and both its boundaries are certain:
    the paragraph's start or end, or a boundary that no other alignment of the paragraph moves
    at a cost under ``MARGIN`` (lexical anchors, numbers and lengths all count), and the bead on
    the other side of it is sound too; the rest of its paragraph may be uncertain."""
    zh = [s for _, s in split_line("".join(r.zh for r in paragraph))]
    en = english_units(" ".join(r.en for r in paragraph))
    anchors = lexical_anchors(zh, en)
    beads = align(zh, en, anchors)
    problems = [_problem(zh, en, bead, anchors) for bead in beads]
    # boundary k lies between beads k and k + 1
    margins = boundary_margins(zh, en, beads, anchors)
    clean = all(b.zh[1] - b.zh[0] == 1 for b in beads) and not any(problems)
    clean = clean and all(margin >= MARGIN for margin in margins)
    ambiguous = [margin < (MARGIN if clean else PARTIAL_MARGIN) for margin in margins]
    out: list[Verdict] = []
    for k, bead in enumerate(beads):
        nz, ne = bead.zh[1] - bead.zh[0], bead.en[1] - bead.en[0]
        if nz != 1 or ne == 0:
            continue
        seg = zh[bead.zh[0]]
        text = " ".join(en[bead.en[0] : bead.en[1]])
        reason = problems[k]
        if reason:
            pass
        elif k > 0 and ambiguous[k - 1]:
            reason = "a unit could belong to the previous segment"
        elif k + 1 < len(beads) and ambiguous[k]:
            reason = "a unit could belong to the next segment"
        elif k > 0 and problems[k - 1]:
            reason = "the previous bead is not sound"
        elif k + 1 < len(beads) and problems[k + 1]:
            reason = "the next bead is not sound"
        elif split_line(seg) != [(0, seg)]:
            reason = "not one segment on its own"
        agrees = any(
            seg in r.zh and all(u in r.en for u in en[bead.en[0] : bead.en[1]]) for r in paragraph
        )
        out.append(Verdict(paragraph[0].line, seg, text, not reason, reason or "kept", agrees))
    return out


def run(rows_path: Path) -> tuple[list[Verdict], list[int], int]:
    """Every verdict of a document, the paragraphs skipped, and the number of paragraphs."""
    rows = read_rows(rows_path)
    good, skipped = complete_paragraphs(rows)
    verdicts = [v for paragraph in good for v in judge(paragraph)]
    checked = reviewed(rows_path)
    verdicts = [
        Verdict(v.paragraph, v.zh, v.en, True, "reviewed by eye", v.row_agrees)
        if not v.kept and checked.get(v.zh) == v.en
        else v
        for v in verdicts
    ]
    return verdicts, skipped, len(good) + len(skipped)


def _source_paths(sources: Path, slug: str) -> tuple[Path, Path]:
    return sources / f"{slug}.zh.txt", sources / f"{slug}.en.txt"


def check_sources(sources: Path, slug: str, zh_text: str, en_text: str, pairs: int) -> int:
    """``--check``: say whether ``sources`` holds exactly these two texts; 0 if so, else 1."""
    zh_path, en_path = _source_paths(sources, slug)
    same = (
        zh_path.is_file()
        and en_path.is_file()
        and zh_path.read_text(encoding="utf-8") == zh_text
        and en_path.read_text(encoding="utf-8") == en_text
    )
    print(f"{slug}: {'up to date' if same else 'stale'}, {pairs} pairs")
    return 0 if same else 1


def write_sources(sources: Path, slug: str, zh_text: str, en_text: str) -> None:
    """Write a document's line-aligned pair of files into ``sources``."""
    zh_path, en_path = _source_paths(sources, slug)
    zh_path.write_text(zh_text, encoding="utf-8")
    en_path.write_text(en_text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rows", type=Path, help="memory/corpus/SLUG.rows.txt")
    parser.add_argument("--sources", type=Path, default=ROOT / "memory" / "sources")
    parser.add_argument("--check", action="store_true", help="exit 1 if the sources are stale")
    parser.add_argument("--explain", action="store_true", help="print every bead's verdict")
    args = parser.parse_args(argv)
    slug = args.rows.name.split(".")[0]
    verdicts, skipped, paragraphs = run(args.rows)
    known: dict[str, str] = {}
    for other in excepted(args.rows):
        zh_lines = (args.sources / f"{other}.zh.txt").read_text(encoding="utf-8").splitlines()
        en_lines = (args.sources / f"{other}.en.txt").read_text(encoding="utf-8").splitlines()
        known.update(zip(zh_lines, en_lines, strict=True))
    kept = [v for v in verdicts if v.kept and v.zh not in known]
    zh_text = "".join(v.zh + "\n" for v in kept)
    en_text = "".join(v.en + "\n" for v in kept)
    if args.explain:
        for v in verdicts:
            agree = "row" if v.row_agrees else "moved"
            reason = v.reason
            if v.kept and v.zh in known:
                reason = (
                    "shipped, same English" if known[v.zh] == v.en else "shipped, OTHER English"
                )
            print(f"{v.paragraph}\t{reason}\t{agree}\t{v.zh}\t{v.en}")
        return 0
    if args.check:
        return check_sources(args.sources, slug, zh_text, en_text, len(kept))
    write_sources(args.sources, slug, zh_text, en_text)
    reasons: dict[str, int] = {}
    for v in verdicts:
        reasons[v.reason] = reasons.get(v.reason, 0) + 1
    print(
        f"{slug}: {paragraphs} paragraphs, {len(skipped)} skipped (rows missing), "
        f"{len(verdicts)} one-segment beads, {len(kept)} pairs kept "
        f"(besides {sum(v.kept and v.zh in known for v in verdicts)} already shipped) "
        f"({sum(v.row_agrees for v in kept)} as the corpus rows pair them)"
    )
    for reason, count in sorted(reasons.items(), key=lambda x: -x[1]):
        print(f"  {count:5d}  {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
