"""The projection: reproducible from its seed, equal to the planned path when nothing is random,
consistent with the AMHP horizon, and with the median inside its band."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.analysis.report import analyse
from planner.reference.policy import default_policy
from planner.whatif.projection import project
from planner.workforce.demo import load_demo
from planner.workforce.models import Worker

DEMO = load_demo()
POLICY = default_policy()
CERTAIN = POLICY.with_changes(annual_turnover=0.0, amhp_reapproval_rate=1.0)


def test_the_same_seed_gives_the_same_projection_and_another_seed_differs() -> None:
    a = project(DEMO, POLICY, runs=200, seed=7)
    assert a == project(DEMO, POLICY, runs=200, seed=7)
    assert a.amhp != project(DEMO, POLICY, runs=200, seed=8).amhp


def test_with_no_turnover_and_certain_renewal_the_band_is_the_planned_path() -> None:
    p = project(DEMO, CERTAIN, runs=50)
    for band in (p.amhp, p.supervision_slots, p.supervisees, p.posts_covered):
        assert band.p10 == band.median == band.p90 == band.planned
    assert len(p.months) == 61 and p.months[-1] == date(2031, 11, 1)


def test_without_renewal_the_planned_path_is_the_amhp_horizon() -> None:
    """Two methods for the same question: the analysis's month-by-month count and this one."""
    policy = POLICY.with_changes(annual_turnover=0.0, amhp_reapproval_rate=0.0, horizon_months=60)
    horizon = [m.headcount for m in analyse(DEMO, policy).amhp.horizon.months]
    p = project(DEMO, policy, runs=20)
    assert p.amhp.planned == p.amhp.median == horizon


def test_a_planned_leaver_lowers_headcount_from_their_date() -> None:
    leaving = date(2027, 6, 15)
    nb020 = DEMO.worker("NB020")
    assert nb020 is not None
    gone = Worker.model_validate({**nb020.model_dump(), "planned_leaving_date": leaving})
    service = DEMO.with_workers(tuple(gone if w is nb020 else w for w in DEMO.workers))
    base, after = project(DEMO, CERTAIN, runs=10), project(service, CERTAIN, runs=10)
    for month, b, a in zip(base.months, base.amhp.median, after.amhp.median, strict=True):
        assert a == (b - 1 if month >= leaving else b)
    assert after.supervisees.median[-1] == base.supervisees.median[-1] - 1


def test_turnover_wears_the_workforce_down_without_recruitment() -> None:
    p = project(DEMO, POLICY, runs=300)
    assert p.supervisees.median[-1] < p.supervisees.median[0] == 35
    assert p.amhp.p10[-1] < p.amhp.planned[-1]
    assert p.amhp_target == 24 and p.posts_needed == 7


@settings(max_examples=25)
@given(
    turnover=st.floats(0, 0.6),
    rate=st.floats(0, 1),
    seed=st.integers(0, 2**32 - 1),
    years=st.integers(1, 5),
)
def test_the_median_lies_within_the_band(
    turnover: float, rate: float, seed: int, years: int
) -> None:
    policy = POLICY.with_changes(annual_turnover=turnover, amhp_reapproval_rate=rate)
    p = project(DEMO, policy, years=years, runs=40, seed=seed)
    assert len(p.months) == 12 * years + 1
    for band in (p.amhp, p.supervision_slots, p.supervisees, p.posts_covered):
        for lo, mid, hi in zip(band.p10, band.median, band.p90, strict=True):
            assert 0 <= lo <= mid <= hi


def test_turnover_runs_average_to_the_policy_rate() -> None:
    """A year on, the mean of the runs keeps (1 - turnover) of those with no leaving date."""
    staying = DEMO.with_workers(
        tuple(w.model_copy(update={"planned_leaving_date": None}) for w in DEMO.workers)
    )
    p = project(staying, POLICY.with_changes(annual_turnover=0.3), years=1, runs=4000, seed=3)
    for band in (p.supervisees, p.supervision_slots):
        assert abs(band.mean[12] - 0.7 * band.mean[0]) < 0.01 * band.mean[0] + 0.2
        assert band.p10[12] < band.mean[12] < band.p90[12]


def test_amhps_per_100k_by_year_follow_the_councils_projected_population() -> None:
    # Cumberland (today's code) with no figure of its own: ONS's population for each year.
    s = DEMO.model_copy(update={"la_code": "E06000063", "adult_population": None})
    p = project(s, CERTAIN, years=3, runs=20)
    assert [y.month.year for y in p.amhp_by_year] == [2026, 2027, 2028, 2029]
    assert p.amhp_by_year[0].population == 273_942  # all ages, the policy's basis, in 2026
    assert len({y.population for y in p.amhp_by_year}) > 1  # the projection moves year by year
    for y in p.amhp_by_year:
        assert y.basis == "all_ages" and y.population
        assert y.per_100k_planned == round(y.amhps_planned / y.population * 100_000, 2)
        assert y.amhp_target == -(-y.population // 10_000)
    assert p.amhp_target == p.amhp_by_year[0].amhp_target


def test_a_service_figure_with_a_council_code_grows_as_the_council_does() -> None:
    s = DEMO.model_copy(update={"la_code": "E06000063"})  # 182,400 adults of its own
    first, *_, last = project(s, CERTAIN, years=5, runs=20).amhp_by_year
    assert first.population is not None and last.population is not None
    assert "grown as ONS projects Cumberland" in last.population_source
    assert first.population != last.population


def test_without_a_council_code_the_population_is_held_and_says_why() -> None:
    years = project(DEMO, CERTAIN, years=2, runs=20).amhp_by_year
    assert len({y.population for y in years}) == 1
    assert all("no council code" in y.note for y in years)


def test_duty_fte_starts_at_todays_and_follows_the_headcount() -> None:
    """Two methods: the analysis's duty FTE now, and the projection's first month."""
    p = project(DEMO, POLICY, runs=200)
    today = analyse(DEMO, POLICY).amhp.duty_fte
    assert p.amhp_duty_fte.median[0] == p.amhp_duty_fte.planned[0] == pytest.approx(today)
    assert p.amhp_by_year[0].duty_fte_median == pytest.approx(today)
    for band in (p.amhp_duty_fte,):
        assert all(lo <= m <= hi for lo, m, hi in zip(band.p10, band.median, band.p90, strict=True))
    # nobody works more than full time, so duty FTE never exceeds the headcount
    assert all(d <= h + 1e-9 for d, h in zip(p.amhp_duty_fte.planned, p.amhp.planned, strict=True))
    last = p.amhp_by_year[-1]
    assert last.duty_fte_median < p.amhp_by_year[0].duty_fte_median  # worn down, as AMHPs are
