import json
import re

import pytest
from click.testing import CliRunner

from glossary import __version__
from glossary.cli import cli


def _run(args, input=None):
    return CliRunner().invoke(cli, args, input=input, catch_exceptions=False)


def test_version():
    assert _run(["--version"]).stdout == f"glossary, version {__version__}\n"


@pytest.mark.parametrize("name", cli.list_commands(None))
def test_every_command_has_help_with_an_example(name):
    out = _run([name, "-h"])
    assert out.exit_code == 0
    assert "Example:" in out.stdout and f"glossary {name.split()[0]}" in out.stdout.replace(
        "glossary --locales", "glossary"
    )


def test_readme_documents_every_command():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for name in cli.list_commands(None):
        assert f"glossary {name}" in readme, name


def test_lookup_output_and_exit_codes(run):
    out = run(["lookup", "bbzl"])
    assert out.exit_code == 0
    assert re.search(r"^term +八八战略  \(八八戰略\)$", out.stdout, re.M)
    assert re.search(r"^English +Double Eight Strategy  \[official\]$", out.stdout, re.M)
    assert re.search(r"^pinyin +bā bā zhàn lüè  ·  Bā-Bā Zhànlüè$", out.stdout, re.M)
    missing = run(["lookup", "duoble eihgt plan"])
    assert missing.exit_code == 1 and missing.stdout == ""
    assert "did you mean: 八八战略 (Double Eight Strategy)" in missing.stderr


def test_lookup_json(run):
    data = json.loads(run(["lookup", "--json", "千萬工程"]).stdout)
    assert (
        data[0]["zh"] == "千万工程"
        and data[0]["match"] == "exact"
        and data[0]["matched_by"] == "zh"
    )
    assert set(data[0]) >= {
        "zh",
        "en",
        "en_alt",
        "literal",
        "definition",
        "category",
        "status",
        "source",
        "pinyin",
        "pinyin_orthographic",
        "zh_tw",
        "zh_hk",
        "reviewed",
        "locations",
    }


def test_pinyin_and_hant_read_stdin_line_by_line(run):
    assert run(["pinyin"], input="长三角\n\n重塑\n").stdout == "cháng sān jiǎo\n\nchóng sù\n"
    assert run(["pinyin", "--style", "numbers", "八八战略"]).stdout == "ba1 ba1 zhan4 lüe4\n"
    assert (
        run(["hant", "--region", "hk"], input="科技人才周\n双循环\n").stdout
        == "科技人才周\n雙循環\n"
    )
    assert run(["hant", "科技人才周"]).stdout == "科技人才週\n"


def test_pinyin_and_hant_agree_with_the_entries(run):
    data = json.loads(run(["export", "--format", "json"]).stdout)
    terms = "\n".join(e["zh"] for e in data) + "\n"
    assert run(["pinyin"], input=terms).stdout.splitlines() == [e["pinyin"] for e in data]
    assert run(["hant", "--region", "tw"], input=terms).stdout.splitlines() == [
        e["zh_tw"] for e in data
    ]
    assert run(["hant", "--region", "hk"], input=terms).stdout.splitlines() == [
        e["zh_hk"] for e in data
    ]


def test_extract_json_contract(run, tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_bytes("深入踐行「八八戰略」,實施「雙百雙十」行動。\n".encode("big5"))
    out = run(["extract", "--format", "json", str(doc)])
    assert out.exit_code == 0
    assert f"{doc}: read as Big5" in out.stderr
    data = {c["zh_hans"]: c for c in json.loads(out.stdout)}
    assert data["八八战略"] == {
        "zh": "八八戰略",
        "zh_hans": "八八战略",
        "category": "slogan",
        "count": 1,
        "quoted": True,
        "file": str(doc),
        "line": 1,
        "known": True,
        "locations": [f"{doc}:1"],
    }
    assert data["双百双十"]["known"] is False


def test_curate_then_build(run):
    assert run(["curate", "--reject", "成长的烦恼"]).exit_code == 0
    assert run(["curate", "--accept", "--category", "slogan", "两湖一嘉"]).exit_code == 0
    out = run(["build", "-q"])
    assert out.exit_code == 0 and "entries" in out.stdout
    assert run(["curate", "--accept", "两湖一嘉"]).exit_code == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract", "missing.txt"], "glossary: missing.txt: no such file\n"),
        (["scan", "."], "glossary: .: is a directory\n"),
        (["lookup", "--locales", "nowhere", "x"], None),
    ],
)
def test_errors_are_one_line_and_exit_2(run, args, message):
    if args[0] == "lookup":
        args = ["--locales", "nowhere", "lookup", "x"]
        message = "glossary: nowhere: no glossary here (expected en/LC_MESSAGES/glossary.po)\n"
    out = run(args)
    assert out.exit_code == 2
    assert out.stderr == message


def test_binary_and_empty_input(run, tmp_path):
    (tmp_path / "bin.dat").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "empty.txt").write_bytes(b"")
    assert run(["extract", str(tmp_path / "bin.dat")]).exit_code == 2
    out = run(["scan", str(tmp_path / "empty.txt")])
    assert (out.exit_code, out.stderr) == (2, f"glossary: {tmp_path / 'empty.txt'}: empty input\n")
    assert run(["pinyin"], input="").exit_code == 0


def test_check_on_the_fixture(run):
    out = run(["check", "--json"])
    assert out.exit_code == 1
    codes = {(p["zh"], p["code"]) for p in json.loads(out.stdout)}
    assert ("红色根脉强基工程", "fuzzy") in codes
    assert run(["check", "--ignore", "fuzzy"]).exit_code == 0


def test_export_to_file_and_filters(run, tmp_path):
    target = tmp_path / "official.csv"
    assert (
        run(["export", "--format", "csv", "--status", "official", "-o", str(target)]).exit_code == 0
    )
    rows = target.read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 1 + 5
    assert run(["export", "--format", "json", "--unreviewed"]).stdout.count('"zh"') == 2


def test_import_cli_reports_conflicts_with_exit_1(run, tmp_path):
    tsv = tmp_path / "edit.utf8"
    tsv.write_text("八八战略\tEight-Eight Strategy\n", encoding="utf-8")
    out = run(["import", str(tsv)])
    assert out.exit_code == 1
    assert "八八战略  en: ours 'Double Eight Strategy', theirs 'Eight-Eight Strategy'" in out.stderr


def test_python_dash_m():
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "glossary", "--version"], capture_output=True, text=True
    )
    assert out.returncode == 0 and out.stdout == f"glossary, version {__version__}\n"
