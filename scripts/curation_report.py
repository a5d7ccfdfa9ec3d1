"""Merge the helpers' curation batches (curation/incoming/*.jsonl) and report what a reviewer must
look at: duplicates across batches, terms not in the seeds, pinyin and traditional forms that
differ from what glossary.enrich computes. Writes curation/merged.jsonl (one entry per term)."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from glossary.enrich import Region, to_hant, to_pinyin

RANK = {"official": 0, "established": 1, "proposed": 2}
seed = "".join(p.read_text(encoding="utf-8") for p in Path("seeds").glob("*.txt"))
entries, rejects, dups = {}, {}, []
for path in sorted(Path("curation/incoming").glob("*.jsonl")):
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        item = json.loads(line)
        item["_from"] = f"{path.name}:{n}"
        zh = item["zh"]
        if item.get("decision") == "reject":
            rejects[zh] = item
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
            if RANK[item["status"]] < RANK[old["status"]]:
                entries[zh] = item
        else:
            entries[zh] = item
print(f"{len(entries)} entries, {len(rejects)} rejects, {len(dups)} duplicates")
for d in dups:
    print("DUP", *d, sep=" | ")
for zh in entries:
    if zh not in seed:
        print("NOT-IN-SEED", zh, entries[zh]["_from"])
for zh, item in entries.items():
    py = to_pinyin(zh)
    theirs = " ".join(item.get("pinyin", "").split())
    if theirs and theirs != py:
        print("PINYIN", zh, "| ours:", py, "| theirs:", theirs)
    for region, key in ((Region.TW, "zh_tw"), (Region.HK, "zh_hk")):
        ours = to_hant(zh, region=region)
        if item.get(key) and item[key] != ours:
            print("HANT", region.value, zh, "| ours:", ours, "| theirs:", item[key])
for zh in rejects:
    if zh in entries:
        print("REJECT-AND-ENTRY", zh)
with open("curation/merged.jsonl", "w", encoding="utf-8") as out:
    for item in entries.values():
        out.write(json.dumps(item, ensure_ascii=False) + "\n")
    for item in rejects.values():
        if item["zh"] not in entries:
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
