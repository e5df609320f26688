"""The deployment of issue 19 on this machine: one primary, two public replicas and nginx
(deploy/local_cluster.py), all on loopback ports. A visitor's path through the load balancer, a
publication reaching every replica, an inquiry sent on a replica arriving once at the primary, a
replica killed, the primary killed and back.

Needs Debian's nginx (``.ci/run`` installs it and sets CATALOGUE_REQUIRE_NGINX=1: then a missing
nginx fails the run instead of skipping it).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from catalogue import Catalogue
from catalogue.staff import inquiries
from tests.browser import browser_page, goto, no_exception, wait_idle
from tests.conftest import PASSWORD, open_demo
from tests.test_alerts import Inbox, body, smtp_server
from tests.test_browser_alerts import leave_alert, wait_for_mail

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy"))
import local_cluster  # noqa: E402

if local_cluster.nginx_binary() is None:
    if os.environ.get("CATALOGUE_REQUIRE_NGINX") == "1":
        raise RuntimeError("nginx is required here (apt-get install nginx)")
    pytest.skip("nginx is not installed", allow_module_level=True)

NEW_CODE = "HN-REPLICA-01"


def get(url: str, cookie: str | None = None, timeout: float = 10) -> tuple[int, bytes, dict]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def health(url: str, cookie: str | None = None) -> dict:
    status, body, _ = get(url + "/healthz", cookie)
    assert status == 200, body
    return json.loads(body)


def all_in_rotation(cluster: local_cluster.Cluster, timeout: float = 30) -> None:
    """Wait until the health watch has every replica in rotation (one restarted by a test before)."""
    deadline = time.monotonic() + timeout
    while cluster.watch.down and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not cluster.watch.down, cluster.watch.changes
    time.sleep(0.5)  # nginx's graceful reload: the new workers take over


def visitor_on(cluster: local_cluster.Cluster, member: local_cluster.Member) -> str:
    """The route cookie of a new visitor whom nginx sends to ``member``. Tried for up to 30 s: a member
    that failed a request in an earlier test sits out nginx's own fail_timeout (10 s, max_fails=1)
    even once the health watch has it in rotation (CI saw 40 quick tries all go to the other one)."""
    deadline = time.monotonic() + 30
    tries = 0
    while time.monotonic() < deadline:
        for _ in range(10):
            tries += 1
            _status, _body, headers = get(cluster.public_url + "/")
            candidate = headers["Set-Cookie"].split(";")[0]
            if health(cluster.public_url, candidate)["pid"] == member.process.pid:
                return candidate
        time.sleep(1)
    raise AssertionError(f"no visitor routed to {member.name} in {tries} tries over 30 s")


@pytest.fixture(scope="module")
def inbox() -> Iterator[Inbox]:
    """The primary's mail server for alerts (aiosmtpd on loopback)."""
    with smtp_server() as box:
        yield box


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, inbox) -> Iterator[local_cluster.Cluster]:
    where = tmp_path_factory.mktemp("cluster")
    with open_demo(where / "seed.duckdb", "lan", "minh"):
        pass
    settings = {
        "CATALOGUE_MAP_TILES": "none",
        "CATALOGUE_SMTP_HOST": "127.0.0.1",
        "CATALOGUE_SMTP_PORT": str(inbox.port),
    }
    cluster = local_cluster.Cluster(where / "run", replicas=2, db=where / "seed.duckdb", extra_env=settings)
    with cluster.start():
        yield cluster


def test_visitors_are_spread_over_the_replicas_and_each_stays_on_one(cluster):
    all_in_rotation(cluster)
    status, _body, headers = get(cluster.public_url + "/")
    assert status == 200 and headers["Set-Cookie"].startswith("catalogue_route=")
    cookie = headers["Set-Cookie"].split(";")[0]
    replicas = {m.process.pid for m in cluster.replica_members()}
    stuck = {health(cluster.public_url, cookie)["pid"] for _ in range(10)}
    assert len(stuck) == 1 and stuck <= replicas  # one visitor, one replica (its WebSocket's process)
    spread = {health(cluster.public_url)["pid"] for _ in range(30)}
    assert spread == replicas  # new visitors land on both
    shown = json.loads(get(cluster.public_url + "/api/v1/projects?per_page=1")[1])["total"]
    assert shown == 65  # the demo's public projects, read from a snapshot


def test_staff_paths_lead_to_the_primary_and_the_internal_route_is_not_public(cluster):
    assert health(cluster.public_url + "/staff")["role"] == "primary"
    assert health(cluster.public_url)["role"] == "replica"
    status, _body, headers = get(cluster.public_url + "/signin?lang=en")
    assert status == 302 and headers["Location"].endswith("/staff/signin?lang=en")
    assert get(cluster.public_url + "/internal/forward")[0] == 404
    # Streamlit's counters name the caches and their sizes: not for the public (a helper read them)
    assert get(cluster.public_url + "/_stcore/metrics")[0] == 404
    assert get(cluster.public_url + "/staff/_stcore/metrics")[0] == 404
    assert get(cluster.primary.url + "/staff/")[0] == 200
    for member in cluster.replica_members():  # a replica itself has no staff pages and refuses writes
        assert json.loads(get(member.url + "/api/v1/projects?per_page=1")[1])["total"] == 65


def publish(cluster: local_cluster.Cluster, code: str, name: str) -> float:
    """A staff member publishes a new project (the CLI's import, through the running primary)."""
    source = cluster.workdir / f"{code}.csv"
    source.write_text(
        f"Mã dự án,Tên dự án,Nhóm,Quận/huyện\n{code},{name},Dịch vụ môi trường,Gia Lâm\n", encoding="utf-8"
    )
    db = cluster.workdir / "primary.duckdb"
    command = [sys.executable, "-m", "catalogue", "import", str(source), "--publish", "--db", str(db)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return time.monotonic()


def test_a_published_project_is_on_every_replica_within_ten_seconds(cluster):
    published = publish(cluster, NEW_CODE, "Nhà máy xử lý bùn thải thử bản sao")
    waiting = {m.name: m.url for m in cluster.replica_members()}
    seen: dict[str, float] = {}
    while waiting and time.monotonic() - published < 20:
        for name, url in list(waiting.items()):
            if get(f"{url}/api/v1/projects/{NEW_CODE}")[0] == 200:
                seen[name] = time.monotonic() - published
                del waiting[name]
        time.sleep(0.2)
    assert not waiting, f"not on {sorted(waiting)} after 20 s"
    assert max(seen.values()) <= 10, seen


def send_inquiry(page, url: str, message: str) -> str:
    goto(page, f"{url}/project?code=DEMO-005&lang=en")
    page.get_by_role("button", name="Contact us about this project").click()
    page.get_by_label("Name").fill("Jane Investor")
    page.get_by_label("Organisation").fill("Green Capital Ltd")
    page.locator("[data-testid='stSelectbox']").filter(has_text="Country").click()
    page.keyboard.type("Singap")
    page.get_by_role("option", name="Singapore").click()
    page.get_by_label("Email").fill("jane@example.com")
    page.get_by_label("Message").fill(message)
    page.get_by_text("I agree").click()
    page.get_by_role("button", name="Send").click()
    wait_idle(page)
    page.get_by_text("Your inquiry has been received").wait_for()
    no_exception(page)
    return page.locator("[data-testid='stAlertContentSuccess']").first.inner_text()


def test_an_inquiry_on_a_replica_reaches_the_staff_inbox_on_the_primary(cluster, tmp_path):
    with browser_page() as page:
        said = send_inquiry(page, cluster.public_url, "Please send the feasibility study (via a replica).")
        reference = re.search(r"YC-\d{8}-[0-9A-Z]{4}", said).group()
        page.screenshot(path=tmp_path / "inquiry-on-replica.png", full_page=True)
        goto(page, f"{cluster.public_url}/staff/signin")
        page.get_by_label("Tên đăng nhập").fill("lan")
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.get_by_text("Đã đăng nhập").first.wait_for()
        wait_idle(page)
        for _ in range(20):  # forwarded within a second or two
            goto(page, f"{cluster.public_url}/staff/inbox")
            if page.get_by_text("Jane Investor").count():
                break
            time.sleep(0.5)
        page.get_by_text("Jane Investor").filter(visible=True).first.wait_for()  # not the table's hidden cell
        assert page.get_by_text(reference).count() >= 1  # the number the investor was given on the replica
        no_exception(page)
        page.screenshot(path=tmp_path / "inbox-on-primary.png", full_page=True)
    assert reference.startswith("YC-")


def test_an_alert_left_on_a_replica_is_mailed_by_the_primary_and_confirmed_through_nginx(cluster, inbox, tmp_path):
    with browser_page(1440, 1800) as page:
        said = leave_alert(page, cluster.public_url, "investor@example.com")
        wait_idle(page)
        no_exception(page)
        # Mailed by the primary before it answered the replica, or (the primary slower than the replica's
        # 20 s wait on a busy machine) queued, and then forwarded and mailed by the primary within seconds.
        assert "investor@example.com" in said, said
        wait_for_mail(inbox, 1, timeout=40)
        assert len(inbox.messages) == 1
        link = body(inbox.messages[0]).split(cluster.public_url + "/alerts/confirm?token=")[1].split()[0]
        page.goto(f"{cluster.public_url}/alerts/confirm?token={link}&lang=en")  # nginx: to the primary
        assert "Confirmed" in page.content()
        page.screenshot(path=str(tmp_path / "alert-confirmed-through-nginx.png"))
    time.sleep(1.5)
    assert len(inbox.messages) == 1  # sent once, though forwarded by a replica


def try_sign_in(page, cluster: local_cluster.Cluster, name: str, password: str) -> None:
    goto(page, f"{cluster.public_url}/staff/signin")
    page.get_by_label("Tên đăng nhập").fill(name)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    wait_idle(page)


def test_a_forged_forwarded_for_header_gives_no_fresh_sign_in_allowance(cluster, tmp_path):
    """nginx replaces the client's X-Forwarded-For: the lock-out after five wrong passwords holds
    whatever address a client names (a helper signed in after changing the header)."""
    with browser_page(headers={"X-Forwarded-For": "10.9.9.1"}) as page:
        for _ in range(5):
            try_sign_in(page, cluster, "minh", "wrong-password-123")
        page.get_by_text("Quá nhiều lần đăng nhập sai").first.wait_for()
    with browser_page(headers={"X-Forwarded-For": "10.9.9.2"}) as page:
        try_sign_in(page, cluster, "minh", PASSWORD)
        page.get_by_text("Quá nhiều lần đăng nhập sai").first.wait_for()  # the right password waits too
        assert page.get_by_text("Đã đăng nhập").count() == 0
        page.screenshot(path=str(tmp_path / "forged-address-still-locked.png"))


def test_a_replica_killed_leaves_the_others_serving(cluster):
    all_in_rotation(cluster)
    victim = cluster.replica_members()[0]
    cookie = visitor_on(cluster, victim)
    cluster.kill(victim.name)
    answers = [get(cluster.public_url + "/api/v1/projects?per_page=1", cookie)[0] for _ in range(10)]
    answers += [get(cluster.public_url + "/")[0] for _ in range(10)]
    assert answers == [200] * 20  # that visitor and new ones: the other replica answers
    assert health(cluster.public_url, cookie)["pid"] != victim.process.pid
    cluster.restart(victim.name)
    assert health(victim.url)["snapshot_version"] >= 1


def test_a_hung_replica_is_taken_out_of_rotation_by_its_health_checks_and_comes_back(cluster):
    """A stopped process still accepts connections (the kernel answers the handshake), so nginx's own
    passive checks never notice it: its visitors would wait for the proxy's one-hour read timeout.
    The health watch asks /healthz each second and marks it down after two missed answers."""
    all_in_rotation(cluster)
    victim = cluster.replica_members()[0]
    address = f"127.0.0.1:{victim.port}"
    cookie = visitor_on(cluster, victim)
    victim.signal(signal.SIGSTOP)
    try:
        deadline = time.monotonic() + 45  # two missed answers of up to 3 s each, on a busy machine
        while address not in cluster.watch.down and time.monotonic() < deadline:
            time.sleep(0.2)
        assert address in cluster.watch.down, cluster.watch.changes
        time.sleep(1)  # nginx's graceful reload: new workers take over
        started = time.monotonic()
        answers = [get(cluster.public_url + "/api/v1/projects?per_page=1", cookie, timeout=5)[0] for _ in range(5)]
        assert answers == [200] * 5 and time.monotonic() - started < 10  # the other replica, at once
        assert health(cluster.public_url, cookie)["pid"] != victim.process.pid
    finally:
        victim.signal(signal.SIGCONT)
    deadline = time.monotonic() + 45
    while address in cluster.watch.down and time.monotonic() < deadline:
        time.sleep(0.2)
    assert address not in cluster.watch.down  # back in rotation once it answers
    assert [what for _at, where, what in cluster.watch.changes if where == address][-2:] == ["down", "up"]


def test_with_the_primary_down_replicas_serve_and_keep_inquiries_until_it_is_back(cluster, tmp_path):
    cluster.kill("primary")
    assert get(cluster.public_url + "/api/v1/projects?per_page=1")[0] == 200
    with browser_page() as page:
        send_inquiry(page, cluster.public_url, "Sent while the primary was away; it must arrive once.")
    waiting = sum(health(m.url).get("forward_pending") or 0 for m in cluster.replica_members())
    assert waiting == 1
    cluster.restart("primary")
    for _ in range(60):
        if sum(health(m.url).get("forward_pending") or 0 for m in cluster.replica_members()) == 0:
            break
        time.sleep(0.5)
    else:
        raise AssertionError("the inquiry was not forwarded after the primary came back")
    assert [health(m.url)["forward_rejected"] for m in cluster.replica_members()] == [0] * len(
        cluster.replica_members()
    )  # accepted, not refused after its wait (an operator reads refusals here)
    cluster.members["primary"].signal(signal.SIGTERM)  # let go of the file to count what arrived
    cluster.members["primary"].process.wait(30)
    with Catalogue.open(cluster.workdir / "primary.duckdb", read_only=True) as primary:
        stored = inquiries.inbox(primary, code="DEMO-005")
    assert sorted(stored["message"]).count("Sent while the primary was away; it must arrive once.") == 1
    # and whatever else came (xdist may run this module's tests on two clusters), nothing twice
    assert stored["message"].value_counts().max() == 1, list(stored["message"])
    cluster.restart("primary")
