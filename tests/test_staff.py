"""Issue 5, the domain: accounts, checks, duplicates, conflicts, workflow, history, import, inbox, health."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys

import openpyxl
import pytest

from catalogue import Catalogue
from catalogue.errors import CatalogueError
from catalogue.projects.template import template_xlsx
from catalogue.staff import auth, editing, health, history, workflow
from catalogue.staff.inquiries import inbox, mark_answered, unanswered_count
from catalogue.staff.inquiries import submit as submit_inquiry
from tests.conftest import PASSWORD, good_row, write_csv


def new_project(**overrides):
    values = {
        "code": "HN-100",
        "name_vi": "Nhà máy tái chế pin lithium Đông Anh",
        "name_en": "Dong Anh lithium battery recycling plant",
        "category": "treatment_materials",
        "district": "Đông Anh",
        "investment_vnd_bn": "850",
        "investment_form": "FDI",
        "status": "calling",
        "lead_agency": "Sở Công Thương",
        "contact_email": "xuc.tien@example.gov.vn",
    }
    values.update(overrides)
    return values


# --- accounts ---------------------------------------------------------------------------------


def test_password_is_hashed_and_never_in_the_database_file(tmp_path):
    path = tmp_path / "c.duckdb"
    with Catalogue.open(path) as cat:
        auth.add_user(cat, "lan", PASSWORD, "staff")
        with cat.cursor() as cur:
            stored = cur.execute("select password_hash from users").fetchall()[0][0]
        assert stored.startswith("$argon2id$") and PASSWORD not in stored
        assert auth.sign_in(cat, "lan", PASSWORD).user.role == "staff"
        cat.backup(tmp_path / "backup")
    raw = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    assert PASSWORD.encode() not in raw


def test_sign_in_names_are_case_blind_and_wrong_answers_say_the_same(cat):
    auth.add_user(cat, "Lan", PASSWORD, "staff")
    assert auth.sign_in(cat, "LAN", PASSWORD).user.name == "lan"
    unknown = auth.sign_in(cat, "nobody", PASSWORD)
    wrong = auth.sign_in(cat, "lan", "not-the-password")
    assert unknown.user is None and wrong.user is None
    assert unknown.text("en") == wrong.text("en") == "Wrong user name or password."


def test_repeated_failures_make_that_name_wait_from_that_address_then_unlock(cat):
    auth.add_user(cat, "lan", PASSWORD, "staff")
    start = dt.datetime(2026, 11, 28, 9, 0)
    for attempt in range(auth.MAX_FAILED_ATTEMPTS - 1):
        assert auth.sign_in(cat, "lan", "wrong", now=start, address="203.0.113.9").reason == "wrong", attempt
    waits = auth.sign_in(cat, "lan", "wrong", now=start, address="203.0.113.9")
    assert waits.reason == "throttled" and waits.wait_until == start + dt.timedelta(minutes=auth.LOCK_MINUTES)
    # From that address even the right password waits ...
    refused = auth.sign_in(cat, "lan", PASSWORD, now=start + dt.timedelta(minutes=1), address="203.0.113.9")
    assert refused.reason == "throttled" and "16:15" in refused.text("en")
    # ... but the attacker has not locked Lan out: from her own desk she signs in.
    assert auth.sign_in(cat, "lan", PASSWORD, now=start, address="198.51.100.7").user is not None
    assert auth.get_user(cat, "lan").failed_attempts == 0
    # After the wait, the address may try again.
    later = start + dt.timedelta(minutes=auth.LOCK_MINUTES + 1)
    assert auth.sign_in(cat, "lan", PASSWORD, now=later, address="203.0.113.9").user is not None
    for _ in range(auth.MAX_FAILED_ATTEMPTS):
        auth.sign_in(cat, "lan", "wrong", now=later, address="203.0.113.9")
    assert auth.get_user(cat, "lan").failed_attempts == auth.MAX_FAILED_ATTEMPTS  # administrators see it
    assert auth.sign_in(cat, "lan", PASSWORD, now=later, address="203.0.113.9").reason == "throttled"
    auth.unlock(cat, "lan")
    assert auth.sign_in(cat, "lan", PASSWORD, now=later, address="203.0.113.9").user is not None


def test_an_unknown_name_and_a_real_one_answer_alike_through_the_lock_out(cat):
    auth.add_user(cat, "lan", PASSWORD, "staff")
    start = dt.datetime(2026, 11, 28, 9, 0)
    answers = {}
    for name in ("lan", "nobody"):
        answers[name] = [
            auth.sign_in(cat, name, "wrong", now=start, address="203.0.113.9").text("en")
            for _ in range(auth.MAX_FAILED_ATTEMPTS + 2)
        ]
    assert answers["lan"] == answers["nobody"]
    assert answers["lan"][0] == "Wrong user name or password."
    assert answers["lan"][-1].startswith("Too many failed sign-ins from this device")


def test_one_address_trying_many_names_waits(cat):
    auth.add_user(cat, "lan", PASSWORD, "staff")
    start = dt.datetime(2026, 11, 28, 9, 0)
    for n in range(auth.MAX_FAILED_PER_ADDRESS):
        auth.sign_in(cat, f"guess{n}", "wrong", now=start, address="203.0.113.9")
    assert auth.sign_in(cat, "lan", PASSWORD, now=start, address="203.0.113.9").reason == "throttled"
    assert auth.sign_in(cat, "lan", PASSWORD, now=start, address="198.51.100.7").user is not None


def test_concurrent_wrong_passwords_all_count(cat):
    import threading

    auth.add_user(cat, "lan", PASSWORD, "staff")
    threads = [
        threading.Thread(target=auth.sign_in, args=(cat, "lan", "wrong"), kwargs={"address": f"10.0.0.{n}"})
        for n in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert auth.get_user(cat, "lan").failed_attempts == 8


def test_disabled_accounts_cannot_sign_in_and_the_last_admin_stays(cat):
    auth.add_user(cat, "root", PASSWORD, "admin")
    auth.add_user(cat, "lan", PASSWORD, "staff")
    auth.set_active(cat, "lan", False)
    assert auth.sign_in(cat, "lan", PASSWORD).user is None
    with pytest.raises(auth.AccountError):
        auth.set_role(cat, "root", "staff")
    with pytest.raises(auth.AccountError):
        auth.set_active(cat, "root", False)


@pytest.mark.parametrize(
    ("name", "password", "role"),
    [
        ("lan", "short", "staff"),
        ("lan", "lan-is-my-password", "staff"),
        ("Lan Anh", PASSWORD, "staff"),
        ("lan", PASSWORD, "viewer"),
    ],
)
def test_account_rules(cat, name, password, role):
    with pytest.raises(auth.AccountError):
        auth.add_user(cat, name, password, role)
    assert auth.list_users(cat) == []


def test_roles_and_session_expiry():
    assert auth.has_role("admin", "reviewer") and auth.has_role("reviewer", "staff")
    assert not auth.has_role("staff", "reviewer") and not auth.has_role(None, "staff")
    start = dt.datetime(2026, 11, 28, 8, 0)
    assert not auth.session_expired(start, start + dt.timedelta(minutes=29), start + dt.timedelta(minutes=30))
    assert auth.session_expired(start, start, start + dt.timedelta(minutes=auth.SESSION_IDLE_MINUTES + 1))
    busy = start + dt.timedelta(hours=auth.SESSION_MAX_HOURS, minutes=1)
    assert auth.session_expired(start, busy, busy)


def test_cli_user_add_reads_the_password_from_stdin_never_an_argument(tmp_path):
    db = tmp_path / "c.duckdb"
    Catalogue.open(db).close()  # only `catalogue init` creates a database
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "catalogue",
            "--db",
            str(db),
            "--lang",
            "en",
            "user",
            "add",
            "Minh",
            "--role",
            "reviewer",
            "--password-stdin",
        ],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "minh" in run.stdout
    refused = subprocess.run(
        [sys.executable, "-m", "catalogue", "--db", str(db), "user", "add", "x", "--role", "staff", "--password", "p"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert refused.returncode == 2  # there is no --password option
    with Catalogue.open(db) as cat:
        assert auth.sign_in(cat, "minh", PASSWORD).user.role == "reviewer"


# --- checks before saving ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("name_vi", "", "required"),
        ("category", "nuclear", "Unknown category"),
        ("code", "HN 100", "unaccented letters"),
        ("investment_vnd_bn", "-5", "negative"),
        ("investment_vnd_bn", "abc", ""),
        ("area_ha", "99999", "Implausibly large"),
        ("latitude", "10.8", "outside Hanoi"),
        ("contact_email", "lan-at-agency", "email"),
        ("contact_phone", "12", "8–15 digits"),
        ("start_year", "1800", "whole number"),
        ("district", "Quận 1", "30 pre-2025 districts"),
        ("ward", "Phường Bến Nghé", "126 wards"),
    ],
)
def test_each_field_check_refuses_and_saves_nothing(cat, field, value, words):
    form = new_project(**{field: value})
    if field == "latitude":
        form["longitude"] = "105.8"
    outcome = editing.save_project(cat, form, actor="lan", base_version=None)
    assert not outcome.ok and field in outcome.errors
    assert words in outcome.errors[field]("en")
    assert cat.count(include_hidden=True) == 0


def test_a_new_code_must_be_unique(demo_cat):
    outcome = editing.save_project(demo_cat, new_project(code="DEMO-001"), actor="lan", base_version=None)
    assert not outcome.ok and "already used" in outcome.errors["code"]("en")


@pytest.mark.parametrize(
    ("overrides", "check"),
    [
        ({"investment_form": ""}, "capital_without_form"),
        ({"status": "awarded"}, "awarded_without_investor"),
        ({"investor": "Công ty ABC"}, "calling_with_investor"),
        (
            {"status": "completed", "start_year": str(dt.date.today().year + 2), "investor": "ABC"},
            "completed_future_start",
        ),
        ({"status": "implementing", "investor": "ABC"}, "started_without_year"),
        ({"investment_usd_m": "5"}, "capital_currencies_disagree"),
        ({"latitude": "21.40", "longitude": "105.30"}, "far_from_district"),
    ],
)
def test_consistency_warnings_save_but_block_publishing_until_accepted(cat, overrides, check):
    outcome = editing.save_project(cat, new_project(**overrides), actor="lan", base_version=None)
    assert outcome.ok
    assert check in {w.code for w in outcome.warnings}
    workflow.transition(cat, "HN-100", "submit", actor="lan", role="staff")
    with pytest.raises(workflow.WorkflowError):
        workflow.transition(cat, "HN-100", "publish", actor="minh", role="reviewer")
    with pytest.raises(workflow.WorkflowError):  # staff cannot accept
        workflow.accept_check(cat, "HN-100", check, "checked with the agency", actor="lan", role="staff")
    with pytest.raises(workflow.WorkflowError):  # a reason is needed
        workflow.accept_check(cat, "HN-100", check, " ", actor="minh", role="reviewer")
    for warning in workflow.open_checks(cat, "HN-100"):
        workflow.accept_check(cat, "HN-100", warning.code, "checked with the agency", actor="minh", role="reviewer")
    workflow.transition(cat, "HN-100", "publish", actor="minh", role="reviewer")
    assert cat.project("HN-100") is not None


def test_a_clean_project_has_no_warnings(cat):
    outcome = editing.save_project(cat, new_project(), actor="lan", base_version=None)
    assert outcome.ok and outcome.warnings == []


def test_duplicate_warning_is_accent_blind_and_can_be_overridden(demo_cat):
    name = demo_cat.project("DEMO-005")["name_vi"]
    typed = "nha may che tao lo dot chat thai nguy hai va thiet bi xu ly khi lo dot"  # no accents
    assert typed != name
    outcome = editing.save_project(demo_cat, new_project(name_vi=typed), actor="lan", base_version=None)
    assert not outcome.ok and [d.code for d in outcome.duplicates][:1] == ["DEMO-005"]
    assert demo_cat.project("HN-100", include_hidden=True) is None
    confirmed = editing.save_project(
        demo_cat, new_project(name_vi=typed), actor="lan", base_version=None, confirm_duplicates=True
    )
    assert confirmed.ok
    assert editing.near_duplicates(demo_cat, "Trạm quan trắc không khí tự động di động") == []


def test_two_sessions_editing_the_same_project_conflict_instead_of_overwriting(cat):
    editing.save_project(cat, new_project(), actor="lan", base_version=None)
    opened_by_lan = cat.project("HN-100", include_hidden=True)
    opened_by_minh = cat.project("HN-100", include_hidden=True)
    first = editing.save_project(
        cat, new_project(capacity="20.000 tấn/năm"), actor="minh", base_version=opened_by_minh["version"]
    )
    assert first.ok and first.version == opened_by_minh["version"] + 1
    second = editing.save_project(
        cat, new_project(capacity="5.000 tấn/năm"), actor="lan", base_version=opened_by_lan["version"]
    )
    assert not second.ok and second.conflict["capacity"] == "20.000 tấn/năm"
    assert cat.project("HN-100", include_hidden=True)["capacity"] == "20.000 tấn/năm"
    # Lan chooses her version knowingly: saved on top of the version she has now seen.
    third = editing.save_project(
        cat, new_project(capacity="5.000 tấn/năm"), actor="lan", base_version=second.conflict["version"]
    )
    assert third.ok and cat.project("HN-100", include_hidden=True)["capacity"] == "5.000 tấn/năm"


# --- workflow ------------------------------------------------------------------------------------


def test_workflow_transitions_allowed_and_refused(cat):
    editing.save_project(cat, new_project(), actor="lan", base_version=None)
    assert cat.project("HN-100") is None  # a new project is a draft: not public
    assert cat.project("HN-100", include_hidden=True)["publication"] == "draft"
    with pytest.raises(workflow.WorkflowError):
        workflow.transition(cat, "HN-100", "publish", actor="minh", role="reviewer")  # not submitted yet
    workflow.transition(cat, "HN-100", "submit", actor="lan", role="staff")
    with pytest.raises(workflow.WorkflowError):
        workflow.transition(cat, "HN-100", "publish", actor="lan", role="staff")  # staff cannot publish
    with pytest.raises(workflow.WorkflowError):
        workflow.transition(cat, "HN-100", "reject", actor="minh", role="reviewer", comment="")  # reason needed
    workflow.transition(cat, "HN-100", "reject", actor="minh", role="reviewer", comment="Thiếu toạ độ dự án")
    project = cat.project("HN-100", include_hidden=True)
    assert project["publication"] == "draft" and project["review_comment"] == "Thiếu toạ độ dự án"
    workflow.transition(cat, "HN-100", "submit", actor="lan", role="staff")
    workflow.transition(cat, "HN-100", "publish", actor="minh", role="reviewer")
    assert cat.project("HN-100") is not None
    assert [h.code for h in cat.search("tái chế pin lithium")][:1] == ["HN-100"]
    with pytest.raises(workflow.WorkflowError):
        workflow.transition(cat, "HN-100", "submit", actor="lan", role="staff")  # already published


def test_archive_and_restore_instead_of_delete(cat):
    editing.save_project(cat, new_project(status="negotiating"), actor="lan", base_version=None)
    workflow.transition(cat, "HN-100", "submit", actor="lan", role="staff")
    workflow.transition(cat, "HN-100", "publish", actor="minh", role="reviewer")
    workflow.transition(cat, "HN-100", "archive", actor="lan", role="staff", comment="Chủ trương thay đổi")
    assert cat.project("HN-100") is None and cat.search("tái chế pin lithium") == []
    assert cat.project("HN-100", include_hidden=True)["status"] == "withdrawn"
    assert workflow.allowed_actions(cat.project("HN-100", include_hidden=True), "staff") == ["restore_archive"]
    workflow.transition(cat, "HN-100", "restore_archive", actor="lan", role="staff")
    assert cat.project("HN-100")["status"] == "negotiating"


def test_a_file_archives_as_the_staff_pages_do_and_never_brings_a_project_back_to_the_public_by_itself(cat, tmp_path):
    editing.save_project(cat, new_project(status="negotiating"), actor="lan", base_version=None)
    workflow.transition(cat, "HN-100", "submit", actor="lan", role="staff")
    workflow.transition(cat, "HN-100", "publish", actor="minh", role="reviewer")
    # A staff list withdraws it: archived, with its stage kept for a restore.
    cat.import_file(
        write_csv(tmp_path / "a.csv", [good_row("HN-100", status="withdrawn")]), actor="lan", new_publication="draft"
    )
    stored = cat.project("HN-100", include_hidden=True)
    assert cat.project("HN-100") is None and (stored["status"], stored["archived_status"]) == (
        "withdrawn",
        "negotiating",
    )
    # A later list brings it back: it waits for a reviewer, the preview says so, and nothing is public.
    back = write_csv(tmp_path / "b.csv", [good_row("HN-100", status="calling"), good_row("HN-101")])
    preview = cat.import_file(back, dry_run=True, actor="lan", new_publication="draft")
    assert preview.review == ["HN-100"] and cat.project("HN-100", include_hidden=True)["status"] == "withdrawn"
    done = cat.import_file(back, actor="lan", new_publication="draft")
    stored = cat.project("HN-100", include_hidden=True)
    assert done.review == ["HN-100"] and (stored["status"], stored["publication"]) == ("calling", "submitted")
    assert stored["archived_status"] is None
    assert cat.project("HN-100") is None and cat.project("HN-101") is None  # the new one is a draft
    workflow.transition(cat, "HN-100", "publish", actor="minh", role="reviewer")
    assert cat.project("HN-100")["status"] == "calling"
    # Archived by a file, restored on the page: the stage before comes back.
    cat.import_file(write_csv(tmp_path / "c.csv", [good_row("HN-100", status="withdrawn")]), actor="lan")
    workflow.transition(cat, "HN-100", "restore_archive", actor="lan", role="staff")
    assert cat.project("HN-100")["status"] == "calling"


def test_the_cli_imports_drafts_unless_told_to_publish(tmp_path):
    from catalogue.cli import main

    db = str(tmp_path / "c.duckdb")
    assert main(["--db", db, "init"]) == 0
    assert main(["--db", db, "import", str(write_csv(tmp_path / "a.csv", [good_row("HN-200")]))]) == 0
    assert main(["--db", db, "import", "--publish", str(write_csv(tmp_path / "b.csv", [good_row("HN-201")]))]) == 0
    with Catalogue.open(db) as cat:
        assert cat.project("HN-200") is None and cat.project("HN-200", include_hidden=True)["publication"] == "draft"
        assert cat.project("HN-201") is not None


def test_stage_changes_are_recorded_with_their_date(cat):
    editing.save_project(cat, new_project(), actor="lan", base_version=None)
    workflow.set_status(cat, "HN-100", "negotiating", on=dt.date(2026, 10, 1), actor="lan", role="staff", note="MoU")
    project = cat.project("HN-100", include_hidden=True)
    assert project["status"] == "negotiating" and str(project["status_since"])[:10] == "2026-10-01"
    latest = history.project_history(cat, "HN-100")[0]
    assert latest.action == "status" and latest.actor == "lan" and latest.comment == "MoU"
    assert {c.field: (c.old, c.new) for c in latest.changes}["status"] == ("calling", "negotiating")
    with pytest.raises(workflow.WorkflowError):
        workflow.set_status(cat, "HN-100", "withdrawn", on=dt.date(2026, 10, 1), actor="lan", role="staff")
    with pytest.raises(workflow.WorkflowError):
        workflow.set_status(cat, "HN-100", "awarded", on=dt.date(2099, 1, 1), actor="lan", role="staff")


def test_an_open_form_conflicts_after_a_workflow_step(cat):
    editing.save_project(cat, new_project(), actor="lan", base_version=None)
    opened = cat.project("HN-100", include_hidden=True)
    workflow.transition(cat, "HN-100", "submit", actor="minh", role="staff")
    outcome = editing.save_project(cat, new_project(capacity="1 t"), actor="lan", base_version=opened["version"])
    assert outcome.conflict is not None


# --- history -------------------------------------------------------------------------------------


def test_the_same_values_saved_again_write_nothing(demo_cat):
    """A second click on Save sends the values just saved: no new version, no empty history entry
    (found by a helper: two "Edited" entries, the second with no change, version 1 -> 3)."""
    before = demo_cat.project("DEMO-050")
    form = editing.form_values(before) | {"capacity": "2.100 m³/ngày đêm"}
    first = editing.save_project(demo_cat, form, actor="lan", base_version=before["version"])
    again = editing.save_project(demo_cat, form, actor="lan", base_version=first.version)
    assert first.ok and again.ok and again.version == first.version == before["version"] + 1
    assert [e.action for e in history.project_history(demo_cat, "DEMO-050")].count("edit") == 1


def test_history_has_who_when_and_field_diffs_and_restores(demo_cat):
    cat = demo_cat
    before = cat.project("DEMO-001")
    form = editing.form_values(before) | {"capacity": "350 xe/năm", "investment_vnd_bn": 1600}
    assert editing.save_project(cat, form, actor="lan", base_version=before["version"]).ok
    entries = history.project_history(cat, "DEMO-001")
    assert [e.action for e in entries] == ["edit", "import", "create"]  # "create": the demo timeline
    diff = {c.field: (c.old, c.new) for c in entries[0].changes}
    assert diff == {"capacity": (before["capacity"], "350 xe/năm"), "investment_vnd_bn": (1450, 1600)}
    assert entries[0].actor == "lan" and entries[0].at is not None
    restored = editing.restore_version(cat, "DEMO-001", entries[1], actor="minh")
    assert restored.ok
    after = cat.project("DEMO-001")
    assert after["capacity"] == before["capacity"] and after["investment_vnd_bn"] == before["investment_vnd_bn"]
    latest = history.project_history(cat, "DEMO-001")[0]
    assert latest.action == "restore" and latest.actor == "minh"
    assert {c.field for c in latest.changes} == {"capacity", "investment_vnd_bn"}


def test_a_project_older_than_history_gets_a_baseline_first(cat, tmp_path):
    with cat.cursor() as cur:
        cur.execute(
            "insert into projects (code, name_vi, category, status, publication, version, created_at, updated_at) "
            "values ('OLD-1', 'Dự án cũ xử lý bùn thải', 'environmental_services', 'calling', 'published', 1, "
            "now()::timestamp, now()::timestamp)"
        )
    old = cat.project("OLD-1")
    form = editing.form_values(old) | {"capacity": "50 tấn/ngày"}
    assert editing.save_project(cat, form, actor="lan", base_version=1).ok
    entries = history.project_history(cat, "OLD-1")
    assert [e.action for e in entries] == ["edit", "baseline"]
    assert [(c.field, c.old, c.new) for c in entries[0].changes] == [("capacity", None, "50 tấn/ngày")]


# --- bulk import ---------------------------------------------------------------------------------


def test_staff_import_is_one_event_by_whom_and_new_rows_wait_for_review(cat, tmp_path):
    path = write_csv(tmp_path / "a.csv", [good_row("HN-001"), good_row("HN-002", name_vi="Trạm xử lý bùn")])
    report = cat.import_file(path, actor="lan", new_publication="draft")
    assert report.committed and report.inserted == 2
    assert cat.count() == 0 and cat.count(include_hidden=True) == 2
    with cat.cursor() as cur:
        events = cur.execute("select kind, actor, summary from events").fetchall()
        linked = cur.execute("select count(*) from project_history where event_id is not null").fetchall()[0][0]
    assert events == [("import", "lan", "a.csv: +2 / ~0")] and linked == 2
    # A second file changing one project adds one more event and one history entry.
    write_csv(path, [good_row("HN-001", investment_vnd_bn="130"), good_row("HN-002", name_vi="Trạm xử lý bùn")])
    cat.import_file(path, actor="minh", new_publication="draft")
    entry = history.project_history(cat, "HN-001")[0]
    assert entry.actor == "minh" and entry.action == "import"
    assert [(c.field, c.old, c.new) for c in entry.changes] == [("investment_vnd_bn", 120, 130)]
    assert len(history.project_history(cat, "HN-002")) == 1


def test_a_bad_file_changes_nothing(demo_cat, tmp_path):
    cat = demo_cat
    with cat.cursor() as cur:
        before = cur.execute("select count(*), max(updated_at) from projects").fetchall()
        history_before = cur.execute("select count(*) from project_history").fetchall()
    path = write_csv(tmp_path / "bad.csv", [good_row("DEMO-001", name_vi="Đổi tên"), good_row("HN-9", category="?")])
    report = cat.import_file(path, actor="lan", new_publication="draft")
    assert not report.ok and not report.committed
    with cat.cursor() as cur:
        assert cur.execute("select count(*), max(updated_at) from projects").fetchall() == before
        assert cur.execute("select count(*) from project_history").fetchall() == history_before


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_template_has_headers_an_example_row_and_the_allowed_values(cat, tmp_path, lang):
    data = template_xlsx(cat, lang)
    book = openpyxl.load_workbook(io.BytesIO(data))
    projects, allowed = book.worksheets
    headers = [c.value for c in projects[1]]
    assert headers[0] == ("Mã dự án (bắt buộc)" if lang == "vi" else "Project code (required)")
    assert projects.max_row == 2
    values = {row[0].value for row in allowed.iter_rows(min_row=2) if row[0].value}
    assert any("Hà Nội" in str(row[2].value) or "Ba Vì" in str(row[2].value) for row in allowed.iter_rows(min_row=2))
    assert len(values) >= 6
    # Filled in (the example row replaced), the template imports as it is.
    projects.cell(row=2, column=1, value="HN-777")
    path = tmp_path / f"template-{lang}.xlsx"
    book.save(path)
    report = cat.import_file(path, dry_run=True)
    assert report.ok, report.errors
    assert report.inserted == 1 and report.ignored_columns == []


def test_the_template_example_row_is_refused(cat, tmp_path):
    path = tmp_path / "t.xlsx"
    path.write_bytes(template_xlsx(cat, "vi"))
    report = cat.import_file(path)
    assert not report.ok and "example row" in report.errors[0].text("en")


# --- inquiries inbox and data health ---------------------------------------------------------------


def inquiry(code="DEMO-001", **overrides):
    form = {
        "name": "Jane",
        "organisation": "Green Capital",
        "country": "Singapore",
        "email": "jane@example.com",
        "message": "We would like the feasibility study.",
        "consent": True,
    }
    form.update(overrides)
    return form


def test_inbox_newest_first_answer_with_a_note(demo_cat):
    cat = demo_cat
    first = submit_inquiry(cat, "DEMO-001", inquiry(), session="a")
    second = submit_inquiry(cat, "DEMO-002", inquiry(name="Kenji", country="Japan"), session="b")
    assert unanswered_count(cat) == 2
    frame = inbox(cat)
    assert list(frame["id"]) == [second.inquiry_id, first.inquiry_id]
    assert frame.iloc[0]["project_name"] == cat.project("DEMO-002")["name_vi"]
    with pytest.raises(CatalogueError):
        mark_answered(cat, first.inquiry_id, actor="lan", note="")
    mark_answered(cat, first.inquiry_id, actor="lan", note="Sent the pre-feasibility study by email")
    assert unanswered_count(cat) == 1
    assert list(inbox(cat, unanswered_only=True)["id"]) == [second.inquiry_id]
    answered = inbox(cat, code="DEMO-001").iloc[0]
    assert answered["answered_by"] == "lan" and answered["status"] == "answered"


def test_data_health_finds_stale_incomplete_and_pending(demo_cat):
    cat = demo_cat
    with cat.cursor() as cur:
        cur.execute("update projects set updated_at = timestamp '2024-01-01' where code = 'DEMO-003'")
    editing.save_project(
        cat,
        {"code": "HN-1", "name_vi": "Trạm trung chuyển rác thải kín", "category": "waste_equipment"},
        actor="lan",
        base_version=None,
    )
    editing.save_project(cat, new_project(), actor="lan", base_version=None)
    workflow.transition(cat, "HN-100", "submit", actor="lan", role="staff")
    state = health.data_health(cat, today=dt.date(2026, 11, 28))
    assert list(state.stale["code"]) == ["DEMO-003"]
    assert "HN-1" in set(state.incomplete["code"])
    assert state.incomplete.set_index("code").loc["HN-1", "score"] == 0
    assert list(state.pending_review["code"]) == ["HN-100"]
    assert "HN-1" in set(state.drafts["code"])
    frame = cat.projects(include_hidden=True, code=["HN-100"])
    assert health.completeness(frame).iloc[0] == round(100 * 6 / len(health.COMPLETENESS_FIELDS))
    # counted and scored by the database as by pandas; lists cut at the limit, counts whole
    everything = cat.projects(include_hidden=True)
    everything = everything[everything["status"] != "withdrawn"]
    scores = dict(zip(everything["code"], health.completeness(everything.reset_index(drop=True)), strict=True))
    short = health.data_health(cat, today=dt.date(2026, 11, 28), limit=2)
    assert short.counts["incomplete"] == sum(score < health.INCOMPLETE_BELOW for score in scores.values())
    assert len(short.incomplete) == min(2, short.counts["incomplete"])
    assert all(scores[row.code] == row.score for row in state.incomplete.itertuples())
    assert short.counts["pending_review"] == 1 and short.counts["stale"] == 1
    assert health.missing_fields(frame.iloc[0])[:2] == ["description_vi", "description_en"]


def test_a_new_project_from_the_full_form_keeps_every_field(cat):
    form = new_project(demo=True, ward="", investor="", latitude="21.18", longitude="105.72", start_year="2028")
    outcome = editing.save_project(cat, form, actor="lan", base_version=None)
    assert outcome.ok, outcome.errors
    stored = cat.project("HN-100", include_hidden=True)
    assert stored["demo"] is True and stored["latitude"] == 21.18 and stored["start_year"] == 2028
    assert stored["investment_vnd_bn"] == 850 and stored["lead_agency"] == "so_cong_thuong"


def test_sessions_behind_a_cookie_keep_only_a_hash_and_end_as_they_should(cat):
    auth.add_user(cat, "lan", PASSWORD, "staff")
    auth.add_user(cat, "root", PASSWORD, "admin")
    start = dt.datetime(2026, 11, 28, 8, 0)
    token = auth.start_session(cat, "lan", now=start)
    with cat.cursor() as cur:
        stored = cur.execute("select token_hash from sign_in_sessions").fetchall()[0][0]
    assert token not in stored and len(stored) == 64
    assert auth.resume_session(cat, token, now=start + dt.timedelta(minutes=20)).name == "lan"
    assert auth.resume_session(cat, token, now=start + dt.timedelta(minutes=45)).name == "lan"  # used at 20'
    idle = start + dt.timedelta(minutes=45 + auth.SESSION_IDLE_MINUTES + 1)
    assert auth.resume_session(cat, token, now=idle) is None
    assert auth.resume_session(cat, "forged-token") is None and auth.resume_session(cat, None) is None
    # Sign-out, a new password and a disabled account all end sessions.
    second = auth.start_session(cat, "lan")
    auth.end_session(cat, second)
    assert auth.resume_session(cat, second) is None
    third = auth.start_session(cat, "lan")
    auth.set_password(cat, "lan", "another-long-passphrase")
    assert auth.resume_session(cat, third) is None
    fourth = auth.start_session(cat, "lan")
    auth.set_active(cat, "lan", False)
    assert auth.resume_session(cat, fourth) is None
    # A working day at most, however busy.
    busy = auth.start_session(cat, "root", now=start)
    for minutes in range(0, auth.SESSION_MAX_HOURS * 60, 20):
        assert auth.resume_session(cat, busy, now=start + dt.timedelta(minutes=minutes)) is not None
    assert auth.resume_session(cat, busy, now=start + dt.timedelta(hours=auth.SESSION_MAX_HOURS, minutes=5)) is None


def test_differences_compare_values_as_the_checks_read_them(demo_cat):
    stored = demo_cat.project("DEMO-001")
    typed = editing.form_values(stored) | {"investment_vnd_bn": "1.450", "capacity": "400 xe/năm", "demo": "có"}
    assert editing.differences(stored, typed, demo_cat) == [("capacity", stored["capacity"], "400 xe/năm")]


def test_the_app_hashes_passwords_at_the_production_cost():
    """The test process hashes cheaply (tests/conftest.py); the program itself must not."""
    import subprocess
    import sys

    code = "from catalogue.staff import auth; print(auth.hash_password('x'))"
    stored = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")


@pytest.mark.parametrize(
    ("typed", "lang", "value"),
    [
        ("1,234", "en", 1234.0),
        ("1,234.5", "en", 1234.5),
        ("1.234", "en", 1.234),
        ("2.5", "en", 2.5),
        ("1,500 triệu", "en", 1.5),
        ("1.234,5", "en", 1234.5),  # the Vietnamese way on the English page: not an English number, read as typed
        ("1.234", "vi", 1234.0),
        ("1,234", "vi", 1.234),
        ("500 triệu", "vi", 0.5),
    ],
)
def test_a_number_field_is_read_the_way_its_page_writes_numbers(typed, lang, value):
    from catalogue.projects.views import typed_number
    from catalogue.search.normalize import parse_number

    assert parse_number(typed_number(typed, lang), "vnd_bn") == value
