"""The wheel works on its own: build it, install it into a fresh virtual environment, create a database
with the demo projects, start the installed app with ``catalogue serve`` and read a project in Chromium.

Run by .ci/run after the tests (building the wheel may fetch setuptools into pip's isolated build
environment, so it is an install step, not a test). The virtual environment sees this machine's
packages (``--system-site-packages``) but the catalogue itself only from the wheel, and every command
runs from an empty directory, so nothing is read from the checkout.

    python tools/check_wheel.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def run(*command: str | Path, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(map(str, command))}\n{done.stdout}\n{done.stderr}")
    return done


def main() -> None:
    from tests.browser import CHROMIUM_ARGS, free_port

    with tempfile.TemporaryDirectory() as tmp:
        where = Path(tmp)
        run(sys.executable, "-m", "pip", "wheel", ROOT, "--no-deps", "-q", "-w", where / "dist", cwd=where)
        wheel = next((where / "dist").glob("*.whl"))
        names = set(zipfile.ZipFile(wheel).namelist())
        for needed in (
            "catalogue/data/categories.csv",
            "catalogue/data/demo_projects.csv",
            "catalogue/data/share-card.png",
            "app_pages/main.py",
            "app_pages/server.py",
        ):
            assert needed in names, f"{needed} is not in {wheel.name}"
        venv = where / "venv"
        run(sys.executable, "-m", "venv", "--system-site-packages", venv, cwd=where)
        python, cli = venv / "bin" / "python", venv / "bin" / "catalogue"
        run(python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--force-reinstall", wheel, cwd=where)
        work = where / "elsewhere"
        work.mkdir()
        found = run(
            python, "-c", "import catalogue, app_pages; print(catalogue.__file__, app_pages.__file__)", cwd=work
        )
        assert str(venv) in found.stdout and str(ROOT) not in found.stdout, found.stdout
        init = run(cli, "init", "--demo", "--db", "c.duckdb", "--lang", "en", cwd=work)
        print(init.stdout.strip())
        port = free_port()
        env = os.environ | {"PYTHONUNBUFFERED": "1"}
        server = subprocess.Popen(
            [cli, "serve", "--db", "c.duckdb", "--port", str(port)],
            cwd=work,
            env=env,
            stdout=(where / "serve.log").open("wb"),
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                        if response.status == 200:
                            break
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise SystemExit((where / "serve.log").read_text(errors="replace")) from None
                    time.sleep(0.3)
            browse(url, CHROMIUM_ARGS)
        finally:
            server.terminate()
            server.wait(timeout=20)
        try:  # stopping `catalogue serve` stops the server itself (it left an orphan Streamlit before)
            urllib.request.urlopen(url + "/healthz", timeout=2)
            raise SystemExit(f"the server still answers on {url} after `catalogue serve` was stopped")
        except OSError:
            pass
        print(f"wheel {wheel.name}: installed, initialised, served, browsed and stopped")


def browse(url: str, chromium_args: list[str]) -> None:
    """The installed app answers like the checkout: result cards whose Open leads to a project, then
    a project's own page."""
    from playwright.sync_api import sync_playwright

    from tests.browser import chromium_path

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=chromium_args, headless=True)
        page = browser.new_page()
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(url) else route.abort())
        page.goto(url + "/?lang=en")
        page.wait_for_selector("article.card h3", timeout=60_000)  # the result cards (a v2 component)
        page.get_by_role("link", name="Open").first.click()  # in the app, through the cards' own code
        page.wait_for_url("**/project?**", timeout=60_000)
        page.wait_for_selector("h1", timeout=60_000)
        page.goto(url + "/project?code=DEMO-001&lang=en")
        page.wait_for_selector("h1", timeout=60_000)
        body = page.inner_text("[data-testid='stMain']")
        assert "Illustrative demo project" in body and "Traceback" not in body, body[:500]
        assert page.locator("[data-testid='stException']").count() == 0
        browser.close()


if __name__ == "__main__":
    main()
