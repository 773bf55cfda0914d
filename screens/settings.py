"""Settings: the policy values, each with its source; changes are validated, then saved for the
service (who and when, audited), so everyone using it, after any reload, sees the same."""

from functools import partial

import pandas as pd
import streamlit as st

from planner.present.settings import (
    PolicyField,
    apply_changes,
    label,
    option_words,
    policy_fields,
)
from planner.reference.policy import Policy, default_policy
from planner.store.connection import StoreError
from planner.store.settings import save_settings
from screens.common.choice import (
    current_policy,
    current_service_id,
    current_settings,
    settings_line,
)
from screens.common.signin import current_user, guard
from screens.common.store import settings_saved, store

guard("settings")

st.title("Settings")
st.write(
    "Every rule the planner applies, with its default and where that default comes from. "
    "Values marked **[check]** are reasoned defaults, not published rules: set your own."
)

policy = current_policy()
changes: dict[str, object] = {}
db = store()
service_id = current_service_id(db) if db is not None else None
saved = current_settings()
st.caption(settings_line(saved))
if saved and saved.set_aside:
    st.warning(
        f"Saved values the planner no longer takes were set aside: {', '.join(saved.set_aside)}.",
        icon=":material/warning:",
    )
SAVED = "settings_message"
if SAVED in st.session_state:
    st.success(st.session_state.pop(SAVED), icon=":material/check_circle:")


def _save(new_policy: Policy, message: str) -> None:
    """Keep the settings for the service and show every page the new values."""
    if db is None or service_id is None:
        st.error("There is no database to save settings in; nothing was changed.")
        return
    try:
        save_settings(db, service_id, new_policy, by=current_user())
    except StoreError as exc:
        st.error(str(exc))
        return
    settings_saved()
    for key in [k for k in st.session_state if str(k).startswith("policy_")]:
        del st.session_state[key]
    st.session_state[SAVED] = message
    st.rerun()


def _input(field: PolicyField) -> object:
    row = field.row
    flag = " **[check]**" if row.check else ""
    help_text = f"{row.description} Default {row.default} {row.unit}. Source: {row.citation}"
    if row.clause:
        help_text += f" — {row.clause}"
    key = f"policy_{row.name}"
    if field.kind in ("rota", "table"):
        st.markdown(f"**{field.label}**{flag} — {row.description}")
        table = st.data_editor(
            pd.DataFrame(row.value), num_rows="dynamic", key=key, hide_index=True
        )
        return table.to_dict("records")
    if field.kind in ("level", "basis"):
        return st.selectbox(
            f"{field.label}{flag}",
            field.options,
            index=field.options.index(row.value),
            format_func=partial(option_words, field.kind),
            help=help_text,
            key=key,
        )
    if field.kind in ("posts", "categories", "team_kinds"):
        return st.multiselect(
            f"{field.label}{flag}",
            field.options,
            default=list(row.value),
            format_func=partial(option_words, field.kind),
            help=help_text,
            key=key,
        )
    if field.kind == "weights":
        st.markdown(f"**{field.label}**{flag} — {row.description}")
        cols = st.columns(4)
        return {
            name: cols[i % 4].number_input(
                label(name), value=float(weight), min_value=0.0, key=f"{key}_{name}", format="%g"
            )
            for i, (name, weight) in enumerate(row.value.items())
        }

    if field.kind == "stage":
        return st.selectbox(
            f"{field.label}{flag}", [1, 2], index=[1, 2].index(row.value), help=help_text, key=key
        )
    if field.kind == "int":
        return st.number_input(
            f"{field.label} ({row.unit}){flag}",
            value=int(row.value),
            step=1,
            help=help_text,
            key=key,
        )
    return st.number_input(
        f"{field.label} ({row.unit}){flag}",
        value=float(row.value),
        help=help_text,
        key=key,
        format="%g",
    )


TABLES = ("rota", "table", "weights")  # shown in full above, not in one cell
fields = policy_fields(policy)
groups = list(dict.fromkeys(f.row.group for f in fields))
with st.form("policy_form"):
    for tab, group in zip(st.tabs(groups), groups, strict=True):
        with tab:
            for field in (f for f in fields if f.row.group == group):
                changes[field.row.name] = _input(field)
    applied = st.form_submit_button("Save settings for this service", type="primary")

if applied:
    new_policy, errors = apply_changes(policy, changes)
    if errors:
        for message in errors:
            st.error(message)
    elif new_policy is not None:
        _save(new_policy, "Settings saved; every page, for everyone using this service, uses them.")

if st.button("Reset to defaults"):
    _save(default_policy(), "Settings reset to the defaults for this service.")

st.subheader("Policy in use")
st.dataframe(
    [
        {
            "Value": f.label,
            "In use": str(f.row.value) if f.kind not in TABLES else "see above",
            "Default": str(f.row.default) if f.kind not in TABLES else "",
            "Changed": f.row.changed,
            "Unit": f.row.unit,
            "Check": f.row.check,
            "Source": f.row.citation,
        }
        for f in policy_fields(policy)
    ],
    hide_index=True,
)
