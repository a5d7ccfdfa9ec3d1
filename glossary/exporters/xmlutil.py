"""Safe XML reading for imports: no DTD entities (an entity bomb is refused before parsing),
errors reported with their line; and writing that refuses characters XML 1.0 cannot carry."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..errors import ExportError, FormatError

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_ENTITY = re.compile(r"<!ENTITY", re.I)
# The text is decoded already: whatever encoding the declaration names, expat gets UTF-8.
_DECLARATION = re.compile(r"""\A(\s*<\?xml\b[^>]*?\bencoding\s*=\s*)(["'])[^"']*\2""")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def parse_xml(text: str, name: str) -> ET.Element:
    """Parse ``text``; refuse entity declarations (billion laughs, external entities)."""
    m = _ENTITY.search(text)
    if m:
        line = text.count("\n", 0, m.start()) + 1
        raise FormatError(
            name, line, "XML entity declarations are not accepted (entity expansion attack?)"
        )
    if not text.strip():
        raise FormatError(name, None, "empty file")
    text = _DECLARATION.sub(r"\1\2UTF-8\2", text.lstrip("\ufeff"), count=1)
    try:
        return ET.fromstring(text.encode("utf-8", "surrogatepass"))
    except ET.ParseError as exc:
        line, _col = exc.position
        message = str(exc).split(":")[0]
        raise FormatError(name, line, f"invalid XML: {message}") from None
    except (ValueError, LookupError, RecursionError) as exc:
        raise FormatError(name, None, f"invalid XML: {exc}") from None


def to_text(root: ET.Element, *, doctype: str = "") -> str:
    """The document as text.

    Raises:
        ExportError: a character that XML 1.0 cannot carry (the field rules refuse these on the
            way in; this is the last line of defence).
    """
    ET.indent(root, space="  ")
    return _document(ET.tostring(root, encoding="unicode"), doctype)


def _document(body: str | list[str], doctype: str) -> str:
    """The XML declaration, the doctype and ``body`` (or its pieces, joined once: a copy of an
    export of 10^5 entries costs a tenth of a second); refuses what XML 1.0 cannot carry."""
    pieces = [body] if isinstance(body, str) else body
    for k, piece in enumerate(pieces):
        m = _NOT_XML.search(piece)
        if m:
            line = sum(p.count("\n") for p in pieces[:k]) + piece.count("\n", 0, m.start()) + 1
            raise ExportError(
                f"XML export: U+{ord(m.group()):04X} cannot be written in XML"
                f" (line {line} of the output)"
            )
    head = '<?xml version="1.0" encoding="UTF-8"?>\n' + (doctype + "\n" if doctype else "")
    return "".join([head, *pieces, "\n"])


class Node:
    """An element to write (``node_text``): what ``xml.etree`` writes, byte for byte, at a
    fraction of its cost (no namespace pass, no type checks), for exports of 10^5 entries."""

    __slots__ = ("attrs", "children", "tag", "text")

    def __init__(self, tag: str, attrs: dict[str, str] | None = None, text: str = "") -> None:
        self.tag = tag
        self.attrs = attrs
        self.text = text
        self.children: list[Node] = []


def sub(parent: Node, tag: str, attrs: dict[str, str] | None = None, text: str = "") -> Node:
    """A new last child of ``parent``; ``xml:lang`` is written as it is named."""
    node = Node(tag, attrs, text)
    parent.children.append(node)
    return node


def escape_text(text: str) -> str:
    """Character data as ``xml.etree`` escapes it (``&``, ``<``, ``>``)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _attrib(text: str) -> str:
    text = escape_text(text)
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    if "\n" in text:
        text = text.replace("\n", "&#10;")
    if "\t" in text:
        text = text.replace("\t", "&#09;")
    return text


def raw(parent: Node, text: str) -> None:
    """Elements written already (``render_nodes`` at the child's depth) as the next children of
    ``parent``; nothing when ``text`` is empty."""
    if text:
        parent.children.append(Node("", None, text))


def render_nodes(nodes: list[Node], depth: int) -> str:
    """Sibling elements at ``depth`` as ``node_text`` writes them inside their parent, for
    ``raw``: the parts of a large export written on several cores."""
    parts = []
    for node in nodes:
        out: list[str] = []
        _write(node, depth, out)
        parts.append("".join(out))
    return ("\n" + "  " * depth).join(parts)


def _write(node: Node, depth: int, out: list[str]) -> None:
    if not node.tag:  # written already (``raw``)
        out.append(node.text)
        return
    attrs = "".join([f' {k}="{_attrib(v)}"' for k, v in node.attrs.items()]) if node.attrs else ""
    if node.children:
        out.append(f"<{node.tag}{attrs}>")
        inner = "\n" + "  " * (depth + 1)
        for child in node.children:
            out.append(inner)
            _write(child, depth + 1, out)
        out.append("\n" + "  " * depth + f"</{node.tag}>")
    elif node.text:
        out.append(f"<{node.tag}{attrs}>{escape_text(node.text)}</{node.tag}>")
    else:
        out.append(f"<{node.tag}{attrs} />")


def node_text(root: Node, *, doctype: str = "") -> str:
    """The document as text, indented by two spaces as ``to_text`` writes it.

    Raises:
        ExportError: as ``to_text``.
    """
    out: list[str] = []
    _write(root, 0, out)
    return _document(out, doctype)
