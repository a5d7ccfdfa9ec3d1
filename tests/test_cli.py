import json
import os
import re
from pathlib import Path

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
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for name in cli.list_commands(None):
        assert f"glossary {name}" in readme, name


def test_readme_command_reference_is_current():
    """README.md's command reference is generated from --help: rerun the script after changing a
    command (python scripts/readme_commands.py)."""
    import importlib.util

    script = Path(__file__).resolve().parents[1] / "scripts" / "readme_commands.py"
    spec = importlib.util.spec_from_file_location("readme_commands", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    current = module.README.read_text(encoding="utf-8")
    assert module.rewrite(current) == current, "run python scripts/readme_commands.py"


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


# ------------------------------------------------------------------- lookup in 80 columns
@pytest.fixture
def run80(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    return run


def test_several_hits_are_one_aligned_line_each_fitted_to_80_columns(run80):
    out = run80(["lookup", "工程"])
    assert out.exit_code == 0
    assert out.stdout == (
        "term              traditional   pinyin        English                   status\n"
        "────────────────  ────────────  ────────────  ────────────────────────  ────────\n"
        "千万工程          千萬工程      qiān wàn gō…  Green Rural Revival Pro…  official\n"
        "红色根脉强基工程  紅色根脈強…   hóng sè gēn…  Red Roots Foundation-St…  proposed\n"
    )
    assert run80(["lookup", "--format", "table", "工程"]).stdout == out.stdout
    assert run80(["lookup", "-n", "1", "工程"]).stdout.startswith(
        "term        千万工程  (千萬工程)\n"
    )


def test_full_shows_every_hit_as_a_card(run80):
    out = run80(["lookup", "--full", "工程"])
    assert out.exit_code == 0
    assert out.stdout == (
        "term        千万工程  (千萬工程)\n"
        "pinyin      qiān wàn gōng chéng\n"
        "English     Green Rural Revival Program  [official]\n"
        "source      Xinhua, 2023\n"
        "also        Thousand Villages Demonstration and Ten Thousand Villages Renovation\n"
        "            Project\n"
        "literal     Thousand-Ten-Thousand Project\n"
        "category    program\n"
        "definition  Zhejiang's rural program launched in 2003.\n"
        "match       partial (part)\n" + "─" * 60 + "\n"
        "term      红色根脉强基工程  (紅色根脈強基工程)\n"
        "pinyin    hóng sè gēn mài qiáng jī gōng chéng\n"
        "English   Red Roots Foundation-Strengthening Project  [proposed, unreviewed]\n"
        "category  program\n"
        "match     partial (part)\n"
    )
    bad = run80(["lookup", "--full", "--format", "json", "工程"])
    assert bad.exit_code == 2 and "--full shows cards" in bad.stderr


def test_a_card_shows_its_first_source_and_full_all_of_them(run80, tmp_path):
    sources = (
        "SCIO, 2021, http://english.scio.gov.cn/pressroom/2021-04/30/content_77456336_4.htm "
        '("Double-Eight Strategy"); China Daily, 2023 ("Double-Eight Strategy"; a headline); '
        "Jiaxing Municipal Government, 2025"
    )
    edit = tmp_path / "sources.json"
    edit.write_text(json.dumps([{"zh": "八八战略", "source": sources}]), encoding="utf-8")
    assert run80(["import", "--overwrite", str(edit)]).exit_code == 0
    card = run80(["lookup", "bbzl"]).stdout.splitlines()
    assert card[3:6] == [
        "source      SCIO, 2021,",
        "            http://english.scio.gov.cn/pressroom/2021-04/30/content_77456336_4.htm",
        '            ("Double-Eight Strategy")  (+2 more; --full)',
    ]
    assert run80(["lookup", "--full", "bbzl"]).stdout.splitlines()[3:8] == [
        "source      SCIO, 2021,",
        "            http://english.scio.gov.cn/pressroom/2021-04/30/content_77456336_4.htm",
        '            ("Double-Eight Strategy"); China Daily, 2023 ("Double-Eight',
        '            Strategy"; a headline); Jiaxing Municipal Government, 2025',
        "also        Eight-Eight Strategy",
    ]
    assert json.loads(run80(["lookup", "--json", "bbzl"]).stdout)[0]["source"] == sources


def test_did_you_mean_wraps_on_word_boundaries(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")
    run(["lookup", "bbzl"])  # builds the index (a notice on stderr)
    out = run(["lookup", "duoble eihgt plan"])
    assert out.exit_code == 1 and out.stdout == ""
    assert out.stderr == (
        "glossary: nothing found for 'duoble\n"
        "  eihgt plan'; did you mean:\n"
        "  八八战略 (Double Eight Strategy)\n"
    )


def test_scan_table_wraps_english_in_80_columns(run80, tmp_path):
    doc = tmp_path / "report.txt"
    doc.write_text("打造红色根脉强基工程，推进千万工程。\n", encoding="utf-8")
    out = run80(["scan", str(doc), str(doc)])
    assert out.exit_code == 0
    assert out.stdout.splitlines()[:4] == [
        "file        line:col  term              English",
        "──────────  ────────  ────────────────  ────────────────────────────────────────",
        "report.txt  1:3       红色根脉强基工程  Red Roots Foundation-Strengthening",
        "                                        Project",
    ]
    assert all(len(line) <= 80 for line in out.stdout.splitlines()) and "…" not in out.stdout


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
    assert data["“双百双十”行动"]["known"] is False  # written “…” whatever the marks


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


# ------------------------------------------------------------------ one renderer, one --format
LISTINGS = {
    "extract": (["extract", "seeds/small.txt"], "CANDIDATE_FIELDS"),
    "scan": (["scan", "seeds/small.txt"], "HIT_FIELDS"),
    "scan --count": (["scan", "--count", "seeds/small.txt"], "COUNT_FIELDS"),
    "lookup": (["lookup", "工程"], "LOOKUP_FIELDS"),
    "check": (["check"], "PROBLEM_FIELDS"),
}


@pytest.mark.parametrize("fmt", ["json", "jsonl", "tsv", "csv"])
@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_every_listing_command_renders_every_format_with_its_fields(run, name, fmt):
    import csv
    import io

    from glossary import fields

    args, fields_name = LISTINGS[name]
    names = [f.name for f in getattr(fields, fields_name)]
    out = run([*args, "--format", fmt])
    assert out.exit_code in (0, 1), out.stderr
    if fmt == "json":
        rows = json.loads(out.stdout)
        assert out.stdout.startswith("[\n  {") and out.stdout.endswith("}\n]\n")
        assert all(list(r) == names for r in rows)
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in out.stdout.splitlines()]
        assert all(list(r) == names for r in rows)
    elif fmt == "tsv":
        rows = out.stdout.splitlines()
        assert all(line.count("\t") == len(names) - 1 for line in rows)
    else:
        reader = csv.reader(io.StringIO(out.stdout, newline=""))
        header, *rows = list(reader)
        assert header == names and all(len(r) == len(names) for r in rows)
    assert rows, out.stdout


def test_json_flag_is_short_for_format_json(run):
    assert (
        run(["lookup", "--json", "bbzl"]).stdout
        == run(["lookup", "--format", "json", "bbzl"]).stdout
    )
    assert run(["check", "--json"]).stdout == run(["check", "--format", "json"]).stdout
    clash = run(["check", "--json", "--format", "tsv"])
    assert clash.exit_code == 2 and clash.stderr.count("\n") == 1


def test_help_documents_the_fields(run):
    out = run(["scan", "-h"]).stdout
    assert "Fields (keys of json and jsonl, columns of tsv and csv, in this order):" in out
    assert re.search(r"^ +column +1-based column, in characters$", out, re.M)
    assert "table|json|jsonl|tsv|csv|annotate" in out


# ------------------------------------------------------------------ what reaches the terminal
HOSTILE = "Double Eight\x1b[2J\x1b]0;pwned\x07 Strategy\x08"


@pytest.fixture
def hostile(project, monkeypatch):
    """The English of 八八战略 carries a screen clear, an OSC title sequence and a backspace (as
    a glossary from elsewhere may: the lookup returns what the index holds)."""
    import glossary.lookup

    real = glossary.lookup.lookup

    def lookup(*args, **kwargs):
        return [h._replace(entry={**h.entry, "en": HOSTILE}) for h in real(*args, **kwargs)]

    monkeypatch.setattr(glossary.lookup, "lookup", lookup)
    return HOSTILE


@pytest.mark.parametrize("fmt", ["card", "table"])
def test_control_characters_never_reach_the_terminal_raw(run, hostile, fmt):
    out = run(["lookup", "--format", fmt, "bbzl"])
    assert out.exit_code == 0
    assert "\x1b" not in out.stdout and "\x07" not in out.stdout and "\x08" not in out.stdout
    assert "Double Eight\\x1b[2J\\x1b]0;pwned\\x07" in out.stdout


def test_json_keeps_control_characters_exact(run, hostile):
    data = json.loads(run(["lookup", "--json", "bbzl"]).stdout)
    assert data[0]["en"] == hostile


def test_file_names_with_escapes_are_shown_harmlessly(run):
    doc = Path("\x1b[2Jreport.txt")
    doc.write_text("践行八八战略。\n", encoding="utf-8")
    out = run(["extract", str(doc)])
    assert out.exit_code == 0 and "\x1b" not in out.stdout and "\\x1b[2Jreport.txt:1" in out.stdout
    assert "\x1b" in json.loads(run(["extract", "--format", "json", str(doc)]).stdout)[0]["file"]
    out = run(["scan", str(doc), str(doc)])
    assert out.exit_code == 0 and "\x1b" not in out.stdout and "\\x1b[2Jreport.txt" in out.stdout


# ------------------------------------------------------------------------------- exit statuses
def test_an_unexpected_failure_is_one_line_and_exit_2(run, monkeypatch):
    import glossary.lookup

    def boom(*args, **kwargs):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(glossary.lookup, "lookup", boom)
    out = run(["lookup", "bbzl"])
    assert (out.exit_code, out.stdout, out.stderr) == (
        2,
        "",
        "glossary: internal error: RuntimeError: boom second line\n",
    )


def test_ctrl_c_exits_130_without_aborted(run, monkeypatch):
    import glossary.lookup

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(glossary.lookup, "lookup", interrupted)
    out = run(["lookup", "bbzl"])
    assert out.exit_code == 130
    assert "Aborted" not in out.stderr and out.stdout == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["scan", "--frob"], "glossary: no such option '--frob' (see 'glossary scan -h')\n"),
        (
            ["lookup"],
            "glossary: missing argument 'QUERY...' (see 'glossary lookup -h')\n",
        ),
        (["nosuch"], "glossary: no such command 'nosuch' (see 'glossary -h')\n"),
    ],
)
def test_a_usage_error_is_one_line_and_exit_2(run, args, message):
    out = run(args)
    assert (out.exit_code, out.stdout, out.stderr) == (2, "", message)


def test_scan_json_prints_nothing_before_failing(run):
    out = run(["scan", "--format", "json", "missing.txt"])
    assert (out.exit_code, out.stdout) == (2, "")
    out = run(["scan", "--format", "json", "--unknown", "missing.txt"])
    assert (out.exit_code, out.stdout) == (2, "")


def test_scan_json_of_nothing_is_an_empty_array(run):
    out = run(["scan", "--format", "json"], input="没有术语的一句话。\n")
    assert (out.exit_code, out.stdout) == (1, "[]\n")


# --------------------------------------------------------------------------------- -o PATH
def test_output_replaces_a_regular_file_atomically_keeping_its_mode(run, tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    assert run(["export", "--format", "json", "-o", str(target)]).exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))[0]["zh"]
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name != "proj"] == ["out.json"]  # no temp file


def test_output_through_a_symlink_replaces_the_target_and_keeps_the_link(run, tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "glossary.po").write_text("old", encoding="utf-8")
    link = tmp_path / "link.po"
    link.symlink_to(real / "glossary.po")
    assert run(["export", "--format", "po", "-o", str(link)]).exit_code == 0
    assert link.is_symlink()
    assert (real / "glossary.po").read_text(encoding="utf-8").startswith("#")
    assert link.read_text(encoding="utf-8") == (real / "glossary.po").read_text(encoding="utf-8")


def test_output_to_a_fifo_is_written_through(run, tmp_path):
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    out = run(["export", "--format", "tsv", "-o", str(fifo)])
    assert stat.S_ISFIFO(os.stat(fifo).st_mode), "the FIFO was replaced by a regular file"
    reader.join(10)
    assert out.exit_code == 0 and got and "八八战略\tDouble Eight Strategy" in got[0].decode()


def test_output_to_a_character_device_is_written_through(run):
    master, slave = os.openpty()
    try:
        name = os.ttyname(slave)
        out = run(["export", "--format", "tsv", "--status", "official", "-o", name])
        assert out.exit_code == 0, out.stderr
        os.set_blocking(master, False)
        data = b""
        try:
            while chunk := os.read(master, 65536):
                data += chunk
        except BlockingIOError:
            pass
        assert "八八战略" in data.decode("utf-8")
    finally:
        os.close(master)
        os.close(slave)


def test_output_to_a_folder_is_refused(run, tmp_path):
    out = run(["export", "--format", "csv", "-o", str(tmp_path)])
    assert (out.exit_code, out.stderr) == (2, f"glossary: {tmp_path}: is a directory\n")


@pytest.mark.parametrize("fmt", ["tsv", "json", "table"])
def test_a_reader_that_goes_away_is_not_an_error(project, fmt):
    import subprocess
    import sys

    Path("doc.txt").write_text("践行八八战略。\n" * 20000, encoding="utf-8")
    out = subprocess.run(
        [
            "bash",
            "-c",
            f"{sys.executable} -m glossary scan --format {fmt} doc.txt | head -c 10 >/dev/null;"
            " echo ${PIPESTATUS[0]}",
        ],
        capture_output=True,
        text=True,
    )
    assert (out.stdout, out.stderr) == ("0\n", "")


def test_curate_keeps_quotes_that_belong_to_a_part_of_the_term(run):
    assert run(["curate", "--reject", "工作“大禹鼎”", "“成长的烦恼”"]).exit_code == 0
    rows = Path("locales/curation.tsv").read_text(encoding="utf-8").splitlines()
    assert any(r.startswith("工作“大禹鼎”\treject") for r in rows)
    assert any(r.startswith("成长的烦恼\treject") for r in rows)


def _on_a_terminal(args: list[str], typed: bytes, cwd: Path) -> tuple[int, str]:
    """Run ``glossary ARGS`` with a terminal (a pseudo-terminal) on its standard input and
    output: type ``typed`` and one Ctrl-D, then read until the program ends; (its exit status,
    what the terminal showed). Killed after a minute if it still waits (the failure)."""
    import pty
    import select
    import signal
    import sys
    import time

    pid, fd = pty.fork()
    if pid == 0:  # the child: the program, in the project
        os.chdir(cwd)
        os.execv(sys.executable, [sys.executable, "-m", "glossary", *args])
    shown = b""
    try:
        while b"Ctrl-D" not in shown:  # wait for the prompt, then type
            shown += os.read(fd, 4096)
        os.write(fd, typed + b"\x04")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if select.select([fd], [], [], 0.5)[0]:
                try:
                    data = os.read(fd, 4096)
                except OSError:  # the program ended: the terminal is gone
                    break
                if not data:
                    break
                shown += data
        else:
            os.kill(pid, signal.SIGKILL)
    finally:
        os.close(fd)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), shown.decode("utf-8", "replace")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["scan"], "1:5       八八战略  Double Eight Strategy"),
        (["extract", "-"], "八八战略"),
        (["pinyin"], "shēn rù shí shī bā bā zhàn lüè"),
    ],
)
def test_standard_input_on_a_terminal_says_what_it_waits_for_and_ends_at_one_ctrl_d(
    project, args, expected
):
    code, shown = _on_a_terminal(args, "深入实施八八战略。\n".encode(), project)
    assert shown.startswith(
        "glossary: reading Chinese text from the terminal; end with Ctrl-D\r\n"
    ), shown
    assert code == 0 and expected in shown, shown
    # the same without a final newline: the Ctrl-D after the text ends it all the same
    code, shown = _on_a_terminal(["scan"], "深入实施八八战略。".encode(), project)
    assert code == 0 and "Double Eight Strategy" in shown, shown


def test_standard_input_from_a_pipe_is_not_announced(run):
    out = run(["scan"], input="深入实施八八战略。\n")
    assert out.exit_code == 0 and "Ctrl-D" not in out.stderr


@pytest.mark.parametrize("query", ["工程", "bbzl", "四个全面"])
def test_readme_shows_what_lookup_prints_in_80_columns(monkeypatch, query):
    """The README's compact list and card are the shipped glossary's own output."""
    root = Path(__file__).resolve().parents[1]
    monkeypatch.setenv("COLUMNS", "80")
    _run(["--locales", str(root / "locales"), "lookup", "-n", "1", "bbzl"])  # builds the index
    out = _run(["--locales", str(root / "locales"), "lookup", query])
    shown = "".join(f"    {line}\n" for line in out.stdout.splitlines())
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert f"`glossary lookup {query}`" in readme and shown in readme, (
        f"the README's example of glossary lookup {query} is stale; it is now:\n{shown}"
    )


def test_tm_lookup_table_on_a_folder_with_a_memory_and_no_glossary(tmp_path, monkeypatch):
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "memory-only"
    folder.mkdir()
    (folder / "memory.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "推进千万工程。"\nmsgstr "We advanced the Green Rural Revival Program."\n',
        encoding="utf-8",
    )
    out = _run(["--locales", str(folder), "tm", "lookup", "推进千万工程。"])
    assert out.exit_code == 0  # was 2: the term hints wanted a glossary
    assert "Green Rural Revival" in out.stdout


# ----------------------------------------------------------------------- formulas and parts
def test_lookup_card_shows_a_formulas_parts_and_former_version(formulas, run):
    out = run(["lookup", "四个全面"])
    assert out.exit_code == 0
    assert out.stdout.split("\n")[5:13] == [
        "parts      1. 全面建设社会主义现代化国家  build a modern socialist country in all respects",
        "           2. 全面深化改革  deepen reform comprehensively",
        "           3. 全面依法治国  law-based governance on all fronts",
        "           4. 全面从严治党  full and rigorous Party self-governance",
        "listed in  Report to the 20th National Congress of the CPC, Xinhua, 2022",
        "former     2014-2020: 全面建成小康社会; 全面深化改革; 全面依法治国; 全面从严治党  (Xi Jinping in Jiangsu,",
        "           Xinhua, December 2014)",
        "match      exact (zh)",
    ]


def test_lookup_card_marks_clause_parts_and_names_a_parts_formulas(formulas, run):
    clauses = run(["lookup", "两个确立"]).stdout
    assert (
        "parts      1. 确立习近平同志党中央的核心、全党的核心地位  establish Comrade Xi Jinping's core "
        "position on\n              the Party Central Committee and in the Party as a whole  (clause)\n"
    ) in clauses
    assert run(["lookup", "全面深化改革"]).stdout == (
        "term      全面深化改革\n"
        "pinyin    quán miàn shēn huà gǎi gé\n"
        "English   deepen reform comprehensively  [established, unreviewed]\n"
        "category  concept\n"
        "part of   四个全面 (Four-Pronged Comprehensive Strategy)\n"
        "match     exact (zh)\n"
    )


def test_lookup_table_marks_a_formula_and_json_carries_the_parts(formulas, run):
    table = run(["lookup", "全面"]).stdout.split("\n")
    assert table[2].startswith("四个全面 [4 parts]          四個全面 ")
    assert table[3].startswith("全面从严治党                全面從嚴治黨")
    (record,) = json.loads(run(["lookup", "--format", "json", "四个全面"]).stdout)
    assert record["parts"][3] == {
        "zh": "全面从严治党",
        "en": "full and rigorous Party self-governance",
        "entry": True,
    }
    assert record["parts_former"][0]["parts"][0] == "全面建成小康社会"
    assert (record["no_parts"], record["part_of"]) == ("", [])
    tsv = run(["lookup", "--format", "tsv", "全面深化改革"]).stdout.split("\t")
    assert tsv[-5:-2] == [
        "",
        "",
        '[{"zh": "四个全面", "en": "Four-Pronged Comprehensive Strategy"}]',
    ]
