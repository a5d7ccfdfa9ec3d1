"""The one output layer: rows of fields rendered for people (aligned tables, wrapped cards) and for
programs (JSON, JSON Lines, TSV, CSV), streamed through a ``write`` callable.

Every listing command describes its output once, as a tuple of ``Field``; ``RowWriter`` renders
rows (mappings from field name to value) in any of ``FORMATS``:

- ``table``: aligned columns for a terminal, only the fields with a ``header``; control characters
  shown as visible escapes (``\\x1b``), never sent raw;
- ``json``: one array, one object per line, keys in field order; the opening bracket is held back
  until the first row or a successful end, so that a failure prints no half document;
- ``jsonl``: one object per line;
- ``tsv``: one line per row, no header, columns in field order; tab, newline, carriage return and
  backslash in a value written as ``\\t``, ``\\n``, ``\\r``, ``\\\\``;
- ``csv``: RFC 4180 with a header line of field names.

Text formats show a list as its items joined by "; " (a list of records, or a record, as its
JSON), a boolean as ``true``/``false`` (tables:
``yes`` or nothing), nothing (None) as an empty cell. Chinese characters take two terminal
columns; alignment counts display width, not characters.

Nothing here imports json or csv until a row needs it: the lookup path goes through this module.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache

#: The formats every listing command accepts, in the order ``--help`` shows them.
FORMATS = ("table", "json", "jsonl", "tsv", "csv")
#: Rows a table holds before it is printed (a streamed scan prints a table per this many rows).
TABLE_ROWS = 5000

Row = Mapping[str, object]


class Field:
    """One field of a command's output: its JSON key and CSV header, what it holds, its column
    title in a table ("" keeps it out of tables) and, when a table shows more than the value
    (``line:column``), the function that makes the table's cell from the row.

    A plain class, not a NamedTuple or dataclass: creating one of those costs the lookup path's
    start-up a millisecond."""

    __slots__ = ("doc", "header", "name", "table")

    def __init__(
        self,
        name: str,
        doc: str,
        header: str = "",
        table: Callable[[Row], str] | None = None,
    ) -> None:
        self.name = name
        self.doc = doc
        self.header = header
        self.table = table

    def __repr__(self) -> str:
        return f"Field({self.name!r}, {self.doc!r}, {self.header!r})"


def describe(fields: Sequence[Field]) -> str:
    """The fields documented for ``--help``, one per line.

    >>> print(describe([Field("zh", "the term", "term"), Field("count", "occurrences")]))
    zh     the term
    count  occurrences
    """
    size = max(len(f.name) for f in fields)
    return "\n".join(f"{f.name.ljust(size)}  {f.doc}" for f in fields)


# ----------------------------------------------------------------------------- terminal safety
@lru_cache(maxsize=1)
def _visible_table() -> dict[int, str]:
    controls = [*range(0x20), *range(0x7F, 0xA0)]
    return {
        **{c: f"\\x{c:02x}" for c in controls},
        0x09: "\\t",
        0x0A: "\\n",
        0x0D: "\\r",
        # bidirectional overrides and isolates reorder what a terminal shows (Trojan Source)
        **{c: f"\\u{c:04x}" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},
    }


def visible(text: str) -> str:
    """``text`` safe to print on a terminal: control characters (escape sequences, backspace,
    carriage return, line breaks) and bidirectional overrides become visible escapes.

    >>> visible("八八战略\\x1b[2J\\x08")
    '八八战略\\\\x1b[2J\\\\x08'
    """
    if text.isprintable():
        return text
    return text.translate(_visible_table())


# -------------------------------------------------------------------------------------- widths
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
    """``text`` followed by spaces up to ``size`` display columns."""
    return text + " " * max(0, size - width(text))


def truncate(text: str, size: int) -> str:
    """``text`` cut to ``size`` display columns, with … when cut."""
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
    rows: Sequence[Sequence[str]],
    headers: Sequence[str],
    *,
    max_width: int | None = None,
    fit: str = "wrap",
    optional: Sequence[int] = (),
    weights: Sequence[float] = (),
) -> str:
    """An aligned table with a header line. When it is wider than ``max_width``, the widest
    columns are narrowed (to 12 columns at the least) until it fits — widest for its weight,
    when ``weights`` give each column one (a column of weight 2 keeps twice the room of a
    column of weight 1) — and a cell wider than its
    column is wrapped inside it (``fit="wrap"``: on spaces, a longer word or a run of Chinese
    cut at the column's edge; the other cells of the row stay on its first line, the columns
    aligned) or cut with … (``fit="cut"``: one line per row). A column whose index is in
    ``optional`` is left out when it is empty in every row. Cells are made ``visible``.

    >>> print(table([("八八战略", "Double Eight Strategy")], ["term", "English"], max_width=24))
    term      English
    ────────  ──────────────
    八八战略  Double Eight
              Strategy
    >>> rows = [("八八战略", "", "Double Eight Strategy")]
    >>> print(table(rows, ["term", "traditional", "English"], max_width=24, fit="cut", optional=[1]))
    term      English
    ────────  ──────────────
    八八战略  Double Eight …
    """
    cells = [list(map(visible, headers))] + [[visible(str(c)) for c in row] for row in rows]
    keep = [i for i in range(len(headers)) if i not in optional or any(r[i] for r in cells[1:])]
    if len(keep) < len(headers):
        cells = [[r[i] for i in keep] for r in cells]
    count = len(cells[0])
    weight = [weights[i] if i < len(weights) else 1.0 for i in keep]
    sizes = [[width(c) for c in r] for r in cells]  # each cell's width, measured once
    widths = [max(r[i] for r in sizes) for i in range(count)]
    if max_width:
        room = max_width - 2 * (count - 1)
        while sum(widths) > room:
            narrowable = [i for i in range(count) if widths[i] > 12]
            if not narrowable:
                break
            widest = max(narrowable, key=lambda i: widths[i] / weight[i])
            widths[widest] -= 1
    lines = []
    for n, (r, size) in enumerate(zip(cells, sizes, strict=True)):
        if all(s <= w for s, w in zip(size, widths, strict=True)):  # the common case: fits
            parts = [c + " " * (w - s) for c, s, w in zip(r, size, widths, strict=True)]
            lines.append("  ".join(parts).rstrip())
        else:
            if fit == "cut":
                folded = [[truncate(c, w)] for c, w in zip(r, widths, strict=True)]
            else:
                folded = [fold(c, w) for c, w in zip(r, widths, strict=True)]
            for k in range(max(map(len, folded))):
                parts = [
                    pad(f[k] if k < len(f) else "", w) for f, w in zip(folded, widths, strict=True)
                ]
                lines.append("  ".join(parts).rstrip())
        if n == 0:
            lines.append("  ".join("─" * w for w in widths))
    return "\n".join(lines)


def fold(text: str, room: int) -> list[str]:
    """``text`` in lines of at most ``room`` display columns: broken at spaces, and a word wider
    than ``room`` (a URL, a run of Chinese characters) cut at the edge.

    >>> fold("长三角一体化发展 (長三角一體化發展)", 12)
    ['长三角一体化', '发展', '(長三角一體', '化發展)']
    >>> fold("integrated development of the Yangtze River Delta", 20)
    ['integrated', 'development of the', 'Yangtze River Delta']
    """
    out: list[str] = []
    for line in wrap_words(text, room):
        rest = line
        while width(rest) > room:
            head: list[str] = []
            used = 0
            for ch in rest:
                w = _char_width(ch)
                if used + w > room and head:
                    break
                head.append(ch)
                used += w
            out.append("".join(head))
            rest = rest[len(head) :]
        out.append(rest)
    return out


def card(fields: Iterable[tuple[str, str]], *, max_width: int = 100) -> str:
    """Label/value lines, labels aligned, values wrapped to ``max_width`` by display width and
    made ``visible``.

    >>> print(card([("term", "八八战略"), ("note", ""), ("English", "Double Eight Strategy")]))
    term     八八战略
    English  Double Eight Strategy

    A numbered value (``1. …``) wraps under its text, not under its number:

    >>> print(card([("parts", "1. 全面深化改革  comprehensively deepening reform")], max_width=40))
    parts  1. 全面深化改革
              comprehensively deepening
              reform
    """
    shown = [(k, visible(v)) for k, v in fields if v]
    label = max((width(k) for k, _ in shown), default=0)
    out = []
    for key, value in shown:
        number, dot, _ = value.partition(". ")
        hang = len(number) + 2 if dot and number.isdigit() and len(number) < 4 else 0
        room = max(20, max_width - label - 2)
        wrapped = wrap_words(value, room - hang)
        out.append(pad(key, label) + "  " + wrapped[0])
        out += [" " * (label + 2 + hang) + more for more in wrapped[1:]]
    return "\n".join(out)


def wrap_words(text: str, room: int) -> list[str]:
    """Words of ``text`` in lines of at most ``room`` display columns (a longer word stands
    alone); the spaces where a line breaks are dropped, others kept. No textwrap: it compiles
    regexes at import, which a lookup would pay for.

    >>> wrap_words("did you mean: 八八战略 (Double Eight Strategy)", 24)
    ['did you mean: 八八战略', '(Double Eight Strategy)']
    >>> wrap_words("Green Rural Revival Program  [official]", 28)
    ['Green Rural Revival Program', '[official]']

    Chinese longer than a line (a clause) is cut between characters, not left to overflow:

    >>> wrap_words("1. 进一步发挥浙江的体制机制优势 make", 16)
    ['1. 进一步发挥浙', '江的体制机制优势', 'make']
    """
    lines: list[str] = []
    line: list[str] = []
    used = 0
    for given in text.split(" "):
        word = given
        w = width(word)
        if w > room and word and not word.isascii() and _char_width(word[0]) == 2:
            free = room - used - 1 if line else room
            while w > free:
                cut, size = 0, 0
                while cut < len(word) and size + _char_width(word[cut]) <= free:
                    size += _char_width(word[cut])
                    cut += 1
                if cut:
                    lines.append(" ".join([*line, word[:cut]]).rstrip(" "))
                else:
                    lines.append(" ".join(line).rstrip(" "))
                line, used, free = [], 0, room
                word = word[cut:]
                w = width(word)
        if line and used + 1 + w > room:
            lines.append(" ".join(line).rstrip(" "))
            line, used = [], 0
        if line:
            line.append(word)
            used += 1 + w
        elif word or not lines:  # no spaces at the start of a line that a break began
            line.append(word)
            used = w
    lines.append(" ".join(line).rstrip(" "))
    return lines


# ---------------------------------------------------------------------------------- the values
def cell(value: object, *, human: bool = False) -> str:
    """A value as one cell of a text format (``human``: a table).

    >>> [cell(v) for v in ("八八战略", 3, True, None, ("a", "b"))]
    ['八八战略', '3', 'true', '', 'a; b']
    >>> cell(False, human=True), cell([{"en": "Eight-Eight Plan", "reason": "old"}])
    ('', '[{"en": "Eight-Eight Plan", "reason": "old"}]')
    """
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        if human:
            return "yes" if value else ""
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        if all(isinstance(v, str | int | float) or v is None for v in value):
            return "; ".join(cell(v, human=human) for v in value)
        return json_value(list(value))  # nested records (en_deprecated): their JSON
    if isinstance(value, Mapping):
        return json_value(dict(value))
    return str(value)


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def tsv_cell(value: object) -> str:
    r"""A value as a TSV cell (tab, line breaks and backslash escaped).

    >>> tsv_cell("a\tb\\c")
    'a\\tb\\\\c'
    """
    text = cell(value)
    return (
        text.translate(_TSV_ESCAPES)
        if "\t" in text or "\n" in text or "\\" in text or "\r" in text
        else text
    )


def json_value(value: object) -> str:
    """``value`` as compact JSON with UTF-8 characters (the form of every JSON item we print)."""
    import json

    if type(value) is str:  # what ``dumps`` returns for it, without a new encoder per call
        return json.encoder.encode_basestring(value)
    return json.dumps(value, ensure_ascii=False)


def to_json(value: object) -> str:
    """Stable JSON for scripts: UTF-8 characters, two-space indent, keys in the order given."""
    import json

    return json.dumps(value, ensure_ascii=False, indent=2)


# ---------------------------------------------------------------------------------- the writer
class RowWriter:
    """Rows of ``fields`` rendered in ``fmt`` to ``write``, as they come.

    ``close()`` ends the output and returns the number of rows. ``columns`` names the fields a
    table shows, in the order shown (default: every field with a header); ``optional`` names
    those left out when empty in every row; ``fit`` says what a table does with a cell wider
    than its column (``table``: wrap it, or cut it) and ``weights`` how much room a field keeps
    when the table is narrowed (default 1). ``prefix`` is written before the
    output and ``suffix`` after it (scan's ``{"hits": …}`` object); like the opening bracket of a
    JSON array, the prefix waits for the first row or ``close``.

    >>> out = []
    >>> w = RowWriter("json", [Field("zh", ""), Field("count", "")], out.append)
    >>> w.row({"zh": "八八战略", "count": 2}); w.close()
    1
    >>> print("".join(out), end="")
    [
      {"zh": "八八战略", "count": 2}
    ]
    """

    def __init__(
        self,
        fmt: str,
        fields: Sequence[Field],
        write: Callable[[str], object],
        *,
        max_width: int | None = None,
        columns: Sequence[str] | None = None,
        optional: Sequence[str] = (),
        fit: str = "wrap",
        weights: Mapping[str, float] | None = None,
        prefix: str = "",
        suffix: str = "",
        end: str = "\n",
    ) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown output format {fmt!r}")
        self.fmt = fmt
        self.fields = tuple(fields)
        self._names = [f.name for f in self.fields]
        shown = [f for f in self.fields if f.header]
        if columns is not None:
            by_name = {f.name: f for f in shown}
            shown = [by_name[c] for c in columns if c in by_name]
        self._columns = tuple(shown)
        self._optional = [i for i, f in enumerate(shown) if f.name in optional]
        self._fit = fit
        self._weights = [(weights or {}).get(f.name, 1.0) for f in shown]
        self._write = write
        self._max_width = max_width
        self._prefix = prefix
        self._suffix = suffix
        self._end = end
        self._started = False
        self.count = 0
        self._table: list[list[str]] = []
        self._csv: Callable[[Sequence[str]], str] | None = None

    def _start(self) -> None:
        if self._started:
            return
        self._started = True
        head = self._prefix
        if self.fmt == "json":
            head += "["
        elif self.fmt == "csv":
            head += self._csv_line(self._names)
        if head:
            self._write(head)

    def _csv_line(self, cells: Sequence[str]) -> str:
        if self._csv is None:
            import csv
            import io

            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\r\n")

            def line(values: Sequence[str]) -> str:
                buffer.seek(0)
                buffer.truncate()
                writer.writerow(values)
                return buffer.getvalue()

            self._csv = line
        return self._csv(cells)

    def row(self, row: Row) -> None:
        """Render one row (a mapping with a value for every field)."""
        self._start()
        fmt = self.fmt
        if fmt == "table":
            self._table.append(
                [
                    f.table(row) if f.table is not None else cell(row[f.name], human=True)
                    for f in self._columns
                ]
            )
            if len(self._table) >= TABLE_ROWS:
                self._flush_table()
        elif fmt == "tsv":
            self._write("\t".join([tsv_cell(row[n]) for n in self._names]) + "\n")
        elif fmt == "csv":
            self._write(self._csv_line([cell(row[n]) for n in self._names]))
        else:
            item = json_value({n: row[n] for n in self._names})
            if fmt == "jsonl":
                self._write(item + "\n")
            else:
                self._write((",\n  " if self.count else "\n  ") + item)
        self.count += 1

    def rows(self, rows: Iterable[Row]) -> int:
        """Render every row of ``rows``; the number rendered."""
        before = self.count
        for r in rows:
            self.row(r)
        return self.count - before

    def raw(self, text: str, rows: int) -> None:
        """Pre-rendered rows (a fast path that prepares per-term strings, see ``scan``): lines for
        tsv and jsonl, items each starting with ``",\\n  "`` for json (the first one's comma is
        dropped here). ``text`` must equal what ``row`` would write for the same rows."""
        if not rows:
            return
        self._start()
        if self.fmt == "json" and not self.count:
            text = text[1:]
        self._write(text)
        self.count += rows

    def raw_file(
        self,
        path: str,
        rows: int,
        *,
        copy: Callable[[str, int], object] | None = None,
        remove: bool = False,
    ) -> None:
        """Pre-rendered rows (as for ``raw``) in a UTF-8 file, a parallel worker's part: copied
        by ``copy(path, skip)`` when given (bytes straight to the output from byte ``skip`` on),
        else through ``write``; removed afterwards when ``remove``."""
        try:
            if not rows:
                return
            self._start()
            skip = 1 if self.fmt == "json" and not self.count else 0  # the first item's comma
            if copy is None:
                with open(path, encoding="utf-8") as part:
                    part.read(skip)
                    while chunk := part.read(1 << 20):
                        self._write(chunk)
            else:
                copy(path, skip)
            self.count += rows
        finally:
            if remove:
                import os

                os.unlink(path)

    def _flush_table(self) -> None:
        headers = [f.header for f in self._columns]
        self._write(
            table(
                self._table,
                headers,
                max_width=self._max_width,
                fit=self._fit,
                optional=self._optional,
                weights=self._weights,
            )
            + "\n"
        )
        self._table = []

    def close(self) -> int:
        """End the output (closing bracket, last table); the number of rows."""
        self._start()
        if self.fmt == "table":
            if self._table:
                self._flush_table()
        elif self.fmt == "json":
            self._write("\n]" if self.count else "]")
        tail = self._suffix + (self._end if self.fmt == "json" else "")
        if tail:
            self._write(tail)
        return self.count


def render_rows(
    rows: Iterable[Row],
    fields: Sequence[Field],
    fmt: str,
    write: Callable[[str], object],
    *,
    max_width: int | None = None,
    columns: Sequence[str] | None = None,
    optional: Sequence[str] = (),
    fit: str = "wrap",
    weights: Mapping[str, float] | None = None,
) -> int:
    """Render ``rows`` of ``fields`` in ``fmt`` to ``write``; the number of rows (``RowWriter``).

    >>> fields = [Field("zh", "", "term"), Field("n", "", "count")]
    >>> render_rows([{"zh": "八八战略", "n": 2}], fields, "table", print)
    term      count
    ────────  ─────
    八八战略  2
    <BLANKLINE>
    1
    """
    writer = RowWriter(
        fmt,
        fields,
        write,
        max_width=max_width,
        columns=columns,
        optional=optional,
        fit=fit,
        weights=weights,
    )
    writer.rows(rows)
    return writer.close()
