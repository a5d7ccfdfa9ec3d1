from pathlib import Path

import pytest

from glossary.app import export_text, import_file
from glossary.errors import FormatError
from glossary.models import Deprecated, Entry
from glossary.store import read_entries

CATALOGS = [
    "locales/glossary.pot",
    "locales/en/LC_MESSAGES/glossary.po",
    "locales/zh_TW/LC_MESSAGES/glossary.po",
    "locales/zh_HK/LC_MESSAGES/glossary.po",
]


def _snapshot():
    return {p: Path(p).read_bytes() for p in CATALOGS}


def _export(tmp_path, fmt, ext=None):
    path = tmp_path / f"glossary.{ext or fmt}"
    path.write_text(export_text(Path("locales"), fmt=fmt, plain=False), encoding="utf-8")
    return path


ISSUE_10 = (
    '{"zh": "八八战略", "en_deprecated": [{"en": "Eight Eight Strategy", "reason": "calque | old"}],'
    ' "variants": ["“八八战略”"], "reviewed_by": "second terminologist",'
    ' "reviewed_on": "2026-12-01", "notes": ["en-alt: not a key", "\'-\' is a placeholder"]}\n'
)


def _add_issue_10_fields(tmp_path):
    path = tmp_path / "issue10.jsonl"
    path.write_text(ISSUE_10, encoding="utf-8")
    plan, _ = import_file(
        str(path), locales=Path("locales"), fmt=None, dry_run=False, overwrite=True
    )
    assert {c.field for c in plan.changes} == {
        "en_deprecated",
        "variants",
        "reviewed_by",
        "reviewed_on",
        "notes",
    }


@pytest.mark.parametrize(
    ("fmt", "ext"),
    [("csv", "csv"), ("tsv", "utf8"), ("po", "po"), ("tbx", "tbx"), ("json", "json")],
)
def test_round_trip_changes_nothing(project, tmp_path, fmt, ext):
    _add_issue_10_fields(tmp_path)
    before = _snapshot()
    plan, written = import_file(
        str(_export(tmp_path, fmt, ext)),
        locales=Path("locales"),
        fmt=fmt,
        dry_run=False,
        overwrite=False,
    )
    assert (plan.changes, plan.new, plan.conflicts, written) == ([], [], [], [])
    assert _snapshot() == before


def test_edit_changes_only_its_entry(project, tmp_path):
    path = _export(tmp_path, "csv")
    path.write_text(
        path.read_text(encoding="utf-8").replace("Two Establishments", "Two Affirmations (edited)"),
        encoding="utf-8",
    )
    before = {e.zh: e for e in read_entries(Path("locales"))}
    plan, _ = import_file(
        str(path), locales=Path("locales"), fmt=None, dry_run=False, overwrite=False
    )
    assert [(c.zh, c.field, c.new) for c in plan.changes] == [
        ("两个确立", "en", "Two Affirmations (edited)")
    ]
    after = {e.zh: e for e in read_entries(Path("locales"))}
    assert after["两个确立"].en == "Two Affirmations (edited)"
    assert {k: v for k, v in after.items() if k != "两个确立"} == {
        k: v for k, v in before.items() if k != "两个确立"
    }


def test_new_rows_are_fuzzy_and_dry_run_writes_nothing(project, tmp_path):
    path = tmp_path / "new.utf8"
    path.write_text("腾笼换鸟\tEmptying Cages for New Birds\t\n", encoding="utf-8")
    before = _snapshot()
    plan, written = import_file(
        str(path), locales=Path("locales"), fmt=None, dry_run=True, overwrite=False
    )
    assert [e.zh for e in plan.new] == ["腾笼换鸟"] and written == [] and _snapshot() == before
    import_file(str(path), locales=Path("locales"), fmt=None, dry_run=False, overwrite=False)
    entry = {e.zh: e for e in read_entries(Path("locales"))}["腾笼换鸟"]
    assert (entry.en, entry.reviewed, entry.pinyin) == (
        "Emptying Cages for New Birds",
        False,
        "téng lóng huàn niǎo",
    )


def test_conflicts_are_reported_not_written(project, tmp_path):
    path = _export(tmp_path, "csv")
    # the store changes after the export ...
    po = Path("locales/en/LC_MESSAGES/glossary.po")
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            'msgstr "Two Establishments"', 'msgstr "Two Establishments!"'
        ),
        encoding="utf-8",
    )
    # ... and the exported file changes the same entry
    path.write_text(
        path.read_text(encoding="utf-8").replace("Two Establishments", "Two Affirmations"),
        encoding="utf-8",
    )
    before = _snapshot()
    plan, written = import_file(
        str(path), locales=Path("locales"), fmt=None, dry_run=False, overwrite=False
    )
    assert [(c.zh, c.field, c.ours, c.theirs) for c in plan.conflicts] == [
        ("两个确立", "en", "Two Establishments!", "Two Affirmations")
    ]
    assert written == [] and _snapshot() == before
    # a file without revision stamps may not overwrite a reviewed entry either
    tsv = tmp_path / "third-party.utf8"
    tsv.write_text("八八战略\tEight-Eight Strategy\n", encoding="utf-8")
    plan, written = import_file(
        str(tsv), locales=Path("locales"), fmt=None, dry_run=False, overwrite=False
    )
    assert plan.conflicts and written == []
    plan, written = import_file(
        str(tsv), locales=Path("locales"), fmt=None, dry_run=False, overwrite=True
    )
    assert {e.zh: e.en for e in read_entries(Path("locales"))}["八八战略"] == "Eight-Eight Strategy"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "ragged.csv",
            "zh,en\n八八战略,Double Eight Strategy\n千万工程\n",
            r"ragged.csv:3: 1 fields, the header has 2",
        ),
        ("noheader.csv", "八八战略,Double Eight Strategy\n", r"noheader.csv:1: no 'zh' column"),
        (
            "broken.po",
            'msgid ""\nmsgstr ""\n\nmsgid "八八战略"\nmsgstr "Double\n',
            r"broken.po:5: malformed PO line",
        ),
        (
            "broken.tbx",
            "<martif><text><body><termEntry>\n<langSet>\n</martif>",
            r"broken.tbx:3: invalid XML",
        ),
        (
            "bomb.tbx",
            '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n <!ENTITY lol2 "&lol;&lol;">\n]>\n<martif>&lol2;</martif>',
            r"bomb.tbx:3: XML entity declarations are not accepted",
        ),
        ("bad.json", '[{"zh": "八八战略",\n "en": }]', r"bad.json:2: malformed JSON"),
        ("bad.utf8", "八八战略\n", r"bad.utf8:1: expected source<TAB>target"),
        ("dup.utf8", "八八战略\tA\n八八战略\tB\n", r"dup.utf8:2: 八八战略: listed twice"),
    ],
)
def test_malformed_input_is_rejected_with_line_and_nothing_written(
    project, tmp_path, name, content, message
):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    before = _snapshot()
    with pytest.raises(FormatError, match=message):
        import_file(str(path), locales=Path("locales"), fmt=None, dry_run=False, overwrite=False)
    assert _snapshot() == before


def test_issue_10_fields_are_stored_keyed(project, tmp_path):
    from glossary.build import build

    _add_issue_10_fields(tmp_path)
    build(locales=Path("locales"), seeds=Path("seeds"), root=Path.cwd())  # a rebuild keeps them
    entry = {e.zh: e for e in read_entries(Path("locales"))}["八八战略"]
    assert (entry.en_deprecated, entry.variants, entry.reviewed_by, entry.reviewed_on) == (
        (Deprecated("Eight Eight Strategy", "calque | old"),),
        ("“八八战略”",),
        "second terminologist",
        "2026-12-01",
    )
    assert entry.notes == ("en-alt: not a key", "'-' is a placeholder")
    assert entry.en_alt == ("Eight-Eight Strategy",)
    text = Path(CATALOGS[1]).read_text(encoding="utf-8")
    for line in (
        "# en-deprecated: Eight Eight Strategy | calque | old\n",
        "# variant: “八八战略”\n",
        "# reviewed-by: second terminologist\n# reviewed-on: 2026-12-01\n",
        "# note: en-alt: not a key\n# note: '-' is a placeholder\n",
    ):
        assert line in text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "ctl.csv",
            "zh,notes\n八八战略,a\u2028b\n",
            r"ctl.csv:2: field notes: line separator U\+2028",
        ),
        ("ctl.csv", "zh,en\n八八战略,a\x0cb\n", r"ctl.csv:2: field en: control character U\+000C"),
        (
            "ctl.csv",
            'zh,definition\n千万工程,ok\n八八战略,"one\ntwo"\n',
            r"ctl.csv:3: field definition: control character U\+000A \(line feed\)",
        ),
        (
            "ctl.utf8",
            "八八战略\tDouble\x85Eight\n",
            r"ctl.utf8:1: field en: control character U\+0085",
        ),
        (
            "ctl.po",
            'msgid ""\nmsgstr ""\n\n# note: a\u2029b\nmsgid "八八战略"\nmsgstr "X"\n',
            r"ctl.po:4: field notes: paragraph separator U\+2029",
        ),
        (
            "ctl.po",
            'msgid ""\nmsgstr ""\n\nmsgid "八八战略"\nmsgstr "Double\\vEight"\n',
            r"ctl.po:4: field en: control character U\+000B",
        ),
        (
            "dep.json",
            '[{"zh": "八八战略", "en_deprecated": [{"en": "A | B", "reason": "x"}]}]',
            r"dep.json: item 1 \(\"八八战略\"\): field en_deprecated: a rendering may not contain",
        ),
    ],
)
def test_control_characters_are_refused_on_import(project, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8", newline="")
    before = _snapshot()
    with pytest.raises(FormatError, match=message):
        import_file(str(path), locales=Path("locales"), fmt=None, dry_run=False, overwrite=True)
    assert _snapshot() == before


def test_an_imported_row_revives_an_obsolete_entry_once(project, tmp_path):
    from glossary.build import build
    from glossary.store import to_catalog_texts, with_computed

    # an obsolete entry with a note (it left the seeds)
    entries = read_entries(Path("locales"), include_obsolete=True)
    gone = with_computed(
        Entry(zh="腾笼换鸟", en="Old English", notes=("keep me",), reviewed=True, obsolete=True)
    )
    for path, text in to_catalog_texts(
        Path("locales"), [e for e in entries if not e.obsolete], [gone]
    ).items():
        path.write_text(text, encoding="utf-8")
    row = tmp_path / "new.utf8"
    row.write_text("腾笼换鸟\tEmptying Cages for New Birds\n", encoding="utf-8")
    import_file(str(row), locales=Path("locales"), fmt=None, dry_run=False, overwrite=False)
    everything = read_entries(Path("locales"), include_obsolete=True)  # no duplicate msgid
    (entry,) = [e for e in everything if e.zh == "腾笼换鸟"]
    assert (entry.en, entry.notes, entry.obsolete) == (
        "Emptying Cages for New Birds",
        ("keep me",),
        False,
    )
    build(locales=Path("locales"), seeds=Path("seeds"), root=Path.cwd())
    assert [e.zh for e in read_entries(Path("locales")) if e.zh == "腾笼换鸟"] == ["腾笼换鸟"]


def test_a_content_file_of_parts_is_imported_as_it_is(formulas, run, tmp_path):
    """The content helpers' curation/parts/parts-X.jsonl (PARTS-SPEC.md): import reads it as
    it is, the "evidence" left out (a key it does not know), an entry part without "en"."""
    path = tmp_path / "parts-X.jsonl"
    path.write_text(
        '{"zh": "两个确立", "parts": [{"zh": "千万工程"}, {"zh": "确立指导地位", "en": '
        '"establish the guiding role"}], "parts_source": "Xinhua, 2021", "parts_former": '
        '[{"period": "2016-2021", "parts": ["八八战略"], "source": "x"}], "evidence": "http://a"}\n'
        '{"zh": "长三角", "no_parts": "not a numbered formula"}\n',
        encoding="utf-8",
    )
    out = run(["import", "--overwrite", str(path)])
    assert out.exit_code == 0, out.output
    entries = {e.zh: e for e in read_entries(Path("locales"))}
    assert [(p.zh, p.en) for p in entries["两个确立"].parts] == [
        ("千万工程", ""),
        ("确立指导地位", "establish the guiding role"),
    ]
    assert entries["两个确立"].parts_former[0].parts == ("八八战略",)
    assert entries["千万工程"].part_of == ("两个确立",)
    assert entries["长三角"].no_parts == "not a numbered formula"
    assert entries["长三角"].en == "Yangtze River Delta"  # nothing else changed
