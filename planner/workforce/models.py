"""The workforce: workers, teams and the service they make up.

A `Worker` holds one person's record as a roster would: PCF level (overall and, where assessed,
per domain), the TCSW role functions they are allocated with their share of time, who supervises
them, the posts they hold and their credentials (AMHP approval, BIA, practice educator stage,
AMHP training). Rules that concern one record are enforced here; rules across records (unknown
supervisor, duplicate id, cycles) are reported as values by `planner.workforce.checks`.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from operator import attrgetter
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    field_validator,
    model_validator,
)

from planner.reference.framework import TeamKind, load_framework

SHARE_TOLERANCE = 0.001
MAX_POPULATION = 20_000_000  # above any English council; catches typos


class Contract(StrEnum):
    PERMANENT = "permanent"
    FIXED_TERM = "fixed_term"
    AGENCY = "agency"
    STUDENT = "student"


class Profession(StrEnum):
    """The professions that may be approved as AMHPs (Mental Health Act 1983 s114 and
    SI 2008/1206), and OTHER for anyone else a service employs (an administrator, or a manager
    whose profession the record does not give): they may hold posts such as team manager, but
    are never AMHPs, AMHP candidates or social workers with a PCF level to supervise."""

    SOCIAL_WORKER = "social_worker"
    NURSE = "nurse"
    OCCUPATIONAL_THERAPIST = "occupational_therapist"
    PSYCHOLOGIST = "psychologist"
    OTHER = "other"

    @property
    def may_be_amhp(self) -> bool:
        return self is not Profession.OTHER


class Supervision(StrEnum):
    PROFESSIONAL = "supervisor_id"
    LINE = "line_manager_id"
    AMHP = "amhp_supervisor_id"


_LINK_FIELDS = tuple((kind, kind.value) for kind in Supervision)


def _level(value: str | None) -> str | None:
    if value is None:
        return None
    fw = load_framework()
    level = fw.parse_level(value)
    if level is None:
        raise ValueError(f"{value!r} is not a PCF level (use one of: {', '.join(fw.level_ids())})")
    return level


class Worker(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    staff_id: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=1, max_length=200)
    team: str = Field(min_length=1, max_length=200)
    job_title: str = Field(default="", max_length=200)
    profession: Profession = Profession.SOCIAL_WORKER
    fte: float = Field(gt=0, le=1)
    contract: Contract = Contract.PERMANENT
    start_date: date | None = None
    planned_leaving_date: date | None = None
    birth_year: int | None = Field(default=None, ge=1930, le=2015)
    swe_registration: str | None = Field(default=None, pattern=r"^SW\d{1,8}$")
    pcf_level: str | None = None
    domain_levels: dict[int, str] = Field(default_factory=dict)
    role_functions: dict[str, float] = Field(default_factory=dict)
    amhp_rota_share: float = Field(default=0.0, ge=0, le=1)
    supervisor_id: str | None = None
    line_manager_id: str | None = None
    amhp_supervisor_id: str | None = None
    external_supervisor: str | None = None
    posts: tuple[str, ...] = ()
    amhp_approving_authority: str | None = None
    # The roster's yes/no answer to "is this person an approved AMHP?" (None: not asked). HR
    # systems often keep only this, or only the warrant's expiry: either alone is an approval
    # in force with the unknown date left unknown (checks warn), never a dropped record.
    amhp: bool | None = None
    amhp_approved_on: date | None = None
    amhp_approval_expires: date | None = None
    amhp_cpd_hours: float | None = Field(default=None, ge=0, le=1000)
    # The year the person qualified as an AMHP (ASC-WDS QUALACH code 104). A qualification is
    # not an approval: it dates no approval and makes nobody an AMHP on its own.
    amhp_qualified_year: int | None = Field(default=None, ge=1983, le=2100)
    amhp_training_started: date | None = None
    amhp_training_completes: date | None = None
    bia: bool = False
    practice_educator_stage: Literal[1, 2] | None = None
    extra: dict[str, str] = Field(default_factory=dict)

    @field_validator("pcf_level")
    @classmethod
    def _pcf_level(cls, value: str | None) -> str | None:
        return _level(value)

    @field_validator("domain_levels")
    @classmethod
    def _domain_levels(cls, value: dict[int, str]) -> dict[int, str]:
        bad = [d for d in value if not 1 <= d <= 9]
        if bad:
            raise ValueError(f"PCF domains are numbered 1 to 9, not {bad}")
        return {d: _level(lv) or lv for d, lv in sorted(value.items())}

    @field_validator("role_functions")
    @classmethod
    def _role_functions(cls, value: dict[str, float]) -> dict[str, float]:
        unknown = sorted(set(value) - load_framework().function_code_set())
        if unknown:
            raise ValueError(f"{', '.join(unknown)} not a TCSW role function (A.i to E.v)")
        for code, share in value.items():
            if not 0 < share <= 1:
                raise ValueError(f"share of time on {code} must be more than 0 and at most 1")
        if sum(value.values()) > 1 + SHARE_TOLERANCE:
            raise ValueError(f"shares of time add up to {sum(value.values()):g}, more than 1")
        return value

    @field_validator("posts")
    @classmethod
    def _posts(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        known = load_framework().post_ids()
        unknown = [p for p in value if p not in known]
        if unknown:
            raise ValueError(f"{', '.join(unknown)} not a post (use one of: {', '.join(known)})")
        if len(set(value)) != len(value):
            raise ValueError("a post is listed twice")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Worker:
        if self.profession is Profession.SOCIAL_WORKER and self.pcf_level is None:
            raise ValueError("a social worker needs a PCF level")
        if self.start_date and self.planned_leaving_date:
            if self.planned_leaving_date < self.start_date:
                raise ValueError("planned leaving date is before the start date")
        dated = self.amhp_approved_on or self.amhp_approval_expires
        if self.amhp is False and dated:
            raise ValueError("AMHP approval dates are given for someone marked as not an AMHP")
        if self.amhp_approved_on and self.amhp_approval_expires:
            if self.amhp_approval_expires <= self.amhp_approved_on:
                raise ValueError("AMHP approval expires on or before the day it was approved")
        if self.amhp_training_started and self.amhp_training_completes:
            if self.amhp_training_completes <= self.amhp_training_started:
                raise ValueError("AMHP training completes on or before the day it started")
        if self.amhp_rota_share > 0 and not self.has_amhp_record():
            raise ValueError("only an approved AMHP can have a share of time on the AMHP rota")
        if not self.profession.may_be_amhp and self.has_amhp_record():
            raise ValueError(
                "only social workers, nurses, occupational therapists and psychologists may be "
                "approved as AMHPs; give the person's profession"
            )
        return self

    def has_amhp_record(self) -> bool:
        """The record shows an AMHP approval: a date of one, or the roster's "yes"."""
        return bool(self.amhp or self.amhp_approved_on or self.amhp_approval_expires)

    def is_amhp(self, on: date) -> bool:
        """Holds an AMHP approval in force on the date (the expiry day itself still counts).
        A date the record does not give does not limit it: an expiry alone is in force until
        then, an approval with no expiry (or a plain "yes") is taken as in force."""
        if not self.has_amhp_record():
            return False
        starts, ends = self.amhp_approved_on, self.amhp_approval_expires
        return (starts is None or starts <= on) and (ends is None or on <= ends)

    def in_amhp_training(self, on: date) -> bool:
        start, end = self.amhp_training_started, self.amhp_training_completes
        return start is not None and start <= on and (end is None or on < end)

    def level_in(self, domain: int) -> str | None:
        """The assessed level in one PCF domain, or the overall level where none is recorded."""
        return self.domain_levels.get(domain, self.pcf_level)

    def supervisors(self) -> dict[Supervision, str]:
        values = self.__dict__
        return {kind: values[field] for kind, field in _LINK_FIELDS if values[field]}

    def leaves_by(self, on: date) -> bool:
        return self.planned_leaving_date is not None and self.planned_leaving_date <= on


class Team(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)
    name: str = Field(min_length=1, max_length=200)
    kind: TeamKind = "community"


class Service(BaseModel):
    """A mental health social work service: its teams, its workers and the adults it serves."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=1, max_length=200)
    local_authority: str = Field(min_length=1, max_length=200)
    la_code: str | None = Field(default=None, pattern=r"^E\d{8}$")
    # The service's own population, each named by its basis: adults 18+ and people of all ages.
    # Either, both or neither may be given (then the council code finds ONS's figures).
    adult_population: int | None = Field(default=None, ge=0, le=MAX_POPULATION)
    all_ages_population: int | None = Field(default=None, ge=0, le=MAX_POPULATION)
    as_of: date
    teams: tuple[Team, ...] = ()
    workers: tuple[Worker, ...] = ()
    extra_columns: tuple[str, ...] = ()
    _index: dict[str, Worker] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: object, /) -> None:
        index: dict[str, Worker] = self.__pydantic_private__["_index"]  # type: ignore[index]
        # Built backwards, in C, so that the first worker with a repeated staff id is the one kept.
        backwards = self.workers[::-1]
        index.update(zip(map(attrgetter("staff_id"), backwards), backwards, strict=True))

    def worker(self, staff_id: str) -> Worker | None:
        # Private attributes read through __getattr__ are slow; checks call this per link.
        index: dict[str, Worker] = self.__pydantic_private__["_index"]  # type: ignore[index]
        return index.get(staff_id)

    def staff_on(self, on: date) -> tuple[Worker, ...]:
        """The workers still in post on a date: a planned leaver is gone from their leaving
        date on, whichever as-of date is chosen (as the horizon and the projection count them)."""
        return tuple(w for w in self.workers if not w.leaves_by(on))

    def team(self, name: str) -> Team | None:
        return next((t for t in self.teams if t.name == name), None)

    def without(self, staff_id: str) -> Service:
        """The service as it would be if this worker left (links to them are kept, as HR's are)."""
        return self.with_workers(tuple(w for w in self.workers if w.staff_id != staff_id))

    def with_worker(self, worker: Worker) -> Service:
        return self.with_workers((*self.workers, worker))

    def with_workers(self, workers: tuple[Worker, ...]) -> Service:
        # dict(self) keeps the validated Worker instances, so nothing is validated twice.
        return Service.model_validate({**dict(self), "workers": workers})
