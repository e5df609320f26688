"""Add or edit a project: checks shown by the fields, duplicates, conflicts, workflow, history."""

import datetime as dt

import pandas as pd
import streamlit as st

from catalogue import auth, editing, history, workflow
from catalogue.i18n import format_date, t
from catalogue.model import COLUMNS_BY_NAME, PROJECT_COLUMNS
from catalogue.views import field_label, form_text, value_label
from pages._state import get_catalogue, language, require

lang = language()
user = require("staff", lang)
cat = get_catalogue()
ref = cat.reference

st.title(t("edit.title", lang))

# --- which project -----------------------------------------------------------------------------
# The link decides (?code= or ?new=1); the choice is then kept for the session and written
# back to the URL, so a later rerun (or a link without parameters) stays on the same project.
if st.query_params.get("code"):
    st.session_state["staff-editing"] = str(st.query_params["code"])[:60]
elif st.query_params.get("new") == "1":
    st.session_state["staff-editing"] = ""
editing_now = st.session_state.get("staff-editing")
code = editing_now or ""
new = editing_now == ""
if code:
    st.query_params.from_dict({"code": code})
elif new:
    st.query_params.from_dict({"new": "1"})
with st.expander(t("edit.find", lang), expanded=not code and not new):
    query = st.text_input(t("edit.find_box", lang), key="staff-find", placeholder=t("edit.find_hint", lang))
    if query.strip():
        hits = cat.search(query, limit=8, include_hidden=True)
        if not hits:
            st.caption(t("browse.no_match", lang))
        for hit in hits:
            st.page_link("pages/edit.py", label=f"{hit.code} · {hit.name_vi}", query_params={"code": hit.code})
    st.page_link("pages/edit.py", label=t("staff.new_project", lang), icon=":material/add:", query_params={"new": "1"})
if not code and not new:
    st.info(t("edit.choose", lang), icon=":material/edit:")
    st.stop()

project = cat.project(code, include_hidden=True) if code else None
if code and project is None:
    st.warning(t("project.not_found", lang, code=code))
    st.stop()

key = f"edit-{code or 'new'}"  # every widget and note of this form starts with it
fields = [c for c in PROJECT_COLUMNS if not (project is not None and c.name == "status")]  # stage: see below
CHOICES = {
    "category": ref.categories,
    "investment_form": ref.forms,
    "district": ref.districts,
    "ward": ref.wards,
    "lead_agency": ref.agencies,
    "status": ref.statuses,
}


def load(values: dict, version: int | None) -> None:
    """Put stored (or empty) values into the widgets; remember the version they came from."""
    for column in fields:
        value = values.get(column.name)
        if column.kind == "flag":
            st.session_state[f"{key}-{column.name}"] = bool(value)
        elif column.name in CHOICES:
            st.session_state[f"{key}-{column.name}"] = value if value else None
        else:
            st.session_state[f"{key}-{column.name}"] = form_text(value, column.kind)
    st.session_state[f"{key}-base"] = version
    for note in ("errors", "duplicates", "conflict"):
        st.session_state.pop(f"{key}-{note}", None)


def forget_form() -> None:
    """Drop this form's widgets and notes: the next run loads the stored project afresh."""
    for widget_key in [k for k in st.session_state if k.startswith(f"{key}-")]:
        del st.session_state[widget_key]


if f"{key}-base" not in st.session_state:
    load(editing.form_values(project) if project else {"status": "calling"}, project["version"] if project else None)
base = st.session_state[f"{key}-base"]
errors = st.session_state.get(f"{key}-errors", {})
duplicates = st.session_state.get(f"{key}-duplicates", [])
conflict = st.session_state.get(f"{key}-conflict")

if project is not None:
    st.subheader(f"{project['code']} · {project['name_vi']}")
    st.caption(
        t(
            "edit.state",
            lang,
            publication=workflow.publication_label(project["publication"], lang),
            status=ref.statuses.label(project["status"], lang),
            since=format_date(project["status_since"], lang) or "—",
            version=project["version"],
        )
    )
    if project["review_comment"] and project["publication"] == "draft":
        st.warning(t("edit.returned", lang, comment=project["review_comment"]), icon=":material/undo:")
else:
    st.subheader(t("staff.new_project", lang))
workflow_box = st.container()  # filled below, shown above the form: reviewers come for this


# --- the form ------------------------------------------------------------------------------------
def widget(column) -> None:
    label = field_label(column.name, lang) + (" *" if column.required else "")
    widget_key = f"{key}-{column.name}"
    if column.name in CHOICES:
        enum = CHOICES[column.name]
        # A new project starts at a public stage; drafts and archiving are the workflow's business.
        options = [None, *(ref.public_statuses if column.name == "status" else enum.codes)]
        current = st.session_state.get(widget_key)
        if current and current not in options:  # a free-text agency from an imported file
            options.append(current)
        st.selectbox(
            label,
            options,
            key=widget_key,
            placeholder=t("browse.choose", lang),
            format_func=lambda code: "—" if code is None else (enum.label(code, lang) if code in enum.codes else code),
        )
    elif column.kind == "flag":
        st.checkbox(label, key=widget_key)
    elif column.kind == "longtext":
        st.text_area(label, key=widget_key, height=110, max_chars=column.max_length)
    else:
        disabled = column.name == "code" and project is not None
        st.text_input(label, key=widget_key, disabled=disabled, max_chars=column.max_length, help=_hint(column))
    if column.name in errors:
        vi, en = errors[column.name]
        st.markdown(f":red[:material/error: {vi if lang == 'vi' else en}]")


def _hint(column) -> str | None:
    if column.kind == "number":
        return t("edit.number_hint", lang)
    if column.kind in ("latitude", "longitude"):
        return t("edit.coordinate_hint", lang)
    return None


GROUPS = (
    ("edit.group_identity", ("code", "name_vi", "name_en", "category", "status", "demo")),
    ("edit.group_place", ("district", "ward", "address", "latitude", "longitude", "area_ha")),
    ("edit.group_money", ("investment_vnd_bn", "investment_usd_m", "investment_form", "capacity", "start_year")),
    ("edit.group_people", ("lead_agency", "investor", "contact_name", "contact_email", "contact_phone")),
    ("edit.group_text", ("description_vi", "description_en", "incentives", "legal_basis")),
)
shown = {c.name for c in fields}
with st.form(key, enter_to_submit=False):
    for title, names in GROUPS:
        st.markdown(f"**{t(title, lang)}**")
        left, right = st.columns(2)
        for index, name in enumerate(n for n in names if n in shown):
            with left if index % 2 == 0 else right:
                widget(COLUMNS_BY_NAME[name])
    if duplicates:
        st.warning(t("edit.duplicates", lang), icon=":material/content_copy:")
        for dup in duplicates:
            st.markdown(f"- **{dup.code}** · {dup.name} ({dup.score:.0f}%)")
        st.checkbox(t("edit.not_duplicate", lang), key=f"{key}-confirm")
    if errors:
        st.error(t("edit.fix", lang, count=len(errors)), icon=":material/error:")
    saved = st.form_submit_button(t("edit.save", lang), type="primary", icon=":material/save:")


def form_input() -> dict:
    values = {c.name: st.session_state.get(f"{key}-{c.name}") for c in fields}
    if project is not None:
        values["code"] = project["code"]
    return values


def save(base_version) -> None:
    outcome = editing.save_project(
        cat,
        form_input(),
        actor=user.name,
        base_version=base_version,
        confirm_duplicates=bool(st.session_state.get(f"{key}-confirm")),
    )
    st.session_state[f"{key}-errors"] = outcome.errors
    st.session_state[f"{key}-duplicates"] = outcome.duplicates
    st.session_state[f"{key}-conflict"] = outcome.conflict
    if outcome.ok:
        forget_form()
        st.session_state["staff-saved"] = (outcome.code, [w.code for w in outcome.warnings])
        st.session_state["staff-editing"] = outcome.code
        st.query_params.from_dict({"code": outcome.code})
    st.rerun()


if saved:
    save(base)

if st.session_state.get("staff-saved", (None,))[0] == code:
    saved_code, warning_codes = st.session_state.pop("staff-saved")
    st.toast(t("edit.saved", lang, code=saved_code), icon=":material/check:")

# --- someone else saved meanwhile: show both versions, let the user choose --------------------------
if conflict:
    st.error(t("edit.conflict", lang, version=conflict["version"]), icon=":material/sync_problem:")
    rows = [
        (field_label(name, lang), value_label(cat, name, theirs, lang), value_label(cat, name, ours, lang))
        for name, theirs, ours in editing.differences(conflict, form_input(), cat)
    ]
    st.table(pd.DataFrame(rows, columns=[t("edit.field", lang), t("edit.theirs", lang), t("edit.mine", lang)]))
    keep, take = st.columns(2)
    if keep.button(t("edit.keep_mine", lang), type="primary", key=f"{key}-keep"):
        save(conflict["version"])  # saved knowingly on top of the version just shown
    if take.button(t("edit.take_theirs", lang), key=f"{key}-take"):
        load(editing.form_values(conflict), conflict["version"])
        st.rerun()

if project is None:
    st.stop()

# --- workflow: review, stage, archive ------------------------------------------------------------
workflow_box.subheader(t("edit.workflow", lang))
workflow_box = workflow_box.container(border=True)
with workflow_box:
    open_checks = workflow.open_checks(cat, code)
    if open_checks:
        st.warning(t("edit.open_checks", lang, count=len(open_checks)), icon=":material/rule:")
        for check in open_checks:
            st.markdown(f"- {check.text(lang)} ({field_label(check.field, lang)})")
            if auth.has_role(user.role, "reviewer"):
                reason_col, button_col = st.columns([3, 1])
                reason = reason_col.text_input(
                    t("edit.accept_reason", lang),
                    key=f"staff-reason-{code}-{check.code}",
                    label_visibility="collapsed",
                    placeholder=t("edit.accept_reason", lang),
                )
                if button_col.button(t("edit.accept", lang), key=f"staff-accept-{code}-{check.code}"):
                    try:
                        workflow.accept_check(cat, code, check.code, reason, actor=user.name, role=user.role)
                        st.rerun()
                    except workflow.WorkflowError as error:
                        st.error(error.message(lang))
    for check_code, reason, by, at in workflow.accepted_checks(cat, code):
        st.caption(t("edit.accepted", lang, check=check_code, reason=reason, by=by, date=format_date(at, lang)))

    actions = workflow.allowed_actions(project, user.role)
    comment = st.text_input(
        t("edit.comment", lang), key=f"staff-comment-{code}", placeholder=t("edit.comment_hint", lang)
    )
    buttons = st.columns(max(1, len(actions)))
    for column, action in zip(buttons, actions, strict=False):
        kind = "primary" if action in ("submit", "publish") else "secondary"
        if column.button(history.action_label(action, lang), key=f"staff-{action}-{code}", type=kind):
            try:
                workflow.transition(
                    cat,
                    code,
                    action,
                    actor=user.name,
                    role=user.role,
                    comment=comment,
                    expected_version=project["version"],
                )
                forget_form()
                st.toast(t("edit.done", lang, action=history.action_label(action, lang)), icon=":material/check:")
                st.rerun()
            except workflow.WorkflowError as error:
                st.error(error.message(lang))

    if project["status"] != "withdrawn":
        with st.expander(t("edit.stage", lang)), st.form(f"staff-stage-{code}"):
            stage = st.selectbox(
                t("browse.status", lang),
                list(ref.public_statuses),
                index=list(ref.public_statuses).index(project["status"])
                if project["status"] in ref.public_statuses
                else 0,
                format_func=lambda c: ref.statuses.label(c, lang),
            )
            on = st.date_input(
                t("edit.stage_date", lang), value=dt.date.today(), max_value=dt.date.today(), format="DD/MM/YYYY"
            )
            note = st.text_input(t("edit.stage_note", lang))
            if st.form_submit_button(t("edit.stage_save", lang)):
                try:
                    workflow.set_status(cat, code, stage, on=on, actor=user.name, role=user.role, note=note)
                    forget_form()
                    st.rerun()
                except workflow.WorkflowError as error:
                    st.error(error.message(lang))

# --- history ----------------------------------------------------------------------------------------
st.divider()
st.subheader(t("edit.history", lang))
entries = history.project_history(cat, code)
for index, entry in enumerate(entries):
    title = f"{entry.at:%d/%m/%Y %H:%M} · {entry.actor or t('edit.system', lang)} · {history.action_label(entry.action, lang)}"
    with st.expander(title, expanded=index == 0):
        if entry.comment:
            st.caption(entry.comment)
        if entry.event_summary:
            st.caption(t("edit.event", lang, summary=entry.event_summary))
        if entry.changes:
            st.dataframe(
                pd.DataFrame(
                    [
                        (
                            field_label(c.field, lang),
                            value_label(cat, c.field, c.old, lang),
                            value_label(cat, c.field, c.new, lang),
                        )
                        for c in entry.changes
                    ],
                    columns=[t("edit.field", lang), t("edit.before", lang), t("edit.after", lang)],
                ),
                hide_index=True,
                width="stretch",
            )
        if index > 0 and st.button(t("edit.restore", lang), key=f"staff-restore-{entry.id}"):
            outcome = editing.restore_version(cat, code, entry, actor=user.name)
            if outcome.ok:
                forget_form()
                st.rerun()
            st.error(t("edit.restore_failed", lang))
