"""The supervision rules as findings: what each breach is called, how serious, and its source.

Severity follows who is exposed: an ASYE worker, a student or someone with no supervision at
all is red; a supervisor short of the level or a missing AMHP supervisor is amber. Rules come
from the LGA Standards for Employers (2020) Standard 5, the ASYE framework, PEPS and the
national AMHP service standards; the numbers they use are policy values.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.analysis.findings import Finding, Severity, finding, plural
from planner.analysis.results import SupervisionResult
from planner.reference.policy import Policy
from planner.workforce.names import Names


@dataclass(frozen=True)
class Rule:
    severity: Severity
    sentence: str  # "{n} ..." completed with the evidence
    used: tuple[str, ...] = ()
    sources: tuple[str, ...] = ("lga-standards-2020",)
    clean: str = ""  # said in green when nobody breaks the rule; empty: say nothing


RULES: dict[str, Rule] = {
    "no_supervisor": Rule(
        "red",
        "{n} without a professional supervisor",
        clean="Everyone has a professional supervisor, in the service or outside it.",
    ),
    "supervisor_not_in_service": Rule("red", "{n} whose supervisor is not in the service"),
    "line_manager_not_in_service": Rule("amber", "{n} whose line manager is not in the service"),
    "amhp_supervisor_not_in_service": Rule(
        "amber", "{n} whose AMHP supervisor is not in the service", (), ("amhp-standards-2019",)
    ),
    "supervisor_not_registered": Rule(
        "amber", "{n} supervised by someone who is not a registered social worker"
    ),
    "supervisor_below_level": Rule(
        "amber",
        "{n} supervised by someone below the supervisor level who holds no manager post",
        ("supervisor_min_level", "supervisor_posts"),
    ),
    "asye_supervisor_below_level": Rule(
        "red",
        "{n} in their ASYE supervised by someone below the supervisor level",
        ("supervisor_min_level",),
        ("lga-standards-2020", "dfe-asye"),
        clean="Every ASYE worker is supervised by someone at the supervisor level or above.",
    ),
    "asye_frequency_at_risk": Rule(
        "red",
        "{n} in their ASYE whose supervisor owes more hours than they have",
        ("asye_weekly_weeks", "asye_fortnightly_until_months", "supervision_hours_per_fte_month"),
        ("lga-standards-2020", "dfe-asye"),
    ),
    "student_educator_stage": Rule(
        "red",
        "{n} on placement supervised by someone without the practice educator stage needed",
        ("practice_educator_final_placement_stage",),
        ("basw-peps-2020",),
    ),
    "amhp_without_amhp_supervision": Rule(
        "amber",
        "{n} with no supervision from an approved AMHP",
        ("amhp_supervision_sessions_per_year",),
        ("amhp-standards-2019",),
        clean="Every AMHP has supervision from an approved AMHP.",
    ),
}


def supervision_findings(r: SupervisionResult, policy: Policy, names: Names) -> list[Finding]:
    out = [*_rule_findings(r, policy, names), *_load_findings(r, policy, names)]
    for c in r.cycles:
        chain = " → ".join(names.person(m) for m in [*c.members, c.members[0]])
        out.append(
            finding(
                "supervision",
                "supervision_cycle",
                "red",
                f"The {c.link} links go round in a loop, so nobody in it is supervised from "
                f"outside it: {chain}.",
                evidence=c.members,
                sources=("lga-standards-2020",),
            )
        )
    out.append(_totals_finding(r, policy))
    return out


def _rule_findings(r: SupervisionResult, policy: Policy, names: Names) -> list[Finding]:
    by_rule: dict[str, list[str]] = {}
    for issue in r.issues:
        by_rule.setdefault(issue.rule, []).append(issue.staff_id)
    out = []
    for rule, spec in RULES.items():
        ids = by_rule.get(rule, [])
        if not ids and not spec.clean:
            continue
        people = plural(len(ids), "person", "people")
        message = f"{spec.sentence.format(n=people)}: {names.people(ids)}." if ids else spec.clean
        out.append(
            finding(
                "supervision",
                rule,
                spec.severity if ids else "green",
                message[0].upper() + message[1:],
                evidence=ids,
                policy=policy,
                used=spec.used,
                sources=spec.sources,
            )
        )
    return out


def _load_findings(r: SupervisionResult, policy: Policy, names: Names) -> list[Finding]:
    out = []
    for s in r.supervisors:
        if s.over_max:
            out.append(
                finding(
                    "supervision",
                    "over_max_supervisees",
                    "amber",
                    f"{names.person(s.staff_id)} supervises {s.supervisees} people, above the maximum of "
                    f"{policy.max_supervisees}.",
                    evidence=[s.staff_id, *s.supervisee_ids],
                    policy=policy,
                    used=("max_supervisees",),
                )
            )
        if s.over_hours:
            out.append(
                finding(
                    "supervision",
                    "over_supervision_hours",
                    "red",
                    f"{names.person(s.staff_id)} owes {s.hours_owed:g} hours of supervision a month but has "
                    f"{s.hours_allowed:g} for their FTE.",
                    evidence=[s.staff_id, *s.supervisee_ids],
                    policy=policy,
                    used=_HOURS_POLICY,
                    sources=("lga-standards-2020",),
                )
            )
    return out


_HOURS_POLICY = (
    "supervision_session_hours",
    "supervision_sessions_per_month",
    "student_supervision_sessions_per_month",
    "amhp_supervision_sessions_per_year",
    "supervision_hours_per_fte_month",
)


def _totals_finding(r: SupervisionResult, policy: Policy) -> Finding:
    severity: Severity = "green"
    if r.hours_owed > r.hours_available:
        severity = "red"
    elif r.hours_owed > r.hours_allowed_current:
        severity = "amber"
    return finding(
        "supervision",
        "service_supervision_hours",
        severity,
        f"The service owes {r.hours_owed:g} hours of supervision a month; its current "
        f"supervisors have {r.hours_allowed_current:g} and the {r.may_supervise} people who may "
        f"supervise have {r.hours_available:g}.",
        policy=policy,
        used=(*_HOURS_POLICY, "supervisor_min_level", "supervisor_posts"),
        sources=("lga-standards-2020",),
    )
