"""Importing edits made elsewhere (a spreadsheet, Poedit, Weblate, a TBX tool) into the PO store.

- A round trip (export, then import) changes nothing.
- An edited field changes only its own entry.
- New rows become new entries, fuzzy until reviewed here.
- Conflicts are reported, never silently overwritten: a row whose entry changed in the store
  since the export (its revision stamp no longer matches), or, for files without stamps, a row
  that contradicts a reviewed entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import FormatError
from .exporters import HUMAN_FIELDS, Record, human_values, revision
from .models import Category, Entry, Status


@dataclass(frozen=True, slots=True)
class Change:
    zh: str
    field: str
    old: object
    new: object


@dataclass(frozen=True, slots=True)
class Conflict:
    zh: str
    line: int
    field: str
    ours: object
    theirs: object
    why: str


@dataclass(slots=True)
class ImportPlan:
    """What an import would do."""

    changes: list[Change] = field(default_factory=list)
    new: list[Entry] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    unchanged: int = 0
    updated: dict[str, Entry] = field(default_factory=dict)


def _apply(entry: Entry, values: dict[str, object]) -> Entry:
    kw: dict[str, Any] = {}
    for key, value in values.items():
        if key == "category":
            kw[key] = Category(str(value)) if value else None
        elif key == "status":
            kw[key] = Status(str(value)) if value else None
        elif key in ("en_alt", "en_deprecated", "variants", "notes", "parts", "parts_former"):
            kw[key] = tuple(value) if isinstance(value, (list, tuple)) else ()
        elif key in ("pinyin", "zh_tw", "zh_hk"):
            kw[key] = value
            kw[f"{key}_override"] = True
        else:
            kw[key] = value
    return replace(entry, **kw)


def plan_import(
    records: list[Record], existing: dict[str, Entry], *, name: str, overwrite: bool = False
) -> ImportPlan:
    """Compare imported rows with the store.

    Args:
        records: parsed rows.
        existing: the store's entries by term (pinyin and traditional forms computed).
        name: the file name, for messages.
        overwrite: take the file's values even where they conflict.

    Raises:
        FormatError: the same term twice in the file.
    """
    from .store import with_computed

    plan = ImportPlan()
    seen: dict[str, int] = {}
    for rec in records:
        if rec.zh in seen:
            raise FormatError(
                name, rec.line or None, f"{rec.zh}: listed twice (first at line {seen[rec.zh]})"
            )
        seen[rec.zh] = rec.line
        cur = existing.get(rec.zh)
        if cur is None:
            fresh = with_computed(Entry(zh=rec.zh))
            values = {k: v for k, v in rec.fields.items() if k in HUMAN_FIELDS and k != "reviewed"}
            computed = human_values(fresh)
            for key in ("pinyin", "zh_tw", "zh_hk"):
                if key in values and (not values[key] or values[key] == computed[key]):
                    del values[key]  # the same as computed: no override needed
            plan.new.append(_apply(fresh, values))
            continue
        ours = human_values(cur)
        diffs = {}
        for key, value in rec.fields.items():
            if key not in HUMAN_FIELDS:
                continue
            theirs = tuple(value) if isinstance(value, (list, tuple)) else value
            if theirs != ours[key]:
                if key in ("pinyin", "zh_tw", "zh_hk") and not theirs:
                    continue
                diffs[key] = theirs
        if not diffs:
            plan.unchanged += 1
            continue
        why = ""
        if rec.rev and rec.rev != revision(cur):
            why = "changed in the store since this file was exported"
        elif not rec.rev and cur.reviewed and set(diffs) != {"reviewed"}:
            why = "contradicts a reviewed entry (the file has no revision stamps)"
        if why and not overwrite:
            plan.conflicts += [
                Conflict(rec.zh, rec.line, k, ours[k], v, why) for k, v in diffs.items()
            ]
            continue
        plan.changes += [Change(rec.zh, k, ours[k], v) for k, v in diffs.items()]
        plan.updated[rec.zh] = _apply(cur, diffs)
    return plan


def apply_import(locales: Path, plan: ImportPlan) -> list[Path]:
    """Write the planned changes and new entries to the catalogues (atomically, under the
    glossary's exclusive lock: hold it from planning on, as ``app.import_file`` does)."""
    from .fsutil import locked, write_all_atomic
    from .store import read_entries, to_catalog_texts, with_computed

    with locked(locales, command="glossary import"):
        current = read_entries(locales, include_obsolete=True)
        active = [plan.updated.get(e.zh, e) for e in current if not e.obsolete]
        # a new row for a term that left the seeds revives it (one msgid, its notes kept)
        gone = {e.zh: e for e in current if e.obsolete}
        obsolete = [e for e in gone.values() if e.zh not in {n.zh for n in plan.new}]
        new = [_revive(gone[e.zh], e) if e.zh in gone else e for e in plan.new]
        active = [with_computed(e) for e in active] + new
        texts = to_catalog_texts(locales, active, obsolete)
        changed = {
            # bytes compared: a catalogue saved in another encoding is written back as UTF-8
            p: t
            for p, t in texts.items()
            if not p.exists() or p.read_bytes() != t.encode("utf-8")
        }
        if changed:
            write_all_atomic(changed)
    return list(changed)


def _revive(old: Entry, new: Entry) -> Entry:
    """An obsolete entry brought back by an import: the imported values, and the old ones where
    the file had none."""
    kw: dict[str, Any] = {}
    for key, value in human_values(new).items():
        if not value and key in human_values(old) and key != "reviewed":
            kw[key] = getattr(old, key)
    return replace(new, **kw, obsolete=False)
