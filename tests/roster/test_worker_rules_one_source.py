"""The fast path's screens take their rules from `Worker`, so a rule changed in the model alone
changes what the fast path lets through.

Each test puts a changed model where `fast_rows` imports `Worker` from, loads a fresh copy of
`fast_rows` against it (as importing it after editing models.py would), and checks that the copy
leaves to validation what the changed model refuses. A screen that wrote the limits out again
would still let those values through, and these tests would fail.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from types import ModuleType
from typing import Annotated, Any, Literal, get_args

import annotated_types as at
import pytest
from pydantic import Field, ValidationError, create_model, field_validator, model_validator

import planner.workforce.models as models
from planner.reference.framework import load_framework
from planner.roster.reading import fast_rows
from planner.workforce.models import Worker

# A record every version of the model here accepts, with an AMHP approval so that a share of
# time on the AMHP rota is allowed.
BASE: dict[str, Any] = {
    "staff_id": "S1",
    "name": "Ann Smith",
    "team": "Team A",
    "fte": 1.0,
    "pcf_level": "asye",
    "amhp_approved_on": date(2024, 1, 1),
    "amhp_approval_expires": date(2029, 1, 1),
}
# A value each field with a `pattern` takes (a pattern has no midpoint to find one by).
PATTERN_EXAMPLES = {"swe_registration": "SW12345"}


@pytest.fixture
def fast_rows_for(monkeypatch: pytest.MonkeyPatch) -> Callable[[type[Worker]], Any]:
    """A fresh copy of `fast_rows`, imported while `model` is the `Worker` of models.py (the
    module itself, which the rest of the planner uses, is left as it is)."""

    def load(model: type[Worker]) -> Any:
        monkeypatch.setattr(models, "Worker", model)
        spec = importlib.util.find_spec(fast_rows.__name__)
        assert spec is not None and spec.loader is not None
        module: ModuleType = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        monkeypatch.setattr(models, "Worker", Worker)
        return module

    return load


def _variant(**fields: Any) -> type[Worker]:
    """`Worker` with some fields declared again (or added), as an edit to models.py would."""
    model: type[Worker] = create_model("Variant", __base__=Worker, **fields)
    return model


def _columns(records: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """Records as the converted columns `build_workers` takes (None for a blank)."""
    names = dict.fromkeys(name for record in records for name in record)
    return {name: [record.get(name) for record in records] for name in names}


def _built(module: Any, records: list[dict[str, Any]]) -> list[int]:
    """The rows the fast path builds without validating them."""
    return sorted(module.build_workers(_columns(records), {}, len(records)))


def _accepts(model: type[Worker], record: dict[str, Any]) -> bool:
    try:
        model.model_validate(record)
    except ValidationError:
        return False
    return True


# --- a limit changed in models.py alone --------------------------------------------------------


def test_a_shorter_name_limit_in_the_model_is_the_fast_paths_limit(
    fast_rows_for: Callable[[type[Worker]], Any],
) -> None:
    long_name = {**BASE, "name": "x" * 150}
    records = [long_name, BASE]
    assert _built(fast_rows, records) == [0, 1]  # 150 characters: within today's model

    narrow = _variant(name=(Annotated[str, at.MinLen(1), at.MaxLen(100)], ...))
    assert not _accepts(narrow, long_name)
    assert _built(fast_rows_for(narrow), records) == [1]  # the long name is left to validation


@pytest.mark.parametrize(
    ("field", "declared", "refused", "kept"),
    [
        ("fte", (Annotated[float, at.Gt(0), at.Le(0.5)], ...), 0.75, 0.5),
        ("birth_year", (Annotated[int | None, at.Ge(1950), at.Le(2015)], None), 1940, 1950),
        ("amhp_cpd_hours", (Annotated[float | None, at.Ge(0), at.Lt(100)], None), 100.0, 99.5),
        (
            "swe_registration",
            (Annotated[str | None, Field(pattern=r"^SW\d{1,4}$")], None),
            "SW123456",
            "SW1234",
        ),
    ],
)
def test_a_changed_bound_or_pattern_in_the_model_is_the_fast_paths(
    fast_rows_for: Callable[[type[Worker]], Any],
    field: str,
    declared: tuple[Any, Any],
    refused: Any,
    kept: Any,
) -> None:
    records = [{**BASE, field: refused}, {**BASE, field: kept}]
    assert _built(fast_rows, records) == [0, 1]
    model = _variant(**{field: declared})
    assert not _accepts(model, records[0]) and _accepts(model, records[1])
    assert _built(fast_rows_for(model), records) == [1]


def test_a_narrower_literal_in_the_model_is_the_fast_paths(
    fast_rows_for: Callable[[type[Worker]], Any],
) -> None:
    records = [{**BASE, "practice_educator_stage": 2}, {**BASE, "practice_educator_stage": 1}]
    assert _built(fast_rows, records) == [0, 1]
    model = _variant(practice_educator_stage=(Literal[1] | None, None))
    assert _built(fast_rows_for(model), records) == [1]


# --- every rule of every field ----------------------------------------------------------------


def _probe(field: str, limits: dict[str, Any]) -> Any:
    """A value today's model takes for the field, just at or inside its limits."""
    info = Worker.model_fields[field]
    if "pattern" in limits:
        assert field in PATTERN_EXAMPLES, f"give PATTERN_EXAMPLES a value {field} takes"
        return PATTERN_EXAMPLES[field]
    if limits.keys() & {"min_length", "max_length"}:
        return "a" * limits.get("max_length", max(limits.get("min_length", 1), 1))
    low = limits.get("gt", limits.get("ge"))
    high = limits.get("lt", limits.get("le"))
    assert low is not None and high is not None, f"{field}: pick a probe for {limits}"
    middle = (low + high) / 2
    return round(middle) if int in {info.annotation, *get_args(info.annotation)} else middle


def _tightened(field: str, name: str, probe: Any) -> Any:
    """The one limit `name` of the field, made to refuse `probe`."""
    if name == "max_length":
        return at.MaxLen(len(probe) - 1)
    if name == "min_length":
        return at.MinLen(len(probe) + 1)
    if name in ("gt", "ge"):
        return at.Gt(probe)
    if name in ("lt", "le"):
        return at.Lt(probe)
    assert name == "pattern", f"{field}: no way to tighten {name}"
    return Field(pattern=r"^X$")


_KIND = {
    at.MaxLen: "max_length",
    at.MinLen: "min_length",
    at.Gt: "gt",
    at.Ge: "ge",
    at.Lt: "lt",
    at.Le: "le",
}


def _limit_name(item: Any) -> str:
    if type(item) in _KIND:
        return _KIND[type(item)]
    if set(vars(item)) == {"pattern"}:
        return "pattern"
    raise AssertionError(f"{item!r}: a limit these tests (and fast_rows) do not know")


CONSTRAINED = [
    (field, item) for field, info in Worker.model_fields.items() for item in info.metadata
]


def test_every_field_has_a_screen_of_its_own() -> None:
    # A field with no screen, or a rule its screen cannot read, sends every row to validation.
    assert [
        name
        for name in Worker.model_fields
        if name != "extra"
        and fast_rows._SCREENS.get(name, fast_rows._to_validation) is fast_rows._to_validation
    ] == []


def test_every_limit_the_model_states_is_read() -> None:
    for field, info in Worker.model_fields.items():
        limits = {_limit_name(item): item for item in info.metadata}
        assert fast_rows._UNREAD[field] == [], field
        assert set(fast_rows._LIMITS[field]) == set(limits), field


@pytest.mark.parametrize(("field", "item"), CONSTRAINED, ids=lambda v: str(v))
def test_each_limit_tightened_in_the_model_alone_tightens_the_fast_path(
    fast_rows_for: Callable[[type[Worker]], Any], field: str, item: Any
) -> None:
    info = Worker.model_fields[field]
    name = _limit_name(item)
    limits = {_limit_name(i): i for i in info.metadata}
    plain = {k: getattr(v, k) if k != "pattern" else vars(v)["pattern"] for k, v in limits.items()}
    probe = _probe(field, plain)
    record = {**BASE, field: probe}
    assert _accepts(Worker, record), (field, probe)
    assert _built(fast_rows, [record]) == [0], (field, probe)

    kept = [i for i in info.metadata if i is not item]
    default = ... if info.is_required() else info.default
    model = _variant(
        **{field: (Annotated[(info.annotation, *kept, _tightened(field, name, probe))], default)}
    )
    assert not _accepts(model, record), (field, name)
    assert _built(fast_rows_for(model), [record]) == [], (field, name, probe)


# --- the model's own validators -----------------------------------------------------------------

# A value each field with a validator of its own takes.
VALIDATED = {
    "pcf_level": "asye",
    "domain_levels": {1: "asye"},
    "role_functions": {"A.i": 0.5},
    "posts": (load_framework().post_ids()[0],),
}


def test_every_field_with_a_validator_is_probed_here() -> None:
    decorators = Worker.__pydantic_decorators__.field_validators.values()
    assert {f for d in decorators for f in d.info.fields} == set(VALIDATED)


@pytest.mark.parametrize("field", sorted(VALIDATED))
def test_a_validator_added_to_the_model_is_run_by_the_fast_path(
    fast_rows_for: Callable[[type[Worker]], Any], field: str
) -> None:
    record = {**BASE, field: VALIDATED[field]}
    assert _built(fast_rows, [record]) == [0]

    def refuse(cls: Any, value: Any) -> Any:
        raise ValueError("refused by a rule added to the model")

    model = create_model(
        "Variant", __base__=Worker, __validators__={"refuse": field_validator(field)(refuse)}
    )
    assert not _accepts(model, record)
    assert _built(fast_rows_for(model), [record]) == []


def test_a_validator_changing_a_value_changes_what_the_fast_path_keeps(
    fast_rows_for: Callable[[type[Worker]], Any],
) -> None:
    def fewer(cls: Any, value: dict[str, float]) -> dict[str, float]:
        return {code: share for code, share in value.items() if share >= 0.2}

    model = create_model(
        "Variant",
        __base__=Worker,
        __validators__={"fewer": field_validator("role_functions")(fewer)},
    )
    records = [{**BASE, "role_functions": {"A.i": 0.5, "A.ii": 0.1}}] * 2
    module = fast_rows_for(model)
    built = module.build_workers(_columns(records), {}, 2)
    assert [w.role_functions for w in built.values()] == [{"A.i": 0.5}] * 2
    assert built[0].role_functions is not built[1].role_functions
    assert built[0] == model.model_validate(records[0])


# --- rules no screen reads, and fields added ----------------------------------------------------


def test_a_limit_no_screen_reads_sends_its_column_to_validation(
    fast_rows_for: Callable[[type[Worker]], Any],
) -> None:
    model = _variant(name=(Annotated[str, at.MinLen(1), at.Predicate(str.istitle)], ...))
    module = fast_rows_for(model)
    assert module._SCREENS["name"] is module._to_validation
    assert _built(module, [BASE, {**BASE, "name": "ann smith"}]) == []
    assert _accepts(model, BASE) and not _accepts(model, {**BASE, "name": "ann smith"})


def test_a_row_rule_the_fast_path_does_not_know_sends_every_row_to_validation(
    fast_rows_for: Callable[[type[Worker]], Any],
) -> None:
    def no_agency(self: Any) -> Any:
        if self.contract == "agency":
            raise ValueError("no agency staff")
        return self

    model = create_model(
        "Variant",
        __base__=Worker,
        __validators__={"no_agency": model_validator(mode="after")(no_agency)},
    )
    assert _built(fast_rows_for(model), [{**BASE, "contract": "agency"}, BASE]) == []


def test_a_constrained_field_added_to_the_model_is_screened_by_its_limits(
    fast_rows_for: Callable[[type[Worker]], Any],
) -> None:
    model = _variant(nickname=(Annotated[str | None, at.MaxLen(5)], None))
    module = fast_rows_for(model)
    assert module._SCREENS["nickname"] is not module._to_validation
    records = [{**BASE, "nickname": "Annabelle"}, {**BASE, "nickname": "Ann"}, BASE]
    built = module.build_workers(_columns(records), {}, 3)
    assert sorted(built) == [1, 2]
    assert built[1] == model.model_validate(records[1])
    assert list(built[1].__dict__) == list(model.model_fields)


def test_a_field_of_a_type_no_screen_knows_sends_every_row_to_validation(
    fast_rows_for: Callable[[type[Worker]], Any],
) -> None:
    model = _variant(hours=(Decimal | None, None))
    module = fast_rows_for(model)
    assert module._SCREENS["hours"] is module._to_validation
    assert _built(module, [{**BASE, "hours": Decimal("1.5")}]) == []
