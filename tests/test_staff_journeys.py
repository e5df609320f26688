"""Issue 10, the staff domain: accepted warnings and restores, labels instead of codes, Hanoi time,
the inbox as staff read and export it, import previews and error counts. No Streamlit here."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import good_row, write_csv

from catalogue.clock import HANOI
from catalogue.errors import CatalogueError
from catalogue.staff import auth, editing, history, workflow
from catalogue.staff.inquiries import inbox, inbox_table, mark_answered, unanswered_count
from catalogue.staff.inquiries import submit as submit_inquiry


def project(**overrides):
    values = {
        "code": "HN-200",
        "name_vi": "Nhà máy đốt rác phát điện Phú Xuyên",
        "name_en": "Phu Xuyen waste-to-energy plant",
        "category": "environmental_services",
        "district": "Phú Xuyên",
        "investment_vnd_bn": "500",
        "investment_usd_m": "5",  # about 130 tỷ đồng at the app's rate: the currencies disagree
        "investment_form": "ppp",
        "status": "calling",
    }
    values.update(overrides)
    return values


def published_with_accepted_warning(cat, warning="capital_currencies_disagree", **overrides) -> None:
    outcome = editing.save_project(cat, project(**overrides), actor="lan", base_version=None)
    assert [w.code for w in outcome.warnings] == [warning]
    workflow.transition(cat, "HN-200", "submit", actor="lan", role="staff")
    for check in workflow.open_checks(cat, "HN-200"):
        workflow.accept_check(cat, "HN-200", check.code, "USD figure from the investor", actor="minh", role="reviewer")
    workflow.transition(cat, "HN-200", "publish", actor="minh", role="reviewer")
    assert cat.project("HN-200") is not None


def save(cat, **changes) -> editing.SaveOutcome:
    stored = cat.project("HN-200", include_hidden=True)
    form = editing.form_values(stored) | changes
    outcome = editing.save_project(cat, form, actor="lan", base_version=stored["version"])
    assert outcome.ok, outcome
    return outcome


# --- accepted warnings and restores -------------------------------------------------------------


def test_an_acceptance_holds_only_for_the_values_the_reviewer_saw(cat):
    published_with_accepted_warning(cat)
    assert workflow.open_checks(cat, "HN-200") == []
    assert [a.check for a in workflow.accepted_checks(cat, "HN-200")] == ["capital_currencies_disagree"]
    save(cat, capacity="600 tấn/ngày")  # another field: the acceptance holds
    assert workflow.open_checks(cat, "HN-200") == []
    save(cat, investment_usd_m=4.0)  # still disagreeing, but not what the reviewer saw
    assert [c.code for c in workflow.open_checks(cat, "HN-200")] == ["capital_currencies_disagree"]
    assert workflow.accepted_checks(cat, "HN-200") == []


def test_restoring_a_version_that_brings_back_an_accepted_warning_sends_it_back_to_review(cat):
    published_with_accepted_warning(cat)
    save(cat, investment_usd_m=20.0)  # 520 tỷ đồng: the warning is gone
    assert workflow.open_checks(cat, "HN-200") == [] and workflow.accepted_checks(cat, "HN-200") == []
    before_fix = next(e for e in history.project_history(cat, "HN-200") if e.action == "publish")

    outcome = editing.restore_version(cat, "HN-200", before_fix, actor="lan")

    assert outcome.ok and [c.code for c in outcome.review_again] == ["capital_currencies_disagree"]
    stored = cat.project("HN-200", include_hidden=True)
    assert stored["investment_usd_m"] == 5 and stored["publication"] == "submitted"
    assert cat.project("HN-200") is None  # not public until a reviewer has seen the warning again
    assert [c.code for c in workflow.open_checks(cat, "HN-200")] == ["capital_currencies_disagree"]
    latest, restored = history.project_history(cat, "HN-200")[:2]
    assert (latest.action, restored.action) == ("review_again", "restore")
    with pytest.raises(workflow.WorkflowError):
        workflow.transition(cat, "HN-200", "publish", actor="minh", role="reviewer")
    workflow.accept_check(cat, "HN-200", "capital_currencies_disagree", "Checked again", actor="minh", role="reviewer")
    workflow.transition(cat, "HN-200", "publish", actor="minh", role="reviewer")
    assert cat.project("HN-200") is not None


def test_restoring_a_version_whose_warning_was_never_away_keeps_the_project_published(cat):
    published_with_accepted_warning(cat)
    save(cat, capacity="600 tấn/ngày")
    before_edit = next(e for e in history.project_history(cat, "HN-200") if e.action == "publish")
    outcome = editing.restore_version(cat, "HN-200", before_edit, actor="lan")
    assert outcome.ok and outcome.review_again == []
    assert cat.project("HN-200")["capacity"] is None  # restored, and still public


def test_restoring_from_the_archive_a_stage_that_brings_back_a_warning_goes_to_review(cat):
    published_with_accepted_warning(
        cat, "awarded_without_investor", status="awarded", investment_usd_m="20"
    )  # investor not named
    assert [a.check for a in workflow.accepted_checks(cat, "HN-200")] == ["awarded_without_investor"]
    workflow.transition(cat, "HN-200", "archive", actor="lan", role="staff", comment="Tạm dừng")
    assert cat.project("HN-200") is None
    workflow.transition(cat, "HN-200", "restore_archive", actor="lan", role="staff")
    stored = cat.project("HN-200", include_hidden=True)
    assert stored["status"] == "awarded" and stored["publication"] == "submitted"
    assert [c.code for c in workflow.open_checks(cat, "HN-200")] == ["awarded_without_investor"]


def test_restoring_from_the_archive_keeps_an_acceptance_whose_values_never_changed(cat):
    published_with_accepted_warning(cat)  # the currency warning reads no stage
    workflow.transition(cat, "HN-200", "archive", actor="lan", role="staff")
    workflow.transition(cat, "HN-200", "restore_archive", actor="lan", role="staff")
    assert cat.project("HN-200")["publication"] == "published"


# --- labels, never codes; Hanoi time --------------------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_history_comments_name_warnings_and_restored_versions_in_words(cat, lang):
    published_with_accepted_warning(cat)
    save(cat, investment_usd_m=20.0)
    entries = history.project_history(cat, "HN-200")
    source = next(e for e in entries if e.action == "publish")
    editing.restore_version(cat, "HN-200", source, actor="lan")
    entries = history.project_history(cat, "HN-200")
    texts = {e.action: history.comment_text(e, entries)(lang) for e in entries}
    label = editing.check_label("capital_currencies_disagree")(lang)
    assert texts["accept_check"] == f"{label}: USD figure from the investor"
    assert label in texts["review_again"]
    when = source.at.replace(tzinfo=dt.UTC).astimezone(HANOI)
    assert f"{when:%H:%M}" in texts["restore"] and ("giờ Hà Nội" if lang == "vi" else "Hanoi time") in texts["restore"]
    shown = " ".join(texts.values())
    assert "capital_currencies_disagree" not in shown and f"#{source.id}" not in shown
    assert history.action_label("review_again")(lang) != "review_again"


def test_every_warning_has_a_name_in_both_languages_and_vietnamese_numbers(cat):
    assert set(editing.CHECKS) == set(editing.CHECK_FIELDS)
    for code in editing.CHECKS:
        assert editing.check_label(code)("vi") != code and editing.check_label(code)("en") != code
    warning = next(
        c
        for c in editing.consistency_checks({"investment_vnd_bn": 100.0, "investment_usd_m": 500.0}, cat)
        if c.code == "capital_currencies_disagree"
    )
    assert "13.000 tỷ đồng" in warning.text("vi") and "VND 13,000 bn" in warning.text("en")


def test_a_refused_step_names_the_role_in_words(cat):
    editing.save_project(cat, project(), actor="lan", base_version=None)
    with pytest.raises(workflow.WorkflowError) as refused:
        workflow.transition(cat, "HN-200", "publish", actor="lan", role="staff")
    assert "Cán bộ xúc tiến" in refused.value.text("vi") and "Promotion staff" in refused.value.text("en")
    assert "role staff" not in refused.value.text("en")


def test_a_lock_out_says_when_in_hanoi_time(cat):
    until = dt.datetime(2026, 11, 28, 20, 30)  # stored: naive UTC
    result = auth.SignInResult(None, "throttled", until)
    assert "03:30 (giờ Hà Nội)" in result.text("vi") and "03:30 (Hanoi time)" in result.text("en")


def test_a_stage_date_is_checked_against_hanoi_today(cat, monkeypatch):
    editing.save_project(cat, project(), actor="lan", base_version=None)
    monkeypatch.setattr(workflow, "hanoi_today", lambda: dt.date(2026, 11, 29))
    workflow.set_status(cat, "HN-200", "negotiating", on=dt.date(2026, 11, 29), actor="lan", role="staff")
    with pytest.raises(workflow.WorkflowError):
        workflow.set_status(cat, "HN-200", "awarded", on=dt.date(2026, 11, 30), actor="lan", role="staff")


# --- the inbox ---------------------------------------------------------------------------------------


def inquiry(**overrides):
    form = {
        "name": "Jane Doe",
        "organisation": "Green Capital",
        "country": "Singapore",
        "email": "jane@example.com",
        "message": "We would like the feasibility study.",
        "consent": True,
    }
    return form | overrides


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_inbox_table_and_its_export_speak_the_language_and_hanoi_time(demo_cat, lang):
    cat = demo_cat
    sent = submit_inquiry(cat, "DEMO-001", inquiry(), session="a")
    stored_at = inbox(cat)["created_at"].iloc[0].to_pydatetime()
    shown = inbox_table(inbox(cat), lang)
    local = stored_at.replace(tzinfo=dt.UTC).astimezone(HANOI)
    assert shown.columns[0] == ("Nhận lúc (giờ Hà Nội)" if lang == "vi" else "Received (Hanoi time)")
    assert shown.iloc[0, 0].endswith(f"{local:%H:%M}")
    row = " ".join(map(str, shown.iloc[0]))
    assert ("Chưa trả lời" if lang == "vi" else "Unanswered") in row and "Singapore" in row
    assert sent.reference in row
    mark_answered(cat, sent.inquiry_id, actor="lan", note="Sent the study")
    export = inbox_table(inbox(cat), lang, export=True)
    answered_at = export.iloc[0][("Trả lời lúc (giờ Hà Nội)" if lang == "vi" else "Answered at (Hanoi time)")]
    stored_answer = inbox(cat)["answered_at"].iloc[0].to_pydatetime()
    assert answered_at == (stored_answer + dt.timedelta(hours=7)).replace(microsecond=0)
    assert not {"id", "status", "new", "answered"} & set(export.columns)
    status = export["Tình trạng" if lang == "vi" else "Status"]
    assert list(status) == ["Đã trả lời" if lang == "vi" else "Answered"]


def test_an_inquiry_is_answered_once_and_the_count_drops(demo_cat):
    cat = demo_cat
    first = submit_inquiry(cat, "DEMO-001", inquiry(), session="a")
    submit_inquiry(cat, "DEMO-002", inquiry(email="kim@example.com", name="Kim Lee"), session="b")
    assert unanswered_count(cat) == 2
    mark_answered(cat, first.inquiry_id, actor="lan", note="Called back")
    assert unanswered_count(cat) == 1
    with pytest.raises(CatalogueError) as again:
        mark_answered(cat, first.inquiry_id, actor="minh", note="Me too")
    assert "lan" in again.value.text("en")
    assert inbox(cat, code="demo-001").iloc[0]["answer_note"] == "Called back"  # kept, not overwritten


# --- import: rows with errors, the preview --------------------------------------------------------


def test_errors_are_counted_by_row_and_named_in_the_users_language(cat, tmp_path):
    rows = [good_row("OK-1"), good_row("OK-2"), good_row("BAD-1", category="tên lửa", district="Quận 1", status="?")]
    report = cat.import_file(write_csv(tmp_path / "bad.csv", rows))
    assert len(report.errors) == 3 and report.error_rows == 1
    category = next(e for e in report.errors if e.column == "category")
    assert "environmental_services" not in category.text("vi") + category.text("en")
    assert "Dịch vụ môi trường" in category.text("vi") and "Environmental services" in category.text("en")
    shown = report.error_frame("en", both=False)
    assert list(shown.columns) == ["Row", "Column", "Value", "Reason"]
    assert list(shown["Column"]) == ["Category", "Former district (until June 2025)", "Stage"]
    assert list(shown["Row"]) == [4, 4, 4]


def test_vietnamese_numbers_in_vietnamese_import_messages(cat, tmp_path):
    rows = [good_row("N-1", investment_vnd_bn="7000000")]
    header = ["code", "name_vi", "name_en", "category", "district", "investment_vnd_bn", "investment_form", "status"]
    report = cat.import_file(write_csv(tmp_path / "big.csv", rows, header))
    assert "500.000" in report.errors[0].text("vi") and "500,000" in report.errors[0].text("en")
    lat = [*header, "latitude", "longitude"]
    report = cat.import_file(write_csv(tmp_path / "far.csv", [[*good_row("N-2"), "10.77", "105.8"]], lat))
    assert "(20,5–21,42)" in report.errors[0].text("vi") and "(20.5–21.42)" in report.errors[0].text("en")


def test_a_clean_file_previews_its_rows_and_what_happens_to_each(cat, tmp_path):
    cat.import_file(write_csv(tmp_path / "first.csv", [good_row("P-1"), good_row("P-2")]))
    rows = [good_row("P-1", name_vi="Tên mới"), good_row("P-2"), good_row("P-3", investment_vnd_bn="1.250,5")]
    report = cat.import_file(write_csv(tmp_path / "second.csv", rows), dry_run=True, keep_rows=True)
    assert report.outcomes == {"P-1": "changed", "P-2": "unchanged", "P-3": "new"}
    assert report.codes("new") == ["P-3"] and report.codes("changed") == ["P-1"]
    preview = report.preview_frame(cat.reference, "vi")
    assert list(preview["Kết quả"]) == ["Cập nhật", "Không đổi", "Dự án mới"]
    assert list(preview["Nhóm"]) == ["Dịch vụ môi trường"] * 3
    assert list(preview["Tổng vốn đầu tư (tỷ đồng)"]) == ["120", "120", "1.250,5"]
    assert cat.project("P-3", include_hidden=True) is None  # a dry run


def test_every_workflow_step_has_a_button_label_and_counted_texts_say_one_in_english():
    from catalogue.text import STRINGS, t

    for action in workflow.TRANSITIONS:
        assert f"edit.do_{action}" in STRINGS
    assert t("edit.do_publish", "en") == "Publish" and t("edit.do_reject", "en") == "Return to draft"
    assert t("import.n_errors", "en", count=1, n="1") == "1 error"
    assert t("import.n_rows", "en", count=2, n="2") == "2 rows"
    assert t("inbox.count_n", "en", count=1, n="1") == "1 inquiry"
    assert t("import.n_errors", "vi", count=1300, n="1.300") == "1.300 lỗi"
