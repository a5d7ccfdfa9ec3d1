import os
from pathlib import Path

import pytest

from glossary.lookup import Tier, lookup, suggest


def _zh(query, **kw):
    return [h.entry["zh"] for h in lookup(query, locales=Path("locales"), **kw)]


@pytest.mark.parametrize(
    "query",
    [
        "八八战略",
        "八八戰略",
        "ba1 ba1 zhan4 lve4",
        "bā bā zhàn lüè",
        "babazhanlue",
        "ba ba zhan lve",
        "BaBaZhanLüe",
        "bbzl",
        "Double Eight Strategy",
        "double eight strategy",
        "Eight-Eight Strategy",
    ],
)
def test_exact_modes_put_the_entry_first(project, query):
    hits = lookup(query, locales=Path("locales"))
    assert hits[0].entry["zh"] == "八八战略"
    assert hits[0].tier is Tier.EXACT


def test_english_words_in_any_order_and_alternates(project):
    assert _zh("strategy eight") == ["八八战略"]
    assert _zh("affirmations two") == ["两个确立"]
    assert _zh("revival rural")[0] == "千万工程"


def test_part_of_a_term(project):
    assert _zh("根脉") == ["红色根脉强基工程"]
    assert set(_zh("工程")) == {"千万工程", "红色根脉强基工程"}
    assert _zh("深入践行八八战略") == ["八八战略"]  # a pasted phrase finds the term inside it


def test_typos(project):
    hits = lookup("duoble eight", locales=Path("locales"))
    assert [h.entry["zh"] for h in hits] == ["八八战略"] and hits[0].tier is Tier.FUZZY
    assert _zh("xin zhi sheng chan lu")[0] == "新质生产力"


def test_ranking_exact_before_partial_and_limit(project):
    hits = lookup("两个确立", locales=Path("locales"))
    assert hits[0].tier is Tier.EXACT
    assert len(lookup("gong cheng", locales=Path("locales"), limit=1)) == 1


def test_nothing_found_and_suggestions(project):
    assert lookup("quantum chromodynamics", locales=Path("locales")) == []
    assert "八八战略 (Double Eight Strategy)" in suggest(
        "duoble eihgt strategee", locales=Path("locales")
    )


def test_index_follows_the_po(project):
    assert _zh("Double Eight Strategy") == ["八八战略"]
    po = Path("locales/en/LC_MESSAGES/glossary.po")
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            'msgstr "Double Eight Strategy"', 'msgstr "Eight-Eight Plan"'
        ),
        encoding="utf-8",
    )
    assert _zh("Eight-Eight Plan") == ["八八战略"]


def test_foreign_po_without_our_comments(tmp_path):
    po = tmp_path / "weblate" / "en" / "LC_MESSAGES" / "glossary.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "长三角"\nmsgstr "Yangtze River Delta"\n\n'
        'msgid "双循环"\nmsgstr "dual circulation"\n',
        encoding="utf-8",
    )
    hits = lookup("chang san jiao", locales=tmp_path / "weblate")
    assert hits[0].entry["zh"] == "长三角"
    assert hits[0].entry["zh_tw"] == "長三角" and hits[0].entry["pinyin"] == "cháng sān jiǎo"
    assert [h.entry["zh"] for h in lookup("雙循環", locales=tmp_path / "weblate")] == ["双循环"]


def test_lookup_process_imports_neither_pypinyin_nor_opencc(project):
    """The lookup path stays light. Run with -S and PYTHONPATH (the package's folder and the
    interpreter's site-packages), so that no installation hook (an editable install's finder
    imports pathlib) decides what the process has already imported; modules that a bare
    interpreter started the same way already has do not count."""
    import subprocess
    import sys
    import sysconfig

    import glossary

    heavy = ("pypinyin", "opencc", "polib", "pathlib", "json", "textwrap")
    env = {
        "PYTHONPATH": os.pathsep.join(
            [str(Path(glossary.__file__).parents[1]), sysconfig.get_paths()["purelib"]]
        ),
        "GLOSSARY_CACHE_DIR": os.environ["GLOSSARY_CACHE_DIR"],
        "COLUMNS": "100",
    }
    check = f"print('HEAVY', sorted(m for m in {heavy!r} if m in sys.modules))"
    bare = subprocess.run(
        [sys.executable, "-S", "-c", "import sys\n" + check],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    assert bare == "HEAVY []\n", bare
    code = (
        "import sys\nfrom glossary.cli import cli\n"
        "for q in (['lookup', 'bbzl'], ['lookup', '千萬工程'], ['lookup', 'double eight']):\n"
        "    try:\n        cli(q)\n    except SystemExit:\n        pass\n" + check
    )
    run = [sys.executable, "-S", "-c", code]
    subprocess.run(run, capture_output=True, text=True, check=False, env=env)  # builds the index
    out = subprocess.run(run, capture_output=True, text=True, check=False, env=env)
    assert "match" in out.stdout and "HEAVY []" in out.stdout, out.stdout + out.stderr


# --------------------------------------------------------------------------- damaged caches
def _index_file():
    import glob
    import os

    (path,) = glob.glob(os.path.join(os.environ["GLOSSARY_CACHE_DIR"], "index-*.sqlite"))
    return path


def _zero_data_pages(path):
    """Overwrite the root pages of the index's data tables with zeros (as a bad sector or a
    crashed copy would): the header and schema stay readable, every query on the data fails."""
    import sqlite3

    con = sqlite3.connect(path)
    size = con.execute("PRAGMA page_size").fetchone()[0]
    roots = [
        r
        for (r,) in con.execute(
            "SELECT rootpage FROM sqlite_master WHERE name IN ('entries', 'keys', 'words', 'grams')"
        )
    ]
    con.close()
    with open(path, "r+b") as f:
        for page in roots:
            f.seek((page - 1) * size)
            f.write(bytes(size))


def test_a_damaged_index_is_rebuilt_with_a_notice(project):
    from glossary.app import extract_candidates

    assert lookup("bbzl", locales="locales")[0].entry["zh"] == "八八战略"
    _zero_data_pages(_index_file())
    said: list[str] = []
    hits = lookup("bbzl", locales="locales", progress=said.append)
    assert hits[0].entry["zh"] == "八八战略"
    assert said[0] == (
        f"the lookup index {_index_file()} is damaged (database disk image is malformed);"
        " rebuilding it"
    )
    said.clear()
    assert lookup("bbzl", locales="locales", progress=said.append)[0].entry["zh"] == "八八战略"
    assert said == []  # rebuilt once, for good
    _zero_data_pages(_index_file())
    Path("doc.txt").write_text("深入践行“八八战略”。\n", encoding="utf-8")
    found = extract_candidates(["doc.txt"], locales=Path("locales"))
    assert [(c.zh, c.known) for c in found] == [("八八战略", True)]


def test_cli_lookup_after_damage_is_one_notice(run):
    run(["lookup", "bbzl"])
    _zero_data_pages(_index_file())
    out = run(["lookup", "bbzl"])
    assert out.exit_code == 0 and "八八战略" in out.stdout
    assert "Traceback" not in out.stderr
    assert "is damaged (database disk image is malformed); rebuilding it" in out.stderr


@pytest.fixture
def tiny_cache(tmp_path, monkeypatch):
    """A 64 KiB tmpfs as the cache folder (skipped where mounting is not allowed)."""
    import subprocess

    folder = tmp_path / "tiny"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(folder))
    yield folder
    if subprocess.run(["umount", str(folder)], check=False).returncode:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_full_cache_disk_is_named_and_leaves_nothing_behind(project, tiny_cache):
    (tiny_cache / "filler").write_bytes(bytes(56 << 10))  # the small glossary's index needs more
    said: list[str] = []
    hits = lookup("bbzl", locales="locales", progress=said.append)
    assert hits[0].entry["zh"] == "八八战略"  # from an index in memory
    index = f"{tiny_cache}/index-"
    assert any(
        m.startswith(f"cannot write the lookup index {index}")
        and m.endswith(": database or disk is full; using one in memory")
        for m in said
    ), said
    assert [p.name for p in tiny_cache.iterdir()] == ["filler"]


def test_a_full_cache_disk_simulated(project, monkeypatch):
    """The same without a tmpfs: SQLite's "disk full" from the temporary index file."""
    import os
    import sqlite3

    import glossary.index

    real_connect = sqlite3.connect

    class Full(sqlite3.Connection):
        def executemany(self, *args, **kwargs):
            raise sqlite3.OperationalError("database or disk is full")

    def connect(database, *args, **kwargs):
        if database != ":memory:" and not str(database).startswith("file:"):
            return real_connect(database, *args, factory=Full, **kwargs)
        return real_connect(database, *args, **kwargs)

    monkeypatch.setattr(glossary.index.sqlite3, "connect", connect)
    said: list[str] = []
    assert lookup("bbzl", locales="locales", progress=said.append)[0].entry["zh"] == "八八战略"
    assert any("database or disk is full; using one in memory" in m for m in said), said
    left = os.listdir(os.environ["GLOSSARY_CACHE_DIR"])
    assert [n for n in left if not n.startswith("build-")] == []  # the fixture's build stamp


def test_a_query_of_many_words(project):
    words = " ".join(["double", "eight", "strategy"] * 167)  # 501 words
    assert [h.entry["zh"] for h in lookup(words, locales="locales")][:1] == ["八八战略"]
    assert lookup(" ".join(f"word{n}" for n in range(600)), locales="locales") == []
    long_han = "八八战略" * 300  # 1,200 characters: as many character pairs
    assert lookup(long_han, locales="locales")[0].entry["zh"] == "八八战略"


# --------------------------------------------------------------------------- pinyin (issue 15)
def test_part_of_a_term_by_pinyin_from_any_syllable(project):
    assert _zh("zhanlue") == ["八八战略"]
    assert _zh("zhan lue") == ["八八战略"]
    assert _zh("zhan4 lve4") == ["八八战略"]
    assert _zh("ba zhan") == ["八八战略"]
    assert _zh("qiangji") == ["红色根脉强基工程"]
    assert _zh("gen mai qiang") == ["红色根脉强基工程"]
    hits = lookup("zhanlue", locales=Path("locales"))
    assert [(h.tier, h.how) for h in hits] == [(Tier.PARTIAL, "pinyin")]


def test_a_syllable_cut_short_ends_a_pinyin_query(project):
    assert _zh("zhanl") == ["八八战略"]
    assert _zh("ba ba zh") == ["八八战略"]


def _green(tmp_path):
    """A glossary in our layout with ü in its pinyin."""
    po = tmp_path / "green" / "en" / "LC_MESSAGES" / "glossary.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        "#. category: slogan\n#. pinyin: lǜ shuǐ qīng shān jiù shì jīn shān yín shān\n"
        "#. zh-TW: 綠水青山就是金山銀山\n#. zh-HK: 綠水青山就是金山銀山\n"
        'msgid "绿水青山就是金山银山"\n'
        'msgstr "Lucid waters and lush mountains are invaluable assets"\n\n'
        "#. category: concept\n#. pinyin: lǜ sè fā zhǎn\n#. zh-TW: 綠色發展\n#. zh-HK: 綠色發展\n"
        'msgid "绿色发展"\nmsgstr "green development"\n\n'
        "#. category: place\n#. pinyin: lú shān\n#. zh-TW: 廬山\n#. zh-HK: 廬山\n"
        'msgid "庐山"\nmsgstr "Lushan"\n',
        encoding="utf-8",
    )
    return tmp_path / "green"


@pytest.mark.parametrize(
    "query", ["lu shui qing shan", "lv shui qing shan", "lü shui", "lv shui", "lu4 shui3", "lushui"]
)
def test_u_and_v_for_u_umlaut_in_every_pinyin_mode(tmp_path, query):
    found = [h.entry["zh"] for h in lookup(query, locales=_green(tmp_path))]
    assert found == ["绿水青山就是金山银山"]


def test_u_for_u_umlaut_exact_and_initials(tmp_path):
    locales = _green(tmp_path)
    for query in ("lu se fa zhan", "lvsefazhan", "lü sè fā zhǎn", "lsfz"):
        hits = lookup(query, locales=locales)
        assert [(h.entry["zh"], h.tier) for h in hits] == [("绿色发展", Tier.EXACT)], query
    # lu is lu and lü: both entries, the one whose reading is exactly lu shan first
    assert [h.entry["zh"] for h in lookup("lu shan", locales=locales)] == ["庐山"]
    assert [h.entry["zh"] for h in lookup("shan", locales=locales)] == [
        "庐山",
        "绿水青山就是金山银山",
    ]
