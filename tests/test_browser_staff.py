"""Browser test of the staff workflow: staff adds and submits, a reviewer publishes, the public finds it."""

from __future__ import annotations

import re
import time

import pytest

from tests.browser import Server, browser_page, chromium_path, wait_idle
from tests.conftest import PASSWORD, open_demo

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    chromium_path()
    where = tmp_path_factory.mktemp("staff-browser")
    db = where / "catalogue.duckdb"
    open_demo(db, "lan", "minh", display_names=True).close()
    srv = Server(db, where / "streamlit.log")
    srv.start()
    yield srv
    srv.stop()


def sign_in(page, server, name: str) -> None:
    page.goto(f"{server.url}/signin")
    wait_idle(page)
    page.get_by_label("Tên đăng nhập").fill(name)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text("Đã đăng nhập").first.wait_for()
    wait_idle(page)


def choose(page, label: str, option: str) -> None:
    box = page.get_by_label(label)
    box.click()
    box.fill(option)
    page.get_by_role("option", name=re.compile(re.escape(option))).first.click()


def test_a_staff_url_without_sign_in_shows_the_sign_in_not_the_data(server, tmp_path):
    with browser_page() as page:
        page.goto(f"{server.url}/edit?code=DEMO-001")
        wait_idle(page)
        page.get_by_label("Mật khẩu").wait_for()
        page.get_by_text("Ngôn ngữ / Language").wait_for()  # the frame ran: pages never run alone
        wait_idle(page)
        assert page.get_by_text("Trang này dành cho cán bộ").count() == 1
        assert page.get_by_text("Sóc Sơn").count() == 0  # nothing of the project
        assert page.get_by_role("link", name="Việc cần làm").count() == 0  # no staff pages listed
        page.screenshot(path=tmp_path / "staff-url-signed-out.png")


def test_staff_adds_and_submits_reviewer_publishes_public_finds_it(server, tmp_path):
    with browser_page(height=2600) as page:
        sign_in(page, server, "lan")
        page.screenshot(path=tmp_path / "0-signed-in.png")
        assert page.get_by_role("link", name="Tài khoản").count() == 0  # admin only
        assert page.get_by_role("link", name="Thêm / sửa dự án").count() == 1  # staff pages listed
        # Within the app (a reload starts a new session: see README, "Sign-in").
        page.get_by_role("link", name="Thêm / sửa dự án").click()
        wait_idle(page)
        page.get_by_role("link", name="Thêm dự án mới").first.click()
        wait_idle(page)
        page.screenshot(path=tmp_path / "0-new.png", full_page=True)
        page.get_by_role("textbox", name="Mã dự án *", exact=True).fill("HN-2026-01")
        page.get_by_role("textbox", name="Tên dự án *", exact=True).fill("Nhà máy tái chế pin lithium Mê Linh")
        page.get_by_role("textbox", name="Tên tiếng Anh", exact=True).fill("Me Linh lithium battery recycling plant")
        choose(page, "Nhóm *", "Vật liệu")
        choose(page, "Quận/huyện/thị xã (đến 30/6/2025)", "Mê Linh")
        page.get_by_role("textbox", name="Tổng vốn đầu tư (tỷ đồng)", exact=True).fill("1.250,5")
        choose(page, "Hình thức đầu tư", "FDI")
        page.get_by_role("textbox", name="Email liên hệ", exact=True).fill("not-an-email")
        page.get_by_role("button", name="Lưu thay đổi").click()
        wait_idle(page)
        page.screenshot(path=tmp_path / "1-edit-error.png", full_page=True)
        page.get_by_text("Email không đúng dạng").wait_for()  # shown by the field; nothing saved
        page.screenshot(path=tmp_path / "1-edit-error.png")
        page.get_by_role("textbox", name="Email liên hệ", exact=True).fill("xuctien@example.gov.vn")
        page.get_by_role("button", name="Lưu thay đổi").click()
        wait_idle(page)
        page.screenshot(path=tmp_path / "1b-saved.png", full_page=True)
        page.get_by_role("heading", name=re.compile("HN-2026-01 ·")).wait_for()
        wait_idle(page)
        assert "code=HN-2026-01" in page.url
        page.get_by_text(re.compile(r"^Bản nháp · giai đoạn")).wait_for()
        page.get_by_role("button", name="Gửi duyệt").click()
        wait_idle(page)
        page.get_by_text(re.compile(r"^Chờ duyệt · giai đoạn")).wait_for()
        page.screenshot(path=tmp_path / "2-submitted.png", full_page=True)
        page.get_by_role("button", name="Đăng xuất").click()
        wait_idle(page)

        sign_in(page, server, "minh")
        page.get_by_role("link", name="Việc cần làm").first.click()
        wait_idle(page)
        page.get_by_text("Chờ duyệt (1)").click()
        page.get_by_role("link", name=re.compile("HN-2026-01")).click()
        page.get_by_role("heading", name=re.compile("HN-2026-01 ·")).wait_for()
        wait_idle(page)
        page.get_by_role("button", name="Công bố").click()
        wait_idle(page)
        page.get_by_text(re.compile(r"^Đã công bố · giai đoạn")).wait_for()
        page.screenshot(path=tmp_path / "3-published.png", full_page=True)
        page.get_by_role("button", name="Đăng xuất").click()
        wait_idle(page)

        page.goto(f"{server.url}/?q=pin+lithium+Me+Linh")
        wait_idle(page)
        page.locator("article.card h3").first.wait_for()
        assert "pin lithium Mê Linh" in page.locator("article.card h3").first.inner_text()
        page.screenshot(path=tmp_path / "4-public.png")


def session_cookie(page, *, present: bool, timeout: float = 15.0) -> dict | None:
    """The session cookie once the page's request to the server has set it (or cleared it)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = next((c for c in page.context.cookies() if c["name"] == "catalogue_session"), None)
        if (found is not None) == present:
            return found
        page.wait_for_timeout(100)
    raise AssertionError(f"the session cookie was {'never set' if present else 'not cleared'}")


def test_sign_in_survives_a_reload_and_sign_out_ends_it(server, tmp_path):
    with browser_page() as page:
        sign_in(page, server, "lan")
        cookie = session_cookie(page, present=True)
        assert cookie["sameSite"] == "Strict" and len(cookie["value"]) > 30
        # set by the server, HttpOnly: no script on the page can read (or steal) it
        assert cookie["httpOnly"] is True
        assert "catalogue_session" not in page.evaluate("() => document.cookie")
        page.goto(f"{server.url}/staff")  # a reload: a new Streamlit session
        wait_idle(page)
        page.get_by_role("heading", name="Việc cần làm").wait_for()
        assert page.get_by_text("Đã đăng nhập: Nguyễn Thị Lan").count() == 1
        page.get_by_role("button", name="Đăng xuất").click()
        wait_idle(page)
        session_cookie(page, present=False)  # cleared by the server
        page.goto(f"{server.url}/staff")
        wait_idle(page)
        page.get_by_label("Mật khẩu").wait_for()
        # The old token no longer opens anything, even if a copy of the cookie survived.
        page.context.add_cookies([cookie])
        page.goto(f"{server.url}/staff")
        wait_idle(page)
        page.get_by_label("Mật khẩu").wait_for()
        assert page.get_by_text("Đã đăng nhập").count() == 0
