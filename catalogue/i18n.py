"""One translation function for every user-facing string, and number formats per language.

``t("key", lang, **values)`` returns the Vietnamese or English text. Enumeration labels
(categories, statuses, …) are not here: they live in the reference data (data/*.csv).
"""

from __future__ import annotations

import math

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

STRINGS: dict[str, tuple[str, str]] = {
    # command line
    "cli.init_done": (
        "Cơ sở dữ liệu {path}: lược đồ phiên bản {version}, {projects} dự án.",
        "Database {path}: schema version {version}, {projects} projects.",
    ),
    "cli.no_such_file": ("Không tìm thấy tệp {path}.", "No such file: {path}."),
    "cli.ignored_column": ("Bỏ qua cột không thuộc mẫu: {column}", "Ignored a column not in the template: {column}"),
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
        "Bản đồ cần kết nối mạng; toạ độ: {lat}, {lon}",
        "The map needs a connection; coordinates: {lat}, {lon}",
    ),
    "shortlist.title": ("Danh sách quan tâm", "Shortlist"),
    "shortlist.empty": (
        "Chưa có dự án nào. Bấm “Thêm vào danh sách quan tâm” trên danh mục hoặc trang dự án.",
        "Nothing here yet. Press “Add to shortlist” in the catalogue or on a project page.",
    ),
    "shortlist.compare": ("So sánh", "Compare"),
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


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The text for ``key`` in ``lang`` (``vi`` or ``en``), with ``values`` filled in."""
    vi, en = STRINGS[key]
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
    """``28/11/2026`` in Vietnamese, ``28 Nov 2026`` in English; ``""`` for none."""
    if value is None or not hasattr(value, "strftime"):
        return ""
    if lang == "vi":
        return value.strftime("%d/%m/%Y")
    return value.strftime("%d %b %Y").lstrip("0")
