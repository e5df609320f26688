"""Browser journeys over the leadership pages, at desktop and phone size, in both languages.

What is on the screen is checked against the domain functions over the same database: the
headline figures, the number of charts, the tasks' standing (the annual report's figure). The
screenshots go to the test's tmp dir and to /tmp/lead-shots, to be looked at.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from catalogue import Catalogue
from catalogue.clock import hanoi_today
from catalogue.leadership import plan
from catalogue.leadership.charts import dashboard_charts
from catalogue.leadership.dashboard import dashboard
from catalogue.leadership.report import summary
from catalogue.staff import auth
from catalogue.staff.inquiries import submit as submit_inquiry
from catalogue.text import format_number
from tests.browser import Server, browser_page, chromium_path, no_exception, wait_idle
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser
SIZES = {"desktop": (1440, 900), "phone": (390, 844)}
SHOTS = Path("/tmp/lead-shots")
PNG_TITLE = {"vi": "Tải biểu đồ (PNG)", "en": "Download plot as a PNG"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    chromium_path()
    where = tmp_path_factory.mktemp("leadership-browser")
    db = where / "catalogue.duckdb"
    expected: dict = {}
    with Catalogue.open(db) as cat:
        cat.load_demo()
        auth.add_user(cat, "lan", PASSWORD, "staff")
        for year, value in ((2023, 52), (2024, 61), (2025, 68)):
            plan.record_measurement(
                cat, "hn_275_2023", "water_wastewater_equipment", year, value, "Sở Công Thương (minh họa)", actor="lan"
            )
        plan.record_progress(cat, "hn_275_2023", "I.2", 2024, "done", actor="lan", note="Đã trình UBND (minh họa)")
        plan.record_progress(cat, "hn_275_2023", "I.1", hanoi_today().year, "in_progress", actor="lan")
        plan.record_progress(cat, "hn_275_2023", "I.3", 2025, "late", actor="lan", note="Chờ ý kiến (minh họa)")
        for number, country in enumerate(("Singapore", "Japan", "Japan", "Korea")):
            result = submit_inquiry(
                cat,
                "DEMO-005" if number < 3 else "DEMO-006",
                {
                    "name": "Investor Name",
                    "organisation": "Green Fund",
                    "country": country,
                    "email": f"investor{number}@example.com",
                    "message": "Please send the feasibility study.",
                    "consent": True,
                },
                session=f"session-{number}",
            )
            assert result.ok, result.errors
        for lang in ("vi", "en"):
            figures = dashboard(cat, lang)
            expected[lang] = {
                "projects": format_number(figures.projects, lang, 0),
                "capital": format_number(figures.capital_vnd_bn, lang, 0),
                "charts": sum(1 for chart in dashboard_charts(figures, lang) if chart.figure is not None),
            }
            counts = plan.task_counts(plan.tasks(cat, "hn_275_2023", today=hanoi_today()))
            expected[lang]["tasks"] = plan.tasks_text(counts)(lang)
        expected["counts"] = counts
        table = summary(cat, hanoi_today().year)
        expected["report_overdue"] = table.iloc[table.attrs["keys"].index("tasks_overdue"), 1]
    srv = Server(db, where / "streamlit.log")
    srv.expected = expected
    srv.start()
    yield srv
    srv.stop()


def shoot(page, tmp_path: Path, name: str, tall: int | None = None) -> None:
    """The screen as a person sees it, and (``tall``) the whole page at the same width."""
    page.screenshot(path=tmp_path / f"{name}.png")
    if tall:
        width = page.viewport_size["width"]
        page.set_viewport_size({"width": width, "height": tall})
        page.wait_for_timeout(800)
        page.screenshot(path=tmp_path / f"{name}-full.png")
    SHOTS.mkdir(parents=True, exist_ok=True)
    for path in tmp_path.glob(f"{name}*.png"):
        shutil.copy(path, SHOTS / path.name)


def metric(page, label: str) -> str:
    box = page.locator("[data-testid='stMetric']").filter(
        has=page.locator("[data-testid='stMetricLabel']", has_text=label)
    )
    return box.first.locator("[data-testid='stMetricValue']").inner_text().strip()


def charts_drawn(page, count: int) -> None:
    page.wait_for_function(
        "n => Array.from(document.querySelectorAll('[data-testid=\"stPlotlyChart\"]'))"
        ".filter(e => e.querySelector('.main-svg')).length >= n",
        arg=count,
        timeout=60_000,
    )


@pytest.mark.parametrize("size", list(SIZES))
def test_dashboard_in_both_languages(server, tmp_path, size):
    width, height = SIZES[size]
    with browser_page(width=width, height=height) as page:
        # Both languages at desktop width; at phone width the layout is what is new, so English only.
        for lang, projects_label in (("vi", "Dự án"), ("en", "Projects"))[0 if size == "desktop" else 1 :]:
            expected = server.expected[lang]
            page.goto(f"{server.url}/dashboard?lang={lang}")
            wait_idle(page, 60_000)
            charts_drawn(page, expected["charts"])
            no_exception(page)
            assert page.locator("[data-testid='stPlotlyChart']").count() == expected["charts"]
            assert metric(page, projects_label) == expected["projects"]
            assert (
                metric(page, "Tổng vốn (tỷ đồng)" if lang == "vi" else "Total capital (VND bn)") == expected["capital"]
            )
            # Counts have whole-number ticks: never "0 1 1 2 2".
            for index in range(expected["charts"]):
                ticks = page.locator("[data-testid='stPlotlyChart']").nth(index).locator(".xtick text, .ytick text")
                labels = [label for label in ticks.all_text_contents() if label.strip()]
                assert len(labels) == len(set(labels)), labels
            # Each figure carries its title and source (a downloaded PNG is the figure as drawn).
            first = page.locator("[data-testid='stPlotlyChart']").first
            assert ("Nguồn:" if lang == "vi" else "Source:") in first.locator(".gtitle-subtitle").text_content()
            # plotly's own toolbar speaks the page's language.
            first.hover()
            titles = first.locator(".modebar-btn").evaluate_all("bs => bs.map(b => b.getAttribute('data-title'))")
            assert PNG_TITLE[lang] in titles and "Zoom" not in titles
            if size == "desktop" and lang == "vi":  # the camera downloads the titled figure
                with page.expect_download() as info:
                    first.locator(f".modebar-btn[data-title='{PNG_TITLE[lang]}']").click()
                download = info.value
                assert download.suggested_filename.startswith("funnel-")
                assert download.suggested_filename.endswith(".png")
                download.save_as(tmp_path / "dashboard-vi-desktop-download-funnel.png")
                assert (tmp_path / "dashboard-vi-desktop-download-funnel.png").stat().st_size > 10_000
            plan_link = "Xem chỉ tiêu và nhiệm vụ" if lang == "vi" else "See the targets and tasks"
            page.get_by_role("link", name=plan_link).wait_for()  # the end of the page is drawn
            assert expected["tasks"] in page.locator("[data-testid='stMarkdownContainer']").all_inner_texts()
            shoot(page, tmp_path, f"dashboard-{lang}-{size}", tall=9000 if size == "phone" else 4800)
            page.set_viewport_size({"width": width, "height": height})
        # The link to the plan keeps the language.
        page.get_by_role("link", name="See the targets and tasks").click()
        page.get_by_role("heading", name="The plan: targets and tasks").wait_for()
        assert "lang=en" in page.url


@pytest.mark.parametrize("size", list(SIZES))
def test_plan_page_in_both_languages(server, tmp_path, size):
    width, height = SIZES[size]
    counts = server.expected["counts"]
    assert counts["overdue"] == server.expected["report_overdue"]  # the report's figure
    with browser_page(width=width, height=height) as page:
        for lang, tasks_tab in (("vi", "Nhiệm vụ (17)"), ("en", "Tasks (17)"))[0 if size == "desktop" else 1 :]:
            page.goto(f"{server.url}/plan?lang={lang}")
            wait_idle(page, 60_000)
            charts_drawn(page, 1)
            no_exception(page)
            assert page.locator("[data-testid='stPlotlyChart']").count() == 1  # the one measured target
            latest = "Số đo gần nhất: 68% năm 2025" if lang == "vi" else "Latest: 68% in 2025"
            assert page.get_by_text(latest).count() == 1
            shoot(page, tmp_path, f"plan-targets-{lang}-{size}", tall=3000)
            page.set_viewport_size({"width": width, "height": height})
            page.get_by_role("tab", name=tasks_tab).click()
            page.locator("[class*='st-key-task-']").nth(16).wait_for()  # all seventeen tasks are drawn
            wait_idle(page, 60_000)
            no_exception(page)
            shown = page.locator("[data-testid='stMarkdownContainer']").all_inner_texts()
            assert server.expected[lang]["tasks"] in shown  # the same figure as the report
            badge = "Quá hạn" if lang == "vi" else "Overdue"
            assert sum(text.count(badge) for text in shown) == counts["overdue"]
            shoot(page, tmp_path, f"plan-tasks-{lang}-{size}", tall=7000 if size == "phone" else 4200)
            page.set_viewport_size({"width": width, "height": height})


def test_plan_language_switch_keeps_the_agency_and_the_tab(server, tmp_path):
    with browser_page(width=1440, height=1400) as page:
        page.goto(f"{server.url}/plan")
        wait_idle(page, 60_000)
        page.get_by_role("tab", name="Nhiệm vụ (17)").click()
        wait_idle(page, 60_000)
        box = page.locator("[data-testid='stSelectbox']").filter(has_text="Xem theo cơ quan chủ trì")
        box.locator("input").click()
        page.get_by_role("option", name="Sở Nông nghiệp và Môi trường").click()
        page.wait_for_url("**agency=so_nn_mt**")
        wait_idle(page, 60_000)
        page.locator("[data-testid='stSidebar']").get_by_text("English", exact=True).click()
        box = page.locator("[data-testid='stSelectbox']").filter(has_text="View by lead agency")
        expect(box.locator("input")).to_have_value("Department of Agriculture and Environment")
        wait_idle(page, 60_000)
        no_exception(page)
        assert page.get_by_role("tab", name="Tasks (17)").get_attribute("aria-selected") == "true"
        assert page.get_by_text("I.2", exact=True).count() == 1 and page.get_by_text("I.1", exact=True).count() == 0
        shoot(page, tmp_path, "plan-agency-kept-en")
        page.locator("[data-testid='stSidebar']").get_by_text("Tiếng Việt", exact=True).click()
        wait_idle(page, 60_000)
        box = page.locator("[data-testid='stSelectbox']").filter(has_text="Xem theo cơ quan chủ trì")
        expect(box.locator("input")).to_have_value("Sở Nông nghiệp và Môi trường")


def test_plan_choices_changed_twice_and_tabs_back_and_forth_are_applied(server, tmp_path):
    """A second change of the agency, and a return to the first tab, take effect (the URL, written when
    a choice changes, no longer pulls the previous choice back); Back returns to the previous choice."""
    with browser_page(width=1440, height=1400) as page:
        page.goto(f"{server.url}/plan")
        wait_idle(page, 60_000)
        page.get_by_role("tab", name="Nhiệm vụ (17)").click()
        page.wait_for_url("**tab=tasks**")
        wait_idle(page, 60_000)
        box = page.locator("[data-testid='stSelectbox']").filter(has_text="Xem theo cơ quan chủ trì")
        for agency, code, duty in (
            ("Sở Khoa học và Công nghệ", "so_khcn", "V.7"),
            ("Sở Xây dựng", "so_xay_dung", "V.6a"),
        ):
            box.locator("input").click()
            page.get_by_role("option", name=agency, exact=True).click()
            page.wait_for_url(f"**agency={code}**")
            wait_idle(page, 60_000)
            no_exception(page)
            expect(box.locator("input")).to_have_value(agency)
            assert page.get_by_text(duty, exact=True).count() == 1  # its section-V duty under the tasks
        shoot(page, tmp_path, "plan-other-assignments")
        page.go_back()
        page.wait_for_url("**agency=so_khcn**")
        wait_idle(page, 60_000)
        expect(box.locator("input")).to_have_value("Sở Khoa học và Công nghệ")
        page.get_by_role("tab", name="Chỉ tiêu (10)").click()
        wait_idle(page, 60_000)
        assert "tab=" not in page.url
        assert page.get_by_role("tab", name="Chỉ tiêu (10)").get_attribute("aria-selected") == "true"
        page.get_by_role("tab", name="Nhiệm vụ (17)").click()
        page.wait_for_url("**tab=tasks**")
        wait_idle(page, 60_000)
        no_exception(page)
        assert page.get_by_role("tab", name="Nhiệm vụ (17)").get_attribute("aria-selected") == "true"
