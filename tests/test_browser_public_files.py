"""Every file a visitor can download, downloaded in Chromium as a visitor, names no hidden project.

The database holds two hidden projects (one withdrawn, one waiting for review) with investors'
inquiries from Norway sent while they were public. A visitor downloads the annual report (XLSX and
HTML, both languages), a project's printable profile and the shortlist's CSV and Excel files (with
the hidden codes in the shortlist's URL); each file is searched for the hidden codes, names and
the inquirers' country.
"""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest

from catalogue import Catalogue
from catalogue.staff.inquiries import submit as submit_inquiry
from tests.browser import Server, browser_page, chromium_path, goto, wait_idle

pytestmark = pytest.mark.browser

HIDDEN = ("DEMO-004", "DEMO-009")
FORM = {
    "name": "Nguyen Van An",
    "organisation": "Cong ty TNHH An Phat",
    "message": "Chúng tôi quan tâm tới dự án này.",
    "consent": True,
    "country": "NO",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    chromium_path()
    where = tmp_path_factory.mktemp("public-files")
    db = where / "catalogue.duckdb"
    with Catalogue.open(db) as cat:
        cat.load_demo()
        for n, code in enumerate(HIDDEN):
            assert submit_inquiry(cat, code, FORM | {"email": f"a{n}@example.com"}, session=f"s{n}").ok

        def hide(cur):
            cur.execute("update projects set status = 'withdrawn' where code = ?", [HIDDEN[0]])
            cur.execute("update projects set publication = 'draft' where code = ?", [HIDDEN[1]])

        cat.write(hide, event="projects")
        with cat.cursor() as cur:
            names = [
                v
                for code in HIDDEN
                for v in cur.execute("select name_vi, name_en from projects where code = ?", [code]).fetchone()
            ]
    srv = Server(db, where / "streamlit.log")
    srv.secrets = [*HIDDEN, *names, "Norway", "Na Uy"]
    srv.start()
    yield srv
    srv.stop()


def text_of(data: bytes, name: str) -> str:
    if name.endswith(".xlsx"):
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        cells = [str(v) for s in book.worksheets for row in s.iter_rows(values_only=True) for v in row if v]
        with zipfile.ZipFile(io.BytesIO(data)) as z:  # and every other part of the file
            rest = " ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
        return " ".join(cells) + rest
    text = data.decode("utf-8-sig", "replace")
    # plotly.js, inlined in the printable report, names every country: only the report's own text counts.
    return re.sub(
        r"<script[^>]*>(.*?)</script>", lambda m: m.group(0) if "Plotly.newPlot" in m.group(1) else "", text, flags=re.S
    )


def download(page, button: str, tmp_path) -> tuple[str, str]:
    wait_idle(page)  # a click during a rerun can land on a button about to be replaced
    with page.expect_download(timeout=90_000) as info:  # the report is built on the first request
        page.get_by_role("button", name=button).click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    return saved.name, text_of(saved.read_bytes(), saved.name)


def test_a_visitor_downloads_every_public_file_and_finds_no_hidden_project(server, tmp_path):
    files: dict[str, str] = {}
    with browser_page(1440, 1400) as page:
        # Both report files in Vietnamese, the workbook in English too (tests/test_public_leaks.py
        # reads every report in both languages without a browser).
        for lang, buttons in (
            ("vi", ("Tải báo cáo (XLSX)", "Tải bản in (HTML)")),
            ("en", ("Download the report (XLSX)",)),
        ):
            goto(page, f"{server.url}/dashboard?lang={lang}")
            for button in buttons:
                name, text = download(page, button, tmp_path)
                files[f"{lang}:{name}"] = text
        goto(page, f"{server.url}/project?code=DEMO-001&lang=en")
        name, text = download(page, "Download printable profile (HTML)", tmp_path)
        files[name] = text
        for code in HIDDEN:  # a hidden project's own URL shows nothing of it
            goto(page, f"{server.url}/project?code={code}&lang=en")
            page.get_by_text(f"There is no published project with code “{code}”.").wait_for()
            body = page.locator("[data-testid='stMain']").inner_text()
            assert not [secret for secret in server.secrets[2:] if secret in body]
        goto(page, f"{server.url}/shortlist?list={HIDDEN[0]},{HIDDEN[1]},DEMO-001&lang=en")
        wait_idle(page)
        for button in ("Download CSV", "Download Excel"):
            name, text = download(page, button, tmp_path)
            files[name] = text
    assert len(files) == 6
    assert all("DEMO-001" in text for name, text in files.items() if "shortlist" in name)
    for name, text in files.items():
        found = [secret for secret in server.secrets if secret in text]
        assert not found, f"{name} names {found}"
