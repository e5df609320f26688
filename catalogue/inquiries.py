"""Expressions of interest from investors: checked, rate-limited, stored with the project.

``submit`` checks every field and answers with messages per field in both languages;
nothing is stored unless every check passes. A filled honeypot field (invisible to people)
marks a robot: it is answered like a success and nothing is stored.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .normalize import clean_text

if TYPE_CHECKING:
    from .core import Catalogue

FIELDS = ("name", "organisation", "country", "email", "phone", "message", "consent")
HONEYPOT = "website"
LIMITS = {"name": 120, "organisation": 200, "country": 80, "email": 254, "phone": 40, "message": 3000}
MIN_MESSAGE = 10
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_PHONE_RE = re.compile(r"^\+?[0-9 ().-]+$")

REQUIRED = {
    "name": ("Hãy nhập họ tên.", "Please enter your name."),
    "organisation": ("Hãy nhập tên tổ chức.", "Please enter your organisation."),
    "country": ("Hãy nhập quốc gia.", "Please enter your country."),
    "email": ("Hãy nhập email.", "Please enter your email."),
    "message": ("Hãy viết nội dung quan tâm.", "Please write your message."),
}


@dataclass(frozen=True)
class InquiryResult:
    """``ok`` when accepted; ``errors`` maps a field to its (Vietnamese, English) message."""

    ok: bool
    errors: dict[str, tuple[str, str]] = field(default_factory=dict)
    inquiry_id: str | None = None
    stored: bool = False

    def message(self, name: str, lang: str) -> str:
        vi, en = self.errors[name]
        return vi if lang == "vi" else en


class RateLimiter:
    """At most ``limit`` events per ``window`` seconds for each key (a browser session)."""

    def __init__(self, limit: int = 3, window: float = 600.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Record an event for ``key`` and say whether it is within the limit."""
        now = self.clock()
        with self._lock:
            events = self._events.setdefault(key, deque())
            while events and now - events[0] > self.window:
                events.popleft()
            if len(events) >= self.limit:
                return False
            events.append(now)
            return True


def check(form: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, tuple[str, str]]]:
    """Clean the form's values and list what is wrong with them, field by field."""
    values = {name: clean_text(form.get(name), multiline=name == "message") for name in LIMITS}
    errors: dict[str, tuple[str, str]] = {}
    for name, text in values.items():
        if not text and name in REQUIRED:
            errors[name] = REQUIRED[name]
        elif len(text) > LIMITS[name]:
            errors[name] = (f"Tối đa {LIMITS[name]} ký tự.", f"At most {LIMITS[name]} characters.")
    if values["email"] and "email" not in errors and not _EMAIL_RE.match(values["email"]):
        errors["email"] = (
            "Email chưa đúng dạng (ví dụ: ten@congty.com).",
            "Not an email address (e.g. name@company.com).",
        )
    phone = values["phone"]
    if (
        phone
        and "phone" not in errors
        and (not _PHONE_RE.match(phone) or not 8 <= sum(c.isdigit() for c in phone) <= 15)
    ):
        errors["phone"] = ("Số điện thoại cần 8–15 chữ số.", "A phone number needs 8–15 digits.")
    if values["message"] and "message" not in errors and len(values["message"]) < MIN_MESSAGE:
        errors["message"] = (
            f"Hãy viết ít nhất {MIN_MESSAGE} ký tự.",
            f"Please write at least {MIN_MESSAGE} characters.",
        )
    if form.get("consent") is not True:
        errors["consent"] = (
            "Cần đồng ý để cơ quan xúc tiến đầu tư lưu và dùng thông tin liên hệ.",
            "Please agree that the promotion agency may store and use your contact details.",
        )
    values["consent"] = form.get("consent") is True
    return values, errors


def submit(
    cat: Catalogue, code: str, form: Mapping[str, Any], *, session: str, limiter: RateLimiter, lang: str = "vi"
) -> InquiryResult:
    """Check and store an expression of interest in project ``code`` (a published one)."""
    if clean_text(form.get(HONEYPOT)):
        return InquiryResult(ok=True)  # a robot: answered like a person, nothing stored
    if cat.project(code) is None:
        return InquiryResult(False, {"project": ("Không tìm thấy dự án này.", "This project cannot be found.")})
    values, errors = check(form)
    if errors:
        return InquiryResult(False, errors)
    if not limiter.allow(session):
        return InquiryResult(
            False,
            {
                "form": (
                    "Bạn đã gửi nhiều yêu cầu; hãy thử lại sau ít phút.",
                    "You have sent several inquiries; please try again in a few minutes.",
                )
            },
        )
    inquiry_id = uuid.uuid4().hex
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)

    def store(cur: Any) -> None:
        cur.execute(
            "insert into inquiries (id, project_code, name, organisation, country, email, phone, message, consent, "
            "lang, created_at, status) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new')",
            [
                inquiry_id,
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
            ],
        ).fetchall()

    cat.write(store, event="inquiries")
    return InquiryResult(True, inquiry_id=inquiry_id, stored=True)


def create_table(cur: Any) -> None:
    cur.execute(
        "create table if not exists inquiries (id varchar primary key, project_code varchar not null, "
        "name varchar not null, organisation varchar not null, country varchar not null, email varchar not null, "
        "phone varchar, message varchar not null, consent boolean not null, lang varchar, "
        "created_at timestamp not null, status varchar not null default 'new', answered_at timestamp, "
        "answered_by varchar, answer_note varchar)"
    )


def inbox(cat: Catalogue, *, unanswered_only: bool = False, code: str | None = None) -> Any:
    """Inquiries newest first, with the project's name (hidden projects too: staff read these)."""
    clauses, params = [], []
    if unanswered_only:
        clauses.append("i.status <> 'answered'")
    if code:
        clauses.append("i.project_code = ?")
        params.append(code)
    where = (" where " + " and ".join(clauses)) if clauses else ""
    with cat.cursor() as cur:
        return cur.execute(
            "select i.id, i.created_at, i.project_code, p.name_vi as project_name, i.name, i.organisation, "
            "i.country, i.email, i.phone, i.message, i.lang, i.status, i.answered_at, i.answered_by, i.answer_note "
            f"from inquiries i left join projects p on p.code = i.project_code{where} order by i.created_at desc",
            params,
        ).df()


def unanswered_count(cat: Catalogue) -> int:
    with cat.cursor() as cur:
        return cur.execute("select count(*) from inquiries where status <> 'answered'").fetchall()[0][0]


def mark_answered(cat: Catalogue, inquiry_id: str, *, actor: str, note: str) -> None:
    """Mark an inquiry answered with a note (what was sent, by which channel)."""
    from .errors import CatalogueError

    text = clean_text(note, multiline=True)
    if len(text) < 3:
        raise CatalogueError("Hãy ghi chú đã trả lời thế nào", "Note how it was answered")
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)

    def work(cur: Any) -> None:
        if not cur.execute("select 1 from inquiries where id = ?", [inquiry_id]).fetchall():
            raise CatalogueError("Không tìm thấy yêu cầu này", "No such inquiry")
        cur.execute(
            "update inquiries set status = 'answered', answered_at = ?, answered_by = ?, answer_note = ? where id = ?",
            [now, actor, text[:3000], inquiry_id],
        ).fetchall()

    cat.write(work, event="inquiries")
