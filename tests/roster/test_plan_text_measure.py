"""How many lines a text takes in a column of the plan workbook (`printing.lines`), which sets
each row's height: too few and the printed cell loses its last lines, too many and the page
fills with blank rows. The cases are what LibreOffice was seen to print in the demo's Roster;
the properties hold for any text."""

from __future__ import annotations

from math import ceil

from hypothesis import given
from hypothesis import strategies as st

from planner.workbooks.plan.printing import lines, text_width


def test_lines_as_libreoffice_wraps_the_roster() -> None:
    # Job titles in the 18-wide column, as printed: proportional text, not a count of letters
    assert lines("Social worker", 18) == 1
    assert lines("Approved Mental Health Professional", 18) == 2
    assert lines("Principal Social Worker (Adults)", 18) == 2
    # a web address wraps at its slashes; a word longer than the column is broken in it
    address = "https://www.skillsforcare.org.uk/Adult-Social-Care-Workforce-Data/AMHP.aspx"
    assert lines(address, 34) == 3
    assert lines("0" * 60, 20) == 4
    assert lines("one\ntwo", 40) == 2  # a line break in the cell starts a line


def test_a_column_holds_its_width_in_digits_less_a_margin() -> None:
    # a column's width counts digits; a line holds that less the cell's margins and a little
    # for bold text
    assert lines("0" * 16, 18) == 1
    assert lines("0" * 17, 18) == 2
    assert text_width("AMHP") > text_width("amhp") > 0  # capitals are wider


TEXT = st.text(st.characters(min_codepoint=32, max_codepoint=0x2014), max_size=200)


@given(TEXT, st.integers(min_value=4, max_value=80))
def test_never_fewer_lines_than_the_ink_needs(text: str, width: int) -> None:
    """The lines hold at most a line's room each (the column less a digit of margins)."""
    ink = sum(text_width(word) for word in text.split())
    assert lines(text, width) >= max(1, ceil(ink / (width - 1) - 1e-9))


@given(TEXT, st.integers(min_value=4, max_value=79))
def test_a_wider_column_never_needs_more_lines(text: str, width: int) -> None:
    assert lines(text, width + 1) <= lines(text, width)
