"""The data room in Chromium: a staff member attaches a study and a site photo on the edit page; a
visitor sees them on the project page, downloads the study and sees the photo; a hidden project's
document is refused to the visitor."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from catalogue.projects.documents import add_document, safe_file_name
from tests.browser import Server, browser_page, chromium_path, goto, no_exception, wait_idle
from tests.conftest import open_demo
from tests.test_browser_staff import sign_in
from tests.test_data_room import PDF, PNG

pytestmark = pytest.mark.browser

HIDDEN = "DEMO-005"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    chromium_path()
    where = tmp_path_factory.mktemp("data-room")
    db = where / "catalogue.duckdb"
    with open_demo(db, "lan") as cat:  # a project back in draft, with a document staff attached
        cat.write(lambda cur: cur.execute("update projects set publication = 'draft' where code = ?", [HIDDEN]))
        hidden = add_document(cat, HIDDEN, PDF + b"hidden", "secret-study.pdf", kind="prefeasibility", language="vi")
    srv = Server(db, where / "streamlit.log")
    srv.start()
    srv.hidden_document = hidden.id  # type: ignore[attr-defined]
    yield srv
    srv.stop()


def upload(page, path, kind: str, title: str) -> None:
    form = page.locator("[data-testid='stForm']").filter(has_text="Thêm vào hồ sơ")
    form.locator("input[type='file']").set_input_files(str(path))
    page.wait_for_timeout(500)
    kind_box = form.get_by_label("Loại tài liệu")
    kind_box.click()
    kind_box.fill(kind)
    page.get_by_role("option", name=re.compile(re.escape(kind))).first.click()
    form.get_by_label("Tiêu đề (để trống: tên tệp)").fill(title)
    form.get_by_role("button", name=re.compile("Thêm vào hồ sơ")).click()
    wait_idle(page)


def remove_with_confirmation(page, title: str, shots) -> None:
    """Remove asks first: "keep it" keeps the document, then the removal happens once and is said."""
    removes = page.get_by_role("button", name="Gỡ", exact=True)
    held = removes.count()
    row = page.locator("[data-testid='stHorizontalBlock']").filter(has_text=title).last
    row.get_by_role("button", name="Gỡ", exact=True).click()
    page.get_by_text(re.compile(f"Gỡ “{title}” khỏi hồ sơ dự án")).wait_for()
    page.screenshot(path=str(shots / "remove-asks.png"), full_page=True)
    page.get_by_role("button", name="Giữ lại").click()
    wait_idle(page)
    page.get_by_text(re.compile("khỏi hồ sơ dự án\\?")).wait_for(state="detached")  # the question is gone
    expect(removes).to_have_count(held)  # still there
    row.get_by_role("button", name="Gỡ", exact=True).click()
    page.get_by_role("button", name="Gỡ tài liệu").click()
    page.get_by_text("Đã gỡ ban-nhap.pdf khỏi hồ sơ dự án.").wait_for()
    expect(removes).to_have_count(held - 1)
    no_exception(page)


def test_staff_attach_a_visitor_downloads_a_hidden_projects_document_is_refused(server, tmp_path):
    study, photo = tmp_path / "Báo cáo tiền khả thi.pdf", tmp_path / "khu-dat.png"
    study.write_bytes(PDF + b"study")
    photo.write_bytes(PNG)
    bad = tmp_path / "trang.pdf"
    bad.write_bytes(b"<!doctype html><script>alert(1)</script>")
    with browser_page(1440, 2400) as page:
        sign_in(page, server, "lan")
        goto(page, f"{server.url}/edit?code=DEMO-001")
        no_exception(page)
        upload(page, study, "Báo cáo tiền khả thi", "Báo cáo nghiên cứu tiền khả thi")
        page.get_by_text("Đã thêm Báo cáo tiền khả thi.pdf vào hồ sơ dự án.").wait_for()
        upload(page, photo, "Ảnh hiện trạng khu đất", "Khu đất nhìn từ đường 35")
        upload(page, bad, "Tài liệu khác", "")  # HTML named .pdf: refused, said why
        page.get_by_text(re.compile("trang.pdf: tên tệp là PDF nhưng nội dung không phải PDF")).wait_for()
        svg = tmp_path / "khu-dat.svg"
        svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
        upload(page, svg, "Ảnh hiện trạng", "")  # taken to the check (not dropped by the box), refused with why
        page.get_by_text(re.compile("khu-dat.svg: chỉ nhận PDF, ảnh PNG/JPEG")).wait_for()
        no_exception(page)
        odd = tmp_path / "Study *bold* $y^2$ [x](y).pdf"  # the message names it as sent, never as Markdown
        odd.write_bytes(PDF + b"odd")
        upload(page, odd, "Tài liệu khác", "")
        page.get_by_text(f"Đã thêm {safe_file_name(odd.name)} vào hồ sơ dự án.", exact=True).wait_for()
        draft = tmp_path / "ban-nhap.pdf"
        draft.write_bytes(PDF + b"draft")
        upload(page, draft, "Tài liệu khác", "Bản nháp gửi nhầm")
        remove_with_confirmation(page, "Bản nháp gửi nhầm", tmp_path)
        page.screenshot(path=str(tmp_path / "staff-data-room.png"), full_page=True)
    with browser_page(1440, 2400) as page:  # a visitor, another browser
        goto(page, f"{server.url}/project?code=DEMO-001&lang=en")
        no_exception(page)
        page.get_by_role("heading", name="Data room").wait_for()
        link = page.get_by_role("link", name="Báo cáo nghiên cứu tiền khả thi")
        assert link.count() == 1 and page.get_by_role("link", name="trang.pdf").count() == 0
        with page.expect_download() as download:
            link.click()
        assert download.value.suggested_filename == "Báo cáo tiền khả thi.pdf"
        assert Path(download.value.path()).read_bytes() == PDF + b"study"
        # the site photo, in the gallery, named for a screen reader and loaded from the data room
        photo_shown = page.get_by_role("img", name="Khu đất nhìn từ đường 35")
        expect(photo_shown).to_have_count(1)
        photo_shown.scroll_into_view_if_needed()
        expect(photo_shown).to_have_js_property("complete", True)
        assert photo_shown.evaluate("img => img.naturalWidth") > 0
        page.screenshot(path=str(tmp_path / "visitor-data-room.png"), full_page=True)
        response = page.request.get(f"{server.url}/documents/{server.hidden_document}")
        assert response.status == 404 and b"hidden" not in response.body()
        goto(page, f"{server.url}/project?code={HIDDEN}")
        assert page.get_by_text("secret-study").count() == 0


def test_staff_open_a_document_of_a_project_not_yet_public_and_no_one_else_can(server, tmp_path):
    """Staff check a draft project's document before publishing it: its title on the edit page is a
    link that opens it with their session; the same address refuses a visitor and a signed-out browser."""
    with browser_page(1440, 1600) as page:
        sign_in(page, server, "lan")
        goto(page, f"{server.url}/edit?code={HIDDEN}")
        no_exception(page)
        link = page.get_by_role("link", name="secret-study.pdf")
        expect(link).to_have_count(1)
        address = link.get_attribute("href")
        with page.expect_download() as download:
            link.click()
        assert Path(download.value.path()).read_bytes() == PDF + b"hidden"
        response = page.request.get(f"{server.url}/documents/{server.hidden_document}")
        assert response.status == 200 and response.headers["cache-control"] == "private, no-store"
        page.get_by_role("button", name=re.compile("Đăng xuất")).first.click()
        wait_idle(page)
        page.wait_for_timeout(500)
        response = page.request.get(f"{server.url}/documents/{server.hidden_document}")
        assert response.status == 404 and b"hidden" not in response.body()  # the session ended with it
    with browser_page(1440, 900) as page:  # a visitor given the address
        response = page.request.get(server.url + address)
        assert response.status == 404 and b"hidden" not in response.body()
