"""The data room on the pages: staff attach and remove documents (edit page); investors see the list,
download each, and the site photos as a gallery (project page, only while the project is public)."""

from __future__ import annotations

from urllib.parse import quote

import streamlit as st

from app_pages._state import local_path
from catalogue import Catalogue
from catalogue.projects.documents import (
    MAX_BYTES,
    Document,
    DocumentError,
    add_document,
    documents,
    remove_document,
)
from catalogue.projects.views import escape_markdown
from catalogue.text import codes, enum_label, format_date, format_number, t


def size_text(size: int, lang: str) -> str:
    if size < 1024:
        return t("documents.bytes", lang, size=format_number(size, lang, 0))
    if size >= 1024 * 1024:
        return t("documents.mb", lang, size=format_number(size / (1024 * 1024), lang, 1))
    return t("documents.kb", lang, size=format_number(max(1, round(size / 1024)), lang, 0))


def _line(document: Document, lang: str) -> str:
    """One document as a line: title (a download link), kind, language, date, size. Staff's link
    opens a document of a project not yet public too (their session cookie: catalogue.api)."""
    href = local_path(f"/documents/{document.id}/{quote(document.file_name)}")
    title = escape_markdown(document.title)
    facts = " · ".join(
        [
            document.kind_label()(lang),
            document.language_label()(lang),
            document.file_type.upper(),
            size_text(document.size_bytes, lang),
            format_date(document.uploaded_at, lang),
        ]
    )
    return f"- [{title}]({href}) · {escape_markdown(facts)}"


def public_documents(cat: Catalogue, code: str, lang: str) -> None:
    """The project page's data room: the list to download, the site photos as a gallery."""
    found = documents(cat, code)  # none unless the project is public
    if not found:
        return
    st.subheader(t("documents.title", lang))
    st.markdown("\n".join(_line(document, lang) for document in found))
    # the gallery holds the site photos only: a PNG filed as a study is in the list above, not here
    photos = [document for document in found if document.is_image and document.kind == "photo"]
    if photos:
        columns = st.columns(3)
        for index, photo in enumerate(photos[:9]):
            # Markdown's image, not st.image: the picture carries its title as alternative text for a
            # screen reader (st.image leaves alt empty), and comes from the data room's own address
            href = local_path(f"/documents/{photo.id}/{quote(photo.file_name)}")
            title = escape_markdown(photo.title)
            columns[index % 3].markdown(f"![{title}]({href})")
            columns[index % 3].caption(title)


def _upload(cat: Catalogue, code: str, actor: str, lang: str, form: int) -> None:
    """The upload form's callback: keep the file, or say why not (nothing kept half)."""
    state = st.session_state
    upload = state.get(f"doc-file-{code}-{form}")
    if upload is None:
        state[f"doc-error-{code}"] = t("documents.choose_file", lang)
        return
    try:
        document = add_document(
            cat,
            code,
            upload.getvalue(),
            upload.name,
            kind=state.get(f"doc-kind-{code}-{form}") or "",
            language=state.get(f"doc-lang-{code}-{form}") or "",
            title=state.get(f"doc-title-{code}-{form}") or "",
            actor=actor,
        )
    except DocumentError as error:
        state[f"doc-error-{code}"] = escape_markdown(error.text(lang))  # it names the file as sent
        return
    state[f"doc-done-{code}"] = t("documents.added", lang, name=escape_markdown(document.file_name))
    state[f"doc-form-{code}"] = form + 1  # a fresh, empty form: the same file is not sent twice


def _ask_removal(code: str, document_id: str) -> None:
    st.session_state[f"doc-asking-{code}"] = document_id


def _confirm_removal(cat: Catalogue, code: str, document: Document, actor: str, lang: str) -> None:
    """Ask before a document leaves the data room: investors lose it at once."""
    with st.container(border=True):
        st.warning(t("documents.remove_confirm", lang, title=escape_markdown(document.title)), icon=":material/delete:")
        yes, no = st.columns(2)
        yes.button(  # neither button stands out: the safe answer is as easy to press as the other
            t("documents.remove_yes", lang),
            key=f"doc-remove-yes-{document.id}",
            icon=":material/delete:",
            on_click=_remove,
            args=(cat, code, document, actor, lang),
        )
        no.button(
            t("documents.remove_no", lang), key=f"doc-remove-no-{document.id}", on_click=_ask_removal, args=(code, "")
        )


def _remove(cat: Catalogue, code: str, document: Document, actor: str, lang: str) -> None:
    """The confirmation's callback: a second click finds the document already gone and says nothing."""
    st.session_state[f"doc-asking-{code}"] = ""
    if remove_document(cat, document.id, actor):
        st.session_state[f"doc-done-{code}"] = t("documents.removed", lang, name=escape_markdown(document.file_name))


def data_room(cat: Catalogue, code: str, actor: str, lang: str) -> None:
    """The edit page's data room: the documents (removable) and the form that adds one."""
    st.divider()
    st.subheader(t("documents.title", lang))
    st.caption(t("documents.staff_help", lang, limit=MAX_BYTES // (1024 * 1024)))
    for message, show in ((f"doc-done-{code}", st.success), (f"doc-error-{code}", st.error)):
        if st.session_state.get(message):
            show(st.session_state.pop(message))
    for document in documents(cat, code, include_hidden=True):
        line, remove = st.columns([5, 1], vertical_alignment="center")
        line.markdown(_line(document, lang))
        asking = st.session_state.get(f"doc-asking-{code}") == document.id
        remove.button(
            t("documents.remove", lang),
            key=f"doc-remove-{document.id}",
            icon=":material/delete:",
            disabled=asking,
            on_click=_ask_removal,
            args=(code, document.id),
        )
        if asking:
            _confirm_removal(cat, code, document, actor, lang)
    form = st.session_state.get(f"doc-form-{code}", 0)
    with st.form(f"doc-upload-{code}-{form}", border=True):
        # any file is taken to the check, which says why one is refused (an SVG, an HTML page …)
        st.file_uploader(
            t("documents.file", lang), key=f"doc-file-{code}-{form}", max_upload_size=MAX_BYTES // (1024 * 1024)
        )
        kind_col, lang_col = st.columns(2)
        kind_col.selectbox(
            t("documents.kind", lang),
            codes("document_kind"),
            index=None,  # chosen each time: a photo is not filed as a study by default
            placeholder=t("browse.choose", lang),
            format_func=lambda value: enum_label("document_kind", value)(lang),
            key=f"doc-kind-{code}-{form}",
        )
        lang_col.selectbox(
            t("documents.language", lang),
            codes("document_language"),
            format_func=lambda value: enum_label("document_language", value)(lang),
            key=f"doc-lang-{code}-{form}",
        )
        st.text_input(t("documents.doc_title", lang), max_chars=200, key=f"doc-title-{code}-{form}")
        st.form_submit_button(
            t("documents.add", lang),
            icon=":material/upload_file:",
            on_click=_upload,
            args=(cat, code, actor, lang, form),
        )
