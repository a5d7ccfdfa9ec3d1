"""A document as a translation job: PO, POT and XLIFF with term hints and memory matches."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from glossary.bilingual import State, Unit, read_units
from glossary.job import job_po_text, job_xliff_text, make_job
from glossary.models import Entry
from glossary.qa import TermMatcher
from glossary.segment import iter_document
from glossary.tm import MemoryIndex, add_units, memory_path

DOC = (
    "一、总体要求\n深入实施“八八战略”。推进千万工程。\n\n推进千万工程。坚持稳中求进的工作总基调。\n"
)
ENTRIES = [
    Entry(zh="八八战略", en="Double Eight Strategy", zh_tw="八八戰略"),
    Entry(zh="千万工程", en="Green Rural Revival Program"),
]


@pytest.fixture
def job(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list:  # type: ignore[type-arg]
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "report.txt").write_text(DOC, encoding="utf-8")
    locales = tmp_path / "locales"
    add_units(
        locales,
        [
            Unit(
                "old.po", "1", 5, "推进千万工程。", "We advanced the Green Rural Revival Program."
            ),
            Unit(
                "old.po",
                "2",
                9,
                "坚持稳中求进工作总基调。",
                "We adhered to the general principle of pursuing progress while ensuring stability.",
            ),
        ],
        today="2026-12-01",
    )
    return make_job(
        iter_document(str(tmp_path / "report.txt"), label="report.txt"),
        terms=TermMatcher(ENTRIES),
        memory=MemoryIndex.open(memory_path(locales)),
    )


def test_job_units(job: list) -> None:  # type: ignore[type-arg]
    assert [(u.source, u.locations, u.terms, u.score) for u in job] == [
        ("一、总体要求", ("report.txt:1",), (), 0),
        ("深入实施“八八战略”。", ("report.txt:2",), (("八八战略", "Double Eight Strategy"),), 0),
        (
            "推进千万工程。",
            ("report.txt:2", "report.txt:4"),
            (("千万工程", "Green Rural Revival Program"),),
            100,
        ),
        ("坚持稳中求进的工作总基调。", ("report.txt:4",), (), 92),
    ]
    assert job[0].heading


def test_job_po(job: list, tmp_path: Path) -> None:  # type: ignore[type-arg]
    text = job_po_text(job, project="report")
    assert (
        "#. term: 千万工程 = Green Rural Revival Program\n#. tm: 100% match (old.po:5)\n"
        '#: report.txt:2 report.txt:4\nmsgid "推进千万工程。"\n'
        'msgstr "We advanced the Green Rural Revival Program."\n'
    ) in text
    assert (
        '#. tm: 92% match (old.po:9)\n#: report.txt:4\n#, fuzzy\nmsgid "坚持稳中求进的工作总基调。"'
        in text
    )
    path = tmp_path / "job.po"
    path.write_text(text, encoding="utf-8")
    units = list(read_units(str(path)))
    assert [u.state for u in units] == [
        State.UNTRANSLATED,
        State.UNTRANSLATED,
        State.TRANSLATED,
        State.FUZZY,
    ]
    pot = tmp_path / "job.pot"
    pot.write_text(job_po_text(job, template=True), encoding="utf-8")
    assert '"Language: \\n"' in pot.read_text(encoding="utf-8")
    assert all(u.target == "" for u in read_units(str(pot)))
    if shutil.which("msgfmt") is None:
        pytest.skip("gettext is not installed")
    # a template keeps gettext's placeholders (Language, Last-Translator): --check-header is for PO
    for f, header in ((path, ["--check-header"]), (pot, [])):
        result = subprocess.run(
            ["msgfmt", "--check", *header, "-o", "/dev/null", str(f)],
            check=False,
            capture_output=True,
            text=True,
        )
        warnings = [w for w in result.stderr.splitlines() if "warning" in w]
        if f == pot:  # only the template placeholders
            warnings = [w for w in warnings if "still has the initial default value" not in w]
        assert result.returncode == 0 and not warnings, result.stderr


def test_job_xliff_reads_back(job: list, tmp_path: Path) -> None:  # type: ignore[type-arg]
    path = tmp_path / "job.xlf"
    path.write_text(job_xliff_text(job, original="report.txt"), encoding="utf-8")
    units = list(read_units(str(path)))
    assert [(u.id, u.source, u.target, u.state) for u in units] == [
        ("1", "一、总体要求", "", State.UNTRANSLATED),
        ("2", "深入实施“八八战略”。", "", State.UNTRANSLATED),
        ("3", "推进千万工程。", "We advanced the Green Rural Revival Program.", State.TRANSLATED),
        ("4", "坚持稳中求进的工作总基调。", job[3].target, State.FUZZY),
    ]
    assert units[1].note == "八八战略 = Double Eight Strategy"
    tt = pytest.importorskip("translate.storage.xliff")
    store = tt.xlifffile.parsefile(str(path))
    assert [str(u.source) for u in store.units] == [u.source for u in units]
