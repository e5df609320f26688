"""Import throughput: generate an N-row template CSV, import it into a new database.

Prints rows/second for a dry run (read + check) and for the real import (read + check +
write), a re-import of the same file (all unchanged), and the process's peak memory.
Figures, not a test: the machine is noisy, so compare runs side by side.

    python benchmarks/import_bench.py [--rows 100000]

The rows are the generated projects of catalogue/projects/synthetic.py, in files of 25,000 (the
import refuses a file over 20 MB; this script's own generator no longer matched the template). They
are written by a child process, so the peak printed is the importing process's own. DuckDB runs with
the catalogue's memory budget (CATALOGUE_DUCKDB_MEMORY; 128 MB unless set).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from read_while_write import write_chunks

from catalogue import Catalogue
from catalogue.storage.database import query_memory


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--write-only", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write_only:
        write_chunks(Path(args.write_only), args.rows, seed=275)
        return
    print(f"DuckDB memory budget: {query_memory() or 'none (DuckDB default)'}")
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        # the generated projects (catalogue/projects/synthetic.py) in files under the 20 MB import limit,
        # written by another process: its memory is not the import's
        folder = Path(tmp) / "generated"
        subprocess.run([sys.executable, __file__, "--write-only", str(folder), "--rows", str(args.rows)], check=True)
        parts = sorted(folder.glob("*.csv"))
        size = sum(part.stat().st_size for part in parts)
        print(
            f"generated {args.rows:,} rows ({size / 1e6:.1f} MB in {len(parts)} files) in "
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
                counts = [0, 0, 0]
                for part in parts:
                    report = cat.import_file(part, dry_run=dry_run)
                    assert report.ok, report.errors[:3]
                    counts = [counts[0] + report.inserted, counts[1] + report.updated, counts[2] + report.unchanged]
                elapsed = time.perf_counter() - started
                print(
                    f"{label:32s} {elapsed:6.2f} s  {args.rows / elapsed:9,.0f} rows/s  "
                    f"(new {counts[0]:,}, updated {counts[1]:,}, unchanged {counts[2]:,})"
                )
            print(f"peak RSS {peak_rss_mb():.0f} MB (before imports {baseline:.0f} MB)")


if __name__ == "__main__":
    main()
