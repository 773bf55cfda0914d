"""The succession-plan workbook printed, as a principal social worker would print it: LibreOffice
turns the demo's workbook into a PDF; the PDF's own text is read back with the size each
character is printed at (pdfminer), and Poppler turns it into page images (pdftoppm, 100 dpi)
and plain text (pdftotext). LibreOffice bookmarks the first page of each sheet, which says
which sheet every page belongs to.

- No "###" anywhere: every date and number has the room to show.
- No text is cut: the whole text of every text cell the workbook holds is printed on its
  sheet's pages (a long cell clipped at its column's edge loses its end: pdftotext leaves out
  what is clipped).
- Every page has something on it (no page of a few stray cells) and none is a block of ink, and
  each sheet prints on no more pages than `MOST_PAGES` allows for the demo (the policy values
  and sources at least `LEAST_PER_PAGE` to a page).
- The Succession plan prints across pages (its position and risk, then each successor), with its
  heading row and position column on every page, and no text on it smaller than 8 pt; no
  upright text anywhere in the workbook is.
- The Projection's months print as dates and its chart's axis as months, not date serials.
- No text is drawn over other text (long findings wrap in rows tall enough for them).

LibreOffice prints Calibri, the workbook's font, as Carlito, the free font of the same
measurements; without it every size would be smaller than in Excel, so the test needs both.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from math import ceil
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTComponent
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from PIL import Image

from planner.analysis.amhp_approvals import add_months
from planner.reference.framework import load_framework
from planner.reference.policy import policy_entries
from planner.roster.values import excel_serial
from planner.workbooks.plan import plan_and_report, write_plan_workbook
from planner.workforce.demo import load_demo
from tests.deps import require
from tests.roster.libreoffice import convert
from tools.test_deps import soffice as find_soffice

pytestmark = pytest.mark.slow
SMALLEST_PT = 8.0
DPI = 100
# A page with less ink than this is a page of a few stray cells: half a line of 8.5 pt text
# across an A4 page is about 0.1% of it.
LEAST_INK = 0.001
MOST_INK = 0.5  # more than this and the page is a block of colour, not print
# The pages each sheet of the demo (36 people) prints on: a reader of a plan wants a handful,
# not a ream, and a sheet that grows a page is worth a look. The Succession plan is four pages
# across (position, three successors) and the Roster five (its 30 columns), each two down; the
# Summary printed 7 (three of them of one column).
MOST_PAGES = {
    "Summary": 5,
    "AMHP sufficiency": 3,
    "Supervision": 2,
    "Leadership cover": 6,
    "Succession plan": 8,
    "Development plans": 1,
    "Projection": 6,
    "Roster": 10,
}
# The sheets that list every policy value and every source grow with data/: at least this many
# to a page. Both printed 26 pages on one sheet, about 3 to a page.
LEAST_PER_PAGE = {"Policy values": 6, "Sources": 9}
SPACE = re.compile(r"\s+")


@dataclass
class Page:
    number: int
    sheet: str  # the sheet it is a page of
    chars: list[LTChar]  # every character drawn, spaces left out
    drawn: str  # the page's visible text as pdftotext reads it, in the order it is drawn
    ink: float  # the share of the page image that is dark

    @property
    def text(self) -> str:
        """The page's text without spaces, in the order it is drawn."""
        return "".join(c.get_text() for c in self.chars)

    def smallest_upright(self) -> float:
        """The smallest size of upright text (a rotated axis title measures by its width)."""
        return min((c.size for c in self.chars if c.upright), default=99.0)


@dataclass
class Printout:
    book: Path  # the workbook that was printed
    pages: list[Page]

    def of(self, sheet: str) -> list[Page]:
        return [p for p in self.pages if p.sheet == sheet]


def _chars(item: LTComponent) -> Iterator[LTChar]:
    if isinstance(item, LTChar):
        if item.get_text().strip():
            yield item
    elif hasattr(item, "__iter__"):
        for child in item:
            yield from _chars(child)


def _sheets(pdf: Path) -> list[str]:
    """The sheet of each page, from the bookmark LibreOffice puts on each sheet's first page."""
    with pdf.open("rb") as f:
        doc = PDFDocument(PDFParser(f))
        ids = [page.pageid for page in PDFPage.create_pages(doc)]
        firsts = sorted(
            (ids.index(dest[0].objid), title) for _, title, dest, *_ in doc.get_outlines()
        )
    assert firsts and firsts[0][0] == 0, firsts
    ends = [first for first, _ in firsts[1:]] + [len(ids)]
    return [
        title for (first, title), end in zip(firsts, ends, strict=True) for _ in range(first, end)
    ]


def _drawn(pdf: Path) -> list[str]:
    """Each page's visible text in the order it is drawn: LibreOffice draws a cell's lines one
    after another, so a cell's text is whole in it, however it wraps."""
    done = subprocess.run(
        ["pdftotext", "-raw", pdf, "-"], capture_output=True, text=True, check=True
    )
    return done.stdout.split("\f")


def _ink(pdf: Path) -> list[float]:
    """The share of each page, rendered at `DPI` in grey, darker than mid-grey: text and rules,
    not the pale fills of headings and red/amber/green cells."""
    out = pdf.parent / "page"
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", pdf, out], check=True, timeout=300)
    images = sorted(pdf.parent.glob("page-*.pgm"), key=lambda p: int(p.stem.split("-")[-1]))
    return [float((np.asarray(Image.open(image)) < 128).mean()) for image in images]


def _pages(pdf: Path) -> list[Page]:
    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=None)  # the characters as drawn, no layout
    interpreter = PDFPageInterpreter(manager, device)
    sheets, drawn, ink = _sheets(pdf), _drawn(pdf), _ink(pdf)
    pages = []
    with pdf.open("rb") as f:
        for number, page in enumerate(PDFPage.get_pages(f), start=1):
            interpreter.process_page(page)
            chars = list(_chars(device.get_result()))
            i = number - 1
            pages.append(Page(number, sheets[i], chars, drawn[i], ink[i]))
    assert len(pages) == len(sheets) == len(ink), (len(pages), len(sheets), len(ink))
    return pages


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Printout:
    require("LibreOffice", "the Carlito font", "Poppler")  # one reason, one command, for all
    soffice = find_soffice()
    assert soffice is not None
    book = tmp_path_factory.mktemp("printed") / "plan.xlsx"
    write_plan_workbook(load_demo(), None, None, book)
    pdf = convert(soffice, book, "pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    return Printout(book, _pages(pdf))


def _succession_pages(printed: Printout, group: str) -> list[Page]:
    """The Succession plan's pages with this heading: "Incumbent" on the first page across,
    "Readiness1" to "Readiness3" on each successor's."""
    return [p for p in printed.of("Succession plan") if group in p.text]


def test_nothing_prints_as_hashes(printed: Printout) -> None:
    assert [p.number for p in printed.pages if "###" in p.text] == []


def _squashed(text: str) -> str:
    return SPACE.sub("", text)  # where a line wraps is the printer's business


def test_no_text_is_cut(printed: Printout) -> None:
    """Every text cell's whole text is printed on its sheet's pages, as many times as cells
    hold it: a cell clipped at its column's edge loses its end."""
    book = openpyxl.load_workbook(printed.book)
    cut = {}
    for ws in book.worksheets:
        if ws.sheet_state != "visible":
            continue  # the hidden Lists sheet is not printed
        held = Counter(
            _squashed(value)
            for row in ws.iter_rows(values_only=True)
            for value in row
            if isinstance(value, str) and value.strip()
        )
        shown = "".join(_squashed(p.drawn) for p in printed.of(ws.title))
        lost = sorted(text for text, n in held.items() if shown.count(text) < n)
        if lost:
            cut[ws.title] = f"{len(lost)} cells, e.g. {lost[:4]}"
    assert cut == {}


def test_every_page_has_print_and_is_not_a_block_of_ink(printed: Printout) -> None:
    ink = {p.number: (p.sheet, round(100 * p.ink, 3)) for p in printed.pages}
    assert {n: x for n, x in ink.items() if x[1] < 100 * LEAST_INK} == {}
    assert {n: x for n, x in ink.items() if x[1] > 100 * MOST_INK} == {}


def test_each_sheet_prints_on_a_handful_of_pages(printed: Printout) -> None:
    listed = {"Policy values": len(policy_entries()), "Sources": len(load_framework().sources)}
    most = MOST_PAGES | {s: ceil(listed[s] / n) for s, n in LEAST_PER_PAGE.items()}
    pages = Counter(p.sheet for p in printed.pages)
    assert {s: n for s, n in pages.items() if n > most.get(s, 0)} == {}
    assert set(pages) == set(most)


def test_succession_plan_prints_readable_across_pages(printed: Printout) -> None:
    positions = [p.position.key.replace(" ", "") for p in plan_and_report(load_demo())[1].positions]
    # position and risk first, then the pages across for each of the three successors
    for group in ("Incumbent", "Readiness1", "Readiness2", "Readiness3"):
        pages = _succession_pages(printed, group)
        assert pages, group
        # the heading row at the top of every page, the position at the left of every row
        assert all(p.text.startswith("Position") for p in pages), group
        text = "".join(p.text for p in pages)
        assert [key for key in positions if key not in text] == [], group
        assert min(p.smallest_upright() for p in pages) >= SMALLEST_PT, group


def test_every_page_is_at_least_8_pt(printed: Printout) -> None:
    small = {p.number: round(p.smallest_upright(), 1) for p in printed.pages}
    assert {n: size for n, size in small.items() if size < SMALLEST_PT} == {}


def test_projection_prints_dates_and_a_chart_of_months(printed: Printout) -> None:
    as_of = load_demo().as_of
    text = "".join(p.text for p in printed.of("Projection"))
    months = [add_months(as_of, m) for m in range(5 * 12 + 1)]  # the policy's five years
    assert [m for m in months if m.strftime("%d/%m/%Y") not in text] == []
    axis = printed.of("Projection")[0].text
    assert axis.startswith("Projectionover")
    assert [m for m in months[::6] if f"{m:%b%y}" not in axis] == []  # Nov 26, May 27...
    assert [m for m in months if str(excel_serial(m)) in axis] == []  # not date serials


def _overlapping(chars: list[LTChar]) -> list[str]:
    """Pairs of characters drawn over each other by more than a third of the smaller."""
    grid: dict[tuple[int, int], list[LTChar]] = defaultdict(list)
    found = []
    for c in chars:
        gx, gy = int(c.x0 // 20), int(c.y0 // 20)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for o in grid[(gx + dx, gy + dy)]:
                    w = min(c.x1, o.x1) - max(c.x0, o.x0)
                    h = min(c.y1, o.y1) - max(c.y0, o.y0)
                    if w > 0 and h > 0 and w * h > min(c.width * c.height, o.width * o.height) / 3:
                        found.append(o.get_text() + c.get_text())
        grid[(gx, gy)].append(c)
    return found


def test_no_text_is_drawn_over_other_text(printed: Printout) -> None:
    overlaps = {p.number: _overlapping([c for c in p.chars if c.upright]) for p in printed.pages}
    assert {n: pairs[:5] for n, pairs in overlaps.items() if pairs} == {}
