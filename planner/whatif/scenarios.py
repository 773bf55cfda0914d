"""What-if scenarios: a named list of edits on top of a saved snapshot, and what they change.

A scenario never changes its baseline: `apply` builds a new `Service` and `Policy` from the
edits (both models are frozen, and every edit makes a new record). Edits are typed and
tagged by `kind`, so a saved scenario is plain JSON that reads back as the same edits. An edit
that cannot apply (an unknown staff id, an FTE outside 0-1, a team the service does not have,
an AMHP approval for someone in their ASYE) is reported as a sentence. `apply` then applies
nothing, so the command line never reports half a scenario as the whole; `apply_each` applies
the edits that can be and names the ones that cannot, for a page that shows both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from planner.analysis.amhp_approvals import add_months
from planner.analysis.population_basis import population_basis
from planner.analysis.report import Report
from planner.reference.framework import load_framework
from planner.reference.policy import Policy
from planner.whatif.headlines import Movement, headline_movement
from planner.workforce.models import MAX_POPULATION, Service, Worker
from planner.workforce.names import Names

HeadlineChange = Movement
RECRUIT_PREFIX = "NEW"

# Policy values a scenario may change: the rota and target rules a service negotiates.
PolicyName = Literal[
    "amhp_target_per_100k",
    "min_amhps_per_shift",
    "wait_target_hours",
    "wait_target_share",
    "assessments_per_100k_per_year",
]


class _Edit(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class Leaves(_Edit):
    """A worker leaves on a date (on or before the service's as-of date: already gone)."""

    kind: Literal["leaves"] = "leaves"
    staff_id: str
    planned_leaving_date: date


class Recruit(_Edit):
    """Someone new joins a team, with an AMHP approval if they bring one."""

    kind: Literal["recruit"] = "recruit"
    team: str
    pcf_level: str
    fte: float = 1.0
    start_date: date | None = None
    amhp_approved_on: date | None = None
    amhp_approval_expires: date | None = None  # default: the policy's approval period
    amhp_rota_share: float = 0.0
    bia: bool = False
    supervisor_id: str | None = None


class ChangeFte(_Edit):
    kind: Literal["fte"] = "fte"
    staff_id: str
    fte: float


class QualifiesAmhp(_Edit):
    """A worker is approved as an AMHP (after training, or by another authority's approval)."""

    kind: Literal["qualifies_amhp"] = "qualifies_amhp"
    staff_id: str
    amhp_approved_on: date
    amhp_approval_expires: date | None = None  # default: the policy's approval period
    amhp_rota_share: float = 0.0


class PopulationGrowth(_Edit):
    kind: Literal["population"] = "population"
    percent: float


class PolicyChange(_Edit):
    """A rota or target rule set differently, such as two AMHPs on every shift."""

    kind: Literal["policy"] = "policy"
    name: PolicyName
    value: float


Edit = Annotated[
    Leaves | Recruit | ChangeFte | QualifiesAmhp | PopulationGrowth | PolicyChange,
    Field(discriminator="kind"),
]


class Scenario(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    base_snapshot_id: int | None = None
    edits: tuple[Edit, ...] = ()


EDITS: TypeAdapter[Edit] = TypeAdapter(Edit)

Applied = tuple[Service, Policy]


def apply(scenario: Scenario, service: Service, policy: Policy) -> Applied | list[str]:
    """The service and policy with every edit made, or a sentence for each edit that cannot be."""
    problems: list[str] = []
    for n, edit in enumerate(scenario.edits, start=1):
        result = _apply_one(edit, service, policy)
        if isinstance(result, str):
            problems.append(f"Change {n} ({describe(edit, service)}): {result}")
        else:
            service, policy = result
    return problems or (service, policy)


@dataclass(frozen=True)
class Refused:
    number: int  # 1-based, in the scenario's order
    edit: Edit
    reason: str  # "Change 2 (NB004 to 0 FTE): FTE must be ..."


def apply_each(
    scenario: Scenario, service: Service, policy: Policy
) -> tuple[Service, Policy, list[Refused]]:
    """Every edit that can be made, each on the result of those before it, and the ones that
    cannot, each with its sentence."""
    refused = []
    for n, edit in enumerate(scenario.edits, start=1):
        result = _apply_one(edit, service, policy)
        if isinstance(result, str):
            refused.append(Refused(n, edit, f"Change {n} ({describe(edit, service)}): {result}"))
        else:
            service, policy = result
    return service, policy, refused


def compare(baseline: Report, scenario: Report) -> list[HeadlineChange]:
    """Every headline figure before and after the scenario."""
    return headline_movement(baseline, scenario)


def describe(edit: Edit, service: Service | None = None) -> str:
    """The edit in a few words, for lists and problem messages: people by name where the
    service is given, levels by their PCF name."""

    who = Names.of(service, load_framework()).person if service else str

    match edit:
        case Leaves():
            return f"{who(edit.staff_id)} leaves on {edit.planned_leaving_date:%d/%m/%Y}"
        case Recruit():
            amhp = " with an AMHP approval" if edit.amhp_approved_on else ""
            return f"recruit {_level_name(edit.pcf_level)}{amhp} to {edit.team} at {edit.fte:g} FTE"
        case ChangeFte():
            return f"{who(edit.staff_id)} to {edit.fte:g} FTE"
        case QualifiesAmhp():
            return f"{who(edit.staff_id)} approved as an AMHP on {edit.amhp_approved_on:%d/%m/%Y}"
        case PopulationGrowth():
            return f"adult population {edit.percent:+g}%"
        case PolicyChange():
            return f"setting {edit.name.replace('_', ' ')} to {edit.value:g}"


def _level_name(level: str) -> str:
    """'someone at the Experienced social worker level': the level's PCF name, not its id."""
    fw = load_framework()
    known = fw.parse_level(level)
    return f"someone at the {fw.level(known).name} level" if known else level


def _apply_one(edit: Edit, service: Service, policy: Policy) -> Applied | str:
    match edit:
        case PolicyChange():
            return _policy(edit, service, policy)
        case PopulationGrowth():
            return _population(edit, service, policy)
        case Recruit():
            return _recruit(edit, service, policy)
    worker = service.worker(edit.staff_id)
    if worker is None:
        return f"there is no worker {edit.staff_id} in this service"
    match edit:
        case Leaves():
            if edit.planned_leaving_date <= service.as_of:
                return service.without(edit.staff_id), policy
            changes: dict[str, object] = {"planned_leaving_date": edit.planned_leaving_date}
        case ChangeFte():
            if not 0 < edit.fte <= 1:
                return f"FTE must be more than 0 and at most 1, not {edit.fte:g}"
            changes = {"fte": edit.fte}
        case QualifiesAmhp():
            if _before_amhp_training(worker.pcf_level, policy):
                return _too_early(worker.pcf_level, policy)
            changes = {
                "amhp_approved_on": edit.amhp_approved_on,
                "amhp_approval_expires": edit.amhp_approval_expires
                or _expiry(edit.amhp_approved_on, policy),
                "amhp_rota_share": edit.amhp_rota_share,
            }
    return _replace(service, worker, changes, policy)


def _replace(
    service: Service, worker: Worker, changes: dict[str, object], policy: Policy
) -> Applied | str:
    updated = _worker({**worker.model_dump(), **changes})
    if isinstance(updated, str):
        return updated
    workers = tuple(updated if w is worker else w for w in service.workers)
    return service.with_workers(workers), policy


def _recruit(edit: Recruit, service: Service, policy: Policy) -> Applied | str:
    if service.team(edit.team) is None:
        return f"the service has no team called {edit.team!r}"
    if not 0 < edit.fte <= 1:
        return f"FTE must be more than 0 and at most 1, not {edit.fte:g}"
    if edit.supervisor_id and service.worker(edit.supervisor_id) is None:
        return f"there is no worker {edit.supervisor_id} to supervise the recruit"
    if edit.amhp_approved_on and _before_amhp_training(edit.pcf_level, policy):
        return _too_early(edit.pcf_level, policy)
    n = 1 + sum(w.staff_id.startswith(RECRUIT_PREFIX) for w in service.workers)
    while service.worker(f"{RECRUIT_PREFIX}{n}") is not None:
        n += 1
    expires = edit.amhp_approval_expires
    if edit.amhp_approved_on and expires is None:
        expires = _expiry(edit.amhp_approved_on, policy)
    fields = edit.model_dump(exclude={"kind"}) | {
        "staff_id": f"{RECRUIT_PREFIX}{n}",
        "name": f"Recruit {n}",
        "amhp_approval_expires": expires,
    }
    worker = _worker(fields)
    return worker if isinstance(worker, str) else (service.with_worker(worker), policy)


def _population(edit: PopulationGrowth, service: Service, policy: Policy) -> Applied | str:
    """Grow the figures the service gives (a figure it leaves to be estimated stays estimated);
    a service that gives none takes ONS's figures for its council, grown."""
    found = population_basis(service, None, service.as_of)
    if found.adults is None:
        return "the service has no population to grow (set it first)"
    if edit.percent <= -100:
        return f"a population cannot fall by {-edit.percent:g}%"
    own = service.adult_population is not None or service.all_ages_population is not None
    start = {
        "adult_population": service.adult_population if own else found.adults,
        "all_ages_population": service.all_ages_population if own else found.all_ages,
    }
    grown = {k: round(v * (1 + edit.percent / 100)) for k, v in start.items() if v is not None}
    if any(v > MAX_POPULATION for v in grown.values()):
        return f"{max(grown.values()):,} people is more than any council serves"
    return service.model_copy(update=grown), policy


def _policy(edit: PolicyChange, service: Service, policy: Policy) -> Applied | str:
    value: float | int = edit.value
    if isinstance(getattr(policy, edit.name), int):
        if value != int(value):
            return f"{edit.name} must be a whole number, not {value:g}"
        value = int(value)
    try:
        return service, policy.with_changes(**{edit.name: value})
    except ValidationError as exc:
        return _sentence(exc)


def _worker(fields: dict[str, object]) -> Worker | str:
    try:
        return Worker.model_validate(fields)
    except ValidationError as exc:
        return _sentence(exc)


def _sentence(exc: ValidationError) -> str:
    err = exc.errors()[0]
    field = ".".join(str(p) for p in err["loc"])
    message = str(err["msg"]).removeprefix("Value error, ")
    return f"{field}: {message}" if field else message


def _before_amhp_training(level: str | None, policy: Policy) -> bool:
    """A level too early in a career to hold an AMHP approval: before qualifying, or in the
    ASYE, the first year after it, when AMHP training asks for more years than that."""
    if level is None:
        return False  # nurses, OTs and psychologists have no PCF level
    fw = load_framework()
    parsed = fw.parse_level(level) or level
    if parsed not in fw.level_ids():
        return False  # the model names an unknown level itself
    return fw.rank(parsed) <= fw.rank("asye") and policy.amhp_training_min_pq_years >= 1


def _too_early(level: str | None, policy: Policy) -> str:
    name = load_framework().level(load_framework().parse_level(level or "") or "asye").name
    return (
        f"someone at {name} level cannot hold an AMHP approval: AMHP training usually needs "
        f"{policy.amhp_training_min_pq_years:g} years' experience after qualifying"
    )


def _expiry(approved_on: date, policy: Policy) -> date:
    """The last day of an approval of the policy's length (five years less a day, by default)."""
    return add_months(approved_on, 12 * policy.amhp_approval_years) - timedelta(days=1)
