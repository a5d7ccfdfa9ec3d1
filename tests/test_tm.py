"""The translation memory: compendium, adding, index, scores, pretranslation, analysis."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from glossary.bilingual import State, Unit, read_text_pair, read_units
from glossary.tm import (
    Band,
    Match,
    Memory,
    MemoryIndex,
    add_units,
    analyze,
    lookup_memory,
    memory_path,
    memory_text,
    pretranslate_text,
    read_memory,
    score,
)

PAIRS = [
    ("深入实施“八八战略”，奋力打造“重要窗口”。", "We fully implemented the Double Eight Strategy."),
    (
        "坚持稳中求进工作总基调。",
        "We adhered to the general principle of pursuing progress while ensuring stability.",
    ),
    ("推进千万工程。", "We advanced the Green Rural Revival Program."),
]


@pytest.fixture
def locales(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "locales"
    folder.mkdir()
    return folder


def units(pairs: list[tuple[str, str]], name: str = "job.po") -> list[Unit]:
    return [Unit(name, str(i), i, s, t) for i, (s, t) in enumerate(pairs, 1)]


def test_add_reports_added_updated_duplicate_skipped_refused(locales: Path) -> None:
    first = add_units(locales, units(PAIRS), today="2026-12-01")
    assert (first.added, first.updated, first.duplicate, first.total) == (3, 0, 0, 3)
    second = add_units(
        locales,
        [
            Unit("b.po", "1", 4, PAIRS[0][0], PAIRS[0][1]),  # duplicate
            Unit(
                "b.po", "2", 7, PAIRS[2][0], "We pushed ahead with the Green Rural Revival Program."
            ),
            Unit("b.po", "3", 9, "两个确立", ""),  # untranslated
            Unit("b.po", "4", 11, "两个维护", "Two Upholds", State.FUZZY),  # fuzzy: skipped
            Unit("b.po", "5", 13, "新\x0b的", "new"),  # control character
        ],
        today="2026-12-02",
    )
    assert (second.added, second.updated, second.duplicate, second.skipped) == (0, 1, 1, 2)
    assert second.refused == (("b.po", 13, "control character U+000B"),)
    memory = {m.source: m for m in read_memory(memory_path(locales))}
    assert memory[PAIRS[2][0]] == Memory(
        PAIRS[2][0],
        "We pushed ahead with the Green Rural Revival Program.",
        "b.po:7",
        "2026-12-02",
        ("We advanced the Green Rural Revival Program.",),
    )
    assert memory[PAIRS[0][0]].origin == "job.po:1"
    with_fuzzy = add_units(
        locales, [Unit("c.po", "1", 1, "两个维护", "Two Upholds", State.FUZZY)], include_fuzzy=True
    )
    assert with_fuzzy.added == 1


def test_compendium_is_valid_po_and_msgmerge_uses_it(locales: Path, tmp_path: Path) -> None:
    add_units(
        locales, units([*PAIRS, ("他说：“好\\n”", 'He said: "good\\n"\tyes')]), today="2026-12-01"
    )
    path = memory_path(locales)
    text = Path(path).read_text(encoding="utf-8")
    assert (
        '# origin: job.po:1\n# added: 2026-12-01\nmsgid "深入实施“八八战略”，奋力打造“重要窗口”。"\n'
        in text
    )
    # white space inside a segment (a tab, a line break of the source file) becomes one space
    assert [m.target for m in read_memory(path)][-1] == 'He said: "good\\n" yes'
    if shutil.which("msgfmt") is None:
        pytest.skip("gettext is not installed")
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", path], check=True)
    pot = tmp_path / "job.pot"
    pot.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f'msgid "{PAIRS[2][0]}"\nmsgstr ""\n\nmsgid "新的句子。"\nmsgstr ""\n',
        encoding="utf-8",
    )
    out = subprocess.run(
        ["msgmerge", "--quiet", f"--compendium={path}", "-o", "-", "/dev/null", str(pot)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert f'msgid "{PAIRS[2][0]}"\nmsgstr "{PAIRS[2][1]}"' in out


def test_read_memory_skips_fuzzy_obsolete_and_header_and_reads_wrapped_strings(
    tmp_path: Path,
) -> None:
    path = tmp_path / "c.po"
    path.write_text(
        'msgid ""\nmsgstr "Language: en\\n"\n\n#, fuzzy\nmsgid "甲"\nmsgstr "A"\n\n'
        'msgid ""\n"乙"\n"丙"\nmsgstr ""\n"B "\n"C"\n\n#~ msgid "丁"\n#~ msgstr "D"\n\n'
        'msgctxt "x"\nmsgid "戊"\nmsgstr ""\n',
        encoding="utf-8",
    )
    assert list(read_memory(path)) == [Memory("乙丙", "B C")]
    path.write_text('msgid "甲"\nmsgstr "A\n', encoding="utf-8")
    with pytest.raises(Exception, match=r"c.po:2: malformed PO line"):
        list(read_memory(path))


def test_scores_as_cat_tools_compute_them() -> None:
    assert score("推进千万工程。", "推进千万工程。", identical=True) == 100
    assert score("推进千万工程。", "推进千万工程。") == 99  # keys equal, segments not: never 100
    assert score("推进千万工程。", "推进千万工程！") == 85  # 1 of 7 characters differs
    assert score("坚持稳中求进工作总基调。", "坚持稳中求进的工作总基调。") == 92
    assert score("推进千万工程", "实施八八战略") == 0


def test_lookup_exact_fuzzy_traditional_and_threshold(locales: Path) -> None:
    add_units(locales, units(PAIRS), today="2026-12-01")
    index = MemoryIndex.open(memory_path(locales))
    assert index.size == 3
    exact = index.lookup("推进千万工程。")
    assert [(m.score, m.target) for m in exact] == [(100, PAIRS[2][1])]
    assert exact[0].diff == (("=", "推进千万工程。", "推进千万工程。"),)
    fuzzy = index.lookup("坚持稳中求进的工作总基调。")
    assert [(m.score, m.source) for m in fuzzy] == [(92, PAIRS[1][0])]
    assert fuzzy[0].diff == (
        ("=", "坚持稳中求进", "坚持稳中求进"),
        ("-", "的", ""),
        ("=", "工作总基调。", "工作总基调。"),
    )
    assert [m.score for m in index.lookup("推進千萬工程。")] == [99]  # traditional finds simplified
    assert index.lookup("坚持稳中求进的工作总基调。", minimum=95) == []
    assert index.lookup("完全无关的一句话。") == []
    index.close()


def test_lookup_memory_gives_term_hints_only_where_there_is_a_glossary(
    locales: Path, tmp_path: Path
) -> None:
    add_units(locales, units(PAIRS), today="2026-12-01")
    # a folder holding a memory and no glossary: matches, no hints (it was an error)
    matches, hints = lookup_memory(locales, "推进千万工程。", terms=True)
    assert ([m.score for m in matches], hints) == ([100], [])
    # the shipped glossary beside the same memory: the query's terms with their English
    shipped = tmp_path / "shipped"
    shutil.copytree(Path(__file__).parent.parent / "locales", shipped)
    shutil.copy(memory_path(locales), memory_path(shipped))
    matches, hints = lookup_memory(shipped, "推进千万工程。", terms=True)
    assert [m.target for m in matches] == [PAIRS[2][1]]
    assert hints == [("千万工程", "Green Rural Revival Program")]
    assert lookup_memory(shipped, "推进千万工程。")[1] == []  # hints only when asked


def test_index_is_rebuilt_when_the_memory_changes(locales: Path) -> None:
    add_units(locales, units(PAIRS[:1]), today="2026-12-01")
    assert MemoryIndex.open(memory_path(locales)).size == 1
    add_units(locales, units(PAIRS[1:]), today="2026-12-01")
    assert MemoryIndex.open(memory_path(locales)).size == 3


def test_pretranslate_marks_fuzzy_matches_with_their_score(locales: Path) -> None:
    add_units(locales, units(PAIRS), today="2026-12-01")
    index = MemoryIndex.open(memory_path(locales))
    job = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#: doc.txt:1\nmsgid "推进千万工程。"\nmsgstr ""\n\n'
        '#: doc.txt:2\nmsgid "坚持稳中求进的工作总基调。"\nmsgstr ""\n\n'
        '#: doc.txt:3\nmsgid "全新的句子。"\nmsgstr ""\n\n'
        'msgid "两个确立"\nmsgstr "Two Establishments"\n'
    )
    text, report = pretranslate_text(job, "job.po", index)
    assert (report.exact, report.fuzzy, report.none, report.kept) == (1, 1, 1, 1)
    assert (
        "#. tm: 100% match (job.po:3)\n#: doc.txt:1\n"
        f'msgid "推进千万工程。"\nmsgstr "{PAIRS[2][1]}"' in text
    )
    assert (
        "#. tm: 92% match (job.po:2)\n#: doc.txt:2\n#, fuzzy\n"
        f'msgid "坚持稳中求进的工作总基调。"\nmsgstr "{PAIRS[1][1]}"' in text
    )
    assert '#: doc.txt:3\nmsgid "全新的句子。"\nmsgstr ""' in text


def test_analyze_counts_bands(locales: Path) -> None:
    add_units(locales, units(PAIRS), today="2026-12-01")
    index = MemoryIndex.open(memory_path(locales))
    bands = analyze(
        ["推进千万工程。", "坚持稳中求进的工作总基调。", "全新的句子。", "推进千万工程！"], index
    )
    assert bands == [
        Band("100%", 1, 6),
        Band("95-99%", 0, 0),
        Band("85-94%", 2, 18),
        Band("75-84%", 0, 0),
        Band("no match", 1, 5),
    ]


def test_add_from_every_bilingual_format(locales: Path, tmp_path: Path) -> None:
    (tmp_path / "zh.txt").write_text("".join(s + "\n" for s, _ in PAIRS), encoding="utf-8")
    (tmp_path / "en.txt").write_text("".join(t + "\n" for _, t in PAIRS), encoding="utf-8")
    report = add_units(locales, read_text_pair(str(tmp_path / "zh.txt"), str(tmp_path / "en.txt")))
    assert report.added == 3
    tmx = tmp_path / "m.tmx"
    tmx.write_text(
        '<tmx version="1.4"><header srclang="zh-CN"/><body><tu><tuv xml:lang="zh-CN"><seg>两个确立</seg></tuv>'
        '<tuv xml:lang="en"><seg>Two Establishments</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    assert add_units(locales, read_units(str(tmx))).added == 1
    assert {m.source for m in read_memory(memory_path(locales))} == {s for s, _ in PAIRS} | {
        "两个确立"
    }


def test_match_record_is_plain_data() -> None:
    assert Match(90, "a", "b", "c").diff == ()
    assert memory_text([], day="2026-12-01").count('msgid ""') == 1


def test_memory_header_names_the_generator_and_its_version() -> None:
    from glossary import __version__

    header = memory_text([], day="2026-12-01")
    assert f'"X-Generator: glossary {__version__}\\n"\n' in header
    assert '"Language: en\\n"\n' in header


def test_tm_export_validates_and_omegat_fills_the_paragraph(locales: Path, tmp_path: Path) -> None:
    """The memory's TMX passes the TMX 1.4 DTD, and OmegaT (console mode, tm/auto) fills every
    sentence of a policy paragraph that the memory holds, and only those."""
    from glossary.tm import export_memory

    from .judges import judges_available, omegat_available, run_judges, run_omegat

    add_units(locales, units(PAIRS), today="2026-12-01")
    tmx = tmp_path / "memory.tmx"
    tmx.write_text(export_memory(read_memory(memory_path(locales)), "tmx"), encoding="utf-8")
    if judges_available():
        failures, out = run_judges(tmx)
        assert failures == 0, out
    if not omegat_available():
        pytest.skip("OmegaT is not installed")
    doc = tmp_path / "paragraph.txt"
    doc.write_text("".join(s + "\n\n" for s, _ in PAIRS) + "全新的句子。\n", encoding="utf-8")
    report = run_omegat(doc, tmx)
    filled = {line.split(" ", 1)[1] for line in report.splitlines() if line.startswith("SEG#")}
    for source, target in PAIRS:
        assert f"{source} => {target}" in filled, report
    assert "全新的句子。 => <untranslated>" in filled


def test_lookup_finds_what_a_full_scan_finds(locales: Path) -> None:
    """The index's candidates (length classes, rarest pairs) lose nothing a full scan of the
    memory scoring every unit finds, lengths at the edges of the range included."""
    import random

    from glossary.tm import key

    rng = random.Random(5)
    clauses = ["坚持稳中求进", "工作总基调", "推进千万工程", "深入实施八八战略", "奋力打造重要窗口"]
    clauses += ["全面深化改革", "扎实推进共同富裕", "加快建设", "高水平", "现代化"]
    sources = sorted({"，".join(rng.sample(clauses, rng.randint(1, 4))) + "。" for _ in range(400)})
    sources = sources[:150]
    add_units(locales, units([(s, f"English {i}") for i, s in enumerate(sources)]))
    index = MemoryIndex.open(memory_path(locales))
    longer = [s[:-1] + "的工作。" for s in rng.sample(sources, 20)]
    shorter = [s[1:] for s in rng.sample(sources, 30) if len(s) > 12]  # the memory's is longer
    for query in rng.sample(sources, 20) + longer + shorter:
        for minimum in (90, 95):
            full = sorted(
                (
                    (100 if s == query else score(key(query), key(s)), s)
                    for s in sources
                    if (100 if s == query else score(key(query), key(s))) >= minimum
                ),
                key=lambda x: (-x[0], len(x[1]), x[1]),
            )[:5]
            found = [(m.score, m.source) for m in index.lookup(query, minimum=minimum)]
            assert found == full, (query, minimum)
    index.close()


def test_add_streams_the_memory(locales: Path) -> None:
    """Adding to a 40,000-unit memory holds the units the input touches, not the memory (the
    previous version held every unit: 33 MB here; this one 8 MB, the reader's blocks)."""
    import tracemalloc

    Path(memory_path(locales)).write_text(
        memory_text(
            (
                Memory(f"第{i}句话，推进千万工程。", f"Sentence {i}.", f"a.po:{i}", "2026-12-01")
                for i in range(40_000)
            ),
            day="2026-12-01",
        ),
        encoding="utf-8",
    )
    tracemalloc.start()
    try:
        report = add_units(
            locales, units([("第7句话，推进千万工程。", "Sentence seven."), ("新的一句。", "New.")])
        )
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (report.added, report.updated, report.total) == (1, 1, 40_001)
    assert peak < 16_000_000
    got = list(read_memory(memory_path(locales)))
    assert (got[7].target, got[7].previous, got[-1].source) == (
        "Sentence seven.",
        ("Sentence 7.",),
        "新的一句。",
    )
