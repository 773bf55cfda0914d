"""Small counts hidden, and no hidden count recoverable from the totals a reader also sees.

The check against recovery is a brute force over every table consistent with what is shown:
simpler and slower than `planner.disclosure.suppression.protected`, which it checks."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from planner.disclosure.suppression import Suppressed, count, partition, shown

T = 5


def consistent_values(cells: dict[str, int], result: dict[str, object]) -> dict[str, set[int]]:
    """For each hidden cell, every value it could take given the shown cells and the total:
    a value is possible when the other hidden cells can make up the rest."""
    total = sum(cells.values())
    rest = total - sum(v for v in result.values() if isinstance(v, int))
    options = {
        k: set(range(1, T)) if v.reason == "small" else set(range(rest + 1))
        for k, v in result.items()
        if isinstance(v, Suppressed)
    }
    seen: dict[str, set[int]] = {}
    for k, mine in options.items():
        sums = {0}
        for other, theirs in options.items():
            if other != k:
                sums = {s + x for s in sums for x in theirs if s + x <= rest}
        seen[k] = {x for x in mine if rest - x in sums}
    return seen


def test_a_small_count_reads_fewer_than_the_threshold() -> None:
    assert shown(count(3, T)) == "fewer than 5"
    assert count(0, T) == 0 and count(5, T) == 5


def test_one_small_team_is_not_left_recoverable_from_the_total() -> None:
    result = partition({"North": 12, "South": 2, "Hub": 9}, T)
    assert str(result["South"]) == "fewer than 5"
    assert isinstance(result["Hub"], Suppressed)  # the smallest other cell is withheld too
    assert result["North"] == 12


@given(st.lists(st.integers(0, 12), min_size=1, max_size=5))
def test_no_hidden_cell_can_be_worked_out(values: list[int]) -> None:
    cells = {f"team {i}": v for i, v in enumerate(values)}
    result = partition(cells, T)
    for k, v in cells.items():
        if 0 < v < T:
            assert isinstance(result[k], Suppressed), "every small count is hidden"
        if not isinstance(result[k], Suppressed):
            assert result[k] == v
    hidden = consistent_values(cells, result)
    if len(cells) > 1 and hidden:
        for k, values_possible in hidden.items():
            assert cells[k] in values_possible
            assert len(values_possible) >= 2, f"{k} is recoverable from {result}"
