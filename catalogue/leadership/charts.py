"""The dashboard's charts as plotly figures (no Streamlit): the page and the HTML report share them.

Each chart has a title with its unit, a short reading note computed from the figures, and the
table it was drawn from, with headers in the reader's language. The figure itself carries its
title, the source, the date (Hanoi) and, where it applies, that demo projects or hidden projects
are included: plotly's camera button exports the figure as it is, so a downloaded PNG must say
what it shows without the page around it.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from catalogue.clock import hanoi_today
from catalogue.leadership.dashboard import Dashboard
from catalogue.text import format_date, format_number, number_marks, plotly_locale, t

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
TITLE_WIDTH = 30  # characters per title line: fits a phone (390 px) beside plotly's toolbar
FOOTER_WIDTH = 58  # characters per line of the small source/date/demo text
LABEL_WIDTH = 22  # characters per line of a bar's label; two lines at most
TITLE_LINE_PX, FOOTER_LINE_PX = 20, 15


@dataclass
class Chart:
    key: str
    title: str
    note: str
    figure: go.Figure | None  # None when there is nothing to draw yet
    table: pd.DataFrame


def plotly_text(text: object) -> str:
    """``text`` shown as typed in a plotly figure: plotly reads ``<b>``, ``<a href>`` and
    ``<br>`` in labels as markup, and shows ``&lt;`` as "<"; so every label from the data
    (project names, countries, places) passes through here."""
    return html.escape(str(text), quote=False)


def wrap(text: str, width: int = LABEL_WIDTH, lines: int | None = 2) -> str:
    """``text`` in lines of at most ``width`` characters joined by ``<br>``; cut with "…" after
    ``lines``. The text is escaped for plotly (:func:`plotly_text`) line by line."""
    parts = textwrap.wrap(str(text), width) or [str(text)]
    if lines is not None and len(parts) > lines:
        parts = [*parts[: lines - 1], textwrap.shorten(" ".join(parts[lines - 1 :]), width, placeholder="…")]
    return "<br>".join(plotly_text(part) for part in parts)


# plotly.js speaks English; Streamlit's bundle registers no other locale (and plotly's own "vi"
# locale has no translations). A figure's config can bring its own dictionary instead.
_PLOTLY_VI = {
    "Download plot as a PNG": "Tải biểu đồ (PNG)",
    "Download plot": "Tải biểu đồ",
    "Preparing image - this may take a few seconds": "Đang tạo ảnh, xin chờ vài giây",
    "Image download succeeded": "Đã tải ảnh",
    "Sorry, there was a problem downloading your image!": "Không tải được ảnh, xin thử lại.",
    "Zoom": "Phóng to vùng chọn",
    "Pan": "Kéo",
    "Zoom in": "Phóng to",
    "Zoom out": "Thu nhỏ",
    "Autoscale": "Tự động co giãn",
    "Reset axes": "Đặt lại trục",
    "Reset": "Đặt lại",
    "Box Select": "Chọn bằng khung",
    "Lasso Select": "Chọn tự do",
    "Show closest data on hover": "Hiện điểm gần nhất khi di chuột",
    "Compare data on hover": "So sánh số liệu khi di chuột",
    "Toggle Spike Lines": "Bật/tắt đường gióng",
    "Toggle show closest data on hover": "Bật/tắt hiện điểm gần nhất",
    "Double-click to zoom back out": "Nhấp đúp để thu nhỏ lại",
    "Double-click on legend to isolate one trace": "Nhấp đúp vào chú giải để chỉ xem một nhóm",
    "Produced with Plotly.js": "Vẽ bằng Plotly.js",
}
_PLOTLY_LOCALES = {"vi": _PLOTLY_VI}  # plotly locale (text.FORMATS) → the dictionary it registers
# Interactions that mean nothing on a bar chart and get in the way of a finger on a phone.
_BUTTONS_REMOVED = [
    "zoom2d",
    "pan2d",
    "select2d",
    "lasso2d",
    "zoomIn2d",
    "zoomOut2d",
    "autoScale2d",
    "resetScale2d",
    "hoverClosestCartesian",
    "hoverCompareCartesian",
    "toggleSpikelines",
]


def plotly_config(lang: str, filename: str) -> dict[str, Any]:
    """plotly's configuration for a chart: its toolbar only on hover (or a tap) and reduced to the
    PNG download, the toolbar's texts in ``lang``, the downloaded file named ``filename``."""
    config: dict[str, Any] = {
        "displaylogo": False,
        "displayModeBar": "hover",
        "scrollZoom": False,
        "modeBarButtonsToRemove": list(_BUTTONS_REMOVED),
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
        "responsive": True,
    }
    locale = plotly_locale(lang)
    if locale in _PLOTLY_LOCALES:
        marks = number_marks(lang)
        config["locale"] = locale
        config["locales"] = {
            locale: {
                "dictionary": dict(_PLOTLY_LOCALES[locale]),
                "format": {"decimal": marks[0], "thousands": marks[1]},
            },
        }
    return config


def footer_text(d: Dashboard, lang: str) -> list[str]:
    """What a chart of ``d`` says under its title: source, date (Hanoi), demo data, hidden projects."""
    as_of = d.notes.get("as_of") or hanoi_today()
    lines = [t("chart.source", lang, date=format_date(as_of, lang))]
    if d.notes.get("filtered"):
        lines.append(t("chart.filtered", lang))
    if d.demo_projects:
        lines.append(
            t(
                "chart.demo",
                lang,
                demo=format_number(d.demo_projects, lang, 0),
                total=format_number(d.projects, lang, 0),
            )
        )
    if d.notes.get("include_hidden"):
        lines.append(t("chart.hidden", lang))
    return lines


def _layout(fig: go.Figure, height: int, lang: str) -> go.Figure:
    """The house layout for a plot area of ``height`` pixels (see :func:`_titled` for the header)."""
    fig.update_layout(
        height=height,
        margin={"l": 8, "r": 16, "t": 8, "b": 8, "pad": 2},
        font={"family": FONT, "size": 13, "color": "#1f2933"},
        plot_bgcolor="white",
        paper_bgcolor="white",
        separators=number_marks(lang),
        showlegend=False,
        hoverlabel={"font": {"family": FONT}},
        dragmode=False,  # a finger scrolls the page; it does not zoom the chart
        modebar={"bgcolor": "rgba(255,255,255,0.85)", "color": "#64748b", "activecolor": "#0f766e"},
    )
    fig.update_xaxes(gridcolor="#e5e7eb", zerolinecolor="#cbd5e1", automargin=True, fixedrange=True)
    fig.update_yaxes(gridcolor="#e5e7eb", automargin=True, fixedrange=True)
    return fig


def _titled(fig: go.Figure, title: str, footer: Sequence[str]) -> go.Figure:
    """Draw ``title`` and the ``footer`` lines (source, date, demo note) at the top of the figure,
    in space added above the plot area, so that they are in every exported image."""
    # A short unit in brackets stays on one line: "(số dự án)", not "(số dự" / "án)".
    title = re.sub(r"\([^()]{1,20}\)", lambda unit: unit.group(0).replace(" ", "\u00a0"), title)
    title_lines = wrap(title, TITLE_WIDTH, lines=None).split("<br>")
    footer_lines = [line for text in footer for line in wrap(text, FOOTER_WIDTH, lines=None).split("<br>")]
    header = 30 + len(title_lines) * TITLE_LINE_PX + len(footer_lines) * FOOTER_LINE_PX
    fig.update_layout(
        height=(fig.layout.height or 300) + header,
        margin={"t": 8 + header},
        title={
            "text": "<b>" + "<br>".join(title_lines) + "</b>",
            "x": 0,
            "xref": "container",
            "xanchor": "left",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            # plotly puts the first line's baseline, not its top, at the padding: leave room for it.
            "pad": {"l": 8, "t": 24},
            "font": {"size": 15, "color": "#1f2933"},
            "subtitle": {"text": "<br>".join(footer_lines), "font": {"size": 11, "color": "#52606d"}},
        },
    )
    return fig


def integer_dtick(largest: float, ticks: int = 5) -> int:
    """A whole-number tick step (1, 2, 5, 10, 20 …) giving at most about ``ticks`` ticks up to ``largest``."""
    raw = max(1.0, float(largest or 0) / ticks)
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 5, 10):
        if multiple * magnitude >= raw:
            return int(multiple * magnitude)
    return int(10 * magnitude)


def count_axis(largest: float) -> dict[str, Any]:
    """Axis settings for counts: whole-number ticks only (never "0 1 1 2 2"), from zero."""
    return {"tick0": 0, "dtick": integer_dtick(largest), "tickformat": ",d", "rangemode": "tozero"}


def _bars(
    labels: Sequence[Any],
    values: Sequence[float],
    texts: Sequence[Any],
    axis_title: str,
    lang: str,
    colour: str = PALETTE[0],
    hover: str = "",
    *,
    counts: bool,
) -> go.Figure:
    """Horizontal bars, the first at the top. ``counts`` means whole numbers (integer ticks)."""
    values = [float(v) for v in values]
    fig = go.Figure(
        go.Bar(
            y=[wrap(label, lines=3) for label in labels],
            x=values,
            customdata=[plotly_text(label) for label in labels],  # the whole name, for the hover
            orientation="h",
            marker_color=colour,
            text=[str(text) for text in texts],
            textposition="auto",
            cliponaxis=False,  # a label outside a long bar is drawn, not cut off
            hovertemplate=hover or "%{customdata}: %{x}<extra></extra>",
        )
    )
    largest = max(values, default=0) or 1
    fig.update_yaxes(autorange="reversed")
    axis = count_axis(largest) if counts else {"tickformat": ",~f", "rangemode": "tozero"}
    # Room to the right of the longest bar for a label drawn outside it.
    fig.update_xaxes(title_text=axis_title, range=[0, largest * 1.3], **axis)
    return _layout(fig, max(200, 44 * len(values) + 70), lang)


def _share(part: float, whole: float, lang: str) -> str:
    return format_number(100 * part / whole, lang, 0) if whole else "0"


def dashboard_charts(d: Dashboard, lang: str = "vi") -> list[Chart]:
    """Every chart of the dashboard, in page order; each figure carries its title and footer."""
    footer = footer_text(d, lang)
    charts = [
        _funnel_chart(d, lang),
        *_capital_charts(d, lang),
        _ward_chart(d, lang),
        _added_chart(d, lang),
        _changes_chart(d, lang),
        _stage_time_chart(d, lang),
        *_inquiry_charts(d, lang),
        _agencies_chart(d, lang),
    ]
    return [
        replace(chart, figure=_titled(chart.figure, chart.title, footer)) if chart.figure is not None else chart
        for chart in charts
    ]


def _funnel_chart(d: Dashboard, lang: str) -> Chart:
    """The pipeline as a funnel by stage."""
    status = d.by_status
    funnel = go.Figure(
        go.Funnel(
            y=[plotly_text(label) for label in status["label"]],
            x=[int(v) for v in status["projects"]],
            marker={"color": [STAGE_COLOURS.get(c, PALETTE[4]) for c in status["code"]]},
            # Share of all projects: "of the first stage" is infinite when the first stage is empty
            # (no drafts, as the public always sees).
            textinfo="value+percent total",
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    _layout(funnel, 300, lang)
    leading = status.sort_values("projects", ascending=False).iloc[0] if len(status) else None
    most = leading is not None and 2 * leading["projects"] > d.projects  # "most projects" only when over half
    note = t(
        "dash.funnel_note" if most else "dash.funnel_note_leading",
        lang,
        stage=leading["label"] if leading is not None else "—",
        share=_share(leading["projects"], d.projects, lang) if leading is not None else "0",
    )
    columns = {"label": "dash.col_stage", "projects": "dash.col_projects", "capital_vnd_bn": "dash.col_capital"}
    return Chart("funnel", t("dash.funnel", lang), note, funnel if d.projects else None, _table(status, lang, columns))


def _capital_charts(d: Dashboard, lang: str) -> list[Chart]:
    """Capital by category, project type, investment form, former district: the bars show capital, so they are in
    order of capital (the label adds the number of projects)."""
    unit_vnd = t("dash.unit_vnd", lang)
    charts = []
    for key, frame, title in (
        ("category", d.by_category, "dash.by_category"),
        ("type", d.by_type, "dash.by_type"),
        ("form", d.by_form, "dash.by_form"),
        ("district", d.by_district, "dash.by_district"),
    ):
        frame = frame.sort_values(["capital_vnd_bn", "projects"], ascending=False, kind="stable").reset_index(drop=True)
        shown = frame[frame["projects"] > 0]
        labels = [
            f"{format_number(v, lang, 0)} · {format_number(p, lang, 0)}"
            for v, p in zip(shown["capital_vnd_bn"], shown["projects"], strict=True)
        ]
        hover = "%{customdata}<br>%{x:,.0f} " + unit_vnd + "<extra></extra>"
        fig = _bars(shown["label"], shown["capital_vnd_bn"], labels, unit_vnd, lang, hover=hover, counts=False)
        top = shown.head(1)
        note = (
            t(
                "dash.capital_note",
                lang,
                name=plotly_text(top.iloc[0]["label"]),
                capital=format_number(top.iloc[0]["capital_vnd_bn"], lang, 0),
                share=_share(top.iloc[0]["capital_vnd_bn"], d.capital_vnd_bn, lang),
            )
            if len(top) and d.capital_vnd_bn
            else t("dash.empty", lang)
        )
        columns = {"label": "dash.col_name", "capital_vnd_bn": "dash.col_capital", "projects": "dash.col_projects"}
        charts.append(Chart(key, t(title, lang), note, fig if len(shown) else None, _table(frame, lang, columns)))
    return charts


def _ward_chart(d: Dashboard, lang: str) -> Chart:
    """The new wards (July 2025) where projects name one."""
    wards = d.by_ward
    note = t(
        "dash.ward_note",
        lang,
        known=format_number(d.notes.get("with_ward", int(wards["projects"].sum()) if len(wards) else 0), lang, 0),
        total=format_number(d.projects, lang, 0),
        count=d.projects,
    )
    unit = t("dash.unit_projects", lang)
    fig = _bars(wards["label"], wards["projects"], wards["projects"], unit, lang, PALETTE[1], counts=True)
    columns = {"label": "dash.col_ward", "projects": "dash.col_projects", "capital_vnd_bn": "dash.col_capital"}
    return Chart("ward", t("dash.by_ward", lang), note, fig if len(wards) else None, _table(wards, lang, columns))


def _added_chart(d: Dashboard, lang: str) -> Chart:
    """Projects added per month (in Hanoi time)."""
    added = d.added
    added_fig = None
    if len(added):
        added_fig = go.Figure(
            go.Bar(
                x=pd.to_datetime(added["month"]),
                y=[int(v) for v in added["projects"]],
                marker_color=PALETTE[0],
                hovertemplate="%{x|%m/%Y}: %{y}<extra></extra>",
            )
        )
        added_fig.update_yaxes(title_text=t("dash.unit_projects", lang), **count_axis(added["projects"].max()))
        added_fig.update_xaxes(tickformat="%m/%Y", dtick="M6")
        _layout(added_fig, 280, lang)
    busiest = added.sort_values("projects", ascending=False).head(1)
    note = (
        t(
            "dash.added_note",
            lang,
            month=pd.Timestamp(busiest.iloc[0]["month"]).strftime("%m/%Y"),
            count=int(busiest.iloc[0]["projects"]),
        )
        if len(busiest)
        else t("dash.empty", lang)
    )
    table = _table(
        added.assign(month=pd.to_datetime(added["month"]).dt.strftime("%m/%Y")),
        lang,
        {"month": "dash.col_month", "projects": "dash.col_projects"},
    )
    return Chart("added", t("dash.added", lang), note, added_fig, table)


def _changes_figure(changes: pd.DataFrame, lang: str) -> go.Figure:
    fig = go.Figure()
    for code in dict.fromkeys(changes["status"]):
        part = changes[changes["status"] == code]
        fig.add_bar(
            x=pd.to_datetime(part["month"]),
            y=[int(v) for v in part["changes"]],
            name=plotly_text(part["label"].iloc[0]),
            marker_color=STAGE_COLOURS.get(code, PALETTE[4]),
            hovertemplate="%{x|%m/%Y} · " + part["label"].iloc[0] + ": %{y}<extra></extra>",
        )
    per_month = changes.groupby("month")["changes"].sum().max()
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title_text=t("dash.unit_changes", lang), **count_axis(per_month))
    fig.update_xaxes(tickformat="%m/%Y", dtick="M6")
    _layout(fig, 300, lang)
    legend = {"orientation": "h", "x": 0, "xanchor": "left", "xref": "container", "y": 0, "yanchor": "bottom"}
    fig.update_layout(showlegend=True, legend={**legend, "yref": "container"})
    return fig


def _changes_chart(d: Dashboard, lang: str) -> Chart:
    """Stage changes per month, by the stage reached."""
    changes = d.status_changes
    total = int(changes["changes"].sum()) if len(changes) else 0
    note = t("dash.changes_note", lang, count=total, changes=format_number(total, lang, 0))
    table = _table(
        changes.assign(month=pd.to_datetime(changes["month"]).dt.strftime("%m/%Y")) if len(changes) else changes,
        lang,
        {"month": "dash.col_month", "label": "dash.col_stage", "changes": "dash.col_changes"},
    )
    figure = _changes_figure(changes, lang) if len(changes) else None
    return Chart("changes", t("dash.changes", lang), note, figure, table)


def _stage_time_chart(d: Dashboard, lang: str) -> Chart:
    """Time spent per stage (days: not whole numbers, a median can fall between two)."""
    stage_time = d.stage_time
    labels = [
        f"{format_number(v, lang, 1)} · {t('dash.mean', lang)} {format_number(m, lang, 1)}"
        for v, m in zip(stage_time["median_days"], stage_time["mean_days"], strict=True)
    ]
    unit = t("dash.unit_days", lang)
    hover = "%{customdata}: %{x:,.1f}<extra></extra>"
    fig = _bars(
        stage_time["label"], stage_time["median_days"], labels, unit, lang, PALETTE[6], hover=hover, counts=False
    )
    columns = {
        "label": "dash.col_stage",
        "projects": "dash.col_projects",
        "median_days": "dash.col_median_days",
        "mean_days": "dash.col_mean_days",
    }
    figure = fig if len(stage_time) else None
    return Chart(
        "stage_time",
        t("dash.stage_time", lang),
        t("dash.stage_time_note", lang),
        figure,
        _table(stage_time, lang, columns),
    )


def _inquiry_charts(d: Dashboard, lang: str) -> list[Chart]:
    """Inquiries per project and per investor country."""
    per_project, per_country = d.inquiries_by_project, d.inquiries_by_country
    inquiries = int(per_country["inquiries"].sum()) if len(per_country) else 0
    unit = t("dash.unit_inquiries", lang)
    names = [f"{c} · {name}" for c, name in zip(per_project["code"], per_project["name"], strict=True)]
    by_project = _bars(names, per_project["inquiries"], per_project["inquiries"], unit, lang, PALETTE[3], counts=True)
    countries = per_country["country"]
    by_country = _bars(
        countries, per_country["inquiries"], per_country["inquiries"], unit, lang, PALETTE[3], counts=True
    )
    note = t(
        "dash.inquiries_note",
        lang,
        count=inquiries,
        inquiries=format_number(inquiries, lang, 0),
        countries=_countries(per_country, lang),
    )
    project_columns = {"code": "dash.col_code", "name": "dash.col_name", "inquiries": "dash.col_inquiries"}
    country_columns = {"country": "dash.col_country", "inquiries": "dash.col_inquiries"}
    return [
        Chart(
            "inquiries_project",
            t("dash.inquiries_project", lang),
            note,
            by_project if len(per_project) else None,
            _table(per_project, lang, project_columns),
        ),
        Chart(
            "inquiries_country",
            t("dash.inquiries_country", lang),
            t("dash.country_note", lang),
            by_country if len(per_country) else None,
            _table(per_country, lang, country_columns),
        ),
    ]


def _agencies_chart(d: Dashboard, lang: str) -> Chart:
    """Lead agencies with the most open projects."""
    agencies = d.agencies_open
    unit = t("dash.unit_projects", lang)
    fig = _bars(
        agencies["label"], agencies["open_projects"], agencies["open_projects"], unit, lang, PALETTE[4], counts=True
    )
    columns = {"label": "dash.col_agency", "open_projects": "dash.col_open"}
    figure = fig if len(agencies) else None
    return Chart(
        "agencies", t("dash.agencies", lang), t("dash.agencies_note", lang), figure, _table(agencies, lang, columns)
    )


def _countries(per_country: pd.DataFrame, lang: str) -> str:
    """ "3 quốc gia" / "3 countries", "1 country"."""
    count = len(per_country)
    return t("dash.countries", lang, count=count, n=format_number(count, lang, 0))


def _table(frame: pd.DataFrame, lang: str, columns: dict[str, str]) -> pd.DataFrame:
    """The figures behind a chart, with headers in ``lang`` (only the columns named)."""
    present = [c for c in columns if c in frame.columns]
    return frame[present].rename(columns={c: t(columns[c], lang) for c in present}).reset_index(drop=True)


def _target_band(fig: go.Figure, goal: pd.Series, period: tuple[int, int], lang: str) -> None:
    """The target's band over the plan period, shaded, with its range and year written at its corner."""
    start, end = period
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


def target_chart(
    goal: pd.Series,
    measured: pd.DataFrame,
    period: tuple[int, int],
    lang: str = "vi",
    *,
    title: str = "",
    as_of: dt.date | None = None,
) -> go.Figure:
    """One target: its band over the plan period (shaded) and the measured shares per year. With a
    ``title``, the figure also carries the sources of the values and the date (it is exported)."""
    start, end = period
    years = [int(y) for y in measured["year"]] if len(measured) else []
    first, last = min([start - 1, *years]), max([end, *years])
    fig = go.Figure()
    _target_band(fig, goal, period, lang)
    if len(measured):
        fig.add_scatter(
            x=years,
            y=list(measured["value_pct"]),
            mode="lines+markers+text",
            text=[f"{n0(v, lang)}%" for v in measured["value_pct"]],
            textposition="top center",
            cliponaxis=False,
            marker={"color": PALETTE[3], "size": 9},
            line={"color": PALETTE[3]},
            hovertemplate="%{x}: %{y}%<extra></extra>",
        )
    fig.update_xaxes(range=[first - 0.6, last + 0.6], dtick=1, tickformat="d", title_text=t("plan.year", lang))
    axis = t(f"plan.axis.{goal.get('measure') or 'demand_met'}", lang)  # the Capital's demand met, or exports
    fig.update_yaxes(range=[0, 100], dtick=20, title_text=axis, ticksuffix="%")
    _layout(fig, 240, lang)
    if title:
        sources = "; ".join(
            f"{source} ({int(year)})" for year, source in zip(measured["year"], measured["source"], strict=True)
        )
        footer = [
            t("chart.target_source", lang, sources=sources or "—", date=format_date(as_of or hanoi_today(), lang))
        ]
        _titled(fig, title, footer)
    return fig


def n0(value: float, lang: str) -> str:
    """A share or a count as people write it: no decimals when whole, one otherwise."""
    return format_number(value, lang, 0 if float(value).is_integer() else 1)
