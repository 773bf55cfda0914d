"""Team: the roster, the PCF heatmap and the supervision tree."""

import streamlit as st

from planner.present.team import (
    CREDENTIALS,
    RosterFilter,
    TeamView,
    capacity_of,
    heatmap_chart,
    heatmap_rows,
    roster_rows,
    supervision_by_team,
)
from planner.reference.framework import load_framework
from planner.workforce.graph import build
from planner.workforce.models import Contract
from screens.common.choice import as_of, current_policy, current_service
from screens.common.signin import guard

guard("team")

service = current_service()
on = as_of()
fw = load_framework()
st.title("Team")

cols = st.columns(4)
keep = RosterFilter(
    teams=tuple(cols[0].multiselect("Team", [t.name for t in service.teams], key="f_team")),
    levels=tuple(
        cols[1].multiselect(
            "PCF level", fw.level_ids(), key="f_level", format_func=lambda lv: fw.level(lv).name
        )
    ),
    contracts=tuple(cols[2].multiselect("Contract", [c.value for c in Contract], key="f_contract")),
    credentials=tuple(cols[3].multiselect("Credential", CREDENTIALS, key="f_credential")),
)
rows = roster_rows(service, on, keep)
capacity = capacity_of(service, on, keep, current_policy())
st.caption(
    f"{len(rows)} of {len(service.workers)} people, as of {on:%d/%m/%Y} · "
    f"{capacity.fte:g} FTE in post, {capacity.casework_fte:g} for casework"
)
st.caption(f"FTE for casework: {capacity.why}")
st.dataframe(
    rows,
    hide_index=True,
    column_config={
        "Name": st.column_config.TextColumn(pinned=True),
        "FTE": st.column_config.NumberColumn(format="%.2f"),
        "Planned leaving": st.column_config.DateColumn(format="DD/MM/YYYY"),
    },
)

shown = [w for w in service.workers if keep.keeps(w, on)]
st.subheader("PCF levels by domain")
grain, cells = heatmap_rows(service, shown)
if cells:
    if grain == "team":
        st.caption("Too many people to show one by one: each row is a team's mean level.")
    st.altair_chart(heatmap_chart(grain, cells), width="stretch")
else:
    st.info("No social workers match these filters.")

st.subheader("Supervision")
st.caption(
    "Solid: professional supervision · dashed: AMHP supervision · dotted: line management where "
    "it differs · double border: approved AMHP · grey: someone in another team."
)
views = supervision_by_team(build(service, on), [w.staff_id for w in shown])
TEAMS_LISTED = 8  # more teams than this: pick one to draw, rather than a page of expanders


def _draw(view: TeamView) -> None:
    if view.dot is not None:
        st.graphviz_chart(view.dot)
    else:
        st.caption("Too many people to draw: each supervisor and whom they supervise here.")
        st.dataframe(view.supervisors, hide_index=True)


if len(views) > TEAMS_LISTED:
    by_name = {v.team: v for v in views}
    team = st.selectbox(
        "Team to draw",
        list(by_name),
        format_func=lambda t: f"{t} ({by_name[t].people} people)",
        key="f_draw_team",
    )
    _draw(by_name[team])
else:
    for view in views:
        with st.expander(f"{view.team}: {view.people} people", expanded=len(views) == 1):
            _draw(view)
if not views:
    st.info("Nobody matches these filters.")
