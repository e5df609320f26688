"""Long work in short pieces, so that searches on other threads do not wait for it.

CPython runs one thread's Python at a time and switches threads only between bytecode
instructions: a single call into C — sorting 300,000 strings, turning a 100,000-row text column
into a list, normalising a 20 MB string — holds the interpreter from its start to its end. An
import and the index rebuild after it run on the writer's thread while visitors search on
others; done as one call each, such steps stalled every search by up to 0.2 s during a 100,000-row
re-import (``benchmarks/read_while_write.py`` prints the longest stall). Done in pieces of
:data:`PIECE` items, each call lasts a few milliseconds and a waiting search runs in between.
"""

from __future__ import annotations

import contextlib
import gc
import heapq
import threading
import time
from collections.abc import Iterable, Iterator
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

# Arrow's buffers from the system's allocator, which hands a large freed buffer back at once: with
# mimalloc (Arrow's default here) a 100,000-row import in four files peaked at 401-407 MB, so at
# 375-391 MB, as fast (benchmarks/import_bench.py, side by side). DuckDB's jemalloc told to do the
# same (DUCKDB_JE_MALLOC_CONF=dirty_decay_ms:0) saved some 15 MB more but slowed the index build at
# 100,000 projects from 6.5 to 8.3 s: left as it is.
pa.set_memory_pool(pa.system_memory_pool())

PIECE = 1024  # items per call: a few milliseconds of work for the longest texts (descriptions)


YIELD_SECONDS = 0.0005  # the pause a piece of background work takes while a visitor's read runs
_reading: dict[int, int] = {}  # threads in a visitor's read now → depth (one key per thread: atomic)


@contextlib.contextmanager
def reading() -> Iterator[None]:
    """Mark the calling thread as serving a visitor's read (a search, a page's run) while the block runs:
    background work done in pieces pauses between pieces meanwhile (reads first)."""
    ident = threading.get_ident()
    depth = _reading.get(ident, 0)  # a search inside a page's run: the run stays marked after it
    _reading[ident] = depth + 1
    try:
        yield
    finally:
        if depth:
            _reading[ident] = depth
        else:
            _reading.pop(ident, None)


def spans(length: int, size: int = PIECE) -> Iterator[slice]:
    """Consecutive slices covering ``range(length)``, ``size`` items each; between two pieces,
    while a visitor's read runs on another thread, a short sleep hands it the interpreter."""
    me = threading.get_ident()
    for start in range(0, length, size):
        if start and len(_reading) > (me in _reading):  # a read on another thread (not this one's own)
            time.sleep(YIELD_SECONDS)
        yield slice(start, min(length, start + size))


def tolist(series: pd.Series) -> list[Any]:
    """``series.tolist()``, a piece at a time; missing text as ``None`` (not NaN)."""
    out: list[Any] = []
    if isinstance(series.array, pd.arrays.ArrowStringArray):
        chunked = series.array.__arrow_array__()
        for part in spans(len(chunked)):
            out.extend(chunked.slice(part.start, part.stop - part.start).to_pylist())
        return out
    for part in spans(len(series)):
        out.extend(series.iloc[part].tolist())
    return out


def string_series(values: list[Any]) -> pd.Series:
    """``pd.Series(values)`` for text (pandas' ``str`` dtype, missing as NaN), built a piece at a time."""
    pieces = [pa.array(values[part], type=pa.large_string()) for part in spans(len(values))]
    chunked = pa.chunked_array(pieces, type=pa.large_string())
    return pd.Series(pd.arrays.ArrowStringArray(chunked, dtype=pd.StringDtype("pyarrow", na_value=np.nan)))


def arrow_table(columns: dict[str, list[Any]], types: dict[str, pa.DataType]) -> pa.Table:
    """An Arrow table of Python lists, each column converted a piece at a time."""
    return pa.table(
        {
            name: pa.chunked_array(
                [pa.array(values[part], type=types[name]) for part in spans(len(values))], type=types[name]
            )
            for name, values in columns.items()
        }
    )


def factorize(series: pd.Series) -> tuple[np.ndarray, list[Any]]:
    """``pd.factorize(series)`` (codes, -1 for missing; uniques in order of appearance) by Arrow's
    compute functions, which run without holding the interpreter."""
    if not isinstance(series.array, pd.arrays.ArrowStringArray):
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
        return codes, list(uniques)
    chunked = series.array.__arrow_array__()
    uniques = pc.drop_null(pc.unique(chunked))
    codes = pc.fill_null(pc.index_in(chunked, value_set=uniques), -1)
    return codes.to_numpy(), uniques.to_pylist()


def sorted_strings(items: Iterable[str]) -> list[str]:
    """``sorted(items)``: pieces sorted on their own, then merged."""
    values = list(items)
    runs = [sorted(values[part]) for part in spans(len(values), 8 * PIECE)]
    if len(runs) <= 1:
        return runs[0] if runs else []
    return list(heapq.merge(*runs))


def settle_heap() -> None:
    """Collect garbage once, then freeze what is alive (``gc.freeze``), at the end of start-up.

    A full garbage collection stops every thread while it walks every tracked object: in a
    process with pandas, Streamlit, the reference data and a 100,000-project index, about 60 ms
    at each full collection, and an import or index rebuild triggers several. Objects alive
    after start-up (modules, the catalogue, the first index) are kept for the process's life;
    frozen, later collections skip them. Collecting first means no garbage is frozen.
    """
    gc.collect()
    gc.freeze()


def fetch_arrays(db: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> dict[str, np.ndarray]:
    """``db.execute(sql, params).fetchnumpy()``, read in Arrow batches (one large result read at
    once holds the interpreter for its whole conversion)."""
    reader = db.sql(sql, params=params).to_arrow_reader(16 * PIECE)
    parts: dict[str, list[np.ndarray]] = {name: [] for name in reader.schema.names}
    for batch in reader:
        for name, column in zip(batch.schema.names, batch.columns, strict=True):
            parts[name].append(column.to_numpy(zero_copy_only=False))
    return {
        name: np.concatenate(arrays) if arrays else np.array([], dtype=reader.schema.field(name).type.to_pandas_dtype())
        for name, arrays in parts.items()
    }


def fetch_values(db: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[Any]:
    """The first column of ``sql``'s rows as a list, read in Arrow batches."""
    out: list[Any] = []
    for batch in db.sql(sql, params=params).to_arrow_reader(PIECE):
        out.extend(batch.column(0).to_pylist())
    return out


def fetch_frame(db: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
    """``db.execute(sql, params).df()``, read in Arrow batches; text columns stay in Arrow (pandas'
    ``str`` dtype, missing as NaN, an all-empty column included) instead of being converted at once."""
    reader = db.sql(sql, params=params).to_arrow_reader(PIECE)
    return pa.Table.from_batches(list(reader), schema=reader.schema).to_pandas()
