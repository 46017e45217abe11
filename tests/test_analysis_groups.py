"""Clusters (silos) and quiet voices."""

from __future__ import annotations

import networkx as nx

import qi_kit
from qi_kit import StakeholderMap
from qi_kit.analysis.groups import clusters, quiet_voices, ties_between_clusters


def karate_map():
    G = nx.karate_club_graph()
    people = [{"name": str(n), "unit": G.nodes[n]["club"]} for n in G]
    ties = [{"source": str(u), "target": str(v), "kind": "advice"} for u, v in G.edges]
    return StakeholderMap(people, ties), G


def test_karate_club_clusters_follow_the_recorded_split():
    m, G = karate_map()
    table = clusters(m, kind="advice")
    members = [row.split(", ") for row in table.loc[table.index != 0, "members"]]
    assert sum(len(c) for c in members) == 34
    # every cluster is (nearly) all one faction: at most 2 of 34 people on the "wrong" side
    wrong = sum(len(c) - max(sum(G.nodes[int(p)]["club"] == club for p in c) for club in ("Mr. Hi", "Officer"))
                for c in members)
    assert wrong <= 2
    assert set(table["cluster_name"]) <= {"Mr. Hi", "Officer", "Mr. Hi (2)", "Officer (2)", "Mr. Hi (3)", "Officer (3)"}


def test_clusters_are_deterministic_and_resolution_merges():
    m, _ = karate_map()
    assert clusters(m, kind="advice").equals(clusters(m, kind="advice"))
    assert len(clusters(m, kind="advice", resolution=0.5)) <= len(clusters(m, kind="advice"))


def test_ward_medical_team_is_a_silo_linked_through_kwame():
    table = clusters(qi_kit.load_case("ward"))
    medical = table[table["cluster_name"] == "Medical team"].iloc[0]
    assert medical["silo"] and medical["only_link"] == "Kwame Asante"
    assert "Medical team" in table.attrs["summary"]


def test_school_silos_grades_5_6_through_the_principal_and_the_parents():
    table = clusters(qi_kit.load_case("school"))
    silos = table[table["silo"]].set_index("cluster_name")
    assert {"Years 5-6 team", "Parent forum"} <= set(silos.index)
    assert silos.at["Years 5-6 team", "only_link"] == "Maya Thompson"
    assert set(silos.at["Years 5-6 team", "members"].split(", ")) == {"Frank Kowalski", "Diane Fraser", "Leo Nakamura"}


def test_ties_between_clusters():
    m = StakeholderMap([{"name": n, "unit": u} for n, u in [("a", "X"), ("b", "X"), ("c", "Y"), ("d", "Y")]],
                       [{"source": s, "target": t, "kind": "advice", "strength": 3} for s, t in
                        [("a", "b"), ("b", "a"), ("c", "d"), ("d", "c")]] + [{"source": "b", "target": "c", "kind": "advice"}])
    table = ties_between_clusters(m, kind="advice")
    assert len(table) == 1 and table.at[0, "sentence"] == "b (X) goes to c for advice (Y)."


def test_ward_quiet_voices_match_the_story():
    table = quiet_voices(qi_kit.load_case("ward"))
    groups = table[table["check"] == "group nobody outside seeks out"]
    assert list(groups["who"]) == ["Ward 7B nights HCAs"]
    joan = table[table["who"] == "Joan Fletcher"].iloc[0]
    assert joan["check"] == "barely connected" and joan["sentence"].startswith("Joan Fletcher has 2 ties only")
    assert "missing group" not in set(table["check"])  # the ward has a patient partner
    assert "not to judge" in table.attrs["summary"]


def test_school_parents_are_a_quiet_group():
    table = quiet_voices(qi_kit.load_case("school"))
    assert "Parent forum" in set(table.loc[table["check"] == "group nobody outside seeks out", "who"])


def test_missing_patient_voice_and_isolates():
    people = [{"name": "A", "title": "Nurse"}, {"name": "B", "title": "Doctor"}, {"name": "C"}, {"name": "D"},
              {"name": "E"}]
    ties = [{"source": s, "target": t, "kind": "advice"} for s, t in
            [("A", "B"), ("B", "D"), ("D", "B"), ("E", "B"), ("E", "D"), ("D", "E")]]
    table = quiet_voices(StakeholderMap(people, ties), kind="advice")
    checks = dict(zip(table["who"], table["check"]))
    assert checks["C"] == "isolate" and checks["patients, families or carers"] == "missing group"
    assert checks["A"] == "barely connected"
    assert "question" in table.columns and table["question"].str.endswith("?").all()


def test_a_thin_map_says_not_enough_ties_instead_of_flagging_people():
    m = StakeholderMap([{"name": "A", "title": "Nurse"}, {"name": "B", "title": "Patient"}, {"name": "C"}],
                       [{"source": "A", "target": "B", "kind": "advice"}])
    table = quiet_voices(m, kind="advice")
    checks = dict(zip(table["who"], table["check"]))
    assert checks == {"C": "isolate", "the map": "not enough ties to say"}  # A and B are not called quiet
    sentence = table.loc[table["who"] == "the map", "sentence"].iloc[0]
    assert sentence == ("Not enough ties to say whose voice is quiet: 1 tie of advice for 3 people, fewer than one "
                        "each. Add who goes to whom for advice, at least one tie for each person.")


def test_clusters_are_found_once_per_map_and_kind(monkeypatch):
    import qi_kit.analysis.groups as groups

    calls = []
    louvain = groups.nx.community.louvain_communities
    monkeypatch.setattr(groups.nx.community, "louvain_communities",
                        lambda *a, **k: calls.append(1) or louvain(*a, **k))
    m = qi_kit.load_case("school")  # a fresh map: nothing kept yet
    qi_kit.influence_table(m, kind=["advice", "trust"])
    qi_kit.clusters(m, kind=["advice", "trust"])
    qi_kit.brokers(m, kind=["advice", "trust"], groups="cluster")
    qi_kit.ties_between_clusters(m, kind=["advice", "trust"])
    assert len(calls) == 1
    qi_kit.clusters(m, kind="advice")  # another kind of tie: its own clusters
    assert len(calls) == 2


def test_big_maps_use_fast_label_propagation(monkeypatch):
    import qi_kit.analysis.groups as groups

    monkeypatch.setattr(groups, "LOUVAIN_LIMIT", 10)
    m, _ = karate_map()
    table = clusters(m, kind="advice")
    assert table.loc[table.index != 0, "size"].sum() == 34
    again, _ = karate_map()  # a new map: computed again, not taken from what was kept
    assert clusters(again, kind="advice").equals(table)  # seeded: the same every time


def test_edge_cases():
    empty = qi_kit.empty_map()
    assert clusters(empty).empty and quiet_voices(empty).empty
    assert quiet_voices(empty).attrs["summary"] == "The map has nobody on it yet."
    one = StakeholderMap([{"name": "Joan", "title": "Patient Partner"}])
    assert list(clusters(one).index) == [0]
    assert list(quiet_voices(one)["check"]) == ["isolate"]
    assert "no clusters" in clusters(one).attrs["summary"]


def test_public_names():
    assert qi_kit.clusters is clusters and qi_kit.quiet_voices is quiet_voices
    assert qi_kit.ties_between_clusters is ties_between_clusters
