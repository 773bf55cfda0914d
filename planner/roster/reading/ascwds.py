"""Skills for Care ASC-WDS worker bulk-upload files, recognised by their header row.

Source: the public ASC-WDS code (data/sources.yaml `skills-for-care-asc-wds`): the worker file
starts LOCALESTID,UNIQUEWORKERID,... with coded columns (MAINJOBROLE 6 social worker, 15
occupational therapist, 16 registered nurse; EMPLSTATUS 1 permanent, 2 temporary, 3 pool/bank,
4 agency, 7 other; AMHP 1 yes, 2 no, 999 don't know; dates dd/mm/yyyy; CONTHOURS weekly hours,
999 when not known). The codes live in `data/roster/ascwds.yaml`.

What the file holds is imported: staff, professions that may be approved as AMHPs, FTE from
contracted hours (policy `full_time_hours_per_week`), start date, year of birth, and the AMHP
answer (kept in an "ASC-WDS AMHP" column). What it lacks (PCF level, supervisors, AMHP approval
dates) is reported as warnings so HR can complete it in the planner's template. The file's other
columns hold personal details (NI number, postcode, ethnicity, pay) that the planner does not
need, so they are neither used nor kept.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from planner.gc_pause import collector_paused
from planner.paths import data_dir
from planner.reference.policy import Policy
from planner.reference.strict_yaml import load_model
from planner.roster.layout import load_layout
from planner.roster.reading.rows import RowResult, is_blank, sentence
from planner.roster.values import WS, Bad, Cell, cell_text, parse_date_text
from planner.workforce.models import Contract, Profession, Worker
from planner.workforce.problems import Problem, Severity


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class JobRole(_Strict):
    profession: Profession
    label: str


class ContractCode(_Strict):
    contract: Contract
    label: str
    approximate: bool = False


class AscWdsFile(_Strict):
    description: str
    source: tuple[str, ...]
    signature: tuple[str, ...]
    columns: dict[str, str]
    job_roles: dict[int, JobRole]
    contracts: dict[int, ContractCode]
    amhp: dict[int, str]
    hours_not_known: int
    skip_statuses: tuple[str, ...]
    default_social_work_level: str
    amhp_column: str


@cache
def spec() -> AscWdsFile:
    return load_model(data_dir() / "roster" / "ascwds.yaml", AscWdsFile)


def extra_columns() -> tuple[str, ...]:
    return (spec().amhp_column,)


def is_ascwds(header: list[Cell]) -> bool:
    headings = {cell_text(c).upper() for c in header if c != ""}
    return set(spec().signature) <= headings


def find_header(rows: list[list[Cell]], scan: int = 50) -> int | None:
    """The row holding the ASC-WDS headings, if this is an ASC-WDS worker file."""
    return next((i for i, row in enumerate(rows[:scan]) if is_ascwds(row)), None)


class _Row:
    """One ASC-WDS row being read: its values, the worker fields so far and its problems."""

    def __init__(self, cells: dict[str, Cell], number: int, sheet: str) -> None:
        self.cells, self.number, self.sheet = cells, number, sheet
        self.fields: dict[str, Any] = {}
        self.problems: list[Problem] = []
        self.failed = False

    def text(self, key: str) -> str:
        return cell_text(self.cells.get(spec().columns[key], ""))

    def code(self, key: str) -> int | None:
        text = self.text(key).split(";")[0].strip(WS)
        try:
            return int(float(text))
        except (ValueError, OverflowError):  # not a number, or inf or nan
            return None

    def report(self, key: str, message: str, code: str, severity: Severity = "warning") -> None:
        heading = spec().columns.get(key, key)
        value = self.text(key) if key in spec().columns else ""
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


def read_rows(
    rows: list[list[Cell]], header: int, sheet: str, policy: Policy
) -> tuple[RowResult, list[Problem], dict[str, str]]:
    headings = [cell_text(c).upper() for c in rows[header]]
    known = set(spec().columns.values())
    unused = [h for h in headings if h and h not in known]
    result = RowResult()
    with collector_paused():
        for r in range(header + 1, len(rows)):
            if is_blank(rows[r]):
                continue
            result.rows_read += 1
            row = _Row(dict(zip(headings, rows[r], strict=False)), r + 1, sheet)
            worker = _read(row, policy)
            result.problems.extend(row.problems)
            if worker is not None:
                result.workers.append(worker)
                result.worker_rows.append(r + 1)
    file_problems = [_unused(unused, sheet, header + 1)] if unused else []
    columns = {h: f for f, h in spec().columns.items() if h in headings}
    return result, file_problems, columns


def _unused(unused: list[str], sheet: str, row: int) -> Problem:
    return Problem(
        severity="warning",
        code="ascwds_columns_not_kept",
        message=(
            "This is an ASC-WDS worker file. Its columns "
            f"{', '.join(unused)} are not used by the planner and are not kept: "
            "personal details stay in ASC-WDS."
        ),
        sheet=sheet,
        row=row,
    )


def _read(row: _Row, policy: Policy) -> Worker | None:
    for key in ("staff_id", "name", "team"):
        row.fields[key] = row.text(key) or None
    status = row.text("status").upper()
    if status in spec().skip_statuses:
        row.report("status", f"Marked {status} in ASC-WDS, so not imported.", "ascwds_deleted")
        return None
    role = spec().job_roles.get(row.code("job_role") or -1)
    if role is None:
        row.report(
            "job_role",
            f"Main job role {row.text('job_role') or '(blank)'} is not a social worker, occupational "
            "therapist or nurse (ASC-WDS codes 6, 15, 16), so not imported: the planner covers "
            "professions that may be approved as AMHPs.",
            "ascwds_other_role",
        )
        return None
    row.fields["profession"] = role.profession
    row.fields["job_title"] = row.text("job_description") or role.label
    for step in _STEPS:
        step(row, policy)
    try:
        worker = Worker.model_validate({k: v for k, v in row.fields.items() if v is not None})
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            name = str(err["loc"][0]) if err["loc"] else "staff_id"
            key = name if name in spec().columns else "staff_id"
            heading = load_layout().label(name)
            row.report(key, sentence(err, name, heading), "invalid_value", "error")
        return None
    return None if row.failed else worker


def _dates(row: _Row, policy: Policy) -> None:
    start = parse_date_text(row.text("start_date"))
    if isinstance(start, Bad):
        row.report("start_date", f"STARTDATE: {start.message}.", "unreadable_value", "error")
    else:
        row.fields["start_date"] = start
    born = parse_date_text(row.text("birth_date"))
    if isinstance(born, Bad):
        row.report("birth_date", f"DOB: {born.message}.", "unreadable_value", "error")
    elif born is not None:
        row.fields["birth_year"] = born.year


def _contract(row: _Row, policy: Policy) -> None:
    code = row.code("contract")
    if code is None and not row.text("contract"):
        return
    entry = spec().contracts.get(code if code is not None else -1)
    if entry is None:
        row.report(
            "contract",
            f"EMPLSTATUS {row.text('contract')!r} is not a known ASC-WDS code; "
            "Permanent is assumed.",
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


def _fte(row: _Row, policy: Policy) -> None:
    full = policy.full_time_hours_per_week
    for key in ("contracted_hours", "average_hours"):
        text = row.text(key)
        try:
            hours = float(text)
        except ValueError:
            continue
        if hours == spec().hours_not_known:
            continue
        if not math.isfinite(hours):
            row.report(key, f"{text!r} is not a number of hours.", "invalid_value", "error")
            return
        if hours <= 0:
            row.report(
                key,
                f"{spec().columns[key]} {text} hours: FTE must be more than 0.",
                "invalid_value",
                "error",
            )
            return
        row.fields["fte"] = min(hours / full, 1.0)
        if hours > full:
            row.report(
                key,
                f"{text} hours a week is more than a full-time {full:g}; FTE is taken as 1.",
                "ascwds_hours",
            )
        return
    row.fields["fte"] = 1.0
    row.report(
        "contracted_hours",
        "ASC-WDS gives no weekly hours; FTE is taken as 1. Check it.",
        "ascwds_fte_missing",
    )


def _level(row: _Row, policy: Policy) -> None:
    if row.fields.get("profession") is Profession.SOCIAL_WORKER:
        row.fields["pcf_level"] = spec().default_social_work_level
        row.report(
            "job_role",
            "ASC-WDS holds no PCF level; it is set to social worker until you complete the PCF level "
            "column in the planner's template.",
            "ascwds_level_missing",
        )


def _amhp(row: _Row, policy: Policy) -> None:
    code = row.code("amhp")
    if code is None:
        return
    answer = spec().amhp.get(code)
    if answer is None:
        row.report(
            "amhp",
            f"AMHP {row.text('amhp')!r} is not an ASC-WDS answer (1, 2 or 999).",
            "ascwds_amhp",
        )
        return
    row.fields["extra"] = {spec().amhp_column: answer}
    if code == 1:
        row.report(
            "amhp",
            "ASC-WDS says this person is an AMHP but holds no approval dates; add AMHP approved on "
            "and AMHP approval expires in the planner's template.",
            "ascwds_amhp_dates_missing",
        )


_STEPS: tuple[Callable[[_Row, Policy], None], ...] = (_dates, _contract, _fte, _level, _amhp)
