"""An agency's list of 5,000 projects, laid out as agencies lay them out, read and previewed (issue 15).

Writes an XLSX (and the same list as CSV) with the national heading and title rows, a header over two
rows ("Tổng vốn đầu tư" over "Tỷ đồng | Triệu USD"), a row of column numbers, Roman-numeral
sections by category, a "Cộng" after each section, a "Tổng cộng", notes and a signature; then times
what the import page does before anyone confirms: read and understand the file, check every row
against the catalogue (a dry run over the demo data) and build the preview table.

    python benchmarks/agency_list_bench.py [--rows 5000] [--repeat 3] [--formats xlsx,xls,ods]

Prints each step's time (median of the repeats) and the rows understood, per format (the same list
saved as .xls and .ods too: those are read in a capped child process). The goal (issue 15): ≤ 3 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from openpyxl import Workbook  # noqa: E402

from catalogue import Catalogue  # noqa: E402
from catalogue.projects.importing import parse_file  # noqa: E402

SECTIONS = [
    "THIẾT BỊ, PHƯƠNG TIỆN THU GOM, VẬN CHUYỂN, PHÂN LOẠI, XỬ LÝ CHẤT THẢI RẮN",
    "THIẾT BỊ XỬ LÝ NƯỚC THẢI, KHÍ THẢI",
    "VẬT LIỆU, CHẾ PHẨM XỬ LÝ Ô NHIỄM MÔI TRƯỜNG",
    "NƯỚC CẤP, NĂNG LƯỢNG TÁI TẠO, NĂNG LƯỢNG SẠCH, TIẾT KIỆM NĂNG LƯỢNG",
    "DỊCH VỤ MÔI TRƯỜNG",
]
ROMAN = ["I", "II", "III", "IV", "V"]
PLACES = ["Huyện Sóc Sơn", "Huyện Đông Anh", "Huyện Gia Lâm", "Quận Hà Đông", "Huyện Thạch Thất", "Huyện Mê Linh"]
FORMS = ["FDI", "PPP (BOT)", "Tư nhân", "Liên doanh", "Xã hội hóa"]


def write_list(path: Path, rows: int) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Danh mục")
    for text in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        None,
        "DANH MỤC DỰ ÁN KÊU GỌI ĐẦU TƯ (DỮ LIỆU MINH HỌA CHO ĐO HIỆU NĂNG)",
        None,
    ):
        sheet.append([text])
    sheet.append(["STT", "Tên dự án", "Địa điểm", "Quy mô, công suất", "Tổng vốn đầu tư", None, "Hình thức đầu tư"])
    sheet.append([None, None, None, None, "Tỷ đồng", "Triệu USD", None])
    sheet.append([f"({n})" for n in range(1, 8)])
    per_section = rows // len(SECTIONS)
    number = 0
    grand = [0.0, 0.0]
    for mark, heading in zip(ROMAN, SECTIONS, strict=True):
        sheet.append([mark, heading])
        sums = [0.0, 0.0]
        for k in range(per_section):
            number += 1
            vnd = 50 + (number * 37) % 900
            usd = round(vnd / 26, 2)
            sums = [sums[0] + vnd, sums[1] + usd]
            sheet.append(
                [
                    number,
                    f"Nhà máy số {number} thuộc nhóm {mark} (minh họa)",
                    PLACES[number % len(PLACES)],
                    f"{100 + k} tấn/ngày",
                    vnd,
                    usd,
                    FORMS[number % len(FORMS)],
                ]
            )
        sheet.append([None, "Cộng", None, None, sums[0], round(sums[1], 2)])
        grand = [grand[0] + sums[0], grand[1] + sums[1]]
    sheet.append([None, "Tổng cộng", None, None, grand[0], round(grand[1], 2)])
    sheet.append(["Nơi nhận:"])
    sheet.append([None, None, None, None, "KT. GIÁM ĐỐC"])
    book.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--formats", default="xlsx,xls,ods")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    with Catalogue.open(folder / "bench.duckdb") as cat:
        cat.load_demo()
        for suffix in args.formats.split(","):
            path = folder / f"danh-muc-{args.rows}.{suffix}"
            write_in(suffix, path, args.rows)
            print(
                f"{path.name}: {path.stat().st_size / 1e6:.1f} MB, {args.rows} projects in {len(SECTIONS)} sections",
                flush=True,
            )
            measure(cat, path, args.repeat)


def write_in(suffix: str, path: Path, rows: int) -> None:
    """The list as XLSX, or saved as .xls / .ods as the fixture script saves its lists."""
    if suffix == "xlsx":
        write_list(path, rows)
        return
    sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
    from make_agency_lists import write_as_ods, write_as_xls

    (write_as_xls if suffix == "xls" else write_as_ods)(lambda target: write_list(target, rows))(path)


def measure(cat: Catalogue, path: Path, repeat: int) -> None:
    timings: dict[str, list[float]] = {"read and understand (parse_file)": [], "the page's preview": []}
    for _ in range(repeat):
        started = time.perf_counter()
        parsed = parse_file(path, cat.reference)
        timings["read and understand (parse_file)"].append(time.perf_counter() - started)
        started = time.perf_counter()  # what the import page does: a dry run keeping the rows, then the table
        report = cat.import_file(path, dry_run=True, keep_rows=True, actor="bench", new_publication="draft")
        preview = report.preview_frame(cat.reference, "vi")
        timings["the page's preview"].append(time.perf_counter() - started)
    understood = parsed.layout
    print(
        f"projects {parsed.rows_read}, errors {len(parsed.errors)}, sections {len(understood.sections)}, "
        f"totals checked {len(understood.totals)} (disagreeing {len(understood.mismatched_totals)}), "
        f"rows skipped {len(understood.notes)}, codes proposed {len(understood.proposed_codes)}, preview rows {len(preview)}"
    )
    for step, values in timings.items():
        print(f"  {step}: median {statistics.median(values):.2f} s (runs: {', '.join(f'{v:.2f}' for v in values)})")
    print("  the page's preview = read, understand and check every row against the catalogue, then the preview table")


if __name__ == "__main__":
    main()
