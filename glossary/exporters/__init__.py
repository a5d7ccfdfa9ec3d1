"""Export and import formats, one module each, registered under the name the CLI exposes.

Every format turns Entries into text (``export``) and, where it can be read back, text into
``Record`` rows (``parse``): the fields that the format carries, so that an import changes only
what a file can express.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from ..models import Entry

#: Human-owned fields that an import may change, in a stable order.
HUMAN_FIELDS = (
    "en",
    "en_alt",
    "literal",
    "definition",
    "category",
    "status",
    "source",
    "pinyin_orthographic",
    "reviewed",
    "notes",
    "pinyin",
    "zh_tw",
    "zh_hk",
)


@dataclass(frozen=True, slots=True)
class Record:
    """One row of an imported file: the term, the fields it carries, and where it stood."""

    zh: str
    fields: dict = field(default_factory=dict)  #: field name -> value (types as in Entry)
    line: int = 0  #: where the row starts, for messages
    rev: str = ""  #: the revision stamp written by our export, if any


@dataclass(frozen=True, slots=True)
class Format:
    """A registered format."""

    name: str
    extension: str
    export: Callable[..., str]
    parse: Callable[[str, str], list[Record]] | None = None  #: (text, file name) -> records
    binary_bom: bool = False


FORMATS: dict[str, Format] = {}


def register(name: str, extension: str, *, parse=None):
    """Decorator: register an export function (and its parser) under ``name``."""

    def wrap(export):
        FORMATS[name] = Format(name, extension, export, parse)
        return export

    return wrap


def human_values(entry: Entry) -> dict:
    """The human-owned fields of an entry, as an import compares them."""
    return {
        "en": entry.en,
        "en_alt": tuple(entry.en_alt),
        "literal": entry.literal,
        "definition": entry.definition,
        "category": entry.category.value if entry.category else "",
        "status": entry.status.value if entry.status else "",
        "source": entry.source,
        "pinyin_orthographic": entry.pinyin_orthographic,
        "reviewed": entry.reviewed,
        "notes": tuple(entry.notes),
        "pinyin": entry.pinyin,
        "zh_tw": entry.zh_tw,
        "zh_hk": entry.zh_hk,
    }


def revision(entry: Entry) -> str:
    """A short stamp of an entry's human-owned data; an import uses it to tell an edit of the
    exported version from a clash with a later change of the store."""
    blob = json.dumps(human_values(entry), ensure_ascii=False, sort_keys=True)
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()[:12]


def load_all() -> dict[str, Format]:
    """Import the format modules (which register themselves) and return the registry."""
    from . import tabular, tbx, tmx  # noqa: F401

    return FORMATS
