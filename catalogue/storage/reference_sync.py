"""Reference data kept equal to the shipped CSVs: a separate, recorded, idempotent step after the migrations.

The reference tables (categories, statuses, districts, wards, agencies, the plan with its targets and
tasks) are upserted from ``catalogue/data`` whenever the shipped files differ from those of the last
sync (a SHA-256 over their bytes), so a corrected label reaches a database made by an earlier
release. Rows that a CSV no longer has are kept: projects and history may still name them. The
shipped search synonyms are added, and corrected, unless staff redefined the term (``added_by``);
the shipped glossary's pairs are added.
Each sync is a row in ``reference_syncs``.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd

from catalogue.clock import utcnow
from catalogue.data import data_file

# table → the shipped CSV it mirrors; the column types are the table's (migrations.py)
REFERENCE_FILES: tuple[tuple[str, str], ...] = (
    ("categories", "categories.csv"),
    ("investment_forms", "investment_forms.csv"),
    ("project_types", "project_types.csv"),
    ("statuses", "statuses.csv"),
    ("districts", "districts.csv"),
    ("wards", "wards.csv"),
    ("agencies", "agencies.csv"),
    ("plans", "plans.csv"),
    ("plan_targets", "plan_targets.csv"),
    ("plan_tasks", "plan_tasks.csv"),
    ("plan_assignments", "plan_assignments.csv"),
)
SYNONYMS_FILE = "synonyms.csv"
GLOSSARY_FILE = "glossary.csv"

Locate = Callable[[str], Path]


def shipped_checksum(locate: Locate = data_file) -> str:
    digest = hashlib.sha256()
    for name in [filename for _, filename in REFERENCE_FILES] + [SYNONYMS_FILE, GLOSSARY_FILE]:
        digest.update(name.encode() + b"\0" + locate(name).read_bytes() + b"\0")
    return digest.hexdigest()


def _rows(locate: Locate, name: str) -> tuple[list[str], list[list[str | None]]]:
    with locate(name).open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        return header, [[value or None for value in row] for row in reader]


def _upsert(cur: duckdb.DuckDBPyConnection, table: str, header: list[str], rows: list, verb: str) -> int:
    frame = pd.DataFrame(rows, columns=header, dtype=object)
    cur.register("shipped_rows", frame)
    try:  # values arrive as text; the insert casts them to each column's type
        columns = ", ".join(header)
        cur.execute(f"insert {verb} into {table} ({columns}) select {columns} from shipped_rows").fetchall()
    finally:
        cur.unregister("shipped_rows")
    return len(rows)


def _sync_synonyms(cur: duckdb.DuckDBPyConnection, locate: Locate) -> int:
    header, rows = _rows(locate, SYNONYMS_FILE)
    shipped = [dict(zip(header, row, strict=True)) for row in rows]
    frame = pd.DataFrame(
        [[(r["term"] or "").lower(), r["expansion"], r.get("note"), r.get("source")] for r in shipped],
        columns=["term", "expansion", "note", "source"],
        dtype=object,
    )
    cur.register("shipped_synonyms", frame)
    try:  # a term staff defined or redefined (added_by set) keeps their definition
        cur.execute(
            "update synonyms set expansion = s.expansion, note = s.note, source = s.source from shipped_synonyms s "
            "where synonyms.term = s.term and synonyms.added_by is null"
        ).fetchall()
        cur.execute(
            "insert or ignore into synonyms (term, expansion, note, source) "
            "select term, expansion, note, source from shipped_synonyms"
        ).fetchall()
    finally:
        cur.unregister("shipped_synonyms")
    return len(shipped)


def _sync_glossary(cur: duckdb.DuckDBPyConnection, locate: Locate) -> int:
    """Add the shipped glossary's pairs (a pair staff added stays; a pair the file dropped stays too)."""
    header, rows = _rows(locate, GLOSSARY_FILE)
    frame = pd.DataFrame([row[:3] for row in rows], columns=header[:3], dtype=object)
    cur.register("shipped_glossary", frame)
    try:
        cur.execute(
            "insert or ignore into glossary (vi, en, source) select vi, en, source from shipped_glossary"
        ).fetchall()
    finally:
        cur.unregister("shipped_glossary")
    return len(rows)


def sync_reference_data(cur: duckdb.DuckDBPyConnection, locate: Locate = data_file) -> int | None:
    """Bring the reference tables up to the shipped CSVs when these changed since the last sync.

    Runs inside the caller's transaction. Returns the rows written, or None when the database
    already holds this version of the files (nothing is written).
    """
    checksum = shipped_checksum(locate)
    last = cur.execute("select checksum from reference_syncs order by synced_at desc limit 1").fetchall()
    if last and last[0][0] == checksum:
        return None
    written = 0
    for table, filename in REFERENCE_FILES:
        header, rows = _rows(locate, filename)
        written += _upsert(cur, table, header, rows, "or replace")
    written += _sync_synonyms(cur, locate)
    written += _sync_glossary(cur, locate)
    files = ", ".join([filename for _, filename in REFERENCE_FILES] + [SYNONYMS_FILE, GLOSSARY_FILE])
    cur.execute(
        "insert into reference_syncs (checksum, synced_at, rows_written, files) values (?, ?, ?, ?)",
        [checksum, utcnow(), written, files],
    ).fetchall()
    return written
