"""The import template: headers in Vietnamese or English, an example row, the allowed values."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from catalogue.projects.model import EXAMPLE_CODE, PROJECT_COLUMNS

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
    "status": "calling",
    "investor": "",
    "lead_agency": "Sở Công Thương",
    "contact_name": "Phòng Quản lý Công nghiệp",
    "contact_email": "ten@hanoi.gov.vn",
    "contact_phone": "024 3825 0000",
    "incentives": "Nghị định 31/2021/NĐ-CP",
    "legal_basis": "Kế hoạch 275/KH-UBND ngày 20/11/2023",
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
    sheet.title = "Dự án" if lang == "vi" else "Projects"
    headers = [
        (c.header_vi if lang == "vi" else c.header_en) + (" (bắt buộc)" if lang == "vi" else " (required)")
        if c.required
        else (c.header_vi if lang == "vi" else c.header_en)
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

    allowed = book.create_sheet("Giá trị cho phép" if lang == "vi" else "Allowed values")
    allowed.append(
        ["Cột", "Mã", "Tên tiếng Việt", "Tên tiếng Anh"]
        if lang == "vi"
        else ["Column", "Code", "Vietnamese label", "English label"]
    )
    ref = cat.reference
    for column_name, enum in (
        ("category", ref.categories),
        ("investment_form", ref.forms),
        ("status", ref.statuses),
        ("district", ref.districts),
        ("ward", ref.wards),
        ("lead_agency", ref.agencies),
    ):
        column = next(c for c in PROJECT_COLUMNS if c.name == column_name)
        header = column.header_vi if lang == "vi" else column.header_en
        for code in enum.codes:
            allowed.append([header, code, enum.label(code, "vi"), enum.label(code, "en")])
    notes = [
        "Dòng 2 là dòng mẫu (mã VI-DU-MAU): hãy thay bằng dự án thật; tệp còn dòng mẫu sẽ bị từ chối."
        if lang == "vi"
        else "Row 2 is an example (code VI-DU-MAU): replace it with real projects; a file that keeps it is refused.",
        "Số theo kiểu Việt Nam: 1.200,5 = một nghìn hai trăm phẩy năm."
        if lang == "vi"
        else "Numbers may use Vietnamese style: 1.200,5 = one thousand two hundred point five.",
    ]
    allowed.append([])
    for note in notes:
        allowed.append([note])
    for letter, width in (("A", 28), ("B", 26), ("C", 50), ("D", 50)):
        allowed.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
