"""Skills for Care ASC-WDS worker bulk-upload files, recognised by their header row.

Source: the public ASC-WDS code (data/sources.yaml `skills-for-care-asc-wds`; the files are named
under `references` in data/roster/ascwds.yaml, which holds every code). The worker file has 44
columns (LOCALESTID, UNIQUEWORKERID, CHGUNIQUEWRKID, STATUS, DISPLAYID, ...) with coded values,
and ASC-WDS's worker CSV validator says which problems stop a row (errors) and which it only
warns about. The planner follows it:

- every worker is kept whatever their job role (MAINJOBROLE): managers and team leaders with
  their role as job title, their profession from a professional qualification (QUALACHnn) the
  file gives, otherwise `Profession.OTHER`, never counted as an AMHP;
- AMHP (1 yes, 2 no, 999 don't know) is read for social workers (job role 6) only, and warned
  about and ignored for anyone else, as ASC-WDS does; QUALACHnn code 104 is the year the person
  qualified as an AMHP, which dates no approval;
- "Admin" (a sanitised download's DOB and NINUMBER) and dates that cannot be read are warnings;
- STATUS DELETE rows are left out with a note, the others imported; CHGUNIQUEWRKID is the
  worker's new staff id, and `renamed` says which id it replaces so that a save matches them;
- FTE comes from CONTHOURS for permanent and temporary staff and from AVGHOURS for pool/bank,
  agency, other and zero-hours staff; the other column is ignored with a warning.

What the file lacks (PCF level, supervisors, AMHP approval dates) is reported as warnings so HR
can complete it in the planner's template. Its personal details (NI number, postcode, ethnicity,
pay) are neither used nor kept. The reader is more lenient than ASC-WDS in one way: hours with
any decimals are read, where ASC-WDS takes only whole and half hours.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from planner.gc_pause import collector_paused
from planner.paths import data_dir
from planner.reference.policy import Policy
from planner.reference.strict_yaml import load_model
from planner.roster.layout import load_layout
from planner.roster.reading.fast_rows import read_limits
from planner.roster.reading.rows import RowResult, is_blank, sentence
from planner.roster.values import WS, Bad, Cell, cell_text, parse_date_text
from planner.workforce.models import Contract, Profession, Worker
from planner.workforce.problems import Problem, Severity

Read = Literal[
    "team",
    "staff_id",
    "new_staff_id",
    "status",
    "name",
    "birth_date",
    "start_date",
    "contract",
    "zero_hours",
    "job_role",
    "job_description",
    "contracted_hours",
    "average_hours",
    "nurse_registration",
    "amhp",
]


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Heading(_Strict):
    read: Read | None = None
    field: str | None = None  # the Worker field it fills; None: not kept
    note: str


class Qualification(_Strict):
    profession: Profession
    label: str


class Qualifications(_Strict):
    prefix: str
    note: str
    notes_note: str
    amhp: int
    professions: dict[int, Qualification]


class JobRole(_Strict):
    label: str
    profession: Profession | None = None
    described: bool = False  # MAINJRDESC names the job


class ContractCode(_Strict):
    contract: Contract
    label: str
    hours: Literal["contracted", "average"]
    approximate: bool = False


class AscWdsFile(_Strict):
    description: str
    source: tuple[str, ...]
    references: dict[str, str]
    signature: tuple[str, ...]
    columns: dict[str, Heading]
    qualifications: Qualifications
    job_roles: dict[int, JobRole]
    amhp_role: int
    nurse_role: int
    contracts: dict[int, ContractCode]
    zero_hours_yes: int
    hours_not_known: int
    max_hours: float
    amhp: dict[int, str]
    nurse_registrations: dict[int, str]
    statuses: dict[str, Literal["import", "skip"]]
    admin_value: str
    default_social_work_level: str

    @model_validator(mode="after")
    def _consistent(self) -> AscWdsFile:
        reads = [h.read for h in self.columns.values() if h.read]
        if sorted(reads) != sorted(get_args(Read)):
            raise ValueError(f"columns must read each of {sorted(get_args(Read))} once")
        unknown = {h.field for h in self.columns.values() if h.field} - set(Worker.model_fields)
        if unknown:
            raise ValueError(f"columns name fields a Worker does not have: {sorted(unknown)}")
        if self.job_roles.get(self.amhp_role, JobRole(label="")).profession is not (
            Profession.SOCIAL_WORKER
        ):
            raise ValueError("amhp_role must be the social worker job role")
        if self.nurse_role not in self.job_roles:
            raise ValueError("nurse_role must be a job role")
        return self


@cache
def spec() -> AscWdsFile:
    return load_model(data_dir() / "roster" / "ascwds.yaml", AscWdsFile)


@cache
def _headings() -> dict[str, str]:
    """The heading of each thing the reader reads (`Read`)."""
    return {h.read: name for name, h in spec().columns.items() if h.read}


def extra_columns() -> tuple[str, ...]:
    return ()  # nothing of the file is kept as the file's own column


def is_ascwds(header: list[Cell]) -> bool:
    headings = {cell_text(c).upper() for c in header if c != ""}
    return set(spec().signature) <= headings


def find_header(rows: list[list[Cell]], scan: int = 50) -> int | None:
    """The row holding the ASC-WDS headings, if this is an ASC-WDS worker file."""
    return next((i for i, row in enumerate(rows[:scan]) if is_ascwds(row)), None)


@dataclass
class AscWdsRead:
    """What reading an ASC-WDS file found, beside the rows' workers and problems."""

    result: RowResult
    file_problems: list[Problem]
    columns: dict[str, str]  # heading -> Worker field, the first heading for each field
    described: list[dict[str, Any]]  # every heading, the field it fills and what it is read as
    renamed: dict[str, str] = field(default_factory=dict)  # new staff id -> the id it replaces


def describe(headings: list[str]) -> list[dict[str, Any]]:
    """Each heading of the file, the Worker field it fills (None: not kept) and a sentence."""
    out = []
    for heading in headings:
        key = heading.upper()
        known = spec().columns.get(key)
        qual = _qualification_column(key)
        found: str | None = None
        how: str | None = "exact"
        if known is not None:
            found, note = known.field, known.note
        elif qual is not None and qual[1]:
            note = spec().qualifications.notes_note
        elif qual is not None:
            found, note = "amhp_qualified_year", spec().qualifications.note
        else:
            note, how = "Not a heading of the ASC-WDS worker file: not kept.", None
        out.append(
            {
                "heading": heading,
                "field": found,
                "confidence": 1.0 if how else 0.0,
                "how": how,
                "read_as": note,
            }
        )
    return out


_QUALIFICATION = re.compile(r"(\d{2,})(NOTES)?")


def _qualification_column(heading: str) -> tuple[int, bool] | None:
    """(number, is the notes column) for QUALACH01, QUALACH01NOTES...; None for any other."""
    prefix = spec().qualifications.prefix
    if not heading.startswith(prefix):
        return None
    match = _QUALIFICATION.fullmatch(heading[len(prefix) :])
    return (int(match.group(1)), bool(match.group(2))) if match else None


class _Row:
    """One ASC-WDS row being read: its values, the worker fields so far and its problems."""

    def __init__(self, cells: dict[str, Cell], number: int, file: _File) -> None:
        self.cells, self.number, self.file = cells, number, file
        self.sheet, self.policy, self.today = file.sheet, file.policy, file.today
        self.fields: dict[str, Any] = {}
        self.problems: list[Problem] = []
        self.failed = False
        self.role: JobRole | None = None
        self.was: str | None = None  # the staff id CHGUNIQUEWRKID replaces

    def text(self, key: Read) -> str:
        return self.heading_text(_headings()[key])

    def heading_text(self, heading: str) -> str:
        return cell_text(self.cells.get(heading, ""))

    def code(self, key: Read) -> int | None:
        return _int(self.text(key))

    def has(self, key: Read) -> bool:
        """The file has the column (a short row may still leave it out)."""
        return _headings()[key] in self.file.headings

    def report(self, key: str, message: str, code: str, severity: Severity = "warning") -> None:
        """A problem under the heading of `key` (a `Read`, or a heading such as QUALACH01)."""
        heading = _headings().get(key, key)
        value = self.heading_text(heading)
        self.problems.append(
            Problem(
                severity=severity,
                code=code,
                message=message,
                staff_id=self.fields.get("staff_id"),
                column=heading,
                value=value or None,
                sheet=self.sheet,
                row=self.number,
            )
        )
        self.failed = self.failed or severity == "error"


def _int(text: str) -> int | None:
    text = text.strip(WS)
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


@dataclass(frozen=True)
class _File:
    sheet: str
    policy: Policy
    today: date
    headings: frozenset[str]
    qualifications: tuple[str, ...]  # QUALACHnn headings, in the file's order


def read_rows(
    rows: list[list[Cell]], header: int, sheet: str, policy: Policy, today: date
) -> AscWdsRead:
    originals = [cell_text(c) for c in rows[header]]
    headings = [h.upper() for h in originals]
    file = _File(
        sheet,
        policy,
        today,
        frozenset(headings),
        tuple(h for h in headings if (q := _qualification_column(h)) and not q[1]),
    )
    result = RowResult()
    renamed: dict[str, str] = {}
    with collector_paused():
        for r in range(header + 1, len(rows)):
            if is_blank(rows[r]):
                continue
            result.rows_read += 1
            row = _Row(dict(zip(headings, rows[r], strict=False)), r + 1, file)
            worker = _read(row)
            result.problems.extend(row.problems)
            if worker is not None:
                result.workers.append(worker)
                result.worker_rows.append(r + 1)
                if row.was is not None:
                    renamed[worker.staff_id] = row.was
    described = describe([h for h in originals if h])
    unused = [d["heading"] for d in described if d["field"] is None and not _read_only(d)]
    columns: dict[str, str] = {}
    for d in described:
        if d["field"] and d["field"] not in columns.values():
            columns[d["heading"]] = d["field"]
    file_problems = [_unused(unused, sheet, header + 1)] if unused else []
    return AscWdsRead(result, file_problems, columns, described, renamed)


def _read_only(described: dict[str, Any]) -> bool:
    """A heading that decides how others are read (STATUS, ZEROHRCONT) without filling a field."""
    known = spec().columns.get(str(described["heading"]).upper())
    return known is not None and known.read is not None


def _unused(unused: list[str], sheet: str, row: int) -> Problem:
    return Problem(
        severity="warning",
        code="ascwds_columns_not_kept",
        message=(
            "This is an ASC-WDS worker file. Its columns "
            f"{', '.join(unused)} are not used by the planner and are not kept: "
            "personal details, pay and ASC-WDS's other questions stay in ASC-WDS."
        ),
        sheet=sheet,
        row=row,
    )


def _read(row: _Row) -> Worker | None:
    for key in ("staff_id", "name", "team"):
        row.fields[key] = row.text(key) or None
    if not _status(row) or not _job_role(row):
        return None
    _new_staff_id(row)
    for step in _STEPS:
        step(row)
    _qualifications(row)
    _level(row)
    try:
        worker = Worker.model_validate({k: v for k, v in row.fields.items() if v is not None})
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            name = str(err["loc"][0]) if err["loc"] else "staff_id"
            key = _field_heading(name)
            row.report(
                key, sentence(err, name, load_layout().label(name)), "invalid_value", "error"
            )
        return None
    return None if row.failed else worker


def _field_heading(name: str) -> str:
    """The heading a problem with a Worker field is put under."""
    if name == "amhp_qualified_year":
        return f"{spec().qualifications.prefix}01"
    for heading, h in spec().columns.items():
        if h.field == name:
            return heading
    return _headings()["staff_id"]


def _status(row: _Row) -> bool:
    """False when the row is not to be imported (DELETE, or a STATUS ASC-WDS does not know)."""
    if not row.has("status"):
        return True  # a file without the column is taken as all NEW
    status = row.text("status").upper()
    if not status:
        row.report(
            "status",
            "STATUS is blank: imported as a NEW staff record. ASC-WDS needs one of "
            f"{', '.join(spec().statuses)}.",
            "ascwds_status",
        )
        return True
    action = spec().statuses.get(status)
    if action is None:
        row.report(
            "status",
            f"STATUS {status!r} is not one ASC-WDS knows ({', '.join(spec().statuses)}), so the "
            "row is not imported: say whether this staff record is new, updated or deleted.",
            "ascwds_status",
            "error",
        )
        return False
    if action == "skip":
        row.report(
            "status",
            f"Marked {status} in ASC-WDS (the staff record is being deleted), so not imported.",
            "ascwds_deleted",
        )
        return False
    return True


def _new_staff_id(row: _Row) -> None:
    new, old = row.text("new_staff_id"), row.fields.get("staff_id")
    if not row.has("new_staff_id") or not new or new == old:
        return
    row.fields["staff_id"] = new
    if old:
        row.was = old
        row.report(
            "new_staff_id",
            f"ASC-WDS changes this staff ID from {old} to {new} (CHGUNIQUEWRKID): imported as "
            f"{new} and matched to {old} when saved, so the person is not a leaver and a joiner.",
            "ascwds_staff_id_changed",
        )


def _job_role(row: _Row) -> bool:
    text = row.text("job_role")
    code = row.code("job_role")
    role = spec().job_roles.get(code) if code is not None else None
    if role is None:
        said = (
            f"Main job role {text!r} is not an ASC-WDS job role code"
            if text
            else "MAINJOBROLE is blank"
        )
        row.report(
            "job_role",
            f"{said}, so the row is not imported: give the code of the person's main job "
            "(for example 6 for a social worker, 3 for a first-line manager).",
            "ascwds_job_role",
            "error",
        )
        return False
    row.role = role
    row.fields["job_title"] = role.label
    row.fields["profession"] = role.profession
    description = row.text("job_description")
    if role.described:
        if description:
            row.fields["job_title"] = description
        else:
            row.report(
                "job_description",
                f"MAINJRDESC is blank: ASC-WDS needs a description for the job role "
                f"{role.label!r}; the job title is left as that.",
                "ascwds_job_description",
            )
    elif description:
        row.report(
            "job_description",
            f"MAINJRDESC {description!r} is ignored, as ASC-WDS ignores it for the job role "
            f"{role.label!r}: the job title is {role.label!r}.",
            "ascwds_job_description",
        )
    return True


def _birth_date(row: _Row) -> None:
    text = row.text("birth_date")
    if not text:
        return
    if text.lower() == spec().admin_value.lower():
        row.report(
            "birth_date",
            f"DOB says {text!r}, as a sanitised ASC-WDS download writes it: the year of birth is "
            "left blank (ASC-WDS keeps the date it already holds).",
            "ascwds_admin_value",
        )
        return
    born = parse_date_text(text)
    if isinstance(born, Bad) or born is None:
        why = born.message if isinstance(born, Bad) else "not a date"
        row.report(
            "birth_date",
            f"DOB: {why}. The year of birth is left blank, as ASC-WDS ignores such a date.",
            "unreadable_value",
        )
        return
    low, high = _limits("birth_year")
    if not low <= born.year <= high:
        row.report(
            "birth_date",
            f"DOB {text} gives a year of birth outside {low} to {high}: left blank, as ASC-WDS "
            "ignores a date of birth outside 14 to 100 years old.",
            "ascwds_date_ignored",
        )
        return
    row.fields["birth_year"] = born.year


def _start_date(row: _Row) -> None:
    text = row.text("start_date")
    if not text:
        return
    start = parse_date_text(text)
    if isinstance(start, Bad) or start is None:
        why = start.message if isinstance(start, Bad) else "not a date"
        row.report(
            "start_date",
            f"STARTDATE: {why}. The start date is left blank, as ASC-WDS ignores such a date.",
            "unreadable_value",
        )
    elif start > row.today:
        row.report(
            "start_date",
            f"STARTDATE {text} is in the future: left blank, as ASC-WDS ignores it.",
            "ascwds_date_ignored",
        )
    else:
        row.fields["start_date"] = start


def _limits(name: str) -> tuple[int, int]:
    limits, _ = read_limits(Worker.model_fields[name])
    return int(limits.get("ge", limits.get("gt", 0))), int(limits.get("le", limits.get("lt", 9999)))


def _contract(row: _Row) -> None:
    code = row.code("contract")
    entry = spec().contracts.get(code) if code is not None else None
    if entry is None:
        text = row.text("contract")
        said = f"EMPLSTATUS {text!r} is not an ASC-WDS code" if text else "EMPLSTATUS is blank"
        row.report(
            "contract",
            f"{said} (1 permanent, 2 temporary, 3 pool/bank, 4 agency, 7 other): Permanent is "
            "assumed. Check it.",
            "ascwds_contract",
        )
        return
    row.fields["contract"] = entry.contract
    if entry.approximate:
        label = load_layout().choice_label("contract", entry.contract.value)
        row.report(
            "contract",
            f"ASC-WDS contract {entry.label!r} has no exact match; it is recorded "
            f"as {label}. Check it.",
            "ascwds_contract",
        )


def _fte(row: _Row) -> None:
    """FTE from the hours ASC-WDS takes for the contract; the other column is ignored."""
    code = row.code("contract")
    entry = spec().contracts.get(code) if code is not None else None
    zero = row.code("zero_hours") == spec().zero_hours_yes
    use: Read = (
        "average_hours" if zero or (entry and entry.hours == "average") else "contracted_hours"
    )
    other: Read = "contracted_hours" if use == "average_hours" else "average_hours"
    why = (
        "this is a zero-hours contract"
        if zero
        else f"the contract is {entry.label if entry else 'taken as Permanent'}"
    )
    if row.text(other):
        row.report(
            other,
            f"{_headings()[other]} is ignored, as ASC-WDS ignores it when {why}: the FTE comes "
            f"from {_headings()[use]}.",
            "ascwds_hours",
        )
    hours = _hours(row, use)
    full = row.policy.full_time_hours_per_week
    if hours is None:
        row.fields["fte"] = 1.0
        row.report(
            use,
            f"No weekly hours in {_headings()[use]} (which ASC-WDS reads when {why}): FTE is "
            "taken as 1. Check it.",
            "ascwds_fte_missing",
        )
        return
    row.fields["fte"] = min(hours / full, 1.0)
    if hours > full:
        row.report(
            use,
            f"{hours:g} hours a week is more than a full-time {full:g}; FTE is taken as 1.",
            "ascwds_hours",
        )


def _hours(row: _Row, key: Read) -> float | None:
    """The weekly hours in a column, or None (with a warning where something was there)."""
    text = row.text(key)
    if not text:
        return None
    heading = _headings()[key]
    try:
        hours = float(text)
    except ValueError:
        hours = float("nan")
    if hours == spec().hours_not_known:
        return None
    if _numeric_word(text):
        # inf, nan and 1e999 read as numbers no spreadsheet holds: an error, as anywhere else
        row.report(key, f"{heading} {text!r} is not a number of hours.", "invalid_value", "error")
        return None
    if not 0 < hours <= spec().max_hours:  # NaN fails too
        limit = f"more than 0 and at most {spec().max_hours:g}"
        row.report(
            key,
            f"{heading} {text!r} is not a number of weekly hours {limit}: ignored, as ASC-WDS "
            "ignores it.",
            "ascwds_hours",
        )
        return None
    return hours


def _numeric_word(text: str) -> bool:
    """Text Python reads as a float that is not finite ("nan", "inf", "-Infinity")."""
    try:
        return not math.isfinite(float(text))
    except ValueError:
        return False


def _nurse_registration(row: _Row) -> None:
    text = row.text("nurse_registration")
    if not text:
        return
    code = row.code("nurse_registration")
    if row.role is not spec().job_roles[spec().nurse_role]:
        row.report(
            "nurse_registration",
            "NMCREG is ignored, as ASC-WDS ignores it for anyone whose main job role is not "
            "registered nurse.",
            "ascwds_nurse_registration",
        )
        return
    registration = spec().nurse_registrations.get(code) if code is not None else None
    if registration is None:
        row.report(
            "nurse_registration",
            f"NMCREG {text!r} is not an ASC-WDS code "
            f"({', '.join(f'{k} {v}' for k, v in spec().nurse_registrations.items())}): ignored.",
            "ascwds_nurse_registration",
        )
        return
    row.fields["job_title"] = f"{row.fields['job_title']} ({registration.lower()})"


def _amhp(row: _Row) -> None:
    text = row.text("amhp")
    if not text:
        return
    assert row.role is not None
    social_worker = spec().job_roles[spec().amhp_role]
    if row.role is not social_worker:
        row.report(
            "amhp",
            f"AMHP {text!r} is ignored, as ASC-WDS records AMHP only for a social worker (job "
            f"role {spec().amhp_role}) and this person's main job is {row.role.label!r}. If they "
            "are an approved AMHP, give their profession and approval in the planner's template.",
            "ascwds_amhp",
        )
        return
    code = row.code("amhp")
    if code not in spec().amhp:
        row.report(
            "amhp",
            f"AMHP {text!r} is not an ASC-WDS answer (1 yes, 2 no, 999 don't know): ignored.",
            "ascwds_amhp",
        )
        return
    row.fields["amhp"] = {1: True, 2: False}.get(code)  # 999: not known


def _qualifications(row: _Row) -> None:
    """QUALACHnn "code;year": the AMHP qualification's year, and a profession the job role does
    not give. A qualification that cannot be read is a warning; the person is kept."""
    q = spec().qualifications
    found: dict[Profession, str] = {}
    for heading in row.file.qualifications:
        text = row.heading_text(heading)
        if not text:
            continue
        code_text, _, year_text = text.partition(";")
        code = _int(code_text)
        if code is None:
            row.report(
                heading,
                f"{heading} {text!r} does not start with a qualification code: ignored.",
                "ascwds_qualification",
            )
            continue
        year = _qualification_year(row, heading, text, year_text)
        if code == q.amhp:
            _amhp_qualification(row, heading, year)
        elif code in q.professions:
            known = q.professions[code]
            found.setdefault(known.profession, f"{heading} ({known.label})")
    if row.fields.get("profession") is None:
        _profession(row, found)


def _qualification_year(row: _Row, heading: str, text: str, year_text: str) -> int | None:
    year_text = year_text.strip(WS)
    if not year_text:
        row.report(
            heading,
            f"{heading} {text!r} gives no year achieved: the qualification is read without it.",
            "ascwds_qualification",
        )
        return None
    year = _int(year_text) if year_text.isdigit() else None
    if year is None or not row.today.year - 100 <= year <= row.today.year:
        row.report(
            heading,
            f"{heading} {text!r}: {year_text!r} is not a year it could have been achieved in; "
            "the qualification is read without it.",
            "ascwds_qualification",
        )
        return None
    return year


def _amhp_qualification(row: _Row, heading: str, year: int | None) -> None:
    if year is None:
        return  # said already; a qualification with no year dates nothing
    before = row.fields.get("amhp_qualified_year")
    if before is None or year > before:
        row.fields["amhp_qualified_year"] = year
    row.report(
        heading,
        f"Qualified as an AMHP in {year} ({heading} code {spec().qualifications.amhp}): kept as "
        "the AMHP qualification year. It is not an approval date: add the approval dates in the "
        "planner's template.",
        "ascwds_amhp_qualification",
    )


def _profession(row: _Row, found: dict[Profession, str]) -> None:
    assert row.role is not None
    role = row.role.label
    if len(found) == 1:
        ((profession, source),) = found.items()
        row.fields["profession"] = profession
        label = load_layout().choice_label("profession", profession.value)
        row.report(
            source.partition(" ")[0],
            f"Profession taken as {label.lower()} from {source}: ASC-WDS's job role "
            f"{role!r} gives none. Check it.",
            "ascwds_profession",
        )
        return
    row.fields["profession"] = Profession.OTHER
    if found:
        which = "; ".join(found.values())
        message = (
            f"Qualifications in more than one profession ({which}): recorded as Other (not an "
            "AMHP profession). Give the person's profession in the planner's template."
        )
    else:
        message = (
            f"ASC-WDS's job role {role!r} gives no profession and no professional qualification "
            "is listed: recorded as Other (not an AMHP profession), never counted as an AMHP. "
            "Give the profession in the planner's template if they are a social worker, nurse, "
            "occupational therapist or psychologist."
        )
    row.report("job_role", message, "ascwds_profession")


def _level(row: _Row) -> None:
    if row.fields.get("profession") is Profession.SOCIAL_WORKER:
        row.fields["pcf_level"] = spec().default_social_work_level
        row.report(
            "job_role",
            "ASC-WDS holds no PCF level; it is set to social worker until you complete the PCF level "
            "column in the planner's template.",
            "ascwds_level_missing",
        )


_STEPS: tuple[Callable[[_Row], None], ...] = (
    _birth_date,
    _start_date,
    _contract,
    _fte,
    _nurse_registration,
    _amhp,
)
