import json
from pathlib import Path

import pytest

from glossary.scan import iter_hits
from glossary.terms import load_terms


def _hits(tmp_path, text, encoding="utf-8"):
    doc = tmp_path / "doc.txt"
    doc.write_bytes(text.encode(encoding))
    return list(iter_hits([str(doc)], scanner=load_terms(Path("locales"))))


def test_leftmost_longest_non_overlapping(project, tmp_path):
    hits = _hits(tmp_path, "加快打造长三角城市群,践行八八战略和千万工程。\n")
    assert [(h.zh, h.start, h.end, h.line, h.column) for h in hits] == [
        ("长三角", 4, 7, 1, 5),
        ("八八战略", 13, 17, 1, 14),
        ("千万工程", 18, 22, 1, 19),
    ]


def test_offsets_count_every_character_of_the_decoded_text(project, tmp_path):
    hits = _hits(tmp_path, "第一行\r\n第二行有八八战略\n")
    assert [(h.line, h.column, h.start, h.end) for h in hits] == [(2, 5, 9, 13)]


def test_traditional_text_and_big5(project, tmp_path):
    hits = _hits(tmp_path, "深入踐行「八八戰略」,扎實推進「千萬工程」。\n", encoding="big5")
    assert [(h.zh, h.matched, h.en) for h in hits] == [
        ("八八战略", "八八戰略", "Double Eight Strategy"),
        ("千万工程", "千萬工程", "Green Rural Revival Program"),
    ]


def test_cli_formats(run, tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text("践行八八战略,八八战略,千万工程。\n", encoding="utf-8")
    out = run(["scan", "--format", "json", str(doc)])
    assert out.exit_code == 0
    data = json.loads(out.stdout)
    assert data[0] == {
        "zh": "八八战略",
        "matched": "八八战略",
        "en": "Double Eight Strategy",
        "start": 2,
        "end": 6,
        "line": 1,
        "column": 3,
        "file": str(doc),
        "formula": "",
    }
    counted = run(["scan", "--count", "--format", "tsv", str(doc)])
    assert (
        counted.stdout
        == "八八战略\t2\tDouble Eight Strategy\n千万工程\t1\tGreen Rural Revival Program\n"
    )
    annotated = run(["scan", "--format", "annotate", str(doc)])
    assert annotated.stdout == (
        "践行八八战略[Double Eight Strategy],八八战略[Double Eight Strategy],"
        "千万工程[Green Rural Revival Program]。\n"
    )
    table = run(["scan", str(doc)])
    assert "Double Eight Strategy" in table.stdout
    assert table.stdout.splitlines()[2].startswith("1:3 ")


def test_cli_stdin_nothing_found_and_unknown(run):
    assert run(["scan"], input="没有术语的一句话。\n").exit_code == 1
    out = run(["scan", "--unknown"], input="践行八八战略,实施运河湾科创走廊建设行动。\n")
    assert out.exit_code == 0
    assert "运河湾科创走廊" in out.stdout and "not in the glossary" in out.stdout


def test_json_with_unknown_is_one_document(run):
    out = run(
        ["scan", "--format", "json", "--unknown"],
        input="践行八八战略,实施运河湾科创走廊建设行动。\n",
    )
    data = json.loads(out.stdout)
    assert list(data) == ["schema", "hits", "unknown"] and data["schema"] == 1
    assert [h["zh"] for h in data["hits"]] == ["八八战略"]
    assert "运河湾科创走廊" in [c["zh"] for c in data["unknown"]]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030"])
def test_count_in_every_encoding(run, tmp_path, encoding):
    doc = tmp_path / "doc.txt"
    text = "践行八八战略,八八战略\n千万工程。" if encoding != "big5" else ""
    doc.write_bytes(text.encode(encoding))
    out = run(["scan", "--count", "--format", "tsv", str(doc)])
    assert (
        out.stdout
        == "八八战略\t2\tDouble Eight Strategy\n千万工程\t1\tGreen Rural Revival Program\n"
    )


def test_count_big5(run, tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_bytes("深入踐行「八八戰略」\n推進「千萬工程」".encode("big5"))
    out = run(["scan", "--count", "--format", "tsv", str(doc)])
    assert (
        out.stdout
        == "八八战略\t1\tDouble Eight Strategy\n千万工程\t1\tGreen Rural Revival Program\n"
    )


@pytest.mark.parametrize("fmt", ["json", "jsonl", "tsv"])
def test_the_fast_path_writes_what_the_renderer_writes(project, tmp_path, fmt):
    from glossary.app import run_scan
    from glossary.fields import HIT_FIELDS, hit_row
    from glossary.render import render_rows

    doc = tmp_path / "doc.txt"
    doc.write_text("践行八八战略,八八戰略\n\n千万工程。长三角\n", encoding="utf-8")
    fast: list[str] = []
    run_scan(
        [str(doc)], locales=Path("locales"), fmt=fmt, count=False, unknown=False, write=fast.append
    )
    generic: list[str] = []
    hits = iter_hits([str(doc)], scanner=load_terms(Path("locales")))
    assert render_rows(map(hit_row, hits), HIT_FIELDS, fmt, generic.append) == 4
    assert "".join(fast) == "".join(generic)


@pytest.mark.parametrize("english", ["plain", "a\tb", "back\\slash", "two\nlines"])
def test_the_fast_tsv_escapes_as_the_renderer_does(english):
    from glossary.fields import HIT_FIELDS
    from glossary.render import RowWriter
    from glossary.scan import format_hits
    from glossary.terms import Terms

    scanner = Terms(["八八战略", "千万工程"], ["八八战略", "千万工程"], ["Double Eight", english])
    line = "践行八八战略和千万工程\n"
    found = scanner.matches(line)
    generic: list[str] = []
    writer = RowWriter("tsv", HIT_FIELDS, generic.append)
    for i, a, b in found:
        writer.row(
            {
                "file": "d.txt",
                "line": 3,
                "column": a + 1,
                "start": 10 + a,
                "end": 10 + b,
                "matched": line[a:b],
                "zh": scanner.zh[i],
                "en": scanner.en[i],
                "formula": "",
            }
        )
    assert format_hits(scanner, "tsv", "d.txt")(3, -1, 10, found) == "".join(generic)
    assert "".join(generic).count("\n") == 2


def test_csv_and_jsonl(run, tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text("践行八八战略。\n", encoding="utf-8")
    assert run(["scan", "--format", "csv", str(doc)]).stdout_bytes.decode() == (
        "file,line,column,start,end,matched,zh,en,formula\r\n"
        f"{doc},1,3,2,6,八八战略,八八战略,Double Eight Strategy,\r\n"
    )
    assert json.loads(run(["scan", "--format", "jsonl", str(doc)]).stdout)["start"] == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--unknown", "--format", "tsv"], "--unknown goes with --format table or json, not tsv"),
        (["--count", "--format", "annotate"], "--count goes with --format table, json"),
    ],
)
def test_options_without_an_output_are_refused(run, args, message):
    out = run(["scan", *args], input="八八战略\n")
    assert out.exit_code == 2 and message in out.stderr and out.stdout == ""


def test_count_json_with_unknown_is_one_document(run):
    out = run(
        ["scan", "--count", "--format", "json", "--unknown"],
        input="践行八八战略,实施运河湾科创走廊建设行动。\n",
    )
    data = json.loads(out.stdout)
    assert list(data) == ["schema", "counts", "unknown"]
    assert data["counts"] == [{"zh": "八八战略", "count": 1, "en": "Double Eight Strategy"}]
    assert "运河湾科创走廊" in [c["zh"] for c in data["unknown"]]


# ---------------------------------------------------------------------------- formulas' parts
FORMULA_DOC = "全面依法治国。坚持四个全面，全面深化改革，\n全面从严治党。\n"


def test_a_part_after_its_formula_says_which_formula(formulas, run, tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text(FORMULA_DOC, encoding="utf-8")
    rows = json.loads(run(["scan", "--format", "json", str(doc)]).stdout)
    assert [(r["zh"], r["line"], r["formula"]) for r in rows] == [
        ("全面依法治国", 1, ""),  # before the document names the formula
        ("四个全面", 1, ""),
        ("全面深化改革", 1, "四个全面"),
        ("全面从严治党", 2, "四个全面"),
    ]
    tsv = run(["scan", "--format", "tsv", str(doc)]).stdout.splitlines()
    assert [line.rsplit("\t", 2)[1:] for line in tsv] == [
        ["law-based governance on all fronts", ""],
        ["Four-Pronged Comprehensive Strategy", ""],
        ["deepen reform comprehensively", "四个全面"],
        ["full and rigorous Party self-governance", "四个全面"],
    ]
    csv_rows = run(["scan", "--format", "csv", str(doc)]).stdout.splitlines()
    assert csv_rows[3].endswith(",全面深化改革,全面深化改革,deepen reform comprehensively,四个全面")
    assert run(["scan", "--format", "annotate", str(doc)]).stdout == (
        "全面依法治国[law-based governance on all fronts]。坚持四个全面[Four-Pronged Comprehensive "
        "Strategy]，全面深化改革[deepen reform comprehensively; part of 四个全面]，\n"
        "全面从严治党[full and rigorous Party self-governance; part of 四个全面]。\n"
    )
    table = run(["scan", str(doc)]).stdout.splitlines()
    assert table[0].split() == ["line:col", "term", "English", "part", "of"]
    assert table[4].split()[-1] == "四个全面"
    # a new document starts with no formula named
    other = tmp_path / "other.txt"
    other.write_text("全面深化改革。\n", encoding="utf-8")
    rows = json.loads(run(["scan", "--format", "json", str(doc), str(other)]).stdout)
    assert [(r["file"][-9:], r["zh"], r["formula"]) for r in rows][-1] == (
        "other.txt",
        "全面深化改革",
        "",
    )


def test_a_table_without_parts_has_no_formula_column(run, tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text("践行八八战略。\n", encoding="utf-8")
    assert run(["scan", str(doc)]).stdout.splitlines()[0].split() == ["line:col", "term", "English"]


@pytest.mark.parametrize("fmt", ["tsv", "json", "jsonl"])
def test_the_formula_of_a_part_on_every_core_equals_one_pass(formulas, tmp_path, monkeypatch, fmt):
    from glossary import parallel
    from glossary.app import run_scan

    monkeypatch.setattr(parallel, "MIN_PARALLEL_BYTES", 1)
    doc = tmp_path / "big.txt"
    lines = [
        "全面深化改革，没有术语的一行。" if i < 150 else "没有术语的一行。" for i in range(300)
    ]
    lines[200] = "四个全面。"
    lines[299] = "全面从严治党。"
    doc.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def scan(workers: str) -> str:
        monkeypatch.setenv("GLOSSARY_WORKERS", workers)
        out: list[str] = []
        run_scan(
            [str(doc)],
            locales=Path("locales"),
            fmt=fmt,
            count=False,
            unknown=False,
            write=out.append,
        )
        return "".join(out)

    cuts = []
    real_cuts = parallel._cuts
    monkeypatch.setattr(parallel, "_cuts", lambda *a: cuts.append(real_cuts(*a)) or cuts[-1])
    one = scan("1")
    assert cuts == []
    assert scan("3") == one
    assert len(cuts[-1]) == 4  # three ranges: the formula in the second, the last part in the third
    assert one.count("四个全面") == 3  # the formula's hit (matched, zh), the last part's formula
    assert one.count("全面深化改革") == 300
    # several ranges a worker: each reads on from the end of its previous range, where its own
    # range named the formula
    lines = ["全面深化改革，没有术语的一行。"] * 300
    lines[10] = "四个全面。"
    doc.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(parallel, "RANGE_BYTES", 1500)
    one = scan("1")
    assert scan("2") == one
    assert len(cuts[-1]) > 5
    assert one.count("四个全面") == 2 + 289


def _toy_scanner(en_formula: str = "Four-Pronged"):
    from glossary.terms import Relations, Terms

    scanner = Terms.from_forms(
        [
            ("四个全面", "四个全面", en_formula, None),
            ("两个确立", "两个确立", "Two Establishes", None),
            ("全面深化改革", "全面深化改革", "deepen reform", None),
            ("改革开放", "改革开放", "reform and opening up", None),
        ]
    )
    scanner.relations = Relations(
        {"四个全面": ["四个全面"], "两个确立": ["两个确立"]},
        {"全面深化改革": ["四个全面", "两个确立"]},
        {"全面深化改革": ["全面深化改革"]},
    )
    return scanner


@pytest.mark.parametrize("en_formula", ["Four-Pronged", "Four\x00Pronged"])
def test_formatted_parts_follow_the_formulas_named_on_the_same_line(en_formula):
    from glossary.scan import format_hits

    scanner = _toy_scanner(en_formula)
    tsv = format_hits(scanner, "tsv", "d")
    lines = [
        "全面深化改革，改革开放",
        "四个全面，全面深化改革",
        "两个确立，全面深化改革",
        "改革开放",
    ]
    out = []
    offset = 0
    for n, line in enumerate(lines, 1):
        out.append(tsv(n, -1, offset, scanner.matches(line)))
        offset += len(line) + 1
    assert "".join(out).splitlines() == [
        "d\t1\t1\t0\t6\t全面深化改革\t全面深化改革\tdeepen reform\t",
        "d\t1\t8\t7\t11\t改革开放\t改革开放\treform and opening up\t",
        f"d\t2\t1\t12\t16\t四个全面\t四个全面\t{en_formula}\t",
        "d\t2\t6\t17\t23\t全面深化改革\t全面深化改革\tdeepen reform\t四个全面",
        "d\t3\t1\t24\t28\t两个确立\t两个确立\tTwo Establishes\t",
        "d\t3\t6\t29\t35\t全面深化改革\t全面深化改革\tdeepen reform\t四个全面; 两个确立",
        "d\t4\t1\t36\t40\t改革开放\t改革开放\treform and opening up\t",
    ]


def test_a_formatter_named_before_starts_where_a_context_stands():
    from glossary.scan import FormulaContext, format_hits

    scanner = _toy_scanner()
    context = FormulaContext(scanner, ["两个确立", "四个全面", "两个确立"])
    assert context.named == {"两个确立": 0, "四个全面": 1}
    as_json = format_hits(scanner, "jsonl", "d", context=context)
    line = "全面深化改革"
    assert json.loads(as_json(7, -1, 100, scanner.matches(line)))["formula"] == (
        "两个确立; 四个全面"
    )
    assert format_hits(scanner, "jsonl", "d")(7, -1, 100, scanner.matches(line)).endswith(
        '"formula": ""}\n'
    )


@pytest.mark.parametrize("fmt", ["tsv", "json", "jsonl"])
def test_an_encoded_formatter_gives_the_utf8_bytes_of_the_text(fmt):
    from glossary.scan import format_hits

    scanner = _toy_scanner()
    plain = format_hits(scanner, fmt, "文件.txt")
    encoded = format_hits(scanner, fmt, "文件.txt", encoded=True)
    lines = ["四个全面，全面深化改革", "改革开放，全面深化改革"]
    offset = 0
    for n, line in enumerate(lines, 1):
        found = scanner.matches(line)
        text = encoded(n, -1, offset, found)
        assert max(map(ord, text)) < 256
        assert text.encode("latin-1") == plain(n, -1, offset, found).encode("utf-8")
        offset += len(line) + 1
    assert "四个全面" in text.encode("latin-1").decode("utf-8")


@pytest.mark.parametrize("fmt", ["tsv", "json", "jsonl"])
def test_formatters_of_one_scanner_share_only_what_their_document_does_not_change(fmt):
    from glossary.scan import FormulaContext, format_hits

    scanner = _toy_scanner()
    found = scanner.matches("全面深化改革，改革开放")
    alone = format_hits(_toy_scanner(), fmt, "b")(3, -1, 10, found)
    first = format_hits(scanner, fmt, "a", context=FormulaContext(scanner, ["四个全面"]))
    assert "四个全面" in first(3, -1, 10, found)
    assert format_hits(scanner, fmt, "b")(3, -1, 10, found) == alone
    assert "四个全面" not in alone
