"""Apply the verdicts of curation/verify3/verified.jsonl to an export of the glossary.

    glossary export --format csv -o /tmp/all.csv
    python curation/verify3/apply.py /tmp/all.csv /tmp/changed.csv
    glossary import --dry-run /tmp/changed.csv && glossary import /tmp/changed.csv

Each verdict sets status and source; a verdict with "en" makes it the preferred English and
keeps the previous preferred English as the first alternate unless the verdict lists it
(alternates are the verdict's, then the entry's others, without duplicates); a verdict "note"
is added to the entry's notes, and a note that says the wording rests on the drafter's recall
("as recalled", "wording not verified in this session") is dropped. Only changed rows are
written, with their revision stamps, so the import reports any entry edited meanwhile."""

import csv
import json
import re
import sys
from pathlib import Path

from glossary.exporters.tabular import join_items, split_items

HERE = Path(__file__).resolve().parent
STALE = re.compile(
    r"as recalled|wording not verified in this session|not re-read in this session", re.I
)


def load(path: Path) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out[str(d["zh"])] = d
    return out


def items(cell: str) -> list[str]:
    """A list cell's items, stripped (the cell joins them with " | "), without duplicates."""
    out: list[str] = []
    for raw in split_items(cell) if cell else []:
        x = raw.strip()
        if x and x not in out:
            out.append(x)
    return out


def apply(row: dict[str, str], v: dict[str, object]) -> dict[str, str]:
    row = dict(row)
    row["status"] = str(v["status"])
    row["source"] = str(v.get("source", ""))
    alts = items(row["en_alt"])
    if "en" in v:
        new_en = str(v["en"])
        old_en = row["en"]
        wanted = [str(a) for a in v.get("en_alt", [])]  # type: ignore[union-attr]
        if old_en != new_en:
            # first application: the replaced rendering leads the alternatives
            if old_en not in wanted:
                wanted.insert(0, old_en)
            candidates = wanted + alts
        else:
            # already applied (or unchanged en): keep the existing order
            candidates = alts + wanted
        merged: list[str] = []
        for a in candidates:
            if a and a != new_en and a not in merged:
                merged.append(a)
        row["en"] = new_en
        alts = merged
    row["en_alt"] = join_items(alts)
    notes = [n for n in items(row["notes"]) if not STALE.search(n)]
    if v.get("note") and str(v["note"]) not in notes:
        notes.append(str(v["note"]))
    row["notes"] = join_items(notes)
    return row


def main() -> None:
    src, dst = Path(sys.argv[1]), Path(sys.argv[2])
    verdicts = load(HERE / "verified.jsonl")
    with src.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    seen, changed = set(), []
    for row in rows:
        v = verdicts.get(row["zh"])
        if v is None:
            continue
        seen.add(row["zh"])
        new = apply(row, v)
        if new != row:
            changed.append(new)
    missing = sorted(set(verdicts) - seen)
    if missing:
        sys.exit(f"verdicts for entries not in the export: {', '.join(missing)}")
    with dst.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        w.writerows(changed)
    print(f"{len(verdicts)} verdicts, {len(changed)} rows changed -> {dst}")


if __name__ == "__main__":
    main()
