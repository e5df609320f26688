"""The database: one DuckDB file (or ``":memory:"``), its root connection, cursors, writes and change events.

Concurrency follows Datasette's rule: one root connection per process, a fresh cursor for every
call (so Streamlit sessions on different threads never share one), and every write through one
lock, in one transaction, retried on a DuckDB transaction conflict. Opening migrates the schema
(:mod:`~catalogue.storage.migrations`) and brings the reference data up to the shipped CSVs
(:mod:`~catalogue.storage.reference_sync`).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import duckdb

from catalogue.clock import see_stamp
from catalogue.errors import DatabaseLockedError
from catalogue.storage.backup import sweep_leftovers
from catalogue.storage.migrations import migrate
from catalogue.storage.reference_sync import sync_reference_data

DEFAULT_DB = Path("var") / "catalogue.duckdb"  # under the working directory; never inside the package
WRITE_RETRIES = 5
# Writes that change nothing the public sees, reads or downloads: they leave the data version alone.
ACCOUNT_EVENTS = frozenset({"sessions", "users"})

T = TypeVar("T")


def resolve_db_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """``--db`` if given, else ``$CATALOGUE_DB``, else ``var/catalogue.duckdb`` under the working directory."""
    chosen = cli_value or os.environ.get("CATALOGUE_DB") or DEFAULT_DB
    return Path(chosen).expanduser()


def _in_transaction(cur: duckdb.DuckDBPyConnection, work: Callable[[duckdb.DuckDBPyConnection], object]) -> None:
    cur.execute("begin transaction")
    try:
        work(cur)
        cur.execute("commit")
    except BaseException:
        cur.execute("rollback")
        raise


class Database:
    """One DuckDB database, opened and migrated; read through :meth:`cursor`, written through :meth:`write`."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: str) -> None:
        self._root = connection
        self.path = path
        self.write_lock = threading.RLock()  # every write of this process, one at a time
        self._listeners: list[Callable[[str], None]] = []
        self._data_version = 0

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None) -> Database:
        """Open (creating if needed), migrate and synchronise the database at ``path``.

        ``path`` defaults as in :func:`resolve_db_path`. Raises :class:`DatabaseLockedError`
        when another process holds the file and :class:`SchemaTooNewError` when it was
        written by a newer program.
        """
        target = ":memory:" if str(path) == ":memory:" else str(resolve_db_path(path))
        if target != ":memory:":
            Path(target).parent.mkdir(parents=True, exist_ok=True)
        try:
            connection = duckdb.connect(target)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise DatabaseLockedError(target, str(exc)) from exc
            raise
        database = cls(connection, target)
        if target != ":memory:":  # a restore killed earlier left its half-built copy beside the file
            sweep_leftovers(Path(target).parent, Path(target).name + ".restoring-")
        try:
            with database.write_lock, database.cursor() as cur:
                migrate(cur, target)
                _in_transaction(cur, sync_reference_data)
                see_stamp(cur.execute("select max(updated_at) from projects").fetchall()[0][0])
        except BaseException:
            connection.close()
            raise
        return database

    def close(self) -> None:
        self._root.close()

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own for this call (cursors are not shared between threads)."""
        cur = self._root.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def write(self, work: Callable[[duckdb.DuckDBPyConnection], T], event: str = "write") -> T:
        """Run ``work(cursor)`` in one transaction under the process's write lock.

        Retries the whole transaction on a DuckDB conflict; any other error rolls back and is
        raised, so nothing is half-written. Listeners hear ``event`` after the commit.
        """
        for attempt in range(WRITE_RETRIES):
            with self.write_lock, self.cursor() as cur:
                cur.execute("begin transaction")
                try:
                    result = work(cur)
                    cur.execute("commit")
                except duckdb.TransactionException:
                    cur.execute("rollback")
                    if attempt == WRITE_RETRIES - 1:
                        raise
                    time.sleep(0.01 * (attempt + 1))
                    continue
                except BaseException:
                    cur.execute("rollback")
                    raise
            self._changed(event)
            return result
        raise AssertionError("unreachable")

    def on_change(self, listener: Callable[[str], None]) -> None:
        """Call ``listener(event)`` after every committed write (caches use this)."""
        self._listeners.append(listener)

    @property
    def data_version(self) -> int:
        """A number that grows with every committed write of this process (except to accounts and
        sessions): cache keys use it, so a cached figure is never older than the data it was
        computed from."""
        return self._data_version

    def _changed(self, event: str) -> None:
        if event not in ACCOUNT_EVENTS:  # a sign-in changes no figure, page or file the public sees
            self._data_version += 1
        for listener in list(self._listeners):
            listener(event)

    @property
    def schema_version(self) -> int:
        with self.cursor() as cur:
            return cur.execute("select coalesce(max(version), 0) from schema_migrations").fetchall()[0][0]
