"""Expressions of interest from investors: checked, rate-limited, stored with the project.

``submit`` checks every field and answers with messages per field in every language;
nothing is stored unless every check passes. A filled honeypot field (invisible to people)
marks a robot: it is answered like a success and nothing is stored.
"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from catalogue.clock import to_hanoi, utcnow
from catalogue.errors import CatalogueError
from catalogue.search.normalize import clean_text, is_email, is_phone
from catalogue.staff.countries import closest_country, country_label, match_country
from catalogue.text import Text, t

if TYPE_CHECKING:
    from catalogue.core import Catalogue

FIELDS = ("name", "organisation", "country", "email", "phone", "message", "consent")
HONEYPOT = "website"
LIMITS = {"name": 120, "organisation": 200, "country": 80, "email": 254, "phone": 40, "message": 3000}
MIN_MESSAGE = 10

REQUIRED = {
    "name": Text.of("inquiry.need_name"),
    "organisation": Text.of("inquiry.need_organisation"),
    "country": Text.of("inquiry.need_country"),
    "email": Text.of("inquiry.need_email"),
    "message": Text.of("inquiry.need_message"),
}


@dataclass(frozen=True)
class InquiryResult:
    """``ok`` when accepted; ``errors`` maps a field to what is wrong with it."""

    ok: bool
    errors: dict[str, Text] = field(default_factory=dict)
    inquiry_id: str | None = None
    stored: bool = False
    reference: str | None = None  # what the investor quotes: YC-20261128-7F3K
    duplicate: bool = False  # the same inquiry had already been received: nothing new stored


class RateLimiter:
    """At most ``limit`` events per ``window`` seconds for each key (a browser session)."""

    def __init__(self, limit: int = 3, window: float = 600.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Record an event for ``key`` and say whether it is within the limit."""
        return self.allow_all([(key, self.limit, self.window)])

    def allow_all(self, keys: Sequence[tuple[str, int, float]]) -> bool:
        """Each of ``keys`` is (key, limit, window seconds): record one event for every key if all
        are within their limits, else record nothing and say no (a refused attempt does not use
        up another key's allowance)."""
        now = self.clock()
        with self._lock:
            queues = []
            for key, limit, window in keys:
                events = self._events.setdefault(key, deque())
                while events and now - events[0] > window:
                    events.popleft()
                if len(events) >= limit:
                    return False
                queues.append(events)
            for events in queues:
                events.append(now)
            if len(self._events) > 50_000:  # forget keys whose events have all expired
                longest = max(w for _k, _l, w in keys)
                for key in [k for k, q in self._events.items() if not q or now - q[-1] > longest]:
                    del self._events[key]
            return True


# Expressions of interest: per browser session, per client address (a conference's Wi-Fi puts
# many investors behind one address: a wider allowance), per e-mail, and a ceiling per project.
INQUIRY_LIMITS = {
    "session": (3, 600.0),
    "address": (10, 3600.0),
    "email": (3, 3600.0),
    "project": (30, 3600.0),
}


def check(form: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Text]]:
    """Clean the form's values and list what is wrong with them, field by field."""
    values = {name: clean_text(form.get(name), multiline=name == "message") for name in LIMITS}
    errors: dict[str, Text] = {}
    for name, text in values.items():
        if not text and name in REQUIRED:
            errors[name] = REQUIRED[name]
        elif len(text) > LIMITS[name]:
            errors[name] = Text.of("inquiry.too_long", limit=LIMITS[name])
    if values["name"] and "name" not in errors and sum(ch.isalpha() for ch in values["name"]) < 2:
        errors["name"] = Text.of("inquiry.full_name")
    if values["country"] and "country" not in errors:
        code = match_country(values["country"])
        if code is None:
            errors["country"] = _unknown_country(values["country"])
        else:
            values["country"] = code
    if values["email"] and "email" not in errors and not is_email(values["email"]):
        errors["email"] = Text.of("inquiry.bad_email")
    if values["phone"] and "phone" not in errors and not is_phone(values["phone"]):
        errors["phone"] = Text.of("inquiry.bad_phone")
    if values["message"] and "message" not in errors and len(values["message"]) < MIN_MESSAGE:
        errors["message"] = Text.of("inquiry.short_message", length=MIN_MESSAGE)
    if form.get("consent") is not True:
        errors["consent"] = Text.of("inquiry.need_consent")
    values["consent"] = form.get("consent") is True
    return values, errors


def _unknown_country(typed: str) -> Text:
    """A country not on the list, with the nearest name on it when one is near."""
    near = closest_country(typed)
    if not near:
        return Text.of("inquiry.unknown_country", country=typed)
    name = country_label(near)
    return Text.each(lambda lang: t("inquiry.unknown_country_near", lang, country=typed, near=name(lang)))


DUPLICATE_WINDOW = dt.timedelta(hours=24)
_REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read out on the phone


def new_submission_id() -> str:
    """A fresh id for one filling-in of the form: sending it twice stores it once."""
    return uuid.uuid4().hex


def _reference(now: dt.datetime) -> str:
    tail = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(4))
    return f"YC-{to_hanoi(now):%Y%m%d}-{tail}"


NOT_FOUND = Text.of("inquiry.no_project")
TOO_MANY = Text.of("inquiry.too_many")


def _within_limits(limiter: RateLimiter, code: str, email: str, session: str, address: str | None) -> bool:
    """One more inquiry for this session, address, e-mail and project, if each is within its limit."""
    keys = [("session:" + session, *INQUIRY_LIMITS["session"])]
    if address:
        keys.append(("address:" + address, *INQUIRY_LIMITS["address"]))
    keys += [("email:" + email.lower(), *INQUIRY_LIMITS["email"]), ("project:" + code, *INQUIRY_LIMITS["project"])]
    return limiter.allow_all(keys)


# Stores a checked inquiry: (code, values, submission id, language) -> (id, reference, stored now).
Store = Callable[[str, Mapping[str, Any], str, str], tuple[str, str, bool]]


class StoreRefused(CatalogueError):
    """The place an inquiry is kept refused it (a replica's primary: too many from this address);
    ``text`` says why, and the investor reads it under the form."""


def new_reference() -> str:
    """A reference number to give the investor (YC-date-four letters)."""
    return _reference(utcnow())


def store(
    cat: Catalogue,
    code: str,
    values: Mapping[str, Any],
    submission: str,
    lang: str,
    *,
    reference: str | None = None,
    created_at: dt.datetime | None = None,
) -> tuple[str, str, bool]:
    """(id, reference, whether stored now): a twin request that got in first is answered with its
    own. ``reference`` and ``created_at`` are given when a replica took the inquiry (forwarded)."""
    now = created_at or utcnow()
    reference = reference or _reference(now)

    def store(cur: Any) -> tuple[str, str, bool]:
        found = _find_earlier(cur, code, values, submission, now)
        if found is not None:
            return found[0], found[1], False
        cur.execute(
            "insert into inquiries (id, project_code, name, organisation, country, email, phone, message, consent, "
            "lang, created_at, status, reference) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?)",
            [
                submission,
                code,
                values["name"],
                values["organisation"],
                values["country"],
                values["email"],
                values["phone"] or None,
                values["message"],
                True,
                lang,
                now,
                reference,
            ],
        ).fetchall()
        return submission, reference, True

    return cat.write(store, event="inquiries")


def submit(
    cat: Catalogue,
    code: str,
    form: Mapping[str, Any],
    *,
    session: str,
    limiter: RateLimiter | None = None,
    lang: str = "vi",
    submission: str | None = None,
    address: str | None = None,
    store_with: Store | None = None,
) -> InquiryResult:
    """Check and store an expression of interest in project ``code`` (a published one).

    Limited per browser ``session``, per client ``address``, per e-mail and per project (see
    :data:`INQUIRY_LIMITS`): a reload or a new browser does not give a fresh allowance.

    Idempotent: the same ``submission`` id (one filling-in of the form, sent twice by a double
    click), or the same email and message for the same project within a day, is stored once and
    answered with the reference number of the first.

    ``store_with`` keeps it elsewhere than in ``cat`` (a replica queues it for the primary).
    """
    if clean_text(form.get(HONEYPOT)):
        return InquiryResult(ok=True, reference=_reference(utcnow()))  # a robot: answered like a person
    if cat.project(code) is None:
        return InquiryResult(False, {"project": NOT_FOUND})
    values, errors = check(form)
    if errors:
        return InquiryResult(False, errors)
    submission = (submission or new_submission_id())[:64]
    earlier = _earlier(cat, code, values, submission)
    if earlier is not None:
        return InquiryResult(True, inquiry_id=earlier[0], reference=earlier[1], duplicate=True)
    if not _within_limits(limiter or cat.inquiry_limiter, code, values["email"], session, address):
        return InquiryResult(False, {"form": TOO_MANY})
    keep = store_with or (lambda code, values, submission, lang: store(cat, code, values, submission, lang))
    try:
        inquiry_id, reference, stored = keep(code, values, submission, lang)
    except StoreRefused as refused:
        return InquiryResult(False, {"form": refused.text})
    return InquiryResult(True, inquiry_id=inquiry_id, stored=stored, reference=reference, duplicate=not stored)


def keep_forwarded(cat: Catalogue, message: Mapping[str, Any]) -> tuple[str, bool]:
    """On the primary: an inquiry a replica took (checked there), kept once per id with the replica's
    reference and time; (reference, stored now). The limits count here, across every replica.
    Raises :class:`StoreRefused` when over them, and ``ValueError`` for one that can never be kept."""
    values, errors = check({**message["values"], "consent": True})
    code, submission = str(message["code"]), str(message["id"])
    if errors or cat.project(code, include_hidden=True) is None:
        raise ValueError(f"inquiry {submission} cannot be kept: {sorted(errors) or 'no such project'}")
    earlier = _earlier(cat, code, values, submission)
    if earlier is not None:
        return earlier[1], False
    session, address = str(message.get("session") or submission), message.get("address")
    if not _within_limits(cat.inquiry_limiter, code, values["email"], session, address):
        raise StoreRefused(TOO_MANY)
    _id, reference, stored = store(
        cat,
        code,
        values,
        submission,
        str(message.get("lang", "vi")),
        reference=str(message["reference"]),
        created_at=dt.datetime.fromisoformat(message["created_at"]),
    )
    return reference, stored


def _earlier(cat: Catalogue, code: str, values: Mapping[str, Any], submission: str) -> tuple[str, str] | None:
    with cat.cursor() as cur:
        return _find_earlier(cur, code, values, submission, utcnow())


def _find_earlier(
    cur: Any, code: str, values: Mapping[str, Any], submission: str, now: dt.datetime
) -> tuple[str, str] | None:
    """The inquiry this one repeats: the same submission, or the same project, email and message
    within :data:`DUPLICATE_WINDOW`."""
    rows = cur.execute(
        "select id, coalesce(reference, id) from inquiries where id = ? or (project_code = ? "
        "and lower(email) = lower(?) and message = ? and created_at >= ?) order by created_at limit 1",
        [submission, code, values["email"], values["message"], now - DUPLICATE_WINDOW],
    ).fetchall()
    return (rows[0][0], rows[0][1]) if rows else None


def inbox(cat: Catalogue, *, unanswered_only: bool = False, code: str | None = None) -> Any:
    """Inquiries newest first, with the project's name (hidden projects too: staff read these)."""
    clauses, params = [], []
    if unanswered_only:
        clauses.append("i.status <> 'answered'")
    if code:
        clauses.append("upper(i.project_code) = upper(?)")
        params.append(code)
    where = (" where " + " and ".join(clauses)) if clauses else ""
    with cat.cursor() as cur:
        return cur.execute(
            "select i.id, coalesce(i.reference, '') as reference, i.created_at, i.project_code, "
            "p.name_vi as project_name, p.name_en as project_name_en, i.name, i.organisation, i.country, i.email, "
            "i.phone, i.message, i.lang, "
            "i.status, i.answered_at, i.answered_by, i.answer_note "
            f"from inquiries i left join projects p on p.code = i.project_code{where} "
            "order by i.created_at desc, i.id",
            params,
        ).df()


INBOX_COLUMNS = ("created_at", "reference", "project_code", "project_name", "name", "organisation", "country")
INBOX_COLUMNS += ("email", "status")
EXPORT_COLUMNS = (*INBOX_COLUMNS, "phone", "message", "lang", "answered_at", "answered_by", "answer_note")


def inbox_table(frame: Any, lang: str = "vi", *, export: bool = False) -> Any:
    """The inbox for reading (``export=False``) or for CSV/XLSX: headers, statuses, countries and
    languages in ``lang``; times in Hanoi (UTC+7), the header says so. Never an internal code."""
    import pandas as pd

    from catalogue.text import format_datetime, reads_translation, t

    columns = EXPORT_COLUMNS if export else INBOX_COLUMNS
    out = pd.DataFrame(index=frame.index)
    for name in columns:
        values = frame[name]
        if name in ("created_at", "answered_at"):
            if export:  # a real time for a spreadsheet, to the second, on Hanoi's clock
                values = values.map(lambda v: None if pd.isna(v) else to_hanoi(v).replace(tzinfo=None, microsecond=0))
            else:
                values = values.map(
                    lambda v: "" if pd.isna(v) else format_datetime(v.to_pydatetime(), lang, zone=False)
                )
        elif name == "status":
            values = values.map(lambda v: t("inbox.status_answered" if v == "answered" else "inbox.status_new", lang))
        elif name == "country":
            values = values.map(lambda v: country_label(v)(lang))
        elif name == "project_name" and reads_translation(lang):  # the English name where there is one
            values = frame["project_name_en"].where(frame["project_name_en"].notna(), values)
        elif name == "lang":
            values = values.map(lambda v: t(f"language.{v}", lang) if v in ("vi", "en") else (v or ""))
        out[t(f"inbox.col_{name}", lang)] = values
    return out.reset_index(drop=True)


def unanswered_count(cat: Catalogue) -> int:
    with cat.cursor() as cur:
        return cur.execute("select count(*) from inquiries where status <> 'answered'").fetchall()[0][0]


def mark_answered(cat: Catalogue, inquiry_id: str, *, actor: str, note: str) -> None:
    """Mark an inquiry answered with a note (what was sent, by which channel).

    Raises :class:`CatalogueError` for a note under 3 characters, an unknown inquiry, or one that
    someone has answered meanwhile (their note is kept, never overwritten).
    """
    from catalogue.errors import CatalogueError
    from catalogue.text import format_datetime

    text = clean_text(note, multiline=True)
    if len(text) < 3:
        raise CatalogueError(Text.of("inquiry.answer_note_needed"))
    now = utcnow()

    def work(cur: Any) -> None:
        rows = cur.execute(
            "select status, answered_by, answered_at from inquiries where id = ?", [inquiry_id]
        ).fetchall()
        if not rows:
            raise CatalogueError(Text.of("inquiry.no_such_inquiry"))
        status, by, at = rows[0]
        if status == "answered":
            raise CatalogueError(
                Text.each(lambda lang: t("inquiry.already_answered", lang, by=by, when=format_datetime(at, lang)))
            )
        cur.execute(
            "update inquiries set status = 'answered', answered_at = ?, answered_by = ?, answer_note = ? where id = ?",
            [now, actor, text[:3000], inquiry_id],
        ).fetchall()

    cat.write(work, event="inquiries")
