import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from conftest import ROOT, good_row, write_csv

from catalogue import Catalogue
from catalogue.cli import main
from catalogue.storage.migrations import LATEST_VERSION


def run(*args: str) -> int:
    return main(list(args))


def test_init_import_export_search_exit_codes(tmp_path, capsys):
    db = str(tmp_path / "c.duckdb")
    assert run("--db", db, "init", "--demo") == 0
    assert "68" in capsys.readouterr().out
    good = write_csv(tmp_path / "good.csv", [good_row("CLI-1")])
    assert run("import", str(good), "--db", db) == 0
    assert "1" in capsys.readouterr().out
    bad = write_csv(tmp_path / "bad.csv", [good_row("CLI-2"), good_row("CLI-3", district="Quận 1")])
    assert run("--db", db, "--lang", "en", "import", str(bad)) == 1
    err = capsys.readouterr().err
    assert "Row" in err and "3" in err and "district" in err and "Nothing imported" in err
    with Catalogue.open(db) as cat:
        assert cat.project("CLI-2") is None  # all or nothing
    assert run("--db", db, "import", str(tmp_path / "missing.csv")) == 1
    dry = write_csv(tmp_path / "dry.csv", [good_row("CLI-4")])
    assert run("--db", db, "import", str(dry), "--dry-run") == 0
    with Catalogue.open(db) as cat:
        assert cat.project("CLI-4") is None
    out = tmp_path / "all.xlsx"
    assert run("--db", db, "export", str(out), "--category", "renewables") == 0
    assert out.exists()
    assert run("--db", db, "export", str(tmp_path / "x.pdf")) == 2
    capsys.readouterr()
    assert run("--db", db, "search", "lang nghe", "--json", "--limit", "3") == 0
    hits = json.loads(capsys.readouterr().out)
    assert 0 < len(hits) <= 3 and all(h["code"].startswith("DEMO-") for h in hits)
    with pytest.raises(SystemExit) as usage:
        run("--db", db, "fly")
    assert usage.value.code == 2


def test_python_dash_m_and_a_locked_database(tmp_path):
    db = tmp_path / "c.duckdb"
    env = {**os.environ, "CATALOGUE_DB": str(db), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "catalogue", "init"], env=env, capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert done.returncode == 0, done.stderr
    with Catalogue.open(db):  # this process now holds the file
        done = subprocess.run(
            [sys.executable, "-m", "catalogue", "--lang", "en", "init"],
            env=env,
            capture_output=True,
            text=True,
            cwd=tmp_path,
            check=False,
        )
    assert done.returncode == 1
    assert "in use by another process" in done.stderr and "Traceback" not in done.stderr


def test_backup_then_restore_gives_the_same_data(tmp_path):
    db = tmp_path / "c.duckdb"
    with Catalogue.open(db) as cat:
        cat.load_demo()
        before = cat.projects(include_hidden=True)
    assert run("--db", str(db), "backup", str(tmp_path / "bk")) == 0
    manifest = json.loads((tmp_path / "bk" / "manifest.json").read_text())
    assert manifest["row_counts"]["projects"] == len(before)
    restored = tmp_path / "restored.duckdb"
    assert run("--db", str(restored), "restore", str(tmp_path / "bk")) == 0
    with Catalogue.open(restored) as cat:
        assert cat.projects(include_hidden=True).equals(before)
        assert cat.schema_version == manifest["schema_version"]
    # A backup never overwrites a directory with content in it.
    assert run("--db", str(db), "backup", str(tmp_path / "bk")) == 1


def test_restore_refuses_to_overwrite_without_force(tmp_path, capsys):
    db = tmp_path / "c.duckdb"
    with Catalogue.open(db) as cat:
        cat.load_demo()
        cat.backup(tmp_path / "bk")
    with Catalogue.open(db) as cat:  # change the live database after the backup
        cat.import_file(write_csv(tmp_path / "n.csv", [good_row("NEW-1")]))
    assert run("--db", str(db), "--lang", "en", "restore", str(tmp_path / "bk")) == 1
    assert "--force" in capsys.readouterr().err
    with Catalogue.open(db) as cat:
        assert cat.project("NEW-1") is not None  # untouched
    capsys.readouterr()
    assert run("--db", str(db), "--lang", "en", "restore", str(tmp_path / "bk"), "--force") == 0
    said = capsys.readouterr().out
    assert "Discarded 2 changes made after the backup" in said  # the import: its event and the project's entry
    assert "import NEW-1" in said and "import: " in said
    (kept,) = tmp_path.glob("c.duckdb.before-restore-*")
    assert f"backed up in {kept}" in said
    with Catalogue.open(db) as cat:
        assert cat.project("NEW-1") is None
        cat.restore_from(kept)  # the restore undone
        assert cat.project("NEW-1") is not None


def test_a_restore_under_the_running_app_lists_and_records_what_it_discarded(tmp_path):
    with Catalogue.open(tmp_path / "c.duckdb") as cat:
        cat.load_demo()
        cat.backup(tmp_path / "bk")
        assert cat.restore_from(tmp_path / "bk")["discarded"] == {"count": 0, "by_table": {}, "latest": []}
        cat.import_file(write_csv(tmp_path / "n.csv", [good_row("NEW-2")]), actor="lan")
        cat.add_synonym("zq", "xử lý nước thải", added_by="lan")
        manifest = cat.restore_from(tmp_path / "bk")
        # the import's event, the project's entry, the synonym; newest first (the first restore's own
        # event is kept in the restored file's history, so it is not listed)
        whats = [c["what"] for c in manifest["discarded"]["latest"]]
        assert manifest["discarded"]["count"] == 3 and manifest["row_counts"]["projects"] > 0
        assert sorted(w.split()[0] for w in whats) == ["import", "import:", "synonym"]
        assert "import NEW-2" in whats and whats[0] == "synonym zq"
        assert [c["actor"] for c in manifest["discarded"]["latest"]] == ["lan", "lan", "lan"]
        assert cat.project("NEW-2") is None
        # nothing is lost for good: the database as it was is backed up beside it first
        assert Path(manifest["kept"]).name.startswith("c.duckdb.before-restore-")
        assert oct(Path(manifest["kept"]).stat().st_mode & 0o777) == "0o700"
        with cat.cursor() as cur:
            restores = [
                s for (s,) in cur.execute("select summary from events where kind = 'restore' order by id").fetchall()
            ]
        assert len(restores) == 2 and restores[0].startswith(f"from {tmp_path / 'bk'}: 0 changes discarded")
        assert restores[-1] == (
            f"from {tmp_path / 'bk'}: 3 changes discarded (imports 1, project changes 1, search synonyms 1); "
            f"the database before the restore is kept in {manifest['kept']}"
        )


def test_a_restore_lists_every_kind_of_change_it_discards_and_keeps_accounts_secure_and_sessions_open(tmp_path):
    from catalogue.leadership import plan
    from catalogue.staff import auth
    from catalogue.staff.inquiries import mark_answered
    from catalogue.staff.inquiries import submit as submit_inquiry
    from tests.conftest import PASSWORD

    form = {"name": "Jane", "organisation": "Green Capital", "country": "Singapore", "email": "jane@example.com"}
    form |= {"message": "We would like the feasibility study.", "consent": True}
    with Catalogue.open(tmp_path / "c.duckdb") as cat:
        cat.load_demo()
        for name in ("lan", "minh", "hoa"):
            auth.add_user(cat, name, PASSWORD, "staff")
        answered = submit_inquiry(cat, "DEMO-001", form, session="a").inquiry_id
        cat.backup(tmp_path / "bk")
        # after the backup: content that the restore throws away…
        submit_inquiry(cat, "DEMO-002", form, session="b")
        mark_answered(cat, answered, actor="lan", note="Sent the study by email")
        auth.add_user(cat, "tuan", PASSWORD, "reviewer")
        plan.record_progress(cat, "hn_275_2023", "I.2", 2024, "done", actor="lan", note="Đã trình")
        plan.record_measurement(
            cat, "hn_275_2023", "water_wastewater_equipment", 2024, 61, "Sở Công Thương", actor="lan"
        )
        cat.add_synonym("zq", "xử lý nước thải", added_by="lan")
        # …and account security, which it keeps; lan stays signed in
        auth.set_active(cat, "minh", False)
        auth.set_password(cat, "hoa", "new-" + PASSWORD)
        token = auth.start_session(cat, "lan")
        assert run("--db", str(tmp_path / "c.duckdb"), "user", "list") in (0, 1)  # a read: not a change
        manifest = cat.restore_from(tmp_path / "bk")
        discarded = manifest["discarded"]
        assert discarded["by_table"] == {
            "inquiries": 2,
            "users": 1,
            "task_progress": 1,
            "target_measurements": 1,
            "synonyms": 1,
        }
        whats = " | ".join(c["what"] for c in discarded["latest"])
        assert "account tuan · reviewer" in whats and "synonym zq" in whats and "task I.2 2024 · done" in whats
        assert "inquiry DEMO-002 · Green Capital · new" in whats and "· answered" in whats
        assert "{" not in whats and "admin" not in whats
        carried = {"sessions": 1, "disabled": ["minh"], "passwords": ["hoa"], "new_accounts": [], "newly_public": []}
        assert {k: v for k, v in manifest["carried"].items() if k != "audit_events"} == carried
        assert manifest["carried"]["audit_events"] == 0  # no admin call or restore since the backup
        assert auth.resume_session(cat, token).name == "lan"
        assert not auth.get_user(cat, "minh").active and auth.get_user(cat, "tuan") is None
        assert auth.sign_in(cat, "hoa", "new-" + PASSWORD).user is not None
        assert auth.sign_in(cat, "hoa", PASSWORD).user is None


def test_a_restore_says_what_the_backup_brings_and_keeps_the_audit_trail(tmp_path, capsys):
    """A backup folder can be edited: accounts and public projects that the replaced database did not
    have are named; the record of operations (admin calls) survives the restore."""
    from catalogue import admin
    from catalogue.staff import auth
    from tests.conftest import PASSWORD

    with Catalogue.open(tmp_path / "other.duckdb") as other:  # stands for an edited backup
        other.load_demo()
        auth.add_user(other, "evil", PASSWORD, "admin")
        other.import_file(write_csv(tmp_path / "n.csv", [good_row("HN-PLANTED")]))
        other.backup(tmp_path / "bk")
    db = tmp_path / "c.duckdb"
    with Catalogue.open(db) as cat:
        cat.load_demo()
        auth.add_user(cat, "lan", PASSWORD, "admin")
        admin.handle(cat, {"command": "user", "action": "disable", "name": "missing", "actor": "cli:ops"})
    capsys.readouterr()
    assert run("--db", str(db), "--lang", "en", "restore", "--force", str(tmp_path / "bk")) == 0
    said = capsys.readouterr()
    assert "the backup has accounts the replaced database did not: evil (admin)" in said.err
    assert "1 projects are public because of the restore (they were not before): HN-PLANTED" in said.err
    with Catalogue.open(db) as cat, cat.cursor() as cur:
        kept = cur.execute("select actor, summary from events where kind = 'admin'").fetchall()
    assert [actor for actor, _ in kept] == ["cli:ops"] and "missing" in kept[0][1]


def test_a_restore_refuses_a_linked_data_file(tmp_path):
    with Catalogue.open(tmp_path / "c.duckdb") as cat:
        cat.load_demo()
        cat.backup(tmp_path / "bk")
    (tmp_path / "bk" / "users.parquet").rename(tmp_path / "elsewhere.parquet")
    (tmp_path / "bk" / "users.parquet").symlink_to(tmp_path / "elsewhere.parquet")
    assert run("--db", str(tmp_path / "r.duckdb"), "restore", str(tmp_path / "bk")) == 1
    assert not (tmp_path / "r.duckdb").exists()


def test_restore_refuses_what_is_not_a_backup(tmp_path):
    (tmp_path / "junk").mkdir()
    assert run("--db", str(tmp_path / "c.duckdb"), "restore", str(tmp_path / "junk")) == 1
    assert not (tmp_path / "c.duckdb").exists()


def test_a_restore_runs_no_sql_from_the_backup_folder(tmp_path):
    """A backup folder is data: whatever someone wrote into its schema.sql or load.sql is never run."""
    with Catalogue.open(tmp_path / "c.duckdb") as cat:
        cat.load_demo()
        cat.backup(tmp_path / "bk")
        before = cat.projects(include_hidden=True)
        with cat.cursor() as cur:
            highest = cur.execute("select max(id) from events union all select max(id) from project_history").fetchall()
    planted = tmp_path / "planted.csv"
    for name in ("schema.sql", "load.sql"):
        with open(tmp_path / "bk" / name, "a", encoding="utf-8") as sql:
            sql.write(f"\nCOPY (SELECT 'x') TO '{planted}-{name}';\nCREATE TABLE planted (x INTEGER);\n")
    restored = tmp_path / "restored.duckdb"
    assert run("--db", str(restored), "restore", str(tmp_path / "bk")) == 0
    assert not list(tmp_path.glob("planted*"))
    with Catalogue.open(restored) as cat:
        assert cat.projects(include_hidden=True).equals(before)
        with cat.cursor() as cur:
            assert not cur.execute("select 1 from duckdb_tables() where table_name = 'planted'").fetchall()
        cat.import_file(write_csv(tmp_path / "n.csv", [good_row("NEW-1")]))  # numbered after the restored rows
        with cat.cursor() as cur:
            now = cur.execute("select max(id) from events union all select max(id) from project_history").fetchall()
        assert now[0][0] > highest[0][0] and now[1][0] > highest[1][0]


def test_a_restore_refuses_damaged_data_and_leaves_nothing(tmp_path, capsys):
    with Catalogue.open(tmp_path / "c.duckdb") as cat:
        cat.load_demo()
        cat.backup(tmp_path / "bk")
    target = tmp_path / "restored.duckdb"

    def damaged(change) -> Path:
        copy = tmp_path / f"bk-{len(list(tmp_path.glob('bk-*')))}"
        shutil.copytree(tmp_path / "bk", copy)
        change(copy)
        return copy

    def fewer_projects(folder: Path) -> None:
        duckdb.execute(
            f"copy (select * from read_parquet('{folder}/projects.parquet') limit 3) to '{folder}/p.parquet' (format parquet)"
        )
        (folder / "p.parquet").replace(folder / "projects.parquet")

    def manifest(folder: Path, **changes) -> None:
        data = json.loads((folder / "manifest.json").read_text())
        data.update(changes)
        (folder / "manifest.json").write_text(json.dumps(data))

    cases = {
        "match its recorded row counts": damaged(fewer_projects),
        "lacks the data file of table events": damaged(lambda f: (f / "events.parquet").unlink()),
        "cannot be read": damaged(lambda f: (f / "projects.parquet").write_bytes(b"not parquet")),
        "tables this program does not know (mystery)": damaged(
            lambda f: manifest(
                f, row_counts={**json.loads((f / "manifest.json").read_text())["row_counts"], "mystery": 1}
            )
        ),
        "not a catalogue backup": damaged(lambda f: manifest(f, schema_version="12; drop table users")),
    }
    for message, folder in cases.items():
        capsys.readouterr()
        assert run("--db", str(target), "--lang", "en", "restore", str(folder)) == 1, message
        assert message in capsys.readouterr().err
        assert not target.exists() and not list(tmp_path.glob("restored.duckdb.restoring-*"))


def test_a_backup_of_the_first_release_restores_into_todays_schema(tmp_path):
    from test_migrations import RELEASE

    folder = tmp_path / "bk"
    shutil.copytree(RELEASE, folder)
    counts = {
        p.stem: duckdb.execute(f"select count(*) from read_parquet('{p}')").fetchall()[0][0]
        for p in folder.glob("*.parquet")
    }
    (folder / "manifest.json").write_text(
        json.dumps({"format": "catalogue-backup/1", "schema_version": 10, "row_counts": counts})
    )
    target = tmp_path / "restored.duckdb"
    assert run("--db", str(target), "restore", str(folder)) == 0
    with Catalogue.open(target) as cat:
        assert cat.schema_version == LATEST_VERSION
        assert len(cat.projects(include_hidden=True)) == counts["projects"]
        with cat.cursor() as cur:
            assert cur.execute("select count(*) from project_history").fetchall()[0][0] == counts["project_history"]


def test_backup_while_another_process_holds_the_database(tmp_path):
    db = tmp_path / "c.duckdb"
    with Catalogue.open(db) as cat:
        cat.load_demo()
        expected = cat.count(include_hidden=True)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from catalogue import Catalogue\n"
            "from catalogue.admin import AdminServer\n"
            "cat = Catalogue.open(sys.argv[1]); AdminServer(lambda: cat, sys.argv[1]).start()\n"
            "print('ready', flush=True)\n"
            "time.sleep(60)",
            str(db),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        done = subprocess.run(
            [sys.executable, "-m", "catalogue", "--db", str(db), "--lang", "en", "backup", str(tmp_path / "live")],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert "The app is running on this database" in done.stderr
    finally:
        holder.kill()
        holder.wait()
    time.sleep(0.1)
    restored = tmp_path / "restored.duckdb"
    assert run("--db", str(restored), "restore", str(tmp_path / "live")) == 0
    with Catalogue.open(restored) as cat:
        assert cat.count(include_hidden=True) == expected


def test_default_database_path_follows_flag_then_environment(monkeypatch, tmp_path):
    from catalogue import resolve_db_path
    from catalogue.storage.database import DEFAULT_DB

    monkeypatch.setenv("CATALOGUE_DB", str(tmp_path / "env.duckdb"))
    assert resolve_db_path("x.duckdb") == Path("x.duckdb")
    assert resolve_db_path(None) == tmp_path / "env.duckdb"
    monkeypatch.delenv("CATALOGUE_DB")
    assert resolve_db_path(None) == DEFAULT_DB


def test_synonyms_can_be_listed_and_extended(tmp_path, capsys):
    db = str(tmp_path / "c.duckdb")
    assert run("--db", db, "init") == 0
    assert run("--db", db, "synonyms") == 0
    assert "xlnt\txử lý nước thải" in capsys.readouterr().out
    assert run("--db", db, "synonyms", "--add", "NMN", "nhà máy nước") == 0
    assert "nmn\tnhà máy nước" in capsys.readouterr().out
    assert run("--db", db, "--lang", "en", "synonyms", "--add", "two words", "x") == 1
    assert "single word" in capsys.readouterr().err


def test_the_database_and_its_log_are_the_service_users_alone(tmp_path):
    db = tmp_path / "c.duckdb"
    assert run("--db", str(db), "init", "--demo") == 0
    assert db.stat().st_mode & 0o777 == 0o600  # password hashes, sessions, investors' contacts
    db.chmod(0o644)  # a file made by an older release, or copied in
    with Catalogue.open(db) as cat:
        cat.import_file(write_csv(tmp_path / "n.csv", [good_row("NEW-9")]))
        wal = Path(str(db) + ".wal")
        assert db.stat().st_mode & 0o777 == 0o600
        assert not wal.exists() or wal.stat().st_mode & 0o077 == 0
