"""Tables shaped for reading: labels in the user's language, amounts formatted for it.

Pages call these and display the result; nothing here knows about widgets.
"""

from __future__ import annotations

import pandas as pd

from .core import Catalogue
from .i18n import format_vnd_bn, t

BROWSE_LIMIT = 500


def browse_table(cat: Catalogue, lang: str, query: str = "", **filters: object) -> tuple[pd.DataFrame, int]:
    """Published projects matching ``query`` (best first) as a table in ``lang``, and their total.

    Shows at most BROWSE_LIMIT rows. Names fall back to Vietnamese, marked, where there is no
    English version.
    """
    ref = cat.reference
    result = cat.search_page(query, limit=BROWSE_LIMIT, facets=False, **filters)
    order = [hit.code for hit in result.hits]
    frame = cat.projects(**filters).set_index("code").loc[order].reset_index()
    if lang == "en":
        names = [
            en if isinstance(en, str) and en else f"{vi} {t('value.missing_en', lang)}"
            for vi, en in zip(frame["name_vi"], frame["name_en"], strict=True)
        ]
    else:
        names = list(frame["name_vi"])
    table = pd.DataFrame(
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
    return table, result.total


def demo_count(cat: Catalogue) -> int:
    """How many published projects are illustrative demo data."""
    return cat.count(demo=True)


STAGES = ("calling", "negotiating", "awarded", "implementing", "completed")


def stage_tracker(cat: Catalogue, status: str, lang: str) -> list[tuple[str, str]]:
    """Each pipeline stage with its label and ``done``, ``current`` or ``todo`` for ``status``."""
    labels = cat.reference.statuses
    position = STAGES.index(status) if status in STAGES else -1
    marks = []
    for index, stage in enumerate(STAGES):
        state = "done" if index < position else "current" if index == position else "todo"
        marks.append((labels.label(stage, lang), state))
    return marks
