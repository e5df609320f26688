"""Accounts (administrators only): add, change role, disable, unlock, reset a password."""

import pandas as pd
import streamlit as st

from app_pages._state import get_catalogue, language, require
from app_pages._streamlit_texts import streamlit_texts
from app_pages._widgets import bound
from catalogue.staff import auth
from catalogue.text import format_datetime, t

lang = language()
streamlit_texts(lang)
me = require("admin", lang)
cat = get_catalogue()


def role_name(role: str) -> str:
    return auth.role_label(role)(lang)


def when(value) -> str:
    return format_datetime(value, lang, zone=False) if value is not None else ""


st.title(t("users.title", lang))
created = st.session_state.pop("staff-user-created", None)
if created:
    st.success(t("users.created", lang, name=created), icon=":material/person_add:")
users = auth.list_users(cat)
st.dataframe(
    pd.DataFrame(
        [
            (
                u.name,
                u.display_name,
                role_name(u.role),
                t("users.active" if u.active else "users.disabled", lang),
                when(u.locked_until),
                when(u.last_sign_in),
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
    role = bound(
        st.selectbox,
        t("users.role", lang),
        key="staff-user-new-role",
        options=auth.ACCOUNT_ROLES,
        format_func=role_name,
        default="staff",
        placeholder=t("browse.choose", lang),
        in_form=True,
    )
    first = st.text_input(t("signin.password", lang), type="password", autocomplete="new-password")
    again = st.text_input(t("users.again", lang), type="password", autocomplete="new-password")
    if st.form_submit_button(t("users.create", lang), type="primary"):
        if first != again:
            st.error(t("users.differ", lang))
        else:
            try:
                account = auth.add_user(cat, name, first, role or "staff", display)
                st.session_state["staff-user-created"] = account.name
                st.rerun()
            except auth.AccountError as error:
                st.error(error.text(lang))

if users:
    st.subheader(t("users.change", lang))
    names = [u.name for u in users]
    by_name = {u.name: u for u in users}
    chosen = (
        bound(
            st.selectbox,
            t("users.choose", lang),
            key="staff-user-chosen",
            options=names,
            format_func=lambda n: f"{by_name[n].display_name} ({n})" if by_name[n].display_name != n else n,
            default=names[0],
            placeholder=t("browse.choose", lang),
        )
        or names[0]
    )
    target = by_name[chosen]
    role_col, act_col = st.columns(2)
    with role_col:
        new_role = bound(
            st.selectbox,
            t("users.role", lang),
            key=f"staff-role-{chosen}",
            options=auth.ACCOUNT_ROLES,
            format_func=role_name,
            default=target.role,
            placeholder=t("browse.choose", lang),
        )
        if st.button(t("users.set_role", lang), key=f"staff-setrole-{chosen}"):
            try:
                auth.set_role(cat, chosen, new_role or target.role)
                st.rerun()
            except auth.AccountError as error:
                st.error(error.text(lang))
    with act_col:
        label = "users.disable" if target.active else "users.enable"
        if st.button(t(label, lang), key=f"staff-active-{chosen}"):
            try:
                auth.set_active(cat, chosen, not target.active)
                st.rerun()
            except auth.AccountError as error:
                st.error(error.text(lang))
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
                    st.error(error.text(lang))
