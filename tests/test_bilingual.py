"""Readers of bilingual files (PO, TMX, XLIFF 1.2 and 2.x, CSV/TSV, text pairs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.bilingual import State, Unit, detect_format, read_text_pair, read_units
from glossary.errors import FormatError, InputError

PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: en\\n"

#: report.txt:3
msgid "深入实施“八八战略”。"
msgstr "We fully implemented the Double Eight Strategy."

#, fuzzy
msgid "推进千万工程。"
msgstr "We advanced the Ten Million Project."

msgid "两个确立"
msgstr ""

#. zh: 共同富裕示范区
msgctxt "seg-4"
msgid "seg-4"
msgstr "common prosperity demonstration zone"

#~ msgid "旧的"
#~ msgstr "old"
"""

TMX = """\
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t"
          adminlang="en" srclang="zh-CN" datatype="plaintext"/>
  <body>
    <tu tuid="a1">
      <tuv xml:lang="zh-CN"><seg>深入实施<bpt i="1">&lt;b&gt;</bpt>“八八战略”<ept i="1">&lt;/b&gt;</ept>。</seg></tuv>
      <tuv xml:lang="en-US"><seg>We implemented the <hi>Double Eight</hi> Strategy.</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="ZH-TW"><seg>推進千萬工程。</seg></tuv>
      <tuv xml:lang="EN"><seg>We advanced the
        Green Rural Revival Program.</seg></tuv>
    </tu>
    <tu tuid="only-zh"><tuv xml:lang="zh"><seg>只有中文</seg></tuv></tu>
  </body>
</tmx>
"""

XLIFF12 = """\
<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="zh-CN" target-language="en-US" datatype="plaintext" original="doc.txt">
    <body>
      <trans-unit id="1">
        <source>深入实施<g id="1">“八八战略”</g>。<x id="2"/></source>
        <target state="translated">We implemented the <g id="1">Double Eight Strategy</g>.</target>
        <note>checked</note>
      </trans-unit>
      <trans-unit id="2">
        <source>推进千万工程。</source>
        <target state="needs-review-translation">We advanced the project.</target>
      </trans-unit>
      <trans-unit id="3">
        <source>两个确立</source>
      </trans-unit>
      <trans-unit id="4">
        <source>甲。乙。</source>
        <seg-source><mrk mtype="seg" mid="1">甲。</mrk><mrk mtype="seg" mid="2">乙。</mrk></seg-source>
        <target><mrk mtype="seg" mid="1">A.</mrk><mrk mtype="seg" mid="2">B.</mrk></target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

XLIFF20 = """\
<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh-CN" trgLang="en">
  <file id="f1">
    <unit id="u1">
      <segment id="s1" state="translated">
        <source>深入实施<pc id="1">“八八战略”</pc>。<ph id="2"/></source>
        <target>We implemented the <pc id="1">Double Eight Strategy</pc>.</target>
      </segment>
      <segment id="s2" state="initial">
        <source>推进千万工程。</source>
      </segment>
    </unit>
  </file>
</xliff>
"""


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_po(tmp_path: Path) -> None:
    name = write(tmp_path, "job.po", PO)
    units = list(read_units(name))
    assert [(u.source, u.target, u.state) for u in units] == [
        (
            "深入实施“八八战略”。",
            "We fully implemented the Double Eight Strategy.",
            State.TRANSLATED,
        ),
        ("推进千万工程。", "We advanced the Ten Million Project.", State.FUZZY),
        ("两个确立", "", State.UNTRANSLATED),
        ("共同富裕示范区", "common prosperity demonstration zone", State.TRANSLATED),
    ]
    assert [u.line for u in units] == [6, 10, 14, 17]
    assert units[3].id == "seg-4"


def test_tmx(tmp_path: Path) -> None:
    name = write(tmp_path, "memory.tmx", TMX)
    assert list(read_units(name)) == [
        Unit(name, "a1", 7, "深入实施“八八战略”。", "We implemented the Double Eight Strategy."),
        Unit(name, "2", 11, "推進千萬工程。", "We advanced the Green Rural Revival Program."),
    ]


def test_xliff_12(tmp_path: Path) -> None:
    name = write(tmp_path, "job.xlf", XLIFF12)
    units = list(read_units(name))
    assert [(u.id, u.source, u.target, u.state) for u in units] == [
        (
            "1",
            "深入实施“八八战略”。",
            "We implemented the Double Eight Strategy.",
            State.TRANSLATED,
        ),
        ("2", "推进千万工程。", "We advanced the project.", State.FUZZY),
        ("3", "两个确立", "", State.UNTRANSLATED),
        ("4/1", "甲。", "A.", State.TRANSLATED),
        ("4/2", "乙。", "B.", State.TRANSLATED),
    ]
    assert units[0].note == "checked"
    assert units[0].line == 5


def test_xliff_20(tmp_path: Path) -> None:
    name = write(tmp_path, "job.xliff", XLIFF20)
    units = list(read_units(name))
    assert [(u.id, u.source, u.target, u.state) for u in units] == [
        (
            "u1/s1",
            "深入实施“八八战略”。",
            "We implemented the Double Eight Strategy.",
            State.TRANSLATED,
        ),
        ("u1/s2", "推进千万工程。", "", State.UNTRANSLATED),
    ]


def test_csv_and_tsv_by_header(tmp_path: Path) -> None:
    csv_name = write(
        tmp_path,
        "job.csv",
        '\ufeffid,Chinese,English\r\n1,"深入实施“八八战略”。","We implemented the ""Double Eight"" Strategy."\r\n'
        "2,,\r\n3,推进千万工程。,\r\n",
    )
    assert [(u.line, u.source, u.target, u.state) for u in read_units(csv_name)] == [
        (
            2,
            "深入实施“八八战略”。",
            'We implemented the "Double Eight" Strategy.',
            State.TRANSLATED,
        ),
        (4, "推进千万工程。", "", State.UNTRANSLATED),
    ]
    tsv_name = write(tmp_path, "job.tsv", "src\tzh-CN\ten-GB\nx\t两个确立\tTwo Establishments\n")
    assert [(u.source, u.target) for u in read_units(tsv_name)] == [
        ("两个确立", "Two Establishments")
    ]
    named = list(read_units(tsv_name, source_column="zh-CN", target_column="src"))
    assert [(u.source, u.target) for u in named] == [("两个确立", "x")]


def test_text_pair(tmp_path: Path) -> None:
    zh = write(tmp_path, "zh.txt", "深入实施八八战略。\n\n推进千万工程。\n")
    en = write(tmp_path, "en.txt", "We implemented the Double Eight Strategy.\n\nWe advanced it.")
    assert [(u.line, u.source, u.target) for u in read_text_pair(zh, en)] == [
        (1, "深入实施八八战略。", "We implemented the Double Eight Strategy."),
        (3, "推进千万工程。", "We advanced it."),
    ]


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("bad.csv", "zh,en\n两个确立\n", "bad.csv:2: 1 cells, but the header has 2 (a ragged row)"),
        ("bad.csv", "a,b\n1,2\n", "bad.csv:1: no Chinese column in the header (a, b)"),
        (
            "bad.tmx",
            "<tmx><body><tu>\n<tuv xml:lang='zh'><seg>x</seg></tu></body></tmx>",
            "bad.tmx:2",
        ),
        ("bad.tmx", "<tmx><body/></tmx>", "bad.tmx: no translation unit with both"),
        (
            "bad.xlf",
            '<xliff version="1.2"><file source-language="en" target-language="zh"></file></xliff>',
            "bad.xlf:1: source language is 'en', not Chinese",
        ),
        (
            "bad.xlf",
            '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]>\n<xliff/>',
            "bad.xlf:2: XML entity declarations are not accepted",
        ),
        ("bad.xlf", "<tmx/>", "bad.xlf:1: not an XLIFF document"),
        ("bad.po", 'msgid "a\nmsgstr ""\n', "bad.po:1: malformed PO line"),
        # a continuation after a comment that began the next entry (it was a KeyError)
        (
            "bad.po",
            'msgid "一"\nmsgstr "one"\n# note\n"stray"\n',
            "bad.po:4: malformed PO line",
        ),
        ("empty.po", "\n\n", "empty.po: empty input"),
    ],
)
def test_malformed_input_names_file_and_line(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    path = write(tmp_path, name, text)
    with pytest.raises((FormatError, InputError)) as info:
        list(read_units(path))
    assert str(info.value).startswith(str(tmp_path / message.split(":", maxsplit=1)[0]))
    assert message.split(" ", 1)[0].split(":", 1)[-1] in str(info.value)
    assert message.split(": ", 1)[-1] in str(info.value)


def test_misaligned_text_pair(tmp_path: Path) -> None:
    zh = write(tmp_path, "zh.txt", "一\n二\n三\n")
    en = write(tmp_path, "en.txt", "one\ntwo\n")
    with pytest.raises(FormatError, match=r"zh.txt:3: 3 lines, but .*en.txt has 2"):
        list(read_text_pair(zh, en))


def test_detect_format_by_content() -> None:
    assert detect_format("x", "\ufeff<?xml version='1.0'?>\n<xliff version='2.0'>") == "xliff"
    assert detect_format("x", "zh\ten\n") == "tsv"
    with pytest.raises(InputError, match="not a bilingual file"):
        detect_format("x", "just some text")


def test_encodings_are_read(tmp_path: Path) -> None:
    path = tmp_path / "job.csv"
    path.write_bytes("zh,en\n两个确立,Two Establishments\n".encode("utf-16"))
    assert [(u.source, u.target) for u in read_units(str(path))] == [
        ("两个确立", "Two Establishments")
    ]


def test_translate_toolkit_reads_the_same_segments(tmp_path: Path) -> None:
    """A reader the project did not write agrees on every source and target."""
    tt = pytest.importorskip("translate.storage.factory")
    plain_tmx = TMX.replace('<bpt i="1">&lt;b&gt;</bpt>', "").replace(
        '<ept i="1">&lt;/b&gt;</ept>', ""
    )
    for name, text in (("a.tmx", plain_tmx), ("a.xlf", XLIFF12), ("a.po", PO)):
        path = write(tmp_path, name, text)
        ours = {(u.source, u.target) for u in read_units(path) if u.target and "/" not in u.id}
        store = tt.getobject(path)
        theirs = set()
        for unit in store.units:
            if unit.isheader() or not unit.target or unit.isobsolete():
                continue
            source = " ".join(str(unit.source).split()).replace("实施 ", "实施")
            theirs.add((source, " ".join(str(unit.target).split())))
        # translate-toolkit takes only the header's srclang (zh-CN) as source; we take any zh*
        # and it reads a <seg-source> unit whole, where we split it into its <mrk> segments
        # and the msgid "seg-4", whose Chinese we take from its "#. zh:" comment
        theirs = {(s, t) for s, t in theirs if s not in ("None", "甲。乙。", "seg-4")}
        assert theirs and theirs <= ours, name
