"""Write catalogue/data/countries.csv: ISO 3166-1 alpha-2 codes with their Vietnamese and English names.

The names come from the Unicode CLDR through Babel, which only this script needs
(`pip install babel`); the app reads the CSV. Run it again to refresh the names.
"""

from __future__ import annotations

import csv
from pathlib import Path

from babel import Locale, __version__

OUT = Path(__file__).resolve().parents[1] / "catalogue" / "data" / "countries.csv"
NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "AC", "CP", "CQ", "DG", "EA", "IC", "TA"}


def main() -> None:
    vi, en = Locale("vi"), Locale("en")
    codes = sorted(c for c in en.territories if len(c) == 2 and c.isalpha() and c not in NOT_COUNTRIES)
    source = f"Unicode CLDR via Babel {__version__}"
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "label_vi", "label_en", "source"])
        for code in codes:
            writer.writerow([code, vi.territories.get(code, en.territories[code]), en.territories[code], source])
    print(f"{len(codes)} countries → {OUT}")


if __name__ == "__main__":
    main()
