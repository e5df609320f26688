"""HTTP routes served beside the Streamlit app (``st.App`` in app.py): health, the public read API,
the Atom feed, and the session cookie set by the server.

Everything here reads what the public may see and nothing else: published projects at a public
stage (``Catalogue.projects`` / ``search_page`` without ``include_hidden``). The browse page's URL
parameters are the API's filters (``catalogue.projects.browse_state``), so a browse link and an API
call with the same query string list the same projects.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import os
import secrets
import threading
import time
from collections.abc import Callable, Sequence
from email.utils import format_datetime, parsedate_to_datetime
from html import escape as html_escape
from importlib.metadata import PackageNotFoundError, version
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit
from xml.sax.saxutils import escape

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from catalogue.core import Catalogue
from catalogue.data import data_file
from catalogue.projects import alerts
from catalogue.projects.browse_state import BrowseState, parse_params
from catalogue.projects.documents import document_content
from catalogue.projects.exporting import NOT_PUBLIC, export_frame, table_csv
from catalogue.projects.views import DEAL_COLUMNS, profile_html
from catalogue.replica import forwarding
from catalogue.staff import auth
from catalogue.staff.inquiries import RateLimiter
from catalogue.storage.migrations import LATEST_VERSION
from catalogue.text import DEFAULT_LANGUAGE, LANGUAGES, Text, format_vnd_bn, is_default, localized, t

API = "/api/v1"
SHARE_CARD = data_file("share-card.png")  # drawn by tools/make_share_card.py
PER_PAGE_MAX = 100
READS_PER_MINUTE = 240  # per client address; a conference's Wi-Fi puts many investors behind one
FORWARD_BYTES = 64_000  # one forwarded inquiry or alert sign-up (a message is at most 3,000 characters)
FEED_ENTRIES = 50
GRANT_SECONDS = 60
FACETS = ("category", "project_type", "district", "ward", "status", "investment_form", "lead_agency")
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since, Accept, Accept-Language",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Retry-After",
}


def package_version() -> str:
    try:
        return version("hanoi-env-catalogue")
    except PackageNotFoundError:  # a checkout that was never installed
        return "0+checkout"


WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
CACHE_CONTROL = "public, max-age=30"  # every public read: shared caches may keep it half a minute
ERRORS_LISTED = 20  # a 400 names at most this many parameters (and says how many more)


class UndeclaredProxyHeaders:
    """ASGI middleware: undo what uvicorn took from forwarded headers unless the operator declared a
    proxy (``CATALOGUE_TRUSTED_PROXY=1``). uvicorn believes ``X-Forwarded-For``/``-Proto`` from this
    machine by default, so anyone who reaches the server from here could name any address (and
    dodge every per-address limit: reads, sign-in attempts, inquiries) or claim HTTPS. Without the
    declaration, a client address that the forwarded list names is the forwarder's, this machine:
    the limits then count it with every other local connection."""

    def __init__(self, app: Callable[..., Any]) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any]) -> None:
        if scope["type"] in ("http", "websocket") and os.environ.get("CATALOGUE_TRUSTED_PROXY") != "1":
            scope = undeclared_proxy_scope(scope)
        await self.app(scope, receive, send)


BROWSER_COOKIE = "catalogue_browser"


class BrowserCookie:
    """ASGI middleware: a random, long-lived cookie naming the browser (HttpOnly, nothing else in it),
    given with the first page it asks for. The limits per browser count by it, so a reload or a new
    tab is the same browser (a Streamlit session is one tab's, and a reload is a new one: a helper
    reloaded before each of twelve alert sign-ups and every one was taken)."""

    def __init__(self, app: Callable[..., Any]) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any]) -> None:
        headers = dict(scope.get("headers") or []) if scope["type"] == "http" else {}
        page = scope.get("method") == "GET" and b"text/html" in headers.get(b"accept", b"")  # a browser's page load
        if not page or f"{BROWSER_COOKIE}=".encode() in headers.get(b"cookie", b""):
            await self.app(scope, receive, send)
            return
        cookie = (
            f"{BROWSER_COOKIE}={secrets.token_urlsafe(18)}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax"
        ).encode()

        async def with_cookie(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), (b"set-cookie", cookie)]}
            await send(message)

        await self.app(scope, receive, with_cookie)


def undeclared_proxy_scope(scope: dict[str, Any]) -> dict[str, Any]:
    """``scope`` as it came to the socket, before uvicorn believed the forwarded headers in it."""
    headers = dict(scope.get("headers") or [])
    forwarded = headers.get(b"x-forwarded-for")
    client = scope.get("client")
    if forwarded is not None and client:
        named = {hop.strip() for hop in forwarded.decode("latin-1").split(",")}
        if client[0] in named:
            scope = {**scope, "client": ("127.0.0.1", client[1])}
    if headers.get(b"x-forwarded-proto") is not None:  # the app serves plain HTTP; TLS ends at a proxy
        scope = {**scope, "scheme": {"https": "http", "wss": "ws"}.get(scope.get("scheme", ""), scope.get("scheme"))}
    return scope


class CookieGrants:
    """One-time grants that let the browser fetch its session cookie from the server: the page
    gets a grant (never the session token) and redeems it once, within a minute."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._grants: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()
        self._clock = clock

    def issue(self, token: str) -> str:
        grant = secrets.token_urlsafe(24)
        with self._lock:
            now = self._clock()
            self._grants = {g: v for g, v in self._grants.items() if v[1] > now}
            self._grants[grant] = (token, now + GRANT_SECONDS)
        return grant

    def redeem(self, grant: str) -> str | None:
        with self._lock:
            token, expires = self._grants.pop(grant, ("", 0.0))
        return token if token and expires > self._clock() else None


GRANTS = CookieGrants()


class Routes:
    """The routes over one catalogue, found by ``catalogue()`` (the app's shared one)."""

    def __init__(
        self,
        catalogue: Callable[[], Catalogue],
        limiter: RateLimiter | None = None,
        *,
        mailer: Callable[[], alerts.Mailer | None] = lambda: None,
        health_extra: Callable[[], dict[str, Any]] = dict,
    ) -> None:
        self.catalogue = catalogue
        self.limiter = limiter or RateLimiter(READS_PER_MINUTE, 60.0)
        self.mailer = mailer  # the primary's mail settings, for alert sign-ups a replica forwards
        self.health_extra = health_extra  # a replica's snapshot, a primary's last one written

    def routes(self, prefix: str = "") -> list[Route]:
        """Every route, under ``prefix`` (a server with a base URL path answers at both: Streamlit's
        own base path does not apply to an app's routes)."""
        read = ["GET", "HEAD", *WRITE_METHODS]  # a write is answered by guarded(): 405 in JSON, not text
        return [
            Route(f"{prefix}/healthz", self.health, methods=read),
            Route(f"{prefix}{API}/projects", self.guarded(self.list_projects), methods=[*read, "OPTIONS"]),
            Route(f"{prefix}{API}/projects.csv", self.guarded(self.projects_csv), methods=[*read, "OPTIONS"]),
            Route(f"{prefix}{API}/projects/{{code:path}}", self.guarded(self.one_project), methods=[*read, "OPTIONS"]),
            Route(f"{prefix}{API}/facets", self.guarded(self.facets), methods=[*read, "OPTIONS"]),
            Route(f"{prefix}{API}/openapi.json", self.guarded(self.openapi), methods=[*read, "OPTIONS"]),
            Route(f"{prefix}{API}/feed.atom", self.guarded(self.feed), methods=[*read, "OPTIONS"]),
            Route(f"{prefix}/p/{{code:path}}", self.guarded(self.share_page), methods=read),
            Route(f"{prefix}/share-card.png", self.share_card, methods=["GET", "HEAD"]),
            Route(f"{prefix}/print/{{code:path}}", self.guarded(self.print_page), methods=read),
            Route(f"{prefix}/alerts/confirm", self.guarded(self.alert_confirm), methods=read),
            Route(f"{prefix}/alerts/unsubscribe", self.alert_unsubscribe, methods=["GET", "HEAD", "POST"]),
            Route(f"{prefix}/documents/{{id}}/{{name:path}}", self.guarded(self.document), methods=read),
            Route(f"{prefix}/documents/{{id}}", self.guarded(self.document), methods=read),
            Route(f"{prefix}/auth/cookie", self.set_cookie, methods=["POST", "GET"]),
            Route(f"{prefix}/auth/signout", self.clear_cookie, methods=["POST", "GET"]),
            Route(f"{prefix}/internal/forward", self.forwarded, methods=["POST"]),
            Route(f"{prefix}{API}/{{rest:path}}", self.guarded(self.no_route), methods=[*read, "OPTIONS"]),
        ]

    def no_route(self, request: Request) -> Response:
        return JSONResponse({"error": "not_found", "message": _both("api.no_route")}, status_code=404)

    # --- health -------------------------------------------------------------------------------

    def health(self, request: Request) -> Response:
        """For load balancers: 200 when the database answers and its schema is current."""
        try:
            cat = self.catalogue()
            schema = cat.schema_version
            index = cat._search_index
            body = {
                "status": "ok" if schema == LATEST_VERSION else "migrations-pending",
                "database": "open",
                "schema_version": schema,
                "migrations_current": schema == LATEST_VERSION,
                "index_age_seconds": None if index is None else round(index.age_seconds(), 1),
                "data_version": cat.data_version,
                "version": package_version(),
                "role": "replica" if cat.read_only else "primary",
                **self.health_extra(),
            }
        except Exception as exc:  # the database cannot be read: take this process out of rotation
            return JSONResponse({"status": "unavailable", "database": type(exc).__name__}, status_code=503)
        return JSONResponse(body, status_code=200 if body["migrations_current"] else 503)

    # --- from the replicas ---------------------------------------------------------------------

    async def forwarded(self, request: Request) -> Response:
        """An inquiry or alert sign-up a replica took (catalogue/replica/forwarding.py), kept once
        per id. Answers only a caller with ``CATALOGUE_FORWARD_TOKEN``; 403 without (and always
        when no token is configured). 422 for a request that can never be kept, 503 to retry."""
        token = os.environ.get("CATALOGUE_FORWARD_TOKEN", "")
        if not forwarding.token_matches(request.headers.get("authorization"), token):
            return JSONResponse({"error": "forbidden"}, status_code=403)
        cat = self.catalogue()
        if cat.read_only:
            return JSONResponse({"error": "not_the_primary"}, status_code=503)
        body = await request.body()
        if len(body) > FORWARD_BYTES:
            return JSONResponse({"error": "too_large"}, status_code=413)
        try:
            message = json.loads(body)
            answer = await run_in_threadpool(forwarding.accept, cat, message, mailer=self.mailer(), base=_base(request))
        except forwarding.ForwardRefused as refused:
            answer = {"error": "refused", "detail": str(refused)[:300], "message": refused.message}
            return JSONResponse(answer, status_code=refused.status)
        except (ValueError, KeyError, TypeError) as refused:
            return JSONResponse({"error": "refused", "detail": str(refused)[:300]}, status_code=422)
        except OSError as away:
            return JSONResponse({"error": "retry", "detail": str(away)[:300]}, status_code=503)
        return JSONResponse(answer)

    # --- guards -------------------------------------------------------------------------------

    def guarded(self, endpoint: Callable[[Request], Response]) -> Callable[[Request], Response]:
        """CORS for reads, a preflight answer, and a rate limit per client address."""

        def run(request: Request) -> Response:
            if request.method in WRITE_METHODS:
                return JSONResponse(
                    {"error": "method_not_allowed", "message": _both("api.read_only")},
                    status_code=405,
                    headers={**CORS, "Allow": "GET, HEAD, OPTIONS"},
                )
            if request.method == "OPTIONS":
                return Response(status_code=204, headers={**CORS, "Access-Control-Max-Age": "86400"})
            client = request.client.host if request.client else "unknown"
            if not self.limiter.allow(client):
                return JSONResponse(
                    {"error": "rate_limited", "message": _both("api.rate_limited")},
                    status_code=429,
                    headers={**CORS, "Retry-After": "60"},
                )
            response = endpoint(request)
            response.headers.update(CORS)
            return response

        return run

    def _state(self, request: Request) -> tuple[BrowseState, Response | None]:
        params = {name: request.query_params.getlist(name) for name in request.query_params}
        page = params.get("page", ["1"])[-1]
        if not (page.isascii() and page.isdigit()) or int(page) < 1:  # "²" is a digit to str.isdigit, not to int()
            return BrowseState(), _refused([{"param": "page", "value": page[:100], "message": _both("api.bad_page")}])
        unknown = sorted(set(params) - ALLOWED_PARAMS)
        state, problems = parse_params(params, self.catalogue().reference)
        # a range given high to low is read low to high, as the browse page reads it: not an error
        problems = [p for p in problems if p.text != Text.of("browse.param_swapped")]
        errors = [
            {
                "param": p.param,
                "value": p.value,
                "message": _both(
                    "api.bad_value" if p.param == "status" else "api.bad_param", name=p.param, value=p.value
                ),
            }
            for p in problems
        ]
        errors += [{"param": name[:100], "message": _both("api.unknown_param", name=name[:100])} for name in unknown]
        return state, (_refused(errors) if errors else None)

    # --- projects -----------------------------------------------------------------------------

    def list_projects(self, request: Request) -> Response:
        """A page of published projects for the browse page's filters, with ETag/Last-Modified."""
        state, refused = self._state(request)
        if refused:
            return refused
        per_page = _per_page(request)
        if per_page is None:
            given = request.query_params.get("per_page", "")[:100]
            return _refused(
                [{"param": "per_page", "value": given, "message": _both("api.bad_per_page", most=PER_PAGE_MAX)}]
            )
        cat = self.catalogue()
        result = cat.search_page(
            state.q,
            limit=per_page,
            offset=(state.page - 1) * per_page,
            sort=state.sort,
            facets=False,
            **state.filters(),
        )
        rows = _rows_in_order(cat, [hit.code for hit in result.hits])
        pages = max(1, math.ceil(result.total / per_page))
        body = {
            "total": result.total,
            # how many of them match every part of the query (the rest match some, listed after)
            "complete": result.main,
            "suggestion": result.suggestion or None,  # the closest words of the catalogue, when none matched
            "page": state.page,
            "per_page": per_page,
            "pages": pages,
            "projects": [project_json(cat, row, request) for row in rows],
            "links": _links(request, state.page, pages),
            "notice": _both("api.demo_notice") if any(row.get("demo") for row in rows) else None,
        }
        return _cached_json(request, body, _last_change(cat))

    def one_project(self, request: Request) -> Response:
        cat = self.catalogue()
        project = cat.project(request.path_params["code"])  # None for drafts, withdrawn, unknown alike
        if project is None:
            return JSONResponse({"error": "not_found", "message": _both("api.not_found")}, status_code=404)
        modified = max(filter(None, (_last_modified([project]), _last_restore(cat))))
        return _cached_json(request, project_json(cat, project, request), modified)

    def projects_csv(self, request: Request) -> Response:
        state, refused = self._state(request)
        if refused:
            return refused
        cat = self.catalogue()
        codes = cat.search_codes(state.q, **state.filters()) if state.q else None
        frame = cat.projects(**state.filters())
        if codes is not None:
            frame = frame[frame["code"].isin(codes)]
        body = table_csv(export_frame(frame, cat.reference, leave_out=NOT_PUBLIC))  # the template's public columns
        download = {"Content-Disposition": 'attachment; filename="projects.csv"'}
        return _cached_bytes(request, body, "text/csv; charset=utf-8", download)

    def facets(self, request: Request) -> Response:
        state, refused = self._state(request)
        if refused:
            return refused
        cat = self.catalogue()
        result = cat.search_page(state.q, limit=0, facets=True, **state.filters())
        body = {
            "total": result.total,
            "facets": {
                name: [
                    {"code": code, "count": count, "label": _label(cat, name, code)}
                    for code, count in result.facets.get(name, {}).items()
                ]
                for name in FACETS
            },
        }
        return _cached_json(request, body, None)

    def openapi(self, request: Request) -> Response:
        return JSONResponse(openapi_document(_base(request)))

    # --- feed ---------------------------------------------------------------------------------

    def feed(self, request: Request) -> Response:
        """Projects newly published or changed, newest first, for the browse page's filters."""
        state, refused = self._state(request)
        if refused:
            return refused
        cat = self.catalogue()
        lang = state.lang
        result = cat.search_page(state.q, limit=FEED_ENTRIES, sort="updated", facets=False, **state.filters())
        # the projects the search answers, as the exports take them: not those matching some words only
        rows = _rows_in_order(cat, [hit.code for hit in result.hits[: result.main]])
        self_url = _base(request) + request.url.path + (f"?{request.url.query}" if request.url.query else "")
        body = atom_feed(cat, rows, lang, self_url, _base(request))
        return _cached_bytes(request, body, "application/atom+xml; charset=utf-8")

    # --- share and print ----------------------------------------------------------------------

    def share_page(self, request: Request) -> Response:
        """``/p/CODE?lang=en``: a page that chat apps and social sites read for the link's preview (Open
        Graph: the project's name, capital and category; crawlers do not run the app's scripts) and
        that sends a person on to the project's page at once."""
        cat = self.catalogue()
        lang = _language(request)
        code = cat.public_code(request.path_params["code"][:60]) or ""  # "demo-015" is DEMO-015
        project = cat.project(code) if code else None  # None for drafts, withdrawn, unknown alike
        if project is None:
            return _html_page(_not_found_html(lang), status=404)
        target = "/project?" + urlencode({"code": code, **({} if is_default(lang) else {"lang": lang})})
        return _html_page(_share_html(cat, project, lang, _base(request), target))

    def print_page(self, request: Request) -> Response:
        """``/print/CODE?lang=en``: the project's one-page profile, which opens the browser's print
        dialog (print, or save as PDF) as it loads."""
        cat = self.catalogue()
        lang = _language(request)
        nonce = secrets.token_urlsafe(16)  # new for every answer: a nonce known in advance protects nothing
        code = cat.public_code(request.path_params["code"][:60]) or request.path_params["code"][:60]
        page = profile_html(cat, code, lang, print_on_load=nonce)
        if page is None:
            return _html_page(_not_found_html(lang), status=404)
        return _html_page(page, script_nonce=nonce)

    def share_card(self, request: Request) -> Response:
        """The picture beside a shared link (og:image): the catalogue's name, the same for every link."""
        return Response(
            SHARE_CARD.read_bytes(),
            media_type="image/png",
            headers={"Cache-Control": "public, max-age=86400", "X-Content-Type-Options": "nosniff"},
        )

    def alert_confirm(self, request: Request) -> Response:
        """The link of the confirmation message (double opt-in)."""
        lang, token = _language(request), request.query_params.get("token", "")
        if self.catalogue().read_only:
            return _not_on_a_replica(lang)
        confirmed = alerts.confirm(self.catalogue(), token) if request.method == "GET" else None
        if confirmed is None:
            message = t("alerts.confirm_unknown", lang, days=alerts.PENDING_DAYS)
            return _html_page(_message_html(t("alerts.page_invalid", lang), message, lang, ok=False), status=404)
        lang = confirmed.lang  # the language the alert was asked in (a link from an older message has none)
        own = {} if is_default(lang) else {"lang": lang}
        links = [
            (("/?" + urlencode({**confirmed.view, **own}, doseq=True)).rstrip("?"), t("alerts.see_view", lang)),
            ("/alerts/unsubscribe?" + urlencode({"token": confirmed.unsubscribe, **own}), t("alerts.leave", lang)),
        ]
        page = _message_html(t("alerts.page_confirmed", lang), t("alerts.confirmed", lang), lang, links=links)
        return _html_page(page)

    def alert_unsubscribe(self, request: Request) -> Response:
        """A POST (the mail client's one click, RFC 8058, or the button of this page) deletes the alert
        and its address. A GET (the message's link opened) asks first: mail scanners and link
        previews open links, and a visit alone deleted the alert (a helper's finding)."""
        lang, token = _language(request), request.query_params.get("token", "")
        if self.catalogue().read_only:
            return _not_on_a_replica(lang)
        if request.method != "POST" and alerts.holds(self.catalogue(), token):
            own = {} if is_default(lang) else {"lang": lang}
            action = f"{request.url.path}?{urlencode({'token': token, **own})}"
            page = _message_html(
                t("alerts.page_leave_ask", lang),
                t("alerts.leave_ask", lang),
                lang,
                post=(action, t("alerts.leave_button", lang)),
            )
            return _html_page(page, status=200, forms=True)
        done = alerts.unsubscribe(self.catalogue(), token) if request.method == "POST" else False
        if done:
            page = _message_html(t("alerts.page_unsubscribed", lang), t("alerts.unsubscribed", lang), lang)
        else:
            page = _message_html(t("alerts.page_invalid", lang), t("alerts.unsubscribe_unknown", lang), lang, ok=False)
        return _html_page(page, status=200 if done else 404)

    def document(self, request: Request) -> Response:
        """``/documents/ID[/NAME]``: a data-room document, only while its project is public; always a
        download of its own type (never a page a browser would run), its checksum in the ETag."""
        found = document_content(self.catalogue(), request.path_params["id"])
        staff = found is None and self._signed_in_staff(request)
        if staff:  # staff open a document of a project not public yet, to check it before publishing
            found = document_content(self.catalogue(), request.path_params["id"], include_hidden=True)
        if found is None and "text/html" in request.headers.get("accept", ""):  # a person's link: a page
            lang = _language(request)
            page = _message_html(t("documents.gone_title", lang), t("api.document_not_found", lang), lang, ok=False)
            return _html_page(page, status=404)
        if found is None:
            return JSONResponse({"error": "not_found", "message": _both("api.document_not_found")}, status_code=404)
        document, content = found
        headers = {
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(document.file_name)}",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; sandbox",
            "ETag": f'"{document.sha256[:32]}"',
            # withdrawn with its project at once: every fetch asks again; one only staff may see is
            # kept by no cache at all
            "Cache-Control": "private, no-store" if staff else "no-cache",
        }
        if _matches(request, headers["ETag"]):
            return Response(status_code=304, headers=headers)
        return Response(content, media_type=document.media_type, headers=headers)

    def _signed_in_staff(self, request: Request) -> bool:
        """Whether the request carries the session cookie of an open staff session (a replica holds
        none: there, only public documents)."""
        token = request.cookies.get(auth.SESSION_COOKIE)
        if not token or self.catalogue().read_only:
            return False
        user = auth.resume_session(self.catalogue(), token)
        return user is not None and auth.has_role(user.role, "staff")

    # --- the session cookie -------------------------------------------------------------------

    def set_cookie(self, request: Request) -> Response:
        """Redeem a one-time grant for the HttpOnly session cookie (the page never holds the token)."""
        if request.method != "POST":
            return JSONResponse({"error": "method_not_allowed"}, status_code=405, headers={"Allow": "POST"})
        if not _same_origin(request):  # another site cannot sign a visitor in (to the attacker's account)
            return JSONResponse({"error": "cross_site", **_both("api.cross_site")}, status_code=403)
        grant = request.query_params.get("grant", "")
        token = GRANTS.redeem(grant) if grant else None
        if token is None:
            return JSONResponse({"error": "invalid_grant"}, status_code=403)
        response = JSONResponse({"ok": True})
        response.set_cookie(
            auth.SESSION_COOKIE,
            token,
            max_age=auth.SESSION_MAX_HOURS * 3600,
            path="/",
            httponly=True,
            secure=_https(request),
            samesite="strict",
        )
        return response

    def clear_cookie(self, request: Request) -> Response:
        """End the cookie's session on the server and clear the cookie."""
        if request.method != "POST":
            return JSONResponse({"error": "method_not_allowed"}, status_code=405, headers={"Allow": "POST"})
        if not _same_origin(request):  # nor sign anyone out
            return JSONResponse({"error": "cross_site", **_both("api.cross_site")}, status_code=403)
        token = request.cookies.get(auth.SESSION_COOKIE)
        if token and not self.catalogue().read_only:  # a replica holds no sessions: only the cookie goes
            auth.end_session(self.catalogue(), token)
        response = JSONResponse({"ok": True})
        response.delete_cookie(auth.SESSION_COOKIE, path="/", httponly=True, secure=_https(request), samesite="strict")
        return response


ALLOWED_PARAMS = {
    "q",
    "category",
    "type",
    "district",
    "ward",
    "status",
    "form",
    "agency",
    "min_vnd",
    "max_vnd",
    "sort",
    "lang",
}
ALLOWED_PARAMS |= {"page", "per_page", "list"}  # "list" (a visitor's shortlist) rides on browse links: ignored


def _both(key: str, **values: object) -> dict[str, str]:
    from catalogue.text import Text

    return Text.of(key, **values).as_dict()


def _same_origin(request: Request) -> bool:
    """The request comes from a page of this site: the browser says so (``Sec-Fetch-Site``), or,
    from a browser that does not send that header, its ``Origin`` is this site's. A request with
    neither (no browser sends a POST like that) is refused."""
    fetched_from = request.headers.get("sec-fetch-site")
    if fetched_from is not None:
        return fetched_from == "same-origin"
    origin = request.headers.get("origin")
    host = request.headers.get("host")
    if not origin or not host:
        return False
    return origin.rstrip("/").split("://", 1)[-1] == host and origin.startswith(("http://", "https://"))


def _not_on_a_replica(lang: str) -> Response:
    """An alert link that reached a public replica (the load balancer sends /alerts/ to the primary):
    nothing can be written here, so the reader is asked to try again, and nothing is lost."""
    page = _message_html(t("alerts.page_later", lang), t("alerts.not_here", lang), lang, ok=False)
    response = _html_page(page, status=503)
    response.headers["Retry-After"] = "60"
    return response


def _base(request: Request) -> str:
    """The site's address in absolute links: ``CATALOGUE_PUBLIC_URL`` when set (behind a proxy, or
    anywhere shared caches keep answers: a visitor's Host header then never reaches a link others
    get), else the address the request came to."""
    public = os.environ.get("CATALOGUE_PUBLIC_URL", "").strip().rstrip("/")
    return public or str(request.base_url).rstrip("/")


def _https(request: Request) -> bool:
    """Over HTTPS: the request's scheme (uvicorn takes a declared proxy's X-Forwarded-Proto into it)."""
    return request.url.scheme == "https"


def _per_page(request: Request) -> int | None:
    raw = request.query_params.get("per_page", "20")
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= PER_PAGE_MAX:
        return None
    return int(raw)


def _rows_in_order(cat: Catalogue, codes: list[str]) -> list[dict[str, Any]]:
    if not codes:
        return []
    frame = cat.projects(code=codes)
    by_code = {row["code"]: row for row in frame.to_dict("records")}
    return [_clean(by_code[code]) for code in codes if code in by_code]


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in row.items():
        if value is None or (isinstance(value, float) and math.isnan(value)):
            value = None
        elif hasattr(value, "item"):  # numpy scalars
            value = value.item()
        out[key] = value
    return out


def _label(cat: Catalogue, name: str, code: str | None) -> dict[str, str] | None:
    if not code:
        return None
    enum = {
        "category": cat.reference.categories,
        "project_type": cat.reference.types,
        "district": cat.reference.districts,
        "ward": cat.reference.wards,
        "status": cat.reference.statuses,
        "investment_form": cat.reference.forms,
        "lead_agency": cat.reference.agencies,
    }[name]
    return enum.label(code).as_dict()


PLAIN_FIELDS = (
    "address",
    "capacity",
    "area_ha",
    "investment_vnd_bn",
    "investment_usd_m",
    "investment_approx",
    "start_year",
    "latitude",
    "longitude",
    "contact_name",
    "contact_email",
    "contact_phone",
    "incentives",
    "legal_basis",
    *DEAL_COLUMNS,
)


def project_json(cat: Catalogue, row: dict[str, Any], request: Request) -> dict[str, Any]:
    """A published project as JSON: texts in every language, codes with their labels."""
    row = _clean(row)
    base = _base(request)
    return {
        "code": row["code"],
        "url": f"{base}/project?code={row['code']}",
        "name": {lang: row.get(f"name_{lang}") for lang in LANGUAGES if row.get(f"name_{lang}")},
        "description": {lang: row.get(f"description_{lang}") for lang in LANGUAGES if row.get(f"description_{lang}")},
        **{
            name: {"code": row.get(name), "label": _label(cat, name, row.get(name))} if row.get(name) else None
            for name in ("category", "project_type", "district", "ward", "status", "investment_form", "lead_agency")
        },
        **{name: row.get(name) for name in PLAIN_FIELDS},
        "illustrative": bool(row.get("demo")),
        "updated_at": _iso(row.get("updated_at")),
    }


def _iso(value: Any) -> str | None:
    if not isinstance(value, dt.datetime):
        return None
    return value.replace(tzinfo=dt.UTC).isoformat().replace("+00:00", "Z")


def _last_change(cat: Catalogue) -> dt.datetime | None:
    """A list's Last-Modified: the newest change to any project, hidden ones included (a project
    that leaves a list changes it as much as one that joins it), and never earlier than the last
    restore (a restored file's stamps can be older than what a client saw). It tells when some
    project last changed, nothing more; the ETag over the answer's bytes is the exact validator."""

    def newest() -> dt.datetime | None:
        with cat.cursor() as cur:
            found = cur.execute("select max(updated_at) from projects").fetchall()[0][0]
        return found.replace(tzinfo=dt.UTC, microsecond=0) if found else None

    stamps = [s for s in (cat.memo(("api-last-change",), newest), _last_restore(cat)) if s is not None]
    return max(stamps) if stamps else None


def _last_restore(cat: Catalogue) -> dt.datetime | None:
    """When the database was last restored from a backup: a restored project's stamp may be older than
    what a client saw, so no Last-Modified is earlier than this."""

    def newest() -> dt.datetime | None:
        with cat.cursor() as cur:
            found = cur.execute("select max(happened_at) from events where kind = 'restore'").fetchall()[0][0]
        return found.replace(tzinfo=dt.UTC, microsecond=0) + dt.timedelta(seconds=1) if found else None

    return cat.memo(("api-last-restore",), newest)


def _last_modified(rows: list[dict[str, Any]]) -> dt.datetime | None:
    stamps = [row["updated_at"] for row in rows if isinstance(row.get("updated_at"), dt.datetime)]
    return max(stamps).replace(tzinfo=dt.UTC, microsecond=0) if stamps else None


def _cached_json(request: Request, body: Any, modified: dt.datetime | None) -> Response:
    """JSON with a strong ETag over its bytes (and Last-Modified); 304 when the client has it."""
    payload = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    return _cached_bytes(request, payload, "application/json; charset=utf-8", modified=modified)


def _language(request: Request) -> str:
    wanted = request.query_params.get("lang", DEFAULT_LANGUAGE)
    return wanted if wanted in LANGUAGES else DEFAULT_LANGUAGE


def _html_page(body: str, status: int = 200, script_nonce: str | None = None, *, forms: bool = False) -> Response:
    """An HTML page of ours: no script but the one named by ``script_nonce``, nothing fetched from
    elsewhere, never framed; a form only with ``forms`` (sent to this server alone)."""
    scripts = f"'nonce-{script_nonce}'" if script_nonce else "'none'"
    form_action = "'self'" if forms else "'none'"
    headers = {
        "Content-Security-Policy": f"default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
        f"script-src {scripts}; frame-ancestors 'none'; base-uri 'none'; form-action {form_action}",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-cache",
    }
    return HTMLResponse(body, status_code=status, headers=headers)


def _share_html(cat: Catalogue, project: dict[str, Any], lang: str, base: str, target: str) -> str:
    """The link preview's page: Open Graph and Twitter card tags, then on to ``target``."""
    name = localized(project, "name", lang) or project["code"]
    capital = format_vnd_bn(project["investment_vnd_bn"], lang) if project.get("investment_vnd_bn") is not None else ""
    if capital and project.get("investment_approx") is True:  # "about", as the page says: not an exact figure
        capital = f"{t('money.about', lang)} {capital}"
    facts = [
        cat.reference.categories.label(project["category"])(lang),
        capital,
        cat.reference.statuses.label(project["status"])(lang),
    ]
    description = " · ".join(f for f in facts if f) + " — " + t("app.title", lang)
    url = base + target
    tags = {
        "og:title": name,
        "og:description": description,
        "og:url": url,
        "og:type": "website",
        "og:site_name": t("app.title", lang),
        "og:locale": "vi_VN" if is_default(lang) else "en_GB",
        "og:image": f"{base}/share-card.png",
        "og:image:width": "1200",
        "og:image:height": "630",
        "og:image:alt": t("app.title", lang),
        "twitter:card": "summary_large_image",
        "twitter:title": name,
        "twitter:description": description,
    }
    metas = "".join(
        f'<meta {"name" if key.startswith("twitter:") else "property"}="{html_escape(key)}" content="{html_escape(value)}">'
        for key, value in tags.items()
    )
    return (
        f'<!doctype html><html lang="{html_escape(lang)}"><head><meta charset="utf-8"><title>{html_escape(name)}</title>'
        f'<meta name="description" content="{html_escape(description)}">{metas}'
        f'<meta http-equiv="refresh" content="0; url={html_escape(target)}"></head>'
        f'<body><p><a href="{html_escape(target)}">{html_escape(name)}</a></p></body></html>'
    )


# The look of the few pages served beside the app (alert links): the app's teal, its neutrals, a
# font stack that carries Vietnamese tone marks, no file fetched (the pages' policy forbids it).
_PAGE_STYLE = (
    "body{margin:0;background:#f0f7f5;color:#1f2933;font:17px/1.55 'Source Sans 3','Source Sans Pro','Segoe UI',"
    "Roboto,'Noto Sans','Helvetica Neue',Arial,sans-serif}"
    "header{background:#0f766e;color:#fff;padding:.85rem 1.25rem;font-weight:600}"
    "header a{color:#fff;text-decoration:none}"
    "main{max-width:36rem;margin:2.5rem auto;padding:1.75rem 1.5rem;background:#fff;border:1px solid #d5dbe1;"
    "border-radius:.5rem}"
    "@media(max-width:640px){main{margin:1rem;padding:1.25rem 1rem}}"
    "h1{font-size:1.45rem;margin:.25rem 0 .75rem;line-height:1.3}"
    ".mark{display:inline-block;width:2.25rem;height:2.25rem;border-radius:50%;text-align:center;"
    "line-height:2.25rem;font-weight:700;color:#fff;background:#0f766e}.mark.no{background:#b45309}"
    ".actions{margin-top:1.5rem;display:flex;flex-wrap:wrap;gap:.75rem}"
    ".actions a{padding:.55rem 1rem;border-radius:.5rem;border:1px solid #0f766e;color:#0b5f59;text-decoration:none}"
    ".actions a.primary{background:#0f766e;color:#fff}"
    ".actions form{margin:0}.actions button{font:inherit;padding:.55rem 1rem;border-radius:.5rem;cursor:pointer;"
    "border:1px solid #0f766e;background:#0f766e;color:#fff}"
)


def _message_html(
    heading: str,
    message: str,
    lang: str,
    *,
    ok: bool = True,
    links: Sequence[tuple[str, str]] = (),
    post: tuple[str, str] | None = None,
) -> str:
    """A short page of ours in the app's look: the catalogue's name, a heading with a mark (done or
    not), the message, and links on (the first one primary), then the catalogue itself. ``post``
    (action, label): a button that sends a POST there, first and primary."""
    title = html_escape(t("app.title", lang))
    actions = [*links, ("/" if is_default(lang) else f"/?lang={lang}", t("alerts.browse_all", lang))]
    first = 1 if post else 0
    buttons = "".join(
        f'<a href="{html_escape(href)}"{" class=primary" if i == 0 and not first else ""}>{html_escape(label)}</a>'
        for i, (href, label) in enumerate(actions)
    )
    if post is not None:
        buttons = (
            f'<form method="post" action="{html_escape(post[0])}">'
            f'<button type="submit" class="primary">{html_escape(post[1])}</button></form>' + buttons
        )
    mark = (
        '<span class="mark" aria-hidden="true">&#10003;</span>'
        if ok
        else '<span class="mark no" aria-hidden="true">!</span>'
    )
    return (
        f'<!doctype html><html lang="{html_escape(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html_escape(heading)} · {title}</title><style>{_PAGE_STYLE}</style></head><body>"
        f'<header><a href="{html_escape(actions[-1][0])}">{title}</a></header>'
        f"<main>{mark}<h1>{html_escape(heading)}</h1><p>{html_escape(message)}</p>"
        f'<div class="actions">{buttons}</div></main></body></html>'
    )


def _not_found_html(lang: str) -> str:
    message = t("api.not_found_page", lang)
    return (
        f'<!doctype html><html lang="{html_escape(lang)}"><head><meta charset="utf-8"><title>{html_escape(message)}</title>'
        f'</head><body><p>{html_escape(message)}</p><p><a href="/">{html_escape(t("app.title", lang))}</a></p></body></html>'
    )


def _cached_bytes(
    request: Request,
    body: bytes,
    media_type: str,
    extra: dict[str, str] | None = None,
    *,
    modified: dt.datetime | None = None,
) -> Response:
    """``body`` with a strong ETag over its bytes, Cache-Control (and Last-Modified when given); 304
    when the client has it."""
    headers = {"ETag": '"' + hashlib.sha256(body).hexdigest()[:32] + '"', "Cache-Control": CACHE_CONTROL}
    if modified is not None:
        headers["Last-Modified"] = format_datetime(modified, usegmt=True)
    if _matches(request, headers["ETag"]) or _not_modified_since(request, modified):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media_type, headers={**headers, **(extra or {})})


def _refused(errors: list[dict[str, Any]]) -> JSONResponse:
    """400 naming what is wrong: at most :data:`ERRORS_LISTED` problems, and how many more."""
    body = {"error": "bad_request", "errors": errors[:ERRORS_LISTED], "more_errors": len(errors[ERRORS_LISTED:])}
    return JSONResponse(body, status_code=400)


def _matches(request: Request, etag: str) -> bool:
    """If-None-Match names ``etag`` (weak or strong, alone or in a list, or "*")."""
    given = request.headers.get("if-none-match", "")
    tags = {tag.strip().removeprefix("W/") for tag in given.split(",")}
    return bool(given) and (etag in tags or "*" in tags)


def _not_modified_since(request: Request, modified: dt.datetime | None) -> bool:
    """If-Modified-Since covers ``modified``. A stamp of the current second is no validator (HTTP
    dates count whole seconds: a second change within it would look unchanged)."""
    since = request.headers.get("if-modified-since")
    if not since or modified is None or request.headers.get("if-none-match"):
        return False
    if modified >= dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(seconds=1):
        return False
    try:
        return modified <= parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False


def _links(request: Request, page: int, pages: int) -> dict[str, str | None]:
    def at(number: int) -> str:
        params = [(k, v) for k, v in request.query_params.multi_items() if k != "page"] + [("page", str(number))]
        return f"{_base(request)}{request.url.path}?{urlencode(params)}"

    return {
        "self": at(page),
        "next": at(page + 1) if page < pages else None,
        "prev": at(min(page - 1, pages)) if page > 1 else None,  # past the end: back to the last page
        "first": at(1),
        "last": at(pages),
    }


def atom_feed(cat: Catalogue, rows: list[dict[str, Any]], lang: str, self_url: str, base: str) -> bytes:
    """An Atom 1.0 feed of ``rows`` (newest first), titles and summaries in ``lang``."""
    from catalogue.projects.demo import marked_name
    from catalogue.text import localized, t

    updated = _iso(max((r["updated_at"] for r in rows), default=None)) or _iso(dt.datetime(2023, 11, 20))
    entries = []
    for row in rows:
        link = f"{base}/project?code={row['code']}&lang={lang}"
        category = cat.reference.categories.label(row.get("category"))(lang)
        kind = row.get("project_type")  # the second facet, as its own category scheme
        kind_tag = (
            f'<category scheme="{escape(base)}/project_type" term="{escape(kind)}" '
            f'label="{escape(cat.reference.types.label(kind)(lang))}"/>'
            if kind
            else ""
        )
        summary = localized(row, "description", lang) or ""
        entries.append(
            "<entry>"
            # the project's short link (/p/CODE), a page that answers: an id is an address a reader may
            # open, in the feed's language (an English feed's entries opened the Vietnamese page)
            f"<id>{escape(base)}/p/{quote(row['code'], safe='')}{'' if is_default(lang) else f'?lang={lang}'}</id>"
            f"<title>{escape(marked_name(localized(row, 'name', lang) or row['code'], bool(row.get('demo')))(lang))}</title>"
            f'<link rel="alternate" href="{escape(link)}"/>'
            f"<updated>{_iso(row['updated_at'])}</updated>"
            f'<category term="{escape(row.get("category") or "")}" label="{escape(category)}"/>'
            f"{kind_tag}"
            f"<summary>{escape(summary[:600])}</summary>"
            "</entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{escape(lang)}">'
        f"<id>{escape(self_url)}</id>"
        f"<author><name>{escape(t('api.feed_author', lang))}</name></author>"
        f"<title>{escape(t('api.feed_title', lang))}</title>"
        f"<subtitle>{escape(t('api.feed_subtitle', lang))}</subtitle>"
        f'<link rel="self" href="{escape(self_url)}"/>'
        f'<link rel="alternate" href="{escape(_browse_link(base, self_url, lang))}"/>'
        f"<updated>{updated}</updated>"
        f"{''.join(entries)}</feed>"
    ).encode()


def _filter_parameters() -> list[dict[str, Any]]:
    """The browse page's URL parameters, as OpenAPI query parameters."""
    return [
        {"name": name, "in": "query", "required": False, "schema": {"type": kind}, "description": text}
        for name, kind, text in (
            ("q", "string", "Search words (Vietnamese with or without accents, or English)"),
            ("category", "string", "Category codes or labels, comma-separated or repeated"),
            ("type", "string", "Project types (manufacturing, energy, recycling, …), codes or labels"),
            ("district", "string", "Former district (before 2025) codes or names"),
            ("ward", "string", "Ward or commune (from July 2025) codes or names"),
            ("status", "string", "Public stages: calling, negotiating, awarded, implementing, completed"),
            ("form", "string", "Investment forms (PPP, FDI, …)"),
            ("agency", "string", "Lead agency codes"),
            ("min_vnd", "number", "Least capital, tỷ đồng"),
            ("max_vnd", "number", "Most capital, tỷ đồng"),
            ("sort", "string", "relevance, investment, updated or code"),
            ("lang", "string", "vi or en: the feed's language (the JSON answers carry every language)"),
        )
    ]


def _browse_link(base: str, feed_url: str, lang: str) -> str:
    """The browse page showing what the feed at ``feed_url`` follows (Vietnamese, the default, left out)."""
    query = [(k, v) for k, v in parse_qsl(urlsplit(feed_url).query) if k not in ("lang", "page", "per_page")]
    if not is_default(lang):
        query.append(("lang", lang))
    return f"{base}/" + (f"?{urlencode(query)}" if query else "")


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _object(properties: dict[str, Any], *, extra: bool = False) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": extra}


TEXT: dict[str, Any] = {"type": "string"}
IN_LANGUAGES: dict[str, Any] = {
    "type": "object",
    "additionalProperties": TEXT,
    "description": "Keyed by language code (vi, en)",
}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _project_schema() -> dict[str, Any]:
    plain: dict[str, Any] = {
        "address": TEXT,
        "capacity": TEXT,
        "area_ha": {"type": "number"},
        "investment_vnd_bn": {"type": "number", "description": "tỷ đồng (billion VND)"},
        "investment_usd_m": {"type": "number", "description": "million USD"},
        "investment_approx": {"type": "boolean", "description": "The amount is an estimate"},
        "start_year": {"type": "integer"},
        "latitude": {"type": "number"},
        "longitude": {"type": "number"},
        "contact_name": TEXT,
        "contact_email": TEXT,
        "contact_phone": TEXT,
        "incentives": {"type": "string", "description": "Investment incentives, as the agency wrote them"},
        "legal_basis": {"type": "string", "description": "The decisions and plans the project rests on"},
        "land_status": {"type": "string", "description": "The site's land status (allocated, cleared, in the plan …)"},
        "preparation_stage": {"type": "string", "description": "How far the project's preparation has come"},
        "ppp_structure": {"type": "string", "description": "The PPP contract type (BOT, BOO, BTO, O&M …)"},
        "concession_years": {"type": "number", "description": "The concession or contract term in years"},
        "revenue_basis": {"type": "string", "description": "Where the revenue comes from (tariff, service fee …)"},
        "sdg_tags": {"type": "string", "description": "The UN Sustainable Development Goals served, by number"},
    }
    assert set(plain) == set(PLAIN_FIELDS)
    return _object(
        {
            "code": TEXT,
            "url": {"type": "string", "format": "uri"},
            "name": IN_LANGUAGES,
            "description": IN_LANGUAGES,
            **{
                name: _nullable(_ref("Coded"))
                for name in ("category", "project_type", "district", "ward", "status", "investment_form", "lead_agency")
            },
            **{name: _nullable(schema) for name, schema in plain.items()},
            "illustrative": {"type": "boolean", "description": "Demo data: illustrative, not an official project"},
            "updated_at": _nullable({"type": "string", "format": "date-time"}),
        }
    )


def _schemas() -> dict[str, Any]:
    """The response bodies, as JSON Schema (OpenAPI 3.1); tests/test_api.py checks real answers against them."""
    link = _nullable({"type": "string", "format": "uri"})
    problem = _object({"param": TEXT, "value": TEXT, "message": _ref("Label")})
    problem["required"] = ["param"]
    error = _object(
        {
            "error": TEXT,
            "message": _ref("Label"),
            "errors": {"type": "array", "items": problem},
            "more_errors": {"type": "integer", "description": "Problems found beyond those listed"},
        }
    )
    error["required"] = ["error"]
    facet = _object({"code": TEXT, "count": {"type": "integer"}, "label": _nullable(_ref("Label"))})
    page = {name: {"type": "integer"} for name in ("total", "page", "per_page", "pages")}
    health = _health_schema()
    health["required"] = ["status", "database"]  # an unavailable database says no more
    return {
        "Label": IN_LANGUAGES,
        "Coded": _object({"code": TEXT, "label": _nullable(_ref("Label"))}),
        "Project": _project_schema(),
        "ProjectPage": _object(
            {
                **page,
                "complete": {
                    "type": "integer",
                    "description": "How many of the projects listed match every part of the query; those after "
                    "them match only some",
                },
                "suggestion": _nullable(
                    {"type": "string", "description": "The closest words of the catalogue, when nothing matched"}
                ),
                "projects": {"type": "array", "items": _ref("Project")},
                "links": _object({name: link for name in ("self", "next", "prev", "first", "last")}),
                "notice": _nullable(_ref("Label")),
            }
        ),
        "Facets": _object(
            {
                "total": {"type": "integer"},
                "facets": _object({name: {"type": "array", "items": facet} for name in FACETS}),
            }
        ),
        "Health": health,
        "Error": error,
    }


def _health_schema() -> dict[str, Any]:
    """/healthz: the process, its database, and its role behind a load balancer (deploy/)."""
    return _object(
        {
            "status": {"type": "string", "enum": ["ok", "migrations-pending", "unavailable"]},
            "database": TEXT,
            "schema_version": {"type": "integer"},
            "migrations_current": {"type": "boolean"},
            "index_age_seconds": _nullable({"type": "number"}),
            "data_version": {"type": "integer"},
            "version": TEXT,
            "role": {"type": "string", "enum": ["primary", "replica"]},
            "pid": {"type": "integer"},
            "snapshot_version": _nullable({"type": "integer"}),
            "snapshot_age_seconds": _nullable({"type": "number"}),
            "forward_pending": _nullable({"type": "integer"}),
        }
    )


def _answer(description: str, schema: str | None = None, media: str = "application/json") -> dict[str, Any]:
    out: dict[str, Any] = {"description": description}
    if schema is not None:
        out["content"] = {media: {"schema": {"$ref": f"#/components/schemas/{schema}"}}}
    return out


HEALTH_ANSWERS = {
    "200": _answer("Database open, migrations current", "Health"),
    "503": _answer("Unavailable, or migrations pending", "Health"),
}


def _answers(schema: str | None, media: str = "application/json", *, since: bool = False) -> dict[str, Any]:
    """A read's answers: ``schema`` (or text of ``media``) when 200, not modified, refused, limited.
    ``since``: the answer carries Last-Modified, so If-Modified-Since works too."""
    ok = _answer("OK", schema) if schema else {"description": "OK", "content": {media: {"schema": TEXT}}}
    return {
        "200": ok,
        "304": _answer("Not modified (If-None-Match" + (" / If-Modified-Since)" if since else ")")),
        "400": _answer("A filter names nothing, or an unknown parameter", "Error"),
        "429": _answer("Too many requests from this address (Retry-After)", "Error"),
    }


def openapi_document(server: str) -> dict[str, Any]:
    """The read API described in OpenAPI 3.1, its answers' bodies included."""
    filters = _filter_parameters()
    paging = [
        {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
        {"name": "per_page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": PER_PAGE_MAX}},
    ]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Hanoi environmental industry investment catalogue — public read API",
            "version": package_version(),
            "description": "Published projects only (Plan 275/KH-UBND). Demo data is illustrative.",
        },
        "servers": [{"url": server}],
        "paths": {
            f"{API}/projects": {
                "get": {
                    "summary": "A page of projects",
                    "parameters": filters + paging,
                    "responses": _answers("ProjectPage", since=True),
                }
            },
            f"{API}/projects.csv": {
                "get": {
                    "summary": "All matching projects as CSV",
                    "parameters": filters,
                    "responses": _answers(None, "text/csv"),
                }
            },
            f"{API}/projects/{{code}}": {
                "get": {
                    "summary": "One project",
                    "parameters": [{"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "responses": {
                        "200": _answer("OK", "Project"),
                        "304": _answer("Not modified (If-None-Match / If-Modified-Since)"),
                        "404": _answer("No published project", "Error"),
                        "429": _answer("Too many requests from this address (Retry-After)", "Error"),
                    },
                }
            },
            f"{API}/facets": {
                "get": {
                    "summary": "Per filter value, how many projects choosing it lists",
                    "parameters": filters,
                    "responses": _answers("Facets"),
                }
            },
            f"{API}/feed.atom": {
                "get": {
                    "summary": "Atom feed of new and changed projects",
                    "parameters": filters,
                    "responses": _answers(None, "application/atom+xml"),
                }
            },
            "/healthz": {"get": {"summary": "Health for load balancers", "responses": HEALTH_ANSWERS}},
        },
        "components": {"schemas": _schemas()},
    }
