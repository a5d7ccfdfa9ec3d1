import codecs

import pytest

from glossary.errors import InputError
from glossary.textio import detect_encoding, iter_lines, iter_segments

TEXT_HANS = "深入践行“八八战略”,加快打造长三角城市群重要中心城市。\n坚持“两个确立”。\n"
TEXT_HANT = "深入踐行「八八戰略」,加快打造長三角城市群重要中心城市。\n堅持「兩個確立」。\n"


@pytest.mark.parametrize(
    ("data", "label"),
    [
        (TEXT_HANS.encode("utf-8"), "UTF-8"),
        (codecs.BOM_UTF8 + TEXT_HANS.encode("utf-8"), "UTF-8 with BOM"),
        (TEXT_HANS.encode("utf-16"), "UTF-16LE with BOM"),
        (codecs.BOM_UTF16_BE + TEXT_HANS.encode("utf-16-be"), "UTF-16BE with BOM"),
        (TEXT_HANS.encode("utf-16-le"), "UTF-16LE"),
        (TEXT_HANS.encode("utf-16-be"), "UTF-16BE"),
        (TEXT_HANS.encode("gb18030"), "GB18030"),
        (TEXT_HANT.encode("big5"), "Big5"),
        ("八八戰略\n".encode("big5"), "Big5"),
        ("八八战略\n".encode("gb18030"), "GB18030"),
    ],
)
def test_detect_encoding(data, label):
    assert detect_encoding(data).label == label


@pytest.mark.parametrize("enc", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "gb18030"])
def test_iter_lines_decodes(tmp_path, enc):
    path = tmp_path / "doc.txt"
    path.write_bytes(TEXT_HANS.encode(enc))
    assert [line for _, line in iter_lines(path)] == TEXT_HANS.splitlines()


def test_big5_lines(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_bytes(TEXT_HANT.encode("big5"))
    assert list(iter_lines(path)) == [
        (1, TEXT_HANT.splitlines()[0]),
        (2, TEXT_HANT.splitlines()[1]),
    ]


def test_keep_ends_keeps_crlf(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_bytes("一\r\n二\n".encode())
    assert [line for _, line in iter_lines(path, keep_ends=True)] == ["一\r\n", "二\n"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty input"),
        (b"  \n\n", "empty input"),
        (bytes(range(256)) * 4, "binary data"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
    ],
)
def test_bad_input(tmp_path, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=message):
        list(iter_lines(path))


def test_missing_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(iter_lines(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match="is a directory"):
        list(iter_lines(tmp_path))


def test_undecodable_later_line_names_the_line(tmp_path):
    path = tmp_path / "mixed.txt"
    good = ("八八战略\n" * 20000).encode("utf-8")  # past the 64 KiB sample
    path.write_bytes(good + b"\xff\xfe\xfa broken\n")
    with pytest.raises(InputError, match=r"line 20001: bytes that are not UTF-8"):
        list(iter_lines(path))


def test_segments_skip_blank_lines_and_zero_width(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text("八八\u200b战略\n\n千万工程\n", encoding="utf-8")
    segs = list(iter_segments([path], labels=["doc.txt"]))
    assert [(s.file, s.line, s.text) for s in segs] == [
        ("doc.txt", 1, "八八战略"),
        ("doc.txt", 3, "千万工程"),
    ]


# ------------------------------------------------------------- pipes, evidence, bounded memory
import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
from pathlib import Path  # noqa: E402

from glossary.textio import MAX_LINE, iter_utf8_blocks, peek_encoding, read_text  # noqa: E402

JAPANESE = (
    "日本国憲法は、国民主権、基本的人権の尊重、平和主義の三つを基本原理としている。"
    "東京都は日本の首都であり、多くの人々が暮らしている。\n"
) * 3


def _fifo(tmp_path, data: bytes) -> Path:
    """A FIFO that a thread fills with ``data`` once it is opened."""
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)

    def feed():
        with open(path, "wb") as f:
            f.write(data)

    threading.Thread(target=feed, daemon=True).start()
    return path


def test_a_fifo_is_read_as_a_stream_after_its_encoding_is_peeked(tmp_path):
    path = _fifo(tmp_path, TEXT_HANS.encode("gb18030"))
    assert peek_encoding(path).label == "GB18030"  # what extract and scan do first
    assert [line for _, line in iter_lines(path)] == TEXT_HANS.splitlines()


def test_a_fifo_in_utf16(tmp_path):
    path = _fifo(tmp_path, TEXT_HANS.encode("utf-16"))
    assert [line for _, line in iter_lines(path)] == TEXT_HANS.splitlines()


@pytest.mark.parametrize(
    "command",
    [
        "extract --format tsv <(cat doc.txt)",
        "scan --count <(cat doc.txt)",
        "scan --count --format json <(cat doc.txt)",
        "scan --format json <(cat doc.txt)",
        "scan --format tsv <(cat doc.txt)",
    ],
)
def test_process_substitution_works_for_every_reading_command(project, command):
    Path("doc.txt").write_text(TEXT_HANS, encoding="utf-8")
    out = subprocess.run(
        ["bash", "-c", f"{sys.executable} -m glossary {command}"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert "八八战略" in out.stdout and "empty input" not in out.stderr


@pytest.mark.parametrize(
    "data",
    [
        ("正文" * 100 + "\x00" + "八八战略\n" * 50).encode("utf-8"),
        ("ASCII text, " * 20 + "one NUL\x00 byte, then more text.").encode("utf-8"),
    ],
)
def test_utf8_with_a_nul_byte_is_utf8(data):
    assert detect_encoding(data).label == "UTF-8"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            JAPANESE.encode("shift_jis"),
            r"not UTF-8, and GB18030/Big5 decoding is doubtful \(.*looks like Shift-JIS\?\)",
        ),
        (JAPANESE.encode("euc_jp"), r"doubtful \(.*looks like EUC-JP\?\)"),
        ("café au lait, résumé\n".encode("latin-1"), "cannot decode as UTF-8"),
    ],
)
def test_detection_needs_evidence(data, message):
    with pytest.raises(InputError, match=message):
        detect_encoding(data)


def test_shift_jis_is_not_imported_as_mojibake(project, tmp_path):
    from glossary.app import import_file

    path = tmp_path / "terms.tsv"
    path.write_bytes(("東京都\tTokyo\n日本国憲法\tConstitution of Japan\n" * 3).encode("shift_jis"))
    with pytest.raises(InputError, match=r"terms.tsv: not UTF-8, .* doubtful"):
        import_file(str(path), locales=Path("locales"), fmt="tsv", dry_run=True, overwrite=False)


@pytest.mark.parametrize(
    ("data", "line"),
    [
        ("一\n二\n三\n".encode("utf-16-le") + b"\x41", 4),  # odd length: a lone byte at the end
        ("一\n二\n".encode("utf-16") + b"\x00\xd8" + "三\n".encode("utf-16-le"), 3),
        ("line 1: 八八战略\nline 2: 千万工程\n".encode("utf-16-le") + b"\x00\xd8" + b"3\x00", 3),
        (codecs.BOM_UTF16_BE + "一\n".encode("utf-16-be") + b"\xdc\x00\x00\n", 2),
    ],
)
def test_bad_utf16_names_its_line(tmp_path, data, line):
    path = tmp_path / "wide.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=rf"wide.txt: line {line}: bytes that are not UTF-16"):
        list(iter_lines(path))
    with pytest.raises(InputError, match=rf"wide.txt: line {line}: bytes that are not UTF-16"):
        list(iter_utf8_blocks(path))


@pytest.mark.parametrize(
    "data",
    [
        "八八战略\n".encode() * 10 + b"\xff\xfe\xfa broken\n",
        "一\n二\n".encode("utf-16") + b"\x41",
        "一\n二\n".encode("utf-16") + b"\x00\xd8",
    ],
)
def test_scan_and_scan_count_fail_alike(run, tmp_path, data):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    plain = run(["scan", str(path)])
    count = run(["scan", "--count", str(path)])
    assert (plain.exit_code, count.exit_code) == (2, 2)
    assert plain.stderr == count.stderr
    assert plain.stderr.splitlines()[-1].startswith(f"glossary: {path}: line ")
    assert "Traceback" not in plain.stderr


def test_a_long_line_is_refused_with_its_number(tmp_path):
    path = tmp_path / "long.txt"
    path.write_bytes(b"short\n" + b"a" * (MAX_LINE + 10) + b"\nend\n")
    with pytest.raises(InputError, match=r"long.txt: line 2: longer than 1 MiB"):
        list(iter_lines(path))
    wide = tmp_path / "wide.txt"
    wide.write_bytes(("短\n" + "长" * (MAX_LINE + 10)).encode("utf-16"))
    with pytest.raises(InputError, match=r"wide.txt: line 2: longer than 1 MiB"):
        list(iter_lines(wide))


def test_lines_up_to_the_limit_are_read(tmp_path):
    path = tmp_path / "ok.txt"
    path.write_bytes(b"x" * (MAX_LINE - 1) + b"\n\xe5\x85\xab\n")
    assert [len(line) for _, line in iter_lines(path)] == [MAX_LINE - 1, 1]


def _peak_rss_mb(args, **kwargs):
    """Run ``python -m glossary ARGS`` under a 1 GiB address-space limit; (result, peak MiB)."""
    import resource

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    code = (
        "import resource, runpy, sys\n"
        "sys.argv = ['glossary', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('glossary', run_name='__main__')\n"
        "finally:\n"
        "    print('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        preexec_fn=limit,
        check=False,
        env=dict(os.environ, GLOSSARY_WORKERS="1"),
        **kwargs,
    )
    peak = int(out.stderr.rsplit("PEAK ", 1)[-1].split()[0]) // 1024
    return out, peak


@pytest.mark.parametrize("command", [["pinyin"], ["hant"], ["scan"], ["extract"]])
def test_dev_zero_is_refused_as_binary_in_bounded_memory(project, command):
    with open("/dev/zero", "rb") as zero:
        args = command if command[0] in ("pinyin", "hant") else [*command, "/dev/zero"]
        out, peak = _peak_rss_mb(args, stdin=zero, timeout=60)
    assert out.returncode == 2, out.stderr
    assert "binary data (NUL bytes)" in out.stderr and "Traceback" not in out.stderr
    assert peak < 300


@pytest.mark.parametrize("command", [["scan"], ["scan", "--count"], ["extract"], ["pinyin"]])
def test_a_huge_single_line_stays_in_bounded_memory(project, tmp_path, command):
    path = tmp_path / "one-line.txt"
    with open(path, "wb") as f:
        chunk = "八八战略千万工程".encode() * (1 << 15)
        for _ in range(64):  # 48 MiB, no newline
            f.write(chunk)
    if command == ["pinyin"]:
        with open(path, "rb") as stdin:
            out, peak = _peak_rss_mb(command, stdin=stdin, timeout=120)
    else:
        out, peak = _peak_rss_mb([*command, str(path)], timeout=120)
    assert out.returncode == 2, out.stderr
    assert "line 1: longer than 1 MiB" in out.stderr and "Traceback" not in out.stderr
    assert peak < 300


def test_read_text_respects_a_po_header_charset(tmp_path):
    po = tmp_path / "x.po"
    text = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=GB18030\\n"\n\nmsgid "八八战略"\nmsgstr "Double Eight"\n'
    po.write_bytes(text.encode("gb18030"))
    assert read_text(po, po=True) == (text, read_text(po, po=True)[1])
    assert read_text(po, po=True)[1].encoding == "gb18030"


class _Terminal:
    """Standard input on a terminal: each read gives what one read(2) would, a line (or the
    text typed before a Ctrl-D); an empty read is a Ctrl-D at the start of a line."""

    def __init__(self, *reads: bytes) -> None:
        self.reads = list(reads)
        self.calls = 0

    def isatty(self) -> bool:
        return True

    def read1(self, size: int) -> bytes:
        self.calls += 1
        if not self.reads:
            raise AssertionError("read again after the end: a second Ctrl-D would be needed")
        return self.reads.pop(0)


@pytest.mark.parametrize(
    "reads",
    [
        ("八八战略\n".encode(), "千万工程\n".encode(), b""),  # Ctrl-D at the start of a line
        ("八八战略\n".encode(), "千万工程".encode()),  # Ctrl-D after text: the end as well
    ],
)
def test_standard_input_on_a_terminal_ends_at_one_ctrl_d(monkeypatch, reads):
    import types

    terminal = _Terminal(*reads)
    monkeypatch.setattr("sys.stdin", types.SimpleNamespace(buffer=terminal, isatty=lambda: True))
    assert list(iter_lines("-")) == [(1, "八八战略"), (2, "千万工程")]
    assert terminal.calls == len(reads)  # never read again after the end


def test_standard_input_from_a_pipe_is_read_to_its_empty_read(monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO("八八战略\n千万".encode())))
    assert list(iter_lines("-")) == [(1, "八八战略"), (2, "千万")]
