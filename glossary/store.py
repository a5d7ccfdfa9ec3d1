"""Entry <-> PO mapping; reading and writing the catalogues under ``locales/``.

Which PO part holds what (see shared/FORMATS.md §5 for what GNU tools keep):

- ``msgid``: the simplified term; ``msgstr``: English (``en``), or the traditional form (``zh_TW``,
  ``zh_HK``);
- ``#`` translator comments: human-owned data as ``key: value`` lines (``status``, ``source``,
  ``en-alt``, ``literal``, ``definition``, ``pinyin-orthographic``, and reviewed overrides
  ``pinyin``, ``zh-TW``, ``zh-HK``); any other line is a note, kept verbatim. msgmerge keeps them;
- ``#.`` extracted comments: generated data (category, status, pinyin, traditional forms, review
  flags), rewritten by every build (msgmerge takes them from the POT, which carries the same);
- ``#:`` occurrences in the seeds; ``#, fuzzy``: not yet reviewed; ``#~``: left the seeds.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from .errors import FormatError, InputError
from .models import Category, Entry, Status
from .paths import CATALOGS, DOMAIN, EN, POT, ZH_HK, ZH_TW

_DATE_PLACEHOLDER = "@DATE@"


def _parse_tcomment(text: str) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for line in (text or "").splitlines():
        m = _KEY_LINE.match(line.strip())
        if m:
            fields.setdefault(m.group(1), []).append(m.group(2).strip())
        else:
            fields.setdefault("note", []).append(line)
    return fields


def _parse_generated(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in (text or "").splitlines():
        key, sep, value = line.partition(":")
        if sep:
            out.setdefault(key.strip(), value.strip())
    return out


def entry_from_po(po, *, zh_tw: str = "", zh_hk: str = "") -> Entry:
    """An Entry from a polib POEntry of the English catalogue (and the traditional catalogues'
    msgstr). Works on any zh->en PO: missing comments leave fields empty."""
    human = _parse_tcomment(po.tcomment)
    generated = _parse_generated(po.comment)
    first = lambda key: human.get(key, [""])[0]  # noqa: E731
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
    return Entry(
        zh=po.msgid,
        en=po.msgstr,
        en_alt=tuple(a for a in human.get("en-alt", []) if a),
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
        locations=tuple(f"{f}:{n}" if n else f for f, n in po.occurrences),
        notes=tuple(human.get("note", [])),
        hant_check=generated.get("check-hant", ""),
        obsolete=po.obsolete,
    )


def _value(value) -> str:
    return value.value if hasattr(value, "value") else (value or "")


# key: value lines of each comment kind, in the order written. A human-owned override is written
# only when a person set it; the generated lines always carry the current value.
_HUMAN_LINES = (
    ("status", lambda e: [_value(e.status)]),
    ("source", lambda e: [e.source]),
    ("en-alt", lambda e: list(e.en_alt)),
    ("literal", lambda e: [e.literal]),
    ("definition", lambda e: [e.definition]),
    ("pinyin-orthographic", lambda e: [e.pinyin_orthographic]),
    ("pinyin", lambda e: [e.pinyin] if e.pinyin_override else []),
    ("zh-TW", lambda e: [e.zh_tw] if e.zh_tw_override else []),
    ("zh-HK", lambda e: [e.zh_hk] if e.zh_hk_override else []),
)
_GENERATED_LINES = (
    ("category", lambda e: [_value(e.category)]),
    ("status", lambda e: [_value(e.status)]),
    ("pinyin", lambda e: [e.pinyin]),
    ("zh-TW", lambda e: [e.zh_tw]),
    ("zh-HK", lambda e: [e.zh_hk]),
    ("check-hant", lambda e: [e.hant_check]),
)
_KEY_LINE = re.compile("^(" + "|".join(re.escape(k) for k, _ in _HUMAN_LINES) + r"):\s?(.*)$")


def _key_lines(entry: Entry, spec) -> list[str]:
    return [f"{key}: {value}" for key, values in spec for value in values(entry) if value]


def human_comment(entry: Entry) -> str:
    """The translator-comment text of an entry's human-owned data (and its free notes)."""
    return "\n".join(_one_line(x) for x in _key_lines(entry, _HUMAN_LINES) + list(entry.notes))


def _one_line(text: str) -> str:
    return " ".join(text.split()) if "\n" in text or "\r" in text else text


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
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural,
        "X-Source-Language": "zh_CN",
        **({} if template else {"X-Generator": "glossary build"}),
    }


_KINDS = {
    POT: ("en", "none", "nplurals=2; plural=(n != 1);", True),
    EN: ("en", "English", "nplurals=2; plural=(n != 1);", False),
    ZH_TW: ("zh_TW", "Chinese (Taiwan)", "nplurals=1; plural=0;", False),
    ZH_HK: ("zh_HK", "Chinese (Hong Kong)", "nplurals=1; plural=0;", False),
}


def _catalog_text(kind: Path, entries: list[Entry], obsolete: list[Entry]) -> str:
    import polib

    language, team, plural, template = _KINDS[kind]
    po = polib.POFile(wrapwidth=0)
    po.header = (
        "Glossary of slogans and program names in Chinese policy documents.\n"
        "Generated by `glossary build` from seeds/ and curation.tsv; human-owned data lives in the\n"
        "translator comments (# key: value) and msgstr of the English catalogue."
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
    if old is not None:
        if _DATE_LINE.sub(lambda m: f'"{m.group(1)}: {_DATE_PLACEHOLDER}\\n"', old) == new:
            return old
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = (
        datetime.fromtimestamp(int(epoch), UTC) if epoch and epoch.isdigit() else datetime.now(UTC)
    )
    return new.replace(_DATE_PLACEHOLDER, when.strftime("%Y-%m-%d %H:%M+0000"))


def to_catalog_texts(locales: Path, entries: list[Entry], obsolete: list[Entry]) -> dict[Path, str]:
    """The four catalogue files for ``entries`` (in order) and ``obsolete`` ones, as text."""
    out: dict[Path, str] = {}
    for kind in CATALOGS:
        path = locales / kind
        old = path.read_text(encoding="utf-8") if path.exists() else None
        out[path] = _stamp(_catalog_text(kind, entries, obsolete), old)
    return out


_PO_LINE = re.compile(
    r'^(?:#~\s*)?(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*$'
)


def check_po_syntax(text: str, name: str) -> None:
    """Reject what polib would silently accept (an unterminated string, a stray line), with the
    line number.

    Raises:
        FormatError: the first malformed line.
    """
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or (stripped.startswith("#") and not stripped.startswith("#~")):
            continue
        if stripped.startswith("#~") and not stripped[2:].strip():
            continue
        if not _PO_LINE.match(stripped):
            raise FormatError(name, number, f"malformed PO line: {stripped[:60]!r}")


def read_po(path: Path):
    """Parse a PO file with polib, turning its errors into a FormatError with the line number."""
    import polib

    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory")
    from .textio import read_text

    text, _ = read_text(path)
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

    en_path = locales / EN
    if not en_path.exists():
        raise InputError(f"{locales}: no glossary here (expected {EN})")
    with locked(locales, command="glossary (reading)", shared=True):  # never half a commit
        en = read_po(en_path)
        forms: dict[Path, dict[str, str]] = {}
        for kind in (ZH_TW, ZH_HK):
            path = locales / kind
            forms[kind] = {e.msgid: e.msgstr for e in read_po(path)} if path.exists() else {}
    entries = []
    for po in en:
        if po.msgid and (include_obsolete or not po.obsolete):
            entries.append(
                entry_from_po(
                    po, zh_tw=forms[ZH_TW].get(po.msgid, ""), zh_hk=forms[ZH_HK].get(po.msgid, "")
                )
            )
    return entries


def with_computed(entry: Entry) -> Entry:
    """The entry with pinyin and traditional forms computed where no person set them."""
    from .enrich import Region, hant_check, to_hant, to_pinyin

    return replace(
        entry,
        pinyin=entry.pinyin if entry.pinyin_override else to_pinyin(entry.zh),
        zh_tw=entry.zh_tw if entry.zh_tw_override else to_hant(entry.zh, region=Region.TW),
        zh_hk=entry.zh_hk if entry.zh_hk_override else to_hant(entry.zh, region=Region.HK),
        hant_check=hant_check(entry.zh),
    )
