"""The Across councils page: a commissioner uploads three aggregates files and sees one table,
a chart and a download, now and in a chosen projection year; a file with personal data is
refused on the page."""

from __future__ import annotations

import json

from tests.app.test_access_app import deployed, text
from tests.disclosure.test_councils import council_files

COMMISSIONER = {"is_logged_in": True, "email": "commissioner@icb.example"}


def _page():
    at = deployed(COMMISSIONER, "app.py")
    at.switch_page("screens/councils.py").run()
    assert not at.exception
    return at


def test_a_commissioner_compares_three_councils() -> None:
    at = _page()
    files = [(name, body.encode(), "application/json") for name, body in council_files()]
    at.file_uploader[0].set_value(files).run()
    assert not at.exception
    assert at.dataframe, "the table is shown"
    table = at.dataframe[0].value
    assert len(table) == 3 and "suppressed" in table.to_string()
    assert set(table["Period"].str.split(" ").str[0]) == {"now"}
    assert "Below the minimum (Now (2026))" in text(at)
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    assert at.get("download_button")
    at.number_input[0].set_value(0.0).run()
    assert "Below the minimum" not in text(at)


def test_a_commissioner_chooses_a_projection_year() -> None:
    at = _page()
    files = [(name, body.encode(), "application/json") for name, body in council_files()]
    at.file_uploader[0].set_value(files).run()
    year = at.selectbox(key="council_year")
    assert year.value == 0 and year.options[0] == "Now (2026)"
    assert "2 years on (2028)" in year.options
    year.set_value(2).run()
    assert not at.exception
    assert "AMHPs and duty FTE per 100,000: 2 years on (2028)" in [s.value for s in at.subheader]
    table = at.dataframe[0].value
    assert len(table) == 3 and all(p.startswith("2 years on") for p in table["Period"])
    sefton = table[table["Council"] == "Sefton"].iloc[0]
    assert sefton["AMHPs"].isdigit() and sefton["Below the minimum"] == "Below"
    assert "Below the minimum (2 years on (2028)): Sefton" in text(at)
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    assert len(at.dataframe[1].value) == 3 * 6, "every year is there too"


def test_a_file_with_personal_data_is_refused_on_the_page() -> None:
    at = _page()
    name, body = council_files()[1]
    leaky = json.dumps(json.loads(body) | {"workers": [{"name": "Alex Smith"}]}).encode()
    at.file_uploader[0].set_value([("leaky.json", leaky, "application/json")]).run()
    assert not at.exception
    assert any("holds personal data" in e.value for e in at.error)
    assert not at.dataframe
