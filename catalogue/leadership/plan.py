"""The city's plan: its targets (with measured values per year) and tasks (with progress per year).

Plan 275/KH-UBND ships as reference data (``catalogue/data/plans.csv``, ``plan_targets.csv``,
``plan_tasks.csv``). A new plan period, such as the national 2025–2030 programme, is added
with :func:`add_plan` and :func:`add_target` (from the plan page or Python) without code
changes; measured values and task progress are recorded by staff with their source.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from catalogue.clock import hanoi_today, utcnow
from catalogue.errors import CatalogueError
from catalogue.text import Text, codes, enum_label, format_number, t

if TYPE_CHECKING:
    import duckdb

    from catalogue.core import Catalogue

# Task progress, defined once with its labels.
TASK_STATES = codes("task_state")  # task progress: catalogue/data/enumerations.csv
MEASURES = codes("target_measure")  # what a target's band is a share of, as the plan words it
_CODE_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]{1,59}$")
_URL_RE = re.compile(r"^https?://\S+$")


class PlanError(CatalogueError, ValueError):
    """A refused plan edit, with the reason in every language."""


def state_label(state: str | None) -> Text:
    return enum_label("task_state", state)


def standing_label(standing: str) -> Text:
    """The label of a computed standing (see :func:`task_standing`)."""
    return Text.of(f"plan.standing.{standing}")


@dataclass(frozen=True)
class Plan:
    code: str
    name_vi: str
    name_en: str
    document: str
    period_start: int
    period_end: int

    def title(self) -> Text:
        return Text.columns(self, "name")


def plans(cat: Catalogue) -> list[Plan]:
    with cat.cursor() as cur:
        rows = cur.execute(
            "select code, name_vi, coalesce(name_en, ''), coalesce(document, ''), period_start, period_end "
            "from plans order by period_start, code"
        ).fetchall()
    return [Plan(*row) for row in rows]


def get_plan(cat: Catalogue, code: str) -> Plan:
    found = [p for p in plans(cat) if p.code == code]
    if not found:
        raise PlanError(Text.of("plan.error.no_plan", code=code))
    return found[0]


def add_plan(
    cat: Catalogue,
    code: str,
    name_vi: str,
    name_en: str,
    document: str,
    period_start: int,
    period_end: int,
    *,
    issued_on: dt.date | None = None,
    implements: str = "",
    source: str = "",
) -> Plan:
    """A new plan period with its own targets and tasks to come."""
    code = (code or "").strip().lower()
    if not _CODE_RE.match(code):
        raise PlanError(Text.of("plan.error.bad_plan_code"))
    if not (name_vi or "").strip():
        raise PlanError(Text.of("plan.error.need_plan_name"))
    if not 2000 <= int(period_start) <= int(period_end) <= 2100:
        raise PlanError(Text.of("plan.error.bad_period"))

    def work(cur: duckdb.DuckDBPyConnection) -> None:
        if cur.execute("select 1 from plans where code = ?", [code]).fetchall():
            raise PlanError(Text.of("plan.error.plan_exists", code=code))
        cur.execute(
            "insert into plans (code, name_vi, name_en, document, issued_on, implements, period_start, period_end, "
            "source) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                code,
                name_vi.strip(),
                (name_en or "").strip(),
                (document or "").strip(),
                issued_on,
                implements,
                int(period_start),
                int(period_end),
                source or "staff",
            ],
        ).fetchall()

    cat.write(work, event="plans")
    return get_plan(cat, code)


def add_target(
    cat: Catalogue,
    plan_code: str,
    code: str,
    label_vi: str,
    label_en: str,
    low_pct: float,
    high_pct: float,
    target_year: int,
    source: str = "",
    measure: str = "demand_met",
) -> None:
    """A target of ``plan_code``: a band from ``low_pct`` to ``high_pct`` of what ``measure`` says (a
    share of the Capital's demand met, or of the industry's products exported)."""
    plan = get_plan(cat, plan_code)
    code = (code or "").strip().lower()
    if not _CODE_RE.match(code):
        raise PlanError(Text.of("plan.error.bad_target_code"))
    if not (label_vi or "").strip():
        raise PlanError(Text.of("plan.error.need_target_name"))
    if measure not in MEASURES:
        raise PlanError(Text.of("plan.error.bad_measure", measures=", ".join(MEASURES)))
    if not 0 <= float(low_pct) <= float(high_pct) <= 100:
        raise PlanError(Text.of("plan.error.bad_band"))
    if not plan.period_start <= int(target_year) <= plan.period_end:
        raise PlanError(Text.of("plan.error.target_year", start=plan.period_start, end=plan.period_end))

    def work(cur: duckdb.DuckDBPyConnection) -> None:
        if cur.execute("select 1 from plan_targets where plan_code = ? and code = ?", [plan_code, code]).fetchall():
            raise PlanError(Text.of("plan.error.target_exists", code=code))
        order = cur.execute(
            "select coalesce(max(sort_order), 0) + 1 from plan_targets where plan_code = ?", [plan_code]
        ).fetchall()[0][0]
        cur.execute(
            "insert into plan_targets (plan_code, code, sort_order, label_vi, label_en, low_pct, high_pct, "
            "target_year, source, measure) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                plan_code,
                code,
                order,
                label_vi.strip(),
                (label_en or "").strip(),
                float(low_pct),
                float(high_pct),
                int(target_year),
                source or "staff",
                measure,
            ],
        ).fetchall()

    cat.write(work, event="plans")


def targets(cat: Catalogue, plan_code: str) -> pd.DataFrame:
    with cat.cursor() as cur:
        return cur.execute(
            "select code, label_vi, label_en, low_pct, high_pct, coalesce(measure, 'demand_met') as measure, "
            "target_year, source from plan_targets "
            "where plan_code = ? order by sort_order, code",
            [plan_code],
        ).df()


def record_measurement(
    cat: Catalogue,
    plan_code: str,
    target_code: str,
    year: int,
    value_pct: float,
    source: str,
    *,
    actor: str,
    note: str = "",
) -> None:
    """The measured share for one year, with its source (replaces that year's value)."""
    plan = get_plan(cat, plan_code)
    if target_code not in set(targets(cat, plan_code)["code"]):
        raise PlanError(Text.of("plan.error.no_target", code=target_code))
    try:
        value = float(value_pct)
    except (TypeError, ValueError) as exc:
        raise PlanError(Text.of("plan.error.not_a_percentage")) from exc
    if not 0 <= value <= 100:
        raise PlanError(Text.of("plan.error.percentage_range"))
    if not plan.period_start - 5 <= int(year) <= plan.period_end + 5:
        raise PlanError(Text.of("plan.error.year_outside"))
    if len((source or "").strip()) < 3:
        raise PlanError(Text.of("plan.error.need_source"))

    def work(cur: duckdb.DuckDBPyConnection) -> None:
        cur.execute(
            "insert or replace into target_measurements values (?, ?, ?, ?, ?, ?, ?, ?)",
            [plan_code, target_code, int(year), value, source.strip(), note.strip() or None, actor, utcnow()],
        ).fetchall()

    cat.write(work, event="plans")


def measurements(cat: Catalogue, plan_code: str) -> pd.DataFrame:
    with cat.cursor() as cur:
        return cur.execute(
            "select target_code, year, value_pct, source, note, recorded_by, recorded_at from target_measurements "
            "where plan_code = ? order by target_code, year",
            [plan_code],
        ).df()


def record_progress(
    cat: Catalogue,
    plan_code: str,
    task_code: str,
    year: int,
    state: str,
    *,
    actor: str,
    note: str = "",
    evidence_url: str = "",
) -> None:
    """A task's progress in one year (replaces that year's record)."""
    plan = get_plan(cat, plan_code)
    with cat.cursor() as cur:
        known = cur.execute(
            "select 1 from plan_tasks where plan_code = ? and code = ?", [plan_code, task_code]
        ).fetchall()
    if not known:
        raise PlanError(Text.of("plan.error.no_task", code=task_code))
    if state not in TASK_STATES:
        raise PlanError(Text.of("plan.error.bad_state", states=", ".join(TASK_STATES)))
    if not plan.period_start <= int(year) <= plan.period_end + 5:
        raise PlanError(Text.of("plan.error.year_outside"))
    url = (evidence_url or "").strip()
    if url and not _URL_RE.match(url):
        raise PlanError(Text.of("plan.error.bad_evidence_url"))
    if state in ("done", "late") and len(note.strip()) < 3 and not url:
        raise PlanError(Text.of("plan.error.needs_evidence"))

    def work(cur: duckdb.DuckDBPyConnection) -> None:
        cur.execute(
            "insert or replace into task_progress values (?, ?, ?, ?, ?, ?, ?, ?)",
            [plan_code, task_code, int(year), state, note.strip() or None, url or None, actor, utcnow()],
        ).fetchall()

    cat.write(work, event="plans")


# The plan sets no date for the yearly progress report of a recurring task ("Hằng năm"); the city's
# annual summary follows the year, so the report of year Y is expected by 31 January of Y + 1.
ANNUAL_REPORT_DUE = (1, 31)  # (month, day) of the following year
STANDINGS = ("done", "in_progress", "not_started", "overdue")  # a task's one computed standing
WORKED = ("in_progress", "done")  # a yearly record that shows work on the task


def annual_report_due(year: int) -> dt.date:
    """The day by which the progress of a recurring task for ``year`` is expected."""
    month, day = ANNUAL_REPORT_DUE
    return dt.date(year + 1, month, day)


def task_standing(
    time_frame: str | None,
    records: list[tuple[int, str]],
    *,
    period: tuple[int, int],
    today: dt.date,
) -> str:
    """A task's one standing on ``today``: ``done``, ``in_progress``, ``not_started`` or ``overdue``.

    ``records`` are the task's yearly progress records ``(year, state)`` that count (those up to the
    year being reported on); ``period`` is the plan's first and last year. The definition, used by
    the plan page, the dashboard and the annual report alike:

    - **Overdue** means the task's time is up and it is not done:

      - a task with a dated time frame (a year, e.g. "2024") is overdue once that year has ended
        (``today`` is after 31 December) and no record says it is done;
      - a recurring task ("annual", *hằng năm*) reports every year of the plan's period. It is
        overdue when the last year whose report is due (see :data:`ANNUAL_REPORT_DUE`; the year
        before until then) has no record of work (in progress or done) for that year or a later
        one. So an annual task reported on this year is not overdue in November;
      - a task whose latest record says ``late`` is overdue: staff said so. "Late" is what staff
        recorded, one of the ways a task becomes overdue, never a figure that could contradict it.

    - Otherwise a dated task with any ``done`` record is **done**, and any other task has the
      state of its latest record (``not_started`` without one).
    """
    ordered = sorted(records)
    latest = ordered[-1][1] if ordered else "not_started"
    frame = str(time_frame or "").strip()
    if frame.isdigit():
        if any(state == "done" for _, state in ordered):
            return "done"
        if latest == "late" or today > dt.date(int(frame), 12, 31):
            return "overdue"
        return latest if latest in STANDINGS else "not_started"
    if latest == "late":
        return "overdue"
    if frame == "annual":
        first, last = period
        due = [year for year in range(first, last + 1) if annual_report_due(year) < today]
        if due and not any(year >= due[-1] and state in WORKED for year, state in ordered):
            return "overdue"
    return latest if latest in STANDINGS else "not_started"


def tasks(cat: Catalogue, plan_code: str, year: int | None = None, today: dt.date | None = None) -> pd.DataFrame:
    """The plan's tasks with their latest progress up to ``year`` (default: this year in Hanoi),
    the lead agency and its 2025 successor, and the computed ``standing`` and ``overdue`` as on
    ``today`` (default: today in Hanoi), by :func:`task_standing`. Progress recorded for later
    years does not count."""
    today = today or hanoi_today()
    year = year or today.year
    plan = get_plan(cat, plan_code)
    with cat.cursor() as cur:
        frame = cur.execute(
            """
            with latest as (
                select *, row_number() over (partition by task_code order by year desc) as rn
                from task_progress where plan_code = ? and year <= ?
            )
            select t.code, t.task_group, t.group_title_vi, t.group_title_en, t.seq, t.title_vi, t.title_en,
                   t.lead_agency, a.name_vi as agency_vi, a.name_en as agency_en, a.successor_code,
                   s.name_vi as successor_vi, s.name_en as successor_en, t.partners_vi, t.partners_en,
                   t.time_frame, l.year as progress_year, l.state, l.note, l.evidence_url, l.recorded_by,
                   l.recorded_at
            from plan_tasks t
            left join latest l on l.task_code = t.code and l.rn = 1
            left join agencies a on a.code = t.lead_agency
            left join agencies s on s.code = a.successor_code and a.successor_code <> a.code
            where t.plan_code = ?
            order by t.task_group, t.seq
            """,
            [plan_code, year, plan_code],
        ).df()
        history = cur.execute(
            "select task_code, year, state from task_progress where plan_code = ? and year <= ? order by year",
            [plan_code, year],
        ).fetchall()
    records: dict[str, list[tuple[int, str]]] = {}
    for code, record_year, state in history:
        records.setdefault(code, []).append((int(record_year), state))
    period = (plan.period_start, plan.period_end)
    frame["standing"] = [
        task_standing(time_frame, records.get(code, []), period=period, today=today)
        for code, time_frame in zip(frame["code"], frame["time_frame"], strict=True)
    ]
    frame["overdue"] = (frame["standing"] == "overdue").astype(bool)
    return frame


def assignments(cat: Catalogue, plan_code: str) -> pd.DataFrame:
    """The plan's other assignments: duties its section V gives (to the departments of Construction,
    of Information and Communications, of Finance, to every agency and district, to enterprises)
    that no task row holds, each with its agency and that agency's 2025 successor."""
    with cat.cursor() as cur:
        return cur.execute(
            "select x.code, x.agency, a.successor_code, a.name_vi as agency_vi, a.name_en as agency_en, "
            "s.name_vi as successor_vi, s.name_en as successor_en, x.text_vi, x.text_en, x.source "
            "from plan_assignments x left join agencies a on a.code = x.agency "
            "left join agencies s on s.code = a.successor_code and a.successor_code <> a.code "
            "where x.plan_code = ? order by x.sort_order, x.code",
            [plan_code],
        ).df()


def task_counts(frame: pd.DataFrame) -> dict[str, int]:
    """How many tasks of ``frame`` (from :func:`tasks`) stand where: every standing, ``total``, and
    ``late_recorded`` (overdue tasks whose latest record says late: part of ``overdue``, not beside it)."""
    standing = frame["standing"].value_counts().to_dict() if len(frame) else {}
    counts = {code: int(standing.get(code, 0)) for code in STANDINGS}
    counts["total"] = len(frame)
    counts["late_recorded"] = int(((frame["state"] == "late") & frame["overdue"]).sum()) if len(frame) else 0
    return counts


def tasks_text(counts: dict[str, int]) -> Text:
    """The one sentence about the tasks' standing (from :func:`task_counts`) that every page and the
    report show: "17 tasks: 1 done · 2 in progress · 0 not started · 14 overdue (of which 1 …)"."""
    return Text.each(lambda lang: _tasks_text(counts, lang))


def _tasks_text(counts: dict[str, int], lang: str) -> str:
    text = t(
        "plan.tasks_summary",
        lang,
        total=format_number(counts["total"], lang, 0),
        done=format_number(counts["done"], lang, 0),
        progress=format_number(counts["in_progress"], lang, 0),
        none=format_number(counts["not_started"], lang, 0),
        overdue=format_number(counts["overdue"], lang, 0),
    )
    if counts["late_recorded"]:
        text += t("plan.tasks_late_part", lang, count=counts["late_recorded"])
    return text


def plan_summary(cat: Catalogue, plan_code: str, year: int, today: dt.date | None = None) -> dict[str, Any]:
    """Counts used by the plan page and the annual report: tasks by standing (see :func:`task_standing`;
    they add up to the number of tasks), targets measured and met by the end of ``year``."""
    frame = tasks(cat, plan_code, year, today)
    counts = task_counts(frame)
    measured = measurements(cat, plan_code)
    measured = measured[measured["year"] <= year]
    latest = measured.sort_values("year").groupby("target_code").tail(1)
    goals = targets(cat, plan_code).set_index("code")
    met = sum(
        1
        for row in latest.itertuples()
        if row.target_code in goals.index and row.value_pct >= goals.loc[row.target_code, "low_pct"]
    )
    return {
        "tasks": counts["total"],
        "tasks_by_standing": {code: counts[code] for code in STANDINGS},
        "tasks_overdue": counts["overdue"],
        "tasks_late_recorded": counts["late_recorded"],
        "task_counts": counts,
        "targets": len(goals),
        "targets_measured": int(latest["target_code"].nunique()),
        "targets_met": met,
    }
