"""The power/interest grid: quadrants, power measures, actions, and the stories' grids."""

from __future__ import annotations

import pytest

from qi_kit import MapError, StakeholderMap, load_case
from qi_kit.engage.grid import PARTNER_ACTION
from qi_kit.engage import QUADRANT_ACTIONS, grid_summary, power_interest_grid, quadrant_of


@pytest.mark.parametrize("power, interest, quadrant", [
    (3, 3, "manage closely"), (5, 0, "keep satisfied"), (2, 5, "keep informed"), (2, 2, "monitor"),
    (0, 0, "monitor"), (3, 2, "keep satisfied"), (2, 3, "keep informed")])
def test_quadrant_of_uses_the_midpoint(power, interest, quadrant):
    assert quadrant_of(power, interest) == quadrant


def test_a_different_cut():
    assert quadrant_of(3, 3, cut=3) == "monitor"
    assert quadrant_of(4, 4, cut=3) == "manage closely"


@pytest.fixture
def small():
    return StakeholderMap([
        {"name": "Formal", "title": "Director", "authority": 4, "influence": 1, "interest": 4},
        {"name": "Informal", "authority": 0, "influence": 5, "interest": 4, "role": "influencer"},
        {"name": "Quiet", "authority": 0, "influence": 1, "interest": 1},
    ])


def test_power_counts_formal_and_informal_by_default(small):
    grid = power_interest_grid(small).set_index("name")
    assert grid["power"].tolist() == [4, 5, 1]
    assert grid["quadrant"].tolist() == ["manage closely", "manage closely", "monitor"]
    formal = power_interest_grid(small, power="authority").set_index("name")
    assert formal.loc["Informal", "quadrant"] == "keep informed"
    informal = power_interest_grid(small, power="influence").set_index("name")
    assert informal.loc["Formal", "quadrant"] == "keep informed"


def test_columns_actions_sentences_and_roles(small):
    grid = power_interest_grid(small)
    assert list(grid.columns) == ["name", "title", "power", "interest", "quadrant", "action", "role", "partner",
                                  "sentence"]
    row = grid.set_index("name").loc["Formal"]
    assert row["action"] == QUADRANT_ACTIONS["manage closely"]
    assert row["sentence"] == "Formal: power 4 of 5, interest 4 of 5, so manage closely."
    assert grid["role"].tolist() == ["", "influencer", ""]  # the map's roles by default
    assert power_interest_grid(small, roles={"Quiet": "champion"})["role"].tolist() == ["", "", "champion"]


def test_the_change_team_are_partners_not_audiences(small):
    grid = power_interest_grid(small, roles={"Quiet": "patient partner", "Formal": "sponsor"}).set_index("name")
    assert grid["partner"].tolist() == [False, False, True]
    assert grid.loc["Quiet", "action"] == PARTNER_ACTION and "not an audience" in PARTNER_ACTION
    assert grid.loc["Quiet", "quadrant"] == "monitor"  # still drawn where the ratings put them
    assert grid.loc["Quiet", "sentence"].startswith("Quiet: patient partner, a partner on the change team")
    text = grid_summary(grid.reset_index())
    assert text == "Partners on the change team, not audiences (1): Quiet. Manage closely (2): Informal, Formal."
    outside = power_interest_grid(small, roles={"Quiet": "patient partner"}, outside_team=True)
    assert outside["name"].tolist() == ["Formal", "Informal"]


def test_ward_grid_puts_the_change_team_outside_the_quadrants():
    grid = power_interest_grid(load_case("ward"))
    team = set(grid.loc[grid["partner"], "name"])
    assert team == {"Hannah Price", "Helen Brooks", "Emily Watson", "Joan Fletcher"}
    outside = power_interest_grid(load_case("ward"), outside_team=True)
    assert len(outside) == 33 and not team & set(outside["name"])


def test_an_unknown_power_measure_is_explained(small):
    with pytest.raises(MapError, match="Did you mean 'authority'"):
        power_interest_grid(small, power="autority")


def test_summary_lists_strongest_first_and_counts_the_rest(small):
    text = grid_summary(power_interest_grid(small))
    assert text == "Manage closely (2): Informal, Formal. Monitor (1): Quiet."
    assert grid_summary(power_interest_grid(small), most=1).startswith("Manage closely (2): Informal and 1 more.")
    assert grid_summary(power_interest_grid(StakeholderMap([]))) == "The map has no people yet."


def quadrants(case, power):
    grid = power_interest_grid(load_case(case), power=power)
    return {q: set(grid.loc[grid["quadrant"] == q, "name"]) for q in QUADRANT_ACTIONS}


def test_ward_grid_by_authority_matches_the_story():
    q = quadrants("ward", "authority")
    assert q["manage closely"] == {"Margaret Okafor", "Dr James Whitfield", "David Reyes", "Priya Shah", "Tom Barker"}
    assert q["keep satisfied"] == {"Dr Fiona Campbell"}
    assert {"Rosa Delgado", "Kwame Asante", "Hannah Price", "Helen Brooks", "Joan Fletcher"} <= q["keep informed"]
    night_hcas = {"Linda Marsh", "Joy Mwangi", "Gary Sutton", "Anita Kaur"}
    juniors = {"Dr Ben Carter", "Dr Chloe Evans", "Dr Oliver Grant"}
    assert night_hcas | juniors <= q["monitor"]


def test_ward_grid_by_default_moves_six_up_as_the_story_says():
    by_authority, default = quadrants("ward", "authority"), quadrants("ward", "both")
    moved_up = default["manage closely"] - by_authority["manage closely"]
    assert moved_up == {"Rosa Delgado", "Kwame Asante", "Helen Brooks", "Dr Aisha Rahman", "Grace Adeyemi",
                        "Ewa Nowak"}
    assert default["keep satisfied"] == {"Dr Fiona Campbell", "Mark Sullivan"}
    assert {"Linda Marsh", "Joy Mwangi", "Gary Sutton", "Anita Kaur"} <= default["monitor"]


def test_school_grid_matches_the_story():
    by_authority, default = quadrants("school", "authority"), quadrants("school", "both")
    assert by_authority["manage closely"] == {"Maya Thompson", "Daniel Osei"}
    assert by_authority["keep satisfied"] == {"Michael Ferraro", "Robert Greaves"}
    assert "Frank Kowalski" in by_authority["monitor"]
    assert default["manage closely"] - by_authority["manage closely"] == {"Ruth Abernathy", "Amira Haddad",
                                                                         "Laura Chen", "Ingrid Solberg"}
    assert "Frank Kowalski" in default["keep satisfied"]
