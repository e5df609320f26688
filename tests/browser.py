"""Helpers for the browser tests: a real `streamlit run` on a free port, Debian's Chromium.

No browser is downloaded: Playwright drives the system Chromium (installed by `.ci/run`).
Without Chromium the browser tests are skipped locally, and fail when
CATALOGUE_REQUIRE_BROWSER=1 (as `.ci/run` sets), so CI cannot pass them by skipping.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    # Nothing leaves this machine: every host but loopback fails to resolve (map tiles, fonts, icons).
    # Done here rather than with a Playwright route, which would switch the browser's cache off
    # (every page load fetched all of Streamlit's scripts again: a quarter of the suite's browser time).
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]


def chromium_path() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CATALOGUE_REQUIRE_BROWSER") == "1":
        pytest.fail("Chromium is not installed (apt-get install chromium), and CI requires the browser tests")
    pytest.skip("Chromium is not installed; `bash .ci/run` installs it")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`streamlit run app.py` on its own port and database."""

    def __init__(
        self, db: Path, log: Path, script: Path | None = None, cwd: Path | None = None, env: dict | None = None
    ) -> None:
        self.extra_env = env or {}  # beside CATALOGUE_DB: settings this server alone runs with
        self.script = script or ROOT / "app.py"
        self.cwd = cwd or ROOT  # its .streamlit/config.toml applies
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.db = db
        self.log = log
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> None:
        env = os.environ | {"CATALOGUE_DB": str(self.db), "PYTHONUNBUFFERED": "1"} | self.extra_env
        command = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(self.script),
            "--server.headless=true",
            f"--server.port={self.port}",
            "--server.address=127.0.0.1",
            "--server.fileWatcherType=none",
            "--browser.gatherUsageStats=false",
        ]
        self._log = self.log.open("wb")
        self.process = subprocess.Popen(command, cwd=self.cwd, env=env, stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited: {self.log.read_text(errors='replace')}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"streamlit did not start in {timeout} s: {self.log.read_text(errors='replace')}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if getattr(self, "_log", None):
            self._log.close()


_SHARED: dict[str, Any] = {}


def _browser() -> Any:
    """One Chromium per test process, started on first use (each page gets a context of its own)."""
    browser = _SHARED.get("browser")
    if browser is None or not browser.is_connected():
        from playwright.sync_api import sync_playwright

        executable = chromium_path()
        if "playwright" not in _SHARED:
            _SHARED["playwright"] = sync_playwright().start()
        browser = _SHARED["playwright"].chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        _SHARED["browser"] = browser
    return browser


def close_browser() -> None:
    """Stop the shared Chromium (the test session does this at its end)."""
    browser, playwright = _SHARED.pop("browser", None), _SHARED.pop("playwright", None)
    if browser is not None:
        browser.close()
    if playwright is not None:
        playwright.stop()


@contextmanager
def browser_page(width: int = 1280, height: int = 900, headers: dict[str, str] | None = None) -> Iterator:
    """A Chromium page in a fresh context (no cookies, no cache); requests off this machine fail
    (the browser resolves no other host: CHROMIUM_ARGS). ``headers`` go with every request."""
    context = _browser().new_context(
        viewport={"width": width, "height": height}, locale="vi-VN", extra_http_headers=headers or {}
    )
    context.set_default_timeout(30_000)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


_WATCH_RUNS = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app) return -1;
  if (app.__runs === undefined) {
    app.__runs = 0;
    new MutationObserver(() => { if (app.dataset.testScriptState === 'running') app.__runs += 1; })
      .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
  }
  return app.__runs;
}"""


def wait_idle(page, timeout: float = 30_000) -> None:
    """Wait until the run that the last action started has finished and painted.

    Right after a click, the app still says "not running": the rerun has not reached the server
    yet. So the app's script state is watched (a MutationObserver counts its runs): when an action
    started a run, this waits for that run to end; when none starts within a second, the action
    caused none.
    """
    seen = getattr(page, "_runs_seen", None)
    runs = page.evaluate(_WATCH_RUNS)
    if seen is not None and (runs < 0 or runs < seen):  # a new document (a reload): wait for its first run
        page.locator("[data-testid='stSidebar'] [data-testid='stButtonGroup']").first.wait_for(
            state="attached", timeout=timeout
        )
        page.evaluate(_WATCH_RUNS)
    elif seen is not None and runs == seen:
        with contextlib.suppress(Exception):  # no run followed the action
            page.wait_for_function(
                "(seen) => { const a = document.querySelector(\"[data-testid='stApp']\"); return a && a.__runs > seen; }",
                arg=seen,
                timeout=1_000,
            )
    # As Streamlit's own e2e tests do: the app reports its script state on the root element.
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && document.querySelectorAll('[data-stale=\"true\"]').length === 0",
        timeout=timeout,
    )
    page.wait_for_timeout(100 if seen is not None else 300)  # let the last delta paint
    page._runs_seen = page.evaluate(_WATCH_RUNS)  # type: ignore[attr-defined]


def goto(page, url: str, timeout: float = 30_000) -> None:
    """Open ``url`` and wait for its first script run to finish.

    Right after loading, the app reports "not running" before its first run has even begun;
    the language switch, which the frame draws first on every page, shows that it has.
    """
    page.goto(url)
    page._runs_seen = None  # type: ignore[attr-defined]  # a new document: nothing watched yet
    page.locator("[data-testid='stSidebar'] [data-testid='stButtonGroup']").first.wait_for(
        state="attached", timeout=timeout
    )
    wait_idle(page, timeout)


def no_exception(page) -> None:
    """No page element shows an exception (the page's text is in the message when one does)."""
    shown = page.locator("[data-testid='stException']")
    assert shown.count() == 0, shown.first.inner_text()
