"""QA reports a reviewer opens: a self-contained HTML page (filterable by check) and a CSV with
the columns an Xbench user expects (file, segment, source, target, check, term, expected, found,
message)."""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterable
from importlib.resources import files
from itertools import groupby
from string import Template

from .qa import Check, Finding, Report

#: Columns of the CSV report, in order.
CSV_COLUMNS = (
    "file",
    "segment",
    "line",
    "check",
    "term",
    "expected",
    "found",
    "source",
    "target",
    "message",
)


def to_csv(findings: Iterable[Finding]) -> str:
    """Findings as RFC 4180 CSV with a header line; lists joined by " | ".

    A cell that a spreadsheet would evaluate (starting with = + - @) is prefixed with ``'``."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for f in findings:
        row = [
            f.file,
            f.segment,
            str(f.line),
            f.check.value,
            f.term,
            " | ".join(f.expected),
            f.found,
            f.source,
            f.target,
            f.message,
        ]
        writer.writerow(["'" + c if c[:1] in ("=", "+", "-", "@") else c for c in row])
    return out.getvalue()


def to_html(report: Report, *, title: str) -> str:
    """The report as one HTML page: no network, no external script, style or font."""
    template = Template(files("glossary.data").joinpath("qa_report.html").read_text("utf-8"))
    e = html.escape
    filters = (
        "\n  ".join(
            f'<label><input type="checkbox" value="{c.value}" checked> <code>{c.value}</code> '
            f"({report.counts.get(c.value, 0)})</label>"
            for c in Check
            if report.counts.get(c.value)
        )
        or "no findings"
    )
    groups = []
    for (file, segment, line), items in groupby(
        report.findings, key=lambda f: (f.file, f.segment, f.line)
    ):
        found = list(items)
        rows = [
            f'<tr class="text"><td><code>{e(file)}:{line}</code><br>#{e(segment)}</td>'
            f'<td colspan="4" lang="zh">{e(found[0].source)}<br><span lang="en">'
            f"{e(found[0].target)}</span></td></tr>"
        ]
        rows += [
            f'<tr class="finding" data-check="{f.check.value}"><td></td>'
            f'<td><code>{f.check.value}</code></td><td lang="zh">{e(f.term)}</td>'
            f"<td>{'<br>'.join(e(x) for x in f.expected)}</td>"
            f'<td><span class="found">{e(f.found)}</span><br><small>{e(f.message)}</small></td></tr>'
            for f in found
        ]
        groups.append('<tbody class="segment">' + "".join(rows) + "</tbody>")
    summary = (
        f"{report.segments} segments checked, {report.terms} term occurrences, "
        f"{len(report.findings)} findings; {report.skipped} untranslated or fuzzy segments "
        "not checked."
    )
    return template.substitute(
        title=e(title), summary=e(summary), filters=filters, rows="\n  ".join(groups)
    )
