"""The plan's targets (bands and measured values) and tasks (standing, progress per year, by agency).

The URL holds what is chosen (``?plan=…&agency=…&tab=tasks``): a reload, a shared link or a
language switch shows the same view. Every choice widget keeps a code, never its label.
"""

import pandas as pd
import streamlit as st

from app_pages._leadership import cached_assignments, cached_plan, cached_target_figures, tabs
from app_pages._state import current_user, get_catalogue, language, page_params, set_page_params
from app_pages._widgets import bound, sync_value
from catalogue.clock import hanoi_today
from catalogue.leadership import plan
from catalogue.leadership.charts import n0, plotly_config
from catalogue.leadership.report import DEFAULT_PLAN
from catalogue.staff import auth
from catalogue.text import enum_label, format_date, format_datetime, localized, localized_series, t

lang = language()
cat = get_catalogue()
user = current_user()
staff = user is not None and auth.has_role(user.role, "staff")
reviewer = user is not None and auth.has_role(user.role, "reviewer")
today = hanoi_today()
this_year = today.year


def _from_url(name: str) -> str | None:
    values = page_params().get(name) or []
    return values[0] if values else None


def write_url() -> None:
    """The URL shows what is chosen (language and shortlist kept), so a reload or a shared link shows
    it too. Written when a choice changes (before the next run reads the URL, which then agrees with
    the choice) and at the end of every run."""
    wanted = {"plan": st.session_state.get("plan_chosen") or DEFAULT_PLAN}
    if st.session_state.get("plan_agency"):
        wanted["agency"] = st.session_state["plan_agency"]
    if st.session_state.get("plan_tab", "targets") != "targets":
        wanted["tab"] = st.session_state["plan_tab"]
    set_page_params(wanted)


# The URL decides when it names something that exists; otherwise the session's choice stays.
all_plans = plan.plans(cat)
plan_names = {p.code: p.title()(lang) for p in all_plans}
if _from_url("plan") in plan_names:
    sync_value("plan_chosen", _from_url("plan"))
tab_codes = ["targets", "tasks"] + (["new"] if reviewer else [])
if _from_url("tab") in tab_codes:
    sync_value("plan_tab", _from_url("tab"))

st.title(t("plan.title", lang))
chosen = bound(
    st.selectbox,
    t("plan.choose", lang),
    key="plan_chosen",
    options=list(plan_names),
    default=DEFAULT_PLAN if DEFAULT_PLAN in plan_names else next(iter(plan_names)),
    format_func=lambda code: plan_names[code],
    on_change=write_url,
)
current = plan.get_plan(cat, chosen)
st.caption(t("plan.period", lang, start=current.period_start, end=current.period_end, document=current.document))
goals, measured, task_frame = cached_plan(cat, chosen)
other_duties = cached_assignments(cat, chosen)  # section V duties without a task row
agencies = sorted(
    set(task_frame["lead_agency"].dropna())
    | set(task_frame["successor_code"].dropna())
    | {code for code in other_duties["agency"].dropna() if code}
    | {code for code in other_duties["successor_code"].dropna() if code}
)
if _from_url("agency") in agencies:
    sync_value("plan_agency", _from_url("agency"))


def goal_label(row) -> str:
    return localized(row, "label", lang)


def saved_or_error(action) -> None:
    try:
        action()
        st.toast(t("plan.saved", lang), icon=":material/check:")
        st.rerun()
    except plan.PlanError as error:
        st.error(error.text(lang))


tab_labels = [t("plan.tab_targets", lang, count=len(goals)), t("plan.tab_tasks", lang, count=len(task_frame))]
if reviewer:
    tab_labels.append(t("plan.tab_new", lang))
shown_tabs = tabs(tab_codes, tab_labels, key="plan_tab", default="targets", on_change=write_url)

with shown_tabs["targets"]:
    if shown_tabs["targets"].open:
        st.caption(t("plan.targets_intro", lang))
        figures = cached_target_figures(cat, chosen, lang)
        if not figures:  # one clear empty state, not ten empty charts
            st.info(t("plan.none_measured", lang), icon=":material/query_stats:")
        drawn = [row for row in goals.itertuples() if row.code in figures]
        rows = [st.columns(2) for _ in range(0, len(drawn), 2)]  # in rows, so that a phone keeps the order
        for index, goal in enumerate(drawn):
            mine = measured[measured["target_code"] == goal.code].sort_values("year")
            latest = mine.iloc[-1]
            with rows[index // 2][index % 2].container(border=True, key=f"target-card-{goal.code}"):
                st.plotly_chart(
                    figures[goal.code],
                    config=plotly_config(lang, f"target-{goal.code}-{today:%Y-%m-%d}"),
                    key=f"target-{goal.code}",
                    width="stretch",
                    alt=goal_label(goal),
                )
                st.caption(
                    t(
                        "plan.latest",
                        lang,
                        value=n0(latest["value_pct"], lang),
                        year=int(latest["year"]),
                        source=latest["source"],
                    )
                )
        unmeasured = goals[~goals["code"].isin(list(figures))]
        if len(unmeasured):
            if figures:
                st.markdown(f"**{t('plan.unmeasured', lang, count=len(unmeasured))}**")
            st.dataframe(
                pd.DataFrame(
                    {
                        t("plan.col_target", lang): [goal_label(row) for row in unmeasured.itertuples()],
                        t("plan.col_band", lang): [
                            f"{n0(row.low_pct, lang)}–{n0(row.high_pct, lang)}%" for row in unmeasured.itertuples()
                        ],
                        t("report.target_measure", lang): [  # of the Capital's demand, or of products exported
                            enum_label("target_measure", row.measure)(lang) for row in unmeasured.itertuples()
                        ],
                        t("plan.col_year", lang): [str(row.target_year) for row in unmeasured.itertuples()],
                    }
                ),
                hide_index=True,
                width="stretch",
            )
        if staff and len(goals):
            with (
                st.expander(t("plan.record_value", lang), icon=":material/edit_note:"),
                st.form("plan-measure", clear_on_submit=True),
            ):
                labels = dict(zip(goals["code"], [goal_label(row) for row in goals.itertuples()], strict=True))
                target_code = bound(
                    st.selectbox,
                    t("plan.target", lang),
                    key="plan_measure_target",
                    options=list(labels),
                    default=next(iter(labels)),
                    format_func=lambda code: labels[code],
                    in_form=True,
                )
                year = st.number_input(
                    t("plan.year", lang), min_value=2000, max_value=2100, value=this_year - 1, step=1
                )
                value = st.number_input(t("plan.value", lang), min_value=0.0, max_value=100.0, step=0.5)
                source = st.text_input(t("plan.source", lang))
                note = st.text_input(t("plan.note", lang))
                if st.form_submit_button(t("plan.save", lang), type="primary"):
                    saved_or_error(
                        lambda: plan.record_measurement(
                            cat, chosen, target_code, int(year), value, source, actor=user.name, note=note
                        )
                    )
        elif not staff:
            st.caption(t("plan.staff_only", lang))

STANDING_BADGE = {"done": "green", "in_progress": "blue", "not_started": "gray", "overdue": "red"}


def show_assignments(frame: pd.DataFrame, agency: str) -> None:
    """The plan's other assignments (section V duties without a task row), under the tasks."""
    if agency:  # its own duties, and those of the departments merged into it in 2025
        frame = frame[(frame["agency"] == agency) | (frame["successor_code"] == agency)]
    if frame.empty:
        return
    st.subheader(t("plan.assignments", lang))
    st.caption(t("plan.assignments_note", lang))
    for row in frame.itertuples():
        with st.container(border=True, key=f"assignment-{row.code}"):
            st.markdown(f"**{row.code}** {localized(row, 'text', lang)}")
            who = localized(row, "agency", lang) if isinstance(row.agency, str) and row.agency else ""
            successor = localized(row, "successor", lang)
            if isinstance(successor, str) and successor:
                who += f" ({t('plan.successor', lang, agency=successor)})"
            section = row.code.rstrip("ab")  # V.6a and V.6b are two duties of section V.6
            st.caption(
                f"{t('plan.assigned_to', lang, agency=who or t('plan.enterprises', lang))} · "
                + t("plan.assignment_source", lang, section=section)
            )


with shown_tabs["tasks"]:
    if shown_tabs["tasks"].open:
        # The same sentence, from the same count, as the dashboard and the annual report.
        st.markdown(plan.tasks_text(plan.task_counts(task_frame))(lang))
        st.caption(
            t("plan.as_of", lang, date=format_date(today, lang)) + " " + t("plan.overdue_rule", lang),
        )
        # Today's agencies too: choosing a merged department's successor shows the tasks it inherited.
        agency = bound(
            st.selectbox,
            t("plan.agency_filter", lang),
            key="plan_agency",
            options=["", *agencies],
            default="",
            format_func=lambda c: t("plan.all_agencies", lang) if not c else cat.reference.agencies.label(c)(lang),
            on_change=write_url,
        )
        shown = (
            task_frame
            if not agency
            else task_frame[(task_frame["lead_agency"] == agency) | (task_frame["successor_code"] == agency)]
        )
        if agency:  # the chosen agency's own count: the plan-wide sentence above stays the report's
            name = cat.reference.agencies.label(agency)(lang)
            if len(shown):
                st.markdown(
                    t("plan.agency_tasks", lang, agency=name, summary=plan.tasks_text(plan.task_counts(shown))(lang))
                )
            else:
                st.info(t("plan.agency_no_tasks", lang, agency=name), icon=":material/info:")
        for group, rows in shown.groupby("task_group", sort=True):
            st.subheader(f"{group}. {localized(rows.iloc[0], 'group_title', lang)}")
            for row in rows.itertuples():
                with st.container(border=True, key=f"task-{row.code}"):
                    badge = f":{STANDING_BADGE[row.standing]}-background[{plan.standing_label(row.standing)(lang)}]"
                    st.markdown(f"**{row.code}** {localized(row, 'title', lang)} {badge}")
                    lead = localized(row, "agency", lang)
                    successor = localized(row, "successor", lang)
                    lead_text = t("plan.lead", lang, agency=lead or row.lead_agency)
                    if isinstance(successor, str) and successor:
                        lead_text += f" ({t('plan.successor', lang, agency=successor)})"
                    frame_text = t("plan.annual", lang) if row.time_frame == "annual" else row.time_frame
                    st.caption(f"{lead_text} · {t('plan.time_frame', lang, frame=frame_text)}")
                    st.caption(t("plan.partners", lang, partners=localized(row, "partners", lang)))
                    if isinstance(row.state, str):
                        progress = t(
                            "plan.progress", lang, year=int(row.progress_year), state=plan.state_label(row.state)(lang)
                        )
                        if isinstance(row.note, str) and row.note:
                            progress += f" — {row.note}"
                        if isinstance(row.evidence_url, str) and row.evidence_url:
                            progress += f" · [{t('plan.evidence', lang)}]({row.evidence_url})"
                        if not pd.isna(row.recorded_at):
                            progress += " · " + t(
                                "plan.recorded", lang, time=format_datetime(pd.Timestamp(row.recorded_at), lang)
                            )
                        st.markdown(progress)
                    else:
                        st.caption(t("plan.no_progress", lang))
        show_assignments(other_duties, agency)
        if staff:
            with (
                st.expander(t("plan.record_progress", lang), icon=":material/edit_note:"),
                st.form("plan-progress", clear_on_submit=True),
            ):
                titles = dict(zip(task_frame["code"], localized_series(task_frame, "title", lang), strict=True))
                task_code = bound(
                    st.selectbox,
                    t("plan.task", lang),
                    key="plan_progress_task",
                    options=list(titles),
                    default=next(iter(titles)),
                    format_func=lambda c: f"{c} · {titles[c][:90]}",
                    in_form=True,
                )
                year = st.number_input(t("plan.year", lang), min_value=2000, max_value=2100, value=this_year, step=1)
                state = bound(
                    st.selectbox,
                    t("plan.state", lang),
                    key="plan_progress_state",
                    options=list(plan.TASK_STATES),
                    default="in_progress",
                    format_func=lambda s: plan.state_label(s)(lang),
                    in_form=True,
                )
                note = st.text_area(t("plan.note", lang))
                evidence = st.text_input(t("plan.evidence_url", lang))
                if st.form_submit_button(t("plan.save", lang), type="primary"):
                    saved_or_error(
                        lambda: plan.record_progress(
                            cat, chosen, task_code, int(year), state, actor=user.name, note=note, evidence_url=evidence
                        )
                    )
        else:
            st.caption(t("plan.staff_only", lang))

if "new" in shown_tabs:
    with shown_tabs["new"]:
        if shown_tabs["new"].open:
            st.caption(t("plan.new_intro", lang))
            with st.form("plan-new", clear_on_submit=True):
                code = st.text_input(t("plan.code", lang), placeholder="vn_ctqg_2025_2030")
                name_vi = st.text_input(t("plan.name_vi", lang))
                name_en = st.text_input(t("plan.name_en", lang))
                document = st.text_input(t("plan.document", lang))
                start_col, end_col = st.columns(2)
                start = start_col.number_input(
                    t("plan.start", lang), min_value=2000, max_value=2100, value=2026, step=1
                )
                end = end_col.number_input(t("plan.end", lang), min_value=2000, max_value=2100, value=2030, step=1)
                if st.form_submit_button(t("plan.add_plan", lang), type="primary"):
                    saved_or_error(lambda: plan.add_plan(cat, code, name_vi, name_en, document, int(start), int(end)))
            st.markdown(f"**{t('plan.add_target', lang)}** — {current.title()(lang)}")
            with st.form("plan-target", clear_on_submit=True):
                code = st.text_input(t("plan.target_code", lang))
                label_vi = st.text_input(t("plan.name_vi", lang))
                label_en = st.text_input(t("plan.name_en", lang))
                low_col, high_col, year_col = st.columns(3)
                low = low_col.number_input(t("plan.low", lang), min_value=0.0, max_value=100.0, step=5.0)
                high = high_col.number_input(t("plan.high", lang), min_value=0.0, max_value=100.0, step=5.0)
                target_year = year_col.number_input(
                    t("plan.target_year", lang), min_value=2000, max_value=2100, value=current.period_end, step=1
                )
                measure = bound(
                    st.selectbox,
                    t("report.target_measure", lang),
                    key="plan_target_measure",
                    options=list(plan.MEASURES),
                    default="demand_met",
                    format_func=lambda m: enum_label("target_measure", m)(lang),
                    in_form=True,
                )
                if st.form_submit_button(t("plan.add_target", lang)):
                    saved_or_error(
                        lambda: plan.add_target(
                            cat, chosen, code, label_vi, label_en, low, high, int(target_year), measure=measure
                        )
                    )

write_url()
