"""What a file may cost before and while it is read: bounds on size, unpacked size, rows, columns,
cells, time and errors, so that a small hostile file (a "zip bomb", a sheet that declares a
million rows) is refused quickly, in little memory, with a clear message in both languages.

The limits are far above any real list sent to the promotion agency (the largest seen had a few
thousand rows and ~40 columns) and far below what would hurt the server.
"""

from __future__ import annotations

import os
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from catalogue.errors import CatalogueError
from catalogue.text import format_number


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 20 * 1024 * 1024  # the file as uploaded (Streamlit's server.maxUploadSize too)
    max_unpacked: int = 160 * 1024 * 1024  # all parts of an XLSX, unpacked
    max_part: int = 120 * 1024 * 1024  # one part of an XLSX, unpacked
    max_ratio: int = 150  # unpacked / packed size of one part (real sheets: 5–40)
    max_parts: int = 2_000
    max_rows: int = 100_000
    max_columns: int = 200
    max_cells: int = 3_000_000  # cells holding a value
    max_seconds: float = 180.0
    max_errors: int = 100  # listed; the rest are counted


LIMITS = Limits()


class FileTooCostly(CatalogueError):
    """A file refused for what reading it would cost; ``text`` says why, ``row`` where (0: the file)."""

    def __init__(self, message_vi: str, message_en: str, row: int = 0) -> None:
        super().__init__(message_vi, message_en)
        self.row = row


def _n(value: float) -> tuple[str, str]:
    return format_number(value, "vi", 0), format_number(value, "en", 0)


def _mb(size: float) -> tuple[str, str]:
    return _n(round(size / (1024 * 1024)))


def check_size(path: str | os.PathLike[str], limits: Limits = LIMITS) -> None:
    size = Path(path).stat().st_size
    if size > limits.max_bytes:
        got, cap = _mb(size), _mb(limits.max_bytes)
        raise FileTooCostly(
            f"Tệp quá lớn ({got[0]} MB); tối đa {cap[0]} MB — hãy chia thành nhiều tệp",
            f"The file is too large ({got[1]} MB); at most {cap[1]} MB — split it into several files",
        )


def check_zip(path: str | os.PathLike[str], limits: Limits = LIMITS) -> None:
    """Refuse an XLSX whose parts would unpack to too much, or pack too well to be a real sheet,
    from the zip's directory alone (nothing is unpacked)."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip: the reader says the file is damaged
    if len(parts) > limits.max_parts:
        raise FileTooCostly(
            f"Tệp XLSX có quá nhiều phần ({_n(len(parts))[0]})",
            f"The XLSX file has too many parts ({_n(len(parts))[1]})",
        )
    total = sum(part.file_size for part in parts)
    biggest = max(parts, key=lambda part: part.file_size, default=None)
    worst = max((part.file_size / max(part.compress_size, 1) for part in parts if part.file_size > 1 << 20), default=0)
    if total > limits.max_unpacked or (biggest is not None and biggest.file_size > limits.max_part):
        got, cap = _mb(total), _mb(limits.max_unpacked)
        raise FileTooCostly(
            f"Tệp XLSX khi giải nén chiếm {got[0]} MB; tối đa {cap[0]} MB — hãy chia thành nhiều tệp",
            f"The XLSX file unpacks to {got[1]} MB; at most {cap[1]} MB — split it into several files",
        )
    if worst > limits.max_ratio:
        raise FileTooCostly(
            "Tệp XLSX nén bất thường (giải nén lớn gấp hàng trăm lần): không đọc tệp này",
            "The XLSX file is packed abnormally (it unpacks to hundreds of times its size): it is not read",
        )


class Budget:
    """Counts rows, columns, cells and time while a file is read; raises :class:`FileTooCostly`."""

    def __init__(self, limits: Limits = LIMITS) -> None:
        self.limits = limits
        self.cells = 0
        self.started = time.monotonic()

    def row(self, number: int, width: int, filled: int) -> None:
        limits = self.limits
        if number > limits.max_rows + 50:  # a title block and header above the data
            cap = _n(limits.max_rows)
            raise FileTooCostly(
                f"Tệp có dữ liệu đến dòng {_n(number)[0]}; tối đa {cap[0]} dòng — hãy chia thành nhiều tệp",
                f"The file has data down to row {_n(number)[1]}; at most {cap[1]} rows — split it into several files",
                number,
            )
        if width > limits.max_columns:
            cap = _n(limits.max_columns)
            raise FileTooCostly(
                f"Dòng {_n(number)[0]} có dữ liệu đến cột {_n(width)[0]}; tối đa {cap[0]} cột",
                f"Row {_n(number)[1]} has data up to column {_n(width)[1]}; at most {cap[1]} columns",
                number,
            )
        self.cells += filled
        if self.cells > limits.max_cells:
            cap = _n(limits.max_cells)
            raise FileTooCostly(
                f"Tệp có hơn {cap[0]} ô dữ liệu — hãy chia thành nhiều tệp",
                f"The file has more than {cap[1]} cells with data — split it into several files",
                number,
            )
        if number % 512 == 0:
            self.tick()

    def tick(self) -> None:
        if time.monotonic() - self.started > self.limits.max_seconds:
            cap = _n(self.limits.max_seconds)
            raise FileTooCostly(
                f"Đọc tệp mất quá {cap[0]} giây — hãy chia thành nhiều tệp",
                f"Reading the file took over {cap[1]} seconds — split it into several files",
            )
