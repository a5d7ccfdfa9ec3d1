import re
from dataclasses import replace
from pathlib import Path

import pytest

from glossary.app import select_entries
from glossary.errors import ExportError, FormatError
from glossary.exporters import human_values, load_all
from glossary.models import Deprecated, Entry

from .judges import judges_available, omegat_available, run_judges, run_omegat

FORMATS = load_all()
ROUND_TRIP = {
    # what each format carries back (TSV is OmegaT's three columns; its comment is generated)
    "csv": {
        "en",
        "en_alt",
        "en_deprecated",
        "variants",
        "reviewed_by",
        "reviewed_on",
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
        "notes",
        "en",
        "en_alt",
        "en_deprecated",
        "variants",
        "reviewed_by",
        "reviewed_on",
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
        "en_deprecated",
        "variants",
        "reviewed_by",
        "reviewed_on",
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
        "en_deprecated",
        "variants",
        "reviewed_by",
        "reviewed_on",
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
PARTS_FIELDS = {"parts", "parts_source", "parts_former", "no_parts"}
for _name in ("csv", "json", "tbx", "po"):
    ROUND_TRIP[_name] |= PARTS_FIELDS


def _entries():
    """The project's entries, 八八战略 with every field of issue 10 filled in."""
    out = []
    for entry in select_entries(Path("locales")):
        e = entry
        if e.zh == "八八战略":
            e = replace(
                e,
                en_alt=tuple(a for a in e.en_alt if a != "Eight-Eight Strategy"),
                en_deprecated=(
                    Deprecated("Eight-Eight Strategy", "literal calque | avoid"),
                    Deprecated("8-8 Strategy"),
                ),
                variants=("“八八战略”", "8·8战略"),
                reviewed_by="second terminologist",
                reviewed_on="2026-12-01",
                notes=("en-alt: not a key", "'-' leading apostrophe"),
            )
        out.append(e)
    return out


@pytest.mark.parametrize("name", sorted(n for n, f in FORMATS.items() if f.parse))
def test_export_parse_round_trip(project, name):
    entries = _entries()
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
    text = FORMATS["tbx"].export(_entries())
    entry = text[text.index("<termEntry") : text.index("</termEntry>")]
    langs = re.findall(r'<langSet xml:lang="([^"]+)"', entry)
    assert langs == ["zh-CN", "en", "zh-TW"]
    assert '<descrip type="x-pinyin">bā bā zhàn lüè</descrip>' in entry
    compact = re.sub(r">\s+<", "><", entry)
    for expected in (
        '<transacGrp><transac type="transactionType">modification</transac>'
        "<date>2026-12-01</date>"
        '<transacNote type="responsibility">second terminologist</transacNote></transacGrp>',
        '<tig><term>“八八战略”</term><termNote type="administrativeStatus">admittedTerm-admn-sts'
        '</termNote><termNote type="termType">variant</termNote></tig>',
        '<tig><term>Double Eight Strategy</term><termNote type="administrativeStatus">'
        "preferredTerm-admn-sts</termNote></tig>",
        '<tig><term>Eight-Eight Strategy</term><termNote type="administrativeStatus">'
        "deprecatedTerm-admn-sts</termNote><note>literal calque | avoid</note></tig>",
    ):
        assert expected in compact, expected
    other = text[text.index("<termEntry", text.index("</termEntry>")) :]
    assert (
        "<term>Thousand Villages Demonstration and Ten Thousand Villages Renovation Project</term>\n"
        '            <termNote type="administrativeStatus">admittedTerm-admn-sts' in other
    )


def test_tsv_comment_names_what_not_to_use(project):
    lines = FORMATS["tsv"].export(_entries()).splitlines()
    row = next(line for line in lines if line.startswith("八八战略\t"))
    assert row.split("\t")[2] == (
        "bā bā zhàn lüè; zh-TW 八八戰略; slogan; official; "
        "do not use: Eight-Eight Strategy (literal calque | avoid) / 8-8 Strategy; "
        "also written: “八八战略” / 8·8战略; "
        "Zhejiang's development strategy put forward by Xi Jinping in 2003."
    )


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
        path.write_text(FORMATS[name].export(_entries()), encoding="utf-8")
        files.append(path)
    files += [Path("locales/glossary.pot"), *Path("locales").rglob("*.po")]
    code, out = run_judges(*files)
    assert code == 0 and "FAIL" not in out, out


@pytest.mark.skipif(not omegat_available(), reason="OmegaT not installed")
def test_omegat_reads_every_entry(project, tmp_path):
    entries = _entries()
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


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "po", "tbx", "tmx"])
@pytest.mark.parametrize("char", ["\x0b", "\u2028", "\x85", "\x1c"])
def test_every_export_refuses_a_control_character(fmt, char):
    entries = [Entry(zh="八八战略", en="Double Eight Strategy", definition=f"one{char}two")]
    with pytest.raises(
        ExportError, match=rf"^{fmt} export: field definition: .*U\+{ord(char):04X}"
    ):
        FORMATS[fmt].export(entries)


def test_xml_writer_refuses_what_xml_cannot_carry():
    import xml.etree.ElementTree as ET

    from glossary.exporters.xmlutil import to_text

    root = ET.Element("martif")
    root.text = "a\x0bb"
    with pytest.raises(ExportError, match=r"U\+000B cannot be written in XML \(line 1"):
        to_text(root)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '[{"zh": "八八战略", "reviewed": "false"}]',
            r'item 1 \("八八战略"\): field reviewed: expected true or false',
        ),
        (
            '[{"zh": "八八战略", "en_alt": "Alt String"}]',
            r'item 1 \("八八战略"\): field en_alt: expected a list of strings',
        ),
        ('[{"zh": "八八战略", "en": ["a", "b"]}]', r"field en: expected a string, not a list"),
        ('[{"zh": "八八战略", "en": 3}]', r"field en: expected a string, not a number"),
        ('[{"zh": ""}]', r'item 1 \(""\): field zh: empty term'),
        ('[{"zh": 3}]', r"item 1: field zh: expected a string"),
        ('[{"en": "x"}]', r"item 1: field zh: missing"),
        ('[{"zh": "八八战略"}, 3]', r"item 2: expected an object"),
        (
            '[{"zh": "八八战略", "en_deprecated": ["One Belt"]}]',
            r"field en_deprecated: expected a list of",
        ),
        (
            '[{"zh": "八八战略", "reviewed_on": "yesterday"}]',
            r"field reviewed_on: expected an ISO date",
        ),
        ('[{"zh": "八八战略", "notes": ["a\\u2028b"]}]', r"field notes: line separator U\+2028"),
        (
            '{"zh": "八八战略"}\n{"zh": "千万工程", "reviewed": 1}\n',
            r"x.json:2: item 2 \(\"千万工程\"\): field reviewed",
        ),
        ("[" * 100000 + "]" * 100000, r"x.json: malformed JSON: nested too deeply"),
        (
            '[{"zh": "八八战略", "en": ' + "9" * 5000 + "}]",
            r"x.json: malformed JSON: Exceeds the limit",
        ),
    ],
)
def test_json_import_refuses_wrong_types_naming_the_item(content, message):
    with pytest.raises(FormatError, match=message):
        FORMATS["json"].parse(content, "x.json")


def test_json_accepts_the_curators_why_for_reason():
    (record,) = FORMATS["json"].parse(
        '{"zh": "一带一路", "en_deprecated": [{"en": "One Belt, One Road", "why": "superseded"}], '
        '"doc": "ignored"}',
        "x.jsonl",
    )
    assert record.fields == {"en_deprecated": (Deprecated("One Belt, One Road", "superseded"),)}


def test_tbx_declaring_gb18030_is_read():
    text = (
        '<?xml version="1.0" encoding="GB18030"?>\n<martif type="TBX"><text><body><termEntry>'
        '<langSet xml:lang="zh-CN"><tig><term>八八战略</term></tig></langSet>'
        '<langSet xml:lang="en"><tig><term>Double Eight Strategy</term></tig></langSet>'
        "</termEntry></body></text></martif>"
    )
    (record,) = FORMATS["tbx"].parse(text, "x.tbx")
    assert (record.zh, record.fields["en"]) == ("八八战略", "Double Eight Strategy")


def test_tbx_refuses_a_line_separator_naming_the_entry_and_field():
    text = (
        '<martif type="TBX"><text><body><termEntry id="c7"><note>a&#x2028;b</note>'
        '<langSet xml:lang="zh-CN"><tig><term>八八战略</term></tig></langSet>'
        "</termEntry></body></text></martif>"
    )
    with pytest.raises(
        FormatError, match=r"x.tbx: termEntry 1 \(id c7\): field notes: line separator U\+2028"
    ):
        FORMATS["tbx"].parse(text, "x.tbx")


def test_the_fast_xml_writer_writes_what_elementtree_writes():
    import xml.etree.ElementTree as ET

    from glossary.exporters.xmlutil import XML_LANG, Node, node_text, sub, to_text

    root, fast = (
        ET.Element("martif", {"type": "TBX", XML_LANG: "en"}),
        Node("martif", {"type": "TBX", "xml:lang": "en"}),
    )
    for tree, add in ((root, None), (fast, sub)):
        for n, text in enumerate(['a & b < c > "d"', "", "“八八战略”\ttab"]):
            attrs = {"id": f'e{n} "q" & <x>\n\r\t'}
            if add is None:
                el = ET.SubElement(tree, "termEntry", attrs)
                if text:
                    ET.SubElement(el, "term").text = text
                ET.SubElement(el, "note")
            else:
                el = add(tree, "termEntry", attrs)
                if text:
                    add(el, "term", None, text)
                add(el, "note")
    assert node_text(fast, doctype="<!DOCTYPE x>") == to_text(root, doctype="<!DOCTYPE x>")


@pytest.mark.parametrize("fmt", ["csv", "tmx", "tbx"])
def test_an_export_on_every_core_is_the_export_on_one(project, monkeypatch, fmt):
    from glossary import exporters
    from glossary.app import export_text

    monkeypatch.setenv("GLOSSARY_WORKERS", "1")
    one = export_text("locales", fmt=fmt, plain=False)
    monkeypatch.setattr(exporters, "MIN_PARALLEL_ENTRIES", 1)
    monkeypatch.setenv("GLOSSARY_WORKERS", "3")
    assert export_text("locales", fmt=fmt, plain=False) == one
    assert len(exporters.render_chunks(lambda part, start: f"{start}:{len(part)} ", [1] * 7)) == 3


def test_an_export_on_every_core_names_the_first_entry_that_breaks_a_rule(monkeypatch):
    from glossary import exporters
    from glossary.errors import ExportError
    from glossary.models import Entry

    monkeypatch.setattr(exporters, "MIN_PARALLEL_ENTRIES", 1)
    monkeypatch.setenv("GLOSSARY_WORKERS", "2")
    entries = [Entry(zh=f"术语{n}", en="Term") for n in range(10)]
    entries[3] = Entry(zh="坏三", en="bad\x00")
    entries[8] = Entry(zh="坏八", en="bad\x00")
    with pytest.raises(ExportError, match="坏三"):
        exporters.load_all()["csv"].export(entries)


def test_a_template_is_forgiven_only_its_empty_language():
    from tests.judges import _templates_forgiven

    note = "    t.pot:6: warning: header field 'Language' still has the initial default value"
    assert _templates_forgiven(1, f"PASS a.po\nFAIL t.pot\n{note}\n") == (
        0,
        "PASS a.po\nPASS t.pot (template: Language left empty)\n",
    )
    other = "    t.pot:9: warning: header field 'Content-Type' still has the initial default value"
    assert _templates_forgiven(1, f"FAIL t.pot\n{note}\n{other}\n") == (
        1,
        f"FAIL t.pot\n{note}\n{other}\n",
    )
    assert _templates_forgiven(1, f"FAIL x.po\n{note}\n")[0] == 1


# ---------------------------------------------------------------------------- formulas' parts
@pytest.mark.parametrize("name", ["csv", "json", "tbx", "po"])
def test_parts_round_trip_through_every_format(formulas, name):
    entries = select_entries(Path("locales"))
    records = {r.zh: r for r in FORMATS[name].parse(FORMATS[name].export(entries), f"x.{name}")}
    for zh in ("四个全面", "两个确立", "全面深化改革"):
        e = next(x for x in entries if x.zh == zh)
        ours = human_values(e)
        for key in PARTS_FIELDS:
            got = records[zh].fields.get(key, () if isinstance(ours[key], tuple) else "")
            assert (tuple(got) if isinstance(got, list) else got) == ours[key], (name, zh, key)
    assert len(records["四个全面"].fields["parts"]) == 4


def test_tbx_parts_are_cross_references_between_stable_ids(formulas):
    from glossary.exporters.tbx import entry_id

    entries = select_entries(Path("locales"))
    text = re.sub(r">\s+<", "><", FORMATS["tbx"].export(entries))
    part = entry_id("全面深化改革")
    formula = entry_id("四个全面")
    assert f'<termEntry id="{formula}">' in text
    assert (
        '<descripGrp><descrip type="subordinateConceptPartitive">全面深化改革</descrip>'
        f'<ref type="crossReference" target="{part}">全面深化改革</ref></descripGrp>'
    ) in text
    assert (
        '<descripGrp><descrip type="superordinateConceptPartitive">四个全面</descrip>'
        f'<ref type="crossReference" target="{formula}">四个全面</ref></descripGrp>'
    ) in text
    assert (
        '<descripGrp><descrip type="subordinateConceptPartitive">确立习近平新时代中国特色社会主义思想的'
        '指导地位</descrip><descripNote type="x-english">establish the guiding role of Xi Jinping '
        "Thought on Socialism with Chinese Characteristics for a New Era</descripNote></descripGrp>"
    ) in text
    assert (
        '<descrip type="x-parts-former">2014-2020 | 全面建成小康社会; 全面深化改革; 全面依法治国; '
        "全面从严治党 | Xi Jinping in Jiangsu, Xinhua, December 2014</descrip>"
    ) in text
    # the ids do not depend on what else is exported; a part left out gets no reference
    alone = re.sub(
        r">\s+<", "><", FORMATS["tbx"].export([e for e in entries if e.zh == "四个全面"])
    )
    assert f'<termEntry id="{formula}">' in alone and "crossReference" not in alone
    assert 'subordinateConceptPartitive">全面深化改革</descrip></descripGrp>' in alone
    ids = re.findall(r'<termEntry id="([^"]+)">', text)
    targets = set(re.findall(r'target="([^"]+)"', text))
    assert len(ids) == len(set(ids)) == len(entries) and targets <= set(ids)


def test_cli_export_import_round_trip_changes_nothing_and_an_edit_of_the_parts_lands(
    formulas, run, tmp_path
):
    for fmt in ("csv", "json", "po", "tbx"):
        path = tmp_path / f"glossary.{FORMATS[fmt].extension}"
        assert run(["export", "--format", fmt, "-o", str(path)]).exit_code == 0
        out = run(["import", "--dry-run", str(path)])
        assert (out.exit_code, out.stdout) == (
            0,
            "0 change(s) in 0 entr(ies), 0 new, 13 unchanged, 0 conflict(s); dry run, nothing "
            "written\n",
        ), fmt
    path = tmp_path / "parts.csv"
    run(["export", "--format", "csv", "--plain", "-o", str(path)])
    text = path.read_text(encoding="utf-8").replace(
        "全面建设社会主义现代化国家 | 全面深化改革 | 全面依法治国 | 全面从严治党",
        "全面建设社会主义现代化国家 | 全面深化改革 | 全面依法治国",
    )
    path.write_text(text, encoding="utf-8")
    assert run(["import", str(path)]).exit_code == 0
    entries = {e.zh: e for e in select_entries(Path("locales"))}
    assert [p.zh for p in entries["四个全面"].parts][-1] == "全面依法治国"
    assert entries["全面从严治党"].part_of == ()  # recomputed by the import's write
    assert entries["全面依法治国"].part_of == ("四个全面",)


@pytest.mark.skipif(
    not judges_available(), reason="judges (msgfmt, xmllint, OmegaT schemas) not installed"
)
def test_real_judges_accept_the_exports_with_parts(formulas, tmp_path):
    files = []
    for name in ("po", "tbx", "csv"):
        path = tmp_path / f"glossary.{FORMATS[name].extension}"
        path.write_text(FORMATS[name].export(select_entries(Path("locales"))), encoding="utf-8")
        files.append(path)
    code, out = run_judges(*files)
    assert code == 0 and "FAIL" not in out, out


def test_omegat_tsv_comment_names_the_parts_and_the_formulas(formulas):
    lines = FORMATS["tsv"].export(select_entries(Path("locales"))).splitlines()
    formula = next(x for x in lines if x.startswith("四个全面\t"))
    assert (
        "; parts: 全面建设社会主义现代化国家 / 全面深化改革 / 全面依法治国 / 全面从严治党"
        in formula
    )
    part = next(x for x in lines if x.startswith("全面深化改革\t"))
    assert part.endswith("; part of: 四个全面")
