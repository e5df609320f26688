"""Rows of a checked file into the projects table, set-based: what changed, what is new, and the history.

A blank status keeps the stored one; every other column the file has overwrites the stored value.
"Draft" as a status in a file is a publication state (waiting for review), not a stage. One
import is one event in the history, whatever the number of rows.

A file moves stages as the staff pages do: a stored project a file withdraws is archived (its stage
before is kept, so restoring it from the archive brings that stage back), and a published project a
file brings back from the archive goes to review (``submitted``): a list from outside never makes a
project public again by itself.
"""

from __future__ import annotations

import contextlib
from typing import Any

import duckdb
import pandas as pd

from catalogue.clock import hanoi_today, project_stamp
from catalogue.projects.model import DEFAULT_STATUS
from catalogue.staff import history


def _scalar(cur: duckdb.DuckDBPyConnection, sql: str) -> Any:
    return cur.execute(sql).fetchall()[0][0]


def _incoming_value(name: str) -> str:
    if name == "status":  # "Draft" names no stage: a stored project keeps the one it has
        return "case when i.status = 'draft' then p.status else coalesce(i.status, p.status) end"
    return f"i.{name}"


def _differs(name: str) -> str:
    """SQL true when the incoming row ``i`` changes column ``name`` of the stored ``p``."""
    if name == "status":  # "draft" in a file means "waiting for review", whatever the stage
        return (
            "(case when i.status = 'draft' then coalesce(p.publication, 'published') <> 'draft' "
            "else coalesce(i.status, p.status) is distinct from p.status end)"
        )
    return f"{_incoming_value(name)} is distinct from p.{name}"


# Stored projects a file brings back from the archive (published ones: they go to review).
_LEAVING_ARCHIVE = (
    "select i.code from incoming i join projects p using (code) where p.status = 'withdrawn' "
    "and i.status is not null and i.status not in ('withdrawn', 'draft') "
    "and coalesce(p.publication, 'published') = 'published' order by i.code"
)


def _update_changed(cur: duckdb.DuckDBPyConnection, columns: list[str], changed: str) -> None:
    history.ensure_baseline(cur, where="code in (select code from incoming)")
    sets = ", ".join(f"{c} = {_incoming_value(c)}" for c in columns if c != "code")
    if "status" in columns:  # archived as the staff pages archive: the stage before is kept
        new = _incoming_value("status")
        sets += (
            f", archived_status = case when {new} = 'withdrawn' and p.status <> 'withdrawn' then p.status "
            f"when {new} <> 'withdrawn' then null else p.archived_status end"
        )
    cur.execute(
        f"update projects p set {sets}, updated_at = ?, version = p.version + 1 "
        f"from incoming i where p.code = i.code and ({changed})",
        [project_stamp()],
    ).fetchall()


def _insert_new(cur: duckdb.DuckDBPyConnection, columns: list[str], publication: str) -> None:
    names = [c for c in columns if c not in ("status", "demo")]
    status = "coalesce(i.status, ?)" if "status" in columns else "?"
    demo = "coalesce(i.demo, false)" if "demo" in columns else "false"
    now = project_stamp()
    cur.execute(
        f"insert into projects ({', '.join(names)}, status, demo, publication, status_since, created_at, "
        f"updated_at, version) select {', '.join('i.' + c for c in names)}, {status}, {demo}, ?, ?, ?, ?, 1 "
        "from incoming i anti join projects p using (code)",
        [DEFAULT_STATUS, publication, hanoi_today(), now, now],  # a stage date is a day in Hanoi
    ).fetchall()


def _record(cur: duckdb.DuckDBPyConnection, actor: str | None, summary: str, started: Any) -> None:
    """One event for the import, and a history entry for every project it wrote."""
    event = history.new_event(cur, "import", actor, summary, project_stamp())
    history.record(
        cur,
        None,
        action="import",
        actor=actor,
        at=project_stamp(),
        event_id=event,
        where="updated_at >= ? and code in (select code from incoming)",
        where_params=[started],
    )


def upsert(
    cur: duckdb.DuckDBPyConnection,
    frame: pd.DataFrame,
    columns: list[str],
    dry_run: bool,
    *,
    actor: str | None = None,
    publication: str = "published",
    source: str = "",
    outcomes: dict[str, str] | None = None,
    review: list[str] | None = None,
) -> tuple[int, int, int]:
    """(inserted, updated, unchanged) for ``frame``; with ``dry_run`` nothing is written. ``outcomes``,
    when given, is filled with each code's fate: new, changed or unchanged; ``review`` with the
    published projects the file brings back from the archive, which go to review."""
    started = project_stamp()
    cur.register("incoming", frame)
    try:
        changed = " or ".join(_differs(c) for c in columns if c != "code") or "false"
        existing = _scalar(cur, "select count(*) from incoming i join projects p using (code)")
        updated = _scalar(cur, f"select count(*) from incoming i join projects p using (code) where {changed}")
        inserted = len(frame) - existing
        if outcomes is not None:  # what happens to each row, for the import page's preview
            outcomes.clear()
            outcomes.update(
                cur.execute(
                    "select i.code, case when p.code is null then 'new' "
                    f"when {changed} then 'changed' else 'unchanged' end from incoming i left join projects p using (code)"
                ).fetchall()
            )
        leaving = [code for (code,) in cur.execute(_LEAVING_ARCHIVE).fetchall()] if "status" in columns else []
        if review is not None:
            review[:] = leaving
        if dry_run or not (inserted or updated):
            return inserted, updated, existing - updated
        if updated:
            _update_changed(cur, columns, changed)
        if leaving:
            cur.execute(
                "update projects set publication = 'submitted', review_comment = null where code in "
                "(select unnest(?::varchar[]))",
                [leaving],
            ).fetchall()
        if inserted:
            _insert_new(cur, columns, publication)
        if "status" in columns:  # "Draft" in a file is a publication state: the project waits for review
            cur.execute(  # a new project named "Draft" starts at the first stage
                "update projects set publication = 'draft', "
                "status = case when status = 'draft' then ? else status end "
                "where code in (select code from incoming where status = 'draft')",
                [DEFAULT_STATUS],
            ).fetchall()
        _record(cur, actor, f"{source}: +{inserted} / ~{updated}", started)
        return inserted, updated, existing - updated
    finally:
        # After a failed statement the transaction is aborted and unregistering fails too: that error
        # must not hide the first one (a TransactionException would even make the writer retry).
        with contextlib.suppress(duckdb.Error):
            cur.unregister("incoming")
