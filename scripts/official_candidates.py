"""List the entries that are not `official` although their preferred English occurs on a line of
an official bilingual text whose Chinese line writes the term: candidates for a status upgrade,
each to be read by a terminologist (a string match is not proof that the words render the term).

    python scripts/official_candidates.py                        # the work reports 2024-2026
    python scripts/official_candidates.py gwr-2026 mfa-press-2026 --json

The texts are `memory/sources/NAME.zh.txt` and `NAME.en.txt`, aligned line by line. Prints one
row per entry: term, status, the file and line of the first match, and the English line.
Exit status: 0 candidates found, 1 none, 2 a text missing or misaligned.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from glossary.bilingual import read_text_pair  # noqa: E402
from glossary.errors import GlossaryError  # noqa: E402
from glossary.models import Status  # noqa: E402
from glossary.store import read_entries  # noqa: E402

DEFAULT = ("gwr-2024", "gwr-2025", "gwr-2026")


def aligned(name: str) -> list[tuple[int, str, str, str]]:
    """The line pairs of one bilingual text: (line, Chinese, English, English lower-cased)."""
    folder = ROOT / "memory" / "sources"
    pairs = read_text_pair(str(folder / f"{name}.zh.txt"), str(folder / f"{name}.en.txt"))
    return [(unit.line, unit.source, unit.target, unit.target.lower()) for unit in pairs]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("texts", nargs="*", default=list(DEFAULT))
    parser.add_argument("--json", action="store_true", help="one JSON object a line")
    args = parser.parse_args()
    try:
        texts = {name: aligned(name) for name in args.texts}
    except GlossaryError as error:
        print(f"official_candidates: {error}", file=sys.stderr)
        return 2
    found = 0
    for entry in read_entries(ROOT / "locales"):
        if entry.status == Status.OFFICIAL or len(entry.en) < 7:
            continue
        forms = (entry.zh, *entry.variants)
        english = entry.en.lower()
        hit = next(
            (
                (name, n, e)
                for name, lines in texts.items()
                for n, z, e, lower in lines
                if english in lower and any(form in z for form in forms)
            ),
            None,
        )
        if hit is None:
            continue
        found += 1
        name, n, line = hit
        where = f"memory/sources/{name}.en.txt:{n}"
        if args.json:
            row = {
                "zh": entry.zh,
                "status": str(entry.status),
                "en": entry.en,
                "where": where,
                "line": line,
            }
            print(json.dumps(row, ensure_ascii=False))
        else:
            print(f"{entry.zh}\t{entry.status}\t{entry.en}\t{where}\t{line}")
    return 0 if found else 1


if __name__ == "__main__":
    raise SystemExit(main())
