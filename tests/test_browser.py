"""Browser tests: a real `streamlit run` driven by Playwright through Debian's Chromium.

The investor's journey: search by typing, shortlist, open a project, switch to English, send an
expression of interest, compare. Every request that would leave the machine (map tiles, fonts)
is refused, so the pages are also checked offline. Screenshots go to the test's tmp dir
(`pytest --basetemp=shots` keeps them somewhere you can look).
"""

from __future__ import annotations

import re

import pytest

from catalogue import Catalogue
from catalogue.staff.inquiries import inbox
from tests.browser import Server, browser_page, chromium_path, no_exception, wait_idle

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    chromium_path()  # skip or fail early, before starting Streamlit
    where = tmp_path_factory.mktemp("browser")
    srv = Server(where / "catalogue.duckdb", where / "streamlit.log")
    srv.start()
    yield srv
    srv.stop()


def test_bad_parameters_show_a_message_not_a_traceback(server, tmp_path):
    with browser_page() as page:
        page.goto(f"{server.url}/?category=nope&min_vnd=abc&sort=sideways")
        toasts = page.locator("[data-testid='stToast']")
        # Read the messages while they are up (they stay ten seconds), then let the run finish.
        page.wait_for_function(  # each bad parameter has its toast; they need not arrive in one order
            "() => { const t = Array.from(document.querySelectorAll(\"[data-testid='stToast']\"))"
            ".map(e => e.innerText).join(' '); return t.includes('nope') && t.includes('abc'); }"
        )
        text = " ".join(toasts.all_inner_texts())
        wait_idle(page)
        assert "nope" in text and "abc" in text
        no_exception(page)
        page.screenshot(path=tmp_path / "bad-params.png", full_page=True)

        page.goto(f"{server.url}/project?code=NO-SUCH-CODE")
        wait_idle(page)
        assert page.get_by_text("NO-SUCH-CODE").count() >= 1
        no_exception(page)


def test_phone_width_has_no_sideways_scroll(server, tmp_path):
    with browser_page(width=390, height=844) as page:
        page.goto(f"{server.url}/")
        wait_idle(page)
        page.get_by_text("Xem dự án").first.wait_for()
        page.screenshot(path=tmp_path / "browse-phone.png", full_page=False)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"the page scrolls sideways by {overflow}px at phone width"
        page.goto(f"{server.url}/project?code=DEMO-005")
        wait_idle(page)
        page.screenshot(path=tmp_path / "project-phone.png", full_page=True)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"the project page scrolls sideways by {overflow}px at phone width"


def test_investor_journey(server, tmp_path):
    # A tall window: Streamlit scrolls inside the app, so a screenshot shows only the viewport.
    with browser_page(height=2400) as page:
        page.goto(f"{server.url}/")
        wait_idle(page)
        page.get_by_text("dữ liệu minh họa").first.wait_for()  # demo data is labelled
        page.screenshot(path=tmp_path / "1-browse-vi.png", full_page=True)

        # Search by typing, without accents and with a typo, as people do.
        box = page.get_by_label("Tìm dự án")
        box.click()
        box.press_sequentially("lo dot chat thai nguy hai", delay=20)
        box.press("Enter")
        page.wait_for_url(re.compile(r"[?&]q=lo\+dot|[?&]q=lo%20dot"))
        wait_idle(page)
        first_title = page.locator("article.card h3").first
        assert "lò đốt chất thải nguy hại" in first_title.inner_text().lower()
        assert first_title.locator("mark").count() >= 1  # matched words marked
        page.screenshot(path=tmp_path / "2-search.png", full_page=True)

        # Shortlist from the result card, then open the project.
        page.get_by_role("button", name="Thêm vào danh sách quan tâm").first.click()
        wait_idle(page)
        page.get_by_role("button", name="Bỏ khỏi danh sách quan tâm").first.wait_for()
        page.get_by_role("link", name="Xem dự án").first.click()
        page.wait_for_url(re.compile(r"/project\?.*code=DEMO-005"))
        wait_idle(page)
        assert "lò đốt chất thải nguy hại" in page.locator("h1").first.inner_text().lower()
        assert page.get_by_text("Bỏ khỏi danh sách quan tâm").count() == 1  # the shortlist followed us
        assert page.get_by_text("Bản đồ cần kết nối mạng").count() == 1  # coordinates shown beside the map
        no_exception(page)  # the map degrades without tiles: every outside request was refused
        page.screenshot(path=tmp_path / "3-project-vi.png", full_page=True)

        # Switch to English: labels and content change, the URL remembers it.
        page.locator("[data-testid='stSidebar']").get_by_text("English", exact=True).click()
        page.wait_for_url(re.compile(r"lang=en"))
        wait_idle(page)
        page.get_by_text("Hazardous-waste incinerator").first.wait_for()
        assert page.get_by_text("Express interest").count() >= 1
        page.screenshot(path=tmp_path / "4-project-en.png", full_page=True)

        # An inquiry with a bad email is refused with a message; corrected, it is sent.
        page.get_by_role("button", name="Contact us about this project").click()
        page.get_by_label("Name").fill("Jane Investor")
        page.get_by_label("Organisation").fill("Green Capital Ltd")
        page.locator("[data-testid='stSelectbox']").filter(has_text="Country").click()
        page.keyboard.type("Singap")
        page.get_by_role("option", name="Singapore").click()
        page.get_by_label("Email").fill("jane-at-example")
        page.get_by_label("Message").fill("We would like the feasibility study and a site visit in January.")
        page.get_by_text("I agree").click()
        page.get_by_role("button", name="Send").click()
        wait_idle(page)
        page.get_by_text("Not an email address").wait_for()  # under the field
        assert page.locator("a[href='mailto:name@company.com']").count() == 0  # its example address is no link
        page.get_by_label("Email").fill("jane@example.com")
        page.get_by_role("button", name="Send").click()
        wait_idle(page)
        page.get_by_text("Your inquiry has been received").wait_for()
        page.screenshot(path=tmp_path / "5-inquiry-sent.png", full_page=True)

        # The shortlist page compares what was added, in English.
        page.get_by_role("link", name="Shortlist").click()
        page.wait_for_url(re.compile(r"/shortlist"))
        wait_idle(page)
        page.get_by_role("link", name="Open DEMO-005").wait_for()  # under the compare table
        page.get_by_role("button", name="Remove from shortlist").wait_for()
        page.get_by_role("button", name="Download CSV").wait_for()
        page.get_by_role("button", name="Download Excel").wait_for()
        wait_idle(page)
        no_exception(page)
        page.screenshot(path=tmp_path / "6-shortlist-en.png", full_page=True)

    # The inquiry is in DuckDB, once, with the project code (the app must let go of the file first).
    server.stop()
    with Catalogue.open(server.db) as cat:
        stored = inbox(cat, code="DEMO-005")
    assert len(stored) == 1
    row = stored.iloc[0]
    assert row["email"] == "jane@example.com" and row["country"] == "SG"
