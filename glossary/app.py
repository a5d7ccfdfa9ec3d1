"""One function per command: what the CLI calls after parsing. Each wires the library's stages
together and returns typed results; the CLI renders them through ``render`` (``scan`` renders
here, through a ``render.RowWriter``, because its output streams).

Every function takes a resolved glossary folder (``paths.resolve_locales``): the CLI resolves
``--locales`` once.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .errors import GlossaryError, InputError

if TYPE_CHECKING:
    from .build import BuildReport
    from .extract import CandidateCollector
    from .merge import ImportPlan
    from .models import Candidate, Entry
    from .parallel import PartFile
    from .terms import Terms
    from .textio import Decoded

#: called with (file, how it was decoded) for each file read
OnEncoding = Callable[["str | os.PathLike[str]", "Decoded"], object]
Notice = Callable[[str], None]


def rejected_terms(locales: str | os.PathLike[str]) -> frozenset[str]:
    """The terms a curator rejected (``curation.tsv``): never proposed again."""
    from .curate import read_curation
    from .models import Decision
    from .paths import CURATION_FILE

    curation = read_curation(Path(locales) / CURATION_FILE)
    return frozenset(z for z, r in curation.items() if r.decision is Decision.REJECT)


def _known_terms(locales: str | os.PathLike[str]) -> Terms:
    """The glossary's terms (from the lookup index: no PO parsing); none when it has no
    catalogue yet (a fresh project extracting its first candidates)."""
    from .paths import EN
    from .terms import Terms, load_terms

    if not os.path.exists(os.path.join(locales, EN)):
        return Terms([], [])
    return load_terms(locales)


def extract_candidates(
    files: Iterable[str],
    *,
    locales: str | os.PathLike[str],
    on_encoding: OnEncoding | None = None,
    workers: int | None = None,
) -> list[Candidate]:
    """Candidates in ``files`` with the glossary's terms and the curator's rejections applied.

    Large files are read on every core (``parallel``); the result is the same as one pass.
    """
    from .extract import CandidateCollector
    from .parallel import extract_file
    from .textio import iter_segments, peek_encoding

    known, rejected = _known_terms(locales), rejected_terms(locales)
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
        collector.feed_all(segments)
    return collector.candidates()


def run_build(
    *,
    locales: str,
    seeds: str,
    dry_run: bool = False,
    progress: Callable[[str], None] | None = None,
) -> BuildReport:
    """``glossary build`` of ``locales`` from ``seeds`` (both resolved: ``paths``); occurrences
    are relative to the project folder (else the current folder)."""
    from .build import build
    from .paths import find_project

    root = Path(find_project() or os.getcwd())
    return build(
        locales=Path(locales), seeds=Path(seeds), root=root, dry_run=dry_run, progress=progress
    )


def record_decisions(
    terms: Iterable[str],
    *,
    decision: str,
    category: str | None,
    note: str,
    locales: str,
    notice: Notice | None = None,
) -> Path:
    """Add or change rows of ``curation.tsv``."""
    from .curate import read_curation, write_curation
    from .fsutil import locked
    from .keys import normalize, strip_outer_quotes
    from .models import Category, CurationRow, Decision
    from .paths import CURATION_FILE

    folder = Path(locales)
    dec = Decision(decision)
    if dec is not Decision.REJECT and not category:
        raise GlossaryError("--accept and --add need --category")
    path = folder / CURATION_FILE
    with locked(folder, command="glossary curate", notice=notice):  # from the read to the write
        rows = read_curation(path)
        for term in terms:
            zh = strip_outer_quotes(normalize(term).strip())
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


# ------------------------------------------------------------------------------------------ scan
@dataclass(frozen=True, slots=True)
class ScanResult:
    """What a scan printed."""

    hits: int  #: occurrences of glossary terms
    terms: int  #: distinct terms (``--count``)
    unknown: int  #: candidates the glossary lacks (``--unknown``)


class _Chunk(NamedTuple):
    """Formatted hits of one line (``scan.format_hits``) and their number."""

    text: str
    hits: int


#: the layout of ``scan --unknown --format json``'s object (its ``schema`` key): raised when a
#: key is removed or changes meaning, not when one is added
SCAN_SCHEMA = 1
#: what ``scan`` writes in each format; the machine formats with a fast path (``format_hits``)
SCAN_FORMATS = ("table", "json", "jsonl", "tsv", "csv", "annotate")
_FAST = ("json", "jsonl", "tsv")


def run_scan(
    files: list[str],
    *,
    locales: str | os.PathLike[str],
    fmt: str,
    count: bool,
    unknown: bool,
    write: Callable[[str], object],
    copy_file: Callable[[str, int], object] | None = None,
    on_encoding: OnEncoding | None = None,
    width: int = 100,
) -> ScanResult:
    """``glossary scan``: render the hits of the glossary's terms in ``files`` to ``write``, as
    they are found, in ``fmt`` (``SCAN_FORMATS``; fields ``fields.HIT_FIELDS``, with ``count``
    ``fields.COUNT_FIELDS``).

    Large files are scanned on every core for the machine formats (``parallel``); the output is
    the same, byte for byte, as one pass. ``copy_file(path, skip)`` copies a file of UTF-8 output from
    its byte ``skip`` on as it is (the CLI copies to standard output without decoding); by default it goes through ``write``.
    With ``unknown``, the extractor's candidates that the glossary lacks follow (table), or the
    JSON output is one object: ``{"schema": 1, "hits": [...], "unknown": [...]}``
    (``"counts"`` for ``"hits"`` with ``count``; ``SCAN_SCHEMA``).

    Raises:
        GlossaryError: a combination of options that has no output (``--unknown`` with a line
            format, ``--count`` with ``annotate``); any input error.
    """
    from .fields import COUNT_FIELDS, HIT_FIELDS
    from .render import RowWriter
    from .terms import load_terms, load_terms_for

    if fmt not in SCAN_FORMATS:
        raise GlossaryError(f"unknown format {fmt!r}")
    if unknown and fmt not in ("table", "json"):
        raise GlossaryError(f"--unknown goes with --format table or json, not {fmt}")
    if count and fmt == "annotate":
        raise GlossaryError("--count goes with --format table, json, jsonl, tsv or csv")
    # with --unknown the extractor asks the scanner about forms outside the documents
    scanner = load_terms(locales) if unknown else load_terms_for(locales, files)
    collector = None
    if unknown:  # the extractor costs a scan without --unknown a tenth of a second of imports
        from .extract import CandidateCollector

        collector = CandidateCollector(known=scanner, rejected=rejected_terms(locales))
    wrapped = fmt == "json" and collector is not None  # {"hits": [...], "unknown": [...]}
    key = "counts" if count else "hits"
    writer = (
        None
        if fmt == "annotate"
        else RowWriter(
            fmt,
            COUNT_FIELDS if count else HIT_FIELDS,
            write,
            max_width=width,
            columns=None if len(files) > 1 or count else ("line", "matched", "en", "formula"),
            optional=("formula",),
            prefix=f'{{"schema": {SCAN_SCHEMA}, "{key}": ' if wrapped else "",
            end="" if wrapped else "\n",
        )
    )
    total = terms = 0
    if writer is None:
        total = _annotate(files, scanner, write, collector, on_encoding)
    elif count:
        tally: Counter[int] = Counter()
        for indexes in _count_parts(files, scanner, collector, on_encoding):
            tally.update(indexes)
        per_term: Counter[str] = Counter()
        english: dict[str, str] = {}
        for index, n in tally.items():
            per_term[scanner.zh[index]] += n
            english[scanner.zh[index]] = scanner.en[index]
        total, terms = sum(per_term.values()), len(per_term)
        ordered = sorted(per_term.items(), key=lambda kv: (-kv[1], kv[0]))
        writer.rows({"zh": zh, "count": n, "en": english[zh]} for zh, n in ordered)
        writer.close()
    elif fmt in _FAST:
        for part in _formatted_parts(files, scanner, fmt, collector, on_encoding):
            if isinstance(part, _Chunk):
                writer.raw(part.text, part.hits)
            else:
                writer.raw_file(part.path, part.hits, copy=copy_file, remove=True)
        total = writer.close()
    else:  # table, csv: every hit as a row
        from .fields import hit_row
        from .scan import iter_hits

        writer.rows(
            map(
                hit_row,
                iter_hits(
                    files,
                    scanner=scanner,
                    on_encoding=on_encoding,
                    on_line=collector.feed if collector else None,
                ),
            )
        )
        total = writer.close()
    new = 0
    if collector is not None:
        new = _write_unknown(collector, fmt, write, width)
    return ScanResult(hits=total, terms=terms, unknown=new)


def _write_unknown(
    collector: CandidateCollector, fmt: str, write: Callable[[str], object], width: int
) -> int:
    """The candidates that the glossary lacks, after the hits."""
    from .fields import CANDIDATE_FIELDS, candidate_row
    from .render import RowWriter

    cands = [c for c in collector.candidates() if not c.known]
    if fmt == "json":
        writer = RowWriter("json", CANDIDATE_FIELDS, write, prefix=', "unknown": ', suffix="}")
    else:
        if not cands:
            return 0
        write("\nnot in the glossary (candidates to curate):\n")
        writer = RowWriter(
            "table",
            CANDIDATE_FIELDS,
            write,
            max_width=width,
            columns=("zh", "category", "count", "file"),
        )
    writer.rows(map(candidate_row, cands))
    writer.close()
    return len(cands)


def _annotate(
    files: list[str],
    scanner: Terms,
    write: Callable[[str], object],
    collector: CandidateCollector | None,
    on_encoding: OnEncoding | None,
) -> int:
    """An annotated copy of the text: every term followed by its English in brackets (a part of
    a formula named before: ``[English; part of FORMULA]``)."""
    from .scan import FormulaContext, iter_lines_matches

    total = 0
    context: FormulaContext | None = None
    for _shown, number, line, _offset, found in iter_lines_matches(
        files,
        scanner=scanner,
        on_encoding=on_encoding,
        on_line=collector.feed if collector else None,
    ):
        if number == 1 and scanner.relations is not None:  # a new document
            context = FormulaContext(scanner)
        formulas = context.formulas(found) if context is not None else None
        out, pos = [], 0
        for k, (i, _a, b) in enumerate(found):
            english = scanner.en[i] or "?"
            if formulas and formulas[k]:
                english += f"; part of {formulas[k]}"
            out += [line[pos:b], f"[{english}]"]
            pos = b
        out.append(line[pos:])
        write("".join(out))
        total += len(found)
    return total


def _count_parts(
    files: list[str],
    scanner: Terms,
    collector: CandidateCollector | None,
    on_encoding: OnEncoding | None,
) -> Iterator[Iterable[int]]:
    """Pattern indexes of the matches, file after file; large files on every core."""
    from .parallel import count_file
    from .scan import iter_count_blocks, iter_lines_matches
    from .textio import peek_encoding

    for path in files:
        if collector is not None:  # the extractor needs the lines
            for _s, _n, _line, _o, found in iter_lines_matches(
                [path], scanner=scanner, on_encoding=on_encoding, on_line=collector.feed
            ):
                yield [i for i, _a, _b in found]
            continue
        if path != "-":
            decoded = peek_encoding(path)
            parts = count_file(path, label=path, found=decoded, scanner=scanner)
            if parts is not None:
                if on_encoding is not None:
                    on_encoding(path, decoded)
                yield from parts
                continue

        def report(decoded: Decoded, p: str = path) -> None:
            if on_encoding is not None:
                on_encoding(p, decoded)

        for block in iter_count_blocks(path, on_encoding=report):
            yield scanner.count_bytes(block)


def _formatted_parts(
    files: list[str],
    scanner: Terms,
    fmt: str,
    collector: CandidateCollector | None,
    on_encoding: OnEncoding | None,
) -> Iterator[_Chunk | PartFile]:
    """Formatted hits (``scan.format_hits``), file after file, in document order: a chunk per
    line with hits, or a worker's file per range of a large file."""
    from .parallel import scan_file
    from .scan import format_hits, iter_lines_matches
    from .textio import peek_encoding

    for path in files:
        callback = on_encoding
        if path != "-" and collector is None:
            decoded = peek_encoding(path)
            if on_encoding is not None:
                on_encoding(path, decoded)
            callback = None
            parts = scan_file(path, label=path, found=decoded, scanner=scanner, fmt=fmt)
            if parts is not None:
                yield from parts
                continue
        formatter = format_hits(scanner, fmt, path)
        for _shown, number, _line, offset, found in iter_lines_matches(
            [path],
            scanner=scanner,
            on_encoding=callback,
            on_line=collector.feed if collector else None,
        ):
            if found:
                yield _Chunk(formatter(number, -1, offset, found), len(found))


# ------------------------------------------------------------------------------ export, import
def select_entries(
    locales: str | os.PathLike[str],
    *,
    categories: Iterable[str] = (),
    statuses: Iterable[str] = (),
    reviewed: bool | None = None,
) -> list[Entry]:
    """The glossary's entries, filtered, with pinyin and traditional forms filled in (cached per
    version of the catalogues: ``entrycache``)."""
    from .entrycache import complete_entries

    wanted_categories, wanted_statuses = set(categories), set(statuses)
    out = []
    for e in complete_entries(locales):
        if wanted_categories and (not e.category or e.category.value not in wanted_categories):
            continue
        if wanted_statuses and (not e.status or e.status.value not in wanted_statuses):
            continue
        if reviewed is not None and e.reviewed != reviewed:
            continue
        out.append(e)
    return out


def export_text(
    locales: str | os.PathLike[str],
    *,
    fmt: str,
    plain: bool,
    categories: Iterable[str] = (),
    statuses: Iterable[str] = (),
    reviewed: bool | None = None,
) -> str:
    """The selected entries (``select_entries``) in format ``fmt`` (a key of
    ``exporters.FORMATS``)."""
    from .exporters import load_all

    entries = select_entries(locales, categories=categories, statuses=statuses, reviewed=reviewed)
    text: str = load_all()[fmt].export(entries, plain=plain)
    return text


def html_page(
    locales: str | os.PathLike[str],
    *,
    title: str,
    categories: Iterable[str] = (),
    statuses: Iterable[str] = (),
    reviewed: bool | None = None,
) -> str:
    """The selected entries (``select_entries``) as one self-contained, searchable web page
    (``exporters.html``)."""
    from .exporters import check_exportable
    from .exporters.html import to_html

    entries = select_entries(locales, categories=categories, statuses=statuses, reviewed=reviewed)
    check_exportable(entries, "html")
    return to_html(entries, title=title)


def import_file(
    path: str,
    *,
    locales: str | os.PathLike[str],
    fmt: str | None,
    dry_run: bool,
    overwrite: bool,
    notice: Notice | None = None,
) -> tuple[ImportPlan, list[Path]]:
    """Parse an edited file and merge it into the store; returns the plan (and writes it unless
    ``dry_run`` or conflicts) and the files written."""
    from .enrich import with_computed
    from .exporters import load_all
    from .fsutil import locked
    from .merge import apply_import, plan_import
    from .store import read_entries
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
    folder = Path(locales)
    text, _ = read_text(path)
    if "\x00" in text:
        raise InputError(f"{path}: binary data")
    records = parser(text, path)
    if not records:
        raise InputError(f"{path}: no entries")
    # the glossary's lock from the read to the write: a concurrent writer waits (fsutil)
    with locked(folder, command=f"glossary import {path}", shared=dry_run, notice=notice):
        existing = {e.zh: with_computed(e) for e in read_entries(folder)}
        plan = plan_import(records, existing, name=path, overwrite=overwrite)
        written: list[Path] = []
        if not dry_run and not plan.conflicts and (plan.changes or plan.new):
            written = apply_import(folder, plan)
    return plan, written
