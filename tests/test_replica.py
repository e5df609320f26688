"""Published snapshots, read-only replicas and forwarded requests (issue 19), without processes:
what a snapshot holds and leaves out, how a replica follows newer ones, and how an inquiry or an
alert sign-up taken on a replica reaches the primary once."""

from __future__ import annotations

import asyncio
import http.server
import json
import os
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import ClassVar

import duckdb
import pytest
from starlette.requests import Request

from catalogue import Catalogue
from catalogue.api import Routes
from catalogue.projects import alerts
from catalogue.projects.documents import add_document, remove_document
from catalogue.replica import forwarding, snapshots
from catalogue.replica.follower import MAX_RETIRED, SnapshotFollower
from catalogue.staff import inquiries
from tests.conftest import open_demo
from tests.test_investor import GOOD

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"
SECRET = "zirconium-secret-note"


def hidden_codes(cat: Catalogue) -> list[str]:
    public = set(cat.projects()["code"])
    with cat.cursor() as cur:
        return sorted(code for (code,) in cur.execute("select code from projects").fetchall() if code not in public)


@pytest.fixture
def primary(tmp_path: Path) -> Iterator[Catalogue]:
    """The demo catalogue with everything a snapshot must leave out: accounts, an inquiry, an alert
    address, staff notes, a hidden project's document and a removed one."""
    with open_demo(tmp_path / "primary.duckdb", "lan") as cat:
        assert inquiries.submit(cat, "DEMO-001", dict(GOOD), session="s1").stored
        request = alerts.checked_request(cat, "watcher@example.org", {"q": "bùn"}, "en", consent=True)
        cat.write(
            lambda cur: cur.execute(
                "insert into alert_subscriptions (id, email, lang, view, confirm_token, unsubscribe_token, "
                "consent_at, created_at) values (?, ?, 'en', '{}', 'c', 'u', now(), now())",
                [request["id"], request["email"]],
            )
        )
        cat.write(
            lambda cur: cur.execute(
                "update projects set review_comment = ?, source_note = ?, investor = ? where code = 'DEMO-002'",
                [SECRET, SECRET, SECRET],
            )
        )
        hidden = hidden_codes(cat)[0]
        add_document(cat, "DEMO-001", PDF, "study.pdf", kind="prefeasibility", language="vi", actor="lan")
        add_document(cat, hidden, PDF + b" ", "hidden.pdf", kind="prefeasibility", language="vi", actor="lan")
        gone = add_document(cat, "DEMO-003", PDF + b"  ", "gone.pdf", kind="prefeasibility", language="vi", actor="lan")
        remove_document(cat, gone.id, actor="lan")
        yield cat


def test_a_snapshot_holds_what_the_public_sees_and_nothing_private(primary, tmp_path):
    manifest = snapshots.write_snapshot(primary, tmp_path / "snap")
    assert manifest.rows["projects"] == primary.count() < len(primary.projects(include_hidden=True))
    with Catalogue.open(tmp_path / "snap" / manifest.file, read_only=True) as replica, replica.cursor() as cur:
        assert replica.read_only and replica.count() == primary.count()
        assert sorted(replica.projects()["code"]) == sorted(primary.projects()["code"])
        for table in snapshots.PRIVATE_TABLES:
            assert cur.execute(f"select count(*) from {table}").fetchall()[0][0] == 0, table
        for code in hidden_codes(primary):
            assert replica.project(code, include_hidden=True) is None
        dumped = json.dumps(cur.execute("select * from projects").df().astype(str).values.tolist())
        history = json.dumps(cur.execute("select * from project_history").df().astype(str).values.tolist())
        assert SECRET not in dumped and SECRET not in history
        assert cur.execute("select count(*) from project_history where actor is not null").fetchall()[0][0] == 0
        assert cur.execute("select file_name from project_documents").fetchall() == [("study.pdf",)]
        assert [h.code for h in replica.search("lò đốt rác", limit=3)] == [
            h.code for h in primary.search("lò đốt rác", limit=3)
        ]
    assert snapshots.file_sha256(tmp_path / "snap" / manifest.file) == manifest.sha256
    assert oct(os.stat(tmp_path / "snap" / manifest.file).st_mode & 0o777) == "0o644"


def test_a_replica_takes_only_a_whole_snapshot_of_its_own_schema_and_old_ones_are_pruned(primary, tmp_path):
    folder = tmp_path / "snap"
    made = [snapshots.write_snapshot(primary, folder, keep=3) for _ in range(5)]
    assert [m.version for m in snapshots.manifests(folder)] == [3, 4, 5]
    assert sorted(p.name for p in folder.glob("*.duckdb")) == [m.file for m in made[2:]]
    assert snapshots.newest(folder).version == 5
    newest = folder / made[-1].file
    data = newest.read_bytes()
    newest.write_bytes(data[:-1] + bytes([data[-1] ^ 0xFF]))  # same size, other bytes: a torn copy
    assert snapshots.newest(folder).version == 4
    manifest = folder / "snapshot-000004.json"
    manifest.write_text(manifest.read_text().replace('"schema_version": ', '"schema_version": 9'))
    assert snapshots.newest(folder).version == 3
    assert snapshots.newest(folder, after=3) is None


def test_a_replica_follows_newer_snapshots_and_a_page_on_the_older_one_finishes(primary, tmp_path):
    folder = tmp_path / "snap"
    snapshots.write_snapshot(primary, folder)
    follower = SnapshotFollower(folder, interval=0.05).start()
    try:
        before = follower.current()
        assert before.project("DEMO-004")["name_vi"] == primary.project("DEMO-004")["name_vi"]
        assert not follower.check()  # nothing newer
        primary.write(lambda cur: cur.execute("update projects set name_vi = 'Tên mới' where code = 'DEMO-004'"))
        publisher = snapshots.SnapshotPublisher(lambda: primary, folder, min_seconds=0.0)
        publisher.changed("inquiries")  # a private write: no snapshot
        assert not publisher._dirty.is_set()
        publisher.changed("projects")
        assert publisher._dirty.is_set()
        snapshots.write_snapshot(primary, folder)
        deadline = threading.Event()
        for _ in range(100):
            if follower.current() is not before:
                break
            deadline.wait(0.05)
        after = follower.current()
        assert after is not before and follower.manifest.version == 2
        assert after.project("DEMO-004")["name_vi"] == "Tên mới"
        assert before.project("DEMO-004")["name_vi"] != "Tên mới"  # still open for a run that began on it
        assert [h.code for h in after.search("Tên mới", limit=1)] == ["DEMO-004"]  # its index was built aside
        follower.stop()  # from here the test takes each snapshot itself
        threading.Event().wait(0.2)
        for _ in range(3):  # snapshots in quick succession: only the last few replaced ones stay open
            snapshots.write_snapshot(primary, folder)
            assert follower.check()
        assert len(follower._retired) == MAX_RETIRED
        with pytest.raises(duckdb.ConnectionException):
            before.count()  # the oldest was closed, not kept with its index
    finally:
        follower.stop()


def test_a_publisher_writes_one_snapshot_for_a_burst_of_changes(primary, tmp_path):
    publisher = snapshots.SnapshotPublisher(lambda: primary, tmp_path / "snap", min_seconds=0.5).start()
    try:
        for _ in range(60):
            if publisher.last is not None:
                break
            threading.Event().wait(0.05)
        assert publisher.last.version == 1
        for n in range(5):
            primary.write(lambda cur, n=n: cur.execute(f"update projects set name_en = 'x{n}' where code = 'DEMO-001'"))
        for _ in range(100):
            if publisher.last.version >= 2:
                break
            threading.Event().wait(0.05)
        threading.Event().wait(0.8)
        assert publisher.last.version == 2  # five saves within the interval, one snapshot
        with Catalogue.open(tmp_path / "snap" / publisher.last.file, read_only=True) as replica:
            assert replica.project("DEMO-001")["name_en"] == "x4"
    finally:
        publisher.stop()


# --- forwarding ----------------------------------------------------------------------------------


def inquiry_message(code: str = "DEMO-001", message_id: str = "a1b2c3d4e5f6") -> dict:
    values, errors = inquiries.check(dict(GOOD))
    assert not errors
    return {
        "kind": "inquiry",
        "id": message_id,
        "code": code,
        "values": {k: v for k, v in values.items() if k != "consent"},
        "lang": "en",
        "reference": "YC-20261130-ABCD",
        "created_at": "2026-11-30T03:00:00",
    }


def test_the_primary_keeps_a_forwarded_inquiry_once_with_the_replicas_reference(demo_cat):
    first = forwarding.accept(demo_cat, inquiry_message(), mailer=None, base="http://x")
    again = forwarding.accept(demo_cat, inquiry_message(), mailer=None, base="http://x")
    assert (first["stored"], again["stored"]) == (True, False)
    stored = inquiries.inbox(demo_cat, code="DEMO-001")
    assert len(stored) == 1 and stored.iloc[0]["email"] == GOOD["email"]
    with demo_cat.cursor() as cur:
        assert cur.execute("select reference from inquiries").fetchall() == [("YC-20261130-ABCD",)]
    with pytest.raises(forwarding.ForwardRefused):
        forwarding.accept(demo_cat, inquiry_message("NO-SUCH", "ffffeeeeddddcccc"), mailer=None, base="http://x")
    with pytest.raises(forwarding.ForwardRefused):
        forwarding.accept(demo_cat, {**inquiry_message(), "id": "../../etc"}, mailer=None, base="http://x")


def test_the_primary_counts_the_limits_across_replicas(demo_cat):
    """One e-mail, one inquiry per project, each through another replica and session: the per-e-mail
    limit (3 an hour) holds on the primary, and the fourth is refused with the investor's message."""
    for n, code in enumerate(("DEMO-001", "DEMO-002", "DEMO-003")):
        message = {**inquiry_message(code, f"flood{n:08d}"), "session": f"replica-{n}", "address": f"10.0.0.{n}"}
        assert forwarding.accept(demo_cat, message, mailer=None, base="http://x")["stored"]
    fourth = {**inquiry_message("DEMO-005", "flood00000004"), "session": "replica-3", "address": "10.0.0.9"}
    with pytest.raises(forwarding.ForwardRefused) as refused:
        forwarding.accept(demo_cat, fourth, mailer=None, base="http://x")
    assert refused.value.status == 429 and refused.value.message == inquiries.TOO_MANY.as_dict()
    assert len(inquiries.inbox(demo_cat)) == 3


class Mailbox:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def send(self, to: str, subject: str, body: str, headers: object = None) -> None:
        self.sent.append((to, body))


def test_a_forwarded_alert_sign_up_is_kept_and_mailed_once(demo_cat):
    request = alerts.checked_request(demo_cat, " someone@example.org ", {"q": "bùn", "page": "2"}, "en", consent=True)
    assert request["email"] == "someone@example.org" and request["view"] == {"q": "bùn"}
    mailbox = Mailbox()
    message = {**request, "kind": "alert"}
    for _ in range(2):
        assert forwarding.accept(demo_cat, message, mailer=mailbox, base="http://public")["stored"]
    assert len(mailbox.sent) == 1 and "http://public/alerts/confirm?token=" in mailbox.sent[0][1]
    with pytest.raises(alerts.AlertError):
        alerts.checked_request(demo_cat, "someone@example.org", {}, "en", consent=False)


def call(
    routes: Routes, path: str, body: bytes, headers: dict[str, str], method: str = "POST", query: bytes = b""
) -> tuple[int, dict | str]:
    route = next(r for r in routes.routes() if getattr(r, "path", "") == path)
    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "query_string": query,
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 8501),
        "scheme": "http",
    }

    async def receive() -> dict:
        return {"type": "http.request", "body": body, "more_body": False}

    answer = route.endpoint(Request(scope, receive))
    if asyncio.iscoroutine(answer):  # on a thread of its own: the worker may hold Playwright's running loop
        with ThreadPoolExecutor(1) as pool:
            response = pool.submit(asyncio.run, answer).result()
    else:
        response = answer
    if response.headers.get("content-type", "").startswith("application/json"):
        return response.status_code, json.loads(response.body)
    return response.status_code, response.body.decode()


def test_alert_links_that_reach_a_replica_ask_to_come_back_and_write_nothing(primary, tmp_path):
    manifest = snapshots.write_snapshot(primary, tmp_path / "snap")
    with Catalogue.open(tmp_path / "snap" / manifest.file, read_only=True) as replica:
        routes = Routes(lambda: replica)
        for path in ("/alerts/confirm", "/alerts/unsubscribe"):
            status, page = call(routes, path, b"", {}, method="GET", query=b"token=abc&lang=en")
            assert status == 503 and "open the link in the message again" in page
        assert call(routes, "/internal/forward", b"{}", {})[0] == 403
        signed_out = {"Cookie": "catalogue_session=abc", "Sec-Fetch-Site": "same-origin"}
        assert call(routes, "/auth/signout", b"", signed_out)[0] == 200  # the cookie cleared, nothing written


def test_the_forward_endpoint_answers_only_the_replicas_token(demo_cat, monkeypatch):
    routes = Routes(lambda: demo_cat)
    body = json.dumps(inquiry_message()).encode()
    monkeypatch.delenv("CATALOGUE_FORWARD_TOKEN", raising=False)
    assert call(routes, "/internal/forward", body, {"Authorization": "Bearer "})[0] == 403  # none configured
    monkeypatch.setenv("CATALOGUE_FORWARD_TOKEN", "right-token-123")
    assert call(routes, "/internal/forward", body, {"Authorization": "Bearer wrong"})[0] == 403
    assert call(routes, "/internal/forward", body, {})[0] == 403
    good = {"Authorization": "Bearer right-token-123"}
    assert call(routes, "/internal/forward", body, good) == (
        200,
        {"kind": "inquiry", "id": "a1b2c3d4e5f6", "reference": "YC-20261130-ABCD", "stored": True},
    )
    assert call(routes, "/internal/forward", body, good)[1]["stored"] is False
    assert call(routes, "/internal/forward", b"{not json", good)[0] == 422
    assert call(routes, "/internal/forward", b"x" * 70_000, good)[0] == 413


class Primary(http.server.BaseHTTPRequestHandler):
    """A stand-in primary: answers each POST with the next status in ``script``."""

    script: ClassVar[list[int]] = []
    received: ClassVar[list[dict]] = []

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        Primary.received.append(json.loads(self.rfile.read(length)))
        status = Primary.script.pop(0) if Primary.script else 200
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args: object) -> None:
        pass


def test_a_replica_queues_on_disk_and_sends_once_the_primary_answers(tmp_path):
    spool = forwarding.Spool(tmp_path / "spool")
    kept, new = spool.put("inquiry", inquiry_message())
    again, new_again = spool.put("inquiry", {**inquiry_message(), "reference": "YC-OTHER"})  # the form sent twice
    assert new and not new_again and again["reference"] == kept["reference"] == "YC-20261130-ABCD"
    spool.put("inquiry", inquiry_message(message_id="b1b2c3d4e5f6"))
    with pytest.raises(ValueError):
        spool.put("inquiry", inquiry_message(message_id="../x"))

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Primary)
    port = server.server_address[1]
    server.server_close()  # the primary is away: nothing listens on the port
    sender = forwarding.Forwarder(spool, f"http://127.0.0.1:{port}", "t0k3n", timeout=2)
    assert sender.send_pending() == -1 and spool.count() == 2  # kept for later

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Primary)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        Primary.received.clear()
        Primary.script[:] = [503]  # restarting: try again later, the order kept
        assert sender.send_pending() == -1 and spool.count() == 2
        Primary.script[:] = [200, 422]  # the first kept, the second refused for good
        assert sender.send_pending() == 1
        assert (spool.count(), spool.count("sent"), spool.count("rejected")) == (0, 1, 1)
        assert [m["id"] for m in Primary.received] == ["a1b2c3d4e5f6", "a1b2c3d4e5f6", "b1b2c3d4e5f6"]
        assert spool.put("inquiry", inquiry_message())[1] is False  # already sent: still the same one

        # A visitor's request is sent at once when the primary answers; its refusal is read at once.
        Primary.script[:] = [200]
        answer, delivered = sender.deliver("inquiry", inquiry_message(message_id="c1b2c3d4e5f6"))
        assert delivered and answer == {} and spool.count() == 0
        Primary.script[:] = [429]
        with pytest.raises(forwarding.ForwardRefused) as refused:
            sender.deliver("inquiry", inquiry_message(message_id="d1b2c3d4e5f6"))
        assert refused.value.status == 429 and spool.count() == 0  # refused, not queued
    finally:
        server.shutdown()
        server.server_close()


# --- the app in replica mode (AppTest) -----------------------------------------------------------


@pytest.fixture
def replica_app(primary, tmp_path, monkeypatch) -> Iterator[Path]:
    """The app as a public replica of ``primary``'s snapshot, forwarding to a primary that is away."""
    import streamlit as st

    snapshots.write_snapshot(primary, tmp_path / "snap")
    monkeypatch.setenv("CATALOGUE_REPLICA", str(tmp_path / "snap"))
    monkeypatch.setenv("CATALOGUE_PRIMARY_URL", "http://127.0.0.1:9")  # nothing listens: requests wait
    monkeypatch.setenv("CATALOGUE_SPOOL", str(tmp_path / "spool"))
    st.cache_resource.clear()
    yield tmp_path / "spool"
    st.cache_resource.clear()


def test_a_replica_serves_every_public_page_without_staff_pages(replica_app):
    from streamlit.testing.v1 import AppTest

    from tests.test_app import APP, open_app

    at = open_app()
    assert not at.exception and "65" in " ".join(m.value for m in at.markdown)
    for page, params in (("project.py", {"code": "DEMO-001"}), ("dashboard.py", {}), ("plan.py", {})):
        shown = open_app(params, page=page)
        assert not shown.exception, (page, shown.exception)
    probe = AppTest.from_file(APP, default_timeout=60).run()
    for staff_page in ("edit.py", "inbox.py", "signin.py", "users.py"):
        with pytest.raises(ValueError, match="Could not find a navigation page") as refused:
            probe.switch_page(staff_page)
        known = str(refused.value).split("Known pages:")[1]
        assert "plan.py" in known and "signin.py" not in known and "edit.py" not in known


def test_an_inquiry_on_a_replica_is_queued_for_the_primary_with_its_reference(replica_app):
    from tests.test_app import fill_inquiry, open_app

    at = open_app({"code": "DEMO-047"}, page="project.py")
    fill_inquiry(
        at,
        name="Lê Minh",
        organisation="Vina Green",
        country="VN",
        email="minh@vinagreen.example",
        message="Xin hồ sơ khả thi và hiện trạng đất.",
        consent=True,
    )
    assert not at.exception and at.success and "Đã nhận" in at.success[0].value
    queued = [json.loads(p.read_text()) for p in (replica_app / "pending").glob("*.json")]
    assert len(queued) == 1 and queued[0]["code"] == "DEMO-047" and queued[0]["kind"] == "inquiry"
    assert queued[0]["reference"] in at.success[0].value  # the number the investor was given is the one kept
    assert queued[0]["values"]["email"] == "minh@vinagreen.example" and "consent" not in queued[0]["values"]
