"""Distributed-leadership paths and champion coverage."""

from __future__ import annotations

import pytest

import qi_kit
from qi_kit import MapError, StakeholderMap
from qi_kit.analysis.paths import coverage, influence_paths


@pytest.fixture(scope="module")
def ward():
    return qi_kit.load_case("ward")


def diamond(strong_top=3, strong_bottom=1):
    """S's idea reaches T through A (top) or B (bottom); arrows point at the listened-to."""
    people = [{"name": n} for n in ["S", "A", "B", "T"]]
    ties = [("A", "S", strong_top), ("T", "A", strong_top), ("B", "S", strong_bottom), ("T", "B", strong_bottom)]
    return StakeholderMap(people, [{"source": s, "target": t, "kind": "trust", "strength": w} for s, t, w in ties])


def test_ward_path_from_hannah_to_dr_whitfield_matches_the_story(ward):
    routes = influence_paths(ward, "Hannah Price", "Dr James Whitfield")
    assert routes.at[0, "people"] == ["Hannah Price", "Rosa Delgado", "Kwame Asante", "Dr James Whitfield"]
    assert routes.at[0, "weakest_step"] == 3 and routes.at[0, "steps"] == 3
    assert routes.at[0, "length"] == pytest.approx(1.0)
    assert routes.at[0, "sentence"].endswith("Dr James Whitfield trusts Kwame Asante (strong tie).")
    assert routes.attrs["bottlenecks"] == ["Rosa Delgado", "Kwame Asante"]
    assert "Every route passes through Rosa Delgado and Kwame Asante" in routes.attrs["summary"]


def test_school_path_to_the_silo():
    routes = influence_paths(qi_kit.load_case("school"), "Amira Haddad", "Frank Kowalski")
    assert routes.at[0, "people"] == ["Amira Haddad", "Maya Thompson", "Frank Kowalski"]
    assert routes.attrs["bottlenecks"] == ["Maya Thompson"]


def test_strong_ties_win_and_alternatives_avoid_used_people():
    routes = influence_paths(diamond(), "S", "T", k=3)
    assert list(routes["people"]) == [["S", "A", "T"], ["S", "B", "T"]]
    assert routes.at[1, "shared"] == "" and routes.attrs["bottlenecks"] == []
    flipped = influence_paths(diamond(1, 3), "S", "T")
    assert flipped.at[0, "people"] == ["S", "B", "T"]
    assert "more than one way in" in routes.attrs["summary"]


def test_direction_matters():
    m = StakeholderMap([{"name": "S"}, {"name": "T"}], [{"source": "S", "target": "T", "kind": "advice"}])
    assert influence_paths(m, "T", "S").at[0, "people"] == ["T", "S"]  # S listens to T
    none = influence_paths(m, "S", "T")
    assert none.empty and "No chain" in none.attrs["summary"]


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
    champions = table.attrs["champions"]
    assert champions[0] == "Rosa Delgado"
    assert table.at["champions", "reached"] == table.at["champions", "reached_share"] * 37 == 37
    formal = table.loc["formal leaders"]
    assert formal["reached"] < 37
    missing = set(formal["not_reached"].split(", "))
    assert {"Joy Mwangi", "Gary Sutton"} <= missing  # the night HCAs are out of the formal leaders' reach
    assert table.at["champions", "size"] < table.at["formal leaders", "size"]


def test_coverage_on_a_star_and_with_isolates():
    people = [{"name": n} for n in ["hub", "a", "b", "c", "alone"]]
    ties = [{"source": x, "target": "hub", "kind": "advice"} for x in "abc"]
    table = coverage(StakeholderMap(people, ties), kind="advice", steps=1)
    assert table.attrs["champions"] == ["hub"] and table.attrs["no_ties"] == ["alone"]
    assert "talk to alone directly" in table.attrs["summary"]


def test_coverage_edge_cases():
    assert coverage(qi_kit.empty_map()).at["champions", "size"] == 0
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
    assert len(lines) == 10 and all(line.startswith("- ") for line in lines)
    assert "Influence report" in r._repr_markdown_()
    assert qi_kit.report(ward).paths is None
    empty = qi_kit.report(qi_kit.empty_map())
    assert empty.table.empty and "nobody on it" in empty.summary
