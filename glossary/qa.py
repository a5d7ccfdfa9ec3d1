"""Terminology QA of a finished translation: for every glossary term in a source segment, does the
English use an approved rendering? The key-term check of Xbench, memoQ and Trados, for Chinese
policy texts (no word boundaries, simplified or traditional script, quoted codes).

Checks, each with the code that ``--only`` and ``--ignore`` take:

==================  ==========================================================================
``term-missing``     a term of the source whose target has neither the preferred rendering nor
                     an admitted alternate (the main check)
``term-deprecated``  a deprecated rendering of any entry in the target, however the source
                     writes the term
``inconsistent``     one term rendered two different (approved) ways in the same file
``shared-rendering`` two different terms rendered the same way in the same file
``untranslated``     Chinese characters left in the target
``code-missing``     a quoted code of a term ("132", "8+4") whose digits are not in the target
``part-rendering``   a part of a numbered formula (全面深化改革 of 四个全面) whose target lacks
                     the part's own entry's renderings; reported instead of ``term-missing``
                     for it, naming the formula (with ``--ignore part-rendering``: as
                     ``term-missing`` again)
==================  ==========================================================================

How the English is matched (what is tolerated and what is not):

- white space, line breaks and hyphens between words are equal (Double-Eight = Double Eight);
- double quotation marks of any kind are ignored, curly and straight apostrophes are equal;
- the first letter of a rendering may change case (a lower-case concept at the start of a
  sentence), and a target written in title case (a heading) is compared without case; every other
  letter keeps the glossary's case (double eight strategy is not Double Eight Strategy);
- the last word may take a plural or possessive ending (-s, -es, -ies for -y, 's, s');
- a leading article of the rendering (the, a, an) may be left out, and one may be added;
- a rendering never matches inside a longer word (Plan does not match Planning).
Everything else must be as the glossary writes it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache

from .bilingual import State, Unit
from .models import Entry, Status


class Check(StrEnum):
    """The checks, by the code a user names them with."""

    TERM_MISSING = "term-missing"
    TERM_DEPRECATED = "term-deprecated"
    INCONSISTENT = "inconsistent"
    SHARED_RENDERING = "shared-rendering"
    UNTRANSLATED = "untranslated"
    CODE_MISSING = "code-missing"
    PART_RENDERING = "part-rendering"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one segment."""

    file: str
    segment: str  #: the segment's id in its file
    line: int
    check: Check
    term: str  #: the glossary term concerned (simplified), "" for untranslated text
    expected: tuple[str, ...]  #: the approved renderings (preferred first)
    found: str  #: what the target has: the offending text, or the whole target
    source: str
    target: str
    message: str


@dataclass(frozen=True, slots=True)
class Report:
    """What a QA run found."""

    findings: tuple[Finding, ...]
    segments: int  #: segments checked
    skipped: int  #: untranslated (or, without ``include_fuzzy``, fuzzy) segments not checked
    terms: int  #: term occurrences checked
    counts: dict[str, int] = field(default_factory=dict)  #: findings by check code


# --- English matching ------------------------------------------------------------------------

_DQUOTES = dict.fromkeys(map(ord, '"“”„‟«»「」『』〝〞＂'), None)
_APOS = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "＇": "'"})
_FOLD = {**_DQUOTES, **_APOS}
_HYPHEN = re.compile(r"(?<=\w)[-‐‑‒–—]+(?=\w)")
_SPACE = re.compile(r"\s+")
_ARTICLES = ("the ", "a ", "an ")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+")


def english_form(text: str) -> str:
    """A target or rendering as matched: NFKC, double quotes dropped, apostrophes straight,
    hyphens between words made spaces, white space collapsed.

    >>> english_form("the “Double-Eight”\\n Strategy’s")
    "the Double Eight Strategy's"
    """
    if text.isascii():  # the common case: only straight double quotes to drop
        if '"' in text:
            text = text.replace('"', "")
    else:
        if not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", text)
        text = text.translate(_FOLD)
    if "-" in text or "‐" in text or "‑" in text or "‒" in text or "–" in text or "—" in text:
        text = _HYPHEN.sub(" ", text)
    return " ".join(text.split())


def _is_heading(text: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w']*", text) if len(w) > 3]
    return (
        len(words) >= 2 and not text.rstrip().endswith(".") and all(w[0].isupper() for w in words)
    )


#: A word with the apostrophes inside or after it (Strategy's, Upholds'), or one mark.
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]*)*|[^\w\s]")
#: The same on ASCII text (a form has no control characters: english_form split them away).
_TOKEN_ASCII = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z0-9]*)*|[^\w\s]", re.ASCII)


@dataclass(frozen=True, slots=True)
class _Target:
    """A target prepared once for every rendering checked against it."""

    tokens: tuple[str, ...]
    lower: tuple[str, ...]
    form: str
    at: dict[str, list[int]]  #: lower-cased token -> its positions
    heading_given: bool | None = None

    @property
    def heading(self) -> bool:
        """Written in title case (a heading): compared without case. Computed on demand."""
        if self.heading_given is None:
            object.__setattr__(self, "heading_given", _is_heading(self.form))
        return bool(self.heading_given)


def _prepare(target: str, *, heading: bool | None = None) -> _Target:
    form = english_form(target)
    tokens = tuple((_TOKEN_ASCII if form.isascii() else _TOKEN).findall(form))
    lower = tuple(map(str.lower, tokens))
    at: dict[str, list[int]] = {}
    for i, t in enumerate(lower):
        positions = at.get(t)
        if positions is None:
            at[t] = [i]
        else:
            positions.append(i)
    return _Target(tokens, lower, form, at, heading)


@cache
def _rendering_tokens(rendering: str) -> tuple[str, ...]:
    """A rendering's tokens, a leading article dropped (one may be added or left out)."""
    tokens = tuple(_TOKEN.findall(english_form(rendering)))
    if len(tokens) > 1 and tokens[0].lower() in ("the", "a", "an"):
        tokens = tokens[1:]
    return tokens


@cache
def _last_word_forms(word: str) -> frozenset[str]:
    """A closing word and its plural and possessive forms."""
    if not word[-1:].isalpha():
        return frozenset((word,))
    forms = [word, word + "s", word + "es", word + "'s", word + "s'", word + "'"]
    if word.endswith("y") and len(word) > 2:
        forms += [word[:-1] + "ies", word[:-1] + "ies'"]
    return frozenset(forms)


def _find(target: _Target, rendering: str) -> str | None:
    wanted = _rendering_tokens(rendering)
    n = len(wanted)
    if not n or n > len(target.tokens):
        return None
    last = _last_word_forms(wanted[-1])
    starts = (
        sorted({i for f in last for i in target.at.get(f.lower(), ())})
        if n == 1
        else target.at.get(wanted[0].lower(), [])
    )
    for caseless in (False, True):
        if caseless and not target.heading:
            break
        got = target.lower if caseless else target.tokens
        for i in starts:
            if i + n > len(got):
                break
            first, end = got[i], got[i + n - 1]
            if n > 1:
                head = wanted[0].lower() if caseless else wanted[0]
                if first != head and (caseless or first[1:] != head[1:]):
                    continue  # the first letter alone may change case
                want = wanted[1 : n - 1]
                if got[i + 1 : i + n - 1] != (tuple(w.lower() for w in want) if caseless else want):
                    continue
            if caseless:
                if end not in {f.lower() for f in last}:
                    continue
            elif end not in last and not (n == 1 and _first_letter_only(end, last)):
                continue
            return _join(target.tokens[i : i + n])
    return None


def _first_letter_only(token: str, forms: frozenset[str]) -> bool:
    """``token`` is one of ``forms`` but for the case of its first letter."""
    return any(token[1:] == f[1:] and token[:1].lower() == f[:1].lower() for f in forms)


def _join(tokens: tuple[str, ...]) -> str:
    """Tokens as text: a space between words, none before a mark."""
    out = tokens[0]
    for t in tokens[1:]:
        out += t if not t[:1].isalnum() else " " + t
    return out


def find_rendering(target: str, rendering: str, *, heading: bool | None = None) -> str | None:
    """The words of ``target`` that match ``rendering`` under the tolerances above, or None.

    >>> find_rendering("Common prosperity is the goal.", "common prosperity")
    'Common prosperity'
    >>> find_rendering("We advanced the Two Upholds’ work.", "Two Upholds")
    "Two Upholds'"
    >>> find_rendering("the Planning Office", "Plan") is None
    True
    """
    return _find(_prepare(target, heading=heading), rendering)


# --- Chinese matching --------------------------------------------------------------------------

_ZH_QUOTES = dict.fromkeys(map(ord, "“”‘’「」『』\"'＂＇〝〞"), None)
# a code inside the quote marks of a term: “132”, “8+4”, ‘1+N’ (not 00后: unquoted)
_CODE = re.compile(r"[“‘「『\"']([^”’」』\"']*?\d[^”’」』\"']*)[”’」』\"']")
_DIGITS = re.compile(r"\d+(?:\s*[+＋.]\s*\d+)*")


def _fold(text: str) -> str:
    """Chinese as matched: quote marks dropped (“132”总体工作部署 = 「132」總體工作部署 =
    132总体工作部署), NFKC for full-width digits and letters."""
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    for mark in _ZH_QUOTE_MARKS:
        if mark in text:
            text = text.replace(mark, "")
    return text


_ZH_QUOTE_MARKS = tuple(map(chr, _ZH_QUOTES))
#: Joins the sources of a batch for one automaton call: a noncharacter, in no term.
_BATCH_SEPARATOR = "\uffff"


class TermMatcher:
    """The glossary's entries with an automaton over every written form of each (simplified,
    Taiwan, Hong Kong, variants), matched with quote marks folded: the terms of a Chinese segment,
    for QA and for the term hints of a translation job."""

    def __init__(self, entries: Iterable[Entry], *, status: Status | None = None) -> None:
        from .terms import Terms

        self.entries: dict[str, Entry] = {}
        rows: list[tuple[str, str, str, None]] = []
        for e in entries:
            if e.obsolete or not e.en:
                continue
            self.entries[e.zh] = e
            for form in (e.zh, e.zh_tw, e.zh_hk, *e.variants):
                folded = _fold(form)
                if len(folded) >= 2:
                    rows.append((folded, e.zh, e.en, None))
        # longer forms first, so that a form shared by two entries goes to the longer one's
        self.terms = Terms.from_forms(rows)
        self.status = status
        deprecated: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for e in self.entries.values():
            for d in e.en_deprecated:
                deprecated[english_form(d.en).lower()].append((e.zh, d.en))
        self.deprecated = dict(deprecated)
        self._deprecated_re: re.Pattern[str] | None = None
        self._deprecated_heads: tuple[str, ...] | None = None
        self._deprecated_checked = False

    def find(self, text: str) -> list[Entry]:
        """The entries whose terms occur in ``text``, leftmost-longest, each once, in order."""
        seen: dict[str, Entry] = {}
        for index, _start, _end in self.terms.matches(_fold(text)):
            zh = self.terms.zh[index]
            if zh not in seen:
                seen[zh] = self.entries[zh]
        return list(seen.values())

    def find_many(self, texts: Sequence[str]) -> list[list[Entry]]:
        """``find`` of each text, the texts folded and matched in one automaton call (the same
        matches: no term spans the separator the texts are joined with)."""
        sep = _BATCH_SEPARATOR
        if len(texts) < 2 or any(sep in t for t in texts):
            return [self.find(t) for t in texts]
        folded = _fold(sep.join(texts))
        ends: list[int] = []
        at = -1
        for _ in range(len(texts) - 1):
            at = folded.index(sep, at + 1)
            ends.append(at)
        ends.append(len(folded))
        out: list[list[Entry]] = []
        seen: dict[str, Entry] = {}
        piece = 0
        zh_of, entries = self.terms.zh, self.entries
        for index, start, _end in self.terms.matches(folded):
            while start > ends[piece]:
                out.append(list(seen.values()))
                seen = {}
                piece += 1
            zh = zh_of[index]
            if zh not in seen:
                seen[zh] = entries[zh]
        while len(out) < len(texts):
            out.append(list(seen.values()))
            seen = {}
        return out

    def checked(self, e: Entry) -> bool:
        return self.status is None or e.status is self.status

    def approved(self, e: Entry) -> tuple[str, ...]:
        if self.status is not None:
            return (e.en,)
        return (e.en, *e.en_alt)

    def may_have_deprecated(self, target: str) -> bool:
        """False only when ``target`` cannot match ``deprecated_pattern`` (an ASCII target with
        none of the deprecated renderings' first words in it, as a case-blind substring)."""
        if not self._deprecated_checked:
            heads = {k.split(" ", 1)[0] for k in self.deprecated}
            self._deprecated_heads = (
                tuple(sorted(heads)) if all(h and h.isascii() for h in heads) else None
            )
            self._deprecated_checked = True
        if self._deprecated_heads is None or not target.isascii():
            return bool(self.deprecated)
        low = target.lower()
        return any(h in low for h in self._deprecated_heads)

    def deprecated_pattern(self) -> re.Pattern[str] | None:
        if self._deprecated_re is None and self.deprecated:
            alternatives = sorted(self.deprecated, key=len, reverse=True)
            # matched in the target as written (so the finding quotes it): words apart by white
            # space, hyphens or quotation marks, as english_form treats them
            gap = r"[\s\-‐‑‒–—\"“”„‟«»]+"
            body = "|".join(gap.join(map(re.escape, a.split(" "))) for a in alternatives)
            self._deprecated_re = re.compile(
                r"(?<![\w'])[\"“”]?(?:" + body + r")(?:s|es|'s|’s)?(?![\w])", re.I
            )
        return self._deprecated_re


def check_units(
    units: Iterable[Unit],
    entries: Iterable[Entry],
    *,
    only: Sequence[Check] = (),
    ignore: Sequence[Check] = (),
    status: Status | None = None,
    include_fuzzy: bool = False,
) -> Report:
    """Check the translated segments of ``units`` against the glossary ``entries``.

    Args:
        units: segments from ``bilingual.read_units`` / ``read_text_pair`` (one file or several;
            consistency is judged per file).
        entries: the glossary.
        only: run just these checks; ignore: run all but these.
        status: check only the entries with this status (``official``), against their preferred
            rendering alone.
        include_fuzzy: also check fuzzy segments (by default, like untranslated ones, skipped).
    """
    run = set(only) if only else set(Check)
    run -= set(ignore)
    glossary = TermMatcher(entries, status=status)
    findings: list[Finding] = []
    segments = skipped = terms = 0
    # per file: term -> {rendering used: first (segment, text)}, in the order of the segments
    used: dict[str, dict[str, dict[str, tuple[Unit, str]]]] = defaultdict(lambda: defaultdict(dict))
    batch: list[Unit] = []

    def check_batch() -> None:
        nonlocal terms
        for unit, found_terms in zip(
            batch, glossary.find_many([u.source for u in batch]), strict=True
        ):
            found, n = _check_unit(unit, found_terms, glossary, run, used[unit.file])
            findings.extend(found)
            terms += n
        batch.clear()

    for unit in units:
        if (
            unit.state is State.UNTRANSLATED
            or not unit.target.strip()
            or (unit.state is State.FUZZY and not include_fuzzy)
        ):
            skipped += 1
            continue
        segments += 1
        batch.append(unit)
        if len(batch) >= _BATCH:
            check_batch()
    check_batch()
    if Check.INCONSISTENT in run or Check.SHARED_RENDERING in run:
        findings.extend(_consistency(used, glossary, run))
    findings.sort(key=lambda f: (f.file, f.line, f.segment))  # stable: source order within
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.check.value] = counts.get(f.check.value, 0) + 1
    return Report(tuple(findings), segments, skipped, terms, counts)


#: Segments whose sources are matched in one automaton call.
_BATCH = 500


def _check_unit(
    unit: Unit,
    found_terms: list[Entry],
    glossary: TermMatcher,
    run: set[Check],
    used: dict[str, dict[str, tuple[Unit, str]]],
) -> tuple[list[Finding], int]:
    out: list[Finding] = []
    target = unit.target
    prepared = _prepare(target)

    def finding(check: Check, term: str, expected: tuple[str, ...], found: str, msg: str) -> None:
        out.append(
            Finding(
                unit.file,
                unit.id,
                unit.line,
                check,
                term,
                expected,
                found,
                unit.source,
                target,
                msg,
            )
        )

    approved_spans: list[str] = []
    n = 0
    normal: str | None = None  # the target in NFKC, made when a code is looked for
    for e in found_terms:
        if not glossary.checked(e):
            continue
        zh = e.zh
        n += 1
        expected = glossary.approved(e)
        hit = None
        for rendering in expected:
            text = _find(prepared, rendering)
            if text is not None:
                hit = (rendering, text)
                break
        if hit is None:
            if e.part_of and Check.PART_RENDERING in run:
                finding(
                    Check.PART_RENDERING,
                    zh,
                    expected,
                    target,
                    f"{zh} (a part of {'; '.join(e.part_of)}): expected its own rendering, "
                    f"{_or(expected)}",
                )
            elif Check.TERM_MISSING in run:
                finding(
                    Check.TERM_MISSING,
                    zh,
                    expected,
                    target,
                    f"{zh}: expected {_or(expected)}",
                )
        else:
            approved_spans.append(hit[1])
            used.setdefault(zh, {}).setdefault(hit[0], (unit, hit[1]))
        if Check.CODE_MISSING in run:
            for plain, code in _codes(zh):
                if normal is None:
                    normal = unicodedata.normalize("NFKC", target)
                if not code.search(normal):
                    finding(
                        Check.CODE_MISSING,
                        zh,
                        expected,
                        target,
                        f"{zh}: the code {plain} is not in the target",
                    )
    if Check.TERM_DEPRECATED in run:
        pattern = glossary.deprecated_pattern() if glossary.may_have_deprecated(target) else None
        if pattern is not None:
            for m in pattern.finditer(target):
                plain = english_form(m.group()).lower()
                key = re.sub(r"(?:s|es|'s)$", "", plain)
                owners = glossary.deprecated.get(key) or glossary.deprecated.get(plain, [])
                if any(key in english_form(span).lower() for span in approved_spans):
                    continue  # inside an approved rendering of a term of this segment
                for zh, bad in owners:
                    e = glossary.entries[zh]
                    reason = next((d.reason for d in e.en_deprecated if d.en == bad), "")
                    finding(
                        Check.TERM_DEPRECATED,
                        zh,
                        glossary.approved(e),
                        m.group(),
                        f"{zh}: do not use {bad!r}"
                        + (f" ({reason})" if reason else "")
                        + f"; use {_or(glossary.approved(e))}",
                    )
    if Check.UNTRANSLATED in run and not target.isascii():
        for m in _HAN.finditer(target):
            finding(
                Check.UNTRANSLATED, "", (), m.group(), f"Chinese left in the target: {m.group()}"
            )
    return out, n


@cache
def _codes(zh: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The quoted codes of a term (“132”, “8+4”) and the pattern that finds each in a target
    (digits not inside a longer number, spaces allowed around a plus).

    >>> [(code, bool(p.search("the 8 + 4 economy")), bool(p.search("18+4"))) for code, p in
    ...  _codes("“8+4”经济")]
    [('8+4', True, False)]
    """
    quoted = " ".join(_CODE.findall(unicodedata.normalize("NFKC", zh)))
    out = []
    for code in _DIGITS.findall(quoted):
        plain = "".join(code.split())
        body = r"\s*\+\s*".join(map(re.escape, plain.split("+")))
        out.append((plain, re.compile(r"(?<!\d)" + body + r"(?!\d)")))
    return tuple(out)


def _consistency(
    used: dict[str, dict[str, dict[str, tuple[Unit, str]]]],
    glossary: TermMatcher,
    run: set[Check],
) -> Iterator[Finding]:
    for _file, by_term in used.items():
        if Check.INCONSISTENT in run:
            for zh, renderings in by_term.items():
                if len(renderings) < 2:
                    continue
                items = list(renderings.items())
                first_rendering = items[0][0]
                for rendering, (unit, text) in items[1:]:
                    yield Finding(
                        unit.file,
                        unit.id,
                        unit.line,
                        Check.INCONSISTENT,
                        zh,
                        glossary.approved(glossary.entries[zh]),
                        text,
                        unit.source,
                        unit.target,
                        f"{zh}: rendered {rendering!r} here, {first_rendering!r} at line "
                        f"{items[0][1][0].line}",
                    )
        if Check.SHARED_RENDERING in run:
            by_rendering: dict[str, list[tuple[str, Unit]]] = defaultdict(list)
            for zh, renderings in by_term.items():
                for rendering, (unit, _text) in renderings.items():
                    by_rendering[english_form(rendering).lower()].append((zh, unit))
            for key, owners in by_rendering.items():
                if len({zh for zh, _ in owners}) < 2:
                    continue
                (first, _u0), *rest = owners
                for zh, unit in rest:
                    yield Finding(
                        unit.file,
                        unit.id,
                        unit.line,
                        Check.SHARED_RENDERING,
                        zh,
                        glossary.approved(glossary.entries[zh]),
                        key,
                        unit.source,
                        unit.target,
                        f"{zh} and {first} are both rendered {key!r} in this file",
                    )


def _or(renderings: tuple[str, ...]) -> str:
    quoted = [repr(r) for r in renderings]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def read_inputs(
    files: Sequence[str],
    *,
    source: str | None = None,
    target: str | None = None,
    source_column: str | None = None,
    target_column: str | None = None,
) -> Iterator[Unit]:
    """The segments of bilingual ``files`` and of a line-aligned ``source``/``target`` pair.

    Raises:
        InputError, FormatError: as the readers (file and line named).
    """
    from .bilingual import read_text_pair, read_units
    from .errors import InputError

    if (source is None) != (target is None):
        raise InputError("--source and --target go together (two line-aligned text files)")
    if not files and source is None:
        raise InputError("nothing to check: give bilingual files, or --source and --target")
    for name in files:
        yield from read_units(name, source_column=source_column, target_column=target_column)
    if source is not None and target is not None:
        yield from read_text_pair(source, target)


def run_qa(
    files: Sequence[str],
    *,
    locales: str,
    source: str | None = None,
    target: str | None = None,
    source_column: str | None = None,
    target_column: str | None = None,
    only: Sequence[Check] = (),
    ignore: Sequence[Check] = (),
    status: Status | None = None,
    include_fuzzy: bool = False,
) -> Report:
    """``glossary qa``: check the translations of ``files`` against the glossary in ``locales``
    (the segments streamed: a file's units are checked as they are read)."""

    units = read_inputs(
        files,
        source=source,
        target=target,
        source_column=source_column,
        target_column=target_column,
    )
    return check_units(
        units,
        entries_from_index(locales),
        only=only,
        ignore=ignore,
        status=status,
        include_fuzzy=include_fuzzy,
    )


def entries_from_index(locales: str) -> list[Entry]:
    """The glossary's entries, with the fields QA and term hints use, from the lookup index (a
    load of marshalled records instead of parsing three catalogues)."""
    from .index import read_records
    from .models import Category, Deprecated

    status_of = {s.value: s for s in Status}
    category_of = {c.value: c for c in Category}
    return [
        Entry(
            zh=r["zh"],
            en=r["en"],
            en_alt=tuple(r["en_alt"]),
            en_deprecated=tuple(Deprecated(d["en"], d["reason"]) for d in r["en_deprecated"]),
            variants=tuple(r["variants"]),
            category=category_of.get(r["category"]),
            status=status_of.get(r["status"]),
            zh_tw=r["zh_tw"],
            zh_hk=r["zh_hk"],
            reviewed=r["reviewed"],
            part_of=tuple(f["zh"] for f in r["part_of"]),
        )
        for r in read_records(locales)
    ]
