"""The Team page readable at 36 and at 1,000 people (issue 20): every person and domain labelled
in the heatmap with its legend below, the supervision drawn team by team (a team too big to draw
as a table of supervisors), and names where ids were."""

from __future__ import annotations

from planner.present.team import (
    PEOPLE_DRAWN,
    RosterFilter,
    heatmap_chart,
    heatmap_rows,
    roster_rows,
    supervision_by_team,
)
from planner.workforce.demo import generate_service, load_demo
from planner.workforce.graph import build

DEMO = load_demo()


def test_the_heatmap_labels_every_row_and_domain_and_keeps_its_legend_below() -> None:
    grain, cells = heatmap_rows(DEMO, list(DEMO.workers))
    spec = heatmap_chart(grain, cells).to_dict()
    x, y = spec["encoding"]["x"]["axis"], spec["encoding"]["y"]["axis"]
    assert x["labelOverlap"] is False and y["labelOverlap"] is False
    assert spec["encoding"]["color"]["legend"]["orient"] == "bottom"
    assert spec["height"]["step"] >= 20  # room for each label, however many rows


def test_the_drawing_goes_team_by_team_with_supervisors_from_elsewhere_in_grey() -> None:
    wg = build(DEMO)
    views = supervision_by_team(wg, [w.staff_id for w in DEMO.workers])
    assert [v.team for v in views] == [
        t.name for t in DEMO.teams if any(w.team == t.name for w in DEMO.workers)
    ]
    assert sum(v.people for v in views) == len(DEMO.workers)
    for v in views:
        assert v.dot is not None
        members = [w for w in DEMO.workers if w.team == v.team]
        for w in members:  # each person's supervisor is drawn with them, from any team
            if w.supervisor_id and DEMO.worker(w.supervisor_id):
                assert f'"{w.supervisor_id}" -> "{w.staff_id}"' in v.dot
    assert any("#eeeeee" in v.dot for v in views if v.dot)  # someone from another team


def test_at_1000_people_no_drawing_is_too_big_to_read() -> None:
    big = generate_service(1000, seed=2)
    views = supervision_by_team(build(big), [w.staff_id for w in big.workers])
    assert sum(v.people for v in views) == 1000
    assert all(v.dot is not None and v.dot.count("label=<") <= 2 * PEOPLE_DRAWN for v in views)


def test_a_team_too_big_to_draw_is_a_table_of_its_supervisors() -> None:
    some = generate_service(300, seed=2)
    one_team = some.with_workers(
        tuple(w.model_copy(update={"team": some.teams[0].name}) for w in some.workers)
    )
    (view,) = supervision_by_team(build(one_team), [w.staff_id for w in one_team.workers])
    assert view.people == 300 > PEOPLE_DRAWN and view.dot is None
    assert 0 < sum(r["Supervisees here"] for r in view.supervisors) <= 300
    assert all(r["Supervisor"].endswith(")") for r in view.supervisors)  # "Name (id)"


def test_the_roster_names_supervisors_by_name() -> None:
    rows = roster_rows(DEMO, DEMO.as_of, RosterFilter())
    assert list(rows[0])[0] == "Name"
    names = {w.staff_id: w.name for w in DEMO.workers}
    supervised = [
        (r, w) for r, w in zip(rows, DEMO.workers, strict=True) if w.supervisor_id in names
    ]
    assert supervised
    for row, w in supervised:
        assert row["Supervisor"] == f"{names[w.supervisor_id or '']} ({w.supervisor_id})"


def test_an_approval_given_in_part_shows_what_is_unknown() -> None:
    from datetime import date

    from planner.present.team import approval_text

    w = DEMO.workers[0]
    expiry_only = w.model_copy(
        update={"amhp_approved_on": None, "amhp_approval_expires": date(2028, 3, 31)}
    )
    assert approval_text(expiry_only) == "until 31/03/2028 (approved-on unknown)"
    declared = w.model_copy(
        update={"amhp": True, "amhp_approved_on": None, "amhp_approval_expires": None}
    )
    assert approval_text(declared) == "approved, expiry unknown"
