"""CSV (spreadsheets and machines), OmegaT TSV, JSON (the scripts' contract) and PO."""

from __future__ import annotations

import csv
import io
import json

from ..errors import FormatError
from ..models import Entry
from . import Record, register, revision

CSV_COLUMNS = (
    "zh",
    "en",
    "en_alt",
    "literal",
    "definition",
    "category",
    "status",
    "source",
    "pinyin",
    "pinyin_orthographic",
    "zh_tw",
    "zh_hk",
    "reviewed",
    "locations",
    "notes",
    "rev",
)
_LIST_SEP = " | "
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def to_record_dict(e: Entry) -> dict:
    """The JSON contract of an entry (see the curation issue): stable field names."""
    from ..index import entry_record

    return entry_record(e)


# ------------------------------------------------------------------------------------------- CSV
def _csv_cells(e: Entry) -> list[str]:
    return [
        e.zh,
        e.en,
        _LIST_SEP.join(e.en_alt),
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
        " ".join(e.locations),
        _LIST_SEP.join(e.notes),
        revision(e),
    ]


def _escape_formula(cell: str) -> str:
    # OWASP: a cell a spreadsheet would evaluate gets a leading apostrophe.
    return "'" + cell if cell.startswith(_FORMULA) else cell


def export_csv(entries: list[Entry], *, plain: bool = False) -> str:
    """RFC 4180 CSV, one row per entry, every field; for spreadsheets by default (UTF-8 BOM,
    formula cells escaped), ``plain`` for machines."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        cells = _csv_cells(e)
        writer.writerow(cells if plain else [_escape_formula(c) for c in cells])
    return ("" if plain else "\ufeff") + out.getvalue()


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
    records = []
    try:
        for row in reader:
            line = reader.line_num
            if not any(c.strip() for c in row):
                continue
            if len(row) != len(header):
                raise FormatError(name, line, f"{len(row)} fields, the header has {len(header)}")
            values = dict(zip(header, row))
            records.append(_record(values, line, name))
    except csv.Error as exc:
        raise FormatError(name, reader.line_num, f"malformed CSV: {exc}") from None
    return records


def _unescape(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:2] in _FORMULA and cell[1:2] != "" else cell


def _record(values: dict[str, str], line: int, name: str) -> Record:
    from ..index import normalize

    values = {k: _unescape(v) for k, v in values.items()}
    zh = normalize(values.pop("zh"))
    if not zh:
        raise FormatError(name, line, "empty 'zh'")
    rev = values.pop("rev", "")
    values.pop("locations", None)
    fields: dict = {}
    for key, value in values.items():
        value = value.strip()
        if key in ("en_alt", "notes"):
            fields[key] = (
                tuple(v.strip() for v in value.split(_LIST_SEP.strip()) if v.strip())
                if value
                else ()
            )
        elif key == "reviewed":
            if value.lower() not in ("yes", "no", "true", "false", "1", "0", ""):
                raise FormatError(name, line, f"reviewed must be yes or no, not {value!r}")
            fields[key] = value.lower() in ("yes", "true", "1")
        else:
            fields[key] = value
    _check_vocab(fields, line, name)
    return Record(zh, fields, line, rev)


def _check_vocab(fields: dict, line: int, name: str) -> None:
    from ..models import Category, Status

    if fields.get("category") and fields["category"] not in {c.value for c in Category}:
        raise FormatError(name, line, f"unknown category {fields['category']!r}")
    if fields.get("status") and fields["status"] not in {s.value for s in Status}:
        raise FormatError(name, line, f"unknown status {fields['status']!r}")


register("csv", "csv", parse=parse_csv)(export_csv)


# ------------------------------------------------------------------------------------------- TSV
def _tsv_cell(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


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
                e.definition,
            )
            if x
        )
        lines.append(f"{_tsv_cell(e.zh)}\t{_tsv_cell(e.en)}\t{_tsv_cell(comment)}")
    return "\n".join(lines) + "\n"


def parse_tsv(text: str, name: str) -> list[Record]:
    """OmegaT TSV: source, target[, comment]; the comment is not read back (it is generated)."""
    from ..index import normalize

    records = []
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 2:
            raise FormatError(name, number, "expected source<TAB>target[<TAB>comment]")
        if len(cells) > 3:
            raise FormatError(
                name, number, f"{len(cells)} fields, at most 3 (source, target, comment)"
            )
        zh, en = normalize(cells[0]), cells[1].strip()
        if not zh:
            raise FormatError(name, number, "empty source term")
        records.append(Record(zh, {"en": en}, number))
    if not records:
        raise FormatError(name, None, "no entries")
    return records


register("tsv", "utf8", parse=parse_tsv)(export_tsv)


# ------------------------------------------------------------------------------------------ JSON
def export_json(entries: list[Entry], *, plain: bool = False) -> str:
    """The contract that scripts read: an array of entries with stable field names."""
    return json.dumps([to_record_dict(e) for e in entries], ensure_ascii=False, indent=2) + "\n"


def parse_json(text: str, name: str) -> list[Record]:
    """An array of objects with at least ``zh`` (our export, or a curator's JSON Lines)."""
    text = text.lstrip("\ufeff")
    items: list = []
    lines: list[int] = []
    if text.lstrip().startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            raise FormatError(name, exc.lineno, f"malformed JSON: {exc.msg}") from None
        if not isinstance(items, list):
            raise FormatError(name, 1, "expected an array of objects")
        lines = [0] * len(items)
    else:
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    items.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise FormatError(name, number, f"malformed JSON: {exc.msg}") from None
                lines.append(number)
    records = []
    for item, line in zip(items, lines):
        if not isinstance(item, dict) or not isinstance(item.get("zh"), str):
            raise FormatError(name, line or None, "each item must be an object with a 'zh' string")
        values = {k: v for k, v in item.items() if k in CSV_COLUMNS or k in ("note",)}
        fields = {}
        for key, value in values.items():
            if key in ("zh", "rev", "locations"):
                continue
            if key in ("en_alt", "notes"):
                fields[key] = tuple(str(v).strip() for v in (value or []) if str(v).strip())
            elif key == "note":
                fields["notes"] = (str(value).strip(),) if str(value).strip() else ()
            elif key == "reviewed":
                fields[key] = bool(value)
            else:
                fields[key] = "" if value is None else str(value).strip()
        _check_vocab(fields, line, name)
        from ..index import normalize

        records.append(Record(normalize(item["zh"]), fields, line, str(item.get("rev", ""))))
    return records


register("json", "json", parse=parse_json)(export_json)


# -------------------------------------------------------------------------------------------- PO
def export_po(entries: list[Entry], *, plain: bool = False) -> str:
    """The English catalogue of the selected entries."""
    from ..store import EN, _catalog_text, _stamp

    return _stamp(_catalog_text(EN, entries, []), None)


def parse_po(text: str, name: str) -> list[Record]:
    """A zh->en PO (ours or another tool's): msgstr and, where present, our comment fields."""
    import re

    import polib

    from ..store import _parse_generated, _parse_tcomment, check_po_syntax, entry_from_po

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
        e = entry_from_po(item)
        human = _parse_tcomment(item.tcomment)
        fields: dict = {"en": e.en, "reviewed": e.reviewed}
        keymap = {
            "en-alt": "en_alt",
            "literal": "literal",
            "definition": "definition",
            "status": "status",
            "source": "source",
            "pinyin-orthographic": "pinyin_orthographic",
            "pinyin": "pinyin",
            "zh-TW": "zh_tw",
            "zh-HK": "zh_hk",
            "note": "notes",
        }
        for key, attr in keymap.items():
            if key in human:
                value = getattr(e, attr)
                fields[attr] = value.value if hasattr(value, "value") else value
        if "category" in _parse_generated(item.comment) and e.category:
            fields["category"] = e.category.value
        line = getattr(item, "linenum", 0) or 0
        records.append(Record(e.zh, fields, int(line)))
    return records


register("po", "po", parse=parse_po)(export_po)
