"""Sign-in for promotion staff, reviewers and administrators; signed in, the staff home opens."""

import streamlit as st

from app_pages._state import current_user, get_catalogue, global_params, language, page_file, sign_in_form
from app_pages._streamlit_texts import streamlit_texts
from catalogue.staff import auth
from catalogue.text import t

STAFF_HOME = "app_pages/staff_home.py"

lang = language()
if current_user():  # signed in already (this tab, or a cookie from an earlier one): go to work
    st.switch_page(page_file(STAFF_HOME), query_params=global_params())
streamlit_texts(lang)
st.title(t("signin.title", lang))
st.caption(t("signin.intro", lang))
if not auth.list_users(get_catalogue()):
    st.info(t("signin.no_accounts", lang), icon=":material/person_add:")
sign_in_form(lang, then=STAFF_HOME)
with st.expander(t("signin.oidc_title", lang)):
    st.markdown(t("signin.oidc_body", lang))
