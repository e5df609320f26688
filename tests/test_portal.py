"""The first screen (figures as tiles that filter, the map, the newest projects) and the result views
(cards with their facts, a sortable table, a map), in AppTest and on the catalogue itself."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from catalogue.leadership.dashboard import dashboard
from catalogue.projects.landing import CATEGORY_COLOURS, category_colour, headline, map_points
from catalogue.projects.money import exchange_rate
from catalogue.projects.views import TABLE_COLUMNS, escape_markdown, result_cards, result_table
from tests.results import card_data, component_data, press
from tests.test_app import count_line, demo_catalogue, open_app, widget

TILES = "catalogue_headline_tiles"
MAP = "catalogue_project_map"


@pytest.fixture
def fresh_db(monkeypatch, tmp_path):
    monkeypatch.setenv("CATALOGUE_DB", str(tmp_path / "app.duckdb"))
    yield
    __import__("streamlit").cache_resource.clear()


def _hide(cat, code: str) -> None:
    """Take ``code`` back to draft, as a reviewer's withdrawal would."""
    cat.write(lambda cur: cur.execute("update projects set publication = 'draft' where code = ?", [code]))


def test_the_figures_count_only_what_the_public_may_see():
    with demo_catalogue() as cat:
        public = cat.projects()
        figures = headline(cat)
        assert figures.projects == len(public) and figures.calling == int((public["status"] == "calling").sum())
        assert figures.capital_vnd_bn == pytest.approx(pd.to_numeric(public["investment_vnd_bn"]).sum())
        # USD as the dashboard counts it: each project's own figure where given, else converted (a helper
        # saw 1,417 on the first screen and 1,416 on the dashboard)
        assert figures.capital_usd_m == pytest.approx(dashboard(cat, "en").capital_usd_m)
        assert figures.capital_usd_m != pytest.approx(exchange_rate().usd_millions(figures.capital_vnd_bn))
        by_category = {figure.code: figure for figure in figures.categories}
        assert [figure.code for figure in figures.categories] == list(cat.reference.categories.codes)
        for code, figure in by_category.items():
            assert figure.projects == int((public["category"] == code).sum())
        assert sum(figure.projects for figure in figures.categories) == figures.projects
        assert len(figures.newest) == 5 and all(code in set(public["code"]) for code, _ in figures.newest)
        hidden = figures.newest[0][0]
        category = public.set_index("code").loc[hidden, "category"]
        _hide(cat, hidden)
        after = headline(cat)  # a new data version: computed afresh
        assert after.projects == figures.projects - 1
        assert {f.code: f.projects for f in after.categories}[category] == by_category[category].projects - 1
        assert hidden not in {code for code, _ in after.newest}
        assert hidden not in set(map_points(cat)["code"])
        assert hidden not in set(result_table(cat, [hidden, public["code"].iloc[0]], "en")["code"])


def test_each_category_has_its_own_colour_everywhere():
    with demo_catalogue() as cat:
        codes = list(cat.reference.categories.codes)
        colours = [category_colour(cat, code) for code in codes]
        assert len(set(colours)) == len(codes) and set(colours) <= set(CATEGORY_COLOURS)
        points = map_points(cat)
        assert all(
            colour == category_colour(cat, code)
            for code, colour in zip(points["category"], points["colour"], strict=True)
        )


def test_the_table_holds_numbers_to_sort_and_labels_in_the_readers_language():
    with demo_catalogue() as cat:
        codes = list(cat.projects(order_by="investment")["code"][:10])
        for lang in ("vi", "en"):
            table = result_table(cat, codes, lang)
            assert list(table.columns) == list(TABLE_COLUMNS) and list(table["code"]) == codes
            assert pd.api.types.is_numeric_dtype(table["investment"]) and pd.api.types.is_numeric_dtype(table["usd"])
            row = cat.project(codes[0])
            assert table["name"].iloc[0] == (row["name_en"] if lang == "en" else row["name_vi"])
            assert table["status"].iloc[0] == cat.reference.statuses.label(row["status"])(lang)
            assert table["usd"].iloc[0] == pytest.approx(exchange_rate().usd_millions(row["investment_vnd_bn"]))
        # a project's own USD figure, where its file gives one, as the first screen and the report count it
        reported = cat.projects().dropna(subset=["investment_usd_m"])
        assert len(reported), "the demo has projects with a USD figure of their own"
        table = result_table(cat, list(reported["code"]), "en")
        assert list(table["usd"]) == pytest.approx(list(reported["investment_usd_m"]))
        assert table["usd"].sum() != pytest.approx(
            sum(map(exchange_rate().usd_millions, reported["investment_vnd_bn"]))
        )


def tiles(at) -> dict[str, dict]:
    data = component_data(at, TILES)
    assert data is not None, "no tiles on the page"
    return {tile["id"]: tile for tile in data["tiles"]}


def test_a_tile_pressed_filters_and_pressed_again_undoes_it(fresh_db):
    at = open_app()
    with demo_catalogue() as cat:
        shown = tiles(at)
        assert shown["calling"]["figure"] == str(headline(cat).calling)
        # the capital is every listed project's, and says so (a helper read "sought" as the callers')
        assert shown["capital"]["label"] == f"tổng vốn dự kiến của {headline(cat).projects} dự án công bố"
        assert shown["category:renewables"]["figure"] == str(cat.count(category="renewables"))
        press(at, "tile", "category:renewables", TILES)
        assert not at.exception
        assert at.query_params["category"] in ("renewables", ["renewables"])
        assert count_line(at) == f"{cat.count(category='renewables')} dự án"
        assert widget(at, "multiselect", "f_category").value == ["renewables"]
        assert tiles(at)["category:renewables"]["on"] is True
        press(at, "tile", "calling", TILES)  # figures combine: calling projects of that category
        assert count_line(at) == f"{cat.count(category='renewables', status='calling')} dự án"
        press(at, "tile", "category:renewables", TILES)  # again: every category
        assert "category" not in at.query_params
        assert count_line(at) == f"{cat.count(status='calling')} dự án"
        press(at, "tile", "capital", TILES)
        assert at.query_params["sort"] in ("investment", ["investment"])
        amounts = [cat.project(card["code"])["investment_vnd_bn"] for card in card_data(at)]
        assert amounts == sorted(amounts, reverse=True)


def test_the_first_screen_shows_the_map_and_the_newest_and_a_search_shows_results_first(fresh_db):
    at = open_app({"lang": "en"})
    assert not at.exception
    drawn = component_data(at, MAP)
    assert drawn is not None
    with demo_catalogue() as cat:
        located = cat.projects().dropna(subset=["latitude", "longitude"])
        assert {point[0] for point in drawn["points"]} == set(located["code"])
        assert all(
            point[2] == category_colour(cat, located.set_index("code").loc[point[0], "category"])
            for point in drawn["points"]
        )
        assert drawn["tiles"] is None  # CATALOGUE_MAP_TILES=none in tests: nothing fetched
        newest = [name for _code, name in headline(cat).newest]
    links = [link.label for link in at.get("page_link")]
    assert all(escape_markdown(name("en")) in links for name in newest)
    at = open_app({"q": "wastewater", "lang": "en"})
    assert component_data(at, MAP) is None and component_data(at, TILES) is None and card_data(at)


def test_the_table_view_lists_every_result_and_survives_a_language_switch(fresh_db):
    at = open_app({"view": "table", "category": "environmental_services"})
    assert not at.exception
    with demo_catalogue() as cat:
        expected = cat.count(category="environmental_services")
    table = at.dataframe[0].value
    assert len(table) == expected and not card_data(at)
    assert all(url.startswith("project?code=") for url in table.iloc[:, 0])
    # capital where "." groups thousands: whole thousands of USD, never "55.8" (read as 55 800)
    usd_vi = json.loads(at.dataframe[0].proto.columns)["usd"]
    assert usd_vi["label"] == "Vốn (nghìn USD)" and usd_vi["type_config"]["format"] == "%.0f"
    assert (table["usd"].dropna() % 1 == 0).all()
    widget(at, "segmented_control", "lang").set_value("en").run()  # the language switch
    assert not at.exception
    assert at.query_params["view"] in ("table", ["table"]) and len(at.dataframe[0].value) == expected
    usd_en = json.loads(at.dataframe[0].proto.columns)["usd"]
    assert usd_en["label"] == "Investment (USD m)" and usd_en["type_config"]["format"] == "%.1f"
    in_millions = at.dataframe[0].value["usd"]  # the same search, in the same order
    assert list(table["usd"].fillna(-1)) == [round(m * 1000) if m == m else -1 for m in in_millions]
    assert all("lang=en" in url for url in at.dataframe[0].value.iloc[:, 0])  # links keep the language
    widget(at, "segmented_control", "f_view").set_value("cards").run()
    assert "view" not in at.query_params and len(card_data(at)) == min(expected, 20)


def test_a_press_on_a_marker_draws_the_link_to_its_project(fresh_db):
    """The press draws the project's page link, which the map then follows (Streamlit's own navigation:
    one history entry, so Back returns here; tests/test_browser_portal.py follows it in Chromium)."""
    at = open_app({"lang": "en"})
    press(at, "open", "DEMO-035", MAP)
    assert not at.exception
    links = [e.proto for e in at.get("page_link") if e.proto.label == "Open"]
    assert len(links) == 1 and links[0].page == "project"
    assert links[0].query_string == "code=DEMO-035&lang=en"
    assert "code" not in at.query_params  # the results' own address is left as it was


def test_the_map_view_shows_the_results_only(fresh_db):
    at = open_app({"view": "map", "category": "environmental_services"})
    assert not at.exception
    drawn = component_data(at, MAP)
    with demo_catalogue() as cat:
        located = cat.projects(category="environmental_services").dropna(subset=["latitude", "longitude"])
    assert {point[0] for point in drawn["points"]} == set(located["code"])
    assert len(drawn["legend"]) == 1  # the one category shown


def test_cards_carry_the_facts_investors_scan_for(fresh_db):
    at = open_app({"lang": "en", "q": "wastewater"})
    with demo_catalogue() as cat:
        for card in card_data(at)[:5]:
            row = cat.project(card["code"])
            assert card["category"] == cat.reference.categories.label(row["category"])("en")
            assert card["colour"] == category_colour(cat, row["category"])
            assert card["stage"] == cat.reference.statuses.label(row["status"])("en")
            if row["investment_vnd_bn"] and row["investment_usd_m"] is None:  # converted
                assert card["usd"].startswith("≈ USD")
            elif row["investment_vnd_bn"]:  # the project's own figure
                assert card["usd"].endswith("(as reported)") and "≈" not in card["usd"]
            if row["ward"]:
                assert cat.reference.wards.label(row["ward"])("en") in card["place"]


def test_share_and_print_pages_show_a_planted_name_as_text():
    from starlette.requests import Request

    from catalogue.api import Routes

    planted = 'Nhà máy <script>alert(1)</script> "quoted" & <b>bold</b>'
    with demo_catalogue() as cat:
        cat.write(lambda cur: cur.execute("update projects set name_vi = ? where code = 'DEMO-001'", [planted]))
        routes = Routes(lambda: cat)
        for endpoint, path in ((routes.share_page, "/p/DEMO-001"), (routes.print_page, "/print/DEMO-001")):
            scope = {
                "type": "http",
                "method": "GET",
                "scheme": "http",
                "path": path,
                "path_params": {"code": "DEMO-001"},
                "query_string": b"",
                "headers": [(b"host", b"cat.example")],
                "client": ("10.0.0.9", 1234),
            }
            page = endpoint(Request(scope)).body.decode()
            assert "<script>alert" not in page and "<b>bold" not in page, path
            assert "&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; &lt;b&gt;" in page, path


def test_the_fact_sheet_opens_with_the_stage_tracker_and_the_key_facts(fresh_db):
    at = open_app({"code": "DEMO-035", "lang": "en"}, page="project.py")
    assert not at.exception
    top = next(e.proto.body for e in at.get("html") if "keyfacts" in e.proto.body and "<dl" in e.proto.body)
    with demo_catalogue() as cat:
        project = cat.project("DEMO-035")
        stages = [cat.reference.statuses.label(code)("en") for code in cat.reference.public_statuses]
        current = cat.reference.statuses.label(project["status"])("en")
    assert all(stage in top for stage in stages)
    assert (
        f'aria-current="step"><span class="dot" aria-hidden="true">1</span><span class="name">{current}</span></li>'
        in top
    )
    assert f'<p class="tracker-now" aria-hidden="true">{current}</p>' in top  # written whole on a phone
    assert "VND 2,800 bn" in top and "≈ USD 107.7 m" in top and "Trung Gia Commune" in top and "former Soc Son" in top
    facts = " ".join(m.value for m in at.markdown)
    assert "**Category**" in facts and "**Total investment**" not in facts  # in the panel, not twice
    share = next(w for w in at.text_input if w.label == "Link to share")
    assert share.value.endswith("/p/DEMO-035?lang=en")


@pytest.mark.parametrize("view", ["cards", "table", "map"])
def test_every_view_offers_a_feed_of_exactly_its_results(fresh_db, view):
    at = open_app({"category": "renewables", "q": "solar", "view": view, "sort": "code", "lang": "en"})
    assert not at.exception
    feed = next(m.value.strip("`") for m in at.markdown if "/api/v1/feed.atom" in m.value)
    assert feed.endswith("/api/v1/feed.atom?q=solar&category=renewables&lang=en")  # not the page, view or sort
    assert at.title[0].value.startswith("Hanoi")


def test_deal_data_comes_in_with_an_agencys_list_and_goes_out_with_the_export(tmp_path):
    source = tmp_path / "list.csv"
    source.write_text(
        "Mã dự án,Tên dự án,Nhóm,Quận/huyện,Hiện trạng đất,Loại hợp đồng PPP,Thời hạn nhượng quyền,SDG\n"
        'HN-D-1,Nhà máy xử lý nước thải Đông Anh,Dịch vụ môi trường,Đông Anh,Đất sạch đã giao,BOT,25 năm,"6, 11"\n',
        encoding="utf-8",
    )
    with demo_catalogue() as cat:
        report = cat.import_file(source)
        assert report.ok and report.inserted == 1, report.errors
        project = cat.project("HN-D-1")
        assert (project["land_status"], project["ppp_structure"], project["concession_years"], project["sdg_tags"]) == (
            "Đất sạch đã giao",
            "BOT",
            25.0,
            "6, 11",
        )
        from catalogue.projects.views import project_sheet

        deal = dict(project_sheet(cat, "HN-D-1", "en").deal)
        assert deal["Concession term (years)"] == "25 years" and deal["Sustainable Development Goals (SDG)"] == (
            "SDG 6 · SDG 11"
        )
        exported = tmp_path / "out.csv"
        cat.export(exported)
        text = exported.read_text(encoding="utf-8-sig")
        assert "land_status" in text.splitlines()[0] and "Đất sạch đã giao" in text and "BOT" in text


def test_the_theme_names_a_font_streamlit_serves_itself():
    """Source Sans 3 (Vietnamese included), served by Streamlit: no font fetched from elsewhere."""
    import tomllib

    from tests.conftest import ROOT

    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
    assert theme["font"] == theme["headingFont"] == "Source Sans"  # served by Streamlit itself, Vietnamese included


def test_a_project_listed_for_a_word_only_its_label_holds_says_so():
    """ "waste" listed rooftop solar projects with nothing marked: their project type says
    "waste-to-energy" (a helper's search). The card now says what matched."""
    with demo_catalogue() as cat:
        found = cat.search_page("waste", limit=80)
        by_label = [hit for hit in found.hits if hit.labels and not any(hit.highlights.values())]
        assert by_label, "the demo has projects found by a label alone"
        for card, hit in zip(result_cards(cat, by_label, "en"), by_label, strict=True):
            marked = [text for text, on in card.snippet_parts if on]
            assert card.snippet_parts[0][0] == "Matched by " and len(marked) == 1
            assert "waste" in marked[0].lower(), (hit.code, marked)
        # a project whose own text has the word shows its text, not its label
        texts = [hit for hit in found.hits if hit.highlights.get("description_en")]
        assert texts and result_cards(cat, texts[:1], "en")[0].snippet_parts[0][0] != "Matched by "
        # the words marked in Vietnamese too
        vi = result_cards(cat, by_label[:1], "vi")[0].snippet_parts
        assert vi[0][0] == "Khớp theo " and vi[1][1]


def test_a_word_only_a_label_holds_is_named_beside_the_words_marked_in_the_text():
    """ "khí thải lò hơi": a bag-filter project's description has "lò hơi" (marked), and "khí thải" only
    in its category, which the card did not say once anything was marked (an outside review's finding).
    Now a line above the snippet names the label; a project whose texts hold every word gets none."""
    with demo_catalogue() as cat:
        found = cat.search_page("khí thải lò hơi", limit=20)
        by_code = {hit.code: hit for hit in found.hits}
        filters = by_code["DEMO-013"]
        assert any(filters.highlights.values()) and filters.unshown == ("category",)
        card = result_cards(cat, [filters], "vi")[0]
        assert card.reason_parts[0][0] == "Khớp theo " and "khí thải" in card.reason_parts[1][0]
        assert card.reason_parts[1][1]  # the label in bold
        assert any(on and text == "lò hơi" for text, on in card.snippet_parts)  # the description, marked
        whole = by_code["DEMO-025"]  # "khí thải lò đốt và lò hơi": every word in its own text
        assert whole.unshown == () and result_cards(cat, [whole], "vi")[0].reason_parts == []
        # a named agency: its card does not show the agency, so the line names it
        agency = cat.search_page("So Cong Thuong lò đốt", limit=5).hits[0]
        assert agency.unshown == ("lead_agency",)
        assert result_cards(cat, [agency], "en")[0].reason_parts[1][0].startswith("Lead agency: ")
        # a named ward stands on the card's place line already: no line for it
        ward = cat.search_page("Tây Phương lọc bụi", limit=5).hits[0]
        assert ward.code == "DEMO-013" and ward.unshown == ("ward",)
        assert result_cards(cat, [ward], "vi")[0].reason_parts == []
        # a label holds a phrase of the query only whole: "làng nghề" is not the agency's "Trade" (nghề),
        # "tái chế" not a category's "chế phẩm"; the form stands on the card already
        for query in ("nước thải làng nghề", "craft village wastewater", "FDI khí thải"):
            for hit in cat.search_page(query, limit=30).hits:
                if any(hit.highlights.values()) and "FDI" not in query:
                    assert "lead_agency" not in hit.unshown, (query, hit.code)
            for card in result_cards(cat, cat.search_page(query, limit=30).hits, "en"):
                said = "".join(text for text, _on in card.reason_parts)
                assert "agency" not in said and "Form" not in said, (query, card.code, said)
        # found by a label alone: the snippet says so, and no second line repeats it
        alone = next(h for h in cat.search_page("waste", limit=80).hits if h.labels and not any(h.highlights.values()))
        shown = result_cards(cat, [alone], "en")[0]
        assert shown.snippet_parts[0][0] == "Matched by " and shown.reason_parts == []


def test_a_descriptions_lines_stay_lines_on_the_fact_sheet(fresh_db):
    """A description written as a heading line and rows came out as one run-on paragraph (a helper's
    edit): Markdown joins single line breaks, so each is made a hard break."""
    from app_pages._state import get_catalogue

    at = open_app({"code": "DEMO-035", "lang": "vi"}, page="project.py")
    written = "Quy mô:\nDây chuyền 1: 50 tấn/ngày\nDây chuyền 2: 80 tấn/ngày"
    get_catalogue().write(
        lambda cur: cur.execute("update projects set description_vi = ? where code = 'DEMO-035'", [written]),
        event="projects",
    )
    at.run()
    assert not at.exception
    shown = next(m.value for m in at.markdown if "Dây chuyền 1" in m.value)
    assert shown == escape_markdown(written).replace("\n", "  \n") and shown.count("  \n") == 2


def test_the_print_page_dates_itself_in_hanoi(monkeypatch):
    """Just after midnight in Hà Nội the print page said "Printed on" the day before (a server keeps UTC)."""
    import datetime as dt

    from catalogue.projects import views

    monkeypatch.setattr(views, "hanoi_today", lambda: dt.date(2026, 12, 1))
    with demo_catalogue() as cat:
        assert "01/12/2026" in views.profile_html(cat, "DEMO-001", "vi")
        assert "1 Dec 2026" in views.profile_html(cat, "DEMO-001", "en")


def test_the_gallery_holds_the_site_photos_only(fresh_db):
    """A PNG filed as a study showed in the photo gallery beside the site photo (a helper's upload);
    it stays in the document list, and only site photos make the gallery."""
    from app_pages._state import get_catalogue
    from catalogue.projects.documents import add_document
    from tests.test_data_room import PNG

    at = open_app({"code": "DEMO-035", "lang": "en"}, page="project.py")
    cat = get_catalogue()
    add_document(cat, "DEMO-035", PNG, "site.png", kind="photo", language="vi", title="Site from the road")
    add_document(cat, "DEMO-035", PNG + b"study", "plan.png", kind="prefeasibility", language="vi", title="Site plan")
    at.run()
    assert not at.exception
    images = [m.value for m in at.markdown if m.value.startswith("![")]
    assert len(images) == 1 and images[0].startswith("![Site from the road]")
    listed = next(m.value for m in at.markdown if "Site plan" in m.value and not m.value.startswith("!["))
    assert "/documents/" in listed  # still in the list, to download


def test_one_browser_asking_for_many_alerts_is_stopped(fresh_db):
    """A stranger could mail confirmations to any address from one browser (a helper sent fourteen
    in a minute): five sign-ups an hour per browser session, then a message in the reader's language."""
    at = open_app({"lang": "en"})
    said = []
    for n in range(6):
        at.text_input(key="alert-email").input(f"someone{n}@example.org")
        at.checkbox(key="alert-consent").check()
        next(b for b in at.button if b.label == "Subscribe").click()
        at.run()
        assert not at.exception
        said.append(" ".join(e.value for e in at.error))
    assert all("not set up to send mail" in text for text in said[:5])  # no mail server here: each one tried
    assert "Too many alert sign-ups in the past hour" in said[5]


def test_a_cards_usd_is_the_projects_own_figure_where_it_gives_one_not_marked_converted():
    """DEMO-015 reports USD 48.1 m: its card said "≈ USD 48.1 m", as if converted (a helper)."""
    from catalogue import Catalogue
    from catalogue.projects.views import result_cards

    with Catalogue.open(":memory:") as cat:
        cat.load_demo()
        own = result_cards(cat, cat.search_page("DEMO-015").hits[:1], "en")[0]
        converted = result_cards(cat, cat.search_page("DEMO-001").hits[:1], "en")[0]
    assert own.usd_text == "USD 48.1 m (as reported)"
    assert converted.usd_text.startswith("≈ USD ")


def test_a_card_that_marks_nothing_names_only_the_label_that_says_the_word():
    """ "CEMS" lists DEMO-009 (electric refuse trucks) after the separator: its project type says
    "quan trắc" (monitoring); its category says "chất thải rắn", whose "thải" is a syllable of the
    expansion "quan trắc khí thải". The card named the category (an outside review's finding)."""
    with demo_catalogue() as cat:
        hit = next(h for h in cat.search_page("CEMS", limit=20).hits if h.code == "DEMO-009")
        assert not any(hit.highlights.values()) and "category" in hit.labels and hit.unshown == ("project_type",)
        snippet = "".join(text for text, _on in result_cards(cat, [hit], "vi")[0].snippet_parts)
        assert "quan trắc" in snippet and "chất thải rắn" not in snippet
