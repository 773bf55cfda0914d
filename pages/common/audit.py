"""Downloads that leave a trace: the pseudonym key for commissioners' files, and the audit
entry every export writes (who, what, which service)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from pages.common.choice import current_service
from pages.common.signin import current_role, current_user
from pages.common.store import open_store
from planner.disclosure.roles import AccessDenied, allowed
from planner.store.connection import database_url
from planner.store.secrets import pseudonym_key, record_export
from planner.store.snapshots import Store, StoreError


def export_key() -> bytes | None:
    """The deployment's pseudonym key, or None (with a warning shown) if the store is down."""
    try:
        return pseudonym_key(open_store(database_url()))
    except StoreError as exc:
        st.warning(f"Downloads for commissioners are unavailable: {exc}")
        return None


def recorded(
    what: str, build: Callable[[], bytes], action: str = "export_aggregates"
) -> Callable[[], bytes]:
    """A download's data, built on click and noted in the audit log then: who (the signed-in
    email, or 'local user') and what. Who and which service are read now, during the run, as
    the click callback runs outside it."""
    role = current_role()
    if role is None or not allowed(role, action):
        raise AccessDenied(f"This role cannot download {what}.")
    try:
        store: Store | None = open_store(database_url())
    except StoreError:
        store = None  # no database: the demo is shown and there is no audit log to write to
    who = current_user()
    service_id = store.find_service(current_service().name) if store else None

    def build_and_record() -> bytes:
        data = build()
        if store is not None:
            record_export(store, who, what, service_id)
        return data

    return build_and_record
