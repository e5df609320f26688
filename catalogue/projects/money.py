"""Amounts: the one exchange rate used for USD equivalents, read from catalogue/data/exchange_rate.csv."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import pandas as pd

from catalogue.data import csv_rows


@dataclass(frozen=True)
class ExchangeRate:
    vnd_per_usd: float
    as_of: dt.date
    source: str

    def usd_millions(self, vnd_billions: float | None) -> float | None:
        """tỷ đồng → triệu USD (1 tỷ = 10⁹ VND, 1 triệu USD = 10⁶ USD)."""
        if vnd_billions is None or vnd_billions != vnd_billions:
            return None
        return vnd_billions * 1000 / self.vnd_per_usd

    def total_usd_millions(self, frame: pd.DataFrame) -> float:
        """The projects' capital in triệu USD as every page counts it: each project's own USD figure
        where its file gives one, else its tỷ đồng at this rate; projects with neither count nothing."""
        usd = pd.to_numeric(frame["investment_usd_m"], errors="coerce")
        vnd = pd.to_numeric(frame["investment_vnd_bn"], errors="coerce")
        return float(usd.fillna(vnd * 1000 / self.vnd_per_usd).fillna(0).sum())


@functools.cache
def exchange_rate() -> ExchangeRate:
    """The exchange rate of catalogue/data/exchange_rate.csv (its first row)."""
    row = csv_rows("exchange_rate.csv")[0]
    return ExchangeRate(float(row["vnd_per_usd"]), dt.date.fromisoformat(row["as_of"]), row["source"])
