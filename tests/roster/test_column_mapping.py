"""The column-mapping step: headings HR exports carry (qualifiers, punctuation, a role word
before "No." or "ID") are read as the planner's columns, each with how it was matched and a
confidence; what could be more than one thing is shown, never guessed; a user's mapping wins.
Values that nearly match a choice get "did you mean ...?" and the row still has its error."""

from __future__ import annotations

from typing import Any

import pytest

from planner.roster.reading.importer import RosterImport
from tests.roster.helpers import load

BASE = ["Staff ID", "Name", "Team", "FTE", "PCF level"]
PEOPLE = [
    ["NB001", "Helen Okafor", "North CMHT", "1", "Advanced social worker"],
    ["NB002", "Sam Lee", "North CMHT", "0.8", "Experienced social worker"],
]


def _csv(headings: list[str], rows: list[list[Any]]) -> bytes:
    def cell(v: Any) -> str:
        text = str(v)
        return f'"{text}"' if "," in text else text

    lines = [",".join(cell(h) for h in headings)] + [",".join(cell(v) for v in r) for r in rows]
    return ("\n".join(lines) + "\n").encode()


def _with(heading: str, values: list[Any], **kwargs: Any) -> RosterImport:
    rows = [[*person, value] for person, value in zip(PEOPLE, values, strict=True)]
    return load(_csv([*BASE, heading], rows), "roster.csv", population=100_000, **kwargs)


def _worker(result: RosterImport, staff_id: str) -> Any:
    assert result.service is not None, result.unusable
    return next(w for w in result.service.workers if w.staff_id == staff_id)


def _messages(result: RosterImport) -> list[str]:
    return [p.message for p in result.problems]


# --- seen when tried: headings with ordinary qualifiers ---------------------------------------


@pytest.mark.parametrize(
    ("heading", "values", "field", "expected"),
    [
        ("AMHP?", ["Yes", "No"], "amhp", True),
        ("AMHP CPD hours (last 12 months)", ["18", ""], "amhp_cpd_hours", 18.0),
        ("AMHP CPD hours - last 12 months", ["18", ""], "amhp_cpd_hours", 18.0),
        ("Line Manager Payroll No", ["", "NB001"], "line_manager_id", "NB001"),
        ("Supervisor No.", ["", "NB001"], "supervisor_id", "NB001"),
        ("Line manager #", ["", "NB001"], "line_manager_id", "NB001"),
        ("Manager ID", ["", "NB001"], "line_manager_id", "NB001"),
        ("Supervisor Payroll Number", ["", "NB001"], "supervisor_id", "NB001"),
        ("LineManagerID", ["", "NB001"], "line_manager_id", "NB001"),
    ],
)
def test_a_heading_with_ordinary_qualifiers_is_read_as_its_column(
    heading: str, values: list[Any], field: str, expected: Any
) -> None:
    result = _with(heading, values)
    staff = "NB001" if values[0] else "NB002"
    assert getattr(_worker(result, staff), field) == expected
    assert result.columns[heading] == field
    assert not any(p.code == "unused_column" for p in result.problems)


def test_each_heading_says_how_it_was_matched_and_how_sure() -> None:
    result = _with("Supervisor No.", ["", "NB001"])
    found = {m["heading"]: m for m in result.to_json()["columns"]}
    assert found["Staff ID"] == {
        "heading": "Staff ID",
        "field": "staff_id",
        "confidence": 1.0,
        "how": "exact",
    }
    assert (found["FTE"]["how"], found["FTE"]["field"]) == ("exact", "fte")
    token = found["Supervisor No."]
    assert (token["field"], token["how"]) == ("supervisor_id", "token")
    assert 0.5 < token["confidence"] < 1


def test_a_synonym_is_matched_as_a_synonym() -> None:
    result = _with("Reports To", ["", "NB001"])
    found = {m["heading"]: m for m in result.to_json()["columns"]}
    assert (found["Reports To"]["field"], found["Reports To"]["how"]) == (
        "line_manager_id",
        "synonym",
    )


# --- what could be more than one thing is shown, not guessed ----------------------------------


def test_a_heading_that_could_be_two_columns_is_kept_and_both_are_offered() -> None:
    result = _with("Supervisor Name", ["", "Helen Okafor"])
    assert result.columns["Supervisor Name"] == "Supervisor Name"  # kept as HR's own column
    assert _worker(result, "NB002").supervisor_id is None
    assert _worker(result, "NB002").extra == {"Supervisor Name": "Helen Okafor"}
    found = {m["heading"]: m for m in result.to_json()["columns"]}
    assert found["Supervisor Name"]["field"] is None
    assert {"supervisor_id", "name"} <= set(found["Supervisor Name"]["choices"])
    (warning,) = [p for p in result.problems if p.column == "Supervisor Name"]
    assert "Supervisor ID" in warning.message and "--map" in warning.message


def test_a_near_heading_is_suggested_but_not_applied() -> None:
    result = _with("CPD hours", ["18", ""])
    assert _worker(result, "NB001").amhp_cpd_hours is None
    (warning,) = [p for p in result.problems if p.column == "CPD hours"]
    assert "AMHP CPD hours" in warning.message


# --- the user's mapping ----------------------------------------------------------------------


def test_a_users_mapping_reads_a_heading_the_planner_does_not_know() -> None:
    result = _with("Boss", ["", "NB001"], mapping={"Boss": "line_manager_id"})
    assert _worker(result, "NB002").line_manager_id == "NB001"
    found = {m["heading"]: m for m in result.to_json()["columns"]}
    assert found["Boss"] == {
        "heading": "Boss",
        "field": "line_manager_id",
        "confidence": 1.0,
        "how": "user",
    }


def test_a_users_mapping_may_name_the_template_heading() -> None:
    result = _with("Boss", ["", "NB001"], mapping={"Boss": "Line manager ID"})
    assert _worker(result, "NB002").line_manager_id == "NB001"


def test_a_users_mapping_may_keep_a_column_as_their_own() -> None:
    result = _with("Reports To", ["", "NB001"], mapping={"reports to": ""})
    assert _worker(result, "NB002").line_manager_id is None
    assert _worker(result, "NB002").extra == {"Reports To": "NB001"}
    result = _with("Boss", ["", "NB001"], mapping={"Team": ""})
    assert result.unusable is not None and "no column for Team" in result.unusable


def test_a_users_mapping_wins_over_a_match_and_the_match_becomes_a_duplicate() -> None:
    result = _with("Home team", ["South CMHT", "South CMHT"], mapping={"Home team": "team"})
    assert _worker(result, "NB001").team == "South CMHT"
    assert _worker(result, "NB001").extra == {"Team": "North CMHT"}
    assert any(p.code == "duplicate_column" and p.column == "Team" for p in result.problems)


def test_a_mapping_to_something_the_planner_does_not_read_is_refused_in_a_sentence() -> None:
    result = _with("Boss", ["", "NB001"], mapping={"Boss": "manager of managers"})
    assert result.service is None
    assert result.unusable is not None
    assert "manager of managers" in result.unusable and "line_manager_id" in result.unusable


def test_a_mapping_for_a_heading_not_in_the_file_is_said() -> None:
    result = _with("Boss", ["", "NB001"], mapping={"Bos": "line_manager_id"})
    assert any("'Bos'" in m and "not in the header row" in m for m in _messages(result))


# --- did you mean -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "typed", "suggested"),
    [
        ("PCF level", "Experianced", "Experienced social worker"),
        ("Contract", "Permanant", "Permanent"),
        ("Profession", "Ocupational therapist", "Occupational therapist"),
        ("Posts", "Team manger", "Team manager"),
    ],
)
def test_a_value_that_nearly_matches_a_choice_gets_a_suggestion_and_is_not_guessed(
    heading: str, typed: str, suggested: str
) -> None:
    headings = [*BASE, "Contract", "Profession", "Posts"]
    rows = [[*p, "Permanent", "Social worker", ""] for p in PEOPLE]
    rows[1][headings.index(heading)] = typed
    result = load(_csv(headings, rows), "roster.csv", population=100_000)
    (problem,) = [p for p in result.problems if p.row == 3 and p.column == heading]
    assert f"did you mean {suggested!r}?" in problem.message
    assert problem.severity == "error"
    assert [w.staff_id for w in result.service.workers] == ["NB001"]  # not guessed


def test_a_value_nothing_like_a_choice_gets_no_suggestion() -> None:
    rows = [list(p) for p in PEOPLE]
    rows[1][4] = "Grade 7"
    result = load(_csv(BASE, rows), "roster.csv", population=100_000)
    (problem,) = [p for p in result.problems if p.row == 3]
    assert "did you mean" not in problem.message


# --- the command line -------------------------------------------------------------------------


def test_the_cli_takes_map_and_prints_the_mapping(tmp_path: Any, capsys: Any) -> None:
    import json

    from planner.cli import main

    path = tmp_path / "roster.csv"
    rows = [[*p, v] for p, v in zip(PEOPLE, ["", "NB001"], strict=True)]
    path.write_bytes(_csv([*BASE, "Boss"], rows))
    code = main(
        ["import", str(path), "--population", "1000", "--map", "Boss=line_manager_id", "--json"]
    )
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert {"heading": "Boss", "field": "line_manager_id", "confidence": 1.0, "how": "user"} in (
        out["columns"]
    )
    assert out["workers"][1]["line_manager_id"] == "NB001"


@pytest.mark.parametrize("bad", ["Boss", "=line_manager_id", "Boss=nothing known"])
def test_the_cli_refuses_a_map_it_cannot_use_in_a_sentence(
    tmp_path: Any, capsys: Any, bad: str
) -> None:
    from planner.cli import main

    path = tmp_path / "roster.csv"
    path.write_bytes(_csv(BASE, PEOPLE))
    with pytest.raises(SystemExit) as exit_:
        main(["import", str(path), "--population", "1000", "--map", bad])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "--map" in err and "Traceback" not in err


# --- the matcher on its own -------------------------------------------------------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from planner.reference.strict_yaml import DataFileError  # noqa: E402
from planner.roster.reading.mapping import HeadingWords, Matcher, matcher  # noqa: E402


def _plain_headings() -> list[tuple[str, str]]:
    """Every heading and synonym the layout lists whose words are its column's alone."""
    m = matcher()
    found = []
    for text, name in m._texts():
        if m.by_words.get(m.words(text)) == {name}:
            found.append((text, name))
    return found


PLAIN = _plain_headings()
CASES = (str.upper, str.lower, str.title, str)
HINTS = ("", " (last 12 months)", " [required]", " (Y/N)", " (dd/mm/yyyy)", " - last 12 months")
QUALIFIERS = ("", " No.", " #", " ID", " Number", " Ref", " Payroll No", " y/n")
ENDS = ("", "?", ":", "*", ".", " ")


def test_most_headings_and_synonyms_have_words_of_their_own() -> None:
    texts = list(matcher()._texts())
    assert len(PLAIN) >= 0.9 * len(texts)


@given(
    st.sampled_from(PLAIN),
    st.sampled_from(CASES),
    st.sampled_from(QUALIFIERS),
    st.sampled_from(HINTS),
    st.sampled_from(ENDS),
    st.sampled_from(("", " ", "  ")),
)
def test_a_heading_decorated_with_qualifiers_and_punctuation_is_the_same_column(
    plain: tuple[str, str], case: Any, qualifier: str, hint: str, end: str, pad: str
) -> None:
    text, name = plain
    decorated = f"{pad}{case(text)}{qualifier}{hint}{end}{pad}"
    found = matcher().match(decorated)
    assert (found.name, found.target in ("field", "part")) == (name, True), decorated
    assert found.how in ("exact", "synonym", "token") and found.confidence >= 0.85


def test_an_empty_heading_and_a_heading_of_only_qualifiers_are_not_matched() -> None:
    for heading in ("", "   ", "No.", "#", "(last 12 months)"):
        assert matcher().match(heading).target == "extra"


def test_the_heading_words_file_is_checked_when_loaded(data_copy: Any) -> None:
    from planner.reference.strict_yaml import load_model

    path = data_copy / "roster" / "heading_words.yaml"
    path.write_text(path.read_text().replace('qualifiers: ["no"', "qualifiers: [no"))
    with pytest.raises(DataFileError, match="heading_words.yaml: entry qualifiers.0"):
        load_model(path, HeadingWords)
    path.write_text(path.read_text().replace("periods:", "period_list:"))
    with pytest.raises(DataFileError, match="heading_words.yaml"):
        load_model(path, HeadingWords)


def test_words_several_columns_share_are_offered_never_applied() -> None:
    # were "AMHP" a qualifier, Supervisor ID and AMHP supervisor ID would have the same words
    words = _words_file()
    shared = Matcher(
        matcher().layout, words.model_copy(update={"qualifiers": (*words.qualifiers, "amhp")})
    )
    found = shared.match("Supervisor No.")
    assert (found.target, found.how) == ("extra", None)
    assert found.choices == ("supervisor_id", "amhp_supervisor_id")
    assert found.confidence < 0.5


def _words_file() -> HeadingWords:
    from planner.paths import data_dir
    from planner.reference.strict_yaml import load_model

    return load_model(data_dir() / "roster" / "heading_words.yaml", HeadingWords)


def test_a_team_name_near_one_on_the_teams_sheet_gets_a_suggestion() -> None:
    from tests.roster.helpers import xlsx_bytes

    roster = [[*BASE], *[list(p) for p in PEOPLE]]
    roster[2][2] = "Nroth CMHT"
    teams = [["Team", "Kind"], ["North CMHT", "Community"]]
    result = load(xlsx_bytes({"Roster": roster, "Teams": teams}))
    (problem,) = [p for p in result.problems if p.row == 3 and p.column == "Team"]
    assert "did you mean 'North CMHT'?" in problem.message
    assert [w.staff_id for w in result.service.workers] == ["NB001"]


# --- the headings read before the rows --------------------------------------------------------


@pytest.mark.parametrize(
    "mapping", [{}, {"Boss": "line_manager_id"}, {"Boss": "supervisor_id", "Team": "team"}]
)
def test_the_headings_read_before_the_rows_are_planned_as_the_import_reads_them(
    mapping: dict[str, str],
) -> None:
    from planner.roster.reading.heading_preview import plan_headings, read_header
    from tests.conftest import ROOT

    files = [
        ("roster.csv", _csv([*BASE, "Boss", "CPD hours"], [[*p, "", "3"] for p in PEOPLE])),
        ("messy_roster.xlsx", (ROOT / "tests" / "data" / "messy_roster.xlsx").read_bytes()),
    ]
    for name, data in files:
        found = read_header(data, name)
        plan = plan_headings(found, mapping)
        result = load(data, name, population=1000, mapping=mapping)
        assert not isinstance(plan, str)
        assert (found.sheet, plan.row + 1) == (result.sheet, result.header_row)
        assert tuple(plan.columns) == result.mapping


def test_a_file_that_cannot_be_used_says_why_before_its_headings_are_shown() -> None:
    from planner.roster.reading.heading_preview import plan_headings, read_header

    assert "damaged" in (read_header(b"PK\x03\x04 not a workbook", "r.xlsx").unusable or "")
    found = read_header(b"a,b\n1,2\n", "r.csv")
    assert found.unusable is None
    assert "No header row found" in str(plan_headings(found, {}))
    assert "is not a column the planner reads" in str(plan_headings(found, {"a": "boss"}))
