"""The succession-plan workbook printed, as a principal social worker would print it: LibreOffice
turns the demo's workbook into a PDF, and the PDF's own text is read back with the size each
character is printed at.

- No "###" anywhere: every date and number has the room to show.
- The Succession plan prints across pages (its position and risk, then each successor), with its
  heading row and position column on every page, and no text on it smaller than 8 pt; no
  upright text anywhere in the workbook is.
- The Projection's months print as dates and its chart's axis as months, not date serials.
- No text is drawn over other text (long findings wrap in rows tall enough for them).

LibreOffice prints Calibri, the workbook's font, as Carlito, the free font of the same
measurements; without it every size would be smaller than in Excel, so the test needs both.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTComponent
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage

from planner.analysis.amhp_approvals import add_months
from planner.roster.values import excel_serial
from planner.workbooks.plan import plan_and_report, write_plan_workbook
from planner.workforce.demo import load_demo
from tests.deps import require
from tests.roster.libreoffice import convert
from tools.test_deps import soffice as find_soffice

pytestmark = pytest.mark.slow
SMALLEST_PT = 8.0


@dataclass
class Page:
    number: int
    chars: list[LTChar]  # every character drawn, spaces left out

    @property
    def text(self) -> str:
        """The page's text without spaces, in the order it is drawn."""
        return "".join(c.get_text() for c in self.chars)

    def smallest_upright(self) -> float:
        """The smallest size of upright text (a rotated axis title measures by its width)."""
        return min((c.size for c in self.chars if c.upright), default=99.0)


def _chars(item: LTComponent) -> Iterator[LTChar]:
    if isinstance(item, LTChar):
        if item.get_text().strip():
            yield item
    elif hasattr(item, "__iter__"):
        for child in item:
            yield from _chars(child)


def _pages(pdf: Path) -> list[Page]:
    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=None)  # the characters as drawn, no layout
    interpreter = PDFPageInterpreter(manager, device)
    pages = []
    with pdf.open("rb") as f:
        for number, page in enumerate(PDFPage.get_pages(f), start=1):
            interpreter.process_page(page)
            pages.append(Page(number, list(_chars(device.get_result()))))
    return pages


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> list[Page]:
    require("LibreOffice", "the Carlito font")  # one reason, one command, for both
    soffice = find_soffice()
    assert soffice is not None
    book = tmp_path_factory.mktemp("printed") / "plan.xlsx"
    write_plan_workbook(load_demo(), None, None, book)
    pdf = convert(soffice, book, "pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    return _pages(pdf)


def _succession_pages(pages: list[Page], group: str) -> list[Page]:
    """The Succession plan's pages with this heading: "Incumbent" on the first page across,
    "Readiness1" to "Readiness3" on each successor's."""
    return [p for p in pages if group in p.text and ("Readiness" in p.text or "Impact" in p.text)]


def test_nothing_prints_as_hashes(printed: list[Page]) -> None:
    assert [p.number for p in printed if "###" in p.text] == []


def test_succession_plan_prints_readable_across_pages(printed: list[Page]) -> None:
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


def test_every_page_is_at_least_8_pt(printed: list[Page]) -> None:
    small = {p.number: round(p.smallest_upright(), 1) for p in printed}
    assert {n: size for n, size in small.items() if size < SMALLEST_PT} == {}


def test_projection_prints_dates_and_a_chart_of_months(printed: list[Page]) -> None:
    as_of = load_demo().as_of
    text = "".join(p.text for p in printed)
    months = [add_months(as_of, m) for m in range(5 * 12 + 1)]  # the policy's five years
    assert [m for m in months if m.strftime("%d/%m/%Y") not in text] == []
    axis = next(p for p in printed if p.text.startswith("Projectionover")).text
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


def test_no_text_is_drawn_over_other_text(printed: list[Page]) -> None:
    # The Roster sheet is the roster export's layout, one line a cell: a long cell is cut at
    # the next one, which LibreOffice draws by clipping, so its text is left out here.
    pages = [p for p in printed if not p.text.startswith("StaffID")]
    overlaps = {p.number: _overlapping([c for c in p.chars if c.upright]) for p in pages}
    assert {n: pairs[:5] for n, pairs in overlaps.items() if pairs} == {}
