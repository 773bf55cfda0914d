"""Export then import gives back the same service: nothing HR typed is lost or changed."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import assume, given, settings

from planner.reference.policy import default_policy
from planner.roster.writing.workbook import roster_csv
from planner.workforce.checks import check_service
from planner.workforce.demo import generate_service, load_demo
from planner.workforce.models import Service
from tests.roster.helpers import load, roster_bytes
from tests.roster.strategies import services


def _savable(service: Service) -> Service:
    """The service less the records an error across rows concerns (a repeated staff id, a
    self-link): the rows an import leaves out, since no row with an error is saved."""
    out = {p.position for p in check_service(service, default_policy()) if p.severity == "error"}
    return service.with_workers(tuple(w for i, w in enumerate(service.workers) if i not in out))


def _round_trip(service: Service) -> Service | None:
    with tempfile.TemporaryDirectory() as tmp:
        result = load(roster_bytes(service, Path(tmp)), today=service.as_of)
    assert result.unusable is None, result.unusable
    return result.service


@settings(max_examples=150)
@given(services())
def test_any_valid_service_survives_export_and_import(service: Service) -> None:
    assert _round_trip(service) == _savable(service)


def test_the_demo_and_a_generated_service_survive_the_round_trip() -> None:
    for service in (load_demo(), generate_service(300, seed=4)):
        assert _round_trip(service) == service


@settings(max_examples=60)
@given(services())
def test_the_csv_export_gives_back_the_same_workers(service: Service) -> None:
    text = roster_csv(service)
    assume("\x00" not in text)  # a NUL byte marks a binary file, never a CSV
    result = load(text.encode("utf-8-sig"), "roster.csv")
    assert result.service is not None
    assert result.service.workers == _savable(service).workers
    assert result.service.extra_columns == service.extra_columns
