"""The workforce graph: typed nodes and edges, and eligibility per TCSW 2014 Appendix One."""

from __future__ import annotations

from collections import Counter
from datetime import date

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.analysis.report import analyse_graph
from planner.reference.framework import load_framework
from planner.reference.policy import default_policy
from planner.workforce.demo import generate_service, load_demo
from planner.workforce.graph import EdgeKind, NodeKind, build, worker_node
from planner.workforce.models import Service, Worker


def _edge_kinds(service: Service) -> Counter[str]:
    g = build(service).graph
    return Counter(data.get("kind", key) for _, _, key, data in g.edges(keys=True, data=True))


def test_every_roster_link_is_an_edge_of_its_kind() -> None:
    s = load_demo()
    kinds = _edge_kinds(s)
    ids = {w.staff_id for w in s.workers}
    assert kinds[EdgeKind.SUPERVISES] == sum(w.supervisor_id in ids for w in s.workers)
    assert kinds[EdgeKind.LINE_MANAGES] == sum(w.line_manager_id in ids for w in s.workers)
    assert kinds[EdgeKind.AMHP_SUPERVISES] == sum(w.amhp_supervisor_id in ids for w in s.workers)
    assert kinds[EdgeKind.MEMBER_OF] == len(s.workers)
    assert kinds[EdgeKind.HOLDS] == sum(len(w.posts) for w in s.workers)
    assert kinds[EdgeKind.ALLOCATED] == sum(len(w.role_functions) for w in s.workers)
    assert kinds[EdgeKind.ASSESSED] == sum(len(w.domain_levels) for w in s.workers)
    assert kinds[EdgeKind.PART_OF] == 30  # the 30 TCSW functions, each in its category


def test_a_supervisor_who_is_also_line_manager_has_two_edges() -> None:
    wg = build(load_demo())
    keys = set(wg.graph[worker_node("NB004")][worker_node("NB040")])
    assert keys == {EdgeKind.SUPERVISES, EdgeKind.LINE_MANAGES}
    assert wg.graph.nodes[worker_node("NB040")]["kind"] == NodeKind.WORKER
    assert "NB040" in wg.supervisees("NB004")


def _eligible_slowly(w: Worker, code: str, on: date) -> bool:
    """Each category's rule read directly: a registered, qualified social worker, and where the
    rule requires it Appendix One's level in each mapped domain."""
    fw = load_framework()
    cat = fw.category(code)
    level = w.pcf_level
    if level is None or w.profession != "social_worker" or w.swe_registration is None:
        return False
    if not fw.level(level).qualified:
        return False
    if not cat.eligibility.level_required:
        return True
    group = cat.level_mapping
    for d in group.domains:
        mine = w.level_in(d)
        if mine is None or fw.rank(mine) < fw.rank(group.level):
            return False
    return "amhp_approval" not in group.requires or w.is_amhp(on)


def _check_eligibility(service: Service, on: date) -> None:
    wg = build(service, on)
    for cat in "ABCDE":
        expected = {w.staff_id for w in service.staff_on(on) if _eligible_slowly(w, cat, on)}
        assert set(wg.eligible_ids(cat)) == expected, cat


def test_eligibility_edges_follow_the_rules_on_the_demo() -> None:
    s = load_demo()
    _check_eligibility(s, s.as_of)
    # E asks for the advanced level and no approval: the principal social worker (strategic),
    # the AMHP lead and two advanced practitioners, one of them not an AMHP.
    assert set(build(s).eligible_ids("E")) == {"NB001", "NB002", "NB003", "NB006"}


def test_a_leaver_is_not_eligible_after_leaving() -> None:
    # NB002 leaves on 31/03/2027.
    assert "NB002" in build(load_demo(), date(2027, 3, 30)).eligible_ids("E")
    assert "NB002" not in build(load_demo(), date(2027, 3, 31)).eligible_ids("E")


_LEVELS = ["asye", "social_worker", "experienced", "advanced", "strategic"]


@settings(max_examples=30)
@given(
    seed=st.integers(0, 1000),
    changes=st.lists(
        st.tuples(st.integers(0, 39), st.dictionaries(st.integers(1, 9), st.sampled_from(_LEVELS))),
        max_size=12,
    ),
)
def test_eligibility_matches_the_slow_reading_on_any_levels(
    seed: int, changes: list[tuple[int, dict[int, str]]]
) -> None:
    s = generate_service(40, seed)
    workers = list(s.workers)
    for i, levels in changes:
        if workers[i].pcf_level:
            workers[i] = workers[i].model_copy(update={"domain_levels": levels})
    _check_eligibility(s.with_workers(tuple(workers)), s.as_of)


def test_domain_gaps_name_the_domains_short_of_the_mapping() -> None:
    wg = build(load_demo())
    gaps = wg.domain_gaps("NB022", "E")  # advanced overall, experienced in domains 8 and 9
    assert [(g.domain, g.level, g.needed, g.levels_short) for g in gaps] == [
        (8, "experienced", "advanced", 1),
        (9, "experienced", "advanced", 1),
    ]
    assert wg.domain_gaps("NB002", "E") == []
    assert wg.level_in("NB022", 9) == "experienced" and wg.level_in("NB022", 1) == "advanced"
    short = wg.shortfall("E")
    assert short[wg.index.pos["NB022"]].tolist() == [0] * 7 + [1, 1]


def test_who_could_hold_a_post_now() -> None:
    wg = build(load_demo())
    lead = wg.framework.post("amhp_lead")
    ok = wg.post_eligible(lead)  # advanced, category E and an approval in force
    assert {wg.index.ids[i] for i in np.flatnonzero(ok)} == {"NB002", "NB006"}
    manager = wg.framework.post("team_manager")
    anyone = wg.post_eligible(manager)
    amhps = wg.post_eligible(manager, ("amhp_approval",))
    assert (amhps <= anyone).all() and (amhps <= wg.index.amhp).all()
    assert amhps.sum() < anyone.sum()


def test_analyses_leave_the_graph_as_they_found_it() -> None:
    wg = build(load_demo())
    before = (wg.graph.number_of_nodes(), wg.graph.number_of_edges())
    analyse_graph(wg, default_policy())
    assert (wg.graph.number_of_nodes(), wg.graph.number_of_edges()) == before


def test_a_repeated_staff_id_keeps_its_first_record() -> None:
    s = load_demo()
    twin = s.workers[3].model_copy(update={"name": "Someone Else", "fte": 0.5})
    wg = build(s.with_worker(twin))
    assert len(wg.index) == len(s.workers)
    assert wg.worker(twin.staff_id) == s.workers[3]
