"""Browse: the published projects (the full investor experience comes in a later issue)."""

import streamlit as st

from catalogue.i18n import t
from catalogue.views import browse_table, demo_count
from pages._state import get_catalogue, language

lang = language()
cat = get_catalogue()

st.title(t("app.title", lang))
st.caption(t("app.subtitle", lang))

if "q" not in st.session_state:
    st.session_state["q"] = st.query_params.get("q", "")[:200]


def _remember_query() -> None:
    query = st.session_state.get("q", "").strip()
    if query:
        st.query_params["q"] = query
    else:
        st.query_params.pop("q", None)


st.text_input(t("browse.search", lang), key="q", placeholder=t("browse.search_hint", lang), on_change=_remember_query)
table, total = browse_table(cat, lang, st.session_state["q"])
demo = demo_count(cat)
if demo:
    st.info(t("browse.demo_notice", lang, count=demo), icon=":material/info:")
if table.empty:
    st.write(t("browse.no_match", lang) if st.session_state["q"].strip() else t("browse.empty", lang))
else:
    st.write(t("browse.count", lang, count=total))
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            t("col.code", lang): st.column_config.TextColumn(width="small"),
            t("col.name", lang): st.column_config.TextColumn(width="large"),
            t("col.category", lang): st.column_config.TextColumn(width="medium"),
        },
    )
st.caption(t("browse.source", lang))
