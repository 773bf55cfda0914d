"""History: every saved snapshot of the service, and what changed between any two."""

from __future__ import annotations

import streamlit as st

from pages.common.caches import report_as_saved
from pages.common.choice import current_service_id
from pages.common.signin import guard
from pages.common.store import snapshot_service, store
from planner.present import import_export as ie
from planner.present.scenarios import headline_rows
from planner.store.connection import database_url
from planner.whatif.diff import diff_services
from planner.whatif.headlines import headline_movement

guard("history")

st.title("History")
db = store()
service_id = current_service_id(db) if db is not None else None
infos = db.snapshots(service_id) if db is not None and service_id is not None else []
if not infos:
    st.info("Nothing has been saved yet: imports and edits are kept here as dated snapshots.")
    st.stop()

st.caption(
    f"{infos[-1].service_name}: every import and edit, newest first. Nothing is overwritten."
)
st.dataframe(ie.snapshot_table(infos), hide_index=True)
if len(infos) < 2:
    st.write("There is one snapshot so far; the next import will show what changed.")
    st.stop()

st.subheader("Compare two snapshots")
by_id = {i.id: i for i in infos}
ids = list(by_id)
cols = st.columns(2)
older = cols[0].selectbox(
    "From", ids, index=len(ids) - 2, format_func=lambda i: ie.snapshot_label(by_id[i]), key="from"
)
newer = cols[1].selectbox(
    "To", ids, index=len(ids) - 1, format_func=lambda i: ie.snapshot_label(by_id[i]), key="to"
)
url = database_url()
before, after = snapshot_service(url, older), snapshot_service(url, newer)
diff = diff_services(before, after)
st.write(ie.diff_headline(diff, same="Nothing changed between these two snapshots."))
st.markdown("**How the headline figures moved** (each snapshot on its own as-of date)")
moves = headline_movement(report_as_saved(before), report_as_saved(after))
st.dataframe(headline_rows(moves), hide_index=True)
if diff.service_changes:
    st.dataframe(ie.service_change_table(diff), hide_index=True)
for title, workers in (("Joined", diff.joiners), ("Left", diff.leavers)):
    if workers:
        st.markdown(f"**{title}** ({len(workers)})")
        st.dataframe(ie.people_table(workers), hide_index=True)
if diff.changed:
    st.markdown("**Changes by category**")
    st.dataframe(ie.category_table(diff), hide_index=True)
    st.dataframe(ie.change_table(diff), hide_index=True)
