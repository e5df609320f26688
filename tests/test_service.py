"""Running as a service (issue 13): reads never wait for writes."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import pwd
import threading
from pathlib import Path

import pytest

from catalogue import Catalogue
from catalogue.staff import auth
from tests.conftest import PASSWORD, open_demo

DEADLOCK_GUARD = 60  # seconds: only a search that waits for the write would take this long


def csv_file(path: Path, *rows: str) -> Path:
    path.write_text("Mã dự án,Tên dự án,Nhóm,Quận/huyện\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def in_thread(work) -> tuple[threading.Thread, list]:
    out: list = []
    thread = threading.Thread(target=lambda: out.append(work()), daemon=True)
    thread.start()
    return thread, out


def test_a_search_answers_while_a_write_holds_the_write_lock(tmp_path):
    with open_demo(tmp_path / "c.duckdb") as cat:
        expected = [hit.code for hit in cat.search("nước thải làng nghề", limit=5)]
        inside, release = threading.Event(), threading.Event()

        def slow_write(cur):
            inside.set()
            assert release.wait(DEADLOCK_GUARD)
            cur.execute("update projects set capacity = capacity").fetchall()

        writer, _ = in_thread(lambda: cat.write(slow_write, event="projects"))
        assert inside.wait(DEADLOCK_GUARD)
        searcher, found = in_thread(lambda: [hit.code for hit in cat.search("nước thải làng nghề", limit=5)])
        searcher.join(DEADLOCK_GUARD)
        answered_during_write = not searcher.is_alive() and not release.is_set()
        release.set()
        writer.join(DEADLOCK_GUARD)
        assert answered_during_write, "the search waited for the write"
        assert found == [expected]


def test_searches_go_on_with_the_previous_snapshot_while_the_next_is_built(tmp_path):
    with open_demo(tmp_path / "c.duckdb") as cat:
        index = cat.search_index
        before = index.current
        building, release = threading.Event(), threading.Event()
        original_next = index._next

        def slow_next(rebuild: bool):
            building.set()
            assert release.wait(DEADLOCK_GUARD)
            return original_next(rebuild)

        index._next = slow_next
        path = csv_file(tmp_path / "new.csv", "HN-ZZ1,Nhà máy xử lý bùn thải zircon,Dịch vụ môi trường,Gia Lâm")
        writer, report = in_thread(lambda: cat.import_file(path, actor="lan"))
        assert building.wait(DEADLOCK_GUARD)  # committed; the writer builds the next snapshot
        searcher, found = in_thread(lambda: [hit.code for hit in cat.search("zircon")])
        searcher.join(DEADLOCK_GUARD)
        answered_while_building = not searcher.is_alive() and not release.is_set()
        release.set()
        writer.join(DEADLOCK_GUARD)
        assert answered_while_building
        assert found == [[]]  # the previous snapshot: the new project is not in it yet
        assert report[0].inserted == 1 and index.current is not before
        assert [hit.code for hit in cat.search("zircon")] == ["HN-ZZ1"]  # swapped in when the write returned


def test_the_writer_reads_its_own_write_and_the_old_snapshot_is_left_intact(tmp_path):
    with open_demo(tmp_path / "c.duckdb") as cat:
        old = cat.search_index.current
        old_codes = list(old.codes)
        cat.import_file(csv_file(tmp_path / "a.csv", "HN-ZZ2,Trạm quặng xenon,Dịch vụ môi trường,Gia Lâm"), actor="lan")
        assert [hit.code for hit in cat.search("xenon")] == ["HN-ZZ2"]  # no wait, no stale answer
        assert cat.search_index.delta_docs == 1  # folded in as a delta, not rebuilt
        assert old.codes == old_codes and "HN-ZZ2" not in old.doc_of_code  # copied, never changed in place


def test_only_changes_to_projects_or_synonyms_make_a_new_snapshot(tmp_path):
    with open_demo(tmp_path / "c.duckdb", "lan") as cat:
        index = cat.search_index
        swaps = index.swaps
        assert auth.sign_in(cat, "lan", PASSWORD).user is not None  # writes sessions and counters
        auth.start_session(cat, "lan")
        assert index.swaps == swaps and index.current is index.current
        cat.add_synonym("zq", "xử lý nước thải", added_by="lan")
        assert index.swaps == swaps + 1


def test_the_index_is_ready_before_the_first_search_when_prepared():
    with Catalogue.open(":memory:") as cat:
        cat.load_demo()
        assert cat._search_index is None  # the CLI and tests build it on first use
        cat.prepare_index()
        assert cat._search_index is not None and cat.search_index.build_seconds > 0


def test_two_administrators_demoting_each_other_at_once_leave_one(tmp_path, monkeypatch):
    with Catalogue.open(tmp_path / "c.duckdb") as cat:
        for name in ("anh", "binh"):
            auth.add_user(cat, name, PASSWORD, "admin")
        # Both requests read the accounts before either writes (what the old check outside the
        # write allowed): each would see two administrators and go ahead.
        both_read = threading.Barrier(2, timeout=5)
        original = auth.get_user

        def get_user_together(cat_, name):
            with contextlib.suppress(threading.BrokenBarrierError):
                both_read.wait()
            return original(cat_, name)

        monkeypatch.setattr(auth, "get_user", get_user_together)
        outcomes: dict[str, str] = {}

        def demote(name: str) -> None:
            try:
                auth.set_role(cat, name, "staff")
                outcomes[name] = "demoted"
            except auth.AccountError:
                outcomes[name] = "refused"

        threads = [threading.Thread(target=demote, args=(name,)) for name in ("anh", "binh")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(DEADLOCK_GUARD)
        monkeypatch.setattr(auth, "get_user", original)
        assert sorted(outcomes.values()) == ["demoted", "refused"]
        assert [u.name for u in auth.list_users(cat) if u.role == "admin" and u.active] != []


def test_concurrent_wrong_passwords_are_all_counted(tmp_path):
    with open_demo(tmp_path / "c.duckdb", "lan") as cat:
        threads = [
            threading.Thread(target=auth.sign_in, args=(cat, "lan", "wrong"), kwargs={"address": f"198.51.100.{i}"})
            for i in range(8)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(DEADLOCK_GUARD)
        assert auth.get_user(cat, "lan").failed_attempts == 8


READER = "from catalogue import Catalogue; c = Catalogue.open({path!r}, read_only=True); print(c.count())"


def test_several_processes_read_one_file_read_only_and_every_write_is_refused(tmp_path):
    import subprocess
    import sys

    from catalogue.errors import CatalogueError
    from catalogue.staff import editing

    path = tmp_path / "c.duckdb"
    open_demo(path, "lan").close()
    with Catalogue.open(path, read_only=True) as replica:
        other = subprocess.run([sys.executable, "-c", READER.format(path=str(path))], capture_output=True, text=True)
        assert other.returncode == 0 and int(other.stdout) == replica.count() > 0  # two processes at once
        assert replica.read_only and [h.code for h in replica.search("nước thải", limit=1)]
        refused = [
            lambda: replica.add_synonym("zz", "xử lý nước thải"),
            lambda: replica.import_file(csv_file(tmp_path / "a.csv", "HN-RO1,Nhà máy,Dịch vụ môi trường,Gia Lâm")),
            lambda: auth.sign_in(replica, "lan", "wrong"),
            lambda: auth.add_user(replica, "thu", PASSWORD, "staff"),
            lambda: editing.save_project(
                replica, editing.form_values(replica.project("DEMO-001")), actor="lan", base_version=1
            ),
        ]
        for write in refused:
            with pytest.raises(CatalogueError) as caught:
                write()
            assert "read-only" in caught.value.text("en") and "chỉ để đọc" in caught.value.text("vi")
        assert replica.count() == other_count(path)


def other_count(path) -> int:
    import subprocess
    import sys

    return int(
        subprocess.run([sys.executable, "-c", READER.format(path=str(path))], capture_output=True, text=True).stdout
    )


def test_a_locked_file_is_recognised_by_the_operating_systems_lock_not_by_words(tmp_path):
    import subprocess
    import sys

    from catalogue.errors import DatabaseLockedError
    from catalogue.storage.database import held_by_another_process

    path = tmp_path / "c.duckdb"
    Catalogue.open(path).close()
    assert not held_by_another_process(path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, sys, time; c = duckdb.connect({str(path)!r}); print('held', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        assert held_by_another_process(path)
        with pytest.raises(DatabaseLockedError):
            Catalogue.open(path)
    finally:
        holder.kill()
        holder.wait()
    (tmp_path / "garbage.duckdb").write_bytes(b"not a database" * 1000)
    with pytest.raises(Exception) as caught:  # an I/O error that is no lock stays what it is
        Catalogue.open(tmp_path / "garbage.duckdb")
    assert not isinstance(caught.value, DatabaseLockedError)


def test_a_restore_keeps_the_open_sessions_not_the_backups_and_a_failed_admin_call_says_why(tmp_path):
    from catalogue import admin

    with open_demo(tmp_path / "c.duckdb", "lan") as cat:
        signed_out, still_open = auth.start_session(cat, "lan"), auth.start_session(cat, "lan")
        cat.backup(tmp_path / "before")
        auth.end_session(cat, signed_out)  # after the backup
        later = auth.start_session(cat, "lan")
        cat.restore_from(tmp_path / "before")
        assert auth.resume_session(cat, signed_out) is None  # open in the backup, ended since: stays ended
        assert auth.resume_session(cat, still_open) is not None and auth.resume_session(cat, later) is not None
        status, answer = admin.handle(cat, {"command": "drop everything"})
        assert status == 400 and answer["message"]["vi"] and answer["message"]["en"] == "Unknown command"
        (tmp_path / "a-file").write_text("x")
        status, answer = admin.handle(cat, {"command": "backup", "directory": str(tmp_path / "a-file" / "sub")})
        assert status == 500 and "could not" in answer["message"]["en"] and answer["message"]["vi"]
        status, answer = admin.handle(cat, {"command": "backup", "directory": str(tmp_path / "before")})
        assert status == 409  # not empty: refused, and the refusal is recorded
        with cat.cursor() as cur:
            summaries = [s for (s,) in cur.execute("select summary from events where kind = 'admin'").fetchall()]
        assert any('"refused"' in s for s in summaries) and any('"failed"' in s for s in summaries)


def test_many_searches_at_once_share_one_snapshot_without_errors():
    with Catalogue.open(":memory:") as cat:
        cat.load_demo()
        words = ["nước", "thải", "rác", "lò", "đốt", "điện", "mặt", "trời", "bùn", "khí", "nhựa", "phân"]
        queries = [f"{a} {b}{suffix}" for a in words for b in words for suffix in ("", "x")]  # evicts caches
        failures: list[BaseException] = []

        def search(start: int) -> None:
            try:
                for query in queries[start::8]:
                    cat.search(query, limit=5)
            except BaseException as error:
                failures.append(error)

        threads = [threading.Thread(target=search, args=(i,)) for i in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(DEADLOCK_GUARD)
        assert failures == []


def test_user_list_says_the_same_through_the_running_app_as_from_the_file(tmp_path, capsys):
    from catalogue import admin, cli
    from catalogue.text import t

    db = tmp_path / "c.duckdb"
    with open_demo(db, "lan", "minh") as cat:
        with cat.cursor() as cur:  # "minh" locked out for an hour by wrong passwords
            locked = auth._now() + dt.timedelta(hours=1)
            cur.execute("update users set failed_attempts = 5, locked_until = ? where name = 'minh'", [locked])
        server = admin.AdminServer(lambda: cat, db).start()
        try:
            assert cli.main(["user", "list", "--db", str(db)]) == 0
            through_app = capsys.readouterr()
            admin.call(
                db, {"command": "user", "action": "list", "name": "", "actor": "somebody-else"}
            )  # a claimed name
        finally:
            server.stop()
        with cat.cursor() as cur:
            actors = {a for (a,) in cur.execute("select actor from events where kind = 'admin'").fetchall()}
        assert actors == {"cli:" + pwd.getpwuid(os.getuid()).pw_name}  # who called, as the kernel says
    assert cli.main(["user", "list", "--db", str(db)]) == 0
    from_file = capsys.readouterr()
    assert t("cli.via_app", "vi") in through_app.err and from_file.err == ""  # the first did go through the app
    assert through_app.out == from_file.out
    minh = next(line for line in from_file.out.splitlines() if line.startswith("minh\t"))
    assert f"locked until {locked:%Y-%m-%d %H:%M} UTC" in minh


def test_reads_are_remembered_per_data_version_and_a_write_starts_afresh(tmp_path):
    with open_demo(tmp_path / "c.duckdb", "lan") as cat:
        queries = []
        real_cursor = cat.database.cursor

        def counting_cursor():
            queries.append(1)
            return real_cursor()

        cat.database.cursor = counting_cursor
        rows = cat.rows(["DEMO-003", "DEMO-001", "DEMO-003", "NOPE"])
        assert [row["code"] for row in rows] == ["DEMO-003", "DEMO-001"]  # in the order asked, once each
        asked = len(queries)
        assert cat.rows(["DEMO-001", "DEMO-003"]) == [rows[1], rows[0]] and cat.count() == cat.count()
        assert cat.similar("DEMO-001") == cat.similar("DEMO-001")
        # the count once; the similar projects once (with the project's own row as staff see it); the rows not again
        assert len(queries) == asked + 3
        assert cat.project("DEMO-012") is None and cat.project("DEMO-012", include_hidden=True) is not None  # a draft

        before = cat.project("DEMO-001")["capacity"]
        editing_input = {**cat.project("DEMO-001"), "capacity": "999 tấn/ngày"}
        from catalogue.staff import editing

        form = {name: editing_input.get(name) for name in editing.COLUMN_NAMES}
        outcome = editing.save_project(cat, form, actor="lan", base_version=editing_input["version"])
        assert outcome.ok and before != "999 tấn/ngày"
        assert cat.project("DEMO-001")["capacity"] == "999 tấn/ngày"  # the write started a new version


def test_the_cli_sends_nothing_to_an_endpoint_file_left_by_an_app_that_died(tmp_path):
    import json
    import socket

    from catalogue import admin

    db = tmp_path / "c.duckdb"
    open_demo(db).close()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.5)
    try:  # a stale file (the app was killed) naming a port someone else now listens on
        stale = {"address": "127.0.0.1", "port": listener.getsockname()[1], "token": "t", "pid": 4999999}
        admin.endpoint_file(db).write_text(json.dumps(stale))
        with pytest.raises(admin.AppNotAnswering):
            admin.call(db, {"command": "user", "action": "add", "name": "x", "password": "secret"})
        with pytest.raises(TimeoutError):
            listener.accept()  # nothing was sent
    finally:
        listener.close()
