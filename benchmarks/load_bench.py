"""Many investors at once on one app process (issue 14), with real Streamlit WebSocket clients.

Starts the app (``streamlit run app.py``) on a free loopback port over a catalogue (the demo
projects, or ``--projects N`` generated ones), then, for each count in ``--sessions``, runs that
many simulated visitors for ``--seconds``. A visitor speaks Streamlit's own protocol over
``/_stcore/stream`` (protobuf ``BackMsg``/``ForwardMsg``, as the browser's frontend does) and
repeats: open the browse page → type a search → choose a category → open a project page. With
``--staff K``, K signed-in staff members save a change to a project in a loop as well.

An interaction's time is from sending the rerun to the server's ``script_finished``. The server's
CPU is read from ``/proc/<pid>/stat`` around each run: CPU per interaction = CPU used / interactions
answered (one process; compare it with the wall time per interaction at one session).

    python benchmarks/load_bench.py --sessions 1,20,50 --seconds 30 [--staff 2] [--projects 100000]
    python benchmarks/load_bench.py --url http://127.0.0.1:8501 --pid PID   # an app already running
    python benchmarks/load_bench.py --tree /tmp/before --tree .   # two checkouts side by side, rows interleaved

Everything stays on 127.0.0.1. Prints one table row per session count.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# The catalogue code that prepares the file: this checkout, or (comparing checkouts) the oldest one,
# whose schema the newer ones migrate forward on opening their copy.
sys.path.insert(0, os.environ.get("LOAD_BENCH_CODE", str(ROOT)))

import websockets  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

QUERIES = ["xu ly nuoc thai", "lò đốt rác", "wastewater", "điện mặt trời", "khí thải", "tái chế nhựa", "bùn"]
TIMEOUT = 120.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def cpu_seconds(pid: int) -> float:
    """User + system CPU of process ``pid`` and its threads, in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Visitor:
    """One browser tab: a WebSocket session, the widgets the last run drew, the URL's query."""

    url: str
    cookie: str | None = None
    query_string: str = ""
    page_name: str = ""
    page_hash: str = ""
    widgets: dict[str, Any] = field(default_factory=dict)  # widget id -> element proto (the last run's)
    values: dict[str, tuple[str, Any]] = field(default_factory=dict)  # widget id -> (value field, value)
    fragments: dict[str, str] = field(default_factory=dict)  # widget id -> the fragment that drew it ("" none)
    pending_fragment: str = ""  # the fragment of the widget last changed: the browser reruns only that
    errors: int = 0
    ws: Any = None

    async def connect(self) -> None:
        headers = {"Origin": self.url}
        if self.cookie:
            headers["Cookie"] = self.cookie
        ws_url = self.url.replace("http", "ws", 1) + "/_stcore/stream"
        self.ws = await websockets.connect(
            ws_url, subprotocols=["streamlit"], additional_headers=headers, max_size=None, open_timeout=TIMEOUT
        )

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    def set(self, widget_id: str, kind: str, value: Any) -> None:
        """The user changes a widget: its value is sent with the next run, which (as in the browser)
        reruns only the fragment that drew the widget, if one did."""
        self.values[widget_id] = (kind, value)
        self.pending_fragment = self.fragments.get(widget_id, "")

    async def run(self, triggers: dict[str, tuple[str, Any]] | None = None) -> float:
        """Send one rerun (the widgets' values, plus one-shot ``triggers``) and wait until it finishes."""
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query_string
        state.page_name = self.page_name
        state.page_script_hash = self.page_hash
        fragment, self.pending_fragment = self.pending_fragment, ""
        for trigger in triggers or {}:
            fragment = self.fragments.get(trigger, fragment)
        if fragment:
            state.fragment_id = fragment
        for widget_id, (kind, value) in {**self.values, **(triggers or {})}.items():
            widget = state.widget_states.widgets.add()
            widget.id = widget_id
            if kind == "string_array_value":
                widget.string_array_value.data.extend(value)
            else:
                setattr(widget, kind, value)
        started = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        # a fragment's run redraws that fragment's widgets only
        for widget_id in [w for w in self.widgets if not fragment or self.fragments.get(w) == fragment]:
            del self.widgets[widget_id]
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), TIMEOUT)
            forward = ForwardMsg()
            forward.ParseFromString(raw)
            kind = forward.WhichOneof("type")
            if kind == "navigation":  # the page this run drew (the browser sends it back next time)
                self.page_hash = forward.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query_string = forward.page_info_changed.query_string
            elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                which = element.WhichOneof("type")
                if which == "exception":
                    self.errors += 1
                inner = getattr(element, which) if which else None
                if inner is not None and getattr(inner, "id", ""):
                    self.widgets[inner.id] = (which, inner)
                    self.fragments[inner.id] = forward.delta.fragment_id
            elif kind == "script_finished":
                if forward.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:  # the app's st.rerun()
                    self.widgets, fragment = {}, ""
                    continue
                return time.perf_counter() - started

    def widget(self, key: str) -> tuple[str, Any]:
        found = [w for wid, w in self.widgets.items() if wid.split("@", 1)[0].endswith("-" + key)]
        if not found:
            raise LookupError(f"no widget with key {key!r} on this page")
        return found[0]

    async def goto(self, page: str, query: str = "") -> float:
        self.page_name, self.query_string, self.page_hash, self.values = page, query, "", {}
        return await self.run()


async def investor(
    url: str,
    going: Callable[[], bool],
    times: dict[str, list[float]],
    seed: int,
    errors: list[str],
    cpu: dict[str, list[float]] | None = None,
    pid: int | None = None,
    *,
    cookie: str | None = None,
    think: float = 0.0,
) -> None:
    """One visitor's loop. With ``cpu`` and ``pid`` (one session alone), the server's CPU of each
    interaction is recorded by kind as well (``/proc`` counts in ticks of 10 ms: compare means).
    ``cookie``: a load balancer's route cookie; ``think``: a person's pause after each answer, in
    seconds on average (0: the next click at once)."""
    rng = random.Random(seed)
    visitor = Visitor(url, cookie=cookie)

    async def timed(kind: str, interaction) -> None:
        before = cpu_seconds(pid) if cpu is not None and pid else 0.0
        times[kind].append(await interaction)
        if cpu is not None and pid:
            cpu[kind].append(cpu_seconds(pid) - before)
        if think:
            await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))

    try:
        await visitor.connect()
        while going():
            await timed("browse", visitor.goto("", "lang=vi"))
            (_, box) = visitor.widget("f_q")
            visitor.set(box.id, "string_value", rng.choice(QUERIES))
            await timed("search", visitor.run())
            (_, category) = visitor.widget("f_category")
            visitor.set(category.id, "string_array_value", [rng.choice(list(category.options))])
            await timed("filter", visitor.run())
            code = rng.choice(CODES)
            await timed("project", visitor.goto("project", f"code={code}&lang=vi"))
    except Exception as exc:  # a failed session counts as an error, and the run goes on
        errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        errors.extend(["exception shown on a page"] * visitor.errors)
        await visitor.close()


async def staff(
    url: str, cookie: str, going: Callable[[], bool], times: dict[str, list[float]], seed: int, errors: list[str]
) -> None:
    rng = random.Random(seed)
    visitor = Visitor(url, cookie=cookie)
    try:
        await visitor.connect()
        code = CODES[seed % len(CODES)]
        await visitor.goto("edit", f"code={code}&lang=vi")
        while going():
            (_, capacity) = visitor.widget("capacity")
            visitor.set(capacity.id, "string_value", f"{rng.randint(1, 999)} tấn/ngày")
            await visitor.run()  # the field left: the page reruns (as the browser does on blur)
            (_, save) = visitor.widget("save")
            times["staff save"].append(await visitor.run({save.id: ("trigger_value", True)}))
    except Exception as exc:
        errors.append(f"staff {type(exc).__name__}: {exc}")
    finally:
        errors.extend(["exception shown on a page"] * visitor.errors)
        await visitor.close()


CODES: list[str] = []


def start_app(tree: Path, db: Path, where: Path) -> Any:
    """``streamlit run app.py`` of checkout ``tree`` (its own code and .streamlit/config.toml) on a
    copy of ``db``."""
    import shutil

    from tests.browser import Server

    where.mkdir()
    shutil.copy(db, where / db.name)
    os.environ["CATALOGUE_RUN_CPU"] = str(where / "runs.tsv")  # each run's own-thread CPU (app_pages/_profile.py)
    server = Server(where / db.name, where / "app.log", script=tree / "app.py", cwd=tree)
    os.environ["PYTHONPATH"] = str(tree)  # the server imports this checkout's catalogue
    try:
        server.start()
    finally:
        os.environ.pop("PYTHONPATH", None)
        os.environ.pop("CATALOGUE_RUN_CPU", None)
    return server


def print_script_cpu(log: Path) -> None:
    """The script runs' own-thread CPU since the last call, per page (then the log is emptied): the
    page's Python and the elements it builds, without the server's sending and the WebSocket."""
    if not log.exists():
        return
    by_page: dict[str, list[float]] = defaultdict(list)
    for line in log.read_text().splitlines():
        page, ms = line.split("\t")
        by_page[page].append(float(ms))
    log.write_text("")
    print(
        "   script thread CPU per run (median / mean): "
        + ", ".join(
            f"{page} {statistics.median(v):.1f} / {statistics.fmean(v):.1f} ms (n={len(v)})"
            for page, v in sorted(by_page.items())
        ),
        flush=True,
    )


async def first_visit(url: str) -> float:
    """The browse page for one new visitor: from opening the session to the end of its first run."""
    visitor = Visitor(url)
    started = time.perf_counter()
    await visitor.connect()
    await visitor.goto("", "lang=vi")
    await visitor.close()
    return time.perf_counter() - started


async def one_run(
    url: str,
    pid: int | None,
    sessions: int,
    seconds: float,
    cookies: list[str],
    going: Callable[[], bool] | None = None,
) -> dict[str, Any]:
    """``sessions`` visitors (and a staff member per cookie) for ``seconds``, or while ``going()``."""
    times: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    cpu_before = cpu_seconds(pid) if pid else 0.0
    started = time.perf_counter()
    stop = time.monotonic() + seconds
    going = going or (lambda: time.monotonic() < stop)
    alone = sessions == 1 and not cookies  # then each interaction's CPU is its own
    cpu_by_kind: dict[str, list[float]] = defaultdict(list)
    tasks = [investor(url, going, times, seed, errors, cpu_by_kind if alone else None, pid) for seed in range(sessions)]
    tasks += [staff(url, cookie, going, times, 1000 + i, errors) for i, cookie in enumerate(cookies)]
    await asyncio.gather(*tasks)
    wall = time.perf_counter() - started
    cpu = (cpu_seconds(pid) - cpu_before) if pid else float("nan")
    answered = sum(len(v) for v in times.values())
    return {
        "sessions": sessions,
        "times": times,
        "errors": errors,
        "cpu": cpu,
        "wall": wall,
        "answered": answered,
        "cpu_by_kind": cpu_by_kind,
    }


CHANGED_SEEDS = [2, 1]  # re-imports alternate between two texts of the same codes: every row changes


def changed_files(where: Path) -> list[Path]:
    from read_while_write import write_chunks

    seed = CHANGED_SEEDS[0]
    CHANGED_SEEDS.reverse()
    folder = where / f"changed-{seed}"
    if folder.exists():
        return sorted(folder.glob("part*.csv"))
    return write_chunks(folder, int(os.environ["LOAD_BENCH_PROJECTS"]), seed=seed)


def run_during_reimport(
    url: str, pid: int | None, sessions: int, cookies: list[str], db: Path, files: list[Path]
) -> dict[str, Any]:
    """The sessions' reruns while the app re-imports ``files`` (one admin call per file, in the app's
    own process, as ``catalogue import`` does while the app runs), from the first file to the last."""
    import threading

    from catalogue import admin

    failures: list[str] = []

    def reimport() -> None:
        for path in files:
            try:
                admin.call(db, {"command": "import", "path": str(path), "publication": "published", "actor": "bench"})
            except Exception as exc:
                failures.append(f"re-import {type(exc).__name__}: {exc}")

    writer = threading.Thread(target=reimport)
    started = time.perf_counter()
    writer.start()
    # the same sessions throughout (as in the idle row): each connects once, then repeats its path
    result = asyncio.run(one_run(url, pid, sessions, 0.0, cookies, going=writer.is_alive))
    writer.join()
    result["errors"].extend(failures)
    wall = time.perf_counter() - started
    print(f"   re-import of {len(files)} files took {wall:.0f} s", flush=True)
    return result


def print_row(result: dict[str, Any], label: str = "") -> None:
    times = result["times"]
    cells = [f"{label + ' ' if label else ''}{result['sessions']:>3} sessions"]
    for name in ("browse", "search", "filter", "project", "staff save"):
        values = times.get(name, [])
        if values:
            cells.append(
                f"{name} n={len(values)} p50 {statistics.median(values):.3f} p95 {percentile(values, 0.95):.3f} s"
            )
    per = result["cpu"] / result["answered"] * 1000 if result["answered"] else float("nan")
    cells.append(f"server CPU {result['cpu']:.1f} s / {result['answered']} reruns = {per:.0f} ms per rerun")
    cells.append(f"errors {len(result['errors'])}")
    print(" | ".join(cells), flush=True)
    by_kind = result.get("cpu_by_kind") or {}
    if by_kind:
        print(
            "   server CPU per interaction (mean): "
            + ", ".join(f"{kind} {statistics.fmean(v) * 1000:.0f} ms" for kind, v in by_kind.items() if v),
            flush=True,
        )
    for error in sorted(set(result["errors"]))[:5]:
        print("   error:", error)


def prepare(args: argparse.Namespace, where: Path) -> tuple[Path, list[str]]:
    """A catalogue file with the demo (or generated) projects; staff sessions' cookies."""
    from catalogue import Catalogue
    from catalogue.staff import auth

    db = where / "catalogue.duckdb"
    with Catalogue.open(db) as cat:
        if args.projects:
            from read_while_write import write_chunks  # files of 25,000 generated rows (the file limit)

            for path in write_chunks(where / "generated", args.projects, seed=1):
                assert cat.import_file(path, actor="bench").ok
        else:
            cat.load_demo()
        cookies = []
        for i in range(args.staff):
            name = f"staff{i}"
            auth.add_user(cat, name, "Load-bench-2026!", "staff", name)
            cookies.append(f"{auth.SESSION_COOKIE}={auth.start_session(cat, name)}")
        CODES.extend(cat.projects()["code"].tolist()[:200])
    return db, cookies


def prepare_with(tree: str, args: argparse.Namespace, where: Path) -> tuple[Path, list[str]]:
    """:func:`prepare` run by checkout ``tree``'s code, in a process of its own."""
    import json
    import subprocess

    env = {**os.environ, "LOAD_BENCH_CODE": str(Path(tree).resolve()), "PYTHONPATH": str(Path(tree).resolve())}
    command = [sys.executable, __file__, "--prepare-only", str(where), "--staff", str(args.staff)]
    command += ["--projects", str(args.projects)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    CODES.extend(answer["codes"])
    return Path(answer["db"]), answer["cookies"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", default="1,20,50", help="comma-separated session counts")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--staff", type=int, default=0, help="signed-in staff saving changes meanwhile")
    parser.add_argument("--projects", type=int, default=0, help="generated projects instead of the demo")
    parser.add_argument("--url", help="an app already running (then --pid for its CPU)")
    parser.add_argument("--pid", type=int)
    parser.add_argument(
        "--no-search-cache",
        action="store_true",
        help="the servers keep no whole search answers (CATALOGUE_SEARCH_CACHE=0): every search is computed, "
        "as when every visitor types something new",
    )
    parser.add_argument("--profile", action="store_true", help="profile every run (cProfile); print the top costs")
    parser.add_argument("--tree", action="append", help="a checkout to serve (repeat to compare, each on a copy)")
    parser.add_argument(
        "--cluster",
        type=int,
        default=0,
        help="N: one app process and N replicas behind nginx side by side (load_cluster.py); --sessions 10,50,200",
    )
    parser.add_argument("--think", type=float, default=0.0, help="a visitor's pause after each answer (seconds)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (logs)")
    parser.add_argument("--prepare-only", help=argparse.SUPPRESS)  # prepare_with's child: the folder to prepare
    parser.add_argument(
        "--reimport",
        action="store_true",
        help="with --projects N: each row idle, then while the app re-imports all N projects with changed "
        "text (through its admin endpoint, in the server's process), side by side",
    )
    args = parser.parse_args()
    if args.prepare_only:
        import json

        db, cookies = prepare(args, Path(args.prepare_only))
        print(json.dumps({"db": str(db), "cookies": cookies, "codes": CODES}))
        return
    if args.cluster:
        import load_cluster

        where = Path(tempfile.mkdtemp(prefix="load-cluster-"))
        db, _cookies = prepare(args, where)
        load_cluster.CODES[:] = CODES  # this file runs as __main__: load_cluster's visitors read the module's list
        load_cluster.run(args, db, where)
        return
    if args.reimport and not (args.projects and not args.url):
        parser.error("--reimport needs --projects N (and no --url)")
    servers: list[Any] = []
    if args.url:
        import json
        import urllib.request

        targets = [(args.url.rstrip("/"), args.pid, "")]
        cookies: list[str] = []
        with urllib.request.urlopen(f"{args.url}/api/v1/projects?per_page=100", timeout=30) as answer:  # the read API
            CODES.extend(project["code"] for project in json.load(answer)["projects"])
    else:
        where = Path(tempfile.mkdtemp())
        os.environ["LOAD_BENCH_PROJECTS"] = str(args.projects)
        db, cookies = prepare_with(args.tree[0], args, where) if args.tree else prepare(args, where)
        if args.no_search_cache:
            os.environ["CATALOGUE_SEARCH_CACHE"] = "0"
        if args.profile:  # the server profiles its runs into this folder (app_pages/_profile.py)
            (where / "profiles").mkdir()
            os.environ["CATALOGUE_PROFILE"] = str(where / "profiles")
        targets = []
        for number, tree in enumerate(args.tree or [str(ROOT)]):
            servers.append(start_app(Path(tree).resolve(), db, where / f"app{number}"))
            targets.append((servers[-1].url, servers[-1].process.pid, tree if args.tree else ""))
    try:
        print(f"{len(CODES)} codes, {os.cpu_count()} cores; {args.seconds:.0f} s per row", flush=True)
        for url, _pid, label in targets:  # the first visitor after start-up (index built, nothing else warm)
            print(
                f"{label + ' ' if label else ''}first visitor's page: {asyncio.run(first_visit(url)):.3f} s", flush=True
            )
        for count in [int(c) for c in args.sessions.split(",")]:
            for number, (url, pid, label) in enumerate(targets):
                result = asyncio.run(one_run(url, pid, count, args.seconds, cookies))
                print_row(result, label + (" idle" if args.reimport else ""))
                if servers:
                    print_script_cpu(where / f"app{number}" / "runs.tsv")
                if args.reimport:
                    served = where / f"app{number}" / db.name
                    during = run_during_reimport(url, pid, count, cookies, served, changed_files(where))
                    print_row(during, label + " during re-import")
                    for name in ("browse", "search", "filter", "project"):
                        if result["times"].get(name) and during["times"].get(name):
                            ratio = percentile(during["times"][name], 0.95) / percentile(result["times"][name], 0.95)
                            print(f"   {name}: p95 during / idle = {ratio:.2f}x", flush=True)
    finally:
        for server in servers:
            server.stop()
    if args.profile and servers:
        print_profiles(Path(os.environ["CATALOGUE_PROFILE"]))


def print_profiles(folder: Path, top: int = 14) -> None:
    """Per page: runs, mean CPU time per run under the profiler, and the functions that cost most."""
    import pstats

    by_page: dict[str, list[Path]] = defaultdict(list)
    for path in folder.glob("*.prof"):
        by_page[path.stem.rsplit("-", 1)[0]].append(path)
    for page, paths in sorted(by_page.items()):
        stats = pstats.Stats(*map(str, paths))
        print(f"\n== {page}: {len(paths)} runs, {stats.total_tt / len(paths) * 1000:.0f} ms per run (profiled)")
        rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][3])  # cumulative time
        shown = 0
        for (file, line, name), (_calls, _prim, tottime, cumtime, _callers) in rows:
            if "site-packages" in file and "streamlit" not in file:
                continue
            where_ = f"{Path(file).parent.name}/{Path(file).name}:{line}" if line else file
            print(
                f"  {cumtime / len(paths) * 1000:7.1f} ms cum {tottime / len(paths) * 1000:6.1f} ms own  {name}  {where_}"
            )
            shown += 1
            if shown >= top:
                break
        print("  most own time:")
        for (file, line, name), (calls, _prim, tottime, _cum, _callers) in sorted(
            stats.stats.items(), key=lambda kv: -kv[1][2]
        )[:top]:
            where_ = f"{Path(file).parent.name}/{Path(file).name}:{line}" if line else file
            print(f"  {tottime / len(paths) * 1000:7.1f} ms own ({calls / len(paths):7.0f} calls)  {name}  {where_}")


if __name__ == "__main__":
    main()
