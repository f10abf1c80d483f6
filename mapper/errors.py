"""The exception family: every error a user can cause is a MapperError with file and line."""

from __future__ import annotations

import re

__all__ = [
    "MapperError",
    "GazetteerError",
    "ActorsError",
    "ArticleError",
    "InputError",
    "printable",
]

# C0 and C1 controls, DEL, line and paragraph separators, bidi overrides and lone
# surrogates: a file name holding them could forge or hide lines in a terminal.
_UNPRINTABLE_RE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def printable(s: str) -> str:
    """``s`` with control characters and lone surrogates escaped, safe on one terminal line."""
    return _UNPRINTABLE_RE.sub(lambda m: ascii(m.group())[1:-1], s)


class MapperError(Exception):
    """An error caused by the user's input, reported as one line and exit status 2."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        self.message = message
        self.path = path
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        return printable(f"{where}{self.message}")


class GazetteerError(MapperError):
    """gazetteer.yaml is unreadable or an entry in it is invalid."""


class ActorsError(MapperError):
    """actors.yaml is unreadable or an entry in it is invalid."""


class ArticleError(MapperError):
    """One article cannot be read; the build skips it and goes on."""


class InputError(MapperError):
    """A path or option given on the command line cannot be used."""
