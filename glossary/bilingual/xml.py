"""TMX 1.4 and XLIFF 1.2 / 2.x, read with expat so that every segment keeps its line number.

Entity declarations are refused (as for every XML import): a document type may be declared, but
an ``<!ENTITY`` never expands."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from xml.parsers import expat

from ..errors import FormatError
from . import State, Unit, is_chinese, is_english, squash

_XML_LANG = "http://www.w3.org/XML/1998/namespace lang"
_ENTITY = re.compile(r"<!ENTITY", re.I)
# Elements whose text is native code, not translatable text (TMX and XLIFF alike).
_CODE = frozenset({"ph", "bpt", "ept", "it", "ut", "sub", "x", "bx", "ex", "sc", "ec", "cp"})

_XLIFF_STATE = {
    # XLIFF 1.2 target@state
    "new": State.UNTRANSLATED,
    "needs-translation": State.UNTRANSLATED,
    "needs-adaptation": State.FUZZY,
    "needs-l10n": State.FUZZY,
    "needs-review-adaptation": State.FUZZY,
    "needs-review-l10n": State.FUZZY,
    "needs-review-translation": State.FUZZY,
    "translated": State.TRANSLATED,
    "final": State.TRANSLATED,
    "signed-off": State.TRANSLATED,
    # XLIFF 2.x segment@state
    "initial": State.UNTRANSLATED,
    "reviewed": State.TRANSLATED,
}


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1]


@dataclass
class _Text:
    """Text being collected for one source or target element."""

    parts: list[str] = field(default_factory=list)
    skip: int = 0  #: depth inside native-code elements

    def text(self) -> str:
        return squash("".join(self.parts))


class _Parser:
    """Drive expat over a text, calling ``start`` / ``end`` with local names and line numbers."""

    def __init__(self, text: str, name: str) -> None:
        m = _ENTITY.search(text)
        if m:
            raise FormatError(
                name,
                text.count("\n", 0, m.start()) + 1,
                "XML entity declarations are not accepted (entity expansion attack?)",
            )
        self.text = text.lstrip("\ufeff")
        self.name = name
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.buffer_text = True

    def run(
        self,
        start: Callable[[str, dict[str, str], int], None],
        end: Callable[[str, int], None],
        chars: Callable[[str], None],
    ) -> None:
        p = self.parser
        p.StartElementHandler = lambda n, a: start(_local(n), a, p.CurrentLineNumber)
        p.EndElementHandler = lambda n: end(_local(n), p.CurrentLineNumber)
        p.CharacterDataHandler = chars
        try:
            p.Parse(self.text.encode("utf-8"), True)
        except expat.ExpatError as exc:
            raise FormatError(
                self.name, exc.lineno, f"invalid XML: {expat.ErrorString(exc.code)}"
            ) from None


def _lang(attrs: dict[str, str]) -> str:
    return attrs.get(_XML_LANG) or attrs.get("lang") or ""


def iter_tmx(text: str, name: str) -> Iterator[Unit]:
    """Yield a unit for every ``<tu>`` that has a Chinese and an English variant.

    Raises:
        FormatError: malformed XML, not a TMX document, or no unit with both languages.
    """
    units: list[Unit] = []
    state: dict[str, object] = {"root": None, "tu": None, "lang": "", "seg": None}
    tu: dict[str, object] = {}
    seg = _Text()
    in_seg = [False]
    count = [0]

    def start(tag: str, attrs: dict[str, str], line: int) -> None:
        if state["root"] is None:
            state["root"] = tag
            if tag != "tmx":
                raise FormatError(name, line, f"not a TMX document (root element <{tag}>)")
        if tag == "tu":
            count[0] += 1
            tu.clear()
            tu.update(id=attrs.get("tuid") or str(count[0]), line=line, zh=None, en=None, note="")
        elif tag == "tuv":
            state["lang"] = _lang(attrs)
        elif tag == "seg":
            in_seg[0] = True
            seg.parts.clear()
            seg.skip = 0
        elif in_seg[0] and tag in _CODE:
            seg.skip += 1

    def end(tag: str, line: int) -> None:
        if tag == "seg":
            in_seg[0] = False
            lang = str(state["lang"])
            if is_chinese(lang) and tu.get("zh") is None:
                tu["zh"] = seg.text()
            elif is_english(lang) and tu.get("en") is None:
                tu["en"] = seg.text()
        elif in_seg[0] and tag in _CODE:
            seg.skip -= 1
        elif tag == "tu" and tu.get("zh") is not None and tu.get("en") is not None:
            units.append(
                Unit(
                    file=name,
                    id=str(tu["id"]),
                    line=int(str(tu["line"])),
                    source=str(tu["zh"]),
                    target=str(tu["en"]),
                    state=State.TRANSLATED if tu["en"] else State.UNTRANSLATED,
                )
            )

    def chars(data: str) -> None:
        if in_seg[0] and not seg.skip:
            seg.parts.append(data)

    _Parser(text, name).run(start, end, chars)
    if not units:
        raise FormatError(
            name, None, "no translation unit with both a Chinese (zh*) and an English (en*) variant"
        )
    yield from units


def iter_xliff(text: str, name: str) -> Iterator[Unit]:
    """Yield the segments of an XLIFF 1.2 or 2.x document.

    XLIFF 1.2: one unit per ``<trans-unit>``, or per ``<mrk mtype="seg">`` of its
    ``<seg-source>`` (paired with the target's ``<mrk>`` of the same ``mid``). XLIFF 2.x: one unit
    per ``<segment>``. The file's ``source-language`` / ``srcLang`` must be Chinese and its target
    language English.

    Raises:
        FormatError: malformed XML, not XLIFF, a file whose languages are not zh → en.
    """
    units: list[Unit] = []
    ctx: dict[str, object] = {
        "root": None,
        "version": "",
        "unit": "",
        "unit_line": 0,
        "segment": "",
        "seg_line": 0,
        "state": "",
        "approved": "",
        "where": None,  # "source" | "target" | "seg-source"
        "mrk": None,  # mid of the open <mrk mtype="seg">
        "src": None,
        "tgt": None,
        "note": [],
    }
    buf = _Text()
    mrk_src: dict[str, str] = {}
    mrk_tgt: dict[str, str] = {}
    mrk_buf = _Text()
    note_buf: list[str] = []
    in_note = [False]
    count = [0]

    def check_langs(attrs: dict[str, str], line: int, src_key: str, tgt_key: str) -> None:
        src, tgt = attrs.get(src_key, ""), attrs.get(tgt_key, "")
        if src and not is_chinese(src):
            raise FormatError(name, line, f"source language is {src!r}, not Chinese (zh*)")
        if tgt and not is_english(tgt):
            raise FormatError(name, line, f"target language is {tgt!r}, not English (en*)")

    def add(uid: str, line: int, source: str, target: str | None, state: str, note: str) -> None:
        if target is None or not target:
            st = State.UNTRANSLATED
        else:
            st = _XLIFF_STATE.get(state, State.TRANSLATED)
        units.append(Unit(name, uid, line, source, target or "", st, note))

    def start(tag: str, attrs: dict[str, str], line: int) -> None:
        if ctx["root"] is None:
            ctx["root"] = tag
            if tag != "xliff":
                raise FormatError(name, line, f"not an XLIFF document (root element <{tag}>)")
            ctx["version"] = attrs.get("version", "")
            if attrs.get("srcLang") or attrs.get("trgLang"):
                check_langs(attrs, line, "srcLang", "trgLang")
            return
        where = ctx["where"]
        if tag == "file":
            check_langs(attrs, line, "source-language", "target-language")
        elif tag in ("trans-unit", "unit"):
            count[0] += 1
            ctx.update(
                unit=attrs.get("id") or str(count[0]),
                unit_line=line,
                state="",
                approved=attrs.get("approved", ""),
                src=None,
                tgt=None,
            )
            mrk_src.clear()
            mrk_tgt.clear()
            note_buf.clear()
        elif tag == "segment":
            ctx.update(segment=attrs.get("id", ""), seg_line=line, src=None, tgt=None)
            ctx["state"] = attrs.get("state", "")
        elif tag in ("source", "target", "seg-source") and where is None:
            ctx["where"] = tag
            buf.parts.clear()
            buf.skip = 0
            if tag == "target" and attrs.get("state"):
                ctx["state"] = attrs["state"]
        elif tag == "note":
            in_note[0] = True
        elif where is not None and tag == "mrk" and attrs.get("mtype") == "seg":
            ctx["mrk"] = attrs.get("mid", "")
            mrk_buf.parts.clear()
            mrk_buf.skip = 0
        elif where is not None and tag in _CODE:
            buf.skip += 1
            mrk_buf.skip += 1

    def end(tag: str, line: int) -> None:
        where = ctx["where"]
        if tag == "mrk" and ctx["mrk"] is not None and where is not None:
            (mrk_tgt if where == "target" else mrk_src)[str(ctx["mrk"])] = mrk_buf.text()
            ctx["mrk"] = None
        elif where is not None and tag in _CODE:
            buf.skip -= 1
            mrk_buf.skip -= 1
        elif tag == where:
            if tag == "source":
                ctx["src"] = buf.text()
            elif tag == "target":
                ctx["tgt"] = buf.text()
            ctx["where"] = None
        elif tag == "note":
            in_note[0] = False
        elif tag == "segment":
            uid = str(ctx["unit"]) + (f"/{ctx['segment']}" if ctx["segment"] else "")
            add(
                uid,
                int(str(ctx["seg_line"])),
                str(ctx["src"] or ""),
                ctx["tgt"] if ctx["tgt"] is None else str(ctx["tgt"]),
                str(ctx["state"]),
                " ".join(note_buf),
            )
            ctx["src"] = None
        elif tag == "trans-unit":
            note = " ".join(note_buf)
            line0 = int(str(ctx["unit_line"]))
            state = str(ctx["state"]) or ("translated" if ctx["approved"] == "yes" else "")
            if mrk_src:
                for mid, source in mrk_src.items():
                    add(f"{ctx['unit']}/{mid}", line0, source, mrk_tgt.get(mid), state, note)
            else:
                tgt = ctx["tgt"]
                add(
                    str(ctx["unit"]),
                    line0,
                    str(ctx["src"] or ""),
                    None if tgt is None else str(tgt),
                    state,
                    note,
                )

    def chars(data: str) -> None:
        if in_note[0]:
            note_buf.append(data.strip())
            return
        if ctx["where"] is None:
            return
        if not buf.skip:
            buf.parts.append(data)
        if ctx["mrk"] is not None and not mrk_buf.skip:
            mrk_buf.parts.append(data)

    _Parser(text, name).run(start, end, chars)
    yield from units
