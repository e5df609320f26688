"""Cached figures for the leadership pages (dashboard, plan) and their language-proof tabs.

The figures change only when the catalogue's data does, or when the day changes (time spent per
stage counts to today; a task's standing depends on the date). So they are cached with
``st.cache_data`` under the catalogue's ``data_version`` and Hanoi's date: a rerun, a second
visitor or a language switch back costs a dictionary lookup, and the first read after a write
computes them afresh.
"""

from __future__ import annotations

import datetime as dt
import uuid
import weakref
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from app_pages._widgets import widget_key
from catalogue import Catalogue
from catalogue.clock import hanoi_today
from catalogue.leadership import plan
from catalogue.leadership.charts import Chart, dashboard_charts, target_chart
from catalogue.leadership.dashboard import Dashboard, dashboard
from catalogue.text import localized

_IDENTITIES: weakref.WeakKeyDictionary[Catalogue, str] = weakref.WeakKeyDictionary()


def _identity(cat: Catalogue) -> str:
    """Which catalogue (a database opened once in this process): part of every cache key, since
    ``data_version`` counts from zero in each one."""
    return _IDENTITIES.setdefault(cat, uuid.uuid4().hex)


@st.cache_data(show_spinner=False, ttl="1h", max_entries=200)
def _dashboard_and_charts(
    _cat: Catalogue,
    identity: str,
    data_version: int,
    today: dt.date,
    lang: str,
    include_hidden: bool,
    query: str,
    filters: dict[str, Any],
) -> tuple[Dashboard, list[tuple[Chart, dict[str, Any] | None]]]:
    figures = dashboard(_cat, lang, include_hidden=include_hidden, as_of=today, query=query, **filters)
    charts = dashboard_charts(figures, lang)
    # A figure is kept as its plain dictionary: unpickling a plotly Figure validates it again,
    # which costs as much as drawing it.
    kept = [(Chart(c.key, c.title, c.note, None, c.table), c.figure.to_dict() if c.figure else None) for c in charts]
    return figures, kept


def _figure(spec: dict[str, Any] | None) -> go.Figure | None:
    # The dictionary came from a validated figure: no need to validate it again.
    return go.Figure(spec, _validate=False) if spec is not None else None


def cached_dashboard(
    cat: Catalogue, lang: str, *, include_hidden: bool = False, query: str = "", **filters: Any
) -> tuple[Dashboard, list[Chart]]:
    """``catalogue.leadership.dashboard.dashboard()`` and its charts, cached until the data or the day changes."""
    figures, kept = _dashboard_and_charts(
        cat, _identity(cat), cat.data_version, hanoi_today(), lang, include_hidden, query.strip(), dict(filters)
    )
    return figures, [Chart(c.key, c.title, c.note, _figure(spec), c.table) for c, spec in kept]


@st.cache_data(show_spinner=False, ttl="1h", max_entries=50)
def _plan_data(
    _cat: Catalogue, identity: str, data_version: int, today: dt.date, plan_code: str
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return (
        plan.targets(_cat, plan_code),
        plan.measurements(_cat, plan_code),
        plan.tasks(_cat, plan_code, today.year, today=today),
    )


@st.cache_data(show_spinner=False, ttl="1h", max_entries=50)
def _assignments(_cat: Catalogue, identity: str, data_version: int, plan_code: str) -> pd.DataFrame:
    return plan.assignments(_cat, plan_code)


def cached_assignments(cat: Catalogue, plan_code: str) -> pd.DataFrame:
    """The plan's other assignments (section V duties without a task row), cached like the plan."""
    return _assignments(cat, _identity(cat), cat.data_version, plan_code)


def cached_plan(cat: Catalogue, plan_code: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The plan's targets, measured values and tasks (standing as of today in Hanoi), cached."""
    return _plan_data(cat, _identity(cat), cat.data_version, hanoi_today(), plan_code)


@st.cache_data(show_spinner=False, ttl="1h", max_entries=100)
def _target_figures(
    _cat: Catalogue, identity: str, data_version: int, today: dt.date, plan_code: str, lang: str
) -> dict[str, dict[str, Any]]:
    current = plan.get_plan(_cat, plan_code)
    goals, measured, _ = _plan_data(_cat, identity, data_version, today, plan_code)
    out = {}
    for index, goal in enumerate(goals.itertuples()):
        mine = measured[measured["target_code"] == goal.code]
        if len(mine):
            title = localized(goal, "label", lang)
            figure = target_chart(
                goals.iloc[index], mine, (current.period_start, current.period_end), lang, title=title, as_of=today
            )
            out[goal.code] = figure.to_dict()
    return out


def cached_target_figures(cat: Catalogue, plan_code: str, lang: str) -> dict[str, go.Figure]:
    """A chart for each target of the plan that has a measured value, by target code, cached."""
    specs = _target_figures(cat, _identity(cat), cat.data_version, hanoi_today(), plan_code, lang)
    return {code: go.Figure(spec, _validate=False) for code, spec in specs.items()}


def tabs(
    codes: Sequence[str],
    labels: Sequence[str],
    *,
    key: str,
    default: str,
    on_change: Callable[[], None] | None = None,
) -> dict[str, Any]:
    """``st.tabs`` whose choice is kept as a code under ``key``, whatever the labels say (another
    language, new counts): the widget is keyed by its labels, and a new one opens on the kept tab.
    Only the open tab's content needs to run (``tab.open``); returns the tabs by code. ``on_change``
    runs after the kept code was updated (a page writes its URL there, before its next run reads it)."""
    state = st.session_state
    if state.get(key) not in codes:
        state[key] = default if default in codes else codes[0]
    name = widget_key(key, labels)

    def changed() -> None:
        chosen = state.get(name)
        if chosen in labels:
            state[key] = codes[list(labels).index(chosen)]
        if on_change is not None:
            on_change()

    containers = st.tabs(list(labels), key=name, default=labels[list(codes).index(state[key])], on_change=changed)
    return dict(zip(codes, containers, strict=True))
