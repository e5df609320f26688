"""Hanoi environmental-industry investment catalogue: the domain package (no Streamlit here)."""

from catalogue.core import Catalogue
from catalogue.errors import (
    CatalogueError,
    DatabaseLockedError,
    InvalidFilterError,
    RestoreRefusedError,
    SchemaTooNewError,
    SynonymError,
)
from catalogue.projects.importing import ImportIssue, ImportReport
from catalogue.search.index import SearchHit, SearchResult
from catalogue.storage.database import resolve_db_path

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
