"""The city's plan: its targets (with measured values per year) and tasks (with progress per year).

Plan 275/KH-UBND ships as reference data (``data/plans.csv``, ``plan_targets.csv``,
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

from .errors import CatalogueError

if TYPE_CHECKING:
    import duckdb

    from .core import Catalogue

# Task progress, defined once with its labels.
TASK_STATES: dict[str, tuple[str, str]] = {
    "not_started": ("Chưa bắt đầu", "Not started"),
    "in_progress": ("Đang thực hiện", "In progress"),
    "done": ("Hoàn thành", "Done"),
    "late": ("Chậm tiến độ", "Late"),
}
_CODE_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]{1,59}$")
_URL_RE = re.compile(r"^https?://\S+$")


class PlanError(CatalogueError, ValueError):
    """A refused plan edit, with the reason in both languages."""


def state_label(state: str | None, lang: str = "vi") -> str:
    vi, en = TASK_STATES.get(state or "", ("—", "—"))
    return vi if lang == "vi" else en


def create_tables(cur: duckdb.DuckDBPyConnection) -> None:
    cur.execute(
        "create table if not exists target_measurements (plan_code varchar not null, target_code varchar not null, "
        "year integer not null, value_pct double not null, source varchar not null, note varchar, "
        "recorded_by varchar, recorded_at timestamp not null, primary key (plan_code, target_code, year))"
    )
    cur.execute(
        "create table if not exists task_progress (plan_code varchar not null, task_code varchar not null, "
        "year integer not null, state varchar not null, note varchar, evidence_url varchar, recorded_by varchar, "
        "recorded_at timestamp not null, primary key (plan_code, task_code, year))"
    )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class Plan:
    code: str
    name_vi: str
    name_en: str
    document: str
    period_start: int
    period_end: int

    def name(self, lang: str = "vi") -> str:
        return self.name_vi if lang == "vi" or not self.name_en else self.name_en


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
        raise PlanError(f"Không có kế hoạch “{code}”", f"No plan “{code}”")
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
        raise PlanError("Mã kế hoạch: chữ thường không dấu, số, _ . -", "Plan code: lower-case letters, digits, _ . -")
    if not (name_vi or "").strip():
        raise PlanError("Hãy nhập tên kế hoạch", "Please give the plan's name")
    if not 2000 <= int(period_start) <= int(period_end) <= 2100:
        raise PlanError("Giai đoạn không hợp lệ (năm đầu ≤ năm cuối)", "Invalid period (first year ≤ last year)")

    def work(cur: duckdb.DuckDBPyConnection) -> None:
        if cur.execute("select 1 from plans where code = ?", [code]).fetchall():
            raise PlanError(f"Đã có kế hoạch “{code}”", f"The plan “{code}” already exists")
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
) -> None:
    """A target of ``plan_code``: a share of demand met, as a band from ``low_pct`` to ``high_pct``."""
    plan = get_plan(cat, plan_code)
    code = (code or "").strip().lower()
    if not _CODE_RE.match(code):
        raise PlanError(
            "Mã chỉ tiêu: chữ thường không dấu, số, _ . -", "Target code: lower-case letters, digits, _ . -"
        )
    if not (label_vi or "").strip():
        raise PlanError("Hãy nhập tên chỉ tiêu", "Please give the target's name")
    if not 0 <= float(low_pct) <= float(high_pct) <= 100:
        raise PlanError(
            "Khoảng chỉ tiêu phải trong 0–100% và thấp ≤ cao", "The band must be within 0–100% and low ≤ high"
        )
    if not plan.period_start <= int(target_year) <= plan.period_end:
        raise PlanError(
            f"Năm chỉ tiêu phải trong giai đoạn {plan.period_start}–{plan.period_end}",
            f"The target year must be within {plan.period_start}–{plan.period_end}",
        )

    def work(cur: duckdb.DuckDBPyConnection) -> None:
        if cur.execute("select 1 from plan_targets where plan_code = ? and code = ?", [plan_code, code]).fetchall():
            raise PlanError(f"Đã có chỉ tiêu “{code}”", f"The target “{code}” already exists")
        order = cur.execute(
            "select coalesce(max(sort_order), 0) + 1 from plan_targets where plan_code = ?", [plan_code]
        ).fetchall()[0][0]
        cur.execute(
            "insert into plan_targets (plan_code, code, sort_order, label_vi, label_en, low_pct, high_pct, "
            "target_year, source) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
            ],
        ).fetchall()

    cat.write(work, event="plans")


def targets(cat: Catalogue, plan_code: str) -> pd.DataFrame:
    with cat.cursor() as cur:
        return cur.execute(
            "select code, label_vi, label_en, low_pct, high_pct, target_year, source from plan_targets "
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
        raise PlanError(f"Không có chỉ tiêu “{target_code}”", f"No target “{target_code}”")
    try:
        value = float(value_pct)
    except (TypeError, ValueError) as exc:
        raise PlanError("Giá trị đo phải là số phần trăm", "The measured value must be a percentage") from exc
    if not 0 <= value <= 100:
        raise PlanError("Giá trị đo phải trong 0–100%", "The measured value must be within 0–100%")
    if not plan.period_start - 5 <= int(year) <= plan.period_end + 5:
        raise PlanError("Năm ngoài giai đoạn của kế hoạch", "The year is outside the plan's period")
    if len((source or "").strip()) < 3:
        raise PlanError("Hãy ghi nguồn số liệu", "Please give the source of the figure")

    def work(cur: duckdb.DuckDBPyConnection) -> None:
        cur.execute(
            "insert or replace into target_measurements values (?, ?, ?, ?, ?, ?, ?, ?)",
            [plan_code, target_code, int(year), value, source.strip(), note.strip() or None, actor, _now()],
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
        raise PlanError(f"Không có nhiệm vụ “{task_code}”", f"No task “{task_code}”")
    if state not in TASK_STATES:
        raise PlanError("Tình trạng không hợp lệ", f"The state must be one of {', '.join(TASK_STATES)}")
    if not plan.period_start <= int(year) <= plan.period_end + 5:
        raise PlanError("Năm ngoài giai đoạn của kế hoạch", "The year is outside the plan's period")
    url = (evidence_url or "").strip()
    if url and not _URL_RE.match(url):
        raise PlanError(
            "Đường dẫn minh chứng phải bắt đầu bằng http(s)://", "The evidence link must start with http(s)://"
        )
    if state in ("done", "late") and len(note.strip()) < 3 and not url:
        raise PlanError(
            "Hoàn thành hoặc chậm tiến độ cần ghi chú hoặc minh chứng", "Done or late needs a note or an evidence link"
        )

    def work(cur: duckdb.DuckDBPyConnection) -> None:
        cur.execute(
            "insert or replace into task_progress values (?, ?, ?, ?, ?, ?, ?, ?)",
            [plan_code, task_code, int(year), state, note.strip() or None, url or None, actor, _now()],
        ).fetchall()

    cat.write(work, event="plans")


def tasks(cat: Catalogue, plan_code: str, year: int | None = None, today: dt.date | None = None) -> pd.DataFrame:
    """The plan's tasks with their latest progress (up to ``year``), lead agency and its successor,
    and ``overdue``: a dated task past its year and not done, an annual task with no record
    for the last finished year of the plan, or any task whose latest state is ``late``."""
    today = today or dt.date.today()
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
                   (select count(*) from task_progress p where p.plan_code = t.plan_code and p.task_code = t.code
                        and p.state = 'done') as done_records,
                   (select max(p.year) from task_progress p where p.plan_code = t.plan_code
                        and p.task_code = t.code) as last_year
            from plan_tasks t
            left join latest l on l.task_code = t.code and l.rn = 1
            left join agencies a on a.code = t.lead_agency
            left join agencies s on s.code = a.successor_code and a.successor_code <> a.code
            where t.plan_code = ?
            order by t.task_group, t.seq
            """,
            [plan_code, year, plan_code],
        ).df()
    last_finished = min(today.year - 1, plan.period_end)

    def overdue(row: pd.Series) -> bool:
        if row["state"] == "late":
            return True
        frame_text = str(row["time_frame"] or "")
        if frame_text.isdigit():
            return int(frame_text) < today.year and row["done_records"] == 0
        if frame_text == "annual" and last_finished >= plan.period_start:
            last = row["last_year"]
            return pd.isna(last) or int(last) < last_finished
        return False

    frame["overdue"] = frame.apply(overdue, axis=1) if not frame.empty else pd.Series(dtype=bool)
    return frame


def plan_summary(cat: Catalogue, plan_code: str, year: int, today: dt.date | None = None) -> dict[str, Any]:
    """Counts used by the dashboard and the annual report: tasks by state, overdue, targets met."""
    frame = tasks(cat, plan_code, year, today)
    by_state = frame["state"].fillna("not_started").value_counts().to_dict()
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
        "tasks": len(frame),
        "tasks_by_state": {state: int(by_state.get(state, 0)) for state in TASK_STATES},
        "tasks_overdue": int(frame["overdue"].sum()) if not frame.empty else 0,
        "targets": len(goals),
        "targets_measured": int(latest["target_code"].nunique()),
        "targets_met": met,
    }
