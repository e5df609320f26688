"""What a file may cost before and while it is read: bounds on size, unpacked size, rows, columns,
cells, time and errors, so that a small hostile file (a "zip bomb", a sheet that declares a
million rows) is refused quickly, in little memory, with a clear message in every language.

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
from catalogue.text import Text, format_number, t


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

    def __init__(self, text: Text, row: int = 0) -> None:
        super().__init__(text)
        self.row = row


def _refusal(key: str, **numbers: float) -> Text:
    """The string ``key`` with ``numbers`` written as whole numbers the reader's way."""
    return Text.each(lambda lang: t(key, lang, **{name: format_number(n, lang, 0) for name, n in numbers.items()}))


def refusal(key: str, row_number: int = 0, **numbers: float) -> FileTooCostly:
    """The refusal ``key`` with its ``numbers`` written the reader's way, at ``row_number`` (0: the file)."""
    return FileTooCostly(_refusal(key, **numbers), row_number)


def _mb(size: float) -> int:
    return round(size / (1024 * 1024))


def check_size(path: str | os.PathLike[str], limits: Limits = LIMITS) -> None:
    size = Path(path).stat().st_size
    if size > limits.max_bytes:
        raise FileTooCostly(_refusal("filelimit.too_large", size=_mb(size), limit=_mb(limits.max_bytes)))


def check_zip(path: str | os.PathLike[str], limits: Limits = LIMITS) -> None:
    """Refuse an XLSX whose parts would unpack to too much, or pack too well to be a real sheet,
    from the zip's directory alone (nothing is unpacked)."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip: the reader says the file is damaged
    if len(parts) > limits.max_parts:
        raise FileTooCostly(_refusal("filelimit.too_many_parts", parts=len(parts)))
    total = sum(part.file_size for part in parts)
    biggest = max(parts, key=lambda part: part.file_size, default=None)
    worst = max((part.file_size / max(part.compress_size, 1) for part in parts if part.file_size > 1 << 20), default=0)
    if total > limits.max_unpacked or (biggest is not None and biggest.file_size > limits.max_part):
        raise FileTooCostly(_refusal("filelimit.unpacks_too_large", size=_mb(total), limit=_mb(limits.max_unpacked)))
    if worst > limits.max_ratio:
        raise FileTooCostly(Text.of("filelimit.packed_abnormally"))


class Budget:
    """Counts rows, columns, cells and time while a file is read; raises :class:`FileTooCostly`."""

    def __init__(self, limits: Limits = LIMITS) -> None:
        self.limits = limits
        self.cells = 0
        self.started = time.monotonic()

    def row(self, number: int, width: int, filled: int) -> None:
        limits = self.limits
        if number > limits.max_rows + 50:  # a title block and header above the data
            raise FileTooCostly(_refusal("filelimit.too_many_rows", row=number, limit=limits.max_rows), number)
        if width > limits.max_columns:
            raise FileTooCostly(
                _refusal("filelimit.too_many_columns", row=number, column=width, limit=limits.max_columns), number
            )
        self.cells += filled
        if self.cells > limits.max_cells:
            raise FileTooCostly(_refusal("filelimit.too_many_cells", limit=limits.max_cells), number)
        if number % 512 == 0:
            self.tick()

    def tick(self) -> None:
        if time.monotonic() - self.started > self.limits.max_seconds:
            raise FileTooCostly(_refusal("filelimit.too_slow", limit=self.limits.max_seconds))
