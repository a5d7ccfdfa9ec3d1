"""List the entries whose English rests on recall: status established/official, a `# source:` that
says it was recalled or not re-checked, and not verified by verify2. Writes TSV to stdout:
zh, msgstr, status, source, note."""

import json
import re
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locales/en/LC_MESSAGES/glossary.po"
RECALLED = re.compile(r"recalled|not re-checked|not verified", re.I)


def fields(entry: polib.POEntry) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for text in (entry.tcomment or "", entry.comment or ""):
        for line in text.splitlines():
            key, _, value = line.partition(":")
            out.setdefault(key.strip(), []).append(value.strip())
    return out


def main() -> None:
    done = set()
    for name in sys.argv[1:]:
        for line in Path(name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                done.add(json.loads(line)["zh"])
    verify2 = ROOT / "curation/verify2/verified.jsonl"
    v2 = {json.loads(x)["zh"] for x in verify2.read_text(encoding="utf-8").splitlines() if x}
    for entry in polib.pofile(str(PO)):
        if entry.obsolete:
            continue
        f = fields(entry)
        status = (f.get("status") or [""])[0]
        source = " | ".join(f.get("source", []))
        note = " | ".join(f.get("note", []))
        if status not in ("established", "official"):
            continue
        if not RECALLED.search(source):
            continue
        if entry.msgid in v2 or entry.msgid in done:
            continue
        print("\t".join([entry.msgid, entry.msgstr, status, source, note]))


if __name__ == "__main__":
    main()
