"""Saving that loses nothing: atomic writes, a backup, clear messages for damaged files."""

from __future__ import annotations

import json
import os

import pytest

from qi_kit import Autosaver, StakeholderMap, WorkspaceError, load_workspace, save_workspace, work_folder
from qi_kit import workspace as ws

MAP = StakeholderMap([{"name": "Rosa", "influence": 5}, {"name": "Tom", "authority": 3}],
                     [{"source": "Tom", "target": "Rosa", "kind": "advice"}], title="Falls")


def test_save_and_load_round_trip(tmp_path):
    path = tmp_path / "workspace.json"
    save_workspace(path, map=MAP, pitch={"ask": "Approve 2 hours"})
    loaded = load_workspace(path)
    assert loaded["map"] == MAP
    assert loaded["pitch"] == {"ask": "Approve 2 hours"}
    document = json.loads(path.read_text())
    assert document["format"] == "qi_kit.workspace" and document["version"] == 1


def test_sections_are_kept_when_another_is_saved(tmp_path):
    path = tmp_path / "workspace.json"
    save_workspace(path, map=MAP)
    save_workspace(path, pitch={"ask": "x"})
    assert set(load_workspace(path)) == {"map", "pitch"}


def test_previous_copy_is_kept_as_backup(tmp_path):
    path = tmp_path / "workspace.json"
    save_workspace(path, pitch={"v": 1})
    assert not ws.backup_path(path).exists()
    save_workspace(path, pitch={"v": 2})
    assert load_workspace(ws.backup_path(path))["pitch"] == {"v": 1}
    assert load_workspace(path)["pitch"] == {"v": 2}


def test_damaged_file_names_the_backup(tmp_path):
    path = tmp_path / "workspace.json"
    save_workspace(path, pitch={"v": 1})
    save_workspace(path, pitch={"v": 2})
    path.write_text('{"format": "qi_kit.workspace", "vers', encoding="utf-8")
    with pytest.raises(WorkspaceError) as info:
        load_workspace(path)
    text = str(info.value)
    assert "damaged" in text and "workspace.json.bak" in text and "load_workspace('workspace.json.bak')" in text
    assert str(tmp_path) not in text  # no machine paths in messages


def test_saving_over_a_damaged_file_keeps_the_good_backup(tmp_path):
    path = tmp_path / "workspace.json"
    save_workspace(path, pitch={"v": 1})
    save_workspace(path, pitch={"v": 2})
    path.write_bytes(b"\x00\xff garbage")
    save_workspace(path, pitch={"v": 3})
    assert load_workspace(ws.backup_path(path))["pitch"] == {"v": 1}
    assert load_workspace(path)["pitch"] == {"v": 3}


def test_newer_version_is_refused_kindly(tmp_path):
    path = tmp_path / "workspace.json"
    path.write_text(json.dumps({"format": "qi_kit.workspace", "version": 99, "sections": {}}))
    with pytest.raises(WorkspaceError, match="newer version of the kit .format 99.; this kit reads format 1"):
        load_workspace(path)


@pytest.mark.parametrize("text", ['[1, 2]', '{"format": "other"}', '{"format": "qi_kit.workspace", "version": 1}'])
def test_other_json_is_refused(tmp_path, text):
    path = tmp_path / "workspace.json"
    path.write_text(text)
    with pytest.raises(WorkspaceError, match="Your saved work needs attention"):
        load_workspace(path)


def test_missing_file_means_nothing_saved_yet(tmp_path):
    assert load_workspace(tmp_path / "none.json") == {}


def test_unsaveable_values_are_refused_without_touching_the_file(tmp_path):
    path = tmp_path / "workspace.json"
    save_workspace(path, pitch={"v": 1})
    with pytest.raises(WorkspaceError, match="cannot be saved"):
        save_workspace(path, pitch={"v": object()})
    assert load_workspace(path)["pitch"] == {"v": 1}


def test_write_is_atomic_when_interrupted(tmp_path, monkeypatch):
    path = tmp_path / "workspace.json"
    save_workspace(path, pitch={"v": 1})

    def crash(src, dst):
        raise OSError("power cut")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        save_workspace(path, pitch={"v": 2})
    monkeypatch.undo()
    assert load_workspace(path)["pitch"] == {"v": 1}
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_autosaver_saves_a_section_and_reports_failures(tmp_path, monkeypatch):
    saver = Autosaver("map", tmp_path / "w.json")
    assert saver.save(MAP) and saver.saves == 1
    assert saver.load() == MAP
    monkeypatch.setattr(ws, "atomic_write_text", lambda *a: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    assert saver.save(MAP) is False
    assert "could not be saved (No space left on device)" in str(saver.last_error)


def test_default_work_folder_comes_from_the_environment(work_folder):
    assert ws.work_folder() == work_folder
    path = save_workspace(map=MAP)
    assert path == work_folder / "workspace.json"
    assert load_workspace()["map"] == MAP


def test_work_folder_found_above_the_notebook_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("QI_KIT_WORK_DIR")
    (tmp_path / "my_work").mkdir()
    (tmp_path / "workshops").mkdir()
    monkeypatch.chdir(tmp_path / "workshops")
    assert work_folder() == (tmp_path / "my_work").resolve()
