"""The Across councils page: a commissioner uploads three aggregates files and sees one table,
a chart and a download; a file with personal data is refused on the page."""

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
    assert len(table) == 6 and "suppressed" in table.to_string()
    assert "Below the minimum now" in text(at)
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    assert at.get("download_button")
    at.number_input[0].set_value(0.0).run()
    assert "Below the minimum now" not in text(at)


def test_a_file_with_personal_data_is_refused_on_the_page() -> None:
    at = _page()
    name, body = council_files()[1]
    leaky = json.dumps(json.loads(body) | {"workers": [{"name": "Alex Smith"}]}).encode()
    at.file_uploader[0].set_value([("leaky.json", leaky, "application/json")]).run()
    assert not at.exception
    assert any("holds personal data" in e.value for e in at.error)
    assert not at.dataframe
