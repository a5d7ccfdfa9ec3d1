"""TMX 1.4b, srclang zh-CN: one translation unit per entry, the preferred rendering only, with
pinyin and the traditional forms as props. Export only (a TM is not a glossary source).

Alternates and deprecated renderings are left out on purpose: a TM tool inserts a unit's target
as it stands (OmegaT's ``tm/auto`` fills exact matches), so every unit must be a rendering to use.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .. import __version__
from ..models import Entry
from . import register
from .xmlutil import XML_LANG, to_text


def _tu(body: ET.Element, tuid: str, e: Entry) -> None:
    tu = ET.SubElement(body, "tu", {"tuid": tuid})
    props = [
        ("x-pinyin", e.pinyin),
        ("x-zh-TW", e.zh_tw),
        ("x-zh-HK", e.zh_hk),
        ("x-category", e.category.value if e.category else ""),
        ("x-status", e.status.value if e.status else ""),
    ]
    for name, value in props:
        if value:
            ET.SubElement(tu, "prop", {"type": name}).text = value
    src = ET.SubElement(tu, "tuv", {XML_LANG: "zh-CN"})
    ET.SubElement(src, "seg").text = e.zh
    tgt = ET.SubElement(tu, "tuv", {XML_LANG: "en"})
    ET.SubElement(tgt, "seg").text = e.en


def export_tmx(entries: list[Entry], *, plain: bool = False) -> str:
    """TMX 1.4b: a unit per entry with English, its preferred rendering as the target."""
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
            _tu(body, f"e{n}", e)
    return to_text(root, doctype='<!DOCTYPE tmx SYSTEM "tmx14.dtd">')


register("tmx", "tmx")(export_tmx)
