"""The graph and the index `build` makes in one pass say the same thing: every supervision,
line management and AMHP supervision edge is the index's link of that kind, every HOLDS edge a
post holder, every ELIGIBLE_FOR edge an eligible worker, and nothing else. Checked on generated
services roughed up (links re-pointed to nobody, to themselves, to someone else; repeated staff
ids; posts added) and on any service the models accept."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.workforce.demo import generate_service
from planner.workforce.graph import (
    LINK_EDGE,
    EdgeKind,
    NodeKind,
    WorkforceGraph,
    build,
    category_node,
    post_node,
    worker_node,
)
from planner.workforce.graph_index import NO_LINK, OUTSIDE, post_key
from planner.workforce.models import Service, Supervision, Worker
from tests.roster.strategies import services as any_services

CHECKED = (*LINK_EDGE.values(), EdgeKind.HOLDS, EdgeKind.ELIGIBLE_FOR)
Pairs = Counter[tuple[str, str]]


def _graph_edges(wg: WorkforceGraph) -> dict[EdgeKind, Pairs]:
    """The edges of each checked kind, read from the graph alone, as (from, to) node names."""
    found: dict[EdgeKind, Pairs] = {kind: Counter() for kind in CHECKED}
    for u, v, key in wg.graph.edges(keys=True):
        if key in found:
            found[EdgeKind(key)][(u, v)] += 1
    return found


def _index_edges(wg: WorkforceGraph) -> dict[EdgeKind, Pairs]:
    """The same edges as the index has them: parent arrays, post holders, eligibility masks."""
    ix = wg.index
    nodes = [worker_node(sid) for sid in ix.ids]
    want: dict[EdgeKind, Pairs] = {kind: Counter() for kind in CHECKED}
    for link, parents in ix.links.items():
        want[LINK_EDGE[link]].update(
            (nodes[p], nodes[i]) for i, p in enumerate(parents.tolist()) if p >= 0
        )
    want[EdgeKind.HOLDS].update(
        (nodes[i], post_node(key)) for key, members in ix.post_holders.items() for i in members
    )
    want[EdgeKind.ELIGIBLE_FOR].update(
        (nodes[i], category_node(code))
        for code, ok in ix.eligible.items()
        for i in np.flatnonzero(ok).tolist()
    )
    return want


def disagreements(wg: WorkforceGraph) -> list[str]:
    """Where the graph and the index differ, one line each (empty when they agree)."""
    ix, g = wg.index, wg.graph
    out = []
    workers = {n for n, kind in g.nodes(data="kind") if kind == NodeKind.WORKER}
    if workers != {worker_node(sid) for sid in ix.ids} or len(workers) != len(ix):
        out.append("worker nodes are not the index's workers")
    if set(ix.eligible) != {c.code for c in wg.framework.categories}:
        out.append(f"the index has eligibility for {sorted(ix.eligible)} only")
    have, want = _graph_edges(wg), _index_edges(wg)
    for kind in CHECKED:
        extra, missing = have[kind] - want[kind], want[kind] - have[kind]
        if extra or missing:
            out.append(f"{kind}: graph only {sorted(extra)}, index only {sorted(missing)}")
    for link, kind in LINK_EDGE.items():
        for into in (None, ix.ids):
            pairs = Counter((worker_node(a), worker_node(b)) for a, b in wg.links(kind, into))
            if pairs != want[kind]:
                way = "every edge" if into is None else "each worker's incoming edges"
                out.append(f"links({kind}) from {way} is not the index's {link.value} links")
    return out


def _roster_disagreements(wg: WorkforceGraph) -> list[str]:
    """The index against the roster itself (first record of each staff id), so agreeing with
    the graph cannot mean both lost the same links."""
    ix, out = wg.index, []
    first: dict[str, Worker] = {}
    for w in wg.service.workers:
        first.setdefault(w.staff_id, w)
    for link in Supervision:
        targets = [getattr(first[sid], link.value) for sid in ix.ids]
        expected = [NO_LINK if t is None else ix.pos.get(t, OUTSIDE) for t in targets]
        if ix.links[link].tolist() != expected:
            out.append(f"index {link.value} links are not the roster's")
    holds = Counter(
        (sid, key)
        for key, members in ix.post_holders.items()
        for sid in (ix.ids[i] for i in members)
    )
    roster_holds = Counter(
        (sid, post_key(p, first[sid].team if wg.framework.post(p).scope == "team" else None))
        for sid in ix.ids
        for p in first[sid].posts
    )
    if holds != roster_holds:
        out.append("index post holders are not the roster's posts")
    return out


def _check(service: Service, on: date | None = None) -> None:
    wg = build(service, on)
    assert disagreements(wg) == []
    assert _roster_disagreements(wg) == []


AS_OF = date(2026, 11, 1)
LINKS = [s.value for s in Supervision]
POSTS = ["amhp_lead", "team_manager", "senior_practitioner"]  # service and team posts


@st.composite
def roughed_services(draw: st.DrawFn, max_size: int = 60) -> Service:
    """A generated service with links re-pointed, staff ids repeated and posts changed."""
    s = generate_service(draw(st.integers(10, max_size)), draw(st.integers(0, 10_000)))
    rows: list[dict[str, Any]] = [w.model_dump() for w in s.workers]
    ids = [w.staff_id for w in s.workers]
    for _ in range(draw(st.integers(0, 10))):
        n = draw(st.integers(0, len(rows) - 1))
        row = rows[n]
        change = draw(st.sampled_from(["link", "self", "repeat", "posts"]))
        if change == "link":
            row[draw(st.sampled_from(LINKS))] = draw(st.sampled_from([*ids, "GONE", None]))
        elif change == "self":
            row[draw(st.sampled_from(LINKS))] = row["staff_id"]
        elif change == "repeat":
            twin = {
                **row,
                "name": "A twin",
                draw(st.sampled_from(LINKS)): draw(st.sampled_from(ids)),
            }
            rows.insert(draw(st.integers(0, len(rows))), twin)
        elif row["pcf_level"] not in (None, "last_placement"):
            row["posts"] = draw(st.lists(st.sampled_from(POSTS), unique=True))
    return s.with_workers(tuple(Worker.model_validate(r) for r in rows))


@settings(max_examples=60)
@given(service=roughed_services(), days=st.integers(-1500, 1500))
def test_graph_and_index_agree_on_generated_services(service: Service, days: int) -> None:
    _check(service, AS_OF + timedelta(days=days))  # the date moves AMHP approvals in and out


@settings(max_examples=100)
@given(service=any_services())
def test_graph_and_index_agree_on_any_service(service: Service) -> None:
    _check(service)


def test_the_generated_services_have_every_kind_of_edge() -> None:
    # Not vacuous: a plain generated service has edges of every kind the property compares.
    have = _graph_edges(build(generate_service(60, seed=3)))
    assert all(have[kind] for kind in CHECKED), {k: len(v) for k, v in have.items()}


def test_the_check_catches_a_lost_or_stray_edge() -> None:
    # The check itself must be able to fail: one edge of each kind taken away, then one added.
    wg = build(generate_service(60, seed=3))
    assert disagreements(wg) == []
    for kind in CHECKED:
        u, v = next((u, v) for u, v, k in wg.graph.edges(keys=True) if k == kind)
        wg.graph.remove_edge(u, v, key=kind)
        found = disagreements(wg)
        assert any(line.startswith(f"{kind}:") for line in found), (kind, found)
        wg.graph.add_edge(u, v, key=kind)
    assert disagreements(wg) == []
    someone = worker_node(wg.index.ids[0])  # nobody in a generated service manages themself
    wg.graph.add_edge(someone, someone, key=EdgeKind.LINE_MANAGES)
    assert any(line.startswith("line_manages:") for line in disagreements(wg))
