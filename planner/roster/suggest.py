""" "Did you mean ...?" for a cell that nearly matches one of a column's choices.

The standard library's `difflib.get_close_matches` compares the typed text with each choice as
both are compared on import (case, spaces and punctuation dropped); the closest above `CUTOFF`
is named in the problem's sentence. It is never put in the typed value's place: the row keeps
its error until HR corrects the cell.
"""

from __future__ import annotations

from collections.abc import Mapping
from difflib import get_close_matches
from functools import cache

from planner.reference.framework import load_framework
from planner.roster.layout import ChoiceList, load_layout, normalise

CUTOFF = 0.75  # difflib's ratio; below it, suggestions for short words are mostly noise


def did_you_mean(text: str, choices: Mapping[str, str]) -> str:
    """' (did you mean 'X'?)' for the choice closest to `text`, else ''. `choices` maps each
    accepted word, as compared, to the label shown."""
    key = normalise(text)
    close = get_close_matches(key, list(choices), n=1, cutoff=CUTOFF) if key else []
    return f" (did you mean {choices[close[0]]!r}?)" if close else ""


@cache
def choice_words(name: ChoiceList) -> dict[str, str]:
    layout = load_layout()
    return {w: layout.choice_label(name, v) for w, v in layout.choice_words[name].items()}


@cache
def level_words() -> dict[str, str]:
    return {
        normalise(text): lv.name
        for lv in load_framework().levels
        for text in (lv.id, lv.name, *lv.aliases)
    }


@cache
def post_words() -> dict[str, str]:
    return {
        normalise(text): post.name
        for post in load_framework().posts
        for text in (post.id, post.name)
    }
