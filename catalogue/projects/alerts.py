"""E-mail alerts without accounts: an investor leaves an address for a filtered view, confirms it by
a link (double opt-in), then receives a digest when projects in that view are published or changed;
one click unsubscribes, and the address is deleted then.

Stored: the address, the view's parameters, the language, when consent was given and confirmed, and
two random tokens (confirm, unsubscribe). Nothing else about the person. An unconfirmed address is
deleted after :data:`PENDING_DAYS` days. Mail goes through :class:`Mailer` (SMTP settings from the
app's secrets or the environment); tests use a local SMTP server.
"""

from __future__ import annotations

import datetime as dt
import email.policy
import json
import secrets
import smtplib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any
from urllib.parse import urlencode

import duckdb

from catalogue.clock import utcnow
from catalogue.core import Catalogue
from catalogue.errors import CatalogueError
from catalogue.projects.browse_state import parse_params, to_params
from catalogue.search.normalize import is_email
from catalogue.text import DEFAULT_LANGUAGE, LANGUAGES, Text, is_default, localized, t

PENDING_DAYS = 7
PER_ADDRESS = 10  # confirmed alerts one address may hold
# Confirmations waiting at one address (a day's): a stranger typing someone's address sends it at
# most this many mails a day, and unconfirmed sign-ups never fill the owner's ten (a helper sent
# fourteen in a minute and locked the owner out for a week).
PENDING_PER_ADDRESS = 3
RESEND_SECONDS = 120  # the same sign-up again within this (a double click): kept, not mailed twice
MAILS_AGAIN = 2  # mails a day about an alert asked for again (its confirmation again, "you already have it")
DIGEST_ENTRIES = 20


class AlertError(CatalogueError, ValueError):
    """An alert that cannot be set up as asked; ``text`` says why, in every language."""


@dataclass(frozen=True)
class Mailer:
    """SMTP settings: ``host``, ``port``, optional ``user``/``password``, ``sender``, ``starttls``."""

    host: str
    port: int = 25
    sender: str = "catalogue@localhost"
    user: str | None = None
    password: str | None = None
    starttls: bool = False

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any] | None) -> Mailer | None:
        """From a mapping (``[smtp]`` of the app's secrets, or CATALOGUE_SMTP_* read by the caller);
        None when no host is configured."""
        if not settings or not settings.get("host"):
            return None
        return cls(
            host=str(settings["host"]),
            port=int(settings.get("port", 25)),
            sender=str(settings.get("sender", "catalogue@localhost")),
            user=settings.get("user") or None,
            password=settings.get("password") or None,
            starttls=bool(settings.get("starttls", False)),
        )

    def send(self, to: str, subject: str, body: str, headers: Mapping[str, str] | None = None) -> None:
        # long lines kept whole: a folded List-Unsubscribe URL would reach mail clients as encoded words
        message = EmailMessage(policy=email.policy.SMTP.clone(max_line_length=998))
        message["From"], message["To"], message["Subject"] = self.sender, to, subject
        for name, value in (headers or {}).items():
            message[name] = value
        message.set_content(body)
        with smtplib.SMTP(self.host, self.port, timeout=20) as smtp:
            if self.starttls:
                smtp.starttls()
            if self.user:
                smtp.login(self.user, self.password or "")
            smtp.send_message(message)


def _view(params: Mapping[str, Any], cat: Catalogue) -> dict[str, Any]:
    """The view's canonical parameters (words and filters; not the page, the sort or the view)."""
    state, _problems = parse_params(params, cat.reference)
    return {k: v for k, v in to_params(state).items() if k not in ("page", "sort", "view", "lang")}


def checked_request(
    cat: Catalogue, email: str, params: Mapping[str, Any], lang: str, *, consent: bool
) -> dict[str, Any]:
    """An alert request checked (consent, the address) and put in canonical form: what a replica
    forwards to the primary and :func:`subscribe` keeps. Raises :class:`AlertError`."""
    email = email.strip()
    if not consent:
        raise AlertError(Text.of("alerts.no_consent"))
    if not is_email(email) or len(email) > 254:
        raise AlertError(Text.of("alerts.bad_email"))
    return {
        "id": uuid.uuid4().hex,
        "email": email,
        "view": _view(params, cat),
        "lang": lang if lang in LANGUAGES else DEFAULT_LANGUAGE,
        "consent_at": utcnow().isoformat(),
    }


def subscribe(
    cat: Catalogue, email: str, params: Mapping[str, Any], lang: str, *, consent: bool, mailer: Mailer | None, base: str
) -> str:
    """Keep ``email`` for the view ``params`` (unconfirmed) and send the confirmation link; the
    subscription's id. Raises :class:`AlertError` (no consent, a bad address, too many alerts, no mail server)."""
    request = checked_request(cat, email, params, lang, consent=consent)
    return keep_request(cat, request, mailer=mailer, base=base)


def keep_request(cat: Catalogue, request: Mapping[str, Any], *, mailer: Mailer | None, base: str) -> str:
    """Keep a checked request (:func:`checked_request`, here or forwarded by a replica) and send its
    confirmation link. The same request twice (its ``id``) is kept and mailed once."""
    if mailer is None:
        raise AlertError(Text.of("alerts.no_mail"))
    email, lang, subscription = request["email"], request["lang"], str(request["id"])[:64]
    view = json.dumps(request["view"], ensure_ascii=False, sort_keys=True)
    confirm, leave, now = secrets.token_urlsafe(24), secrets.token_urlsafe(24), utcnow()
    consent_at = dt.datetime.fromisoformat(request["consent_at"])

    def store(cur: duckdb.DuckDBPyConnection) -> tuple[str, str, str, bool] | None:
        if cur.execute("select 1 from alert_subscriptions where id = ?", [subscription]).fetchall():
            return None
        cur.execute("delete from alert_subscriptions where confirmed_at is null and created_at < ?", [_expiry(now)])
        same = cur.execute(  # this address already asked for these results: that alert, not a second one
            "select id, confirm_token, unsubscribe_token, confirmed_at is not null, created_at from alert_subscriptions "
            "where lower(email) = lower(?) and view = ?",
            [email, view],
        ).fetchall()
        if same:
            held, _confirm, _leave, confirmed, created = same[0]
            if not confirmed and created > now - dt.timedelta(seconds=RESEND_SECONDS):
                return held, None, None, False  # just mailed (a double click): not again
            return same[0][:4]
        held, waiting = cur.execute(
            "select count(*) filter (where confirmed_at is not null), "
            "count(*) filter (where confirmed_at is null and created_at > ?) "
            "from alert_subscriptions where lower(email) = lower(?)",
            [now - dt.timedelta(days=1), email],
        ).fetchall()[0]
        if held >= PER_ADDRESS:
            raise AlertError(Text.of("alerts.too_many", limit=PER_ADDRESS))
        if waiting >= PENDING_PER_ADDRESS:
            raise AlertError(Text.of("alerts.too_many_waiting", limit=PENDING_PER_ADDRESS))
        cur.execute(
            "insert into alert_subscriptions (id, email, lang, view, confirm_token, unsubscribe_token, consent_at, "
            "created_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
            [subscription, email, lang, view, confirm, leave, consent_at, now],
        )
        return subscription, confirm, leave, False

    kept = cat.write(store, event="alerts")
    if kept is None:
        return subscription
    held_id, confirm, leave, confirmed = kept
    if confirm is None:  # the same sign-up a moment ago: its mail is on its way
        return held_id
    if held_id != subscription and not _may_mail_again(cat, held_id):
        return held_id
    try:
        mailer.send(email, *_confirmation(base, lang, confirm, leave, confirmed=confirmed))
    except (OSError, smtplib.SMTPException) as error:  # nothing kept half: no address without its message
        if held_id == subscription:  # a new one; an alert asked for again stays as it was
            cat.write(
                lambda cur: cur.execute("delete from alert_subscriptions where id = ?", [subscription]), event="alerts"
            )
        raise AlertError(Text.of("alerts.send_failed")) from error
    return held_id


def _may_mail_again(cat: Catalogue, held_id: str) -> bool:
    """Whether an alert asked for again (its confirmation once more, or "you already have it") may be
    mailed: at most :data:`MAILS_AGAIN` times a day, or anyone could flood a subscriber's inbox (a
    helper sent six)."""
    return cat.inquiry_limiter.allow_all([(f"alert-mail-again:{held_id}", MAILS_AGAIN, 86_400.0)])


def _confirmation(base: str, lang: str, confirm: str, leave: str, *, confirmed: bool) -> tuple[str, str]:
    """The message after a sign-up (subject, body): the link that confirms it, or, for an alert this
    address already holds and confirmed, word that it runs; either way the one-click unsubscribe link.
    The links carry the reader's language, so the pages they open speak it."""
    own = {} if is_default(lang) else {"lang": lang}
    leave_link = f"{base}/alerts/unsubscribe?{urlencode({'token': leave, **own})}"
    if confirmed:
        return t("alerts.already_subject", lang), t("alerts.already_body", lang, unsubscribe=leave_link)
    link = f"{base}/alerts/confirm?{urlencode({'token': confirm, **own})}"
    body = t("alerts.confirm_body", lang, link=link, days=PENDING_DAYS, unsubscribe=leave_link)
    return t("alerts.confirm_subject", lang), body


def _expiry(now: dt.datetime) -> dt.datetime:
    return now - dt.timedelta(days=PENDING_DAYS)


@dataclass(frozen=True)
class Confirmed:
    """A confirmed alert, for the page that says so: its view's parameters (words and filters), the
    language it was asked in, and its unsubscribe token."""

    view: dict[str, Any]
    lang: str
    unsubscribe: str


def confirm(cat: Catalogue, token: str) -> Confirmed | None:
    """The confirmation link followed: the alert starts (from now). None for an unknown or expired token."""
    now = utcnow()

    def mark(cur: duckdb.DuckDBPyConnection) -> Confirmed | None:
        found = cur.execute(
            "update alert_subscriptions set confirmed_at = coalesce(confirmed_at, ?), last_sent_at = "
            "coalesce(last_sent_at, ?) where confirm_token = ? and created_at >= ? "
            "returning view, lang, unsubscribe_token",
            [now, now, token[:64], _expiry(now)],
        ).fetchall()
        return Confirmed(json.loads(found[0][0]), found[0][1], found[0][2]) if found else None

    return cat.write(mark, event="alerts")


def holds(cat: Catalogue, token: str) -> bool:
    """Whether an alert has this unsubscribe token (nothing is changed)."""
    with cat.cursor() as cur:
        return bool(
            cur.execute("select 1 from alert_subscriptions where unsubscribe_token = ?", [token[:64]]).fetchall()
        )


def unsubscribe(cat: Catalogue, token: str) -> bool:
    """One click: the subscription and its address are deleted. False for an unknown token."""

    def delete(cur: duckdb.DuckDBPyConnection) -> bool:
        return bool(
            cur.execute(
                "delete from alert_subscriptions where unsubscribe_token = ? returning id", [token[:64]]
            ).fetchall()
        )

    return cat.write(delete, event="alerts")


def send_digests(cat: Catalogue, mailer: Mailer, base: str) -> int:
    """For each confirmed alert, the projects of its view published or changed since its last digest,
    in one mail (none when there is nothing new); how many mails were sent."""
    with cat.cursor() as cur:
        rows = cur.execute(
            "select id, email, lang, view, unsubscribe_token, last_sent_at from alert_subscriptions "
            "where confirmed_at is not null order by created_at"
        ).fetchall()
    sent = 0
    for subscription, address, lang, view, leave, since in rows:
        params = json.loads(view)
        state, _ = parse_params(params, cat.reference)
        page = cat.search_page(state.q, limit=500, sort="updated", facets=False, **state.filters())
        hits = page.hits[: page.main]  # the search's answer, as the feed and exports take it
        fresh = [row for row in cat.rows([hit.code for hit in hits]) if since is None or row["updated_at"] > since]
        if not fresh:
            continue
        now = utcnow()
        mailer.send(address, *_digest(fresh[:DIGEST_ENTRIES], len(fresh), lang, base, params, leave))
        cat.write(
            lambda cur, subscription=subscription, now=now: cur.execute(
                "update alert_subscriptions set last_sent_at = ? where id = ?", [now, subscription]
            ),
            event="alerts",
        )
        sent += 1
    return sent


def _digest(
    rows: list[dict[str, Any]], total: int, lang: str, base: str, params: dict[str, Any], leave: str
) -> tuple[str, str, dict[str, str]]:
    """Subject, body and headers of a digest (List-Unsubscribe: one click, RFC 8058)."""
    suffix = "" if is_default(lang) else f"&lang={lang}"
    lines = [
        f"- {localized(row, 'name', lang) or row['code']}\n  {base}/project?code={row['code']}{suffix}" for row in rows
    ]
    view = f"{base}/?{urlencode({**params, **({} if is_default(lang) else {'lang': lang})}, doseq=True)}"
    leave_link = (
        f"{base}/alerts/unsubscribe?{urlencode({'token': leave, **({} if is_default(lang) else {'lang': lang})})}"
    )
    body = t("alerts.digest_body", lang, count=total, projects="\n".join(lines), view=view, unsubscribe=leave_link)
    headers = {"List-Unsubscribe": f"<{leave_link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    return t("alerts.digest_subject", lang, count=total), body, headers
