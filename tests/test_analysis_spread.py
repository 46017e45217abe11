"""'Who should we engage first?' simulations: models, determinism, strategies, bad input."""

from __future__ import annotations

import numpy as np
import pytest

import qi_kit
from qi_kit import MapError, StakeholderMap
from qi_kit.analysis.spread import (MODEL_WORDS, MODELS, choose_seeds, compare_strategies, simulate_spread,
                                    strategies_side_by_side)


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
    together = simulate_spread(m, ["p00", "p01"], kind="advice", model="complex", rounds=20, runs=5)
    apart = simulate_spread(m, ["p00", "p10"], kind="advice", model="complex", rounds=20, runs=5)
    assert together["adopted"].iloc[-1] == 20  # two neighbours reinforce each other all the way round
    assert apart["adopted"].iloc[-1] == 2  # a lone adopter is never enough: 2 of the 4 are needed
    assert together.at[1, "adopted"] == 4


def test_share_threshold_spreads_one_step_per_round():
    m = ring(reach=1)
    curve = simulate_spread(m, "p00", kind="advice", model="threshold", threshold=0.5, rounds=3, runs=3)
    assert list(curve["adopted"]) == [1, 3, 5, 7]
    assert (curve["low"] == curve["high"]).all()  # no chance in a fixed threshold


def test_complex_contagion_needs_two_adopters_whatever_the_share():
    # everyone listens to the 4 nearest on the ring: one adopter is a quarter (enough for the share
    # threshold), but never 2 (needed for complex contagion)
    m = ring()
    share = simulate_spread(m, "p00", kind="advice", model="threshold", rounds=20, runs=2)
    complex_ = simulate_spread(m, "p00", kind="advice", model="complex", rounds=20, runs=2)
    assert share["adopted"].iloc[-1] == 20 and complex_["adopted"].iloc[-1] == 1
    pair = simulate_spread(m, ["p00", "p01"], kind="advice", model="complex", rounds=20, runs=2)
    assert pair["adopted"].iloc[-1] == 20 and pair.at[1, "adopted"] == 4
    # someone who listens to one person only never takes it up under complex contagion
    line = StakeholderMap([{"name": n} for n in "abc"],
                          [{"source": "b", "target": "a", "kind": "advice", "strength": 3},
                           {"source": "c", "target": "b", "kind": "advice", "strength": 3}])
    assert simulate_spread(line, "a", kind="advice", model="complex").iloc[-1]["adopted"] == 1
    assert simulate_spread(line, "a", kind="advice", model="cascade", probability=1.0).iloc[-1]["adopted"] == 3
    three = simulate_spread(m, ["p00", "p01"], kind="advice", model="complex", at_least=3, rounds=20, runs=2)
    assert three["adopted"].iloc[-1] == 2


def test_influence_flows_against_the_arrow():
    m = StakeholderMap([{"name": "Rosa"}, {"name": "Emily"}], [{"source": "Emily", "target": "Rosa", "kind": "advice"}])
    assert simulate_spread(m, "Rosa", kind="advice", model="threshold", rounds=1).iloc[-1]["adopted"] == 2
    assert simulate_spread(m, "Emily", kind="advice", model="threshold", rounds=1).iloc[-1]["adopted"] == 1


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
    assert seeds["informal leaders"][:2] == ["Rosa Delgado", "Kwame Asante"]
    assert seeds["formal leaders"] == ["Margaret Okafor", "David Reyes", "Dr Fiona Campbell"]
    curves = result.pivot(index="round", columns="strategy", values="adopted")
    # complex contagion: the three senior leaders are listened to by too few, together, to start anything
    assert curves.loc[10, "formal leaders"] == 3
    assert curves.at[2, "informal leaders"] > 5 * curves.at[2, "formal leaders"]
    assert result.attrs["summary"].count("complex-contagion model") == 1
    assert result.attrs["best"] in (None, *result.attrs["final"].index)


def test_people_who_oppose_the_change_are_never_engaged_first(ward):
    result = compare_strategies(ward, budget=3)
    assert "Dr James Whitfield" not in result.attrs["seeds"]["formal leaders"]  # authority 4, stance -2
    opposed = set(ward.people.loc[ward.people["stance"] < 0, "name"])
    for strategy in ("formal", "informal", "brokers", "cluster"):
        assert not opposed & set(choose_seeds(ward, strategy, 5))
    assert (result["low"] <= result["adopted"]).all() and (result["adopted"] <= result["high"]).all()


def test_the_formal_leader_strategy_engages_only_people_with_formal_authority():
    m = StakeholderMap([{"name": n, "authority": a} for n, a in [("Boss", 3), ("A", 2), ("B", 0), ("C", 0)]],
                       [{"source": s, "target": t, "kind": "advice"} for s, t in
                        [("A", "Boss"), ("B", "A"), ("C", "A"), ("C", "B")]])
    result = compare_strategies(m, budget=3, kind="advice")
    assert result.attrs["seeds"]["formal leaders"] == ["Boss"]
    assert "Only 1 person open to the change has formal authority" in result.attrs["summary"]
    nobody = StakeholderMap([{"name": n} for n in "ABC"], [{"source": "B", "target": "A", "kind": "advice"}])
    result = compare_strategies(nobody, budget=2, kind="advice")
    assert "formal leaders" not in set(result["strategy"])
    assert "No formal leaders strategy: nobody open to the change has formal authority" in result.attrs["summary"]


def test_strategies_that_engage_the_same_people_are_merged():
    # one hub everyone asks, one second person: informal leaders and brokers pick the same two
    pairs = [(f"n{i}", "hub") for i in range(6)] + [("n0", "n1"), ("n2", "n1"), ("n3", "n1"), ("hub", "n1")]
    m = StakeholderMap([{"name": n} for n in ["hub", *(f"n{i}" for i in range(6))]],
                       [{"source": a, "target": b, "kind": "advice"} for a, b in pairs])
    assert set(choose_seeds(m, "informal", 2, kind="advice")) == set(choose_seeds(m, "brokers", 2, kind="advice"))
    result = compare_strategies(m, budget=2, kind="advice", strategies=("informal", "brokers", "random"))
    assert list(dict.fromkeys(result["strategy"])) == ["informal leaders = brokers", "random group"]
    assert "Informal leaders and brokers engage the same people here" in result.attrs["summary"]


def test_tied_strategies_are_reported_as_a_tie():
    # everyone listens to everyone: any three reach the whole map in one round
    names = [f"p{i}" for i in range(8)]
    m = StakeholderMap([{"name": n, "authority": 4 if n in ("p6", "p7") else 0} for n in names],
                       [{"source": a, "target": b, "kind": "advice"} for a in names for b in names if a != b])
    result = compare_strategies(m, budget=2, kind="advice", strategies=("formal", "informal", "brokers"))
    assert result.attrs["best"] is None and len(result.attrs["tied"]) >= 2
    assert "Best:" not in result.attrs["summary"] and "a tie" in result.attrs["summary"]


def test_best_only_when_the_lead_is_larger_than_the_run_to_run_spread(ward):
    cascade = compare_strategies(ward, budget=3, model="cascade", runs=200)
    finals = cascade.attrs["final"]["adopted"]
    if cascade.attrs["best"] is not None:
        assert cascade.attrs["lead"] > cascade.attrs["spread"]
    else:
        assert cascade.attrs["lead"] <= cascade.attrs["spread"] and "No strategy is clearly best" in \
            cascade.attrs["summary"]
    assert finals.idxmax() == cascade.attrs["tied"][0]
    few = compare_strategies(ward, budget=3, model="cascade", runs=10)
    assert few.attrs["best"] is None and "Too few runs" in few.attrs["summary"]
    clear = compare_strategies(ward, budget=3, model="complex")  # deterministic: any lead counts
    assert clear.attrs["spread"] == 0.0 and clear.attrs["best"] == clear.attrs["final"]["adopted"].idxmax()


def test_the_ward_and_the_real_company_side_by_side(ward):
    company = qi_kit.load_case("krackhardt")
    both = strategies_side_by_side({"the ward": ward, "the company": company})
    assert list(both.columns) == ["the ward", "the company"]
    results = both.attrs["results"]
    for name, m in (("the ward", ward), ("the company", company)):
        final = results[name].attrs["final"]["adopted"]
        for label, value in final.items():
            for part in label.split(" = "):
                assert both.at[part, name].startswith(f"{value:.1f} of {len(m)}")
    summary = both.attrs["summary"]
    bests = [results[name].attrs["best"] for name in ("the ward", "the company")]
    if bests[0] != bests[1] or None in bests:
        assert "the structure of each map decides" in summary
    if not all(b and "informal leaders" in b for b in bests):
        assert "informal leaders are not always the best first move" in summary


def test_random_threshold_and_per_person_thresholds(ward):
    noisy = simulate_spread(ward, ["Rosa Delgado"], model="threshold", threshold="random", runs=100)
    assert noisy.iloc[-1]["low"] < noisy.iloc[-1]["high"]
    stubborn = simulate_spread(ward, ["Rosa Delgado"], model="threshold", threshold={"Ewa Nowak": 1.0}, rounds=1)
    usual = simulate_spread(ward, ["Rosa Delgado"], model="threshold", rounds=1)
    assert stubborn.iloc[-1]["adopted"] <= usual.iloc[-1]["adopted"]


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
    with pytest.raises(MapError, match="at_least"):
        simulate_spread(ward, "Rosa Delgado", model="complex", at_least=0)
    with pytest.raises(MapError, match="No map"):
        strategies_side_by_side({})


def test_edge_cases():
    assert compare_strategies(qi_kit.empty_map()).empty
    one = StakeholderMap([{"name": "A"}])
    result = compare_strategies(one, budget=3, runs=3)
    assert np.allclose(result.attrs["final"]["adopted"], 1.0)
    curve = simulate_spread(one, "A", runs=2, rounds=2)
    assert list(curve["adopted"]) == [1, 1, 1]


def test_every_model_is_named_and_explained():
    assert set(MODEL_WORDS) == set(MODELS) == {"threshold", "complex", "cascade"}
    assert "at least 2" in MODEL_WORDS["complex"] and "quarter" in MODEL_WORDS["threshold"]
    assert qi_kit.explain("complex model").startswith("Complex contagion (Centola & Macy)")
    assert "complex contagion" not in qi_kit.explain("threshold model").lower()


def test_public_names():
    assert qi_kit.simulate_spread is simulate_spread and qi_kit.compare_strategies is compare_strategies
    assert qi_kit.strategies_side_by_side is strategies_side_by_side
