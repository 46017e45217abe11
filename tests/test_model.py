"""StakeholderMap: building, the networkx view, editing, saving as a dict."""

from __future__ import annotations

import networkx as nx
import pytest

from qi_kit import MapError, StakeholderMap, empty_map

PEOPLE = [
    {"name": "Rosa Delgado", "title": "Staff Nurse", "unit": "Nights", "influence": 5, "stance": 1, "role": "influencer"},
    {"name": "Tom Barker", "title": "Ward Manager", "unit": "Ward 7B", "authority": 3, "interest": 4},
    {"name": "Ana Lee", "title": "Staff Nurse", "unit": "Nights", "notes": "new starter"},
]
TIES = [
    {"source": "Ana Lee", "target": "Rosa Delgado", "kind": "advice", "strength": 3},
    {"source": "Tom Barker", "target": "Rosa Delgado", "kind": "advice"},
    {"source": "Ana Lee", "target": "Tom Barker", "kind": "reports_to"},
    {"source": "Ana Lee", "target": "Rosa Delgado", "kind": "trust", "strength": 2},
]


@pytest.fixture
def small():
    return StakeholderMap(PEOPLE, TIES, title="Falls")


def test_tables_have_the_model_columns_and_defaults(small):
    people = small.people
    assert list(people.columns) == ["name", "title", "unit", "authority", "influence", "interest", "stance", "role", "notes"]
    tom = small.person("tom barker")
    assert tom == {"name": "Tom Barker", "title": "Ward Manager", "unit": "Ward 7B", "authority": 3,
                   "influence": 0, "interest": 4, "stance": 0, "role": "", "notes": ""}
    assert small.ties[["source", "kind", "strength"]].values.tolist() == [
        ["Tom Barker", "advice", 1], ["Ana Lee", "advice", 3], ["Ana Lee", "trust", 2], ["Ana Lee", "reports_to", 1]]


def test_repr_and_summary(small):
    assert repr(small) == "StakeholderMap('Falls', 3 people, 4 ties: reports_to 1, advice 2, trust 1)"
    assert small.summary() == "'Falls': 3 people in 2 units and 4 ties (1 reports to, 2 advice, 1 trust)."
    assert empty_map().summary() == "0 people and 0 ties."


def test_graph_of_all_kinds_is_lossless(small):
    G = small.graph()
    assert isinstance(G, nx.MultiDiGraph)
    assert G.number_of_edges() == 4
    assert G.nodes["Rosa Delgado"]["influence"] == 5
    assert G.edges["Ana Lee", "Rosa Delgado", "trust"]["strength"] == 2
    assert StakeholderMap.from_graph(G) == small


def test_graph_of_one_kind_points_at_the_listened_to(small):
    G = small.graph("advice")
    assert isinstance(G, nx.DiGraph) and not G.is_multigraph()
    assert set(G.edges) == {("Ana Lee", "Rosa Delgado"), ("Tom Barker", "Rosa Delgado")}
    assert G.in_degree("Rosa Delgado") == 2
    assert set(G.nodes) == set(small.names)  # people without ties of this kind are still there


def test_graph_of_several_kinds_keeps_the_strongest(small):
    G = small.graph(["advice", "trust"])
    assert G["Ana Lee"]["Rosa Delgado"] == {"strength": 3, "kinds": ("advice", "trust")}


def test_graph_of_unknown_kind_suggests(small):
    with pytest.raises(MapError, match="Did you mean 'advice'"):
        small.graph("advise")


def test_round_trip_through_dict(small):
    assert StakeholderMap.from_dict(small.to_dict()) == small


def test_editing_returns_new_maps(small):
    bigger = small.add_person("Kwame Asante", title="Pharmacist", authority=1)
    assert len(bigger) == 4 and len(small) == 3
    tied = bigger.add_tie("Tom Barker", "Kwame Asante", "advice", 2)
    assert ("Tom Barker", "Kwame Asante") in tied.graph("advice").edges
    stronger = tied.add_tie("tom barker", "kwame asante", "advice", 3)  # updates, does not duplicate
    assert len(stronger.ties) == len(tied.ties)
    assert stronger.graph("advice")["Tom Barker"]["Kwame Asante"]["strength"] == 3
    fewer = stronger.remove_tie("Tom Barker", "Kwame Asante", "advice")
    assert len(fewer.ties) == len(small.ties)


def test_rename_moves_the_ties(small):
    renamed = small.update_person("Rosa Delgado", name="RD", influence=4)
    assert "RD" in renamed.names and "Rosa Delgado" not in renamed.names
    assert renamed.graph("advice").in_degree("RD") == 2
    assert renamed.person("RD")["influence"] == 4


def test_remove_person_removes_their_ties(small):
    smaller = small.remove_person("Rosa Delgado")
    assert len(smaller) == 2
    assert smaller.ties.to_dict("records") == [{"source": "Ana Lee", "target": "Tom Barker", "kind": "reports_to", "strength": 1}]


@pytest.mark.parametrize("edit, message", [
    (lambda m: m.add_person("rosa delgado"), "already on row 1"),
    (lambda m: m.add_person(""), "name is blank"),
    (lambda m: m.add_person("X", authority=9), "outside the scale 0 to 5"),
    (lambda m: m.add_person("X", rank=2), "'rank' is not a field"),
    (lambda m: m.add_tie("Tom Barker", "Tom Barker", "advice"), "tied to themself"),
    (lambda m: m.add_tie("Tom Barker", "Rosa Delgad", "advice"), "Did you mean 'Rosa Delgado'"),
    (lambda m: m.add_tie("Tom Barker", "Rosa Delgado", "friendship"), "Use one of: reports_to, advice"),
    (lambda m: m.add_tie("Tom Barker", "Rosa Delgado", "advice", 5), "outside the scale 1 to 3"),
    (lambda m: m.remove_tie("Rosa Delgado", "Tom Barker"), "no tie from 'Rosa Delgado' to 'Tom Barker'"),
    (lambda m: m.remove_person("Nobody"), "'Nobody' is not a person on this map"),
    (lambda m: m.person("Tom Baker"), "Did you mean 'Tom Barker'"),
])
def test_bad_edits_explain_themselves(small, edit, message):
    with pytest.raises(MapError, match=message):
        edit(small)


def test_errors_are_value_errors_with_fixes(small):
    with pytest.raises(ValueError) as info:
        small.add_person("X", stance=3)
    assert "Fix:" in str(info.value)
    assert info.value.problems[0].where == "people table, row 4, column 'stance'"


def test_not_a_list_of_rows():
    with pytest.raises(MapError, match="list of rows"):
        StakeholderMap({"name": "A"})
    with pytest.raises(MapError, match="a row must be a dict"):
        StakeholderMap(["A", "B"])


def test_empty_map_works():
    m = empty_map("New")
    assert len(m) == 0 and m.kinds() == []
    assert m.graph("advice").number_of_nodes() == 0
    assert m.add_person("A").names == ["A"]
