"""Per-run profiles of the pages, for ``benchmarks/load_bench.py --profile``.

With ``CATALOGUE_PROFILE=DIR`` in the server's environment, every script run is profiled with
cProfile (its own thread: the page's Python, not the server's sending) and written to
``DIR/<page>-<id>.prof``; ``pstats.Stats(*files)`` adds them up. Without it, nothing happens.
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
