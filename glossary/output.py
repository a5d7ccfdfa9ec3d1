"""Writing a command's output to ``-o PATH``: one rule for every kind of thing PATH can be.

- a regular file (or nothing yet) is replaced atomically: a temporary file in the same folder,
  flushed and renamed over it, so that an interrupted command leaves the previous file whole;
- a symbolic link to a regular file keeps the link: its target is replaced atomically;
- anything else that exists — a FIFO, a character device such as ``/dev/stdout`` or a terminal,
  a socket — is written through (opened and written), never replaced by a regular file;
- a folder is refused (``OutputError``, exit status 2).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile

from .errors import GlossaryError


class OutputError(GlossaryError):
    """An output path that cannot be written (a folder, a missing parent, no permission)."""


def write_output(path: str | os.PathLike[str], data: str) -> None:
    """Write ``data`` (UTF-8) to ``path`` by the rule of this module.

    Raises:
        OutputError: ``path`` is a folder, or the write failed (the message names the path).
    """
    shown = os.fspath(path)
    target = os.path.realpath(shown)  # a symlink's target (a chain of them resolved)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError(f"{shown}: {exc.strerror}") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise OutputError(f"{shown}: is a directory")
    encoded = data.encode("utf-8")
    try:
        if st is not None and not stat.S_ISREG(st.st_mode):
            with open(target, "wb") as stream:  # FIFO, device, socket: written through
                stream.write(encoded)
            return
        _replace(target, encoded, None if st is None else stat.S_IMODE(st.st_mode))
    except OSError as exc:
        raise OutputError(f"{shown}: {exc.strerror or exc}") from None


def _replace(target: str, data: bytes, mode: int | None) -> None:
    folder = os.path.dirname(target) or "."
    if mode is None:
        os.makedirs(folder, exist_ok=True)  # ``-o new/dir/file`` as before
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
