"""The translation memory shipped in locales/memory.po (issue 13): valid, complete, reproducible
from memory/sources/, and found by ``glossary tm lookup``."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary.cli import cli
from glossary.segment import split_line
from glossary.tm import read_memory

ROOT = Path(__file__).resolve().parent.parent
MEMORY = ROOT / "locales" / "memory.po"
SOURCES = ROOT / "memory"
#: Units built from memory/sources/ (2,185 pairs; 60 repeat a sentence of an earlier line, 44
#: of them with other English, which the later line's replaces and keeps as ``# previous:``;
#: 321 of the pairs are the Basic Law of the HKSAR's, 50 Xi Jinping's New Year messages of 2022 and
#: 2024, 99 the 2020 peacekeeping white paper's, 701 the Foreign Ministry's press conferences',
#: 41 China Daily's word-of-the-day pages').
SHIPPED = 2125
HAN = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def test_shipped_memory_passes_msgfmt() -> None:
    if shutil.which("msgfmt") is None:
        pytest.skip("msgfmt not installed")
    done = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(MEMORY)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_shipped_memory_holds_every_pair_chinese_to_english() -> None:
    units = list(read_memory(MEMORY))
    assert len(units) >= SHIPPED
    for u in units:
        assert HAN.search(u.source), u.source
        assert not HAN.search(u.target), u.target
        assert LATIN_WORD.search(u.target), u.target
        # one segment each, as glossary.segment cuts a Chinese line
        assert [s for _, s in split_line(u.source)] == [u.source]


def test_every_unit_names_its_document_and_line() -> None:
    with (SOURCES / "SOURCES.tsv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    slugs = {row["slug"] for row in rows}
    assert sum(int(row["pairs"]) for row in rows) == 2185
    for u in read_memory(MEMORY):
        slug, _, line = u.origin.rpartition(":")
        assert slug in slugs and line.isdigit(), u.origin
        source = (SOURCES / "sources" / f"{slug}.zh.txt").read_text(encoding="utf-8")
        assert source.splitlines()[int(line) - 1] == u.source


def test_build_script_reproduces_the_shipped_memory(tmp_path: Path) -> None:
    script = ROOT / "scripts" / "build_memory.py"
    done = subprocess.run(
        [sys.executable, str(script), "--locales", str(tmp_path)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "memory.po").read_bytes() == MEMORY.read_bytes()
    check = [sys.executable, str(script), "--check"]
    assert subprocess.run(check, capture_output=True).returncode == 0


def test_build_script_keeps_units_added_by_hand(tmp_path: Path) -> None:
    (tmp_path / "memory.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '# origin: job.po:3\nmsgid "推进千万工程。"\nmsgstr "We will advance the Green Rural '
        'Revival Program."\n',
        encoding="utf-8",
    )
    script = ROOT / "scripts" / "build_memory.py"
    done = subprocess.run(
        [sys.executable, str(script), "--locales", str(tmp_path)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    units = {u.source: u for u in read_memory(tmp_path / "memory.po")}
    assert len(units) == SHIPPED + 1
    assert units["推进千万工程。"].origin == "job.po:3"


def test_tm_lookup_finds_a_shipped_sentence_at_100(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path / "cache"))
    locales = tmp_path / "locales"
    locales.mkdir()
    shutil.copy(MEMORY, locales / "memory.po")
    sentence = "深入推进数字经济创新发展。"
    result = CliRunner().invoke(
        cli, ["--locales", str(locales), "tm", "lookup", sentence, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    best = json.loads(result.output)[0]
    assert best["score"] == 100
    assert best["source"] == sentence
    assert best["target"] == "We will promote innovative development of the digital economy."
    assert best["origin"] == "gwr-2024:128"


def test_tm_lookup_finds_a_traditional_basic_law_sentence_from_simplified(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path / "cache"))
    locales = tmp_path / "locales"
    locales.mkdir()
    shutil.copy(MEMORY, locales / "memory.po")
    query = "香港特别行政区依法保护私有财产权。"
    result = CliRunner().invoke(
        cli, ["--locales", str(locales), "tm", "lookup", query, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    best = json.loads(result.output)[0]
    # the same text in the other script: not identical, so 99 (100 only for identical text)
    assert best["score"] == 99
    assert best["source"] == "香港特別行政區依法保護私有財產權。"
    assert best["target"] == (
        "The Hong Kong Special Administrative Region shall protect the right of private "
        "ownership of property in accordance with law."
    )
    assert best["origin"] == "hk-basic-law:6"
