"""Benchmarks, each side by side with a reference measured in the same run (median of several
runs, reference and ours interleaved). Prints a Markdown report (bench/README.md keeps the last
one). Inputs are generated under bench/out/ by bench/corpus.py.

    python bench/bench.py [lookup] [index] [scan] [scan1m] [build] [export] [extract] [memory] [qa] [tm]
                          [terminal] [html]

Run it with the interpreter of an environment where the project is installed (`pip install .`).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import (
    OUT,
    ROOT,
    make_bilingual,
    make_corpus,
    make_job,
    make_layout_po,
    make_memory,
    make_po,
)

PY = sys.executable
GLOSSARY = str(Path(PY).with_name("glossary"))
# $BENCH_CACHE: a cache to reuse (the index of a 1M glossary takes minutes to build), kept
CACHE = os.environ.get("BENCH_CACHE") or tempfile.mkdtemp(prefix="glossary-bench-cache-")
ENV = dict(os.environ, GLOSSARY_CACHE_DIR=CACHE, COLUMNS="100")
# modules load from their bytecode, as after `pip install` (an environment that forbids writing
# it would have every run compile the package from source, which the references never do)
ENV.pop("PYTHONDONTWRITEBYTECODE", None)


def timed(cmd: list[str] | str, *, stdout=subprocess.DEVNULL) -> float:
    start = time.perf_counter()
    subprocess.run(
        cmd,
        stdout=stdout,
        stderr=subprocess.DEVNULL,
        env=ENV,
        shell=isinstance(cmd, str),
        check=False,
    )
    return time.perf_counter() - start


def compare(named: dict[str, list[str] | str], runs: int) -> dict[str, float]:
    """Median seconds of each command, the commands interleaved run by run."""
    times: dict[str, list[float]] = {k: [] for k in named}
    for cmd in named.values():  # warm-up: caches, index, page cache
        timed(cmd)
    for _ in range(runs):
        for name, cmd in named.items():
            times[name].append(timed(cmd))
    return {k: statistics.median(v) for k, v in times.items()}


def timed_cpu(cmd: str) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system of the command and all its children: the
    worker processes included) of one shell command. CPU time barely moves when other jobs load
    the machine, wall time does."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = timed(cmd)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def compare_cpu(named: dict[str, str], runs: int) -> dict[str, tuple[float, float]]:
    """Median wall and median CPU seconds of each command, interleaved run by run."""
    walls: dict[str, list[float]] = {k: [] for k in named}
    cpus: dict[str, list[float]] = {k: [] for k in named}
    for cmd in named.values():  # warm-up: caches, index, page cache
        timed(cmd)
    for _ in range(runs):
        for name, cmd in named.items():
            wall, cpu = timed_cpu(cmd)
            walls[name].append(wall)
            cpus[name].append(cpu)
    return {k: (statistics.median(walls[k]), statistics.median(cpus[k])) for k in named}


def row(name: str, seconds: float, ref: float | None = None, note: str = "") -> str:
    ratio = f"{seconds / ref:.2f}×" if ref else "1.00× (reference)"
    return f"| {name} | {seconds * 1000:,.0f} ms | {ratio} | {note} |"


def bench_lookup(report: list[str]) -> None:
    big = make_po(
        OUT / "po-100000" / "en" / "LC_MESSAGES" / "glossary.po",
        100_000,
        extra_terms=["八八战略", "千万工程", "两个确立"],
    )
    big_dir = big.parent.parent.parent
    shipped = ROOT / "locales"
    m = compare(
        {
            "import click": [PY, "-c", "import click"],
            "lookup 八八战略 (shipped)": [
                GLOSSARY,
                "--locales",
                str(shipped),
                "lookup",
                "八八战略",
            ],
            "lookup bbzl (shipped)": [GLOSSARY, "--locales", str(shipped), "lookup", "bbzl"],
            "lookup 'double eight' (shipped)": [
                GLOSSARY,
                "--locales",
                str(shipped),
                "lookup",
                "double eight",
            ],
            "lookup 八八战略 (100k PO)": [
                GLOSSARY,
                "--locales",
                str(big_dir),
                "lookup",
                "八八战略",
            ],
            "lookup 'green rural revival' (100k PO)": [
                GLOSSARY,
                "--locales",
                str(big_dir),
                "lookup",
                "green rural revival",
            ],
        },
        runs=15,
    )
    ref = m["import click"]
    report += [
        "## Lookup (a new process per lookup)",
        "",
        "Each command's median over 15 runs, the commands interleaved run by run; the index of each "
        "glossary exists (built by a warm-up run).",
        "",
        f"Shipped glossary: {shipped}; synthetic PO: {big.stat().st_size:,} bytes, 100,000 entries, "
        "index built on first use (not timed).",
        "",
        "| command | median of 15 | vs `python -c 'import click'` | |",
        "|---|---|---|---|",
        row("python -c 'import click'", ref),
    ]
    for name, t in m.items():
        if name != "import click":
            report.append(row(f"glossary {name}", t, ref))
    first = []
    for _ in range(3):
        shutil.rmtree(CACHE, ignore_errors=True)
        first.append(timed([GLOSSARY, "--locales", str(big_dir), "lookup", "八八战略"]))
    report.append(
        row("first lookup on the 100k PO (builds the index)", statistics.median(first), ref)
    )
    polib_t = statistics.median(
        timed([PY, "-c", f"import polib; polib.pofile({str(big)!r})"]) for _ in range(3)
    )
    report.append(row("for comparison: `polib.pofile()` of the 100k PO", polib_t, ref))
    if shutil.which("pogrep") or Path(PY).with_name("pogrep").exists():
        pogrep = (
            str(Path(PY).with_name("pogrep")) if Path(PY).with_name("pogrep").exists() else "pogrep"
        )
        out = Path(CACHE) / "out.po"
        t = statistics.median(
            timed([pogrep, "--progress=none", "--search=source", "八八战略", str(big), str(out)])
            for _ in range(3)
        )
        report.append(row("for comparison: translate-toolkit `pogrep` on the 100k PO", t, ref))
    report.append("")


def _time_v(cmd: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB, ``/usr/bin/time -v``: the largest of the process and
    the children it waited for) of one run."""
    start = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-v", *cmd],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    rss = 0
    for line in done.stderr.splitlines():
        if "Maximum resident set size" in line:
            rss = int(line.rsplit(":", 1)[1])
    return seconds, rss


def bench_index(report: list[str]) -> None:
    """issue 14 rows 1-3: the first lookup (it builds the index) beside `polib.pofile()` of the
    same file, interleaved, peak RSS and index size; then every query mode beside `python -c
    'import click'`. Term banks of 100,000 and 1,000,000 entries in our PO layout
    (bench/corpus.py layout N). BENCH_INDEX_SIZES and BENCH_INDEX_RUNS override the sizes
    and the number of build runs."""
    sizes = [int(x) for x in os.environ.get("BENCH_INDEX_SIZES", "100000,1000000").split(",")]
    build_runs = int(os.environ.get("BENCH_INDEX_RUNS", "3"))
    queries = {
        "exact 八八战略": "八八战略",
        "traditional 八八戰略": "八八戰略",
        "pinyin, tones as digits (ba1 ba1 zhan4 lve4)": "ba1 ba1 zhan4 lve4",
        "pinyin part from a syllable (zhanlue)": "zhanlue",
        "pinyin, u for ü (lu shui qing shan)": "lu shui qing shan",
        "initials (bbzl)": "bbzl",
        "English words (development zone)": "development zone",
        "part of a term (示范区)": "示范区",
        "one character (廊)": "廊",
    }
    rows: list[str] = []
    for size in sizes:
        po = make_layout_po(OUT / f"layout-{size}" / "en" / "LC_MESSAGES" / "glossary.po", size)
        folder = str(po.parent.parent.parent)
        builds: list[tuple[float, int]] = []
        parses: list[tuple[float, int]] = []
        index_size = 0
        cache = ""
        for _ in range(build_runs):  # interleaved: ours, then the reference
            if cache:
                shutil.rmtree(cache, ignore_errors=True)
            cache = tempfile.mkdtemp(prefix="glossary-bench-index-")
            env = dict(ENV, GLOSSARY_CACHE_DIR=cache)
            builds.append(_time_v([GLOSSARY, "--locales", folder, "lookup", "八八战略"], env))
            index_size = sum(p.stat().st_size for p in Path(cache).glob("index-*"))
            parses.append(_time_v([PY, "-c", f"import polib; polib.pofile({str(po)!r})"], ENV))
        build = statistics.median(b[0] for b in builds)
        parse = statistics.median(p[0] for p in parses)
        rows.append(
            f"| first lookup, builds the index ({size:,}) | {build:,.1f} s |"
            f" {build / parse:.2f}× polib | peak {max(b[1] for b in builds) / 1024:,.0f} MiB;"
            f" index {index_size / 1e6:,.0f} MB = {index_size / po.stat().st_size:.2f}× the PO"
            f" ({po.stat().st_size / 1e6:,.0f} MB) |"
        )
        rows.append(
            f"| `polib.pofile()` of the same PO ({size:,}) | {parse:,.1f} s | reference |"
            f" peak {max(p[1] for p in parses) / 1024:,.0f} MiB |"
        )
        # the query modes, on an index built once (the warm-up of compare)
        named: dict[str, list[str] | str] = {"import click": [PY, "-c", "import click"]}
        for name, q in queries.items():
            named[name] = [GLOSSARY, "--locales", folder, "lookup", q]
        saved = ENV["GLOSSARY_CACHE_DIR"]
        ENV["GLOSSARY_CACHE_DIR"] = cache  # the index of the last build run
        try:
            m = compare(named, runs=15)
        finally:
            ENV["GLOSSARY_CACHE_DIR"] = saved
            shutil.rmtree(cache, ignore_errors=True)
        ref = m["import click"]
        rows.append(row(f"python -c 'import click' ({size:,})", ref))
        for name in queries:
            rows.append(row(f"lookup, {name} ({size:,})", m[name], ref))
    report += [
        "## Index: first lookup and every query mode (issue 14 rows 1-3)",
        "",
        f"Term banks in our PO layout made by bench/corpus.py (`layout N`); {build_runs} build"
        " runs, each followed by the reference (`/usr/bin/time -v` for the peak RSS), medians;"
        " the queries: medians of 15 interleaved runs on the built index.",
        "",
        "| command | median | ratio | |",
        "|---|---|---|---|",
        *rows,
        "",
    ]


def _terms_file(path: Path, forms: list[str]) -> Path:
    path.write_text("\n".join(forms) + "\n", encoding="utf-8")
    return path


def bench_scan(report: list[str]) -> None:
    corpus = make_corpus(OUT / "corpus-20mb.txt", 20)
    from glossary.terms import load_terms  # noqa: F401 - the index must exist

    sys.path.insert(0, str(ROOT))
    from glossary.index import read_written_forms

    report += [
        "## Scan (20 MB of policy text)",
        "",
        "Same terms for both: every written form of every entry (simplified, Taiwan, Hong Kong). "
        "`grep -F -o -f` prints each match; `glossary scan --format tsv` prints each match with "
        "file, line, column, offsets and English.",
        "",
    ]
    for label, locales in (
        ("shipped glossary", ROOT / "locales"),
        (
            "50,000-term glossary",
            make_po(
                OUT / "po-50000" / "en" / "LC_MESSAGES" / "glossary.po",
                50_000,
                extra_terms=_shipped_terms(),
            ).parent.parent.parent,
        ),
    ):
        os.environ["GLOSSARY_CACHE_DIR"] = CACHE
        forms = sorted(set(read_written_forms(locales)[0]) - {""})
        terms = _terms_file(OUT / f"terms-{len(forms)}.txt", forms)
        # Outputs go to a file: GNU grep stops at the first match when its output is /dev/null.
        sink = Path(CACHE) / "out.txt"
        commands = {
            "grep": f"LC_ALL=C.UTF-8 grep -F -o -f {terms} {corpus} > {sink}",
            "scan": f"{GLOSSARY} --locales {locales} scan --format tsv {corpus} > {sink}",
            "json": f"{GLOSSARY} --locales {locales} scan --format json {corpus} > {sink}",
            "count": f"{GLOSSARY} --locales {locales} scan --count --format tsv {corpus} > {sink}",
        }
        # $BENCH_PREVIOUS_SCAN: revisions (comma-separated, e.g. main and this commit, started
        # alike) whose tsv and json run in the same loop, from their package (git archive) and a
        # cache of their own
        revs = [r for r in os.environ.get("BENCH_PREVIOUS_SCAN", "").split(",") if r]
        for rev in revs:
            previous = previous_release(rev)
            if previous is None:
                continue
            cache = Path(CACHE) / f"previous-cache-{rev}"
            old = (
                f"cd {previous} && GLOSSARY_CACHE_DIR={cache} PYTHONPATH={previous} {PY} -m "
                f"glossary --locales {locales} scan"
            )
            commands[f"{rev}: tsv"] = f"{old} --format tsv {corpus} > {sink}"
            commands[f"{rev}: json"] = f"{old} --format json {corpus} > {sink}"
        m = compare(commands, runs=int(os.environ.get("BENCH_SCAN_RUNS", "5")))
        hits = subprocess.run(
            f"LC_ALL=C.UTF-8 grep -F -o -f {terms} {corpus} | wc -l",
            shell=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        ours = subprocess.run(
            f"{GLOSSARY} --locales {locales} scan --format tsv {corpus} | wc -l",
            shell=True,
            capture_output=True,
            text=True,
            env=ENV,
        ).stdout.strip()
        report += [
            f"### {label}: {len(forms):,} forms; grep prints {int(hits):,} matches, glossary {int(ours):,}",
            "",
            "| command | median | vs grep | |",
            "|---|---|---|---|",
            row("grep -F -o -f TERMS", m["grep"]),
            row("glossary scan --format tsv", m["scan"], m["grep"]),
            row("glossary scan --format json", m["json"], m["grep"]),
            row("glossary scan --count", m["count"], m["grep"]),
            *(
                row(f"{name} (`python -m glossary`)", t, m["grep"])
                for name, t in m.items()
                if name.split(":")[0] in revs
            ),
            "",
        ]


def _shipped_terms() -> list[str]:
    import polib

    return [
        e.msgid
        for e in polib.pofile(str(ROOT / "locales/en/LC_MESSAGES/glossary.po"))
        if e.msgid and not e.obsolete
    ]


def previous_release(rev: str | None = None) -> Path | None:
    """The package of a previous release (``rev``, else ``$BENCH_PREVIOUS``, a git revision;
    default the commit before the extractor's issue-11 work), unpacked into the cache; None
    without git."""
    rev = rev or os.environ.get("BENCH_PREVIOUS", "28ed9d9")
    where = Path(CACHE) / f"previous-{rev}"
    if not where.exists():
        where.mkdir()
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", rev, "glossary"], capture_output=True
        )
        if archive.returncode != 0:
            return None
        subprocess.run(["tar", "-x", "-C", str(where)], input=archive.stdout, check=True)
    return where


def bench_terminal(report: list[str]) -> None:
    """What showing things in an 80-column terminal costs: lookup's one line per hit and its
    cards (a new process each), and scan's table with wrapped cells over 20 MB; beside the
    reference and the release before (``$BENCH_PREVIOUS_TERMINAL``, default the commit before
    issue 15: ten cards, and tables cut with …), run from its own package and cache."""
    shipped = ROOT / "locales"
    corpus = make_corpus(OUT / "corpus-20mb.txt", 20)
    sink = Path(CACHE) / "out.txt"
    # both releases started alike: their package on PYTHONPATH, python -m glossary
    ours = f"cd {ROOT} && COLUMNS=80 PYTHONPATH={ROOT} {PY} -m glossary --locales {shipped}"
    commands = {
        "import click": f"{PY} -c 'import click'",
        "lookup 工程 (10 hits: one line each)": f"{ours} lookup 工程",
        "lookup --full 工程 (10 cards)": f"{ours} lookup --full 工程",
        "lookup bbzl (one card)": f"{ours} lookup bbzl",
    }
    previous = previous_release(os.environ.get("BENCH_PREVIOUS_TERMINAL", "9373c08"))
    old = ""
    if previous is not None:
        cache = Path(CACHE) / "previous-cache"
        old = (
            f"cd {previous} && COLUMNS=80 GLOSSARY_CACHE_DIR={cache} PYTHONPATH={previous} "
            f"{PY} -m glossary --locales {shipped}"
        )
        commands["previous: lookup 工程 (10 cards)"] = f"{old} lookup 工程"
    m = compare(commands, runs=15)
    ref = m["import click"]
    report += [
        "## In the terminal (`bench/bench.py terminal`, 80 columns, shipped glossary)",
        "",
        "A new process per command (`python -m glossary` with the package on PYTHONPATH, for both "
        "releases), medians of 15 interleaved runs; the previous release runs from its own package "
        "(git archive) and cache.",
        "",
        "| command | median of 15 | vs `python -c 'import click'` | |",
        "|---|---|---|---|",
        row("python -c 'import click'", ref),
    ]
    for name, t in m.items():
        if name != "import click":
            report.append(row(name if name.startswith("previous") else f"glossary {name}", t, ref))
    tables = {
        "grep": f"LC_ALL=C.UTF-8 grep -F -o -f {_terms_file(Path(CACHE) / 'terms.txt', _shipped_terms())} {corpus} > {sink}",
        "scan": f"{ours} scan --format table {corpus} > {sink}",
    }
    if old:
        tables["previous"] = f"{old} scan --format table {corpus} > {sink}"
    t = compare(tables, runs=3)
    report += [
        "",
        f"`scan --format table` of {corpus.stat().st_size / 1e6:.0f} MB (medians of 3, interleaved):",
        "",
        "| command | median of 3 | vs `grep -F -o -f` |",
        "|---|---|---|",
        f"| reference: `grep -F -o -f` (the glossary's terms) | {t['grep']:.2f} s | 1.00× |",
        f"| glossary scan --format table (cells wrapped) | {t['scan']:.2f} s | {t['scan'] / t['grep']:.2f}× |",
    ]
    if "previous" in t:
        report.append(
            f"| previous release (cells cut with …) | {t['previous']:.2f} s | {t['previous'] / t['grep']:.2f}× |"
        )
    report.append("")


def bench_extract(report: list[str]) -> None:
    corpus = make_corpus(OUT / "corpus-50mb.txt", 50)
    size = corpus.stat().st_size
    sink = Path(CACHE) / "out.txt"
    # both read the same glossary ($BENCH_LOCALES, default locales/); the previous release
    # fails on catalogues with a known term written in other quote marks, so give it one of its day
    locales = os.environ.get("BENCH_LOCALES", str(ROOT / "locales"))
    # each version keeps its lookup index in a cache of its own: sharing one, each would rebuild
    # the other's index on every run and measure that
    ours = f"GLOSSARY_CACHE_DIR={CACHE}/ours"
    commands = {
        "grep": f"LC_ALL=C.UTF-8 grep -o -E '“[^”]+”' {corpus} > {sink}",
        "extract": f"{ours} {GLOSSARY} --locales {locales} extract --format tsv {corpus} > {sink}",
        "extract1": f"{ours} GLOSSARY_WORKERS=1 {GLOSSARY} --locales {locales} extract --format tsv {corpus} > {sink}",
    }
    previous = previous_release()
    if previous is not None:
        theirs = f"GLOSSARY_CACHE_DIR={CACHE}/previous"
        run_previous = f"cd {previous} && {theirs} {{workers}}PYTHONPATH={previous} {PY} -m glossary --locales {locales} extract --format tsv {corpus} > {sink}"
        # (the variable goes after the cd: before it, it would set the cd's environment only)
        commands["previous"] = run_previous.format(workers="")
        commands["previous1"] = run_previous.format(workers="GLOSSARY_WORKERS=1 ")
    m = compare_cpu(commands, runs=5)

    def line(label: str, key: str, ref: str | None = None) -> str:
        wall, cpu = m[key]
        than = ""
        if ref is not None:
            than = f"{m[key][0] / m[ref][0]:.2f}× / {m[key][1] / m[ref][1]:.2f}× this one's"
        return f"| {label} | {wall:.2f} s | {size / wall / 1e6:.1f} MB/s | {cpu:.2f} s | {than} |"

    report += [
        "## Extract (50 MB of policy text)",
        "",
        "| command | wall, median of 5 | throughput | CPU (all processes), median | wall / CPU vs this one |",
        "|---|---|---|---|---|",
        line("reference: `grep -o -E '“[^”]+”'` (quoted spans only, one regex)", "grep"),
        line("glossary extract (all cores)", "extract"),
        line("glossary extract (one core)", "extract1"),
    ]
    if "previous" in m:
        report += [
            line("previous release (all cores)", "previous", "extract"),
            line("previous release (one core)", "previous1", "extract1"),
        ]
    try:
        import jieba.analyse  # noqa: F401

        sample = OUT / "corpus-5mb.txt"
        if not sample.exists():
            with open(corpus, "rb") as src:
                data = src.read(5_000_000)
            sample.write_bytes(data[: data.rfind(b"\n") + 1])
        t = timed(
            [
                PY,
                "-c",
                f"import jieba.analyse; jieba.analyse.extract_tags(open({str(sample)!r}, encoding='utf-8').read(), topK=500)",
            ]
        )
        report.append(
            f"| for comparison: jieba `extract_tags` on 5 MB | {t:.2f} s | {sample.stat().st_size / t / 1e6:.2f} MB/s | |"
        )
    except ImportError:
        pass
    report.append("")


def bench_memory(report: list[str]) -> None:
    report += [
        "## Memory (maximum resident set size)",
        "",
        "| command | 20 MB input | 200 MB input |",
        "|---|---|---|",
    ]
    small = make_corpus(OUT / "corpus-20mb.txt", 20)
    big = make_corpus(OUT / "corpus-200mb.txt", 200)
    for name, args in (
        ("glossary scan --count", ["scan", "--count"]),
        ("glossary extract", ["extract", "--format", "tsv"]),
    ):
        rss = []
        for corpus in (small, big):
            out = subprocess.run(
                [
                    "/usr/bin/time",
                    "-f",
                    "%M",
                    GLOSSARY,
                    "--locales",
                    str(ROOT / "locales"),
                    *args,
                    str(corpus),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
                env=ENV,
            )
            rss.append(int(out.stderr.strip().splitlines()[-1]) // 1024)
        report.append(f"| {name} | {rss[0]} MB | {rss[1]} MB |")
    report.append("")


def bench_qa(report: list[str]) -> None:
    """issue 12: QA of 10,000 segments against the full glossary, new process, beside the time
    translate-toolkit takes only to parse the same file, and grep -F -f over it."""
    job = make_bilingual(OUT / "qa-10000.po", 10_000)
    terms = _terms_file(OUT / "qa-terms.txt", _shipped_terms())
    m = compare(
        {
            "glossary qa (10,000 segments, shipped glossary)": [
                GLOSSARY,
                "--locales",
                str(ROOT / "locales"),
                "qa",
                "--format",
                "tsv",
                str(job),
            ],
            "translate-toolkit: parse the PO only": [
                PY,
                "-c",
                f"from translate.storage import factory; factory.getobject({str(job)!r})",
            ],
            "grep -F -o -f (the glossary's terms over the PO)": f"LC_ALL=C.UTF-8 grep -F -o -f {terms} {job} > {OUT / 'qa-grep.out'}",
        },
        runs=5,
    )
    ref = m["translate-toolkit: parse the PO only"]
    report += [
        "## QA of a translation (a new process)",
        "",
        f"{job.name}: 10,000 segments, {job.stat().st_size:,} bytes; medians of 5 interleaved runs.",
        "",
        "| command | median | vs translate-toolkit parse | |",
        "|---|---|---|---|",
        *(
            row(k, v, ref if k != "translate-toolkit: parse the PO only" else None)
            for k, v in m.items()
        ),
        "",
    ]


def _filled(po: Path) -> str:
    """Translated entries of a PO file, and how many of them are fuzzy."""
    import polib

    done = [e for e in polib.pofile(str(po)) if e.msgid and e.msgstr]
    return f"{len(done)} filled ({sum('fuzzy' in e.flags for e in done)} fuzzy)"


def _peak(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak resident set size (MB) of one run (``/usr/bin/time``)."""
    start = time.perf_counter()
    out = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *cmd],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
        check=False,
    )
    return time.perf_counter() - start, int(out.stderr.strip().splitlines()[-1]) // 1024


def bench_tm(report: list[str]) -> None:
    """issue 13: a memory lookup (new process) at 100,000 and 1,000,000 segments beside
    ``python -c "import click"``; the index build's time, peak memory and size; pretranslate of
    1,000 segments beside translate-toolkit (at 100,000 only: it takes minutes)."""
    sizes = [int(x) for x in os.environ.get("TM_SIZES", "100000,1000000").split(",")]
    rows = []
    for size in sizes:
        mem_dir = OUT / f"tm-{size}"
        mem_dir.mkdir(parents=True, exist_ok=True)
        memory = make_memory(mem_dir / "memory.po", size)
        job = make_job(OUT / f"job-1000-{size}.po", memory, 1000)
        first = [GLOSSARY, "--locales", str(mem_dir), "tm", "lookup", "--format", "tsv"]
        query = memory.read_text(encoding="utf-8").split('msgid "', 3)[2].split('"', 1)[0]
        for old in Path(CACHE).glob("memory-*.sqlite"):
            old.unlink()
        build, rss = _peak([*first, query])
        (index,) = Path(CACHE).glob("memory-*.sqlite")
        fuzzy = query[:-3] + "的工作。"
        m = compare(
            {
                "python -c 'import click'": [PY, "-c", "import click"],
                f"tm lookup, exact ({size:,})": [*first, query],
                f"tm lookup, fuzzy ({size:,})": [*first, fuzzy],
                f"tm lookup, short query of common clauses ({size:,})": [
                    *first,
                    "坚持稳中求进工作总基调",
                ],
            },
            runs=9,
        )
        ref = m["python -c 'import click'"]
        rows += [row(k, v, ref if "click" not in k else None) for k, v in m.items()]
        rows.append(
            row(
                f"first lookup, builds the index ({size:,})",
                build,
                ref,
                f"peak RSS {rss} MB; compendium {memory.stat().st_size / 1e6:,.0f} MB, "
                f"index {index.stat().st_size / 1e6:,.0f} MB",
            )
        )
        out = OUT / f"pre-{size}.po"
        ours, ours_rss = _peak(
            [GLOSSARY, "--locales", str(mem_dir), "pretranslate", "-o", str(out), str(job)]
        )
        filled = _filled(out)
        rows.append(
            row(
                f"glossary pretranslate 1,000 segments ({size:,}): {filled}",
                ours,
                ref,
                f"peak RSS {ours_rss} MB",
            )
        )
        if size <= 100_000:
            empty = OUT / "empty.po"
            empty.write_text(
                'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n',
                encoding="utf-8",
            )
            tt_out = OUT / f"tt-pre-{size}.po"
            tt, tt_rss = _peak(
                [
                    str(Path(PY).with_name("pretranslate")),
                    "--progress=none",
                    f"--tm={memory}",
                    "-t",
                    str(empty),
                    "-i",
                    str(job),
                    "-o",
                    str(tt_out),
                ]
            )
            tt_filled = _filled(tt_out) if tt_out.exists() else "none"
            rows.append(
                row(
                    f"translate-toolkit pretranslate 1,000 segments ({size:,}): {tt_filled}",
                    tt,
                    ref,
                    f"peak RSS {tt_rss} MB; {tt / ours:.0f}× glossary's time",
                )
            )
    report += [
        "## Translation memory (new processes)",
        "",
        "Memories made by bench/corpus.py (the seed's clauses recombined); the index exists for "
        "the lookups (built by the first one, whose time, peak memory and index size are shown).",
        "",
        "| command | median | vs python -c 'import click' | |",
        "|---|---|---|---|",
        *rows,
        "",
    ]


def _plain_page(path: Path, size: int) -> Path:
    """The reference page: a plain HTML file of ``size`` bytes, its bulk inert text inside a
    data block (what the browser must read and tokenize), no script and nothing to lay out."""
    head = '<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>plain</title><p>plain page</p><script type="text/plain">'
    tail = "</script></html>\n"
    filler = "八八战略 Double Eight Strategy bā bā zhàn lüè; "
    need = size - len(head.encode()) - len(tail.encode())
    unit = filler.encode()
    body = (unit * (need // len(unit) + 1))[:need].decode("utf-8", "ignore")
    path.write_text(head + body + tail, encoding="utf-8")
    return path


def bench_html(report: list[str]) -> None:
    """issue 15: the glossary page in headless Chromium: the time to open it (until the first
    screen of results is drawn: the script runs before the load event) and to answer a query
    typed into the box (input event to the second frame, when the results are painted),
    beside a plain page of the same size and an input event on it."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    big = make_po(
        OUT / "po-100000" / "en" / "LC_MESSAGES" / "glossary.po",
        100_000,
        extra_terms=["八八战略", "千万工程", "两个确立"],
    )
    pages = {}
    for name, locales in (("shipped", ROOT / "locales"), ("100k", big.parent.parent.parent)):
        path = OUT / f"page-{name}.html"
        subprocess.run(
            [GLOSSARY, "--locales", str(locales), "html", "-o", str(path)], check=True, env=ENV
        )
        pages[name] = (path, _plain_page(OUT / f"plain-{name}.html", path.stat().st_size))
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    options.binary_location = shutil.which("chromium") or "chromium"
    driver = webdriver.Chrome(
        service=Service(shutil.which("chromedriver") or "chromedriver"), options=options
    )
    typed = """const done = arguments[arguments.length - 1], box = document.getElementById('q');
        const t = performance.now();
        if (box) { box.value = arguments[0]; box.dispatchEvent(new Event('input')); }
        requestAnimationFrame(() => requestAnimationFrame(() => done([performance.now() - t,
            document.querySelectorAll('#results > li').length])));"""
    searched = (
        "const t = performance.now(); glossarySearch(arguments[0]); return performance.now() - t;"
    )
    queries = ["bbzl", "工程", "zhanlue", "development"]

    keys_ready = """const done = arguments[arguments.length - 1];
        (function wait() { document.documentElement.dataset.keys || !document.getElementById('q')
            ? done() : setTimeout(wait, 2); })();"""

    def open_page(path: Path, fragment: str = "", *, searchable: bool = False) -> float:
        driver.get("about:blank")
        start = time.perf_counter()
        driver.get(path.as_uri() + fragment)
        if searchable:
            driver.execute_async_script(keys_ready)
        return time.perf_counter() - start

    rows = []
    runs = 7
    try:
        for name, (page, plain) in pages.items():
            opened: dict[str, list[float]] = {
                "ours": [],
                "plain": [],
                "ours #q=bbzl": [],
                "ours searchable": [],
            }
            answered: dict[str, list[float]] = {q: [] for q in queries}
            search_only: dict[str, list[float]] = {q: [] for q in queries}
            frame: list[float] = []
            hits: dict[str, int] = {}
            open_page(page)
            open_page(plain)  # warm-up: the page cache
            for _ in range(runs):
                opened["plain"].append(open_page(plain))
                frame.append(driver.execute_async_script(typed, "bbzl")[0] / 1000)
                opened["ours searchable"].append(open_page(page, searchable=True))
                opened["ours"].append(open_page(page))
                driver.execute_async_script(keys_ready)
                for q in queries:
                    seconds, n = driver.execute_async_script(typed, q)
                    answered[q].append(seconds / 1000)
                    hits[q] = n
                    search_only[q].append(driver.execute_script(searched, q) / 1000)
                opened["ours #q=bbzl"].append(open_page(page, "#q=bbzl"))
            med = {k: statistics.median(v) for k, v in opened.items()}
            ref = med["plain"]
            size = page.stat().st_size
            rows.append(row(f"plain page of the same size ({name}, {size / 1e6:.1f} MB)", ref))
            rows.append(row(f"open the glossary page ({name})", med["ours"], ref))
            rows.append(
                row(f"open it until the search is ready ({name})", med["ours searchable"], ref)
            )
            rows.append(row(f"open it with #q=bbzl ({name})", med["ours #q=bbzl"], ref))
            fref = statistics.median(frame)
            rows.append(row(f"input event and two frames on the plain page ({name})", fref))
            for q in queries:
                rows.append(
                    row(
                        f"type {q!r} ({name}): results painted",
                        statistics.median(answered[q]),
                        fref,
                        f"search alone {statistics.median(search_only[q]) * 1000:.1f} ms; "
                        f"{hits[q]} drawn",
                    )
                )
    finally:
        driver.quit()
    report += [
        "## The glossary page (`bench/bench.py html`, headless Chromium)",
        "",
        f"Pages written by `glossary html` from the shipped glossary and from the 100,000-entry "
        f"synthetic PO; medians of {runs} runs, ours and the reference interleaved, in one browser. "
        "Opening is timed from navigation to the load event (the script has drawn the first "
        "screen of results by then), and to the moment the search keys are read (a second JSON "
        "block, read once the first screen is painted); a query from the input event to the second animation frame "
        "(the results painted), beside the same on a plain page.",
        "",
        "| what | median | vs reference | |",
        "|---|---|---|---|",
        *rows,
        "",
    ]


def _rss(cmd: str) -> int:
    """Maximum resident set size (MiB) of a shell command, by /usr/bin/time."""
    out = subprocess.run(
        f"/usr/bin/time -f %M -o {CACHE}/rss {cmd}", shell=True, env=ENV, capture_output=True
    )
    del out
    return int(Path(CACHE, "rss").read_text().split()[-1]) // 1024


def bench_scan1m(report: list[str]) -> None:
    """issue 14: a 60 KB document scanned with a 1,000,000-entry glossary, a new process, beside
    grep -F -o -f of the same forms; the scan table built by the warm-up (once per version)."""
    sys.path.insert(0, str(ROOT))
    from glossary.index import read_written_forms

    po = make_po(
        OUT / "po-1000000-shipped" / "en" / "LC_MESSAGES" / "glossary.po",
        1_000_000,
        extra_terms=_shipped_terms(),
    )
    locales = po.parent.parent.parent
    corpus = make_corpus(OUT / "corpus-20mb.txt", 20)
    doc = OUT / "doc-60kb.txt"
    if not doc.exists():
        data = corpus.read_bytes()[:60_000]
        doc.write_bytes(data[: data.rfind(b"\n") + 1])
    os.environ["GLOSSARY_CACHE_DIR"] = CACHE
    start = time.perf_counter()
    forms = sorted(set(read_written_forms(locales)[0]))  # builds the lookup index (not timed)
    index_s = time.perf_counter() - start
    terms = _terms_file(OUT / "terms-1m.txt", forms)
    sink = Path(CACHE) / "out.txt"
    scan = f"{GLOSSARY} --locales {locales} scan --format tsv {doc} > {sink}"
    start = time.perf_counter()
    timed(scan)  # builds the scan table
    table_s = time.perf_counter() - start
    grep = f"env LC_ALL=C.UTF-8 grep -F -o -f {terms} {doc} > {sink}"
    m = compare({"grep": grep, "scan": scan}, runs=3)
    hits = len(sink.read_text(encoding="utf-8").splitlines())
    report += [
        "## Scan a 60 KB document with a 1,000,000-entry glossary (a new process)",
        "",
        f"{doc.name}: {doc.stat().st_size:,} bytes; {po.stat().st_size:,}-byte PO, "
        f"{len(forms):,} written forms; {hits} hits. Medians of 3 interleaved runs; "
        f"the lookup index first ({index_s:.0f} s, not timed), then a first scan "
        f"({table_s:.1f} s: it builds the scan table unless $BENCH_CACHE holds it).",
        "",
        "| command | median of 3 | vs grep | max RSS |",
        "|---|---|---|---|",
        f"| grep -F -o -f TERMS | {m['grep'] * 1000:,.0f} ms | 1.00× (reference) | {_rss(grep)} MiB |",
        f"| glossary scan --format tsv | {m['scan'] * 1000:,.0f} ms | {m['scan'] / m['grep']:.3f}× | {_rss(scan)} MiB |",
        "",
    ]


def bench_build(report: list[str]) -> None:
    """issue 14: `glossary build` when nothing changed, on a copy of the project, beside
    msgmerge of the English catalogue against the POT."""
    work = Path(tempfile.mkdtemp(prefix="glossary-bench-build-"))
    shutil.copytree(ROOT / "seeds", work / "seeds")
    shutil.copytree(ROOT / "locales", work / "locales")
    en, pot = work / "locales/en/LC_MESSAGES/glossary.po", work / "locales/glossary.pot"
    start = time.perf_counter()
    timed(f"cd {work} && {GLOSSARY} build -q")  # the full build, which leaves the stamp
    full = time.perf_counter() - start
    m = compare(
        {
            "msgmerge": f"msgmerge -q -o {CACHE}/merged.po {en} {pot}",
            "build": f"cd {work} && {GLOSSARY} build -q",
            "click": [PY, "-c", "import click"],
        },
        runs=11,
    )
    changed = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--short", "locales"], capture_output=True, text=True
    ).stdout
    ref = m["msgmerge"]
    report += [
        "## `glossary build` when nothing changed (a new process, the shipped glossary)",
        "",
        f"A copy of seeds/ and locales/; the first build ({full:.2f} s) leaves the stamp. "
        f"Medians of 11 interleaved runs.{' (locales/ has local changes)' if changed else ''}",
        "",
        "| command | median of 11 | vs msgmerge |",
        "|---|---|---|",
        row("msgmerge -q en.po glossary.pot", ref),
        row("glossary build (nothing changed)", m["build"], ref),
        row("for comparison: python -c 'import click'", m["click"], ref),
        "",
    ]
    shutil.rmtree(work, ignore_errors=True)


def bench_export(report: list[str]) -> None:
    """issue 14: export of a 100,000-entry PO (another tool's: no pinyin, no traditional forms)
    to CSV, TMX and TBX beside translate-toolkit's po2csv and po2tmx on the same file."""
    po = make_po(OUT / "po-100000" / "en" / "LC_MESSAGES" / "glossary.po", 100_000)
    locales = po.parent.parent.parent
    out = Path(CACHE)
    ours = {
        f: f"{GLOSSARY} --locales {locales} export --format {f} -o {out}/ours.{f}"
        for f in ("csv", "tmx", "tbx")
    }
    bindir = Path(PY).parent
    theirs = {
        "po2csv": f"{bindir}/po2csv --progress=none {po} {out}/tt.csv",
        "po2tmx": f"{bindir}/po2tmx --progress=none -l zh {po} {out}/tt.tmx",
    }
    if (bindir / "po2tbx").exists():
        theirs["po2tbx"] = f"{bindir}/po2tbx --progress=none {po} {out}/tt.tbx"
    start = time.perf_counter()
    timed(ours["csv"])  # computes the forms (every core) and leaves the entry cache
    first = time.perf_counter() - start
    m = compare({**theirs, **ours}, runs=3)
    report += [
        "## Export 100,000 entries (a new process)",
        "",
        f"{po.stat().st_size:,}-byte PO without pinyin or traditional forms; the first export "
        f"computes them on every core and caches the entries ({first:.1f} s); then medians of "
        "3 interleaved runs.",
        "",
        "| command | median of 3 | vs translate-toolkit | max RSS |",
        "|---|---|---|---|",
    ]
    for name, cmd in theirs.items():
        report.append(f"| {name} | {m[name]:.2f} s | 1.00× (reference) | {_rss(cmd)} MiB |")
    for fmt, cmd in ours.items():
        ref = m["po2csv"] if fmt == "csv" else m.get("po2tbx" if fmt == "tbx" else "", m["po2tmx"])
        against = (
            "po2csv" if fmt == "csv" else ("po2tbx" if "po2tbx" in m and fmt == "tbx" else "po2tmx")
        )
        report.append(
            f"| glossary export --format {fmt} | {m[fmt]:.2f} s | {m[fmt] / ref:.2f}× {against} | {_rss(cmd)} MiB |"
        )
    report.append("")


if __name__ == "__main__":
    which = sys.argv[1:] or ["lookup", "scan", "extract", "memory"]
    report = [
        f"# Benchmarks ({time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, Python {sys.version.split()[0]})",
        "",
    ]
    for name in which:
        globals()[f"bench_{name}"](report)
        print("\n".join(report), flush=True)
        print("-" * 40, flush=True)
    if not os.environ.get("BENCH_CACHE"):
        shutil.rmtree(CACHE, ignore_errors=True)
