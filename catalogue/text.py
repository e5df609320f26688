"""One translation function for every user-facing string, and number formats per language.

``t("key", lang, **values)`` returns the Vietnamese or English text. Enumeration labels
(categories, statuses, …) are not here: they live in the reference data (catalogue/data/*.csv).
"""

from __future__ import annotations

import datetime as dt
import math

from catalogue.clock import to_hanoi

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

STRINGS: dict[str, tuple[str, str]] = {
    # command line
    "cli.init_done": (
        "Cơ sở dữ liệu {path}: lược đồ phiên bản {version}, {projects} dự án.",
        "Database {path}: schema version {version}, {projects} projects.",
    ),
    "cli.no_such_file": ("Không tìm thấy tệp {path}.", "No such file: {path}."),
    "cli.no_database": (
        "Không có cơ sở dữ liệu {path}. Kiểm tra đường dẫn --db, hoặc tạo mới bằng: catalogue init --db {path}",
        "No database at {path}. Check the --db path, or create one with: catalogue init --db {path}",
    ),
    "cli.serve_missing_streamlit": (
        "Cần cài Streamlit để chạy ứng dụng (pip install streamlit).",
        "Streamlit is needed to run the app (pip install streamlit).",
    ),
    "cli.ignored_column": ("Bỏ qua cột không thuộc mẫu: {column}", "Ignored a column not in the template: {column}"),
    "app.error": (
        "Đã có lỗi khi hiển thị trang này. Hãy tải lại trang; nếu lỗi còn, hãy báo cho chúng tôi mã lỗi {incident}.",
        "Something went wrong while showing this page. Reload it; if it happens again, tell us the code {incident}.",
    ),
    "cli.more_errors": (
        "… và {more} lỗi khác (chỉ liệt kê {listed} lỗi đầu tiên).",
        "… and {more} more errors (only the first {listed} are listed).",
    ),
    "cli.import_refused": (
        "Không nhập gì: tệp có {errors} lỗi. Sửa các dòng trên rồi nhập lại.",
        "Nothing imported: the file has {errors} errors. Fix the rows above and import again.",
    ),
    "cli.import_done": (
        "Đã nhập: {inserted} dự án mới, {updated} cập nhật, {unchanged} không đổi.",
        "Imported: {inserted} new, {updated} updated, {unchanged} unchanged.",
    ),
    "cli.import_dry_run": (
        "Kiểm tra xong, chưa ghi gì: sẽ có {inserted} dự án mới, {updated} cập nhật, {unchanged} không đổi.",
        "Checked, nothing written: {inserted} would be new, {updated} updated, {unchanged} unchanged.",
    ),
    "cli.col_row": ("Dòng", "Row"),
    "cli.col_column": ("Cột", "Column"),
    "cli.col_value": ("Giá trị", "Value"),
    "cli.col_reason": ("Lý do", "Reason"),
    "cli.bad_export_format": (
        "Không xuất được định dạng “{suffix}”; dùng .csv, .xlsx hoặc .json.",
        "Cannot export “{suffix}”; use .csv, .xlsx or .json.",
    ),
    "cli.export_done": ("Đã xuất {count} dự án vào {path}.", "Exported {count} projects to {path}."),
    "cli.no_results": ("Không có kết quả.", "No results."),
    "cli.backup_via_app": (
        "Cơ sở dữ liệu đang được ứng dụng sử dụng; đề nghị ứng dụng sao lưu…",
        "The database is in use by the app; asking the app to make the backup…",
    ),
    "cli.backup_done": ("Đã sao lưu vào {path} ({projects} dự án).", "Backed up to {path} ({projects} projects)."),
    "cli.restore_done": ("Đã khôi phục {path} ({projects} dự án).", "Restored {path} ({projects} projects)."),
    "cli.password": ("Mật khẩu: ", "Password: "),
    "cli.password_again": ("Nhập lại mật khẩu: ", "Password again: "),
    "cli.user_added": ("Đã tạo tài khoản {name} ({role}).", "Account {name} created ({role})."),
    "cli.user_done": ("Đã cập nhật tài khoản {name}.", "Account {name} updated."),
    "cli.report_done": ("Đã ghi báo cáo năm {year} vào {path}.", "Wrote the {year} report to {path}."),
    "cli.bad_report_format": ("Báo cáo ghi ra tệp .xlsx", "The report is written to an .xlsx file"),
    "cli.bad_year": ("Năm phải từ 2000 đến 2100", "The year must be from 2000 to 2100"),
    # app frame
    "app.title": ("Danh mục dự án công nghiệp môi trường Hà Nội", "Hanoi Environmental Industry Project Catalogue"),
    "app.subtitle": (
        "Các dự án Thành phố kêu gọi đầu tư theo Kế hoạch 275/KH-UBND ngày 20/11/2023",
        "Projects the city invites investment in, under Plan 275/KH-UBND of 20 November 2023",
    ),
    "app.language": ("Ngôn ngữ / Language", "Language / Ngôn ngữ"),
    # each language named in itself, whatever the page's language
    "language.vi": ("Tiếng Việt", "Tiếng Việt"),
    "language.en": ("English", "English"),
    "app.page_browse": ("Danh mục dự án", "Browse projects"),
    "app.page_project": ("Dự án", "Project"),
    "app.page_shortlist": ("Danh sách quan tâm", "Shortlist"),
    "app.db_error": ("Không mở được cơ sở dữ liệu: {message}", "Cannot open the database: {message}"),
    # browse page
    "browse.count": ("{count} dự án", "{count} projects"),
    "browse.demo_notice": (
        "Lưu ý: các dự án có mã DEMO-… ({count} dự án trong danh mục) là **dữ liệu minh họa**, được soạn từ "
        "mục III.5 và III.6 của Kế hoạch để thử sản phẩm; đây không phải dự án chính thức.",
        "Note: the projects with codes DEMO-… ({count} in the catalogue) are **illustrative demo data**, "
        "written from sections III.5 and III.6 of the plan to try the product; they are not official projects.",
    ),
    "browse.search": ("Tìm dự án", "Search projects"),
    "browse.search_hint": (
        "Ví dụ: xử lý nước thải làng nghề, KCN Quang Minh, lò đốt…",
        "For example: craft village wastewater, solar, incinerator…",
    ),
    "browse.no_match": (
        "Không có dự án nào khớp với từ khóa; hãy thử ít từ hơn.",
        "No project matches; try fewer words.",
    ),
    "browse.filters": ("Bộ lọc", "Filters"),
    "browse.category": ("Nhóm dự án", "Category"),
    "browse.district": ("Quận/huyện (trước 2025)", "District (before 2025)"),
    "browse.status": ("Giai đoạn", "Stage"),
    "browse.form": ("Hình thức đầu tư", "Investment form"),
    "about.title": ("Về danh mục này", "About this catalogue"),
    "about.body": (
        "Danh mục giới thiệu các dự án ngành công nghiệp môi trường mà thành phố Hà Nội kêu gọi đầu tư theo "
        "Kế hoạch 275/KH-UBND ngày 20/11/2023 thực hiện Quyết định 192/QĐ-TTg: sản xuất thiết bị thu gom, xử lý "
        "chất thải; thiết bị xử lý nước thải, khí thải; vật liệu, chế phẩm xử lý ô nhiễm; năng lượng tái tạo, "
        "tiết kiệm năng lượng; và dịch vụ môi trường. Cán bộ xúc tiến đầu tư cập nhật danh mục; nhà đầu tư có thể "
        "gửi yêu cầu quan tâm trên trang của từng dự án. Địa danh ghi theo quận/huyện trước 2025 và phường/xã từ "
        "01/07/2025; cơ quan ghi kèm đơn vị kế nhiệm sau sắp xếp năm 2025.",
        "This catalogue presents the environmental-industry projects the city of Hanoi invites investment in, "
        "under Plan 275/KH-UBND of 20 November 2023 implementing Decision 192/QĐ-TTg: equipment for waste "
        "collection and treatment; wastewater and exhaust-gas treatment equipment; pollution-treatment materials; "
        "renewable energy and energy saving; and environmental services. Investment-promotion staff keep it up to "
        "date; investors can express interest on each project's page. Places are given by the districts in use "
        "before 2025 and the wards and communes from 1 July 2025; agencies with their successors after the 2025 "
        "reorganisation.",
    ),
    "browse.agency": ("Cơ quan đầu mối", "Lead agency"),
    "browse.min_vnd": ("Vốn từ (tỷ đồng)", "Capital from (VND bn)"),
    "browse.max_vnd": ("Vốn đến (tỷ đồng)", "Capital up to (VND bn)"),
    "browse.usd_range": (
        "≈ {low} – {high} (tỷ giá tham khảo {rate} đồng/USD ngày {date})",
        "≈ {low} – {high} (indicative rate {rate} VND/USD of {date})",
    ),
    "browse.choose": ("Chọn…", "Choose…"),
    "browse.sort": ("Sắp xếp", "Sort by"),
    "sort.relevance": ("Phù hợp nhất", "Relevance"),
    "sort.investment": ("Vốn lớn nhất", "Largest capital"),
    "sort.updated": ("Mới cập nhật", "Recently updated"),
    "sort.code": ("Mã dự án", "Code"),
    "browse.page": ("Trang {page}/{pages}", "Page {page} of {pages}"),
    "browse.previous": ("Trang trước", "Previous"),
    "browse.next": ("Trang sau", "Next"),
    "browse.clear": ("Bỏ mọi bộ lọc", "Clear all filters"),
    "browse.near": ("Gần đúng khi bỏ bộ lọc:", "Close matches without the filters:"),
    "browse.open": ("Xem dự án", "Open"),
    "browse.empty": ("Chưa có dự án nào được công bố.", "No projects have been published yet."),
    "browse.source": (
        "Nguồn: Kế hoạch 275/KH-UBND của UBND thành phố Hà Nội thực hiện Quyết định 192/QĐ-TTg.",
        "Source: Hanoi People's Committee Plan 275/KH-UBND implementing Decision 192/QĐ-TTg.",
    ),
    # project page and profile
    "project.category": ("Nhóm", "Category"),
    "project.location": ("Địa điểm", "Location"),
    "project.district": ("Quận/huyện (trước 2025)", "District (before 2025)"),
    "project.ward": ("Phường/xã (từ 07/2025)", "Ward/commune (from July 2025)"),
    "project.capacity": ("Quy mô", "Capacity"),
    "project.area": ("Diện tích", "Area"),
    "project.investment": ("Tổng vốn đầu tư", "Total investment"),
    "project.form": ("Hình thức đầu tư", "Investment form"),
    "project.status": ("Giai đoạn", "Stage"),
    "project.start_year": ("Năm khởi công dự kiến", "Expected start"),
    "project.lead_agency": ("Cơ quan đầu mối", "Lead agency"),
    "project.successor": ("Từ 2025: {name} — {note}", "Since 2025: {name} — {note}"),
    "project.contact": ("Liên hệ", "Contact"),
    "project.incentives": ("Ưu đãi đầu tư", "Investment incentives"),
    "project.legal_basis": ("Căn cứ pháp lý", "Legal basis"),
    "project.updated": ("Cập nhật lần cuối", "Last updated"),
    "project.coordinates": ("Toạ độ", "Coordinates"),
    "project.description": ("Mô tả", "Description"),
    "project.similar": ("Dự án tương tự", "Similar projects"),
    "project.demo": (
        "Dự án minh họa, không phải dự án chính thức.",
        "Illustrative demo project, not an official project.",
    ),
    "project.usd_note": (
        "Quy đổi theo tỷ giá tham khảo {rate} đồng/USD ngày {date}.",
        "Converted at the indicative rate of {rate} VND per USD of {date}.",
    ),
    "project.profile_title": ("Hồ sơ dự án kêu gọi đầu tư", "Investment project profile"),
    "project.profile_source": (
        "Nguồn: Danh mục dự án công nghiệp môi trường Hà Nội (Kế hoạch 275/KH-UBND). In ngày {date}.",
        "Source: Hanoi Environmental Industry Project Catalogue (Plan 275/KH-UBND). Printed on {date}.",
    ),
    "project.not_found": (
        "Không có dự án công bố nào có mã “{code}”.",
        "There is no published project with code “{code}”.",
    ),
    "project.back": ("Về danh mục", "Back to the catalogue"),
    "project.print": ("Tải hồ sơ in (HTML)", "Download printable profile (HTML)"),
    "project.map_note": (
        "Bản đồ cần kết nối mạng; toạ độ: {lat}; {lon}",
        "The map needs a connection; coordinates: {lat}, {lon}",
    ),
    "shortlist.title": ("Danh sách quan tâm", "Shortlist"),
    "shortlist.empty": (
        "Chưa có dự án nào. Bấm “Thêm vào danh sách quan tâm” trên danh mục hoặc trang dự án.",
        "Nothing here yet. Press “Add to shortlist” in the catalogue or on a project page.",
    ),
    "shortlist.compare": ("So sánh", "Compare"),
    "shortlist.gone": (
        "Đã bỏ khỏi danh sách các dự án không còn công bố: {codes}.",
        "Taken off the shortlist, as they are no longer published: {codes}.",
    ),
    "shortlist.csv": ("Tải CSV", "Download CSV"),
    "shortlist.xlsx": ("Tải Excel", "Download Excel"),
    "shortlist.add": ("Thêm vào danh sách quan tâm", "Add to shortlist"),
    "shortlist.remove": ("Bỏ khỏi danh sách quan tâm", "Remove from shortlist"),
    "shortlist.full": ("Danh sách quan tâm tối đa {limit} dự án.", "A shortlist holds at most {limit} projects."),
    "inquiry.title": ("Bày tỏ quan tâm đầu tư", "Express interest"),
    "inquiry.name": ("Họ tên", "Name"),
    "inquiry.organisation": ("Tổ chức", "Organisation"),
    "inquiry.country": ("Quốc gia", "Country"),
    "inquiry.email": ("Email", "Email"),
    "inquiry.phone": ("Điện thoại (không bắt buộc)", "Phone (optional)"),
    "inquiry.message": ("Nội dung", "Message"),
    "inquiry.consent": (
        "Tôi đồng ý để cơ quan xúc tiến đầu tư lưu và dùng thông tin liên hệ này để trả lời.",
        "I agree that the promotion agency may store and use these contact details to reply.",
    ),
    "inquiry.honeypot": ("Để trống ô này", "Leave this empty"),
    "inquiry.send": ("Gửi", "Send"),
    "inquiry.sent": (
        "Đã nhận yêu cầu của bạn. Cơ quan đầu mối sẽ liên hệ qua email.",
        "Your inquiry has been received. The lead agency will reply by email.",
    ),
    "inquiry.fix": ("Chưa gửi được; hãy sửa:", "Not sent yet; please correct:"),
    "value.hectares": ("{value} ha", "{value} ha"),
    "col.code": ("Mã", "Code"),
    "col.name": ("Tên dự án", "Project"),
    "col.category": ("Nhóm", "Category"),
    "col.district": ("Quận/huyện (cũ)", "District (pre-2025)"),
    "col.investment": ("Vốn đầu tư", "Investment"),
    "col.status": ("Trạng thái", "Status"),
    "col.demo": ("Minh họa", "Demo"),
    "value.yes": ("có", "yes"),
    "value.no": ("không", "no"),
    "value.missing_en": ("(chưa có bản tiếng Anh)", "(no English version yet)"),
    "value.in_vietnamese": ("(bằng tiếng Việt)", "(in Vietnamese)"),
}


# The staff workspace (issue 5).
STRINGS.update(
    {
        "app.page_signin": ("Đăng nhập cán bộ", "Staff sign-in"),
        "app.page_staff_home": ("Việc cần làm", "Staff home"),
        "app.page_edit": ("Thêm / sửa dự án", "Add or edit"),
        "app.page_import": ("Nhập từ tệp", "Bulk import"),
        "app.page_inbox": ("Hộp thư nhà đầu tư", "Inquiries"),
        "app.page_users": ("Tài khoản", "Accounts"),
        "app.section_public": ("Công khai", "Public"),
        "app.section_staff": ("Cán bộ", "Staff"),
        "app.signed_in_as": ("Đã đăng nhập: {name} ({role})", "Signed in as {name} ({role})"),
        "app.sign_out": ("Đăng xuất", "Sign out"),
        "signin.title": ("Đăng nhập cán bộ", "Staff sign-in"),
        "signin.intro": (
            "Dành cho cán bộ xúc tiến đầu tư, người duyệt và quản trị. Nhà đầu tư không cần đăng nhập.",
            "For promotion staff, reviewers and administrators. Investors do not need to sign in.",
        ),
        "signin.no_accounts": (
            "Chưa có tài khoản nào. Dừng ứng dụng rồi tạo quản trị đầu tiên bằng lệnh "
            "`catalogue user add TEN --role admin` (cơ sở dữ liệu chỉ mở được bởi một tiến trình).",
            "No accounts yet. Stop the app, then create the first administrator with "
            "`catalogue user add NAME --role admin` (only one process can open the database).",
        ),
        "signin.name": ("Tên đăng nhập", "User name"),
        "signin.password": ("Mật khẩu", "Password"),
        "signin.submit": ("Đăng nhập", "Sign in"),
        "signin.needed": ("Trang này dành cho cán bộ: hãy đăng nhập.", "This page is for staff: please sign in."),
        "signin.no_rights": (
            "Tài khoản của bạn không có quyền xem trang này (cần: {role}).",
            "Your account may not open this page (needs: {role}).",
        ),
        "signin.expired": (
            "Phiên làm việc đã hết hạn; hãy đăng nhập lại.",
            "Your session has expired; please sign in again.",
        ),
        "signin.oidc_title": ("Đăng nhập bằng tài khoản của Thành phố (OIDC)", "City single sign-on (OIDC)"),
        "signin.oidc_body": (
            "Quản trị có thể thay tài khoản cục bộ bằng đăng nhập OIDC của Streamlit (`st.login`): "
            "xem mục *Đăng nhập một lần* trong README.",
            "An administrator can replace local accounts with Streamlit's OIDC sign-in (`st.login`): "
            "see *Single sign-on* in the README.",
        ),
        "staff.title": ("Việc cần làm", "Staff home"),
        "staff.hello": (
            "Chào {name}. Đây là những gì cần chú ý hôm nay.",
            "Hello {name}. Here is what needs attention.",
        ),
        "staff.unanswered": ("Yêu cầu chưa trả lời", "Unanswered inquiries"),
        "staff.pending": ("Chờ duyệt", "Awaiting review"),
        "staff.stale": ("Không cập nhật {months} tháng", "Not updated for {months} months"),
        "staff.incomplete": ("Thiếu thông tin (< {score}%)", "Incomplete (< {score}%)"),
        "staff.to_inbox": ("Mở hộp thư ({count} chưa trả lời)", "Open the inbox ({count} unanswered)"),
        "staff.new_project": ("Thêm dự án mới", "Add a new project"),
        "staff.none": ("Không có gì ở đây.", "Nothing here."),
        "staff.tab_pending": ("Chờ duyệt ({count})", "Awaiting review ({count})"),
        "staff.tab_drafts": ("Bản nháp ({count})", "Drafts ({count})"),
        "staff.tab_stale": ("Lâu chưa cập nhật ({count})", "Stale ({count})"),
        "staff.tab_incomplete": ("Thiếu thông tin ({count})", "Incomplete ({count})"),
        "staff.submitted_on": ("gửi duyệt {date}", "submitted {date}"),
        "staff.updated_on": ("cập nhật lần cuối {date}", "last updated {date}"),
        "staff.returned": ("bị trả lại: {comment}", "returned: {comment}"),
        "staff.score": ("đầy đủ {score}%; thiếu: {missing}", "{score}% complete; missing: {missing}"),
        "edit.title": ("Thêm / sửa dự án", "Add or edit a project"),
        "edit.find": ("Tìm dự án để sửa", "Find a project to edit"),
        "edit.find_box": ("Tên hoặc mã dự án (cả bản nháp)", "Project name or code (drafts too)"),
        "edit.find_hint": ("Ví dụ: DEMO-005, lò đốt", "For example: DEMO-005, incinerator"),
        "edit.choose": (
            "Tìm một dự án ở trên để sửa, hoặc thêm dự án mới.",
            "Find a project above to edit it, or add a new one.",
        ),
        "edit.state": (
            "{publication} · giai đoạn: {status} (từ {since}) · phiên bản {version}",
            "{publication} · stage: {status} (since {since}) · version {version}",
        ),
        "edit.returned": ("Người duyệt trả lại: {comment}", "Returned by the reviewer: {comment}"),
        "edit.group_identity": ("Dự án", "Project"),
        "edit.group_place": ("Địa điểm", "Place"),
        "edit.group_money": ("Quy mô và vốn", "Size and capital"),
        "edit.group_people": ("Cơ quan và liên hệ", "Agency and contacts"),
        "edit.group_text": ("Mô tả, ưu đãi, căn cứ", "Description, incentives, legal basis"),
        "edit.number_hint": (
            "Viết kiểu Việt Nam (1.200,5) hoặc số thường (1200.5); có thể ghi đơn vị “tỷ”, “triệu”.",
            "Vietnamese (1.200,5) or plain (1200.5) numbers; units such as “tỷ” or “triệu” are read.",
        ),
        "edit.coordinate_hint": ("Số thập phân, ví dụ 21.0285", "A decimal number, for example 21.0285"),
        "edit.duplicates": (
            "Có dự án với tên gần giống. Kiểm tra trước khi lưu:",
            "Projects with a nearly identical name exist. Check before saving:",
        ),
        "edit.not_duplicate": (
            "Tôi đã kiểm tra: đây là dự án khác, vẫn lưu",
            "I have checked: this is a different project, save it",
        ),
        "edit.fix": ("Chưa lưu: có {count} ô cần sửa (xem chữ đỏ).", "Not saved: {count} fields need fixing (in red)."),
        "edit.save": ("Lưu thay đổi", "Save changes"),
        "edit.saved": ("Đã lưu {code}.", "{code} saved."),
        "edit.conflict": (
            "Chưa lưu: trong lúc bạn sửa, người khác đã lưu dự án này (phiên bản {version}). So sánh và chọn:",
            "Not saved: someone else saved this project while you were editing (version {version}). Compare "
            "and choose:",
        ),
        "edit.field": ("Trường", "Field"),
        "edit.theirs": ("Bản đã lưu", "Saved version"),
        "edit.mine": ("Bản của bạn", "Your version"),
        "edit.keep_mine": ("Lưu bản của tôi", "Save my version"),
        "edit.take_theirs": ("Dùng bản đã lưu", "Use the saved version"),
        "edit.workflow": ("Duyệt và công bố", "Review and publishing"),
        "edit.open_checks": (
            "{count} cảnh báo nhất quán: người duyệt cần chấp nhận (kèm lý do) hoặc cán bộ sửa trước khi công bố.",
            "{count} consistency warnings: a reviewer must accept each (with a reason), or staff fix them, "
            "before publishing.",
        ),
        "edit.accept_reason": ("Lý do chấp nhận", "Reason for accepting"),
        "edit.accept": ("Chấp nhận", "Accept"),
        "edit.accepted": (
            "Đã chấp nhận {check}: {reason} ({by}, {date})",
            "Accepted {check}: {reason} ({by}, {date})",
        ),
        "edit.comment": ("Ghi chú cho bước này", "Note for this step"),
        "edit.comment_hint": (
            "Bắt buộc khi trả lại hoặc thôi công bố",
            "Required when returning or unpublishing",
        ),
        "edit.done": ("Đã thực hiện: {action}", "Done: {action}"),
        "edit.stage": ("Đổi giai đoạn (ghi kèm ngày)", "Change the stage (with its date)"),
        "edit.stage_date": ("Ngày đổi giai đoạn", "Date of the change"),
        "edit.stage_note": ("Ghi chú (ví dụ: số văn bản)", "Note (for example: the document number)"),
        "edit.stage_save": ("Ghi nhận giai đoạn", "Record the stage"),
        "edit.history": ("Lịch sử thay đổi", "History"),
        "edit.system": ("hệ thống", "system"),
        "edit.event": ("Trong lần: {summary}", "Part of: {summary}"),
        "edit.before": ("Trước", "Before"),
        "edit.after": ("Sau", "After"),
        "edit.restore": ("Khôi phục phiên bản này…", "Restore this version…"),
        "edit.restore_failed": (
            "Không khôi phục được: phiên bản cũ không qua được kiểm tra hiện nay.",
            "Could not restore: the earlier version does not pass today's checks.",
        ),
        "import.title": ("Nhập dự án từ tệp", "Bulk import"),
        "import.intro": (
            "Tải biểu mẫu, điền dự án, rồi tải lên. Tệp được kiểm tra toàn bộ trước; chỉ nhập khi không còn lỗi.",
            "Download the template, fill it in, upload it. The whole file is checked first; nothing is "
            "imported until it is clean.",
        ),
        "import.template_vi": ("Biểu mẫu (tiêu đề tiếng Việt)", "Template (Vietnamese headers)"),
        "import.template_en": ("Biểu mẫu (tiêu đề tiếng Anh)", "Template (English headers)"),
        "import.upload": ("Tệp CSV, XLSX hoặc JSON", "A CSV, XLSX or JSON file"),
        "import.checking": ("Đang kiểm tra tệp…", "Checking the file…"),
        "import.writing": ("Đang nhập…", "Importing…"),
        "import.ignored": ("Bỏ qua cột không thuộc mẫu: {column}", "Ignored a column not in the template: {column}"),
        "import.errors_xlsx": ("Tải danh sách lỗi (XLSX)", "Download the errors (XLSX)"),
        "import.nothing": ("Không có gì mới để nhập.", "Nothing new to import."),
        "import.drafts_note": (
            "Dự án mới vào ở dạng bản nháp và chỉ công khai sau khi được duyệt; thay đổi của dự án đã công bố "
            "có hiệu lực ngay và được ghi vào lịch sử.",
            "New projects arrive as drafts and go public only after review; changes to published projects take "
            "effect at once and are kept in the history.",
        ),
        "import.commit": ("Nhập vào danh mục", "Import into the catalogue"),
        "inbox.title": ("Hộp thư nhà đầu tư", "Investor inquiries"),
        "inbox.only_open": ("Chỉ yêu cầu chưa trả lời", "Unanswered only"),
        "inbox.project": ("Lọc theo mã dự án", "Filter by project code"),
        "inbox.empty": ("Chưa có yêu cầu nào.", "No inquiries yet."),
        "inbox.empty_open": ("Không còn yêu cầu nào chưa trả lời.", "No unanswered inquiries."),
        "inbox.status_new": ("Chưa trả lời", "Unanswered"),
        "inbox.status_answered": ("Đã trả lời", "Answered"),
        "inbox.col_created_at": ("Nhận lúc (giờ Hà Nội)", "Received (Hanoi time)"),
        "inbox.col_project_code": ("Mã dự án", "Project"),
        "inbox.col_project_name": ("Tên dự án", "Project name"),
        "inbox.col_name": ("Người gửi", "Sender"),
        "inbox.col_organisation": ("Tổ chức", "Organisation"),
        "inbox.col_country": ("Quốc gia", "Country"),
        "inbox.col_email": ("Email", "Email"),
        "inbox.col_status": ("Tình trạng", "Status"),
        "inbox.read": ("Đọc và trả lời", "Read and answer"),
        "inbox.choose": ("Yêu cầu", "Inquiry"),
        "inbox.answered": ("Đã trả lời bởi {by} lúc {date}: {note}", "Answered by {by} on {date}: {note}"),
        "inbox.note": ("Đã trả lời thế nào", "How it was answered"),
        "inbox.note_hint": (
            "Ví dụ: đã gửi báo cáo tiền khả thi qua email, hẹn khảo sát ngày 15/1",
            "For example: sent the pre-feasibility study by email, site visit set for 15 Jan",
        ),
        "inbox.mark": ("Đánh dấu đã trả lời", "Mark as answered"),
        "users.title": ("Tài khoản", "Accounts"),
        "users.col_name": ("Tên đăng nhập", "User name"),
        "users.col_display": ("Tên hiển thị", "Display name"),
        "users.col_role": ("Vai trò", "Role"),
        "users.col_state": ("Tình trạng", "State"),
        "users.col_locked": ("Khóa đến (giờ Hà Nội)", "Locked until (Hanoi time)"),
        "users.col_last": ("Đăng nhập gần nhất (giờ Hà Nội)", "Last sign-in (Hanoi time)"),
        "users.active": ("đang dùng", "active"),
        "users.disabled": ("đã tắt", "disabled"),
        "users.add": ("Thêm tài khoản", "Add an account"),
        "users.display": ("Tên hiển thị", "Display name"),
        "users.role": ("Vai trò", "Role"),
        "users.again": ("Nhập lại mật khẩu", "Password again"),
        "users.create": ("Tạo tài khoản", "Create the account"),
        "users.created": ("Đã tạo tài khoản {name}.", "Account {name} created."),
        "users.differ": ("Hai lần nhập mật khẩu không khớp.", "The two passwords differ."),
        "users.change": ("Sửa tài khoản", "Change an account"),
        "users.choose": ("Tài khoản", "Account"),
        "users.set_role": ("Đổi vai trò", "Change the role"),
        "users.disable": ("Tắt tài khoản", "Disable"),
        "users.enable": ("Bật lại tài khoản", "Enable"),
        "users.unlock": ("Mở khóa", "Unlock"),
        "users.new_password": ("Mật khẩu mới", "New password"),
        "users.reset": ("Đặt mật khẩu mới", "Set the new password"),
        "users.password_set": ("Đã đặt mật khẩu mới cho {name}.", "New password set for {name}."),
    }
)


# Leadership: dashboard, plan, annual report (issue 6).
STRINGS.update(
    {
        "app.page_dashboard": ("Tổng quan", "Dashboard"),
        "app.page_plan": ("Kế hoạch 275: chỉ tiêu và nhiệm vụ", "Plan 275: targets and tasks"),
        "dash.title": ("Tổng quan danh mục dự án", "Catalogue dashboard"),
        "dash.subtitle": (
            "Số liệu theo bộ lọc đang chọn; chỉ các dự án đã công bố, trừ khi cán bộ chọn xem cả dự án ẩn.",
            "Figures for the selected filters; published projects only, unless staff choose to include hidden ones.",
        ),
        "dash.include_hidden": (
            "Gồm cả dự án ẩn (nháp, chờ duyệt, ngừng kêu gọi)",
            "Include hidden projects (drafts, in review, withdrawn)",
        ),
        "dash.hidden_shown": (
            "Đang gồm cả dự án ẩn: không dùng các số này cho công bố.",
            "Hidden projects included: do not publish these figures.",
        ),
        "dash.projects": ("Dự án", "Projects"),
        "dash.capital": ("Tổng vốn (tỷ đồng)", "Total capital (VND bn)"),
        "dash.capital_usd": ("Tổng vốn (triệu USD, quy đổi)", "Total capital (USD m, converted)"),
        "dash.rate_note": (
            "Quy đổi USD theo tỷ giá tham khảo {rate} đồng/USD ngày {date}; dự án có vốn USD riêng dùng số đó.",
            "USD at the indicative rate of VND {rate} per USD on {date}; projects with their own USD figure use it.",
        ),
        "dash.demo": (
            "{demo} trong {total} dự án ở đây là **dữ liệu minh họa** (mã DEMO-…), kể cả mốc thời gian của chúng; "
            "các số liệu này không phải số liệu chính thức.",
            "{demo} of these {total} projects are **illustrative demo data** (codes DEMO-…), their timeline "
            "included; these are not official figures.",
        ),
        "dash.none": ("Không có dự án nào khớp bộ lọc.", "No projects match the filters."),
        "dash.table": ("Bảng số liệu", "Table"),
        "dash.empty": ("Chưa có dữ liệu.", "No data yet."),
        "dash.unit_projects": ("dự án", "projects"),
        "dash.unit_vnd": ("tỷ đồng", "VND bn"),
        "dash.unit_days": ("ngày (trung vị)", "days (median)"),
        "dash.unit_changes": ("lần đổi giai đoạn", "stage changes"),
        "dash.unit_inquiries": ("yêu cầu", "inquiries"),
        "dash.mean": ("TB", "mean"),
        "dash.funnel": ("Dự án theo giai đoạn (số dự án)", "Projects by stage (number of projects)"),
        "dash.funnel_note": (
            "Phần lớn dự án ở giai đoạn “{stage}” ({share}%). Tỷ lệ % là phần trên tổng số dự án.",
            "Most projects are at “{stage}” ({share}%). Percentages are shares of all projects.",
        ),
        "dash.by_category": ("Vốn và số dự án theo nhóm (tỷ đồng)", "Capital and projects by category (VND bn)"),
        "dash.by_form": (
            "Vốn và số dự án theo hình thức đầu tư (tỷ đồng)",
            "Capital and projects by investment form (VND bn)",
        ),
        "dash.by_district": (
            "Vốn và số dự án theo quận/huyện cũ (tỷ đồng)",
            "Capital and projects by former district (VND bn)",
        ),
        "dash.capital_note": (
            "“{name}” có nhiều vốn nhất: {capital} tỷ đồng, {share}% tổng vốn. Nhãn: vốn · số dự án.",
            "“{name}” has the most capital: VND {capital} bn, {share}% of the total. Labels: capital · projects.",
        ),
        "dash.by_ward": (
            "Dự án theo phường/xã mới (từ 07/2025; số dự án)",
            "Projects by new ward or commune (from July 2025; projects)",
        ),
        "dash.ward_note": (
            "{known} trên {total} dự án đã ghi phường/xã mới; hiển thị tối đa 15 nơi nhiều nhất.",
            "{known} of {total} projects name their new ward or commune; the 15 with most are shown.",
        ),
        "dash.added": ("Dự án được thêm theo tháng (số dự án)", "Projects added per month (projects)"),
        "dash.added_note": (
            "Tháng nhiều nhất: {month} với {count} dự án.",
            "Busiest month: {month} with {count} projects.",
        ),
        "dash.changes": ("Số lần đổi giai đoạn theo tháng", "Stage changes per month"),
        "dash.changes_note": (
            "{changes} lần chuyển giai đoạn, tô màu theo giai đoạn mới, theo lịch sử thay đổi.",
            "{changes} stage changes, coloured by the stage reached, from the change history.",
        ),
        "dash.stage_time": ("Thời gian ở mỗi giai đoạn (ngày)", "Time spent per stage (days)"),
        "dash.stage_time_note": (
            "Trung vị số ngày từ khi vào giai đoạn đến khi rời đi (hoặc đến hôm nay); nhãn có thêm số trung bình.",
            "Median days from entering a stage to leaving it (or to today); labels add the mean.",
        ),
        "dash.inquiries_project": ("Yêu cầu của nhà đầu tư theo dự án", "Investor inquiries per project"),
        "dash.inquiries_note": (
            "{inquiries} yêu cầu từ {countries}; hiển thị tối đa 15 dự án được quan tâm nhiều nhất.",
            "{inquiries} inquiries from {countries}; at most the 15 projects with most interest are shown.",
        ),
        "dash.inquiries_country": ("Yêu cầu theo quốc gia của nhà đầu tư", "Inquiries by investor country"),
        "dash.country_note": ("Quốc gia do nhà đầu tư tự khai.", "Countries as investors entered them."),
        "dash.agencies": ("Cơ quan đầu mối có nhiều dự án đang mở nhất", "Lead agencies with the most open projects"),
        "dash.agencies_note": (
            "Dự án đang mở: đang kêu gọi hoặc đang đàm phán.",
            "Open projects: calling for investment or under negotiation.",
        ),
        "dash.col_stage": ("Giai đoạn", "Stage"),
        "dash.col_projects": ("Số dự án", "Projects"),
        "dash.col_capital": ("Vốn (tỷ đồng)", "Capital (VND bn)"),
        "dash.col_name": ("Tên", "Name"),
        "dash.col_ward": ("Phường/xã", "Ward/commune"),
        "dash.col_month": ("Tháng", "Month"),
        "dash.col_changes": ("Số lần", "Changes"),
        "dash.col_median_days": ("Trung vị (ngày)", "Median (days)"),
        "dash.col_mean_days": ("Trung bình (ngày)", "Mean (days)"),
        "dash.col_code": ("Mã", "Code"),
        "dash.col_inquiries": ("Yêu cầu", "Inquiries"),
        "dash.col_country": ("Quốc gia", "Country"),
        "dash.col_agency": ("Cơ quan", "Agency"),
        "dash.col_open": ("Dự án đang mở", "Open projects"),
        "dash.report": ("Báo cáo năm", "Annual report"),
        "dash.report_year": ("Năm báo cáo", "Report year"),
        "dash.report_lang": ("Ngôn ngữ báo cáo", "Report language"),
        "dash.report_xlsx": ("Tải báo cáo (XLSX)", "Download the report (XLSX)"),
        "dash.report_html": ("Tải bản in (HTML)", "Download the printable summary (HTML)"),
        "dash.report_note": (
            "Báo cáo dùng cùng số liệu với trang này (không áp bộ lọc), tính đến hết năm đã chọn.",
            "The report uses the same figures as this page (without filters), as at the end of the chosen year.",
        ),
    }
)


STRINGS.update(
    {
        "plan.title": ("Kế hoạch: chỉ tiêu và nhiệm vụ", "The plan: targets and tasks"),
        "plan.choose": ("Kế hoạch", "Plan"),
        "plan.period": ("Giai đoạn {start}–{end} · {document}", "Period {start}–{end} · {document}"),
        "plan.tab_targets": ("Chỉ tiêu ({count})", "Targets ({count})"),
        "plan.tab_tasks": ("Nhiệm vụ ({count})", "Tasks ({count})"),
        "plan.tab_new": ("Thêm giai đoạn kế hoạch", "Add a plan period"),
        "plan.band": ("mục tiêu {low}–{high}% ({year})", "target {low}–{high}% ({year})"),
        "plan.year": ("Năm", "Year"),
        "plan.share": ("Tỷ lệ đáp ứng nhu cầu", "Share of demand met"),
        "plan.targets_intro": (
            "Mỗi chỉ tiêu là một khoảng tỷ lệ nhu cầu trong nước được đáp ứng (vùng tô màu, trong giai đoạn kế hoạch); "
            "chấm là số đo từng năm do cán bộ ghi kèm nguồn.",
            "Each target is a band of the share of domestic demand met (shaded, over the plan period); dots are "
            "the yearly measured values recorded by staff with their source.",
        ),
        "plan.latest": (
            "Số đo gần nhất: {value}% năm {year} — nguồn: {source}",
            "Latest: {value}% in {year} — source: {source}",
        ),
        "plan.not_measured": ("Chưa có số đo.", "Not measured yet."),
        "plan.record_value": ("Ghi số đo chỉ tiêu", "Record a measured value"),
        "plan.target": ("Chỉ tiêu", "Target"),
        "plan.value": ("Tỷ lệ đo được (%)", "Measured share (%)"),
        "plan.source": ("Nguồn số liệu", "Source"),
        "plan.note": ("Ghi chú", "Note"),
        "plan.save": ("Lưu", "Save"),
        "plan.saved": ("Đã lưu.", "Saved."),
        "plan.tasks_summary": (
            "{total} nhiệm vụ: {done} hoàn thành · {progress} đang thực hiện · {none} chưa bắt đầu · {overdue} quá hạn",
            "{total} tasks: {done} done · {progress} in progress · {none} not started · {overdue} overdue",
        ),
        "plan.agency_filter": ("Xem theo cơ quan chủ trì", "View by lead agency"),
        "plan.all_agencies": ("Tất cả cơ quan", "All agencies"),
        "plan.lead": ("Chủ trì: {agency}", "Lead: {agency}"),
        "plan.successor": ("từ 2025: {agency}", "from 2025: {agency}"),
        "plan.partners": ("Phối hợp: {partners}", "Partners: {partners}"),
        "plan.time_frame": ("Thời gian: {frame}", "Time frame: {frame}"),
        "plan.annual": ("hằng năm", "every year"),
        "plan.progress": ("Tiến độ {year}: {state}", "Progress {year}: {state}"),
        "plan.no_progress": ("Chưa ghi tiến độ", "No progress recorded"),
        "plan.overdue": ("Quá hạn", "Overdue"),
        "plan.evidence": ("minh chứng", "evidence"),
        "plan.record_progress": ("Ghi tiến độ nhiệm vụ", "Record task progress"),
        "plan.task": ("Nhiệm vụ", "Task"),
        "plan.state": ("Tình trạng", "Progress"),
        "plan.evidence_url": ("Đường dẫn minh chứng (không bắt buộc)", "Evidence link (optional)"),
        "plan.new_intro": (
            "Thêm một giai đoạn kế hoạch mới (ví dụ Chương trình quốc gia 2025–2030) và các chỉ tiêu của nó; "
            "không cần sửa mã nguồn.",
            "Add a new plan period (for example the national 2025–2030 programme) and its targets; no code "
            "changes needed.",
        ),
        "plan.code": ("Mã kế hoạch", "Plan code"),
        "plan.name_vi": ("Tên (tiếng Việt)", "Name (Vietnamese)"),
        "plan.name_en": ("Tên (tiếng Anh)", "Name (English)"),
        "plan.document": ("Số văn bản", "Document number"),
        "plan.start": ("Năm đầu", "First year"),
        "plan.end": ("Năm cuối", "Last year"),
        "plan.add_plan": ("Thêm kế hoạch", "Add the plan"),
        "plan.add_target": ("Thêm chỉ tiêu", "Add a target"),
        "plan.target_code": ("Mã chỉ tiêu", "Target code"),
        "plan.low": ("Mức thấp (%)", "Low (%)"),
        "plan.high": ("Mức cao (%)", "High (%)"),
        "plan.target_year": ("Năm mục tiêu", "Target year"),
        "plan.staff_only": ("Cán bộ đăng nhập để ghi số liệu.", "Staff sign in to record figures."),
    }
)


# The annual report's labels.
STRINGS.update(
    {
        "report.title": (
            "Báo cáo năm {year}: phát triển công nghiệp môi trường Hà Nội",
            "Annual report {year}: Hanoi's environmental industry",
        ),
        "report.demo_note": (
            "Lưu ý: {demo} dự án là dữ liệu minh họa (mã DEMO-…), không phải dự án chính thức.",
            "Note: {demo} projects are illustrative demo data (codes DEMO-…), not official projects.",
        ),
        "report.published_projects": ("Dự án công bố", "Published projects"),
        "report.total_capital_vnd_bn": ("Tổng vốn (tỷ đồng)", "Total capital (VND bn)"),
        "report.total_capital_usd_m_converted": ("Tổng vốn (triệu USD, quy đổi)", "Total capital (USD m, converted)"),
        "report.investor_inquiries_in_the_year": ("Yêu cầu của nhà đầu tư trong năm", "Investor inquiries in the year"),
        "report.tasks_done": ("Nhiệm vụ hoàn thành", "Tasks done"),
        "report.tasks_in_progress": ("Nhiệm vụ đang thực hiện", "Tasks in progress"),
        "report.tasks_overdue": ("Nhiệm vụ quá hạn", "Tasks overdue"),
        "report.targets_measured": ("Chỉ tiêu đã có số đo", "Targets measured"),
        "report.targets_at_or_above_the_band_s_low_end": (
            "Chỉ tiêu đạt mức thấp của khoảng",
            "Targets at or above the band's low end",
        ),
        "report.stage": ("Giai đoạn: ", "Stage: "),
        "report.category": ("Nhóm: ", "Category: "),
        "report.figure": ("Chỉ số", "Figure"),
        "report.change": ("Thay đổi", "Change"),
        "report.code": ("Mã", "Code"),
        "report.group": ("Nhóm", "Group"),
        "report.task": ("Nhiệm vụ", "Task"),
        "report.lead_agency": ("Cơ quan chủ trì", "Lead agency"),
        "report.successor_2025": ("Cơ quan kế thừa (2025)", "Successor (2025)"),
        "report.partners": ("Phối hợp", "Partners"),
        "report.time_frame": ("Thời gian", "Time frame"),
        "report.every_year": ("Hằng năm", "Every year"),
        "report.year_recorded": ("Năm ghi nhận", "Year recorded"),
        "report.progress": ("Tình trạng", "Progress"),
        "report.overdue": ("Quá hạn", "Overdue"),
        "report.note": ("Ghi chú", "Note"),
        "report.evidence": ("Minh chứng", "Evidence"),
        "report.target": ("Chỉ tiêu", "Target"),
        "report.target_band": ("Khoảng mục tiêu (%)", "Target band (%)"),
        "report.target_year": ("Năm mục tiêu", "Target year"),
        "report.sources": ("Nguồn số đo", "Sources"),
        "report.project": ("Mã dự án", "Project"),
        "report.project_name": ("Tên dự án", "Project name"),
        "report.inquiries": ("Số yêu cầu", "Inquiries"),
        "report.answered": ("Đã trả lời", "Answered"),
        "report.countries": ("Quốc gia", "Countries"),
        "report.summary": ("Tổng hợp", "Summary"),
        "report.projects": ("Dự án", "Projects"),
        "report.tasks": ("Nhiệm vụ", "Tasks"),
        "report.targets": ("Chỉ tiêu", "Targets"),
        "report.sheet_inquiries": ("Yêu cầu nhà đầu tư", "Inquiries"),
        "report.figures_as_at": ("Số liệu tính đến: ", "Figures as at: "),
        "report.generated": ("Tạo lúc: ", "Generated: "),
        "report.headline_figures": ("Số liệu chính", "Headline figures"),
        "report.plan_tasks": ("Nhiệm vụ của Kế hoạch", "Plan tasks"),
    }
)


# Issue 10: investor pages.
STRINGS.update(
    {
        "card.former_district": ("{name} (cũ)", "former {name}"),
        "browse.count.one": ("{count} dự án", "{count} project"),
        "browse.count_range": ("{first}–{last} trong {count} dự án", "{first}–{last} of {count} projects"),
        "browse.remove_filter": ("Bỏ bộ lọc này", "Remove this filter"),
        "browse.no_match_filters": (
            "Không có dự án nào thỏa mọi bộ lọc đang chọn.",
            "No project meets all the filters chosen.",
        ),
        "browse.relax": ("Bỏ một bộ lọc để xem:", "Remove one filter to see:"),
        "browse.relax_one": ("Bỏ “{filter}” → {count} dự án", "Without “{filter}” → {count} projects"),
        "browse.relax_one.one": ("Bỏ “{filter}” → {count} dự án", "Without “{filter}” → {count} project"),
        "browse.swapped": (
            "“Vốn từ” lớn hơn “Vốn đến”: đã đổi chỗ hai giá trị.",
            "“Capital from” was above “Capital up to”: the two were swapped.",
        ),
        "inquiry.country_hint": ("Chọn quốc gia…", "Choose a country…"),
        "inquiry.sent_ref": (
            "Đã nhận yêu cầu của bạn, số **{reference}**. Cơ quan đầu mối sẽ liên hệ qua email; "
            "hãy ghi lại số này khi trao đổi.",
            "Your inquiry has been received as number **{reference}**. The lead agency will reply by email; "
            "please quote this number.",
        ),
        "inquiry.duplicate": (
            "Yêu cầu này đã được nhận trước đó, số **{reference}**; không gửi lại lần nữa.",
            "This inquiry had already been received as number **{reference}**; it was not sent again.",
        ),
        "money.about": ("khoảng", "about"),
        "money.both": ("{vnd}; {usd} (theo hồ sơ)", "{vnd}; {usd} (as reported)"),
        "money.vnd_converted": ("{vnd} (≈ {usd}, quy đổi)", "{vnd} (≈ {usd}, converted)"),
        "money.usd_converted": ("{usd} (≈ {vnd}, quy đổi)", "{usd} (≈ {vnd}, converted)"),
        "project.back_results": ("Về kết quả tìm kiếm", "Back to the results"),
        "shortlist.differs": (
            "Dòng tô màu: các dự án khác nhau ở mục này.",
            "Shaded rows: the projects differ on this point.",
        ),
        "shortlist.fact": ("Mục", "Item"),
        "shortlist.open": ("Xem {code}", "Open {code}"),
        # investor: new keys above this line
    }
)

# Issue 10: staff pages.
STRINGS.update(
    {
        "staff.more_n": ("… và {n} dự án nữa.", "… and {n} more projects."),
        "staff.more_n.one": ("… và {n} dự án nữa.", "… and {n} more project."),
        "inbox.marked": ("Đã đánh dấu yêu cầu {inquiry} là đã trả lời.", "Inquiry {inquiry} marked as answered."),
        "inbox.count_n": ("{n} yêu cầu, mới nhất trước", "{n} inquiries, newest first"),
        "inbox.count_n.one": ("{n} yêu cầu", "{n} inquiry"),
        "inbox.file_stem": ("hop-thu-nha-dau-tu", "investor-inquiries"),
        "inbox.about": (
            "Mã tham chiếu {reference} · dự án {project} · nhận lúc {when}",
            "Reference {reference} · project {project} · received {when}",
        ),
        "inbox.col_reference": ("Mã tham chiếu", "Reference"),
        "inbox.col_phone": ("Điện thoại", "Phone"),
        "inbox.col_message": ("Nội dung", "Message"),
        "inbox.col_lang": ("Ngôn ngữ của trang", "Page language"),
        "inbox.col_answered_at": ("Trả lời lúc (giờ Hà Nội)", "Answered at (Hanoi time)"),
        "inbox.col_answered_by": ("Người trả lời", "Answered by"),
        "inbox.col_answer_note": ("Ghi chú trả lời", "Answer note"),
        "staff.st_upload": ("Chọn tệp", "Choose a file"),
        "staff.st_upload_limit": ("Tối đa {size} MB mỗi tệp", "Up to {size} MB per file"),
        "staff.st_drop": ("Thả tệp vào đây", "Drop the file here"),
        "staff.st_enter": ("Nhấn Enter để áp dụng", "Press Enter to apply"),
        "staff.st_ctrl_enter": ("Nhấn Ctrl+Enter để áp dụng", "Press Ctrl+Enter to apply"),
        "staff.st_send": ("Nhấn Enter để gửi", "Press Enter to submit"),
        "staff.st_ctrl_send": ("Nhấn Ctrl+Enter để gửi", "Press Ctrl+Enter to submit"),
        "staff.st_no_results": ("Không có kết quả", "No results"),
        "import.n_rows": ("{n} dòng", "{n} rows"),
        "import.n_rows.one": ("{n} dòng", "{n} row"),
        "import.n_errors": ("{n} lỗi", "{n} errors"),
        "import.n_errors.one": ("{n} lỗi", "{n} error"),
        "import.n_new": ("{n} dự án mới", "{n} new projects"),
        "import.n_new.one": ("{n} dự án mới", "{n} new project"),
        "import.n_changed": ("{n} dự án thay đổi", "{n} changed"),
        "import.n_unchanged": ("{n} không đổi", "{n} unchanged"),
        "import.outcome": ("{new}, {changed}, {unchanged}", "{new}, {changed}, {unchanged}"),
        "import.more_errors": (
            "Chỉ liệt kê {listed} lỗi đầu tiên; còn {more} lỗi khác. Sửa các lỗi này rồi tải lên lại.",
            "Only the first {listed} errors are listed; there are {more} more. Fix these and upload again.",
        ),
        "import.refused_many": (
            "Tệp có {errors}: chưa nhập gì.",
            "The file has {errors}: nothing imported.",
        ),
        "import.refused_n": (
            "Tệp có {errors} trong {rows}: chưa nhập gì. Sửa rồi tải lên lại.",
            "The file has {errors} in {rows}: nothing imported. Fix them and upload again.",
        ),
        "import.clean_n": ("Tệp hợp lệ: {rows} — {outcome}.", "The file is clean: {rows} — {outcome}."),
        "import.done_n": (
            "Đã nhập {rows} — {outcome} (một lần nhập trong lịch sử).",
            "Imported {rows} — {outcome} (one event in the history).",
        ),
        "import.links_new": ("Dự án mới (bản nháp, chờ gửi duyệt)", "New projects (drafts, to submit for review)"),
        "import.links_changed": ("Dự án đã thay đổi", "Changed projects"),
        "import.more_links": (
            "… và {n} dự án nữa: xem thẻ Bản nháp ở trang Việc cần làm.",
            "… and {n} more: see the Drafts tab on the staff home.",
        ),
        "import.more_links.one": (
            "… và {n} dự án nữa: xem thẻ Bản nháp ở trang Việc cần làm.",
            "… and {n} more: see the Drafts tab on the staff home.",
        ),
        "import.another": (
            "Tệp này đã được nhập. Để nhập tệp khác, xóa tệp ở trên (dấu ×) rồi chọn tệp mới.",
            "This file has been imported. To import another, remove it above (×) and choose a new file.",
        ),
        "edit.fix.one": ("Chưa lưu: có {count} ô cần sửa (xem chữ đỏ).", "Not saved: 1 field needs fixing (in red)."),
        "edit.open_checks.one": (
            "{count} cảnh báo nhất quán: người duyệt cần chấp nhận (kèm lý do) hoặc cán bộ sửa trước khi công bố.",
            "1 consistency warning: a reviewer must accept it (with a reason), or staff fix it, before publishing.",
        ),
        "edit.unsaved": ("Có {count} trường đã sửa, chưa lưu.", "{count} fields changed, not saved yet."),
        "edit.unsaved.one": ("Có {count} trường đã sửa, chưa lưu.", "1 field changed, not saved yet."),
        "edit.discard": ("Bỏ thay đổi", "Discard changes"),
        "edit.cancel": ("Huỷ", "Cancel"),
        "edit.history_times": ("Thời gian theo giờ Hà Nội (UTC+7).", "Times are Hanoi time (UTC+7)."),
        "edit.restored": ("Đã khôi phục phiên bản lúc {when}.", "The version of {when} is restored."),
        "edit.confirm_restore": (
            "Khôi phục phiên bản lúc {when}? {count} trường sẽ đổi như dưới đây; việc khôi phục được ghi vào "
            "lịch sử và có thể khôi phục ngược lại.",
            "Restore the version of {when}? {count} fields will change as below; the restore is kept in the "
            "history and can itself be undone.",
        ),
        "edit.confirm_restore.one": (
            "Khôi phục phiên bản lúc {when}? {count} trường sẽ đổi như dưới đây; việc khôi phục được ghi vào "
            "lịch sử và có thể khôi phục ngược lại.",
            "Restore the version of {when}? 1 field will change as below; the restore is kept in the history "
            "and can itself be undone.",
        ),
        "edit.confirm_restore_yes": ("Xác nhận khôi phục", "Yes, restore it"),
        "edit.restore_review_note": (
            "Dự án đang công bố: nếu phiên bản cũ làm xuất hiện lại cảnh báo mà người duyệt chưa chấp nhận cho "
            "các giá trị này, dự án quay về chờ duyệt (tạm ẩn khỏi danh mục công khai).",
            "The project is published: if the earlier version brings back a warning that no reviewer accepted "
            "for these values, the project goes back to review (hidden from the public list meanwhile).",
        ),
        "edit.review_again": (
            "Dự án đã quay về chờ duyệt và tạm ẩn khỏi danh mục công khai: cảnh báo cần người duyệt xem lại — {checks}.",
            "The project went back to review and is hidden from the public list: a reviewer must look at the "
            "warnings again — {checks}.",
        ),
        "edit.archived": (
            "Dự án đang lưu trữ (ngừng kêu gọi) từ {since}: không hiển thị công khai.",
            "The project is archived (withdrawn) since {since}: it is not public.",
        ),
        "edit.unarchive": ("Khôi phục từ lưu trữ…", "Restore from the archive…"),
        "edit.confirm_unarchive": (
            "Đưa dự án trở lại giai đoạn trước khi lưu trữ? Nếu dự án đã công bố, nó lại hiển thị công khai — "
            "trừ khi có cảnh báo cần người duyệt xem lại, khi đó dự án chờ duyệt.",
            "Bring the project back at its stage before archiving? A published project is public again — "
            "unless a warning needs a reviewer's look again; then it waits for review.",
        ),
        "edit.confirm_unarchive_yes": ("Xác nhận khôi phục", "Yes, restore it"),
        "edit.archive_title": ("Ngừng kêu gọi và lưu trữ", "Withdraw and archive"),
        "edit.archive_note": (
            "Lưu trữ thay cho xóa: dự án rời danh mục công khai, mọi dữ liệu và lịch sử được giữ, có thể khôi phục.",
            "Archiving replaces deletion: the project leaves the public list; its data and history are kept, "
            "and it can be restored.",
        ),
        "edit.archive": ("Lưu trữ dự án…", "Archive the project…"),
        "edit.confirm_archive": (
            "Lưu trữ dự án {code}? Dự án sẽ không còn hiển thị với nhà đầu tư.",
            "Archive project {code}? Investors will no longer see it.",
        ),
        "edit.archive_reason": ("Lý do (ghi vào lịch sử)", "Reason (kept in the history)"),
        "edit.confirm_archive_yes": ("Xác nhận lưu trữ", "Yes, archive it"),
        "edit.do_submit": ("Gửi duyệt", "Submit for review"),
        "edit.do_publish": ("Công bố", "Publish"),
        "edit.do_reject": ("Trả lại", "Return to draft"),
        "edit.do_unpublish": ("Thôi công bố", "Unpublish"),
        # staff: new keys above this line
    }
)

# Issue 10: leadership pages.
STRINGS.update(
    {
        "plan.standing.done": ("Hoàn thành", "Done"),
        "plan.standing.in_progress": ("Đang thực hiện", "In progress"),
        "plan.standing.not_started": ("Chưa bắt đầu", "Not started"),
        "plan.standing.overdue": ("Quá hạn", "Overdue"),
        "plan.tasks_late_part": (
            " (trong đó {count} nhiệm vụ cán bộ đã ghi “chậm tiến độ”)",
            " (of which {count} recorded as late by staff)",
        ),
        "plan.overdue_rule": (
            "Quá hạn: nhiệm vụ có thời hạn một năm đã hết năm đó mà chưa hoàn thành; nhiệm vụ hằng năm chưa có "
            "báo cáo tiến độ (đang thực hiện hoặc hoàn thành) cho năm gần nhất đã đến hạn báo cáo (31/01 năm sau); "
            "hoặc cán bộ đã ghi chậm tiến độ.",
            "Overdue: a task due in a given year that was not done by its end; an annual task with no progress "
            "report (in progress or done) for the latest year whose report is due (31 January of the next year); "
            "or a task staff recorded as late.",
        ),
        "plan.none_measured": (
            "Chưa chỉ tiêu nào có số đo. Biểu đồ của một chỉ tiêu hiện ở đây khi cán bộ ghi số đo kèm nguồn.",
            "No target has a measured value yet. A target's chart appears here once staff record a value "
            "with its source.",
        ),
        "plan.unmeasured": ("Chưa có số đo ({count} chỉ tiêu)", "Not measured yet ({count} targets)"),
        "plan.unmeasured.one": ("Chưa có số đo (1 chỉ tiêu)", "Not measured yet (1 target)"),
        "plan.col_target": ("Chỉ tiêu", "Target"),
        "plan.col_band": ("Khoảng mục tiêu", "Target band"),
        "plan.col_year": ("Năm mục tiêu", "Target year"),
        "plan.recorded": ("ghi lúc {time}", "recorded {time}"),
        "plan.as_of": ("Tình trạng tính đến ngày {date} (giờ Hà Nội).", "Standing as on {date} (Hanoi time)."),
        "report.tasks_not_started": ("Nhiệm vụ chưa bắt đầu", "Tasks not started"),
        "report.tasks_late_recorded": (
            "— trong đó cán bộ đã ghi “chậm tiến độ”",
            "— of which recorded as late by staff",
        ),
        "report.standing": ("Tình trạng tính đến ngày báo cáo", "Standing at the report date"),
        "chart.source": (
            "Nguồn: Danh mục dự án kêu gọi đầu tư công nghiệp môi trường Hà Nội · số liệu ngày {date} (giờ Hà Nội)",
            "Source: Hanoi environmental-industry investment catalogue · figures of {date} (Hanoi time)",
        ),
        "chart.filtered": ("Theo bộ lọc đang chọn trên trang Tổng quan.", "For the filters chosen on the dashboard."),
        "chart.demo": (
            "Gồm {demo} trong {total} dự án là dữ liệu minh họa (mã DEMO-…), không phải số liệu chính thức.",
            "{demo} of the {total} projects are illustrative demo data (codes DEMO-…), not official figures.",
        ),
        "chart.hidden": (
            "Gồm cả dự án ẩn (nháp, chờ duyệt, ngừng kêu gọi): không dùng để công bố.",
            "Hidden projects included (drafts, in review, withdrawn): not for publication.",
        ),
        "chart.target_source": (
            "Nguồn số đo: {sources} · ngày {date} (giờ Hà Nội)",
            "Measured values: {sources} · {date} (Hanoi time)",
        ),
        "dash.countries": ("{n} quốc gia", "{n} countries"),
        "dash.countries.one": ("{n} quốc gia", "{n} country"),
        "dash.inquiries_note.one": (
            "1 yêu cầu từ {countries}.",
            "1 inquiry from {countries}.",
        ),
        "dash.ward_note.one": (
            "{known} trên {total} dự án đã ghi phường/xã mới.",
            "{known} of {total} project names its new ward or commune.",
        ),
        "dash.added_note.one": (
            "Tháng nhiều nhất: {month} với 1 dự án.",
            "Busiest month: {month} with 1 project.",
        ),
        "dash.changes_note.one": (
            "1 lần chuyển giai đoạn, tô màu theo giai đoạn mới, theo lịch sử thay đổi.",
            "1 stage change, coloured by the stage reached, from the change history.",
        ),
        "dash.as_of": ("Số liệu lúc {time}.", "Figures as at {time}."),
        "dash.plan_tasks": ("Tiến độ kế hoạch", "Progress of the plan"),
        "dash.plan_link": ("Xem chỉ tiêu và nhiệm vụ", "See the targets and tasks"),
        "dash.tables_hint": (
            "Mở “Bảng số liệu” dưới mỗi biểu đồ để xem số liệu gốc.",
            "Open “Table” under a chart for the figures behind it.",
        ),
        # leadership: new keys above this line
    }
)


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The text for ``key`` in ``lang`` (``vi`` or ``en``), with ``values`` filled in.

    A number given as ``count`` is written the language's way ("1.300" / "1,300"), and when it is
    1 and a ``key.one`` text exists, that one is used ("1 project", not "1 projects"). An unknown
    key shows the key itself rather than failing the page.
    """
    count = values.get("count")
    if isinstance(count, (int, float)) and not isinstance(count, bool):
        one = count == 1
        values["count"] = format_number(count, lang, 0 if float(count).is_integer() else 1)
    else:
        one = isinstance(count, str) and count.strip() == "1"
    if one and f"{key}.one" in STRINGS:
        key = f"{key}.one"
    vi, en = STRINGS.get(key, (key, key))
    text = en if lang == "en" else vi
    return text.format(**values) if values else text


def format_number(value: float | None, lang: str = DEFAULT_LANGUAGE, decimals: int = 1) -> str:
    """``1200.5`` → ``"1.200,5"`` in Vietnamese, ``"1,200.5"`` in English; ``""`` for none."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang == "vi":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def format_vnd_bn(value: float | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """An amount in tỷ đồng: ``"1.200,5 tỷ đồng"`` / ``"VND 1,200.5 bn"``."""
    number = format_number(value, lang)
    if not number:
        return ""
    return f"{number} tỷ đồng" if lang == "vi" else f"VND {number} bn"


def format_date(value: object, lang: str = DEFAULT_LANGUAGE) -> str:
    """``28/11/2026`` in Vietnamese, ``28 Nov 2026`` in English; ``""`` for none.

    A stored time (naive UTC) is read in Hanoi time first, so late evening falls on the right day.
    """
    if value is None or not hasattr(value, "strftime"):
        return ""
    if isinstance(value, dt.datetime):
        value = to_hanoi(value)
    if lang == "vi":
        return value.strftime("%d/%m/%Y")
    return value.strftime("%d %b %Y").lstrip("0")


def format_datetime(value: object, lang: str = DEFAULT_LANGUAGE, *, zone: bool = True) -> str:
    """A stored time (naive UTC) in Hanoi time: ``28/11/2026 14:05 (giờ Hà Nội)`` /
    ``28 Nov 2026 14:05 (Hanoi time)``; without the label when ``zone`` is false."""
    if not isinstance(value, dt.datetime):
        return format_date(value, lang)
    local = to_hanoi(value)
    text = f"{format_date(local, lang)} {local:%H:%M}"
    if zone:
        text += " (giờ Hà Nội)" if lang == "vi" else " (Hanoi time)"
    return text
