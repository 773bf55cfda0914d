"""Across councils: the aggregate files of several services side by side, for a commissioner
(an ICB, say) covering more than one council.

Each file is the JSON of `planner aggregates` (a `CommissionerView`). A file is read only if
it is exactly that: every key the view knows and no other, and nothing anywhere in it that
looks like a person (a name, staff id, pseudonym, email or date of birth, or a list of
workers). Anything else is refused with a plain sentence, so a roster or a service file sent
by mistake is never shown.

For each council the comparison shows the AMHPs and the duty FTE per 100,000 on the
population basis its file states, now and in each year of its projection (against that year's
population), against its target and the national benchmark (the newest England figure on that
basis, headcount for AMHPs and FTE for duty FTE), and flags those below the chosen minimum in
each year. A figure the file suppresses is shown as suppressed and never worked out from the
others; a rate is worked out only from published figures. A file written before the
projection's years (version 1) is still read: its later years say "no projection in this file".
A file from a newer planner is refused rather than half read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from planner.analysis.amhp_approvals import add_months
from planner.disclosure.aggregates import (
    FORMAT_VERSION,
    BenchmarkLine,
    CommissionerView,
    Figure,
)
from planner.disclosure.projected import ProjectedYear
from planner.disclosure.suppression import Count, Suppressed

PER = 100_000
NATIONAL_PREFIX = "England"
NO_PROJECTION = "no projection in this file"
NOT_PROJECTED = "this file's projection stops before this year"
# Keys that belong to a person, never to an aggregate.
PERSONAL_KEYS = frozenset(
    {
        "name",
        "names",
        "full_name",
        "first_name",
        "last_name",
        "surname",
        "forename",
        "staff_id",
        "staff_ids",
        "pseudonym",
        "pseudonyms",
        "email",
        "date_of_birth",
        "birth_date",
        "birth_year",
        "ni_number",
        "employee_id",
        "person",
        "people_list",
    }
)
# Keys whose value is a list of people when it is a list at all.
PEOPLE_LISTS = frozenset({"workers", "staff", "people", "members", "amhps", "roster"})


class CouncilFileError(ValueError):
    """A file that cannot be compared; the message is one plain sentence."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CouncilRow(_Model):
    council: str
    service: str
    years_ahead: int  # 0: now
    on: date
    period: str  # "now (01/11/2026)" or "2 years on (01/11/2028)"
    year: int  # the calendar year of `on`
    current: bool
    basis: str  # words: "people of all ages" or "adults 18+"
    population: int | None
    amhps: Count | None  # None: the file does not carry this year (see `note`)
    amhps_per_100k: Figure | None
    duty_fte: Figure | None
    duty_fte_per_100k: Figure | None
    target_per_100k: float
    national_per_100k: float | None
    national_label: str | None
    national_fte_per_100k: float | None
    national_fte_label: str | None
    below_minimum: bool | None  # None: not known (suppressed, no population, not in the file)
    note: str = ""


class Comparison(_Model):
    minimum: float
    years: list[int]  # years ahead, 0 (now) first
    rows: list[CouncilRow]  # now for every council, then each year for every council
    notes: list[str]

    @property
    def below(self) -> list[str]:
        """The councils below the minimum now."""
        return self.below_in(0)

    def below_in(self, years_ahead: int) -> list[str]:
        return [r.council for r in self.rows_for(years_ahead) if r.below_minimum]

    def rows_for(self, years_ahead: int) -> list[CouncilRow]:
        return [r for r in self.rows if r.years_ahead == years_ahead]

    def period_label(self, years_ahead: int) -> str:
        """ "Now (2026)", "2 years on (2028)": the calendar year where every file agrees."""
        years = {r.year for r in self.rows_for(years_ahead)}
        when = f" ({years.pop()})" if len(years) == 1 else ""
        return f"Now{when}" if years_ahead == 0 else f"{_ahead(years_ahead)}{when}"


# --- reading a file ------------------------------------------------------------------------


def _personal(data: Any, where: str = "") -> str | None:
    """Where the first thing that looks like a person is, or None."""
    if isinstance(data, dict):
        for key, value in data.items():
            k = str(key).lower()
            here = f"{where}.{key}" if where else str(key)
            if k in PERSONAL_KEYS:
                return here
            if k in PEOPLE_LISTS and isinstance(value, list):
                return here
            found = _personal(value, here)
            if found:
                return found
    elif isinstance(data, list):
        for i, item in enumerate(data):
            found = _personal(item, f"{where}[{i}]")
            if found:
                return found
    return None


def read_council_file(text: str | bytes, label: str) -> CommissionerView:
    """The view in one aggregates file, or CouncilFileError saying why it cannot be used."""
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError):
        raise CouncilFileError(
            f"{label} is not a JSON file; give the .json that `planner aggregates` writes."
        ) from None
    found = _personal(data)
    if found is not None:
        raise CouncilFileError(
            f"{label} holds personal data ({found}), so it was not read: give only the "
            "aggregates file that `planner aggregates` writes, which has no names or staff ids."
        )
    if not isinstance(data, dict):
        raise CouncilFileError(f"{label} is not an aggregates file from `planner aggregates`.")
    version = data.get("format_version", 1)
    if isinstance(version, int) and version > FORMAT_VERSION:
        raise CouncilFileError(
            f"{label} was written by a newer version of the planner (file format {version}); "
            "update the planner to read it."
        )
    try:
        return CommissionerView.model_validate(data)
    except ValidationError as exc:
        extra = [
            ".".join(map(str, e["loc"])) for e in exc.errors() if e["type"] == "extra_forbidden"
        ]
        if extra:
            raise CouncilFileError(
                f"{label} holds fields an aggregates file never has ({', '.join(extra[:3])}), "
                "so it was not read: it may hold personal data."
            ) from None
        raise CouncilFileError(
            f"{label} is not an aggregates file from `planner aggregates` "
            f"({exc.error_count()} field(s) missing or wrong)."
        ) from None


# --- comparing -----------------------------------------------------------------------------


def _national(v: CommissionerView, measure: str) -> BenchmarkLine | None:
    """The newest England benchmark on the view's basis and of this measure."""
    lines = [
        b
        for b in v.benchmarks
        if b.label.startswith(NATIONAL_PREFIX) and b.measure == measure and b.basis == v.basis_words
    ]
    return max(lines, key=lambda b: b.year or 0, default=None)


def _population(v: CommissionerView) -> int | None:
    return v.all_ages_population if v.population_basis == "all_ages" else v.adult_population


def _rate(value: Figure | None, population: int | None) -> Figure | None:
    """Per 100,000: suppressed stays suppressed, never worked out."""
    if isinstance(value, Suppressed):
        return Suppressed()
    if value is None or not population:
        return None
    return round(value * PER / population, 2)


def _below(rate: Figure | None, minimum: float) -> bool | None:
    if rate is None or isinstance(rate, Suppressed):
        return None
    return rate < minimum


def _ahead(k: int) -> str:
    return f"{k} year on" if k == 1 else f"{k} years on"


def _period(k: int, on: date) -> str:
    return f"now ({on:%d/%m/%Y})" if k == 0 else f"{_ahead(k)} ({on:%d/%m/%Y})"


def _common(label: str, v: CommissionerView) -> dict[str, Any]:
    national, fte = _national(v, "headcount"), _national(v, "fte")
    return {
        "council": label,
        "service": v.service,
        "basis": v.basis_words,
        "target_per_100k": v.target_per_100k,
        "national_per_100k": national.per_100k if national else None,
        "national_label": f"{national.label} ({national.year})" if national else None,
        "national_fte_per_100k": fte.per_100k if fte else None,
        "national_fte_label": f"{fte.label} ({fte.year})" if fte else None,
    }


def _now(label: str, v: CommissionerView, minimum: float) -> CouncilRow:
    population = _population(v)
    rate = v.per_100k if v.per_100k is not None else _rate(v.amhp_headcount, population)
    return CouncilRow(
        **_common(label, v),
        years_ahead=0,
        on=v.as_of,
        period=_period(0, v.as_of),
        year=v.as_of.year,
        current=True,
        population=population,
        amhps=v.amhp_headcount,
        amhps_per_100k=rate,
        duty_fte=v.duty_fte,
        duty_fte_per_100k=_rate(v.duty_fte, population),
        below_minimum=_below(rate, minimum),
    )


def _later(
    label: str, v: CommissionerView, k: int, y: ProjectedYear | None, minimum: float
) -> CouncilRow:
    on = y.on if y else add_months(v.as_of, 12 * k)
    common = _common(label, v) | {
        "years_ahead": k,
        "on": on,
        "period": _period(k, on),
        "year": on.year,
        "current": False,
    }
    if y is None:
        note = NO_PROJECTION if v.projection is None else NOT_PROJECTED
        return CouncilRow(
            **common,
            population=None,
            amhps=None,
            amhps_per_100k=None,
            duty_fte=None,
            duty_fte_per_100k=None,
            below_minimum=None,
            note=note,
        )
    rate = _rate(y.amhps, y.population)
    return CouncilRow(
        **common,
        population=y.population,
        amhps=y.amhps,
        amhps_per_100k=rate,
        duty_fte=y.duty_fte,
        duty_fte_per_100k=_rate(y.duty_fte, y.population),
        below_minimum=_below(rate, minimum),
    )


def _years(views: Sequence[CommissionerView]) -> list[int]:
    ahead = {y.years_ahead for v in views if v.projection for y in v.projection.years}
    return [0, *sorted(ahead)]


def default_minimum(views: Iterable[CommissionerView]) -> float:
    """The highest target among the files (the same in each when one policy made them)."""
    return max((v.target_per_100k for v in views), default=0.0)


def council_label(v: CommissionerView) -> str:
    return v.local_authority or v.service


def compare_councils(views: Sequence[CommissionerView], minimum: float | None = None) -> Comparison:
    """Each council's AMHPs and duty FTE per 100,000 against its target, the national
    benchmark and the minimum (default: the highest target among the files)."""
    chosen = default_minimum(views) if minimum is None else minimum
    labels = [council_label(v) for v in views]
    shown = [
        label if labels.count(label) == 1 else v.service
        for label, v in zip(labels, views, strict=True)
    ]
    years = _years(views)
    rows = [_now(label, v, chosen) for label, v in zip(shown, views, strict=True)]
    for k in years[1:]:
        for label, v in zip(shown, views, strict=True):
            found = {y.years_ahead: y for y in v.projection.years} if v.projection else {}
            rows.append(_later(label, v, k, found.get(k), chosen))
    notes = [
        "Suppressed figures are shown as suppressed and never worked out from the others.",
        "Each later year is the council's own projection if nothing is done (nobody "
        "recruited, turnover and re-approval at its policy's rates), the median of its runs, "
        "against that year's population; a year is suppressed where showing it could place "
        "a small group of people in time.",
    ]
    old = [label for label, v in zip(shown, views, strict=True) if v.projection is None]
    if old:
        notes.append(
            f"No projection in the file of {', '.join(old)} (written before the planner "
            "carried projection years): only now is compared for it."
        )
    bases = {v.basis_words for v in views}
    if len(bases) > 1:
        notes.append(
            "The councils' files state different population bases ("
            + ", ".join(sorted(bases))
            + "): each rate is on its own council's basis."
        )
    dates = {v.as_of for v in views}
    if len(dates) > 1:
        notes.append(
            "The files are as of different dates: "
            + ", ".join(f"{d:%d/%m/%Y}" for d in sorted(dates))
            + "."
        )
    if any(r.below_minimum is None and not r.note for r in rows):
        notes.append(
            "A council whose rate is suppressed or has no population in a year cannot be said "
            "to be above or below the minimum that year."
        )
    return Comparison(minimum=chosen, years=years, rows=rows, notes=notes)


def comparison_json(c: Comparison) -> dict[str, Any]:
    return c.model_dump(mode="json")
