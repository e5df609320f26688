"""Time and peak memory of importing hostile files, for one source tree or two side by side.

    python benchmarks/file_bombs.py                         # this tree
    git worktree add /tmp/before <commit>                   # then, before/after in one run:
    python benchmarks/file_bombs.py --tree /tmp/before --tree .

Each file is imported (dry run) by `Catalogue.import_file` in a fresh process with a memory cap
(``--cap-gb``, default 3) and a time limit (``--seconds``, default 120), so an old tree that
would take gigabytes is stopped, and reported as stopped. Peak memory is the process's VmHWM.
Files (all built here, in a temporary folder):

- ``grid``: a 5 KB XLSX whose sheet declares ``A1:XFD1048576`` and holds two rows;
- ``corner``: the same with one more cell at the grid's far corner;
- ``xml``: an XLSX of a few MB holding ~``--xml-mb`` MB of sheet XML (one cell per row);
- ``errors``: a CSV of 50,000 rows with three bad cells each (150,000 errors);
- ``commas``: a CSV whose second line is 2,000,000 commas.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HEADER = ["Mã dự án", "Tên dự án", "Nhóm", "Quận/huyện", "Tổng vốn đầu tư (tỷ đồng)"]
ROW = ["HN-01", "Nhà máy xử lý nước thải", "Dịch vụ môi trường", "Gia Lâm", 120]

CHILD = r"""
import json, re, sys, time
sys.path.insert(0, sys.argv[1])
from catalogue import Catalogue
started = time.monotonic()
outcome = "?"
with Catalogue.open(":memory:") as cat:
    report = cat.import_file(sys.argv[2], dry_run=True)
    listed = len(report.errors)
    more = getattr(report, "more_errors", 0)
    first = report.errors[0].message_en if report.errors else ""
    outcome = f"{listed + more:,} errors ({listed:,} listed): {first[:90]}"
peak = int(re.search(r"VmHWM:\s+(\d+)", open("/proc/self/status").read()).group(1)) / 1024
print(json.dumps({"seconds": time.monotonic() - started, "peak_mb": peak, "outcome": outcome}))
"""


def xlsx(path: Path, patch) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append(ROW)
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                data = patch(text).encode()
            out.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return path


def build(folder: Path, xml_mb: int) -> dict[str, Path]:
    corner = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    grid = '<dimension ref="A1:XFD1048576"/>'
    files = {
        "grid": xlsx(folder / "grid.xlsx", lambda x: re.sub(r'<dimension ref="[^"]+"\s*/>', grid, x)),
        "corner": xlsx(
            folder / "corner.xlsx",
            lambda x: re.sub(r'<dimension ref="[^"]+"\s*/>', grid, x).replace("</sheetData>", corner),
        ),
    }
    row = '<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    count = xml_mb * 1024 * 1024 // len(row)
    files["xml"] = xlsx(
        folder / "xml.xlsx",
        lambda x: re.sub(r'<dimension ref="[^"]+"\s*/>', f'<dimension ref="A1:E{count + 2}"/>', x).replace(
            "</sheetData>", row * count + "</sheetData>"
        ),
    )
    lines = [",".join(HEADER)] + [f"HN-{n},Nhà máy {n},Tên lạ,Quận lạ,abc" for n in range(50_000)]
    (folder / "errors.csv").write_text("\n".join(lines), encoding="utf-8")
    files["errors"] = folder / "errors.csv"
    (folder / "commas.csv").write_text(",".join(HEADER) + "\n" + "," * 2_000_000 + "\n", encoding="utf-8")
    files["commas"] = folder / "commas.csv"
    return files


def measure(tree: Path, path: Path, cap_gb: float, seconds: float) -> dict:
    def limit() -> None:
        cap = int(cap_gb * 1024**3)
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    started = time.monotonic()
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(tree), str(path)],
            capture_output=True,
            text=True,
            timeout=seconds,
            preexec_fn=limit,
        )
    except subprocess.TimeoutExpired:
        return {"seconds": seconds, "peak_mb": None, "outcome": f"stopped after {seconds:.0f} s"}
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        return {
            "seconds": time.monotonic() - started,
            "peak_mb": None,
            "outcome": f"crashed at the {cap_gb:g} GB cap: {last[:80]}",
        }
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tree", action="append", type=Path, help="source tree (repeat: before, after)")
    parser.add_argument("--xml-mb", type=int, default=300)
    parser.add_argument("--cap-gb", type=float, default=3.0)
    parser.add_argument("--seconds", type=float, default=120.0)
    args = parser.parse_args()
    trees = [t.resolve() for t in (args.tree or [Path(__file__).resolve().parents[1]])]
    with tempfile.TemporaryDirectory() as folder:
        files = build(Path(folder), args.xml_mb)
        print(f"{'file':8} {'size':>10}  {'tree':28} {'seconds':>8} {'peak MB':>8}  outcome")
        for name, path in files.items():
            for tree in trees:
                result = measure(tree, path, args.cap_gb, args.seconds)
                peak = f"{result['peak_mb']:.0f}" if result["peak_mb"] else "—"
                print(
                    f"{name:8} {path.stat().st_size:>10,}  {str(tree)[-28:]:28} {result['seconds']:>8.1f} "
                    f"{peak:>8}  {result['outcome']}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
