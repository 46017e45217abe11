"""What the kit keeps about a participant, and "Delete my work"."""

from __future__ import annotations

import html

from qi_kit import DeleteMyWork, delete_my_work, load_case, save_workspace, what_is_kept
from qi_kit.lessons import make_copies
from qi_kit.workshop import export_everything


def a_full_day(work_folder):
    path = work_folder / "workspace.json"
    save_workspace(path, map=load_case("ward"), reflection={"listened_to": "Rosa Delgado"})
    save_workspace(path, action_plan={"first_conversation": "Tom Barker"})
    (work_folder / "workspace.json.damaged").write_text("old damage")
    (work_folder / ".workspace.json.abc.tmp").write_text("left by a kill")
    export_everything(path=path)
    copies = make_copies()
    (copies.folder / "00_start_here.ipynb").write_text('{"cells": [], "outputs": "Zebedee Quargle"}')
    return path


def test_what_is_kept_names_every_file_in_relative_words(work_folder):
    assert what_is_kept().startswith("Nothing of yours is kept yet")
    a_full_day(work_folder)
    text = what_is_kept()
    for name in ("my_work/workspace.json:", "my_work/workspace.json.bak:", "my_work/workspace.json.damaged:",
                 "my_work/exports/ (", "my_work/notebooks/ ("):
        assert name in text, name
    assert str(work_folder) not in text and "delete_my_work()" in text


def test_delete_my_work_removes_everything_and_says_what(work_folder):
    a_full_day(work_folder)
    deleted = delete_my_work()
    left = [p for p in work_folder.rglob("*") if p.is_file() and p.parent.name != "notebooks"]
    assert left == []
    for path in (work_folder / "notebooks").rglob("*"):
        assert "Zebedee" not in path.read_text(errors="replace")
    text = str(deleted)
    assert "workspace.json" in text and "workspace.json.bak" in text and "exports/ (" in text
    assert "notebook copy showed" in text and ".workspace.json.abc.tmp" in text
    assert str(delete_my_work()).startswith("There was nothing to delete")


def test_the_button_asks_first_and_cancel_changes_nothing(work_folder):
    path = a_full_day(work_folder)
    button = DeleteMyWork()
    button.ask_button.click()
    asked = html.unescape(button.message.value)
    assert "cannot be undone" in asked and "my_work/workspace.json" in asked
    assert button.confirm_button.layout.display is None and button.ask_button.layout.display == "none"
    button.cancel_button.click()
    assert path.exists() and "Nothing was deleted" in button.message.value
    button.ask_button.click()
    button.confirm_button.click()
    assert not path.exists() and "Deleted from my_work/" in html.unescape(button.message.value)
    assert "Delete my work" in repr(button)
