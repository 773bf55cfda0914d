"""Which adult population AMHPs are set against: the service's own, or ONS by council and year."""

from __future__ import annotations

import pytest

from planner.analysis.report import analyse
from planner.reference.population import load_population
from planner.workforce.demo import load_demo

HARTLEPOOL = "E06000001"


def test_the_service_files_own_figure_is_used_first() -> None:
    a = analyse(load_demo()).amhp
    assert a.adult_population == 182_400 and a.population.source == "service file"
    # The demo gives adults only: the all-ages figure is estimated at England's ratio, from ONS.
    assert "estimated" in a.population.all_ages_source and "England" in a.population.note
    assert "Open Government Licence" in (a.population.licence or "")


@pytest.mark.parametrize("year", [2026, 2030, 2043])
def test_and_in_a_later_year_the_ons_projection_is_used(year: int) -> None:
    s = load_demo().model_copy(update={"la_code": HARTLEPOOL})
    a = analyse(s, population_year=year).amhp
    row = load_population().adults(HARTLEPOOL, year)
    assert row is not None
    assert a.adult_population == row.adults_18_plus and a.population.year == year
    assert a.per_100k_adults == pytest.approx(a.headcount / row.adults_18_plus * 100_000, abs=0.01)
    assert a.per_100k_people == pytest.approx(a.headcount / row.all_ages * 100_000, abs=0.01)
    assert "Open Government Licence" in (a.population.licence or "")
    assert a.population.source_id == "ons-snpp-2018"


def test_without_a_figure_the_as_of_year_is_looked_up() -> None:
    s = load_demo().model_copy(update={"adult_population": None, "la_code": HARTLEPOOL})
    a = analyse(s).amhp
    assert a.population.year == s.as_of.year


def test_years_past_the_projections_use_the_last_and_say_so() -> None:
    s = load_demo().model_copy(update={"la_code": HARTLEPOOL})
    a = analyse(s, population_year=2050).amhp
    assert a.population.year == 2043 and "2043 used for 2050" in a.population.note


def test_no_population_at_all_is_a_finding_not_an_error() -> None:
    s = load_demo().model_copy(update={"adult_population": None})
    r = analyse(s)
    assert r.amhp.per_100k is None and r.amhp.per_100k_adults is None and r.amhp.rota == []
    assert [f.code for f in r.amhp.findings if f.code == "no_population"]


def test_a_year_without_a_council_code_keeps_the_service_figure_and_says_why() -> None:
    a = analyse(load_demo(), population_year=2030).amhp
    assert a.adult_population == 182_400 and "no council code" in a.population.note
