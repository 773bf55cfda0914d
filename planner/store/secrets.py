"""The deployment's generated secrets, and the audit entry every export leaves.

The pseudonym key makes commissioners' pseudonyms stable from one export to the next, so it is
generated once (`secrets.token_bytes`) and kept in the `app_secrets` table. Two app processes
may start at once: each tries to insert its own key and whichever loses the race reads back the
winner's, so both use the same key. `PLANNER_PSEUDONYM_KEY`, when set, takes precedence (for a
deployment that keeps its secrets outside the database).
"""

from __future__ import annotations

import os
import secrets
from datetime import UTC, datetime

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from planner.store.connection import WRITE
from planner.store.records import AuditAction
from planner.store.schema import app_secrets
from planner.store.snapshots import AuditEntry, Store, StoreError

KEY_ENV = "PLANNER_PSEUDONYM_KEY"
KEY_NAME = "pseudonym_key"
KEY_BYTES = 32
MIN_ENV_KEY_CHARS = 16


def pseudonym_key(store: Store) -> bytes:
    """The key for commissioners' pseudonyms: from the environment, else stored (made once)."""
    from_env = os.environ.get(KEY_ENV)
    if from_env is not None:
        if len(from_env) < MIN_ENV_KEY_CHARS:
            raise StoreError(
                f"{KEY_ENV} is too short to keep pseudonyms safe: use at least "
                f"{MIN_ENV_KEY_CHARS} random characters, or unset it to let the planner make one."
            )
        return from_env.encode("utf-8")
    stored = _read(store)
    if stored is not None:
        return stored
    try:
        with store.engine.execution_options(**{WRITE: True}).begin() as conn:
            conn.execute(
                insert(app_secrets).values(
                    name=KEY_NAME,
                    value=secrets.token_bytes(KEY_BYTES),
                    created_at=datetime.now(UTC),
                )
            )
    except IntegrityError:
        pass  # another process made it first; theirs is the key
    made = _read(store)
    if made is None:  # pragma: no cover - the insert or the other process's insert committed
        raise StoreError("The pseudonym key could not be saved in the database.")
    return made


def _read(store: Store) -> bytes | None:
    with store.engine.connect() as conn:
        value = conn.execute(select(app_secrets.c.value).where(app_secrets.c.name == KEY_NAME))
        found = value.scalar()
    return bytes(found) if found is not None else None


def record_export(store: Store, who: str, what: str, service_id: int | None = None) -> AuditEntry:
    """Note in the audit log that `who` exported `what` (no names or figures, just the kind)."""
    return store.record(
        AuditAction.EXPORT, by=who, detail=f"Exported {what}", service_id=service_id
    )
