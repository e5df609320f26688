"""Consistent backups and all-or-nothing restores of a catalogue database.

A backup is a directory written by DuckDB's ``EXPORT DATABASE`` (schema plus Parquet
files, one snapshot transaction) and a ``manifest.json`` with row counts. A restore reads only the
Parquet files and the manifest: the schema comes from this program's migrations, never from the SQL
the export wrote beside them. While the app runs,
the CLI asks it for a backup or a restore through its local admin endpoint (catalogue/admin.py).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from catalogue.errors import BackupError, DatabaseLockedError, RestoreRefusedError
from catalogue.text import Text

if TYPE_CHECKING:
    from catalogue.core import Catalogue

MANIFEST = "manifest.json"


def _tables(cur: duckdb.DuckDBPyConnection) -> list[str]:
    rows = cur.execute(
        "select table_name from information_schema.tables where table_schema = 'main' order by table_name"
    ).fetchall()
    return [name for (name,) in rows]


def backup(catalogue: Catalogue, directory: str | os.PathLike[str]) -> dict[str, Any]:
    """Write a consistent copy of ``catalogue`` into the new directory ``directory``.

    The directory must not exist or be empty. The copy is written beside it first and
    renamed when complete, so a failed backup leaves nothing that looks like a backup.
    Returns the manifest.
    """
    target = Path(directory)
    if target.exists() and any(target.iterdir()):
        raise BackupError(Text.of("backup.not_empty", directory=target))
    partial = target.with_name(target.name + f".partial-{uuid.uuid4().hex[:8]}")
    partial.parent.mkdir(parents=True, exist_ok=True)
    sweep_leftovers(partial.parent, ".partial-")  # what a killed backup left here earlier
    # Backups hold password hashes and investors' contact data: only this user may read them.
    partial.mkdir(mode=0o700)
    try:
        with catalogue.cursor() as cur:
            cur.execute("begin transaction")
            try:
                counts = {t: cur.execute(f'select count(*) from "{t}"').fetchall()[0][0] for t in _tables(cur)}
                cur.execute(f"export database '{_sql_path(partial)}' (format parquet)")
                version = cur.execute("select coalesce(max(version), 0) from schema_migrations").fetchall()[0][0]
            finally:
                cur.execute("rollback")
        manifest = {
            "format": "catalogue-backup/1",
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "source": catalogue.path,
            "schema_version": version,
            "duckdb_version": duckdb.__version__,
            "row_counts": counts,
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
        _private(partial)
        if target.exists():
            target.rmdir()
        partial.replace(target)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return manifest


def read_manifest(directory: str | os.PathLike[str]) -> dict[str, Any]:
    path = Path(directory) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise RestoreRefusedError(Text.of("backup.not_a_backup", directory=directory, manifest=MANIFEST)) from exc
    if manifest.get("format") != "catalogue-backup/1":
        raise RestoreRefusedError(Text.of("backup.unsupported_format", found=manifest.get("format")))
    version, counts = manifest.get("schema_version"), manifest.get("row_counts")
    if not (
        isinstance(version, int)
        and version >= 1
        and isinstance(counts, dict)
        and all(isinstance(k, str) and isinstance(v, int) for k, v in counts.items())
    ):
        raise RestoreRefusedError(Text.of("backup.not_a_backup", directory=directory, manifest=MANIFEST))
    return manifest


DISCARDED_LISTED = 20  # changes named one by one in a restore's answer and its history entry


def discarded_changes(cur: duckdb.DuckDBPyConnection, directory: str | os.PathLike[str]) -> dict[str, Any]:
    """What restoring the backup in ``directory`` over the database of ``cur`` would throw away: the
    project changes and events recorded since the backup (by their ids and times), newest first."""
    folder = Path(directory)
    found: list[tuple[Any, ...]] = []
    for table, what in (
        ("project_history", "action || ' ' || code"),
        ("events", "kind || coalesce(': ' || left(summary, 120), '')"),
    ):
        kept = folder / f"{table}.parquet"
        unseen = (
            "where not exists (select 1 from read_parquet(?) b where b.id = t.id and b.happened_at = t.happened_at)"
            if kept.exists()
            else ""
        )
        found += cur.execute(
            f"select happened_at, coalesce(actor, ''), {what} from {table} t {unseen}",
            [str(kept)] if kept.exists() else [],
        ).fetchall()
    found.sort(key=lambda row: row[0], reverse=True)
    return {
        "count": len(found),
        "latest": [
            {"at": at.isoformat(timespec="seconds"), "actor": actor, "what": what}
            for at, actor, what in found[:DISCARDED_LISTED]
        ],
    }


def restore(
    directory: str | os.PathLike[str], target: str | os.PathLike[str], *, force: bool = False
) -> dict[str, Any]:
    """Rebuild the database ``target`` from the backup in ``directory``, all or nothing.

    Refuses to replace an existing database unless ``force``; refuses a database that
    another process holds open. The restored copy is built and checked beside the target
    and only then moved into place.
    """
    from catalogue.storage.migrations import LATEST_VERSION

    manifest = read_manifest(directory)
    if manifest["schema_version"] > LATEST_VERSION:
        raise RestoreRefusedError(
            Text.of("backup.schema_too_new", found=manifest["schema_version"], known=LATEST_VERSION)
        )
    target = Path(target)
    if target.exists():
        if not force:
            raise RestoreRefusedError(Text.of("backup.target_exists", target=target))
        _ensure_not_in_use(target)
    building = target.with_name(target.name + f".restoring-{uuid.uuid4().hex[:8]}")
    try:
        connection = duckdb.connect(str(building))
        try:
            _rebuild(connection, Path(directory), manifest)
            _end_restored_sessions(connection)
            connection.execute("checkpoint")
        finally:
            connection.close()
        target.parent.mkdir(parents=True, exist_ok=True)
        Path(str(target) + ".wal").unlink(missing_ok=True)
        building.chmod(0o600)
        building.replace(target)
    finally:
        building.unlink(missing_ok=True)
        Path(str(building) + ".wal").unlink(missing_ok=True)
    return manifest


LEFTOVER_AGE = 600.0  # seconds: older unfinished copies are leftovers of a killed run


def sweep_leftovers(directory: str | os.PathLike[str], marker: str) -> list[Path]:
    """Remove what killed backups (``.partial-``) or restores (``.restoring-``) left in
    ``directory``, if older than :data:`LEFTOVER_AGE` (a running one is younger). Returns what
    was removed."""
    removed = []
    folder = Path(directory)
    if not folder.is_dir():
        return removed
    now = time.time()
    for path in folder.iterdir():
        if marker not in path.name:
            continue
        try:
            if now - path.stat().st_mtime < LEFTOVER_AGE:
                continue
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
            removed.append(path)
        except OSError:
            continue
    return removed


# Sequences that number a table's rows: after a restore they continue past the restored rows.
SEQUENCES = {"events": "event_ids", "project_history": "history_ids"}


def _rebuild(connection: duckdb.DuckDBPyConnection, folder: Path, manifest: dict[str, Any]) -> None:
    """Fill the empty database of ``connection`` from the backup in ``folder``.

    The schema comes from this program's own migrations (up to the backup's version, then on to
    the latest), never from the SQL files DuckDB's export writes beside the data: a backup folder is
    data, and running its ``schema.sql``/``load.sql`` would run whatever someone wrote there. Each
    known table is filled from its Parquet file, column by column, and checked against the
    manifest's row count before anything newer is applied.
    """
    from catalogue.storage.migrations import migrate

    recorded, version = manifest["row_counts"], manifest["schema_version"]
    migrate(connection, upto=version)
    known = [t for t in _tables(connection) if t != "schema_migrations"]
    unknown = sorted(set(recorded) - set(known) - {"schema_migrations"})
    if unknown:
        raise RestoreRefusedError(Text.of("backup.unknown_tables", tables=", ".join(unknown)))
    for table in known:
        expected = recorded.get(table, 0)
        source = folder / f"{table}.parquet"
        if not source.is_file():
            if expected:
                raise RestoreRefusedError(Text.of("backup.table_missing", table=table))
            continue
        columns = [
            name
            for (name,) in connection.execute(
                "select column_name from information_schema.columns where table_schema = 'main' and table_name = ? "
                "order by ordinal_position",
                [table],
            ).fetchall()
        ]
        listed = ", ".join(f'"{c}"' for c in columns)
        try:
            connection.execute(
                f'insert into "{table}" ({listed}) select {listed} from read_parquet(?)', [str(source)]
            ).fetchall()
        except duckdb.Error as exc:
            raise RestoreRefusedError(Text.of("backup.table_unreadable", table=table, error=str(exc)[:300])) from exc
        found = connection.execute(f'select count(*) from "{table}"').fetchall()[0][0]
        if found != expected:
            raise RestoreRefusedError(Text.of("backup.counts_differ"))
    for table, sequence in SEQUENCES.items():
        if table in known:
            (highest,) = connection.execute(f'select coalesce(max(id), 0) from "{table}"').fetchall()[0]
            if highest:
                connection.execute(f"select max(nextval('{sequence}')) from range(?)", [int(highest)]).fetchall()
    migrate(connection)


def _private(directory: Path) -> None:
    """Directory 0700, files 0600."""
    directory.chmod(0o700)
    for path in directory.rglob("*"):
        path.chmod(0o700 if path.is_dir() else 0o600)


def _end_restored_sessions(connection: duckdb.DuckDBPyConnection) -> None:
    """Every sign-in session in a restored copy ends: the backup predates sign-outs, password
    changes and disabled accounts, and a session that ended must stay ended."""
    if "sign_in_sessions" in _tables(connection):
        connection.execute(
            "update sign_in_sessions set ended_at = current_timestamp::timestamp where ended_at is null"
        ).fetchall()


def _ensure_not_in_use(target: Path) -> None:
    from catalogue.storage.database import held_by_another_process

    if held_by_another_process(target):
        raise DatabaseLockedError(str(target))


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")
