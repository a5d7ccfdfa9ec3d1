"""Small typed records that the stages exchange."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Category(StrEnum):
    """What kind of term an entry is."""

    SLOGAN = "slogan"  #: a coined formula or watchword (八八战略, 两个确立)
    PROGRAM = "program"  #: a program, campaign, project or reform (千万工程)
    BRAND = "brand"  #: a named brand or award (浙江制造天工鼎)
    PLATFORM = "platform"  #: a named zone, corridor, hub, laboratory, park, port (G60科创走廊)
    CONCEPT = "concept"  #: a fixed policy concept (新质生产力, 共同富裕)
    PLACE = "place"  #: a place that occurs inside terms (嘉善, 甪里)


class Status(StrEnum):
    """How far the preferred English rendering can be trusted."""

    OFFICIAL = "official"  #: used by an authority; the entry names publisher and year or URL
    ESTABLISHED = "established"  #: in wide use, no single authority
    PROPOSED = "proposed"  #: ours


class Decision(StrEnum):
    """A curator's decision about a term, kept in ``curation.tsv``."""

    ACCEPT = "accept"  #: a term found in the seeds; it becomes obsolete when it leaves them
    ADD = "add"  #: a term added by hand; it stays active whether or not the seeds have it
    REJECT = "reject"  #: not a term; the extractor no longer proposes it


@dataclass(frozen=True, slots=True)
class Segment:
    """One line of an input document, decoded, with its location."""

    file: str
    line: int
    text: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """A term proposed by the extractor."""

    zh: str  #: as first written in the input
    zh_hans: str  #: its simplified form
    category: Category
    count: int
    file: str  #: first location
    line: int
    quoted: bool  #: seen at least once inside quotation marks
    known: bool  #: the glossary already has it
    locations: tuple[str, ...] = ()  #: ``FILE:LINE`` of every occurrence, capped


@dataclass(frozen=True, slots=True)
class CurationRow:
    """One line of ``curation.tsv``."""

    zh: str
    decision: Decision
    category: Category | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Deprecated:
    """A rendering not to use, and why (superseded official wording, a calque ...)."""

    en: str  #: the rendering; may not contain ``|`` (the separator before the reason)
    reason: str = ""  #: e.g. "superseded in 2015 (NDRC et al.)"


@dataclass(frozen=True, slots=True)
class Part:
    """One part of a numbered formula (四个全面 lists four), in the formula's official order."""

    zh: str  #: an entry's simplified term, or a clause's text; may not contain ``|``
    en: str = ""  #: only for a clause; empty when ``zh`` names an entry (its English is used)


@dataclass(frozen=True, slots=True)
class FormerParts:
    """An earlier version of a formula's parts (四个全面's first part until 2020)."""

    period: str  #: when it held, e.g. "2014-2020"; may not contain ``|``
    parts: tuple[
        str, ...
    ]  #: the simplified terms of its parts (entries); none holds ``;`` or ``|``
    source: str = ""  #: where that list was published


@dataclass(frozen=True, slots=True)
class Entry:
    """A glossary entry: one simplified Chinese term and everything known about it."""

    zh: str  #: simplified term, the PO msgid
    en: str = ""  #: preferred English rendering, the msgstr of the English catalogue
    en_alt: tuple[str, ...] = ()  #: other attested renderings
    en_deprecated: tuple[Deprecated, ...] = ()  #: renderings not to use, with the reason
    variants: tuple[str, ...] = ()  #: other written forms of the term (两山, older names)
    literal: str = ""  #: literal rendering where the preferred one is free
    definition: str = ""  #: one or two English sentences
    category: Category | None = None
    status: Status | None = None
    source: str = ""  #: publisher and year or URL of an official/established rendering
    pinyin: str = ""  #: tone marks, one syllable per character, separated by spaces
    pinyin_orthographic: str = ""  #: GB/T 16159 word-joined form, curated
    zh_tw: str = ""  #: Taiwan traditional form
    zh_hk: str = ""  #: Hong Kong traditional form
    pinyin_override: bool = False  #: pinyin was set by a person, not computed
    zh_tw_override: bool = False
    zh_hk_override: bool = False
    reviewed: bool = False  #: a person checked English, pinyin and traditional forms
    reviewed_by: str = ""  #: who reviewed it: a role ("second terminologist")
    reviewed_on: str = ""  #: when: an ISO date, YYYY-MM-DD
    locations: tuple[str, ...] = ()  #: ``seeds/FILE:LINE``
    notes: tuple[str, ...] = ()  #: free translator comments, kept verbatim
    parts: tuple[Part, ...] = ()  #: a numbered formula's parts, in their official order
    parts_source: str = ""  #: where the list of parts was published
    parts_former: tuple[FormerParts, ...] = ()  #: earlier versions of the list, oldest first
    no_parts: str = ""  #: why a numbered formula lists no parts (or why a numeral is no formula)
    part_of: tuple[str, ...] = ()  #: the formulas that list this entry as a part (computed)
    hant_check: str = ""  #: characters with several traditional forms, for review
    obsolete: bool = False  #: left the seeds; kept as ``#~``
    extra: dict[str, str] = field(
        default_factory=dict, compare=False
    )  #: computed forms (pinyin_numbers …)
