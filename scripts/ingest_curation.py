"""Bring a reviewed curation batch into the glossary: decisions into locales/curation.tsv,
renderings into the English catalogue (as an import, so conflicts with reviewed entries are
reported, not overwritten), then a build.

    python scripts/ingest_curation.py curation/reviewed.jsonl            # round 1
    python scripts/ingest_curation.py curation/reviewed2.jsonl --readings  # round 2

Pinyin and traditional forms are not imported as per-entry overrides: corrections belong in
glossary/data/pinyin_phrases.tsv and hant_overrides.tsv, where `glossary pinyin` and
`glossary hant` use them too. With --readings, every reviewed reading or form of the batch that
differs from what glossary.enrich computes is added there (the whole term, so that nothing else
changes), and the batch's lines "decision": "fix" (field, value) change existing entries."""

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from glossary.build import build
from glossary.curate import read_curation, write_curation
from glossary.enrich import Region, _hant_overrides, load_pinyin_phrases, to_hant, to_pinyin
from glossary.exporters.tabular import parse_json
from glossary.keys import normalize
from glossary.merge import apply_import, plan_import
from glossary.models import Category, CurationRow, Decision
from glossary.paths import CURATION_FILE
from glossary.store import clean_term, read_entries, with_computed

parser = argparse.ArgumentParser()
parser.add_argument("sources", nargs="*", default=[Path("curation/merged.jsonl")], type=Path)
parser.add_argument("--readings", action="store_true", help="add reviewed readings and forms")
args = parser.parse_args()
locales = Path("locales")
source = args.sources[0]
seed = "".join(p.read_text(encoding="utf-8") for p in Path("seeds").rglob("*.txt"))
items = [
    json.loads(x)
    for path in args.sources
    for x in path.read_text(encoding="utf-8").splitlines()
    if x.strip()
]
fixes = [i for i in items if i.get("decision") == "fix"]
items = [i for i in items if i.get("decision") != "fix"]

if args.readings:
    data = Path("glossary/data")
    phrases = data / "pinyin_phrases.tsv"
    overrides = data / "hant_overrides.tsv"
    new_phrases, new_forms = [], []
    for item in items:
        if item.get("decision") == "reject":
            continue
        zh = item["zh"]
        drafted = " ".join(item.get("pinyin", "").split()).split()
        computed = to_pinyin(zh).split()
        # one token per Han character and per run of Latin letters or digits; marks give none
        units = re.findall(r"[\u3400-\u9fff]|[A-Za-z0-9]+", zh)
        if drafted and drafted != computed and len(drafted) == len(computed) == len(units):
            at = 0
            for run in re.finditer(r"[\u3400-\u9fff]+|[A-Za-z0-9]+", zh):
                han = re.match(r"[\u3400-\u9fff]", run.group()) is not None
                size = len(run.group()) if han else 1
                mine, ours = drafted[at : at + size], computed[at : at + size]
                at += size
                if mine == ours or not han:
                    continue
                if size == 1:
                    print(
                        "READING-NOT-ADDED (one character: needs a phrase)", zh, run.group(), mine
                    )
                    continue
                new_phrases.append(f"{run.group()}\t{' '.join(mine)}")
        tw, hk = item.get("zh_tw", ""), item.get("zh_hk", "")
        if (tw and tw != to_hant(zh, region=Region.TW)) or (
            hk and hk != to_hant(zh, region=Region.HK)
        ):
            new_forms.append(
                f"{zh}\t{tw or to_hant(zh, region=Region.TW)}\t{hk or to_hant(zh, region=Region.HK)}"
                f"\treviewed form of a curated entry ({source.name})"
            )
    if new_phrases:
        with phrases.open("a", encoding="utf-8") as out:
            out.write("".join(line + "\n" for line in new_phrases))
    if new_forms:
        with overrides.open("a", encoding="utf-8") as out:
            out.write("".join(line + "\n" for line in new_forms))
    print(f"readings added: {len(new_phrases)}; traditional forms added: {len(new_forms)}")
    load_pinyin_phrases.cache_clear()
    _hant_overrides.cache_clear()

rows = read_curation(locales / CURATION_FILE)
seed = normalize(seed)  # terms are stored NFKC-normalized (full-width punctuation made ASCII)
for item in items:
    zh = clean_term(item["zh"])
    if item.get("decision") == "reject":
        kept = rows.get(zh)
        if kept is not None and kept.decision is not Decision.REJECT:
            # a draft's form that normalises to an entry's term (校（院）企双聘 is 校(院)企双聘):
            # rejecting it would turn the curated entry obsolete
            print(
                f"REJECT-SKIPPED {item['zh']}: the glossary's entry {zh} (an {kept.decision.value})"
            )
            continue
        rows[zh] = CurationRow(zh, Decision.REJECT, None, item.get("why", ""))
    else:
        # round 1 accepted the seed's own terms; later rounds add: an entry of the canon stays
        # whether or not a seed document has it (its occurrences are cited when one does)
        decision = Decision.ACCEPT if zh in seed and not args.readings else Decision.ADD
        rows[zh] = CurationRow(zh, decision, Category(item["category"]), "")
write_curation(locales / CURATION_FILE, rows.values())
print(build(locales=locales, seeds=Path("seeds"), root=Path(".")))
keep = [i for i in items if i.get("decision") != "reject"]
for i in keep:
    for key in ("pinyin", "zh_tw", "zh_hk", "line", "_from", "doc", "decision"):
        i.pop(key, None)
existing = {e.zh: with_computed(e) for e in read_entries(locales)}
changed: dict[str, dict] = {}
for fix in fixes:  # a change to an existing entry: lists are added to, strings replaced
    zh, field, value = fix["zh"], fix.get("field"), fix.get("value")
    entry = existing.get(zh)
    if entry is None or field is None:
        print("FIX-SKIPPED", zh, field, "(no such entry)" if entry is None else "(no field)")
        continue
    record = changed.setdefault(zh, {"zh": zh})
    current = record.get(field, getattr(entry, field, None))
    if isinstance(current, list):
        current = tuple(current)
    if fix.get("mode") == "replace":
        record[field] = value
    elif isinstance(value, list) and isinstance(current, tuple):
        if field == "en_deprecated":
            old = [d if isinstance(d, dict) else {"en": d.en, "reason": d.reason} for d in current]
            seen = {d["en"] for d in old}
            record[field] = old + [
                v for v in value if isinstance(v, dict) and v.get("en") not in seen
            ]
        else:
            record[field] = list(current) + [v for v in value if v not in current]
    else:
        record[field] = value
keep += changed.values()
records = parse_json("\n".join(json.dumps(i, ensure_ascii=False) for i in keep), str(source))
# the batch is the curators' own reviewed work: it may change entries that are already reviewed
plan = plan_import(records, existing, name=str(source), overwrite=True)
print(
    f"changes {len(plan.changes)}, new {len(plan.new)}, conflicts {len(plan.conflicts)}, unchanged {plan.unchanged}"
)
for c in plan.conflicts:
    print("CONFLICT", c)
if not plan.conflicts:
    apply_import(locales, plan)
print(build(locales=locales, seeds=Path("seeds"), root=Path(".")))
