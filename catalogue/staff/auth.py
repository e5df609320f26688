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
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from catalogue.clock import to_hanoi, utcnow
from catalogue.errors import CatalogueError
from catalogue.text import Text, codes, enum_label

if TYPE_CHECKING:
    from catalogue.core import Catalogue

ACCOUNT_ROLES = ("staff", "reviewer", "admin")  # roles an account can have
MAX_FAILED_ATTEMPTS = 5  # wrong passwords for one name from one address before that pair waits
MAX_FAILED_PER_ADDRESS = 20  # wrong passwords from one address, any names, before it waits
LOCK_MINUTES = 15
SESSION_IDLE_MINUTES = 30  # a signed-in session ends after this long without use
SESSION_MAX_HOURS = 10  # and after a working day, whatever happens
MIN_PASSWORD = 10
_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")

_hasher = PasswordHasher()


class AccountError(CatalogueError, ValueError):
    """A refused account operation, with a message in every language."""


ROLES = codes("role")  # in rising rights (catalogue/data/enumerations.csv)


def role_label(role: str) -> Text:
    return enum_label("role", role)


def has_role(role: str | None, needed: str) -> bool:
    """True when ``role`` has at least the rights of ``needed``."""
    return role in ROLES and ROLES.index(role) >= ROLES.index(needed)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password_strength(password: str, name: str = "") -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(Text.of("auth.short_password", length=MIN_PASSWORD))
    if name and name.lower() in password.lower():
        raise AccountError(Text.of("auth.password_has_name"))


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
    reason: str = ""  # "", "wrong", "throttled", "inactive"
    wait_until: dt.datetime | None = None

    @property
    def text(self) -> Text:
        """Why the sign-in was refused (empty when it succeeded). One answer whether the name
        exists or not, and whether the account is active or not: it never tells an outsider
        which names exist."""
        if self.reason == "throttled":
            until = f"{to_hanoi(self.wait_until):%H:%M}" if self.wait_until else ""
            return Text.of("signin.throttled", until=until)
        if self.reason:
            return Text.of("signin.wrong")
        return Text()


class SignInGuard:
    """Failed sign-ins counted per (name, client address) and per address, in memory.

    Five wrong passwords for one name from one address make that pair wait fifteen minutes;
    twenty from one address, whatever the names, make the address wait. A name unknown to the
    catalogue is counted exactly as a real one, so waiting says nothing about which names exist;
    and since the wait is per address, an attacker cannot lock a member of staff out from their
    own desk. Without a known address (a local connection), the pair is (name, "").
    """

    def __init__(self, clock: Callable[[], dt.datetime] | None = None) -> None:
        self._clock = clock or utcnow
        self._fails: dict[tuple[str, str], list[dt.datetime]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str], now: dt.datetime) -> list[dt.datetime]:
        window = dt.timedelta(minutes=LOCK_MINUTES)
        kept = [t for t in self._fails.get(key, []) if now - t < window]
        if kept:
            self._fails[key] = kept
        else:
            self._fails.pop(key, None)
        return kept

    def wait_until(self, name: str, address: str | None, now: dt.datetime | None = None) -> dt.datetime | None:
        """Until when attempts for ``name`` from ``address`` are refused unchecked, or ``None``."""
        now = now or self._clock()
        address = address or ""
        with self._lock:
            for key, limit in (((name, address), MAX_FAILED_ATTEMPTS), (("*", address), MAX_FAILED_PER_ADDRESS)):
                if key[0] == "*" and not address:
                    continue
                fails = self._recent(key, now)
                if len(fails) >= limit:
                    return fails[-limit] + dt.timedelta(minutes=LOCK_MINUTES)
        return None

    def failed(self, name: str, address: str | None, now: dt.datetime | None = None) -> dt.datetime | None:
        """Count a failure; the time until which this pair now waits, if it does."""
        now = now or self._clock()
        with self._lock:
            self._fails.setdefault((name, address or ""), []).append(now)
            if address:
                self._fails.setdefault(("*", address), []).append(now)
            if len(self._fails) > 100_000:  # forget what has expired
                for key in list(self._fails):
                    self._recent(key, now)
        return self.wait_until(name, address, now)

    def succeeded(self, name: str, address: str | None) -> None:
        with self._lock:
            self._fails.pop((name, address or ""), None)

    def clear(self, name: str) -> None:
        """An administrator's "unlock": every address may try ``name`` again."""
        with self._lock:
            for key in [k for k in self._fails if k[0] == name]:
                del self._fails[key]


def _now() -> dt.datetime:
    return utcnow()


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
        raise AccountError(Text.of("auth.bad_name"))
    if role not in ACCOUNT_ROLES:
        raise AccountError(Text.of("auth.bad_role", roles=", ".join(ACCOUNT_ROLES)))
    check_password_strength(password, key)
    hashed = hash_password(password)

    def insert(cur: Any) -> None:
        if cur.execute("select 1 from users where name = ?", [key]).fetchall():
            raise AccountError(Text.of("auth.name_taken", name=key))
        cur.execute(
            "insert into users (name, display_name, role, password_hash, created_at) values (?, ?, ?, ?, ?)",
            [key, display_name.strip() or key, role, hashed, _now()],
        ).fetchall()

    cat.write(insert, event="users")
    user = get_user(cat, key)
    assert user is not None
    return user


def _update(cat: Catalogue, name: str, sql: str, params: list[Any], *, losing_admin: bool = False) -> None:
    """Change an account in one write; when the change takes away administration, the check that
    another active administrator remains is made inside the same write (two administrators
    demoting each other at once cannot leave none)."""
    key = name.strip().lower()

    def work(cur: Any) -> None:
        found = cur.execute("select role, active from users where name = ?", [key]).fetchall()
        if not found:
            raise AccountError(Text.of("auth.no_account", name=key))
        role, active = found[0]
        if losing_admin and role == "admin" and active:
            admins = cur.execute("select count(*) from users where role = 'admin' and active").fetchall()[0][0]
            if admins <= 1:
                raise AccountError(Text.of("auth.last_admin"))
        cur.execute(f"update users set {sql} where name = ?", [*params, key]).fetchall()

    cat.write(work, event="users")


def set_role(cat: Catalogue, name: str, role: str) -> None:
    if role not in ACCOUNT_ROLES:
        raise AccountError(Text.of("auth.bad_role", roles=", ".join(ACCOUNT_ROLES)))
    _update(cat, name, "role = ?", [role], losing_admin=role != "admin")


def set_active(cat: Catalogue, name: str, active: bool) -> None:
    _update(cat, name, "active = ?", [active], losing_admin=not active)
    if not active:
        end_all_sessions(cat, name)


def set_password(cat: Catalogue, name: str, password: str) -> None:
    check_password_strength(password, name.strip().lower())
    _update(cat, name, "password_hash = ?, failed_attempts = 0, locked_until = null", [hash_password(password)])
    end_all_sessions(cat, name)  # a new password signs the account out everywhere


def unlock(cat: Catalogue, name: str) -> None:
    _update(cat, name, "failed_attempts = 0, locked_until = null", [])
    cat.sign_in_guard.clear(name)


def sign_in(
    cat: Catalogue, name: str, password: str, now: dt.datetime | None = None, address: str | None = None
) -> SignInResult:
    """Check a name and password from a client ``address``; failures are counted by
    :class:`SignInGuard` (per name and address, and per address) and in the account's
    ``failed_attempts`` (for administrators)."""
    now = now or _now()
    key = (name or "").strip().lower()[:100]
    guard: SignInGuard = cat.sign_in_guard
    wait = guard.wait_until(key, address, now)
    if wait is not None:
        return SignInResult(None, "throttled", wait)
    with cat.cursor() as cur:
        rows = cur.execute("select password_hash, active from users where name = ?", [key]).fetchall()
    if not rows:
        _hasher.hash(password or "-")  # the same work as a real check: no timing hint that the name is unknown
        wait = guard.failed(key, address, now)
        return SignInResult(None, "throttled", wait) if wait else SignInResult(None, "wrong")
    stored_hash, active = rows[0]
    try:
        _hasher.verify(stored_hash, password or "")
        right = True
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        right = False
    if not right:
        wait = guard.failed(key, address, now)

        def count_failure(cur: Any) -> None:  # counted in the write, so concurrent failures all count
            cur.execute(
                "update users set failed_attempts = coalesce(failed_attempts, 0) + 1, "
                "locked_until = coalesce(?, locked_until) where name = ?",
                [wait, key],
            ).fetchall()

        cat.write(count_failure, event="users")
        return SignInResult(None, "throttled", wait) if wait else SignInResult(None, "wrong")
    if not active:
        return SignInResult(None, "inactive")
    guard.succeeded(key, address)
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
