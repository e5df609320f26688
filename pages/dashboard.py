"""The leadership dashboard: headline figures and charts, the browse page's filters, the annual report."""

import datetime as dt

import streamlit as st

from catalogue import auth
from catalogue.browse_state import parse_params, to_params
from catalogue.charts import dashboard_charts
from catalogue.dashboard import dashboard
from catalogue.i18n import format_number, t
from catalogue.money import exchange_rate
from catalogue.report import report_html, report_xlsx
from pages._state import current_user, get_catalogue, language

lang = language()
cat = get_catalogue()
ref = cat.reference
user = current_user()
FILTER_KEYS = ("category", "district", "status", "form", "agency")

if "dash" not in st.session_state:  # first run: the URL decides (the browse page's parameters)
    state, problems = parse_params({k: st.query_params.get_all(k) for k in st.query_params}, ref)
    st.session_state["dash"] = True
    st.session_state["d_q"] = state.q
    for name in FILTER_KEYS:
        st.session_state[f"d_{name}"] = list(getattr(state, name))
    st.session_state["d_min"], st.session_state["d_max"] = state.min_vnd, state.max_vnd
    for problem in problems:
        st.toast(problem.text(lang), icon=":material/info:")

st.title(t("dash.title", lang))
st.caption(t("dash.subtitle", lang))

with st.sidebar:
    st.header(t("browse.filters", lang))
    st.text_input(t("browse.search", lang), key="d_q", placeholder=t("browse.search_hint", lang))
    for label, name, enum, options in (
        ("browse.category", "category", ref.categories, ref.categories.codes),
        ("browse.district", "district", ref.districts, ref.districts.codes),
        ("browse.status", "status", ref.statuses, list(ref.public_statuses)),
        ("browse.form", "form", ref.forms, ref.forms.codes),
        ("browse.agency", "agency", ref.agencies, ref.agencies.codes),
    ):
        st.multiselect(
            t(label, lang),
            options,
            key=f"d_{name}",
            placeholder=t("browse.choose", lang),
            format_func=lambda code, enum=enum: enum.label(code, lang),
        )
    low, high = st.columns(2)
    low.number_input(t("browse.min_vnd", lang), min_value=0.0, step=50.0, key="d_min")
    high.number_input(t("browse.max_vnd", lang), min_value=0.0, step=50.0, key="d_max")
    include_hidden = False
    if user is not None and auth.has_role(user.role, "staff"):
        include_hidden = st.toggle(t("dash.include_hidden", lang), key="d_hidden")

s = st.session_state
state, _ = parse_params(
    {
        "q": [s["d_q"].strip()[:200]] if s["d_q"].strip() else [],
        "category": s["d_category"],
        "district": s["d_district"],
        "status": s["d_status"],
        "form": s["d_form"],
        "agency": s["d_agency"],
        "min_vnd": [] if s["d_min"] is None else [str(s["d_min"])],
        "max_vnd": [] if s["d_max"] is None else [str(s["d_max"])],
    },
    ref,
)
st.query_params.from_dict(to_params(state.with_changes(lang=lang)))
filters = state.filters()
figures = dashboard(cat, lang, include_hidden=include_hidden, query=state.q, **filters)

if include_hidden:
    st.warning(t("dash.hidden_shown", lang), icon=":material/visibility:")
if figures.demo_projects:
    st.info(t("dash.demo", lang, demo=figures.demo_projects, total=figures.projects), icon=":material/science:")
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
    t("dash.rate_note", lang, rate=format_number(rate.vnd_per_usd, lang, 0), date=rate.as_of.strftime("%d/%m/%Y"))
)

PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}
charts = dashboard_charts(figures, lang)
left, right = st.columns(2)
for index, chart in enumerate(charts):
    with (left if index % 2 == 0 else right).container(border=True):
        st.markdown(f"**{chart.title}**")
        if chart.figure is None:
            st.caption(t("dash.empty", lang))
        else:
            config = PLOTLY_CONFIG | {"toImageButtonOptions": {"format": "png", "filename": chart.key, "scale": 2}}
            st.plotly_chart(chart.figure, config=config, key=f"chart-{chart.key}", width="stretch")
        st.caption(chart.note)
        with st.expander(t("dash.table", lang)):
            st.dataframe(chart.table, hide_index=True, width="stretch")

st.divider()
st.subheader(t("dash.report", lang))
st.caption(t("dash.report_note", lang))
year_col, lang_col = st.columns(2)
this_year = dt.date.today().year
year = year_col.selectbox(t("dash.report_year", lang), list(range(this_year, 2022, -1)), key="d_report_year")
report_lang = (
    lang_col.segmented_control(
        t("dash.report_lang", lang),
        ["vi", "en"],
        default="vi",
        format_func=lambda code: t(f"language.{code}"),
        key="d_report_lang",
    )
    or "vi"
)
xlsx_col, html_col = st.columns(2)
xlsx_col.download_button(
    t("dash.report_xlsx", lang),
    data=lambda: report_xlsx(cat, year, lang=report_lang),
    file_name=f"bao-cao-cong-nghiep-moi-truong-{year}-{report_lang}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
    on_click="ignore",
)
html_col.download_button(
    t("dash.report_html", lang),
    data=lambda: report_html(cat, year, lang=report_lang),
    file_name=f"bao-cao-{year}-{report_lang}.html",
    mime="text/html",
    icon=":material/print:",
    on_click="ignore",
)
