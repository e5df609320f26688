"""A randomised walk through the browse page, as many people would click it (seeded, repeatable).

Each step is something a person does — choose or clear filters, type a query, set a capital
range, sort, page, switch the language, open a project and come back, reload — and after each
the page must show no exception, show the number of projects the catalogue finds for the URL's
parameters, and show in its widgets exactly what the URL applies.
"""

from __future__ import annotations

import random
import re

import pytest
from streamlit.testing.v1 import AppTest

from catalogue import Catalogue
from catalogue.projects.browse_state import parse_params
from catalogue.text import format_number
from tests.results import component_data, press

APP = str(__import__("conftest").ROOT / "app_pages" / "main.py")  # the frame each session runs
QUERIES = ["", "nuoc thai", "lò đốt", "xu ly khi thai", "solar", "Bat Trang", "zzzz qqqq", "KCN", "biogas", "nươc"]
STEPS = 120


@pytest.fixture
def fresh_db(monkeypatch, tmp_path):
    monkeypatch.setenv("CATALOGUE_DB", str(tmp_path / "walk.duckdb"))
    yield
    __import__("streamlit").cache_resource.clear()


def by_key(at: AppTest, kind: str, key: str):
    found = [w for w in at.get(kind) if w.key and w.key.startswith(f"{key}@")]
    return found[0] if found else None


def url_params(at: AppTest) -> dict[str, list[str]]:
    params = {}
    for name, value in at.query_params.items():
        params[name] = value if isinstance(value, list) else [value]
    return params


def shown_total(at: AppTest) -> int | None:
    """The count the page states ("65 dự án", "1–20 of 65 projects"), or None on the empty state."""
    for m in at.markdown:
        found = re.fullmatch(r"(?:[\d.,]+–[\d.,]+ (?:trong|of) )?([\d.,]+) (?:dự án|projects?)(?: · .*)?", m.value)
        if found:
            return int(found.group(1).replace(".", "").replace(",", ""))
    return None


def check(at: AppTest, reference: Catalogue, where: str) -> None:
    assert not at.exception, f"{where}: {at.exception[0].value if at.exception else ''}"
    params = url_params(at)
    state, problems = parse_params({k: v for k, v in params.items() if k not in ("lang", "list")}, reference.reference)
    assert not problems, f"{where}: the URL holds what the page could not read: {params}"
    expected = reference.search_page(state.q, limit=0, facets=False, **state.filters()).total
    total = shown_total(at)
    if expected == 0:
        assert total is None and at.warning, f"{where}: nothing matches {params}, but the page says {total}"
    else:
        assert total == expected, f"{where}: the page says {total}, the catalogue finds {expected} for {params}"
    # What the widgets show is what the URL applies.
    query_box = by_key(at, "text_input", "f_q")
    assert query_box is not None and query_box.value == state.q, where
    for field in ("category", "district", "ward", "status", "form", "agency"):
        widget = by_key(at, "multiselect", f"f_{field}")
        assert widget is not None and list(widget.value) == list(getattr(state, field)), (where, field)
    lang = params.get("lang", ["vi"])[0]
    # the capital fields show the bounds applied, written the page's way ("1.000" on the Vietnamese page)
    assert by_key(at, "text_input", "f_min").value == format_number(state.min_vnd, lang, 2), where
    assert by_key(at, "text_input", "f_max").value == format_number(state.max_vnd, lang, 2), where
    sort = by_key(at, "selectbox", "f_sort")
    if sort is not None:  # not on the empty state
        assert sort.value == state.sort, where
    view = by_key(at, "segmented_control", "f_view")
    if view is not None:
        assert view.value == state.view, where
        if total and state.view == "table":
            assert len(at.dataframe[0].value) == min(total, 500), where
    title = at.title[0].value
    assert title.startswith("Danh mục" if lang == "vi" else "Hanoi"), (where, lang, title)


def open_browse(params: dict[str, list[str]]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for name, values in params.items():
        at.query_params[name] = values
    return at.run()


@pytest.mark.parametrize("seed", [7, 2026])
def test_random_walk_on_the_browse_page(fresh_db, reference, seed):
    rng = random.Random(seed)
    at = open_browse({})
    check(at, reference, "start")
    codes = reference.projects()["code"].tolist()
    ref = reference.reference
    candidates = {
        "category": ref.categories.codes,
        "district": ref.districts.codes,
        "ward": ref.wards.codes,
        "status": list(ref.public_statuses),
        "form": ref.forms.codes,
        "agency": ref.agencies.codes,
    }
    done: list[str] = []
    for step in range(STEPS):
        actions = ["filter", "filter", "clear", "query", "query", "range", "sort", "page", "language", "project"]
        action = rng.choice([*actions, "reload", "view", "tile"])
        done.append(action)
        where = f"seed {seed}, step {step}: {' → '.join(done[-4:])}"
        if action == "filter":
            field = rng.choice(["category", "district", "ward", "status", "form", "agency"])
            widget = by_key(at, "multiselect", f"f_{field}")
            offered = [code for code in candidates[field] if widget.format_func(code) in widget.options]
            widget.set_value(rng.sample(offered, k=min(len(offered), rng.choice([0, 1, 1, 2])))).run()
        elif action == "clear":
            chips = [b for b in at.button if b.key == "chip-clear"]
            if chips:
                chips[0].click().run()
            else:
                continue
        elif action == "query":
            by_key(at, "text_input", "f_q").set_value(rng.choice(QUERIES)).run()
        elif action == "range":
            low = rng.choice([None, 0.0, 50.0, 200.0, 1000.0])
            high = rng.choice([None, 100.0, 500.0, 3000.0])
            lang = url_params(at).get("lang", ["vi"])[0]  # typed as the page writes numbers
            by_key(at, "text_input", "f_min").set_value(format_number(low, lang, 2)).run()
            by_key(at, "text_input", "f_max").set_value(format_number(high, lang, 2)).run()
        elif action == "sort":
            sort = by_key(at, "selectbox", "f_sort")
            if sort is None:
                continue
            sort.set_value(rng.choice(["relevance", "investment", "updated", "code"])).run()
        elif action == "page":
            pages = [b for b in at.button if b.key and b.key.startswith("page-") and not b.disabled]
            if not pages:
                continue
            rng.choice(pages).click().run()
        elif action == "view":
            view = by_key(at, "segmented_control", "f_view")
            if view is None:
                continue
            view.set_value(rng.choice(["cards", "table", "map"])).run()
        elif action == "tile":  # a headline figure pressed (shown while no words are searched)
            tiles = component_data(at, "catalogue_headline_tiles")
            if tiles is None:
                continue
            press(at, "tile", rng.choice(tiles["tiles"])["id"], "catalogue_headline_tiles")
        elif action == "language":
            assert at.segmented_control, f"{where}: no language switch: {at.main}"
            by_key(at, "segmented_control", "lang").set_value(
                "en" if url_params(at).get("lang") != ["en"] else "vi"
            ).run()
        elif action == "project":
            before = url_params(at)
            at.switch_page("project.py")
            at.query_params.clear()
            at.query_params["code"] = rng.choice(codes)
            for name in ("lang", "list"):
                if name in before:
                    at.query_params[name] = before[name]
            at.run()
            assert not at.exception, where
            # Back, as the page's "Back to the results" link does: the remembered parameters.
            back = at.session_state["last_results"]
            at.switch_page("browse.py")
            at.query_params.clear()
            for name, value in {**back, **{k: v for k, v in before.items() if k in ("lang", "list")}}.items():
                at.query_params[name] = value
            at.run()
            assert url_params(at) == before, f"{where}: back gives {url_params(at)}, was {before}"
        elif action == "reload":
            at = open_browse(url_params(at))
        check(at, reference, where)
