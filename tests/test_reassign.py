"""What-if supervision moves: refused with a plain sentence when they would make someone their
own supervisor, give them someone who may not supervise, or make a loop; otherwise a new
service, the old one untouched and nobody gained or lost as a supervisee."""

from __future__ import annotations

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.analysis.report import analyse
from planner.analysis.supervision import supervision
from planner.reference.policy import default_policy
from planner.whatif.reassign import Move, may_supervise, reassign, supervises_through
from planner.whatif.reassign_suggest import suggest_moves
from planner.workforce.demo import generate_service, load_demo
from planner.workforce.graph import build
from planner.workforce.models import Service


@cache
def demo() -> Service:
    return load_demo()


def supervised() -> list[str]:
    ids = {w.staff_id for w in demo().workers}
    return [w.staff_id for w in demo().workers if w.supervisor_id in ids]


def able() -> list[str]:
    return [w.staff_id for w in demo().workers if may_supervise(w, default_policy())]


def moves() -> st.SearchStrategy[list[Move]]:
    move = st.builds(Move, st.sampled_from(supervised()), st.sampled_from(able()))
    return st.lists(move, max_size=4)


def parents(service: Service) -> dict[str, str | None]:
    return {w.staff_id: w.supervisor_id for w in service.workers}


@given(moves())
@settings(max_examples=40)
def test_the_service_given_is_never_changed(queued: list[Move]) -> None:
    before = demo().model_dump_json()
    reassign(demo(), queued)
    assert demo().model_dump_json() == before


@given(moves())
@settings(max_examples=25)
def test_moves_keep_every_supervisee_and_make_no_loop(queued: list[Move]) -> None:
    changed = reassign(demo(), queued)
    if isinstance(changed, list):
        assert all(line.startswith("Move ") for line in changed)
        return
    policy = default_policy()
    old = supervision(build(demo()), policy)
    new = supervision(build(changed), policy)
    assert sum(s.supervisees for s in new.supervisors) == sum(
        s.supervisees for s in old.supervisors
    )
    links = parents(changed)
    assert not any(supervises_through(links, sid, sid) for sid in links)
    for m in queued:
        last = [q.new_supervisor_id for q in queued if q.staff_id == m.staff_id][-1]
        assert links[m.staff_id] == last


def test_a_move_to_oneself_is_refused() -> None:
    sid = able()[0]
    assert reassign(demo(), [Move(sid, sid)]) == [
        f"Move 1: {demo().worker(sid).name} ({sid}) cannot be their own supervisor."  # type: ignore[union-attr]
    ]


def test_a_move_to_someone_who_may_not_supervise_is_refused() -> None:
    who = supervised()[0]
    student = next(w for w in demo().workers if not may_supervise(w, default_policy()))
    [line] = reassign(demo(), [Move(who, student.staff_id)])  # type: ignore[misc]
    assert f"{student.name} ({student.staff_id}) may not supervise" in line


def test_a_move_that_makes_a_loop_is_refused_even_after_earlier_moves() -> None:
    links = parents(demo())
    boss, report, other = next(
        (b, r, o)
        for b in able()
        for r in able()
        for o in able()
        if links[r] == b and o not in (b, r) and not supervises_through(links, b, o)
    )
    [line] = reassign(demo(), [Move(boss, report)])  # type: ignore[misc]
    assert "would make a loop" in line
    # Moving the report away first breaks the chain, so the same move is then allowed.
    assert isinstance(reassign(demo(), [Move(report, other), Move(boss, report)]), Service)


def test_the_per_person_rule_agrees_with_the_analysis() -> None:
    result = analyse(demo()).supervision
    assert sum(may_supervise(w, default_policy()) for w in demo().workers) == result.may_supervise
    assert all(
        s.may_supervise == may_supervise(demo().worker(s.staff_id), default_policy())  # type: ignore[arg-type]
        for s in result.supervisors
    )


def test_suggested_moves_relieve_supervisors_and_overload_nobody() -> None:
    service, policy = generate_service(300, seed=3), default_policy()
    advice = suggest_moves(service, policy)
    assert advice.moves, "the generated service should have someone over capacity"
    changed = reassign(service, [s.move for s in advice.moves], policy)
    assert isinstance(changed, Service)
    before = {s.staff_id: s for s in supervision(build(service), policy).supervisors}
    after = supervision(build(changed), policy).supervisors
    for s in after:
        over = s.over_hours or s.over_max
        was = before.get(s.staff_id)
        if over:
            assert was is not None and (was.over_hours or was.over_max)
            assert any(s.staff_id in line for line in advice.unresolved)
    assert all(m.hours > 0 and m.reason for m in advice.moves)
