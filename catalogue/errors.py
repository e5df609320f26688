"""Errors a user can cause or meet, each carrying a :class:`~catalogue.text.Text` that says what happened
and what to do."""

from __future__ import annotations

from catalogue.text import Text


class CatalogueError(Exception):
    """Base class: ``text`` says what happened and what to do, in every language.

    Raised as ``CatalogueError(Text.of("key", ...))``: the message is a key of
    catalogue/data/strings.csv (``Text.each`` where a part is written per language), so a third
    language is a column of that file, not a change to the code.
    """

    def __init__(self, text: Text) -> None:
        self.text = text
        super().__init__(self.text("en"))


class SchemaTooNewError(CatalogueError):
    def __init__(self, path: str, found: int, known: int) -> None:
        super().__init__(Text.of("error.schema_too_new", path=path, found=found, known=known))
        self.found = found
        self.known = known


class DatabaseLockedError(CatalogueError):
    def __init__(self, path: str, detail: str = "") -> None:
        super().__init__(Text.of("error.database_locked", path=path))
        self.detail = detail


class InvalidFilterError(CatalogueError, ValueError):
    """A filter value that names nothing the catalogue knows (an unknown category, say)."""


class RestoreRefusedError(CatalogueError):
    pass


class BackupError(CatalogueError):
    pass


class SynonymError(CatalogueError, ValueError):
    """A search abbreviation that cannot be stored as given."""
