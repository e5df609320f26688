"""Workbooks in the older and other formats agencies still send: ``.xls`` (Excel 97–2003) and ``.ods``
(OpenDocument, LibreOffice), read with python-calamine.

The parser is not ours and builds a sheet's whole rectangle in memory (two cells far apart make it
millions of cells), so it runs in a child process whose memory and processor time are capped: a
hostile file costs at most that child, and the refusal is said like any other. The child sends back
each sheet's filled rows (Excel's row numbers, cells), its merged ranges and nothing else; the rows
are counted against the same limits as an XLSX (:mod:`catalogue.projects.filelimits`).

python-calamine says neither which rows and columns are hidden nor (in .ods) which cells are merged:
the child reads those from the file itself (xlrd for .xls, content.xml for .ods).
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from catalogue.projects.filelimits import LIMITS, FileTooCostly, refusal

CHILD_MEMORY = 1024 * 1024 * 1024  # bytes of address space for the child (python-calamine and the rows)
CHILD_SECONDS = 60  # processor seconds for the child; the wall clock waits a little longer

# The child's whole program: caps itself first, then reads. Only the standard library and
# python_calamine are imported, so it starts in a fraction of a second.
_CHILD = r"""
import pickle, resource, sys
job = pickle.load(sys.stdin.buffer)
resource.setrlimit(resource.RLIMIT_AS, (job["memory"], job["memory"]))
resource.setrlimit(resource.RLIMIT_CPU, (job["seconds"], job["seconds"] + 1))

def answer(value):
    sys.stdout.buffer.write(pickle.dumps(value))
    sys.exit(0)

def ods_extras(path):
    # python-calamine gives neither an .ods sheet's merged cells nor its hidden rows and columns:
    # read them from content.xml, streamed; per sheet: (merges, hidden rows, hidden columns), 0-based
    import zipfile
    from xml.etree.ElementTree import iterparse
    t = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
    found, name, row, col, column = {}, None, 0, 0, 0
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
        for event, elem in iterparse(content, events=("start", "end")):
            tag = elem.tag
            if event == "start":
                if tag == t + "table":
                    name, row, column = elem.get(t + "name"), 0, 0
                    found[name] = ([], [], [])
                elif tag == t + "table-row":
                    col = 0
                continue
            merges, hidden_rows, hidden_columns = found.get(name, ([], [], []))
            if tag == t + "table-row":
                repeat = int(elem.get(t + "number-rows-repeated", "1"))
                if elem.get(t + "visibility") in ("collapse", "filter") and len(hidden_rows) < 1000:
                    hidden_rows.extend(range(row, row + min(repeat, 1000)))
                row += repeat
                elem.clear()
            elif tag == t + "table-column":
                repeat = int(elem.get(t + "number-columns-repeated", "1"))
                if elem.get(t + "visibility") in ("collapse", "filter") and len(hidden_columns) < 1000:
                    hidden_columns.extend(range(column, column + min(repeat, 1000)))
                column += repeat
            elif tag in (t + "table-cell", t + "covered-table-cell"):
                rows = int(elem.get(t + "number-rows-spanned", "1"))
                cols = int(elem.get(t + "number-columns-spanned", "1"))
                if tag == t + "table-cell" and (rows > 1 or cols > 1) and len(merges) < 100000:
                    merges.append(((row, col), (row + rows - 1, col + cols - 1)))
                col += int(elem.get(t + "number-columns-repeated", "1"))
    return found

def xls_hidden(path):
    # python-calamine does not say which rows and columns of an .xls are hidden: xlrd does (0-based)
    import xlrd
    book = xlrd.open_workbook(path, formatting_info=True, on_demand=True)
    found = {}
    for name in book.sheet_names():
        sheet = book.sheet_by_name(name)
        rows = sorted(r for r, info in sheet.rowinfo_map.items() if info.hidden)
        columns = sorted(c for c, info in sheet.colinfo_map.items() if info.hidden)
        found[name] = (rows[:1000], columns[:1000])
        book.unload_sheet(name)
    return found

import python_calamine as pc
try:
    book = pc.CalamineWorkbook.from_path(job["path"])
except pc.PasswordError:
    answer({"problem": "password"})
except MemoryError:
    answer({"problem": "memory"})
except Exception as exc:
    if "limit" in str(exc).lower():  # "Cell limit exceeded": the parser's own cap on a sheet's size
        answer({"problem": "memory"})
    answer({"problem": "unreadable", "detail": str(exc)[:200]})
extras = {}
try:
    if job["path"].lower().endswith(".ods"):
        extras = {name: (m, r, c) for name, (m, r, c) in ods_extras(job["path"]).items()}
    else:
        extras = {name: ([], r, c) for name, (r, c) in xls_hidden(job["path"]).items()}
except MemoryError:
    answer({"problem": "memory"})
except Exception:
    extras = {}  # the cells are still read; only the merges and hidden rows go unsaid
sheets, cells = [], 0
for name in book.sheet_names:
    try:
        sheet = book.get_sheet_by_name(name)
        grid = sheet.to_python(skip_empty_area=False)
        merged = [tuple(r) for r in (sheet.merged_cell_ranges or [])] or extras.get(name, ([], [], []))[0]
    except MemoryError:
        answer({"problem": "memory"})
    except Exception as exc:
        if "limit" in str(exc).lower():
            answer({"problem": "memory"})
        answer({"problem": "unreadable", "detail": str(exc)[:200]})
    rows = []
    for index, values in enumerate(grid):
        filled = [i for i, v in enumerate(values) if v is not None and v != ""]
        if not filled:
            continue
        number, width = index + 1, filled[-1] + 1
        if number > job["max_rows"] + 50:
            answer({"problem": "rows", "row": number})
        if width > job["max_columns"]:
            answer({"problem": "columns", "row": number, "column": width})
        cells += len(filled)
        if cells > job["max_cells"]:
            answer({"problem": "cells", "row": number})
        rows.append((number, [None if v == "" else v for v in values[:width]]))
    del grid
    _merges, hidden_rows, hidden_columns = extras.get(name, ([], [], []))
    sheets.append((name, rows, merged, hidden_rows, hidden_columns))
answer({"sheets": sheets})
"""


@dataclass
class Sheet:
    name: str
    rows: list[tuple[int, list[Any]]]  # filled rows: Excel's row number, cells from column A
    merged: list[tuple[int, int, int]] = field(default_factory=list)  # (column, first row, last row), 1-based
    hidden_rows: list[int] = field(default_factory=list)  # Excel's row numbers
    hidden_columns: list[str] = field(default_factory=list)  # Excel's column letters


class Unreadable(Exception):
    """The file is no workbook of its kind, or a damaged one."""


class PasswordProtected(Exception):
    """The workbook is encrypted."""


_remembered: ContextVar[dict[tuple[str, int, int], tuple[Sheet, ...]] | None] = ContextVar("remembered", default=None)


@contextmanager
def remembered() -> Iterator[None]:
    """Within it, a workbook read again (same path, size and change time) is not read again: reading
    every sheet (which sheets hold a list, then each one) starts one child, not one per sheet.
    Nothing is kept once it ends."""
    token = _remembered.set({})
    try:
        yield
    finally:
        _remembered.reset(token)


def read_workbook(path: str | os.PathLike[str]) -> list[Sheet]:
    """Every sheet of an ``.xls`` or ``.ods`` workbook, read in a capped child process.

    Raises :class:`FileTooCostly` (rows, columns, cells beyond the limits, or the child out of
    memory or time), :class:`PasswordProtected` or :class:`Unreadable`."""
    resolved = Path(path).resolve()
    stat = resolved.stat()
    key = (str(resolved), stat.st_size, stat.st_mtime_ns)
    memo = _remembered.get()
    sheets = memo.get(key) if memo is not None else None
    if sheets is None:
        sheets = _read(key[0])
        if memo is not None:
            memo[key] = sheets
    # copies: the reading carries merged cells down into the rows it is given
    return [replace(sheet, rows=[(n, list(cells)) for n, cells in sheet.rows]) for sheet in sheets]


def _read(path: str) -> tuple[Sheet, ...]:
    job = {
        "path": path,
        "memory": CHILD_MEMORY,
        "seconds": CHILD_SECONDS,
        "max_rows": LIMITS.max_rows,
        "max_columns": LIMITS.max_columns,
        "max_cells": LIMITS.max_cells,
    }
    try:
        done = subprocess.run(
            [sys.executable, "-I", "-c", _CHILD],
            input=pickle.dumps(job),
            capture_output=True,
            timeout=CHILD_SECONDS + 15,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise refusal("filelimit.too_slow", limit=CHILD_SECONDS) from exc
    if done.returncode != 0 or not done.stdout:  # killed: out of memory or processor time
        raise refusal("filelimit.child_failed")
    answer = pickle.loads(done.stdout)  # our own child's answer (plain lists, numbers, text, dates)
    return tuple(_sheets(answer))


def _sheets(answer: dict[str, Any]) -> list[Sheet]:
    problem = answer.get("problem")
    if problem == "password":
        raise PasswordProtected()
    if problem == "unreadable":
        raise Unreadable(answer.get("detail", ""))
    if problem == "memory":
        raise refusal("filelimit.child_failed")
    if problem == "rows":
        raise refusal("filelimit.too_many_rows", row_number=answer["row"], row=answer["row"], limit=LIMITS.max_rows)
    if problem == "columns":
        raise refusal(
            "filelimit.too_many_columns",
            row_number=answer["row"],
            row=answer["row"],
            column=answer["column"],
            limit=LIMITS.max_columns,
        )
    if problem == "cells":
        raise refusal("filelimit.too_many_cells", row_number=answer["row"], limit=LIMITS.max_cells)
    return [
        Sheet(
            name,
            rows,
            [(low[1] + 1, low[0] + 1, high[0] + 1) for low, high in merged],
            [row + 1 for row in hidden_rows],
            [_letters(column + 1) for column in hidden_columns],
        )
        for name, rows, merged, hidden_rows, hidden_columns in answer["sheets"]
    ]


def _letters(column: int) -> str:
    """Excel's letters for a 1-based column number (1 → A, 27 → AA)."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


__all__ = ["FileTooCostly", "PasswordProtected", "Sheet", "Unreadable", "read_workbook"]
