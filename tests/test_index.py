"""The lookup index's build: one process or two (a large catalogue), the same index."""

from pathlib import Path

import pytest

import glossary.index
from glossary.lookup import lookup

QUERIES = [
    "八八战略",
    "八八戰略",
    "bbzl",
    "zhanlue",
    "double eight",
    "工程",
    "Eight-Eight Strategy",
]


def _found(locales):
    return {
        q: [(h.entry["zh"], h.tier, h.how) for h in lookup(q, locales=locales)] for q in QUERIES
    }


def test_two_processes_build_the_same_index(project, monkeypatch, tmp_path):
    monkeypatch.setattr(glossary.index, "_PARALLEL_BYTES", 1 << 40)
    alone = _found(Path("locales"))
    assert alone["zhanlue"] == [("八八战略", 1, "pinyin")]
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path / "two"))
    monkeypatch.setattr(glossary.index, "_PARALLEL_BYTES", 0)  # every catalogue: two processes
    assert _found(Path("locales")) == alone
    assert [p.name[:6] for p in (tmp_path / "two").iterdir()] == ["index-"]  # no temp left


@pytest.mark.parametrize("parallel", [0, 1 << 40])
def test_a_foreign_po_gets_its_forms_computed_either_way(tmp_path, monkeypatch, parallel):
    monkeypatch.setattr(glossary.index, "_PARALLEL_BYTES", parallel)
    po = tmp_path / "weblate" / "en" / "LC_MESSAGES" / "glossary.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "长三角"\nmsgstr "Yangtze River Delta"\n\n'
        'msgid "双循环"\nmsgstr "dual circulation"\n',
        encoding="utf-8",
    )
    locales = tmp_path / "weblate"
    assert [h.entry["zh"] for h in lookup("san jiao", locales=locales)] == ["长三角"]
    assert [h.entry["zh"] for h in lookup("sxh", locales=locales)] == ["双循环"]
    assert [h.entry["zh"] for h in lookup("雙循環", locales=locales)] == ["双循环"]


def test_a_child_that_dies_leaves_the_full_text_tables_to_the_parent(
    project, monkeypatch, tmp_path
):
    monkeypatch.setattr(glossary.index, "_PARALLEL_BYTES", 1 << 40)
    alone = _found(Path("locales"))
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path / "two"))
    monkeypatch.setattr(glossary.index, "_PARALLEL_BYTES", 0)
    # the child dies at once: the parent's writes to the pipe fail, and it writes the tables
    monkeypatch.setattr(glossary.index, "_search_file", lambda *a: glossary.index.os._exit(5))
    assert _found(Path("locales")) == alone
    assert [p.name[:6] for p in (tmp_path / "two").iterdir()] == ["index-"]


def test_the_feed_sends_batches_then_its_end(tmp_path):
    import os

    read_end, write_end = os.pipe()
    feed = glossary.index._Feed(write_end)
    feed.send([(7, "八八战略", "Double Eight Strategy", "", "", "bā bā zhàn lüè", "", "")])
    feed.end()
    feed.end()  # ended: nothing more is written
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    size = int.from_bytes(data[:8], "little")
    assert glossary.index.marshal.loads(data[8 : 8 + size]) == [
        (7, "八八战略", "Double Eight Strategy", "", "", "bā bā zhàn lüè", "", "")
    ]
    assert data[8 + size :] == bytes(8)


def test_a_feed_whose_reader_is_gone_neither_blocks_nor_raises():
    import os

    read_end, write_end = os.pipe()
    os.close(read_end)
    feed = glossary.index._Feed(write_end)
    for n in range(3 * glossary.index._QUEUED):  # more than its queue holds
        feed.send([(n, "八八战略", "Double Eight Strategy", "", "", "bā bā zhàn lüè", "", "")])
    feed.end()
    feed.close()
    feed.close()


def test_the_index_row_carries_parts_and_part_of_with_their_english(formulas):
    (hit,) = lookup("四个全面", locales=Path("locales"), limit=1)
    assert hit.entry["parts"][:2] == [
        {
            "zh": "全面建设社会主义现代化国家",
            "en": "build a modern socialist country in all respects",
            "entry": True,
        },
        {"zh": "全面深化改革", "en": "deepen reform comprehensively", "entry": True},
    ]
    assert (
        hit.entry["parts_source"] == "Report to the 20th National Congress of the CPC, Xinhua, 2022"
    )
    assert hit.entry["parts_former"] == [
        {
            "period": "2014-2020",
            "parts": ["全面建成小康社会", "全面深化改革", "全面依法治国", "全面从严治党"],
            "source": "Xi Jinping in Jiangsu, Xinhua, December 2014",
        }
    ]
    (part,) = lookup("全面深化改革", locales=Path("locales"), limit=1)
    assert part.entry["part_of"] == [
        {"zh": "四个全面", "en": "Four-Pronged Comprehensive Strategy"}
    ]
    (clauses,) = lookup("两个确立", locales=Path("locales"), limit=1)
    assert [p["entry"] for p in clauses.entry["parts"]] == [False, False]
    assert clauses.entry["parts"][0]["en"].startswith("establish Comrade Xi Jinping's core")


def test_read_records_fills_the_english_of_parts(formulas):
    records = {r["zh"]: r for r in glossary.index.read_records(Path("locales"))}
    assert records["四个全面"]["parts"][2]["en"] == "law-based governance on all fronts"
    assert records["全面从严治党"]["part_of"][0]["en"] == "Four-Pronged Comprehensive Strategy"


def test_the_written_forms_are_kept_beside_the_index_and_follow_the_catalogue(project):
    from glossary.index import _forms_path, read_written_forms

    first = read_written_forms("locales")
    kept = Path(_forms_path("locales"))
    assert kept.is_file()
    assert "八八战略" in first[0]
    kept.write_bytes(b"not marshal")  # damaged: read from the index again, and rewritten
    assert read_written_forms("locales") == first
    assert kept.read_bytes() != b"not marshal"
    po = Path("locales/en/LC_MESSAGES/glossary.po")
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgid "八八战略"', 'msgid "八八战略新"', 1), encoding="utf-8")
    again = read_written_forms("locales")
    assert "八八战略新" in again[0] and "八八战略" not in again[0]
