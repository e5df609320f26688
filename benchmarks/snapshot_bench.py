"""How long a published snapshot takes at scale (issue 19): the primary writing it, a replica
opening it and building its search index, and so the delay from a staff member's publication to
every replica serving it (plus the primary's snapshot interval and a replica's one-second look).

    python benchmarks/snapshot_bench.py --projects 100000 [--rounds 3]

Prints per round: write time, file size, rows; open + index time; and the process's peak RSS.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from catalogue import Catalogue  # noqa: E402
from catalogue.replica import snapshots  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    where = Path(tempfile.mkdtemp(prefix="snapshot-bench-"))
    try:
        with Catalogue.open(where / "primary.duckdb") as primary:
            if args.projects:
                from read_while_write import write_chunks

                for path in write_chunks(where / "generated", args.projects, seed=1):
                    assert primary.import_file(path, actor="bench", new_publication="published").ok
            else:
                primary.load_demo()
            print(f"{primary.count()} public projects of {len(primary.projects(include_hidden=True))}", flush=True)
            writes, opens = [], []
            for number in range(args.rounds):
                started = time.perf_counter()
                manifest = snapshots.write_snapshot(primary, where / "snapshots")
                writes.append(time.perf_counter() - started)
                started = time.perf_counter()
                with Catalogue.open(where / "snapshots" / manifest.file, read_only=True) as replica:
                    replica.prepare_index()
                    opens.append(time.perf_counter() - started)
                print(
                    f"round {number + 1}: write {writes[-1]:.2f} s ({manifest.bytes / 1e6:.0f} MB, "
                    f"{manifest.rows['projects']} projects, {manifest.rows['project_history']} history rows); "
                    f"replica open + index {opens[-1]:.2f} s",
                    flush=True,
                )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"median: write {statistics.median(writes):.2f} s, open + index {statistics.median(opens):.2f} s; "
            f"publication to every replica ≈ write + open + index + up to 1 s look + the primary's interval; "
            f"peak RSS {peak:.0f} MB"
        )
    finally:
        shutil.rmtree(where, ignore_errors=True)


if __name__ == "__main__":
    main()
