"""Merge the helpers' curation batches and report what a reviewer must look at: duplicates across
batches, terms already in the glossary, terms not in the source documents, pinyin and traditional
forms that differ from what glossary.enrich computes.

    python scripts/curation_report.py                       # round 1: curation/incoming -> merged.jsonl
    python scripts/curation_report.py --incoming curation/incoming2 --docs curation/incoming2/docs \
        --out curation/merged2.jsonl --existing locales      # round 2, with computed-PART.tsv files

Writes the merged file (one entry per term) and, with --existing, `computed-<PART>.tsv` beside the
batches: the lines where the drafter's pinyin or Taiwan / Hong Kong form differs from ours."""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from glossary.enrich import Region, to_hant, to_pinyin

RANK = {"official": 0, "established": 1, "proposed": 2}

parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("--incoming", default="curation/incoming", type=Path)
parser.add_argument("--docs", action="append", default=[], type=Path, help="more source texts")
parser.add_argument("--out", default="curation/merged.jsonl", type=Path)
parser.add_argument("--existing", type=Path, help="a locales/ folder whose terms are not redrafted")
args = parser.parse_args()

texts = list(Path("seeds").glob("*.txt"))
for d in args.docs:
    texts += sorted(d.glob("*.txt"))
seed = "".join(p.read_text(encoding="utf-8") for p in texts)
existing: set[str] = set()
if args.existing:
    import polib

    po = polib.pofile(str(args.existing / "en/LC_MESSAGES/glossary.po"))
    existing = {e.msgid for e in po if e.msgid and not e.obsolete}
entries, rejects, fixes, dups = {}, {}, [], []
for path in sorted(args.incoming.glob("*.jsonl")):
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            print(f"BAD-JSON {path}:{n}: {exc}")
            continue
        item["_from"] = f"{path.name}:{n}"
        zh = item["zh"]
        if item.get("decision") == "reject":
            rejects[zh] = item
            continue
        if item.get("decision") == "fix":
            fixes.append(item)
            continue
        if zh in existing:
            print("EXISTING", zh, item["_from"])
            continue
        if zh in entries:
            old = entries[zh]
            dups.append(
                (
                    zh,
                    old["_from"],
                    old["en"],
                    old["status"],
                    item["_from"],
                    item["en"],
                    item["status"],
                )
            )
            if RANK.get(item.get("status"), 9) < RANK.get(old.get("status"), 9):
                entries[zh] = item
        else:
            entries[zh] = item
print(
    f"{len(entries)} entries, {len(rejects)} rejects, {len(fixes)} fixes of existing entries, {len(dups)} duplicates"
)
for d in dups:
    print("DUP", *d, sep=" | ")
for f in fixes:
    print("FIX-EXISTING", f["zh"], f.get("field"), f.get("value"), f.get("why"), f["_from"])
for zh in entries:
    if zh not in seed:
        print("NOT-IN-SOURCES", zh, entries[zh]["_from"])
computed: dict[str, list[str]] = {}
for zh, item in entries.items():
    part = item["_from"].split(".")[0]
    rows = computed.setdefault(part, [])
    py = to_pinyin(zh)
    theirs = " ".join(item.get("pinyin", "").split())
    if theirs and theirs != py:
        print("PINYIN", zh, "| ours:", py, "| theirs:", theirs)
        rows.append(f"{zh}\tpinyin\t{py}\t{theirs}")
    for region, key in ((Region.TW, "zh_tw"), (Region.HK, "zh_hk")):
        ours = to_hant(zh, region=region)
        if item.get(key) and item[key] != ours:
            print("HANT", region.value, zh, "| ours:", ours, "| theirs:", item[key])
            rows.append(f"{zh}\t{key}\t{ours}\t{item[key]}")
for zh in rejects:
    if zh in entries:
        print("REJECT-AND-ENTRY", zh)
if args.existing:
    for part, rows in computed.items():
        out = args.incoming / f"computed-{part}.tsv"
        out.write_text(
            "zh\tfield\tcomputed\tdrafted\n" + "".join(r + "\n" for r in rows), encoding="utf-8"
        )
with open(args.out, "w", encoding="utf-8") as out:
    for item in entries.values():
        out.write(json.dumps(item, ensure_ascii=False) + "\n")
    for item in rejects.values():
        if item["zh"] not in entries:
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
    for item in fixes:  # changes to entries already in the glossary, reviewed like the rest
        out.write(json.dumps(item, ensure_ascii=False) + "\n")
