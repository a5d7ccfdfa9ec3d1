"""Safe XML reading for imports: no DTD entities (an entity bomb is refused before parsing),
errors reported with their line."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..errors import FormatError

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_ENTITY = re.compile(r"<!ENTITY", re.I)


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
    try:
        return ET.fromstring(text.lstrip("\ufeff").encode("utf-8"))
    except ET.ParseError as exc:
        line, _col = exc.position
        message = str(exc).split(":")[0]
        raise FormatError(name, line, f"invalid XML: {message}") from None


def to_text(root: ET.Element, *, doctype: str = "") -> str:
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + (doctype + "\n" if doctype else "")
        + body
        + "\n"
    )
