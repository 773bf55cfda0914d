"""Scenarios on the demo: each edit changes what a manager would expect, bad edits are
sentences, and the baseline is never changed."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from planner.analysis.report import analyse
from planner.reference.framework import load_framework
from planner.reference.policy import Policy, default_policy
from planner.whatif.scenarios import (
    EDITS,
    ChangeFte,
    Leaves,
    PolicyChange,
    PopulationGrowth,
    QualifiesAmhp,
    Recruit,
    Scenario,
    apply,
    compare,
)
from planner.workforce.demo import load_demo

DEMO = load_demo()
POLICY = default_policy()
TODAY = DEMO.as_of
IDS = [w.staff_id for w in DEMO.workers]


def applied(*edits: object) -> tuple[object, Policy]:
    result = apply(Scenario(name="t", edits=edits), DEMO, POLICY)  # type: ignore[arg-type]
    assert not isinstance(result, list), result
    return result


def moved(*edits: object) -> dict[str, tuple[float | None, float | None, str]]:
    service, policy = applied(*edits)
    before = analyse(DEMO, POLICY)
    after = analyse(service, policy)  # type: ignore[arg-type]
    return {m.figure: (m.before, m.after, m.direction) for m in compare(before, after)}


def test_an_amhp_leaving_today_lowers_the_amhp_headline() -> None:
    figures = moved(Leaves(staff_id="NB020", planned_leaving_date=TODAY))
    assert figures["amhp_headcount"] == (12, 11, "worse")
    assert figures["amhp_per_100k"][2] == "worse"
    assert figures["amhp_headcount_shortfall"] == (12, 13, "worse")


def test_a_later_leaving_date_shows_at_the_horizon_not_today() -> None:
    figures = moved(Leaves(staff_id="NB022", planned_leaving_date=TODAY + timedelta(days=90)))
    assert figures["amhp_headcount"][2] == "same"
    assert figures["amhps_at_horizon_end"][2] == "worse"


def test_a_recruited_amhp_and_a_newly_approved_one_raise_the_headcount() -> None:
    service, _ = applied(
        Recruit(team="AMHP Hub", pcf_level="experienced", amhp_approved_on=TODAY),
        QualifiesAmhp(staff_id="NB031", amhp_approved_on=TODAY),
    )
    assert analyse(service, POLICY).amhp.headcount == 14  # type: ignore[arg-type]
    recruit = service.worker("NEW1")  # type: ignore[attr-defined]
    assert recruit.amhp_approval_expires == date(2031, 10, 31)  # five years less a day


def test_population_growth_and_a_tighter_rota_rule_make_cover_worse() -> None:
    figures = moved(PopulationGrowth(percent=20), PolicyChange(name="min_amhps_per_shift", value=2))
    assert figures["amhp_per_100k"][2] == "worse"
    assert figures["rota_fte_shortfall"][2] == "worse"
    assert figures["rota_cover"][2] == "worse"


def test_an_fte_change_moves_amhp_fte() -> None:
    figures = moved(ChangeFte(staff_id="NB026", fte=1.0))
    assert figures["amhp_fte"] == (10.9, 11.4, "better")


def test_bad_edits_are_sentences_and_nothing_is_applied() -> None:
    result = apply(
        Scenario(
            name="bad",
            edits=(
                Leaves(staff_id="NB999", planned_leaving_date=TODAY),
                ChangeFte(staff_id="NB020", fte=-0.5),
                Recruit(team="Nowhere", pcf_level="experienced"),
                PolicyChange(name="wait_target_share", value=3),
                PopulationGrowth(percent=-100),
            ),
        ),
        DEMO,
        POLICY,
    )
    assert isinstance(result, list) and len(result) == 5
    assert "no worker NB999" in result[0]
    assert "FTE must be more than 0" in result[1]
    assert "no team called 'Nowhere'" in result[2]
    assert result[3].startswith("Change 4 (setting wait target share to 3): wait_target_share")


def test_a_scenario_reads_back_from_json_as_the_same_edits() -> None:
    s = Scenario(
        name="winter",
        base_snapshot_id=3,
        edits=(
            Leaves(staff_id="NB020", planned_leaving_date=TODAY),
            PolicyChange(name="amhp_target_per_100k", value=12),
        ),
    )
    assert Scenario.model_validate_json(s.model_dump_json()) == s


dates = st.dates(TODAY - timedelta(days=400), TODAY + timedelta(days=2000))
edits = st.one_of(
    st.builds(Leaves, staff_id=st.sampled_from([*IDS, "NB999"]), planned_leaving_date=dates),
    st.builds(ChangeFte, staff_id=st.sampled_from(IDS), fte=st.floats(-1, 2)),
    st.builds(QualifiesAmhp, staff_id=st.sampled_from(IDS), amhp_approved_on=dates),
    st.builds(
        Recruit,
        team=st.sampled_from([t.name for t in DEMO.teams] + ["Nowhere"]),
        pcf_level=st.sampled_from(load_framework().level_ids()),
        fte=st.floats(-0.5, 1.5),
        amhp_approved_on=st.none() | dates,
        amhp_rota_share=st.sampled_from([0.0, 0.5]),
    ),
    st.builds(PopulationGrowth, percent=st.floats(-150, 300)),
    st.builds(
        PolicyChange,
        name=st.sampled_from(["amhp_target_per_100k", "min_amhps_per_shift", "wait_target_share"]),
        value=st.floats(-5, 50),
    ),
)


@given(st.lists(edits, max_size=6))
def test_apply_never_changes_the_baseline(chosen: list[object]) -> None:
    before = (DEMO.model_dump(), POLICY.model_dump())
    scenario = Scenario(name="any", edits=tuple(EDITS.validate_python(e) for e in chosen))
    result = apply(scenario, DEMO, POLICY)
    assert (DEMO.model_dump(), POLICY.model_dump()) == before
    if isinstance(result, list):
        assert result and all(isinstance(p, str) and p.startswith("Change ") for p in result)
    else:
        service, policy = result
        assert len(service.workers) <= len(DEMO.workers) + len(chosen)


def test_apply_each_makes_the_valid_changes_and_names_the_others() -> None:
    from planner.whatif.scenarios import apply_each

    someone = IDS[3]
    edits = (
        Leaves(staff_id=someone, planned_leaving_date=TODAY),
        ChangeFte(staff_id=someone, fte=0.5),  # they have gone by now
        ChangeFte(staff_id=IDS[4], fte=0.5),
    )
    service, _, refused = apply_each(Scenario(name="t", edits=edits), DEMO, POLICY)
    assert [r.number for r in refused] == [2]
    assert f"Change 2 ({someone} to 0.5 FTE)" in refused[0].reason
    assert service.worker(someone) is None and service.worker(IDS[4]).fte == 0.5  # type: ignore[union-attr]
    assert isinstance(
        apply(Scenario(name="t", edits=edits), DEMO, POLICY), list
    )  # CLI: all or none


@given(st.sampled_from(["entry", "last_placement", "asye"]))
def test_nobody_before_or_in_their_asye_brings_or_gains_an_amhp_approval(level: str) -> None:
    recruit = Recruit(team=DEMO.teams[0].name, pcf_level=level, amhp_approved_on=TODAY)
    assert "cannot hold an AMHP approval" in str(
        apply(Scenario(name="t", edits=(recruit,)), DEMO, POLICY)
    )
    junior = next((w for w in DEMO.workers if w.pcf_level == level), None)
    if junior is not None:
        approve = QualifiesAmhp(staff_id=junior.staff_id, amhp_approved_on=TODAY)
        assert "cannot hold" in str(apply(Scenario(name="t", edits=(approve,)), DEMO, POLICY))


def test_a_newly_qualified_recruit_adds_less_casework_than_fte() -> None:
    """asye_workload_reduction: a full-time ASYE recruit is 1 FTE but, in their first year,
    0.9 FTE for casework (10% protected development time)."""
    figures = moved(Recruit(team="North CMHT", pcf_level="asye", start_date=TODAY))
    assert figures["fte"] == (33.6, 34.6, "better")
    assert figures["casework_fte"] == (33.3, 34.2, "better")
