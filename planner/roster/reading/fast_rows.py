"""Workers built straight from converted columns, for the rows that pass every rule `Worker` checks.

Validating 100,000 rows one at a time through pydantic took longer than reading the file. The
converters in `values` already give each cell the type the model wants, so here each column is
screened, whole, against the model's own rules, and rows that pass become workers without being
validated again (as `model_construct` does, minus its per-field loop). A row that fails, or that
the screen is unsure of, is left to `Worker` validation, which names what is wrong in its own
words: a screen stricter than the model only costs time, never changes a result.

The rules are read from `Worker` itself, once, when this module is imported; none is written here
again. Each field's screen is chosen by its type and takes its limits from the field's metadata
(`MinLen`, `MaxLen`, `Gt`, `Ge`, `Lt`, `Le` and the `pattern`), its default from the field, its
choices from its enum or `Literal`, and runs the model's own field validators. A field with a
limit or validator its screen cannot read sends its whole column to validation rather than pass
anything unchecked. Only the rules across one row's fields (`Worker._consistent`) are written out
again, in `_rule_breaks`; tests/roster/test_worker_rules_one_source.py checks the derivation.

tests/roster/test_fast_rows.py checks that both paths give the same workers and problems on
generated rosters with bad values put in. Where the model adds nothing to the type a converter
promises (dates, text without a limit, yes/no), the column is taken as it is: that promise is
tested on its own in tests/roster/test_convert_contract.py.
"""

from __future__ import annotations

import inspect
from collections import deque
from collections.abc import Callable, Iterable
from datetime import date
from enum import Enum
from itertools import chain, compress, repeat
from math import isnan
from operator import is_, is_not, truth
from types import UnionType
from typing import Any, Literal, Union, get_args, get_origin

import annotated_types as at
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import SchemaValidator, core_schema

from planner.workforce.models import Profession, Worker

FIELDS = tuple(Worker.model_fields)
SCREENED = tuple(name for name in FIELDS if name != "extra")  # extra: the file's own columns
Column = list[Any]
Screen = Callable[[Column], tuple[Column, list[int]]]
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
_REQUIRED = object()  # a field every row must fill
_REFUSED = object()  # a value a field's own validators refused
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
    if not _ROWS_READ:  # the model checks rows in a way this module does not know
        doubt.update(range(n))
    for name in SCREENED:
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
    # in the model's order, which `_construct` pairs with FIELDS
    return _construct({k: columns[k] for k in FIELDS}, values, extra, doubt)


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


# --- the model's rules, read once when this module is imported -------------------------------

# annotated_types' limits, each kept by the name of its attribute (and of Field's keyword)
_LIMIT_NAMES: dict[type, str] = {
    at.MinLen: "min_length",
    at.MaxLen: "max_length",
    at.Gt: "gt",
    at.Ge: "ge",
    at.Lt: "lt",
    at.Le: "le",
}
_TEXT_LIMITS = frozenset({"min_length", "max_length", "pattern"})
_BOUNDS = frozenset({"gt", "ge", "lt", "le"})


def _parts(metadata: Iterable[object]) -> Iterable[object]:
    """Metadata with groups (`Len`, `Interval`, `StringConstraints`) taken apart."""
    for item in metadata:
        if isinstance(item, at.GroupedMetadata):
            yield from _parts(item)
        else:
            yield item


def read_limits(info: FieldInfo) -> tuple[dict[str, Any], list[object]]:
    """A field's limits by name (`{"min_length": 1, "max_length": 200}`) and the metadata left
    unread: anything but annotated_types' bounds and lengths and pydantic's `pattern`, and a limit
    given twice. A screen takes a field with unread metadata as one it cannot check."""
    limits: dict[str, Any] = {}
    unread: list[object] = []
    for item in _parts(info.metadata):
        name = _LIMIT_NAMES.get(type(item))
        if name is not None:
            value = getattr(item, name)
        elif type(item).__name__ == "_PydanticGeneralMetadata" and set(vars(item)) == {"pattern"}:
            name, value = "pattern", vars(item)["pattern"]  # where Field(pattern=...) puts it
        else:
            unread.append(item)
            continue
        if name in limits:
            unread.append(item)
        else:
            limits[name] = value
    return limits, unread


def _takes_value_only(func: Callable[..., Any]) -> bool:
    try:
        params = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):
        return False
    positional = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    return [p.kind in positional for p in params] == [True]


def _read_field_rules() -> dict[str, tuple[Callable[[Any], Any], ...] | None]:
    """Each field's own validators that run after its type is checked, in the order the model
    runs them; None for a field with a validator this module cannot run itself (one that runs
    before or instead of the type check, or that wants pydantic's `info`)."""
    decorators = Worker.__pydantic_decorators__
    rules: dict[str, list[Callable[[Any], Any]] | None] = {}
    for d in decorators.field_validators.values():
        usable = d.info.mode == "after" and _takes_value_only(d.func)
        for name in FIELDS if "*" in d.info.fields else d.info.fields:
            known = rules.setdefault(name, [])
            if known is not None and usable:
                known.append(d.func)
            else:
                rules[name] = None
    for v1 in decorators.validators.values():  # pydantic 1's @validator: not run here
        for name in FIELDS if "*" in v1.info.fields else v1.info.fields:
            rules[name] = None
    return {name: None if r is None else tuple(r) for name, r in rules.items()}


def _inner(annotation: Any) -> Any:
    """The type a field holds when it is not None: `date` for `date | None`."""
    args = get_args(annotation)
    if get_origin(annotation) in (Union, UnionType) and _NONE in args:
        rest = [a for a in args if a is not _NONE]
        if len(rest) == 1:
            return rest[0]
    return annotation


def _all_exact(kind: Any) -> Callable[[Any], bool] | None:
    """A check that every value in a collection is exactly of `kind`, as a converter gives it, so
    that validating the type would hand it on unchanged (None where that cannot be told). Text
    must be stripped: the model strips it before its validators see it, and str.strip() trims
    more than the model does."""
    if kind is str:

        def texts(values: Any) -> bool:
            return set(map(type, values)) <= {str} and all(
                map(str.__eq__, map(str.strip, values), values)
            )

        return texts
    if kind in (int, float, bool):

        def scalars(values: Any) -> bool:
            return set(map(type, values)) <= {kind}

        return scalars
    return None


def _exact(kind: Any) -> Callable[[list[Any]], bool] | None:
    """`_all_exact` for values of `kind` that may be dicts or tuples of any length, their keys
    and members all checked together (a pass in C for each, however many values)."""
    origin, args = get_origin(kind), get_args(kind)
    if origin is dict and len(args) == 2:
        keys, items = _all_exact(args[0]), _all_exact(args[1])
        if keys is None or items is None:
            return None
        all_keys, all_items = keys, items

        def mappings(values: list[Any]) -> bool:
            return (
                set(map(type, values)) <= {dict}
                and all_keys(list(chain.from_iterable(values)))
                and all_items(list(chain.from_iterable(map(dict.values, values))))
            )

        return mappings
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        members = _all_exact(args[0])
        if members is None:
            return None
        all_members = members

        def sequences(values: list[Any]) -> bool:
            return set(map(type, values)) <= {tuple} and all_members(
                list(chain.from_iterable(values))
            )

        return sequences
    return _all_exact(kind)


_READ = {name: read_limits(info) for name, info in Worker.model_fields.items()}
_LIMITS = {name: limits for name, (limits, _) in _READ.items()}
_UNREAD = {name: unread for name, (_, unread) in _READ.items()}
_FIELD_RULES = _read_field_rules()
_DECORATORS = Worker.__pydantic_decorators__
# `_rule_breaks` below is `Worker._consistent` written out again (no metadata states it), and
# `_extra_column` reads no rule for `extra`: any other rule the model checks on whole rows, or
# for `extra`, sends every row to validation.
_ROWS_READ = (
    not _DECORATORS.root_validators
    and list(_DECORATORS.model_validators) == ["_consistent"]
    and not (_LIMITS["extra"] or _UNREAD["extra"] or _FIELD_RULES.get("extra", ()))
)


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


def _to_validation(column: Column) -> tuple[Column, list[int]]:
    """The screen for a field with a rule no screen here reads: every row is validated."""
    return column, list(range(len(column)))


class _Pattern:
    """A field's `pattern`, matched by pydantic-core with the model's own regex engine, so read
    just as the model reads it. Only ASCII text passes: a margin, stricter than the model (whose
    `\\d` also takes other scripts' digits), that sends such rows to validation."""

    def __init__(self, pattern: Any) -> None:
        text = core_schema.str_schema(
            pattern=pattern, strict=True, regex_engine=Worker.model_config.get("regex_engine")
        )
        self._one = SchemaValidator(text)
        self._all = SchemaValidator(core_schema.list_schema(text))

    def fits(self, value: str) -> bool:
        return value.isascii() and self._one.isinstance_python(value)

    def all_fit(self, texts: list[str]) -> bool:
        return "".join(texts).isascii() and self._all.isinstance_python(texts)


def _text(name: str, limits: dict[str, Any]) -> Screen:
    required = name not in _DEFAULT
    default = _DEFAULT.get(name)
    shortest: int = limits.get("min_length", 0)
    longest: int | None = limits.get("max_length")
    pattern = _Pattern(limits["pattern"]) if "pattern" in limits else None

    def fits(v: Any) -> bool:
        return (
            v.__class__ is str
            and shortest <= len(v)
            and (longest is None or len(v) <= longest)
            and (pattern is None or pattern.fits(v))
        )

    def clean(texts: list[Any], blanks: bool) -> bool:
        # "" is the one false text and a blank is None, so with no blanks no text is empty.
        if shortest and blanks and not all(texts):
            return False
        # str.__len__ and str.join refuse anything but text: one pass checks type and length
        try:
            if shortest > 1:
                lengths = list(map(str.__len__, texts))
                if min(lengths, default=shortest) < shortest:
                    return False
                most = max(lengths, default=0)
            elif longest is not None or pattern is None:
                most = max(map(str.__len__, texts), default=0)
            else:  # a pattern alone: its pass tells the type
                most = 0
            return (longest is None or most <= longest) and (
                pattern is None or pattern.all_fit(texts)
            )
        except TypeError:
            return False

    def screen(column: Column) -> tuple[Column, list[int]]:
        blanks = not all(column)  # converted text is never "" (a blank is None): told in C
        texts = _present(column) if blanks else column
        if (required and blanks) or not clean(texts, blanks):
            bad = [
                i
                for i, v in enumerate(column)
                if (v is None and required) or (v is not None and not fits(v))
            ]
        else:
            bad = []
        return (column if default is None else _filled(column, default, blanks)), bad

    return screen


def _number(name: str, cls: type, limits: dict[str, Any]) -> Screen:
    default = _DEFAULT.get(name, _REQUIRED)
    gt, ge, lt, le = (limits.get(bound) for bound in ("gt", "ge", "lt", "le"))

    def fits(v: Any) -> bool:  # NaN fits no bound
        return bool(
            (gt is None or gt < v)
            and (ge is None or ge <= v)
            and (lt is None or v < lt)
            and (le is None or v <= le)
        )

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
    no limit. Their types are the converter's tested contract
    (tests/roster/test_convert_contract.py), so they are not gone through again."""
    return column, []


def _given(name: str) -> Screen:
    """`_as_converted`, with the field's default for a blank, or a blank refused where the field
    is required."""
    default = _DEFAULT.get(name, _REQUIRED)
    if default is None:
        return _as_converted

    def screen(column: Column) -> tuple[Column, list[int]]:
        blanks = None in column
        if default is _REQUIRED:
            return column, ([i for i, v in enumerate(column) if v is None] if blanks else [])
        return _filled(column, default, blanks), []

    return screen


def _choice(name: str, kind: type[Enum]) -> Screen:
    members: dict[Any, Any] = {m.value: m for m in kind}
    members[None] = _DEFAULT.get(name, _REFUSED)
    types = {type(m.value) for m in kind}

    def screen(column: Column) -> tuple[Column, list[int]]:
        if _only(column, *types):
            out = list(map(members.get, column, repeat(_REFUSED)))
        else:
            out = [
                members.get(v, _REFUSED) if v is None or v.__class__ in types else _REFUSED
                for v in column
            ]
        return out, ([i for i, v in enumerate(out) if v is _REFUSED] if _REFUSED in out else [])

    return screen


def _literal(name: str, choices: tuple[Any, ...]) -> Screen:
    default = _DEFAULT.get(name, _REQUIRED)
    types = {type(c) for c in choices}

    def screen(column: Column) -> tuple[Column, list[int]]:
        typed = _only(column, *types)
        present = set(column) if typed else set()
        blanks = None in present if typed else None in column
        present.discard(None)
        if typed and present <= set(choices) and not (blanks and default is _REQUIRED):
            bad = []
        else:
            bad = [
                i
                for i, v in enumerate(column)
                if (v is None and default is _REQUIRED)
                or (v is not None and (v.__class__ not in types or v not in choices))
            ]
        if default is not None and default is not _REQUIRED:
            column = _filled(column, default, blanks)
        return column, bad

    return screen


def _no_blanks(column: Column) -> tuple[Column, list[int]]:
    # yes/no converts to bool or blank (the contract), and the truth of None is False, the default
    return list(map(truth, column)), []


def _bool(name: str) -> Screen:
    return _no_blanks if _DEFAULT.get(name) is False else _literal(name, (True, False))


def _checked(name: str, kind: Any, rules: tuple[Callable[[Any], Any], ...]) -> Screen | None:
    """Screen a field with validators of its own (None where its type cannot be told). Each
    distinct value is checked for type and run through the model's validators once, and its rows
    get what those give back, which is what validation keeps. Containers are told apart by
    identity (the converter shares one object per distinct text), other values by value. Blanks
    get the field's default, which validation does not check."""
    typed = _exact(kind)
    if typed is None:
        return None
    is_typed = typed
    containers = get_origin(kind) in (dict, tuple)
    own_dicts = get_origin(kind) is dict  # each worker its own dict, as validation gives
    blank = _DEFAULT.get(name, _REFUSED)

    def check(value: Any) -> Any:
        """What the validators make of a value of the field's type; the value itself where they
        hand back what they were given, unchanged (a dict is given as a copy, never the shared
        object, and compared with it after), or equal text."""
        given = value.copy() if value.__class__ is dict else value
        result = given
        try:
            for rule in rules:
                result = rule(result)
        except Exception:  # validation reports it in its own words (or raises it, as here)
            return _REFUSED
        if result is given and (given is value or list(given.items()) == list(value.items())):
            return value
        if result.__class__ is str and value.__class__ is str and result == value:
            return value  # equal text is the same text
        return result

    def screen(column: Column) -> tuple[Column, list[int]]:
        # By value only where every value is of the one type (1, 1.0 and True are equal keys).
        by_value = not containers and _only(column, kind)
        distinct = (
            set(column) if by_value else dict(zip(map(id, column), column, strict=True)).values()
        )
        present = [v for v in distinct if v is not None]
        blanks = len(present) < len(distinct)
        if is_typed(present):  # the usual case: every value's type told in one go
            checked = list(map(check, present))
        else:
            checked = [check(v) if is_typed([v]) else _REFUSED for v in present]
        if all(map(is_, checked, present)) and not (blanks and blank is _REFUSED):
            out = _filled(column, blank, blanks) if blank is not None else column
            if own_dicts and (blank.__class__ is dict or not blanks):
                return list(map(dict.copy, out)), []  # copied in C
            if own_dicts:
                return [r.copy() if r.__class__ is dict else r for r in out], []
            return out, []
        # Some value changed or refused: each row looked up by its value's key.
        keys: Column = column if by_value else list(map(id, column))
        table = dict(zip(present if by_value else map(id, present), checked, strict=True))
        table[None if by_value else id(None)] = blank
        refused = {k for k, r in table.items() if r is _REFUSED}
        bad = [i for i, k in enumerate(keys) if k in refused] if refused else []
        for k in refused:
            table[k] = _EMPTY if own_dicts else None
        out = list(map(table.__getitem__, keys))
        if not own_dicts:
            return out, bad
        if all(r.__class__ is dict for r in table.values()):
            return list(map(dict.copy, out)), bad
        return [r.copy() if r.__class__ is dict else r for r in out], bad

    return screen


def _screen(name: str) -> Screen:
    """The screen for one field, chosen by the type it holds; `_to_validation` where the field
    has a limit or a validator that screen does not read, or a type no screen here knows."""
    info = Worker.model_fields[name]
    limits, rules = _LIMITS[name], _FIELD_RULES.get(name, ())
    kind = _inner(info.annotation)
    made: Screen | None = None
    if _UNREAD[name] or rules is None:
        pass
    elif rules:  # its own validators, and no limits besides
        made = None if limits else _checked(name, kind, rules)
    elif kind in (int, float):
        made = _number(name, kind, limits) if set(limits) <= _BOUNDS else None
    elif kind is str:
        if set(limits) <= _TEXT_LIMITS:
            made = _text(name, limits) if limits or name not in _DEFAULT else _given(name)
    elif limits:  # the screens below read no limits
        pass
    elif get_origin(kind) is Literal:
        made = _literal(name, get_args(kind))
    elif kind is bool:
        made = _bool(name)
    elif get_origin(kind) is None and isinstance(kind, type) and issubclass(kind, Enum):
        made = _choice(name, kind)
    elif kind is date:
        made = _given(name)
    return _to_validation if made is None else made


_SCREENS: dict[str, Screen] = {name: _screen(name) for name in SCREENED}


# --- rules across one row's fields (Worker._consistent) ---------------------------------------


def _rule_breaks(c: dict[str, Column], doubt: set[int]) -> list[int]:
    """Rows breaking a rule of `Worker._consistent`; rows already in doubt are not compared."""
    sw, other = Profession.SOCIAL_WORKER, Profession.OTHER
    # Walked lazily: zip hands back the same tuple each time, so no row tuples pile up.
    rows = zip(
        c["profession"],
        c["pcf_level"],
        c["start_date"],
        c["planned_leaving_date"],
        c["amhp"],
        c["amhp_approved_on"],
        c["amhp_approval_expires"],
        c["amhp_training_started"],
        c["amhp_training_completes"],
        c["amhp_rota_share"],
        strict=True,
    )
    return [
        i
        for i, (prof, level, start, leave, amhp, approved, expires, t_start, t_end, rota) in (
            enumerate(rows)
        )
        if i not in doubt
        and (
            (prof is sw and level is None)
            or (start and leave and leave < start)
            or (amhp is False and (approved or expires))
            or (approved and expires and expires <= approved)
            or (t_start and t_end and t_end <= t_start)
            or (rota > 0 and not (amhp or approved or expires))
            or (prof is other and (amhp or approved or expires))
        )
    ]
