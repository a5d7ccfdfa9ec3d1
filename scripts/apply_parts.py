"""Bring the reviewed parts of numbered formulas (issue 16) into the glossary.

    python scripts/apply_parts.py [--date 2026-12-02] [--dry-run]

Reads, under curation/parts/:
- ``parts-X.jsonl``: one line per numbered-formula candidate, drafted by a terminologist: its
  ``parts`` (``{"zh"}`` naming an entry, ``{"zh", "en"}`` a clause), ``parts_source``,
  ``parts_former`` and ``evidence``, or ``no_parts`` with the reason;
- ``new-X.jsonl``: entries drafted because a part had none (curation/BRIEF2.md's fields);
- ``review-lead.jsonl``: the lead's decisions, in the same form, over any batch's (an entry's
  fields are changed after the reviewer's; a formula's verdict replaces the reviewer's);
- ``review-X.jsonl``: the second reviewer's verdicts, ``"kind": "entry"`` on every new entry and
  ``"kind": "parts"`` on the flagged and sampled formulas (``ok``, ``fix`` with the new values,
  ``reject``).

New entries without a verdict, or rejected, are left out; a formula whose parts name an entry that
does not exist then (a rejected or unreviewed part, a misspelt term) gets no parts, and is reported,
so that ``glossary check`` stays clean. Reviewed new entries go through
scripts/ingest_curation.py (readings and traditional forms included); the parts are then
imported into the English catalogue as the curators' own reviewed work, and the glossary rebuilt.
``evidence`` stays in curation/parts/: the catalogue keeps ``parts_source``."""

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from glossary.build import build  # noqa: E402
from glossary.exporters.tabular import parse_json  # noqa: E402
from glossary.merge import apply_import, plan_import  # noqa: E402
from glossary.store import LIST_FIELDS, TEXT_FIELDS, read_entries, with_computed  # noqa: E402

PARTS = ROOT / "curation" / "parts"
PARTS_FIELDS = ("parts", "parts_source", "parts_former", "no_parts")
#: what a draft or a verdict may set on an entry: the entry's own text and list fields (the
#: drafts' "note" stands for notes), not the review stamp or the parts, which have their own lines
ENTRY_FIELDS = (set(TEXT_FIELDS) | set(LIST_FIELDS) | {"en_deprecated", "note"}) - {
    "reviewed_by",
    "reviewed_on",
    "notes",
    *PARTS_FIELDS,
}


def lines(pattern: str) -> list[tuple[str, dict]]:
    out = []
    for path in sorted(PARTS.glob(pattern)):
        for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if text.strip():
                out.append((f"{path.name}:{n}", json.loads(text)))
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--date", default="2026-12-02", help="reviewed-on of the new entries")
    parser.add_argument("--reviewer", default="second terminologist")
    parser.add_argument("--dry-run", action="store_true", help="report, change nothing")
    args = parser.parse_args()

    # a verdict is on the batch of its file: review-X.jsonl judges new-X and parts-X
    verdicts: dict[tuple[str, str, str], dict] = {}
    for where, v in lines("review-*.jsonl"):
        batch = where.split(":")[0].removeprefix("review-").removesuffix(".jsonl")
        verdicts[(batch, v.get("kind", "entry"), v["zh"])] = v | {"_at": where}

    def batch_of(where: str) -> str:
        return where.split(":", maxsplit=1)[0].split("-", 1)[1].removesuffix(".jsonl")

    # new entries: reviewed ones only, with the reviewer's changes; a term drafted in two
    # batches is taken once, from the first batch whose reviewer kept it
    reviewed_new, left_out = [], []
    # an entry already in the glossary keeps the date it was reviewed on (a later run's --date
    # is the date of its own batch's entries, not of every batch's)
    reviewed_on = {e.zh: e.reviewed_on for e in read_entries(ROOT / "locales") if e.reviewed_on}
    for where, item in lines("new-*.jsonl"):
        if any(i["zh"] == item["zh"] for i in reviewed_new):
            print(f"NEW-ENTRY-TWICE {item['zh']} ({where}: the earlier batch's is kept)")
            continue
        v = verdicts.get((batch_of(where), "entry", item["zh"]))
        if v is None or v["verdict"] == "reject":
            left_out.append((item["zh"], "rejected" if v else "no verdict", where))
            continue
        if v["verdict"] == "fix":
            item |= {k: val for k, val in v.items() if k in ENTRY_FIELDS}
        lead = verdicts.get(("lead", "entry", item["zh"]))
        if lead is not None and lead["verdict"] == "reject":
            left_out.append((item["zh"], "rejected by the lead", where))
            continue
        if lead is not None:
            item |= {k: val for k, val in lead.items() if k in ENTRY_FIELDS}
        item |= {"decision": "add", "reviewed": True, "reviewed_by": args.reviewer}
        item |= {"reviewed_on": reviewed_on.get(item["zh"], args.date), "_from": where}
        reviewed_new.append(item)
    for zh, why, where in left_out:
        print(f"NEW-ENTRY-LEFT-OUT {zh} ({why}, {where})")

    existing = {e.zh for e in read_entries(ROOT / "locales")}
    known = existing | {i["zh"] for i in reviewed_new}

    # a later batch's line on a formula (a second search round) replaces an earlier one
    records: dict[str, dict] = {}
    counts = {"parts": 0, "no_parts": 0, "dropped": 0, "fixed": 0, "rejected": 0}
    for where, drafted in lines("parts-*.jsonl"):
        item = dict(drafted)
        zh = item["zh"]
        if zh not in known:
            print(f"FORMULA-NOT-AN-ENTRY {zh} ({where})")
            continue
        v = verdicts.get(("lead", "parts", zh)) or verdicts.get((batch_of(where), "parts", zh))
        if v is not None and v["verdict"] == "fix":
            counts["fixed"] += 1
            changed = {k: v[k] for k in PARTS_FIELDS if k in v}
            if "no_parts" in changed:
                item = {"zh": zh}
            item |= changed
        elif v is not None and v["verdict"] == "reject":
            counts["rejected"] += 1
            item = {"zh": zh, "no_parts": "content not confirmed in review"}
        missing = [
            p["zh"] for p in item.get("parts", []) if not p.get("en") and p["zh"] not in known
        ]
        missing += [p for f in item.get("parts_former", []) for p in f["parts"] if p not in known]
        if missing:
            counts["dropped"] += 1
            print(f"PARTS-DROPPED {zh}: no entry for {'; '.join(missing)} ({where})")
            item = {"zh": zh, "no_parts": "content not confirmed: parts without a reviewed entry"}
        record = {"zh": zh}
        if item.get("parts"):
            counts["parts"] += 1
            record["parts"] = [
                {"zh": p["zh"], "en": p["en"]} if p.get("en") else {"zh": p["zh"], "entry": True}
                for p in item["parts"]
            ]
            record["parts_source"] = item.get("parts_source", "")
            record["parts_former"] = item.get("parts_former", [])
            record["no_parts"] = ""
        else:
            counts["no_parts"] += 1
            record |= {"parts": [], "parts_former": [], "parts_source": ""}
            record["no_parts"] = item.get("no_parts") or "no fixed published list"
        if zh in records:
            print(f"FORMULA-REDONE {zh} ({where})")
        records[zh] = record
    # the lead's changes to entries already in the glossary (a formula's definition that its
    # parts show to be wrong)
    for (batch, kind, zh), v in verdicts.items():
        if batch == "lead" and kind == "entry" and zh in existing and v["verdict"] == "fix":
            changed = {k: val for k, val in v.items() if k in ENTRY_FIELDS}
            records.setdefault(zh, {"zh": zh}).update(changed)
            print(f"ENTRY-FIXED {zh}: {', '.join(changed)}")
    print(f"new entries: {len(reviewed_new)} reviewed, {len(left_out)} left out")
    print(f"formulas: {len(records)} distinct; " + ", ".join(f"{k} {n}" for k, n in counts.items()))
    if args.dry_run:
        return 0

    if reviewed_new:
        batch = PARTS / "reviewed-new.jsonl"
        batch.write_text(
            "".join(json.dumps(i, ensure_ascii=False) + "\n" for i in reviewed_new),
            encoding="utf-8",
        )
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "scripts" / "ingest_curation.py"),
                str(batch),
                "--readings",
            ],
            check=True,
            cwd=ROOT,
        )
    locales = ROOT / "locales"
    entries = {e.zh: with_computed(e) for e in read_entries(locales)}
    parsed = parse_json(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records.values()), "parts"
    )
    plan = plan_import(parsed, entries, name="parts", overwrite=True)
    print(f"changes {len(plan.changes)}, new {len(plan.new)}, unchanged {plan.unchanged}")
    if plan.new:
        print("NEW (unexpected):", [e.zh for e in plan.new])
        return 1
    apply_import(locales, plan)
    print(build(locales=locales, seeds=ROOT / "seeds", root=ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
