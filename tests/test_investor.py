"""The investor-facing domain: URL state, exchange rate, inquiries, similar projects, stages."""

from __future__ import annotations

import pytest

from catalogue.projects.browse_state import BrowseState, parse_params, to_params
from catalogue.projects.money import exchange_rate
from catalogue.projects.views import stage_tracker
from catalogue.staff.inquiries import RateLimiter, inbox
from catalogue.staff.inquiries import submit as submit_inquiry
from catalogue.text import format_usd_m

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
        "ward": ["Phường Tây Tựu", "bat_trang"],
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
    assert state.ward == ("tay_tuu", "bat_trang")
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
        ({"ward": "Phường Bến Nghé"}, "ward"),
    ],
)
def test_bad_url_parameters_are_dropped_with_a_message(cat, params, dropped):
    state, problems = parse_params(params, cat.reference)
    assert [p.param for p in problems] == [dropped]
    assert problems[0].text("vi") and problems[0].text("en")
    for lang in ("vi", "en"):  # the page's own label, never the URL's parameter name
        said = problems[0].text(lang)
        assert not any(
            f"{before}{dropped}{after}" in said for before in " “" for after in ("”", ".", " must", " takes")
        )
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
    result = submit_inquiry(demo_cat, "DEMO-047", dict(GOOD), session="s1", lang="en")
    assert result.ok and result.stored
    stored = inbox(demo_cat, code="DEMO-047")
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
    result = submit_inquiry(demo_cat, "DEMO-047", {**GOOD, **change}, session="s2")
    assert not result.ok and field in result.errors
    assert result.errors[field]("vi") and result.errors[field]("en")
    assert inbox(demo_cat).empty


def test_inquiries_only_for_published_projects(demo_cat):
    everything = demo_cat.projects(include_hidden=True)
    hidden = everything.loc[everything["publication"] == "draft", "code"].iloc[0]
    for code in (hidden, "NO-SUCH-CODE"):
        result = submit_inquiry(demo_cat, code, dict(GOOD), session="s3")
        assert not result.ok and "project" in result.errors
        assert result.errors["project"]("en") == "This project cannot be found."  # what the page shows
        assert result.errors["project"]("vi") == "Không tìm thấy dự án này."
    assert inbox(demo_cat).empty


def test_the_honeypot_stores_nothing_but_answers_like_a_success(demo_cat):
    result = submit_inquiry(demo_cat, "DEMO-047", {**GOOD, "website": "http://spam.example"}, session="bot")
    assert result.ok and not result.stored
    assert inbox(demo_cat).empty


def test_floods_from_one_session_are_limited(demo_cat):
    oks = [
        submit_inquiry(demo_cat, "DEMO-047", {**GOOD, "message": f"Question number {n}"}, session="flood").ok
        for n in range(5)
    ]
    assert oks == [True, True, True, False, False]
    refused = submit_inquiry(demo_cat, "DEMO-047", {**GOOD, "message": "Question number 9"}, session="flood")
    assert refused.errors["form"]("en").startswith("You have sent several inquiries")  # what the page shows
    assert refused.errors["form"]("vi").startswith("Quý nhà đầu tư đã gửi nhiều thư")
    other = {**GOOD, "email": "someone@example.org", "message": "Another one"}
    assert submit_inquiry(demo_cat, "DEMO-047", other, session="someone-else").ok
    assert len(inbox(demo_cat)) == 4


def test_a_reload_or_a_new_browser_gives_no_fresh_allowance(demo_cat):
    """The limit holds per client address and per e-mail, not only per browser session."""
    limits = __import__("catalogue.staff.inquiries", fromlist=["INQUIRY_LIMITS"]).INQUIRY_LIMITS
    by_address = [
        submit_inquiry(
            demo_cat,
            "DEMO-047",
            {**GOOD, "email": f"visitor{n}@example.org", "message": f"Question number {n}"},
            session=f"reload-{n}",  # every request from a fresh session, as after a reload
            address="203.0.113.9",
        ).ok
        for n in range(limits["address"][0] + 2)
    ]
    assert by_address.count(True) == limits["address"][0] and by_address[-1] is False
    # The same e-mail from ever new sessions and addresses
    by_email = [
        submit_inquiry(
            demo_cat,
            "DEMO-050",
            {**GOOD, "message": f"Asking again, number {n}"},
            session=f"s{n}",
            address=f"198.51.100.{n}",
        ).ok
        for n in range(limits["email"][0] + 2)
    ]
    assert by_email.count(True) == limits["email"][0]
    # A refused attempt does not use up another key's allowance: a new visitor still gets in.
    fresh = {**GOOD, "email": "new@example.org", "message": "First question"}
    assert submit_inquiry(demo_cat, "DEMO-050", fresh, session="new", address="192.0.2.1").ok


def test_a_project_takes_at_most_so_many_inquiries_an_hour(demo_cat):
    limits = __import__("catalogue.staff.inquiries", fromlist=["INQUIRY_LIMITS"]).INQUIRY_LIMITS
    oks = [
        submit_inquiry(
            demo_cat,
            "DEMO-047",
            {**GOOD, "email": f"p{n}@example.org", "message": f"Question number {n}"},
            session=f"p{n}",
            address=f"10.1.{n}.1",
        ).ok
        for n in range(limits["project"][0] + 1)
    ]
    assert oks.count(True) == limits["project"][0] and oks[-1] is False


def test_an_inquiry_sent_twice_is_stored_once_with_one_reference(demo_cat):
    first = submit_inquiry(demo_cat, "DEMO-047", dict(GOOD), session="s", submission="form-1")
    again = submit_inquiry(demo_cat, "DEMO-047", dict(GOOD), session="s", submission="form-1")  # a double click
    assert first.ok and first.stored and not first.duplicate
    assert again.ok and again.duplicate and not again.stored
    assert again.reference == first.reference and first.reference.startswith("YC-")
    # The form left filled and sent again (a new filling-in id, the same words): still one.
    resent = submit_inquiry(demo_cat, "DEMO-047", {**GOOD, "email": GOOD["email"].upper()}, session="t")
    assert resent.duplicate and resent.reference == first.reference
    assert len(inbox(demo_cat)) == 1
    other = submit_inquiry(demo_cat, "DEMO-047", {**GOOD, "message": "A different question."}, session="s")
    assert other.stored and other.reference != first.reference
    assert list(inbox(demo_cat)["reference"].sort_values()) == sorted([first.reference, other.reference])


def test_a_one_letter_name_and_a_misspelt_country_are_questioned(demo_cat):
    result = submit_inquiry(demo_cat, "DEMO-047", {**GOOD, "name": "A", "country": "Germny"}, session="s")
    assert not result.ok
    assert result.errors["name"]("en") == "Please enter your full name."
    assert "did you mean Germany?" in result.errors["country"]("en")
    assert "có phải Đức?" in result.errors["country"]("vi")
    named = submit_inquiry(demo_cat, "DEMO-047", {**GOOD, "country": "Hàn Quốc"}, session="s")
    assert named.ok and inbox(demo_cat)["country"].tolist() == ["KR"]  # stored as the ISO code


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

    from catalogue.projects.views import compare_table, export_bytes

    data = export_bytes(demo_cat, ".xlsx", "en", code=["DEMO-047", "DEMO-012"])
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["DEMO-047"]
    csv_text = export_bytes(demo_cat, ".csv", "vi", code=["DEMO-047"]).decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("Mã dự án,Tên dự án")
    table = compare_table(demo_cat, ["DEMO-047", "DEMO-048", "DEMO-012", "NOPE"], "en")
    assert len(table.columns) == 2 and "Total investment" in table.index


def test_free_text_in_vietnamese_is_marked_on_the_english_page(demo_cat):
    from catalogue.projects.views import project_sheet

    english = dict(project_sheet(demo_cat, "DEMO-005", "en").facts)
    vietnamese = dict(project_sheet(demo_cat, "DEMO-005", "vi").facts)
    assert english["Location"].endswith("(in Vietnamese)")
    assert not vietnamese["Địa điểm"].endswith(")")


def _import_rows(cat, tmp_path, rows: list[dict]) -> None:
    import pandas as pd

    path = tmp_path / "amounts.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    report = cat.import_file(path)
    assert report.ok, report.errors[:3]


def test_an_amount_written_as_approximate_stays_approximate_on_the_page(cat, tmp_path):
    from catalogue.projects.views import money_text

    row = {"Mã dự án": "AMT-1", "Tên dự án": "Nhà máy thử", "Nhóm": "renewables"}
    _import_rows(cat, tmp_path, [{**row, "Tổng vốn đầu tư (tỷ đồng)": "khoảng 500 tỷ đồng"}])
    project = cat.project("AMT-1")
    assert project["investment_vnd_bn"] == 500 and project["investment_approx"] is True
    assert money_text(project, "vi").startswith("khoảng 500 tỷ đồng (≈ ")
    assert money_text(project, "en").startswith("about VND 500 bn (≈ USD ")
    assert "quy đổi" in money_text(project, "vi") and "converted" in money_text(project, "en")
    from catalogue.projects.views import result_cards

    card = result_cards(cat, cat.search_page("", code=["AMT-1"]).hits, "vi")[0]
    assert card.investment_text == "khoảng 500 tỷ đồng"  # the result card says so too
    # Reported exactly next time: no longer approximate.
    _import_rows(cat, tmp_path, [{**row, "Tổng vốn đầu tư (tỷ đồng)": "520"}])
    assert not cat.project("AMT-1")["investment_approx"]
    # An export carries the flag, and re-imports unchanged.
    _import_rows(cat, tmp_path, [{**row, "Tổng vốn đầu tư (tỷ đồng)": "~ 510"}])
    cat.export(tmp_path / "out.xlsx")
    again = cat.import_file(tmp_path / "out.xlsx")
    assert again.ok and again.updated == 0 and cat.project("AMT-1")["investment_approx"] is True


def test_a_reported_usd_figure_is_shown_as_reported_not_as_a_conversion(cat, tmp_path):
    from catalogue.projects.money import exchange_rate
    from catalogue.projects.views import money_text

    row = {"Mã dự án": "AMT-2", "Tên dự án": "Nhà máy thử", "Nhóm": "renewables"}
    _import_rows(cat, tmp_path, [{**row, "Tổng vốn đầu tư (tỷ đồng)": "500", "Tổng vốn đầu tư (triệu USD)": "50"}])
    text = money_text(cat.project("AMT-2"), "vi")
    assert text == "500 tỷ đồng; 50 triệu USD (theo hồ sơ)"  # neither "≈" nor a figure the app made up
    _import_rows(cat, tmp_path, [{**row, "Tổng vốn đầu tư (triệu USD)": "50", "Tổng vốn đầu tư (tỷ đồng)": ""}])
    converted = 50 * exchange_rate().vnd_per_usd / 1000
    assert money_text(cat.project("AMT-2"), "en") == f"USD 50 m (≈ VND {converted:,.1f} bn, converted)".replace(
        ".0 bn", " bn"
    )


def test_a_card_marks_the_words_matched_in_a_description_with_line_breaks(cat, tmp_path):
    """The snippet is one line (breaks and runs of spaces as one space); the marks move with the text."""
    from catalogue.projects.views import result_cards

    description = "Dòng đầu tiên.\n\n  Thiết bị   zqmarker\txử lý\r\nbùn thải "
    row = {"Mã dự án": "SNP-1", "Tên dự án": "Nhà máy thử", "Nhóm": "renewables", "Mô tả": description}
    _import_rows(cat, tmp_path, [row])
    card = result_cards(cat, cat.search_page("zqmarker").hits, "vi")[0]
    assert "".join(piece for piece, _ in card.snippet_parts) == "Dòng đầu tiên. Thiết bị zqmarker xử lý bùn thải"
    assert [piece for piece, marked in card.snippet_parts if marked] == ["zqmarker"]


def test_a_search_keeps_its_commas_a_thousands_separator_or_a_list(cat):
    """?q=5,000 tonnes is one query as typed (a list parameter splits at commas, a text does not):
    the search box showed "5 000 tonnes" and the number was lost."""
    state, problems = parse_params({"q": "5,000 tonnes"}, cat.reference)
    assert state.q == "5,000 tonnes" and not problems
    again, _ = parse_params(to_params(state), cat.reference)
    assert again.q == "5,000 tonnes"
    assert parse_params({"q": "solar, wind"}, cat.reference)[0].q == "solar, wind"
