"""What the fresh-eyes review of issues 10 and 11 found, one test each (AppTest and domain)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from catalogue import Catalogue
from catalogue.leadership.charts import dashboard_charts
from catalogue.leadership.dashboard import dashboard
from catalogue.staff.countries import country_choice_label
from catalogue.staff.inquiries import submit as submit_inquiry
from tests.conftest import open_demo
from tests.results import card_data, press
from tests.test_hostile_text import APP, MARKDOWN, PASSWORD, markdown_strings, run


@pytest.fixture
def db(monkeypatch, tmp_path):
    path = tmp_path / "review.duckdb"
    with open_demo(path, "lan", "minh") as cat:
        form = {
            "name": "Jane Doe",
            "organisation": "Green Capital",
            "country": "FR",
            "message": "We would like the feasibility study.",
            "consent": True,
        }
        assert submit_inquiry(
            cat, "DEMO-015", form | {"email": "a@example.com", "phone": "+33 1 23 45 67 89"}, session="a"
        ).ok
        assert submit_inquiry(cat, "DEMO-015", form | {"email": "b@example.com"}, session="b").ok  # no phone
    monkeypatch.setenv("CATALOGUE_DB", str(path))
    yield path
    __import__("streamlit").cache_resource.clear()


def signed_in(name: str) -> AppTest:
    at = run(AppTest.from_file(APP, default_timeout=60))
    at.switch_page("signin.py")
    run(at)
    at.text_input[0].input(name)
    at.text_input[1].input(PASSWORD)
    at.button[0].click()
    return run(at)


def no_page_error(at: AppTest) -> None:
    assert not at.exception
    assert not [e.value for e in at.error if "Something went wrong" in e.value or "Đã có lỗi" in e.value]


def test_an_inquiry_without_a_phone_opens_in_the_inbox(db):
    at = signed_in("lan")
    at.switch_page("inbox.py")
    run(at)
    box = next(s for s in at.selectbox if s.options and len(s.options) == 2)
    for index in range(2):
        box.select_index(index)
        run(at)
        no_page_error(at)
        assert any(f.type == "form" for f in at.get("form")) or at.get("form")  # the answer form is drawn


def test_a_reviewers_reason_and_comment_are_shown_as_text(db):
    from catalogue.staff import workflow

    markup = " ".join(MARKDOWN.values())
    with Catalogue.open(db) as cat:

        def mismatch(cur):  # a USD figure far from the VND one: a warning to accept
            cur.execute("update projects set investment_usd_m = 1 where code = 'DEMO-001'")

        cat.write(mismatch, event="projects")
        checks = workflow.open_checks(cat, "DEMO-001")
        assert checks
        workflow.accept_check(cat, "DEMO-001", checks[0].code, f"Reason {markup}", actor="minh", role="reviewer")
    at = signed_in("minh")
    at.switch_page("edit.py")
    at.query_params["code"] = "DEMO-001"
    run(at)
    strings = markdown_strings(at)
    assert any("Reason" in s for s in strings)
    for name, marker in MARKDOWN.items():
        assert not [s for s in strings if marker in s], name


def test_a_shortlist_link_with_a_hidden_code_frees_its_slot_and_says_so(db):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["list"] = "DEMO-012,DEMO-001,DEMO-002,DEMO-003"  # DEMO-012 is a draft
    at.query_params["lang"] = "en"
    run(at)
    assert at.session_state["shortlist"] == ["DEMO-001", "DEMO-002", "DEMO-003"]  # what the address bar is given
    at.switch_page("shortlist.py")
    run(at)
    assert any("Taken off the shortlist" in i.value and "DEMO-012" in i.value.replace("\\", "") for i in at.info)
    # ... and a fourth project can be added from the catalogue.
    at.switch_page("browse.py")
    run(at)
    listed = set(at.session_state["shortlist"])
    press(at, "toggle", next(card["code"] for card in card_data(at) if card["code"] not in listed))
    run(at)
    assert len(at.session_state["shortlist"]) == 4


def test_the_back_link_follows_todays_language(db):
    """Results remembered in English, the project page now in Vietnamese: Back stays Vietnamese."""
    at = run(AppTest.from_file(APP, default_timeout=60))
    at.session_state["last_results"] = {"q": "solar", "lang": "en"}  # as remembered before the switch
    at.switch_page("project.py")
    at.query_params["code"] = "DEMO-001"
    run(at)
    back = [p.proto for p in at.get("page_link") if "q=solar" in p.proto.query_string]
    assert back and all("lang=en" not in p.query_string for p in back)


def test_a_country_can_be_found_by_typing_without_accents_or_in_english():
    assert "Viet Nam" in country_choice_label("VN")("vi") and "Vietnam" in country_choice_label("VN")("vi")
    assert "Duc" in country_choice_label("DE")("vi") and "Germany" in country_choice_label("DE")("vi")
    # on the English page too: "Duc" typed there found only Dominican Republic (a helper)
    assert country_choice_label("DE")("en") == "Germany (Đức · Duc)"


def test_the_funnel_with_hidden_projects_shows_shares_not_infinity():
    with Catalogue.open(":memory:") as cat:
        cat.load_demo()
        d = dashboard(cat, "en", include_hidden=True)
        funnel = next(c for c in dashboard_charts(d, "en") if c.key == "funnel").figure
        assert funnel.data[0].textinfo == "value+percent total"
        ward = next(c for c in dashboard_charts(d, "en") if c.key == "ward")
        with cat.cursor() as cur:
            named = cur.execute("select count(*) from projects where ward is not null").fetchall()[0][0]
        assert ward.note.startswith(f"{named} of ")


def test_a_draft_without_a_returned_comment_does_not_say_nan(db):
    with Catalogue.open(db) as cat:  # one draft returned with a comment, the other never returned

        def comment(cur):
            cur.execute("update projects set review_comment = 'Please add the area' where code = 'DEMO-012'")

        cat.write(comment, event="projects")
    at = signed_in("lan")
    assert any("Please add the area" in s for s in markdown_strings(at))
    strings = markdown_strings(at)
    assert not [s for s in strings if "nan" in s.split()], strings
