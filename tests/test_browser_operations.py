"""Operations beside a running app (issue 13): while an investor and a member of staff use the app
in Chromium and a client polls the read API, the CLI backs up, adds a user, imports and restores
through the app's local admin endpoint — and no open session shows an error."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from catalogue import Catalogue
from tests.browser import Server, browser_page, chromium_path, goto, no_exception, wait_idle
from tests.conftest import PASSWORD, ROOT, open_demo

pytestmark = pytest.mark.browser


def cli(db: Path, *arguments: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "catalogue", "--db", str(db), "--lang", "en", *arguments],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


class Poller(threading.Thread):
    """A client reading the API over and over; it records any answer that is not 200."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url, self.stop, self.answers, self.failures = url, threading.Event(), 0, []

    def run(self) -> None:
        while not self.stop.wait(0.5):  # twice a second: well within the API's limit per address
            try:
                with urllib.request.urlopen(self.url + "/api/v1/projects?q=nuoc+thai&per_page=5", timeout=60) as r:
                    json.loads(r.read())
                self.answers += 1
            except (urllib.error.URLError, OSError, ValueError) as error:
                self.failures.append(repr(error))


def test_backup_user_import_and_restore_from_the_cli_while_the_app_serves(tmp_path):
    chromium_path()
    db = tmp_path / "catalogue.duckdb"
    open_demo(db, "lan").close()
    server = Server(db, tmp_path / "streamlit.log")
    server.start()
    poller = Poller(server.url)
    try:
        endpoint = Path(str(db) + ".admin.json")
        assert endpoint.stat().st_mode & 0o777 == 0o600  # only the service's user reads the token
        poller.start()
        with browser_page() as investor, browser_page() as staff:
            goto(investor, f"{server.url}/project?code=DEMO-001")
            goto(staff, f"{server.url}/signin")
            staff.get_by_label("Tên đăng nhập").fill("lan")
            staff.get_by_label("Mật khẩu").fill(PASSWORD)
            staff.get_by_role("button", name="Đăng nhập").click()
            staff.get_by_text("Đã đăng nhập").first.wait_for()

            done = cli(db, "backup", str(tmp_path / "before"))
            assert done.returncode == 0 and "The app is running on this database" in done.stderr, done.stderr
            done = cli(db, "user", "add", "thu", "--role", "staff", "--password-stdin", stdin=PASSWORD + "\n")
            assert done.returncode == 0, done.stderr
            source = tmp_path / "new.csv"
            source.write_text(
                "Mã dự án,Tên dự án,Nhóm,Quận/huyện\nHN-OPS-1,Nhà máy quặng xenon,Dịch vụ môi trường,Gia Lâm\n"
            )
            done = cli(db, "import", "--publish", str(source))
            assert done.returncode == 0 and "1" in done.stdout, done.stderr
            goto(investor, f"{server.url}/?q=xenon")
            investor.get_by_text("HN-OPS-1").first.wait_for()  # the app's own index has it at once

            done = cli(db, "restore", "--force", str(tmp_path / "before"))
            assert done.returncode == 0, done.stderr
            for page in (investor, staff):  # the open sessions go on: rerun, navigate, no error
                page.reload()
                wait_idle(page)
                no_exception(page)
            # the staff member stays signed in (the sessions open now go on; the backup's own end)
            staff.get_by_text("Đã đăng nhập").first.wait_for()
            assert staff.get_by_label("Mật khẩu").count() == 0
            goto(investor, f"{server.url}/?q=xenon")
            assert investor.get_by_text("HN-OPS-1").count() == 0  # the backup was taken before the import
            goto(investor, f"{server.url}/project?code=DEMO-001")
            no_exception(investor)
            staff.get_by_role("link", name="Việc cần làm").first.click()
            wait_idle(staff)
            no_exception(staff)
    finally:
        poller.stop.set()
        poller.join(60)
        server.stop()
    assert poller.answers > 0 and poller.failures == []
    with Catalogue.open(db) as cat, cat.cursor() as cur:
        events = [s for (s,) in cur.execute("select summary from events where kind = 'admin' order by id").fetchall()]
        assert any('"command": "restore"' in s for s in events)  # recorded in the restored file
        assert all(PASSWORD not in s for s in events)
    assert not Path(str(db) + ".admin.json").exists()  # removed when the app stopped
