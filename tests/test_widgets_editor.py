"""MapEditor driven end to end without a browser: set values, click, check the map, the views
and the autosaved workspace."""

from __future__ import annotations

import datetime
import html
import io

import ipywidgets as w
import pandas as pd
import pytest

from qi_kit import StakeholderMap, load_case, load_workspace, read_map, save_workspace
from qi_kit.widgets._common import caption_html
from qi_kit.widgets.editor import MapEditor, export_csv, read_uploaded, tie_sentence

XSS = "<img src=x onerror=alert(1)>"


def html_values(widget: w.Widget) -> list[str]:
    """The value of every HTML widget inside ``widget`` (what a browser would render as HTML)."""
    found = [widget.value] if isinstance(widget, (w.HTML, w.HTMLMath)) else []
    for child in getattr(widget, "children", ()):
        found += html_values(child)
    return found


def upload(editor: MapEditor, *files: tuple[str, bytes]) -> None:
    editor.upload.value = tuple({"name": name, "type": "", "size": len(data), "content": memoryview(data),
                                 "last_modified": datetime.datetime(2024, 1, 1)} for name, data in files)


def add_person(editor: MapEditor, name: str, **fields) -> None:
    editor.name_text.value = name
    for field, value in fields.items():
        if field in editor.rating_sliders:
            editor.rating_sliders[field].value = value
        else:
            getattr(editor, {"title": "title_text", "unit": "unit_text", "role": "role_dropdown",
                             "notes": "notes_text"}[field]).value = value
    editor.add_person_button.click()


def add_tie(editor: MapEditor, source: str, target: str, kind: str = "advice", strength: int = 1) -> None:
    editor.source_dropdown.value = source
    editor.target_dropdown.value = target
    editor.kind_dropdown.value = kind
    editor.strength_slider.value = strength
    editor.add_tie_button.click()


def said(editor) -> str:
    """The editor's message as a participant reads it (HTML entities decoded)."""
    return html.unescape(editor.message.value)


def saved_map(path) -> StakeholderMap:
    return load_workspace(path)["map"]


@pytest.fixture
def path(work_folder):
    return work_folder / "workspace.json"


@pytest.fixture
def editor(path):
    return MapEditor(path=path)


# ---------------------------------------------------------------- starting


def test_a_new_participant_starts_with_a_blank_map_and_nothing_saved(editor, path):
    assert len(editor.value) == 0
    assert "blank map" in editor.message.value
    assert not path.exists()  # nothing is saved until the first edit
    assert editor.undo_button.disabled


def test_value_is_read_only(editor):
    with pytest.raises(AttributeError):
        editor.value = StakeholderMap([{"name": "A"}])


def test_the_saved_map_comes_back_after_a_restart(editor, path):
    add_person(editor, "Charge nurse B", unit="Ward 7B", influence=4)
    add_person(editor, "HCA 1", unit="Ward 7B")
    add_tie(editor, "HCA 1", "Charge nurse B", "advice", 3)
    restarted = MapEditor(path=path)  # a new kernel: no map given
    assert restarted.value == editor.value
    assert restarted.value.person("Charge nurse B")["influence"] == 4
    assert "Welcome back" in restarted.message.value


def test_a_map_given_is_a_practice_copy_never_saved(path):
    case = load_case("ward")
    editor = MapEditor(case, path=path)
    assert editor.value is case and editor.practising
    assert "Rosa Delgado" in editor.people_table.value
    assert "Practice copy" in editor.message.value and "Start my own map" in editor.message.value
    add_person(editor, "Practice person")
    assert len(editor.value) == 38 and "not saved" in editor.message.value
    assert not path.exists()


def test_practising_on_a_case_never_touches_my_map(editor, path):
    """The issue's path: my map saved, open the school case, add a practice person, reload."""
    add_person(editor, "Me")
    add_person(editor, "Charge nurse B")
    mine, saved_before = editor.value, path.read_bytes()
    editor.case_dropdown.value = "school"
    editor.open_button.click()
    assert editor.practising and editor.value.title == load_case("school").title
    add_person(editor, "Practice person")
    editor.undo_button.click()  # undo works on the practice copy too
    add_person(editor, "Practice person")
    assert "Practice person" in editor.value.names
    assert path.read_bytes() == saved_before  # not one byte of my work changed
    assert "Practice copy" in editor.status.value
    editor.start_own_button.click()
    assert editor.value == mine and not editor.practising  # exactly as saved
    reloaded = MapEditor(path=path)  # a new kernel: my map, and Undo still works
    assert reloaded.value == mine and not reloaded.undo_button.disabled
    reloaded.undo_button.click()
    assert reloaded.value.names == ["Me"] and saved_map(path).names == ["Me"]
    assert "Undone: added Charge nurse B" in reloaded.message.value


def test_undo_history_survives_several_restarts(path):
    editor = MapEditor(path=path)
    for name in ("A", "B", "C"):
        add_person(editor, name)
    add_tie(editor, "B", "A")
    editor.person_dropdown.value = "C"
    editor.remove_person_button.click()
    for expected in (["A", "B", "C"], ["A", "B", "C"], ["A", "B"], ["A"], []):
        editor = MapEditor(path=path)  # each undo in a fresh kernel
        editor.undo_button.click()
        assert editor.value.names == expected, editor.message.value
    assert len(saved_map(path).ties) == 0


def test_make_this_my_map_keeps_a_practice_copy_on_purpose(editor, path):
    add_person(editor, "Mine")
    editor.case_dropdown.value = "ward"
    editor.open_button.click()
    assert editor.keep_button.layout.display is None  # shown only while practising
    add_person(editor, "Me (QI fellow)", role="champion", stance=2)
    editor.keep_button.click()
    saved = saved_map(path)
    assert len(saved) == 38 and saved.person("Me (QI fellow)")["role"] == "champion"
    assert not editor.practising and editor.keep_button.layout.display == "none"
    editor.undo_button.click()
    assert saved_map(path).names == ["Mine"]


def test_a_blank_map_starts_again_and_undo_brings_the_old_one_back(editor, path):
    add_person(editor, "Mine")
    editor.case_dropdown.value = ""
    editor.open_button.click()
    assert len(editor.value) == 0 and len(saved_map(path)) == 0
    assert "kept in Undo" in editor.message.value
    editor.undo_button.click()
    assert saved_map(path).names == ["Mine"]


def test_start_my_own_map_without_saved_work_gives_a_blank_map(path):
    editor = MapEditor(load_case("ward"), path=path)
    editor.start_own_button.click()
    assert len(editor.value) == 0
    assert "initials or roles" in editor.message.value


def test_two_editors_on_one_map_keep_both_edits(path):
    first, second = MapEditor(path=path), MapEditor(path=path)
    add_person(first, "A")
    add_person(second, "B")  # second never saw A: both kept, and second now shows both
    assert saved_map(path).names == ["A", "B"] and second.value.names == ["A", "B"]
    assert "both changes are kept" in second.message.value
    add_person(first, "C")
    assert saved_map(path).names == ["A", "B", "C"]


def test_a_rating_can_only_be_chosen_on_its_scale(editor):
    """Ratings are rows of buttons (no typing), so an out-of-range rating cannot be entered at all."""
    choices = editor.rating_sliders["authority"]
    assert [value for _, value in choices.options] == [0, 1, 2, 3, 4, 5]
    assert [value for _, value in editor.rating_sliders["stance"].options] == [-2, -1, 0, 1, 2]
    with pytest.raises(Exception):
        choices.value = 7

def test_a_damaged_workspace_offers_the_restore(path):
    editor = MapEditor(path=path)
    add_person(editor, "Rosa")
    add_person(editor, "Tom")
    path.write_text("{garbled", encoding="utf-8")
    editor = MapEditor(path=path)
    assert "damaged" in editor.message.value and editor.restore_button.layout.display is None
    add_person(editor, "New")  # saving goes on, the good copy is kept
    editor = MapEditor(path=path)
    assert "Restore my work" in editor.message.value
    editor.restore_button.click()
    assert editor.value.names == ["Rosa", "Tom"]
    assert "Restored your work from the backup" in editor.message.value
    assert editor.restore_button.layout.display == "none"


def test_case_choices_list_every_built_in_case(editor):
    values = [value for _, value in editor.case_dropdown.options]
    assert values == ["", "ward", "school", "krackhardt"]


def test_a_damaged_workspace_is_explained_not_a_traceback(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    editor = MapEditor(path=path)
    assert len(editor.value) == 0
    assert "damaged" in editor.message.value and "qi-error" in editor.message.value


# ---------------------------------------------------------------- people


def test_add_a_person_with_every_field(editor, path):
    add_person(editor, "Rosa D", title="Staff nurse", unit="Nights", authority=0, influence=5,
               interest=4, stance=1, role="influencer", notes="everyone asks her")
    assert editor.value.person("Rosa D") == {"name": "Rosa D", "title": "Staff nurse", "unit": "Nights",
                                             "authority": 0, "influence": 5, "interest": 4, "stance": 1,
                                             "role": "influencer", "notes": "everyone asks her"}
    assert saved_map(path) == editor.value
    assert "Added Rosa D (1 person on the map)" in editor.message.value
    assert "<td>Rosa D</td>" in editor.people_table.value
    # the form is ready for the next person; the unit is kept (colleagues often share one)
    assert editor.name_text.value == "" and editor.unit_text.value == "Nights"
    assert editor.rating_sliders["influence"].value == 0 and editor.role_dropdown.value == ""
    assert [v for _, v in editor.person_dropdown.options] == ["", "Rosa D"]


def test_a_blank_name_is_refused_in_plain_words(editor, path):
    add_person(editor, "   ")
    assert len(editor.value) == 0
    assert "qi-error" in editor.message.value and "The name is blank" in editor.message.value
    assert "Traceback" not in editor.message.value
    assert not path.exists()


def test_a_duplicate_name_is_refused_in_the_forms_words(editor):
    add_person(editor, "Tom B")
    add_person(editor, "tom b")
    assert editor.value.names == ["Tom B"]
    assert "'tom b' is already on the map" in said(editor) and "row" not in said(editor)
    assert "<td>1</td>" in editor.people_table.value  # the row number the message refers to


def test_edit_a_person_renames_them_in_their_ties(editor, path):
    add_person(editor, "Tom", authority=3)
    add_person(editor, "Rosa", influence=5)
    add_tie(editor, "Tom", "Rosa", "advice", 2)
    editor.person_dropdown.value = "Tom"
    assert editor.name_text.value == "Tom" and editor.rating_sliders["authority"].value == 3
    editor.name_text.value = "Tom Barker"
    editor.title_text.value = "Ward manager"
    editor.update_person_button.click()
    m = editor.value
    assert m.names == ["Tom Barker", "Rosa"]
    assert m.person("Tom Barker")["title"] == "Ward manager"
    assert m.ties[["source", "target"]].values.tolist() == [["Tom Barker", "Rosa"]]
    assert saved_map(path) == m
    assert editor.person_dropdown.value == "Tom Barker"


def test_renaming_to_someone_elses_name_is_refused(editor):
    add_person(editor, "A")
    add_person(editor, "B")
    editor.person_dropdown.value = "B"
    editor.name_text.value = "a"
    editor.update_person_button.click()
    assert editor.value.names == ["A", "B"]
    assert "already on the map" in editor.message.value


def test_update_without_picking_someone_asks_to_pick(editor):
    add_person(editor, "A")
    editor.update_person_button.click()
    editor.remove_person_button.click()
    assert "Pick the person" in editor.message.value
    assert editor.value.names == ["A"]


def test_remove_a_person_with_their_ties_and_undo(editor, path):
    for name in ("A", "B", "C"):
        add_person(editor, name)
    add_tie(editor, "A", "B")
    add_tie(editor, "C", "B", "trust")
    before = editor.value
    editor.person_dropdown.value = "B"
    editor.remove_person_button.click()
    assert editor.value.names == ["A", "C"] and len(editor.value.ties) == 0
    assert "Removed B and their 2 ties" in editor.message.value
    assert saved_map(path) == editor.value
    editor.undo_button.click()
    assert editor.value == before and saved_map(path) == before
    assert "Undone: removed B" in editor.message.value


def test_clear_form_empties_the_form(editor):
    add_person(editor, "A", unit="Ward")
    editor.person_dropdown.value = "A"
    editor.clear_form_button.click()
    assert editor.name_text.value == "" and editor.unit_text.value == "" and editor.person_dropdown.value == ""


# ---------------------------------------------------------------- ties


def test_add_and_remove_a_tie(editor, path):
    add_person(editor, "Tom")
    add_person(editor, "Rosa")
    editor.source_dropdown.value = "Tom"
    editor.target_dropdown.value = "Rosa"
    editor.kind_dropdown.value = "advice"
    editor.strength_slider.value = 3
    assert editor.tie_sentence.value == "Reads: Tom goes to Rosa for advice (strong)."
    editor.add_tie_button.click()
    assert editor.value.ties.to_dict("records") == [{"source": "Tom", "target": "Rosa", "kind": "advice",
                                                     "strength": 3}]
    assert saved_map(path) == editor.value
    assert "Added: Tom goes to Rosa for advice (strong)." in editor.message.value
    assert "<td>advice</td>" in editor.ties_table.value
    editor.remove_tie_button.click()
    assert len(editor.value.ties) == 0 and len(saved_map(path).ties) == 0


def test_a_tie_to_oneself_is_refused(editor):
    add_person(editor, "Rosa")
    add_person(editor, "Tom")
    add_tie(editor, "Rosa", "Rosa")
    assert len(editor.value.ties) == 0
    assert "tied to themself" in editor.message.value and "qi-error" in editor.message.value


def test_removing_a_tie_that_is_not_there_says_so(editor):
    add_person(editor, "A")
    add_person(editor, "B")
    editor.source_dropdown.value, editor.target_dropdown.value = "A", "B"
    editor.remove_tie_button.click()
    assert "There is no advice tie from 'A' to 'B'" in editor.message.value.replace("&#x27;", "'")


def test_a_tie_with_nobody_to_pick_is_refused(editor):
    editor.add_tie_button.click()
    assert "The source is blank" in editor.message.value


def test_tie_choices_default_to_two_different_people(editor):
    add_person(editor, "A")
    assert editor.source_dropdown.value == "A" and editor.target_dropdown.value is None
    add_person(editor, "B")
    assert editor.source_dropdown.value == "A" and editor.target_dropdown.value == "B"


def test_tie_sentences_read_in_the_direction_of_listening():
    assert tie_sentence("A", "B", "reports_to", 1) == "A reports to B (occasional)."
    assert tie_sentence("A", "B", "information", 2) == "A gets information from B (regular)."
    assert tie_sentence(None, "B", "trust", 1) == "(pick a person) trusts B (occasional)."


# ---------------------------------------------------------------- the picture


def test_the_picture_grows_with_the_map(editor):
    assert editor.picture is None and "appears here" in editor.picture_alt.value
    add_person(editor, "Rosa", role="influencer")
    assert list(editor.picture.data["positions"]) == ["Rosa"]
    add_person(editor, "Tom")
    add_tie(editor, "Tom", "Rosa", "trust", 3)
    data = editor.picture.data
    assert set(data["positions"]) == {"Rosa", "Tom"} and data["edges"] == 1
    assert data["colours"]["Rosa"] != data["colours"]["Tom"]  # coloured by role
    assert editor.picture_image.value[:4] == b"\x89PNG"
    assert editor.picture_alt.value == caption_html(editor.picture.alt) and "2 people" in editor.picture.alt
    assert editor.picture_image.tooltip == editor.picture.short_alt  # the image's own alt text
    editor.undo_button.click()
    assert editor.picture.data["edges"] == 0


def test_the_picture_is_redrawn_only_when_what_it_shows_changes(editor):
    add_person(editor, "Rosa")
    add_person(editor, "Tom")
    first = editor.picture
    editor.person_dropdown.value = "Rosa"
    editor.rating_sliders["influence"].value = 5
    editor.notes_text.value = "asked by everyone"
    editor.update_person_button.click()
    assert editor.value.person("Rosa")["influence"] == 5 and editor.picture is first
    editor.role_dropdown.value = "influencer"
    editor.update_person_button.click()
    assert editor.picture is not first
    assert editor.picture.data["positions"] == first.data["positions"]  # nobody moved


def test_a_name_that_looks_like_maths_is_drawn_as_typed(editor):
    add_person(editor, "a$\\foo$b")
    assert editor.picture.data["labelled"] == ["a$\\foo$b"]
    assert "qi-ok" in editor.message.value


# ---------------------------------------------------------------- title, undo


def test_map_title_is_saved(editor, path):
    editor.map_title_text.value = "Falls on 7B"
    assert editor.value.title == "Falls on 7B" and saved_map(path).title == "Falls on 7B"


def test_undo_goes_back_one_change_at_a_time(editor, path):
    add_person(editor, "A")
    add_person(editor, "B")
    editor.undo_button.click()
    assert editor.value.names == ["A"] and saved_map(path).names == ["A"]
    editor.undo_button.click()
    assert editor.value.names == [] and saved_map(path).names == []
    assert editor.undo_button.disabled


# ---------------------------------------------------------------- files

PEOPLE_CSV = b"name,title,authority,influence\nRosa,Staff nurse,0,5\nTom,Ward manager,3,1\n"
TIES_CSV = b"from,to,type,strength\nTom,Rosa,advice,2\n"


def test_import_two_csv_files(editor, path):
    upload(editor, ("ties.csv", TIES_CSV), ("people.csv", PEOPLE_CSV))  # in any order
    m = editor.value
    assert m.names == ["Rosa", "Tom"] and m.person("Tom")["authority"] == 3
    assert m.ties.to_dict("records") == [{"source": "Tom", "target": "Rosa", "kind": "advice", "strength": 2}]
    assert saved_map(path) == m
    assert "Imported" in editor.message.value
    assert editor.upload.value == ()  # ready for the next upload


def test_import_files_whose_names_do_not_say_which_is_which():
    m = read_uploaded([{"name": "b.csv", "content": TIES_CSV}, {"name": "a.csv", "content": PEOPLE_CSV}])
    assert m.names == ["Rosa", "Tom"] and len(m.ties) == 1


def test_import_an_excel_workbook(editor):
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        pd.DataFrame({"name": ["A", "B"], "stance": [2, -1]}).to_excel(writer, sheet_name="people", index=False)
        pd.DataFrame({"source": ["A"], "target": ["B"], "kind": ["trust"]}).to_excel(writer, sheet_name="ties",
                                                                                     index=False)
    upload(editor, ("map.xlsx", buffer.getvalue()))
    assert editor.value.names == ["A", "B"] and editor.value.person("B")["stance"] == -1
    assert editor.value.ties["kind"].tolist() == ["trust"]


def test_a_rating_typed_wrong_in_an_uploaded_csv_is_explained(editor, path):
    add_person(editor, "Mine")
    bad = b"name,authority\nRosa,high\nTom,3\n"
    upload(editor, ("people.csv", bad))
    assert editor.value.names == ["Mine"]  # unchanged
    text = editor.message.value.replace("&#x27;", "'")
    assert "people.csv, row 2, column 'authority'" in text and "'high' is not a number" in text
    assert "your map is unchanged" in text and "qi-error" in text
    assert saved_map(path).names == ["Mine"]


def test_an_upload_with_a_script_in_it_is_shown_escaped(editor):
    upload(editor, (f"{XSS}.csv", f"name,authority\nRosa,{XSS}\n".encode()))
    assert editor.message.value.count("&lt;img") >= 3  # "Reading", the file name, the cell
    assert "<img" not in editor.message.value


def test_three_files_are_refused(editor):
    upload(editor, ("a.csv", PEOPLE_CSV), ("b.csv", TIES_CSV), ("c.csv", TIES_CSV))
    assert "3 files were uploaded" in editor.message.value


def test_export_to_csv_names_the_work_folder_and_loads_back(editor, work_folder):
    editor.map_title_text.value = "Falls 7B"
    add_person(editor, "Zoë", influence=5)
    add_person(editor, "Tom", authority=3)
    add_tie(editor, "Tom", "Zoë", "advice", 2)
    editor.export_button.click()
    people = work_folder / "exports" / "falls-7b-people.csv"
    ties = work_folder / "exports" / "falls-7b-ties.csv"
    assert people.exists() and ties.exists()
    assert "my_work/exports/falls-7b-people.csv" in editor.message.value
    assert str(work_folder) not in editor.message.value  # never a machine path
    assert read_map(people, ties, title="Falls 7B") == editor.value


def test_export_csv_of_an_empty_map_writes_headers(tmp_path):
    written = export_csv(StakeholderMap([], []), folder=tmp_path)
    assert written["people"].name == "my-map-people.csv"
    assert written["people"].read_text(encoding="utf-8-sig").startswith("name,title,unit,authority")


def test_a_failing_save_is_reported_and_the_edit_kept(editor, path, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("qi_kit.workspace.atomic_write_bytes", refuse)
    add_person(editor, "A")
    assert editor.value.names == ["A"]
    assert "could not be saved" in editor.message.value and "qi-warn" in editor.message.value


# ---------------------------------------------------------------- escaping


def test_a_script_in_a_name_is_shown_as_text_everywhere(editor, path):
    add_person(editor, "Tom")
    add_person(editor, XSS, title=XSS, unit=XSS, notes=XSS)
    add_tie(editor, XSS, "Tom")
    editor.person_dropdown.value = XSS
    editor.update_person_button.click()  # "nothing to save" message names no one
    editor.map_title_text.value = XSS
    assert XSS in editor.value.names
    seen = html_values(editor)
    assert any("&lt;img src=x onerror=alert(1)&gt;" in value for value in seen)
    assert not any("<img" in value for value in seen)
    for step in (editor.export_button, editor.undo_button):
        step.click()
        assert not any("<img" in value for value in html_values(editor))
    assert saved_map(path).names == ["Tom", XSS]


def test_saved_workspace_sections_of_other_widgets_are_kept(editor, path):
    save_workspace(path, pitch={"ask": "30 minutes at the board"})
    add_person(editor, "A")
    assert load_workspace(path)["pitch"] == {"ask": "30 minutes at the board"}
