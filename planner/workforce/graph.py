"""The workforce as one typed networkx graph, with the indexes that hot queries need.

Nodes are workers, teams, posts (one per post, and per team for posts held in each team), the
nine PCF domains, the TCSW role categories A-E and their functions. Edges are keyed by their
kind (`EdgeKind`) in a `MultiDiGraph`, because one person can be both someone's supervisor and
their line manager. Eligibility follows each category's rule in `data/roles/*.yaml` (TCSW 2014
section 3 and Appendix One): a registered, qualified social worker is eligible for a category's
functions; where the rule requires Appendix One's level (C by its allocation note, E by its
minimum level) their level in every mapped PCF domain must reach it too, and elsewhere (A, B, D,
whose statements are examples that "should not be seen as exclusive") reaching it is only a
readiness signal (`WorkerIndex.at_level`). A function whose own work needs a credential (none of
E.i-E.v does: they support AMHPs) asks for it on top (`function_eligible`).
A domain assessed on its own (`Worker.domain_levels`) is an `assessed` edge with its level;
elsewhere the worker node's `pcf_level` applies, as `Worker.level_in` reads it, so the graph
does not carry nine copies of one overall level per person.

`build` makes the graph and, in the same pass over the roster, numpy arrays indexed by worker
position (levels per domain, FTE, approvals, supervision links). Analyses read both and never
rebuild either: counting over arrays is what keeps a 100,000-person service quick.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cached_property

import networkx as nx
import numpy as np
import numpy.typing as npt

from planner.gc_pause import collector_paused
from planner.reference.framework import (
    Framework,
    MappingGroup,
    Post,
    PostCredential,
    load_framework,
)
from planner.workforce.graph_index import BoolArray, WorkerIndex, build_index
from planner.workforce.models import Service, Supervision, Worker
from planner.workforce.names import Names

Edge = tuple[str, str, str, dict[str, object]]  # from, to, kind, data


class NodeKind(StrEnum):
    WORKER = "worker"
    TEAM = "team"
    POST = "post"
    DOMAIN = "domain"
    CATEGORY = "category"
    FUNCTION = "function"


class EdgeKind(StrEnum):
    SUPERVISES = "supervises"  # professional supervisor -> supervisee
    LINE_MANAGES = "line_manages"
    AMHP_SUPERVISES = "amhp_supervises"
    MEMBER_OF = "member_of"  # worker -> team
    HOLDS = "holds"  # worker -> post
    POST_IN = "post_in"  # team-level post -> its team
    ALLOCATED = "allocated"  # worker -> role function, with `share` of time
    ASSESSED = "assessed"  # worker -> PCF domain where a level is recorded for that domain
    PART_OF = "part_of"  # role function -> category
    MAPS_TO = "maps_to"  # category -> PCF domain, with the Appendix One `level` and `statement`
    ELIGIBLE_FOR = "eligible_for"  # worker -> category, derived from the mapping


LINK_EDGE = {
    Supervision.PROFESSIONAL: EdgeKind.SUPERVISES,
    Supervision.LINE: EdgeKind.LINE_MANAGES,
    Supervision.AMHP: EdgeKind.AMHP_SUPERVISES,
}


def worker_node(staff_id: str) -> str:
    return f"worker:{staff_id}"


def team_node(name: str) -> str:
    return f"team:{name}"


def post_node(key: str) -> str:
    return f"post:{key}"


def domain_node(number: int) -> str:
    return f"domain:{number}"


def category_node(code: str) -> str:
    return f"category:{code}"


def function_node(code: str) -> str:
    return f"function:{code}"


@dataclass(frozen=True)
class DomainGap:
    """One PCF domain where a worker's level is below what a mapping group asks for."""

    domain: int
    level: str | None
    needed: str
    levels_short: int


@dataclass
class WorkforceGraph:
    """The graph, its indexes, and the service, framework and date they were built from."""

    graph: nx.MultiDiGraph
    index: WorkerIndex
    service: Service
    framework: Framework
    as_of: date

    @cached_property
    def names(self) -> Names:
        """Staff ids, post keys and function codes in words, for sentences."""
        return Names.of(self.service, self.framework)

    def worker(self, staff_id: str) -> Worker | None:
        i = self.index.pos.get(staff_id)
        return None if i is None else self.index.workers[i]

    def linked(self, staff_id: str, kind: EdgeKind) -> list[str]:
        """Staff ids at the far end of this worker's outgoing edges of one kind."""
        node = worker_node(staff_id)
        if node not in self.graph:
            return []
        return [
            self.graph.nodes[v]["staff_id"]
            for v, keys in self.graph.succ[node].items()
            if kind in keys and self.graph.nodes[v]["kind"] == NodeKind.WORKER
        ]

    def links(self, kind: EdgeKind, into: Iterable[str] | None = None) -> Iterator[tuple[str, str]]:
        """(from, to) staff ids of the worker-to-worker edges of one kind: (supervisor,
        supervisee) for SUPERVISES and AMHP_SUPERVISES, (line manager, managed) for
        LINE_MANAGES. A link to someone outside the service is no edge, so never appears.

        `into` keeps the edges into those workers (in that order), read from their incoming
        edges rather than from every edge of the graph."""
        g, nodes = self.graph, self.graph.nodes
        if into is None:
            for u, v, key in g.edges(keys=True):
                if key == kind and nodes[v]["kind"] == NodeKind.WORKER:
                    yield nodes[u]["staff_id"], nodes[v]["staff_id"]
            return
        for staff_id in into:
            node = worker_node(staff_id)
            if node in g:
                for u, keys in g.pred[node].items():
                    if kind in keys:
                        yield nodes[u]["staff_id"], staff_id

    def level_in(self, staff_id: str, domain: int) -> str | None:
        """A worker's level in one PCF domain (the assessed one, else their overall level)."""
        rank = int(self.index.ranks[self.index.pos[staff_id], domain - 1])
        return self.framework.level_ids()[rank] if rank >= 0 else None

    def supervisees(self, staff_id: str) -> list[str]:
        return self.linked(staff_id, EdgeKind.SUPERVISES)

    def eligible_ids(self, category: str) -> list[str]:
        """Everyone eligible for a category's functions (read from the graph's edges)."""
        node = category_node(category)
        return [
            self.graph.nodes[u]["staff_id"]
            for u, keys in self.graph.pred[node].items()
            if EdgeKind.ELIGIBLE_FOR in keys
        ]

    def allocated_ids(self, function: str) -> list[str]:
        idx, _ = self.index.allocations.get(function, (np.empty(0, np.int64), None))
        return [self.index.ids[i] for i in idx]

    def post_eligible(self, post: Post, also: tuple[PostCredential, ...] = ()) -> BoolArray:
        """Who could hold a post now: level, credentials (the post's and `also`, such as the
        approval a policy asks of posts in an AMHP service) and, where it has one, its category."""
        ix, fw = self.index, self.framework
        ok = ix.registered & (ix.overall >= fw.rank(post.min_level))
        for need in (*post.requires, *also):
            ok &= self.holds(need)
        if post.category is not None:
            ok &= ix.eligible[post.category]
        return ok

    def holds(self, credential: PostCredential) -> BoolArray:
        """Who holds a credential now: an AMHP approval in force, or a practice educator stage."""
        ix = self.index
        if credential == "amhp_approval":
            return ix.amhp.copy()
        out: BoolArray = ix.pe_stage >= int(credential[-1])
        return out

    def function_eligible(self, code: str) -> BoolArray:
        """Who may take on one role function: eligible for its category and holding any
        credential the function's own work needs."""
        ok = self.index.eligible[code.split(".")[0]].copy()
        for need in self.framework.function(code).requires:
            ok &= self.holds(need)
        return ok

    def domain_gaps(
        self, staff_id: str, category: str, group: str | None = None
    ) -> list[DomainGap]:
        """The domains where this worker falls short of a category's Appendix One mapping."""
        cat = self.framework.category(category)
        mapping = cat.level_mapping if group is None else _group(cat.mapping, group)
        i = self.index.pos[staff_id]
        need = self.framework.rank(mapping.level)
        level_ids = self.framework.level_ids()
        gaps = []
        for d in mapping.domains:
            have = int(self.index.ranks[i, d - 1])
            if have < need:
                level = level_ids[have] if have >= 0 else None
                gaps.append(DomainGap(d, level, mapping.level, need - have))
        return gaps

    def shortfall(self, category: str, group: str | None = None) -> npt.NDArray[np.int8]:
        """(N, 9) levels each worker is short of a mapping in each domain (0 where met)."""
        cat = self.framework.category(category)
        mapping = cat.level_mapping if group is None else _group(cat.mapping, group)
        need = np.zeros(9, np.int8)
        for d in mapping.domains:
            need[d - 1] = self.framework.rank(mapping.level)
        short: npt.NDArray[np.int8] = np.clip(need[None, :] - self.index.ranks, 0, None)
        return short.astype(np.int8)


def _group(mapping: tuple[MappingGroup, ...], group: str) -> MappingGroup:
    for g in mapping:
        if g.group == group:
            return g
    raise KeyError(group)


def build(
    service: Service, as_of: date | None = None, framework: Framework | None = None
) -> WorkforceGraph:
    """The graph and its indexes for a service on a date (default: the service's as-of date).

    Duplicate staff ids (a problem `planner.workforce.checks` reports) keep their first record.
    A planned leaver is not in the graph on or after their leaving date; links to them are
    links to someone outside the service, as for anyone else who has gone.
    """
    fw = framework or load_framework()
    on = as_of or service.as_of
    with collector_paused():
        workers = [w for w in _unique(service.workers) if not w.leaves_by(on)]
        g = nx.MultiDiGraph(as_of=on.isoformat(), service=service.name)
        _reference_nodes(g, fw)
        index = build_index(workers, service, fw, on)
        _worker_nodes(g, index)
        _worker_edges(g, index)
        _eligibility(g, index, fw)
    return WorkforceGraph(graph=g, index=index, service=service, framework=fw, as_of=on)


def _unique(workers: tuple[Worker, ...]) -> list[Worker]:
    seen: set[str] = set()
    out = []
    for w in workers:
        if w.staff_id not in seen:
            seen.add(w.staff_id)
            out.append(w)
    return out


def _reference_nodes(g: nx.MultiDiGraph, fw: Framework) -> None:
    for d in fw.domains:
        g.add_node(domain_node(d.number), kind=NodeKind.DOMAIN, number=d.number, name=d.name)
    for cat in fw.categories:
        cnode = category_node(cat.code)
        g.add_node(cnode, kind=NodeKind.CATEGORY, code=cat.code, title=cat.title)
        for f in cat.functions:
            g.add_node(function_node(f.code), kind=NodeKind.FUNCTION, code=f.code)
            g.add_edge(function_node(f.code), cnode, key=EdgeKind.PART_OF)
        for group in cat.mapping:
            for sid in group.statements:
                dnode = domain_node(int(sid.split(".")[0]))
                g.add_edge(
                    cnode,
                    dnode,
                    key=f"{EdgeKind.MAPS_TO}:{group.group}",
                    kind=EdgeKind.MAPS_TO,
                    group=group.group,
                    level=group.level,
                    statement=sid,
                )


def _worker_nodes(g: nx.MultiDiGraph, ix: WorkerIndex) -> None:
    for name in ix.team_names:
        g.add_node(team_node(name), kind=NodeKind.TEAM, name=name)
    g.add_nodes_from(
        (
            worker_node(w.staff_id),
            {
                "kind": NodeKind.WORKER,
                "staff_id": w.staff_id,
                "name": w.name,
                "team": w.team,
                "pcf_level": w.pcf_level,
                "fte": w.fte,
                "amhp": bool(ix.amhp[i]),
            },
        )
        for i, w in enumerate(ix.workers)
    )


def _worker_edges(g: nx.MultiDiGraph, ix: WorkerIndex) -> None:
    edges: list[Edge] = []
    nodes = [worker_node(sid) for sid in ix.ids]
    for kind, parents in ix.links.items():
        key = LINK_EDGE[kind]
        for i, p in enumerate(parents.tolist()):
            if p >= 0:
                edges.append((nodes[p], nodes[i], key, {}))
    for i, w in enumerate(ix.workers):
        node = nodes[i]
        edges.append((node, team_node(w.team), EdgeKind.MEMBER_OF, {}))
        for code, share in w.role_functions.items():
            edges.append((node, function_node(code), EdgeKind.ALLOCATED, {"share": share}))
        for d, level in w.domain_levels.items():
            edges.append((node, domain_node(d), EdgeKind.ASSESSED, {"level": level}))
    for pkey, members in ix.post_holders.items():
        post_id, _, team = pkey.partition("@")
        g.add_node(post_node(pkey), kind=NodeKind.POST, post_id=post_id, team=team or None)
        if team:
            edges.append((post_node(pkey), team_node(team), EdgeKind.POST_IN, {}))
        edges.extend((nodes[i], post_node(pkey), EdgeKind.HOLDS, {}) for i in members)
    _add_edges(g, edges)


def _add_edges(g: nx.MultiDiGraph, edges: list[Edge]) -> None:
    # One add_edge per edge: MultiDiGraph.add_edges_from calls add_edge too, then looks the
    # edge up again through views to set its data, which makes it about 1.5x slower.
    add = g.add_edge
    for u, v, key, data in edges:
        add(u, v, key, **data)


def _eligibility(g: nx.MultiDiGraph, ix: WorkerIndex, fw: Framework) -> None:
    """Each category's rule, vectorised: a registered social worker, and Appendix One's level
    in every mapped domain where the rule requires it (each group's credentials as it says)."""
    edges: list[Edge] = []
    for cat in fw.categories:
        for group in cat.mapping:
            need = fw.rank(group.level)
            cols = [d - 1 for d in group.domains]
            ok = (ix.ranks[:, cols] >= need).all(axis=1) & ix.social_worker
            if "amhp_approval" in group.requires:
                ok &= ix.amhp
            ix.group_eligible[(cat.code, group.group)] = ok
        group_name = cat.level_mapping.group
        at_level = ix.group_eligible[(cat.code, group_name)] & ix.registered
        ix.at_level[cat.code] = at_level
        ok = at_level if cat.eligibility.level_required else ix.registered.copy()
        ix.eligible[cat.code] = ok
        cnode = category_node(cat.code)
        edges.extend(
            (worker_node(ix.ids[i]), cnode, EdgeKind.ELIGIBLE_FOR, {"group": group_name})
            for i in np.flatnonzero(ok).tolist()
        )
    _add_edges(g, edges)
