"""Each page, run headless with AppTest on the demo service: it renders, shows the figures the
planner computes, and its widgets change what is shown."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from planner.reference.policy import Policy, default_policy
from planner.store.settings import saved_settings
from planner.store.snapshots import Store
from planner.workforce.demo import load_demo
from tests.conftest import ROOT


def app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    return at


def test_team_page_lists_everyone_and_filters_by_team() -> None:
    at = app().switch_page("screens/team.py").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) == len(load_demo().workers)
    at.multiselect(key="f_team").set_value(["AMHP Hub"]).run()
    table = at.dataframe[0].value
    assert set(table["Team"]) == {"AMHP Hub"} and len(table) == 9


def test_team_page_gives_the_fte_for_casework_of_those_shown() -> None:
    at = app().switch_page("screens/team.py").run()
    assert any("33.6 FTE in post, 33.3 for casework" in c.value for c in at.caption)
    at.multiselect(key="f_team").set_value(["AMHP Hub"]).run()  # nobody there is in their ASYE
    assert any("7.9 FTE in post, 7.9 for casework" in c.value for c in at.caption)


def test_team_page_filters_by_credential() -> None:
    at = app().switch_page("screens/team.py").run()
    at.multiselect(key="f_credential").set_value(["AMHP trainee"]).run()
    assert sorted(at.dataframe[0].value["Staff ID"]) == ["NB031", "NB041", "NB053"]


def test_settings_page_shows_every_policy_value_with_its_source() -> None:
    at = app().switch_page("screens/settings.py").run()
    assert not at.exception
    used = at.dataframe[-1].value
    assert len(used) == len(Policy.model_fields)
    assert used["Source"].str.len().min() > 20


def _saved_policy() -> Policy:
    with Store.open() as db:
        sid = db.services()[0].id
        saved = saved_settings(db, sid)
    return saved.policy if saved else default_policy()


def test_settings_page_shows_the_state_pension_age_table() -> None:
    at = app().switch_page("screens/settings.py").run()
    assert any(m.value.startswith("**State Pension age**") for m in at.markdown)
    table = next(d for d in at.dataframe if d.key == "policy_state_pension_age").value
    assert len(table) == 13 and list(table.iloc[-1]) == ["1961-03-06", 67, 0]


def test_settings_page_refuses_a_bad_value_and_keeps_the_old_policy() -> None:
    at = app().switch_page("screens/settings.py").run()
    at.number_input(key="policy_max_supervisees").set_value(0)
    at.button[0].click().run()  # the form's save button
    assert any("Max supervisees" in e.value for e in at.error)
    assert _saved_policy() == default_policy()


def test_settings_page_saves_a_change_for_the_service_and_resets() -> None:
    at = app().switch_page("screens/settings.py").run()
    at.number_input(key="policy_max_supervisees").set_value(5)
    at.button[0].click().run()
    assert not at.error
    assert _saved_policy().max_supervisees == 5
    # Seen when tried: settings were lost on reload and differed between browser tabs.
    other = app().switch_page("screens/settings.py").run()  # another person, or a reload
    assert other.number_input(key="policy_max_supervisees").value == 5
    assert any("Settings saved by local user" in c.value for c in app().sidebar.caption)
    with Store.open() as db:
        assert db.audit_log()[0].action == "settings"
    next(b for b in other.button if b.label == "Reset to defaults").click().run()
    assert _saved_policy() == default_policy()


def test_settings_page_edits_list_and_weight_values() -> None:
    at = app().switch_page("screens/settings.py").run()
    at.multiselect(key="policy_allocation_needs_eligibility").set_value(["C"])
    at.number_input(key="policy_departure_weights_amhp_lost").set_value(9.0)
    at.button[0].click().run()
    assert not at.error
    policy = _saved_policy()
    assert policy.allocation_needs_eligibility == ("C",)
    assert policy.departure_weights.amhp_lost == 9.0


def test_the_chosen_service_survives_a_reload() -> None:
    demo = load_demo()
    with Store.open() as db:
        db.save(demo, by="planner", note="demo service")
        other = db.save(demo.model_copy(update={"name": "Southfield"}), by="HR", note="second")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["service"] = str(other.service_id)  # what the address keeps on a reload
    at.run()
    assert not at.exception
    assert any("Southfield" in m.value for m in at.sidebar.markdown)


def test_settings_list_choices_by_name_not_id() -> None:
    """A principal social worker picks 'Experienced social worker' and 'people of all ages',
    not `experienced` and `all_ages`."""
    at = app().switch_page("screens/settings.py").run()
    basis = next(s for s in at.selectbox if s.label.startswith("Population basis"))
    assert basis.format_func(basis.value) == "people of all ages"
    level = next(s for s in at.selectbox if s.label.startswith("Supervisor min level"))
    assert level.format_func(level.value) == "Experienced social worker"
