"""Saving and loading a 5,000-worker snapshot on SQLite (issue 9: each under 2 seconds)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench.common import registry, timed, verdict
from planner.store.snapshots import Store
from planner.workforce.demo import generate_service

BENCHES, bench = registry()
TARGET_S = 2.0


@bench
def store() -> None:
    """Save and load a 5,000-worker snapshot on SQLite: each under 2 s."""
    service = generate_service(5_000, seed=1)
    with (
        tempfile.TemporaryDirectory() as folder,
        Store.open(f"sqlite:///{Path(folder) / 'planner.db'}") as db,
    ):
        db.save(service, by="bench", note="warm-up")  # the first save also creates the service
        notes = iter(range(10**6))
        t_save, info = timed(
            lambda: db.save(service, by="bench", note=f"run {next(notes)}"), repeat=3
        )
        t_load, loaded = timed(lambda: db.load(info.id), repeat=3)
        t_preview, _ = timed(lambda: db.preview(service), repeat=3)
        assert loaded.service == service
        db.engine.dispose()  # checkpoints the write-ahead log into the file
        saves = 4
        size = (Path(folder) / "planner.db").stat().st_size / saves / 2**20
    print(f"  save    {t_save:5.2f} s  (target < {TARGET_S} s: {verdict(t_save < TARGET_S)})")
    print(f"  load    {t_load:5.2f} s  (target < {TARGET_S} s: {verdict(t_load < TARGET_S)})")
    print(f"  preview {t_preview:5.2f} s  (load the latest + diff; no target)")
    print(f"  about {size:.1f} MB of database per snapshot")
