"""``glossary check``: lint the glossary for CI, and count its numbered formulas (issue 16)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from .keys import english_key, normalize
from .models import Entry, Status

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ebef]")
# Chinese heads whose English head must agree across entries, with the English words that count
# as that head (an official rendering may differ; it is not reported).
HEADS = {
    "工程": ("Project", "Program", "Programme"),
    "行动": ("Action", "Initiative", "Campaign"),
    "计划": ("Plan", "Program", "Programme"),
    "示范区": ("Demonstration Zone",),
    "先行区": ("Pioneer Zone",),
    "自由贸易试验区": ("Pilot Free Trade Zone",),
    "试验区": ("Pilot Zone",),
    "实验区": ("Experimental Zone",),
    "走廊": ("Corridor",),
    "实验室": ("Laboratory",),
    "改革": ("Reform",),
    "战略": ("Strategy",),
    "精神": ("Spirit",),
    "经验": ("Experience",),
}


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding of the check."""

    zh: str
    code: str  #: short kebab-case name of the rule
    message: str


def check_entries(entries: list[Entry], *, computed: dict[str, Entry]) -> list[Problem]:
    """Problems of ``entries``; ``computed`` has each entry with pinyin and traditional forms
    recomputed from the current tables (``store.with_computed``)."""
    problems: list[Problem] = []

    def add(zh: str, code: str, msg: str) -> None:
        problems.append(Problem(zh, code, msg))

    seen: dict[str, str] = {}
    for e in entries:
        key = normalize(e.zh)
        if key in seen:
            add(e.zh, "duplicate", f"same term as {seen[key]!r} after Unicode normalization")
        seen.setdefault(key, e.zh)
        if key != e.zh:
            add(
                e.zh,
                "unnormalized",
                f"term has invisible or full-width characters (normalizes to {key!r})",
            )
        if not e.en.strip():
            add(e.zh, "empty-english", "no English rendering")
        for name, value in (
            ("en", e.en),
            ("literal", e.literal),
            ("definition", e.definition),
            *(("en_alt", a) for a in e.en_alt),
            *(("en_deprecated", d.en) for d in e.en_deprecated),
            *(("parts", p.en) for p in e.parts),
        ):
            if _HAN.search(value):
                add(e.zh, "chinese-in-english", f"{name} holds Chinese characters: {value!r}")
        in_use = {english_key(x): x for x in (e.en, *e.en_alt) if x}
        for d in e.en_deprecated:
            if english_key(d.en) in in_use:
                add(
                    e.zh,
                    "deprecated-in-use",
                    f"{d.en!r} is deprecated but also given as a rendering to use "
                    f"({in_use[english_key(d.en)]!r})",
                )
        if (
            e.pinyin_orthographic
            and e.pinyin
            and _letters(e.pinyin_orthographic) != _letters(e.pinyin)
        ):
            add(
                e.zh,
                "orthography-syllables",
                f"orthographic pinyin {e.pinyin_orthographic!r} is not made of the syllables "
                f"{e.pinyin!r} (GB/T 16159 joins and capitalises them, nothing else)",
            )
        if not e.reviewed:
            add(e.zh, "fuzzy", "not reviewed (fuzzy)")
        if e.category is None:
            add(e.zh, "no-category", "no category")
        if e.status is None:
            add(e.zh, "no-status", "no status (official, established or proposed)")
        if e.status is Status.OFFICIAL and not e.source.strip():
            add(e.zh, "official-without-source", "official rendering without a source")
        fresh = computed.get(e.zh)
        if fresh is not None:
            if not e.pinyin_override and e.pinyin and e.pinyin != fresh.pinyin:
                add(
                    e.zh,
                    "pinyin-stale",
                    f"pinyin {e.pinyin!r} but the tables give {fresh.pinyin!r} (rebuild, or record an override)",
                )
            for region, ours, theirs, override in (
                ("zh-TW", e.zh_tw, fresh.zh_tw, e.zh_tw_override),
                ("zh-HK", e.zh_hk, fresh.zh_hk, e.zh_hk_override),
            ):
                if not override and ours and ours != theirs:
                    add(
                        e.zh,
                        "hant-stale",
                        f"{region} {ours!r} but the tables give {theirs!r} (rebuild, or record an override)",
                    )
    problems += _check_heads(entries)
    problems += _check_variants(entries)
    problems += check_parts(entries)
    return problems


@dataclass(frozen=True, slots=True)
class FormulaReport:
    """The numbered formulas of a glossary (``formulas.is_numbered_formula``, or any entry
    that lists parts or says why it has none)."""

    with_parts: int
    no_parts: int
    unclassified: tuple[str, ...]  #: formulas with neither parts nor a no-parts reason

    def summary(self) -> str:
        """``numbered formulas: N with parts, M marked no-parts, K unclassified``."""
        return (
            f"numbered formulas: {self.with_parts} with parts, {self.no_parts} marked "
            f"no-parts, {len(self.unclassified)} unclassified"
        )


#: the code of the informational rows that list the unclassified formulas (not a failure)
UNCLASSIFIED = "formula-unclassified"


def formula_report(entries: list[Entry]) -> FormulaReport:
    """Count the formulas with parts and marked no-parts; list the others."""
    from .formulas import is_numbered_formula

    with_parts = no_parts = 0
    unclassified = []
    for e in entries:
        if e.parts:
            with_parts += 1
        elif e.no_parts:
            no_parts += 1
        elif is_numbered_formula(e.zh):
            unclassified.append(e.zh)
    return FormulaReport(with_parts, no_parts, tuple(unclassified))


def unclassified_rows(report: FormulaReport) -> list[Problem]:
    """The unclassified formulas as informational rows (code ``formula-unclassified``)."""
    return [
        Problem(zh, UNCLASSIFIED, "numbered formula without parts or a no-parts reason")
        for zh in report.unclassified
    ]


def check_parts(entries: list[Entry]) -> list[Problem]:
    """The formulas' parts: each part (and former part) that is no clause names an entry; no
    formula lists itself, a part twice, or a formula that lists it back (a cycle); a formula
    with parts has their source and no no-parts reason."""
    problems: list[Problem] = []
    terms = {e.zh for e in entries}
    graph: dict[str, list[str]] = {}
    for e in entries:
        if not (e.parts or e.parts_former):
            continue
        if e.parts and e.no_parts:
            problems.append(
                Problem(e.zh, "parts-and-no-parts", f"lists parts but also says {e.no_parts!r}")
            )
        if e.parts and not e.parts_source:
            problems.append(
                Problem(e.zh, "parts-without-source", "parts without the source of the list")
            )
        lists = [("part", [p.zh for p in e.parts], [p.zh for p in e.parts if not p.en])]
        lists += [
            (f"former part ({f.period})", list(f.parts), list(f.parts)) for f in e.parts_former
        ]
        for what, every, entry_parts in lists:
            for zh in sorted({z for z in every if every.count(z) > 1}):
                problems.append(Problem(e.zh, "part-twice", f"{what} {zh!r} listed twice"))
            for zh in dict.fromkeys(entry_parts):
                if zh == e.zh:
                    problems.append(
                        Problem(e.zh, "part-is-formula", f"{what} {zh!r} is the formula itself")
                    )
                elif zh not in terms:
                    problems.append(
                        Problem(
                            e.zh,
                            "part-not-entry",
                            f"{what} {zh!r} names no entry (add it, or give a clause its English: "
                            "'ZH | EN')",
                        )
                    )
        graph[e.zh] = [p.zh for p in e.parts if not p.en and p.zh != e.zh]
    problems += _cycles(graph)
    return problems


def _cycles(graph: dict[str, list[str]]) -> list[Problem]:
    """A formula that is, through its parts, a part of itself: one problem per cycle, on its
    first formula in catalogue order."""
    problems = []
    state: dict[str, int] = {}  # 1: on the path, 2: done
    for start in graph:
        if state.get(start):
            continue
        path: list[str] = []
        stack = [(start, iter(graph.get(start, ())))]
        state[start] = 1
        path.append(start)
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[node] = 2
            elif state.get(child) == 1:
                loop = [*path[path.index(child) :], child]
                problems.append(
                    Problem(child, "part-cycle", "a part of itself: " + " > ".join(loop))
                )
            elif not state.get(child) and child in graph:
                state[child] = 1
                path.append(child)
                stack.append((child, iter(graph[child])))
    return problems


def _check_variants(entries: list[Entry]) -> list[Problem]:
    """A variant names its entry and no other: one that is another entry's term, or a variant of
    two entries, would send lookup, scan and QA to two places."""
    from .keys import spellings

    problems: list[Problem] = []
    terms = {spelled: e.zh for e in entries for spelled in spellings(e.zh)}
    owner: dict[str, str] = {}
    for e in entries:
        for v in e.variants:
            other = terms.get(v)
            if other is not None and other != e.zh:
                problems.append(
                    Problem(
                        e.zh,
                        "variant-is-entry",
                        f"variant {v!r} is the entry {other!r}: merge them or drop the variant",
                    )
                )
            first = owner.setdefault(v, e.zh)
            if first != e.zh:
                problems.append(
                    Problem(e.zh, "variant-shared", f"variant {v!r} is also a variant of {first!r}")
                )
    return problems


def _letters(pinyin: str) -> str:
    """The letters, tone marks and digits of a pinyin text, lower case: what word joining,
    capitals, hyphens, apostrophes and spaces leave unchanged."""
    import unicodedata

    text = unicodedata.normalize("NFC", pinyin.lower())
    return "".join(ch for ch in text if ch.isalnum())


def _check_heads(entries: list[Entry]) -> list[Problem]:
    groups: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        for head in sorted(HEADS, key=len, reverse=True):
            if e.zh.endswith(head) and len(e.zh) > len(head) and e.en:
                groups[head].append(e)
                break
    problems = []
    for head, members in groups.items():

        def english_head(e: Entry, words: tuple[str, ...] = HEADS[head]) -> str:
            for word in words:
                if word.lower() in e.en.lower():
                    return word
            return ""

        counts = Counter(english_head(e) for e in members if e.status is not Status.OFFICIAL)
        if not counts:
            continue
        usual = max((w for w in counts if w), key=lambda w: counts[w], default="")
        for e in members:
            if e.status is Status.OFFICIAL:
                continue
            found = english_head(e)
            if not found:
                problems.append(
                    Problem(
                        e.zh,
                        "inconsistent-head",
                        f"{head} is usually rendered {usual!r}; {e.en!r} has none of {', '.join(HEADS[head])}",
                    )
                )
    return problems


def run_check(locales: Path) -> list[Problem]:
    """Read the glossary in ``locales`` and lint it."""
    return run_check_report(locales)[0]


def run_check_report(locales: Path) -> tuple[list[Problem], FormulaReport]:
    """Read the glossary in ``locales``, lint it and count its numbered formulas."""
    from .store import read_entries, with_computed

    entries = read_entries(Path(locales))
    problems = check_entries(entries, computed={e.zh: with_computed(e) for e in entries})
    return problems, formula_report(entries)


#: the classes of ``data/not_proposed.tsv`` (``eval/GUIDELINES.md``'s exclusions)
NOT_PROPOSED_CLASSES = frozenset({"ordinary", "statistic", "generic", "place"})


def check_not_proposed(entries: list[Entry]) -> list[Problem]:
    """Rows of the packaged ``not_proposed.tsv`` that name no entry of ``entries`` or no known
    class (the list belongs to the shipped glossary: its test runs this on ``locales/``; a
    glossary of one's own may lack its terms, which is harmless)."""
    from .extract import not_proposed_rows

    terms = {e.zh for e in entries}
    problems = []
    for zh, kind in not_proposed_rows():
        if zh not in terms:
            problems.append(Problem(zh, "not-proposed-unknown", "not_proposed.tsv names no entry"))
        if kind not in NOT_PROPOSED_CLASSES:
            classes = ", ".join(sorted(NOT_PROPOSED_CLASSES))
            problems.append(
                Problem(
                    zh,
                    "not-proposed-class",
                    f"class {kind!r} in not_proposed.tsv, not one of {classes}",
                )
            )
    return problems
