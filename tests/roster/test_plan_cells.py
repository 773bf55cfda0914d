"""Cells of the plan workbook, whatever text they are given: any name, id or message reads back
as the same text and never as a formula (OWASP CSV injection); a service with no population has
no target to chart; a service with nobody in it still gives a workbook."""

from __future__ import annotations

import io
import zipfile
from functools import cache

import openpyxl
from hypothesis import given
from hypothesis import strategies as st

from planner.roster.writing.workbook import Formats, new_workbook
from planner.workbooks.plan import plan_and_report, write_plan_workbook
from planner.workbooks.plan.sheet import Book
from planner.workforce.demo import load_demo
from tests.roster.strategies import text

# Control characters are left out: Excel stores them as _xHHHH_ escapes, which openpyxl (the
# reader here) does not decode; the roster tests cover them through the importer.
PRINTABLE = text(30, st.characters(exclude_categories=("Cs", "Cc")))
FORMULA_LIKE = st.sampled_from("=+-@").flatmap(lambda c: PRINTABLE.map(lambda s: c + s))


@cache
def _demo_plan() -> tuple[object, ...]:
    demo = load_demo()
    return (demo, *plan_and_report(demo))


@given(st.lists(FORMULA_LIKE | PRINTABLE, min_size=1, max_size=8))
def test_any_text_reads_back_as_that_text(cells: list[str]) -> None:
    demo, report, plan = _demo_plan()
    out = io.BytesIO()
    wb = new_workbook(out)
    book = Book(wb, Formats(wb), demo, report, plan)  # type: ignore[arg-type]
    sheet = book.sheet("Cells")
    sheet.table(["Text"], [[c] for c in cells], main=True, rag=(0,))
    sheet.finish()
    wb.close()
    ws = openpyxl.load_workbook(out)["Cells"]
    back = [row[0] for row in ws.iter_rows(min_row=2, max_col=1)]
    assert [c.value for c in back] == cells
    assert {c.data_type for c in back} == {"s"}
    # Quote-prefixed, so editing the cell in Excel keeps it text rather than running it.
    assert [bool(c.quotePrefix) for c in back] == [c[:1] in "=+-@" for c in cells]


def _chart_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("xl/charts/chart1.xml").decode()


def test_no_population_means_no_target_line_or_column() -> None:
    demo = load_demo().model_copy(update={"adult_population": None, "la_code": None})
    out = io.BytesIO()
    write_plan_workbook(demo, None, None, out)
    assert "Target" not in _chart_xml(out.getvalue()) and "AMHPs" in _chart_xml(out.getvalue())
    ws = openpyxl.load_workbook(out)["AMHP sufficiency"]
    header = next(r[0].row for r in ws.iter_rows(max_col=1) if r[0].value == "Month")
    assert ws.cell(header + 1, 2).value is not None and ws.cell(header + 1, 4).value is None


def test_a_service_with_nobody_still_gives_a_workbook() -> None:
    empty = load_demo().model_copy(update={"workers": (), "teams": ()})
    out = io.BytesIO()
    plan = write_plan_workbook(empty, None, None, out)
    book = openpyxl.load_workbook(out)
    assert plan.positions == [] and book["Succession plan"].max_row == 1
    assert book["Roster"].max_row == 1
