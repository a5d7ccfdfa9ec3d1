"""Where the glossary lives: ``--locales DIR``, else ``./locales`` inside the project, else the
glossary packaged with the installed program.

Plain ``os.path`` strings, not pathlib: this module is on the lookup path, and pathlib alone
costs a new process several milliseconds of imports.
"""

from __future__ import annotations

import os

from .errors import GlossaryError, InputError

# The catalogues of a glossary folder, relative to it (``store`` reads and writes them; ``index``
# only stats them, so they live here, away from the heavier modules).
DOMAIN = "glossary"
POT = f"{DOMAIN}.pot"
EN = f"en/LC_MESSAGES/{DOMAIN}.po"
ZH_TW = f"zh_TW/LC_MESSAGES/{DOMAIN}.po"
ZH_HK = f"zh_HK/LC_MESSAGES/{DOMAIN}.po"
CATALOGS = (POT, EN, ZH_TW, ZH_HK)
#: the curator's decisions, beside the catalogues (``curate``)
CURATION_FILE = "curation.tsv"


def require_glossary(locales: str | os.PathLike[str]) -> str:
    """``locales`` as a string, when it holds a glossary (its English catalogue).

    Raises:
        InputError: it does not.
    """
    locales = os.fspath(locales)
    if not os.path.isfile(os.path.join(locales, EN)):
        raise InputError(f"{locales}: no glossary here (expected {EN})")
    return locales


def find_project(start: str | os.PathLike[str] | None = None) -> str | None:
    """The project folder: the current folder when it has ``seeds/`` and ``locales/`` (or a
    ``pyproject.toml`` naming this package beside ``seeds/``)."""
    here = os.path.realpath(start or os.getcwd())
    if os.path.isdir(os.path.join(here, "seeds")) and (
        os.path.isdir(os.path.join(here, "locales"))
        or _is_our_pyproject(os.path.join(here, "pyproject.toml"))
    ):
        return here
    return None


def _is_our_pyproject(path: str) -> bool:
    try:
        with open(path, encoding="utf-8") as f:
            return 'name = "glossary"' in f.read()
    except OSError:
        return False


def packaged_locales() -> str:
    """The glossary shipped inside the installed package (``glossary/_locales``)."""
    here = os.path.dirname(os.path.realpath(__file__))
    shipped = os.path.join(here, "_locales")
    if os.path.isdir(shipped):
        return shipped
    source = os.path.join(os.path.dirname(here), "locales")  # running from a source checkout
    if os.path.isdir(source):
        return source
    raise GlossaryError("no packaged glossary found; give --locales DIR")


def resolve_locales(explicit: str | os.PathLike[str] | None, *, write: bool = False) -> str:
    """The glossary folder: the explicit one (``--locales``), else the project's, else (to read
    only: ``write`` false) the packaged one, which no command writes.

    Raises:
        GlossaryError: ``write`` outside a project without an explicit folder, or no packaged
            glossary.
    """
    if explicit is not None:
        return os.fspath(explicit)
    project = find_project()
    if project is not None:
        return os.path.join(project, "locales")
    if write:
        raise GlossaryError(
            "not inside a glossary project (no seeds/ and locales/ here); give --locales DIR"
        )
    return packaged_locales()


def resolve_seeds(explicit: str | os.PathLike[str] | None, *, locales: str) -> str:
    """The seed documents: the explicit ones (``--seeds``), else ``seeds/`` of the project, else
    ``seeds/`` beside ``locales``.

    Raises:
        InputError: no seeds folder there.
    """
    if explicit is not None:
        return os.fspath(explicit)
    base = find_project() or os.path.dirname(os.path.realpath(locales))
    seeds = os.path.join(base, "seeds")
    if not os.path.isdir(seeds):
        from .errors import InputError

        raise InputError(f"{seeds}: no seeds folder; give --seeds")
    return seeds
