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


def test_an_empty_or_one_person_map_is_not_used(capsys):
    qi_kit.save_workspace(map=qi_kit.empty_map())
    assert len(qi_kit.my_map(quiet=True)) == 37
    qi_kit.save_workspace(map=qi_kit.read_map([{"name": "Only me"}]))
    assert len(qi_kit.my_map()) == 37
    assert "only one person so far" in capsys.readouterr().out


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
    assert "7 questions" in repr(form)


def test_practice_slider_follows_the_slider():
    widget = qi_kit.practice_slider()
    assert isinstance(widget, PracticeSlider)
    assert "3 colleagues" in widget.sentence.value
    widget.slider.value = 1
    assert "1 colleague." in widget.sentence.value and "1 arrow" in widget.sentence.value
    widget.slider.value = 0
    assert "quiet voices" in widget.sentence.value
    assert repr(widget).startswith("Practice slider: Nobody")


# --------------------------------------------------------------------------- reading analyses aloud


def test_in_words_prints_the_summary_and_the_reasons(capsys):
    ward = qi_kit.load_case("ward")
    qi_kit.in_words(qi_kit.informal_leaders(ward))
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("2 informal leaders") and out[1].startswith("- 17 of 36 colleagues go to Rosa Delgado")
    qi_kit.in_words(qi_kit.quiet_voices(ward), limit=2)
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 4 and out[-1].startswith("- ... and")


def test_in_words_with_a_table_without_sentences(capsys):
    import pandas as pd

    table = pd.DataFrame({"x": [1]})
    table.attrs["summary"] = "One row."
    qi_kit.in_words(table)
    assert capsys.readouterr().out == "One row.\n"


def test_people_table_shows_counts_most_sought_out_first_and_scores_only_when_asked():
    table = qi_kit.influence_table(qi_kit.load_case("ward"))
    view = qi_kit.people_table(table, n=3)
    assert list(view.columns) == ["title", "authority (0-5)", "colleagues who go to them", "where they sit"]
    assert list(view.index) == ["Rosa Delgado", "Kwame Asante", "Grace Adeyemi"] and len(view) == 3
    assert list(view["colleagues who go to them"]) == ["17 of 36", "8 of 36", "5 of 36"]
    scores = qi_kit.people_table(table, n=3, scores=True)
    assert list(scores.columns)[-2:] == ["network pull (0-1)", "betweenness (0-1)"]


def test_route_ends_from_the_day_to_day_leader_to_resistor(capsys):
    assert qi_kit.route_ends(qi_kit.load_case("ward")) == ("Hannah Price", "Dr James Whitfield")
    assert "the day-to-day leader" in capsys.readouterr().out
    assert qi_kit.route_ends(qi_kit.load_case("school"), quiet=True) == ("Amira Haddad", "Frank Kowalski")


def test_route_ends_without_roles_uses_authority_and_stance():
    m = qi_kit.read_map([{"name": "A", "authority": 5}, {"name": "B", "stance": -1}, {"name": "C", "authority": 3}])
    assert qi_kit.route_ends(m, quiet=True) == ("A", "B")
    m = qi_kit.read_map([{"name": "A", "authority": 5}, {"name": "B"}, {"name": "C", "authority": 3}])
    assert qi_kit.route_ends(m, quiet=True) == ("A", "C")


def test_route_ends_needs_two_people():
    import pytest

    with pytest.raises(qi_kit.MapError, match="two people"):
        qi_kit.route_ends(qi_kit.read_map([{"name": "A"}]))


def test_first_route():
    ward = qi_kit.load_case("ward")
    routes = qi_kit.influence_paths(ward, "Hannah Price", "Dr James Whitfield")
    assert qi_kit.first_route(routes) == ["Hannah Price", "Rosa Delgado", "Kwame Asante", "Dr James Whitfield"]
    assert qi_kit.first_route(routes.iloc[0:0]) is None


def test_roles_in_words(capsys):
    qi_kit.roles_in_words(qi_kit.load_case("ward"))
    out = capsys.readouterr().out
    assert "Sponsor: Margaret Okafor" in out and "- Rosa Delgado, influencer:" in out


# --------------------------------------------------------------------------- take-home files


def test_export_everything_writes_the_day_and_says_where(work_folder, capsys):
    ward = qi_kit.load_case("ward")
    qi_kit.save_workspace(reflection={"listened_to": "CN <b>B</b>"},
                          action_plan={"first_conversation": "Talk to RD on nights"},
                          pitch=qi_kit.Pitch.for_leader(ward, "Margaret Okafor", ask="Open the launch on 14 March?"))
    written = qi_kit.export_everything(ward)
    out = repr(written)
    assert out.startswith("Saved in my_work/exports: ") and str(work_folder) not in out
    names = {p.name for p in written.values()}
    assert {"my-workshop.md", "my-workshop.html", "my-map-people.csv", "my-map-ties.csv",
            "pitch-margaret-okafor.html"} <= names
    md = (work_folder / "exports" / "my-workshop.md").read_text()
    assert "Rosa Delgado" in md and "Talk to RD on nights" in md and "pitch-margaret-okafor" in md
    html = (work_folder / "exports" / "my-workshop.html").read_text()
    assert "CN &lt;b&gt;B&lt;/b&gt;" in html and "<b>B</b>" not in html


def test_pseudonymised_export_has_no_names_and_no_free_text(work_folder, capsys):
    ward = qi_kit.load_case("ward")
    qi_kit.save_workspace(reflection={"listened_to": "Rosa Delgado, always"})
    written = qi_kit.export_everything(ward, pseudonymised=True)
    assert "Names are replaced by staff groups and letters" in repr(written)
    assert "Patient partner A is the only person" in repr(written)  # the group of one, said before sharing
    assert {p.name for p in written.values()} == {"my-workshop-pseudonymised.md", "my-workshop-pseudonymised.html",
                                                  "my-map-pseudonymised-people.csv", "my-map-pseudonymised-ties.csv"}
    names = [part for name in ward.names for part in name.split() if len(part) > 2 and part != "Dr"]
    for path in written.values():
        text = path.read_text()
        assert not [n for n in names if n in text], path.name
        for typed in ("Ward 7B", "Staff Nurse", "Charge Nurse", "Riverside", "falls"):
            assert typed not in text, (path.name, typed)
    md = (work_folder / "exports" / "my-workshop-pseudonymised.md").read_text()
    assert "Nurse" in md and "## Before you share it" in md


def test_the_old_anonymised_keyword_still_works(work_folder):
    written = qi_kit.export_everything(qi_kit.load_case("ward"), anonymised=True)
    assert {p.name for p in written.values()} >= {"my-workshop-pseudonymised.md"}
