"""One primary, N public replicas and nginx on this machine, on free loopback ports: for tests,
benchmarks and trying the deployment (``deploy/local-cluster``). Everything stops by itself.

    deploy/local-cluster [--replicas 3] [--db FILE] [--seconds 900]

prints the addresses and serves until Ctrl-C or ``--seconds``. From Python::

    with Cluster(workdir, replicas=3).start() as cluster:
        cluster.public_url        # nginx: visitors
        cluster.public_url + "/staff/"   # the primary, for staff
        cluster.kill("replica-1")

The primary (``catalogue serve --snapshots DIR --base-path staff``) owns a copy of the database and
publishes snapshots into ``WORKDIR/snapshots``; each replica (``catalogue serve --replica DIR``)
reads them and forwards inquiries to the primary with a token made for the run; nginx uses
``deploy/nginx-site.conf``. Logs are in ``WORKDIR/logs``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from string import Template

sys.path.insert(0, str(Path(__file__).resolve().parent))
from health_watch import HealthWatch

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SITE = HERE / "nginx-site.conf"

MAIN_CONF = """\
worker_processes 2;
${USER}pid ${DIR}/nginx.pid;
error_log ${DIR}/logs/nginx-error.log warn;
events { worker_connections 4096; }
http {
    access_log ${DIR}/logs/nginx-access.log;
    client_body_temp_path ${DIR}/nginx-tmp/body;
    proxy_temp_path ${DIR}/nginx-tmp/proxy;
    fastcgi_temp_path ${DIR}/nginx-tmp/fastcgi;
    uwsgi_temp_path ${DIR}/nginx-tmp/uwsgi;
    scgi_temp_path ${DIR}/nginx-tmp/scgi;
    include ${DIR}/catalogue-site.conf;
}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.path.exists(p)), None)


def render_site(listen: str, primary: str, replicas: list[str]) -> str:
    """deploy/nginx-site.conf with the addresses in place."""
    lines = "\n".join(f"    server {address} max_fails=1 fail_timeout=10s;" for address in replicas)
    text = SITE.read_text(encoding="utf-8")  # nginx's own $variables stay: only the three ${NAMES} change
    for name, value in (("${LISTEN}", listen), ("${PRIMARY}", primary), ("${REPLICAS}", lines)):
        text = text.replace(name, value)
    return text


@dataclass
class Member:
    name: str
    port: int
    command: list[str]
    env: dict[str, str]
    log: Path
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        handle = self.log.open("ab")
        self.process = subprocess.Popen(
            self.command, env=self.env, stdout=handle, stderr=subprocess.STDOUT, cwd=ROOT, start_new_session=True
        )
        handle.close()

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def signal(self, sig: int) -> None:
        if self.alive():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, sig)

    def stop(self, grace: float = 10.0) -> None:
        self.signal(signal.SIGTERM)
        if self.process is not None:
            try:
                self.process.wait(grace)
            except subprocess.TimeoutExpired:
                self.signal(signal.SIGKILL)
                self.process.wait(5)


@dataclass
class Cluster:
    workdir: Path
    replicas: int = 3
    db: Path | None = None
    snapshot_seconds: float = 1.0
    extra_env: dict[str, str] = field(default_factory=dict)
    members: dict[str, Member] = field(default_factory=dict)
    health_seconds: float = 1.0  # how often the health watch asks each replica's /healthz
    watch: HealthWatch | None = None

    def __post_init__(self) -> None:
        self.workdir = Path(self.workdir)
        self.token = secrets.token_urlsafe(24)
        self.public_port = free_port()
        self.snapshots = self.workdir / "snapshots"

    @property
    def public_url(self) -> str:
        return f"http://127.0.0.1:{self.public_port}"

    @property
    def primary(self) -> Member:
        return self.members["primary"]

    def replica_members(self) -> list[Member]:
        return [m for name, m in self.members.items() if name.startswith("replica-")]

    # --- starting ------------------------------------------------------------------------------

    def start(self, timeout: float = 180.0) -> Cluster:
        for part in ("logs", "nginx-tmp", "spools"):
            (self.workdir / part).mkdir(parents=True, exist_ok=True)
        try:
            self._start_primary(timeout)
            for index in range(1, self.replicas + 1):
                self._start_replica(index)
            for member in self.replica_members():
                wait_healthy(member, timeout)
            self._start_nginx(timeout)
            self.watch = HealthWatch(
                self.workdir / "catalogue-site.conf", self.reload_nginx, interval=self.health_seconds, timeout=3.0
            ).start()
        except BaseException:
            self.stop()
            raise
        return self

    def _env(self) -> dict[str, str]:
        roles = ("CATALOGUE_DB", "CATALOGUE_REPLICA", "CATALOGUE_SNAPSHOTS", "CATALOGUE_PRIMARY_URL", "CATALOGUE_SPOOL")
        env = {k: v for k, v in os.environ.items() if k not in roles}
        env.update(
            {
                "CATALOGUE_FORWARD_TOKEN": self.token,
                "CATALOGUE_TRUSTED_PROXY": "1",
                "CATALOGUE_PUBLIC_URL": self.public_url,
                "CATALOGUE_SNAPSHOT_SECONDS": str(self.snapshot_seconds),
                "PYTHONUNBUFFERED": "1",
            }
        )
        env.update(self.extra_env)
        return env

    def _serve(self, port: int, *options: str) -> list[str]:
        return [sys.executable, "-m", "catalogue", "serve", "--port", str(port), *options]

    def _start_primary(self, timeout: float) -> None:
        db = self.workdir / "primary.duckdb"
        if self.db is not None:
            shutil.copyfile(self.db, db)
        elif not db.exists():
            _demo_database(db)
        port = free_port()
        command = self._serve(port, "--db", str(db), "--snapshots", str(self.snapshots), "--base-path", "staff")
        member = Member("primary", port, command, self._env(), self.workdir / "logs" / "primary.log")
        self.members["primary"] = member
        member.start()
        wait_healthy(member, timeout, path="/staff/healthz")

    def _start_replica(self, index: int) -> None:
        port = free_port()
        env = {
            **self._env(),
            "CATALOGUE_PRIMARY_URL": self.primary.url,
            "CATALOGUE_SPOOL": str(self.workdir / "spools" / f"replica-{index}"),
        }
        name = f"replica-{index}"
        command = self._serve(port, "--replica", str(self.snapshots))
        member = Member(name, port, command, env, self.workdir / "logs" / f"{name}.log")
        self.members[name] = member
        member.start()

    def _start_nginx(self, timeout: float) -> None:
        binary = nginx_binary()
        if binary is None:
            raise RuntimeError("nginx is not installed (Debian: apt-get install nginx)")
        replicas = [f"127.0.0.1:{m.port}" for m in self.replica_members()]
        site = render_site(f"127.0.0.1:{self.public_port}", f"127.0.0.1:{self.primary.port}", replicas)
        (self.workdir / "catalogue-site.conf").write_text(site, encoding="utf-8")
        user = "user root;\n" if os.geteuid() == 0 else ""  # workers write the temp dirs made here
        main = Template(MAIN_CONF).substitute(DIR=str(self.workdir), USER=user)
        (self.workdir / "nginx.conf").write_text(main, encoding="utf-8")
        command = [*self._nginx_command(binary), "-g", "daemon off;"]
        member = Member("nginx", self.public_port, command, dict(os.environ), self.workdir / "logs" / "nginx.log")
        self.members["nginx"] = member
        member.start()
        wait_healthy(member, timeout, path="/lb-health")

    def _nginx_command(self, binary: str) -> list[str]:
        workdir = str(self.workdir)
        return [
            binary,
            "-p",
            workdir,
            "-e",
            str(self.workdir / "logs" / "nginx-error.log"),
            "-c",
            workdir + "/nginx.conf",
        ]

    def reload_nginx(self) -> None:
        """nginx reads its site file again (the health watch changed who is in rotation)."""
        binary = nginx_binary()
        if binary is not None and "nginx" in self.members and self.members["nginx"].alive():
            subprocess.run([*self._nginx_command(binary), "-s", "reload"], check=True, timeout=30, capture_output=True)

    # --- during a run --------------------------------------------------------------------------

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        """Send ``sig`` to a member (kill -9 by default) and wait for it to end."""
        member = self.members[name]
        member.signal(sig)
        if member.process is not None:
            member.process.wait(30)

    def restart(self, name: str, timeout: float = 180.0) -> None:
        member = self.members[name]
        member.start()
        wait_healthy(member, timeout, path="/staff/healthz" if name == "primary" else "/healthz")

    def health(self, name: str) -> dict:
        member = self.members[name]
        path = "/staff/healthz" if name == "primary" else "/healthz"
        with urllib.request.urlopen(member.url + path, timeout=5) as response:
            return json.loads(response.read())

    def pids(self) -> dict[str, int]:
        return {name: m.process.pid for name, m in self.members.items() if m.alive()}

    # --- stopping ------------------------------------------------------------------------------

    def stop(self) -> None:
        if self.watch is not None:
            self.watch.stop()
        for name in ["nginx", *[n for n in self.members if n.startswith("replica-")], "primary"]:
            if name in self.members:
                self.members[name].stop()

    def __enter__(self) -> Cluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _demo_database(path: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from catalogue import Catalogue

    with Catalogue.open(path) as cat:
        cat.load_demo()


def wait_healthy(member: Member, timeout: float, path: str = "/healthz") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not member.alive():
            tail = member.log.read_text(encoding="utf-8", errors="replace")[-2000:] if member.log.exists() else ""
            raise RuntimeError(f"{member.name} ended while starting:\n{tail}")
        with contextlib.suppress(OSError), urllib.request.urlopen(member.url + path, timeout=2) as response:
            if response.status == 200:
                return
        time.sleep(0.3)
    raise RuntimeError(f"{member.name} not healthy on {member.url}{path} after {timeout:.0f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, default=3)
    parser.add_argument("--db", type=Path, help="a catalogue file to copy for the primary (default: the demo)")
    parser.add_argument("--seconds", type=float, default=900.0, help="stop after this long (default 15 min)")
    parser.add_argument("--workdir", type=Path, help="default: a new temporary directory")
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="catalogue-cluster-"))
    cluster = Cluster(workdir, replicas=args.replicas, db=args.db)
    stopping = {"now": False}

    def stop(_signum: int, _frame: object) -> None:
        stopping["now"] = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    with cluster.start():
        print(f"visitors:  {cluster.public_url}/")
        print(f"staff:     {cluster.public_url}/staff/")
        for name, member in cluster.members.items():
            print(f"{name:<10} {member.url}  (pid {member.process.pid}, log {member.log})")
        print(f"stops after {args.seconds:.0f} s or Ctrl-C; work files in {workdir}", flush=True)
        deadline = time.monotonic() + args.seconds
        while not stopping["now"] and time.monotonic() < deadline:
            time.sleep(0.5)
    print("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
