"""The one adapter between Streamlit and the catalogue: cached connection, language.

Only this module and the pages import streamlit; catalogue/ never does.
"""

from __future__ import annotations

import sys
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
