"""AppTest page tests: the app as a person uses it, on a fresh database with the demo data."""

import re

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from catalogue import Catalogue
from catalogue.projects.money import exchange_rate
from catalogue.staff.inquiries import inbox
from catalogue.text import format_date
from tests.results import card_data, pager, press, titles

APP = str(__import__("conftest").ROOT / "app_pages" / "main.py")  # the frame each session runs


@pytest.fixture
def fresh_db(monkeypatch, tmp_path):
    path = tmp_path / "app.duckdb"
    monkeypatch.setenv("CATALOGUE_DB", str(path))
    yield path
    __import__("streamlit").cache_resource.clear()


def open_app(params: dict | None = None, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    if page:  # AppTest starts on the default page; a link would open this one directly
        at.run()
        at.switch_page(page)
        for key, value in (params or {}).items():
            at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def cards(at: AppTest) -> list[str]:
    """The cards' titles, as shown."""
    return titles(at)


def count_line(at: AppTest) -> str:
    """How many projects the page says it found: "65 dự án" (the total of "1–20 trong 65 dự án")."""
    line = next(
        found for m in at.markdown if (found := m.value.split(" · ")[0]).endswith(("dự án", "projects", "project"))
    )
    return line.split(" trong ")[-1].split(" of ")[-1]


def widget(at: AppTest, kind: str, key: str):
    """The widget showing the value kept under ``key`` (its Streamlit key is ``key@digest``)."""
    return next(w for w in at.get(kind) if w.key and w.key.startswith(f"{key}@"))


def demo_catalogue() -> Catalogue:
    cat = Catalogue.open(":memory:")
    cat.load_demo()
    return cat


def test_app_starts_on_a_fresh_database_with_demo_data(fresh_db):
    at = open_app()
    assert fresh_db.exists()
    assert at.title[0].value == "Danh mục dự án công nghiệp môi trường Hà Nội"
    assert any("dữ liệu minh họa" in info.value for info in at.info)
    with demo_catalogue() as cat:
        assert count_line(at) == f"{cat.count()} dự án"  # published only: drafts stay hidden
    assert len(cards(at)) == 20  # one page, never everything


def test_english_from_the_url(fresh_db):
    at = open_app({"lang": "en"})
    assert at.title[0].value == "Hanoi Environmental Industry Project Catalogue"
    assert cards(at)[0] == "[Illustrative] Soc Son factory for solid-waste collection and transport trucks"
    widget(at, "segmented_control", "lang").set_value("vi").run()
    assert at.title[0].value.startswith("Danh mục")


def test_search_from_the_url_marks_matches_and_keeps_the_query(fresh_db):
    at = open_app({"q": "nuoc thai lang nghe"})
    assert at.text_input[0].value == "nuoc thai lang nghe"
    assert ["nước thải làng nghề", True] in card_data(at)[0]["title"]  # marked as matched
    at.text_input[0].set_value("zzzzqqqq xxxyyy").run()
    assert not cards(at)
    # neither word is in any project: the message names them rather than advising fewer words
    assert any("Không dự án nào có các từ này: “zzzzqqqq”, “xxxyyy”" in w.value for w in at.warning)
    assert at.query_params["q"] in ("zzzzqqqq xxxyyy", ["zzzzqqqq xxxyyy"])


def test_filters_from_the_url_agree_with_the_catalogue(fresh_db):
    at = open_app({"category": "renewables", "min_vnd": "100", "sort": "investment"})
    with demo_catalogue() as cat:
        expected = cat.projects(category="renewables", min_investment=100, order_by="investment")
    assert count_line(at) == f"{len(expected)} dự án"
    first = expected.iloc[0]["name_vi"]
    assert cards(at)[0] == first
    assert widget(at, "multiselect", "f_category").value == ["renewables"]


def test_the_project_type_facet_from_the_url_survives_a_language_switch(fresh_db):
    at = open_app({"type": "energy"})
    with demo_catalogue() as cat:
        expected = cat.projects(project_type="energy")
    assert count_line(at) == f"{len(expected)} dự án" and len(expected) == 6
    assert set(cards(at)) == set(expected["name_vi"])
    assert widget(at, "multiselect", "f_type").value == ["energy"]
    widget(at, "segmented_control", "lang").set_value("en").run()
    assert not at.exception
    assert count_line(at) == f"{len(expected)} projects"
    assert widget(at, "multiselect", "f_type").value == ["energy"]
    assert at.query_params["type"] in ("energy", ["energy"]) and at.query_params["lang"] in ("en", ["en"])


def test_every_sidebar_facet_chosen_is_applied(fresh_db):
    """A choice in each facet reaches the URL and the results (the project type's once did not)."""
    with demo_catalogue() as cat:
        for key, param, code, filters in (
            ("f_category", "category", "renewables", {"category": "renewables"}),
            ("f_type", "type", "recycling", {"project_type": "recycling"}),
            ("f_ward", "ward", "tay_tuu", {"ward": "tay_tuu"}),
            ("f_status", "status", "negotiating", {"status": "negotiating"}),
            ("f_form", "form", "ppp", {"investment_form": "ppp"}),
        ):
            at = open_app()
            widget(at, "multiselect", key).set_value([code]).run()
            assert not at.exception
            assert at.query_params[param] in (code, [code]), key
            assert count_line(at) == f"{len(cat.projects(**filters))} dự án", key


def test_facet_options_are_alphabetical_in_the_readers_language_empty_ones_last(fresh_db):
    """Former districts in Vietnamese order (Ba Vì … Đan Phượng after D …) and in English order, those
    without a project here last; the stages keep their own order; wards list only those in use."""
    from catalogue.text import collation_key

    with demo_catalogue() as cat:
        ref = cat.reference
        used = set(cat.projects()["district"])
    for lang in ("vi", "en"):
        at = open_app({"lang": lang} if lang == "en" else None)
        options = widget(at, "multiselect", "f_district").options
        labels = {ref.districts.label(code)(lang): code for code in ref.districts.codes}
        codes = [labels[option.rsplit(" (", 1)[0]] for option in options]
        in_use = [code for code in codes if code in used]
        assert codes == in_use + [code for code in codes if code not in used]  # the empty ones last
        names = [ref.districts.label(code)(lang) for code in in_use]
        assert names == sorted(names, key=lambda name: collation_key(name, lang)) and len(names) > 5
        stages = [option.rsplit(" (", 1)[0] for option in widget(at, "multiselect", "f_status").options]
        assert stages == [ref.statuses.label(code)(lang) for code in ref.public_statuses]
        wards = widget(at, "multiselect", "f_ward").options
        assert 0 < len(wards) < len(ref.wards.codes) and all(not option.endswith("(0)") for option in wards)


def test_bad_url_parameters_give_a_message_not_a_traceback(fresh_db):
    at = open_app({"category": "rockets", "min_vnd": "abc", "status": "draft", "page": "-3"})
    assert len(at.toast) == 4
    with demo_catalogue() as cat:
        assert count_line(at) == f"{cat.count()} dự án"


def test_paging(fresh_db):
    at = open_app()
    first = cards(at)
    shown = pager(at)
    assert shown["page"] == 1 and shown["pages"] >= 2
    assert shown["window"][0][0] == 1 and shown["window"][-1][0] == shown["pages"]  # the first and the last
    press(at, "page", "2")
    assert cards(at) and cards(at) != first
    assert at.query_params["page"] in ("2", ["2"])
    assert pager(at)["page"] == 2  # the page shown is marked
    press(at, "page", "3")  # from a page other than the first
    assert pager(at)["page"] == 3 and at.query_params["page"] in ("3", ["3"])
    press(at, "page", "1")
    assert cards(at) == first
    press(at, "page", "999")  # a forged press beyond the last page: the last page
    assert pager(at)["page"] == pager(at)["pages"]


def test_project_page_and_the_ones_the_public_may_not_see(fresh_db):
    at = open_app({"code": "DEMO-047"}, page="project.py")
    assert at.title[0].value.replace("\\", "").startswith("[Minh họa] Hệ thống thu gom, xử lý nước thải")
    assert any("minh họa" in w.value for w in at.warning)
    for code in ("DEMO-012", "NOPE"):  # a draft and an unknown code
        hidden = open_app({"code": code}, page="project.py")
        assert not hidden.title
        assert f"“{code}”" in hidden.warning[0].value


def test_english_project_page_marks_missing_translations(fresh_db):
    at = open_app({"code": "DEMO-066", "lang": "en"}, page="project.py")
    assert at.title[0].value.replace("\\", "") == "[Minh họa] Trạm xử lý nước hồ Tây bằng công nghệ tuần hoàn"
    assert any("no English version" in c.value for c in at.caption)
    # its capital is given in both currencies: shown as reported, no conversion note (found by a helper)
    assert not [c.value for c in at.caption if "indicative rate" in c.value]
    # a capital in one currency is converted, and the note dates the rate as English readers write it
    # ("1 Nov 2026"), never 01/11/2026
    at = open_app({"code": "DEMO-061", "lang": "en"}, page="project.py")
    rate = exchange_rate()
    notes = [c.value for c in at.caption if "indicative rate" in c.value]
    assert notes and all(format_date(rate.as_of, "en") in n and "/" not in n.split(" of ")[-1] for n in notes)


def open_inquiry(at: AppTest) -> None:
    """Press "Liên hệ về dự án này": the form opens (the page shows a button, not the form, at first)."""
    assert not any(w.label == "Họ tên" for w in at.text_input)
    next(b for b in at.button if b.label == "Liên hệ về dự án này").click().run()


def fill_inquiry(at: AppTest, **values) -> None:
    if not any(w.label == "Họ tên" for w in at.text_input):
        open_inquiry(at)
    fields = {
        "Họ tên": "name",
        "Tổ chức": "organisation",
        "Email": "email",
        "Điện thoại (không bắt buộc)": "phone",
        "Để trống ô này": "website",
    }
    for widget in at.text_input:
        if widget.label in fields and fields[widget.label] in values:
            widget.set_value(values[fields[widget.label]])
    if "country" in values:
        next(s for s in at.selectbox if s.label == "Quốc gia").set_value(values["country"])
    if "message" in values:
        at.text_area[0].set_value(values["message"])
    if values.get("consent"):
        at.checkbox[0].check()
    next(b for b in at.button if b.label == "Gửi").click()
    at.run()


def test_an_inquiry_is_stored_and_confirmed(fresh_db):
    at = open_app({"code": "DEMO-047"}, page="project.py")
    fill_inquiry(
        at,
        name="Lê Minh",
        organisation="Vina Green",
        country="VN",
        email="minh@vinagreen.example",
        message="Xin hồ sơ khả thi và hiện trạng đất.",
        consent=True,
    )
    assert at.success and "Đã nhận" in at.success[0].value
    stored = inbox(_catalogue(fresh_db), code="DEMO-047")
    assert list(stored["email"]) == ["minh@vinagreen.example"]
    assert stored["reference"][0] in at.success[0].value  # the investor sees the reference number
    assert next(w for w in at.text_input if w.label == "Họ tên").value == ""  # a fresh form
    # The second click of a double click lands on the emptied form: the reference number stays,
    # no "required" errors appear, nothing more is stored.
    next(b for b in at.button if b.label == "Gửi").click().run()
    assert at.success and stored["reference"][0] in at.success[0].value
    assert not [m for m in at.markdown if m.value.startswith(":red[")]
    assert len(inbox(_catalogue(fresh_db), code="DEMO-047")) == 1


def test_a_bad_inquiry_is_refused_and_nothing_is_stored(fresh_db):
    at = open_app({"code": "DEMO-047"}, page="project.py")
    fill_inquiry(at, name="", organisation="X", email="no-at-sign", message="hi")
    problems = [m.value for m in at.markdown if m.value.startswith(":red[")]
    assert any("email" in p.lower() for p in problems)
    assert any("quốc gia" in p for p in problems)  # none chosen
    assert inbox(_catalogue(fresh_db)).empty
    assert next(w for w in at.text_input if w.label == "Email").value == "no-at-sign"  # kept to correct


def test_shortlist_from_the_project_page(fresh_db):
    at = open_app({"code": "DEMO-047"}, page="project.py")
    next(b for b in at.button if b.label == "Thêm vào danh sách quan tâm").click().run()
    assert at.session_state["shortlist"] == ["DEMO-047"]
    assert any(b.label == "Bỏ khỏi danh sách quan tâm" for b in at.button)


def test_shortlist_compares_and_downloads(fresh_db):
    at = open_app(page="shortlist.py")
    assert "Chưa có dự án" in at.info[0].value
    at.session_state["shortlist"] = ["DEMO-047", "DEMO-048", "DEMO-012"]  # the draft is never shown
    at.run()
    table = next(h.proto.body for h in at.get("html") if "class='compare'" in h.proto.body)
    assert "DEMO-047" in table and "DEMO-048" in table and "DEMO-012" not in table
    assert "Tổng vốn đầu tư" in table and "class='differs'" in table
    assert len(at.get("download_button")) == 2


def test_a_database_from_a_newer_program_shows_a_message_not_a_traceback(fresh_db):
    Catalogue.open(fresh_db).close()
    connection = duckdb.connect(str(fresh_db))
    connection.execute("insert into schema_migrations (version, name) values (999, 'future')")
    connection.close()
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "999" in at.error[0].value


def _catalogue(path) -> Catalogue:
    """The catalogue the app holds (the same process shares DuckDB's database instance)."""
    from app_pages._state import open_catalogue

    return open_catalogue(str(path))


def test_lead_agency_filter_from_the_url_finds_merged_predecessors(fresh_db):
    at = open_app({"agency": "so_nn_mt"})
    with demo_catalogue() as cat:
        assert count_line(at) == f"{cat.count(lead_agency='so_nn_mt')} dự án"
    assert widget(at, "multiselect", "f_agency").value == ["so_nn_mt"]


def test_result_cards_toggle_the_shortlist_and_open_a_project(fresh_db):
    """A card's shortlist button adds and removes (four at most, then a message); its Open draws the
    project's page link for the browser to follow (the browser tests follow it)."""
    at = open_app()
    codes = [card["code"] for card in card_data(at)]
    press(at, "toggle", codes[0])
    assert at.session_state["shortlist"] == [codes[0]]
    assert [card["listed"] for card in card_data(at)][:2] == [True, False]
    press(at, "toggle", codes[0])
    assert at.session_state["shortlist"] == []
    for code in codes[:5]:
        press(at, "toggle", code)
    assert at.session_state["shortlist"] == codes[:4]
    assert any("4" in toast.value for toast in at.toast)  # the fifth is refused, and said
    press(at, "open", codes[1])
    links = [p.proto for p in at.get("page_link") if p.proto.query_string.startswith(f"code={codes[1]}")]
    assert links and "list=" in links[0].query_string  # the shortlist goes with it
    assert not at.exception


def test_open_from_a_card_no_longer_listed_still_goes_to_the_project(fresh_db):
    at = open_app({"q": "nuoc thai"})
    press(at, "open", "DEMO-001")  # not among these results (they changed under the click)
    assert not at.exception
    assert at.query_params["code"] in ("DEMO-001", ["DEMO-001"])
    with demo_catalogue() as cat:
        assert at.title[0].value.replace("\\", "") == cat.project("DEMO-001")["name_vi"]  # its page, not the results


def _session_keys(at: AppTest) -> int:
    return len(list(at.session_state.keys()))


def test_a_long_visit_does_not_grow_the_session(fresh_db):
    """Streamlit walks every key of the session for each text, number and select widget it draws:
    keys left behind by each search or project opened made every click dearer the longer one browsed."""
    at = open_app()
    sizes = []
    for word in ["nước thải", "rác", "khí thải", "bùn", "điện mặt trời", "tái chế", "lò đốt", "nhựa"]:
        widget(at, "text_input", "f_q").set_value(word).run()  # other counts beside the filter options
        assert not at.exception
        sizes.append(_session_keys(at))
    assert max(sizes[2:]) <= sizes[1], sizes
    project = open_app({"code": "DEMO-001"}, page="project.py")
    sizes = []
    for code in ["DEMO-002", "DEMO-005", "DEMO-009", "DEMO-010", "DEMO-011", "DEMO-015"]:
        project.query_params["code"] = code
        project.run()
        open_inquiry(project)  # the form's state (its id against double sending, its country) is made
        assert not project.exception
        sizes.append(_session_keys(project))
    assert max(sizes[2:]) <= sizes[1], sizes


def test_emptying_a_capital_field_removes_that_bound_only(fresh_db):
    at = open_app({"min_vnd": "100", "max_vnd": "500"})
    widget(at, "text_input", "f_max").set_value("").run()
    assert not at.exception
    assert at.query_params.get("min_vnd") in ("100", ["100"], "100.0", ["100.0"])
    assert "max_vnd" not in at.query_params  # not "0 to 100" (the emptied field read as 0, then swapped)
    widget(at, "text_input", "f_min").set_value("").run()
    assert "min_vnd" not in at.query_params and "max_vnd" not in at.query_params
    assert widget(at, "text_input", "f_min").value == ""


@pytest.mark.parametrize(
    ("lang", "typed", "applied", "shown"),
    [
        ("vi", "1.000", "1000", "1.000"),  # one thousand, as the Vietnamese page writes it (was read as 1)
        ("vi", "2,5", "2.5", "2,5"),
        ("vi", "500 triệu", "0.5", "0,5"),
        ("en", "1,000", "1000", "1,000"),
        ("en", "2.5", "2.5", "2.5"),
    ],
)
def test_a_capital_is_read_as_the_pages_language_writes_numbers(fresh_db, lang, typed, applied, shown):
    at = open_app({} if lang == "vi" else {"lang": "en"})
    widget(at, "text_input", "f_min").set_value(typed).run()
    assert not at.exception
    assert at.query_params.get("min_vnd") in (applied, [applied], applied + ".0", [applied + ".0"])
    assert widget(at, "text_input", "f_min").value == shown  # written back the page's way
    with demo_catalogue() as cat:
        assert count_line(at).startswith(str(cat.count(min_investment=float(applied))))


def test_a_capital_that_is_not_an_amount_is_said_and_changes_nothing(fresh_db):
    at = open_app({"min_vnd": "100"})
    widget(at, "text_input", "f_min").set_value("nhiều").run()
    assert not at.exception
    assert at.query_params.get("min_vnd") in ("100", ["100"], "100.0", ["100.0"])
    assert any("Không đọc được số trong “nhiều”" in toast.value for toast in at.toast)
    widget(at, "text_input", "f_max").set_value("-5").run()
    assert "max_vnd" not in at.query_params
    assert any("từ 0 đến một triệu" in toast.value for toast in at.toast)


def test_words_typed_then_the_pager_pressed_are_applied_from_the_first_page(fresh_db):
    at = open_app()
    everything = count_line(at)
    widget(at, "text_input", "f_q").set_value("điện mặt trời")  # typed; the pager pressed before Enter
    press(at, "page", "2")
    assert not at.exception
    assert at.query_params.get("q") in ("điện mặt trời", ["điện mặt trời"])
    assert "page" not in at.query_params and count_line(at) != everything


def test_when_the_words_find_nothing_within_filters_dropping_the_words_is_offered(fresh_db):
    at = open_app({"q": "zzzzqqq", "category": "renewables"})
    assert not cards(at)
    assert any("khớp với từ khóa trong các bộ lọc" in w.value for w in at.warning)  # not blamed on the filters
    without_words = next(b for b in at.button if b.label.startswith("Bỏ “Từ khóa: zzzzqqq”"))
    without_words.click().run()
    assert "q" not in at.query_params and at.query_params["category"] in ("renewables", ["renewables"])
    assert cards(at)


def test_beside_a_filter_in_use_other_options_say_what_they_add(fresh_db):
    """A helper read "Completed (1)" beside Stage with "calling" chosen, then got 5 results: the other
    options now say "(+1)", what choosing them as well adds; the chosen one its own count."""
    at = open_app({"q": "solar", "status": "calling", "lang": "en"})
    stage = widget(at, "multiselect", "f_status")
    labels = list(stage.options)
    chosen = [label for label in labels if label.startswith("Calling for investment")]
    others = [label for label in labels if label not in chosen]
    assert chosen and re.search(r"\(\d+\)$", chosen[0]), labels
    assert others and all(re.search(r"\(\+\d+\)$", label) for label in others), labels
    category = widget(at, "multiselect", "f_category")  # a filter not in use: plain counts
    assert all(re.search(r"\(\d+\)$", label) for label in category.options), category.options


def test_a_link_naming_more_projects_than_a_shortlist_holds_says_which_were_left_out(fresh_db):
    """Six codes in a shared link became four without a word (a helper); a code that names nothing
    public gives its slot to the next one of the link, and the rest are named."""
    codes = ["DEMO-001", "NOPE-1", "DEMO-002", "DEMO-003", "DEMO-004", "DEMO-005", "DEMO-006"]
    at = open_app({"list": ",".join(codes)})
    assert not at.exception
    # the list the address bar is given (in place, by the page's script: see _state.keep_globals_in_url)
    assert at.session_state["shortlist"] == ["DEMO-001", "DEMO-002", "DEMO-003", "DEMO-004"]
    said = " ".join(toast.value for toast in at.toast).replace("\\", "")  # Markdown escapes
    assert "DEMO-005, DEMO-006" in said and "tối đa 4 dự án" in said


def test_a_shortlist_link_says_what_it_left_out_on_the_page_and_echoes_no_stranger_text(fresh_db):
    """A helper's six codes became four with no word on the shortlist page, "<script>…</script>" in a
    link was written on it, and "demo-002" typed in lower case was refused."""
    at = open_app(
        {
            "lang": "en",
            "list": "demo-002,DEMO-001,<script>alert(1)</script>,hello world,DEMO-003,DEMO-004,DEMO-005,DEMO-006",
        },
        page="shortlist.py",
    )
    said = " ".join(i.value for i in at.info).replace("\\", "")
    assert at.session_state["shortlist"] == ["DEMO-002", "DEMO-001", "DEMO-003", "DEMO-004"]
    assert "2 other entries that are not project codes" in said and "script" not in said and "hello" not in said
    assert "the link also named DEMO-005, DEMO-006" in said


def test_a_code_typed_in_lower_case_names_its_project():
    with demo_catalogue() as cat:
        assert cat.public_code("demo-015") == "DEMO-015" and cat.public_code(" Demo-001 ") == "DEMO-001"
        assert cat.public_code("demo-012") is None  # a draft: not public, in any case
        assert cat.public_code("nope") is None


def test_the_count_line_says_how_many_match_every_word_on_a_single_page_too():
    """A review: with under 20 results the line dropped "· 1 matches every word" (it was added to the
    "1–20 of 26" form only)."""
    with demo_catalogue() as cat:
        page = cat.search_page("Vạn Phúc", limit=0)
    assert page.complete == 1 and 1 < page.total < 20
    at = open_app({"q": "Vạn Phúc", "lang": "en"})
    line = next(m.value for m in at.markdown if m.value.startswith(f"{page.total} projects"))
    assert line == f"{page.total} projects · 1 matches every word"
    at = open_app({"q": "craft village wastewater", "lang": "en"})
    assert any(m.value.endswith("match every word") and " of " in m.value for m in at.markdown)


def test_the_table_marks_the_rows_that_match_every_word(fresh_db):
    """A second review: the table listed 47 rows for "Sở Công Thương nước thải" with nothing marking the
    14 that match every word (the count line says 14)."""
    at = open_app({"q": "Sở Công Thương nước thải", "view": "table", "lang": "en"})
    assert not at.exception
    table = at.dataframe[0].value
    with demo_catalogue() as cat:
        page = cat.search_page("Sở Công Thương nước thải", limit=0)
    assert 0 < page.complete < len(table)
    assert list(table["every"]) == ["✓"] * page.complete + [""] * (len(table) - page.complete)
    plain = open_app({"q": "solar", "view": "table", "lang": "en"}).dataframe[0].value
    assert "every" not in plain.columns  # every row matches every word: nothing to mark
