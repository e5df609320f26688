"""The shortlist: up to four projects side by side, and downloads of them."""

import streamlit as st

from catalogue.i18n import t
from catalogue.views import compare_table, export_bytes
from pages._state import get_catalogue, language, shortlist, shortlist_button

lang = language()
cat = get_catalogue()
st.title(t("shortlist.title", lang))
visible = [code for code in shortlist() if cat.project(code) is not None]  # a project may have been withdrawn
if not visible:
    st.info(t("shortlist.empty", lang), icon=":material/bookmark:")
    st.page_link("pages/browse.py", label=t("project.back", lang), icon=":material/arrow_back:")
    st.stop()

st.subheader(t("shortlist.compare", lang))
st.dataframe(compare_table(cat, visible, lang), width="stretch")
for column, code in zip(st.columns(len(visible)), visible, strict=True):
    with column:
        st.page_link("pages/project.py", label=code, query_params={"code": code, "lang": lang})
        shortlist_button(code, lang, key="shortlist")
left, right = st.columns(2)
left.download_button(
    t("shortlist.csv", lang),
    export_bytes(cat, ".csv", lang, code=visible),
    file_name="shortlist.csv",
    mime="text/csv",
    icon=":material/download:",
)
right.download_button(
    t("shortlist.xlsx", lang),
    export_bytes(cat, ".xlsx", lang, code=visible),
    file_name="shortlist.xlsx",
    icon=":material/download:",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
