"""`planner aggregates`: the commissioner's file from the command line, noted in the audit log."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli.main import main
from planner.store.connection import ENV_VAR
from planner.store.snapshots import Store
from planner.workforce.demo import load_demo


def test_aggregates_writes_json_naming_nobody_and_audits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'planner.db'}"
    monkeypatch.setenv(ENV_VAR, url)
    out = tmp_path / "aggregates.json"
    assert main(["aggregates", "demo", "--out", str(out), "--by", "psw"]) == 0
    text = out.read_text()
    assert json.loads(text)["amhp_headcount"] == 12
    for w in load_demo().workers:
        assert w.staff_id not in text and w.name not in text
    with Store.open(url) as store:
        assert store.audit_log()[0].detail == "Exported commissioner aggregates (json)"


def test_aggregates_refuses_another_format(tmp_path: Path) -> None:
    assert main(["aggregates", "demo", "--out", str(tmp_path / "a.csv")]) == 2
