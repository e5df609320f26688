"""The frame: page config, language switch, navigation by role. Each page is a file beside this one.

Started as ``streamlit run app.py`` from a checkout (app.py calls :func:`run`) or, installed, by
``catalogue serve``, which runs this file.
"""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

import streamlit as st

from app_pages._profile import profiled
from app_pages._state import (
    app_page,
    close_sidebar_on_phone,
    current_user,
    document_language,
    get_catalogue,
    is_replica,
    keep_globals_in_url,
    language,
    language_switch,
    page_style,
    session_cookie,
    sign_out,
)
from catalogue import CatalogueError, pieces
from catalogue.staff import auth
from catalogue.text import t

# (file, title key, icon, url path, role needed or None for the public); the first is the default page
PUBLIC_PAGES = (
    ("browse.py", "app.page_browse", ":material/search:", ""),
    ("project.py", "app.page_project", None, "project"),
    ("shortlist.py", "app.page_shortlist", ":material/bookmarks:", "shortlist"),
    ("dashboard.py", "app.page_dashboard", ":material/monitoring:", "dashboard"),
    ("plan.py", "app.page_plan", ":material/flag:", "plan"),
    ("signin.py", "app.page_signin", ":material/login:", "signin"),
)
STAFF_PAGES = (
    ("staff_home.py", "app.page_staff_home", ":material/dashboard:", "staff", "staff"),
    ("edit.py", "app.page_edit", ":material/edit:", "edit", "staff"),
    ("bulk_import.py", "app.page_import", ":material/upload_file:", "import", "staff"),
    ("inbox.py", "app.page_inbox", ":material/inbox:", "inbox", "staff"),
    ("users.py", "app.page_users", ":material/manage_accounts:", "users", "admin"),
)


def _public_pages(lang: str, user: auth.User | None, replica: bool = False) -> list[st.Page]:
    pages = []
    for file, title, icon, url_path in PUBLIC_PAGES:
        if replica and file == "signin.py":  # nobody signs in on a public replica
            continue
        hidden = file == "project.py" or (file == "signin.py" and user is not None)
        options = {"url_path": url_path} if url_path else {"default": True}
        pages.append(
            app_page(
                file,
                title=t(title, lang),
                icon=icon,
                visibility="hidden" if hidden else "visible",
                **options,
            )
        )
    return pages


def _staff_pages(lang: str, role: str) -> list[st.Page]:
    """Staff pages are always routed, so their URLs answer; only those the role may use are listed.
    Each page checks the role itself and shows the sign-in instead of data (app_pages/_state.require)."""
    return [
        app_page(
            file,
            title=t(title, lang),
            icon=icon,
            url_path=url_path,
            visibility="visible" if auth.has_role(role, needed) else "hidden",
        )
        for file, title, icon, url_path, needed in STAFF_PAGES
    ]


def _sidebar_user(user: auth.User, lang: str) -> None:
    with st.sidebar:
        st.caption(t("app.signed_in_as", lang, name=user.label(), role=auth.role_label(user.role)(lang)))
        if st.button(t("app.sign_out", lang), icon=":material/logout:", key="sign-out"):
            sign_out()
            st.rerun()


def _run_page(navigation: st.navigation, lang: str) -> None:
    previous = st.session_state.get("last_page")
    # On a phone the sidebar covers the page. It is folded away after a page chosen there, after the
    # language switched there, and when a session starts (a reload, a link opened): the browser
    # remembers the sidebar open, and a reload would show the page covered again.
    if previous != navigation.url_path or st.session_state.pop("fold_sidebar", False):
        with st.sidebar:
            close_sidebar_on_phone()
    st.session_state["previous_page"] = previous  # the page of the run before (the project page asks)
    st.session_state["last_page"] = navigation.url_path
    try:
        navigation.run()
    except Exception:  # st.stop and st.rerun are not Exceptions: they pass through
        # A visitor never sees a traceback or a server path: a message in their language, with a
        # number to quote; the detail goes to the server's log under that number.
        incident = uuid.uuid4().hex[:8].upper()
        logging.getLogger("catalogue").exception("page error %s on /%s", incident, navigation.url_path)
        st.error(t("app.error", lang, incident=incident), icon=":material/error:")


FAVICON = str(Path(__file__).with_name("favicon.png"))


def run() -> None:
    with st.sidebar:
        language_switch()
    lang = language()
    keep_globals_in_url()
    # the icon is a file of the app: a Material icon would be fetched from Google's font servers by
    # every visitor's browser (their address to a third party; no icon offline)
    st.set_page_config(page_title=t("app.title", lang), page_icon=FAVICON, layout="wide")
    try:
        get_catalogue()
    except CatalogueError as error:
        st.error(t("app.db_error", lang, message=error.text(lang)))
        st.stop()
    user = current_user()
    with st.sidebar:
        session_cookie()
        document_language(lang)
        page_style()
    if user:
        _sidebar_user(user, lang)
    if is_replica():  # a public replica: no staff pages at all (the load balancer sends staff to the primary)
        _run_page(st.navigation(_public_pages(lang, None, replica=True)), lang)
        return
    public, staff = _public_pages(lang, user), _staff_pages(lang, user.role if user else "viewer")
    if user:
        navigation = st.navigation({t("app.section_public", lang): public, t("app.section_staff", lang): staff})
    else:  # the public sees no staff section at all; the staff URLs still lead to the sign-in
        navigation = st.navigation(public + staff)
    _run_page(navigation, lang)


if __name__ == "__main__":  # `streamlit run app_pages/main.py` (what `catalogue serve` does)
    # a visitor's run is a read: background work done in pieces (an import, an index rebuild) pauses
    # between its pieces meanwhile (catalogue/pieces.py)
    with profiled(), pieces.reading():  # profiled: only with CATALOGUE_PROFILE set (load_bench.py --profile)
        run()
