"""Export of projects to CSV, XLSX and JSON in the import template's shape.

An export re-imports unchanged: the same columns, numbers written so that the Vietnamese
number reader cannot mistake them ("1234.567" is written "1234.5670", never read as a
thousands group), and spreadsheet formulas neutralised with a leading apostrophe that
the importer removes again.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

import pandas as pd

from catalogue.projects import model
from catalogue.projects.importing import FORMULA_PREFIXES
from catalogue.projects.model import PROJECT_COLUMNS
from catalogue.projects.reference import Reference
from catalogue.text import LANGUAGES, t

EXPORT_FORMATS = (".csv", ".xlsx", ".json")
_LABELLED_KINDS = {model.CATEGORY, model.FORM, model.TYPE, model.STATUS, model.DISTRICT, model.WARD, model.AGENCY}


def neutralise(text: str) -> str:
    """Make a cell that a spreadsheet would run as a formula into plain text."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def format_number(value: float) -> str:
    """Shortest exact text for a number that the Vietnamese number reader reads back as is."""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = repr(float(value))
    if "e" in text or "E" in text:
        text = format(value, "f").rstrip("0")
    frac = text.partition(".")[2]
    if len(frac) == 3:  # "1.234" would read as one thousand two hundred and thirty-four
        text += "0"
    return text


# Template columns the public never reads (the project page does not show them): left out of every
# public download (Catalogue.export without include_hidden, the API's CSV).
NOT_PUBLIC = ("investor", "source_note")


def export_frame(
    frame: pd.DataFrame, ref: Reference, lang: str = "canonical", leave_out: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Template-shaped copy of ``frame``: canonical names and codes, or labels in vi/en."""
    out = pd.DataFrame(index=frame.index)
    for column in (c for c in PROJECT_COLUMNS if c.name not in leave_out):
        series = frame[column.name] if column.name in frame else pd.Series([None] * len(frame), index=frame.index)
        labelled = lang in LANGUAGES  # else "canonical": names and codes
        if labelled and column.kind in _LABELLED_KINDS:
            enum = ref.enumeration(column.kind)
            series = series.map(lambda code, e=enum: None if _missing(code) else e.label(code)(lang))
        elif labelled and column.kind == model.FLAG:
            yes, no = t("value.yes", lang), t("value.no", lang)
            series = series.map(lambda flag, y=yes, n=no: y if flag is True else n)
        header = column.header()(lang) if labelled else column.name
        out[header] = series.astype(object).where(series.notna(), None)
    return out


def write_export(
    frame: pd.DataFrame,
    path: str | Path,
    ref: Reference,
    lang: str = "canonical",
    about: dict[str, str] | None = None,
    leave_out: tuple[str, ...] = (),
) -> int:
    """Write ``frame`` (canonical project columns) to ``path``; the format follows the suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in EXPORT_FORMATS:
        raise ValueError(f"unsupported export format {suffix!r}; use one of {', '.join(EXPORT_FORMATS)}")
    table = export_frame(frame, ref, lang, leave_out)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".part")
    if suffix == ".csv":
        _write_csv(table, temporary)
    elif suffix == ".xlsx":
        _write_xlsx(table, temporary, lang, about or {})
    else:
        _write_json(table, temporary)
    temporary.replace(path)  # a reader never sees half a file
    return len(table)


def _cell_text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format_number(value)
    if isinstance(value, int):
        return str(value)
    return neutralise(str(value))


def _write_csv(table: pd.DataFrame, path: Path) -> None:
    # BOM so that Excel opens the UTF-8 file with its accents intact.
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(list(table.columns))
        for row in table.itertuples(index=False, name=None):
            writer.writerow([_cell_text(value) for value in row])


def _xlsx_cell(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str):
        return neutralise(value)
    return value


def _write_xlsx(table: pd.DataFrame, path: Path, lang: str, about: dict[str, str]) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(t("sheet.projects", lang) if lang in LANGUAGES else "projects")
    sheet.append(list(table.columns))
    for row in table.itertuples(index=False, name=None):
        sheet.append([_xlsx_cell(value) for value in row])
    notes = book.create_sheet("Nguồn - Source")
    for key, value in about.items():
        notes.append([neutralise(key), neutralise(value)])
    book.save(path)


def _json_value(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value


def _write_json(table: pd.DataFrame, path: Path) -> None:
    records = [
        {column: _json_value(value) for column, value in zip(table.columns, row, strict=True)}
        for row in table.itertuples(index=False, name=None)
    ]
    path.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _table_cell(value: Any) -> Any:
    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value.item() if hasattr(value, "item") else value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells and headers a spreadsheet shows as text: every table
    offered for download (inbox, error lists, reports) goes through this one neutraliser."""
    out = frame.copy()
    out.columns = [neutralise(str(c)) for c in out.columns]
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(lambda v: neutralise(v) if isinstance(v, str) else v)
    return out


def table_csv(frame: pd.DataFrame) -> bytes:
    """``frame`` as CSV (UTF-8 with BOM, so Excel reads the accents), formulas neutralised."""
    return safe_frame(frame).to_csv(index=False).encode("utf-8-sig")


def table_xlsx(frame: pd.DataFrame, sheet: str) -> bytes:
    """``frame`` as an XLSX workbook of one sheet. Every text cell is stored as text (type "s"),
    so a spreadsheet never runs it as a formula, and shows it as typed (no apostrophe)."""
    import io

    import openpyxl

    book = openpyxl.Workbook()
    page = book.active
    page.title = neutralise(sheet)[:31]
    page.append([str(c) for c in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        page.append([_table_cell(v) for v in row])
    for cells in page.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # openpyxl would store "=…" as a formula
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
