"""The communication plan: the draft, dates counted from a given start, editing and checks."""

from __future__ import annotations

import datetime as dt

import pytest

from qi_kit import MapError, StakeholderMap, load_case
from qi_kit.engage import (CADENCES, COMMS_COLUMNS, add_comms_row, check_comms_plan, comms_problems, comms_summary,
                           draft_comms_plan, following_date, remove_comms_row, update_comms_row)
from qi_kit.engage.comms import parse_date
from qi_kit.model import CHANGE_TEAM_ROLES

MONDAY = dt.date(2026, 1, 12)


@pytest.fixture
def small():
    return StakeholderMap([
        {"name": "Spo", "unit": "Board", "authority": 5, "interest": 4, "stance": 2},
        {"name": "Opp", "unit": "Doctors", "authority": 4, "influence": 4, "interest": 3, "stance": -2},
        {"name": "Nurse A", "unit": "Ward", "authority": 0, "influence": 1, "interest": 4, "stance": 1},
        {"name": "Nurse B", "unit": "Ward", "authority": 0, "influence": 1, "interest": 4, "stance": 0},
        {"name": "HCA", "unit": "Nights", "authority": 0, "influence": 1, "interest": 1, "stance": 0},
        {"name": "Clerk", "unit": "Ward", "authority": 0, "influence": 1, "interest": 1, "stance": 0},
    ], [{"source": "Nurse A", "target": "Nurse B", "kind": "advice"},
        {"source": "Nurse B", "target": "Clerk", "kind": "information"},
        {"source": "HCA", "target": "Nurse A", "kind": "advice"}])


ROLES = {"Spo": "sponsor", "Opp": "resistor"}


def test_draft_rows_in_order_with_every_column(small):
    plan = draft_comms_plan(small, start=MONDAY, roles=ROLES)
    assert list(plan.columns) == list(COMMS_COLUMNS)
    assert plan["audience"].tolist() == ["Spo (sponsor)", "Opp (resistor)", "Ward (2 people to keep informed)",
                                         "Nights (1 person to monitor)", "Ward (1 person to monitor)"]
    assert plan.loc[2, "people"] == "Nurse A, Nurse B"
    assert (plan["owner"] == "you").all()


def test_draft_channels_cadences_and_explicit_asks(small):
    plan = draft_comms_plan(small, start=MONDAY, roles=ROLES, owner="Hannah").set_index("audience")
    spo = plan.loc["Spo (sponsor)"]
    assert spo[["channel", "cadence", "owner"]].tolist() == ["in person", "fortnightly", "Hannah"]
    assert "one explicit ask each time" in spo["ask"]
    opp = plan.loc["Opp (resistor)"]
    assert opp["ask"].startswith("Move from 'no commitment' to 'let it happen':")
    assert "concerns are heard" in opp["needs_to_hear"]
    assert plan.loc["Ward (2 people to keep informed)", "ask"].startswith("Help it happen:")


def test_a_quiet_group_gets_asked_not_emailed(small):
    plan = draft_comms_plan(small, start=MONDAY, roles=ROLES).set_index("audience")
    nights = plan.loc["Nights (1 person to monitor)"]  # nobody outside Nights goes to the HCA
    assert nights[["channel", "cadence"]].tolist() == ["in person", "fortnightly"]
    assert "a quiet group" in nights["why"]
    clerk = plan.loc["Ward (1 person to monitor)"]  # the ward's nurses go to the clerk
    assert clerk[["channel", "cadence", "why"]].tolist() == ["email", "quarterly", "monitor"]


def test_next_dates_are_counted_from_start_never_from_the_clock(small):
    plan = draft_comms_plan(small, start="2026-01-10", roles=ROLES)  # a Saturday
    assert plan["next_date"].tolist() == ["2026-01-12", "2026-01-12", "2026-01-26", "2026-01-26", "2026-04-10"]
    again = draft_comms_plan(small, start=dt.date(2026, 1, 10), roles=ROLES)
    assert again.equals(plan)


@pytest.mark.parametrize("day, cadence, following", [
    ("2026-01-12", "daily", "2026-01-13"), ("2026-01-16", "daily", "2026-01-19"),
    ("2026-01-12", "weekly", "2026-01-19"), ("2026-01-12", "weekly during active test cycles", "2026-01-19"),
    ("2026-01-12", "fortnightly", "2026-01-26"), ("2026-01-31", "monthly", "2026-03-02"),
    ("2026-11-30", "quarterly", "2027-03-01"), ("2024-02-29", "monthly", "2024-03-29")])
def test_following_date(day, cadence, following):
    assert following_date(day, cadence).isoformat() == following


def test_without_a_start_the_dates_are_left_blank(small):
    plan = draft_comms_plan(small, start=None, roles=ROLES)
    assert (plan["next_date"] == "").all()
    assert comms_problems(plan) == []
    assert comms_summary(plan).endswith("No next dates yet: give the plan a start date.")


def test_dates_and_cadences_are_checked():
    with pytest.raises(MapError, match="year-month-day"):
        parse_date("12/01/2026")
    with pytest.raises(MapError, match="Did you mean 'weekly'"):
        following_date("2026-01-12", "weekley")
    assert set(CADENCES) >= {"weekly during active test cycles", "monthly"}


def test_editing_rows(small):
    plan = draft_comms_plan(small, start=MONDAY, roles=ROLES)
    edited = update_comms_row(plan, 0, channel="Email", cadence=" weekly ", owner="  Tom   B ")
    assert edited.loc[0, ["channel", "cadence", "owner"]].tolist() == ["Email", "weekly", "Tom B"]
    assert plan.loc[0, "channel"] == "in person"  # the old plan is untouched
    with pytest.raises(MapError) as info:
        update_comms_row(plan, 1, channel="pigeon", next_date="soon")
    text = str(info.value)
    assert "row 2 ('Opp (resistor)'): 'pigeon' is not a channel" in text and "'soon' is not a date" in text
    with pytest.raises(MapError, match="There is no row 9"):
        update_comms_row(plan, 8, owner="x")
    with pytest.raises(MapError, match="Did you mean 'owner'"):
        update_comms_row(plan, 0, ownr="x")


def test_adding_and_removing_rows(small):
    plan = draft_comms_plan(small, start=MONDAY, roles=ROLES)
    more = add_comms_row(plan, " Pharmacy team ", start="2026-01-17")
    assert more.iloc[-1][["audience", "channel", "cadence", "next_date", "why"]].tolist() == [
        "Pharmacy team", "email", "fortnightly", "2026-01-19", "added by you"]
    assert [p.what for p in comms_problems(more)] == ["There is no ask."]
    with pytest.raises(MapError, match="audience is blank"):
        add_comms_row(plan, " ", start=MONDAY)
    fewer = remove_comms_row(plan, 0)
    assert fewer["audience"].tolist() == plan["audience"].tolist()[1:]
    assert list(fewer.index) == list(range(len(fewer)))
    with pytest.raises(MapError):
        remove_comms_row(plan, 99)


def test_check_and_summary(small):
    plan = draft_comms_plan(small, start=MONDAY, roles=ROLES)
    assert comms_problems(plan) == []
    assert check_comms_plan(plan).equals(plan)
    assert comms_summary(plan) == ("5 audiences; 0 of them hear from you at least weekly. "
                                   "First: Spo (sponsor) on Mon 12 Jan 2026 (in person).")
    broken = plan.drop(columns=["ask"])
    with pytest.raises(MapError, match="Columns missing: ask"):
        check_comms_plan(broken)


def test_the_change_team_and_the_people_doing_the_work_are_partners():
    m = StakeholderMap([
        {"name": "Spo", "authority": 5, "interest": 4, "stance": 2},
        {"name": "Lea", "authority": 2, "influence": 2, "interest": 5, "stance": 2},
        {"name": "Pat", "authority": 0, "influence": 0, "interest": 1, "stance": 0},
        {"name": "Mgr", "unit": "Ward", "authority": 3, "influence": 1, "interest": 1, "stance": 0},
        {"name": "Cha", "unit": "Ward", "authority": 0, "influence": 1, "interest": 1, "stance": 1},
        {"name": "Hca", "unit": "Ward nights", "authority": 0, "influence": 0, "interest": 0, "stance": 0},
        {"name": "Far", "unit": "Elsewhere", "authority": 0, "influence": 0, "interest": 0, "stance": 0},
    ], [{"source": n, "target": "Mgr", "kind": "reports_to"} for n in ("Cha", "Hca")])
    roles = {"Spo": "sponsor", "Lea": "day-to-day leader", "Pat": "patient partner", "Cha": "champion"}
    plan = draft_comms_plan(m, start=MONDAY, roles=roles).set_index("audience")
    assert plan.index.tolist() == ["Spo (sponsor)", "Lea (day-to-day leader)", "Cha (champion)",
                                   "Pat (patient partner)", "Mgr (local manager)",
                                   "Ward nights (1 person doing the work)", "Elsewhere (1 person to monitor)"]
    # a patient partner with low ratings is still a partner, not an audience on a quarterly email
    pat = plan.loc["Pat (patient partner)"]
    assert pat[["channel", "cadence"]].tolist() == ["in person", "weekly during active test cycles"]
    assert pat["ask"].startswith("Shape it as a partner") and "what matters to patients" in pat["needs_to_hear"]
    hca = plan.loc["Ward nights (1 person doing the work)"]
    assert hca[["channel", "cadence", "next_date"]].tolist() == ["huddle", "daily", "2026-01-13"]
    assert "quiet group" in hca["why"] and "ask them first" in hca["needs_to_hear"]
    assert plan.loc["Mgr (local manager)", "ask"].startswith("Lead it in your area")
    assert plan.loc["Elsewhere (1 person to monitor)", "cadence"] == "fortnightly"  # quiet: asked, not emailed


@pytest.mark.parametrize("case", ["ward", "school"])
def test_nobody_on_the_change_team_is_on_a_quarterly_email(case):
    m = load_case(case)
    plan = draft_comms_plan(m, start=MONDAY)
    team = {n for n in m.names if m.person(n)["role"] in CHANGE_TEAM_ROLES}
    for row in plan.itertuples():
        if team & set(row.people.split(", ")):
            assert row.cadence != "quarterly" and row.channel != "email", row.audience
    doing = plan[plan["audience"].str.contains("doing the work")]
    assert len(doing) >= 3 and set(doing["channel"]) == {"huddle"} and set(doing["cadence"]) == {"daily"}


def test_ward_plan_matches_the_story():
    plan = draft_comms_plan(load_case("ward"), start=MONDAY).set_index("audience")
    first = plan.index[:8].tolist()
    assert first == ["Margaret Okafor (sponsor)", "Hannah Price (day-to-day leader)", "Emily Watson (champion)",
                     "Helen Brooks (change team)", "Joan Fletcher (patient partner)", "Tom Barker (local manager)",
                     "Rosa Delgado (influencer)", "Dr James Whitfield (resistor)"]
    rosa = plan.loc["Rosa Delgado (influencer)"]
    assert rosa[["channel", "cadence", "next_date"]].tolist() == ["in person", "weekly during active test cycles",
                                                                  "2026-01-12"]
    assert plan.loc["Dr James Whitfield (resistor)", "ask"].startswith("Move from 'no commitment' to 'let it happen'")
    assert "Kwame Asante" in plan.index  # the broker gets his own conversation
    hcas = plan.loc["Ward 7B nights HCAs (4 people doing the work)"]
    assert hcas["people"] == "Linda Marsh, Joy Mwangi, Gary Sutton, Anita Kaur"
    assert "quiet group" in hcas["why"] and hcas["channel"] == "huddle"
    day = plan.loc["Ward 7B (10 people doing the work)"]
    assert {"Grace Adeyemi", "Mark Sullivan", "Maria Santos", "Sandra Hill"} <= set(day["people"].split(", "))
    quiet = plan[plan["why"].str.contains("quiet")]
    assert quiet.index.tolist() == ["Ward 7B nights HCAs (4 people doing the work)"]


def test_school_quiet_group_is_the_parents():
    plan = draft_comms_plan(load_case("school"), start=MONDAY)
    quiet = plan[plan["why"].str.contains("quiet")]
    assert "Parent forum (4 people to keep informed)" in quiet["audience"].tolist()
