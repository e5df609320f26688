"""The :class:`Catalogue`: the façade the pages, the CLI and the Python API use.

It holds a :class:`~catalogue.storage.database.Database` (connection, cursors, serialised writes,
change events) and the process's shared state (reference labels, the search index, the rate
limiters, the backup server), and offers the project queries, search, import and export. The
staff and leadership features are functions of their modules that take the catalogue
(``auth.sign_in(cat, …)``, ``workflow.transition(cat, …)``, ``plan.tasks(cat, …)``).
"""

from __future__ import annotations

import functools
import json
import os
import threading
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pandas as pd

from catalogue.clock import project_stamp
from catalogue.data import data_file
from catalogue.errors import CatalogueError, SynonymError
from catalogue.projects import layout
from catalogue.projects.exporting import NOT_PUBLIC, write_export
from catalogue.projects.filters import Filters, resolve_filters
from catalogue.projects.importing import (
    ALL_SHEETS,
    ColumnsAsked,
    ImportReport,
    ParsedFile,
    merge_notes,
    parse_file,
    parse_sheets,
)
from catalogue.projects.model import COLUMN_NAMES, SYSTEM_COLUMNS
from catalogue.projects.reference import Reference
from catalogue.projects.upsert import upsert as upsert_rows
from catalogue.search.index import SearchHit, SearchIndex, SearchResult
from catalogue.search.normalize import clean_text, fold, search_fold
from catalogue.staff.auth import SignInGuard
from catalogue.staff.inquiries import RateLimiter
from catalogue.storage.database import Database
from catalogue.text import Text

ALL_COLUMNS = COLUMN_NAMES + tuple(name for name, _ in SYSTEM_COLUMNS)

T = TypeVar("T")
MEMO_ENTRIES = 4096  # remembered reads per data version before the memo starts afresh
_MISSING = object()
FilterValue = str | Sequence[str] | None


class Catalogue:
    """The project catalogue stored in one DuckDB file (or ``":memory:"``)."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.path = database.path
        self._reference: Reference | None = None
        self._search_index: SearchIndex | None = None
        self._index_lock = threading.Lock()
        database.on_change(self._forget_after_restore)
        self.inquiry_limiter = RateLimiter()
        self.sign_in_guard = SignInGuard()
        self._memo_cache: dict[tuple[Any, ...], Any] = {}
        self._memo_version = -1

    # --- opening and closing ---------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> Catalogue:
        """Open (creating if needed) and migrate the catalogue at ``path`` (see :meth:`Database.open`);
        ``read_only`` for a replica: reads only, every write refused."""
        return cls(Database.open(path, read_only=read_only))

    @property
    def read_only(self) -> bool:
        return self.database.read_only

    def _forget_after_restore(self, event: str) -> None:
        if event == "restore":  # the reference tables may differ in the restored file
            self._reference = None

    def close(self) -> None:
        self.database.close()

    def __enter__(self) -> Catalogue:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def cursor(self) -> AbstractContextManager[duckdb.DuckDBPyConnection]:
        """A cursor of its own for this call (see :meth:`Database.cursor`)."""
        return self.database.cursor()

    def write(self, work: Callable[[duckdb.DuckDBPyConnection], T], event: str = "write") -> T:
        """``work(cursor)`` in one transaction under the write lock (see :meth:`Database.write`)."""
        return self.database.write(work, event)

    def on_change(self, listener: Callable[[str], None]) -> None:
        self.database.on_change(listener)

    @property
    def data_version(self) -> int:
        return self.database.data_version

    def _memo_now(self) -> dict[tuple[Any, ...], Any]:
        """The memo of the current data version (a new dict when it changed: readers of the old keep theirs)."""
        version = self.data_version
        if version != self._memo_version or len(self._memo_cache) > MEMO_ENTRIES:
            self._memo_cache, self._memo_version = {}, version
        return self._memo_cache

    def memo(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """``compute()``, remembered until the next write that changes data (the data version).

        Pages rerun on every click and read the same rows again and again; a write (any project
        change, import, restore) starts a new version, so nothing remembered is older than the
        data. The version is read before computing: a value computed while a write commits is
        kept under the older version, which no reader asks for once the write is counted.
        Callers get the stored object itself: remember only what nobody changes in place.
        """
        cache = self._memo_now()
        found = cache.get(key, _MISSING)
        if found is _MISSING:
            found = cache[key] = compute()
        return found

    # --- reference data ----------------------------------------------------------------------

    @property
    def reference(self) -> Reference:
        if self._reference is None:
            with self.cursor() as cur:
                self._reference = Reference(cur)
        return self._reference

    @property
    def schema_version(self) -> int:
        return self.database.schema_version

    # --- reading -------------------------------------------------------------------------------

    def filters(self, include_hidden: bool = False, **filters: Any) -> Filters:
        """Resolve filter values (codes or labels) once; see :func:`resolve_filters`."""
        return resolve_filters(self.reference, filters, include_hidden)

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
        where, params = self.filters(include_hidden, **filters).sql()
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

    def public_projects_sql(self) -> tuple[str, list[Any]]:
        """The projects the public may see, as a subquery with its parameters: published after
        review and at a public stage. Everything a visitor can read or download that names or
        counts projects (pages, charts, the annual report) is built on this (or on
        :meth:`projects`, which applies the same filter)."""
        where, params = self.filters().sql()
        return f"(select * from projects{where})", params

    def count(self, *, include_hidden: bool = False, **filters: Any) -> int:
        where, params = self.filters(include_hidden, **filters).sql()

        def counted() -> int:
            with self.cursor() as cur:
                return cur.execute(f"select count(*) from projects{where}", params).fetchall()[0][0]

        return self.memo(("count", where, tuple(map(repr, params))), counted)

    def project(self, code: str, *, include_hidden: bool = False) -> dict[str, Any] | None:
        """One project as a dict, or ``None`` if there is none the caller may see."""
        found = self.rows([code], include_hidden=include_hidden)
        return dict(found[0]) if found else None

    def public_code(self, code: str) -> str | None:
        """The code of the public project ``code`` names, typed in any case ("demo-015" is DEMO-015,
        as the search finds it); ``None`` when it names none, or more than one (codes differing
        only in case)."""
        if self.rows([code]):
            return code
        key = ("public_code", code.strip().casefold())
        found = self.memo(key, lambda: self._codes_folded(key[1]))
        return found[0] if len(found) == 1 else None

    def _codes_folded(self, folded: str) -> list[str]:
        where, params = self.filters(False).sql()
        where = (where + " and" if where else " where") + " lower(code) = ?"
        with self.cursor() as cur:
            return [
                row[0] for row in cur.execute(f"select code from projects{where} limit 2", [*params, folded]).fetchall()
            ]

    def rows(self, codes: Sequence[str], *, include_hidden: bool = False) -> list[dict[str, Any]]:
        """The projects ``codes`` that the caller may see, as dicts of every column (missing values
        as ``None``), in the order asked; remembered per data version (see :meth:`memo`): the
        result cards and the project page read the same rows on every rerun. Read-only dicts:
        copy one before changing it."""
        wanted = tuple(dict.fromkeys(codes))
        cache = self._memo_now()
        missing = [code for code in wanted if ("row", include_hidden, code) not in cache]
        if missing:
            where, params = self.filters(include_hidden).sql()
            where = (where + " and" if where else " where") + f" code in ({', '.join('?' for _ in missing)})"
            with self.cursor() as cur:
                result = cur.execute(f"select {', '.join(ALL_COLUMNS)} from projects{where}", [*params, *missing])
                names = [d[0] for d in result.description]
                found = {row[0]: dict(zip(names, row, strict=True)) for row in result.fetchall()}
            for code in missing:
                cache[("row", include_hidden, code)] = found.get(code)
        rows = [cache[("row", include_hidden, code)] for code in wanted]
        return [row for row in rows if row is not None]

    @property
    def search_index(self) -> SearchIndex:
        """The in-memory search index, kept in step with writes (see :meth:`prepare_index`).

        Built on first use when not prepared; never behind the write lock, so a search waits for
        no write (only the very first one waits for the first build)."""
        index = self._search_index
        if index is None:
            with self._index_lock:
                if self._search_index is None:
                    self._search_index = SearchIndex(self)
                index = self._search_index
        return index

    def prepare_index(self) -> None:
        """Build the search index now (the app does this at start-up, not at the first search)."""
        _ = self.search_index

    def search_page(
        self,
        query: str,
        *,
        limit: int = 20,
        offset: int = 0,
        sort: str = "relevance",
        facets: bool = True,
        include_hidden: bool = False,
        **filters: Any,
    ) -> SearchResult:
        """A page of search results with the total and facet counts for the same query and filters.

        ``sort`` is ``relevance`` (the default), ``investment`` (largest first), ``updated``
        (newest first) or ``code``. An empty query lists every project the filters allow.
        """
        resolved = self.filters(include_hidden, **filters)
        return self.search_index.search(query, resolved, limit=limit, offset=offset, sort=sort, facets=facets)

    def search_codes(self, query: str, *, include_hidden: bool = False, **filters: Any) -> list[str]:
        """The codes of every project ``search_page`` would count for ``query`` and ``filters``."""
        return self.search_index.matching_codes(query, self.filters(include_hidden, **filters))

    def search(self, query: str, limit: int = 20, **filters: Any) -> list[SearchHit]:
        """Projects matching ``query``, best first (see :mod:`catalogue.search.index`)."""
        return self.search_page(query, limit=limit, facets=False, **filters).hits

    def synonyms(self) -> pd.DataFrame:
        """The abbreviations search expands (term, expansion, note, source, added_by, added_at)."""
        with self.cursor() as cur:
            return cur.execute("select * from synonyms order by term").df()

    def glossary(self) -> pd.DataFrame:
        """The terms search finds in either language (vi, en, source, added_by, added_at)."""
        with self.cursor() as cur:
            return cur.execute("select * from glossary order by vi, en").df()

    def add_glossary_term(self, vi: str, en: str, *, added_by: str | None = None) -> None:
        """Teach search that a Vietnamese term and an English one mean the same (``"bùn thải"``,
        ``"sludge"``): a query in either language then finds text in the other.

        Raises :class:`SynonymError` when either side is empty or both read the same.
        """
        vi_text, en_text = clean_text(vi), clean_text(en)
        if not search_fold(vi_text) or not search_fold(en_text):
            raise SynonymError(Text.of("glossary.both_sides"))
        if search_fold(vi_text) == search_fold(en_text):
            raise SynonymError(Text.of("glossary.same"))

        def insert(cur: duckdb.DuckDBPyConnection) -> None:
            cur.execute(
                "insert or replace into glossary (vi, en, source, added_by, added_at) values (?, ?, ?, ?, ?)",
                [vi_text, en_text, "staff", added_by, project_stamp()],
            ).fetchall()

        self.write(insert, event="synonyms")

    def add_synonym(self, term: str, expansion: str, *, note: str | None = None, added_by: str | None = None) -> None:
        """Teach search an abbreviation (``"XLNT"`` → ``"xử lý nước thải"``), or redefine one.

        Raises :class:`SynonymError` when the term is not a single word or the expansion is
        empty or the same as the term.
        """
        key = search_fold(clean_text(term)).strip()
        meaning = clean_text(expansion)
        if not key or " " in key:
            raise SynonymError(Text.of("synonym.not_one_word"))
        if not search_fold(meaning).strip() or search_fold(meaning).split() == [key]:
            raise SynonymError(Text.of("synonym.no_meaning"))

        def upsert(cur: duckdb.DuckDBPyConnection) -> None:
            cur.execute(
                "insert or replace into synonyms (term, expansion, note, source, added_by, added_at) "
                "values (?, ?, ?, ?, ?, ?)",
                [key, meaning, note, "staff", added_by, project_stamp()],
            ).fetchall()

        self.write(upsert, event="synonyms")

    # --- import and export -------------------------------------------------------------------

    def column_mappings(self) -> list[layout.SavedMapping]:
        """The column mappings saved for agencies' lists, by name."""
        with self.cursor() as cur:
            rows = cur.execute("select name, headers, mapping from column_mappings order by name").fetchall()
        return [layout.SavedMapping(name, json.loads(headers), json.loads(mapping)) for name, headers, mapping in rows]

    def save_column_mapping(
        self, name: str, choices: list[layout.ColumnChoice], *, saved_by: str | None = None
    ) -> layout.SavedMapping:
        """Save how a list's columns are read under ``name`` (replacing one of that name): the next
        file with the same column headings is read the same way without asking."""
        label = clean_text(name)
        if not label:
            raise CatalogueError(Text.of("import.mapping_name_empty"))
        saved = layout.SavedMapping(
            label[:100], layout.header_key(choices), {fold(c.text): c.value for c in choices if not c.added}
        )

        def upsert(cur: duckdb.DuckDBPyConnection) -> None:
            cur.execute(
                "insert or replace into column_mappings (name, headers, mapping, saved_by, saved_at) values (?, ?, ?, ?, ?)",
                [
                    saved.name,
                    json.dumps(saved.headers),
                    json.dumps(saved.mapping, ensure_ascii=False),
                    saved_by,
                    project_stamp(),
                ],
            ).fetchall()

        self.write(upsert, event="column_mappings")
        return saved

    def import_file(
        self,
        path: str | os.PathLike[str],
        dry_run: bool = False,
        progress: Callable[[float], None] | None = None,
        *,
        actor: str | None = None,
        new_publication: str = "published",
        keep_rows: bool = False,
        source: str | None = None,
        sheet: str | None = None,
        columns: dict[str, str] | None = None,
        mapping: str | None = None,
        codes: dict[int, str] | None = None,
    ) -> ImportReport:
        """Import a project list (the template, or a list as an agency sent it), all rows or none.

        Rows upsert by ``code``; columns absent from the file keep their stored values; a blank status
        keeps the stored one (new projects get ``calling``). With any error, or ``dry_run``, nothing
        changes and the report says what would happen. A committed import is one event in the history
        (one per sheet when sheets are read together), by ``actor``. New projects get
        ``new_publication`` (the import page and the CLI use ``draft``); published projects the file
        brings back from the archive go to review (``review``). ``keep_rows``: the report keeps the
        rows and their outcomes. ``source`` names the file in the history; ``sheet``: which sheet
        (``ALL_SHEETS``: every one holding a list); ``columns`` (folded header → field) and ``mapping``
        (a saved mapping's name): how the columns are read; ``codes`` (row → code): codes the user
        gave rows without one."""
        report = ImportReport(source=source or str(path), dry_run=dry_run)
        asked = ColumnsAsked(columns or {}, self.column_mappings(), mapping, codes or {})  # how the file is read
        read = parse_sheets if sheet == ALL_SHEETS else functools.partial(parse_file, sheet=sheet)
        parsed = read(path, self.reference, progress, columns=asked)  # ALL_SHEETS: each sheet as a list
        self._say_how_read(report, parsed, Path(path).name, source)
        if parsed.errors or (parsed.frame.empty and not parsed.parts):
            return report
        outcomes = report.outcomes if keep_rows else None

        def upsert(cur: duckdb.DuckDBPyConnection) -> tuple[int, int, int]:
            named = {"outcomes": outcomes, "actor": actor, "source": label, "publication": new_publication}
            if parsed.parts:
                return _upsert_sheets(cur, parsed, report, dry_run, **named)
            _pair_with_stored(cur, parsed, report)
            _keep_staff_notes(cur, parsed)
            return upsert_rows(cur, parsed.frame, parsed.columns, dry_run, review=report.review, **named)

        label = source or Path(path).name
        if dry_run:  # nothing written, so no transaction: the write lock keeps the counts true
            with self.database.write_lock, self.cursor() as cur:
                counts = upsert(cur)
        else:
            counts = self.write(upsert, event="projects")
            report.committed = True
        report.inserted, report.updated, report.unchanged = counts
        if keep_rows:
            report.rows = parsed.frame if not parsed.parts else _sheet_rows(parsed)
        return report

    def _say_how_read(self, report: ImportReport, parsed: ParsedFile, own: str, source: str | None) -> None:
        """What the reading found, in the report: the problems (a problem with the whole file names it as
        the user knows it, ``source``), and for an agency's list what was understood, the rows skipped
        and the codes proposed."""
        report.errors = parsed.errors
        if source:
            report.errors = [replace(e, value=Path(source).name) if e.value == own else e for e in parsed.errors]
        report.more_errors = parsed.more_errors
        report.ignored_columns = parsed.ignored_columns
        report.rows_read = parsed.rows_read
        if parsed.parts:
            _say_how_sheets_read(report, parsed, self.reference)
            return
        report.layout = parsed.layout
        if parsed.layout is not None and not parsed.layout.plain:
            report.understood = layout.summary(parsed.layout, self.reference, parsed.rows_read)
            report.skipped = layout.skipped_rows(parsed.layout)
            report.proposed = sorted(parsed.layout.proposed_codes.items())

    def export(
        self, path: str | os.PathLike[str], *, lang: str = "canonical", include_hidden: bool = False, **filters: Any
    ) -> int:
        """Write matching projects to ``path`` (.csv, .xlsx or .json); returns the row count."""
        frame = self.projects(include_hidden=include_hidden, **filters)
        demo = int(frame["demo"].fillna(False).astype(bool).sum()) if not frame.empty else 0
        about = {
            "Nguồn / Source": "Danh mục dự án kêu gọi đầu tư ngành công nghiệp môi trường Hà Nội "
            "(Kế hoạch 275/KH-UBND ngày 20/11/2023)",
            "Xuất lúc / Exported at (UTC)": project_stamp().isoformat(sep=" "),
            "Số dự án / Projects": str(len(frame)),
            "Bộ lọc / Filters": ", ".join(f"{k}={v}" for k, v in filters.items() if v not in (None, "")) or "—",
        }
        if demo:
            about["Lưu ý / Note"] = (
                f"{demo} dự án là dữ liệu minh họa, không phải dự án chính thức / "
                f"{demo} projects are illustrative demo data, not official projects"
            )
        leave_out = () if include_hidden else NOT_PUBLIC  # a public download holds what the public reads
        return write_export(frame, path, self.reference, lang, about, leave_out)

    def backup(self, directory: str | os.PathLike[str]) -> dict[str, Any]:
        """Write a consistent copy into the new directory ``directory`` (see backup.py)."""
        from catalogue.storage.backup import backup

        return backup(self, directory)

    def restore_from(self, directory: str | os.PathLike[str]) -> dict[str, Any]:
        """Replace this catalogue's file with the backup in ``directory`` while it stays open (the
        app goes on serving; see :meth:`Database.replace`); returns the backup's manifest, with
        ``discarded``: the changes made since the backup, which the restore threw away (also
        recorded, as a "restore" event, in the restored file's history), ``kept``: where the
        database as it was is backed up first (when the restore discards anything), and
        ``carried``: the account security and open sessions the restored file kept from the
        replaced one."""
        from catalogue.staff import history
        from catalogue.storage.backup import (
            discarded_changes,
            keep_before_restore,
            read_manifest,
            restore,
            restore_summary,
        )

        read_manifest(directory)  # not a backup: refused before anything else is done
        with self.cursor() as cur:
            discarded = discarded_changes(cur, directory)
        kept = keep_before_restore(self, discarded)
        manifest = self.database.replace(lambda path: restore(directory, path, force=True))
        summary = restore_summary(directory, discarded, kept)
        self.write(lambda cur: history.new_event(cur, "restore", None, summary, project_stamp()), event="admin")
        return {**manifest, "discarded": discarded, "kept": kept}

    def similar(self, code: str, limit: int = 4) -> list[str]:
        """Codes of published projects most like ``code``: same category first, then the same
        district, then the closest capital; never the project itself, never a hidden one."""
        return self.memo(("similar", code, limit), lambda: self._similar(code, limit))

    def _similar(self, code: str, limit: int) -> list[str]:
        me = self.project(code, include_hidden=True)
        if me is None:
            return []
        public = self.filters().visible_statuses
        with self.cursor() as cur:
            rows = cur.execute(
                "select code from projects where code <> ? and coalesce(publication, 'published') = 'published' "
                f"and status in ({', '.join('?' for _ in public)}) order by (category = ?) desc, "
                "(coalesce(district, '') = coalesce(?, '-')) desc, "
                "abs(coalesce(investment_vnd_bn, 0) - coalesce(?, 0)), code limit ?",
                [code, *public, me["category"], me["district"], me["investment_vnd_bn"], int(limit)],
            ).fetchall()
        return [c for (c,) in rows]

    def load_demo(self) -> ImportReport:
        """Load the illustrative demo projects shipped in ``catalogue/data/demo_projects.csv``, with an
        illustrative timeline (creation dates and stage changes) for the dashboard."""
        from catalogue.projects.demo import add_demo_timeline

        report = self.import_file(data_file("demo_projects.csv"))
        if report.committed:
            add_demo_timeline(self)
        return report


def _upsert_sheets(
    cur: duckdb.DuckDBPyConnection, parsed: ParsedFile, report: ImportReport, dry_run: bool, **named: Any
) -> tuple[int, int, int]:
    """Sheets read together: each sheet's rows written with its own columns (a column one sheet lacks
    keeps the stored values of that sheet's projects), in the one transaction; one history event each."""
    totals = [0, 0, 0]
    for name, part in parsed.parts:
        outcomes: dict[str, str] = {}  # each sheet's own (upsert fills the dict it is given afresh)
        review: list[str] = []
        said = len(report.understood)
        _pair_with_stored(cur, part, report)  # a corrected name found again, said with its sheet
        report.understood[said:] = [_on_sheet(name, line) for line in report.understood[said:]]
        _keep_staff_notes(cur, part)
        counts = upsert_rows(
            cur,
            part.frame,
            part.columns,
            dry_run,
            outcomes=outcomes,
            review=review,
            actor=named["actor"],
            source=f"{named['source']} · {name}",
            publication=named["publication"],
        )
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        if named["outcomes"] is not None:  # kept when the rows are (keep_rows)
            named["outcomes"].update(outcomes)
        report.review += review
    return totals[0], totals[1], totals[2]


def _keep_staff_notes(cur: duckdb.DuckDBPyConnection, parsed: ParsedFile) -> None:
    """A list imported again does not wipe what staff wrote in its projects' internal notes
    (catalogue.projects.importing.merge_notes)."""
    frame = parsed.frame
    if "source_note" not in frame or frame.empty:
        return
    headings = parsed.layout.note_headings if parsed.layout is not None else []
    codes = [str(code) for code in frame["code"].tolist()]
    stored = dict(
        cur.execute(
            "select code, source_note from projects where source_note is not null "
            "and code in (select unnest(?::varchar[]))",
            [codes],
        ).fetchall()
    )
    if stored:
        notes = frame["source_note"].tolist()
        merged = [merge_notes(stored.get(c), n, headings) for c, n in zip(codes, notes, strict=True)]
        frame["source_note"] = pd.array(merged, dtype=frame["source_note"].dtype)


def _sheet_rows(parsed: ParsedFile) -> pd.DataFrame:
    """The rows of sheets read together, one table, each row with its sheet (for the preview)."""
    frames = [part.frame.assign(sheet=name) for name, part in parsed.parts if not part.frame.empty]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _say_how_sheets_read(report: ImportReport, parsed: ParsedFile, ref: Reference) -> None:
    """Each sheet's reading, its lines named by the sheet; the columns of all sheets for the columns form."""
    first = parsed.parts[0][1].layout
    columns: dict[str, layout.ColumnChoice] = {}
    for _name, part in parsed.parts:
        for choice in part.layout.columns if part.layout else []:
            if not choice.added:
                columns.setdefault(fold(choice.text), choice)
    sheets = first.sheets if first is not None else [name for name, _part in parsed.parts]
    report.layout = layout.Layout(sheet=ALL_SHEETS, sheets=sheets, columns=list(columns.values()))
    for name, part in parsed.parts:
        if part.layout is None:
            continue
        part.layout.sheets = []  # each is read in turn: no "choose another sheet" in its lines
        report.understood += [_on_sheet(name, said) for said in layout.summary(part.layout, ref, part.rows_read)]
        report.skipped += [(row, kind, f"[{name}] {text}") for row, kind, text in layout.skipped_rows(part.layout)]


def _on_sheet(name: str, said: layout.Said) -> layout.Said:
    return layout.Said(said.level, Text.each(lambda lang: f"{name} · {said.text(lang)}"))


def _pair_with_stored(cur: duckdb.DuckDBPyConnection, parsed: ParsedFile, report: ImportReport) -> None:
    """Rows whose proposed code is new, paired with a stored project of the same place and nearly the
    same name (a list sent again with a name corrected); said in the report."""
    if parsed.layout is None or not (parsed.layout.proposed_codes or parsed.layout.given_codes):
        return
    rows = cur.execute("select code, name_vi, district, ward, publication from projects").fetchall()
    stored = [row[:4] for row in rows]
    report.understood += layout.said_given_codes(parsed.layout, {row[0]: row[1:] for row in rows})
    pairs = layout.pair_with_stored(parsed.frame, parsed.layout, stored)
    report.understood += layout.said_pairings(pairs)
    report.understood += layout.said_claimed(parsed.frame, parsed.layout, stored, parsed.numbers)
    report.paired = [(p.row, p.code) for p in pairs if p.paired]
    known = {row[0] for row in rows}
    report.overwrites = [(row, code) for row, code in sorted(parsed.layout.given_codes.items()) if code in known]
    report.proposed = [(row, code) for row, code in report.proposed if row not in dict(report.paired)]
