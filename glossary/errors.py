"""Errors raised by the library. The CLI turns each into one line on stderr and exit status 2."""


class GlossaryError(Exception):
    """Base class: something the user can fix (a bad file, a bad argument)."""


class InputError(GlossaryError):
    """An input file is missing, unreadable, binary, empty or cannot be decoded."""


class FormatError(GlossaryError):
    """A PO, CSV, TSV, TBX or JSON file is malformed; the message names the line."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")
