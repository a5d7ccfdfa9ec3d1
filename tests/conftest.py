"""Shared fixtures: a small glossary project built from tests/fixtures, an isolated cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
CURATION = """\
八八战略\taccept\tslogan
千万工程\taccept\tprogram
长三角\taccept\tplace
两个确立\taccept\tslogan
新质生产力\tadd\tconcept
红色根脉强基工程\taccept\tprogram
幸福一‘嘉’人\taccept\tslogan
成长的烦恼\treject
"""


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("COLUMNS", "120")


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A glossary project with a small seed, built, with curated English imported; cwd is it."""
    from glossary.build import build
    from glossary.exporters.tabular import parse_json
    from glossary.merge import apply_import, plan_import
    from glossary.store import read_entries, with_computed

    root = tmp_path / "proj"
    (root / "seeds").mkdir(parents=True)
    shutil.copy(FIXTURES / "seed-small.txt", root / "seeds" / "small.txt")
    (root / "locales").mkdir()
    (root / "locales" / "curation.tsv").write_text(CURATION, encoding="utf-8")
    monkeypatch.chdir(root)
    build(locales=Path("locales"), seeds=Path("seeds"), root=root)
    text = (FIXTURES / "entries.jsonl").read_text(encoding="utf-8")
    records = parse_json(text, "entries.jsonl")
    existing = {e.zh: with_computed(e) for e in read_entries(Path("locales"))}
    plan = plan_import(records, existing, name="entries.jsonl")
    assert not plan.conflicts
    apply_import(Path("locales"), plan)
    build(locales=Path("locales"), seeds=Path("seeds"), root=root)
    return root


@pytest.fixture
def run(project):
    """Invoke the CLI in the project: run(args, input=None) -> click Result."""
    from click.testing import CliRunner

    from glossary.cli import cli

    def invoke(args, input=None):
        return CliRunner().invoke(cli, args, input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def formulas(project) -> Path:
    """The project with 四个全面, its parts (entries) and its former version, and 两个确立 with
    two clause parts (``fixtures/formulas.jsonl``, imported, then built)."""
    from glossary.build import build
    from glossary.exporters.tabular import parse_json
    from glossary.merge import apply_import, plan_import
    from glossary.store import read_entries, with_computed

    text = (FIXTURES / "formulas.jsonl").read_text(encoding="utf-8")
    records = parse_json(text, "formulas.jsonl")
    existing = {e.zh: with_computed(e) for e in read_entries(Path("locales"))}
    plan = plan_import(records, existing, name="formulas.jsonl", overwrite=True)
    apply_import(Path("locales"), plan)
    build(locales=Path("locales"), seeds=Path("seeds"), root=project)
    return project
