"""Nothing a visitor can read or download names or counts a hidden project.

A hidden project (withdrawn, or waiting for review) with investors' inquiries is planted in the
demo data; every public file (the annual report as XLSX and HTML in both languages, the
project and shortlist downloads, the dashboard's figures and tables) is searched for its code,
its name and its inquirer's country.
"""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest

from catalogue import Catalogue
from catalogue.leadership.dashboard import dashboard
from catalogue.leadership.report import report_html, report_xlsx, summary
from catalogue.projects.views import export_bytes, profile_html
from catalogue.staff.inquiries import submit as submit_inquiry

HIDDEN = {"DEMO-004": "withdrawn", "DEMO-009": "draft"}
FORM = {
    "name": "Nguyen Van An",
    "organisation": "Cong ty TNHH An Phat",
    "email": "an@example.com",
    "message": "Chúng tôi quan tâm tới dự án này.",
    "consent": True,
}


@pytest.fixture(scope="module")
def cat(tmp_path_factory):
    path = tmp_path_factory.mktemp("leak") / "c.duckdb"
    with Catalogue.open(path) as c:
        c.load_demo()
        for n, code in enumerate(HIDDEN):  # inquiries while public, then the project is hidden
            result = submit_inquiry(c, code, FORM | {"country": "NO", "email": f"a{n}@example.com"}, session=f"s{n}")
            assert result.ok, result
        visible = c.projects().iloc[0]["code"]
        assert submit_inquiry(c, visible, FORM | {"country": "VN"}, session="s9").ok

        def hide(cur):
            cur.execute("update projects set status = 'withdrawn' where code = 'DEMO-004'")
            cur.execute("update projects set publication = 'draft' where code = 'DEMO-009'")

        c.write(hide, event="projects")
        yield c


def secrets(cat) -> list[str]:
    names = []
    with cat.cursor() as cur:
        for code in HIDDEN:
            names += [code, *cur.execute("select name_vi, name_en from projects where code = ?", [code]).fetchone()]
    return [*names, "Norway", "Na Uy"]


def xlsx_text(data: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    cells = [str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for v in row if v]
    # and every part of the file, in case text hides outside the cells
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        raw = " ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    return " ".join(cells) + raw


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_annual_report_names_no_hidden_project(cat, lang):
    year = 2026
    texts = {
        "xlsx": xlsx_text(report_xlsx(cat, year, lang=lang)),
        "html": report_html(cat, year, lang=lang),
    }
    # plotly.js itself, inlined in the HTML, names every country: only the report's own text counts.
    texts["html"] = re.sub(
        r"<script[^>]*>(.*?)</script>",
        lambda m: m.group(0) if "Plotly.newPlot" in m.group(1) else "",
        texts["html"],
        flags=re.S,
    )
    assert "Plotly.newPlot" in texts["html"]  # the charts' own data stay in what is searched
    for kind, text in texts.items():
        found = [secret for secret in secrets(cat) if secret in text]
        assert not found, f"{found} in the {kind} report"


def test_the_report_counts_only_inquiries_about_public_projects(cat):
    frame = summary(cat, 2026, "en")
    row = frame.attrs["keys"].index("inquiries")
    assert frame.iloc[row]["2026"] == 1  # three were sent; two were about projects now hidden


def test_dashboard_figures_and_tables_name_no_hidden_project(cat):
    for lang in ("vi", "en"):
        d = dashboard(cat, lang)
        text = " ".join(
            str(value)
            for frame in vars(d).values()
            if hasattr(frame, "to_csv")
            for value in frame.astype(str).to_numpy().ravel()
        )
        for secret in secrets(cat):
            assert secret not in text


def test_public_project_downloads_cannot_name_a_hidden_project(cat):
    for code in HIDDEN:
        assert cat.project(code) is None  # the project page and its download find nothing
        assert profile_html(cat, code, "en") is None
    for suffix in (".csv", ".xlsx"):  # a shortlist URL may name hidden codes: none is exported
        data = export_bytes(cat, suffix, "en", code=[*HIDDEN, "DEMO-001"])
        if suffix == ".xlsx":
            sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
            text = " ".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v)
        else:
            text = data.decode("utf-8-sig")
        assert "DEMO-001" in text
        found = [secret for secret in secrets(cat)[:6] if secret in text]
        assert not found
