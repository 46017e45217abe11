"""The practice activities: the poll, the sorting, the charter, the process touch points, the equity prompt."""

from __future__ import annotations

import pytest

from qi_kit import MapError, StakeholderMap, load_case
from qi_kit import activities as act


def test_the_poll_counts_are_the_reports():
    assert act.POLL.total == 124
    assert dict(act.POLL.answers)["very important"] == 106
    assert round(100 * act.POLL.share("very important")) == 85
    assert round(100 * act.POLL.share("somewhat important")) == 11
    assert "Warwick Business School" in act.POLL.source and len(act.POLL.advice) == 5


@pytest.mark.parametrize("guess, words", [(85, "Close"), (50, "More agreed than you expected (35 points more)"),
                                          (100, "Fewer agreed than you expected (15 points fewer)")])
def test_poll_reveal_compares_the_guess_with_the_answer(guess, words):
    text = act.poll_reveal(guess)
    assert text.startswith(f"You guessed {guess}% would say very important; in the tweetchat 85% did")
    assert words in text and "11% somewhat important" in text


@pytest.mark.parametrize("bad", [-1, 101, "lots", float("nan"), True])
def test_poll_reveal_explains_a_bad_guess(bad):
    with pytest.raises(MapError, match="is not a percentage"):
        act.poll_reveal(bad)


def test_sorting_leadership_from_technical_expertise():
    kit = {s: k for s, (k, _) in act.LEADERSHIP_STATEMENTS.items()}
    assert set(kit.values()) == {act.LEADERSHIP, act.TECHNICAL}
    run_chart = "Draws a run chart of falls week by week"
    quiet = "Makes sure quieter voices are heard before a decision"
    table = act.check_sort({run_chart: act.LEADERSHIP, quiet: act.LEADERSHIP}).set_index("statement")
    assert table.loc[run_chart, ["kit", "agrees"]].tolist() == [act.TECHNICAL, False]
    assert table.loc[quiet, "agrees"] and "quieter" in table.loc[quiet, "why"]
    assert table["yours"].eq("").sum() == len(kit) - 2
    summary = act.sort_summary(table.reset_index())
    assert summary.startswith("You agree with the kit on 1 of the 2 you sorted.")
    assert act.sort_summary(act.check_sort({})) == "Sort each statement first, then check."
    with pytest.raises(MapError) as info:
        act.check_sort({"Nope": act.LEADERSHIP, run_chart: "both"})
    assert len(info.value.problems) == 2


def test_a_charter_is_checked_like_a_qi_coach_would():
    notes = act.charter_checks(act.Charter())
    assert notes[0].startswith("There is no aim yet")
    assert any("Measures still to name: outcome measure, process measure, balancing measure" in n for n in notes)
    assert any("No patient partner is named" in n for n in notes)
    full = act.Charter(aim="Reduce falls by 30% within six months.", scope_in="Ward 7B", outcome_measure="falls",
                       process_measure="bundle done", balancing_measure="walking by day 3", sponsor="A",
                       leader="B", partner="C")
    assert act.charter_checks(full) == []
    assert act.charter_checks(act.Charter(aim="Fewer falls."))[0].startswith("The aim does not yet say how much")


def test_the_charter_names_roles_and_decisions_and_round_trips():
    ward = load_case("ward")
    charter = act.Charter(sponsor="Margaret Okafor", leader="Hannah Price", partner="Joan Fletcher", local="Tom Barker",
                          decisions="Release the link nurse four hours a week\n\n  Buy two alarms \nBuy two alarms")
    assert charter.roles(ward) == {"Margaret Okafor": "sponsor", "Hannah Price": "day-to-day leader",
                                   "Joan Fletcher": "patient partner"}
    assert charter.decision_list() == ["Release the link nurse four hours a week", "Buy two alarms"]
    assert act.Charter.from_dict(charter.to_dict()) == charter
    assert act.Charter.from_dict(None) == act.Charter()
    assert act.Charter.from_dict({"aim": None, "unknown": 1}).aim == ""
    with pytest.raises(MapError, match="charter is not readable"):
        act.Charter.from_dict(["x"])  # type: ignore[arg-type]
    labels = [label for label, _ in act.charter_sections(charter)]
    assert labels[:3] == ["Project", "The problem", "Aim"] and labels[-1] == "Patient partner"


def test_charter_decisions_and_local_manager_reach_the_decision_path():
    from qi_kit.engage import EngagementPlan, engagement_tables

    ward = load_case("ward")
    plan = EngagementPlan(decisions=["Release the link nurse four hours a week"], local="Priya Shah")
    raci = engagement_tables(ward, plan)["raci"]
    assert raci.index[-1] == "Release the link nurse four hours a week"
    assert raci.loc["Release the link nurse four hours a week", "Margaret Okafor"] == "A"
    assert raci.loc["Adopt a change as the standard way of working here", "Priya Shah"] == "A"


def test_who_touches_the_process_finds_hand_offs_decisions_and_people():
    table = act.touch_points_table([
        {"step": "Admission", "who": "Staff nurse", "hands_to": "HCA", "decision": ""},
        {"step": "  Night   rounds ", "who": "HCA", "hands_to": "HCA", "decision": "Does she need a bed alarm?"},
        act.TouchPoint("Fall huddle", "Charge nurse", "Ward manager", ""),
    ])
    assert table["step"].tolist() == ["Admission", "Night rounds", "Fall huddle"]
    assert table.loc[0, "note"] == "Hand-off: Staff nurse to HCA."
    assert table.loc[1, "note"] == "Decision point: Does she need a bed alarm?."  # no hand-off to oneself
    assert act.touch_point_people(table) == ["Staff nurse", "HCA", "Charge nurse", "Ward manager"]
    assert act.touch_points_summary(table).startswith("3 steps, 4 people or roles, 2 hand-offs and 1 decision points.")
    assert act.touch_points_summary(act.touch_points_table([])).startswith("No steps yet")
    m, added = act.add_touch_point_people(StakeholderMap([{"name": "HCA"}]), table)
    assert added == ["Staff nurse", "Charge nurse", "Ward manager"] and len(m) == 4


def test_the_equity_prompt_starts_from_the_quiet_voices():
    ward = act.equity_reading(load_case("ward"))
    assert ward.startswith("On your map the quiet voices are the group Ward 7B nights HCAs")
    assert "Joan" not in ward.split(";")[0]
    school = act.equity_reading(load_case("school"))
    assert "the group Parent forum" in school
    pair = StakeholderMap([{"name": "A", "title": "Patient partner"}, {"name": "B"}],
                          [{"source": "A", "target": "B", "kind": "advice"}, {"source": "B", "target": "A", "kind": "advice"},
                           {"source": "A", "target": "B", "kind": "trust"}, {"source": "B", "target": "A", "kind": "trust"},
                           {"source": "A", "target": "B", "kind": "information"}])
    reading = act.equity_reading(pair)
    assert reading.startswith("On your map")
    assert set(act.EQUITY_QUESTIONS) == {"most_affected", "who_speaks", "missing", "biggest_first"}
