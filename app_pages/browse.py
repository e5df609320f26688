"""Browse and search: filters with live counts, capital range, sort, numbered pages; state in the URL."""

import streamlit as st

from app_pages._filters import active_filters, cleared, filter_panel, go_to, read_state, search_box, sort_choice
from app_pages._results import result_list
from app_pages._state import get_catalogue, language, remember_results, scroll_to_top
from catalogue.projects.browse_state import to_params
from catalogue.projects.views import demo_count, result_cards
from catalogue.text import format_number, t

PAGE_SIZE = 20
lang = language()
cat = get_catalogue()
ref = cat.reference

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

st.title(t("app.title", lang))
st.caption(t("app.subtitle", lang))
search_box(state, lang)
with st.sidebar:
    st.header(t("browse.filters", lang))
    filter_panel(ref, state, lang, result.facets)

demo = demo_count(cat)
if demo:
    st.info(t("browse.demo_notice", lang, count=demo), icon=":material/info:")

chips = active_filters(ref, state, lang)
if chips:  # what is applied, each removable
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

if result.total == 0:
    if cat.count() == 0:
        st.info(t("browse.empty", lang), icon=":material/inventory_2:")
        st.stop()
    st.warning(t("browse.no_match_filters" if chips else "browse.no_match", lang), icon=":material/search_off:")
    # Which one filter to drop to find something, with what it would find.
    relaxed = []
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
    st.stop()

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
)
sort_choice(state, lang, container=sort_col)

result_list(result_cards(cat, result.hits, lang), lang)


def _go_to_page(number: int) -> None:
    go_to(state.with_changes(page=number))
    st.session_state["scroll_top"] = True


if pages > 1:
    window = sorted({1, pages, *range(max(1, state.page - 2), min(pages, state.page + 2) + 1)})
    with st.container(horizontal=True, gap="small", key="pager"):
        st.button(
            "‹",
            key="page-previous",
            disabled=state.page <= 1,
            on_click=_go_to_page,
            args=(state.page - 1,),
            help=t("browse.previous", lang),
        )
        previous = 0
        for number in window:
            if number - previous > 1:
                st.markdown("…")
            st.button(
                format_number(number, lang, 0),
                key=f"page-{number}",
                type="primary" if number == state.page else "secondary",
                on_click=_go_to_page,
                args=(number,),
            )
            previous = number
        st.button(
            "›",
            key="page-next",
            disabled=state.page >= pages,
            on_click=_go_to_page,
            args=(state.page + 1,),
            help=t("browse.next", lang),
        )
    st.caption(t("browse.page", lang, page=state.page, pages=pages))
if st.session_state.pop("scroll_top", False):
    scroll_to_top()

with st.expander(t("about.title", lang)):
    st.write(t("about.body", lang))
st.caption(t("browse.source", lang))
