"""The browse page's state as it travels in a URL, read leniently and written canonically.

``parse_params`` never raises: a value that names nothing (an unknown category,
``min_vnd=abc``) is dropped with a message in every language, so a shared link always opens
something sensible.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from catalogue.projects.reference import Reference
from catalogue.search.index import SORTS
from catalogue.search.normalize import clean_text
from catalogue.text import DEFAULT_LANGUAGE, LANGUAGES, Text, is_default, t

MAX_QUERY = 200
PAGE_SIZES = (20, 50, 100)
VIEWS = ("cards", "table", "map")  # how the results are shown: cards, a table to compare, a map
LIST_PARAMS = {
    "category": "category",
    "type": "project_type",
    "district": "district",
    "ward": "ward",
    "status": "status",
    "form": "investment_form",
    "agency": "lead_agency",
}


@dataclass(frozen=True)
class BrowseState:
    q: str = ""
    category: tuple[str, ...] = ()
    type: tuple[str, ...] = ()
    district: tuple[str, ...] = ()
    ward: tuple[str, ...] = ()  # 2025 wards and communes
    status: tuple[str, ...] = ()
    form: tuple[str, ...] = ()
    agency: tuple[str, ...] = ()
    min_vnd: float | None = None
    max_vnd: float | None = None
    sort: str = "relevance"
    lang: str = DEFAULT_LANGUAGE
    page: int = 1
    view: str = "cards"

    def filters(self) -> dict[str, Any]:
        """Keyword filters for ``Catalogue.search_page`` and ``Catalogue.projects``."""
        return {
            "category": list(self.category),
            "project_type": list(self.type),
            "district": list(self.district),
            "ward": list(self.ward),
            "status": list(self.status),
            "investment_form": list(self.form),
            "lead_agency": list(self.agency),
            "min_investment": self.min_vnd,
            "max_investment": self.max_vnd,
        }

    def with_changes(self, **changes: Any) -> BrowseState:
        """A copy with ``changes``; any change but the page goes back to page 1."""
        page = changes.pop("page", 1)
        return replace(self, page=page, **changes)


@dataclass(frozen=True)
class ParamProblem:
    param: str
    value: str
    text: Text  # what was wrong with the parameter, and what was done instead


@dataclass
class _Reader:
    params: Mapping[str, Any]
    problems: list[ParamProblem] = field(default_factory=list)

    def _items(self, name: str) -> list[Any]:
        """The parameter's values as given (``?a=1&a=2`` gives two)."""
        raw = self.params.get(name)
        return [] if raw is None else list(raw) if isinstance(raw, (list, tuple)) else [raw]

    def values(self, name: str) -> list[str]:
        # Accept both ?category=a&category=b and ?category=a,b.
        return [part.strip() for item in self._items(name) for part in str(item).split(",") if part.strip()]

    def texts(self, name: str) -> list[str]:
        """The values of a free-text parameter, commas kept ("5,000 tonnes" is one query)."""
        return [str(item).strip() for item in self._items(name) if str(item).strip()]

    def choices(self, name: str, match: Callable[[str], str | None]) -> list[tuple[str, str | None]]:
        """(value, code or None) for each value of ``name``: a value that names a choice whole keeps
        its commas ("Tái chế, tái sử dụng chất thải", a label); any other is split at them."""
        found: list[tuple[str, str | None]] = []
        for item in self._items(name):
            whole = str(item).strip()
            code = match(whole) if whole and "," in whole else None
            if code is not None:
                found.append((whole, code))
            else:
                found += [(part.strip(), match(part.strip())) for part in whole.split(",") if part.strip()]
        return found

    def refuse(self, name: str, value: str, text: Text) -> None:
        self.problems.append(ParamProblem(name, value, text))


# A parameter as the page names it (the label of its filter), in a message a visitor reads.
_LABELS = {
    name: f"browse.{name}" for name in ("category", "type", "district", "ward", "status", "form", "agency", "sort")
}
_LABELS |= {"min_vnd": "browse.min_vnd", "max_vnd": "browse.max_vnd", "lang": "app.language", "view": "browse.view"}


def _said(key: str, name: str, **values: object) -> Text:
    """Message ``key`` about parameter ``name``, which it names by its label in each language."""
    return Text.each(lambda lang: t(key, lang, name=t(_LABELS[name], lang) if name in _LABELS else name, **values))


def parse_params(params: Mapping[str, Any], ref: Reference) -> tuple[BrowseState, list[ParamProblem]]:
    """Read ``q``, ``category``, ``type``, ``district``, ``ward``, ``status``, ``form``, ``agency``, ``min_vnd``, ``max_vnd``,
    ``sort``, ``lang``, ``page`` and ``view`` from URL parameters; unknown or bad values are dropped."""
    reader = _Reader(params)
    values: dict[str, Any] = {}
    query = clean_text(" ".join(reader.texts("q")))  # no invisible or bidirectional controls, as every text
    values["q"] = query[:MAX_QUERY]
    matchers = {
        "category": ref.categories.match,
        "type": ref.types.match,
        "district": ref.match_district,
        "ward": ref.match_ward,
        "status": ref.statuses.match,
        "form": ref.forms.match,
        "agency": ref.agencies.match,
    }
    for name, match in matchers.items():
        codes = []
        for value, code in reader.choices(name, match):
            if code is None or (name == "status" and code not in ref.public_statuses):
                reader.refuse(name, value, _said("browse.param_ignored", name, value=value))
            elif code not in codes:
                codes.append(code)
        values[name] = tuple(codes)
    for name in ("min_vnd", "max_vnd"):
        values[name] = _amount(reader, name)
    if values["min_vnd"] is not None and values["max_vnd"] is not None and values["min_vnd"] > values["max_vnd"]:
        reader.refuse("max_vnd", str(values["max_vnd"]), Text.of("browse.param_swapped"))
        values["min_vnd"], values["max_vnd"] = values["max_vnd"], values["min_vnd"]
    values["sort"] = _choice(reader, "sort", SORTS, "relevance")
    values["lang"] = _choice(reader, "lang", LANGUAGES, DEFAULT_LANGUAGE)
    values["page"] = _page(reader)
    values["view"] = _choice(reader, "view", VIEWS, "cards")
    return BrowseState(**values), reader.problems


def to_params(state: BrowseState) -> dict[str, str | list[str]]:
    """The URL parameters for ``state``: defaults are left out, so links stay short."""
    params: dict[str, str | list[str]] = {}
    if state.q.strip():
        params["q"] = state.q.strip()
    for name in LIST_PARAMS:
        codes = getattr(state, name)
        if codes:
            params[name] = list(codes)
    for name in ("min_vnd", "max_vnd"):
        value = getattr(state, name)
        if value is not None:
            params[name] = f"{value:g}"
    if state.sort != "relevance":
        params["sort"] = state.sort
    if not is_default(state.lang):
        params["lang"] = state.lang
    if state.page > 1:
        params["page"] = str(state.page)
    if state.view != "cards":
        params["view"] = state.view
    return params


def _amount(reader: _Reader, name: str) -> float | None:
    values = reader.values(name)
    if not values:
        return None
    text = values[-1]
    try:
        number = float(text.replace(" ", ""))
    except ValueError:
        number = float("nan")
    if number != number or number < 0 or number == float("inf"):
        reader.refuse(name, text, _said("browse.param_amount", name, value=text))
        return None
    return number


def _choice(reader: _Reader, name: str, allowed: tuple[str, ...], default: str) -> str:
    values = reader.values(name)
    if not values:
        return default
    if values[-1] not in allowed:
        reader.refuse(
            name, values[-1], _said("browse.param_choice", name, value=values[-1], allowed=", ".join(allowed))
        )
        return default
    return values[-1]


def _page(reader: _Reader) -> int:
    values = reader.values("page")
    if not values:
        return 1
    if not values[-1].isdigit() or int(values[-1]) < 1:
        reader.refuse("page", values[-1], Text.of("browse.param_page"))
        return 1
    return min(int(values[-1]), 100_000)


def option_order(codes: list[str], counts: dict[str, int] | None, key: Callable[[str], Any] | None = None) -> list[str]:
    """A facet's options as a reader looks for them: by ``key`` (a label's ``collation_key`` in the
    reader's language; None keeps the list's own order, the plan's or the stages'), options with no
    project here (``counts``) last."""
    keys = {code: key(code) if key is not None else 0 for code in codes}
    return sorted(codes, key=lambda code: (counts is not None and not counts.get(code), keys[code]))
