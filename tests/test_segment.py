"""Sentence segmentation of policy text."""

from __future__ import annotations

from pathlib import Path

from glossary.segment import TextSegment, is_heading, iter_document, split_line


def texts(line: str) -> list[str]:
    return [s for _, s in split_line(line)]


def test_sentences_end_at_full_stops_with_their_closing_marks() -> None:
    assert texts("坚持稳中求进。深入实施“八八战略”！推进千万工程？（见附件。）好") == [
        "坚持稳中求进。",
        "深入实施“八八战略”！",
        "推进千万工程？",
        "（见附件。）",
        "好",
    ]


def test_a_quote_that_spans_a_sentence_end_stays_whole() -> None:
    assert texts("他强调：“要干在实处。要走在前列。”随后部署工作。") == [
        "他强调：“要干在实处。要走在前列。”",
        "随后部署工作。",
    ]
    assert texts("书名《改革。开放》很长。") == ["书名《改革。开放》很长。"]


def test_a_stray_quote_does_not_swallow_the_paragraph() -> None:
    assert texts("“十五五”时期很关键。推进“两个先行。加快发展。") == [
        "“十五五”时期很关键。",
        "推进“两个先行。",
        "加快发展。",
    ]


def test_semicolons_split_long_clauses_only() -> None:
    short = "加强党的建设；推进改革；扩大开放。"
    assert texts(short) == [short]
    a = "一是更加突出智造创新，全方位推动制造业智能化、绿色化、融合化发展，保持制造业合理比重；"
    b = "二是更加突出深度融入长三角，坚定不移落实长三角一体化发展国家战略，扩大高水平对外开放。"
    assert texts(a + b) == [a, b]
    half = a.replace("；", ";") + b  # the seed writes ASCII semicolons
    assert texts(half) == [a.replace("；", ";"), b]


def test_numbered_items_start_segments_and_headings_stand_alone() -> None:
    assert texts("（一）坚持党的全面领导。（二）坚持人民至上。") == [
        "（一）坚持党的全面领导。",
        "（二）坚持人民至上。",
    ]
    assert texts("1.加快建设。2.深化改革。第三条 本办法自公布之日起施行。") == [
        "1.加快建设。",
        "2.深化改革。",
        "第三条 本办法自公布之日起施行。",
    ]
    assert texts("增长3.5%。") == ["增长3.5%。"]  # a decimal is no numbered item
    assert is_heading("一、总体要求") and is_heading("（二）主要目标")
    assert not is_heading("坚持稳中求进。") and not is_heading("包括：")


def test_traditional_text_and_file_locations(tmp_path: Path) -> None:
    doc = tmp_path / "hk.txt"
    doc.write_bytes(
        "一、總體要求\n\n深入實施「八八戰略」。推進「千萬工程」，促進共同富裕！\n".encode(
            "big5hkscs"
        )
    )
    assert list(iter_document(str(doc), label="hk.txt")) == [
        TextSegment("hk.txt", 1, 0, "一、總體要求", heading=True),
        TextSegment("hk.txt", 3, 0, "深入實施「八八戰略」。"),
        TextSegment("hk.txt", 3, 11, "推進「千萬工程」，促進共同富裕！"),
    ]


def test_the_seed_document() -> None:
    seed = Path(__file__).resolve().parent.parent / "seeds/jiaxing-15th-five-year-plan-proposal.txt"
    segments = list(iter_document(str(seed)))
    text = seed.read_text(encoding="utf-8")
    # nothing is lost or reordered: the segments of a line, joined, are the line less white space
    for number, line in enumerate(text.splitlines(), 1):
        joined = "".join(s.text for s in segments if s.line == number)
        assert joined == "".join(line.split()) or joined.replace(" ", "") == "".join(line.split())
    assert len(segments) > 400
