"""Group maps: three colleagues map the same team; hand-known answers for agreement and the merge.

The three informants are Ana, Tom and Rosa, each mapping their own team:

| tie                          | Ana | Tom | Rosa | half rule       | both ends agree          |
| ---                          | --- | --- | ---  | ---             | ---                      |
| Tom -> Rosa, advice          |  x  |  x  |  x   | 3 of 3: agreed  | Tom and Rosa: agreed     |
| Ana -> Rosa, advice          |  x  |  x  |      | 2 of 3: agreed  | Rosa did not: disputed   |
| Ana -> Tom, advice           |  x  |  x  |      | 2 of 3: agreed  | Ana and Tom: agreed      |
| Tom -> Ana, trust            |     |     |  x   | 1 of 3: disputed| Tom and Ana did not      |
| Kwame -> Rosa, advice        |     |     |  x   | 1 of 3: disputed| Kwame did not map        |

Kwame is on Rosa's map only.
"""

from __future__ import annotations

import pytest

import qi_kit
from qi_kit.errors import MapError
from qi_kit.group_maps import (agreement_summary, compare_maps, merge_maps, partly_known, rating_spread,
                               things_to_check)
from qi_kit.model import StakeholderMap


def _advice(source, target, kind="advice", strength=1):
    return {"source": source, "target": target, "kind": kind, "strength": strength}


@pytest.fixture
def informants() -> dict[str, StakeholderMap]:
    ana = StakeholderMap(
        [{"name": "Ana", "title": "Staff nurse"}, {"name": "Tom", "authority": 2, "role": "sponsor"},
         {"name": "Rosa", "influence": 5}],
        [_advice("Tom", "Rosa", strength=3), _advice("Ana", "Rosa"), _advice("Ana", "Tom")], title="Ward 7B")
    tom = StakeholderMap(
        [{"name": "ana", "title": "Staff nurse"}, {"name": "Tom", "authority": 2},
         {"name": "Rosa", "influence": 4}],
        [_advice("Tom", "Rosa", strength=2), _advice("ana", "Rosa"), _advice("ana", "Tom")], title="Ward 7B")
    rosa = StakeholderMap(
        [{"name": "Ana", "title": "Healthcare assistant"}, {"name": "Tom", "authority": 4, "role": "sponsor"},
         {"name": "Rosa", "influence": 3}, {"name": "Kwame", "title": "Pharmacist"}],
        [_advice("Tom", "Rosa", strength=1), _advice("Tom", "Ana", "trust"), _advice("Kwame", "Rosa")],
        title="Ward 7B")
    return {"Ana": ana, "Tom": tom, "Rosa": rosa}


def _row(table, source, target, kind="advice"):
    rows = table[(table["source"] == source) & (table["target"] == target) & (table["kind"] == kind)]
    assert len(rows) == 1, (source, target, kind, table)
    return rows.iloc[0]


def test_three_or_two_of_three_is_consensus_one_of_three_is_disputed(informants):
    table = compare_maps(informants)
    assert len(table) == 5
    everyone = _row(table, "Tom", "Rosa")
    assert everyone["reported_by"] == ("Ana", "Tom", "Rosa") and everyone["agreement"] == 1.0
    assert everyone["consensus"] and everyone["informants"] == 3
    two = _row(table, "Ana", "Rosa")
    assert two["reported_by"] == ("Ana", "Tom") and two["agreement"] == pytest.approx(2 / 3) and two["consensus"]
    one = _row(table, "Tom", "Ana", "trust")
    assert one["reported_by"] == ("Rosa",) and one["agreement"] == pytest.approx(1 / 3) and not one["consensus"]
    assert one["sentence"] == "Only Rosa (1 of 3) says Tom trusts Ana: check it with Tom and Ana."
    assert table["consensus"].tolist() == [True, True, True, False, False]  # agreed ties first
    assert table.attrs["summary"].startswith("3 informants reported 5 different ties: 3 agreed and 2 disputed")


def test_a_person_known_only_to_some_informants_is_explained(informants):
    table = compare_maps(informants)
    kwame = _row(table, "Kwame", "Rosa")
    assert kwame["informants"] == 1 and kwame["agreement"] == pytest.approx(1 / 3) and not kwame["consensus"]
    assert "Ana and Tom did not have both people on their map" in kwame["sentence"]
    people = partly_known(informants)
    assert people["name"].tolist() == ["Kwame"] and people["known_to"].tolist() == [("Rosa",)]
    assert people["sentence"].iloc[0].startswith("Kwame is on 1 of 3 maps (Rosa): ask the others")
    assert people.attrs["summary"] == "1 person is on some maps but not on others."


def test_names_match_ignoring_case_and_spaces(informants):
    table = compare_maps(informants)
    assert "ana" not in set(table["source"]) and _row(table, "Ana", "Tom")["reported_by"] == ("Ana", "Tom")


def test_both_ends_agree_is_stricter(informants):
    table = compare_maps(informants, rule="both_ends")
    agreed = {(r.source, r.target, r.kind) for r in table.itertuples() if r.consensus}
    assert agreed == {("Tom", "Rosa", "advice"), ("Ana", "Tom", "advice")}
    assert "Rosa did not report it" in _row(table, "Ana", "Rosa")["sentence"]
    assert "Kwame did not map the team" in _row(table, "Kwame", "Rosa")["sentence"]
    assert "Krackhardt" in table.attrs["summary"] and table.attrs["rule"] == "both_ends"


def test_merge_keeps_everyone_the_agreed_ties_and_the_median_with_its_spread(informants):
    merged = merge_maps(informants)
    assert merged.names == ["Ana", "Tom", "Rosa", "Kwame"]
    ties = {(s, t, k): w for s, t, k, w in merged.ties.itertuples(index=False, name=None)}
    assert ties == {("Tom", "Rosa", "advice"): 2, ("Ana", "Rosa", "advice"): 1, ("Ana", "Tom", "advice"): 1}
    rosa, tom, kwame = merged.person("Rosa"), merged.person("Tom"), merged.person("Kwame")
    assert rosa["influence"] == 4 and rosa["notes"] == "influence 3-5 across 3 maps."
    assert tom["authority"] == 2 and tom["role"] == "sponsor" and "authority 2-4 across 3 maps" in tom["notes"]
    assert kwame["notes"] == "on 1 of 3 maps (Rosa)." and kwame["title"] == "Pharmacist"
    assert merged.person("Ana")["title"] == "Staff nurse"  # the most common answer (2 of 3)
    assert merged.title == "Ward 7B"


def test_merge_with_the_strict_rule_keeps_fewer_ties(informants):
    assert len(merge_maps(informants, rule="both_ends").ties) == 2


def test_rating_spread_even_count_takes_the_lower_middle():
    a = StakeholderMap([{"name": "X", "stance": -1}])
    b = StakeholderMap([{"name": "X", "stance": 2}])
    row = rating_spread([a, b]).set_index("rating").loc["stance"]
    assert (row["median"], row["low"], row["high"], row["spread"]) == (-1, -1, 2, 3)


def test_things_to_check_lists_the_disputed_ties_and_partly_known_people(informants):
    lines = things_to_check(informants)
    assert len(lines) == 3
    assert lines[0].startswith("Only Rosa (1 of 3) says Tom trusts Ana") and lines[-1].startswith("Kwame is on 1")
    text = agreement_summary(informants)
    assert "3 agreed and 2 disputed" in text and "1 person is on some maps" in text


def test_a_list_is_labelled_map_1_2_3(informants):
    table = compare_maps(list(informants.values()))
    assert _row(table, "Tom", "Rosa")["reported_by"] == ("Map 1", "Map 2", "Map 3")


def test_the_analyses_run_on_the_consensus(informants):
    leaders = qi_kit.influence_table(merge_maps(informants))
    assert leaders.loc["Rosa", "sought_out_by"] == 2


def test_mistakes_are_explained():
    m = StakeholderMap([{"name": "A"}])
    with pytest.raises(MapError, match="at least two maps"):
        compare_maps([m])
    with pytest.raises(MapError, match="not a stakeholder map"):
        compare_maps([m, "a file name"])
    with pytest.raises(MapError, match="not a rule"):
        compare_maps([m, m], rule="majority")
    empty = compare_maps([m, m])
    assert empty.empty and "nothing to compare" in empty.attrs["summary"]


# --------------------------------------------------------------------------- the editor opens a group map


def _uploaded(editor, files):
    import datetime

    editor.upload.value = tuple({"name": name, "type": "", "size": len(data), "content": memoryview(data),
                                 "last_modified": datetime.datetime(2024, 1, 1)} for name, data in files)


def test_the_editor_opens_the_consensus_of_several_saved_maps(informants, tmp_path):
    import json

    from qi_kit.sharing import share_document
    from qi_kit.widgets.editor import MapEditor

    files = []
    for label, m in informants.items():
        if label == "Rosa":  # one as a file shared with the facilitator (names kept)
            data = share_document(m, {}, pseudonymised=False)
        else:  # the others as their saved workspace.json
            path = qi_kit.save_workspace(tmp_path / label / "workspace.json", map=m)
            data = json.loads(path.read_text())
        files.append((f"{label}.json", json.dumps(data).encode()))
    editor = MapEditor(path=tmp_path / "mine" / "workspace.json")
    _uploaded(editor, files)
    assert editor.value == merge_maps(list(informants.values()))
    text = editor.message.value
    assert "consensus of 3 maps" in text and "3 agreed and 2 disputed" in text
    assert "Only Map 3 (1 of 3) says Tom trusts Ana" in text
    assert not (tmp_path / "mine" / "workspace.json").exists()  # opened, not saved until edited
    _uploaded(editor, [("a.json", b"{not json"), ("b.json", b"{}")])
    assert "could not be combined" in editor.message.value and "a.json" in editor.message.value
