"""Agency lists read as a person reads them (issue 15).

Departments, districts and industrial-zone boards send lists, not templates: a title and a subtitle
above the header, a header spread over two rows ("Tổng vốn đầu tư" over "Tỷ đồng | Triệu USD"), a
row of column numbers, an STT column, section rows ("I. THIẾT BỊ XỬ LÝ NƯỚC THẢI, KHÍ THẢI") that
give the category (or the district, or the investment form) of the rows below them, subtotal and
total rows, and notes and signatures at the foot.

:func:`understand` takes the rows of a sheet as they are (Excel's row numbers, the cells) and
returns the header, the project rows, and a :class:`Layout` that says what was understood and
skipped, row by row, so that the preview can show it before anything is imported. Nothing here
touches the database or imports Streamlit.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from catalogue.projects.model import COLUMNS_BY_NAME
from catalogue.projects.money import exchange_rate
from catalogue.projects.reference import Reference
from catalogue.search.normalize import NumberFormatError, clean_text, fold, parse_number
from catalogue.text import Text, enum_label, format_number, lower_first, t

MAX_HEADER_SEARCH_ROWS = 15
SECTION_MATCH = 85  # rapidfuzz score (0–100) for a section's text to name a category, district or form

# Row kinds a preview shows (strings.csv: import.row_kind.<kind>)
TITLE, COLUMN_NUMBERS, SECTION, SUBTOTAL, TOTAL, NOTES, BLANK, HEADER_AGAIN = (
    "title",
    "column_numbers",
    "section",
    "subtotal",
    "total",
    "notes",
    "blank",
    "header_again",
)

_ROMAN_RE = re.compile(r"^(?=[ivxlc]+\b)(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_MARK_RE = re.compile(r"^\s*(?P<mark>[IVXLC]+|[A-Za-zĐđ])\s*[.):/-]?\s+(?P<text>\S.*)$")
_STT_RE = re.compile(r"^\s*(\d+(\.\d+)*|[a-zđ])\s*[.)]?\s*$", re.IGNORECASE)
_FOOTNOTE_RE = re.compile(r"(\s*(\(\s*(\d{1,2}|\*+)\s*\)|\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+))+$")
# "Tổng cộng", "Tổng", "Tổng số", "Total" / "Cộng", "Cộng mục I", "Cộng nhóm A", "Subtotal": the whole
# label, so that "Cống thoát nước…" or "Tổng kho…" stay projects
_TOTAL_RE = re.compile(r"^(tong cong|tong so|tong|total|grand total)( cac du an| toan bo| chung)?$")
_SUBTOTAL_RE = re.compile(
    r"^(cong|subtotal|sub total|tong cong|tong)( (muc|nhom|phan|so))?( ([ivxlc]+|[a-z]|\d+))$|^(cong|subtotal|sub total)$"
)
_FOOTERS = (
    "ghi chu",
    "chu thich",
    "noi nhan",
    "kt ",
    "tm ",
    "tl ",
    "giam doc",
    "pho giam doc",
    "chu tich",
    "pho chu tich",
    "nguoi lap",
    "nguoi lap bieu",
    "thu truong",
    "note",
    "notes",
    "recipients",
)
_STT_HEADERS = {"stt", "tt", "so tt", "so thu tu", "no", "no.", "number", "#"}
AMOUNT_FIELDS = ("investment_vnd_bn", "investment_usd_m", "area_ha")
AMOUNT_UNITS = {"investment_vnd_bn": "vnd_bn", "investment_usd_m": "usd_m", "area_ha": "ha"}  # "500 triệu" = 0,5 tỷ


def _same_sum(stated: float, summed: float) -> bool:
    return abs(stated - summed) < 0.005 + 1e-9 * abs(summed)


@dataclass(frozen=True)
class RowNote:
    """A row of the file that is not a project: which, what kind, and its text."""

    row: int
    kind: str
    text: str


@dataclass(frozen=True)
class Section:
    """A section row and what it sets for the rows below it (``field`` is None when its text names
    nothing the catalogue knows: the rows then keep their own values)."""

    row: int
    text: str
    field: str | None
    code: str | None
    score: float = 0.0


@dataclass(frozen=True)
class TotalCheck:
    """A subtotal or total row's stated sum against the rows it covers."""

    row: int
    field: str
    stated: float
    summed: float
    first_row: int
    last_row: int

    @property
    def agrees(self) -> bool:
        """Equal to the hundredth (a total rounded to whole tỷ đồng is said, with both figures)."""
        return _same_sum(self.stated, self.summed)


@dataclass
class Layout:
    """What was understood of a sheet, for the preview."""

    sheet: str = ""
    sheets: list[str] = field(default_factory=list)  # a workbook's sheets (the one read is ``sheet``)
    header_rows: list[int] = field(default_factory=list)
    notes: list[RowNote] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    totals: list[TotalCheck] = field(default_factory=list)
    hidden_rows: list[int] = field(default_factory=list)
    hidden_columns: list[str] = field(default_factory=list)
    from_sections: dict[int, dict[str, str]] = field(default_factory=dict)  # row → field → code set by a section
    proposed_codes: dict[int, str] = field(default_factory=dict)  # row → code proposed (the file had none)
    given_codes: dict[int, str] = field(default_factory=dict)  # row → code the user gave in the preview
    uncoded: dict[int, str] = field(default_factory=dict)  # row → name, for each row the file gives no code
    cleaned_names: dict[int, tuple[str, str]] = field(default_factory=dict)  # row → (as written, as read)
    word_tables: list[Any] = field(default_factory=list)  # a Word document's tables (wordtables.WordTable)
    converted: list[tuple[int, str, float, float]] = field(default_factory=list)  # row, as written, USD m, VND bn
    columns: list[Any] = field(default_factory=list)  # each named column and its field (ColumnChoice)
    saved_mapping: str = ""  # the name of the saved column mapping used, if any
    to_note: list[str] = field(default_factory=list)  # headings of the columns kept in the internal note
    note_headings: list[str] = field(default_factory=list)  # headings whose lines in the note this list rewrites
    district_from_place: tuple[str, int] | None = None  # (place column's heading, rows whose district it named)
    sheet_section: tuple[str, str, str] | None = None  # sheets read together: (sheet, field, code) its name sets
    ranges: list[tuple[int, str, str]] = field(default_factory=list)  # row, heading, a range as written
    no_header: bool = False  # no row of the top ones names any known column: probably not the list

    @property
    def mismatched_totals(self) -> list[TotalCheck]:
        return [check for check in self.totals if not check.agrees]

    @property
    def plain(self) -> bool:
        """Nothing but a header and project rows on a workbook's only sheet: a template as the catalogue writes it."""
        return not (
            self.notes
            or self.sections
            or self.proposed_codes
            or self.given_codes
            or len(self.header_rows) > 1
            or len(self.sheets) > 1
            or self.converted
            or self.saved_mapping
            or self.to_note
            or self.district_from_place
            or self.ranges
            or any(choice.how == FUZZY for choice in self.columns)
        )


def _text(cell: Any) -> str:
    return clean_text(cell) if cell is not None else ""


def _filled(cell: Any) -> bool:
    return cell is not None and (not isinstance(cell, str) or bool(cell.strip()))


def is_roman(text: str) -> bool:
    return bool(text) and bool(_ROMAN_RE.match(text.lower()))


def strip_footnote(name: str) -> str:
    """A name without its footnote marks: "Nhà máy A (1)" → "Nhà máy A", "Nhà máy B*" → "Nhà máy B"."""
    if not name or name[-1] not in ")*¹²³⁴⁵⁶⁷⁸⁹⁰":
        return name  # most names: no regular expression run over them
    stripped = _FOOTNOTE_RE.sub("", name).strip()
    return stripped or name


def _starts(folded: str, words: Sequence[str]) -> bool:
    """``folded`` is one of ``words`` or begins with one of them as a whole word."""
    return any(folded == word.strip() or folded.startswith(word.strip() + " ") for word in words)


# --- the header -------------------------------------------------------------------------------------


def find_header(
    rows: list[tuple[int, list[Any]]],
    match: Callable[[str], str | None],
    strict: Callable[[str], str | None] | None = None,
) -> tuple[int, list[str], int] | None:
    """(index of the header's first row, the header's texts by position, rows it takes: 1 or 2).

    The header is the first of the top rows whose cells name at least two known columns, one of
    them the project's name. A second header row is taken when the row below holds texts only
    (no numbers) under a group header (a merged cell such as "Tổng vốn đầu tư" over "Tỷ đồng |
    Triệu USD"): each position's header is then the group's text and its own. ``strict`` (default
    ``match``) decides that second row without guessing: a group header close to a known one
    ("Tổng vốn đầu tư") must not pass for a complete header."""
    for index, (_number, cells) in enumerate(rows[:MAX_HEADER_SEARCH_ROWS]):
        texts = [_text(cell) for cell in cells]
        names = [match(text) for text in texts]
        known = [name for name in names if name]
        if len(known) < 2 or "name_vi" not in known:
            continue
        if index + 1 < len(rows):
            combined = _two_row_header(texts, rows[index + 1][1], strict or match)
            if combined is not None:
                return index, combined, 2
        return index, texts, 1
    return None


def _two_row_header(top: list[str], below_cells: list[Any], match: Callable[[str], str | None]) -> list[str] | None:
    below = [_text(cell) for cell in below_cells]
    if not any(below) or any(_is_number(cell) for cell in below_cells if _filled(cell)):
        return None
    if all(re.fullmatch(r"\(?\d{1,2}\)?", text) for text in below if text):
        return None  # a row of column numbers, not a second header row
    width = max(len(top), len(below))
    top = [*top, *[""] * (width - len(top))]
    below = [*below, *[""] * (width - len(below))]
    if any(top[p] and below[p] and below[p] != top[p] and match(top[p]) for p in range(width)):
        return None  # under a header complete on its own there is a value: the row below is data
    group = ""
    combined = []
    gained = False
    for position in range(width):
        if top[position]:
            group = top[position]
        elif not below[position]:
            group = ""
        own = below[position]
        if own == top[position]:  # a cell merged over both rows (read into each)
            combined.append(own)
            continue
        text = f"{group} {own}".strip() if own else top[position]
        if own and match(text) and not match(top[position] or ""):
            gained = True
        combined.append(text)
    return combined if gained else None


def _is_number(cell: Any) -> bool:
    if isinstance(cell, bool):
        return False
    if isinstance(cell, (int, float)):
        return True
    try:
        return parse_number(cell) is not None
    except (NumberFormatError, ValueError, TypeError):
        return False


def _number(cell: Any, unit: str = "plain") -> float | None:
    if isinstance(cell, bool):
        return None
    if isinstance(cell, (int, float)):
        return float(cell)
    try:
        return parse_number(cell, unit)
    except (NumberFormatError, ValueError, TypeError):
        return None


# --- sections ---------------------------------------------------------------------------------------


class SectionMatcher:
    """What a section's text names: a category (its label, aliases or the plan's wording), a district,
    a 2025 ward or commune, or an investment form; accent- and case-blind, then fuzzy."""

    def __init__(self, ref: Reference, plan_wordings: dict[str, str] | None = None) -> None:
        self.ref = ref
        self.choices: dict[str, tuple[str, str]] = {}  # folded text → (field, code)
        for field_name, enum in (("category", ref.categories), ("investment_form", ref.forms)):
            for key, code in enum.index.items():
                if len(key) > 3:
                    self.choices.setdefault(key, (field_name, code))
        for code, wording in (plan_wordings or {}).items():
            for key in (fold(wording), fold(re.sub(r"^(san xuat|sản xuất)\s+", "", wording, flags=re.IGNORECASE))):
                self.choices.setdefault(key, ("category", code))

    def exact(self, text: str) -> tuple[str | None, str | None]:
        """What ``text`` names without a fuzzy guess: (field, code), or (None, None)."""
        key = fold(text)
        if key in self.choices:
            return self.choices[key]
        for field_name, found in (("district", self.ref.match_district(text)), ("ward", self.ref.match_ward(text))):
            if found:
                return field_name, found
        return None, None

    def __call__(self, text: str) -> tuple[str | None, str | None, float]:
        key = fold(text)
        if not key:
            return None, None, 0.0
        if key in self.choices:
            return (*self.choices[key], 100.0)
        district = self.ref.match_district(text)
        if district:
            return "district", district, 100.0
        ward = self.ref.match_ward(text)  # a 2025 list grouped by commune or ward ("XÃ SÓC SƠN")
        if ward:
            return "ward", ward, 100.0
        found = process.extractOne(key, list(self.choices), scorer=fuzz.token_set_ratio)
        if found and found[1] >= SECTION_MATCH:
            return (*self.choices[found[0]], float(found[1]))
        return None, None, float(found[1]) if found else 0.0


# --- the rows ---------------------------------------------------------------------------------------


def _row_kind(cells: list[Any], positions: dict[str, int], stt: int | None, after_data: bool) -> tuple[str | None, str]:
    """A non-project row's kind and its text, or (None, "") for a project row."""
    filled = [(p, cell) for p, cell in enumerate(cells) if _filled(cell)]
    if not filled:
        return BLANK, ""
    texts = [_text(cell) for _p, cell in filled]
    first = fold(texts[0])
    label_cells = [
        fold(_text(cells[p]))
        for p in (stt, positions.get("name_vi"), positions.get("code"))
        if p is not None and p < len(cells) and _filled(cells[p])
    ]
    label = next((text for text in label_cells if not re.fullmatch(r"[\d.]+|[ivxlc]+", text)), first)
    if len(filled) <= 3 and _starts(first, _FOOTERS) and not _has_project_values(cells, positions):
        return NOTES, " ".join(texts)
    if len(filled) == 1 and after_data and re.match(r"^\s*(\(\d{1,2}\)|\*+)\s*\S", texts[0]):
        return NOTES, texts[0]  # a footnote: "(1) Đã có khảo sát…", "* Dự kiến"
    if (
        after_data
        and len(filled) <= 2
        and all(not _is_number(cell) for _p, cell in filled)
        and (first.startswith(("kt ", "tm ", "tl ")) or first in ("giam doc", "chu tich"))
    ):
        return NOTES, " ".join(texts)
    if not _has_project_values(cells, positions) and _SUBTOTAL_RE.match(label):
        return SUBTOTAL, " ".join(texts)
    if not _has_project_values(cells, positions) and _TOTAL_RE.match(label):
        return TOTAL, " ".join(texts)
    if all(re.fullmatch(r"\(?\d{1,2}\)?", text) for text in texts) and len(texts) >= 3:
        numbers = [int(text.strip("()")) for text in texts]
        if numbers == list(range(numbers[0], numbers[0] + len(numbers))):
            return COLUMN_NUMBERS, " ".join(texts)
    return None, ""


def _has_project_values(cells: list[Any], positions: dict[str, int]) -> bool:
    code = positions.get("code")
    return code is not None and code < len(cells) and _filled(cells[code])


def _section_text(cells: list[Any], positions: dict[str, int], stt: int | None) -> str | None:
    """The section's text when the row is a section row: a Roman numeral or a letter in the STT
    column (or before the text) and a text, no amounts, no code; or one text alone on its row."""
    filled = [(p, cell) for p, cell in enumerate(cells) if _filled(cell)]
    if not filled or len(filled) > 3 or _has_project_values(cells, positions):
        return None
    amounts = [positions[name] for name in AMOUNT_FIELDS if name in positions]
    if any(p in amounts for p, _cell in filled):
        return None
    texts = [(p, _text(cell)) for p, cell in filled]
    if stt is not None and texts[0][0] == stt and len(texts) >= 2:
        mark, rest = texts[0][1].rstrip(".):"), " ".join(text for _p, text in texts[1:])
        if is_roman(mark) or re.fullmatch(r"[A-Za-zĐđ]", mark):
            return rest
        if re.fullmatch(r"\d{1,2}", mark) and len(texts) == 2 and _capitals(rest):
            return rest  # "1 | XÃ BÁT TRÀNG", its projects numbered 1.1, 1.2 below: a heading in capitals
        return None
    if len(texts) == 1:
        text = texts[0][1]
        marked = _MARK_RE.match(text)
        if marked and (is_roman(marked["mark"]) or len(marked["mark"]) == 1):
            return marked["text"]
        if _capitals(text):
            return text  # a merged row with one capitalised text
    return None


def _capitals(text: str) -> bool:
    return text.upper() == text and not any(ch.isdigit() for ch in text) and sum(ch.isalpha() for ch in text) >= 4


@dataclass
class Understood:
    """The sheet as a table of project rows (header texts, Excel row numbers, cells), and its layout."""

    header_row: int
    header: list[str]
    rows: list[tuple[int, list[Any]]]
    layout: Layout


def understand(
    rows: list[tuple[int, list[Any]]],
    match: Callable[[str], str | None],
    sections: SectionMatcher,
) -> Understood | None:
    """The sheet's header, its project rows and what was understood; None when no header is found.

    ``match`` names the catalogue column a header text stands for (or None); ``sections`` says
    what a section's text names."""
    found = find_header(rows, match, getattr(match, "strict", None))
    if found is None:
        return None
    start, header, height = found
    reader = _RowReader(Layout(header_rows=[rows[start + k][0] for k in range(height)]), sections)
    for number, cells in rows[:start]:
        text = " ".join(_text(c) for c in cells if _filled(c))
        if text:
            reader.layout.notes.append(RowNote(number, TITLE, text))
    for position, text in enumerate(header):
        name = match(text) if text else None
        if name and name not in reader.positions:
            reader.positions[name] = position
    reader.stt = next((p for p, text in enumerate(header) if fold(text) in _STT_HEADERS), None)
    reader.header_words = {fold(_text(c)) for k in range(height) for c in rows[start + k][1] if _filled(c)}
    for number, cells in rows[start + height :]:
        reader.read(number, cells)
    _clean_names(reader.kept, reader.positions, reader.layout)
    return Understood(reader.layout.header_rows[0], header, reader.kept, reader.layout)


class _RowReader:
    """Reads the rows below the header one by one: a project, a section, a total, a note."""

    def __init__(self, layout: Layout, sections: SectionMatcher) -> None:
        self.layout = layout
        self.sections = sections
        self.positions: dict[str, int] = {}
        self.stt: int | None = None
        self.current: dict[str, Section] = {}  # field → the section that sets it for the rows below
        self.kept: list[tuple[int, list[Any]]] = []
        self.section_start = 0  # index in kept where the current section's rows begin
        self.footer = False  # past the first note or signature: everything below is the foot
        self.header_words: set[str] = set()  # the header's texts, folded: a table continued repeats them

    def read(self, number: int, cells: list[Any]) -> None:
        code_at, name_at = self.positions.get("code", -1), self.positions.get("name_vi", -1)
        if not self.footer and 0 <= code_at < len(cells) and name_at < len(cells) and cells[code_at] and cells[name_at]:
            self._project(number, cells)  # a code and a name: a project (no section or total has a code)
            return
        if self.footer:
            if any(_filled(c) for c in cells):
                self.layout.notes.append(RowNote(number, NOTES, " ".join(_text(c) for c in cells if _filled(c))))
            return
        kind, text = _row_kind(cells, self.positions, self.stt, bool(self.kept))
        filled = [fold(_text(c)) for c in cells if _filled(c)]
        if kind is None and len(filled) >= 2 and all(word in self.header_words for word in filled):
            kind, text = HEADER_AGAIN, " ".join(_text(c) for c in cells if _filled(c))  # a table continued
        if kind is None:
            section = _section_text(cells, self.positions, self.stt)
            if section is not None:
                self._section(number, section)
            elif not _is_sum_row(cells, self.positions, self.kept, self.section_start, self.layout, number):
                self._project(number, list(cells))
            return
        if kind == BLANK:
            return
        self.layout.notes.append(RowNote(number, kind, text))
        if kind in (SUBTOTAL, TOTAL):
            covered = self.kept[self.section_start :] if kind == SUBTOTAL else self.kept
            _check_sums(cells, self.positions, covered, number, self.layout)
        self.footer = kind == NOTES

    def _project(self, number: int, cells: list[Any]) -> None:
        self.kept.append((number, cells))
        if self.current:
            self.layout.from_sections[number] = {name: s.code for name, s in self.current.items() if s.code}

    def _section(self, number: int, text: str) -> None:
        field_name, code, score = self.sections(text)
        entry = Section(number, text, field_name, code, score)
        self.layout.sections.append(entry)
        self.layout.notes.append(RowNote(number, SECTION, text))
        if field_name is None or field_name == "category":
            self.current.clear()  # a new group: what earlier sections set ends here
        if field_name is not None:
            self.current[field_name] = entry
        self.section_start = len(self.kept)


def _is_sum_row(
    cells: list[Any],
    positions: dict[str, int],
    kept: list[tuple[int, list[Any]]],
    section_start: int,
    layout: Layout,
    number: int,
) -> bool:
    """A row with amounts only (no name, no code) that equal the sum of the section or of all rows."""
    if any(_filled(cells[p]) for name, p in positions.items() if name in ("name_vi", "code") and p < len(cells)):
        return False
    amounts = {name: positions[name] for name in AMOUNT_FIELDS if name in positions}
    values = {
        name: _number(cells[p], AMOUNT_UNITS[name])
        for name, p in amounts.items()
        if p < len(cells) and _filled(cells[p])
    }
    if not values or any(v is None for v in values.values()) or not kept:
        return False
    for covered, kind in ((kept[section_start:], SUBTOTAL if section_start else TOTAL), (kept, TOTAL)):
        sums = {
            name: sum(
                _number(c[amounts[name]], AMOUNT_UNITS[name]) or 0.0 for _n, c in covered if amounts[name] < len(c)
            )
            for name in values
        }
        if covered and all(_same_sum(values[name], sums[name]) for name in values):
            layout.notes.append(RowNote(number, kind, " ".join(_text(c) for c in cells if _filled(c))))
            _check_sums(cells, positions, covered, number, layout)
            return True
    return False


def _check_sums(
    cells: list[Any], positions: dict[str, int], covered: list[tuple[int, list[Any]]], number: int, layout: Layout
) -> None:
    if not covered:
        return
    for name in AMOUNT_FIELDS:
        position = positions.get(name)
        if position is None or position >= len(cells) or not _filled(cells[position]):
            continue
        stated = _number(cells[position], AMOUNT_UNITS[name])
        if stated is None:
            continue
        summed = sum(_number(c[position], AMOUNT_UNITS[name]) or 0.0 for _n, c in covered if position < len(c))
        layout.totals.append(TotalCheck(number, name, stated, round(summed, 6), covered[0][0], covered[-1][0]))


def _clean_names(kept: list[tuple[int, list[Any]]], positions: dict[str, int], layout: Layout) -> None:
    for name_field in ("name_vi", "name_en"):
        position = positions.get(name_field)
        if position is None:
            continue
        for number, cells in kept:
            if position < len(cells) and isinstance(cells[position], str):
                written = cells[position]
                read = strip_footnote(written.strip())
                if read != written.strip():
                    cells[position] = read
                    layout.cleaned_names[number] = (written.strip(), read)


# --- codes for projects that have none ----------------------------------------------------------------


def proposed_code(name: str, district: str | None = None, prefix: str = "DM") -> str:
    """A stable code for a project without one: the initials of its name and a short checksum of
    its name and district, so the same list imported again proposes the same codes
    ("Nhà máy xử lý nước thải Bát Tràng", Gia Lâm → "DM-NMXLNTBT-3F9K7Q")."""
    words = fold(name).split()
    initials = "".join(word[0] for word in words if word[0].isalnum())[:10].upper() or "DA"
    digest = hashlib.sha256(f"{' '.join(words)}|{district or ''}".encode()).digest()
    alphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    number = int.from_bytes(digest[:8], "big")
    check = ""
    for _ in range(6):  # 34^6 ≈ 1.5 billion: five thousand names alike in their initials do not collide
        number, rest = divmod(number, len(alphabet))
        check += alphabet[rest]
    return f"{prefix}-{initials}-{check}"


# --- what the preview says -------------------------------------------------------------------------


@dataclass(frozen=True)
class Said:
    """One line of what was understood: ``level`` "info" or "warning", ``text`` in every language."""

    level: str
    text: Text


def summary(found: Layout, ref: Reference, projects: int) -> list[Said]:
    """What the preview (and the CLI) says about how the file was read: the header, each section and
    what it set, the totals that disagree (warnings), the codes proposed, hidden cells, names cleaned."""
    said: list[Said] = []
    if found.header_rows:
        first, last = found.header_rows[0], found.header_rows[-1]
        if first == last:
            said.append(Said("info", Text.of("import.layout_header", rows=first, count=projects)))
        else:
            said.append(Said("info", Text.of("import.layout_header_two", first=first, second=last, count=projects)))
    if len(found.sheets) > 1:
        others = ", ".join(name for name in found.sheets if name != found.sheet)
        said.append(
            Said("info", Text.of("import.layout_sheet", sheet=found.sheet, count=len(found.sheets), others=others))
        )
    if found.saved_mapping:
        said.append(Said("info", Text.of("import.layout_mapping_used", name=found.saved_mapping)))
    said += [_said_column(choice) for choice in found.columns if choice.how == FUZZY]
    if found.sheet_section:
        sheet, field_name, code = found.sheet_section
        said.append(_said_section(Section(0, sheet, field_name, code), ref, "import.layout_sheet_section"))
    said += [_said_section(section, ref) for section in found.sections]
    agreeing = [check for check in found.totals if check.agrees]
    if agreeing:
        said.append(Said("info", Text.of("import.layout_totals_ok", count=len(agreeing))))
    said += [_said_total(check) for check in found.mismatched_totals]
    if found.proposed_codes:
        said.append(Said("info", Text.of("import.layout_codes", count=len(found.proposed_codes))))
    if found.given_codes:
        said.append(Said("info", Text.of("import.layout_codes_given", count=len(found.given_codes))))
    if found.cleaned_names:
        before, after = next(iter(found.cleaned_names.values()))
        said.append(
            Said("info", Text.of("import.layout_names", count=len(found.cleaned_names), before=before, after=after))
        )
    said += [_said_converted(*converted) for converted in found.converted]
    said += _said_columns(found)
    said += [
        Said("warning", Text.of("import.layout_range", row=row, column=heading, written=written))
        for row, heading, written in found.ranges[:10]
    ]
    if len(found.ranges) > 10:
        said.append(Said("warning", Text.of("import.layout_ranges_more", count=len(found.ranges) - 10)))
    if len(found.word_tables) > 1:
        ranges = ", ".join(f"{w.number}: {w.first_row}–{w.last_row}" for w in found.word_tables)
        said.append(Said("info", Text.of("import.layout_word_tables", count=len(found.word_tables), ranges=ranges)))
    if found.hidden_rows:
        listed = ", ".join(map(str, found.hidden_rows[:20])) + (" …" if len(found.hidden_rows) > 20 else "")
        said.append(Said("warning", Text.of("import.layout_hidden_rows", rows=listed)))
    if found.hidden_columns:
        said.append(Said("warning", Text.of("import.layout_hidden_columns", columns=", ".join(found.hidden_columns))))
    return said


def _said_columns(found: Layout) -> list[Said]:
    """The columns left out by choice, the place column read as the district too, the columns kept in notes."""
    said: list[Said] = []
    left_out = [c.text for c in found.columns if c.dropped and c.how in (CHOSEN, SAVED)]
    if left_out:
        headings = ", ".join(f"“{heading}”" for heading in left_out)
        said.append(Said("info", Text.of("import.layout_left_out", count=len(left_out), columns=headings)))
    if found.district_from_place:
        heading, count = found.district_from_place
        said.append(Said("info", Text.of("import.layout_district_from_place", column=heading, count=count)))
    if found.to_note:
        headings = ", ".join(f"“{heading}”" for heading in found.to_note)
        said.append(Said("info", Text.of("import.layout_to_note", count=len(found.to_note), columns=headings)))
    return said


def _said_column(choice: ColumnChoice) -> Said:
    header = COLUMNS_BY_NAME[choice.field].header() if choice.field else Text()
    return Said(
        "warning",
        Text.each(
            lambda lang: t(
                "import.layout_column_fuzzy", lang, text=choice.text, field=header(lang), score=round(choice.score)
            )
        ),
    )


def _said_section(section: Section, ref: Reference, key: str = "import.layout_section") -> Said:
    if section.field is None or section.code is None:
        return Said("warning", Text.of("import.layout_section_unknown", row=section.row, text=section.text))
    header = COLUMNS_BY_NAME[section.field].header()
    value = ref.enumeration(section.field).label(section.code)
    return Said(
        "info",
        Text.each(
            lambda lang: t(
                key,
                lang,
                row=section.row,
                text=section.text,
                field=lower_first(header(lang)),
                value=value(lang),
            )
        ),
    )


def _said_converted(row: int, written: str, usd: float, vnd: float) -> Said:
    rate = exchange_rate()
    return Said(
        "warning",
        Text.each(
            lambda lang: t(
                "import.layout_converted",
                lang,
                row=row,
                written=written,
                rate=format_number(rate.vnd_per_usd, lang, 0),
                vnd=format_number(vnd, lang, 2),
                usd=format_number(usd, lang, 2),
            )
        ),
    )


def _said_total(check: TotalCheck) -> Said:
    header = COLUMNS_BY_NAME[check.field].header()
    return Said(
        "warning",
        Text.each(
            lambda lang: t(
                "import.layout_total_wrong",
                lang,
                row=check.row,
                field=header(lang),
                stated=format_number(check.stated, lang, 2),
                summed=format_number(check.summed, lang, 2),
                first=check.first_row,
                last=check.last_row,
            )
        ),
    )


def skipped_rows(found: Layout) -> list[tuple[int, Text, str]]:
    """The rows that are not projects, for a table: (row, kind, the row's text as written)."""
    return [(note.row, enum_label("import_row_kind", note.kind), note.text) for note in found.notes]


# --- the same list again, a name corrected ------------------------------------------------------------

PAIRING_MATCH = 90  # rapidfuzz token_sort_ratio between folded names, same place
NEAR_MATCH = 70  # below pairing, still close enough to say "is this the stored project …?"


@dataclass(frozen=True)
class Pairing:
    """A row without a code whose proposed code is new, paired with a stored project of the same place
    and nearly the same name (a list sent again with a name corrected): the import updates that one."""

    row: int
    proposed: str
    code: str
    name: str
    stored_name: str
    score: float
    paired: bool = True  # False: only close (NEAR_MATCH ≤ score < PAIRING_MATCH), imported as a new project


def pair_with_stored(
    frame: Any, found: Layout | None, stored: list[tuple[str, str, str | None, str | None]]
) -> list[Pairing]:
    """Give rows whose proposed code no project has the code of a stored project in the same district
    or ward whose name is nearly theirs (each stored project at most once, never one the file names).
    ``stored`` holds (code, name_vi, district, ward); ``frame``'s codes are changed in place."""
    if found is None or not found.proposed_codes or "name_vi" not in frame:
        return []
    row_of = {code: row for row, code in found.proposed_codes.items()}
    codes = [str(code) for code in frame["code"].tolist()]
    in_file, known = set(codes), {code for code, *_rest in stored}
    names = {code: name for code, name, *_rest in stored}
    by_place: dict[tuple[str, str], dict[str, str]] = {}
    for code, name, district, ward in stored:
        if code in in_file or not name:
            continue
        for place in (("district", district), ("ward", ward)):
            if place[1]:
                by_place.setdefault(place, {})[code] = fold(name)
    pairs: list[Pairing] = []
    for k, code in enumerate(codes):
        if code not in row_of or code in known:
            continue
        name = str(frame["name_vi"].iat[k])
        candidates: dict[str, str] = {}
        for place in ("district", "ward"):
            value = frame[place].iat[k] if place in frame else None
            if isinstance(value, str) and value:
                candidates.update(by_place.get((place, value), {}))
        for taken in pairs:
            if taken.paired:
                candidates.pop(taken.code, None)
        best = process.extractOne(fold(name), candidates, scorer=fuzz.token_sort_ratio, score_cutoff=NEAR_MATCH)
        if best is not None:
            paired = best[1] >= PAIRING_MATCH
            codes[k] = best[2] if paired else code
            pairs.append(Pairing(row_of[code], code, best[2], name, names[best[2]], float(best[1]), paired))
    if any(pair.paired for pair in pairs):
        frame["code"] = codes
    return pairs


def said_pairings(pairs: list[Pairing]) -> list[Said]:
    return [
        Said(
            "warning",
            Text.of(
                "import.layout_paired" if p.paired else "import.layout_near",
                row=p.row,
                name=p.name,
                code=p.code,
                stored=p.stored_name,
                score=round(p.score),
            ),
        )
        for p in pairs
    ]


def said_given_codes(
    found: Layout | None, stored: dict[str, tuple[str, str | None, str | None, str | None]]
) -> list[Said]:
    """Each code the user gave a row that is a stored project's code: the row updates that project,
    said with how alike the names are (a warning when they are not nearly the same, or when the
    project is public, where the change shows at once). ``stored``: code → (name_vi, district, ward,
    publication)."""
    said = []
    for row, code in sorted((found.given_codes if found else {}).items()):
        if code not in stored:
            continue
        name, _district, _ward, publication = stored[code]
        score = round(fuzz.token_sort_ratio(fold(found.uncoded.get(row, "")), fold(name or "")))
        public = publication == "published"
        level = "info" if score >= PAIRING_MATCH and not public else "warning"
        key = "import.layout_given_public" if public else "import.layout_given_stored"
        given = found.uncoded.get(row, "")
        said.append(Said(level, Text.of(key, row=row, code=code, name=given, stored=name or "", score=score)))
    return said


def said_claimed(
    frame: Any, found: Layout | None, stored: list[tuple[str, str, str | None, str | None]], numbers: list[int]
) -> list[Said]:
    """Rows still to be new that nearly match a stored project of their place whose code another row
    of the file already takes (a code given to the wrong row): said, with both rows."""
    if found is None or not found.proposed_codes or "name_vi" not in frame:
        return []
    codes = [str(code) for code in frame["code"].tolist()]
    row_of = dict(zip(codes, numbers, strict=False))
    said = []
    for k, code in enumerate(codes):
        if code not in found.proposed_codes.values():
            continue
        place = {p: frame[p].iat[k] for p in ("district", "ward") if p in frame}
        claimed = {
            other: fold(name)
            for other, name, district, ward in stored
            if other in row_of and other != code and name and any(v and v in (district, ward) for v in place.values())
        }
        best = process.extractOne(fold(str(frame["name_vi"].iat[k])), claimed, scorer=fuzz.token_sort_ratio)
        if best is not None and best[1] >= PAIRING_MATCH:
            text = Text.of(
                "import.layout_claimed",
                row=row_of.get(code, 0),
                name=str(frame["name_vi"].iat[k]),
                code=best[2],
                other=row_of[best[2]],
                score=round(best[1]),
            )
            said.append(Said("warning", text))
    return said


# --- which column is which ------------------------------------------------------------------------------

HEADER_MATCH = 88  # rapidfuzz WRatio between a folded header and a known one, to propose it
EXACT, FUZZY, SAVED, CHOSEN, NONE = "exact", "fuzzy", "saved", "chosen", "none"
# In a chosen or saved mapping: a column left out altogether ("" is a column kept in the note).
DROPPED = "-"


@dataclass(frozen=True)
class SavedMapping:
    """A column mapping saved under a name (an agency's usual list): the file's headers, folded, in
    order (its shape), and folded header → field ("" for not imported)."""

    name: str
    headers: list[str]
    mapping: dict[str, str]


@dataclass(frozen=True)
class ColumnChoice:
    """A column of the file and the catalogue field it is read into (``field`` None: no field; its
    cells go into the project's internal note unless ``dropped``): ``how`` says why: the header is a
    known one (exact), alike one (fuzzy, with its ``score``), a saved mapping says so (saved), the
    user chose (chosen), or nothing fits (none)."""

    position: int
    text: str
    field: str | None
    how: str
    score: float = 100.0
    added: bool = False  # a column the reading added (from sections, proposed codes), not the file's
    dropped: bool = False  # left out altogether (an STT column, or the user said so)

    @property
    def value(self) -> str:
        """As a mapping holds it: the field, "" for the note, DROPPED for left out."""
        return DROPPED if self.dropped else self.field or ""


class ColumnMatcher:
    """A header text → the catalogue field: the user's choice first, then a saved mapping, then the
    known headers and their synonyms, then the closest known header (rapidfuzz WRatio ≥ 88).
    ``chosen`` and ``saved`` map folded header texts to a field, or to "" for "not imported"."""

    def __init__(
        self,
        exact: Callable[[str], str | None],
        known: dict[str, str],
        skipped: set[str],
        saved: dict[str, str] | None = None,
        chosen: dict[str, str] | None = None,
    ) -> None:
        self.exact, self.skipped = exact, skipped
        self.known = {key: name for key, name in known.items() if len(key) >= 4}
        self.saved, self.chosen = saved or {}, chosen or {}

    def choice(self, position: int, text: str) -> ColumnChoice:
        key = fold(text)
        for how, given in ((CHOSEN, self.chosen), (SAVED, self.saved)):
            if key in given:
                value = given[key]
                return (
                    ColumnChoice(position, text, None, how, dropped=True)
                    if value == DROPPED
                    else ColumnChoice(position, text, value or None, how)
                )
        name = self.exact(text)
        if name is not None:
            return ColumnChoice(position, text, name, EXACT)
        if not key or key in self.skipped:
            return ColumnChoice(position, text, None, NONE, 0.0, dropped=True)
        found = process.extractOne(key, list(self.known), scorer=fuzz.WRatio, score_cutoff=HEADER_MATCH)
        if found is None:
            return ColumnChoice(position, text, None, NONE, 0.0)
        return ColumnChoice(position, text, self.known[found[0]], FUZZY, float(found[1]))

    def __call__(self, text: str) -> str | None:
        return self.choice(0, text).field

    def strict(self, text: str) -> str | None:
        """The field without guessing: the user's choice, a saved mapping or a known header only."""
        choice = self.choice(0, text)
        return choice.field if choice.how != FUZZY else None


def column_choices(header: list[str], matcher: ColumnMatcher) -> list[ColumnChoice]:
    """Each named column's choice; a field two columns would fill goes to the first (the other is
    not imported, and said)."""
    choices, taken = [], set()
    for position, text in enumerate(header):
        if not text:
            continue
        choice = matcher.choice(position, text)
        if choice.field is not None and choice.field in taken and choice.how in (FUZZY, SAVED):
            choice = ColumnChoice(position, text, None, NONE, 0.0)
        taken.add(choice.field)
        choices.append(choice)
    return choices


def header_key(choices: list[ColumnChoice]) -> list[str]:
    """The file's headers, folded, in order: the shape a saved mapping is recognised by."""
    return [fold(choice.text) for choice in choices if not choice.added]
