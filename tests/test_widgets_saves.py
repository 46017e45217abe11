"""Every save that fails is shown in words (never "Saved."), and every error a widget catches is
logged while the participant reads a plain message."""

from __future__ import annotations

import datetime as dt
import logging

import ipywidgets as w
import pytest

from qi_kit import load_case, load_workspace
from qi_kit.errors import MapError, Problem, WorkspaceError
from qi_kit.widgets._common import guarded, paused
from qi_kit.widgets.activities import CharterForm
from qi_kit.widgets.planner import CommsPlanEditor, DecisionRolesEditor, ExportPanel, PlanStore, RoleGrid

START = dt.date(2026, 1, 12)
FULL = "The disk is full."


@pytest.fixture(scope="module")
def ward():
    return load_case("ward")


@pytest.fixture
def path(tmp_path):
    return tmp_path / "my_work" / "workspace.json"


def refuse_saves(store: PlanStore, monkeypatch) -> None:
    def save(*args, **kwargs):
        store.saver.last_error = WorkspaceError(Problem("workspace.json", FULL, "free some space."))
        return False

    monkeypatch.setattr(store.saver, "save", save)


def test_a_fresh_communication_draft_that_could_not_be_saved_says_so(ward, path, monkeypatch):
    comms = CommsPlanEditor(ward, path=path, start=START)
    refuse_saves(comms.store, monkeypatch)
    comms.redraft.click()
    assert "A fresh draft from the map, starting Mon 12 Jan 2026." in comms.message.value
    assert "could not be saved" in comms.message.value and FULL in comms.message.value
    assert "Saved." not in comms.message.value and "qi-error" in comms.message.value


def test_a_fresh_decision_path_that_could_not_be_saved_says_so(ward, path, monkeypatch):
    decisions = DecisionRolesEditor(ward, path=path)
    refuse_saves(decisions.store, monkeypatch)
    decisions.redraft_button.click()
    assert "could not be saved" in decisions.message.value and "Saved." not in decisions.message.value


def test_keeping_a_role_that_could_not_be_saved_says_so_and_keeps_it_on_screen(ward, path, monkeypatch):
    grid = RoleGrid(ward, path=path)
    refuse_saves(grid.store, monkeypatch)
    grid.person.value = "Rosa Delgado"
    grid.role.value = "champion"
    grid.keep.click()
    assert grid.value["Rosa Delgado"] == "champion"
    assert "Kept your choices for Rosa Delgado. But it could not be saved" in grid.message.value
    assert "engagement" not in load_workspace(path)


def test_an_export_whose_new_title_could_not_be_saved_says_so(ward, path, tmp_path, monkeypatch):
    panel = ExportPanel(ward, path=path, folder=tmp_path / "exports", start=START)
    refuse_saves(panel.store, monkeypatch)
    panel.title.value = "Falls on 7B"
    panel.button.click()
    assert set(panel.value) == {"md", "html"} and all(p.exists() for p in panel.value.values())
    assert "Falls on 7B" in panel.value["md"].read_text(encoding="utf-8")
    assert "could not be saved in your plan" in panel.message.value and "qi-warn" in panel.message.value


def test_a_charter_whose_plan_could_not_be_updated_says_so(ward, path, monkeypatch):
    form = CharterForm(ward, path=path)
    refuse_saves(form.store, monkeypatch)
    form.boxes["sponsor"].value = "David Reyes"
    assert load_workspace(path)["charter"]["sponsor"] == "David Reyes"  # the charter itself is saved
    assert "your engagement plan could not be updated" in form.message.value
    assert "is now the sponsor" not in form.message.value and "qi-error" in form.message.value


def test_guarded_logs_an_unexpected_error_and_shows_words(caplog):
    message = w.HTML()

    @guarded(message)
    def broken(_=None):
        raise KeyError("surprise")

    @guarded(message)
    def mistake(_=None):
        raise MapError(Problem("name", "The name is empty.", "type a name."))

    with caplog.at_level(logging.ERROR, logger="qi_kit.widgets"):
        broken()
    assert "Something went wrong (KeyError)" in message.value and "Traceback" not in message.value
    assert "broken" in caplog.text and "KeyError: 'surprise'" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.ERROR, logger="qi_kit.widgets"):
        mistake()
    assert "The name is empty" in message.value and caplog.text == ""  # a learner's mistake is not an error


def test_paused_sets_a_control_without_running_its_handler_then_listens_again():
    box, seen = w.Text(), []

    def handler(change):
        seen.append(change["new"])

    box.observe(handler, names="value")
    with paused(handler, [box]):
        box.value = "by the program"
    box.value = "by the participant"
    assert seen == ["by the participant"]


def test_changes_to_a_person_that_could_not_be_saved_never_say_saved(path, monkeypatch):
    from qi_kit.widgets.editor import MapEditor

    editor = MapEditor(path=path)
    editor.name_text.value = "Ana"
    editor.add_person_button.click()
    saver = editor.session.saver

    def save(*args, **kwargs):
        saver.last_error = WorkspaceError(Problem("workspace.json", FULL, "free some space."))
        return False

    monkeypatch.setattr(saver, "save", save)
    editor.person_dropdown.value = "Ana"
    editor.title_text.value = "Charge nurse"
    editor.update_person_button.click()
    assert editor.value.person("Ana")["title"] == "Charge nurse"  # kept on screen (and in Undo)
    assert "Changed Ana." in editor.message.value and FULL in editor.message.value
    assert "Saved the changes" not in editor.message.value
