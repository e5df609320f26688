"""Project filters, resolved once and applied in SQL (``projects``) or on the search index.

Both paths take the same :class:`Filters`, so a search with filters and a listing with the
same filters agree to the project.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from catalogue.errors import InvalidFilterError
from catalogue.projects.reference import Reference
from catalogue.text import Text

CODE_FILTERS = ("category", "project_type", "district", "ward", "status", "investment_form", "lead_agency")
FILTER_NAMES = (*CODE_FILTERS, "code", "min_investment", "max_investment", "demo")


@dataclass(frozen=True)
class Filters:
    """Filters as stored codes; an empty tuple means "any"."""

    category: tuple[str, ...] = ()
    project_type: tuple[str, ...] = ()
    district: tuple[str, ...] = ()
    ward: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    investment_form: tuple[str, ...] = ()
    lead_agency: tuple[str, ...] = ()
    code: tuple[str, ...] = ()  # particular projects (a shortlist)
    min_investment: float | None = None
    max_investment: float | None = None
    demo: bool | None = None
    visible_statuses: tuple[str, ...] = ()  # public statuses, unless hidden ones were asked for

    def conditions(self) -> list[Condition]:
        """The rules these filters set, once: :meth:`sql` writes them for DuckDB and the search
        index evaluates them on its arrays (``SearchIndex._filter_mask``)."""
        found = [Condition(name, "in", getattr(self, name)) for name in (*CODE_FILTERS, "code") if getattr(self, name)]
        if self.min_investment is not None:
            found.append(Condition("investment_vnd_bn", ">=", self.min_investment))
        if self.max_investment is not None:
            found.append(Condition("investment_vnd_bn", "<=", self.max_investment))
        if self.demo is not None:
            found.append(Condition("demo", "=", self.demo))
        if self.visible_statuses:  # the public's view: a public stage, and published after review
            found.append(Condition("status", "in", self.visible_statuses))
            found.append(Condition("publication", "published", True))
        return found

    def sql(self) -> tuple[str, list[Any]]:
        """A ``where`` clause (with leading space, or empty) and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        for condition in self.conditions():
            text, values = condition.sql()
            clauses.append(text)
            params.extend(values)
        return (" where " + " and ".join(clauses)) if clauses else "", params


@dataclass(frozen=True)
class Condition:
    """One rule a project must meet: ``column`` is ``in`` codes, ``>=``/``<=`` a number, ``=`` a flag
    (missing is false), or (``published``) published after review (missing is published: older data)."""

    column: str
    operator: str
    value: Any

    def sql(self) -> tuple[str, list[Any]]:
        if self.operator == "in":
            return f"{self.column} in ({', '.join('?' for _ in self.value)})", list(self.value)
        if self.operator == "=":
            return f"coalesce({self.column}, false) = ?", [self.value]
        if self.operator == "published":
            return "coalesce(publication, 'published') = 'published'", []
        return f"{self.column} {self.operator} ?", [self.value]


def resolve_filters(ref: Reference, filters: dict[str, Any], include_hidden: bool = False) -> Filters:
    """Turn user filter values (codes or labels, one or a list) into :class:`Filters`.

    Raises :class:`InvalidFilterError` for a value that names nothing, ``TypeError`` for an
    unknown filter name.
    """
    unknown = set(filters) - set(FILTER_NAMES)
    if unknown:
        raise TypeError(f"unknown filter(s): {', '.join(sorted(unknown))}")
    matchers: dict[str, Callable[[str], str | None]] = {
        "category": ref.categories.match,
        "project_type": ref.types.match,
        "district": ref.match_district,
        "ward": ref.match_ward,
        "status": ref.statuses.match,
        "investment_form": ref.forms.match,
    }
    values: dict[str, Any] = {}
    for name, match in matchers.items():
        values[name] = tuple(dict.fromkeys(_code(name, v, match) for v in _as_list(filters.get(name))))
    values["lead_agency"] = _agency_codes(ref, _as_list(filters.get("lead_agency")))
    values["code"] = tuple(dict.fromkeys(str(c) for c in _as_list(filters.get("code"))))
    for name in ("min_investment", "max_investment"):
        values[name] = _number(name, filters.get(name))
    demo = filters.get("demo")
    values["demo"] = None if demo is None or demo == "" else bool(demo)
    values["visible_statuses"] = () if include_hidden else ref.public_statuses
    return Filters(**values)


def _as_list(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    return [v for v in value if v not in (None, "")] if isinstance(value, (list, tuple, set)) else [value]


def _code(name: str, value: Any, match: Callable[[str], str | None]) -> str:
    code = match(str(value))
    if code is None:
        raise InvalidFilterError(Text.of("filter.unknown_value", value=value, name=name))
    return code


def _agency_codes(ref: Reference, values: list[Any]) -> tuple[str, ...]:
    """An agency and the agencies merged into it: filtering by today's name finds the old."""
    codes: list[str] = []
    for value in values:
        code = ref.agencies.match(str(value))
        if code is None:
            codes.append(str(value))  # a free-text lead agency from an imported file
            continue
        codes.append(code)
        codes.extend(old for old, new in ref.agency_successor.items() if new == code and old != code)
    return tuple(dict.fromkeys(codes))


def _number(name: str, value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError) as exc:
        raise InvalidFilterError(Text.of("filter.not_a_number", value=value, name=name)) from exc
    if number != number or number < 0:
        raise InvalidFilterError(Text.of("filter.negative", name=name))
    return number
