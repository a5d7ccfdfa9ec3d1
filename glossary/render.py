"""Rendering rows for people (aligned tables, wrapped cards) and for programs (JSON, TSV).

Chinese characters take two terminal columns; alignment counts display width, not characters.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache


@lru_cache(maxsize=4096)
def _char_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def width(text: str) -> int:
    """Display width of ``text`` in a terminal.

    >>> width("八八战略 Double Eight")
    21
    """
    if text.isascii():
        return len(text)
    return sum(_char_width(ch) for ch in text)


def pad(text: str, size: int) -> str:
    return text + " " * max(0, size - width(text))


def truncate(text: str, size: int) -> str:
    if width(text) <= size:
        return text
    out, used = [], 0
    for ch in text:
        w = _char_width(ch)
        if used + w > size - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def table(
    rows: Sequence[Sequence[str]], headers: Sequence[str], *, max_width: int | None = None
) -> str:
    """An aligned table with a header line; when it is wider than ``max_width``, the widest
    columns are narrowed (cells cut with …) until it fits.

    >>> print(table([("八八战略", "Double Eight Strategy")], ["term", "English"], max_width=24))
    term      English
    ────────  ──────────────
    八八战略  Double Eight …
    """
    cells = [list(map(str, headers))] + [[str(c) for c in row] for row in rows]
    widths = [max(width(r[i]) for r in cells) for i in range(len(headers))]
    if max_width:
        room = max_width - 2 * (len(widths) - 1)
        while sum(widths) > room:
            widest = max(range(len(widths)), key=lambda i: widths[i])
            if widths[widest] <= 12:
                break
            widths[widest] -= 1
    lines = []
    for n, r in enumerate(cells):
        parts = [pad(truncate(c, w), w) for c, w in zip(r[:-1], widths[:-1])] + [
            truncate(r[-1], widths[-1])
        ]
        lines.append("  ".join(parts).rstrip())
        if n == 0:
            lines.append("  ".join("─" * w for w in widths))
    return "\n".join(lines)


def to_json(value) -> str:
    """Stable JSON for scripts: UTF-8 characters, two-space indent, keys in the order given."""
    import json

    return json.dumps(value, ensure_ascii=False, indent=2)


def card(fields: Iterable[tuple[str, str]], *, max_width: int = 100) -> str:
    """Label/value lines, labels aligned, values wrapped to ``max_width`` by display width."""
    fields = [(k, v) for k, v in fields if v]
    label = max((width(k) for k, _ in fields), default=0)
    out = []
    for key, value in fields:
        room = max(20, max_width - label - 2)
        wrapped = _wrap(value, room)
        out.append(pad(key, label) + "  " + wrapped[0])
        out += [" " * (label + 2) + more for more in wrapped[1:]]
    return "\n".join(out)


def _wrap(text: str, room: int) -> list[str]:
    """Words of ``text`` in lines of at most ``room`` columns (a longer word stands alone);
    no textwrap: it compiles regexes at import, which a lookup would pay for."""
    lines, line, used = [], [], 0
    for word in text.split(" "):
        w = width(word)
        if line and used + 1 + w > room:
            lines.append(" ".join(line))
            line, used = [], 0
        line.append(word)
        used += w + (1 if used else 0)
    lines.append(" ".join(line))
    return lines
