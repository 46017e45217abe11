"""Workshop helpers (qi_kit.workshop) and their small widgets (qi_kit.widgets.notes)."""

from __future__ import annotations

import json

import qi_kit
from qi_kit.widgets.notes import NotesForm, PracticeSlider
from qi_kit.workshop import ACTION_PLAN_QUESTIONS, REFLECTION_QUESTIONS, case_reading


def test_my_map_falls_back_to_the_case_and_says_so(capsys):
    m = qi_kit.my_map()
    assert len(m) == 37
    out = capsys.readouterr().out
    assert "have not saved a map" in out and "'ward' case study" in out and "37 people" in out


def test_my_map_uses_the_saved_map(capsys):
    qi_kit.save_workspace(map=qi_kit.read_map([{"name": "CN A"}, {"name": "SN B"}],
                                              [{"source": "SN B", "target": "CN A", "kind": "advice"}]))
    m = qi_kit.my_map()
    assert m.names == ["CN A", "SN B"]
    assert "Using your own map" in capsys.readouterr().out


def test_an_empty_saved_map_is_not_used():
    qi_kit.save_workspace(map=qi_kit.empty_map())
    assert len(qi_kit.my_map(quiet=True)) == 37


def test_a_damaged_workspace_is_explained_not_raised(work_folder, capsys):
    work_folder.mkdir(parents=True, exist_ok=True)
    (work_folder / "workspace.json").write_text("{not json")
    assert len(qi_kit.my_map(default="school")) == 24
    assert "damaged" in capsys.readouterr().out


def test_work_summary_uses_relative_names(work_folder):
    text = qi_kit.work_summary()
    assert "my_work/workspace.json" in text and "nothing yet" in text
    assert str(work_folder.parent) not in text
    qi_kit.save_workspace(reflection={"a": "b"})
    (work_folder / "exports").mkdir()
    (work_folder / "exports" / "pitch.html").write_text("x")
    text = qi_kit.work_summary()
    assert "Saved so far: reflection." in text and "my_work/exports: pitch.html" in text


def test_case_reading_leaves_out_the_answers():
    text = case_reading("ward").markdown
    assert "## The setting" in text and "## The project" in text
    assert "What the analysis should find" not in text and "The cast" not in text
    assert repr(case_reading("ward")) == text
    assert "## The story" in case_reading("krackhardt").markdown


def test_notes_form_autosaves_and_comes_back(work_folder):
    form = qi_kit.reflection_form()
    assert repr(form) == "Notes form 'reflection': 3 questions, 0 answered."
    key = next(iter(REFLECTION_QUESTIONS))
    form.boxes[key].value = "CN B: everyone asks her <b>first</b>"
    saved = json.loads((work_folder / "workspace.json").read_text())["sections"]["reflection"]
    assert saved[key] == "CN B: everyone asks her <b>first</b>"
    assert "Saved in my_work/workspace.json" in form.status.value
    again = qi_kit.reflection_form()
    assert again.value[key] == saved[key] and again.answered == [key]
    assert "1 answer brought back" in again.status.value


def test_notes_form_escapes_questions_and_title():
    form = NotesForm("notes", {"q": "<script>alert(1)</script>"}, title="<img src=x onerror=alert(1)>")
    html = " ".join(child.value for child in form.children if hasattr(child, "value") and isinstance(child.value, str))
    assert "<script>" not in html and "<img" not in html and "&lt;script&gt;" in html


def test_action_plan_form_has_every_question():
    form = qi_kit.action_plan_form()
    assert list(form.value) == list(ACTION_PLAN_QUESTIONS)
    assert "6 questions" in repr(form)


def test_practice_slider_follows_the_slider():
    widget = qi_kit.practice_slider()
    assert isinstance(widget, PracticeSlider)
    assert "3 colleagues" in widget.sentence.value
    widget.slider.value = 1
    assert "1 colleague." in widget.sentence.value and "1 arrow" in widget.sentence.value
    widget.slider.value = 0
    assert "quiet voices" in widget.sentence.value
    assert repr(widget).startswith("Practice slider: Nobody")
