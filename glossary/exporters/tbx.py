"""TBX v2 (ISO 30042:2008, the ``martif`` form that OmegaT, Lokalize, Weblate and
translate-toolkit read): langSets zh-CN first, en second, then zh-TW and zh-HK.

In a termEntry: ``descrip`` subjectField (category) and definition, ``admin`` x-status, source,
x-reviewed and x-revision, a ``transacGrp`` (modification, its date and the reviewer's role) for
who reviewed the entry and when, and ``note`` for the notes. The zh-CN langSet holds the term, then
its variants (``termType`` variant); the en langSet the preferred rendering
(``preferredTerm-admn-sts``), the alternates (``admittedTerm-admn-sts``) and the deprecated ones
(``deprecatedTerm-admn-sts``, the reason as the tig's ``note``); the literal rendering is a note of
the en langSet, not a term, so that no CAT tool offers it.

A numbered formula's parts (issue 16) are cross-references between termEntries: each part, in
order, a ``descripGrp`` whose ``descrip`` ``subordinateConceptPartitive`` holds the part's term
and whose ``ref`` ``crossReference`` targets the part's termEntry (when the export has it); a
clause part has its English in a ``descripNote`` ``x-english`` instead. A part names its formulas
the same way with ``superordinateConceptPartitive`` (computed; not read back). The source of the
list is the ``admin`` ``x-parts-source``, each former version a ``descrip`` ``x-parts-former``
(``PERIOD | ZH; ZH | SOURCE``), a no-parts reason the ``admin`` ``x-no-parts``. A termEntry's id
is stable: ``e`` and 16 hex digits of the SHA-1 of its term, whatever else the export holds.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from functools import partial

from ..errors import FormatError
from ..models import Deprecated, Entry, FormerParts, Part
from . import Record, make_record, register, render_chunks, revision
from .xmlutil import XML_LANG, Node, escape_text, node_text, parse_xml, raw, sub

_PREFERRED = "preferredTerm-admn-sts"
_ADMITTED = "admittedTerm-admn-sts"
_DEPRECATED = "deprecatedTerm-admn-sts"
_SUPERSEDED = "supersededTerm-admn-sts"
_LITERAL = "literal: "
_REVIEW = "modification"
_LANG = "xml:lang"  # as written (``xmlutil.Node``); read back as ``XML_LANG``
_PART = "subordinateConceptPartitive"
_WHOLE = "superordinateConceptPartitive"


def entry_id(zh: str) -> str:
    """The termEntry id of a term: the same in every export.

    >>> entry_id("四个全面")
    'e176d1bab061d60e0'
    """
    return "e" + hashlib.sha1(zh.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _sub(parent: Node, tag: str, text: str = "", **attrs: str) -> Node:
    return sub(parent, tag, attrs or None, text)


def export_tbx(entries: list[Entry], *, plain: bool = False) -> str:
    """TBX v2 martif, one termEntry per entry."""
    root = Node("martif", {"type": "TBX", _LANG: "en"})
    header = _sub(root, "martifHeader")
    file_desc = _sub(header, "fileDesc")
    _sub(
        _sub(file_desc, "sourceDesc"),
        "p",
        "glossary: slogans and program names of Chinese policy documents",
    )
    body = _sub(_sub(root, "text"), "body")
    exported = (
        frozenset(e.zh for e in entries)
        if any(e.parts or e.part_of for e in entries)
        else frozenset()
    )
    for part in render_chunks(partial(_term_entries, exported=exported), entries):
        raw(body, part)
    return node_text(root)


# Indentation of the termEntries' insides (a termEntry is at depth 3 of the document): the
# text of each is written directly, as ``xmlutil.node_text`` would write its tree, byte for byte
# (a tree of 15 nodes an entry cost a 100,000-entry export most of its time).
_IN_ENTRY = "\n" + "  " * 4
_IN_SET = "\n" + "  " * 5
_IN_TIG = "\n" + "  " * 6
_END_ENTRY = "\n" + "  " * 3 + "</termEntry>"
_END_SET = "\n" + "  " * 4 + "</langSet>"
_END_GROUP = "\n" + "  " * 4 + "</transacGrp>"
_END_DESCRIP_GROUP = "\n" + "  " * 4 + "</descripGrp>"
_END_TIG = "\n" + "  " * 5 + "</tig>"


def _leaf(tag: str, text: str, attrs: str = "") -> str:
    """An element without children, as ``xmlutil`` writes it (``attrs`` written already)."""
    return f"<{tag}{attrs}>{escape_text(text)}</{tag}>" if text else f"<{tag}{attrs} />"


def _tig_text(
    term: str, status: str | None, term_type: str | None = None, after: list[str] | None = None
) -> str:
    inside = [_leaf("term", term)]
    if status:
        inside.append(_leaf("termNote", status, ' type="administrativeStatus"'))
    if term_type:
        inside.append(_leaf("termNote", term_type, ' type="termType"'))
    if after:
        inside += after
    return "<tig>" + _IN_TIG + _IN_TIG.join(inside) + _END_TIG


def _lang_set(lang: str, inside: list[str]) -> str:
    return f'<langSet xml:lang="{lang}">' + _IN_SET + _IN_SET.join(inside) + _END_SET


def _term_entries(entries: list[Entry], start: int, *, exported: frozenset[str]) -> str:
    """The termEntries of ``entries`` (``exported``: the terms of the export's termEntries, which
    a cross-reference may target), written at their depth in the document
    (``xmlutil.render_nodes`` of depth 3)."""
    out = []
    for e in entries:
        inside = []
        if e.category:
            inside.append(_leaf("descrip", e.category.value, ' type="subjectField"'))
        if e.definition:
            inside.append(_leaf("descrip", e.definition, ' type="definition"'))
        if e.status:
            inside.append(_leaf("admin", e.status.value, ' type="x-status"'))
        if e.source:
            inside.append(_leaf("admin", e.source, ' type="source"'))
        inside.append(_leaf("admin", "yes" if e.reviewed else "no", ' type="x-reviewed"'))
        inside.append(_leaf("admin", revision(e), ' type="x-revision"'))
        if e.reviewed_by or e.reviewed_on:
            group = [_leaf("transac", _REVIEW, ' type="transactionType"')]
            if e.reviewed_on:
                group.append(_leaf("date", e.reviewed_on))
            if e.reviewed_by:
                group.append(_leaf("transacNote", e.reviewed_by, ' type="responsibility"'))
            inside.append("<transacGrp>" + _IN_SET + _IN_SET.join(group) + _END_GROUP)
        for note in e.notes:
            inside.append(_leaf("note", note))
        if e.parts or e.parts_source or e.parts_former or e.no_parts or e.part_of:
            inside += _relations(e, exported)
        descrips = []
        if e.pinyin:
            descrips.append(_leaf("descrip", e.pinyin, ' type="x-pinyin"'))
        if e.pinyin_orthographic:
            descrips.append(
                _leaf("descrip", e.pinyin_orthographic, ' type="x-pinyin-orthographic"')
            )
        zh = [_tig_text(e.zh, _PREFERRED, None, descrips)]
        zh += [_tig_text(variant, _ADMITTED, "variant") for variant in e.variants]
        inside.append(_lang_set("zh-CN", zh))
        if e.en or e.en_alt or e.literal or e.en_deprecated:
            en = []
            if e.literal:
                # A note, not a term: CAT tools would offer a literal rendering as a translation.
                en.append(_leaf("note", _LITERAL + e.literal))
            if e.en:
                en.append(_tig_text(e.en, _PREFERRED))
            en += [_tig_text(alt, _ADMITTED) for alt in e.en_alt]
            for d in e.en_deprecated:
                en.append(
                    _tig_text(
                        d.en, _DEPRECATED, None, [_leaf("note", d.reason)] if d.reason else None
                    )
                )
            inside.append(_lang_set("en", en))
        # Traditional forms only where they differ: OmegaT takes every zh-* langSet as a source
        # term, so an identical form would only repeat the entry.
        if e.zh_tw and e.zh_tw != e.zh:
            inside.append(_lang_set("zh-TW", [_tig_text(e.zh_tw, _PREFERRED, "variant")]))
        if e.zh_hk and e.zh_hk != (e.zh_tw or e.zh):
            inside.append(_lang_set("zh-HK", [_tig_text(e.zh_hk, _PREFERRED, "variant")]))
        opening = f'<termEntry id="{entry_id(e.zh)}">'
        out.append(opening + _IN_ENTRY + _IN_ENTRY.join(inside) + _END_ENTRY)
    return ("\n" + "  " * 3).join(out)


def _descrip_group(inside: list[str]) -> str:
    return "<descripGrp>" + _IN_SET + _IN_SET.join(inside) + _END_DESCRIP_GROUP


def _relations(e: Entry, exported: frozenset[str]) -> list[str]:
    """A formula's parts and their source and former versions; the formulas of a part."""
    from ..store import former_text

    out = []
    for p in e.parts:
        group = [_leaf("descrip", p.zh, f' type="{_PART}"')]
        if p.en:
            group.append(_leaf("descripNote", p.en, ' type="x-english"'))
        elif p.zh in exported:
            target = f' type="crossReference" target="{entry_id(p.zh)}"'
            group.append(_leaf("ref", p.zh, target))
        out.append(_descrip_group(group))
    if e.parts_source:
        out.append(_leaf("admin", e.parts_source, ' type="x-parts-source"'))
    for f in e.parts_former:
        out.append(_leaf("descrip", former_text(f), ' type="x-parts-former"'))
    if e.no_parts:
        out.append(_leaf("admin", e.no_parts, ' type="x-no-parts"'))
    for zh in e.part_of:
        group = [_leaf("descrip", zh, f' type="{_WHOLE}"')]
        if zh in exported:
            group.append(_leaf("ref", zh, f' type="crossReference" target="{entry_id(zh)}"'))
        out.append(_descrip_group(group))
    return out


def _text(el: ET.Element | None) -> str:
    return "" if el is None else "".join(el.itertext())


def parse_tbx(text: str, name: str) -> list[Record]:
    """TBX v2 written by us or another tool: the zh-CN (or zh) term and its variants, the
    preferred English, its alternates and deprecated renderings, and our descrip/admin fields
    where present."""
    root = parse_xml(text, name)
    if root.tag != "martif":
        raise FormatError(name, 1, f"not TBX v2: root element <{root.tag}>, expected <martif>")
    records = []
    for n, entry in enumerate(root.iter("termEntry"), 1):
        label = f"termEntry {n}" + (f" (id {entry.get('id')})" if entry.get("id") else "")
        records.append(_entry_record(entry, label, name))
    if not records:
        raise FormatError(name, None, "no termEntry elements")
    return records


def _entry_record(entry: ET.Element, label: str, name: str) -> Record:
    raw: dict[str, object] = {}
    from ..store import parse_former

    rev = ""
    notes = []
    parts: list[Part] = []
    former: list[FormerParts] = []
    for child in entry:
        kind = child.get("type", "")
        value = _text(child)
        if child.tag == "descrip" and kind == "subjectField":
            raw["category"] = value
        elif child.tag == "descrip" and kind == "definition":
            raw["definition"] = value
        elif child.tag == "admin" and kind == "x-status":
            raw["status"] = value
        elif child.tag == "admin" and kind == "source":
            raw["source"] = value
        elif child.tag == "admin" and kind == "x-reviewed":
            raw["reviewed"] = value.strip() == "yes"
        elif child.tag == "admin" and kind == "x-revision":
            rev = value.strip()
        elif child.tag == "transacGrp" and _text(child.find("transac")).strip() == _REVIEW:
            raw["reviewed_on"] = _text(child.find("date"))
            raw["reviewed_by"] = _text(child.find("transacNote[@type='responsibility']"))
        elif child.tag == "note":
            notes.append(value)
        elif child.tag == "descripGrp" and _text(child.find(f"descrip[@type='{_PART}']")):
            english = child.find("descripNote[@type='x-english']")
            parts.append(Part(_text(child.find("descrip")), _text(english)))
        elif child.tag == "admin" and kind == "x-parts-source":
            raw["parts_source"] = value
        elif child.tag == "descrip" and kind == "x-parts-former":
            former.append(parse_former(value))
        elif child.tag == "admin" and kind == "x-no-parts":
            raw["no_parts"] = value
    if notes:
        raw["notes"] = notes
    if parts:
        raw["parts"] = parts
    if former:
        raw["parts_former"] = former
    if rev:  # our export: no transacGrp means no reviewer recorded, no descripGrp no parts
        raw.setdefault("reviewed_on", "")
        raw.setdefault("reviewed_by", "")
        for key in ("parts", "parts_former"):
            raw.setdefault(key, [])
        for key in ("parts_source", "no_parts"):
            raw.setdefault(key, "")
    zh: str | None = None
    variants: list[str] = []
    alts: list[str] = []
    deprecated: list[Deprecated] = []
    forms: dict[str, str] = {}
    has_en = False
    for lang_set in entry.iter("langSet"):
        lang = (lang_set.get(XML_LANG) or "").lower()
        if lang.startswith("en"):
            has_en = True
            for note in lang_set.findall("note"):
                if _text(note).startswith(_LITERAL):
                    raw["literal"] = _text(note)[len(_LITERAL) :]
        for tig in list(lang_set.iter("tig")) + list(lang_set.iter("termGrp")):
            term = _text(tig.find("term"))
            status = _text(tig.find("termNote[@type='administrativeStatus']")).strip()
            if lang in ("zh-cn", "zh", "zh-hans"):
                if zh is None:
                    zh = term
                    for d in tig.iter("descrip"):
                        if d.get("type") == "x-pinyin-orthographic":
                            raw["pinyin_orthographic"] = _text(d)
                else:
                    variants.append(term)
            elif lang.startswith("en"):
                if status in (_DEPRECATED, _SUPERSEDED):
                    reason = "; ".join(_text(x) for x in tig.findall("note"))
                    deprecated.append(Deprecated(term, reason))
                elif "en" not in raw and status != _ADMITTED:
                    raw["en"] = term
                else:
                    alts.append(term)
            elif lang in ("zh-tw", "zh-hant-tw", "zh-hant"):
                forms["zh_tw"] = term
            elif lang in ("zh-hk", "zh-hant-hk"):
                forms["zh_hk"] = term
    if zh is None:
        raise FormatError(name, None, f"{label}: no zh-CN term")
    raw["variants"] = variants
    if has_en:
        raw["en_alt"] = alts
        raw["en_deprecated"] = deprecated
        raw.setdefault("en", "")
    if forms:  # an omitted form equals the one before it: zh-TW the term, zh-HK zh-TW
        term = make_record(name, 0, zh, {}, item=label).zh
        raw["zh_tw"] = forms.get("zh_tw", term)
        raw["zh_hk"] = forms.get("zh_hk", raw["zh_tw"])
    return make_record(name, 0, zh, raw, rev=rev, item=label)


register("tbx", "tbx", parse=parse_tbx)(export_tbx)
