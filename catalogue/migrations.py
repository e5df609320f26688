"""Ordered, recorded schema migrations; each runs once and is safe to run again.

Add a migration by appending to ``MIGRATIONS``; never edit one that has shipped. Opening a
database whose recorded version is newer than the last one here is refused, so an old
program never writes into a schema it does not understand.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from .errors import SchemaTooNewError
from .model import PROJECT_COLUMNS, SYSTEM_COLUMNS

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# Reference tables: (table, csv file, key columns, {column: sql type}); every other column
# is VARCHAR.
REFERENCE_TABLES: tuple[tuple[str, str, tuple[str, ...], dict[str, str]], ...] = (
    ("categories", "categories.csv", ("code",), {"sort_order": "INTEGER"}),
    ("investment_forms", "investment_forms.csv", ("code",), {"sort_order": "INTEGER"}),
    ("statuses", "statuses.csv", ("code",), {"sort_order": "INTEGER", "is_public": "BOOLEAN"}),
    ("districts", "districts.csv", ("code",), {"centre_lat": "DOUBLE", "centre_lon": "DOUBLE"}),
    ("wards", "wards.csv", ("code",), {}),
    ("agencies", "agencies.csv", ("code",), {"named_in_plan": "BOOLEAN"}),
    ("plans", "plans.csv", ("code",), {"issued_on": "DATE", "period_start": "INTEGER", "period_end": "INTEGER"}),
    (
        "plan_targets",
        "plan_targets.csv",
        ("plan_code", "code"),
        {"sort_order": "INTEGER", "low_pct": "DOUBLE", "high_pct": "DOUBLE", "target_year": "INTEGER"},
    ),
    ("plan_tasks", "plan_tasks.csv", ("plan_code", "code"), {"seq": "INTEGER"}),
)


def _csv_header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def _create_core_tables(cur: duckdb.DuckDBPyConnection) -> None:
    for table, filename, keys, types in REFERENCE_TABLES:
        columns = [f"{name} {types.get(name, 'VARCHAR')}" for name in _csv_header(DATA_DIR / filename)]
        cur.execute(f"create table if not exists {table} ({', '.join(columns)}, primary key ({', '.join(keys)}))")
    project_columns = [f"{c.name} {c.sql_type}" for c in PROJECT_COLUMNS]
    project_columns += [f"{name} {sql_type}" for name, sql_type in SYSTEM_COLUMNS]
    cur.execute(f"create table if not exists projects ({', '.join(project_columns)}, primary key (code))")


def load_reference_data(cur: duckdb.DuckDBPyConnection, data_dir: Path = DATA_DIR) -> None:
    """Upsert every reference CSV into its table (idempotent)."""
    for table, filename, _keys, _types in REFERENCE_TABLES:
        path = data_dir / filename
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        header = _csv_header(path)
        frame = pd.DataFrame([[row[name] or None for name in header] for row in rows], columns=header, dtype=object)
        cur.register("reference_rows", frame)
        try:
            # Values arrive as text; the insert casts them to each column's type.
            cur.execute(
                f"insert or replace into {table} ({', '.join(header)}) select {', '.join(header)} from reference_rows"
            ).fetchall()
        finally:
            cur.unregister("reference_rows")


def _create_synonyms(cur: duckdb.DuckDBPyConnection, data_dir: Path = DATA_DIR) -> None:
    """The search abbreviations (KCN, XLNT, …): shipped defaults, extended by staff."""
    cur.execute(
        "create table if not exists synonyms (term varchar primary key, expansion varchar not null, "
        "note varchar, source varchar, added_by varchar, added_at timestamp)"
    )
    with (data_dir / "synonyms.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    frame = pd.DataFrame(rows, columns=["term", "expansion", "note", "source"], dtype=object)
    cur.register("shipped_synonyms", frame)
    try:
        # "or ignore": a term staff have redefined keeps their definition.
        cur.execute(
            "insert or ignore into synonyms (term, expansion, note, source) "
            "select lower(term), expansion, note, source from shipped_synonyms"
        ).fetchall()
    finally:
        cur.unregister("shipped_synonyms")


def _inquiries_table(cur: duckdb.DuckDBPyConnection) -> None:
    from .inquiries import create_table

    create_table(cur)


def _staff_workspace(cur: duckdb.DuckDBPyConnection) -> None:
    """Accounts, the review workflow, history of every change, accepted consistency warnings."""
    for name, sql_type in (
        ("investor", "VARCHAR"),
        ("publication", "VARCHAR"),
        ("review_comment", "VARCHAR"),
        ("status_since", "DATE"),
        ("archived_status", "VARCHAR"),
    ):
        cur.execute(f"alter table projects add column if not exists {name} {sql_type}")
    # Everything stored before the workflow existed was already public.
    cur.execute("update projects set publication = 'published' where publication is null").fetchall()
    # A "draft" stage was the old way to keep a project private: it becomes a draft for review.
    cur.execute("update projects set publication = 'draft', status = 'calling' where status = 'draft'").fetchall()
    cur.execute("alter table projects alter column publication set default 'published'")
    cur.execute(
        "create table if not exists users (name varchar primary key, display_name varchar, role varchar not null, "
        "password_hash varchar not null, active boolean not null default true, failed_attempts integer not null "
        "default 0, locked_until timestamp, created_at timestamp not null, last_sign_in timestamp)"
    )
    cur.execute("create sequence if not exists event_ids start 1")
    cur.execute(
        "create table if not exists events (id bigint primary key default nextval('event_ids'), "
        "happened_at timestamp not null, actor varchar, kind varchar not null, summary varchar)"
    )
    cur.execute("create sequence if not exists history_ids start 1")
    cur.execute(
        "create table if not exists project_history (id bigint primary key default nextval('history_ids'), "
        "event_id bigint, code varchar not null, happened_at timestamp not null, actor varchar, action varchar not null, "
        "comment varchar, snapshot json not null)"
    )
    cur.execute("create index if not exists project_history_code on project_history (code)")
    cur.execute(
        "create table if not exists accepted_checks (code varchar not null, check_code varchar not null, "
        "reason varchar not null, accepted_by varchar not null, accepted_at timestamp not null, "
        "primary key (code, check_code))"
    )


def _plan_progress(cur: duckdb.DuckDBPyConnection) -> None:
    from .plan import create_tables

    create_tables(cur)


def _history_stage_columns(cur: duckdb.DuckDBPyConnection) -> None:
    """The stage of each snapshot as real columns, so the dashboard need not parse JSON."""
    cur.execute("alter table project_history add column if not exists status varchar")
    cur.execute("alter table project_history add column if not exists status_since date")
    cur.execute(
        "update project_history set status = snapshot->>'status', "
        "status_since = try_cast(snapshot->>'status_since' as date) where status is null"
    ).fetchall()


def _sign_in_sessions(cur: duckdb.DuckDBPyConnection) -> None:
    """Signed-in sessions behind a browser cookie: only a hash of each token is kept."""
    cur.execute(
        "create table if not exists sign_in_sessions (token_hash varchar primary key, user_name varchar not null, "
        "created_at timestamp not null, last_seen timestamp not null, ended_at timestamp)"
    )


def _inquiry_references(cur: duckdb.DuckDBPyConnection) -> None:
    """Inquiries get the reference number the investor is shown; earlier ones keep their id."""
    cur.execute("alter table inquiries add column if not exists reference varchar")


def _approximate_amounts(cur: duckdb.DuckDBPyConnection) -> None:
    """Projects say whether their amount was reported as approximate ("khoảng 500 tỷ")."""
    cur.execute("alter table projects add column if not exists investment_approx boolean")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[duckdb.DuckDBPyConnection], None]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "core tables: reference data and projects", _create_core_tables),
    Migration(2, "reference data from plan 275/KH-UBND and the 2025 reform", load_reference_data),
    Migration(3, "search synonyms: abbreviations of official documents", _create_synonyms),
    Migration(4, "expressions of interest from investors", _inquiries_table),
    Migration(5, "staff workspace: accounts, review workflow, history", _staff_workspace),
    Migration(6, "plan targets measured per year, task progress per year", _plan_progress),
    Migration(7, "project history: stage columns beside the snapshot", _history_stage_columns),
    Migration(8, "sign-in sessions that survive a reload", _sign_in_sessions),
    Migration(9, "inquiries: the reference number shown to the investor", _inquiry_references),
    Migration(10, "projects: amounts reported as approximate", _approximate_amounts),
)

LATEST_VERSION = MIGRATIONS[-1].version


def current_version(cur: duckdb.DuckDBPyConnection) -> int:
    cur.execute(
        "create table if not exists schema_migrations "
        "(version integer primary key, name varchar, applied_at timestamp default current_timestamp)"
    )
    return cur.execute("select coalesce(max(version), 0) from schema_migrations").fetchall()[0][0]


def migrate(cur: duckdb.DuckDBPyConnection, path: str = "") -> list[int]:
    """Apply the migrations this database lacks, each in its own transaction.

    Returns the versions applied (empty when already up to date). Raises
    :class:`SchemaTooNewError` when the database was written by a newer program.
    """
    version = current_version(cur)
    if version > LATEST_VERSION:
        raise SchemaTooNewError(path, version, LATEST_VERSION)
    applied = []
    for migration in MIGRATIONS:
        if migration.version <= version:
            continue
        cur.execute("begin transaction")
        try:
            migration.apply(cur)
            cur.execute(
                "insert into schema_migrations (version, name) values (?, ?)", [migration.version, migration.name]
            )
            cur.execute("commit")
        except BaseException:
            cur.execute("rollback")
            raise
        applied.append(migration.version)
    return applied
