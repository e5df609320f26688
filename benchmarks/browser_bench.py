"""Page-load times in a real browser: `streamlit run` on a fresh demo database, Debian's Chromium.

For each page, the time from the start of the navigation until the page is complete as a person
sees it (Python wall clock around Playwright):

- browse (the first screen): the script has finished, the headline tiles, the first result card and
  the map's markers are on the screen (issue 18's target: ≤ 1.5 s);
- dashboard: the script has finished and every chart the figures allow is drawn by plotly;
- plan: the script has finished, the tabs are there and every chart on the page is drawn;
- project: the script has finished and the project's title is on the screen;
- dashboard-nav: the dashboard reached from the browse page through the sidebar (the app is
  already loaded in the tab, as when a person moves between pages): from the click to all charts.

With --floor, the same warm loads of a minimal Streamlit script (benchmarks/floor_app.py: a title
and a metric, then with one and with nine plotly bar charts) run interleaved in the same browser:
the least any page costs here, so that the catalogue's own share can be read off side by side.

"cold" is the first load after the server started (a new server per sample and per page, with a
new browser context, so nothing is cached on either side); "new visitor" is a first visit to a
server that has been running (its caches filled by others) from a browser that has never seen the
site (a new browser context each time: nothing in its cache, as for an investor scanning the QR code
on a slide); "warm" is a later load in a new tab of the same browser (a new Streamlit session, both
caches filled). Prints the median and the maximum over the samples. A benchmark prints figures; it
is never a timed test.

    python benchmarks/browser_bench.py [--loads 7] [--cold 3] [--pages browse,dashboard,plan,project] [--floor]
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from catalogue import Catalogue  # noqa: E402
from catalogue.leadership.charts import dashboard_charts  # noqa: E402
from catalogue.leadership.dashboard import dashboard  # noqa: E402
from tests.browser import CHROMIUM_ARGS, Server, chromium_path  # noqa: E402

IDLE = (
    "document.querySelector(\"[data-testid='stApp'][data-test-script-state='notRunning']\") !== null"
    " && !document.querySelector('[data-testid=\"stStatusWidget\"]')"
    " && document.querySelectorAll('[data-stale=\"true\"]').length === 0"
)
# The tiles and the cards are drawn inside their components' shadow roots: looked for there too.
DEEP = (
    "((selector) => { const walk = (root) => { const found = root.querySelector(selector); if (found) return found;"
    " for (const host of root.querySelectorAll('*')) { if (host.shadowRoot) { const inner = walk(host.shadowRoot);"
    " if (inner) return inner; } } return null; }; return walk(document); })"
)
CHARTS_DRAWN = (
    "Array.from(document.querySelectorAll('[data-testid=\"stPlotlyChart\"]'))"
    ".filter(e => e.querySelector('.main-svg .plot, .main-svg .funnellayer, .main-svg .barlayer')).length"
)


def ready_condition(page: str, charts: int) -> str:
    """A JavaScript expression that is true once ``page`` is complete."""
    if page == "browse":  # the first screen: figures, a card and the map with its markers drawn
        return (
            f"({IDLE}) && {DEEP}('.tile') !== null && {DEEP}('article.card h3') !== null"
            f" && {DEEP}('.pmap button.marker, .pmap button.cluster') !== null"
        )
    if page in FLOOR:
        return f"({IDLE}) && document.querySelector('[data-testid=\"stMetric\"]') !== null && {CHARTS_DRAWN} >= {FLOOR[page]}"
    if page in ("dashboard", "dashboard-nav"):
        return f"({IDLE}) && location.pathname.endsWith('/dashboard') && {CHARTS_DRAWN} >= {charts}"
    if page == "plan":
        return (
            f"({IDLE}) && document.querySelector('[data-testid=\"stTabs\"]') !== null"
            f" && {CHARTS_DRAWN} === document.querySelectorAll('[data-testid=\"stPlotlyChart\"]').length"
        )
    return f"({IDLE}) && document.querySelector('h1') !== null"


PATHS = {
    "browse": "/",
    "dashboard": "/dashboard",
    "plan": "/plan",
    "project": "/project?code=DEMO-001",
    "dashboard-nav": "/",
}
FLOOR = {"floor-title": 0, "floor-1-chart": 1, "floor-9-charts": 9}  # page → plotly charts in floor_app.py


def timed_load(context, url: str, condition: str, page_name: str = "") -> float:
    """Seconds until ``condition``; NaN (and a line on stderr) when the page never got there."""
    try:
        return _timed_load(context, url, condition, page_name)
    except PlaywrightTimeout:
        print(f"{page_name or url}: not complete after 120 s", file=sys.stderr)
        return math.nan


def _timed_load(context, url: str, condition: str, page_name: str) -> float:
    page = context.new_page()
    try:
        if page_name == "dashboard-nav":  # the browse page first, then the sidebar link
            page.goto(url, wait_until="commit")
            page.wait_for_function(f"() => {ready_condition('browse', 0)} && {IDLE}", polling=25, timeout=120_000)
            started = time.perf_counter()
            page.locator("[data-testid='stSidebarNav'] a[href$='/dashboard']").first.click()
        else:
            started = time.perf_counter()
            page.goto(url, wait_until="commit")
        page.wait_for_function(f"() => {condition}", polling=25, timeout=120_000)
        return time.perf_counter() - started
    finally:
        page.close()


def summary(values: list[float]) -> str:
    done = [value for value in values if not math.isnan(value)]
    failed = f", {len(values) - len(done)} never complete" if len(done) < len(values) else ""
    if not done:
        return f"never complete (n={len(values)})"
    return f"median {statistics.median(done):5.2f} s, max {max(done):5.2f} s (n={len(done)}{failed})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--loads", type=int, default=7, help="warm loads per page")
    parser.add_argument("--cold", type=int, default=3, help="cold loads per page (a server start each)")
    parser.add_argument("--pages", default=",".join(PATHS), help="comma-separated: " + ", ".join(PATHS))
    parser.add_argument("--floor", action="store_true", help="also time floor_app.py, interleaved")
    parser.add_argument("--width", type=int, default=1440)
    parser.add_argument("--height", type=int, default=900)
    args = parser.parse_args()
    pages = [p.strip() for p in args.pages.split(",") if p.strip()]

    with tempfile.TemporaryDirectory() as tmp:
        where = Path(tmp)
        pristine = where / "pristine.duckdb"
        with Catalogue.open(pristine) as cat:
            cat.load_demo()
            charts = sum(1 for chart in dashboard_charts(dashboard(cat, "vi"), "vi") if chart.figure is not None)
        floors = list(FLOOR) if args.floor else []
        kinds = ("cold", "new visitor", "warm")
        results: dict[str, dict[str, list[float]]] = {page: {kind: [] for kind in kinds} for page in pages + floors}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
            viewport = {"width": args.width, "height": args.height}
            try:
                for page in pages:
                    condition = ready_condition(page, charts)
                    for sample in range(args.cold):
                        db = where / f"cold-{page}-{sample}.duckdb"
                        shutil.copy(pristine, db)
                        server = Server(db, where / f"cold-{page}-{sample}.log")
                        server.start()
                        try:
                            context = browser.new_context(viewport=viewport, locale="vi-VN")
                            results[page]["cold"].append(timed_load(context, server.url + PATHS[page], condition, page))
                            context.close()
                        finally:
                            server.stop()
                db = where / "warm.duckdb"
                shutil.copy(pristine, db)
                server = Server(db, where / "warm.log")
                server.start()
                floor = Server(db, where / "floor.log", ROOT / "benchmarks" / "floor_app.py") if floors else None
                if floor is not None:
                    floor.start()
                urls = {page: server.url + PATHS[page] for page in pages}
                if floor is not None:
                    urls |= {page: f"{floor.url}/?charts={FLOOR[page]}" for page in floors}
                try:
                    context = browser.new_context(viewport=viewport, locale="vi-VN")
                    for page in urls:  # one unmeasured load fills the server's and the browser's caches
                        timed_load(context, urls[page], ready_condition(page, charts), page)
                    for _ in range(args.loads):
                        for page in urls:
                            condition = ready_condition(page, charts)
                            results[page]["warm"].append(timed_load(context, urls[page], condition, page))
                            if page in pages:  # the same page for someone whose browser never saw the site
                                first_visit = browser.new_context(viewport=viewport, locale="vi-VN")
                                results[page]["new visitor"].append(
                                    timed_load(first_visit, urls[page], condition, page)
                                )
                                first_visit.close()
                    context.close()
                finally:
                    server.stop()
                    if floor is not None:
                        floor.stop()
            finally:
                browser.close()
    load = " ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"Chromium {args.width}×{args.height}, demo database, {charts} dashboard charts; load average {load}")
    for page in pages + floors:
        for kind in kinds:
            if results[page][kind]:
                print(f"{page:14s} {kind + ':':12s} {summary(results[page][kind])}")


if __name__ == "__main__":
    main()
