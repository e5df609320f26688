"""Tables shaped for reading: labels in the user's language, amounts formatted for it.

Pages call these and display the result; nothing here knows about widgets.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import tempfile
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from catalogue.clock import hanoi_today
from catalogue.core import Catalogue
from catalogue.projects.browse_state import LIST_PARAMS
from catalogue.projects.landing import category_colour
from catalogue.projects.model import COLUMNS_BY_NAME
from catalogue.projects.money import exchange_rate
from catalogue.projects.reference import Reference
from catalogue.text import (
    DEFAULT_LANGUAGE,
    enum_label,
    format_date,
    format_number,
    format_usd_m,
    format_vnd_bn,
    in_language,
    is_default,
    localized,
    reads_translation,
    t,
)


def demo_count(cat: Catalogue) -> int:
    """How many published projects are illustrative demo data."""
    return cat.count(demo=True)


def stage_tracker(cat: Catalogue, status: str, lang: str) -> list[tuple[str, str]]:
    """Each pipeline stage (the public stages of statuses.csv, in order) with its label and
    ``done``, ``current`` or ``todo`` for ``status``."""
    labels, stages = cat.reference.statuses, cat.reference.public_statuses
    position = stages.index(status) if status in stages else -1
    marks = []
    for index, stage in enumerate(stages):
        state = "done" if index < position else "current" if index == position else "todo"
        marks.append((labels.label(stage)(lang), state))
    return marks


@dataclass(frozen=True)
class ProjectSheet:
    """A published project laid out for reading in one language."""

    code: str
    name: str
    other_name: str | None
    name_is_fallback: bool
    description: str | None
    description_is_fallback: bool
    facts: list[tuple[str, str]]
    stages: list[tuple[str, str]]
    incentives: str | None
    legal_basis: str | None
    latitude: float | None
    longitude: float | None
    demo: bool
    similar: list[tuple[str, str]]
    key_facts: list[tuple[str, str, str]] = field(default_factory=list)  # (label, value, detail): the panel on top
    colour: str = ""  # the category's colour
    category: str = ""  # the category's label
    deal: list[tuple[str, str]] = field(default_factory=list)  # land, preparation, PPP contract, term, revenue, SDGs
    converted: bool = False  # a capital shown in the other currency at the indicative rate (the note says which)


def _free_text(value: object, lang: str) -> str:
    """Free text kept as entered; read in another language, text written in Vietnamese says so."""
    text = value if isinstance(value, str) else ""
    if reads_translation(lang) and any(ch in "đĐ" or unicodedata.normalize("NFD", ch) != ch for ch in text):
        return f"{text} {t('value.in_vietnamese', lang)}"
    return text


def money_text(project: dict, lang: str) -> str:
    """The capital as reported, and what is converted said so: "500 tỷ đồng; 50 triệu USD theo hồ sơ",
    or "500 tỷ đồng (≈ 19,6 triệu USD quy đổi)" when only VND was reported (and the other way round).
    An amount reported as approximate ("khoảng 500 tỷ") says so."""
    rate = exchange_rate()
    vnd, usd = _amount(project.get("investment_vnd_bn")), _amount(project.get("investment_usd_m"))
    about = t("money.about", lang) + " " if _true(project.get("investment_approx")) else ""
    if vnd is not None and usd is not None:
        return t("money.both", lang, vnd=about + format_vnd_bn(vnd, lang), usd=format_usd_m(usd, lang))
    if vnd is not None:
        return t(
            "money.vnd_converted",
            lang,
            vnd=about + format_vnd_bn(vnd, lang),
            usd=format_usd_m(rate.usd_millions(vnd), lang),
        )
    if usd is not None:
        return t(
            "money.usd_converted",
            lang,
            usd=about + format_usd_m(usd, lang),
            vnd=format_vnd_bn(usd * rate.vnd_per_usd / 1000, lang),
        )
    return ""


def _true(value: object) -> bool:
    """A stored flag that is set (``True``, numpy's ``True``); never true for None, NaN or NA."""
    return value is True or (isinstance(value, np.bool_) and bool(value))


def _amount(value: object) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


def _facts(cat: Catalogue, project: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    """The project's facts as (label, value) in ``lang``; empty values left out."""
    ref = cat.reference

    def coded(enum: Any, name: str) -> str:
        return enum.label(project[name])(lang) if project[name] else ""

    area = project["area_ha"]
    facts = [
        (t("project.category", lang), ref.categories.label(project["category"])(lang)),
        (t("project.type", lang), coded(ref.types, "project_type") if "project_type" in project else ""),
        (t("project.district", lang), coded(ref.districts, "district")),
        (t("project.ward", lang), coded(ref.wards, "ward")),
        (t("project.location", lang), _free_text(project["address"], lang)),
        (t("project.capacity", lang), _free_text(project["capacity"], lang)),
        (
            t("project.area", lang),
            t("value.hectares", lang, value=format_number(area, lang, 2)) if area is not None else "",
        ),
        (t("project.investment", lang), money_text(project, lang)),
        (t("project.form", lang), coded(ref.forms, "investment_form")),
        (t("project.status", lang), ref.statuses.label(project["status"])(lang)),
        (t("project.start_year", lang), str(project["start_year"]) if project["start_year"] else ""),
        (t("project.lead_agency", lang), coded(ref.agencies, "lead_agency")),
        ("", _successor_text(cat, project["lead_agency"], lang)),
    ]
    contact = " · ".join(v for v in (project["contact_name"], project["contact_email"], project["contact_phone"]) if v)
    facts += [
        (t("project.contact", lang), contact),
        (t("project.updated", lang), format_date(project["updated_at"], lang)),
    ]
    return [(label, value) for label, value in facts if value]


def _key_facts(cat: Catalogue, project: dict[str, Any], lang: str) -> list[tuple[str, str, str]]:
    """What an investor looks for first, as (label, value, detail): the capital (and in the other
    currency), the form, the place in both eras, area, capacity, the lead agency (and its 2025
    successor), the expected start and the last update; empty values left out."""
    ref = cat.reference
    vnd, usd = _amount(project.get("investment_vnd_bn")), _amount(project.get("investment_usd_m"))
    about = t("money.about", lang) + " " if _true(project.get("investment_approx")) else ""
    money = (about + format_vnd_bn(vnd, lang)) if vnd is not None else (about + format_usd_m(usd, lang) if usd else "")
    if vnd is not None and usd is not None:  # both as the project's file gives them: no conversion
        money_detail = t("money.reported_usd", lang, usd=format_usd_m(usd, lang))
    elif vnd is not None:
        converted = exchange_rate().usd_millions(vnd)
        money_detail = f"≈ {format_usd_m(converted, lang)}" if converted else ""
    else:
        money_detail = ""

    def coded(enum: Any, name: str) -> str:
        value = project.get(name)
        return enum.label(value)(lang) if isinstance(value, str) and value else ""

    district = coded(ref.districts, "district")
    area = project["area_ha"]
    facts = [
        (t("project.investment", lang), money, money_detail),
        (t("project.form", lang), coded(ref.forms, "investment_form"), ""),
        (
            t("keyfacts.place", lang),
            coded(ref.wards, "ward") or district,
            t("card.former_district", lang, name=district) if district and coded(ref.wards, "ward") else "",
        ),
        (t("project.area", lang), t("value.hectares", lang, value=format_number(area, lang, 2)) if area else "", ""),
        (t("project.capacity", lang), _free_text(project["capacity"], lang), ""),
        (
            t("project.lead_agency", lang),
            coded(ref.agencies, "lead_agency"),
            _successor_text(cat, project["lead_agency"], lang),
        ),
        (t("project.start_year", lang), str(project["start_year"]) if project["start_year"] else "", ""),
        (t("project.updated", lang), format_date(project["updated_at"], lang), ""),
    ]
    return [(label, value, detail) for label, value, detail in facts if value]


DEAL_COLUMNS = ("land_status", "preparation_stage", "ppp_structure", "concession_years", "revenue_basis", "sdg_tags")


def _sdgs(value: str) -> str:
    """ "6, 11" → "SDG 6 · SDG 11" (numbers 1–17; anything else kept as written)."""
    numbers = re.findall(r"\d+", value)
    if numbers and all(1 <= int(n) <= 17 for n in numbers) and not re.sub(r"[\d\s,;/.&+-]|sdg", "", value.lower()):
        return " · ".join(f"SDG {int(n)}" for n in dict.fromkeys(numbers))
    return value


def _deal(project: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    """The deal data the project has, as (label, value) in ``lang``."""
    found = []
    for name in DEAL_COLUMNS:
        value = project.get(name)
        if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
            continue
        if name == "concession_years":
            text = t("value.years", lang, value=format_number(float(value), lang, 0))
        elif name == "sdg_tags":
            text = _sdgs(str(value))
        else:
            text = _free_text(value, lang)
        found.append((COLUMNS_BY_NAME[name].header()(lang), text))
    return found


def _successor_text(cat: Catalogue, agency: str | None, lang: str) -> str:
    """The 2025 successor of a merged lead agency, with the resolution's note; empty otherwise."""
    successor = cat.reference.agency_successor.get(agency) if agency else None
    if not successor or successor == agency:
        return ""
    with cat.cursor() as cur:
        notes = cur.execute("select change_note_vi, change_note_en from agencies where code = ?", [agency]).df()
    note = localized(notes.iloc[0], "change_note", lang) if len(notes) else ""
    return t("project.successor", lang, name=cat.reference.agencies.label(successor)(lang), note=note)


def project_sheet(cat: Catalogue, code: str, lang: str) -> ProjectSheet | None:
    """Everything the project page shows, or ``None`` for a project the public may not see."""
    project = cat.project(code)
    if project is None:
        return None
    name, name_fallback = in_language(project, "name", lang)
    # the name in the language the project is written in, under a translated one (or the English
    # name under the Vietnamese)
    other = project["name_vi"] if reads_translation(lang) and not name_fallback else project["name_en"]
    description, description_fallback = in_language(project, "description", lang)
    similar_codes = cat.similar(code)
    similar = [(row["code"], localized(row, "name", lang)) for row in cat.rows(similar_codes)]  # remembered
    return ProjectSheet(
        code=code,
        name=name or code,
        other_name=other if isinstance(other, str) and other else None,
        name_is_fallback=name_fallback,
        description=description,
        description_is_fallback=description_fallback,
        facts=_facts(cat, project, lang),
        stages=stage_tracker(cat, project["status"], lang),
        incentives=project["incentives"],
        legal_basis=project["legal_basis"],
        latitude=project["latitude"],
        longitude=project["longitude"],
        demo=bool(project["demo"]),
        similar=similar,
        key_facts=_key_facts(cat, project, lang),
        converted=(_amount(project.get("investment_vnd_bn")) is None)
        != (_amount(project.get("investment_usd_m")) is None),
        deal=_deal(project, lang),
        colour=category_colour(cat, project["category"]),
        category=cat.reference.categories.label(project["category"])(lang),
    )


def profile_html(cat: Catalogue, code: str, lang: str, print_on_load: str | None = None) -> str | None:
    """A one-page, print-ready HTML profile of a published project in ``lang``; with
    ``print_on_load`` (a script nonce), it opens the browser's print dialog as it loads."""
    sheet = project_sheet(cat, code, lang)
    if sheet is None:
        return None
    rows = "".join(
        f"<tr><th>{escape(label)}</th><td>{escape(value)}</td></tr>" for label, value in [*sheet.facts, *sheet.deal]
    )
    stages = " → ".join(
        f"<b>{escape(label)}</b>" if state == "current" else escape(label) for label, state in sheet.stages
    )
    sections = ""
    for title, text in (
        (t("project.description", lang), sheet.description),
        (t("project.incentives", lang), sheet.incentives),
        (t("project.legal_basis", lang), sheet.legal_basis),
    ):
        if text:
            sections += f"<h2>{escape(title)}</h2><p>{escape(text).replace(chr(10), '<br>')}</p>"
    demo = f'<p class="demo">{escape(t("project.demo", lang))}</p>' if sheet.demo else ""
    today = format_date(hanoi_today(), lang)  # the day in Hà Nội, as every other date (a server keeps UTC)
    printing = (
        f'<script nonce="{escape(print_on_load)}">window.addEventListener("load", () => window.print());</script>'
        if print_on_load
        else ""
    )
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{escape(sheet.name)}</title>
<style>
 body {{ font-family: "Noto Sans", "Segoe UI", Arial, sans-serif; margin: 2cm; color: #1f2933; }}
 h1 {{ font-size: 20pt; margin-bottom: 0; }} h2 {{ font-size: 13pt; margin-top: 1.2em; }}
 .kicker {{ color: #0f766e; text-transform: uppercase; font-size: 9pt; letter-spacing: .08em; }}
 table {{ border-collapse: collapse; width: 100%; margin-top: 1em; }}
 th, td {{ text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid #d8e3e0; }}
 th {{ width: 32%; color: #52606d; font-weight: normal; }}
 .demo {{ border: 1px solid #f0b429; background: #fffbea; padding: 6px 10px; }}
 footer {{ margin-top: 2em; font-size: 8pt; color: #7b8794; }}
 @page {{ size: A4; margin: 1.5cm; }} @media print {{ body {{ margin: 0; }} }}
</style></head><body>
<div class="kicker">{escape(t("project.profile_title", lang))} · {escape(sheet.code)}</div>
<h1>{escape(sheet.name)}</h1>{f"<p><i>{escape(sheet.other_name)}</i></p>" if sheet.other_name else ""}
{demo}<p>{stages}</p><table>{rows}</table>{sections}
<footer>{escape(t("project.profile_source", lang, date=today))}</footer>{printing}
</body></html>"""


Parts = list[tuple[str, bool]]  # text in pieces, each marked (a matched word) or not


def _parts(text: str, spans: list[tuple[int, int]]) -> Parts:
    """``text`` cut into pieces at ``spans`` (neighbouring spans as one), the matched ones marked."""
    out: Parts = []
    last = 0
    for start, end in _merged(text, spans):
        if start > last:
            out.append((text[last:start], False))
        out.append((text[start:end], True))
        last = end
    if last < len(text):
        out.append((text[last:], False))
    return out


@dataclass(frozen=True)
class ResultCard:
    """One search result as the browse page shows it; the texts with matched words come as
    :data:`Parts`, for the page to draw as text (app_pages/_results.py)."""

    code: str
    title: str
    title_parts: Parts  # the matched words marked
    category: str
    place: str  # the 2025 ward, then the former district
    investment: float | None
    investment_text: str  # "khoảng 500 tỷ đồng" when reported as approximate
    form: str
    status: str
    snippet_parts: Parts  # two lines of the description (or where the words matched), matched words marked
    reason_parts: Parts = field(default_factory=list)  # "Matched by Category: …", a word only a label holds
    other_name_parts: Parts = field(default_factory=list)  # the Vietnamese name, when the words matched only there
    category_code: str = ""
    status_code: str = ""
    usd_text: str = ""  # the capital in USD at the indicative rate ("≈ USD 55.8 m")
    colour: str = ""  # the category's colour (catalogue/projects/landing.py)

    @property
    def facts(self) -> str:
        """Code, category, place, capital, form and stage on one line."""
        return " · ".join(
            f for f in [self.code, self.category, self.place, self.investment_text, self.form, self.status] if f
        )


def _merged(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Neighbouring spans with only spaces between them as one ("**nước thải**", not two)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and not text[merged[-1][1] : start].strip():
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def escape_markdown(text: str) -> str:
    """``text`` shown as typed in Streamlit's Markdown (no formatting, links or HTML from it)."""
    return _escape_md(text)


_AUTOLINK = re.compile(r"(?i)(?<=:)(?=//)|(?<=\bwww)(?=\.)")  # where Markdown would start a link of its own
# where Streamlit would start a shortcode (":material/home:", ":red[…]", ":smile:"): alerts read
# them even when the colon is escaped
_SHORTCODE = re.compile(r"(?<=:)(?=[A-Za-z])")


def _escape_md(text: str) -> str:
    # Markdown's own characters escaped; and an invisible word joiner (U+2060) inside "://" and
    # "www." so that an address in the data is not turned into a link (GitHub-flavoured Markdown
    # links bare addresses even when every character is escaped), and after a colon that opens a
    # Streamlit shortcode (an alert turns an escaped ":material/…:" into an icon).
    text = _SHORTCODE.sub("\u2060", _AUTOLINK.sub("\u2060", text))
    return "".join("\\" + ch if ch in "\\`*_{}[]<>()#+-.!|~$:" else ch for ch in text)


SNIPPET_CHARS = 220


def _one_line(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with every run of whitespace as one space and no space at either end, and
    ``spans`` moved to the same characters (the words matched stay the words marked)."""
    out: list[str] = []
    where: list[int] = []  # where[i]: the position in the new text of old character i
    for ch in text:
        where.append(len(out))
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
        else:
            out.append(ch)
    where.append(len(out))
    if out and out[-1] == " ":
        out.pop()
    new = "".join(out)
    moved = []
    for start, end in spans:
        a, b = where[start], min(where[end], len(new))
        while a < b and new[a] == " ":
            a += 1
        while b > a and new[b - 1] == " ":
            b -= 1
        if a < b:
            moved.append((a, b))
    return new, moved


def _snippet(text: str, spans: list[tuple[int, int]], width: int = SNIPPET_CHARS) -> tuple[str, list[tuple[int, int]]]:
    """A window of ``text`` around its first matched span (or its start), cut at word boundaries."""
    if any(ch.isspace() and ch != " " for ch in text) or "  " in text or text != text.strip():
        text, spans = _one_line(text, spans)
    if len(text) <= width:
        return text, spans
    start = 0
    if spans and spans[0][1] > width - 40:
        start = max(0, spans[0][0] - 60)
        while start > 0 and not text[start - 1].isspace():
            start -= 1
    end = min(len(text), start + width)
    while end < len(text) and not text[end].isspace() and end - start < width + 25:
        end += 1
    window = text[start:end]
    shifted = [(a - start, b - start) for a, b in spans if a >= start and b <= end]
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return prefix + window + suffix, [(a + len(prefix), b + len(prefix)) for a, b in shifted]


def result_cards(cat: Catalogue, hits: list, lang: str) -> list[ResultCard]:
    """Search hits as cards: the name in ``lang`` (matched words marked), category, place, capital,
    form, stage and a snippet showing why the project matched."""
    ref = cat.reference
    rows = {row["code"]: row for row in cat.rows([h.code for h in hits])}
    cards = []
    for hit in hits:
        row = rows[hit.code]
        title, untranslated = in_language(hit, "name", lang)
        translated = reads_translation(lang) and not untranslated  # the title is the English name
        spans = hit.highlights.get("name_en" if translated else "name_vi", [])
        missing = f" {t('value.missing_en', lang)}" if untranslated else ""
        district, ward = row["district"], row["ward"]
        places = [
            ref.wards.label(ward)(lang) if isinstance(ward, str) and ward else "",
            t("card.former_district", lang, name=ref.districts.label(district)(lang))
            if isinstance(district, str) and district
            else "",
        ]
        form = row["investment_form"]
        cards.append(
            ResultCard(
                code=hit.code,
                title=title + missing,
                title_parts=_parts(title, spans) + ([(missing, False)] if missing else []),
                category=ref.categories.label(row["category"])(lang),
                place=" · ".join(p for p in places if p),
                investment=_amount(row["investment_vnd_bn"]),
                investment_text=(t("money.about", lang) + " " if _true(row.get("investment_approx")) else "")
                + format_vnd_bn(_amount(row["investment_vnd_bn"]), lang)
                if _amount(row["investment_vnd_bn"]) is not None
                else "",
                form=ref.forms.label(form)(lang) if isinstance(form, str) and form else "",
                status=ref.statuses.label(row["status"])(lang),
                snippet_parts=_card_snippet(row, hit, lang, ref),
                reason_parts=_card_reason(row, hit, lang, ref),
                other_name_parts=_parts(hit.name_vi, hit.highlights["name_vi"])
                if translated and not spans and hit.highlights.get("name_vi")
                else [],
                category_code=row["category"],
                status_code=row["status"],
                usd_text=_usd_text(_amount(row["investment_vnd_bn"]), _amount(row.get("investment_usd_m")), lang),
                colour=category_colour(cat, row["category"]),
            )
        )
    return cards


def _usd_text(amount: float | None, reported: float | None, lang: str) -> str:
    """The capital in USD beside the card's VND: the project's own figure where its file gives one
    (not marked "≈": it is not converted, as the fact sheet says), else converted at the indicative rate."""
    if reported is not None and amount is not None:
        return t("money.reported_usd", lang, usd=format_usd_m(reported, lang))
    usd = exchange_rate().usd_millions(amount) if amount is not None else None
    return f"≈ {format_usd_m(usd, lang)}" if usd else ""


# a column's filter parameter ("project_type" → "type"): a card names the column as its filter is named
_PARAM_OF = {column: param for param, column in LIST_PARAMS.items()}


def _matched_label(ref: Reference, row: pd.Series, names: Sequence[str], lang: str) -> Parts:
    """ "Matched by Project type: …waste-to-energy…": a project listed for a word only its label has."""
    for name in names:
        value = row.get(name)
        if isinstance(value, str) and value:
            label = ref.enumeration(name).label(value)(lang)
            named = t(f"browse.{_PARAM_OF[name]}", lang)
            return [(f"{t('card.matched_label', lang)} ", False), (f"{named}: {label}", True)]
    return []


# Shown on every card already (its place and form): a label of these that matched needs no line of its own.
_ON_THE_CARD = ("ward", "district", "investment_form")


def _card_reason(row: pd.Series, hit: object, lang: str, ref: Reference) -> Parts:
    """The line above a card's snippet naming a label that matched, when the texts marked leave out a
    word only that label holds ("khí thải" in the category of a project whose description has "lò
    hơi"); with nothing marked the snippet itself says it (:func:`_card_snippet`)."""
    unshown = [name for name in getattr(hit, "unshown", ()) if name not in _ON_THE_CARD]
    if not unshown or not any((getattr(hit, "highlights", {}) or {}).values()):
        return []
    return _matched_label(ref, row, unshown, lang)


def _card_snippet(row: pd.Series, hit: object, lang: str, ref: Reference | None = None) -> Parts:
    """Two lines that show why the project is listed: the description around the matched words
    (in ``lang`` first), else the address or capacity that matched, named; else a label that
    matched, named; else the description."""
    highlights: dict = getattr(hit, "highlights", {}) or {}
    translated = reads_translation(lang)
    descriptions = ("description_en", "description_vi") if translated else ("description_vi",)

    def shown(name: str) -> Parts:
        window, spans = _snippet(row.get(name), highlights.get(name, []))
        in_vietnamese = translated and name.endswith("_vi")
        return _parts(window, spans) + ([(f" {t('value.in_vietnamese', lang)}", False)] if in_vietnamese else [])

    if highlights.get(descriptions[0]) and isinstance(row.get(descriptions[0]), str):
        return shown(descriptions[0])
    for name, label in (("address", "project.location"), ("capacity", "project.capacity")):
        if highlights.get(name) and isinstance(row.get(name), str):
            return [(f"{t(label, lang)}: ", False), *shown(name)]
    names_matched = highlights.get("name_vi") or highlights.get("name_en")
    if translated and not names_matched and highlights.get("description_vi"):
        return shown("description_vi")  # the only place the words are: show it, marked as Vietnamese
    if ref is not None and not any(highlights.values()):  # the labels that say a word as it matched
        matched = _matched_label(ref, row, getattr(hit, "unshown", getattr(hit, "labels", ())), lang)
        if matched:
            return matched
    for name in descriptions:
        if isinstance(row.get(name), str) and row.get(name):
            return shown(name)
    return []


TABLE_COLUMNS = ("code", "name", "investment", "usd", "status", "form", "ward", "district", "category", "updated")


def result_table(cat: Catalogue, codes: list[str], lang: str) -> pd.DataFrame:
    """Public projects ``codes`` as rows to compare (in that order): names and labels in ``lang``,
    capital as numbers (tỷ đồng, and millions of USD: the project's own figure, else at the
    indicative rate, as :meth:`ExchangeRate.total_usd_millions` counts) so columns sort as numbers;
    columns :data:`TABLE_COLUMNS`."""
    ref = cat.reference
    rate = exchange_rate()
    rows = []
    for row in cat.rows(codes):
        amount = _amount(row["investment_vnd_bn"])

        def label(enum: Any, value: object) -> str:
            return enum.label(value)(lang) if isinstance(value, str) and value else ""

        rows.append(
            {
                "code": row["code"],
                "name": localized(row, "name", lang),
                "category": label(ref.categories, row["category"]),
                "ward": label(ref.wards, row["ward"]),
                "district": label(ref.districts, row["district"]),
                "investment": amount,
                "usd": reported
                if (reported := _amount(row["investment_usd_m"])) is not None
                else rate.usd_millions(amount),
                "form": label(ref.forms, row["investment_form"]),
                "status": label(ref.statuses, row["status"]),
                "updated": row["updated_at"].date() if isinstance(row["updated_at"], dt.datetime) else None,
            }
        )
    return pd.DataFrame(rows, columns=list(TABLE_COLUMNS))


def compare_table(cat: Catalogue, codes: list[str], lang: str) -> pd.DataFrame:
    """Published projects side by side: one column per project, one row per fact."""
    sheets = [sheet for code in codes if (sheet := project_sheet(cat, code, lang)) is not None]
    if not sheets:
        return pd.DataFrame()
    labels = list(dict.fromkeys(label for sheet in sheets for label, _ in sheet.facts if label))
    columns = {}
    for sheet in sheets:
        facts = dict(sheet.facts)
        columns[f"{sheet.code} · {sheet.name}"] = [facts.get(label, "") for label in labels]
    return pd.DataFrame(columns, index=labels)


def compare_html(cat: Catalogue, codes: list[str], lang: str) -> str:
    """The compare table as HTML: a column per project, full labels, long values wrapping, rows
    where the projects differ marked; it scrolls sideways inside itself on a phone, the facts' names
    staying in view."""
    table = compare_table(cat, codes, lang)
    if table.empty:
        return ""
    head = "".join(f"<th scope='col'>{escape(str(name))}</th>" for name in table.columns)
    rows = []
    for label, values in table.iterrows():
        cells = [str(v) for v in values]
        differs = len(cells) > 1 and len(set(cells)) > 1
        row_class = " class='differs'" if differs else ""
        body = "".join(f"<td>{escape(cell) or '—'}</td>" for cell in cells)
        rows.append(f"<tr{row_class}><th scope='row'>{escape(str(label))}</th>{body}</tr>")
    return (
        "<style>"
        ".compare-wrap{overflow-x:auto;max-width:100%}"
        ".compare{border-collapse:collapse;width:100%;table-layout:fixed;min-width:"
        f"{150 + 170 * len(table.columns)}px;font-size:.92rem}}"
        ".compare th,.compare td{text-align:left;vertical-align:top;padding:.45rem .6rem;"
        "border-bottom:1px solid rgba(49,51,63,.15);overflow-wrap:anywhere;white-space:normal}"
        ".compare thead th{font-weight:600;background:rgba(15,118,110,.08)}"
        ".compare tbody th{font-weight:500;color:rgba(49,51,63,.75);width:150px}"
        ".compare thead th:first-child{width:150px}"
        ".compare tr.differs td{background:rgba(240,180,41,.16)}"
        # the facts' names stay in view while a phone scrolls the projects sideways
        ".compare th:first-child{position:sticky;left:0;z-index:1;background:#fff;"
        "box-shadow:1px 0 0 rgba(49,51,63,.15)}"
        ".compare thead th:first-child{background:#e7f1ef}"
        "</style>"
        f"<div class='compare-wrap'><table class='compare'><thead><tr><th scope='col'>{escape(t('shortlist.fact', lang))}"
        f"</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def export_bytes(cat: Catalogue, suffix: str, lang: str, **filters: object) -> bytes:
    """An export (``.csv`` or ``.xlsx``) of published projects as bytes, for a download button."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"export{suffix}"
        cat.export(path, lang=lang, **filters)
        return path.read_bytes()


def field_label(name: str, lang: str) -> str:
    """A template column's header (or a workflow field's name) in ``lang``."""
    column = COLUMNS_BY_NAME.get(name)
    if column is not None:
        return column.header()(lang)
    return enum_label("workflow_field", name)(lang)


_CODE_LIKE = re.compile(r"[0-9A-Za-z][0-9A-Za-z._/-]{0,39}")  # as a project code is written (the import's rule)


def looks_like_code(text: str) -> bool:
    """Whether ``text`` could be a project's code: a link's list echoed back names only those (a
    helper put "<script>…</script>" and other words on the shortlist page through a link)."""
    return bool(_CODE_LIKE.fullmatch(text))


def form_text(value: object, kind: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A stored value as typed into a form field of a page in ``lang``: a number with the page's
    decimal mark ("1234,5" on the Vietnamese page, "1234.5" on the English one), no digit groups.
    :func:`typed_number` reads it back."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if kind in ("latitude", "longitude"):
        return repr(float(value))
    if kind in ("number", "year"):
        number = float(value)
        if number.is_integer():
            return str(int(number))
        return repr(number).replace(".", ",") if is_default(lang) else repr(number)
    return str(value)


_ENGLISH_NUMBER = re.compile(r"\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(\s*\D*)")


def typed_number(text: str, lang: str) -> str:
    """A number field's text as typed on a page in ``lang``, in the Vietnamese way the import's parser
    reads (:func:`catalogue.search.normalize.parse_number`). On the English page a comma groups digits
    and a point is the decimal mark: "1,234" is one thousand two hundred and thirty-four, not 1.234,
    and "2.5" two and a half; a unit after it stays ("1,500 triệu"). The Vietnamese page's text, and
    anything else, is passed on as typed (the parser says what is wrong with it)."""
    if is_default(lang):
        return text
    found = _ENGLISH_NUMBER.fullmatch(text or "")
    if found is None:
        return text
    digits, rest = found.groups()
    return digits.replace(",", "").replace(".", ",") + rest


def value_text(value: object, lang: str) -> str:
    """Any stored or typed value for reading in a diff or comparison."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        return "—"
    if isinstance(value, bool):
        return t("value.yes", lang) if value else t("value.no", lang)
    if isinstance(value, float):
        if value.is_integer():
            return format_number(value, lang, 0)
        return format_number(value, lang, 4).rstrip("0").rstrip(",.")
    return str(value)


def value_label(cat: Catalogue, name: str, value: object, lang: str) -> str:
    """A stored value of field ``name`` for reading: codes of enumerations become labels."""
    if value in (None, ""):
        return "—"
    ref = cat.reference
    enum = {
        "category": ref.categories,
        "status": ref.statuses,
        "archived_status": ref.statuses,
        "investment_form": ref.forms,
        "project_type": ref.types,
        "district": ref.districts,
        "ward": ref.wards,
        "lead_agency": ref.agencies,
    }.get(name)
    if enum is not None and value in enum.codes:
        return enum.label(str(value))(lang)
    if name == "publication":
        from catalogue.staff.workflow import publication_label

        return publication_label(str(value))(lang)
    return value_text(value, lang)
