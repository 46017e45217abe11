"""The rules behind every label: evidence before a label, hand-known answers, and the null case."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import qi_kit
from qi_kit import StakeholderMap
from qi_kit.analysis.groups import quiet_voices
from qi_kit.analysis.influence import formal_leaders_with_little_pull, influence_table, informal_leaders
from qi_kit.analysis.labels import (BOTH, CHANCE, INFORMAL, MIN_NOMINATIONS, NOT_ENOUGH, RULES, chance_of_as_many,
                                    enough_ties, label_rules)
from qi_kit.analysis.methods import leader_methods
from qi_kit.synthetic import random_map


def advice(pairs, people=None, authority=None):
    """A map from (asker, asked) pairs; everyone named in a pair (or listed) is on it."""
    names = list(dict.fromkeys([*(people or []), *(p for pair in pairs for p in pair)]))
    return StakeholderMap([{"name": n, "authority": (authority or {}).get(n, 0)} for n in names],
                          [{"source": a, "target": b, "kind": "advice"} for a, b in pairs])


# --------------------------------------------------------------------------- the rules themselves


def test_every_label_has_one_rule_with_a_source():
    rules = label_rules()
    assert set(rules.index) == set(RULES)
    for label in (INFORMAL, BOTH, "formal leader with little pull", NOT_ENOUGH, "broker", "key players",
                  "isolate", "barely connected", "nobody seeks them out", "missing group"):
        assert label in rules.index, label
        assert rules.at[label, "rule"].endswith(".") and rules.at[label, "source"]
    assert rules.at[INFORMAL, "source"].startswith("Valente & Pumpuang (2007)")
    assert "at least 3 colleagues" in rules.at[INFORMAL, "rule"] and "1 time in 100" in rules.at[INFORMAL, "rule"]
    assert qi_kit.label_rules().equals(rules)


def test_chance_of_as_many_by_hand():
    # 5 people, 4 ties: each of the 4 others names a given person with p = 4 / 20 = 0.2
    assert chance_of_as_many(np.array([4]), 4, 5)[0] == pytest.approx(0.2 ** 4)
    assert chance_of_as_many(np.array([1]), 4, 5)[0] == pytest.approx(1 - 0.8 ** 4)
    assert chance_of_as_many(np.array([0, 3]), 0, 5).tolist() == [1.0, 1.0]  # no ties: nothing is unlikely
    assert enough_ties(5, 5) and not enough_ties(4, 5) and not enough_ties(3, 3)


def test_a_hub_on_a_small_map_is_a_leader_and_the_table_says_why():
    m = advice([("b", "a"), ("c", "a"), ("d", "a"), ("e", "a")])
    table = influence_table(m)
    assert table.at["a", "by_chance"] == pytest.approx(0.2 ** 4)
    assert table.at["a", "leadership"] == INFORMAL
    assert list(informal_leaders(m).index) == ["a"]
    # 4 ties for 5 people: enough to see a, not enough to say that b, c, d, e are not sought out
    assert set(table.drop(index="a")["leadership"]) == {NOT_ENOUGH}


# --------------------------------------------------------------------------- ranking


def test_ranked_by_being_sought_out_not_by_the_authority_gap():
    # the issue's case: authority 2 and 10 colleagues against authority 0 and 7 colleagues
    pairs = [(f"asker{i:02d}", "Charge nurse") for i in range(10)] + [(f"asker{i:02d}", "Staff nurse")
                                                                      for i in range(10, 17)]
    pairs += [(f"asker{i:02d}", f"asker{i + 1:02d}") for i in range(30)]  # a thin background of other ties
    m = advice(pairs, authority={"Charge nurse": 2})
    leaders = informal_leaders(m)
    assert list(leaders.index[:2]) == ["Charge nurse", "Staff nurse"]
    table = influence_table(m)
    assert table.at["Charge nurse", "gap"] < table.at["Staff nurse", "gap"]  # the old rule would have flipped them


def hierarchy_with_hubs(seed: int) -> tuple[StakeholderMap, set[str]]:
    """150 people: chief, 4 directors, 15 managers, 30 charge nurses; 5 planted low-authority hubs.

    Each person names about four colleagues: their line (manager or charge nurse) half the time,
    a hub a fifth of the time, anyone otherwise; a noisy, realistic picture of a hierarchy.
    """
    rng = np.random.default_rng(seed)
    n = 150
    authority = np.array([5] + [4] * 4 + [3] * 15 + [2] * 30 + [0] * 100)
    authority[50:] = rng.choice([0, 1], size=100)
    hubs = rng.choice(np.arange(50, n), size=5, replace=False)
    names = [f"P{i:03d}" for i in range(n)]
    line = {i: (0 if i < 5 else 1 + (i % 4) if i < 20 else 5 + (i % 15) if i < 50 else 20 + (i % 30)) for i in range(n)}
    pairs = set()
    for i in range(n):
        for _ in range(int(rng.poisson(4))):
            r = rng.random()
            j = line[i] if r < 0.5 else int(rng.choice(hubs)) if r < 0.7 else int(rng.integers(n))
            if j != i:
                pairs.add((names[i], names[j]))
    m = StakeholderMap([{"name": names[i], "authority": int(authority[i])} for i in range(n)],
                       [{"source": a, "target": b, "kind": "advice"} for a, b in sorted(pairs)])
    return m, {names[h] for h in hubs}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_planted_advice_hubs_in_a_hierarchy_are_recovered(seed):
    m, hubs = hierarchy_with_hubs(seed)
    leaders = informal_leaders(m)
    assert set(leaders.index[:5]) == hubs
    table = influence_table(m)
    plain = table[table["authority"] < 3].sort_values("sought_out_by", ascending=False)
    assert set(plain.index[:5]) == hubs  # a plain ranking by nominations agrees


# --------------------------------------------------------------------------- the null case


@pytest.mark.parametrize("seed", [1, 2])
def test_a_structureless_map_of_1000_labels_at_most_5_percent_informal_leaders(seed):
    m = random_map(1000, 6000, seed=seed)
    table = influence_table(m)
    share = (table["leadership"] == INFORMAL).mean()
    assert share <= 0.05
    assert share <= 2 * CHANCE  # in fact near 1 in 100, the chance the rule allows per person


# --------------------------------------------------------------------------- small and thin maps


def test_a_nurse_asked_by_one_colleague_on_a_six_person_map_is_neither_leader_nor_quiet_voice():
    m = StakeholderMap([{"name": n, "unit": "Ward"} for n in ["Nurse", "HCA", "Doctor", "Manager", "Clerk", "Porter"]],
                       [{"source": "HCA", "target": "Nurse", "kind": "advice"}])
    table = influence_table(m)
    assert table.at["Nurse", "leadership"] == NOT_ENOUGH
    assert informal_leaders(m).empty
    quiet = quiet_voices(m, kind="advice")
    assert "Nurse" not in set(quiet["who"])
    assert NOT_ENOUGH in set(quiet["check"])
    assert "1 tie of advice for 6 people" in quiet.loc[quiet["check"] == NOT_ENOUGH, "sentence"].iloc[0]


def test_little_pull_only_on_a_map_with_enough_ties():
    sparse = advice([("b", "a"), ("c", "a"), ("d", "a")], people=["Boss", "e", "f"], authority={"Boss": 4})
    assert influence_table(sparse).at["Boss", "leadership"] == NOT_ENOUGH  # 3 ties for 7 people
    dense = advice([("b", "a"), ("c", "a"), ("d", "a"), ("e", "a"), ("f", "a"), ("a", "b"), ("b", "c"), ("c", "d"),
                    ("Boss", "a")], people=["Boss"], authority={"Boss": 4})
    assert influence_table(dense).at["Boss", "leadership"] == "formal leader with little pull"
    assert list(formal_leaders_with_little_pull(dense).index) == ["Boss"]


maps = st.integers(min_value=2, max_value=12).flatmap(lambda n: st.tuples(
    st.just(n),
    st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1), st.sampled_from(["advice", "trust"])),
             max_size=40),
    st.lists(st.integers(0, 5), min_size=n, max_size=n)))


@settings(max_examples=40, deadline=None)
@given(maps)
def test_nobody_is_both_a_leader_and_a_quiet_voice(drawn):
    n, edges, authority = drawn
    names = [f"P{i}" for i in range(n)]
    ties = list({(names[a], names[b], k) for a, b, k in edges if a != b})
    m = StakeholderMap([{"name": names[i], "authority": authority[i]} for i in range(n)],
                       [{"source": a, "target": b, "kind": k} for a, b, k in ties])
    for kind, quiet_kind in (("advice", "advice"), (["advice", "trust"], ["advice", "trust"]), ("advice", None)):
        table = influence_table(m, kind=kind)
        leaders = set(table.index[table["leadership"].isin([INFORMAL, BOTH])])
        assert leaders.isdisjoint(quiet_voices(m, kind=quiet_kind)["who"]), (kind, quiet_kind)
        assert (table.loc[list(leaders), "sought_out_by"] >= MIN_NOMINATIONS).all()


# --------------------------------------------------------------------------- what participants read


@pytest.mark.parametrize("case", ["ward", "school", "krackhardt"])
def test_sentences_show_counts_never_scores(case):
    m = qi_kit.load_case(case)
    r = qi_kit.report(m)
    texts = [*r.summary.splitlines(), *r.informal_leaders["reason"], *r.formal_leaders_with_little_pull["reason"],
             *r.brokers["reason"], *r.methods["sentence"]]
    score = re.compile(r"(pull|betweenness|constraint|closeness) \d|\d\.\d\d of 1")
    assert not [t for t in texts if score.search(t)]
    assert any(re.search(r"\d+ of \d+ colleagues", t) for t in texts)


# --------------------------------------------------------------------------- three methods side by side


def test_three_methods_side_by_side_on_the_ward():
    methods = leader_methods(qi_kit.load_case("ward"))
    rosa = methods.loc["Rosa Delgado"]
    assert (rosa["colleagues"], rosa["nominations"], rosa["position"], rosa["team_rating"], rosa["agree"]) == \
        ("17 of 36 colleagues", "sought out", "", 5, True)  # noqa: E712
    whitfield = methods.loc["Dr James Whitfield"]  # rated 4 by the team, asked by 4 of 36: they differ
    assert whitfield["position"] == "formal leader" and whitfield["agree"] == False  # noqa: E712
    assert whitfield["sentence"].startswith("The team rates Dr James Whitfield 4 of 5, but 4 of 36 colleagues")
    assert methods.loc["Tom Barker", "sentence"].startswith("Tom Barker's title gives a say (authority 3 of 5)")
    assert methods.index[0] == "Rosa Delgado"
    summary = methods.attrs["summary"]
    assert "Nominations and rating agree on Rosa Delgado and Kwame Asante" in summary
    assert "They differ on Dr James Whitfield" in summary


def test_three_methods_when_the_team_rated_nobody():
    methods = leader_methods(qi_kit.load_case("krackhardt"))
    assert methods.attrs["rated"] is False
    assert methods["team_rating"].isna().all() and methods["agree"].isna().all()
    assert "has not rated anyone's influence" in methods.attrs["summary"]


def test_three_methods_on_a_thin_map_say_what_to_add():
    m = StakeholderMap([{"name": "A", "influence": 5}, {"name": "B"}, {"name": "C"}, {"name": "D"}],
                       [{"source": "B", "target": "C", "kind": "advice"}])
    methods = leader_methods(m)
    assert methods.at["A", "nominations"] == NOT_ENOUGH and methods.at["A", "agree"] is None
    assert methods.at["A", "sentence"].startswith("The team rates A 5 of 5; the map has too few advice ties")
