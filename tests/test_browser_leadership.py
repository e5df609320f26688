"""Browser test of the leadership pages: every chart draws, in Vietnamese and English; screenshots to look at."""

from __future__ import annotations

import pytest

from catalogue import Catalogue, auth, plan
from tests.browser import Server, browser_page, chromium_path, wait_idle

pytestmark = pytest.mark.browser
PASSWORD = "grey-heron-lake-42"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    chromium_path()
    where = tmp_path_factory.mktemp("leadership-browser")
    db = where / "catalogue.duckdb"
    with Catalogue.open(db) as cat:
        cat.load_demo()
        auth.add_user(cat, "lan", PASSWORD, "staff")
        for year, value in ((2023, 52), (2024, 61), (2025, 68)):
            plan.record_measurement(
                cat, "hn_275_2023", "water_wastewater_equipment", year, value, "Sở Công Thương (minh họa)", actor="lan"
            )
        plan.record_progress(cat, "hn_275_2023", "I.2", 2024, "done", actor="lan", note="Đã trình UBND (minh họa)")
        for country in ("Singapore", "Japan", "Japan", "Korea"):
            cat.submit_inquiry(
                "DEMO-005",
                {
                    "name": "Investor",
                    "organisation": "Fund",
                    "country": country,
                    "email": "a@example.com",
                    "message": "Please send the study.",
                    "consent": True,
                },
                session=country + str(id(country)),
            )
    srv = Server(db, where / "streamlit.log")
    srv.start()
    yield srv
    srv.stop()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_dashboard_draws_every_chart(server, tmp_path, lang):
    with browser_page(width=1400, height=4200) as page:
        page.goto(f"{server.url}/dashboard?lang={lang}")
        wait_idle(page)
        page.locator(".js-plotly-plot").nth(9).wait_for()
        wait_idle(page)
        page.wait_for_timeout(1500)  # let plotly finish drawing
        assert page.locator("[data-testid='stException']").count() == 0
        assert page.locator(".js-plotly-plot").count() == 11
        page.screenshot(path=tmp_path / f"dashboard-{lang}.png", full_page=True)


def test_plan_page_shows_targets_and_overdue_tasks(server, tmp_path):
    with browser_page(width=1400, height=3000) as page:
        page.goto(f"{server.url}/plan")
        wait_idle(page)
        page.locator(".js-plotly-plot").nth(9).wait_for()
        page.wait_for_timeout(1000)
        assert page.get_by_text("Số đo gần nhất: 68% năm 2025").count() == 1
        page.screenshot(path=tmp_path / "plan-targets.png", full_page=True)
        page.get_by_role("tab", name="Nhiệm vụ (17)").click()
        wait_idle(page)
        assert page.get_by_text("Quá hạn").count() >= 1
        assert page.get_by_text("Tiến độ 2024: Hoàn thành").count() == 1
        page.screenshot(path=tmp_path / "plan-tasks.png", full_page=True)
