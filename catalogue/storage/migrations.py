"""Ordered, recorded schema migrations, each written out as the SQL it runs and frozen once shipped.

A migration is data: its version, its name and its statements. Never edit one that has shipped
(``tests/test_migrations.py`` compares each with the checksum recorded when it shipped); add a new
version instead. Reference data (categories, districts, the plan, the shipped search synonyms) is
not loaded here: :mod:`catalogue.storage.reference_sync` brings every database up to the shipped CSVs
after the migrations, so that a corrected CSV reaches databases made earlier.

Opening a database whose recorded version is newer than the last one here is refused, so an old
program never writes into a schema it does not understand.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import duckdb

from catalogue.errors import SchemaTooNewError


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]

    def checksum(self) -> str:
        """SHA-256 of the statements: what the frozen-migrations test compares."""
        return hashlib.sha256("\n;\n".join(self.statements).encode("utf-8")).hexdigest()


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "core tables: reference data and projects",
        (
            "create table if not exists categories (code VARCHAR, sort_order INTEGER, label_vi VARCHAR, label_en VARCHAR, plan_wording_vi VARCHAR, aliases VARCHAR, source VARCHAR, primary key (code))",
            "create table if not exists investment_forms (code VARCHAR, sort_order INTEGER, label_vi VARCHAR, label_en VARCHAR, aliases VARCHAR, source VARCHAR, primary key (code))",
            "create table if not exists statuses (code VARCHAR, sort_order INTEGER, label_vi VARCHAR, label_en VARCHAR, is_public BOOLEAN, aliases VARCHAR, source VARCHAR, primary key (code))",
            "create table if not exists districts (code VARCHAR, gso_code VARCHAR, kind VARCHAR, name_vi VARCHAR, name_en VARCHAR, centre_lat DOUBLE, centre_lon DOUBLE, source VARCHAR, primary key (code))",
            "create table if not exists wards (code VARCHAR, gso_code VARCHAR, kind VARCHAR, name_vi VARCHAR, name_en VARCHAR, principal_former_district VARCHAR, source VARCHAR, primary key (code))",
            "create table if not exists agencies (code VARCHAR, name_vi VARCHAR, name_en VARCHAR, abbreviations VARCHAR, named_in_plan BOOLEAN, successor_code VARCHAR, change_note_vi VARCHAR, change_note_en VARCHAR, source VARCHAR, primary key (code))",
            "create table if not exists plans (code VARCHAR, name_vi VARCHAR, name_en VARCHAR, document VARCHAR, issued_on DATE, implements VARCHAR, period_start INTEGER, period_end INTEGER, source VARCHAR, primary key (code))",
            "create table if not exists plan_targets (plan_code VARCHAR, code VARCHAR, sort_order INTEGER, label_vi VARCHAR, label_en VARCHAR, low_pct DOUBLE, high_pct DOUBLE, target_year INTEGER, source VARCHAR, primary key (plan_code, code))",
            "create table if not exists plan_tasks (plan_code VARCHAR, code VARCHAR, task_group VARCHAR, group_title_vi VARCHAR, group_title_en VARCHAR, seq INTEGER, title_vi VARCHAR, title_en VARCHAR, lead_agency VARCHAR, partners_vi VARCHAR, partners_en VARCHAR, time_frame VARCHAR, source VARCHAR, primary key (plan_code, code))",
            "create table if not exists projects (code VARCHAR, name_vi VARCHAR, name_en VARCHAR, category VARCHAR, description_vi VARCHAR, description_en VARCHAR, district VARCHAR, ward VARCHAR, address VARCHAR, area_ha DOUBLE, capacity VARCHAR, investment_vnd_bn DOUBLE, investment_usd_m DOUBLE, investment_approx BOOLEAN, investment_form VARCHAR, status VARCHAR, investor VARCHAR, lead_agency VARCHAR, contact_name VARCHAR, contact_email VARCHAR, contact_phone VARCHAR, incentives VARCHAR, legal_basis VARCHAR, latitude DOUBLE, longitude DOUBLE, start_year INTEGER, demo BOOLEAN, created_at TIMESTAMP, updated_at TIMESTAMP, version INTEGER, publication VARCHAR, review_comment VARCHAR, status_since DATE, archived_status VARCHAR, primary key (code))",
        ),
    ),
    # Version 2 loaded the reference CSVs; since version 11 the reference sync does that.
    Migration(2, "reference data from plan 275/KH-UBND and the 2025 reform", ()),
    Migration(
        3,
        "search synonyms: abbreviations of official documents",
        (
            "create table if not exists synonyms (term varchar primary key, expansion varchar not null, note varchar, source varchar, added_by varchar, added_at timestamp)",
        ),
    ),
    Migration(
        4,
        "expressions of interest from investors",
        (
            "create table if not exists inquiries (id varchar primary key, project_code varchar not null, name varchar not null, organisation varchar not null, country varchar not null, email varchar not null, phone varchar, message varchar not null, consent boolean not null, lang varchar, created_at timestamp not null, status varchar not null default 'new', answered_at timestamp, answered_by varchar, answer_note varchar)",
        ),
    ),
    Migration(
        5,
        "staff workspace: accounts, review workflow, history",
        (
            "alter table projects add column if not exists investor VARCHAR",
            "alter table projects add column if not exists publication VARCHAR",
            "alter table projects add column if not exists review_comment VARCHAR",
            "alter table projects add column if not exists status_since DATE",
            "alter table projects add column if not exists archived_status VARCHAR",
            "update projects set publication = 'published' where publication is null",
            "update projects set publication = 'draft', status = 'calling' where status = 'draft'",
            "alter table projects alter column publication set default 'published'",
            "create table if not exists users (name varchar primary key, display_name varchar, role varchar not null, password_hash varchar not null, active boolean not null default true, failed_attempts integer not null default 0, locked_until timestamp, created_at timestamp not null, last_sign_in timestamp)",
            "create sequence if not exists event_ids start 1",
            "create table if not exists events (id bigint primary key default nextval('event_ids'), happened_at timestamp not null, actor varchar, kind varchar not null, summary varchar)",
            "create sequence if not exists history_ids start 1",
            "create table if not exists project_history (id bigint primary key default nextval('history_ids'), event_id bigint, code varchar not null, happened_at timestamp not null, actor varchar, action varchar not null, comment varchar, snapshot json not null)",
            "create index if not exists project_history_code on project_history (code)",
            "create table if not exists accepted_checks (code varchar not null, check_code varchar not null, reason varchar not null, accepted_by varchar not null, accepted_at timestamp not null, primary key (code, check_code))",
        ),
    ),
    Migration(
        6,
        "plan targets measured per year, task progress per year",
        (
            "create table if not exists target_measurements (plan_code varchar not null, target_code varchar not null, year integer not null, value_pct double not null, source varchar not null, note varchar, recorded_by varchar, recorded_at timestamp not null, primary key (plan_code, target_code, year))",
            "create table if not exists task_progress (plan_code varchar not null, task_code varchar not null, year integer not null, state varchar not null, note varchar, evidence_url varchar, recorded_by varchar, recorded_at timestamp not null, primary key (plan_code, task_code, year))",
        ),
    ),
    Migration(
        7,
        "project history: stage columns beside the snapshot",
        (
            "alter table project_history add column if not exists status varchar",
            "alter table project_history add column if not exists status_since date",
            "update project_history set status = snapshot->>'status', status_since = try_cast(snapshot->>'status_since' as date) where status is null",
        ),
    ),
    Migration(
        8,
        "sign-in sessions that survive a reload",
        (
            "create table if not exists sign_in_sessions (token_hash varchar primary key, user_name varchar not null, created_at timestamp not null, last_seen timestamp not null, ended_at timestamp)",
        ),
    ),
    Migration(
        9,
        "inquiries: the reference number shown to the investor",
        ("alter table inquiries add column if not exists reference varchar",),
    ),
    Migration(
        10,
        "projects: amounts reported as approximate",
        ("alter table projects add column if not exists investment_approx boolean",),
    ),
    Migration(
        11,
        "reference data synchronised with the shipped CSVs, each sync recorded",
        (
            "create table if not exists reference_syncs (checksum varchar not null, synced_at timestamp not null, "
            "rows_written integer not null, files varchar not null)",
        ),
    ),
    Migration(
        12,
        "draft is a publication state only, not a stage",
        (
            "update projects set publication = 'draft', status = 'calling' where status = 'draft'",
            "delete from statuses where code = 'draft'",
        ),
    ),
    Migration(
        13,
        "column mappings of agencies' lists, saved by name",
        (
            "create table if not exists column_mappings (name varchar primary key, headers varchar not null, "
            "mapping varchar not null, saved_by varchar, saved_at timestamp not null)",
        ),
    ),
    Migration(
        14,
        "projects: staff's note, where an agency list's unmapped columns and ranges land",
        ("alter table projects add column if not exists source_note varchar",),
    ),
    Migration(
        15,
        "search glossary: the field's terms in Vietnamese and English, each found by the other",
        (
            "create table if not exists glossary (vi varchar not null, en varchar not null, source varchar, "
            "added_by varchar, added_at timestamp, primary key (vi, en))",
        ),
    ),
    Migration(
        16,
        "plan targets: what each measures (the Capital's demand met, or products exported), as the plan words it",
        (
            "alter table plan_targets add column if not exists measure varchar",
            "update plan_targets set measure = case when code = 'exports' then 'exported' else 'demand_met' end "
            "where measure is null",
        ),
    ),
    Migration(
        17,
        "the plan's other assignments (section V duties without a task row)",
        (
            "create table if not exists plan_assignments (plan_code varchar, code varchar, sort_order integer, "
            "agency varchar, text_vi varchar, text_en varchar, source varchar, primary key (plan_code, code))",
        ),
    ),
    Migration(
        18,
        "project types (a second facet beside the category: what kind of project, as the plan's III.3 lists them)",
        (
            "create table if not exists project_types (code varchar primary key, sort_order integer, label_vi varchar, "
            "label_en varchar, plan_wording_vi varchar, aliases varchar, source varchar)",
            "alter table projects add column if not exists project_type varchar",
        ),
    ),
    Migration(
        19,
        "projects: deal data investors compare (land, preparation, PPP contract, concession term, revenue, SDGs)",
        (
            "alter table projects add column if not exists land_status varchar",
            "alter table projects add column if not exists preparation_stage varchar",
            "alter table projects add column if not exists ppp_structure varchar",
            "alter table projects add column if not exists concession_years double",
            "alter table projects add column if not exists revenue_basis varchar",
            "alter table projects add column if not exists sdg_tags varchar",
        ),
    ),
    Migration(
        20,
        "the projects' data rooms: documents staff attach, handed out while the project is public",
        (
            "create table if not exists project_documents (id varchar primary key, project_code varchar not null, "
            "kind varchar not null, language varchar not null, title varchar not null, file_name varchar not null, "
            "file_type varchar not null, size_bytes bigint not null, sha256 varchar not null, content blob, "
            "uploaded_by varchar, uploaded_at timestamp not null, removed_at timestamp, removed_by varchar)",
        ),
    ),
    Migration(
        21,
        "e-mail alerts without accounts: an address per filtered view, double opt-in, one-click unsubscribe",
        (
            "create table if not exists alert_subscriptions (id varchar primary key, email varchar not null, "
            "lang varchar not null, view varchar not null, confirm_token varchar not null, "
            "unsubscribe_token varchar not null, consent_at timestamp not null, created_at timestamp not null, "
            "confirmed_at timestamp, last_sent_at timestamp)",
        ),
    ),
)

LATEST_VERSION = MIGRATIONS[-1].version


def current_version(cur: duckdb.DuckDBPyConnection, *, create: bool = True) -> int:
    """The schema version recorded in the database (0 for a new one). Without ``create`` (a
    read-only database) the record's table is not made when missing."""
    if not create:
        found = cur.execute("select 1 from duckdb_tables() where table_name = 'schema_migrations'").fetchall()
        if not found:
            return 0
        return cur.execute("select coalesce(max(version), 0) from schema_migrations").fetchall()[0][0]
    cur.execute(
        "create table if not exists schema_migrations "
        "(version integer primary key, name varchar, applied_at timestamp default current_timestamp)"
    )
    return cur.execute("select coalesce(max(version), 0) from schema_migrations").fetchall()[0][0]


def migrate(cur: duckdb.DuckDBPyConnection, path: str = "", *, upto: int = LATEST_VERSION) -> list[int]:
    """Apply the migrations this database lacks, up to version ``upto``, each in its own transaction.

    Returns the versions applied (empty when already up to date). Raises
    :class:`SchemaTooNewError` when the database was written by a newer program.
    """
    version = current_version(cur)
    if version > LATEST_VERSION:
        raise SchemaTooNewError(path, version, LATEST_VERSION)
    applied = []
    for migration in MIGRATIONS:
        if migration.version <= version or migration.version > upto:
            continue
        cur.execute("begin transaction")
        try:
            for statement in migration.statements:
                cur.execute(statement).fetchall()
            cur.execute(
                "insert into schema_migrations (version, name) values (?, ?)", [migration.version, migration.name]
            )
            cur.execute("commit")
        except BaseException:
            cur.execute("rollback")
            raise
        applied.append(migration.version)
    return applied
