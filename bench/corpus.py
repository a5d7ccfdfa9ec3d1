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


# --------------------------------------------------------------- a term bank in our PO layout
#: Parts of realistic program names: (Chinese, English). A term is an optional place, one to
#: three modifiers and a head; its English is composed from the parts' renderings.
PLACES = [
    ("浙江", "Zhejiang"),
    ("嘉兴", "Jiaxing"),
    ("杭州", "Hangzhou"),
    ("宁波", "Ningbo"),
    ("温州", "Wenzhou"),
    ("湖州", "Huzhou"),
    ("绍兴", "Shaoxing"),
    ("金华", "Jinhua"),
    ("衢州", "Quzhou"),
    ("舟山", "Zhoushan"),
    ("台州", "Taizhou"),
    ("丽水", "Lishui"),
    ("嘉善", "Jiashan"),
    ("平湖", "Pinghu"),
    ("海宁", "Haining"),
    ("桐乡", "Tongxiang"),
    ("海盐", "Haiyan"),
    ("南湖", "Nanhu"),
    ("秀洲", "Xiuzhou"),
    ("长三角", "Yangtze River Delta"),
    ("上海", "Shanghai"),
    ("江苏", "Jiangsu"),
    ("安徽", "Anhui"),
    ("苏州", "Suzhou"),
    ("粤港澳", "Guangdong-Hong Kong-Macao"),
    ("京津冀", "Beijing-Tianjin-Hebei"),
    ("成渝", "Chengdu-Chongqing"),
    ("雄安", "Xiong'an"),
    ("海南", "Hainan"),
    ("深圳", "Shenzhen"),
    ("全国", "National"),
    ("全省", "Provincial"),
    ("市级", "Municipal"),
    ("县域", "County"),
    ("沿海", "Coastal"),
    ("山区", "Mountain"),
    ("乡镇", "Township"),
    ("西部", "Western"),
]
MODIFIERS = [
    ("数字", "Digital"),
    ("绿色", "Green"),
    ("低碳", "Low-Carbon"),
    ("乡村", "Rural"),
    ("城乡", "Urban-Rural"),
    ("共同富裕", "Common Prosperity"),
    ("高质量", "High-Quality"),
    ("科技", "Science and Technology"),
    ("创新", "Innovation"),
    ("人才", "Talent"),
    ("开放", "Opening-Up"),
    ("改革", "Reform"),
    ("产业", "Industrial"),
    ("文化", "Cultural"),
    ("生态", "Ecological"),
    ("智慧", "Smart"),
    ("健康", "Health"),
    ("教育", "Education"),
    ("养老", "Elderly Care"),
    ("医疗", "Medical"),
    ("交通", "Transport"),
    ("水利", "Water"),
    ("能源", "Energy"),
    ("海洋", "Marine"),
    ("农业", "Agricultural"),
    ("工业", "Industrial"),
    ("制造业", "Manufacturing"),
    ("服务业", "Services"),
    ("金融", "Financial"),
    ("贸易", "Trade"),
    ("物流", "Logistics"),
    ("电商", "E-Commerce"),
    ("旅游", "Tourism"),
    ("体育", "Sports"),
    ("社区", "Community"),
    ("基层", "Grassroots"),
    ("治理", "Governance"),
    ("法治", "Rule of Law"),
    ("平安", "Safe"),
    ("安全", "Security"),
    ("应急", "Emergency"),
    ("民生", "Livelihood"),
    ("就业", "Employment"),
    ("青年", "Youth"),
    ("妇女", "Women's"),
    ("未来", "Future"),
    ("现代", "Modern"),
    ("美丽", "Beautiful"),
    ("和美", "Harmonious"),
    ("特色", "Characteristic"),
    ("示范", "Demonstration"),
    ("先行", "Pilot"),
    ("一体化", "Integrated"),
    ("协同", "Coordinated"),
    ("融合", "Integration"),
    ("振兴", "Revitalization"),
    ("提升", "Upgrading"),
    ("攻坚", "Tackling"),
    ("共富", "Shared Prosperity"),
    ("山海", "Mountain-Sea"),
    ("双碳", "Dual Carbon"),
    ("新型", "New-Type"),
    ("数智", "Digital-Intelligent"),
    ("专精特新", "Specialized and Innovative"),
    ("小微", "Small and Micro"),
    ("民营", "Private"),
    ("国企", "State Enterprise"),
    ("营商环境", "Business Environment"),
    ("知识产权", "Intellectual Property"),
    ("标准化", "Standardization"),
    ("品牌", "Brand"),
    ("质量", "Quality"),
    ("信用", "Credit"),
    ("湾区", "Bay Area"),
    ("港口", "Port"),
    ("枢纽", "Hub"),
    ("走廊", "Corridor"),
    ("百县千镇", "Hundred Counties and Thousand Towns"),
    ("千村", "Thousand Villages"),
    ("万企", "Ten Thousand Enterprises"),
    ("亩均", "Per-Mu"),
    ("腾笼换鸟", "Cage-Emptying"),
    ("红色", "Red"),
    ("党建", "Party Building"),
    ("清廉", "Clean Governance"),
]
HEADS = [
    ("工程", "Project", "program"),
    ("行动", "Action", "program"),
    ("计划", "Plan", "program"),
    ("战略", "Strategy", "slogan"),
    ("示范区", "Demonstration Zone", "platform"),
    ("开发区", "Development Zone", "platform"),
    ("试验区", "Pilot Zone", "platform"),
    ("产业园", "Industrial Park", "platform"),
    ("走廊", "Corridor", "platform"),
    ("平台", "Platform", "platform"),
    ("中心", "Center", "platform"),
    ("实验室", "Laboratory", "platform"),
    ("改革", "Reform", "program"),
    ("专项行动", "Special Campaign", "program"),
    ("三年行动", "Three-Year Action Plan", "program"),
    ("体系", "System", "concept"),
    ("机制", "Mechanism", "concept"),
    ("模式", "Model", "concept"),
    ("指数", "Index", "concept"),
    ("品牌", "Brand", "brand"),
    ("奖", "Award", "brand"),
    ("基地", "Base", "platform"),
    ("集群", "Cluster", "platform"),
    ("先行区", "Pioneer Zone", "platform"),
    ("示范县", "Demonstration County", "platform"),
    ("共同体", "Community", "concept"),
    ("建设", "Development", "program"),
    ("提升工程", "Upgrading Project", "program"),
    ("攻坚战", "Campaign", "program"),
    ("综合体", "Complex", "platform"),
]
STATUSES = ["proposed"] * 6 + ["established"] * 3 + ["official"]


def _forms_of(parts: list[str]) -> dict[str, tuple[str, str, str]]:
    """pinyin (marks, spaced), Taiwan and Hong Kong forms of each part, computed once."""
    import opencc
    from pypinyin import Style, pinyin

    tw, hk = opencc.OpenCC("s2tw").convert, opencc.OpenCC("s2hk").convert
    return {p: (" ".join(s[0] for s in pinyin(p, style=Style.TONE)), tw(p), hk(p)) for p in parts}


def make_layout_po(path: Path, entries: int, *, seed: int = 14) -> Path:
    """A term bank of ``entries`` unique program names in the layout ``glossary build`` writes
    (translator comments status/source/en-alt/definition, generated comments category, status,
    pinyin, zh-TW, zh-HK, locations; a third of the entries fuzzy), for the index benchmarks.
    The shipped glossary's 八八战略, 千万工程 and 绿水青山就是金山银山 come first."""
    if path.exists():
        return path
    rng = random.Random(seed)
    forms = _forms_of(
        [p for p, *_ in PLACES + MODIFIERS + HEADS]
        + ["八八战略", "千万工程", "绿水青山就是金山银山"]
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    fixed = [
        (["八八战略"], "Double Eight Strategy", "slogan"),
        (["千万工程"], "Green Rural Revival Program", "program"),
        (
            ["绿水青山就是金山银山"],
            "Lucid Waters and Lush Mountains Are Invaluable Assets",
            "slogan",
        ),
    ]
    with open(path, "w", encoding="utf-8") as out:
        out.write(
            '# A synthetic term bank (bench/corpus.py).\nmsgid ""\nmsgstr ""\n'
            '"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n'
            '"X-Generator: glossary build\\n"\n'
        )
        n = 0
        while n < entries:
            if fixed:
                parts, en, category = fixed.pop(0)
            else:
                place = [rng.choice(PLACES)] if rng.random() < 0.7 else []
                mods = rng.sample(MODIFIERS, rng.choice((1, 1, 2, 2, 3)))
                head = rng.choice(HEADS)
                parts = [p for p, _ in place + mods] + [head[0]]
                en = " ".join([e for _, e in place + mods] + [head[1]])
                category = head[2]
            zh = "".join(parts)
            if zh in seen:
                continue
            seen.add(zh)
            n += 1
            py = " ".join(forms[p][0] for p in parts)
            tw = "".join(forms[p][1] for p in parts)
            hk = "".join(forms[p][2] for p in parts)
            status = rng.choice(STATUSES)
            lines = [f"# status: {status}"]
            if status != "proposed":
                lines.append(
                    f"# source: Synthetic Provincial Government, {rng.randint(2003, 2025)}"
                )
            if rng.random() < 0.2:
                lines.append(f"# en-alt: {en} Initiative")
            if rng.random() < 0.3:
                lines.append(
                    f"# definition: A synthetic entry ({category}) of the benchmark term bank, number {n}."
                )
            reviewed = rng.random() < 0.6
            if reviewed:
                lines += ["# reviewed-by: second terminologist", "# reviewed-on: 2026-12-01"]
            lines += [
                f"#. category: {category}",
                f"#. status: {status}",
                f"#. pinyin: {py}",
                f"#. zh-TW: {tw}",
                f"#. zh-HK: {hk}",
                f"#: seeds/synthetic-{n % 97}.txt:{n % 5000 + 1}",
            ]
            if not reviewed:
                lines.append("#, fuzzy")
            lines += [f'msgid "{zh}"', f'msgstr "{en}"']
            out.write("\n" + "\n".join(lines) + "\n")
    return path


if __name__ == "__main__":
    what, size = sys.argv[1], int(sys.argv[2])
    if what == "corpus":
        print(make_corpus(OUT / f"corpus-{size}mb.txt", size))
    elif what == "layout":  # a term bank in our PO layout (the index benchmarks)
        print(make_layout_po(OUT / f"layout-{size}" / "en" / "LC_MESSAGES" / "glossary.po", size))
    else:
        print(make_po(OUT / f"po-{size}" / "en" / "LC_MESSAGES" / "glossary.po", size))
