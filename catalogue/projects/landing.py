"""The first screen's figures: what the public catalogue holds, by category, where, and what is new.

Everything here counts only what the public may see (``Catalogue.projects`` without hidden ones) and
is remembered per data version (``Catalogue.memo``): the first screen is every visitor's first page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from catalogue.core import Catalogue
from catalogue.projects.money import exchange_rate
from catalogue.text import Text

# The categories' colours (the plan's order), on the map, the tiles and the cards: distinct for
# the common kinds of colour blindness, dark enough for text on white (contrast ≥ 4.5:1).
CATEGORY_COLOURS = ("#0f766e", "#1d4ed8", "#b45309", "#4d7c0f", "#7e22ce", "#be185d", "#334155")
NEWEST = 5


@dataclass(frozen=True)
class CategoryFigure:
    code: str
    label: Text
    colour: str
    projects: int
    capital_vnd_bn: float  # of the projects with a figure


@dataclass(frozen=True)
class Headline:
    projects: int  # public projects
    calling: int  # at the stage "calling for investment"
    capital_vnd_bn: float
    capital_usd_m: float
    categories: tuple[CategoryFigure, ...]
    newest: tuple[tuple[str, Text], ...]  # (code, name) of the newest public projects, newest first


def category_colour(cat: Catalogue, code: str) -> str:
    """The colour of category ``code`` (its place in the plan's order)."""
    codes = list(cat.reference.categories.codes)
    return CATEGORY_COLOURS[codes.index(code) % len(CATEGORY_COLOURS)] if code in codes else CATEGORY_COLOURS[-1]


def _capital(frame: pd.DataFrame) -> float:
    total = pd.to_numeric(frame["investment_vnd_bn"], errors="coerce").sum()
    return float(total) if math.isfinite(total) else 0.0


def headline(cat: Catalogue) -> Headline:
    """The public catalogue in figures: projects, those calling for investment, capital (tỷ đồng,
    and USD millions as reported or at the indicative rate), each category's projects and capital,
    and the newest."""
    return cat.memo(("landing-headline",), lambda: _headline(cat))


def _headline(cat: Catalogue) -> Headline:
    frame = cat.projects(order_by="code")
    enum = cat.reference.categories
    categories = tuple(
        CategoryFigure(
            code,
            enum.label(code),
            category_colour(cat, code),
            int((frame["category"] == code).sum()),
            _capital(frame[frame["category"] == code]),
        )
        for code in enum.codes
    )
    newest = frame.sort_values(["created_at", "code"], ascending=[False, False]).head(NEWEST)
    capital = _capital(frame)
    return Headline(
        projects=len(frame),
        calling=int((frame["status"] == "calling").sum()),
        capital_vnd_bn=capital,
        capital_usd_m=exchange_rate().total_usd_millions(frame),  # as the dashboard and report count it
        categories=categories,
        newest=tuple((row.code, Text.columns(row._asdict(), "name")) for row in newest.itertuples(index=False)),
    )


def map_points(cat: Catalogue, codes: list[str] | None = None) -> pd.DataFrame:
    """The public projects with coordinates (those of ``codes`` when given): code, both names,
    category, its colour, capital, ward and former district, latitude and longitude."""

    def compute() -> pd.DataFrame:
        frame = cat.projects(order_by="code")
        frame = frame[frame["latitude"].notna() & frame["longitude"].notna()]
        columns = ["code", "name_vi", "name_en", "category", "investment_vnd_bn", "ward", "district"]
        points = frame[[*columns, "latitude", "longitude"]].reset_index(drop=True)
        points["colour"] = [category_colour(cat, code) for code in points["category"]]
        return points

    points = cat.memo(("landing-points",), compute)
    return points if codes is None else points[points["code"].isin(codes)].reset_index(drop=True)
