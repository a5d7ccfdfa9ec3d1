"""The Anki deck (glossary/exporters/anki.py), read back as Anki reads its text import format:
header lines ``#key:value`` first, then rows split at the separator, a field in double quotes
when it holds the separator, a line break or a quote (an inner quote doubled), a line starting
with ``#`` a comment."""

from __future__ import annotations

import csv
import io

import pytest

from glossary.exporters import FORMATS, load_all
from glossary.exporters.anki import field, guid
from glossary.models import Category, Entry, Status

load_all()


def read_anki(text: str) -> tuple[dict[str, str], list[list[str]]]:
    """Headers and rows of an Anki text import file."""
    lines = text.split("\n")
    headers: dict[str, str] = {}
    while lines and lines[0].startswith("#"):
        key, _, value = lines.pop(0)[1:].partition(":")
        headers[key] = value
    sep = {"tab": "\t", "comma": ",", "semicolon": ";"}[headers["separator"].lower()]
    body = "\n".join(lines)
    rows = [r for r in csv.reader(io.StringIO(body), delimiter=sep, quotechar='"') if r]
    assert not any(r[0].startswith("#") for r in rows)  # Anki would skip it as a comment
    return headers, rows


ENTRIES = [
    Entry(
        zh="八八战略",
        zh_tw="八八戰略",
        zh_hk="八八戰略",
        pinyin="bā bā zhàn lüè",
        en="Double Eight Strategy",
        definition="Zhejiang's development strategy (2003) & its eight <measures>.",
        category=Category.SLOGAN,
        status=Status.OFFICIAL,
        reviewed=True,
    ),
    Entry(
        zh="着力推动高质量发展",
        zh_tw="著力推動高質量發展",
        zh_hk="着力推動高質量發展",
        pinyin="zhuó lì tuī dòng gāo zhì liàng fā zhǎn",
        en='make every effort to promote "high-quality" development',
        category=Category.CONCEPT,
    ),
    Entry(
        zh="长三角",
        pinyin="cháng sān jiǎo",
        en="Yangtze River Delta",
        zh_tw="長三角",
        zh_hk="長三角",
    ),
]


def test_deck_reads_back_as_anki_reads_it():
    text = FORMATS["anki"].export(ENTRIES)
    headers, rows = read_anki(text)
    assert headers == {
        "separator": "tab",
        "html": "true",
        "notetype": "Basic",
        "deck": "Glossary of Chinese policy terms",
        "guid column": "1",
        "tags column": "4",
        "columns": "GUID\tFront\tBack\tTags",
    }
    assert rows == [
        [
            guid("八八战略"),
            "<span lang=zh-Hans>八八战略</span><br><span lang=zh-Hant-TW>八八戰略</span>",
            "bā bā zhàn lüè<br><b>Double Eight Strategy</b><br>"
            "Zhejiang's development strategy (2003) &amp; its eight &lt;measures&gt;.",
            "category::slogan status::official",
        ],
        [
            guid("着力推动高质量发展"),
            "<span lang=zh-Hans>着力推动高质量发展</span><br><span lang=zh-Hant-TW>著力推動高質量發展</span>"
            "<br><span lang=zh-Hant-HK>着力推動高質量發展</span>",
            'zhuó lì tuī dòng gāo zhì liàng fā zhǎn<br><b>make every effort to promote "high-quality" development</b>',
            "category::concept unreviewed",
        ],
        [
            guid("长三角"),
            "<span lang=zh-Hans>长三角</span><br><span lang=zh-Hant-TW>長三角</span>",
            "cháng sān jiǎo<br><b>Yangtze River Delta</b>",
            "unreviewed",
        ],
    ]
    # the quote inside the English is doubled inside a quoted field, as Anki expects
    assert (
        '\t"zhuó lì tuī dòng gāo zhì liàng fā zhǎn<br><b>make every effort to promote ""high-quality"" development</b>"\t'
        in text
    )
    assert text.endswith("\tunreviewed\n")


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("plain", "plain"),
        ("a\tb", '"a\tb"'),
        ("two\nlines", '"two\nlines"'),
        ('say "so"', '"say ""so"""'),
        ("\r", '"\r"'),
    ],
)
def test_fields_are_quoted_by_anki_rules(value, written):
    assert field(value) == written
    assert next(csv.reader(io.StringIO(f"x\t{written}\ty"), delimiter="\t")) == ["x", value, "y"]


def test_guid_is_stable_and_distinct():
    assert guid("八八战略") == "gl-24a8d27182cf04e4"
    assert guid("八八战略") != guid("八八戰略")


def test_cli_export_filters_the_deck(run):
    result = run(["export", "--format", "anki", "--category", "program"])
    assert result.exit_code == 0, result.output
    headers, rows = read_anki(result.output)
    assert headers["notetype"] == "Basic"
    fronts = sorted(r[1].split("</span>")[0].removeprefix("<span lang=zh-Hans>") for r in rows)
    assert fronts == ["千万工程", "红色根脉强基工程"]
    assert {r[3] for r in rows} == {
        "category::program status::official",
        "category::program status::proposed unreviewed",
    }


@pytest.mark.parametrize("fmt", ["anki", "html"])
def test_anki_and_html_refuse_a_control_character(fmt):
    from glossary.errors import ExportError

    entries = [Entry(zh="八八战略", en="Double Eight Strategy", definition="one\u2028two")]
    with pytest.raises(ExportError, match=rf"^{fmt} export: field definition: .*U\+2028"):
        FORMATS[fmt].export(entries)
