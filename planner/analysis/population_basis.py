"""Which adult population an AMHP figure is set against, and where that number came from.

The service file's own figure is used when it has one and no other year is asked for. Otherwise
the ONS 2018-based subnational projections (`data/population/`, source `ons-snpp-2018`) give
adults 18+ for the council's code and the year, so a commissioner can ask "and in 2030?".
Figures from ONS carry its Open Government Licence attribution.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from planner.reference.population import load_population
from planner.workforce.models import Service


class PopulationBasis(BaseModel):
    model_config = ConfigDict(frozen=True)

    adults: int | None
    all_ages: int | None = None
    year: int | None = None
    source: str
    source_id: str | None = None
    licence: str | None = None
    note: str = ""


def population_basis(
    service: Service, year: int | None = None, on: date | None = None
) -> PopulationBasis:
    """Adults served: the service's figure, or ONS for its council code and the year asked
    (by default the year of the date the analysis is for)."""
    if service.adult_population is not None and year is None:
        return PopulationBasis(adults=service.adult_population, source="service file")
    wanted = year or (on or service.as_of).year
    if service.la_code is None:
        note = (
            f"no council code in the service file, so no projection for {wanted}"
            if year is not None
            else "no adult population and no council code in the service file"
        )
        return PopulationBasis(
            adults=service.adult_population,
            source="service file" if service.adult_population is not None else "none",
            note=note,
        )
    return _ons(service.la_code, wanted)


def _ons(la_code: str, wanted: int) -> PopulationBasis:
    table = load_population()
    first, last = table.years()
    year = min(max(wanted, first), last)
    note = "" if year == wanted else f"ONS figures run {first}-{last}; {year} used for {wanted}"
    row = table.adults(la_code, year)
    if row is None:
        return PopulationBasis(
            adults=None, source="none", note=f"{la_code} is not in the ONS population table"
        )
    return PopulationBasis(
        adults=row.adults_18_plus,
        all_ages=row.all_ages,
        year=year,
        source=f"ONS 2018-based projection for {row.area_name}, {year}"
        + (" (estimate)" if year == first else ""),
        source_id="ons-snpp-2018",
        licence=table.meta.licence,
        note=note,
    )
