"""The annual report for the city and the Ministry: an XLSX workbook and a printable HTML summary.

``catalogue report --year YYYY --out FILE.xlsx`` and the dashboard's button both call
:func:`report_xlsx`. The summary's figures are those of the public dashboard as at the end of
the year (for the current year: as of now), rebuilt from the project history, beside the year
before. Sheets: summary, projects (as exported), plan tasks with progress, plan targets with
measured values, investor inquiries.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import threading
from typing import TYPE_CHECKING, Any

import pandas as pd

from catalogue.clock import HANOI, hanoi_today, to_hanoi, utcnow
from catalogue.leadership.plan import (
    STANDINGS,
    measurements,
    plan_summary,
    plans,
    standing_label,
    state_label,
    targets,
    tasks,
    tasks_text,
)
from catalogue.projects.exporting import export_frame, neutralise
from catalogue.projects.money import exchange_rate
from catalogue.staff.countries import country_label
from catalogue.text import LANGUAGES, enum_label, format_datetime, format_number, localized, localized_series, t

if TYPE_CHECKING:
    from catalogue.core import Catalogue

DEFAULT_PLAN = "hn_275_2023"


def year_end(year: int, now: dt.datetime | None = None) -> dt.datetime:
    """The moment a year's figures are taken, as stored (naive UTC): 31 December 23:59:59 in Hanoi,
    or now for the current year."""
    now = now or utcnow()
    end = dt.datetime(year, 12, 31, 23, 59, 59, tzinfo=HANOI).astimezone(dt.UTC).replace(tzinfo=None)
    return min(end, now)


def report_day(year: int, now: dt.datetime | None = None) -> dt.date:
    """The day in Hanoi on which ``year``'s figures are taken (see :func:`year_end`)."""
    return to_hanoi(year_end(year, now)).date()


# Stored times are naive UTC; a year or a month of the report is Hanoi's (UTC+7, no daylight saving).
HANOI_OFFSET = dt.timedelta(hours=7)


def public_projects_as_of(cat: Catalogue, cutoff: dt.datetime) -> pd.DataFrame:
    """Public projects as they stood at ``cutoff``: the last history snapshot before it, or the
    stored row for a project without history then. Columns: code, status, category, project type, capital."""
    public = list(cat.reference.public_statuses)
    with cat.cursor() as cur:
        frame = cur.execute(
            """
            with last as (
                select code, snapshot,
                       row_number() over (partition by code order by happened_at desc, id desc) as rn
                from project_history where happened_at <= ?
            ), state as (
                select code, snapshot->>'status' as status, snapshot->>'category' as category,
                       snapshot->>'project_type' as project_type,
                       coalesce(snapshot->>'publication', 'published') as publication,
                       try_cast(snapshot->>'investment_vnd_bn' as double) as investment_vnd_bn,
                       try_cast(snapshot->>'investment_usd_m' as double) as investment_usd_m
                from last where rn = 1
                union all
                select code, status, category, project_type, coalesce(publication, 'published'), investment_vnd_bn,
                       investment_usd_m
                from projects p
                where created_at <= ? and not exists (
                    select 1 from project_history h where h.code = p.code and h.happened_at <= ?)
            )
            select * from state where publication = 'published' and status in (select unnest(?::varchar[]))
            order by code
            """,
            [cutoff, cutoff, cutoff, public],
        ).df()
    return frame


def _year_figures(cat: Catalogue, y: int, plan_code: str) -> dict[str, Any]:
    """Every figure of the summary at the end of year ``y`` (public projects only)."""
    ref = cat.reference
    frame = public_projects_as_of(cat, year_end(y))
    out: dict[str, Any] = {
        "projects": len(frame),
        "capital_vnd_bn": float(frame["investment_vnd_bn"].fillna(0).sum()),
        "capital_usd_m": exchange_rate().total_usd_millions(frame),
    }
    for code in ref.public_statuses:
        out[f"status:{code}"] = int((frame["status"] == code).sum())
    for code in ref.categories.codes:
        out[f"category:{code}"] = int((frame["category"] == code).sum())
    for code in ref.types.codes:  # the second facet (plan III.3), beside the categories
        out[f"type:{code}"] = int((frame["project_type"] == code).sum())
    public, params = cat.public_projects_sql()
    with cat.cursor() as cur:  # inquiries about public projects only: a hidden one is not counted
        out["inquiries"] = cur.execute(
            f"select count(*) from inquiries i join {public} p on p.code = i.project_code "
            "where year(i.created_at + ?) = ?",
            [*params, HANOI_OFFSET, y],
        ).fetchall()[0][0]
    plan_figures = plan_summary(cat, plan_code, y, today=report_day(y))
    for standing in STANDINGS:
        out[f"tasks_{standing}"] = plan_figures["tasks_by_standing"][standing]
    for name in ("tasks_late_recorded", "targets_measured", "targets_met"):
        out[name] = plan_figures[name]
    return out


# The summary's plain figures, in order, with the key of their name (stages and categories between).
_LEADING = {
    "projects": "report.published_projects",
    "capital_vnd_bn": "report.total_capital_vnd_bn",
    "capital_usd_m": "report.total_capital_usd_m_converted",
}
_TRAILING = {
    "inquiries": "report.investor_inquiries_in_the_year",
    "tasks_done": "report.tasks_done",
    "tasks_in_progress": "report.tasks_in_progress",
    "tasks_not_started": "report.tasks_not_started",
    "tasks_overdue": "report.tasks_overdue",
    "tasks_late_recorded": "report.tasks_late_recorded",
    "targets_measured": "report.targets_measured",
    "targets_met": "report.targets_at_or_above_the_band_s_low_end",
}


def _figure_names(cat: Catalogue, lang: str) -> dict[str, str]:
    """Each figure's key → its name in ``lang``, in the summary's order."""
    ref = cat.reference
    names = {key: t(text, lang) for key, text in _LEADING.items()}
    for code in ref.public_statuses:
        names[f"status:{code}"] = t("report.stage", lang) + ref.statuses.label(code)(lang)
    for code in ref.categories.codes:
        names[f"category:{code}"] = t("report.category", lang) + ref.categories.label(code)(lang)
    for code in ref.types.codes:
        names[f"type:{code}"] = t("report.type", lang) + ref.types.label(code)(lang)
    names.update({key: t(text, lang) for key, text in _TRAILING.items()})
    return names


def summary(cat: Catalogue, year: int, lang: str = "vi", plan_code: str = DEFAULT_PLAN) -> pd.DataFrame:
    """The summary sheet: each figure for ``year`` and the year before, with the change."""
    now, before = _year_figures(cat, year, plan_code), _year_figures(cat, year - 1, plan_code)
    names = _figure_names(cat, lang)
    order = list(names)
    rows = [(names[key], now[key], before[key]) for key in order]
    frame = pd.DataFrame(rows, columns=["figure", "this", "before"], dtype=object)
    frame["change"] = [a - b for a, b in zip(frame["this"], frame["before"], strict=True)]
    frame.attrs["keys"] = order
    return frame.rename(
        columns={
            "figure": t("report.figure", lang),
            "this": str(year),
            "before": str(year - 1),
            "change": t("report.change", lang),
        }
    )


def _tasks_sheet(cat: Catalogue, plan_code: str, year: int, lang: str) -> pd.DataFrame:
    frame = tasks(cat, plan_code, year, today=report_day(year))
    return pd.DataFrame(
        {
            t("report.code", lang): frame["code"],
            t("report.group", lang): localized_series(frame, "group_title", lang),
            t("report.task", lang): localized_series(frame, "title", lang),
            t("report.lead_agency", lang): localized_series(frame, "agency", lang),
            t("report.successor_2025", lang): localized_series(frame, "successor", lang),
            t("report.partners", lang): localized_series(frame, "partners", lang),
            t("report.time_frame", lang): frame["time_frame"].map(
                lambda v: t("report.every_year", lang) if v == "annual" else v
            ),
            t("report.year_recorded", lang): frame["progress_year"],
            t("report.progress", lang): frame["state"].map(lambda s: state_label(s)(lang)),
            t("report.standing", lang): frame["standing"].map(lambda s: standing_label(s)(lang)),
            t("report.overdue", lang): frame["overdue"].map(
                lambda v: t("value.yes", lang) if v else t("value.no", lang)
            ),
            t("report.note", lang): frame["note"],
            t("report.evidence", lang): frame["evidence_url"],
        }
    )


def _targets_sheet(cat: Catalogue, plan_code: str, year: int, lang: str) -> pd.DataFrame:
    goals = targets(cat, plan_code)
    measured = measurements(cat, plan_code)
    measured = measured[measured["year"] <= year]
    years = sorted(measured["year"].unique())
    rows = []
    for goal in goals.itertuples():
        row = {
            t("report.target", lang): localized(goal, "label", lang),
            t("report.target_measure", lang): enum_label("target_measure", goal.measure)(lang),
            t("report.target_band", lang): f"{format_number(goal.low_pct, lang, 0)}–"
            f"{format_number(goal.high_pct, lang, 0)}",
            t("report.target_year", lang): goal.target_year,
        }
        mine = measured[measured["target_code"] == goal.code].set_index("year")
        for y in years:
            row[str(y)] = float(mine.loc[y, "value_pct"]) if y in mine.index else None
        sources = "; ".join(f"{y}: {mine.loc[y, 'source']}" for y in mine.index)
        row[t("report.sources", lang)] = sources or None
        rows.append(row)
    return pd.DataFrame(rows)


def _inquiries_sheet(cat: Catalogue, year: int, lang: str) -> pd.DataFrame:
    # Public projects only (an inner join): the report is a public download.
    public, params = cat.public_projects_sql()
    with cat.cursor() as cur:
        frame = cur.execute(
            "select i.project_code, p.name_vi, p.name_en, count(*) as n, "
            "count(*) filter (where i.status = 'answered') as answered, list(distinct trim(i.country)) "
            f"as countries from inquiries i join {public} p on p.code = i.project_code "
            "where year(i.created_at + ?) = ? group by 1, 2, 3 order by n desc, 1",
            [*params, HANOI_OFFSET, year],
        ).df()
    frame.insert(1, "name", localized_series(frame, "name", lang))  # the English report names them in English
    frame = frame.drop(columns=["name_vi", "name_en"])
    # Countries by name in the report's language (inquiries store a code, older ones free text).
    frame["countries"] = [
        ", ".join(sorted({country_label(value)(lang) for value in values if value})) for values in frame["countries"]
    ]
    return frame.rename(
        columns={
            "project_code": t("report.project", lang),
            "name": t("report.project_name", lang),
            "n": t("report.inquiries", lang),
            "answered": t("report.answered", lang),
            "countries": t("report.countries", lang),
        }
    )


def sheets(cat: Catalogue, year: int, lang: str = "vi", plan_code: str = DEFAULT_PLAN) -> dict[str, pd.DataFrame]:
    """The report's sheets by name, in order."""
    projects = cat.projects()
    return {
        t("report.summary", lang): summary(cat, year, lang, plan_code),
        t("report.projects", lang): export_frame(projects, cat.reference, lang),
        t("report.tasks", lang): _tasks_sheet(cat, plan_code, year, lang),
        t("report.targets", lang): _targets_sheet(cat, plan_code, year, lang),
        t("report.sheet_inquiries", lang): _inquiries_sheet(cat, year, lang),
    }


def title_lines(cat: Catalogue, year: int, lang: str, plan_code: str) -> list[str]:
    plan = next((p for p in plans(cat) if p.code == plan_code), None)
    demo = int(cat.projects()["demo"].fillna(False).astype(bool).sum())
    lines = [
        t("report.title", lang, year=year),
        (plan.title()(lang) + f" ({plan.document})") if plan else "",
        t("report.figures_as_at", lang) + format_datetime(year_end(year), lang),
        t("report.generated", lang) + format_datetime(utcnow(), lang),
    ]
    if demo:
        lines.append(t("report.demo_note", lang, demo=demo))
    return [line for line in lines if line]


def report_xlsx(cat: Catalogue, year: int, lang: str = "vi", plan_code: str = DEFAULT_PLAN) -> bytes:
    """The workbook as bytes (see :func:`write_report`); written in openpyxl's streaming mode,
    so 100,000 projects take seconds, not minutes."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = openpyxl.Workbook(write_only=True)
    for index, (name, frame) in enumerate(sheets(cat, year, lang, plan_code).items()):
        sheet = book.create_sheet(name[:31])
        for position in range(len(frame.columns)):
            letter = openpyxl.utils.get_column_letter(position + 1)
            sheet.column_dimensions[letter].width = 16 if index else (60 if position == 0 else 14)

        def bold(value: Any, size: int = 11, sheet: Any = sheet) -> WriteOnlyCell:
            cell = WriteOnlyCell(sheet, value=value)
            cell.font = Font(bold=True, size=size)
            return cell

        if index == 0:
            lines = title_lines(cat, year, lang, plan_code)
            sheet.append([bold(lines[0], 14)])
            for line in lines[1:]:
                sheet.append([line])
            sheet.append([])
        sheet.append([bold(str(column)) for column in frame.columns])
        for row in frame.itertuples(index=False, name=None):
            sheet.append([_cell(value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return None
    if isinstance(value, str):
        return neutralise(value)
    if hasattr(value, "item"):
        return value.item()
    return value


_BUILT: dict[tuple[Any, ...], Any] = {}
_BUILDING = threading.Lock()


def cached_report(
    cat: Catalogue, year: int, lang: str = "vi", kind: str = "xlsx", plan_code: str = DEFAULT_PLAN
) -> Any:
    """The report (``kind`` "xlsx": bytes; "html": text) built once per data version: repeated
    clicks, and any number of visitors, cost one build; one build runs at a time, so requests
    for several years cannot take all the server's time at once. Years outside the plan's span
    (2023 to this year) are refused."""
    if kind not in ("xlsx", "html") or lang not in LANGUAGES:
        raise ValueError(f"no such report: {kind}/{lang}")
    if not REPORT_FIRST_YEAR <= year <= hanoi_today().year:
        raise ValueError(f"no report for {year}")
    key = (id(cat), cat.data_version, hanoi_today(), year, lang, kind, plan_code)
    with _BUILDING:
        if key not in _BUILT:
            if len(_BUILT) >= 16:
                _BUILT.clear()
            build = report_xlsx if kind == "xlsx" else report_html
            _BUILT[key] = build(cat, year, lang=lang, plan_code=plan_code)
        return _BUILT[key]


REPORT_FIRST_YEAR = 2023  # the plan's year


def write_report(cat: Catalogue, year: int, path: str, lang: str = "vi", plan_code: str = DEFAULT_PLAN) -> None:
    with open(path, "wb") as handle:
        handle.write(report_xlsx(cat, year, lang, plan_code))


def report_html(cat: Catalogue, year: int, lang: str = "vi", plan_code: str = DEFAULT_PLAN) -> str:
    """A printable one-file summary: the summary table, the plan's progress and the main charts."""
    from catalogue.leadership.charts import dashboard_charts, plotly_config
    from catalogue.leadership.dashboard import dashboard

    lines = title_lines(cat, year, lang, plan_code)
    table = summary(cat, year, lang, plan_code)
    charts = [c for c in dashboard_charts(dashboard(cat, lang), lang) if c.figure is not None]
    wanted = ("funnel", "category", "type", "district", "changes", "stage_time", "agencies")
    parts = [
        "<!doctype html><html lang='" + lang + "'><head><meta charset='utf-8'>",
        f"<title>{html.escape(lines[0])}</title>",
        "<style>body{font-family:'Noto Sans','Source Sans Pro',Arial,sans-serif;color:#1f2933;max-width:980px;"
        "margin:24px auto;padding:0 16px}h1{font-size:24px;color:#0f766e}h2{font-size:18px;margin-top:28px}"
        "table{border-collapse:collapse;width:100%;font-size:13px}td,th{border:1px solid #d1d5db;padding:4px 8px}"
        "td.n{text-align:right}.chart{page-break-inside:avoid;break-inside:avoid;margin-bottom:16px}"
        ".note{color:#4b5563;font-size:13px}@media print{a{color:inherit}}</style></head><body>",
        f"<h1>{html.escape(lines[0])}</h1>",
        *(f"<p class='note'>{html.escape(line)}</p>" for line in lines[1:]),
        f"<h2>{t('report.headline_figures', lang)}</h2><table><tr>",
        *(f"<th>{html.escape(str(c))}</th>" for c in table.columns),
        "</tr>",
    ]
    for row in table.itertuples(index=False, name=None):
        parts.append(
            "<tr><td>"
            + html.escape(str(row[0]))
            + "</td>"
            + "".join(
                f"<td class='n'>{format_number(v, lang, 0 if float(v).is_integer() else 1)}</td>" for v in row[1:]
            )
            + "</tr>"
        )
    parts.append("</table>")
    include_js: bool | str = True  # plotly.js once, inline: the file works offline
    for chart in charts:
        if chart.key not in wanted:
            continue
        # The figure carries its own title, source, date and demo note (as a downloaded image does).
        parts.append("<div class='chart'>")
        parts.append(
            chart.figure.to_html(
                full_html=False, include_plotlyjs=include_js, config=plotly_config(lang, f"{chart.key}-{year}")
            )
        )
        parts.append(f"<p class='note'>{html.escape(chart.note)}</p></div>")
        include_js = False
    counts = plan_summary(cat, plan_code, year, today=report_day(year))
    parts.append(f"<h2>{t('report.plan_tasks', lang)}</h2><p>")
    parts.append(html.escape(tasks_text(counts["task_counts"])(lang)))
    parts.append("</p></body></html>")
    return "".join(parts)
