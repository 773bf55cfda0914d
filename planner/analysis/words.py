"""People, posts and lists in the words a finding's sentence uses: a person by name with the
staff id after ("Asha Patel (NB002)"), a post by its title and team ("Team manager, AMHP Hub"),
never a key such as `team_manager@AMHP Hub`. The evidence keeps the ids and keys."""

from __future__ import annotations

from collections.abc import Sequence

from planner.reference.framework import Framework
from planner.workforce.graph import WorkforceGraph


def person(wg: WorkforceGraph, staff_id: str) -> str:
    """'Name (staff id)' for someone in the graph; the id alone for anyone else."""
    i = wg.index.pos.get(staff_id)
    return staff_id if i is None else f"{wg.index.workers[i].name} ({staff_id})"


def post_title(key: str, fw: Framework) -> str:
    """A post slot's key ('team_manager@AMHP Hub') as its title and team."""
    post_id, _, team = key.partition("@")
    name = fw.post(post_id).name
    return f"{name}, {team}" if team else name


def and_list(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'; with semicolons where an item holds a comma of its own."""
    if len(items) <= 1:
        return "".join(items)
    sep = "; " if any("," in item for item in items) else ", "
    return sep.join(items[:-1]) + " and " + items[-1]
