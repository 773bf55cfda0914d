"""`planner plan` as a script or a person uses it: the workbook written, exit codes, plain errors
and the JSON summary of the plan."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from planner.cli.main import main
from planner.succession.plan import plan_service
from planner.workforce.demo import load_demo


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_writes_the_workbook_and_exits_0(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "plan.xlsx"
    code, stdout, err = run(capsys, "plan", "demo", "--out", str(out))
    assert code == 0
    assert "critical positions" in stdout and str(out) in err
    book = openpyxl.load_workbook(out, read_only=True)
    assert "Succession plan" in book.sheetnames


def test_json_summarises_positions_successors_and_findings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, stdout, _ = run(
        capsys, "plan", "demo", "--out", str(tmp_path / "p.xlsx"), "--as-of", "2026-12-01", "--json"
    )
    data = json.loads(stdout)
    plan = plan_service(load_demo(), as_of=date(2026, 12, 1))
    assert code == 0 and data["as_of"] == "2026-12-01"
    assert [p["key"] for p in data["positions"]] == [p.position.key for p in plan.positions]
    lead = next(p for p in data["positions"] if p["key"] == "post:amhp_lead:NB002")
    assert lead["successors"][0] == {
        "staff_id": "NB006",
        "readiness": "ready_now",
        "readiness_label": "Ready now",
        "gaps": "none",
    }
    assert [f["message"] for f in data["findings"]] == [f.message for f in plan.findings]
    assert lead["may_reach_pension_age"] is None  # NB002 gave a leaving date: it stands


def test_a_missing_service_is_a_plain_error_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "plan.xlsx"
    code, stdout, err = run(capsys, "plan", str(tmp_path / "nowhere.json"), "--out", str(out))
    assert code == 2 and stdout == ""
    assert "nowhere.json: no such file" in err and "Traceback" not in err
    assert not out.exists()


def test_an_output_that_is_not_xlsx_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "plan", "demo", "--out", str(tmp_path / "plan.pdf"))
    assert code == 2 and "name it .xlsx" in err


def test_an_unwritable_output_is_a_plain_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "plan", "demo", "--out", str(tmp_path / "no" / "dir" / "p.xlsx"))
    assert code == 2 and "could not be written" in err


def test_input_warnings_are_reported_and_the_plan_is_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    s = load_demo()
    broken = s.with_workers(
        (*s.workers[:-1], s.workers[-1].model_copy(update={"supervisor_id": "X9"}))
    )
    source, out = tmp_path / "broken.json", tmp_path / "plan.xlsx"
    source.write_text(broken.model_dump_json())
    code, stdout, _ = run(capsys, "plan", str(source), "--out", str(out), "--json")
    assert code == 0 and out.is_file()  # a warning only
    assert json.loads(stdout)["problems"][0]["code"] == "unknown_supervisor"


def test_an_unreadable_service_file_is_exit_2_with_a_sentence(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    f = tmp_path / "bad.json"
    f.write_text("not json")
    code, stdout, err = run(capsys, "plan", str(f), "--out", str(tmp_path / "p.xlsx"))
    assert code == 2 and stdout == "" and "not a readable JSON file" in err
    assert "Traceback" not in err
