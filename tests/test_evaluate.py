import csv

import pytest

from glossary.errors import FormatError, InputError
from glossary.evaluate import (
    FalsePositive,
    GoldTerm,
    Miss,
    Part,
    Recall,
    Scores,
    Script,
    category_rows,
    detect_script,
    evaluate,
    match_key,
    read_gold,
    read_predicted,
    read_scripts,
    read_split,
    run_evaluation,
    summary_rows,
    to_json,
)
from glossary.models import Category

GOLD = (
    "file\tzh\tcategory\tquoted\tnote\n"
    "a.txt\t千万工程\tprogram\tyes\t\n"
    "a.txt\t北部都会区\tplatform\tno\tHong Kong\n"
    "\n"
    "a.txt\t“1650”产业体系\tslogan\tyes\t\n"
    "b.txt\t两个确立\tslogan\tno\t\n"
)


def _write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def _report(tmp_path):
    gold = read_gold(_write(tmp_path, "gold.tsv", GOLD))
    candidates = {
        "a.txt": ["千萬工程", "「北部都會區」", "加快发展", "1650"],
        "b.txt": ["两个确立", "兩個確立", "高质量"],
    }
    return evaluate(
        gold,
        candidates,
        known={"千万工程", "兩個確立"},
        scripts={"a.txt": "Hant", "b.txt": "Hans"},
        parts={"a.txt": "dev", "b.txt": "heldout"},
    )


def test_match_key_normalises_quotes_script_width_and_spaces():
    assert match_key("「北部都會區」") == "北部都会区"
    assert match_key("“1650”产业体系") == "1650产业体系"
    assert match_key('"１６５０"产业体系') == "1650产业体系"
    assert match_key("“人工智能＋”行动") == "人工智能+行动"
    assert match_key("幸福一‘嘉’人") == "幸福一嘉人"
    assert match_key("进窗口 走流程") == "进窗口走流程"


def test_detect_script():
    assert detect_script("加快发展北部都会区，建设国际创新科技中心。") is Script.HANS
    assert detect_script("加快發展北部都會區，建設國際創新科技中心。") is Script.HANT
    assert detect_script("2026-2035") is Script.HANS


def test_read_gold(tmp_path):
    gold = read_gold(_write(tmp_path, "gold.tsv", "\ufeff" + GOLD))
    assert gold == (
        GoldTerm("a.txt", "千万工程", Category.PROGRAM, True, 2),
        GoldTerm("a.txt", "北部都会区", Category.PLATFORM, False, 3),
        GoldTerm("a.txt", "“1650”产业体系", Category.SLOGAN, True, 5),
        GoldTerm("b.txt", "两个确立", Category.SLOGAN, False, 6),
    )


def test_read_gold_needs_only_file_and_zh(tmp_path):
    gold = read_gold(_write(tmp_path, "g.tsv", "zh\tfile\n两个确立\tb.txt\n"))
    assert gold == (GoldTerm("b.txt", "两个确立", None, None, 2),)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("file\tterm\na.txt\t千万工程\n", "g.tsv:1: missing column zh (the header has file, term)"),
        ("", "g.tsv:1: empty file: a header line is expected"),
        (
            "file\tzh\tcategory\na.txt\t千万工程\tprogram\n b.txt\t两个确立\n",
            "g.tsv:3: 2 fields, the header has 3 (a tab missing or extra?)",
        ),
        (
            "file\tzh\na.txt\t千万工程\textra\n",
            "g.tsv:2: 3 fields, the header has 2 (a tab missing or extra?)",
        ),
        ("file\tzh\na.txt\t\n", "g.tsv:2: empty zh field"),
        ("file\tzh\n\t千万工程\n", "g.tsv:2: empty file field"),
        (
            "file\tzh\tcategory\na.txt\t千万工程\tproject\n",
            "g.tsv:2: unknown category 'project' (one of slogan, program, brand, platform, concept, place)",
        ),
        ("file\tzh\tquoted\na.txt\t千万工程\ty\n", "g.tsv:2: quoted must be yes or no, not 'y'"),
        (
            "file\tzh\na.txt\t北部都会区\nb.txt\t北部都会区\na.txt\t「北部都會區」\n",
            "g.tsv:4: 「北部都會區」 is listed twice for a.txt (first on line 2)",
        ),
        ("file\tzh\tfile\na.txt\t千万工程\tb.txt\n", "g.tsv:1: column file appears twice"),
    ],
)
def test_read_gold_errors_name_the_line(tmp_path, text, message):
    path = _write(tmp_path, "g.tsv", text)
    with pytest.raises(FormatError) as caught:
        read_gold(path)
    assert str(caught.value) == f"{path.parent}/{message}"


def test_read_gold_missing_file(tmp_path):
    with pytest.raises(InputError, match=r"nope\.tsv: no such file"):
        read_gold(tmp_path / "nope.tsv")


def test_read_split_and_scripts(tmp_path):
    split = _write(tmp_path, "s.tsv", "file\tpart\na.txt\tdev\nb.txt\theldout\n")
    assert read_split(split) == {"a.txt": "dev", "b.txt": "heldout"}
    sources = _write(tmp_path, "src.tsv", "file\turl\tscript\na.txt\thttp://x\tHant\n")
    assert read_scripts(sources) == {"a.txt": "Hant"}
    bad = _write(tmp_path, "bad.tsv", "file\tpart\na.txt\ttest\n")
    with pytest.raises(
        FormatError, match=r"bad\.tsv:2: part must be one of dev, heldout, not 'test'"
    ):
        read_split(bad)


def test_scores_are_pooled_over_documents(tmp_path):
    report = _report(tmp_path)
    assert report.overall.scores == Scores(tp=3, fp=3, fn=1)
    assert report.overall.scores.precision == 0.5
    assert report.overall.scores.recall == 0.75
    assert report.overall.scores.f1 == 0.6
    assert report.overall.documents == 2
    assert report.overall.known == Recall(2, 2)
    assert report.overall.unknown == Recall(1, 2)
    assert report.overall.held == Recall(2, 4)


def test_misses_and_false_positives(tmp_path):
    report = _report(tmp_path)
    assert report.misses == (Miss("a.txt", "“1650”产业体系", Category.SLOGAN, False, ("1650",)),)
    assert report.false_positives == (
        FalsePositive("a.txt", "加快发展"),
        FalsePositive("a.txt", "1650"),
        FalsePositive("b.txt", "高质量"),
    )


def test_groups_by_document_script_part_and_category(tmp_path):
    report = _report(tmp_path)
    assert [(d.file, d.script, d.part, d.group.scores) for d in report.documents] == [
        ("a.txt", "Hant", "dev", Scores(2, 2, 1)),
        ("b.txt", "Hans", "heldout", Scores(1, 1, 0)),
    ]
    assert [(g.name, g.scores) for g in report.scripts] == [
        ("Hans", Scores(1, 1, 0)),
        ("Hant", Scores(2, 2, 1)),
    ]
    assert [(g.name, g.scores, g.held) for g in report.parts] == [
        ("dev", Scores(2, 2, 1), Recall(1, 3)),
        ("heldout", Scores(1, 1, 0), Recall(1, 1)),
    ]
    assert [(c.category, c.recall, c.held) for c in report.categories] == [
        ("slogan", Recall(1, 2), Recall(1, 2)),
        ("program", Recall(1, 1), Recall(1, 1)),
        ("platform", Recall(1, 1), Recall(0, 1)),
    ]


def test_documents_not_run_are_ignored_and_unlabelled_ones_are_all_false_positives(tmp_path):
    gold = read_gold(_write(tmp_path, "gold.tsv", GOLD))
    report = evaluate(gold, {"c.txt": ["千万工程"]})
    assert report.overall.scores == Scores(tp=0, fp=1, fn=0)
    assert report.overall.scores.recall is None
    assert report.overall.scores.f1 is None
    assert [g.name for g in report.scripts] == ["unknown"]
    assert report.parts == ()


def test_nothing_proposed_has_no_precision():
    report = evaluate([GoldTerm("a.txt", "千万工程")], {"a.txt": []})
    assert report.overall.scores == Scores(0, 0, 1)
    assert report.overall.scores.precision is None
    assert report.overall.scores.recall == 0.0
    assert [(c.category, c.recall) for c in report.categories] == [("", Recall(0, 1))]


def test_json_and_rows(tmp_path):
    report = _report(tmp_path)
    data = to_json(report)
    assert next(iter(data.items())) == ("schema", 1)
    assert data["overall"] == {
        "name": "all",
        "documents": 2,
        "tp": 3,
        "fp": 3,
        "fn": 1,
        "precision": 0.5,
        "recall": 0.75,
        "f1": 0.6,
        "known": {"found": 2, "total": 2, "recall": 1.0},
        "unknown": {"found": 1, "total": 2, "recall": 0.5},
        "held": {"held": 2, "total": 4, "share": 0.5},
    }
    assert data["misses"] == [
        {
            "file": "a.txt",
            "zh": "“1650”产业体系",
            "category": "slogan",
            "known": False,
            "near": ["1650"],
        }
    ]
    assert summary_rows(report)[0] == (
        "all", "2", "3", "3", "1", "50.0", "75.0", "60.0", "2/2 100.0", "1/2 50.0", "2/4 50.0"
    )  # fmt: skip
    assert category_rows(report) == [
        ("slogan", "1/2", "50.0", "1/2"),
        ("program", "1/1", "100.0", "1/1"),
        ("platform", "1/1", "100.0", "0/1"),
    ]


# --------------------------------------------------------------------- the extractor, for real
def _project(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    _write(docs, "a.txt", "深入学习运用“千万工程”经验，加快发展。\n")
    _write(docs, "b.txt", "推進「北部都會區」建設。\n", encoding="utf-8")
    gold = _write(tmp_path, "gold.tsv", "file\tzh\na.txt\t千万工程\nb.txt\t北部都会区\n")
    split = _write(tmp_path, "split.tsv", "file\tpart\na.txt\tdev\nb.txt\theldout\n")
    locales = tmp_path / "locales"
    locales.mkdir()
    return docs, gold, split, locales


def test_run_evaluation_extracts_each_document(tmp_path):
    docs, gold, split, locales = _project(tmp_path)
    paths = [str(docs / "a.txt"), str(docs / "b.txt")]
    report = run_evaluation(gold, paths, locales=locales, split_path=split)
    assert [(d.file, d.script, d.part, d.group.scores.tp, d.group.scores.fn) for d in report.documents] == [
        ("a.txt", "Hans", "dev", 1, 0),
        ("b.txt", "Hant", "heldout", 1, 0),
    ]  # fmt: skip
    held_out = run_evaluation(gold, paths, locales=locales, split_path=split, part=Part.HELDOUT)
    assert [d.file for d in held_out.documents] == ["b.txt"]


def test_run_evaluation_refuses_unlabelled_or_unlisted_documents(tmp_path):
    docs, gold, split, locales = _project(tmp_path)
    other = _write(docs, "c.txt", "两个确立\n")
    with pytest.raises(InputError, match=r"c\.txt: no gold rows for c\.txt in "):
        run_evaluation(gold, [str(other)], locales=locales)
    with pytest.raises(InputError, match=r"c\.txt: not listed in "):
        run_evaluation(gold, [str(other)], locales=locales, split_path=split)
    with pytest.raises(InputError, match="--part needs a split file"):
        run_evaluation(gold, [str(docs / "a.txt")], locales=locales, part=Part.DEV)
    with pytest.raises(InputError, match=r"x\.txt: no such file"):
        run_evaluation(gold, [str(docs / "x.txt")], locales=locales)


# ------------------------------------------------------------------------ a file of predictions
PREDICTED_GOLD = (
    "file\tzh\tcategory\n"
    "a.txt\t千万工程\tprogram\n"
    "a.txt\t“1650”产业体系\tslogan\n"
    "b.txt\t北部都会区\tplatform\n"
    "b.txt\t北都\tplatform\n"
)
PREDICTED = (
    "file\tzh\tcategory\tquoted\n"
    "a.txt\t千萬工程\tprogram\tno\n"
    "a.txt\t加快发展\t\t\n"
    "a.txt\t千万工程\tprogram\tyes\n"
    "b.txt\t「北部都會區」\tplatform\tyes\n"
    "b.txt\t北部都会区建设\t\t\n"
)


def test_read_predicted(tmp_path):
    assert read_predicted(_write(tmp_path, "p.tsv", "\ufeff" + PREDICTED)) == {
        "a.txt": ["千萬工程", "加快发展", "千万工程"],
        "b.txt": ["「北部都會區」", "北部都会区建设"],
    }
    assert read_predicted(_write(tmp_path, "p.tsv", "zh\tfile\n北都\tb.txt\n")) == {
        "b.txt": ["北都"]
    }
    bad = _write(tmp_path, "bad.tsv", "file\tzh\na.txt\t\n")
    with pytest.raises(FormatError, match=r"bad\.tsv:2: empty zh field"):
        read_predicted(bad)
    bad = _write(tmp_path, "bad.tsv", "file\tterm\na.txt\t北都\n")
    with pytest.raises(FormatError, match=r"bad\.tsv:1: missing column zh"):
        read_predicted(bad)
    with pytest.raises(InputError, match=r"none\.tsv: no such file"):
        read_predicted(tmp_path / "none.tsv")


def test_run_evaluation_scores_a_predicted_file_without_extracting(tmp_path, monkeypatch):
    import glossary.app

    def refuse(*args, **kwargs):
        raise AssertionError("the extractor was run")

    monkeypatch.setattr(glossary.app, "extract_candidates", refuse)
    docs, _, split, locales = _project(tmp_path)
    gold = _write(tmp_path, "gold.tsv", PREDICTED_GOLD)
    predicted = _write(tmp_path, "p.tsv", PREDICTED)
    paths = [str(docs / "a.txt"), str(docs / "b.txt")]
    report = run_evaluation(
        gold, paths, locales=locales, split_path=split, predicted_path=predicted
    )
    # a: 千万工程 found (twice, counted once), 1650 missed, 加快发展 extra; b: 北部都会区 found,
    # 北都 missed, 北部都会区建设 extra
    assert report.overall.scores == Scores(tp=2, fp=2, fn=2)
    assert report.overall.scores.f1 == 0.5
    assert [(d.file, d.script, d.part, d.group.scores) for d in report.documents] == [
        ("a.txt", "Hans", "dev", Scores(tp=1, fp=1, fn=1)),
        ("b.txt", "Hant", "heldout", Scores(tp=1, fp=1, fn=1)),
    ]
    assert [(m.file, m.zh, m.near) for m in report.misses] == [
        ("a.txt", "“1650”产业体系", ()),
        ("b.txt", "北都", ()),
    ]
    assert report.false_positives == (
        FalsePositive("a.txt", "加快发展"),
        FalsePositive("b.txt", "北部都会区建设"),
    )
    assert [(c.category, c.recall) for c in report.categories] == [
        ("slogan", Recall(0, 1)),
        ("program", Recall(1, 1)),
        ("platform", Recall(1, 2)),
    ]
    dev = run_evaluation(
        gold, paths, locales=locales, split_path=split, part=Part.DEV, predicted_path=predicted
    )
    assert dev.overall.scores == Scores(tp=1, fp=1, fn=1)
    only_a = _write(tmp_path, "a-only.tsv", "file\tzh\na.txt\t千万工程\n")
    report = run_evaluation(gold, paths, locales=locales, predicted_path=only_a)
    assert [d.group.scores for d in report.documents] == [
        Scores(tp=1, fp=0, fn=1),
        Scores(tp=0, fp=0, fn=2),  # no rows for b.txt: it predicted nothing
    ]


def test_run_evaluation_refuses_predictions_for_unlabelled_files(tmp_path):
    docs, _, _, locales = _project(tmp_path)
    gold = _write(tmp_path, "gold.tsv", PREDICTED_GOLD)
    stray = _write(tmp_path, "p.tsv", "file\tzh\nc.txt\t北都\na.text\t千万工程\n")
    with pytest.raises(InputError, match=r"p\.tsv: no gold rows for a\.text, c\.txt in "):
        run_evaluation(gold, [str(docs / "a.txt")], locales=locales, predicted_path=stray)


# ------------------------------------------------------------------------------------ the CLI
def test_cli_evaluate(tmp_path):
    import json

    from click.testing import CliRunner

    from glossary.cli import cli

    docs, gold, split, locales = _project(tmp_path)
    args = ["--locales", str(locales), "evaluate", "--gold", str(gold), "--split", str(split)]
    paths = [str(docs / "a.txt"), str(docs / "b.txt")]
    shown = CliRunner().invoke(cli, [*args, *paths])
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.splitlines()[2].split() == [
        "all", "2", "2", "0", "0", "100.0", "100.0", "100.0", "–", "2/2", "100.0", "0/2", "0.0"
    ]  # fmt: skip
    as_json = CliRunner().invoke(cli, [*args, "--part", "heldout", "--json", *paths])
    assert as_json.exit_code == 0
    data = json.loads(as_json.stdout)
    assert [d["file"] for d in data["documents"]] == ["b.txt"]
    assert data["overall"]["f1"] == 1.0
    gate = CliRunner().invoke(cli, [*args, "--fail-under", "0.5", *paths[:1]])
    assert gate.exit_code == 0
    _write(docs, "a.txt", "今天天气很好。\n")  # nothing to find: recall 0, no candidates
    gate = CliRunner().invoke(cli, [*args, "--fail-under", "0.5", *paths[:1]])
    assert gate.exit_code == 1
    assert gate.stderr.endswith("glossary evaluate: F1 0.000 is below 0.5\n")
    predicted = _write(tmp_path, "p.tsv", "file\tzh\na.txt\t千万工程\nb.txt\t北都\n")
    scored = CliRunner().invoke(cli, [*args, "--predicted", str(predicted), "--json", *paths])
    assert scored.exit_code == 0
    data = json.loads(scored.stdout)
    assert {k: data["overall"][k] for k in ("tp", "fp", "fn", "precision", "recall", "f1")} == {
        "tp": 1, "fp": 1, "fn": 1, "precision": 0.5, "recall": 0.5, "f1": 0.5
    }  # fmt: skip
    assert data["false_positives"] == [{"file": "b.txt", "zh": "北都"}]
    shown = CliRunner().invoke(cli, [*args, "--predicted", str(predicted), *paths])
    assert shown.stdout.splitlines()[2].split()[:8] == [
        "all", "2", "1", "1", "1", "50.0", "50.0", "50.0"
    ]  # fmt: skip
    assert shown.stderr == "2 documents: 1 found, 1 missed, 1 false positives\n"
    bad = _write(tmp_path, "bad.tsv", "file\tterm\n")
    failed = CliRunner().invoke(
        cli, ["--locales", str(locales), "evaluate", "--gold", str(bad), *paths]
    )
    assert failed.exit_code == 2
    assert failed.stderr == f"glossary: {bad}:1: missing column zh (the header has file, term)\n"


# ------------------------------------------------------------------- the evaluation set itself
def test_the_evaluation_set_is_consistent():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "eval"
    gold = read_gold(root / "gold.tsv")
    split = read_split(root / "SPLIT.tsv")
    scripts = read_scripts(root / "SOURCES.tsv")
    docs = sorted(p.name for p in (root / "docs").glob("*.txt"))
    assert len(docs) == 37 and len(gold) == 660  # batch 1: 24 and 428; batch 2: 13 and 232
    assert sorted(split) == docs and sorted(scripts) == docs
    assert sorted({t.file for t in gold}) == docs
    assert sorted(split.values()).count("heldout") == 15  # 9 of batch 1, 6 of batch 2
    for name in docs:
        text = (root / "docs" / name).read_text(encoding="utf-8")
        assert detect_script(text).value == scripts[name], name
        key = match_key(text)
        missing = [t.zh for t in gold if t.file == name and match_key(t.zh) not in key]
        assert missing == [], name


def test_the_second_annotation_is_consistent():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "eval"
    gold2 = read_gold(root / "gold2.tsv")  # the same format as the gold, checked as strictly
    assert len(gold2) == 411
    assert sum(len(v) for v in read_predicted(root / "gold2.tsv").values()) == 411
    with (root / "SPLIT.tsv").open(encoding="utf-8") as f:
        batch = {r["file"]: r["batch"] for r in csv.DictReader(f, delimiter="\t")}
    docs = sorted(n for n, b in batch.items() if b == "1")  # annotated twice: the first batch
    assert sorted({t.file for t in gold2}) == docs
    for name in docs:
        key = match_key((root / "docs" / name).read_text(encoding="utf-8"))
        missing = [t.zh for t in gold2 if t.file == name and match_key(t.zh) not in key]
        assert missing == [], name
