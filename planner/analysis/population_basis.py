"""Which population AMHP figures are set against, on both bases, and where each number came from.

The AMHP target (BASW: one AMHP per 10,000 people), the assessment rate (ADASS: per 100,000
population) and the benchmarks are all-age rates, so the policy's `population_basis` is all ages
by default; adults (18+) is the other basis, shown beside it. Both figures are found here:

- The service file's own figures come first when no other year is asked for. A service gives
  adults (`adult_population`), people of all ages (`all_ages_population`) or both; a figure it
  does not give is estimated from the one it does at the ratio of all ages to adults in its
  council (by its code) or, without a code, in England, for the year, and says so.
- Otherwise the ONS 2018-based subnational projections (`data/population/`, source
  `ons-snpp-2018`) give both for the council's code and the year, through the lookup from today's
  councils to the April-2018 rows, so a commissioner can ask "and in 2030?".

Figures from ONS carry its Open Government Licence attribution.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from planner.reference.policy import BASIS_WORDS, PopulationBasisName
from planner.reference.population import ENGLAND, CouncilYear, PopulationTable, load_population
from planner.workforce.models import Service

ONS_ID = "ons-snpp-2018"


class PopulationBasis(BaseModel):
    model_config = ConfigDict(frozen=True)

    adults: int | None
    all_ages: int | None = None
    year: int | None = None
    source: str  # where the figures come from, as a person reads it
    adults_source: str = ""  # each figure's own origin where they differ (an estimate says so)
    all_ages_source: str = ""
    source_id: str | None = None
    licence: str | None = None
    note: str = ""

    def people(self, basis: PopulationBasisName) -> int | None:
        """The population on a basis: `all_ages` or `adults_18_plus`."""
        return self.all_ages if basis == "all_ages" else self.adults


def population_basis(
    service: Service, year: int | None = None, on: date | None = None
) -> PopulationBasis:
    """People served on both bases: the service's figures, or ONS for its council code and the
    year asked (by default the year of the date the analysis is for)."""
    wanted = year or (on or service.as_of).year
    own = service.adult_population is not None or service.all_ages_population is not None
    if own and year is None:
        return _from_service(service, wanted)
    if service.la_code is None:
        if own:
            kept = _from_service(service, (on or service.as_of).year)
            note = f"no council code in the service file, so no projection for {wanted}"
            return kept.model_copy(update={"note": _join(kept.note, note)})
        return PopulationBasis(
            adults=None,
            source="none",
            note="no population and no council code in the service file",
        )
    return _ons(service.la_code, wanted)


def _clamped(table: PopulationTable, wanted: int) -> tuple[int, str]:
    first, last = table.years()
    year = min(max(wanted, first), last)
    note = "" if year == wanted else f"ONS figures run {first}-{last}; {year} used for {wanted}"
    return year, note


def _ons(la_code: str, wanted: int) -> PopulationBasis:
    table = load_population()
    year, note = _clamped(table, wanted)
    row = table.council(la_code, year)
    if row is None:
        return PopulationBasis(
            adults=None,
            source="none",
            note=f"{la_code} is not a council in the ONS population table",
        )
    if not row.current:
        now = table.successors(la_code)
        note = _join(
            note,
            f"{la_code} is {row.name}'s code of April 2018"
            + (f"; today's council is {' and '.join(now)}" if now else ""),
        )
    source = _ons_words(row, year, table)
    return PopulationBasis(
        adults=row.adults_18_plus,
        all_ages=row.all_ages,
        year=year,
        source=source,
        adults_source=source,
        all_ages_source=source,
        source_id=ONS_ID,
        licence=table.meta.licence,
        note=note,
    )


def _ons_words(row: CouncilYear, year: int, table: PopulationTable) -> str:
    first, _ = table.years()
    built = " (built from the 2018 areas it replaced)" if row.built_from else ""
    estimate = " (estimate)" if year == first else ""
    return f"ONS 2018-based projection for {row.name}{built}, {year}{estimate}"


def _from_service(service: Service, on_year: int) -> PopulationBasis:
    adults, all_ages = service.adult_population, service.all_ages_population
    if adults is not None and all_ages is not None:
        return PopulationBasis(
            adults=adults,
            all_ages=all_ages,
            source="service file",
            adults_source="service file",
            all_ages_source="service file",
        )
    table = load_population()
    year, clamp_note = _clamped(table, on_year)
    row = table.council(service.la_code, year) if service.la_code else None
    area = row.name if row else "England"
    ref = row or table.adults(ENGLAND, year)
    assert ref is not None  # England is in every year of the table (checked on load)
    ratio = ref.all_ages / ref.adults_18_plus
    how = (
        f"at {area}'s ratio of {ratio:.3f} people of all ages to each adult in {year} "
        "(ONS 2018-based projections)"
    )
    if adults is not None:
        all_ages = round(adults * ratio)
        estimated = f"estimated from the service file's {adults:,} adults {how}"
        sources = ("service file", estimated)
        note = f"all-ages figure {estimated}"
    else:
        assert all_ages is not None
        adults = round(all_ages / ratio)
        estimated = f"estimated from the service file's {all_ages:,} people of all ages {how}"
        sources = (estimated, "service file")
        note = f"adult figure {estimated}"
    return PopulationBasis(
        adults=adults,
        all_ages=all_ages,
        year=year,
        source="service file",
        adults_source=sources[0],
        all_ages_source=sources[1],
        source_id=ONS_ID,
        licence=table.meta.licence,
        note=_join(note, clamp_note),
    )


def _join(*notes: str) -> str:
    return "; ".join(n for n in notes if n)


def basis_words(basis: PopulationBasisName) -> str:
    return BASIS_WORDS[basis]


def population_by_year(
    service: Service, years: list[int], on: date | None = None
) -> list[PopulationBasis]:
    """People served in each of `years`, for a projection: ONS's figures for the council where
    the service gives none; the service's own figures grown as ONS projects its council to grow
    where it gives both a figure and a council code; and without a council code, the figures of
    the as-of date held level (ONS projects councils, not services)."""
    start = population_basis(service, None, on)
    table = load_population()
    own = service.adult_population is not None or service.all_ages_population is not None
    code = service.la_code
    first = table.council(code, _clamped(table, (on or service.as_of).year)[0]) if code else None
    out = []
    for year in years:
        if code is None or first is None:
            held = "" if start.adults is None else f"held at the {start.year or 'as-of'} figure"
            why = "no council code in the service file, so no projection"
            out.append(
                start.model_copy(update={"note": _join(start.note, held and f"{held}: {why}")})
            )
            continue
        if not own:
            out.append(_ons(code, year))
            continue
        clamped, clamp_note = _clamped(table, year)
        now = table.council(code, clamped)
        assert now is not None and start.adults is not None and start.all_ages is not None
        grown = f"the service's figures grown as ONS projects {now.name} to grow to {clamped}"
        out.append(
            start.model_copy(
                update={
                    "adults": round(start.adults * now.adults_18_plus / first.adults_18_plus),
                    "all_ages": round(start.all_ages * now.all_ages / first.all_ages),
                    "year": clamped,
                    "source": grown,
                    "adults_source": grown,
                    "all_ages_source": grown,
                    "source_id": ONS_ID,
                    "licence": table.meta.licence,
                    "note": clamp_note,
                }
            )
        )
    return out
