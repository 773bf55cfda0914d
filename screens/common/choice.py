"""What the pages show: the chosen service and snapshot, the as-of date and the policy.

The service comes from the store: the latest snapshot of the chosen service, or an older one
picked in the sidebar to look at, read-only. A service is never shared between users
(st.cache_data hands each caller a copy). A commissioner chooses only among services with a
published release, and has no snapshot, no as-of date and no names of who saved what: they see
releases (screens.common.releases), never snapshots.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from planner.disclosure.roles import Role
from planner.present.import_export import snapshot_label
from planner.reference.policy import Policy, default_policy
from planner.store.connection import database_url
from planner.store.releases import services_with_releases
from planner.store.settings import SavedSettings
from planner.store.snapshots import SnapshotInfo, Store
from planner.workforce.demo import load_demo
from planner.workforce.models import Service
from screens.common.store import service_settings, snapshot_service, store

# The choices live in plain session keys; the sidebar's widgets (keys "service_id" and
# "snapshot_id") copy into them when changed, so a page can choose too (after an import).
SERVICE, SNAPSHOT = "chosen_service", "chosen_snapshot"


LATEST = 0  # no snapshot has id 0


@st.cache_data(show_spinner="Loading the demo service…")
def _demo() -> Service:
    return load_demo()


def current_snapshot() -> SnapshotInfo | None:
    """The snapshot in view: the one picked in the sidebar, else the chosen service's latest."""
    db = store()
    if db is None:
        return None
    service_id = current_service_id(db)
    infos = db.snapshots(service_id) if service_id is not None else []
    picked = st.session_state.get(SNAPSHOT)
    return next((i for i in infos if i.id == picked), infos[-1] if infos else None)


def current_service_id(db: Store, released_only: bool = False) -> int | None:
    """The service chosen in this session, else the one in the address (so a reload keeps it),
    else the first; with `released_only`, among those with a release (a commissioner's)."""
    ids = [s.id for s in db.services() if s.snapshots]
    if released_only:
        ids = [i for i in ids if i in services_with_releases(db)]
    chosen = st.session_state.get(SERVICE) or _service_in_url()
    return chosen if chosen in ids else (ids[0] if ids else None)


def _service_in_url() -> int | None:
    text = st.query_params.get("service", "")
    return int(text) if text.isdigit() else None


def viewing_latest() -> bool:
    """False while an older snapshot is picked: pages then show it read-only."""
    return st.session_state.get(SNAPSHOT) is None


def show_service(service_id: int) -> None:
    """View this service's latest snapshot from the next run on."""
    st.session_state[SERVICE] = service_id
    st.query_params["service"] = str(service_id)
    st.session_state[SNAPSHOT] = None
    st.session_state.pop("as_of", None)


def current_service() -> Service:
    # A service placed in the session (the app benchmark's 1,000 workers) is shown as it is,
    # unsaved; otherwise the snapshot in view.
    given = st.session_state.get("service")
    if isinstance(given, Service):
        return given
    info = current_snapshot()
    if info is None:
        return _demo()
    return snapshot_service(database_url(), info.id)


def current_settings() -> SavedSettings | None:
    """The settings saved for the service in view (the same for everyone using it), if any."""
    db = store()
    if db is None:
        return None
    return service_settings(database_url(), current_service_id(db))


def current_policy() -> Policy:
    saved = current_settings()
    return saved.policy if saved else default_policy()


def settings_line(saved: SavedSettings | None) -> str:
    if saved is None:
        return "Settings: the defaults."
    changed = len(saved.changed)
    what = f"{changed} changed from the defaults" if changed else "all defaults"
    return f"Settings saved by {saved.saved_by}, {saved.saved_at:%d/%m/%Y %H:%M} UTC ({what})."


def as_of() -> date:
    chosen: date = st.session_state.get("as_of") or current_service().as_of
    return chosen


def sidebar(role: Role) -> None:
    db = store()
    if role == "commissioner":
        with st.sidebar:
            if db is not None:
                _choose_released_service(db)
        return
    with st.sidebar:
        if db is not None:
            _choose_snapshot(db)
        service = current_service()
        st.markdown(f"**{service.name}**  \n{service.local_authority}")
        st.date_input(
            "As of",
            value=service.as_of,
            key="as_of",
            format="DD/MM/YYYY",
            help="The date the figures are worked out for.",
        )
        st.caption(settings_line(current_settings()))


def _choose_released_service(db: Store) -> None:
    released = set(services_with_releases(db))
    names = {s.id: s.name for s in db.services() if s.id in released}
    service_id = current_service_id(db, released_only=True)
    if service_id is None:
        return
    if len(names) > 1:
        _service_picker(names, service_id)
    st.markdown(f"**{names[service_id]}**")


def _service_picker(names: dict[int, str], service_id: int) -> None:
    st.session_state["service_id"] = service_id  # set before drawing: a page may have chosen
    st.selectbox(
        "Service",
        list(names),
        format_func=names.__getitem__,
        key="service_id",
        on_change=_copy_choice,
        args=("service_id", SERVICE),
    )


def _choose_snapshot(db: Store) -> None:
    services = [s for s in db.services() if s.snapshots]
    service_id = current_service_id(db)
    if service_id is None:
        return
    if len(services) > 1:
        _service_picker({s.id: s.name for s in services}, service_id)
    infos = {i.id: i for i in reversed(db.snapshots(service_id))}
    latest = infos[next(iter(infos))]
    picked = st.session_state.get(SNAPSHOT)
    # 0 stands for "the latest": a selectbox shows None as no choice at all.
    st.session_state["snapshot_id"] = picked if picked in infos else LATEST
    st.selectbox(
        "Snapshot",
        [LATEST, *infos],
        format_func=lambda i: (
            snapshot_label(infos[i]) if i else f"Latest: {snapshot_label(latest)}"
        ),
        key="snapshot_id",
        on_change=_copy_choice,
        args=("snapshot_id", SNAPSHOT),
        help="Look at an older snapshot, read-only. Imports always compare with the latest.",
    )
    if not viewing_latest():
        st.info("Viewing an older snapshot, read-only.", icon=":material/history:")


def _copy_choice(widget: str, chosen: str) -> None:
    st.session_state[chosen] = st.session_state[widget] or None
    if chosen == SERVICE:
        st.query_params["service"] = str(st.session_state[chosen])
        st.session_state[SNAPSHOT] = None
        st.session_state.pop("as_of", None)
