"""The exception family: every error a user can cause is a MapperError with file and line."""

from __future__ import annotations

__all__ = ["MapperError", "GazetteerError", "ActorsError", "ArticleError", "InputError"]


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
        return f"{where}{self.message}"


class GazetteerError(MapperError):
    """gazetteer.yaml is unreadable or an entry in it is invalid."""


class ActorsError(MapperError):
    """actors.yaml is unreadable or an entry in it is invalid."""


class ArticleError(MapperError):
    """One article cannot be read; the build skips it and goes on."""


class InputError(MapperError):
    """A path or option given on the command line cannot be used."""
