"""Errors raised by the library. The CLI turns each into one line on stderr and exit status 2."""


class GlossaryError(Exception):
    """Base class: something the user can fix (a bad file, a bad argument)."""


class InputError(GlossaryError):
    """An input file is missing, unreadable, binary, empty or cannot be decoded."""


class FormatError(GlossaryError):
    """A PO, CSV, TSV, TBX or JSON file is malformed; the message names the line (and, for a
    clash between two places, the other line: ``FILE:LINE and LINE: ...``)."""

    def __init__(self, path: str, line: int | None, message: str, *, also: int | None = None):
        self.path = path
        self.line = line
        where = f"{path}:{line}" if line else path
        if line and also:
            where += f" and {also}"
        super().__init__(f"{where}: {message}")


class FieldError(GlossaryError):
    """A value that no field of the glossary may hold (a control character, a wrong type, a bad
    date); the importers add the file and row (``FILE:ROW: field X: ...``)."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"field {field}: {problem}")


class ExportError(GlossaryError):
    """The glossary holds a value that the target format cannot carry (defence in depth: the
    importers refuse such values on the way in)."""
