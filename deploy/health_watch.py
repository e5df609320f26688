"""Active /healthz checks for nginx without nginx Plus: take a replica that stops answering out of
rotation, and put it back when it answers again.

Debian's nginx checks its upstreams only passively: a replica whose port refuses connections is
skipped, but one that accepts them and never answers (a hung or stopped process: the kernel still
completes the handshake) keeps its visitors waiting for the proxy's read timeout, and one whose
/healthz says 503 (no snapshot it can open) keeps getting new visitors. This watcher asks each
replica's /healthz every few seconds; after ``--fails`` failed answers in a row it marks that
replica ``down`` in the site file and reloads nginx (a graceful reload: open connections finish),
and after one good answer it takes the mark off. It takes out at most half of the replicas (one of
two): more failing at once is an overload or an outage, and taking them out would pour every
visitor onto the rest (nginx's own passive checks still skip a refused port).

    python deploy/health_watch.py --site /etc/nginx/conf.d/catalogue.conf \
        --reload "nginx -s reload" [--interval 2] [--timeout 2] [--fails 2]

The replicas are the ``server`` lines of the site's ``upstream catalogue_public`` block
(deploy/nginx-site.conf). deploy/local_cluster.py runs one for its cluster;
deploy/systemd/catalogue-health-watch.service runs it beside a real nginx.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import shlex
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path

_UPSTREAM = re.compile(r"(upstream\s+catalogue_public\s*\{)(.*?)(\})", re.DOTALL)
_SERVER = re.compile(r"^(\s*server\s+)(\S+)([^;]*);", re.MULTILINE)


def replicas(site: str) -> list[str]:
    """The replicas' addresses (HOST:PORT) in the site's public upstream, in order."""
    block = _UPSTREAM.search(site)
    return [found.group(2) for found in _SERVER.finditer(block.group(2))] if block else []


def marked_down(site: str) -> set[str]:
    """The replicas the site marks ``down`` now."""
    block = _UPSTREAM.search(site)
    found = _SERVER.finditer(block.group(2)) if block else ()
    return {server.group(2) for server in found if re.search(r"\bdown\b", server.group(3))}


def marked(site: str, down: set[str]) -> str:
    """``site`` with exactly the replicas in ``down`` marked ``down`` (the other lines as they were)."""
    block = _UPSTREAM.search(site)
    if block is None:
        return site

    def line(found: re.Match[str]) -> str:
        options = re.sub(r"\s+down\b", "", found.group(3))
        return f"{found.group(1)}{found.group(2)}{options}{' down' if found.group(2) in down else ''};"

    inner = _SERVER.sub(line, block.group(2))
    return site[: block.start(2)] + inner + site[block.end(2) :]


def healthy(address: str, timeout: float) -> bool:
    """Whether the replica at ``address`` answers /healthz with 200 within ``timeout`` seconds."""
    try:
        with urllib.request.urlopen(f"http://{address}/healthz", timeout=timeout) as response:
            return response.status == 200
    except (OSError, ValueError):  # refused, timed out, 503 (an HTTPError is an OSError)
        return False


class HealthWatch:
    """Checks the replicas of ``site_file`` every ``interval`` seconds on a thread of its own;
    ``reload()`` is called after the file changed. ``changes`` lists (time, address, "down"/"up")."""

    def __init__(
        self,
        site_file: Path,
        reload: Callable[[], None],
        *,
        interval: float = 2.0,
        timeout: float = 2.0,
        fails: int = 2,
        probe: Callable[[str, float], bool] = healthy,
    ) -> None:
        self.site_file, self.reload = Path(site_file), reload
        self.interval, self.timeout, self.fails, self.probe = interval, timeout, fails, probe
        self.failed: dict[str, int] = {}
        self.down: set[str] = set()
        self.changes: list[tuple[float, str, str]] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def check(self) -> bool:
        """One round: every replica asked (in parallel, so a hung one costs one timeout); True when
        the rotation changed (the file rewritten and nginx reloaded)."""
        site = self.site_file.read_text(encoding="utf-8")
        addresses = replicas(site)
        answers: dict[str, bool] = {}

        def ask(address: str) -> None:
            answers[address] = self.probe(address, self.timeout)

        askers = [threading.Thread(target=ask, args=(a,), daemon=True) for a in addresses]
        for asker in askers:
            asker.start()
        for asker in askers:
            asker.join(self.timeout + 1)
        now_down, wanted = marked_down(site), set()
        for address in addresses:
            self.failed[address] = 0 if answers.get(address) else self.failed.get(address, 0) + 1
            if self.failed[address] >= self.fails:
                wanted.add(address)
        if len(wanted) > max(1, len(addresses) // 2):
            # More than half failing is an overload or an outage, not one sick replica: taking them out
            # would pour every visitor onto the rest. The rotation stays as it was; nginx's passive
            # checks still skip a refused port.
            wanted = now_down if len(now_down) <= max(1, len(addresses) // 2) else set()
        if wanted == now_down:
            return False
        stamp = time.time()
        self.changes += [(stamp, a, "down") for a in sorted(wanted - now_down)]
        self.changes += [(stamp, a, "up") for a in sorted(now_down - wanted)]
        self.down = wanted
        self.site_file.write_text(marked(site, wanted), encoding="utf-8")
        self.reload()
        return True

    def run(self) -> None:
        while not self._stop.wait(self.interval):
            with contextlib.suppress(OSError, subprocess.SubprocessError):  # a round lost is retried
                self.check()

    def start(self) -> HealthWatch:
        self._thread = threading.Thread(target=self.run, name="health-watch", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(self.interval + self.timeout + 2)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True, help="the rendered nginx site file")
    parser.add_argument("--reload", default="nginx -s reload", help="the command that reloads nginx")
    parser.add_argument("--interval", type=float, default=2.0)
    parser.add_argument("--timeout", type=float, default=2.0)
    parser.add_argument("--fails", type=int, default=2, help="failed answers in a row before a replica goes out")
    args = parser.parse_args(argv)
    command = shlex.split(args.reload)

    def reload() -> None:
        subprocess.run(command, check=True, timeout=30)

    watch = HealthWatch(args.site, reload, interval=args.interval, timeout=args.timeout, fails=args.fails)
    with contextlib.suppress(KeyboardInterrupt):
        watch.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
