"""Audit log: who imported, edited, restored or exported what, and when, newest first."""

from __future__ import annotations

import streamlit as st

from planner.present.import_export import audit_table
from screens.common.choice import current_service_id
from screens.common.signin import guard
from screens.common.store import store

guard("audit")

st.title("Audit log")
db = store()
service_id = current_service_id(db) if db is not None else None
if db is None or service_id is None:
    st.info("Nothing has been saved yet: imports, edits, restores and exports are logged here.")
    st.stop()
everything = st.toggle("Every service in this database", key="audit_all")
entries = db.audit_log(None if everything else service_id, limit=1000)
st.caption(f"{len(entries)} entries, newest first (times in UTC).")
st.dataframe(audit_table(entries, db.services()), hide_index=True)
