"""The plan's targets (bands and measured values) and tasks (progress per year, overdue, by agency)."""

import datetime as dt

import streamlit as st

from catalogue import auth, plan
from catalogue.charts import n0, target_chart
from catalogue.i18n import t
from pages._state import current_user, get_catalogue, language

lang = language()
cat = get_catalogue()
user = current_user()
staff = user is not None and auth.has_role(user.role, "staff")
this_year = dt.date.today().year

st.title(t("plan.title", lang))
all_plans = plan.plans(cat)
chosen = st.selectbox(
    t("plan.choose", lang),
    [p.code for p in all_plans],
    format_func=lambda code: next(p.name(lang) for p in all_plans if p.code == code),
    key="plan-chosen",
)
current = plan.get_plan(cat, chosen)
st.caption(t("plan.period", lang, start=current.period_start, end=current.period_end, document=current.document))
goals = plan.targets(cat, chosen)
measured = plan.measurements(cat, chosen)
task_frame = plan.tasks(cat, chosen)

tab_names = [t("plan.tab_targets", lang, count=len(goals)), t("plan.tab_tasks", lang, count=len(task_frame))]
if user is not None and auth.has_role(user.role, "reviewer"):
    tab_names.append(t("plan.tab_new", lang))
tabs = st.tabs(tab_names)


def saved_or_error(action) -> None:
    try:
        action()
        st.toast(t("plan.saved", lang), icon=":material/check:")
        st.rerun()
    except plan.PlanError as error:
        st.error(error.message(lang))


with tabs[0]:
    st.caption(t("plan.targets_intro", lang))
    columns = st.columns(2)
    for index, goal in enumerate(goals.itertuples()):
        mine = measured[measured["target_code"] == goal.code]
        with columns[index % 2].container(border=True):
            st.markdown(f"**{goal.label_vi if lang == 'vi' else goal.label_en}**")
            figure = target_chart(goals.iloc[index], mine, (current.period_start, current.period_end), lang)
            st.plotly_chart(
                figure,
                config={
                    "displaylogo": False,
                    "toImageButtonOptions": {"format": "png", "filename": f"target-{goal.code}"},
                },
                key=f"target-{goal.code}",
                width="stretch",
            )
            if len(mine):
                latest = mine.sort_values("year").iloc[-1]
                st.caption(
                    t(
                        "plan.latest",
                        lang,
                        value=n0(latest["value_pct"], lang),
                        year=latest["year"],
                        source=latest["source"],
                    )
                )
            else:
                st.caption(t("plan.not_measured", lang))
    if staff:
        with (
            st.expander(t("plan.record_value", lang), icon=":material/edit_note:"),
            st.form("plan-measure", clear_on_submit=True),
        ):
            target_code = st.selectbox(
                t("plan.target", lang),
                list(goals["code"]),
                format_func=lambda c: goals.set_index("code").loc[c, "label_vi" if lang == "vi" else "label_en"],
            )
            year = st.number_input(t("plan.year", lang), min_value=2000, max_value=2100, value=this_year - 1, step=1)
            value = st.number_input(t("plan.value", lang), min_value=0.0, max_value=100.0, step=0.5)
            source = st.text_input(t("plan.source", lang))
            note = st.text_input(t("plan.note", lang))
            if st.form_submit_button(t("plan.save", lang), type="primary"):
                saved_or_error(
                    lambda: plan.record_measurement(
                        cat, chosen, target_code, int(year), value, source, actor=user.name, note=note
                    )
                )
    else:
        st.caption(t("plan.staff_only", lang))

with tabs[1]:
    states = task_frame["state"].fillna("not_started").value_counts()
    st.markdown(
        t(
            "plan.tasks_summary",
            lang,
            done=int(states.get("done", 0)),
            progress=int(states.get("in_progress", 0)),
            late=int(states.get("late", 0)),
            none=int(states.get("not_started", 0)),
            overdue=int(task_frame["overdue"].sum()) if len(task_frame) else 0,
        )
    )
    # Today's agencies too: choosing a merged department's successor shows the tasks it inherited.
    agencies = sorted(set(task_frame["lead_agency"].dropna()) | set(task_frame["successor_code"].dropna()))
    agency = st.selectbox(
        t("plan.agency_filter", lang),
        ["", *agencies],
        format_func=lambda c: t("plan.all_agencies", lang) if not c else cat.reference.agencies.label(c, lang),
        key="plan-agency",
    )
    shown = (
        task_frame
        if not agency
        else task_frame[(task_frame["lead_agency"] == agency) | (task_frame["successor_code"] == agency)]
    )
    for group, rows in shown.groupby("task_group", sort=True):
        st.subheader(f"{group}. {rows.iloc[0]['group_title_vi' if lang == 'vi' else 'group_title_en']}")
        for row in rows.itertuples():
            with st.container(border=True):
                flag = f" :red-background[{t('plan.overdue', lang)}]" if row.overdue else ""
                st.markdown(f"**{row.code}** {row.title_vi if lang == 'vi' else row.title_en}{flag}")
                lead = row.agency_vi if lang == "vi" else row.agency_en
                successor = row.successor_vi if lang == "vi" else row.successor_en
                lead_text = t("plan.lead", lang, agency=lead or row.lead_agency)
                if isinstance(successor, str) and successor:
                    lead_text += f" ({t('plan.successor', lang, agency=successor)})"
                frame_text = t("plan.annual", lang) if row.time_frame == "annual" else row.time_frame
                st.caption(f"{lead_text} · {t('plan.time_frame', lang, frame=frame_text)}")
                st.caption(t("plan.partners", lang, partners=row.partners_vi if lang == "vi" else row.partners_en))
                if isinstance(row.state, str):
                    progress = t(
                        "plan.progress", lang, year=int(row.progress_year), state=plan.state_label(row.state, lang)
                    )
                    if isinstance(row.note, str) and row.note:
                        progress += f" — {row.note}"
                    if isinstance(row.evidence_url, str) and row.evidence_url:
                        progress += f" · [{t('plan.evidence', lang)}]({row.evidence_url})"
                    st.markdown(progress)
                else:
                    st.caption(t("plan.no_progress", lang))
    if staff:
        with (
            st.expander(t("plan.record_progress", lang), icon=":material/edit_note:"),
            st.form("plan-progress", clear_on_submit=True),
        ):
            task_code = st.selectbox(
                t("plan.task", lang),
                list(task_frame["code"]),
                format_func=lambda c: (
                    f"{c} · " + task_frame.set_index("code").loc[c, "title_vi" if lang == "vi" else "title_en"][:90]
                ),
            )
            year = st.number_input(t("plan.year", lang), min_value=2000, max_value=2100, value=this_year, step=1)
            state = st.selectbox(
                t("plan.state", lang), list(plan.TASK_STATES), format_func=lambda s: plan.state_label(s, lang)
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

if len(tabs) > 2:
    with tabs[2]:
        st.caption(t("plan.new_intro", lang))
        with st.form("plan-new", clear_on_submit=True):
            code = st.text_input(t("plan.code", lang), placeholder="vn_ctqg_2025_2030")
            name_vi = st.text_input(t("plan.name_vi", lang))
            name_en = st.text_input(t("plan.name_en", lang))
            document = st.text_input(t("plan.document", lang))
            start_col, end_col = st.columns(2)
            start = start_col.number_input(t("plan.start", lang), min_value=2000, max_value=2100, value=2026, step=1)
            end = end_col.number_input(t("plan.end", lang), min_value=2000, max_value=2100, value=2030, step=1)
            if st.form_submit_button(t("plan.add_plan", lang), type="primary"):
                saved_or_error(lambda: plan.add_plan(cat, code, name_vi, name_en, document, int(start), int(end)))
        st.markdown(f"**{t('plan.add_target', lang)}** — {current.name(lang)}")
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
            if st.form_submit_button(t("plan.add_target", lang)):
                saved_or_error(
                    lambda: plan.add_target(cat, chosen, code, label_vi, label_en, low, high, int(target_year))
                )
