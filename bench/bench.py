"""Benchmarks, each side by side with a reference measured in the same run (median of several
runs, reference and ours interleaved). Prints a Markdown report (bench/README.md keeps the last
one). Inputs are generated under bench/out/ by bench/corpus.py.

    python bench/bench.py [lookup] [scan] [extract] [memory] [qa] [tm] [scan1m] [build] [export]

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
from corpus import OUT, ROOT, make_bilingual, make_corpus, make_job, make_memory, make_po

PY = sys.executable
GLOSSARY = str(Path(PY).with_name("glossary"))
# $BENCH_CACHE: a cache to reuse (the index of a 1M glossary takes minutes to build), kept
CACHE = os.environ.get("BENCH_CACHE") or tempfile.mkdtemp(prefix="glossary-bench-cache-")
ENV = dict(os.environ, GLOSSARY_CACHE_DIR=CACHE, COLUMNS="100")


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


def _terms_file(path: Path, forms: list[str]) -> Path:
    path.write_text("\n".join(forms) + "\n", encoding="utf-8")
    return path


def bench_scan(report: list[str]) -> None:
    corpus = make_corpus(OUT / "corpus-20mb.txt", 20)
    from glossary.terms import load_terms  # noqa: F401 - the index must exist

    sys.path.insert(0, str(ROOT))
    import sqlite3

    from glossary.index import open_index

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
        con: sqlite3.Connection = open_index(locales)
        forms = sorted(
            {k for (k,) in con.execute("SELECT key FROM keys WHERE kind = 'zh' AND key != ''")}
        )
        con.close()
        terms = _terms_file(OUT / f"terms-{len(forms)}.txt", forms)
        # Outputs go to a file: GNU grep stops at the first match when its output is /dev/null.
        sink = Path(CACHE) / "out.txt"
        m = compare(
            {
                "grep": f"LC_ALL=C.UTF-8 grep -F -o -f {terms} {corpus} > {sink}",
                "scan": f"{GLOSSARY} --locales {locales} scan --format tsv {corpus} > {sink}",
                "json": f"{GLOSSARY} --locales {locales} scan --format json {corpus} > {sink}",
                "count": f"{GLOSSARY} --locales {locales} scan --count --format tsv {corpus} > {sink}",
            },
            runs=5,
        )
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
            "| command | median of 5 | vs grep | |",
            "|---|---|---|---|",
            row("grep -F -o -f TERMS", m["grep"]),
            row("glossary scan --format tsv", m["scan"], m["grep"]),
            row("glossary scan --format json", m["json"], m["grep"]),
            row("glossary scan --count", m["count"], m["grep"]),
            "",
        ]


def _shipped_terms() -> list[str]:
    import polib

    return [
        e.msgid
        for e in polib.pofile(str(ROOT / "locales/en/LC_MESSAGES/glossary.po"))
        if e.msgid and not e.obsolete
    ]


def previous_release() -> Path | None:
    """The package of the previous release (``$BENCH_PREVIOUS``, a git revision; default the
    commit before the extractor's issue-11 work), unpacked into the cache; None without git."""
    rev = os.environ.get("BENCH_PREVIOUS", "28ed9d9")
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


def bench_extract(report: list[str]) -> None:
    corpus = make_corpus(OUT / "corpus-50mb.txt", 50)
    size = corpus.stat().st_size
    sink = Path(CACHE) / "out.txt"
    # both read the same glossary ($BENCH_LOCALES, default locales/); the previous release
    # fails on catalogues with a known term written in other quote marks, so give it one of its day
    locales = os.environ.get("BENCH_LOCALES", str(ROOT / "locales"))
    commands = {
        "grep": f"LC_ALL=C.UTF-8 grep -o -E '“[^”]+”' {corpus} > {sink}",
        "extract": f"{GLOSSARY} --locales {locales} extract --format tsv {corpus} > {sink}",
        "extract1": f"GLOSSARY_WORKERS=1 {GLOSSARY} --locales {locales} extract --format tsv {corpus} > {sink}",
    }
    previous = previous_release()
    if previous is not None:
        run_previous = f"cd {previous} && PYTHONPATH={previous} {PY} -m glossary --locales {locales} extract --format tsv {corpus} > {sink}"
        commands["previous"] = run_previous
        commands["previous1"] = f"GLOSSARY_WORKERS=1 {run_previous}"
    m = compare(commands, runs=3)
    report += [
        "## Extract (50 MB of policy text)",
        "",
        "| command | median of 3 | throughput | |",
        "|---|---|---|---|",
        f"| reference: `grep -o -E '“[^”]+”'` (quoted spans only, one regex) | {m['grep']:.2f} s | {size / m['grep'] / 1e6:.1f} MB/s | |",
        f"| glossary extract (all cores) | {m['extract']:.2f} s | {size / m['extract'] / 1e6:.1f} MB/s | |",
        f"| glossary extract (one core) | {m['extract1']:.2f} s | {size / m['extract1'] / 1e6:.1f} MB/s | |",
    ]
    if "previous" in m:
        report += [
            f"| previous release (all cores) | {m['previous']:.2f} s | {size / m['previous'] / 1e6:.1f} MB/s | {m['previous'] / m['extract']:.2f}× this one's time |",
            f"| previous release (one core) | {m['previous1']:.2f} s | {size / m['previous1'] / 1e6:.1f} MB/s | {m['previous1'] / m['extract1']:.2f}× this one's time |",
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


def bench_tm(report: list[str]) -> None:
    """issue 13: a memory lookup (new process) at 100,000 and 1,000,000 segments beside
    ``python -c "import click"``; pretranslate of 1,000 segments beside translate-toolkit."""
    sizes = [int(x) for x in os.environ.get("TM_SIZES", "100000,1000000").split(",")]
    rows = []
    for size in sizes:
        mem_dir = OUT / f"tm-{size}"
        mem_dir.mkdir(parents=True, exist_ok=True)
        memory = make_memory(mem_dir / "memory.po", size)
        job = make_job(OUT / f"job-1000-{size}.po", memory, 1000)
        first = [GLOSSARY, "--locales", str(mem_dir), "tm", "lookup", "--format", "tsv"]
        query = memory.read_text(encoding="utf-8").split('msgid "', 3)[2].split('"', 1)[0]
        start = time.perf_counter()
        subprocess.run([*first, query], stdout=subprocess.DEVNULL, env=ENV, check=False)
        build = time.perf_counter() - start
        fuzzy = query[:-3] + "的工作。"
        m = compare(
            {
                "python -c 'import click'": [PY, "-c", "import click"],
                f"tm lookup, exact ({size:,})": [*first, query],
                f"tm lookup, fuzzy ({size:,})": [*first, fuzzy],
            },
            runs=9,
        )
        ref = m["python -c 'import click'"]
        rows += [row(k, v, ref if "click" not in k else None) for k, v in m.items()]
        rows.append(row(f"first lookup, builds the index ({size:,})", build, ref))
        out = OUT / f"pre-{size}.po"
        ours = timed(
            [GLOSSARY, "--locales", str(mem_dir), "pretranslate", "-o", str(out), str(job)]
        )
        filled = _filled(out)
        rows.append(row(f"glossary pretranslate 1,000 segments ({size:,}): {filled}", ours, ref))
        if size <= 100_000:
            empty = OUT / "empty.po"
            empty.write_text(
                'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n',
                encoding="utf-8",
            )
            tt_out = OUT / f"tt-pre-{size}.po"
            tt = timed(
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
                )
            )
    report += [
        "## Translation memory (new processes)",
        "",
        "Memories made by bench/corpus.py (the seed's clauses recombined); the index exists for the lookups (built by the first one).",
        "",
        "| command | median | vs python -c 'import click' | |",
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
