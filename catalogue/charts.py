"""The dashboard's charts as plotly figures (no Streamlit): the page and the HTML report share them.

Each chart has a title with its unit, a short reading note computed from the figures, and the
table it was drawn from, with headers in the reader's language.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from .dashboard import Dashboard
from .i18n import format_number, t

PALETTE = ["#0f766e", "#14b8a6", "#5eead4", "#f59e0b", "#64748b", "#a3e635", "#0e7490", "#f97316"]
STAGE_COLOURS = {
    "draft": "#cbd5e1",
    "calling": "#0f766e",
    "negotiating": "#14b8a6",
    "awarded": "#f59e0b",
    "implementing": "#0e7490",
    "completed": "#64748b",
    "withdrawn": "#94a3b8",
}
FONT = "Source Sans Pro, Noto Sans, Arial, sans-serif"


@dataclass
class Chart:
    key: str
    title: str
    note: str
    figure: go.Figure | None  # None when there is nothing to draw yet
    table: pd.DataFrame


def wrap(text: str, width: int = 30) -> str:
    return "<br>".join(textwrap.wrap(str(text), width)) or str(text)


def _layout(fig: go.Figure, height: int, lang: str) -> go.Figure:
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 20, "t": 10, "b": 10},
        font={"family": FONT, "size": 13, "color": "#1f2933"},
        plot_bgcolor="white",
        paper_bgcolor="white",
        separators=",." if lang == "vi" else ".,",
        showlegend=False,
        hoverlabel={"font": {"family": FONT}},
    )
    fig.update_xaxes(gridcolor="#e5e7eb", zerolinecolor="#cbd5e1", automargin=True)
    fig.update_yaxes(gridcolor="#e5e7eb", automargin=True)
    return fig


def _bars(labels, values, texts, axis_title: str, lang: str, colour: str = PALETTE[0], hover: str = "") -> go.Figure:
    fig = go.Figure(
        go.Bar(
            y=[wrap(label) for label in labels],
            x=list(values),
            orientation="h",
            marker_color=colour,
            text=list(texts),
            textposition="auto",
            hovertemplate=hover or "%{y}: %{x}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title_text=axis_title, tickformat=",d")
    return _layout(fig, max(260, 46 * len(labels) + 80), lang)


def _share(part: float, whole: float, lang: str) -> str:
    return format_number(100 * part / whole, lang, 0) if whole else "0"


def dashboard_charts(d: Dashboard, lang: str = "vi") -> list[Chart]:
    """Every chart of the dashboard, in page order."""
    n = lambda value, decimals=0: format_number(value, lang, decimals)  # noqa: E731
    unit_projects = t("dash.unit_projects", lang)
    unit_vnd = t("dash.unit_vnd", lang)
    charts: list[Chart] = []

    # 1. The pipeline as a funnel by stage.
    status = d.by_status
    funnel = go.Figure(
        go.Funnel(
            y=list(status["label"]),
            x=list(status["projects"]),
            marker={"color": [STAGE_COLOURS.get(c, PALETTE[4]) for c in status["code"]]},
            textinfo="value+percent initial",
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    _layout(funnel, 320, lang)
    leading = status.sort_values("projects", ascending=False).iloc[0] if len(status) else None
    charts.append(
        Chart(
            "funnel",
            t("dash.funnel", lang),
            t(
                "dash.funnel_note",
                lang,
                stage=leading["label"] if leading is not None else "—",
                share=_share(leading["projects"], d.projects, lang) if leading is not None else "0",
            ),
            funnel if d.projects else None,
            _table(
                status,
                lang,
                {"label": "dash.col_stage", "projects": "dash.col_projects", "capital_vnd_bn": "dash.col_capital"},
            ),
        )
    )

    # 2–4. Capital and count by category, investment form, district.
    for key, frame, title in (
        ("category", d.by_category, "dash.by_category"),
        ("form", d.by_form, "dash.by_form"),
        ("district", d.by_district, "dash.by_district"),
    ):
        shown = frame[frame["projects"] > 0]
        top = shown.sort_values("capital_vnd_bn", ascending=False).head(1)
        fig = _bars(
            shown["label"],
            shown["capital_vnd_bn"],
            [
                f"{n(v)} · {count_text(p, lang)}"
                for v, p in zip(shown["capital_vnd_bn"], shown["projects"], strict=True)
            ],
            unit_vnd,
            lang,
            hover="%{y}<br>%{x:,.0f} " + unit_vnd + "<extra></extra>",
        )
        note = (
            t(
                "dash.capital_note",
                lang,
                name=top.iloc[0]["label"],
                capital=n(top.iloc[0]["capital_vnd_bn"]),
                share=_share(top.iloc[0]["capital_vnd_bn"], d.capital_vnd_bn, lang),
            )
            if len(top) and d.capital_vnd_bn
            else t("dash.empty", lang)
        )
        charts.append(
            Chart(
                key,
                t(title, lang),
                note,
                fig if len(shown) else None,
                _table(
                    frame,
                    lang,
                    {"label": "dash.col_name", "projects": "dash.col_projects", "capital_vnd_bn": "dash.col_capital"},
                ),
            )
        )

    # 5. The new wards (July 2025) where projects name one.
    wards = d.by_ward
    charts.append(
        Chart(
            "ward",
            t("dash.by_ward", lang),
            t("dash.ward_note", lang, known=int(wards["projects"].sum()) if len(wards) else 0, total=d.projects),
            _bars(wards["label"], wards["projects"], wards["projects"], unit_projects, lang, PALETTE[1])
            if len(wards)
            else None,
            _table(
                wards,
                lang,
                {"label": "dash.col_ward", "projects": "dash.col_projects", "capital_vnd_bn": "dash.col_capital"},
            ),
        )
    )

    # 6. Projects added per month.
    added = d.added
    added_fig = None
    if len(added):
        added_fig = go.Figure(
            go.Bar(
                x=pd.to_datetime(added["month"]),
                y=added["projects"],
                marker_color=PALETTE[0],
                hovertemplate="%{x|%m/%Y}: %{y}<extra></extra>",
            )
        )
        added_fig.update_yaxes(title_text=unit_projects)
        added_fig.update_xaxes(tickformat="%m/%Y", dtick="M3")
        _layout(added_fig, 300, lang)
    busiest = added.sort_values("projects", ascending=False).head(1)
    charts.append(
        Chart(
            "added",
            t("dash.added", lang),
            t(
                "dash.added_note",
                lang,
                month=pd.Timestamp(busiest.iloc[0]["month"]).strftime("%m/%Y"),
                count=int(busiest.iloc[0]["projects"]),
            )
            if len(busiest)
            else t("dash.empty", lang),
            added_fig,
            _table(
                added.assign(month=pd.to_datetime(added["month"]).dt.strftime("%m/%Y")),
                lang,
                {"month": "dash.col_month", "projects": "dash.col_projects"},
            ),
        )
    )

    # 7. Stage changes per month, by the stage reached.
    changes = d.status_changes
    changes_fig = None
    if len(changes):
        changes_fig = go.Figure()
        for code in dict.fromkeys(changes["status"]):
            part = changes[changes["status"] == code]
            changes_fig.add_bar(
                x=pd.to_datetime(part["month"]),
                y=part["changes"],
                name=part["label"].iloc[0],
                marker_color=STAGE_COLOURS.get(code, PALETTE[4]),
                hovertemplate="%{x|%m/%Y} · " + part["label"].iloc[0] + ": %{y}<extra></extra>",
            )
        changes_fig.update_layout(barmode="stack")
        changes_fig.update_yaxes(title_text=t("dash.unit_changes", lang))
        changes_fig.update_xaxes(tickformat="%m/%Y", dtick="M3")
        _layout(changes_fig, 320, lang)
        changes_fig.update_layout(showlegend=True, legend={"orientation": "h", "y": -0.2})
    charts.append(
        Chart(
            "changes",
            t("dash.changes", lang),
            t("dash.changes_note", lang, count=int(changes["changes"].sum()) if len(changes) else 0),
            changes_fig,
            _table(
                changes.assign(month=pd.to_datetime(changes["month"]).dt.strftime("%m/%Y"))
                if len(changes)
                else changes,
                lang,
                {"month": "dash.col_month", "label": "dash.col_stage", "changes": "dash.col_changes"},
            ),
        )
    )

    # 8. Time spent per stage.
    stage_time = d.stage_time
    charts.append(
        Chart(
            "stage_time",
            t("dash.stage_time", lang),
            t("dash.stage_time_note", lang),
            _bars(
                stage_time["label"],
                stage_time["median_days"],
                [
                    f"{n(v)} · {t('dash.mean', lang)} {n(m)}"
                    for v, m in zip(stage_time["median_days"], stage_time["mean_days"], strict=True)
                ],
                t("dash.unit_days", lang),
                lang,
                PALETTE[6],
            )
            if len(stage_time)
            else None,
            _table(
                stage_time,
                lang,
                {
                    "label": "dash.col_stage",
                    "projects": "dash.col_projects",
                    "median_days": "dash.col_median_days",
                    "mean_days": "dash.col_mean_days",
                },
            ),
        )
    )

    # 9–10. Inquiries per project and per investor country.
    per_project = d.inquiries_by_project
    per_country = d.inquiries_by_country
    charts.append(
        Chart(
            "inquiries_project",
            t("dash.inquiries_project", lang),
            t(
                "dash.inquiries_note",
                lang,
                count=int(per_country["inquiries"].sum()) if len(per_country) else 0,
                countries=len(per_country),
            ),
            _bars(
                [f"{c} · {name}" for c, name in zip(per_project["code"], per_project["name"], strict=True)],
                per_project["inquiries"],
                per_project["inquiries"],
                t("dash.unit_inquiries", lang),
                lang,
                PALETTE[3],
            )
            if len(per_project)
            else None,
            _table(
                per_project, lang, {"code": "dash.col_code", "name": "dash.col_name", "inquiries": "dash.col_inquiries"}
            ),
        )
    )
    charts.append(
        Chart(
            "inquiries_country",
            t("dash.inquiries_country", lang),
            t("dash.country_note", lang),
            _bars(
                per_country["country"],
                per_country["inquiries"],
                per_country["inquiries"],
                t("dash.unit_inquiries", lang),
                lang,
                PALETTE[3],
            )
            if len(per_country)
            else None,
            _table(per_country, lang, {"country": "dash.col_country", "inquiries": "dash.col_inquiries"}),
        )
    )

    # 11. Lead agencies with the most open projects.
    agencies = d.agencies_open
    charts.append(
        Chart(
            "agencies",
            t("dash.agencies", lang),
            t("dash.agencies_note", lang),
            _bars(
                agencies["label"], agencies["open_projects"], agencies["open_projects"], unit_projects, lang, PALETTE[4]
            )
            if len(agencies)
            else None,
            _table(agencies, lang, {"label": "dash.col_agency", "open_projects": "dash.col_open"}),
        )
    )
    return charts


def _table(frame: pd.DataFrame, lang: str, columns: dict[str, str]) -> pd.DataFrame:
    """The figures behind a chart, with headers in ``lang`` (only the columns named)."""
    present = [c for c in columns if c in frame.columns]
    return frame[present].rename(columns={c: t(columns[c], lang) for c in present}).reset_index(drop=True)


def target_chart(goal: pd.Series, measured: pd.DataFrame, period: tuple[int, int], lang: str = "vi") -> go.Figure:
    """One target: its band over the plan period (shaded) and the measured shares per year."""
    start, end = period
    years = [int(y) for y in measured["year"]] if len(measured) else []
    first, last = min([start - 1, *years]), max([end, *years])
    fig = go.Figure()
    fig.add_shape(
        type="rect",
        x0=start - 0.4,
        x1=end + 0.4,
        y0=goal["low_pct"],
        y1=goal["high_pct"],
        fillcolor="rgba(20,184,166,0.18)",
        line={"width": 0},
        layer="below",
    )
    fig.add_annotation(
        x=end + 0.4,
        y=goal["high_pct"],
        xanchor="right",
        yanchor="bottom",
        showarrow=False,
        text=t(
            "plan.band", lang, low=n0(goal["low_pct"], lang), high=n0(goal["high_pct"], lang), year=goal["target_year"]
        ),
        font={"size": 12, "color": "#0f766e"},
    )
    if len(measured):
        fig.add_scatter(
            x=years,
            y=list(measured["value_pct"]),
            mode="lines+markers+text",
            text=[f"{n0(v, lang)}%" for v in measured["value_pct"]],
            textposition="top center",
            marker={"color": PALETTE[3], "size": 9},
            line={"color": PALETTE[3]},
            hovertemplate="%{x}: %{y}%<extra></extra>",
        )
    fig.update_xaxes(range=[first - 0.6, last + 0.6], dtick=1, title_text=t("plan.year", lang))
    fig.update_yaxes(range=[0, 100], title_text=t("plan.share", lang), ticksuffix="%")
    return _layout(fig, 260, lang)


def n0(value: float, lang: str) -> str:
    return format_number(value, lang, 0 if float(value).is_integer() else 1)


def count_text(count: int, lang: str) -> str:
    """``12 dự án`` / ``12 projects``, ``1 project``."""
    if lang == "vi":
        return f"{count} dự án"
    return f"{count} project" if count == 1 else f"{count} projects"
