"""Codes into words for the sentences a principal social worker reads.

A finding names a person by name with the staff id after it ("Helen Okafor (NB001)"), a post
by its title and team ("Team manager, AMHP Hub") and a role function by a few words with the
paper's code after them ("care home and placement reviews (A.vii)"). The words are built where the
sentence is written, from the service and the framework, never by rewriting a finished sentence
(a numeric staff id would then be mistaken for a count). Findings carry the ids themselves in
`evidence`, so the commissioner's figures, which hold no evidence, never hold a name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from planner.reference.framework import Framework
from planner.workforce.models import Service


@dataclass(frozen=True)
class Names:
    people_by_id: Mapping[str, str]
    framework: Framework

    @classmethod
    def of(cls, service: Service, framework: Framework) -> Names:
        return cls({w.staff_id: w.name for w in service.workers if w.name}, framework)

    def person(self, staff_id: str) -> str:
        name = self.people_by_id.get(staff_id)
        return f"{name} ({staff_id})" if name and name != staff_id else staff_id

    def people(self, ids: Iterable[str], limit: int = 5) -> str:
        return listed([self.person(i) for i in ids], limit)

    def post(self, key: str) -> str:
        post_id, _, team = key.partition("@")
        try:
            title = self.framework.post(post_id).name
        except KeyError:
            title = post_id.replace("_", " ")
        return f"{title}, {team}" if team else title

    def posts(self, keys: Iterable[str], limit: int = 5) -> str:
        return listed([self.post(k) for k in keys], limit)

    def function(self, code: str) -> str:
        try:
            return f"{self.framework.function(code).title} ({code})"
        except (KeyError, IndexError, ValueError):
            return code

    def functions(self, codes: Iterable[str], limit: int = 8) -> str:
        return listed([self.function(c) for c in codes], limit)


def listed(items: list[str], limit: int = 5) -> str:
    """'a, b and c', or 'a, b, c, d, e and 12 more' past the limit."""
    if len(items) > limit:
        return f"{', '.join(items[:limit])} and {len(items) - limit} more"
    if len(items) <= 2:
        return " and ".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"
