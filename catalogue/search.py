"""A first, simple search: accent- and case-blind word matching with a fuzzy fallback.

Issue 3 replaces this with an index; the interface (:class:`SearchHit`, best first,
deterministic ties) stays.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from rapidfuzz import fuzz

from .normalize import clean_text, fold
from .reference import Reference

MAX_QUERY_LENGTH = 200
FUZZY_THRESHOLD = 80


@dataclass(frozen=True)
class SearchHit:
    code: str
    score: float
    name_vi: str
    name_en: str | None


def simple_search(frame: pd.DataFrame, query: str, limit: int, ref: Reference) -> list[SearchHit]:
    """Score every row of ``frame`` against ``query``; names count more than other text."""
    words = fold(clean_text(query)[:MAX_QUERY_LENGTH]).split()
    if not words or frame.empty or limit <= 0:
        return []
    hits = []
    for row in frame.itertuples(index=False):
        name = fold(f"{row.name_vi or ''} {row.name_en or ''}")
        other = fold(
            " ".join(
                str(v)
                for v in (
                    row.code,
                    row.description_vi,
                    row.description_en,
                    row.address,
                    row.capacity,
                    ref.districts.label(row.district, "vi"),
                    ref.categories.label(row.category, "vi"),
                    ref.categories.label(row.category, "en"),
                )
                if isinstance(v, str)
            )
        )
        name_words, other_words = name.split(), other.split()
        score = 0.0
        for word in words:
            if any(w.startswith(word) for w in name_words):
                score += 3
            elif any(w.startswith(word) for w in other_words):
                score += 1
            else:
                score = 0.0
                break
        if score == 0.0:
            score = fuzz.partial_ratio(" ".join(words), name) / 100 if len(" ".join(words)) >= 4 else 0.0
            if score * 100 < FUZZY_THRESHOLD:
                continue
        hits.append(
            SearchHit(row.code, round(score, 4), row.name_vi, row.name_en if isinstance(row.name_en, str) else None)
        )
    hits.sort(key=lambda h: (-h.score, h.code))
    return hits[:limit]
