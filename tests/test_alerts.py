"""E-mail alerts without accounts, against a local SMTP server (aiosmtpd on a loopback port):
double opt-in, a digest of what is new in the view, one-click unsubscribe that deletes the address,
nothing kept when the confirmation cannot be sent."""

from __future__ import annotations

import email
import email.policy
import re
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import Message

import pytest
from aiosmtpd.controller import Controller
from starlette.requests import Request

from catalogue.api import Routes
from catalogue.projects import alerts
from tests.test_app import demo_catalogue

BASE = "https://catalogue.example"


class Inbox:
    """Messages the local SMTP server received, parsed."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def smtp_server() -> Iterator[Inbox]:
    """A mail server on a free loopback port (aiosmtpd); what it receives is in the inbox, its port
    in ``inbox.port``."""
    box = Inbox()
    box.port = _free_port()  # type: ignore[attr-defined]
    controller = Controller(box, hostname="127.0.0.1", port=box.port)  # type: ignore[attr-defined]
    controller.start()
    try:
        yield box
    finally:
        controller.stop()


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, alerts.Mailer]]:
    with smtp_server() as box:
        yield box, alerts.Mailer(host="127.0.0.1", port=box.port, sender="xuctien@catalogue.example")


def body(message: Message) -> str:
    return message.get_content()


def link(message: Message, path: str) -> str:
    found = re.search(rf"{re.escape(BASE)}{re.escape(path)}\?token=([\w-]+)", body(message))
    assert found, body(message)
    return found.group(1)


def call(routes: Routes, endpoint, path: str, token: str, method: str = "GET"):
    scope = {
        "type": "http",
        "method": method,
        "scheme": "http",
        "path": path,
        "query_string": f"token={token}&lang=en".encode(),
        "headers": [(b"host", b"cat.example")],
        "client": ("10.0.0.9", 1234),
    }
    return endpoint(Request(scope))


def _touch(cat, code: str) -> None:
    """A staff change to a project (its update time moves on)."""
    from catalogue.clock import project_stamp

    cat.write(lambda cur: cur.execute("update projects set updated_at = ? where code = ?", [project_stamp(), code]))


def test_opt_in_digest_and_one_click_unsubscribe(inbox):
    box, mailer = inbox
    with demo_catalogue() as cat:
        routes = Routes(lambda: cat)
        alerts.subscribe(
            cat,
            "investor@example.com",
            {"category": "renewables", "page": "3"},
            "en",
            consent=True,
            mailer=mailer,
            base=BASE,
        )
        assert len(box.messages) == 1 and box.messages[0]["To"] == "investor@example.com"
        assert box.messages[0]["Subject"] == "Confirm your project alert"
        assert alerts.send_digests(cat, mailer, BASE) == 0  # not confirmed: nothing sent
        token = link(box.messages[0], "/alerts/confirm")
        assert call(routes, routes.alert_confirm, "/alerts/confirm", token).status_code == 200
        assert alerts.send_digests(cat, mailer, BASE) == 0  # nothing new since the confirmation
        _touch(cat, "DEMO-035")  # a renewables project changes …
        _touch(cat, "DEMO-001")  # … and one of another category
        assert alerts.send_digests(cat, mailer, BASE) == 1
        digest = box.messages[-1]
        assert digest["Subject"] == "1 new or updated project in the catalogue"
        text = body(digest)
        assert "Additional waste-to-energy line" in text and f"{BASE}/project?code=DEMO-035&lang=en" in text
        assert "DEMO-001" not in text and f"{BASE}/?category=renewables&lang=en" in text
        leave = link(digest, "/alerts/unsubscribe")
        assert digest["List-Unsubscribe"] == f"<{BASE}/alerts/unsubscribe?token={leave}&lang=en>"
        assert alerts.send_digests(cat, mailer, BASE) == 0  # sent once
        # the link opened (by a person, or a mail scanner or a link preview): a question, nothing deleted
        asked = call(routes, routes.alert_unsubscribe, "/alerts/unsubscribe", leave)
        assert asked.status_code == 200 and b"Stop this alert?" in asked.body and b'method="post"' in asked.body
        with cat.cursor() as cur:
            assert cur.execute("select count(*) from alert_subscriptions").fetchall() == [(1,)]
        response = call(routes, routes.alert_unsubscribe, "/alerts/unsubscribe", leave, method="POST")
        assert response.status_code == 200 and b"unsubscribed" in response.body
        with cat.cursor() as cur:  # the address is gone, not just marked
            assert cur.execute("select count(*) from alert_subscriptions").fetchall() == [(0,)]
        assert call(routes, routes.alert_unsubscribe, "/alerts/unsubscribe", leave).status_code == 404


def test_what_is_refused_and_nothing_kept_half(inbox):
    box, mailer = inbox
    with demo_catalogue() as cat:
        for address, consent, reason in (
            ("investor@example.com", False, "Please agree"),
            ("not an address", True, "not in a valid form"),
        ):
            with pytest.raises(alerts.AlertError, match=reason):
                alerts.subscribe(cat, address, {}, "en", consent=consent, mailer=mailer, base=BASE)
        with pytest.raises(alerts.AlertError, match="not set up to send mail"):
            alerts.subscribe(cat, "investor@example.com", {}, "en", consent=True, mailer=None, base=BASE)
        away = alerts.Mailer(host="127.0.0.1", port=_free_port())  # nobody listens there
        with pytest.raises(alerts.AlertError, match="could not be sent"):
            alerts.subscribe(cat, "investor@example.com", {}, "en", consent=True, mailer=away, base=BASE)
        with cat.cursor() as cur:
            assert cur.execute("select count(*) from alert_subscriptions").fetchall() == [(0,)]
        assert box.messages == []
        for n in range(alerts.PER_ADDRESS):  # different results each time (the same twice is one alert)
            alerts.subscribe(
                cat, "busy@example.com", {"q": f"lò đốt {n}"}, "vi", consent=True, mailer=mailer, base=BASE
            )
            with cat.cursor() as cur:  # confirmed: only confirmed alerts fill an address's ten
                (token,) = cur.execute(
                    "select confirm_token from alert_subscriptions where confirmed_at is null"
                ).fetchone()
            assert alerts.confirm(cat, token)
        with pytest.raises(alerts.AlertError, match=f"at most {alerts.PER_ADDRESS} alerts"):
            alerts.subscribe(cat, "Busy@Example.com", {}, "vi", consent=True, mailer=mailer, base=BASE)
        assert box.messages[0]["Subject"] == "Xác nhận đăng ký nhận thông báo dự án"  # in the reader's language


def test_a_forged_or_stale_token_confirms_nothing(inbox):
    _box, mailer = inbox
    with demo_catalogue() as cat:
        routes = Routes(lambda: cat)
        alerts.subscribe(cat, "investor@example.com", {}, "en", consent=True, mailer=mailer, base=BASE)
        assert call(routes, routes.alert_confirm, "/alerts/confirm", "forged-token").status_code == 404
        cat.write(lambda cur: cur.execute("update alert_subscriptions set created_at = created_at - interval 8 days"))
        with cat.cursor() as cur:
            token = cur.execute("select confirm_token from alert_subscriptions").fetchall()[0][0]
        assert not alerts.confirm(cat, token)  # older than a week: the address waits to be deleted


def test_the_same_alert_asked_twice_is_one_and_its_pages_speak_the_readers_language(inbox):
    """A helper subscribed twice to one view and got two alerts; the English confirmation link opened
    a Vietnamese page, and neither the message nor the page offered the promised unsubscribe link."""
    box, mailer = inbox
    view = {"category": "renewables", "q": "solar"}
    with demo_catalogue() as cat:
        routes = Routes(lambda: cat)
        first = alerts.subscribe(cat, "investor@example.com", view, "en", consent=True, mailer=mailer, base=BASE)
        twice = alerts.subscribe(cat, "investor@example.com", view, "en", consent=True, mailer=mailer, base=BASE)
        assert twice == first and len(box.messages) == 1  # a double click: one alert, one mail
        cat.write(
            lambda cur: cur.execute("update alert_subscriptions set created_at = created_at - interval 5 minutes")
        )
        again = alerts.subscribe(cat, "Investor@Example.com", view, "en", consent=True, mailer=mailer, base=BASE)
        assert again == first and len(box.messages) == 2  # asked again later: the link mailed again
        with cat.cursor() as cur:
            assert cur.execute("select count(*) from alert_subscriptions").fetchall() == [(1,)]
        token = link(box.messages[0], "/alerts/confirm")
        assert link(box.messages[1], "/alerts/confirm") == token  # the same alert's link, mailed again
        text = body(box.messages[0])
        assert f"{BASE}/alerts/confirm?token={token}&lang=en" in text
        leave = link(box.messages[0], "/alerts/unsubscribe")
        assert f"{BASE}/alerts/unsubscribe?token={leave}&lang=en" in text
        # opened without its language (a link from an older message): the page speaks the alert's
        page = call(routes, routes.alert_confirm, "/alerts/confirm", token)
        assert page.status_code == 200 and b"Your alert is confirmed" in page.body
        assert b"lang=en" in page.body and f"/alerts/unsubscribe?token={leave}".encode() in page.body
        # asked for again once confirmed: no second alert, a word that it runs, with the way out
        alerts.subscribe(cat, "investor@example.com", view, "en", consent=True, mailer=mailer, base=BASE)
        assert box.messages[-1]["Subject"] == "You already have this alert" and leave in body(box.messages[-1])
        with cat.cursor() as cur:
            assert cur.execute("select count(*) from alert_subscriptions").fetchall() == [(1,)]
        # another view is another alert
        alerts.subscribe(cat, "investor@example.com", {"q": "solar"}, "en", consent=True, mailer=mailer, base=BASE)
        with cat.cursor() as cur:
            assert cur.execute("select count(*) from alert_subscriptions").fetchall() == [(2,)]


def test_strangers_cannot_flood_an_address_with_confirmations_or_fill_its_alerts(inbox):
    """A helper sent fourteen confirmations in a minute to addresses not its own, and ten unconfirmed
    sign-ups locked the owner out of alerts for a week."""
    box, mailer = inbox
    with demo_catalogue() as cat:
        for n in range(alerts.PENDING_PER_ADDRESS):
            alerts.subscribe(
                cat, "victim@example.org", {"q": f"solar {n}"}, "en", consent=True, mailer=mailer, base=BASE
            )
        with pytest.raises(alerts.AlertError, match="already waiting at this address today"):
            alerts.subscribe(cat, "victim@example.org", {"q": "more"}, "en", consent=True, mailer=mailer, base=BASE)
        assert len(box.messages) == alerts.PENDING_PER_ADDRESS
        # the next day the owner can sign up, and the strangers' sign-ups never count towards the ten
        cat.write(lambda cur: cur.execute("update alert_subscriptions set created_at = created_at - interval 25 hours"))
        alerts.subscribe(cat, "victim@example.org", {"q": "mine"}, "en", consent=True, mailer=mailer, base=BASE)
        assert len(box.messages) == alerts.PENDING_PER_ADDRESS + 1


def test_an_alert_asked_for_again_and_again_is_mailed_about_twice_a_day(inbox):
    """A helper asked six times for an alert an address already held: six "You already have this
    alert" mails reached the subscriber."""
    box, mailer = inbox
    view = {"q": "wastewater"}
    with demo_catalogue() as cat:
        alerts.subscribe(cat, "held@example.com", view, "en", consent=True, mailer=mailer, base=BASE)
        with cat.cursor() as cur:
            (token,) = cur.execute("select confirm_token from alert_subscriptions").fetchone()
        assert alerts.confirm(cat, token)
        for _ in range(6):  # each after the double-click window
            cat.write(
                lambda cur: cur.execute("update alert_subscriptions set created_at = created_at - interval 5 minutes")
            )
            alerts.subscribe(cat, "held@example.com", view, "en", consent=True, mailer=mailer, base=BASE)
        already = [m for m in box.messages if m["Subject"] == "You already have this alert"]
        assert len(already) == alerts.MAILS_AGAIN and len(box.messages) == 1 + alerts.MAILS_AGAIN
