"""The tables of a Word document (.docx), read as rows of cells (issue 15).

Lists are often issued as an appendix to a decision: a Word document whose tables hold the projects.
A .docx is a zip of WordprocessingML; the tables are ``w:tbl`` elements of ``word/document.xml``,
their rows ``w:tr`` and cells ``w:tc``. This reads them with the standard library (no python-docx and
its compiled lxml for what is a walk over one XML file), within the same limits as a spreadsheet:

- a cell spanning several grid columns (``w:gridSpan``) gives its text to the first and leaves the
  others empty, so every row has the table's grid width;
- a cell merged down (``w:vMerge`` continuing) takes the text of the cell above it;
- a cell's paragraphs are joined by line breaks (a header written on two lines stays one header);
- a table inside a cell is read as that cell's text.

Rows are numbered through the document's tables one after the other (1, 2, … across tables), and the
first and last row of each table are returned so that a preview can say which table a row is in.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from catalogue.projects.filelimits import Budget

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class WordTable:
    """One table of the document: its position (1, 2, …) and the rows it holds in the running numbering."""

    number: int
    first_row: int
    last_row: int


class NotAWordDocument(Exception):
    """The file is not a .docx (a renamed file, a damaged zip, no document part)."""


def read_tables(path: str | Path) -> tuple[list[tuple[int, list[Any]]], list[WordTable]]:
    """Every table's rows (running row number, cells) and where each table's rows are."""
    try:
        with zipfile.ZipFile(path) as archive, archive.open("word/document.xml") as part:
            root = ElementTree.parse(part).getroot()
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, OSError) as exc:
        raise NotAWordDocument(str(exc)) from exc
    body = root.find(f"{W}body")
    if body is None:
        raise NotAWordDocument("no document body")
    budget = Budget()
    rows: list[tuple[int, list[Any]]] = []
    tables: list[WordTable] = []
    for table in body.iter(f"{W}tbl"):
        if _inside_a_cell(table, body):
            continue
        first = len(rows) + 1
        above: list[Any] = []
        for row in table.findall(f"{W}tr"):
            cells = _row_cells(row, above)
            above = cells
            number = len(rows) + 1
            budget.row(number, len(cells), sum(1 for cell in cells if cell))
            if any(cells):
                rows.append((number, cells))
            else:
                rows.append((number, []))  # an empty row keeps the numbering; it is skipped as blank
        if len(rows) >= first:
            tables.append(WordTable(len(tables) + 1, first, len(rows)))
    return [(number, cells) for number, cells in rows if cells], tables


def _inside_a_cell(table: ElementTree.Element, body: ElementTree.Element) -> bool:
    parents = {child: parent for parent in body.iter() for child in parent}
    node = parents.get(table)
    while node is not None and node is not body:
        if node.tag == f"{W}tc":
            return True
        node = parents.get(node)
    return False


def _row_cells(row: ElementTree.Element, above: list[Any]) -> list[Any]:
    cells: list[Any] = []
    for cell in row.findall(f"{W}tc"):
        properties = cell.find(f"{W}tcPr")
        span, continued = 1, False
        if properties is not None:
            grid_span = properties.find(f"{W}gridSpan")
            if grid_span is not None:
                try:
                    span = max(1, min(int(grid_span.get(f"{W}val", "1")), 1000))
                except ValueError:
                    span = 1
            merge = properties.find(f"{W}vMerge")
            continued = merge is not None and merge.get(f"{W}val", "continue") == "continue"
        position = len(cells)
        text = above[position] if continued and position < len(above) else _cell_text(cell)
        cells.append(text or None)
        cells.extend([None] * (span - 1))
    return cells


def _cell_text(cell: ElementTree.Element) -> str:
    lines = []
    for paragraph in cell.iter(f"{W}p"):
        parts = []
        for node in paragraph.iter():
            if node.tag == f"{W}t" and node.text:
                parts.append(node.text)
            elif node.tag in (f"{W}tab",):
                parts.append(" ")
            elif node.tag in (f"{W}br", f"{W}cr"):
                parts.append("\n")
        lines.append("".join(parts))
    return "\n".join(line for line in lines if line.strip()).strip()
