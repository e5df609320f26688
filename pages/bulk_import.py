"""Bulk import: template, upload, preview with the errors, commit only when clean."""

import hashlib
import io
import tempfile
from pathlib import Path

import streamlit as st

from catalogue.i18n import t
from catalogue.template import template_xlsx
from pages._state import get_catalogue, language, require

lang = language()
user = require("staff", lang)
cat = get_catalogue()

st.title(t("import.title", lang))
st.caption(t("import.intro", lang))

vi_col, en_col = st.columns(2)
vi_col.download_button(
    t("import.template_vi", lang),
    data=template_xlsx(cat, "vi"),
    file_name="mau-danh-muc-du-an.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
)
en_col.download_button(
    t("import.template_en", lang),
    data=template_xlsx(cat, "en"),
    file_name="project-template.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
)

upload = st.file_uploader(t("import.upload", lang), type=["csv", "xlsx", "json"], key="staff-upload")
if upload is None:
    st.stop()

data = upload.getvalue()
digest = hashlib.sha256(data).hexdigest()
workdir = Path(tempfile.gettempdir()) / "catalogue-uploads"
workdir.mkdir(exist_ok=True)
path = workdir / f"{digest[:16]}{Path(upload.name).suffix.lower()}"
if not path.exists():
    path.write_bytes(data)


def run(dry_run: bool):
    bar = st.progress(0.0, text=t("import.checking" if dry_run else "import.writing", lang))

    def progress(share: float) -> None:
        bar.progress(min(1.0, share), text=t("import.checking" if dry_run else "import.writing", lang))

    report = cat.import_file(path, dry_run=dry_run, progress=progress, actor=user.name, new_publication="draft")
    bar.empty()
    return report


# The preview is kept per file (by content), so a rerun does not check the file again.
preview = st.session_state.get("staff-preview")
if preview is None or preview[0] != digest:
    preview = (digest, run(dry_run=True))
    st.session_state["staff-preview"] = preview
report = preview[1]

for column in report.ignored_columns:
    st.caption(t("import.ignored", lang, column=column))
if not report.ok:
    st.error(t("import.refused", lang, errors=len(report.errors), rows=report.rows_read), icon=":material/error:")
    errors = report.error_frame(lang)
    st.dataframe(errors, hide_index=True, width="stretch")
    buffer = io.BytesIO()
    errors.to_excel(buffer, index=False, sheet_name="errors")
    st.download_button(
        t("import.errors_xlsx", lang),
        data=buffer.getvalue(),
        file_name=f"{Path(upload.name).stem}-errors.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
    )
    st.stop()

st.success(
    t(
        "import.clean",
        lang,
        rows=report.rows_read,
        inserted=report.inserted,
        updated=report.updated,
        unchanged=report.unchanged,
    ),
    icon=":material/check_circle:",
)
if report.inserted + report.updated == 0:
    st.info(t("import.nothing", lang))
    st.stop()
st.caption(t("import.drafts_note", lang))
if st.button(t("import.commit", lang), type="primary", icon=":material/upload:", key="staff-commit"):
    done = run(dry_run=False)
    st.session_state.pop("staff-preview", None)
    if done.committed:
        st.success(t("import.done", lang, inserted=done.inserted, updated=done.updated), icon=":material/done_all:")
        st.page_link("pages/staff_home.py", label=t("app.page_staff_home", lang), icon=":material/dashboard:")
    else:  # the data changed between preview and commit, and the file no longer passes
        st.error(t("import.refused", lang, errors=len(done.errors), rows=done.rows_read))
