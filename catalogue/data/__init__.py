"""The files shipped with the package: reference data (each row names its source), the demo projects,
the countries and the exchange rate. Read through importlib.resources, so that an installed wheel
finds them as a source checkout does.
"""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path


def data_file(name: str) -> Path:
    """The path of the shipped file ``name`` (pip unpacks a wheel, so the files are on disk)."""
    found = resources.files(__name__) / name
    if not isinstance(found, Path):  # a zipped install: not a layout pip produces
        raise RuntimeError(f"catalogue data must be installed unpacked; {name} is inside {found}")
    if not found.is_file():
        raise FileNotFoundError(f"no shipped data file {name!r} in {found.parent}")
    return found


def csv_rows(name: str) -> list[dict[str, str]]:
    """Every row of a shipped CSV, as text keyed by its header."""
    with data_file(name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def csv_header(name: str) -> list[str]:
    with data_file(name).open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))
