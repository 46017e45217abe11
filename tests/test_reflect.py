"""Leadership reflection: the four sets, checking answers, scoring and the plain reading."""

from __future__ import annotations

import math

import pytest

from qi_kit import MapError
from qi_kit.reflect import (ASSESSMENTS, SCALE, assessment, check_answers, read_reflection, reflection_items,
                            reflection_summary, score_reflection)


def test_the_four_sets_and_their_dimensions():
    dims = {k: [d.key for d in a.dimensions] for k, a in ASSESSMENTS.items()}
    assert dims == {
        "competencies": ["proactive", "knowledgeable", "supportive", "perseverant"],
        "capabilities": ["understand", "connect", "inspire", "enable", "mindset"],
        "roles": ["convenor", "choreographer", "co_producer", "connector", "capability_builder", "clarifier",
                  "coach", "community_builder"],
        "levers": ["role_modelling", "understanding", "skills", "reinforcing"],
    }
    assert SCALE == {0: "not at all", 1: "a little", 2: "somewhat", 3: "a lot", 4: "fully"}


def test_sources_are_cited_honestly():
    assert "Aarons GA, Ehrhart MG, Farahnak LR (2014)" in ASSESSMENTS["competencies"].source
    assert "Implementation Science 9:45" in ASSESSMENTS["competencies"].source
    assert "not the validated scale" in ASSESSMENTS["competencies"].source
    assert "Khan" in ASSESSMENTS["capabilities"].source and "source 001" in ASSESSMENTS["capabilities"].source
    assert "Bessant" in ASSESSMENTS["roles"].source and "Helen Bevan" in ASSESSMENTS["roles"].source
    assert "source 004" in ASSESSMENTS["levers"].source


def test_items_are_listed_with_ids():
    items = reflection_items("competencies")
    assert list(items.columns) == ["item", "dimension", "label", "text"]
    assert len(items) == 12 and items["item"].is_unique
    assert items["item"].tolist()[:3] == ["proactive_1", "proactive_2", "proactive_3"]
    assert len(reflection_items("roles")) == 8
    assert all(text.endswith(".") for k in ASSESSMENTS for text in reflection_items(k)["text"])


def test_unknown_set_is_explained():
    with pytest.raises(MapError, match="Did you mean 'levers'"):
        assessment("lever")


def test_answers_are_checked_all_at_once():
    assert check_answers("levers", {"skills_1": "3", "skills_2": 2.0, "reinforcing_1": None, "reinforcing_2": ""}) == \
        {"skills_1": 3, "skills_2": 2}
    with pytest.raises(MapError) as info:
        check_answers("levers", {"skils_1": 3, "skills_2": 5, "reinforcing_1": 1.5, "role_modelling_1": True,
                                 "understanding_1": "lots"})
    text = str(info.value)
    assert len(info.value.problems) == 5
    assert "Did you mean 'skills_1'?" in text
    assert "use a whole number from 0 (not at all) to 4 (fully)" in text


def test_score_is_the_mean_of_answered_items():
    scores = score_reflection("competencies", {"proactive_1": 4, "proactive_2": 1, "supportive_3": 2})
    assert scores["dimension"].tolist() == ["proactive", "knowledgeable", "supportive", "perseverant"]
    assert scores.loc[0, "score"] == 2.5
    assert scores.loc[2, "score"] == 2.0
    assert math.isnan(scores.loc[1, "score"])
    assert scores["answered"].tolist() == [2, 0, 1, 0]
    assert scores["items"].tolist() == [3, 3, 3, 3]


def test_reading_names_highest_and_lowest_with_a_next_step():
    scores = score_reflection("competencies", {"proactive_1": 1, "supportive_1": 4, "supportive_2": 3})
    text = read_reflection("competencies", scores)
    assert text.startswith("You answered 3 of the 12 prompts. You rated yourself highest on Supportive (3.5 of 4")
    assert "lowest on Proactive (1.0 of 4" in text
    assert "A next step to grow proactive: list the three things most likely to stall" in text
    assert "not a test: there are no norms" in text
    assert "percentile" not in text


def test_reading_of_even_or_missing_answers():
    nothing = read_reflection("roles", score_reflection("roles", {}))
    assert nothing.startswith("Answer the prompts to see a reading of your eight roles of improvement leaders.")
    all_items = {i: 2 for i in reflection_items("levers")["item"]}
    even = read_reflection("levers", score_reflection("levers", all_items))
    assert even.startswith("You answered all 8 prompts; your answers are even")
    assert "A next step to try: ask your sponsor" in even


def test_summary_of_every_set():
    table = reflection_summary({"levers": {"skills_1": 4}})
    assert list(table.columns) == ["kind", "dimension", "label", "score", "answered", "items"]
    assert len(table) == 4 + 5 + 8 + 4
    assert table.set_index("dimension").loc["skills", "score"] == 4.0
