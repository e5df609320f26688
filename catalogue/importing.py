"""Import of the project template from CSV or XLSX: all rows valid, or nothing changes.

Reading is tolerant (Vietnamese or canonical headers in any case and accents, UTF-8 with or
without BOM, comma/semicolon/tab separators, title rows above the header in XLSX,
Vietnamese number formats); checking is strict: every problem is reported with the row
number the user sees in Excel, the column, the value and a reason in both languages.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from . import model
from .model import COLUMNS_BY_NAME, HANOI_BOUNDS, PROJECT_COLUMNS, Column
from .normalize import NumberFormatError, clean_text, fold, parse_number
from .reference import Reference

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_CODE_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._/-]*$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_PHONE_RE = re.compile(r"^\+?[0-9 ().-]+$")
_FLAG_TRUE = {"1", "true", "yes", "y", "x", "co", "dung"}
_FLAG_FALSE = {"", "0", "false", "no", "n", "khong", "sai"}

# Upper bounds that catch unit slips ("7000000000000" written in đồng in a tỷ đồng column).
MAXIMUMS = {"investment_vnd_bn": 500_000.0, "investment_usd_m": 20_000.0, "area_ha": 10_000.0}
YEAR_RANGE = (1990, 2100)
XLSX_SHEET_NAMES = ("projects", "du an", "danh muc du an")
MAX_HEADER_SEARCH_ROWS = 15


@dataclass(frozen=True)
class ImportIssue:
    """One problem in a file: ``row`` as numbered in Excel (the header is its own row)."""

    row: int
    column: str
    value: str
    message_vi: str
    message_en: str

    @property
    def message(self) -> str:
        return f"{self.message_vi} / {self.message_en}"

    def text(self, lang: str = "vi") -> str:
        return self.message_vi if lang == "vi" else self.message_en


@dataclass
class ImportReport:
    """What an import did (or, for a dry run or a refused file, would have done)."""

    source: str
    rows_read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[ImportIssue] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    dry_run: bool = False
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def error_frame(self, lang: str = "vi") -> pd.DataFrame:
        """The errors as a table with headers in ``lang`` (for display and XLSX download)."""
        headers = (
            ("Dòng", "Cột", "Giá trị", "Lý do (tiếng Việt)", "Lý do (tiếng Anh)")
            if lang == "vi"
            else ("Row", "Column", "Value", "Reason (Vietnamese)", "Reason (English)")
        )
        return pd.DataFrame(
            [(e.row, e.column, e.value, e.message_vi, e.message_en) for e in self.errors], columns=list(headers)
        )


class _FileProblem(Exception):
    def __init__(self, issue: ImportIssue) -> None:
        super().__init__(issue.message_en)
        self.issue = issue


# --- reading ---------------------------------------------------------------------------


def read_table(path: str | Path) -> tuple[int, list[Any], list[tuple[int, list[Any]]]]:
    """Return (header row number, header cells, [(row number, cells)]) for CSV or XLSX."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix in (".csv", ".txt", ".tsv"):
        return _read_csv(path)
    if suffix == ".json":
        return _read_json(path)
    raise _FileProblem(
        ImportIssue(0, "", path.name, f"Định dạng tệp “{suffix}” không được hỗ trợ; hãy dùng CSV, XLSX hoặc JSON",
                    f"File type “{suffix}” is not supported; use CSV, XLSX or JSON")
    )


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _FileProblem(
            ImportIssue(0, "", name,
                        "Tệp CSV không phải mã UTF-8; trong Excel hãy lưu bằng “CSV UTF-8 (Comma delimited)”",
                        "The CSV file is not UTF-8; in Excel save it as “CSV UTF-8 (Comma delimited)”")
        ) from exc


def _read_csv(path: Path) -> tuple[int, list[Any], list[tuple[int, list[Any]]]]:
    text = _decode(path.read_bytes(), path.name)
    first_line = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first_line.count)
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(records, None)
    if header is None:
        raise _FileProblem(ImportIssue(1, "", "", "Tệp trống", "The file is empty"))
    # Excel shows one row per record, so row numbers count records, not physical lines.
    return 1, header, [(number, cells) for number, cells in enumerate(records, start=2)]


def _read_json(path: Path) -> tuple[int, list[Any], list[tuple[int, list[Any]]]]:
    try:
        records = json.loads(_decode(path.read_bytes(), path.name))
    except json.JSONDecodeError as exc:
        raise _FileProblem(ImportIssue(exc.lineno, "", path.name, f"JSON không hợp lệ: {exc.msg}",
                                       f"Invalid JSON: {exc.msg}")) from exc
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise _FileProblem(ImportIssue(1, "", path.name, "JSON phải là một danh sách các đối tượng",
                                       "The JSON must be a list of objects"))
    header = list(dict.fromkeys(key for record in records for key in record))
    # Numbered as the export's CSV twin would be: the header is row 1.
    return 1, header, [(number, [record.get(key) for key in header]) for number, record in enumerate(records, start=2)]


def _read_xlsx(path: Path) -> tuple[int, list[Any], list[tuple[int, list[Any]]]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged or foreign file
        raise _FileProblem(
            ImportIssue(0, "", path.name, "Không mở được tệp XLSX (tệp hỏng hoặc không phải Excel)",
                        "Cannot open the XLSX file (damaged, or not an Excel workbook)")
        ) from exc
    try:
        sheet = next((s for s in book.worksheets if fold(s.title) in XLSX_SHEET_NAMES), book.worksheets[0])
        rows = [(number, list(cells)) for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1)]
    finally:
        book.close()
    # Official lists often carry a title block above the header: take the first row that
    # names the required columns.
    for index, (number, cells) in enumerate(rows[:MAX_HEADER_SEARCH_ROWS]):
        mapped = {c.name for c in _map_header_cells(cells)[0].values()}
        if {"code", "name_vi"} <= mapped:
            return number, cells, rows[index + 1 :]
    if not rows:
        raise _FileProblem(ImportIssue(1, "", "", "Tệp trống", "The file is empty"))
    return rows[0][0], rows[0][1], rows[1:]


# --- headers ---------------------------------------------------------------------------


def _header_index() -> dict[str, Column]:
    index: dict[str, Column] = {}
    for column in PROJECT_COLUMNS:
        for text in (column.name, column.header_vi, column.header_en, *column.aliases):
            index.setdefault(fold(text), column)
    return index


_HEADER_INDEX = _header_index()
_IGNORED_HEADERS = {"stt", "so thu tu", "tt", "no", "ghi chu", "notes"}


def _match_header(cell: Any) -> Column | None:
    key = fold(clean_text(cell))
    for suffix in (" bat buoc", " required"):
        key = key.removesuffix(suffix)
    return _HEADER_INDEX.get(key)


def _map_header_cells(cells: list[Any]) -> tuple[dict[int, Column], list[str], list[ImportIssue]]:
    mapping: dict[int, Column] = {}
    ignored: list[str] = []
    problems: list[ImportIssue] = []
    seen: dict[str, int] = {}
    for position, cell in enumerate(cells):
        text = clean_text(cell)
        if not text:
            continue
        column = _match_header(text)
        if column is None:
            if fold(text) not in _IGNORED_HEADERS:
                ignored.append(text)
            continue
        if column.name in seen:
            problems.append(ImportIssue(0, text, text,
                                        f"Cột “{text}” trùng với cột thứ {seen[column.name] + 1} (cùng là {column.header_vi})",
                                        f"Column “{text}” repeats column {seen[column.name] + 1} (both are {column.name})"))
            continue
        seen[column.name] = position
        mapping[position] = column
    return mapping, ignored, problems


# --- cell conversion -------------------------------------------------------------------


class _CellError(Exception):
    def __init__(self, message_vi: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_vi = message_vi
        self.message_en = message_en


def _as_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = "" if value is None else str(value)
    # Undo our own export's formula guard ('=…) so an export re-imports unchanged.
    if text.startswith("'") and text[1:2] in FORMULA_PREFIXES:
        text = text[1:]
    return text


def _check_length(text: str, column: Column) -> str:
    if len(text) > column.max_length:
        raise _CellError(f"Quá dài: {len(text)} ký tự, tối đa {column.max_length}",
                         f"Too long: {len(text)} characters, at most {column.max_length}")
    return text


def _converter(column: Column, ref: Reference) -> Callable[[Any], Any]:
    kind = column.kind

    if kind in (model.TEXT, model.CODE, model.EMAIL, model.PHONE):
        def convert_text(value: Any) -> str | None:
            text = _check_length(clean_text(_as_text(value)), column)
            if not text:
                return None
            if kind == model.CODE and not _CODE_RE.match(text):
                raise _CellError("Mã chỉ gồm chữ không dấu, số và các dấu - _ . / (không có khoảng trắng)",
                                 "A code uses only unaccented letters, digits and - _ . / (no spaces)")
            if kind == model.EMAIL and not _EMAIL_RE.match(text):
                raise _CellError("Email không đúng dạng (ví dụ: ten@coquan.gov.vn)",
                                 "Not an email address (for example: name@agency.gov.vn)")
            if kind == model.PHONE and (not _PHONE_RE.match(text) or not 8 <= sum(ch.isdigit() for ch in text) <= 15):
                raise _CellError("Số điện thoại cần 8–15 chữ số (có thể có +, dấu cách, dấu chấm, gạch ngang)",
                                 "A phone number needs 8–15 digits (+, spaces, dots and dashes allowed)")
            return text
        return convert_text

    if kind == model.LONGTEXT:
        return lambda value: _check_length(clean_text(_as_text(value), multiline=True), column) or None

    if kind in (model.CATEGORY, model.FORM, model.STATUS):
        enum = ref.enumeration(kind)
        allowed = ", ".join(enum.codes)

        def convert_enum(value: Any) -> str | None:
            text = clean_text(_as_text(value))
            if not text:
                return None
            code = enum.match(text)
            if code is None:
                raise _CellError(f"Không có {column.header_vi.lower()} “{text}”; dùng mã hoặc tên: {allowed}",
                                 f"Unknown {column.header_en.lower()} “{text}”; use a code or label: {allowed}")
            return code
        return convert_enum

    if kind == model.DISTRICT:
        def convert_district(value: Any) -> str | None:
            text = clean_text(_as_text(value))
            if not text:
                return None
            code = ref.match_district(text)
            if code is None:
                raise _CellError(f"“{text}” không phải một trong 30 quận, huyện, thị xã của Hà Nội trước 2025",
                                 f"“{text}” is not one of Hanoi's 30 pre-2025 districts")
            return code
        return convert_district

    if kind == model.WARD:
        def convert_ward(value: Any) -> str | None:
            text = clean_text(_as_text(value))
            if not text:
                return None
            code = ref.match_ward(text)
            if code is None:
                raise _CellError(
                    f"“{text}” không phải một trong 126 phường, xã của Hà Nội từ 01/07/2025; tên phường, xã cũ "
                    "hãy ghi vào cột Địa điểm",
                    f"“{text}” is not one of Hanoi's 126 wards and communes from 1 July 2025; put a former ward's "
                    "name in the Location column")
            return code
        return convert_ward

    if kind == model.AGENCY:
        def convert_agency(value: Any) -> str | None:
            text = _check_length(clean_text(_as_text(value)), column)
            return (ref.agencies.match(text) or text) if text else None
        return convert_agency

    if kind == model.NUMBER:
        limit = MAXIMUMS.get(column.name)

        def convert_number(value: Any) -> float | None:
            try:
                number = parse_number(value, column.unit)
            except NumberFormatError as exc:
                raise _CellError(exc.message_vi, exc.message_en) from exc
            if number is None:
                return None
            if number < 0:
                raise _CellError("Không được là số âm", "Must not be negative")
            if limit is not None and number > limit:
                raise _CellError(f"Lớn bất thường (> {limit:,.0f}); kiểm tra lại đơn vị",
                                 f"Implausibly large (> {limit:,.0f}); check the unit")
            return number
        return convert_number

    if kind in (model.LATITUDE, model.LONGITUDE):
        def convert_coordinate(value: Any) -> float | None:
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return None if value != value else float(value)
            text = clean_text(_as_text(value)).replace(",", ".")
            if not text:
                return None
            try:
                return float(text)
            except ValueError as exc:
                raise _CellError("Toạ độ phải là số thập phân (ví dụ 21.0285)",
                                 "A coordinate must be a decimal number (for example 21.0285)") from exc
        return convert_coordinate

    if kind == model.YEAR:
        def convert_year(value: Any) -> int | None:
            try:
                number = parse_number(value)
            except NumberFormatError as exc:
                raise _CellError(exc.message_vi, exc.message_en) from exc
            if number is None:
                return None
            if not number.is_integer() or not YEAR_RANGE[0] <= number <= YEAR_RANGE[1]:
                raise _CellError(f"Năm phải là số nguyên từ {YEAR_RANGE[0]} đến {YEAR_RANGE[1]}",
                                 f"A year must be a whole number from {YEAR_RANGE[0]} to {YEAR_RANGE[1]}")
            return int(number)
        return convert_year

    if kind == model.FLAG:
        def convert_flag(value: Any) -> bool:
            if isinstance(value, bool):
                return value
            key = fold(clean_text(_as_text(value)))
            if key in _FLAG_TRUE:
                return True
            if key in _FLAG_FALSE:
                return False
            raise _CellError("Ghi “có” hoặc “không”", "Write “yes” or “no”")
        return convert_flag

    raise AssertionError(f"no converter for kind {kind}")


_CACHEABLE = {model.CATEGORY, model.FORM, model.STATUS, model.DISTRICT, model.WARD, model.AGENCY,
              model.NUMBER, model.YEAR, model.FLAG}


# --- validation ------------------------------------------------------------------------


@dataclass
class ParsedFile:
    """A file read and checked: the clean values by canonical column, or the problems."""

    columns: list[str]
    frame: pd.DataFrame
    errors: list[ImportIssue]
    ignored_columns: list[str]
    rows_read: int


def parse_file(path: str | Path, ref: Reference, progress: Callable[[float], None] | None = None) -> ParsedFile:
    """Read and check a template file without touching the database."""
    try:
        header_row, header, rows = read_table(path)
    except _FileProblem as problem:
        return ParsedFile([], pd.DataFrame(), [problem.issue], [], 0)
    mapping, ignored, errors = _map_header_cells(header)
    errors = [ImportIssue(header_row, e.column, e.value, e.message_vi, e.message_en) for e in errors]
    present = {column.name for column in mapping.values()}
    for required in (c for c in PROJECT_COLUMNS if c.required and c.name not in present):
        errors.append(ImportIssue(header_row, required.header_vi, "",
                                  f"Thiếu cột bắt buộc “{required.header_vi}” ({required.name})",
                                  f"Required column “{required.name}” ({required.header_vi}) is missing"))
    if errors:
        return ParsedFile([], pd.DataFrame(), errors, ignored, 0)

    rows = [(number, cells) for number, cells in rows if any(_as_text(c).strip() for c in cells)]
    header_text = {position: clean_text(header[position]) for position in mapping}
    values = _convert_columns(rows, mapping, header_text, ref, errors, progress)
    _check_rows(rows, values, mapping, header_text, errors)
    errors.sort(key=lambda e: (e.row, list(mapping.values()).index(COLUMNS_BY_NAME[e.column])
                               if e.column in COLUMNS_BY_NAME else -1))
    # Report columns by the header the user wrote, not by our canonical name.
    by_name = {column.name: header_text[position] for position, column in mapping.items()}
    errors = [ImportIssue(e.row, by_name.get(e.column, e.column), e.value, e.message_vi, e.message_en) for e in errors]
    columns = [column.name for column in mapping.values()]
    frame = pd.DataFrame({name: values[name] for name in columns}) if not errors else pd.DataFrame()
    return ParsedFile(columns, frame, errors, ignored, len(rows))


def _convert_columns(
    rows: list[tuple[int, list[Any]]],
    mapping: dict[int, Column],
    header_text: dict[int, str],
    ref: Reference,
    errors: list[ImportIssue],
    progress: Callable[[float], None] | None,
) -> dict[str, list[Any]]:
    values: dict[str, list[Any]] = {}
    for step, (position, column) in enumerate(mapping.items(), start=1):
        convert = _converter(column, ref)
        cache: dict[Any, Any] | None = {} if column.kind in _CACHEABLE else None
        out: list[Any] = []
        append = out.append
        for number, cells in rows:
            raw = cells[position] if position < len(cells) else None
            try:
                if cache is None:
                    append(convert(raw))
                    continue
                key = (type(raw), raw)
                hit = cache.get(key, cache)
                if hit is cache:
                    try:
                        hit = cache[key] = convert(raw)
                    except _CellError as exc:
                        hit = cache[key] = exc
                if isinstance(hit, _CellError):
                    raise hit
                append(hit)
            except _CellError as exc:
                errors.append(ImportIssue(number, column.name, _as_text(raw), exc.message_vi, exc.message_en))
                append(None)
        values[column.name] = out
        if progress is not None:
            progress(step / len(mapping))
    return values


def _check_rows(
    rows: list[tuple[int, list[Any]]],
    values: dict[str, list[Any]],
    mapping: dict[int, Column],
    header_text: dict[int, str],
    errors: list[ImportIssue],
) -> None:
    failed = {(e.row, e.column) for e in errors}
    first_row_of_code: dict[str, int] = {}
    lat = values.get("latitude")
    lon = values.get("longitude")
    for index, (number, _cells) in enumerate(rows):
        for column in (c for c in PROJECT_COLUMNS if c.required):
            if values[column.name][index] is None and (number, column.name) not in failed:
                errors.append(ImportIssue(number, column.name, "", f"Thiếu {column.header_vi}",
                                          f"{column.header_en} is required"))
        code = values["code"][index]
        if code is not None:
            key = code.upper()
            if key in first_row_of_code:
                errors.append(ImportIssue(number, "code", code,
                                          f"Mã dự án trùng với dòng {first_row_of_code[key]}",
                                          f"Duplicate project code; first used on row {first_row_of_code[key]}"))
            else:
                first_row_of_code[key] = number
        if lat is not None or lon is not None:
            _check_coordinates(number, lat[index] if lat else None, lon[index] if lon else None, failed, errors)


def _check_coordinates(number: int, lat: float | None, lon: float | None, failed: set, errors: list[ImportIssue]) -> None:
    if (number, "latitude") in failed or (number, "longitude") in failed:
        return
    if (lat is None) != (lon is None):
        missing = "longitude" if lon is None else "latitude"
        errors.append(ImportIssue(number, missing, "", "Cần cả vĩ độ và kinh độ, hoặc để trống cả hai",
                                  "Give both latitude and longitude, or neither"))
        return
    if lat is None:
        return
    b = HANOI_BOUNDS
    if not b["lat_min"] <= lat <= b["lat_max"]:
        errors.append(ImportIssue(number, "latitude", str(lat),
                                  f"Vĩ độ nằm ngoài Hà Nội ({b['lat_min']}–{b['lat_max']})",
                                  f"Latitude is outside Hanoi ({b['lat_min']}–{b['lat_max']})"))
    if not b["lon_min"] <= lon <= b["lon_max"]:
        errors.append(ImportIssue(number, "longitude", str(lon),
                                  f"Kinh độ nằm ngoài Hà Nội ({b['lon_min']}–{b['lon_max']})",
                                  f"Longitude is outside Hanoi ({b['lon_min']}–{b['lon_max']})"))


def template_headers(lang: str = "canonical") -> list[str]:
    """The template's header row: canonical names, or Vietnamese headers with ``lang="vi"``."""
    return [c.header_vi if lang == "vi" else c.name for c in PROJECT_COLUMNS]

