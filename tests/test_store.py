"""The PO store: the comment layout, the field rules, and what a catalogue may not contain."""

import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import polib
import pytest

from glossary.app import import_file
from glossary.curate import read_curation, to_curation_text
from glossary.errors import FieldError, FormatError
from glossary.models import (
    Category,
    CurationRow,
    Decision,
    Deprecated,
    Entry,
    FormerParts,
    Part,
    Status,
)
from glossary.paths import EN
from glossary.store import (
    clean_value,
    entry_from_po,
    human_comment,
    read_entries,
    to_catalog_texts,
    with_computed,
)

FULL = Entry(
    zh="一带一路",
    en="Belt and Road Initiative",
    en_alt=("Belt and Road",),
    en_deprecated=(
        Deprecated("One Belt, One Road", "superseded in 2015 (NDRC et al.)"),
        Deprecated("OBOR"),
    ),
    variants=("“一带一路”倡议",),
    literal="One Belt One Road",
    definition="China's infrastructure and trade initiative announced in 2013.",
    category=Category.PROGRAM,
    status=Status.OFFICIAL,
    source="NDRC, 2015",
    pinyin_orthographic="Yīdài Yīlù",
    reviewed=True,
    reviewed_by="second terminologist",
    reviewed_on="2025-03-01",
    notes=("en-alt: do not use Ten Million Project", "status: wording under review", "Plain."),
)


def _write(locales: Path, entries, obsolete=()):
    for path, text in to_catalog_texts(locales, list(entries), list(obsolete)).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _catalog(project_or_tmp: Path) -> Path:
    return project_or_tmp / "locales" / EN


# ------------------------------------------------------------------------------ comment layout
def test_comment_layout_every_line_keyed():
    assert human_comment(FULL).split("\n") == [
        "status: official",
        "source: NDRC, 2015",
        "en-alt: Belt and Road",
        "en-deprecated: One Belt, One Road | superseded in 2015 (NDRC et al.)",
        "en-deprecated: OBOR",
        "variant: “一带一路”倡议",
        "literal: One Belt One Road",
        "definition: China's infrastructure and trade initiative announced in 2013.",
        "pinyin-orthographic: Yīdài Yīlù",
        "reviewed-by: second terminologist",
        "reviewed-on: 2025-03-01",
        "note: en-alt: do not use Ten Million Project",
        "note: status: wording under review",
        "note: Plain.",
    ]


def test_every_field_round_trips_through_the_catalogue(tmp_path):
    entry = with_computed(FULL)
    _write(tmp_path / "locales", [entry])
    (back,) = read_entries(tmp_path / "locales")
    assert replace(back, locations=()) == replace(entry, extra={})
    assert back.notes == FULL.notes and back.en_alt == ("Belt and Road",)
    assert back.status is Status.OFFICIAL  # the note "status: wording under review" is a note


def test_notes_that_look_like_keys_stay_notes_through_an_import(project, tmp_path):
    path = tmp_path / "notes.jsonl"
    path.write_text(
        '{"zh": "千万工程", "notes": ["en-alt: do not use Ten Million Project", '
        '"status: wording under review"]}\n',
        encoding="utf-8",
    )
    before = {e.zh: e for e in read_entries(Path("locales"))}["千万工程"]
    import_file(str(path), locales=Path("locales"), fmt=None, dry_run=False, overwrite=True)
    after = {e.zh: e for e in read_entries(Path("locales"))}["千万工程"]
    assert after.notes == ("en-alt: do not use Ten Million Project", "status: wording under review")
    assert (after.en_alt, after.status) == (before.en_alt, before.status)
    text = _catalog(project).read_text(encoding="utf-8")
    assert "# note: en-alt: do not use Ten Million Project\n" in text


def test_hand_written_comment_lines_are_notes_and_are_written_back_keyed(tmp_path):
    locales = tmp_path / "locales"
    _write(locales, [with_computed(Entry(zh="八八战略", en="Double Eight Strategy"))])
    po = locales / EN
    text = po.read_text(encoding="utf-8")
    po.write_text(
        text.replace(
            'msgid "八八战略"', '# A note typed in Poedit\n#\n#  indented\nmsgid "八八战略"'
        ),
        encoding="utf-8",
    )
    (entry,) = read_entries(locales)
    assert entry.notes == ("A note typed in Poedit", "indented")
    _write(locales, [entry])
    text = po.read_text(encoding="utf-8")
    assert "# note: A note typed in Poedit\n# note: indented\n" in text
    assert read_entries(locales)[0].notes == entry.notes


def test_a_single_valued_key_given_twice_is_refused(tmp_path):
    locales = tmp_path / "locales"
    _write(locales, [with_computed(Entry(zh="八八战略", en="X", definition="One."))])
    po = locales / EN
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            "# definition: One.", "# definition: One.\n# definition: Two."
        ),
        encoding="utf-8",
    )
    with pytest.raises(
        FormatError, match=r"glossary.po:\d+: 八八战略: '# definition:' given 2 times"
    ):
        read_entries(locales)


@pytest.mark.skipif(not shutil.which("msgmerge"), reason="gettext not installed")
def test_msgmerge_keeps_the_note_lines(tmp_path):
    locales = tmp_path / "locales"
    _write(locales, [with_computed(FULL)])
    out = tmp_path / "merged.po"
    subprocess.run(
        [
            "msgmerge",
            "--no-wrap",
            "-q",
            "-o",
            str(out),
            str(locales / EN),
            str(locales / "glossary.pot"),
        ],
        check=True,
    )
    merged = entry_from_po(polib.pofile(str(out), wrapwidth=0)[0])
    assert (merged.notes, merged.en_deprecated, merged.reviewed_by) == (
        FULL.notes,
        FULL.en_deprecated,
        "second terminologist",
    )


def test_the_old_layout_reads_the_same(tmp_path):
    # a catalogue written before notes were keyed: free lines are notes
    locales = tmp_path / "locales" / "en" / "LC_MESSAGES"
    locales.mkdir(parents=True)
    (locales / "glossary.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        "# status: official\n# en-alt: YRD\n# The first syllable is cháng.\n"
        '#. category: place\nmsgid "长三角"\nmsgstr "Yangtze River Delta"\n',
        encoding="utf-8",
    )
    (entry,) = read_entries(tmp_path / "locales")
    assert (entry.status, entry.en_alt, entry.notes, entry.category) == (
        Status.OFFICIAL,
        ("YRD",),
        ("The first syllable is cháng.",),
        Category.PLACE,
    )


# ------------------------------------------------------------------- what a catalogue may hold
@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("\u2028", "line separator U+2028"),
        ("\u2029", "paragraph separator U+2029"),
        ("\x85", "control character U+0085 (next line)"),
        ("\x1c", "control character U+001C"),
        ("\x1e", "control character U+001E"),
        ("\x0b", "control character U+000B (vertical tab)"),
        ("\x0c", "control character U+000C (form feed)"),
    ],
)
def test_a_line_separator_in_a_catalogue_is_refused_with_its_line(tmp_path, char, name):
    locales = tmp_path / "locales"
    _write(locales, [with_computed(Entry(zh="八八战略", en="Double Eight Strategy"))])
    po = locales / EN
    text = po.read_text(encoding="utf-8").replace(
        'msgid "八八战略"', f'# a{char}msgid "长三角"\nmsgid "八八战略"'
    )
    po.write_text(text, encoding="utf-8")
    line = text[: text.index(char)].count("\n") + 1
    with pytest.raises(FormatError, match=rf"glossary.po:{line}: field notes: {re.escape(name)}"):
        read_entries(locales)


def test_duplicate_msgid_is_refused_with_both_lines(tmp_path):
    locales = tmp_path / "locales"
    _write(
        locales,
        [
            with_computed(Entry(zh="八八战略", en="Double Eight Strategy", source="Xinhua")),
            with_computed(Entry(zh="千万工程", en="Green Rural Revival Program")),
        ],
    )
    po = locales / EN
    text = po.read_text(encoding="utf-8") + '\nmsgid "八八战略"\nmsgstr "Eight-Eight"\n'
    po.write_text(text, encoding="utf-8")
    lines = [n for n, line in enumerate(text.split("\n"), 1) if line == 'msgid "八八战略"']
    with pytest.raises(
        FormatError, match=rf'glossary.po:{lines[0]} and {lines[1]}: duplicate msgid "八八战略"'
    ):
        read_entries(locales)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('msgid "八八战略"\n\nmsgid "千万工程"\nmsgstr "X"\n', r"x.po:4: msgid without msgstr"),
        ('msgid "八八战略"\n', r"x.po:4: msgid without msgstr"),
        (
            'msgid "八八战略"\nmsgid_plural "八八战略们"\nmsgstr[0] "X"\n',
            r"x.po:5: msgid_plural: plural entries are not glossary entries",
        ),
        ('msgctxt "slogan"\nmsgid "八八战略"\nmsgstr "X"\n', r"x.po:4: msgctxt is not supported"),
        ('msgid ""\nmsgstr "second header"\n', r'x.po:1 and 4: duplicate msgid ""'),
    ],
)
def test_po_import_refuses_entries_that_would_blank_the_english(project, tmp_path, body, message):
    path = tmp_path / "x.po"
    path.write_text('msgid ""\nmsgstr ""\n\n' + body, encoding="utf-8")
    before = _catalog(project).read_bytes()
    with pytest.raises(FormatError, match=message):
        import_file(str(path), locales=Path("locales"), fmt=None, dry_run=False, overwrite=True)
    assert _catalog(project).read_bytes() == before


def test_an_untranslated_po_entry_changes_nothing(project, tmp_path):
    path = tmp_path / "x.po"
    path.write_text('msgid ""\nmsgstr ""\n\nmsgid "八八战略"\nmsgstr ""\n', encoding="utf-8")
    plan, written = import_file(
        str(path), locales=Path("locales"), fmt=None, dry_run=False, overwrite=True
    )
    assert (plan.changes, written) == ([], [])


def test_the_writer_refuses_what_would_inject_lines(tmp_path):
    bad = with_computed(Entry(zh="八八战略", en="X", notes=('a\u2028msgid "长三角"',)))
    with pytest.raises(
        FieldError, match=r"field notes: line separator U\+2028 \(term '八八战略'\)"
    ):
        to_catalog_texts(tmp_path, [bad], [])


# ------------------------------------------------------------------------------- field rules
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("definition", "one\ntwo", "control character U+000A (line feed)"),
        ("notes", ("a\tb",), "control character U+0009 (tab)"),
        ("en", "A\x7f", "control character U+007F"),
        ("source", "x\ud800", "lone surrogate U+D800"),
        ("literal", "x\ufffe", "non-character U+FFFE"),
        ("en_alt", "Alt String", "expected a list of strings"),
        ("en_alt", ("A", 1), "expected a list of strings"),
        ("en", ["a"], "expected a string, not a list"),
        ("reviewed", "false", "expected true or false, not str"),
        ("reviewed_on", "1 May 2025", "expected an ISO date YYYY-MM-DD, not '1 May 2025'"),
        ("reviewed_on", "2025-02-30", "expected an ISO date YYYY-MM-DD"),
        ("category", "slogans", "unknown category 'slogans'"),
        ("status", "forbidden", "unknown status 'forbidden'"),
        (
            "en_deprecated",
            (Deprecated("One Belt | One Road", "x"),),
            "a rendering may not contain '|'",
        ),
        ("en_deprecated", (Deprecated("", "calque"),), "a reason without a rendering"),
        ("en_deprecated", ("One Belt",), "expected a list of {en, reason} objects"),
    ],
)
def test_field_rules_refuse(field, value, message):
    with pytest.raises(FieldError) as info:
        clean_value(field, value)
    assert str(info.value).startswith(f"field {field}: {message}")


def test_field_rules_store():
    assert clean_value("en", "  Double Eight  ") == "Double Eight"
    assert clean_value("notes", [" a ", "", "b"]) == ("a", "b")
    assert clean_value("en_deprecated", [Deprecated(" OBOR ", " old ")]) == (
        Deprecated("OBOR", "old"),
    )
    assert clean_value("reviewed_on", "2024-02-29") == "2024-02-29"
    assert clean_value("definition", "'-' is a placeholder | “quoted”") == (
        "'-' is a placeholder | “quoted”"
    )


# ----------------------------------------------------------------------------------- curation
@pytest.mark.parametrize("note", ["a\tb", "a\nb", "a\u2028b"])
def test_curation_refuses_a_note_that_breaks_the_file(tmp_path, note):
    with pytest.raises(FieldError, match=r"field note: control character|field note: line sep"):
        to_curation_text([CurationRow("八八战略", Decision.ACCEPT, Category.SLOGAN, note)])


def test_curate_note_with_a_tab_writes_nothing(project, run):
    before = Path("locales/curation.tsv").read_bytes()
    result = run(["curate", "--accept", "--category", "slogan", "--note", "a\tb", "八八战略"])
    assert result.exit_code == 2
    assert "field note: control character U+0009 (tab)" in result.output
    assert Path("locales/curation.tsv").read_bytes() == before
    assert read_curation(Path("locales/curation.tsv"))["八八战略"].note == ""


def test_curation_file_with_a_line_separator_is_refused_with_its_line(tmp_path):
    path = tmp_path / "curation.tsv"
    path.write_text("八八战略\taccept\tslogan\tnote\u2028千万工程\treject\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"curation.tsv:1: field note: line separator U\+2028"):
        read_curation(path)


def test_check_entry_refuses_a_blank_deprecated_rendering_with_a_reason():
    # hypothesis found it: the one-search fast path took " " for a rendering
    from glossary.models import Deprecated, Entry
    from glossary.store import FieldError, check_entry

    with pytest.raises(FieldError, match=r"a reason without a rendering: ':' \(term 'x'\)"):
        check_entry(Entry(zh="x", en="a", en_deprecated=(Deprecated(en=" ", reason=":"),)))
    check_entry(Entry(zh="x", en="a", en_deprecated=(Deprecated(en=" b ", reason=":"),)))


# --------------------------------------------------------------------------- formulas' parts
FORMULA = Entry(
    zh="四个全面",
    en="Four-Pronged Comprehensive Strategy",
    parts=(
        Part("全面建设社会主义现代化国家"),
        Part("全面深化改革"),
        Part("进一步发挥优势", "Make full use of strengths"),
    ),
    parts_source="Report to the 20th National Congress of the CPC, Xinhua, 2022",
    parts_former=(
        FormerParts("2014-2020", ("全面建成小康社会", "全面深化改革"), "Xinhua, December 2014"),
    ),
)


def test_parts_are_keyed_comment_lines_in_their_order():
    assert human_comment(FORMULA).split("\n") == [
        "part: 全面建设社会主义现代化国家",
        "part: 全面深化改革",
        "part: 进一步发挥优势 | Make full use of strengths",
        "parts-source: Report to the 20th National Congress of the CPC, Xinhua, 2022",
        "parts-former: 2014-2020 | 全面建成小康社会; 全面深化改革 | Xinhua, December 2014",
    ]
    assert human_comment(Entry(zh="十五五", no_parts="a plan's number")) == (
        "no-parts: a plan's number"
    )


def test_parts_round_trip_and_part_of_is_computed_on_the_parts(tmp_path):
    parts = [Entry(zh="全面深化改革", en="deepen reform"), Entry(zh="全面建成小康社会")]
    _write(tmp_path / "locales", [FORMULA, *parts])
    text = (tmp_path / "locales" / EN).read_text(encoding="utf-8")
    assert '#. part-of: 四个全面\n#, fuzzy\nmsgid "全面深化改革"' in text
    assert text.count("#. part-of") == 1  # a former part, a clause: not written
    back = {e.zh: e for e in read_entries(tmp_path / "locales")}
    assert back["四个全面"].parts == FORMULA.parts
    assert back["四个全面"].parts_former == FORMULA.parts_former
    assert back["四个全面"].parts_source == FORMULA.parts_source
    assert back["全面深化改革"].part_of == ("四个全面",)
    assert back["全面建成小康社会"].part_of == ()


def test_part_of_follows_the_formulas_when_a_part_is_dropped(tmp_path):
    _write(tmp_path / "locales", [FORMULA, Entry(zh="全面深化改革")])
    shorter = replace(FORMULA, parts=FORMULA.parts[:1])
    _write(tmp_path / "locales", [shorter, *read_entries(tmp_path / "locales")[1:]])
    back = {e.zh: e for e in read_entries(tmp_path / "locales")}
    assert back["全面深化改革"].part_of == ()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("# part: | Make full use", "field parts: English without the part's text"),
        ("# parts-former: 2014-2020", "field parts_former: a former version without parts"),
        ("# parts-former: | a; b", "field parts_former: a former version without its period"),
        ("# no-parts: a\n# no-parts: b", "'# no-parts:' given 2 times"),
    ],
)
def test_a_malformed_parts_line_is_refused_with_its_entry(tmp_path, line, message):
    path = tmp_path / "locales" / EN
    path.parent.mkdir(parents=True)
    path.write_text(
        f'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n{line}\n'
        'msgid "四个全面"\nmsgstr "Four"\n',
        encoding="utf-8",
    )
    with pytest.raises(FormatError, match=re.escape(message)):
        read_entries(tmp_path / "locales")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("parts", (Part("全面|深化"),), "a part may not contain '|'"),
        ("parts", ("全面深化改革",), "expected a list of {zh, en} objects"),
        ("parts", (Part("a\nb"),), "control character U+000A"),
        ("parts_former", (FormerParts("2014|2020", ("a",)),), "a period may not contain '|'"),
        (
            "parts_former",
            (FormerParts("2014-2020", ("a; b",)),),
            "a former part may not contain '|' or ';'",
        ),
        ("parts_former", (FormerParts("2014-2020", ()),), "a former version without parts"),
        ("parts_former", ("2014-2020 | a",), "expected a list of {period, parts, source}"),
    ],
)
def test_parts_field_rules_refuse(field, value, message):
    with pytest.raises(FieldError) as info:
        clean_value(field, value)
    assert str(info.value).startswith(f"field {field}: {message}")


def test_parts_field_rules_store():
    assert clean_value("parts", [Part(" 全面深化改革 "), Part("", ""), Part("x", " X ")]) == (
        Part("全面深化改革"),
        Part("x", "X"),
    )
    assert clean_value("parts_former", [FormerParts(" 2014 ", (" a ", ""), " s ")]) == (
        FormerParts("2014", ("a",), "s"),
    )
