"""The data rows of a roster sheet read into workers, each row imported or reported.

Cells are converted a column at a time (`values.convert_column`), then each row is validated by
the `Worker` model on its own, so one bad row never stops the others and each problem names its
row, its column as the file heads it, the value seen and a sentence HR understands. A row with an
error is not imported; a row with warnings is. Validation runs with the garbage collector paused:
the loop creates many small objects and nothing in it forms reference cycles.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from planner.gc_pause import collector_paused
from planner.roster.layout import Layout
from planner.roster.reading.fast_rows import build_workers
from planner.roster.reading.headers import ColumnPlan, HeaderPlan
from planner.roster.values import WS, Cell, cell_text, convert_column, extra_texts
from planner.workforce.models import Worker
from planner.workforce.problems import Problem

_SHARES = {"fte", "amhp_rota_share"}
# Which column a rule across one row's fields is about, by a word in its message.
_RULE_COLUMNS = (
    ("marked as not an AMHP", "amhp"),
    ("PCF level", "pcf_level"),
    ("leaving date", "planned_leaving_date"),
    ("AMHP approval", "amhp_approval_expires"),
    ("approved-on", "amhp_approved_on"),
    ("training", "amhp_training_completes"),
    ("rota", "amhp_rota_share"),
)
_WARN_FIRST = frozenset("=+@")
_DEFAULTS = {
    name: info.get_default(call_default_factory=True)
    for name, info in Worker.model_fields.items()
    if not info.is_required()
    and info.get_default(call_default_factory=True) not in (None, "", (), {})
}


@dataclass
class RowResult:
    workers: list[Worker] = field(default_factory=list)
    worker_rows: list[int] = field(default_factory=list)  # 1-based sheet row of each worker
    problems: list[Problem] = field(default_factory=list)
    rows_read: int = 0


def is_blank(row: list[Cell]) -> bool:
    filled = len(row) - row.count("")
    if filled == 0:
        return True
    if filled > 3:
        return False
    return all(v.__class__ is str and not v.strip(WS) for v in row if v != "")


def _has_content(row: list[Cell]) -> bool:
    first = row[0] if row else ""
    if first.__class__ is not str or first.strip(WS):
        return True  # the usual case, settled by the first cell without counting the rest
    return not is_blank(row)


def _columns(rows: list[list[Cell]]) -> list[tuple[Cell, ...]]:
    return list(zip(*rows, strict=False)) if rows else []


def _all_have_content(first_cells: Sequence[Cell]) -> bool:
    """True when every row's first cell holds something, so no row is blank: str.strip() trims
    at least Unicode's white space (WS), so what it leaves, strip(WS) leaves too. Anything but
    text in a first cell, or a cell it leaves empty, is for `_has_content` to judge."""
    try:
        return all(map(str.strip, first_cells))
    except TypeError:
        return False


class _Reader:
    def __init__(self, rows: list[list[Cell]], plan: HeaderPlan, layout: Layout, sheet: str):
        self.plan, self.layout, self.sheet = plan, layout, sheet
        width = max((c.index for c in plan.columns), default=-1) + 1
        self.data: list[list[Cell]] = rows[plan.row + 1 :]
        self.numbers: list[int] = list(range(plan.row + 2, plan.row + 2 + len(self.data)))
        # One pass turns rows into columns; each column is then converted whole. zip stops at
        # the shortest row, so the number of columns tells whether any row is short.
        self.columns = _columns(self.data)
        if self.data and not (self.columns and _all_have_content(self.columns[0])):
            self._drop_blank_rows(plan.row)
        if self.data and len(self.columns) < width:  # CSV rows can be short
            self.data = [row + [""] * (width - len(row)) for row in self.data]
            self.columns = _columns(self.data)
        self.values: dict[str, list[Any]] = {}
        self.bad: dict[int, list[tuple[ColumnPlan, str]]] = {}
        self.headings: dict[str, ColumnPlan] = plan.fields()

    def _drop_blank_rows(self, header: int) -> None:
        kept = [i for i, row in enumerate(self.data) if _has_content(row)]
        self.numbers = [header + 2 + i for i in kept]
        self.data = [self.data[i] for i in kept]
        self.columns = _columns(self.data)

    def column(self, col: ColumnPlan) -> Sequence[Cell]:
        if col.index < len(self.columns):
            return self.columns[col.index]
        return ("",) * len(self.data)

    def convert(self) -> None:
        for col in self.plan.by_target("field"):
            kind = self.layout.by_field[col.name].kind
            # A value equal to the model's default is left out: the model fills it in without
            # validating it again for every row.
            values, bad = convert_column(kind, self.column(col), _DEFAULTS.get(col.name))
            self.values[col.name] = values
            for i, message in bad.items():
                self.bad.setdefault(i, []).append((col, message))
        self._parts()

    def _parts(self) -> None:
        parts = {c.name: c for c in self.plan.by_target("part")}
        names = [
            convert_column("text", self.column(parts[p]))[0]
            for p in ("first_name", "last_name")
            if p in parts
        ]
        if names:
            self.values["name"] = [
                " ".join(n for n in pair if n) or None for pair in zip(*names, strict=True)
            ]
            self.headings["name"] = parts.get("first_name") or parts["last_name"]
        if "date_of_birth" in parts:
            col = parts["date_of_birth"]
            born, bad = convert_column("date", self.column(col))
            self.values["birth_year"] = [d.year if d else None for d in born]
            self.headings["birth_year"] = col
            for i, message in bad.items():
                self.bad.setdefault(i, []).append((col, message))

    def extra_texts(self) -> dict[str, list[str]]:
        """The text of each of the file's own columns that is not blank throughout."""
        n = len(self.data)
        texts = {}
        for col in self.plan.by_target("extra"):
            cells = self.column(col)
            if cells.count("") != n:
                texts[col.name], long = extra_texts(cells)
                for i, message in long.items():  # too long for a cell: an error on its row
                    self.bad.setdefault(i, []).append((col, message))
        return texts

    def dicts(
        self, extra: dict[str, list[str]], only: list[int] | None = None
    ) -> list[dict[str, Any]]:
        """One dict per row (or per row in `only`) holding only the values present, as the model
        wants them."""
        values = self.values
        if only is not None:
            values = {k: [v[i] for i in only] for k, v in values.items()}
            extra = {k: [v[i] for i in only] for k, v in extra.items()}
        n = len(self.data) if only is None else len(only)
        # Columns full in every row go in through dict(zip()), at C speed; the rest one by one.
        dense = {k: v for k, v in values.items() if None not in v}
        sparse = {k: v for k, v in values.items() if k not in dense and v.count(None) != n}
        extra = {k: v for k, v in extra.items() if v.count("") != n}
        dense_names, sparse_names, extra_names = list(dense), list(sparse), list(extra)
        out = []
        blank: tuple[Any, ...] = ((),) * n
        rows = zip(
            zip(*dense.values(), strict=True) if dense else blank,
            zip(*sparse.values(), strict=True) if sparse else blank,
            zip(*extra.values(), strict=True) if extra else blank,
            strict=True,
        )
        for full, partial, texts in rows:
            d = dict(zip(dense_names, full, strict=True))
            for k, v in zip(sparse_names, partial, strict=True):
                if v is not None:
                    d[k] = v
            if texts:
                kept = {k: t for k, t in zip(extra_names, texts, strict=True) if t}
                if kept:
                    d["extra"] = kept
            out.append(d)
        return out

    def problem(
        self,
        i: int,
        col: ColumnPlan | None,
        column: str,
        message: str,
        code: str,
        severity: str = "error",
        staff_id: str | None = None,
    ) -> Problem:
        raw = self.data[i][col.index] if col is not None else ""
        return Problem(
            severity="error" if severity == "error" else "warning",
            code=code,
            message=message,
            staff_id=staff_id,
            column=column,
            value=(cell_text(raw)[:200] or None) if raw != "" else None,
            sheet=self.sheet,
            row=self.numbers[i],
        )


def read_rows(
    rows: list[list[Cell]], plan: HeaderPlan, layout: Layout, sheet: str, *, fast: bool = True
) -> RowResult:
    """Every data row as a worker or as problems. With `fast`, rows whose converted values pass
    `fast_rows`' screen are built without validating again; the rest, and all rows without it,
    are validated by `Worker` one by one (the reference the fast path is tested against)."""
    reader = _Reader(rows, plan, layout, sheet)
    reader.convert()
    n = len(reader.data)
    extra = reader.extra_texts()
    built = build_workers(reader.values, extra, n) if fast else {}
    # A row with a cell that could not be read goes to validation even if the rest passes.
    rest = (
        [i for i in range(n) if i not in built or i in reader.bad]
        if len(built) < n or reader.bad
        else []
    )
    checked = dict(zip(rest, reader.dicts(extra, rest if built else None), strict=True))
    result = RowResult(rows_read=n)
    if not checked:  # the usual case: every row passed the screen and read cleanly
        result.workers, result.worker_rows = list(built.values()), list(reader.numbers)
        result.problems.extend(_formula_warnings(reader, result))
        return result
    validate = Worker.__pydantic_validator__.validate_python  # model_validate, minus a call
    with collector_paused():  # many small objects, no reference cycles: nothing for it to collect
        for i in range(n):
            d = checked.get(i)
            if d is None:
                result.workers.append(built[i])
                result.worker_rows.append(reader.numbers[i])
                continue
            bad = reader.bad.get(i)
            try:
                worker = validate(d)
            except ValidationError as exc:
                result.problems.extend(_cell_problems(reader, i, d, bad))
                result.problems.extend(_validation_problems(reader, i, d, exc, bad))
                continue
            if bad:
                result.problems.extend(_cell_problems(reader, i, d, bad))
                continue
            result.workers.append(worker)
            result.worker_rows.append(reader.numbers[i])
    result.problems.extend(_formula_warnings(reader, result))
    return result


def _cell_problems(
    reader: _Reader, i: int, d: dict[str, Any], bad: list[tuple[ColumnPlan, str]] | None
) -> Iterator[Problem]:
    for col, message in bad or []:
        yield reader.problem(
            i,
            col,
            col.heading,
            f"{col.heading}: {message}.",
            "unreadable_value",
            staff_id=d.get("staff_id"),
        )


def _validation_problems(
    reader: _Reader,
    i: int,
    d: dict[str, Any],
    exc: ValidationError,
    bad: list[tuple[ColumnPlan, str]] | None,
) -> Iterator[Problem]:
    # a value that could not be read is missing from the row: say so once, not twice
    unreadable = {"birth_year" if col.target == "part" else col.name for col, _ in bad or []}
    for err in exc.errors(include_url=False):
        name = str(err["loc"][0]) if err["loc"] else _rule_column(err["msg"])
        if name in unreadable:
            continue
        col = reader.headings.get(name)
        heading = col.heading if col else reader.layout.label(name)
        yield reader.problem(
            i,
            col,
            heading,
            sentence(err, name, heading),
            "invalid_value",
            staff_id=d.get("staff_id"),
        )


def _rule_column(message: str) -> str:
    for word, name in _RULE_COLUMNS:
        if word in message:
            return name
    return "staff_id"


def sentence(err: ErrorDetails, name: str, heading: str) -> str:
    """A validation error as a sentence HR understands."""
    kind, ctx = err["type"], err.get("ctx", {})
    if kind == "missing":
        return f"{heading} is empty; every row needs one."
    if name in _SHARES and kind in ("greater_than", "less_than_equal", "greater_than_equal"):
        return f"{heading} must be more than 0 and at most 1: write it as 0.6 or 60%."
    if kind == "value_error":
        text = str(err["msg"]).removeprefix("Value error, ")
        return f"{text[:1].upper()}{text[1:]}."
    simple = {
        "string_too_long": f"{heading} is longer than {ctx.get('max_length')} characters.",
        "string_too_short": f"{heading} is empty; every row needs one.",
        "greater_than": f"{heading} must be more than {ctx.get('gt')}.",
        "greater_than_equal": f"{heading} must be at least {ctx.get('ge')}.",
        "less_than_equal": f"{heading} must be at most {ctx.get('le')}.",
        "less_than": f"{heading} must be less than {ctx.get('lt')}.",
        "literal_error": f"{heading} must be one of {ctx.get('expected')}.",
    }
    if kind == "string_pattern_mismatch" and name == "swe_registration":
        return f"{heading} should be SW followed by digits, like SW12345."
    return simple.get(kind, f"{heading}: {err['msg']}.")


def _formula_warnings(reader: _Reader, result: RowResult) -> Iterator[Problem]:
    """Text that a spreadsheet would run if typed in: kept as text, and HR is told."""
    staff = reader.values.get("staff_id")
    imported: set[int] | None = None
    for col in reader.plan.by_target("field"):
        if reader.layout.by_field[col.name].kind != "text":
            continue
        values = reader.values[col.name]
        if not _may_warn(values):
            continue  # the usual case: no text that looks like a formula
        hits = [i for i, v in enumerate(values) if v and v[0] in _WARN_FIRST]
        if hits and imported is None:
            imported = set(result.worker_rows)
        for i in hits:
            if imported and reader.numbers[i] in imported:
                yield reader.problem(
                    i,
                    col,
                    col.heading,
                    f"{col.heading} begins with {values[i][0]!r}, like a formula; it is kept as "
                    "text and will never run as a formula.",
                    "formula_like_text",
                    severity="warning",
                    staff_id=staff[i] if staff else None,
                )


def _may_warn(values: list[str | None]) -> bool:
    """True when some text begins like a formula, judged from the set of first characters."""
    return not _WARN_FIRST.isdisjoint(map(itemgetter(0), filter(None, values)))
