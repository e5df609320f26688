"""The data room: what is taken (read from the bytes, not the name), what is refused and why, who
may download what, and the pages that show it (staff attach on the edit page; investors download
from the project page, only while the project is public)."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest
from starlette.requests import Request

from catalogue.api import Routes
from catalogue.projects.documents import (
    MAX_BYTES,
    MAX_PER_PROJECT,
    DocumentError,
    add_document,
    document_content,
    documents,
    file_type,
    remove_document,
    safe_file_name,
)
from catalogue.staff.history import project_history
from tests.test_app import demo_catalogue

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"


def _png() -> bytes:
    from PIL import Image  # Streamlit's own dependency

    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), (15, 118, 110)).save(buffer, format="PNG")
    return buffer.getvalue()


PNG = _png()
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def office(kind: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in ("[Content_Types].xml", "word/document.xml" if kind == "docx" else "xl/workbook.xml"):
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), "<x/>")  # the same bytes each time
    return buffer.getvalue()


def _hide(cat, code: str) -> None:
    cat.write(lambda cur: cur.execute("update projects set publication = 'draft' where code = ?", [code]))


def test_a_files_kind_is_read_from_its_bytes():
    assert [file_type(data) for data in (PDF, PNG, JPEG, office("docx"), office("xlsx"))] == [
        "pdf", "png", "jpeg", "docx", "xlsx",
    ]  # fmt: skip
    for hostile in (
        b"<!doctype html><script>alert(1)</script>",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        b"MZ\x90\x00 a Windows program",
        b"PK\x03\x04 not really a zip",
        b"",
    ):
        assert file_type(hostile) is None


@pytest.mark.parametrize(
    ("data", "name", "kind", "reason"),
    [
        # named .pdf, holding a web page: said so, not only what is taken (a helper's "evil.pdf")
        (
            b"<html><script>alert(1)</script></html>",
            "study.pdf",
            "prefeasibility",
            "does not hold a PDF (it looks like a web page",
        ),
        (b"Just some notes\n", "notes.docx", "other", "does not hold a DOCX (it looks like plain text)"),
        (b"<svg onload=alert(1)>", "site.svg", "photo", "only PDF"),
        (PDF, "study.html", "prefeasibility", "its name's extension says otherwise"),
        (PDF, "photo.pdf", "photo", "A site photo must be a PNG or JPEG"),
        (b"", "empty.pdf", "other", "The file is empty"),
        (PDF, "x.pdf", "spreadsheet", "Choose the document's kind"),
        # a truncated upload and a forged header (a helper's 18-byte PDF and 1 KB "60000 × 60000" PNG)
        (PDF[:18], "cut.pdf", "prefeasibility", "looks damaged or incomplete"),
        (PNG[:-12], "cut.png", "photo", "looks damaged or incomplete"),
        (
            PNG[:16] + struct.pack(">II", 60_000, 60_000) + PNG[24:],
            "bomb.png",
            "photo",
            "60000 × 60000 image is too large",
        ),
    ],
)
def test_what_cannot_be_kept_is_refused_with_the_reason(data, name, kind, reason):
    with demo_catalogue() as cat:
        with pytest.raises(DocumentError) as refused:
            add_document(cat, "DEMO-001", data, name, kind=kind, language="vi")
        assert reason in refused.value.text("en")
        assert documents(cat, "DEMO-001", include_hidden=True) == []  # nothing half kept


def test_size_count_and_duplicate_limits():
    with demo_catalogue() as cat:
        with pytest.raises(DocumentError, match="larger than 15 MB"):
            add_document(cat, "DEMO-001", PDF + b"0" * MAX_BYTES, "big.pdf", kind="other", language="vi")
        add_document(cat, "DEMO-001", PDF, "a.pdf", kind="other", language="vi")
        with pytest.raises(DocumentError, match="already in the project's data room"):
            add_document(cat, "DEMO-001", PDF, "copy.pdf", kind="other", language="vi")
        for number in range(MAX_PER_PROJECT - 1):
            add_document(cat, "DEMO-001", PDF + str(number).encode(), f"{number}.pdf", kind="other", language="en")
        with pytest.raises(DocumentError, match=f"at most {MAX_PER_PROJECT} documents"):
            add_document(cat, "DEMO-001", PDF + b"one more", "more.pdf", kind="other", language="vi")
        with pytest.raises(DocumentError, match="There is no project"):
            add_document(cat, "NO-SUCH", PDF, "a.pdf", kind="other", language="vi")


def test_a_path_or_quotes_in_a_files_name_never_reach_a_header():
    assert safe_file_name("../../etc/passwd.pdf") == "passwd.pdf"
    assert safe_file_name('C:\\Users\\x\\"evil"\r\nX-Header: 1.pdf') == "_evil_ X-Header_ 1.pdf"
    assert safe_file_name("Báo cáo tiền khả thi.pdf") == "Báo cáo tiền khả thi.pdf"
    # a right-to-left override would show "Study\u202efdp.exe" as "Studyexe.pdf" (a helper's upload)
    assert safe_file_name("Study\u202efdp.exe") == "Studyfdp.exe"


def test_a_titles_bidirectional_controls_are_dropped():
    with demo_catalogue() as cat:
        document = add_document(
            cat,
            "DEMO-001",
            PDF + b"rlo",
            "study.pdf",
            kind="prefeasibility",
            language="en",
            title="Study  \u202efdp.exe\u202c \u200f",
        )
        assert document.title == "Study fdp.exe"
        assert [d.title for d in documents(cat, "DEMO-001")] == ["Study fdp.exe"]
    assert len(safe_file_name("a" * 400 + ".pdf")) == 120 and safe_file_name("a" * 400 + ".pdf").endswith(".pdf")


def _get(routes: Routes, path: str, accept: str = "*/*") -> tuple[int, dict, bytes]:
    scope = {
        "type": "http",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "path_params": {"id": path.split("/")[2]},
        "query_string": b"",
        "headers": [(b"host", b"cat.example"), (b"accept", accept.encode())],
        "client": ("10.0.0.9", 1234),
    }
    response = routes.document(Request(scope))
    return response.status_code, dict(response.headers), bytes(response.body)


def test_investors_download_only_while_the_project_is_public_never_as_a_page():
    with demo_catalogue() as cat:
        study = add_document(cat, "DEMO-002", PDF, "Báo cáo.pdf", kind="prefeasibility", language="vi", actor="lan")
        routes = Routes(lambda: cat)
        status, headers, body = _get(routes, f"/documents/{study.id}")
        assert status == 200 and body == PDF and headers["content-type"] == "application/pdf"
        assert headers["content-disposition"] == "attachment; filename*=UTF-8''B%C3%A1o%20c%C3%A1o.pdf"
        assert headers["x-content-type-options"] == "nosniff" and "sandbox" in headers["content-security-policy"]
        assert [d.id for d in documents(cat, "DEMO-002")] == [study.id]
        _hide(cat, "DEMO-002")  # back to draft: the data room closes with it
        assert _get(routes, f"/documents/{study.id}")[0] == 404 and documents(cat, "DEMO-002") == []
        assert document_content(cat, study.id, include_hidden=True) is not None  # staff still see it
        assert documents(cat, "DEMO-002", include_hidden=True)[0].id == study.id
        assert _get(routes, "/documents/not-an-id")[0] == 404
        # a person's browser gets a page in the app's look, not JSON (found by a helper)
        status, headers, body = _get(routes, "/documents/not-an-id", accept="text/html,application/xhtml+xml")
        assert status == 404 and headers["content-type"].startswith("text/html") and b"<h1>" in body


def test_a_removed_document_is_gone_for_everyone_and_its_bytes_dropped():
    with demo_catalogue() as cat:
        photo = add_document(cat, "DEMO-003", PNG, "site.png", kind="photo", language="both", actor="lan")
        assert remove_document(cat, photo.id, "lan") and not remove_document(cat, photo.id, "lan")
        assert documents(cat, "DEMO-003", include_hidden=True) == []
        assert document_content(cat, photo.id, include_hidden=True) is None
        with cat.cursor() as cur:
            kept = cur.execute("select content, removed_by from project_documents where id = ?", [photo.id]).fetchall()
        assert kept == [(None, "lan")]
        said = [(e.action, e.actor, e.comment) for e in project_history(cat, "DEMO-003")[:2]]
        assert said == [("document_removed", "lan", "site.png"), ("document_added", "lan", "site.png")]


def test_documents_survive_a_restart(tmp_path):
    from catalogue import Catalogue

    with Catalogue.open(tmp_path / "c.duckdb") as cat:
        cat.load_demo()
        study = add_document(cat, "DEMO-001", office("docx"), "study.docx", kind="prefeasibility", language="en")
    with Catalogue.open(tmp_path / "c.duckdb") as cat:
        found = document_content(cat, study.id)
        assert found is not None and found[1] == office("docx") and found[0].sha256 == study.sha256


def test_sizes_are_said_in_bytes_below_a_kilobyte():
    from app_pages._documents import size_text

    assert size_text(303, "en") == "303 bytes" and size_text(2048, "vi") == "2 KB"
    assert size_text(3 * 1024 * 1024 + 1, "vi") == "3 MB" and size_text(1536 * 1024, "vi") == "1,5 MB"
