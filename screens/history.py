"""History: every saved snapshot of the service, and what changed between any two."""

from __future__ import annotations

import streamlit as st

from planner.disclosure.roles import allowed
from planner.present import import_export as ie
from planner.present.scenarios import headline_rows
from planner.store.connection import database_url
from planner.store.removals import removal_check
from planner.store.snapshots import SnapshotInfo, Store, StoreError
from planner.whatif.diff import diff_services
from planner.whatif.headlines import headline_movement
from screens.common.caches import report_as_saved
from screens.common.choice import current_policy, current_service_id
from screens.common.signin import current_role, current_user, guard
from screens.common.store import snapshot_service, store

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
RESTORED = "restored_message"
if RESTORED in st.session_state:
    st.success(st.session_state.pop(RESTORED), icon=":material/restore:")


def _restore_section(db: Store, infos: list[SnapshotInfo]) -> None:
    """Undo an import or edit: an earlier snapshot saved again as the newest, after seeing what
    it changes and confirming it (twice where it removes many people)."""
    st.subheader("Restore an earlier snapshot")
    st.caption(
        "Undo an import or an edit: the snapshot you choose is saved again as the newest. "
        "Nothing is deleted, so a restore can itself be undone the same way."
    )
    latest = max(infos, key=lambda i: i.number)
    earlier = sorted((i for i in infos if i.id != latest.id), key=lambda i: -i.number)
    by_id = {i.id: i for i in earlier}
    pick = st.selectbox(
        "Snapshot to restore",
        list(by_id),
        index=None,
        format_func=lambda i: ie.snapshot_label(by_id[i]),
        key="restore_pick",
        placeholder="Choose a snapshot",
    )
    if pick is None:
        return
    preview = db.restore_preview(pick)
    st.write(ie.diff_headline(preview.diff, same="It holds the same people as the newest."))
    for title, workers in (
        ("Would join again", preview.diff.joiners),
        ("Would leave", preview.diff.leavers),
    ):
        if workers:
            st.markdown(f"**{title}** ({len(workers)})")
            st.dataframe(ie.people_table(workers), hide_index=True)
    check = removal_check(preview, current_policy())
    if check.verdict == "refused":
        st.error(check.sentence, icon=":material/block:")
        return
    if check.verdict == "confirm":
        st.warning(check.sentence, icon=":material/warning:")
    number = by_id[pick].number
    sure = st.checkbox(
        f"Yes: make snapshot {number} the newest"
        + (f", and {check.leaving} people leave" if check.verdict == "confirm" else ""),
        key="restore_ok",
    )
    note = st.text_input(
        "Note (why this restore)", value=f"restore snapshot {number}", key="restore_note"
    )
    if st.button(
        "Restore", type="primary", icon=":material/restore:", disabled=not sure, key="restore_go"
    ):
        try:
            saved = db.restore(
                pick,
                by=current_user(),
                note=note.strip() or f"restore snapshot {number}",
                leavers_confirmed=check.leaving if sure else 0,
                policy=current_policy(),
            )
        except StoreError as exc:
            st.error(str(exc))
            return
        st.session_state[RESTORED] = (
            f"Snapshot {number} restored as snapshot {saved.number}: {saved.headcount} workers."
        )
        for key in ("restore_pick", "restore_ok"):
            st.session_state.pop(key, None)
        st.rerun()


role = current_role()
if db is not None and len(infos) >= 2 and role is not None and allowed(role, "restore"):
    _restore_section(db, infos)
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
