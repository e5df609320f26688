"""One clock: stored times are naive UTC; people in Hanoi read them in Hanoi time (UTC+7).

Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset is exact and needs
no time-zone database on the server.
"""

from __future__ import annotations

import datetime as dt

HANOI = dt.timezone(dt.timedelta(hours=7), "Asia/Ho_Chi_Minh")


def utcnow() -> dt.datetime:
    """Now, as stored: naive UTC."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def to_hanoi(value: dt.datetime) -> dt.datetime:
    """A stored time (naive UTC, or aware) as Hanoi's wall-clock time (aware, UTC+7)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(HANOI)


def hanoi_today() -> dt.date:
    """Today's date in Hanoi (a server running on UTC is seven hours behind at midnight)."""
    return dt.datetime.now(HANOI).date()
