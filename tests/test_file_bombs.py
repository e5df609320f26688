"""Hostile files are refused quickly, in little memory, with a message in both languages.

Each file here is small on disk; the first release read each into gigabytes (see
benchmarks/file_bombs.py for the full-size bombs, with time and memory before and after).
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from catalogue import Catalogue
from catalogue.projects import importing
from catalogue.projects.filelimits import LIMITS, Limits
from catalogue.projects.importing import parse_file

HEADER = ["Mã dự án", "Tên dự án", "Nhóm", "Quận/huyện", "Tổng vốn đầu tư (tỷ đồng)"]
ROW = ["HN-01", "Nhà máy xử lý nước thải", "Dịch vụ môi trường", "Gia Lâm", 120]


@pytest.fixture(scope="module")
def ref():
    with Catalogue.open(":memory:") as cat:
        yield cat.reference


def _xlsx(path: Path, rows: list[list], patch=None) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    if patch is None:
        path.write_bytes(buffer.getvalue())
        return path
    # Rewrite the sheet's XML (openpyxl would not write a hostile file itself).
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = patch(data.decode()).encode()
            out.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return path


def test_a_sheet_that_declares_the_whole_grid_is_read_as_what_it_holds(tmp_path, ref):
    path = _xlsx(
        tmp_path / "grid.xlsx",
        [HEADER, ROW],
        lambda xml: re.sub(r'<dimension ref="[^"]+"\s*/>', '<dimension ref="A1:XFD1048576"/>', xml),
    )
    assert path.stat().st_size < 10_000
    started = time.monotonic()
    parsed = parse_file(path, ref)
    assert time.monotonic() - started < 5
    assert not parsed.errors and parsed.rows_read == 1
    assert list(parsed.frame["code"]) == ["HN-01"]


def test_a_cell_at_the_far_corner_is_refused_before_anything_is_built(tmp_path, ref):
    corner = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    path = _xlsx(tmp_path / "corner.xlsx", [HEADER, ROW], lambda xml: xml.replace("</sheetData>", corner))
    started = time.monotonic()
    parsed = parse_file(path, ref)
    assert time.monotonic() - started < 5
    assert len(parsed.errors) == 1 and parsed.frame.empty
    issue = parsed.errors[0]
    assert "1.048.576" in issue.text("vi") and "1,048,576" in issue.text("en")
    assert "100,000 rows" in issue.text("en")


def test_a_wide_row_is_refused(tmp_path, ref):
    far = '<c r="ZZ2" t="inlineStr"><is><t>x</t></is></c></row>'
    path = _xlsx(tmp_path / "wide.xlsx", [HEADER, ROW], lambda xml: xml.replace("</row>", far, 2))
    parsed = parse_file(path, ref)
    assert len(parsed.errors) == 1 and "at most 200 columns" in parsed.errors[0].text("en")


def test_a_zip_bomb_is_refused_from_the_zip_directory(tmp_path, ref):
    body = '<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 600_000  # ~29 MB of XML in ~30 KB
    path = _xlsx(tmp_path / "bomb.xlsx", [HEADER, ROW], lambda xml: xml.replace("</sheetData>", body + "</sheetData>"))
    assert path.stat().st_size < 400_000
    started = time.monotonic()
    parsed = parse_file(path, ref)
    assert time.monotonic() - started < 2  # refused before the sheet is parsed
    assert len(parsed.errors) == 1
    assert "packed abnormally" in parsed.errors[0].text("en")
    assert "nén bất thường" in parsed.errors[0].text("vi")


def test_a_formula_without_a_stored_result_is_said_not_read_as_empty(tmp_path, ref):
    path = _xlsx(tmp_path / "formula.xlsx", [HEADER, [*ROW[:4], "=100+20"]])
    parsed = parse_file(path, ref)
    assert len(parsed.errors) == 1
    assert parsed.errors[0].row == 2 and parsed.errors[0].value == "E2"
    assert parsed.errors[0].column == "E"  # the error table names the column (a helper saw it empty)
    assert "formula" in parsed.errors[0].text("en") and "công thức" in parsed.errors[0].text("vi")


def test_a_formula_with_its_stored_result_is_read_as_the_result(tmp_path, ref):
    path = _xlsx(
        tmp_path / "cached.xlsx",
        [HEADER, [*ROW[:4], 0]],
        lambda xml: xml.replace("<v>0</v>", "<f>100+20</f><v>120</v>"),
    )
    parsed = parse_file(path, ref)
    assert not parsed.errors and list(parsed.frame["investment_vnd_bn"]) == [120.0]


def test_errors_stop_being_listed_at_a_hundred_and_the_rest_are_counted(tmp_path, ref, monkeypatch):
    lines = [",".join(HEADER)] + [f"HN-{n},Nhà máy {n},Tên lạ,Quận lạ,abc" for n in range(5_000)]
    path = tmp_path / "many.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    with Catalogue.open(":memory:") as cat:
        report = cat.import_file(path)
        with monkeypatch.context() as m:  # the same file with no cap: every error listed
            m.setattr(importing, "LIMITS", Limits(max_errors=10**6))
            everything = cat.import_file(path).errors
    assert len(everything) > 10_000
    assert len(report.errors) == LIMITS.max_errors
    assert report.error_count == len(everything)
    assert report.more_errors == len(everything) - LIMITS.max_errors
    assert report.errors == everything[: LIMITS.max_errors]  # the earliest rows, in the file's order


def test_the_cli_lists_a_hundred_errors_and_counts_the_rest(tmp_path):
    lines = [",".join(HEADER)] + [f"HN-{n},Nhà máy {n},Tên lạ,Gia Lâm,1" for n in range(300)]
    path = tmp_path / "many.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    Catalogue.open(tmp_path / "c.duckdb").close()
    done = subprocess.run(
        [sys.executable, "-m", "catalogue", "--db", str(tmp_path / "c.duckdb"), "--lang", "en", "import", str(path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert "and 200 more errors (only the first 100 are listed)" in done.stderr
    assert "the file has 300 errors" in done.stderr


def test_a_csv_line_of_delimiters_is_refused(tmp_path, ref):
    path = tmp_path / "commas.csv"
    path.write_text(",".join(HEADER) + "\n" + "," * 50_000 + "\n", encoding="utf-8")
    parsed = parse_file(path, ref)
    assert len(parsed.errors) == 1 and "columns" in parsed.errors[0].text("en")


def test_a_line_of_delimiters_across_the_blocks_the_cost_is_counted_in_is_refused(tmp_path, ref):
    """The bytes are counted a megabyte at a time: a line that starts in one block and ends in the
    next is still one line."""
    path = tmp_path / "commas.csv"
    head = ",".join(HEADER) + "\n"
    filler = "x" * ((1 << 20) - len(head) - 20_000) + "\n"
    path.write_text(head + filler + "," * 50_000 + "\n", encoding="utf-8")
    parsed = parse_file(path, ref)
    assert len(parsed.errors) == 1 and "columns" in parsed.errors[0].text("en")


def test_a_long_csv_is_read_whole_in_pieces_with_short_rows_after_the_first_piece(tmp_path, ref):
    """Rows shorter than the header, a few thousand rows in (after the reader's first piece), are
    read with blanks, each on its own Excel row."""
    lines = [",".join(HEADER)] + [f"HN-{n},Nhà máy {n},Tên {n},Gia Lâm,{n}" for n in range(3_000)]
    lines[2_500] = "HN-2499,Nhà máy ngắn"
    path = tmp_path / "long.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    table = importing.read_table(path)
    assert table.numbers[0] == 2 and table.numbers[-1] == 3_001 and len(table.columns[0]) == 3_000
    assert [column[2_499] for column in table.columns] == ["HN-2499", "Nhà máy ngắn", "", "", ""]
    assert [column[2_998] for column in table.columns] == ["HN-2998", "Nhà máy 2998", "Tên 2998", "Gia Lâm", "2998"]


def test_a_json_of_empty_containers_is_refused_before_it_is_parsed(tmp_path, ref):
    path = tmp_path / "lists.json"
    path.write_text("[" + ",".join(["[]"] * 200_000) + "]", encoding="utf-8")
    parsed = parse_file(path, ref)
    assert len(parsed.errors) == 1 and "rows" in parsed.errors[0].text("en")


def test_a_json_nested_deeper_than_the_parser_goes_is_refused_with_the_reason(tmp_path, ref):
    """200 KB of "[" took the import page to "Something went wrong" (a helper's upload)."""
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000, encoding="utf-8")
    parsed = parse_file(path, ref)
    assert len(parsed.errors) == 1 and "nested too deeply" in parsed.errors[0].text("en")
    assert "lồng nhau quá sâu" in parsed.errors[0].text("vi")


def test_a_file_over_the_upload_limit_is_refused_unread(tmp_path, ref):
    path = tmp_path / "big.csv"
    with path.open("wb") as out:
        out.write((",".join(HEADER) + "\n").encode())
        out.truncate(LIMITS.max_bytes + 1)
    parsed = parse_file(path, ref)
    assert len(parsed.errors) == 1 and "too large" in parsed.errors[0].text("en")


def test_streamlit_refuses_uploads_over_the_same_limit():
    config = (Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml").read_text()
    assert re.search(r"maxUploadSize\s*=\s*(\d+)", config).group(1) == str(LIMITS.max_bytes // (1024 * 1024))


def test_refusing_the_grid_bomb_costs_little_memory(tmp_path):
    """In a fresh process: the declared grid plus a far corner cell, refused in < 300 MB."""
    corner = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    path = _xlsx(
        tmp_path / "corner.xlsx",
        [HEADER, ROW],
        lambda xml: re.sub(r'<dimension ref="[^"]+"\s*/>', '<dimension ref="A1:XFD1048576"/>', xml).replace(
            "</sheetData>", corner
        ),
    )
    # VmHWM (not ru_maxrss, which keeps the forked test process's size across exec).
    script = (
        "import re, sys, json\n"
        "from catalogue import Catalogue\n"
        "with Catalogue.open(':memory:') as cat:\n"
        "    report = cat.import_file(sys.argv[1])\n"
        "peak = int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1))\n"
        "print(json.dumps({'errors': len(report.errors), 'peak_mb': peak / 1024}))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=120)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["errors"] == 1
    assert result["peak_mb"] < 300, result


# --- .xls and .ods: read by python-calamine in a capped child process (catalogue/projects/workbooks.py) ---


def _ods(path: Path, rows_xml: str) -> Path:
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )

    def cell(value: object) -> str:
        if isinstance(value, (int, float)):
            return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
        return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'

    head = "".join(f"<table:table-row>{''.join(cell(v) for v in row)}</table:table-row>" for row in (HEADER, ROW))
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2"><office:body>'
        f'<office:spreadsheet><table:table table:name="Danh mục">{head}{rows_xml}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>",
        )
    return path


def test_an_ods_list_is_read(tmp_path, ref):
    parsed = parse_file(_ods(tmp_path / "list.ods", ""), ref)
    assert parsed.errors == [] and parsed.frame["code"].tolist() == ["HN-01"]
    assert parsed.frame["investment_vnd_bn"].tolist() == [120.0]


@pytest.mark.parametrize(
    ("name", "rows_xml"),
    [
        # one cell repeated over 16,384 columns and a million rows: 1.5 KB that declares 16 billion cells
        (
            "repeated.ods",
            '<table:table-row table:number-rows-repeated="1000000"><table:table-cell '
            'table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p>'
            "</table:table-cell></table:table-row>",
        ),
        # two cells far apart: the parser would build the rectangle between them (50 million cells)
        (
            "far-apart.ods",
            '<table:table-row table:number-rows-repeated="99990"><table:table-cell/></table:table-row>'
            '<table:table-row><table:table-cell table:number-columns-repeated="499"/>'
            '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>',
        ),
    ],
)
def test_an_ods_that_declares_millions_of_cells_is_refused_in_its_child_process(tmp_path, ref, name, rows_xml):
    path = _ods(tmp_path / name, rows_xml)
    assert path.stat().st_size < 2_000
    started = time.monotonic()
    parsed = parse_file(path, ref)
    assert time.monotonic() - started < 30
    assert len(parsed.errors) == 1 and parsed.frame.empty
    said = parsed.errors[0].text("en")
    assert "too much memory or time" in said or "more than 3,000,000 cells" in said, said
    assert parsed.errors[0].text("vi") != said


def test_a_renamed_program_as_xls_is_said_to_be_no_workbook(tmp_path, ref):
    path = tmp_path / "list.xls"
    path.write_bytes(b"MZ\x90\0" + b"\0" * 600)
    parsed = parse_file(path, ref)
    assert [e.text("en") for e in parsed.errors] == [
        "Cannot open the workbook (damaged, or not the .xls/.ods file its name says). Nothing was imported."
    ]
