"""Leadership & succession: posts with cover, single points of failure, the departure sweep."""

import streamlit as st

from pages.common import current_service, guard, report
from planner.present.leadership import post_rows, single_point_rows, sweep_rows

guard("leadership")

st.title("Leadership & succession")
service = current_service()
lead = report().leadership
st.caption(f"Looking ahead to {lead.horizon_end:%d %B %Y}.")

cols = st.columns(3)
cols[0].metric("Posts", len(lead.posts))
cols[1].metric(
    "Posts not filled by someone qualified", sum(p.status != "filled" for p in lead.posts)
)
cols[2].metric("Single points of failure", len(lead.single_points))

st.subheader("Posts and their cover")
st.dataframe(post_rows(lead, service), hide_index=True)

st.subheader("Single points of failure")
st.dataframe(single_point_rows(lead, service), hide_index=True)

st.subheader("Departure sweep")
st.caption("Who the service would miss most if they left tomorrow, ranked by impact.")
only = st.toggle("Only departures with an impact", value=True, key="sweep_only_impact")
st.dataframe(sweep_rows(lead.departure_sweep, service, only), hide_index=True)
