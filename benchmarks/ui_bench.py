"""Browse-page rerun time with AppTest over N projects (default 100,000).

Prints p50/p95 of a full rerun after changing the search text and after changing a filter.

    python benchmarks/ui_bench.py [--projects 100000] [--runs 40]
"""

from __future__ import annotations

import argparse
import os
import random
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

QUERIES = [
    "nuoc thai",
    "lò đốt",
    "xu ly khi thai",
    "KCN Quang Minh",
    "dien mat troi",
    "tram trung chuyen",
    "biogas",
    "than hoat tinh",
    "lang nghe bat trang",
    "phan vi sinh",
]


def keyed(at: AppTest, kind: str, key: str) -> Any:
    """The widget keeping its value under ``key`` (its Streamlit key is ``key@digest``)."""
    return next(w for w in at.get(kind) if w.key and w.key.startswith(f"{key}@"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    rng = random.Random(4)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "ui.duckdb"
        with Catalogue.open(db) as cat:
            for part in write_chunks(Path(tmp) / "generated", args.projects, seed=275):  # files under the 20 MB limit
                assert cat.import_file(part).ok
            assert cat.load_demo().ok
        os.environ["CATALOGUE_DB"] = str(db)
        at = AppTest.from_file(str(ROOT / "app_pages" / "main.py"), default_timeout=120)
        started = time.perf_counter()
        at.run()
        assert not at.exception, at.exception
        print(
            f"{args.projects:,} projects; first run (opens the database, builds the search index) "
            f"{time.perf_counter() - started:.1f} s"
        )
        timings: dict[str, list[float]] = {"query": [], "filter": []}
        categories = ["renewables", "environmental_services", "waste_equipment", "emission_treatment"]
        for run in range(args.runs):
            keyed(at, "text_input", "f_q").set_value(f"{rng.choice(QUERIES)} {run % 3 or ''}".strip())
            started = time.perf_counter()
            at.run()
            timings["query"].append((time.perf_counter() - started) * 1000)
            keyed(at, "multiselect", "f_category").set_value([categories[run % len(categories)]])
            started = time.perf_counter()
            at.run()
            timings["filter"].append((time.perf_counter() - started) * 1000)
            assert not at.exception, at.exception
        for name, values in timings.items():
            print(
                f"rerun after changing the {name:6s}: p50 {percentile(values, 0.5):6.0f} ms, "
                f"p95 {percentile(values, 0.95):6.0f} ms ({len(values)} reruns)"
            )


if __name__ == "__main__":
    main()
