"""The investor-facing domain: URL state, exchange rate, inquiries, similar projects, stages."""

from __future__ import annotations

import pytest

from catalogue.browse_state import BrowseState, parse_params, to_params
from catalogue.inquiries import RateLimiter
from catalogue.money import exchange_rate, format_usd_m
from catalogue.views import stage_tracker

GOOD = {
    "name": "Nguyễn Văn An",
    "organisation": "Green Capital Partners",
    "country": "Singapore",
    "email": "an@greencapital.example",
    "phone": "+65 6123 4567",
    "message": "We would like the feasibility study and the land status.",
    "consent": True,
    "website": "",
}


def test_url_parameters_round_trip(cat):
    params = {
        "q": "nước thải",
        "category": ["environmental_services", "Năng lượng tái tạo"],
        "district": "Gia Lâm",
        "status": "calling",
        "form": "PPP",
        "min_vnd": "100",
        "max_vnd": "2000",
        "sort": "investment",
        "lang": "en",
        "page": "3",
    }
    state, problems = parse_params(params, cat.reference)
    assert problems == []
    assert state.category == ("environmental_services", "renewables") and state.district == ("gia_lam",)
    assert state.form == ("ppp",) and (state.min_vnd, state.max_vnd) == (100, 2000)
    assert (state.sort, state.lang, state.page) == ("investment", "en", 3)
    again, _ = parse_params(to_params(state), cat.reference)
    assert again == state
    assert to_params(BrowseState()) == {}
    assert state.with_changes(q="khác").page == 1


@pytest.mark.parametrize(
    ("params", "dropped"),
    [
        ({"category": "rockets"}, "category"),
        ({"min_vnd": "abc"}, "min_vnd"),
        ({"max_vnd": "-5"}, "max_vnd"),
        ({"status": "draft"}, "status"),  # hidden statuses cannot be asked for in a public URL
        ({"sort": "popularity"}, "sort"),
        ({"lang": "fr"}, "lang"),
        ({"page": "0"}, "page"),
        ({"district": "Quận 1"}, "district"),
    ],
)
def test_bad_url_parameters_are_dropped_with_a_message(cat, params, dropped):
    state, problems = parse_params(params, cat.reference)
    assert [p.param for p in problems] == [dropped]
    assert problems[0].text("vi") and problems[0].text("en")
    assert state.filters()["status"] == [] and state.sort in ("relevance",) and state.lang == "vi"


def test_a_reversed_capital_range_is_swapped(cat):
    state, problems = parse_params({"min_vnd": "500", "max_vnd": "100"}, cat.reference)
    assert (state.min_vnd, state.max_vnd) == (100, 500) and len(problems) == 1


def test_exchange_rate_is_set_in_one_place_with_its_date():
    rate = exchange_rate()
    assert rate.vnd_per_usd > 10_000 and rate.as_of.year >= 2025 and rate.source
    assert rate.usd_millions(rate.vnd_per_usd / 1000) == pytest.approx(1.0)
    assert format_usd_m(12.3, "vi") == "12,3 triệu USD" and format_usd_m(12.3, "en") == "USD 12.3 m"


def test_a_good_inquiry_is_stored_with_the_project_and_time(demo_cat):
    result = demo_cat.submit_inquiry("DEMO-047", dict(GOOD), session="s1", lang="en")
    assert result.ok and result.stored
    stored = demo_cat.inquiries("DEMO-047")
    assert len(stored) == 1
    row = stored.iloc[0]
    assert (row["name"], row["email"], row["status"], row["lang"]) == (GOOD["name"], GOOD["email"], "new", "en")
    assert row["created_at"] is not None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": ""}, "name"),
        ({"organisation": "   "}, "organisation"),
        ({"country": ""}, "country"),
        ({"email": "not-an-email"}, "email"),
        ({"phone": "12"}, "phone"),
        ({"message": "hi"}, "message"),
        ({"message": "x" * 3001}, "message"),
        ({"consent": False}, "consent"),
    ],
)
def test_a_bad_inquiry_is_refused_field_by_field_and_nothing_is_stored(demo_cat, change, field):
    result = demo_cat.submit_inquiry("DEMO-047", {**GOOD, **change}, session="s2")
    assert not result.ok and field in result.errors
    assert result.message(field, "vi") and result.message(field, "en")
    assert demo_cat.inquiries().empty


def test_inquiries_only_for_published_projects(demo_cat):
    everything = demo_cat.projects(include_hidden=True)
    hidden = everything.loc[everything["publication"] == "draft", "code"].iloc[0]
    for code in (hidden, "NO-SUCH-CODE"):
        result = demo_cat.submit_inquiry(code, dict(GOOD), session="s3")
        assert not result.ok and "project" in result.errors
    assert demo_cat.inquiries().empty


def test_the_honeypot_stores_nothing_but_answers_like_a_success(demo_cat):
    result = demo_cat.submit_inquiry("DEMO-047", {**GOOD, "website": "http://spam.example"}, session="bot")
    assert result.ok and not result.stored
    assert demo_cat.inquiries().empty


def test_floods_from_one_session_are_limited(demo_cat):
    oks = [demo_cat.submit_inquiry("DEMO-047", dict(GOOD), session="flood").ok for _ in range(5)]
    assert oks == [True, True, True, False, False]
    assert demo_cat.submit_inquiry("DEMO-047", dict(GOOD), session="someone-else").ok
    assert len(demo_cat.inquiries()) == 4


def test_rate_limiter_window_expires():
    now = [0.0]
    limiter = RateLimiter(limit=2, window=60, clock=lambda: now[0])
    assert limiter.allow("k") and limiter.allow("k") and not limiter.allow("k")
    now[0] = 61
    assert limiter.allow("k")


def test_similar_projects_are_public_and_alike(demo_cat):
    similar = demo_cat.similar("DEMO-048", limit=4)
    assert len(similar) == 4 and "DEMO-048" not in similar
    public = set(demo_cat.projects()["code"])
    assert set(similar) <= public
    frame = demo_cat.projects().set_index("code")
    assert (frame.loc[similar, "category"] == frame.loc["DEMO-048", "category"]).all()
    assert demo_cat.similar("NO-SUCH") == []


def test_stage_tracker_marks_the_current_stage(cat):
    marks = stage_tracker(cat, "awarded", "en")
    assert [state for _label, state in marks] == ["done", "done", "current", "todo", "todo"]
    assert marks[2][0] == "Investor selected"
    assert all(state == "todo" for _l, state in stage_tracker(cat, "withdrawn", "vi"))


def test_shortlist_downloads_hold_only_published_projects(demo_cat, tmp_path):
    import io

    import openpyxl

    from catalogue.views import compare_table, export_bytes

    data = export_bytes(demo_cat, ".xlsx", "en", code=["DEMO-047", "DEMO-012"])
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["DEMO-047"]
    csv_text = export_bytes(demo_cat, ".csv", "vi", code=["DEMO-047"]).decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("Mã dự án,Tên dự án")
    table = compare_table(demo_cat, ["DEMO-047", "DEMO-048", "DEMO-012", "NOPE"], "en")
    assert len(table.columns) == 2 and "Total investment" in table.index


def test_free_text_in_vietnamese_is_marked_on_the_english_page(demo_cat):
    from catalogue.views import project_sheet

    english = dict(project_sheet(demo_cat, "DEMO-005", "en").facts)
    vietnamese = dict(project_sheet(demo_cat, "DEMO-005", "vi").facts)
    assert english["Location"].endswith("(in Vietnamese)")
    assert not vietnamese["Địa điểm"].endswith(")")
