import re
from pathlib import Path

import pytest

from glossary.app import select_entries
from glossary.exporters import human_values, load_all

from .judges import judges_available, omegat_available, run_judges, run_omegat

FORMATS = load_all()
ROUND_TRIP = {
    # what each format carries back (TSV is OmegaT's three columns; its comment is generated)
    "csv": {
        "en",
        "en_alt",
        "literal",
        "definition",
        "category",
        "status",
        "source",
        "pinyin_orthographic",
        "reviewed",
        "notes",
        "pinyin",
        "zh_tw",
        "zh_hk",
    },
    "json": {
        "en",
        "en_alt",
        "literal",
        "definition",
        "category",
        "status",
        "source",
        "pinyin_orthographic",
        "reviewed",
        "pinyin",
        "zh_tw",
        "zh_hk",
    },
    "tbx": {
        "en",
        "en_alt",
        "literal",
        "definition",
        "category",
        "status",
        "source",
        "pinyin_orthographic",
        "reviewed",
        "notes",
        "zh_tw",
        "zh_hk",
    },
    "po": {
        "en",
        "en_alt",
        "literal",
        "definition",
        "category",
        "status",
        "source",
        "pinyin_orthographic",
        "reviewed",
        "notes",
    },
    "tsv": {"en"},
}


@pytest.mark.parametrize("name", sorted(n for n, f in FORMATS.items() if f.parse))
def test_export_parse_round_trip(project, name):
    entries = select_entries(Path("locales"))
    text = FORMATS[name].export(entries, plain=False)
    records = {r.zh: r for r in FORMATS[name].parse(text, f"x.{name}")}
    assert set(records) == {e.zh for e in entries}
    for e in entries:
        ours = human_values(e)
        theirs = records[e.zh].fields
        for key in ROUND_TRIP[name]:
            empty = (
                ()
                if isinstance(ours[key], tuple)
                else (False if isinstance(ours[key], bool) else "")
            )
            got = theirs.get(key, empty)
            got = tuple(got) if isinstance(got, list) else got
            if key in ("zh_tw", "zh_hk", "pinyin") and not got:
                continue  # computed forms may be left out when they equal the term
            assert got == ours[key], (name, e.zh, key)


def test_csv_spreadsheet_safety(project):
    from glossary.exporters.tabular import export_csv, parse_csv
    from glossary.models import Entry

    entries = [
        Entry(
            zh="公式",
            en='=HYPERLINK("http://x")',
            definition='-2+3 and, "quoted"',
            literal="'-' is a placeholder",
            source="'=already escaped",
        )
    ]
    text = export_csv(entries)
    assert text.startswith("\ufeffzh,en,")
    assert '"\'=HYPERLINK(""http://x"")"' in text
    assert ",''-' is a placeholder," in text  # reads as escaped: one more apostrophe
    assert ",''=already escaped," in text
    assert text.count("\r\n") == 2  # header and row
    record = parse_csv(text, "x.csv")[0]
    assert record.fields["en"] == '=HYPERLINK("http://x")'
    assert record.fields["definition"] == '-2+3 and, "quoted"'
    assert record.fields["literal"] == "'-' is a placeholder"
    assert record.fields["source"] == "'=already escaped"
    plain = export_csv(entries, plain=True)
    assert plain.startswith("zh,en,") and ',"=HYPERLINK(' in plain
    assert parse_csv(plain, "x.csv")[0].fields == record.fields


def test_tsv_is_omegat_layout(project):
    text = FORMATS["tsv"].export(select_entries(Path("locales")))
    lines = text.splitlines()
    assert lines[0] == "# Glossary in tab-separated format -*- coding: utf-8 -*-"
    assert all(len(line.split("\t")) == 3 for line in lines[1:])
    assert (
        "八八战略\tDouble Eight Strategy\tbā bā zhàn lüè; zh-TW 八八戰略; slogan; official; also: Eight-Eight Strategy; "
        "Zhejiang's development strategy put forward by Xi Jinping in 2003." in lines
    )


def test_tbx_shape(project):
    text = FORMATS["tbx"].export(select_entries(Path("locales")))
    entry = text[text.index("<termEntry") : text.index("</termEntry>")]
    langs = re.findall(r'<langSet xml:lang="([^"]+)"', entry)
    assert langs == ["zh-CN", "en", "zh-TW"]
    assert (
        '<term>Eight-Eight Strategy</term>\n            <termNote type="administrativeStatus">admittedTerm-admn-sts'
        in entry
    )
    assert '<descrip type="x-pinyin">bā bā zhàn lüè</descrip>' in entry


def test_tmx_units(project):
    text = FORMATS["tmx"].export(select_entries(Path("locales")))
    assert '<!DOCTYPE tmx SYSTEM "tmx14.dtd">' in text and 'srclang="zh-CN"' in text
    # the preferred rendering only: a TM tool inserts a unit's target as it stands
    assert text.count("<tu ") == sum(1 for e in select_entries(Path("locales")) if e.en)
    assert "Eight-Eight Strategy" not in text and "<seg>Double Eight Strategy</seg>" in text
    assert '<prop type="x-pinyin">bā bā zhàn lüè</prop>' in text


@pytest.mark.skipif(
    not judges_available(), reason="judges (msgfmt, xmllint, OmegaT schemas) not installed"
)
def test_real_judges_accept_every_export(project, tmp_path):
    files = []
    for name in ("po", "tmx", "tbx", "csv"):
        path = tmp_path / f"glossary.{FORMATS[name].extension}"
        path.write_text(FORMATS[name].export(select_entries(Path("locales"))), encoding="utf-8")
        files.append(path)
    files += [Path("locales/glossary.pot"), *Path("locales").rglob("*.po")]
    code, out = run_judges(*files)
    assert code == 0 and "FAIL" not in out, out


@pytest.mark.skipif(not omegat_available(), reason="OmegaT not installed")
def test_omegat_reads_every_entry(project, tmp_path):
    entries = select_entries(Path("locales"))
    tbx = tmp_path / "glossary.tbx"
    tbx.write_text(FORMATS["tbx"].export(entries), encoding="utf-8")
    tsv = tmp_path / "glossary.utf8"
    tsv.write_text(FORMATS["tsv"].export(entries), encoding="utf-8")
    out = run_omegat(Path("seeds/small.txt"), tbx, tsv)
    with_en = {e.zh for e in entries if e.en}
    sections = dict(re.findall(r"^GLOSSARY (\S+) entries=(\d+)$", out, re.M))
    assert int(sections["glossary.utf8"]) == len(with_en)
    read = {
        line.split("\t")[0].strip()
        for line in out.splitlines()
        if line.startswith("  ") and "\t" in line
    }
    assert with_en <= read
    assert "HIT" in out and "Double Eight Strategy" in out
