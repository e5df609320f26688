"""An e-mail alert in Chromium, its mail caught by a local SMTP server (aiosmtpd on loopback): an
investor leaves an address on a filtered view, the confirmation arrives, its link confirms in the
browser; a digest arrives when a project of the view changes; its one-click link unsubscribes."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.browser import Server, browser_page, chromium_path, free_port, goto, no_exception, wait_idle
from tests.conftest import open_demo
from tests.test_alerts import Inbox, body, smtp_server
from tests.test_browser_staff import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def inbox():
    with smtp_server() as box:
        yield box


@pytest.fixture(scope="module")
def server(tmp_path_factory, inbox):
    chromium_path()
    where = tmp_path_factory.mktemp("alerts")
    db = where / "catalogue.duckdb"
    open_demo(db, "lan").close()
    port = free_port()
    srv = Server(
        db,
        where / "streamlit.log",
        env={
            "CATALOGUE_SMTP_HOST": "127.0.0.1",
            "CATALOGUE_SMTP_PORT": str(inbox.port),
            "CATALOGUE_PUBLIC_URL": f"http://127.0.0.1:{port}",
            "CATALOGUE_ALERT_MINUTES": "0.05",  # a digest round every 3 s
        },
    )
    srv.port, srv.url = port, f"http://127.0.0.1:{port}"
    srv.start()
    yield srv
    srv.stop()


def wait_for_mail(inbox: Inbox, count: int, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while len(inbox.messages) < count and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(inbox.messages) >= count, f"{len(inbox.messages)} messages, {count} awaited"


ALERT_SAID = re.compile("A confirmation message was sent to|We have your address")  # mailed now, or queued


def leave_alert(page, url: str, email: str) -> str:
    """On the English browse page for renewables: leave ``email`` for an alert, consenting. What the
    page said, once it said something: the address and the consent are checked as typed before the
    form is sent, so a click lost on a busy machine fails here, by name, not as a missing message."""
    goto(page, f"{url}/?category=renewables&lang=en")
    page.get_by_text("Follow these results").click()
    address = page.get_by_label("E-mail")
    address.fill(email)
    expect(address).to_have_value(email)
    consent = page.get_by_role("checkbox", name=re.compile("I agree that the catalogue keeps this address"))
    page.get_by_text("I agree that the catalogue keeps this address").click()
    expect(consent).to_be_checked()
    page.get_by_role("button", name=re.compile("Subscribe")).click()
    said = page.locator("[data-testid='stAlert']").filter(has_text=ALERT_SAID)
    try:
        said.first.wait_for(timeout=60_000)
    except PlaywrightTimeout:
        shown = page.locator("[data-testid='stAlert'], [data-testid='stException']").all_inner_texts()
        raise AssertionError(f"the alert form answered nothing awaited; the page says: {shown}") from None
    return said.first.inner_text()


def test_an_alert_is_confirmed_sent_and_cancelled_in_one_click(server, inbox, tmp_path):
    with browser_page(1440, 1800) as page:
        leave_alert(page, server.url, "investor@example.com")
        wait_idle(page)
        no_exception(page)
        page.get_by_text("A confirmation message was sent to investor@example.com").wait_for()
        page.screenshot(path=str(tmp_path / "alert-sent.png"))
        wait_for_mail(inbox, 1)
        confirmation = inbox.messages[0]
        assert confirmation["Subject"] == "Confirm your project alert"
        confirm = re.search(r"http://\S+/alerts/confirm\?token=[\w-]+", body(confirmation)).group(0)
        page.goto(confirm + "&lang=en")
        page.get_by_role("heading", name="Your alert is confirmed").wait_for()
        assert "Confirmed" in page.content()
        page.screenshot(path=str(tmp_path / "alert-confirmed.png"))
        page.get_by_role("link", name="See the projects you chose").click()  # back to the view the alert watches
        page.wait_for_url(re.compile(r"category=renewables"))
        wait_idle(page)
        no_exception(page)
        assert "lang=en" in page.url
    # A staff member changes a renewables project: the next round sends a digest.
    with browser_page(1440, 1800) as page:
        sign_in(page, server, "lan")
        goto(page, f"{server.url}/edit?code=DEMO-035")
        page.get_by_role("textbox", name="Quy mô", exact=True).fill("1.600 tấn rác/ngày; 32 MW")
        page.get_by_role("button", name="Lưu thay đổi").click()
        wait_idle(page)
    wait_for_mail(inbox, 2)
    digest = inbox.messages[1]
    assert "DEMO-035" in body(digest) and "1 new or updated project" in digest["Subject"]
    leave = re.search(r"http://\S+/alerts/unsubscribe\?token=[\w-]+", body(digest)).group(0)
    with browser_page(1280, 900) as page:
        page.goto(leave + "&lang=en")  # opening the link asks (a mail scanner's visit deletes nothing)
        page.get_by_role("heading", name="Stop this alert?").wait_for()
        page.goto(leave + "&lang=en")  # opened twice: still there
        page.get_by_role("button", name="Unsubscribe").click()
        page.wait_for_load_state("load")
        assert "You are unsubscribed" in page.content()
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=str(tmp_path / "alert-unsubscribed-phone.png"))
        page.goto(leave + "&lang=en")  # the address is gone: nothing left to cancel
        assert "No such alert" in page.content()
        page.get_by_role("heading", name="This link is no longer valid").wait_for()
