"""Search quality on a labelled set, against SQLite FTS5 and a rapidfuzz scan on the same data."""

from __future__ import annotations

import csv
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from rapidfuzz import fuzz, process, utils
from search_eval_set import CLASSES

from catalogue import Catalogue
from catalogue.data import data_file
from catalogue.projects import synthetic
from catalogue.search.normalize import search_fold

DISTRACTORS = 4000
RECALL_AT = 5


def _near_duplicate(name: str, targets: list[set[str]]) -> bool:
    """A generated name holding every word of a real one is the same project, not a look-alike."""
    words = set(search_fold(name).split())
    return any(target <= words for target in targets)


def cat_synonyms() -> dict[str, list[str]]:
    with data_file("synonyms.csv").open(encoding="utf-8") as handle:
        return {row["term"]: search_fold(row["expansion"]).split() for row in csv.DictReader(handle)}


def build_corpus(directory: Path) -> Catalogue:
    """The demo projects plus generated look-alikes, near-duplicates of a demo project removed."""
    with data_file("demo_projects.csv").open(encoding="utf-8") as handle:
        demo = list(csv.DictReader(handle))
    synonyms = cat_synonyms()
    targets = [{part for w in search_fold(row["name_vi"]).split() for part in synonyms.get(w, [w])} for row in demo]
    rows = [
        row for row in synthetic.projects(DISTRACTORS, seed=11) if not _near_duplicate(str(row["name_vi"]), targets)
    ]
    path = directory / "distractors.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    cat = Catalogue.open(":memory:")
    assert cat.load_demo().ok
    assert cat.import_file(path).ok
    return cat


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    cat = build_corpus(tmp_path_factory.mktemp("eval"))
    yield cat
    cat.close()


def evaluate(rank_of: Callable[[str], list[str]]) -> dict[str, tuple[float, float]]:
    """(recall@5, MRR) per class and overall for a function from query to ranked codes."""
    results: dict[str, tuple[float, float]] = {}
    every: list[float] = []
    for name, cases in CLASSES.items():
        reciprocal = []
        for query, code in cases:
            ranked = rank_of(query)
            reciprocal.append(1.0 / (ranked.index(code) + 1) if code in ranked else 0.0)
        every += reciprocal
        results[name] = (sum(r >= 1 / RECALL_AT for r in reciprocal) / len(cases), sum(reciprocal) / len(cases))
    results["overall"] = (sum(r >= 1 / RECALL_AT for r in every) / len(every), sum(every) / len(every))
    return results


def fts5_ranker(cat: Catalogue) -> Callable[[str], list[str]]:
    """SQLite FTS5 with unicode61 remove_diacritics 2, bm25; the last word as a prefix."""
    frame = cat.projects()
    db = sqlite3.connect(":memory:")
    db.execute(
        "create virtual table p using fts5(code unindexed, name_vi, name_en, description_vi, description_en, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    columns = ["code", "name_vi", "name_en", "description_vi", "description_en"]
    db.executemany("insert into p values (?, ?, ?, ?, ?)", frame[columns].fillna("").values.tolist())

    def rank(query: str) -> list[str]:
        words = re.findall(r"\w+", query)
        if not words:
            return []
        expression = " ".join(f'"{w}"' for w in words[:-1]) + f' "{words[-1]}"*'
        try:
            rows = db.execute("select code from p where p match ? order by bm25(p) limit 20", [expression]).fetchall()
        except sqlite3.OperationalError:
            return []
        return [code for (code,) in rows]

    return rank


def rapidfuzz_ranker(cat: Catalogue) -> Callable[[str], list[str]]:
    """A plain rapidfuzz WRatio scan over names and descriptions."""
    frame = cat.projects()
    texts = (
        frame["name_vi"].fillna("") + " " + frame["name_en"].fillna("") + " " + frame["description_vi"].fillna("")
    ).tolist()
    codes = frame["code"].tolist()

    def rank(query: str) -> list[str]:
        hits = process.extract(query, texts, scorer=fuzz.WRatio, processor=utils.default_process, limit=20)
        return [codes[index] for _text, _score, index in hits]

    return rank


def test_eval_set_is_large_enough_and_labels_exist(corpus):
    cases = [case for cases in CLASSES.values() for case in cases]
    assert len(cases) >= 100
    assert all(len(items) >= 10 for items in CLASSES.values())
    published = set(corpus.projects()["code"])
    assert len({code for _q, code in cases}) >= 50
    assert {code for _q, code in cases} <= published
    assert corpus.count() > DISTRACTORS // 2


def test_search_quality_beats_fts5_and_a_fuzzy_scan(corpus, capsys):
    ours = evaluate(lambda q: [hit.code for hit in corpus.search(q, limit=20)])
    fts5 = evaluate(fts5_ranker(corpus))
    scan = evaluate(rapidfuzz_ranker(corpus))
    with capsys.disabled():
        print(f"\nsearch evaluation over {corpus.count()} projects (recall@{RECALL_AT} / MRR)")
        print(f"{'class':14s} {'ours':>13s} {'SQLite FTS5':>13s} {'rapidfuzz':>13s}")
        for name in ours:
            print(f"{name:14s} " + " ".join(f"{r[name][0]:6.2f}/{r[name][1]:5.2f}" for r in (ours, fts5, scan)))
    failures = {name: figures for name, figures in ours.items() if figures[0] < 0.98 or figures[1] < 0.95}
    assert not failures, failures
    assert ours["overall"][1] > fts5["overall"][1] and ours["overall"][1] > scan["overall"][1]
