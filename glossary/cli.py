"""The command line: parse options, call one library function, render. Errors from the library
(``GlossaryError``) become one line on stderr and exit status 2; "nothing found" is exit 1."""

from __future__ import annotations

import os
import sys

import click

from . import __version__
from .errors import GlossaryError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _Failure(click.ClickException):
    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"glossary: {self.format_message()}", err=True)


class _Group(click.Group):
    """Errors become one line and exit 2; commands are built on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in _COMMANDS:
            self.add_command(_COMMANDS[name](), name)
        return self.commands.get(name)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except GlossaryError as exc:
            raise _Failure(str(exc)) from None
        except BrokenPipeError:  # the reader went away (| head): not an error
            sys.stderr.close()
            raise SystemExit(0) from None
        except OSError as exc:  # writing an output: disk full, permission denied …
            where = f"{exc.filename}: " if exc.filename else ""
            raise _Failure(f"{where}{exc.strerror or exc}") from None


def _locales(ctx: click.Context) -> str:
    from .paths import resolve_locales

    return resolve_locales(ctx.obj.get("locales"))


def _terminal_width() -> int:
    # os, not shutil: shutil costs a lookup milliseconds of import time.
    try:
        return int(os.environ.get("COLUMNS") or os.get_terminal_size(sys.stdout.fileno()).columns)
    except (OSError, ValueError):
        return 100


def _copy_to_stdout(path: str) -> None:
    """Copy a file of UTF-8 output to standard output as bytes (no decoding and encoding)."""
    sys.stdout.flush()
    target = getattr(sys.stdout, "buffer", None)
    with open(path, "rb") as source:
        if target is None:  # a text-only stream (tests): decode after all
            sys.stdout.write(source.read().decode("utf-8"))
            return
        while chunk := source.read(1 << 20):
            target.write(chunk)
    target.flush()


def _notice(message: str) -> None:
    """A library notice (waiting for the glossary's lock …) as one line on stderr."""
    click.echo(f"glossary: {message}", err=True)


def _note_encoding(path, found) -> None:
    if found.encoding != "utf-8" or found.bom:
        if found.label != "UTF-8":
            click.echo(f"glossary: {path}: read as {found.label}", err=True)


@click.group(cls=_Group, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="glossary")
@click.option(
    "--locales",
    type=click.Path(file_okay=False),
    default=None,
    help="Glossary folder to read (and, for build and import, write). "
    "Default: ./locales inside the project, else the packaged glossary.",
)
@click.pass_context
def cli(ctx: click.Context, locales: str | None) -> None:
    """Chinese-English glossary of the slogans and program names of Chinese policy documents.

    \b
    Example:
      glossary lookup 八八战略
      glossary scan report.txt --format json
    """
    ctx.ensure_object(dict)
    ctx.obj["locales"] = locales


# --------------------------------------------------------------------------------------- extract


def _extract_command() -> click.Command:
    @click.command("extract", context_settings=CONTEXT)
    @click.argument("files", nargs=-1, required=True, type=click.Path(path_type=str))
    @click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "json", "tsv"]),
        default="table",
        show_default=True,
    )
    @click.option("--unknown", is_flag=True, help="Only candidates the glossary does not have yet.")
    @click.option(
        "--min-count",
        type=click.IntRange(1),
        default=1,
        show_default=True,
        help="Drop rarer candidates.",
    )
    @click.pass_context
    def extract(ctx, files, fmt, unknown, min_count):
        """Find slogans and program names in Chinese policy documents.

        Reads UTF-8 (with or without BOM), UTF-16, GB18030 and Big5, simplified or traditional;
        "-" reads standard input. Exit 0 when candidates were found, 1 when none.

        \b
        Example:
          glossary extract seeds/*.txt
          glossary extract --unknown --format json report-big5.txt
        """
        from .app import extract_candidates
        from .render import table, to_json

        found = extract_candidates(files, locales=_locales(ctx), on_encoding=_note_encoding)
        found = [c for c in found if c.count >= min_count and not (unknown and c.known)]
        if fmt == "json":
            click.echo(
                to_json(
                    [
                        {
                            "zh": c.zh,
                            "zh_hans": c.zh_hans,
                            "category": c.category.value,
                            "count": c.count,
                            "quoted": c.quoted,
                            "file": c.file,
                            "line": c.line,
                            "known": c.known,
                            "locations": list(c.locations),
                        }
                        for c in found
                    ]
                )
            )
        elif fmt == "tsv":
            for c in found:
                click.echo(
                    "\t".join(
                        [
                            c.zh,
                            c.zh_hans,
                            c.category.value,
                            str(c.count),
                            f"{c.file}:{c.line}",
                            "quoted" if c.quoted else "",
                            "known" if c.known else "",
                        ]
                    )
                )
        elif found:
            rows = [
                (
                    c.zh,
                    c.category.value,
                    str(c.count),
                    "yes" if c.quoted else "",
                    "yes" if c.known else "",
                    f"{c.file}:{c.line}",
                )
                for c in found
            ]
            click.echo(
                table(
                    rows,
                    ["term", "category", "count", "quoted", "known", "first seen"],
                    max_width=_terminal_width(),
                )
            )
            click.echo(
                f"{len(found)} candidates, {sum(1 for c in found if not c.known)} not in the glossary",
                err=True,
            )
        ctx.exit(0 if found else 1)

    return extract


# ----------------------------------------------------------------------------------------- build


def _build_command() -> click.Command:
    @click.command("build", context_settings=CONTEXT)
    @click.option(
        "--seeds",
        type=click.Path(exists=True),
        default=None,
        help="Seed documents (folder of .txt). Default: seeds/ of the project.",
    )
    @click.option("--dry-run", is_flag=True, help="Compute everything, write nothing.")
    @click.option("-q", "--quiet", is_flag=True, help="No progress messages.")
    @click.pass_context
    def build(ctx, seeds, dry_run, quiet):
        """Regenerate locales/ from seeds/ and the curated data.

        Deterministic (a second run changes no byte), atomic, and it never drops curated work: a
        term that leaves the seeds becomes obsolete (#~).

        \b
        Example:
          glossary build
          glossary --locales /tmp/gl build --seeds other-seeds/
        """
        from .app import run_build

        say = None if quiet else (lambda msg: click.echo(f"glossary: {msg}", err=True))
        report = run_build(
            locales=ctx.obj.get("locales"), seeds=seeds, dry_run=dry_run, progress=say
        )
        verb = "would change" if dry_run else "changed"
        click.echo(
            f"{report.entries} entries ({report.reviewed} reviewed), {report.obsolete} obsolete, "
            f"{report.pending} candidates awaiting curation; {verb} {len(report.changed)} file(s)"
        )
        for path in report.changed:
            click.echo(f"  {path}")

    return build


# ------------------------------------------------------------------------------------ pinyin/hant
def _pinyin_command() -> click.Command:
    @click.command("pinyin", context_settings=CONTEXT)
    @click.argument("texts", nargs=-1)
    @click.option(
        "--style",
        type=click.Choice(["marks", "numbers", "plain", "initials"]),
        default="marks",
        show_default=True,
        help="Tone marks, tone numbers, no tones, or initials.",
    )
    def pinyin(texts, style):
        """Pinyin of Chinese text, with the glossary's curated readings (长三角 cháng, 重塑 chóng).

        Without TEXT, reads standard input and prints one line per input line.

        \b
        Example:
          glossary pinyin 长三角 重塑
          glossary pinyin --style numbers < terms.txt
        """
        from .enrich import PinyinStyle, to_pinyin

        chosen = PinyinStyle(style)
        source = texts if texts else (line.rstrip("\r\n") for line in _stdin_lines())
        for text in source:
            click.echo(to_pinyin(text, style=chosen))

    return pinyin


def _hant_command() -> click.Command:
    @click.command("hant", context_settings=CONTEXT)
    @click.argument("texts", nargs=-1)
    @click.option(
        "--region",
        type=click.Choice(["tw", "hk"]),
        default="tw",
        show_default=True,
        help="Taiwan (OpenCC s2tw) or Hong Kong (s2hk) forms, with curated overrides.",
    )
    def hant(texts, region):
        """Traditional form of simplified Chinese text, for Taiwan or Hong Kong.

        Never localises vocabulary (no s2twp): names and slogans keep their words. Without TEXT,
        reads standard input and prints one line per input line.

        \b
        Example:
          glossary hant --region hk 双循环 科技人才周
        """
        from .enrich import Region, to_hant

        chosen = Region(region)
        source = texts if texts else (line.rstrip("\r\n") for line in _stdin_lines())
        for text in source:
            click.echo(to_hant(text, region=chosen))

    return hant


def _stdin_lines():
    import io

    data = sys.stdin.buffer.read()
    if not data.strip():
        return []
    from .textio import detect_encoding

    found = detect_encoding(data[:65536], name="standard input")
    try:
        text = data[found.bom :].decode(found.encoding)
    except UnicodeDecodeError as exc:
        raise GlossaryError(
            f"standard input: bytes that are not {found.label} ({exc.reason})"
        ) from None
    return io.StringIO(text, newline=None)


# ---------------------------------------------------------------------------------------- lookup


def _lookup_command() -> click.Command:
    @click.command("lookup", context_settings=CONTEXT)
    @click.argument("query", nargs=-1, required=True)
    @click.option(
        "-n",
        "--limit",
        type=click.IntRange(0),
        default=10,
        show_default=True,
        help="Show at most N entries (0: all).",
    )
    @click.option("--json", "as_json", is_flag=True, help="JSON array for scripts.")
    @click.pass_context
    def lookup(ctx, query, limit, as_json):
        """Look up a term by Chinese, pinyin, initials or English.

        Simplified or traditional characters, pinyin with tone marks, numbers or none (ü as ü, v or
        u), initials (bbzl), English words in any order, part of a term, or a near miss. Exact
        matches first. Exit 0 when found, 1 when not (with suggestions on stderr).

        \b
        Example:
          glossary lookup 八八战略
          glossary lookup ba1ba1zhanlve
          glossary lookup "double eight"
        """
        from .lookup import lookup as find
        from .lookup import suggest

        locales = _locales(ctx)
        text = " ".join(query)
        say = lambda msg: click.echo(f"glossary: {msg}", err=True)  # noqa: E731
        hits = find(text, locales=locales, limit=limit or None, progress=say)
        if as_json:
            from .render import to_json

            click.echo(
                to_json([dict(h.entry, match=h.tier.name.lower(), matched_by=h.how) for h in hits])
            )
        else:
            from .render import card

            width = min(_terminal_width(), 110)
            blocks = []
            for h in hits:
                e = h.entry
                head = e["zh"]
                forms = " / ".join(
                    dict.fromkeys(f for f in (e["zh_tw"], e["zh_hk"]) if f and f != e["zh"])
                )
                status = e["status"] or "unrated"
                if not e["reviewed"]:
                    status += ", unreviewed"
                blocks.append(
                    card(
                        [
                            ("term", head + (f"  ({forms})" if forms else "")),
                            (
                                "pinyin",
                                e["pinyin"]
                                + (
                                    f"  ·  {e['pinyin_orthographic']}"
                                    if e["pinyin_orthographic"]
                                    else ""
                                ),
                            ),
                            ("English", f"{e['en'] or '—'}  [{status}]"),
                            ("source", e["source"]),
                            ("also", "; ".join(e["en_alt"])),
                            ("literal", e["literal"]),
                            ("category", e["category"]),
                            ("definition", e["definition"]),
                            ("match", f"{h.tier.name.lower()} ({h.how})"),
                        ],
                        max_width=width,
                    )
                )
            if blocks:
                click.echo(("\n" + "─" * min(width, 60) + "\n").join(blocks))
        if not hits:
            near = suggest(text, locales=locales)
            msg = f"glossary: nothing found for {text!r}"
            if near:
                msg += "; did you mean: " + ", ".join(near)
            click.echo(msg, err=True)
        ctx.exit(0 if hits else 1)

    return lookup


# ------------------------------------------------------------------------------------------ scan


def _scan_command() -> click.Command:
    @click.command("scan", context_settings=CONTEXT)
    @click.argument("files", nargs=-1, type=click.Path(path_type=str))
    @click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "json", "tsv", "annotate"]),
        default="table",
        show_default=True,
        help="Hits as a table, JSON, TSV, or an annotated copy: term[English].",
    )
    @click.option(
        "--count",
        "count",
        is_flag=True,
        help="Each term with its number of occurrences, most frequent first.",
    )
    @click.option(
        "--unknown",
        is_flag=True,
        help="Also list the extractor's candidates that the glossary lacks.",
    )
    @click.pass_context
    def scan(ctx, files, fmt, count, unknown):
        """Find every glossary term in a document (standard input without FILE).

        Leftmost-longest, non-overlapping matches, in simplified or traditional script, with line,
        column and character offsets. Exit 0 when a term was found, 1 when none.

        \b
        Example:
          glossary scan report.txt
          glossary scan --count report.txt
          glossary scan --format annotate < report.txt > first-pass.txt
        """
        from .app import run_scan

        out = sys.stdout
        result = run_scan(
            list(files) or ["-"],
            locales=_locales(ctx),
            fmt=fmt,
            count=count,
            unknown=unknown,
            write=out.write,
            copy_file=_copy_to_stdout,
            on_encoding=_note_encoding,
            width=_terminal_width(),
        )
        ctx.exit(0 if result.hits else 1)

    return scan


# ---------------------------------------------------------------------------------------- curate


def _curate_command() -> click.Command:
    @click.command("curate", context_settings=CONTEXT)
    @click.argument("terms", nargs=-1, required=True)
    @click.option(
        "--accept",
        "decision",
        flag_value="accept",
        help="A term of the seeds (obsolete when it leaves them).",
    )
    @click.option(
        "--add",
        "decision",
        flag_value="add",
        help="A term added by hand (kept whatever the seeds say).",
    )
    @click.option(
        "--reject", "decision", flag_value="reject", help="Not a term: never propose it again."
    )
    @click.option(
        "--category",
        type=click.Choice(["slogan", "program", "brand", "platform", "concept", "place"]),
    )
    @click.option("--note", default="", help="Why (kept in curation.tsv).")
    @click.pass_context
    def curate(ctx, terms, decision, category, note):
        """Record a curator's decision about terms in curation.tsv (then run build).

        \b
        Example:
          glossary curate --accept --category program 红色根脉强基工程
          glossary curate --reject 成长的烦恼
        """
        from .app import record_decisions

        if not decision:
            raise click.UsageError("say --accept, --add or --reject")
        path = record_decisions(
            terms,
            decision=decision,
            category=category,
            note=note,
            locales=ctx.obj.get("locales"),
            notice=_notice,
        )
        click.echo(f"{len(terms)} decision(s) recorded in {path}")

    return curate


# ---------------------------------------------------------------------------------------- export
_FORMAT_NAMES = ["csv", "tsv", "tbx", "tmx", "po", "json"]


def _export_command() -> click.Command:
    @click.command("export", context_settings=CONTEXT)
    @click.option(
        "--format",
        "fmt",
        type=click.Choice(_FORMAT_NAMES),
        required=True,
        help="csv (spreadsheets), tsv (OmegaT), tbx (TBX v2), tmx (TMX 1.4b), po, json (scripts).",
    )
    @click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False),
        default=None,
        help="Write to FILE (atomically) instead of standard output.",
    )
    @click.option(
        "--category",
        "categories",
        multiple=True,
        type=click.Choice(["slogan", "program", "brand", "platform", "concept", "place"]),
        help="Only these categories.",
    )
    @click.option(
        "--status",
        "statuses",
        multiple=True,
        type=click.Choice(["official", "established", "proposed"]),
        help="Only these statuses.",
    )
    @click.option(
        "--reviewed/--unreviewed",
        "reviewed",
        default=None,
        help="Only reviewed (or only unreviewed) entries.",
    )
    @click.option("--plain", is_flag=True, help="CSV for machines: no BOM, no formula escaping.")
    @click.pass_context
    def export(ctx, fmt, output, categories, statuses, reviewed, plain):
        """Export the glossary for CAT tools, spreadsheets and scripts.

        \b
        Example:
          glossary export --format tbx -o glossary.tbx
          glossary export --format csv --status official > official.csv
          glossary export --format json | jq '.[0]'
        """
        from .app import export_text

        text = export_text(
            _locales(ctx),
            fmt=fmt,
            plain=plain,
            categories=categories,
            statuses=statuses,
            reviewed=reviewed,
        )
        if output is None:
            sys.stdout.write(text)
        else:
            from pathlib import Path

            from .fsutil import write_atomic

            write_atomic(Path(output), text)

    return export


# ---------------------------------------------------------------------------------------- import


def _import_command() -> click.Command:
    @click.command("import", context_settings=CONTEXT)
    @click.argument("file", type=click.Path(path_type=str))
    @click.option(
        "--format",
        "fmt",
        type=click.Choice(["csv", "tsv", "po", "tbx", "json"]),
        default=None,
        help="Default: from the file's extension.",
    )
    @click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
    @click.option(
        "--overwrite", is_flag=True, help="Take the file's values even where they conflict."
    )
    @click.pass_context
    def import_(ctx, file, fmt, dry_run, overwrite):
        """Merge edits from a CSV, TSV, PO, TBX or JSON file into the glossary.

        A round trip changes nothing; an edit changes only its entry; new rows become fuzzy entries;
        conflicts are listed and nothing is written (exit 1).

        \b
        Example:
          glossary export --format csv -o terms.csv   # edit in a spreadsheet, then:
          glossary import --dry-run terms.csv
          glossary import terms.csv
        """
        from .app import import_file
        from .paths import resolve_locales

        plan, written = import_file(
            file,
            locales=resolve_locales(ctx.obj.get("locales")),
            fmt=fmt,
            dry_run=dry_run,
            overwrite=overwrite,
            notice=_notice,
        )
        for c in plan.changes:
            click.echo(f"~ {c.zh}  {c.field}: {_show(c.old)} -> {_show(c.new)}")
        for e in plan.new:
            click.echo(f"+ {e.zh}  {e.en}")
        for c in plan.conflicts:
            where = f"{file}:{c.line}: " if c.line else ""
            click.echo(
                f"! {where}{c.zh}  {c.field}: ours {_show(c.ours)}, theirs {_show(c.theirs)} ({c.why})",
                err=True,
            )
        summary = (
            f"{len(plan.changes)} change(s) in {len({c.zh for c in plan.changes})} entr(ies), "
            f"{len(plan.new)} new, {plan.unchanged} unchanged, {len(plan.conflicts)} conflict(s)"
        )
        if plan.conflicts:
            click.echo(
                f"glossary: {summary}; nothing written (use --overwrite to take the file's values)",
                err=True,
            )
            ctx.exit(1)
        click.echo(
            summary
            + ("; dry run, nothing written" if dry_run else f"; wrote {len(written)} file(s)")
        )

    return import_


def _show(value) -> str:
    if isinstance(value, tuple):
        return "[" + "; ".join(value) + "]"
    return repr(value)


# ----------------------------------------------------------------------------------------- check


def _check_command() -> click.Command:
    @click.command("check", context_settings=CONTEXT)
    @click.option("--json", "as_json", is_flag=True, help="JSON array of problems.")
    @click.option("--ignore", multiple=True, help="Skip a rule by its code (e.g. fuzzy).")
    @click.pass_context
    def check(ctx, as_json, ignore):
        """Lint the glossary for CI: exit 0 when clean, 1 when problems were found.

        Finds empty English or English holding Chinese, fuzzy entries, duplicates (also after Unicode
        normalization), pinyin or traditional forms that disagree with a recomputation without a
        recorded override, inconsistent English heads, official renderings without a source.

        \b
        Example:
          glossary check
          glossary check --ignore fuzzy --json
        """
        from .check import run_check
        from .render import table

        problems = [p for p in run_check(_locales(ctx)) if p.code not in ignore]
        if as_json:
            from .render import to_json

            click.echo(
                to_json([{"zh": p.zh, "code": p.code, "message": p.message} for p in problems])
            )
        elif problems:
            click.echo(
                table(
                    [(p.zh, p.code, p.message) for p in problems],
                    ["term", "problem", "detail"],
                    max_width=_terminal_width(),
                )
            )
            counts: dict[str, int] = {}
            for p in problems:
                counts[p.code] = counts.get(p.code, 0) + 1
            click.echo(
                f"{len(problems)} problem(s): "
                + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())),
                err=True,
            )
        else:
            click.echo("glossary check: no problems", err=True)
        ctx.exit(1 if problems else 0)

    return check


# Commands are built on first use (LazyGroup): a lookup does not pay for the other commands' options.
_COMMANDS = {
    "build": _build_command,
    "check": _check_command,
    "curate": _curate_command,
    "export": _export_command,
    "extract": _extract_command,
    "hant": _hant_command,
    "import": _import_command,
    "lookup": _lookup_command,
    "pinyin": _pinyin_command,
    "scan": _scan_command,
}
