"""Sign-in for promotion staff, reviewers and administrators."""

import streamlit as st

from catalogue import auth
from catalogue.i18n import t
from pages._state import current_user, get_catalogue, language, sign_in_form

lang = language()
st.title(t("signin.title", lang))
user = current_user()
if user:
    st.success(t("app.signed_in_as", lang, name=user.label(), role=auth.role_label(user.role, lang)))
    st.page_link("pages/staff_home.py", label=t("app.page_staff_home", lang), icon=":material/dashboard:")
else:
    st.caption(t("signin.intro", lang))
    if not auth.list_users(get_catalogue()):
        st.info(t("signin.no_accounts", lang), icon=":material/person_add:")
    sign_in_form(lang)
    with st.expander(t("signin.oidc_title", lang)):
        st.markdown(t("signin.oidc_body", lang))
