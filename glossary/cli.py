"""The command line: parse options, call one library function, render (``render``, fields in
``fields``). Commands are built on first use, so that a lookup pays only for its own options.

Exit status follows grep: 0 found or done, 1 nothing found, 2 an error — one line on stderr:
``glossary: MESSAGE`` for an error the user can fix (``GlossaryError``, a bad option: then the
command's ``-h`` is named), ``glossary: internal error: …`` for a bug (no traceback; set
``GLOSSARY_DEBUG=1`` to see one). Ctrl-C exits 130.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, BinaryIO

import click

from . import __version__
from .errors import GlossaryError

if TYPE_CHECKING:
    from .lookup import Hit
    from .records import EntryRecord
    from .render import Field
    from .textio import Decoded

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
CATEGORIES = ["slogan", "program", "brand", "platform", "concept", "place"]
STATUSES = ["official", "established", "proposed"]
#: the formats of every listing command (``render.FORMATS``; not imported: the lookup path)
FORMATS = ("table", "json", "jsonl", "tsv", "csv")


class _Failure(click.ClickException):
    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"glossary: {self.format_message()}", err=True)


def _usage_line(exc: click.UsageError) -> str:
    """A usage error as one line: what was wrong, and the command's -h."""
    message = " ".join(exc.format_message().split()).rstrip(".")
    if message[:1].isupper() and message[1:2].islower():
        message = message[0].lower() + message[1:]
    command = exc.ctx.command_path if exc.ctx is not None else "glossary"
    return f"glossary: {message} (see '{command} -h')"


class _Group(click.Group):
    """Errors become one line and exit 2; commands are built on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in _COMMANDS:
            self.add_command(_COMMANDS[name](), name)
        return self.commands.get(name)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command line; exit with grep's statuses (module docstring)."""
        prog_name = prog_name or "glossary"
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
            sys.stdout.flush()
        except click.exceptions.NoArgsIsHelpError as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.UsageError as exc:
            click.echo(_usage_line(exc), err=True)
            sys.exit(2)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except (click.exceptions.Abort, KeyboardInterrupt):
            sys.exit(130)
        except BrokenPipeError:  # the reader went away (| head): not an error
            _silence_stdout()
            sys.exit(0)
        except Exception as exc:
            if os.environ.get("GLOSSARY_DEBUG"):
                raise
            what = " ".join(str(exc).split()) or type(exc).__name__
            click.echo(f"glossary: internal error: {type(exc).__name__}: {what}", err=True)
            sys.exit(2)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GlossaryError as exc:
            raise _Failure(str(exc)) from None
        except BrokenPipeError:  # the reader went away (| head): not an error
            _silence_stdout()
            raise SystemExit(0) from None
        except OSError as exc:  # writing an output: disk full, permission denied …
            where = f"{exc.filename}: " if exc.filename else ""
            raise _Failure(f"{where}{exc.strerror or exc}") from None


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's last flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _locales(ctx: click.Context, *, write: bool = False) -> str:
    """``--locales`` resolved (``paths.resolve_locales``): the one place the CLI does it."""
    from .paths import resolve_locales

    explicit: str | None = (ctx.find_root().obj or {}).get("locales")
    return resolve_locales(explicit, write=write)


def _terminal_width() -> int:
    """The width to fit output to, as ``shutil.get_terminal_size`` gives it: ``COLUMNS``, else
    the width of the terminal on standard output, else 80. Not shutil itself: importing it
    (bz2, lzma) costs a lookup milliseconds of start-up."""
    try:
        columns = int(os.environ.get("COLUMNS") or 0)
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def _out(text: str) -> None:
    sys.stdout.write(text)


def _copy_to_stdout(path: str, skip: int = 0) -> None:
    """Copy a file of UTF-8 output, from its byte ``skip`` on, to standard output as bytes (no
    decoding and encoding)."""
    sys.stdout.flush()
    target = getattr(sys.stdout, "buffer", None)
    with open(path, "rb") as source:
        source.seek(skip)
        if target is None:  # a text-only stream (tests): decode after all
            sys.stdout.write(source.read().decode("utf-8"))
            return
        target.flush()
        offset = _send_file(source.fileno(), target, skip)
        source.seek(offset)
        while chunk := source.read(1 << 20):
            target.write(chunk)
    target.flush()


def _send_file(source: int, target: BinaryIO, offset: int) -> int:
    """Copy the file ``source`` from byte ``offset`` on to the stream ``target`` in the kernel
    (``os.sendfile``: no copy through the process), as far as it goes; the offset it stopped at
    (where a file opened for appending, a non-blocking pipe or a system without it stopped it)."""
    try:
        fd = target.fileno()
        size = os.fstat(source).st_size
        while offset < size:
            sent = os.sendfile(fd, source, offset, size - offset)
            if not sent:
                break
            offset += sent
    except (OSError, ValueError):  # io.UnsupportedOperation is both
        pass  # the rest goes through the stream
    return offset


def _notice(message: str) -> None:
    """A library notice (waiting for the glossary's lock …) as one line on stderr."""
    click.echo(f"glossary: {message}", err=True)


def _note_encoding(path: str | os.PathLike[str], found: Decoded) -> None:
    if (found.encoding != "utf-8" or found.bom) and found.label != "UTF-8":
        click.echo(f"glossary: {path}: read as {found.label}", err=True)


class _Listing(click.Command):
    """A listing command: ``output_options`` gives it ``--format``; its fields (``fields.<name>``)
    are documented after its options, looked up only when the help is shown (a lookup does not
    import them)."""

    fields_name = ""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from . import fields
        from .render import describe

        described: Sequence[Field] = getattr(fields, self.fields_name)
        formatter.write_paragraph()
        formatter.write_text(
            "Fields (keys of json and jsonl, columns of tsv and csv, in this order):"
        )
        with formatter.indentation():
            for line in describe(described).splitlines():
                formatter.write(f"{' ' * formatter.current_indent}{line}\n")
        super().format_epilog(ctx, formatter)


def entry_filters(f: Callable[..., Any]) -> Callable[..., Any]:
    """The options that select entries (``export``, ``html``): ``categories``, ``statuses``
    and ``reviewed`` (None: both)."""
    f = click.option(
        "--reviewed/--unreviewed",
        "reviewed",
        default=None,
        help="Only reviewed (or only unreviewed) entries.",
    )(f)
    f = click.option(
        "--status",
        "statuses",
        multiple=True,
        type=click.Choice(STATUSES),
        help="Only these statuses.",
    )(f)
    return click.option(
        "--category",
        "categories",
        multiple=True,
        type=click.Choice(CATEGORIES),
        help="Only these categories.",
    )(f)


def output_options(
    fields_name: str,
    *,
    extra: Sequence[str] = (),
    default: str = "table",
    json_flag: bool = False,
    help_extra: str = "",
) -> Callable[[click.Command], click.Command]:
    """The one output option of every listing command (after sqlite-utils' ``output_options``):
    ``--format`` with ``FORMATS`` (and the command's ``extra`` formats), ``--json`` as a short
    form where ``json_flag``, and the command's fields (``fields.<fields_name>``) documented in
    its ``--help``. The command (``cls=_Listing``) receives ``fmt``."""

    def decorate(command: click.Command) -> click.Command:
        if not isinstance(command, _Listing):
            raise TypeError(f"{command.name}: a listing command is click.command(cls=_Listing)")
        command.fields_name = fields_name
        choices = [*extra, *FORMATS] if default in extra else [*FORMATS, *extra]
        command.params.append(
            click.Option(
                ["--format", "fmt"],
                type=click.Choice(choices),
                default=default,
                show_default=True,
                help="Output: table for people; json (an array), jsonl (one object a line), tsv "
                "(no header) or csv (with a header) for programs, with the fields below"
                + help_extra
                + ".",
            )
        )
        callback = command.callback
        if callback is None:
            raise TypeError(f"{command.name}: no callback")
        if json_flag:
            command.params.append(
                click.Option(["--json", "as_json"], is_flag=True, help="Short for --format json.")
            )

            def with_json(*args: Any, fmt: str, as_json: bool, **kwargs: Any) -> Any:
                if as_json and fmt not in (default, "json"):
                    raise click.UsageError(f"--json and --format {fmt} disagree")
                return callback(*args, fmt="json" if as_json else fmt, **kwargs)

            command.callback = with_json
        return command

    return decorate


@click.group("glossary", cls=_Group, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="glossary")
@click.option(
    "--locales",
    type=click.Path(file_okay=False),
    default=None,
    help="Glossary folder to read (and, for build, curate and import, write). "
    "Default: ./locales inside the project, else the packaged glossary (read only).",
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
    @output_options("CANDIDATE_FIELDS")
    @click.command("extract", cls=_Listing, context_settings=CONTEXT)
    @click.argument("files", nargs=-1, required=True, type=click.Path(path_type=str))
    @click.option("--unknown", is_flag=True, help="Only candidates the glossary does not have yet.")
    @click.option(
        "--min-count",
        type=click.IntRange(1),
        default=1,
        show_default=True,
        help="Drop rarer candidates.",
    )
    @click.pass_context
    def extract(
        ctx: click.Context, files: tuple[str, ...], fmt: str, unknown: bool, min_count: int
    ) -> None:
        """Find slogans and program names in Chinese policy documents.

        Reads UTF-8 (with or without BOM), UTF-16, GB18030 and Big5, simplified or traditional;
        "-" reads standard input. Exit 0 when candidates were found, 1 when none.

        \b
        Example:
          glossary extract seeds/*.txt
          glossary extract --unknown --format json report-big5.txt
        """
        from .app import extract_candidates
        from .fields import CANDIDATE_FIELDS, candidate_row
        from .render import render_rows

        _announce_stdin(files)
        found = extract_candidates(files, locales=_locales(ctx), on_encoding=_note_encoding)
        found = [c for c in found if c.count >= min_count and not (unknown and c.known)]
        render_rows(
            map(candidate_row, found), CANDIDATE_FIELDS, fmt, _out, max_width=_terminal_width()
        )
        if fmt == "table" and found:
            new = sum(1 for c in found if not c.known)
            click.echo(f"{len(found)} candidates, {new} not in the glossary", err=True)
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
    def build(ctx: click.Context, seeds: str | None, dry_run: bool, quiet: bool) -> None:
        """Regenerate locales/ from seeds/ and the curated data.

        Deterministic (a second run changes no byte), atomic, and it never drops curated work: a
        term that leaves the seeds becomes obsolete (#~).

        \b
        Example:
          glossary build
          glossary --locales /tmp/gl build --seeds other-seeds/
        """
        from .app import run_build
        from .paths import resolve_seeds

        locales = _locales(ctx, write=True)
        report = run_build(
            locales=locales,
            seeds=resolve_seeds(seeds, locales=locales),
            dry_run=dry_run,
            progress=None if quiet else _notice,
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
    def pinyin(texts: tuple[str, ...], style: str) -> None:
        """Pinyin of Chinese text, with the glossary's curated readings (长三角 cháng, 重塑 chóng).

        Without TEXT, reads standard input and prints one line per input line.

        \b
        Example:
          glossary pinyin 长三角 重塑
          glossary pinyin --style numbers < terms.txt
        """
        from .enrich import PinyinStyle, to_pinyin

        chosen = PinyinStyle(style)
        for text in texts or _stdin_lines():
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
    def hant(texts: tuple[str, ...], region: str) -> None:
        """Traditional form of simplified Chinese text, for Taiwan or Hong Kong.

        Never localises vocabulary (no s2twp): names and slogans keep their words. Without TEXT,
        reads standard input and prints one line per input line.

        \b
        Example:
          glossary hant --region hk 双循环 科技人才周
        """
        from .enrich import Region, to_hant

        chosen = Region(region)
        for text in texts or _stdin_lines():
            click.echo(to_hant(text, region=chosen))

    return hant


def _announce_stdin(paths: Sequence[str], what: str = "Chinese text") -> None:
    """Tell a person at a terminal what a command that reads standard input ("-") waits for,
    on stderr (``textio`` ends the input at one Ctrl-D)."""
    if "-" in paths:
        from .textio import stdin_is_terminal

        if stdin_is_terminal():
            click.echo(f"glossary: reading {what} from the terminal; end with Ctrl-D", err=True)


def _stdin_lines() -> Iterator[str]:
    """The lines of standard input, decoded in the encoding it was written in, without ends;
    streamed in bounded memory (``textio``: a line over 1 MiB or binary input is an error)."""
    from .textio import iter_lines

    _announce_stdin(["-"])
    return (line for _, line in iter_lines("-", empty_ok=True))


# ---------------------------------------------------------------------------------------- lookup


def _lookup_command() -> click.Command:
    @output_options(
        "LOOKUP_FIELDS",
        extra=("card",),
        default="card",
        json_flag=True,
        help_extra="; card (the default): one entry found as a card, several as the table "
        "(--full: every entry as a card)",
    )
    @click.command("lookup", cls=_Listing, context_settings=CONTEXT)
    @click.argument("query", nargs=-1, required=True)
    @click.option(
        "-n",
        "--limit",
        type=click.IntRange(0),
        default=10,
        show_default=True,
        help="Show at most N entries (0: all).",
    )
    @click.option(
        "--full",
        is_flag=True,
        help="A full card for every entry found, with all its sources (without it: one line "
        "per entry when several are found, and a card's first source).",
    )
    @click.pass_context
    def lookup(
        ctx: click.Context, query: tuple[str, ...], limit: int, full: bool, fmt: str
    ) -> None:
        """Look up a term by Chinese, pinyin, initials or English.

        Simplified or traditional characters, pinyin with tone marks, numbers or none (ü as ü, v or
        u), initials (bbzl), English words in any order, part of a term, or a near miss. Exact
        matches first. One entry found is shown as a card; several as one line each (term,
        traditional form, pinyin, English, status), fitted to the terminal's width. Exit 0 when
        found, 1 when not (with suggestions on stderr).

        \b
        Example:
          glossary lookup 八八战略
          glossary lookup ba1ba1zhanlve
          glossary lookup --full 工程
          glossary lookup "double eight"
        """
        from .lookup import lookup as find
        from .lookup import suggest

        if full and fmt != "card":
            raise click.UsageError(f"--full shows cards; it does not go with --format {fmt}")
        locales = _locales(ctx)
        text = " ".join(query)
        hits = find(text, locales=locales, limit=limit or None, progress=_notice)
        width = _terminal_width()
        if fmt == "card" and (full or len(hits) == 1):
            from .render import card

            room = min(width, 110)
            blocks = [card(_card_lines(h, full=full), max_width=room) for h in hits]
            click.echo(("\n" + "─" * min(room, 60) + "\n").join(blocks))
        elif hits or fmt != "card":
            from .fields import LOOKUP_COLUMNS, LOOKUP_FIELDS, LOOKUP_WEIGHTS, lookup_row
            from .render import render_rows

            render_rows(
                map(lookup_row, hits),
                LOOKUP_FIELDS,
                "table" if fmt == "card" else fmt,
                _out,
                max_width=width,
                columns=LOOKUP_COLUMNS,
                optional=("zh_tw",),
                fit="cut",
                weights=LOOKUP_WEIGHTS,
            )
        if not hits:
            from .render import visible, wrap_words
            from .render import width as width_of

            near = suggest(text, locales=locales)
            room = max(20, width - 2)
            msg = f"glossary: nothing found for {visible(repr(text))}"
            if near:
                # a suggestion that fits on a line is kept whole (its spaces held by U+00A0)
                kept = [
                    v.replace(" ", "\xa0") if width_of(v) < room else v for v in map(visible, near)
                ]
                msg += "; did you mean: " + ", ".join(kept)
            lines = [line.replace("\xa0", " ") for line in wrap_words(msg, room)]
            click.echo("\n  ".join(lines), err=True)
        ctx.exit(0 if hits else 1)

    return lookup


def _card_lines(h: Hit, *, full: bool = False) -> list[tuple[str, str]]:
    """An entry found by ``lookup`` as the labelled lines of a card (``render.card``): its first
    source only, unless ``full``. Here, not in ``fields``, so that a card imports no field
    tables."""
    from .records import split_sources

    e = h.entry
    forms = " / ".join(dict.fromkeys(f for f in (e["zh_tw"], e["zh_hk"]) if f and f != e["zh"]))
    status = e["status"] or "unrated"
    if not e["reviewed"]:
        status += ", unreviewed"
    orthographic = e["pinyin_orthographic"]
    sources = split_sources(e["source"])
    if full or len(sources) <= 1:
        source = "; ".join(sources)
    else:
        source = f"{sources[0]}  (+{len(sources) - 1} more; --full)"
    return [
        ("term", e["zh"] + (f"  ({forms})" if forms else "")),
        ("pinyin", e["pinyin"] + (f"  ·  {orthographic}" if orthographic else "")),
        ("English", f"{e['en'] or '—'}  [{status}]"),
        ("source", source),
        ("also", "; ".join(e["en_alt"])),
        (
            "do not use",
            "; ".join(
                d["en"] + (f" ({d['reason']})" if d["reason"] else "")
                for d in e.get("en_deprecated", [])
            ),
        ),
        ("written", "; ".join(e.get("variants", []))),
        ("literal", e["literal"]),
        ("category", e["category"]),
        ("definition", e["definition"]),
        *_parts_lines(e),
        (
            "reviewed",
            " ".join(x for x in (e.get("reviewed_by", ""), e.get("reviewed_on", "")) if x),
        ),
        ("match", f"{h.tier.name.lower()} ({h.how})"),
    ]


def _parts_lines(e: EntryRecord) -> list[tuple[str, str]]:
    """A formula's parts on its card (numbered, each with its English; a clause marked), their
    source, the former versions with period and source, and the formulas an entry is a part of."""
    lines: list[tuple[str, str]] = []
    for n, p in enumerate(e.get("parts", []), 1):
        english = p["en"] or "—"
        lines.append(
            (
                "parts" if n == 1 else "",
                f"{n}. {p['zh']}  {english}" + ("" if p["entry"] else "  (clause)"),
            )
        )
    if e.get("parts"):
        lines.append(("listed in", e.get("parts_source", "")))
    for f in e.get("parts_former", []):
        listed = "; ".join(f["parts"])
        lines.append(
            ("former", f"{f['period']}: {listed}" + (f"  ({f['source']})" if f["source"] else ""))
        )
    if e.get("no_parts"):
        lines.append(("no parts", e["no_parts"]))
    formulas = "; ".join(
        f["zh"] + (f" ({f['en']})" if f["en"] else "") for f in e.get("part_of", [])
    )
    lines.append(("part of", formulas))
    return lines


# ------------------------------------------------------------------------------------------ scan


def _scan_command() -> click.Command:
    @output_options(
        "HIT_FIELDS",
        extra=("annotate",),
        help_extra="; annotate: the text, each term followed by [English]",
    )
    @click.command("scan", cls=_Listing, context_settings=CONTEXT)
    @click.argument("files", nargs=-1, type=click.Path(path_type=str))
    @click.option(
        "--count",
        "count",
        is_flag=True,
        help="Each term with its number of occurrences, most frequent first (fields zh, count, "
        "en).",
    )
    @click.option(
        "--unknown",
        is_flag=True,
        help="Also list the extractor's candidates that the glossary lacks (table, or json: "
        'one object {"schema": 1, "hits": [...], "unknown": [...]}).',
    )
    @click.pass_context
    def scan(
        ctx: click.Context, files: tuple[str, ...], fmt: str, count: bool, unknown: bool
    ) -> None:
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

        _announce_stdin(list(files) or ["-"])
        result = run_scan(
            list(files) or ["-"],
            locales=_locales(ctx),
            fmt=fmt,
            count=count,
            unknown=unknown,
            write=_out,
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
    @click.option("--category", type=click.Choice(CATEGORIES))
    @click.option("--note", default="", help="Why (kept in curation.tsv).")
    @click.pass_context
    def curate(
        ctx: click.Context,
        terms: tuple[str, ...],
        decision: str | None,
        category: str | None,
        note: str,
    ) -> None:
        """Record a curator's decision about terms in curation.tsv (then run build).

        \b
        Example:
          glossary curate --accept --category program 红色根脉强基工程
          glossary curate --reject 成长的烦恼
        """
        from .app import record_decisions

        if not decision:
            raise click.UsageError("say --accept, --add or --reject", ctx=ctx)
        path = record_decisions(
            terms,
            decision=decision,
            category=category,
            note=note,
            locales=_locales(ctx, write=True),
            notice=_notice,
        )
        click.echo(f"{len(terms)} decision(s) recorded in {path}")

    return curate


# ---------------------------------------------------------------------------------------- export
_FORMAT_NAMES = ["csv", "tsv", "tbx", "tmx", "po", "json", "html", "anki"]


def _export_command() -> click.Command:
    @click.command("export", context_settings=CONTEXT)
    @click.option(
        "--format",
        "fmt",
        type=click.Choice(_FORMAT_NAMES),
        required=True,
        help="csv (spreadsheets), tsv (OmegaT), tbx (TBX v2), tmx (TMX 1.4b), po, json (scripts), "
        "html (the searchable page of `glossary html`), anki (Anki's text import format).",
    )
    @click.option(
        "-o",
        "--output",
        type=click.Path(),
        default=None,
        help="Write to PATH instead of standard output: a regular file (or a symbolic link to "
        "one: its target) is replaced atomically; a FIFO or device is written through; a folder "
        "is refused.",
    )
    @entry_filters
    @click.option("--plain", is_flag=True, help="CSV for machines: no BOM, no formula escaping.")
    @click.pass_context
    def export(
        ctx: click.Context,
        fmt: str,
        output: str | None,
        categories: tuple[str, ...],
        statuses: tuple[str, ...],
        reviewed: bool | None,
        plain: bool,
    ) -> None:
        """Export the glossary for CAT tools, spreadsheets and scripts.

        \b
        Example:
          glossary export --format tbx -o glossary.tbx
          glossary export --format csv --status official > official.csv
          glossary export --format json | jq '.[0]'
          glossary export --format anki --category slogan -o slogans.txt
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
        if output is None or output == "-":
            _out(text)
        else:
            from .output import write_output

            write_output(output, text)

    return export


# ------------------------------------------------------------------------------------------ html


def _html_command() -> click.Command:
    @click.command("html", context_settings=CONTEXT)
    @click.option(
        "-o",
        "--output",
        type=click.Path(),
        required=True,
        help="The page to write (- for standard output): a regular file is replaced atomically.",
    )
    @click.option("--title", default="Glossary of Chinese policy terms", show_default=True)
    @entry_filters
    @click.pass_context
    def html(
        ctx: click.Context,
        output: str,
        title: str,
        categories: tuple[str, ...],
        statuses: tuple[str, ...],
        reviewed: bool | None,
    ) -> None:
        """The glossary as one searchable web page that needs no network.

        One self-contained file (its style, script and data inline; a Content-Security-Policy
        forbids every request) to open from disk or a shared drive: search as you type by
        characters (simplified, traditional, any written form), pinyin with or without tones,
        initials or English, with lookup's rules; filters by category and status; entries by
        pinyin; #q=bbzl in the address opens with that search; prints as a glossary.

        \b
        Example:
          glossary html -o glossary.html
          glossary html --status official -o official.html
        """
        from .app import html_page

        text = html_page(
            _locales(ctx),
            title=title,
            categories=categories,
            statuses=statuses,
            reviewed=reviewed,
        )
        if output == "-":
            _out(text)
        else:
            from .output import write_output

            write_output(output, text)

    return html


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
    def import_(
        ctx: click.Context, file: str, fmt: str | None, dry_run: bool, overwrite: bool
    ) -> None:
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

        _announce_stdin([file], "the file to import")
        plan, written = import_file(
            file,
            locales=_locales(ctx, write=True),
            fmt=fmt,
            dry_run=dry_run,
            overwrite=overwrite,
            notice=_notice,
        )
        for c in plan.changes:
            click.echo(f"~ {c.zh}  {c.field}: {_show(c.old)} -> {_show(c.new)}")
        for e in plan.new:
            click.echo(f"+ {e.zh}  {e.en}")
        for conflict in plan.conflicts:
            where = f"{file}:{conflict.line}: " if conflict.line else ""
            click.echo(
                f"! {where}{conflict.zh}  {conflict.field}: ours {_show(conflict.ours)}, "
                f"theirs {_show(conflict.theirs)} ({conflict.why})",
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


def _show(value: object) -> str:
    from .render import visible

    if isinstance(value, tuple):
        return visible("[" + "; ".join(map(str, value)) + "]")
    return visible(repr(value))


# ----------------------------------------------------------------------------------------- check


def _check_command() -> click.Command:
    @output_options("PROBLEM_FIELDS", json_flag=True)
    @click.command("check", cls=_Listing, context_settings=CONTEXT)
    @click.option("--ignore", multiple=True, help="Skip a rule by its code (e.g. fuzzy).")
    @click.option(
        "-v",
        "--verbose",
        is_flag=True,
        help="Also list the numbered formulas not yet classified (code formula-unclassified; "
        "json and jsonl always list them). They do not change the exit status.",
    )
    @click.pass_context
    def check(ctx: click.Context, ignore: tuple[str, ...], verbose: bool, fmt: str) -> None:
        """Lint the glossary for CI: exit 0 when clean, 1 when problems were found.

        Finds empty English or English holding Chinese, fuzzy entries, duplicates (also after Unicode
        normalization), pinyin or traditional forms that disagree with a recomputation without a
        recorded override, inconsistent English heads, official renderings without a source, and
        formulas whose parts name no entry, repeat, or name the formula. Counts the numbered
        formulas with parts, marked no-parts and unclassified (on standard error).

        \b
        Example:
          glossary check
          glossary check --ignore fuzzy --json
        """
        from pathlib import Path

        from .check import run_check_report, unclassified_rows
        from .fields import PROBLEM_FIELDS, problem_row
        from .render import render_rows

        found, formulas = run_check_report(Path(_locales(ctx)))
        problems = [p for p in found if p.code not in ignore]
        shown = problems
        if verbose or fmt in ("json", "jsonl"):
            shown = problems + [p for p in unclassified_rows(formulas) if p.code not in ignore]
        render_rows(map(problem_row, shown), PROBLEM_FIELDS, fmt, _out, max_width=_terminal_width())
        click.echo(formulas.summary(), err=True)
        if fmt == "table":
            if problems:
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


# -------------------------------------------------------------------------------------- evaluate
def _evaluate_command() -> click.Command:
    @click.command("evaluate", context_settings=CONTEXT)
    @click.argument("documents", nargs=-1, required=True, type=click.Path(path_type=str))
    @click.option(
        "--gold",
        required=True,
        type=click.Path(path_type=str),
        help="Hand labels: TSV with columns file and zh (category, quoted used when present).",
    )
    @click.option("--split", "split_path", type=click.Path(path_type=str), help="TSV file, part.")
    @click.option("--part", type=click.Choice(["dev", "heldout"]), help="Score one part only.")
    @click.option(
        "--sources",
        "sources_path",
        type=click.Path(path_type=str),
        help="TSV with file and script (Hans/Hant); other scripts are detected.",
    )
    @click.option(
        "--predicted",
        "predicted_path",
        type=click.Path(path_type=str),
        help="Score this TSV's terms (columns file, zh) instead of running the extractor.",
    )
    @click.option(
        "--json",
        "as_json",
        is_flag=True,
        help='The whole report as JSON (one object, {"schema": 1, …}).',
    )
    @click.option(
        "--fail-under",
        type=click.FloatRange(0, 1),
        help="Exit 1 when the pooled F1 is below this (for CI), e.g. 0.8.",
    )
    @click.pass_context
    def evaluate(
        ctx: click.Context,
        documents: tuple[str, ...],
        gold: str,
        split_path: str | None,
        part: str | None,
        sources_path: str | None,
        predicted_path: str | None,
        as_json: bool,
        fail_under: float | None,
    ) -> None:
        """Score the extractor against hand labels: precision, recall, F1.

        Pooled and per document, script and part; recall per category and for terms the
        glossary holds or lacks; then the misses and the false positives. Terms match after
        quote marks, width, spaces and script are normalised. With --predicted, the terms of
        that file (a second annotation, say) are scored instead of the extractor's. Exit 0; 1
        when F1 is below --fail-under; 2 on bad input.

        \b
        Example:
          glossary evaluate --gold eval/gold.tsv --split eval/SPLIT.tsv eval/docs/*.txt
          glossary evaluate --gold eval/gold.tsv --split eval/SPLIT.tsv --part dev \\
              --sources eval/SOURCES.tsv --json eval/docs/*.txt
          glossary evaluate --gold eval/gold.tsv --predicted eval/gold2.tsv eval/docs/*.txt
        """
        from . import evaluate as ev
        from .render import table, to_json

        report = ev.run_evaluation(
            gold,
            documents,
            locales=_locales(ctx),
            split_path=split_path,
            part=ev.Part(part) if part else None,
            sources_path=sources_path,
            predicted_path=predicted_path,
        )
        f1 = report.overall.scores.f1
        failed = fail_under is not None and (f1 or 0.0) < fail_under
        if as_json:
            click.echo(to_json(ev.to_json(report)))
            ctx.exit(1 if failed else 0)
        width = _terminal_width()
        click.echo(table(ev.summary_rows(report), ev.SUMMARY_HEADERS, max_width=width))
        click.echo()
        click.echo(table(ev.category_rows(report), ev.CATEGORY_HEADERS, max_width=width))
        if report.misses:
            click.echo()
            rows = [
                (
                    m.file,
                    m.zh,
                    m.category.value if m.category else "",
                    "yes" if m.known else "",
                    "; ".join(m.near),
                )
                for m in report.misses
            ]
            headers = ["missed in", "term", "category", "known", "near candidates"]
            click.echo(table(rows, headers, max_width=width))
        if report.false_positives:
            click.echo()
            extra = [(f.file, f.zh) for f in report.false_positives]
            click.echo(table(extra, ["false positive in", "candidate"], max_width=width))
        s = report.overall.scores
        click.echo(
            f"{report.overall.documents} documents: {s.tp} found, {s.fn} missed, "
            f"{s.fp} false positives",
            err=True,
        )
        if failed:
            click.echo(f"glossary evaluate: F1 {f1 or 0.0:.3f} is below {fail_under}", err=True)
        ctx.exit(1 if failed else 0)

    return evaluate


_output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=str),
    help="Write to PATH instead of standard output.",
)


def _bilingual_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The inputs of a bilingual command (qa, tm add) besides its FILEs: a line-aligned pair and
    the CSV/TSV column names."""
    for option in reversed(
        (
            click.option(
                "--source",
                type=click.Path(path_type=str),
                help="Chinese text, line-aligned with --target.",
            ),
            click.option(
                "--target",
                type=click.Path(path_type=str),
                help="English text, line-aligned with --source.",
            ),
            click.option("--source-column", help="CSV/TSV header of the Chinese column."),
            click.option("--target-column", help="CSV/TSV header of the English column."),
        )
    ):
        command = option(command)
    return command


# -------------------------------------------------------------------------------------------- qa
def _qa_command() -> click.Command:
    from .qa import Check

    codes = [c.value for c in Check]

    @output_options("FINDING_FIELDS", json_flag=True)
    @click.command("qa", cls=_Listing, context_settings=CONTEXT)
    @click.argument("files", nargs=-1, type=click.Path(path_type=str))
    @_bilingual_options
    @click.option(
        "--only", multiple=True, type=click.Choice(codes), help="Run only this check (repeatable)."
    )
    @click.option(
        "--ignore", multiple=True, type=click.Choice(codes), help="Skip this check (repeatable)."
    )
    @click.option(
        "--status",
        type=click.Choice(["official"]),
        help="Check only official entries, against their preferred rendering.",
    )
    @click.option("--include-fuzzy", is_flag=True, help="Check fuzzy segments too.")
    @click.option(
        "--report",
        type=click.Path(dir_okay=False, path_type=str),
        help="Also write a report for reviewers: FILE.html (one self-contained page, filterable by check) or FILE.csv.",
    )
    @click.pass_context
    def qa(
        ctx: click.Context,
        files: tuple[str, ...],
        source: str | None,
        target: str | None,
        source_column: str | None,
        target_column: str | None,
        only: tuple[str, ...],
        ignore: tuple[str, ...],
        status: str | None,
        include_fuzzy: bool,
        report: str | None,
        fmt: str,
    ) -> None:
        """Terminology QA of a translation: does the English use the glossary's renderings?

        Reads bilingual PO, TMX, XLIFF 1.2/2.x, CSV/TSV with a header, or two line-aligned text
        files (--source, --target); simplified or traditional sources. Checks: term-missing,
        term-deprecated, inconsistent, shared-rendering, untranslated, code-missing,
        part-rendering (a part of a numbered formula rendered without its own entry's English).
        Exit 0 when clean, 1 with findings, 2 on bad input.

        \b
        Example:
          glossary qa translated.po
          glossary qa job.xlf --only term-missing --format json
          glossary qa --source zh.txt --target en.txt --report qa.html
        """
        from .fields import FINDING_FIELDS, finding_row
        from .models import Status
        from .qa import run_qa
        from .render import render_rows

        _announce_stdin(files, "a bilingual file")
        result = run_qa(
            files,
            locales=_locales(ctx),
            source=source,
            target=target,
            source_column=source_column,
            target_column=target_column,
            only=[Check(c) for c in only],
            ignore=[Check(c) for c in ignore],
            status=Status(status) if status else None,
            include_fuzzy=include_fuzzy,
        )
        if report:
            from .output import write_output
            from .qa_report import to_csv, to_html

            name = ", ".join(files) or f"{source} / {target}"
            write_output(
                report,
                to_csv(result.findings)
                if report.lower().endswith(".csv")
                else to_html(result, title=name),
            )
        render_rows(
            map(finding_row, result.findings),
            FINDING_FIELDS,
            fmt,
            _out,
            max_width=_terminal_width(),
        )
        if fmt == "table":
            counts = ", ".join(f"{k} {v}" for k, v in result.counts.items())
            click.echo(
                f"{result.segments} segments, {result.terms} term occurrences checked; "
                + (
                    f"{len(result.findings)} finding(s): {counts}"
                    if result.findings
                    else "no findings"
                ),
                err=True,
            )
        ctx.exit(1 if result.findings else 0)

    return qa


# --------------------------------------------------------------------------------------- segment
def _segment_command() -> click.Command:
    @click.command("segment", context_settings=CONTEXT)
    @click.argument("documents", nargs=-1, required=True, type=click.Path(path_type=str))
    @_output_option
    @click.option(
        "--format",
        "fmt",
        type=click.Choice(["po", "pot", "xliff"]),
        default="po",
        show_default=True,
        help="PO (memory matches filled in), POT (a template, nothing filled) or XLIFF 1.2.",
    )
    @click.option(
        "--min",
        "minimum",
        type=click.IntRange(50, 100),
        default=75,
        show_default=True,
        help="Lowest memory match score filled in (fuzzy).",
    )
    @click.option("--no-memory", is_flag=True, help="Do not fill in matches from the memory.")
    @click.pass_context
    def segment(
        ctx: click.Context,
        documents: tuple[str, ...],
        output: str | None,
        fmt: str,
        minimum: int,
        no_memory: bool,
    ) -> None:
        """Split Chinese documents into translation segments: a PO, POT or XLIFF for CAT tools.

        Sentences end at 。！？ (and at ； between long clauses), never inside quotes or brackets;
        headings and numbered items stand alone. Each entry lists the glossary's terms of its
        segment with their English (#. term:) and its locations (#:); identical segments are one
        entry. With a memory, exact matches are filled in and fuzzy ones marked fuzzy.

        \b
        Example:
          glossary segment report.txt -o report.po
          glossary segment --format xliff report.txt -o report.xlf
        """
        from .job import run_segment

        _announce_stdin(documents)
        text, units = run_segment(
            documents, locales=_locales(ctx), fmt=fmt, minimum=minimum, use_memory=not no_memory
        )
        if output is None or output == "-":
            _out(text)
        else:
            from .output import write_output

            write_output(output, text)
        filled = sum(1 for u in units if u.target)
        click.echo(
            f"glossary segment: {len(units)} segments, {filled} filled from the memory", err=True
        )

    return segment


# -------------------------------------------------------------------------------------------- tm
def _tm_command() -> click.Command:
    @click.group("tm", context_settings=CONTEXT)
    def tm() -> None:
        """The translation memory of sentences: a gettext compendium, locales/memory.po.

        \b
        Example:
          glossary tm add translated.po
          glossary tm lookup "坚持稳中求进工作总基调。"
          glossary tm export --format tmx -o memory.tmx
        """

    @tm.command("add", context_settings=CONTEXT)
    @click.argument("files", nargs=-1, type=click.Path(path_type=str))
    @_bilingual_options
    @click.option("--include-fuzzy", is_flag=True, help="Take fuzzy translations too.")
    @click.pass_context
    def add(
        ctx: click.Context,
        files: tuple[str, ...],
        source: str | None,
        target: str | None,
        source_column: str | None,
        target_column: str | None,
        include_fuzzy: bool,
    ) -> None:
        """Bring translated segments into the memory (PO, TMX, XLIFF, CSV/TSV, text pairs).

        Reports added, updated (the earlier English kept as # previous:), duplicate, skipped
        (untranslated or fuzzy) and refused (with file and line).

        \b
        Example:
          glossary tm add 2024-report.po
          glossary tm add --source zh.txt --target en.txt
        """
        from .qa import read_inputs
        from .tm import add_units

        _announce_stdin(files, "a bilingual file")
        units = read_inputs(
            files,
            source=source,
            target=target,
            source_column=source_column,
            target_column=target_column,
        )
        report = add_units(
            _locales(ctx, write=True), units, include_fuzzy=include_fuzzy, notice=_notice
        )
        for file, line, why in report.refused:
            click.echo(f"glossary: {file}:{line}: refused: {why}", err=True)
        click.echo(
            f"added {report.added}, updated {report.updated}, duplicate {report.duplicate}, "
            f"skipped {report.skipped}, refused {len(report.refused)}; "
            f"the memory holds {report.total} segments"
        )

    @tm.command("export", context_settings=CONTEXT)
    @click.option(
        "--format",
        "fmt",
        type=click.Choice(["tmx", "po", "csv"]),
        default="tmx",
        show_default=True,
        help="TMX 1.4, the compendium PO, or CSV.",
    )
    @_output_option
    @click.pass_context
    def export(ctx: click.Context, fmt: str, output: str | None) -> None:
        """Write the memory for other tools (OmegaT tm/, Poedit, Trados, spreadsheets).

        \b
        Example:
          glossary tm export --format tmx -o memory.tmx
        """
        import os

        from .errors import InputError
        from .tm import export_memory, memory_path, read_memory

        path = memory_path(_locales(ctx))
        if not os.path.exists(path):
            raise InputError(f"{path}: no translation memory here (add some with tm add)")
        text = export_memory(read_memory(path), fmt)
        if output is None or output == "-":
            _out(text)
        else:
            from .output import write_output

            write_output(output, text)

    @output_options("MATCH_FIELDS", json_flag=True)
    @tm.command("lookup", cls=_Listing, context_settings=CONTEXT)
    @click.argument("text")
    @click.option(
        "--min",
        "minimum",
        type=click.IntRange(1, 100),
        default=75,
        show_default=True,
        help="Lowest score shown.",
    )
    @click.option(
        "-n", "limit", type=click.IntRange(1), default=5, show_default=True, help="Matches shown."
    )
    @click.pass_context
    def lookup(ctx: click.Context, text: str, minimum: int, limit: int, fmt: str) -> None:
        """The memory's best matches for a sentence, scored as CAT tools score them.

        Character-based (100 only for an identical segment); what differs is marked
        [query→memory] in the table. Exit 0 when a match is found, 1 when none.

        \b
        Example:
          glossary tm lookup "坚持稳中求进的工作总基调。" --min 80
        """
        from .fields import MATCH_FIELDS, match_row
        from .render import render_rows
        from .tm import lookup_memory

        matches, terms = lookup_memory(
            _locales(ctx),
            text,
            minimum=minimum,
            limit=limit,
            terms=fmt == "table",
            progress=_notice,
        )
        render_rows(map(match_row, matches), MATCH_FIELDS, fmt, _out, max_width=_terminal_width())
        for zh, en in terms:
            click.echo(f"term  {zh} = {en}", err=True)
        ctx.exit(0 if matches else 1)

    return tm


# ---------------------------------------------------------------------------------- pretranslate
def _pretranslate_command() -> click.Command:
    @click.command("pretranslate", context_settings=CONTEXT)
    @click.argument("po_file", type=click.Path(path_type=str))
    @click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=str),
        help="Write to PATH (default: the PO file itself, replaced atomically).",
    )
    @click.option(
        "--min",
        "minimum",
        type=click.IntRange(50, 100),
        default=75,
        show_default=True,
        help="Lowest fuzzy match score filled in.",
    )
    @click.pass_context
    def pretranslate(ctx: click.Context, po_file: str, output: str | None, minimum: int) -> None:
        """Fill the untranslated entries of a PO file from the memory.

        Exact matches become translations; fuzzy ones are marked fuzzy with their score in an
        extracted comment (#. tm: 87% match (origin)), as msgmerge --compendium and
        translate-toolkit's pretranslate do.

        \b
        Example:
          glossary pretranslate report.po
          glossary pretranslate report.pot -o report.po --min 85
        """
        from .output import write_output
        from .tm import pretranslate_file

        text, report = pretranslate_file(po_file, _locales(ctx), minimum=minimum)
        if output == "-":
            _out(text)
        else:
            write_output(output or po_file, text)
        click.echo(
            f"glossary pretranslate: {report.exact} exact, {report.fuzzy} fuzzy, "
            f"{report.none} without a match, {report.kept} already translated",
            err=True,
        )

    return pretranslate


# --------------------------------------------------------------------------------------- analyze
def _analyze_command() -> click.Command:
    @output_options("BAND_FIELDS")
    @click.command("analyze", cls=_Listing, context_settings=CONTEXT)
    @click.argument("documents", nargs=-1, required=True, type=click.Path(path_type=str))
    @click.pass_context
    def analyze(ctx: click.Context, documents: tuple[str, ...], fmt: str) -> None:
        """Match-band counts of a job against the memory (segments and Chinese characters).

        \b
        Example:
          glossary analyze report.txt
        """
        import os

        from .fields import BAND_FIELDS, band_row
        from .render import render_rows
        from .segment import iter_document
        from .tm import analyze as bands
        from .tm import memory_path, open_memory

        locales = _locales(ctx)
        _announce_stdin(documents)
        index = open_memory(locales) if os.path.exists(memory_path(locales)) else None
        texts = [s.text for doc in documents for s in iter_document(doc)]
        render_rows(
            map(band_row, bands(texts, index)), BAND_FIELDS, fmt, _out, max_width=_terminal_width()
        )

    return analyze


# Commands are built on first use (a lazy group): a lookup does not pay for the other commands.
_COMMANDS: dict[str, Callable[[], click.Command]] = {
    "analyze": _analyze_command,
    "build": _build_command,
    "check": _check_command,
    "curate": _curate_command,
    "evaluate": _evaluate_command,
    "export": _export_command,
    "extract": _extract_command,
    "hant": _hant_command,
    "html": _html_command,
    "import": _import_command,
    "lookup": _lookup_command,
    "pinyin": _pinyin_command,
    "pretranslate": _pretranslate_command,
    "qa": _qa_command,
    "scan": _scan_command,
    "segment": _segment_command,
    "tm": _tm_command,
}
