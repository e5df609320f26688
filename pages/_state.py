"""The one adapter between Streamlit and the catalogue: cached connection, language.

Only this module and the pages import streamlit; catalogue/ never does.
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

import streamlit as st

from catalogue import Catalogue, resolve_db_path
from catalogue.i18n import DEFAULT_LANGUAGE, LANGUAGES, t


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
