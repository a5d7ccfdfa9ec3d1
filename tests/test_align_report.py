"""scripts/align_report.py: the sentence re-alignment of a report's corpus rows (issue 13)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "align_report.py"


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("align_report", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["align_report"] = module
    spec.loader.exec_module(module)
    return module


align = _module()


def test_english_units_cut_sentences_and_clauses_not_item_numbers() -> None:
    text = (
        "2. We pursued innovation-driven development. I. A Review of Our Work in 2025 "
        "Personal incomes rose; poverty alleviation gains were consolidated. No. 1 stays."
    )
    assert align.english_units(text) == [
        "2. We pursued innovation-driven development.",
        "I. A Review of Our Work in 2025 Personal incomes rose;",
        "poverty alleviation gains were consolidated.",
        "No. 1 stays.",
    ]


def test_numbers_agree_across_units_and_numerals() -> None:
    zh = "就业总体稳定，城镇新增就业1267万人，城镇调查失业率平均为5.2%。"
    en = "Overall employment remained stable, with 12.67 million urban jobs created, and the "
    en += "average surveyed urban unemployment rate stood at 5.2 percent."
    assert align.numbers_agree(zh, en)
    assert align.numbers_agree("二是坚持创新驱动发展。", "2. We pursued innovation.")
    assert align.numbers_agree("中美5轮经贸磋商取得积极成果。", "The five rounds of talks.")
    # a number missing or added on either side
    assert not align.numbers_agree(
        "粮食产量达到1.43万亿斤。", "Grain output rose to 715 million tons."
    )
    assert not align.numbers_agree("提高优抚标准。", "Subsidies were raised by 20 yuan.")


def test_final_punctuation_and_item_marks_are_anchors() -> None:
    assert align.anchors_agree(
        "加快重点行业绿色低碳转型。", "It picked up pace.", "It picked up pace."
    )
    assert not align.anchors_agree("健全人口服务体系；", "It improved services.", "It improved.")
    assert not align.anchors_agree("一是推动发展。", "We pursued development.", "We pursued.")
    assert align.anchors_agree("一是推动发展。", "1. We pursued it.", "1. We pursued it.")


def _rows(*specs: tuple[int, int, int]) -> list[object]:
    return [align.Row(line, seq, number, "中文。", "English.") for line, seq, number in specs]


def test_paragraphs_with_a_dropped_row_are_skipped() -> None:
    # 7 lost its row 3 (number 5); after 9, number 8 is missing: its tail or a whole paragraph
    # 10; 12 lost its first row (number 11), which is the whole gap after 11
    rows = _rows((5, 1, 1), (5, 2, 2), (7, 1, 3), (7, 2, 4), (7, 4, 6), (8, 1, 7), (9, 1, 8))
    rows += _rows((11, 1, 10), (12, 2, 12), (12, 3, 13))
    good, skipped = align.complete_paragraphs(rows)
    assert [group[0].line for group in good] == [5, 8, 11]
    assert skipped == [7, 9, 12]


def test_a_paragraph_is_realigned_sentence_by_sentence() -> None:
    # the corpus's rows are shifted: the first row's English holds the second sentence's
    rows = [
        align.Row(
            1,
            1,
            1,
            "过去一年取得的成绩来之不易。",
            "What we achieved was indeed hard won. China's R&D spending reached 2.8 percent of "
            "GDP, and the value of technology contract transactions rose by 10.8 percent.",
        ),
        align.Row(
            1,
            2,
            2,
            "全社会研发经费投入强度达到2.8%，技术合同成交额增长10.8%。提高优抚标准。",
            "Subsidies for entitled groups were raised.",
        ),
    ]
    assert [(v.zh, v.en, v.kept, v.row_agrees) for v in align.judge(rows)] == [
        ("过去一年取得的成绩来之不易。", "What we achieved was indeed hard won.", True, True),
        (
            "全社会研发经费投入强度达到2.8%，技术合同成交额增长10.8%。",
            "China's R&D spending reached 2.8 percent of GDP, and the value of technology "
            "contract transactions rose by 10.8 percent.",
            True,
            False,
        ),
        ("提高优抚标准。", "Subsidies for entitled groups were raised.", True, True),
    ]


def test_the_shipped_sources_are_what_the_script_makes() -> None:
    for rows in sorted((ROOT / "memory" / "corpus").glob("*.rows.txt")):
        done = subprocess.run(
            [sys.executable, str(SCRIPT), str(rows), "--check"], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stdout + done.stderr


def test_a_numbered_heading_run_into_its_sentence_is_cut() -> None:
    text = (
        "4. Continuing to deepen reform and boosting internal momentum for development We will "
        "press ahead with critical reform tasks. 6. We worked faster to build a Beautiful China."
    )
    assert align.english_units(text) == [
        "4. Continuing to deepen reform and boosting internal momentum for development",
        "We will press ahead with critical reform tasks.",
        "6. We worked faster to build a Beautiful China.",
    ]


def test_glossary_anchors_make_boundaries_certain_that_lengths_alone_could_shift() -> None:
    # the 2024 report: the English gives 提高高标准农田建设投资补助水平 a sentence of its own,
    # which lengths alone could give to the next segment as well (and so on along the paragraph);
    # the glossary's 高标准农田 (high-standard cropland), 盐碱地 and 粮食安全 (food security)
    # tie each sentence to its segment
    rows = [
        align.Row(
            61,
            1,
            300,
            "严守耕地红线，完善耕地占补平衡制度，加强黑土地保护和盐碱地综合治理，提高高标准农田建设投资补助水平。",
            "To ensure that the total area of China's farmland remains above the specified red "
            "line, we will refine the system for offsetting cultivated land that has been put to "
            "other uses. We will strengthen chernozem soil protection and improve saline-alkali "
            "land in an integrated way.",
        ),
        align.Row(
            61,
            2,
            301,
            "各地区都要扛起保障国家粮食安全责任。",
            "Investment subsidies for high-standard cropland development will be increased. All "
            "local governments must shoulder their share of responsibility for ensuring national "
            "food security.",
        ),
        align.Row(
            61,
            3,
            302,
            "我们这样一个人口大国，必须践行好大农业观、大食物观，始终把饭碗牢牢端在自己手上。",
            "As China has a large population, we must adopt an all-encompassing approach to "
            "agriculture and food and ensure that China's food supply remains firmly in our own "
            "hands.",
        ),
    ]
    verdicts = align.judge(rows)
    assert [v.kept for v in verdicts] == [True, True, True]
    assert verdicts[0].en.endswith(
        "saline-alkali land in an integrated way. Investment "
        "subsidies for high-standard cropland development will be increased."
    )
    assert verdicts[1].en.startswith("All local governments must shoulder")
    assert verdicts[2].en.startswith("As China has a large population")


def test_except_lines_name_the_shipped_documents_left_out(tmp_path: Path) -> None:
    rows = tmp_path / "x.rows.txt"
    rows.write_text("# corpus copy\n# except: gwr-2024 gwr-2025\n\n1 1 1\n中文。\nEnglish.\n")
    assert align.excepted(rows) == ["gwr-2024", "gwr-2025"]
    assert [r.zh for r in align.read_rows(rows)] == ["中文。"]


def test_lexical_anchors_pair_a_glossary_term_or_lexicon_word_with_its_english() -> None:
    zh = ["深入推进数字经济创新发展。", "稳定粮食播种面积。"]
    en = ["We will promote innovative development of the digital economy.", "Grain acreage."]
    # 数字经济 (glossary: digital economy) and 数字 (lexicon: digital) anchor the same point;
    # 粮食 (lexicon: grain) the second
    assert align.lexical_anchors(zh, en) == ((0, 0), (1, 1))
    # a word whose English is in two units is no anchor
    assert align.lexical_anchors(["稳定粮食播种面积。"], ["Grain.", "Grain output."]) == ()
    assert align.crossings(((0, 0), (1, 1)), (0, 1), (0, 2)) == 1
    assert align.crossings(((0, 0), (1, 1)), (0, 1), (0, 1)) == 0


def test_an_anchor_moves_a_boundary_that_lengths_alone_put_elsewhere() -> None:
    zh = ["加强标准引领和质量支撑。", "稳定粮食播种面积，提高单产。"]
    en = [
        "We will give better guidance on standards.",
        "Quality will be better supported.",
        "Grain acreage will be kept stable and per unit yield raised.",
    ]
    assert align.lexical_anchors(zh, en) == ((1, 2),)  # 粮食: grain
    assert [(b.zh, b.en) for b in align.align(zh, en)] == [((0, 1), (0, 2)), ((1, 2), (2, 3))]
    # an anchor that ties the second unit to the second segment moves the boundary
    assert [(b.zh, b.en) for b in align.align(zh, en, ((1, 1),))] == [
        ((0, 1), (0, 1)),
        ((1, 2), (1, 3)),
    ]


def test_a_reviewed_pair_is_kept_only_with_exactly_its_english(tmp_path: Path) -> None:
    rows = tmp_path / "x.rows.txt"
    rows.write_text(
        "# reviewed: 中文。\tEnglish.\n# reviewed: 别的。\tOther English.\n\n1 1 1\n中文。\nEnglish.\n"
    )
    assert align.reviewed(rows) == {"中文。": "English.", "别的。": "Other English."}
