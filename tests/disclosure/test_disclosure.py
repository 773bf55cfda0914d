"""The disclosure gate on small tables: small counts hidden, and no hidden count that a reader
could narrow to a range narrower than the threshold, checked against a brute force.

The brute force lists every whole-number table consistent with what is shown (each row's
workers and AMHPs, AMHPs never more than workers, the column totals) and collects each hidden
cell's possible values: simpler and slower than the gate's linear programming, which it checks.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.disclosure.suppression import (
    Cells,
    Count,
    Suppressed,
    audit,
    protect,
    shown,
)

T = 5
Row = tuple[int, int]  # workers, AMHPs


def table_cells(rows: list[Row]) -> Cells:
    cells = Cells(T)
    cells.add("workers", sum(w for w, _ in rows))
    cells.add("amhps", sum(a for _, a in rows))
    for i, (w, a) in enumerate(rows):
        cells.add(f"w{i}", w)
        cells.add(f"a{i}", a)
        cells.at_most(f"a{i}", f"w{i}")
    cells.total([f"w{i}" for i in range(len(rows))], "workers")
    cells.total([f"a{i}" for i in range(len(rows))], "amhps")
    return cells


def possible_values(rows: list[Row], result: dict[str, Count]) -> dict[str, set[int]]:
    """Every value each hidden cell takes in some table consistent with what is shown (a hidden
    total may be larger than the true one: up to twice the threshold more is tried)."""
    total_w, total_a = sum(w for w, _ in rows), sum(a for _, a in rows)
    cap_w = total_w if isinstance(result["workers"], int) else total_w + 2 * T
    cap_a = total_a if isinstance(result["amhps"], int) else total_a + 2 * T

    def options(key: str, cap: int) -> range:
        v = result[key]
        return range(v, v + 1) if isinstance(v, int) else range(cap + 1)

    row_choices = [
        [(w, a) for w in options(f"w{i}", cap_w) for a in options(f"a{i}", cap_a) if a <= w]
        for i in range(len(rows))
    ]
    shown_w = result["workers"] if isinstance(result["workers"], int) else None
    shown_a = result["amhps"] if isinstance(result["amhps"], int) else None

    def sums(choices: list[list[Row]]) -> set[Row]:
        reach = {(0, 0)}
        for options_ in choices:
            reach = {(sw + w, sa + a) for sw, sa in reach for w, a in options_}
            reach = {(sw, sa) for sw, sa in reach if sw <= cap_w and sa <= cap_a}
        return reach

    def fits(total: Row) -> bool:
        return (shown_w is None or total[0] == shown_w) and (shown_a is None or total[1] == shown_a)

    seen: dict[str, set[int]] = {k: set() for k, v in result.items() if isinstance(v, Suppressed)}
    for i, mine in enumerate(row_choices):
        rest = sums([c for j, c in enumerate(row_choices) if j != i])
        for w, a in mine:
            totals = [(w + sw, a + sa) for sw, sa in rest if fits((w + sw, a + sa))]
            if totals:
                if f"w{i}" in seen:
                    seen[f"w{i}"].add(w)
                if f"a{i}" in seen:
                    seen[f"a{i}"].add(a)
                for tw, ta in totals:
                    for key, value in (("workers", tw), ("amhps", ta)):
                        if key in seen:
                            seen[key].add(value)
    return seen


def test_a_small_count_reads_suppressed_and_zero_and_larger_ones_are_shown() -> None:
    cells = Cells(T)
    for key, value in (("small", 3), ("none", 0), ("enough", 5)):
        cells.add(key, value)
    result = protect(cells)
    assert shown(result["small"]) == "suppressed"
    assert result["none"] == 0 and result["enough"] == 5


def test_one_small_team_is_not_left_recoverable_from_the_total() -> None:
    result = protect(table_cells([(12, 4), (2, 0), (9, 3)]))
    assert str(result["w1"]) == "suppressed"
    assert sum(isinstance(result[f"w{i}"], Suppressed) for i in range(3)) >= 2


def test_amhps_never_exceeding_workers_is_used_against_the_table() -> None:
    # Hiding the small AMHP counts and the smallest other one would be enough for a reader
    # who knew only the totals; one who knows AMHPs <= workers pins a team of 2 to 0-2.
    rows = [(2, 1), (20, 3), (18, 9)]
    result = protect(table_cells(rows))
    ranges = audit(table_cells(rows), [k for k, v in result.items() if isinstance(v, Suppressed)])
    assert all(hi - lo >= T for lo, hi in ranges.values()), ranges


@settings(max_examples=60)
@given(
    st.lists(
        st.integers(0, 9).flatmap(lambda w: st.tuples(st.just(w), st.integers(0, w))),
        min_size=1,
        max_size=3,
    )
)
def test_no_hidden_cell_can_be_narrowed_below_the_threshold(rows: list[Row]) -> None:
    cells = table_cells(rows)
    result = protect(cells)
    for k, v in cells.values.items():
        if 0 < v < T:
            assert isinstance(result[k], Suppressed), "every small count is hidden"
        if not isinstance(result[k], Suppressed):
            assert result[k] == v
    for k, values in possible_values(rows, result).items():
        assert cells.values[k] in values
        assert max(values) - min(values) >= T, f"{k} is narrowed to {sorted(values)} by {result}"


def test_the_audit_agrees_with_the_brute_force() -> None:
    rows = [(3, 1), (6, 2), (8, 0)]
    result = {"workers": 17, "amhps": 3, "w0": Suppressed(), "a0": Suppressed()}
    result |= {"w1": Suppressed(), "a1": Suppressed(), "w2": 8, "a2": 0}
    brute = possible_values(rows, result)
    ranges = audit(table_cells(rows), [k for k, v in result.items() if isinstance(v, Suppressed)])
    assert {k: (min(v), max(v)) for k, v in brute.items()} == ranges


def test_a_constraint_the_counts_break_is_refused() -> None:
    cells = Cells(T)
    cells.add("part", 3)
    cells.add("whole", 2)
    with pytest.raises(ValueError, match="do not satisfy"):
        cells.at_most("part", "whole")
