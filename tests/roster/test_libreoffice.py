"""A workbook we export opens in LibreOffice with the same values: LibreOffice's own CSV of the
Roster sheet (values as shown, UK dates) imports back to exactly the workers we wrote, and text
that looks like a formula is shown as that text, not run. (How the plan workbook prints is
tested in test_plan_printed.py.)

The `soffice` fixture (libreoffice.py) skips these where LibreOffice is missing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from planner.roster.reading.importer import import_roster
from planner.roster.writing.workbook import write_roster
from planner.workforce.demo import generate_service, load_demo
from planner.workforce.models import Service, Team, Worker
from tests.roster.libreoffice import convert

# field separator, quote, UTF-8, from line 1, -, en-GB, -, -, values as shown, no formulas
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,2057,false,true,true,false"


def _through_libreoffice(soffice: str, service: Service, tmp: Path) -> Service:
    book = tmp / "roster.xlsx"
    write_roster(service, book)
    convert(soffice, book, CSV_FILTER)
    result = import_roster(tmp / "roster.csv", today=service.as_of)
    assert result.service is not None, result.unusable
    return result.service


def test_libreoffice_shows_the_values_we_wrote(soffice: str, tmp_path: Path) -> None:
    demo = load_demo()
    assert _through_libreoffice(soffice, demo, tmp_path).workers == demo.workers


def test_libreoffice_shows_a_generated_roster_and_formula_text_unchanged(
    soffice: str, tmp_path: Path
) -> None:
    generated = generate_service(150, seed=3)
    hostile = Worker(
        staff_id="=1+2",
        name="@SUM(A1)",
        team="+T",
        fte=0.5,
        pcf_level="asye",
        supervisor_id="-3",
        start_date=date(2020, 2, 29),
    )
    service = generated.model_copy(
        update={"teams": (*generated.teams, Team(name="+T"))}
    ).with_worker(hostile)
    back = _through_libreoffice(soffice, service, tmp_path)
    assert back.workers == service.workers
    text = (tmp_path / "roster.csv").read_text(encoding="utf-8")
    assert "=1+2,@SUM(A1),+T" in text  # shown as typed: neither run nor changed
