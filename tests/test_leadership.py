"""Issue 6: dashboard figures against direct queries, hidden statuses, plan targets and tasks, the report."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from unittest import mock

import openpyxl
import pytest

from catalogue import Catalogue
from catalogue.clock import hanoi_today
from catalogue.leadership import plan
from catalogue.leadership.charts import dashboard_charts
from catalogue.leadership.dashboard import dashboard
from catalogue.leadership.report import report_html, report_xlsx, sheets, summary
from catalogue.staff import editing, workflow
from catalogue.staff.inquiries import submit as submit_inquiry
from tests.conftest import good_row, write_csv

KNOWN = [
    good_row("K-1", category="waste_equipment", district="Sóc Sơn", investment_vnd_bn="100", investment_form="ppp"),
    good_row("K-2", category="waste_equipment", district="Sóc Sơn", investment_vnd_bn="250", investment_form="fdi"),
    good_row("K-3", category="renewables", district="Đông Anh", investment_vnd_bn="1.000", investment_form="fdi"),
    good_row(
        "K-4", category="renewables", district="Gia Lâm", investment_vnd_bn="", investment_form="", status="negotiating"
    ),
    good_row("K-5", category="environmental_services", district="Gia Lâm", investment_vnd_bn="40", status="draft"),
    good_row("K-6", category="environmental_services", district="Gia Lâm", investment_vnd_bn="60", status="withdrawn"),
]


@pytest.fixture
def known(cat, tmp_path):
    report = cat.import_file(write_csv(tmp_path / "known.csv", KNOWN))
    assert report.ok, report.errors
    with cat.cursor() as cur:
        cur.execute("update projects set lead_agency = 'so_cong_thuong' where code in ('K-1', 'K-2', 'K-3')")
        cur.execute("update projects set lead_agency = 'so_xay_dung' where code in ('K-4', 'K-5')")
    return cat


def test_headline_and_groups_equal_direct_queries(known):
    d = dashboard(known)
    with known.cursor() as cur:
        public = cur.execute(
            "select count(*), sum(investment_vnd_bn) from projects where publication = 'published' "
            "and status not in ('draft', 'withdrawn')"
        ).fetchall()[0]
    assert (d.projects, d.capital_vnd_bn) == (public[0], public[1]) == (4, 1350)
    assert d.capital_usd_m == pytest.approx(1350 * 1000 / 26000)
    by_category = d.by_category.set_index("code")
    assert by_category.loc["waste_equipment", "projects"] == 2
    assert by_category.loc["waste_equipment", "capital_vnd_bn"] == 350
    assert by_category.loc["environmental_services", "projects"] == 0  # both hidden
    assert list(d.by_category["code"]) == list(known.reference.categories.codes)  # every category, in order
    assert d.by_form.set_index("code")["capital_vnd_bn"].to_dict() == {"fdi": 1250, "ppp": 100}
    assert d.by_district.set_index("code").loc["soc_son", "projects"] == 2
    status = d.by_status.set_index("code")["projects"]
    assert status["calling"] == 3 and status["negotiating"] == 1 and status.sum() == d.projects
    assert "draft" not in status.index and "withdrawn" not in status.index
    assert d.agencies_open.set_index("code")["open_projects"].to_dict() == {"so_cong_thuong": 3, "so_xay_dung": 1}


def test_hidden_projects_only_when_asked(known):
    public = dashboard(known)
    everything = dashboard(known, include_hidden=True)
    assert everything.projects == 6 and public.projects == 4
    assert everything.capital_vnd_bn == public.capital_vnd_bn + 100
    # A draft awaiting review is hidden, whatever its stage.
    editing.save_project(
        known,
        {
            "code": "K-7",
            "name_vi": "Trạm trung chuyển chất thải kín Long Biên",
            "category": "waste_equipment",
            "investment_vnd_bn": "500",
            "investment_form": "ppp",
        },
        actor="lan",
        base_version=None,
    )
    assert dashboard(known).projects == 4
    workflow.transition(known, "K-7", "submit", actor="lan", role="staff")
    workflow.transition(known, "K-7", "publish", actor="minh", role="reviewer")
    assert dashboard(known).projects == 5


def test_filters_are_the_browse_pages(known):
    d = dashboard(known, category="renewables")
    frame = known.projects(category="renewables")
    assert d.projects == len(frame) == 2
    assert d.capital_vnd_bn == frame["investment_vnd_bn"].sum()
    assert dashboard(known, min_investment=200).projects == len(known.projects(min_investment=200)) == 2


def test_the_search_query_narrows_the_figures_as_on_the_browse_page(demo_cat):
    for query, filters in (("lò đốt", {}), ("nuoc thai", {"category": "environmental_services"}), ("zzqx", {})):
        d = dashboard(demo_cat, query=query, **filters)
        result = demo_cat.search_page(query, **filters)
        assert d.projects == result.total
        assert d.by_category["projects"].sum() == result.total


def test_stage_changes_and_time_per_stage_from_the_history(known):
    workflow.set_status(known, "K-1", "negotiating", on=dt.date(2026, 3, 1), actor="lan", role="staff")
    workflow.set_status(known, "K-1", "awarded", on=dt.date(2026, 5, 31), actor="lan", role="staff")
    with known.cursor() as cur:  # K-1 entered "calling" on 1 January 2026
        cur.execute(
            "update project_history set status_since = date '2026-01-01' where code = 'K-1' and action = 'import'"
        )
    d = dashboard(known, as_of=dt.date(2026, 6, 30))
    changes = d.status_changes.set_index(["status"])
    assert changes.loc["negotiating", "changes"] == 1 and changes.loc["awarded", "changes"] == 1
    assert str(changes.loc["awarded", "month"]) == "2026-05-01"
    stage = d.stage_time.set_index("status")
    # K-1: calling 1 Jan → 1 Mar, negotiating 1 Mar → 31 May (91 days), awarded 31 May → 30 June (30 days).
    # K-4 entered "negotiating" on its import day, after 30 June: 0 days so far.
    assert stage.loc["negotiating", "projects"] == 2 and stage.loc["negotiating", "median_days"] == 45.5
    assert stage.loc["awarded", "projects"] == 1 and stage.loc["awarded", "median_days"] == 30
    assert stage.loc["calling", "median_days"] == 0 and stage.loc["calling", "mean_days"] == round(59 / 3, 1)


INQUIRY = {
    "name": "Nguyễn An",
    "organisation": "Quỹ Đầu tư Xanh",
    "email": "an@example.com",
    "message": "Please send the feasibility study.",
    "consent": True,
}


def test_inquiries_per_project_and_country(demo_cat):
    for number, (code, country) in enumerate(
        (("DEMO-001", "Japan"), ("DEMO-001", " Nhật Bản "), ("DEMO-002", "Korea"))
    ):
        form = INQUIRY | {"country": country, "email": f"an{number}@example.com"}
        assert submit_inquiry(demo_cat, code, form, session=f"s{number}").ok
    with demo_cat.cursor() as cur:  # an inquiry from before the country list: the country as typed
        cur.execute(
            "insert into inquiries (id, project_code, name, organisation, country, email, message, consent, "
            "created_at) values ('old-1', 'DEMO-002', 'B', 'C', ' japan', 'b@example.com', 'm', true, now())"
        )
    d = dashboard(demo_cat)
    assert d.inquiries_by_project.set_index("code")["inquiries"].to_dict() == {"DEMO-001": 2, "DEMO-002": 2}
    # One country is one bar, by its name in the reader's language, whatever was typed.
    assert d.inquiries_by_country.set_index("country")["inquiries"].to_dict() == {"Nhật Bản": 3, "Hàn Quốc": 1}
    english = dashboard(demo_cat, "en").inquiries_by_country
    assert english.set_index("country")["inquiries"].to_dict() == {"Japan": 3, "South Korea": 1}


def test_every_chart_has_a_title_with_units_a_note_and_a_table(demo_cat):
    for lang in ("vi", "en"):
        charts = dashboard_charts(dashboard(demo_cat, lang), lang)
        assert len(charts) == 12  # the project type chart (issue 17) beside the category
        for chart in charts:
            assert chart.title and chart.note and len(chart.table.columns)
            if chart.figure is not None:
                assert chart.figure.layout.separators == (",." if lang == "vi" else ".,")
        units = " ".join(c.title for c in charts)
        assert ("tỷ đồng" in units) if lang == "vi" else ("VND bn" in units)


# --- the plan ------------------------------------------------------------------------------------


def test_targets_measured_per_year_with_a_source(cat):
    plan.record_measurement(cat, "hn_275_2023", "exports", 2024, 18.5, "Báo cáo Sở Công Thương số 12", actor="lan")
    plan.record_measurement(cat, "hn_275_2023", "exports", 2024, 21, "Báo cáo điều chỉnh", actor="lan")  # replaces
    frame = plan.measurements(cat, "hn_275_2023")
    assert frame[["target_code", "year", "value_pct", "source"]].values.tolist() == [
        ["exports", 2024, 21.0, "Báo cáo điều chỉnh"]
    ]
    for bad in (
        {"value_pct": 120, "source": "x source"},
        {"value_pct": "abc", "source": "x source"},
        {"value_pct": 20, "source": ""},
        {"value_pct": 20, "source": "ok source", "year": 1990},
        {"value_pct": 20, "source": "ok source", "target_code": "nope"},
    ):
        args = {"target_code": "exports", "year": 2025} | bad
        with pytest.raises(plan.PlanError):
            plan.record_measurement(cat, "hn_275_2023", args.pop("target_code"), args.pop("year"), **args, actor="lan")
    summary_now = plan.plan_summary(cat, "hn_275_2023", 2025)
    assert summary_now["targets_measured"] == 1 and summary_now["targets_met"] == 1  # 21 ≥ 20


def test_a_new_plan_period_with_its_own_targets_without_code(cat):
    plan.add_plan(cat, "vn_2025_2030", "Chương trình quốc gia 2025–2030", "National programme", "QĐ …", 2026, 2030)
    plan.add_target(cat, "vn_2025_2030", "recycling", "Tái chế chất thải", "Waste recycled", 40, 55, 2030)
    assert [p.code for p in plan.plans(cat)] == ["hn_275_2023", "vn_2025_2030"]
    assert plan.targets(cat, "vn_2025_2030")["code"].tolist() == ["recycling"]
    plan.record_measurement(cat, "vn_2025_2030", "recycling", 2026, 33, "Bộ Công Thương", actor="lan")
    with pytest.raises(plan.PlanError):
        plan.add_plan(cat, "vn_2025_2030", "Trùng", "", "", 2026, 2030)
    with pytest.raises(plan.PlanError):
        plan.add_target(cat, "vn_2025_2030", "bad", "Sai", "", 60, 40, 2030)  # low > high
    with pytest.raises(plan.PlanError):
        plan.add_target(cat, "vn_2025_2030", "late", "Muộn", "", 10, 20, 2035)  # outside the period
    with pytest.raises(plan.PlanError):
        plan.add_plan(cat, "x", "Ngược", "", "", 2030, 2026)


def test_task_progress_and_overdue(cat):
    today = dt.date(2026, 11, 28)
    frame = plan.tasks(cat, "hn_275_2023", today=today).set_index("code")
    assert len(frame) == 17
    assert frame.loc["I.2", "overdue"]  # due in 2024, nothing recorded
    assert frame.loc["I.1", "overdue"]  # annual, nothing for 2025
    assert frame.loc["I.2", "successor_vi"] == "Sở Nông nghiệp và Môi trường"  # merged in 2025
    plan.record_progress(
        cat,
        "hn_275_2023",
        "I.2",
        2024,
        "done",
        actor="lan",
        note="Đã ban hành",
        evidence_url="https://example.gov.vn/vb",
    )
    plan.record_progress(cat, "hn_275_2023", "I.1", 2025, "in_progress", actor="lan")
    frame = plan.tasks(cat, "hn_275_2023", today=today).set_index("code")
    assert not frame.loc["I.2", "overdue"] and frame.loc["I.2", "state"] == "done"
    assert frame.loc["I.2", "standing"] == "done"
    assert not frame.loc["I.1", "overdue"] and frame.loc["I.1", "standing"] == "in_progress"
    plan.record_progress(cat, "hn_275_2023", "I.1", 2026, "late", actor="lan", note="Thiếu kinh phí")
    assert plan.tasks(cat, "hn_275_2023", today=today).set_index("code").loc["I.1", "overdue"]
    for bad in ({"state": "finished"}, {"state": "done"}, {"state": "in_progress", "evidence_url": "ftp://x"}):
        with pytest.raises(plan.PlanError):
            plan.record_progress(cat, "hn_275_2023", "I.3", 2025, actor="lan", **bad)
    by_agency = plan.tasks(cat, "hn_275_2023", today=today)
    assert set(by_agency.loc[by_agency["lead_agency"] == "so_tnmt", "code"]) >= {"I.2", "I.3"}


def test_one_definition_of_overdue():
    period = (2023, 2025)

    def standing(frame: str, records: list[tuple[int, str]], today: dt.date) -> str:
        return plan.task_standing(frame, records, period=period, today=today)

    november = dt.date(2026, 11, 28)
    # A task due "in 2024": overdue once 2024 has ended and it is not done; done whenever it was done.
    assert standing("2024", [], dt.date(2024, 12, 31)) == "not_started"
    assert standing("2024", [(2024, "in_progress")], dt.date(2025, 1, 1)) == "overdue"
    assert standing("2024", [(2024, "in_progress"), (2025, "done")], november) == "done"
    # An annual task reported on this year is not overdue in November (the report for 2025 is covered).
    assert standing("annual", [(2026, "in_progress")], november) == "in_progress"
    assert standing("annual", [(2025, "done")], november) == "done"
    # The last year whose report is due has no record of work: overdue; a "not started" is no work.
    assert standing("annual", [(2024, "done")], november) == "overdue"
    assert standing("annual", [(2025, "not_started")], november) == "overdue"
    assert standing("annual", [], november) == "overdue"
    # The report for 2025 is due by 31 January 2026: until then 2024 is the year that counts.
    assert plan.annual_report_due(2025) == dt.date(2026, 1, 31)
    assert standing("annual", [(2024, "in_progress")], dt.date(2026, 1, 31)) == "in_progress"
    assert standing("annual", [(2024, "in_progress")], dt.date(2026, 2, 1)) == "overdue"
    assert standing("annual", [], dt.date(2024, 1, 15)) == "not_started"  # nothing due yet
    # "Late" as recorded by staff is overdue, whatever the time frame says.
    assert standing("annual", [(2026, "late")], november) == "overdue"
    assert standing("2027", [(2026, "late")], november) == "overdue"


def test_plan_page_report_summary_and_report_table_show_one_figure(cat):
    for task, year, state in (
        ("I.1", 2026, "in_progress"),  # annual, reported this year
        ("I.6", 2025, "done"),
        ("I.2", 2024, "done"),
        ("I.3", 2025, "late"),  # staff said late
        ("II.1", 2024, "in_progress"),  # annual, nothing for 2025: overdue
    ):
        plan.record_progress(cat, "hn_275_2023", task, year, state, actor="lan", note="Ghi chú minh họa")
    today = dt.date(2026, 11, 28)
    counts = plan.task_counts(plan.tasks(cat, "hn_275_2023", 2026, today=today))
    assert sum(counts[s] for s in plan.STANDINGS) == counts["total"] == 17
    assert counts["done"] == 2 and counts["in_progress"] == 1 and counts["late_recorded"] == 1
    assert counts["late_recorded"] <= counts["overdue"]  # part of it, never a figure beside it

    now = dt.datetime(2026, 11, 28, 3, 0)  # 10:00 in Hanoi
    with (
        mock.patch("catalogue.leadership.report.utcnow", return_value=now),
        mock.patch("catalogue.leadership.plan.hanoi_today", return_value=today),
    ):
        table = summary(cat, 2026)
        keys = table.attrs["keys"]
        column = table.columns[1]
        row = {key: table.iloc[index][column] for index, key in enumerate(keys)}
        assert row["tasks_overdue"] == counts["overdue"]
        assert row["tasks_done"] == counts["done"] and row["tasks_in_progress"] == counts["in_progress"]
        assert row["tasks_late_recorded"] == counts["late_recorded"]
        sheet = sheets(cat, 2026)["Nhiệm vụ"]
        assert (sheet["Quá hạn"] == "có").sum() == counts["overdue"]
        assert (sheet["Tình trạng tính đến ngày báo cáo"] == "Quá hạn").sum() == counts["overdue"]
        text = report_html(cat, 2026)
    assert plan.tasks_text(counts)("vi") in text
    assert f"{counts['overdue']} quá hạn" in text and "Chậm tiến độ: 0" not in text


# --- the annual report -----------------------------------------------------------------------------


def test_report_sheets_and_totals_equal_the_dashboard(demo_cat):
    year = dt.date.today().year
    d = dashboard(demo_cat)
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(demo_cat, year)))
    assert book.sheetnames == ["Tổng hợp", "Dự án", "Nhiệm vụ", "Chỉ tiêu", "Lượt quan tâm của nhà đầu tư"]
    rows = {r[0]: r[1:] for r in book["Tổng hợp"].iter_rows(values_only=True) if r and r[0]}
    assert rows["Dự án công bố"][0] == d.projects
    assert rows["Tổng vốn (tỷ đồng)"][0] == pytest.approx(d.capital_vnd_bn)
    for row in d.by_status.itertuples():
        assert rows[f"Giai đoạn: {row.label}"][0] == row.projects
    assert book["Dự án"].max_row - 1 == d.projects
    assert book["Nhiệm vụ"].max_row - 1 == 17 and book["Chỉ tiêu"].max_row - 1 == 10
    english = sheets(demo_cat, year, "en")
    assert list(english) == ["Summary", "Projects", "Tasks", "Targets", "Inquiries"]


def test_report_compares_with_the_year_before_from_the_history(demo_cat):
    year = dt.date.today().year
    table = summary(demo_cat, year)
    projects = table.iloc[0]
    assert projects.iloc[1] == dashboard(demo_cat).projects
    # The demo timeline creates projects from January 2024: fewer existed a year earlier.
    assert 0 < projects.iloc[2] < projects.iloc[1] and projects.iloc[3] == projects.iloc[1] - projects.iloc[2]
    assert summary(demo_cat, 2023).iloc[0].iloc[1] == 0


def test_report_html_is_printable_offline_and_in_english_on_request(demo_cat):
    text = report_html(demo_cat, dt.date.today().year, lang="en")
    assert text.startswith("<!doctype html>") and "Report on the implementation of Plan 275/KH-UBND" in text
    assert text.count("Plotly.newPlot") >= 5  # the charts
    assert 'src="https://cdn' not in text and text.count('<script type="text/javascript">/**') <= 1  # inline, once
    assert "illustrative demo data" in text


def test_cli_report(tmp_path):
    db = tmp_path / "c.duckdb"
    with Catalogue.open(db) as cat:
        cat.load_demo()
    out, page = tmp_path / "bao-cao.xlsx", tmp_path / "bao-cao.html"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "catalogue",
            "--db",
            str(db),
            "report",
            "--year",
            "2026",
            "--out",
            str(out),
            "--html",
            str(page),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert openpyxl.load_workbook(out).sheetnames[0] == "Tổng hợp" and page.stat().st_size > 1000
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "catalogue",
            "--db",
            str(db),
            "report",
            "--year",
            "2026",
            "--out",
            str(tmp_path / "x.csv"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_reports_inquiry_sheet_names_projects_in_the_reports_language(demo_cat, lang):
    # Found by a fresh-eyes review: the English report listed the Vietnamese name.
    form = {"name": "Jane Doe", "organisation": "Green Capital", "country": "SG", "email": "jane@example.com"}
    form |= {"message": "We would like the feasibility study.", "consent": True}
    assert submit_inquiry(demo_cat, "DEMO-005", form, session="r").ok
    project = demo_cat.project("DEMO-005")
    inquiries = list(sheets(demo_cat, hanoi_today().year, lang).values())[-1]
    names = set(inquiries.iloc[:, 1])
    assert project[f"name_{lang}"] in names
