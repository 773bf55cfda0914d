"""What every page shares: the service in use, the as-of date and the policy, kept in session
state. Heavy loading is cached on its inputs; a service is never shared between users."""

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
from planner.demo import load_demo
from planner.models import Service
from planner.policy import Policy, default_policy
from planner.store import Store, StoreError
from planner.store_db import database_url
from planner.store_secrets import pseudonym_key, record_export


@st.cache_data(show_spinner="Loading the demo service…")
def _demo() -> Service:
    return load_demo()


def current_service() -> Service:
    if "service" not in st.session_state:
        st.session_state["service"] = _demo()
    service: Service = st.session_state["service"]
    return service


def current_policy() -> Policy:
    policy: Policy = st.session_state.get("policy") or default_policy()
    return policy


def as_of() -> date:
    chosen: date = st.session_state.get("as_of") or current_service().as_of
    return chosen


def sidebar() -> None:
    service = current_service()
    with st.sidebar:
        st.markdown(f"**{service.name}**  \n{service.local_authority}")
        st.date_input(
            "As of",
            value=service.as_of,
            key="as_of",
            format="DD/MM/YYYY",
            help="The date the figures are worked out for.",
        )


@st.cache_data(show_spinner="Working out the figures…", max_entries=32)
def _report(service_json: str, policy_json: str, on: date) -> Report:
    return analyse(
        Service.model_validate_json(service_json), Policy.model_validate_json(policy_json), on
    )


def report(service: Service | None = None, policy: Policy | None = None) -> Report:
    """The analysis for the service and policy in use (or the ones given), cached on both."""
    chosen = service or current_service()
    return _report(
        chosen.model_dump_json(), (policy or current_policy()).model_dump_json(), as_of()
    )


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


def current_user() -> str | None:
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
    return role_of(current_user(), roles)


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
    user, role = current_user(), current_role()
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


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    return Store.open(url)  # shared between sessions: the Store is thread-safe


def export_key() -> bytes | None:
    """The deployment's pseudonym key, or None (with a warning shown) if the store is down."""
    try:
        return pseudonym_key(_store(database_url()))
    except StoreError as exc:
        st.warning(f"Downloads for commissioners are unavailable: {exc}")
        return None


def recorded(what: str, build: Callable[[], bytes]) -> Callable[[], bytes]:
    """A download's data, built on click and noted in the audit log then: who (the signed-in
    email, or 'local user') and what. Who and which service are read now, during the run, as
    the click callback runs outside it."""
    role = current_role()
    if role is None or not allowed(role, "export_aggregates"):
        raise AccessDenied("This role cannot download commissioner aggregates.")
    store = _store(database_url())
    who = current_user() or "local user"
    service_id = store.find_service(current_service().name)

    def build_and_record() -> bytes:
        data = build()
        record_export(store, who, what, service_id)
        return data

    return build_and_record
