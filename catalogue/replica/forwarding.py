"""What a visitor sends from a replica (an expression of interest, an alert sign-up) reaches the
primary: queued on disk first, then forwarded, retried while the primary is away.

A replica cannot write its snapshot. It checks the request as the primary would, gives the visitor
the answer at once (an inquiry's reference number is made here), and keeps the request as one JSON
file in its spool (``pending/``, written aside and renamed, fsynced). A :class:`Forwarder` thread
sends the oldest first to the primary's ``POST /internal/forward`` with a shared token; the file
moves to ``sent/`` after the primary's 200, to ``rejected/`` after a refusal that a retry would not
change (the project is gone, say), and stays for the next round otherwise (the primary down,
restarting or busy). Each request carries its own id, and the primary keeps a request once per id
(:func:`accept`): a replica killed between the primary's answer and the move sends it again, and the
primary answers "already kept". So nothing is lost and nothing is kept twice.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hmac
import json
import logging
import os
import re
import smtplib
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from catalogue.clock import utcnow

KINDS = ("inquiry", "alert")
SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
MAX_RETRY_SECONDS = 10.0  # the longest wait between two tries while the primary is away
SENT_KEPT = dt.timedelta(days=2)  # ids answered from sent/ when the same form comes again
log = logging.getLogger("catalogue.forwarding")


class ForwardRefused(Exception):
    """The primary will not keep this request however often it is sent (4xx). ``message`` (each
    language's text, when the primary gave one) is what the visitor reads: "too many from this
    address", "no mail server"."""

    def __init__(self, detail: str, message: Mapping[str, str] | None = None, status: int = 422) -> None:
        super().__init__(detail)
        self.message = dict(message) if message else None
        self.status = status


class Spool:
    """A directory of requests waiting for the primary: ``pending/``, ``sent/``, ``rejected/``."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.root = Path(directory)
        for part in ("pending", "sent", "rejected"):
            (self.root / part).mkdir(parents=True, exist_ok=True)

    def put(self, kind: str, message: Mapping[str, Any]) -> tuple[dict[str, Any], bool]:
        """Queue ``message`` (with its ``id``); (the message kept, whether it is new). The same id
        again gives back the first one, whether still pending or already sent."""
        if kind not in KINDS or not SAFE_ID.match(str(message.get("id", ""))):
            raise ValueError(f"not a request to forward: {kind} {message.get('id')!r}")
        earlier = self.get(str(message["id"]))
        if earlier is not None:
            return earlier, False
        body = {**message, "kind": kind, "queued_at": utcnow().isoformat()}
        target = self.root / "pending" / f"{message['id']}.json"
        temporary = target.with_name(target.name + ".tmp")
        with temporary.open("w", encoding="utf-8") as handle:
            json.dump(body, handle, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
        return body, True

    def get(self, message_id: str) -> dict[str, Any] | None:
        for part in ("pending", "sent"):
            path = self.root / part / f"{message_id}.json"
            with contextlib.suppress(FileNotFoundError, ValueError):
                return json.loads(path.read_text(encoding="utf-8"))
        return None

    def pending(self) -> list[Path]:
        """Waiting requests, oldest first."""
        files = [p for p in (self.root / "pending").glob("*.json")]
        return sorted(files, key=lambda p: (p.stat().st_mtime, p.name))

    def count(self, part: str = "pending") -> int:
        return sum(1 for _ in (self.root / part).glob("*.json"))

    def settle(self, path: Path, part: str) -> None:
        """Move a pending request to ``sent`` or ``rejected``; forget sent ones older than :data:`SENT_KEPT`."""
        with contextlib.suppress(FileNotFoundError):
            os.replace(path, self.root / part / path.name)
        cutoff = time.time() - SENT_KEPT.total_seconds()
        for old in (self.root / "sent").glob("*.json"):
            with contextlib.suppress(FileNotFoundError):
                if old.stat().st_mtime < cutoff:
                    old.unlink()


class Forwarder:
    """Sends a spool's requests to the primary, oldest first, until stopped (a daemon thread)."""

    def __init__(
        self, spool: Spool, primary_url: str, token: str, *, interval: float = 1.0, timeout: float = 5.0
    ) -> None:
        self.spool = spool
        self.url = primary_url.rstrip("/") + "/internal/forward"
        self.token = token
        self.interval = interval
        self.timeout = timeout
        self._stop = threading.Event()
        self._wake = threading.Event()

    def start(self) -> Forwarder:
        threading.Thread(target=self._run, name="forwarder", daemon=True).start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    def nudge(self) -> None:
        """A request was queued: send now rather than at the next round."""
        self._wake.set()

    def _run(self) -> None:
        delay = self.interval
        while not self._stop.is_set():
            try:
                delay = self.interval if self.send_pending() >= 0 else min(delay * 2, MAX_RETRY_SECONDS)
            except Exception:  # never let the thread die: the next round tries again
                log.exception("forwarding")
                delay = min(delay * 2, MAX_RETRY_SECONDS)
            self._wake.wait(delay)
            self._wake.clear()

    def send_pending(self) -> int:
        """One round: each waiting request sent; the number sent, or -1 when the primary could not
        be reached (the rest wait for the next round)."""
        sent = 0
        for path in self.spool.pending():
            try:
                message = json.loads(path.read_text(encoding="utf-8"))
            except FileNotFoundError:
                continue
            except ValueError:
                self.spool.settle(path, "rejected")
                continue
            try:
                self.send(message)
            except ForwardRefused as refused:
                log.warning("the primary refused %s %s: %s", message.get("kind"), path.stem, refused)
                self.spool.settle(path, "rejected")
                continue
            except OSError as away:  # refused connection, timeout, 5xx: later
                log.info("primary not reached (%s); %d waiting", away, self.spool.count())
                return -1
            self.spool.settle(path, "sent")
            sent += 1
        return sent

    def send(self, message: Mapping[str, Any], timeout: float | None = None) -> dict[str, Any]:
        data = json.dumps(message, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(
            self.url,
            data=data,
            method="POST",
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {self.token}"},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout or self.timeout) as response:
                return json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            if 400 <= error.code < 500 and error.code != 408:
                body = error.read()[:4000]
                try:
                    said = json.loads(body).get("message")
                except (ValueError, AttributeError):
                    said = None
                raise ForwardRefused(f"HTTP {error.code}: {body[:200]!r}", said, error.code) from error
            raise OSError(f"HTTP {error.code}") from error

    def deliver(self, kind: str, message: Mapping[str, Any], timeout: float = 3.0) -> tuple[dict[str, Any], bool]:
        """Send ``message`` to the primary now; when it cannot be reached, queue it (the thread sends
        it later). (The primary's answer, or the message as queued; whether it was delivered now.)
        A refusal is raised (:class:`ForwardRefused`), for the visitor to read at once."""
        earlier = self.spool.get(str(message.get("id", "")))
        if earlier is not None:  # the same form sent twice while the primary was away
            return earlier, False
        body = {**message, "kind": kind}
        try:
            return self.send(body, timeout=timeout), True
        except OSError:
            kept, _new = self.spool.put(kind, message)
            self.nudge()
            return kept, False


def token_matches(header: str | None, token: str) -> bool:
    """``Authorization: Bearer TOKEN`` names ``token`` (compared in constant time; never with no token set)."""
    if not token or not header or not header.startswith("Bearer "):
        return False
    return hmac.compare_digest(header[len("Bearer ") :].encode(), token.encode())


def accept(cat: Any, message: Mapping[str, Any], *, mailer: Any, base: str) -> dict[str, Any]:
    """On the primary: keep a forwarded request once per id. Raises :class:`ForwardRefused` for one
    that is refused (with the visitor's message when there is one), ``ValueError`` or ``KeyError``
    for one that can never be kept, ``ConnectionError`` when the mail server is away (try later)."""
    from catalogue.projects import alerts
    from catalogue.staff import inquiries

    kind, message_id = message.get("kind"), str(message.get("id", ""))
    if kind not in KINDS or not SAFE_ID.match(message_id):
        raise ForwardRefused("not a forwarded request")
    if kind == "inquiry":
        try:
            reference, stored = inquiries.keep_forwarded(cat, message)
        except inquiries.StoreRefused as refused:
            raise ForwardRefused("too many inquiries", refused.text.as_dict(), 429) from refused
        except ValueError as refused:
            raise ForwardRefused(str(refused)) from refused
        return {"kind": kind, "id": message_id, "reference": reference, "stored": stored}
    try:
        alerts.keep_request(cat, message, mailer=mailer, base=base)
    except alerts.AlertError as refused:
        if isinstance(refused.__cause__, (OSError, smtplib.SMTPException)):  # the mail server away: later
            raise ConnectionError(refused.text("en")) from refused
        raise ForwardRefused(refused.text("en"), refused.text.as_dict()) from refused
    return {"kind": kind, "id": message_id, "stored": True}
