"""The problem report shows HR's rows with the problems beside them and can be uploaded again;
the template, import and export commands keep the command-line contract."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from planner.cli.main import main
from planner.roster.reading.importer import import_roster
from planner.roster.writing.problem_workbook import write_problem_workbook
from planner.roster.writing.workbook import write_template
from tests.roster.test_messy import MESSY


def test_the_report_shows_each_row_with_its_problems(tmp_path: Path) -> None:
    result = import_roster(MESSY, today=date(2026, 11, 1))
    out = tmp_path / "report.xlsx"
    write_problem_workbook(MESSY, result, out)
    wb = openpyxl.load_workbook(out)
    ws = wb["Staff list"]
    header = [c.value for c in ws[1]]
    assert header[:2] == ["Emp #", "Full name"] and header[-2:] == [
        "Planner problems",
        "Original row",
    ]
    rows = {r[-1]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert sorted(rows) == [5, 6, 7, 9, 10, 11, 13, 14, 15, 16, 17, 18]  # every row, kept or not
    assert rows[17][-2] == "Error: Date started: '31/02/2024' is not a real date."
    assert rows[17][header.index("Date started")] == "31/02/2024"
    assert rows[6][-2] is None  # a row without problems
    shaded = ws.cell(row=list(rows).index(17) + 2, column=header.index("Date started") + 1)
    assert shaded.fill.fgColor.rgb.endswith("FCE4D6")
    problems = list(wb["Problems"].iter_rows(values_only=True))
    assert problems[0][0] == "Severity" and len(problems) == len(result.problems) + 1


def test_the_report_can_be_fixed_and_uploaded_again(tmp_path: Path) -> None:
    result = import_roster(MESSY, today=date(2026, 11, 1))
    out = tmp_path / "report.xlsx"
    write_problem_workbook(MESSY, result, out)
    again = import_roster(out, today=date(2026, 11, 1))
    assert again.service is not None and result.service is not None
    assert [w.staff_id for w in again.service.workers] == [
        w.staff_id for w in result.service.workers
    ]
    assert not [
        p for p in again.problems if p.code == "unused_column" and "Planner" in (p.column or "")
    ]


def test_template_command_writes_headings_notes_and_drop_downs(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    assert main(["template", "--out", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Roster", "Service", "Teams", "Notes", "Lists"]
    assert wb["Lists"].sheet_state == "hidden"
    roster = wb["Roster"]
    headings = [c.value for c in roster[1]]
    assert headings[:4] == ["Staff ID", "Name", "Team", "Job title"]
    lists = {str(dv.sqref).split(":")[0]: dv for dv in roster.data_validations.dataValidation}
    kinds = {
        headings[openpyxl.utils.column_index_from_string(k.rstrip("0123456789")) - 1]: dv.type
        for k, dv in lists.items()
    }
    for heading in ("PCF level", "Contract", "Role functions", "Posts", "BIA", "Profession"):
        assert kinds[heading] == "list", heading
    assert kinds["Start date"] == "date"
    notes = [r[0] for r in wb["Notes"].iter_rows(values_only=True)]
    assert all(h in notes for h in headings)
    assert roster.column_dimensions["H"].number_format == "dd/mm/yyyy" or any(
        "dd/mm/yyyy" in (roster.column_dimensions[c].number_format or "")
        for c in "HIJKLMNOPQRSTUVWXYZ"
    )


def test_import_json_has_counts_workers_and_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "r.xlsx"
    code = main(["import", str(MESSY), "--json", "--report", str(report)])
    out = json.loads(capsys.readouterr().out)
    assert code == 1 and report.exists()
    assert out["counts"] == {"rows_read": 12, "imported": 9, "with_errors": 3, "with_warnings": 5}
    assert list(out["workers"][0])[0] == "staff_id"
    assert {"sheet", "row", "column", "value", "staff_id", "severity", "message"} <= set(
        out["problems"][0]
    )


def test_export_writes_the_template_layout_and_demo_writes_xlsx(tmp_path: Path) -> None:
    demo, exported = tmp_path / "demo.xlsx", tmp_path / "again.xlsx"
    assert main(["demo", "--out", str(demo)]) == 0
    assert main(["export", str(demo), "--out", str(exported)]) == 0
    first, second = import_roster(demo), import_roster(exported)
    assert first.service == second.service and first.service is not None
    assert main(["import", str(exported)]) == 0
    assert main(["export", "demo", "--out", str(tmp_path / "x.pdf")]) == 2


def test_a_csv_service_needs_its_population(tmp_path: Path) -> None:
    csv = tmp_path / "r.csv"
    csv.write_text("Staff ID,Name,Team,FTE,PCF level\nA,Ann,T,1,ASYE\n", encoding="utf-8")
    assert main(["show", str(csv)]) == 2
    assert main(["show", str(csv), "--population", "1000"]) == 0


def test_the_template_imports_as_an_empty_roster(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_template(path)
    result = import_roster(path)
    assert result.service is not None and result.counts.rows_read == 0


def test_the_app_can_work_in_memory() -> None:
    """Uploads arrive as bytes and downloads leave as bytes: no file is needed on either side."""
    import io

    from planner.roster.writing.workbook import write_roster
    from planner.workforce.demo import load_demo

    book = io.BytesIO()
    write_roster(load_demo(), book)
    result = import_roster(book.getvalue(), "upload.xlsx")
    assert result.service == load_demo()
    report = io.BytesIO()
    write_problem_workbook(book.getvalue(), result, report)
    assert openpyxl.load_workbook(io.BytesIO(report.getvalue())).sheetnames[:2] == [
        "Roster",
        "Problems",
    ]
