"""What every page shares: the service in use, the as-of date and the policy.

The service comes from the store (`planner.db`, or PLANNER_DATABASE_URL): the latest snapshot of
the chosen service, or an older one picked in the sidebar to look at. An empty database gets the
demo service as its first snapshot, so a first run works. Heavy loading is cached on its inputs;
a service is never shared between users (st.cache_data hands each caller a copy).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from planner.access import (
    LOCAL_ROLE,
    AccessDenied,
    Role,
    RoleMapError,
    allowed,
    deployment_roles,
    role_label,
    role_of,
)
from planner.analysis import Report, analyse
from planner.analysis.supervision import SupervisionResult, supervision
from planner.demo import load_demo
from planner.graph import build
from planner.models import Service
from planner.policy import Policy, default_policy
from planner.present.import_export import snapshot_label
from planner.reassign_suggest import Suggestions, suggest_moves
from planner.store import SnapshotInfo, Store, StoreError
from planner.store_db import database_url
from planner.store_secrets import pseudonym_key, record_export
from planner.succession import SuccessionPlan, plan_service

# The choices live in plain session keys; the sidebar's widgets (keys "service_id" and
# "snapshot_id") copy into them when changed, so a page can choose too (after an import).
SERVICE, SNAPSHOT = "chosen_service", "chosen_snapshot"
LATEST = 0  # no snapshot has id 0


@st.cache_data(show_spinner="Loading the demo service…")
def _demo() -> Service:
    return load_demo()


@st.cache_resource(show_spinner="Opening the database…")
def _open_store(url: str) -> Store:
    """One Store per database for the whole server (it is safe to share between threads)."""
    store = Store.open(url)
    if not store.services():
        store.save(load_demo(), by="planner", note="demo service", kind="import")
    return store


def store() -> Store | None:
    """The database, or None (with the reason shown) when it cannot be opened."""
    try:
        return _open_store(database_url())
    except StoreError as exc:
        st.error(f"{exc}. Showing the demo service; nothing can be saved.")
        return None


@st.cache_data(show_spinner="Loading the snapshot…", max_entries=16)
def snapshot_service(url: str, snapshot_id: int) -> Service:
    # Snapshots never change once saved, so the id (in its database) is a complete cache key.
    return _open_store(url).load(snapshot_id).service


def current_snapshot() -> SnapshotInfo | None:
    """The snapshot in view: the one picked in the sidebar, else the chosen service's latest."""
    db = store()
    if db is None:
        return None
    service_id = current_service_id(db)
    infos = db.snapshots(service_id) if service_id is not None else []
    picked = st.session_state.get(SNAPSHOT)
    return next((i for i in infos if i.id == picked), infos[-1] if infos else None)


def current_service_id(db: Store) -> int | None:
    ids = [s.id for s in db.services() if s.snapshots]
    chosen = st.session_state.get(SERVICE)
    return chosen if chosen in ids else (ids[0] if ids else None)


def viewing_latest() -> bool:
    """False while an older snapshot is picked: pages then show it read-only."""
    return st.session_state.get(SNAPSHOT) is None


def show_service(service_id: int) -> None:
    """View this service's latest snapshot from the next run on."""
    st.session_state[SERVICE] = service_id
    st.session_state[SNAPSHOT] = None
    st.session_state.pop("as_of", None)


def current_user() -> str:
    """Who saves and exports: the signed-in email in deployment mode, else the local user."""
    return signed_in_user() or str(st.session_state.get("user_name") or "local user")


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


def current_policy() -> Policy:
    policy: Policy = st.session_state.get("policy") or default_policy()
    return policy


def as_of() -> date:
    chosen: date = st.session_state.get("as_of") or current_service().as_of
    return chosen


def sidebar() -> None:
    db = store()
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


def _choose_snapshot(db: Store) -> None:
    services = [s for s in db.services() if s.snapshots]
    service_id = current_service_id(db)
    if service_id is None:
        return
    if len(services) > 1:
        names = {s.id: s.name for s in services}
        st.session_state["service_id"] = service_id  # set before drawing: a page may have chosen
        st.selectbox(
            "Service",
            list(names),
            format_func=names.__getitem__,
            key="service_id",
            on_change=_copy_choice,
            args=("service_id", SERVICE),
        )
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
        st.session_state[SNAPSHOT] = None
        st.session_state.pop("as_of", None)


@st.cache_data(show_spinner="Working out the figures…", max_entries=32)
def _report(service_json: str, policy_json: str, on: date) -> Report:
    return analyse(
        Service.model_validate_json(service_json), Policy.model_validate_json(policy_json), on
    )


def _key(
    service: Service | None = None, policy: Policy | None = None, on: date | None = None
) -> tuple[str, str, date]:
    """What each cached analysis is keyed on: the service and policy (those in use unless
    given) as JSON, and the as-of date."""
    return (
        (service or current_service()).model_dump_json(),
        (policy or current_policy()).model_dump_json(),
        on or as_of(),
    )


def report_as_saved(service: Service) -> Report:
    """The analysis of a saved snapshot on its own as-of date, with the policy in use."""
    return _report(*_key(service, on=service.as_of))


def report(service: Service | None = None, policy: Policy | None = None) -> Report:
    """The analysis for the service and policy in use (or the ones given), cached on both."""
    return _report(*_key(service, policy))


# --- who is using the app ---------------------------------------------------------------------
# Local single-user mode (no [auth] in .streamlit/secrets.toml): no sign-in, principal social
# worker. Deployment mode: st.login with the [auth] provider, role from [planner.roles].


def _secrets() -> dict[str, Any]:
    try:
        return st.secrets.to_dict()
    except StreamlitSecretNotFoundError:
        return {}


def _role_map() -> dict[str, Role] | None:
    return deployment_roles(_secrets())


def signed_in_user() -> str | None:
    """The signed-in email in deployment mode; None on a local single-user install."""
    try:
        deployed = _role_map() is not None
    except RoleMapError:
        deployed = True
    if not deployed or not st.user.is_logged_in:
        return None
    email = st.user.get("email")
    return str(email) if email else None


def current_role() -> Role | None:
    """The role in use, or None when nobody with a role is signed in (show only sign-in)."""
    try:
        roles = _role_map()
    except RoleMapError:
        return None
    if roles is None:
        return LOCAL_ROLE
    return role_of(signed_in_user(), roles)


def sign_in_page() -> None:
    """The only page a visitor without a role sees: sign in, or why they cannot go further."""
    st.title("Sign in")
    try:
        _role_map()
    except RoleMapError as exc:
        st.error(str(exc))
        return
    if not st.user.is_logged_in:
        st.write("This planner holds staff records: sign in with your work account to continue.")
        st.button("Sign in", on_click=st.login, icon=":material/login:")
        return
    st.warning(
        "You are signed in, but this planner has not given your account a role. Ask the "
        "principal social worker to add you."
    )
    st.button("Sign out", on_click=st.logout, icon=":material/logout:")


def account_box() -> None:
    """Who is signed in and as what, with a sign-out button (deployment mode only)."""
    user, role = signed_in_user(), current_role()
    if user is None or role is None:
        return
    with st.sidebar:
        st.caption(f"Signed in as {user} ({role_label(role)})")
        st.button("Sign out", on_click=st.logout, icon=":material/logout:", key="sign_out")


def visible_pages(pages: list[Any], role: Role) -> list[Any]:
    """The st.Page objects this role may open. A page's id is its URL path (its file name);
    the default page, which has an empty path, is app.py's Overview."""
    return [p for p in pages if allowed(role, p.url_path or "overview")]


def guard(page: str) -> Role:
    """Stop the page with a plain message unless the current role may see it."""
    role = current_role()
    if role is None or not allowed(role, page):
        st.error("Your role cannot open this page. Ask the principal social worker if you need it.")
        st.stop()
    return role


# --- exports: the pseudonym key and the audit entry --------------------------------------------


def export_key() -> bytes | None:
    """The deployment's pseudonym key, or None (with a warning shown) if the store is down."""
    try:
        return pseudonym_key(_open_store(database_url()))
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
        store: Store | None = _open_store(database_url())
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


# --- What-if supervision and succession (issue 8). Cached like report(): on the JSON of the
# service and policy, so a rerun after a click does no heavy work twice.


@st.cache_data(show_spinner="Working out supervision after the moves…", max_entries=16)
def _supervision(service_json: str, policy_json: str, on: date) -> SupervisionResult:
    service = Service.model_validate_json(service_json)
    return supervision(build(service, on), Policy.model_validate_json(policy_json))


def supervision_of(service: Service) -> SupervisionResult:
    """The supervision analysis alone, for a what-if service (cheaper than the whole report)."""
    return _supervision(*_key(service))


@st.cache_data(show_spinner="Looking for supervisors with spare capacity…", max_entries=8)
def _suggestions(service_json: str, policy_json: str, on: date) -> Suggestions:
    service = Service.model_validate_json(service_json)
    return suggest_moves(service, Policy.model_validate_json(policy_json), on)


def suggestions() -> Suggestions:
    """Suggested supervision moves for the service in use."""
    return _suggestions(*_key())


# cache_resource, not cache_data: unpickling a 1,000-worker plan on every rerun took 0.43 s.
# The plan is a frozen model, so handing every rerun the same object is safe.
@st.cache_resource(show_spinner="Working out the succession plan…", max_entries=8)
def _succession(service_json: str, policy_json: str, on: date) -> SuccessionPlan:
    service = Service.model_validate_json(service_json)
    return plan_service(service, Policy.model_validate_json(policy_json), on)


def succession() -> SuccessionPlan:
    """The succession plan for the service and policy in use, cached on both."""
    return _succession(*_key())
