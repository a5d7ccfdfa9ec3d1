"""Terminology QA of translations: planted errors found, clean segments left alone."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from glossary.bilingual import State, Unit, read_text_pair, read_units
from glossary.models import Category, Deprecated, Entry, Status
from glossary.qa import Check, Report, check_units, english_form, find_rendering

ENTRIES = [
    Entry(
        zh="八八战略",
        en="Double Eight Strategy",
        en_alt=("Double-Eight Strategy",),
        en_deprecated=(Deprecated("Eight-Eight Strategy", "a literal calque"),),
        category=Category.SLOGAN,
        status=Status.OFFICIAL,
        zh_tw="八八戰略",
        zh_hk="八八戰略",
    ),
    Entry(
        zh="千万工程",
        en="Green Rural Revival Program",
        en_alt=("Thousand Villages Demonstration, Ten Thousand Villages Renovation Project",),
        en_deprecated=(Deprecated("Ten Million Project", "a mistranslation of 千万"),),
        variants=("千村示范、万村整治",),
        category=Category.PROGRAM,
        status=Status.OFFICIAL,
        zh_tw="千萬工程",
        zh_hk="千萬工程",
    ),
    Entry(
        zh="“132”总体工作部署",
        en='"132" Overall Work Arrangement',
        category=Category.SLOGAN,
        status=Status.PROPOSED,
        zh_tw="「132」總體工作部署",
        zh_hk="「132」總體工作部署",
    ),
    Entry(
        zh="共同富裕",
        en="common prosperity",
        category=Category.CONCEPT,
        status=Status.OFFICIAL,
        zh_tw="共同富裕",
        zh_hk="共同富裕",
    ),
    Entry(
        zh="两个维护",
        en="Two Upholds",
        category=Category.SLOGAN,
        status=Status.OFFICIAL,
        zh_tw="兩個維護",
        zh_hk="兩個維護",
    ),
    Entry(
        zh="小巨人",
        en="little giant",
        category=Category.CONCEPT,
        status=Status.ESTABLISHED,
    ),
    Entry(zh="嘉兴学院", en="Jiaxing University", category=Category.PLACE, status=Status.OFFICIAL),
    Entry(zh="嘉兴大学", en="Jiaxing University", category=Category.PLACE, status=Status.OFFICIAL),
]


def unit(source: str, target: str, n: int = 1, state: State = State.TRANSLATED) -> Unit:
    return Unit("job.po", str(n), n, source, target, state)


def codes(units: list[Unit], **options: object) -> list[tuple[int, str, str]]:
    report = check_units(units, ENTRIES, **options)  # type: ignore[arg-type]
    return [(f.line, f.check.value, f.term) for f in report.findings]


@pytest.mark.parametrize(
    "target",
    [
        "We implemented the Double Eight Strategy.",
        "We implemented the Double-Eight Strategy.",  # an admitted alternate
        "We implemented the double\n  Eight Strategy.",  # first letter, line break
        "We implemented the “Double Eight” Strategy.",  # quotes ignored
        "The Double Eight Strategy’s results.",  # possessive
    ],
)
def test_tolerated_variants_are_clean(target: str) -> None:
    assert codes([unit("深入实施“八八战略”。", target)]) == []


@pytest.mark.parametrize(
    ("target", "rendering", "found"),
    [
        ("The Two Upholds are firm.", "Two Upholds", "Two Upholds"),
        ("We stand by the Two Upholds’ spirit.", "Two Upholds", "Two Upholds'"),
        ("Common prosperity for all.", "common prosperity", "Common prosperity"),
        ("more little giants", "little giant", "little giants"),
        ("three little giant enterprises", "little giant", "little giant"),
        ("the Thousand Cities", "Thousand City", "Thousand Cities"),  # -y → -ies
        (
            "IMPLEMENTING THE DOUBLE EIGHT STRATEGY",
            "Double Eight Strategy",
            "DOUBLE EIGHT STRATEGY",
        ),
        (
            "Implementing The Double Eight Strategy",
            "Double Eight Strategy",
            "Double Eight Strategy",
        ),
        ("Building Common Prosperity", "common prosperity", "Common Prosperity"),  # a heading
        ("We implemented the double eight strategy.", "Double Eight Strategy", None),
        ("the Double Eight Strategist", "Double Eight Strategy", None),  # inside a longer word
        ("the Double Eight Strategy", "the Double Eight Strategy", "Double Eight Strategy"),
        ("the Green Rural Revival Programme", "Green Rural Revival Program", None),
    ],
)
def test_find_rendering(target: str, rendering: str, found: str | None) -> None:
    assert find_rendering(target, rendering) == found


def test_planted_errors_in_one_file() -> None:
    units = [
        unit("深入实施“八八战略”。", "We implemented the Double Eight Strategy.", 1),
        unit("推进千万工程。", "We advanced the Ten Million Project.", 2),
        unit("推進千萬工程，促進共同富裕。", "We advanced the Green Rural Revival Program.", 3),
        unit("「132」總體工作部署", "Overall Work Arrangement", 4),
        unit("坚持八八战略", "Uphold the Double-Eight Strategy and 共同富裕.", 5),
        unit("做到两个维护", "", 6, State.UNTRANSLATED),
        unit("做到两个维护", "Achieve something.", 7, State.FUZZY),
        unit("千村示范、万村整治", "Eight-Eight Strategy aside, this is rural renewal.", 8),
        unit(
            "推进千万工程",
            "We advanced the Thousand Villages Demonstration, Ten Thousand Villages Renovation Project.",
            9,
        ),
    ]
    assert codes(units) == [
        (2, "term-missing", "千万工程"),
        (2, "term-deprecated", "千万工程"),
        (3, "term-missing", "共同富裕"),
        (4, "term-missing", "“132”总体工作部署"),
        (4, "code-missing", "“132”总体工作部署"),
        (5, "untranslated", ""),
        (8, "term-missing", "千万工程"),
        (8, "term-deprecated", "八八战略"),
        (9, "inconsistent", "千万工程"),
    ]
    report = check_units(units, ENTRIES)
    assert (report.segments, report.skipped) == (7, 2)
    missing = report.findings[0]
    assert missing.expected == (
        "Green Rural Revival Program",
        "Thousand Villages Demonstration, Ten Thousand Villages Renovation Project",
    )
    assert report.findings[1].found == "Ten Million Project"
    assert report.findings[1].message == (
        "千万工程: do not use 'Ten Million Project' (a mistranslation of 千万); use "
        "'Green Rural Revival Program' or "
        "'Thousand Villages Demonstration, Ten Thousand Villages Renovation Project'"
    )
    assert report.counts == {
        "term-missing": 4,
        "term-deprecated": 2,
        "code-missing": 1,
        "untranslated": 1,
        "inconsistent": 1,
    }
    assert report.findings[-1].message == (
        "千万工程: rendered 'Thousand Villages Demonstration, Ten Thousand Villages Renovation "
        "Project' here, 'Green Rural Revival Program' at line 3"
    )


def test_only_ignore_status_and_fuzzy() -> None:
    units = [
        unit("推进千万工程和“132”总体工作部署。", "We advanced the project and the plan.", 1),
        unit("做到两个维护", "Achieve something.", 2, State.FUZZY),
    ]
    assert codes(units, only=[Check.CODE_MISSING]) == [(1, "code-missing", "“132”总体工作部署")]
    assert codes(units, ignore=[Check.TERM_MISSING, Check.CODE_MISSING]) == []
    # official entries only: the proposed “132” entry is not checked
    assert codes(units, status=Status.OFFICIAL) == [(1, "term-missing", "千万工程")]
    assert codes(units, include_fuzzy=True, only=[Check.TERM_MISSING]) == [
        (1, "term-missing", "千万工程"),
        (1, "term-missing", "“132”总体工作部署"),
        (2, "term-missing", "两个维护"),
    ]


def test_official_status_checks_against_the_preferred_rendering_only() -> None:
    units = [
        unit(
            "千万工程",
            "the Thousand Villages Demonstration, Ten Thousand Villages Renovation Project",
        )
    ]
    assert codes(units) == []
    assert codes(units, status=Status.OFFICIAL) == [(1, "term-missing", "千万工程")]


def test_shared_rendering() -> None:
    units = [
        unit("嘉兴学院", "Jiaxing University", 1),
        unit("嘉兴大学", "Jiaxing University", 2),
    ]
    assert codes(units) == [(2, "shared-rendering", "嘉兴大学")]


def test_code_with_plus_and_spaces() -> None:
    entries = [Entry(zh="“8+4”经济政策体系", en='"8+4" Economic Policy System')]
    good = check_units([unit("“8+4”经济政策体系", 'the "8 + 4" economic policy system')], entries)
    assert [f.check for f in good.findings] == [Check.TERM_MISSING]  # case of Economic …
    bad = check_units([unit("“8+4”经济政策体系", "the 8-4 policy")], entries)
    assert [f.check for f in bad.findings] == [Check.TERM_MISSING, Check.CODE_MISSING]


def test_english_form() -> None:
    assert english_form("  “Double—Eight”\n Strategy’s ") == "Double Eight Strategy's"


# --- every input format, the same planted errors -----------------------------------------

SEGMENTS = [
    ("深入实施“八八战略”。", "We implemented the Double Eight Strategy."),
    ("推进千万工程。", "We advanced the Ten Million Project."),
    (
        "推進千萬工程，促進共同富裕。",
        "We advanced the Green Rural Revival Program and common prosperity.",
    ),
]
EXPECTED = [("term-missing", "千万工程"), ("term-deprecated", "千万工程")]


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


def _files(tmp_path: Path) -> dict[str, list[Unit]]:
    po = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + "".join(
        f'msgid "{s}"\nmsgstr "{t}"\n\n' for s, t in SEGMENTS
    )
    tmx = (
        '<?xml version="1.0"?><tmx version="1.4"><header srclang="zh-CN" adminlang="en" '
        'creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" datatype="plaintext"/>'
        "<body>"
        + "".join(
            f'<tu><tuv xml:lang="zh-CN"><seg>{_xml(s)}</seg></tuv>'
            f'<tuv xml:lang="en-GB"><seg>{_xml(t)}</seg></tuv></tu>\n'
            for s, t in SEGMENTS
        )
        + "</body></tmx>"
    )
    xlf = (
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file source-language="zh-CN" target-language="en" datatype="plaintext" original="d">'
        "<body>"
        + "".join(
            f'<trans-unit id="{i}"><source>{_xml(s)}</source><target>{_xml(t)}</target></trans-unit>\n'
            for i, (s, t) in enumerate(SEGMENTS, 1)
        )
        + "</body></file></xliff>"
    )
    xlf2 = (
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh" trgLang="en">'
        '<file id="f">'
        + "".join(
            f'<unit id="{i}"><segment><source>{_xml(s)}</source><target>{_xml(t)}</target></segment></unit>\n'
            for i, (s, t) in enumerate(SEGMENTS, 1)
        )
        + "</file></xliff>"
    )
    csv = "zh,en\n" + "".join(f'"{s}","{t}"\n' for s, t in SEGMENTS)
    out = {}
    for name, text in (
        ("a.po", po),
        ("a.tmx", tmx),
        ("a.xlf", xlf),
        ("b.xliff", xlf2),
        ("a.csv", csv),
    ):
        (tmp_path / name).write_text(text, encoding="utf-8")
        out[name] = list(read_units(str(tmp_path / name)))
    (tmp_path / "zh.txt").write_text("".join(s + "\n" for s, _ in SEGMENTS), encoding="utf-8")
    (tmp_path / "en.txt").write_text("".join(t + "\n" for _, t in SEGMENTS), encoding="gb18030")
    out["pair"] = list(read_text_pair(str(tmp_path / "zh.txt"), str(tmp_path / "en.txt")))
    return out


def test_every_input_format_finds_the_same(tmp_path: Path) -> None:
    for name, units in _files(tmp_path).items():
        report = check_units(units, ENTRIES)
        assert [(f.check.value, f.term) for f in report.findings] == EXPECTED, name
        assert report.segments == 3, name


def test_the_projects_own_tmx_export_is_clean(tmp_path: Path) -> None:
    from glossary.exporters.tmx import export_tmx
    from glossary.paths import resolve_locales
    from glossary.store import read_entries

    entries = read_entries(Path(resolve_locales(None)))
    path = tmp_path / "glossary.tmx"
    path.write_text(export_tmx(entries), encoding="utf-8")
    report = check_units(read_units(str(path)), entries, ignore=[Check.SHARED_RENDERING])
    assert report.findings == ()
    assert report.segments >= len(entries)


# --- reports ----------------------------------------------------------------------------------


def _report() -> Report:
    return check_units(
        [
            unit("推进千万工程。", "We advanced the Ten Million Project.", 2),
            unit("<b>两个维护</b>", "=SUM(1) <script>", 3),
        ],
        ENTRIES,
    )


def test_csv_report() -> None:
    from glossary.qa_report import to_csv

    text = to_csv(_report().findings)
    assert text.split("\r\n", 1)[0] == (
        "file,segment,line,check,term,expected,found,source,target,message"
    )
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["line"], r["check"], r["term"], r["found"], r["expected"]) for r in rows] == [
        (
            "2",
            "term-missing",
            "千万工程",
            "We advanced the Ten Million Project.",
            "Green Rural Revival Program | "
            "Thousand Villages Demonstration, Ten Thousand Villages Renovation Project",
        ),
        ("2", "term-deprecated", "千万工程", "Ten Million Project", rows[1]["expected"]),
        ("3", "term-missing", "两个维护", "'=SUM(1) <script>", "Two Upholds"),
    ]
    assert rows[2]["target"] == "'=SUM(1) <script>"  # a formula cell is escaped


def test_html_report_is_self_contained_and_escaped() -> None:
    from html.parser import HTMLParser

    from glossary.qa_report import to_html

    page = to_html(_report(), title="job.po")
    assert "<script>" not in page.split("<script>\n", 1)[0]  # the target's tag is escaped
    assert "&lt;script&gt;" in page and "&lt;b&gt;两个维护&lt;/b&gt;" in page
    assert "http" not in page.replace("http-equiv", "")  # no network
    assert page.count('<tbody class="segment">') == 2
    assert page.count('class="finding"') == 3
    assert (
        '<input type="checkbox" value="term-missing" checked> <code>term-missing</code> (2)' in page
    )

    class Strict(HTMLParser):
        def error(self, message: str) -> None:  # pragma: no cover - older Pythons only
            raise AssertionError(message)

    Strict().feed(page)


# ---------------------------------------------------------------------------- formulas' parts
FORMULA_ENTRIES = [
    Entry(
        zh="四个全面",
        en="Four-Pronged Comprehensive Strategy",
        category=Category.SLOGAN,
        status=Status.OFFICIAL,
    ),
    Entry(
        zh="全面深化改革",
        en="deepen reform comprehensively",
        en_alt=("comprehensively deepening reform",),
        category=Category.CONCEPT,
        status=Status.ESTABLISHED,
        part_of=("四个全面",),
    ),
    Entry(
        zh="全面从严治党",
        en="full and rigorous Party self-governance",
        category=Category.CONCEPT,
        status=Status.OFFICIAL,
        part_of=("四个全面",),
    ),
]


def test_a_part_rendered_without_its_own_english_is_a_part_rendering_finding() -> None:
    units = [
        unit(
            "协调推进四个全面：全面深化改革、全面从严治党。",
            "We pursued the Four-Pronged Comprehensive Strategy: comprehensively deepening reform "
            "and strict governance of the Party.",
            1,
        ),
        unit("全面深化改革。", "Comprehensively deepening reform.", 2),
    ]
    report = check_units(units, FORMULA_ENTRIES)
    assert [(f.line, f.check.value, f.term) for f in report.findings] == [
        (1, "part-rendering", "全面从严治党")
    ]
    assert report.findings[0].message == (
        "全面从严治党 (a part of 四个全面): expected its own rendering, "
        "'full and rigorous Party self-governance'"
    )
    # without the check, the part is a term like any other
    report = check_units(units, FORMULA_ENTRIES, ignore=[Check.PART_RENDERING])
    assert [(f.line, f.check.value, f.term) for f in report.findings] == [
        (1, "term-missing", "全面从严治党")
    ]
    only = check_units(units, FORMULA_ENTRIES, only=[Check.PART_RENDERING])
    assert [(f.line, f.check.value) for f in only.findings] == [(1, "part-rendering")]


def test_qa_reads_the_parts_from_the_index(formulas, run, tmp_path) -> None:
    source, target = tmp_path / "zh.txt", tmp_path / "en.txt"
    source.write_text("四个全面，全面深化改革。\n", encoding="utf-8")
    target.write_text("The Four-Pronged Comprehensive Strategy and reform.\n", encoding="utf-8")
    out = run(
        [
            "qa",
            "--source",
            str(source),
            "--target",
            str(target),
            "--format",
            "tsv",
            "--only",
            "part-rendering",
        ]
    )
    assert out.exit_code == 1
    assert out.stdout.split("\t")[3:5] == ["part-rendering", "全面深化改革"]
