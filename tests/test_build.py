import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from glossary.build import build
from glossary.errors import GlossaryError
from glossary.store import read_entries

from .judges import msgfmt_check

EN = Path("locales/en/LC_MESSAGES/glossary.po")
CATALOGS = [
    "locales/glossary.pot",
    str(EN),
    "locales/zh_TW/LC_MESSAGES/glossary.po",
    "locales/zh_HK/LC_MESSAGES/glossary.po",
]


def _snapshot():
    return {p: Path(p).read_bytes() for p in CATALOGS}


def test_build_is_deterministic(project):
    before = _snapshot()
    report = build(locales=Path("locales"), seeds=Path("seeds"), root=project)
    assert report.changed == ()
    assert _snapshot() == before


def test_catalog_contents(project):
    en = polib.pofile(str(EN))
    entry = en.find("八八战略")
    assert entry.msgstr == "Double Eight Strategy"
    assert "fuzzy" not in entry.flags
    assert entry.occurrences == [("seeds/small.txt", "1")]
    assert "pinyin: bā bā zhàn lüè" in entry.comment
    assert "category: slogan" in entry.comment
    assert "status: official" in entry.tcomment
    assert "fuzzy" in en.find("红色根脉强基工程").flags
    tw = polib.pofile("locales/zh_TW/LC_MESSAGES/glossary.po")
    assert tw.find("长三角").msgstr == "長三角"
    assert en.metadata["Language"] == "en" and tw.metadata["Language"] == "zh_TW"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="msgfmt not installed")
def test_catalogs_pass_msgfmt(project):
    for path in CATALOGS:
        code, errors = msgfmt_check(path)
        assert code == 0 and errors == "", (path, errors)


def test_headers_name_the_generator_and_a_template_has_no_language(project):
    from glossary import __version__

    for path in CATALOGS:
        header = polib.pofile(path).metadata
        assert header["X-Generator"] == f"glossary {__version__}", path
    assert polib.pofile(CATALOGS[0]).metadata["Language"] == ""


def test_curated_data_survives_rebuild(project):
    po = polib.pofile(str(EN), wrapwidth=0)
    e = po.find("千万工程")
    e.msgstr = "Thousand Villages, Ten Thousand Villages Project"
    e.tcomment += "\nA curator's note that must survive."
    po.save(str(EN))
    build(locales=Path("locales"), seeds=Path("seeds"), root=project)
    e = polib.pofile(str(EN)).find("千万工程")
    assert e.msgstr == "Thousand Villages, Ten Thousand Villages Project"
    assert "A curator's note that must survive." in e.tcomment
    assert "status: official" in e.tcomment


@pytest.mark.skipif(shutil.which("msgmerge") is None, reason="msgmerge not installed")
def test_curated_data_survives_msgmerge_then_build(project):
    subprocess.run(
        ["msgmerge", "--quiet", "--update", "--backup=none", str(EN), "locales/glossary.pot"],
        check=True,
    )
    build(locales=Path("locales"), seeds=Path("seeds"), root=project)
    entries = {e.zh: e for e in read_entries(Path("locales"))}
    e = entries["八八战略"]
    assert (e.en, e.status.value, e.source, e.reviewed) == (
        "Double Eight Strategy",
        "official",
        "Xinhua, 2023",
        True,
    )
    assert e.en_alt == ("Eight-Eight Strategy",)
    assert e.pinyin_orthographic == "Bā-Bā Zhànlüè"


def test_term_leaving_the_seeds_becomes_obsolete_not_deleted(project):
    seed = Path("seeds/small.txt")
    seed.write_text(
        seed.read_text(encoding="utf-8").replace("“千万工程”", "乡村振兴"), encoding="utf-8"
    )
    report = build(locales=Path("locales"), seeds=Path("seeds"), root=project)
    assert report.obsolete == 1
    text = EN.read_text(encoding="utf-8")
    assert '#~ msgid "千万工程"' in text
    assert '#~ msgstr "Green Rural Revival Program"' in text
    assert "# status: official" in text.split('#~ msgid "千万工程"')[0].rsplit("\n\n", 1)[1]
    # a hand-added term (decision add) stays active although the seeds lack it
    seed.write_text("无关的文字。\n", encoding="utf-8")
    build(locales=Path("locales"), seeds=Path("seeds"), root=project)
    active = {e.zh for e in read_entries(Path("locales"))}
    assert "新质生产力" in active and "八八战略" not in active
    # and it comes back, with its English, when the seeds have it again
    seed.write_text("深入践行“八八战略”。\n", encoding="utf-8")
    build(locales=Path("locales"), seeds=Path("seeds"), root=project)
    assert {e.zh: e.en for e in read_entries(Path("locales"))}[
        "八八战略"
    ] == "Double Eight Strategy"


def test_interrupted_build_leaves_previous_files(project, monkeypatch):
    before = _snapshot()
    seed = Path("seeds/small.txt")
    seed.write_text(seed.read_text(encoding="utf-8") + "推进“腾笼换鸟”。\n", encoding="utf-8")
    Path("locales/curation.tsv").write_text(
        Path("locales/curation.tsv").read_text(encoding="utf-8") + "腾笼换鸟\taccept\tslogan\n",
        encoding="utf-8",
    )
    from glossary import fsutil

    real_replace = fsutil.os.replace
    calls = []

    def failing_replace(src, dst):
        calls.append(dst)
        raise OSError(28, "No space left on device", str(dst))

    monkeypatch.setattr(fsutil.os, "replace", failing_replace)
    with pytest.raises(GlossaryError, match="No space left"):
        build(locales=Path("locales"), seeds=Path("seeds"), root=project)
    monkeypatch.setattr(fsutil.os, "replace", real_replace)
    assert _snapshot() == before
    assert not list(Path("locales").rglob("*.tmp"))


def test_bad_curation_file_names_the_line(project):
    Path("locales/curation.tsv").write_text(
        "八八战略\taccept\tslogan\n千万工程\tmaybe\tprogram\n", encoding="utf-8"
    )
    with pytest.raises(GlossaryError, match=r"curation.tsv:2: unknown decision 'maybe'"):
        build(locales=Path("locales"), seeds=Path("seeds"), root=project)


def test_malformed_po_names_the_line(project):
    EN.write_text(
        EN.read_text(encoding="utf-8") + '\nmsgid "坏"\nmsgstr "broken\n', encoding="utf-8"
    )
    with pytest.raises(GlossaryError, match=r"glossary.po:\d+: malformed PO"):
        build(locales=Path("locales"), seeds=Path("seeds"), root=project)


def test_shipped_glossary_is_what_build_makes(tmp_path, monkeypatch):
    """A fresh clone's `glossary build` must leave git status clean: the committed catalogues are
    exactly what the current code makes from seeds/ and curation.tsv."""
    repo = Path(__file__).resolve().parents[1]
    shutil.copytree(repo / "seeds", tmp_path / "seeds")
    shutil.copytree(repo / "locales", tmp_path / "locales")
    monkeypatch.chdir(tmp_path)
    report = build(locales=Path("locales"), seeds=Path("seeds"), root=tmp_path)
    assert report.changed == ()
    assert report.entries == report.reviewed
    # The founding document is curated to the last candidate. The canon's source documents
    # (seeds/SOURCES.tsv) were read for the canon's terms; the extractor's other proposals from
    # them wait for curators (glossary extract --unknown seeds/*.txt).
    founding = Path("seeds/jiaxing-15th-five-year-plan-proposal.txt")
    assert build(locales=Path("locales"), seeds=founding, root=tmp_path, dry_run=True).pending == 0


def test_shipped_glossary_passes_check():
    from glossary.check import run_check

    repo = Path(__file__).resolve().parents[1]
    assert [(p.zh, p.code) for p in run_check(repo / "locales")] == []


@pytest.mark.parametrize(
    ("encoding", "charset"),
    [("gb18030", None), ("gb18030", "GB18030"), ("utf-16", None), ("utf-8-sig", None)],
)
def test_a_catalogue_saved_in_another_encoding_is_read_and_written_back_as_utf8(
    project, tmp_path, encoding, charset
):
    """An editor that saved the English catalogue as GB18030 or UTF-16: build and import read it
    through the same decoder as lookup and write it back as UTF-8, every curated field kept."""
    from glossary.app import export_text, import_file

    before = {e.zh: e for e in read_entries(Path("locales"))}
    text = EN.read_text(encoding="utf-8")
    if charset:
        text = text.replace("charset=UTF-8", f"charset={charset}")
    EN.write_bytes(text.encode(encoding))
    report = build(locales=Path("locales"), seeds=Path("seeds"), root=project)
    assert report.changed == (EN,)
    data = EN.read_bytes()
    assert data.decode("utf-8").startswith("#") and "charset=UTF-8" in data.decode("utf-8")
    assert {e.zh: e for e in read_entries(Path("locales"))} == before
    EN.write_bytes(EN.read_text(encoding="utf-8").encode(encoding))
    csv = tmp_path / "edit.csv"
    csv.write_text(
        export_text(Path("locales"), fmt="csv", plain=True).replace(
            "Two Establishments", "Two Establishments (edited)"
        ),
        encoding="utf-8",
    )
    plan, written = import_file(
        str(csv), locales=Path("locales"), fmt="csv", dry_run=False, overwrite=False
    )
    assert [(c.zh, c.field) for c in plan.changes] == [("两个确立", "en")]
    assert EN in written
    assert read_entries(Path("locales"))[0].zh  # readable
    assert {e.zh: e.en for e in read_entries(Path("locales"))}["两个确立"] == (
        "Two Establishments (edited)"
    )
    EN.read_bytes().decode("utf-8")  # UTF-8 again


def test_build_holds_the_lock_and_a_second_writer_waits(project):
    import os
    import sys

    from glossary.fsutil import LockTimeout, locked

    messages: list[str] = []
    with locked(Path("locales"), command="glossary import test.csv"):
        code = (
            "import sys\nfrom pathlib import Path\nfrom glossary.build import build\n"
            "try:\n"
            "    build(locales=Path('locales'), seeds=Path('seeds'), root=Path.cwd(),"
            " progress=lambda m: print(m, flush=True))\n"
            "except Exception as exc:\n    print(type(exc).__name__, exc)\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=False,
            env=dict(os.environ, GLOSSARY_LOCK_TIMEOUT="0.3"),
        )
    lines = out.stdout.splitlines()
    assert lines[0].startswith(
        f"waiting for locales: locked by pid {os.getpid()} on {os.uname().nodename}"
        " (glossary import test.csv) since "
    )
    assert lines[-1].startswith("LockTimeout locales: locked by pid")
    assert lines[-1].endswith("gave up after 0.3 s (GLOSSARY_LOCK_TIMEOUT)")
    # and a writer in this process, holding the lock, is not blocked by itself
    with locked(Path("locales"), command="outer"):
        build(locales=Path("locales"), seeds=Path("seeds"), root=project, progress=messages.append)
    assert not any("waiting" in m for m in messages)
    assert LockTimeout.__mro__[1] is GlossaryError


def test_a_full_disk_names_the_file_and_leaves_the_catalogues_whole(project, tmp_path):
    """A real full disk (a 96 KiB tmpfs): the write fails naming a file, nothing is replaced and
    no temporary file is left (skipped where mounting is not allowed)."""
    import os

    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=96k", "tmpfs", str(disk)],
        capture_output=True,
        check=False,
    ).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        shutil.copytree("locales", disk / "locales")
        shutil.copytree("seeds", disk / "seeds")
        locales = disk / "locales"
        with (locales / "curation.tsv").open("a", encoding="utf-8") as f:
            f.write("腾笼换鸟\tadd\tslogan\n")
        filler = disk / "filler"
        with filler.open("wb", buffering=0) as f:  # fill the disk, then free one page
            try:
                while True:
                    f.write(bytes(4096))
            except OSError:
                pass
        os.truncate(filler, max(0, filler.stat().st_size - 4096))
        before = {p: (locales / p).read_bytes() for p in CATALOGS_IN}
        with pytest.raises(GlossaryError, match=r"cannot write \S+: No space left on device"):
            build(locales=locales, seeds=disk / "seeds", root=disk)
        assert {p: (locales / p).read_bytes() for p in CATALOGS_IN} == before
        assert [p.name for p in locales.rglob("*.tmp")] == []
        assert not (locales / ".commit").exists()
    finally:
        if subprocess.run(["umount", str(disk)], check=False).returncode:
            subprocess.run(["umount", "-l", str(disk)], check=False)


CATALOGS_IN = [c.removeprefix("locales/") for c in CATALOGS]


def _counts(report):
    return (report.entries, report.obsolete, report.reviewed, report.pending, report.changed)


def test_a_build_with_nothing_changed_reports_the_last_one_without_recomputing(
    project, monkeypatch
):
    from glossary import build as build_module

    full = build(locales=Path("locales"), seeds=Path("seeds"), root=project)
    before = _snapshot()
    calls = []
    real = build_module._build
    monkeypatch.setattr(build_module, "_build", lambda **kw: calls.append(kw) or real(**kw))
    again = build(locales=Path("locales"), seeds=Path("seeds"), root=project)
    assert calls == []
    assert _counts(again) == _counts(full)
    assert again.changed == ()
    assert _snapshot() == before


@pytest.mark.parametrize("what", ["seed", "curation", "catalogue", "other seeds"])
def test_any_changed_input_makes_the_build_run_again(project, monkeypatch, what):
    from glossary import build as build_module

    build(locales=Path("locales"), seeds=Path("seeds"), root=project)
    if what == "seed":
        seed = Path("seeds/small.txt")
        seed.write_text(seed.read_text(encoding="utf-8") + "推进“腾笼换鸟”。\n", encoding="utf-8")
    elif what == "curation":
        cur = Path("locales/curation.tsv")
        cur.write_text(cur.read_text(encoding="utf-8").replace("\tslogan", "\tconcept", 1))
    elif what == "catalogue":
        # a hand edit in a PO editor, same size: the build normalises it again
        text = EN.read_text(encoding="utf-8")
        EN.write_text(text.replace("#, fuzzy\n", "", 1) + "\n", encoding="utf-8")
    calls = []
    real = build_module._build
    monkeypatch.setattr(build_module, "_build", lambda **kw: calls.append(kw) or real(**kw))
    seeds = Path("seeds/small.txt") if what == "other seeds" else Path("seeds")
    build(locales=Path("locales"), seeds=seeds, root=project)
    assert len(calls) == 1


def test_a_dry_run_that_would_change_files_leaves_no_stamp(project):
    build(locales=Path("locales"), seeds=Path("seeds"), root=project)
    seed = Path("seeds/small.txt")
    seed.write_text(seed.read_text(encoding="utf-8") + "推进“腾笼换鸟”。\n", encoding="utf-8")
    Path("locales/curation.tsv").write_text(
        Path("locales/curation.tsv").read_text(encoding="utf-8") + "腾笼换鸟\taccept\tslogan\n",
        encoding="utf-8",
    )
    dry = build(locales=Path("locales"), seeds=Path("seeds"), root=project, dry_run=True)
    assert dry.changed
    again = build(locales=Path("locales"), seeds=Path("seeds"), root=project, dry_run=True)
    assert again.changed == dry.changed
    real = build(locales=Path("locales"), seeds=Path("seeds"), root=project)
    assert real.changed == dry.changed
    assert build(locales=Path("locales"), seeds=Path("seeds"), root=project).changed == ()


def test_parts_survive_rebuild_and_build_writes_part_of(formulas):
    before = EN.read_text(encoding="utf-8")
    assert "# part: 全面深化改革\n" in before
    assert '#. part-of: 四个全面\n#, fuzzy\nmsgid "全面深化改革"' in before
    build(locales=Path("locales"), seeds=Path("seeds"), root=formulas)
    assert EN.read_text(encoding="utf-8") == before
    # a part-of line written by hand (or left stale) is recomputed by the build
    po = polib.pofile(str(EN), wrapwidth=0)
    po.find("全面依法治国").comment += "\npart-of: 两个确立"
    po.find("四个全面").tcomment = po.find("四个全面").tcomment.replace("part: 全面从严治党\n", "")
    po.save(str(EN))
    build(locales=Path("locales"), seeds=Path("seeds"), root=formulas)
    entries = {e.zh: e for e in read_entries(Path("locales"))}
    assert entries["全面依法治国"].part_of == ("四个全面",)
    assert entries["全面从严治党"].part_of == ()
    assert [p.zh for p in entries["四个全面"].parts] == [
        "全面建设社会主义现代化国家",
        "全面深化改革",
        "全面依法治国",
    ]
    assert entries["四个全面"].parts_former[0].period == "2014-2020"
    assert entries["两个确立"].parts[1].en.startswith("establish the guiding role")
