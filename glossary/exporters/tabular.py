"""CSV (spreadsheets and machines), OmegaT TSV, JSON (the scripts' contract) and PO.

CSV cells: a list field (``en_alt``, ``en_deprecated``, ``variants``, ``notes``, ``parts``,
``parts_former``, ``part_of``) holds its items joined by `` | ``, each item with ``\\`` and ``|``
escaped as ``\\\\`` and ``\\|``; a deprecated item is ``EN | REASON``, a clause part ``ZH | EN``
and a former version ``PERIOD | ZH; ZH | SOURCE`` (so their own bars are written ``\\|``);
``part_of`` is computed, written and not read back. The spreadsheet flavour prefixes a
cell that a spreadsheet would evaluate (``= + - @`` TAB CR first) with ``'``; both flavours also
prefix a cell that is already apostrophes followed by one of those, and the importer removes one
``'`` exactly from such cells, so that export and import are inverse for every text.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping

from ..errors import FieldError, FormatError
from ..models import Deprecated, Entry, FormerParts, Part
from ..records import ENTRY_FIELDS
from . import Record, make_record, register, render_chunks, revision

#: The documented entry fields (``records.ENTRY_FIELDS``), then the notes and the revision.
CSV_COLUMNS = (*ENTRY_FIELDS, "notes", "rev")
_LIST_COLUMNS = ("en_alt", "variants", "notes")
_LIST_SEP = " | "
_FORMULA = re.compile(r"[=+\-@\t\r]")
_ESCAPED_FORMULA = re.compile(r"'*[=+\-@\t\r]")  # what the exporter prefixes with one "'"
_UNESCAPE = re.compile(r"'+[=+\-@\t\r]")  # what the importer takes one "'" from
_RISKY_FIRST = frozenset("'=+-@\t\r")  # the first characters that ``_ESCAPED_FORMULA`` needs


def to_record_dict(e: Entry, english: Mapping[str, str] | None = None) -> dict[str, object]:
    """The JSON contract of an entry (``records.entry_record``; ``english``: term -> preferred
    English, for its parts and formulas) and the fields that only the JSON export carries so
    far: deprecated renderings, variants, provenance and notes."""
    from ..records import entry_record

    return {
        **entry_record(e, english),
        "en_deprecated": [{"en": d.en, "reason": d.reason} for d in e.en_deprecated],
        "variants": list(e.variants),
        "reviewed_by": e.reviewed_by,
        "reviewed_on": e.reviewed_on,
        "notes": list(e.notes),
    }


# ------------------------------------------------------------------------------------------- CSV
def _escape_item(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")


def join_items(items: Iterable[str]) -> str:
    """A list cell: items joined by `` | ``, their own ``\\`` and ``|`` escaped."""
    return _LIST_SEP.join(map(_escape_item, items))


def split_items(cell: str) -> list[str]:
    """The inverse of ``join_items``: split at every unescaped ``|``; ``\\\\`` and ``\\|`` are
    unescaped, any other backslash is kept (a hand-written ``C:\\path``). Items are not stripped."""
    items, cur, i = [], [], 0
    while i < len(cell):
        ch = cell[i]
        if ch == "\\" and cell[i + 1 : i + 2] in ("\\", "|"):
            cur.append(cell[i + 1])
            i += 2
            continue
        if ch == "|":
            items.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        i += 1
    items.append("".join(cur))
    return items


def _deprecated_item(d: Deprecated) -> str:
    return f"{d.en}{_LIST_SEP}{d.reason}" if d.reason else d.en


def _part_item(p: Part) -> str:
    from ..store import part_text

    return part_text(p)


def _former_item(f: FormerParts) -> str:
    from ..store import former_text

    return former_text(f)


def _csv_cells(e: Entry) -> list[str]:
    return [
        e.zh,
        e.en,
        join_items(e.en_alt),
        join_items(_deprecated_item(d) for d in e.en_deprecated),
        join_items(e.variants),
        e.literal,
        e.definition,
        e.category.value if e.category else "",
        e.status.value if e.status else "",
        e.source,
        e.pinyin,
        e.pinyin_orthographic,
        e.zh_tw,
        e.zh_hk,
        "yes" if e.reviewed else "no",
        e.reviewed_by,
        e.reviewed_on,
        " ".join(e.locations),
        join_items(_part_item(p) for p in e.parts),
        e.parts_source,
        join_items(_former_item(f) for f in e.parts_former),
        e.no_parts,
        join_items(e.part_of),
        join_items(e.notes),
        revision(e),
    ]


def escape_cell(cell: str, *, spreadsheet: bool = True) -> str:
    """OWASP: a cell a spreadsheet would evaluate gets a leading apostrophe (spreadsheet flavour);
    a cell that already reads as escaped (``'=…``, ``''-…``) gets one more in both flavours."""
    if _ESCAPED_FORMULA.match(cell) and (spreadsheet or cell.startswith("'")):
        return "'" + cell
    return cell


def unescape_cell(cell: str) -> str:
    """The inverse of ``escape_cell``: one ``'`` off a cell of apostrophes then ``= + - @`` TAB or
    CR; any other leading apostrophe is data (``'-' is a placeholder`` -> unchanged)."""
    return cell[1:] if _UNESCAPE.match(cell) else cell


def export_csv(entries: list[Entry], *, plain: bool = False) -> str:
    """RFC 4180 CSV, one row per entry, every field; for spreadsheets by default (UTF-8 BOM,
    formula cells escaped), ``plain`` for machines."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(CSV_COLUMNS)
    rows = render_chunks(_csv_plain_rows if plain else _csv_rows, entries)
    return ("" if plain else "\ufeff") + out.getvalue() + "".join(rows)


def _csv_rows(entries: list[Entry], start: int, *, plain: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    spreadsheet = not plain
    risky = _RISKY_FIRST  # a cell that starts otherwise is never escaped: no regex for it
    for e in entries:
        writer.writerow(
            [
                escape_cell(c, spreadsheet=spreadsheet) if c[:1] in risky else c
                for c in _csv_cells(e)
            ]
        )
    return out.getvalue()


def _csv_plain_rows(entries: list[Entry], start: int) -> str:
    return _csv_rows(entries, start, plain=True)


def parse_csv(text: str, name: str) -> list[Record]:
    """Rows of our CSV (any subset of its columns, ``zh`` required; a header is required)."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise FormatError(name, None, "empty file")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise FormatError(name, 1, f"malformed CSV: {exc}") from None
    header = [h.strip().lower() for h in header]
    if "zh" not in header:
        raise FormatError(
            name, 1, f"no 'zh' column in the header (columns: {', '.join(CSV_COLUMNS)})"
        )
    unknown = [h for h in header if h not in CSV_COLUMNS]
    if unknown:
        raise FormatError(name, 1, f"unknown column(s): {', '.join(unknown)}")
    twice = sorted({h for h in header if header.count(h) > 1})
    if twice:
        raise FormatError(name, 1, f"column(s) given twice: {', '.join(twice)}")
    records = []
    line = reader.line_num + 1
    try:
        for row in reader:
            start, line = line, reader.line_num + 1
            if not any(c.strip() for c in row):
                continue
            if len(row) != len(header):
                raise FormatError(name, start, f"{len(row)} fields, the header has {len(header)}")
            records.append(_record(dict(zip(header, row, strict=True)), start, name))
    except csv.Error as exc:
        raise FormatError(name, reader.line_num, f"malformed CSV: {exc}") from None
    return records


def _record(values: dict[str, str], line: int, name: str) -> Record:
    values = {k: unescape_cell(v) for k, v in values.items()}
    zh = values.pop("zh")
    rev = values.pop("rev", "")
    values.pop("locations", None)
    values.pop("part_of", None)  # computed from the formulas' parts
    raw: dict[str, object] = {}
    for key, value in values.items():
        if key == "parts":
            from ..store import parse_part

            raw[key] = [parse_part(x) for x in split_items(value) if x.strip()]
        elif key == "parts_former":
            from ..store import parse_former

            raw[key] = [parse_former(x) for x in split_items(value) if x.strip()]
        elif key in _LIST_COLUMNS:
            raw[key] = split_items(value)
        elif key == "en_deprecated":
            raw[key] = [_parse_deprecated_item(x) for x in split_items(value)]
        elif key == "reviewed":
            flag = value.strip().lower()
            if flag not in ("yes", "no", "true", "false", "1", "0", ""):
                raise FormatError(name, line, f"field reviewed: expected yes or no, not {value!r}")
            raw[key] = flag in ("yes", "true", "1")
        else:
            raw[key] = value
    return make_record(name, line, zh, raw, rev=rev)


def _parse_deprecated_item(item: str) -> Deprecated:
    # "EN | REASON": its bar was escaped, so split_items kept the item whole
    en, _, reason = item.partition(_LIST_SEP.strip())
    return Deprecated(en, reason)


register("csv", "csv", parse=parse_csv)(export_csv)


# ------------------------------------------------------------------------------------------- TSV
def _tsv_cell(text: str) -> str:
    # the field rules keep tabs and line breaks out; white space inside a cell stays as it is
    return text.replace("\t", " ").replace("\n", " ").replace("\r", " ")


def _do_not_use(d: Deprecated) -> str:
    return f"{d.en} ({d.reason})" if d.reason else d.en


def export_tsv(entries: list[Entry], *, plain: bool = False) -> str:
    """OmegaT's glossary layout: source, target, comment; no header; a coding line; no tabs or
    newlines inside cells; no source starting with #."""
    lines = ["# Glossary in tab-separated format -*- coding: utf-8 -*-"]
    for e in entries:
        if not e.en or e.zh.startswith("#"):
            continue
        comment = "; ".join(
            x
            for x in (
                e.pinyin,
                f"zh-TW {e.zh_tw}" if e.zh_tw and e.zh_tw != e.zh else "",
                f"zh-HK {e.zh_hk}" if e.zh_hk and e.zh_hk not in (e.zh, e.zh_tw) else "",
                e.category.value if e.category else "",
                e.status.value if e.status else "",
                ("also: " + " / ".join(e.en_alt)) if e.en_alt else "",
                ("do not use: " + " / ".join(map(_do_not_use, e.en_deprecated)))
                if e.en_deprecated
                else "",
                ("also written: " + " / ".join(e.variants)) if e.variants else "",
                ("parts: " + " / ".join(p.zh for p in e.parts)) if e.parts else "",
                ("part of: " + " / ".join(e.part_of)) if e.part_of else "",
                e.definition,
            )
            if x
        )
        comment = " ".join(comment.split())
        lines.append(f"{_tsv_cell(e.zh)}\t{_tsv_cell(e.en)}\t{_tsv_cell(comment)}")
    return "\n".join(lines) + "\n"


def parse_tsv(text: str, name: str) -> list[Record]:
    """OmegaT TSV: source, target[, comment]; the comment is not read back (it is generated)."""
    records = []
    for number, raw in enumerate(text.lstrip("\ufeff").split("\n"), 1):
        line = raw.removesuffix("\r")
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 2:
            raise FormatError(name, number, "expected source<TAB>target[<TAB>comment]")
        if len(cells) > 3:
            raise FormatError(
                name, number, f"{len(cells)} fields, at most 3 (source, target, comment)"
            )
        if not cells[0].strip():
            raise FormatError(name, number, "empty source term")
        records.append(make_record(name, number, cells[0], {"en": cells[1]}))
    if not records:
        raise FormatError(name, None, "no entries")
    return records


register("tsv", "utf8", parse=parse_tsv)(export_tsv)


# ------------------------------------------------------------------------------------------ JSON
def export_json(entries: list[Entry], *, plain: bool = False) -> str:
    """The contract that scripts read: an array of entries with stable field names."""
    english = {e.zh: e.en for e in entries}
    records = [to_record_dict(e, english) for e in entries]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


_JSON_STRINGS = (
    "en",
    "literal",
    "definition",
    "category",
    "status",
    "source",
    "pinyin",
    "pinyin_orthographic",
    "zh_tw",
    "zh_hk",
    "reviewed_by",
    "reviewed_on",
    "parts_source",
    "no_parts",
)


def _loads(text: str, name: str, line: int | None) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        at = exc.lineno if line is None else line
        raise FormatError(name, at, f"malformed JSON: {exc.msg}") from None
    except RecursionError:
        raise FormatError(name, line, "malformed JSON: nested too deeply") from None
    except ValueError as exc:  # a number of more than 4300 digits
        raise FormatError(name, line, f"malformed JSON: {str(exc).split(';')[0]}") from None


def parse_json(text: str, name: str) -> list[Record]:
    """An array of objects with at least ``zh`` (our export, or a curator's JSON Lines). Every
    value must have the type of our export (strings, lists of strings, ``reviewed`` true or
    false, ``en_deprecated`` a list of ``{"en", "reason"}`` objects, ``why`` accepted for
    ``reason``); ``null`` is an empty value. Keys we do not know are ignored."""
    text = text.lstrip("\ufeff")
    items: list[object] = []
    lines: list[int] = []
    if text.lstrip().startswith("["):
        loaded = _loads(text, name, None)
        if not isinstance(loaded, list):
            raise FormatError(name, 1, "expected an array of objects")
        items = loaded
        lines = [0] * len(items)
    else:
        for number, line in enumerate(text.split("\n"), 1):
            if line.strip():
                items.append(_loads(line, name, number))
                lines.append(number)
    return [
        _json_record(item, n, line, name)
        for n, (item, line) in enumerate(zip(items, lines, strict=True), 1)
    ]


def _json_record(item: object, n: int, line: int, name: str) -> Record:
    if not isinstance(item, dict):
        raise FormatError(name, line or None, f"item {n}: expected an object with a 'zh' string")
    zh = item.get("zh")
    label = (
        f"item {n} ({json.dumps(zh, ensure_ascii=False)})" if isinstance(zh, str) else f"item {n}"
    )
    if zh is None:
        raise FormatError(name, line or None, f"{label}: field zh: missing")
    raw: dict[str, object] = {}
    try:
        for key, value in item.items():
            if key in _JSON_STRINGS:
                raw[key] = "" if value is None else value
            elif key in _LIST_COLUMNS:
                raw[key] = [] if value is None else value
            elif key == "note":
                raw["notes"] = [] if value is None else [value]
            elif key == "reviewed":
                raw[key] = value
            elif key == "en_deprecated":
                raw[key] = _json_deprecated(value)
            elif key == "parts":
                raw[key] = _json_parts(value)
            elif key == "parts_former":
                raw[key] = _json_former(value)
    except FieldError as exc:
        raise FormatError(name, line or None, f"{label}: {exc}") from None
    rev = item.get("rev", "")
    return make_record(name, line, zh, raw, rev="" if rev is None else rev, item=label)


def _json_deprecated(value: object) -> list[Deprecated]:
    if value is None:
        return []
    problem = FieldError("en_deprecated", 'expected a list of {"en": ..., "reason": ...} objects')
    if not isinstance(value, list):
        raise problem
    out = []
    for d in value:
        if not isinstance(d, dict) or set(d) - {"en", "reason", "why"}:
            raise problem
        en, reason = d.get("en", ""), d.get("reason", d.get("why", ""))
        if not isinstance(en, str) or not isinstance(reason or "", str):
            raise problem
        out.append(Deprecated(en, reason or ""))
    return out


def _json_parts(value: object) -> list[Part]:
    """``[{"zh": ..., "en": ..., "entry": ...}]``: a part whose ``entry`` is true names an entry
    (its ``en`` is that entry's English, not the part's); without ``entry``, a part with ``en``
    is a clause."""
    if value is None:
        return []
    problem = FieldError("parts", 'expected a list of {"zh": ..., "en": ..., "entry": ...} objects')
    if not isinstance(value, list):
        raise problem
    out = []
    for p in value:
        if not isinstance(p, dict) or set(p) - {"zh", "en", "entry"}:
            raise problem
        zh, en, entry = p.get("zh", ""), p.get("en") or "", p.get("entry", False)
        if not isinstance(zh, str) or not isinstance(en, str) or not isinstance(entry, bool):
            raise problem
        out.append(Part(zh, "" if entry else en))
    return out


def _json_former(value: object) -> list[FormerParts]:
    if value is None:
        return []
    problem = FieldError(
        "parts_former", 'expected a list of {"period": ..., "parts": [...], "source": ...} objects'
    )
    if not isinstance(value, list):
        raise problem
    out = []
    for f in value:
        if not isinstance(f, dict) or set(f) - {"period", "parts", "source"}:
            raise problem
        period, parts, source = f.get("period", ""), f.get("parts") or [], f.get("source") or ""
        if not isinstance(period, str) or not isinstance(source, str):
            raise problem
        if not isinstance(parts, list) or not all(isinstance(x, str) for x in parts):
            raise problem
        out.append(FormerParts(period, tuple(parts), source))
    return out


register("json", "json", parse=parse_json)(export_json)


# -------------------------------------------------------------------------------------------- PO
def export_po(entries: list[Entry], *, plain: bool = False) -> str:
    """The English catalogue of the selected entries."""
    from ..paths import EN
    from ..store import catalog_text

    return catalog_text(EN, entries)


def parse_po(text: str, name: str) -> list[Record]:
    """A zh->en PO (ours or another tool's): msgstr and, where present, our comment fields. An
    empty msgstr (untranslated) carries no English: it changes nothing."""
    import polib

    from ..store import (
        HUMAN_KEYS,
        check_po_syntax,
        entry_from_po,
        parse_extracted_comments,
        parse_translator_comments,
    )

    check_po_syntax(text, name)
    try:
        po = polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError) as exc:
        m = re.search(r"\(line (\d+)\)", str(exc))
        raise FormatError(name, int(m.group(1)) if m else None, "malformed PO") from None
    records = []
    for item in po:
        if not item.msgid or item.obsolete:
            continue
        e = entry_from_po(item, name=name)
        human = parse_translator_comments(item.tcomment)
        raw: dict[str, object] = {}
        if e.en:  # untranslated: neither English nor a review state to take
            raw["en"] = e.en
            raw["reviewed"] = e.reviewed
        for key, attr in HUMAN_KEYS.items():
            if key in human:
                value = getattr(e, attr)
                raw[attr] = value.value if hasattr(value, "value") else value
        if "category" in parse_extracted_comments(item.comment) and e.category:
            raw["category"] = e.category.value
        line = int(getattr(item, "linenum", 0) or 0)
        records.append(make_record(name, line, e.zh, raw))
    return records


register("po", "po", parse=parse_po)(export_po)
