"""Adults by English local authority and year, from the ONS 2018-based projections.

Source: Office for National Statistics, Subnational population projections for England:
2018-based, Table 2 (see `data/population/README.md`). 2018 is an estimate; later years are
projections. The 18+ figure is our derived estimate. Every figure shown must carry `LICENCE`.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

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


class PopulationMeta(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    description: str
    source: tuple[str, ...]
    file: str
    licence: str
    council_levels: tuple[AreaLevel, ...]


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

    def adults(self, area_code: str, year: int) -> AreaYear | None:
        return _index(self).get((area_code, year))

    def councils(self) -> list[tuple[str, str]]:
        """(code, name) of the councils with social services duties, the AMHP-approving bodies."""
        levels = set(self.meta.council_levels)
        seen = {(r.area_code, r.area_name) for r in self.rows if r.area_level in levels}
        return sorted(seen, key=lambda cn: cn[1])

    def years(self) -> tuple[int, int]:
        years = [r.year for r in self.rows]
        return min(years), max(years)


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
    return PopulationTable(meta=meta, rows=_read_rows(folder / meta.file))
