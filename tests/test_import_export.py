import json
import unicodedata

import pandas as pd
import pytest
from conftest import HEADER, good_row, write_csv, write_xlsx

from catalogue import Catalogue
from catalogue.projects.model import COLUMN_NAMES

VI_HEADER = [
    "Mã dự án",
    "Tên dự án",
    "Tên tiếng Anh",
    "Nhóm",
    "Quận/huyện",
    "Tổng vốn đầu tư (tỷ đồng)",
    "Hình thức đầu tư",
    "Trạng thái",
]


def errors_by_cell(report):
    return {(e.row, e.column): e for e in report.errors}


# --- good files ------------------------------------------------------------------------


def test_csv_with_canonical_headers_imports(cat, tmp_path):
    report = cat.import_file(write_csv(tmp_path / "p.csv", [good_row("HN-001"), good_row("HN-002")]))
    assert report.ok and report.committed
    assert (report.inserted, report.updated, report.unchanged) == (2, 0, 0)
    project = cat.project("HN-001")
    assert project["district"] == "dong_anh" and project["investment_vnd_bn"] == 120
    assert project["status"] == "calling" and project["demo"] is False


@pytest.mark.parametrize("bom", [True, False])
def test_vietnamese_headers_nfd_text_and_vietnamese_numbers(cat, tmp_path, bom):
    nfd = unicodedata.normalize("NFD", "Trạm xử lý nước thải làng nghề Bát Tràng")
    rows = [
        ["A1", nfd, "", "Dịch vụ môi trường", "huyện gia lâm", "1.200", "Xã hội hóa", "Đang kêu gọi đầu tư"],
        ["A2", "Nhà máy A", "", "dich vu moi truong", "QUẬN ĐỐNG ĐA", "78,26", "PPP", "đang đàm phán"],
        ["A3", "Nhà máy B", "", "Environmental services", "Thị xã Sơn Tây", "khoảng 500 tỷ đồng", "BOT", ""],
        ["A4", "Nhà máy C", "", "renewables", "Ứng Hoà", "7.000 tỷ", "liên doanh", "Investor selected"],
    ]
    header = [h.upper() if i % 2 else h for i, h in enumerate(VI_HEADER)]  # any case
    report = cat.import_file(write_csv(tmp_path / "vi.csv", rows, header, bom=bom))
    assert report.ok, report.errors
    frame = cat.projects(include_hidden=True).set_index("code")
    assert frame.loc["A1", "name_vi"] == unicodedata.normalize("NFC", nfd)
    assert unicodedata.is_normalized("NFC", frame.loc["A1", "name_vi"])
    assert frame["investment_vnd_bn"].to_dict() == {"A1": 1200, "A2": 78.26, "A3": 500, "A4": 7000}
    assert frame["district"].to_dict() == {"A1": "gia_lam", "A2": "dong_da", "A3": "son_tay", "A4": "ung_hoa"}
    assert frame["investment_form"].to_dict() == {
        "A1": "socialization",
        "A2": "ppp",
        "A3": "ppp",
        "A4": "joint_venture",
    }
    assert frame["status"].to_dict() == {"A1": "calling", "A2": "negotiating", "A3": "calling", "A4": "awarded"}


def test_semicolon_separated_csv_is_read(cat, tmp_path):
    path = write_csv(tmp_path / "semi.csv", [good_row("S-1", investment_vnd_bn="1.200,5")], delimiter=";")
    report = cat.import_file(path)
    assert report.ok, report.errors
    assert cat.project("S-1")["investment_vnd_bn"] == 1200.5


def test_xlsx_with_title_rows_vietnamese_headers_and_numeric_cells(cat, tmp_path):
    rows = [
        ["X-1", "Nhà máy xử lý khí thải", None, "emission_treatment", "Mê Linh", 640, "FDI", None],
        [
            "X-2",
            "Dây chuyền phân vi sinh",
            "Compost line",
            "waste_equipment",
            "Chương Mỹ",
            "450,5",
            "tư nhân",
            "calling",
        ],
    ]
    title = [["DANH MỤC DỰ ÁN KÊU GỌI ĐẦU TƯ"], ["(Kèm theo Kế hoạch số 275/KH-UBND)"], []]
    report = cat.import_file(write_xlsx(tmp_path / "list.xlsx", rows, VI_HEADER, title_rows=title))
    assert report.ok, report.errors
    assert cat.project("X-1")["investment_vnd_bn"] == 640
    assert cat.project("X-2")["investment_vnd_bn"] == 450.5
    assert cat.project("X-2")["investment_form"] == "private_domestic"


def test_unknown_columns_are_kept_in_the_internal_note_not_dropped(cat, tmp_path):
    header = ["STT", *HEADER, "Mã bản đồ"]
    report = cat.import_file(write_csv(tmp_path / "x.csv", [[1, *good_row(), "xyz"]], header))
    assert report.ok and report.ignored_columns == []
    with cat.cursor() as cur:
        assert cur.execute("select source_note from projects").fetchall() == [("Mã bản đồ: xyz",)]
    assert cat.export(tmp_path / "public.csv", include_hidden=True) == 1 and cat.count() == 1
    assert "Mã bản đồ: xyz" in (tmp_path / "public.csv").read_text(encoding="utf-8")  # staff's export: kept
    cat.export(tmp_path / "public.csv")
    public = (tmp_path / "public.csv").read_text(encoding="utf-8")
    assert "HN-001" in public and "xyz" not in public and "source_note" not in public  # the public's: left out


# --- bad files -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value", "fragment"),
    [
        ("category", "tên lửa", "Unknown category"),
        ("district", "Quận 1", "not one of Hanoi's 30"),
        ("investment_form", "cho không", "Unknown investment form"),
        ("status", "sắp xong", "Unknown stage"),
        ("investment_vnd_bn", "-5", "negative"),
        ("investment_vnd_bn", "300 hoặc 500", "more than one number"),  # a range goes to the note
        ("investment_vnd_bn", "nhiều tiền", "No number"),
        ("investment_vnd_bn", "7000000000000", "Implausibly large"),
        ("name_vi", "x" * 301, "Too long"),
        ("code", "HN 001", "code uses only"),
    ],
)
def test_each_bad_value_is_reported_and_nothing_changes(cat, tmp_path, column, value, fragment):
    bad = good_row(value) if column == "code" else good_row("BAD-1", **{column: value})
    rows = [good_row("OK-1"), bad, good_row("OK-2")]
    report = cat.import_file(write_csv(tmp_path / "bad.csv", rows))
    assert not report.ok and not report.committed
    assert len(report.errors) == 1
    error = report.errors[0]
    assert error.row == 3  # the header is row 1, so the second data row is row 3 in Excel
    assert error.column == column and error.value == value
    assert fragment in error.text("en") and error.text("vi")
    assert cat.count(include_hidden=True) == 0  # the good rows were not imported either


def test_duplicate_codes_missing_values_and_coordinates(cat, tmp_path):
    header = [*HEADER, "latitude", "longitude", "contact_email"]
    rows = [
        [*good_row("D-1"), "21.03", "105.85", "a@b.vn"],
        [*good_row("D-1"), "", "", ""],  # duplicate code
        [*good_row("D-2", name_vi=""), "10.77", "106.70", ""],  # no name; Ho Chi Minh City coordinates
        [*good_row("D-3"), "21.03", "", "not-an-email"],  # half a coordinate, bad email
    ]
    report = cat.import_file(write_csv(tmp_path / "bad.csv", rows, header))
    cells = errors_by_cell(report)
    assert "Duplicate project code" in cells[(3, "code")].text("en") and "dòng 2" in cells[(3, "code")].text("vi")
    assert "required" in cells[(4, "name_vi")].text("en")
    assert "outside Hanoi" in cells[(4, "latitude")].text("en")
    assert "outside Hanoi" in cells[(4, "longitude")].text("en")
    assert "both latitude and longitude" in cells[(5, "longitude")].text("en")
    assert "email" in cells[(5, "contact_email")].text("en")
    assert cat.count(include_hidden=True) == 0


def test_errors_name_the_column_as_the_user_wrote_it(cat, tmp_path):
    rows = [["V-1", "Tên", "", "không có nhóm này", "Đông Anh", "10", "PPP", ""]]
    report = cat.import_file(write_csv(tmp_path / "vi.csv", rows, VI_HEADER))
    assert [(e.row, e.column) for e in report.errors] == [(2, "Nhóm")]
    frame = report.error_frame("en")
    assert list(frame.columns) == ["Row", "Column", "Value", "Reason (Vietnamese)", "Reason (English)"]


def test_missing_required_column_and_unreadable_files(cat, tmp_path):
    report = cat.import_file(write_csv(tmp_path / "no_cat.csv", [["A", "B"]], ["code", "name_vi"]))
    assert [(e.row, e.column) for e in report.errors] == [(1, "Nhóm")]
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("code,name_vi,category\nA,Nhà máy,renewables\n".encode("cp1258", errors="replace"))
    report = cat.import_file(latin1)
    assert not report.ok and "UTF-8" in report.errors[0].text("en")
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a workbook")
    assert "XLSX" in cat.import_file(fake).errors[0].text("en")
    other = tmp_path / "list.numbers"
    other.write_text("%PDF")
    assert "not supported" in cat.import_file(other).errors[0].text("en")
    assert cat.count(include_hidden=True) == 0


def test_xlsx_errors_use_excel_row_numbers(cat, tmp_path):
    rows = [good_row("X-1"), good_row("X-2", district="Atlantis")]
    report = cat.import_file(write_xlsx(tmp_path / "t.xlsx", rows, title_rows=[["Title"], []]))
    assert [(e.row, e.column) for e in report.errors] == [(5, "district")]


# --- upsert and dry run ----------------------------------------------------------------


def test_reimport_upserts_by_code(cat, tmp_path):
    first = write_csv(tmp_path / "1.csv", [good_row("U-1"), good_row("U-2")])
    cat.import_file(first)
    again = cat.import_file(first)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 2)
    changed = write_csv(tmp_path / "2.csv", [good_row("U-1", investment_vnd_bn="150"), good_row("U-3")])
    report = cat.import_file(changed)
    assert (report.inserted, report.updated, report.unchanged) == (1, 1, 0)
    assert cat.project("U-1")["investment_vnd_bn"] == 150
    assert cat.project("U-1")["version"] == 2
    assert cat.count() == 3


def test_partial_file_keeps_absent_columns_and_blank_status(cat, tmp_path):
    cat.import_file(write_csv(tmp_path / "1.csv", [good_row("P-1", status="negotiating")]))
    header = ["code", "name_vi", "category", "status"]
    report = cat.import_file(write_csv(tmp_path / "2.csv", [["P-1", "Tên mới", "environmental_services", ""]], header))
    assert report.ok and report.updated == 1
    project = cat.project("P-1")
    assert project["name_vi"] == "Tên mới"
    assert project["status"] == "negotiating"  # a blank status keeps the stored one
    assert project["investment_vnd_bn"] == 120  # the column was not in the file


def test_dry_run_validates_and_counts_but_writes_nothing(cat, tmp_path):
    cat.import_file(write_csv(tmp_path / "1.csv", [good_row("R-1")]))
    path = write_csv(tmp_path / "2.csv", [good_row("R-1", investment_vnd_bn="99"), good_row("R-2")])
    report = cat.import_file(path, dry_run=True)
    assert report.ok and not report.committed
    assert (report.inserted, report.updated, report.unchanged) == (1, 1, 0)
    assert cat.count() == 1 and cat.project("R-1")["investment_vnd_bn"] == 120
    bad = cat.import_file(write_csv(tmp_path / "3.csv", [good_row("R-3", category="?")]), dry_run=True)
    assert not bad.ok


# --- export ----------------------------------------------------------------------------


def _template_frame(cat: Catalogue) -> pd.DataFrame:
    frame = cat.projects(include_hidden=True)[list(COLUMN_NAMES)]
    return frame.sort_values("code").reset_index(drop=True)


@pytest.mark.parametrize(
    ("suffix", "lang"),
    [(".csv", "canonical"), (".xlsx", "canonical"), (".json", "canonical"), (".xlsx", "vi"), (".csv", "en")],
)
def test_export_reimports_into_an_empty_database_unchanged(demo_cat, tmp_path, suffix, lang):
    path = tmp_path / f"export{suffix}"
    assert demo_cat.export(path, lang=lang, include_hidden=True) == demo_cat.count(include_hidden=True)
    with Catalogue.open(":memory:") as empty:
        report = empty.import_file(path)
        assert report.ok, report.errors[:3]
        assert report.inserted == demo_cat.count(include_hidden=True)
        pd.testing.assert_frame_equal(_template_frame(empty), _template_frame(demo_cat))
        assert empty.import_file(path).unchanged == report.inserted


def test_awkward_numbers_survive_the_round_trip(cat, tmp_path):
    header = ["code", "name_vi", "category", "investment_vnd_bn", "area_ha", "latitude", "longitude"]
    cat.import_file(
        write_csv(
            tmp_path / "n.csv", [["N-1", "A", "renewables", "1234,567", "0,125", "21.0285123", "105.854"]], header
        )
    )
    stored = cat.project("N-1")
    assert stored["investment_vnd_bn"] == pytest.approx(1234.567)
    assert stored["longitude"] == 105.854  # a dot in a coordinate is always a decimal point
    cat.export(tmp_path / "n2.csv")
    with Catalogue.open(":memory:") as other:
        assert other.import_file(tmp_path / "n2.csv").ok
        again = other.project("N-1")
        for key in ("investment_vnd_bn", "area_ha", "latitude", "longitude"):
            assert again[key] == stored[key]


def test_formulas_are_neutralised_in_csv_and_xlsx_and_restored_on_import(cat, tmp_path):
    import openpyxl

    header = ["code", "name_vi", "category", "contact_phone", "capacity"]
    dangerous = '=HYPERLINK("http://evil.example","bấm")'
    cat.import_file(
        write_csv(tmp_path / "f.csv", [["F-1", dangerous, "renewables", "+84 24 3825 1234", "@SUM(1)"]], header)
    )
    cat.export(tmp_path / "out.csv")
    text = (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "'+84 24" in text and "'@SUM" in text
    cat.export(tmp_path / "out.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").worksheets[0]
    values = [cell.value for cell in sheet[2]]
    assert "'" + dangerous in values
    assert all(not (isinstance(v, str) and v.startswith(("=", "+", "-", "@"))) for v in values)
    with Catalogue.open(":memory:") as other:
        assert other.import_file(tmp_path / "out.xlsx").ok
        assert other.project("F-1")["name_vi"] == dangerous
        assert other.project("F-1")["contact_phone"] == "+84 24 3825 1234"


def test_export_applies_filters_and_hides_drafts_by_default(demo_cat, tmp_path):
    public = demo_cat.export(tmp_path / "p.json")
    records = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    assert len(records) == public == demo_cat.count()
    assert {r["status"] for r in records} <= set(demo_cat.reference.public_statuses)
    assert demo_cat.export(tmp_path / "c.csv", category="renewables") == demo_cat.count(category="renewables")
    with pytest.raises(ValueError):
        demo_cat.export(tmp_path / "x.pdf")


def test_row_numbers_count_records_as_excel_shows_them(cat, tmp_path):
    path = tmp_path / "records.csv"
    path.write_text(
        'code,name_vi,category\nA,"tên\nhai dòng",renewables\n\n,,\nB,Tên,không rõ\nC,Tên,renewables,,\n',
        encoding="utf-8",
    )
    report = cat.import_file(path)
    assert [(e.row, e.column) for e in report.errors] == [(5, "category")]
    path.write_text("code,name_vi,category\nA,Tên,renewables,extra\nB,Tên\n", encoding="utf-8")
    report = cat.import_file(path)
    assert [(e.row, e.column) for e in report.errors] == [(3, "category")]
    assert report.ignored_columns == ["#4"]


def test_utf16_csv_from_excel_unicode_text(cat, tmp_path):
    path = tmp_path / "u16.csv"
    path.write_bytes("code\tname_vi\tcategory\nU-1\tTrạm xử lý\trenewables\n".encode("utf-16"))
    report = cat.import_file(path)
    assert report.ok, report.errors
    assert cat.project("U-1")["name_vi"] == "Trạm xử lý"


def test_a_statement_failing_inside_an_import_is_the_error_raised_and_is_not_retried(tmp_path, monkeypatch):
    """DuckDB running out of memory in an import (seen with a 20 MB file and a 64 MB budget) came out
    as "Current transaction is aborted": unregistering the rows after the failed statement failed
    too, and that error hid the first one, and made the writer try the whole import again."""
    import duckdb

    from catalogue.projects import upsert

    calls = []

    def failing(cur, *args, **kwargs):
        calls.append(1)
        cur.execute("select * from no_such_table")  # fails, and aborts the transaction

    monkeypatch.setattr(upsert, "_insert_new", failing)
    path = write_csv(tmp_path / "rows.csv", [good_row("HN-FAIL-1")])
    with Catalogue.open(tmp_path / "c.duckdb") as cat:
        with pytest.raises(duckdb.CatalogException):
            cat.import_file(path)
        assert calls == [1]
        assert cat.project("HN-FAIL-1", include_hidden=True) is None  # nothing half-written


def test_an_imported_projects_stage_date_is_the_day_in_hanoi(tmp_path, monkeypatch):
    """At 01:49 in Hanoi (still the day before in UTC) the stage date said the day before (a helper)."""
    import datetime as dt

    from catalogue.projects import upsert

    monkeypatch.setattr(upsert, "hanoi_today", lambda: dt.date(2026, 12, 1))
    monkeypatch.setattr(upsert, "project_stamp", lambda: dt.datetime(2026, 11, 30, 18, 49))  # UTC
    path = write_csv(tmp_path / "rows.csv", [good_row("HN-DAY-1")])
    with Catalogue.open(tmp_path / "c.duckdb") as cat:
        assert cat.import_file(path).ok
        assert str(cat.project("HN-DAY-1", include_hidden=True)["status_since"]) == "2026-12-01"
