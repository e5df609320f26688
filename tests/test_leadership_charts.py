"""Issue 10, leadership: charts a person can read and export, Hanoi time, plotly in Vietnamese."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest
import streamlit

from catalogue.leadership import plan
from catalogue.leadership.charts import dashboard_charts, integer_dtick, plotly_config, target_chart
from catalogue.leadership.dashboard import dashboard
from catalogue.leadership.report import summary, title_lines, year_end
from catalogue.staff.inquiries import submit as submit_inquiry
from tests.conftest import write_csv
from tests.test_leadership import INQUIRY, KNOWN

COUNT_CHARTS = {"ward": "xaxis", "inquiries_project": "xaxis", "inquiries_country": "xaxis", "agencies": "xaxis"}
TIME_COUNT_CHARTS = {"added": "yaxis", "changes": "yaxis"}


@pytest.fixture
def known(cat, tmp_path):
    report = cat.import_file(write_csv(tmp_path / "known.csv", KNOWN))
    assert report.ok, report.errors
    with cat.cursor() as cur:
        cur.execute("update projects set lead_agency = 'so_cong_thuong' where code in ('K-1', 'K-2', 'K-3')")
    return cat


def _inquiries(cat, *pairs: tuple[str, str]) -> None:
    for number, (code, country) in enumerate(pairs):
        form = INQUIRY | {"country": country, "email": f"investor{number}@example.com"}
        assert submit_inquiry(cat, code, form, session=f"session-{number}").ok


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>", " ", text).replace("  ", " ")


def test_whole_number_ticks_for_counts(demo_cat):
    _inquiries(demo_cat, ("DEMO-005", "Japan"), ("DEMO-005", "Japan"), ("DEMO-006", "Korea"))
    charts = {c.key: c for c in dashboard_charts(dashboard(demo_cat, "vi"), "vi")}
    for key, axis_name in {**COUNT_CHARTS, **TIME_COUNT_CHARTS}.items():
        axis = charts[key].figure.layout[axis_name]
        assert axis.tickformat == ",d" and isinstance(axis.dtick, int) and axis.dtick >= 1, key
    # Two inquiries at most: ticks 0, 1, 2, never "0 1 1 2 2".
    assert charts["inquiries_project"].figure.layout.xaxis.dtick == 1
    assert [integer_dtick(v) for v in (0, 2, 5, 12, 40, 100, 2500)] == [1, 1, 1, 5, 10, 20, 500]


def test_capital_charts_are_in_order_of_capital(known):
    charts = {c.key: c for c in dashboard_charts(dashboard(known, "vi"), "vi")}
    # Sóc Sơn has two projects (350 tỷ), Đông Anh one (1.000 tỷ): the bars show capital, so Đông Anh first.
    district = charts["district"].figure.data[0]
    assert [label.replace("<br>", " ") for label in district.y][:2] == ["Đông Anh", "Sóc Sơn"]
    for key in ("category", "form", "district"):
        bars = list(charts[key].figure.data[0].x)
        assert bars == sorted(bars, reverse=True), key
        table = charts[key].table.iloc[:, 1].tolist()  # the table is in the order of the bars
        assert table == sorted(table, reverse=True), key


def _header(figure) -> str:
    return _plain(figure.layout.title.text) + " | " + _plain(figure.layout.title.subtitle.text)


def test_every_figure_carries_its_title_source_date_and_demo_note(demo_cat):
    as_of = dt.date(2026, 11, 28)
    for lang, source, demo in (("vi", "Nguồn:", "minh họa"), ("en", "Source:", "demo data")):
        for chart in dashboard_charts(dashboard(demo_cat, lang, as_of=as_of), lang):
            if chart.figure is None:
                continue
            header = _header(chart.figure)
            assert all(word in header for word in chart.title.split()), (chart.key, header)
            assert source in header and demo in header, header
            assert ("28/11/2026" if lang == "vi" else "28 Nov 2026") in header
            assert chart.figure.layout.margin.t > 60  # room above the plot for the header


def test_a_figure_says_when_it_is_not_the_public_unfiltered_view(known):
    as_of = dt.date(2026, 11, 28)
    # No demo projects, no demo note; hidden projects or filters are said so.
    plain = dashboard_charts(dashboard(known, "vi", as_of=as_of), "vi")[0].figure
    assert "minh họa" not in _header(plain) and "bộ lọc" not in _header(plain)
    hidden = dashboard_charts(dashboard(known, "vi", include_hidden=True, category=["renewables"]), "vi")[0]
    assert "không dùng để công bố" in _header(hidden.figure) and "bộ lọc" in _header(hidden.figure)


def test_a_target_chart_carries_its_title_and_sources(cat):
    plan.record_measurement(cat, "hn_275_2023", "exports", 2024, 21.5, "Báo cáo Sở Công Thương", actor="lan")
    goals = plan.targets(cat, "hn_275_2023").set_index("code")
    measured = plan.measurements(cat, "hn_275_2023")
    figure = target_chart(
        goals.loc["exports"], measured, (2023, 2025), "vi", title="Xuất khẩu", as_of=dt.date(2026, 1, 2)
    )
    header = _header(figure)
    assert "Xuất khẩu" in header and "Báo cáo Sở Công Thương (2024)" in header and "02/01/2026" in header
    assert figure.data[0].text[0] == "21,5%" and figure.layout.separators == ",."


def _bundled_plotly() -> str:
    static = Path(streamlit.__file__).parent / "static"
    bundles = list(static.rglob("PlotlyChart*.js"))
    assert bundles, "Streamlit's plotly bundle not found"
    return "".join(path.read_text(encoding="utf-8", errors="replace") for path in bundles)


def test_plotly_speaks_vietnamese_on_vietnamese_pages():
    config = plotly_config("vi", "funnel")
    dictionary = config["locales"]["vi"]["dictionary"]
    assert config["locale"] == "vi" and dictionary["Download plot as a PNG"] == "Tải biểu đồ (PNG)"
    # Streamlit registers no plotly locale, so the dictionary travels in the config; its keys
    # must be the very texts of the plotly.js that Streamlit ships, or nothing is translated.
    bundle = _bundled_plotly()
    assert "moduleType:`locale`,name:`vi`" not in bundle.replace('"', "`")
    missing = [text for text in dictionary if f"`{text}`" not in bundle and f'"{text}"' not in bundle]
    assert not missing, missing
    english = plotly_config("en", "funnel")
    assert "locales" not in english and english["toImageButtonOptions"]["filename"] == "funnel"
    assert "zoom2d" in config["modeBarButtonsToRemove"] and config["displayModeBar"] == "hover"


def test_plural_forms_in_chart_notes(demo_cat):
    _inquiries(demo_cat, ("DEMO-005", "Japan"))
    notes = {c.key: c.note for c in dashboard_charts(dashboard(demo_cat, "en"), "en")}
    assert notes["inquiries_project"].startswith("1 inquiry from 1 country")
    _inquiries(demo_cat, ("DEMO-006", "Korea"))
    notes = {c.key: c.note for c in dashboard_charts(dashboard(demo_cat, "en"), "en")}
    assert notes["inquiries_project"].startswith("2 inquiries from 2 countries")
    vi = {c.key: c.note for c in dashboard_charts(dashboard(demo_cat, "vi"), "vi")}
    assert vi["inquiries_project"].startswith("2 lượt quan tâm từ 2 quốc gia")


def test_months_and_years_are_hanoi_time(known):
    # Stored times are UTC: 31 January 20:00 UTC is 1 February in Hanoi; 31 December 18:00 UTC is
    # already the next year there.
    with known.cursor() as cur:
        cur.execute("update projects set created_at = timestamp '2026-01-31 20:00:00' where code = 'K-1'")
        cur.execute("update projects set created_at = timestamp '2026-01-15 08:00:00' where code <> 'K-1'")
    added = dashboard(known).added
    assert added.set_index("month")["projects"].to_dict() == {dt.date(2026, 1, 1): 3, dt.date(2026, 2, 1): 1}
    _inquiries(known, ("K-1", "Japan"))
    with known.cursor() as cur:
        cur.execute("update inquiries set created_at = timestamp '2025-12-31 18:00:00'")
    table = summary(known, 2026)
    row = table.attrs["keys"].index("inquiries")
    assert table.iloc[row, 1] == 1 and table.iloc[row, 2] == 0  # counted in 2026, not 2025
    assert year_end(2025) == dt.datetime(2025, 12, 31, 16, 59, 59)  # 23:59:59 in Hanoi
    lines = " ".join(title_lines(known, 2025, "vi", "hn_275_2023"))
    assert "31/12/2025 23:59 (giờ Hà Nội)" in lines and "UTC" not in lines
    english = " ".join(title_lines(known, 2025, "en", "hn_275_2023"))
    assert "31 Dec 2025 23:59 (Hanoi time)" in english


def test_inquiry_sheet_names_countries(known):
    from catalogue.leadership.report import sheets

    _inquiries(known, ("K-1", "Japan"), ("K-1", "Korea"))
    year = pd.Timestamp.now(tz="Asia/Ho_Chi_Minh").year
    sheet = sheets(known, year, "vi")["Lượt quan tâm của nhà đầu tư"]
    assert sheet["Quốc gia"].tolist() == ["Hàn Quốc, Nhật Bản"]
