"""Downloads that leave a trace: the audit entry every export writes (who, what, which
service)."""

from __future__ import annotations

from collections.abc import Callable

from planner.disclosure.roles import AccessDenied, allowed
from planner.store.connection import database_url
from planner.store.secrets import record_export
from planner.store.snapshots import Store, StoreError
from screens.common.choice import current_service
from screens.common.signin import current_role, current_user
from screens.common.store import open_store


def recorded(
    what: str,
    build: Callable[[], bytes],
    action: str = "export_aggregates",
    service_id: int | None = None,
) -> Callable[[], bytes]:
    """A download's data, built on click and noted in the audit log then: who (the signed-in
    email, or 'local user') and what. Who and which service (the one given, else the one in
    view) are read now, during the run, as the click callback runs outside it."""
    role = current_role()
    if role is None or not allowed(role, action):
        raise AccessDenied(f"This role cannot download {what}.")
    try:
        store: Store | None = open_store(database_url())
    except StoreError:
        store = None  # no database: the demo is shown and there is no audit log to write to
    who = current_user()
    if service_id is None and store is not None:
        service_id = store.find_service(current_service().name)

    def build_and_record() -> bytes:
        data = build()
        if store is not None:
            record_export(store, who, what, service_id)
        return data

    return build_and_record
