"""Enumerations and places, read once from the reference tables, with tolerant matching.

Everything that names a category, form, status, district, ward or agency goes through a
:class:`Reference`: it turns what a user typed ("Quận Đống Đa", "dong da", "XLNT", "BOT")
into the stored code, and a code back into a label in either language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from catalogue.search.normalize import fold, strip_prefix
from catalogue.text import Text, enum_aliases, enum_label

DISTRICT_PREFIXES = ("thi xa", "tx", "quan", "huyen", "q", "h", "district", "town")
WARD_PREFIXES = ("phuong", "xa", "p", "x", "ward", "commune")
DISTRICT_SUFFIXES = (" district", " town")
WARD_SUFFIXES = (" ward", " commune")
DRAFT = "draft"  # the publication state a file's status column may name


@dataclass
class Enumeration:
    """One enumeration: codes in display order, labels, and a folded-text → code index."""

    kind: str
    codes: list[str] = field(default_factory=list)
    labels: dict[str, Text] = field(default_factory=dict)
    index: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)  # other names a code is known by

    def add(self, code: str, label_vi: str, label_en: str, aliases: list[str]) -> None:
        self.add_text(code, Text(vi=label_vi, en=label_en), aliases)

    def add_text(self, code: str, label: Text, aliases: list[str] | tuple[str, ...]) -> None:
        self.codes.append(code)
        self.labels[code] = label
        self.aliases[code] = [alias for alias in aliases if alias]
        for text in [code, *label.as_dict().values(), *aliases]:
            key = fold(text or "")
            if key:
                self.index.setdefault(key, code)

    def label(self, code: str | None) -> Text:
        """The code's label in every language; an unknown code stands for itself."""
        if code is None:
            return Text()
        text = self.labels.get(code)
        return Text(vi=code) if text is None else text

    def match(self, text: str) -> str | None:
        return self.index.get(fold(text))


class Reference:
    """The catalogue's reference data, loaded from a database cursor."""

    def __init__(self, cur: duckdb.DuckDBPyConnection) -> None:
        self.categories = self._load(
            cur, "categories", "select code, label_vi, label_en, aliases from categories order by sort_order"
        )
        # the plan's own wording of each category ("Sản xuất thiết bị xử lý nước thải, khí thải"):
        # an agency's list may head a section with it
        self.category_wordings: dict[str, str] = dict(
            cur.execute("select code, plan_wording_vi from categories where plan_wording_vi is not null").fetchall()
        )
        self.forms = self._load(
            cur,
            "investment_forms",
            "select code, label_vi, label_en, aliases from investment_forms order by sort_order",
        )
        self.types = self._load(  # the kind of project (plan III.3), a facet beside the category
            cur, "project_types", "select code, label_vi, label_en, aliases from project_types order by sort_order"
        )
        self.statuses = self._load(
            cur, "statuses", "select code, label_vi, label_en, aliases from statuses order by sort_order"
        )
        # "Draft" in a file's status column is the publication state (enumerations.csv), never a
        # stage: the import reads it as "waiting for review" (projects/upsert.py).
        self.import_statuses = Enumeration("status", list(self.statuses.codes), dict(self.statuses.labels))
        self.import_statuses.index = dict(self.statuses.index)
        self.import_statuses.add_text(DRAFT, enum_label("publication", DRAFT), enum_aliases("publication", DRAFT))
        self.public_statuses: tuple[str, ...] = tuple(
            code for (code,) in cur.execute("select code from statuses where is_public order by sort_order").fetchall()
        )
        self.districts = Enumeration("district")
        # (attribute, code) → the place's kind as the lists write it ("quan", "huyen", "phuong", "xa"…)
        self.place_kinds: dict[tuple[str, str], str] = {}
        for code, name_vi, name_en, gso, kind in cur.execute(
            "select code, name_vi, name_en, gso_code, kind from districts order by name_vi"
        ).fetchall():
            self.districts.add(code, name_vi, name_en, [gso])
            self.place_kinds[("district", code)] = kind
        self.wards = Enumeration("ward")
        self.ward_district: dict[str, str] = {}
        for code, name_vi, name_en, gso, district, kind in cur.execute(
            "select code, name_vi, name_en, gso_code, principal_former_district, kind from wards order by name_vi"
        ).fetchall():
            self.wards.add(code, name_vi, name_en, [gso])
            self.ward_district[code] = district
            self.place_kinds[("ward", code)] = kind
        self.agencies = Enumeration("agency")
        self.agency_successor: dict[str, str] = {}
        for code, name_vi, name_en, abbreviations, successor in cur.execute(
            "select code, name_vi, name_en, abbreviations, successor_code from agencies order by name_vi"
        ).fetchall():
            self.agencies.add(code, name_vi, name_en, _split(abbreviations))
            self.agency_successor[code] = successor

    @staticmethod
    def _load(cur: duckdb.DuckDBPyConnection, kind: str, sql: str) -> Enumeration:
        enum = Enumeration(kind)
        for code, label_vi, label_en, aliases in cur.execute(sql).fetchall():
            enum.add(code, label_vi, label_en, _split(aliases))
        return enum

    def match_district(self, text: str) -> str | None:
        key = fold(text)
        for suffix in DISTRICT_SUFFIXES:
            key = key.removesuffix(suffix)
        return self.districts.index.get(key) or self.districts.index.get(strip_prefix(key, DISTRICT_PREFIXES))

    def match_ward(self, text: str) -> str | None:
        key = fold(text)
        for suffix in WARD_SUFFIXES:
            key = key.removesuffix(suffix)
        return self.wards.index.get(key) or self.wards.index.get(strip_prefix(key, WARD_PREFIXES))

    def enumeration(self, kind: str) -> Enumeration:
        return {
            "category": self.categories,
            "investment_form": self.forms,
            "project_type": self.types,
            "status": self.import_statuses,
            "district": self.districts,
            "ward": self.wards,
            "agency": self.agencies,
            "lead_agency": self.agencies,  # as the projects' column is named
        }[kind]


def _split(aliases: str | None) -> list[str]:
    return [a.strip() for a in (aliases or "").split("|") if a.strip()]
