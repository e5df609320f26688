"""A project's page: ``/project?code=CODE``."""

import pandas as pd
import streamlit as st

from catalogue.i18n import format_number, t
from catalogue.views import profile_html, project_sheet
from pages._state import get_catalogue, inquiry_form, language, shortlist_button

lang = language()
cat = get_catalogue()
code = str(st.query_params.get("code", ""))[:60]
sheet = project_sheet(cat, code, lang) if code else None
if sheet is None:
    st.warning(t("project.not_found", lang, code=code))
    st.page_link("pages/browse.py", label=t("project.back", lang), icon=":material/arrow_back:")
    st.stop()

st.page_link("pages/browse.py", label=t("project.back", lang), icon=":material/arrow_back:")
st.title(sheet.name)
if sheet.name_is_fallback:
    st.caption(t("value.missing_en", lang))
if sheet.other_name:
    st.caption(sheet.other_name)
if sheet.demo:
    st.warning(t("project.demo", lang), icon=":material/science:")

marks = {"done": ":material/check_circle:", "current": ":material/radio_button_checked:", "todo": ""}
for column, (label, state) in zip(st.columns(len(sheet.stages)), sheet.stages, strict=True):
    column.markdown(f"**{marks[state]} {label}**" if state == "current" else f"{marks[state]} {label}")

left, right = st.columns([3, 2])
with left:
    for label, value in sheet.facts:
        st.markdown(f"**{label}** · {value}" if label else f"↳ {value}")
    if sheet.description:
        st.subheader(t("project.description", lang))
        if sheet.description_is_fallback:
            st.caption(t("value.missing_en", lang))
        st.write(sheet.description)
    for title, text in (
        (t("project.incentives", lang), sheet.incentives),
        (t("project.legal_basis", lang), sheet.legal_basis),
    ):
        if text:
            st.subheader(title)
            st.write(text)
with right:
    shortlist_button(sheet.code, lang, key="project")
    st.download_button(
        t("project.print", lang),
        data=profile_html(cat, sheet.code, lang) or "",
        file_name=f"{sheet.code}-{lang}.html",
        mime="text/html",
        icon=":material/print:",
    )
    if sheet.latitude is not None and sheet.longitude is not None:
        st.map(pd.DataFrame({"lat": [sheet.latitude], "lon": [sheet.longitude]}), zoom=11, height=260)
        st.caption(
            t(
                "project.map_note",
                lang,
                lat=format_number(sheet.latitude, lang, 5),
                lon=format_number(sheet.longitude, lang, 5),
            )
        )

if sheet.similar:  # full width: names are long and a page link does not wrap
    st.subheader(t("project.similar", lang))
    for other_code, other_name in sheet.similar:
        st.page_link(
            "pages/project.py",
            label=other_name,
            icon=":material/arrow_forward:",
            query_params={"code": other_code, "lang": lang},
        )
inquiry_form(cat, sheet.code, lang)
