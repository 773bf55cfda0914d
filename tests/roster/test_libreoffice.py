"""A workbook we export opens in LibreOffice with the same values: LibreOffice's own CSV of the
Roster sheet (values as shown, UK dates) imports back to exactly the workers we wrote, and text
that looks like a formula is shown as that text, not run.

The set-up installs Debian's LibreOffice (libreoffice-calc-nogui) when it is missing; where it
cannot be installed the tests are skipped with the reason."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from planner.roster.reading.importer import import_roster
from planner.roster.writing.workbook import write_roster
from planner.workforce.demo import generate_service, load_demo
from planner.workforce.models import Service, Team, Worker

# field separator, quote, UTF-8, from line 1, -, en-GB, -, -, values as shown, no formulas
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,2057,false,true,true,false"


@pytest.fixture(scope="module")
def soffice() -> str:
    found = shutil.which("libreoffice") or shutil.which("soffice")
    if found:
        return found
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        pytest.skip("LibreOffice is not installed and apt-get cannot run here (not root)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for args in (
        ["apt-get", "update", "-q"],
        ["apt-get", "install", "-y", "-q", "--no-install-recommends", "libreoffice-calc-nogui"],
    ):
        done = subprocess.run(
            args, env=env, capture_output=True, text=True, timeout=900, check=False
        )
        if done.returncode != 0:
            pytest.skip(
                f"could not install LibreOffice: {' '.join(args)} failed: {done.stderr[-300:]}"
            )
    found = shutil.which("libreoffice") or shutil.which("soffice")
    if not found:
        pytest.skip("libreoffice-calc-nogui installed but no libreoffice command found")
    return found


def _through_libreoffice(soffice: str, service: Service, tmp: Path) -> Service:
    book = tmp / "roster.xlsx"
    write_roster(service, book)
    profile = f"-env:UserInstallation=file://{tmp / 'profile'}"
    subprocess.run(
        [
            soffice,
            profile,
            "--headless",
            "--convert-to",
            CSV_FILTER,
            "--outdir",
            str(tmp),
            str(book),
        ],
        capture_output=True,
        timeout=300,
        check=True,
    )
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


def test_libreoffice_prints_the_succession_plan_workbook(soffice: str, tmp_path: Path) -> None:
    from planner.workbooks.plan import write_plan_workbook

    book = tmp_path / "plan.xlsx"
    write_plan_workbook(load_demo(), None, None, book)
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    done = subprocess.run(
        [
            soffice,
            profile,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(book),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    pdf = tmp_path / "plan.pdf"
    assert pdf.is_file() and pdf.read_bytes()[:5] == b"%PDF-", done.stdout + done.stderr
    assert pdf.stat().st_size > 10_000
