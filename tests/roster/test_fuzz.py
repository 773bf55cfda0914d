"""Whatever the cells, headings or bytes, the import answers with a result: it never raises, and
every filled row below the header is either imported or named by a problem."""

from __future__ import annotations

import csv
import io
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.roster.reading.importer import RosterImport
from planner.roster.reading.rows import is_blank
from tests.roster.helpers import load, raw_xlsx_bytes, xlsx_bytes
from tests.roster.strategies import cell_values, headings

REQUIRED = ["Staff ID", "Name", "Team", "FTE"]


def _every_row_accounted_for(result: RosterImport, rows: list[list[Any]]) -> None:
    if result.unusable:
        assert result.service is None and result.exit_code == 2
        return
    assert result.service is not None and result.header_row is not None
    named = {p.row for p in result.problems if p.sheet == result.sheet}
    imported = set(result.worker_rows)
    filled = [
        n
        for n in range(result.header_row + 1, len(rows) + 1)
        if not is_blank(["" if v is None else v for v in rows[n - 1]])
    ]
    for number in filled:
        assert number in imported or number in named, f"row {number} was dropped silently"
    assert result.counts.rows_read == len(filled)
    assert result.counts.imported == len(result.service.workers) == len(imported)


@settings(max_examples=120)
@given(
    st.lists(headings, min_size=1, max_size=8),
    st.lists(st.lists(cell_values, min_size=0, max_size=9), max_size=8),
)
def test_random_cells_under_random_headings(extra: list[str], body: list[list[Any]]) -> None:
    rows = [REQUIRED + extra, *body]
    result = load(raw_xlsx_bytes(rows))
    _every_row_accounted_for(result, rows)


@settings(max_examples=80)
@given(
    st.lists(st.lists(st.text(max_size=10).filter(lambda s: "\0" not in s), max_size=7), max_size=8)
)
def test_random_csv_text(body: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out).writerows([REQUIRED + ["PCF level"], *body])
    result = load(out.getvalue().encode(), "roster.csv")
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    _every_row_accounted_for(result, rows)


@settings(max_examples=150)
@given(st.binary(max_size=2000), st.sampled_from(["r.xlsx", "r.csv", "r.txt", "r"]))
def test_random_bytes_never_raise(data: bytes, name: str) -> None:
    result = load(data, name)
    assert result.exit_code in (0, 1, 2)
    assert (result.service is None) == (result.unusable is not None)


@settings(max_examples=60)
@given(st.binary(min_size=1, max_size=64), st.integers(0, 5000))
def test_a_workbook_with_random_damage_never_raises(noise: bytes, where: int) -> None:
    data = bytearray(xlsx_bytes({"Roster": [REQUIRED, ["A", "B", "C", 1]]}))
    where %= len(data)
    data[where : where + len(noise)] = noise
    result = load(bytes(data))
    assert result.exit_code in (0, 1, 2)
