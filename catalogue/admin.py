"""Operations beside a running app: a local admin endpoint the CLI talks to.

DuckDB lets one process write a file, so while the app runs the CLI cannot open the database.
The app therefore listens on 127.0.0.1 (an ephemeral port) for a few operations — backup,
restore, import, accounts — and writes ``<db>.admin.json`` (mode 0600: only the service's user can
read it) with the port and a random token. The CLI reads that file and sends its request with the
token; when no app answers, it opens the database itself. Every call is recorded in the
history's events (kind ``admin``), restore included (recorded in the restored database).
"""

from __future__ import annotations

import hmac
import json
import logging
import os
import secrets
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from catalogue.clock import project_stamp
from catalogue.core import Catalogue
from catalogue.errors import CatalogueError
from catalogue.staff import auth, history
from catalogue.storage.database import lock_holder
from catalogue.text import Text

ADDRESS = "127.0.0.1"
MAX_BODY = 64 * 1024
LOG = logging.getLogger("catalogue.admin")


def endpoint_file(db_path: str | os.PathLike[str]) -> Path:
    return Path(str(db_path) + ".admin.json")


class AppNotAnswering(Exception):
    """No app serves this database (no endpoint file, or nobody answers at its address)."""


# --- what the endpoint can do ----------------------------------------------------------------


def _backup(cat: Catalogue, request: dict[str, Any]) -> dict[str, Any]:
    return {"manifest": cat.backup(request["directory"])}


def _restore(cat: Catalogue, request: dict[str, Any]) -> dict[str, Any]:
    return {"manifest": cat.restore_from(request["directory"])}


def _import(cat: Catalogue, request: dict[str, Any]) -> dict[str, Any]:
    publication = "published" if request.get("publication") == "published" else "draft"  # reviewed unless told
    sheet, profile = request.get("sheet"), request.get("profile")
    report = cat.import_file(
        request["path"],
        dry_run=bool(request.get("dry_run")),
        actor=request.get("actor"),
        new_publication=publication,
        sheet=sheet if isinstance(sheet, str) and sheet else None,
        mapping=profile if isinstance(profile, str) and profile else None,
    )
    return {"report": report.as_dict()}  # the CLI rebuilds it with ImportReport.from_dict


def _user(cat: Catalogue, request: dict[str, Any]) -> dict[str, Any]:
    action, name = request["action"], request["name"]
    if action == "add":
        user = auth.add_user(cat, name, request["password"], request["role"], request.get("display_name") or "")
        return {"user": {"name": user.name, "role": user.role}}
    if action == "list":
        return {
            "users": [
                {
                    "name": u.name,
                    "display_name": u.display_name,
                    "role": u.role,
                    "active": u.active,
                    "failed_attempts": u.failed_attempts,
                    "locked_until": u.locked_until.isoformat() if u.locked_until else None,
                }
                for u in auth.list_users(cat)
            ]
        }
    changes: dict[str, Callable[[], None]] = {
        "set-role": lambda: auth.set_role(cat, name, request["role"]),
        "disable": lambda: auth.set_active(cat, name, False),
        "enable": lambda: auth.set_active(cat, name, True),
        "unlock": lambda: auth.unlock(cat, name),
        "passwd": lambda: auth.set_password(cat, name, request["password"]),
    }
    changes[action]()
    return {}


COMMANDS: dict[str, Callable[[Catalogue, dict[str, Any]], dict[str, Any]]] = {
    "backup": _backup,
    "restore": _restore,
    "import": _import,
    "user": _user,
}


def _summary(request: dict[str, Any]) -> str:
    """What the history records of a call: never a password."""
    shown = {k: v for k, v in request.items() if k not in ("password", "token")}
    return "admin " + json.dumps(shown, ensure_ascii=False, sort_keys=True)[:500]


def _record(cat: Catalogue, request: dict[str, Any]) -> None:
    cat.write(
        lambda cur: history.new_event(cur, "admin", request.get("actor") or "cli", _summary(request), project_stamp()),
        event="admin",
    )


def handle(cat: Catalogue, request: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """Run one request; (HTTP status, answer). Refusals carry their message in every language."""
    command = COMMANDS.get(str(request.get("command")))
    if command is None:
        return 400, {"ok": False, "message": Text.of("admin.unknown_command").as_dict()}
    try:
        answer = command(cat, request)
    except CatalogueError as error:
        _record(cat, {**request, "refused": error.text("en")})
        return 409, {"ok": False, "message": error.text.as_dict(), "error": type(error).__name__}
    except (KeyError, TypeError) as error:
        return 400, {"ok": False, "message": Text.of("admin.bad_request", error=error).as_dict()}
    except Exception as error:  # an OSError (a path that cannot be written), …: said, never a dropped line
        _record(cat, {**request, "failed": f"{type(error).__name__}: {error}"})
        message = Text.of("admin.failed", error=f"{type(error).__name__}: {error}").as_dict()
        return 500, {"ok": False, "message": message, "error": type(error).__name__}
    _record(cat, request)
    return 200, {"ok": True, **answer}


# --- the endpoint ----------------------------------------------------------------------------


def caller(client_port: int, server_port: int) -> str | None:
    """The local account that opened the loopback connection from ``client_port`` to
    ``server_port``, as the kernel records it (``/proc/net/tcp``: the socket's owner), e.g.
    ``cli:lan``; None where that cannot be read (not Linux)."""
    import pwd

    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if len(fields) < 8:
                continue
            local, remote, uid = fields[1], fields[2], fields[7]
            if int(local.rsplit(":", 1)[1], 16) == client_port and int(remote.rsplit(":", 1)[1], 16) == server_port:
                try:
                    return "cli:" + pwd.getpwuid(int(uid)).pw_name
                except KeyError:
                    return f"cli:uid {uid}"
    return None


class AdminServer:
    """The local endpoint of one running app over ``catalogue()``; see the module docstring."""

    def __init__(self, catalogue: Callable[[], Catalogue], db_path: str | os.PathLike[str]) -> None:
        self.catalogue = catalogue
        self.file = endpoint_file(db_path)
        self.token = secrets.token_urlsafe(32)
        self._server = ThreadingHTTPServer((ADDRESS, 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="catalogue-admin", daemon=True)

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    def start(self) -> AdminServer:
        self._thread.start()
        temporary = self.file.with_name(self.file.name + f".{os.getpid()}.tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"address": ADDRESS, "port": self.port, "token": self.token, "pid": os.getpid()}, handle)
        temporary.replace(self.file)
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        try:
            if json.loads(self.file.read_text(encoding="utf-8")).get("pid") == os.getpid():
                self.file.unlink()
        except (OSError, ValueError):
            pass

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                given = self.headers.get("Authorization", "").removeprefix("Bearer ")
                declared = self.headers.get("Content-Length") or "0"
                length = int(declared) if declared.isascii() and declared.isdigit() else -1
                if not hmac.compare_digest(given.encode(), server.token.encode()):
                    # said in the app's log (not in the database: a flood of bad calls must not fill it)
                    LOG.warning("admin endpoint: a call without the right token was refused (401)")
                    self._answer(401, {"ok": False, "message": Text.of("admin.not_authorised").as_dict()})
                elif not 0 <= length <= MAX_BODY:
                    self._answer(413, {"ok": False, "message": Text.of("admin.body_size").as_dict()})
                else:
                    try:
                        request = json.loads(self.rfile.read(length) or b"{}")
                    except ValueError:
                        request = None
                    if not isinstance(request, dict):
                        self._answer(400, {"ok": False, "message": Text.of("admin.not_json").as_dict()})
                        return
                    # who called is what the operating system says, not what the request claims
                    request["actor"] = caller(self.client_address[1], server.port) or "cli"
                    self._answer(*handle(server.catalogue(), request))

            def _answer(self, status: int, body: dict[str, Any]) -> None:
                payload = json.dumps(body, ensure_ascii=False, default=str).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                try:
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):  # the caller went away: nothing to tell it
                    LOG.info("admin endpoint: the caller left before its answer (%s)", status)

            def log_message(self, format: str, *args: Any) -> None:
                return

        return Handler


# --- the CLI's side --------------------------------------------------------------------------


def call(db_path: str | os.PathLike[str], request: dict[str, Any], timeout: float = 600.0) -> dict[str, Any]:
    """Send ``request`` to the app serving ``db_path``; its answer. Raises :class:`AppNotAnswering`
    when no app serves it, and :class:`CatalogueError` (the app's message) when it refused."""
    try:
        endpoint = json.loads(endpoint_file(db_path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise AppNotAnswering(str(exc)) from exc
    # Only to the app that holds the database now: a file left by an app that died could name a
    # port anyone has bound since, and the request carries the token (and maybe a password).
    if endpoint.get("pid") not in (lock_holder(db_path), os.getpid()):
        raise AppNotAnswering("the endpoint file names no process holding the database")
    http = urllib.request.Request(
        f"http://{endpoint['address']}:{endpoint['port']}/",
        data=json.dumps(request).encode(),
        headers={"Authorization": f"Bearer {endpoint['token']}", "Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(http, timeout=timeout) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as error:
        answer = json.loads(error.read() or b"{}")
        raise CatalogueError(Text(answer.get("message") or {"en": f"HTTP {error.code}"})) from None
    except OSError as exc:  # nobody listens there: the file was left by an app that died
        raise AppNotAnswering(str(exc)) from exc
