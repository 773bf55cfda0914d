"""Signing in and roles in the app: local mode needs no sign-in; in deployment mode a visitor
sees only the sign-in page until they have a role, and each role sees only its pages."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-long-random-string",
    "client_id": "planner",
    "client_secret": "secret",
    "server_metadata_url": "https://idp.example/.well-known/openid-configuration",
}
ROLES = {"psw@council.example": "principal_social_worker", "hr@council.example": "hr"}
ROLES |= {"commissioner@icb.example": "commissioner"}


def deployed(user: dict[str, Any], script: str = "app.py") -> AppTest:
    at = AppTest.from_file(str(ROOT / script), default_timeout=60)
    at.secrets["auth"] = AUTH
    at.secrets["planner"] = {"roles": ROLES}
    at.user = user
    return at.run()


def text(at: AppTest) -> str:
    kinds = ("title", "markdown", "caption", "error", "warning", "metric")
    return "\n".join(str(e.value) for k in kinds for e in getattr(at, k))


def test_local_mode_opens_without_sign_in() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value != "Sign in"
    assert not [b for b in at.button if b.label == "Sign in"]


def test_a_visitor_sees_only_the_sign_in_page() -> None:
    at = deployed({"is_logged_in": False})
    assert not at.exception
    assert [t.value for t in at.title] == ["Sign in"]
    assert [b.label for b in at.button] == ["Sign in"]
    assert not at.metric and not at.dataframe
    assert "Northbridge" not in text(at)


def test_a_signed_in_stranger_is_told_to_ask_for_a_role() -> None:
    at = deployed({"is_logged_in": True, "email": "someone@else.example"})
    assert [t.value for t in at.title] == ["Sign in"]
    assert "has not given your account a role" in at.warning[0].value
    assert not at.metric


def test_a_commissioner_lands_on_the_amhp_page_and_cannot_open_others() -> None:
    at = deployed({"is_logged_in": True, "email": "Commissioner@ICB.example"})
    assert not at.exception
    assert at.title[0].value == "AMHP sufficiency"
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("screens/team.py")  # not in the commissioner's menu at all


def test_a_page_opened_directly_stops_for_a_role_that_may_not_see_it() -> None:
    at = deployed({"is_logged_in": True, "email": "commissioner@icb.example"}, "screens/team.py")
    assert not at.exception
    assert "Your role cannot open this page" in at.error[0].value
    assert not at.dataframe and not at.title


def test_hr_opens_the_team_page_but_not_the_analysis() -> None:
    at = deployed({"is_logged_in": True, "email": "hr@council.example"})
    assert not at.exception
    assert at.title[0].value == "Team"
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("screens/leadership.py")


def test_a_broken_role_map_is_explained_and_lets_nobody_in() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["auth"] = AUTH
    at.secrets["planner"] = {"roles": {"psw@council.example": "boss"}}
    at.user = {"is_logged_in": True, "email": "psw@council.example"}
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Sign in"]
    assert "'boss' is not a role" in at.error[0].value
    assert not at.metric


def test_a_commissioner_sees_small_counts_suppressed_and_no_monthly_series() -> None:
    at = deployed({"is_logged_in": True, "email": "commissioner@icb.example"})
    assert not at.exception
    headcount = next(d.value for d in at.dataframe if list(d.value.columns) == ["Date", "AMHPs"])
    assert len(headcount) == 2  # now and the horizon's end: no month shows a leaver
    changes = next(d.value for d in at.dataframe if "Change" in d.value.columns)
    leaving = changes.set_index("Change").loc["Leaving (planned leaving date)", "AMHPs"]
    assert leaving == "suppressed"  # the demo has 1-4 AMHPs leaving, a count that could name
    psw = deployed({"is_logged_in": True, "email": "psw@council.example"}, "app.py")
    psw.switch_page("screens/amhp.py").run()
    full = next(d.value for d in psw.dataframe if "With turnover" in d.value.columns)
    assert "Left" in full.columns


def test_without_sign_in_a_visitor_from_another_machine_sees_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from streamlit.runtime.context import ContextProxy

    monkeypatch.setattr(ContextProxy, "ip_address", property(lambda _self: "192.0.2.7"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Sign in"]
    assert "opens only on the machine it runs on" in at.error[0].value
    assert not at.metric and not at.dataframe and "Northbridge" not in text(at)
