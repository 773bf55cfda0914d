"""Overview: the service at a glance."""

import streamlit as st

from pages.common import as_of, current_service
from planner.summary import summarise

summary = summarise(current_service(), as_of())
st.title(summary.name)
st.caption(f"{summary.local_authority} · as of {summary.as_of:%d %B %Y}")
cols = st.columns(4)
cols[0].metric("Workers", summary.headcount)
cols[1].metric("FTE", f"{summary.fte:g}")
cols[2].metric("AMHPs with current approval", summary.amhps)
pop = summary.adult_population
cols[3].metric("Adults served", f"{pop:,}" if pop else "not given")
st.subheader("Teams")
st.dataframe(
    [{"Team": t.name, "Kind": t.kind, "People": t.headcount, "FTE": t.fte} for t in summary.teams],
    hide_index=True,
)
st.subheader("PCF levels")
st.bar_chart({"People": summary.by_level}, horizontal=True)
