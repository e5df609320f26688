"""Adding and editing one project: the import's checks, consistency warnings, duplicates, conflicts.

``save_project`` saves all of a project or nothing:

* every field is checked as an imported cell is (``importing.check_record``), plus a code
  that is not taken yet for a new project;
* near-duplicate names (rapidfuzz over accent-folded names, hidden projects included) stop
  the save until the user confirms;
* the project's ``version`` when the form was opened must still be the stored one; if
  someone saved in between, nothing is written and both versions come back (``conflict``);
* consistency warnings in the spirit of SOURCE's checks do not stop a save; they stop
  publishing until a reviewer accepts each with a reason (``workflow.accept_check``).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process

from catalogue.clock import hanoi_today, project_stamp
from catalogue.projects.importing import check_record
from catalogue.projects.model import COLUMN_NAMES, DEFAULT_STATUS
from catalogue.projects.money import exchange_rate
from catalogue.search.normalize import fold
from catalogue.staff import history
from catalogue.text import Text, codes, enum_label, format_number, t

if TYPE_CHECKING:
    import duckdb

    from catalogue.core import Catalogue

DUPLICATE_THRESHOLD = 88  # token-sort ratio on folded names; 100 is the same words
AWARDED_STAGES = ("awarded", "implementing", "completed")
MAX_KM_FROM_DISTRICT = 25.0


@dataclass(frozen=True)
class Check:
    """A consistency warning: ``code`` names the rule, ``field`` where to show it."""

    code: str
    field: str
    text: Text  # the warning, in every language: ``check.text(lang)``

    def label(self) -> Text:
        return check_label(self.code)


# Each warning's short name, and the fields it reads: a reviewer's acceptance holds only while
# those fields keep the values the reviewer saw (see ``valid_acceptances``).
CHECKS = codes("consistency_check")  # each warning's short name: catalogue/data/enumerations.csv
CHECK_FIELDS: dict[str, tuple[str, ...]] = {
    "capital_without_form": ("investment_vnd_bn", "investment_usd_m", "investment_form"),
    "awarded_without_investor": ("status", "investor"),
    "calling_with_investor": ("status", "investor"),
    "completed_future_start": ("status", "start_year"),
    "started_without_year": ("status", "start_year"),
    "capital_currencies_disagree": ("investment_vnd_bn", "investment_usd_m"),
    "far_from_district": ("latitude", "longitude", "district"),
}


def check_label(code: str) -> Text:
    """A consistency warning's short name (never its code, unless it is unknown)."""
    return enum_label("consistency_check", code)


def consistency_checks(values: Mapping[str, Any], cat: Catalogue, today: dt.date | None = None) -> list[Check]:
    """Warnings about values that are each valid but unlikely together."""
    return [
        *_stage_checks(values, today or hanoi_today()),
        *_capital_checks(values),
        *_place_checks(values, cat),
    ]


def _stage_checks(values: Mapping[str, Any], today: dt.date) -> list[Check]:
    """The stage against the investor, the start year and the investment form."""
    checks: list[Check] = []
    status = values.get("status") or DEFAULT_STATUS
    capital = values.get("investment_vnd_bn") or values.get("investment_usd_m")
    if capital and not values.get("investment_form"):
        checks.append(
            Check(
                "capital_without_form",
                "investment_form",
                Text.of("edit.warn.capital_without_form"),
            )
        )
    if status in AWARDED_STAGES and not values.get("investor"):
        checks.append(
            Check(
                "awarded_without_investor",
                "investor",
                Text.of("edit.warn.awarded_without_investor"),
            )
        )
    if status == "calling" and values.get("investor"):
        checks.append(
            Check(
                "calling_with_investor",
                "status",
                Text.of("edit.warn.calling_with_investor"),
            )
        )
    start = values.get("start_year")
    if status == "completed" and start and start > today.year:
        checks.append(
            Check(
                "completed_future_start",
                "start_year",
                Text.of("edit.warn.completed_future_start", year=start),
            )
        )
    if status in ("implementing", "completed") and not start:
        checks.append(
            Check(
                "started_without_year",
                "start_year",
                Text.of("edit.warn.started_without_year"),
            )
        )
    return checks


def _capital_checks(values: Mapping[str, Any]) -> list[Check]:
    """The USD and VND figures, when both are given, agree within 25 % at the app's rate."""
    checks: list[Check] = []
    vnd, usd = values.get("investment_vnd_bn"), values.get("investment_usd_m")
    if vnd and usd:
        implied = usd * exchange_rate().vnd_per_usd / 1000  # USD m → VND bn
        if abs(implied - vnd) / vnd > 0.25:
            checks.append(
                Check(
                    "capital_currencies_disagree",
                    "investment_usd_m",
                    Text.each(
                        lambda lang: t(
                            "edit.warn.capital_currencies_disagree", lang, amount=format_number(implied, lang, 0)
                        )
                    ),
                )
            )
    return checks


def _place_checks(values: Mapping[str, Any], cat: Catalogue) -> list[Check]:
    """The coordinates lie near the chosen district's centre."""
    checks: list[Check] = []
    lat, lon, district = values.get("latitude"), values.get("longitude"), values.get("district")
    if lat is not None and lon is not None and district:
        with cat.cursor() as cur:
            centre = cur.execute("select centre_lat, centre_lon from districts where code = ?", [district]).fetchall()
        if centre and centre[0][0] is not None:
            km = _km(lat, lon, centre[0][0], centre[0][1])
            if km > MAX_KM_FROM_DISTRICT:
                checks.append(
                    Check(
                        "far_from_district",
                        "latitude",
                        Text.each(lambda lang: t("edit.warn.far_from_district", lang, km=format_number(km, lang, 0))),
                    )
                )
    return checks


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


@dataclass(frozen=True)
class Duplicate:
    code: str
    name: str
    score: float


def near_duplicates(cat: Catalogue, name: str, exclude: str | None = None, limit: int = 5) -> list[Duplicate]:
    """Projects (hidden ones too) whose name is nearly ``name``, accent-blind, best first."""
    wanted = fold(name or "")
    if len(wanted) < 4:
        return []
    with cat.cursor() as cur:
        rows = cur.execute(
            "select code, name_vi, coalesce(name_en, '') from projects where code <> ?", [exclude or ""]
        ).fetchall()
    choices = {code: fold(vi or "") for code, vi, _en in rows}
    names = {code: vi for code, vi, _en in rows}
    found = process.extract(
        wanted, choices, scorer=fuzz.token_sort_ratio, score_cutoff=DUPLICATE_THRESHOLD, limit=limit
    )
    return [Duplicate(code, names[code], round(score, 1)) for _choice, score, code in found]


@dataclass
class SaveOutcome:
    """What ``save_project`` did: ``ok`` and the new ``version``, or why not."""

    ok: bool
    code: str | None = None
    version: int | None = None
    errors: dict[str, Text] = field(default_factory=dict)
    duplicates: list[Duplicate] = field(default_factory=list)
    conflict: dict[str, Any] | None = None  # the stored project someone else saved meanwhile
    warnings: list[Check] = field(default_factory=list)
    review_again: list[Check] = field(default_factory=list)  # warnings that sent a published project back


class _Conflict(Exception):
    def __init__(self, stored: dict[str, Any]) -> None:
        super().__init__("edit conflict")
        self.stored = stored


@dataclass(frozen=True)
class _Save:
    """One save's inputs, as the write needs them."""

    values: dict[str, Any]
    fields: list[str]
    existing: dict[str, Any] | None
    base_version: int | None
    actor: str
    action: str | None
    comment: str | None


def _code_problem(code: str | None, new: bool, existing: dict[str, Any] | None) -> Text | None:
    if new and existing is not None:
        return Text.of("edit.code_taken", code=code)
    if not new and existing is None and code:
        return Text.of("error.no_project", code=code)
    return None


def _insert_project(cur: duckdb.DuckDBPyConnection, save: _Save, now: dt.datetime) -> int:
    values, code = save.values, save.values["code"]
    names = [n for n in save.fields if n not in ("status", "demo")]
    status = values.get("status") or DEFAULT_STATUS
    cur.execute(
        f"insert into projects ({', '.join(names)}, status, status_since, demo, publication, created_at, "
        f"updated_at, version) values ({', '.join('?' for _ in names)}, ?, ?, ?, 'draft', ?, ?, 1)",
        [*(values[n] for n in names), status, hanoi_today(), bool(values.get("demo")), now, now],
    ).fetchall()
    history.record(cur, [code], action=save.action or "create", actor=save.actor, at=now, comment=save.comment)
    return 1


def _update_project(cur: duckdb.DuckDBPyConnection, save: _Save, now: dt.datetime) -> int:
    """The stored project as saved, if nobody saved it since ``base_version``; else :class:`_Conflict`."""
    values, code, existing = save.values, save.values["code"], save.existing
    stored = cur.execute("select version from projects where code = ?", [code]).fetchall()
    if not stored or stored[0][0] != save.base_version:
        raise _Conflict(cat_project_in(cur, code))
    history.ensure_baseline(cur, [code])
    updates = [n for n in save.fields if n not in ("code", "status")]
    status = values.get("status") or existing["status"]
    status_changed = status != existing["status"]  # a stage date is a day in Hanoi
    sets = ", ".join(f"{n} = ?" for n in updates)
    cur.execute(
        f"update projects set {sets}, status = ?, status_since = "
        f"{'?' if status_changed else 'status_since'}, updated_at = ?, version = version + 1 where code = ?",
        [*(values[n] for n in updates), status, *([hanoi_today()] if status_changed else []), now, code],
    ).fetchall()
    history.record(cur, [code], action=save.action or "edit", actor=save.actor, at=now, comment=save.comment)
    return save.base_version + 1


def save_project(
    cat: Catalogue,
    form: Mapping[str, Any],
    *,
    actor: str,
    base_version: int | None,
    confirm_duplicates: bool = False,
    action: str | None = None,
    comment: str | None = None,
    review_reintroduced: bool = False,
) -> SaveOutcome:
    """Create (``base_version=None``) or update a project from form values; all or nothing.

    With ``review_reintroduced`` (a restore), a published project whose saved values raise a
    warning that no reviewer has accepted for these values goes back to review in the same
    transaction (``SaveOutcome.review_again`` lists those warnings).
    """
    values, errors = check_record(dict(form), cat.reference)
    code = values.get("code")
    new = base_version is None
    existing = cat.project(code, include_hidden=True) if code else None
    problem = _code_problem(code, new, existing)
    if problem is not None:
        errors.setdefault("code", problem)
    if errors:
        return SaveOutcome(False, code, errors=errors)
    name_changed = new or fold(existing["name_vi"] or "") != fold(values["name_vi"] or "")
    if name_changed and not confirm_duplicates:
        duplicates = near_duplicates(cat, values["name_vi"], exclude=code)
        if duplicates:
            return SaveOutcome(False, code, duplicates=duplicates)
    warnings = consistency_checks(values, cat)
    fields = [name for name in COLUMN_NAMES if name in form or name in ("code",)]
    if "demo" not in form:
        fields = [name for name in fields if name != "demo"]
    if not new and action is None and not comment and not cat.read_only and not differences(existing, form, cat):
        # the same values sent again (a second click on Save): nothing to write, no empty history entry
        return SaveOutcome(True, code, version=int(existing["version"]), warnings=warnings)
    save = _Save(values, fields, existing, base_version, actor, action, comment)
    sent_back: list[Check] = []

    def write(cur: duckdb.DuckDBPyConnection) -> int:
        now = project_stamp()
        if new:
            return _insert_project(cur, save, now)
        version = _update_project(cur, save, now)
        if review_reintroduced:
            sent_back[:] = send_back_to_review(cur, cat, code, actor=actor, at=now)
        return version

    try:
        version = cat.write(write, event="projects")
    except _Conflict as conflict:
        return SaveOutcome(False, code, conflict=conflict.stored)
    return SaveOutcome(True, code, version=version, warnings=warnings, review_again=sent_back)


def differences(stored: Mapping[str, Any], form: Mapping[str, Any], cat: Catalogue) -> list[tuple[str, Any, Any]]:
    """The template fields where ``form`` (as typed) differs from ``stored``, compared as the
    checks read them (``"2.300"`` equals 2300.0): (field, stored value, typed value)."""
    typed, _problems = check_record(dict(form), cat.reference)
    saved = form_values(stored)
    out = []
    for name in COLUMN_NAMES:
        if name not in form:
            continue
        before, after = saved.get(name), typed.get(name)
        if name == "demo":
            before, after = bool(before), bool(after)
        if before != after and not (before in (None, "") and after in (None, "")):
            out.append((name, before, after))
    return out


def changed_fields(loaded: Mapping[str, Any], form: Mapping[str, Any], cat: Catalogue) -> list[str]:
    """The fields the user changed in ``form`` since it was filled from ``loaded`` (the stored values
    of the version opened): a change someone else saved meanwhile is not the user's."""
    return [name for name, _before, _after in differences(loaded, form, cat)]


def merged_form(current: Mapping[str, Any], form: Mapping[str, Any], mine: Sequence[str]) -> dict[str, Any]:
    """What to save over ``current`` (the version someone else saved meanwhile): its values, with the
    fields in ``mine`` (those the user changed) as the user typed them. Saving the whole form instead
    put back the old values of every field the other person had changed (a helper's finding)."""
    merged = {name: value for name, value in form_values(current).items() if name in form}
    merged.update({name: form[name] for name in mine if name in form})
    if "code" in form:
        merged["code"] = form["code"]
    return merged


def cat_project_in(cur: duckdb.DuckDBPyConnection, code: str) -> dict[str, Any]:
    """The stored row as a dict, read inside the current transaction."""
    result = cur.execute("select * from projects where code = ?", [code])
    names = [d[0] for d in result.description]
    rows = result.fetchall()
    return dict(zip(names, rows[0], strict=True)) if rows else {}


def form_values(project: Mapping[str, Any]) -> dict[str, Any]:
    """A stored project's template fields, as the edit form starts with them."""
    out = {}
    for name in COLUMN_NAMES:
        value = project.get(name)
        if isinstance(value, float) and math.isnan(value):
            value = None
        out[name] = value
    return out


@dataclass(frozen=True)
class Acceptance:
    """A reviewer's acceptance of warning ``check`` on a project, with the reason."""

    check: str
    reason: str
    by: str
    at: dt.datetime

    def label(self) -> Text:
        return check_label(self.check)


def _fingerprint(values: Mapping[str, Any], names: tuple[str, ...]) -> tuple[Any, ...]:
    out = []
    for name in names:
        value = values.get(name)
        if isinstance(value, float) and math.isnan(value):
            value = None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        out.append(value)
    return tuple(out)


def valid_acceptances(cur: duckdb.DuckDBPyConnection, code: str, values: Mapping[str, Any]) -> dict[str, Acceptance]:
    """The acceptances of project ``code`` that still hold, by check code.

    An acceptance holds while the fields its warning reads have kept, in every snapshot of the
    history since it was given and in ``values`` (the project now), the values the reviewer
    saw. A warning that went away and came back (an edit, an import, a restored version, an
    archived project brought back) is therefore open again until a reviewer accepts it anew.
    """
    rows = cur.execute(
        "select check_code, reason, accepted_by, accepted_at from accepted_checks where code = ?", [code]
    ).fetchall()
    if not rows:
        return {}
    since = min(at for *_rest, at in rows)
    states = [
        (at, json.loads(snapshot))
        for at, snapshot in cur.execute(
            "select happened_at, snapshot from project_history where code = ? and happened_at >= ? "
            "order by happened_at, id",
            [code, since],
        ).fetchall()
    ]
    holding = {}
    for check, reason, by, at in rows:
        names = CHECK_FIELDS.get(check, ())
        seen = {_fingerprint(state, names) for happened, state in states if happened >= at}
        seen.add(_fingerprint(values, names))
        if len(seen) == 1:
            holding[check] = Acceptance(check, reason, by, at)
    return holding


def open_checks_in(cur: duckdb.DuckDBPyConnection, cat: Catalogue, code: str) -> list[Check]:
    """The warnings of project ``code`` (as stored, read through ``cur``) that no acceptance covers."""
    row = cat_project_in(cur, code)
    if not row:
        return []
    values = form_values(row)
    holding = valid_acceptances(cur, code, values)
    return [check for check in consistency_checks(values, cat) if check.code not in holding]


def send_back_to_review(
    cur: duckdb.DuckDBPyConnection, cat: Catalogue, code: str, *, actor: str | None, at: dt.datetime
) -> list[Check]:
    """A published project with a warning no reviewer accepted for its values goes back to
    review (publication ``submitted``), recorded as ``review_again``; returns those warnings.

    Called inside a restore (of an earlier version, or from the archive), after its snapshot.
    """
    row = cat_project_in(cur, code)
    if not row or (row.get("publication") or "published") != "published" or row.get("status") == "withdrawn":
        return []
    still_open = open_checks_in(cur, cat, code)
    if still_open:
        cur.execute(
            "update projects set publication = 'submitted', review_comment = null, updated_at = ? where code = ?",
            [at, code],
        ).fetchall()
        history.record(
            cur, [code], action="review_again", actor=actor, at=at, comment=", ".join(c.code for c in still_open)
        )
    return still_open


def restore_version(cat: Catalogue, code: str, entry: history.HistoryEntry, *, actor: str) -> SaveOutcome:
    """Save an earlier snapshot's fields as the current version (recorded as a ``restore``).

    A published project goes back to review when the restored values bring back a warning that
    no reviewer accepted for them (:func:`send_back_to_review`).
    """
    current = cat.project(code, include_hidden=True)
    if current is None:
        return SaveOutcome(False, code, errors={"code": (f"Không có dự án “{code}”", f"No project “{code}”")})
    values = history.snapshot_values(entry)
    values["code"] = code
    return save_project(
        cat,
        values,
        actor=actor,
        base_version=current["version"],
        confirm_duplicates=True,
        action="restore",
        comment=history.restore_comment(entry),
        review_reintroduced=True,
    )
