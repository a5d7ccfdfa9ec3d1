"""TMX 1.4b, srclang zh-CN: one translation unit per entry and one per alternate rendering, with
pinyin and the traditional forms as props. Export only (a TM is not a glossary source)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .. import __version__
from ..models import Entry
from . import register
from .xmlutil import XML_LANG, to_text


def _tu(body: ET.Element, tuid: str, e: Entry, target: str, kind: str) -> None:
    tu = ET.SubElement(body, "tu", {"tuid": tuid})
    props = [
        ("x-pinyin", e.pinyin),
        ("x-zh-TW", e.zh_tw),
        ("x-zh-HK", e.zh_hk),
        ("x-category", e.category.value if e.category else ""),
        ("x-status", e.status.value if e.status else ""),
        ("x-rendering", kind),
    ]
    for name, value in props:
        if value:
            ET.SubElement(tu, "prop", {"type": name}).text = value
    src = ET.SubElement(tu, "tuv", {XML_LANG: "zh-CN"})
    ET.SubElement(src, "seg").text = e.zh
    tgt = ET.SubElement(tu, "tuv", {XML_LANG: "en"})
    ET.SubElement(tgt, "seg").text = target


def export_tmx(entries: list[Entry], *, plain: bool = False) -> str:
    root = ET.Element("tmx", {"version": "1.4"})
    ET.SubElement(
        root,
        "header",
        {
            "creationtool": "glossary",
            "creationtoolversion": __version__,
            "segtype": "phrase",
            "o-tmf": "PO",
            "adminlang": "en",
            "srclang": "zh-CN",
            "datatype": "plaintext",
        },
    )
    body = ET.SubElement(root, "body")
    for n, e in enumerate(entries, 1):
        if e.en:
            _tu(body, f"e{n}", e, e.en, "preferred")
        for k, alt in enumerate(e.en_alt, 1):
            _tu(body, f"e{n}-alt{k}", e, alt, "alternate")
    return to_text(root, doctype='<!DOCTYPE tmx SYSTEM "tmx14.dtd">')


register("tmx", "tmx")(export_tmx)
