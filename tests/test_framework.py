"""The reference data: what the PCF and the TCSW paper say, loaded and validated."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planner.reference.framework import load_framework
from planner.reference.strict_yaml import DataFileError
from tests.conftest import SEEDS

FW = load_framework()

# Appendix One of the TCSW paper (seed 004), read by hand: category -> group -> statements.
APPENDIX_ONE = {
    ("A", "statutory"): ("experienced", "1.4 2.2 3.1 4.2 5.8 6.1 7.4 8.6 9.1"),
    ("A", "amhp"): ("experienced", "1.6 2.5 3.2 4.2 5.2 6.4 7.3 8.7 9.2"),
    ("B", "all"): ("experienced", "1.6 2.4 3.3 4.4 5.4 6.1 7.5 8.2 9.1"),
    ("C", "all"): ("experienced", "1.9 2.1 3.3 4.2 5.7 6.4 7.12 8.3 9.1"),
    ("D", "all"): ("experienced", "1.6 2.5 3.1 4.1 5.6 6.1 7.7 8.2 9.1"),
    ("E", "all"): ("advanced", "1.8 2.3 3.3 4.2 5.1 6.1 7.3 8.7 9.1"),
}


def test_nine_domains_in_order_with_their_2012_names_as_aliases() -> None:
    assert [d.number for d in FW.domains] == list(range(1, 10))
    assert [d.name for d in FW.domains] == [
        "Professionalism",
        "Values and Ethics",
        "Diversity and Equality",
        "Rights, Justice and Economic Wellbeing",
        "Knowledge",
        "Critical Reflection and Analysis",
        "Skills and Interventions",
        "Contexts and Organisations",
        "Professional Leadership",
    ]
    assert "Diversity" in FW.domain(3).aliases
    assert "Intervention and Skills" in FW.domain(7).aliases


def test_nine_levels_in_order_and_the_qualified_ones_marked() -> None:
    assert FW.level_ids() == (
        "entry",
        "readiness",
        "first_placement",
        "last_placement",
        "asye",
        "social_worker",
        "experienced",
        "advanced",
        "strategic",
    )
    assert [lv.id for lv in FW.levels if lv.qualified] == [
        "asye",
        "social_worker",
        "experienced",
        "advanced",
        "strategic",
    ]


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("ASYE", "asye"),
        ("nqsw", "asye"),
        ("Experienced", "experienced"),
        ("  Advanced SW ", "advanced"),
        ("strategic social worker", "strategic"),
        ("Social Worker", "social_worker"),
        ("Grade 7", None),
    ],
)
def test_levels_are_found_by_the_names_rosters_use(text: str, level: str | None) -> None:
    assert FW.parse_level(text) == level


def test_every_category_and_function_present_in_order() -> None:
    counts = {c.code: len(c.functions) for c in FW.categories}
    assert counts == {"A": 11, "B": 4, "C": 6, "D": 4, "E": 5}
    assert FW.function_codes()[:3] == ("A.i", "A.ii", "A.iii")
    assert FW.category("A").functions[-1].code == "A.xi"
    assert FW.category("E").functions[1].code == "E.ii"


def test_eligibility_follows_the_paper() -> None:
    # Appendix One's level: required for C (its allocation note) and E (its minimum level), a
    # readiness signal for A, B and D, whose statements "should not be seen as exclusive".
    rules = {
        c.code: (c.level_mapping.level, c.eligibility.appendix_one_level) for c in FW.categories
    }
    assert rules == {
        "A": ("experienced", "readiness_signal"),
        "B": ("experienced", "readiness_signal"),
        "C": ("experienced", "required"),
        "D": ("experienced", "readiness_signal"),
        "E": ("advanced", "required"),
    }
    assert [c.code for c in FW.categories if c.allocation_note] == ["C"]
    for c in FW.categories:
        assert c.eligibility.source == "tcsw-mh-2014"
        assert re.search(r"(?i)section 3|Appendix One", c.eligibility.clause), c.code  # where
    # E.i-E.v support AMHPs; none is AMHP work, and each says why, citing its page.
    for f in FW.category("E").functions:
        assert f.requires == () and f.requires_basis and "Section 3, category E" in f.requires_basis
    assert FW.category("E").level_mapping.requires == ()


def test_mapping_matches_appendix_one() -> None:
    found = {
        (c.code, g.group): (g.level, " ".join(g.statements))
        for c in FW.categories
        for g in c.mapping
    }
    assert found == APPENDIX_ONE


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds not beside the checkout")
def test_mapping_matches_the_seed_text_itself() -> None:
    """Read the statement numbers straight out of the paper's Appendix One."""
    text = next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8")
    appendix = text[text.index(" Appendix One") : text.index(" Appendix Two")]
    # Each category's block starts at its letter heading; statements are "<d>.<n> <Domain>:".
    blocks = re.split(r"\n(?=[A-E]\. [A-Z])", appendix)[1:]
    by_cat: dict[str, list[str]] = {}
    for block in blocks:
        ids = re.findall(r"^\s*([1-9])[.:](\d*) [A-Z]", block, flags=re.M)
        by_cat[block.strip()[0]] = [f"{d}.{n or '1'}" for d, n in ids]
    ours = {c.code: [s for g in c.mapping for s in g.statements] for c in FW.categories}
    assert by_cat == ours


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds not beside the checkout")
def test_the_eligibility_rules_quote_the_paper_word_for_word() -> None:
    """Every phrase the rules and the E functions' decisions put in quotes is in the paper."""
    text = next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8")
    paper = " ".join(text.replace("\u2019", "'").split()).lower()
    cited = [c.eligibility.clause for c in FW.categories]
    cited += [f.requires_basis or "" for c in FW.categories for f in c.functions]
    quotes = [q for words in cited for q in re.findall(r'"([^"]+)"', words)]
    assert len(quotes) >= 9
    for quote in quotes:
        assert " ".join(quote.split()).lower() in paper, quote


def test_each_cited_statement_has_our_own_summary() -> None:
    for cat in FW.categories:
        for group in cat.mapping:
            for sid in group.statements:
                st = FW.statement(group.level, sid)
                assert st.domain == int(sid.split(".")[0])
                assert 20 < len(st.summary) < 160


def test_every_source_cited_resolves() -> None:
    for cat in FW.categories:
        for sid in cat.source:
            assert FW.source(sid).url.startswith("https://")


# --- broken files ------------------------------------------------------------------------


def _break(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "roles/C.yaml",
            "  - code: C.iii\n",
            "  - code: C.x\n",
            r"C\.yaml: .*functions must be numbered",
        ),
        (
            "roles/A.yaml",
            "    level: experienced\n",
            "    level: expert\n",
            r"A\.yaml: level \['expert'\]",
        ),
        (
            "roles/B.yaml",
            "appendix_one_level: readiness_signal",
            "appendix_one_level: preferred",
            r"B\.yaml: entry eligibility\.appendix_one_level",
        ),
        (
            "roles/E.yaml",
            '    requires: []\n    requires_basis: >-\n      Section 3, category E: "forums',
            '    requires: [amhp_approval]\n    requires_basis_x: >-\n      Section 3, category E: "forums',
            r"E\.yaml: entry functions\.2\.requires_basis_x",
        ),
        ("roles/B.yaml", '"7.5"', '"7.99"', r"B\.yaml: entry mapping\.all: statements \['7\.99'\]"),
        (
            "pcf/levels.yaml",
            "  - id: advanced\n",
            "  - id: Advanced Level\n",
            r"levels\.yaml: entry levels\.7\.id",
        ),
        (
            "pcf/domains.yaml",
            "number: 9,",
            "number: 10,",
            r"domains\.yaml: entry domains\.8\.number",
        ),
        (
            "pcf/statements.yaml",
            '    "9.2":',
            '    "9.1":',
            r"statements\.yaml: .*duplicate key '9\.1'",
        ),
        (
            "roles/E.yaml",
            "source: [tcsw-mh-2014]",
            "source: [tcsw-2015]",
            r"E\.yaml: source \['tcsw-2015'\]",
        ),
        ("roles/D.yaml", "summary: >-", "summery: >-", r"D\.yaml: entry summery: Extra inputs"),
        (
            "posts.yaml",
            "min_level: strategic",
            "min_level: chief",
            r"posts\.yaml: level \['chief'\]",
        ),
    ],
)
def test_a_broken_file_names_the_file_the_entry_and_the_rule(
    data_copy: Path, file: str, old: str, new: str, expected: str
) -> None:
    _break(data_copy / file, old, new)
    with pytest.raises(DataFileError, match=expected):
        load_framework(data_copy)


def test_a_missing_file_is_named(data_copy: Path) -> None:
    (data_copy / "pcf" / "levels.yaml").unlink()
    with pytest.raises(DataFileError, match="levels.yaml: cannot be read"):
        load_framework(data_copy)
