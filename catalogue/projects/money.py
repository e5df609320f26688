"""Amounts: the one exchange rate used for USD equivalents, read from catalogue/data/exchange_rate.csv,
and a capital as a reader types it."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

import pandas as pd

from catalogue.data import csv_rows
from catalogue.search.normalize import NumberFormatError, parse_number
from catalogue.text import Text

MAX_TYPED_VND_BN = 1_000_000.0  # a bound a reader may type, in tỷ đồng (a million billion đồng)
_ENGLISH_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def read_amount(text: str | None, *, decimal_comma: bool) -> float | None:
    """A capital in tỷ đồng as a reader typed it, in the page's way of writing numbers: with a
    ``decimal_comma`` (the Vietnamese page) "1.000" is one thousand and "2,5" two and a half, as
    the page writes them; otherwise (the English page) "1,000" and "2.5". None for an empty field; :class:`NumberFormatError`
    (its ``text`` says why) for what is not one amount from 0 to a million."""
    typed = (text or "").strip()
    if not typed:
        return None
    compact = typed.replace(" ", "")
    if not decimal_comma and _ENGLISH_NUMBER.fullmatch(compact):
        value: float | None = float(compact.replace(",", ""))
    else:
        value = parse_number(typed, "vnd_bn")  # the Vietnamese way, units too ("500 triệu")
    if value is None or not 0 <= value <= MAX_TYPED_VND_BN:
        raise NumberFormatError(Text.of("browse.amount_range", raw=typed))
    return value


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
