"""The projection's years in the commissioner's file pass the same gate as every other figure:
hidden with today's headcount, a small projected count suppressed, and no year shown where it
and any other point of the AMHP headcount's path a reader sees (today, the horizon's points,
the other years) would place a small group of people leaving, lapsing or being approved in
time. Counted here from the roster directly, in both readings of when a trainee counts (at the
course's end, as the horizon's cells count; at approval, as the projection does)."""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from itertools import pairwise

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from planner.analysis.amhp_approvals import add_months
from planner.disclosure.aggregates import CommissionerView, commissioner_json
from planner.disclosure.councils import CouncilFileError, read_council_file
from planner.disclosure.suppression import Suppressed
from planner.present.releases import commissioner_view_of
from planner.reference.policy import default_policy
from planner.workbooks.commissioner import commissioner_tables
from planner.workforce.demo import generate_service
from planner.workforce.models import Service, Worker
from tests.disclosure.test_councils import council_files, council_service

POLICY = default_policy()
T = POLICY.disclosure_threshold


def _counts(w: Worker, on: date, as_of: date, lag: int) -> bool:
    """In the headcount on a date: approved then, or a trainee on the as-of date whose course
    has ended `lag` months before; and not yet left."""
    if w.planned_leaving_date is not None and w.planned_leaving_date <= on:
        return False
    if w.is_amhp(on):
        return True
    ends = w.amhp_training_completes
    training = w.amhp_training_started is not None and w.amhp_training_started <= as_of
    return training and ends is not None and as_of < ends and add_months(ends, lag) <= on


def _changes(service: Service, a: date, b: date, lag: int) -> tuple[int, int, int]:
    """People leaving on a planned date, approvals lapsing and people joining the count."""
    as_of = service.as_of
    before = {w.staff_id for w in service.workers if _counts(w, a, as_of, lag)}
    after = {w.staff_id for w in service.workers if _counts(w, b, as_of, lag)}
    left = {
        w.staff_id
        for w in service.workers
        if w.staff_id in before
        and w.planned_leaving_date is not None
        and a < w.planned_leaving_date <= b
    }
    lapsed = {
        w.staff_id
        for w in service.workers
        if w.staff_id not in left
        and w.amhp_approval_expires is not None
        and a <= w.amhp_approval_expires < b
        and (w.planned_leaving_date is None or w.planned_leaving_date > w.amhp_approval_expires)
    }
    return len(left), len(lapsed), len(after - before)


def _path(view: CommissionerView) -> list[date]:
    """Every date on the AMHP headcount's path a reader sees a figure for."""
    assert view.projection is not None
    shown = [p.on for p in view.horizon.series if isinstance(p.amhps, int)]
    years = [y.on for y in view.projection.years if isinstance(y.amhps, int)]
    return sorted({view.as_of, *shown, *years})


def check(service: Service) -> CommissionerView:
    view = commissioner_view_of(service, POLICY)
    assert view.projection is not None and view.format_version == 2
    years = view.projection.years
    assert [y.years_ahead for y in years] == list(range(1, POLICY.projection_years + 1))
    assert [y.on for y in years] == [add_months(view.as_of, 12 * y.years_ahead) for y in years]
    if isinstance(view.amhp_headcount, Suppressed):
        assert all(isinstance(y.amhps, Suppressed) for y in years)
    for y in years:
        if isinstance(y.amhps, Suppressed):
            assert isinstance(y.duty_fte, Suppressed)
            assert y.population is None or isinstance(y.amhps_per_100k, Suppressed)
            continue
        assert y.amhps == 0 or y.amhps >= T, "a small projected count is suppressed"
        assert isinstance(y.duty_fte, float) and y.population
        # worked out from the published figures alone
        assert y.amhps_per_100k == round(y.amhps * 100_000 / y.population, 2)
        assert y.duty_fte_per_100k == round(y.duty_fte * 100_000 / y.population, 2)
    path = _path(view)
    published_years = {y.on for y in years if isinstance(y.amhps, int)}
    for a, b in pairwise(path):
        if b == view.horizon.end and b not in published_years:
            continue  # the horizon's own end is gated as cells (test_commissioner)
        for lag in (0, POLICY.amhp_approval_lag_months):
            for flow in _changes(service, a, b, lag):
                assert flow == 0 or flow >= T, (a, b, lag, _changes(service, a, b, lag))
    return view


@settings(max_examples=12, deadline=None)
@given(st.sampled_from([10, 16, 25, 40, 60, 90, 150, 300, 600]), st.integers(0, 10**6))
@example(60, 2)
@example(1000, 4)
def test_no_projection_year_places_a_small_group_in_time(size: int, seed: int) -> None:
    check(generate_service(size, seed))


def test_a_planned_leaver_in_the_third_year_withholds_it_and_every_year_after() -> None:
    service = council_service(1)
    before = check(service)
    assert before.projection is not None
    shown = [y.years_ahead for y in before.projection.years if isinstance(y.amhps, int)]
    assert shown == [2, 3, 4, 5]
    leaving = add_months(service.as_of, 30)  # between the second and third anniversaries
    one = service.worker("W000025")
    assert one is not None and one.is_amhp(service.as_of)
    assert one.amhp_approval_expires is not None and one.amhp_approval_expires > leaving
    gone = one.model_copy(update={"planned_leaving_date": leaving})
    after = check(service.with_workers(tuple(gone if w is one else w for w in service.workers)))
    assert after.projection is not None
    shown = [y.years_ahead for y in after.projection.years if isinstance(y.amhps, int)]
    assert shown == [2], "one leaver in a year would show as a step"
    assert after.amhp_headcount == before.amhp_headcount  # today's figures are unchanged


def test_the_smallest_council_hides_every_year_with_its_headcount() -> None:
    view = check(council_service(0))
    assert isinstance(view.amhp_headcount, Suppressed)


@cache
def _sefton() -> dict:
    data: dict = json.loads(council_files()[1][1])
    return data


def test_the_file_names_nobody_and_a_name_in_the_projection_is_refused() -> None:
    service = council_service(1)
    text = council_files()[1][1].lower()
    for w in service.workers:
        assert w.staff_id.lower() not in text and w.name.lower() not in text
    data = _sefton()
    data["projection"]["years"][0] |= {"staff_id": "W000025"}
    with pytest.raises(CouncilFileError, match="personal data"):
        read_council_file(json.dumps(data), "leaky.json")


def test_an_older_release_reads_without_a_projection_sheet() -> None:
    data = json.loads(council_files()[1][1])
    del data["format_version"], data["projection"]
    old = CommissionerView.model_validate(data)
    assert old.format_version == 1 and old.projection is None
    assert "Projection" not in [t.sheet for t in commissioner_tables(old)]
    new = CommissionerView.model_validate_json(council_files()[1][1])
    sheet = next(t for t in commissioner_tables(new) if t.sheet == "Projection")
    assert len(sheet.rows) == POLICY.projection_years
    assert commissioner_json(new) == council_files()[1][1], "reads back as written"
