"""The database every page reads: opened once per server, seeded with the demo (and the demo's
first release for commissioners) when empty.

The database is `planner.db` beside the app, or PLANNER_DATABASE_URL. Snapshots never change once
saved, so a snapshot's service is cached on its id.
"""

from __future__ import annotations

import streamlit as st

from planner.present.releases import publish_latest
from planner.store.connection import database_url
from planner.store.settings import SavedSettings, saved_settings
from planner.store.snapshots import Store, StoreError
from planner.workforce.demo import load_demo
from planner.workforce.models import Service


@st.cache_resource(show_spinner="Opening the database…")
def open_store(url: str) -> Store:
    """One Store per database for the whole server (it is safe to share between threads)."""
    store = Store.open(url)
    if not store.services():
        saved = store.save(load_demo(), by="planner", note="demo service", kind="import")
        publish_latest(store, saved.service_id, by="planner")
    return store


def store() -> Store | None:
    """The database, or None (with the reason shown) when it cannot be opened."""
    try:
        return open_store(database_url())
    except StoreError as exc:
        st.error(f"{exc}. Showing the demo service; nothing can be saved.")
        return None


@st.cache_data(show_spinner="Loading the snapshot…", max_entries=16)
def snapshot_service(url: str, snapshot_id: int) -> Service:
    # Snapshots never change once saved, so the id (in its database) is a complete cache key.
    return open_store(url).load(snapshot_id).service


@st.cache_data(show_spinner=False, max_entries=64)
def service_settings(url: str, service_id: int | None) -> SavedSettings | None:
    """A service's saved settings; cleared whenever settings are saved (`settings_saved`)."""
    try:
        return saved_settings(open_store(url), service_id)
    except StoreError:
        return None


def settings_saved() -> None:
    service_settings.clear()
