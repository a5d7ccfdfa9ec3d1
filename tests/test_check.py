import json
from dataclasses import replace

from glossary.check import check_entries
from glossary.models import Category, Entry, Status
from glossary.store import with_computed


def _codes(entries):
    computed = {e.zh: with_computed(e) for e in entries}
    return sorted((p.zh, p.code) for p in check_entries(entries, computed=computed))


GOOD = with_computed(
    Entry(
        zh="八八战略",
        en="Double Eight Strategy",
        category=Category.SLOGAN,
        status=Status.OFFICIAL,
        source="Xinhua, 2023",
        reviewed=True,
    )
)


def test_clean_entry_has_no_problems():
    assert _codes([GOOD]) == []


def test_each_rule():
    entries = [
        GOOD,
        with_computed(
            replace(GOOD, zh="八八\u200b战略")
        ),  # duplicate after normalization, and unnormalized
        with_computed(
            Entry(zh="千万工程", en="", category=Category.PROGRAM, status=Status.PROPOSED)
        ),
        with_computed(
            Entry(
                zh="两个确立",
                en="Two 确立",
                category=Category.SLOGAN,
                status=Status.OFFICIAL,
                reviewed=True,
            )
        ),
        replace(
            with_computed(
                Entry(
                    zh="长三角",
                    en="Yangtze River Delta",
                    category=Category.PLACE,
                    status=Status.ESTABLISHED,
                    reviewed=True,
                )
            ),
            pinyin="zhǎng sān jiǎo",
            zh_tw="长三角",
        ),
        with_computed(Entry(zh="新质生产力", en="new quality productive forces", reviewed=True)),
    ]
    assert set(_codes(entries)) == {
        ("八八\u200b战略", "duplicate"),
        ("八八\u200b战略", "unnormalized"),
        ("千万工程", "empty-english"),
        ("千万工程", "fuzzy"),
        ("新质生产力", "no-category"),
        ("新质生产力", "no-status"),
        ("长三角", "hant-stale"),
        ("长三角", "pinyin-stale"),
        ("两个确立", "chinese-in-english"),
        ("两个确立", "official-without-source"),
    }


def test_override_silences_recomputation():
    e = replace(
        with_computed(replace(GOOD, zh="长三角", en="Yangtze River Delta")),
        pinyin="zhǎng sān jiǎo",
        pinyin_override=True,
    )
    assert _codes([e]) == []


def test_inconsistent_heads():
    def program(zh, en, status=Status.PROPOSED):
        return with_computed(
            Entry(zh=zh, en=en, category=Category.PROGRAM, status=status, reviewed=True)
        )

    entries = [
        program("强基工程", "Foundation Project"),
        program("壮腰工程", "Waist-Strengthening Project"),
        program("接力工程", "Relay Scheme"),
        program("千万工程", "Green Rural Revival", Status.OFFICIAL),
    ]
    entries[3] = replace(entries[3], source="Xinhua, 2023")
    assert _codes(entries) == [("接力工程", "inconsistent-head")]


def test_a_deprecated_rendering_may_not_also_be_one_to_use():
    from glossary.models import Deprecated

    entries = [
        replace(
            GOOD,
            en_alt=("Eight-Eight Strategy",),
            en_deprecated=(Deprecated("eight-eight strategy", "calque"), Deprecated("8-8")),
        ),
        with_computed(
            replace(
                GOOD,
                zh="千万工程",
                en="Green Rural Revival Program",
                en_deprecated=(Deprecated("千万"),),
            )
        ),
    ]
    assert _codes(entries) == [
        ("八八战略", "deprecated-in-use"),
        ("千万工程", "chinese-in-english"),
    ]


def test_a_variant_names_one_entry():
    from glossary.check import check_entries
    from glossary.models import Category, Entry, Status

    base = {"category": Category.SLOGAN, "status": Status.PROPOSED, "reviewed": True}
    entries = [
        Entry(zh="两山", en="Two Mountains", **base),
        Entry(
            zh="绿水青山就是金山银山", en="lucid waters", variants=("两山", "“两山”理念"), **base
        ),
        Entry(
            zh="绿水青山就是金山银山理念",
            en="the concept",
            variants=("两山理念", "“两山”理念"),
            **base,
        ),
    ]
    problems = [(p.zh, p.code) for p in check_entries(entries, computed={})]
    assert problems == [
        ("绿水青山就是金山银山", "variant-is-entry"),
        ("绿水青山就是金山银山理念", "variant-shared"),
    ]


def test_orthographic_pinyin_is_made_of_the_entrys_syllables():
    from glossary.check import check_entries
    from glossary.models import Category, Entry, Status

    base = {
        "category": Category.SLOGAN,
        "status": Status.PROPOSED,
        "reviewed": True,
        "en": "x Strategy",
    }
    entries = [
        Entry(zh="八八战略", pinyin="bā bā zhàn lüè", pinyin_orthographic="Bā-Bā Zhànlüè", **base),
        Entry(zh="强村", pinyin="qiáng cūn", pinyin_orthographic="Qiángcūn", **base),
        Entry(zh="重塑", pinyin="chóng sù", pinyin_orthographic="zhòngsù", **base),
    ]
    assert [(p.zh, p.code) for p in check_entries(entries, computed={})] == [
        ("重塑", "orthography-syllables")
    ]


# ---------------------------------------------------------------------------- formulas' parts
def _parts_problems(entries):
    from glossary.check import check_parts

    return [(p.zh, p.code, p.message) for p in check_parts(entries)]


def _formula(zh, *parts, **kw):
    from glossary.models import Part

    return Entry(
        zh=zh,
        parts=tuple(Part(*p) if isinstance(p, tuple) else Part(p) for p in parts),
        parts_source=kw.pop("parts_source", "Xinhua, 2022"),
        **kw,
    )


def test_parts_that_name_entries_or_are_clauses_pass():
    entries = [
        _formula("四个全面", "全面深化改革", ("进一步发挥优势", "Make full use of strengths")),
        Entry(zh="全面深化改革"),
    ]
    assert _parts_problems(entries) == []


def test_each_parts_rule():
    from glossary.models import FormerParts

    entries = [
        _formula(
            "四个全面",
            "全面深化改革",
            "全面深化改革",
            "四个全面",
            "全面依法治国",
            parts_former=(FormerParts("2014-2020", ("全面建成小康社会", "全面深化改革")),),
            no_parts="no fixed list",
        ),
        _formula("两个确立", ("确立", "establish"), parts_source=""),
        Entry(zh="全面深化改革"),
    ]
    assert _parts_problems(entries) == [
        ("四个全面", "parts-and-no-parts", "lists parts but also says 'no fixed list'"),
        ("四个全面", "part-twice", "part '全面深化改革' listed twice"),
        ("四个全面", "part-is-formula", "part '四个全面' is the formula itself"),
        (
            "四个全面",
            "part-not-entry",
            "part '全面依法治国' names no entry (add it, or give a clause its English: 'ZH | EN')",
        ),
        (
            "四个全面",
            "part-not-entry",
            "former part (2014-2020) '全面建成小康社会' names no entry (add it, or give a clause "
            "its English: 'ZH | EN')",
        ),
        ("两个确立", "parts-without-source", "parts without the source of the list"),
    ]


def test_a_formula_that_is_a_part_of_its_own_part_is_a_cycle():
    entries = [
        _formula("甲", "乙"),
        _formula("乙", "丙"),
        _formula("丙", "甲"),
        _formula("丁", "乙"),
    ]
    assert _parts_problems(entries) == [("甲", "part-cycle", "a part of itself: 甲 > 乙 > 丙 > 甲")]


def test_a_clause_english_with_chinese_is_reported():
    entry = with_computed(replace(GOOD, parts=_formula("x", ("确立", "establish 确立")).parts))
    assert ("八八战略", "chinese-in-english") in _codes([replace(entry, parts_source="s")])


def test_the_formula_report_counts_and_lists():
    from glossary.check import formula_report

    entries = [
        _formula("四个全面", "全面深化改革"),
        Entry(zh="十五五", no_parts="a plan's number"),
        Entry(zh="三严三实"),
        Entry(zh="新质生产力"),
        Entry(zh="全面深化改革"),
    ]
    report = formula_report(entries)
    assert report.summary() == "numbered formulas: 1 with parts, 1 marked no-parts, 1 unclassified"
    assert report.unclassified == ("三严三实",)


def test_cli_check_reports_the_formulas(formulas, run):
    out = run(["check", "--ignore", "fuzzy"])
    assert out.exit_code == 0
    assert out.stderr == (
        "numbered formulas: 2 with parts, 0 marked no-parts, 2 unclassified\n"
        "glossary check: no problems\n"
    )
    assert out.stdout == ""
    rows = json.loads(run(["check", "--ignore", "fuzzy", "--json"]).stdout)
    assert [(r["zh"], r["code"], r["message"]) for r in rows] == [
        ("八八战略", "formula-unclassified", "numbered formula without parts or a no-parts reason"),
        ("千万工程", "formula-unclassified", "numbered formula without parts or a no-parts reason"),
    ]
    verbose = run(["check", "--ignore", "fuzzy", "--verbose", "--format", "tsv"])
    assert (verbose.exit_code, verbose.stdout) == (
        0,
        "八八战略\tformula-unclassified\tnumbered formula without parts or a no-parts reason\n"
        "千万工程\tformula-unclassified\tnumbered formula without parts or a no-parts reason\n",
    )


def test_cli_check_fails_on_a_part_that_names_no_entry(formulas, run):
    from pathlib import Path

    import polib

    path = Path("locales/en/LC_MESSAGES/glossary.po")
    po = polib.pofile(str(path), wrapwidth=0)
    po.find("四个全面").tcomment += "\npart: 全面推进依法治国"
    po.save(str(path))
    out = run(["check", "--ignore", "fuzzy", "--format", "tsv"])
    assert out.exit_code == 1
    assert out.stdout == (
        "四个全面\tpart-not-entry\tpart '全面推进依法治国' names no entry (add it, or give a "
        "clause its English: 'ZH | EN')\n"
    )


def test_not_proposed_rows_must_name_entries_and_a_class(monkeypatch):
    from glossary import extract
    from glossary.check import check_not_proposed

    monkeypatch.setattr(
        extract, "not_proposed_rows", lambda: [("八八战略", "ordinary"), ("无此词", "vague")]
    )
    found = sorted((p.zh, p.code) for p in check_not_proposed([GOOD]))
    assert found == [("无此词", "not-proposed-class"), ("无此词", "not-proposed-unknown")]
