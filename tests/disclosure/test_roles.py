"""Roles are enforced in planner: the table is data, refused when wrong, and a denied role gets
a sentence, not a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from planner.analysis.report import Report, analyse
from planner.disclosure.roles import (
    AccessDenied,
    RoleMapError,
    allowed,
    deployment_roles,
    load_roles,
    pages_for,
    parse_role_map,
    require,
    role_of,
    view_for,
)
from planner.reference.policy import default_policy
from planner.reference.strict_yaml import DataFileError
from planner.workforce.demo import load_demo
from planner.workforce.models import Service

PAGES = load_roles().pages
ACTIONS = load_roles().actions


def test_the_principal_social_worker_may_do_everything() -> None:
    assert all(allowed("principal_social_worker", x) for x in (*PAGES, *ACTIONS))


@pytest.mark.parametrize(
    ("role", "what"),
    [
        ("hr", "amhp"),
        ("hr", "leadership"),
        ("hr", "edit_policy"),
        ("hr", "export_plan"),
        ("commissioner", "team"),
        ("commissioner", "import"),
        ("commissioner", "export_roster"),
        ("commissioner", "settings"),
    ],
)
def test_denied_roles_get_a_sentence(role: str, what: str) -> None:
    with pytest.raises(AccessDenied, match=r"^The .+ role cannot use .+\.") as denied:
        require(role, what)  # type: ignore[arg-type]
    assert "Traceback" not in str(denied.value)


def test_hr_keeps_the_roster_and_the_commissioner_sees_only_aggregates() -> None:
    assert allowed("hr", "import") and allowed("hr", "export_roster") and allowed("hr", "team")
    assert pages_for("commissioner") == ("amhp", "councils")
    assert allowed("commissioner", "export_aggregates")
    assert not allowed("commissioner", "no_such_page")


def test_each_role_gets_its_own_view() -> None:
    demo, policy = load_demo(), default_policy()
    report = analyse(demo, policy)
    assert isinstance(view_for("principal_social_worker", demo, report, policy), Report)
    assert isinstance(view_for("hr", demo, report, policy), Service)
    view = view_for("commissioner", demo, report, policy)
    assert not isinstance(view, Report | Service)


def test_role_map_is_checked_and_case_blind() -> None:
    roles = parse_role_map({"PSW@Council.gov.uk": "principal_social_worker", "hr@c.uk": "hr"})
    assert role_of("psw@council.gov.uk", roles) == "principal_social_worker"
    assert role_of("stranger@c.uk", roles) is None
    assert role_of(None, roles) is None
    with pytest.raises(RoleMapError, match="'boss' is not a role"):
        parse_role_map({"a@c.uk": "boss"})
    with pytest.raises(RoleMapError, match="not an email address"):
        parse_role_map({"nobody": "hr"})
    with pytest.raises(RoleMapError, match="listed twice"):
        parse_role_map({"a@c.uk": "hr", "A@c.uk": "hr"})


def test_a_typo_in_the_roles_file_is_refused(data_copy: Path) -> None:
    path = data_copy / "access" / "roles.yaml"
    raw = yaml.safe_load(path.read_text())
    raw["roles"]["hr"]["actions"].append("export_everything")
    path.write_text(yaml.safe_dump(raw))
    with pytest.raises(DataFileError, match="hr: unknown action export_everything"):
        load_roles(data_copy)


def test_sign_in_is_on_only_with_an_auth_section_and_a_role_map() -> None:
    assert deployment_roles({}) is None
    assert deployment_roles({"planner": {"roles": {"a@c.uk": "hr"}}}) is None
    auth = {"client_id": "x", "server_metadata_url": "https://idp.example/.well-known"}
    assert deployment_roles({"auth": auth, "planner": {"roles": {"a@c.uk": "hr"}}}) == {
        "a@c.uk": "hr"
    }
    with pytest.raises(RoleMapError, match=r"add a \[planner.roles\] table"):
        deployment_roles({"auth": auth})
