"""Regenerate eval/SPLIT.tsv: per script (Hans, Hant), files sorted, shuffled with a fixed seed,
the first 40 % (rounded) held out. Run from the project root: python eval/make_split.py"""

import csv
import random
from pathlib import Path

HERE = Path(__file__).parent
SEED = 11
HELDOUT_SHARE = 0.4


def main() -> None:
    with (HERE / "SOURCES.tsv").open(encoding="utf-8") as f:
        sources = list(csv.DictReader(f, delimiter="\t"))
    rng = random.Random(SEED)
    part: dict[str, str] = {}
    for script in ("Hans", "Hant"):
        files = sorted(r["file"] for r in sources if r["script"] == script)
        rng.shuffle(files)
        n = round(len(files) * HELDOUT_SHARE)
        for i, name in enumerate(files):
            part[name] = "heldout" if i < n else "dev"
    lines = ["file\tpart"] + [f"{r['file']}\t{part[r['file']]}" for r in sources]
    (HERE / "SPLIT.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
