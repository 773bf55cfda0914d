"""Streamlit entry point: navigation and the sidebar only. Pages show and collect; the work is
done by the `planner` package."""

import streamlit as st

from pages.common.choice import sidebar
from pages.common.signin import (
    account_box,
    current_role,
    sign_in_page,
    view_as_box,
    view_just_changed,
    visible_pages,
)

st.set_page_config(
    page_title="MH social work workforce planner", page_icon=":material/explore:", layout="wide"
)

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/home:", default=True),
    st.Page("pages/team.py", title="Team", icon=":material/groups:"),
    st.Page("pages/amhp.py", title="AMHP sufficiency", icon=":material/emergency:"),
    st.Page("pages/councils.py", title="Across councils", icon=":material/compare:"),
    st.Page("pages/supervision.py", title="Supervision", icon=":material/supervisor_account:"),
    st.Page("pages/leadership.py", title="Leadership & succession", icon=":material/account_tree:"),
    st.Page("pages/scenarios.py", title="Scenarios & projection", icon=":material/science:"),
    st.Page("pages/import_export.py", title="Import / export", icon=":material/upload_file:"),
    st.Page("pages/history.py", title="History", icon=":material/history:"),
    st.Page("pages/audit.py", title="Audit log", icon=":material/fact_check:"),
    st.Page("pages/settings.py", title="Settings", icon=":material/settings:"),
]

role = current_role()
if role is None:  # deployment mode and nobody with a role signed in: nothing but sign-in
    st.navigation([st.Page(sign_in_page, title="Sign in", icon=":material/login:")]).run()
    st.stop()
view_as_box()
sidebar(role)
account_box()
shown = visible_pages(PAGES, role)
if view_just_changed():  # a new preview opens on that role's first page
    st.switch_page(shown[0])
st.navigation(shown).run()
