"""The widget-free state layer (qi_kit.state): the models and pure functions behind the widgets,
tested without building a single widget."""

from __future__ import annotations

import json
import logging
import subprocess
import sys

import pytest

from qi_kit import StakeholderMap, load_case, load_workspace
from qi_kit.editing import MapSession, Outcome
from qi_kit.engage import EngagementPlan
from qi_kit.errors import MapError, Problem, WorkspaceError
from qi_kit.pitch import Pitch
from qi_kit.state import editor, explorer, pitch, plan
from qi_kit.workspace import Autosaver


@pytest.fixture
def path(tmp_path):
    return tmp_path / "my_work" / "workspace.json"


@pytest.fixture(scope="module")
def ward():
    return load_case("ward")


def chain():
    """A listens to B, B listens to C (advice): an idea from C reaches B, then A."""
    return StakeholderMap([{"name": n} for n in "ABC"],
                          [{"source": "A", "target": "B", "kind": "advice"},
                           {"source": "B", "target": "C", "kind": "advice", "strength": 3}])


def refuse_saves(saver, monkeypatch):
    """Make every save of ``saver`` fail as a full disk would (the error kept in last_error)."""

    def save(*args, **kwargs):
        saver.last_error = WorkspaceError(Problem("workspace.json", "The disk is full.", "free some space."))
        return False

    monkeypatch.setattr(saver, "save", save)


def test_the_state_layer_imports_no_widgets():
    code = ("import sys, qi_kit.state.plan, qi_kit.state.explorer, qi_kit.state.pitch, qi_kit.state.editor; "
            "print(sorted(m for m in ('ipywidgets', 'matplotlib') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# --------------------------------------------------------------------------- the plan


def test_plan_store_observers_see_which_parts_changed(path):
    store = plan.PlanStore(path)
    seen = []
    store.observe(lambda change: seen.append(plan.changed_fields(change["old"], change["new"])), names="plan")
    assert store.update(power="authority", title="Falls")
    assert seen == [{"power", "title"}]
    assert store.update(power="authority")  # saved again, but nothing changed: nobody is told
    assert seen == [{"power", "title"}]
    assert load_workspace(path)["engagement"]["power"] == "authority"


def test_a_second_store_keeps_the_first_ones_edit_and_says_so(path):
    first, second = plan.PlanStore(path), plan.PlanStore(path)
    first.update(role_overrides={"Ana": "sponsor"})
    first.update(role_overrides={"Ana": "sponsor"}, title="Falls")
    assert second.update(commitment_now={"Bo": "neutral"})
    assert second.elsewhere
    assert second.plan.role_overrides == {"Ana": "sponsor"} and second.plan.commitment_now == {"Bo": "neutral"}
    text, kind = plan.saved_note(True, second.saver, "Kept.")
    assert text.startswith("Kept. Saved.") and ("another cell" in text)


def test_a_damaged_plan_starts_fresh_and_says_why(path):
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"format": "qi_kit.workspace", "version": 1,
                                "sections": {"engagement": {"power": 3}}}), encoding="utf-8")
    store = plan.PlanStore(path)
    assert store.plan == EngagementPlan() and store.problem


def test_a_failed_save_never_says_saved(path, monkeypatch):
    store = plan.PlanStore(path)
    refuse_saves(store.saver, monkeypatch)
    assert store.update(title="Falls") is False
    assert store.plan.title == "Falls"  # the change is kept in memory: the next save can still write it
    text, kind = plan.saved_note(False, store.saver, "Kept your choices for Ana.")
    assert kind == "error" and "Saved." not in text
    assert text == "Kept your choices for Ana. But it could not be saved: There is 1 problem to fix:\n" \
                   "- workspace.json: The disk is full. Fix: free some space."


def test_keeping_choices_confirms_now_and_keeps_needed_only_when_chosen():
    start = EngagementPlan(commitment_needed={"Bo": "let it happen"})
    same = plan.keep_choices(start, "Ana", role="sponsor", now="neutral", needed="help it happen",
                             suggested_needed="help it happen")
    assert same == {"role_overrides": {"Ana": "sponsor"}, "commitment_now": {"Ana": "neutral"},
                    "commitment_needed": {"Bo": "let it happen"}}
    other = plan.keep_choices(start, "Ana", role="", now="neutral", needed="make it happen",
                              suggested_needed="help it happen")
    assert other["commitment_needed"] == {"Bo": "let it happen", "Ana": "make it happen"}
    again = plan.keep_choices(start, "Bo", role="", now="opposed", needed="help it happen",
                              suggested_needed="help it happen")  # chosen before: follows the new choice
    assert again["commitment_needed"] == {"Bo": "help it happen"}


def test_forgetting_choices_touches_only_that_person():
    start = EngagementPlan(role_overrides={"Ana": "sponsor", "Bo": "resistor"}, commitment_now={"Bo": "opposed"},
                           commitment_needed={"Ana": "make it happen"})
    assert plan.forget_choices(start, "Ana") == {"role_overrides": {"Bo": "resistor"},
                                                 "commitment_now": {"Bo": "opposed"}, "commitment_needed": {}}


def test_picked_raises_a_plain_map_error():
    with pytest.raises(MapError, match="There is no row to pick yet"):
        plan.picked(None, "row", "add a row first.")
    assert plan.picked(0, "row", "add a row first.") == 0  # 0 is a real choice, not "nothing"


# --------------------------------------------------------------------------- the explorer


def test_routes_follow_who_listens_to_whom():
    m = chain()
    routes, problem = explorer.find_routes(m, "C", "A", ("advice",))
    assert problem == "" and list(routes.at[0, "people"]) == ["C", "B", "A"]
    routes, problem = explorer.find_routes(m, "A", "C", ("advice",))  # C listens to nobody: no route back
    assert problem == "" and routes.empty
    assert explorer.find_routes(m, None, "C", ("advice",)) == (None, "")
    routes, problem = explorer.find_routes(m, "A", "Zoe", ("advice",))
    assert routes is None and "'Zoe' is not a target" in problem


def test_findings_are_computed_once_and_kept(ward):
    findings = explorer.Findings(ward, "listening")
    assert findings.table is findings.table
    assert findings.prepare() is findings
    assert "Rosa Delgado" in findings.people_in("informal leaders")
    assert set(findings.people_in("quiet voices")) <= set(ward.names)
    assert findings.people_in("clusters") == []  # clusters colour people, they ring nobody


def test_strategy_runs_answer_each_question_once(ward):
    runs = explorer.StrategyRuns(ward, runs=10)
    first = runs.answer(("advice", "trust"), 2, "complex")
    assert runs.answer(["advice", "trust"], 2, "complex") is first  # the same question, kept
    assert not runs.known(("advice", "trust"), 2, "cascade")
    other = runs.answer(("advice", "trust"), 2, "cascade")
    assert other is not first and set(first["strategy"]) == set(other["strategy"])


# --------------------------------------------------------------------------- the pitch


def test_a_saved_leader_no_longer_on_the_map_is_kept_with_what_the_map_said(path, ward):
    saver = Autosaver("pitch", path)
    saved = Pitch(problem="Falls at night").with_leader(ward, "Margaret Okafor")
    saver.save(saved.to_dict())
    others = StakeholderMap([{"name": "Ana"}])
    restored = pitch.restore_pitch(Autosaver("pitch", path), others)
    assert restored.pitch.leader == "Margaret Okafor" and restored.pitch.problem == "Falls at night"
    assert restored.saved_leader["leader_role"] == "sponsor"
    assert "is not on this map" in restored.note[0]
    back = pitch.choose_leader(restored.pitch.with_answers(aim="Halve falls"), others, "Margaret Okafor",
                               restored.saved_leader)
    assert back.leader_role == "sponsor" and back.aim == "Halve falls"


def test_a_blank_workspace_gives_a_blank_pitch_and_no_note(path, ward):
    restored = pitch.restore_pitch(Autosaver("pitch", path), ward)
    assert restored == pitch.Restored(Pitch())


def test_the_aim_comes_from_the_charter_only_when_the_pitch_has_none(path):
    Autosaver("charter", path).save({"aim": "  Halve night falls by June  "})
    filled, note = pitch.aim_from_charter(Pitch(), path)
    assert filled.aim == "Halve night falls by June" and "project charter" in note[0]
    kept, note = pitch.aim_from_charter(Pitch(aim="Mine"), path)
    assert kept.aim == "Mine" and note is None


def test_the_builder_opens_at_the_first_unanswered_step(ward):
    assert pitch.first_unanswered_step(Pitch()) == 0
    written = Pitch(problem="p", aim="a").with_leader(ward, "Margaret Okafor")
    assert pitch.STEPS[pitch.first_unanswered_step(written)][0] == "Their priority"


def test_a_map_given_that_is_not_a_map_is_a_plain_error(path):
    with pytest.raises(MapError, match="needs your stakeholder map"):
        pitch.map_or_saved("ward", path)
    m, note = pitch.map_or_saved(None, path)
    assert len(m) == 0 and note[1] == "warn"


def test_a_failing_map_analysis_is_logged_and_leaves_no_note(ward, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("analysis broke")

    monkeypatch.setattr(pitch, "map_advice", broken)
    notes = pitch.MapNotes(ward)
    with caplog.at_level(logging.ERROR, logger="qi_kit.state.pitch"):
        assert notes.note("Margaret Okafor") == ""
    assert "analysis broke" in caplog.text
    assert notes.note("Nobody") == ""


# --------------------------------------------------------------------------- the editor


def test_what_the_editor_says_after_a_change():
    assert editor.change_note(Outcome(True, "Also kept a change made elsewhere.", "warn"), "Added Ana.",
                              practising=False) == ("Added Ana.\nAlso kept a change made elsewhere.", "warn")
    assert editor.change_note(Outcome(False, "Not saved: the disk is full.", "warn"), "Added Ana.",
                              practising=False) == ("Added Ana.\nNot saved: the disk is full.", "warn")
    assert editor.undo_note("added Ana", Outcome(False, "Could not undo.", "error"), practising=True) == \
        ("Could not undo.", "error")
    assert editor.undo_note("added Ana", Outcome(True), practising=True) == \
        ("Undone: added Ana. (Practice copy: not saved.)", "ok")


def test_keeping_a_practice_copy_says_it_is_now_yours(path, ward):
    session = MapSession(path, practice=ward, practice_name="the ward case study")
    outcome = session.keep_practice()
    text, kind = editor.keep_note("the ward case study", outcome, session.map.summary())
    assert text == f"This is now your own map: {session.map.summary()} Undo takes it back."
    assert "37 people" in text
    assert kind == outcome.kind


def test_the_form_shows_a_person_or_the_defaults(ward):
    values = editor.form_values(ward, "Rosa Delgado")
    assert values["name"] == "Rosa Delgado" and values["role"] == ward.person("Rosa Delgado")["role"]
    blank = editor.form_values(ward, None)
    assert blank["name"] == "" and blank["stance"] == 0
    assert editor.ties_of(chain(), "B") == 2 and editor.ties_of(chain(), "A") == 1


def test_the_first_message_names_the_problem_first(path):
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    text, kind = editor.welcome(MapSession(path))
    assert kind == "error" and text
    assert editor.welcome(MapSession(path.parent / "other.json")) == \
        ("A blank map: add the first person with the form below.", "info")
