"""The :class:`Catalogue`: one DuckDB database, opened, migrated and used through here.

Concurrency follows Datasette's rule: one root connection per process, a fresh cursor for
every call (so Streamlit sessions on different threads never share one), and every write
through one lock, in one transaction, retried on a DuckDB transaction conflict.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pandas as pd

from .errors import DatabaseLockedError, InvalidFilterError
from .exporting import write_export
from .importing import ImportReport, parse_file
from .migrations import DATA_DIR, migrate
from .model import COLUMN_NAMES, DEFAULT_STATUS, SYSTEM_COLUMNS
from .reference import Reference
from .search import SearchHit, simple_search

DEFAULT_DB = DATA_DIR / "catalogue.duckdb"
DEMO_FILE = DATA_DIR / "demo_projects.csv"
ALL_COLUMNS = COLUMN_NAMES + tuple(name for name, _ in SYSTEM_COLUMNS)
WRITE_RETRIES = 5

T = TypeVar("T")
FilterValue = str | Sequence[str] | None


def resolve_db_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """``--db`` if given, else ``$CATALOGUE_DB``, else ``data/catalogue.duckdb``."""
    chosen = cli_value or os.environ.get("CATALOGUE_DB") or DEFAULT_DB
    return Path(chosen).expanduser()


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


class Catalogue:
    """The project catalogue stored in one DuckDB file (or ``":memory:"``)."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: str) -> None:
        self._root = connection
        self.path = path
        self._write_lock = threading.RLock()
        self._reference: Reference | None = None
        self._listeners: list[Callable[[str], None]] = []
        self._backup_server: Any = None

    # --- opening and closing ---------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None) -> Catalogue:
        """Open (creating if needed) and migrate the catalogue at ``path``.

        ``path`` defaults as in :func:`resolve_db_path`. Raises :class:`DatabaseLockedError`
        when another process holds the file and :class:`SchemaTooNewError` when it was
        written by a newer program.
        """
        target = ":memory:" if str(path) == ":memory:" else str(resolve_db_path(path))
        if target != ":memory:":
            Path(target).parent.mkdir(parents=True, exist_ok=True)
        try:
            connection = duckdb.connect(target)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise DatabaseLockedError(target, str(exc)) from exc
            raise
        catalogue = cls(connection, target)
        try:
            with catalogue._write_lock, catalogue.cursor() as cur:
                migrate(cur, target)
        except BaseException:
            connection.close()
            raise
        return catalogue

    def close(self) -> None:
        if self._backup_server is not None:
            self._backup_server.stop()
            self._backup_server = None
        self._root.close()

    def __enter__(self) -> Catalogue:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own for this call (cursors are not shared between threads)."""
        cur = self._root.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def write(self, work: Callable[[duckdb.DuckDBPyConnection], T], event: str = "write") -> T:
        """Run ``work(cursor)`` in one transaction under the process's write lock.

        Retries the whole transaction on a DuckDB conflict; any other error rolls back and is
        raised, so nothing is half-written.
        """
        for attempt in range(WRITE_RETRIES):
            with self._write_lock, self.cursor() as cur:
                cur.execute("begin transaction")
                try:
                    result = work(cur)
                    cur.execute("commit")
                except duckdb.TransactionException:
                    cur.execute("rollback")
                    if attempt == WRITE_RETRIES - 1:
                        raise
                    time.sleep(0.01 * (attempt + 1))
                    continue
                except BaseException:
                    cur.execute("rollback")
                    raise
            self._changed(event)
            return result
        raise AssertionError("unreachable")

    def on_change(self, listener: Callable[[str], None]) -> None:
        """Call ``listener(event)`` after every committed write (caches use this)."""
        self._listeners.append(listener)

    def _changed(self, event: str) -> None:
        for listener in list(self._listeners):
            listener(event)

    # --- reference data ----------------------------------------------------------------------

    @property
    def reference(self) -> Reference:
        if self._reference is None:
            with self.cursor() as cur:
                self._reference = Reference(cur)
        return self._reference

    @property
    def schema_version(self) -> int:
        with self.cursor() as cur:
            return cur.execute("select coalesce(max(version), 0) from schema_migrations").fetchall()[0][0]

    # --- reading -------------------------------------------------------------------------------

    def _where(self, filters: dict[str, Any], include_hidden: bool) -> tuple[str, list[Any]]:
        ref = self.reference
        clauses: list[str] = []
        params: list[Any] = []
        known = {
            "category": ("category", ref.categories.match),
            "district": ("district", ref.match_district),
            "status": ("status", ref.statuses.match),
            "investment_form": ("investment_form", ref.forms.match),
            "ward": ("ward", ref.match_ward),
        }
        for name, value in filters.items():
            if value is None or value == "" or (isinstance(value, (list, tuple)) and not value):
                continue
            if name in known:
                column, match = known[name]
                codes = [self._filter_code(name, v, match) for v in _as_list(value)]
                clauses.append(f"{column} in ({', '.join('?' for _ in codes)})")
                params.extend(codes)
            elif name == "lead_agency":
                codes = self._agency_codes(_as_list(value))
                clauses.append(f"lead_agency in ({', '.join('?' for _ in codes)})")
                params.extend(codes)
            elif name in ("min_investment", "max_investment"):
                number = _filter_number(name, value)
                clauses.append("investment_vnd_bn >= ?" if name == "min_investment" else "investment_vnd_bn <= ?")
                params.append(number)
            elif name == "demo":
                clauses.append("coalesce(demo, false) = ?")
                params.append(bool(value))
            else:
                raise TypeError(f"unknown filter {name!r}")
        if not include_hidden:
            public = ref.public_statuses
            clauses.append(f"status in ({', '.join('?' for _ in public)})")
            params.extend(public)
        return (" where " + " and ".join(clauses)) if clauses else "", params

    @staticmethod
    def _filter_code(name: str, value: str, match: Callable[[str], str | None]) -> str:
        code = match(str(value))
        if code is None:
            raise InvalidFilterError(
                f"Không có giá trị “{value}” cho bộ lọc {name}", f"“{value}” is not a known value for the {name} filter"
            )
        return code

    def _agency_codes(self, values: list[str]) -> list[str]:
        """An agency and the agencies merged into it: filtering by today's name finds the old."""
        ref = self.reference
        codes: list[str] = []
        for value in values:
            code = ref.agencies.match(str(value))
            if code is None:
                codes.append(str(value))  # a free-text lead agency from an imported file
                continue
            codes.append(code)
            codes.extend(old for old, new in ref.agency_successor.items() if new == code and old != code)
        return list(dict.fromkeys(codes))

    def projects(
        self,
        *,
        include_hidden: bool = False,
        order_by: str = "code",
        limit: int | None = None,
        offset: int = 0,
        **filters: Any,
    ) -> pd.DataFrame:
        """Projects matching ``filters`` as a DataFrame with the canonical columns.

        Filters: ``category``, ``district``, ``ward``, ``status``, ``investment_form``,
        ``lead_agency`` (each a code/label or a list of them), ``min_investment`` and
        ``max_investment`` in tỷ đồng. Draft and withdrawn projects appear only with
        ``include_hidden=True``. Raises :class:`InvalidFilterError` for an unknown value.
        """
        where, params = self._where(filters, include_hidden)
        order = {
            "code": "code",
            "updated": "updated_at desc, code",
            "investment": "investment_vnd_bn desc nulls last, code",
            "name": "name_vi, code",
        }[order_by]
        sql = f"select {', '.join(ALL_COLUMNS)} from projects{where} order by {order}"
        if limit is not None:
            sql += " limit ? offset ?"
            params = [*params, int(limit), int(offset)]
        with self.cursor() as cur:
            return cur.execute(sql, params).df()

    def count(self, *, include_hidden: bool = False, **filters: Any) -> int:
        where, params = self._where(filters, include_hidden)
        with self.cursor() as cur:
            return cur.execute(f"select count(*) from projects{where}", params).fetchall()[0][0]

    def project(self, code: str, *, include_hidden: bool = False) -> dict[str, Any] | None:
        """One project as a dict, or ``None`` if there is none the caller may see."""
        where, params = self._where({}, include_hidden)
        where = (where + " and" if where else " where") + " code = ?"
        with self.cursor() as cur:
            frame = cur.execute(f"select {', '.join(ALL_COLUMNS)} from projects{where}", [*params, code]).df()
        if frame.empty:
            return None
        return {k: (None if _is_missing(v) else v) for k, v in frame.iloc[0].to_dict().items()}

    def search(self, query: str, limit: int = 20, **filters: Any) -> list[SearchHit]:
        """Projects matching ``query`` (accent- and case-blind), best first."""
        frame = self.projects(**filters)
        return simple_search(frame, query, limit, self.reference)

    # --- import and export -------------------------------------------------------------------

    def import_file(
        self, path: str | os.PathLike[str], dry_run: bool = False, progress: Callable[[float], None] | None = None
    ) -> ImportReport:
        """Import a CSV/XLSX/JSON file in the project template, all rows or none.

        Rows upsert by ``code``. Columns absent from the file keep their stored values; a
        blank status keeps the stored one (new projects get ``calling``). With any error, or
        with ``dry_run``, the database is not changed and the report says what would happen.
        """
        report = ImportReport(source=str(path), dry_run=dry_run)
        parsed = parse_file(path, self.reference, progress)
        report.errors = parsed.errors
        report.ignored_columns = parsed.ignored_columns
        report.rows_read = parsed.rows_read
        if parsed.errors or parsed.frame.empty:
            return report

        def upsert(cur: duckdb.DuckDBPyConnection) -> tuple[int, int, int]:
            return _upsert(cur, parsed.frame, parsed.columns, dry_run)

        if dry_run:
            with self._write_lock, self.cursor() as cur:
                counts = _upsert(cur, parsed.frame, parsed.columns, dry_run=True)
        else:
            counts = self.write(upsert, event="projects")
            report.committed = True
        report.inserted, report.updated, report.unchanged = counts
        return report

    def export(
        self, path: str | os.PathLike[str], *, lang: str = "canonical", include_hidden: bool = False, **filters: Any
    ) -> int:
        """Write matching projects to ``path`` (.csv, .xlsx or .json); returns the row count."""
        frame = self.projects(include_hidden=include_hidden, **filters)
        demo = int(frame["demo"].fillna(False).astype(bool).sum()) if not frame.empty else 0
        about = {
            "Nguồn / Source": "Danh mục dự án kêu gọi đầu tư ngành công nghiệp môi trường Hà Nội "
            "(Kế hoạch 275/KH-UBND ngày 20/11/2023)",
            "Xuất lúc / Exported at (UTC)": _utcnow().isoformat(sep=" "),
            "Số dự án / Projects": str(len(frame)),
            "Bộ lọc / Filters": ", ".join(f"{k}={v}" for k, v in filters.items() if v not in (None, "")) or "—",
        }
        if demo:
            about["Lưu ý / Note"] = (
                f"{demo} dự án là dữ liệu minh họa, không phải dự án chính thức / "
                f"{demo} projects are illustrative demo data, not official projects"
            )
        return write_export(frame, path, self.reference, lang, about)

    def backup(self, directory: str | os.PathLike[str]) -> dict[str, Any]:
        """Write a consistent copy into the new directory ``directory`` (see backup.py)."""
        from .backup import backup

        return backup(self, directory)

    def serve_backups(self) -> Any:
        """Answer backup requests from other processes (the CLI) while this one holds the file."""
        from .backup import BackupServer

        if self.path == ":memory:" or self._backup_server is not None:
            return self._backup_server
        self._backup_server = BackupServer(self).start()
        return self._backup_server

    def load_demo(self) -> ImportReport:
        """Load the illustrative demo projects shipped in ``data/demo_projects.csv``."""
        return self.import_file(DEMO_FILE)


def _upsert(
    cur: duckdb.DuckDBPyConnection, frame: pd.DataFrame, columns: list[str], dry_run: bool
) -> tuple[int, int, int]:
    cur.register("incoming", frame)
    try:
        # A blank status keeps the stored one; every other present column is overwritten.
        def incoming_value(name: str) -> str:
            return "coalesce(i.status, p.status)" if name == "status" else f"i.{name}"

        changed = " or ".join(f"{incoming_value(c)} is distinct from p.{c}" for c in columns if c != "code") or "false"
        total = len(frame)
        existing = _scalar(cur, "select count(*) from incoming i join projects p using (code)")
        updated = _scalar(cur, f"select count(*) from incoming i join projects p using (code) where {changed}")
        if not dry_run and updated:
            sets = ", ".join(f"{c} = {incoming_value(c)}" for c in columns if c != "code")
            cur.execute(
                f"update projects p set {sets}, updated_at = ?, version = p.version + 1 "
                f"from incoming i where p.code = i.code and ({changed})",
                [_utcnow()],
            ).fetchall()
        if not dry_run and total > existing:
            names = [c for c in columns if c not in ("status", "demo")]
            status = "coalesce(i.status, ?)" if "status" in columns else "?"
            demo = "coalesce(i.demo, false)" if "demo" in columns else "false"
            now = _utcnow()
            cur.execute(
                f"insert into projects ({', '.join(names)}, status, demo, created_at, updated_at, version) "
                f"select {', '.join('i.' + c for c in names)}, {status}, {demo}, ?, ?, 1 "
                "from incoming i anti join projects p using (code)",
                [DEFAULT_STATUS, now, now],
            ).fetchall()
        return total - existing, updated, existing - updated
    finally:
        cur.unregister("incoming")


def _scalar(cur: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> Any:
    return cur.execute(sql, params).fetchall()[0][0]


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple, set)) else [value]


def _filter_number(name: str, value: Any) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError) as exc:
        raise InvalidFilterError(
            f"“{value}” không phải là số (bộ lọc {name})", f"“{value}” is not a number (filter {name})"
        ) from exc
    if number != number or number < 0:
        raise InvalidFilterError(
            f"Bộ lọc {name} phải là số không âm", f"The {name} filter must be a non-negative number"
        )
    return number


def _is_missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
