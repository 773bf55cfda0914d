"""Saved what-if scenarios: named edit lists on a snapshot, one name per service.

A scenario references its baseline snapshot and never copies or changes it; saving under a
name already used in the service replaces that scenario's edits. Saving and deleting each write
an audit entry in the same transaction, as snapshot saves do.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import Delete, Select, delete, insert, select, update

from planner.store.records import AuditAction
from planner.store.rows import MAX_ACTOR, clean, required, utc
from planner.store.schema import scenarios, snapshots
from planner.store.snapshots import Store, StoreError
from planner.whatif.scenarios import Scenario

Q = TypeVar("Q", Select[Any], Delete)


class ScenarioNotFound(StoreError):
    pass


class ScenarioInfo(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: int
    service_id: int
    name: str
    base_snapshot_id: int
    created_at: datetime
    created_by: str
    edits: int


def save_scenario(store: Store, service_id: int, scenario: Scenario, *, by: str) -> ScenarioInfo:
    """Save (or replace) the scenario of this name; its base is the latest snapshot if unset."""
    actor = required("who", by, MAX_ACTOR)
    base = scenario.base_snapshot_id or _latest_snapshot(store, service_id)
    stored = scenario.model_copy(update={"base_snapshot_id": base})
    name = clean(stored.name).strip()
    now = datetime.now(UTC)
    with store._writing() as conn:
        owner = conn.execute(select(snapshots.c.service_id).where(snapshots.c.id == base)).scalar()
        if owner != service_id:
            raise StoreError(f"Snapshot {base} is not a snapshot of service {service_id}")
        values = {
            "base_snapshot_id": base,
            "created_at": now,
            "created_by": actor,
            "content": stored.model_dump_json(),
        }
        found = conn.execute(_where(select(scenarios.c.id), service_id, name)).scalar()
        if found is None:
            row = {"service_id": service_id, "name": name, **values}
            found = conn.execute(
                insert(scenarios).values(row).returning(scenarios.c.id)
            ).scalar_one()
        else:
            conn.execute(update(scenarios).where(scenarios.c.id == found).values(values))
        detail = f"scenario {name!r} on snapshot {base}: {len(stored.edits)} changes"
        store._append_audit(conn, AuditAction.SCENARIO, actor, detail, service_id, base)
    return ScenarioInfo(
        id=int(found),
        service_id=service_id,
        name=name,
        base_snapshot_id=base,
        created_at=now,
        created_by=actor,
        edits=len(stored.edits),
    )


def list_scenarios(store: Store, service_id: int) -> list[ScenarioInfo]:
    """The service's scenarios by name."""
    query = select(scenarios).where(scenarios.c.service_id == service_id).order_by(scenarios.c.name)
    with store._reading() as conn:
        rows = conn.execute(query).mappings().all()
    return [
        ScenarioInfo(
            id=r["id"],
            service_id=r["service_id"],
            name=r["name"],
            base_snapshot_id=r["base_snapshot_id"],
            created_at=utc(r["created_at"]),
            created_by=r["created_by"],
            edits=len(_decode(r["name"], r["content"]).edits),
        )
        for r in rows
    ]


def load_scenario(store: Store, service_id: int, name: str) -> Scenario:
    with store._reading() as conn:
        content = conn.execute(
            _where(select(scenarios.c.content), service_id, clean(name).strip())
        ).scalar()
    if content is None:
        raise ScenarioNotFound(f"Service {service_id} has no scenario called {name!r}")
    return _decode(name, content)


def delete_scenario(store: Store, service_id: int, name: str, *, by: str) -> None:
    actor = required("who", by, MAX_ACTOR)
    name = clean(name).strip()
    with store._writing() as conn:
        gone = conn.execute(_where(delete(scenarios), service_id, name)).rowcount
        if not gone:
            raise ScenarioNotFound(f"Service {service_id} has no scenario called {name!r}")
        detail = f"scenario {name!r} deleted"
        store._append_audit(conn, AuditAction.SCENARIO, actor, detail, service_id, None)


def _where(query: Q, service_id: int, name: str) -> Q:
    return query.where(scenarios.c.service_id == service_id, scenarios.c.name == name)


def _latest_snapshot(store: Store, service_id: int) -> int:
    listed = store.snapshots(service_id)
    if not listed:
        raise StoreError(f"Service {service_id} has no snapshot to base a scenario on")
    return listed[-1].id


def _decode(name: str, content: str) -> Scenario:
    try:
        return Scenario.model_validate_json(content)
    except ValidationError:
        raise StoreError(
            f"The saved scenario {name!r} cannot be read by this version of the planner"
        ) from None
