"""What the Team page is built from, checked without Streamlit."""

from __future__ import annotations

from planner.present.settings import apply_changes, label
from planner.present.team import (
    PEOPLE_DRAWN,
    RosterFilter,
    heatmap_rows,
    roster_rows,
    supervision_dot,
)
from planner.reference.policy import default_policy
from planner.workforce.demo import generate_service, load_demo
from planner.workforce.graph import build

DEMO = load_demo()


def test_roster_filters_combine() -> None:
    keep = RosterFilter(teams=("South CMHT",), levels=("experienced",))
    ids = [r["Staff ID"] for r in roster_rows(DEMO, DEMO.as_of, keep)]
    assert ids == ["NB004", "NB007", "NB040", "NB041", "NB046", "NB048"]


def test_amhp_credential_depends_on_the_date() -> None:
    keep = RosterFilter(credentials=("AMHP",))
    now = {r["Staff ID"] for r in roster_rows(DEMO, DEMO.as_of, keep)}
    later = {r["Staff ID"] for r in roster_rows(DEMO, DEMO.as_of.replace(year=2027, month=7), keep)}
    assert {"NB020", "NB024"} <= now and not {"NB020", "NB024"} & later


def test_heatmap_has_one_cell_per_person_and_domain_then_summarises_by_team() -> None:
    grain, cells = heatmap_rows(DEMO, list(DEMO.workers))
    social_workers = [w for w in DEMO.workers if w.pcf_level]
    assert grain == "worker" and len(cells) == 9 * len(social_workers)
    aisha = [
        c for c in cells if c["who"].startswith("Aisha Rahman") and c["domain"].startswith("9.")
    ]
    assert aisha[0]["level"] == "Experienced social worker"  # her domain 9 is below her overall
    big = generate_service(1000, seed=1)
    grain, cells = heatmap_rows(big, list(big.workers))
    assert grain == "team" and len(cells) == 9 * len(big.teams)


def test_supervision_drawing_shows_people_then_teams() -> None:
    dot = supervision_dot(build(DEMO), [w.staff_id for w in DEMO.workers])
    assert '"NB004" -> "NB044" [style=dotted]' in dot  # line manager differs from supervisor
    assert '"NB022" -> "NB006" [style=dashed' in dot  # AMHP supervision
    assert dot.count("->") >= 35
    big = generate_service(PEOPLE_DRAWN + 40, seed=1)
    team_dot = supervision_dot(build(big), [w.staff_id for w in big.workers])
    assert "people" in team_dot and "W000" not in team_dot


def test_names_with_quotes_cannot_break_the_drawing() -> None:
    odd = DEMO.with_workers(
        (DEMO.workers[0].model_copy(update={"name": 'Ann "Nan" O\\Brien'}), *DEMO.workers[1:])
    )
    dot = supervision_dot(build(odd), [w.staff_id for w in odd.workers])
    assert "Ann &quot;Nan&quot; O\\Brien<BR/>" in dot  # an HTML-like label: quotes as entities


def test_policy_changes_become_plain_sentences() -> None:
    policy, errors = apply_changes(default_policy(), {"max_supervisees": 0, "horizon_months": 99})
    assert policy is None
    assert errors == [
        "Horizon months: input should be less than or equal to 60.",
        "Max supervisees: input should be greater than or equal to 1.",
    ]
    assert label("amhp_target_per_100k") == "AMHP target per 100,000"


def test_overview_levels_are_named_in_framework_order() -> None:
    from planner.workforce.summary import level_rows, summarise

    rows = level_rows(summarise(DEMO).by_level)
    assert [r["level"] for r in rows][:3] == [
        "End of last placement (qualifying)",
        "Assessed and Supported Year in Employment",
        "Social worker",
    ]
    assert sum(int(str(r["people"])) for r in rows) == len(DEMO.workers)


def test_the_summary_leaves_out_people_gone_by_the_date() -> None:
    from datetime import date

    from planner.workforce.summary import summarise

    later = date(2027, 6, 1)
    gone = [w for w in DEMO.workers if w.planned_leaving_date and w.planned_leaving_date <= later]
    assert gone  # the demo has planned leavers before then
    s = summarise(DEMO, later)
    assert s.headcount == len(DEMO.workers) - len(gone)
    assert s.amhps == sum(w.is_amhp(later) for w in DEMO.workers if w not in gone)
    assert sum(t.headcount for t in s.teams) == s.headcount
    assert summarise(DEMO).headcount == len(DEMO.workers)  # nobody has gone on the as-of date
