"""Streamlit entry point: navigation and the sidebar only. Pages show and collect; the work is
done by the `planner` package."""

import streamlit as st

from screens.common.choice import sidebar
from screens.common.signin import (
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
    st.Page("screens/overview.py", title="Overview", icon=":material/home:", default=True),
    st.Page("screens/team.py", title="Team", icon=":material/groups:"),
    st.Page("screens/amhp.py", title="AMHP sufficiency", icon=":material/emergency:"),
    st.Page("screens/councils.py", title="Across councils", icon=":material/compare:"),
    st.Page("screens/supervision.py", title="Supervision", icon=":material/supervisor_account:"),
    st.Page(
        "screens/leadership.py", title="Leadership & succession", icon=":material/account_tree:"
    ),
    st.Page("screens/scenarios.py", title="Scenarios & projection", icon=":material/science:"),
    st.Page("screens/import_export.py", title="Import / export", icon=":material/upload_file:"),
    st.Page("screens/history.py", title="History", icon=":material/history:"),
    st.Page("screens/audit.py", title="Audit log", icon=":material/fact_check:"),
    st.Page("screens/settings.py", title="Settings", icon=":material/settings:"),
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
