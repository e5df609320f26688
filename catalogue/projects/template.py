"""The import template: headers in Vietnamese or English, an example row, the allowed values."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from catalogue.projects.model import EXAMPLE_CODE, PROJECT_COLUMNS
from catalogue.text import LANGUAGES, t

if TYPE_CHECKING:
    from catalogue.core import Catalogue

EXAMPLE = {
    "code": EXAMPLE_CODE,
    "name_vi": "Nhà máy xử lý nước thải làng nghề (dòng mẫu, hãy xóa)",
    "name_en": "Craft-village wastewater treatment plant (example row, delete it)",
    "category": "environmental_services",
    "description_vi": "Mô tả ngắn: mục tiêu, công nghệ, đầu ra.",
    "description_en": "Short description: purpose, technology, output.",
    "district": "Thường Tín",
    "ward": "",
    "address": "Xã …, Hà Nội",
    "area_ha": "2,5",
    "capacity": "5.000 m³/ngày đêm",
    "investment_vnd_bn": "1.200,5",
    "investment_usd_m": "",
    "investment_form": "PPP",
    "project_type": "treatment_system",
    "status": "calling",
    "investor": "",
    "lead_agency": "Sở Công Thương",
    "contact_name": "Phòng Quản lý Công nghiệp",
    "contact_email": "ten@hanoi.gov.vn",
    "contact_phone": "024 3825 0000",
    "incentives": "Nghị định 31/2021/NĐ-CP",
    "legal_basis": "Kế hoạch 275/KH-UBND ngày 20/11/2023",
    "land_status": "Đất công, đã có trong quy hoạch; chưa giải phóng mặt bằng",
    "preparation_stage": "Đã có báo cáo nghiên cứu tiền khả thi",
    "ppp_structure": "BOT",
    "concession_years": "25",
    "revenue_basis": "Phí dịch vụ xử lý theo m³ do Thành phố chi trả",
    "sdg_tags": "6, 11",
    "latitude": "20.87",
    "longitude": "105.86",
    "start_year": "2027",
    "demo": "không",
}


def template_xlsx(cat: Catalogue, lang: str = "vi") -> bytes:
    """The template as XLSX bytes: sheet 1 headers + example row, sheet 2 the allowed values."""
    import openpyxl
    from openpyxl.styles import Font, PatternFill

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = t("sheet.projects", lang)
    headers = [
        t("template.required", lang, header=c.header()(lang)) if c.required else c.header()(lang)
        for c in PROJECT_COLUMNS
    ]
    sheet.append(headers)
    sheet.append([EXAMPLE.get(c.name, "") for c in PROJECT_COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cell in sheet[2]:
        cell.fill = PatternFill("solid", fgColor="FFF2CC")
    for index, column in enumerate(PROJECT_COLUMNS, start=1):
        width = 40 if column.kind == "longtext" else 24
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"

    allowed = book.create_sheet(t("sheet.allowed_values", lang))
    allowed.append(
        [t("template.col_column", lang), t("template.col_code", lang)]
        + [t("template.col_label", lang, language=t(f"language_name.{code}", lang)) for code in LANGUAGES]
    )
    ref = cat.reference
    for column_name, enum in (
        ("category", ref.categories),
        ("project_type", ref.types),
        ("investment_form", ref.forms),
        ("status", ref.enumeration("status")),
        ("district", ref.districts),
        ("ward", ref.wards),
        ("lead_agency", ref.agencies),
    ):
        column = next(c for c in PROJECT_COLUMNS if c.name == column_name)
        header = column.header()(lang)
        for code in enum.codes:
            allowed.append([header, code, *(enum.label(code)(language) for language in LANGUAGES)])
    notes = [t("template.note_example", lang), t("template.note_numbers", lang)]
    allowed.append([])
    for note in notes:
        allowed.append([note])
    for letter, width in (("A", 28), ("B", 26), ("C", 50), ("D", 50)):
        allowed.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
