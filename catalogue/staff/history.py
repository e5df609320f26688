"""Every change to a project, kept as a snapshot of the whole row after it.

A field-by-field diff is the difference between a snapshot and the one before it, so a bulk
import of 100,000 rows writes its history in one set-based statement. A project stored
before history existed gets a ``baseline`` snapshot the first time it changes, so its first
diff is exact. Events group the changes of one action (an import is one event, by whom).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from catalogue.projects.model import COLUMN_NAMES
from catalogue.text import Text, enum_label, format_datetime, format_number, t

if TYPE_CHECKING:
    import duckdb

    from catalogue.core import Catalogue

# What a diff compares: the template's fields and the workflow's.
TRACKED = (*COLUMN_NAMES, "publication", "review_comment", "status_since", "archived_status")


def action_label(action: str) -> Text:
    return enum_label("history_action", action)


def new_event(cur: duckdb.DuckDBPyConnection, kind: str, actor: str | None, summary: str, at: dt.datetime) -> int:
    return cur.execute(
        "insert into events (happened_at, actor, kind, summary) values (?, ?, ?, ?) returning id",
        [at, actor, kind, summary],
    ).fetchall()[0][0]


def ensure_baseline(
    cur: duckdb.DuckDBPyConnection,
    codes: Sequence[str] | None = None,
    where: str = "",
    where_params: Sequence[Any] = (),
) -> None:
    """Snapshot projects that have no history yet (call before changing them)."""
    condition, params = _selection(codes, where, where_params)
    cur.execute(
        "insert into project_history (event_id, code, happened_at, actor, action, comment, snapshot, status, "
        "status_since) select null, code, coalesce(updated_at, created_at, now()::timestamp), null, 'baseline', null, "
        "to_json(p), status, status_since "
        f"from projects p where {condition} and not exists (select 1 from project_history h where h.code = p.code)",
        params,
    ).fetchall()


def record(
    cur: duckdb.DuckDBPyConnection,
    codes: Sequence[str] | None,
    *,
    action: str,
    actor: str | None,
    at: dt.datetime,
    comment: str | None = None,
    event_id: int | None = None,
    where: str = "",
    where_params: Sequence[Any] = (),
) -> None:
    """Snapshot the projects as they are now (call after changing them, in the same transaction)."""
    condition, params = _selection(codes, where, where_params)
    cur.execute(
        "insert into project_history (event_id, code, happened_at, actor, action, comment, snapshot, status, "
        f"status_since) select ?, code, ?, ?, ?, ?, to_json(p), status, status_since from projects p where {condition}",
        [event_id, at, actor, action, comment, *params],
    ).fetchall()


def _selection(codes: Sequence[str] | None, where: str, where_params: Sequence[Any] = ()) -> tuple[str, list[Any]]:
    if codes is not None:
        return "code in (select unnest(?::varchar[]))", [list(codes)]
    return where or "true", list(where_params)


@dataclass(frozen=True)
class Change:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    at: dt.datetime
    actor: str | None
    action: str
    comment: str | None
    event_id: int | None
    event_summary: str | None
    snapshot: dict[str, Any]
    changes: list[Change] = field(default_factory=list)


def project_history(cat: Catalogue, code: str) -> list[HistoryEntry]:
    """The project's history, newest first, each entry with its changes on the one before."""
    with cat.cursor() as cur:
        rows = cur.execute(
            "select h.id, h.happened_at, h.actor, h.action, h.comment, h.event_id, e.summary, h.snapshot "
            "from project_history h left join events e on e.id = h.event_id where h.code = ? order by h.happened_at, h.id",
            [code],
        ).fetchall()
    entries: list[HistoryEntry] = []
    before: dict[str, Any] = {}
    for hid, at, actor, action, comment, event_id, summary, snapshot in rows:
        state = json.loads(snapshot)
        changes = [
            Change(name, before.get(name), state.get(name))
            for name in TRACKED
            if _norm(name, before.get(name)) != _norm(name, state.get(name)) and (before or state.get(name) is not None)
        ]
        entries.append(HistoryEntry(hid, at, actor, action, comment, event_id, summary, state, changes))
        before = state
    return entries[::-1]


def _norm(name: str, value: Any) -> Any:
    if name == "demo":  # a missing flag is "no"
        return bool(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def restore_comment(entry: HistoryEntry) -> str:
    """What a ``restore`` keeps in its comment: the restored entry (shown by :func:`comment_text`)."""
    return f"#{entry.id} ({entry.at:%Y-%m-%d %H:%M})"


_RESTORED = re.compile(r"^#(\d+) \((\d{4}-\d\d-\d\d \d\d:\d\d)\)$")
_IMPORTED = re.compile(r"^(?P<source>.*): \+(?P<new>\d+) / ~(?P<changed>\d+)$")


def comment_text(entry: HistoryEntry, entries: Sequence[HistoryEntry] = ()) -> Text:
    """An entry's comment for reading: warnings by name, a restored version by its time and
    author (the stored comment keeps codes and ids, which mean nothing to a reader)."""
    return Text.each(lambda lang: _comment_text(entry, lang, entries))


def _comment_text(entry: HistoryEntry, lang: str, entries: Sequence[HistoryEntry]) -> str:
    from catalogue.staff.editing import check_label  # editing imports this module

    comment = entry.comment or ""
    if entry.action == "accept_check" and ": " in comment:
        check, reason = comment.split(": ", 1)
        return f"{check_label(check)(lang)}: {reason}"
    if entry.action == "review_again":
        names = "; ".join(check_label(check.strip())(lang) for check in comment.split(",") if check.strip())
        return t("history.review_again", lang, names=names)
    restored = _RESTORED.match(comment) if entry.action == "restore" else None
    if restored:
        source = next((e for e in entries if e.id == int(restored.group(1))), None)
        when = source.at if source else dt.datetime.strptime(restored.group(2), "%Y-%m-%d %H:%M")
        text = t("history.restored_version", lang, time=format_datetime(when, lang))
        if source is not None:
            by = source.actor or t("history.system", lang)
            text += f" ({action_label(source.action)(lang)}, {by})"
        return text
    return comment


def event_text(entry: HistoryEntry) -> Text:
    """The event an entry belongs to, for reading ("file.csv: +2 / ~1" → words)."""
    return Text.each(lambda lang: _event_text(entry, lang))


def _event_text(entry: HistoryEntry, lang: str) -> str:
    summary = entry.event_summary or ""
    imported = _IMPORTED.match(summary)
    if not imported:
        return summary
    new, changed = int(imported.group("new")), int(imported.group("changed"))
    source = imported.group("source")
    key = "history.imported.one" if new == 1 else "history.imported"
    return t(key, lang, source=source, new=format_number(new, lang, 0), changed=format_number(changed, lang, 0))


def snapshot_values(entry: HistoryEntry) -> dict[str, Any]:
    """The template fields of a snapshot, ready to save again (see editing.restore_version)."""
    return {name: entry.snapshot.get(name) for name in COLUMN_NAMES}
