"""The frame: page config, language switch, navigation by role. Pages live in app_pages/."""

import logging
import uuid

import streamlit as st

from app_pages._state import (
    close_sidebar_on_phone,
    current_user,
    document_language,
    get_catalogue,
    keep_globals_in_url,
    language,
    language_switch,
    page_style,
    session_cookie,
    sign_out,
)
from catalogue import CatalogueError, auth
from catalogue.i18n import t

with st.sidebar:
    language_switch()
lang = language()
keep_globals_in_url()
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
    document_language(lang)
    page_style()
if user:
    with st.sidebar:
        st.caption(t("app.signed_in_as", lang, name=user.label(), role=auth.role_label(user.role, lang)))
        if st.button(t("app.sign_out", lang), icon=":material/logout:", key="sign-out"):
            sign_out()
            st.rerun()


def shown(needed: str) -> str:
    """Staff pages are always routed, so their URLs answer; only those the role may use are listed.
    Each page checks the role itself and shows the sign-in instead of data (app_pages/_state.require)."""
    return "visible" if auth.has_role(role, needed) else "hidden"


public = [
    st.Page("app_pages/browse.py", title=t("app.page_browse", lang), icon=":material/search:", default=True),
    st.Page("app_pages/project.py", title=t("app.page_project", lang), url_path="project", visibility="hidden"),
    st.Page(
        "app_pages/shortlist.py", title=t("app.page_shortlist", lang), icon=":material/bookmarks:", url_path="shortlist"
    ),
    st.Page(
        "app_pages/dashboard.py",
        title=t("app.page_dashboard", lang),
        icon=":material/monitoring:",
        url_path="dashboard",
    ),
    st.Page("app_pages/plan.py", title=t("app.page_plan", lang), icon=":material/flag:", url_path="plan"),
    st.Page(
        "app_pages/signin.py",
        title=t("app.page_signin", lang),
        icon=":material/login:",
        url_path="signin",
        visibility="hidden" if user else "visible",
    ),
]
staff = [
    st.Page(
        "app_pages/staff_home.py",
        title=t("app.page_staff_home", lang),
        icon=":material/dashboard:",
        url_path="staff",
        visibility=shown("staff"),
    ),
    st.Page(
        "app_pages/edit.py",
        title=t("app.page_edit", lang),
        icon=":material/edit:",
        url_path="edit",
        visibility=shown("staff"),
    ),
    st.Page(
        "app_pages/bulk_import.py",
        title=t("app.page_import", lang),
        icon=":material/upload_file:",
        url_path="import",
        visibility=shown("staff"),
    ),
    st.Page(
        "app_pages/inbox.py",
        title=t("app.page_inbox", lang),
        icon=":material/inbox:",
        url_path="inbox",
        visibility=shown("staff"),
    ),
    st.Page(
        "app_pages/users.py",
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

if st.session_state.get("last_page") not in (None, navigation.url_path):
    with st.sidebar:
        close_sidebar_on_phone()
st.session_state["last_page"] = navigation.url_path
try:
    navigation.run()
except Exception:  # st.stop and st.rerun are not Exceptions: they pass through
    # A visitor never sees a traceback or a server path: a message in their language, with a
    # number to quote; the detail goes to the server's log under that number.
    incident = uuid.uuid4().hex[:8].upper()
    logging.getLogger("catalogue").exception("page error %s on /%s", incident, navigation.url_path)
    st.error(t("app.error", lang, incident=incident), icon=":material/error:")
