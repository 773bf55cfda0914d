"""Streamlit entry point: navigation and the sidebar only. Pages show and collect; the work is
done by the `planner` package."""

import streamlit as st

from pages.common import sidebar

st.set_page_config(page_title="MH social work workforce planner", page_icon="🧭", layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon="🏠", default=True),
]

sidebar()
st.navigation(PAGES).run()
