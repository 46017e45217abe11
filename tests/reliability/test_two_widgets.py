"""Two widgets of one section (two cells, or two kernels): both edits kept, or the conflict shown.

Each case opens the same widget twice on one workspace, as a participant does who runs a cell
twice or opens the same notebook in two tabs. The first edits one thing, the second (which never
saw that edit) edits another: both must be in the saved work, and the second must show both.
When both change the very same thing, the widget must say so.
"""

from __future__ import annotations

import html

import pytest

from qi_kit import NetworkExplorer, load_case, load_workspace
from qi_kit.widgets.editor import MapEditor
from qi_kit.widgets.notes import NotesForm
from qi_kit.widgets.pitch_builder import PitchBuilder
from qi_kit.widgets.planner import ReflectionSliders, RoleGrid

from .conftest import record

KEPT: dict[str, str] = {}


@pytest.fixture
def path(work_folder):
    return work_folder / "workspace.json"


def said(widget) -> str:
    return html.unescape(widget.message.value if hasattr(widget, "message") else widget.status.value)


def test_two_map_editors(path):
    first, second = MapEditor(path=path), MapEditor(path=path)
    for editor, name in ((first, "Charge nurse B"), (second, "Consultant 1")):
        editor.name_text.value = name
        editor.add_person_button.click()
    assert load_workspace(path)["map"].names == ["Charge nurse B", "Consultant 1"]
    assert second.value.names == ["Charge nurse B", "Consultant 1"] and "both changes are kept" in said(second)
    # the same person changed in both: the conflict is shown
    for editor, stance in ((first, 1), (second, -1)):
        editor.person_dropdown.value = "Charge nurse B"
        editor.rating_sliders["stance"].value = stance
        editor.update_person_button.click()
    assert "also changed in another cell or notebook" in said(second)
    KEPT["map editor"] = "both kept, conflict shown"


def test_two_notes_forms(path):
    questions = {"a": "First?", "b": "Second?"}
    first, second = NotesForm("reflection", questions, path=path), NotesForm("reflection", questions, path=path)
    first.boxes["a"].value = "mine"
    second.boxes["b"].value = "theirs"
    assert load_workspace(path)["reflection"] == {"a": "mine", "b": "theirs"}
    assert second.boxes["a"].value == "mine" and "kept too" in said(second)
    first.boxes["a"].value = "mine again"
    second.boxes["a"].value = "theirs again"
    assert "also changed elsewhere" in said(second)
    KEPT["notes form"] = "both kept, conflict shown"


def test_two_reflection_cells(path):
    first, second = ReflectionSliders("competencies", path=path), ReflectionSliders("competencies", path=path)
    first.sliders["proactive_1"].value = 4
    second.sliders["supportive_2"].value = 1
    saved = load_workspace(path)["engagement"]["reflection"]["competencies"]
    assert saved == {"proactive_1": 4, "supportive_2": 1}
    assert second.sliders["proactive_1"].value == 4 and second.value == saved
    KEPT["reflection sliders"] = "both kept"


def test_two_role_grids(path):
    ward = load_case("ward")
    first, second = RoleGrid(ward, path=path), RoleGrid(ward, path=path)
    for grid, name, role in ((first, "Tom Barker", "champion"), (second, "Rosa Delgado", "influencer")):
        grid.person.value = name
        grid.role.value = role
        grid.keep.click()
    overrides = load_workspace(path)["engagement"]["role_overrides"]
    assert overrides == {"Tom Barker": "champion", "Rosa Delgado": "influencer"}
    assert second.value["Tom Barker"] == "champion" and "kept too" in said(second)
    KEPT["role grid"] = "both kept"


def test_two_pitch_builders(path):
    ward = load_case("ward")
    first, second = PitchBuilder(ward, path=path, debounce=None), PitchBuilder(ward, path=path, debounce=None)
    first.leader.value = "Margaret Okafor"
    first.answers["problem"].value = "Falls on nights doubled."
    first.flush()  # typing pauses: the builder saves
    second.answers["ask"].value = "Two hours a week for a month."
    second.flush()
    saved = load_workspace(path)["pitch"]
    assert saved["leader"] == "Margaret Okafor" and saved["problem"] == "Falls on nights doubled."
    assert saved["ask"] == "Two hours a week for a month."
    assert second.answers["problem"].value == "Falls on nights doubled."
    KEPT["pitch builder"] = "both kept"


def test_the_explorer_reads_the_map_saved_elsewhere(path):
    editor = MapEditor(path=path)
    for name in ("A", "B"):
        editor.name_text.value = name
        editor.add_person_button.click()
    explorer = NetworkExplorer(path=path)
    assert explorer.value.names == ["A", "B"]
    KEPT["explorer"] = "reads the latest"


def test_zz_two_widgets_counts():
    if KEPT:
        record("two widgets of one section", f"{len(KEPT)} widgets, each opened twice on one workspace: "
               + "; ".join(f"{k}: {v}" for k, v in sorted(KEPT.items())) + "; 0 edits lost")
