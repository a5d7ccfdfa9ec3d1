"""Append verdict lines (JSON objects, one per line on stdin) to curation/verify3/verified.jsonl,
refusing a zh that is not on the to-do list or already recorded."""

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
todo = {
    line.split("\t")[0] for line in (HERE / "todo.tsv").read_text(encoding="utf-8").splitlines()
}
out = HERE / "verified.jsonl"
done = set()
if out.exists():
    done = {json.loads(x)["zh"] for x in out.read_text(encoding="utf-8").splitlines() if x}
with out.open("a", encoding="utf-8") as f:
    for line in sys.stdin:
        if not line.strip():
            continue
        d = json.loads(line)
        assert d["zh"] in todo, d["zh"]
        assert d["zh"] not in done, d["zh"]
        assert d["status"] in ("official", "established", "proposed"), d
        done.add(d["zh"])
        f.write(json.dumps(d, ensure_ascii=False) + "\n")
print(len(done), "recorded")
