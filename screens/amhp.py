"""AMHP sufficiency, for a commissioner: aggregates only, no names or staff ids.

A commissioner sees the newest published release and nothing else (screens.common.releases); the
principal social worker sees the service in view and publishes releases."""

import streamlit as st

from planner.present.amhp import (
    aggregate_findings,
    basis_rows,
    benchmark_chart,
    benchmark_rows,
    demand_chart,
    horizon_chart,
    horizon_counts,
    horizon_rows,
    population_line,
    rota_rows,
    with_inputs,
    with_rota_targets,
)
from screens.common.caches import report
from screens.common.choice import current_policy, current_service
from screens.common.releases import release_section, show_release
from screens.common.signin import guard

role = guard("amhp")

st.title("AMHP sufficiency")
st.caption("Aggregates only: this page shows no names or staff ids.")
if role == "commissioner":
    show_release(role)
    st.stop()

service, policy = current_service(), current_policy()
start = report().amhp
words = start.bases[0].words
with st.expander("Inputs for this page", expanded=False):
    cols = list(st.columns(3))
    people = cols[0].number_input(
        f"Population served: {words}",
        min_value=0,
        value=start.population_used or 0,
        step=1000,
        key="amhp_people",
        help="The population on the policy's basis (Settings: population basis); the other "
        "basis is estimated from it.",
    )
    rate = cols[1].number_input(
        f"Assessments per 100,000 {words} a year",
        min_value=0.0,
        value=float(policy.assessments_per_100k_per_year),
        key="amhp_rate",
    )
    hours = cols[2].number_input(
        "AMHP hours per assessment",
        min_value=0.5,
        value=float(policy.amhp_hours_per_assessment),
        key="amhp_hours",
    )
    st.caption("Rota targets: how quickly a request must be taken up, and the fewest on duty.")
    cols = list(st.columns(3))
    wait = cols[0].number_input(
        "Wait target (hours)",
        min_value=0.5,
        max_value=72.0,
        value=float(policy.wait_target_hours),
        step=0.5,
        key="amhp_wait_hours",
    )
    share = cols[1].number_input(
        "Share of requests within the wait target",
        min_value=0.05,
        max_value=0.99,
        value=float(policy.wait_target_share),
        step=0.05,
        key="amhp_wait_share",
    )
    fewest = cols[2].number_input(
        "Fewest AMHPs on any shift",
        min_value=0,
        max_value=10,
        value=policy.min_amhps_per_shift,
        step=1,
        key="amhp_min_per_shift",
    )
targets = with_rota_targets(policy, wait, share, int(fewest))
chosen = (
    targets
    if isinstance(targets, list)
    else with_inputs(service, targets, int(people), rate, hours, shown=start.population_used or 0)
)
if isinstance(chosen, list):
    for problem in chosen:
        st.error(problem)
    st.stop()
a = report(*chosen).amhp if chosen != (service, policy) else start

cols = list(st.columns(4))
cols[0].metric("AMHPs with current approval", a.headcount)
cols[1].metric("Duty FTE", f"{a.duty_fte:g}")
per = f"{a.per_100k:g}" if a.per_100k is not None else "n/a"
cols[2].metric(f"AMHPs per 100,000 {a.bases[0].words}", per)
cols[3].metric("Target per 100,000", f"{a.target_per_100k:g}")
st.caption(population_line(a))
if a.population_used is not None:
    st.table(basis_rows(a))
if a.population.licence:
    st.caption(a.population.licence)

for line in aggregate_findings(a):
    st.markdown(line)

st.subheader("Against the target and benchmarks")
st.caption(
    f"Red line: the target of {a.target_per_100k:g} per 100,000 {a.bases[0].words}. "
    "The service and every benchmark here are per 100,000 people of all ages."
)
st.altair_chart(benchmark_chart(a), width="stretch")
st.dataframe(benchmark_rows(a), hide_index=True)

st.subheader("Demand against duty hours")
if a.demand_hours is None:
    st.info("No population, so no demand estimate.")
else:
    st.altair_chart(demand_chart(a), width="stretch")
    st.write(
        f"{a.assessments_per_year:,.0f} assessments a year need {a.demand_hours:,.0f} AMHP hours; "
        f"duty time gives {a.duty_hours:,.0f}."
    )

st.subheader("Rota")
st.dataframe(rota_rows(a), hide_index=True)

st.subheader(f"Headcount to {a.horizon.horizon_end:%B %Y}")
cols = list(st.columns(4))
for col, (name, count) in zip(cols, horizon_counts(a).items(), strict=True):
    col.metric(name, count)
st.altair_chart(horizon_chart(a), width="stretch")
st.dataframe(horizon_rows(a), hide_index=True)
for line in a.horizon.assumptions:
    st.caption(line)

release_section(role)
