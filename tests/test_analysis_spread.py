"""'Who should we engage first?' simulations: models, determinism, strategies, bad input."""

from __future__ import annotations

import numpy as np
import pytest

import qi_kit
from qi_kit import MapError, StakeholderMap
from qi_kit.analysis.spread import choose_seeds, compare_strategies, simulate_spread


@pytest.fixture(scope="module")
def ward():
    return qi_kit.load_case("ward")


def ring(n=20, reach=2):
    """Everyone listens to their `reach` neighbours on each side (a clustered ring, as in Centola 2010)."""
    people = [{"name": f"p{i:02d}"} for i in range(n)]
    ties = [{"source": f"p{i:02d}", "target": f"p{(i + d) % n:02d}", "kind": "advice"}
            for i in range(n) for d in (*range(1, reach + 1), *range(-reach, 0))]
    return StakeholderMap(people, ties)


def test_complex_contagion_needs_clustered_seeds():
    m = ring()
    together = simulate_spread(m, ["p00", "p01"], kind="advice", threshold=0.5, rounds=20, runs=5)
    apart = simulate_spread(m, ["p00", "p10"], kind="advice", threshold=0.5, rounds=20, runs=5)
    assert together["adopted"].iloc[-1] == 20  # two neighbours reinforce each other all the way round
    assert apart["adopted"].iloc[-1] == 2  # a lone adopter is never enough: half of 4 is needed
    assert together.at[1, "adopted"] == 4


def test_simple_threshold_spreads_one_step_per_round():
    m = ring(reach=1)
    curve = simulate_spread(m, "p00", kind="advice", threshold=0.5, rounds=3, runs=3)
    assert list(curve["adopted"]) == [1, 3, 5, 7]
    assert (curve["low"] == curve["high"]).all()  # no chance in a fixed threshold


def test_influence_flows_against_the_arrow():
    m = StakeholderMap([{"name": "Rosa"}, {"name": "Emily"}], [{"source": "Emily", "target": "Rosa", "kind": "advice"}])
    assert simulate_spread(m, "Rosa", kind="advice", rounds=1).iloc[-1]["adopted"] == 2
    assert simulate_spread(m, "Emily", kind="advice", rounds=1).iloc[-1]["adopted"] == 1


def test_cascade_probability_and_strength():
    m = StakeholderMap([{"name": "a"}, {"name": "b"}], [{"source": "b", "target": "a", "kind": "trust", "strength": 3}])
    curve = simulate_spread(m, "a", model="cascade", probability=0.6, rounds=1, runs=4000, seed=1)
    assert curve.iloc[-1]["adopted"] - 1 == pytest.approx(0.6, abs=0.03)
    weak = StakeholderMap([{"name": "a"}, {"name": "b"}], [{"source": "b", "target": "a", "kind": "trust", "strength": 1}])
    curve = simulate_spread(weak, "a", model="cascade", probability=0.6, rounds=1, runs=4000, seed=1)
    assert curve.iloc[-1]["adopted"] - 1 == pytest.approx(0.2, abs=0.03)


def test_deterministic_for_a_seed(ward):
    a = compare_strategies(ward, model="cascade", runs=50, seed=7)
    b = compare_strategies(ward, model="cascade", runs=50, seed=7)
    c = compare_strategies(ward, model="cascade", runs=50, seed=8)
    assert a.equals(b) and not a.equals(c)
    assert a.attrs["summary"] == b.attrs["summary"]


def test_ward_strategies(ward):
    result = compare_strategies(ward, budget=3)
    assert set(result["strategy"]) == {"formal leaders", "informal leaders", "brokers", "random group"}
    seeds = result.attrs["seeds"]
    assert seeds["informal leaders"][0] == "Rosa Delgado"
    assert seeds["formal leaders"][0] == "Margaret Okafor" and len(seeds["formal leaders"]) == 3
    curves = result.pivot(index="round", columns="strategy", values="adopted")
    # engaging the informal leaders starts the change much faster than the formal leaders alone
    assert curves.at[1, "informal leaders"] > 2 * curves.at[1, "formal leaders"]
    assert curves.loc[10, "random group"] < curves.loc[10].drop("random group").min()
    assert result.attrs["summary"].count("Best: informal leaders (Rosa Delgado, Kwame Asante and Hannah Price)") == 1
    cascade = compare_strategies(ward, budget=3, model="cascade").attrs["final"]["adopted"]
    # on the ward the top of the hierarchy is listened to by few: formal leaders alone reach
    # fewer people than the informal leaders (and, by chance, than a random group)
    assert cascade["informal leaders"] > 2 * cascade["formal leaders"]
    assert cascade["informal leaders"] > cascade["random group"]


def test_people_who_oppose_the_change_are_never_engaged_first(ward):
    result = compare_strategies(ward, budget=3)
    assert "Dr James Whitfield" not in result.attrs["seeds"]["formal leaders"]  # authority 4, stance -2
    assert result.attrs["seeds"]["formal leaders"] == ["Margaret Okafor", "David Reyes", "Dr Fiona Campbell"]
    opposed = set(ward.people.loc[ward.people["stance"] < 0, "name"])
    for strategy in ("formal", "informal", "brokers", "cluster"):
        assert not opposed & set(choose_seeds(ward, strategy, 5))
    assert (result["low"] <= result["adopted"]).all() and (result["adopted"] <= result["high"]).all()


def test_random_threshold_and_per_person_thresholds(ward):
    noisy = simulate_spread(ward, ["Rosa Delgado"], threshold="random", runs=100)
    assert noisy.iloc[-1]["low"] < noisy.iloc[-1]["high"]
    stubborn = simulate_spread(ward, ["Rosa Delgado"], threshold={"Ewa Nowak": 1.0}, rounds=1)
    assert stubborn.iloc[-1]["adopted"] <= simulate_spread(ward, ["Rosa Delgado"], rounds=1).iloc[-1]["adopted"]


def test_cluster_strategy(ward):
    chosen = choose_seeds(ward, "cluster", 3)
    assert chosen[0] == "Rosa Delgado" and len(chosen) == 3


def test_bad_input(ward):
    with pytest.raises(MapError, match="threshold"):
        simulate_spread(ward, "Rosa Delgado", threshold=1.5)
    with pytest.raises(MapError, match="spread model"):
        simulate_spread(ward, "Rosa Delgado", model="sir")
    with pytest.raises(MapError, match="Did you mean 'Rosa Delgado'"):
        simulate_spread(ward, ["Rosa Delgato"])
    with pytest.raises(MapError):
        simulate_spread(ward, [])
    with pytest.raises(MapError, match="budget"):
        compare_strategies(ward, budget=0)
    with pytest.raises(MapError, match="strategy"):
        compare_strategies(ward, strategies=["celebrities"])
    with pytest.raises(MapError, match="runs"):
        simulate_spread(ward, "Rosa Delgado", runs=0)


def test_edge_cases():
    assert compare_strategies(qi_kit.empty_map()).empty
    one = StakeholderMap([{"name": "A"}])
    result = compare_strategies(one, budget=3, runs=3)
    assert np.allclose(result.attrs["final"]["adopted"], 1.0)
    curve = simulate_spread(one, "A", runs=2, rounds=2)
    assert list(curve["adopted"]) == [1, 1, 1]


def test_public_names():
    assert qi_kit.simulate_spread is simulate_spread and qi_kit.compare_strategies is compare_strategies
