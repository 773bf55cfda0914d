"""`planner aggregates`, `publish` and `releases`: the commissioner's file and releases from the
command line, noted in the audit log."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from planner.cli.main import main
from planner.present.releases import publish_latest, release_view
from planner.store.connection import ENV_VAR
from planner.store.releases import ReleaseRefused, next_period_starts, period_of
from planner.store.snapshots import Store
from planner.workforce.demo import load_demo


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'planner.db'}"
    monkeypatch.setenv(ENV_VAR, url)
    return url


def test_aggregates_writes_json_naming_nobody_and_audits(tmp_path: Path, db: str) -> None:
    out = tmp_path / "aggregates.json"
    assert main(["aggregates", "demo", "--out", str(out), "--by", "psw"]) == 0
    text = out.read_text()
    assert json.loads(text)["amhp_headcount"] == 12
    for w in load_demo().workers:
        assert w.staff_id not in text and w.name not in text
    with Store.open(db) as store:
        assert store.audit_log()[0].detail == "Exported commissioner aggregates (json)"


def test_aggregates_refuses_another_format(tmp_path: Path) -> None:
    assert main(["aggregates", "demo", "--out", str(tmp_path / "a.csv")]) == 2


def test_publish_once_a_quarter_and_list_the_releases(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(db) as store:
        store.save(load_demo(), by="hr", note="first import")
    assert main(["publish", "--by", "psw@council.example", "--json"]) == 0
    published = json.loads(capsys.readouterr().out)
    assert published["period"] == period_of(datetime.now(UTC))
    assert main(["publish", "--by", "psw@council.example"]) == 2  # the same quarter again
    said = capsys.readouterr().err
    assert (
        "already published" in said and f"{next_period_starts(datetime.now(UTC)):%d/%m/%Y}" in said
    )
    assert main(["releases", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [r["period"] for r in listed] == [published["period"]]
    with Store.open(db) as store:
        assert store.audit_log()[0].action == "publish"


def test_a_release_is_kept_as_published_whatever_is_saved_after(db: str) -> None:
    demo = load_demo()
    with Store.open(db) as store:
        sid = store.save(demo, by="hr", note="first import").service_id
        publish_latest(store, sid, by="psw", now=datetime(2026, 10, 5, tzinfo=UTC))
        fewer = demo.model_copy(update={"workers": demo.workers[:-5]})
        store.save(fewer, by="hr", note="five leave")
        with pytest.raises(ReleaseRefused, match="01/01/2027"):
            publish_latest(store, sid, by="psw", now=datetime(2026, 12, 31, tzinfo=UTC))
        found = release_view(store, sid)
        assert found is not None and found[1].by_team.workers == len(demo.workers)
        publish_latest(store, sid, by="psw", now=datetime(2027, 1, 2, tzinfo=UTC))
        found = release_view(store, sid)
        assert found is not None and found[0].period == "2027 Q1"
        assert found[1].by_team.workers == len(demo.workers) - 5


def test_publish_with_nothing_saved_says_so(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["publish"]) == 2
    assert "no service to publish" in capsys.readouterr().err
