"""The plain-language error pieces every message is built from."""

from __future__ import annotations

from qi_kit.errors import MapError, Problem, did_you_mean, suggest


def test_did_you_mean_ignores_case_and_spacing():
    assert did_you_mean("rosa  DELGADO", ["Rosa Delgado", "Tom"]) == "Did you mean 'Rosa Delgado'?"
    assert did_you_mean("zzz", ["Rosa Delgado"]) == ""


def test_suggest_starts_a_fix_or_says_nothing():
    assert suggest("advise", ["advice", "trust"]) + "Use one of: advice, trust." == \
        "Did you mean 'advice'? Use one of: advice, trust."
    assert suggest("qqq", ["advice"]) == ""


def test_map_error_lists_every_problem_with_its_fix():
    error = MapError([Problem("ties.csv, row 2", "'Bob' is not in the people table.", "add Bob."),
                      Problem("ties.csv, row 3", "The kind is blank.", "use advice.")])
    assert str(error).splitlines() == ["There are 2 problems to fix:",
                                       "- ties.csv, row 2: 'Bob' is not in the people table. Fix: add Bob.",
                                       "- ties.csv, row 3: The kind is blank. Fix: use advice."]
    assert isinstance(error, ValueError)
