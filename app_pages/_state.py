"""The one adapter between Streamlit and the catalogue: cached connection, language.

Only this module and the pages import streamlit; catalogue/ never does.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import sys
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import streamlit as st

from app_pages._widgets import bound, set_value, sync_value
from catalogue import Catalogue, resolve_db_path
from catalogue.api import BROWSER_COOKIE, GRANTS
from catalogue.clock import utcnow
from catalogue.projects import alerts
from catalogue.projects.views import escape_markdown
from catalogue.replica.follower import SnapshotFollower
from catalogue.replica.forwarding import Forwarder, ForwardRefused, Spool
from catalogue.staff import auth
from catalogue.staff.countries import country_choice_label, country_options
from catalogue.staff.inquiries import StoreRefused, new_reference, new_submission_id
from catalogue.staff.inquiries import submit as submit_inquiry
from catalogue.storage.database import ReadOnlyError
from catalogue.text import DEFAULT_LANGUAGE, LANGUAGES, Text, is_default, t


def _argument(name: str) -> str | None:
    """``streamlit run app.py -- --NAME VALUE`` (or ``--NAME=VALUE``)."""
    argv = sys.argv[1:]
    chosen = None
    for index, arg in enumerate(argv):
        if arg == f"--{name}" and index + 1 < len(argv):
            chosen = argv[index + 1]
        elif arg.startswith(f"--{name}="):
            chosen = arg.split("=", 1)[1]
    return chosen


def database_path() -> Path:
    """``streamlit run app.py -- --db PATH``, else $CATALOGUE_DB, else var/catalogue.duckdb."""
    return resolve_db_path(_argument("db"))


def replica_directory() -> Path | None:
    """A public replica serves the newest snapshot in this directory (``-- --replica DIR`` or
    $CATALOGUE_REPLICA); None for the primary, which owns the writable database."""
    chosen = _argument("replica") or os.environ.get("CATALOGUE_REPLICA")
    return Path(chosen).expanduser() if chosen else None


def snapshot_directory() -> Path | None:
    """Where the primary publishes snapshots for replicas (``-- --snapshots DIR`` or
    $CATALOGUE_SNAPSHOTS); None: no replicas."""
    chosen = _argument("snapshots") or os.environ.get("CATALOGUE_SNAPSHOTS")
    return Path(chosen).expanduser() if chosen else None


def is_replica() -> bool:
    return replica_directory() is not None


@st.cache_resource(show_spinner=False, on_release=Catalogue.close)
def open_catalogue(path: str) -> Catalogue:
    first_start = not Path(path).exists()
    cat = Catalogue.open(path)
    if first_start:
        cat.load_demo()  # a new installation starts with the illustrative projects
    return cat


@st.cache_resource(show_spinner=False, on_release=SnapshotFollower.stop)
def follow_snapshots(directory: str) -> SnapshotFollower:
    return SnapshotFollower(directory).start()


def get_catalogue() -> Catalogue:
    """The primary's catalogue, or on a replica the newest snapshot (a newer one is taken within seconds)."""
    replica = replica_directory()
    if replica is not None:
        return follow_snapshots(str(replica)).current()
    return open_catalogue(str(database_path()))


@st.cache_resource(show_spinner=False, on_release=Forwarder.stop)
def forwarder() -> Forwarder | None:
    """On a replica: the queue of visitors' requests for the primary ($CATALOGUE_PRIMARY_URL, with
    $CATALOGUE_FORWARD_TOKEN), kept in $CATALOGUE_SPOOL (default: ``spool`` beside the snapshots,
    one per port). None when no primary is configured: the forms say so rather than lose a request."""
    primary = os.environ.get("CATALOGUE_PRIMARY_URL", "")
    replica = replica_directory()
    if not primary or replica is None:
        return None
    port = st.get_option("server.port")
    spool = Spool(os.environ.get("CATALOGUE_SPOOL") or replica.parent / f"spool-{port}")
    return Forwarder(spool, primary, os.environ.get("CATALOGUE_FORWARD_TOKEN", "")).start()


def forward_inquiry(code: str, values: Mapping[str, Any], submission: str, lang: str) -> tuple[str, str, bool]:
    """A replica's way to keep an inquiry: sent to the primary now (its limits count there, across
    every replica), or queued when it is away; the reference number is made here either way."""
    sender = forwarder()
    if sender is None:
        raise ReadOnlyError(Text.of("db.read_only", path=str(replica_directory())))
    message = {
        "id": submission,
        "code": code,
        "values": {k: v for k, v in values.items() if k != "consent"},
        "lang": lang,
        "reference": new_reference(),
        "created_at": utcnow().isoformat(),
        "session": session_id(),
        "address": client_address(),
    }
    try:
        answer, delivered = sender.deliver("inquiry", message)
    except ForwardRefused as refused:
        raise StoreRefused(Text(refused.message) if refused.message else Text.of("inquiry.too_many")) from refused
    return submission, answer["reference"], not delivered or bool(answer.get("stored"))


# Alert sign-ups per browser (its cookie: a reload is the same browser), per client address (a
# conference's Wi-Fi: a wider allowance) and in all, each (count, seconds); the primary also caps the
# confirmations waiting at one e-mail address and the mails about an alert asked for again.
ALERT_LIMITS = {"browser": (5, 3600.0), "address": (20, 3600.0), "all": (200, 3600.0)}


def browser_key() -> str:
    """This browser, across reloads and tabs: a digest of the cookie the server gives it, else this
    session's id (a reload made a fresh allowance: a helper's finding)."""
    try:
        cookie = st.context.cookies.get(BROWSER_COOKIE)  # set by catalogue.api.BrowserCookie
    except Exception:  # no request (AppTest)
        cookie = None
    if isinstance(cookie, str) and cookie:
        return hashlib.blake2s(cookie.encode("utf-8"), digest_size=12).hexdigest()
    return session_id()


def keep_alert(cat: Catalogue, email: str, params: Mapping[str, Any], lang: str, *, consent: bool) -> bool:
    """An alert sign-up: kept and its confirmation mailed here (the primary), or on a replica checked
    and sent to the primary, which keeps it and mails it now, or queued when the primary is away.
    Whether the confirmation went out now. Raises :class:`alerts.AlertError` (the primary's refusal
    included: no mail server, too many alerts for the address)."""
    address = client_address()
    limits = [(f"alert-browser:{browser_key()}", *ALERT_LIMITS["browser"]), ("alert-all", *ALERT_LIMITS["all"])]
    if address:
        limits.append((f"alert-address:{address}", *ALERT_LIMITS["address"]))
    if not cat.inquiry_limiter.allow_all(limits):  # a stranger mailing addresses from one browser
        raise alerts.AlertError(Text.of("alerts.too_many_signups"))
    if not cat.read_only:
        mailer = alerts.Mailer.from_settings(mail_settings())
        alerts.subscribe(cat, email, params, lang, consent=consent, mailer=mailer, base=share_base())
        return True
    request = alerts.checked_request(cat, email, params, lang, consent=consent)
    sender = forwarder()
    if sender is None:
        raise alerts.AlertError(Text.of("alerts.no_mail"))
    try:
        return sender.deliver("alert", request, timeout=20.0)[1]  # the primary mails before it answers
    except ForwardRefused as refused:
        raise alerts.AlertError(Text(refused.message) if refused.message else Text.of("alerts.no_mail")) from refused


def local_path(path: str) -> str:
    """``path`` under the server's base URL path (``server.baseUrlPath``: the primary behind the
    load balancer answers under /staff/), for the links and fetches this server itself answers."""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}{path}" if base else path


GLOBAL_PARAMS = ("lang", "list")  # carried by every page's URL: language and shortlist
SHORTLIST_LIMIT = 4  # what the compare view shows side by side


def _switch_language() -> None:
    if st.session_state.get("lang") not in LANGUAGES:  # the language shown, pressed again: it stays chosen
        set_value("lang", st.session_state.get("lang_shown", DEFAULT_LANGUAGE))
        return
    # This address without ?lang= is now the default language's entry in the browser's history (before
    # a switch from it, after a switch to it): Back or Forward to it shows that language again.
    st.session_state["fold_sidebar"] = True  # the page, now in the other language, shown (main._run_page)
    switched, here = st.session_state.setdefault("lang_switched_at", []), _address()
    if here not in switched:
        switched[:] = [*switched[-49:], here]
    write_query({**_page_only(), **global_params()})


def _address() -> tuple:
    """The page of the last run and the URL's parameters but the language and the shortlist: where a
    switch was made (the shortlist goes along with every page, whatever entry of the history)."""
    params = tuple(
        sorted((name, tuple(st.query_params.get_all(name))) for name in st.query_params if name not in GLOBAL_PARAMS)
    )
    return st.session_state.get("last_page"), params


def language_switch() -> None:
    """The Vietnamese/English switch. The URL's ``?lang=`` decides when it names a language (a
    shared link, a reload); a link that dropped it keeps the session's language, except at an address
    where the language was switched (Back or Forward to Vietnamese's side of the switch). Vietnamese,
    the default, is left out of the URL."""
    wanted = st.query_params.get("lang")
    if wanted in LANGUAGES:
        sync_value("lang", wanted)
    elif not is_default(language()) and _address() in st.session_state.get("lang_switched_at", ()):
        # Back or Forward to the default language's side of a switch
        sync_value("lang", DEFAULT_LANGUAGE)
    bound(
        st.segmented_control,
        t("app.language", language()),
        key="lang",
        default=DEFAULT_LANGUAGE,
        options=list(LANGUAGES),
        format_func=lambda code: t(f"language.{code}"),
        on_change=_switch_language,
    )
    if st.session_state.get("lang") not in LANGUAGES:  # a segmented control can be clicked off
        set_value("lang", st.session_state.get("lang_shown", DEFAULT_LANGUAGE))
    st.session_state["lang_shown"] = language()


def language() -> str:
    """The language chosen by the switch (Vietnamese unless the user picked English)."""
    chosen = st.session_state.get("lang")
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def shortlist() -> list[str]:
    """The shortlisted project codes. A new session (a reload, a shared link) starts from the
    URL's ``?list=A,B``; after that the session's list is kept in every page's URL."""
    state = st.session_state
    if "shortlist" not in state:
        wanted = ",".join(st.query_params.get_all("list"))
        codes = list(dict.fromkeys(code.strip()[:60] for code in wanted.split(",") if code.strip()))
        state["shortlist_from_link"] = True
        state["shortlist"] = codes[:SHORTLIST_LIMIT]
        state["shortlist_waiting"] = codes[SHORTLIST_LIMIT : SHORTLIST_LIMIT + 20]  # beyond the limit (see below)
    return state["shortlist"]


def keep_globals_in_url() -> None:
    """Put the language and the shortlist into the URL (the frame calls this on every run). A
    shortlisted project that is no longer public (withdrawn, unpublished, or never was) leaves
    the list, so it holds no slot that cannot be seen or freed; the shortlist page says so."""
    chosen = shortlist()
    waiting = st.session_state.pop("shortlist_waiting", [])  # a link's codes beyond the limit, once
    if chosen and st.session_state.pop("shortlist_from_link", False):  # as typed in a link: "demo-015" too
        cat = get_catalogue()
        chosen[:] = list(dict.fromkeys(cat.public_code(code) or code for code in chosen))
        waiting = [cat.public_code(code) or code for code in waiting]
    public = {row["code"] for row in get_catalogue().rows(chosen + waiting)} if chosen else set()  # per version
    gone = [code for code in chosen + waiting if code not in public]
    if gone:
        chosen[:] = [code for code in chosen if code not in gone]
        st.session_state["shortlist_gone"] = gone
    waiting = [code for code in waiting if code in public and code not in chosen]
    room = SHORTLIST_LIMIT - len(chosen)
    chosen += waiting[:room]  # a withdrawn project's slot goes to the next public one of the link
    if waiting[room:]:  # more than the list holds: said, not silently dropped (a helper's six codes became four)
        lang = language()
        st.session_state["shortlist_over"] = waiting[room:]  # the shortlist page says it too
        codes = escape_markdown(", ".join(waiting[room:]))
        st.toast(t("shortlist.over", lang, limit=SHORTLIST_LIMIT, codes=codes), icon=":material/info:", duration="long")
    wanted = {**_page_only(), **global_params()}
    in_url = {**_page_only(), **_url_globals()}
    if {**wanted, "list": None} != {**in_url, "list": None}:
        write_query(wanted)
    elif wanted.get("list") != in_url.get("list"):
        _replace_list_in_url(wanted.get("list"))  # only the shortlist changed: no new history entry


def _url_globals() -> dict[str, str]:
    return {name: ",".join(st.query_params.get_all(name)) for name in GLOBAL_PARAMS if name in st.query_params}


_REPLACE_LIST = """<script>/* RUN */ (() => {
  const url = new URL(window.location.href);
  const wanted = LIST;
  if (url.searchParams.get("list") === wanted) return;
  if (wanted !== null) url.searchParams.set("list", wanted);
  else url.searchParams.delete("list");
  window.history.replaceState(window.history.state, "", url.toString());
})();</script>"""


def _replace_list_in_url(codes: str | None) -> None:
    """Put the shortlist into the address bar's URL in place: adding a project to the shortlist is
    not a step to go Back over. (Written as query parameters, Streamlit would add a history entry:
    Back from it showed the same page, and the list, still there, seemed not to go.) Every run
    writes it, so that Back to an entry of before the list had it shows the list in its URL too."""
    nonce = st.session_state["list_nonce"] = st.session_state.get("list_nonce", 0) + 1
    script = _REPLACE_LIST.replace("RUN", str(nonce)).replace("LIST", json.dumps(codes).replace("<", "\\u003c"))
    with st.sidebar:
        st.html(script, unsafe_allow_javascript=True, width=1)


def global_params() -> dict[str, str]:
    """The parameters every internal link carries, so that language and shortlist survive it."""
    params = {}
    if not is_default(language()):
        params["lang"] = language()
    if shortlist():
        params["list"] = ",".join(shortlist())
    return params


def _page_only() -> dict[str, list[str]]:
    return {name: st.query_params.get_all(name) for name in st.query_params if name not in GLOBAL_PARAMS}


def write_query(params: dict[str, str | list[str]]) -> None:
    """Make the URL's parameters ``params``, and only when they differ: every write of Streamlit's
    query parameters adds a browser-history entry, so writing the same values again would make
    Back stop on a copy of the page."""

    def canonical(mapping) -> dict[str, tuple[str, ...]]:
        out = {}
        for name, value in mapping.items():
            values = tuple(value) if isinstance(value, (list, tuple)) else (str(value),)
            if values:
                out[name] = values
        return out

    current = canonical({name: st.query_params.get_all(name) for name in st.query_params})
    wanted = canonical(params)
    if current != wanted:
        st.query_params.from_dict({name: list(values) for name, values in wanted.items()})


def set_page_params(params: dict[str, str | list[str]]) -> None:
    """Replace this page's own URL parameters, keeping the language and the shortlist."""
    write_query({**params, **global_params()})


def page_params() -> dict[str, list[str]]:
    """This page's own URL parameters (every value as a list), without the global ones."""
    return _page_only()


PAGES_DIR = Path(__file__).resolve().parent


def page_file(page: str) -> str:
    """The absolute path of a page ("app_pages/browse.py" or "browse.py"): the same whether the app
    starts from the checkout's app.py or from the installed app_pages/main.py."""
    return str(PAGES_DIR / Path(page).name)


_PAGES: dict[tuple[str, tuple[tuple[str, Any], ...]], Any] = {}  # st.Page by file and options, once a process
_LINK_TARGETS: dict[str, Any] = {}  # a page without an icon, by file: what a link to it may carry


def app_page(file: str, **options: Any) -> st.Page:
    """``st.Page(page_file(file), **options)``, made once a process and copied for each run.

    Making one resolves its file's path on disk; the frame makes eleven on every run, and on a busy
    server that was an eighth of the CPU (py-spy, 100 visitors). A copy, because st.navigation marks
    the page it returns and its run unmarks it: one object shared by sessions at once would race."""
    key = (Path(file).name, tuple(sorted(options.items())))
    page = _PAGES.get(key)
    if page is None:
        page = _PAGES[key] = st.Page(page_file(file), **options)
        if options.get("icon") is None:
            _LINK_TARGETS[key[0]] = page
    return copy.copy(page)


def link(page: str, label: str, params: dict[str, str] | None = None, **kwargs: Any) -> None:
    """``st.page_link`` that keeps the language and the shortlist; the label is shown as text
    (a project's name is never read as Markdown or LaTeX). A page this process has made without
    an icon (the project page) is linked as that page: a path is resolved on disk at every link."""
    own = {key: value for key, value in (params or {}).items() if key not in GLOBAL_PARAMS}  # today's win
    target = _LINK_TARGETS.get(Path(page).name) or page_file(page)
    st.page_link(target, label=escape_markdown(label), query_params={**own, **global_params()}, **kwargs)


def toggle_shortlist(code: str) -> bool:
    """Take ``code`` off the shortlist, or put it on; False when the list is full (nothing changes)."""
    chosen = shortlist()
    if code in chosen:
        chosen.remove(code)
    elif len(chosen) >= SHORTLIST_LIMIT:
        return False
    else:
        chosen.append(code)
    return True  # the run after this one puts the list into the URL (keep_globals_in_url)


def shortlist_button(code: str, lang: str, key: str) -> None:
    """Add to, or remove from, the shortlist (kept in the URL as ``?list=``)."""
    listed = code in shortlist()
    label, icon = (
        ("shortlist.remove", ":material/bookmark_remove:") if listed else ("shortlist.add", ":material/bookmark_add:")
    )
    if st.button(t(label, lang), key=f"{'unlist' if listed else 'list'}-{key}-{code}", icon=icon):
        if toggle_shortlist(code):
            st.rerun()
        st.toast(t("shortlist.full", lang, limit=SHORTLIST_LIMIT))


def client_address() -> str | None:
    """The visitor's address, for the limits on inquiries and sign-in attempts. Streamlit gives
    none for a connection from this machine, which is what a reverse proxy's is: with
    ``CATALOGUE_TRUSTED_PROXY=1`` the last ``X-Forwarded-For`` hop (the one the proxy added) is
    used instead. ``None`` when unknown (the per-e-mail, per-name and per-project limits still hold)."""
    try:
        address = st.context.ip_address
        if address is None and os.environ.get("CATALOGUE_TRUSTED_PROXY") == "1":
            forwarded = st.context.headers.get("X-Forwarded-For") or ""
            address = forwarded.split(",")[-1].strip() or None
        return address if isinstance(address, str) else None  # AppTest's context gives a mock
    except Exception:  # a context without a connection (AppTest)
        return None


def share_base() -> str:
    """The site's address as visitors reach it, for links to copy: ``CATALOGUE_PUBLIC_URL`` when set
    (behind a proxy, the name the public knows), else the address this browser used."""
    configured = os.environ.get("CATALOGUE_PUBLIC_URL", "").rstrip("/")
    if configured:
        return configured
    try:
        parts = urlsplit(str(st.context.url))
        if parts.scheme in ("http", "https") and parts.netloc:
            return f"{parts.scheme}://{parts.netloc}"
    except Exception:  # no browser behind this run (AppTest)
        pass
    return ""


def mail_settings() -> dict[str, Any] | None:
    """SMTP settings for the alerts: ``[smtp]`` of .streamlit/secrets.toml (host, port, sender, user,
    password, starttls), else CATALOGUE_SMTP_HOST / _PORT / _SENDER; None when neither is set."""
    try:
        found = st.secrets.get("smtp")
        if found:
            return dict(found)
    except Exception:  # no secrets file
        pass
    host = os.environ.get("CATALOGUE_SMTP_HOST")
    if not host:
        return None
    return {
        "host": host,
        "port": int(os.environ.get("CATALOGUE_SMTP_PORT", "25")),
        "sender": os.environ.get("CATALOGUE_SMTP_SENDER", "catalogue@localhost"),
    }


def session_id() -> str:
    """A random id for this browser session (the inquiry flood limit counts per session)."""
    return st.session_state.setdefault("session_id", uuid.uuid4().hex)


def field_error(message: str | None) -> None:
    """A field's problem, right under it, in red."""
    if message:
        # a word joiner after "@": the example address in a message is not made a mail link
        text = escape_markdown(message).replace("@", "@\u2060")
        st.markdown(f":red[:material/error: {text}]")


def _inquiry_fields(key: str, errors: dict, lang: str) -> tuple[dict[str, Any], bool]:
    """The form's fields (problems under each), and whether it was sent."""

    def message(name: str) -> str | None:
        return errors[name](lang) if name in errors else None

    # The honeypot: hidden from people by CSS, filled in by form-filling robots.
    st.html("<style>[class*='st-key-inquiry-website'] { display: none; }</style>")
    with st.form(key, clear_on_submit=False, enter_to_submit=False):
        values: dict[str, Any] = {}
        for name, label, limit in (("name", "inquiry.name", 120), ("organisation", "inquiry.organisation", 200)):
            values[name] = st.text_input(t(label, lang), max_chars=limit, key=f"{key}-{name}")
            field_error(message(name))
        values["country"] = bound(
            st.selectbox,
            t("inquiry.country", lang),
            key=f"{key}-country",
            options=country_options(lang),
            format_func=lambda c: country_choice_label(c)(lang),
            in_form=True,
            placeholder=t("inquiry.country_hint", lang),
        )
        field_error(message("country"))
        for name, label, limit in (("email", "inquiry.email", 254), ("phone", "inquiry.phone", 40)):
            values[name] = st.text_input(t(label, lang), max_chars=limit, key=f"{key}-{name}")
            field_error(message(name))
        values["message"] = st.text_area(t("inquiry.message", lang), max_chars=3000, key=f"{key}-message")
        field_error(message("message"))
        values["website"] = st.text_input(t("inquiry.honeypot", lang), key=f"inquiry-website-{key}")
        values["consent"] = st.checkbox(t("inquiry.consent", lang), key=f"{key}-consent")
        field_error(message("consent"))
        for name in ("form", "project"):
            if name in errors:
                st.error(message(name), icon=":material/error:")
        pressed = st.form_submit_button(t("inquiry.send", lang), type="primary", icon=":material/send:")
    return values, pressed


def _forget_inquiries_but(base: str) -> None:
    """Drop the form state of the projects visited before (their forms are not drawn any more).
    Kept, it grew by a few keys per project opened, and Streamlit walks every key of the session
    for each text, number and select widget it draws: each click got dearer the longer one browsed."""
    state = st.session_state
    for name in [k for k in state if k.startswith("inquiry-") and not k.startswith((base + "#", base + "-"))]:
        del state[name]


@st.fragment
def inquiry_form(cat: Catalogue, code: str, lang: str) -> None:
    """The expression-of-interest form, opened by a button (a fragment: opening it and correcting
    it rerun this part only; every visit to a project page no longer draws nine fields that most
    visitors do not use). Each filling-in has an id, so a double click or a resend stores one
    inquiry; after sending, the form is empty again and the reference number shows. Problems are
    shown under their fields, in the user's language."""
    state = st.session_state
    base = f"inquiry-{code}"
    if state.get("inquiry_project") != code:
        _forget_inquiries_but(base)
        state["inquiry_project"] = code
    revision = state.get(f"{base}#rev", 0)
    errors: dict = state.get(f"{base}#errors", {})
    st.subheader(t("inquiry.title", lang))
    sent = state.get(f"{base}#sent")
    if sent:
        reference, duplicate = sent
        st.success(
            t("inquiry.duplicate" if duplicate else "inquiry.sent_ref", lang, reference=reference),
            icon=":material/mark_email_read:",
        )
    if not state.get(f"{base}#open"):
        st.caption(t("inquiry.intro", lang))
        st.button(
            t("inquiry.open", lang),
            key=f"{base}-open",
            type="primary",
            icon=":material/edit_note:",
            on_click=state.__setitem__,
            args=(f"{base}#open", True),
        )
        return
    submission = state.setdefault(f"{base}#id", new_submission_id())
    key = f"{base}-{revision}"
    values, pressed = _inquiry_fields(key, errors, lang)
    if not pressed:
        return
    if sent and not any(value for name, value in values.items() if name not in ("website", "consent")):
        # The emptied form sent just after a sending (the second click of a double click lands on
        # it): nothing to send, and the reference number stays in view rather than "required" errors.
        return
    result = submit_inquiry(
        cat,
        code,
        values,
        session=session_id(),
        lang=lang,
        submission=submission,
        address=client_address(),
        store_with=forward_inquiry if cat.read_only else None,
    )
    if result.ok:
        state[f"{base}#sent"] = (result.reference, result.duplicate)
        state[f"{base}#rev"] = revision + 1  # a new, empty form
        state[f"{base}#id"] = new_submission_id()
        state.pop(f"{base}#errors", None)
    else:
        state[f"{base}#errors"] = result.errors
        state.pop(f"{base}#sent", None)
    st.rerun()


# --- signed-in staff -----------------------------------------------------------------------------


def current_user() -> auth.User | None:
    """The signed-in account, re-read from the database on every run (a disabled account, a
    changed role or a sign-out elsewhere takes effect at once); ``None`` for the public or after
    the session expired. A reload or a new tab finds the session again through its cookie. Nobody
    signs in on a public replica (its snapshot holds no accounts)."""
    cat = get_catalogue()
    if cat.read_only:
        return None
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
    """After a sign-in, the browser fetches its session cookie from the server (``/auth/cookie``,
    catalogue/api.py), which sets it HttpOnly: no script can read it. The page holds a one-time
    grant, never the token. After a sign-out the server clears it (``/auth/signout``)."""
    token = st.session_state.pop("cookie_to_set", None)
    clear = st.session_state.pop("cookie_to_clear", False)
    if token:
        url = local_path("/auth/cookie?grant=" + GRANTS.issue(token))
    elif clear:
        url = local_path("/auth/signout")
    else:
        return
    st.html(
        f"<script>fetch({url!r}, {{method: 'POST', credentials: 'same-origin'}});</script>",
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


def sign_in_form(lang: str, then: str | None = None) -> None:
    """Name and password; on success the page runs again with the account's pages, or the page
    ``then`` opens (the sign-in page sends people to the staff home)."""
    if st.session_state.pop("auth_expired", False):
        st.info(t("signin.expired", lang), icon=":material/schedule:")
    with st.form("signin", enter_to_submit=True):
        name = st.text_input(t("signin.name", lang), autocomplete="username")
        password = st.text_input(t("signin.password", lang), type="password", autocomplete="current-password")
        pressed = st.form_submit_button(t("signin.submit", lang), type="primary")
    if pressed:
        result = auth.sign_in(get_catalogue(), name, password, address=client_address())
        if result.user is None:
            st.error(result.text(lang))
            return
        now = auth.now()
        token = auth.start_session(get_catalogue(), result.user.name, now)
        st.session_state["auth"] = {"name": result.user.name, "signed_in_at": now, "last_seen": now, "token": token}
        st.session_state["cookie_to_set"] = token
        if then:  # the next run (the frame) hands over the cookie, on the page the user goes to
            st.switch_page(page_file(then), query_params=global_params())
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
        st.error(t("signin.no_rights", lang, role=auth.role_label(needed)(lang)), icon=":material/block:")
        st.stop()
    return user


def document_language(lang: str) -> None:
    """``<html lang>`` as the page's language, for screen readers, hyphenation and translation tools."""
    st.html(
        f"<script>document.documentElement.lang = {lang!r};</script>",
        unsafe_allow_javascript=True,
        width=1,
    )


def scroll_to_top() -> None:
    """Scroll the page back to its top (another project drawn on the same page)."""
    nonce = st.session_state["scroll_nonce"] = st.session_state.get("scroll_nonce", 0) + 1
    st.html(
        f"<script>/* {nonce} */ window.scrollTo(0, 0); document.querySelectorAll("
        '\'[data-testid="stMain"], [data-testid="stAppViewContainer"], section.main\')'
        ".forEach((el) => el.scrollTo(0, 0));</script>",
        unsafe_allow_javascript=True,
        width=1,
    )


def remember_results(params: dict) -> None:
    """The browse page's parameters, for the project page's "Back to the results"."""
    st.session_state["last_results"] = dict(params)


def results_params() -> dict:
    return dict(st.session_state.get("last_results") or {})


_STYLE = """<style>
/* A table's toolbar (search, download, full screen) shows above its top edge: room for it, so that on a
   phone it does not cover the sort box above the table (a helper's finding). The room is the element's,
   not the table's own: a table given a height keeps it, and the text below was drawn over its last row. */
[data-testid="stElementContainer"]:has([data-testid="stDataFrame"]) { margin-top: 2.25rem; }
/* The page link a result card's "Open" or a map's marker follows (_results.py, _map.py): never seen. */
.st-key-open-project, .st-key-open-project-map { display: none; }
/* Long page links (similar projects, shortlist) wrap instead of running off a phone's screen. */
[data-testid="stPageLink"] p, [data-testid="stPageLink"] span { white-space: normal; overflow-wrap: anywhere; }
/* The first screen's title: one line on a laptop, so the figures, the map and projects show above the fold. */
[data-testid="stMain"] h1 { font-size: 2.1rem; }
.st-key-hero h1 { font-size: 2rem; padding: 0 0 0.5rem; }
@media (max-width: 640px) { [data-testid="stMain"] h1, .st-key-hero h1 { font-size: 1.5rem; } }
/* Less empty space above the page's first line (a phone keeps room for the menu button). */
@media (min-width: 641px) { .stMainBlockContainer { padding-top: 3rem; } }
</style>"""


def page_style() -> None:
    """The few rules Streamlit's theme has no option for."""
    st.html(_STYLE)


def close_sidebar_on_phone() -> None:
    """On a phone the sidebar covers the page: after choosing a page there, fold it away."""
    nonce = st.session_state["sidebar_nonce"] = st.session_state.get("sidebar_nonce", 0) + 1
    st.html(
        f"<script>/* {nonce} */ if (window.innerWidth < 768) {{"
        "const sidebar = document.querySelector('[data-testid=\"stSidebar\"]');"
        "if (sidebar && sidebar.dataset.collapsed === 'false') {"
        "const holder = document.querySelector('[data-testid=\"stSidebarCollapseButton\"]');"
        "const button = holder && (holder.tagName === 'BUTTON' ? holder : holder.querySelector('button'));"
        "if (button) button.click(); } }</script>",
        unsafe_allow_javascript=True,
        width=1,
    )
