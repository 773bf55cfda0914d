"""A short, factual summary of a service: who is there on a date (planned leavers gone from
their leaving date), at which levels, with which credentials, and the FTE they have for casework
(less newly qualified workers' protected time, `planner.workforce.capacity`)."""

from __future__ import annotations

from collections import Counter
from datetime import date

from pydantic import BaseModel, ConfigDict

from planner.reference.framework import load_framework
from planner.reference.policy import Policy, default_policy
from planner.workforce.capacity import CaseworkCapacity, casework_capacity
from planner.workforce.models import Service, Worker


class TeamSummary(BaseModel):
    model_config = ConfigDict(frozen=True)
    name: str
    kind: str
    headcount: int
    fte: float
    casework_fte: float


class ServiceSummary(BaseModel):
    model_config = ConfigDict(frozen=True)
    name: str
    local_authority: str
    adult_population: int | None  # the service file's own figures (ONS's are found in analysis)
    all_ages_population: int | None
    as_of: date
    headcount: int
    fte: float
    casework: CaseworkCapacity
    by_level: dict[str, int]
    by_contract: dict[str, int]
    amhps: int
    amhp_trainees: int
    bia: int
    practice_educators: int
    teams: list[TeamSummary]


def summarise(
    service: Service, as_of: date | None = None, policy: Policy | None = None
) -> ServiceSummary:
    on = as_of or service.as_of
    policy = policy or default_policy()
    fw = load_framework()
    staff = service.staff_on(on)
    levels = Counter(w.pcf_level or "not a social worker" for w in staff)
    order = [*fw.level_ids(), "not a social worker"]
    by_team: dict[str, list[Worker]] = {t.name: [] for t in service.teams}
    for w in staff:
        by_team.setdefault(w.team, []).append(w)
    kinds = {t.name: t.kind for t in service.teams}
    return ServiceSummary(
        name=service.name,
        local_authority=service.local_authority,
        adult_population=service.adult_population,
        all_ages_population=service.all_ages_population,
        as_of=on,
        headcount=len(staff),
        fte=round(sum(w.fte for w in staff), 2),
        casework=casework_capacity(staff, policy, on),
        by_level={lv: levels[lv] for lv in order if levels[lv]},
        by_contract=dict(Counter(w.contract.value for w in staff)),
        amhps=sum(w.is_amhp(on) for w in staff),
        amhp_trainees=sum(w.in_amhp_training(on) for w in staff),
        bia=sum(w.bia for w in staff),
        practice_educators=sum(w.practice_educator_stage is not None for w in staff),
        teams=[
            TeamSummary(
                name=name,
                kind=kinds.get(name, "unknown"),
                headcount=len(members),
                fte=round(sum(w.fte for w in members), 2),
                casework_fte=casework_capacity(members, policy, on).casework_fte,
            )
            for name, members in by_team.items()
        ],
    )


def level_rows(by_level: dict[str, int]) -> list[dict[str, object]]:
    """Headcount by PCF level, named and in the framework's order, for a chart."""
    fw = load_framework()
    return [
        {"level": fw.level(lv).name if lv in fw.level_ids() else lv, "people": n}
        for lv, n in by_level.items()
    ]
