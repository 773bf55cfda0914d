"""Settings: the policy values, each with its source; changes are validated before use."""

import pandas as pd
import streamlit as st

from pages.common.choice import current_policy
from pages.common.signin import guard
from planner.present.settings import PolicyField, apply_changes, label, policy_fields
from planner.reference.policy import default_policy

guard("settings")

st.title("Settings")
st.write(
    "Every rule the planner applies, with its default and where that default comes from. "
    "Values marked **[check]** are reasoned defaults, not published rules: set your own."
)

policy = current_policy()
changes: dict[str, object] = {}


def _input(field: PolicyField) -> object:
    row = field.row
    flag = " **[check]**" if row.check else ""
    help_text = f"{row.description} Default {row.default} {row.unit}. Source: {row.citation}"
    if row.clause:
        help_text += f" — {row.clause}"
    key = f"policy_{row.name}"
    if field.kind == "rota":
        st.markdown(f"**{field.label}**{flag} — {row.description}")
        table = st.data_editor(
            pd.DataFrame(row.value), num_rows="dynamic", key=key, hide_index=True
        )
        return table.to_dict("records")
    if field.kind == "level":
        return st.selectbox(
            f"{field.label}{flag}",
            field.options,
            index=field.options.index(row.value),
            help=help_text,
            key=key,
        )
    if field.kind in ("posts", "categories", "team_kinds"):
        return st.multiselect(
            f"{field.label}{flag}", field.options, default=list(row.value), help=help_text, key=key
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
    for key in [k for k in st.session_state if str(k).startswith("policy_")]:
        del st.session_state[key]
    st.rerun()

st.subheader("Policy in use")
st.dataframe(
    [
        {
            "Value": f.label,
            "In use": str(f.row.value) if f.kind not in ("rota", "weights") else "see above",
            "Default": str(f.row.default) if f.kind not in ("rota", "weights") else "",
            "Changed": f.row.changed,
            "Unit": f.row.unit,
            "Check": f.row.check,
            "Source": f.row.citation,
        }
        for f in policy_fields(current_policy())
    ],
    hide_index=True,
)
