"""Errors a user can cause or meet, each carrying a :class:`~catalogue.text.Text` that says what happened
and what to do."""

from __future__ import annotations

from catalogue.text import Text


class CatalogueError(Exception):
    """Base class: ``text`` says what happened and what to do, in every language.

    Raised as ``CatalogueError(Text(...))`` or, for short, ``CatalogueError(vietnamese, english)``.
    """

    def __init__(self, text: Text | str, en: str | None = None) -> None:
        self.text = text if isinstance(text, Text) else Text(vi=text, en=en if en is not None else text)
        super().__init__(self.text("en"))


class SchemaTooNewError(CatalogueError):
    def __init__(self, path: str, found: int, known: int) -> None:
        super().__init__(
            f"Cơ sở dữ liệu {path} có phiên bản lược đồ {found}, mới hơn phiên bản {known} mà chương trình này "
            "biết. Hãy cập nhật chương trình catalogue, hoặc mở một tệp khác; tệp không bị thay đổi.",
            f"The database {path} has schema version {found}, newer than version {known} known to this program. "
            "Upgrade the catalogue program or open another file; the file was not changed.",
        )
        self.found = found
        self.known = known


class DatabaseLockedError(CatalogueError):
    def __init__(self, path: str, detail: str = "") -> None:
        super().__init__(
            f"Cơ sở dữ liệu {path} đang được một tiến trình khác (có thể là ứng dụng) sử dụng. "
            "Hãy dừng tiến trình đó rồi thử lại.",
            f"The database {path} is in use by another process (perhaps the app). Stop it and try again.",
        )
        self.detail = detail


class InvalidFilterError(CatalogueError, ValueError):
    """A filter value that names nothing the catalogue knows (an unknown category, say)."""


class RestoreRefusedError(CatalogueError):
    pass


class BackupError(CatalogueError):
    pass


class SynonymError(CatalogueError, ValueError):
    """A search abbreviation that cannot be stored as given."""
