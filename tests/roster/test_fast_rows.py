"""The fast path (workers built from screened columns) gives what validating each row gives.

`read_rows(..., fast=False)` validates every row with the `Worker` model: the simple reference.
Rosters are drawn from valid services, written as HR would type them, and then bad or awkward
values are put into random cells, so both the built rows and the reported ones are compared.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.roster.layout import load_layout
from planner.roster.reading.grid import open_book
from planner.roster.reading.headers import find_header_row, plan_columns
from planner.roster.reading.rows import RowResult, read_rows
from planner.roster.safety import Limits
from planner.roster.writing.workbook import roster_csv
from planner.workforce.models import Service
from tests.roster.strategies import services

LAYOUT = load_layout()
HEADER = {c.field: c.header for c in LAYOUT.columns}
# Values that break a rule of the model, or that only just keep to one.
AWKWARD = [
    "",
    " ",
    "banana",
    "0",
    "1",
    "2",
    "-1",
    "1.5",
    "0.0001",
    "100%",
    "150%",
    "1000",
    "1001",
    "1929",
    "1930",
    "2015",
    "2016",
    "SW",
    "SW123456789",
    "SW12",
    "SW１２",
    "31/02/2024",
    "01/01/1999",
    "01/01/2090",
    "x" * 65,
    "y" * 201,
    "Z.ix 10%",
    "A.i 60%; A.ii 50%",
    "E.ii 100%",
    "10 Advanced",
    "1 ASYE; 1 Advanced",
    "Nurse",
    "Agency",
    "Maybe",
    "Yes",
    "No",
    "3",
    "ASYE",
    "Newly qualified",
    "AMHP lead; AMHP lead",
    "=1+1",
    "@x",
]


def _grid(service: Service) -> list[list[Any]]:
    data = roster_csv(service).encode("utf-8-sig")
    book = open_book(data, "roster.csv", "csv", Limits(10**8, 10**5))
    return book.rows(book.names()[0])


def _read(rows: list[list[Any]], fast: bool) -> RowResult:
    header = find_header_row(rows, LAYOUT)
    assert header is not None
    return read_rows(rows, plan_columns(rows[header], header, LAYOUT), LAYOUT, "Roster", fast=fast)


def _same(a: RowResult, b: RowResult) -> None:
    assert a.worker_rows == b.worker_rows
    assert a.workers == b.workers
    for x, y in zip(a.workers, b.workers, strict=True):
        assert x.model_dump() == y.model_dump()  # same values in the same order, same types
        assert list(x.model_dump()) == list(y.model_dump())
        assert x.model_fields_set == y.model_fields_set
        assert [type(v) for v in x.__dict__.values()] == [type(v) for v in y.__dict__.values()]
    assert a.problems == b.problems
    assert a.rows_read == b.rows_read


@settings(max_examples=120, deadline=None)
@given(
    services(),
    st.lists(
        st.tuples(st.integers(0, 200), st.integers(0, 40), st.sampled_from(AWKWARD)), max_size=12
    ),
)
def test_the_fast_path_gives_what_validating_each_row_gives(
    service: Service, damage: list[tuple[int, int, str]]
) -> None:
    rows = _grid(service)
    for r, c, value in damage:
        if len(rows) > 1 and rows[0]:
            row = rows[1 + r % (len(rows) - 1)]
            row[c % len(row)] = value
    _same(_read(rows, fast=True), _read(rows, fast=False))


def test_a_bad_value_is_still_reported_on_its_row_and_column() -> None:
    header = [HEADER[f] for f in ("staff_id", "name", "team", "pcf_level", "fte")]
    rows = [header, ["S1", "Ann", "Team A", "ASYE", "1"], ["S2", "Bo", "Team A", "ASYE", "1.5"]]
    result = _read(rows, fast=True)
    assert [w.staff_id for w in result.workers] == ["S1"]
    (problem,) = result.problems
    assert (problem.row, problem.column, problem.value) == (3, HEADER["fte"], "1.5")
    assert "at most 1" in problem.message


def test_workers_built_without_validation_do_not_share_their_dicts() -> None:
    fields = ("staff_id", "name", "team", "pcf_level", "fte", "role_functions")
    rows = [
        [HEADER[f] for f in fields] + ["Own notes"],
        ["S1", "Ann", "Team A", "ASYE", "1", "A.i 30%", "x"],
        ["S2", "Bo", "Team A", "ASYE", "1", "A.i 30%", "x"],
    ]
    first, second = _read(rows, fast=True).workers
    assert first.role_functions == second.role_functions == {"A.i": 0.3}
    assert first.role_functions is not second.role_functions
    assert first.extra == second.extra == {"Own notes": "x"}
    assert first.extra is not second.extra
    assert first.model_copy(update={"name": "Cy"}).name == "Cy" and first.name == "Ann"
