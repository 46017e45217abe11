"""Brokers, single points of failure and key players: known answers and edge cases."""

from __future__ import annotations

import networkx as nx
import pytest

import qi_kit
from qi_kit import MapError, StakeholderMap
from qi_kit.analysis.brokers import (brokerage_roles, brokers, fragmentation, key_players,
                                     single_points_of_failure)


@pytest.fixture(scope="module")
def ward():
    return qi_kit.load_case("ward")


def line_map(names, units=None, kind="advice"):
    people = [{"name": n, "unit": (units or {}).get(n, "")} for n in names]
    ties = [{"source": b, "target": a, "kind": kind} for a, b in zip(names, names[1:])]
    return StakeholderMap(people, ties)


def test_gould_fernandez_roles_read_along_influence():
    # influence X -> B -> Y: B listens to X, Y listens to B; Y does not listen to X
    cases = {("P", "P", "P"): "coordinator", ("Q", "P", "P"): "gatekeeper", ("P", "P", "Q"): "representative",
             ("P", "Q", "P"): "consultant", ("P", "Q", "R"): "liaison"}
    for (ux, ub, uy), role in cases.items():
        m = StakeholderMap([{"name": "X", "unit": ux}, {"name": "B", "unit": ub}, {"name": "Y", "unit": uy}],
                           [{"source": "B", "target": "X", "kind": "advice"},
                            {"source": "Y", "target": "B", "kind": "advice"}])
        roles = brokerage_roles(m, kind="advice")
        assert roles.at["B", role] == 1 and roles.at["B", "brokerage_total"] == 1, role
        assert roles.loc[["X", "Y"], "brokerage_total"].sum() == 0


def test_no_brokerage_when_the_pair_is_tied_directly():
    m = StakeholderMap([{"name": n, "unit": "A"} for n in "XBY"],
                       [{"source": "B", "target": "X", "kind": "advice"}, {"source": "Y", "target": "B", "kind": "advice"},
                        {"source": "Y", "target": "X", "kind": "advice"}])
    assert brokerage_roles(m, kind="advice")["brokerage_total"].sum() == 0


def test_brokerage_uses_clusters_when_nobody_has_a_unit():
    G = nx.florentine_families_graph()
    ties = [{"source": a, "target": b, "kind": "advice"} for u, v in G.edges for a, b in ((u, v), (v, u))]
    m = StakeholderMap([{"name": n} for n in G], ties)
    roles = brokerage_roles(m, kind="advice")
    assert roles.attrs["groups"] == "cluster"
    table = brokers(m, kind="advice")
    assert table.index[0] == "Medici"


def test_ward_kwame_is_the_broker_between_professions(ward):
    table = brokers(ward)
    assert list(table.index[:2]) == ["Rosa Delgado", "Kwame Asante"]
    kwame = table.loc["Kwame Asante"]
    assert "Medical team and Ward 7B" in kwame["only_link_between"]
    assert kwame["reason"].startswith("Kwame Asante is the only link between Medical team")
    assert kwame["liaison"] > 0


def test_ward_single_points_of_failure(ward):
    table = single_points_of_failure(ward)
    assert table.index[0] == "Kwame Asante"
    cut = set(table.at["Kwame Asante", "cut_off_if_they_leave"].split(", "))
    assert cut == {"Dr James Whitfield", "Dr Aisha Rahman", "Dr Ben Carter", "Dr Chloe Evans", "Dr Oliver Grant"}
    assert table.at["Kwame Asante", "sentence"].startswith("If Kwame Asante left, Dr James Whitfield")
    assert "Hannah Price" in table.index  # Joan Fletcher's only link


def test_key_players_on_a_line_pick_the_middle():
    m = line_map(list("abcde"))
    table = key_players(m, kind="advice", k=1)
    assert list(table["name"]) == ["c"]
    assert table.at[0, "fragmentation"] == pytest.approx(1 - 4 / 12, abs=1e-4)
    assert table.attrs["before"] == 0.0


def test_key_players_greedy_matches_brute_force_step_by_step():
    G = nx.karate_club_graph()
    m = StakeholderMap([{"name": str(n)} for n in G],
                       [{"source": str(u), "target": str(v), "kind": "trust"} for u, v in G.edges])
    table = key_players(m, kind="trust", k=2)
    U = nx.relabel_nodes(G, str)
    first = max(U, key=lambda v: fragmentation(U.subgraph(set(U) - {v})))
    assert table.at[0, "name"] == first
    assert table.at[0, "fragmentation"] == pytest.approx(fragmentation(U.subgraph(set(U) - {first})), abs=1e-4)


def test_ward_key_players_start_with_kwame(ward):
    table = key_players(ward, k=3)
    assert table.at[0, "name"] == "Kwame Asante"
    assert list(table["fragmentation"]) == sorted(table["fragmentation"])
    assert "sustainability risk" in table.attrs["summary"]


def test_edge_cases():
    empty = qi_kit.empty_map()
    assert brokers(empty).empty and single_points_of_failure(empty).empty and key_players(empty).empty
    one = StakeholderMap([{"name": "A", "unit": "X"}])
    assert brokers(one).empty and key_players(one).empty
    no_ties = StakeholderMap([{"name": "A"}, {"name": "B"}], [{"source": "A", "target": "B", "kind": "reports_to"}])
    assert brokers(no_ties).empty and "Nobody" in brokers(no_ties).attrs["summary"]
    with pytest.raises(MapError):
        key_players(no_ties, k=0)
    with pytest.raises(MapError):
        brokerage_roles(no_ties, groups="team")


def test_public_names():
    assert qi_kit.brokers is brokers and qi_kit.key_players is key_players
    assert qi_kit.single_points_of_failure is single_points_of_failure and qi_kit.brokerage_roles is brokerage_roles
