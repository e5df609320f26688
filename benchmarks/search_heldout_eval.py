"""The held-out search set of issue 16 (tests/search_heldout.py), scored on the demo catalogue.

The set was written from the projects' texts by a helper who did not write the ranking, before any
ranking change for issue 16; this script only scores it (the public search, as the browse page asks
it). Per class: recall@5 (relevant found in the first five, out of at most five), MRR (first
relevant), precision@10 where a query has at least ten relevant projects (as the issue defines its
goal) and the precision of what is shown (relevant among the first ten results returned). Draft and
withdrawn projects are dropped from the relevance sets: the public search never shows them.

    python benchmarks/search_heldout_eval.py [--limit 10]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from search_heldout import HELDOUT, NO_ANSWER  # noqa: E402

from catalogue import Catalogue  # noqa: E402


def score(found: list[str], relevant: frozenset[str]) -> dict[str, float | None]:
    """recall@5, reciprocal rank, precision@10 (None under ten relevant) and shown precision."""
    top5, top10 = found[:5], found[:10]
    rank = next((i for i, code in enumerate(found, start=1) if code in relevant), None)
    return {
        "recall@5": len(relevant & set(top5)) / min(5, len(relevant)),
        "mrr": 1 / rank if rank else 0.0,
        "p@10": len(relevant & set(top10)) / 10 if len(relevant) >= 10 else None,
        "shown": len(relevant & set(top10)) / len(top10) if top10 else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=10)
    args = parser.parse_args()
    with Catalogue.open(Path(tempfile.mkdtemp()) / "eval.duckdb") as cat:
        cat.load_demo()
        public = set(cat.projects()["code"])
        by_class: dict[str, list[dict[str, float | None]]] = defaultdict(list)
        for kind, query, relevant in HELDOUT:
            wanted = relevant & public
            if not wanted:
                continue
            found = [hit.code for hit in cat.search(query, limit=args.limit)]
            by_class[kind].append(score(found, frozenset(wanted)))
        nothing = sum(1 for query in NO_ANSWER if not cat.search(query, limit=args.limit))
    print(f"held-out set: {sum(map(len, by_class.values()))} queries over {len(public)} public demo projects")
    print(f"{'class':22} {'n':>3} {'recall@5':>9} {'MRR':>6} {'P@10 (n)':>11} {'shown':>6}")
    rows = [*sorted(by_class.items()), ("all", [s for scores in by_class.values() for s in scores])]
    for kind, scores in rows:
        p10 = [s["p@10"] for s in scores if s["p@10"] is not None]
        p10_text = f"{statistics.mean(p10):.2f} ({len(p10)})" if p10 else "— (0)"
        print(
            f"{kind:22} {len(scores):>3} {statistics.mean(s['recall@5'] for s in scores):>9.3f} "
            f"{statistics.mean(s['mrr'] for s in scores):>6.3f} {p10_text:>11} "
            f"{statistics.mean(s['shown'] for s in scores):>6.2f}"
        )
    print(f"queries with no relevant project that found nothing: {nothing} of {len(NO_ANSWER)}")


if __name__ == "__main__":
    main()
