"""Where a page load's time goes in Chromium: the bundle (until Streamlit's app element exists), the
first script run (running → not running with a title drawn) and, for the dashboard, plotly drawing
its nine figures. Loads each page three times in one browser context (the bundle cached).

    python benchmarks/load_phases.py      # a new demo database; CATALOGUE_DB=PATH for another
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import os
import tempfile

from tests.browser import Server, _browser, close_browser

where = Path(tempfile.mkdtemp())
srv = Server(Path(os.environ.get("CATALOGUE_DB", where / "c.duckdb")), where / "app.log")
srv.start()
JS = """() => { const a=document.querySelector("[data-testid='stApp']"); return a ? a.dataset.testScriptState : 'none'; }"""
try:
    b = _browser()
    ctx = b.new_context(viewport={"width": 1440, "height": 900})
    for path in ["/", "/", "/", "/dashboard", "/dashboard", "/dashboard"]:
        page = ctx.new_page()
        marks = {}
        t0 = time.perf_counter()
        page.goto(srv.url + path, wait_until="commit")
        marks["commit"] = time.perf_counter() - t0
        page.wait_for_function("() => document.querySelector(\"[data-testid='stApp']\") !== null", polling=10)
        marks["app_el"] = time.perf_counter() - t0
        page.wait_for_function(
            JS.replace(
                "return a ? a.dataset.testScriptState : 'none';", "return a && a.dataset.testScriptState === 'running';"
            ),
            polling=10,
            timeout=30000,
        )
        marks["running"] = time.perf_counter() - t0
        page.wait_for_function(
            JS.replace(
                "return a ? a.dataset.testScriptState : 'none';",
                "return a && a.dataset.testScriptState === 'notRunning' && document.querySelector('h1');",
            ),
            polling=10,
            timeout=30000,
        )
        marks["done"] = time.perf_counter() - t0
        if "dashboard" in path:
            page.wait_for_function(
                "() => Array.from(document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')).filter(e => e.querySelector('.main-svg')).length >= 9",
                polling=10,
                timeout=30000,
            )
            marks["charts"] = time.perf_counter() - t0
        nav = page.evaluate(
            "() => { const n = performance.getEntriesByType('navigation')[0]; return {dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd}; }"
        )
        print(path, {k: round(v, 2) for k, v in marks.items()}, {k: round(v / 1000, 2) for k, v in nav.items()})
        page.close()
finally:
    close_browser()
    srv.stop()
