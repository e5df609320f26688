"""The review workflow: draft → submitted → published, stage changes, archive and restore.

Publication (who may see a project) is separate from its stage (how far the project has
come). Only ``published`` projects at a public stage are public. Nothing is ever deleted:
archiving sets the stage to ``withdrawn`` and remembers the stage before, which restore
brings back. Every transition bumps the project's version (an open edit form then sees a
conflict) and is kept in the history with who, when and the comment.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from catalogue.clock import hanoi_today, project_stamp
from catalogue.errors import CatalogueError
from catalogue.staff import history
from catalogue.staff.auth import has_role, role_label
from catalogue.staff.editing import (
    Acceptance,
    Check,
    cat_project_in,
    form_values,
    open_checks_in,
    send_back_to_review,
    valid_acceptances,
)
from catalogue.text import Text, enum_label, t

if TYPE_CHECKING:
    import duckdb

    from catalogue.core import Catalogue


@dataclass(frozen=True)
class Transition:
    sources: tuple[str, ...]
    target: str
    role: str
    needs_comment: bool = False


TRANSITIONS: dict[str, Transition] = {
    "submit": Transition(("draft",), "submitted", "staff"),
    "publish": Transition(("submitted",), "published", "reviewer"),
    "reject": Transition(("submitted",), "draft", "reviewer", needs_comment=True),
    "unpublish": Transition(("published",), "draft", "reviewer", needs_comment=True),
}


class WorkflowError(CatalogueError):
    """A transition that is not allowed, with the reason in every language."""


def publication_label(code: str | None) -> Text:
    return enum_label("publication", code or "published")


def allowed_actions(project: dict[str, Any], role: str) -> list[str]:
    """The transitions ``role`` may take on ``project`` now (archive/restore included)."""
    state = project.get("publication") or "published"
    actions = [name for name, tr in TRANSITIONS.items() if state in tr.sources and has_role(role, tr.role)]
    if has_role(role, "staff"):
        actions.append("restore_archive" if project.get("status") == "withdrawn" else "archive")
    return actions


def open_checks(cat: Catalogue, code: str) -> list[Check]:
    """The project's consistency warnings that no reviewer has accepted for its present values."""
    with cat.cursor() as cur:
        return open_checks_in(cur, cat, code)


def accepted_checks(cat: Catalogue, code: str) -> list[Acceptance]:
    """The acceptances that still hold for the project's present values, by warning."""
    with cat.cursor() as cur:
        row = cat_project_in(cur, code)
        holding = valid_acceptances(cur, code, form_values(row)) if row else {}
    return [holding[check] for check in sorted(holding)]


def accept_check(cat: Catalogue, code: str, check_code: str, reason: str, *, actor: str, role: str) -> None:
    """A reviewer accepts a consistency warning with a reason; it no longer blocks publishing."""
    if not has_role(role, "reviewer"):
        raise WorkflowError(Text.of("workflow.reviewer_only"))
    if len((reason or "").strip()) < 5:
        raise WorkflowError(Text.of("workflow.accept_reason"))
    if check_code not in {c.code for c in open_checks(cat, code)}:
        raise WorkflowError(Text.of("workflow.no_such_warning"))

    def work(cur: duckdb.DuckDBPyConnection) -> None:
        now = project_stamp()
        cur.execute(
            "insert or replace into accepted_checks values (?, ?, ?, ?, ?)",
            [code, check_code, reason.strip(), actor, now],
        ).fetchall()
        history.ensure_baseline(cur, [code])
        history.record(cur, [code], action="accept_check", actor=actor, at=now, comment=f"{check_code}: {reason}")

    cat.write(work, event="projects")


def _refuse(cat: Catalogue, project: dict[str, Any], action: str, role: str, comment: str) -> None:
    """Raise :class:`WorkflowError` when ``role`` may not take ``action`` on ``project`` now."""
    if action not in allowed_actions(project, role):
        doing, state, rights = history.action_label(action), publication_label(project["publication"]), role_label(role)
        raise WorkflowError(
            Text.each(
                lambda lang: t(
                    "workflow.not_allowed", lang, action=doing(lang), publication=state(lang), role=rights(lang)
                )
            )
        )
    rule = TRANSITIONS.get(action)
    if rule and rule.needs_comment and len(comment.strip()) < 5:
        raise WorkflowError(Text.of("workflow.reason_needed"))
    if action == "publish":
        still_open = open_checks(cat, project["code"])
        if still_open:
            raise WorkflowError(
                Text.each(
                    lambda lang: t("workflow.open_warnings", lang, warnings="; ".join(c.text(lang) for c in still_open))
                )
            )


# What each action that is not a publication step does to the stage.
_STAGE_UPDATES = {
    "archive": "update projects set archived_status = status, status = 'withdrawn', status_since = ?, "
    "updated_at = ?, version = version + 1 where code = ?",
    "restore_archive": "update projects set status = coalesce(archived_status, 'calling'), archived_status = null, "
    "status_since = ?, updated_at = ?, version = version + 1 where code = ?",
}


def transition(
    cat: Catalogue,
    code: str,
    action: str,
    *,
    actor: str,
    role: str,
    comment: str = "",
    expected_version: int | None = None,
) -> int:
    """Take ``action`` (submit, publish, reject, unpublish, archive, restore_archive); returns the new version.

    Restoring a published project from the archive sends it back to review (publication
    ``submitted``) when its stage brings back a warning no reviewer accepted for these values.

    Raises :class:`WorkflowError` when the role may not, the project is not in a state the
    action starts from, a comment is missing, or (publishing) warnings are still open.
    """
    project = cat.project(code, include_hidden=True)
    if project is None:
        raise WorkflowError(Text.of("error.no_project", code=code))
    _refuse(cat, project, action, role, comment)
    rule = TRANSITIONS.get(action)

    def work(cur: duckdb.DuckDBPyConnection) -> int:
        now = project_stamp()
        version = cur.execute("select version from projects where code = ?", [code]).fetchall()[0][0]
        if expected_version is not None and version != expected_version:
            raise WorkflowError(Text.of("workflow.changed_meanwhile"))
        history.ensure_baseline(cur, [code])
        if rule:
            cur.execute(
                "update projects set publication = ?, review_comment = ?, updated_at = ?, version = version + 1 "
                "where code = ?",
                [rule.target, comment.strip() or None, now, code],
            ).fetchall()
        else:
            cur.execute(_STAGE_UPDATES[action], [hanoi_today(), now, code]).fetchall()
        history.record(cur, [code], action=action, actor=actor, at=now, comment=comment.strip() or None)
        if action == "restore_archive":  # a stage that brings back a warning is reviewed again
            send_back_to_review(cur, cat, code, actor=actor, at=now)
        return version + 1

    return cat.write(work, event="projects")


def set_status(cat: Catalogue, code: str, status: str, *, on: dt.date, actor: str, role: str, note: str = "") -> int:
    """Record that the project reached ``status`` on ``on`` (a public stage; archive is separate)."""
    if not has_role(role, "staff"):
        raise WorkflowError(Text.of("workflow.staff_only"))
    ref = cat.reference
    if status not in ref.public_statuses:
        raise WorkflowError(Text.of("workflow.public_stage"))
    if on > hanoi_today():
        raise WorkflowError(Text.of("workflow.future_date"))

    def work(cur: duckdb.DuckDBPyConnection) -> int:
        now = project_stamp()
        rows = cur.execute("select version, status from projects where code = ?", [code]).fetchall()
        if not rows:
            raise WorkflowError(Text.of("error.no_project", code=code))
        if rows[0][1] == "withdrawn":
            raise WorkflowError(Text.of("workflow.archived"))
        history.ensure_baseline(cur, [code])
        cur.execute(
            "update projects set status = ?, status_since = ?, updated_at = ?, version = version + 1 where code = ?",
            [status, on, now, code],
        ).fetchall()
        history.record(cur, [code], action="status", actor=actor, at=now, comment=note.strip() or None)
        return rows[0][0] + 1

    return cat.write(work, event="projects")
