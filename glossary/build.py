"""``glossary build``: seeds + curation + the existing catalogues -> regenerated ``locales/``.

Human-owned data (renderings, notes, sources, overrides, review state) is read back from the
English catalogue and written again; generated data (pinyin, traditional forms, occurrences) is
recomputed. A term that leaves the seeds becomes obsolete, never deleted. Deterministic: a second
build changes no byte. Atomic: every file is staged before any is replaced.

A build that changed nothing leaves a stamp in the cache directory (``buildstamp``): a digest of
every input (seeds, curation, catalogues, the program and its data files, pypinyin and OpenCC).
When the next build finds the same digest, its result is known (the files it would write are the
ones there, byte for byte) and it returns the report of the build that wrote them, without
recomputing anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .fsutil import locked

if TYPE_CHECKING:
    from .models import Entry
    from .terms import Terms


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did."""

    entries: int  #: active entries written
    obsolete: int  #: obsolete entries kept
    reviewed: int  #: active entries not fuzzy
    pending: int  #: candidates in the seeds that no curation decision covers yet
    changed: tuple[Path, ...]  #: files whose bytes changed


def seed_files(seeds: Path) -> list[Path]:
    """The seed documents: ``*.txt`` under ``seeds``, sorted by name."""
    if seeds.is_file():
        return [seeds]
    return sorted(p for p in seeds.rglob("*.txt") if p.is_file())


def known_terms(entries: list[Entry]) -> Terms:
    """An automaton over every written form of ``entries``."""
    from .terms import Terms

    return Terms.from_entries(entries)


def build(
    *,
    locales: Path,
    seeds: Path,
    root: Path,
    dry_run: bool = False,
    progress: Callable[[str], None] | None = None,
) -> BuildReport:
    """Regenerate the catalogues in ``locales`` from ``seeds`` and ``locales/curation.tsv``.

    The whole read-modify-write holds the glossary's exclusive lock (a dry run: a shared one),
    and the catalogues are replaced as one journaled commit (``fsutil``).

    Args:
        locales: the glossary folder (read and written).
        seeds: a folder of ``*.txt`` documents, or one document.
        root: paths in ``#:`` occurrences are relative to it (``seeds/FILE:LINE``).
        dry_run: compute everything, write nothing.
        progress: called with a short message at each stage (and when waiting for the lock).

    Raises:
        GlossaryError: bad seeds, a malformed curation file or catalogue, a failed write.
        LockTimeout: another command held the lock for longer than ``GLOSSARY_LOCK_TIMEOUT``.
    """
    from .buildstamp import digest, read_stamp, write_stamp

    with locked(locales, command="glossary build", shared=dry_run, notice=progress):
        files = seed_files(seeds)
        inputs = digest(locales, seeds, root, files)
        known = read_stamp(locales, inputs)
        if known is not None:
            if progress:
                progress("nothing changed since the last build")
            entries, obsolete, reviewed, pending = known
            return BuildReport(entries, obsolete, reviewed, pending, ())
        report, written = _build(
            locales=locales, seeds=seeds, root=root, dry_run=dry_run, progress=progress
        )
        if not report.changed or not dry_run:
            # what is on disk now is what this build made: its digest, with the catalogues as
            # written (an edit after this moment is a change)
            after = digest(locales, seeds, root, files, catalogues=written)
            write_stamp(
                locales, after, (report.entries, report.obsolete, report.reviewed, report.pending)
            )
        return report


def _build(
    *,
    locales: Path,
    seeds: Path,
    root: Path,
    dry_run: bool,
    progress: Callable[[str], None] | None,
) -> tuple[BuildReport, dict[Path, str]]:
    """The build, and the text of every catalogue as it now is."""
    from .curate import read_curation
    from .extract import find_candidates
    from .fsutil import write_all_atomic
    from .models import Decision, Entry
    from .paths import CURATION_FILE, EN
    from .store import read_entries, to_catalog_texts, with_computed
    from .textio import iter_segments

    say = progress or (lambda _msg: None)
    curation = read_curation(locales / CURATION_FILE)
    existing: dict[str, Entry] = {}
    if (locales / EN).exists():
        existing = {e.zh: e for e in read_entries(locales, include_obsolete=True)}
    rejected = frozenset(z for z, row in curation.items() if row.decision is Decision.REJECT)
    members: dict[str, Entry] = {}
    for zh, row in curation.items():
        if row.decision is not Decision.REJECT:
            base = existing.get(zh) or Entry(zh=zh)
            members[zh] = replace(base, category=row.category or base.category, obsolete=False)
    for zh, e in existing.items():  # entries added in a PO editor or by import: never dropped
        if zh not in members and zh not in rejected and not e.obsolete:
            members[zh] = e
    say(f"computing pinyin and traditional forms of {len(members)} terms")
    members = {zh: with_computed(e) for zh, e in members.items()}
    files = seed_files(seeds)
    if not files:
        from .errors import InputError

        raise InputError(f"{seeds}: no .txt seed documents")
    shown = []
    for f in files:
        try:
            shown.append(f.resolve().relative_to(root.resolve()).as_posix())
        except ValueError:
            shown.append(str(f))
    say(f"scanning {len(files)} seed document(s)")
    candidates = find_candidates(
        iter_segments(files, labels=shown),
        known=known_terms(list(members.values())),
        rejected=rejected,
        every_occurrence=True,  # the catalogue records every occurrence, nested ones included
    )
    found = {c.zh_hans: c for c in candidates}
    pending = sum(1 for c in candidates if not c.known)
    order = [c.zh_hans for c in candidates if c.zh_hans in members]
    active: list[Entry] = []
    obsolete: list[Entry] = []
    for zh in order + sorted(set(members) - set(order)):
        e = members[zh]
        decided = curation.get(zh)
        if zh in found:
            active.append(replace(e, locations=found[zh].locations))
        elif decided is not None and decided.decision is Decision.ACCEPT:
            obsolete.append(replace(e, locations=(), obsolete=True))  # left the seeds
        else:
            active.append(replace(e, locations=()))
    for zh, e in existing.items():
        if zh not in members:
            obsolete.append(replace(e, obsolete=True, locations=()))
    obsolete.sort(key=lambda e: e.zh)
    texts = to_catalog_texts(locales, active, obsolete)
    changed = tuple(
        # bytes compared: a catalogue saved in another encoding is written back as UTF-8
        p
        for p, t in texts.items()
        if not p.exists() or p.read_bytes() != t.encode("utf-8")
    )
    if not dry_run and changed:
        say(f"writing {len(changed)} file(s)")
        write_all_atomic({p: texts[p] for p in changed})
    report = BuildReport(
        entries=len(active),
        obsolete=len(obsolete),
        reviewed=sum(1 for e in active if e.reviewed),
        pending=pending,
        changed=changed,
    )
    return report, texts
