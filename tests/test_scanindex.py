import os
import sqlite3
from pathlib import Path

import pytest

from glossary import scanindex
from glossary.scan import iter_hits
from glossary.terms import load_terms, load_terms_for

TEXT = (
    "加快打造长三角城市群,践行八八战略和千万工程。\n"
    "深入踐行「八八戰略」,扎實推進「千萬工程」,坚持两个确立。\n"
    "发展新质生产力,没有术语的一行。\n"
)


def _doc(tmp_path, text=TEXT):
    doc = tmp_path / "doc.txt"
    doc.write_text(text, encoding="utf-8")
    return str(doc)


@pytest.fixture
def through_table(monkeypatch):
    """Every glossary counts as large: scans go through the table of forms."""
    monkeypatch.setattr(scanindex, "MIN_CATALOGUE_BYTES", 0)


def _row(h):
    return (h.zh, h.matched, h.en, h.line, h.column, h.start, h.end)


def test_the_table_finds_the_hits_of_the_whole_automaton(project, tmp_path, through_table):
    doc = _doc(tmp_path)
    whole = [_row(h) for h in iter_hits([doc], scanner=load_terms(Path("locales")))]
    subset = load_terms_for(Path("locales"), [doc])
    assert len(subset) < len(load_terms(Path("locales")))
    assert [_row(h) for h in iter_hits([doc], scanner=subset)] == whole
    assert [h[0] for h in whole] == [
        "长三角",
        "八八战略",
        "千万工程",
        "八八战略",
        "千万工程",
        "两个确立",
        "新质生产力",
    ]
    assert sorted(subset.forms) == sorted({h[1] for h in whole})


def test_small_glossaries_and_standard_input_take_the_whole_automaton(project, tmp_path):
    doc = _doc(tmp_path)
    assert len(load_terms_for(Path("locales"), [doc])) == len(load_terms(Path("locales")))
    scanindex.MIN_CATALOGUE_BYTES = 0
    try:
        assert len(load_terms_for(Path("locales"), ["-"])) == len(load_terms(Path("locales")))
    finally:
        scanindex.MIN_CATALOGUE_BYTES = 4 << 20
    assert not os.path.exists(scanindex.table_path("locales"))


def test_the_table_is_rebuilt_when_the_glossary_changes(run, tmp_path, through_table):
    doc = _doc(tmp_path, "践行八八战略。\n")
    assert run(["scan", "--format", "tsv", doc]).stdout == (
        f"{doc}\t1\t3\t2\t6\t八八战略\t八八战略\tDouble Eight Strategy\t\n"
    )
    path = scanindex.table_path("locales")
    assert os.path.exists(path)
    po = Path("locales/en/LC_MESSAGES/glossary.po")
    po.write_text(
        po.read_text(encoding="utf-8").replace("Double Eight Strategy", "Eight-Eight Strategy"),
        encoding="utf-8",
    )
    assert run(["scan", "--format", "tsv", doc]).stdout == (
        f"{doc}\t1\t3\t2\t6\t八八战略\t八八战略\tEight-Eight Strategy\t\n"
    )


def test_a_damaged_table_is_rebuilt(run, tmp_path, through_table):
    doc = _doc(tmp_path, "践行八八战略。\n")
    first = run(["scan", "--format", "tsv", doc]).stdout
    path = scanindex.table_path("locales")
    Path(path).write_bytes(b"not a database at all" * 100)
    again = run(["scan", "--format", "tsv", doc])
    assert again.exit_code == 0
    assert again.stdout == first
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT count(*) FROM forms WHERE form = '八八战略'").fetchone() == (1,)


def test_a_missing_document_is_the_usual_error(run, tmp_path, through_table):
    out = run(["scan", str(tmp_path / "nowhere.txt")])
    assert out.exit_code == 2
