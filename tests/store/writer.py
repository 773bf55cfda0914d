"""A writer process for the crash test: saves a big snapshot and is killed before it commits.

`python -m tests.store.writer URL pause` stops inside the save's transaction, after the snapshot
row and the first batch of worker rows are written, and says so on stdout; `loop` saves one big
snapshot after another, so a kill can land anywhere.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from sqlalchemy import event

from planner.store.snapshots import Store
from planner.workforce.demo import generate_service

SIZE = 5_200


def main(url: str, mode: str) -> None:
    service = generate_service(SIZE, seed=7)
    store = Store.open(url)
    if mode == "pause":

        @event.listens_for(store.engine, "after_cursor_execute")
        def _pause(conn: Any, cursor: Any, statement: str, *rest: Any) -> None:
            if statement.startswith("INSERT INTO snapshot_workers"):
                print("mid-transaction", flush=True)
                time.sleep(600)

    print("saving", flush=True)
    while True:
        store.save(service, by="writer", note="never committed", service_id=1)
        if mode == "pause":
            return


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
