"""The frame: page config, language switch, navigation. Pages live in pages/."""

import streamlit as st

from catalogue import CatalogueError
from catalogue.i18n import t
from pages._state import get_catalogue, language, language_switch

with st.sidebar:
    language_switch()
lang = language()
st.set_page_config(page_title=t("app.title", lang), page_icon=":material/eco:", layout="wide")

try:
    get_catalogue()
except CatalogueError as error:
    st.error(t("app.db_error", lang, message=error.message(lang)))
    st.stop()

navigation = st.navigation(
    [
        st.Page("pages/browse.py", title=t("app.page_browse", lang), icon=":material/search:", default=True),
        st.Page("pages/project.py", title=t("app.page_project", lang), url_path="project", visibility="hidden"),
        st.Page(
            "pages/shortlist.py", title=t("app.page_shortlist", lang), icon=":material/bookmarks:", url_path="shortlist"
        ),
    ]
)
navigation.run()
