"""Browse and search: filters with live counts, capital range, sort, paging; state in the URL."""

import streamlit as st

from catalogue.browse_state import parse_params, to_params
from catalogue.i18n import format_number, format_vnd_bn, t
from catalogue.money import exchange_rate, format_usd_m
from catalogue.views import demo_count, result_cards
from pages._state import get_catalogue, language, shortlist_button

PAGE_SIZE = 20
lang = language()
cat = get_catalogue()
ref = cat.reference

if "browse" not in st.session_state:  # first run of this session: the URL decides
    state, problems = parse_params(
        st.query_params.to_dict() | {k: st.query_params.get_all(k) for k in st.query_params}, ref
    )
    st.session_state["browse"] = state.with_changes(lang=lang, page=state.page)
    st.session_state.update(
        {
            "q": state.q,
            "f_category": list(state.category),
            "f_district": list(state.district),
            "f_status": list(state.status),
            "f_form": list(state.form),
            "f_agency": list(state.agency),
            "f_min": state.min_vnd,
            "f_max": state.max_vnd,
            "f_sort": state.sort,
        }
    )
    for problem in problems:
        st.toast(problem.text(lang), icon=":material/info:")


def _from_widgets() -> None:
    s = st.session_state
    s["browse"] = s["browse"].with_changes(
        q=s["q"].strip()[:200],
        category=tuple(s["f_category"]),
        district=tuple(s["f_district"]),
        status=tuple(s["f_status"]),
        form=tuple(s["f_form"]),
        agency=tuple(s["f_agency"]),
        min_vnd=s["f_min"],
        max_vnd=s["f_max"],
        sort=s["f_sort"],
    )


state = st.session_state["browse"].with_changes(lang=lang, page=st.session_state["browse"].page)
result = cat.search_page(
    state.q, limit=PAGE_SIZE, offset=(state.page - 1) * PAGE_SIZE, sort=state.sort, **state.filters()
)
pages = max(1, -(-result.total // PAGE_SIZE))
if state.page > pages:
    state = state.with_changes(page=pages)
    result = cat.search_page(
        state.q, limit=PAGE_SIZE, offset=(pages - 1) * PAGE_SIZE, sort=state.sort, **state.filters()
    )
st.session_state["browse"] = state
st.query_params.from_dict(to_params(state))

st.title(t("app.title", lang))
st.caption(t("app.subtitle", lang))
st.text_input(t("browse.search", lang), key="q", placeholder=t("browse.search_hint", lang), on_change=_from_widgets)


def counted(facet: str, label_of):  # "Label (count)" for options, counts from the current result
    counts = result.facets.get(facet, {})
    return lambda code: f"{label_of(code, lang)} ({counts.get(code, 0)})"


with st.sidebar:
    st.header(t("browse.filters", lang))
    in_use = [
        code for code in ref.agencies.codes if code in result.facets.get("lead_agency", {}) or code in state.agency
    ]
    # (label, options, widget key, facet, enumeration): one multiselect each, counts beside the options.
    for label, options, key, facet, enum in (
        ("browse.category", ref.categories.codes, "f_category", "category", ref.categories),
        ("browse.district", ref.districts.codes, "f_district", "district", ref.districts),
        ("browse.status", list(ref.public_statuses), "f_status", "status", ref.statuses),
        ("browse.form", ref.forms.codes, "f_form", "investment_form", ref.forms),
        ("browse.agency", in_use, "f_agency", "lead_agency", ref.agencies),
    ):
        st.multiselect(
            t(label, lang),
            options,
            key=key,
            on_change=_from_widgets,
            placeholder=t("browse.choose", lang),
            format_func=counted(facet, enum.label),
        )
    low, high = st.columns(2)
    low.number_input(t("browse.min_vnd", lang), min_value=0.0, step=50.0, key="f_min", on_change=_from_widgets)
    high.number_input(t("browse.max_vnd", lang), min_value=0.0, step=50.0, key="f_max", on_change=_from_widgets)
    rate = exchange_rate()
    if state.min_vnd is not None or state.max_vnd is not None:
        st.caption(
            t(
                "browse.usd_range",
                lang,
                low=format_usd_m(rate.usd_millions(state.min_vnd or 0), lang) or "0",
                high=format_usd_m(rate.usd_millions(state.max_vnd), lang) or "…",
                rate=format_number(rate.vnd_per_usd, lang, 0),
                date=rate.as_of.strftime("%d/%m/%Y"),
            )
        )
    st.selectbox(
        t("browse.sort", lang),
        ["relevance", "investment", "updated", "code"],
        key="f_sort",
        format_func=lambda code: t(f"sort.{code}", lang),
        on_change=_from_widgets,
    )

demo = demo_count(cat)
if demo:
    st.info(t("browse.demo_notice", lang, count=demo), icon=":material/info:")

if result.total == 0:
    st.write(t("browse.no_match", lang) if state.q.strip() else t("browse.empty", lang))
    if (
        any(state.filters()[k] for k in ("category", "district", "status", "investment_form", "lead_agency"))
        or state.min_vnd
        or state.max_vnd
    ):
        if st.button(t("browse.clear", lang), icon=":material/filter_alt_off:"):
            for key in ("f_category", "f_district", "f_status", "f_form", "f_agency"):
                st.session_state[key] = []
            st.session_state["f_min"] = st.session_state["f_max"] = None
            _from_widgets()
            st.rerun()
        near = cat.search_page(state.q, limit=5, facets=False)
        if near.hits:
            st.write(t("browse.near", lang))
            for card in result_cards(cat, near.hits, lang):
                st.page_link("pages/project.py", label=card.title, query_params={"code": card.code, "lang": lang})
    st.stop()

st.write(t("browse.count", lang, count=result.total))
for card in result_cards(cat, result.hits, lang):
    with st.container(border=True):
        st.markdown(f"##### {card.title_markdown}")
        st.caption(
            f"{card.code} · {card.category} · {card.place} · {format_vnd_bn(card.investment, lang) or '—'} · "
            f"{card.status}"
        )
        link, keep = st.columns([1, 2])
        link.page_link(
            "pages/project.py",
            label=t("browse.open", lang),
            icon=":material/open_in_new:",
            query_params={"code": card.code, "lang": lang},
        )
        with keep:
            shortlist_button(card.code, lang, key="browse")

if pages > 1:
    back, where, ahead = st.columns([1, 2, 1])
    if back.button(t("browse.previous", lang), disabled=state.page <= 1):
        st.session_state["browse"] = state.with_changes(page=state.page - 1)
        st.rerun()
    where.caption(t("browse.page", lang, page=state.page, pages=pages))
    if ahead.button(t("browse.next", lang), disabled=state.page >= pages):
        st.session_state["browse"] = state.with_changes(page=state.page + 1)
        st.rerun()
with st.expander(t("about.title", lang)):
    st.write(t("about.body", lang))
st.caption(t("browse.source", lang))
