"""Hanoi environmental-industry investment catalogue: the domain package (no Streamlit here)."""

from catalogue.core import Catalogue, resolve_db_path
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
