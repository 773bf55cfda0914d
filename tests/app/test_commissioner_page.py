"""The commissioner's AMHP page: exactly the figures of the download, from the newest release
only, with no snapshot picker, no as-of date and no names of who saved or published."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from typing import Any

import openpyxl
import pandas as pd
from streamlit.testing.v1 import AppTest

from planner.present.amhp import commissioner_file
from planner.present.releases import publish_latest, release_view
from planner.store.snapshots import Store
from planner.workbooks.commissioner import commissioner_tables
from planner.workforce.demo import load_demo
from tests.app.test_access_app import AUTH, ROLES, text
from tests.conftest import ROOT

COMMISSIONER = {"is_logged_in": True, "email": "commissioner@icb.example"}
PSW = {"is_logged_in": True, "email": "psw@council.example"}
SAVER, PUBLISHER = "hr.saver@council.example", "psw.publisher@council.example"


def deployed(user: dict[str, Any]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.secrets["auth"] = AUTH
    at.secrets["planner"] = {"roles": ROLES}
    at.user = user
    return at.run()


def saved_and_published(url: str) -> int:
    """A database holding the demo saved by HR and published by the PSW."""
    with Store.open(url) as store:
        sid = store.save(load_demo(), by=SAVER, note="first import").service_id
        publish_latest(store, sid, by=PUBLISHER)
    return sid


def _plain(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, datetime | pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def workbook_tables(data: bytes) -> dict[str, list[list[str]]]:
    """Each sheet's table as text, headings first (the Summary's table starts on row 5)."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    found = {}
    for ws in book.worksheets:
        rows = [[_plain(c) for c in row] for row in ws.iter_rows(values_only=True)]
        rows = rows[4:] if ws.title == "Summary" else rows
        found[ws.title] = [r for r in rows if any(r)]
    return found


def test_the_commissioners_page_shows_exactly_the_downloads_figures(private_database: str) -> None:
    sid = saved_and_published(private_database)
    at = deployed(COMMISSIONER)
    assert not at.exception
    with Store.open(private_database) as store:
        found = release_view(store, sid)
    assert found is not None
    view = found[1]
    sheets = workbook_tables(commissioner_file(view, "xlsx"))
    tables = [t for t in commissioner_tables(view) if t.sheet != "Notes"]
    frames = [d.value for d in at.dataframe]
    assert len(frames) == len(tables)
    for table, frame in zip(tables, frames, strict=True):
        on_page = [list(frame.columns)] + [[_plain(v) for v in row] for row in frame.values]
        in_file = [row[: len(frame.columns)] for row in sheets[table.sheet]]
        assert on_page == in_file, table.sheet
    # the small counts the download suppresses are suppressed on the page
    team = next(f for f in frames if "Team" in f.columns)
    assert team.set_index("Team").loc["Leadership", "Workers"] == "suppressed"


def test_the_commissioner_sees_no_snapshot_no_date_and_no_names(private_database: str) -> None:
    saved_and_published(private_database)
    at = deployed(COMMISSIONER)
    assert not at.exception
    assert not [s for s in at.selectbox if s.label == "Snapshot"]
    assert not at.date_input
    shown = text(at) + "\n".join(d.value.to_csv() for d in at.dataframe)
    assert SAVER not in shown and PUBLISHER not in shown
    for w in load_demo().workers:
        assert w.staff_id not in shown and w.name not in shown
    assert "Release " in shown


def test_a_later_import_is_not_seen_until_the_next_release(private_database: str) -> None:
    sid = saved_and_published(private_database)
    demo = load_demo()
    with Store.open(private_database) as store:
        store.save(demo.model_copy(update={"workers": demo.workers[:-6]}), by=SAVER, note="six go")
    at = deployed(COMMISSIONER)
    team = next(d.value for d in at.dataframe if "Team" in d.value.columns)
    assert team.set_index("Team").loc["Total", "Workers"] in (
        len(demo.workers),
        str(len(demo.workers)),
    )
    with Store.open(private_database) as store:
        later = publish_latest(
            store, sid, by=PUBLISHER, now=datetime(datetime.now(UTC).year + 1, 1, 5, tzinfo=UTC)
        )
    assert later.period.endswith("Q1")
    at = deployed(COMMISSIONER)
    team = next(d.value for d in at.dataframe if "Team" in d.value.columns)
    total = team.set_index("Team").loc["Total", "Workers"]
    assert total in (len(demo.workers) - 6, str(len(demo.workers) - 6))


def test_before_any_release_the_commissioner_is_told_so(private_database: str) -> None:
    with Store.open(private_database) as store:
        store.save(load_demo(), by=SAVER, note="first import")
    at = deployed(COMMISSIONER)
    assert not at.exception
    assert "Nothing has been published for commissioners yet" in text(at) + "".join(
        i.value for i in at.info
    )
    assert not at.dataframe and not at.metric


def test_the_principal_social_worker_publishes_once_a_quarter(private_database: str) -> None:
    with Store.open(private_database) as store:
        store.save(load_demo(), by=SAVER, note="first import")
    at = deployed(PSW)
    at.switch_page("screens/amhp.py").run()
    assert not at.exception
    publish = next(b for b in at.button if b.key == "publish_release")
    assert not publish.disabled
    publish.click().run()
    assert not at.exception
    assert any("Published the" in s.value for s in at.success)
    assert next(b for b in at.button if b.key == "publish_release").disabled
    commissioner = deployed(COMMISSIONER)
    assert commissioner.dataframe, "the commissioner now sees the release"
