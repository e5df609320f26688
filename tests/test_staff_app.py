"""AppTest tests of the staff pages: roles, sign-in, editing, conflicts, workflow, inbox, accounts."""

from __future__ import annotations

import re

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from catalogue import Catalogue
from catalogue.staff import auth
from catalogue.staff.inquiries import inbox
from catalogue.staff.inquiries import submit as submit_inquiry
from tests.conftest import PASSWORD, open_demo

APP = str(__import__("conftest").ROOT / "app_pages" / "main.py")  # the frame each session runs
STAFF_PAGES = {
    "staff_home.py": ("staff", "Việc cần làm"),
    "edit.py": ("staff", "Thêm / sửa dự án"),
    "bulk_import.py": ("staff", "Nhập dự án từ tệp"),
    "inbox.py": ("staff", "Hộp thư nhà đầu tư"),
    "users.py": ("admin", "Tài khoản"),
}


@pytest.fixture
def staff_db(monkeypatch, tmp_path):
    path = tmp_path / "staff.duckdb"
    with open_demo(path, "lan", "minh", "root") as cat:
        submit_inquiry(
            cat,
            "DEMO-001",
            {
                "name": "Jane",
                "organisation": "Green Capital",
                "country": "Singapore",
                "email": "jane@example.com",
                "message": "We would like the feasibility study.",
                "consent": True,
            },
            session="s",
        )
    monkeypatch.setenv("CATALOGUE_DB", str(path))
    yield path
    st.cache_resource.clear()


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, at.exception
    return at


def open_page(page: str, params: dict | None = None, at: AppTest | None = None) -> AppTest:
    at = at or run(AppTest.from_file(APP, default_timeout=60))
    at.switch_page(page)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return run(at)


def sign_in(at: AppTest, name: str, password: str = PASSWORD) -> AppTest:
    name_box = next(w for w in at.text_input if w.label == "Tên đăng nhập")
    password_box = next(w for w in at.text_input if w.label == "Mật khẩu")
    name_box.input(name)
    password_box.input(password)
    next(b for b in at.button if b.label == "Đăng nhập").click()
    return run(at)


def signed_in(name: str, page: str = "staff_home.py", params: dict | None = None) -> AppTest:
    at = open_page("signin.py")
    sign_in(at, name)
    return open_page(page, params, at)


def texts(at: AppTest) -> str:
    parts = [
        e.value
        for kind in ("title", "subheader", "markdown", "caption", "info", "warning", "error", "success")
        for e in getattr(at, kind)
    ]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("page", list(STAFF_PAGES))
def test_a_staff_url_without_sign_in_shows_the_sign_in_and_no_data(staff_db, page):
    at = open_page(page, {"code": "DEMO-001"})
    assert at.title[0].value == "Đăng nhập cán bộ"
    assert any(w.label == "Mật khẩu" for w in at.text_input)
    shown = texts(at)
    assert "Sóc Sơn" not in shown and "DEMO-001" not in shown and "Jane" not in shown
    assert len(at.dataframe) == 0


@pytest.mark.parametrize("role", ["staff", "reviewer", "admin"])
def test_each_role_opens_only_its_pages(staff_db, role):
    name = {"staff": "lan", "reviewer": "minh", "admin": "root"}[role]
    at = signed_in(name)
    for page, (needed, title) in STAFF_PAGES.items():
        open_page(page, at=at)
        if auth.has_role(role, needed):
            assert at.title[0].value == title, (role, page)
        else:
            assert at.title[0].value == "Đăng nhập cán bộ", (role, page)
            assert "không có quyền" in at.error[0].value


def test_wrong_password_then_lock_out_message(staff_db):
    at = open_page("signin.py")
    sign_in(at, "lan", "wrong-password")
    assert at.error[0].value == "Tên đăng nhập hoặc mật khẩu không đúng."
    for _ in range(auth.MAX_FAILED_ATTEMPTS - 1):
        sign_in(at, "lan", "wrong-password")
    assert "Quá nhiều lần đăng nhập sai" in at.error[0].value
    sign_in(at, "lan", PASSWORD)  # waiting: the right password does not help from here
    assert "Quá nhiều lần đăng nhập sai" in at.error[0].value
    sign_in(at, "nobody", "wrong-password")  # an unknown name is answered as a known one was
    assert at.error[0].value == "Tên đăng nhập hoặc mật khẩu không đúng."


def test_sign_out_and_an_expired_session_show_the_sign_in_again(staff_db):
    at = signed_in("lan")
    assert at.title[0].value == "Việc cần làm"
    at.session_state["auth"]["last_seen"] -= __import__("datetime").timedelta(minutes=auth.SESSION_IDLE_MINUTES + 1)
    run(at)
    assert at.title[0].value == "Đăng nhập cán bộ"
    assert "hết hạn" in at.info[0].value
    # Signing out with the sidebar button is covered by tests/test_browser_staff.py (AppTest
    # does not keep the frame's sidebar after switch_page).


def test_staff_home_counts_what_needs_attention(staff_db):
    at = signed_in("lan")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Thư chưa trả lời"] == "1"
    assert metrics["Chờ duyệt"] == "0"
    # The demo data's drafts appear in their tab, each a link to the edit page.
    drafts = next(tab for tab in at.tabs if tab.label.startswith("Bản nháp"))
    assert drafts.label != "Bản nháp (0)"
    assert any("DEMO-" in link.label.replace("\\", "") for link in drafts.get("page_link"))  # Markdown-escaped


def field(at: AppTest, label: str):
    return next(w for w in [*at.text_input, *at.text_area] if w.label.rstrip(" *") == label)


def save(at: AppTest) -> AppTest:
    next(b for b in at.button if b.label == "Lưu thay đổi").click()
    return run(at)


def test_edit_shows_errors_by_the_field_and_saves_nothing(staff_db):
    at = signed_in("lan", "edit.py", {"code": "DEMO-001"})
    field(at, "Email liên hệ").input("not-an-email")
    field(at, "Vĩ độ").input("30")
    save(at)
    shown = texts(at)
    assert "Email không đúng dạng" in shown and "Vĩ độ nằm ngoài Hà Nội" in shown
    assert "Chưa lưu: có 2 ô cần sửa" in shown
    st.cache_resource.clear()
    with Catalogue.open(staff_db) as cat:
        assert cat.project("DEMO-001")["contact_email"] != "not-an-email"
        assert cat.project("DEMO-001")["version"] == 1


def test_edit_saves_and_the_history_shows_who_and_what(staff_db):
    at = signed_in("lan", "edit.py", {"code": "DEMO-001"})
    field(at, "Quy mô").input("350 xe/năm")
    save(at)
    assert not [e for e in at.error]
    assert any("lan · Sửa" in e.label for e in at.expander)
    table = at.dataframe[0].value
    assert list(table.iloc[0]) == ["Quy mô", "300 xe/năm", "350 xe/năm"]


def test_a_long_history_shows_the_latest_versions_and_older_ones_on_asking(staff_db):
    at = signed_in("lan", "edit.py", {"code": "DEMO-001"})
    for number in range(9):  # nine saves on top of the demo's versions: more than ten in all
        field(at, "Quy mô").input(f"{310 + number} xe/năm")  # each differs from the stored 300
        save(at)
    versions = [e for e in at.expander if " · " in e.label]
    assert len(versions) == 10 and "lan · Sửa" in versions[0].label
    more = next(b for b in at.button if b.label.startswith("Xem thêm"))
    older, total = map(int, re.search(r"Xem thêm (\d+) phiên bản cũ hơn \(tất cả (\d+)\)", more.label).groups())
    assert total >= 11 and older == total - 10
    more.click()
    run(at)
    assert len([e for e in at.expander if " · " in e.label]) == total
    assert not any(b.label.startswith("Xem thêm") for b in at.button)


def test_two_sessions_edit_the_same_project_and_the_second_sees_both_versions(staff_db):
    lan = signed_in("lan", "edit.py", {"code": "DEMO-002"})
    minh = signed_in("minh", "edit.py", {"code": "DEMO-002"})
    field(minh, "Quy mô").input("100 xe/năm")
    save(minh)
    field(lan, "Quy mô").input("80 xe/năm")
    save(lan)
    assert "người khác đã lưu" in lan.error[0].value
    compare = lan.table[0].value
    assert list(compare.iloc[0]) == ["Quy mô", "100 xe/năm", "80 xe/năm"]
    next(b for b in lan.button if b.label == "Lưu bản của tôi").click()
    run(lan)
    assert not lan.error
    st.cache_resource.clear()
    with Catalogue.open(staff_db) as cat:
        assert cat.project("DEMO-002")["capacity"] == "80 xe/năm"


def test_new_project_duplicate_warning_then_confirm(staff_db):
    at = signed_in("lan", "edit.py", {"new": "1"})
    field(at, "Mã dự án").input("HN-NEW-1")
    field(at, "Tên dự án").input("Nha may san xuat xe chuyen dung thu gom van chuyen chat thai ran Soc Son")
    next(s for s in at.selectbox if s.label.startswith("Nhóm")).set_value("waste_equipment")
    save(at)
    assert "tên gần giống" in at.warning[0].value
    assert any("DEMO-001" in m.value.replace("\\", "") for m in at.markdown)  # escaped Markdown, shown as typed
    next(c for c in at.checkbox if c.label.startswith("Tôi đã kiểm tra")).check()
    save(at)
    assert any(s.value.replace("\\", "").startswith("HN-NEW-1 ·") for s in at.subheader)


def test_reviewer_publishes_staff_cannot(staff_db):
    lan = signed_in("lan", "edit.py", {"new": "1"})
    field(lan, "Mã dự án").input("HN-NEW-2")
    field(lan, "Tên dự án").input("Trạm quan trắc khí thải tự động Phú Xuyên")
    next(s for s in lan.selectbox if s.label.startswith("Nhóm")).set_value("emission_treatment")
    save(lan)
    labels = [b.label for b in lan.button]
    assert "Gửi duyệt" in labels and "Công bố" not in labels
    next(b for b in lan.button if b.label == "Gửi duyệt").click()
    run(lan)
    assert "Công bố" not in [b.label for b in lan.button]
    minh = signed_in("minh", "edit.py", {"code": "HN-NEW-2"})
    assert {"Công bố", "Trả lại"} <= {b.label for b in minh.button}
    next(b for b in minh.button if b.label == "Trả lại").click()
    run(minh)
    assert "lý do" in minh.error[0].value  # a return needs a reason
    next(w for w in minh.text_input if w.label == "Ghi chú cho bước này").input("Thiếu vốn đầu tư dự kiến")
    next(b for b in minh.button if b.label == "Trả lại").click()
    run(minh)
    assert minh.caption[0].value.startswith("Bản nháp")


def test_inbox_marks_an_inquiry_answered(staff_db):
    at = signed_in("lan", "inbox.py")
    assert "Jane" in at.dataframe[0].value.to_string()
    next(w for w in at.text_area if w.label == "Nội dung phản hồi").input("Đã gửi báo cáo tiền khả thi")
    next(b for b in at.button if b.label == "Đánh dấu đã trả lời").click()
    run(at)
    assert "Không còn thư nào chưa trả lời" in at.info[0].value
    at.toggle[0].set_value(False)
    run(at)
    assert "Đã trả lời bởi lan" in at.success[0].value


def test_admin_adds_an_account(staff_db):
    at = signed_in("root", "users.py")
    form = {}
    for w in at.text_input:  # the first of each label: the add form comes first
        form.setdefault(w.label, w)
    form["Tên đăng nhập"].input("hoa")
    form["Mật khẩu"].input(PASSWORD)
    form["Nhập lại mật khẩu"].input(PASSWORD)
    next(b for b in at.button if b.label == "Tạo tài khoản").click()
    run(at)
    assert "hoa" in at.dataframe[0].value.iloc[:, 0].tolist()


def test_sign_in_page_says_how_to_create_the_first_account(monkeypatch, tmp_path):
    monkeypatch.setenv("CATALOGUE_DB", str(tmp_path / "empty.duckdb"))
    try:
        at = open_page("signin.py")
        assert "catalogue user add" in at.info[0].value
    finally:
        st.cache_resource.clear()


def test_no_hint_once_accounts_exist(staff_db):
    at = open_page("signin.py")
    assert not [i for i in at.info if "catalogue user add" in i.value]


# --- issue 10: journeys that never break ------------------------------------------------------------


def chooser(at: AppTest, key: str):
    """A choice widget kept by app_pages/_widgets.bound: its Streamlit key is ``key@digest``."""
    return next(w for w in [*at.selectbox] if w.key.startswith(f"{key}@"))


def switch_language(at: AppTest, lang: str) -> AppTest:
    """What the sidebar's switch does (app_pages._widgets.set_value on "lang"): AppTest loses the
    frame's sidebar after switch_page, so the test sets the kept value as the switch would."""
    at.session_state["lang"] = lang
    revision = at.session_state["lang#rev"] if "lang#rev" in at.session_state else 0  # noqa: SIM401 (no .get)
    at.session_state["lang#rev"] = revision + 1
    return run(at)


def test_signing_in_on_the_sign_in_page_opens_the_staff_home(staff_db):
    at = open_page("signin.py")
    sign_in(at, "lan")
    assert at.title[0].value == "Việc cần làm"
    assert not [w for w in at.text_input if w.label == "Mật khẩu"]


def test_inbox_marks_the_inquiry_chosen_not_the_first(staff_db):
    with Catalogue.open(staff_db) as cat:
        submit_inquiry(
            cat,
            "DEMO-002",
            {
                "name": "Kim Lee",
                "organisation": "Green Capital",
                "country": "KR",
                "email": "kim@example.com",
                "message": "Please send the site plan.",
                "consent": True,
            },
            session="k",
        )
        jane = inbox(cat, code="DEMO-001")["id"].iloc[0]
    st.cache_resource.clear()
    at = signed_in("lan", "inbox.py")
    assert "Kim Lee" in chooser(at, "staff-inbox-chosen").options[0]  # the newest comes first
    assert "Hàn Quốc" in chooser(at, "staff-inbox-chosen").options[0]  # a country in words, not "KR"
    chooser(at, "staff-inbox-chosen").set_value(jane)
    run(at)
    next(w for w in at.text_area if w.label == "Nội dung phản hồi").input("Đã gửi báo cáo tiền khả thi")
    next(b for b in at.button if b.label == "Đánh dấu đã trả lời").click()
    run(at)
    assert "là đã trả lời" in at.success[0].value
    st.cache_resource.clear()
    with Catalogue.open(staff_db) as cat, cat.cursor() as cur:
        stored = dict(cur.execute("select name, status from inquiries").fetchall())
    assert stored == {"Jane": "answered", "Kim Lee": "new"}


def test_the_form_puts_pairs_side_by_side(staff_db):
    at = signed_in("lan", "edit.py", {"code": "DEMO-001"})
    labels = [w.label.rstrip(" *") for w in at.text_input]
    for left, right in (
        ("Vĩ độ", "Kinh độ"),
        ("Tổng vốn đầu tư (tỷ đồng)", "Tổng vốn đầu tư (triệu USD)"),
        ("Tên dự án", "Tên tiếng Anh"),
        ("Email liên hệ", "Điện thoại liên hệ"),
    ):
        assert labels.index(right) == labels.index(left) + 1, (left, right)


def test_switching_the_language_keeps_the_choices_and_saves_codes(staff_db):
    at = signed_in("lan", "edit.py", {"new": "1"})
    field(at, "Mã dự án").input("HN-LANG-1")
    field(at, "Tên dự án").input("Trạm quan trắc khí thải tự động Phú Xuyên")
    next(s for s in at.selectbox if s.label.startswith("Nhóm")).set_value("emission_treatment")
    next(s for s in at.selectbox if s.label == "Quận/huyện/thị xã (đến 30/6/2025)").set_value("phu_xuyen")
    run(at)
    for lang in ("en", "vi", "en"):
        switch_language(at, lang)
    assert next(s for s in at.selectbox if s.label.startswith("Category")).value == "emission_treatment"
    assert next(s for s in at.selectbox if s.label.startswith("Former district")).value == "phu_xuyen"
    next(b for b in at.button if b.label == "Save changes").click()
    run(at)
    st.cache_resource.clear()
    with Catalogue.open(staff_db) as cat:
        stored = cat.project("HN-LANG-1", include_hidden=True)
        assert (stored["category"], stored["district"]) == ("emission_treatment", "phu_xuyen")


def test_archive_asks_first_and_can_be_cancelled(staff_db):
    at = signed_in("lan", "edit.py", {"code": "DEMO-003"})
    assert not [b for b in at.button if b.label == "Xác nhận lưu trữ"]
    next(b for b in at.button if b.label == "Lưu trữ dự án…").click()
    run(at)
    assert "Lưu trữ dự án DEMO-003?" in texts(at)
    next(b for b in at.button if b.label == "Hủy").click()
    run(at)
    assert not [b for b in at.button if b.label == "Xác nhận lưu trữ"]
    next(b for b in at.button if b.label == "Lưu trữ dự án…").click()
    run(at)
    next(b for b in at.button if b.label == "Xác nhận lưu trữ").click()
    run(at)
    assert any(w.value.startswith("Dự án đang lưu trữ") for w in at.warning)
    st.cache_resource.clear()
    with Catalogue.open(staff_db) as cat:
        assert cat.project("DEMO-003", include_hidden=True)["status"] == "withdrawn"


def test_the_english_edit_form_writes_and_reads_numbers_the_english_way(staff_db):
    """A helper's finding: the English form showed 1234.5 as "1234,5", and "1,234" typed there was
    read the Vietnamese way, as 1.234 (a thousand times too little)."""
    with Catalogue.open(staff_db) as cat:
        cat.write(lambda cur: cur.execute("update projects set area_ha = 12.5 where code = 'DEMO-001'"))
    at = signed_in("lan", "edit.py", {"code": "DEMO-001", "lang": "en"})
    area = next(w for w in at.text_input if w.label.startswith("Area"))
    assert area.value == "12.5"
    capital = next(w for w in at.text_input if w.label.startswith("Total investment (VND bn)"))
    capital.input("1,234")
    area.input("2.75")
    next(b for b in at.button if b.label == "Save changes").click()
    run(at)
    assert not at.error, [e.value for e in at.error]
    st.cache_resource.clear()
    with Catalogue.open(staff_db) as cat:
        saved = cat.project("DEMO-001", include_hidden=True)
    assert saved["investment_vnd_bn"] == 1234 and saved["area_ha"] == 2.75


def test_a_number_typed_before_a_language_switch_keeps_its_value_after_it(staff_db):
    at = signed_in("lan", "edit.py", {"code": "DEMO-001", "lang": "en"})
    next(w for w in at.text_input if w.label.startswith("Area")).input("1.234")  # one and a bit hectares
    at.query_params["lang"] = "vi"
    run(at)
    area = next(w for w in at.text_input if w.label.startswith("Diện tích"))
    assert area.value == "1,234"
    save(at)
    st.cache_resource.clear()
    with Catalogue.open(staff_db) as cat:
        assert cat.project("DEMO-001", include_hidden=True)["area_ha"] == 1.234


def test_two_people_changing_different_fields_keep_both_changes(staff_db):
    """A helper's finding: lan saved Capacity, minh changed only Start year and saved "his version":
    lan's Capacity was put back, and minh's page counted two changed fields before he saved."""
    lan = signed_in("lan", "edit.py", {"code": "DEMO-002"})
    minh = signed_in("minh", "edit.py", {"code": "DEMO-002"})
    field(lan, "Quy mô").input("999 xe/năm")
    save(lan)
    field(minh, "Năm khởi công").input("2031")
    run(minh)
    assert "Có 1 trường đã sửa, chưa lưu." in texts(minh)  # his change only, not lan's
    save(minh)
    assert not minh.error and "người khác đã lưu thay đổi ở: Quy mô" in texts(minh)
    st.cache_resource.clear()
    with Catalogue.open(staff_db) as cat:
        saved = cat.project("DEMO-002")
    assert saved["capacity"] == "999 xe/năm" and saved["start_year"] == 2031


def test_saving_my_version_over_a_conflict_writes_only_the_fields_i_changed(staff_db):
    lan = signed_in("lan", "edit.py", {"code": "DEMO-002"})
    minh = signed_in("minh", "edit.py", {"code": "DEMO-002"})
    field(lan, "Quy mô").input("999 xe/năm")
    field(lan, "Năm khởi công").input("2030")
    save(lan)
    field(minh, "Năm khởi công").input("2031")  # the same field: he must choose
    save(minh)
    assert "người khác đã lưu" in minh.error[0].value
    compare = minh.table[0].value
    assert list(compare.iloc[:, 0]) == ["Năm khởi công"]  # not Capacity, which he did not touch
    next(b for b in minh.button if b.label == "Lưu bản của tôi").click()
    run(minh)
    assert not minh.error
    st.cache_resource.clear()
    with Catalogue.open(staff_db) as cat:
        saved = cat.project("DEMO-002")
    assert saved["capacity"] == "999 xe/năm" and saved["start_year"] == 2031
