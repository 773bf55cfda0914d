"""The AMHP findings: each figure of `AmhpSufficiency` set against its policy value.

Severity bands: green at or above a target, amber at or above `amber_share_of_target` of it,
red below. Sources are ids in `data/sources.yaml`.
"""

from __future__ import annotations

from planner.analysis import queueing as q
from planner.analysis.findings import Finding, agree, band, finding, plural, uk_date
from planner.analysis.results import AmhpSufficiency
from planner.reference.policy import Policy
from planner.workforce.names import Names


def amhp_findings(r: AmhpSufficiency, policy: Policy, names: Names) -> list[Finding]:
    return [
        *_population_findings(r, policy),
        *_horizon_findings(r, policy, names),
    ]


def _population_findings(r: AmhpSufficiency, policy: Policy) -> list[Finding]:
    pop_sources = (r.population.source_id,) if r.population.source_id else ()
    used, other = r.bases[0], r.bases[1]
    if r.per_100k is None or r.population_used is None:
        return [
            finding(
                "amhp",
                "no_population",
                "amber",
                f"There are {r.headcount} AMHPs, but no population to set them against "
                f"({r.population.note or 'none given'}).",
            )
        ]
    beside = (
        f" On {other.words} alone ({other.population:,}) it is {other.per_100k:g} per 100,000, "
        f"{other.headcount_for_target} AMHPs for the target."
        if other.population and other.per_100k is not None
        else ""
    )
    out = [
        finding(
            "amhp",
            "per_100k_against_target",
            band(r.per_100k, r.target_per_100k, policy.amber_share_of_target),
            f"{r.headcount} AMHPs for {r.population_used:,} {used.words} is {r.per_100k:g} per "
            f"100,000 against a target of {r.target_per_100k:g}"
            + (
                f": {plural(r.headcount_shortfall or 0, 'more AMHP')} needed."
                if r.headcount_shortfall
                else "."
            )
            + beside
            + (f" Population: {r.population.note}." if r.population.note else ""),
            policy=policy,
            used=("amhp_target_per_100k", "population_basis", "amber_share_of_target"),
            sources=("basw-amhp-guideline", *pop_sources),
        )
    ]
    if r.demand_hours is None or r.rota_fte_needed is None:
        return out
    out.append(
        finding(
            "amhp",
            "demand_against_duty",
            "red" if r.demand_hours > r.duty_hours else "green",
            f"About {r.assessments_per_year:,.0f} assessments a year need {r.demand_hours:,.0f} "
            f"AMHP hours against {r.duty_hours:,.0f} duty hours ({r.duty_fte:g} FTE on duty"
            + (f", {r.fte_shortfall:g} FTE short)." if r.fte_shortfall else ")."),
            policy=policy,
            used=(
                "assessments_per_100k_per_year",
                "population_basis",
                "amhp_hours_per_assessment",
                "amhp_duty_hours_per_fte_year",
            ),
            sources=("adass-amhp", *pop_sources),
        )
    )
    out.append(_rota_finding(r, r.rota_fte_needed, policy))
    disagree = [s.shift for s in r.rota if s.simulation == "disagrees"]
    if disagree:
        out.append(
            finding(
                "amhp",
                "simulation_disagrees",
                "amber",
                f"The simulation and Erlang C differ by more than {q.SIMULATION_TOLERANCE:g} on "
                f"{', '.join(disagree)}; treat the rota sizing there with care.",
                evidence=disagree,
            )
        )
    return out


def _rota_finding(r: AmhpSufficiency, fte_needed: float, policy: Policy) -> Finding:
    needed = ", ".join(f"{s.shift} {s.amhps_needed}" for s in r.rota)
    severity = band(r.duty_fte, fte_needed, policy.amber_share_of_target)
    return finding(
        "amhp",
        "rota_cover",
        severity,
        f"For {policy.wait_target_share:.0%} of requests to be taken up within "
        f"{policy.wait_target_hours:g} hours the rota needs {needed} AMHPs on duty, "
        f"{fte_needed:g} FTE against {r.duty_fte:g} FTE on duty.",
        evidence=[s.shift for s in r.rota],
        policy=policy,
        used=(
            "rota",
            "wait_target_hours",
            "wait_target_share",
            "min_amhps_per_shift",
            "amhp_duty_hours_per_fte_year",
            "amber_share_of_target",
        ),
        sources=("hillier-lieberman-queueing", "mha-code-2015"),
    )


def _horizon_findings(r: AmhpSufficiency, policy: Policy, names: Names) -> list[Finding]:
    h = r.horizon
    end = uk_date(h.horizon_end)
    out = []
    if h.expiring:
        out.append(
            finding(
                "amhp",
                "approval_expiring",
                "amber",
                f"{plural(len(h.expiring), 'AMHP approval')} {agree(len(h.expiring), 'lapses', 'lapse')} "
                f"by {end}: {names.people(h.expiring)}.",
                evidence=h.expiring,
                policy=policy,
                used=("horizon_months",),
                sources=("si-2008-1206",),
            )
        )
    if h.cpd_short or h.cpd_not_recorded:
        # The yearly training is a condition of approval (SI 2008/1206 reg. 5), not good practice:
        # an AMHP below it may lose their approval, so a shortfall is red. Hours not recorded are
        # unknown, so amber until the record is made.
        out.append(
            finding(
                "amhp",
                "cpd_shortfall",
                "red" if h.cpd_short else "amber",
                f"{plural(len(h.cpd_short), 'AMHP')} {agree(len(h.cpd_short), 'is', 'are')} below {policy.amhp_cpd_hours_per_year:g} "
                f"hours of training this year"
                + (f": {names.people(h.cpd_short)}" if h.cpd_short else "")
                + (
                    f" and {len(h.cpd_not_recorded)} with none recorded"
                    if h.cpd_not_recorded
                    else ""
                )
                + ". The yearly training is a condition of approval, so an approval is at risk"
                + ".",
                evidence=[*h.cpd_short, *h.cpd_not_recorded],
                policy=policy,
                used=("amhp_cpd_hours_per_year",),
                sources=("si-2008-1206",),
            )
        )
    if h.leaving:
        out.append(
            finding(
                "amhp",
                "amhp_leaving",
                "amber",
                f"{plural(len(h.leaving), 'AMHP')} {agree(len(h.leaving), 'plans', 'plan')} to leave "
                f"by {end}: {names.people(h.leaving)}.",
                evidence=h.leaving,
                policy=policy,
                used=("horizon_months",),
            )
        )
    if h.trainees_qualifying:
        out.append(
            finding(
                "amhp",
                "trainees_qualifying",
                "green",
                f"{plural(len(h.trainees_qualifying), 'trainee')} expected to be approved as "
                f"{agree(len(h.trainees_qualifying), 'an AMHP', 'AMHPs')} by {end} (the end of "
                f"the course plus {plural(policy.amhp_approval_lag_months, 'month')} to "
                f"approval): {names.people(h.trainees_qualifying)}.",
                evidence=h.trainees_qualifying,
                policy=policy,
                used=("horizon_months", "amhp_approval_lag_months"),
            )
        )
    first, last = h.months[0].headcount, h.months[-1].headcount
    out.append(
        finding(
            "amhp",
            "headcount_over_horizon",
            "green"
            if last >= first
            else ("amber" if last >= policy.amber_share_of_target * first else "red"),
            f"If nothing changes, AMHP headcount goes from {first} now to {last} by {end} "
            "(no re-approvals assumed).",
            policy=policy,
            used=("horizon_months", "amber_share_of_target"),
            sources=("si-2008-1206",),
        )
    )
    return out
