"""Column mappings remembered per service, so the next file from the same HR system is read the
way the user last chose.

Only the headings a user read differently from the planner's own match are kept (heading ->
field or part name, "" for "keep as my own column"). The app calls `remember_mapping` when the
user confirms an import, never before: a mapping tried on a file that was not imported is
forgotten with it. Headings of that file the user left to the planner lose any earlier choice,
so setting a heading back to the planner's match is remembered too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

from sqlalchemy import delete, insert, select

from planner.store.rows import MAX_ACTOR, clean, required
from planner.store.schema import column_mappings
from planner.store.snapshots import Store

MAX_HEADING = 500  # the column's width; a longer heading is read, but not remembered


def remembered_mapping(store: Store, service_id: int | None) -> dict[str, str]:
    """The headings the user mapped for this service, with what they read each as."""
    if service_id is None:
        return {}
    query = select(column_mappings.c.heading, column_mappings.c.target).where(
        column_mappings.c.service_id == service_id
    )
    with store._reading() as conn:
        return {row.heading: row.target for row in conn.execute(query)}


def remember_mapping(
    store: Store,
    service_id: int,
    chosen: Mapping[str, str],
    headings: Iterable[str],
    *,
    by: str,
) -> None:
    """Keep `chosen` for the service, and forget earlier choices for the rest of `headings`
    (the file's headings the user left to the planner), in one transaction."""
    actor = required("who", by, MAX_ACTOR)
    now = datetime.now(UTC)
    names = {clean(h) for h in headings if len(h) <= MAX_HEADING}
    rows = [
        {
            "service_id": service_id,
            "heading": clean(h),
            "target": target,
            "saved_at": now,
            "saved_by": actor,
        }
        for h, target in chosen.items()
        if len(h) <= MAX_HEADING
    ]
    forget = names | {r["heading"] for r in rows}
    with store._writing() as conn:
        if forget:
            conn.execute(
                delete(column_mappings).where(
                    column_mappings.c.service_id == service_id,
                    column_mappings.c.heading.in_(sorted(forget)),
                )
            )
        if rows:
            conn.execute(insert(column_mappings), rows)
