"""Browse and search: filters with live counts, capital range, sort, numbered pages; state in the URL."""

from urllib.parse import urlencode

import streamlit as st

from app_pages._filters import (
    active_filters,
    cleared,
    filter_panel,
    go_to,
    open_filters_button,
    page_of,
    read_state,
    search_box,
    sort_choice,
    view_choice,
)
from app_pages._landing import headline_tiles, newest_projects
from app_pages._map import project_map
from app_pages._results import result_list
from app_pages._state import get_catalogue, global_params, keep_alert, language, remember_results, share_base
from catalogue.projects import alerts
from catalogue.projects.browse_state import BrowseState, to_params
from catalogue.projects.landing import headline
from catalogue.projects.views import TABLE_COLUMNS, demo_count, escape_markdown, result_cards, result_table
from catalogue.search.index import SearchResult
from catalogue.text import format_number, is_default, t

PAGE_SIZE = 20
TABLE_ROWS = 500  # the table view: this many results at once, to sort and compare
MAP_POINTS = 5000  # the map view: this many results
lang = language()
cat = get_catalogue()
ref = cat.reference

with st.container(key="hero"):
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


def _nothing_found(state: BrowseState, chips: list[tuple[str, BrowseState]], result: SearchResult) -> None:
    """No result: say so, name the words no project holds (and offer the search without them), offer
    the closest words of the catalogue ("did you mean"), and the filters (or the words) whose removal
    would find something."""
    suggestion = result.suggestion
    if cat.count() == 0:
        st.info(t("browse.empty", lang), icon=":material/inventory_2:")
        return
    message = "browse.no_match_both" if chips and state.q else "browse.no_match_filters" if chips else "browse.no_match"
    if message == "browse.no_match" and len(state.q.split()) < 2:
        message = "browse.no_match_one"  # "try fewer words" says nothing to one word
    elif message == "browse.no_match" and result.unmatched and not result.without_unmatched:
        message = "browse.no_match_none"  # "pH COD BOD5": fewer of them would not help either
    st.warning(
        t(message, lang, words=_quoted(result.unmatched)) if message == "browse.no_match_none" else t(message, lang),
        icon=":material/search_off:",
    )
    if message != "browse.no_match_none":
        _unmatched_words(state, result)
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


def _quoted(words: tuple[str, ...]) -> str:
    return ", ".join(f"“{word}”" for word in words)


def _unmatched_words(state: BrowseState, result: SearchResult) -> None:
    """Which words of a search of several no project holds ("SO3" of "Lò hơi SO3"), and a button
    searching without them when that finds something."""
    if result.unmatched and len(state.q.split()) > 1:
        st.caption(t("browse.unmatched", lang, words=_quoted(result.unmatched)))
    if result.without_unmatched:
        st.button(
            t("browse.without_unmatched", lang, words=result.without_unmatched),
            key="without-unmatched",
            icon=":material/backspace:",
            on_click=go_to,
            args=(state.with_changes(q=result.without_unmatched, page=1),),
        )


def _count_and_sort(state: BrowseState, result: SearchResult, pages: int) -> None:
    count_col, view_col, sort_col = st.columns([3, 3, 2], vertical_alignment="bottom")
    first = (state.page - 1) * PAGE_SIZE + 1
    shown_all = pages == 1 or state.view != "cards"  # the table and the map show every result (up to their limits)
    found = (
        t("browse.count", lang, count=format_number(result.total, lang, 0))
        if shown_all
        else t(
            "browse.count_range",
            lang,
            first=format_number(first, lang, 0),
            last=format_number(first + len(result.hits) - 1, lang, 0),
            count=format_number(result.total, lang, 0),
        )
    )  # and how many match every word, on one page of results too (the sum bound only to the range)
    count_col.markdown(
        found + (f" · {t('browse.every_word', lang, count=result.complete)}" if result.complete > 0 else "")
    )
    view_choice(state, lang, container=view_col)
    sort_choice(state, lang, container=sort_col)


def _table(state: BrowseState) -> None:
    """The results as a table: every column sorts when its header is pressed; a code opens the project."""
    result = cat.search_page(state.q, limit=TABLE_ROWS, sort=state.sort, facets=False, **state.filters())
    table = result_table(cat, [hit.code for hit in result.hits], lang)
    table["code"] = [f"project?{urlencode({'code': code, **global_params()})}" for code in table["code"]]
    headers = {name: t(f"table.{name}", lang) for name in TABLE_COLUMNS}
    every: dict[str, object] = {}
    if result.complete > 0:  # which rows match every word: the first ones, then those matching some
        table.insert(1, "every", ["✓" if row < result.complete else "" for row in range(len(table))])
        every["every"] = st.column_config.TextColumn(t("table.every_word", lang), width="small")
    if is_default(lang):  # "55.8" reads as 55 800 where "." groups thousands: whole thousands of USD
        table["usd"] = (table["usd"] * 1000).round()
        headers["usd"] = t("table.usd_thousands", lang)
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        height=min(38 * (len(table) + 1) + 3, 640),
        column_config={
            "code": st.column_config.LinkColumn(headers["code"], display_text=r"code=([^&]+)", pinned=True),
            "name": st.column_config.TextColumn(headers["name"], width="medium"),
            # "localized" follows the browser's locale, not the page's: on a Vietnamese page an English
            # browser wrote 1,250 (read as 1,25); whole tỷ đồng without separators cannot be misread
            # ("plain" showed 95.00000000000001)
            "investment": st.column_config.NumberColumn(
                headers["investment"], format="%.0f" if is_default(lang) else "localized"
            ),
            "usd": st.column_config.NumberColumn(headers["usd"], format="%.0f" if is_default(lang) else "%.1f"),
            "updated": st.column_config.DateColumn(headers["updated"], format="localized"),
            **{name: headers[name] for name in ("category", "ward", "district", "form", "status")},
            **every,
        },
        key="results-table",
    )
    if result.total > TABLE_ROWS:
        st.caption(t("browse.table_limit", lang, shown=format_number(TABLE_ROWS, lang, 0)))
    else:
        st.caption(t("browse.table_note", lang))


def _map(state: BrowseState) -> None:
    result = cat.search_page(state.q, limit=MAP_POINTS, sort=state.sort, facets=False, **state.filters())
    project_map(cat, lang, [hit.code for hit in result.hits], key="results-map")


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

    if not state.q:  # browsing: the figures, which filter; searching: the results first
        headline_tiles(headline(cat), state, lang, on_press=go_to)
    search_box(state, lang)
    open_filters_button(state, ref, lang)
    if state == BrowseState(lang=state.lang):  # the first screen: nothing asked yet
        map_col, new_col = st.columns([2, 1], gap="medium")
        with map_col:
            project_map(cat, lang, key="landing-map")
        with new_col:
            newest_projects(headline(cat), lang)
    with filters_box:
        st.header(t("browse.filters", lang))
        filter_panel(ref, state, lang, result.facets)
    chips = _chips(state)
    if result.total == 0:
        _nothing_found(state, chips, result)
        return
    _count_and_sort(state, result, pages)
    if result.complete == 0:  # no project has every word: the closest, said so, and what none holds
        st.info(t("browse.closest", lang), icon=":material/manage_search:")
        _unmatched_words(state, result)

    def _go_to_page(number: int) -> None:
        go_to(page_of(state, number))

    if state.view != "cards":
        (_table if state.view == "table" else _map)(state)
        follow(state)
        return
    result_list(
        result_cards(cat, result.hits, lang),
        lang,
        page=state.page,
        pages=pages,
        on_page=_go_to_page,
        separator=_separator(state, result),
    )
    follow(state)


def _separator(state: BrowseState, result: SearchResult) -> tuple[int, str] | None:
    """Where on this page the heading "also matching some of your words" stands: where the complete
    matches end, or above a page of partial matches only."""
    first = (state.page - 1) * PAGE_SIZE
    if not 0 < result.complete < first + PAGE_SIZE:
        return None
    return max(0, result.complete - first), t("browse.also_some", lang, count=result.total - result.complete)


def follow(state: BrowseState) -> None:
    """Follow these results: an Atom feed of the projects newly published or changed in them."""
    params = {k: v for k, v in to_params(state).items() if k not in ("page", "view", "sort")}
    feed = f"{share_base()}/api/v1/feed.atom" + (f"?{urlencode(params, doseq=True)}" if params else "")
    with st.expander(
        t("follow.title", lang), icon=":material/notifications:", expanded="alert-said" in st.session_state
    ):
        st.write(t("follow.feed_help", lang))
        st.link_button(t("follow.feed", lang), feed, icon=":material/rss_feed:")
        # as inline code, to select and copy: a code block (st.code) made every first visit fetch and run
        # Streamlit's 1.5 MB syntax highlighter, some 0.2 s of the first screen (benchmarks/browser_bench.py)
        st.markdown(f"`{feed}`")
        alert_form(params)


def _subscribe(params: dict) -> None:
    """The alert form's callback: keep the address (unconfirmed) and send the confirmation link."""
    state = st.session_state
    email = state.get("alert-email") or ""
    try:
        mailed = keep_alert(cat, email, params, lang, consent=bool(state.get("alert-consent")))
    except alerts.AlertError as error:
        state["alert-said"] = ("error", error.text(lang))
        return
    said = "alerts.check_inbox" if mailed else "alerts.queued"  # a replica whose primary is away: sent later
    state["alert-said"] = ("success", t(said, lang, email=escape_markdown(email.strip())))
    state["alert-email"], state["alert-consent"] = "", False


def alert_form(params: dict) -> None:
    """Leave an e-mail address for these results (double opt-in, one-click unsubscribe)."""
    st.markdown(f"**{t('alerts.title', lang)}**")
    st.caption(t("alerts.help", lang))
    said = st.session_state.pop("alert-said", None)
    if said:
        (st.success if said[0] == "success" else st.error)(said[1])
    with st.form("alert-form", border=False):
        st.text_input(t("alerts.email", lang), key="alert-email", max_chars=254, autocomplete="email")
        st.checkbox(t("alerts.consent", lang), key="alert-consent")
        st.form_submit_button(
            t("alerts.subscribe", lang), icon=":material/mark_email_read:", on_click=_subscribe, args=(params,)
        )


results()

with st.expander(t("about.title", lang)):
    st.write(t("about.body", lang))
st.caption(t("browse.source", lang))
