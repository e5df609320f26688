"""Streamlit's own words on a Vietnamese page, said in Vietnamese (the staff pages use this).

Streamlit writes some texts of its widgets in English and has no option to change them
(streamlit#13500): the file uploader's "Upload", "200MB per file" and "Drag and drop a file here",
a text field's "Press Enter to apply", a list's "No results". On a Vietnamese page, CSS hides
those words and shows ours in their place (``::after``). The selectors were read from Streamlit's
DOM in Chromium (Streamlit 1.67); tests/test_browser_staff_journeys.py checks that they still
match. (Not named after a page: on a cold server Streamlit maps /NAME to pages/_NAME.py.)
"""

from __future__ import annotations

import json

import streamlit as st

from catalogue.text import format_number, is_built_in, t


def _replace(selector: str, text: str, size: str) -> str:
    return (
        f"{selector} {{ font-size: 0; }}\n"
        f"{selector}::after {{ content: {json.dumps(text, ensure_ascii=False)}; font-size: {size}; }}\n"
    )


def streamlit_texts(lang: str, file_types: str = "") -> None:
    """Put Streamlit's own English texts into ``lang`` on this page (nothing to do in English);
    ``file_types``: what the page's file uploader takes, as its line under the box says it."""
    if is_built_in(lang):
        return
    dropzone = '[data-testid="stFileUploaderDropzone"]'
    instructions = '[data-testid="InputInstructions"] > span:first-child'
    limit = format_number(int(st.get_option("server.maxUploadSize")), lang, 0)
    css = "".join(
        (
            _replace(
                f'{dropzone} [data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"] p',
                t("staff.st_upload", lang),
                "0.875rem",
            ),
            _replace(
                f'{dropzone} [data-testid="stFileUploaderDropzoneInstructions"] span',
                t("staff.st_upload_limit", lang, size=limit) + (f" • {file_types}" if file_types else ""),
                "0.875rem",
            ),
            _replace(f"{dropzone} > div:not([data-testid]) > span:only-child", t("staff.st_drop", lang), "0.875rem"),
            _replace(f'[data-testid="stTextInput"] {instructions}', t("staff.st_enter", lang), "0.75rem"),
            _replace(f'[data-testid="stTextArea"] {instructions}', t("staff.st_ctrl_enter", lang), "0.75rem"),
            _replace(
                f'[data-testid="stForm"] [data-testid="stTextInput"] {instructions}',
                t("staff.st_send", lang),
                "0.75rem",
            ),
            _replace(
                f'[data-testid="stForm"] [data-testid="stTextArea"] {instructions}',
                t("staff.st_ctrl_send", lang),
                "0.75rem",
            ),
            _replace(
                '[data-testid="stSelectboxVirtualDropdown"] [role="listbox"][data-empty="true"] span',
                t("staff.st_no_results", lang),
                "0.875rem",
            ),
        )
    )
    st.html(f"<style>\n{css}</style>")
