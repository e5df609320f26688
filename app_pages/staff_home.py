"""The staff home: what needs attention (data health, reviews, inquiries)."""

import streamlit as st

from app_pages._state import get_catalogue, language, link, require
from app_pages._streamlit_texts import streamlit_texts
from catalogue.projects.views import field_label
from catalogue.staff import health
from catalogue.staff.workflow import publication_label
from catalogue.text import format_date, format_number, localized, t

lang = language()
streamlit_texts(lang)
user = require("staff", lang)
cat = get_catalogue()
state = health.data_health(cat)

st.title(t("staff.title", lang))
st.caption(t("staff.hello", lang, name=user.label()))
a, b, c, d = st.columns(4)
a.metric(t("staff.unanswered", lang), format_number(state.unanswered, lang, 0))
b.metric(t("staff.pending", lang), format_number(state.counts["pending_review"], lang, 0))
c.metric(t("staff.stale", lang, months=health.STALE_MONTHS), format_number(state.counts["stale"], lang, 0))
d.metric(t("staff.incomplete", lang, score=health.INCOMPLETE_BELOW), format_number(state.counts["incomplete"], lang, 0))

if state.unanswered:
    link(
        "app_pages/inbox.py",
        t("staff.to_inbox", lang, count=format_number(state.unanswered, lang, 0)),
        icon=":material/inbox:",
    )
link("app_pages/edit.py", t("staff.new_project", lang), {"new": "1"}, icon=":material/add:")


def project_name(row) -> str:
    """The project's name in the page's language when it has one."""
    return localized(row, "name", lang)


def project_links(frame, total: int, note) -> None:
    if frame.empty:
        st.caption(t("staff.none", lang))
        return
    for row in frame.itertuples():
        link("app_pages/edit.py", f"{row.code} · {project_name(row)} — {note(row)}", {"code": row.code})
    if total > len(frame):
        rest = total - len(frame)
        st.caption(t("staff.more_n", lang, count=rest, n=format_number(rest, lang, 0)))


def tab_label(key: str, count: int) -> str:
    return t(key, lang, count=format_number(count, lang, 0))


tabs = st.tabs(
    [
        tab_label("staff.tab_pending", state.counts["pending_review"]),
        tab_label("staff.tab_drafts", state.counts["drafts"]),
        tab_label("staff.tab_stale", state.counts["stale"]),
        tab_label("staff.tab_incomplete", state.counts["incomplete"]),
    ]
)
with tabs[0]:
    project_links(
        state.pending_review,
        state.counts["pending_review"],
        lambda r: t("staff.submitted_on", lang, date=format_date(r.updated_at, lang)),
    )
with tabs[1]:
    project_links(
        state.drafts,
        state.counts["drafts"],
        lambda r: (
            t("staff.returned", lang, comment=r.review_comment)
            if isinstance(r.review_comment, str) and r.review_comment
            else publication_label("draft")(lang)
        ),
    )
with tabs[2]:
    project_links(
        state.stale, state.counts["stale"], lambda r: t("staff.updated_on", lang, date=format_date(r.updated_at, lang))
    )
with tabs[3]:
    project_links(
        state.incomplete,
        state.counts["incomplete"],
        lambda r: t(
            "staff.score",
            lang,
            score=r.score,
            missing=", ".join(
                field_label(name, lang) for name in health.missing_fields(state.incomplete.loc[r.Index])[:4]
            ),
        ),
    )
