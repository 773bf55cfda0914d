"""The Settings page's content: each policy value with its unit, source and [check] flag, and
the rule that turns what a user typed into a validated policy or plain error sentences.

Widget limits are enforced only in the browser, so every change is validated here again with
the same pydantic model the rest of the planner uses."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, get_args

from pydantic import ValidationError

from planner.reference.framework import TeamKind, load_framework
from planner.reference.policy import BASIS_WORDS, Policy, PolicyRow, policy_table
from planner.roster.layout import load_layout

_ACRONYMS = {
    "amhp": "AMHP",
    "asye": "ASYE",
    "fte": "FTE",
    "cpd": "CPD",
    "pq": "PQ",
    "mb": "MB",
    "100k": "100,000",
    "psw": "PSW",
    "pension": "Pension",
}


def label(name: str) -> str:
    words = [_ACRONYMS.get(w, w) for w in name.split("_")]
    text = " ".join(words)
    return text[0].upper() + text[1:]


@dataclass(frozen=True)
class PolicyField:
    row: PolicyRow
    label: str
    # "int", "float", "level", "basis", "stage", "rota", "table" (rows edited like the rota),
    # "posts", "categories", "team_kinds" or "weights"
    kind: str
    options: tuple[str, ...] = ()


_SPECIAL = {
    "rota": "rota",
    "state_pension_age": "table",
    "supervisor_min_level": "level",
    "population_basis": "basis",
    "practice_educator_final_placement_stage": "stage",
    "supervisor_posts": "posts",
    "allocation_needs_eligibility": "categories",
    "posts_need_amhp_approval_in": "team_kinds",
    "departure_weights": "weights",
}


def policy_fields(policy: Policy) -> list[PolicyField]:
    fw = load_framework()
    options = {
        "level": fw.level_ids(),
        "basis": ("all_ages", "adults_18_plus"),
        "posts": fw.post_ids(),
        "categories": tuple(c.code for c in fw.categories),
        "team_kinds": get_args(TeamKind),
    }
    fields = []
    for row in policy_table(policy):
        annotation = Policy.model_fields[row.name].annotation
        kind = _SPECIAL.get(row.name) or ("int" if annotation is int else "float")
        fields.append(
            PolicyField(row=row, label=label(row.name), kind=kind, options=options.get(kind, ()))
        )
    return fields


def option_words(kind: str, value: object) -> str:
    """A choice as the Settings page lists it: a PCF level, post, role category or team kind by
    its name, not its id."""
    fw = load_framework()
    text = str(value)
    if kind == "level":
        return fw.level(text).name
    if kind == "basis":
        return BASIS_WORDS.get(text, text)
    if kind == "posts":
        return fw.post(text).name
    if kind == "categories":
        return f"{text}: {fw.category(text).title}"
    if kind == "team_kinds":
        return load_layout().choice_label("team_kind", text)
    return text


def apply_changes(policy: Policy, changes: dict[str, Any]) -> tuple[Policy | None, list[str]]:
    """The policy with the changes, or None and one plain sentence per refused value."""
    try:
        return policy.with_changes(**changes), []
    except ValidationError as exc:
        return None, [_sentence(err) for err in exc.errors()]


def _sentence(err: Any) -> str:
    loc = [p for p in err["loc"] if not isinstance(p, int)]
    where = label(str(loc[0])) if loc else "Policy"
    if len(loc) > 1:
        where += f" ({label(str(loc[-1])).lower()})"
    msg = re.sub(r"^Value error, ", "", err["msg"])
    return f"{where}: {msg[0].lower() + msg[1:]}."
