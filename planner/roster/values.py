"""Cell values as HR types them, read into Worker values and written back the same way.

Reading forgives what spreadsheets do: Excel date serials, text dates in UK order (31/01/2024,
1 Jan 24, 2024-01-31), Yes/Y/TRUE, FTE as 0.6 or 60%, PCF levels by name or abbreviation
(through `Framework.parse_level`), role functions as "A.i 30%; E.ii 10%". A cell that cannot
be read becomes a `Bad` value carrying a sentence for HR, never an exception: so does a number
that is not finite (inf, nan, 1e999: floats to Python, nonsense to HR) and text longer than the
32,767 characters a spreadsheet cell holds (Excel would cut it when the roster is next saved).
Writing produces the forms reading accepts, so a roster goes out and comes back unchanged.

Columns are converted whole (`convert_column`): a 100,000-row roster has millions of cells, so
the common cell types take a fast path and only unusual cells reach the slower parsers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from functools import cache, lru_cache
from itertools import repeat
from typing import Any

from planner.reference.framework import load_framework
from planner.roster.layout import ChoiceList, Kind, load_layout, normalise
from planner.roster.suggest import choice_words, did_you_mean, level_words, post_words

# Unicode White_Space: what pydantic's str_strip_whitespace trims, so blanks agree with the model.
WS = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
EXCEL_EPOCH = date(1899, 12, 30)  # serial 61 and later; Excel counts a 29/02/1900 that never was
FIRST_SERIAL_DATE = date(1900, 3, 1)
LAST_SERIAL = 2958465  # 31/12/9999
ISO_EPOCH_ORDINAL = EXCEL_EPOCH.toordinal()
Cell = Any  # str, float, int, bool, date, datetime, time or timedelta as the readers give them


_INF = math.inf
CELL_CHARS = 32_767  # the most characters a spreadsheet cell holds: Excel cuts longer text
USER_TEXT_CACHE = 4096  # distinct texts remembered; bounded, as a server reads many files


class Bad:
    """A cell that could not be read, with the reason in words HR understands."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message

    def __repr__(self) -> str:
        return f"Bad({self.message!r})"


def cell_text(value: Cell) -> str:
    """A cell as the text HR would see, for problem reports and kept columns."""
    cls = value.__class__
    if cls is str:
        return str(value).strip(WS)
    if cls is bool:
        return "TRUE" if value else "FALSE"
    if cls is float or cls is int:
        return number_text(value)
    if cls is datetime:
        if value.time() == time(0):
            return uk_date(value)
        return f"{uk_date(value)} {value:%H:%M}"
    if cls is date:
        return uk_date(value)
    return str(value)


def uk_date(day: date) -> str:
    """31/01/2024; the year always has four digits, which strftime does not promise."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def number_text(value: float) -> str:
    if math.isfinite(value) and value == int(value) and abs(value) < 1e16:
        return str(int(value))
    return repr(float(value))


def _text(value: Cell) -> str | None:
    return cell_text(value) or None


# --- numbers ----------------------------------------------------------------------------------


def _number(value: Cell) -> float | Bad:
    cls = value.__class__
    if (cls is float or cls is int) and math.isfinite(value):
        return float(value)
    if cls is str:
        text = value.strip(WS).replace(",", "")
        try:
            number = float(text)
        except ValueError:
            return Bad(f"{text!r} is not a number")
        return number if math.isfinite(number) else Bad(f"{text!r} is not a number")
    return Bad(f"{cell_text(value)!r} is not a number")


def _share(value: Cell) -> float | Bad:
    """A share of time: 0.6, 60% (text) or a cell formatted as a percentage (stored 0.6)."""
    if value.__class__ is str:
        text = value.strip(WS)
        if text.endswith("%"):
            try:
                share = float(text[:-1].strip(WS)) / 100
            except ValueError:
                share = math.nan
            if math.isfinite(share):
                return share
            return Bad(f"{text!r} is not a share: write 0.6 or 60%")
        number = _number(text)
        return (
            Bad(f"{text!r} is not a share: write 0.6 or 60%") if isinstance(number, Bad) else number
        )
    if value.__class__ is bool:
        return Bad(f"{cell_text(value)!r} is not a share: write 0.6 or 60%")
    return _number(value)


def _year(value: Cell) -> int | Bad:
    if isinstance(value, date):
        return value.year
    number = _number(value)
    if isinstance(number, Bad) or number != int(number):
        return Bad(f"{cell_text(value)!r} is not a year like 1971")
    return int(number)


def _stage(value: Cell) -> int | Bad:
    text = cell_text(value)
    match = re.fullmatch(r"(?:stage\s*)?([12])(?:\.0)?", text.lower())
    if not match:
        return Bad(f"{text!r} is not a practice educator stage: write 1 or 2")
    return int(match.group(1))


# --- dates ------------------------------------------------------------------------------------

_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_NUMERIC = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00(?:\.0+)?)?)?")
_WORDS = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[\s\-]+([a-z]+)\.?[\s\-,]+(\d{4}|\d{2})")


def serial_date(serial: float) -> date | Bad:
    """An Excel date serial (1900 date system) as a date."""
    if not 1 <= serial < LAST_SERIAL + 1:
        return Bad(f"{number_text(serial)} is not a date Excel can hold")
    whole = int(serial)
    if whole == 60:
        return Bad(f"{number_text(serial)} is not a date Excel can hold")
    if whole < 60:  # before Excel's phantom 29/02/1900
        return EXCEL_EPOCH + timedelta(days=whole + 1)
    return date.fromordinal(ISO_EPOCH_ORDINAL + whole)


def _full_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:  # POSIX rule, as strptime's %y: 69-99 are 1900s, 00-68 are 2000s
        year += 1900 if year >= 69 else 2000
    return year


def _make_date(year: int, month: int, day: int, text: str) -> date | Bad:
    if not 1 <= month <= 12:
        return Bad(f"{text!r} has no month {month}: dates are read day/month/year, as in the UK")
    try:
        return date(year, month, day)
    except ValueError:
        return Bad(f"{text!r} is not a real date")


@lru_cache(maxsize=USER_TEXT_CACHE)
def parse_date_text(text: str) -> date | Bad | None:
    """A text date in UK order; None for a blank."""
    text = text.strip(WS)
    if not text:
        return None
    low = text.lower()
    if match := _NUMERIC.fullmatch(low):
        day, month, year = match.groups()
        return _make_date(_full_year(year), int(month), int(day), text)
    if match := _ISO.fullmatch(low):
        year, month, day = match.groups()
        return _make_date(int(year), int(month), int(day), text)
    if (match := _WORDS.fullmatch(low)) and match.group(2) in _MONTHS:
        day, month_name, year = match.groups()
        return _make_date(_full_year(year), _MONTHS[month_name], int(day), text)
    if low.isdigit():
        return serial_date(float(low))
    return Bad(f"{text!r} is not a date: write it as 31/01/2024")


def _date(value: Cell) -> date | Bad | None:
    cls = value.__class__
    if cls is date:
        return value  # type: ignore[no-any-return]
    if cls is datetime:
        return value.date()  # type: ignore[no-any-return]
    if cls is str:
        return parse_date_text(value)
    if cls is float or cls is int:
        return serial_date(value)
    return Bad(f"{cell_text(value)!r} is not a date: write it as 31/01/2024")


# --- choices and framework codes --------------------------------------------------------------


@lru_cache(maxsize=USER_TEXT_CACHE)
def _choice(name: ChoiceList, text: str) -> str | Bad:
    value = load_layout().choice(name, text)
    if value is not None:
        return value
    options = ", ".join(c.label for c in load_layout().spec.choices[name].values())
    return Bad(
        f"{text.strip(WS)!r} is not one of: {options}{did_you_mean(text, choice_words(name))}"
    )


def _choice_cell(name: ChoiceList) -> Callable[[Cell], Any]:
    def parse(value: Cell) -> Any:
        return _choice(name, cell_text(value))

    return parse


def _yes_no(value: Cell) -> bool | Bad:
    if value.__class__ is bool:
        return bool(value)
    answer = _choice("yes_no", cell_text(value))
    if isinstance(answer, Bad):
        return Bad(f"{cell_text(value)!r} is not Yes or No")
    return answer == "yes"


@lru_cache(maxsize=USER_TEXT_CACHE)
def _level_text(text: str) -> str | Bad:
    fw = load_framework()
    level = fw.parse_level(text)
    if level is None:
        names = ", ".join(lv.name for lv in fw.levels)
        near = did_you_mean(text, level_words())
        return Bad(f"{text.strip(WS)!r} is not a PCF level{near}; use one of: {names}")
    return level


def _level(value: Cell) -> str | Bad:
    return _level_text(cell_text(value))


_ITEM_SPLIT = re.compile(r"[;,\n]+")
_FUNCTION_ITEM = re.compile(
    r"([a-e])\s*\.?\s*([ivx]+)\b\s*[:=\-–]?\s*\(?\s*(\d+(?:\.\d*)?(?:e-?\d+)?|\.\d+)?\s*(%)?\s*\)?"
)
_DOMAIN_ITEM = re.compile(r"(?:d|domain)?\s*([1-9])\s*[:=\-–.]?\s*(.+)")


def _items(value: Cell) -> list[str]:
    return [
        item for item in map(str.strip, _ITEM_SPLIT.split(cell_text(value)), repeat(WS)) if item
    ]


@cache
def _function_codes() -> dict[str, str]:
    return {code.lower(): code for code in load_framework().function_codes()}


def _role_functions(value: Cell) -> dict[str, float] | Bad:
    shares: dict[str, float] = {}
    for item in _items(value):
        found = _function_item(item)
        if isinstance(found, Bad):
            return found
        code, share = found
        if code in shares:
            return Bad(f"{code} is listed twice")
        shares[code] = share
    return shares


@lru_cache(maxsize=USER_TEXT_CACHE)
def _function_item(item: str) -> tuple[str, float] | Bad:
    """One item of a role-function cell, like 'E.ii 30%'; rosters repeat a few items often."""
    match = _FUNCTION_ITEM.fullmatch(item.lower())
    if not match:
        return Bad(f"{item!r} is not a role function with a share, like 'A.i 30%'")
    letter, roman, number, percent = match.groups()
    code = _function_codes().get(f"{letter}.{roman}")
    if code is None:
        return Bad(f"{item!r}: {letter.upper()}.{roman} is not a TCSW role function (A.i to E.v)")
    if number is None:
        return Bad(f"{item!r} has no share of time: write it like '{code} 30%'")
    share = float(number)
    if percent or share > 1:
        share /= 100
    return code, share


def _domain_levels(value: Cell) -> dict[int, str] | Bad:
    levels: dict[int, str] = {}
    for item in _items(value):
        match = _DOMAIN_ITEM.fullmatch(item.lower())
        if not match:
            return Bad(f"{item!r} is not a domain and level, like '6 Advanced'")
        domain = int(match.group(1))
        level = _level_text(match.group(2))
        if isinstance(level, Bad):
            return Bad(f"domain {domain}: {level.message}")
        if domain in levels:
            return Bad(f"domain {domain} is listed twice")
        levels[domain] = level
    return levels


@cache
def _post_words() -> dict[str, str]:
    words = {}
    for post in load_framework().posts:
        words[normalise(post.id)] = post.id
        words[normalise(post.name)] = post.id
    return words


def _posts(value: Cell) -> tuple[str, ...] | Bad:
    posts = []
    for item in _items(value):
        post = _post_words().get(normalise(item))
        if post is None:
            names = ", ".join(p.name for p in load_framework().posts)
            return Bad(
                f"{item!r} is not a post{did_you_mean(item, post_words())}; use one of: {names}"
            )
        posts.append(post)
    return tuple(posts)


# --- whole columns ----------------------------------------------------------------------------

_SLOW: dict[Kind, Callable[[Cell], Any]] = {
    "text": _text,
    "share": _share,
    "number": _number,
    "year": _year,
    "stage": _stage,
    "date": _date,
    "level": _level,
    "profession": _choice_cell("profession"),
    "contract": _choice_cell("contract"),
    "yes_no": _yes_no,
    "role_functions": _role_functions,
    "domain_levels": _domain_levels,
    "posts": _posts,
}


def convert_column(
    kind: Kind, cells: Sequence[Cell], default: Any = None
) -> tuple[list[Any], dict[int, str]]:
    """Each cell read as `kind` (None for a blank, and for a value equal to `default`) and the
    reasons for cells that could not be.

    Rosters repeat the same few texts in most columns (levels, teams, contracts), so each
    distinct text is parsed once per column.
    """
    slow = _SLOW[kind]
    if kind == "text":
        texts, long = _too_long(_texts(cells))
        return (
            [None if v == default else v for v in texts] if default is not None else texts
        ), long
    found_bad: list[Bad] = []

    def miss(v: Cell) -> Any:
        result = None if v == "" else slow(v)
        if result.__class__ is Bad:
            found_bad.append(result)
        return result

    if kind in ("share", "number"):  # inf and nan are floats too: they take the slow path
        values = [
            v if v.__class__ is float and -_INF < v < _INF else None if v == "" else miss(v)
            for v in cells
        ]
    elif kind == "date":
        values = [v if v.__class__ is date else None if v == "" else miss(v) for v in cells]
    elif kind in ("year", "stage"):
        values = [
            int(v) if v.__class__ is float and v.is_integer() else None if v == "" else miss(v)
            for v in cells
        ]
    else:  # each distinct text read once, its default settled with it; the rest looked up in C
        values = list(map(_Memo(_or_blank(miss, default)).__getitem__, cells))
        default = None  # settled above
    if default is not None:
        values = [None if v == default else v for v in values]
    if not found_bad:
        return values, {}
    bad = {i: v.message for i, v in enumerate(values) if v.__class__ is Bad}
    for i in bad:
        values[i] = None
    return values, bad


def extra_texts(cells: Sequence[Cell]) -> tuple[list[str], dict[int, str]]:
    """A column of HR's own as the text of each cell ('' for a blank), and the reasons for cells
    holding more than a spreadsheet cell can (left blank, so nothing is kept cut short)."""
    texts, long = _too_long(list(map(cell_text, cells)))
    return [t or "" for t in texts], long


def _too_long(texts: list[Any]) -> tuple[list[Any], dict[int, str]]:
    """The texts with any longer than `CELL_CHARS` taken out, and a reason for each of those:
    such text is cut when a spreadsheet saves it, so it is reported, never kept or cut."""
    if max(map(len, filter(None, texts)), default=0) <= CELL_CHARS:
        return texts, {}
    long = {
        i: f"the text is {len(t):,} characters long, more than the {CELL_CHARS:,} a spreadsheet "
        "cell holds; shorten it and import again"
        for i, t in enumerate(texts)
        if t and len(t) > CELL_CHARS
    }
    return [None if i in long else t for i, t in enumerate(texts)], long


def _texts(cells: Sequence[Cell]) -> list[str | None]:
    if _repeats(cells):
        return list(map(_Memo(_trimmed).__getitem__, cells))
    try:  # the usual case, all text, stripped in C (str.strip refuses anything else)
        texts: list[str | None] = _stripped(cells)
    except TypeError:
        return list(map(_trimmed, cells))
    return texts if all(texts) else [t or None for t in texts]


def _stripped(cells: Sequence[str]) -> list[str | None]:
    """Each text trimmed of WS. Most cells have nothing to trim: str.strip() without an argument
    is twice as fast and trims a superset of WS (it adds the separators \x1c-\x1f), so when it
    gives back every text unchanged (the same objects, compared in C), so would WS; otherwise
    the column is trimmed again with WS exactly."""
    texts: list[str | None] = list(map(str.strip, cells))
    if texts == list(cells):
        return texts
    return list(map(str.strip, cells, repeat(WS)))


_SAMPLE = 1000


def _repeats(cells: Sequence[Cell]) -> bool:
    """True when a column's texts repeat (teams, job titles, supervisors), judged from its first
    cells. A reader makes a new text object for every cell; reading such a column through a
    `_Memo` gives each distinct text one object, which every later pass over the column then
    finds in the processor's cache rather than in memory."""
    return len(cells) >= 2 * _SAMPLE and 2 * len(set(cells[:_SAMPLE])) < _SAMPLE


def _trimmed(cell: Cell) -> str | None:
    return (cell.strip(WS) or None) if cell.__class__ is str else _text(cell)


def _or_blank(read: Callable[[Cell], Any], default: Any) -> Callable[[Cell], Any]:
    """`read`, giving None where it gives `default` (None: there is no default)."""
    if default is None:
        return read

    def settled(cell: Cell) -> Any:
        value = read(cell)
        return None if value == default else value

    return settled


class _Memo(dict[Cell, Any]):
    """Each distinct cell read once, when first met. Only text is remembered: True == 1 == 1.0,
    so a memo of other cells could give one cell another's value."""

    def __init__(self, read: Callable[[Cell], Any]) -> None:
        super().__init__()
        self.read = read

    def __missing__(self, cell: Cell) -> Any:
        value = self.read(cell)
        if cell.__class__ is str:
            self[cell] = value
        return value


# --- writing ----------------------------------------------------------------------------------


def excel_serial(day: date) -> int | None:
    """The Excel serial of a date, or None where Excel cannot show it as a date."""
    if day < FIRST_SERIAL_DATE:
        return None
    return day.toordinal() - ISO_EPOCH_ORDINAL


def exact_number(value: float) -> bool:
    """True when the 16 significant digits a workbook stores give back exactly this float."""
    return value == round(value, 10) or float(f"{value:.16g}") == value


def share_text(share: float) -> str:
    percent = f"{share * 100:.12g}"
    if float(percent) / 100 == share:
        return f"{percent}%"
    return repr(share)


def role_functions_text(shares: dict[str, float]) -> str:
    return "; ".join(f"{code} {share_text(share)}" for code, share in shares.items())


def domain_levels_text(levels: dict[int, str]) -> str:
    fw = load_framework()
    return "; ".join(f"{d} {fw.level(lv).name}" for d, lv in sorted(levels.items()))


def posts_text(posts: tuple[str, ...]) -> str:
    fw = load_framework()
    return "; ".join(fw.post(p).name for p in posts)


def level_name(level: str) -> str:
    return load_framework().level(level).name
