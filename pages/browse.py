"""Browse: the published projects (the full investor experience comes in a later issue)."""

import streamlit as st

from catalogue.i18n import t
from catalogue.views import browse_table, demo_count
from pages._state import get_catalogue, language

lang = language()
cat = get_catalogue()

st.title(t("app.title", lang))
st.caption(t("app.subtitle", lang))

table = browse_table(cat, lang)
demo = demo_count(cat)
if demo:
    st.info(t("browse.demo_notice", lang, count=demo), icon=":material/info:")
if table.empty:
    st.write(t("browse.empty", lang))
else:
    st.write(t("browse.count", lang, count=len(table)))
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
