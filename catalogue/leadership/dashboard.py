"""The leadership dashboard's figures: one function, used by the page and the annual report.

Every figure is an aggregate computed by DuckDB over the projects the filters select (the
browse page's filters; the public's view unless ``include_hidden``), so the page, the report
and the tests read the same numbers. Time-based figures come from the project history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from catalogue.clock import hanoi_today
from catalogue.projects.model import CONTENT_LANGUAGES
from catalogue.projects.money import exchange_rate
from catalogue.staff.countries import country_label, match_country
from catalogue.text import fallback_chain

if TYPE_CHECKING:
    from catalogue.core import Catalogue

TOP = 15  # rows in the "most" charts (wards, inquiries per project, agencies)
OPEN_STAGES = ("calling", "negotiating")
TERMINAL = ("completed", "withdrawn")
# Stored times are naive UTC; months and days of the figures are Hanoi's (UTC+7, no daylight saving).
HANOI_OFFSET = dt.timedelta(hours=7)


@dataclass
class Dashboard:
    projects: int
    demo_projects: int  # of which illustrative demo data
    capital_vnd_bn: float
    capital_usd_m: float
    by_status: pd.DataFrame  # status, label, projects, capital_vnd_bn (every public stage, in order)
    by_category: pd.DataFrame
    by_district: pd.DataFrame
    by_ward: pd.DataFrame
    by_form: pd.DataFrame
    by_type: pd.DataFrame  # the kind of project (plan III.3), beside the category
    added: pd.DataFrame  # month, projects
    status_changes: pd.DataFrame  # month, status, label, changes
    stage_time: pd.DataFrame  # status, label, projects, median_days, mean_days
    inquiries_by_project: pd.DataFrame  # code, name, inquiries
    inquiries_by_country: pd.DataFrame  # country, inquiries
    agencies_open: pd.DataFrame  # agency, label, open_projects
    notes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class _Scope:
    """The projects a dashboard counts (``p`` in every query), and how to label their codes."""

    cat: Catalogue
    base: str
    params: list[Any]
    lang: str

    def query(self, sql: str, extra: list[Any] | None = None) -> pd.DataFrame:
        with self.cat.cursor() as cur:
            return cur.execute(f"{self.base} {sql}", [*self.params, *(extra or [])]).df()

    def grouped(self, column: str, enum: Any, keep_all: bool = False, top: int | None = None) -> pd.DataFrame:
        """Projects and capital per value of ``column`` (every value of ``enum`` with ``keep_all``)."""
        frame = self.query(
            f"select {column} as code, count(*) as projects, coalesce(sum(investment_vnd_bn), 0) as capital_vnd_bn "
            f"from p where {column} is not null group by 1 order by projects desc, capital_vnd_bn desc, code"
        )
        if keep_all:
            order = list(enum.codes)
            frame = frame.set_index("code").reindex(order, fill_value=0).reset_index().rename(columns={"index": "code"})
        if top is not None:
            frame = frame.head(top)
        frame.insert(1, "label", [enum.label(c)(self.lang) if c in enum.codes else c for c in frame["code"]])
        return frame


def _scope(cat: Catalogue, lang: str, include_hidden: bool, query: str, filters: dict[str, Any]) -> _Scope:
    where, params = cat.filters(include_hidden, **filters).sql()
    if query.strip():
        where += (" and " if where else " where ") + "code in (select unnest(?::varchar[]))"
        params = [*params, cat.search_codes(query, include_hidden=include_hidden, **filters)]
    return _Scope(cat, f"with p as (select * from projects{where})", params, lang)


# Stage entries from the history: a snapshot whose status differs from the one before. All in
# DuckDB, so only the small aggregates come back to Python.
_STAGE_ENTRIES = """
    , h as (
        select h.code, h.happened_at, h.id, h.status,
               coalesce(h.status_since, (h.happened_at + ?)::date) as entered
        from project_history h join p using (code)
    ), ordered as (
        select *, lag(status) over (partition by code order by happened_at, id) as before from h
    ), e as (
        select code, status, entered, before,
               lead(entered) over (partition by code order by happened_at, id) as left_on
        from ordered where before is null or before <> status
    )
"""


def _added(scope: _Scope) -> pd.DataFrame:
    added = scope.query(
        "select date_trunc('month', created_at + ?)::date as month, count(*) as projects from p "
        "where created_at is not null group by 1 order by 1",
        [HANOI_OFFSET],
    )
    added["month"] = pd.to_datetime(added["month"]).dt.date
    return added


def _stage_history(scope: _Scope, today: dt.date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Stage changes per month and stage, and the days spent in each stage (median and mean)."""
    statuses = scope.cat.reference.statuses
    changes = scope.query(
        _STAGE_ENTRIES + "select date_trunc('month', entered)::date as month, status, count(*) as changes from e "
        "where before is not null group by 1, 2 order by 1, 2",
        [HANOI_OFFSET],
    )
    changes["month"] = pd.to_datetime(changes["month"]).dt.date
    changes.insert(2, "label", [statuses.label(s)(scope.lang) for s in changes["status"]])
    stage_time = scope.query(
        _STAGE_ENTRIES + "select status, count(*) as projects, "
        "median(greatest(date_diff('day', entered, coalesce(left_on, ?::date)), 0)) as median_days, "
        "round(avg(greatest(date_diff('day', entered, coalesce(left_on, ?::date)), 0)), 1) as mean_days "
        "from e where status not in (select unnest(?::varchar[])) group by status",
        [HANOI_OFFSET, today, today, list(TERMINAL)],
    )
    order = {code: index for index, code in enumerate(statuses.codes)}
    stage_time = stage_time.sort_values("status", key=lambda s: s.map(order)).reset_index(drop=True)
    stage_time.insert(1, "label", [statuses.label(s)(scope.lang) for s in stage_time["status"]])
    stage_time["median_days"] = stage_time["median_days"].astype(float)
    return changes, stage_time


def _inquiries(scope: _Scope) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Inquiries per project (the most asked about) and per investor country."""
    names = ", ".join(f"p.name_{code}" for code in fallback_chain(scope.lang) if code in CONTENT_LANGUAGES)
    by_project = scope.query(
        f"select i.project_code as code, coalesce({names}) as name, count(*) as inquiries "
        "from inquiries i join p on p.code = i.project_code group by 1, 2 "
        f"order by inquiries desc, code limit {TOP}"
    )
    stored_countries = scope.query(
        "select trim(i.country) as country, count(*) as inquiries from inquiries i join p on p.code = i.project_code "
        "group by 1"
    )
    return by_project, _by_country(stored_countries, scope.lang)


def _agencies_open(scope: _Scope) -> pd.DataFrame:
    agencies = scope.cat.reference.agencies
    frame = scope.query(
        "select lead_agency as code, count(*) as open_projects from p where status in (?, ?) "
        f"and lead_agency is not null group by 1 order by open_projects desc, code limit {TOP}",
        list(OPEN_STAGES),
    )
    frame.insert(1, "label", [agencies.label(c)(scope.lang) if c in agencies.codes else c for c in frame["code"]])
    return frame


def dashboard(
    cat: Catalogue,
    lang: str = "vi",
    *,
    include_hidden: bool = False,
    as_of: dt.date | None = None,
    query: str = "",
    **filters: Any,
) -> Dashboard:
    """All the dashboard's figures for the projects ``filters`` select (as in ``cat.projects``),
    narrowed to the results of the search ``query`` when one is given (as on the browse page)."""
    scope = _scope(cat, lang, include_hidden, query, filters)
    ref = cat.reference
    today = as_of or hanoi_today()
    totals = scope.query(
        "select count(*) as n, count(*) filter (where coalesce(demo, false)) as demo, "
        "count(*) filter (where ward is not null) as with_ward, "
        "coalesce(sum(investment_vnd_bn), 0) as vnd, "
        "coalesce(sum(coalesce(investment_usd_m, investment_vnd_bn * 1000 / ?)), 0) as usd from p",
        [exchange_rate().vnd_per_usd],
    ).iloc[0]
    stages = ref.public_statuses if not include_hidden else tuple(ref.statuses.codes)
    by_status = scope.grouped("status", ref.statuses, keep_all=True)
    changes, stage_time = _stage_history(scope, today)
    by_project, by_country = _inquiries(scope)
    filtered = bool(query.strip()) or any(_chosen(name, value) for name, value in filters.items())
    return Dashboard(
        projects=int(totals["n"]),
        demo_projects=int(totals["demo"]),
        capital_vnd_bn=float(totals["vnd"]),
        capital_usd_m=float(totals["usd"]),
        by_status=by_status[by_status["code"].isin(stages)].reset_index(drop=True),
        by_category=scope.grouped("category", ref.categories, keep_all=True),
        by_district=scope.grouped("district", ref.districts),
        by_ward=scope.grouped("ward", ref.wards, top=TOP),
        by_form=scope.grouped("investment_form", ref.forms),
        by_type=scope.grouped("project_type", ref.types, keep_all=True),
        added=_added(scope),
        status_changes=changes,
        stage_time=stage_time,
        inquiries_by_project=by_project,
        inquiries_by_country=by_country,
        agencies_open=_agencies_open(scope),
        notes={
            "exchange_rate": exchange_rate(),
            "include_hidden": include_hidden,
            "as_of": today,
            "filtered": filtered,
            "with_ward": int(totals["with_ward"]),
        },
    )


def _chosen(name: str, value: Any) -> bool:
    """Whether a filter's value narrows anything (a code, a list of codes, a bound)."""
    if value is None or (name == "min_investment" and isinstance(value, (int, float)) and value <= 0):
        return False
    if isinstance(value, (list, tuple, set, frozenset)):
        return len(value) > 0
    if isinstance(value, str):
        return bool(value.strip())
    return True


def _by_country(stored: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Inquiries per country: a code (today's form) and the same country typed as text (older
    inquiries) count together, shown by the country's name in ``lang``. Columns: code, country,
    inquiries; most first."""
    codes = [match_country(value) or str(value) for value in stored["country"]]
    frame = (
        stored.assign(code=codes)
        .groupby("code", as_index=False)["inquiries"]
        .sum()
        .assign(country=lambda f: [country_label(code)(lang) for code in f["code"]])
    )
    frame["inquiries"] = frame["inquiries"].astype(int)
    return frame.sort_values(["inquiries", "country"], ascending=[False, True]).reset_index(drop=True)[
        ["code", "country", "inquiries"]
    ]
