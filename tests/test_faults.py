"""Fault suite: concurrent writers and kill -9 at any point of build and import.

Real processes (``python -m glossary --locales COPY ...``) on a temporary copy of a glossary
folder and its seeds (the small test project; ``GLOSSARY_FAULT_SHIPPED=1``: the shipped
``locales/`` and ``seeds/``). ``GLOSSARY_FAULT_TRIES`` (default 3) sets the repetitions;
``GLOSSARY_FAULT_SEED`` the random seed. Every test prints its counts (run with ``-s``):
tried, survived, lost (an edit or a curated field gone, a half-written set), traceback, error.
"""

from __future__ import annotations

import csv
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from .judges import msgfmt_check

REPO = Path(__file__).resolve().parents[1]
TRIES = int(os.environ.get("GLOSSARY_FAULT_TRIES", "3"))
SEED = int(os.environ.get("GLOSSARY_FAULT_SEED", str(int(time.time()))))
CATALOGS = (
    "glossary.pot",
    "en/LC_MESSAGES/glossary.po",
    "zh_TW/LC_MESSAGES/glossary.po",
    "zh_HK/LC_MESSAGES/glossary.po",
)
NEW_TERM = "测试新词工程"  # added to curation.tsv so that a build rewrites all four catalogues


# ------------------------------------------------------------------------------------ helpers


def _env(root: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ, GLOSSARY_CACHE_DIR=str(root / "cache"), SOURCE_DATE_EPOCH="1767225600")
    env.pop("GLOSSARY_FAULT", None)
    env.update(extra)
    return env


def _cmd(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "glossary", "--locales", str(root / "locales"), *args]


def _start(root: Path, *args: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        _cmd(root, *args),
        cwd=root,
        env=_env(root, **env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _run(root: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        _cmd(root, *args),
        cwd=root,
        env=_env(root, **env),
        capture_output=True,
        text=True,
        check=False,
    )


def _build_args(root: Path) -> list[str]:
    return ["build", "-q", "--seeds", str(root / "seeds")]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A glossary and its seeds, with a CSV export (revision stamps) beside them: the small test
    project (fast, for CI), or with ``GLOSSARY_FAULT_SHIPPED=1`` the shipped ``locales/`` and
    ``seeds/``."""
    root = tmp_path_factory.mktemp("pristine")
    if os.environ.get("GLOSSARY_FAULT_SHIPPED"):
        shutil.copytree(REPO / "seeds", root / "seeds")
        shutil.copytree(
            REPO / "locales", root / "locales", ignore=shutil.ignore_patterns(".lock", ".commit")
        )
    else:
        _small_project(root)
    out = _run(root, "export", "--format", "csv", "--plain", "-o", str(root / "all.csv"))
    assert out.returncode == 0, out.stderr
    return root


def _small_project(root: Path) -> None:
    """The test project of ``conftest.project``: a small seed, built, curated English imported."""
    from glossary.build import build
    from glossary.exporters.tabular import parse_json
    from glossary.merge import apply_import, plan_import
    from glossary.store import read_entries, with_computed

    from .conftest import CURATION, FIXTURES

    (root / "seeds").mkdir()
    shutil.copy(FIXTURES / "seed-small.txt", root / "seeds" / "small.txt")
    locales = root / "locales"
    locales.mkdir()
    (locales / "curation.tsv").write_text(CURATION, encoding="utf-8")
    build(locales=locales, seeds=root / "seeds", root=root)
    records = parse_json((FIXTURES / "entries.jsonl").read_text(encoding="utf-8"), "entries.jsonl")
    existing = {e.zh: with_computed(e) for e in read_entries(locales)}
    apply_import(locales, plan_import(records, existing, name="entries.jsonl"))
    build(locales=locales, seeds=root / "seeds", root=root)
    (locales / ".lock").unlink()


def _copy(pristine: Path, dest: Path, *, new_term: bool = False) -> Path:
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(pristine, dest)
    if new_term:
        curation = dest / "locales" / "curation.tsv"
        with curation.open("a", encoding="utf-8") as f:
            f.write(f"{NEW_TERM}\tadd\tprogram\n")
    return dest


def _rows(pristine: Path) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO((pristine / "all.csv").read_text(encoding="utf-8"))))
    return rows[0], rows[1:]


def _edit_file(pristine: Path, dest: Path, index: int, text: str, *, new: str = "") -> str:
    """A CSV editing the definition of row ``index`` (and adding the term ``new``)."""
    header, rows = _rows(pristine)
    row = list(rows[index])
    row[header.index("definition")] = text
    out = [header, row]
    if new:
        fresh = [""] * len(header)
        fresh[header.index("zh")] = new
        fresh[header.index("en")] = "Test Program (new)"
        fresh[header.index("category")] = "program"
        out.append(fresh)
    with dest.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(out)
    return row[header.index("zh")]


def _entries(root: Path) -> dict[str, dict[str, object]]:
    """The curated data of the English catalogue, read with polib (not the code under test):
    msgstr, translator comments (status, source, definition, notes …), fuzzy, obsolete."""
    import polib

    po = polib.pofile(str(root / "locales" / CATALOGS[1]), wrapwidth=0)
    return {
        e.msgid: {
            "en": e.msgstr,
            # the lines of the translator comments in any order, a note's "note: " prefix dropped
            "tcomment": tuple(
                sorted(line.removeprefix("note: ") for line in e.tcomment.splitlines())
            ),
            "fuzzy": e.fuzzy,
            "obsolete": e.obsolete,
        }
        for e in po
        if e.msgid
    }


def _snapshot(root: Path) -> tuple[bytes, ...]:
    return tuple((root / "locales" / c).read_bytes() for c in CATALOGS)


def _leftovers(root: Path) -> list[str]:
    locales = root / "locales"
    found = list(locales.rglob(".*.tmp"))
    if (locales / ".commit").exists():
        found.append(locales / ".commit")
    return [str(p.relative_to(locales)) for p in found]


def _msgfmt_errors(root: Path) -> list[str]:
    if shutil.which("msgfmt") is None:
        return []
    errors = []
    for c in CATALOGS:
        code, stderr = msgfmt_check(c, cwd=root / "locales")
        if code or stderr:
            errors.append(f"{c}: {stderr.strip()}")
    return errors


def _curated_kept(
    before: dict[str, dict[str, object]],
    after: dict[str, dict[str, object]],
    *,
    edited: dict[str, str],
) -> list[str]:
    """What was lost: entries gone, curated data changed other than the expected edits (a new
    definition replaces the old one's line in the translator comments)."""
    lost = []
    for zh, fields in before.items():
        if zh not in after:
            lost.append(f"{zh}: entry gone")
            continue
        for key, value in fields.items():
            want = value
            if key == "tcomment" and zh in edited and isinstance(value, tuple):
                want = tuple(
                    sorted(
                        [line for line in value if not str(line).startswith("definition:")]
                        + [f"definition: {edited[zh]}"]
                    )
                )
            if after[zh][key] != want:
                lost.append(f"{zh}: {key} {after[zh][key]!r} != {want!r}")
    return lost


def _report(name: str, counts: Counter[str], problems: list[str]) -> None:
    shown = ["tried", "survived", "lost", "traceback", "error"]
    shown += [k for k in ("killed", "new") if k in counts]  # kills that landed; sets now new
    line = ", ".join(f"{k} {counts[k]}" for k in shown)
    print(f"\n[fault suite] {name}: {line} (seed {SEED})")
    assert counts["tried"] == counts["survived"], f"{name}: {line}\n" + "\n".join(problems[:20])


# ------------------------------------------------------------------------ concurrent writers


@pytest.mark.parametrize("pair", ["import-import", "import-build", "build-build"])
def test_concurrent_writers_keep_every_edit(pristine: Path, tmp_path: Path, pair: str) -> None:
    counts: Counter[str] = Counter()
    problems: list[str] = []
    before = _entries(pristine)
    rng = random.Random(f"{SEED}-{pair}")
    for attempt in range(TRIES):
        root = _copy(pristine, tmp_path / f"g{attempt}", new_term="build" in pair)
        edited: dict[str, str] = {}
        jobs = []
        for n, kind in enumerate(pair.split("-")):
            if kind == "import":
                text = f"edited by writer {n}, try {attempt}"
                zh = _edit_file(pristine, root / f"edit{n}.csv", 1 + n * 2, text)
                edited[zh] = text
                jobs.append(_start(root, "import", str(root / f"edit{n}.csv")))
            else:
                jobs.append(_start(root, *_build_args(root)))
            time.sleep(rng.uniform(0, 0.05))
        outs = [(job.wait(timeout=120), *job.communicate()) for job in jobs]
        counts["tried"] += 1
        failed = [o for o in outs if o[0] != 0]
        after = _entries(root)
        lost = _curated_kept(before, after, edited=edited)
        if "build" in pair and NEW_TERM not in after:
            lost.append(f"{NEW_TERM}: the build's new entry is gone")
        lost += _msgfmt_errors(root) + [f"left over: {x}" for x in _leftovers(root)]
        if any("Traceback" in o[2] for o in outs):
            counts["traceback"] += 1
            problems += [o[2] for o in outs if "Traceback" in o[2]]
        elif failed:
            counts["error"] += 1
            problems += [f"exit {o[0]}: {o[2]}" for o in failed]
        elif lost:
            counts["lost"] += 1
            problems += lost
        else:
            counts["survived"] += 1
        shutil.rmtree(root)
    _report(f"concurrent {pair}", counts, problems)


def test_second_writer_is_told_who_holds_the_lock_and_gives_up(tmp_path: Path) -> None:
    locales = tmp_path / "locales"
    locales.mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom glossary.fsutil import locked\n"
            f"with locked({str(locales)!r}, command='glossary build (test holder)'):\n"
            "    print('held', flush=True)\n    time.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        out = subprocess.run(
            _cmd(tmp_path, "curate", "--reject", "某词"),
            cwd=tmp_path,
            check=False,
            env=_env(tmp_path, GLOSSARY_LOCK_TIMEOUT="0.5"),
            capture_output=True,
            text=True,
        )
    finally:
        holder.kill()
        holder.wait()
    assert out.returncode == 2
    lines = out.stderr.splitlines()
    assert lines[0].startswith(
        f"glossary: waiting for {locales}: locked by pid {holder.pid} on {os.uname().nodename}"
        " (glossary build (test holder)) since "
    )
    assert lines[-1].endswith("; gave up after 0.5 s (GLOSSARY_LOCK_TIMEOUT)")
    assert "Traceback" not in out.stderr
    assert not (locales / "curation.tsv").exists()
    # the holder died: its lock went with it
    again = _run(tmp_path, "curate", "--reject", "某词", GLOSSARY_LOCK_TIMEOUT="0.5")
    assert again.returncode == 0, again.stderr
    assert "某词\treject" in (locales / "curation.tsv").read_text(encoding="utf-8")


# ------------------------------------------------------------------------------------ kill -9

BUILD_POINTS = [
    "locked",
    "after-temp:1",
    "after-temp:4",
    "after-journal",
    "after-rename:1",
    "after-rename:2",
    "after-rename:3",
    "after-rename:4",
    "before-journal-unlink",
]
IMPORT_POINTS = ["after-temp:2", "after-journal", "after-rename:2", "before-journal-unlink"]


@pytest.fixture(scope="module")
def outcomes(
    pristine: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[tuple[bytes, ...], tuple[bytes, ...], float]]:
    """The catalogues before and after an uninterrupted build and import (same clock)."""
    base = tmp_path_factory.mktemp("outcomes")
    result = {}
    for kind in ("build", "import"):
        root = _copy(pristine, base / kind, new_term=kind == "build")
        old = _snapshot(root)
        args = _writer(pristine, root, kind)
        began = time.monotonic()
        out = _run(root, *args)
        took = time.monotonic() - began
        assert out.returncode == 0, out.stderr
        new = _snapshot(root)
        assert all(a != b for a, b in zip(old, new, strict=True)), "every catalogue changes"
        result[kind] = (old, new, took)
    return result


def _writer(pristine: Path, root: Path, kind: str) -> list[str]:
    if kind == "build":
        return _build_args(root)
    _edit_file(pristine, root / "edit.csv", 5, "edited before the crash", new=NEW_TERM)
    return ["import", str(root / "edit.csv")]


def _after_crash(root: Path, old: tuple[bytes, ...], new: tuple[bytes, ...]) -> list[str]:
    """Run a reader (lookup) after a crash, then check: all-old or all-new, msgfmt, no leftovers."""
    problems = []
    out = _run(root, "lookup", "八八战略")
    if out.returncode != 0 or "Traceback" in out.stderr:
        problems.append(f"lookup after the crash: exit {out.returncode}: {out.stderr}")
    now = _snapshot(root)
    if now not in (old, new):
        mixed = [
            "old" if a == b else "new" if a == c else "other"
            for a, b, c in zip(now, old, new, strict=True)
        ]
        problems.append(f"half-written set: {mixed}")
    problems += _msgfmt_errors(root)
    problems += [f"left over: {x}" for x in _leftovers(root)]
    return problems


@pytest.mark.parametrize("kind", ["build", "import"])
def test_kill_at_each_point_of_the_commit(
    pristine: Path,
    tmp_path: Path,
    outcomes: dict[str, tuple[tuple[bytes, ...], tuple[bytes, ...], float]],
    kind: str,
) -> None:
    old, new, _ = outcomes[kind]
    before = _entries(pristine)
    counts: Counter[str] = Counter()
    problems: list[str] = []
    for point in BUILD_POINTS if kind == "build" else IMPORT_POINTS:
        root = _copy(pristine, tmp_path / "g", new_term=kind == "build")
        out = _run(root, *_writer(pristine, root, kind), GLOSSARY_FAULT=point)
        counts["tried"] += 1
        if out.returncode != -signal.SIGKILL:
            counts["error"] += 1
            problems.append(f"{point}: not killed (exit {out.returncode}): {out.stderr}")
            continue
        found = _after_crash(root, old, new)
        counts["new"] += _snapshot(root) == new
        edited = {}
        if kind == "import" and _snapshot(root) == new:
            header, rows = _rows(pristine)
            edited[rows[5][header.index("zh")]] = "edited before the crash"
        found += _curated_kept(before, _entries(root), edited=edited)
        if found:
            counts["lost"] += 1
            problems += [f"{point}: {p}" for p in found]
        else:
            counts["survived"] += 1
    _report(f"kill -9 at each point of {kind}", counts, problems)


@pytest.mark.parametrize("kind", ["build", "import"])
def test_kill_at_random_moments(
    pristine: Path,
    tmp_path: Path,
    outcomes: dict[str, tuple[tuple[bytes, ...], tuple[bytes, ...], float]],
    kind: str,
) -> None:
    old, new, took = outcomes[kind]
    before = _entries(pristine)
    rng = random.Random(f"{SEED}-{kind}")
    counts: Counter[str] = Counter()
    problems: list[str] = []
    for attempt in range(TRIES):
        root = _copy(pristine, tmp_path / "g", new_term=kind == "build")
        job = _start(root, *_writer(pristine, root, kind))
        delay = rng.uniform(0.1, took)  # anywhere in an uninterrupted run's time
        try:
            job.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            job.send_signal(signal.SIGKILL)
        _, err = job.communicate()
        counts["tried"] += 1
        counts["killed"] += job.returncode == -signal.SIGKILL
        if "Traceback" in err:
            counts["traceback"] += 1
            problems.append(err)
            continue
        found = _after_crash(root, old, new)
        counts["new"] += _snapshot(root) == new
        edited = {}
        if kind == "import" and _snapshot(root) == new:
            header, rows = _rows(pristine)
            edited[rows[5][header.index("zh")]] = "edited before the crash"
        found += _curated_kept(before, _entries(root), edited=edited)
        if found:
            counts["lost"] += 1
            problems += [f"try {attempt} (kill after {delay:.2f} s): {p}" for p in found]
        else:
            counts["survived"] += 1
    _report(f"kill -9 at random moments of {kind}", counts, problems)


# ------------------------------------------------------------------- recovery, in one process


def _interrupted(folder: Path, *, complete: bool) -> tuple[Path, Path]:
    """A folder as a writer killed after its commit point leaves it (``complete``), or with a
    torn journal (no end line): target "old", temporary file "new", journal listing them."""
    target = folder / "en" / "x.po"
    target.parent.mkdir(parents=True)
    target.write_text("old\n", encoding="utf-8")
    tmp = target.parent / ".x.po.999999999-0123456789ab.tmp"  # a pid that cannot be running
    tmp.write_text("new\n", encoding="utf-8")
    lines = ["glossary-commit 1", "en/.x.po.999999999-0123456789ab.tmp\ten/x.po"]
    (folder / ".commit").write_text("\n".join(lines + (["end"] if complete else [])) + "\n")
    return target, tmp


@pytest.mark.parametrize("shared", [False, True])
def test_the_next_holder_rolls_an_interrupted_commit_forward(tmp_path: Path, shared: bool) -> None:
    from glossary.fsutil import locked

    target, tmp = _interrupted(tmp_path, complete=True)
    said: list[str] = []
    with locked(tmp_path, command="test", shared=shared, notice=said.append):
        assert target.read_text(encoding="utf-8") == "new\n"
    assert not tmp.exists() and not (tmp_path / ".commit").exists()
    assert said == [f"{tmp_path}: completed an interrupted commit (1 file(s))"]


def test_a_torn_journal_is_rolled_back(tmp_path: Path) -> None:
    from glossary.fsutil import locked

    target, tmp = _interrupted(tmp_path, complete=False)
    with locked(tmp_path, command="test"):
        assert target.read_text(encoding="utf-8") == "old\n"
    assert not tmp.exists() and not (tmp_path / ".commit").exists()


def test_a_live_writers_temporary_file_is_kept(tmp_path: Path) -> None:
    from glossary.fsutil import locked

    live = tmp_path / f".x.po.{os.getppid()}-0123456789ab.tmp"  # our parent is running
    live.write_text("in progress\n", encoding="utf-8")
    with locked(tmp_path, command="test", shared=True):
        pass
    assert live.exists()
