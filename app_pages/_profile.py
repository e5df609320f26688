"""Per-run profiles of the pages, for ``benchmarks/load_bench.py --profile``.

With ``CATALOGUE_PROFILE=DIR`` in the server's environment, every script run is profiled with
cProfile (its own thread: the page's Python, not the server's sending) and written to
``DIR/<page>-<id>.prof``; ``pstats.Stats(*files)`` adds them up. With ``CATALOGUE_RUN_CPU=FILE``,
each run's CPU time in its own thread (no profiler: the true cost of the page's Python and the
elements it builds) is appended to FILE as ``page<TAB>ms``. Without either, nothing happens.
"""

from __future__ import annotations

import contextlib
import cProfile
import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import streamlit as st


@contextlib.contextmanager
def profiled() -> Iterator[None]:
    folder = os.environ.get("CATALOGUE_PROFILE")
    cpu_log = os.environ.get("CATALOGUE_RUN_CPU")
    if cpu_log and not folder:
        started = time.thread_time()
        try:
            yield
        finally:
            used = (time.thread_time() - started) * 1000
            page = str(st.session_state.get("last_page") or "browse")
            with open(cpu_log, "a", encoding="utf-8") as log:
                log.write(f"{page}\t{used:.2f}\n")
        return
    if not folder:
        yield
        return
    profiler = cProfile.Profile(time.thread_time)  # CPU time: waiting for other threads is not cost
    profiler.enable()
    try:
        yield
    finally:
        profiler.disable()
        page = str(st.session_state.get("last_page") or "browse")
        profiler.dump_stats(Path(folder) / f"{page}-{uuid.uuid4().hex[:12]}.prof")
