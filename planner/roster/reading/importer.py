"""Import a roster spreadsheet (.xlsx or .csv) into a Service: every row imported or reported.

The steps, each in its own module: `safety` passes or refuses the bytes before any reader sees
them; `grid` reads raw cells; `headers` finds the header row and what each column holds;
`rows` turns data rows into validated workers (`fast_rows` builds those that pass a column-wise
screen); `service_sheet` reads the Service and Teams sheets and `service_build` makes the
Service; `ascwds` reads a Skills for Care ASC-WDS worker file instead when the headings say so.
Problems across rows (duplicate staff ID, unknown supervisor, supervision loop) come from
`planner.workforce.checks.check_service` and `placing` puts them back on the row and column HR sees.

Nothing here writes anywhere: a refused or broken file changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from planner.gc_pause import collector_paused
from planner.reference.policy import Policy, default_policy
from planner.roster.layout import Layout, load_layout, normalise
from planner.roster.reading import ascwds
from planner.roster.reading.grid import Book, open_book
from planner.roster.reading.headers import ColumnPlan, HeaderPlan, find_header_row, plan_columns
from planner.roster.reading.line_managers import supervisors_from_line_managers
from planner.roster.reading.problem_placement import column_problems, locate, ordered
from planner.roster.reading.rows import RowResult, read_rows
from planner.roster.reading.service_build import build_service, service_sheets
from planner.roster.safety import Limits, Rejected, check_file
from planner.workforce.checks import check_service, left_out_link
from planner.workforce.models import Service
from planner.workforce.problems import Problem

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
    mapping: tuple[ColumnPlan, ...] = ()  # each column: what it is read as, how and how sure
    # an ASC-WDS file: each heading, the field it fills and what it is read as
    fixed_columns: tuple[dict[str, Any], ...] = ()
    # staff ids the file changes (ASC-WDS CHGUNIQUEWRKID): new id -> the id it replaces, for
    # `Store.preview(..., renamed=...)` to match the person rather than see a leaver and a joiner
    renamed: dict[str, str] = field(default_factory=dict)

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
            "columns": self.column_mapping(),
            "renamed": self.renamed,
            "workers": [w.model_dump(mode="json") for w in workers],
            "problems": [p.model_dump(mode="json") for p in self.problems],
        }

    def column_mapping(self) -> list[dict[str, Any]]:
        """Each heading, the field it is read as, how sure and how it was matched."""
        if self.mapping:
            return [c.to_json() for c in self.mapping]
        if self.fixed_columns:
            return [dict(c) for c in self.fixed_columns]
        return [
            {"heading": h, "field": f, "confidence": 1.0, "how": "exact"}
            for h, f in self.columns.items()
        ]


def import_roster(
    source: bytes | Path,
    filename: str | None = None,
    *,
    population: int | None = None,
    policy: Policy | None = None,
    today: date | None = None,
    progress: Progress | None = None,
    mapping: Mapping[str, str] | None = None,
) -> RosterImport:
    """Read a roster file (its bytes, or a path) and report every row. `mapping` is the user's
    choice of field for some headings (heading -> field, part, or "" to keep the column)."""
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
            found = _import(
                book, kind == "csv", population, today or date.today(), policy, tell, mapping or {}
            )
            del book  # its cells go now, so the collector never has to look at them
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
    book: Book,
    is_csv: bool,
    population: int | None,
    today: date,
    policy: Policy,
    tell: Progress,
    mapping: Mapping[str, str],
) -> RosterImport:
    layout = load_layout()
    max_rows = policy.max_import_rows
    if not book.sheets:
        raise Rejected(f"{book.filename} has no sheets.")
    sheet = choose_sheet(book)
    tell(0.1, f"Reading sheet {sheet!r}")
    rows = book.rows(sheet)
    header = ascwds.find_header(rows)
    header = find_header_row(rows, layout, mapping) if header is None else header
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
    fixed: tuple[dict[str, Any], ...] = ()
    renamed: dict[str, str] = {}
    if ascwds.is_ascwds(rows[header]):
        asc = ascwds.read_rows(rows, header, sheet, policy, today)
        result, file_problems, columns = asc.result, asc.file_problems, asc.columns
        fixed, renamed = tuple(asc.described), asc.renamed
        source = "ascwds"
        plan = None
    else:
        plan = plan_columns(rows[header], header, layout, mapping)
        _require_columns(plan, sheet, layout)
        result = read_rows(rows, plan, layout, sheet)
        file_problems = list(column_problems(plan, sheet, layout))
        columns = {c.heading: c.name for c in plan.columns}
        source = "csv" if is_csv else "spreadsheet"
    info, teams, sheet_problems = service_sheets(book, layout)
    if info is not None and source == "spreadsheet":
        source = "template"
    extra = tuple(c.name for c in plan.by_target("extra")) if plan else ascwds.extra_columns()
    service, service_problems = build_service(
        book, info, teams, result, extra, population, today, layout
    )
    headings = {v: k for k, v in columns.items()}
    tell(0.85, "Checking supervisors and staff IDs across rows")
    assumed: list[Problem] = []
    if "supervisor_id" not in columns.values():  # the HR system keeps line managers only
        service, assumed = supervisors_from_line_managers(service, policy)
        result.workers = list(service.workers)
    passes = [(assumed, list(result.worker_rows))]
    service, checked = _without_cross_errors(service, result, policy)
    passes += checked
    problems = [*file_problems, *sheet_problems, *service_problems, *result.problems]
    left_out = _left_out_rows(result.problems, passes)
    for found, record_rows in passes:
        found = [_naming_left_out_row(p, left_out) for p in found]
        problems += locate(found, record_rows, sheet, headings, layout)
    problems = ordered(problems, sheet, book)
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
        mapping=tuple(plan.columns) if plan else (),
        fixed_columns=fixed,
        renamed={new: old for new, old in renamed.items() if service.worker(new) is not None},
    )


def _without_cross_errors(
    service: Service, result: RowResult, policy: Policy
) -> tuple[Service, list[tuple[list[Problem], list[int]]]]:
    """The service without the rows an error across rows concerns (a repeated staff id, a
    self-link, a team the service does not have), so that no row with an error is saved; and
    each pass's problems with the sheet rows of the records they count from.

    Leaving rows out can only leave links to nobody, which are warnings, so the second pass
    over the rows kept finds no error and its warnings are the ones that stand."""
    first = check_service(service, policy)
    out = {p.position for p in first if p.severity == "error" and p.position is not None}
    if not out:
        return service, [(first, result.worker_rows)]
    keep = [i for i in range(len(service.workers)) if i not in out]
    errors = [p for p in first if p.severity == "error"]
    result.workers = [service.workers[i] for i in keep]
    rows = result.worker_rows
    result.worker_rows = [rows[i] for i in keep]
    own = {name: getattr(service, name) for name in Service.model_fields if name != "workers"}
    kept = Service.model_construct(**own, workers=tuple(result.workers))  # each already valid
    return kept, [(errors, rows), (check_service(kept, policy), result.worker_rows)]


def _left_out_rows(
    row_problems: list[Problem], passes: list[tuple[list[Problem], list[int]]]
) -> dict[str, int]:
    """The sheet row of each staff id whose row was left out for an error: an error on the row
    itself, or one across rows (placed by its record's position)."""
    out: dict[str, int] = {}
    for p in row_problems:
        if p.severity == "error" and p.staff_id and p.row is not None:
            out.setdefault(p.staff_id, p.row)
    for found, record_rows in passes:
        for p in found:
            if p.severity == "error" and p.staff_id and p.position is not None:
                out.setdefault(p.staff_id, record_rows[p.position])
    return out


def _naming_left_out_row(p: Problem, left_out: dict[str, int]) -> Problem:
    """A link to someone on a row left out names that row, so HR fixes it, not this one."""
    if p.code == "unknown_supervisor" and p.value in left_out:
        return left_out_link(p, left_out[p.value])
    return p


def missing_columns(plan: HeaderPlan) -> list[str]:
    """The fields every row needs that no column of the plan gives."""
    found = set(plan.fields())
    if any(c.name in ("first_name", "last_name") for c in plan.by_target("part")):
        found.add("name")
    return [f for f in _REQUIRED if f not in found]


def _require_columns(plan: HeaderPlan, sheet: str, layout: Layout) -> None:
    missing = missing_columns(plan)
    if missing:
        wanted = "; ".join(
            f"{layout.label(f)} (or {', '.join(layout.by_field[f].synonyms[:3])})" for f in missing
        )
        raise Rejected(
            f"Sheet {sheet!r} has no column for {wanted}. Each row needs a staff ID, a name, a team "
            "and an FTE; choose the column in the column mapping (--map on the command line), "
            "rename the heading, or download the template."
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
