"""Brokers, single points of failure and key players: known answers and edge cases."""

from __future__ import annotations

import re
from collections import Counter
from itertools import combinations

import networkx as nx
import numpy as np
import pytest

import qi_kit
from qi_kit import MapError, StakeholderMap
from qi_kit.analysis.brokers import (brokerage_roles, brokers, fragmentation, key_players, only_links,
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
    assert ("Medical team", "Ward 7B") in table.attrs["only_links"]["Kwame Asante"]
    assert kwame["only_link_between"].startswith("Medical team and Medicine Division, Quality Improvement")
    assert kwame["reason"].startswith("Kwame Asante is the only link between Medical team and Medicine Division")
    assert kwame["liaison"] > 0
    # Rosa links many units, but a longer route avoids her for every pair: she is nobody's only link
    assert table.at["Rosa Delgado", "only_link_between"] == ""
    assert not any(re.search(r"betweenness \d", r) for r in table["reason"])


def brute_force_only_links(m, kind="advice"):
    """Person -> pairs of units (2+ members) linked on the map but not once that person is removed."""
    G = m.graph(kind).to_undirected()
    unit = {p: G.nodes[p]["unit"] for p in G}
    groups = sorted(u for u, c in Counter(unit.values()).items() if c >= 2)

    def linked(H, a, b):
        return any(nx.has_path(H, x, y) for x in H if unit[x] == a for y in H if unit[y] == b)

    found = {}
    for v in G:
        H = G.subgraph(set(G) - {v})
        pairs = [(a, b) for a, b in combinations(groups, 2) if linked(G, a, b) and not linked(H, a, b)]
        if pairs:
            found[v] = pairs
    return found


def test_only_link_is_checked_by_removal_not_by_short_routes():
    # X-b-Y in two steps; X-c-d-Y in three: b is not the only link, although every two-step link runs through b
    people = [("x1", "X"), ("x2", "X"), ("y1", "Y"), ("y2", "Y"), ("b", "Z"), ("c", "W"), ("d", "W")]
    ties = [("x1", "b"), ("b", "y1"), ("x2", "c"), ("c", "d"), ("d", "y2"), ("x1", "x2"), ("y1", "y2")]
    m = StakeholderMap([{"name": n, "unit": u} for n, u in people],
                       [{"source": s, "target": t, "kind": "advice"} for s, t in ties])
    label = dict(people)
    assert "b" not in only_links(m.graph("advice"), label)
    cut = StakeholderMap([{"name": n, "unit": u} for n, u in people],
                         [{"source": s, "target": t, "kind": "advice"} for s, t in ties if s != "x2"])
    links = only_links(cut.graph("advice"), label)
    assert links["b"] == [("W", "X"), ("X", "Y")]  # without b, X has no route to Y, nor to W
    assert brute_force_only_links(cut) == links


@pytest.mark.parametrize("seed", range(12))
def test_only_links_equal_brute_force_removal_on_random_maps(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 13))
    G = nx.gnp_random_graph(n, float(rng.uniform(0.08, 0.3)), seed=seed, directed=True)
    units = {f"p{i}": f"U{int(rng.integers(0, 4))}" for i in G}
    m = StakeholderMap([{"name": p, "unit": u} for p, u in units.items()],
                       [{"source": f"p{a}", "target": f"p{b}", "kind": "advice"} for a, b in G.edges])
    assert only_links(m.graph("advice"), units) == brute_force_only_links(m)


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
    assert table.at[0, "cut_off"] == 2
    assert table.attrs["before"] == 0.0 and table.attrs["risk"] and table.attrs["exact"]


def exhaustive(U: nx.Graph, k: int) -> float:
    return max(fragmentation(U.subgraph(set(U) - set(c))) for c in combinations(U, k))


def splits(U: nx.Graph, removed) -> bool:
    """Whether removing these people leaves someone without a link they had."""
    return any(nx.number_connected_components(U.subgraph(c - set(removed))) > 1
               for c in nx.connected_components(U) if c - set(removed))


def undirected_map(G: nx.Graph) -> StakeholderMap:
    return StakeholderMap([{"name": str(n)} for n in G],
                          [{"source": str(u), "target": str(v), "kind": "trust"} for u, v in G.edges])


@pytest.mark.parametrize("seed", range(10))
def test_key_players_equal_the_exhaustive_best_on_small_maps(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(6, 15))  # up to 14 people
    G = nx.gnp_random_graph(n, float(rng.uniform(0.12, 0.35)), seed=seed)
    U = nx.relabel_nodes(G, str)
    m = undirected_map(G)
    for k in (1, 2, 3):
        table = key_players(m, kind="trust", k=k)
        if len(table):
            assert table.attrs["exact"]
            found = fragmentation(U.subgraph(set(U) - set(table["name"])))
            assert found == pytest.approx(exhaustive(U, k)), (seed, k)
            assert table["fragmentation"].iloc[-1] == pytest.approx(found, abs=1e-4)
            assert splits(U, table["name"])
        elif G.number_of_edges() and n >= 3:  # no risk claimed: no set of k people cuts anyone off
            assert not any(splits(U, c) for c in combinations(U, min(k, n - 2))), (seed, k)


def test_greedy_plus_swaps_find_the_best_set_where_single_removals_change_nothing():
    # two tight groups of five joined through two people: only removing both splits the map
    G = nx.union(nx.complete_graph(5), nx.relabel_nodes(nx.complete_graph(5), lambda x: x + 10))
    G.add_edges_from([(0, 20), (20, 10), (1, 21), (21, 11)])
    U = nx.relabel_nodes(G, str)
    table = key_players(undirected_map(G), kind="trust", k=2, exact_sets=0)  # force the heuristic
    assert not table.attrs["exact"]
    assert fragmentation(U.subgraph(set(U) - set(table["name"]))) == pytest.approx(exhaustive(U, 2))
    karate = nx.karate_club_graph()
    K = nx.relabel_nodes(karate, str)
    for k in (1, 2, 3):
        table = key_players(undirected_map(karate), kind="trust", k=k, exact_sets=0)
        assert fragmentation(K.subgraph(set(K) - set(table["name"]))) == pytest.approx(exhaustive(K, k)), k


def test_no_risk_is_claimed_when_removal_cuts_nobody_off():
    table = key_players(undirected_map(nx.complete_graph(6)), kind="trust", k=3)
    assert table.empty and table.attrs["risk"] is False
    assert "would cut nobody off" in table.attrs["summary"] and "risk to plan" not in table.attrs["summary"]
    two = StakeholderMap([{"name": "A"}, {"name": "B"}], [{"source": "A", "target": "B", "kind": "trust"}])
    small = key_players(two, kind="trust")
    assert small.empty and small.attrs["risk"] is False and "at least three people" in small.attrs["summary"]
    no_ties = StakeholderMap([{"name": n} for n in "ABCD"], [])
    assert "at least three people" in key_players(no_ties).attrs["summary"]


def test_ward_key_players_start_with_kwame(ward):
    table = key_players(ward, k=3)
    assert table.at[0, "name"] == "Kwame Asante"
    assert table.at[0, "cut_off"] == 5  # the medical team
    assert list(table["fragmentation"]) == sorted(table["fragmentation"])
    assert "sustainability risk" in table.attrs["summary"]
    assert table.at[0, "sentence"].startswith("Without Kwame Asante, Dr James Whitfield")


def test_reach_goal_kpp_pos_by_hand_and_against_brute_force(ward):
    star = StakeholderMap([{"name": n} for n in ["hub", "a", "b", "c", "d", "far"]],
                          [{"source": x, "target": "hub", "kind": "advice"} for x in "abc"]
                          + [{"source": "far", "target": "d", "kind": "advice"}])
    table = key_players(star, kind="advice", k=2, goal="reach")
    assert list(table["name"]) == ["hub", "d"] and list(table["reached"]) == [3, 4]
    G = ward.graph(["advice", "trust"])

    def reach(group):
        found = set()
        for p in group:
            listeners = set(G.predecessors(p))
            found |= listeners | {q for x in listeners for q in G.predecessors(x)}
        return len(found - set(group))

    for k in (1, 2):
        best = max(reach(c) for c in combinations(G, k))
        picked = key_players(ward, k=k, goal="reach")
        assert int(picked["reached"].iloc[-1]) == best == reach(list(picked["name"]))
    with pytest.raises(MapError, match="key-player goal"):
        key_players(ward, goal="spread")


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


def loop_brokerage(m, kind="advice"):
    """Gould-Fernandez by hand: every broker, every pair of their in- and out-ties."""
    from qi_kit.analysis.brokers import _role

    G = m.graph(kind)
    label = {p: G.nodes[p]["unit"] or "(no unit)" for p in G}
    counts = {b: Counter() for b in G}
    for b in G:
        for y in G.predecessors(b):
            for x in G.successors(b):
                if x != y and not G.has_edge(y, x):
                    counts[b][_role(label[x], label[b], label[y])] += 1
    return counts


@pytest.mark.parametrize("seed", range(10))
def test_brokerage_counts_by_matrices_equal_the_loop_over_every_pair(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(4, 30))
    G = nx.gnp_random_graph(n, float(rng.uniform(0.05, 0.5)), seed=seed, directed=True)
    m = StakeholderMap([{"name": f"p{i}", "unit": f"U{int(rng.integers(0, 4))}"} for i in G],
                       [{"source": f"p{a}", "target": f"p{b}", "kind": "advice"} for a, b in G.edges])
    roles = brokerage_roles(m, kind="advice")
    expected = loop_brokerage(m)
    for b, counts in expected.items():
        assert {r: roles.at[b, r] for r in counts} == dict(counts), b
        assert roles.at[b, "brokerage_total"] == sum(counts.values())
