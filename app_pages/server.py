"""The app as one ASGI server (``st.App``): the Streamlit pages, and beside them the routes of
:mod:`catalogue.api` (``/healthz``, the public read API, the Atom feed, the session cookie).

``streamlit run app.py`` (a checkout) and ``catalogue serve`` (an installed wheel, which runs this
file) both find the ``app`` below and serve it with uvicorn. At start-up, before the first visitor,
the catalogue is opened and migrated and its search index is built.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import streamlit as st
from starlette.middleware import Middleware
from starlette.routing import BaseRoute

from app_pages._state import database_path, get_catalogue, mail_settings
from catalogue import pieces
from catalogue.admin import AdminServer
from catalogue.api import Routes, UndeclaredProxyHeaders
from catalogue.projects import alerts

SCRIPT = str(Path(__file__).with_name("main.py"))  # the frame: every page runs inside it
os.umask(0o077)  # the database's write-ahead log and backups are the service user's alone


def routes() -> list[BaseRoute]:
    return list(Routes(get_catalogue).routes())


def middleware() -> list[Middleware]:
    """Around every request and WebSocket: forwarded headers believed only from a declared proxy."""
    return [Middleware(UndeclaredProxyHeaders)]


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    """Open the catalogue and build its search index while the server starts, not at the first
    visit; serve the local admin endpoint (catalogue/admin.py) while the app runs."""
    catalogue = await asyncio.to_thread(get_catalogue)
    await asyncio.to_thread(catalogue.prepare_index)
    pieces.settle_heap()  # what start-up made is never scanned by the garbage collector again
    admin = AdminServer(get_catalogue, database_path()).start() if catalogue.path != ":memory:" else None
    stop = threading.Event()
    digests = threading.Thread(target=_send_digests, args=(stop,), name="alert-digests", daemon=True)
    digests.start()
    try:
        yield
    finally:
        stop.set()
        if admin is not None:
            admin.stop()


def _send_digests(stop: threading.Event) -> None:
    """Every CATALOGUE_ALERT_MINUTES (30 by default), the e-mail alerts' digests, when mail is set up
    (catalogue/projects/alerts.py); the links in them name CATALOGUE_PUBLIC_URL."""
    minutes = float(os.environ.get("CATALOGUE_ALERT_MINUTES", "30"))
    while not stop.wait(minutes * 60):
        mailer = alerts.Mailer.from_settings(mail_settings())
        base = os.environ.get("CATALOGUE_PUBLIC_URL", "").rstrip("/")
        if mailer is None or not base:
            continue
        try:
            alerts.send_digests(get_catalogue(), mailer, base)
        except Exception:  # a mail server away: the next round tries again (last_sent_at unchanged)
            logging.getLogger("catalogue").exception("alert digests")


app = st.App(SCRIPT, routes=routes(), lifespan=lifespan, middleware=middleware())
