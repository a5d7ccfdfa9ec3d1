"""Run the independent judges from ../shared/tools when they are installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

TOOLS = Path(__file__).resolve().parents[2] / "shared" / "tools"


def judges_available() -> bool:
    return (
        (TOOLS / "judges.sh").exists()
        and all(shutil.which(t) for t in ("msgfmt", "xmllint", "unzip"))
        and Path("/usr/share/omegat/OmegaT.jar").exists()
    )


def omegat_available() -> bool:
    return (
        (TOOLS / "omegat_judge.sh").exists()
        and shutil.which("java") is not None
        and Path("/usr/share/omegat/OmegaT.jar").exists()
    )


def run_judges(*files: Path) -> tuple[int, str]:
    import os
    import sys

    # pofilter and csvclean come with the test extra, in this interpreter's bin folder
    env = dict(os.environ, JUDGES_BIN=str(Path(sys.executable).parent))
    out = subprocess.run(
        ["bash", str(TOOLS / "judges.sh"), *map(str, files)],
        capture_output=True,
        text=True,
        env=env,
    )
    return _templates_forgiven(out.returncode, out.stdout + out.stderr)


def _templates_forgiven(code: int, report: str) -> tuple[int, str]:
    """judges.sh fails a template (.pot) whose only remark is msgfmt's note that its Language
    is empty: every xgettext template gets it, and a template must leave Language empty
    (issue 15). Such a file counts as passed; any other remark still fails it."""
    lines = report.splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        j = i + 1
        while j < len(lines) and not lines[j].startswith(("PASS ", "FAIL ")):
            j += 1
        detail = [d for d in lines[i + 1 : j] if d.strip()]
        if (
            line.startswith("FAIL ")
            and line.endswith(".pot")
            and detail
            and all(TEMPLATE_LANGUAGE in d for d in detail)
        ):
            out.append("PASS " + line[len("FAIL ") :] + " (template: Language left empty)")
            code -= 1
        else:
            out.extend(lines[i:j])
        i = j
    return code, "\n".join(out) + ("\n" if report.endswith("\n") else "")


def run_omegat(doc: Path, *files: Path) -> str:
    out = subprocess.run(
        ["bash", str(TOOLS / "omegat_judge.sh"), "zh-CN", "en", str(doc), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    return out.stdout


#: msgfmt's note on a template: its Language is empty, as xgettext leaves it (not a problem)
TEMPLATE_LANGUAGE = "header field 'Language' still has the initial default value"


def msgfmt_check(path: str | Path, *, cwd: str | Path | None = None) -> tuple[int, str]:
    """``msgfmt --check --check-format --check-header`` of a catalogue: (exit status, stderr),
    without the note that a template (.pot) has no Language yet."""
    out = subprocess.run(
        ["msgfmt", "--check", "--check-format", "--check-header", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )
    lines = out.stderr.splitlines()
    if str(path).endswith(".pot"):
        lines = [line for line in lines if TEMPLATE_LANGUAGE not in line]
    return out.returncode, "\n".join(lines)
