"""Policy settings saved per service, with who saved them and when (audited).

Every save is a new row, so two people on the same service always see the same targets, a
reload keeps them, and earlier settings stay on record. Only the values that differ from the
defaults are stored; reading them back applies them to today's defaults, so a policy value the
planner gains later takes its default, and a value it no longer has is set aside and named.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import insert, select

from planner.reference.policy import Policy, default_policy
from planner.store.records import AuditAction
from planner.store.rows import MAX_ACTOR, required, utc
from planner.store.schema import policy_settings
from planner.store.snapshots import Store


class SavedSettings(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    policy: Policy
    saved_by: str
    saved_at: datetime
    changed: tuple[str, ...]  # the values that differ from the defaults
    set_aside: tuple[str, ...] = ()  # saved values the planner no longer has, or refuses now


def changes_from_defaults(policy: Policy) -> dict[str, Any]:
    base = default_policy().model_dump(mode="json")
    now = policy.model_dump(mode="json")
    return {name: value for name, value in now.items() if base.get(name) != value}


def save_settings(store: Store, service_id: int, policy: Policy, *, by: str) -> SavedSettings:
    """Keep `policy` as the service's settings from now on, in one transaction with its audit
    entry."""
    actor = required("who", by, MAX_ACTOR)
    changes = changes_from_defaults(policy)
    now = datetime.now(UTC)
    with store._writing() as conn:
        conn.execute(
            insert(policy_settings).values(
                service_id=service_id, saved_at=now, saved_by=actor, changes=json.dumps(changes)
            )
        )
        detail = f"settings saved: {', '.join(sorted(changes)) or 'all defaults'}"
        store._append_audit(conn, AuditAction.SETTINGS, actor, detail, service_id, None)
    return SavedSettings(policy=policy, saved_by=actor, saved_at=now, changed=tuple(changes))


def saved_settings(store: Store, service_id: int | None) -> SavedSettings | None:
    """The service's newest settings, or None when none were ever saved."""
    if service_id is None:
        return None
    query = (
        select(policy_settings)
        .where(policy_settings.c.service_id == service_id)
        .order_by(policy_settings.c.id.desc())
        .limit(1)
    )
    with store._reading() as conn:
        row = conn.execute(query).first()
    if row is None:
        return None
    policy, kept, aside = _apply(json.loads(row.changes))
    return SavedSettings(
        policy=policy,
        saved_by=row.saved_by,
        saved_at=utc(row.saved_at),
        changed=kept,
        set_aside=aside,
    )


def _apply(changes: dict[str, Any]) -> tuple[Policy, tuple[str, ...], tuple[str, ...]]:
    """Today's defaults with each saved change that still applies, one at a time, so one value
    the policy now refuses cannot lose the others."""
    policy, kept, aside = default_policy(), [], []
    for name, value in changes.items():
        if name not in Policy.model_fields:
            aside.append(name)
            continue
        try:
            policy = policy.with_changes(**{name: value})
        except ValidationError:
            aside.append(name)
        else:
            kept.append(name)
    return policy, tuple(kept), tuple(aside)
