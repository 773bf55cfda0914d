"""A writer killed mid-save leaves the last snapshot as it was, with no partial rows."""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import func, text
from sqlalchemy import select as sql_select

from planner.store.schema import audit_log, snapshot_workers, snapshots
from planner.store.snapshots import Store
from planner.workforce.demo import load_demo
from tests.conftest import ROOT


def start_writer(url: str, mode: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.store.writer", url, mode],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(proc: subprocess.Popen[str], line: str, timeout: float = 120) -> None:
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 1)
        if ready:
            got = proc.stdout.readline()
            if got.strip() == line:
                return
            if not got:
                break
    proc.kill()
    pytest.fail(f"the writer never printed {line!r}: {proc.stderr.read() if proc.stderr else ''}")


def kill(proc: subprocess.Popen[str]) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL


def assert_consistent(store: Store) -> None:
    """Every snapshot has all its worker rows and its audit entry, and loads."""
    with store.engine.connect() as conn:
        for info in store.snapshots():
            rows = conn.execute(
                sql_select(func.count())
                .select_from(snapshot_workers)
                .where(snapshot_workers.c.snapshot_id == info.id)
            ).scalar_one()
            assert rows == info.headcount
            assert store.load(info.id).service.workers
        orphans = conn.execute(
            sql_select(func.count())
            .select_from(snapshot_workers)
            .where(snapshot_workers.c.snapshot_id.not_in(sql_select(snapshots.c.id)))
        ).scalar_one()
        assert orphans == 0
        audits = conn.execute(
            sql_select(func.count())
            .select_from(audit_log)
            .where(audit_log.c.snapshot_id.is_not(None))
        ).scalar_one()
        assert audits == len(store.snapshots())
        if conn.dialect.name == "sqlite":
            assert conn.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"


@pytest.mark.slow
def test_a_writer_killed_inside_its_transaction_changes_nothing(db_url: str) -> None:
    demo = load_demo()
    with Store.open(db_url) as store:
        previous = store.save(demo, by="HR", note="last good import")
    writer = start_writer(db_url, "pause")
    wait_for(writer, "mid-transaction")
    kill(writer)
    with Store.open(db_url) as store:
        latest = store.latest(previous.service_id)
        assert latest is not None and latest.info == previous and latest.service == demo
        assert [s.id for s in store.snapshots()] == [previous.id]
        assert_consistent(store)
        # and the store still takes the next save
        assert store.save(demo, by="HR", note="after the crash").number == 2


@pytest.mark.slow
def test_a_writer_killed_at_any_moment_leaves_whole_snapshots(db_url: str) -> None:
    with Store.open(db_url) as store:
        store.save(load_demo(), by="HR", note="last good import")
    writer = start_writer(db_url, "loop")
    wait_for(writer, "saving")
    time.sleep(random.uniform(0.2, 1.5))
    kill(writer)
    with Store.open(db_url) as store:
        assert_consistent(store)
