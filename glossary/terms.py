"""The glossary's terms in Rust Aho-Corasick automata (ahocorasick-rs): the one wrapper that the
extractor (every occurrence, nested ones included) and the scanner (leftmost-longest,
non-overlapping) share.

Everything a match reports is looked up by pattern index in flat lists built once, so that the
per-match work is a few list lookups (a policy text has a hit every 70 characters). Each automaton
is built on first use.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from operator import itemgetter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import os

    from .models import Category, Entry


class Terms:
    """Every written form (simplified, Taiwan, Hong Kong, normalised) of the glossary's terms;
    pattern index -> written form, simplified term, English and category."""

    def __init__(
        self,
        forms: Sequence[str],
        zh: Sequence[str],
        en: Sequence[str] | None = None,
        categories: Sequence[Category | str | None] | None = None,
    ) -> None:
        self.forms = list(forms)  #: pattern index -> written form
        self.zh = list(zh)  #: pattern index -> simplified term
        self.en = list(en) if en is not None else [""] * len(self.forms)  #: -> English
        #: pattern index -> category, or its name ("" for none) as the index keeps it
        self.categories: list[Category | str | None] = (
            list(categories) if categories is not None else [None] * len(self.forms)
        )
        self.index = {
            form: i for i, form in enumerate(self.forms)
        }  #: written form -> pattern index
        self._longest: Any = None
        self._overlapping: Any = None
        self._bytes: Any = None
        #: ``matches_bytes`` by a DFA: twice as fast on the formulas' few forms, but some six
        #: times as slow to build (for a few hundred patterns, not a glossary)
        self.dfa_bytes = False
        #: the numbered formulas with parts and their parts (``scan.FormulaContext``), or None
        self.relations: Relations | None = None
        self.related: frozenset[int] | None = None  #: its patterns of formulas and parts

    @classmethod
    def from_forms(cls, forms: Iterable[tuple[str, str, str, Category | None]]) -> Terms:
        """From (written form, simplified term, English, category); the first term of a form wins,
        empty forms are skipped."""
        seen: set[str] = set()
        rows = []
        for row in forms:
            if row[0] and row[0] not in seen:
                seen.add(row[0])
                rows.append(row)
        return cls(
            [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows], [r[3] for r in rows]
        )

    @classmethod
    def from_entries(cls, entries: Iterable[Entry]) -> Terms:
        """Every written form of ``entries``: the simplified term, its Taiwan and Hong Kong forms
        and its variants, each in every quoting (``keys.spellings``)."""
        from .keys import spellings

        return cls.from_forms(
            (form, e.zh, e.en, e.category)
            for e in entries
            for raw in (e.zh, e.zh_tw, e.zh_hk, *e.variants)
            if raw
            for form in spellings(raw)
        )

    def __contains__(self, form: str) -> bool:
        return form in self.index

    def __len__(self) -> int:
        return len(self.forms)

    def category(self, form: str) -> Category | None:
        """The category of the term written ``form``."""
        from .models import Category  # here: a scan without the extractor never needs it

        value = self.categories[self.index[form]]
        return Category(value) if value else None

    def count(self, text: str) -> Counter[str]:
        """Occurrences of every term in ``text`` by simplified term, nested and overlapping ones
        included (the extractor's hot loop: the Rust automaton returns every match of a line in
        one call, ``Counter`` tallies them in C)."""
        if not self.forms:
            return Counter()
        if self._overlapping is None:
            import ahocorasick_rs

            self._overlapping = ahocorasick_rs.AhoCorasick(self.forms)
        matches = self._overlapping.find_matches_as_indexes(text, overlapping=True)
        return Counter(map(self.zh.__getitem__, map(_first, matches)))

    def matches(self, text: str) -> list[tuple[int, int, int]]:
        """(pattern index, start, end) of the leftmost-longest non-overlapping matches."""
        if not self.forms:
            return []
        if self._longest is None:
            import ahocorasick_rs

            self._longest = ahocorasick_rs.AhoCorasick(
                self.forms, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
            )
        found: list[tuple[int, int, int]] = self._longest.find_matches_as_indexes(text)
        return found

    def matcher(self) -> Callable[[str], list[tuple[int, int, int]]]:
        """``matches`` for a loop over many lines: the automaton's own method, called without
        a Python frame per line."""
        self.matches("")  # builds the automaton
        if self._longest is None:  # no terms
            return self.matches
        found: Callable[[str], list[tuple[int, int, int]]]
        found = self._longest.find_matches_as_indexes
        return found

    def count_bytes(self, data: bytes) -> list[int]:
        """Pattern indexes of the leftmost-longest matches in UTF-8 ``data`` (for counting: no
        decoding, and the same matches as on text, since UTF-8 patterns can only match at
        character boundaries)."""
        return [m[0] for m in self.matches_bytes(data)]

    def matches_bytes(self, data: bytes) -> list[tuple[int, int, int]]:
        """(pattern index, start, end) of the leftmost-longest matches in UTF-8 ``data``, the
        offsets in bytes."""
        if not self.forms:
            return []
        if self._bytes is None:
            import ahocorasick_rs

            dfa = getattr(ahocorasick_rs, "Implementation", None) if self.dfa_bytes else None
            self._bytes = ahocorasick_rs.BytesAhoCorasick(
                [f.encode("utf-8") for f in self.forms],
                matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
                **({} if dfa is None else {"implementation": dfa.DFA}),
            )
        found: list[tuple[int, int, int]] = self._bytes.find_matches_as_indexes(data)
        return found


_first = itemgetter(0)  #: a match's pattern index (in C)


class Relations:
    """The numbered formulas that list parts and their parts: which formulas each part belongs
    to, and an automaton over the formulas' written forms (pattern zh: the formula) that finds
    the lines where a document may name one (``parallel.scan_file``)."""

    def __init__(
        self,
        forms: dict[str, list[str]],
        part_of: dict[str, list[str]],
        part_forms: dict[str, list[str]],
    ) -> None:
        self.part_of = {zh: tuple(f) for zh, f in part_of.items()}  #: part -> its formulas
        self.formulas = frozenset(forms)  #: the formulas that list parts
        #: the written forms of the formulas and the parts
        self.forms = frozenset(
            f for spelled in (*forms.values(), *part_forms.values()) for f in spelled
        )
        self.namer = Terms.from_forms(  #: finds the formulas' forms
            (form, zh, "", None) for zh, spelled in forms.items() for form in spelled
        )
        self.namer.dfa_bytes = True  # read over every range's prefix

    def indexes(self, scanner: Terms) -> frozenset[int]:
        """The pattern indexes of ``scanner`` that are a formula's or a part's (computed once
        per scanner, kept as its ``related``)."""
        if scanner.related is None:
            related = self.formulas | set(self.part_of)
            found = (scanner.index.get(f) for f in self.forms)
            scanner.related = frozenset(
                i for i in found if i is not None and scanner.zh[i] in related
            )
        return scanner.related


def load_relations(locales: str | os.PathLike[str], *, progress: Any = None) -> Relations | None:
    """The glossary's formulas and parts (``index.read_formulas``); None when it has none."""
    from .index import read_formulas

    forms, part_of, part_forms = read_formulas(locales, progress=progress)
    return Relations(forms, part_of, part_forms) if part_of and forms else None


def load_terms(locales: str | os.PathLike[str], *, progress: Any = None) -> Terms:
    """The terms of the glossary in ``locales``, from its (cached) lookup index: no PO parsing."""
    from .index import read_written_forms

    forms, zh, en, categories = read_written_forms(locales, progress=progress)
    terms = Terms(forms, zh, en, categories)
    terms.relations = load_relations(locales, progress=progress)
    return terms


def load_terms_for(
    locales: str | os.PathLike[str], paths: Sequence[str], *, progress: Any = None
) -> Terms:
    """The terms of the glossary that can match in the files ``paths``: with a large glossary
    and small regular files, only the written forms that occur in them, found in the cached
    table of forms (``scanindex``) instead of an automaton of every form; else ``load_terms``.
    The matches are the same either way.

    Raises:
        InputError: a file that cannot be read or decoded (as the scan itself would say).
    """
    import os

    from .paths import EN
    from .scanindex import MAX_DOCUMENT_BYTES, MIN_CATALOGUE_BYTES, forms_in

    try:
        regular = bool(paths) and all(p != "-" and os.path.isfile(p) for p in paths)
        small = regular and sum(os.stat(p).st_size for p in paths) <= MAX_DOCUMENT_BYTES
        large = small and os.stat(os.path.join(locales, EN)).st_size >= MIN_CATALOGUE_BYTES
    except OSError:
        large = False
    if not large:
        return load_terms(locales, progress=progress)
    from .textio import iter_lines

    texts = ["\n".join(line for _n, line in iter_lines(p, empty_ok=True)) for p in paths]
    forms, zh, en, categories = forms_in(locales, texts, progress=progress)
    terms = Terms(forms, zh, en, categories)
    terms.relations = load_relations(locales, progress=progress)
    return terms
