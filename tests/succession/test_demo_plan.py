"""The Northbridge demo's succession plan, checked by hand against data/demo/northbridge.yaml.

NB002 (AMHP service lead, advanced, approved AMHP) plans to leave on 31/03/2027. The AMHP lead
post needs an advanced, approved AMHP eligible for category E (all nine domains at advanced,
TCSW 2014 Appendix One). NB006 is advanced overall with approval to 19/11/2027, after the
horizon: ready now. NB022 is advanced but only experienced in domains 8 and 9: one level short
on two domains, so ready in 1-2 years.
"""

from __future__ import annotations

from datetime import date

import pytest

from planner.reference.policy import default_policy
from planner.succession.models import Gap, PositionPlan, SuccessionPlan
from planner.succession.plan import plan_service
from planner.succession.positions import risk_of_loss
from planner.workforce.demo import load_demo
from planner.workforce.graph import build


@pytest.fixture(scope="module")
def plan() -> SuccessionPlan:
    return plan_service(load_demo())


def _position(plan: SuccessionPlan, key: str) -> PositionPlan:
    return next(p for p in plan.positions if p.position.key == key)


def test_amhp_lead_successor_is_ready_now(plan: SuccessionPlan) -> None:
    lead = _position(plan, "post:amhp_lead:NB002")
    assert lead.position.risk.band == "high"
    assert "plans to leave on 2027-03-31" in lead.position.risk.reasons
    first = lead.successors[0]
    assert (first.staff_id, first.readiness, first.gaps, first.missing) == (
        "NB006",
        "ready_now",
        [],
        [],
    )


def test_nb022_is_one_level_short_on_domains_8_and_9(plan: SuccessionPlan) -> None:
    lead = _position(plan, "post:amhp_lead:NB002")
    nb022 = next(c for c in lead.candidates if c.staff_id == "NB022")
    assert nb022.readiness == "ready_1_2_years"
    assert nb022.gaps == [
        Gap(domain=8, from_level="experienced", to_level="advanced"),
        Gap(domain=9, from_level="experienced", to_level="advanced"),
    ]


def test_leaver_is_never_a_candidate(plan: SuccessionPlan) -> None:
    for p in plan.positions:
        assert "NB002" not in {c.staff_id for c in p.candidates}


def test_nb001_needs_amhp_training_for_the_lead_post(plan: SuccessionPlan) -> None:
    lead = _position(plan, "post:amhp_lead:NB002")
    nb001 = next(c for c in lead.candidates if c.staff_id == "NB001")
    assert nb001.missing == ["amhp_approval"]
    assert nb001.readiness == "ready_3_plus_years"


def test_sole_cover_functions_are_positions(plan: SuccessionPlan) -> None:
    keys = {p.position.key for p in plan.positions}
    assert {"function:A.vii", "function:C.vi", "function:D.iii", "function:E.iv"} <= keys


def test_development_actions_for_nb006(plan: SuccessionPlan) -> None:
    mine = next(d for d in plan.development if d.staff_id == "NB006")
    programme = [a for a in mine.actions if a.kind == "leadership_programme"]
    assert programme and programme[0].target == date(2026, 11, 1)


def test_amhp_pipeline(plan: SuccessionPlan) -> None:
    # 182,400 adults at the policy rate; 12 approved AMHPs, 3 in training.
    amhp = plan.amhp
    assert amhp.headcount == 12
    assert amhp.in_training == 3
    assert amhp.years[0].expiries == 2  # NB020 (28/02/2027) and NB024 (30/06/2027)
    assert sum(y.starts_needed for y in amhp.years) >= amhp.target - amhp.headcount - 3


def test_amhp_pipeline_is_a_finding_without_names(plan: SuccessionPlan) -> None:
    found = [f for f in plan.findings if f.code == "succession_amhp_pipeline"]
    assert len(found) == 1
    assert found[0].evidence == ()
    assert found[0].severity == "red"  # 12 approved AMHPs against a target above 12


def test_risk_of_loss_bands() -> None:
    """NB023 is an agency locum AMHP (approval to 2030), NB005 a fixed-term team manager,
    NB020's approval lapses on 28/02/2027, NB003 is permanent with no leaving date."""
    policy = default_policy()
    wg = build(load_demo())
    end = date(2027, 11, 1)
    assert risk_of_loss(wg, "NB023", policy, end).band == "medium"
    assert risk_of_loss(wg, "NB005", policy, end).reasons == ["fixed_term contract"]
    nb020 = risk_of_loss(wg, "NB020", policy, end)
    assert (nb020.band, nb020.reasons) == ("high", ["AMHP approval expires on 2027-02-28"])
    nb003 = risk_of_loss(wg, "NB003", policy, end)
    assert nb003.band == "low"
    assert nb003.probability == round(policy.annual_turnover, 4)  # a 12-month horizon
