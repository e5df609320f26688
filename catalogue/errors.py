"""Errors a user can cause or meet, each with a sentence in Vietnamese and in English."""

from __future__ import annotations


class CatalogueError(Exception):
    """Base class: ``message_vi`` and ``message_en`` say what happened and what to do."""

    def __init__(self, message_vi: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_vi = message_vi
        self.message_en = message_en

    def message(self, lang: str = "vi") -> str:
        return self.message_vi if lang == "vi" else self.message_en


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
