"""Hanoi environmental-industry investment catalogue: the domain package (no Streamlit here)."""

from .core import Catalogue, resolve_db_path
from .errors import (
    CatalogueError,
    DatabaseLockedError,
    InvalidFilterError,
    RestoreRefusedError,
    SchemaTooNewError,
    SynonymError,
)
from .importing import ImportIssue, ImportReport
from .search import SearchHit, SearchResult

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
    "SearchResult",
    "SynonymError",
    "resolve_db_path",
]
