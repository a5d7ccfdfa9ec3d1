"""TMX 1.4b, srclang zh-CN: one translation unit per entry, the preferred rendering only, with
pinyin and the traditional forms as props. Export only (a TM is not a glossary source).

Alternates and deprecated renderings are left out on purpose: a TM tool inserts a unit's target
as it stands (OmegaT's ``tm/auto`` fills exact matches), so every unit must be a rendering to use.
"""

from __future__ import annotations

from .. import __version__
from ..models import Entry
from . import register, render_chunks
from .xmlutil import Node, node_text, raw, render_nodes, sub


def _tu(body: Node, tuid: str, e: Entry) -> None:
    tu = sub(body, "tu", {"tuid": tuid})
    props = [
        ("x-pinyin", e.pinyin),
        ("x-zh-TW", e.zh_tw),
        ("x-zh-HK", e.zh_hk),
        ("x-category", e.category.value if e.category else ""),
        ("x-status", e.status.value if e.status else ""),
    ]
    for name, value in props:
        if value:
            sub(tu, "prop", {"type": name}, value)
    sub(sub(tu, "tuv", {"xml:lang": "zh-CN"}), "seg", None, e.zh)
    sub(sub(tu, "tuv", {"xml:lang": "en"}), "seg", None, e.en)


def _units(entries: list[Entry], start: int) -> str:
    """The units of ``entries``, the first being entry ``start`` (0-based) of the export."""
    body = Node("body")
    for n, e in enumerate(entries, start + 1):
        if e.en:
            _tu(body, f"e{n}", e)
    return render_nodes(body.children, 2)


def export_tmx(entries: list[Entry], *, plain: bool = False) -> str:
    """TMX 1.4b: a unit per entry with English, its preferred rendering as the target."""
    root = Node("tmx", {"version": "1.4"})
    sub(
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
    body = sub(root, "body")
    for part in render_chunks(_units, entries):
        raw(body, part)
    return node_text(root, doctype='<!DOCTYPE tmx SYSTEM "tmx14.dtd">')


register("tmx", "tmx")(export_tmx)
