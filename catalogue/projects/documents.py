"""A project's data room: documents staff attach (a pre-feasibility study, the land-use status, site
photos, decisions), kept safely and handed to investors only while the project is public.

Safe keeping:
- a file is taken only when its bytes are one of a few kinds (PDF, PNG, JPEG, Word and Excel files),
  read from the bytes themselves (the name's extension must agree): never HTML, SVG or a program;
- at most :data:`MAX_BYTES` a file and :data:`MAX_PER_PROJECT` files a project;
- stored in the database with its SHA-256 (the backup carries it, a restore brings it back); the
  same file twice on one project is refused;
- served by ``/documents/ID`` as a download of its own type with ``nosniff`` and a sandboxing CSP,
  never as a page (catalogue/api.py), and only while the project is public.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import struct
import uuid
import zipfile
from dataclasses import dataclass
from typing import Any

import duckdb

from catalogue.clock import project_stamp, utcnow
from catalogue.core import Catalogue
from catalogue.errors import CatalogueError
from catalogue.search.normalize import clean_text
from catalogue.staff import history
from catalogue.text import Text, codes, enum_label, t

MAX_BYTES = 15 * 1024 * 1024
MAX_PER_PROJECT = 30
KINDS = ("pdf", "png", "jpeg", "docx", "xlsx")
MEDIA_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EXTENSIONS = {"pdf": (".pdf",), "png": (".png",), "jpeg": (".jpg", ".jpeg"), "docx": (".docx",), "xlsx": (".xlsx",)}
IMAGES = ("png", "jpeg")
COLUMNS = "id, project_code, kind, language, title, file_name, file_type, size_bytes, sha256, uploaded_by, uploaded_at"


class DocumentError(CatalogueError, ValueError):
    """A document that cannot be kept as given; ``text`` says why, in every language."""


@dataclass(frozen=True)
class Document:
    id: str
    project_code: str
    kind: str  # document_kind: prefeasibility, land, photo, decision, other
    language: str  # vi, en or both
    title: str
    file_name: str
    file_type: str  # one of KINDS
    size_bytes: int
    sha256: str
    uploaded_by: str | None
    uploaded_at: dt.datetime

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.file_type]

    @property
    def is_image(self) -> bool:
        return self.file_type in IMAGES

    def kind_label(self) -> Text:
        return enum_label("document_kind", self.kind)

    def language_label(self) -> Text:
        return enum_label("document_language", self.language)


def file_type(data: bytes) -> str | None:
    """What ``data`` is, read from its bytes (one of :data:`KINDS`), or None for anything else."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"PK\x03\x04"):
        try:  # the names only: nothing is decompressed
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except (zipfile.BadZipFile, ValueError, OSError):
            return None
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return "docx"
        if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
            return "xlsx"
    return None


def safe_file_name(name: str) -> str:
    """A file name fit for a download header: the last part of a path, no control or quoting
    characters, at most 120 characters (the extension kept)."""
    name = clean_text(re.split(r"[\\/]", name or "")[-1])  # NFC, no invisible or bidirectional controls
    name = re.sub(r'[\x00-\x1f\x7f"<>|*?:;]+', "_", name).strip(" .") or "document"
    stem, dot, extension = name.rpartition(".")
    if dot and len(extension) <= 5:
        return stem[: 120 - len(extension) - 1] + "." + extension
    return name[:120]


def _looks_like(data: bytes) -> str:
    """What a file we do not take seems to hold, from its first bytes: "html", "text" or "other"."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype", b"<html", b"<?xml", b"<svg", b"<script", b"<")):
        return "html"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return "other"
    return "text" if all(b >= 32 or b in b"\t\r\n" for b in head) else "other"


def _refuse(key: str, **values: object) -> DocumentError:
    return DocumentError(Text.of(key, **values))


def check(data: bytes, file_name: str, kind: str, language: str) -> str:
    """The file's type when ``data`` may be kept as a ``kind`` document; raises :class:`DocumentError`."""
    if kind not in codes("document_kind"):
        raise _refuse("documents.bad_kind")
    if language not in codes("document_language"):
        raise _refuse("documents.bad_language")
    if not data:
        raise _refuse("documents.empty")
    if len(data) > MAX_BYTES:
        raise _refuse("documents.too_big", limit=MAX_BYTES // (1024 * 1024))
    found = file_type(data)
    named = next(
        (kind for kind, endings in EXTENSIONS.items() if safe_file_name(file_name).lower().endswith(endings)), None
    )
    if found is None and named is not None:  # "evil.pdf" holding a web page: say so, not only what is taken
        raise DocumentError(
            Text.each(
                lambda lang: t(
                    "documents.not_what_named",
                    lang,
                    name=safe_file_name(file_name),
                    kind=named.upper(),
                    what=t(f"documents.looks_{_looks_like(data)}", lang),
                )
            )
        )
    if found is None:
        raise _refuse("documents.bad_type", name=safe_file_name(file_name))
    if not safe_file_name(file_name).lower().endswith(EXTENSIONS[found]):
        raise _refuse("documents.wrong_extension", name=safe_file_name(file_name), kind=found.upper())
    if kind == "photo" and found not in IMAGES:
        raise _refuse("documents.photo_not_image")
    _check_whole(data, found, safe_file_name(file_name))
    return found


MAX_PIXELS = 100_000_000  # a photo's width × height (a 60000 × 60000 PNG header is a browser's memory bomb)


def _check_whole(data: bytes, found: str, name: str) -> None:
    """A PDF that ends as a PDF does and a PNG with its end mark and a size a browser can draw:
    a truncated upload or a forged header is refused, said why (a helper's 18-byte PDF and a 1 KB
    PNG claiming 60000 × 60000 pixels were kept)."""
    if found == "pdf" and b"%%EOF" not in data[-2048:]:
        raise _refuse("documents.damaged", name=name)
    if found == "png":
        if data[12:16] != b"IHDR" or b"IEND" not in data[-1024:]:
            raise _refuse("documents.damaged", name=name)
        width, height = struct.unpack(">II", data[16:24])
        if not width or not height or width * height > MAX_PIXELS:
            raise _refuse("documents.image_too_large", name=name, width=width, height=height)


def add_document(
    cat: Catalogue,
    code: str,
    data: bytes,
    file_name: str,
    *,
    kind: str,
    language: str,
    title: str = "",
    actor: str | None = None,
) -> Document:
    """Keep ``data`` in project ``code``'s data room (any publication state: staff prepare it before
    publishing). All or nothing; raises :class:`DocumentError` with the reason."""
    found = check(data, file_name, kind, language)
    digest = hashlib.sha256(data).hexdigest()
    name = safe_file_name(file_name)
    document = Document(
        id=uuid.uuid4().hex,
        project_code=code,
        kind=kind,
        language=language,
        title=clean_text(title)[:200] or name,  # no bidirectional override turns "…fdp.exe" into "…exe.pdf"
        file_name=name,
        file_type=found,
        size_bytes=len(data),
        sha256=digest,
        uploaded_by=actor,
        uploaded_at=utcnow(),
    )

    def store(cur: duckdb.DuckDBPyConnection) -> None:
        if not cur.execute("select 1 from projects where code = ?", [code]).fetchall():
            raise _refuse("documents.no_project", code=code)
        held = cur.execute(
            "select sha256 from project_documents where project_code = ? and removed_at is null", [code]
        ).fetchall()
        if len(held) >= MAX_PER_PROJECT:
            raise _refuse("documents.too_many", limit=MAX_PER_PROJECT)
        if any(row[0] == digest for row in held):
            raise _refuse("documents.duplicate", name=name)
        cur.execute(
            f"insert into project_documents ({COLUMNS}, content) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [*_values(document), data],
        )
        comment = _history_comment(document.title, name)
        history.record(cur, [code], action="document_added", actor=actor, at=project_stamp(), comment=comment)

    cat.write(store, event="documents")
    return document


def _values(document: Document) -> list[Any]:
    return [
        document.id,
        document.project_code,
        document.kind,
        document.language,
        document.title,
        document.file_name,
        document.file_type,
        document.size_bytes,
        document.sha256,
        document.uploaded_by,
        document.uploaded_at,
    ]


def documents(cat: Catalogue, code: str, *, include_hidden: bool = False) -> list[Document]:
    """Project ``code``'s documents, newest first: none for the public unless the project is public."""
    if not include_hidden and cat.project(code) is None:
        return []

    def read() -> list[Document]:
        with cat.cursor() as cur:
            rows = cur.execute(
                f"select {COLUMNS} from project_documents where project_code = ? and removed_at is null "
                "order by uploaded_at desc, id",
                [code],
            ).fetchall()
        return [Document(*row) for row in rows]

    return cat.memo(("documents", code), read)


def document_content(
    cat: Catalogue, document_id: str, *, include_hidden: bool = False
) -> tuple[Document, bytes] | None:
    """A document and its bytes; None when there is none, it was removed, or (for the public) its
    project is not public."""
    with cat.cursor() as cur:
        found = cur.execute(
            f"select {COLUMNS}, content from project_documents where id = ? and removed_at is null", [document_id[:64]]
        ).fetchall()
    if not found:
        return None
    document, content = Document(*found[0][:-1]), bytes(found[0][-1])
    if not include_hidden and cat.project(document.project_code) is None:
        return None
    return document, content


def remove_document(cat: Catalogue, document_id: str, actor: str | None = None) -> bool:
    """Take a document out of the data room (kept, marked removed: who and when); False if there was none."""

    def mark(cur: duckdb.DuckDBPyConnection) -> bool:
        now = utcnow()
        changed = cur.execute(
            "update project_documents set removed_at = ?, removed_by = ?, content = null where id = ? and removed_at is null "
            "returning project_code, title, file_name",
            [now, actor, document_id],
        ).fetchall()
        for code, title, file_name in changed:  # the project's history says what left its data room
            comment = _history_comment(title, file_name)
            history.record(cur, [code], action="document_removed", actor=actor, at=project_stamp(), comment=comment)
        return bool(changed)

    return cat.write(mark, event="documents")


def _history_comment(title: str, file_name: str) -> str:
    return title if title == file_name else f"{title} ({file_name})"
