"""The database: one DuckDB file (or ``":memory:"``), its root connection, cursors, writes and change events.

Concurrency follows Datasette's rule: one root connection per process, a fresh cursor for every
call (so Streamlit sessions on different threads never share one), and every write through one
lock, in one transaction, retried on a DuckDB transaction conflict. Opening migrates the schema
(:mod:`~catalogue.storage.migrations`) and brings the reference data up to the shipped CSVs
(:mod:`~catalogue.storage.reference_sync`).
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import hashlib
import os
import re
import shutil
import struct
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import duckdb

from catalogue.clock import see_stamp
from catalogue.errors import CatalogueError, DatabaseLockedError
from catalogue.storage.backup import sql_path, sweep_leftovers
from catalogue.storage.migrations import LATEST_VERSION, current_version, migrate
from catalogue.storage.reference_sync import sync_reference_data
from catalogue.text import Text

DEFAULT_DB = Path("var") / "catalogue.duckdb"  # under the working directory; never inside the package
WRITE_RETRIES = 5
# Writes that change nothing the public sees, reads or downloads: they leave the data version alone.
ACCOUNT_EVENTS = frozenset({"sessions", "users"})

T = TypeVar("T")


def query_threads() -> int:
    """DuckDB's worker threads: every core but one (at least one), or ``$CATALOGUE_DUCKDB_THREADS``.

    Visitors' searches and pages run in Python on the app's threads. A large import or index
    rebuild runs DuckDB queries that, given every core, leave those threads none: on two cores a
    search's p95 during a 100,000-row re-import was 3.8× its idle p95 with two DuckDB threads,
    2.3× with one (``benchmarks/read_while_write.py``). Small queries gain nothing from more threads
    when many sessions run at once.
    """
    configured = os.environ.get("CATALOGUE_DUCKDB_THREADS", "")
    if configured.isascii() and configured.isdigit() and int(configured) > 0:
        return int(configured)
    return max(1, _cores() - 1)


def _cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


@contextlib.contextmanager
def every_core(db: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """DuckDB's worker threads on every core while the block runs, then ``query_threads()`` again.

    For work nothing waits beside, such as the first search index of a process, built before any
    search can run: the reason for keeping a core free (see ``query_threads``) does not hold then.
    The setting is the database's, not the cursor's.
    """
    cores = _cores()
    if "CATALOGUE_DUCKDB_THREADS" in os.environ or cores <= query_threads():
        yield  # a number of threads chosen by the operator stays as chosen
        return
    db.execute(f"set threads = {int(cores)}")
    try:
        yield
    finally:
        db.execute(f"set threads = {int(query_threads())}")


DEFAULT_MEMORY = "128MB"
_MEMORY_RE = re.compile(r"\d+(?:\.\d+)?\s*(?:[KMGT]i?B)", re.IGNORECASE)


def query_memory() -> str | None:
    """DuckDB's memory budget: ``$CATALOGUE_DUCKDB_MEMORY`` ("512MB", "2GB"; "none": DuckDB's own
    default, 80% of the machine), else 128 MB.

    Without a budget DuckDB keeps what it read and wrote cached: importing 100,000 rows (four files)
    took the process to 674 MB, and one full index build to 1.5 GB. With 128 MB the import peaked at
    391 MB, 371 MB since the file's row groups are small (:data:`ROW_GROUP_SIZE`); 96 MB gave 352 MB
    and an index build of 100,000 projects as fast, but 64 MB is too little for that build (DuckDB
    runs out of memory splitting the words), so the default keeps the margin
    (``benchmarks/import_bench.py``).
    """
    configured = os.environ.get("CATALOGUE_DUCKDB_MEMORY", "").strip()
    if configured.lower() == "none":
        return None
    if not configured:
        return DEFAULT_MEMORY
    if not _MEMORY_RE.fullmatch(configured):
        raise ValueError(f"CATALOGUE_DUCKDB_MEMORY must be a size such as 512MB or 2GB, or none; not {configured!r}")
    return configured


SPILL_PREFIX = "catalogue-spill-"
# A file the process writes is attached under this name with row groups of this many rows, not
# DuckDB's 122,880: a transaction's appends then go to the file a row group at a time before it
# commits (DuckDB's optimistic writes), not held in memory until then. A 25,000-row import held
# 65 MB of new rows and history in memory up to its commit (benchmarks/import_bench.py).
ATTACHED = "catalogue"
_ATTACHING = threading.Lock()
ROW_GROUP_SIZE = 8192


def _spill_directory() -> str:
    """A directory of this process's own for what a read-only database's queries spill: a replica's
    snapshot folder is shared with the others and written by the primary. Its name carries the
    process id; those of processes no longer running (killed, so their exit hook never ran) are
    removed first."""
    global _spill
    if _spill is None:
        _sweep_spills(Path(tempfile.gettempdir()))
        _spill = tempfile.mkdtemp(prefix=f"{SPILL_PREFIX}{os.getpid()}-")
        atexit.register(shutil.rmtree, _spill, True)
    return _spill


def _sweep_spills(folder: Path) -> None:
    """Remove this user's spill directories left by processes that are gone."""
    for found in folder.glob(f"{SPILL_PREFIX}*"):
        pid, dash, _rest = found.name.removeprefix(SPILL_PREFIX).partition("-")
        try:
            if not (dash and pid.isdigit()) or found.stat().st_uid != os.getuid():
                continue  # an older name without a pid, or another user's
            os.kill(int(pid), 0)  # raises when no such process runs
        except ProcessLookupError:
            shutil.rmtree(found, ignore_errors=True)
        except OSError:  # gone meanwhile, or a process of another user (still running)
            continue


_spill: str | None = None


def _connect(target: str, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    """The root connection. A file written here is attached with :data:`ROW_GROUP_SIZE` (each cursor
    then uses it: :meth:`Database.cursor`), a read-only one or ``:memory:`` opened as it is."""
    config: dict[str, str | int] = {"threads": query_threads()}
    memory = query_memory()
    if memory is not None:
        config["memory_limit"] = memory
    if read_only and target != ":memory:":
        config["temp_directory"] = _spill_directory()
    attached = not read_only and target != ":memory:"
    if attached:
        config["temp_directory"] = target + ".tmp"  # where DuckDB spills for a file it opens itself
    try:
        if not attached:
            return duckdb.connect(target, read_only=read_only, config=config)
        # one instance per file in this process, as duckdb.connect(path) gives (a second open of the file
        # shares the first's): a named in-memory database, the file attached to it once
        name = hashlib.sha256(os.path.abspath(target).encode()).hexdigest()[:24]
        with _ATTACHING:
            connection = duckdb.connect(f":memory:catalogue-{name}", config=config)
            try:
                there = connection.execute(
                    "select count(*) from duckdb_databases() where database_name = ?", [ATTACHED]
                ).fetchall()[0][0]
                if not there:
                    sql = f"attach '{sql_path(target)}' as {ATTACHED} (row_group_size {ROW_GROUP_SIZE})"
                    connection.execute(sql)
            except BaseException:
                connection.close()
                raise
        return connection
    except duckdb.IOException as exc:  # DuckDB says "IO Error" for a lock and for any other I/O failure
        if target != ":memory:" and held_by_another_process(target):
            raise DatabaseLockedError(target, str(exc)) from exc
        raise


def owner_only(target: str) -> None:
    """The database file and its write-ahead log readable by the service's user only: they hold
    password hashes, sessions and investors' contact data. (The entry points also set umask 077, so
    a log DuckDB creates later is born so.)"""
    for path in (Path(target), Path(target + ".wal")):
        with contextlib.suppress(FileNotFoundError):
            path.chmod(0o600)


def resolve_db_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """``--db`` if given, else ``$CATALOGUE_DB``, else ``var/catalogue.duckdb`` under the working directory."""
    chosen = cli_value or os.environ.get("CATALOGUE_DB") or DEFAULT_DB
    return Path(chosen).expanduser()


class ReadOnlyError(CatalogueError):
    """A write asked of a catalogue opened read-only (a replica): refused before anything runs."""


def held_by_another_process(path: str | os.PathLike[str]) -> bool:
    """Whether another process holds a lock on ``path`` — DuckDB's lock on its file, asked of the
    operating system (``F_GETLK``, which takes no lock and ignores this process's own locks), not
    read from an error message. False where the question cannot be asked (not Linux, no file)."""
    return lock_holder(path) != 0


def lock_holder(path: str | os.PathLike[str]) -> int:
    """The process id holding a lock on ``path`` (``F_GETLK``); 0 when none does or the question
    cannot be asked; -1 when locked by a process the system does not name."""
    if not sys.platform.startswith("linux"):
        return 0
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return 0
    try:
        import fcntl

        query = struct.pack("@hhqqi4x", fcntl.F_WRLCK, os.SEEK_SET, 0, 0, 0)  # struct flock, whole file
        kind, _whence, _start, _length, pid = struct.unpack("@hhqqi4x", fcntl.fcntl(fd, fcntl.F_GETLK, query))
        return 0 if kind == fcntl.F_UNLCK else (pid or -1)
    except OSError as exc:
        return -1 if exc.errno in (errno.EACCES, errno.EAGAIN) else 0
    finally:
        os.close(fd)


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

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: str, *, read_only: bool = False) -> None:
        self._root = connection
        self.path = path
        self.read_only = read_only
        self._attached = not read_only and path != ":memory:"  # see ATTACHED
        self.write_lock = threading.RLock()  # every write of this process, one at a time
        # A restore swaps the file under a running process (see replace): cursors are counted so
        # that it lets those in use finish, and new ones wait the moment the swap takes.
        self._gate = threading.Condition()
        self._active = 0
        self._swapper: int | None = None
        self._local = threading.local()
        self._listeners: list[Callable[[str], None]] = []
        self._data_version = 0

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> Database:
        """Open (creating if needed), migrate and synchronise the database at ``path``.

        ``path`` defaults as in :func:`resolve_db_path`. Raises :class:`DatabaseLockedError`
        when another process holds the file and :class:`SchemaTooNewError` when it was
        written by a newer program. With ``read_only`` (a replica; several processes may read
        one file so) nothing is created, migrated or synchronised, and every write is refused.
        """
        target = ":memory:" if str(path) == ":memory:" else str(resolve_db_path(path))
        if read_only:
            return cls._open_read_only(target)
        if target != ":memory:":
            Path(target).parent.mkdir(parents=True, exist_ok=True)
        connection = _connect(target, read_only=False)
        if target != ":memory:":
            owner_only(target)
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

    @classmethod
    def _open_read_only(cls, target: str) -> Database:
        connection = _connect(target, read_only=True)
        with connection.cursor() as cur:
            found = current_version(cur, create=False)
        if found != LATEST_VERSION:
            connection.close()
            raise CatalogueError(Text.of("db.read_only_outdated", path=target, found=found, known=LATEST_VERSION))
        return cls(connection, target, read_only=True)

    def close(self) -> None:
        self._root.close()

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own for this call (cursors are not shared between threads)."""
        depth = getattr(self._local, "depth", 0)
        counted = depth == 0 and self._swapper != threading.get_ident()
        if counted:
            with self._gate:
                while self._swapper is not None:
                    self._gate.wait()
                self._active += 1
        self._local.depth = depth + 1
        try:
            cur = self._root.cursor()
            try:
                if self._attached:
                    cur.execute(f"use {ATTACHED}")
                yield cur
            finally:
                cur.close()
        finally:
            self._local.depth = depth
            if counted:
                with self._gate:
                    self._active -= 1
                    self._gate.notify_all()

    def replace(self, rebuild: Callable[[str], T], drain_seconds: float = 30.0) -> T:
        """Close the file, let ``rebuild(path)`` replace it (a restore), open and migrate it again,
        while the process goes on serving: reads in progress finish first (up to ``drain_seconds``),
        new ones wait the moment the swap takes. Listeners hear ``restore``."""
        if self.path == ":memory:" or self.read_only:
            raise CatalogueError(Text.of("db.read_only", path=self.path))
        with self.write_lock:
            with self._gate:
                self._swapper = threading.get_ident()
                deadline = time.monotonic() + drain_seconds
                while self._active and time.monotonic() < deadline:
                    self._gate.wait(0.05)
            try:
                self._root.close()
                try:
                    result = rebuild(self.path)
                finally:
                    self._root = _connect(self.path, read_only=False)
                    with self.cursor() as cur:
                        migrate(cur, self.path)
                        _in_transaction(cur, sync_reference_data)
            finally:
                with self._gate:
                    self._swapper = None
                    self._gate.notify_all()
        self._changed("restore")
        return result

    def write(self, work: Callable[[duckdb.DuckDBPyConnection], T], event: str = "write") -> T:
        """Run ``work(cursor)`` in one transaction under the process's write lock.

        Retries the whole transaction on a DuckDB conflict; any other error rolls back and is
        raised, so nothing is half-written. Listeners hear ``event`` after the commit. A read-only
        database refuses with :class:`ReadOnlyError` before anything runs.
        """
        if self.read_only:
            raise ReadOnlyError(Text.of("db.read_only", path=self.path))
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
