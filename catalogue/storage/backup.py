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
from catalogue.text import Text, t

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
                cur.execute(f"export database '{sql_path(partial)}' (format parquet)")
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

# What a restore throws away, table by table: rows the live database has and the backup lacks (added
# or changed since). (table, when, who, what, the columns compared: None for every column both have.)
# Reference data is the shipped CSVs' (synced again after a restore); sign-in sessions and account
# security are carried over (see _carry_from_live), so neither is listed.
_DISCARDED: tuple[tuple[str, str, str, str, tuple[str, ...] | None], ...] = (
    ("project_history", "happened_at", "actor", "action || ' ' || code", ("id", "happened_at")),
    ("events", "happened_at", "actor", "kind || coalesce(': ' || left(summary, 160), '')", ("id", "happened_at")),
    (
        "inquiries",
        "coalesce(answered_at, created_at)",
        "answered_by",
        "'inquiry ' || project_code || ' · ' || organisation || ' · ' || status",
        None,
    ),
    ("accepted_checks", "accepted_at", "accepted_by", "'accepted warning ' || check_code || ' · ' || code", None),
    ("target_measurements", "recorded_at", "recorded_by", "'target ' || target_code || ' ' || year", None),
    ("task_progress", "recorded_at", "recorded_by", "'task ' || task_code || ' ' || year || ' · ' || state", None),
    ("synonyms", "added_at", "added_by", "'synonym ' || term", None),
    ("column_mappings", "saved_at", "saved_by", "'column mapping ' || name", None),
    # accounts: new since the backup, renamed, another role, or enabled again (disabling is carried)
    ("users", "created_at", "null", "'account ' || name || ' · ' || role", ("name", "display_name", "role")),
)


def _columns(cur: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [
        name
        for (name,) in cur.execute(
            "select column_name from information_schema.columns where table_schema = 'main' and table_name = ? "
            "order by ordinal_position",
            [table],
        ).fetchall()
    ]


def discarded_changes(cur: duckdb.DuckDBPyConnection, directory: str | os.PathLike[str]) -> dict[str, Any]:
    """What restoring the backup in ``directory`` over the database of ``cur`` would throw away: the
    changes recorded since the backup (project changes, events, inquiries and their answers, accepted
    warnings, plan progress, synonyms, accounts), counted per table and the newest named. The record of
    operations (``admin`` and ``restore`` events) is not counted: the restored file keeps it."""
    folder = Path(directory)
    live = set(_tables(cur))
    found: list[tuple[Any, ...]] = []
    by_table: dict[str, int] = {}
    for table, when, who, what, compared in _DISCARDED:
        if table not in live:
            continue
        kept = folder / f"{table}.parquet"
        where = ["t.kind not in ('admin', 'restore')"] if table == "events" else []  # kept: _keep_audit_trail
        params: list[Any] = []
        if kept.is_file():
            backed = {r[0] for r in cur.execute("select name from parquet_schema(?)", [str(kept)]).fetchall()}
            columns = [c for c in (compared or _columns(cur, table)) if c in backed]
            same = " and ".join(f't."{c}" is not distinct from b."{c}"' for c in columns) or "true"
            unseen = f"not exists (select 1 from read_parquet(?) b where {same})"
            if table == "users":  # enabled again since the backup
                unseen = f"({unseen} or (t.active and exists (select 1 from read_parquet(?) b where b.name = t.name and not b.active)))"
                params.append(str(kept))
            where.append(unseen)
            params.insert(0, str(kept))
        rows = cur.execute(
            f"select {when}, coalesce({who}, ''), {what} from {table} t"
            + (" where " + " and ".join(where) if where else ""),
            params,
        ).fetchall()
        if rows:
            by_table[table] = len(rows)
            found += rows
    found.sort(key=lambda row: (row[0] is not None, row[0] or dt.datetime.min), reverse=True)
    return {
        "count": len(found),
        "by_table": by_table,
        "latest": [
            {"at": at.isoformat(timespec="seconds") if at else None, "actor": actor, "what": what}
            for at, actor, what in found[:DISCARDED_LISTED]
        ],
    }


def discarded_kinds(discarded: dict[str, Any]) -> Text:
    """ "project changes 3, inquiries and answers 1": what a restore discards, by kind (strings.csv
    ``restore.kind.<table>``)."""
    counts = sorted(discarded.get("by_table", {}).items())
    return Text.each(lambda lang: ", ".join(f"{t(f'restore.kind.{table}', lang)} {n}" for table, n in counts))


def restore_summary(directory: str | os.PathLike[str], discarded: dict[str, Any], kept: str | None = None) -> str:
    """A restore's line in the history: where from, how many changes of each kind it discarded, and
    where the database as it was before is kept."""
    kinds = discarded_kinds(discarded)("en")
    summary = f"from {directory}: {discarded['count']} changes discarded" + (f" ({kinds})" if kinds else "")
    return summary + (f"; the database before the restore is kept in {kept}" if kept else "")


def keep_before_restore(catalogue: Catalogue, discarded: dict[str, Any]) -> str | None:
    """A restore that would throw changes away first backs the database up as it is, beside it
    (``<db>.before-restore-<time>``): nothing a restore discards is lost for good. Returns where, or
    None when nothing would be discarded."""
    if not discarded.get("count"):
        return None
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    kept = Path(catalogue.path).with_name(f"{Path(catalogue.path).name}.before-restore-{stamp}")
    backup(catalogue, kept)
    return str(kept)


def restore(
    directory: str | os.PathLike[str], target: str | os.PathLike[str], *, force: bool = False
) -> dict[str, Any]:
    """Rebuild the database ``target`` from the backup in ``directory``, all or nothing.

    Refuses to replace an existing database unless ``force``; refuses a database that
    another process holds open. The restored copy is built and checked beside the target
    and only then moved into place. Returns the manifest, with ``carried``: what the database
    being replaced passed on to the restored one (see :func:`_carry_from_live`).
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
    carried: dict[str, Any] = {}
    try:
        connection = duckdb.connect(str(building))
        try:
            _rebuild(connection, Path(directory), manifest)
            _end_restored_sessions(connection)
            if target.exists():
                carried = _carry_from_live(connection, target)
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
    return {**manifest, "carried": carried}


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
        if source.is_symlink():  # a backup's files are its own, never a link to elsewhere
            raise RestoreRefusedError(Text.of("backup.table_unreadable", table=table, error="symbolic link"))
        if not source.is_file():
            if expected:
                raise RestoreRefusedError(Text.of("backup.table_missing", table=table))
            continue
        columns = _columns(connection, table)
        listed = ", ".join(f'"{c}"' for c in columns)
        try:
            connection.execute(
                f'insert into "{table}" ({listed}) select {listed} from read_parquet(?)', [str(source)]
            ).fetchall()
        except duckdb.Error as exc:
            first = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
            raise RestoreRefusedError(Text.of("backup.table_unreadable", table=table, error=first)) from exc
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
    """Every sign-in session of the backup ends: it predates sign-outs, password changes and
    disabled accounts, and a session that ended must stay ended. (The sessions open in the database
    being replaced go on: :func:`_carry_from_live`.)"""
    if "sign_in_sessions" in _tables(connection):
        connection.execute(
            "update sign_in_sessions set ended_at = current_timestamp::timestamp where ended_at is null"
        ).fetchall()


def _carry_from_live(connection: duckdb.DuckDBPyConnection, live: Path) -> dict[str, Any]:
    """What a restore keeps from the database it replaces: a restore brings back content, never weaker
    account security, and never signs people out. Accounts disabled since the backup stay disabled,
    changed passwords stay changed, lockouts stay; the sign-in sessions open now go on (those of
    accounts still active); the audit trail of operations (admin calls, restores) is kept. Also
    says what the backup brings that the replaced database did not have (accounts, public
    projects): a backup folder can be edited. A live file that cannot be read (the reason for some
    restores) passes nothing on."""
    carried: dict[str, Any] = {"sessions": 0, "disabled": [], "passwords": [], "audit_events": 0}
    carried |= {"new_accounts": [], "newly_public": []}
    try:
        connection.execute(f"attach '{sql_path(live)}' as live (read_only)")
    except duckdb.Error:
        return carried
    try:
        tables = {
            name
            for (name,) in connection.execute(
                "select table_name from duckdb_tables() where database_name = 'live'"
            ).fetchall()
        }
        for needed, step in (
            ("users", _keep_account_security),
            ("sign_in_sessions", _keep_open_sessions),
            ("events", _keep_audit_trail),
            ("users", _new_accounts),
            ("projects", _newly_public),
        ):
            if needed in tables:
                carried |= step(connection)
    except duckdb.Error as exc:  # a damaged live file: the restore goes on, and says what it could not keep
        carried["error"] = str(exc).splitlines()[0][:300] if str(exc) else type(exc).__name__
    finally:
        connection.execute("detach live")
    return carried


def _names(connection: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[str]:
    return sorted(str(name) for (name,) in connection.execute(sql, params or []).fetchall())


def _keep_account_security(connection: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    disabled = _names(
        connection,
        "update users u set active = false from live.users l where l.name = u.name and not l.active "
        "and u.active returning u.name",
    )
    passwords = _names(
        connection,
        "update users u set password_hash = l.password_hash from live.users l where l.name = u.name "
        "and l.password_hash <> u.password_hash returning u.name",
    )
    connection.execute(
        "update users u set locked_until = l.locked_until, failed_attempts = l.failed_attempts "
        "from live.users l where l.name = u.name and l.locked_until is not null "
        "and (u.locked_until is null or l.locked_until > u.locked_until)"
    ).fetchall()
    return {"disabled": disabled, "passwords": passwords}


def _keep_open_sessions(connection: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    from catalogue.staff.auth import SESSION_IDLE_MINUTES, SESSION_MAX_HOURS, now

    (count,) = connection.execute(
        "insert or replace into sign_in_sessions (token_hash, user_name, created_at, last_seen, ended_at) "
        "select l.token_hash, l.user_name, l.created_at, l.last_seen, null from live.sign_in_sessions l "
        "join users u on u.name = l.user_name and u.active where l.ended_at is null "
        "and l.last_seen > ? and l.created_at > ?",  # open and not yet expired
        [now() - dt.timedelta(minutes=SESSION_IDLE_MINUTES), now() - dt.timedelta(hours=SESSION_MAX_HOURS)],
    ).fetchall()[0]
    return {"sessions": count}


def _keep_audit_trail(connection: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    (count,) = connection.execute(
        "insert into events (happened_at, actor, kind, summary) select l.happened_at, l.actor, l.kind, "
        "l.summary from live.events l where l.kind in ('admin', 'restore') and not exists "
        "(select 1 from events e where e.happened_at = l.happened_at and e.kind = l.kind "
        "and e.summary is not distinct from l.summary) order by l.happened_at, l.id"
    ).fetchall()[0]
    return {"audit_events": count}


def _new_accounts(connection: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    return {
        "new_accounts": _names(
            connection,
            "select name || ' (' || role || ')' from users where active and name not in (select name from live.users)",
        )
    }


def _newly_public(connection: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    public = (
        "coalesce({p}.publication, 'published') = 'published' and {p}.status in "
        "(select code from statuses where is_public)"
    )
    return {
        "newly_public": _names(
            connection,
            f"select r.code from projects r where {public.format(p='r')} and not exists "
            f"(select 1 from live.projects l where l.code = r.code and {public.format(p='l')})",
        )
    }


def _ensure_not_in_use(target: Path) -> None:
    from catalogue.storage.database import held_by_another_process

    if held_by_another_process(target):
        raise DatabaseLockedError(str(target))


def sql_path(path: str | Path) -> str:
    """``path`` as the text of a SQL string literal (quotes doubled)."""
    return str(path).replace("'", "''")
