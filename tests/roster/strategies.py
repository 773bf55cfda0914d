"""Hypothesis strategies: valid services as the models define them, and messy cells.

`services()` draws any Service the models accept, with two limits that come from the roster
format itself and are documented in the Notes sheet: a blank cell means "not given" (so optional
text is None or has something in it, and HR's own columns hold text), and the two report columns
the importer skips are not used as HR column names.
"""

from __future__ import annotations

import string
from datetime import date, timedelta
from typing import Any, get_args

from hypothesis import strategies as st

from planner.reference.framework import TeamKind, load_framework
from planner.roster.layout import load_layout, normalise
from planner.workforce.models import Contract, Profession, Service, Worker

FW = load_framework()
LEVELS = FW.level_ids()
CODES = FW.function_codes()
POSTS = FW.post_ids()
WS = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"

# Any character a workbook can hold: surrogates cannot be encoded, everything else can.
_chars = st.characters(exclude_categories=("Cs",))


def text(max_size: int = 40, alphabet: st.SearchStrategy[str] = _chars) -> st.SearchStrategy[str]:
    """Non-blank text as the models keep it (trimmed of Unicode white space)."""
    return st.text(alphabet, min_size=1, max_size=max_size).map(lambda s: s.strip(WS)).filter(bool)


def optional_text(max_size: int = 40) -> st.SearchStrategy[str | None]:
    return st.none() | text(max_size)


def dates() -> st.SearchStrategy[date]:
    # Mostly realistic dates, sometimes any date Python has (before 1900 Excel cannot show one).
    return st.dates(date(1950, 1, 1), date(2060, 12, 31)) | st.dates()


@st.composite
def ordered_dates(draw: st.DrawFn) -> tuple[date, date]:
    first = draw(st.dates(max_value=date(9999, 12, 30)))
    gap = draw(st.integers(1, min(20_000, (date(9999, 12, 31) - first).days)))
    return first, first + timedelta(days=gap)


shares = st.floats(min_value=0, max_value=1, exclude_min=True, allow_nan=False)


@st.composite
def role_functions(draw: st.DrawFn) -> dict[str, float]:
    codes = draw(st.lists(st.sampled_from(CODES), max_size=5, unique=True))
    limit = 1 / max(len(codes), 1)
    return {c: draw(st.floats(min_value=0, max_value=limit, exclude_min=True)) for c in codes}


RESERVED = {normalise(h) for h in load_layout().spec.report_columns}
extra_names = text(30).filter(lambda s: normalise(s) not in RESERVED)


@st.composite
def workers(draw: st.DrawFn, ids: list[str], teams: list[str], extra: list[str]) -> dict[str, Any]:
    profession = draw(st.sampled_from(list(Profession)))
    level = (
        draw(st.sampled_from(LEVELS))
        if profession is Profession.SOCIAL_WORKER
        else draw(st.none() | st.sampled_from(LEVELS))
    )
    w: dict[str, Any] = {
        "staff_id": draw(st.sampled_from(ids)),
        "name": draw(text(60)),
        "team": draw(st.sampled_from(teams)),
        "job_title": draw(st.just("") | text(40)),
        "profession": profession,
        "fte": draw(shares),
        "contract": draw(st.sampled_from(list(Contract))),
        "birth_year": draw(st.none() | st.integers(1930, 2015)),
        "swe_registration": draw(st.none() | st.from_regex(r"SW[0-9]{1,8}", fullmatch=True)),
        "pcf_level": level,
        "domain_levels": draw(
            st.dictionaries(st.integers(1, 9), st.sampled_from(LEVELS), max_size=3)
        ),
        "role_functions": draw(role_functions()),
        "supervisor_id": draw(st.none() | st.sampled_from(ids) | text(10)),
        "line_manager_id": draw(st.none() | st.sampled_from(ids)),
        "amhp_supervisor_id": draw(st.none() | st.sampled_from(ids)),
        "external_supervisor": draw(optional_text()),
        "posts": tuple(draw(st.lists(st.sampled_from(POSTS), max_size=3, unique=True))),
        "amhp_cpd_hours": draw(st.none() | st.floats(0, 1000)),
        "amhp_qualified_year": draw(st.none() | st.integers(1983, 2100)),
        "bia": draw(st.booleans()),
        "practice_educator_stage": draw(st.none() | st.sampled_from([1, 2])),
        "extra": draw(st.dictionaries(st.sampled_from(extra), text(50), max_size=len(extra)))
        if extra
        else {},
    }
    if draw(st.booleans()):
        w["start_date"] = draw(dates())
    if draw(st.booleans()):
        start, leave = draw(ordered_dates())
        w["start_date"], w["planned_leaving_date"] = start, leave
    if profession.may_be_amhp and draw(st.booleans()):
        approved, expires = draw(ordered_dates())
        w.update(amhp_approved_on=approved, amhp_approval_expires=expires)
        w["amhp_approving_authority"] = draw(optional_text())
        w["amhp_rota_share"] = draw(st.floats(0, 1))
    if draw(st.booleans()):
        started, completes = draw(ordered_dates())
        w["amhp_training_started"] = started
        w["amhp_training_completes"] = draw(st.none() | st.just(completes))
    return w


@st.composite
def services(draw: st.DrawFn, max_workers: int = 8) -> Service:
    team_names = draw(st.lists(text(30), min_size=1, max_size=4, unique=True))
    extra = draw(st.lists(extra_names, max_size=3, unique=True))
    ids = draw(st.lists(text(12), min_size=1, max_size=max_workers, unique=True))
    rows = draw(st.lists(workers(ids, team_names, extra), min_size=0, max_size=max_workers))
    return Service.model_validate(
        {
            "name": draw(text(60)),
            "local_authority": draw(text(60)),
            "la_code": draw(st.none() | st.from_regex(r"E[0-9]{8}", fullmatch=True)),
            "adult_population": draw(st.none() | st.integers(0, 20_000_000)),
            "as_of": draw(dates()),
            "teams": [
                {"name": n, "kind": draw(st.sampled_from(get_args(TeamKind)))} for n in team_names
            ],
            "workers": [Worker.model_validate(w) for w in rows],
            "extra_columns": extra,
        }
    )


# --- messy cells for fuzzing ------------------------------------------------------------------

cell_values = st.one_of(
    st.just(""),
    st.text(string.printable, max_size=12),
    st.text(max_size=12).filter(lambda s: "\x00" not in s),
    st.floats(allow_nan=False, allow_infinity=False),
    st.integers(-(10**6), 10**6),
    st.booleans(),
    st.dates(date(1900, 3, 1), date(9999, 12, 31)),
    st.sampled_from(["ASYE", "60%", "31/02/2024", "=1+1", "A.i 30%", "Yes", "SW123", "-", "N/A"]),
)
headings = st.one_of(
    st.sampled_from([c.header for c in load_layout().columns]),
    st.sampled_from([s for c in load_layout().columns for s in c.synonyms]),
    st.text(max_size=15).filter(lambda s: "\x00" not in s),
)
