"""Tables shaped for reading: labels in the user's language, amounts formatted for it.

Pages call these and display the result; nothing here knows about widgets.
"""

from __future__ import annotations

import pandas as pd

from .core import Catalogue
from .i18n import format_vnd_bn, t


def browse_table(cat: Catalogue, lang: str, **filters: object) -> pd.DataFrame:
    """Published projects as a table for the browse page, in ``lang``.

    Names fall back to Vietnamese, marked, where there is no English version.
    """
    ref = cat.reference
    frame = cat.projects(**filters)
    if lang == "en":
        names = [
            en if isinstance(en, str) and en else f"{vi} {t('value.missing_en', lang)}"
            for vi, en in zip(frame["name_vi"], frame["name_en"], strict=True)
        ]
    else:
        names = list(frame["name_vi"])
    return pd.DataFrame(
        {
            t("col.code", lang): frame["code"],
            t("col.name", lang): names,
            t("col.category", lang): [ref.categories.label(c, lang) for c in frame["category"]],
            t("col.district", lang): [
                ref.districts.label(d, lang) if isinstance(d, str) else "" for d in frame["district"]
            ],
            t("col.investment", lang): [format_vnd_bn(v, lang) for v in frame["investment_vnd_bn"]],
            t("col.status", lang): [ref.statuses.label(s, lang) for s in frame["status"]],
            t("col.demo", lang): [t("value.yes" if d is True else "value.no", lang) for d in frame["demo"]],
        }
    )


def demo_count(cat: Catalogue) -> int:
    """How many published projects are illustrative demo data."""
    return cat.count(demo=True)
