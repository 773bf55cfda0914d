"""Workers built straight from converted columns, for the rows that pass every rule `Worker` checks.

Validating 100,000 rows one at a time through pydantic took longer than reading the file. The
converters in `values` already give each cell the type the model wants, so here each column is
screened, whole, against the same limits as `Worker`'s fields and validators, and rows that pass
become workers without being validated again (as `model_construct` does, minus its per-field
loop). A row that fails, or that the screen is unsure of, is left to `Worker` validation, which
names what is wrong in its own words: a screen stricter than the model only costs time, never
changes a result. tests/roster/test_fast_rows.py checks that both paths give the same workers and
problems on generated rosters with bad values put in. Where the model adds nothing to the type a
converter promises (dates, text without a length limit, yes/no), the column is taken as it is:
that promise is tested on its own in tests/roster/test_convert_contract.py.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable
from functools import cache
from itertools import compress, repeat
from math import isnan
from operator import is_not, truth
from typing import Any

from pydantic import BaseModel

from planner.reference.framework import load_framework
from planner.workforce.models import SHARE_TOLERANCE, Contract, Profession, Worker

FIELDS = tuple(Worker.model_fields)
Column = list[Any]
Screen = Callable[[Column], tuple[Column, list[int]]]
_SWE = re.compile(r"SW[0-9]{1,8}")  # ASCII only: the model's \d also takes other digits
_SWE_ALL = re.compile(r"(?:SW[0-9]{1,8}\n)*")
_NONE = type(None)
_DEFAULT = {
    name: info.get_default(call_default_factory=True)
    for name, info in Worker.model_fields.items()
    if not info.is_required()
}
_MUTABLE = frozenset(n for n, v in _DEFAULT.items() if isinstance(v, dict))
# The four slots validation fills on a new model, set directly as `model_construct` does.
_SLOT_SETTERS = tuple(
    vars(BaseModel)[slot].__set__
    for slot in (
        "__dict__",
        "__pydantic_fields_set__",
        "__pydantic_extra__",
        "__pydantic_private__",
    )
)
_REQUIRED = object()  # a numeric field every row must fill
_NOT_THERE = object()
_EMPTY: dict[Any, Any] = {}  # only ever copied


def build_workers(
    values: dict[str, Column], extra: dict[str, list[str]], n: int
) -> dict[int, Worker]:
    """Workers for the rows (by index) whose converted values pass every rule of the model.

    `values` holds each field's converted column (None where the cell was blank or held the
    default); `extra` the text of the file's own columns.
    """
    columns: dict[str, Column] = {}
    doubt: set[int] = set()
    for name in FIELDS[:-1]:
        given = values.get(name)
        if given is None:
            columns[name] = _default_column(name, n)
            if name not in _DEFAULT:  # a required field with no column: the model reports it
                doubt.update(range(n))
            continue
        column, bad = _SCREENS[name](given)
        columns[name] = column
        doubt.update(bad)
    columns["extra"] = _extra_column(extra, n, doubt)
    doubt.update(_rule_breaks(columns, doubt))
    return _construct(columns, values, extra, doubt)


def _construct(
    columns: dict[str, Column],
    values: dict[str, Column],
    extra: dict[str, list[str]],
    doubt: set[int],
) -> dict[int, Worker]:
    n = len(columns["extra"])
    rows: Iterable[tuple[Any, ...]] = zip(*columns.values(), strict=True)
    fields_sets: Iterable[set[str]] = _fields_set(values, extra, n)
    keep: Iterable[int] = range(n)
    if doubt:
        passed = [i not in doubt for i in range(n)]
        rows = compress(rows, passed)
        fields_sets = compress(fields_sets, passed)
        keep = compress(keep, passed)
    # Whole rows to dicts, and dicts to workers, without a Python-level loop: map, zip and the
    # slots' own setters all run in C.
    dicts = list(map(dict, map(zip, repeat(FIELDS), rows)))
    workers = list(map(Worker.__new__, repeat(Worker, len(dicts))))
    for setter, given in zip(
        _SLOT_SETTERS, (dicts, fields_sets, repeat(None), repeat(None)), strict=True
    ):
        deque(map(setter, workers, given), maxlen=0)
    return dict(zip(keep, workers, strict=True))


def _fields_set(values: dict[str, Column], extra: dict[str, list[str]], n: int) -> list[set[str]]:
    """The fields each row gave, as validation records them (blanks and defaults are not)."""
    given = {k: v for k, v in values.items() if k in Worker.model_fields}
    # A column is full when nothing in it is false (one truth pass in C, no call per value), or
    # else when None, the one blank, is not in it (a slower pass: a compare per value).
    full = [k for k, v in given.items() if all(v) or None not in v]
    # A column left blank throughout adds nothing to any row: told by a truth pass over None
    # alone (no call per value), confirmed by counting it.
    sparse = [k for k, v in given.items() if k not in full and (any(v) or v.count(None) < n)]
    flags = [map(is_not, given[k], repeat(None)) for k in sparse]
    if extra:
        sparse.append("extra")
        flags.append(map(any, zip(*extra.values(), strict=True)))
    if not flags:
        return [set(full)] * n
    return list(map(_FieldSets(full, sparse).__getitem__, zip(*flags, strict=True)))


class _FieldSets(dict[tuple[bool, ...], set[str]]):
    """Each pattern of filled cells' field set, made when first met. Rows share a handful of
    patterns, so they share their sets: pydantic only ever changes a copy of one (model_copy),
    and a frozen model never."""

    def __init__(self, full: list[str], sparse: list[str]) -> None:
        super().__init__()
        self.full, self.sparse = full, sparse

    def __missing__(self, pattern: tuple[bool, ...]) -> set[str]:
        names = self[pattern] = {*self.full, *compress(self.sparse, pattern)}
        return names


def _empty_dicts(n: int) -> Column:
    """A new empty dict for each row, as the model's default_factory gives (copied in C)."""
    return list(map(dict.copy, repeat(_EMPTY, n)))


def _default_column(name: str, n: int) -> Column:
    if name in _MUTABLE:  # each worker gets its own, as the model's default_factory gives
        return _empty_dicts(n)
    return [_DEFAULT.get(name)] * n


def _extra_column(extra: dict[str, list[str]], n: int, doubt: set[int]) -> Column:
    if not extra:
        return _empty_dicts(n)
    names = list(extra)
    if any(k.__class__ is not str or k != k.strip() for k in names):
        doubt.update(range(n))  # headings the model would strip: let it
    return [
        {k: t for k, t in zip(names, texts, strict=True) if t}
        for texts in zip(*extra.values(), strict=True)
    ]


# --- one screen per field ---------------------------------------------------------------------


def _only(column: Column, *types: type) -> bool:
    """True when every value is None or of exactly these types (checked in C)."""
    return set(map(type, column)) <= {_NONE, *types}


def _present(column: Column) -> list[Any]:
    return list(compress(column, map(is_not, column, repeat(None))))


def _filled(column: Column, default: Any, blanks: bool) -> Column:
    """The column with its blanks (None) as `default`; `blanks` says whether there are any, as
    the screen has already found out (`None in column` is a pass of its own)."""
    return [default if v is None else v for v in column] if blanks else column


# Each screen first asks, in C, whether the whole column is clean (the usual case); only a column
# that is not is then gone through value by value to find its rows.


def _text(required: bool, max_length: int | None, default: Any = None) -> Screen:
    def screen(column: Column) -> tuple[Column, list[int]]:
        # Converted text is never "" (a blank is None), so truth tells a blank in C. str.__len__
        # refuses anything but text: one pass checks type and length.
        blanks = not all(column)
        try:
            texts = filter(None, column) if blanks else column
            longest: int | None = max(map(str.__len__, texts), default=0)
        except TypeError:
            longest = None
        if longest is None or (required and blanks) or longest > (max_length or longest):
            bad = [
                i
                for i, v in enumerate(column)
                if (v is None and required)
                or (v is not None and (v.__class__ is not str or len(v) > (max_length or len(v))))
            ]
        else:
            bad = []
        return (column if default is None else _filled(column, default, blanks)), bad

    return screen


def _number(cls: type, low: float, high: float, default: Any, low_open: bool = False) -> Screen:
    def fits(v: Any) -> bool:
        return bool(low < v if low_open else low <= v) and bool(v <= high)  # NaN fits nowhere

    def screen(column: Column) -> tuple[Column, list[int]]:
        types = set(map(type, column))  # one pass tells both the types and any blank
        values = _present(column) if _NONE in types else column
        clean = (
            types <= {_NONE, cls}
            and not (default is _REQUIRED and _NONE in types)
            and (not values or (fits(min(values)) and fits(max(values))))
            # min and max can pass over a NaN, a sum never does (nor an infinity, which fits not)
            and not (cls is float and isnan(sum(values)))
        )
        bad = (
            []
            if clean
            else [
                i
                for i, v in enumerate(column)
                if (v is None and default is _REQUIRED)
                or (v is not None and (v.__class__ is not cls or not fits(v)))
            ]
        )
        if default is not None and default is not _REQUIRED:
            column = _filled(column, default, _NONE in types)
        return column, bad

    return screen


def _as_converted(column: Column) -> tuple[Column, list[int]]:
    """A column the model takes just as `values.convert_column` gives it: dates, and text with
    no length limit. Their types are the converter's tested contract
    (tests/roster/test_convert_contract.py), so they are not gone through again."""
    return column, []


def _choice(kind: type[Profession] | type[Contract], default: Any) -> Screen:
    members: dict[Any, Any] = {m.value: m for m in kind}
    members[None] = default

    def screen(column: Column) -> tuple[Column, list[int]]:
        if _only(column, str):
            out = list(map(members.get, column))
        else:
            out = [members.get(v) if v is None or v.__class__ is str else None for v in column]
        return out, ([i for i, v in enumerate(out) if v is None] if None in out else [])

    return screen


def _swe(column: Column) -> tuple[Column, list[int]]:
    # Converted text is exactly str and never "" (the converter's contract), so None is the
    # only false value: filter(None) drops blanks without a call per value. One match over all
    # values joined by newlines; a value holding a newline itself would make the count differ.
    values = list(filter(None, column))
    try:
        joined = "\n".join([*values, ""])
    except TypeError:  # not text after all: the value-by-value check below says where
        joined = ""
    if joined.count("\n") == len(values) and _SWE_ALL.fullmatch(joined):
        return column, []
    fits = _SWE.fullmatch
    return column, [
        i for i, v in enumerate(column) if v is not None and (v.__class__ is not str or not fits(v))
    ]


def _pcf_level(column: Column) -> tuple[Column, list[int]]:
    ids = _level_ids()
    if _only(column, str) and set(column) - {None} <= ids:
        return column, []
    return column, [i for i, v in enumerate(column) if v is not None and v not in ids]


@cache
def _level_ids() -> frozenset[str]:
    """Level ids the model keeps as they are (it parses each again, which must give itself)."""
    fw = load_framework()
    return frozenset(i for i in fw.level_ids() if fw.parse_level(i) == i)


def _by_identity(check: Callable[[Any], Any], empty: Callable[[], Any]) -> Screen:
    """Screen a column of dicts or tuples; the converter shares one object per distinct text."""

    def screen(column: Column) -> tuple[Column, list[int]]:
        distinct = dict(zip(map(id, column), column, strict=True))  # keeps each alive: ids stay
        blanks = distinct.pop(id(None), _NOT_THERE) is not _NOT_THERE
        if all(check(v) is v for v in distinct.values()):  # each passes just as it is
            if empty is tuple:
                return _filled(column, (), blanks), []
            # each worker its own dict, as validation gives: copied in C, blanks as well
            return list(map(dict.copy, _filled(column, _EMPTY, blanks))), []
        seen: dict[int, Any] = {}
        out: Column = []
        bad: list[int] = []
        for i, v in enumerate(column):
            if v is None:
                out.append(empty())
                continue
            key = id(v)
            if key not in seen:
                seen[key] = check(v)
            result = seen[key]
            if result is None:
                bad.append(i)
                out.append(v)
            else:
                out.append(result.copy() if isinstance(result, dict) else result)
        return out, bad

    return screen


def _domain_levels(value: Any) -> dict[int, str] | None:
    if value.__class__ is not dict:
        return None
    ids = _level_ids()
    ok = all(d.__class__ is int and 1 <= d <= 9 and lv in ids for d, lv in value.items())
    if not ok:
        return None
    return value if list(value) == sorted(value) else dict(sorted(value.items()))


def _role_functions(value: Any) -> dict[str, float] | None:
    if value.__class__ is not dict:
        return None
    codes = load_framework().function_code_set()
    ok = all(c in codes and s.__class__ is float and 0 < s <= 1 for c, s in value.items())
    return value if ok and sum(value.values()) <= 1 + SHARE_TOLERANCE else None


def _posts(value: Any) -> tuple[str, ...] | None:
    if value.__class__ is not tuple:
        return None
    known = load_framework().post_ids()
    ok = all(p in known for p in value) and len(set(value)) == len(value)
    return value if ok else None


def _bool(column: Column) -> tuple[Column, list[int]]:
    # yes/no converts to bool or blank (the contract), and the truth of None is False
    return list(map(truth, column)), []


def _stage(column: Column) -> tuple[Column, list[int]]:
    if _only(column, int) and set(column) <= {None, 1, 2}:
        return column, []
    return column, [
        i
        for i, v in enumerate(column)
        if v is not None and (v.__class__ is not int or v not in (1, 2))
    ]


_SCREENS: dict[str, Screen] = {
    "staff_id": _text(True, 64),
    "name": _text(True, 200),
    "team": _text(True, 200),
    "job_title": _text(False, 200, ""),
    "profession": _choice(Profession, Profession.SOCIAL_WORKER),
    "fte": _number(float, 0, 1, _REQUIRED, low_open=True),
    "contract": _choice(Contract, Contract.PERMANENT),
    "start_date": _as_converted,
    "planned_leaving_date": _as_converted,
    "birth_year": _number(int, 1930, 2015, None),
    "swe_registration": _swe,
    "pcf_level": _pcf_level,
    "domain_levels": _by_identity(_domain_levels, dict),
    "role_functions": _by_identity(_role_functions, dict),
    "amhp_rota_share": _number(float, 0, 1, 0.0),
    "supervisor_id": _as_converted,
    "line_manager_id": _as_converted,
    "amhp_supervisor_id": _as_converted,
    "external_supervisor": _as_converted,
    "posts": _by_identity(_posts, tuple),
    "amhp_approving_authority": _as_converted,
    "amhp_approved_on": _as_converted,
    "amhp_approval_expires": _as_converted,
    "amhp_cpd_hours": _number(float, 0, 1000, None),
    "amhp_training_started": _as_converted,
    "amhp_training_completes": _as_converted,
    "bia": _bool,
    "practice_educator_stage": _stage,
}


# --- rules across one row's fields (Worker._consistent) ---------------------------------------


def _rule_breaks(c: dict[str, Column], doubt: set[int]) -> list[int]:
    """Rows breaking a rule of `Worker._consistent`; rows already in doubt are not compared."""
    sw = Profession.SOCIAL_WORKER
    # Walked lazily: zip hands back the same tuple each time, so no row tuples pile up.
    rows = zip(
        c["profession"],
        c["pcf_level"],
        c["start_date"],
        c["planned_leaving_date"],
        c["amhp_approved_on"],
        c["amhp_approval_expires"],
        c["amhp_training_started"],
        c["amhp_training_completes"],
        c["amhp_rota_share"],
        strict=True,
    )
    return [
        i
        for i, (prof, level, start, leave, approved, expires, t_start, t_end, rota) in enumerate(
            rows
        )
        if i not in doubt
        and (
            (prof is sw and level is None)
            or (start and leave and leave < start)
            or ((approved or expires) and not (approved and expires))
            or (approved and expires and expires <= approved)
            or (t_start and t_end and t_end <= t_start)
            or (rota > 0 and approved is None)
        )
    ]
