"""The roster layout: its columns, the headings HR uses for them, and the words for each choice.

All of it is data (`data/roster/columns.yaml`), loaded and validated once, so the template, the
Notes sheet, the importer and the exporter can never disagree about a column. Headings are
matched after `normalise`, which forgives case, spaces, punctuation and bracketed hints
("Start date (dd/mm/yyyy)").
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, model_validator

from planner.paths import data_dir
from planner.reference.framework import TeamKind, load_framework
from planner.reference.strict_yaml import DataFileError, load_model
from planner.workforce.models import Contract, Profession, Worker

Kind = Literal[
    "text",
    "profession",
    "level",
    "share",
    "contract",
    "date",
    "year",
    "number",
    "domain_levels",
    "role_functions",
    "posts",
    "yes_no",
    "stage",
]
Part = Literal["first_name", "last_name", "date_of_birth"]
ChoiceList = Literal["profession", "contract", "team_kind", "yes_no"]

_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NOT_ALNUM = re.compile(r"[^a-z0-9]")


def normalise(text: str) -> str:
    """A heading or choice as it is compared: lower case, '#' read as 'no', hints dropped."""
    text = _BRACKETS.sub("", text.lower()).replace("#", "no")
    return _NOT_ALNUM.sub("", text)


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Column(_Strict):
    field: str
    header: str
    kind: Kind
    required: bool = False
    synonyms: tuple[str, ...] = ()
    note: str
    example: str


class Derived(_Strict):
    field: str
    part: Part
    synonyms: tuple[str, ...]


class Choice(_Strict):
    label: str
    synonyms: tuple[str, ...] = ()


class ServiceLabel(_Strict):
    label: str
    synonyms: tuple[str, ...] = ()


class LayoutFile(_Strict):
    description: str
    source: tuple[str, ...]
    columns: tuple[Column, ...]
    derived: tuple[Derived, ...]
    report_columns: tuple[str, ...]
    choices: dict[ChoiceList, dict[str, Choice]]
    service_sheet: dict[str, ServiceLabel]

    @model_validator(mode="after")
    def _consistent(self) -> LayoutFile:
        fields = [c.field for c in self.columns]
        expected = sorted(f for f in Worker.model_fields if f != "extra")
        if sorted(fields) != expected:
            raise ValueError(f"columns must list each Worker field once: {expected}")
        wanted: dict[ChoiceList, set[str]] = {
            "profession": {p.value for p in Profession},
            "contract": {c.value for c in Contract},
            "team_kind": set(get_args(TeamKind)),
            "yes_no": {"yes", "no"},
        }
        for name, values in wanted.items():
            if set(self.choices.get(name, {})) != values:
                raise ValueError(f"choices.{name} must list exactly {sorted(values)}")
        seen: dict[str, str] = {}
        for col in self.columns:
            for text in (col.field, col.header, *col.synonyms):
                key = normalise(text)
                if seen.setdefault(key, col.field) != col.field:
                    raise ValueError(f"heading {text!r} is used for {seen[key]} and {col.field}")
        return self


class Layout:
    """The loaded layout with its lookup tables built once."""

    def __init__(self, spec: LayoutFile) -> None:
        self.spec = spec
        self.columns = spec.columns
        self.by_field = {c.field: c for c in spec.columns}
        self.headings: dict[str, str] = {}
        for col in spec.columns:
            for text in (col.field, col.header, *col.synonyms):
                self.headings[normalise(text)] = col.field
        self.parts: dict[str, Derived] = {normalise(s): d for d in spec.derived for s in d.synonyms}
        self.report_columns = {normalise(h) for h in spec.report_columns}
        self.choice_words: dict[str, dict[str, str]] = {}
        for name, options in spec.choices.items():
            words: dict[str, str] = {}
            for value, choice in options.items():
                for text in (value, choice.label, *choice.synonyms):
                    words[normalise(text)] = value
            self.choice_words[name] = words
        self.service_labels: dict[str, str] = {}
        for key, entry in spec.service_sheet.items():
            for text in (key, entry.label, *entry.synonyms):
                self.service_labels[normalise(text)] = key

    def label(self, field: str) -> str:
        """The template heading for a Worker field."""
        col = self.by_field.get(field)
        return col.header if col else field

    def choice_label(self, name: ChoiceList, value: str) -> str:
        return self.spec.choices[name][value].label

    def choice(self, name: ChoiceList, text: str) -> str | None:
        return self.choice_words[name].get(normalise(text))


@cache
def load_layout() -> Layout:
    path = data_dir() / "roster" / "columns.yaml"
    spec = load_model(path, LayoutFile)
    known = load_framework().sources
    missing = sorted(set(spec.source) - set(known))
    if missing:
        raise DataFileError(f"{path.name}: sources {missing} are not in sources.yaml")
    return Layout(spec)
