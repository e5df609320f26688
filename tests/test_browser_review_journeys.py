"""Review journeys in Chromium (issue 10), split from test_browser_staff_journeys.py so that the two
longest journeys run beside the others (the suite spreads files over two workers): a reviewer
accepts a warning, publishes, archives and restores; restoring a version that brings a warning
back sends the project to review again. Each journey has its own server and database.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from catalogue import Catalogue
from catalogue.staff import editing, history, workflow
from tests.browser import browser_page, goto, no_exception, wait_idle
from tests.test_browser_staff_journeys import (
    MISMATCH,
    journey,
    main_text,
    prepared_database,
    project,
    sign_in,
    sign_out,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def prepared(tmp_path_factory) -> Path:
    return prepared_database(tmp_path_factory)


# --- review, publish, archive and restore --------------------------------------------------------


def test_a_reviewer_accepts_a_warning_publishes_then_archive_and_restore_ask_first(prepared, tmp_path):
    def setup(cat):
        editing.save_project(cat, project("HN-WARN"), actor="lan", base_version=None)
        workflow.transition(cat, "HN-WARN", "submit", actor="lan", role="staff")

    with journey(prepared, tmp_path, setup) as (server, db), browser_page(height=2400) as page:
        sign_in(page, server, "minh")
        goto(page, f"{server.url}/edit?code=HN-WARN")
        shown = main_text(page)
        assert MISMATCH in shown and "capital_currencies_disagree" not in shown
        page.get_by_placeholder("Lý do chấp nhận").fill("Nhà đầu tư báo vốn USD theo giai đoạn 1")
        page.get_by_role("button", name="Chấp nhận", exact=True).click()
        page.get_by_text(f"Đã chấp nhận {MISMATCH}").wait_for()
        wait_idle(page)  # mid-run, the old page's button and the new one are both there
        page.get_by_role("button", name="Công bố", exact=True).click()
        page.get_by_text(re.compile(r"^Đã công bố · giai đoạn")).wait_for()
        wait_idle(page)
        page.screenshot(path=tmp_path / "published.png")
        assert "capital_currencies_disagree" not in main_text(page)
        no_exception(page)

        goto(page, f"{server.url}/project?code=HN-WARN")  # the public page
        page.get_by_role("heading", name=re.compile("thử nghiệm HN-WARN")).wait_for()
        no_exception(page)

        goto(page, f"{server.url}/edit?code=HN-WARN")
        save = page.get_by_role("button", name="Lưu thay đổi")
        archive = page.get_by_role("button", name="Lưu trữ dự án…")
        assert save.get_attribute("data-testid") == "stBaseButton-primary"
        assert archive.get_attribute("data-testid") == "stBaseButton-secondary"
        history_heading = page.get_by_role("heading", name="Lịch sử thay đổi")
        # Far apart: the history stands between saving and archiving.
        assert save.bounding_box()["y"] < history_heading.bounding_box()["y"] < archive.bounding_box()["y"]
        archive.click()
        page.get_by_text("Lưu trữ dự án HN-WARN?").wait_for()
        page.get_by_role("button", name="Hủy", exact=True).click()  # changed her mind: nothing happens
        page.get_by_text("Lưu trữ dự án HN-WARN?").wait_for(state="detached")
        wait_idle(page)
        page.get_by_role("button", name="Lưu trữ dự án…").click()
        page.get_by_label("Lý do (ghi vào lịch sử)").fill("Chủ đầu tư tạm dừng")
        page.get_by_role("button", name="Xác nhận lưu trữ").click()
        page.get_by_text(re.compile("^Dự án đang lưu trữ")).wait_for()
        wait_idle(page)
        page.screenshot(path=tmp_path / "archived.png")
        goto(page, f"{server.url}/project?code=HN-WARN")
        page.get_by_text("Không có dự án công bố nào có mã “HN-WARN”").wait_for()

        goto(page, f"{server.url}/edit?code=HN-WARN")
        page.get_by_role("button", name="Khôi phục từ lưu trữ…").click()
        page.get_by_role("button", name="Xác nhận khôi phục").click()
        page.get_by_text(re.compile(r"^Đã công bố · giai đoạn: Đang kêu gọi")).wait_for()
        wait_idle(page)
        assert page.get_by_text(re.compile("^Dự án đang lưu trữ")).count() == 0
        no_exception(page)

    with Catalogue.open(db) as cat:
        stored = cat.project("HN-WARN")
        accepted = workflow.accepted_checks(cat, "HN-WARN")
        actions = [e.action for e in history.project_history(cat, "HN-WARN")]
    assert stored is not None and stored["status"] == "calling"  # public again, at its stage before
    assert [(a.check, a.by) for a in accepted] == [("capital_currencies_disagree", "minh")]
    assert actions[:5] == ["restore_archive", "archive", "publish", "accept_check", "submit"]


def test_restoring_a_version_that_brings_back_an_accepted_warning_goes_back_to_review(prepared, tmp_path):
    def setup(cat):
        editing.save_project(cat, project("HN-BACK"), actor="lan", base_version=None)
        workflow.transition(cat, "HN-BACK", "submit", actor="lan", role="staff")
        workflow.accept_check(
            cat, "HN-BACK", "capital_currencies_disagree", "Số liệu của nhà đầu tư", actor="minh", role="reviewer"
        )
        workflow.transition(cat, "HN-BACK", "publish", actor="minh", role="reviewer")
        stored = cat.project("HN-BACK")
        fixed = editing.form_values(stored) | {"investment_usd_m": 20.0}  # 520 tỷ đồng: no warning
        assert editing.save_project(cat, fixed, actor="lan", base_version=stored["version"]).ok

    with journey(prepared, tmp_path, setup) as (server, db), browser_page(height=2600) as page:
        sign_in(page, server, "lan")
        goto(page, f"{server.url}/edit?code=HN-BACK")
        assert "cảnh báo nhất quán" not in main_text(page)
        page.locator("[data-testid='stExpander'] summary").filter(has_text="Công bố").click()
        wait_idle(page)  # the page settled (its data room is drawn too) before the button is pressed
        page.get_by_role("button", name="Khôi phục phiên bản này…").click()
        wait_idle(page)
        page.get_by_text(re.compile("^Khôi phục phiên bản lúc .*giờ Hà Nội")).wait_for()
        assert page.get_by_text(re.compile("quay về chờ duyệt")).count() == 1  # said before, not after
        page.get_by_role("button", name="Xác nhận khôi phục").click()
        page.get_by_text(re.compile("^Dự án đã quay về chờ duyệt")).wait_for()
        wait_idle(page)
        page.screenshot(path=tmp_path / "review-again.png")
        shown = main_text(page)
        assert re.search(r"Chờ duyệt · giai đoạn", shown) and "1 cảnh báo nhất quán" in shown
        assert "Cảnh báo chưa được duyệt với giá trị này: " + MISMATCH in shown
        assert "capital_currencies_disagree" not in shown and not re.search(r"#\d+", shown)
        no_exception(page)
        goto(page, f"{server.url}/project?code=HN-BACK")
        page.get_by_text("Không có dự án công bố nào có mã “HN-BACK”").wait_for()  # hidden meanwhile

        sign_out(page)
        sign_in(page, server, "minh")
        goto(page, f"{server.url}/edit?code=HN-BACK")
        page.get_by_placeholder("Lý do chấp nhận").fill("Đã hỏi lại nhà đầu tư")
        page.get_by_role("button", name="Chấp nhận", exact=True).click()
        page.get_by_text(f"Đã chấp nhận {MISMATCH}").wait_for()
        wait_idle(page)  # mid-run, the old page's button and the new one are both there
        page.get_by_role("button", name="Công bố", exact=True).click()
        page.get_by_text(re.compile(r"^Đã công bố · giai đoạn")).wait_for()
        no_exception(page)

    with Catalogue.open(db) as cat:
        stored = cat.project("HN-BACK")
        actions = [e.action for e in history.project_history(cat, "HN-BACK")]
    assert stored is not None and stored["investment_usd_m"] == 5
    assert actions[:5] == ["publish", "accept_check", "review_again", "restore", "edit"]
