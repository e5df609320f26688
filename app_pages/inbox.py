"""Inquiries inbox: investors' expressions of interest, newest first; answer with a note; export."""

import streamlit as st

from app_pages._state import get_catalogue, language, require
from app_pages._streamlit_texts import streamlit_texts
from app_pages._widgets import bound
from catalogue import CatalogueError
from catalogue.clock import hanoi_today
from catalogue.projects.exporting import table_csv, table_xlsx
from catalogue.projects.views import escape_markdown
from catalogue.staff.countries import country_label
from catalogue.staff.inquiries import inbox, inbox_table, mark_answered
from catalogue.text import format_datetime, format_number, reads_translation, t

lang = language()
streamlit_texts(lang)
user = require("staff", lang)
cat = get_catalogue()

st.title(t("inbox.title", lang))
answered = st.session_state.pop("staff-inbox-answered", None)
if answered:
    st.success(t("inbox.marked", lang, inquiry=answered), icon=":material/mark_email_read:")
only_open = st.toggle(t("inbox.only_open", lang), value=True, key="staff-inbox-open")
code = st.text_input(t("inbox.project", lang), key="staff-inbox-code", placeholder="DEMO-001").strip()
frame = inbox(cat, unanswered_only=only_open, code=code or None)

if frame.empty:
    st.info(t("inbox.empty_open" if only_open else "inbox.empty", lang), icon=":material/inbox:")
    st.stop()

st.caption(t("inbox.count_n", lang, count=len(frame), n=format_number(len(frame), lang, 0)))
st.dataframe(inbox_table(frame, lang), hide_index=True, width="stretch")

export = inbox_table(frame, lang, export=True)
stem = f"{t('inbox.file_stem', lang)}-{hanoi_today():%Y-%m-%d}"
csv_col, xlsx_col = st.columns(2)
csv_col.download_button(
    t("shortlist.csv", lang),
    data=table_csv(export),
    file_name=f"{stem}.csv",
    mime="text/csv",
    icon=":material/download:",
)
xlsx_col.download_button(
    t("shortlist.xlsx", lang),
    data=table_xlsx(export, t("inbox.title", lang)),
    file_name=f"{stem}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
)

st.subheader(t("inbox.read", lang))
rows = {row.id: row for row in frame.itertuples()}


def project_name(row) -> str:
    english = row.project_name_en if reads_translation(lang) and isinstance(row.project_name_en, str) else None
    return english or row.project_name or ""


def describe(row) -> str:
    """How an inquiry is named in the list: when, its reference, the project, who."""
    parts = [format_datetime(row.created_at.to_pydatetime(), lang, zone=False)]
    if row.reference:
        parts.append(row.reference)
    parts += [row.project_code, f"{row.name} ({row.organisation}, {country_label(row.country)(lang)})"]
    return " · ".join(parts)


# The choice comes back from the browser as its label: every label must name one inquiry only,
# or the browser's choice turns into another inquiry (and its form) on the next run.
labels: dict[str, str] = {}
taken: dict[str, int] = {}
for inquiry_id, row in rows.items():
    text = describe(row)
    taken[text] = taken.get(text, 0) + 1
    labels[inquiry_id] = text if taken[text] == 1 else f"{text} ({taken[text]})"
first = next(iter(rows))
chosen = (
    bound(
        st.selectbox,
        t("inbox.choose", lang),
        key="staff-inbox-chosen",
        options=list(rows),
        format_func=lambda i: labels[i],
        default=first,
        placeholder=t("browse.choose", lang),
    )
    or first
)
row = rows[chosen]
with st.container(border=True):
    who = (escape_markdown(v) for v in (row.name, row.organisation, country_label(row.country)(lang)))
    st.markdown("**{}** · {} · {}".format(*who))
    phone = row.phone if isinstance(row.phone, str) and row.phone else ""  # pandas gives NaN for none
    st.markdown(escape_markdown(row.email) + (f" · {escape_markdown(phone)}" if phone else ""))
    st.caption(
        t(
            "inbox.about",
            lang,
            reference=row.reference or "—",
            project=escape_markdown(f"{row.project_code} · {project_name(row)}"),
            when=format_datetime(row.created_at.to_pydatetime(), lang),
        )
    )
    st.text(row.message)
    if row.status == "answered":
        st.success(
            t(
                "inbox.answered",
                lang,
                by=escape_markdown(row.answered_by),
                date=format_datetime(row.answered_at.to_pydatetime(), lang),
                note=escape_markdown(row.answer_note if isinstance(row.answer_note, str) else ""),
            )
        )
    else:
        with st.form(f"staff-answer-{chosen}"):
            note = st.text_area(t("inbox.note", lang), placeholder=t("inbox.note_hint", lang))
            if st.form_submit_button(t("inbox.mark", lang), type="primary"):
                try:
                    mark_answered(cat, chosen, actor=user.name, note=note)
                    st.session_state["staff-inbox-answered"] = row.reference or labels[chosen]
                    st.rerun()
                except CatalogueError as error:
                    st.error(error.text(lang))
