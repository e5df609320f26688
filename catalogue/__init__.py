"""Hanoi environmental-industry investment catalogue: the domain package (no Streamlit here)."""

from .core import Catalogue, resolve_db_path
from .errors import (
    CatalogueError,
    DatabaseLockedError,
    InvalidFilterError,
    RestoreRefusedError,
    SchemaTooNewError,
)
from .importing import ImportIssue, ImportReport
from .search import SearchHit

__all__ = [
    "Catalogue",
    "CatalogueError",
    "DatabaseLockedError",
    "ImportIssue",
    "ImportReport",
    "InvalidFilterError",
    "RestoreRefusedError",
    "SchemaTooNewError",
    "SearchHit",
    "resolve_db_path",
]
