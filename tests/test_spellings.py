"""An entry is found by any of its written forms: its variants, and any quoting of its term
(“132”, 「132」, "132", bare), in lookup, scan and extract (issue 10)."""

from __future__ import annotations

import json

import pytest

from glossary.keys import spellings


def test_spellings_of_a_quoted_term() -> None:
    assert spellings("“两山”理念") == [
        "“两山”理念",
        "「两山」理念",
        '"两山"理念',
        "＂两山＂理念",
        "两山理念",
    ]
    assert spellings("「132」總體工作部署") == [
        "「132」總體工作部署",
        "“132”總體工作部署",
        '"132"總體工作部署',
        "＂132＂總體工作部署",
        "132總體工作部署",
    ]
    assert "五X" not in spellings("“五X”")  # two characters bare would match everywhere


@pytest.fixture
def with_variant(run):
    """The project's glossary with a variant: 嘉兴幸福 written for 幸福一‘嘉’人."""
    from pathlib import Path

    from glossary.exporters.tabular import parse_json
    from glossary.merge import apply_import, plan_import
    from glossary.store import read_entries, with_computed

    records = parse_json('{"zh": "幸福一‘嘉’人", "variants": ["嘉兴幸福"]}', "v.jsonl")
    existing = {e.zh: with_computed(e) for e in read_entries(Path("locales"))}
    apply_import(Path("locales"), plan_import(records, existing, name="v.jsonl", overwrite=True))
    return run


@pytest.mark.parametrize("query", ["幸福一嘉人", "幸福一『嘉』人", "幸福一'嘉'人", "嘉兴幸福"])
def test_lookup_by_any_form(with_variant, query: str) -> None:
    out = with_variant(["lookup", "--json", query])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)[0]["zh"] == "幸福一‘嘉’人"


def test_scan_by_any_form(with_variant) -> None:
    out = with_variant(
        ["scan", "--format", "json"], input="打造幸福一嘉人，共建嘉兴幸福，「八八戰略」。\n"
    )
    assert out.exit_code == 0, out.output
    assert [(h["matched"], h["zh"]) for h in json.loads(out.stdout)] == [
        ("幸福一嘉人", "幸福一‘嘉’人"),
        ("嘉兴幸福", "幸福一‘嘉’人"),
        ("八八戰略", "八八战略"),
    ]


def test_extract_knows_any_form(with_variant, tmp_path) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_text("打造幸福一嘉人。共建嘉兴幸福。\n", encoding="utf-8")
    out = with_variant(["extract", "--format", "json", str(doc)])
    # a spelling (other quote marks, none) is the entry; a variant is proposed as the document
    # writes it (eval/GUIDELINES.md: the document's form is the term), known too
    assert [(c["zh_hans"], c["known"], c["count"]) for c in json.loads(out.stdout)] == [
        ("幸福一‘嘉’人", True, 1),
        ("嘉兴幸福", True, 1),
    ]
