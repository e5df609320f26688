"""Import throughput: generate an N-row template CSV, import it into a new database.

Prints rows/second for a dry run (read + check) and for the real import (read + check +
write), a re-import of the same file (all unchanged), and the process's peak memory.
Figures, not a test: the machine is noisy, so compare runs side by side.

    python benchmarks/import_bench.py [--rows 100000]
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from catalogue import Catalogue
from catalogue.projects.model import PROJECT_COLUMNS

SUBJECTS = [
    "Nhà máy xử lý nước thải",
    "Trạm trung chuyển rác",
    "Nhà máy chế tạo lò đốt",
    "Dây chuyền phân vi sinh",
    "Nhà máy điện mặt trời mái nhà",
    "Xưởng thiết bị lọc bụi",
    "Nhà máy chế phẩm vi sinh",
    "Hệ thống quan trắc tự động",
    "Nhà máy tái chế nhựa",
    "Trạm xử lý nước cấp",
]
PLACES = ["cụm công nghiệp", "làng nghề", "khu công nghiệp", "xã", "khu đô thị"]
DISTRICTS = [
    "Quận Đống Đa",
    "huyện Sóc Sơn",
    "Đông Anh",
    "GIA LÂM",
    "Thị xã Sơn Tây",
    "Ứng Hoà",
    "Mê Linh",
    "Hoài Đức",
    "Thạch Thất",
    "Chương Mỹ",
    "Thanh Trì",
    "Phú Xuyên",
]
CATEGORIES = [
    "waste_equipment",
    "Thiết bị xử lý nước thải, khí thải",
    "treatment_materials",
    "renewables",
    "Dịch vụ môi trường",
]
FORMS = ["PPP", "xã hội hóa", "FDI", "liên doanh", "private_domestic", "BOT"]
STATUSES = ["calling", "Đang kêu gọi đầu tư", "negotiating", "awarded", ""]


def amount(rng: random.Random) -> str:
    value = rng.choice([rng.randint(20, 999), rng.randint(1000, 9000)])
    style = rng.randrange(4)
    if style == 0:
        return f"{value:,}".replace(",", ".")
    if style == 1:
        return f"khoảng {value:,} tỷ đồng".replace(",", ".")
    if style == 2:
        return f"{value},{rng.randint(10, 99)}"
    return str(value)


def generate(path: Path, rows: int, seed: int = 275) -> None:
    rng = random.Random(seed)
    header = [c.header_vi for c in PROJECT_COLUMNS if c.name != "demo"]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for number in range(rows):
            subject, place, district = rng.choice(SUBJECTS), rng.choice(PLACES), rng.choice(DISTRICTS)
            writer.writerow(
                [
                    f"GEN-{number:06d}",
                    f"{subject} {place} số {number}",
                    f"Project {number}",
                    rng.choice(CATEGORIES),
                    f"{subject} phục vụ {place} tại {district}; công suất theo nhu cầu của địa phương.",
                    "Illustrative generated project for benchmarking.",
                    district,
                    "",
                    f"{place.title()} {district}",
                    f"{rng.randint(1, 40)},{rng.randint(0, 9)}",
                    f"{rng.randint(1, 50) * 100} m³/ngày đêm",
                    amount(rng),
                    "",
                    rng.choice(FORMS),
                    rng.choice(STATUSES),
                    "",  # investor
                    "Sở Công Thương",
                    "Bộ phận xúc tiến",
                    "xuctien@example.com",
                    "024 3825 1234",
                    "Ưu đãi theo Nghị định 31/2021/NĐ-CP",
                    "Kế hoạch 275/KH-UBND",
                    f"{rng.uniform(20.6, 21.3):.5f}",
                    f"{rng.uniform(105.4, 105.95):.5f}",
                    rng.randint(2024, 2030),
                ]
            )


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "projects.csv"
        started = time.perf_counter()
        generate(source, args.rows)
        print(
            f"generated {args.rows:,} rows ({source.stat().st_size / 1e6:.1f} MB) in "
            f"{time.perf_counter() - started:.1f} s"
        )
        with Catalogue.open(Path(tmp) / "bench.duckdb") as cat:
            baseline = peak_rss_mb()
            for label, dry_run in (
                ("dry run (read + check)", True),
                ("import (read + check + write)", False),
                ("re-import (all unchanged)", False),
            ):
                started = time.perf_counter()
                report = cat.import_file(source, dry_run=dry_run)
                elapsed = time.perf_counter() - started
                assert report.ok, report.errors[:3]
                print(
                    f"{label:32s} {elapsed:6.2f} s  {args.rows / elapsed:9,.0f} rows/s  "
                    f"(new {report.inserted:,}, updated {report.updated:,}, unchanged {report.unchanged:,})"
                )
            print(f"peak RSS {peak_rss_mb():.0f} MB (before imports {baseline:.0f} MB)")


if __name__ == "__main__":
    main()
