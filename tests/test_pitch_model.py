"""The Pitch model: built from the map, immutable, saved and restored through the workspace."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

import qi_kit
from qi_kit import MapError, StakeholderMap, load_workspace, save_workspace
from qi_kit.pitch import model
from qi_kit.pitch.model import ANSWER_FIELDS, FORMATS, PROMPTS, Pitch


@pytest.fixture
def small_map() -> StakeholderMap:
    return StakeholderMap([
        {"name": "Margaret Okafor", "title": "Chief Nurse", "authority": 5, "interest": 4, "stance": 2,
         "role": "sponsor"},
        {"name": "Dr James Whitfield", "title": "Consultant Geriatrician", "authority": 4, "interest": 3,
         "stance": -2, "role": "resistor"},
        {"name": "David Reyes", "title": "Divisional Director of Nursing", "authority": 4, "stance": 1},
        {"name": "Rosa Delgado", "title": "Staff Nurse (nights)", "authority": 0, "stance": 1,
         "role": "influencer"},
        {"name": "Pat Lee", "title": "Ward clerk", "authority": 0},
    ])


def test_for_leader_takes_a_snapshot_of_the_leader(small_map):
    p = Pitch.for_leader(small_map, "  dr JAMES whitfield ", ask="Could you review it?")
    assert (p.leader, p.leader_title, p.leader_role, p.leader_stance, p.leader_authority,
            p.leader_interest) == ("Dr James Whitfield", "Consultant Geriatrician", "resistor", -2, 4, 3)
    assert p.ask == "Could you review it?"
    assert p.format == "sbar"


def test_unknown_leader_is_a_map_error_with_a_suggestion(small_map):
    with pytest.raises(MapError) as info:
        Pitch.for_leader(small_map, "Margret Okafor")
    assert "Did you mean 'Margaret Okafor'?" in str(info.value)
    assert "not a person on this map" in str(info.value)


def test_a_map_is_required(small_map):
    with pytest.raises(MapError, match="needs your stakeholder map"):
        Pitch.for_leader(["Margaret Okafor"], "Margaret Okafor")  # type: ignore[arg-type]


def test_unknown_answer_name_is_a_map_error_with_a_suggestion(small_map):
    with pytest.raises(MapError) as info:
        Pitch.for_leader(small_map, "Margaret Okafor", aks="Could you come?")
    assert "'aks' is not a part of a pitch" in str(info.value)
    assert "Did you mean 'ask'?" in str(info.value)
    with pytest.raises(MapError):
        Pitch().with_answers(leader_stance=2)  # the snapshot is not an answer


def test_format_is_checked_and_normalised():
    assert Pitch(format="Problem aim ask").format == "problem_aim_ask"
    assert Pitch(format="SBAR").format == "sbar"
    assert Pitch(format="").format == "sbar"
    with pytest.raises(MapError, match="Did you mean 'elevator'"):
        Pitch(format="elevater")


def test_answers_are_plain_trimmed_text():
    p = Pitch(problem="  Falls at night.  \n", aim=None, story="Line one.  \nLine two.")  # type: ignore[arg-type]
    assert p.problem == "Falls at night."
    assert p.aim == ""
    assert p.story == "Line one.\nLine two."
    assert Pitch(leader_stance="-1").leader_stance == -1  # type: ignore[arg-type]
    assert Pitch(leader_stance="not a number").leader_stance == 0  # type: ignore[arg-type]


def test_a_pitch_is_immutable_and_edits_return_a_new_one(small_map):
    p = Pitch.for_leader(small_map, "Rosa Delgado")
    q = p.with_answers(ask="Could you try it first on Friday?", format="elevator")
    assert p.ask == "" and p.format == "sbar"
    assert q.ask.startswith("Could you") and q.format == "elevator" and q.leader == "Rosa Delgado"
    assert p.with_answers() is p
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.ask = "x"  # type: ignore[misc]


def test_with_leader_keeps_the_answers_and_refreshes_the_snapshot(small_map):
    p = Pitch.for_leader(small_map, "David Reyes", ask="Could you approve it by Friday?")
    changed = small_map.update_person("David Reyes", stance=2, role="sponsor")
    q = p.with_leader(changed, "david reyes")
    assert (q.leader_stance, q.leader_role, q.ask) == (2, "sponsor", p.ask)
    assert p.leader_stance == 1  # the old snapshot is untouched


def test_round_trip_through_a_dict_and_the_workspace(small_map, tmp_path):
    p = Pitch.for_leader(small_map, "Margaret Okafor", **{f: f"answer for {f}" for f in ANSWER_FIELDS},
                         format="elevator")
    data = p.to_dict()
    assert data["leader"] == "Margaret Okafor" and data["format"] == "elevator"
    assert Pitch.from_dict(data) == p
    path = tmp_path / "workspace.json"
    save_workspace(path, map=small_map, pitch=p)  # a Pitch saves through its to_dict
    saved = load_workspace(path)
    assert saved["pitch"] == data
    assert Pitch.from_dict(saved["pitch"]) == p


def test_from_dict_is_forgiving_about_keys_but_not_about_kind():
    assert Pitch.from_dict({"ask": "Come?", "something_new": 1}) == Pitch(ask="Come?")
    assert Pitch.from_dict({}) == Pitch()
    p = Pitch(ask="x")
    assert Pitch.from_dict(p) is p
    with pytest.raises(MapError, match="not a saved pitch"):
        Pitch.from_dict(["ask"])  # type: ignore[arg-type]
    with pytest.raises(MapError, match="not a pitch template"):
        Pitch.from_dict({"format": "memo"})


@pytest.mark.parametrize(("name", "kind"), [
    ("Margaret Okafor", "sponsor"), ("Dr James Whitfield", "resistor"), ("David Reyes", "decision maker"),
    ("Rosa Delgado", "influencer"), ("Pat Lee", "other"),
])
def test_leader_kind_from_role_and_stance(small_map, name, kind):
    assert Pitch.for_leader(small_map, name).leader_kind == kind


def test_a_negative_stance_counts_as_resistor_whatever_the_role():
    assert Pitch(leader="A", leader_role="sponsor", leader_stance=-1).leader_kind == "resistor"
    assert Pitch().leader_kind == ""


def test_describe_leader_is_one_plain_sentence(small_map):
    text = Pitch.for_leader(small_map, "Dr James Whitfield").describe_leader()
    assert text == ("Dr James Whitfield, Consultant Geriatrician. Role on your map: resistor. "
                    "Stance -2 (opposes the change); authority 4 of 5; interest 3 of 5.")
    assert "No leader chosen yet" in Pitch().describe_leader()


def test_answered_lists_the_filled_answers():
    assert Pitch(ask="Come?", story="Once.").answered() == ["story", "ask"]
    assert Pitch().answered() == []


def test_every_answer_has_a_prompt_with_an_example_and_a_hint():
    assert tuple(PROMPTS) == ANSWER_FIELDS
    for field, prompt in PROMPTS.items():
        assert prompt.field == field
        assert prompt.label and prompt.question and prompt.example and prompt.hint, field
    assert set(FORMATS) == {"sbar", "problem_aim_ask", "elevator"}


def test_the_ward_case_leaders():
    ward = qi_kit.load_case("ward")
    p = Pitch.for_leader(ward, "Margaret Okafor")
    assert (p.leader_title, p.leader_role, p.leader_authority, p.leader_kind) == ("Chief Nurse", "sponsor", 5, "sponsor")
    q = Pitch.for_leader(ward, "dr james whitfield")
    assert (q.leader_role, q.leader_stance, q.leader_authority) == ("resistor", -2, 4)


def test_pure_code_never_reads_the_clock():
    import qi_kit.pitch.examples as examples
    import qi_kit.pitch.feedback as feedback
    import qi_kit.pitch.templates as templates
    for module in (model, templates, feedback, examples):
        source = inspect.getsource(module)
        for forbidden in ("date.today", "datetime.now", "time.time(", "import random"):
            assert forbidden not in source, (module.__name__, forbidden)


def test_public_names():
    assert qi_kit.Pitch is Pitch
    for name in ("pitch_feedback", "render_text", "render_markdown", "render_html", "render_email",
                 "export_pitch", "example_pitches", "example_notes", "feedback_summary"):
        assert callable(getattr(qi_kit, name)), name


def test_importing_the_pitch_package_stays_light():
    import subprocess
    import sys
    code = ("import sys, qi_kit.pitch as p; p.pitch_feedback(p.Pitch(ask='x'));"
            "print(sorted(k for k in ('matplotlib', 'ipywidgets') if k in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
