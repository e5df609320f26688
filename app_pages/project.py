"""A project's page: ``/project?code=CODE``."""

import functools
from urllib.parse import quote

import streamlit as st

from app_pages._documents import public_documents
from app_pages._map import project_map
from app_pages._sheet import draw_top
from app_pages._state import (
    get_catalogue,
    inquiry_form,
    language,
    link,
    local_path,
    results_params,
    scroll_to_top,
    share_base,
    shortlist_button,
)
from catalogue import Catalogue
from catalogue.projects.money import exchange_rate
from catalogue.projects.views import escape_markdown, profile_html, project_sheet
from catalogue.text import format_date, format_number, is_default, t


def _profile(cat: Catalogue, code: str, lang: str) -> str:
    return profile_html(cat, code, lang) or ""


lang = language()
cat = get_catalogue()
code = str(st.query_params.get("code", ""))[:60]
if not code and st.session_state.get("project_code"):
    # Back to this page from another: Streamlit drops the page's own parameters when it is left, so
    # the browser returns to /project without its code; the session remembers which project it was
    code = st.session_state["project_code"]
    st.query_params["code"] = code
if code and (canonical := cat.public_code(code)) not in (None, code):  # "demo-015", as the search finds it
    code = canonical
    st.query_params["code"] = code
sheet = project_sheet(cat, code, lang) if code else None
back = results_params()
back_label = t("project.back_results" if back else "project.back", lang)
if sheet is None:
    st.warning(t("project.not_found", lang, code=code) if code else t("project.none_chosen", lang))
    link("app_pages/browse.py", back_label, back, icon=":material/arrow_back:")
    st.stop()

if st.session_state.get("previous_page") == "project" and st.session_state.get("project_code") not in (None, code):
    # Another project than the one shown last, on this same page (a similar project's link):
    # Streamlit does not change the address for a link to the page already open, so the code is
    # written again; the browser then records the new address (a history entry, a right link to
    # share, a reload and the language switch showing this project), and the page starts at its top.
    st.query_params["code"] = code
    scroll_to_top()
st.session_state["project_code"] = code
st.set_page_config(page_title=f"{sheet.name} · {t('app.title_short', lang)}")  # the tab and a bookmark name it
link("app_pages/browse.py", back_label, back, icon=":material/arrow_back:")
st.title(escape_markdown(sheet.name))
if sheet.name_is_fallback:
    st.caption(t("value.missing_en", lang))
if sheet.other_name:
    st.caption(escape_markdown(sheet.other_name))
if sheet.demo:
    st.warning(t("project.demo", lang), icon=":material/science:")

draw_top(
    sheet.category,
    sheet.colour,
    sheet.code,
    sheet.stages,
    sheet.key_facts,
    (t("keyfacts.stages", lang), t("keyfacts.title", lang)),
)
# the facts below the panel: those it does not show (the stage is the tracker's)
in_panel = {label for label, _value, _detail in sheet.key_facts} | {
    t(key, lang) for key in ("project.status", "project.district", "project.ward")
}
left, right = st.columns([3, 2])
with left:
    st.markdown(
        "  \n".join(
            f"**{escape_markdown(label)}** · {escape_markdown(' '.join(value.split()))}"
            if label
            else f"↳ {escape_markdown(' '.join(value.split()))}"
            for label, value in sheet.facts
            if label and label not in in_panel
        )
    )
    if sheet.converted:  # a capital given in one currency, shown in the other at the indicative rate
        rate = exchange_rate()
        st.caption(
            t(
                "project.usd_note",
                lang,
                rate=format_number(rate.vnd_per_usd, lang, 0),
                date=format_date(rate.as_of, lang),
            )
        )
    if sheet.deal:  # land, preparation, contract, term, revenue, SDGs: what investors compare
        st.subheader(t("project.deal", lang))
        st.markdown(
            "  \n".join(f"**{escape_markdown(label)}** · {escape_markdown(value)}" for label, value in sheet.deal)
        )
    if sheet.description:
        st.subheader(t("project.description", lang))
        if sheet.description_is_fallback:
            st.caption(t("value.missing_en", lang))
        # each line as written: Markdown joins single line breaks into one paragraph (a helper's
        # heading line and table rows came out as one run-on line)
        st.markdown(escape_markdown(sheet.description).replace("\n", "  \n"))
    for title, text in (
        (t("project.incentives", lang), sheet.incentives),
        (t("project.legal_basis", lang), sheet.legal_basis),
    ):
        if text:
            st.subheader(title)
            st.markdown(escape_markdown(text))
with right:
    shortlist_button(sheet.code, lang, key="project")
    suffix = "" if is_default(lang) else f"?lang={lang}"
    st.link_button(
        t("project.print_view", lang),
        local_path(f"/print/{quote(sheet.code)}{suffix}"),
        icon=":material/print:",
        type="secondary",
    )
    st.download_button(
        t("project.print", lang),
        data=functools.partial(_profile, cat, sheet.code, lang),  # made when asked for, not on every visit
        file_name=f"{sheet.code}-{lang}.html",
        mime="text/html",
        on_click="ignore",
        icon=":material/download:",
        type="tertiary",
    )
    st.text_input(
        t("project.share", lang),
        value=f"{share_base()}/p/{quote(sheet.code)}{suffix}",
        disabled=False,
        help=t("project.share_help", lang),
        key=f"share-{sheet.code}-{lang}",
    )
    if sheet.latitude is not None and sheet.longitude is not None:
        project_map(cat, lang, [sheet.code], key=f"map-{sheet.code}", note=False)  # the same map as the first screen
        st.caption(
            t(
                "project.map_note",
                lang,
                lat=format_number(sheet.latitude, lang, 5),
                lon=format_number(sheet.longitude, lang, 5),
            )
        )

public_documents(cat, sheet.code, lang)
if sheet.similar:  # links wrap (CSS in the frame): names are long, phones are narrow
    st.subheader(t("project.similar", lang))
    for other_code, other_name in sheet.similar:
        link("app_pages/project.py", other_name, {"code": other_code}, icon=":material/arrow_forward:")
inquiry_form(cat, sheet.code, lang)
