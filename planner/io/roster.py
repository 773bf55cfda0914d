"""Import a roster spreadsheet (.xlsx or .csv) into a Service: every row imported or reported.

The steps, each in its own module: `safety` passes or refuses the bytes before any reader sees
them; `grid` reads raw cells; `headers` finds the header row and what each column holds;
`rows` turns data rows into validated workers; `service_sheet` reads the Service and Teams
sheets; `ascwds` reads a Skills for Care ASC-WDS worker file instead when the headings say so.
Problems across rows (duplicate staff ID, unknown supervisor, supervision loop) come from
`planner.checks.check_service` and are placed back on the row and column HR sees.

Nothing here writes anywhere: a refused or broken file changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from planner.bulk import collector_paused
from planner.checks import check_service
from planner.io import ascwds
from planner.io.grid import Book, open_book
from planner.io.headers import HeaderPlan, find_header_row, plan_columns
from planner.io.layout import Layout, load_layout, normalise
from planner.io.rows import RowResult, read_rows
from planner.io.safety import Limits, Rejected, check_file
from planner.io.service_sheet import (
    NOT_GIVEN,
    SERVICE_SHEET,
    TEAMS_SHEET,
    ServiceInfo,
    guess_kind,
    read_service_sheet,
    read_teams_sheet,
)
from planner.models import Service, Worker
from planner.policy import Policy, default_policy
from planner.problems import Problem

Source = Literal["template", "spreadsheet", "csv", "ascwds"]
OUR_SHEETS = {"service", "teams", "notes", "lists", "problems"}
_REQUIRED = ("staff_id", "name", "team", "fte")
# Told the share done (0 to 1) and what is happening, once per stage: a stage can take seconds
# on a big file, and calling back per row would slow the bulk path for nothing a person sees.
Progress = Callable[[float, str], None]


def _quiet(done: float, what: str) -> None:
    pass


@dataclass(frozen=True)
class ImportCounts:
    rows_read: int = 0
    imported: int = 0
    with_errors: int = 0
    with_warnings: int = 0


@dataclass(frozen=True)
class RosterImport:
    """What an import found: the service (None when the file is unusable) and every problem."""

    filename: str
    service: Service | None
    problems: tuple[Problem, ...] = ()
    counts: ImportCounts = ImportCounts()
    unusable: str | None = None
    sheet: str | None = None
    source: Source | None = None
    header_row: int | None = None
    columns: dict[str, str] = field(default_factory=dict)  # file heading -> what it was read as
    worker_rows: tuple[int, ...] = ()  # the sheet row each service worker came from

    @property
    def exit_code(self) -> int:
        if self.unusable or self.service is None:
            return 2
        return 1 if any(p.severity == "error" for p in self.problems) else 0

    def to_json(self) -> dict[str, Any]:
        workers = self.service.workers if self.service else ()
        return {
            "file": self.filename,
            "error": self.unusable,
            "sheet": self.sheet,
            "counts": self.counts.__dict__,
            "workers": [w.model_dump(mode="json") for w in workers],
            "problems": [p.model_dump(mode="json") for p in self.problems],
        }


def import_roster(
    source: bytes | Path,
    filename: str | None = None,
    *,
    population: int | None = None,
    policy: Policy | None = None,
    today: date | None = None,
    progress: Progress | None = None,
) -> RosterImport:
    """Read a roster file (its bytes, or a path) and report every row."""
    policy = policy or default_policy()
    tell = progress or _quiet
    name = filename or (source.name if isinstance(source, Path) else "roster")
    try:
        data = source.read_bytes() if isinstance(source, Path) else source
    except OSError as exc:
        return RosterImport(name, None, unusable=f"{name} could not be opened ({exc.strerror}).")
    limits = Limits(int(policy.max_import_mb * 1024 * 1024), policy.max_import_rows)
    try:
        tell(0.0, f"Checking {name}")
        kind = check_file(data, name, limits)
        book = open_book(data, name, kind, limits)
        with collector_paused():  # millions of short-lived cells and no reference cycles
            found = _import(book, kind == "csv", population, today or date.today(), policy, tell)
        tell(1.0, f"Read {name}")
        return found
    except Rejected as exc:
        return RosterImport(name, None, unusable=str(exc))


def choose_sheet(book: Book) -> str:
    """The sheet named like Roster or Staff, else the first visible sheet that is not ours."""
    visible = [s.name for s in book.sheets if s.visible] or book.names()
    for name in visible:
        if "roster" in normalise(name) or "staff" in normalise(name):
            return name
    rest = [n for n in visible if normalise(n) not in OUR_SHEETS]
    return (rest or visible)[0]


def _import(
    book: Book, is_csv: bool, population: int | None, today: date, policy: Policy, tell: Progress
) -> RosterImport:
    layout = load_layout()
    max_rows = policy.max_import_rows
    if not book.sheets:
        raise Rejected(f"{book.filename} has no sheets.")
    sheet = choose_sheet(book)
    tell(0.1, f"Reading sheet {sheet!r}")
    rows = book.rows(sheet)
    header = ascwds.find_header(rows)
    header = find_header_row(rows, layout) if header is None else header
    if header is None:
        raise Rejected(
            f"No header row found on sheet {sheet!r} of {book.filename}: the planner looks in the "
            "first 50 rows for column headings such as Staff ID, Name, Team and FTE. "
            "Download the template to see the headings it reads."
        )
    if len(rows) - header - 1 > max_rows:
        raise Rejected(
            f"Sheet {sheet!r} has {len(rows) - header - 1:,} rows of staff; the planner accepts "
            f"at most {max_rows:,}."
        )
    tell(0.4, f"Checking {len(rows) - header - 1:,} rows")
    source: Source
    if ascwds.is_ascwds(rows[header]):
        result, file_problems, columns = ascwds.read_rows(rows, header, sheet, policy)
        source = "ascwds"
        plan = None
    else:
        plan = plan_columns(rows[header], header, layout)
        _require_columns(plan, sheet, layout)
        result = read_rows(rows, plan, layout, sheet)
        file_problems = list(_column_problems(plan, sheet, layout))
        columns = {c.heading: c.name for c in plan.columns}
        source = "csv" if is_csv else "spreadsheet"
    info, teams, sheet_problems = _service_sheets(book, layout)
    if info is not None and source == "spreadsheet":
        source = "template"
    extra = tuple(c.name for c in plan.by_target("extra")) if plan else ascwds.extra_columns()
    service, service_problems = _build_service(
        book, info, teams, result, extra, population, today, layout
    )
    headings = {v: k for k, v in columns.items()}
    tell(0.85, "Checking supervisors and staff IDs across rows")
    cross = _locate(check_service(service, policy), service, result, sheet, headings, layout)
    problems = [*file_problems, *sheet_problems, *service_problems, *result.problems, *cross]
    problems = _ordered(problems, sheet, book)
    return RosterImport(
        filename=book.filename,
        service=service,
        problems=tuple(problems),
        counts=_counts(result, problems, sheet, header),
        sheet=sheet,
        source=source,
        header_row=header + 1,
        columns=columns,
        worker_rows=tuple(result.worker_rows),
    )


def _require_columns(plan: HeaderPlan, sheet: str, layout: Layout) -> None:
    found = set(plan.fields()) | ({"name"} if plan.by_target("part") else set())
    missing = [f for f in _REQUIRED if f not in found]
    if "name" in missing and any(
        c.name in ("first_name", "last_name") for c in plan.by_target("part")
    ):
        missing.remove("name")
    if missing:
        wanted = "; ".join(
            f"{layout.label(f)} (or {', '.join(layout.by_field[f].synonyms[:3])})" for f in missing
        )
        raise Rejected(
            f"Sheet {sheet!r} has no column for {wanted}. Each row needs a staff ID, a name, a team "
            "and an FTE; rename the heading or download the template."
        )


def _column_problems(plan: HeaderPlan, sheet: str, layout: Layout) -> list[Problem]:
    problems = []
    row = plan.row + 1
    for col, used in plan.duplicates:
        what = layout.label(col.name) if col.target == "field" else "Name"
        reason = (
            f"also looks like {what}; the column headed {used!r} is used"
            if used
            else "is not needed because the file has a full name column"
        )
        problems.append(
            _column_problem(
                sheet,
                row,
                col.heading,
                f"Column {col.heading!r} {reason}, and this one is kept as your own column.",
                "duplicate_column",
            )
        )
    for col in plan.by_target("extra"):
        if any(col.index == d.index for d, _ in plan.duplicates):
            continue
        problems.append(
            _column_problem(
                sheet,
                row,
                col.heading,
                f"Column {col.heading!r} is not one the planner reads; its values are kept with "
                "each person and written back on export.",
                "unused_column",
            )
        )
    return problems


def _column_problem(sheet: str, row: int, heading: str, message: str, code: str) -> Problem:
    return Problem(
        severity="warning",
        code=code,
        message=message,
        column=heading,
        value=heading,
        sheet=sheet,
        row=row,
    )


def _service_sheets(
    book: Book, layout: Layout
) -> tuple[ServiceInfo | None, list[dict[str, str]] | None, list[Problem]]:
    by_key = {normalise(n): n for n in book.names()}
    info = teams = None
    problems: list[Problem] = []
    if "service" in by_key:
        info = read_service_sheet(book.rows(by_key["service"]), layout)
        problems += info.problems
    if "teams" in by_key:
        teams, team_problems = read_teams_sheet(book.rows(by_key["teams"]), layout)
        problems += team_problems
    return info, teams, problems


def _build_service(
    book: Book,
    info: ServiceInfo | None,
    teams: list[dict[str, str]] | None,
    result: RowResult,
    extra: tuple[str, ...],
    population: int | None,
    today: date,
    layout: Layout,
) -> tuple[Service, list[Problem]]:
    problems: list[Problem] = []
    values = dict(info.values) if info else {}
    stem = Path(book.filename).stem[:200] or "Roster"
    if info is not None:
        for key in ("name", "as_of"):
            if key not in values:
                problems.append(_service_missing(layout, key, info))
    elif not book.filename.lower().endswith(".csv"):
        problems.append(
            Problem(
                severity="warning",
                code="no_service_sheet",
                message="The workbook has no Service sheet, so the service is named after the "
                "file and dated today; the template's Service sheet sets both.",
            )
        )
    if population is not None:
        values["adult_population"] = population
    fields: dict[str, Any] = {
        "name": values.get("name", stem),
        "local_authority": values.get("local_authority", NOT_GIVEN),
        "la_code": values.get("la_code"),
        "adult_population": values.get("adult_population"),
        "as_of": values.get("as_of", today),
    }
    team_list = teams if teams is not None else _derived_teams(result.workers, layout)
    fields, team_list, bad = _valid_service_fields(fields, team_list, layout, info, stem, today)
    problems += bad
    checked = Service.model_validate({**fields, "teams": team_list, "extra_columns": extra})
    # Every worker was validated on its own row; validating the service again would run each
    # worker's rules a second time (a second or more at 100,000 rows) and change nothing.
    own = {name: getattr(checked, name) for name in Service.model_fields if name != "workers"}
    return Service.model_construct(**own, workers=tuple(result.workers)), problems


def _derived_teams(workers: list[Worker], layout: Layout) -> list[dict[str, str]]:
    names = dict.fromkeys(w.team for w in workers)
    return [{"name": n, "kind": guess_kind(n, layout)} for n in names]


def _valid_service_fields(
    fields: dict[str, Any],
    teams: list[dict[str, str]],
    layout: Layout,
    info: ServiceInfo | None,
    stem: str,
    today: date,
) -> tuple[dict[str, Any], list[dict[str, str]], list[Problem]]:
    """The service's own values, each bad one reported and replaced by its fallback."""
    fallback = {
        "name": stem,
        "local_authority": NOT_GIVEN,
        "la_code": None,
        "adult_population": None,
        "as_of": today,
    }
    problems: list[Problem] = []
    try:
        Service.model_validate({**fields, "teams": teams})
        return fields, teams, problems
    except ValidationError as exc:
        bad_teams: set[int] = set()
        for err in exc.errors(include_url=False):
            loc = err["loc"]
            if loc and loc[0] == "teams" and len(loc) > 1 and isinstance(loc[1], int):
                bad_teams.add(loc[1])
                problems.append(_team_error(teams[loc[1]], str(err["msg"])))
            elif loc and str(loc[0]) in fallback:
                key = str(loc[0])
                row = info.rows.get(key) if info else None
                label = layout.spec.service_sheet[key].label
                problems.append(
                    Problem(
                        severity="error",
                        code="invalid_service_value",
                        message=f"{label}: {_plain(str(err['msg']), key)}",
                        column=label,
                        value=str(fields[key])[:200],
                        sheet=SERVICE_SHEET,
                        row=row,
                    )
                )
                fields = {**fields, key: fallback[key]}
        teams = [t for i, t in enumerate(teams) if i not in bad_teams]
    return fields, teams, problems


def _plain(message: str, key: str) -> str:
    if key == "la_code":
        return "should be E followed by eight digits, like E08000021 (the ONS code)."
    return f"{message.removeprefix('Value error, ')}."


def _team_error(team: dict[str, str], message: str) -> Problem:
    return Problem(
        severity="error",
        code="invalid_team",
        message=f"Team {team.get('name', '')[:60]!r} cannot be used: {message}.",
        column="Team",
        value=str(team.get("name", ""))[:200],
        sheet=TEAMS_SHEET,
    )


def _service_missing(layout: Layout, key: str, info: ServiceInfo) -> Problem:
    label = layout.spec.service_sheet[key].label
    missing = {"name": "service name; the file name", "as_of": "as-of date; today's date"}[key]
    return Problem(
        severity="warning",
        code="service_value_missing",
        message=f"The Service sheet gives no {missing} is used.",
        column=label,
        sheet=SERVICE_SHEET,
        row=info.rows.get(key),
    )


def _locate(
    problems: list[Problem],
    service: Service,
    result: RowResult,
    sheet: str,
    headings: dict[str, str],
    layout: Layout,
) -> list[Problem]:
    """Cross-record problems placed on the row they concern, under the file's own heading.

    A staff ID can appear on several rows (that is one of the problems), so each problem goes to
    the first of its rows whose value matches and that has not had a problem of that kind yet.
    """
    if not problems:
        return []
    rows_of: dict[str, list[int]] = defaultdict(list)
    for worker, number in zip(service.workers, result.worker_rows, strict=True):
        rows_of[worker.staff_id].append(number)
    workers_at = dict(zip(result.worker_rows, service.workers, strict=True))
    used: set[tuple[str, str | None, int]] = set()
    located = []
    for p in problems:
        candidates = rows_of.get(p.staff_id or "", [])
        if p.code == "duplicate_staff_id":
            candidates = candidates[1:]
        row: int | None = next(
            (
                r
                for r in candidates
                if (p.code, p.column, r) not in used and _matches(workers_at[r], p)
            ),
            candidates[0] if candidates else None,
        )
        if row is not None:
            used.add((p.code, p.column, row))
        heading = headings.get(p.column or "", layout.label(p.column or "")) if p.column else None
        located.append(p.model_copy(update={"sheet": sheet, "row": row, "column": heading}))
    return located


def _matches(worker: Worker, p: Problem) -> bool:
    if p.column is None or p.value is None or p.column not in Worker.model_fields:
        return True
    value = getattr(worker, p.column)
    return value is None or str(value) == p.value or p.code == "supervision_cycle"


def _ordered(problems: list[Problem], sheet: str, book: Book) -> list[Problem]:
    """Problems on the roster sheet first, in row order, errors before warnings in a row."""
    order = {name: i for i, name in enumerate(book.names())}
    severity = {"error": 0, "warning": 1}
    return sorted(
        problems,
        key=lambda p: (
            p.sheet != sheet,
            order.get(p.sheet or "", len(order)),
            p.row or 0,
            severity[p.severity],
        ),
    )


def _counts(result: RowResult, problems: list[Problem], sheet: str, header: int) -> ImportCounts:
    data_rows = [
        p for p in problems if p.sheet == sheet and p.row is not None and p.row > header + 1
    ]
    errors = {p.row for p in data_rows if p.severity == "error"}
    warnings = {p.row for p in data_rows if p.severity == "warning"} - errors
    return ImportCounts(
        rows_read=result.rows_read,
        imported=len(result.workers),
        with_errors=len(errors),
        with_warnings=len(warnings),
    )
