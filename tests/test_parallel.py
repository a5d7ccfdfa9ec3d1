"""Large files go to every core; the result must be the one-pass result, byte for byte."""

from pathlib import Path

import pytest

from glossary import parallel
from glossary.app import extract_candidates, run_scan

LINES = [
    "深入践行“八八战略”,扎实推进“千万工程”,加快打造长三角城市群重要中心城市。",
    "实施红色根脉强基工程,发展新质生产力,建设运河湾科创走廊。",
    "深入踐行「八八戰略」,扎實推進「千萬工程」,實施紅色根脈強基工程。",
    "没有术语的一行。",
]


@pytest.fixture
def big(tmp_path, monkeypatch):
    """A document of a few hundred lines, with 'large' and 'range' made small enough to split it."""
    monkeypatch.setattr(parallel, "MIN_PARALLEL_BYTES", 1)
    monkeypatch.setattr(parallel, "RANGE_BYTES", 4096)
    doc = tmp_path / "big.txt"
    text = "\n".join(LINES[i % len(LINES)] + f"第{i}行。" for i in range(400))  # no final newline
    doc.write_text(text, encoding="utf-8")
    return doc


def _scan(doc: Path, fmt: str, count: bool, workers: str, monkeypatch) -> str:
    monkeypatch.setenv("GLOSSARY_WORKERS", workers)
    out: list[str] = []
    run_scan(
        [str(doc)], locales=Path("locales"), fmt=fmt, count=count, unknown=False, write=out.append
    )
    return "".join(out)


@pytest.mark.parametrize(
    ("fmt", "count"), [("tsv", False), ("json", False), ("jsonl", False), ("tsv", True)]
)
def test_scan_on_every_core_equals_one_pass(project, big, monkeypatch, fmt, count):
    one = _scan(big, fmt, count, "1", monkeypatch)
    many = _scan(big, fmt, count, "2", monkeypatch)
    assert many == one
    if count:
        assert "八八战略\t200\tDouble Eight Strategy\n" in one
    else:
        assert one.count("八八战略") >= 200


def test_extract_on_every_core_equals_one_pass(project, big):
    one = extract_candidates([str(big)], locales=Path("locales"), workers=1)
    many = extract_candidates([str(big)], locales=Path("locales"), workers=2)
    assert many == one
    first = {c.zh_hans: c for c in one}["八八战略"]
    assert (first.count, first.line, first.locations[:2]) == (200, 1, (f"{big}:1", f"{big}:3"))


def test_extract_counts_a_form_the_rules_find_the_same_on_every_core(big):
    # 三个代表 (a variant inside its entry's form) is counted by the rules on every line: it
    # was counted once per collector, 1 on one core and one per range on two
    line = "坚持马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观。"
    big.write_text("\n".join(f"{line}第{i}行。" for i in range(300)), encoding="utf-8")
    shipped = Path(__file__).resolve().parent.parent / "locales"
    one = extract_candidates([str(big)], locales=shipped, workers=1)
    many = extract_candidates([str(big)], locales=shipped, workers=2)
    assert many == one
    assert {c.zh_hans: c.count for c in one}["三个代表"] == 300


def test_bad_bytes_in_a_later_range_name_their_line(project, big, monkeypatch):
    data = big.read_bytes().split(b"\n")
    data[350] = b"\xff\xfe broken"
    big.write_bytes(b"\n".join(data))
    from glossary.errors import InputError

    with pytest.raises(InputError, match=r"big.txt: line 351: bytes that are not UTF-8"):
        extract_candidates([str(big)], locales=Path("locales"), workers=2)


@pytest.mark.parametrize("fmt", ["tsv", "json", "jsonl"])
def test_parts_copied_as_bytes_equal_one_pass(project, big, monkeypatch, fmt):
    # the CLI copies the workers' part files to its output as bytes, the first JSON item's
    # comma skipped by the copy itself
    one = _scan(big, fmt, False, "1", monkeypatch)
    monkeypatch.setenv("GLOSSARY_WORKERS", "2")
    out: list[str] = []
    skips: list[int] = []

    def copy(path: str, skip: int) -> None:
        skips.append(skip)
        out.append(Path(path).read_bytes()[skip:].decode("utf-8"))

    run_scan(
        [str(big)],
        locales=Path("locales"),
        fmt=fmt,
        count=False,
        unknown=False,
        write=out.append,
        copy_file=copy,
    )
    assert "".join(out) == one
    assert len(skips) > 1
    assert skips[0] == (1 if fmt == "json" else 0)
    assert set(skips[1:]) == {0}


def _square_or_fail(n: int) -> int:
    if n == 5:
        raise parallel.GlossaryError("job 5 failed")
    return n * n


def test_fork_map_keeps_the_order_of_the_jobs_and_raises_at_the_failing_one():
    assert list(parallel.fork_map(_square_or_fail, [1, 2, 3, 4], workers=3)) == [1, 4, 9, 16]
    results = parallel.fork_map(_square_or_fail, [3, 4, 5, 6, 7], workers=2)
    assert [next(results), next(results)] == [9, 16]
    with pytest.raises(parallel.GlossaryError, match="job 5 failed"):
        next(results)


def _children() -> set[str]:
    import os

    pid = os.getpid()
    with open(f"/proc/{pid}/task/{pid}/children") as f:
        return set(f.read().split())


def test_fork_map_closed_early_ends_its_workers():
    before = _children()
    results = parallel.fork_map(_square_or_fail, list(range(6)), workers=2)
    assert next(results) == 0
    assert len(_children() - before) == 2
    results.close()
    assert _children() - before == set()  # ended and waited for


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig"])
@pytest.mark.parametrize("fmt", ["tsv", "jsonl"])
def test_scan_on_every_core_counts_the_lines_and_characters_before_each_range(
    project, big, monkeypatch, encoding, fmt
):
    # the workers count what comes before their ranges (the file is not counted before the fork)
    big.write_bytes(big.read_text(encoding="utf-8").encode(encoding))
    one = _scan(big, fmt, False, "1", monkeypatch)
    assert _scan(big, fmt, False, "2", monkeypatch) == one
    assert one.count("八八战略") >= 200
