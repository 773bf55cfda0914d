"""Workforce capability planner for adult mental health social work in England.

The package is pure Python (no Streamlit): reference data is loaded by `planner.reference.framework`,
the workforce is modelled in `planner.workforce.models`, every tunable rule lives in `planner.reference.policy`.
"""

__version__ = "0.1.0"
