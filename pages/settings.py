"""Settings: the policy values, each with its source; changes are validated before use."""

import pandas as pd
import streamlit as st

from pages.common import current_policy
from planner.framework import load_framework
from planner.policy import Policy, default_policy
from planner.present.settings import PolicyField, apply_changes, policy_fields

st.title("Settings")
st.write(
    "Every rule the planner applies, with its default and where that default comes from. "
    "Values marked **[check]** are reasoned defaults, not published rules: set your own."
)

policy = current_policy()
levels = load_framework().level_ids()
changes: dict[str, object] = {}


def _input(field: PolicyField) -> object:
    row = field.row
    flag = " **[check]**" if row.check else ""
    help_text = f"{row.description} Default {row.default} {row.unit}. Source: {row.citation}"
    key = f"policy_{row.name}"
    if field.kind == "rota":
        st.markdown(f"**{field.label}**{flag} — {row.description}")
        table = st.data_editor(
            pd.DataFrame(row.value), num_rows="dynamic", key=key, hide_index=True
        )
        return table.to_dict("records")
    if field.kind == "level":
        return st.selectbox(
            f"{field.label}{flag}", levels, index=levels.index(row.value), help=help_text, key=key
        )
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


fields = policy_fields(policy)
groups = list(dict.fromkeys(f.row.group for f in fields))
with st.form("policy_form"):
    for tab, group in zip(st.tabs(groups), groups, strict=True):
        with tab:
            for field in (f for f in fields if f.row.group == group):
                changes[field.row.name] = _input(field)
    applied = st.form_submit_button("Apply", type="primary")

if applied:
    new_policy, errors = apply_changes(policy, changes)
    if errors:
        for message in errors:
            st.error(message)
    else:
        st.session_state["policy"] = new_policy
        st.success("Policy updated; every page now uses it.")

if st.button("Reset to defaults"):
    st.session_state["policy"] = default_policy()
    for name in Policy.model_fields:
        st.session_state.pop(f"policy_{name}", None)
    st.rerun()

st.subheader("Policy in use")
st.dataframe(
    [
        {
            "Value": f.label,
            "In use": str(f.row.value) if f.kind != "rota" else "see rota",
            "Default": str(f.row.default) if f.kind != "rota" else "",
            "Changed": f.row.changed,
            "Unit": f.row.unit,
            "Check": f.row.check,
            "Source": f.row.citation,
        }
        for f in policy_fields(current_policy())
    ],
    hide_index=True,
)
