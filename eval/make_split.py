"""Regenerate eval/SPLIT.tsv. The first batch of documents (the 24 labelled on 2026-12-01) was
split per script (Hans, Hant): files sorted, shuffled with seed 11, the first 40 % (rounded) held
out. Documents added later keep that split and are split the same way among themselves, batch by
batch, with seed 11 + the batch number: a document listed in SOURCES.tsv but not yet in
SPLIT.tsv belongs to the next batch. Run from the project root: python eval/make_split.py"""

import csv
import random
from pathlib import Path

HERE = Path(__file__).parent
SEED = 11
HELDOUT_SHARE = 0.4


def _split(files: list[str], sources: dict[str, str], seed: int) -> dict[str, str]:
    rng = random.Random(seed)
    part: dict[str, str] = {}
    for script in ("Hans", "Hant"):
        chosen = sorted(f for f in files if sources[f] == script)
        rng.shuffle(chosen)
        n = round(len(chosen) * HELDOUT_SHARE)
        for i, name in enumerate(chosen):
            part[name] = "heldout" if i < n else "dev"
    return part


def main() -> None:
    with (HERE / "SOURCES.tsv").open(encoding="utf-8") as f:
        sources = {r["file"]: r["script"] for r in csv.DictReader(f, delimiter="\t")}
    split_path = HERE / "SPLIT.tsv"
    part: dict[str, str] = {}
    batches: dict[str, int] = {}
    if split_path.exists():
        with split_path.open(encoding="utf-8") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                part[r["file"]] = r["part"]
                batches[r["file"]] = int(r.get("batch") or 1)
    new = [name for name in sources if name not in part]
    if new:
        batch = 1 + max(batches.values(), default=0)
        part.update(_split(new, sources, SEED if batch == 1 else SEED + batch))
        batches.update(dict.fromkeys(new, batch))
    lines = ["file\tpart\tbatch"] + [f"{n}\t{part[n]}\t{batches[n]}" for n in sources]
    split_path.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
