"""Every tunable rule the planner applies, in one validated model.

The defaults and the source of each default are data (`data/policy/defaults.yaml`); this module
holds the rules a value must obey. A service changes values with `Policy.with_changes`, which
validates again, and every report carries `policy_table` so a reader sees which values were used
and which differ from the defaults.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from planner.paths import data_dir
from planner.reference.framework import Framework, TeamKind, load_framework
from planner.reference.strict_yaml import DataFileError, describe_validation, read_yaml

POLICY_FILE = Path("policy") / "defaults.yaml"
PopulationBasisName = Literal["all_ages", "adults_18_plus"]
BASIS_WORDS: dict[str, str] = {"all_ages": "people of all ages", "adults_18_plus": "adults (18+)"}


class Shift(BaseModel):
    """One shift of the AMHP rota: its hours in a week and its share of the year's requests."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    name: str = Field(min_length=1)
    hours_per_week: float = Field(gt=0, le=168)
    demand_share: float = Field(ge=0, le=1)


class DepartureWeights(BaseModel):
    """How much each kind of loss counts when the departure sweep ranks people."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    needed_post_vacant: float = Field(ge=0)
    post_vacated: float = Field(ge=0)
    function_uncovered: float = Field(ge=0)
    category_without_eligible: float = Field(ge=0)
    new_single_point: float = Field(ge=0)
    supervisee_orphaned: float = Field(ge=0)
    other_link_orphaned: float = Field(ge=0)
    amhp_lost: float = Field(ge=0)


class PensionAge(BaseModel):
    """State Pension age for people born on or after `born_from` (until the next row's date)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    born_from: date
    years: int = Field(ge=55, le=80)
    months: int = Field(default=0, ge=0, le=11)


class Policy(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    amhp_approval_years: int = Field(ge=1, le=5, description="the law allows at most five years")
    amhp_cpd_hours_per_year: float = Field(ge=0, le=500)
    amhp_target_per_100k: float = Field(gt=0, le=100)
    population_basis: PopulationBasisName
    horizon_months: int = Field(ge=1, le=60)
    assessments_per_100k_per_year: float = Field(ge=0, le=5000)
    amhp_hours_per_assessment: float = Field(gt=0, le=48)
    amhp_duty_hours_per_fte_year: float = Field(gt=0, le=2500)
    wait_target_hours: float = Field(gt=0, le=72)
    wait_target_share: float = Field(gt=0, lt=1)
    rota: tuple[Shift, ...] = Field(min_length=1)
    supervision_session_hours: float = Field(gt=0, le=8)
    supervision_sessions_per_month: float = Field(gt=0, le=8)
    asye_weekly_weeks: int = Field(ge=0, le=26)
    asye_fortnightly_until_months: int = Field(ge=0, le=12)
    asye_workload_reduction: float = Field(ge=0, lt=1)
    max_supervisees: int = Field(ge=1, le=50)
    supervisor_from_line_manager: bool
    supervision_hours_per_fte_month: float = Field(ge=0, le=160)
    supervisor_min_level: str
    supervisor_posts: tuple[str, ...]
    student_supervision_sessions_per_month: float = Field(gt=0, le=8)
    amhp_supervision_sessions_per_year: float = Field(ge=0, le=52)
    min_amhps_per_shift: int = Field(ge=0, le=10)
    amber_share_of_target: float = Field(gt=0, lt=1)
    allocation_needs_eligibility: tuple[Literal["A", "B", "C", "D", "E"], ...]
    posts_need_amhp_approval_in: tuple[TeamKind, ...]
    single_point_bench: int = Field(ge=1, le=20)
    departure_weights: DepartureWeights
    practice_educator_final_placement_stage: Literal[1, 2]
    annual_turnover: float = Field(ge=0, le=1)
    time_to_fill_months: float = Field(ge=0, le=36)
    state_pension_age: tuple[PensionAge, ...] = Field(min_length=1)
    amhp_training_months: int = Field(ge=1, le=60)
    amhp_training_min_pq_years: float = Field(ge=0, le=10)
    amhp_approval_lag_months: int = Field(ge=0, le=24)
    readiness_max_short_domains: int = Field(ge=0, le=9)
    max_first_successor_positions: int = Field(ge=1, le=10)
    contract_leaving_probability: float = Field(ge=0, le=1)
    ready_soon_months: int = Field(ge=0, le=60)
    ready_later_months: int = Field(ge=0, le=120)
    max_import_mb: float = Field(gt=0, le=500)
    max_import_rows: int = Field(gt=0, le=2_000_000)
    full_time_hours_per_week: float = Field(gt=0, le=60)
    disclosure_threshold: int = Field(ge=1, le=100)
    save_confirm_leaving_share: float = Field(ge=0, le=1)
    save_confirm_below_workers: int = Field(ge=0, le=1000)
    amhp_reapproval_rate: float = Field(ge=0, le=1)
    projection_years: int = Field(ge=1, le=5)
    projection_runs: int = Field(ge=1, le=100_000)
    projection_seed: int = Field(ge=0, le=2**32 - 1)

    @field_validator("supervisor_min_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        fw = load_framework()
        level = fw.parse_level(value)
        if level is None:
            raise ValueError(f"{value!r} is not a PCF level ({', '.join(fw.level_ids())})")
        return level

    @field_validator("supervisor_posts")
    @classmethod
    def _known_posts(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        known = load_framework().post_ids()
        unknown = [p for p in value if p not in known]
        if unknown:
            raise ValueError(f"{', '.join(unknown)} not a post (use one of: {', '.join(known)})")
        return value

    @model_validator(mode="after")
    def _rota_adds_up(self) -> Policy:
        share = sum(s.demand_share for s in self.rota)
        if abs(share - 1.0) > 0.001:
            raise ValueError(f"the rota's demand shares must add up to 1, they add up to {share:g}")
        hours = sum(s.hours_per_week for s in self.rota)
        if hours > 168.001:
            raise ValueError(f"the rota's shifts cover {hours:g} hours, more than a week's 168")
        names = [s.name for s in self.rota]
        if len(set(names)) != len(names):
            raise ValueError("each rota shift needs its own name")
        return self

    @field_validator("state_pension_age")
    @classmethod
    def _pension_ages_in_order(cls, value: tuple[PensionAge, ...]) -> tuple[PensionAge, ...]:
        born = [row.born_from for row in value]
        if born != sorted(set(born)):
            raise ValueError(
                "each State Pension age row needs a later birth date than the one before"
            )
        return value

    def with_changes(self, **changes: Any) -> Policy:
        """A copy with some values changed, validated like the defaults (raises ValidationError)."""
        return Policy.model_validate({**self.model_dump(), **changes})


class PolicyEntry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    group: str = Field(min_length=1)
    value: Any
    unit: str
    description: str
    source: str
    clause: str | None = Field(default=None, min_length=1)  # where in the source it is said
    check: bool = False


class PolicyFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    description: str
    values: dict[str, PolicyEntry]


def _policy_file(root: Path) -> PolicyFile:
    path = root / POLICY_FILE
    try:
        pf = PolicyFile.model_validate(read_yaml(path))
    except ValidationError as exc:
        raise DataFileError(describe_validation(path, exc)) from exc
    fields = set(Policy.model_fields)
    unknown, missing = set(pf.values) - fields, fields - set(pf.values)
    if unknown or missing:
        raise DataFileError(
            f"{path.name}: entries {sorted(unknown)} are not policy values; "
            f"{sorted(missing)} have no default"
            if unknown
            else f"{path.name}: policy values {sorted(missing)} have no default"
        )
    return pf


@cache
def _entries(root: Path) -> dict[str, PolicyEntry]:
    pf = _policy_file(root)
    fw: Framework = load_framework(root)
    bad = sorted({e.source for e in pf.values.values()} - set(fw.sources))
    if bad:
        raise DataFileError(f"{POLICY_FILE.name}: sources {bad} are not in sources.yaml")
    return pf.values


def policy_entries(root: Path | None = None) -> dict[str, PolicyEntry]:
    """Each policy value's default, unit, description, source id and clause."""
    return _entries(root or data_dir())


def citation_problems(root: Path | None = None) -> list[str]:
    """One sentence per policy value that cites a published source without saying which clause
    (paragraph, section, regulation, page or table) it rests on. This project's own defaults
    (a source marked `own`) have nothing to cite."""
    root = root or data_dir()
    fw = load_framework(root)
    return [
        f"{POLICY_FILE.as_posix()}: {name} cites {entry.source} ({fw.source(entry.source).title}) "
        "without saying which clause; add `clause:` naming the paragraph, section, regulation, "
        "page or table it rests on"
        for name, entry in _entries(root).items()
        if entry.clause is None and not fw.source(entry.source).own
    ]


@cache
def _default(root: Path) -> Policy:
    raw = {name: e.value for name, e in _entries(root).items()}
    try:
        return Policy.model_validate(raw)
    except ValidationError as exc:
        raise DataFileError(describe_validation(root / POLICY_FILE, exc)) from exc


def default_policy(root: Path | None = None) -> Policy:
    return _default(root or data_dir())


class PolicyRow(BaseModel):
    """One line of the 'policy used' table every report carries."""

    model_config = ConfigDict(frozen=True)
    name: str
    group: str
    value: Any
    default: Any
    changed: bool
    unit: str
    description: str
    source: str
    clause: str | None
    citation: str
    check: bool


def policy_table(policy: Policy) -> list[PolicyRow]:
    fw = load_framework()
    defaults = default_policy().model_dump(mode="json")
    rows = []
    for name, entry in policy_entries().items():
        value = policy.model_dump(mode="json")[name]
        rows.append(
            PolicyRow(
                name=name,
                group=entry.group,
                value=value,
                default=defaults[name],
                changed=value != defaults[name],
                unit=entry.unit,
                description=entry.description,
                source=entry.source,
                clause=entry.clause,
                citation=fw.source(entry.source).citation()
                + (f" — {entry.clause}" if entry.clause else ""),
                check=entry.check,
            )
        )
    return rows
