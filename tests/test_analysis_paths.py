"""Distributed-leadership paths and champion coverage."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

import qi_kit
from qi_kit import MapError, StakeholderMap
from qi_kit.analysis.paths import STRONGEST, coverage, influence_paths


@pytest.fixture(scope="module")
def ward():
    return qi_kit.load_case("ward")


def test_ward_path_from_hannah_to_dr_whitfield_matches_the_story(ward):
    routes = influence_paths(ward, "Hannah Price", "Dr James Whitfield")
    assert routes.at[0, "people"] == ["Hannah Price", "Rosa Delgado", "Kwame Asante", "Dr James Whitfield"]
    assert routes.at[0, "weakest_step"] == 3 and routes.at[0, "steps"] == 3 and routes.at[0, "strength"] == 9
    assert routes.at[0, "sentence"].endswith("Dr James Whitfield trusts Kwame Asante (strong tie).")
    assert routes.attrs["bottlenecks"] == ["Rosa Delgado", "Kwame Asante"]
    assert routes.attrs["disjoint"] == 1 and routes.attrs["definition"] == STRONGEST
    assert "Every route passes through Rosa Delgado and Kwame Asante" in routes.attrs["summary"]


def test_school_path_to_the_silo():
    routes = influence_paths(qi_kit.load_case("school"), "Amira Haddad", "Frank Kowalski")
    assert routes.at[0, "people"] == ["Amira Haddad", "Maya Thompson", "Frank Kowalski"]
    assert routes.attrs["bottlenecks"] == ["Maya Thompson"]


def trust_map(ties, people=None):
    """Ties (listener, speaker, strength): the listener trusts the speaker."""
    names = people or list(dict.fromkeys(p for t in ties for p in t[:2]))
    return StakeholderMap([{"name": n} for n in names],
                          [{"source": s, "target": t, "kind": "trust", "strength": w} for s, t, w in ties])


def test_strongest_means_the_weakest_tie_is_strongest_then_fewest_steps():
    # S reaches T directly through an occasional tie, or in two strong steps through A
    two_strong = trust_map([("T", "S", 1), ("A", "S", 3), ("T", "A", 3)])
    assert influence_paths(two_strong, "S", "T").at[0, "people"] == ["S", "A", "T"]
    direct_strong = trust_map([("T", "S", 3), ("A", "S", 3), ("T", "A", 3)])
    assert influence_paths(direct_strong, "S", "T").at[0, "people"] == ["S", "T"]  # same weakest: fewer steps
    # same weakest tie, same steps: more strength in all wins (A: 3 + 2; B: 2 + 2)
    total = trust_map([("A", "S", 3), ("T", "A", 2), ("B", "S", 2), ("T", "B", 2)], people=["S", "B", "A", "T"])
    assert influence_paths(total, "S", "T").at[0, "people"] == ["S", "A", "T"]


def test_equal_routes_are_broken_by_the_order_on_the_map():
    ties = [("A", "S", 2), ("T", "A", 2), ("B", "S", 2), ("T", "B", 2)]
    first_a = influence_paths(trust_map(ties, people=["S", "A", "B", "T"]), "S", "T", k=0)
    first_b = influence_paths(trust_map(ties, people=["S", "B", "A", "T"]), "S", "T", k=0)
    assert first_a.at[0, "people"] == ["S", "A", "T"] and first_b.at[0, "people"] == ["S", "B", "T"]


def diamond(strong_top=3, strong_bottom=1):
    """S's idea reaches T through A (top) or B (bottom); arrows point at the listened-to."""
    return trust_map([("A", "S", strong_top), ("T", "A", strong_top), ("B", "S", strong_bottom),
                      ("T", "B", strong_bottom)], people=["S", "A", "B", "T"])


def test_strong_ties_win_and_alternatives_share_nobody():
    routes = influence_paths(diamond(), "S", "T", k=3)
    assert list(routes["people"]) == [["S", "A", "T"], ["S", "B", "T"]]
    assert routes.at[1, "shared"] == "" and routes.attrs["bottlenecks"] == [] and routes.attrs["disjoint"] == 2
    flipped = influence_paths(diamond(1, 3), "S", "T")
    assert flipped.at[0, "people"] == ["S", "B", "T"]
    assert "more than one way in" in routes.attrs["summary"]


def test_when_the_strongest_route_blocks_the_others_the_largest_set_is_still_shown():
    # strongest S-a-b-T uses a and b; S-a-d-T and S-c-b-T share nobody, but each shares with it
    m = trust_map([("a", "S", 3), ("b", "a", 3), ("T", "b", 3), ("d", "a", 1), ("T", "d", 1), ("c", "S", 1),
                   ("b", "c", 1)], people=["S", "a", "b", "c", "d", "T"])
    routes = influence_paths(m, "S", "T")
    assert routes.at[0, "people"] == ["S", "a", "b", "T"]
    assert routes.attrs["disjoint"] == 2 and routes.attrs["bottlenecks"] == []
    rest = [set(p[1:-1]) for p in routes["people"][1:]]
    assert len(rest) == 2 and rest[0].isdisjoint(rest[1])
    assert "the strongest is not one of them" in routes.attrs["summary"]


@pytest.mark.parametrize("seed", range(15))
def test_routes_that_share_nobody_match_networkx_node_disjoint_paths(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(6, 16))
    G = nx.gnp_random_graph(n, float(rng.uniform(0.15, 0.4)), seed=seed, directed=True)
    m = StakeholderMap([{"name": f"p{i:02d}"} for i in G],
                       [{"source": f"p{u:02d}", "target": f"p{v:02d}", "kind": "trust",
                         "strength": int(rng.integers(1, 4))} for u, v in G.edges])
    flow = nx.relabel_nodes(G, lambda i: f"p{i:02d}").reverse()  # influence runs against the arrows
    for s, t in [("p00", f"p{n - 1:02d}"), ("p01", "p02")]:
        routes = influence_paths(m, s, t, kind="trust", k=n)
        expected = len(list(nx.node_disjoint_paths(flow, s, t))) if nx.has_path(flow, s, t) else 0
        assert routes.attrs["disjoint"] == expected, (seed, s, t)
        if expected and not routes.at[0, "shared"] and "not one of them" not in routes.attrs["summary"]:
            inner = [set(p[1:-1]) for p in routes["people"]]
            assert len(inner) == expected
            assert all(a.isdisjoint(b) for i, a in enumerate(inner) for b in inner[i + 1:])
        for path in routes["people"]:  # every route is real: each listens to the one before
            assert all(flow.has_edge(a, b) for a, b in zip(path, path[1:]))


def test_direction_matters():
    m = StakeholderMap([{"name": "S"}, {"name": "T"}], [{"source": "S", "target": "T", "kind": "advice"}])
    assert influence_paths(m, "T", "S").at[0, "people"] == ["T", "S"]  # S listens to T
    none = influence_paths(m, "S", "T")
    assert none.empty
    assert none.attrs["summary"] == ("Nobody on the map links S's ideas to T: T goes to nobody on the map for advice "
                                     "or trust. Add the people T listens to, if they are missing.")


def test_the_no_route_sentence_a_nurse_reads_once(ward):
    no_chain = StakeholderMap([{"name": n} for n in ["X", "Y", "Dr L", "Z"]],
                              [{"source": "Y", "target": "X", "kind": "advice"},
                               {"source": "Dr L", "target": "Z", "kind": "advice"}])
    assert influence_paths(no_chain, "X", "Dr L", kind="advice").attrs["summary"] == (
        "Nobody on the map links X's ideas to Dr L: Dr L listens to no one who listens to X, directly or through "
        "others (advice ties). Start with someone Dr L listens to.")
    unheard = influence_paths(ward, "Joan Fletcher", "Rosa Delgado", kind="trust").attrs["summary"]
    assert unheard == ("Nobody on the map links Joan Fletcher's ideas to Rosa Delgado: nobody on the map trusts Joan "
                       "Fletcher. Start with someone Rosa Delgado listens to.")


def test_a_group_as_source(ward):
    routes = influence_paths(ward, ["Hannah Price", "Helen Brooks"], "Tom Barker", k=0)
    assert len(routes) == 1 and routes.at[0, "people"][0] in {"Hannah Price", "Helen Brooks"}


def test_unknown_names_suggest(ward):
    with pytest.raises(MapError, match="Did you mean 'Hannah Price'"):
        influence_paths(ward, "Hanah Price", "Tom Barker")
    with pytest.raises(MapError, match="Did you mean 'Dr James Whitfield'"):
        influence_paths(ward, "Hannah Price", "Dr James Whitfeld")
    with pytest.raises(MapError, match="both the source and the target"):
        influence_paths(ward, "Hannah Price", "hannah price")
    with pytest.raises(MapError):
        influence_paths(ward, [], "Tom Barker")


def test_ward_coverage(ward):
    table = coverage(ward)
    group = table.attrs["group"]
    assert group[0] == "Rosa Delgado"
    assert list(table.index) == ["first to engage", "formal leaders"]
    assert table.at["first to engage", "reached"] == table.at["first to engage", "reached_share"] * 37 == 37
    formal = table.loc["formal leaders"]
    assert formal["reached"] < 37
    missing = set(formal["not_reached"].split(", "))
    assert {"Joy Mwangi", "Gary Sutton"} <= missing  # the night HCAs are out of the formal leaders' reach
    assert table.at["first to engage", "size"] < table.at["formal leaders", "size"]
    # the group holds the sponsor and the resistor: it is named for what it is, never "champions"
    assert {"Margaret Okafor", "Dr James Whitfield"} <= set(group)
    assert "champion" not in table.attrs["summary"].lower()
    assert "first people to engage" in table.attrs["summary"]


def test_coverage_on_a_star_and_with_isolates():
    people = [{"name": n} for n in ["hub", "a", "b", "c", "alone"]]
    ties = [{"source": x, "target": "hub", "kind": "advice"} for x in "abc"]
    table = coverage(StakeholderMap(people, ties), kind="advice", steps=1)
    assert table.attrs["group"] == ["hub"] and table.attrs["no_ties"] == ["alone"]
    assert "talk to alone directly" in table.attrs["summary"]


def test_coverage_edge_cases():
    assert coverage(qi_kit.empty_map()).at["first to engage", "size"] == 0
    with pytest.raises(MapError):
        coverage(qi_kit.empty_map(), steps=0)


def test_public_names():
    assert qi_kit.influence_paths is influence_paths and qi_kit.coverage is coverage


def test_full_report_bundles_every_finding(ward):
    from qi_kit.analysis.report import InfluenceReport

    r = qi_kit.report(ward, source="Hannah Price", target="Dr James Whitfield")
    assert isinstance(r, InfluenceReport)
    assert list(r.informal_leaders.index[:1]) == ["Rosa Delgado"]
    assert r.paths.at[0, "people"][1] == "Rosa Delgado"
    lines = r.summary.splitlines()
    assert len(lines) == 12 and all(line.startswith("- ") for line in lines)
    assert r.methods is not None and r.reach.attrs["goal"] == "reach"
    assert "Influence report" in r._repr_markdown_()
    assert qi_kit.report(ward).paths is None
    empty = qi_kit.report(qi_kit.empty_map())
    assert empty.table.empty and "nobody on it" in empty.summary
