"""Import of the project template from CSV or XLSX: all rows valid, or nothing changes.

Reading is tolerant (Vietnamese or canonical headers in any case and accents, UTF-8 with or
without BOM, comma/semicolon/tab separators, title rows above the header in XLSX,
Vietnamese number formats); checking is strict: every problem is reported with the row
number the user sees in Excel, the column, the value and a reason in every language.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from catalogue import pieces
from catalogue.errors import CatalogueError
from catalogue.projects import layout, model, wordtables, workbooks
from catalogue.projects.filelimits import LIMITS, Budget, FileTooCostly, check_size, check_zip
from catalogue.projects.layout import Layout, Said
from catalogue.projects.model import COLUMNS_BY_NAME, HANOI_BOUNDS, PROJECT_COLUMNS, Column
from catalogue.projects.money import exchange_rate
from catalogue.projects.reference import Reference
from catalogue.search.normalize import (
    NumberFormatError,
    clean_text,
    fold,
    is_approximate,
    is_email,
    is_phone,
    is_range,
    is_tidy,
    parse_number,
)
from catalogue.text import LANGUAGES, Text, enum_label, format_number, lower_first, t

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_CODE_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._/-]*$")
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
    text: Text  # what is wrong, in every language: ``issue.text(lang)``
    sheet: str = ""  # the sheet the row is on, when a workbook's sheets are read together

    @property
    def message(self) -> str:
        return " / ".join(self.text(lang) for lang in LANGUAGES)


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
    rows: pd.DataFrame | None = None  # the clean rows of the file, by canonical column
    outcomes: dict[str, str] = field(default_factory=dict)  # code → "new", "changed" or "unchanged"
    more_errors: int = 0  # errors beyond those listed (a file stops being listed at 100)
    review: list[str] = field(default_factory=list)  # published projects the file brings back from the archive
    layout: Layout | None = None  # what was understood of an agency's list (its sections, totals, skipped rows)
    understood: list[Said] = field(default_factory=list)  # that, said in every language (layout.summary)
    skipped: list[tuple[int, Text, str]] = field(default_factory=list)  # rows that are not projects: row, kind, text
    proposed: list[tuple[int, str]] = field(default_factory=list)  # codes proposed for rows without one: row, code
    paired: list[tuple[int, str]] = field(default_factory=list)  # row → the stored project's code it was paired with
    overwrites: list[tuple[int, str]] = field(default_factory=list)  # row → a stored project's code the user gave it

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def error_count(self) -> int:
        """All errors found, listed or not."""
        return len(self.errors) + self.more_errors

    # What travels between processes (the CLI and a running app, catalogue/admin.py): counts and errors.
    _PLAIN = (
        "source",
        "rows_read",
        "inserted",
        "updated",
        "unchanged",
        "ignored_columns",
        "dry_run",
        "committed",
        "review",
    )

    def as_dict(self) -> dict[str, Any]:
        errors = [
            {"row": e.row, "column": e.column, "value": e.value, "text": e.text.as_dict(), "sheet": e.sheet}
            for e in self.errors
        ]
        return {
            **{name: getattr(self, name) for name in self._PLAIN},
            "errors": errors,
            "more_errors": self.more_errors,
            "understood": [{"level": said.level, "text": said.text.as_dict()} for said in self.understood],
            "skipped": [[row, kind.as_dict(), text] for row, kind, text in self.skipped],
            "proposed": [list(pair) for pair in self.proposed],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ImportReport:
        errors = [
            ImportIssue(e["row"], e["column"], e["value"], Text(e["text"]), e.get("sheet", "")) for e in data["errors"]
        ]
        report = cls(**{name: data[name] for name in cls._PLAIN}, errors=errors, more_errors=data["more_errors"])
        report.understood = [Said(said["level"], Text(said["text"])) for said in data.get("understood", [])]
        report.skipped = [(row, Text(kind), text) for row, kind, text in data.get("skipped", [])]
        report.proposed = [(row, code) for row, code in data.get("proposed", [])]
        return report

    @property
    def error_rows(self) -> int:
        """How many rows of the file have at least one error (a row with three errors is one row)."""
        return len({e.row for e in self.errors})

    def codes(self, outcome: str) -> list[str]:
        """The project codes with ``outcome`` ("new", "changed", "unchanged"), in the file's order."""
        order = list(self.rows["code"]) if self.rows is not None and "code" in self.rows else list(self.outcomes)
        return [code for code in order if self.outcomes.get(code) == outcome]

    def error_frame(self, lang: str = "vi", *, both: bool = True) -> pd.DataFrame:
        """The errors as a table with headers in ``lang`` (for display and XLSX download); the
        reason in every language, or (``both=False``) in ``lang`` only. A column the file does not
        have is named by its header in ``lang``."""
        headers = [t("import.col_row", lang), t("import.col_column", lang), t("import.col_value", lang)]
        if both:
            headers += [
                t("import.col_reason_in", lang, language=t(f"language_name.{code}", lang)) for code in LANGUAGES
            ]
        else:
            headers.append(t("import.col_reason", lang))
        rows = []
        for e in self.errors:
            reasons = [e.text(code) for code in LANGUAGES] if both else [e.text(lang)]
            rows.append((e.row, _column_label(e.column, lang), e.value, *reasons))
        frame = pd.DataFrame(rows, columns=headers)
        # row 0 is the whole file (its type, its size, a missing sheet): shown empty, not as "row 0"
        frame[headers[0]] = pd.array([row or None for row, *_rest in rows], dtype="Int64")
        if any(e.sheet for e in self.errors):  # a workbook's sheets read together: each row's sheet first
            frame.insert(0, t("import.sheet", lang), [e.sheet for e in self.errors])
        return frame

    def preview_frame(self, ref: Reference, lang: str = "vi") -> pd.DataFrame:
        """The file's rows as they will be (or were) imported, labelled in ``lang``: code, name,
        category, district, capital and what happens to each (new, changed, unchanged)."""
        if self.rows is None or self.rows.empty:
            return pd.DataFrame()
        frame = self.rows
        enums = {"category": ref.categories, "district": ref.districts, "investment_form": ref.forms}
        shown = [name for name in PREVIEW_COLUMNS if name in frame.columns]
        out = pd.DataFrame({_column_label(name, lang): _labelled(frame[name], enums.get(name), lang) for name in shown})
        outcome = frame["code"].map(self.outcomes).map(lambda o: enum_label("import_outcome", o)(lang) if o else "")
        out.insert(0, t("import.col_result", lang), outcome.to_numpy())
        if "sheet" in frame.columns:  # a workbook's sheets read together
            out.insert(1, t("import.sheet", lang), frame["sheet"].to_numpy())
        return out


PREVIEW_COLUMNS = ("code", "name_vi", "category", "district", "investment_vnd_bn", "investment_form")


def _column_label(name: str, lang: str) -> str:
    """A template column's header in ``lang``; anything else (a header the user wrote) as it is."""
    column = model.COLUMNS_BY_NAME.get(name)
    if column is None:
        return name
    return column.header()(lang)


def _labelled(values: pd.Series, enum: Any, lang: str) -> list[Any]:
    """Cells for reading: an enumeration's code as its label, a number as written in ``lang``."""
    out: list[Any] = []
    for value in values:
        if value is None or (isinstance(value, float) and value != value):
            out.append("")
        elif enum is not None and isinstance(value, str) and value in enum.codes:
            out.append(enum.label(value)(lang))
        elif isinstance(value, float):
            out.append(format_number(value, lang, 2))
        else:
            out.append(value)
    return out


class _FileProblem(Exception):
    def __init__(self, issue: ImportIssue) -> None:
        super().__init__(issue.text("en"))
        self.issue = issue


# --- reading ---------------------------------------------------------------------------


@dataclass
class Table:
    """A file's cells by column: ``columns[i][k]`` is header position i on Excel row ``numbers[k]``."""

    header_row: int
    header: list[Any]
    numbers: list[int]
    columns: list[list[Any]]
    layout: Layout | None = None  # what was understood of an agency's list (catalogue.projects.layout)


def _table(header_row: int, header: list[Any], rows: list[tuple[int, Sequence[Any]]]) -> Table:
    width = max([len(header), *(len(cells) for _n, cells in rows)])
    header = [*header, *([None] * (width - len(header)))]
    padded = [cells if len(cells) == width else [*cells, *([None] * (width - len(cells)))] for _n, cells in rows]
    columns = [list(column) for column in zip(*padded, strict=True)] if padded else [[] for _ in header]
    return Table(header_row, header, [number for number, _cells in rows], columns)


@contextmanager
def private_copy(data: bytes, suffix: str) -> Iterator[Path]:
    """``data`` in a temporary file only this user can read (0600), removed on leaving, so an
    upload never lingers in a shared temporary folder."""
    handle, name = tempfile.mkstemp(prefix="catalogue-upload-", suffix=suffix)
    path = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        yield path
    finally:
        path.unlink(missing_ok=True)


def read_table(
    path: str | Path, ref: Reference | None = None, sheet: str | None = None, columns: ColumnsAsked | None = None
) -> Table:
    """Read a CSV, XLSX or JSON file into a :class:`Table` (row numbers as Excel shows them),
    within :data:`~catalogue.projects.filelimits.LIMITS` (a costlier file raises :class:`FileTooCostly`).

    With ``ref``, a spreadsheet is read as an agency's list (title rows, a two-row header, section,
    total and note rows: :mod:`catalogue.projects.layout`) and the table holds its project rows."""
    path = Path(path)
    suffix = path.suffix.lower()
    check_size(path)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, ref, sheet, columns)
    if suffix in (".csv", ".txt", ".tsv"):
        table = _read_csv(path)
        return _understood(table, ref, columns) if ref is not None else table
    if suffix == ".json":
        return _read_json(path)
    if suffix == ".docx":
        return _read_docx(path, ref, columns)
    if suffix == ".pdf":
        raise _file_issue(path, "import.pdf_not_supported")
    if suffix == ".doc":
        raise _file_issue(path, "import.doc_old_word")
    if suffix in (".xls", ".ods"):
        return _read_other_workbook(path, ref, sheet, columns)
    raise _FileProblem(
        ImportIssue(
            0,
            "",
            path.name,
            Text.of("import.unsupported_type", suffix=suffix),
        )
    )


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _FileProblem(_not_utf8(name)) from exc


def _not_utf8(name: str) -> ImportIssue:
    return ImportIssue(0, "", name, Text.of("import.not_utf8"))


def _read_csv(path: Path) -> Table:
    with path.open("rb") as handle:
        head = handle.read(1 << 16)
    if not head.strip(b" \r\n\t\xef\xbb\xbf"):
        raise _FileProblem(ImportIssue(1, "", "", Text.of("import.empty_file")))
    utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    # The delimiter the header uses: an agency's title rows above it may hold none at all, so the
    # widest of the first lines decides ("DANH MỤC…" alone on line 1, "STT;Tên dự án;…" on line 3).
    first_lines = head.decode("utf-16" if utf16 else "utf-8", errors="ignore").split("\n")[:MAX_HEADER_SEARCH_ROWS]
    delimiter = max([",", ";", "\t"], key=lambda mark: max(line.count(mark) for line in first_lines))
    encoding = "utf-16" if utf16 else "utf-8-sig"
    _check_csv_cost(path, delimiter.encode("utf-16-le" if utf16 else "utf-8"))
    # Excel shows one row per record (a quoted cell may hold line breaks), so row numbers
    # count records, not physical lines; both readers below do so. The file is read a piece at a
    # time into the columns (no whole copy of its bytes, no frame of all its rows beside them).
    columns: list[list[Any]] = []
    try:
        reader = pd.read_csv(
            path,
            sep=delimiter,
            header=None,
            dtype=object,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
            encoding=encoding,
            chunksize=pieces.PIECE,  # a piece per call: see catalogue.pieces
        )
        with reader:
            for chunk in reader:
                if not columns:
                    columns = [[] for _ in chunk.columns]
                elif chunk.shape[1] != len(columns):  # pieces of different widths: read as ragged rows
                    raise pd.errors.ParserError("ragged")
                for position, name in enumerate(chunk.columns):
                    cells = chunk[name]
                    if cells.isna().any():  # rows shorter than the header
                        cells = cells.where(cells.notna(), None)
                    columns[position].extend(cells.tolist())
    except UnicodeDecodeError as exc:
        raise _FileProblem(_not_utf8(path.name)) from exc
    except (pd.errors.ParserError, ValueError):
        # Rows wider than the header: the slower reader takes ragged rows as they are.
        del columns
        text = _decode(path.read_bytes(), path.name)
        budget = Budget()
        records = []
        for number, record in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1):
            budget.row(number, len(record), len(record))
            records.append(record)
        return _table(1, records[0], list(enumerate(records[1:], start=2)))
    length = len(columns[0]) if columns else 0
    budget = Budget()
    budget.row(length or 1, len(columns), 0)
    header = [column[0] for column in columns]
    for column in columns:  # the header's cells out of the columns, in place (no second copy)
        del column[0]
    return Table(1, header, list(range(2, length + 1)), columns)


def _check_csv_cost(path: Path, delimiter: bytes) -> None:
    """Before pandas reads a CSV: its rows and cells, counted from the bytes a block at a time (a
    quoted delimiter counts too, so this errs towards refusing only absurd files)."""
    budget = Budget()
    lines = delimiters = widest = 0
    tail = b""  # the part of a line a block ends in
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            block = tail + block
            cut = block.rfind(b"\n") + 1
            whole, tail = block[:cut], block[cut:]
            lines += whole.count(b"\n")
            delimiters += whole.count(delimiter)
            if whole:
                widest = max(widest, max(line.count(delimiter) for line in whole.split(b"\n")))
    lines += 1
    delimiters += tail.count(delimiter)
    widest = max(widest, tail.count(delimiter)) + 1
    budget.row(lines, 1, delimiters + lines)
    if widest > 20 * LIMITS.max_columns:  # the exact width is checked once pandas has read the rows
        budget.row(1, widest, 0)


def _read_json(path: Path) -> Table:
    data = path.read_bytes()
    containers = data.count(b"{") + data.count(b"[")
    if containers > LIMITS.max_rows + 1_000:  # each object or list costs memory before it can be counted
        Budget().row(containers, 1, 0)
    try:
        records = json.loads(_decode(data, path.name))
    except json.JSONDecodeError as exc:
        raise _FileProblem(
            ImportIssue(exc.lineno, "", path.name, Text.of("import.invalid_json", error=exc.msg))
        ) from exc
    except RecursionError as exc:  # thousands of lists inside lists: a list of projects is two deep
        raise _FileProblem(ImportIssue(1, "", path.name, Text.of("import.json_too_deep"))) from exc
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise _FileProblem(ImportIssue(1, "", path.name, Text.of("import.json_not_list")))
    header = list(dict.fromkeys(key for record in records for key in record))
    budget = Budget()
    budget.row(len(records) + 1, len(header), sum(len(record) for record in records))
    # Numbered as the export's CSV twin would be: the header is row 1.
    rows = [(number, [record.get(key) for key in header]) for number, record in enumerate(records, start=2)]
    return _table(1, header, rows)


def _sheet_parser(*args: Any, **kwargs: Any) -> Any:
    """openpyxl's sheet parser, noting the cells that hold a formula but no stored result (a file
    written by a program that does not compute formulas): those are reported, never read as empty."""
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class Parser(WorkSheetParser):
        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell = super().parse_cell(element)
            if cell["value"] is None and element.find(FORMULA_TAG) is not None:
                self.formula_cells.append((cell["row"], cell["column"]))
            return cell

    parser = Parser(*args, **kwargs)
    parser.formula_cells = []
    return parser


def _file_issue(path: Path, key: str) -> _FileProblem:
    return _FileProblem(ImportIssue(0, "", path.name, Text.of(key)))


@dataclass
class SheetMeta:
    """What a sheet says besides its cells: its name, hidden rows and columns (Excel's numbers and
    letters), and how many merged cells were carried down."""

    name: str = ""
    sheets: list[str] = field(default_factory=list)  # every sheet of the workbook, in order
    hidden_rows: list[int] = field(default_factory=list)
    hidden_columns: list[str] = field(default_factory=list)


def _probe_rows(sheet: Any) -> list[tuple[int, list[Any]]]:
    """The top rows of a sheet (within 60 columns), to see whether it holds a list."""
    rows = sheet.iter_rows(max_row=MAX_HEADER_SEARCH_ROWS, max_col=60, values_only=True)
    return [(number, list(cells)) for number, cells in enumerate(rows, start=1)]


def _chosen_sheet(book: Any, wanted: str | None) -> Any:
    return book[_chosen_name(book.sheetnames, lambda name: _probe_rows(book[name]), wanted)]


def _chosen_name(names: list[str], probe: Callable[[str], list[tuple[int, list[Any]]]], wanted: str | None) -> str:
    """The sheet asked for by name; else the one named as the template names it; else the first
    whose top rows (``probe``) hold a header naming the project's name; else the first."""
    if wanted:
        found = next((name for name in names if name == wanted or fold(name) == fold(wanted)), None)
        if found is None:
            raise _FileProblem(
                ImportIssue(0, "", wanted, Text.of("import.no_such_sheet", sheet=wanted, sheets=", ".join(names)))
            )
        return found
    named = next((name for name in names if fold(name) in XLSX_SHEET_NAMES), None)
    if named is not None or len(names) == 1:
        return named or names[0]
    for name in names:
        if layout.find_header(probe(name), header_name) is not None:
            return name
    return names[0]


def _sheet_rows(
    book: Any, wanted: str | None = None
) -> tuple[list[tuple[int, list[Any]]], list[tuple[int, int]], SheetMeta]:
    """The filled rows of the template's sheet (Excel's row number, cells), the formula cells
    without a stored value, and the sheet's hidden rows and columns. The sheet is read cell by cell
    as stored, never by its declared size ("A1:XFD1048576" would otherwise be a million rows of
    sixteen thousand empty cells), within the budget. A cell merged over several rows (a district
    written once for the projects beside it) gives its value to each of those rows."""
    budget = Budget()
    rows: list[tuple[int, list[Any]]] = []
    sheet = _chosen_sheet(book, wanted)
    with sheet._get_source() as source:
        parser = _sheet_parser(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for number, cells in parser.parse():
            filled = {c["column"]: c["value"] for c in cells if c["value"] is not None}
            if not filled:
                continue
            width = max(filled)
            budget.row(number, width, len(filled))
            rows.append((number, [filled.get(column) for column in range(1, width + 1)]))
    meta = SheetMeta(sheet.title, sheets=list(book.sheetnames))
    meta.hidden_rows = sorted(
        int(number) for number, attrs in parser.row_dimensions.items() if attrs.get("hidden") in ("1", "true")
    )
    meta.hidden_columns = [
        letter for letter, attrs in parser.column_dimensions.items() if attrs.get("hidden") in ("1", "true")
    ]
    _carry_merged_down(rows, _merged_ranges(parser.merged_cells), budget)
    return rows, parser.formula_cells, meta


def _merged_ranges(merged: Any) -> list[tuple[int, int, int]]:
    """An XLSX sheet's merged cells as (column, first row, last row)."""
    from openpyxl.utils.cell import range_boundaries

    ranges = []
    for cell_range in (merged.mergeCell if merged else [])[: LIMITS.max_rows]:
        try:
            low_col, low_row, _high_col, high_row = range_boundaries(cell_range.ref)
        except (TypeError, ValueError):
            continue
        ranges.append((low_col, low_row, high_row))
    return ranges


def _carry_merged_down(rows: list[tuple[int, list[Any]]], merged: list[tuple[int, int, int]], budget: Budget) -> None:
    if not merged or not rows:
        return
    by_number = {number: cells for number, cells in rows}
    for low_col, low_row, high_row in merged[: LIMITS.max_rows]:
        top = by_number.get(low_row)
        if high_row <= low_row or top is None or low_col > len(top) or top[low_col - 1] is None:
            continue
        value = top[low_col - 1]
        for number in range(low_row + 1, min(high_row, low_row + LIMITS.max_rows) + 1):
            cells = by_number.get(number)
            if cells is None:
                continue  # a row with nothing else in it stays out
            if len(cells) < low_col:
                budget.row(number, low_col, 1)
                cells.extend([None] * (low_col - len(cells)))
            if cells[low_col - 1] is None:
                cells[low_col - 1] = value


def _formulas_problem(formula_cells: list[tuple[int, int]]) -> _FileProblem:
    from openpyxl.utils import get_column_letter

    row, column = formula_cells[0]
    letter = get_column_letter(column)
    where = f"{letter}{row}"
    text = Text.of("import.formulas", cell=where, count=len(formula_cells))
    # the column as Excel names it: the header above may be two rows, or none the catalogue knows
    return _FileProblem(ImportIssue(row, letter, where, text))


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a Compound File: an encrypted workbook, or an old .xls


def _read_xlsx(
    path: Path, ref: Reference | None = None, sheet: str | None = None, columns: ColumnsAsked | None = None
) -> Table:
    import openpyxl

    with path.open("rb") as handle:
        head = handle.read(8)
    if head == OLE_MAGIC:  # Excel writes a password-protected workbook as an encrypted Compound File
        raise _file_issue(path, "import.xlsx_protected")
    if head.startswith(b"%PDF"):
        raise _file_issue(path, "import.pdf_not_supported")
    check_zip(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged or foreign file
        raise _file_issue(path, "import.xlsx_unreadable") from exc
    try:
        rows, formula_cells, meta = _sheet_rows(book, sheet)
    except (FileTooCostly, _FileProblem):
        raise
    except Exception as exc:  # a damaged sheet inside a readable workbook
        raise _file_issue(path, "import.sheet_unreadable") from exc
    finally:
        book.close()
    if formula_cells:
        raise _formulas_problem(formula_cells)
    return _sheet_table(rows, ref, meta, columns)


def _read_other_workbook(
    path: Path, ref: Reference | None = None, sheet: str | None = None, columns: ColumnsAsked | None = None
) -> Table:
    """An .xls (Excel 97–2003) or .ods (OpenDocument) workbook, read like an XLSX (catalogue.projects.workbooks)."""
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(b"%PDF"):
        raise _file_issue(path, "import.pdf_not_supported")
    if path.suffix.lower() == ".ods":
        check_zip(path)
    try:
        sheets = {found.name: found for found in workbooks.read_workbook(path)}
    except workbooks.PasswordProtected as exc:
        raise _file_issue(path, "import.xlsx_protected") from exc
    except workbooks.Unreadable as exc:
        raise _file_issue(path, "import.workbook_unreadable") from exc
    if not sheets:
        raise _FileProblem(ImportIssue(1, "", "", Text.of("import.empty_file")))
    names = list(sheets)
    chosen = sheets[_chosen_name(names, lambda name: sheets[name].rows[:MAX_HEADER_SEARCH_ROWS], sheet)]
    rows = chosen.rows
    _carry_merged_down(rows, chosen.merged, Budget())
    meta = SheetMeta(chosen.name, sheets=names, hidden_rows=chosen.hidden_rows, hidden_columns=chosen.hidden_columns)
    return _sheet_table(rows, ref, meta, columns)


def _sheet_table(
    rows: list[tuple[int, list[Any]]], ref: Reference | None, meta: SheetMeta, columns: ColumnsAsked | None
) -> Table:
    """A sheet's filled rows as a table: read as an agency's list with ``ref``, else plainly."""
    if not rows:
        raise _FileProblem(ImportIssue(1, "", "", Text.of("import.empty_file")))
    if ref is not None:
        return _understood_rows(rows, ref, meta, columns)
    # Official lists often carry a title block above the header: take the first row that
    # names the required columns.
    for index, (number, cells) in enumerate(rows[:MAX_HEADER_SEARCH_ROWS]):
        mapped = {c.name for c in _map_header_cells(list(cells))[0].values()}
        if {"code", "name_vi"} <= mapped:
            return _table(number, list(cells), rows[index + 1 :])
    return _table(rows[0][0], list(rows[0][1]), rows[1:])


def _read_docx(path: Path, ref: Reference | None, columns: ColumnsAsked | None = None) -> Table:
    """Every table of a Word document, read as one list (rows numbered through the tables)."""
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == OLE_MAGIC:
        raise _file_issue(path, "import.doc_old_word")  # a .doc renamed, or a protected document
    check_zip(path)
    try:
        rows, tables = wordtables.read_tables(path)
    except wordtables.NotAWordDocument as exc:
        raise _file_issue(path, "import.docx_unreadable") from exc
    if not rows:
        raise _file_issue(path, "import.docx_no_tables")
    if ref is None:
        return _table(rows[0][0], list(rows[0][1]), rows[1:])
    table = _understood_rows(rows, ref, SheetMeta(), columns)
    if table.layout is not None:
        table.layout.word_tables = tables
    return table


def header_name(text: str) -> str | None:
    """The catalogue column a file's header text names ("Tổng vốn đầu tư (tỷ đồng)" → "investment_vnd_bn"), or None."""
    column = _match_header(text)
    return column.name if column is not None else None


def _understood(table: Table, ref: Reference, columns: ColumnsAsked | None = None) -> Table:
    """A table read plainly (a CSV), read again as an agency's list."""
    rows = [(table.header_row, list(table.header))]
    rows += [
        (number, list(cells)) for number, cells in zip(table.numbers, zip(*table.columns, strict=True), strict=True)
    ]
    return _understood_rows(rows, ref, SheetMeta(), columns)


def _understood_rows(
    rows: list[tuple[int, list[Any]]], ref: Reference, meta: SheetMeta, columns: ColumnsAsked | None = None
) -> Table:
    asked = columns or ColumnsAsked()
    sections = layout.SectionMatcher(ref, ref.category_wordings)
    explicit = asked.mapping()
    matcher = _matcher(explicit.mapping if explicit else None, asked.chosen)
    found = layout.understand(rows, matcher, sections)
    if found is not None and explicit is None:  # a saved mapping for files of this shape: used unasked
        shape = layout.header_key(layout.column_choices(found.header, matcher))
        saved = next((m for m in asked.saved if m.headers == shape), None)
        if saved is not None:
            explicit, matcher = saved, _matcher(saved.mapping, asked.chosen)
            found = layout.understand(rows, matcher, sections)
    if found is None:  # no header names the project's name: read plainly (the missing columns are said)
        table = _table(rows[0][0], list(rows[0][1]), rows[1:])
        table.layout = Layout(sheet=meta.name, sheets=meta.sheets)  # the other sheets can still be chosen
        top = rows[:MAX_HEADER_SEARCH_ROWS]
        table.layout.no_header = not any(
            matcher.strict(_text_of(c)) == "name_vi" for _n, cells in top for c in cells if c
        )
        return table
    found.layout.sheet = meta.name
    found.layout.sheets = meta.sheets
    found.layout.hidden_rows = meta.hidden_rows
    found.layout.hidden_columns = meta.hidden_columns
    found.layout.columns = layout.column_choices(found.header, matcher)
    found.layout.saved_mapping = explicit.name if explicit else ""
    if meta.name:  # read alone or with the others, a sheet named after a district sets it
        _sheet_as_section(found, meta.name, sections)
    table = _table(found.header_row, list(found.header), found.rows)
    table.layout = found.layout
    _fill_from_layout(table, ref, asked.codes)
    return table


def _sheet_as_section(found: layout.Understood, name: str, sections: layout.SectionMatcher) -> None:
    """A sheet named after what its rows share ("Sóc Sơn", "Dịch vụ môi trường"): that value for each
    of its rows that no section row of the sheet sets. Only a name that is a label, an alias, the plan's
    wording, a district or a ward as written (accent-blind): "Thiết bị" or "Sheet1" set nothing."""
    field_name, code = sections.exact(name)
    if field_name is None or code is None:
        return
    found.layout.sheet_section = (name, field_name, code)
    for number, _cells in found.rows:
        found.layout.from_sections.setdefault(number, {}).setdefault(field_name, code)


@dataclass
class ColumnsAsked:
    """How the user wants the columns read: ``chosen`` (folded header → field, "" for not imported),
    the saved mappings (used for a file of their shape), and ``name``, a saved mapping asked for by
    name (the CLI's ``--profile``)."""

    chosen: dict[str, str] = field(default_factory=dict)
    saved: list[layout.SavedMapping] = field(default_factory=list)
    name: str | None = None
    codes: dict[int, str] = field(default_factory=dict)  # row → the code the user gave a row without one

    def mapping(self) -> layout.SavedMapping | None:
        if not self.name:
            return None
        found = next((m for m in self.saved if fold(m.name) == fold(self.name)), None)
        if found is None:
            names = ", ".join(m.name for m in self.saved) or "—"
            raise _FileProblem(
                ImportIssue(0, "", self.name, Text.of("import.no_such_mapping", name=self.name, names=names))
            )
        return found


def _matcher(saved: dict[str, str] | None, chosen: dict[str, str]) -> layout.ColumnMatcher:
    return layout.ColumnMatcher(header_name, _KNOWN_HEADERS, _IGNORED_HEADERS, saved=saved, chosen=chosen)


def _position(table: Table, name: str) -> int | None:
    """The table's column read into catalogue column ``name``, if any."""
    if table.layout is not None and table.layout.columns:
        return next((c.position for c in table.layout.columns if c.field == name), None)
    return next((p for p, c in enumerate(table.header) if isinstance(c, str) and header_name(c) == name), None)


def _text_of(cell: Any) -> str:
    return clean_text(cell) if isinstance(cell, str) else ""


def _no_header(table: Table, name: str) -> ImportIssue:
    found = table.layout
    assert found is not None
    sheet = found.sheet or name
    others = [s for s in found.sheets if s != found.sheet]
    return ImportIssue(
        0,
        "",
        sheet,
        Text.each(
            lambda lang: t(
                "import.no_header",
                lang,
                sheet=sheet,
                others=t("import.no_header_others", lang, sheets=", ".join(others)) if others else "",
            )
        ),
    )


def _column_position(table: Table, name: str) -> int:
    """The table's column for catalogue column ``name``, added (empty) when the file has none."""
    position = _position(table, name)
    if position is not None:
        return position
    table.header.append(COLUMNS_BY_NAME[name].header_vi)
    table.columns.append([None] * len(table.numbers))
    if table.layout is not None and table.layout.columns:
        added = layout.ColumnChoice(len(table.header) - 1, table.header[-1], name, layout.EXACT, added=True)
        table.layout.columns.append(added)
    return len(table.header) - 1


def _usd_in_vnd_column(table: Table) -> None:
    """An amount written in USD in the tỷ đồng column ("50 triệu USD"): converted at the catalogue's
    exchange rate, the USD figure kept in the USD column when that is empty, and said (a warning)."""
    understood = table.layout
    vnd_position = _position(table, "investment_vnd_bn")
    if understood is None or vnd_position is None:
        return
    rate = exchange_rate()
    for k, cell in enumerate(table.columns[vnd_position]):
        if not isinstance(cell, str) or not re.search(r"usd|\$|\bdo\b|do la", fold(cell) + " " + cell.lower()):
            continue
        try:
            parse_number(cell, "vnd_bn")
            continue  # read as it is: nothing to convert
        except NumberFormatError:
            pass
        try:
            usd = parse_number(cell, "usd_m")
        except NumberFormatError:
            continue  # not an amount in USD either: the check says what is wrong
        if usd is None:
            continue
        vnd = round(usd * rate.vnd_per_usd / 1000, 3)
        usd_position = _column_position(table, "investment_usd_m")
        if not _filled(table.columns[usd_position][k]):
            table.columns[usd_position][k] = usd
        table.columns[vnd_position][k] = vnd
        understood.converted.append((table.numbers[k], clean_text(cell), usd, vnd))


_DISTRICT_IN_TEXT = re.compile(r"(?:quận|huyện|thị xã)\s+[^,;()\n]+", re.IGNORECASE)


def _district_from_place(table: Table, ref: Reference) -> None:
    """A place column that names the district ("Huyện Gia Lâm", "Xã Thư Lâm, huyện Đông Anh") read
    as the address, as it is, and as the district too for each row no district column or section
    gives one (a list often has one "Địa điểm" column and no other). Without a district column, only
    when it names every project's district."""
    understood, address = table.layout, _position(table, "address")
    if understood is None or address is None:
        return
    known = _position(table, "district")
    found = {}
    for k, cell in enumerate(table.columns[address]):
        if not isinstance(cell, str) or (known is not None and _filled(table.columns[known][k])):
            continue
        named = ref.match_district(cell) or next(
            (code for part in _DISTRICT_IN_TEXT.findall(cell) if (code := ref.match_district(part.strip()))), None
        )
        if named:
            found[k] = named
    named_rows = sum(1 for name in table.columns[_position(table, "name_vi") or 0] if _filled(name))
    if known is None and len(found) < named_rows:  # a district column added for some rows only would empty
        return  # the stored district of the others: only a place column that names every row's district
    if found:
        cells = table.columns[_column_position(table, "district")]
        for k, code in found.items():
            cells[k] = code
        understood.district_from_place = (clean_text(table.header[address]), len(found))


def _keep_in_note(table: Table) -> None:
    """What the list says that no field holds goes into the project's internal note (staff only)
    rather than away: each column matched to no field ("Heading: value"), and a figure written as a
    range ("500 - 700": kept as written, no end of it guessed as the figure)."""
    understood = table.layout
    assert understood is not None
    lines: list[list[str]] = [[] for _ in table.numbers]
    for choice in [c for c in understood.columns if not (c.added or c.dropped)]:
        cells = table.columns[choice.position]
        numeric = choice.field is not None and COLUMNS_BY_NAME[choice.field].kind in (model.NUMBER, model.YEAR)
        if choice.field is None or numeric:
            understood.note_headings.append(choice.text)  # what this list says under it replaces the note's
        if choice.field is None:
            understood.to_note.append(choice.text)
            for k, cell in enumerate(cells):
                if _filled(cell):
                    lines[k].append(f"{choice.text}: {clean_text(_as_text(cell))}")
        elif numeric:
            for k, cell in enumerate(cells):
                if is_range(cell) and _is_several(cell, COLUMNS_BY_NAME[choice.field].unit):
                    written = clean_text(cell)
                    lines[k].append(f"{choice.text}: {written}")
                    understood.ranges.append((table.numbers[k], choice.text, written))
                    cells[k] = None
    own = next((c for c in understood.columns if c.field == "source_note" and not c.added), None)
    if own is not None and fold(own.text) not in _TEMPLATE_NOTE_HEADINGS:  # the list's own "Ghi chú": by its heading
        understood.note_headings.append(own.text)
        for k, cell in enumerate(table.columns[own.position]):
            if _filled(cell):
                lines[k].insert(0, f"{own.text}: {clean_text(_as_text(cell))}")
                table.columns[own.position][k] = None
    if not any(lines) and not (understood.note_headings and _position(table, "source_note") is None):
        return
    # the column even when empty, so that a re-import drops what the list no longer says
    notes = table.columns[_column_position(table, "source_note")]
    limit = COLUMNS_BY_NAME["source_note"].max_length
    for k, extra in enumerate(lines):
        if extra:
            given = clean_text(_as_text(notes[k])) if _filled(notes[k]) else ""
            notes[k] = "\n".join([given, *extra] if given else extra)[:limit]


# The catalogue's own headings of the notes (the template, an export): their cells are taken as they are.
_TEMPLATE_NOTE_HEADINGS = {
    fold(COLUMNS_BY_NAME["source_note"].header_vi),
    fold(COLUMNS_BY_NAME["source_note"].header_en),
    fold("source_note"),
}


def merge_notes(stored: str | None, incoming: Any, headings: Sequence[str] = ()) -> str | None:
    """A project's internal notes when a list is imported again. The list's lines ("Heading: value")
    replace the stored lines of the same heading, in place; a stored line under one of the list's
    ``headings`` that the list no longer gives (a range since corrected, a cell emptied) goes; every
    other stored line (what staff wrote) stays where it was; the list's new lines come last."""
    new = str(incoming).split("\n") if _filled(incoming) and not isinstance(incoming, float) else []
    if not stored:
        return "\n".join(new) or None
    given = {heading: line for line in new if (heading := _note_heading(line))}
    of_list = {fold(heading) for heading in headings}
    merged, placed = [], set()
    for line in stored.split("\n"):
        heading = _note_heading(line)
        if heading in given:
            if heading not in placed:
                merged.append(given[heading])
                placed.add(heading)
        elif heading is None or heading not in of_list:
            merged.append(line)
    merged += [line for line in new if _note_heading(line) not in placed and line not in merged]
    return "\n".join(merged)[: COLUMNS_BY_NAME["source_note"].max_length] or None


def _note_heading(line: str) -> str | None:
    heading, colon, _rest = line.partition(": ")
    return fold(heading) if colon and 0 < len(heading) <= 120 else None


def _is_several(cell: str, unit: str) -> bool:
    """The cell cannot be read as one number (a range that reads as one, like a date, is not one)."""
    try:
        parse_number(cell, unit)
    except NumberFormatError:
        return True
    return False


def _fill_from_layout(table: Table, ref: Reference, given: dict[int, str] | None = None) -> None:
    """Values the list gives by its sections (a category, a district, a form for the rows below a
    section row) go into the rows that do not state their own; a project without a code gets the
    code the user gave it (``given``, by row) or a stable proposed one (layout.proposed_code)."""
    understood = table.layout
    assert understood is not None
    for name in sorted({name for values in understood.from_sections.values() for name in values}):
        position = _column_position(table, name)
        cells = table.columns[position]
        for k, number in enumerate(table.numbers):
            code = understood.from_sections.get(number, {}).get(name)
            if code is not None and not _filled(cells[k]):
                cells[k] = code
    _district_from_place(table, ref)
    _usd_in_vnd_column(table)
    _keep_in_note(table)
    name_position = _position(table, "name_vi")
    if name_position is None:
        return
    code_position = _column_position(table, "code")
    district_position = _position(table, "district")
    codes, names = table.columns[code_position], table.columns[name_position]
    taken = {str(code).upper() for code in codes if _filled(code)}
    # A code given that is another row's proposal is not moved aside: the two rows share it, an error.
    given = {row: clean_text(code).upper() for row, code in (given or {}).items() if clean_text(code)}
    for k, number in enumerate(table.numbers):
        if _filled(codes[k]) or not _filled(names[k]):
            continue
        understood.uncoded[number] = clean_text(names[k])
        if number in given:  # checked as any code the file gives (its form; the same code twice)
            codes[k] = understood.given_codes[number] = given[number]
            continue
        district = table.columns[district_position][k] if district_position is not None else None
        place = (ref.match_district(str(district)) or str(district)) if _filled(district) else None
        code = layout.proposed_code(clean_text(names[k]), place)
        if code in taken:  # the same name and place twice in one list: told apart by their order
            code = f"{code}-{sum(1 for c in taken if c.startswith(code)) + 1}"
        taken.add(code)
        codes[k] = understood.proposed_codes[number] = code


# --- headers ---------------------------------------------------------------------------


def _header_index() -> dict[str, Column]:
    index: dict[str, Column] = {}
    for column in PROJECT_COLUMNS:
        for text in (column.name, column.header_vi, column.header_en, *column.aliases):
            index.setdefault(fold(text), column)
    return index


_HEADER_INDEX = _header_index()
_IGNORED_HEADERS = {"stt", "so thu tu", "tt", "no"}
_KNOWN_HEADERS = {key: column.name for key, column in _HEADER_INDEX.items()}


def _match_header(cell: Any) -> Column | None:
    key = fold(clean_text(cell))
    for suffix in (" bat buoc", " required"):
        key = key.removesuffix(suffix)
    return _HEADER_INDEX.get(key)


def _map_header_cells(
    cells: list[Any], fields: dict[int, str | None] | None = None
) -> tuple[dict[int, Column], list[str], list[ImportIssue]]:
    """The header's columns by position (``fields``: the field chosen for each position, when the
    columns were matched as an agency's list), the header texts not imported, and repeated columns."""
    mapping: dict[int, Column] = {}
    ignored: list[str] = []
    problems: list[ImportIssue] = []
    seen: dict[str, int] = {}
    for position, cell in enumerate(cells):
        text = clean_text(cell)
        if not text:
            continue
        if fields is not None and position in fields:
            name = fields[position]
            column = COLUMNS_BY_NAME.get(name) if name else None
        else:
            column = _match_header(text)
        if column is None:
            if fold(text) not in _IGNORED_HEADERS:
                ignored.append(text)
            continue
        if column.name in seen:
            problems.append(ImportIssue(0, text, text, _repeated(text, seen[column.name] + 1, column)))
            continue
        seen[column.name] = position
        mapping[position] = column
    return mapping, ignored, problems


def _repeated(text: str, position: int, column: Column) -> Text:
    """A header cell that names a column already named at ``position`` (counted from 1)."""
    header = column.header()
    return Text.each(lambda lang: t("import.repeated_column", lang, text=text, position=position, header=header(lang)))


# --- cell conversion -------------------------------------------------------------------


class _CellError(CatalogueError):
    """A cell that cannot be read as its column needs."""


def _as_text(value: Any) -> str:
    if type(value) is str:
        # Undo our own export's formula guard ('=…) so an export re-imports unchanged.
        return value[1:] if value[:1] == "'" and value[1:2] and value[1:2] in FORMULA_PREFIXES else value
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
        raise _CellError(Text.of("import.too_long", length=len(text), limit=column.max_length))
    return text


def _lookup(match: Callable[[str], str | None], unknown: Callable[[str], Text]) -> Callable[[Any], str | None]:
    """A converter from a name to its reference code; ``unknown(cell)`` says what is wrong with a name it lacks."""

    def convert(value: Any) -> str | None:
        text = clean_text(_as_text(value))
        if not text:
            return None
        code = match(text)
        if code is None:
            # "PPP (BOT)", "FDI / 100% vốn nước ngoài": every part names the same choice
            parts = {match(part) for part in re.split(r"[()/,;]+", text) if part.strip()}
            code = parts.pop() if len(parts) == 1 else None
        if code is None:
            raise _CellError(unknown(text))
        return code

    return convert


def _text_converter(column: Column, ref: Reference) -> Callable[[Any], Any]:
    kind = column.kind

    def convert_text(value: Any) -> str | None:
        text = _check_length(clean_text(_as_text(value)), column)
        if not text:
            return None
        if kind == model.CODE and not _CODE_RE.match(text):
            raise _CellError(Text.of("import.bad_code"))
        if kind == model.EMAIL and not is_email(text):
            raise _CellError(Text.of("import.bad_email"))
        if kind == model.PHONE and not is_phone(text):
            raise _CellError(Text.of("import.bad_phone"))
        return text

    return convert_text


def _longtext_converter(column: Column, ref: Reference) -> Callable[[Any], Any]:
    return lambda value: _check_length(clean_text(_as_text(value), multiline=True), column) or None


def _enum_converter(column: Column, ref: Reference) -> Callable[[Any], Any]:
    kind = column.kind
    enum = ref.enumeration(kind)
    name = column.header().map(lower_first)
    allowed = Text.each(lambda lang: "; ".join(enum.label(code)(lang) for code in enum.codes))
    return _lookup(
        enum.match,
        lambda text: Text.each(
            lambda lang: t("import.unknown_choice", lang, column=name(lang), text=text, allowed=allowed(lang))
        ),
    )


def _district_converter(column: Column, ref: Reference) -> Callable[[Any], Any]:
    return _lookup(ref.match_district, lambda text: Text.of("import.unknown_district", text=text))


def _ward_converter(column: Column, ref: Reference) -> Callable[[Any], Any]:
    return _lookup(ref.match_ward, lambda text: Text.of("import.unknown_ward", text=text))


def _agency_converter(column: Column, ref: Reference) -> Callable[[Any], Any]:

    def convert_agency(value: Any) -> str | None:
        text = _check_length(clean_text(_as_text(value)), column)
        return (ref.agencies.match(text) or text) if text else None

    return convert_agency


def _number_converter(column: Column, ref: Reference) -> Callable[[Any], Any]:
    limit = MAXIMUMS.get(column.name)

    def convert_number(value: Any) -> float | None:
        try:
            number = parse_number(value, column.unit)
        except NumberFormatError as exc:
            raise _CellError(exc.text) from exc
        if number is None:
            return None
        if number < 0:
            raise _CellError(Text.of("import.negative"))
        if limit is not None and number > limit:
            raise _CellError(Text.each(lambda lang: t("import.implausible", lang, limit=format_number(limit, lang, 0))))
        return number

    return convert_number


def _coordinate_converter(column: Column, ref: Reference) -> Callable[[Any], Any]:

    def convert_coordinate(value: Any) -> float | None:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return None if value != value else float(value)
        text = clean_text(_as_text(value)).replace(",", ".")
        if not text:
            return None
        try:
            return float(text)
        except ValueError as exc:
            raise _CellError(Text.of("import.bad_coordinate")) from exc

    return convert_coordinate


def _year_converter(column: Column, ref: Reference) -> Callable[[Any], Any]:

    def convert_year(value: Any) -> int | None:
        try:
            number = parse_number(value)
        except NumberFormatError as exc:
            raise _CellError(exc.text) from exc
        if number is None:
            return None
        if not number.is_integer() or not YEAR_RANGE[0] <= number <= YEAR_RANGE[1]:
            raise _CellError(Text.of("import.bad_year", first=YEAR_RANGE[0], last=YEAR_RANGE[1]))
        return int(number)

    return convert_year


def _flag_converter(column: Column, ref: Reference) -> Callable[[Any], Any]:

    def convert_flag(value: Any) -> bool:
        if isinstance(value, bool):
            return value
        key = fold(clean_text(_as_text(value)))
        if key in _FLAG_TRUE:
            return True
        if key in _FLAG_FALSE:
            return False
        raise _CellError(Text.of("import.bad_flag"))

    return convert_flag


# How a cell of each column kind is read (each raises _CellError with what is wrong).
_CONVERTERS: dict[str, Callable[[Column, Reference], Callable[[Any], Any]]] = {
    model.TEXT: _text_converter,
    model.CODE: _text_converter,
    model.EMAIL: _text_converter,
    model.PHONE: _text_converter,
    model.LONGTEXT: _longtext_converter,
    model.CATEGORY: _enum_converter,
    model.FORM: _enum_converter,
    model.TYPE: _enum_converter,
    model.STATUS: _enum_converter,
    model.DISTRICT: _district_converter,
    model.WARD: _ward_converter,
    model.AGENCY: _agency_converter,
    model.NUMBER: _number_converter,
    model.LATITUDE: _coordinate_converter,
    model.LONGITUDE: _coordinate_converter,
    model.YEAR: _year_converter,
    model.FLAG: _flag_converter,
}


def _converter(column: Column, ref: Reference) -> Callable[[Any], Any]:
    return _CONVERTERS[column.kind](column, ref)


_CACHEABLE = {
    model.CATEGORY,
    model.FORM,
    model.TYPE,
    model.STATUS,
    model.DISTRICT,
    model.WARD,
    model.AGENCY,
    model.NUMBER,
    model.YEAR,
    model.FLAG,
}


# --- validation ------------------------------------------------------------------------


@dataclass
class ParsedFile:
    """A file read and checked: the clean values by canonical column, or the problems."""

    columns: list[str]
    frame: pd.DataFrame
    errors: list[ImportIssue]
    ignored_columns: list[str]
    rows_read: int
    more_errors: int = 0  # errors found beyond the first LIMITS.max_errors, counted, not listed
    layout: Layout | None = None  # what was understood of an agency's list
    numbers: list[int] = field(default_factory=list)  # each frame row's row number in the file
    parts: list[tuple[str, ParsedFile]] = field(default_factory=list)  # sheets read together: each one's reading


class _Issues(list):
    """The errors of a file, holding at most about ten times the listed number in memory (a bad
    file of a hundred thousand rows would otherwise keep millions): the earliest rows are kept,
    the rest counted."""

    def __init__(self, cap: int) -> None:
        super().__init__()
        self.cap = cap
        self.dropped = 0
        self._cells: dict[str, bytearray] = {}  # per column, a bit per row: has an error

    def append(self, issue: ImportIssue) -> None:  # type: ignore[override]
        super().append(issue)
        bits = self._cells.setdefault(issue.column, bytearray((LIMITS.max_rows + 200) // 8 + 1))
        if 0 <= issue.row < len(bits) * 8:
            bits[issue.row // 8] |= 1 << (issue.row % 8)
        if len(self) > 10 * self.cap:
            self._trim()

    def __contains__(self, cell: object) -> bool:
        """``(row, column) in issues``: the cell already has an error (listed or not)."""
        if not (isinstance(cell, tuple) and len(cell) == 2):
            return super().__contains__(cell)
        row, column = cell
        bits = self._cells.get(column)
        return bits is not None and 0 <= row < len(bits) * 8 and bool(bits[row // 8] & (1 << (row % 8)))

    def _trim(self) -> None:
        self.sort(key=lambda e: e.row)
        self.dropped += len(self) - self.cap
        del self[self.cap :]

    def finish(self) -> tuple[list[ImportIssue], int]:
        """The listed errors (earliest rows first) and how many more there were."""
        if len(self) > self.cap:
            self._trim()
        return list(self), self.dropped


def parse_file(
    path: str | Path,
    ref: Reference,
    progress: Callable[[float], None] | None = None,
    sheet: str | None = None,
    columns: ColumnsAsked | None = None,
) -> ParsedFile:
    """Read and check a template file without touching the database (``sheet``: which of a workbook's;
    ``columns``: how the user wants an agency list's columns read)."""
    try:
        table = read_table(path, ref, sheet, columns)
    except _FileProblem as problem:
        return ParsedFile([], pd.DataFrame(), [problem.issue], [], 0)
    except FileTooCostly as refused:
        issue = ImportIssue(refused.row, "", Path(path).name, refused.text)
        return ParsedFile([], pd.DataFrame(), [issue], [], 0)
    if table.layout is not None and table.layout.no_header:  # one plain message, not every column "missing"
        return ParsedFile([], pd.DataFrame(), [_no_header(table, Path(path).name)], [], 0, layout=table.layout)
    fields = {c.position: c.field for c in table.layout.columns} if table.layout and table.layout.columns else None
    mapping, ignored, errors = _map_header_cells(table.header, fields)
    errors = [ImportIssue(table.header_row, e.column, e.value, e.text) for e in errors]
    present = {column.name for column in mapping.values()}
    for required in (c for c in PROJECT_COLUMNS if c.required and c.name not in present):
        errors.append(
            ImportIssue(
                table.header_row,
                required.header_vi,
                "",
                _missing_column(required),
            )
        )
    if table.layout is not None:  # kept in the internal note, not ignored
        ignored = [text for text in ignored if text not in table.layout.to_note]
    if errors:  # a required column missing: the rows are counted (what was understood says them), not read
        return ParsedFile([], pd.DataFrame(), errors, ignored, len(table.numbers), layout=table.layout)
    ignored += [
        f"#{position + 1}"
        for position, cell in enumerate(table.header)
        if position not in mapping and not clean_text(cell) and any(_filled(v) for v in table.columns[position])
    ]

    _drop_blank_rows(table, next(p for p, c in mapping.items() if c.name == "code"))
    header_text = {position: clean_text(table.header[position]) for position in mapping}
    found = _Issues(LIMITS.max_errors)
    values = _convert_columns(table, mapping, ref, found, progress)
    _mark_approximate(table, mapping, values)
    _check_rows(table.numbers, values, found)
    errors, more = found.finish()
    order = {column.name: index for index, column in enumerate(mapping.values())}
    errors.sort(key=lambda e: (e.row, order.get(e.column, len(order))))
    # Report columns by the header the user wrote, not by our canonical name.
    by_name = {column.name: header_text[position] for position, column in mapping.items()}
    errors = [ImportIssue(e.row, by_name.get(e.column, e.column), e.value, e.text) for e in errors]
    columns = [column.name for column in mapping.values()]
    if "investment_approx" in values and "investment_approx" not in columns:
        columns.append("investment_approx")
    frame = pd.DataFrame({name: _series(values[name]) for name in columns}) if not errors else pd.DataFrame()
    return ParsedFile(
        columns, frame, errors, ignored, len(table.numbers), more, layout=table.layout, numbers=list(table.numbers)
    )


ALL_SHEETS = "*"  # ``sheet`` for every sheet of a workbook that holds a list, each one's name as a section


def sheets_with_lists(path: str | Path) -> list[str]:
    """The sheets of a workbook (.xlsx, .xls, .ods) whose top rows hold a list's header, in order."""
    path = Path(path)
    suffix = path.suffix.lower()
    check_size(path)
    if suffix in (".xls", ".ods"):
        if suffix == ".ods":
            check_zip(path)
        try:
            found = workbooks.read_workbook(path)
        except (workbooks.PasswordProtected, workbooks.Unreadable):
            return []
        probes = {sheet.name: sheet.rows[:MAX_HEADER_SEARCH_ROWS] for sheet in found}
    elif suffix in (".xlsx", ".xlsm"):
        import openpyxl

        check_zip(path)
        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception:  # not a workbook: the reading of the file says so
            return []
        try:
            probes = {name: _probe_rows(book[name]) for name in book.sheetnames}
        finally:
            book.close()
    else:
        return []
    return [name for name, rows in probes.items() if layout.find_header(rows, header_name) is not None]


def parse_sheets(
    path: str | Path,
    ref: Reference,
    progress: Callable[[float], None] | None = None,
    columns: ColumnsAsked | None = None,
) -> ParsedFile:
    """Every sheet of a workbook that holds a list, each read as its own list (its own rows, as Excel
    numbers them on that sheet) with the sheet's name as a section; the problems name their sheet, and
    a code on two sheets is one. Without two such sheets, the file is read as one list."""
    with workbooks.remembered():  # an .xls or .ods is read once for all its sheets
        try:
            names = sheets_with_lists(path)
        except FileTooCostly:
            names = []
        if len(names) < 2:
            return parse_file(path, ref, progress, names[0] if names else None, columns)
        asked = replace(columns or ColumnsAsked(), codes={})  # codes are given by row: one sheet at a time
        parts = []
        for index, name in enumerate(names):
            parts.append((name, parse_file(path, ref, None, name, asked)))
            if progress is not None:
                progress((index + 1) / len(names))
    errors = [replace(e, sheet=name) for name, part in parts for e in part.errors]
    errors += _codes_on_two_sheets(parts)
    ignored = list(dict.fromkeys(text for _name, part in parts for text in part.ignored_columns))
    combined = ParsedFile([], pd.DataFrame(), errors, ignored, sum(part.rows_read for _n, part in parts))
    combined.more_errors = sum(part.more_errors for _n, part in parts)
    combined.parts = parts
    return combined


def _codes_on_two_sheets(parts: list[tuple[str, ParsedFile]]) -> list[ImportIssue]:
    seen: dict[str, tuple[str, int]] = {}
    found = []
    for name, part in parts:
        if part.frame.empty:
            continue
        for number, code in zip(part.numbers, part.frame["code"].tolist(), strict=True):
            key = str(code).upper()
            if key in seen:
                first = seen[key]
                text = Text.of("import.code_on_two_sheets", sheet=first[0], row=first[1])
                found.append(ImportIssue(number, "code", str(code), text, name))
            else:
                seen[key] = (name, number)
    return found


def _series(values: list[Any]) -> pd.Series | list[Any]:
    """A text column as pandas' text series, built a piece at a time (see catalogue.pieces)."""
    if any(type(v) is str for v in values) and all(v is None or type(v) is str for v in values):
        return pieces.string_series(values)
    return values


def _missing_column(column: Column) -> Text:
    """A required column the file lacks, by its header in the reader's language (and, for a
    reader of another language, the Vietnamese header the file may use)."""
    header = column.header()
    return Text.each(lambda lang: t("import.missing_column", lang, header=header(lang), header_vi=column.header_vi))


AMOUNT_COLUMNS = ("investment_vnd_bn", "investment_usd_m")


def _mark_approximate(table: Table, mapping: dict[int, Column], values: dict[str, list[Any]]) -> None:
    """An amount written "khoảng 500 tỷ" is kept as 500 *and* as approximate: the file's own
    "Vốn ước tính" column, or the words of its amount cells, set ``investment_approx``."""
    positions = [position for position, column in mapping.items() if column.name in AMOUNT_COLUMNS]
    if not positions:
        return
    hedged = [any(is_approximate(table.columns[p][k]) for p in positions) for k in range(len(table.numbers))]
    given = values.get("investment_approx")
    # Not approximate is left empty, as stored before this column existed: nothing shows as changed.
    values["investment_approx"] = [
        True if hedge or (given is not None and given[k]) else None for k, hedge in enumerate(hedged)
    ]


def _filled(value: Any) -> bool:
    return value is not None and value != "" and (type(value) is not str or not value.isspace())


def _drop_blank_rows(table: Table, code_position: int) -> None:
    """Remove wholly empty rows (Excel files end with many); a row with a code is never blank."""
    codes = table.columns[code_position]
    blank = {
        k
        for k, code in enumerate(codes)
        if not _filled(code) and not any(_filled(column[k]) for column in table.columns)
    }
    if blank:
        keep = [k for k in range(len(codes)) if k not in blank]
        table.numbers = [table.numbers[k] for k in keep]
        table.columns = [[column[k] for k in keep] for column in table.columns]


_SEPARATOR = "\ue000"  # a private-use character: never in real data, never "untidy"
_TEXT_KINDS = {model.TEXT, model.CODE, model.EMAIL, model.PHONE, model.LONGTEXT}


def _tidy_text_column(cells: list[Any], column: Column) -> list[Any] | None:
    """The whole column at once when every cell is already tidy text; else ``None``.

    One NFC check and one regular-expression scan over the joined column replace a
    million small calls on a large file. Any cell that needs real work sends the column
    down the cell-by-cell path, which gives the exact errors.
    """
    if not all(type(c) is str or c is None for c in cells):
        return None
    texts = ["" if c is None else c for c in cells]
    for part in pieces.spans(len(texts)):  # a piece per call: see catalogue.pieces
        joined = _SEPARATOR + _SEPARATOR.join(texts[part])
        if not is_tidy(joined) or _SEPARATOR + "'" in joined:
            return None
    out = [text.strip() or None for text in texts]
    if max((len(text) for text in out if text), default=0) > column.max_length:
        return None
    valid = {model.CODE: _CODE_RE.match, model.EMAIL: is_email, model.PHONE: is_phone}.get(column.kind)
    if valid is not None and not all(valid(text) for text in out if text):
        return None
    return out


def _convert_columns(
    table: Table,
    mapping: dict[int, Column],
    ref: Reference,
    errors: list[ImportIssue],
    progress: Callable[[float], None] | None,
) -> dict[str, list[Any]]:
    values: dict[str, list[Any]] = {}
    for step, (position, column) in enumerate(mapping.items(), start=1):
        cells = table.columns[position]
        convert = _converter(column, ref)
        out: list[Any] | None = None
        if column.kind in _TEXT_KINDS:
            out = _tidy_text_column(cells, column)
        elif column.kind in _CACHEABLE:
            # Enumerations and amounts repeat: convert each distinct value once.
            distinct: dict[Any, Any] = {}
            for raw in dict.fromkeys(cells):
                try:
                    distinct[raw] = convert(raw)
                except _CellError as exc:
                    distinct[raw] = exc
            if not any(isinstance(v, _CellError) for v in distinct.values()):
                out = [distinct[raw] for raw in cells]
            else:
                convert = distinct.__getitem__
        if out is None:
            out = []
            for number, raw in zip(table.numbers, cells, strict=True):
                try:
                    result = convert(raw)
                    if isinstance(result, _CellError):
                        raise result
                    out.append(result)
                except _CellError as exc:
                    errors.append(ImportIssue(number, column.name, _as_text(raw), exc.text))
                    out.append(None)
        values[column.name] = out
        if progress is not None:
            progress(step / len(mapping))
    return values


def _check_rows(numbers: list[int], values: dict[str, list[Any]], errors: _Issues) -> None:
    failed = errors  # (row, column) in failed: that cell already has an error, listed or not
    first_row_of_code: dict[str, int] = {}
    lat = values.get("latitude")
    lon = values.get("longitude")
    required = [c for c in PROJECT_COLUMNS if c.required]
    for index, number in enumerate(numbers):
        for column in required:
            if values[column.name][index] is None and (number, column.name) not in failed:
                errors.append(
                    ImportIssue(
                        number,
                        column.name,
                        "",
                        _missing_value(column),
                    )
                )
        code = values["code"][index]
        if code is not None:
            key = code.upper()
            if key == model.EXAMPLE_CODE:
                errors.append(ImportIssue(number, "code", code, Text.of("import.example_row")))
            elif key in first_row_of_code:
                duplicate = Text.of("import.duplicate_code", row=first_row_of_code[key])
                errors.append(ImportIssue(number, "code", code, duplicate))
            else:
                first_row_of_code[key] = number
        if lat is not None or lon is not None:
            _check_coordinates(number, lat[index] if lat else None, lon[index] if lon else None, failed, errors)


def _missing_value(column: Column) -> Text:
    """A required cell left empty."""
    header = column.header()
    return Text.each(lambda lang: t("import.missing_value", lang, header=header(lang)))


def _outside(key: str, low: float, high: float) -> Text:
    """A coordinate outside Hanoi, with the bounds it must lie within."""
    return Text.each(lambda lang: t(key, lang, range=f"{format_number(low, lang, 2)}–{format_number(high, lang, 2)}"))


def _check_coordinates(
    number: int, lat: float | None, lon: float | None, failed: _Issues, errors: list[ImportIssue]
) -> None:
    if (number, "latitude") in failed or (number, "longitude") in failed:
        return
    if (lat is None) != (lon is None):
        missing = "longitude" if lon is None else "latitude"
        errors.append(ImportIssue(number, missing, "", Text.of("import.half_coordinates")))
        return
    if lat is None:
        return
    b = HANOI_BOUNDS
    if not b["lat_min"] <= lat <= b["lat_max"]:
        errors.append(
            ImportIssue(number, "latitude", str(lat), _outside("import.latitude_outside", b["lat_min"], b["lat_max"]))
        )
    if not b["lon_min"] <= lon <= b["lon_max"]:
        errors.append(
            ImportIssue(number, "longitude", str(lon), _outside("import.longitude_outside", b["lon_min"], b["lon_max"]))
        )


def check_record(record: dict[str, Any], ref: Reference) -> tuple[dict[str, Any], dict[str, Text]]:
    """One project as typed in a form, checked exactly as an imported row is.

    Returns the clean values for every template column (absent ones are ``None``) and the
    problems by column, each a :class:`~catalogue.text.Text`.
    """
    present = [column for column in PROJECT_COLUMNS if column.name in record]
    table = Table(1, [column.name for column in present], [2], [[record[column.name]] for column in present])
    errors = _Issues(LIMITS.max_errors)
    values = _convert_columns(table, dict(enumerate(present)), ref, errors, None)
    _mark_approximate(table, dict(enumerate(present)), values)
    for column in PROJECT_COLUMNS:
        values.setdefault(column.name, [None])
    _check_rows([2], values, errors)
    problems: dict[str, Text] = {}
    for error in errors:
        problems.setdefault(error.column, error.text)
    return {name: cells[0] for name, cells in values.items()}, problems
