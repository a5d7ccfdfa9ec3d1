"""Can a learned termhood score separate the extractor's right candidates from its wrong ones?

An experiment of issue 11 (2026-12-02), on the dev part only: every candidate that
``glossary extract`` proposes for a dev document is labelled right (its match key is a gold term
of that document) or wrong, described by 24 surface features (category, quoted, known, count,
length, numerals, an enumeration, a head of ``heads.tsv`` at the end, a national qualifier
first, a verb inside, ...), and scored by a logistic regression trained on the other dev
documents (leave one document out). Dropping the candidates scored below a threshold raises F1
only if what it drops is right less often than F1 / 2 of the time.

    .venv/bin/python eval/experiments/termhood.py          # prints the F1 at each threshold

Pure Python (no numpy): a few hundred candidates, gradient descent with an L2 penalty. The
held-out part is never read.
"""

from __future__ import annotations

import csv
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from glossary.app import extract_candidates  # noqa: E402
from glossary.evaluate import match_key  # noqa: E402

NUMERAL = re.compile("[一二三四五六七八九十百千万两双0-9]")
VERB = re.compile("建设|推进|实施|发展|开展|编制|受理|攻关|加快|打造|培育")


def _heads() -> list[str]:
    lines = (ROOT / "glossary/data/heads.tsv").read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[0] for line in lines if line and not line.startswith("#")]


HEADS = _heads()  #: the heads of heads.tsv, for the "head last" feature


def features(zh: str, category: str, count: int, quoted: bool, known: bool) -> dict[str, float]:
    key = match_key(zh)
    n = len(key)
    on = {
        "bias": True,
        f"category={category}": True,
        "quoted": quoted,
        "known": known,
        "known and quoted": known and quoted,
        "count>1": count > 1,
        "length<=3": n <= 3,
        "length=4": n == 4,
        "length 5-7": 5 <= n <= 7,
        "length 8-12": 8 <= n <= 12,
        "length>12": n > 12,
        "numeral": bool(NUMERAL.search(key)),
        "numeral first": bool(NUMERAL.match(key)),
        "enumeration": "、" in key,
        "inner quote": "“" in zh[1:-1],
        "national first": key.startswith(("国家", "全国", "中国")),
        "latin": bool(re.search("[A-Za-z]", key)),
        "head last": key.endswith(tuple(HEADS)),
        "的 inside": "的" in key,
        "verb inside": bool(VERB.search(key[:-2])),
    }
    return {k: 1.0 for k, v in on.items() if v}


def train(examples: list[tuple[dict[str, float], int]], steps: int = 300) -> dict[str, float]:
    w: dict[str, float] = defaultdict(float)
    for _ in range(steps):
        grad: dict[str, float] = defaultdict(float)
        for x, y in examples:
            p = 1 / (1 + math.exp(-sum(w[k] * v for k, v in x.items())))
            for k, v in x.items():
                grad[k] += (p - y) * v
        for k in set(grad) | set(w):
            w[k] -= 0.1 * (grad[k] + w[k]) / len(examples)
    return w


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def main() -> None:
    rows = _rows(ROOT / "eval/gold.tsv")
    parts = {r["file"]: r["part"] for r in _rows(ROOT / "eval/SPLIT.tsv")}
    gold: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if parts[r["file"]] == "dev":
            gold[r["file"]].add(match_key(r["zh"]))
    data: list[tuple[str, dict[str, float], int]] = []
    for name in sorted(gold):
        seen: set[str] = set()
        for c in extract_candidates([str(ROOT / "eval/docs" / name)], locales=ROOT / "locales"):
            key = match_key(c.zh_hans)
            if key in seen:
                continue
            seen.add(key)
            x = features(c.zh_hans, c.category.value, c.count, c.quoted, c.known)
            data.append((name, x, int(key in gold[name])))
    total = sum(len(g) for g in gold.values())
    scored: list[tuple[float, int]] = []
    for name in gold:
        w = train([(x, y) for f, x, y in data if f != name])
        for f, x, y in data:
            if f == name:
                scored.append((1 / (1 + math.exp(-sum(w.get(k, 0) * v for k, v in x.items()))), y))

    def f1(kept: list[tuple[float, int]]) -> str:
        tp = sum(y for _, y in kept)
        p, r = tp / len(kept), tp / total
        return (
            f"kept {len(kept):3}  right {tp:3}  P {p:.3f}  R {r:.3f}  F1 {2 * p * r / (p + r):.3f}"
        )

    print(f"dev: {len(gold)} documents, {total} gold terms, {len(data)} candidates")
    print(f"threshold none  {f1(scored)}")
    for t in (0.3, 0.4, 0.5, 0.6):
        print(f"threshold {t:.1f}   {f1([s for s in scored if s[0] >= t])}")
    w = train([(x, y) for _, x, y in data])
    print(
        "weights (all dev):",
        ", ".join(f"{k} {v:+.2f}" for k, v in sorted(w.items(), key=lambda kv: -kv[1])),
    )


if __name__ == "__main__":
    main()
