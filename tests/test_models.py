"""One worker's record: what is accepted, and what is refused with a readable reason."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from planner.workforce.models import Service, Worker

BASE: dict[str, Any] = {
    "staff_id": "S1",
    "name": "Test Person",
    "team": "North",
    "fte": 1.0,
    "pcf_level": "experienced",
}


def worker(**changes: Any) -> Worker:
    return Worker.model_validate({**BASE, **changes})


def refusal(**changes: Any) -> str:
    with pytest.raises(ValidationError) as info:
        worker(**changes)
    return str(info.value)


def test_a_plain_record_is_accepted_and_levels_are_normalised() -> None:
    w = worker(pcf_level="NQSW", domain_levels={9: "Advanced"}, name="  Ann Lee ")
    assert (w.pcf_level, w.level_in(9), w.level_in(1), w.name) == (
        "asye",
        "advanced",
        "asye",
        "Ann Lee",
    )


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"fte": 1.5}, "less than or equal to 1"),
        ({"fte": 0}, "greater than 0"),
        ({"pcf_level": "Band 6"}, "'Band 6' is not a PCF level"),
        ({"pcf_level": None}, "a social worker needs a PCF level"),
        ({"role_functions": {"F.i": 0.5}}, "F.i not a TCSW role function"),
        ({"role_functions": {"A.i": 0.7, "B.i": 0.6}}, "add up to 1.3, more than 1"),
        ({"domain_levels": {10: "advanced"}}, "numbered 1 to 9"),
        ({"posts": ["chief"]}, "chief not a post"),
        (
            {"start_date": date(2024, 1, 1), "planned_leaving_date": date(2023, 1, 1)},
            "planned leaving date is before the start date",
        ),
        (
            {"amhp": False, "amhp_approval_expires": date(2028, 1, 1)},
            "given for someone marked as not an AMHP",
        ),
        (
            {"amhp_approved_on": date(2024, 1, 1), "amhp_approval_expires": date(2023, 1, 1)},
            "expires on or before the day it was approved",
        ),
        ({"amhp_rota_share": 0.5}, "only an approved AMHP"),
        ({"swe_registration": "12345"}, "should match pattern"),
        ({"staff_id": "   "}, "at least 1 character"),
        ({"colour": "blue"}, "Extra inputs are not permitted"),
    ],
)
def test_bad_values_are_refused_with_a_reason(changes: dict[str, Any], reason: str) -> None:
    assert reason in refusal(**changes)


def test_a_nurse_amhp_needs_no_pcf_level() -> None:
    w = worker(
        profession="nurse",
        pcf_level=None,
        amhp_approved_on=date(2024, 1, 1),
        amhp_approval_expires=date(2028, 12, 31),
    )
    assert w.is_amhp(date(2026, 11, 1))


def test_approval_counts_up_to_and_including_its_expiry_day() -> None:
    w = worker(amhp_approved_on=date(2022, 3, 1), amhp_approval_expires=date(2027, 2, 28))
    assert not w.is_amhp(date(2022, 2, 28))
    assert w.is_amhp(date(2027, 2, 28))
    assert not w.is_amhp(date(2027, 3, 1))


def test_an_approval_given_in_part_is_in_force_within_what_is_known() -> None:
    # HR systems often keep only the warrant's expiry, or a plain "AMHP: yes".
    expiry_only = worker(amhp_approval_expires=date(2027, 2, 28))
    assert expiry_only.is_amhp(date(2020, 1, 1)) and expiry_only.is_amhp(date(2027, 2, 28))
    assert not expiry_only.is_amhp(date(2027, 3, 1))
    declared = worker(amhp=True)
    assert declared.is_amhp(date(2026, 11, 1)) and declared.has_amhp_record()
    assert worker(amhp=True, amhp_rota_share=0.3).amhp_rota_share == 0.3
    assert not worker(amhp=False).is_amhp(date(2026, 11, 1))
    assert not worker().has_amhp_record()


def test_training_runs_from_start_until_completion() -> None:
    w = worker(amhp_training_started=date(2026, 1, 12), amhp_training_completes=date(2027, 1, 31))
    assert [
        w.in_amhp_training(d) for d in (date(2026, 1, 11), date(2026, 6, 1), date(2027, 1, 31))
    ] == [False, True, False]


def test_records_are_frozen() -> None:
    with pytest.raises(ValidationError):
        worker().fte = 0.5  # type: ignore[misc]


def test_without_removes_exactly_one_worker_and_updates_lookups() -> None:
    s = Service(
        name="S",
        local_authority="LA",
        as_of=date(2026, 1, 1),
        workers=(worker(), worker(staff_id="S2")),
    )
    gone = s.without("S1")
    assert [w.staff_id for w in gone.workers] == ["S2"]
    assert gone.worker("S1") is None and s.worker("S1") is not None


def test_a_repeated_staff_id_looks_up_its_first_worker() -> None:
    # the checks report the repeat; until HR fixes it, lookups see the row they met first
    s = Service(
        name="S",
        local_authority="LA",
        as_of=date(2026, 1, 1),
        workers=(worker(name="First"), worker(staff_id="S2"), worker(name="Second")),
    )
    found = s.worker("S1")
    assert found is not None and found.name == "First"
    assert s.worker("S2") is s.workers[1]


@given(
    fte=st.floats(min_value=0.01, max_value=1.0),
    shares=st.lists(st.floats(min_value=0.01, max_value=0.3), max_size=3),
)
def test_valid_records_survive_a_json_round_trip(fte: float, shares: list[float]) -> None:
    codes = ["A.i", "B.ii", "C.v"]
    w = worker(fte=fte, role_functions=dict(zip(codes, shares, strict=False)))
    assert Worker.model_validate_json(w.model_dump_json()) == w
