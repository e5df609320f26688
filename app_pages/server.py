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

from app_pages._state import (
    database_path,
    follow_snapshots,
    forwarder,
    get_catalogue,
    mail_settings,
    replica_directory,
    snapshot_directory,
)
from catalogue import pieces
from catalogue.admin import AdminServer
from catalogue.api import BrowserCookie, Routes, UndeclaredProxyHeaders
from catalogue.projects import alerts
from catalogue.replica.snapshots import SnapshotPublisher

SCRIPT = str(Path(__file__).with_name("main.py"))  # the frame: every page runs inside it
os.umask(0o077)  # the database's write-ahead log and backups are the service user's alone


PUBLISHER: SnapshotPublisher | None = None  # the primary's, when it publishes snapshots


def routes() -> list[BaseRoute]:
    mailer = lambda: alerts.Mailer.from_settings(mail_settings())  # noqa: E731 (read at each request)
    answering = Routes(get_catalogue, mailer=mailer, health_extra=health_extra)
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return answering.routes() + (answering.routes(f"/{base}") if base else [])


def health_extra() -> dict[str, Any]:
    """What /healthz adds for a load balancer and an operator: the snapshot a replica serves (and
    the requests it holds for the primary), or the last one the primary wrote."""
    replica = replica_directory()
    if replica is not None:
        manifest = follow_snapshots(str(replica)).manifest
        sender = forwarder()
        return {
            "pid": os.getpid(),
            "snapshot_version": manifest.version if manifest else None,
            "snapshot_age_seconds": round(manifest.age_seconds, 1) if manifest else None,
            "forward_pending": sender.spool.count() if sender else None,
            # queued while the primary was away, then refused by it (a limit reached meanwhile): the
            # visitor was told it was received, so an operator must see these (files in rejected/)
            "forward_rejected": sender.spool.count("rejected") if sender else None,
        }
    last = PUBLISHER.last if PUBLISHER else None
    published = {"snapshot_version": last.version, "snapshot_age_seconds": round(last.age_seconds, 1)} if last else {}
    return {"pid": os.getpid(), **published}


def middleware() -> list[Middleware]:
    """Around every request and WebSocket: forwarded headers believed only from a declared proxy."""
    return [Middleware(UndeclaredProxyHeaders), Middleware(BrowserCookie)]


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    """Open the catalogue and build its search index while the server starts, not at the first
    visit; serve the local admin endpoint (catalogue/admin.py) while the app runs."""
    global PUBLISHER
    catalogue = await asyncio.to_thread(get_catalogue)  # a replica: waits for the first snapshot
    await asyncio.to_thread(catalogue.prepare_index)
    pieces.settle_heap()  # what start-up made is never scanned by the garbage collector again
    if replica_directory() is not None:  # a public replica: reads its snapshots, forwards visitors' requests
        await asyncio.to_thread(forwarder)
        yield
        return
    admin = AdminServer(get_catalogue, database_path()).start() if catalogue.path != ":memory:" else None
    published = snapshot_directory()
    if published is not None:
        PUBLISHER = SnapshotPublisher(get_catalogue, published, min_seconds=_snapshot_seconds()).start()
    stop = threading.Event()
    digests = threading.Thread(target=_send_digests, args=(stop,), name="alert-digests", daemon=True)
    digests.start()
    try:
        yield
    finally:
        stop.set()
        if PUBLISHER is not None:
            PUBLISHER.stop()
        if admin is not None:
            admin.stop()


def _snapshot_seconds() -> float:
    """At most one snapshot every CATALOGUE_SNAPSHOT_SECONDS (2 by default)."""
    return float(os.environ.get("CATALOGUE_SNAPSHOT_SECONDS", "2"))


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
