"""The leadership dashboard: headline figures and charts, the browse page's filters, the annual report."""

import streamlit as st

from app_pages._filters import filter_panel, read_state, search_box
from app_pages._leadership import cached_dashboard, cached_plan
from app_pages._state import current_user, get_catalogue, language, link
from app_pages._widgets import bound, set_value
from catalogue.clock import hanoi_today, utcnow
from catalogue.leadership import plan
from catalogue.leadership.charts import plotly_config
from catalogue.leadership.report import DEFAULT_PLAN, REPORT_FIRST_YEAR, cached_report
from catalogue.projects.money import exchange_rate
from catalogue.staff import auth
from catalogue.text import LANGUAGES, format_date, format_datetime, format_number, t

lang = language()
cat = get_catalogue()
ref = cat.reference
user = current_user()
state = read_state(ref, lang)  # the browse page's parameters: a link from there shows the same projects

st.title(t("dash.title", lang))
st.caption(t("dash.subtitle", lang))

with st.sidebar:
    st.header(t("browse.filters", lang))
    search_box(state, lang)
    filter_panel(ref, state, lang, None)
    include_hidden = False
    if user is not None and auth.has_role(user.role, "staff"):
        include_hidden = bound(st.toggle, t("dash.include_hidden", lang), key="d_hidden", default=False)

filters = state.filters()
figures, charts = cached_dashboard(cat, lang, include_hidden=include_hidden, query=state.q, **filters)

if include_hidden:
    st.warning(t("dash.hidden_shown", lang), icon=":material/visibility:")
if figures.demo_projects:
    st.info(
        t(
            "dash.demo",
            lang,
            demo=format_number(figures.demo_projects, lang, 0),
            total=format_number(figures.projects, lang, 0),
        ),
        icon=":material/science:",
    )
if figures.projects == 0:
    st.info(t("dash.none", lang), icon=":material/filter_alt_off:")
    st.stop()

rate = exchange_rate()
a, b, c = st.columns(3)
a.metric(t("dash.projects", lang), format_number(figures.projects, lang, 0))
b.metric(t("dash.capital", lang), format_number(figures.capital_vnd_bn, lang, 0))
c.metric(t("dash.capital_usd", lang), format_number(figures.capital_usd_m, lang, 0))
stages = st.columns(max(1, len(figures.by_status)))
for column, row in zip(stages, figures.by_status.itertuples(), strict=False):
    column.metric(row.label, format_number(row.projects, lang, 0))
st.caption(
    t("dash.rate_note", lang, rate=format_number(rate.vnd_per_usd, lang, 0), date=format_date(rate.as_of, lang))
    + " "
    + t("dash.as_of", lang, time=format_datetime(utcnow(), lang))
)

today = hanoi_today()
rows = [st.columns(2) for _ in range(0, len(charts), 2)]  # in rows, so that a phone keeps the order
for index, chart in enumerate(charts):
    with rows[index // 2][index % 2].container(border=True, key=f"card-chart-{chart.key}"):
        if chart.figure is None:  # nothing to draw, to read or to tabulate yet
            st.markdown(f"**{chart.title}**")
            st.caption(t("dash.empty", lang))
            continue
        # The figure carries its title, source and date: a downloaded PNG says what it shows.
        st.plotly_chart(
            chart.figure,
            config=plotly_config(lang, f"{chart.key}-{today:%Y-%m-%d}"),
            key=f"chart-{chart.key}",
            width="stretch",
            alt=f"{chart.title}. {chart.note}",
        )
        st.caption(chart.note)
        table = st.expander(t("dash.table", lang), key=f"table-{chart.key}", on_change="rerun")
        if table.open:  # drawn only when asked for: eleven grids would slow every visit
            with table:
                st.dataframe(chart.table, hide_index=True, width="stretch")

st.divider()
# The plan the annual report follows, with the same count of tasks by standing as the report and /plan.
report_plan = next((p for p in plan.plans(cat) if p.code == DEFAULT_PLAN), None)
if report_plan is not None:
    st.subheader(t("dash.plan_tasks", lang) + f": {report_plan.document}")
    st.markdown(plan.tasks_text(plan.task_counts(cached_plan(cat, report_plan.code)[2]))(lang))
    link("app_pages/plan.py", t("dash.plan_link", lang), {"plan": report_plan.code}, icon=":material/flag:")

st.subheader(t("dash.report", lang))
st.caption(t("dash.report_note", lang))
year_col, lang_col = st.columns(2)
with year_col:
    year = bound(
        st.selectbox,
        t("dash.report_year", lang),
        key="d_report_year",
        options=list(range(today.year, REPORT_FIRST_YEAR - 1, -1)),
        default=today.year,
        format_func=str,
    )
with lang_col:
    report_lang = bound(
        st.segmented_control,
        t("dash.report_lang", lang),
        key="d_report_lang",
        options=["vi", "en"],
        default=lang,
        format_func=lambda code: t(f"language.{code}", lang),
    )
if report_lang not in LANGUAGES:  # a segmented control can be clicked off: the page's language again
    report_lang = lang
    set_value("d_report_lang", lang)
xlsx_col, html_col = st.columns(2)
xlsx_col.download_button(
    t("dash.report_xlsx", lang),
    data=lambda: cached_report(cat, year, report_lang, "xlsx"),
    file_name=f"bao-cao-cong-nghiep-moi-truong-{year}-{report_lang}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
    on_click="ignore",
)
html_col.download_button(
    t("dash.report_html", lang),
    data=lambda: cached_report(cat, year, report_lang, "html"),
    file_name=f"bao-cao-{year}-{report_lang}.html",
    mime="text/html",
    icon=":material/print:",
    on_click="ignore",
)
