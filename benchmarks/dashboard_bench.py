"""Dashboard rerun time with AppTest over N projects (default 100,000) and their history.

Prints the p50/p95 of a full rerun of the dashboard page (every figure and chart recomputed),
unchanged and after changing a filter. Target: p95 ≤ 1 s.

    python benchmarks/dashboard_bench.py [--projects 100000] [--runs 30]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _figures import percentile  # noqa: E402
from read_while_write import write_chunks  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from catalogue import Catalogue  # noqa: E402
from catalogue.staff import history  # noqa: E402


def keyed(at: AppTest, kind: str, key: str) -> Any:
    """The widget keeping its value under ``key`` (its Streamlit key is ``key@digest``)."""
    return next(w for w in at.get(kind) if w.key and w.key.startswith(f"{key}@"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "dash.duckdb"
        with Catalogue.open(db) as cat:
            for part in write_chunks(Path(tmp) / "generated", args.projects, seed=275):  # files under the 20 MB limit
                assert cat.import_file(part).ok
            assert cat.load_demo().ok

            def move_a_fifth(cur) -> None:  # a fifth of the projects moved one stage last spring
                when = dt.datetime(2026, 4, 1, 9)
                cur.execute(
                    "update projects set status = 'negotiating', status_since = ? "
                    "where status = 'calling' and hash(code) % 5 = 0",
                    [when.date()],
                ).fetchall()
                history.record(
                    cur,
                    None,
                    action="status",
                    actor="bench",
                    at=when,
                    where="status_since = ?",
                    where_params=[when.date()],
                )
                cur.execute(
                    "insert into inquiries (id, project_code, name, organisation, country, email, message, consent, "
                    "created_at) select 'b' || code, code, 'A', 'B', list_extract(['Japan', 'Korea', 'Singapore'], (1 + hash(code) % 3)::integer), "
                    "'a@example.com', 'benchmark', true, now() from projects where hash(code) % 50 = 0"
                ).fetchall()

            cat.write(move_a_fifth)
            with cat.cursor() as cur:
                rows = cur.execute("select count(*) from project_history").fetchall()[0][0]
        os.environ["CATALOGUE_DB"] = str(db)
        at = AppTest.from_file(str(ROOT / "app_pages" / "main.py"), default_timeout=180)
        at.run()
        started = time.perf_counter()
        at.switch_page("dashboard.py")
        at.run()
        assert not at.exception, at.exception
        print(
            f"{args.projects:,} projects, {rows:,} history rows; first dashboard run {time.perf_counter() - started:.2f} s"
        )
        timings: dict[str, list[float]] = {"nothing": [], "filter": []}
        categories = [[], ["renewables"], ["environmental_services", "waste_equipment"], ["emission_treatment"]]
        for run in range(args.runs):
            started = time.perf_counter()
            at.run()
            timings["nothing"].append((time.perf_counter() - started) * 1000)
            category = keyed(at, "multiselect", "f_category")
            category.set_value(categories[run % len(categories)])
            started = time.perf_counter()
            at.run()
            timings["filter"].append((time.perf_counter() - started) * 1000)
            assert not at.exception, at.exception
        for name, values in timings.items():
            label = "full rerun, nothing changed" if name == "nothing" else "full rerun after a filter change"
            print(
                f"{label:33s}: p50 {percentile(values, 0.5):6.0f} ms, p95 {percentile(values, 0.95):6.0f} ms "
                f"({len(values)} reruns)"
            )


if __name__ == "__main__":
    main()
