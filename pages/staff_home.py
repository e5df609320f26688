"""The staff home: what needs attention (data health, reviews, inquiries)."""

import streamlit as st

from catalogue import health
from catalogue.i18n import format_date, t
from catalogue.views import field_label
from catalogue.workflow import publication_label
from pages._state import get_catalogue, language, require

lang = language()
user = require("staff", lang)
cat = get_catalogue()
state = health.data_health(cat)

st.title(t("staff.title", lang))
st.caption(t("staff.hello", lang, name=user.label()))
a, b, c, d = st.columns(4)
a.metric(t("staff.unanswered", lang), state.unanswered)
b.metric(t("staff.pending", lang), len(state.pending_review))
c.metric(t("staff.stale", lang, months=health.STALE_MONTHS), len(state.stale))
d.metric(t("staff.incomplete", lang, score=health.INCOMPLETE_BELOW), len(state.incomplete))

if state.unanswered:
    st.page_link("pages/inbox.py", label=t("staff.to_inbox", lang, count=state.unanswered), icon=":material/inbox:")
st.page_link("pages/edit.py", label=t("staff.new_project", lang), icon=":material/add:", query_params={"new": "1"})

LIMIT = 25


def project_links(frame, note) -> None:
    if frame.empty:
        st.caption(t("staff.none", lang))
        return
    for row in frame.head(LIMIT).itertuples():
        st.page_link(
            "pages/edit.py",
            label=f"{row.code} · {row.name_vi} — {note(row)}",
            query_params={"code": row.code},
        )
    if len(frame) > LIMIT:
        st.caption(t("staff.more", lang, count=len(frame) - LIMIT))


tabs = st.tabs(
    [
        t("staff.tab_pending", lang, count=len(state.pending_review)),
        t("staff.tab_drafts", lang, count=len(state.drafts)),
        t("staff.tab_stale", lang, count=len(state.stale)),
        t("staff.tab_incomplete", lang, count=len(state.incomplete)),
    ]
)
with tabs[0]:
    project_links(state.pending_review, lambda r: t("staff.submitted_on", lang, date=format_date(r.updated_at, lang)))
with tabs[1]:
    project_links(
        state.drafts,
        lambda r: (
            t("staff.returned", lang, comment=r.review_comment)
            if r.review_comment
            else publication_label("draft", lang)
        ),
    )
with tabs[2]:
    project_links(state.stale, lambda r: t("staff.updated_on", lang, date=format_date(r.updated_at, lang)))
with tabs[3]:
    project_links(
        state.incomplete,
        lambda r: t(
            "staff.score",
            lang,
            score=r.score,
            missing=", ".join(
                field_label(name, lang) for name in health.missing_fields(state.incomplete.loc[r.Index])[:4]
            ),
        ),
    )
