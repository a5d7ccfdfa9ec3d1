"""Score term extraction against hand labels (``eval/gold.tsv``): precision, recall and F1, pooled
and per document, script and part, recall per category and for terms the glossary holds or lacks,
the misses and the false positives. No click; the CLI renders what ``evaluate`` returns. The
terms scored are the extractor's candidates, or those of a TSV of predicted terms
(``read_predicted``), such as a second annotator's labels (``eval/gold2.tsv``).

A gold file is a TSV with a header naming at least ``file`` (the document's file name) and ``zh``
(the term's canonical form); ``category`` (slogan, program, brand, platform, concept, place) and
``quoted`` (yes/no) are used when present. A gold term and a candidate match when their keys are
equal: NFKC (full-width letters, digits and ``＋`` become ASCII), traditional to simplified
(OpenCC t2s), quote marks of every kind and white space removed (``match_key``). Counting is by
distinct key per document: a term found twice in a document is one true positive.

>>> match_key("「北部都會區」") == match_key("北部都会区")
True
>>> match_key("“1650”产业体系") == match_key('"１６５０"产业体系')
True
"""

from __future__ import annotations

import csv
import os
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from .errors import FormatError, InputError
from .models import Category

#: quote marks removed before comparing (after NFKC, which turns ＂ ＇ into " ')
QUOTE_MARKS = "“”‘’「」『』〝〞〟\"'`´‹›«»"
_STRIP = re.compile("[" + re.escape(QUOTE_MARKS) + r"\s]+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
#: a document is traditional when more than this share of its Han characters change under t2s
HANT_SHARE = 0.05
UNKNOWN_SCRIPT = "unknown"


class Part(StrEnum):
    """Which part of the evaluation set a document belongs to."""

    DEV = "dev"  #: tune on it
    HELDOUT = "heldout"  #: never tune on it


class Script(StrEnum):
    """The script a document is written in."""

    HANS = "Hans"
    HANT = "Hant"


def match_key(text: str) -> str:
    """The form in which gold terms and candidates are compared (see the module docstring)."""
    from .enrich import to_hans

    return _STRIP.sub("", to_hans(unicodedata.normalize("NFKC", text)))


def detect_script(text: str) -> Script:
    """``Hant`` when more than ``HANT_SHARE`` of the Han characters of ``text`` are traditional-only
    (changed by OpenCC t2s), else ``Hans``."""
    from .enrich import to_hans

    han = _HAN.findall(text)
    if not han:
        return Script.HANS
    chars = "".join(han)
    changed = sum(a != b for a, b in zip(chars, to_hans(chars), strict=False))
    return Script.HANT if changed > HANT_SHARE * len(han) else Script.HANS


# ------------------------------------------------------------------------------------ records
@dataclass(frozen=True, slots=True)
class GoldTerm:
    """One row of the gold file."""

    file: str  #: the document's file name
    zh: str  #: the canonical form, as written in the gold file
    category: Category | None = None
    quoted: bool | None = None  #: None when the gold file has no ``quoted`` column
    line: int = 0  #: line in the gold file


@dataclass(frozen=True, slots=True)
class Recall:
    """``found`` of ``total`` items."""

    found: int
    total: int

    @property
    def value(self) -> float | None:
        """found / total; None when there is nothing to find."""
        return self.found / self.total if self.total else None


@dataclass(frozen=True, slots=True)
class Scores:
    """True positives, false positives and false negatives, and the measures made of them."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float | None:
        """tp / (tp + fp); None when nothing was proposed."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        """tp / (tp + fn); None when there is nothing to find."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        """Harmonic mean of precision and recall; None when either is undefined, 0 when both are 0."""
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Group:
    """The scores of a set of documents (all, one script, one part, one document)."""

    name: str
    documents: int
    scores: Scores
    known: Recall  #: recall of the gold terms the glossary holds
    unknown: Recall  #: recall of the gold terms the glossary lacks
    held: Recall  #: gold terms the glossary holds, of all gold terms


@dataclass(frozen=True, slots=True)
class CategoryRecall:
    """Recall of the gold terms of one category (precision has no category: candidates are
    scored by their term, not by the category the extractor guessed)."""

    category: str  #: a ``Category`` value, or "" for gold rows without one
    recall: Recall
    held: Recall


@dataclass(frozen=True, slots=True)
class Miss:
    """A gold term that no candidate matched."""

    file: str
    zh: str
    category: Category | None
    known: bool  #: the glossary holds it (so the extractor's known-term rule should have found it)
    near: tuple[str, ...] = ()  #: candidates of the document that contain it or that it contains


@dataclass(frozen=True, slots=True)
class FalsePositive:
    """A candidate that matches no gold term of its document."""

    file: str
    zh: str  #: as the extractor gave it


@dataclass(frozen=True, slots=True)
class DocumentScore:
    """One document's scores."""

    file: str
    script: str  #: a ``Script`` value or ``UNKNOWN_SCRIPT``
    part: str  #: a ``Part`` value or "" when no split was given
    group: Group


@dataclass(frozen=True, slots=True)
class Report:
    """Everything ``evaluate`` measured."""

    overall: Group
    documents: tuple[DocumentScore, ...]
    scripts: tuple[Group, ...]  #: one per script present, Hans first
    parts: tuple[Group, ...]  #: one per part present, dev first
    categories: tuple[CategoryRecall, ...]  #: in ``Category`` order, then rows without one
    misses: tuple[Miss, ...]
    false_positives: tuple[FalsePositive, ...]


# ----------------------------------------------------------------------------------- scoring
@dataclass(frozen=True, slots=True)
class _DocResult:
    file: str
    script: str
    part: str
    tp: int
    fp: int
    gold: tuple[tuple[GoldTerm, bool, bool], ...]  #: (term, found, known)


def _near(key: str, proposed: Mapping[str, str], hits: Collection[str]) -> tuple[str, ...]:
    """The unmatched candidates whose key contains ``key`` or lies inside it (a boundary error:
    the extractor saw the term but cut it too long or too short)."""
    return tuple(zh for k, zh in proposed.items() if k not in hits and (key in k or k in key))


def _group(name: str, results: Sequence[_DocResult]) -> Group:
    tp = sum(r.tp for r in results)
    fp = sum(r.fp for r in results)
    gold = [g for r in results for g in r.gold]
    known = [found for _, found, k in gold if k]
    unknown = [found for _, found, k in gold if not k]
    return Group(
        name=name,
        documents=len(results),
        scores=Scores(tp=tp, fp=fp, fn=len(gold) - tp),
        known=Recall(sum(known), len(known)),
        unknown=Recall(sum(unknown), len(unknown)),
        held=Recall(len(known), len(gold)),
    )


def evaluate(
    gold: Iterable[GoldTerm],
    candidates_by_file: Mapping[str, Iterable[str]],
    *,
    known: Collection[str] = frozenset(),
    scripts: Mapping[str, str] | None = None,
    parts: Mapping[str, str] | None = None,
) -> Report:
    """Score the candidates of each document against its gold terms.

    Args:
        gold: the gold terms (``read_gold``); rows of files not in ``candidates_by_file`` are
            ignored.
        candidates_by_file: for each document evaluated (by the file name the gold file uses),
            the terms the extractor proposed, as written or simplified. A document without gold
            rows is scored too: every candidate is a false positive.
        known: the glossary's terms (any script); a gold term is *known* when its key is among
            theirs.
        scripts: each document's script (``Script`` values); missing ones count as "unknown".
        parts: each document's part (``Part`` values); missing ones are in no part.

    Returns:
        The pooled scores, one group per document, script and part, recall per category, the
        misses and the false positives, all in the order of ``candidates_by_file``.
    """
    scripts = scripts or {}
    parts = parts or {}
    known_keys = frozenset(map(match_key, known))
    gold_by_file: dict[str, dict[str, GoldTerm]] = {}
    for term in gold:
        gold_by_file.setdefault(term.file, {}).setdefault(match_key(term.zh), term)
    results: list[_DocResult] = []
    misses: list[Miss] = []
    false_positives: list[FalsePositive] = []
    for file, candidates in candidates_by_file.items():
        expected = gold_by_file.get(file, {})
        proposed: dict[str, str] = {}
        for zh in candidates:
            proposed.setdefault(match_key(zh), zh)
        hits = proposed.keys() & expected.keys()
        false_positives += [FalsePositive(file, zh) for k, zh in proposed.items() if k not in hits]
        rows = tuple((term, k in hits, k in known_keys) for k, term in expected.items())
        misses += [
            Miss(file, t.zh, t.category, is_known, _near(match_key(t.zh), proposed, hits))
            for t, hit, is_known in rows
            if not hit
        ]
        results.append(
            _DocResult(
                file=file,
                script=scripts.get(file, UNKNOWN_SCRIPT),
                part=parts.get(file, ""),
                tp=len(hits),
                fp=len(proposed) - len(hits),
                gold=rows,
            )
        )
    script_names = [s.value for s in Script] + [UNKNOWN_SCRIPT]
    part_names = [p.value for p in Part]
    categories: list[CategoryRecall] = []
    for name in [c.value for c in Category] + [""]:
        flags = [
            (hit, k)
            for r in results
            for t, hit, k in r.gold
            if (t.category.value if t.category else "") == name
        ]
        if flags:
            categories.append(
                CategoryRecall(
                    category=name,
                    recall=Recall(sum(h for h, _ in flags), len(flags)),
                    held=Recall(sum(k for _, k in flags), len(flags)),
                )
            )
    return Report(
        overall=_group("all", results),
        documents=tuple(
            DocumentScore(r.file, r.script, r.part, _group(r.file, [r])) for r in results
        ),
        scripts=tuple(
            _group(s, [r for r in results if r.script == s])
            for s in script_names
            if any(r.script == s for r in results)
        ),
        parts=tuple(
            _group(p, [r for r in results if r.part == p])
            for p in part_names
            if any(r.part == p for r in results)
        ),
        categories=tuple(categories),
        misses=tuple(misses),
        false_positives=tuple(false_positives),
    )


# ---------------------------------------------------------------------------------- reading
def _read_tsv(
    path: str | os.PathLike[str], required: Sequence[str]
) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and (line, fields) rows of a TSV file; no quoting (terms contain quote marks)."""
    name = os.fspath(path)
    try:
        with open(name, encoding="utf-8-sig", newline="") as f:
            lines = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE, strict=True))
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{name}: cannot read: {exc}") from None
    if not lines or not any(c.strip() for c in lines[0]):
        raise FormatError(name, 1, "empty file: a header line is expected")
    header = [c.strip() for c in lines[0]]
    missing = [c for c in required if c not in header]
    if missing:
        raise FormatError(
            name,
            1,
            f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
            f"(the header has {', '.join(header)})",
        )
    seen: dict[str, int] = {}
    for i, col in enumerate(header):
        if col and col in seen:
            raise FormatError(name, 1, f"column {col} appears twice")
        seen[col] = i
    rows = []
    for n, fields in enumerate(lines[1:], 2):
        if not any(c.strip() for c in fields):
            continue  # blank line
        if len(fields) != len(header):
            raise FormatError(
                name,
                n,
                f"{len(fields)} fields, the header has {len(header)} (a tab missing or extra?)",
            )
        rows.append((n, [c.strip() for c in fields]))
    return header, rows


_QUOTED_VALUES = {"yes": True, "no": False, "": None}


def read_gold(path: str | os.PathLike[str]) -> tuple[GoldTerm, ...]:
    """The gold terms of a TSV file (see the module docstring).

    Raises:
        InputError: the file is missing or unreadable.
        FormatError: a column is missing, a row has too few or too many fields, a field is empty or
            holds an unknown category or quoted value, or a term is listed twice for a document
            (after normalisation); the message names the line.
    """
    name = os.fspath(path)
    header, rows = _read_tsv(name, ("file", "zh"))
    col = {c: i for i, c in enumerate(header)}
    categories = {c.value: c for c in Category}
    seen: dict[tuple[str, str], int] = {}
    terms = []
    for n, fields in rows:
        file, zh = fields[col["file"]], fields[col["zh"]]
        if not file:
            raise FormatError(name, n, "empty file field")
        if not zh:
            raise FormatError(name, n, "empty zh field")
        category = None
        if "category" in col and fields[col["category"]]:
            value = fields[col["category"]]
            if value not in categories:
                raise FormatError(
                    name, n, f"unknown category {value!r} (one of {', '.join(categories)})"
                )
            category = categories[value]
        quoted = None
        if "quoted" in col:
            value = fields[col["quoted"]].lower()
            if value not in _QUOTED_VALUES:
                raise FormatError(
                    name, n, f"quoted must be yes or no, not {fields[col['quoted']]!r}"
                )
            quoted = _QUOTED_VALUES[value]
        key = (file, match_key(zh))
        if key in seen:
            raise FormatError(
                name, n, f"{zh} is listed twice for {file} (first on line {seen[key]})"
            )
        seen[key] = n
        terms.append(GoldTerm(file=file, zh=zh, category=category, quoted=quoted, line=n))
    return tuple(terms)


def read_predicted(path: str | os.PathLike[str]) -> dict[str, list[str]]:
    """File name -> the terms predicted for it, in file order, from a TSV with columns ``file``
    and ``zh`` (other columns ignored, so a second annotator's gold file serves as it is). A term
    listed twice for a document counts once, as the extractor's candidates do.

    Raises:
        InputError: the file is missing or unreadable.
        FormatError: a column is missing, a row has too few or too many fields, or its file or zh
            field is empty; the message names the line.
    """
    name = os.fspath(path)
    header, rows = _read_tsv(name, ("file", "zh"))
    i, j = header.index("file"), header.index("zh")
    out: dict[str, list[str]] = {}
    for n, fields in rows:
        if not fields[i]:
            raise FormatError(name, n, "empty file field")
        if not fields[j]:
            raise FormatError(name, n, "empty zh field")
        out.setdefault(fields[i], []).append(fields[j])
    return out


def _read_column(
    path: str | os.PathLike[str], column: str, allowed: Collection[str]
) -> dict[str, str]:
    name = os.fspath(path)
    header, rows = _read_tsv(name, ("file", column))
    i, j = header.index("file"), header.index(column)
    out: dict[str, str] = {}
    for n, fields in rows:
        if fields[j] not in allowed:
            raise FormatError(
                name, n, f"{column} must be one of {', '.join(allowed)}, not {fields[j]!r}"
            )
        if fields[i] in out:
            raise FormatError(name, n, f"{fields[i]} is listed twice")
        out[fields[i]] = fields[j]
    return out


def read_split(path: str | os.PathLike[str]) -> dict[str, str]:
    """File name -> part (``dev`` or ``heldout``) from a TSV with columns ``file`` and ``part``."""
    return _read_column(path, "part", [p.value for p in Part])


def read_scripts(path: str | os.PathLike[str]) -> dict[str, str]:
    """File name -> script (``Hans`` or ``Hant``) from a TSV with columns ``file`` and ``script``
    (``eval/SOURCES.tsv``)."""
    return _read_column(path, "script", [s.value for s in Script])


# ------------------------------------------------------------------------------------ running
def glossary_terms(locales: str | os.PathLike[str]) -> frozenset[str]:
    """Every written form (simplified, Taiwan, Hong Kong, variants, each in every quoting) of the
    active terms in ``locales``; none when it has no catalogue yet."""
    from .keys import spellings
    from .paths import EN
    from .store import read_entries

    if not os.path.exists(os.path.join(locales, EN)):
        return frozenset()
    return frozenset(
        form
        for e in read_entries(Path(locales))
        for raw in (e.zh, e.zh_tw, e.zh_hk, *e.variants)
        if raw
        for form in spellings(raw)
    )


def run_evaluation(
    gold_path: str | os.PathLike[str],
    documents: Sequence[str],
    *,
    locales: str | os.PathLike[str],
    split_path: str | os.PathLike[str] | None = None,
    part: Part | None = None,
    sources_path: str | os.PathLike[str] | None = None,
    predicted_path: str | os.PathLike[str] | None = None,
) -> Report:
    """Run the extractor (with the glossary in ``locales``) on each document and score it, or,
    with ``predicted_path``, score the terms that file predicts instead (``read_predicted``: a
    second annotation, another extractor's output), with the same normalisation and groups.

    Documents are matched to gold rows by file name. With ``part`` only the documents of that
    part are scored (``split_path`` is then required). Scripts come from ``sources_path``
    (``SOURCES.tsv``) when given and listed there, else they are detected. A document the
    predicted file has no row for is scored as predicting nothing; rows for documents not given
    are ignored. *Known* is then whether the glossary in ``locales`` holds the gold term.

    Raises:
        InputError: a document or file is missing; ``part`` without a split; a document that
            the split does not list; a document without gold rows (labels are matched by file
            name, so this is almost always a misnamed file); a predicted row for a file that
            has no gold rows (misnamed too).
        FormatError: a malformed gold, split, sources or predicted file.
    """
    from .app import extract_candidates
    from .textio import read_text

    gold = read_gold(gold_path)
    parts = read_split(split_path) if split_path is not None else {}
    if part is not None and split_path is None:
        raise InputError("--part needs a split file (--split)")
    listed_scripts = read_scripts(sources_path) if sources_path is not None else {}
    labelled = {t.file for t in gold}
    chosen: list[tuple[str, str]] = []
    for path in documents:
        name = os.path.basename(path)
        if not os.path.isfile(path):
            raise InputError(f"{path}: no such file")
        if split_path is not None and name not in parts:
            raise InputError(f"{path}: not listed in {os.fspath(split_path)}")
        if name not in labelled:
            raise InputError(f"{path}: no gold rows for {name} in {os.fspath(gold_path)}")
        if part is None or parts.get(name) == part.value:
            chosen.append((path, name))
    predicted: dict[str, list[str]] | None = None
    if predicted_path is not None:
        predicted = read_predicted(predicted_path)
        stray = sorted(set(predicted) - labelled)
        if stray:
            raise InputError(
                f"{os.fspath(predicted_path)}: no gold rows for {', '.join(stray)} "
                f"in {os.fspath(gold_path)}"
            )
    known = set(glossary_terms(locales))
    candidates: dict[str, list[str]] = {}
    scripts: dict[str, str] = {}
    for path, name in chosen:
        if predicted is not None:
            candidates[name] = predicted.get(name, [])
        else:
            found = extract_candidates([path], locales=locales)
            candidates[name] = [c.zh_hans for c in found]
            known.update(c.zh_hans for c in found if c.known)
        if name in listed_scripts:
            scripts[name] = listed_scripts[name]
        else:
            scripts[name] = detect_script(read_text(path)[0]).value
    return evaluate(gold, candidates, known=known, scripts=scripts, parts=parts)


# ---------------------------------------------------------------------------------- output
def _ratio(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _recall_dict(r: Recall) -> dict[str, object]:
    return {"found": r.found, "total": r.total, "recall": _ratio(r.value)}


def _group_dict(g: Group) -> dict[str, object]:
    s = g.scores
    return {
        "name": g.name,
        "documents": g.documents,
        "tp": s.tp,
        "fp": s.fp,
        "fn": s.fn,
        "precision": _ratio(s.precision),
        "recall": _ratio(s.recall),
        "f1": _ratio(s.f1),
        "known": _recall_dict(g.known),
        "unknown": _recall_dict(g.unknown),
        "held": {"held": g.held.found, "total": g.held.total, "share": _ratio(g.held.value)},
    }


#: the layout of ``evaluate --json``'s report (its ``schema`` key): raised when a key is removed
#: or changes meaning, not when one is added
SCHEMA = 1


def to_json(report: Report) -> dict[str, object]:
    """``report`` as plain data for ``--json`` (ratios rounded to 4 places; null when undefined),
    its layout's version first (``SCHEMA``)."""
    return {
        "schema": SCHEMA,
        "overall": _group_dict(report.overall),
        "scripts": [_group_dict(g) for g in report.scripts],
        "parts": [_group_dict(g) for g in report.parts],
        "categories": [
            {
                "category": c.category,
                **_recall_dict(c.recall),
                "held": c.held.found,
            }
            for c in report.categories
        ],
        "documents": [
            {"file": d.file, "script": d.script, "part": d.part, **_group_dict(d.group)}
            for d in report.documents
        ],
        "misses": [
            {
                "file": m.file,
                "zh": m.zh,
                "category": m.category.value if m.category else None,
                "known": m.known,
                "near": list(m.near),
            }
            for m in report.misses
        ],
        "false_positives": [{"file": f.file, "zh": f.zh} for f in report.false_positives],
    }


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}"


def _fraction(r: Recall) -> str:
    return f"{r.found}/{r.total} {_pct(r.value)}" if r.total else "–"


SUMMARY_HEADERS = (
    "group",
    "docs",
    "tp",
    "fp",
    "fn",
    "P %",
    "R %",
    "F1 %",
    "known R",
    "unknown R",
    "held",
)


def summary_rows(report: Report) -> list[tuple[str, ...]]:
    """One row per group (all, scripts, parts, documents) for a table with ``SUMMARY_HEADERS``."""
    groups = [report.overall, *report.scripts, *report.parts] + [d.group for d in report.documents]
    return [
        (
            g.name,
            str(g.documents),
            str(g.scores.tp),
            str(g.scores.fp),
            str(g.scores.fn),
            _pct(g.scores.precision),
            _pct(g.scores.recall),
            _pct(g.scores.f1),
            _fraction(g.known),
            _fraction(g.unknown),
            _fraction(g.held),
        )
        for g in groups
    ]


CATEGORY_HEADERS = ("category", "found", "R %", "held")


def category_rows(report: Report) -> list[tuple[str, ...]]:
    """Recall per gold category, for a table with ``CATEGORY_HEADERS``."""
    return [
        (
            c.category or "(none)",
            f"{c.recall.found}/{c.recall.total}",
            _pct(c.recall.value),
            f"{c.held.found}/{c.held.total}",
        )
        for c in report.categories
    ]
