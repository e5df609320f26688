"""The one adapter between Streamlit and the catalogue: cached connection, language.

Only this module and the pages import streamlit; catalogue/ never does.
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

import streamlit as st

from catalogue import Catalogue, auth, resolve_db_path
from catalogue.i18n import DEFAULT_LANGUAGE, LANGUAGES, t


def _leave_pages_directory_mode() -> None:
    """Run every page through app.py, even on a cold server opened at a deep link.

    Streamlit treats a ``pages/`` folder as its old multipage layout until the first
    ``st.navigation`` call in the process: until then a link such as ``/edit`` would run
    pages/edit.py alone, without the frame (language, roles, navigation). This module is
    imported by app.py and by every page, so the first run switches Streamlit to
    ``st.navigation`` mode and starts again through app.py.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


_leave_pages_directory_mode()


def database_path() -> Path:
    """``streamlit run app.py -- --db PATH``, else $CATALOGUE_DB, else data/catalogue.duckdb."""
    argv = sys.argv[1:]
    chosen = None
    for index, arg in enumerate(argv):
        if arg == "--db" and index + 1 < len(argv):
            chosen = argv[index + 1]
        elif arg.startswith("--db="):
            chosen = arg.split("=", 1)[1]
    return resolve_db_path(chosen)


@st.cache_resource(show_spinner=False, on_release=Catalogue.close)
def _open_catalogue(path: str) -> Catalogue:
    first_start = not Path(path).exists()
    cat = Catalogue.open(path)
    if first_start:
        cat.load_demo()  # a new installation starts with the illustrative projects
    cat.serve_backups()  # so that `catalogue backup` works while the app runs
    return cat


def get_catalogue() -> Catalogue:
    return _open_catalogue(str(database_path()))


def _sync_language_to_url() -> None:
    chosen = st.session_state.get("lang") or DEFAULT_LANGUAGE
    st.session_state["lang"] = chosen
    if chosen == DEFAULT_LANGUAGE:
        st.query_params.pop("lang", None)
    else:
        st.query_params["lang"] = chosen


def language_switch() -> None:
    """The Vietnamese/English switch, remembered in the URL as ``?lang=en``."""
    if "lang" not in st.session_state:
        wanted = st.query_params.get("lang")
        st.session_state["lang"] = wanted if wanted in LANGUAGES else DEFAULT_LANGUAGE
    st.segmented_control(
        t("app.language", language()),
        options=list(LANGUAGES),
        format_func=lambda code: t(f"language.{code}"),
        key="lang",
        on_change=_sync_language_to_url,
    )


def language() -> str:
    """The language chosen by the switch (Vietnamese unless the user picked English)."""
    chosen = st.session_state.get("lang")
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


SHORTLIST_LIMIT = 4  # what the compare view shows side by side


def shortlist() -> list[str]:
    return st.session_state.setdefault("shortlist", [])


def shortlist_button(code: str, lang: str, key: str) -> None:
    """Add to, or remove from, the shortlist kept for this browser session."""
    chosen = shortlist()
    if code in chosen:
        if st.button(t("shortlist.remove", lang), key=f"unlist-{key}-{code}", icon=":material/bookmark_remove:"):
            chosen.remove(code)
            st.rerun()
    elif st.button(t("shortlist.add", lang), key=f"list-{key}-{code}", icon=":material/bookmark_add:"):
        if len(chosen) >= SHORTLIST_LIMIT:
            st.toast(t("shortlist.full", lang, limit=SHORTLIST_LIMIT))
        else:
            chosen.append(code)
            st.rerun()


def session_id() -> str:
    """A random id for this browser session (the inquiry flood limit counts per session)."""
    return st.session_state.setdefault("session_id", uuid.uuid4().hex)


def inquiry_form(cat: Catalogue, code: str, lang: str) -> None:
    """The expression-of-interest form; messages per field in the user's language."""
    st.subheader(t("inquiry.title", lang))
    # The honeypot: hidden from people by CSS, filled in by form-filling robots.
    st.html("<style>.st-key-inquiry-website { display: none; }</style>")
    with st.form(f"inquiry-{code}", clear_on_submit=False):
        values = {
            "name": st.text_input(t("inquiry.name", lang), max_chars=120),
            "organisation": st.text_input(t("inquiry.organisation", lang), max_chars=200),
            "country": st.text_input(t("inquiry.country", lang), max_chars=80),
            "email": st.text_input(t("inquiry.email", lang), max_chars=254),
            "phone": st.text_input(t("inquiry.phone", lang), max_chars=40),
            "message": st.text_area(t("inquiry.message", lang), max_chars=3000),
            "website": st.text_input(t("inquiry.honeypot", lang), key="inquiry-website"),
            "consent": st.checkbox(t("inquiry.consent", lang)),
        }
        sent = st.form_submit_button(t("inquiry.send", lang), type="primary")
    if sent:
        result = cat.submit_inquiry(code, values, session=session_id(), lang=lang)
        if result.ok:
            st.success(t("inquiry.sent", lang))
        else:
            st.error(t("inquiry.fix", lang) + "\n\n" + "\n".join(f"- {result.message(f, lang)}" for f in result.errors))


# --- signed-in staff -----------------------------------------------------------------------------


def current_user() -> auth.User | None:
    """The signed-in account, re-read from the database on every run (a disabled account, a
    changed role or a sign-out elsewhere takes effect at once); ``None`` for the public or after
    the session expired. A reload or a new tab finds the session again through its cookie."""
    cat = get_catalogue()
    now = auth.now()
    session = st.session_state.get("auth")
    if not session:
        token = _cookie_token()
        user = auth.resume_session(cat, token, now) if token else None
        if user is not None:
            st.session_state["auth"] = {"name": user.name, "signed_in_at": now, "last_seen": now, "token": token}
        return user
    if auth.session_expired(session["signed_in_at"], session["last_seen"], now):
        sign_out()
        st.session_state["auth_expired"] = True
        return None
    token = session.get("token")
    user = auth.resume_session(cat, token, now) if token else auth.get_user(cat, session["name"])
    if user is None or not user.active:
        sign_out()
        return None
    session["last_seen"] = now
    return user


def _cookie_token() -> str | None:
    try:
        value = st.context.cookies.get(auth.SESSION_COOKIE)
    except Exception:  # no browser behind this run (AppTest, bare mode)
        return None
    return value if isinstance(value, str) else None


def session_cookie() -> None:
    """Hand the browser its session cookie after a sign-in, or clear it after a sign-out (the
    frame calls this on every run; the script runs once, in the page)."""
    token = st.session_state.pop("cookie_to_set", None)
    clear = st.session_state.pop("cookie_to_clear", False)
    if token:
        value = f"{auth.SESSION_COOKIE}={token}; path=/; max-age={auth.SESSION_MAX_HOURS * 3600}; SameSite=Strict"
    elif clear:
        value = f"{auth.SESSION_COOKIE}=; path=/; max-age=0; SameSite=Strict"
    else:
        return
    st.html(
        f"<script>document.cookie = {value!r} + (location.protocol === 'https:' ? '; Secure' : '');</script>",
        unsafe_allow_javascript=True,
        width=1,
    )


def role() -> str:
    user = current_user()
    return user.role if user else "viewer"


def sign_out() -> None:
    session = st.session_state.get("auth") or {}
    if session.get("token"):
        auth.end_session(get_catalogue(), session["token"])
    for key in [k for k in st.session_state if k == "auth" or k.startswith(("edit-", "staff-"))]:
        del st.session_state[key]
    st.session_state["cookie_to_clear"] = True


def sign_in_form(lang: str) -> None:
    """Name and password; on success the page runs again with the account's pages."""
    if st.session_state.pop("auth_expired", False):
        st.info(t("signin.expired", lang), icon=":material/schedule:")
    with st.form("signin", enter_to_submit=True):
        name = st.text_input(t("signin.name", lang), autocomplete="username")
        password = st.text_input(t("signin.password", lang), type="password", autocomplete="current-password")
        pressed = st.form_submit_button(t("signin.submit", lang), type="primary")
    if pressed:
        result = auth.sign_in(get_catalogue(), name, password)
        if result.user is None:
            st.error(result.message(lang))
            return
        now = auth.now()
        token = auth.start_session(get_catalogue(), result.user.name, now)
        st.session_state["auth"] = {"name": result.user.name, "signed_in_at": now, "last_seen": now, "token": token}
        st.session_state["cookie_to_set"] = token
        st.rerun()


def require(needed: str, lang: str) -> auth.User:
    """The signed-in user with at least ``needed`` rights; otherwise the sign-in, and stop.

    Every staff page starts with this, so a staff URL opened without rights never shows data.
    """
    user = current_user()
    if user is None:
        st.title(t("signin.title", lang))
        st.warning(t("signin.needed", lang), icon=":material/lock:")
        sign_in_form(lang)
        st.stop()
    if not auth.has_role(user.role, needed):
        st.title(t("signin.title", lang))
        st.error(t("signin.no_rights", lang, role=auth.role_label(needed, lang)), icon=":material/block:")
        st.stop()
    return user
