"""Leadership & succession: posts with cover, single points of failure, the departure sweep, and
the succession plan (first successors, readiness, development, the AMHP pipeline)."""

import streamlit as st

from planner.present.leadership import function_rows, post_rows, single_point_rows, sweep_rows
from planner.present.succession import (
    BANDS,
    NO_SUCCESSOR,
    band_chart,
    band_counts,
    development_rows,
    pipeline_rows,
    position_rows,
)
from planner.whatif.projection import project
from planner.workbooks.plan import plan_workbook_bytes
from screens.common.audit import recorded
from screens.common.caches import report, succession
from screens.common.choice import as_of, current_policy, current_service
from screens.common.signin import guard

guard("leadership")

st.title("Leadership & succession")
service = current_service()
lead = report().leadership
st.caption(f"Looking ahead to {lead.horizon_end:%d %B %Y}.")

cols = list(st.columns(3))
cols[0].metric("Posts", len(lead.posts))
cols[1].metric(
    "Posts not filled by someone qualified", sum(p.status != "filled" for p in lead.posts)
)
cols[2].metric("Single points of failure", len(lead.single_points))

st.subheader("Posts and their cover")
st.dataframe(post_rows(lead, service), hide_index=True)

st.subheader("Single points of failure")
bench = current_policy().single_point_bench
st.caption(
    f"Posts and role functions held by one person with fewer than {bench} others eligible to "
    "step in now (setting *single point bench*, our own default: check it). Those with nobody "
    "else eligible come first: if that person left, nobody could step in without development. "
    "Functions one person holds with more behind them are worth sharing, not alarms: see "
    "*What is fine* on the Overview."
)
st.dataframe(single_point_rows(lead, service), hide_index=True)

st.subheader("Departure sweep")
st.caption("Who the service would miss most if they left tomorrow, ranked by impact.")
only = st.toggle("Only departures with an impact", value=True, key="sweep_only_impact")
st.dataframe(sweep_rows(lead.departure_sweep, service, only), hide_index=True)

st.subheader("Role functions")
st.caption(
    "Who covers each TCSW role function. Any registered social worker may take on A, B and D; "
    "reaching Appendix One's experienced level there is a sign of readiness, shown, not "
    "required. C needs the experienced level (its allocation note) and E the advanced level."
)
st.dataframe(function_rows(lead, service), hide_index=True)

st.header("Succession plan")
plan = succession()
st.caption(
    "Critical positions: each post held and each role function resting on one person. The first "
    "successor is matched so nobody is first in line for too many positions."
)
counts = band_counts(plan)
cols = list(st.columns(4))
for col, c in zip(cols, counts, strict=True):
    col.metric(f"First successor: {c['Readiness']}", c["Positions"])

st.download_button(
    "Download the succession workbook (.xlsx)",
    # Built on click, not on every rerun; the export is noted in the audit log.
    data=recorded(
        "succession workbook",
        lambda: plan_workbook_bytes(
            service, report(), plan, project(service, current_policy(), as_of())
        ),
        action="export_plan",
    ),
    file_name=f"succession plan {service.name} {as_of():%Y-%m-%d}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
    key="plan_download",
)

st.altair_chart(band_chart(counts), width="stretch")
chosen = st.multiselect(
    "Readiness of the first successor",
    list(BANDS),
    key="succ_band",
    placeholder="All readiness bands",
)
rows = position_rows(plan, service, chosen)
missing = [r for r in rows if r["Readiness"] == NO_SUCCESSOR]
if missing:
    # A table of its own, not shaded rows: pandas styling costs a quarter-second a rerun on
    # a large service, and a separate table is as plain to see.
    st.markdown(f":red[:material/error:] **{len(missing)} position(s) with no successor**")
    brief = ("Position", "Incumbent", "Risk", "Impact")
    st.dataframe([{k: r[k] for k in brief} for r in missing], hide_index=True)
st.dataframe(
    rows,
    hide_index=True,
    column_config={
        "May reach State Pension age": st.column_config.DateColumn(
            format="DD/MM/YYYY",
            help="The earliest day the incumbent may reach State Pension age, where that is "
            "within the horizon: from the birth year alone (the roster gives no more). A "
            "possible loss to plan for, not a retirement date.",
        )
    },
)

with st.expander(f"Development actions ({len(plan.development)} people)"):
    for who, actions in development_rows(plan, service).items():
        st.markdown(f"**{who}**")
        st.dataframe(
            actions,
            hide_index=True,
            column_config={"By": st.column_config.DateColumn(format="DD/MM/YYYY")},
        )

st.subheader("AMHP pipeline")
amhp = plan.amhp
cols = list(st.columns(3))
cols[0].metric("AMHPs now", amhp.headcount)
cols[1].metric("AMHPs needed", amhp.target)
cols[2].metric("In training now", amhp.in_training)
st.caption(
    f"Trainees must start each year to hold the target; training takes {amhp.training_months} months."
)
st.dataframe(pipeline_rows(plan), hide_index=True)
