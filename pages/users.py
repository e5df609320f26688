"""Accounts (administrators only): add, change role, disable, unlock, reset a password."""

import pandas as pd
import streamlit as st

from catalogue import auth
from catalogue.i18n import format_date, t
from pages._state import get_catalogue, language, require

lang = language()
me = require("admin", lang)
cat = get_catalogue()

st.title(t("users.title", lang))
users = auth.list_users(cat)
st.dataframe(
    pd.DataFrame(
        [
            (
                u.name,
                u.display_name,
                auth.role_label(u.role, lang),
                t("users.active" if u.active else "users.disabled", lang),
                f"{u.locked_until:%d/%m/%Y %H:%M} UTC" if u.locked_until else "",
                format_date(u.last_sign_in, lang),
            )
            for u in users
        ],
        columns=[t(f"users.col_{c}", lang) for c in ("name", "display", "role", "state", "locked", "last")],
    ),
    hide_index=True,
    width="stretch",
)

with st.expander(t("users.add", lang), expanded=not users), st.form("staff-user-add", clear_on_submit=True):
    name = st.text_input(t("signin.name", lang))
    display = st.text_input(t("users.display", lang))
    role = st.selectbox(t("users.role", lang), auth.ACCOUNT_ROLES, format_func=lambda r: auth.role_label(r, lang))
    first = st.text_input(t("signin.password", lang), type="password", autocomplete="new-password")
    again = st.text_input(t("users.again", lang), type="password", autocomplete="new-password")
    if st.form_submit_button(t("users.create", lang), type="primary"):
        if first != again:
            st.error(t("users.differ", lang))
        else:
            try:
                auth.add_user(cat, name, first, role, display)
                st.success(t("users.created", lang, name=name.strip().lower()))
                st.rerun()
            except auth.AccountError as error:
                st.error(error.message(lang))

if users:
    st.subheader(t("users.change", lang))
    chosen = st.selectbox(t("users.choose", lang), [u.name for u in users], key="staff-user-chosen")
    target = next(u for u in users if u.name == chosen)
    role_col, act_col = st.columns(2)
    with role_col:
        new_role = st.selectbox(
            t("users.role", lang),
            auth.ACCOUNT_ROLES,
            index=auth.ACCOUNT_ROLES.index(target.role),
            format_func=lambda r: auth.role_label(r, lang),
            key=f"staff-role-{chosen}",
        )
        if st.button(t("users.set_role", lang), key=f"staff-setrole-{chosen}"):
            try:
                auth.set_role(cat, chosen, new_role)
                st.rerun()
            except auth.AccountError as error:
                st.error(error.message(lang))
    with act_col:
        label = "users.disable" if target.active else "users.enable"
        if st.button(t(label, lang), key=f"staff-active-{chosen}"):
            try:
                auth.set_active(cat, chosen, not target.active)
                st.rerun()
            except auth.AccountError as error:
                st.error(error.message(lang))
        if target.locked_until and st.button(t("users.unlock", lang), key=f"staff-unlock-{chosen}"):
            auth.unlock(cat, chosen)
            st.rerun()
    with st.form(f"staff-passwd-{chosen}", clear_on_submit=True):
        first = st.text_input(t("users.new_password", lang), type="password", autocomplete="new-password")
        again = st.text_input(t("users.again", lang), type="password", autocomplete="new-password")
        if st.form_submit_button(t("users.reset", lang)):
            if first != again:
                st.error(t("users.differ", lang))
            else:
                try:
                    auth.set_password(cat, chosen, first)
                    st.success(t("users.password_set", lang, name=chosen))
                except auth.AccountError as error:
                    st.error(error.message(lang))
