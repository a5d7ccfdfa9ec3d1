"""Apply reviewers' verdicts (curation/review/verdicts-*.jsonl) and the lead's decisions
(curation/lead-decisions.jsonl, same format) to curation/merged.jsonl, and write
curation/reviewed.jsonl: every kept entry marked reviewed, every rejected one a reject line.

    python scripts/apply_review.py                                   # round 1
    python scripts/apply_review.py --merged curation/merged2.jsonl --review curation/review2 \
        --lead curation/lead-decisions2.jsonl --out curation/reviewed2.jsonl \
        --reviewer "second terminologist" --date 2026-12-01 [--partial]

With --partial, entries without a verdict are left out (reported) instead of stopping the run."""

import argparse
import json
from pathlib import Path

parser = argparse.ArgumentParser()
parser.add_argument("--merged", default="curation/merged.jsonl", type=Path)
parser.add_argument("--review", default="curation/review", type=Path)
parser.add_argument("--lead", default="curation/lead-decisions.jsonl", type=Path)
parser.add_argument("--out", default="curation/reviewed.jsonl", type=Path)
parser.add_argument("--reviewer", default="", help="role recorded as reviewed-by")
parser.add_argument("--date", default="", help="ISO date recorded as reviewed-on")
parser.add_argument("--partial", action="store_true")
args = parser.parse_args()

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
    "pinyin",
    "zh_tw",
    "zh_hk",
    "variants",
    "en_deprecated",
}
merged = {}
order = []
# proposed changes to entries already in the glossary ("decision": "fix", field, value): a
# reviewer's ok keeps one, a reject drops it (never the entry), a fix verdict changes its value
existing_fixes: dict[str, list[dict]] = {}
for line in args.merged.read_text(encoding="utf-8").splitlines():
    item = json.loads(line)
    if item.get("decision") == "fix":
        existing_fixes.setdefault(item["zh"], []).append(item)
        continue
    merged[item["zh"]] = item
    order.append(item["zh"])
kept_fixes: list[dict] = []
verdicts = []
for path in [*sorted(args.review.glob("verdicts-*.jsonl")), args.lead]:
    if path.exists():
        verdicts += [
            json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()
        ]
seen = set()
for v in verdicts:
    zh = v["zh"]
    if zh not in merged and zh in existing_fixes:
        for fix in existing_fixes.pop(zh):
            if v["verdict"] == "ok":
                kept_fixes.append(fix)
            elif v["verdict"] == "fix":
                changed = {k: val for k, val in v.items() if k in FIELDS}
                if "field" in fix and fix["field"] in changed:
                    fix["value"] = changed.pop(fix["field"])
                kept_fixes.append(fix)
                for key, value in changed.items():
                    kept_fixes.append({"zh": zh, "decision": "fix", "field": key, "value": value})
        continue
    if zh not in merged and any(f.get("zh") == zh for f in kept_fixes):
        continue  # a second verdict on a fix already decided
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
    "Sānmíng",
    "Qín",
    "Ào",
    "Àomén",
    "Héngqín",
}
for item in merged.values():
    if item.get("category") == "place" and item.get("pinyin_orthographic"):
        PROPER.update(w for w in item["pinyin_orthographic"].replace("-", " ").split())


def _lower_common(text: str) -> str:
    def word(w: str) -> str:
        parts = w.split("-")
        if any(p.strip("()") in PROPER for p in parts):
            return w
        if w.isascii() and w.upper() == w:  # a Latin abbreviation (GEP, CEPA) keeps its case
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

if existing_fixes:
    print(f"fixes of existing entries without a verdict, left out: {sorted(existing_fixes)}")
missing = [zh for zh in order if zh not in seen]
if missing and not args.partial:
    raise SystemExit(f"no verdict for {len(missing)} terms: {missing[:10]}")
if missing:
    print(f"left out, no verdict yet: {len(missing)} terms")
    order = [zh for zh in order if zh in seen]
with open(args.out, "w", encoding="utf-8") as out:
    for zh in order:
        item = merged[zh]
        if item.get("decision") != "reject":
            item["reviewed"] = True
            if args.reviewer:
                item["reviewed_by"] = args.reviewer
            if args.date:
                item["reviewed_on"] = args.date
        out.write(json.dumps(item, ensure_ascii=False) + "\n")
    for fix in kept_fixes:
        out.write(json.dumps(fix, ensure_ascii=False) + "\n")
print(
    sum(1 for z in order if merged[z].get("decision") != "reject"),
    "entries,",
    sum(1 for z in order if merged[z].get("decision") == "reject"),
    "rejects",
)
