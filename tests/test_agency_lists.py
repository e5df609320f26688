"""Agency lists as they are sent (issue 15): title rows, two-row headers, sections, totals, notes.

The files are made by tests/fixtures/make_agency_lists.py; each case there says what a reader must
find, and these tests check it through the same reading the import uses."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from catalogue import Catalogue
from catalogue.projects import layout
from catalogue.projects.importing import ALL_SHEETS, ColumnsAsked, header_name, parse_file, sheets_with_lists
from catalogue.projects.money import exchange_rate
from catalogue.text import format_number

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
from make_agency_lists import CASES, Case, build


@pytest.fixture(scope="module")
def lists(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("agency_lists")
    build(folder)
    return folder


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_list_is_read_as_a_person_reads_it(case: Case, lists: Path, reference: Catalogue) -> None:
    parsed = parse_file(lists / case.name, reference.reference)
    expect = case.expect
    assert [e.message for e in parsed.errors] == []
    assert parsed.rows_read == len(parsed.frame) == expect.projects
    understood = parsed.layout
    assert understood is not None
    assert dict(Counter(note.kind for note in understood.notes)) == expect.skipped
    assert len(understood.header_rows) == expect.header_rows
    assert parsed.frame["category"].value_counts().to_dict() == expect.categories
    if expect.districts:
        assert parsed.frame["district"].value_counts().to_dict() == expect.districts
    assert len(understood.mismatched_totals) == expect.totals_wrong
    assert len(understood.proposed_codes) == expect.proposed_codes
    assert understood.hidden_rows == expect.hidden_rows
    assert understood.hidden_columns == expect.hidden_columns
    assert len(understood.cleaned_names) == expect.cleaned_names
    if expect.investment_vnd_bn is not None:
        assert parsed.frame["investment_vnd_bn"].sum() == pytest.approx(expect.investment_vnd_bn)
    # no section, total or note row became a project, and every name is a project's
    names = [name.lower() for name in parsed.frame["name_vi"]]
    assert not any(name.startswith(("tổng", "cộng", "ghi chú", "nơi nhận", "kt.")) for name in names)
    assert all(not name.isupper() for name in parsed.frame["name_vi"])


def test_the_department_list_says_where_each_figure_came_from(lists: Path, reference: Catalogue) -> None:
    parsed = parse_file(lists / "01-so-cong-thuong-2024-nhom.xlsx", reference.reference)
    understood = parsed.layout
    assert understood.header_rows == [8, 9]  # "Tổng vốn đầu tư" over "Tỷ đồng | Triệu USD"
    assert {"investment_vnd_bn", "investment_usd_m", "capacity", "address"} <= set(parsed.columns)
    assert [(s.row, s.field, s.code) for s in understood.sections] == [
        (11, "category", "emission_treatment"),
        (16, "category", "treatment_materials"),
        (20, "category", "environmental_services"),
    ]
    # each subtotal covers its section's rows, the total all of them, in both currencies
    covered = {(c.row, c.field): (c.first_row, c.last_row) for c in understood.totals}
    assert covered[(15, "investment_vnd_bn")] == (12, 14)
    assert covered[(25, "investment_usd_m")] == (12, 23)
    assert all(check.agrees for check in understood.totals)
    assert parsed.frame["investment_form"].tolist()[5] == "ppp"  # "PPP (BOT)"


def test_a_total_that_does_not_add_up_is_reported_with_both_figures(lists: Path, reference: Catalogue) -> None:
    parsed = parse_file(lists / "03-bql-kcn-2025-tong-sai.xlsx", reference.reference)
    (wrong,) = parsed.layout.mismatched_totals
    assert (wrong.row, wrong.field, wrong.stated, wrong.summed) == (13, "investment_vnd_bn", 3330, 3230)
    assert (wrong.first_row, wrong.last_row) == (9, 12)
    # the codes the file gives are kept; the others are proposed
    assert parsed.frame["code"].tolist()[0] == "KCN-25-01" and parsed.frame["code"].tolist()[3] == "KCN-25-04"
    assert set(parsed.layout.proposed_codes) == {10, 11}
    warnings = [said.text for said in layout.summary(parsed.layout, reference.reference, 4) if said.level == "warning"]
    assert [w("vi") for w in warnings] == [
        "Dòng 13: Tổng vốn đầu tư (tỷ đồng) ghi 3.330, nhưng các dòng 9–12 cộng lại được 3.230. "
        "Hãy kiểm tra tệp (vẫn có thể nhập)."
    ]
    assert "3,330" in warnings[0]("en") and "3,230" in warnings[0]("en")


def test_the_same_list_imported_again_finds_the_same_projects(lists: Path, demo_cat: Catalogue) -> None:
    path = lists / "01-so-cong-thuong-2024-nhom.xlsx"
    first = demo_cat.import_file(path, actor="test", new_publication="draft")
    assert first.committed and first.inserted == 8
    again = demo_cat.import_file(path, dry_run=True, actor="test")
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 8)
    stored = demo_cat.project(next(iter(first.layout.proposed_codes.values())), include_hidden=True)
    assert stored is not None and stored["category"] == "emission_treatment"


def test_a_code_given_in_the_preview_replaces_the_proposed_one(lists: Path, demo_cat: Catalogue) -> None:
    path = lists / "03-bql-kcn-2025-tong-sai.xlsx"
    proposed = demo_cat.import_file(path, dry_run=True, keep_rows=True).layout.proposed_codes
    assert set(proposed) == {10, 11}
    report = demo_cat.import_file(path, dry_run=True, keep_rows=True, codes={10: " kcn-25-02 "})
    assert report.ok and report.layout.given_codes == {10: "KCN-25-02"} and set(report.layout.proposed_codes) == {11}
    assert report.rows["code"].tolist()[1:3] == ["KCN-25-02", proposed[11]]
    assert "Using the code you gave to 1 row that had none." in [s.text("en") for s in report.understood]
    # a code given to an existing project's row updates that project (matched by code, as a file's own)
    first = demo_cat.import_file(path, actor="test", new_publication="draft")
    assert first.committed and first.inserted == 4
    again = demo_cat.import_file(path, dry_run=True, codes={11: proposed[10]})  # another row's proposed code
    assert [(e.row, e.value) for e in again.errors] == [(11, proposed[10])]  # two rows, one code: said
    again = demo_cat.import_file(path, dry_run=True, codes={10: "A-1", 11: "a-1"})
    assert [e.row for e in again.errors] == [11]  # the same code twice in one list: said at the row
    again = demo_cat.import_file(path, dry_run=True, codes={10: "KCN 25 02"})
    assert [(e.row, e.value) for e in again.errors] == [(10, "KCN 25 02")]  # a code's form is checked as any


def test_rows_that_only_look_like_totals_or_sections_stay_projects(reference: Catalogue) -> None:
    ref = reference.reference
    rows = [
        (1, ["STT", "Mã dự án", "Tên dự án", "Nhóm", "Tổng vốn đầu tư (tỷ đồng)"]),
        (2, [1, "A-1", "Cống thoát nước thải khu dân cư", "Dịch vụ môi trường", 10]),
        (3, [2, None, "Tổng kho vật liệu xử lý môi trường", "Dịch vụ môi trường", 20]),
        (4, [3, None, "Cộng đồng tái chế xanh", "Dịch vụ môi trường", 5]),
        (5, [None, None, "Tổng cộng", None, 35]),
    ]
    found = layout.understand(rows, header_name, layout.SectionMatcher(ref, ref.category_wordings))
    assert [number for number, _cells in found.rows] == [2, 3, 4]
    assert [(n.row, n.kind) for n in found.layout.notes] == [(5, "total")]
    assert found.layout.totals[0].agrees


def test_footnote_marks_are_kept_out_of_names() -> None:
    assert layout.strip_footnote("Nhà máy A (1)") == "Nhà máy A"
    assert layout.strip_footnote("Nhà máy B*") == "Nhà máy B"
    assert layout.strip_footnote("Nhà máy C (2)(*)") == "Nhà máy C"
    assert layout.strip_footnote("Nhà máy điện mặt trời (giai đoạn 2)") == "Nhà máy điện mặt trời (giai đoạn 2)"
    assert layout.strip_footnote("Khu xử lý số 3") == "Khu xử lý số 3"


def test_proposed_codes_are_stable_and_valid() -> None:
    code = layout.proposed_code("Nhà máy xử lý nước thải Bát Tràng", "gia_lam")
    assert code == layout.proposed_code("  nhà máy xử lý nước thải bát tràng ", "gia_lam")
    assert code != layout.proposed_code("Nhà máy xử lý nước thải Bát Tràng", "dong_anh")
    assert code.startswith("DM-NMXLNTBT-") and len(code) <= 50


def test_the_cli_prints_how_a_list_was_read_and_the_codes_it_proposes(lists: Path, tmp_path: Path, capsys) -> None:
    from catalogue.cli import main

    db = tmp_path / "cli.duckdb"
    assert main(["init", "--db", str(db)]) == 0
    capsys.readouterr()
    assert (
        main(["import", str(lists / "03-bql-kcn-2025-tong-sai.xlsx"), "--db", str(db), "--dry-run", "--lang", "en"])
        == 0
    )
    out = capsys.readouterr().out
    assert "How the file was read:" in out
    assert "  ! Row 13: Total investment (VND bn) says 3,330, but rows 9–12 add up to 3,230." in out
    assert "Rows that are not projects (6):" in out and "    13  Total" in out
    with Catalogue.open(db) as cat:
        codes = parse_file(lists / "03-bql-kcn-2025-tong-sai.xlsx", cat.reference).layout.proposed_codes
    assert f"      10  {codes[10]}" in out and f"      11  {codes[11]}" in out
    assert "4 would be new" in out


def test_what_was_understood_travels_from_a_running_app_to_the_cli(lists: Path, demo_cat: Catalogue) -> None:
    from catalogue.projects.importing import ImportReport

    report = demo_cat.import_file(lists / "01-so-cong-thuong-2024-nhom.xlsx", dry_run=True, actor="test")
    again = ImportReport.from_dict(report.as_dict())  # as catalogue/admin.py sends it
    assert [(s.level, s.text("en")) for s in again.understood] == [(s.level, s.text("en")) for s in report.understood]
    assert [(r, k("vi"), x) for r, k, x in again.skipped] == [(r, k("vi"), x) for r, k, x in report.skipped]
    assert again.proposed == report.proposed and len(again.proposed) == 8
    assert any("→ category: Environmental services" in s.text("en") for s in again.understood)


@pytest.mark.parametrize(
    ("name", "head", "says"),
    [
        ("protected.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "password-protected"),
        ("scan.xlsx", b"%PDF-1.7\n" + b"\0" * 100, "PDF files cannot be read"),
        ("scan.pdf", b"%PDF-1.7\n" + b"\0" * 100, "PDF files cannot be read"),
        ("program.xlsx", b"MZ\x90\0" + b"\0" * 600, "Cannot open the XLSX file"),
        ("program.docx", b"MZ\x90\0" + b"\0" * 600, "Cannot open the Word file"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "save it as .docx"),
        ("renamed-old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "save it as .docx"),
    ],
)
def test_files_that_cannot_be_lists_are_said_plainly(tmp_path: Path, reference: Catalogue, name, head, says) -> None:
    path = tmp_path / name
    path.write_bytes(head)
    parsed = parse_file(path, reference.reference)
    assert parsed.frame.empty and len(parsed.errors) == 1
    assert says in parsed.errors[0].text("en") and parsed.errors[0].text("vi")


def test_a_word_document_without_a_table_is_said_plainly(tmp_path: Path, reference: Catalogue) -> None:
    from make_agency_lists import write_docx

    path = tmp_path / "letter.docx"
    write_docx(path, ["Kính gửi: Sở Công Thương", "Danh mục gửi kèm theo email."], [])
    parsed = parse_file(path, reference.reference)
    assert [e.text("en") for e in parsed.errors] == [
        "The Word document has no table: the list must be in a table. Nothing was imported."
    ]


def test_a_word_appendix_says_which_rows_each_table_holds(lists: Path, reference: Catalogue) -> None:
    parsed = parse_file(lists / "09-phu-luc-quyet-dinh.docx", reference.reference)
    said = [s.text("en") for s in layout.summary(parsed.layout, reference.reference, parsed.rows_read)]
    assert "rows are numbered through the tables (table: rows): 1: 1–7, 2: 8–11." in said[-1]
    assert [(n.row, n.kind) for n in parsed.layout.notes if n.kind == "header_again"] == [
        (8, "header_again"),
        (9, "header_again"),
    ]
    # a district merged down over two rows belongs to both; a header on two lines is one header
    assert parsed.frame["district"].tolist()[:2] == ["my_duc", "my_duc"]


def test_the_sheet_that_holds_the_list_is_read_and_another_can_be_chosen(lists: Path, reference: Catalogue) -> None:
    ref = reference.reference
    path = lists / "10-nhieu-trang-tinh.xlsx"
    parsed = parse_file(path, ref)  # "Hướng dẫn" comes first, but "Danh mục" holds the list
    assert parsed.layout.sheet == "Danh mục" and parsed.layout.sheets == ["Hướng dẫn", "Danh mục", "Tổng hợp"]
    said = [s.text("en") for s in layout.summary(parsed.layout, ref, parsed.rows_read)]
    assert "Read the sheet “Danh mục” (the workbook has 3 sheets; the others: Hướng dẫn, Tổng hợp)." in said[1]
    other = parse_file(path, ref, sheet="Tổng hợp")  # chosen by name: not a list, said in one message
    assert other.frame.empty and [e.text("en") for e in other.errors] == [
        "No row of column headings (one with “Tên dự án” / the project name and at least one other column) in the "
        "first 15 rows of the sheet “Tổng hợp”: is this the list? Other sheets: Hướng dẫn, Danh mục. Nothing was imported."
    ]
    assert other.layout.sheets == ["Hướng dẫn", "Danh mục", "Tổng hợp"]  # the page can still offer the others
    (missing,) = parse_file(path, ref, sheet="Sheet9").errors
    assert missing.text("en") == (
        "The workbook has no sheet “Sheet9”; its sheets: Hướng dẫn, Danh mục, Tổng hợp. Nothing was imported."
    )


def test_values_are_read_as_agencies_write_them(lists: Path, reference: Catalogue) -> None:
    frame = parse_file(lists / "11-gia-tri-nhu-co-quan-viet.csv", reference.reference).frame
    assert frame["investment_vnd_bn"].tolist() == [500.0, 1200.5, 80.0]
    assert frame["investment_approx"].tolist() == [True, None, True]  # "khoảng", "~": kept as approximate
    assert frame["status"].tolist() == ["calling", "calling", "awarded"]
    assert frame["investment_form"].tolist() == ["ppp", "socialization", "private_domestic"]


def test_sections_may_name_the_2025_communes_and_wards(lists: Path, reference: Catalogue) -> None:
    frame = parse_file(lists / "12-theo-xa-phuong-2025.xlsx", reference.reference).frame
    assert frame["ward"].tolist() == ["tay_tuu", "soc_son", "soc_son"]


def test_a_name_corrected_in_the_list_sent_again_updates_the_same_project(
    lists: Path, demo_cat: Catalogue, tmp_path
) -> None:
    from openpyxl import load_workbook

    first = demo_cat.import_file(lists / "02-ubnd-huyen-phu-luc-theo-huyen.xlsx", actor="test", new_publication="draft")
    assert first.inserted == 5
    book = load_workbook(lists / "02-ubnd-huyen-phu-luc-theo-huyen.xlsx")
    sheet = book.active
    row = next(r for r in range(1, 30) if sheet.cell(r, 2).value == "Nhà máy tái chế nhựa phế liệu")
    sheet.cell(row, 2).value = "Nhà máy tái chế nhựa phế liệu  (điều chỉnh tên)"  # too different: a new project
    other = next(r for r in range(1, 30) if sheet.cell(r, 2).value == "Khu xử lý chất thải xây dựng")
    sheet.cell(other, 2).value = "Khu xử lí chất thải xây dựng"  # a spelling corrected: the same project
    again = tmp_path / "sent-again.xlsx"
    book.save(again)
    report = demo_cat.import_file(again, dry_run=True, actor="test", keep_rows=True)
    paired = [s.text("en") for s in report.understood if "is paired with" in s.text("en")]
    old_code = first.layout.proposed_codes[other]
    assert (
        len(paired) == 1
        and f"Row {other}: “Khu xử lí chất thải xây dựng” is paired with the stored project {old_code}" in paired[0]
    )
    assert (report.inserted, report.updated, report.unchanged) == (1, 1, 3)
    assert report.outcomes[old_code] == "changed" and other not in dict(report.proposed)
    # the renamed one is too different to pair, but close enough to ask (it still comes in as new)
    near = [s.text("en") for s in report.understood if "will be a new project, but it is close to" in s.text("en")]
    plastic = first.layout.proposed_codes[row]
    assert len(near) == 1 and near[0].startswith(f"Row {row}: “Nhà máy tái chế nhựa phế liệu (điều chỉnh tên)”")
    assert f"If it is the same project, give this row the code {plastic} (in “Codes of the … projects”" in near[0]
    assert row in dict(report.proposed)


def test_an_amount_in_usd_in_the_vnd_column_is_converted_and_said(tmp_path: Path, reference: Catalogue) -> None:
    path = tmp_path / "usd.csv"
    path.write_text(
        "STT,Tên dự án,Nhóm,Tổng vốn đầu tư (tỷ đồng)\n"
        "1,Nhà máy A,Dịch vụ môi trường,50 triệu USD\n"
        "2,Nhà máy B,Dịch vụ môi trường,120\n"
        "3,Nhà máy C,Dịch vụ môi trường,600\n",
        encoding="utf-8",
    )
    parsed = parse_file(path, reference.reference)
    vnd = 50 * exchange_rate().vnd_per_usd / 1000  # tỷ đồng
    assert parsed.layout.converted == [(2, "50 triệu USD", 50.0, vnd)]
    assert parsed.frame["investment_vnd_bn"].tolist() == [vnd, 120.0, 600.0]
    assert parsed.frame["investment_usd_m"].tolist()[0] == 50.0
    (warning,) = [s.text for s in layout.summary(parsed.layout, reference.reference, 3) if s.level == "warning"]
    rate = format_number(exchange_rate().vnd_per_usd, "vi", 0)
    assert warning("vi").startswith(f"Dòng 2: “50 triệu USD” ghi bằng USD trong cột tỷ đồng: đã đổi theo tỷ giá {rate}")


UNKNOWN_HEADERS = (
    "STT;Tên dự án đầu tư;Lĩnh vực đầu tư;Địa điểm đầu tư;Vốn dự kiến (tỷ đồng);Người theo dõi\n"
    "1;Nhà máy xử lý bùn thải;Dịch vụ môi trường;Gia Lâm;120;Chị Hà\n"
    "2;Xưởng chế tạo máy ép rác;Thiết bị, phương tiện thu gom, vận chuyển, phân loại, xử lý chất thải rắn;Đông Anh;45;Anh Nam\n"
)


def test_unknown_headers_are_proposed_corrected_saved_and_used_for_the_next_file(
    tmp_path: Path, demo_cat: Catalogue
) -> None:
    path = tmp_path / "la.csv"
    path.write_text(UNKNOWN_HEADERS, encoding="utf-8")
    report = demo_cat.import_file(path, dry_run=True, keep_rows=True)
    assert report.ok, [e.message for e in report.errors]
    proposed = {c.text: (c.field, c.how) for c in report.layout.columns}
    assert proposed["Tên dự án đầu tư"] == ("name_vi", "fuzzy")
    assert proposed["Lĩnh vực đầu tư"] == ("category", "fuzzy")
    assert proposed["Vốn dự kiến (tỷ đồng)"] == ("investment_vnd_bn", "fuzzy")
    assert proposed["Địa điểm đầu tư"][0] == "address"
    assert proposed["Người theo dõi"] == (None, "none") and report.layout.to_note == ["Người theo dõi"]
    assert report.rows["source_note"].tolist() == ["Người theo dõi: Chị Hà", "Người theo dõi: Anh Nam"]
    said = [s.text("en") for s in report.understood]
    assert any(
        line.startswith("Column “Vốn dự kiến (tỷ đồng)” → Total investment (VND bn) (proposed:") for line in said
    )

    # the user says the place is the district, the amount has no field, and who follows it is left out
    chosen = {"dia diem dau tu": "district", "von du kien ty dong": "", "nguoi theo doi": layout.DROPPED}
    corrected = demo_cat.import_file(path, dry_run=True, keep_rows=True, columns=chosen)
    assert corrected.ok and corrected.rows["district"].tolist() == ["gia_lam", "dong_anh"]
    assert "investment_vnd_bn" not in corrected.rows  # no field: kept in the note
    assert corrected.rows["source_note"].tolist()[0] == "Vốn dự kiến (tỷ đồng): 120"
    assert "Columns left out as chosen (1): “Người theo dõi” — not imported." in [
        s.text("en") for s in corrected.understood
    ]
    demo_cat.save_column_mapping("Phòng Kinh tế huyện", corrected.layout.columns, saved_by="lan")

    # the next file of the same shape is read the same way, unasked; a file of another shape is not
    again = demo_cat.import_file(path, dry_run=True, keep_rows=True)
    assert again.rows["district"].tolist() == ["gia_lam", "dong_anh"] and "investment_vnd_bn" not in again.rows
    assert again.rows["source_note"].tolist()[0] == "Vốn dự kiến (tỷ đồng): 120"  # left out again, unasked
    assert "Using the saved column mapping “Phòng Kinh tế huyện” (the same column headings)." in [
        s.text("en") for s in again.understood
    ]
    other = tmp_path / "other.csv"
    other.write_text(UNKNOWN_HEADERS.replace("Người theo dõi", "Cán bộ theo dõi"), encoding="utf-8")
    assert "address" in demo_cat.import_file(other, dry_run=True, keep_rows=True).rows
    # asked for by name (the CLI's --profile), it applies to that file too; an unknown name is said
    named = demo_cat.import_file(other, dry_run=True, keep_rows=True, mapping="phòng kinh tế huyện")
    assert named.rows["district"].tolist() == ["gia_lam", "dong_anh"]
    (unknown,) = demo_cat.import_file(other, dry_run=True, mapping="Sở X").errors
    assert unknown.text("en").startswith("No saved column mapping is named “Sở X”; saved: Phòng Kinh tế huyện.")


def test_lists_the_reviewer_sent_read_right(tmp_path: Path, reference: Catalogue) -> None:
    """Found by the fresh-eyes review: a semicolon CSV whose title rows hold no delimiter; sections
    numbered 1, 2 with projects 1.1, 1.2; a total in "500 triệu"; a total 0,5 tỷ off."""
    csv_path = tmp_path / "kcn.csv"
    csv_path.write_text(
        "BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP VÀ CHẾ XUẤT HÀ NỘI\n"
        "DANH MỤC DỰ ÁN (MINH HỌA)\n"
        "STT;Tên dự án;Nhóm;Quận/huyện;Tổng vốn đầu tư (tỷ đồng)\n"
        "1;Nhà máy pin mặt trời;Năng lượng tái tạo;Đông Anh;2.500\n"
        "2;Nhà máy chế phẩm vi sinh;Vật liệu, chế phẩm xử lý ô nhiễm môi trường;Phú Xuyên;500 triệu\n"
        ";Tổng cộng;;;2.500\n",
        encoding="utf-8-sig",
    )
    parsed = parse_file(csv_path, reference.reference)
    assert [e.message for e in parsed.errors] == [] and parsed.rows_read == 2
    (total,) = parsed.layout.totals
    assert (total.stated, total.summed, total.agrees) == (2500.0, 2500.5, False)  # 500 million đồng is not rounding

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in (
        ["STT", "Tên dự án", "Nhóm", "Vốn đầu tư (tỷ đồng)"],
        [1, "XÃ BÁT TRÀNG"],
        ["1.1", "Trạm xử lý nước thải làng gốm", "Dịch vụ môi trường", 90],
        ["1.2", "Lò nung gốm dùng khí sạch", "Nước cấp, năng lượng tái tạo, năng lượng sạch, tiết kiệm năng lượng", 40],
        [2, "PHƯỜNG HOÀNG MAI"],
        ["2.1", "Điểm thu gom rác phân loại", "Dịch vụ môi trường", 12],
    ):
        sheet.append(row)
    book.save(tmp_path / "wards.xlsx")
    parsed = parse_file(tmp_path / "wards.xlsx", reference.reference)
    assert [e.message for e in parsed.errors] == []
    assert parsed.frame["ward"].tolist() == ["bat_trang", "bat_trang", "hoang_mai"]


def test_columns_with_no_field_and_ranges_are_kept_in_the_internal_note(tmp_path: Path, reference: Catalogue) -> None:
    path = tmp_path / "notes.csv"
    path.write_text(
        "STT,Tên dự án,Nhóm,Tổng vốn đầu tư (tỷ đồng),Diện tích (ha),Đơn vị tư vấn,Ghi chú\n"
        "1,Nhà máy A,Dịch vụ môi trường,500 - 700,2,Công ty tư vấn A,Ưu tiên\n"
        "2,Nhà máy B,Dịch vụ môi trường,khoảng 1.200–1.500 tỷ đồng,từ 3 đến 5 ha,,\n"
        "3,Nhà máy C,Dịch vụ môi trường,120,4,Công ty tư vấn B,\n"
        "4,Nhà máy D,Dịch vụ môi trường,300 hoặc 400,,,\n",  # two numbers, not a range: refused, not guessed
        encoding="utf-8",
    )
    parsed = parse_file(path, reference.reference)
    assert [(e.row, e.value) for e in parsed.errors] == [(5, "300 hoặc 400")]
    assert parsed.layout.to_note == ["Đơn vị tư vấn"] and "Đơn vị tư vấn" not in parsed.ignored_columns
    assert parsed.layout.ranges == [
        (2, "Tổng vốn đầu tư (tỷ đồng)", "500 - 700"),
        (3, "Tổng vốn đầu tư (tỷ đồng)", "khoảng 1.200–1.500 tỷ đồng"),
        (3, "Diện tích (ha)", "từ 3 đến 5 ha"),
    ]
    path.write_text(path.read_text(encoding="utf-8").replace("300 hoặc 400", "400"), encoding="utf-8")
    parsed = parse_file(path, reference.reference)
    frame = parsed.frame
    assert frame["investment_vnd_bn"].isna().tolist() == [True, True, False, False]  # no end of a range guessed
    assert frame["area_ha"].isna().tolist() == [False, True, False, True]
    notes = frame["source_note"].tolist()
    assert notes[0] == "Ghi chú: Ưu tiên\nTổng vốn đầu tư (tỷ đồng): 500 - 700\nĐơn vị tư vấn: Công ty tư vấn A"
    assert notes[1] == "Tổng vốn đầu tư (tỷ đồng): khoảng 1.200–1.500 tỷ đồng\nDiện tích (ha): từ 3 đến 5 ha"
    assert notes[2] == "Đơn vị tư vấn: Công ty tư vấn B" and frame["source_note"].isna().tolist()[3]
    said = [s.text("en") for s in layout.summary(parsed.layout, reference.reference, 4)]
    assert any(s.startswith("Columns with no matching field (1): “Đơn vị tư vấn”") for s in said)
    assert "Row 2: Tổng vốn đầu tư (tỷ đồng) is given as a range (“500 - 700”): kept as written" in "\n".join(said)


def test_a_column_left_out_by_the_user_is_not_kept(tmp_path: Path, reference: Catalogue) -> None:
    path = tmp_path / "left-out.csv"
    path.write_text("STT,Tên dự án,Nhóm,Ký hiệu bản đồ\n1,Nhà máy A,Dịch vụ môi trường,QH-12\n", encoding="utf-8")
    kept = parse_file(path, reference.reference)
    assert kept.frame["source_note"].tolist() == ["Ký hiệu bản đồ: QH-12"]
    asked = ColumnsAsked(chosen={"ky hieu ban do": layout.DROPPED})
    left = parse_file(path, reference.reference, columns=asked)
    assert "source_note" not in left.frame and left.layout.to_note == []
    (choice,) = [c for c in left.layout.columns if c.text == "Ký hiệu bản đồ"]
    assert choice.dropped and choice.value == layout.DROPPED
    stt = next(c for c in left.layout.columns if c.text == "STT")
    assert stt.dropped  # a row number is left out unasked, never noted


def test_all_sheets_are_read_each_with_its_name_as_a_section(tmp_path: Path, demo_cat: Catalogue) -> None:
    from make_agency_lists import write_as_xls, write_sheets_by_district

    path = tmp_path / "theo-huyen.xlsx"
    write_sheets_by_district(path)
    assert sheets_with_lists(path) == ["Sóc Sơn", "Đông Anh"]  # the summary sheet holds no list
    one = demo_cat.import_file(path, dry_run=True, keep_rows=True)  # one sheet unless asked: the first list
    assert one.rows_read == 3 and set(one.rows["district"]) == {"soc_son"}  # its name is a district
    report = demo_cat.import_file(path, dry_run=True, keep_rows=True, sheet=ALL_SHEETS)
    assert report.ok and report.rows_read == 5 and report.inserted == 5
    by_sheet = report.rows.groupby("sheet")["district"].agg(set).to_dict()
    assert by_sheet == {"Sóc Sơn": {"soc_son"}, "Đông Anh": {"dong_anh"}}
    said = [s.text("en") for s in report.understood]
    assert "Sóc Sơn · Sheet “Sóc Sơn” → former district (until June 2025): Soc Son, for its rows" in " ".join(said)
    assert any(line.startswith("Đông Anh · Column headings on row 8; 2 project rows") for line in said)
    assert {text for _row, _kind, text in report.skipped} >= {"[Sóc Sơn] Tổng cộng 975", "[Đông Anh] Tổng cộng 195"}
    done = demo_cat.import_file(path, sheet=ALL_SHEETS, actor="test", new_publication="draft")
    assert done.committed and done.inserted == 5
    stored = demo_cat.project("DA-01", include_hidden=True)
    assert stored is not None and stored["district"] == "dong_anh"
    again = demo_cat.import_file(path, dry_run=True, sheet=ALL_SHEETS)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 5)  # the proposed codes found again
    alone = demo_cat.import_file(path, dry_run=True, sheet="Đông Anh")  # one sheet later: the same projects
    assert (alone.inserted, alone.updated, alone.unchanged) == (0, 0, 2)
    from openpyxl import load_workbook

    book = load_workbook(path)  # a name corrected since: found again, said with its sheet
    book["Sóc Sơn"]["C10"] = "Xưởng tái chế dầu nhớt thải"
    book.save(path)
    corrected = demo_cat.import_file(path, dry_run=True, sheet=ALL_SHEETS)
    said = [s.text("en") for s in corrected.understood]
    assert any(line.startswith("Sóc Sơn · Row 10: “Xưởng tái chế dầu nhớt thải”") for line in said), said

    # a code on two sheets is an error at the second, named by its sheet and row; nothing is written
    write_sheets_by_district(path, same_code=True)
    refused = demo_cat.import_file(path, sheet=ALL_SHEETS, actor="test")
    assert not refused.committed
    assert [(e.sheet, e.row, e.value) for e in refused.errors] == [("Đông Anh", 9, "SS-01")]
    assert refused.errors[0].text("en") == "This code is already on sheet “Sóc Sơn”, row 9: one code per project."
    assert refused.error_frame("vi").columns[0] == "Trang tính"

    # the same workbook as .xls
    xls = tmp_path / "theo-huyen.xls"
    write_as_xls(write_sheets_by_district)(xls)
    assert sheets_with_lists(xls) == ["Sóc Sơn", "Đông Anh"]
    assert demo_cat.import_file(xls, dry_run=True, sheet=ALL_SHEETS).rows_read == 5


def test_a_list_imported_again_keeps_what_staff_wrote_in_the_notes(tmp_path: Path, demo_cat: Catalogue) -> None:
    path = tmp_path / "notes.csv"
    path.write_text(
        "Mã dự án,Tên dự án,Nhóm,Người theo dõi,Đơn vị tư vấn\n"
        "N-01,Nhà máy A,Dịch vụ môi trường,Chị Hà,Công ty tư vấn A\n",
        encoding="utf-8",
    )
    assert demo_cat.import_file(path, actor="test").committed
    with demo_cat.cursor() as cur:  # what a staff member adds on the edit page
        cur.execute(
            "update projects set source_note = source_note || '\nĐã gặp nhà đầu tư ngày 3/11' where code = 'N-01'"
        )
    path.write_text(path.read_text(encoding="utf-8").replace("Chị Hà", "Anh Nam"), encoding="utf-8")
    report = demo_cat.import_file(path, actor="test", keep_rows=True)
    assert report.committed and report.outcomes == {"N-01": "changed"}
    stored = demo_cat.project("N-01", include_hidden=True)["source_note"]
    # the follower's name replaced in place, not added; staff's line kept where it was
    assert stored == "Người theo dõi: Anh Nam\nĐơn vị tư vấn: Công ty tư vấn A\nĐã gặp nhà đầu tư ngày 3/11"
    again = demo_cat.import_file(path, dry_run=True)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 1)  # the same list: nothing changes
    path.write_text("Mã dự án,Tên dự án,Nhóm\nN-01,Nhà máy A,Dịch vụ môi trường\n", encoding="utf-8")
    assert demo_cat.import_file(path, dry_run=True).unchanged == 1  # a list without those columns: notes kept

    # what the list no longer says goes: a cell emptied, a range since corrected; staff's line stays
    path.write_text(
        "Mã dự án,Tên dự án,Nhóm,Người theo dõi,Đơn vị tư vấn,Tổng vốn đầu tư (tỷ đồng)\n"
        "N-01,Nhà máy A,Dịch vụ môi trường,,Công ty tư vấn A,25 - 35\n",
        encoding="utf-8",
    )
    assert demo_cat.import_file(path, actor="test").committed
    stored = demo_cat.project("N-01", include_hidden=True)
    assert (
        stored["source_note"]
        == "Đơn vị tư vấn: Công ty tư vấn A\nĐã gặp nhà đầu tư ngày 3/11\nTổng vốn đầu tư (tỷ đồng): 25 - 35"
    )
    path.write_text(path.read_text(encoding="utf-8").replace("25 - 35", "32"), encoding="utf-8")
    assert demo_cat.import_file(path, actor="test").committed
    stored = demo_cat.project("N-01", include_hidden=True)
    assert stored["source_note"] == "Đơn vị tư vấn: Công ty tư vấn A\nĐã gặp nhà đầu tư ngày 3/11"
    assert stored["investment_vnd_bn"] == 32


def test_notes_travel_through_an_export_and_back_unchanged(tmp_path: Path, demo_cat: Catalogue) -> None:
    path = tmp_path / "notes.csv"
    path.write_text(
        "Mã dự án,Tên dự án,Nhóm,Người theo dõi\nN-02,Nhà máy B,Dịch vụ môi trường,Chị Hà\n", encoding="utf-8"
    )
    assert demo_cat.import_file(path, actor="test", new_publication="draft").committed
    for lang in ("canonical", "vi", "en"):
        exported = tmp_path / f"staff-{lang}.xlsx"
        demo_cat.export(exported, lang=lang, include_hidden=True)
        again = demo_cat.import_file(exported, dry_run=True, keep_rows=True)
        assert again.outcomes.get("N-02") == "unchanged", (lang, [e.message for e in again.errors][:3])


def test_a_code_given_to_the_wrong_row_is_said_before_anything_is_written(tmp_path: Path, demo_cat: Catalogue) -> None:
    path = tmp_path / "hai-du-an.csv"
    path.write_text(
        "STT,Tên dự án,Nhóm,Quận/huyện\n"
        "1,Xưởng kiểm thử Alpha,Dịch vụ môi trường,Gia Lâm\n"
        "2,Xưởng kiểm thử Beta,Dịch vụ môi trường,Gia Lâm\n",
        encoding="utf-8",
    )
    first = demo_cat.import_file(path, actor="test", new_publication="draft", codes={2: "A-1"})
    alpha = "A-1"
    with demo_cat.cursor() as cur:
        cur.execute("update projects set publication = 'published' where code = ?", [alpha])
    # Beta's row is given Alpha's code: the update of a public project is said, and so is Alpha's row,
    # which now matches a project another row takes
    report = demo_cat.import_file(path, dry_run=True, codes={3: alpha})
    assert report.ok and report.overwrites == [(3, alpha)]  # said again beside the Import button
    warnings = [s.text("en") for s in report.understood if s.level == "warning"]
    assert any(
        w.startswith(f"Row 3: the code {alpha} you gave is the published project “Xưởng kiểm thử Alpha”")
        and "shows on the public pages at once" in w
        for w in warnings
    ), warnings
    assert any(
        w.startswith(f"Row 2: “Xưởng kiểm thử Alpha” is 100% alike the stored project {alpha} (same place)")
        and "taken by row 3" in w
        for w in warnings
    ), warnings
    # the right code for a draft's row: said as information (the names are the same), not as a warning
    beta = first.layout.proposed_codes[3]
    right = demo_cat.import_file(path, dry_run=True, codes={3: beta})
    (said,) = [s for s in right.understood if s.text("en").startswith(f"Row 3: the code {beta} you gave")]
    assert said.level == "info" and "is 100% alike" in said.text("en")


def test_a_place_column_that_names_the_district_gives_the_district_too(lists: Path, reference: Catalogue) -> None:
    parsed = parse_file(lists / "01-so-cong-thuong-2024-nhom.xlsx", reference.reference)
    assert parsed.frame["address"].tolist()[0] == "Huyện Gia Lâm"  # kept as the location, as written
    assert parsed.frame["district"].tolist()[:3] == ["gia_lam", "dong_anh", "thach_that"]
    said = [s.text("en") for s in layout.summary(parsed.layout, reference.reference, 8)]
    assert "The district of 8 rows is read from the column “Địa điểm” (it is still imported as the location)." in said
    # a place column naming the district of some rows only adds no district column (it would empty the others')
    path = lists.parent / "mixed-place.csv"
    path.write_text(
        "STT,Tên dự án,Nhóm,Địa điểm\n1,Nhà máy A,Dịch vụ môi trường,Xã Thư Lâm, huyện Đông Anh\n"
        "2,Nhà máy B,Dịch vụ môi trường,Số 5 Lê Duẩn\n".replace(
            "Xã Thư Lâm, huyện Đông Anh", '"Xã Thư Lâm, huyện Đông Anh"'
        ),
        encoding="utf-8",
    )
    mixed = parse_file(path, reference.reference)
    assert mixed.layout.district_from_place is None and "district" not in mixed.frame
    path.write_text(path.read_text(encoding="utf-8").replace("Số 5 Lê Duẩn", "Quận Hà Đông"), encoding="utf-8")
    assert parse_file(path, reference.reference).frame["district"].tolist() == ["dong_anh", "ha_dong"]
