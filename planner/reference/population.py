"""People by English local authority and year, from the ONS 2018-based projections.

Source: Office for National Statistics, Subnational population projections for England:
2018-based, Table 2 (see `data/population/README.md`). 2018 is an estimate; later years are
projections. Rows carry all ages (published) and adults 18+ (our derived estimate). Every figure
shown must carry the licence attribution.

The rows are on April-2018 boundaries; `councils.yaml` lists today's 153 councils with social
services duties (ONS codes of April 2023, source `ons-geography-2023`) and builds the nine created
since from those rows. Both files are validated on load: every code it names exists, each council
is listed once, no 2018 council is left out or counted twice (today's councils add up to England
in every year), and every figure built is positive.
"""

from __future__ import annotations

import csv
from datetime import date
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from planner.paths import data_dir
from planner.reference.strict_yaml import DataFileError, load_model

AreaLevel = Literal[
    "country",
    "region",
    "metropolitan_county",
    "county",
    "unitary",
    "metropolitan_district",
    "london_borough",
    "district",
]


CouncilLevel = Literal["county", "unitary", "metropolitan_district", "london_borough"]
_PREFIX: dict[str, CouncilLevel] = {
    "E10": "county",
    "E06": "unitary",
    "E08": "metropolitan_district",
    "E09": "london_borough",
}
ENGLAND = "E92000001"
# Today's councils, summed, against England: ONS rounding allows a few people either way on the
# published all-ages figures, and our 18+ estimate rounds once per area.
ALL_AGES_TOLERANCE = 50
ADULTS_TOLERANCE = 300
FIGURES = ("all_ages", "adults_18_plus", "adults_18_64", "adults_65_plus")


class PopulationMeta(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    description: str
    source: tuple[str, ...]
    file: str
    councils_file: str
    licence: str
    council_levels: tuple[AreaLevel, ...]


class CurrentCouncil(BaseModel):
    """One of today's councils: its ONS code and name, and the 2018 rows it is built from."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    code: str = Field(pattern=r"^E(06|08|09|10)\d{6}$")
    name: str = Field(min_length=1)
    level: CouncilLevel
    since: date | None = None  # when a council created after April 2018 began
    from_: tuple[str, ...] = Field(default=(), alias="from")  # rows added; () is its own row
    less: tuple[str, ...] = ()  # rows taken away
    replaces: tuple[str, ...] = ()  # councils of April 2018 it took over, in whole or in part

    @model_validator(mode="after")
    def _consistent(self) -> CurrentCouncil:
        if _PREFIX[self.code[:3]] != self.level:
            raise ValueError(f"{self.code} is a {_PREFIX[self.code[:3]]} code, not {self.level}")
        if self.less and not self.from_:
            raise ValueError(f"{self.code}: `less` needs `from`")
        if (self.since is None) != (not self.from_) or (self.since is None) != (not self.replaces):
            raise ValueError(
                f"{self.code}: a council created since April 2018 needs `since`, `from` and "
                "`replaces`, and only such a council has them"
            )
        return self

    def parts(self) -> tuple[str, ...]:
        return self.from_ or (self.code,)


class CouncilsFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    description: str
    source: tuple[str, ...]
    count: int = Field(gt=0)
    councils: tuple[CurrentCouncil, ...]


class CouncilYear(BaseModel):
    """A council's population in a year: a shipped row, or today's council built from rows."""

    model_config = ConfigDict(frozen=True)
    code: str
    name: str
    year: int
    all_ages: int
    adults_18_plus: int
    adults_18_64: int
    adults_65_plus: int
    current: bool  # one of today's councils (False: a council code of April 2018 only)
    built_from: tuple[str, ...] = ()  # the 2018 rows added, where it is not its own row
    less: tuple[str, ...] = ()


class AreaYear(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    area_code: str = Field(pattern=r"^E\d{8}$")
    area_name: str
    area_level: AreaLevel
    year: int = Field(ge=2018, le=2043)
    all_ages: int = Field(ge=0)
    adults_18_plus: int = Field(ge=0)
    adults_18_64: int = Field(ge=0)
    adults_65_plus: int = Field(ge=0)


class PopulationTable(BaseModel):
    model_config = ConfigDict(frozen=True)
    meta: PopulationMeta
    rows: tuple[AreaYear, ...]
    current: tuple[CurrentCouncil, ...] = ()

    def adults(self, area_code: str, year: int) -> AreaYear | None:
        """The shipped row for an area code of April 2018 (any level) and year."""
        return _index(self).get((area_code, year))

    def councils(self) -> list[tuple[str, str]]:
        """(code, name) of the councils of April 2018, as the shipped rows have them."""
        levels = set(self.meta.council_levels)
        seen = {(r.area_code, r.area_name) for r in self.rows if r.area_level in levels}
        return sorted(seen, key=lambda cn: cn[1])

    def current_councils(self) -> list[tuple[str, str]]:
        """(code, name) of today's councils with social services duties, by name."""
        return sorted(((c.code, c.name) for c in self.current), key=lambda cn: cn[1])

    def council(self, code: str, year: int) -> CouncilYear | None:
        """A council's figures for a year, by today's ONS code or by a council code of April
        2018 (a council abolished since still answers, marked `current=False`)."""
        found = {c.code: c for c in self.current}.get(code)
        if found is not None:
            return _built(self, found, year)
        row = self.adults(code, year)
        if row is None or row.area_level not in self.meta.council_levels:
            return None
        return CouncilYear(
            code=code,
            name=row.area_name,
            year=year,
            current=False,
            **{f: getattr(row, f) for f in FIGURES},
        )

    def successors(self, code: str) -> list[str]:
        """Today's councils built from (or from part of) a row of April 2018."""
        return [c.name for c in self.current if code in c.replaces]

    def years(self) -> tuple[int, int]:
        years = [r.year for r in self.rows]
        return min(years), max(years)


def _built(table: PopulationTable, council: CurrentCouncil, year: int) -> CouncilYear | None:
    add = [table.adults(code, year) for code in council.parts()]
    take = [table.adults(code, year) for code in council.less]
    if any(r is None for r in (*add, *take)):
        return None
    sums = {
        f: sum(getattr(r, f) for r in add if r) - sum(getattr(r, f) for r in take if r)
        for f in FIGURES
    }
    return CouncilYear(
        code=council.code,
        name=council.name,
        year=year,
        current=True,
        built_from=council.from_,
        less=council.less,
        **sums,
    )


_INDEXES: dict[int, dict[tuple[str, int], AreaYear]] = {}


def _index(table: PopulationTable) -> dict[tuple[str, int], AreaYear]:
    key = id(table)
    if key not in _INDEXES:
        _INDEXES[key] = {(r.area_code, r.year): r for r in table.rows}
    return _INDEXES[key]


def _read_rows(path: Path) -> tuple[AreaYear, ...]:
    rows = []
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            for n, raw in enumerate(csv.DictReader(fh), start=2):
                try:
                    rows.append(AreaYear.model_validate(raw))
                except ValidationError as exc:
                    first = exc.errors()[0]
                    raise DataFileError(
                        f"{path.name}: line {n}, column {first['loc'][0]}: {first['msg']}"
                    ) from exc
    except OSError as exc:
        raise DataFileError(f"{path}: cannot be read ({exc.strerror})") from exc
    keys = [(r.area_code, r.year) for r in rows]
    if len(set(keys)) != len(keys):
        raise DataFileError(f"{path.name}: an area appears twice for the same year")
    return tuple(rows)


@cache
def load_population(root: Path | None = None) -> PopulationTable:
    folder = (root or data_dir()) / "population"
    meta = load_model(folder / "meta.yaml", PopulationMeta)
    rows = _read_rows(folder / meta.file)
    councils = load_model(folder / meta.councils_file, CouncilsFile)
    table = PopulationTable(meta=meta, rows=rows, current=councils.councils)
    _check_councils(table, councils, meta.councils_file)
    return table


def _check_councils(table: PopulationTable, file: CouncilsFile, name: str) -> None:
    """Refuse a lookup that names a missing row, repeats a council, or leaves a 2018 council
    out or counted twice (today's councils must add up to England in every year)."""
    codes = [c.code for c in file.councils]
    if len(codes) != file.count:
        raise DataFileError(f"{name}: {len(codes)} councils listed, `count` says {file.count}")
    repeated = sorted({c for c in codes if codes.count(c) > 1})
    if repeated:
        raise DataFileError(f"{name}: {', '.join(repeated)} listed more than once")
    first, last = table.years()
    known = {r.area_code: r.area_level for r in table.rows if r.year == first}
    levels = set(table.meta.council_levels)
    for c in file.councils:
        missing = [p for p in (*c.parts(), *c.less) if p not in known]
        if missing:
            raise DataFileError(
                f"{name}: {c.code} ({c.name}) uses {', '.join(missing)}, not in {table.meta.file}"
            )
        if not c.from_ and known[c.code] not in levels:
            raise DataFileError(
                f"{name}: {c.code} ({c.name}) is not a council row in {table.meta.file}"
            )
    covered = {c.code for c in file.councils} | {r for c in file.councils for r in c.replaces}
    wrong = sorted({r for c in file.councils for r in c.replaces if known.get(r) not in levels})
    if wrong:
        raise DataFileError(
            f"{name}: `replaces` names {', '.join(wrong)}, not councils of April 2018"
        )
    left_out = sorted(code for code, lv in known.items() if lv in levels and code not in covered)
    if left_out:
        raise DataFileError(
            f"{name}: councils of April 2018 {', '.join(left_out)} are in no council of today"
        )
    for year in range(first, last + 1):
        england = table.adults(ENGLAND, year)
        built = [table.council(c.code, year) for c in file.councils]
        if england is None or any(
            b is None or b.all_ages <= 0 or b.adults_18_plus <= 0 for b in built
        ):
            raise DataFileError(f"{name}: a council has no positive population for {year}")
        all_ages = sum(b.all_ages for b in built if b)
        adults = sum(b.adults_18_plus for b in built if b)
        if (
            abs(all_ages - england.all_ages) > ALL_AGES_TOLERANCE
            or abs(adults - england.adults_18_plus) > ADULTS_TOLERANCE
        ):
            raise DataFileError(
                f"{name}: today's councils add up to {all_ages:,} people ({adults:,} adults) in "
                f"{year}, England has {england.all_ages:,} ({england.adults_18_plus:,}): a council "
                "is left out or counted twice"
            )
