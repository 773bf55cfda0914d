"""The Service sheet's population says which it is: adults (18+), all ages, or both; a bare
"Population" is reported and not used, because the AMHP target and demand depend on the basis."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl

from planner.roster.reading.importer import import_roster
from planner.roster.writing.workbook import write_roster
from planner.workforce.demo import load_demo


def _with_population_rows(rows: dict[str, object]) -> bytes:
    buffer = io.BytesIO()
    write_roster(load_demo(), buffer)
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    sheet = book["Service"]
    for r in range(sheet.max_row, 0, -1):
        if str(sheet.cell(r, 1).value or "").endswith("population"):
            sheet.delete_rows(r)
    for label, value in rows.items():
        sheet.append([label, value])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_export_writes_both_bases_and_the_import_reads_them_back(tmp_path: Path) -> None:
    service = load_demo().model_copy(update={"all_ages_population": 231_000})
    path = tmp_path / "both.xlsx"
    write_roster(service, path)
    back = import_roster(path).service
    assert back is not None
    assert (back.adult_population, back.all_ages_population) == (182_400, 231_000)


def test_an_all_ages_label_is_read_as_all_ages() -> None:
    result = import_roster(_with_population_rows({"Total population": "250,000"}), "r.xlsx")
    assert result.service is not None
    assert result.service.all_ages_population == 250_000
    assert result.service.adult_population is None


def test_a_population_that_does_not_say_its_basis_is_reported_not_guessed() -> None:
    result = import_roster(_with_population_rows({"Population": 250_000}), "r.xlsx")
    assert result.service is not None
    assert result.service.adult_population is None and result.service.all_ages_population is None
    [problem] = [p for p in result.problems if p.code == "population_basis_not_said"]
    assert problem.severity == "warning" and problem.sheet == "Service"
    assert "Adult population" in problem.message and "All-ages population" in problem.message
