"""One function per command: what the CLI calls after parsing. Each wires the library's stages
together and returns typed results; rendering stays in the CLI (``scan`` writes through a
callback because its output streams)."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .errors import GlossaryError, InputError

if TYPE_CHECKING:
    from .models import Candidate


def _known_and_rejected(locales: str | Path):
    """The glossary's terms (from the lookup index: no PO parsing) and the curator's rejections."""
    locales = Path(locales)
    from .curate import CURATION_FILE, read_curation
    from .extract import KnownTerms
    from .index import open_index
    from .models import Category, Decision
    from .paths import EN

    rows = []
    if (locales / EN).exists():
        con = open_index(locales)
        try:
            rows = con.execute(
                "SELECT k.key, e.zh, e.category FROM keys k JOIN entries e ON e.id = k.id"
                " WHERE k.kind = 'zh' ORDER BY e.id"
            ).fetchall()
        finally:
            con.close()
    known = KnownTerms.from_forms(
        (form, zh, Category(category) if category else None) for form, zh, category in rows
    )
    curation = read_curation(locales / CURATION_FILE)
    rejected = frozenset(z for z, r in curation.items() if r.decision is Decision.REJECT)
    return known, rejected


def extract_candidates(
    files: Iterable[str], *, locales: Path, on_encoding=None, workers: int | None = None
) -> list[Candidate]:
    """Candidates in ``files`` with the glossary's terms and the curator's rejections applied.

    Large files are read on every core (``parallel``); the result is the same as one pass.
    """
    from .extract import CandidateCollector
    from .parallel import extract_file
    from .textio import iter_segments, peek_encoding

    known, rejected = _known_and_rejected(locales)
    collector = CandidateCollector(known=known, rejected=rejected)
    for path in files:
        if path != "-":
            found = peek_encoding(path)
            if on_encoding is not None:
                on_encoding(path, found)
            part = extract_file(
                path, label=path, found=found, known=known, rejected=rejected, workers=workers
            )
            if part is not None:
                collector.merge(part)
                continue
            segments = iter_segments([path])
        else:
            segments = iter_segments([path], on_encoding=on_encoding)
        for seg in segments:
            collector.feed(seg)
    return collector.candidates()


def run_build(
    *, locales: str | Path | None, seeds: str | Path | None, dry_run: bool = False, progress=None
):
    """``glossary build`` with the project's defaults."""
    from .build import build
    from .paths import find_project

    found = find_project()
    project = Path(found) if found else None
    locales = Path(locales) if locales is not None else None
    seeds = Path(seeds) if seeds is not None else None
    if locales is None:
        if project is None:
            raise GlossaryError(
                "not inside a glossary project (no seeds/ and locales/ here); give --locales DIR"
            )
        locales = project / "locales"
    if seeds is None:
        base = project or locales.resolve().parent
        seeds = base / "seeds"
        if not seeds.is_dir():
            raise InputError(f"{seeds}: no seeds folder; give --seeds")
    root = project or Path.cwd()
    return build(locales=locales, seeds=seeds, root=root, dry_run=dry_run, progress=progress)


def record_decisions(
    terms,
    *,
    decision: str,
    category: str | None,
    note: str,
    locales: Path | None,
    notice: Callable[[str], None] | None = None,
) -> Path:
    """Add or change rows of ``curation.tsv``."""
    from .curate import CURATION_FILE, read_curation, write_curation
    from .index import normalize
    from .models import Category, CurationRow, Decision
    from .paths import resolve_locales

    folder = Path(resolve_locales(locales))
    dec = Decision(decision)
    if dec is not Decision.REJECT and not category:
        raise GlossaryError("--accept and --add need --category")
    path = folder / CURATION_FILE
    from .fsutil import locked

    with locked(folder, command="glossary curate", notice=notice):  # from the read to the write
        rows = read_curation(path)
        for term in terms:
            zh = normalize(term).strip("“”‘’「」『』\"'")
            if not zh:
                raise GlossaryError(f"empty term {term!r}")
            rows[zh] = CurationRow(
                zh,
                dec,
                Category(category) if category and dec is not Decision.REJECT else None,
                note,
            )
        write_curation(path, rows.values())
    return path


class ScanResult(NamedTuple):
    hits: int
    terms: int
    unknown: int


def run_scan(
    files: list[str],
    *,
    locales: Path,
    fmt: str,
    count: bool,
    unknown: bool,
    write: Callable[[str], object],
    copy_file: Callable[[str], object] | None = None,
    on_encoding=None,
    width: int = 100,
) -> ScanResult:
    """``glossary scan``: stream hits of the glossary's terms in ``files`` to ``write``.

    Large files are scanned on every core for the machine formats (``parallel``); the output is
    the same, byte for byte, as one pass. ``copy_file(path)`` copies a file of UTF-8 output as it
    is (the CLI copies to standard output without decoding); by default it goes through ``write``.
    """
    import json

    from .render import table
    from .scan import iter_lines_matches, load_scanner

    scanner = load_scanner(locales)
    collector = None
    if unknown:
        from .extract import CandidateCollector

        known, rejected = _known_and_rejected(locales)
        collector = CandidateCollector(known=known, rejected=rejected)
    total = 0
    terms = 0
    if count:
        tally: Counter[int] = Counter()
        for part in _scan_parts(files, scanner, "count", collector, on_encoding):
            tally.update(part)
        per_term: Counter[str] = Counter()
        english: dict[str, str] = {}
        for index, n in tally.items():
            per_term[scanner.zh[index]] += n
            english[scanner.zh[index]] = scanner.en[index]
        total, terms = sum(per_term.values()), len(per_term)
        ordered = sorted(per_term.items(), key=lambda kv: (-kv[1], kv[0]))
        if fmt == "json":
            write(
                json.dumps(
                    [{"zh": zh, "en": english[zh], "count": n} for zh, n in ordered],
                    ensure_ascii=False,
                    indent=2,
                )
                + "\n"
            )
        elif fmt == "tsv":
            write("".join(f"{zh}\t{n}\t{english[zh]}\n" for zh, n in ordered))
        elif ordered:
            write(
                table(
                    [(zh, str(n), english[zh]) for zh, n in ordered],
                    ["term", "count", "English"],
                    max_width=width,
                )
                + "\n"
            )
    elif fmt in ("json", "tsv"):
        if (
            fmt == "json"
        ):  # with --unknown the output is one object: {"hits": [...], "unknown": [...]}
            write('{"hits": [' if collector is not None else "[")
        for text, hits in _scan_parts(files, scanner, fmt, collector, on_encoding):
            if isinstance(text, tuple):  # a file of formatted hits from a worker
                path = text[0]
                try:
                    if fmt == "json" and not total and hits:
                        with open(path, encoding="utf-8") as part:
                            write(part.read(1)[1:])  # drop the first item's comma
                            rest = part.read(1 << 20)
                            while rest:
                                write(rest)
                                rest = part.read(1 << 20)
                    elif copy_file is not None:
                        copy_file(path)
                    else:
                        with open(path, encoding="utf-8") as part:
                            while chunk := part.read(1 << 20):
                                write(chunk)
                finally:
                    os.unlink(path)
            else:
                if fmt == "json" and not total and text.startswith(","):
                    text = text[1:]
                write(text)
            total += hits
        if fmt == "json":
            write(("\n]" if total else "]") + ("" if collector is not None else "\n"))
    else:
        lines = iter_lines_matches(
            files,
            scanner=scanner,
            on_encoding=on_encoding,
            on_line=collector.feed if collector else None,
        )
        rows: list[tuple[str, str, str]] = []
        for shown, number, line, _offset, found in lines:
            if fmt == "annotate":
                out, pos = [], 0
                for i, _a, b in found:
                    out += [line[pos:b], f"[{scanner.en[i]}]" if scanner.en[i] else "[?]"]
                    pos = b
                out.append(line[pos:])
                write("".join(out))
            else:
                # people read line:column (with the file's name when there are several files)
                where = f"{number}" if len(files) == 1 else f"{shown.rsplit('/', 1)[-1]}:{number}"
                for i, a, _b in found:
                    form, zh = scanner.forms[i], scanner.zh[i]
                    rows.append(
                        (
                            f"{where}:{a + 1}",
                            form + ("" if form == zh else f" ({zh})"),
                            scanner.en[i] or "—",
                        )
                    )
                if len(rows) >= 5000:
                    write(table(rows, ["line:col", "term", "English"], max_width=width) + "\n")
                    rows = []
            total += len(found)
        if rows:
            write(table(rows, ["line:col", "term", "English"], max_width=width) + "\n")
    new = 0
    if collector is not None:
        cands = [c for c in collector.candidates() if not c.known]
        new = len(cands)
        if fmt == "json":
            items = [
                {
                    "zh": c.zh,
                    "zh_hans": c.zh_hans,
                    "category": c.category.value,
                    "count": c.count,
                    "file": c.file,
                    "line": c.line,
                    "quoted": c.quoted,
                }
                for c in cands
            ]
            write(', "unknown": ' + json.dumps(items, ensure_ascii=False, indent=2) + "}\n")
        elif cands:
            write("\nnot in the glossary (candidates to curate):\n")
            write(
                table(
                    [(c.zh, c.category.value, str(c.count), f"{c.file}:{c.line}") for c in cands],
                    ["term", "category", "count", "first seen"],
                    max_width=width,
                )
                + "\n"
            )
    return ScanResult(hits=total, terms=terms, unknown=new)


def _scan_parts(files, scanner, mode: str, collector, on_encoding):
    """Scan results file after file, in document order: for mode "count", iterables of pattern
    indexes; for "tsv" and "json", (formatted text, hits). Large files go to every core."""
    from .parallel import scan_file
    from .scan import format_hits, iter_count_blocks, iter_lines_matches
    from .textio import peek_encoding

    for path in files:
        callback = on_encoding
        if mode == "count" and collector is None:
            if path != "-":
                found = peek_encoding(path)
                parts = scan_file(path, label=path, found=found, scanner=scanner, fmt=mode)
                if parts is not None:
                    if on_encoding is not None:
                        on_encoding(path, found)
                    yield from parts
                    continue
            report = None if on_encoding is None else (lambda found, p=path: on_encoding(p, found))
            for block in iter_count_blocks(path, on_encoding=report):
                yield scanner.count_bytes(block)
            continue
        if path != "-" and collector is None:
            found = peek_encoding(path)
            if on_encoding is not None:
                on_encoding(path, found)
            callback = None
            parts = scan_file(path, label=path, found=found, scanner=scanner, fmt=mode)
            if parts is not None:
                for part in parts:
                    yield part if mode == "count" else ((part[0],), part[1])
                continue
        formatter = (
            None if mode == "count" else format_hits(scanner, mode, "-" if path == "-" else path)
        )
        for _shown, number, line, offset, found_ in iter_lines_matches(
            [path],
            scanner=scanner,
            on_encoding=callback,
            on_line=collector.feed if collector else None,
        ):
            if found_:
                yield (
                    map(_first, found_)
                    if formatter is None
                    else (formatter(number, line, offset, found_), len(found_))
                )


def _first(match: tuple[int, int, int]) -> int:
    return match[0]


def select_entries(
    locales: str | Path, *, categories=(), statuses=(), reviewed: bool | None = None
):
    """The glossary's entries, filtered, with pinyin and traditional forms filled in."""
    from dataclasses import replace

    from .store import read_entries, with_computed

    locales = Path(locales)
    out = []
    for e in read_entries(locales):
        if categories and (not e.category or e.category.value not in categories):
            continue
        if statuses and (not e.status or e.status.value not in statuses):
            continue
        if reviewed is not None and e.reviewed != reviewed:
            continue
        if not (e.pinyin and e.zh_tw and e.zh_hk):
            c = with_computed(e)
            e = replace(
                e, pinyin=e.pinyin or c.pinyin, zh_tw=e.zh_tw or c.zh_tw, zh_hk=e.zh_hk or c.zh_hk
            )
        out.append(e)
    return out


def export_text(locales: Path, *, fmt: str, plain: bool, **filters) -> str:
    """The glossary in format ``fmt`` (a key of ``exporters.FORMATS``)."""
    from .exporters import load_all

    return load_all()[fmt].export(select_entries(locales, **filters), plain=plain)


def import_file(
    path: str,
    *,
    locales: str | Path,
    fmt: str | None,
    dry_run: bool,
    overwrite: bool,
    notice: Callable[[str], None] | None = None,
):
    """Parse an edited file and merge it into the store; returns the plan (and writes it unless
    ``dry_run`` or conflicts)."""
    from .exporters import load_all
    from .merge import apply_import, plan_import
    from .store import read_entries, with_computed
    from .textio import read_text

    formats = load_all()
    if fmt is None:
        ext = path.rsplit(".", 1)[-1].lower() if "." in path else ""
        by_ext = {f.extension: f.name for f in formats.values()}
        by_ext.update({"tsv": "tsv", "txt": "tsv", "tab": "tsv", "jsonl": "json"})
        fmt = by_ext.get(ext)
        if fmt is None:
            raise GlossaryError(f"{path}: cannot tell the format from the extension; give --format")
    parser = formats[fmt].parse
    if parser is None:
        raise GlossaryError(f"{fmt} files cannot be imported (export only)")
    locales = Path(locales)
    text, _ = read_text(path)
    if "\x00" in text:
        raise InputError(f"{path}: binary data")
    records = parser(text, path)
    if not records:
        raise InputError(f"{path}: no entries")
    from .fsutil import locked

    # the glossary's lock from the read to the write: a concurrent writer waits (fsutil)
    with locked(locales, command=f"glossary import {path}", shared=dry_run, notice=notice):
        existing = {e.zh: with_computed(e) for e in read_entries(locales)}
        plan = plan_import(records, existing, name=path, overwrite=overwrite)
        written: list[Path] = []
        if not dry_run and not plan.conflicts and (plan.changes or plan.new):
            written = apply_import(locales, plan)
    return plan, written
