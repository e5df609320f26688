"""Browse and search: filters with live counts, capital range, sort, numbered pages; state in the URL."""

import streamlit as st

from app_pages._filters import (
    active_filters,
    cleared,
    filter_panel,
    go_to,
    page_of,
    read_state,
    search_box,
    sort_choice,
)
from app_pages._results import result_list
from app_pages._state import get_catalogue, language, remember_results
from catalogue.projects.browse_state import BrowseState, to_params
from catalogue.projects.views import demo_count, result_cards
from catalogue.search.index import SearchResult
from catalogue.text import format_number, t

PAGE_SIZE = 20
lang = language()
cat = get_catalogue()
ref = cat.reference

st.title(t("app.title", lang))
st.caption(t("app.subtitle", lang))
demo = demo_count(cat)
if demo:
    st.info(t("browse.demo_notice", lang, count=demo), icon=":material/info:")
with st.sidebar:
    filters_box = st.container()  # the filters, drawn by the results' fragment below


def _chips(state: BrowseState) -> list[tuple[str, BrowseState]]:
    """The filters applied, each a button that removes it, and "clear all"."""
    chips = active_filters(ref, state, lang)
    if chips:
        with st.container(horizontal=True, gap="small"):
            for index, (label, without) in enumerate(chips):
                st.button(
                    label,
                    key=f"chip-{index}-{label}",
                    icon=":material/close:",
                    on_click=go_to,
                    args=(without,),
                    help=t("browse.remove_filter", lang),
                )
            st.button(
                t("browse.clear", lang),
                key="chip-clear",
                icon=":material/filter_alt_off:",
                type="tertiary",
                on_click=go_to,
                args=(cleared(state),),
            )
    return chips


def _nothing_found(state: BrowseState, chips: list[tuple[str, BrowseState]], suggestion: str = "") -> None:
    """No result: say so, offer the closest words of the catalogue ("did you mean"), and the filters
    (or the words) whose removal would find something."""
    if cat.count() == 0:
        st.info(t("browse.empty", lang), icon=":material/inventory_2:")
        return
    message = "browse.no_match_both" if chips and state.q else "browse.no_match_filters" if chips else "browse.no_match"
    if message == "browse.no_match" and len(state.q.split()) < 2:
        message = "browse.no_match_one"  # "try fewer words" says nothing to one word
    st.warning(t(message, lang), icon=":material/search_off:")
    if suggestion:  # the closest words of the catalogue's own
        st.button(
            t("browse.did_you_mean", lang, words=suggestion),
            key="did-you-mean",
            icon=":material/spellcheck:",
            on_click=go_to,
            args=(state.with_changes(q=suggestion, page=1),),
        )
    if chips and state.q:  # the words may be what finds nothing
        chips = [*chips, (t("browse.words_chip", lang, q=state.q), state.with_changes(q=""))]
    relaxed = []  # which one filter to drop to find something, with what it would find
    for label, without in chips:
        found = cat.search_page(without.q, limit=0, facets=False, **without.filters()).total
        if found:
            relaxed.append((label, without, found))
    if relaxed:
        st.write(t("browse.relax", lang))
        for index, (label, without, found) in enumerate(sorted(relaxed, key=lambda r: -r[2])[:5]):
            st.button(
                t("browse.relax_one", lang, filter=label, count=found),
                key=f"relax-{index}",
                icon=":material/filter_alt_off:",
                on_click=go_to,
                args=(without,),
            )


def _count_and_sort(state: BrowseState, result: SearchResult, pages: int) -> None:
    count_col, sort_col = st.columns([3, 2], vertical_alignment="bottom")
    first = (state.page - 1) * PAGE_SIZE + 1
    count_col.markdown(
        t("browse.count", lang, count=format_number(result.total, lang, 0))
        if pages == 1
        else t(
            "browse.count_range",
            lang,
            first=format_number(first, lang, 0),
            last=format_number(first + len(result.hits) - 1, lang, 0),
            count=format_number(result.total, lang, 0),
        )
        + (f" · {t('browse.every_word', lang, count=result.complete)}" if result.complete > 0 else "")
    )
    sort_choice(state, lang, container=sort_col)


@st.fragment
def results() -> None:
    """The search box, the filters (in the sidebar), the results and the pager, as one fragment:
    typing a search, choosing a filter, a sort or a page reruns this, not the frame around it."""
    state = read_state(ref, lang)
    result = cat.search_page(
        state.q, limit=PAGE_SIZE, offset=(state.page - 1) * PAGE_SIZE, sort=state.sort, **state.filters()
    )
    pages = max(1, -(-result.total // PAGE_SIZE))
    if state.page > pages:  # a link to a page that no longer exists: the last one
        state = state.with_changes(page=pages)
        go_to(state)
        result = cat.search_page(
            state.q, limit=PAGE_SIZE, offset=(pages - 1) * PAGE_SIZE, sort=state.sort, **state.filters()
        )
    remember_results(to_params(state))  # the project page's "Back to the results" returns here

    search_box(state, lang)
    with filters_box:
        st.header(t("browse.filters", lang))
        filter_panel(ref, state, lang, result.facets)
    chips = _chips(state)
    if result.total == 0:
        _nothing_found(state, chips, result.suggestion)
        return
    _count_and_sort(state, result, pages)
    if result.complete == 0:  # no project has every word: the closest, said so
        st.info(t("browse.closest", lang), icon=":material/manage_search:")

    def _go_to_page(number: int) -> None:
        go_to(page_of(state, number))

    first = (state.page - 1) * PAGE_SIZE
    separator = None
    if result.complete > 0 and first <= result.complete < first + PAGE_SIZE:
        separator = (result.complete - first, t("browse.also_some", lang, count=result.total - result.complete))
    result_list(
        result_cards(cat, result.hits, lang),
        lang,
        page=state.page,
        pages=pages,
        on_page=_go_to_page,
        separator=separator,
    )


results()

with st.expander(t("about.title", lang)):
    st.write(t("about.body", lang))
st.caption(t("browse.source", lang))
