"""eval/tune3's dev part scored with a glossary that lacks round 9 (an experiment of issue 11,
2026-12-04; the held-back part is never read).

Round 9 (`curation/reviewed9.jsonl`, `reviewed9b.jsonl`: 70 entries and the variants its fix
lines added) was drafted from the terms that tune3's dev part labels and the glossary lacked, so
with the shipped glossary dev measures the lexicon, not the extractor (.726 → .791 F1). Without
those entries and variants it has terms the glossary lacks again, and its recall of them is a
figure that rules can be tuned on, comparable with the rows of eval/tune3/README.md before
round 9. (Its rejects are taken out of the curation file too, as they were not there before; round 9 also
took “两新”政策 off one entry's variants, a change that is kept.)

    .venv/bin/python eval/experiments/without_round9.py [--json]
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

REVIEWED = ("reviewed9.jsonl", "reviewed9b.jsonl")


def round9() -> tuple[set[str], dict[str, set[str]], set[str]]:
    """The entries that round 9 added, the variants its fix lines added, by entry (lines that
    replace a list are not additions), and the terms it rejected."""
    terms: set[str] = set()
    variants: dict[str, set[str]] = {}
    rejected: set[str] = set()
    for name in REVIEWED:
        with open(ROOT / "curation" / name, encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                if row.get("decision") == "fix":
                    if row.get("field") == "variants" and row.get("mode") != "replace":
                        variants.setdefault(row["zh"], set()).update(row["value"])
                elif row.get("decision") == "reject":
                    rejected.add(row["zh"])
                elif row.get("reviewed"):
                    terms.add(row["zh"])
    return terms, variants, rejected


def copy_without(
    target: Path, terms: set[str], variants: dict[str, set[str]], rejected: set[str]
) -> int:
    """``locales/`` copied to ``target`` without the entries of ``terms`` and the ``variants``
    (written as ``build`` writes a glossary), and its curation file without the rejects of
    ``rejected`` (a rejected term is never proposed: before round 9 they were); the number of
    entries removed."""
    from glossary.fsutil import write_all_atomic
    from glossary.store import read_entries, to_catalog_texts

    shutil.copytree(ROOT / "locales", target)
    entries = read_entries(target, include_obsolete=True)
    active = []
    for entry in entries:
        if entry.obsolete or entry.zh in terms:
            continue
        added = variants.get(entry.zh, set())
        kept = tuple(v for v in entry.variants if v not in added)
        active.append(dataclasses.replace(entry, variants=kept) if added else entry)
    obsolete = [e for e in entries if e.obsolete]
    write_all_atomic(to_catalog_texts(target, active, obsolete))
    curation = target / "curation.tsv"
    lines = curation.read_text(encoding="utf-8").splitlines(keepends=True)
    rows = [x for x in lines if not (x.split("\t")[0] in rejected and "\treject\t" in x)]
    curation.write_text("".join(rows), encoding="utf-8")
    return len(entries) - len(active) - len(obsolete)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        locales = Path(tmp) / "locales"
        terms, variants, rejected = round9()
        removed = copy_without(locales, terms, variants, rejected)
        print(
            f"glossary without round 9: {removed} entries, "
            f"{sum(map(len, variants.values()))} variants and {len(rejected)} rejects removed",
            file=sys.stderr,
        )
        tune3 = ROOT / "eval" / "tune3"
        docs = sorted(str(p) for p in (tune3 / "docs").glob("*.txt"))
        command = [
            str(Path(sys.executable).with_name("glossary")),
            "--locales",
            str(locales),
            "evaluate",
            "--gold",
            str(tune3 / "gold.tsv"),
            "--split",
            str(tune3 / "SPLIT.tsv"),
            "--sources",
            str(tune3 / "SOURCES.tsv"),
            "--part",
            "dev",
            *sys.argv[1:],
            *docs,
        ]
        return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
