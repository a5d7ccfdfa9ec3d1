"""What the extractor misses on the dev part, by class, and how often each miss recurs in its
document (an experiment of issue 11, 2026-12-02; the held-out part is never read).

Classes: *known* (the glossary holds the term: a rule hid it), *boundary* (a candidate contains
it or is contained in it), *quoted* (the document quotes it, and no candidate is near) and
*unquoted, no candidate* (nothing near it was proposed). The recurrence count says whether
statistics over one document (frequency, branching entropy) could find the term at all: a
term written once has no statistics.

    .venv/bin/python eval/experiments/misses.py
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from glossary.evaluate import Part, match_key, run_evaluation  # noqa: E402


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def main() -> None:
    docs = sorted(str(p) for p in (ROOT / "eval/docs").glob("*.txt"))
    report = run_evaluation(
        ROOT / "eval/gold.tsv",
        docs,
        locales=ROOT / "locales",
        split_path=ROOT / "eval/SPLIT.tsv",
        part=Part.DEV,
    )
    quoted = {(r["file"], r["zh"]): r.get("quoted") == "yes" for r in _rows(ROOT / "eval/gold.tsv")}
    classes: Counter[str] = Counter()
    recurring: Counter[str] = Counter()
    for miss in report.misses:
        if miss.known:
            cls = "known"
        elif miss.near:
            cls = "boundary"
        elif quoted.get((miss.file, miss.zh)):
            cls = "quoted"
        else:
            cls = "unquoted, no candidate"
        classes[cls] += 1
        text = match_key((ROOT / "eval/docs" / miss.file).read_text(encoding="utf-8"))
        if text.count(match_key(miss.zh)) >= 2:
            recurring[cls] += 1
    total = sum(classes.values())
    print(
        f"dev misses: {total}; written twice or more in their document: {sum(recurring.values())}"
    )
    for cls, n in classes.most_common():
        print(f"  {cls:24} {n:3}  recurring {recurring[cls]}")


if __name__ == "__main__":
    main()
