"""The command line as a script would use it: exit codes, JSON on stdout, plain errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from planner.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_data_json_lists_the_framework(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check-data", "--json")
    report = json.loads(out)
    assert code == 0 and report["ok"]
    assert [d["number"] for d in report["domains"]] == list(range(1, 10))
    assert [lv["id"] for lv in report["levels"]][4:] == [
        "asye",
        "social_worker",
        "experienced",
        "advanced",
        "strategic",
    ]
    cats = {c["code"]: c["functions"] for c in report["categories"]}
    assert cats["E"] == ["E.i", "E.ii", "E.iii", "E.iv", "E.v"]
    assert len(cats["A"]) == 11
    assert report["population"]["councils"] == 152  # April 2018, as the ONS rows are
    assert report["population"]["current_councils"] == 153


def test_show_demo(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "demo")
    assert code == 0
    assert "36 workers" in out and "12 AMHPs" in out
    assert "33.3 FTE for casework (3 people in their first (ASYE) year)" in out


def test_demo_round_trips_through_a_json_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "s.json"
    assert run(capsys, "demo", "--size", "40", "--seed", "2", "--out", str(out_file))[0] == 0
    code, out, _ = run(capsys, "show", str(out_file), "--json")
    assert code == 0
    assert json.loads(out)["summary"]["headcount"] == 40


@pytest.mark.parametrize(
    ("content", "code", "needle"),
    [
        ("not json", 2, "not a readable JSON file"),
        ('{"name": "S"}', 2, "invalid value"),
    ],
)
def test_bad_service_files_give_a_plain_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, code: int, needle: str
) -> None:
    f = tmp_path / "bad.json"
    f.write_text(content)
    got, out, err = run(capsys, "show", str(f))
    assert got == code and needle in err and "Traceback" not in err
    assert out == ""


def test_a_missing_file_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "show", "nowhere.json")
    assert code == 2 and "no such file" in err


def test_errors_in_the_input_give_exit_1_and_warnings_do_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from planner.workforce.demo import load_demo

    s = load_demo()
    last = s.workers[-1]
    broken = s.with_workers((*s.workers[:-1], last.model_copy(update={"supervisor_id": "X9"})))
    f = tmp_path / "broken.json"
    f.write_text(broken.model_dump_json())
    code, out, _ = run(capsys, "show", str(f), "--json")
    problems = json.loads(out)["problems"]
    assert code == 0  # a supervisor outside the file is a warning: nobody is lost over it
    assert problems[0]["code"] == "unknown_supervisor" and problems[0]["staff_id"] == last.staff_id
    looped = s.with_workers(
        (*s.workers[:-1], last.model_copy(update={"supervisor_id": last.staff_id}))
    )
    f.write_text(looped.model_dump_json())
    code, out, _ = run(capsys, "show", str(f), "--json")
    assert code == 1 and json.loads(out)["problems"][0]["code"] == "self_supervision"


def test_the_console_script_is_installed() -> None:
    exe = Path(sys.executable).parent / "planner"
    done = subprocess.run([str(exe), "--help"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "check-data" in done.stdout
