"""Supervision: each supervisor's load against capacity, the problems with who is involved, and
what-if moves of supervisees to other supervisors (never saved)."""

import streamlit as st

from planner.present.supervision import (
    affected,
    compare_chart,
    compare_rows,
    issue_rows,
    load_chart,
    load_rows,
    names,
    problem_changes,
)
from planner.whatif.reassign import Move, may_supervise, reassign
from planner.workforce.models import Service
from screens.common.caches import report, suggestions, supervision_of
from screens.common.choice import current_policy, current_service
from screens.common.signin import guard

MOVES = "whatif_moves"

guard("supervision")

st.title("Supervision")
service = current_service()
result = report().supervision
cols = st.columns(3)
cols[0].metric("Supervision hours owed a month", f"{result.hours_owed:g}")
cols[1].metric("Hours allowed for current supervisors", f"{result.hours_allowed_current:g}")
cols[2].metric("People who may supervise", result.may_supervise)

st.subheader("Each supervisor's load")
st.caption("Bars: hours owed a month. Black marks: hours their FTE allows.")
over_only = st.toggle("Only supervisors over capacity", key="sup_over_only")
rows = load_rows(result, service, over_only)
if rows:
    st.altair_chart(load_chart(rows), width="stretch")
else:
    st.success("No supervisor is over capacity.", icon=":material/check_circle:")
st.dataframe(rows, hide_index=True)

st.subheader("Problems")
problems = issue_rows(result, service)
if problems:
    st.dataframe(problems, hide_index=True)
else:
    st.success("No supervision problems found.", icon=":material/check_circle:")

st.subheader("What if?")
st.info(
    "Nothing here is saved: moves are tried on a copy of the service, and forgotten when you "
    "clear them or close the app. Change the roster itself to make a move real.",
    icon=":material/science:",
)
known = names(service)
queued: list[Move] = st.session_state.setdefault(MOVES, [])


def _add_move() -> None:
    who, to = st.session_state.get("whatif_who"), st.session_state.get("whatif_to")
    if who and to:
        st.session_state[MOVES] = [*st.session_state[MOVES], Move(who, to)]


def _queue_suggestions() -> None:
    st.session_state[MOVES] = [s.move for s in suggestions().moves]


def _clear() -> None:
    st.session_state[MOVES] = []


def _label(sid: str) -> str:
    return f"{known.get(sid, sid)} ({sid})"


def _supervisor_of(service: Service, sid: str) -> str:
    w = service.worker(sid)
    return _label(w.supervisor_id) if w and w.supervisor_id else "nobody"


policy = current_policy()  # read once: it asks the store which settings are in use
able = [w.staff_id for w in service.workers if may_supervise(w, policy)]
pick = st.columns([2, 2, 1])
pick[0].selectbox(
    "Move this person",
    [w.staff_id for w in service.workers],
    index=None,
    format_func=_label,
    key="whatif_who",
    placeholder="Choose a supervisee",
)
pick[1].selectbox(
    "to this supervisor",
    able,
    index=None,
    format_func=_label,
    key="whatif_to",
    placeholder="Choose someone who may supervise",
)
pick[2].button("Add move", on_click=_add_move, key="whatif_add", icon=":material/add:")

advice = suggestions()
with st.expander(f"Suggested moves ({len(advice.moves)})"):
    st.caption(
        "First, ASYE workers supervised below the supervisor level, to someone at the level. "
        "Then, for each supervisor over capacity, the heaviest supervisees first, each to "
        "whoever in the same team may supervise and has most hours spare. Nobody is placed "
        "under someone less senior. Students stay with their practice educator. A quick "
        "greedy pass, not the best possible plan."
    )
    for s in advice.moves:
        st.markdown(f"- Move {_label(s.move.staff_id)} to {_label(s.move.new_supervisor_id)}.")
        st.caption(s.reason)
    for line in advice.unresolved:
        st.markdown(f":orange[:material/warning:] {line}")
    if advice.moves:
        st.button("Try these moves", on_click=_queue_suggestions, key="whatif_suggest")

if queued:
    st.dataframe(
        [
            {
                "Move": n,
                "Person": _label(m.staff_id),
                "From": _supervisor_of(service, m.staff_id),
                "To": _label(m.new_supervisor_id),
            }
            for n, m in enumerate(queued, start=1)
        ],
        hide_index=True,
    )
    st.button("Clear the moves", on_click=_clear, key="whatif_clear", icon=":material/undo:")
    changed = reassign(service, queued, policy)
    if isinstance(changed, list):
        for line in changed:
            st.error(line, icon=":material/error:")
    else:
        after = supervision_of(changed)
        compared = compare_rows(result, after, service, affected(service, queued))
        st.caption("Light bars: before. Dark bars: after. Black marks: hours their FTE allows.")
        st.altair_chart(compare_chart(compared), width="stretch")
        st.dataframe(compared, hide_index=True)
        fixed, created = problem_changes(result, after, service)
        st.markdown(f":green[:material/check_circle:] **Problems fixed: {len(fixed)}**")
        if fixed:
            st.dataframe(fixed, hide_index=True)
        st.markdown(f":red[:material/error:] **Problems created: {len(created)}**")
        if created:
            st.dataframe(created, hide_index=True)
