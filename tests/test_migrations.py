"""Migrations never change once shipped; a database made by the first release upgrades to today's schema,
keeps its content, and receives corrected reference data."""

import json
import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import ROOT

from catalogue import Catalogue
from catalogue.data import data_file
from catalogue.staff import auth
from catalogue.storage.migrations import LATEST_VERSION, MIGRATIONS
from catalogue.storage.reference_sync import shipped_checksum, sync_reference_data

FIXTURES = ROOT / "tests" / "fixtures"
RELEASE = FIXTURES / "release-0.1"  # EXPORT DATABASE of a database written by commit 4d80f2b (schema 10)


def test_no_shipped_migration_was_edited():
    recorded = json.loads((FIXTURES / "migrations.sha256.json").read_text())
    for migration in MIGRATIONS:
        assert str(migration.version) in recorded, (
            f"migration {migration.version} is new: add its checksum to tests/fixtures/migrations.sha256.json "
            "when it ships, and never edit it afterwards"
        )
        assert migration.checksum() == recorded[str(migration.version)], (
            f"migration {migration.version} ({migration.name}) was edited after it shipped; add a new version instead"
        )
    assert [m.version for m in MIGRATIONS] == list(range(1, LATEST_VERSION + 1))


def release_database(path: Path) -> Path:
    """The first release's database, rebuilt from its export (its own DDL, its own rows)."""
    connection = duckdb.connect(str(path))
    connection.execute((RELEASE / "schema.sql").read_text())
    for line in (RELEASE / "load.sql").read_text().splitlines():
        if line.strip():
            table = line.split()[1].strip('"')
            connection.execute(f"copy {table} from '{RELEASE / (table + '.parquet')}' (format parquet)")
    connection.close()
    return path


def columns(cat: Catalogue) -> list[tuple]:
    with cat.cursor() as cur:
        return cur.execute(
            "select table_name, column_name, data_type, is_nullable from duckdb_columns() "
            "where schema_name = 'main' order by table_name, column_index"
        ).fetchall()


def counts(cat: Catalogue) -> dict[str, int]:
    with cat.cursor() as cur:
        tables = [row[0] for row in cur.execute("select table_name from duckdb_tables() order by 1").fetchall()]
        return {table: cur.execute(f"select count(*) from {table}").fetchall()[0][0] for table in tables}


def test_a_release_database_upgrades_to_the_schema_of_a_new_one_and_keeps_its_content(tmp_path):
    old = release_database(tmp_path / "release.duckdb")
    with duckdb.connect(str(old)) as connection:
        before = {
            table: connection.execute(f"select count(*) from {table}").fetchall()[0][0]
            for (table,) in connection.execute("select table_name from duckdb_tables()").fetchall()
        }
        assert connection.execute("select max(version) from schema_migrations").fetchall()[0][0] == 10
    with Catalogue.open(old) as upgraded:
        assert upgraded.schema_version == LATEST_VERSION
        after = counts(upgraded)
        upgraded_columns = columns(upgraded)
        # What the release held is all still there: projects, accounts, inquiries, history, measurements.
        for table, rows in before.items():
            if table not in ("schema_migrations", "statuses", "synonyms", "agencies"):
                assert after[table] == rows, table
        # agencies the plan names that a later release shipped (the Ministry, the People's Council) are added
        assert after["agencies"] == before["agencies"] + 2
        assert {"bo_cong_thuong", "hdnd_thanh_pho"} <= set(upgraded.reference.agencies.codes)
        # the synonyms shipped since are added; none the release held goes (reference_sync keeps them)
        assert after["synonyms"] > before["synonyms"]
        # version 12: "draft" is a publication state only; the release had it as a stage too
        assert after["statuses"] == before["statuses"] - 1
        assert "draft" not in upgraded.reference.statuses.codes
        assert "draft" in upgraded.reference.enumeration("status").codes  # a file may still say "Bản nháp"
        assert after["schema_migrations"] == LATEST_VERSION
        assert auth.sign_in(upgraded, "reviewer", "a long enough password").user.name == "reviewer"
        assert upgraded.search("xử lý nước thải làng nghề", limit=3)
        assert "zztest" in set(upgraded.synonyms()["term"])  # the synonym staff added
    with Catalogue.open(tmp_path / "fresh.duckdb") as fresh:
        assert columns(fresh) == upgraded_columns


def test_a_corrected_csv_reaches_an_existing_database_once(tmp_path):
    shipped = tmp_path / "shipped"
    shutil.copytree(data_file("categories.csv").parent, shipped)
    with Catalogue.open(release_database(tmp_path / "release.duckdb")) as cat, cat.cursor() as cur:
        label = cur.execute("select label_en from categories where sort_order = 1").fetchall()[0][0]
        staff_synonym = cur.execute("select expansion from synonyms where term = 'zztest'").fetchall()[0][0]
        assert sync_reference_data(cur) is None  # the shipped files were synchronised on open
        text = (shipped / "categories.csv").read_text(encoding="utf-8")
        (shipped / "categories.csv").write_text(text.replace(label, label + " (corrected)", 1), encoding="utf-8")

        def locate(name: str) -> Path:
            return shipped / name

        assert shipped_checksum(locate) != shipped_checksum()
        written = sync_reference_data(cur, locate)
        assert written and written > 100
        assert cur.execute("select label_en from categories where sort_order = 1").fetchall()[0][0] == (
            label + " (corrected)"
        )
        assert sync_reference_data(cur, locate) is None  # idempotent: recorded, not repeated
        syncs = cur.execute("select count(*) from reference_syncs").fetchall()[0][0]
        assert cur.execute("select expansion from synonyms where term = 'zztest'").fetchall()[0][0] == staff_synonym
    assert syncs >= 2


def test_every_column_of_a_shipped_csv_exists_in_its_table(cat):
    from catalogue.data import csv_header
    from catalogue.storage.reference_sync import REFERENCE_FILES

    with cat.cursor() as cur:
        for table, filename in REFERENCE_FILES:
            have = {
                row[0]
                for row in cur.execute(
                    "select column_name from duckdb_columns() where table_name = ?", [table]
                ).fetchall()
            }
            assert set(csv_header(filename)) <= have, (table, set(csv_header(filename)) - have)


@pytest.mark.parametrize(
    "command",
    [
        ["import", "{tmp}/x.csv"],
        ["export", "x.csv"],
        ["search", "rác"],
        ["synonyms"],
        ["backup", "bak"],
        ["report", "--year", "2025", "--out", "r.xlsx"],
        ["user", "list"],
        ["serve"],
    ],
)
def test_the_cli_refuses_a_database_that_does_not_exist(tmp_path, capsys, command):
    from catalogue.cli import main

    missing = tmp_path / "typo.duckdb"
    (tmp_path / "x.csv").write_text("code\n", encoding="utf-8")
    command = [part.replace("{tmp}", str(tmp_path)) for part in command]
    assert main(["--db", str(missing), "--lang", "en", *command]) == 1
    error = capsys.readouterr().err
    assert f"No database at {missing}" in error and "catalogue init" in error
    assert not missing.exists()
