import csv
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossary.render import (
    FORMATS,
    Field,
    RowWriter,
    cell,
    fold,
    json_value,
    render_rows,
    table,
    tsv_cell,
    visible,
    width,
)

FIELDS = (
    Field("zh", "the term", "term"),
    Field("count", "occurrences", "count"),
    Field("quoted", "seen in quotes", "quoted"),
    Field("where", "locations"),
)
ROWS = [
    {"zh": "八八战略", "count": 2, "quoted": True, "where": ["a.txt:1", "a.txt:3"]},
    {"zh": "千万\t工程", "count": 1, "quoted": False, "where": []},
]


def _render(fmt, rows=ROWS, **kw):
    out: list[str] = []
    n = render_rows(rows, FIELDS, fmt, out.append, **kw)
    return n, "".join(out)


def test_json_is_one_object_a_line_keys_in_field_order():
    n, text = _render("json")
    assert n == 2
    assert text == (
        "[\n"
        '  {"zh": "八八战略", "count": 2, "quoted": true, "where": ["a.txt:1", "a.txt:3"]},\n'
        '  {"zh": "千万\\t工程", "count": 1, "quoted": false, "where": []}\n'
        "]\n"
    )
    assert json.loads(text) == ROWS


def test_jsonl_tsv_csv():
    assert _render("jsonl")[1].splitlines()[1] == (
        '{"zh": "千万\\t工程", "count": 1, "quoted": false, "where": []}'
    )
    assert _render("tsv")[1] == "八八战略\t2\ttrue\ta.txt:1; a.txt:3\n千万\\t工程\t1\tfalse\t\n"
    text = _render("csv")[1]
    assert text.startswith("zh,count,quoted,where\r\n")
    assert list(csv.reader(io.StringIO(text, newline="")))[2] == ["千万\t工程", "1", "false", ""]


def test_table_shows_the_fields_with_a_header_for_people():
    assert _render("table")[1] == (
        "term        count  quoted\n"
        "──────────  ─────  ──────\n"
        "八八战略    2      yes\n"
        "千万\\t工程  1\n"
    )
    assert _render("table", columns=("zh",))[1].splitlines()[0] == "term"


@pytest.mark.parametrize("fmt", FORMATS)
def test_nothing_to_show(fmt):
    assert _render(fmt, rows=[]) == (
        0,
        {"json": "[]\n", "csv": "zh,count,quoted,where\r\n"}.get(fmt, ""),
    )


def test_json_opening_waits_for_the_first_row_or_the_end():
    out: list[str] = []
    writer = RowWriter("json", FIELDS, out.append, prefix='{"hits": ', suffix="}")
    assert out == []  # a failure now prints nothing
    writer.row(ROWS[0])
    assert out[0] == '{"hits": ['
    writer.close()
    assert json.loads("".join(out)) == {"hits": ROWS[:1]}


def test_raw_rows_drop_the_first_comma():
    out: list[str] = []
    writer = RowWriter("json", FIELDS[:1], out.append)
    writer.raw(',\n  {"zh": "a"}', 1)
    writer.raw(',\n  {"zh": "b"}', 1)
    assert writer.close() == 2
    assert json.loads("".join(out)) == [{"zh": "a"}, {"zh": "b"}]


def test_visible_escapes_what_a_terminal_would_obey():
    assert visible("八八战略") == "八八战略"
    assert visible("a\x1b[2Jb\x1b]0;title\x07c\x08d\re\nf\x9b\u202eg") == (
        "a\\x1b[2Jb\\x1b]0;title\\x07c\\x08d\\re\\nf\\x9b\\u202eg"
    )
    assert visible("全角\u3000空格") == "全角\u3000空格"  # printable enough: left alone


def test_table_and_cells():
    assert table([("a\x1b", "b")], ["x", "y"]) == "x      y\n─────  ─\na\\x1b  b"
    assert cell(None) == "" and cell(("a", 1)) == "a; 1" and cell(True, human=True) == "yes"
    assert tsv_cell("a\\b\nc") == "a\\\\b\\nc"


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="unknown output format 'xml'"):
        RowWriter("xml", FIELDS, print)


# ------------------------------------------------------------------------- properties
_TEXT = st.text(st.characters(codec="utf-8"), max_size=40)


@given(_TEXT)
def test_visible_text_has_nothing_a_terminal_obeys(text):
    shown = visible(text)
    assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 for ch in shown)
    assert not any(0x202A <= ord(ch) <= 0x202E or 0x2066 <= ord(ch) <= 0x2069 for ch in shown)
    if text.isprintable():
        assert shown == text


@given(st.lists(st.tuples(_TEXT, st.integers(), st.booleans()), max_size=5))
def test_machine_formats_give_the_values_back(rows):
    fields = (Field("text", ""), Field("n", ""), Field("flag", ""))
    records = [{"text": t, "n": n, "flag": f} for t, n, f in rows]
    assert json.loads(_render_fields("json", records, fields)) == records
    lines = _render_fields("jsonl", records, fields).split("\n")[:-1]  # JSON Lines: \n only
    assert [json.loads(line) for line in lines] == records
    table_rows = list(csv.reader(io.StringIO(_render_fields("csv", records, fields), newline="")))
    assert table_rows[1:] == [[t, str(n), "true" if f else "false"] for t, n, f in rows]
    tsv = _render_fields("tsv", records, fields).split("\n")[:-1]
    assert [_unescape(line.split("\t")[0]) for line in tsv] == [t for t, _, _ in rows]


def _render_fields(fmt, records, fields):
    out: list[str] = []
    render_rows(records, fields, fmt, out.append)
    return "".join(out)


def _unescape(cell_text):
    out, chars = [], iter(cell_text)
    for ch in chars:
        out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}[next(chars)] if ch == "\\" else ch)
    return "".join(out)


# ------------------------------------------------------------------------ fitting to a terminal
def test_a_table_wraps_a_long_cell_inside_its_column_at_80_columns():
    rows = [
        (
            "report.txt",
            "1:5",
            "长三角一体化发展",
            "integrated development of the Yangtze River Delta",
        ),
        ("report.txt", "1:18", "千万工程", "Green Rural Revival Program"),
    ]
    headers = ["file", "line:col", "term", "English"]
    assert table(rows, headers, max_width=50) == (
        "file        line:col  term           English\n"
        "──────────  ────────  ─────────────  ─────────────\n"
        "report.txt  1:5       长三角一体化   integrated\n"
        "                      发展           development\n"
        "                                     of the\n"
        "                                     Yangtze River\n"
        "                                     Delta\n"
        "report.txt  1:18      千万工程       Green Rural\n"
        "                                     Revival\n"
        "                                     Program"
    )
    wide = table(rows, headers, max_width=80)
    assert wide.splitlines()[2:] == [
        "report.txt  1:5       长三角一体化发展  integrated development of the Yangtze",
        "                                        River Delta",
        "report.txt  1:18      千万工程          Green Rural Revival Program",
    ]
    assert all(width(line) <= 80 for line in wide.splitlines()) and "…" not in wide


def test_a_cut_table_keeps_one_line_per_row_and_weights_share_the_room():
    rows = [("千万工程", "", "qiān wàn gōng chéng", "Green Rural Revival Program", "official")]
    headers = ["term", "traditional", "pinyin", "English", "status"]
    shown = table(rows, headers, max_width=60, fit="cut", optional=[1], weights=[1, 1, 1, 3, 1])
    assert shown == (
        "term      pinyin        English                     status\n"
        "────────  ────────────  ──────────────────────────  ────────\n"
        "千万工程  qiān wàn gō…  Green Rural Revival Progr…  official"
    )
    rows.append(("两个确立", "兩個確立", "liǎng gè què lì", "Two Establishments", "official"))
    shown = table(rows, headers, max_width=60, fit="cut", optional=[1])
    assert shown.splitlines()[0].split() == headers  # not empty in every row: kept


def test_fold_breaks_words_then_cuts_what_is_wider_than_the_column():
    assert fold("see http://example.com/a/very/long/path now", 12) == [
        "see",
        "http://examp",
        "le.com/a/ver",
        "y/long/path",
        "now",
    ]
    assert fold("", 5) == [""]


def test_table_columns_follow_the_order_given():
    out: list[str] = []
    render_rows(ROWS[:1], FIELDS, "table", out.append, columns=("quoted", "zh"))
    assert "".join(out).splitlines()[0] == "quoted  term"


def test_json_value_of_a_string_escapes_as_json_dumps_does():
    assert json_value('引号"\\\n\t\x00\u2028中') == '"引号\\"\\\\\\n\\t\\u0000\u2028中"'
    assert json_value(["a", 1]) == '["a", 1]'
