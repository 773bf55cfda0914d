"""`planner snapshots`, `save`, `diff` and `audit` as a script uses them: exit codes and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli.main import main
from planner.store.connection import ENV_VAR
from planner.workforce.demo import load_demo


@pytest.fixture(autouse=True)
def database(monkeypatch: pytest.MonkeyPatch, db_url: str) -> str:
    monkeypatch.setenv(ENV_VAR, db_url)
    return db_url


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def roster_without(tmp_path: Path, staff_id: str) -> Path:
    f = tmp_path / "roster-dec.json"
    f.write_text(load_demo().without(staff_id).model_dump_json())
    return f


def test_save_then_list_then_diff(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "save", "demo", "--note", "first import", "--by", "Priya", "--json")
    first = json.loads(out)
    assert code == 0 and first["saved"]["number"] == 1 and first["base"] is None
    assert first["diff"]["counts"]["joiners"] == 36

    later = roster_without(tmp_path, "NB046")
    code, out, _ = run(capsys, "save", str(later), "--note", "December", "--by", "Priya", "--json")
    second = json.loads(out)
    assert code == 0 and second["base"]["id"] == first["saved"]["id"]
    assert [w["staff_id"] for w in second["diff"]["leavers"]] == ["NB046"]
    assert second["saved"]["source"] == "roster-dec.json"

    code, out, _ = run(capsys, "snapshots", "--json")
    listed = json.loads(out)["snapshots"]
    assert code == 0 and [s["note"] for s in listed] == ["first import", "December"]

    ids = [str(s["id"]) for s in listed]
    code, out, _ = run(capsys, "diff", *ids, "--json")
    report = json.loads(out)
    assert code == 0 and report["diff"]["counts"]["leavers"] == 1
    assert report["a"]["snapshot"]["id"] == listed[0]["id"]

    code, out, _ = run(capsys, "diff", ids[1], ids[0])
    assert code == 0 and "Joiners (1):" in out and "NB046 Peter Walsh" in out


def test_a_dry_run_shows_the_changes_and_saves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "save", "demo", "--note", "first", "--by", "HR")
    later = roster_without(tmp_path, "NB033")
    code, out, _ = run(capsys, "save", str(later), "--note", "check", "--dry-run")
    assert code == 0 and "NB033 Jamal Hussain" in out and "nothing was saved" in out
    code, out, _ = run(capsys, "snapshots", "--json")
    assert len(json.loads(out)["snapshots"]) == 1


def test_a_snapshot_compares_with_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "save", "demo", "--note", "first", "--by", "HR")
    (snapshot,) = json.loads(run(capsys, "snapshots", "--json")[1])["snapshots"]
    code, out, _ = run(capsys, "diff", str(snapshot["id"]), "demo")
    assert code == 0 and "No differences." in out
    code, out, _ = run(capsys, "diff", str(snapshot["id"]), str(roster_without(tmp_path, "NB036")))
    assert code == 0 and "Leavers (1):" in out and "NB036 Grace Nwosu" in out


def test_saving_a_service_with_warnings_saves_it_and_reports_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo = load_demo()
    last = demo.workers[-1].model_copy(update={"supervisor_id": "X9"})
    f = tmp_path / "broken.json"
    f.write_text(demo.with_workers((*demo.workers[:-1], last)).model_dump_json())
    code, out, _ = run(capsys, "save", str(f), "--note", "with a typo", "--json")
    result = json.loads(out)
    assert code == 0 and result["saved"]["number"] == 1  # a warning is saved with the service
    assert result["problems"][0]["code"] == "unknown_supervisor"


def test_the_audit_log_lists_saves(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "save", "demo", "--note", "first", "--by", "Priya (HR)")
    code, out, _ = run(capsys, "audit", "--json")
    (entry,) = json.loads(out)["entries"]
    assert code == 0 and entry["actor"] == "Priya (HR)" and entry["action"] == "import"
    code, out, _ = run(capsys, "audit")
    assert "import  Priya (HR): snapshot 1 of Northbridge" in out


def test_an_unknown_snapshot_is_exit_2_with_a_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "save", "demo", "--note", "first", "--by", "HR")
    code, out, err = run(capsys, "diff", "1", "99")
    assert code == 2 and out == ""
    assert "no snapshot 99" in err and "Traceback" not in err


def test_an_unusable_file_is_exit_2_and_saves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "S"}')
    code, _, err = run(capsys, "save", str(bad), "--note", "x")
    assert code == 2 and "invalid value" in err
    assert json.loads(run(capsys, "snapshots", "--json")[1])["snapshots"] == []


def test_a_save_with_an_empty_note_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "save", "demo", "--note", " ", "--by", "HR")
    assert code == 2 and "Say a note saying why" in err


def test_an_unreachable_database_is_exit_2_without_the_password(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(ENV_VAR, "postgresql://planner:s3cret@127.0.0.1:1/planner")
    code, out, err = run(capsys, "snapshots", "--json")
    assert code == 2 and "Cannot open the database" in json.loads(out)["error"]
    assert "s3cret" not in out + err


def test_diff_of_two_snapshots_shows_the_amhp_headline_getting_worse(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "save", "demo", "--note", "November", "--by", "Priya")
    run(capsys, "save", str(roster_without(tmp_path, "NB020")), "--note", "December", "--by", "P")
    code, out, _ = run(capsys, "snapshots", "--json")
    first, second = (str(s["id"]) for s in json.loads(out)["snapshots"])
    code, out, _ = run(capsys, "diff", first, second, "--json")
    moves = {m["figure"]: m for m in json.loads(out)["headlines"]}
    assert code == 0
    assert moves["amhp_headcount"] == {
        "figure": "amhp_headcount",
        "label": "AMHPs with current approval",
        "before": 12.0,
        "after": 11.0,
        "direction": "worse",
    }
    assert moves["amhp_per_100k"]["direction"] == "worse"
    assert moves["amhp_target_per_100k"]["direction"] == "same"
    code, out, _ = run(capsys, "diff", first, second)
    assert "AMHPs with current approval: 12 → 11 (worse)" in out
    assert "Target per 100,000" not in out  # only figures that moved are printed


def test_save_that_removes_many_needs_confirm_leavers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo = load_demo()
    run(capsys, "save", "demo", "--note", "first")
    half = tmp_path / "half.json"
    kept = len(demo.workers) // 2
    leaving = len(demo.workers) - kept
    half.write_text(demo.with_workers(demo.workers[:kept]).model_dump_json())
    code, _, err = run(capsys, "save", str(half), "--note", "half")
    assert code == 2 and f"remove {leaving} of {len(demo.workers)}" in err
    assert "--confirm-leavers" in err
    code, out, _ = run(capsys, "snapshots", "--json")
    assert len(json.loads(out)["snapshots"]) == 1
    code, _, _ = run(capsys, "save", str(half), "--note", "half", "--confirm-leavers", str(leaving))
    assert code == 0


def test_save_reads_an_hr_heading_with_map_and_remembers_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], db_url: str
) -> None:
    """HR's system calls the supervisor column "Clinical Lead No": `save --map` reads it as the
    supervisor, as `import --map` does, and the choice is remembered for the service."""
    from planner.store.mappings import remembered_mapping
    from planner.store.snapshots import Store

    f = tmp_path / "north.csv"
    f.write_text(
        "Staff ID,Name,Team,FTE,PCF level,Clinical Lead No\n"
        "S1,Sam Boss,North Team,1,experienced,\n"
        "S2,Sue Worker,North Team,1,social worker,S1\n"
    )
    args = ("save", str(f), "--population", "100000", "--note", "HR file", "--by", "HR")
    code, out, _ = run(capsys, *args, "--map", "Clinical Lead No=supervisor_id", "--json")
    saved = json.loads(out)["saved"]
    assert code in (0, 1) and saved is not None
    with Store.open(db_url) as db:
        service = db.load(saved["id"]).service
        assert service.worker("S2").supervisor_id == "S1"
        assert remembered_mapping(db, saved["service_id"]) == {"Clinical Lead No": "supervisor_id"}
