"""The example pitches shipped with the cases: good ones pass every check, weak ones fail exactly
the checks they were written to fail, and every leader matches the case's map."""

from __future__ import annotations

import json
from importlib import resources

import pytest

import qi_kit
from qi_kit import MapError
from qi_kit.pitch import example_notes, example_pitches, pitch_feedback, render_html, render_text
from qi_kit.pitch.model import FORMATS, Pitch

CASES = ("ward", "school")


def entries(case: str) -> dict:
    text = resources.files("qi_kit").joinpath("cases", case, "pitches.json").read_text(encoding="utf-8")
    document = json.loads(text)
    assert document["case"] == case and document["about"]
    return document["examples"]


@pytest.mark.parametrize("case", CASES)
def test_each_case_has_good_and_weak_examples(case):
    qualities = [entry["quality"] for entry in entries(case).values()]
    assert "good" in qualities and "weak" in qualities
    assert set(qualities) == {"good", "weak"}
    pitches = example_pitches(case)
    assert set(pitches) == set(entries(case)) and all(isinstance(p, Pitch) for p in pitches.values())


@pytest.mark.parametrize("case", CASES)
def test_good_examples_pass_every_check(case):
    for name, entry in entries(case).items():
        if entry["quality"] != "good":
            continue
        assert entry["written_to_fail"] == []
        table = pitch_feedback(example_pitches(case)[name])
        failed = table.index[~table["passed"]].tolist()
        assert failed == [], (case, name, table.loc[failed, "why"].tolist())


@pytest.mark.parametrize("case", CASES)
def test_weak_examples_fail_exactly_the_checks_they_were_written_to_fail(case):
    for name, entry in entries(case).items():
        if entry["quality"] != "weak":
            continue
        assert entry["written_to_fail"], (case, name)
        table = pitch_feedback(example_pitches(case)[name])
        failed = set(table.index[~table["passed"]])
        assert failed == set(entry["written_to_fail"]), (case, name)


@pytest.mark.parametrize("case", CASES)
def test_every_example_leader_is_on_the_map_as_recorded(case):
    m = qi_kit.load_case(case)
    for name, pitch in example_pitches(case).items():
        assert pitch == pitch.with_leader(m, pitch.leader), (case, name)  # the snapshot is current


def test_the_ward_pitches_go_to_the_sponsor_and_the_resistor():
    pitches = example_pitches("ward")
    assert {p.leader for p in pitches.values()} == {"Margaret Okafor", "Dr James Whitfield"}
    assert pitches["good_sponsor"].leader_kind == "sponsor"
    assert pitches["good_resistor"].leader_kind == "resistor"
    assert pitches["good_sponsor"].ask_type == "visible support"
    # the story's numbers (story.md): 64 falls last year, 11 with harm; aim 30% in six months
    assert "64 falls" in pitches["good_sponsor"].evidence and "30%" in pitches["good_sponsor"].aim


def test_the_school_pitches_follow_the_story():
    pitches = example_pitches("school")
    assert pitches["good_chief_executive"].leader == "Michael Ferraro"
    assert pitches["good_chief_executive"].leader_kind == "decision maker"
    assert "61%" in pitches["good_chief_executive"].evidence and "80%" in pitches["good_chief_executive"].aim
    assert pitches["good_resistor"].leader == pitches["weak_resistor"].leader == "Frank Kowalski"


@pytest.mark.parametrize("case", CASES)
def test_every_example_renders_in_every_template(case):
    for pitch in example_pitches(case).values():
        for format in FORMATS:
            assert pitch.leader in render_text(pitch, format=format)
            assert "<img" not in render_html(pitch, format=format)


def test_example_notes_say_what_each_example_is_for():
    notes = example_notes("ward")
    assert notes.columns.tolist() == ["example", "leader", "format", "quality", "written_to_fail", "discussion"]
    weak = notes.set_index("example").loc["weak_resistor"]
    assert weak["quality"] == "weak" and "ask" in weak["written_to_fail"].split(", ")
    assert all(notes["discussion"].str.len() > 40)


def test_unknown_case_is_a_map_error_with_a_suggestion():
    with pytest.raises(MapError, match="Did you mean 'school'"):
        example_pitches("schol")
    with pytest.raises(MapError, match="Example pitches come with: ward, school"):
        example_pitches("krackhardt")
    assert example_pitches(" Ward ") == example_pitches("ward")
