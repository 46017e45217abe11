"""Saving that loses nothing: atomic writes, a last good copy, a lock, merges, plain messages."""

from __future__ import annotations

import json
import os

import pytest

from qi_kit import Autosaver, StakeholderMap, WorkspaceError, load_workspace, save_workspace, work_folder
from qi_kit import workspace as ws
from qi_kit.merging import merge3, merge_maps
from qi_kit.workspace import restore_workspace, workspace_status

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
    assert document["revisions"] == {"map": 1, "pitch": 1}


def test_sections_are_kept_when_another_is_saved(tmp_path):
    path = tmp_path / "workspace.json"
    save_workspace(path, map=MAP)
    save_workspace(path, pitch={"ask": "x"})
    assert set(load_workspace(path)) == {"map", "pitch"}


def test_every_good_save_keeps_a_second_copy(tmp_path):
    path = tmp_path / "workspace.json"
    save_workspace(path, pitch={"v": 1})
    assert ws.backup_path(path).read_bytes() == path.read_bytes()
    save_workspace(path, pitch={"v": 2})
    assert load_workspace(ws.backup_path(path))["pitch"] == {"v": 2}


def test_damaged_file_says_how_to_restore_from_any_folder(tmp_path, work_folder):
    path = work_folder / "workspace.json"
    save_workspace(path, pitch={"v": 1})
    save_workspace(path, pitch={"v": 2})
    path.write_text('{"format": "qi_kit.workspace", "vers', encoding="utf-8")
    with pytest.raises(WorkspaceError) as info:
        load_workspace(path)
    text = str(info.value)
    assert "damaged" in text and "workspace.json.bak" in text and "qi_kit.restore_workspace()" in text
    assert "pitch" in text  # what the backup holds
    assert str(tmp_path) not in text  # the usual file: no machine path needed


def test_a_file_elsewhere_gets_its_real_path_in_the_command(tmp_path):
    path = tmp_path / "elsewhere" / "workspace.json"
    save_workspace(path, pitch={"v": 1})
    save_workspace(path, pitch={"v": 2})
    path.write_bytes(b"\x00garbage")
    text = str(pytest.raises(WorkspaceError, load_workspace, path).value)
    assert f"qi_kit.restore_workspace(r'{path.resolve()}')" in text


@pytest.mark.parametrize("damage", ["truncate", "garble", "delete", "empty"])
def test_two_autosaves_after_damage_never_touch_the_good_backup(tmp_path, damage):
    path = tmp_path / "workspace.json"
    save_workspace(path, map=MAP, pitch={"ask": "x"}, engagement={"power": "both"})
    save_workspace(path, reflection={"a": 1})
    good = ws.backup_path(path).read_bytes()
    text = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(text[: len(text) // 2])
    elif damage == "garble":
        path.write_bytes(bytes(b ^ 0x5A for b in text))
    elif damage == "delete":
        path.unlink()
    else:
        path.write_bytes(b"")
    damaged = path.read_bytes() if path.exists() else None
    saver = Autosaver("reflection", path)
    assert saver.save({"a": 2}) and saver.save({"a": 3})
    assert ws.backup_path(path).read_bytes() == good  # the last good copy, untouched
    assert workspace_status(path).state == "rescue" and workspace_status(path).can_restore
    if damage != "delete":  # the damaged file itself is kept as it was found
        assert ws.damaged_path(path).read_bytes() == damaged
    restored = restore_workspace(path)
    sections = load_workspace(path)
    assert sections["map"] == MAP and sections["pitch"] == {"ask": "x"} and sections["engagement"] == {"power": "both"}
    assert sections["reflection"] == {"a": 1}  # the backup's; the newer one is kept aside
    assert json.loads(ws.replaced_path(path).read_text())["sections"]["reflection"] == {"a": 3}
    assert "Restored your work from the backup" in str(restored) and "before-restore" in str(restored)
    assert workspace_status(path).state == "ok"


def test_a_missing_file_beside_its_backup_says_so(tmp_path):
    path = tmp_path / "workspace.json"
    save_workspace(path, map=MAP)
    save_workspace(path, pitch={"v": 1})
    path.unlink()
    with pytest.raises(WorkspaceError, match="missing, but its last good copy is safe in 'workspace.json.bak' "
                                             r"\(map \(2 people\) and pitch\)"):
        load_workspace(path)
    status = workspace_status(path)
    assert status.state == "missing" and status.can_restore and "Restore my work" in status.message
    restore_workspace(path)
    assert load_workspace(path)["map"] == MAP


def test_restore_without_a_backup_is_refused_kindly(tmp_path):
    with pytest.raises(WorkspaceError, match="no good backup"):
        restore_workspace(tmp_path / "workspace.json")


def test_newer_version_is_refused_kindly_and_never_overwritten(tmp_path):
    path = tmp_path / "workspace.json"
    text = json.dumps({"format": "qi_kit.workspace", "version": 99, "sections": {}})
    path.write_text(text)
    with pytest.raises(WorkspaceError, match=r"newer version of the kit \(format 99\); this kit reads format 1"):
        load_workspace(path)
    assert Autosaver("x", path).save(1) is False
    assert path.read_text() == text


@pytest.mark.parametrize("version", ['"2"', "null", "true", "0", "1.5"])
def test_a_version_that_is_not_a_number_says_damaged_not_newer(tmp_path, version):
    path = tmp_path / "workspace.json"
    path.write_text('{"format": "qi_kit.workspace", "version": %s, "sections": {}}' % version)
    text = str(pytest.raises(WorkspaceError, load_workspace, path).value)
    assert "format version is missing or not a whole number" in text and "newer" not in text


@pytest.mark.parametrize("text", [
    '[1, 2]', '{"format": "other"}', '{"format": "qi_kit.workspace", "version": 1}',
    '{"format": "qi_kit.workspace", "version": 1, "sections": []}',
    '{"format": "qi_kit.workspace", "version": 1, "sections": {"map": [1, 2]}}',
    '{"format": "qi_kit.workspace", "version": 1, "sections": {"map": {"people": "Rosa"}}}',
    '{"format": "qi_kit.workspace", "version": 1, "sections": {"map": {"people": [{"name": ""}]}}}',
    '{"format": "qi_kit.workspace", "version": 1, "sections": {"x": NaN}}',
    '{"format": "qi_kit.workspace", "version": 1, "sections": {"x": ' + "[" * 5000 + "]" * 5000 + '}}',
    '{"format": "qi_kit.workspace", "version": 1, "sections": {"x": ' + "[" * 100 + "]" * 100 + '}}',
])
def test_wrong_shape_documents_raise_only_workspace_errors(tmp_path, text):
    path = tmp_path / "workspace.json"
    path.write_text(text)
    with pytest.raises(WorkspaceError, match="Your saved work needs attention"):
        load_workspace(path)


def test_a_folder_in_place_of_the_file(tmp_path):
    path = tmp_path / "workspace.json"
    path.mkdir()
    with pytest.raises(WorkspaceError, match="is a folder, not a file"):
        load_workspace(path)
    assert Autosaver("x", path).save(1)  # the folder is moved aside, and saving carries on
    assert ws.damaged_path(path).is_dir() and load_workspace(path) == {"x": 1}


def test_missing_file_means_nothing_saved_yet(tmp_path):
    assert load_workspace(tmp_path / "none.json") == {}
    assert workspace_status(tmp_path / "none.json").state == "new"


def test_unsaveable_values_are_refused_without_touching_the_file(tmp_path):
    path = tmp_path / "workspace.json"
    save_workspace(path, pitch={"v": 1})
    with pytest.raises(WorkspaceError, match="cannot be saved"):
        save_workspace(path, pitch={"v": object()})
    assert load_workspace(path)["pitch"] == {"v": 1}


def test_write_is_atomic_when_interrupted_and_the_next_save_cleans_up(tmp_path, monkeypatch):
    path = tmp_path / "workspace.json"
    save_workspace(path, pitch={"v": 1})
    real_replace = os.replace

    def crash(src, dst):
        raise OSError(5, "power cut")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(WorkspaceError, match="could not be saved"):
        save_workspace(path, pitch={"v": 2})
    monkeypatch.setattr(os, "replace", real_replace)
    assert load_workspace(path)["pitch"] == {"v": 1}
    (tmp_path / ".workspace.json.left-by-a-kill.tmp").write_text("half a file")  # as kill -9 leaves it
    save_workspace(path, pitch={"v": 3})
    assert ws.temp_files(path) == []


def test_autosaver_saves_a_section_and_reports_failures(tmp_path, monkeypatch):
    saver = Autosaver("map", tmp_path / "w.json")
    assert saver.save(MAP) and saver.saves == 1
    assert saver.load() == MAP

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ws, "atomic_write_bytes", full)
    assert saver.save(MAP) is False
    assert "could not be saved (No space left on device)" in str(saver.last_error)


def test_two_savers_of_one_section_keep_both_edits(tmp_path):
    path = tmp_path / "w.json"
    first, second = Autosaver("answers", path), Autosaver("answers", path)
    first.load({}), second.load({})
    assert first.save({"q1": "mine"})
    assert second.save({"q2": "theirs"})  # started from the empty section: merged, not overwritten
    assert load_workspace(path)["answers"] == {"q1": "mine", "q2": "theirs"}
    assert second.merged and second.value == {"q1": "mine", "q2": "theirs"}
    assert first.save({"q1": "mine, edited"})  # first never saw q2: kept all the same
    assert load_workspace(path)["answers"] == {"q1": "mine, edited", "q2": "theirs"}


def test_the_first_save_into_a_new_workspace_is_no_change_from_elsewhere(tmp_path):
    """A new participant's first save: no file yet, a default to start from; nothing to merge."""
    saver = Autosaver("engagement", tmp_path / "w.json")
    assert saver.load({"roles": {}, "note": ""}) == {"roles": {}, "note": ""}
    assert saver.save({"roles": {"A": "sponsor"}, "note": ""})
    assert not saver.changed_elsewhere and saver.conflicts == [] and not saver.merged
    assert load_workspace(tmp_path / "w.json")["engagement"] == {"roles": {"A": "sponsor"}, "note": ""}
    other = Autosaver("answers", tmp_path / "w.json")  # a section not saved yet, in a file that exists
    other.load({"q1": ""})
    assert other.save({"q1": "typed"}) and not other.changed_elsewhere


def test_two_savers_changing_the_same_answer_say_so(tmp_path):
    path = tmp_path / "w.json"
    first, second = Autosaver("answers", path), Autosaver("answers", path)
    first.load({}), second.load({})
    first.save({"q1": "a"})
    second.save({"q1": "b"})
    assert second.conflicts == ["q1"] and not second.merged and load_workspace(path)["answers"] == {"q1": "b"}


def test_two_map_editors_merge_people_and_ties(tmp_path):
    path = tmp_path / "w.json"
    save_workspace(path, map=MAP)
    first, second = Autosaver("map", path, check=StakeholderMap.from_dict), Autosaver("map", path,
                                                                                    check=StakeholderMap.from_dict)
    start = first.load()
    second.load()
    assert first.save(start.add_person("Ana").add_tie("Ana", "Rosa", "advice"))
    assert second.save(start.update_person("Tom", stance=-1))
    merged = load_workspace(path)["map"]
    assert merged.names == ["Rosa", "Tom", "Ana"] and merged.person("Tom")["stance"] == -1
    assert len(merged.ties) == 2


def test_a_merge_that_breaks_the_map_is_refused_with_changed_elsewhere(tmp_path):
    path = tmp_path / "w.json"
    save_workspace(path, map=MAP)
    check = StakeholderMap.from_dict
    first, second = Autosaver("map", path, check=check), Autosaver("map", path, check=check)
    start = first.load()
    second.load()
    first.save(start.add_person("Ana"))
    second.save(start.add_person("ana"))  # the same person twice once merged (names match by case)
    assert "changed in another cell or notebook" in str(second.last_error) or second.last_error is None


def test_merge3_by_hand():
    assert merge3(1, 1, 2) == (2, [])
    assert merge3({"a": 1}, {"a": 1, "b": 2}, {}) == ({"b": 2}, [])  # I added b, they removed a
    rows_base = {"people": [{"name": "A", "stance": 0}], "ties": []}
    mine = {"people": [{"name": "A", "stance": 1}], "ties": []}
    theirs = {"people": [{"name": "A", "stance": 0}, {"name": "B", "stance": 0}], "ties": []}
    merged, conflicts = merge_maps(rows_base, mine, theirs)
    assert merged["people"] == [{"name": "A", "stance": 1}, {"name": "B", "stance": 0}] and conflicts == []
    gone = {"people": [{"name": "B"}], "ties": []}
    with_tie = {"people": [{"name": "A"}, {"name": "B"}], "ties": [{"source": "A", "target": "B", "kind": "advice"}]}
    merged, conflicts = merge_maps({"people": [{"name": "A"}, {"name": "B"}], "ties": []}, with_tie, gone)
    assert merged == {"people": [{"name": "B"}], "ties": []} and conflicts


def test_default_work_folder_comes_from_the_environment(work_folder):
    assert ws.work_folder() == work_folder
    path = save_workspace(map=MAP)
    assert path == work_folder / "workspace.json"
    assert load_workspace()["map"] == MAP


def test_work_folder_found_above_the_notebook_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("QI_KIT_WORK_DIR")
    (tmp_path / "my_work" / "notebooks").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "my_work" / "notebooks")
    assert work_folder() == (tmp_path / "my_work").resolve()


def test_work_folder_falls_back_to_the_kits_own(tmp_path, monkeypatch):
    monkeypatch.delenv("QI_KIT_WORK_DIR")
    monkeypatch.chdir(tmp_path)
    kit = ws._kit_work_folder()
    if kit is None:
        pytest.skip("the kit is installed without its my_work folder")
    assert work_folder() == kit


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_saved_work_is_private_and_other_files_keep_their_permissions(tmp_path):
    path = tmp_path / "workspace.json"
    save_workspace(path, pitch={"v": 1})
    assert path.stat().st_mode & 0o777 == 0o600 and ws.backup_path(path).stat().st_mode & 0o777 == 0o600
    lesson = tmp_path / "lesson.ipynb"
    lesson.write_text("{}")
    lesson.chmod(0o644)
    ws.atomic_write_text(lesson, '{"cells": []}')  # a notebook refreshed by an instructor
    assert lesson.stat().st_mode & 0o777 == 0o644
    new = ws.atomic_write_text(tmp_path / "new.txt", "x")
    assert new.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
