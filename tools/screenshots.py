"""Screenshots of every page, in both languages, at desktop and phone width, for people to look at.

    python tools/screenshots.py --out shots/

Starts `streamlit run` on a free port with a fresh database (the demo projects and one account of
each staff role), drives Debian's Chromium through Playwright (no browser download), and writes
`<page>-<lang>-<width>.png`. Each shot holds the whole page: the window is made as tall as the
page's content, since Streamlit scrolls inside the app and a plain screenshot shows one screen.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from catalogue import Catalogue  # noqa: E402
from catalogue.projects import alerts, documents  # noqa: E402
from catalogue.staff import auth  # noqa: E402
from tests.browser import Server, browser_page, goto, wait_idle  # noqa: E402

PASSWORD = "screens-only-password-1"
PUBLIC = [
    ("browse", "/"),
    ("search", "/?q=nuoc+thai&status=calling"),
    ("table", "/?view=table&category=emission_treatment"),
    ("project", "/project?code=DEMO-005"),
    ("shortlist", "/shortlist?list=DEMO-001,DEMO-015,DEMO-047,DEMO-060"),
    ("dashboard", "/dashboard"),
    ("plan", "/plan"),
    ("signin", "/signin"),
]
STAFF = [
    ("staff", "/staff"),
    ("edit", "/edit?code=DEMO-005"),
    ("import", "/import"),
    ("inbox", "/inbox"),
    ("users", "/users"),
]
SIZES = {"1440": (1440, 900), "390": (390, 844)}


def whole_page(page, path: Path, width: int) -> None:
    height = page.evaluate(
        "() => Math.max(...Array.from(document.querySelectorAll("
        '\'[data-testid="stMain"], [data-testid="stAppViewContainer"], body\')).map(e => e.scrollHeight))'
    )
    page.set_viewport_size({"width": width, "height": min(max(int(height), 844), 12000)})
    page.wait_for_timeout(600)
    page.screenshot(path=path)


def sign_in(page, url: str) -> None:
    goto(page, f"{url}/signin")
    page.get_by_label("Tên đăng nhập").fill("admin")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text("Đã đăng nhập").first.wait_for()
    wait_idle(page)


def data_room(cat: Catalogue) -> None:
    """A study and a site photo in DEMO-005's data room (the project page shows both)."""
    from PIL import Image  # Streamlit's own dependency

    photo = io.BytesIO()
    Image.new("RGB", (640, 400), (15, 118, 110)).save(photo, format="PNG")
    study = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"
    documents.add_document(
        cat,
        "DEMO-005",
        study,
        "bao-cao-tien-kha-thi.pdf",
        kind="prefeasibility",
        language="vi",
        title="Báo cáo tiền khả thi (minh họa)",
    )
    documents.add_document(
        cat, "DEMO-005", photo.getvalue(), "khu-dat.png", kind="photo", language="vi", title="Khu đất (minh họa)"
    )


class _Kept(alerts.Mailer):
    """A mailer that keeps the message instead of sending it."""

    def send(self, to: str, subject: str, body: str, headers: object = None) -> None:
        self.body = body


def alert_confirmation(cat: Catalogue, base: str, lang: str) -> str:
    """The path of the confirmation link an alert sign-up in ``lang`` mails (the page it opens is shot)."""
    mailer = _Kept(host="localhost")
    alerts.subscribe(
        cat,
        f"investor-{lang}@example.com",
        {"category": ["emission_treatment"]},
        lang,
        consent=True,
        mailer=mailer,
        base=base,
    )
    link = re.search(r"https?://\S+/alerts/confirm\?\S+", mailer.body).group()
    return link.removeprefix(base)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("shots"))
    parser.add_argument("--only", help="comma-separated page names")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    only = set(args.only.split(",")) if args.only else None
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "catalogue.duckdb"
        server = Server(db, Path(folder) / "streamlit.log")
        with Catalogue.open(db) as cat:
            cat.load_demo()
            auth.add_user(cat, "admin", PASSWORD, "admin", "Quản trị (ảnh chụp)")
            data_room(cat)
            confirmations = {lang: alert_confirmation(cat, server.url, lang) for lang in ("vi", "en")}
        server.start()
        try:
            for size, (width, height) in SIZES.items():
                for lang in ("vi", "en"):
                    with browser_page(width, height) as page:
                        for staff in (False, True):
                            if staff:
                                sign_in(page, server.url)
                            shots = STAFF if staff else [*PUBLIC, ("alert-confirmed", confirmations[lang])]
                            for name, path in shots:
                                if only and name not in only:
                                    continue
                                if name == "alert-confirmed":  # a page beside the app, in the alert's language
                                    page.goto(server.url + path)
                                    page.wait_for_load_state("load")
                                else:
                                    joiner = "&" if "?" in path else "?"
                                    goto(
                                        page,
                                        f"{server.url}{path}{joiner}lang={lang}" if lang == "en" else server.url + path,
                                    )
                                page.wait_for_timeout(800)  # charts and maps draw after the run
                                target = args.out / f"{name}-{lang}-{size}.png"
                                whole_page(page, target, width)
                                page.set_viewport_size({"width": width, "height": height})
                                print(target)
        finally:
            server.stop()


if __name__ == "__main__":
    main()
