"""The page presenters, without Streamlit: the AMHP tables carry no staff ids, the ONS licence
line appears when ONS population is used, inputs are validated, and the named pages name."""

from __future__ import annotations

from planner.analysis.report import analyse
from planner.present import amhp as pa
from planner.present.leadership import sweep_rows
from planner.present.overview import headlines
from planner.present.supervision import issue_rows
from planner.reference.policy import default_policy
from planner.workforce.demo import load_demo

HARTLEPOOL = "E06000001"


def test_amhp_tables_carry_no_staff_ids() -> None:
    demo = load_demo()
    a = analyse(demo).amhp
    text = (
        repr([pa.benchmark_rows(a), pa.demand_rows(a), pa.rota_rows(a), pa.horizon_rows(a)])
        + repr(pa.horizon_counts(a))
        + pa.population_line(a)
        + repr(pa.aggregate_findings(a))
    )
    assert not any(w.staff_id in text or w.name in text for w in demo.workers)
    # The service is set beside the benchmarks on their basis: people of all ages.
    assert pa.benchmark_rows(a)[0]["Per 100k"] == a.per_100k_people


def test_amhp_charts_build() -> None:
    a = analyse(load_demo()).amhp
    for chart in (pa.benchmark_chart(a), pa.demand_chart(a), pa.horizon_chart(a)):
        assert chart.to_dict()


def test_ons_population_names_its_source_and_licence() -> None:
    s = load_demo().model_copy(update={"la_code": HARTLEPOOL, "adult_population": None})
    a = analyse(s).amhp
    assert "ONS" in pa.population_line(a)
    assert a.population.licence and "Open Government Licence" in a.population.licence


def test_inputs_are_validated_and_applied() -> None:
    demo, policy = load_demo(), default_policy()
    refused = pa.with_inputs(demo, policy, 1000, 99_999.0, 7.0, shown=0)
    assert isinstance(refused, list) and refused
    chosen = pa.with_inputs(demo, policy, 500_000, 200.0, 7.0, shown=0)
    assert not isinstance(chosen, list)
    service, changed = chosen
    # The figure typed is on the policy's basis (all ages); adults are then estimated from it.
    assert service.all_ages_population == 500_000 and service.adult_population is None
    assert changed.assessments_per_100k_per_year == 200.0
    same = pa.with_inputs(demo, policy, 123, 200.0, 7.0, shown=123)
    assert not isinstance(same, list) and same[0] is demo


def test_named_pages_name_people() -> None:
    demo = load_demo()
    r = analyse(demo)
    names = {w.name for w in demo.workers}
    assert any(n in row["Person"] for row in issue_rows(r.supervision, demo) for n in names)
    assert any(
        n in sweep_rows(r.leadership.departure_sweep, demo, True)[0]["Person"] for n in names
    )
    assert [h.area for h in headlines(r.findings)] == ["amhp", "supervision", "leadership"]
