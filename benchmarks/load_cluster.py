"""``load_bench.py --cluster N``: one app process and N replicas behind nginx, side by side (issue 19).

Both serve copies of the same catalogue on this machine. For each step of ``--sessions`` (10,50,200
by default) each target gets that many simulated visitors for ``--seconds``: real Streamlit
WebSocket sessions (load_bench.Visitor) that open the first screen, search, filter and open a
project, pausing ``--think`` seconds on average after each answer as a person does. Through nginx a
visitor first loads the page (which gives it the route cookie), then opens its WebSocket with it.

Per step and target: sessions held (connected throughout, every interaction answered, no page
showing an exception), errors, p50/p95 of the time to results (from the click to the end of the
run), interactions answered, and each process's resident memory at the end of the step.

In the cluster's 50-session step a staff member publishes a project (``catalogue import --publish``
through the running primary): the time until every replica serves it, and whether any replica
session failed meanwhile. After the last step, a replica is killed (-9) under load: the sessions it
held fail (their WebSocket ends), and new visitors keep coming through nginx: how many of those
succeed is printed.

Everything is on 127.0.0.1 and stops at the end.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from collections import defaultdict
from pathlib import Path
from typing import Any

from load_bench import CODES, ROOT, cpu_seconds, investor, percentile

sys.path.insert(0, str(ROOT / "deploy"))
import local_cluster

KINDS = ("browse", "search", "filter", "project")  # browse: the first screen (a new session first)


def rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and its children (nginx's workers), in MB."""
    total = 0
    for candidate in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{candidate}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def _children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(c) for c in found]


def route_cookie(url: str) -> str | None:
    """What a browser gets when it loads the page: nginx's route cookie (None straight to an app)."""
    with urllib.request.urlopen(url + "/", timeout=60) as response:
        header = response.headers.get("Set-Cookie") or ""
    return header.split(";")[0] if header.startswith("catalogue_route=") else None


def server_cpu(pids: list[int]) -> float:
    """CPU seconds used so far by ``pids`` and their children (nginx's workers)."""
    total = 0.0
    for pid in pids:
        for candidate in [pid, *_children(pid)]:
            try:
                total += cpu_seconds(candidate)
            except OSError:
                continue
    return total


async def step(
    url: str,
    sessions: int,
    seconds: float,
    think: float,
    seed: int = 0,
    arrive: float | None = None,
    pids: list[int] | None = None,
) -> dict[str, Any]:
    """``sessions`` visitors arriving evenly over ``arrive`` seconds (half the step by default: a
    conference room scanning a QR code, not one instant), each busy until ``seconds``; which held."""
    arrive = seconds / 2 if arrive is None else arrive
    times: dict[str, list[float]] = defaultdict(list)
    stop = time.monotonic() + seconds
    outcomes: list[list[str]] = [[] for _ in range(sessions)]

    async def one(index: int) -> None:
        await asyncio.sleep(index * arrive / max(sessions, 1))  # visitors arrive one after another
        try:
            cookie = await asyncio.to_thread(route_cookie, url)
        except OSError as exc:
            outcomes[index].append(f"page load {type(exc).__name__}: {exc}")
            return
        await investor(
            url, lambda: time.monotonic() < stop, times, seed + index, outcomes[index], cookie=cookie, think=think
        )

    started, client_before, server_before = time.perf_counter(), sum(os.times()[:2]), server_cpu(pids or [])
    await asyncio.gather(*(one(i) for i in range(sessions)))
    wall = time.perf_counter() - started
    errors = [e for found in outcomes for e in found]
    held = sum(1 for found in outcomes if not found)
    client = (sum(os.times()[:2]) - client_before) / wall  # the visitors' own share of the machine's cores
    server = (server_cpu(pids or []) - server_before) / wall
    return {
        "sessions": sessions,
        "held": held,
        "errors": errors,
        "times": times,
        "wall": wall,
        "client": client,
        "server": server,
    }


def describe(label: str, result: dict[str, Any], memory: dict[str, float]) -> str:
    every = [t for kind in KINDS for t in result["times"].get(kind, [])]
    cells = [
        f"{label:<22}",
        f"{result['sessions']:>3} sessions",
        f"held {result['held']:>3}",
        f"errors {len(result['errors']):>3}",
        f"answered {len(every):>5}",
        f"all p50 {statistics.median(every) if every else float('nan'):.2f} p95 {percentile(every, 0.95):.2f} s",
        "p95 " + " / ".join(f"{kind} {percentile(result['times'].get(kind, []), 0.95):.2f}" for kind in KINDS) + " s",
        "RSS " + ", ".join(f"{name} {mb:.0f}" for name, mb in memory.items()) + " MB",
        f"CPU: servers {result['server']:.2f} cores, visitors {result['client']:.2f}",
    ]
    return " | ".join(cells)


def holds(result: dict[str, Any]) -> bool:
    every = [t for kind in KINDS for t in result["times"].get(kind, [])]
    return not result["errors"] and bool(every) and percentile(every, 0.95) <= 2.0


def publish_and_wait(cluster: local_cluster.Cluster, code: str) -> float:
    source = cluster.workdir / f"{code}.csv"
    source.write_text(
        f"Mã dự án,Tên dự án,Nhóm,Quận/huyện\n{code},Nhà máy thử công bố {code},Dịch vụ môi trường,Gia Lâm\n"
    )
    started = time.monotonic()
    command = [
        sys.executable,
        "-m",
        "catalogue",
        "import",
        str(source),
        "--publish",
        "--db",
        str(cluster.workdir / "primary.duckdb"),
    ]
    subprocess.run(command, capture_output=True, check=True, cwd=ROOT, timeout=300)
    waiting = {m.url for m in cluster.replica_members() if m.alive()}
    while waiting and time.monotonic() - started < 60:
        for url in list(waiting):
            try:
                with urllib.request.urlopen(f"{url}/api/v1/projects/{code}", timeout=5):
                    waiting.discard(url)
            except OSError:
                pass
        time.sleep(0.1)
    return time.monotonic() - started if not waiting else float("inf")


def one_process(db: Path, where: Path) -> local_cluster.Member:
    """The app as one process, started as the cluster's members are (``catalogue serve``, the same options)."""
    where.mkdir(parents=True)
    shutil.copyfile(db, where / "catalogue.duckdb")
    port = local_cluster.free_port()
    command = [sys.executable, "-m", "catalogue", "serve", "--port", str(port), "--db", str(where / "catalogue.duckdb")]
    env = {k: v for k, v in os.environ.items() if not k.startswith("CATALOGUE_")}
    member = local_cluster.Member("single", port, command, env, where / "app.log")
    member.start()
    return member


def run(args: Any, db: Path, where: Path) -> None:
    counts = [int(c) for c in args.sessions.split(",")]
    single = one_process(db, where / "single")
    cluster = local_cluster.Cluster(where / "cluster", replicas=args.cluster, db=db)
    try:
        local_cluster.wait_healthy(single, 180)
        cluster.start()
        print(
            f"{len(CODES)} codes, 2 targets on this machine's {len(os.sched_getaffinity(0))} cores; "
            f"{args.seconds:.0f} s per step, think {args.think:.1f} s",
            flush=True,
        )
        for url in (single.url, cluster.public_url):  # each process's caches warm, as after minutes of use
            asyncio.run(step(url, 3 * (args.cluster + 1), 15, args.think, seed=99))
        single_ok: int | None = None
        cluster_ok: int | None = None
        publish_at = 50 if 50 in counts else counts[-1]
        for number, count in enumerate(counts):
            result = asyncio.run(
                step(single.url, count, args.seconds, args.think, seed=number * 1000, pids=[single.process.pid])
            )
            print(describe("one process", result, {"app": rss_mb(single.process.pid)}), flush=True)
            for error in sorted(set(result["errors"]))[:3]:
                print("   error:", error[:200])
            single_ok = count if holds(result) else single_ok
            if count == publish_at:
                result, published = asyncio.run(_with_publication(cluster, count, args, number))
                print(f"   published a project during this step: on every replica after {published:.1f} s")
            else:
                result = asyncio.run(
                    step(cluster.public_url, count, args.seconds, args.think, seed=number * 1000, pids=_pids(cluster))
                )
            memory = {name: rss_mb(m.process.pid) for name, m in cluster.members.items() if m.alive()}
            print(describe(f"{args.cluster} replicas + nginx", result, memory), flush=True)
            cluster_ok = count if holds(result) else cluster_ok
            for error in sorted(set(result["errors"]))[:3]:
                print("   error:", error[:200])
        print(f"held (no errors, p95 <= 2 s): one process up to {single_ok}, cluster up to {cluster_ok} sessions")
        asyncio.run(_kill_a_replica(cluster, counts[-1], args))
    finally:
        single.stop()
        cluster.stop()
        if not args.keep:
            shutil.rmtree(where, ignore_errors=True)


def _pids(cluster: local_cluster.Cluster) -> list[int]:
    return [m.process.pid for m in cluster.members.values() if m.alive()]


async def _with_publication(cluster: local_cluster.Cluster, count: int, args: Any, number: int) -> tuple[dict, float]:
    load = asyncio.create_task(
        step(cluster.public_url, count, args.seconds, args.think, seed=number * 1000, pids=_pids(cluster))
    )
    await asyncio.sleep(args.seconds / 3)
    published = await asyncio.to_thread(publish_and_wait, cluster, f"HN-LOAD-{number}")
    return await load, published


async def _kill_a_replica(cluster: local_cluster.Cluster, count: int, args: Any) -> None:
    """Under load, kill -9 one replica; then new visitors arrive through nginx."""
    load = asyncio.create_task(step(cluster.public_url, count, args.seconds, args.think, seed=7000))
    await asyncio.sleep(args.seconds / 3)
    victim = cluster.replica_members()[0]
    await asyncio.to_thread(cluster.kill, victim.name)
    after = await step(cluster.public_url, 20, args.seconds / 2, args.think, seed=9000)
    during = await load
    print(
        f"kill -9 {victim.name} under {count} sessions: {count - during['held']} of those sessions failed "
        f"(the killed replica's, and any it slowed); 20 visitors arriving after: {after['held']} held, "
        f"{len(after['errors'])} errors",
        flush=True,
    )
