"""Decision roles (RACI): the draft seeded from the map, editing, and every validation rule."""

from __future__ import annotations

import pytest

from qi_kit import MapError, StakeholderMap, load_case
from qi_kit.engage import (DEFAULT_DECISIONS, add_decision, check_raci, draft_raci, empty_raci, raci_problems,
                           raci_summary, raci_warnings, remove_decision, set_raci)
from qi_kit.engage.raci import raci_from_dict, raci_to_dict, tidy_cell

ROLES = {"Spo": "sponsor", "Cha": "champion", "Inf": "influencer", "Res": "resistor"}


@pytest.fixture
def small():
    return StakeholderMap([
        {"name": "Spo", "authority": 5, "interest": 4, "stance": 2},
        {"name": "Cha", "authority": 2, "influence": 2, "interest": 5, "stance": 2},
        {"name": "Inf", "authority": 0, "influence": 5, "interest": 4, "stance": 1},
        {"name": "Res", "authority": 4, "influence": 4, "interest": 3, "stance": -2},
        {"name": "Boss", "authority": 4, "influence": 1, "interest": 1, "stance": 0},
        {"name": "Mgr", "authority": 3, "influence": 1, "interest": 4, "stance": 1},
        {"name": "Staff", "authority": 0, "influence": 1, "interest": 2, "stance": 0},
    ])


@pytest.fixture
def table():
    t = empty_raci(["Decide"], ["Ann", "Bo", "Cy"])
    t.loc["Decide"] = ["A", "R", "C"]
    return t


@pytest.mark.parametrize("raw, tidy", [("a", "A"), (" r ", "R"), ("R/A", "A/R"), ("a r", "A/R"), ("", ""),
                                       (None, ""), (float("nan"), ""), ("c", "C"), ("i", "I"),
                                       ("x", None), ("RC", None), ("A/C", None)])
def test_tidy_cell(raw, tidy):
    assert tidy_cell(raw) == tidy


def test_draft_is_seeded_from_roles_and_grid(small):
    draft = draft_raci(small, roles=ROLES)
    assert list(draft.index) == list(DEFAULT_DECISIONS)
    # people with a role first, then others in manage closely / keep satisfied; Staff is left out
    assert list(draft.columns) == ["Spo", "Cha", "Inf", "Res", "Boss", "Mgr"]
    aims = draft.loc["Agree the aim and scope of the project"]
    assert aims.to_dict() == {"Spo": "A", "Cha": "R", "Inf": "C", "Res": "C", "Boss": "I", "Mgr": "C"}
    tests = draft.loc["Start a small test of change"]
    assert tests[["Spo", "Cha"]].tolist() == ["I", "A/R"]
    assert raci_problems(draft) == []


def test_draft_without_a_champion_fails_the_check_on_purpose(small):
    draft = draft_raci(small, roles={"Spo": "sponsor"})
    assert (draft["Spo"] == "A").all()
    problems = raci_problems(draft)
    assert len(problems) == len(DEFAULT_DECISIONS)
    assert all(p.what == "Nobody is responsible (R) for the work." for p in problems)


def test_draft_without_a_sponsor_uses_the_most_authority(small):
    draft = draft_raci(small, roles={}, people=["Staff", "Boss", "Mgr"], decisions=["Go"])
    assert draft.loc["Go"].to_dict() == {"Staff": "I", "Boss": "A", "Mgr": "C"}


def test_draft_decisions_can_say_who_signs_off(small):
    draft = draft_raci(small, roles=ROLES, decisions={"Buy a bed alarm": "sponsor", "Try it on bay 2": "champion"})
    assert draft.loc["Buy a bed alarm", "Spo"] == "A"
    assert draft.loc["Try it on bay 2", "Cha"] == "A/R"


def test_one_a_at_least_one_r(table):
    assert raci_problems(table) == []
    t = set_raci(table, "Decide", "Cy", "A")
    (problem,) = raci_problems(t)
    assert problem.where == "decision 'Decide'"
    assert problem.what == "Ann and Cy are all accountable (A)."
    assert "keep one A" in problem.fix
    t = set_raci(set_raci(table, "Decide", "Ann", ""), "Decide", "Bo", "C")
    whats = [p.what for p in raci_problems(t)]
    assert whats == ["Nobody is accountable (A).", "Nobody is responsible (R) for the work."]


def test_a_slash_r_counts_as_both(table):
    t = set_raci(set_raci(table, "Decide", "Ann", "A/R"), "Decide", "Bo", "I")
    assert raci_problems(t) == []


def test_bad_cells_names_and_duplicates_are_all_listed():
    t = empty_raci(["Spread", "Spread", " "], ["Ann", "Nobody"])
    t.iloc[0] = ["A", "R"]
    t.iloc[1] = ["Q", "R/C"]
    t.iloc[2] = ["A/R", ""]
    m = StakeholderMap([{"name": "Ann"}, {"name": "Bob"}])
    problems = raci_problems(t, m=m)
    text = "\n".join(map(str, problems))
    assert "column 'Nobody': This person is not on the map." in text
    assert "decision 'Spread': This decision is in the table twice." in text
    assert "'Q' is not a decision role." in text
    assert "'R/C' gives Nobody more than one part in this decision." in text
    assert "A decision has no name." in text


def test_empty_table_is_a_problem():
    (problem,) = raci_problems(empty_raci())
    assert problem.what == "There are no decisions yet."


def test_check_raci_raises_one_error_or_returns_tidy(table):
    t = set_raci(table, "Decide", "Ann", "a/r")
    assert check_raci(t).loc["Decide", "Ann"] == "A/R"
    t = table.copy()
    t.loc["Decide", "Ann"] = "C"
    with pytest.raises(MapError) as info:
        check_raci(t)
    assert "decision 'Decide': Nobody is accountable (A)." in str(info.value)


def test_set_raci_checks_its_inputs(table):
    with pytest.raises(MapError, match="This decision is not in the table"):
        set_raci(table, "Decid", "Ann", "A")
    with pytest.raises(MapError, match="is not a decision role"):
        set_raci(table, "Decide", "Ann", "Z")
    m = StakeholderMap([{"name": "Ann"}, {"name": "Bo"}, {"name": "Cy"}, {"name": "Dee"}])
    with pytest.raises(MapError, match="Did you mean 'Dee'"):
        set_raci(table, "Decide", "Dea", "I", m=m)
    t = set_raci(table, "Decide", "dee", "I", m=m)  # a new person gets a column, name resolved
    assert t.loc["Decide", "Dee"] == "I" and "Dee" not in table.columns


def test_add_and_remove_decisions(table):
    t = add_decision(table, "  Approve   night staffing ")
    assert list(t.index) == ["Decide", "Approve night staffing"]
    assert (t.loc["Approve night staffing"] == "").all()
    with pytest.raises(MapError, match="already in the table"):
        add_decision(t, "decide")
    with pytest.raises(MapError, match="has no name"):
        add_decision(t, "  ")
    assert list(remove_decision(t, "Decide").index) == ["Approve night staffing"]
    with pytest.raises(MapError, match="Did you mean 'Decide'"):
        remove_decision(t, "Decid")


def test_warnings_for_many_consulted_and_people_with_no_part():
    t = empty_raci(["D"], list("ABCDEFGHIJ"))
    t.loc["D"] = ["A", "R", "C", "C", "C", "C", "C", "C", "I", ""]
    warnings = raci_warnings(t)
    assert any("6 people are consulted" in w for w in warnings)
    assert "J has no part in any decision: give them a letter or leave them out." in warnings


def test_summary_and_round_trip(table):
    assert raci_summary(table) == "1 decision: Ann signs off 1."
    assert raci_summary(empty_raci()) == "No decisions yet."
    back = raci_from_dict(raci_to_dict(table))
    assert back.equals(table)
    with pytest.raises(MapError):
        raci_from_dict(["not", "a", "table"])


def test_ward_draft_is_valid_with_the_sponsor_and_champion_signing_off():
    draft = draft_raci(load_case("ward"))
    assert raci_problems(draft) == []
    assert raci_warnings(draft) == []
    assert draft.loc["Adopt a change as the new standard way of working", "Margaret Okafor"] == "A"
    assert draft.loc["Choose which change ideas to test", "Hannah Price"] == "A/R"
    assert draft.loc["Agree the aim and scope of the project", "Dr James Whitfield"] == "C"
    assert draft.loc["Agree the aim and scope of the project", "Rosa Delgado"] == "C"
