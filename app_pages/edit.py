"""Add or edit a project: checks shown by the fields, duplicates, conflicts, workflow, history, archive.

The fields are plain widgets, not an ``st.form``: a form keeps what is typed in the browser until
it is sent, so switching the language (a rerun from outside the form) would throw away a choice
made but not saved. Here every value is kept in the session under this form's key (a choice as
its code, through ``pages._widgets.bound``), and "Save changes" sends them all at once.
"""

import datetime as dt

import pandas as pd
import pyarrow as pa
import streamlit as st

from app_pages._documents import data_room
from app_pages._state import get_catalogue, language, link, require, set_page_params
from app_pages._streamlit_texts import streamlit_texts
from app_pages._widgets import bound, guard_unsaved, set_value
from catalogue.clock import hanoi_today
from catalogue.projects.model import COLUMNS_BY_NAME, PROJECT_COLUMNS
from catalogue.projects.views import escape_markdown, field_label, form_text, typed_number, value_label
from catalogue.search.normalize import NumberFormatError, parse_number
from catalogue.staff import auth, editing, history, workflow
from catalogue.text import format_date, format_datetime, is_default, localized, t

lang = language()
streamlit_texts(lang)
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
    set_page_params({"code": code})
elif new:
    set_page_params({"new": "1"})
with st.expander(t("edit.find", lang), expanded=not code and not new):
    query = st.text_input(t("edit.find_box", lang), key="staff-find", placeholder=t("edit.find_hint", lang))
    if query.strip():
        hits = cat.search(query, limit=8, include_hidden=True)
        if not hits:
            st.caption(t("browse.no_match", lang))
        for hit in hits:
            link("app_pages/edit.py", f"{hit.code} · {localized(hit, 'name', lang)}", {"code": hit.code})
    link("app_pages/edit.py", t("staff.new_project", lang), {"new": "1"}, icon=":material/add:")
if not code and not new:
    st.info(t("edit.choose", lang), icon=":material/edit:")
    st.stop()

project = cat.project(code, include_hidden=True) if code else None
if code and project is None:
    st.warning(t("project.not_found", lang, code=code))
    st.stop()

key = f"edit-{code or 'new'}"  # every widget and note of this form starts with it
confirm_key = f"staff-confirm-{code}"  # an archive or restore waiting for its confirmation
fields = [c for c in PROJECT_COLUMNS if not (project is not None and c.name == "status")]  # stage: see below
CHOICES = {
    "category": ref.categories,
    "project_type": ref.types,
    "investment_form": ref.forms,
    "district": ref.districts,
    "ward": ref.wards,
    "lead_agency": ref.agencies,
    "status": ref.statuses,
}
# The form row by row: pairs that belong together sit side by side (and stay in order on a phone).
LAYOUT = (
    (
        "edit.group_identity",
        (("code", "category"), ("name_vi", "name_en"), ("project_type", "status"), ("demo",)),
    ),
    ("edit.group_place", (("district", "ward"), ("latitude", "longitude"), ("address", "area_ha"))),
    (
        "edit.group_money",
        (
            ("investment_vnd_bn", "investment_usd_m"),
            ("investment_approx",),
            ("investment_form", "start_year"),
            ("capacity",),
        ),
    ),
    ("edit.group_people", (("lead_agency", "investor"), ("contact_name",), ("contact_email", "contact_phone"))),
    (
        "edit.group_deal",
        (("land_status", "preparation_stage"), ("ppp_structure", "concession_years"), ("revenue_basis", "sdg_tags")),
    ),
    ("edit.group_text", (("description_vi", "description_en"), ("incentives", "legal_basis"), ("source_note",))),
)


def load(values: dict, version: int | None) -> None:
    """Put stored (or empty) values into the widgets; remember the version they came from."""
    for column in fields:  # each through set_value: a new widget shows it
        value = values.get(column.name)
        if column.kind == "flag":
            set_value(f"{key}-{column.name}", bool(value))
        elif column.name in CHOICES:
            set_value(f"{key}-{column.name}", value if value else None)
        else:
            set_value(f"{key}-{column.name}", form_text(value, column.kind, lang))
    st.session_state[f"{key}-base"] = version
    st.session_state[f"{key}-loaded"] = dict(values)  # what the user's changes are changes to
    st.session_state[f"{key}-lang"] = lang
    for note in ("errors", "duplicates", "conflict"):
        st.session_state.pop(f"{key}-{note}", None)


def forget_form() -> None:
    """Drop this form's values and notes: the next run loads the stored project afresh. (The
    choices' revision counters stay, so that the reloaded choices get widgets of their own.)"""
    for state_key in [k for k in st.session_state if k.startswith(f"{key}-") and not k.endswith("#rev")]:
        del st.session_state[state_key]
    st.session_state.pop(confirm_key, None)


NUMBERS = [c for c in PROJECT_COLUMNS if c.kind == "number"]


def form_input() -> dict:
    """The form's values, numbers as the import's parser reads them (typed the page's way)."""
    values = {c.name: st.session_state.get(f"{key}-{c.name}") for c in fields}
    for column in NUMBERS:
        if isinstance(values.get(column.name), str):
            values[column.name] = typed_number(values[column.name], lang)
    if project is not None:
        values["code"] = project["code"]
    return values


def rewrite_numbers(written_in: str) -> None:
    """After a language switch, the number fields as this page's language writes them ("1.234" typed on
    the English page is 1.234, which the Vietnamese page writes "1,234"; a unit is worked in: "500
    triệu" becomes 0.5); a field that does not read as one number stays as typed, for its check to name."""
    for column in NUMBERS:
        state_key = f"{key}-{column.name}"
        typed = st.session_state.get(state_key)
        if not isinstance(typed, str) or not typed.strip():
            continue
        try:
            number = parse_number(typed_number(typed, written_in), column.unit)
        except NumberFormatError:
            continue
        if number is not None:
            set_value(state_key, form_text(number, column.kind, lang))
    st.session_state[f"{key}-lang"] = lang


if f"{key}-base" not in st.session_state:
    load(editing.form_values(project) if project else {"status": "calling"}, project["version"] if project else None)
written_in = st.session_state.get(f"{key}-lang", lang)  # the language the number fields were written in
if is_default(written_in) is not is_default(lang):
    rewrite_numbers(written_in)
base = st.session_state[f"{key}-base"]
errors = st.session_state.get(f"{key}-errors", {})
duplicates = st.session_state.get(f"{key}-duplicates", [])
conflict = st.session_state.get(f"{key}-conflict")

flash = st.session_state.pop("staff-edit-flash", None)
if flash and flash[0] == code:
    kind, text = flash[1], flash[2]
    (st.warning if kind == "warning" else st.success)(text, icon=":material/info:")

if project is not None:
    st.subheader(escape_markdown(f"{project['code']} · {localized(project, 'name', lang)}"))
    st.caption(
        t(
            "edit.state",
            lang,
            publication=workflow.publication_label(project["publication"])(lang),
            status=ref.statuses.label(project["status"])(lang),
            since=format_date(project["status_since"], lang) or "—",
            version=project["version"],
        )
    )
    if project["review_comment"] and project["publication"] == "draft":
        st.warning(t("edit.returned", lang, comment=escape_markdown(project["review_comment"])), icon=":material/undo:")
else:
    st.subheader(t("staff.new_project", lang))
workflow_box = st.container()  # filled below, shown above the form: reviewers come for this


# --- the form ------------------------------------------------------------------------------------
def choice_label(enum, value) -> str:
    if value is None:
        return "—"
    return enum.label(value)(lang) if value in enum.codes else str(value)


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
        bound(
            st.selectbox,
            label,
            key=widget_key,
            options=options,
            format_func=lambda value, enum=enum: choice_label(enum, value),
            placeholder=t("browse.choose", lang),
        )
    # Every value is kept under a key of ours (bound), not the widget's own: Streamlit drops a widget's
    # state when a run does not draw it, so leaving the page and coming Back emptied the text fields,
    # and "Save" would then have blanked them (a helper's finding).
    elif column.kind == "flag":
        bound(st.checkbox, label, key=widget_key)
    elif column.kind == "longtext":
        bound(st.text_area, label, key=widget_key, height=110, max_chars=column.max_length, help=_hint(column))
    else:
        disabled = column.name == "code" and project is not None
        bound(st.text_input, label, key=widget_key, disabled=disabled, max_chars=column.max_length, help=_hint(column))
    if column.name in errors:
        st.markdown(f":red[:material/error: {escape_markdown(errors[column.name](lang))}]")


def _hint(column) -> str | None:
    if column.kind == "number":
        return t("edit.number_hint", lang)
    if column.kind in ("latitude", "longitude"):
        return t("edit.coordinate_hint", lang)
    if column.name == "source_note":
        return t("edit.note_hint", lang)
    return None


def my_changes() -> list[str]:
    """The fields this user changed since the form was filled (not those someone else saved meanwhile)."""
    loaded = st.session_state.get(f"{key}-loaded")
    return editing.changed_fields(loaded, form_input(), cat) if project is not None and loaded else []


def save(base_version: int | None, rerun: bool = True, over: dict | None = None) -> None:
    """Save the form over ``base_version``; the outcome (errors, duplicates, a conflict, or the saved
    project's flash) is kept for the page to show. ``rerun=False`` in the save button's callback.
    ``over``: the version someone else saved meanwhile, which the user chose to save theirs on: only
    the fields the user changed are written over it. When someone else saved other fields than the
    user changed, both are kept without asking."""
    mine = my_changes()

    def attempt(form: dict, version: int | None) -> editing.SaveOutcome:
        confirmed = bool(st.session_state.get(f"{key}-confirm"))
        return editing.save_project(cat, form, actor=user.name, base_version=version, confirm_duplicates=confirmed)

    outcome = attempt(editing.merged_form(over, form_input(), mine) if over is not None else form_input(), base_version)
    merged: list[str] = []
    if outcome.conflict and over is None:
        loaded = st.session_state.get(f"{key}-loaded") or {}
        theirs = editing.changed_fields(loaded, editing.form_values(outcome.conflict), cat)
        if not set(theirs) & set(mine):  # different fields: each person's change kept
            merged = theirs
            outcome = attempt(editing.merged_form(outcome.conflict, form_input(), mine), outcome.conflict["version"])
    st.session_state[f"{key}-errors"] = outcome.errors
    st.session_state[f"{key}-duplicates"] = outcome.duplicates
    st.session_state[f"{key}-conflict"] = outcome.conflict
    if outcome.ok:
        forget_form()
        said = t("edit.saved", lang, code=outcome.code)
        if merged:
            said = t("edit.merged", lang, code=outcome.code, fields=", ".join(field_label(n, lang) for n in merged))
        st.session_state["staff-edit-flash"] = (outcome.code, "success", said)
        st.session_state["staff-editing"] = outcome.code
        set_page_params({"code": outcome.code})
    if rerun:
        st.rerun()


shown = {c.name for c in fields}
with st.container(border=True, key=f"staff-form-{code or 'new'}"):
    for title, rows in LAYOUT:
        st.markdown(f"**{t(title, lang)}**")
        for names in rows:
            names = [name for name in names if name in shown]
            if not names:
                continue
            for column, name in zip(st.columns(2), names, strict=False):
                with column:
                    widget(COLUMNS_BY_NAME[name])
    if duplicates:
        st.warning(t("edit.duplicates", lang), icon=":material/content_copy:")
        for dup in duplicates:
            st.markdown(f"- **{escape_markdown(dup.code)}** · {escape_markdown(dup.name)} ({dup.score:.0f}%)")
        st.checkbox(t("edit.not_duplicate", lang), key=f"{key}-confirm")
    if errors:
        st.error(t("edit.fix", lang, count=len(errors)), icon=":material/error:")
    unsaved = my_changes()
    save_col, discard_col, note_col = st.columns([1, 1, 2], vertical_alignment="center")
    # saved in the button's callback, before the page is drawn: one run per save, not a run then a rerun
    save_col.button(
        t("edit.save", lang),
        type="primary",
        icon=":material/save:",
        key=f"{key}-save",
        on_click=save,
        args=(base, False),
    )
    typed_new = project is None and any(v not in (None, "", False) for n, v in form_input().items() if n != "status")
    guard_unsaved(bool(unsaved) or typed_new)
    if unsaved:
        note_col.caption(t("edit.unsaved", lang, count=len(unsaved)))
        if discard_col.button(t("edit.discard", lang), icon=":material/undo:", key=f"{key}-discard"):
            forget_form()
            st.rerun()


# --- someone else saved meanwhile: show both versions, let the user choose --------------------------
if conflict:
    st.error(t("edit.conflict", lang, version=conflict["version"]), icon=":material/sync_problem:")
    mine = set(unsaved)  # only the fields this user changed are theirs to choose
    rows = [
        (field_label(name, lang), value_label(cat, name, theirs, lang), value_label(cat, name, ours, lang))
        for name, theirs, ours in editing.differences(conflict, form_input(), cat)
        if name in mine
    ]
    st.table(pd.DataFrame(rows, columns=[t("edit.field", lang), t("edit.theirs", lang), t("edit.mine", lang)]))
    keep, take = st.columns(2)
    if keep.button(t("edit.keep_mine", lang), type="primary", key=f"{key}-keep"):
        save(conflict["version"], over=conflict)  # saved knowingly on top of the version just shown
    if take.button(t("edit.take_theirs", lang), key=f"{key}-take"):
        load(editing.form_values(conflict), conflict["version"])
        st.rerun()

if project is None:
    st.stop()


# --- confirmations: archive, restore from the archive, restore an earlier version ----------------
def ask(action: str, entry_id: int | None = None) -> None:
    st.session_state[confirm_key] = (action, entry_id)
    st.rerun()


def waiting(action: str, entry_id: int | None = None) -> bool:
    return st.session_state.get(confirm_key) == (action, entry_id)


def cancel_button(where) -> None:
    if where.button(t("edit.cancel", lang), key=f"staff-cancel-{code}"):
        st.session_state.pop(confirm_key, None)
        st.rerun()


def after_restore(was_published: bool) -> None:
    """Tell the user when a restore sent the published project back to review, and why."""
    now = cat.project(code, include_hidden=True)
    if was_published and now is not None and now["publication"] == "submitted":
        names = "; ".join(c.label()(lang) for c in workflow.open_checks(cat, code))
        st.session_state["staff-edit-flash"] = (code, "warning", t("edit.review_again", lang, checks=names))


def take_step(action: str, comment: str = "") -> None:
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
    except workflow.WorkflowError as error:
        st.error(error.text(lang))
        return
    forget_form()
    st.session_state["staff-edit-flash"] = (
        code,
        "success",
        t("edit.done", lang, action=history.action_label(action)(lang)),
    )
    if action == "restore_archive":
        after_restore(project["publication"] == "published")
    st.rerun()


# --- workflow: review and stage (archiving is at the bottom, away from saving) --------------------
workflow_box.subheader(t("edit.workflow", lang))
workflow_box = workflow_box.container(border=True)
with workflow_box:
    if project["status"] == "withdrawn":
        st.warning(
            t("edit.archived", lang, since=format_date(project["status_since"], lang) or "—"),
            icon=":material/inventory_2:",
        )
        if waiting("restore_archive"):
            with st.container(border=True):
                st.markdown(t("edit.confirm_unarchive", lang))
                yes, no = st.columns(2)
                if yes.button(t("edit.confirm_unarchive_yes", lang), type="primary", key=f"staff-yes-{code}"):
                    take_step("restore_archive")
                cancel_button(no)
        elif st.button(t("edit.unarchive", lang), icon=":material/unarchive:", key=f"staff-unarchive-{code}"):
            ask("restore_archive")

    open_checks = workflow.open_checks(cat, code)
    if open_checks:
        st.warning(t("edit.open_checks", lang, count=len(open_checks)), icon=":material/rule:")
        for check in open_checks:
            st.markdown(
                f"- **{check.label()(lang)}**: {escape_markdown(check.text(lang))} ({field_label(check.field, lang)})"
            )
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
                        st.error(error.text(lang))
    for accepted in workflow.accepted_checks(cat, code):
        st.caption(
            t(
                "edit.accepted",
                lang,
                check=accepted.label()(lang),
                reason=escape_markdown(accepted.reason or ""),
                by=escape_markdown(accepted.by or ""),
                date=format_datetime(accepted.at, lang),
            )
        )

    actions = [a for a in workflow.allowed_actions(project, user.role) if a not in ("archive", "restore_archive")]
    if actions:
        comment = st.text_input(
            t("edit.comment", lang), key=f"staff-comment-{code}", placeholder=t("edit.comment_hint", lang)
        )
        buttons = st.columns(len(actions))
        for column, action in zip(buttons, actions, strict=True):
            kind = "primary" if action in ("submit", "publish") else "secondary"
            if column.button(t(f"edit.do_{action}", lang), key=f"staff-{action}-{code}", type=kind):
                take_step(action, comment)

    if project["status"] != "withdrawn":
        with st.expander(t("edit.stage", lang)), st.form(f"staff-stage-{code}"):
            stage = bound(
                st.selectbox,
                t("browse.status", lang),
                key=f"staff-stage-{code}-status",
                options=list(ref.public_statuses),
                default=project["status"] if project["status"] in ref.public_statuses else ref.public_statuses[0],
                format_func=lambda c: ref.statuses.label(c)(lang),
                placeholder=t("browse.choose", lang),
                in_form=True,
            )
            on = st.date_input(
                t("edit.stage_date", lang), value=hanoi_today(), max_value=hanoi_today(), format="DD/MM/YYYY"
            )
            note = st.text_input(t("edit.stage_note", lang))
            if st.form_submit_button(t("edit.stage_save", lang)):
                try:
                    workflow.set_status(cat, code, stage, on=on, actor=user.name, role=user.role, note=note)
                    forget_form()
                    st.rerun()
                except workflow.WorkflowError as error:
                    st.error(error.text(lang))


# --- history ----------------------------------------------------------------------------------------
def shown_value(name: str, value) -> str:
    if name == "status_since" and value:
        try:
            return format_date(dt.date.fromisoformat(str(value)[:10]), lang)
        except ValueError:
            return str(value)
    return value_label(cat, name, value, lang)


def change_table(changes) -> pa.Table:
    """An Arrow table, not a pandas frame: Streamlit sends Arrow, and up to ten of these are drawn on
    every run of this page (building and converting a DataFrame each time was a tenth of its CPU)."""
    rows = [(field_label(name, lang), shown_value(name, old), shown_value(name, new)) for name, old, new in changes]
    names = [t("edit.field", lang), t("edit.before", lang), t("edit.after", lang)]
    columns = list(zip(*rows, strict=True)) if rows else [(), (), ()]
    return pa.Table.from_arrays(
        [pa.array([None if v is None else str(v) for v in column], type=pa.string()) for column in columns], names=names
    )


data_room(cat, code, user.name, lang)

st.divider()
st.subheader(t("edit.history", lang))
st.caption(t("edit.history_times", lang))
entries = history.project_history(cat, code)
# The latest versions, and older ones on asking: each shown version is a table drawn on every run
# of this page, and a project edited often had every save of its life drawn each time.
HISTORY_STEP = 10
shown_versions = st.session_state.get(f"staff-history-{code}", HISTORY_STEP)
for index, entry in enumerate(entries[:shown_versions]):
    title = " · ".join(
        (
            format_datetime(entry.at, lang, zone=False),
            entry.actor or t("edit.system", lang),
            history.action_label(entry.action)(lang),
        )
    )
    with st.expander(title, expanded=index == 0 or waiting("restore", entry.id)):
        if entry.comment:
            st.caption(escape_markdown(history.comment_text(entry, entries)(lang)))
        if entry.event_summary:
            st.caption(t("edit.event", lang, summary=escape_markdown(history.event_text(entry)(lang))))
        if entry.changes:
            st.dataframe(change_table((c.field, c.old, c.new) for c in entry.changes), hide_index=True, width="stretch")
        coming = editing.differences(project, history.snapshot_values(entry), cat) if index else []
        if not coming:  # the latest version, or one whose fields are today's: nothing to restore
            continue
        if waiting("restore", entry.id):
            with st.container(border=True):
                st.markdown(t("edit.confirm_restore", lang, when=format_datetime(entry.at, lang), count=len(coming)))
                st.dataframe(
                    change_table((name, now, then) for name, now, then in coming),
                    hide_index=True,
                    width="stretch",
                )
                if project["publication"] == "published":
                    st.caption(t("edit.restore_review_note", lang))
                yes, no = st.columns(2)
                if yes.button(t("edit.confirm_restore_yes", lang), type="primary", key=f"staff-yes-{code}"):
                    outcome = editing.restore_version(cat, code, entry, actor=user.name)
                    if outcome.ok:
                        forget_form()
                        st.session_state["staff-edit-flash"] = (
                            code,
                            "success",
                            t("edit.restored", lang, when=format_datetime(entry.at, lang)),
                        )
                        after_restore(project["publication"] == "published")
                        st.rerun()
                    st.error(t("edit.restore_failed", lang))
                cancel_button(no)
        elif st.button(t("edit.restore", lang), icon=":material/history:", key=f"staff-restore-{entry.id}"):
            ask("restore", entry.id)
if len(entries) > shown_versions:
    st.button(
        t("edit.history_more", lang, count=min(HISTORY_STEP, len(entries) - shown_versions), total=len(entries)),
        key=f"staff-history-more-{code}",
        icon=":material/expand_more:",
        on_click=st.session_state.__setitem__,
        args=(f"staff-history-{code}", shown_versions + HISTORY_STEP),
    )

# --- archive: a workflow step that takes the project off the public list; far from "Save" --------
if project["status"] != "withdrawn" and "archive" in workflow.allowed_actions(project, user.role):
    st.divider()
    st.subheader(t("edit.archive_title", lang))
    st.caption(t("edit.archive_note", lang))
    if waiting("archive"):
        with st.container(border=True):
            st.markdown(t("edit.confirm_archive", lang, code=code))
            reason = st.text_input(t("edit.archive_reason", lang), key=f"staff-archive-reason-{code}")
            yes, no = st.columns(2)
            if yes.button(t("edit.confirm_archive_yes", lang), icon=":material/archive:", key=f"staff-yes-{code}"):
                take_step("archive", reason)
            cancel_button(no)
    elif st.button(t("edit.archive", lang), icon=":material/archive:", key=f"staff-archive-{code}"):
        ask("archive")
