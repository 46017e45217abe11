"""Self-checks: the solution passes, a placeholder says "not answered yet", known mistakes get
the right hint, and no answer ever makes a check raise."""

from __future__ import annotations

import inspect

import networkx as nx
import pandas as pd
import pytest

import qi_kit
from qi_kit import checks
from qi_kit.checks import Feedback

ALL_CHECKS = [f for name, f in inspect.getmembers(checks, inspect.isfunction)
              if name.startswith("check_") and f.__module__ == checks.__name__]


@pytest.fixture(scope="module")
def ward():
    return qi_kit.load_case("ward")


def spread(G, seeds, threshold=0.5):
    """The solution notebook's threshold model."""
    adopted = set(seeds)
    while True:
        new = {p for p in G if p not in adopted and G.out_degree(p) > 0
               and sum(q in adopted for q in G.successors(p)) / G.out_degree(p) >= threshold}
        if not new:
            return adopted
        adopted |= new


def _table(ward):
    asked = dict(ward.graph("advice").in_degree())
    table = ward.people[["name", "authority"]].copy()
    table["sought_out_by"] = table["name"].map(asked)
    return table


def test_there_is_a_check_for_every_exercise_topic():
    names = {f.__name__ for f in ALL_CHECKS}
    assert {"check_first_map", "check_sought_out", "check_informal_leaders", "check_influence_path",
            "check_spread_function", "check_pitch_to_sceptic"} <= names


@pytest.mark.parametrize("check", ALL_CHECKS, ids=lambda f: f.__name__)
def test_a_placeholder_is_not_answered_yet_with_the_first_hint(check):
    feedback = check(...)
    assert isinstance(feedback, Feedback)
    assert not feedback and not feedback.answered
    assert feedback.hint == check.hints[0]
    assert "Not answered yet" in repr(feedback) and "Hint:" in repr(feedback)


@pytest.mark.parametrize("check", ALL_CHECKS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("answer", [42, "nobody", [], {}, object(), lambda *a: 1 / 0, pd.DataFrame({"x": [1]}),
                                    nx.DiGraph(), True, -1.5],
                         ids=["42", "text", "list", "dict", "object", "function", "DataFrame", "DiGraph", "True", "-1.5"])
def test_no_answer_makes_a_check_raise(check, answer):
    feedback = check(answer)
    assert isinstance(feedback, Feedback) and not feedback.passed and feedback.answered
    assert feedback.message and feedback.hint


# --------------------------------------------------------------------------- 01 load and validate

BROKEN_PEOPLE = [
    {"name": "Rosa Delgado", "title": "Staff Nurse (nights)", "authority": 0},
    {"name": "Tom Barker", "title": "Ward Manager", "authority": "three"},
    {"name": "Kwame Asante", "title": "Ward Pharmacist", "authority": 2},
    {"name": "Hannah Price", "title": "QI Lead", "authority": 2, "role": "champoin"},
]
BROKEN_TIES = [
    {"source": "Tom Barker", "target": "Rosa Delgado", "kind": "advice"},
    {"source": "Kwame Asante", "target": "Rosa Delgado", "kind": "trust"},
    {"source": "Rosa Delgado", "target": "Hanna Price", "kind": "trust"},
]


def _first_map(reverse=False):
    ties = [("Ana", "Rosa", "advice"), ("Tom", "Rosa", "advice"), ("Ana", "Tom", "reports_to")]
    rows = [{"source": t if reverse else s, "target": s if reverse else t, "kind": k} for s, t, k in ties]
    return qi_kit.read_map([{"name": "Ana"}, {"name": "Rosa"}, {"name": "Tom", "authority": 3}], rows)


def test_first_map():
    assert checks.check_first_map(_first_map())
    wrong = checks.check_first_map(_first_map(reverse=True))
    assert "wrong way" in wrong.message and "listened to" in wrong.hint
    assert "authority" in checks.check_first_map(qi_kit.read_map([{"name": n} for n in ("Ana", "Rosa", "Tom")])).message


def test_problem_count_matches_the_broken_tables():
    with pytest.raises(qi_kit.MapError) as info:
        qi_kit.read_map(BROKEN_PEOPLE, BROKEN_TIES)
    assert checks.check_problem_count(len(info.value.problems))
    assert "error itself" in checks.check_problem_count(info.value).message
    assert not checks.check_problem_count(2)


def test_fixed_map():
    people = [dict(p) for p in BROKEN_PEOPLE]
    people[1]["authority"], people[3]["role"] = 3, "champion"
    ties = [dict(t) for t in BROKEN_TIES]
    ties[2]["target"] = "Hannah Price"
    assert checks.check_fixed_map(qi_kit.read_map(people, ties))
    people[3]["role"] = "sponsor"
    assert "champion" in checks.check_fixed_map(qi_kit.read_map(people, ties)).hint


# --------------------------------------------------------------------------- 02 centrality


def test_centrality_solutions_pass(ward):
    G = ward.graph("advice")
    counts = dict(G.in_degree())
    assert checks.check_sought_out(counts)
    assert checks.check_sought_out(pd.Series(counts))
    assert checks.check_most_sought_out(max(counts, key=counts.get))
    assert checks.check_pagerank(nx.pagerank(G))
    assert checks.check_betweenness(nx.betweenness_centrality(ward.graph(["advice", "trust"]).to_undirected()))


def test_centrality_mistakes_get_diagnostic_hints(ward):
    G = ward.graph("advice")
    assert "in_degree" in checks.check_sought_out(dict(G.out_degree())).hint
    assert "advice ties only" in checks.check_sought_out(dict(ward.graph().in_degree())).hint
    assert "strength" in checks.check_sought_out(dict(G.in_degree(weight="strength"))).hint
    assert "not who is in charge" in checks.check_most_sought_out("Tom Barker").hint
    assert "reverse" in checks.check_pagerank(nx.pagerank(G.reverse())).hint
    assert "to_undirected" in checks.check_betweenness(
        nx.betweenness_centrality(ward.graph(["advice", "trust"]))).hint


# --------------------------------------------------------------------------- 03 informal leaders


def test_by_chance_and_informal_leaders(ward):
    from scipy.stats import binom

    t = _table(ward)
    G = ward.graph("advice")
    n, ties = len(G), G.number_of_edges()
    p = ties / (n * (n - 1))
    t["by_chance"] = binom.sf(t["sought_out_by"] - 1, n - 1, p)
    assert checks.check_by_chance(t) and checks.check_by_chance(t["by_chance"].tolist())
    assert checks.check_by_chance(dict(zip(t["name"], t["by_chance"])))
    assert "binom.sf(k - 1" in checks.check_by_chance(binom.sf(t["sought_out_by"], n - 1, p)).hint
    assert "n - 1 trials" in checks.check_by_chance(binom.sf(t["sought_out_by"] - 1, n, p)).hint
    # the kit's own column agrees with scipy's binomial (the reference here is computed independently)
    kit = qi_kit.influence_table(ward)["by_chance"]
    assert checks.check_by_chance(kit)
    right = t[(t["authority"] <= 2) & (t["sought_out_by"] >= 3) & (t["by_chance"] < 0.01)]
    assert checks.check_informal_leaders(right["name"].tolist())
    assert checks.check_informal_leaders(right)  # a table with a name column is fine too
    assert set(right["name"]) == {"Rosa Delgado", "Kwame Asante"}
    counts_only = t[(t["authority"] <= 2) & (t["sought_out_by"] >= 3)]
    assert "by_chance" in checks.check_informal_leaders(counts_only["name"]).hint
    anyone = t[(t["sought_out_by"] >= 3) & (t["by_chance"] < 0.01)]
    assert set(anyone["name"]) == set(right["name"])  # on the ward nobody with authority is that sought out
    assert "authority 2 or less" in checks.check_informal_leaders(["Rosa Delgado", "Priya Shah"]).hint


def test_formal_leaders_with_little_pull(ward):
    t = _table(ward)
    right = t[(t["authority"] >= 3) & (t["sought_out_by"] <= 2)]
    assert checks.check_formal_little_pull(right["name"])
    assert set(right["name"]) == {"Margaret Okafor", "David Reyes", "Dr Fiona Campbell", "Tom Barker"}
    strict = t[(t["authority"] >= 3) & (t["sought_out_by"] < 2)]
    assert "<= 2" in checks.check_formal_little_pull(strict["name"]).hint


# --------------------------------------------------------------------------- 04 paths


def test_paths(ward):
    flow = ward.graph(["advice", "trust"]).reverse()
    assert checks.check_influence_graph(flow)
    assert ".reverse()" in checks.check_influence_graph(ward.graph(["advice", "trust"])).hint
    path = nx.shortest_path(flow, "Hannah Price", "Dr James Whitfield")
    assert path == ["Hannah Price", "Rosa Delgado", "Kwame Asante", "Dr James Whitfield"]
    assert checks.check_influence_path(path)
    assert "against the arrows" in checks.check_influence_path(path[::-1]).hint
    formal = ["Hannah Price", "Margaret Okafor", "Dr Fiona Campbell", "Dr James Whitfield"]
    assert "advice and trust" in checks.check_influence_path(formal).hint
    within = nx.single_source_shortest_path_length(flow, "Rosa Delgado", cutoff=2)
    assert checks.check_two_step_reach(len(within) - 1)
    assert checks.check_two_step_reach([n for n in within if n != "Rosa Delgado"])
    assert "subtract 1" in checks.check_two_step_reach(len(within)).hint


# --------------------------------------------------------------------------- 05 spread


def test_spread_solution_passes_and_matches_the_reference(ward):
    assert checks.check_spread_function(spread)
    G = ward.graph(["advice", "trust"])
    reach = {name: len(spread(G, [name])) for name in checks.SPREAD_SEEDS}
    assert reach == {"Rosa Delgado": 29, "Tom Barker": 3, "Margaret Okafor": 7}
    assert checks.check_seed_comparison(reach)


def test_spread_mistakes_get_diagnostic_hints():
    def one_round(G, seeds, threshold=0.5):
        return set(seeds) | {p for p in G if G.out_degree(p) and
                             sum(q in seeds for q in G.successors(p)) / G.out_degree(p) >= threshold}

    def strictly_more(G, seeds, threshold=0.5):
        return spread(G, seeds, threshold + 1e-9)

    def backwards(G, seeds, threshold=0.5):
        return spread(G.reverse(), seeds, threshold)

    def no_guard(G, seeds, threshold=0.5):
        return {p for p in G if sum(q in seeds for q in G.successors(p)) / G.out_degree(p) >= threshold}

    assert "while loop" in checks.check_spread_function(one_round).hint
    assert ">= threshold" in checks.check_spread_function(strictly_more).hint
    assert "G.successors" in checks.check_spread_function(backwards).hint
    assert "out_degree" in checks.check_spread_function(no_guard).hint


# --------------------------------------------------------------------------- 06 pitch


def test_pitch_to_the_sceptic(ward):
    from qi_kit.pitch import Pitch

    good = Pitch.for_leader(
        ward, "Dr James Whitfield",
        problem="Older patients on Ward 7B fall at night, and some are badly hurt.",
        aim="Reduce falls with harm on Ward 7B by 30% by the end of September.",
        questions="Why does the bundle repeat what our comprehensive geriatric assessment already covers?",
        their_values="You have said the bundle repeats your assessment; the checks it covers will come from it.",
        ask="Could you give us your advice on the medicines review for two weeks, starting on 14 March?",
        ask_by="14 March")
    assert checks.check_pitch_to_sceptic(good), checks.check_pitch_to_sceptic(good)
    polite = good.with_answers(their_values="I understand.")
    assert "tailored" in checks.check_pitch_to_sceptic(polite).message  # 'I understand' does not answer him
    vague = good.with_answers(ask="Your support would be great.")
    feedback = checks.check_pitch_to_sceptic(vague)
    assert not feedback and "ask" in feedback.message
    assert "address it to" in checks.check_pitch_to_sceptic(Pitch.for_leader(ward, "Tom Barker")).hint


def test_patient_rule():
    assert checks.check_patient_rule(lambda p: "patient" in f"{p.problem} {p.story}".lower())
    assert "upper/lower case" in checks.check_patient_rule(lambda p: "patient" in p.problem).hint


# --------------------------------------------------------------------------- the box


def test_feedback_html_is_escaped_and_has_an_icon():
    box = Feedback("Exercise <1>", False, "You wrote <img src=x onerror=alert(1)>", "try & see")._repr_html_()
    assert "<img" not in box and "&lt;img" in box and "&amp; see" in box and "✘" in box
    assert "✔" in Feedback("E", True, "ok")._repr_html_()
