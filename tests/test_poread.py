"""The index's fast PO reader: the same rows as the strict reader (polib and every check) on the
shipped glossary, and ``Unusual`` for whatever it leaves to the strict one."""

from pathlib import Path

import pytest

from glossary.errors import FormatError
from glossary.index import _fast_rows, _strict_rows
from glossary.lookup import lookup
from glossary.poread import Unusual, read_forms, read_rows

ROOT = Path(__file__).resolve().parent.parent


def test_same_rows_as_the_strict_reader_on_the_shipped_glossary():
    fast = list(_fast_rows(str(ROOT / "locales")))
    strict = list(_strict_rows(str(ROOT / "locales")))
    assert len(fast) == len(strict) > 2000
    assert fast == strict


def _po(tmp_path, text, name="glossary.po"):
    path = tmp_path / name
    path.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n' + text)
    return str(path)


def test_continuations_escapes_comments_and_obsolete_entries(tmp_path):
    path = _po(
        tmp_path,
        "# status: official\n# en-alt: Eight-Eight Strategy\n# en-alt: 8-8\n"
        "# en-deprecated: Eight Eights | a calque\n# a free note\n"
        "#. category: slogan\n#. pinyin: bā bā zhàn lüè\n#. zh-TW: 八八戰略\n"
        "#: seeds/a.txt:1 seeds/b.txt:2\n#: seeds/c.txt:3\n#, fuzzy\n"
        'msgid ""\n"八八"\n"战略"\nmsgstr "The \\"Double Eight\\" Strategy"\n\n'
        '# status: proposed\n#~ msgid "旧"\n#~ msgstr "old"\n\n'
        '#. category: program\nmsgid "千万工程"\nmsgstr ""\n',
    )
    rows = list(read_rows(path, {}, {"八八战略": "八八戰略(港)"}))
    assert rows == [
        (
            "八八战略",
            'The "Double Eight" Strategy',
            "Eight-Eight Strategy\n8-8",
            "Eight Eights | a calque",
            "",
            "",
            "",
            "slogan",
            "official",
            "",
            "bā bā zhàn lüè",
            "",
            "八八戰略",
            "八八戰略(港)",
            0,
            "",
            "",
            "seeds/a.txt:1\nseeds/b.txt:2\nseeds/c.txt:3",
            "",
            "",
            "",
            "",
            "",
        ),
        ("千万工程", "", "", "", "", "", "", "program", *([""] * 6), 0, *([""] * 8)),
    ]


def test_parts_and_part_of_are_read_into_their_columns(tmp_path):
    path = _po(
        tmp_path,
        "# part: 全面深化改革\n# part: 进一步发挥优势 | Make full use of strengths\n"
        "# parts-source: Report, 2022\n"
        "# parts-former: 2014-2020 | 全面建成小康社会; 全面深化改革 | Xinhua, 2014\n"
        '#. category: slogan\nmsgid "四个全面"\nmsgstr "Four-Pronged"\n\n'
        '# no-parts: not a formula\nmsgid "十五五"\nmsgstr "15th FYP"\n\n'
        '#. part-of: 四个全面\n#. part-of: 五位一体\nmsgid "全面深化改革"\nmsgstr "Deepen"\n',
    )
    rows = [r[18:] for r in read_rows(path, {}, {})]
    assert rows == [
        (
            "全面深化改革\n进一步发挥优势 | Make full use of strengths",
            "Report, 2022",
            "2014-2020 | 全面建成小康社会; 全面深化改革 | Xinhua, 2014",
            "",
            "",
        ),
        ("", "", "", "not a formula", ""),
        ("", "", "", "", "四个全面\n五位一体"),
    ]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ('msgid "八八战略"\nmsgstr "a"\n\nmsgid "八八战略"\nmsgstr "b"\n', "duplicate"),
        ('msgctxt "x"\nmsgid "八八战略"\nmsgstr "a"\n', "malformed line"),
        ("# status: official\n", "block without msgid"),
        ('msgid "八八战略"\nmsgstr "a\tb"\n', "control character"),
        ('msgid "八八战略"\nmsgstr "a\\tb"\n', "escaped control character"),
        ('msgid "八八战略"\n', "msgid without msgstr"),
        ('msgid "八八战略"\nmsgstr "a" junk\n', "malformed line"),
        ('# status: official\n# status: proposed\nmsgid "八八战略"\nmsgstr "a"\n', "twice"),
        ('# reviewed-on: 2026-13\nmsgid "八八战略"\nmsgstr "a"\n', "bad date"),
        ('# part: | clause\nmsgid "四个全面"\nmsgstr "a"\n', "part without its text"),
        ('# parts-former: 2014-2020\nmsgid "四个全面"\nmsgstr "a"\n', "former version"),
        ('# parts-former: | a; b\nmsgid "四个全面"\nmsgstr "a"\n', "former version"),
        ('# parts-source: a\n# parts-source: b\nmsgid "四个全面"\nmsgstr "a"\n', "twice"),
    ],
)
def test_unusual_input_is_left_to_the_strict_reader(tmp_path, text, why):
    with pytest.raises(Unusual, match=why):
        list(read_rows(_po(tmp_path, text), {}, {}))


def test_not_utf8_is_unusual(tmp_path):
    path = tmp_path / "latin1.po"
    path.write_bytes('msgid "caf\xe9"\nmsgstr "x"\n'.encode("latin-1"))
    with pytest.raises(Unusual, match="not UTF-8"):
        list(read_rows(str(path), {}, {}))


def test_traditional_catalogue_forms(tmp_path):
    path = _po(tmp_path, 'msgid "八八战略"\nmsgstr "八八戰略"\n\n#~ msgid "旧"\n#~ msgstr "舊"\n')
    assert read_forms(path) == {"八八战略": "八八戰略"}


def test_the_index_names_a_duplicate_as_the_strict_reader_does(tmp_path):
    po = tmp_path / "dup" / "en" / "LC_MESSAGES" / "glossary.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "八八战略"\nmsgstr "a"\n\nmsgid "八八战略"\nmsgstr "b"\n',
        encoding="utf-8",
    )
    with pytest.raises(FormatError, match="duplicate msgid"):
        lookup("八八战略", locales=tmp_path / "dup")


def test_unusual_but_valid_is_indexed_by_the_strict_reader(tmp_path):
    """A tab between keyword and string: valid PO, not the fast reader's; found all the same."""
    po = tmp_path / "tabs" / "en" / "LC_MESSAGES" / "glossary.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        "#. pinyin: bā bā zhàn lüè\n#. zh-TW: 八八戰略\n#. zh-HK: 八八戰略\n"
        'msgid\t"八八战略"\nmsgstr "Double Eight Strategy"\n',
        encoding="utf-8",
    )
    hits = lookup("double eight strategy", locales=tmp_path / "tabs")
    assert [h.entry["zh"] for h in hits] == ["八八战略"]
