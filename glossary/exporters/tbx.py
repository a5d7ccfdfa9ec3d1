"""TBX v2 (ISO 30042:2008, the ``martif`` form that OmegaT, Lokalize, Weblate and
translate-toolkit read): langSets zh-CN first, en second, then zh-TW and zh-HK."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..errors import FormatError
from ..models import Entry
from . import Record, register, revision
from .xmlutil import XML_LANG, parse_xml, to_text

_PREFERRED = "preferredTerm-admn-sts"
_ADMITTED = "admittedTerm-admn-sts"
_LITERAL = "literal: "


def _sub(parent: ET.Element, tag: str, text: str = "", **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text:
        el.text = text
    return el


def _tig(
    lang_set: ET.Element, term: str, status: str | None = None, term_type: str | None = None
) -> ET.Element:
    tig = _sub(lang_set, "tig")
    _sub(tig, "term", term)
    if status:
        _sub(tig, "termNote", status, type="administrativeStatus")
    if term_type:
        _sub(tig, "termNote", term_type, type="termType")
    return tig


def export_tbx(entries: list[Entry], *, plain: bool = False) -> str:
    root = ET.Element("martif", {"type": "TBX", XML_LANG: "en"})
    header = _sub(root, "martifHeader")
    file_desc = _sub(header, "fileDesc")
    _sub(
        _sub(file_desc, "sourceDesc"),
        "p",
        "glossary: slogans and program names of Chinese policy documents",
    )
    body = _sub(_sub(root, "text"), "body")
    for n, e in enumerate(entries, 1):
        entry = _sub(body, "termEntry", id=f"e{n}")
        if e.category:
            _sub(entry, "descrip", e.category.value, type="subjectField")
        if e.definition:
            _sub(entry, "descrip", e.definition, type="definition")
        if e.status:
            _sub(entry, "admin", e.status.value, type="x-status")
        if e.source:
            _sub(entry, "admin", e.source, type="source")
        _sub(entry, "admin", "yes" if e.reviewed else "no", type="x-reviewed")
        _sub(entry, "admin", revision(e), type="x-revision")
        for note in e.notes:
            _sub(entry, "note", note)
        zh = _sub(entry, "langSet", **{XML_LANG: "zh-CN"})
        tig = _tig(zh, e.zh, _PREFERRED)
        if e.pinyin:
            _sub(tig, "descrip", e.pinyin, type="x-pinyin")
        if e.pinyin_orthographic:
            _sub(tig, "descrip", e.pinyin_orthographic, type="x-pinyin-orthographic")
        if e.en or e.en_alt or e.literal:
            en = _sub(entry, "langSet", **{XML_LANG: "en"})
            if e.literal:
                # A note, not a term: CAT tools would offer a literal rendering as a translation.
                _sub(en, "note", _LITERAL + e.literal)
            if e.en:
                _tig(en, e.en, _PREFERRED)
            for alt in e.en_alt:
                _tig(en, alt, _ADMITTED)
        # Traditional forms only where they differ: OmegaT takes every zh-* langSet as a source
        # term, so an identical form would only repeat the entry.
        if e.zh_tw and e.zh_tw != e.zh:
            _tig(_sub(entry, "langSet", **{XML_LANG: "zh-TW"}), e.zh_tw, _PREFERRED, "variant")
        if e.zh_hk and e.zh_hk != (e.zh_tw or e.zh):
            _tig(_sub(entry, "langSet", **{XML_LANG: "zh-HK"}), e.zh_hk, _PREFERRED, "variant")
    return to_text(root)


def parse_tbx(text: str, name: str) -> list[Record]:
    """TBX v2 written by us or another tool: the zh-CN (or zh) term, the preferred English and
    its alternates, and our descrip/admin fields where present."""
    from ..index import normalize

    root = parse_xml(text, name)
    if root.tag != "martif":
        raise FormatError(name, 1, f"not TBX v2: root element <{root.tag}>, expected <martif>")
    records = []
    for entry in root.iter("termEntry"):
        fields: dict = {}
        rev = ""
        zh = ""
        notes = []
        for child in entry:
            kind = child.get("type", "")
            value = (child.text or "").strip()
            if child.tag == "descrip" and kind == "subjectField":
                fields["category"] = value
            elif child.tag == "descrip" and kind == "definition":
                fields["definition"] = value
            elif child.tag == "admin" and kind == "x-status":
                fields["status"] = value
            elif child.tag == "admin" and kind == "source":
                fields["source"] = value
            elif child.tag == "admin" and kind == "x-reviewed":
                fields["reviewed"] = value == "yes"
            elif child.tag == "admin" and kind == "x-revision":
                rev = value
            elif child.tag == "note":
                notes.append(value)
        if notes:
            fields["notes"] = tuple(notes)
        alts = []
        forms: dict[str, str] = {}
        for lang_set in entry.iter("langSet"):
            lang = (lang_set.get(XML_LANG) or "").lower()
            if lang.startswith("en"):
                for note in lang_set.findall("note"):
                    if (note.text or "").startswith(_LITERAL):
                        fields["literal"] = note.text[len(_LITERAL) :].strip()
            for tig in list(lang_set.iter("tig")) + list(lang_set.iter("termGrp")):
                term = normalize(tig.findtext("term") or "")
                status = tig.findtext("termNote[@type='administrativeStatus']") or ""
                if lang in ("zh-cn", "zh", "zh-hans") and not zh:
                    zh = term
                    for d in tig.iter("descrip"):
                        if d.get("type") == "x-pinyin-orthographic":
                            fields["pinyin_orthographic"] = (d.text or "").strip()
                elif lang.startswith("en"):
                    if "en" not in fields and status != _ADMITTED:
                        fields["en"] = term
                    else:
                        alts.append(term)
                elif lang in ("zh-tw", "zh-hant-tw", "zh-hant"):
                    forms["zh_tw"] = term
                elif lang in ("zh-hk", "zh-hant-hk"):
                    forms["zh_hk"] = term
        if any(
            lang_set.get(XML_LANG, "").lower().startswith("en")
            for lang_set in entry.iter("langSet")
        ):
            fields["en_alt"] = tuple(alts)
            fields.setdefault("en", "")
        if not zh:
            raise FormatError(name, None, f"termEntry {entry.get('id', '?')}: no zh-CN term")
        if forms:  # an omitted form equals the one before it: zh-TW the term, zh-HK zh-TW
            fields["zh_tw"] = forms.get("zh_tw", zh)
            fields["zh_hk"] = forms.get("zh_hk", fields["zh_tw"])
        records.append(Record(zh, fields, 0, rev))
    if not records:
        raise FormatError(name, None, "no termEntry elements")
    return records


register("tbx", "tbx", parse=parse_tbx)(export_tbx)
