"""Bring a reviewed curation batch (curation/merged.jsonl, from curation_report.py) into the
glossary: decisions into locales/curation.tsv, renderings into the English catalogue (as an
import, so conflicts with reviewed entries are reported, not overwritten), then a build.

Pinyin and traditional forms are not imported as per-entry overrides: corrections belong in
glossary/data/pinyin_phrases.tsv and hant_overrides.tsv, where `glossary pinyin` and
`glossary hant` use them too."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from glossary.build import build
from glossary.curate import CURATION_FILE, read_curation, write_curation
from glossary.exporters.tabular import parse_json
from glossary.merge import apply_import, plan_import
from glossary.models import Category, CurationRow, Decision
from glossary.store import read_entries, with_computed

locales = Path("locales")
source = Path(sys.argv[1] if len(sys.argv) > 1 else "curation/merged.jsonl")
seed = "".join(p.read_text(encoding="utf-8") for p in Path("seeds").glob("*.txt"))
items = [json.loads(x) for x in source.read_text(encoding="utf-8").splitlines() if x.strip()]
rows = read_curation(locales / CURATION_FILE)
for item in items:
    zh = item["zh"]
    if item.get("decision") == "reject":
        rows[zh] = CurationRow(zh, Decision.REJECT, None, item.get("why", ""))
    else:
        decision = Decision.ACCEPT if zh in seed else Decision.ADD
        rows[zh] = CurationRow(zh, decision, Category(item["category"]), "")
write_curation(locales / CURATION_FILE, rows.values())
print(build(locales=locales, seeds=Path("seeds"), root=Path(".")))
keep = [i for i in items if i.get("decision") != "reject"]
for i in keep:
    for key in ("pinyin", "zh_tw", "zh_hk", "line", "_from"):
        i.pop(key, None)
records = parse_json("\n".join(json.dumps(i, ensure_ascii=False) for i in keep), str(source))
existing = {e.zh: with_computed(e) for e in read_entries(locales)}
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
