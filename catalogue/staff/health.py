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


def _filled(name: str) -> str:
    return f"(nullif(trim(cast({name} as varchar)), '') is not null)"


# The completeness score of :func:`completeness`, computed by the database.
SCORE_SQL = (
    "round(100.0 * ("
    + " + ".join(f"({' or '.join(_filled(name) for name in group)})::integer" for group in COMPLETENESS_FIELDS)
    + f") / {len(COMPLETENESS_FIELDS)})::integer"
)
# Each list of the staff home: its condition and its order (the parameter is the stale cutoff or the score bar).
LISTS = {
    "stale": ("updated_at < ?", "updated_at, code"),
    "incomplete": ("score < ?", "score, code"),
    "pending_review": ("publication = 'submitted'", "updated_at, code"),
    "drafts": ("publication = 'draft'", "updated_at desc, code"),
}
LIST_LIMIT = 25


@dataclass(frozen=True)
class Health:
    """The first ``LIST_LIMIT`` projects of each list, and how many each holds in all (``counts``)."""

    stale: pd.DataFrame  # not updated for STALE_MONTHS
    incomplete: pd.DataFrame  # completeness below INCOMPLETE_BELOW
    pending_review: pd.DataFrame  # submitted, waiting for a reviewer
    drafts: pd.DataFrame
    unanswered: int
    counts: dict[str, int]


def data_health(cat: Catalogue, today: dt.date | None = None, limit: int = LIST_LIMIT) -> Health:
    """What needs attention, over every project that is not archived: counted and listed by the
    database (a few rows travel, whatever the size of the catalogue)."""
    today = today or hanoi_today()
    cutoff = (pd.Timestamp(today) - pd.DateOffset(months=STALE_MONTHS)).to_pydatetime()
    live = (
        f"(select *, {SCORE_SQL} as score, coalesce(publication, 'published') as state "
        "from projects where status <> 'withdrawn')"
    )
    values = {"stale": [cutoff], "incomplete": [INCOMPLETE_BELOW], "pending_review": [], "drafts": []}
    with cat.cursor() as cur:
        counted = ", ".join(
            f"count(*) filter (where {where.replace('publication', 'state')})" for where, _ in LISTS.values()
        )
        totals = cur.execute(f"select {counted} from {live}", [cutoff, INCOMPLETE_BELOW]).fetchall()[0]
        frames = {
            name: cur.execute(
                f"select * from {live} where {where.replace('publication', 'state')} order by {order} limit ?",
                [*values[name], int(limit)],
            ).df()
            for name, (where, order) in LISTS.items()
        }
    counts = {name: int(total) for name, total in zip(LISTS, totals, strict=True)}
    return Health(**frames, unanswered=unanswered_count(cat), counts=counts)
