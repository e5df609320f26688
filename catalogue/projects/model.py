"""The project template: every column once, with its Vietnamese header, kind and limits.

Import, export, the database schema and the pages all read this list, so a column is
added in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from catalogue.text import Text

# Languages the projects' own texts are stored in (name_vi/name_en, description_vi/description_en).
CONTENT_LANGUAGES = ("vi", "en")

# Kinds decide how a cell is read and checked (see importing.py).
TEXT, LONGTEXT, CODE, NUMBER, YEAR, LATITUDE, LONGITUDE, EMAIL, PHONE, FLAG = (
    "text",
    "longtext",
    "code",
    "number",
    "year",
    "latitude",
    "longitude",
    "email",
    "phone",
    "flag",
)
CATEGORY, FORM, STATUS, DISTRICT, WARD, AGENCY, TYPE = (
    "category",
    "investment_form",
    "status",
    "district",
    "ward",
    "agency",
    "project_type",
)


@dataclass(frozen=True)
class Column:
    name: str
    header_vi: str
    header_en: str
    kind: str
    required: bool = False
    max_length: int = 500
    unit: str = "plain"
    sql_type: str = "VARCHAR"
    aliases: tuple[str, ...] = field(default=())

    def header(self) -> Text:
        """The column's header (the template's headers exist in Vietnamese and English)."""
        return Text.columns(self, "header")


PROJECT_COLUMNS: tuple[Column, ...] = (
    Column(
        "code", "Mã dự án", "Project code", CODE, required=True, max_length=50, aliases=("ma", "ma du an", "project id")
    ),
    Column(
        "name_vi",
        "Tên dự án",
        "Project name (Vietnamese)",
        TEXT,
        required=True,
        max_length=300,
        aliases=("ten", "ten du an tieng viet", "project name"),
    ),
    Column(
        "name_en",
        "Tên tiếng Anh",
        "Project name (English)",
        TEXT,
        max_length=300,
        aliases=("ten du an tieng anh", "english name", "name english"),
    ),
    Column("category", "Nhóm", "Category", CATEGORY, required=True, aliases=("nhom du an", "linh vuc", "nhom nganh")),
    Column(
        "project_type",
        "Loại dự án",
        "Project type",
        TYPE,
        aliases=("loai hinh du an", "loai hinh", "kieu du an", "type", "type of project"),
    ),
    Column(
        "description_vi",
        "Mô tả",
        "Description (Vietnamese)",
        LONGTEXT,
        max_length=5000,
        aliases=("mo ta du an", "muc tieu", "noi dung"),
    ),
    Column(
        "description_en",
        "Mô tả tiếng Anh",
        "Description (English)",
        LONGTEXT,
        max_length=5000,
        aliases=("english description", "description english"),
    ),
    Column(
        "district",
        "Quận/huyện/thị xã (đến 30/6/2025)",
        "Former district (until June 2025)",
        DISTRICT,
        aliases=(
            "quan huyen",  # the template's header until 2026-11
            "district pre 2025",
            "district",
            "quan huyen thi xa",
            "huyen",
            "quan",
            "dia diem quan huyen",
            "dia ban",
            "dia ban quan huyen",
        ),
    ),
    Column("ward", "Phường/xã", "Ward/commune (2025)", WARD, max_length=100, aliases=("xa phuong", "phuong xa moi")),
    Column(
        "address",
        "Địa điểm",
        "Location",
        TEXT,
        max_length=500,
        aliases=(
            "dia diem du an",
            "dia chi",
            "vi tri",
            "dia diem thuc hien",
            "dia diem thuc hien du an",
            "dia diem xay dung",
        ),
    ),
    Column(
        "area_ha",
        "Diện tích (ha)",
        "Area (ha)",
        NUMBER,
        unit="ha",
        sql_type="DOUBLE",
        aliases=("dien tich", "dien tich dat ha", "dien tich du kien ha"),
    ),
    Column(
        "capacity",
        "Quy mô",
        "Capacity",
        TEXT,
        max_length=300,
        aliases=("quy mo cong suat", "cong suat", "muc tieu quy mo", "quy mo du an", "cong suat quy mo"),
    ),
    Column(
        "investment_vnd_bn",
        "Tổng vốn đầu tư (tỷ đồng)",
        "Total investment (VND bn)",
        NUMBER,
        unit="vnd_bn",
        sql_type="DOUBLE",
        aliases=(
            "tong von dau tu du kien ty dong",
            "von dau tu ty dong",
            "tong muc dau tu ty dong",
            "von dau tu du kien ty dong",
            "tong von dau tu ty vnd",
            "tong muc dau tu du kien ty dong",
        ),
    ),
    Column(
        "investment_usd_m",
        "Tổng vốn đầu tư (triệu USD)",
        "Total investment (USD m)",
        NUMBER,
        unit="usd_m",
        sql_type="DOUBLE",
        aliases=("tong von dau tu du kien trieu usd", "von dau tu trieu usd", "von dau tu du kien trieu usd"),
    ),
    # Set by itself when an amount is written "khoảng 500 tỷ" (about), so the public page can say so.
    Column(
        "investment_approx",
        "Vốn ước tính",
        "Approximate investment",
        FLAG,
        sql_type="BOOLEAN",
        aliases=("von uoc tinh", "uoc tinh", "approximate", "approximate investment"),
    ),
    Column(
        "investment_form",
        "Hình thức đầu tư",
        "Investment form",
        FORM,
        aliases=(
            "hinh thuc",
            "hinh thuc dau tu du kien",
            "hinh thuc keu goi dau tu",
            "hinh thuc keu goi",
            "phuong thuc dau tu",
        ),
    ),
    Column("status", "Giai đoạn", "Stage", STATUS, aliases=("trang thai", "status", "tinh trang", "tien do")),
    Column(
        "investor",
        "Nhà đầu tư",
        "Investor",
        TEXT,
        max_length=300,
        aliases=("nha dau tu duoc lua chon", "chu dau tu", "selected investor"),
    ),
    Column(
        "lead_agency",
        "Cơ quan đầu mối",
        "Lead agency",
        AGENCY,
        max_length=200,
        aliases=(
            "co quan dau moi lien he",
            "don vi dau moi",
            "co quan chu tri",
            "co quan de xuat",
            "don vi de xuat",
            "don vi chu tri",
        ),
    ),
    Column(
        "contact_name", "Người liên hệ", "Contact name", TEXT, max_length=200, aliases=("lien he", "can bo lien he")
    ),
    Column("contact_email", "Email liên hệ", "Contact email", EMAIL, max_length=254, aliases=("email", "thu dien tu")),
    Column(
        "contact_phone",
        "Điện thoại liên hệ",
        "Contact phone",
        PHONE,
        max_length=50,
        aliases=("dien thoai", "so dien thoai", "phone"),
    ),
    Column(
        "incentives",
        "Ưu đãi đầu tư",
        "Investment incentives",
        LONGTEXT,
        max_length=3000,
        aliases=("uu dai", "chinh sach uu dai"),
    ),
    Column(
        "legal_basis", "Căn cứ pháp lý", "Legal basis", LONGTEXT, max_length=3000, aliases=("co so phap ly", "can cu")
    ),
    # Deal data that investors compare across pipelines (as SOURCE and the GI Hub pipeline show it):
    # all optional, free text as the agency words it, except the concession term.
    Column(
        "land_status",
        "Hiện trạng đất",
        "Land status",
        TEXT,
        max_length=300,
        aliases=("hien trang su dung dat", "tinh trang dat", "quy dat", "land use status", "site status"),
    ),
    Column(
        "preparation_stage",
        "Mức độ chuẩn bị dự án",
        "Project preparation",
        TEXT,
        max_length=300,
        aliases=("muc do chuan bi", "giai doan chuan bi", "tinh trang ho so", "preparation stage"),
    ),
    Column(
        "ppp_structure",
        "Loại hợp đồng PPP",
        "PPP contract type",
        TEXT,
        max_length=200,
        aliases=("loai hop dong", "hinh thuc hop dong ppp", "ppp structure", "contract type"),
    ),
    Column(
        "concession_years",
        "Thời hạn hợp đồng/nhượng quyền (năm)",
        "Concession term (years)",
        NUMBER,
        unit="years",
        sql_type="DOUBLE",
        aliases=("thoi han hop dong", "thoi han nhuong quyen", "thoi gian van hanh", "concession term", "concession"),
    ),
    Column(
        "revenue_basis",
        "Cơ sở doanh thu",
        "Revenue basis",
        TEXT,
        max_length=300,
        aliases=("co che thu hoi von", "nguon thu", "gia dich vu", "tariff", "revenue model"),
    ),
    Column(
        "sdg_tags",
        "Mục tiêu phát triển bền vững (SDG)",
        "Sustainable Development Goals (SDG)",
        TEXT,
        max_length=200,
        aliases=("sdg", "muc tieu sdg", "esg", "sdgs"),
    ),
    # Staff's working note, never shown to the public: what an agency's list said that has no field
    # here (its other columns, an amount written as a range) lands in it rather than being dropped.
    Column(
        "source_note",
        "Ghi chú nội bộ",
        "Internal notes",
        LONGTEXT,
        max_length=4000,
        aliases=("ghi chu", "ghi chu khac", "chu thich", "notes", "note", "remarks"),
    ),
    Column("latitude", "Vĩ độ", "Latitude", LATITUDE, sql_type="DOUBLE", aliases=("lat",)),
    Column("longitude", "Kinh độ", "Longitude", LONGITUDE, sql_type="DOUBLE", aliases=("lon", "lng", "long")),
    Column(
        "start_year",
        "Năm khởi công",
        "Start year",
        YEAR,
        sql_type="INTEGER",
        aliases=("nam bat dau", "nam thuc hien", "thoi gian bat dau"),
    ),
    # Not in the agencies' template, but kept so that an export re-imports with the
    # illustrative-data flag intact: demo projects must never turn official.
    Column(
        "demo",
        "Dữ liệu minh họa",
        "Illustrative demo data",
        FLAG,
        sql_type="BOOLEAN",
        aliases=("du lieu minh hoa", "is demo", "demo data"),
    ),
)

COLUMNS_BY_NAME: dict[str, Column] = {c.name: c for c in PROJECT_COLUMNS}
COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in PROJECT_COLUMNS)

# Columns kept by the database beside the template ones.
SYSTEM_COLUMNS: tuple[tuple[str, str], ...] = (
    ("created_at", "TIMESTAMP"),
    ("updated_at", "TIMESTAMP"),
    ("version", "INTEGER"),
    # The review workflow (workflow.py): draft → submitted → published.
    ("publication", "VARCHAR"),
    ("review_comment", "VARCHAR"),
    ("status_since", "DATE"),  # when the project reached its current status
    ("archived_status", "VARCHAR"),  # the status before it was archived (withdrawn), for restore
)

# Hanoi's extent with a small margin (Ba Vì in the west to Gia Lâm in the east, Sóc Sơn in
# the north to Mỹ Đức in the south). A box, so it admits a little of the neighbours.
HANOI_BOUNDS = {"lat_min": 20.50, "lat_max": 21.42, "lon_min": 105.25, "lon_max": 106.05}

DEFAULT_STATUS = "calling"

# The import template's example row uses this code; the importer refuses it (see template.py).
EXAMPLE_CODE = "VI-DU-MAU"
