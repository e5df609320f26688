"""One clock: stored times are naive UTC; people in Hanoi read them in Hanoi time (UTC+7).

Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset is exact and needs
no time-zone database on the server.
"""

from __future__ import annotations

import datetime as dt
import threading

HANOI = dt.timezone(dt.timedelta(hours=7), "Asia/Ho_Chi_Minh")


def utcnow() -> dt.datetime:
    """Now, as stored: naive UTC."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


_stamp_lock = threading.Lock()
_last_stamp = dt.datetime.min


def project_stamp() -> dt.datetime:
    """Now in naive UTC, strictly later than any stamp this process gave or read before: the time a
    project row is written with.

    Only one process can write a database file, so "changed since the last stamp seen" is exact
    for the search index even when two writes fall in the same microsecond or the wall clock steps
    back. Every write of ``projects.updated_at`` takes its time from here.
    """
    global _last_stamp
    with _stamp_lock:
        stamp = max(utcnow(), _last_stamp + dt.timedelta(microseconds=1))
        _last_stamp = stamp
        return stamp


def see_stamp(stamp: dt.datetime | None) -> None:
    """A stamp read from the database (at open): later project stamps come after it."""
    global _last_stamp
    with _stamp_lock:
        if stamp is not None and stamp > _last_stamp:
            _last_stamp = stamp


def to_hanoi(value: dt.datetime) -> dt.datetime:
    """A stored time (naive UTC, or aware) as Hanoi's wall-clock time (aware, UTC+7)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(HANOI)


def hanoi_today() -> dt.date:
    """Today's date in Hanoi (a server running on UTC is seven hours behind at midnight)."""
    return dt.datetime.now(HANOI).date()
