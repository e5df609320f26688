"""The first screen and the fact sheet in Chromium: the map's click-through, the tiles that filter,
the table view, the shared link's preview page, on a laptop and a phone, in both languages.

Map tiles are never fetched (tests set CATALOGUE_MAP_TILES=none; the browser resolves no host
but this one): the markers are buttons drawn all the same.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from catalogue import Catalogue
from tests.browser import Server, browser_page, chromium_path, goto, no_exception, wait_idle

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    chromium_path()
    where = tmp_path_factory.mktemp("portal")
    srv = Server(where / "catalogue.duckdb", where / "streamlit.log")
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def reference():
    with Catalogue.open(":memory:") as cat:
        cat.load_demo()
        yield cat


def params_of(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def click_a_marker(page) -> None:
    """Press a project's marker (one standing alone, not a numbered group), as a person does."""
    marker = page.locator(".pmap button.marker").first
    marker.wait_for()
    marker.scroll_into_view_if_needed()
    marker.click()


def test_a_marker_on_the_first_screens_map_opens_its_project_and_back_returns(server, reference, tmp_path):
    with browser_page(1440, 900) as page:
        goto(page, server.url + "/?lang=en")
        no_exception(page)
        page.locator(".tile").first.wait_for()
        assert page.locator(".tile").count() == 2 + len(reference.reference.categories.codes)
        page.screenshot(path=str(tmp_path / "first-screen-en.png"))
        click_a_marker(page)
        page.wait_for_url("**/project?**")
        wait_idle(page)
        no_exception(page)
        code = params_of(page)["code"][0]
        assert params_of(page)["lang"] == ["en"]
        assert page.locator("h1").first.inner_text() == reference.project(code)["name_en"]
        assert page.title() == f"{reference.project(code)['name_en']} · Hanoi environmental industry projects"
        assert page.locator("dl.keyfacts").count() == 1 and page.locator("ol.tracker li").count() == 5
        # its own small map is the first screen's (no map library, no connection needed): one marker, its own
        assert (
            page.locator(".pmap button.marker").count() == 1
            and page.locator("[data-testid='stDeckGlJsonChart']").count() == 0
        )
        page.screenshot(path=str(tmp_path / "fact-sheet-en.png"))
        page.go_back()
        wait_idle(page)
        no_exception(page)
        assert urlparse(page.url).path == "/" and page.locator(".pmap").count() == 1
        assert page.title() == "Hanoi Environmental Industry Project Catalogue"


def test_back_from_a_project_opened_on_the_results_map_returns_to_those_results(server, reference):
    """Found by a helper: Back after a marker led to "/?code=…" with every project, the filter and the
    map view gone (st.switch_page added a history entry of its own)."""
    with browser_page(1440, 900) as page:
        results = server.url + "/?lang=en&view=map&category=renewables"
        goto(page, results)
        click_a_marker(page)
        page.wait_for_url("**/project?**")
        wait_idle(page)
        no_exception(page)
        page.go_back()
        page.wait_for_url(results)
        wait_idle(page)
        no_exception(page)
        assert "code" not in params_of(page) and page.locator(".pmap").count() == 1


def test_the_map_by_keyboard_arrows_move_it_and_its_list_opens_a_project(server, reference, tmp_path):
    """Without a mouse: the map takes focus, arrows move it, + zooms; the next Tab reaches the projects as a
    list (hidden until then, read by screen readers), and Enter opens one."""
    with browser_page(1440, 900) as page:
        goto(page, server.url + "/?lang=en")
        box = page.locator(".pmap")
        box.locator("button.marker, button.cluster").first.wait_for()
        where = page.locator(".pmap button").first.bounding_box()
        box.focus()
        page.keyboard.press("ArrowRight")
        moved = page.locator(".pmap button").first.bounding_box()
        assert moved["x"] < where["x"] - 50, "the map moved right: its markers went left"
        page.keyboard.press("+")
        listed = page.locator("nav.as-list button")
        public = len(reference.projects())
        assert 0 < listed.count() <= public
        nav = page.locator("nav.as-list")
        assert nav.bounding_box()["width"] <= 1  # hidden until a key reaches it
        page.keyboard.press("Tab")  # the zoom buttons, then the list
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('nav.as-list') !== null") or listed.first.is_visible()
        listed.first.focus()
        assert nav.bounding_box()["width"] > 100  # shown while the keyboard is in it
        # one Tab stop: the arrows move within the list, and the next Tab leaves it (a helper counted
        # some 80 Tabs to get past it)
        page.keyboard.press("ArrowDown")
        assert listed.nth(1).evaluate("b => b.getRootNode().activeElement === b"), "the arrow moved the focus"
        page.keyboard.press("ArrowUp")
        assert listed.first.evaluate("b => b.getRootNode().activeElement === b")
        page.keyboard.press("Tab")
        assert not nav.evaluate("n => n.contains(n.getRootNode().activeElement)"), "Tab left the list"
        listed.first.focus()
        name = listed.first.inner_text()
        page.screenshot(path=str(tmp_path / "map-list.png"))
        page.keyboard.press("Enter")
        page.wait_for_url("**/project?**")
        wait_idle(page)
        no_exception(page)
        code = params_of(page)["code"][0]
        assert name.startswith(reference.project(code)["name_en"])


def test_a_tile_filters_and_pressed_again_shows_every_category_in_both_languages(server, reference, tmp_path):
    with browser_page(1440, 900) as page:
        goto(page, server.url + "/")
        page.locator(".tile[data-tile='category:environmental_services']").click()
        wait_idle(page)
        no_exception(page)
        assert params_of(page)["category"] == ["environmental_services"]
        expected = reference.count(category="environmental_services")
        assert page.get_by_text(re.compile(rf"(^| ){expected} dự án$")).count() == 1
        assert page.locator(".tile[aria-pressed='true']").count() == 1
        assert page.locator(".pmap").count() == 0  # filtered: the results, not the first screen's map
        page.locator("[data-testid='stSidebar'] [data-testid='stButtonGroup'] button").nth(1).click()  # English
        wait_idle(page)
        assert params_of(page)["category"] == ["environmental_services"] and params_of(page)["lang"] == ["en"]
        assert page.get_by_text(re.compile(rf"(^| ){expected} projects$")).count() == 1
        ward = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").nth(3)
        ward.click()
        page.get_by_role("option").first.wait_for()
        options = page.get_by_role("option").all_inner_texts()
        assert options and not any("select all" in option.lower() for option in options)  # no English-only "Select all"
        page.keyboard.press("Escape")
        page.locator(".tile[data-tile='category:environmental_services']").click()
        wait_idle(page)
        no_exception(page)
        assert "category" not in params_of(page) and page.locator(".pmap").count() == 1


def test_the_table_view_shows_every_result_and_keeps_its_place_across_language_and_reload(server, reference, tmp_path):
    with browser_page(1440, 900) as page:
        goto(page, server.url + "/?category=renewables")
        page.get_by_role("radio", name=re.compile("Bảng$")).click()
        wait_idle(page)
        no_exception(page)
        assert params_of(page)["view"] == ["table"]
        page.locator("[data-testid='stDataFrame']").wait_for()
        assert page.locator("[data-testid='stDataFrame']").count() == 1 and page.locator("article.card").count() == 0
        page.screenshot(path=str(tmp_path / "table-vi.png"))
        page.reload()
        page._runs_seen = None
        wait_idle(page)
        page.locator("[data-testid='stDataFrame']").wait_for()  # drawn when its script has loaded
        assert params_of(page)["view"] == ["table"] and page.locator("article.card").count() == 0
        page.get_by_role("radio", name=re.compile("Bản đồ$")).click()
        wait_idle(page)
        assert params_of(page)["view"] == ["map"]
        click_a_marker(page)
        page.wait_for_url("**/project?**")
        code = params_of(page)["code"][0]
        assert reference.project(code)["category"] == "renewables"  # the map shows the results only


def test_on_a_phone_the_tiles_scroll_and_the_fact_sheet_fits(server, tmp_path):
    with browser_page(390, 844) as page:
        goto(page, server.url + "/")
        no_exception(page)
        tiles = page.locator(".tiles")
        assert tiles.evaluate("(box) => box.scrollWidth > box.clientWidth")  # one row to swipe
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the screen
        page.screenshot(path=str(tmp_path / "first-screen-phone.png"))
        goto(page, server.url + "/project?code=DEMO-047")
        no_exception(page)
        assert page.locator("dl.keyfacts").is_visible()
        # five stage names do not fit: the current one is written whole under the dots (a helper saw
        # "implementat / ion" broken inside the word)
        now = page.locator("p.tracker-now")
        assert now.is_visible() and now.text_content() == page.locator("ol.tracker li.current .name").text_content()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=str(tmp_path / "fact-sheet-phone.png"), full_page=True)


def test_a_shared_link_opens_the_project_in_its_language(server, reference):
    with browser_page(1280, 900) as page:
        goto(page, server.url + "/project?code=DEMO-035&lang=en")
        shared = page.get_by_role("textbox", name="Link to share").input_value()
        assert shared == f"{server.url}/p/DEMO-035?lang=en"
        page.goto(shared)
        page.wait_for_url("**/project?code=DEMO-035&lang=en")
        page._runs_seen = None
        wait_idle(page)
        assert page.locator("h1").first.inner_text() == reference.project("DEMO-035")["name_en"]


def test_on_a_phone_a_button_by_the_results_opens_the_filters_and_says_how_many_are_in_use(server, reference, tmp_path):
    """On a phone the filters are in the folded sidebar, behind a small arrow at the top (a helper
    missed them): a button under the search box opens it; choosing a status there filters the
    results, and the button then counts two filters in use. A laptop shows the sidebar, not the button."""
    with browser_page(390, 844) as page:
        goto(page, server.url + "/?category=environmental_services&lang=en")
        no_exception(page)
        sidebar = page.locator("[data-testid='stSidebar']")
        assert sidebar.get_attribute("data-collapsed") == "true"
        page.get_by_role("button", name="Filters (1 in use)").click()
        expect(sidebar).to_have_attribute("data-collapsed", "false")
        wait_idle(page)  # the button's run ends before a box is opened (CI once saw the list redrawn under it)
        box = sidebar.get_by_label("Stage")
        expect(box).to_be_visible()
        page.wait_for_timeout(500)  # the sidebar slides in: a click during the slide can miss the box
        option = page.get_by_role("option", name=re.compile("^Calling for investment"))
        for _ in range(3):
            box.click()
            try:
                option.wait_for(timeout=3000)
                option.click(timeout=5000)
                break
            except PlaywrightTimeout:
                page.keyboard.press("Escape")
                wait_idle(page)
        wait_idle(page)
        no_exception(page)
        assert params_of(page)["status"] == ["calling"] and params_of(page)["category"] == ["environmental_services"]
        sidebar.get_by_test_id("stSidebarCollapseButton").locator("button").click()
        expect(sidebar).to_have_attribute("data-collapsed", "true")
        expect(page.get_by_role("button", name="Filters (2 in use)")).to_be_visible()
        wanted = reference.count(category="environmental_services", status="calling")
        expect(page.get_by_text(re.compile(f"^{wanted} projects"))).to_be_visible()
        page.screenshot(path=str(tmp_path / "phone-filters.png"))
    with browser_page(1440, 900) as page:
        goto(page, server.url + "/?category=environmental_services&lang=en")
        assert page.locator(".open-filters").count() == 1 and not page.locator(".open-filters").is_visible()


def test_the_first_screen_loads_no_code_highlighter(server):
    """One code block (the feed's address, st.code) made every first visit fetch and run Streamlit's
    1.5 MB syntax highlighter: about 0.3 s of the first screen (benchmarks/browser_bench.py). The
    address is inline code now; a code block anywhere on the first screen brings the cost back."""
    with browser_page(1440, 900) as page:
        goto(page, f"{server.url}/?lang=en")
        page.get_by_text("Follow these results").first.click()
        wait_idle(page)
        page.get_by_text("/api/v1/feed.atom").first.wait_for()
        loaded = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
        assert any("StreamlitMarkdown" in name for name in loaded)  # the list is the page's own
        assert not [name for name in loaded if "SyntaxHighlighter" in name]
        no_exception(page)
