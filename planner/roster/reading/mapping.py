"""Which of the planner's columns a roster heading is, how it was matched and how sure.

HR systems export "Line Manager Payroll No", "Supervisor No." or "AMHP?" where the template says
Line manager ID, Supervisor ID and AMHP. A heading is tried in turn: exactly (a template heading
or field name), as a synonym (`data/roster/columns.yaml`), then by its words, with the words of
`data/roster/heading_words.yaml` dropped (qualifiers like "No." and "ID", periods like "last 12
months"), people words folded into one, short forms and plurals read as the word. Words that
are one column's are read as it; words several columns share, or that only overlap a column's,
are offered to the user and never applied unasked. A user's choice wins over every match.

This is the mapping step of the import tools HR already uses (each heading mapped with a
confidence, the doubtful ones left for a person to choose); it is per column, so it costs
nothing per row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator

from planner.paths import data_dir
from planner.reference.framework import load_framework
from planner.reference.strict_yaml import DataFileError, load_model
from planner.roster.layout import Layout, load_layout, normalise
from planner.roster.safety import Rejected

How = Literal["exact", "synonym", "token", "user"]
Target = Literal["field", "part", "extra", "report"]
CONFIDENCE: dict[How, float] = {"exact": 1.0, "synonym": 0.95, "token": 0.85, "user": 1.0}
SUGGEST = 0.5  # least share of words in common for a column to be offered
SUGGEST_WEIGHT = 0.8  # an offer is never as sure as a match
MAX_CHOICES = 3
PERSON = "person"  # what every people word ("Staff", "Employee", "Payroll") is read as
KEEP_WORDS = frozenset({"", "keep", "extra", "own", "none", "ignore"})
_WORD = re.compile(r"[a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")


class MappingError(Rejected):
    """A user's mapping names something the planner does not read."""


class HeadingWords(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    description: str
    source: tuple[str, ...]
    qualifiers: tuple[str, ...]
    people: tuple[str, ...]
    periods: tuple[str, ...]
    abbreviations: dict[str, str]

    @field_validator("qualifiers", "people")
    @classmethod
    def _words(cls, words: tuple[str, ...]) -> tuple[str, ...]:
        bad = [w for w in words if not _WORD.fullmatch(w)]
        if bad or len(set(words)) != len(words):
            raise ValueError(f"words must be lower-case letters or digits, each once: {bad}")
        return words

    @field_validator("periods")
    @classmethod
    def _periods(cls, periods: tuple[str, ...]) -> tuple[str, ...]:
        bad = [p for p in periods if not all(_WORD.fullmatch(w) for w in p.split() if w != "{n}")]
        if bad:
            raise ValueError(f"a period is lower-case words and {{n}} for a number: {bad}")
        return periods


@dataclass(frozen=True)
class Match:
    target: Target
    name: str  # the field or part; the heading as compared for a report column; "" otherwise
    how: How | None  # None: not applied (kept as the file's own column)
    confidence: float
    choices: tuple[str, ...] = ()  # fields or parts to offer when not applied, likeliest first


class Matcher:
    """Headings matched against the layout's columns; built once."""

    def __init__(self, layout: Layout, words: HeadingWords) -> None:
        self.layout = layout
        self.qualifiers = frozenset(words.qualifiers)
        self.people = frozenset(words.people)
        self.abbreviations = words.abbreviations
        self.periods = _periods_pattern(words.periods)
        self.kind: dict[str, Target] = {c.field: "field" for c in layout.columns}
        self.kind.update({d.part: "part" for d in layout.spec.derived})
        self.order = {name: i for i, name in enumerate(self.kind)}
        self.exact = {normalise(c.field): c.field for c in layout.columns}
        self.exact.update({normalise(c.header): c.field for c in layout.columns})
        self.exact.update({normalise(p): p for p in self.kind if self.kind[p] == "part"})
        self.synonym = {k: v for k, v in layout.headings.items() if k not in self.exact}
        self.synonym.update({k: d.part for k, d in layout.parts.items() if k not in self.exact})
        self.by_words: dict[frozenset[str], set[str]] = {}
        for key_text, name in self._texts():
            key = self.words(key_text)
            if key:
                self.by_words.setdefault(key, set()).add(name)
        # Words a template heading has are that column's, even if a synonym elsewhere has them
        # too ("Staff ID" and the Name synonym "Employee" are both the person).
        own: dict[frozenset[str], set[str]] = {}
        for col in layout.columns:
            for text in (col.field, col.header):
                own.setdefault(self.words(text), set()).add(col.field)
        for key, names in own.items():
            if len(names) == 1 and len(self.by_words.get(key, ())) > 1:
                self.by_words[key] = names
        self.keys_with: dict[str, list[frozenset[str]]] = {}  # each word's keys, for offers
        for key in self.by_words:
            for word in key:
                self.keys_with.setdefault(word, []).append(key)
        # Every text a column's words can come from; a heading holding none of them cannot
        # match or be offered, which settles most of the data cells the header search meets.
        sources = {*self.keys_with, *self.abbreviations, *self.people}
        self.any_word = re.compile("|".join(sorted(map(re.escape, sources), key=len, reverse=True)))

    def _texts(self) -> Iterable[tuple[str, str]]:
        for col in self.layout.columns:
            for text in (col.field, col.header, *col.synonyms):
                yield text, col.field
        for d in self.layout.spec.derived:
            for text in (d.part, *d.synonyms):
                yield text, d.part

    def words(self, heading: str) -> frozenset[str]:
        """The words that say which column a heading is."""
        text = _BRACKETS.sub(" ", _CAMEL.sub(" ", heading).lower()).replace("#", " no ")
        text = self.periods.sub(" ", " ".join(_WORD.findall(text)))
        found = set()
        for word in text.split():
            word = self.abbreviations.get(word, word)
            if word in self.qualifiers:
                continue
            if word in self.people:
                word = PERSON
            elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
                word = word[:-1]  # "hours" and "hour", "posts" and "post" say the same
            found.add(word)
        if len(found) > 1:
            found.discard(PERSON)  # "Line Manager Payroll No": whose number, not the person's
        return frozenset(found)

    def match(self, heading: str) -> Match:
        return self.match_words(heading, offer=True)

    def match_words(self, heading: str, *, offer: bool) -> Match:
        """The match; with `offer` False, a heading no column's words equal is not compared
        with every column for an offer (the header-row search asks of every top cell)."""
        key = normalise(heading)
        if not key:
            return Match("extra", "", None, 0.0)
        if key in self.layout.report_columns:
            return Match("report", key, "exact", 1.0)
        tables: tuple[tuple[How, dict[str, str]], ...] = (
            ("exact", self.exact),
            ("synonym", self.synonym),
        )
        for how, table in tables:
            if key in table:
                name = table[key]
                return Match(self.kind[name], name, how, CONFIDENCE[how])
        if not self.any_word.search(key):
            return Match("extra", "", None, 0.0)
        words = self.words(heading)
        found = self.by_words.get(words, set())
        if len(found) == 1:
            (name,) = found
            return Match(self.kind[name], name, "token", CONFIDENCE["token"])
        if found:  # words several columns share: the user chooses
            share = round(CONFIDENCE["token"] / len(found), 2)
            return Match("extra", "", None, share, self._ranked(found))
        return self._offer(words) if offer else Match("extra", "", None, 0.0)

    def _offer(self, words: frozenset[str]) -> Match:
        """Columns whose words overlap the heading's, offered and not applied."""
        scores: dict[str, float] = {}
        keys = {key for word in words for key in self.keys_with.get(word, ())}
        for key in keys:
            share = len(words & key) / len(words | key)
            if share >= SUGGEST:
                for name in self.by_words[key]:
                    scores[name] = max(scores.get(name, 0.0), share)
        if not scores:
            return Match("extra", "", None, 0.0)
        ranked = sorted(scores, key=lambda n: (-scores[n], self.order[n]))[:MAX_CHOICES]
        return Match("extra", "", None, round(SUGGEST_WEIGHT * scores[ranked[0]], 2), tuple(ranked))

    def _ranked(self, names: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(names, key=self.order.__getitem__))

    def chosen(self, text: str) -> tuple[Target, str]:
        """What a user's choice names: a field or part by its name or template heading, or
        nothing (the column is kept as theirs)."""
        key = normalise(text)
        if key in KEEP_WORDS:
            return "extra", ""
        if key in self.exact:
            name = self.exact[key]
            return self.kind[name], name
        names = ", ".join(self.kind)
        raise MappingError(
            f"{text.strip()!r} is not a column the planner reads. Map a heading to one of: "
            f"{names}; or to nothing, to keep the column as your own."
        )

    def label(self, name: str) -> str:
        """How a field or part is shown to a person: its template heading."""
        if self.kind.get(name) == "part":
            return name.replace("_", " ").capitalize()
        return self.layout.label(name)

    def names(self) -> tuple[str, ...]:
        """Every field and part a heading can be mapped to, in template order."""
        return tuple(self.kind)


def _periods_pattern(periods: Iterable[str]) -> re.Pattern[str]:
    phrases = sorted(periods, key=len, reverse=True)
    parts = [
        r"\s+".join(r"\d+" if w == "{n}" else re.escape(w) for w in p.split()) for p in phrases
    ]
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b")


@cache
def matcher() -> Matcher:
    path = data_dir() / "roster" / "heading_words.yaml"
    words = load_model(path, HeadingWords)
    missing = sorted(set(words.source) - set(load_framework().sources))
    if missing:
        raise DataFileError(f"{path.name}: sources {missing} are not in sources.yaml")
    return Matcher(load_layout(), words)


@lru_cache(maxsize=4096)  # headings repeat from file to file; bounded, as a server reads many
def match_heading(heading: str) -> Match:
    return matcher().match(heading)


@lru_cache(maxsize=4096)
def is_heading(text: str) -> bool:
    """True when a cell names one of the planner's columns (or a name part) without a doubt."""
    return matcher().match_words(text, offer=False).target in ("field", "part")


def resolve_choices(choices: Mapping[str, str]) -> dict[str, tuple[Target, str]]:
    """A user's mapping (heading -> field, part or nothing) checked before any row is read."""
    m = matcher()
    return {heading.strip(): m.chosen(target) for heading, target in choices.items()}


def user_match(target: Target, name: str) -> Match:
    if target == "extra":
        return Match("extra", "", "user", CONFIDENCE["user"])
    return Match(target, name, "user", CONFIDENCE["user"])


def offer_sentence(heading: str, choices: tuple[str, ...]) -> str:
    """What HR is told about a column kept because it could be one of the planner's columns."""
    m = matcher()
    labels = [m.label(c) for c in choices]
    what = labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} or {labels[-1]}"
    verb = "may be" if len(labels) == 1 else "could be"
    return (
        f"Column {heading!r} {verb} {what}; it is kept as your own column until you choose "
        f'(in the column mapping, or --map "{heading}={choices[0]}").'
    )
