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
