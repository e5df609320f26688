"""Inquiries inbox: investors' expressions of interest, newest first; answer with a note; export."""

import io

import streamlit as st

from catalogue import CatalogueError
from catalogue.i18n import format_date, t
from catalogue.inquiries import inbox, mark_answered
from pages._state import get_catalogue, language, require

lang = language()
user = require("staff", lang)
cat = get_catalogue()

st.title(t("inbox.title", lang))
only_open = st.toggle(t("inbox.only_open", lang), value=True, key="staff-inbox-open")
code = st.text_input(t("inbox.project", lang), key="staff-inbox-code", placeholder="DEMO-001").strip()
frame = inbox(cat, unanswered_only=only_open, code=code or None)

if frame.empty:
    st.info(t("inbox.empty_open" if only_open else "inbox.empty", lang), icon=":material/inbox:")
    st.stop()

st.caption(t("inbox.count", lang, count=len(frame)))
status_label = {"new": t("inbox.status_new", lang), "answered": t("inbox.status_answered", lang)}
table = frame.assign(status=frame["status"].map(lambda s: status_label.get(s, s)))[
    ["created_at", "project_code", "project_name", "name", "organisation", "country", "email", "status"]
]
table.columns = [t(f"inbox.col_{c}", lang) for c in table.columns]
st.dataframe(table, hide_index=True, width="stretch")

csv_col, xlsx_col = st.columns(2)
csv_col.download_button(
    t("shortlist.csv", lang),
    data=frame.to_csv(index=False).encode("utf-8-sig"),
    file_name="inquiries.csv",
    mime="text/csv",
    icon=":material/download:",
)
buffer = io.BytesIO()
frame.to_excel(buffer, index=False, sheet_name="inquiries")
xlsx_col.download_button(
    t("shortlist.xlsx", lang),
    data=buffer.getvalue(),
    file_name="inquiries.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
)

st.subheader(t("inbox.read", lang))
rows = {row.id: row for row in frame.itertuples()}
chosen = st.selectbox(
    t("inbox.choose", lang),
    list(rows),
    format_func=lambda i: (
        f"{format_date(rows[i].created_at, lang)} · {rows[i].project_code} · {rows[i].name} "
        f"({rows[i].organisation}, {rows[i].country})"
    ),
    key="staff-inbox-chosen",
)
row = rows[chosen]
with st.container(border=True):
    st.markdown(f"**{row.name}** · {row.organisation} · {row.country}")
    st.markdown(f"{row.email}" + (f" · {row.phone}" if row.phone else ""))
    st.caption(f"{row.project_code} · {row.project_name or ''} · {row.created_at:%d/%m/%Y %H:%M} UTC")
    st.text(row.message)
    if row.status == "answered":
        st.success(
            t("inbox.answered", lang, by=row.answered_by, date=format_date(row.answered_at, lang), note=row.answer_note)
        )
    else:
        with st.form(f"staff-answer-{chosen}"):
            note = st.text_area(t("inbox.note", lang), placeholder=t("inbox.note_hint", lang))
            if st.form_submit_button(t("inbox.mark", lang), type="primary"):
                try:
                    mark_answered(cat, chosen, actor=user.name, note=note)
                    st.rerun()
                except CatalogueError as error:
                    st.error(error.message(lang))
