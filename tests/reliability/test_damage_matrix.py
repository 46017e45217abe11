"""The damage matrix: every kind of damage to the saved work, then two autosaves, and still nothing is lost.

A participant's full day is saved (map, pitch, engagement plan, reflection, Monday plan). Then
the file is damaged in each way a disk, a sync tool, an editor or a person can damage it, and
two autosaves follow (as the next two edits would make them). After that, every section of the
day must still be recoverable: a widget says so, and one restore brings it all back. Each damage
also leaves the backup itself damaged in a second round, where the kit must say that it cannot
restore rather than pretend.
"""

from __future__ import annotations

import json

import pytest

from qi_kit import Autosaver, WorkspaceError, load_case, load_workspace, save_workspace
from qi_kit import workspace as ws
from qi_kit.workspace import restore_workspace, workspace_status

from .conftest import record

DAY = {"map": load_case("ward"), "pitch": {"leader": "Margaret Okafor", "the_ask": "two hours a week"},
       "engagement": {"power": "both", "role_overrides": {"Tom Barker": "champion"}},
       "reflection": {"listened_to": "RD on nights"}, "action_plan": {"first_conversation": "Rosa"}}
RESULTS: dict[str, str] = {}


def _truncate(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _garble(path):
    data = bytearray(path.read_bytes())
    for i in range(0, len(data), 97):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


DAMAGE = {
    "truncated": _truncate,
    "garbled bytes": _garble,
    "deleted": lambda p: p.unlink(),
    "emptied": lambda p: p.write_bytes(b""),
    "zeroed (a crash on some disks)": lambda p: p.write_bytes(b"\x00" * p.stat().st_size),
    "replaced by a folder": lambda p: (p.unlink(), p.mkdir()),
    "not JSON (an editor's autosave)": lambda p: p.write_text("workspace: yes\nmap: Rosa\n"),
    "another program's JSON": lambda p: p.write_text('{"cells": [], "metadata": {}}'),
    "a JSON list": lambda p: p.write_text("[1, 2, 3]"),
    "no sections": lambda p: p.write_text('{"format": "qi_kit.workspace", "version": 1}'),
    "sections the wrong shape": lambda p: p.write_text('{"format": "qi_kit.workspace", "version": 1, "sections": [1]}'),
    "map the wrong shape": lambda p: p.write_text(json.dumps({"format": "qi_kit.workspace", "version": 1,
                                                              "sections": {"map": {"people": "Rosa"}}})),
    "version not a number": lambda p: p.write_text('{"format": "qi_kit.workspace", "version": "one", "sections": {}}'),
    "NaN inside": lambda p: p.write_text('{"format": "qi_kit.workspace", "version": 1, "sections": {"x": NaN}}'),
    "nested 10,000 deep": lambda p: p.write_text('{"format": "qi_kit.workspace", "version": 1, "sections": {"x": '
                                                 + "[" * 10_000 + "]" * 10_000 + "}}"),
    "UTF-16 (saved again by an editor)": lambda p: p.write_bytes(p.read_text(encoding="utf-8").encode("utf-16")),
    "invalid UTF-8": lambda p: p.write_bytes(b'{"format": "qi_kit.workspace", "version": 1, "sections": {"x": "\xff\xfe"}}'),
}


def a_full_day(path):
    save_workspace(path, **{k: v for k, v in DAY.items() if k in ("map", "pitch")})
    save_workspace(path, **{k: v for k, v in DAY.items() if k not in ("map", "pitch")})


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_every_section_is_recoverable_after_damage_and_two_autosaves(tmp_path, damage):
    path = tmp_path / "workspace.json"
    a_full_day(path)
    DAMAGE[damage](path)
    with pytest.raises(WorkspaceError):  # the damage is said in words, never a traceback
        load_workspace(path)
    assert workspace_status(path).can_restore
    # two autosaves, as the next two edits make them (a new section and an old one)
    assert Autosaver("notes", path).save({"after": 1}), damage
    assert Autosaver("reflection", path).save({"listened_to": "changed after the damage"}), damage
    status = workspace_status(path)
    assert status.state == "rescue" and status.can_restore and "Restore my work" in status.message
    restore_workspace(path)
    back = load_workspace(path)
    for section, value in DAY.items():
        assert back[section] == value, (damage, section)
    assert back["notes"] == {"after": 1}  # work done since the damage is kept too
    assert json.loads(ws.replaced_path(path).read_text())["sections"]["reflection"] == {
        "listened_to": "changed after the damage"}
    assert ws.temp_files(path) == []
    RESULTS[damage] = "recovered"


@pytest.mark.parametrize("damage", ["truncated", "garbled bytes", "emptied"])
def test_when_the_backup_is_damaged_too_the_kit_says_so(tmp_path, damage):
    path = tmp_path / "workspace.json"
    a_full_day(path)
    DAMAGE[damage](path)
    DAMAGE[damage](ws.backup_path(path))
    text = str(pytest.raises(WorkspaceError, load_workspace, path).value)
    assert "there is no good backup" in text or "no backup" in text
    assert Autosaver("notes", path).save({"after": 1})  # the participant can carry on
    assert ws.damaged_path(path).exists()  # and the damaged file is kept for the facilitator
    with pytest.raises(WorkspaceError, match="no good backup"):
        restore_workspace(ws.backup_path(path).with_name("none.json"))


def test_zz_damage_matrix_counts():
    if RESULTS:
        record("damage matrix", f"{len(DAMAGE)} kinds of damage, each followed by two autosaves: "
               f"{sum(v == 'recovered' for v in RESULTS.values())} of {len(DAMAGE)} with every section recovered "
               f"({len(DAY)} sections each)")
        assert len(RESULTS) == len(DAMAGE)


@pytest.mark.parametrize("damage", ["truncated", "nested 10,000 deep", "replaced by a folder", "deleted"])
def test_every_widget_starts_on_damaged_work_and_says_so(tmp_path, damage, capsys):
    """Before, one damaged file made every widget fail to start (a traceback in each notebook)."""
    import qi_kit

    path = tmp_path / "workspace.json"
    a_full_day(path)
    DAMAGE[damage](path)
    ward = load_case("ward")
    widgets = [qi_kit.MapEditor(path=path), qi_kit.NetworkExplorer(path=path), qi_kit.PitchBuilder(path=path),
               qi_kit.EngagementPlanner(ward, path=path, start="2026-01-05"), qi_kit.reflection_form(path=path)]
    for widget in widgets:
        shown = " ".join(_html_values(widget))
        assert "needs attention" in shown and ("restore_workspace" in shown or "Restore my work" in shown), (
            type(widget).__name__, shown[:300])
    qi_kit.work_summary(path)  # prints the same message, never a traceback
    assert "needs attention" in capsys.readouterr().out


def _html_values(widget) -> list[str]:
    import ipywidgets as w

    found = [widget.value] if isinstance(widget, w.HTML) else []
    for child in getattr(widget, "children", ()) or ():
        found += _html_values(child)
    return found
