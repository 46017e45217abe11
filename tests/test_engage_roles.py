"""Roles: the decision list, its reasons, the map's roles as the starting point, overrides, and the cases."""

from __future__ import annotations

import math

import pytest

from qi_kit import MapError, StakeholderMap, load_case
from qi_kit.engage import roles as roles_module
from qi_kit.engage import apply_role_overrides, final_roles, roles_summary, suggest_roles

PEOPLE = [
    {"name": "Ann Exec", "authority": 5, "influence": 2, "interest": 4, "stance": 2},
    {"name": "Bo Board", "authority": 5, "influence": 1, "interest": 1, "stance": 1},
    {"name": "Cy Lead", "authority": 2, "influence": 2, "interest": 5, "stance": 2},
    {"name": "Di Nurse", "authority": 0, "influence": 5, "interest": 3, "stance": 1, "role": "champion"},
    {"name": "Ed Doc", "authority": 4, "influence": 3, "interest": 2, "stance": -2},
    {"name": "Flo Reg", "authority": 2, "influence": 3, "interest": 2, "stance": -1},
    {"name": "Gus Porter", "authority": 0, "influence": 1, "interest": 1, "stance": 0},
    {"name": "Hal Keen", "authority": 1, "influence": 2, "interest": 4, "stance": 2},
]
TIES = [{"source": "Flo Reg", "target": "Ed Doc", "kind": "advice"},
        {"source": "Gus Porter", "target": "Di Nurse", "kind": "trust"}]


@pytest.fixture
def small():
    return StakeholderMap(PEOPLE, TIES, title="Test")


def suggested(m, **options):
    table = suggest_roles(m, **options)
    return dict(zip(table["name"], table["suggested"]))


def test_the_decision_list_on_a_small_map(small):
    assert suggested(small) == {"Ann Exec": "sponsor", "Bo Board": "", "Cy Lead": "day-to-day leader",
                                "Di Nurse": "influencer", "Ed Doc": "resistor", "Flo Reg": "",
                                "Gus Porter": "", "Hal Keen": ""}


def test_every_suggestion_has_a_plain_reason(small):
    table = suggest_roles(small).set_index("name")
    assert "most formal authority of its supporters (5 of 5)" in table.loc["Ann Exec", "reason"]
    assert "matters little to them (interest 1)" in table.loc["Bo Board", "reason"]
    assert "'let it happen'" in table.loc["Ed Doc", "reason"]
    assert "takes their lead from Ed Doc" in table.loc["Flo Reg", "reason"]
    assert "possible member of the change team" in table.loc["Hal Keen", "reason"]
    assert table.loc["Gus Porter", "reason"].startswith("No particular role suggested")
    assert table["reason"].str.len().min() > 20


def test_columns_and_the_role_on_the_map_are_reported(small):
    table = suggest_roles(small)
    assert list(table.columns) == list(roles_module.ROLE_COLUMNS)
    assert table.set_index("name").loc["Di Nurse", "on_map"] == "champion"
    assert table.set_index("name").loc["Di Nurse", ["suggested", "role", "source"]].tolist() == [
        "influencer", "champion", "on the map"]
    assert (table.loc[table["name"] != "Di Nurse", "source"] == "suggested").all()
    assert math.isnan(suggest_roles(small, network=False).loc[0, "sought_out_share"])
    assert math.isnan(suggest_roles(small, kind="information").loc[0, "sought_out_share"])  # no such ties


def test_one_sponsor_and_one_day_to_day_leader_ties_go_to_map_order():
    m = StakeholderMap([{"name": "P", "authority": 4, "interest": 4, "stance": 1},
                        {"name": "Q", "authority": 4, "interest": 4, "stance": 2},
                        {"name": "R", "authority": 1, "influence": 3, "interest": 5, "stance": 2},
                        {"name": "S", "authority": 1, "influence": 3, "interest": 5, "stance": 2}])
    assert suggested(m) == {"P": "sponsor", "Q": "", "R": "day-to-day leader", "S": ""}


def test_the_role_typed_on_the_map_is_the_starting_point_and_a_choice_wins():
    m = StakeholderMap([{"name": "Ann", "authority": 5, "interest": 4, "stance": 2},
                        {"name": "Bo", "authority": 1, "interest": 2, "stance": 1, "role": "link nurse"},
                        {"name": "Cy", "authority": 2, "influence": 2, "interest": 5, "stance": 2},
                        {"name": "Di", "authority": 4, "interest": 4, "stance": 1, "role": "sponsor"}])
    table = suggest_roles(m).set_index("name")
    assert table.loc["Bo", ["suggested", "role", "source"]].tolist() == ["", "champion", "on the map"]
    # the map names Di as the sponsor, so the kit's suggested sponsor (Ann) is not used as well
    assert table.loc["Ann", ["suggested", "role"]].tolist() == ["sponsor", ""]
    assert table.loc["Di", ["role", "source"]].tolist() == ["sponsor", "on the map"]
    assert final_roles(m)["Cy"] == "day-to-day leader"
    chosen = suggest_roles(m, overrides={"Bo": "", "Ann": "sponsor"}).set_index("name")
    assert chosen.loc["Bo", ["role", "source"]].tolist() == ["", "your choice"]
    assert chosen.loc["Ann", "role"] == "sponsor"
    assert "2 come from the roles on the map" in roles_summary(suggest_roles(m))
    ignored = suggest_roles(m, map_roles=False).set_index("name")
    assert ignored.loc["Bo", "role"] == "" and ignored.loc["Ann", "role"] == "sponsor"


@pytest.mark.parametrize("typed, role", [("Day to day leader", "day-to-day leader"), ("LINK NURSE", "champion"),
                                         ("patient", "patient partner"), ("team member", "change team")])
def test_other_words_for_a_role_are_understood(typed, role):
    m = StakeholderMap([{"name": "A", "role": typed}])
    assert m.person("A")["role"] == role
    assert final_roles(StakeholderMap([{"name": "A"}]), {"A": typed})["A"] == role


def test_no_sponsor_without_a_supporter_with_authority():
    m = StakeholderMap([{"name": "A", "authority": 3, "interest": 5, "stance": 2},
                        {"name": "B", "authority": 5, "interest": 5, "stance": 0}])
    table = suggest_roles(m)
    assert "sponsor" not in set(table["suggested"])
    assert "There is no sponsor yet" in roles_summary(table)


def test_a_sceptic_with_pull_is_a_resistor_a_quiet_one_is_not():
    m = StakeholderMap([{"name": "Loud", "authority": 1, "influence": 3, "stance": -1},
                        {"name": "Quiet", "authority": 1, "influence": 2, "stance": -2}])
    assert suggested(m) == {"Loud": "resistor", "Quiet": ""}


def test_network_share_makes_an_informal_leader(small, monkeypatch):
    shares = {n: 0.0 for n in small.names}
    shares["Gus Porter"] = 0.5
    monkeypatch.setattr(roles_module, "_network_shares", lambda m, kind: shares)
    table = suggest_roles(small).set_index("name")
    assert table.loc["Gus Porter", "suggested"] == "influencer"
    assert "50% of colleagues go to them for advice" in table.loc["Gus Porter", "reason"]
    assert suggest_roles(small, sought_out=0.6).set_index("name").loc["Gus Porter", "suggested"] == ""
    assert suggested(small, network=False)["Gus Porter"] == ""


def test_overrides_win_and_are_marked(small):
    table = suggest_roles(small, overrides={"gus porter": "Champion", "Ann Exec": "none"}).set_index("name")
    assert table.loc["Gus Porter", ["suggested", "role", "source"]].tolist() == ["", "champion", "your choice"]
    assert table.loc["Ann Exec", ["suggested", "role", "source"]].tolist() == ["sponsor", "", "your choice"]
    assert table.loc["Cy Lead", "source"] == "suggested"
    assert final_roles(small, {"Cy Lead": "resistor"})["Cy Lead"] == "resistor"
    assert "your own choice" in roles_summary(suggest_roles(small, overrides={"Gus Porter": "champion"}))


def test_overrides_are_checked_all_at_once(small):
    with pytest.raises(MapError) as info:
        suggest_roles(small, overrides={"Gus Portr": "champion", "Ann Exec": "boss", "Cy Lead": "sponser"})
    text = str(info.value)
    assert len(info.value.problems) == 3
    assert "Did you mean 'Gus Porter'?" in text
    assert "'boss' is not a role the kit knows" in text
    assert "Did you mean 'sponsor'?" in text


def test_apply_overrides_can_go_back_to_the_suggestion(small):
    base = suggest_roles(small)
    chosen = apply_role_overrides(base, {"Ed Doc": "influencer"})
    back = apply_role_overrides(chosen, {})
    assert back["role"].tolist() == base["role"].tolist()
    assert back["source"].tolist() == base["source"].tolist()


def test_an_empty_map_has_no_roles():
    table = suggest_roles(StakeholderMap([]))
    assert table.empty and list(table.columns) == list(roles_module.ROLE_COLUMNS)
    assert roles_summary(table).startswith("No roles suggested yet")


@pytest.mark.parametrize("case, expected, team", [
    ("ward", {"sponsor": ["Margaret Okafor"], "day-to-day leader": ["Hannah Price"],
              "influencer": ["Rosa Delgado"], "resistor": ["Dr James Whitfield"]},
     {"champion": ["Emily Watson"], "change team": ["Helen Brooks"], "patient partner": ["Joan Fletcher"]}),
    ("school", {"sponsor": ["Maya Thompson"], "day-to-day leader": ["Amira Haddad"],
                "influencer": ["Ruth Abernathy"], "resistor": ["Frank Kowalski"]},
     {"champion": ["Sophie Martin"]}),
])
def test_the_cases_match_their_stories(case, expected, team):
    table = suggest_roles(load_case(case))
    got = {role: table.loc[table["suggested"] == role, "name"].tolist() for role in expected}
    assert got == expected
    # the suggestions agree with the roles recorded in the case files
    recorded = table[table["suggested"] != ""]
    assert (recorded["on_map"] == recorded["suggested"]).all()
    # and the team the kit cannot guess comes from the map
    in_use = {role: table.loc[table["role"] == role, "name"].tolist() for role in team}
    assert in_use == team


def test_ward_near_misses_are_explained():
    table = suggest_roles(load_case("ward")).set_index("name")
    assert "takes their lead from Dr James Whitfield" in table.loc["Dr Aisha Rahman", "reason"]
    assert "possible second sponsor" in table.loc["David Reyes", "reason"]
    assert "possible member of the change team" in table.loc["Helen Brooks", "reason"]
    assert "possible champion" in table.loc["Femi Adebayo", "reason"]


def test_the_advice_network_counts_when_the_analysis_is_there(small):
    pytest.importorskip("qi_kit.analysis.influence")
    shares = suggest_roles(small).set_index("name")["sought_out_share"]
    assert shares["Ed Doc"] == pytest.approx(1 / 7)  # Flo goes to Ed: 1 of the 7 others
    assert shares["Di Nurse"] == 0  # trust ties are not advice


def test_ward_uses_the_advice_network_when_the_analysis_is_there():
    pytest.importorskip("qi_kit.analysis.influence")
    table = suggest_roles(load_case("ward")).set_index("name")
    assert table.loc["Rosa Delgado", "sought_out_share"] == pytest.approx(17 / 36)
    assert "47% of colleagues go to them for advice" in table.loc["Rosa Delgado", "reason"]
