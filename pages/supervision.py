"""Supervision: each supervisor's load against capacity, and the problems with who is involved."""

import streamlit as st

from pages.common import current_service, guard, report
from planner.present.supervision import issue_rows, load_chart, load_rows

guard("supervision")

st.title("Supervision")
service = current_service()
result = report().supervision
cols = st.columns(3)
cols[0].metric("Supervision hours owed a month", f"{result.hours_owed:g}")
cols[1].metric("Hours allowed for current supervisors", f"{result.hours_allowed_current:g}")
cols[2].metric("People who may supervise", result.may_supervise)

st.subheader("Each supervisor's load")
st.caption("Bars: hours owed a month. Black marks: hours their FTE allows.")
over_only = st.toggle("Only supervisors over capacity", key="sup_over_only")
rows = [r for r in load_rows(result, service) if r["Over capacity"] or not over_only]
st.altair_chart(load_chart(result, service), use_container_width=True)
st.dataframe(rows, hide_index=True)

st.subheader("Problems")
problems = issue_rows(result, service)
if problems:
    st.dataframe(problems, hide_index=True)
else:
    st.success("No supervision problems found.")
