"""Export and import formats, one module each, registered under the name the CLI exposes.

Every format turns Entries into text (``export``) and, where it can be read back, text into
``Record`` rows (``parse``): the fields that the format carries, so that an import changes only
what a file can express. Every parser hands its raw values to ``make_record``, which applies the
store's field rules (``store.clean_fields``) and names the file, row and field of a refused
value; every export refuses an entry that breaks them (``store.check_entry``), so that no field
can produce a line, a cell or an XML character its format cannot carry.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from json.encoder import encode_basestring as _encode_string  # json's own, in C
from typing import Protocol

from ..errors import ExportError, FieldError, FormatError
from ..models import Entry

#: Human-owned fields that an import may change, in a stable order.
HUMAN_FIELDS = (
    "en",
    "en_alt",
    "en_deprecated",
    "variants",
    "literal",
    "definition",
    "category",
    "status",
    "source",
    "pinyin_orthographic",
    "reviewed",
    "reviewed_by",
    "reviewed_on",
    "notes",
    "pinyin",
    "zh_tw",
    "zh_hk",
    "parts",
    "parts_source",
    "parts_former",
    "no_parts",
)
# Fields added after revision stamps were first written: left out of the stamp while empty, so
# that files exported before they existed still match.
_LATER_FIELDS = (
    "en_deprecated",
    "variants",
    "reviewed_by",
    "reviewed_on",
    "parts",
    "parts_source",
    "parts_former",
    "no_parts",
)


@dataclass(frozen=True, slots=True)
class Record:
    """One row of an imported file: the term, the fields it carries, and where it stood."""

    zh: str
    fields: dict[str, object] = field(default_factory=dict)  #: field name -> value (as in Entry)
    line: int = 0  #: where the row starts, for messages
    rev: str = ""  #: the revision stamp written by our export, if any


class Exporter(Protocol):
    def __call__(self, entries: list[Entry], *, plain: bool = False) -> str: ...


Parser = Callable[[str, str], list[Record]]


@dataclass(frozen=True, slots=True)
class Format:
    """A registered format."""

    name: str
    extension: str
    export: Exporter
    parse: Parser | None = None  #: (text, file name) -> records
    binary_bom: bool = False


FORMATS: dict[str, Format] = {}


def register(
    name: str, extension: str, *, parse: Parser | None = None
) -> Callable[[Exporter], Exporter]:
    """Decorator: register an export function (and its parser) under ``name``. The registered
    export refuses entries that break the field rules (``ExportError``, naming term and field)."""

    def wrap(export: Exporter) -> Exporter:
        def checked(entries: list[Entry], *, plain: bool = False) -> str:
            _check_all(entries, name)
            return export(entries, plain=plain)

        checked.__doc__ = export.__doc__
        FORMATS[name] = Format(name, extension, checked, parse)
        return export

    return wrap


def _check_all(entries: list[Entry], fmt: str) -> None:
    """``check_exportable`` on every core for a large export; when a part fails, the entries
    are checked again in order, so that the error names the first entry that breaks a rule."""

    def check(part: list[Entry], _start: int) -> str:
        check_exportable(part, fmt)
        return ""

    try:
        render_chunks(check, entries)
    except ExportError:
        check_exportable(entries, fmt)
        raise


def check_exportable(entries: list[Entry], fmt: str) -> None:
    """Raises ExportError for the first entry holding a value no field may hold."""
    from ..store import check_entry

    for e in entries:
        try:
            check_entry(e)
        except FieldError as exc:
            raise ExportError(f"{fmt} export: {exc}") from None


def make_record(
    name: str,
    line: int,
    zh: object,
    raw: Mapping[str, object],
    *,
    rev: object = "",
    item: str = "",
) -> Record:
    """A Record from a parser's raw values, cleaned by the store's field rules.

    Args:
        name: the file, for messages.
        line: where the row starts (0 when the format has no lines to give).
        zh: the raw term.
        raw: field name -> raw value (str, bool, list of str, list of ``Deprecated``).
        rev: the revision stamp, if the row has one.
        item: how a message names a row without a line (``item 3 ("八八战略")``).

    Raises:
        FormatError: ``FILE:ROW: field X: problem`` for the first refused value.
    """
    from ..store import clean_fields, clean_term

    prefix = f"{item}: " if item else ""
    try:
        term = clean_term(zh)
        fields = clean_fields(raw)
        if not isinstance(rev, str):
            raise FieldError("rev", "expected a string")
    except FieldError as exc:
        raise FormatError(name, line or None, prefix + str(exc)) from None
    return Record(term, fields, line, rev.strip())


def human_values(entry: Entry) -> dict[str, object]:
    """The human-owned fields of an entry, as an import compares them."""
    return {
        "en": entry.en,
        "en_alt": tuple(entry.en_alt),
        "en_deprecated": tuple(entry.en_deprecated),
        "variants": tuple(entry.variants),
        "literal": entry.literal,
        "definition": entry.definition,
        "category": entry.category.value if entry.category else "",
        "status": entry.status.value if entry.status else "",
        "source": entry.source,
        "pinyin_orthographic": entry.pinyin_orthographic,
        "reviewed": entry.reviewed,
        "reviewed_by": entry.reviewed_by,
        "reviewed_on": entry.reviewed_on,
        "notes": tuple(entry.notes),
        "pinyin": entry.pinyin,
        "zh_tw": entry.zh_tw,
        "zh_hk": entry.zh_hk,
        "parts": tuple(entry.parts),
        "parts_source": entry.parts_source,
        "parts_former": tuple(entry.parts_former),
        "no_parts": entry.no_parts,
    }


def revision(entry: Entry) -> str:
    """A short stamp of an entry's human-owned data; an import uses it to tell an edit of the
    exported version from a clash with a later change of the store.

    The stamp is the SHA-1 of the human values as ``json.dumps(..., ensure_ascii=False,
    sort_keys=True)`` writes them (``_revision_json``); the text is written here directly, key
    by key in sorted order, with json's own string encoder (a third of the time: an export of
    100,000 entries stamps every one)."""
    try:
        blob = _revision_text(entry)
    except TypeError:  # a value of another type than the fields': as json writes it
        blob = _revision_json(entry)
    return hashlib.sha1(blob.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def _revision_json(entry: Entry) -> str:
    values = human_values(entry)
    for key in _LATER_FIELDS:
        if not values[key]:
            del values[key]
    values["en_deprecated"] = [[d.en, d.reason] for d in entry.en_deprecated]
    if not entry.en_deprecated:
        del values["en_deprecated"]
    if entry.parts:
        values["parts"] = [[p.zh, p.en] for p in entry.parts]
    if entry.parts_former:
        values["parts_former"] = [[f.period, list(f.parts), f.source] for f in entry.parts_former]
    return json.dumps(values, ensure_ascii=False, sort_keys=True)


def _revision_text(e: Entry) -> str:
    """``_revision_json`` for entries whose values have the fields' types (TypeError else)."""
    q = _encode_string
    if type(e.reviewed) is not bool:
        raise TypeError("reviewed")
    parts = [
        '{"category": ' + q(e.category.value if e.category else ""),
        '"definition": ' + q(e.definition),
        '"en": ' + q(e.en),
        '"en_alt": [' + ", ".join(map(q, e.en_alt)) + "]",
    ]
    if e.en_deprecated:
        pairs = ", ".join([f"[{q(d.en)}, {q(d.reason)}]" for d in e.en_deprecated])
        parts.append(f'"en_deprecated": [{pairs}]')
    parts += [
        '"literal": ' + q(e.literal),
    ]
    if e.no_parts:
        parts.append('"no_parts": ' + q(e.no_parts))
    parts.append('"notes": [' + ", ".join(map(q, e.notes)) + "]")
    if e.parts:
        items = ", ".join([f"[{q(p.zh)}, {q(p.en)}]" for p in e.parts])
        parts.append(f'"parts": [{items}]')
    if e.parts_former:
        items = ", ".join(
            [
                f"[{q(f.period)}, [{', '.join(map(q, f.parts))}], {q(f.source)}]"
                for f in e.parts_former
            ]
        )
        parts.append(f'"parts_former": [{items}]')
    if e.parts_source:
        parts.append('"parts_source": ' + q(e.parts_source))
    parts += [
        '"pinyin": ' + q(e.pinyin),
        '"pinyin_orthographic": ' + q(e.pinyin_orthographic),
        '"reviewed": ' + ("true" if e.reviewed else "false"),
    ]
    if e.reviewed_by:
        parts.append('"reviewed_by": ' + q(e.reviewed_by))
    if e.reviewed_on:
        parts.append('"reviewed_on": ' + q(e.reviewed_on))
    parts += ['"source": ' + q(e.source), '"status": ' + q(e.status.value if e.status else "")]
    if e.variants:
        parts.append('"variants": [' + ", ".join(map(q, e.variants)) + "]")
    parts += ['"zh_hk": ' + q(e.zh_hk), '"zh_tw": ' + q(e.zh_tw) + "}"]
    return ", ".join(parts)


def load_all() -> dict[str, Format]:
    """Import the format modules (which register themselves) and return the registry."""
    from . import anki, html, tabular, tbx, tmx  # noqa: F401

    return FORMATS


#: below this many entries an export takes one core (forking costs more than it saves)
MIN_PARALLEL_ENTRIES = 20_000
# set in the parent before forking; the workers inherit it (no entry is pickled)
_CHUNKS: dict[str, object] = {}


def render_chunks(
    render: Callable[[list[Entry], int], str], entries: list[Entry], *, workers: int | None = None
) -> list[str]:
    """``render(part, start)`` of consecutive parts of ``entries`` (``start`` is the index of
    the part's first entry), one part per core in forked workers for a large export; the texts
    in order. One part, in this process, for a small one or on one core."""
    from ..parallel import worker_count

    count = min(worker_count(workers), 8)
    if len(entries) < MIN_PARALLEL_ENTRIES or count < 2:
        return [render(entries, 0)]
    import os

    if not hasattr(os, "fork"):  # pragma: no cover - platforms without fork
        return [render(entries, 0)]
    from ..parallel import fork_map

    size = -(-len(entries) // count)
    spans = [(a, min(a + size, len(entries))) for a in range(0, len(entries), size)]
    _CHUNKS.update(render=render, entries=entries)
    try:
        return list(fork_map(_render_span, spans, workers=len(spans)))
    finally:
        _CHUNKS.clear()


def _render_span(span: tuple[int, int]) -> str:
    render = _CHUNKS["render"]
    entries = _CHUNKS["entries"]
    assert callable(render) and isinstance(entries, list)
    a, b = span
    text: str = render(entries[a:b], a)
    return text
