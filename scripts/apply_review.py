"""Apply reviewers' verdicts (curation/review/verdicts-*.jsonl) and the lead's decisions
(curation/lead-decisions.jsonl, same format) to curation/merged.jsonl, and write
curation/reviewed.jsonl: every kept entry marked reviewed, every rejected one a reject line."""

import json
from pathlib import Path

FIELDS = {
    "en",
    "en_alt",
    "literal",
    "definition",
    "category",
    "status",
    "source",
    "pinyin_orthographic",
    "note",
}
merged = {}
order = []
for line in Path("curation/merged.jsonl").read_text(encoding="utf-8").splitlines():
    item = json.loads(line)
    merged[item["zh"]] = item
    order.append(item["zh"])
verdicts = []
for path in sorted(Path("curation/review").glob("verdicts-*.jsonl")) + [
    Path("curation/lead-decisions.jsonl")
]:
    if path.exists():
        verdicts += [
            json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()
        ]
seen = set()
for v in verdicts:
    zh = v["zh"]
    item = merged.get(zh)
    if item is None:
        if v["verdict"] in ("fix", "reject"):  # a new entry or rejection from the lead
            merged[zh] = item = {"zh": zh}
            order.append(zh)
        else:
            raise SystemExit(f"verdict for unknown term {zh!r}")
    seen.add(zh)
    if v["verdict"] == "reject":
        merged[zh] = {"zh": zh, "decision": "reject", "why": v.get("why", "")}
    elif v["verdict"] == "fix":
        for key, value in v.items():
            if key in FIELDS:
                item[key] = value
        item.pop("decision", None)
        item.pop("why", None)
# GB/T 16159 capitalises proper names only: a general concept's orthographic pinyin is lower case
# except for the proper names inside it (places, people, the Red Boat, China).
PROPER = {
    "Xí",
    "Jìnpíng",
    "Zhōngguó",
    "Zhōngguóshì",
    "Zhōnghuá",
    "Hóngchuán",
    "Zhèjiāng",
    "Zhèlǐ",
    "Shànghǎi",
    "Hángzhōu",
    "Běijīng",
    "Mǎkèsī",
    "Mǎkèsīzhǔyì",
    "Hù",
    "Sū",
    "Yǒng",
    "Gòngchǎndǎng",
}
for item in merged.values():
    if item.get("category") == "place" and item.get("pinyin_orthographic"):
        PROPER.update(w for w in item["pinyin_orthographic"].replace("-", " ").split())


def _lower_common(text: str) -> str:
    def word(w: str) -> str:
        parts = w.split("-")
        if any(p.strip("()") in PROPER for p in parts):
            return w
        return (
            w[:1].lower() + w[1:]
            if len(parts) == 1
            else "-".join(p[:1].lower() + p[1:] for p in parts)
        )

    return " ".join(word(w) for w in text.split())


for item in merged.values():
    if item.get("category") == "concept" and item.get("pinyin_orthographic"):
        item["pinyin_orthographic"] = _lower_common(item["pinyin_orthographic"])

missing = [zh for zh in order if zh not in seen]
if missing:
    raise SystemExit(f"no verdict for {len(missing)} terms: {missing[:10]}")
with open("curation/reviewed.jsonl", "w", encoding="utf-8") as out:
    for zh in order:
        item = merged[zh]
        if item.get("decision") != "reject":
            item["reviewed"] = True
        out.write(json.dumps(item, ensure_ascii=False) + "\n")
print(
    sum(1 for z in order if merged[z].get("decision") != "reject"),
    "entries,",
    sum(1 for z in order if merged[z].get("decision") == "reject"),
    "rejects",
)
