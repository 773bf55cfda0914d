"""AMHP sufficiency: headcount and duty time against population, demand and the rota.

The local social services authority approves AMHPs and must arrange for one to consider a case
(Mental Health Act 1983 s114 and s13(1)); the Code of Practice 2015 para 14.35, statutory
guidance, says it should have arrangements for a 24-hour service. Figures here: AMHPs with an
approval in force on the as-of date; AMHPs per 100,000 people on the policy's population basis
(all ages by default, as the target, the assessment rate and the benchmarks are) against the
target, with the other basis beside it, and against the published benchmarks
(`data/benchmarks.yaml`) on their own basis and measure; assessments a year from the population
and the policy rate (ADASS survey of 2016/17) and the AMHP hours they need against the duty hours
available; the AMHPs each rota shift needs by Erlang C, checked by simulation (`queueing`); and
the horizon (`amhp_horizon`). Every default used is in `data/policy/defaults.yaml`. The Mental
Health Act 2025 (`mha-2025`) amends the 1983 Act in stages; until a change is commenced, the 1983
Act's duties above are the ones in force.
"""

from __future__ import annotations

import math

import numpy as np

from planner.analysis import queueing as q
from planner.analysis.amhp_findings import amhp_findings
from planner.analysis.amhp_horizon import amhp_horizon
from planner.analysis.population_basis import PopulationBasis
from planner.analysis.results import AmhpSufficiency, BasisFigures, BenchmarkRow, RotaShift
from planner.reference.policy import BASIS_WORDS, Policy, PopulationBasisName, Shift
from planner.workforce.graph import WorkforceGraph
from planner.workforce.graph_index import FloatArray

WEEKS_PER_YEAR = 365.25 / 7
PER = 100_000


def duty_fte(wg: WorkforceGraph) -> FloatArray:
    """Each worker's FTE on AMHP duty: their FTE times their share on the rota, nothing else.
    Time on category E (leading the service, forums, data) supports AMHPs but takes no
    assessments, so it is not duty time (TCSW 2014, section 3, E: "AMHP roles should be
    consistently supported by" E.i-E.v)."""
    ix = wg.index
    duty: FloatArray = np.where(ix.amhp, ix.fte * ix.rota_share, 0.0)
    return duty


def _counts(wg: WorkforceGraph) -> tuple[int, float, float]:
    ix = wg.index
    on = ix.amhp
    return int(on.sum()), float(ix.fte[on].sum()), float(duty_fte(wg).sum())


def amhp_sufficiency(
    wg: WorkforceGraph, policy: Policy, population: PopulationBasis
) -> AmhpSufficiency:
    headcount, fte, duty = _counts(wg)
    basis = policy.population_basis
    people = population.people(basis)
    per_people = _per(headcount, population.all_ages)
    bases = [_basis(b, population, headcount, policy) for b in (basis, _other(basis))]
    for_target = bases[0].headcount_for_target
    assessments = people * policy.assessments_per_100k_per_year / PER if people else None
    demand = assessments * policy.amhp_hours_per_assessment if assessments is not None else None
    duty_hours = duty * policy.amhp_duty_hours_per_fte_year
    fte_for_demand = demand / policy.amhp_duty_hours_per_fte_year if demand is not None else None
    rota = [_shift(s, assessments or 0.0, policy) for s in policy.rota] if people else []
    rota_needed = (
        sum(r.amhp_hours_per_year for r in rota) / policy.amhp_duty_hours_per_fte_year
        if rota
        else None
    )
    result = AmhpSufficiency(
        headcount=headcount,
        fte=round(fte, 4),
        duty_fte=round(duty, 4),
        rota_fte=round(duty, 4),
        population=population,
        population_basis=basis,
        population_used=people,
        per_100k=bases[0].per_100k,
        adult_population=population.adults,
        all_ages_population=population.all_ages,
        per_100k_adults=_r(_per(headcount, population.adults)),
        per_100k_people=_r(per_people),
        fte_per_100k_people=_r(_per(fte, population.all_ages)),
        bases=bases,
        target_per_100k=policy.amhp_target_per_100k,
        headcount_for_target=for_target,
        headcount_shortfall=max(0, for_target - headcount) if for_target is not None else None,
        benchmarks=_benchmarks(wg, per_people, _per(fte, population.all_ages)),
        assessments_per_year=_r(assessments),
        demand_hours=_r(demand),
        duty_hours=round(duty_hours, 2),
        demand_ratio=_r(demand / duty_hours if demand is not None and duty_hours else None),
        fte_for_demand=_r(fte_for_demand),
        fte_shortfall=_r(max(0.0, fte_for_demand - duty) if fte_for_demand is not None else None),
        rota=rota,
        rota_fte_needed=_r(rota_needed),
        rota_fte_shortfall=_r(max(0.0, rota_needed - duty) if rota_needed is not None else None),
        simulation={
            "requests_per_shift": q.SIMULATION_REQUESTS,
            "seed": q.SIMULATION_SEED,
            "tolerance": q.SIMULATION_TOLERANCE,
        },
        horizon=amhp_horizon(wg, policy),
        findings=[],
    )
    return result.model_copy(update={"findings": amhp_findings(result, policy, wg.names)})


def _r(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def _per(count: float, people: int | None) -> float | None:
    return count / people * PER if people else None


def _other(basis: PopulationBasisName) -> PopulationBasisName:
    return "adults_18_plus" if basis == "all_ages" else "all_ages"


def _basis(
    basis: PopulationBasisName, population: PopulationBasis, headcount: int, policy: Policy
) -> BasisFigures:
    people = population.people(basis)
    source = population.all_ages_source if basis == "all_ages" else population.adults_source
    return BasisFigures(
        basis=basis,
        words=BASIS_WORDS[basis],
        used=basis == policy.population_basis,
        population=people,
        source=source or population.source,
        per_100k=_r(_per(headcount, people)),
        headcount_for_target=(
            math.ceil(policy.amhp_target_per_100k * people / PER - 1e-9) if people else None
        ),
        assessments_per_year=(
            _r(people * policy.assessments_per_100k_per_year / PER) if people else None
        ),
    )


def _shift(shift: Shift, assessments: float, policy: Policy) -> RotaShift:
    rate = assessments * shift.demand_share / (WEEKS_PER_YEAR * shift.hours_per_week)
    service = policy.amhp_hours_per_assessment
    wait = policy.wait_target_hours
    c = q.servers_needed(rate, service, wait, policy.wait_target_share, policy.min_amhps_per_shift)
    share = q.share_within(c, rate, service, wait)
    sim = q.simulate_share_within(c, rate, service, wait)
    return RotaShift(
        shift=shift.name,
        hours_per_week=shift.hours_per_week,
        demand_share=shift.demand_share,
        arrival_rate_per_hour=round(rate, 4),
        offered_load=round(rate * service, 4),
        amhps_needed=c,
        share_within_target=round(share, 4),
        mean_wait_hours=round(q.mean_wait(c, rate, service), 3),
        utilisation=round(rate * service / c, 4) if c else 0.0,
        simulated_share_within_target=round(sim.share, 4),
        simulation_standard_error=round(sim.standard_error, 4),
        simulation=q.simulation_verdict(sim, share),
        amhp_hours_per_year=round(c * shift.hours_per_week * WEEKS_PER_YEAR, 2),
    )


def _benchmarks(
    wg: WorkforceGraph, per_people: float | None, fte_per_people: float | None
) -> list[BenchmarkRow]:
    fw = wg.framework
    return [
        BenchmarkRow(
            label=b.label,
            year=b.year,
            per_100k=b.per_100k,
            basis=BASIS_WORDS["all_ages"],
            measure=b.measure,
            service_per_100k=_r(per_people if b.measure == "headcount" else fte_per_people),
            source=b.source,
            clause=b.clause,
            citation=f"{fw.source(b.source).citation()} — {b.clause}",
            check=b.check,
            note=b.note,
        )
        for b in fw.benchmarks.amhp_per_100k
    ]
