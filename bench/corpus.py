"""Generate benchmark inputs (never committed; written under bench/out/):

- a policy-text corpus of a given size: the seed's sentences, shuffled and recombined, with every
  tenth line in traditional script, so that the text is of the genre and not one repeated block;
- a synthetic PO glossary of N entries (random 2-8 character Chinese terms, English msgstr, the
  comment lines our catalogues carry), seeded, so that every run measures the same file.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
HAN = [chr(c) for c in range(0x4E00, 0x9FA6)]
WORDS = [
    "development",
    "reform",
    "program",
    "zone",
    "project",
    "action",
    "plan",
    "strategy",
    "city",
    "green",
    "digital",
    "rural",
    "innovation",
    "industry",
    "culture",
    "health",
    "security",
    "opening",
    "talent",
    "science",
    "technology",
    "port",
    "hub",
    "modern",
    "ecology",
    "corridor",
    "platform",
    "demonstration",
    "county",
    "town",
    "village",
    "market",
    "service",
]


def sentences() -> list[str]:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    return [s for s in re.split(r"(?<=[。;])", text.replace("\n", "")) if len(s) > 8]


def make_corpus(path: Path, megabytes: int, seed: int = 15) -> Path:
    if path.exists() and path.stat().st_size >= megabytes * 1_000_000:
        return path
    import opencc

    to_tw = opencc.OpenCC("s2tw").convert
    rng = random.Random(seed)
    pool = sentences()
    path.parent.mkdir(parents=True, exist_ok=True)
    size, n = 0, 0
    with open(path, "w", encoding="utf-8") as out:
        while size < megabytes * 1_000_000:
            line = "".join(rng.sample(pool, 6))
            if n % 10 == 9:
                line = to_tw(line)
            data = line + "\n"
            out.write(data)
            size += len(data.encode("utf-8"))
            n += 1
    return path


def make_po(path: Path, entries: int, *, extra_terms: list[str] = (), seed: int = 100) -> Path:
    if path.exists():
        return path
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    seen = set()
    lines = [
        'msgid ""',
        'msgstr ""',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Language: en\\n"',
        "",
    ]
    terms = list(extra_terms)
    while len(terms) < entries:
        t = "".join(rng.choice(HAN) for _ in range(rng.randint(2, 8)))
        if t not in seen:
            terms.append(t)
    for n, term in enumerate(terms[:entries]):
        if term in seen and n >= len(extra_terms):
            continue
        seen.add(term)
        en = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 5))).title()
        lines += [
            "#. category: program",
            f"#: seeds/synthetic.txt:{n + 1}",
            f'msgid "{term}"',
            f'msgstr "{en}"',
            "",
        ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def clauses() -> list[str]:
    """The seed's clauses (split at ， ； 。 and their ASCII forms), 6 characters or longer."""
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    parts = re.split(r"[，,；;。：:！？\n]", text)
    return sorted({p.strip() for p in parts if len(p.strip()) >= 6})


def _po(text: str) -> str:
    """A PO string's inside: backslashes and double quotes escaped."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _segment(rng: random.Random, pool: list[str]) -> str:
    return "，".join(rng.sample(pool, rng.randint(2, 4))) + "。"


def _english(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))).capitalize() + "."


def make_memory(path: Path, segments: int, *, seed: int = 7) -> Path:
    """A compendium of ``segments`` unique policy sentences (the seed's clauses recombined, two
    to four a sentence) with English, in the layout ``glossary tm`` writes."""
    if path.exists():
        return path
    rng = random.Random(seed)
    pool = clauses()
    path.parent.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    with open(path, "w", encoding="utf-8") as out:
        out.write(
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n'
        )
        while len(seen) < segments:
            zh = _segment(rng, pool)
            if zh in seen:
                continue
            seen.add(zh)
            out.write(
                f'\n# origin: synthetic.po:{len(seen)}\nmsgid "{_po(zh)}"\nmsgstr "{_english(rng)}"\n'
            )
    return path


def make_job(path: Path, memory: Path, segments: int, *, seed: int = 8) -> Path:
    """A PO job of ``segments`` untranslated sentences: a third taken from ``memory`` as they are,
    a third with one clause changed (fuzzy matches), a third new."""
    if path.exists():
        return path
    rng = random.Random(seed)
    pool = clauses()
    known = [
        k.replace('\\"', '"').replace("\\\\", "\\")
        for k in re.findall(r'^msgid "(.+)"$', memory.read_text(encoding="utf-8"), flags=re.M)
    ]
    sample = rng.sample(known, segments)
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', ""]
    seen: set[str] = set()
    for n, known_zh in enumerate(sample):
        zh = known_zh
        if n % 3 == 1:
            parts = zh[:-1].split("，")
            parts[rng.randrange(len(parts))] = rng.choice(pool)
            zh = "，".join(parts) + "。"
        elif n % 3 == 2:
            zh = _segment(rng, pool)
        if zh in seen:
            continue
        seen.add(zh)
        lines += [f"#: job.txt:{n + 1}", f'msgid "{_po(zh)}"', 'msgstr ""', ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def make_bilingual(path: Path, segments: int, *, seed: int = 9) -> Path:
    """A bilingual PO of ``segments`` policy sentences (one to three glossary terms, each after a
    verb) whose English uses the shipped glossary's renderings: the preferred one (70 %), an
    alternate (15 %), a deprecated one (5 %) or something else, so that QA finds something in
    about one segment in three, as in a first draft."""
    if path.exists():
        return path
    import json
    import subprocess

    rng = random.Random(seed)
    entries = json.loads(
        subprocess.run(
            [
                sys.executable,
                "-m",
                "glossary",
                "--locales",
                str(ROOT / "locales"),
                "export",
                "--format",
                "json",
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    pool = [e for e in entries if e["en"]]
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', ""]
    seen: set[str] = set()
    verbs = ["深入实施", "扎实推进", "持续深化", "加快建设", "全面落实", "积极探索", "大力发展"]
    while len(seen) < segments:
        picked = rng.sample(pool, rng.randint(1, 3))
        zh = "，".join(f"{rng.choice(verbs)}{e['zh']}" for e in picked) + "。"
        if zh in seen:
            continue
        seen.add(zh)
        words = []
        for e in picked:
            roll = rng.random()
            if roll < 0.7:
                words.append(e["en"])
            elif roll < 0.85 and e["en_alt"]:
                words.append(e["en_alt"][0])
            elif roll < 0.9 and e.get("en_deprecated"):
                words.append(e["en_deprecated"][0]["en"])
            else:
                words.append("something else")
        en = (
            (_english(rng)[:-1] + ", " + ", ".join(words) + ".")
            .replace("\\", "\\\\")
            .replace('"', '\\"')
        )
        zh_escaped = zh.replace("\\", "\\\\").replace('"', '\\"')
        lines += [f"#: synthetic.txt:{len(seen)}", f'msgid "{zh_escaped}"', f'msgstr "{en}"', ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


if __name__ == "__main__":
    what, size = sys.argv[1], int(sys.argv[2])
    if what == "corpus":
        print(make_corpus(OUT / f"corpus-{size}mb.txt", size))
    else:
        print(make_po(OUT / f"po-{size}" / "en" / "LC_MESSAGES" / "glossary.po", size))
