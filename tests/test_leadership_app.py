"""AppTest tests of the dashboard and plan pages."""

from __future__ import annotations

import pytest
import streamlit as st

from catalogue import Catalogue
from catalogue.clock import hanoi_today
from catalogue.leadership import plan
from catalogue.leadership.dashboard import dashboard
from catalogue.staff import workflow
from tests.conftest import open_demo
from tests.test_staff_app import open_page, run, signed_in


@pytest.fixture
def db(monkeypatch, tmp_path):
    path = tmp_path / "lead.duckdb"
    open_demo(path, "lan").close()
    monkeypatch.setenv("CATALOGUE_DB", str(path))
    yield path
    st.cache_resource.clear()
    st.cache_data.clear()


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_dashboard_headline_equals_the_domain_figures_and_filters_come_from_the_url(db):
    with Catalogue.open(":memory:") as cat:
        cat.load_demo()
        everything = dashboard(cat)
        renewables = dashboard(cat, category="renewables")
    at = open_page("dashboard.py")
    assert metrics(at)["Dự án"] == str(everything.projects)
    assert metrics(at)["Tổng vốn (tỷ đồng)"] == f"{everything.capital_vnd_bn:,.0f}".replace(",", ".")
    assert len(at.get("plotly_chart")) == 10  # two charts wait for inquiries
    assert f"{everything.demo_projects} trong {everything.projects} dự án" in at.info[0].value  # demo data said
    assert not any(w.label.startswith("Gồm cả dự án ẩn") for w in at.toggle)  # the public cannot ask
    at = open_page("dashboard.py", {"category": "renewables"})
    assert metrics(at)["Dự án"] == str(renewables.projects)
    next(w for w in at.text_input if w.label == "Tìm dự án").input("dien mat troi")
    run(at)
    with Catalogue.open(":memory:") as cat:
        cat.load_demo()
        expected = cat.search_page("dien mat troi", category="renewables").total
    assert metrics(at)["Dự án"] == str(expected) and expected < renewables.projects
    assert at.multiselect[0].value == ["renewables"]


def test_dashboard_empty_state_and_bad_parameters(db):
    at = open_page("dashboard.py", {"min_vnd": "999999", "category": "rockets"})
    assert "Không có dự án nào khớp bộ lọc" in at.info[0].value
    assert any("rockets" in toast.value for toast in at.toast)


def test_staff_may_include_hidden_projects(db):
    at = signed_in("lan", "dashboard.py")
    public = int(metrics(at)["Dự án"])
    next(w for w in at.toggle if w.label.startswith("Gồm cả dự án ẩn")).set_value(True)
    run(at)
    assert int(metrics(at)["Dự án"]) > public
    assert "không dùng các số này cho công bố" in at.warning[0].value


def test_cached_figures_follow_every_write(db):
    """The figures are cached by the catalogue's data version: a write shows at the next run."""
    at = open_page("dashboard.py")
    before = int(metrics(at)["Dự án"])
    from app_pages._state import get_catalogue  # the app's own catalogue, as the page holds it

    cat = get_catalogue()
    version = cat.data_version
    workflow.transition(cat, "DEMO-001", "archive", actor="lan", role="reviewer", comment="Nhà đầu tư rút")
    assert cat.data_version > version
    run(at)
    assert int(metrics(at)["Dự án"]) == before - 1


def test_dashboard_shows_the_plans_task_standing_as_the_report(db):
    at = open_page("dashboard.py")
    with Catalogue.open(":memory:") as cat:
        expected = plan.tasks_text(plan.task_counts(plan.tasks(cat, "hn_275_2023", today=hanoi_today())))("vi")
    assert expected in markdown(at)


def test_plan_page_staff_record_a_measured_value_and_progress(db):
    at = signed_in("lan", "plan.py")
    assert any("Chưa chỉ tiêu nào có số đo" in i.value for i in at.info)  # one empty state
    form_value = next(w for w in at.number_input if w.label == "Tỷ lệ đo được (%)")
    form_value.set_value(64.5)
    next(w for w in at.text_input if w.label == "Nguồn số liệu").input("Báo cáo Sở Công Thương 2025")
    next(b for b in at.button if b.label == "Lưu").click()
    run(at)
    run(at)
    # The new value is drawn at once (the cached figures follow the write), and only that target.
    assert len(at.get("plotly_chart")) == 1
    assert not any("Chưa chỉ tiêu nào có số đo" in i.value for i in at.info)
    st.cache_resource.clear()
    with Catalogue.open(db) as cat:
        frame = plan.measurements(cat, "hn_275_2023")
    assert frame[["value_pct", "source"]].values.tolist() == [[64.5, "Báo cáo Sở Công Thương 2025"]]


def test_plan_page_is_read_only_for_the_public(db):
    at = open_page("plan.py")
    assert not any(b.label == "Lưu" for b in at.button)
    assert any("Cán bộ đăng nhập để ghi số liệu" in c.value for c in at.caption)
    assert len(at.get("plotly_chart")) == 0  # nothing measured: no empty charts
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) == 10  # the ten targets, in one table


def agency_box(at, label: str = "Xem theo cơ quan chủ trì"):
    return next(w for w in at.selectbox if w.label == label)


def test_plan_tasks_per_agency_include_what_a_merged_department_inherited(db):
    at = open_page("plan.py", {"tab": "tasks"})
    agency_box(at).set_value("so_nn_mt")  # successor of Sở Tài nguyên và Môi trường
    run(at)
    shown = {m.value.split("**")[1] for m in at.markdown if m.value.startswith("**") and m.value.count("**") >= 2}
    assert {"I.2", "I.3", "II.1", "IV.1", "IV.2", "IV.3"} <= shown and "I.1" not in shown
    assert any("từ 2025: Sở Nông nghiệp và Môi trường" in c.value for c in at.caption)
    assert at.query_params["agency"] == "so_nn_mt" and at.query_params["tab"] == "tasks"
    # Another language: the same agency and the same tab, named in English.
    at.segmented_control[0].set_value("en")  # the language switch in the sidebar
    run(at)
    box = agency_box(at, "View by lead agency")
    assert box.value == "so_nn_mt" and "Department of Agriculture and Environment" in box.format_func(box.value)
    shown = {m.value.split("**")[1] for m in at.markdown if m.value.startswith("**") and m.value.count("**") >= 2}
    assert "I.2" in shown and "I.1" not in shown


def test_plan_page_counts_are_the_reports(db):
    at = open_page("plan.py", {"tab": "tasks"})
    with Catalogue.open(":memory:") as cat:
        counts = plan.task_counts(plan.tasks(cat, "hn_275_2023", today=hanoi_today()))
    assert plan.tasks_text(counts)("vi") in markdown(at)
    assert markdown(at).count("Quá hạn") == counts["overdue"]  # one badge per overdue task


def test_the_plans_other_assignments_show_under_the_tasks_and_follow_the_agency(db):
    at = open_page("plan.py", {"tab": "tasks"})
    shown = markdown(at)
    assert "Nhiệm vụ khác Kế hoạch giao (mục V)" in [s.value for s in at.subheader]
    assert "thu gom, xử lý nước thải đô thị tập trung" in shown and "**V.7**" in shown  # Construction; Information
    agency_box(at).set_value("so_khcn")  # took over the Department of Information and Communications in 2025
    run(at)
    shown = markdown(at)
    assert "**V.7**" in shown and "**V.6a**" not in shown
    assert any("Sở Thông tin và Truyền thông (từ 2025: Sở Khoa học và Công nghệ)" in c.value for c in at.caption)
    assert any("Kế hoạch 275/KH-UBND, mục V.7" in c.value for c in at.caption)
    agency_box(at).set_value("so_cong_thuong")  # no section-V duty outside its tasks: no heading
    run(at)
    assert "Nhiệm vụ khác Kế hoạch giao (mục V)" not in [s.value for s in at.subheader]
    assert markdown(at).count("Sở Công Thương: ") == 1  # its own count beside the plan's
    agency_box(at).set_value("so_xay_dung")  # leads no appendix task: said so, then its section-V duties
    run(at)
    assert "Sở Xây dựng không chủ trì nhiệm vụ nào ở Phụ lục" in at.info[0].value
    assert "**V.6a**" in markdown(at) and "**V.6b**" in markdown(at)
