"""Team: the roster, the PCF heatmap and the supervision tree."""

import altair as alt
import pandas as pd
import streamlit as st

from pages.common.choice import as_of, current_service
from pages.common.signin import guard
from planner.present.team import (
    CREDENTIALS,
    RosterFilter,
    heatmap_rows,
    roster_rows,
    supervision_dot,
)
from planner.reference.framework import load_framework
from planner.workforce.graph import build
from planner.workforce.models import Contract

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
st.caption(f"{len(rows)} of {len(service.workers)} people, as of {on:%d/%m/%Y}")
st.dataframe(
    rows,
    hide_index=True,
    column_config={
        "FTE": st.column_config.NumberColumn(format="%.2f"),
        "AMHP approval expires": st.column_config.DateColumn(format="DD/MM/YYYY"),
        "Planned leaving": st.column_config.DateColumn(format="DD/MM/YYYY"),
    },
)

shown = [w for w in service.workers if keep.keeps(w, on)]
st.subheader("PCF levels by domain")
grain, cells = heatmap_rows(service, shown)
if cells:
    if grain == "team":
        st.caption("Too many people to show one by one: each row is a team's mean level.")
    if grain == "worker":
        order = [fw.level(lv).name for lv in fw.level_ids()]
        colour = alt.Color(
            "level:O", title="PCF level", sort=order, scale=alt.Scale(domain=order, scheme="blues")
        )
    else:
        colour = alt.Color(
            "rank:Q", title="Mean level (0-8)", scale=alt.Scale(domain=[0, 8], scheme="blues")
        )
    heat = (
        alt.Chart(pd.DataFrame(cells))
        .mark_rect(stroke="white", strokeWidth=0.5)
        .encode(
            x=alt.X(
                "domain:N", title=None, sort=None, axis=alt.Axis(labelAngle=-30, labelLimit=220)
            ),
            y=alt.Y("who:N", title=None, sort=None, axis=alt.Axis(labelLimit=260)),
            color=colour,
            tooltip=["who", "team", "domain", "level"],
        )
        .properties(height=max(200, 22 * len({c["who"] for c in cells})))
    )
    st.altair_chart(heat, width="stretch")
else:
    st.info("No social workers match these filters.")

st.subheader("Supervision")
st.caption(
    "Solid: professional supervision · dashed: AMHP supervision · dotted: line management where "
    "it differs · double border: approved AMHP."
)
st.graphviz_chart(supervision_dot(build(service, on), [w.staff_id for w in shown]))
