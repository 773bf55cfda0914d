"""What `convert_column` promises about the type of each value it gives back, whatever HR typed.

The fast path's screens rely on it: a column of dates converted as dates is not checked for type
again, so this contract is tested on its own, with any mix of cells a reader can produce.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, get_args

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.roster.layout import Kind
from planner.roster.values import WS, convert_column

PROMISED: dict[str, tuple[type, ...]] = {
    "text": (str,),
    "profession": (str,),
    "level": (str,),
    "contract": (str,),
    "share": (float,),
    "number": (float,),
    "date": (date,),
    "year": (int,),
    "stage": (int,),
    "yes_no": (bool,),
    "domain_levels": (dict,),
    "role_functions": (dict,),
    "posts": (tuple,),
}
CELLS = st.one_of(
    st.just(""),
    st.text(max_size=12),
    st.sampled_from(["Yes", "no", "TRUE", "60%", "0.5", "A.i 30%", "6 Advanced", "01/02/2024"]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10**6), 10**6),
    st.booleans(),
    st.dates(),
    st.datetimes(min_value=datetime(1900, 1, 1)),
)


def test_every_kind_has_a_promise() -> None:
    assert set(PROMISED) == set(get_args(Kind))


@given(kind=st.sampled_from(sorted(PROMISED)), cells=st.lists(CELLS, max_size=30))
@settings(max_examples=400, deadline=None)
def test_each_value_is_blank_or_of_the_promised_type(kind: Any, cells: list[Any]) -> None:
    values, bad = convert_column(kind, cells)
    assert len(values) == len(cells)
    for i, v in enumerate(values):
        assert v is None or v.__class__ in PROMISED[kind], (kind, cells[i], v)
        if i in bad:
            assert v is None  # a cell that could not be read is left blank and reported
    if kind == "text":  # a blank is None, never "": the fast path tells blanks by truth
        assert "" not in values
    if kind == "date":  # a datetime is a date, but the model wants the date alone
        assert not any(v.__class__ is datetime for v in values)


# Text with white space at its ends, including the separators \x1c-\x1f that str.strip() trims
# and Unicode's White_Space (what the model trims) does not.
EDGES = st.sampled_from([" ", "\t", "\xa0", "\u3000", "\x1c", "\x1f", "\n"])
TEXTS = st.builds(
    lambda a, core, b: a + core + b,
    st.text(EDGES, max_size=2),
    st.text(st.sampled_from("ab \x1d"), max_size=4),
    st.text(EDGES, max_size=2),
)


def test_what_text_trims_is_white_space_to_str_strip_too() -> None:
    # The fast trim relies on it: str.strip() trims at least what WS names.
    assert all(ch.isspace() for ch in WS)


@given(cells=st.lists(TEXTS, max_size=20))
@settings(max_examples=300, deadline=None)
def test_text_is_trimmed_of_unicode_white_space_only(cells: list[str]) -> None:
    values, bad = convert_column("text", tuple(cells))
    assert values == [c.strip(WS) or None for c in cells]
    assert not bad


# A long column whose texts repeat (teams, job titles, supervisors) is read through a memo that
# gives each distinct text one object; it must read exactly as a column read text by text.
REPEATED = st.lists(st.one_of(TEXTS, CELLS), min_size=1, max_size=12)


@given(pool=REPEATED, picks=st.lists(st.integers(0, 11), min_size=1, max_size=60))
@settings(max_examples=60, deadline=None)
def test_a_long_column_of_repeated_texts_reads_as_each_text_alone(
    pool: list[Any], picks: list[int]
) -> None:
    # new objects for each cell, as a reader makes them
    cells = tuple(copy(pool[picks[j % len(picks)] % len(pool)]) for j in range(2_100))
    values, bad = convert_column("text", cells)
    one_by_one = [convert_column("text", (c,))[0][0] for c in cells]
    assert values == one_by_one
    assert not bad
    assert all(v.__class__ is str for v in values if v is not None)
    # each distinct text in the cells is read once: one object, however many cells hold it
    read = [(c, v) for c, v in zip(cells, values, strict=True) if c.__class__ is str and v]
    assert len({id(v) for _, v in read}) <= len({c for c, _ in read})


def copy(cell: Any) -> Any:
    return "".join(["", cell]) if cell.__class__ is str and cell else cell
