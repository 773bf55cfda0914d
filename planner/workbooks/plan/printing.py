"""How a sheet of the plan workbook prints: A4 landscape, its text at least `SMALLEST_PT`
points, on as many pages across as that takes and any number down, and rows tall enough for
the text wrapped in them.

A sheet that fits one page across at `MIN_SCALE` is set to "fit to 1 page wide": Excel and
LibreOffice then print it at the largest scale up to 100% that fits. A wider one is given a
fixed scale (fitting it to N pages would let the program choose where columns break, splitting
a table from its first columns) with page breaks between the column groups that belong
together. Neither program works out the height of a row of wrapped text when it opens a file
(LibreOffice draws the lines over the next rows), so rows are given their height as they are
written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from math import ceil, floor

from xlsxwriter.worksheet import Worksheet

A4 = 9  # the paper size code of the file format
A4_LONG_SIDE_PT = 841.89  # 297 mm
SIDE_MARGIN_IN = 0.7  # xlsxwriter's default left and right margins
FONT_PT = 11  # the workbook's body font, Calibri 11
SMALLEST_PT = 8.5  # printed text is at least this size
MIN_SCALE = SMALLEST_PT / FONT_PT
PRINTABLE_PX = (A4_LONG_SIDE_PT - 2 * SIDE_MARGIN_IN * 72) * 96 / 72
DIGIT_PX = 7.5  # Excel counts 7 pixels a character of Calibri 11, LibreOffice nearer 7.4
LINE_PT = 15.0  # a row holding one line of Calibri 11


def column_px(width: float) -> float:
    """A column `width` characters wide in pixels, a little wider than Excel sizes it, so the
    pages across are enough in LibreOffice as well."""
    return width * DIGIT_PX + 5 if width > 0 else 0


def pages_wide(widths: Sequence[float], repeated: int = 0) -> int:
    """The pages across that columns of these widths fill at `MIN_SCALE`, broken between
    whole columns, the first `repeated` columns printed again at the left of every page."""
    page = PRINTABLE_PX / MIN_SCALE
    repeat = sum(column_px(w) for w in widths[:repeated])
    pages, used = 1, 0.0
    for width in widths:
        px = column_px(width)
        if used + px > page and used > (repeat if pages > 1 else 0):
            pages += 1
            used = repeat
        used += px
    return pages


def _scale_for(widths: Sequence[float], repeated: int, breaks: Sequence[int]) -> int:
    """The print scale, in per cent, at which each part between `breaks` fits a page: as
    large as that allows up to 100%, and never below `MIN_SCALE`."""
    repeat = sum(column_px(w) for w in widths[:repeated])
    edges = [0, *breaks, len(widths)]
    widest = max(
        sum(column_px(w) for w in widths[a:b]) + (repeat if a else 0)
        for a, b in zip(edges, edges[1:], strict=False)
    )
    fits = PRINTABLE_PX / widest if widest else 1.0
    return max(ceil(100 * MIN_SCALE), floor(100 * min(1.0, fits)))


# Calibri's advance widths (Carlito's are the same by design) for " " to "~", in 2048ths of
# an em; a column's width counts the digit's, 1038. Text is measured with these rather than by
# counting characters: "Health Professional" is 19 characters but 15.5 digits wide.
_ASCII_WIDTHS = (
    (463, 667, 821, 1020, 1038, 1464, 1397, 452, 621, 621, 1020, 1020, 511, 627, 517, 791)
    + (1038,) * 10
    + (548, 548, 1020, 1020, 1020, 949, 1831)
    + (1185, 1114, 1092, 1260, 1000, 941, 1292, 1276, 516, 653, 1064, 861, 1751)
    + (1322, 1356, 1058, 1378, 1112, 941, 998, 1314, 1162, 1822, 1063, 998, 959)
    + (628, 791, 628, 1020, 1020, 596)
    + (981, 1076, 866, 1076, 1019, 625, 964, 1076, 470, 490, 931, 470, 1636)
    + (1076, 1080, 1076, 1076, 714, 801, 686, 1076, 925, 1464, 887, 927, 809)
    + (644, 943, 644, 1020)
)
_WIDTH = {chr(32 + k): w for k, w in enumerate(_ASCII_WIDTHS)}
_DIGIT = 1038
_WIDEST = 1831  # any other character is taken to be as wide as the widest, "@"
BOLD = 1.03  # bold Calibri runs about 3% wider: every text is measured as if bold
# Where a line may break inside a word: after a hyphen before a letter, or after a slash before
# a letter ("gov.uk/" but not "2021/04" or "https://"). LibreOffice breaks in more places than
# these; counting fewer never counts too few lines. A web address wraps at its slashes, and a
# piece longer than the line is broken wherever the line is full, as both programs do.
_PIECE = re.compile(r".+?(?:(?:-|(?<!/)/)(?=[A-Za-z])|$)")


def text_width(text: str) -> float:
    """How wide `text` is on one line, in digits (the unit of a column's width)."""
    return BOLD * sum([_WIDTH.get(c, _WIDEST) for c in text]) / _DIGIT


def _line_count(paragraph: str, room: float) -> int:
    count, used = 1, 0.0
    space = text_width(" ")
    for word in paragraph.split():
        for k, piece in enumerate(_PIECE.findall(word)):
            gap = space if used and k == 0 else 0.0  # the space before a word
            size = text_width(piece)
            if used + gap + size <= room:
                used += gap + size
                continue
            if used:
                count, used = count + 1, 0.0
            if size <= room:
                used = size
                continue
            for c in piece:  # longer than a line: broken wherever the line is full
                w = text_width(c)
                if used and used + w > room:
                    count, used = count + 1, 0.0
                used += w
    return count


@lru_cache(maxsize=16_384)
def lines(text: str, width: float) -> int:
    """How many lines `text` takes wrapped in a column `width` digits wide: its words, and
    pieces of words, laid along lines a digit narrower than the column (the cell's margins).
    Remembered: a roster repeats its teams, job titles and levels thousands of times."""
    room = max(width - 1, 1.0)
    if "\n" not in text and text_width(text) <= room:
        return 1
    return sum(_line_count(part, room) for part in text.split("\n"))


def row_height(lines_needed: int) -> float:
    return LINE_PT * lines_needed


def text_height(text: str, width: float) -> float:
    """How tall, in points, `text` stands wrapped in a column `width` characters wide."""
    return row_height(lines(text, width))


def set_up_printing(
    ws: Worksheet, widths: Sequence[float], repeated_columns: int = 0, breaks: Sequence[int] = ()
) -> None:
    """A4 landscape, any number of pages down. A sheet that fits one page across at
    `MIN_SCALE` is fitted to it; a wider one prints at a fixed scale of at least `MIN_SCALE`
    on as many pages across as it takes, a new page starting at each column in `breaks` (the
    column groups that belong together) and wherever the next column does not fit. The first
    `repeated_columns` columns print again at the left of every page across."""
    ws.set_paper(A4)
    ws.set_landscape()
    if repeated_columns:
        ws.repeat_columns(0, repeated_columns - 1)
    if not breaks and pages_wide(widths, repeated_columns) == 1:
        ws.fit_to_pages(1, 0)
        return
    ws.set_print_scale(_scale_for(widths, repeated_columns, breaks))
    if breaks:
        ws.set_v_pagebreaks(list(breaks))
