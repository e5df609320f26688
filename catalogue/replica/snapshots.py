"""Published snapshots: what the public may see, written by the primary for read-only replicas.

The primary (the one process that owns the writable database) writes, whenever published content
changes and at most every few seconds, a DuckDB file holding only what a visitor may read:
published projects at public stages (without the staff's own fields), their public history
(without who did it or why), their documents, the reference data, the plan and its progress. No
accounts, sign-in sessions, drafts, investors' inquiries or alert addresses: those tables are
there, with the schema, and empty, so the same program opens the file read-only as a replica.

Each snapshot is written aside (``*.tmp``), checkpointed, closed and renamed into place; then its
manifest (``snapshot-NNNNNN.json``: version, time, schema version, row counts, size, SHA-256) is
written the same way. A replica takes the newest manifest whose file matches its checksum
(:func:`newest`). The last :data:`KEEP` snapshots stay, so a replica that opened an older one keeps
reading it while it moves on.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import duckdb

from catalogue.clock import utcnow
from catalogue.storage.database import Database
from catalogue.storage.migrations import LATEST_VERSION

log = logging.getLogger("catalogue.snapshots")
# Writes that change nothing a snapshot holds: they never cause one.
PRIVATE_EVENTS = frozenset({"sessions", "users", "inquiries", "alerts", "column_mappings"})
KEEP = 5  # snapshots kept in the directory: replicas still reading an older one are not cut off
MANIFEST = re.compile(r"^snapshot-(\d{6,})\.json$")

# Tables copied whole: reference data, the plan, its measured progress, the search vocabulary.
REFERENCE_TABLES = (
    "agencies",
    "categories",
    "districts",
    "wards",
    "investment_forms",
    "statuses",
    "project_types",
    "plans",
    "plan_targets",
    "plan_tasks",
    "plan_assignments",
    "target_measurements",
    "task_progress",
    "glossary",
    "synonyms",
)
# Never copied (left empty): people and their messages, and the staff's working tables.
PRIVATE_TABLES = (
    "users",
    "sign_in_sessions",
    "inquiries",
    "alert_subscriptions",
    "column_mappings",
    "accepted_checks",
)
# Columns blanked wherever they occur: who did something on the staff side, and the staff's notes.
STAFF_COLUMNS = frozenset(
    {"added_by", "recorded_by", "saved_by", "uploaded_by", "removed_by", "actor", "comment", "event_id"}
)
PROJECT_PRIVATE_COLUMNS = ("investor", "source_note", "review_comment")


@dataclass(frozen=True)
class Manifest:
    """What a snapshot holds, written beside it."""

    version: int
    created_at: str
    schema_version: int
    file: str
    bytes: int
    sha256: str
    rows: dict[str, int]

    @property
    def age_seconds(self) -> float:
        made = dt.datetime.fromisoformat(self.created_at)
        return max(0.0, (utcnow() - made).total_seconds())


def manifests(directory: str | os.PathLike[str]) -> list[Manifest]:
    """The snapshots in ``directory`` by version, oldest first (unreadable manifests skipped)."""
    found = []
    folder = Path(directory)
    for path in folder.glob("snapshot-*.json") if folder.is_dir() else ():
        if not MANIFEST.match(path.name):
            continue
        try:
            found.append(Manifest(**json.loads(path.read_text(encoding="utf-8"))))
        except (OSError, ValueError, TypeError):
            continue
    return sorted(found, key=lambda m: m.version)


def newest(directory: str | os.PathLike[str], *, after: int = 0, verify: bool = True) -> Manifest | None:
    """The newest snapshot of this program's schema, newer than version ``after``, whose file is
    there whole (its size and, with ``verify``, its SHA-256 as the manifest says)."""
    for manifest in reversed(manifests(directory)):
        if manifest.version <= after:
            return None
        if manifest.schema_version != LATEST_VERSION:
            continue
        path = Path(directory) / manifest.file
        try:
            if path.stat().st_size != manifest.bytes:
                continue
        except OSError:
            continue
        if not verify or file_sha256(path) == manifest.sha256:
            return manifest
    return None


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_snapshot(cat: Any, directory: str | os.PathLike[str], *, keep: int = KEEP) -> Manifest:
    """Write a snapshot of what the public may see in ``cat`` (the primary's catalogue) into
    ``directory``, then drop all but the last ``keep``. Returns its manifest."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    existing = manifests(folder)
    version = (existing[-1].version if existing else 0) + 1
    name = f"snapshot-{version:06d}.duckdb"
    temporary = folder / (name + ".tmp")
    _remove(temporary)
    _remove(Path(str(temporary) + ".wal"))
    rows = _fill(cat, temporary)
    temporary.chmod(0o644)  # public content, read by replicas that may run as another user
    _fsync(temporary)
    final = folder / name
    os.replace(temporary, final)
    manifest = Manifest(
        version=version,
        created_at=utcnow().isoformat(),
        schema_version=LATEST_VERSION,
        file=name,
        bytes=final.stat().st_size,
        sha256=file_sha256(final),
        rows=rows,
    )
    _write_atomically(folder / f"snapshot-{version:06d}.json", json.dumps(asdict(manifest), indent=1))
    _fsync_directory(folder)
    prune(folder, keep)
    return manifest


def prune(directory: Path, keep: int = KEEP) -> None:
    """Remove all but the newest ``keep`` snapshots (manifest first, so no replica picks a file going away)."""
    for manifest in manifests(directory)[:-keep] if keep > 0 else []:
        _remove(directory / f"snapshot-{manifest.version:06d}.json")
        _remove(directory / manifest.file)
    for leftover in directory.glob("*.tmp"):  # a primary killed while writing
        if leftover.stat().st_mtime < time.time() - 3600:  # mtimes are epoch seconds
            _remove(leftover)


def _fill(cat: Any, target: Path) -> dict[str, int]:
    """Create the schema in ``target`` (the program's migrations) and copy the public rows into it,
    all read in one transaction of the primary (a consistent state)."""
    snapshot = Database.open(target)  # migrated and synchronised: the same schema as the primary
    rows: dict[str, int] = {}
    try:
        with cat.cursor() as source, snapshot.cursor() as out:
            source.execute("begin transaction")
            try:
                public, params = cat.public_projects_sql()
                out.execute("begin transaction")
                for table, select, args in _selections(source, public, params):
                    rows[table] = _copy(source, out, table, select, args)
                out.execute("commit")
            finally:
                source.execute("rollback")
            out.execute("checkpoint")
    finally:
        snapshot.close()
    return rows


def _selections(source: duckdb.DuckDBPyConnection, public: str, params: list[Any]) -> Iterator[tuple[str, str, list]]:
    """(table, select over the primary, parameters) for every table the snapshot fills."""
    for table in REFERENCE_TABLES:
        yield table, f"select {_columns(source, table)} from {table}", []
    blanked = {c: "null" for c in PROJECT_PRIVATE_COLUMNS}
    yield "projects", f"select {_columns(source, 'projects', blanked)} from {public} as p", params
    strip = json.dumps(dict.fromkeys(PROJECT_PRIVATE_COLUMNS))  # a JSON merge patch: null removes the key
    history = {"snapshot": f"json_merge_patch(h.snapshot, '{strip}')"}
    yield (
        "project_history",
        f"select {_columns(source, 'project_history', history, 'h')} from project_history h "
        f"where h.code in (select code from {public} as p)",
        params,
    )
    yield (
        "project_documents",
        f"select {_columns(source, 'project_documents')} from project_documents "
        f"where removed_at is null and project_code in (select code from {public} as p)",
        params,
    )
    yield "events", f"select {_columns(source, 'events')} from events where kind = 'restore'", []


def _columns(
    cur: duckdb.DuckDBPyConnection, table: str, replaced: dict[str, str] | None = None, alias: str = ""
) -> str:
    names = [
        r[0]
        for r in cur.execute(
            "select column_name from information_schema.columns where table_schema = 'main' and table_name = ? "
            "order by ordinal_position",
            [table],
        ).fetchall()
    ]
    prefix = f"{alias}." if alias else ""
    parts = []
    for name in names:
        if replaced and name in replaced:
            parts.append(f"{replaced[name]} as {name}")
        elif name in STAFF_COLUMNS:
            parts.append(f"null as {name}")
        else:
            parts.append(f"{prefix}{name}")
    return ", ".join(parts)


def _copy(
    source: duckdb.DuckDBPyConnection, out: duckdb.DuckDBPyConnection, table: str, select: str, args: list
) -> int:
    batch = source.sql(select, params=args or None).to_arrow_table()
    names = ", ".join(batch.column_names)
    out.execute(f"delete from {table}")  # the migrations' own rows (reference data) give way to the primary's
    out.register("incoming", batch)
    try:
        out.execute(f"insert into {table} ({names}) select {names} from incoming")
    finally:
        out.unregister("incoming")
    return batch.num_rows


def _write_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    temporary.chmod(0o644)
    os.replace(temporary, path)


def _fsync(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def _fsync_directory(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


class SnapshotPublisher:
    """On the primary: a snapshot at start, then after every write that changes what the public
    sees, at most one every ``min_seconds`` (a burst of saves or an import makes one, not many).
    Written on a thread of its own: nobody waits for it."""

    def __init__(
        self,
        catalogue: Callable[[], Any],
        directory: str | os.PathLike[str],
        *,
        min_seconds: float = 2.0,
        keep: int = KEEP,
    ) -> None:
        self.catalogue = catalogue
        self.directory = Path(directory)
        self.min_seconds = min_seconds
        self.keep = keep
        self.last: Manifest | None = None
        self._dirty = threading.Event()
        self._stop = threading.Event()

    def start(self) -> SnapshotPublisher:
        self.catalogue().on_change(self.changed)
        self._dirty.set()
        threading.Thread(target=self._run, name="snapshot-publisher", daemon=True).start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._dirty.set()

    def changed(self, event: str) -> None:
        if event not in PRIVATE_EVENTS:
            self._dirty.set()

    def _run(self) -> None:
        written_at = 0.0
        while not self._stop.is_set():
            self._dirty.wait()
            if self._stop.is_set():
                return
            self._stop.wait(max(0.0, written_at + self.min_seconds - time.monotonic()))
            self._dirty.clear()  # a write from now on makes the next one
            try:
                self.last = write_snapshot(self.catalogue(), self.directory, keep=self.keep)
                log.info("snapshot %d written", self.last.version)
            except Exception:  # a full disk, say: try again at the next change or in a while
                log.exception("writing a snapshot")
                self._stop.wait(self.min_seconds * 5)
                self._dirty.set()
            written_at = time.monotonic()
