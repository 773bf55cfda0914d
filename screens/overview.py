"""Overview: the service at a glance."""

from pathlib import Path

import streamlit as st

from planner.present.overview import ICON, action_views, fine_lines, headlines, level_chart
from planner.roster.layout import load_layout
from planner.workforce.summary import level_rows, summarise
from screens.common.caches import report
from screens.common.choice import as_of, current_policy, current_service
from screens.common.signin import guard

guard("overview")

summary = summarise(current_service(), as_of(), current_policy())
st.title(summary.name)
st.caption(f"{summary.local_authority} · as of {summary.as_of:%d %B %Y}")
cols = st.columns(5)
cols[0].metric("Workers", summary.headcount)
cols[1].metric("FTE", f"{summary.fte:g}")
cols[2].metric("FTE for casework", f"{summary.casework.casework_fte:g}", help=summary.casework.why)
cols[3].metric("AMHPs with current approval", summary.amhps)
rep = report(current_service())
amhp = rep.amhp
pop = amhp.population_used
cols[4].metric(
    f"Population served ({amhp.bases[0].words})",
    f"{pop:,}" if pop is not None else "not given",
    help=amhp.bases[0].source or amhp.population.note,
)
st.caption(f"FTE for casework: {summary.casework.why}")

here = Path(__file__).resolve().parent.parent
st.subheader("What to do")
counts = {s: sum(f.severity == s for f in rep.findings) for s in ("red", "amber", "green")}
st.caption(
    f"{len(rep.actions)} actions from {counts['red']} red and {counts['amber']} amber findings; "
    "open one for the findings behind it."
)
for n, view in enumerate(action_views(rep.actions)):
    with st.expander(view.heading, expanded=n == 0):
        for line in view.reasons:
            st.markdown(f"- {line}")
        if (here / view.page).exists():
            st.page_link(view.page, label=f"Open {view.title}", icon=":material/arrow_forward:")
if not rep.actions:
    st.success("Nothing red or amber: no action needed on these figures.")
with st.expander(f"What is fine ({counts['green']} green findings)"):
    for line in fine_lines(rep.findings):
        st.markdown(f"- {line}")

st.subheader("By area")
for col, h in zip(st.columns(3), headlines(rep.findings), strict=True):
    with col.container(border=True):
        st.markdown(f"### {ICON[h.severity]} {h.title}")
        st.caption(h.summary)
        if (here / h.page).exists():
            st.page_link(h.page, label=f"Open {h.title}", icon=":material/arrow_forward:")

st.subheader("Teams")
layout = load_layout()
st.dataframe(
    [
        {
            "Team": t.name,
            "Kind": layout.choice_label("team_kind", t.kind),
            "People": t.headcount,
            "FTE": t.fte,
            "FTE for casework": t.casework_fte,
        }
        for t in summary.teams
    ],
    hide_index=True,
)
st.subheader("PCF levels")
st.altair_chart(level_chart(level_rows(summary.by_level)), width="stretch")
