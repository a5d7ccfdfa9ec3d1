"""scripts/align_articles.py: alignment of an officially bilingual text by its article numbers,
then inside each article by list item and sentence (issue 13)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "align_articles.py"


def _module() -> ModuleType:
    sys.path.insert(0, str(ROOT / "scripts"))
    spec = importlib.util.spec_from_file_location("align_articles", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["align_articles"] = module
    spec.loader.exec_module(module)
    return module


art = _module()


@pytest.fixture(autouse=True)
def _articles_model() -> Iterator[None]:
    with art.use_model():
        yield


def _pairs(zh: str, en: str) -> list[tuple[str, str, bool]]:
    return [(p.zh, p.en, p.kept) for p in art.align_article(art.Article("BL", "1", zh, en))]


def test_a_one_segment_article_takes_its_whole_english() -> None:
    assert _pairs(
        "香港特別行政區行政長官任期五年，可連任一次。",
        "The term of office of the Chief Executive of the Hong Kong Special Administrative "
        "Region shall be five years. He or she may serve for not more than two consecutive terms.",
    ) == [
        (
            "香港特別行政區行政長官任期五年，可連任一次。",
            "The term of office of the Chief Executive of the Hong Kong Special Administrative "
            "Region shall be five years. He or she may serve for not more than two consecutive "
            "terms.",
            True,
        )
    ]


def test_an_article_is_aligned_sentence_by_sentence_and_its_note_marks_dropped() -> None:
    assert _pairs(
        "#中央人民政府負責管理與香港特別行政區有關的外交事務。 "
        "中華人民共和國外交部在香港設立機構處理外交事務。",
        "#The Central People's Government shall be responsible for the foreign affairs "
        "relating to the Hong Kong Special Administrative Region. The Ministry of Foreign "
        "Affairs of the People's Republic of China shall establish an office in Hong Kong to "
        "deal with foreign affairs. Section 2The Executive Authorities",
    ) == [
        (
            "中央人民政府負責管理與香港特別行政區有關的外交事務。",
            "The Central People's Government shall be responsible for the foreign affairs "
            "relating to the Hong Kong Special Administrative Region.",
            True,
        ),
        (
            "中華人民共和國外交部在香港設立機構處理外交事務。",
            "The Ministry of Foreign Affairs of the People's Republic of China shall establish "
            "an office in Hong Kong to deal with foreign affairs.",
            True,
        ),
    ]


def test_list_items_are_paired_in_order_with_their_closing_and() -> None:
    pairs = _pairs(
        "香港特別行政區政府行使下列職權： • 制定並執行政策； • 委派官員列席立法會並代表政府發言。",
        "The Government of the Hong Kong Special Administrative Region shall exercise the "
        "following powers and functions: • To formulate and implement policies; and • To "
        "designate officials to sit in on the meetings of the Legislative Council and to speak "
        "on behalf of the government.",
    )
    assert [(zh, en) for zh, en, _ in pairs] == [
        (
            "香港特別行政區政府行使下列職權：",
            "The Government of the Hong Kong Special Administrative Region shall exercise the "
            "following powers and functions:",
        ),
        ("制定並執行政策；", "To formulate and implement policies; and"),
        (
            "委派官員列席立法會並代表政府發言。",
            "To designate officials to sit in on the meetings of the Legislative Council and to "
            "speak on behalf of the government.",
        ),
    ]
    assert all(kept for _, _, kept in pairs)


def test_an_english_sentence_that_merges_two_chinese_ones_gives_no_pair() -> None:
    pairs = _pairs(
        "香港特別行政區的終審權屬於香港特別行政區終審法院。"
        "終審法院可根據需要邀請其他普通法適用地區的法官參加審判。",
        "The power of final adjudication of the Hong Kong Special Administrative Region shall "
        "be vested in the Court of Final Appeal of the Region, which may as required invite "
        "judges from other common law jurisdictions to sit on the Court of Final Appeal.",
    )
    assert not any(kept for _, _, kept in pairs)


def test_chinese_numerals_are_read_for_the_number_anchor() -> None:
    assert art.arabic("超越一九九七年六月三十日年期") == "超越1997年六月三十日年期"
    assert art.arabic("本法第一百零一條") == "本法第101條"
    assert art.arabic("須有百分之百的準備金，百分之三的租金") == "須有100%的準備金，三%的租金"
    assert art.arabic("不超過二○四七年") == "不超過2047年"
    # a number missing on one side refuses a one-segment article
    refused = _pairs("香港特別行政區行政長官任期五年。", "The term of office shall be 6 years.")
    assert refused == [
        ("香港特別行政區行政長官任期五年。", "The term of office shall be 6 years.", False)
    ]


def test_the_shipped_sources_are_what_the_script_makes() -> None:
    for articles in sorted((ROOT / "memory" / "corpus").glob("*.articles.tsv")):
        done = subprocess.run(
            [sys.executable, str(SCRIPT), str(articles), "--check"],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stdout + done.stderr
