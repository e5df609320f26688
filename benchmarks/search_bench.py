"""Search speed at scale: index build, index memory, latency with facets, and a full scan.

Generates N projects (default 100,000) with realistic names and descriptions, imports them,
then prints the index build time, the memory the index holds, p50/p95/max latency of
``cat.search_page`` (search + facets, 20 hits) over mixed queries, and in the same run the
p50 of a rapidfuzz ``WRatio`` full scan over the same texts.

    python benchmarks/search_bench.py [--projects 100000] [--queries 240] [--scan-queries 20]
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _figures import percentile
from rapidfuzz import fuzz, process, utils
from read_while_write import write_chunks

os.environ.setdefault("CATALOGUE_SEARCH_CACHE", "0")  # every search computed, none answered from the cache
from catalogue import Catalogue
from catalogue.search.index import IndexSnapshot, SearchIndex
from catalogue.search.normalize import search_fold


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]  # swap two letters


def make_queries(cat: Catalogue, count: int, seed: int = 7) -> list[tuple[str, str]]:
    """(kind, query) pairs built from random projects' names, as people type them."""
    rng = random.Random(seed)
    frame = cat.projects(include_hidden=True)
    names = frame["name_vi"].tolist()
    english = [n for n in frame["name_en"].dropna().tolist() if n]
    kinds = ["accented", "accent-free", "typo", "half-typed", "english", "abbreviation", "one word", "long"]
    queries = []
    for n in range(count):
        kind = kinds[n % len(kinds)]
        words = rng.choice(names).split()
        start = rng.randrange(0, max(1, len(words) - 3))
        phrase = words[start : start + rng.randint(2, 4)]
        if kind == "accented":
            query = " ".join(phrase)
        elif kind == "accent-free":
            query = search_fold(" ".join(phrase))
        elif kind == "typo":
            query = " ".join(typo(w, rng) for w in search_fold(" ".join(phrase)).split())
        elif kind == "half-typed":
            text = " ".join(phrase)
            query = text[: max(2, len(text) - rng.randint(1, 3))]
        elif kind == "english":
            query = " ".join(rng.choice(english).split()[:3])
        elif kind == "abbreviation":
            query = rng.choice(["XLNT", "KCN", "CCN", "CTR", "ĐMT", "NLTT"]) + " " + " ".join(phrase[-2:])
        elif kind == "one word":
            query = rng.choice(phrase)
        else:
            query = " ".join(words[:8])
        queries.append((kind, query))
    return queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=240)
    parser.add_argument("--scan-queries", type=int, default=20)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        cat = Catalogue.open(Path(tmp) / "bench.duckdb")
        for source in write_chunks(Path(tmp) / "generated", args.projects, seed=275):  # files under the size limit
            report = cat.import_file(source)
            assert report.ok, report.errors[:3]
        print(f"{args.projects:,} generated projects imported")

        builds, asides = [], []
        for _ in range(3):
            gc.collect()
            started = time.perf_counter()
            SearchIndex(cat)  # a process's first index: DuckDB on every core (nothing searches yet)
            builds.append(time.perf_counter() - started)
            gc.collect()
            started = time.perf_counter()
            IndexSnapshot(cat)  # a rebuild aside while searches run: DuckDB keeps a core free
            asides.append(time.perf_counter() - started)
        for label, times in (("first build (every core)", builds), ("rebuild aside (one DuckDB thread)", asides)):
            print(f"index {label}: best {min(times):.2f} s, median {statistics.median(times):.2f} s of {len(times)}")

        gc.collect()
        tracemalloc.start()
        index = SearchIndex(cat)
        held, _peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"index memory: {held / 1e6:.0f} MB held after build (tracemalloc; arrays {index.memory_bytes() / 1e6:.0f} MB)"
        )
        cat._search_index = index  # the catalogue searches with the index measured above

        queries = make_queries(cat, args.queries)
        for _kind, query in queries[:20]:  # warm up code paths, not the answers
            cat.search_page(query + " warmup")
        latencies: dict[str, list[float]] = {}
        for kind, query in queries:
            started = time.perf_counter()
            result = cat.search_page(query, limit=20)
            latencies.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
            assert result.facets, "facets are part of every measured search"
        every = [ms for values in latencies.values() for ms in values]
        print(
            f"search + facets over {len(every)} queries: p50 {percentile(every, 0.5):.1f} ms, "
            f"p95 {percentile(every, 0.95):.1f} ms, max {max(every):.1f} ms"
        )
        for kind, values in latencies.items():
            print(f"  {kind:13s} p50 {percentile(values, 0.5):6.1f} ms  p95 {percentile(values, 0.95):6.1f} ms")

        frame = cat.projects(include_hidden=True)
        names = (frame["name_vi"].fillna("") + " " + frame["name_en"].fillna("")).tolist()
        searched = (
            frame["name_vi"].fillna("") + " " + frame["name_en"].fillna("") + " " + frame["description_vi"].fillna("")
        ).tolist()
        ours_p50, ours_p95 = percentile(every, 0.5), percentile(every, 0.95)
        for label, texts in (("names", names), ("names + descriptions", searched)):
            scans = []
            for _kind, query in queries[: args.scan_queries]:
                started = time.perf_counter()
                process.extract(query, texts, scorer=fuzz.WRatio, processor=utils.default_process, limit=20)
                scans.append((time.perf_counter() - started) * 1000)
            scan_p50 = percentile(scans, 0.5)
            print(
                f"rapidfuzz WRatio full scan over {label} ({len(scans)} queries): p50 {scan_p50:.0f} ms; "
                f"{scan_p50 / ours_p50:.0f}x our p50, {scan_p50 / ours_p95:.0f}x our p95"
            )
        cat.close()


if __name__ == "__main__":
    main()
