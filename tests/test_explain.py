"""Plain-language meanings: every analysis column is explained; unknown terms get a helpful error."""

from __future__ import annotations

import pytest

import qi_kit
from qi_kit import MapError
from qi_kit.analysis.influence import COLUMNS
from qi_kit.glossary import (TERMS, a_or_an, authority_phrase, explain, explain_columns, how_many, kind_phrase,
                            names_list, step_phrase)


def test_every_influence_column_has_a_one_line_meaning():
    for column in COLUMNS:
        meaning = explain(column)
        assert meaning and "\n" not in meaning and meaning.endswith(".")


def test_terms_are_one_dict_of_single_sentences():
    assert isinstance(TERMS, dict)
    for term, meaning in TERMS.items():
        assert term == term.strip() and meaning[0].isupper() and len(meaning) < 260, term


def test_lookup_ignores_case_spaces_and_underscores():
    assert explain("Sought out by") == explain("sought_out_by") == TERMS["sought_out_by"]
    assert explain("THRESHOLD_model") == TERMS["threshold model"]


def test_unknown_term_suggests_and_lists():
    with pytest.raises(MapError) as error:
        explain("betweeness")
    text = str(error.value)
    assert "Did you mean 'betweenness'?" in text and "gatekeeper" in text


def test_explain_columns_keeps_known_ones():
    assert list(explain_columns(["pull", "nonsense", "gap"])) == ["pull", "gap"]


def test_sentence_pieces():
    assert kind_phrase(["advice"], "Rosa") == "go to Rosa for advice"
    assert kind_phrase(["advice", "trust"], "Rosa") == "go to Rosa for advice or trust"
    assert step_phrase(["reports_to", "advice"], "Tom") == "goes to Tom for line management and advice"
    assert step_phrase(["trust"], "Rosa") == "trusts Rosa"
    assert how_many(0, 20, ["advice"], "Tom") == "no colleague goes to Tom for advice"
    assert how_many(1, 20, ["trust"], "Tom") == "1 of 20 colleagues trusts Tom"
    assert how_many(11, 20, ["advice"], "Rosa") == "11 of 20 colleagues go to Rosa for advice"
    assert authority_phrase(0) == "no formal authority"
    assert authority_phrase(2) == "little formal authority (2 of 5)"
    assert authority_phrase(5) == "formal authority 5 of 5"
    assert names_list(["A", "B", "C"]) == "A, B and C"
    assert names_list(list("ABCDEFG"), limit=3) == "A, B, C and 4 others"
    assert a_or_an("advice") == "an" and a_or_an("trust") == "a"


def test_public_name_works_as_a_function():
    import qi_kit.glossary  # importing the module must not shadow the public function

    assert qi_kit.explain("pull") == explain("pull") == qi_kit.glossary.explain("pull")
    with pytest.raises(MapError):
        qi_kit.explain("nonsense")
