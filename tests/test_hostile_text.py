"""Text from imports, forms and the database is shown as text, everywhere.

Markdown, LaTeX, Streamlit's colour and icon codes, images, ``javascript:`` links and plotly
markup are put into every text field of a project and of an investor's inquiry; then every page
that shows them (browse, project, shortlist, dashboard, staff home, edit, inbox) is run, and
every Markdown-interpreted string (titles, texts, captions, alerts, labels of widgets, links,
tabs and expanders) and every chart is read for the markup as typed: escaped, it cannot appear.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from streamlit.testing.v1 import AppTest

from catalogue import Catalogue
from catalogue.projects.model import PROJECT_COLUMNS
from catalogue.staff import auth
from tests.conftest import PASSWORD
from tests.results import card_data
from tests.results import text as joined

APP = str(__import__("conftest").ROOT / "app_pages" / "main.py")  # the frame each session runs
CODE = "DEMO-001"

# Each marker is markup as typed; once escaped for Markdown, none of them can appear verbatim.
MARKDOWN = {
    "latex": "$5 và $10",
    "bold": "**đậm**",
    "colour": ":red[đỏ]",
    "image": "![px](http://evil.example/p.png)",
    "link": "[bấm](javascript:alert(1))",
    "icon": ":material/home:",
}
PLOTLY = {"plotly": "<b>in đậm</b>", "anchor": "<a href='http://evil.example/a'>x</a>"}
PAYLOAD = " ".join([*MARKDOWN.values(), *PLOTLY.values()])
HEADING = "# Tiêu đề giả"


@pytest.fixture
def hostile_db(monkeypatch, tmp_path):
    path = tmp_path / "hostile.duckdb"
    with Catalogue.open(path) as cat:
        cat.load_demo()
        auth.add_user(cat, "lan", PASSWORD, "staff")
        texts = [c.name for c in PROJECT_COLUMNS if c.kind in ("text", "longtext")]

        def plant(cur):
            sets = ", ".join(f"{name} = ?" for name in texts)
            values = [
                (HEADING + "\n" + PAYLOAD) if name.startswith("description") else f"Nhà máy {PAYLOAD}" for name in texts
            ]
            cur.execute(f"update projects set {sets} where code = ?", [*values, CODE])
            # An inquiry as an older release stored it: free-text country, unchecked e-mail.
            cur.execute(
                "insert into inquiries (id, project_code, name, organisation, country, email, phone, message, "
                "consent, lang, created_at, status, reference) values "
                "('x1', ?, ?, ?, ?, ?, null, ?, true, 'vi', ?, 'new', 'YC-20261128-0001')",
                [
                    CODE,
                    f"An {PAYLOAD}",
                    f"Org {PAYLOAD}",
                    f"<b>Nước</b> {PAYLOAD}",
                    "![x](http://evil.example/pixel.png)@a.com",
                    HEADING + "\n" + PAYLOAD,
                    dt.datetime(2026, 11, 20),
                ],
            )

        cat.write(plant, event="projects")
    monkeypatch.setenv("CATALOGUE_DB", str(path))
    yield path
    __import__("streamlit").cache_resource.clear()


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, at.exception
    return at


def open_page(page: str | None, params: dict | None = None, at: AppTest | None = None) -> AppTest:
    at = at or run(AppTest.from_file(APP, default_timeout=60))
    if page:
        at.switch_page(page)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return run(at)


def markdown_strings(at: AppTest) -> list[str]:
    """Every string of the page that Streamlit renders as Markdown."""
    out: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        out += [str(e.value) for e in getattr(at, kind)]
    for kind in (
        "button",
        "checkbox",
        "toggle",
        "radio",
        "selectbox",
        "multiselect",
        "text_input",
        "text_area",
        "number_input",
        "expander",
        "tabs",
        "metric",
    ):
        for element in getattr(at, kind, []):
            label = getattr(element, "label", None) or getattr(element.proto, "label", "")
            out.append(str(label))
    for element in at.get("page_link"):
        out.append(element.proto.label)
    return out


def charts(at: AppTest) -> list[str]:
    return [element.proto.spec for element in at.get("plotly_chart")]


def assert_shown_as_text(at: AppTest, where: str) -> None:
    strings = markdown_strings(at)
    drawn_as_text = [joined(parts) for card in card_data(at) for parts in (card["title"], card["snippet"])]
    on_page = strings + drawn_as_text  # the result cards' texts are drawn with textContent (below)
    assert any("Nhà máy" in s or "An " in s for s in on_page), f"{where}: the planted text is not on the page"
    for name, marker in MARKDOWN.items():
        found = [s for s in strings if marker in s]
        assert not found, f"{where}: {name} markup reaches Markdown: {found[0][:200]!r}"
    heading = [s for s in strings if s.lstrip().startswith("#") and "Tiêu đề giả" in s]
    heading += [s for s in strings if "\n# Tiêu đề giả" in s]
    assert not heading, f"{where}: a heading from the data"
    for spec in charts(at):
        text = json.dumps(json.loads(spec), ensure_ascii=False)
        for name, marker in PLOTLY.items():
            assert marker.replace("'", '\\"') not in text and marker not in text, f"{where}: {name} in a chart"


def test_public_pages_show_planted_markup_as_text(hostile_db):
    at = open_page(None, {"q": "Nhà máy"})
    assert_shown_as_text(at, "browse")
    at = open_page("project.py", {"code": CODE})
    assert_shown_as_text(at, "project")
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["list"] = CODE  # a shared link with a shortlist, opened afresh
    at = open_page("shortlist.py", {"list": CODE}, at=run(at))
    tables = [element.proto.body for element in at.get("html")]  # the compare table is HTML
    shown = " ".join(tables)
    assert "Nhà máy" in shown
    assert "<b>in đậm</b>" not in shown and "<a href" not in shown and "&lt;b&gt;in đậm&lt;/b&gt;" in shown


def test_result_cards_carry_planted_markup_as_data_and_draw_it_as_text(hostile_db):
    """The browse page's cards send the texts as data, not Markdown; the browser's code writes them
    with textContent and text nodes only (never as HTML)."""
    at = open_page(None, {"q": "evil example"})
    planted = [card for card in card_data(at) if card["code"] == CODE]
    assert planted and joined(planted[0]["title"]) == "Nhà máy " + PAYLOAD  # as typed, nothing escaped away
    from app_pages._results import SCRIPT

    for writes_html in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function("):
        assert writes_html not in SCRIPT


@pytest.mark.browser
def test_result_cards_show_planted_markup_as_text_in_chromium(hostile_db, tmp_path):
    from tests.browser import Server, browser_page, chromium_path, goto, no_exception

    chromium_path()
    long_word = "Z" + "\u0301" * 40 + "x" * 300  # stacked accents, then a word longer than any screen
    with Catalogue.open(hostile_db) as cat:
        cat.write(
            lambda cur: cur.execute(
                "update projects set name_vi = name_vi || ' ' || ? where code = ?", [long_word, CODE]
            ),
            event="projects",
        )
    server = Server(hostile_db, tmp_path / "streamlit.log")
    server.start()
    try:
        for width, height in ((1440, 900), (390, 844)):
            with browser_page(width, height) as page:
                goto(page, f"{server.url}/?q=evil+example")
                card = page.locator(f"article.card[data-code='{CODE}']")
                card.wait_for()
                title = card.locator("h3").inner_text()
                for marker in [*MARKDOWN.values(), *PLOTLY.values()]:
                    assert marker in title, f"{marker!r} is not shown as typed: {title!r}"
                assert card.locator("img, script, iframe, h1").count() == 0
                assert card.locator("a").count() == 1  # the card's own "Open" link, nothing from the data
                assert card.locator("a").get_attribute("href").startswith(f"project?code={CODE}")
                beyond = card.locator("h3").evaluate("(h) => h.scrollWidth - h.clientWidth")
                assert beyond <= 1, f"the long word runs {beyond}px out of its card at {width}px"
                sideways = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
                assert sideways <= 1, f"the page scrolls {sideways}px sideways at {width}px"
                page.screenshot(path=tmp_path / f"hostile-card-{width}.png")
                no_exception(page)

                goto(page, f"{server.url}/project?code={CODE}")  # and the project page links nothing from the data
                page.get_by_role("heading", level=1).first.wait_for()
                links = page.locator("[data-testid='stMain'] a[href*='evil.example']")
                assert links.count() == 0, links.first.get_attribute("href")
                no_exception(page)
    finally:
        server.stop()


def test_the_dashboard_charts_show_planted_markup_as_text(hostile_db):
    at = open_page("dashboard.py")
    assert charts(at)
    for spec in charts(at):
        text = json.dumps(json.loads(spec), ensure_ascii=False)
        for name, marker in PLOTLY.items():
            assert marker not in text, f"dashboard: {name} in a chart"
        assert "&lt;b&gt;in đậm" in text or "Nhà máy" not in text  # shown, as text


def test_staff_pages_show_planted_markup_as_text(hostile_db):
    at = open_page("signin.py")
    at.text_input[0].input("lan")
    at.text_input[1].input(PASSWORD)
    at.button[0].click()
    run(at)
    inbox = open_page("inbox.py", at=at)
    assert_shown_as_text(inbox, "inbox")
    edit = open_page("edit.py", {"code": CODE}, at=at)
    assert_shown_as_text(edit, "edit")


def test_a_shortcode_typed_in_the_data_stays_text_even_in_an_alert():
    """An alert (st.warning, st.error) turns ":material/…:" into an icon even with its colons escaped
    (found on the import page): escaping breaks the shortcode with a word joiner; times, "13: text"
    and addresses are left as they were."""
    from catalogue.projects.views import escape_markdown

    assert escape_markdown(":material/warning:").startswith("\\:\u2060material")
    assert escape_markdown(":red[đỏ]").startswith("\\:\u2060red")
    assert "\u2060" not in escape_markdown("Dòng 13: tổng 10:30")


def test_a_search_from_a_link_loses_its_bidirectional_controls():
    """ "?q=%E2%80%AEzzqq evil" showed "live qqzz" in the search box (a helper)."""
    from catalogue.projects.browse_state import parse_params

    with Catalogue.open(":memory:") as cat:
        state, _problems = parse_params({"q": "\u202ezzqq evil\u202c"}, cat.reference)
        pasted, _problems = parse_params({"q": "so\u200blar"}, cat.reference)  # a zero-width space: no word break
    assert state.q == "zzqq evil" and pasted.q == "solar"
