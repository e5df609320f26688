"""The frame: page config, language switch, navigation by role. Pages live in pages/."""

import streamlit as st

from catalogue import CatalogueError, auth
from catalogue.i18n import t
from pages._state import current_user, get_catalogue, language, language_switch, session_cookie, sign_out

with st.sidebar:
    language_switch()
lang = language()
st.set_page_config(page_title=t("app.title", lang), page_icon=":material/eco:", layout="wide")

try:
    get_catalogue()
except CatalogueError as error:
    st.error(t("app.db_error", lang, message=error.message(lang)))
    st.stop()

user = current_user()
role = user.role if user else "viewer"
with st.sidebar:
    session_cookie()
if user:
    with st.sidebar:
        st.caption(t("app.signed_in_as", lang, name=user.label(), role=auth.role_label(user.role, lang)))
        if st.button(t("app.sign_out", lang), icon=":material/logout:", key="sign-out"):
            sign_out()
            st.rerun()


def shown(needed: str) -> str:
    """Staff pages are always routed, so their URLs answer; only those the role may use are listed.
    Each page checks the role itself and shows the sign-in instead of data (pages/_state.require)."""
    return "visible" if auth.has_role(role, needed) else "hidden"


public = [
    st.Page("pages/browse.py", title=t("app.page_browse", lang), icon=":material/search:", default=True),
    st.Page("pages/project.py", title=t("app.page_project", lang), url_path="project", visibility="hidden"),
    st.Page(
        "pages/shortlist.py", title=t("app.page_shortlist", lang), icon=":material/bookmarks:", url_path="shortlist"
    ),
    st.Page(
        "pages/dashboard.py", title=t("app.page_dashboard", lang), icon=":material/monitoring:", url_path="dashboard"
    ),
    st.Page("pages/plan.py", title=t("app.page_plan", lang), icon=":material/flag:", url_path="plan"),
    st.Page(
        "pages/signin.py",
        title=t("app.page_signin", lang),
        icon=":material/login:",
        url_path="signin",
        visibility="hidden" if user else "visible",
    ),
]
staff = [
    st.Page(
        "pages/staff_home.py",
        title=t("app.page_staff_home", lang),
        icon=":material/dashboard:",
        url_path="staff",
        visibility=shown("staff"),
    ),
    st.Page(
        "pages/edit.py",
        title=t("app.page_edit", lang),
        icon=":material/edit:",
        url_path="edit",
        visibility=shown("staff"),
    ),
    st.Page(
        "pages/bulk_import.py",
        title=t("app.page_import", lang),
        icon=":material/upload_file:",
        url_path="import",
        visibility=shown("staff"),
    ),
    st.Page(
        "pages/inbox.py",
        title=t("app.page_inbox", lang),
        icon=":material/inbox:",
        url_path="inbox",
        visibility=shown("staff"),
    ),
    st.Page(
        "pages/users.py",
        title=t("app.page_users", lang),
        icon=":material/manage_accounts:",
        url_path="users",
        visibility=shown("admin"),
    ),
]
if user:
    navigation = st.navigation({t("app.section_public", lang): public, t("app.section_staff", lang): staff})
else:  # the public sees no staff section at all; the staff URLs still lead to the sign-in
    navigation = st.navigation(public + staff)

navigation.run()
