"""Who is using the app, and what their role lets them open.

Local single-user mode (no [auth] in .streamlit/secrets.toml): no sign-in, principal social
worker, for someone on this machine only (`planner serve` listens on 127.0.0.1; should the app
be started some other way, a visitor from elsewhere still gets nothing). Deployment mode:
st.login with the [auth] provider, role from [planner.roles].
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from planner.disclosure.roles import (
    LOCAL_ROLE,
    ROLES,
    Role,
    RoleMapError,
    allowed,
    deployment_roles,
    is_loopback,
    role_label,
    role_of,
)


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


def current_user() -> str:
    """Who saves and exports: the signed-in email in deployment mode, else the local user."""
    return signed_in_user() or str(st.session_state.get("user_name") or "local user")


def from_this_machine() -> bool:
    """The visitor is on the machine the app runs on (Streamlit gives no address then)."""
    ip = st.context.ip_address
    # Streamlit gives None for 127.0.0.1 and ::1, else the address as text (a test harness
    # without a connection gives a stand-in object: no address, so this machine)
    return not isinstance(ip, str) or is_loopback(ip)


def current_role() -> Role | None:
    """The role in use, or None when nobody with a role is signed in (show only sign-in)."""
    try:
        roles = _role_map()
    except RoleMapError:
        return None
    if roles is None:
        return previewed_role() if from_this_machine() else None
    return role_of(signed_in_user(), roles)


# The widget (key VIEW_AS) copies its choice into a plain session key, which a page switch
# leaves alone (Streamlit may drop a widget's own state when the page changes).
VIEW_AS, PREVIEWED = "view_as", "previewed_role"


def previewed_role() -> Role:
    """Local mode: the principal social worker, or the role they chose to preview."""
    chosen = st.session_state.get(PREVIEWED)
    return chosen if chosen in ROLES else LOCAL_ROLE


def _view_changed() -> None:
    st.session_state[PREVIEWED] = st.session_state[VIEW_AS]
    st.session_state[VIEW_CHANGED] = True


def view_just_changed() -> bool:
    """True once after the preview changed: the app then opens that role's first page."""
    return bool(st.session_state.pop(VIEW_CHANGED, False))


VIEW_CHANGED = "view_as_changed"


def view_as_box() -> None:
    """Local mode only: let the principal social worker see the app as HR or a commissioner
    would, to check what each is shown. Deployed, a role comes from the sign-in alone."""
    try:
        if _role_map() is not None:
            return
    except RoleMapError:
        return
    with st.sidebar:
        st.session_state[VIEW_AS] = previewed_role()  # set before drawing, as choice.py does
        st.selectbox(
            "View as",
            ROLES,
            format_func=role_label,
            key=VIEW_AS,
            help="Preview what HR or a commissioner sees. Nothing is changed for anyone.",
            on_change=_view_changed,
        )
        if previewed_role() != LOCAL_ROLE:
            st.info(
                f"Previewing the {role_label(previewed_role())} view. Choose Principal social "
                "worker to go back.",
                icon=":material/visibility:",
            )


def sign_in_page() -> None:
    """The only page a visitor without a role sees: sign in, or why they cannot go further."""
    st.title("Sign in")
    try:
        roles = _role_map()
    except RoleMapError as exc:
        st.error(str(exc))
        return
    if roles is None:
        st.error(
            "This planner has no sign-in set up, so it opens only on the machine it runs on. "
            "Ask whoever runs it to set up sign-in (see the README, Signing in and roles)."
        )
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
