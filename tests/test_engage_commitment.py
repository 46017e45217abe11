"""The commitment chart: where people are, where the project needs them, the gap and the sentence."""

from __future__ import annotations

import pytest

from qi_kit import MapError, StakeholderMap, load_case
from qi_kit.engage import COMMITMENT_LEVELS, commitment_chart, commitment_summary, commitment_table
from qi_kit.engage.commitment import commitment_level, move_sentence


@pytest.fixture
def small():
    return StakeholderMap([
        {"name": "Spo", "authority": 5, "interest": 4, "stance": 1},
        {"name": "Opp", "authority": 4, "influence": 4, "interest": 3, "stance": -2},
        {"name": "Fan", "authority": 0, "influence": 1, "interest": 5, "stance": 2},
        {"name": "Mid", "authority": 3, "influence": 1, "interest": 1, "stance": 0},
    ])


def test_levels_in_order_and_read_from_text():
    assert COMMITMENT_LEVELS == ("no commitment", "let it happen", "help it happen", "make it happen")
    assert commitment_level("HELP") == "help it happen"
    assert commitment_level("  Make it   happen") == "make it happen"
    with pytest.raises(MapError, match="Did you mean 'let it happen'"):
        commitment_level("let it hapen")


def test_now_from_stance_and_needed_from_role_or_quadrant(small):
    chart = commitment_chart(small, roles={"Spo": "sponsor", "Opp": "resistor"}).set_index("name")
    assert chart["now"].tolist() == ["help it happen", "no commitment", "make it happen", "let it happen"]
    assert chart["needed"].tolist() == ["make it happen", "let it happen", "make it happen", "let it happen"]
    assert chart["gap"].tolist() == [1, 1, 0, 0]  # the kit never suggests that a supporter step back
    assert chart.loc["Opp", "why"] == "the project needs them not to block it, not to lead it"
    assert chart.loc["Fan", "why"] == ("the change matters to them and their ideas help; more than that is "
                                       "welcome")  # keep informed


def test_the_sentences_frame_people_by_what_the_project_needs(small):
    chart = commitment_chart(small, roles={"Opp": "resistor"}, now={"Opp": "no", "Mid": "let", "Fan": "make"},
                             needed={"Fan": "help"})
    chart = chart.set_index("name")
    assert chart.loc["Opp", "move"] == "Opp needs to move from 'no commitment' to 'let it happen'."
    assert chart.loc["Mid", "move"] == "Mid is where the project needs them ('let it happen'): keep them there."
    assert chart.loc["Fan", "move"].startswith("Fan is already at 'make it happen', more than the project needs")
    assert "resistor" not in " ".join(chart["move"])


def test_the_participants_judgement_replaces_the_guess(small):
    chart = commitment_chart(small, roles={}, now={"opp": "let"}, needed={"Fan": "make it happen"})
    chart = chart.set_index("name")
    assert chart.loc["Opp", ["now", "source"]].tolist() == ["let it happen", "your choice"]
    assert chart.loc["Fan", ["needed", "gap", "why"]].tolist() == ["make it happen", 0, "your judgement"]
    assert chart.loc["Mid", "source"] == "suggested"


def test_bad_judgements_are_listed_together(small):
    with pytest.raises(MapError) as info:
        commitment_chart(small, roles={}, now={"Nobody": "let"}, needed={"Fan": "keen"})
    assert len(info.value.problems) == 2
    assert "'Nobody' is not a person on this map" in str(info.value)
    assert "'keen' is not a commitment level" in str(info.value)


def test_summary(small):
    chart = commitment_chart(small, roles={"Spo": "sponsor", "Opp": "resistor"})
    text = commitment_summary(chart)
    assert text.startswith("2 of 4 people need to move up the commitment chart.")
    assert "Spo needs to move from 'help it happen' (a first guess from their stance on the map: confirm it) " \
        "to 'make it happen'" in text
    assert text.endswith("a first guess from their stance for 4 of them: confirm or change it.")
    one = commitment_chart(small, roles={}, now={"Opp": "let"})
    assert commitment_summary(one).startswith("1 of 4 people needs to move up")
    settled = commitment_chart(small, roles={}, now={"Spo": "help", "Opp": "help"})
    assert commitment_summary(settled) == "Everyone is already where the project needs them. Keep them there."


def test_now_is_a_guess_from_the_stance_until_confirmed(small):
    chart = commitment_chart(small, roles={}, now={"Mid": "let it happen"}).set_index("name")
    assert chart["confirmed"].tolist() == [False, False, False, True]
    assert "first guess from their stance" in chart.loc["Spo", "move"]
    assert "first guess" not in chart.loc["Mid", "move"]
    # confirming the guess keeps the level and drops the warning
    assert chart.loc["Mid", "now"] == commitment_chart(small, roles={}).set_index("name").loc["Mid", "now"]


def test_move_sentence_directly():
    assert move_sentence("A", "let it happen", "help it happen") == "A needs to move from 'let it happen' to 'help it happen'."


def test_ward_resistor_needs_only_to_let_it_happen():
    chart = commitment_chart(load_case("ward"), now={"Dr James Whitfield": "no commitment"}).set_index("name")
    assert chart.loc["Dr James Whitfield", "move"] == (
        "Dr James Whitfield needs to move from 'no commitment' to 'let it happen'.")
    assert chart.loc["Margaret Okafor", ["now", "needed"]].tolist() == ["make it happen", "make it happen"]
    assert chart.loc["Rosa Delgado", ["now", "needed"]].tolist() == ["help it happen", "help it happen"]
    assert chart.loc["Hannah Price", "needed"] == "make it happen"
    assert chart.loc["Emily Watson", ["now", "needed"]].tolist() == ["help it happen", "make it happen"]
    assert chart.loc["Joan Fletcher", "needed"] == "make it happen"  # already driving it: welcome, never step back
    assert chart.loc["Helen Brooks", "gap"] == 0


def test_commitment_table_reads_like_the_paper_chart(small):
    chart = commitment_chart(small, roles={"Spo": "sponsor", "Opp": "resistor"},
                             now={"Spo": "help", "Opp": "no", "Fan": "make", "Mid": "let"}, needed={"Fan": "help"})
    table = commitment_table(chart)
    assert list(table.columns) == ["name", *COMMITMENT_LEVELS]
    rows = {r[0]: r[1:] for r in table.itertuples(index=False)}
    assert set(rows) == {"Spo", "Opp", "Fan"}  # roles and gaps; Mid is settled and has no role
    assert rows["Opp"] == ("X", "O", "", "")
    assert rows["Spo"] == ("", "", "X", "O")
    assert rows["Fan"] == ("", "", "O", "X")
    wide = commitment_chart(small, roles={}, now={"Mid": "no"}, needed={"Mid": "make"})
    assert commitment_table(wide, people=["Mid"]).iloc[0].tolist() == ["Mid", "X", "\u2192", "\u2192", "O"]
    settled = commitment_table(chart, people=["Mid"]).iloc[0].tolist()
    assert settled == ["Mid", "", "X O", "", ""]
    guessed = commitment_table(commitment_chart(small, roles={}), people=["Opp", "Mid"])
    assert guessed.iloc[0].tolist()[:2] == ["Opp", "X?"] and guessed.iloc[1].tolist()[2] == "X? O"
