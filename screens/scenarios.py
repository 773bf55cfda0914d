"""Scenarios & projection: build what-if edits, see every headline figure before and after, save
them by name, and project the workforce month by month."""

from __future__ import annotations

from datetime import date

import streamlit as st

from planner.present.scenarios import (
    amhp_chart,
    band_chart,
    edit_lines,
    headline,
    headline_rows,
    projection_caption,
    worker_options,
    yearly_rows,
)
from planner.reference.framework import load_framework
from planner.reference.policy import Policy
from planner.store.scenarios import (
    delete_scenario,
    list_scenarios,
    load_scenario,
    save_scenario,
)
from planner.store.snapshots import Store, StoreError
from planner.whatif.headlines import headline_movement
from planner.whatif.projection import Projection, project
from planner.whatif.scenarios import (
    ChangeFte,
    Edit,
    Leaves,
    PolicyChange,
    PopulationGrowth,
    QualifiesAmhp,
    Recruit,
    Refused,
    Scenario,
    apply_each,
)
from planner.workforce.models import Service
from screens.common.caches import report
from screens.common.choice import as_of, current_policy, current_service
from screens.common.signin import current_user, guard

EDITS = "scenario_edits"
MIN_FTE = 0.05  # an FTE must be more than 0; someone leaving is a leaver, not an FTE of 0
RULES = {
    "amhp_target_per_100k": "AMHP target per 100,000 adults",
    "min_amhps_per_shift": "AMHPs on every shift at least",
    "wait_target_hours": "Wait target (hours)",
    "wait_target_share": "Share of requests within the wait target",
    "assessments_per_100k_per_year": "Assessments per 100,000 a year",
}

guard("scenarios")
service, policy, on = current_service(), current_policy(), as_of()
edits: list[Edit] = st.session_state.setdefault(EDITS, [])

st.title("Scenarios & projection")
st.caption(
    "What if someone leaves, a recruit joins or the rota rules change? Nothing is saved to "
    "the service: a scenario is a list of changes on top of it."
)


def add(edit: Edit) -> None:
    """Add a change only if it can be made on top of the others; else say why, in a sentence."""
    *_, refused = apply_each(Scenario(name="current", edits=(*edits, edit)), service, policy)
    mine = [r for r in refused if r.number == len(edits) + 1]
    if mine:
        st.error(f"{mine[0].reason}. It was not added.", icon=":material/block:")
    else:
        edits.append(edit)


def edit_forms(service: Service, policy: Policy) -> None:
    people = worker_options(service)
    ids = list(people)
    tabs = st.tabs(
        ["Someone leaves", "Recruit", "FTE change", "AMHP approval", "Population", "Rota rule"]
    )
    with tabs[0], st.form("sc_leaves_form"):
        who = st.selectbox("Who leaves", ids, format_func=people.__getitem__, key="sc_leaver")
        when = st.date_input(
            "Leaving date", value=service.as_of, format="DD/MM/YYYY", key="sc_leave_on"
        )
        if st.form_submit_button("Add leaver", key="sc_add_leaver"):
            add(Leaves(staff_id=who, planned_leaving_date=when))
    with tabs[1], st.form("sc_recruit_form"):
        cols = list(st.columns(3))
        team = cols[0].selectbox("Team", [t.name for t in service.teams], key="sc_team")
        fw = load_framework()
        level = cols[1].selectbox(
            "PCF level",
            fw.level_ids(),
            index=4,
            format_func=lambda lv: fw.level(lv).name,
            key="sc_level",
        )
        fte = cols[2].number_input(
            "FTE", min_value=MIN_FTE, max_value=1.0, value=1.0, step=0.1, key="sc_recruit_fte"
        )
        approved = st.checkbox("Brings an AMHP approval", key="sc_recruit_amhp")
        approved_on = st.date_input(
            "Approved on", value=service.as_of, format="DD/MM/YYYY", key="sc_recruit_on"
        )
        if st.form_submit_button("Add recruit", key="sc_add_recruit"):
            add(
                Recruit(
                    team=team,
                    pcf_level=level,
                    fte=fte,
                    amhp_approved_on=approved_on if approved else None,
                )
            )
    with tabs[2], st.form("sc_fte_form"):
        who = st.selectbox("Who", ids, format_func=people.__getitem__, key="sc_fte_who")
        fte = st.number_input(
            "New FTE", min_value=MIN_FTE, max_value=1.0, value=1.0, step=0.1, key="sc_fte"
        )
        if st.form_submit_button("Add FTE change", key="sc_add_fte"):
            add(ChangeFte(staff_id=who, fte=fte))
    with tabs[3], st.form("sc_amhp_form"):
        who = st.selectbox(
            "Who is approved", ids, format_func=people.__getitem__, key="sc_amhp_who"
        )
        approved_on = st.date_input(
            "Approved on", value=service.as_of, format="DD/MM/YYYY", key="sc_amhp_on"
        )
        if st.form_submit_button("Add approval", key="sc_add_amhp"):
            add(QualifiesAmhp(staff_id=who, amhp_approved_on=approved_on))
    with tabs[4], st.form("sc_population_form"):
        percent = st.number_input(
            "Adult population change (%)", value=5.0, step=1.0, key="sc_percent"
        )
        if st.form_submit_button("Add population change", key="sc_add_population"):
            add(PopulationGrowth(percent=percent))
    with tabs[5], st.form("sc_rule_form"):
        name = st.selectbox("Rule", list(RULES), format_func=RULES.__getitem__, key="sc_rule")
        value = st.number_input(
            "New value", value=float(getattr(policy, name)), step=1.0, key="sc_rule_value"
        )
        if st.form_submit_button("Add rule change", key="sc_add_rule"):
            add(PolicyChange(name=name, value=value))


def saved_scenarios(service: Service, refused: list[Refused]) -> None:
    """Save and load by name, in the database, against the service's latest snapshot."""
    try:
        with Store.open() as store:
            sid = store.find_service(service.name)
            if sid is None:
                st.info("Save a snapshot of this service first; scenarios are kept against one.")
                return
            names = [s.name for s in list_scenarios(store, sid)]
            cols = list(st.columns(2))
            name = cols[0].text_input("Scenario name", key="sc_name")
            by = cols[1].text_input("Your name", value=current_user(), key="sc_by")
            if refused:
                st.caption("Remove the changes that cannot be made before saving.")
            if st.button("Save scenario", key="sc_save", disabled=not edits or bool(refused)):
                if not name.strip() or not by.strip():
                    st.error("Give the scenario a name and say who you are before saving.")
                else:
                    save_scenario(store, sid, Scenario(name=name, edits=tuple(edits)), by=by)
                    st.success(f"Saved {name}.")
                    names = [s.name for s in list_scenarios(store, sid)]
            if names:
                chosen = st.selectbox("Saved scenarios", names, key="sc_saved")
                cols = list(st.columns(2))
                if cols[0].button("Load", key="sc_load"):
                    st.session_state[EDITS] = list(load_scenario(store, sid, chosen).edits)
                    st.rerun()
                if cols[1].button("Delete", key="sc_delete", disabled=not by.strip()):
                    delete_scenario(store, sid, chosen, by=by)
                    st.rerun()
    except StoreError as exc:
        st.error(str(exc))


@st.cache_data(show_spinner="Projecting…", max_entries=16)
def _projection(
    service_json: str, policy_json: str, on: date, years: int, runs: int, seed: int
) -> Projection:
    return project(
        Service.model_validate_json(service_json),
        Policy.model_validate_json(policy_json),
        on,
        years,
        runs,
        seed,
    )


edit_forms(service, policy)
st.subheader("Changes in this scenario")
if edits:
    for line in edit_lines(edits, service):
        st.markdown(line)
    cols = list(st.columns(2))
    if cols[0].button("Remove the last change", key="sc_undo"):
        edits.pop()
        st.rerun()
    if cols[1].button("Clear all", key="sc_clear"):
        edits.clear()
        st.rerun()
else:
    st.caption("No changes yet: add one above.")

changed, changed_policy, refused = apply_each(
    Scenario(name="current", edits=tuple(edits)), service, policy
)
for r in refused:
    st.error(f"{r.reason}. Not applied: the figures below leave it out.", icon=":material/block:")
if refused and len(refused) < len(edits):
    st.caption(f"{len(edits) - len(refused)} of {len(edits)} changes applied.")
moves = headline_movement(report(service, policy), report(changed, changed_policy))

st.subheader("Before and after")
cols = list(st.columns(4))
for col, figure in zip(
    cols,
    ("amhp_headcount", "amhp_per_100k", "rota_cover", "supervisors_over_capacity"),
    strict=True,
):
    m = headline(moves, figure)
    delta = m.after - m.before if m.after is not None and m.before is not None else None
    lower = figure == "supervisors_over_capacity"
    col.metric(
        m.label,
        "n/a" if m.after is None else f"{m.after:g}",
        delta=f"{delta:+g}" if delta else None,
        delta_color="inverse" if lower else "normal",
    )
st.dataframe(headline_rows(moves), hide_index=True)

with st.expander("Saved scenarios", icon=":material/bookmark:"):
    saved_scenarios(service, refused)

st.subheader("Projection")
cols = list(st.columns(3))
years = cols[0].slider("Years", 1, 5, value=changed_policy.projection_years, key="sc_years")
runs = cols[1].number_input(
    "Runs",
    min_value=100,
    max_value=20_000,
    value=changed_policy.projection_runs,
    step=100,
    key="sc_runs",
)
seed = cols[2].number_input(
    "Seed", min_value=0, value=changed_policy.projection_seed, step=1, key="sc_seed"
)
p = _projection(
    changed.model_dump_json(), changed_policy.model_dump_json(), on, years, int(runs), int(seed)
)
st.caption(projection_caption(p))
st.altair_chart(amhp_chart(p), width="stretch")
cols = list(st.columns(3))
cols[0].altair_chart(band_chart(p, p.supervision_slots, "Supervision slots"))
cols[1].altair_chart(band_chart(p, p.supervisees, "Supervisees"))
cols[2].altair_chart(band_chart(p, p.posts_covered, "Needed posts covered", p.posts_needed))
st.dataframe(yearly_rows(p), hide_index=True)
for line in p.assumptions:
    st.caption(line)
