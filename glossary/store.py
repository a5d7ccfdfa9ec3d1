"""Entry <-> PO mapping; reading and writing the catalogues under ``locales/``; the field rules
that every importer, ``curate --note`` and every exporter apply.

Which PO part holds what (see shared/FORMATS.md §5 for what GNU tools keep):

- ``msgid``: the simplified term; ``msgstr``: English (``en``), or the traditional form (``zh_TW``,
  ``zh_HK``);
- ``#`` translator comments: human-owned data, every line written as ``KEY: VALUE`` (keys in
  ``HUMAN_KEYS``; notes are ``note: TEXT``). Reading, a ``#`` line with no known key is a note
  (written by hand in Poedit) and is written back as ``note: ...``, so no note is ever read as a
  key. msgmerge keeps translator comments;
- ``#.`` extracted comments: generated data (category, status, pinyin, traditional forms, review
  flags), rewritten by every build (msgmerge takes them from the POT, which carries the same);
- ``#:`` occurrences in the seeds; ``#, fuzzy``: not yet reviewed; ``#~``: left the seeds.

Field rules (``clean_fields``): every field is one line. No field may hold a C0 control
(U+0000-U+001F, TAB and line breaks included), DEL or a C1 control (U+007F-U+009F, NEL U+0085
included), U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR, a lone surrogate or U+FFFE/U+FFFF;
such a value is refused with the file, row and field, never stored. White space around a value is
not kept. A deprecated rendering may not contain ``|`` (the separator before its reason);
``reviewed_on`` is an ISO date; ``category`` and ``status`` are from their vocabularies.

A numbered formula's parts (issue 16): ``# part: ZH`` names an entry, ``# part: ZH | EN`` is a
clause that is no entry, with its English (repeated, in the official order); ``# parts-source:``;
``# parts-former: PERIOD | ZH; ZH; ... | SOURCE`` (repeated, one per earlier version); ``# no-parts:
REASON``. A part's text may not contain ``|``; a former version's period may not contain ``|`` and
its parts neither ``|`` nor ``;``. On each entry named as a part, every write of the catalogues
puts the computed ``#. part-of: FORMULA`` (one per formula).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .enrich import with_computed as with_computed  # noqa: PLC0414 - moved to enrich; re-exported
from .errors import FieldError, FormatError, InputError
from .models import Category, Deprecated, Entry, FormerParts, Part, Status
from .paths import CATALOGS, DOMAIN, EN, POT, ZH_HK, ZH_TW, require_glossary

if TYPE_CHECKING:
    import polib

_DATE_PLACEHOLDER = "@DATE@"

# ------------------------------------------------------------------------------------ field rules
#: Single-line text fields of an Entry that people own (import, export, PO comments).
TEXT_FIELDS = (
    "en",
    "literal",
    "definition",
    "category",
    "status",
    "source",
    "pinyin",
    "pinyin_orthographic",
    "zh_tw",
    "zh_hk",
    "reviewed_by",
    "reviewed_on",
    "parts_source",
    "no_parts",
)
#: Fields that hold a list of single-line texts.
LIST_FIELDS = ("en_alt", "variants", "notes")
DEPRECATED_SEP = "|"
#: between a clause part's text and its English, and between a former version's three fields
PART_SEP = "|"
#: between the parts of a former version
FORMER_PART_SEP = ";"
_NAMES = {
    "\t": "tab",
    "\n": "line feed",
    "\r": "carriage return",
    "\x0b": "vertical tab",
    "\x0c": "form feed",
    "\x85": "next line",
    "\u2028": "line separator",
    "\u2029": "paragraph separator",
}
_REFUSED = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def describe(ch: str) -> str:
    """How an error names a refused character: ``control character U+000B (vertical tab)``,
    ``line separator U+2028``."""
    code = ord(ch)
    if ch in ("\u2028", "\u2029"):
        return f"{_NAMES[ch]} U+{code:04X}"
    if 0xD800 <= code <= 0xDFFF:
        return f"lone surrogate U+{code:04X}"
    if code in (0xFFFE, 0xFFFF):
        return f"non-character U+{code:04X}"
    name = _NAMES.get(ch)
    return f"control character U+{code:04X}" + (f" ({name})" if name else "")


def text_problem(value: str) -> str | None:
    """Why ``value`` cannot be (part of) a field, or None: the first refused character."""
    m = _REFUSED.search(value)
    return describe(m.group()) if m else None


def _text(field: str, value: object) -> str:
    if not isinstance(value, str):
        raise FieldError(field, f"expected a string, not {_kind(value)}")
    problem = text_problem(value)
    if problem:
        raise FieldError(field, problem)
    return value.strip()


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, (int, float)):
        return "a number"
    return "null" if value is None else type(value).__name__


def clean_term(value: object, field: str = "zh") -> str:
    """The simplified term as stored: checked, Unicode-normalized.

    Raises:
        FieldError: not a string, a refused character, or empty.
    """
    from .keys import normalize

    zh = normalize(_text(field, value))
    if not zh:
        raise FieldError(field, "empty term")
    return zh


def clean_value(field: str, value: object) -> object:
    """One field's value as stored (surrounding white space removed, empty list items dropped).

    Raises:
        FieldError: a wrong type, a refused character, a bad date or an unknown vocabulary word.
    """
    if field == "reviewed":
        if not isinstance(value, bool):
            raise FieldError(field, f"expected true or false, not {_kind(value)}")
        return value
    if field in LIST_FIELDS:
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            raise FieldError(field, "expected a list of strings")
        return tuple(x for x in (_text(field, v) for v in value) if x)
    if field == "en_deprecated":
        if not isinstance(value, (list, tuple)) or not all(
            isinstance(v, Deprecated) for v in value
        ):
            raise FieldError(field, "expected a list of {en, reason} objects")
        return tuple(d for d in (_deprecated(d) for d in value) if d.en or d.reason)
    if field == "parts":
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, Part) for v in value):
            raise FieldError(field, "expected a list of {zh, en} objects")
        return tuple(p for p in (_part(p) for p in value) if p.zh)
    if field == "parts_former":
        if not isinstance(value, (list, tuple)) or not all(
            isinstance(v, FormerParts) for v in value
        ):
            raise FieldError(field, "expected a list of {period, parts, source} objects")
        return tuple(_former(f) for f in value)
    text = _text(field, value)
    if field == "reviewed_on" and text:
        if not _ISO_DATE.fullmatch(text) or not _is_date(text):
            raise FieldError(field, f"expected an ISO date YYYY-MM-DD, not {text!r}")
    elif field == "category" and text and text not in {c.value for c in Category}:
        names = ", ".join(c.value for c in Category)
        raise FieldError(field, f"unknown category {text!r} ({names})")
    elif field == "status" and text and text not in {s.value for s in Status}:
        names = ", ".join(s.value for s in Status)
        raise FieldError(field, f"unknown status {text!r} ({names})")
    return text


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _deprecated(d: Deprecated) -> Deprecated:
    en = _text("en_deprecated", d.en)
    reason = _text("en_deprecated", d.reason)
    if DEPRECATED_SEP in en:
        raise FieldError("en_deprecated", f"a rendering may not contain {DEPRECATED_SEP!r}: {en!r}")
    if not en and reason:
        raise FieldError("en_deprecated", f"a reason without a rendering: {reason!r}")
    return Deprecated(en, reason)


def _part(p: Part) -> Part:
    zh = _text("parts", p.zh)
    en = _text("parts", p.en)
    if PART_SEP in zh:
        raise FieldError("parts", f"a part may not contain {PART_SEP!r}: {zh!r}")
    if en and not zh:
        raise FieldError("parts", f"English without the part's text: {en!r}")
    return Part(zh, en)


def _former(f: FormerParts) -> FormerParts:
    period = _text("parts_former", f.period)
    source = _text("parts_former", f.source)
    if not isinstance(f.parts, (list, tuple)) or not all(isinstance(x, str) for x in f.parts):
        raise FieldError("parts_former", "expected the parts as a list of strings")
    parts = tuple(x for x in (_text("parts_former", x) for x in f.parts) if x)
    if not period:
        raise FieldError("parts_former", "a former version without its period")
    if PART_SEP in period:
        raise FieldError("parts_former", f"a period may not contain {PART_SEP!r}: {period!r}")
    if not parts:
        raise FieldError("parts_former", f"a former version without parts ({period!r})")
    for x in parts:
        if PART_SEP in x or FORMER_PART_SEP in x:
            raise FieldError(
                "parts_former",
                f"a former part may not contain {PART_SEP!r} or {FORMER_PART_SEP!r}: {x!r}",
            )
    return FormerParts(period, parts, source)


def part_text(p: Part) -> str:
    """``ZH`` (an entry) or ``ZH | EN`` (a clause): a part as its PO comment writes it."""
    return f"{p.zh} {PART_SEP} {p.en}" if p.en else p.zh


#: what the separators of a part or a former version are padded with; not every white space, so
#: that a character a field refuses (a line separator, U+2028) is seen by the validator
_BLANKS = " \t"


def parse_part(text: str) -> Part:
    """The inverse of ``part_text``: the part's text ends at the first ``|``."""
    zh, _, en = text.partition(PART_SEP)
    return Part(zh.strip(_BLANKS), en.strip(_BLANKS))


def former_text(f: FormerParts) -> str:
    """``PERIOD | ZH; ZH | SOURCE`` (or without `` | SOURCE``): a former version's PO comment.

    >>> former_text(FormerParts("2014-2020", ("全面建成小康社会", "全面深化改革"), "Xinhua"))
    '2014-2020 | 全面建成小康社会; 全面深化改革 | Xinhua'
    """
    head = f"{f.period} {PART_SEP} {(FORMER_PART_SEP + ' ').join(f.parts)}"
    return f"{head} {PART_SEP} {f.source}" if f.source else head


def parse_former(text: str) -> FormerParts:
    """The inverse of ``former_text`` (the source is everything after the second ``|``)."""
    period, _, rest = text.partition(PART_SEP)
    parts, _, source = rest.partition(PART_SEP)
    items = tuple(x.strip(_BLANKS) for x in parts.split(FORMER_PART_SEP) if x.strip(_BLANKS))
    return FormerParts(period.strip(_BLANKS), items, source.strip(_BLANKS))


def with_part_of(entries: list[Entry]) -> list[Entry]:
    """``entries`` with ``part_of`` computed: on each entry that a formula of ``entries`` names
    as a part (not a clause, not a former part), the formulas, in catalogue order."""
    owners: dict[str, list[str]] = {}
    for e in entries:
        for p in e.parts:
            if not p.en and p.zh != e.zh:
                owners.setdefault(p.zh, [])
                if e.zh not in owners[p.zh]:
                    owners[p.zh].append(e.zh)
    if not owners and not any(e.part_of for e in entries):
        return entries
    out = []
    for e in entries:
        part_of = tuple(owners.get(e.zh, ()))
        out.append(e if e.part_of == part_of else replace(e, part_of=part_of))
    return out


def clean_fields(raw: Mapping[str, object]) -> dict[str, object]:
    """Every field of an imported row as stored (``clean_value`` on each).

    Raises:
        FieldError: the first refused field.
    """
    return {key: clean_value(key, value) for key, value in raw.items()}


def deprecated_text(d: Deprecated) -> str:
    """``EN | REASON`` (or ``EN``): a deprecated rendering as the PO comment and the TSV write it."""
    return f"{d.en} {DEPRECATED_SEP} {d.reason}" if d.reason else d.en


def parse_deprecated(text: str) -> Deprecated:
    """The inverse of ``deprecated_text``: the rendering ends at the first ``|``."""
    en, _, reason = text.partition(DEPRECATED_SEP)
    return Deprecated(en.strip(), reason.strip())


def check_entry(e: Entry) -> None:
    """Refuse an entry that holds a value no field may hold (before anything is written).

    Raises:
        FieldError: the first such field, the term named in its message.
    """
    if _plainly_valid(e):
        return
    try:
        clean_term(e.zh)
        for key in TEXT_FIELDS:
            clean_value(key, _value(getattr(e, key)))
        for key in LIST_FIELDS:
            clean_value(key, getattr(e, key))
        clean_value("en_deprecated", e.en_deprecated)
        clean_value("parts", e.parts)
        clean_value("parts_former", e.parts_former)
        for zh in e.part_of:
            _text("part_of", zh)
    except FieldError as exc:
        raise FieldError(exc.field, f"{exc.problem} (term {e.zh!r})") from None


def _plainly_valid(e: Entry) -> bool:
    # the common case in one regular-expression search (a build checks every entry it writes);
    # anything unusual takes the field-by-field path, which names the field
    texts = [getattr(e, key) for key in TEXT_FIELDS if key not in ("category", "status")]
    texts += [e.zh, *e.en_alt, *e.variants, *e.notes]
    texts += [d.en + d.reason for d in e.en_deprecated]
    if e.parts or e.parts_former or e.part_of:
        return False  # rare: the field-by-field path
    return (
        all(isinstance(t, str) for t in texts)
        and _REFUSED.search("".join(texts)) is None
        and e.zh.isprintable()
        and bool(e.zh.strip())
        and not e.reviewed_on
        and all(d.en.strip() and DEPRECATED_SEP not in d.en for d in e.en_deprecated)
    )


# ------------------------------------------------------------------------------- comment layout
def _value(value: object) -> str:
    return value.value if isinstance(value, (Category, Status)) else str(value or "")


#: ``# KEY: VALUE`` translator-comment lines, in the order written, with the Entry field each
#: holds. A human-owned override is written only when a person set it; ``note`` comes last.
_HUMAN_LINES: tuple[tuple[str, str, Callable[[Entry], list[str]]], ...] = (
    ("status", "status", lambda e: [_value(e.status)]),
    ("source", "source", lambda e: [e.source]),
    ("en-alt", "en_alt", lambda e: list(e.en_alt)),
    ("en-deprecated", "en_deprecated", lambda e: [deprecated_text(d) for d in e.en_deprecated]),
    ("variant", "variants", lambda e: list(e.variants)),
    ("literal", "literal", lambda e: [e.literal]),
    ("definition", "definition", lambda e: [e.definition]),
    ("pinyin-orthographic", "pinyin_orthographic", lambda e: [e.pinyin_orthographic]),
    ("pinyin", "pinyin", lambda e: [e.pinyin] if e.pinyin_override else []),
    ("zh-TW", "zh_tw", lambda e: [e.zh_tw] if e.zh_tw_override else []),
    ("zh-HK", "zh_hk", lambda e: [e.zh_hk] if e.zh_hk_override else []),
    ("reviewed-by", "reviewed_by", lambda e: [e.reviewed_by]),
    ("reviewed-on", "reviewed_on", lambda e: [e.reviewed_on]),
    ("part", "parts", lambda e: [part_text(p) for p in e.parts]),
    ("parts-source", "parts_source", lambda e: [e.parts_source]),
    ("parts-former", "parts_former", lambda e: [former_text(f) for f in e.parts_former]),
    ("no-parts", "no_parts", lambda e: [e.no_parts]),
    ("note", "notes", lambda e: list(e.notes)),
)
#: The comment key of each human-owned Entry field, and the keys that may occur several times.
HUMAN_KEYS = {key: attr for key, attr, _ in _HUMAN_LINES}
_REPEATED = {"en-alt", "en-deprecated", "variant", "note", "part", "parts-former"}
_GENERATED_LINES: tuple[tuple[str, Callable[[Entry], list[str]]], ...] = (
    ("category", lambda e: [_value(e.category)]),
    ("status", lambda e: [_value(e.status)]),
    ("pinyin", lambda e: [e.pinyin]),
    ("zh-TW", lambda e: [e.zh_tw]),
    ("zh-HK", lambda e: [e.zh_hk]),
    ("check-hant", lambda e: [e.hant_check]),
    ("part-of", lambda e: list(e.part_of)),
)
_KEY_LINE = re.compile("^(" + "|".join(re.escape(k) for k in HUMAN_KEYS) + r"):\s?(.*)$")


def parse_translator_comments(text: str) -> dict[str, list[str]]:
    """Translator-comment text -> values by key; a line with no known key is a ``note``."""
    fields: dict[str, list[str]] = {}
    for raw in (text or "").split("\n"):
        line = raw.strip()
        if not line:
            continue
        m = _KEY_LINE.match(line)
        key, value = (m.group(1), m.group(2).strip()) if m else ("note", line)
        if value:
            fields.setdefault(key, []).append(value)
    return fields


def parse_extracted_comments(text: str) -> dict[str, str]:
    """Extracted-comment text -> the first value of each key."""
    out: dict[str, str] = {}
    for line in (text or "").split("\n"):
        key, sep, value = line.partition(":")
        if sep:
            out.setdefault(key.strip(), value.strip())
    return out


def extracted_values(text: str, key: str) -> list[str]:
    """Every value of a repeated extracted-comment key (``part-of``), in order."""
    out = []
    for line in (text or "").split("\n"):
        k, sep, value = line.partition(":")
        if sep and k.strip() == key and value.strip():
            out.append(value.strip())
    return out


def entry_from_po(po: polib.POEntry, *, zh_tw: str = "", zh_hk: str = "", name: str = "") -> Entry:
    """An Entry from a polib POEntry of the English catalogue (and the traditional catalogues'
    msgstr). Works on any zh->en PO: missing comments leave fields empty.

    Raises:
        FormatError: a value no field may hold, or a single-valued key given twice (``name`` and
            the entry's line in the message).
    """
    human = parse_translator_comments(po.tcomment)
    generated = parse_extracted_comments(po.comment)
    line = int(getattr(po, "linenum", 0) or 0) or None
    for key, values in human.items():
        if len(values) > 1 and key not in _REPEATED:
            raise FormatError(
                name or "PO", line, f"{po.msgid}: '# {key}:' given {len(values)} times"
            )

    def first(key: str) -> str:
        return human.get(key, [""])[0]

    status = first("status") or generated.get("status", "")
    category = generated.get("category", "")
    try:
        status_v = Status(status) if status else None
    except ValueError:
        status_v = None
    try:
        category_v = Category(category) if category else None
    except ValueError:
        category_v = None
    pinyin_override = "pinyin" in human
    tw_override = "zh-TW" in human
    hk_override = "zh-HK" in human
    entry = Entry(
        zh=po.msgid,
        en=po.msgstr,
        en_alt=tuple(human.get("en-alt", [])),
        en_deprecated=tuple(parse_deprecated(t) for t in human.get("en-deprecated", [])),
        variants=tuple(human.get("variant", [])),
        literal=first("literal"),
        definition=first("definition"),
        category=category_v,
        status=status_v,
        source=first("source"),
        pinyin=first("pinyin") if pinyin_override else generated.get("pinyin", ""),
        pinyin_orthographic=first("pinyin-orthographic"),
        zh_tw=first("zh-TW") if tw_override else (zh_tw or generated.get("zh-TW", "")),
        zh_hk=first("zh-HK") if hk_override else (zh_hk or generated.get("zh-HK", "")),
        pinyin_override=pinyin_override,
        zh_tw_override=tw_override,
        zh_hk_override=hk_override,
        reviewed=not po.fuzzy and bool(po.msgstr),
        reviewed_by=first("reviewed-by"),
        reviewed_on=first("reviewed-on"),
        locations=tuple(f"{f}:{n}" if n else f for f, n in po.occurrences),
        notes=tuple(human.get("note", [])),
        parts=tuple(parse_part(t) for t in human.get("part", [])),
        parts_source=first("parts-source"),
        parts_former=tuple(parse_former(t) for t in human.get("parts-former", [])),
        no_parts=first("no-parts"),
        part_of=tuple(extracted_values(po.comment, "part-of")),
        hant_check=generated.get("check-hant", ""),
        obsolete=po.obsolete,
    )
    try:
        check_entry(entry)
    except FieldError as exc:
        raise FormatError(name or "PO", line, str(exc)) from None
    return entry


def _key_lines(entry: Entry, spec: Iterable[tuple[str, Callable[[Entry], list[str]]]]) -> list[str]:
    return [f"{key}: {value}" for key, values in spec for value in values(entry) if value]


def human_comment(entry: Entry) -> str:
    """The translator-comment text of an entry's human-owned data, every line keyed.

    Raises:
        FieldError: the entry holds a value no field may hold (it would inject PO lines).
    """
    check_entry(entry)
    return "\n".join(_key_lines(entry, ((k, f) for k, _, f in _HUMAN_LINES)))


def generated_comment(entry: Entry) -> str:
    """The extracted-comment text: data a build recomputes, shown by CAT tools."""
    return "\n".join(_key_lines(entry, _GENERATED_LINES))


def _occurrences(entry: Entry) -> list[tuple[str, str]]:
    out = []
    for loc in entry.locations:
        file, _, line = loc.rpartition(":")
        out.append((file, line) if file and line.isdigit() else (loc, ""))
    return out


def _header(language: str, team: str, plural: str, *, template: bool) -> dict[str, str]:
    return {
        "Project-Id-Version": f"{DOMAIN} 1",
        "Report-Msgid-Bugs-To": "glossary curators",
        "POT-Creation-Date": _DATE_PLACEHOLDER,
        "PO-Revision-Date": _DATE_PLACEHOLDER,
        "Last-Translator": "glossary curators",
        "Language-Team": team,
        "Language": "" if template else language,  # a template has no language yet
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural,
        "X-Source-Language": "zh_CN",
        "X-Generator": f"glossary {__version__}",
    }


_KINDS = {
    POT: ("en", "none", "nplurals=2; plural=(n != 1);", True),
    EN: ("en", "English", "nplurals=2; plural=(n != 1);", False),
    ZH_TW: ("zh_TW", "Chinese (Taiwan)", "nplurals=1; plural=0;", False),
    ZH_HK: ("zh_HK", "Chinese (Hong Kong)", "nplurals=1; plural=0;", False),
}


def _catalog_text(kind: str, entries: list[Entry], obsolete: list[Entry]) -> str:
    import polib

    language, team, plural, template = _KINDS[kind]
    po = polib.POFile(wrapwidth=0)
    po.header = (
        "Glossary of slogans and program names in Chinese policy documents.\n"
        "Generated by `glossary build` from seeds/ and curation.tsv; human-owned data lives in the\n"
        "translator comments (# key: value; notes are # note: text) and msgstr of the English\n"
        "catalogue."
    )
    po.metadata = _header(language, team, plural, template=template)
    for e in entries:
        if kind is POT:
            msgstr, tcomment, fuzzy = "", "", False
        elif kind is EN:
            msgstr, tcomment, fuzzy = e.en, human_comment(e), not e.reviewed
        else:
            msgstr = e.zh_tw if kind is ZH_TW else e.zh_hk
            tcomment, fuzzy = "", not e.reviewed
        po.append(
            polib.POEntry(
                msgid=e.zh,
                msgstr=msgstr,
                tcomment=tcomment,
                comment=generated_comment(e),
                occurrences=_occurrences(e),
                flags=["fuzzy"] if fuzzy and msgstr else [],
            )
        )
    if kind is EN:
        for e in obsolete:
            po.append(
                polib.POEntry(
                    msgid=e.zh,
                    msgstr=e.en,
                    tcomment=human_comment(e),
                    obsolete=True,
                    flags=[] if e.reviewed else ["fuzzy"],
                )
            )
    return str(po) + ("\n" if not str(po).endswith("\n") else "")


_DATE_LINE = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): [^"]*\\n"$', re.M)


def _stamp(new: str, old: str | None) -> str:
    """Fill in the header dates: the previous ones when nothing else changed (so that a rebuild
    changes no byte), else SOURCE_DATE_EPOCH or now."""
    if old is not None and (
        _DATE_LINE.sub(lambda m: f'"{m.group(1)}: {_DATE_PLACEHOLDER}\\n"', old) == new
    ):
        return old
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = (
        datetime.fromtimestamp(int(epoch), UTC) if epoch and epoch.isdigit() else datetime.now(UTC)
    )
    return new.replace(_DATE_PLACEHOLDER, when.strftime("%Y-%m-%d %H:%M+0000"))


def catalog_text(
    kind: str, entries: list[Entry], obsolete: Iterable[Entry] = (), *, old: str | None = None
) -> str:
    """One catalogue (``kind``: ``paths.EN``, ``POT``, ``ZH_TW`` or ``ZH_HK``) of ``entries`` as
    text, its header dated (``old``: the file as it was, whose dates stay when nothing else
    changed)."""
    return _stamp(_catalog_text(kind, entries, list(obsolete)), old)


def to_catalog_texts(locales: Path, entries: list[Entry], obsolete: list[Entry]) -> dict[Path, str]:
    """The four catalogue files for ``entries`` (in order) and ``obsolete`` ones, as text; each
    entry's ``part_of`` computed from the formulas among ``entries`` (``with_part_of``)."""
    from .textio import read_text

    entries = with_part_of(entries)
    out: dict[Path, str] = {}
    for kind in CATALOGS:
        path = locales / kind
        old = read_text(path, po=True)[0] if path.exists() else None  # as read_po reads it
        out[path] = _stamp(_catalog_text(kind, entries, obsolete), old)
    return out


# a keyword line or a continuation string (the #~ of an obsolete entry is taken off first)
_PO_LINE = re.compile(
    r'(?:(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+)?"([^"\\]*(?:\\.[^"\\]*)*)"\s*$'
)
# Characters that end a line for Python (str.splitlines, and so polib) but not for GNU gettext,
# and every other control character: refused anywhere in a PO file, before polib splits it.
_RAW_REFUSED = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_LONE_CR = re.compile("\r(?!\n)")


def check_po_syntax(text: str, name: str) -> None:
    """Reject what polib would silently accept or misread, with the line number: an unterminated
    string or a stray line, a control character or line separator (Python would split the line
    there), a ``msgid`` without ``msgstr``, plural or context entries (a glossary entry is one
    term and one rendering) and a msgid given twice.

    Raises:
        FormatError: the first problem; a duplicate names both lines.
    """
    import polib

    m = _RAW_REFUSED.search(text) or ("\r" in text and _LONE_CR.search(text)) or None
    if m:
        at = text.count("\n", 0, m.start()) + 1
        start = text.rfind("\n", 0, m.start()) + 1
        part = _po_part(text[start : m.start()])
        raise FormatError(name, at, f"field {part}: {describe(m.group()[0])}")
    seen: dict[str, int] = {}
    msgid_line = 0  # the line of the msgid whose msgstr is still to come
    parts: list[str] = []
    keyword = ""

    def finish_msgid(number: int) -> None:
        msgid = "".join(parts)
        msgid = polib.unescape(msgid) if "\\" in msgid else msgid
        if msgid in seen:
            raise FormatError(name, seen[msgid], f"duplicate msgid {_quoted(msgid)}", also=number)
        seen[msgid] = number

    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        obsolete = stripped.startswith("#~")
        if obsolete:
            stripped = stripped[2:].strip()
            if not stripped or stripped.startswith("|"):
                continue
        elif not stripped or stripped.startswith("#"):
            if msgid_line and not stripped:
                continue
            if msgid_line:
                raise FormatError(name, msgid_line, "msgid without msgstr")
            continue
        m = _PO_LINE.match(stripped)
        if m is None:
            raise FormatError(name, number, f"malformed PO line: {stripped[:60]!r}")
        if m.group(1) is None:  # a continuation string
            if keyword == "msgid":
                parts.append(m.group(2))
            continue
        keyword = m.group(1)
        if keyword == "msgctxt":
            raise FormatError(name, number, "msgctxt is not supported (one entry per term)")
        if keyword == "msgid_plural" or keyword.startswith("msgstr["):
            raise FormatError(name, number, f"{keyword}: plural entries are not glossary entries")
        if keyword == "msgid":
            if msgid_line:
                raise FormatError(name, msgid_line, "msgid without msgstr")
            msgid_line, parts = number, [m.group(2)]
        else:  # msgstr
            if not msgid_line:
                raise FormatError(name, number, "msgstr without msgid")
            finish_msgid(msgid_line)
            msgid_line = 0
    if msgid_line:
        raise FormatError(name, msgid_line, "msgid without msgstr")


def _po_part(line: str) -> str:
    """The field that a PO line holds, for messages: a keyed comment's field, ``notes`` for an
    unkeyed translator comment, ``zh`` (msgid) or ``en`` (msgstr)."""
    stripped = line.strip()
    if stripped.startswith("#~"):
        stripped = stripped[2:].strip()
    if stripped.startswith(("#.", "#:", "#,", "#|")):
        return "comment"
    if stripped.startswith("#"):
        m = _KEY_LINE.match(stripped[1:].strip())
        return HUMAN_KEYS[m.group(1)] if m else "notes"
    return (
        "zh"
        if stripped.startswith("msgid")
        else "en"
        if stripped.startswith("msgstr")
        else "string"
    )


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def read_po(path: Path) -> polib.POFile:
    """Parse a PO file with polib, turning its errors into a FormatError with the line number."""
    import polib

    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory")
    from .textio import read_text

    text, _ = read_text(path, po=True)  # BOM, else the header charset, else detected
    if "\x00" in text:
        raise InputError(f"{path}: binary data, not a PO file")
    check_po_syntax(text, str(path))
    try:
        return polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError) as exc:
        message = str(exc)
        m = re.search(r"\(line (\d+)\)", message)
        detail = message.split("):", 1)[1].strip() if "):" in message else "syntax error"
        raise FormatError(
            str(path), int(m.group(1)) if m else None, f"malformed PO: {detail}"
        ) from None


def read_entries(locales: Path, *, include_obsolete: bool = False) -> list[Entry]:
    """Every entry of the glossary in ``locales`` (English catalogue plus traditional forms).

    Raises:
        InputError: there is no English catalogue.
        FormatError: a catalogue is malformed.
    """
    from .fsutil import locked

    require_glossary(locales)
    en_path = locales / EN
    with locked(locales, command="glossary (reading)", shared=True):  # never half a commit
        en = read_po(en_path)
        forms: dict[str, dict[str, str]] = {}
        for kind in (ZH_TW, ZH_HK):
            path = locales / kind
            forms[kind] = {e.msgid: e.msgstr for e in read_po(path)} if path.exists() else {}
    entries = []
    for po in en:
        if po.msgid and (include_obsolete or not po.obsolete):
            entries.append(
                entry_from_po(
                    po,
                    zh_tw=forms[ZH_TW].get(po.msgid, ""),
                    zh_hk=forms[ZH_HK].get(po.msgid, ""),
                    name=str(en_path),
                )
            )
    return entries
