"""Long work in short pieces (catalogue/pieces.py): the same results as the one-call forms, a
visitor's read marked so background work pauses for it, and a new index snapshot warmed with the
latest searches before it serves anyone."""

from __future__ import annotations

import gc
import os
import random
import subprocess
import sys
import threading

import duckdb
import numpy as np
import pandas as pd
import pytest

from catalogue import Catalogue, pieces
from catalogue.storage import database
from tests.conftest import open_demo
from tests.test_service import csv_file


def texts(count: int, seed: int) -> list[str | None]:
    rng = random.Random(seed)
    words = ["nước", "thải", "lò", "đốt", "Sóc Sơn", "wastewater", "", "ß", "😀", "Đông Anh"]
    return [None if rng.random() < 0.1 else " ".join(rng.choices(words, k=rng.randint(1, 6))) for _ in range(count)]


def test_spans_cover_every_item_once_in_order():
    for length in (0, 1, pieces.PIECE - 1, pieces.PIECE, pieces.PIECE + 1, 5 * pieces.PIECE + 3):
        covered = [i for part in pieces.spans(length) for i in range(length)[part]]
        assert covered == list(range(length))


def test_text_columns_built_and_read_in_pieces_equal_the_one_call_forms():
    values = texts(3 * pieces.PIECE + 7, seed=1)
    built = pieces.string_series(values)
    assert built.dtype == pd.Series(["a", None]).dtype  # pandas' own text dtype, missing as NaN
    assert built.equals(pd.Series(values))
    assert pieces.tolist(built) == values  # missing text back as None, not NaN
    codes, uniques = pieces.factorize(built)
    expected_codes, expected_uniques = pd.factorize(pd.Series(values), use_na_sentinel=True)
    assert codes.tolist() == expected_codes.tolist() and uniques == list(expected_uniques)
    assert pieces.string_series([]).empty and pieces.factorize(pieces.string_series([]))[1] == []


def test_sorting_in_pieces_equals_sorted():
    words = [w or "" for w in texts(20 * pieces.PIECE, seed=2)] + ["z", "a", "Đ", "đ", "e\u0301"]
    assert pieces.sorted_strings(set(words)) == sorted(set(words))
    assert pieces.sorted_strings([]) == [] and pieces.sorted_strings(["b", "a"]) == ["a", "b"]


def test_results_fetched_in_batches_equal_fetchnumpy_and_df():
    db = duckdb.connect()
    db.execute(
        "create table t as select (i * 7919 % 100003)::integer as doc, (i % 4)::utinyint as field, "
        "case when i % 9 = 0 then null else 'từ ' || i::varchar end as word, "
        "case when i % 5 = 0 then null else i / 3 end as amount, null::varchar as empty "
        "from range(50000) r(i)"
    )
    query = "select * from t where doc > ? order by doc"
    whole = db.execute(query, [10]).fetchnumpy()
    batched = pieces.fetch_arrays(db, query, [10])
    for name in ("doc", "field"):
        assert np.array_equal(batched[name], whole[name]) and batched[name].dtype == whole[name].dtype
    assert pieces.fetch_arrays(db, "select doc from t where doc < 0")["doc"].dtype == np.int32
    assert pieces.fetch_values(db, "select word from t order by doc") == [
        w for (w,) in db.execute("select word from t order by doc").fetchall()
    ]
    frame, expected = pieces.fetch_frame(db, query, [10]), db.execute(query, [10]).df()
    for name in ("doc", "field", "word", "amount"):
        assert frame[name].equals(expected[name]), name
    assert frame["empty"].isna().all() and len(frame) == len(expected)


def test_background_pieces_pause_only_while_a_visitors_read_runs(monkeypatch):
    pauses: list[float] = []
    monkeypatch.setattr(pieces.time, "sleep", pauses.append)
    list(pieces.spans(3 * pieces.PIECE))
    assert pauses == []  # nobody reading: no pause
    inside, release = threading.Event(), threading.Event()

    def visitor() -> None:
        with pieces.reading():
            inside.set()
            release.wait(10)

    reader = threading.Thread(target=visitor)
    reader.start()
    assert inside.wait(10)
    list(pieces.spans(3 * pieces.PIECE))
    release.set()
    reader.join(10)
    assert pauses == [pieces.YIELD_SECONDS] * 2  # between the three pieces, not before the first
    assert not pieces._reading  # the read's mark is gone when it ends
    # a page's run that imports a file itself (the staff import page) does not wait for itself; a search
    # inside the run leaves the run marked
    pauses.clear()
    with pieces.reading():
        with pieces.reading():
            pass
        assert pieces._reading
        list(pieces.spans(3 * pieces.PIECE))
    assert pauses == [] and not pieces._reading


def test_settling_the_heap_freezes_what_start_up_made():
    try:
        pieces.settle_heap()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_duckdb_leaves_a_core_to_the_visitors(monkeypatch):
    monkeypatch.delenv("CATALOGUE_DUCKDB_THREADS", raising=False)
    monkeypatch.setattr(database.os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    assert database.query_threads() == 1
    monkeypatch.setattr(database.os, "sched_getaffinity", lambda _pid: {0}, raising=False)
    assert database.query_threads() == 1
    monkeypatch.setattr(database.os, "sched_getaffinity", lambda _pid: set(range(8)), raising=False)
    assert database.query_threads() == 7
    for wrong in ("0", "-2", "two", "３"):
        monkeypatch.setenv("CATALOGUE_DUCKDB_THREADS", wrong)
        assert database.query_threads() == 7
    monkeypatch.setenv("CATALOGUE_DUCKDB_THREADS", "3")
    assert database.query_threads() == 3
    with duckdb.connect(config={"threads": database.query_threads()}) as db:
        assert db.execute("select current_setting('threads')").fetchall()[0][0] == 3


def test_the_first_index_build_has_every_core_and_gives_them_back(tmp_path, monkeypatch):
    """Nothing searches beside a process's first index build: DuckDB gets both cores for it, and
    one again afterwards (a rebuild aside keeps a core for the visitors)."""
    from catalogue.search import index

    monkeypatch.delenv("CATALOGUE_DUCKDB_THREADS", raising=False)
    monkeypatch.setattr(database.os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    seen: list[int] = []
    build = index.IndexSnapshot._build

    def watched(self: index.IndexSnapshot) -> None:
        with self.catalogue.cursor() as cur:
            seen.append(cur.execute("select current_setting('threads')").fetchall()[0][0])
        build(self)

    monkeypatch.setattr(index.IndexSnapshot, "_build", watched)
    with Catalogue.open(tmp_path / "c.duckdb") as cat:
        cat.search("lò đốt", limit=5)  # the first index
        with cat.cursor() as cur:
            assert cur.execute("select current_setting('threads')").fetchall()[0][0] == 1
        cat.import_file(csv_file(tmp_path / "a.csv", "HN-ZZ3,Trạm argon,Dịch vụ môi trường,Gia Lâm"), actor="lan")
        cat.search_index._rebuild_needed = cat.search_index._stale = True
        cat.search_index.sync()  # a rebuild aside
    assert seen[:2] == [2, 1]


def test_a_new_snapshot_is_warmed_with_the_latest_searches_before_it_serves(tmp_path, monkeypatch):
    from catalogue.search import index

    monkeypatch.setattr(index, "WARM_FROM", 0)  # the demo is small: warmed as a large catalogue is
    with open_demo(tmp_path / "c.duckdb") as cat:
        cat.search("lò đốt rác", limit=5)
        cat.search("nuoc thai lang nghe", limit=5)
        old = cat.search_index.current
        cat.import_file(csv_file(tmp_path / "a.csv", "HN-ZZ3,Trạm argon,Dịch vụ môi trường,Gia Lâm"), actor="lan")
        new = cat.search_index.current
        assert new is not old
        warmed = {word for word, _prefix, _exact in new._candidate_cache}
        assert {"lo", "dot", "rac", "nuoc", "thai", "lang", "nghe"} <= warmed  # before any search on it
        assert [hit.code for hit in cat.search("argon")] == ["HN-ZZ3"]
        monkeypatch.setattr(index, "WARM_FROM", 10_000)  # a small catalogue's save does not wait for one
        cat.import_file(csv_file(tmp_path / "b.csv", "HN-ZZ4,Trạm neon,Dịch vụ môi trường,Gia Lâm"), actor="lan")
        assert not {word for word, _prefix, _exact in cat.search_index.current._candidate_cache} & {"lo", "dot"}


def test_duckdb_works_within_a_memory_budget_and_a_replica_spills_to_its_own_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("CATALOGUE_DUCKDB_MEMORY", raising=False)
    assert database.query_memory() == "128MB"
    monkeypatch.setenv("CATALOGUE_DUCKDB_MEMORY", "512 MB")
    assert database.query_memory() == "512 MB"
    monkeypatch.setenv("CATALOGUE_DUCKDB_MEMORY", "none")
    assert database.query_memory() is None
    for wrong in ("lots", "512", "-1GB", "1e9"):
        monkeypatch.setenv("CATALOGUE_DUCKDB_MEMORY", wrong)
        with pytest.raises(ValueError, match="CATALOGUE_DUCKDB_MEMORY"):
            database.query_memory()
    monkeypatch.setenv("CATALOGUE_DUCKDB_MEMORY", "96MB")
    path = tmp_path / "shared" / "c.duckdb"
    path.parent.mkdir()
    Catalogue.open(path).close()
    with Catalogue.open(path, read_only=True) as cat, cat.cursor() as cur:
        limit, spill = cur.execute(
            "select current_setting('memory_limit'), current_setting('temp_directory')"
        ).fetchone()
    assert limit == "91.5 MiB", limit  # 96 MB as DuckDB says it
    assert not spill.startswith(str(path.parent)), "a replica never spills into the shared snapshot folder"


def test_a_spill_folder_left_by_a_killed_process_is_removed_by_the_next(tmp_path):
    """A replica killed with -9 never runs its exit hook: its spill folder stayed in /tmp (24 of them
    after a day of tests). The next process removes those of processes that are gone, and only those."""
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    left = tmp_path / f"{database.SPILL_PREFIX}{gone.pid}-abc"
    alive = tmp_path / f"{database.SPILL_PREFIX}{os.getpid()}-def"
    old_style = tmp_path / f"{database.SPILL_PREFIX}0bvx6c0g"  # no pid in its name: not ours to judge
    for folder in (left, alive, old_style):
        folder.mkdir()
        (folder / "spilled.tmp").write_bytes(b"x")
    database._sweep_spills(tmp_path)
    assert not left.exists() and alive.exists() and old_style.exists()
