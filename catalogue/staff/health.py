"""Data health for the staff home: stale projects, completeness, pending reviews, open inquiries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from catalogue.clock import hanoi_today
from catalogue.staff.inquiries import unanswered_count

if TYPE_CHECKING:
    from catalogue.core import Catalogue

# The fields investors rely on, each worth one point of the completeness score (0–100).
COMPLETENESS_FIELDS: tuple[tuple[str, ...], ...] = (
    ("name_en",),
    ("description_vi",),
    ("description_en",),
    ("district", "ward"),
    ("address",),
    ("capacity",),
    ("area_ha",),
    ("investment_vnd_bn", "investment_usd_m"),
    ("investment_form",),
    ("lead_agency",),
    ("contact_email", "contact_phone"),
    ("incentives",),
    ("legal_basis",),
    ("latitude",),
    ("start_year",),
)
STALE_MONTHS = 12
INCOMPLETE_BELOW = 70


def completeness(frame: pd.DataFrame) -> pd.Series:
    """Score per project: the share of :data:`COMPLETENESS_FIELDS` filled, 0–100."""
    if frame.empty:
        return pd.Series(dtype="int64")
    points = pd.Series(0, index=frame.index)
    for group in COMPLETENESS_FIELDS:
        filled = pd.Series(False, index=frame.index)
        for name in group:
            column = frame[name]
            filled |= column.notna() & (column.astype(str).str.strip() != "")
        points += filled.astype(int)
    return (points * 100 / len(COMPLETENESS_FIELDS)).round().astype(int)


def missing_fields(row: pd.Series) -> list[str]:
    def empty(value: object) -> bool:
        return value is None or (isinstance(value, float) and value != value) or str(value).strip() == ""

    return [group[0] for group in COMPLETENESS_FIELDS if all(empty(row[name]) for name in group)]


@dataclass(frozen=True)
class Health:
    stale: pd.DataFrame  # not updated for STALE_MONTHS
    incomplete: pd.DataFrame  # completeness below INCOMPLETE_BELOW
    pending_review: pd.DataFrame  # submitted, waiting for a reviewer
    drafts: pd.DataFrame
    unanswered: int


def data_health(cat: Catalogue, today: dt.date | None = None) -> Health:
    """What needs attention, over every project that is not archived."""
    today = today or hanoi_today()
    with cat.cursor() as cur:
        frame = cur.execute("select * from projects where status <> 'withdrawn' order by code").df()
    if frame.empty:
        empty = frame.assign(score=pd.Series(dtype="int64"))
        return Health(empty, empty, empty, empty, unanswered_count(cat))
    frame["score"] = completeness(frame)
    cutoff = pd.Timestamp(today) - pd.DateOffset(months=STALE_MONTHS)
    stale = frame[frame["updated_at"] < cutoff].sort_values("updated_at")
    incomplete = frame[frame["score"] < INCOMPLETE_BELOW].sort_values(["score", "code"])
    publication = frame["publication"].fillna("published")
    pending = frame[publication == "submitted"].sort_values("updated_at")
    drafts = frame[publication == "draft"].sort_values("updated_at", ascending=False)
    return Health(stale, incomplete, pending, drafts, unanswered_count(cat))
