"""The search box and filters shared by the browse page and the dashboard.

The URL is the state: every run reads the page's parameters (``?q=…&category=…``), the widgets
are set from them, and a change in a widget writes the URL, which the next run reads. So Back,
a reload, a shared link and the page's own links all show exactly what is applied.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape as html_escape

import streamlit as st

from app_pages._state import page_params, set_page_params
from app_pages._widgets import bound, sync_value
from catalogue.projects.browse_state import MAX_QUERY, BrowseState, option_order, parse_params, to_params
from catalogue.projects.money import exchange_rate, read_amount
from catalogue.projects.reference import Reference
from catalogue.search.normalize import NumberFormatError
from catalogue.text import collation_key, format_date, format_number, format_usd_m, is_default, t


@dataclass(frozen=True)
class Facet:
    field: str  # BrowseState attribute and URL parameter
    label: str  # translation key
    facet: str  # facet name in a SearchResult
    ordered: bool = False  # the options keep their own order (the plan's, the stages'), else alphabetical
    in_use: bool = False  # only the options with projects here (and those chosen): a long list


FACETS = (
    Facet("category", "browse.category", "category", ordered=True),
    Facet("type", "browse.type", "project_type", ordered=True),
    Facet("district", "browse.district", "district"),
    Facet("ward", "browse.ward", "ward", in_use=True),
    Facet("status", "browse.status", "status", ordered=True),
    Facet("form", "browse.form", "investment_form"),
    Facet("agency", "browse.agency", "lead_agency", in_use=True),
)
SORTS = ("relevance", "investment", "updated", "code")


def _enum(ref: Reference, field: str):
    return {
        "category": ref.categories,
        "type": ref.types,
        "district": ref.districts,
        "ward": ref.wards,
        "status": ref.statuses,
        "form": ref.forms,
        "agency": ref.agencies,
    }[field]


def read_state(ref: Reference, lang: str) -> BrowseState:
    """The page's state from its URL; parameters that name nothing are dropped with a message.

    The widgets are set to this state, so what they show is what is applied.
    """
    state, problems = parse_params(page_params(), ref)
    state = state.with_changes(lang=lang, page=state.page)
    if problems:
        for problem in problems:
            st.toast(problem.text(lang), icon=":material/info:", duration="long")
        set_page_params(to_params(state))  # canonical: the message is shown once
    if st.session_state.pop("f_swapped", False):
        st.toast(t("browse.swapped", lang), icon=":material/swap_horiz:")
    unread = st.session_state.pop("f_amount_unread", None)
    if unread is not None:  # a capital typed that is not one amount: said, and the bound kept as it was
        st.toast(unread(lang), icon=":material/error:", duration="long")
    sync_value("f_q", state.q)
    for facet in FACETS:
        sync_value(f"f_{facet.field}", list(getattr(state, facet.field)))
    sync_value("f_min", format_number(state.min_vnd, lang, 2))  # as the page writes numbers ("1.000")
    sync_value("f_max", format_number(state.max_vnd, lang, 2))
    sync_value("f_sort", state.sort)
    sync_value("f_view", state.view)
    return state


def _typed_amount(key: str, kept: float | None, lang: str) -> float | None:
    """The capital typed in field ``key``, read the page's way ("1.000" on the Vietnamese page is one
    thousand); what is not an amount keeps ``kept`` and is said on the next run."""
    try:
        return read_amount(st.session_state.get(key), decimal_comma=is_default(lang))
    except NumberFormatError as unread:
        st.session_state["f_amount_unread"] = unread.text
        return kept


def _state_from_widgets(current: BrowseState) -> BrowseState:
    s = st.session_state
    low = _typed_amount("f_min", current.min_vnd, current.lang)
    high = _typed_amount("f_max", current.max_vnd, current.lang)
    if low is not None and high is not None and low > high:
        low, high = high, low
        s["f_swapped"] = True
    return current.with_changes(
        q=(s.get("f_q") or "").strip()[:200],
        # every facet of FACETS, none listed twice (the project type was once left out here: chosen, undone)
        **{facet.field: tuple(s.get(f"f_{facet.field}") or ()) for facet in FACETS},
        min_vnd=low,
        max_vnd=high,
        sort=s.get("f_sort") or "relevance",
        view=s.get("f_view") or current.view,
    )


def apply_widgets(current: BrowseState) -> Callable[[], None]:
    """A callback that writes the widgets' values to the URL (back to page 1)."""

    def apply() -> None:
        set_page_params(to_params(_state_from_widgets(current)))

    return apply


def page_of(current: BrowseState, number: int) -> BrowseState:
    """Page ``number`` of the results, unless the widgets hold something not applied yet (words
    typed, then the pager pressed: the field's change and the press arrive together): then that,
    from its first page."""
    shown = _state_from_widgets(current)  # (on its first page)
    if shown != current.with_changes(page=1):
        return shown
    return current.with_changes(page=max(1, number))


def go_to(state: BrowseState) -> None:
    """Show ``state`` (a relaxed filter, a cleared search …): the URL changes, the widgets follow."""
    set_page_params(to_params(state))


def search_box(state: BrowseState, lang: str, *, container=st) -> None:
    bound(
        container.text_input,
        t("browse.search", lang),
        key="f_q",
        default="",
        placeholder=t("browse.search_hint", lang),
        on_change=apply_widgets(state),
        max_chars=5 * MAX_QUERY,  # a pasted paragraph is taken (a box with a smaller limit refused it whole) …
    )
    if len(state.q) >= MAX_QUERY:  # … and searched by its beginning, said so
        container.caption(t("browse.query_cut", lang, limit=MAX_QUERY))


def filter_panel(ref: Reference, state: BrowseState, lang: str, facets: dict[str, dict[str, int]] | None) -> None:
    """The filters, each option with its count when ``facets`` are given (options in use first)."""
    apply = apply_widgets(state)
    for facet in FACETS:
        enum = _enum(ref, facet.field)
        chosen = list(getattr(state, facet.field))
        counts = (facets or {}).get(facet.facet) if facets is not None else None
        options = list(ref.public_statuses) if facet.field == "status" else list(enum.codes)
        if facet.in_use:  # some hundred wards or agencies: those with projects here, and those chosen
            options = [c for c in options if counts is None or c in counts or c in chosen]
        if not facet.ordered:  # alphabetical in the reader's language
            options = option_order(options, counts, lambda code, enum=enum: collation_key(enum.label(code)(lang), lang))
        else:
            options = option_order(options, counts)

        def label(code: str, enum=enum, counts=counts, chosen=chosen) -> str:
            text = enum.label(code)(lang)
            if counts is None:
                return text
            # beside a filter already in use, another option says how many choosing it as well adds
            more = "+" if chosen and code not in chosen else ""
            return f"{text} ({more}{format_number(counts.get(code, 0), lang, 0)})"

        bound(
            st.multiselect,
            t(facet.label, lang),
            key=f"f_{facet.field}",
            default=[],
            options=options,
            format_func=label,
            on_change=apply,
            placeholder=t("browse.choose", lang),
            # no "Select all" (in English only; every ward at once made a very long address and
            # asked nothing a person means)
            select_all=False,
        )
    _capital_range(state, lang, apply)


def _capital_range(state: BrowseState, lang: str, apply: Callable[[], None]) -> None:
    """From and up to, in tỷ đồng (an emptied field is no bound), and the range in USD."""
    low, high = st.columns(2)
    # Text, read the page's way: a number box reads "1.000" typed on the Vietnamese page as 1 (a
    # helper's search listed all 65 projects for "from 1.000 tỷ"); an emptied field is no bound
    for column, key, label in ((low, "f_min", "browse.min_vnd"), (high, "f_max", "browse.max_vnd")):
        bound(
            column.text_input,
            t(label, lang),
            key=key,
            default="",
            placeholder=t("browse.amount_help", lang),
            max_chars=24,
            on_change=apply,
        )
    if state.min_vnd is not None or state.max_vnd is not None:
        rate = exchange_rate()
        st.caption(
            t(
                "browse.usd_range",
                lang,
                low=format_usd_m(rate.usd_millions(state.min_vnd or 0), lang) or "0",
                high=format_usd_m(rate.usd_millions(state.max_vnd), lang) or "…",
                rate=format_number(rate.vnd_per_usd, lang, 0),
                date=format_date(rate.as_of, lang),
            )
        )


def sort_choice(state: BrowseState, lang: str, *, container=st) -> None:
    bound(
        container.selectbox,
        t("browse.sort", lang),
        key="f_sort",
        default="relevance",
        options=list(SORTS),
        format_func=lambda code: t(f"sort.{code}", lang),
        on_change=apply_widgets(state),
    )


VIEW_ICONS = {"cards": ":material/view_agenda:", "table": ":material/table_rows:", "map": ":material/map:"}


def view_choice(state: BrowseState, lang: str, *, container=st) -> None:
    """Cards, a table (sortable columns, to compare many) or a map of the results."""
    bound(
        container.segmented_control,
        t("browse.view", lang),
        key="f_view",
        default="cards",
        options=list(VIEW_ICONS),
        format_func=lambda code: f"{VIEW_ICONS[code]} {t(f'view.{code}', lang)}",
        on_change=apply_widgets(state),
        required=True,
    )


def active_filters(ref: Reference, state: BrowseState, lang: str) -> list[tuple[str, BrowseState]]:
    """Each filter in use as (its label, the state without it): for chips and for "without this filter"."""
    chips = []
    for facet in FACETS:
        enum = _enum(ref, facet.field)
        for code in getattr(state, facet.field):
            rest = tuple(c for c in getattr(state, facet.field) if c != code)
            chips.append(
                (f"{t(facet.label, lang)}: {enum.label(code)(lang)}", state.with_changes(**{facet.field: rest}))
            )
    if state.min_vnd is not None:
        chips.append(
            (
                f"{t('browse.min_vnd', lang)}: {format_number(state.min_vnd, lang, 2)}",
                state.with_changes(min_vnd=None),
            )
        )
    if state.max_vnd is not None:
        chips.append(
            (
                f"{t('browse.max_vnd', lang)}: {format_number(state.max_vnd, lang, 2)}",
                state.with_changes(max_vnd=None),
            )
        )
    return chips


def cleared(state: BrowseState) -> BrowseState:
    """``state`` without any filter (the search words and the sort stay)."""
    return BrowseState(q=state.q, sort=state.sort, lang=state.lang, view=state.view)


_OPEN_FILTERS = """<style>
.open-filters { display: none; }
@media (max-width: 767px) { .open-filters { display: inline-flex; align-items: center; gap: 0.4rem; font: inherit;
  color: inherit; background: transparent; border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem;
  padding: 0.35rem 0.8rem; cursor: pointer; min-height: 2.5rem; } }
.open-filters:focus-visible { outline: 2px solid #0f766e; outline-offset: 2px; }
</style>
<button type="button" class="open-filters">LABEL</button>
<script>
for (const button of document.querySelectorAll(".open-filters")) {
  button.onclick = () => {
    const expand = document.querySelector('[data-testid="stExpandSidebarButton"]');
    const target = expand && (expand.tagName === "BUTTON" ? expand : expand.querySelector("button"));
    if (target) target.click();
  };
}
</script>"""


def open_filters_button(state: BrowseState, ref: Reference, lang: str) -> None:
    """On a phone the filters sit in the folded sidebar behind a small arrow at the top: a button by
    the results says so, with how many are in use, and opens it (hidden on a wider screen, where the
    sidebar shows)."""
    used = len(active_filters(ref, state, lang))
    label = t("browse.open_filters_used", lang, count=used) if used else t("browse.open_filters", lang)
    st.html(_OPEN_FILTERS.replace("LABEL", html_escape(label)), unsafe_allow_javascript=True)
