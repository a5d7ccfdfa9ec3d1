"""Atomic writes: a temporary file in the same folder, flushed, then renamed over the target, so
that an interrupted command leaves the previous file whole."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import GlossaryError


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) atomically; the folder is created if needed."""
    write_all_atomic({path: text})


def write_all_atomic(files: dict[Path, str]) -> None:
    """Write several files: every temporary file first, then the renames.

    A failure before the renames leaves every target as it was.
    """
    staged: list[tuple[str, Path]] = []
    try:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            staged.append((tmp, path))
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            if path.exists():
                os.chmod(tmp, path.stat().st_mode & 0o777)
            else:
                os.chmod(tmp, 0o644)
        for tmp, path in staged:
            os.replace(tmp, path)
        staged.clear()
    except OSError as exc:
        raise GlossaryError(f"cannot write {exc.filename or 'output'}: {exc.strerror}") from None
    finally:
        for tmp, _ in staged:
            try:
                os.unlink(tmp)
            except OSError:
                pass
