"""Where the glossary lives: ``--locales DIR``, else ``./locales`` inside the project, else the
glossary packaged with the installed program."""

from __future__ import annotations

from pathlib import Path

from .errors import GlossaryError

# The catalogues of a glossary folder (``store`` reads and writes them; ``index`` only stats them,
# so they live here, away from the heavier modules).
DOMAIN = "glossary"
POT = Path(f"{DOMAIN}.pot")
EN = Path("en/LC_MESSAGES") / f"{DOMAIN}.po"
ZH_TW = Path("zh_TW/LC_MESSAGES") / f"{DOMAIN}.po"
ZH_HK = Path("zh_HK/LC_MESSAGES") / f"{DOMAIN}.po"
CATALOGS = (POT, EN, ZH_TW, ZH_HK)


def find_project(start: Path | None = None) -> Path | None:
    """The project folder: the current folder when it has ``seeds/`` and ``locales/`` (or a
    ``pyproject.toml`` naming this package beside ``seeds/``)."""
    here = (start or Path.cwd()).resolve()
    if (here / "seeds").is_dir() and ((here / "locales").is_dir() or _is_our_pyproject(here / "pyproject.toml")):
        return here
    return None


def _is_our_pyproject(path: Path) -> bool:
    try:
        return 'name = "glossary"' in path.read_text(encoding="utf-8")
    except OSError:
        return False


def packaged_locales() -> Path:
    """The glossary shipped inside the installed package (``glossary/_locales``)."""
    here = Path(__file__).resolve().parent
    shipped = here / "_locales"
    if shipped.is_dir():
        return shipped
    source = here.parent / "locales"  # running from a source checkout
    if source.is_dir():
        return source
    raise GlossaryError("no packaged glossary found; give --locales DIR")


def resolve_locales(explicit: Path | None) -> Path:
    """The locales folder to read: the explicit one, the project's, or the packaged one."""
    if explicit is not None:
        return explicit
    project = find_project()
    if project is not None:
        return project / "locales"
    return packaged_locales()
