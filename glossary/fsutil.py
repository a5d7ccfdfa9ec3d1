"""Safe writes to a glossary folder: an exclusive lock for every writer, atomic multi-file commits.

The protocol (see README, *Concurrency and crashes*):

- Every command that writes ``locales/`` holds ``locked(locales, command=...)`` for its whole
  read-modify-write: an exclusive ``flock`` on ``locales/.lock``, which then holds one line
  describing the holder (pid, host, command, since when). A second writer waits, is told who holds
  the lock (through the ``notice`` callback), and gives up after ``GLOSSARY_LOCK_TIMEOUT`` seconds
  (default 60) with ``LockTimeout``. Readers take a shared lock (``shared=True``) and so never see a
  commit half done. The kernel drops the lock of a process that dies: no stale locks.
- Under an exclusive lock, ``write_all_atomic`` commits several files as one generation: every new
  file is written to a temporary file beside its target and fsynced; then a journal
  ``locales/.commit`` listing the (temporary, target) pairs is put in place by a rename (the commit
  point); then each temporary file is renamed over its target; then the journal is deleted.
- Whoever takes the lock next (writer or reader) first finishes an interrupted commit: a journal
  found is rolled forward (every temporary file it lists that still exists is renamed over its
  target), and temporary files that no journal lists (a run killed before its commit point) are
  deleted. So after a ``kill -9`` at any moment, the next command sees all-old or all-new files.

``GLOSSARY_FAULT`` (tests only) kills the process at a named point of the protocol:
``after-temp:N``, ``after-journal``, ``after-rename:N``, ``before-journal-unlink``, ``locked``.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import TypeVar

from .errors import GlossaryError

LOCK_FILE = ".lock"
COMMIT_FILE = ".commit"
DEFAULT_LOCK_TIMEOUT = 60.0
_JOURNAL_HEAD = "glossary-commit 1"
_JOURNAL_END = "end"
# Our temporary files: ".NAME.TOKEN.tmp" (TOKEN: pid and random hex), beside their target.
_TEMP = re.compile(r"^\..+\.(\d+)-[0-9a-f]{12}\.tmp$")

Notice = Callable[[str], None]
_P = TypeVar("_P", bound="str | os.PathLike[str]")


class LockTimeout(GlossaryError):
    """Another command held the glossary's lock for longer than the timeout."""


@dataclass(slots=True)
class _Held:
    fd: int
    shared: bool
    depth: int


_HELD: dict[str, _Held] = {}


def _fault(point: str, n: int | None = None) -> None:
    """Die here if ``GLOSSARY_FAULT`` names this point (fault-injection tests)."""
    wanted = os.environ.get("GLOSSARY_FAULT")
    if wanted and wanted == (point if n is None else f"{point}:{n}"):
        import signal

        os.kill(os.getpid(), signal.SIGKILL)


def lock_timeout() -> float:
    """``$GLOSSARY_LOCK_TIMEOUT`` in seconds, else 60."""
    raw = os.environ.get("GLOSSARY_LOCK_TIMEOUT", "")
    try:
        value = float(raw)
    except ValueError:
        return DEFAULT_LOCK_TIMEOUT
    return value if value >= 0 else DEFAULT_LOCK_TIMEOUT


def _holder(command: str) -> str:
    since = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
    return f"pid {os.getpid()} on {os.uname().nodename} ({command}) since {since}\n"


def _describe(fd: int) -> str:
    try:
        text = os.pread(fd, 1000, 0).decode("utf-8", "replace").strip()
    except OSError:
        text = ""
    return text or "a command reading the glossary"


def _open_lock(folder: str, *, shared: bool) -> int | None:
    """The lock file's descriptor; None for a folder we cannot write that has no lock file (a
    packaged, read-only glossary: nobody writes it)."""
    path = os.path.join(folder, LOCK_FILE)
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError:
        if not shared:
            raise
    try:
        return os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return None


def _acquire(fd: int, folder: str, *, shared: bool, timeout: float, notice: Notice | None) -> None:
    mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
    deadline = time.monotonic() + timeout
    told = False
    delay = 0.02
    while True:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
            return
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise
        holder = _describe(fd)
        if time.monotonic() >= deadline:
            raise LockTimeout(
                f"{folder}: locked by {holder}; gave up after {timeout:g} s (GLOSSARY_LOCK_TIMEOUT)"
            )
        if not told and notice is not None:
            notice(f"waiting for {folder}: locked by {holder}")
            told = True
        time.sleep(delay)
        delay = min(delay * 2, 0.2)


@contextmanager
def locked(
    folder: str | os.PathLike[str],
    *,
    command: str,
    shared: bool = False,
    notice: Notice | None = None,
    timeout: float | None = None,
) -> Iterator[None]:
    """Hold the glossary folder's lock: exclusive for a writer, ``shared`` for a reader.

    Re-entrant within a process (an inner ``locked`` on the same folder is free; an exclusive
    lock inside a shared one is a programming error). On taking it, an interrupted commit is
    finished and leftover temporary files are deleted.

    Args:
        folder: the glossary folder (``locales/``); created for a writer if missing.
        command: what the holder is doing, shown to whoever waits ("glossary import x.csv").
        shared: a reader's lock (many at once, none while a writer holds it).
        notice: called once with a line saying who holds the lock, when this call has to wait.
        timeout: seconds to wait (default ``lock_timeout()``).

    Raises:
        LockTimeout: the lock was not free within the timeout.
        GlossaryError: the lock file cannot be created, or an interrupted commit cannot be
            completed.
    """
    name = os.fspath(folder)
    if not os.path.isdir(name):
        if shared:
            yield
            return
        try:
            os.makedirs(name, exist_ok=True)
        except OSError as exc:
            raise GlossaryError(f"cannot create {name}: {exc.strerror}") from None
    key = os.path.realpath(name)
    held = _HELD.get(key)
    if held is not None:
        if held.shared and not shared:
            raise RuntimeError(f"{name}: exclusive lock requested inside a shared one")
        held.depth += 1
        try:
            yield
        finally:
            held.depth -= 1
        return
    wait = lock_timeout() if timeout is None else timeout
    try:
        fd = _open_lock(name, shared=shared)
    except OSError as exc:
        raise GlossaryError(f"cannot lock {name}: {exc.strerror}") from None
    if fd is None:  # a read-only glossary without a lock file: it has no writers
        if os.path.exists(os.path.join(name, COMMIT_FILE)):
            raise GlossaryError(
                f"{name}: an interrupted commit ({COMMIT_FILE}) awaits completion;"
                " run a glossary command with write access to it"
            )
        yield
        return
    try:
        _acquire(fd, name, shared=shared, timeout=wait, notice=notice)
        if shared and os.path.exists(os.path.join(name, COMMIT_FILE)):
            # an interrupted commit: finish it under an exclusive lock, then read
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
            fd = -1
            with locked(name, command=f"{command} (completing a commit)", notice=notice):
                pass
            again = _open_lock(name, shared=True)
            if again is None:  # pragma: no cover - it was there a moment ago
                raise GlossaryError(f"cannot lock {name}: the lock file went away")
            fd = again
            _acquire(fd, name, shared=True, timeout=wait, notice=notice)
        if not shared:
            os.ftruncate(fd, 0)
            os.pwrite(fd, _holder(command).encode("utf-8"), 0)
            _fault("locked")
            recover(name, notice=notice)
        else:
            _remove_temps(name)  # a dead writer's; nobody writes while we read
        _HELD[key] = _Held(fd, shared, 1)
        try:
            yield
        finally:
            del _HELD[key]
            if not shared:
                with suppress(OSError):
                    os.ftruncate(fd, 0)
    finally:
        if fd >= 0:
            with suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)


def holds_lock(folder: str | os.PathLike[str], *, exclusive: bool = True) -> bool:
    """Whether this process holds the lock of ``folder`` (exclusively, unless told otherwise)."""
    held = _HELD.get(os.path.realpath(os.fspath(folder)))
    return held is not None and (not exclusive or not held.shared)


# ------------------------------------------------------------------------------ writing files


def temp_name(target: str) -> str:
    """A new temporary name beside ``target`` (``.NAME.PID-HEX.tmp``), which
    ``remove_stale_temps`` deletes once its process is gone."""
    folder, base = os.path.split(target)
    return os.path.join(folder, f".{base}.{os.getpid()}-{os.urandom(6).hex()}.tmp")


def remove_stale_temps(folder: str | os.PathLike[str]) -> int:
    """Delete the temporary files (``temp_name``) in ``folder`` whose processes are gone."""
    return _remove_temps(os.fspath(folder), depth=1)


def _write_temp(target: str, text: str | Iterable[str]) -> str:
    """Write ``text`` (UTF-8, LF; a string or pieces of one, written as they come) to a new
    temporary file beside ``target``, fsynced, with the target's permissions; its name is
    returned. On failure nothing is left behind."""
    os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
    tmp = temp_name(target)
    try:
        mode = os.stat(target).st_mode & 0o777
    except OSError:
        mode = 0o644
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    try:
        for piece in (text,) if isinstance(text, str) else text:
            view = memoryview(piece.encode("utf-8"))
            while view:
                view = view[os.write(fd, view) :]
        os.fsync(fd)
        os.fchmod(fd, mode)
    except BaseException:
        os.close(fd)
        _unlink(tmp)
        raise
    os.close(fd)
    return tmp


def _unlink(path: str) -> None:
    with suppress(OSError):
        os.unlink(path)


def _fsync_dir(folder: str) -> None:
    try:
        fd = os.open(folder or ".", os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_error(exc: OSError, default: str) -> GlossaryError:
    return GlossaryError(f"cannot write {exc.filename or default}: {exc.strerror or exc}")


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) atomically; the folder is created if needed."""
    write_all_atomic({path: text})


def write_atomic_chunks(path: str | os.PathLike[str], chunks: Iterable[str]) -> None:
    """Replace ``path`` atomically with the concatenation of ``chunks`` (UTF-8), written as they
    come, so that a file larger than memory is never held whole (the translation memory).

    Raises:
        GlossaryError: the file cannot be written, naming it.
    """
    target = os.fspath(path)
    try:
        tmp = _write_temp(target, chunks)
    except OSError as exc:
        raise _write_error(exc, target) from None
    try:
        os.replace(tmp, target)
    except OSError as exc:
        _unlink(tmp)
        raise _write_error(exc, target) from None
    _fsync_dir(os.path.dirname(target))


def _locked_root(paths: list[str]) -> str | None:
    """The folder this process holds exclusively that contains every path, if any."""
    folders = [os.path.realpath(os.path.dirname(p) or ".") + os.sep for p in paths]
    for key, held in _HELD.items():
        prefix = key.rstrip(os.sep) + os.sep
        if not held.shared and all(f.startswith(prefix) for f in folders):
            return key
    return None


def write_all_atomic(files: Mapping[_P, str]) -> None:
    """Write several files so that a reader sees either all the old ones or all the new ones.

    Inside ``locked(folder)`` (files under that folder) this is a journaled commit (module
    docstring): after a crash at any point the next holder of the lock completes it. Elsewhere
    the temporary files are all written before the first rename, so a failure before the renames
    leaves every target as it was.

    Raises:
        GlossaryError: a file cannot be written (disk full, permission denied …), naming it.
    """
    targets = [p if isinstance(p, str) else os.fspath(p) for p in files]
    texts = list(files.values())
    if not targets:
        return
    staged: list[tuple[str, str]] = []
    try:
        for n, (target, text) in enumerate(zip(targets, texts, strict=True), 1):
            staged.append((_write_temp(target, text), target))
            _fault("after-temp", n)
    except OSError as exc:
        for tmp, _ in staged:
            _unlink(tmp)
        failed = targets[len(staged)] if len(staged) < len(targets) else "output"
        raise _write_error(exc, failed) from None
    root = _locked_root(targets) if len(targets) > 1 else None
    journal = os.path.join(root, COMMIT_FILE) if root else None
    if journal is not None and root is not None:
        try:
            _write_journal(journal, root, staged)
        except OSError as exc:
            for tmp, _ in staged:
                _unlink(tmp)
            raise _write_error(exc, journal) from None
        _fault("after-journal")
    try:
        for n, (tmp, target) in enumerate(staged, 1):
            os.replace(tmp, target)
            _fault("after-rename", n)
    except OSError as exc:
        if journal is None:
            for tmp, _ in staged:
                _unlink(tmp)
            raise _write_error(exc, "output") from None
        raise GlossaryError(
            f"cannot write {exc.filename or journal}: {exc.strerror or exc}; the commit is"
            f" recorded in {journal} and the next glossary command completes it"
        ) from None
    for folder in dict.fromkeys(os.path.dirname(t) for _, t in staged):
        _fsync_dir(folder)
    if journal is not None:
        _fault("before-journal-unlink")
        _unlink(journal)
        _fsync_dir(os.path.dirname(journal))


def _write_journal(journal: str, root: str, staged: list[tuple[str, str]]) -> None:
    lines = [_JOURNAL_HEAD]
    for tmp, target in staged:
        lines.append(f"{os.path.relpath(tmp, root)}\t{os.path.relpath(target, root)}")
    lines.append(_JOURNAL_END)
    tmp = _write_temp(journal, "\n".join(lines) + "\n")
    try:
        os.replace(tmp, journal)
    except OSError:
        _unlink(tmp)
        raise
    _fsync_dir(root)


def recover(folder: str | os.PathLike[str], *, notice: Notice | None = None) -> int:
    """Finish an interrupted commit in ``folder`` and delete leftover temporary files; the number
    of files replaced. Call with the folder's exclusive lock held (``locked`` does).

    Raises:
        GlossaryError: the journal lists a file that can neither be completed nor found.
    """
    root = os.fspath(folder)
    journal = os.path.join(root, COMMIT_FILE)
    done = 0
    try:
        with open(journal, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except FileNotFoundError:
        lines = []
    except OSError as exc:
        raise GlossaryError(f"{journal}: cannot read ({exc.strerror})") from None
    if lines:
        pairs = [line.split("\t") for line in lines[1:-1]]
        complete = (
            lines[0] == _JOURNAL_HEAD
            and lines[-1] == _JOURNAL_END
            and all(len(p) == 2 for p in pairs)
        )
        if complete:
            for tmp_rel, target_rel in pairs:
                tmp, target = os.path.join(root, tmp_rel), os.path.join(root, target_rel)
                if os.path.exists(tmp):
                    try:
                        os.replace(tmp, target)
                    except OSError as exc:
                        raise GlossaryError(
                            f"{journal}: cannot complete the interrupted commit ({target}:"
                            f" {exc.strerror})"
                        ) from None
                    done += 1
                elif not os.path.exists(target):
                    raise GlossaryError(
                        f"{journal}: interrupted commit lists {target_rel}, which is missing"
                    )
            for target_rel in dict.fromkeys(os.path.dirname(t) for _, t in pairs):
                _fsync_dir(os.path.join(root, target_rel))
            if notice is not None and done:
                notice(f"{root}: completed an interrupted commit ({done} file(s))")
    if lines or os.path.lexists(journal):
        _unlink(journal)
        _fsync_dir(root)
    removed = _remove_temps(root)
    if notice is not None and removed:
        notice(f"{root}: removed {removed} temporary file(s) of an interrupted run")
    return done


def _remove_temps(root: str, depth: int = 3) -> int:
    """Delete the temporary files (``.NAME.PID-HEX.tmp``) of processes no longer running under
    ``root``, ``depth`` levels deep; how many."""
    removed = 0
    try:
        listing = list(os.scandir(root))
    except OSError:
        return 0
    for item in listing:
        if item.is_dir(follow_symlinks=False):
            if depth > 1:
                removed += _remove_temps(item.path, depth - 1)
            continue
        m = _TEMP.match(item.name)
        if m and not _alive(int(m.group(1))):
            with suppress(OSError):
                os.unlink(item.path)
                removed += 1
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # under the lock, none of our own temporary files is in use
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process
    return True
