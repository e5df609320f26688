"""The shortlist: up to four projects side by side, and downloads of them."""

import streamlit as st

from app_pages._state import (
    SHORTLIST_LIMIT,
    get_catalogue,
    language,
    link,
    results_params,
    shortlist,
    shortlist_button,
)
from catalogue.projects.views import compare_html, escape_markdown, export_bytes, looks_like_code
from catalogue.text import t

lang = language()
cat = get_catalogue()
st.title(t("shortlist.title", lang))
gone = st.session_state.pop("shortlist_gone", None)
if gone:  # taken off the list by the frame: no longer public (what is not a code at all is counted, not shown)
    shown = [code for code in gone if looks_like_code(code)]
    others = len(gone) - len(shown)
    listed = ", ".join(shown + ([t("shortlist.others", lang, count=others)] if others else []))
    st.info(t("shortlist.gone", lang, codes=escape_markdown(listed)), icon=":material/info:")
over = st.session_state.pop("shortlist_over", None)
if over:  # the link named more than the list holds
    codes = escape_markdown(", ".join(over))
    st.info(t("shortlist.over", lang, limit=SHORTLIST_LIMIT, codes=codes), icon=":material/info:")
visible = [code for code in shortlist() if cat.project(code) is not None]  # a project may have been withdrawn
if not visible:
    st.info(t("shortlist.empty", lang), icon=":material/bookmark:")
    link("app_pages/browse.py", t("project.back", lang), results_params(), icon=":material/arrow_back:")
    st.stop()

st.subheader(t("shortlist.compare", lang))
st.html(compare_html(cat, visible, lang))
if len(visible) > 1:
    st.caption(t("shortlist.differs", lang))
with st.container(horizontal=True, gap="medium"):
    for code in visible:
        with st.container(border=True, width="content"):
            link(
                "app_pages/project.py",
                t("shortlist.open", lang, code=code),
                {"code": code},
                icon=":material/open_in_new:",
            )
            shortlist_button(code, lang, key="shortlist")
with st.container(horizontal=True, gap="small"):
    st.download_button(
        t("shortlist.csv", lang),
        export_bytes(cat, ".csv", lang, code=visible),
        file_name="shortlist.csv",
        mime="text/csv",
        icon=":material/download:",
    )
    st.download_button(
        t("shortlist.xlsx", lang),
        export_bytes(cat, ".xlsx", lang, code=visible),
        file_name="shortlist.xlsx",
        icon=":material/download:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
