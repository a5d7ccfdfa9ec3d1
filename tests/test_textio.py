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
