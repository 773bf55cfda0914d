"""For any roster and any import of it, the snapshot saved holds exactly the rows the preview
showed, and no row with an error (issue 17's property)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from planner.reference.policy import default_policy
from planner.store.records import RemovalNotConfirmed
from planner.store.removals import removal_check
from planner.store.snapshots import Store
from planner.workforce.models import Service
from tests.roster.helpers import load, roster_bytes
from tests.roster.strategies import services


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(base=services(), roster=services())
def test_the_snapshot_saved_is_exactly_the_preview_of_the_rows_without_errors(
    store: Store, base: Service, roster: Service
) -> None:
    roster = roster.model_copy(update={"name": base.name})  # the same service, a new roster
    with tempfile.TemporaryDirectory() as tmp:
        result = load(roster_bytes(roster, Path(tmp)), today=roster.as_of)
    assert result.service is not None, result.unusable
    first = store.save(base, by="HR", note="before")
    preview = store.preview(result.service, first.service_id)
    error_rows = {p.row for p in result.problems if p.severity == "error"}
    # the preview is of the rows without an error, every one of them
    assert not error_rows & set(result.worker_rows)
    assert preview.incoming.workers == result.service.workers
    assert result.counts.rows_read == len(result.worker_rows) + len(
        error_rows - {result.header_row}
    )
    check = removal_check(preview, default_policy())
    try:
        store.confirm(preview, by="HR", note="import", leavers_confirmed=check.leaving)
    except RemovalNotConfirmed:
        assert check.verdict == "refused" and not result.service.workers
        return
    latest = store.latest(first.service_id)
    assert latest is not None and latest.info.id != first.id
    assert latest.service.workers == preview.incoming.workers
