"""Bulk import: template, upload, preview with the errors or the rows, commit once, links to the drafts."""

import hashlib
from pathlib import Path

import pandas as pd
import streamlit as st

from app_pages._state import get_catalogue, language, link, require
from app_pages._streamlit_texts import streamlit_texts
from app_pages._widgets import bound
from catalogue import CatalogueError
from catalogue.projects.exporting import table_xlsx
from catalogue.projects.importing import ALL_SHEETS, ImportReport, private_copy
from catalogue.projects.layout import DROPPED
from catalogue.projects.model import COLUMNS_BY_NAME, PROJECT_COLUMNS
from catalogue.projects.template import template_xlsx
from catalogue.projects.views import escape_markdown
from catalogue.search.normalize import fold
from catalogue.text import enum_label, format_number, t

lang = language()
streamlit_texts(lang, file_types="XLSX, XLS, ODS, CSV, DOCX, JSON")
user = require("staff", lang)
cat = get_catalogue()
LINKS = 20  # drafts linked one by one after an import; the rest are in the staff home's Drafts tab


def count(key: str, number: int) -> str:
    """ "3 lỗi" / "1 error": the number as written in the page's language, the noun as counted."""
    return t(key, lang, count=number, n=format_number(number, lang, 0))


def outcome_sentence(report: ImportReport) -> str:
    return t(
        "import.outcome",
        lang,
        new=count("import.n_new", report.inserted),
        changed=count("import.n_changed", report.updated),
        unchanged=count("import.n_unchanged", report.unchanged),
    )


def show_rows(report: ImportReport) -> None:
    preview = report.preview_frame(cat.reference, lang)
    if not preview.empty:
        st.dataframe(preview, hide_index=True, width="stretch")


def show_layout(report: ImportReport) -> None:
    """How an agency's list was read (its title, sections, totals, notes), before anyone confirms."""
    if not report.understood:
        return
    with st.container(border=True, key="import-layout"):
        st.markdown(f"**{t('import.layout_title', lang)}**")
        lines = [f"- {escape_markdown(said.text(lang))}" for said in report.understood if said.level == "info"]
        st.markdown("\n".join(lines))
        for warning in (said for said in report.understood if said.level == "warning"):
            st.warning(escape_markdown(warning.text(lang)), icon=":material/warning:")
        if report.skipped:
            with st.expander(t("import.layout_skipped", lang, count=len(report.skipped))):
                columns = [t("import.col_row", lang), t("import.col_kind", lang), t("import.col_text", lang)]
                rows = [(row, kind(lang), text) for row, kind, text in report.skipped]
                st.dataframe(pd.DataFrame(rows, columns=columns), hide_index=True, width="stretch")


# "": no field (kept in the project's internal note); DROPPED: left out altogether
FIELDS = ["", DROPPED, *(column.name for column in PROJECT_COLUMNS)]


def field_label(name: str) -> str:
    if name == DROPPED:
        return t("import.left_out", lang)
    return COLUMNS_BY_NAME[name].header()(lang) if name else t("import.to_note", lang)


def show_columns(report: ImportReport) -> None:
    """Which field each column of an agency's list is read into: proposed, corrected here, saved by name."""
    found = report.layout
    choices = [c for c in (found.columns if found else []) if not c.added]
    if not choices or all(c.how == "exact" for c in choices):
        return
    # open while something is a guess, or after the user mapped the columns (to save the mapping)
    unsure = any(c.how in ("fuzzy", "none") for c in choices) or COLUMNS_KEY in st.session_state
    with st.expander(t("import.columns_title", lang), expanded=unsure, icon=":material/view_column:"):
        st.caption(t("import.columns_help", lang))
        with st.form(f"staff-columns-form-{digest[:16]}", border=False):
            picked = {}
            for index, choice in enumerate(choices):
                how = enum_label("import_column_how", choice.how)(lang)
                if choice.how == "fuzzy":
                    how = t("import.column_fuzzy_score", lang, how=how, score=round(choice.score))
                picked[fold(choice.text)] = bound(  # a code kept, whatever the language of its label
                    st.selectbox,
                    escape_markdown(choice.text),
                    key=f"staff-column-{digest[:16]}-{index}",
                    default=choice.value,
                    options=FIELDS,
                    format_func=field_label,
                    help=how,
                    in_form=True,
                )
            if st.form_submit_button(t("import.columns_apply", lang), icon=":material/done:"):
                st.session_state[COLUMNS_KEY] = picked
                st.rerun()
        name = st.text_input(t("import.mapping_name", lang), key=f"staff-mapping-name-{digest[:16]}")
        if st.button(t("import.mapping_save", lang), icon=":material/save:", key=f"staff-mapping-save-{digest[:16]}"):
            try:
                saved = cat.save_column_mapping(name, found.columns, saved_by=user.name)
            except CatalogueError as error:
                st.error(error.text(lang))
            else:
                st.success(t("import.mapping_saved", lang, name=saved.name), icon=":material/save:")


def show_codes(report: ImportReport) -> None:
    """The codes of the rows the list gives none: proposed (or given here), and editable in one go."""
    found = report.layout
    if found is None or not found.uncoded:
        return
    codes = {**found.proposed_codes, **found.given_codes}
    codes.update(report.paired)  # paired with a stored project: that project's code
    given = dict(st.session_state.get(CODES_KEY, {}))
    revision = st.session_state.get(f"{CODES_KEY}#rev", 0)  # applied this many times: stays open once used
    title = t("import.codes_title", lang, count=len(found.uncoded))
    with st.expander(title, expanded=bool(given) or revision > 0, icon=":material/tag:"):
        st.caption(t("import.codes_help", lang))
        rows = list(found.uncoded.items())[:CODES_SHOWN]
        if len(found.uncoded) > CODES_SHOWN:
            st.caption(t("import.codes_more", lang, shown=CODES_SHOWN, count=len(found.uncoded)))
        with st.form(f"staff-codes-form-{digest[:16]}", border=False):
            typed = {
                row: st.text_input(
                    t("import.code_of_row", lang, row=row, name=escape_markdown(name)),
                    value=codes.get(row, ""),
                    max_chars=40,
                    key=f"staff-code-{digest[:16]}-{revision}-{row}",  # new fields after each apply
                )
                for row, name in rows
            }
            if st.form_submit_button(t("import.codes_apply", lang), icon=":material/done:"):
                for row, code in typed.items():
                    code = code.strip()
                    if not code:
                        given.pop(row, None)  # emptied: proposed again
                    elif code != codes.get(row, ""):
                        given[row] = code
                st.session_state[f"{CODES_KEY}#rev"] = revision + 1  # the fields show the codes as now read
                if given != st.session_state.get(CODES_KEY, {}):
                    st.session_state[CODES_KEY] = given
                st.rerun()


CODES_SHOWN = 100  # rows whose code can be changed here (a longer list: give the codes in the file)


def show_done(report: ImportReport) -> None:
    """After the import: what it did, the rows, and a link to each new draft (no import button)."""
    st.success(
        t("import.done_n", lang, rows=count("import.n_rows", report.rows_read), outcome=outcome_sentence(report)),
        icon=":material/done_all:",
    )
    names = dict(zip(report.rows["code"], report.rows["name_vi"], strict=True)) if report.rows is not None else {}
    for outcome, title in (("new", "import.links_new"), ("changed", "import.links_changed")):
        codes = report.codes(outcome)
        if not codes:
            continue
        st.markdown(f"**{t(title, lang)}**")
        for code in codes[:LINKS]:
            link("app_pages/edit.py", f"{code} · {names.get(code, '')}", {"code": code}, icon=":material/edit:")
        if len(codes) > LINKS:
            st.caption(count("import.more_links", len(codes) - LINKS))
    if report.review:
        st.info(t("import.review_again_done", lang, codes=", ".join(report.review)), icon=":material/rate_review:")
    show_rows(report)
    link("app_pages/staff_home.py", t("app.page_staff_home", lang), icon=":material/dashboard:")
    st.caption(t("import.another", lang))


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

# Files the import cannot read are taken too (PDF, .doc, .xls, .ods), so that the import, not the
# upload box, says why and what to do instead, in the page's language.
ACCEPTED = ["csv", "txt", "tsv", "xlsx", "xlsm", "docx", "json", "pdf", "doc", "xls", "ods"]
upload = st.file_uploader(t("import.upload", lang), type=ACCEPTED, key="staff-upload")
if upload is None:
    st.stop()

data = upload.getvalue()
digest = hashlib.sha256(data).hexdigest()
imported: dict[str, ImportReport] = st.session_state.setdefault("staff-imported", {})
if digest in imported:  # this file was imported in this session: its result, never a second import
    show_done(imported[digest])
    st.stop()


SHEET_KEY = f"staff-sheet-{digest[:16]}"  # the workbook's sheet chosen (a name: data, not a label)
COLUMNS_KEY = f"staff-columns-{digest[:16]}"  # the columns as the user mapped them: folded header → field code
CODES_KEY = f"staff-codes-{digest[:16]}"  # sheet row → code given (forgotten when another sheet is chosen)


def run(dry_run: bool) -> ImportReport:
    bar = st.progress(0.0, text=t("import.checking" if dry_run else "import.writing", lang))

    def progress(share: float) -> None:
        bar.progress(min(1.0, share), text=t("import.checking" if dry_run else "import.writing", lang))

    # The upload is read from a private temporary file (0600), removed as soon as it is read.
    with private_copy(data, Path(upload.name).suffix.lower()) as path:
        report = cat.import_file(
            path,
            dry_run=dry_run,
            progress=progress,
            actor=user.name,
            new_publication="draft",
            keep_rows=True,
            source=upload.name,
            sheet=st.session_state.get(SHEET_KEY),
            columns=st.session_state.get(COLUMNS_KEY),
            codes=st.session_state.get(CODES_KEY),
        )
    bar.empty()
    return report


# The preview is kept per file (by content) and sheet, so a rerun does not check the file again.
preview = st.session_state.get("staff-preview")
wanted = (
    digest,
    st.session_state.get(SHEET_KEY),
    tuple(sorted((st.session_state.get(COLUMNS_KEY) or {}).items())),
    tuple(sorted((st.session_state.get(CODES_KEY) or {}).items())),
)
if preview is None or preview[0] != wanted:
    preview = (wanted, run(dry_run=True))
    st.session_state["staff-preview"] = preview
report = preview[1]

if report.layout is not None and len(report.layout.sheets) > 1:  # which sheet holds the list: the user may say
    sheets = [*report.layout.sheets, ALL_SHEETS]  # or every sheet that holds a list, each named as a section
    bound(  # the sheet's name (or ALL_SHEETS) kept, whatever the language of the labels
        st.selectbox,
        t("import.sheet", lang),
        key=SHEET_KEY,
        default=report.layout.sheet,
        options=sheets,
        format_func=lambda name: t("import.all_sheets", lang) if name == ALL_SHEETS else name,
        on_change=lambda: st.session_state.pop(CODES_KEY, None),  # rows of another sheet
    )
show_layout(report)
show_columns(report)
show_codes(report)
for column in report.ignored_columns:
    st.caption(t("import.ignored", lang, column=column))
if report.errors and all(error.row == 0 for error in report.errors):
    # the file as a whole (its type, a scan, a password, a missing header): said plainly, no table of rows
    for error in report.errors:
        st.error(escape_markdown(error.text(lang)), icon=":material/error:")
    st.stop()
if not report.ok:
    errors = count("import.n_errors", report.error_count)
    if report.more_errors:
        st.error(t("import.refused_many", lang, errors=errors), icon=":material/error:")
        listed, more = (format_number(n, lang, 0) for n in (len(report.errors), report.more_errors))
        st.caption(t("import.more_errors", lang, listed=listed, more=more))
    else:
        rows = count("import.n_rows", report.error_rows)
        st.error(t("import.refused_n", lang, errors=errors, rows=rows), icon=":material/error:")
    given = report.layout.given_codes if report.layout is not None else {}
    wrong = sorted({e.row for e in report.errors if e.row in given and not e.sheet})
    if wrong:  # a code typed in the codes' box above: fixed there, not in the file
        rows_text = ", ".join(format_number(row, lang, 0) for row in wrong)
        st.warning(t("import.given_code_wrong", lang, rows=rows_text), icon=":material/tag:")
    st.dataframe(report.error_frame(lang, both=False), hide_index=True, width="stretch")
    st.download_button(
        t("import.errors_xlsx", lang),
        data=table_xlsx(report.error_frame(lang), "errors"),
        file_name=f"{Path(upload.name).stem}-errors.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
    )
    st.stop()

st.success(
    t("import.clean_n", lang, rows=count("import.n_rows", report.rows_read), outcome=outcome_sentence(report)),
    icon=":material/check_circle:",
)
show_rows(report)
if report.inserted + report.updated == 0:
    st.info(t("import.nothing", lang))
    st.stop()
st.caption(t("import.drafts_note", lang))
if report.review:
    st.warning(t("import.review_again", lang, codes=", ".join(report.review)), icon=":material/rate_review:")
if report.overwrites:  # said in "how the file was read" too; said again where the user confirms
    listed = ", ".join(t("import.overwrite_item", lang, row=row, code=code) for row, code in report.overwrites)
    st.warning(t("import.overwrites", lang, count=len(report.overwrites), listed=listed), icon=":material/warning:")
if st.button(t("import.commit", lang), type="primary", icon=":material/upload:", key=f"staff-commit-{digest[:16]}"):
    if digest not in imported:  # a second click while the first import ran finds it done
        done = run(dry_run=False)
        if not done.committed:  # the data changed between preview and commit, and the file no longer passes
            st.session_state.pop("staff-preview", None)
            st.error(
                t(
                    "import.refused_n",
                    lang,
                    errors=count("import.n_errors", done.error_count),
                    rows=count("import.n_rows", done.error_rows),
                )
            )
            st.stop()
        imported[digest] = done
        st.session_state.pop("staff-preview", None)
    st.rerun()
