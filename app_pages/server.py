"""The app as one ASGI server (``st.App``): the Streamlit pages, and beside them the routes of
:mod:`catalogue.api` (``/healthz``, the public read API, the Atom feed, the session cookie).

``streamlit run app.py`` (a checkout) and ``catalogue serve`` (an installed wheel, which runs this
file) both find the ``app`` below and serve it with uvicorn. At start-up, before the first visitor,
the catalogue is opened and migrated and its search index is built.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import streamlit as st
from starlette.middleware import Middleware
from starlette.routing import BaseRoute

from app_pages._state import database_path, get_catalogue
from catalogue import pieces
from catalogue.admin import AdminServer
from catalogue.api import Routes, UndeclaredProxyHeaders

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
    try:
        yield
    finally:
        if admin is not None:
            admin.stop()


app = st.App(SCRIPT, routes=routes(), lifespan=lifespan, middleware=middleware())
