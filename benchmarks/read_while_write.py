"""Reads never wait for writes (issue 13): search and the browse page's reads, idle and while a large
re-import runs, side by side in one run.

Builds a catalogue of N generated projects, then measures, from ``--readers`` threads:
  1. idle: searches (and the browse page's reads: a search page with facets, then its cards' rows)
     for ``--idle-seconds`` (long enough for a steady p95: the ratio's denominator);
  2. during one write transaction that holds the write lock for ``--seconds`` (DuckDB busy,
     then waiting: the issue's "search during a 2-second write");
  3. during a re-import of all N rows with changed text, in files of 25,000 rows (every project
     updated, so the index is rebuilt aside after each file's commit) — from the first file's start
     until the last file's new index is swapped in.
Prints p50/p95/max of both phases and the ratio of the p95s (the aim: ≤ 2×).

    python benchmarks/read_while_write.py [--rows 100000] [--readers 4] [--seconds 8] [--idle-seconds 20]

Set up as the app's start-up does (app_pages/server.py): the index built, then the heap settled
(catalogue/pieces.py); DuckDB's threads as the catalogue opens them (storage/database.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import csv
import itertools

os.environ.setdefault("CATALOGUE_SEARCH_CACHE", "0")  # every search computed, none answered from the cache
from catalogue import Catalogue, pieces
from catalogue.projects.model import COLUMN_NAMES
from catalogue.projects.synthetic import projects
from catalogue.storage.database import query_threads

CHUNK = 25_000  # rows per file: a file is at most 20 MB (catalogue/projects/filelimits.py)

QUERIES = [
    "xử lý nước thải",
    "lo dot rac",
    "nha may tai che nhua",
    "wastewater treatment",
    "điện mặt trời",
    "Sóc Sơn",
    "quan trac tu dong",
    "khu cong nghiep",
    "phân vi sinh",
    "thiet bi loc bui",
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def reader(cat: Catalogue, stop: threading.Event, searches: list[float], pages: list[float], seed: int) -> None:
    turn = seed
    while not stop.is_set():
        query = QUERIES[turn % len(QUERIES)]
        turn += 1
        started = time.perf_counter()
        cat.search(query, limit=20)
        searches.append(time.perf_counter() - started)
        started = time.perf_counter()
        result = cat.search_page(query, limit=20, facets=True)  # the browse page's reads
        codes = [hit.code for hit in result.hits]
        if codes:
            cat.projects(code=codes)
        pages.append(time.perf_counter() - started)


def phase(cat: Catalogue, readers: int, until: threading.Event) -> tuple[list[float], list[float]]:
    searches: list[float] = []
    pages: list[float] = []
    threads = [threading.Thread(target=reader, args=(cat, until, searches, pages, i)) for i in range(readers)]
    for thread in threads:
        thread.start()
    until.wait()
    for thread in threads:
        thread.join()
    return searches, pages


def line(name: str, values: list[float]) -> str:
    return (
        f"{name:<34} n={len(values):>5}  p50 {statistics.median(values) * 1000:7.1f} ms  "
        f"p95 {percentile(values, 0.95) * 1000:7.1f} ms  max {max(values) * 1000:7.1f} ms"
    )


def write_chunks(folder: Path, rows: int, seed: int) -> list[Path]:
    """The generated projects as template CSVs of CHUNK rows (the same codes for every seed)."""
    folder.mkdir()
    generated, paths = projects(rows, seed), []
    while chunk := list(itertools.islice(generated, CHUNK)):
        paths.append(folder / f"part{len(paths)}.csv")
        with paths[-1].open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(COLUMN_NAMES))
            writer.writeheader()
            writer.writerows(chunk)
    return paths


def import_all(cat: Catalogue, paths: list[Path]) -> tuple[int, int]:
    inserted = updated = 0
    for path in paths:
        report = cat.import_file(path, actor="bench")
        assert report.ok, report.errors[:3]
        inserted, updated = inserted + report.inserted, updated + report.updated
    return inserted, updated


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--idle-seconds", type=float, default=20.0)
    args = parser.parse_args()
    where = Path(tempfile.mkdtemp())
    first = write_chunks(where / "first", args.rows, seed=1)
    second = write_chunks(where / "second", args.rows, seed=2)  # the same codes, other text: all updated
    with Catalogue.open(where / "catalogue.duckdb") as cat:
        started = time.perf_counter()
        inserted, _ = import_all(cat, first)
        print(f"{args.rows} projects imported in {time.perf_counter() - started:.1f} s ({inserted} new)")
        started = time.perf_counter()
        cat.prepare_index()
        print(f"index built at start-up in {time.perf_counter() - started:.2f} s")
        pieces.settle_heap()  # as the app's start-up does (app_pages/server.py)

        timer = threading.Event()
        threading.Timer(args.idle_seconds, timer.set).start()
        idle_searches, idle_pages = phase(cat, args.readers, timer)

        held = threading.Event()

        def long_write() -> None:  # the case: one write transaction that takes seconds
            def work(cur) -> None:
                cur.execute("update projects set capacity = capacity").fetchall()
                time.sleep(max(0.0, args.seconds - 1))
                cur.execute("update projects set capacity = capacity").fetchall()

            cat.write(work, event="projects")
            held.set()

        locker = threading.Thread(target=long_write)
        locker.start()
        held_searches, held_pages = phase(cat, args.readers, held)
        locker.join()

        done = threading.Event()
        swaps_before = cat.search_index.swaps
        write_seconds: list[float] = []

        def write() -> None:
            began = time.perf_counter()
            _, updated = import_all(cat, second)  # each file returns after its new index is swapped in
            write_seconds.append(time.perf_counter() - began)
            print(
                f"re-import: {updated} updated in {len(second)} files of {CHUNK} rows, {write_seconds[0]:.1f} s "
                "(each index rebuild and swap included)"
            )
            done.set()

        writer = threading.Thread(target=write)
        writer.start()
        busy_searches, busy_pages = phase(cat, args.readers, done)
        writer.join()
        print(f"snapshots swapped in during the write: {cat.search_index.swaps - swaps_before}")
        print(
            f"readers: {args.readers} threads, machine: {len(__import__('os').sched_getaffinity(0))} cores, "
            f"DuckDB threads: {query_threads()}"
        )
        print(line("search, idle", idle_searches))
        print(line("search, during a long write", held_searches))
        print(line("search, during the re-import", busy_searches))
        print(line("browse page reads, idle", idle_pages))
        print(line("browse page reads, during a long write", held_pages))
        print(line("browse page reads, during re-import", busy_pages))
        for name, idle, held_, busy in (
            ("search", idle_searches, held_searches, busy_searches),
            ("page reads", idle_pages, held_pages, busy_pages),
        ):
            base = percentile(idle, 0.95)
            print(
                f"p95 / idle p95, {name}: during a long write {percentile(held_, 0.95) / base:.2f}x, "
                f"during the re-import {percentile(busy, 0.95) / base:.2f}x (aim ≤ 2x)"
            )


if __name__ == "__main__":
    main()
