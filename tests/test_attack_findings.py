"""The smaller findings of the attack on the running app (issue 11, "Low"), one test each."""

from __future__ import annotations

import pytest

from catalogue import Catalogue
from catalogue.projects.exporting import safe_frame, table_csv, table_xlsx
from catalogue.search.normalize import NumberFormatError, clean_text, is_email, parse_number
from catalogue.staff.inquiries import check

FORM = {
    "name": "Nguyễn Văn An",
    "organisation": "Green Capital Partners",
    "country": "Singapore",
    "phone": "",
    "message": "We would like the feasibility study.",
    "consent": True,
}


@pytest.mark.parametrize(
    "address",
    [
        "<script>@x.com",
        '=HYPERLINK("http://evil.example/x","open")@x.com',
        "![x](http://e.example/p.png)@a.com",
        "a..b@x.com",
        "an@x",
        "an @x.com",
    ],
)
def test_an_inquiry_with_a_false_email_is_questioned(address):
    _values, errors = check(FORM | {"email": address})
    assert "email" in errors
    assert not is_email(address)


@pytest.mark.parametrize("address", ["an@greencapital.example", "a.b+c@sub.example.vn", "nguyen@bộ.việtnam"])
def test_real_addresses_pass(address):
    assert is_email(address) and "email" not in check(FORM | {"email": address})[1]


def test_bidi_controls_and_invisible_characters_are_stripped():
    assert clean_text("Nhà máy \u202egnp.exe\u202c") == "Nhà máy gnp.exe"
    assert clean_text("HN\u2066-01\u2069") == "HN-01"
    assert clean_text("a\u200db", multiline=True) == "ab"


def test_a_name_with_a_right_to_left_override_is_stored_without_it(tmp_path):
    path = tmp_path / "rlo.csv"
    path.write_text(
        "Mã dự án,Tên dự án,Nhóm,Quận/huyện\nHN-\u202e01,Nhà máy \u202egnp.exe\u202c,Dịch vụ môi trường,Gia Lâm\n",
        encoding="utf-8",
    )
    with Catalogue.open(":memory:") as cat:
        report = cat.import_file(path)
        assert report.ok, report.errors
        assert cat.project("HN-01")["name_vi"] == "Nhà máy gnp.exe"


@pytest.mark.parametrize(
    ("text", "says"),
    [("1e30", "too large"), ("2027-03-01", "is a date"), ("01/03/2027", "is a date")],
)
def test_capital_cells_are_refused_for_what_they_are(text, says):
    with pytest.raises(NumberFormatError) as refused:
        parse_number(text, "vnd_bn")
    assert says in refused.value.text("en") and "range" not in refused.value.text("en")


def test_scientific_notation_within_bounds_is_read():
    assert parse_number("1.5e3", "vnd_bn") == 1500.0


def test_every_table_download_is_formula_neutralised():
    import io
    import zipfile

    import openpyxl
    import pandas as pd

    attack = '=HYPERLINK("http://evil.example/x","open")'
    frame = pd.DataFrame({"Tên": [attack, "+1+1", "@SUM(A1)", "-2+3", "bình thường"], "n": [1, 2, 3, 4, 5]})
    assert list(safe_frame(frame)["Tên"]) == ["'" + attack, "'+1+1", "'@SUM(A1)", "'-2+3", "bình thường"]
    assert "'=HYPERLINK" in table_csv(frame).decode("utf-8-sig")
    data = table_xlsx(frame, "x")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    values = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert values == list(frame["Tên"])  # shown as typed, without an apostrophe ...
    assert all(sheet.cell(row=r, column=1).data_type == "s" for r in range(2, 7))  # ... and stored as text
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert "<f>" not in z.read("xl/worksheets/sheet1.xml").decode()  # no formula anywhere


def test_the_inbox_export_is_neutralised(tmp_path):
    from catalogue.staff.inquiries import inbox, inbox_table

    with Catalogue.open(":memory:") as cat:
        cat.load_demo()

        def plant(cur):
            cur.execute(
                "insert into inquiries (id, project_code, name, organisation, country, email, message, consent, "
                "created_at, status) values ('x', 'DEMO-001', ?, 'Org', 'VN', 'a@b.example', ?, true, now(), 'new')",
                ['=HYPERLINK("http://evil.example/x","open")', "=1+1"],
            )

        cat.write(plant, event="inquiries")
        data = table_csv(inbox_table(inbox(cat), "en", export=True)).decode("utf-8-sig")
    assert '\'=HYPERLINK("http://evil.example/x"' in data.replace('""', '"')
    assert "\n=" not in data and ",=" not in data


def test_a_page_error_shows_a_message_in_the_visitors_language_not_a_traceback(monkeypatch, tmp_path, caplog):
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    import catalogue.projects.views

    root = Path(__file__).resolve().parents[1]
    monkeypatch.setenv("CATALOGUE_DB", str(tmp_path / "c.duckdb"))

    def broken(*_args, **_kwargs):
        raise RuntimeError("/srv/secret/path exploded")

    monkeypatch.setattr(catalogue.projects.views, "project_sheet", broken)
    try:
        at = AppTest.from_file(str(root / "app_pages" / "main.py"), default_timeout=60)
        at.query_params["lang"] = "en"
        at.run()
        at.switch_page("project.py")
        at.query_params["code"] = "DEMO-001"
        at.query_params["lang"] = "en"
        at.run()
        assert not at.exception
        shown = " ".join(e.value for e in at.error)
        assert "Something went wrong while showing this page" in shown
        assert "/srv/secret" not in shown and "RuntimeError" not in shown
        assert "exploded" in caplog.text  # the detail is logged for the operator
    finally:
        __import__("streamlit").cache_resource.clear()
    config = (root / ".streamlit" / "config.toml").read_text()
    assert 'showErrorDetails = "none"' in config


def test_backups_are_private_and_leftovers_of_killed_runs_are_swept(tmp_path):
    import os
    import stat
    import time

    from catalogue.storage.backup import LEFTOVER_AGE

    db = tmp_path / "c.duckdb"
    old = time.time() - LEFTOVER_AGE - 60
    leftovers = [tmp_path / "c.duckdb.restoring-1a2b3c4d", tmp_path / "nightly.partial-5e6f7a8b"]
    leftovers[0].write_bytes(b"x" * 1000)
    leftovers[1].mkdir()
    (leftovers[1] / "projects.parquet").write_bytes(b"x")
    fresh = tmp_path / "other.partial-00000000"  # a backup running now is left alone
    fresh.mkdir()
    for path in leftovers:
        os.utime(path, (old, old))
    with Catalogue.open(db) as cat:
        assert not leftovers[0].exists()  # swept when the catalogue opens
        cat.load_demo()
        cat.backup(tmp_path / "nightly")
    assert not leftovers[1].exists() and fresh.exists()  # swept by the next backup beside it
    folder = tmp_path / "nightly"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    modes = {stat.S_IMODE(p.stat().st_mode) for p in folder.rglob("*") if p.is_file()}
    assert modes == {0o600}
    from catalogue.storage.backup import restore

    restore(folder, tmp_path / "restored.duckdb")
    assert stat.S_IMODE((tmp_path / "restored.duckdb").stat().st_mode) == 0o600


def test_uploads_are_read_from_a_private_file_that_is_removed(tmp_path):
    import stat

    from catalogue.projects.importing import private_copy

    with private_copy(b"a,b\n", ".csv") as path:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not path.exists()


def test_reimporting_an_unchanged_file_changes_nothing_even_with_draft_rows(tmp_path):
    path = tmp_path / "again.csv"
    path.write_text(
        "Mã dự án,Tên dự án,Nhóm,Quận/huyện,Trạng thái\n"
        "HN-R1,Nhà máy xử lý,Dịch vụ môi trường,Gia Lâm,Bản nháp\n"
        "HN-R2,Nhà máy B,Dịch vụ môi trường,Gia Lâm,\n",
        encoding="utf-8",
    )
    with Catalogue.open(":memory:") as cat:
        first = cat.import_file(path, actor="lan")
        assert (first.inserted, first.updated) == (2, 0)
        with cat.cursor() as cur:
            before = cur.execute("select count(*) from project_history").fetchall()
        for _ in range(2):
            again = cat.import_file(path, actor="lan")
            assert (again.inserted, again.updated, again.unchanged) == (0, 0, 2)
        with cat.cursor() as cur:
            assert cur.execute("select count(*) from project_history").fetchall() == before
            assert cur.execute("select publication from projects where code = 'HN-R1'").fetchall() == [("draft",)]


def test_draft_is_defined_once_and_a_file_may_name_it_by_its_aliases(tmp_path):
    # "draft" is a publication state (enumerations.csv), not a stage: the stage list has no draft,
    # and a file's status column that says "nháp" or "Draft" puts the project in review.
    path = tmp_path / "drafts.csv"
    path.write_text(
        "Mã dự án,Tên dự án,Nhóm,Quận/huyện,Trạng thái\n"
        "HN-D1,Nhà máy A,Dịch vụ môi trường,Gia Lâm,nháp\n"
        "HN-D2,Nhà máy B,Dịch vụ môi trường,Gia Lâm,Draft\n"
        "HN-D3,Nhà máy C,Dịch vụ môi trường,Gia Lâm,Đang đàm phán\n",
        encoding="utf-8",
    )
    with Catalogue.open(":memory:") as cat:
        assert "draft" not in cat.reference.statuses.codes
        assert cat.import_file(path, actor="lan").inserted == 3
        with cat.cursor() as cur:
            rows = cur.execute("select code, publication, status from projects order by code").fetchall()
        assert rows == [
            ("HN-D1", "draft", "calling"),
            ("HN-D2", "draft", "calling"),
            ("HN-D3", "published", "negotiating"),
        ]


def test_a_file_that_says_draft_sends_a_stored_project_to_review_and_keeps_its_stage(tmp_path):
    # Found by a fresh-eyes review: "Draft" reset a published project's stage to the first one.
    path = tmp_path / "redraft.csv"
    with Catalogue.open(":memory:") as cat:
        cat.load_demo()
        before = cat.project("DEMO-020")
        path.write_text(
            f"Mã dự án,Tên dự án,Nhóm,Trạng thái\nDEMO-020,{before['name_vi']},{before['category']},Draft\n",
            encoding="utf-8",
        )
        assert before["status"] == "implementing"
        report = cat.import_file(path, actor="lan")
        assert (report.inserted, report.updated) == (0, 1)
        after = cat.project("DEMO-020", include_hidden=True)
        assert after["publication"] == "draft"
        assert (after["status"], after["status_since"]) == (before["status"], before["status_since"])
