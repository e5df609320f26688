"""Local accounts: roles, Argon2 password hashes, lock-out after failed attempts, session expiry.

Roles grow in rights: ``viewer`` (the public, no account) < ``staff`` (edit, import, answer
inquiries) < ``reviewer`` (also publishes) < ``admin`` (also manages accounts). Passwords are
hashed with Argon2id (argon2-cffi); the password itself is never stored or logged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from .errors import CatalogueError

if TYPE_CHECKING:
    from .core import Catalogue

ROLES: dict[str, tuple[str, str]] = {  # code: (Vietnamese, English), in rising rights
    "viewer": ("Khách (công khai)", "Viewer (public)"),
    "staff": ("Cán bộ xúc tiến", "Promotion staff"),
    "reviewer": ("Người duyệt", "Reviewer"),
    "admin": ("Quản trị", "Administrator"),
}
ACCOUNT_ROLES = ("staff", "reviewer", "admin")  # roles an account can have
MAX_FAILED_ATTEMPTS = 5
LOCK_MINUTES = 15
SESSION_IDLE_MINUTES = 30  # a signed-in session ends after this long without use
SESSION_MAX_HOURS = 10  # and after a working day, whatever happens
MIN_PASSWORD = 10
_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")

_hasher = PasswordHasher()


class AccountError(CatalogueError, ValueError):
    """A refused account operation, with a message in both languages."""


def role_label(role: str, lang: str = "vi") -> str:
    vi, en = ROLES.get(role, (role, role))
    return vi if lang == "vi" else en


def has_role(role: str | None, needed: str) -> bool:
    """True when ``role`` has at least the rights of ``needed``."""
    order = list(ROLES)
    return role in ROLES and order.index(role) >= order.index(needed)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password_strength(password: str, name: str = "") -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(
            f"Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự", f"A password needs at least {MIN_PASSWORD} characters"
        )
    if name and name.lower() in password.lower():
        raise AccountError("Mật khẩu không được chứa tên đăng nhập", "The password must not contain the user name")


@dataclass(frozen=True)
class User:
    name: str
    display_name: str
    role: str
    active: bool
    failed_attempts: int
    locked_until: dt.datetime | None
    created_at: dt.datetime
    last_sign_in: dt.datetime | None

    def label(self) -> str:
        return self.display_name or self.name


@dataclass(frozen=True)
class SignInResult:
    """``user`` when the name and password were right; otherwise a reason code."""

    user: User | None
    reason: str = ""  # "", "wrong", "locked", "inactive"
    locked_until: dt.datetime | None = None

    def message(self, lang: str = "vi") -> str:
        if self.reason == "locked":
            until = self.locked_until.strftime("%H:%M") if self.locked_until else ""
            return (
                f"Tài khoản tạm khóa sau {MAX_FAILED_ATTEMPTS} lần nhập sai; thử lại sau {until} (giờ UTC) "
                "hoặc nhờ quản trị mở khóa."
                if lang == "vi"
                else f"The account is locked after {MAX_FAILED_ATTEMPTS} failed attempts; try again after {until} "
                "UTC or ask an administrator to unlock it."
            )
        if self.reason:  # wrong name, wrong password and inactive accounts get the same answer
            return "Tên đăng nhập hoặc mật khẩu không đúng." if lang == "vi" else "Wrong user name or password."
        return ""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


_USER_COLUMNS = "name, display_name, role, active, failed_attempts, locked_until, created_at, last_sign_in"


def get_user(cat: Catalogue, name: str) -> User | None:
    with cat.cursor() as cur:
        rows = cur.execute(f"select {_USER_COLUMNS} from users where name = ?", [name.strip().lower()]).fetchall()
    return User(*rows[0]) if rows else None


def list_users(cat: Catalogue) -> list[User]:
    with cat.cursor() as cur:
        return [User(*row) for row in cur.execute(f"select {_USER_COLUMNS} from users order by name").fetchall()]


def add_user(cat: Catalogue, name: str, password: str, role: str, display_name: str = "") -> User:
    """Create an account; the name is lower-cased. Raises :class:`AccountError`."""
    key = name.strip().lower()
    if not _NAME_RE.match(key):
        raise AccountError(
            "Tên đăng nhập: 2–40 chữ thường không dấu, số, dấu . _ -",
            "User name: 2–40 lower-case unaccented letters, digits, . _ -",
        )
    if role not in ACCOUNT_ROLES:
        raise AccountError(
            f"Vai trò phải là một trong: {', '.join(ACCOUNT_ROLES)}",
            f"The role must be one of: {', '.join(ACCOUNT_ROLES)}",
        )
    check_password_strength(password, key)
    hashed = hash_password(password)

    def insert(cur: Any) -> None:
        if cur.execute("select 1 from users where name = ?", [key]).fetchall():
            raise AccountError(f"Đã có tài khoản “{key}”", f"The account “{key}” already exists")
        cur.execute(
            "insert into users (name, display_name, role, password_hash, created_at) values (?, ?, ?, ?, ?)",
            [key, display_name.strip() or key, role, hashed, _now()],
        ).fetchall()

    cat.write(insert, event="users")
    user = get_user(cat, key)
    assert user is not None
    return user


def _update(cat: Catalogue, name: str, sql: str, params: list[Any]) -> None:
    key = name.strip().lower()

    def work(cur: Any) -> None:
        if not cur.execute("select 1 from users where name = ?", [key]).fetchall():
            raise AccountError(f"Không có tài khoản “{key}”", f"No account “{key}”")
        cur.execute(f"update users set {sql} where name = ?", [*params, key]).fetchall()

    cat.write(work, event="users")


def set_role(cat: Catalogue, name: str, role: str) -> None:
    if role not in ACCOUNT_ROLES:
        raise AccountError(
            f"Vai trò phải là một trong: {', '.join(ACCOUNT_ROLES)}",
            f"The role must be one of: {', '.join(ACCOUNT_ROLES)}",
        )
    _refuse_last_admin(cat, name, losing_admin=role != "admin")
    _update(cat, name, "role = ?", [role])


def set_active(cat: Catalogue, name: str, active: bool) -> None:
    if not active:
        _refuse_last_admin(cat, name, losing_admin=True)
    _update(cat, name, "active = ?", [active])
    if not active:
        end_all_sessions(cat, name)


def set_password(cat: Catalogue, name: str, password: str) -> None:
    check_password_strength(password, name.strip().lower())
    _update(cat, name, "password_hash = ?, failed_attempts = 0, locked_until = null", [hash_password(password)])
    end_all_sessions(cat, name)  # a new password signs the account out everywhere


def unlock(cat: Catalogue, name: str) -> None:
    _update(cat, name, "failed_attempts = 0, locked_until = null", [])


def _refuse_last_admin(cat: Catalogue, name: str, losing_admin: bool) -> None:
    user = get_user(cat, name)
    if not (losing_admin and user and user.role == "admin" and user.active):
        return
    with cat.cursor() as cur:
        admins = cur.execute("select count(*) from users where role = 'admin' and active").fetchall()[0][0]
    if admins <= 1:
        raise AccountError(
            "Không thể bỏ quyền của quản trị cuối cùng", "The last active administrator cannot lose that role"
        )


def sign_in(cat: Catalogue, name: str, password: str, now: dt.datetime | None = None) -> SignInResult:
    """Check a name and password; count failures and lock after :data:`MAX_FAILED_ATTEMPTS`."""
    now = now or _now()
    key = (name or "").strip().lower()
    with cat.cursor() as cur:
        rows = cur.execute(
            "select password_hash, active, failed_attempts, locked_until from users where name = ?", [key]
        ).fetchall()
    if not rows:
        _hasher.hash(password or "-")  # the same work as a real check: no timing hint that the name is unknown
        return SignInResult(None, "wrong")
    stored_hash, active, failed, locked_until = rows[0]
    if locked_until is not None and locked_until > now:
        return SignInResult(None, "locked", locked_until)
    try:
        _hasher.verify(stored_hash, password or "")
        right = True
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        right = False
    if not right:
        failed = (failed or 0) + 1 if locked_until is None or locked_until > now else 1
        lock = now + dt.timedelta(minutes=LOCK_MINUTES) if failed >= MAX_FAILED_ATTEMPTS else None

        def count_failure(cur: Any) -> None:
            cur.execute(
                "update users set failed_attempts = ?, locked_until = ? where name = ?", [failed, lock, key]
            ).fetchall()

        cat.write(count_failure, event="users")
        return SignInResult(None, "locked", lock) if lock else SignInResult(None, "wrong")
    if not active:
        return SignInResult(None, "inactive")
    new_hash = _hasher.hash(password) if _hasher.check_needs_rehash(stored_hash) else stored_hash

    def record(cur: Any) -> None:
        cur.execute(
            "update users set failed_attempts = 0, locked_until = null, last_sign_in = ?, password_hash = ? "
            "where name = ?",
            [now, new_hash, key],
        ).fetchall()

    cat.write(record, event="users")
    return SignInResult(get_user(cat, key))


def session_expired(signed_in_at: dt.datetime, last_seen: dt.datetime, now: dt.datetime | None = None) -> bool:
    """A session ends after :data:`SESSION_IDLE_MINUTES` idle or :data:`SESSION_MAX_HOURS` in all."""
    now = now or _now()
    return (now - last_seen) > dt.timedelta(minutes=SESSION_IDLE_MINUTES) or (now - signed_in_at) > dt.timedelta(
        hours=SESSION_MAX_HOURS
    )


def now() -> dt.datetime:
    """The clock sessions are measured by (UTC, naive)."""
    return _now()


# --- sessions that survive a reload --------------------------------------------------------------
# The browser keeps a random token in a cookie; the database keeps only its SHA-256, the user and
# the times. The same idle and total limits apply as to a tab's session.
SESSION_COOKIE = "catalogue_session"
_TOUCH_EVERY = dt.timedelta(minutes=1)  # write last_seen at most this often


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(cat: Catalogue, name: str, now: dt.datetime | None = None) -> str:
    """A new session token for ``name`` (give it to the browser; it is not stored)."""
    now = now or _now()
    token = secrets.token_urlsafe(32)

    def work(cur: Any) -> None:
        cur.execute(
            "insert into sign_in_sessions (token_hash, user_name, created_at, last_seen) values (?, ?, ?, ?)",
            [_digest(token), name, now, now],
        ).fetchall()

    cat.write(work, event="sessions")
    return token


def resume_session(cat: Catalogue, token: str | None, now: dt.datetime | None = None) -> User | None:
    """The account behind a session token, if the session is still open, unexpired and the
    account active; records the use (at most once a minute)."""
    if not isinstance(token, str) or not token or len(token) > 200:
        return None
    now = now or _now()
    digest = _digest(token)
    with cat.cursor() as cur:
        rows = cur.execute(
            "select user_name, created_at, last_seen, ended_at from sign_in_sessions where token_hash = ?", [digest]
        ).fetchall()
    if not rows:
        return None
    name, created, last_seen, ended = rows[0]
    if ended is not None or session_expired(created, last_seen, now):
        return None
    user = get_user(cat, name)
    if user is None or not user.active:
        return None
    if now - last_seen > _TOUCH_EVERY:

        def touch(cur: Any) -> None:
            cur.execute("update sign_in_sessions set last_seen = ? where token_hash = ?", [now, digest]).fetchall()

        cat.write(touch, event="sessions")
    return user


def end_session(cat: Catalogue, token: str | None, now: dt.datetime | None = None) -> None:
    if not token:
        return

    def work(cur: Any) -> None:
        cur.execute(
            "update sign_in_sessions set ended_at = ? where token_hash = ? and ended_at is null",
            [now or _now(), _digest(token)],
        ).fetchall()

    cat.write(work, event="sessions")


def end_all_sessions(cat: Catalogue, name: str) -> None:
    key = name.strip().lower()

    def work(cur: Any) -> None:
        cur.execute(
            "update sign_in_sessions set ended_at = ? where user_name = ? and ended_at is null", [_now(), key]
        ).fetchall()

    cat.write(work, event="sessions")
