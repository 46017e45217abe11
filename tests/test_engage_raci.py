"""Decision roles (RACI): the draft seeded from the map, editing, and every validation rule."""

from __future__ import annotations

import pytest

from qi_kit import MapError, StakeholderMap, load_case
from qi_kit.engage import (DEFAULT_DECISIONS, add_decision, check_raci, draft_raci, empty_raci, raci_problems,
                           raci_summary, raci_warnings, remove_decision, set_raci)
from qi_kit.engage.raci import local_leader, raci_from_dict, raci_to_dict, tidy_cell

ROLES = {"Spo": "sponsor", "Lea": "day-to-day leader", "Cha": "champion", "Inf": "influencer", "Res": "resistor",
         "Pat": "patient partner"}
CHARTER, CHOOSE, TEST, ADOPT, SPREAD = DEFAULT_DECISIONS


@pytest.fixture
def small():
    people = [
        {"name": "Spo", "authority": 5, "interest": 4, "stance": 2},
        {"name": "Lea", "authority": 2, "influence": 2, "interest": 5, "stance": 2},
        {"name": "Cha", "authority": 0, "influence": 2, "interest": 4, "stance": 1, "unit": "Ward"},
        {"name": "Inf", "authority": 0, "influence": 5, "interest": 4, "stance": 1, "unit": "Ward"},
        {"name": "Res", "authority": 4, "influence": 4, "interest": 3, "stance": -2},
        {"name": "Boss", "authority": 4, "influence": 1, "interest": 1, "stance": 0},
        {"name": "Mgr", "authority": 3, "influence": 1, "interest": 4, "stance": 1, "unit": "Ward"},
        {"name": "Staff", "authority": 0, "influence": 1, "interest": 2, "stance": 0, "unit": "Ward"},
        {"name": "Hca", "authority": 0, "influence": 1, "interest": 2, "stance": 0, "unit": "Ward nights"},
        {"name": "Pat", "authority": 0, "influence": 1, "interest": 5, "stance": 2},
    ]
    ties = [{"source": n, "target": "Mgr", "kind": "reports_to"} for n in ("Cha", "Inf", "Staff", "Hca")]
    ties.append({"source": "Mgr", "target": "Spo", "kind": "reports_to"})
    return StakeholderMap(people, ties)


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


def test_draft_is_seeded_from_roles_grid_and_reporting_lines(small):
    draft = draft_raci(small, roles=ROLES)
    assert list(draft.index) == list(DEFAULT_DECISIONS)
    # people with a role and the local manager first, then others with power, then the teams doing the work
    assert list(draft.columns) == ["Spo", "Lea", "Cha", "Inf", "Res", "Boss", "Mgr", "Pat", "Others in Ward",
                                   "Others in Ward nights"]
    assert local_leader(small, ROLES) == "Mgr"
    assert draft.loc[CHARTER].to_dict() == {"Spo": "A", "Lea": "R", "Cha": "R", "Inf": "C", "Res": "C", "Boss": "I",
                                            "Mgr": "C", "Pat": "C", "Others in Ward": "I",
                                            "Others in Ward nights": "I"}
    assert draft.loc[TEST].to_dict() == {"Spo": "I", "Lea": "A/R", "Cha": "R", "Inf": "C", "Res": "C", "Boss": "I",
                                         "Mgr": "C", "Pat": "C", "Others in Ward": "R", "Others in Ward nights": "R"}
    assert draft.loc[ADOPT, ["Mgr", "Spo", "Others in Ward"]].tolist() == ["A", "I", "C"]
    assert draft.loc[SPREAD, ["Spo", "Boss"]].tolist() == ["A", "C"]  # keep satisfied: asked before spreading
    assert (draft["Pat"] == "C").all()
    assert raci_problems(draft, m=small) == [] and raci_warnings(draft) == []


def test_draft_without_team_columns_and_with_a_named_local_manager(small):
    draft = draft_raci(small, roles=ROLES, teams=False, local="boss")
    assert "Others in Ward" not in draft.columns
    assert draft.loc[ADOPT, "Boss"] == "A"


def test_draft_without_anyone_to_do_the_work_fails_the_check_on_purpose(small):
    draft = draft_raci(small, roles={"Spo": "sponsor"}, teams=False)
    assert (draft["Spo"] == "A").all()
    problems = raci_problems(draft)
    assert len(problems) == len(DEFAULT_DECISIONS)
    assert all(p.what == "Nobody is responsible (R) for the work." for p in problems)


def test_draft_without_a_sponsor_uses_the_most_authority(small):
    draft = draft_raci(small, roles={}, people=["Staff", "Boss", "Mgr"], decisions=["Go"])
    assert draft.loc["Go"].to_dict() == {"Staff": "I", "Boss": "A", "Mgr": "C"}


def test_draft_decisions_can_say_what_kind_they_are(small):
    draft = draft_raci(small, roles=ROLES, decisions={"Buy a bed alarm": "sponsor", "Try it on bay 2": "test",
                                                        "Make it the ward's way": "adopt"})
    assert draft.loc["Buy a bed alarm", "Spo"] == "A"
    assert draft.loc["Try it on bay 2", "Lea"] == "A/R"
    assert draft.loc["Make it the ward's way", "Mgr"] == "A"
    with pytest.raises(MapError, match="Did you mean 'test'"):
        draft_raci(small, roles=ROLES, decisions={"X": "tset"})


def test_team_columns_are_checked_against_the_map(small):
    draft = draft_raci(small, roles=ROLES)
    assert set_raci(draft, CHARTER, "Others in Ward", "C", m=small).loc[CHARTER, "Others in Ward"] == "C"
    wrong = draft.rename(columns={"Others in Ward": "Others in Wrad"})
    assert [p.where for p in raci_problems(wrong, m=small)] == ["column 'Others in Wrad'"]


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


@pytest.mark.parametrize("case, local, team, frontline", [
    ("ward", "Tom Barker", {"Hannah Price", "Helen Brooks", "Emily Watson", "Joan Fletcher"},
     {"Others in Ward 7B", "Others in Ward 7B nights", "Others in Ward 7B nights HCAs"}),
    ("school", "Maya Thompson", {"Amira Haddad", "Sophie Martin"},
     {"Others in Years 1-2 team", "Others in Years 5-6 team", "Others in Pupil support"}),
])
def test_case_drafts_treat_the_people_doing_the_work_as_partners(case, local, team, frontline):
    m = load_case(case)
    draft = draft_raci(m)
    assert raci_problems(draft, m=m) == [] and raci_warnings(draft) == []
    partners = [n for n in draft.columns if n in m and m.person(n)["role"] == "patient partner"]
    assert (draft[partners] == "C").all().all()  # the patient partner is consulted on every decision
    assert team | frontline <= set(draft.columns)
    for decision in (CHOOSE, TEST):  # the change team and the people doing the work: R or C
        assert set(draft.loc[decision, sorted(team | frontline)]) <= {"R", "C", "A/R"}, decision
    assert (draft.loc[TEST, sorted(frontline)] == "R").all()
    assert draft.loc[ADOPT, local] == "A"  # the place's own manager signs off its standard


def test_ward_draft_names_the_right_people():
    draft = draft_raci(load_case("ward"))
    assert draft.loc[ADOPT, "Margaret Okafor"] == "I"
    assert draft.loc[CHOOSE, "Hannah Price"] == "A/R"
    assert draft.loc[CHARTER, "Margaret Okafor"] == "A"
    assert draft.loc[CHARTER, "Dr James Whitfield"] == "C"
    assert draft.loc[CHARTER, "Rosa Delgado"] == "C"
    assert draft.loc[TEST, "Emily Watson"] == "R"
