"""Who may see and do what: the three roles, enforced in `planner`, not only in the menu.

The permission table is data (`data/access/roles.yaml`), validated on load: a typo in a page or
action name is refused with the file and entry named, never silently granted. Pages call
`allowed`/`require`; `view_for` hands each role only what it may see, so a commissioner's
view is built from aggregates and cannot carry a name or staff id. In a deployment, the email
to role map comes from the Streamlit secrets; `parse_role_map` checks it here, where it can be
tested without Streamlit.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from planner.analysis.report import Report
from planner.disclosure.aggregates import CommissionerView, PreviousRelease, commissioner_view
from planner.paths import data_dir
from planner.reference.policy import Policy
from planner.reference.strict_yaml import DataFileError, describe_validation, read_yaml
from planner.workforce.models import Service

ROLES_FILE = Path("access") / "roles.yaml"
Role = Literal["principal_social_worker", "hr", "commissioner"]
ROLES: tuple[Role, ...] = ("principal_social_worker", "hr", "commissioner")
LOCAL_ROLE: Role = "principal_social_worker"  # single-user mode on one's own machine


class AccessDenied(Exception):
    """A role asked for a page or action it may not use; the message says so plainly."""


class RoleMapError(ValueError):
    """The deployment's email-to-role map cannot be used; the message says which entry."""


class RoleEntry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    label: str = Field(min_length=1)
    pages: tuple[str, ...]
    actions: tuple[str, ...]


class RolesFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    description: str
    source: str
    pages: tuple[str, ...]
    actions: tuple[str, ...]
    roles: dict[Role, RoleEntry]
    age_bands: tuple[int, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _known_names(self) -> RolesFile:
        missing = [r for r in ROLES if r not in self.roles]
        if missing:
            raise ValueError(f"roles missing: {', '.join(missing)}")
        for role, entry in self.roles.items():
            for kind, known, used in (
                ("page", self.pages, entry.pages),
                ("action", self.actions, entry.actions),
            ):
                unknown = sorted(set(used) - set(known))
                if unknown:
                    raise ValueError(f"{role}: unknown {kind} {', '.join(unknown)}")
        if list(self.age_bands) != sorted(set(self.age_bands)):
            raise ValueError("age_bands must be distinct ages in rising order")
        return self


def load_roles(root: Path | None = None) -> RolesFile:
    return _load(root or data_dir())


@cache
def _load(root: Path) -> RolesFile:
    path = root / ROLES_FILE
    try:
        loaded = RolesFile.model_validate(read_yaml(path))
    except ValidationError as exc:
        raise DataFileError(describe_validation(path, exc)) from exc
    known_sources = read_yaml(root / "sources.yaml").get("sources", {})
    if loaded.source not in known_sources:
        raise DataFileError(f"{path.name}: source {loaded.source!r} is not in sources.yaml")
    return loaded


def role_label(role: Role) -> str:
    return load_roles().roles[role].label


def _name(what: str) -> str:
    return what.replace("_", " ")


def allowed(role: Role, what: str) -> bool:
    """Whether the role may use this page or action (unknown names are never allowed)."""
    entry = load_roles().roles.get(role)
    return entry is not None and (what in entry.pages or what in entry.actions)


def require(role: Role, what: str) -> None:
    """Raise `AccessDenied` with a sentence unless the role may use the page or action."""
    if not allowed(role, what):
        label = load_roles().roles[role].label if role in ROLES else str(role)
        raise AccessDenied(
            f"The {label} role cannot use {_name(what)}. Ask the principal social worker "
            "if you need it."
        )


def pages_for(role: Role) -> tuple[str, ...]:
    """The pages this role sees, in the order the permission table lists them."""
    return load_roles().roles[role].pages


def parse_role_map(raw: Mapping[str, object]) -> dict[str, Role]:
    """The `[planner.roles]` secrets table (email = role) as lower-cased emails to roles."""
    roles: dict[str, Role] = {}
    problems = []
    for email, role in raw.items():
        key = str(email).strip().lower()
        if "@" not in key:
            problems.append(f"{email!r} is not an email address")
        elif role not in ROLES:
            problems.append(f"{email}: {role!r} is not a role (use one of: {', '.join(ROLES)})")
        elif key in roles:
            problems.append(f"{email} is listed twice")
        else:
            roles[key] = role  # checked against ROLES above
    if problems:
        raise RoleMapError("The sign-in role map has problems: " + "; ".join(problems) + ".")
    return roles


def deployment_roles(secrets: Mapping[str, Any]) -> dict[str, Role] | None:
    """The email-to-role map when the secrets turn on sign-in (an `[auth]` section), else None
    (local single-user mode). Sign-in without a role map would let nobody in, so it is refused."""
    if not secrets.get("auth"):
        return None
    planner = secrets.get("planner")
    raw = planner.get("roles") if isinstance(planner, Mapping) else None
    if not isinstance(raw, Mapping) or not raw:
        raise RoleMapError(
            "Sign-in is set up ([auth] in secrets.toml) but no one has a role: add a "
            "[planner.roles] table of email = role."
        )
    return parse_role_map(raw)


def is_loopback(address: str) -> bool:
    """An address of this machine only (127.0.0.0/8, ::1, localhost): local mode, which has no
    sign-in, answers only there."""
    if address.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address.strip().strip("[]")).is_loopback
    except ValueError:
        return False  # a host name or nothing: it may be anywhere


def role_of(email: str | None, role_map: Mapping[str, Role]) -> Role | None:
    """The role of a signed-in email, or None when it is not in the map (no access)."""
    return role_map.get(email.strip().lower()) if email else None


def view_for(
    role: Role,
    service: Service,
    report: Report,
    policy: Policy,
    previous: PreviousRelease | None = None,
) -> Report | Service | CommissionerView:
    """What this role may see: the full report, the roster (HR) or aggregates (commissioner,
    checked against the `previous` release where there is one)."""
    if role == "principal_social_worker":
        return report
    if role == "hr":
        return service
    if role == "commissioner":
        return commissioner_view(service, report, policy, load_roles().age_bands, previous)
    raise AccessDenied(f"{role!r} is not a role the planner knows.")
