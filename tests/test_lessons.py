"""Participants' own copies of the workshop notebooks: made once, refreshed unless edited."""

from __future__ import annotations

import json

import pytest

from qi_kit.__main__ import main
from qi_kit.lessons import MANIFEST, lab_command, lessons_folder, make_copies, reset_copies


def notebook(*sources: str, outputs: list | None = None) -> str:
    cells = [{"cell_type": "code", "source": s, "metadata": {}, "outputs": outputs or [], "execution_count": None}
             for s in sources]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def test_copies_of_every_lesson_are_made_in_the_work_folder(work_folder):
    copies = make_copies()
    lessons = sorted(p.name for p in lessons_folder().glob("*.ipynb"))
    assert copies.folder == work_folder / "notebooks"
    assert sorted(p.name for p in copies.folder.glob("*.ipynb")) == lessons == sorted(copies.made)
    for name in lessons:
        assert (copies.folder / name).read_bytes() == (lessons_folder() / name).read_bytes()
    assert "Your own copies of the" in str(copies) and "my_work/notebooks" in str(copies)
    assert make_copies().unchanged == lessons  # a second start changes nothing


def test_a_run_copy_is_refreshed_when_the_lesson_changes_an_edited_one_is_kept(tmp_path):
    lessons, target = tmp_path / "workshops", tmp_path / "copies"
    lessons.mkdir()
    (lessons / "01_a.ipynb").write_text(notebook("print(1)"))
    (lessons / "02_b.ipynb").write_text(notebook("print(2)"))
    make_copies(lessons, target)
    # the participant runs 01 (outputs with a colleague's name) and edits 02
    (target / "01_a.ipynb").write_text(notebook("print(1)", outputs=[{"output_type": "stream", "name": "stdout",
                                                                       "text": "Rosa Delgado"}]))
    (target / "02_b.ipynb").write_text(notebook("print(2)  # my note"))
    # the kit's next version changes both lessons
    (lessons / "01_a.ipynb").write_text(notebook("print('one')"))
    (lessons / "02_b.ipynb").write_text(notebook("print('two')"))
    copies = make_copies(lessons, target)
    assert copies.refreshed == ["01_a.ipynb"] and copies.kept_edited == ["02_b.ipynb"]
    assert "print('one')" in (target / "01_a.ipynb").read_text()
    assert "# my note" in (target / "02_b.ipynb").read_text()
    assert "Kept as you edited them: 02_b.ipynb" in str(copies)
    assert set(json.loads((target / MANIFEST).read_text())) == {"01_a.ipynb", "02_b.ipynb"}


def test_reset_puts_every_copy_back_as_made(tmp_path):
    lessons, target = tmp_path / "workshops", tmp_path / "copies"
    lessons.mkdir()
    (lessons / "01_a.ipynb").write_text(notebook("print(1)"))
    make_copies(lessons, target)
    (target / "01_a.ipynb").write_text(notebook("print(1)", outputs=[{"output_type": "stream", "name": "stdout",
                                                                       "text": "Rosa"}]))
    (target / ".ipynb_checkpoints").mkdir()
    (target / ".ipynb_checkpoints" / "01_a-checkpoint.ipynb").write_text("Rosa")
    assert [p.name for p in reset_copies(target, lessons)] == ["01_a.ipynb"]
    assert "Rosa" not in (target / "01_a.ipynb").read_text() and not (target / ".ipynb_checkpoints").exists()


def test_the_lab_opens_the_copy_from_the_kit_folder_or_the_work_folder(tmp_path, monkeypatch):
    copies = make_copies(target=tmp_path / "kit" / "my_work" / "notebooks")
    monkeypatch.chdir(tmp_path / "kit")
    cmd, root = lab_command(copies, ["--no-browser"])
    assert root == (tmp_path / "kit").resolve() and cmd[-2:] == ["my_work/notebooks/00_start_here.ipynb", "--no-browser"]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    cmd, root = lab_command(copies, [])
    assert root == (tmp_path / "kit").resolve() and f"--ServerApp.root_dir={root}" in cmd


def test_the_command_line_makes_the_copies(work_folder, capsys):
    assert main(["notebooks"]) == 0
    assert "Your own copies of the" in capsys.readouterr().out
    assert (work_folder / "notebooks" / "00_start_here.ipynb").exists()


def test_no_lessons_found_is_said_not_silent(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("QI_KIT_LESSONS", str(tmp_path / "nowhere"))
    assert main(["notebooks"]) == 1
    assert "No workshop notebooks in" in capsys.readouterr().err


def test_the_lessons_are_found_in_the_current_folder_when_the_kit_is_installed_elsewhere(tmp_path, monkeypatch):
    import qi_kit.lessons as lessons

    (tmp_path / "workshops").mkdir()
    (tmp_path / "workshops" / "00_start_here.ipynb").write_text(notebook("print(0)"))
    monkeypatch.setattr(lessons, "__file__", str(tmp_path / "site-packages" / "qi_kit" / "lessons.py"))
    monkeypatch.chdir(tmp_path)
    assert lessons.lessons_folder() == tmp_path / "workshops"


@pytest.mark.parametrize("uid, allowed", [(0, True), (1000, False)])
def test_the_lab_runs_as_root_in_a_container_and_not_otherwise(tmp_path, monkeypatch, uid, allowed):
    import qi_kit.lessons as lessons

    copies = make_copies(target=tmp_path / "kit" / "my_work" / "notebooks")
    monkeypatch.chdir(tmp_path / "kit")
    monkeypatch.setattr(lessons.os, "geteuid", lambda: uid, raising=False)
    cmd, _ = lab_command(copies, ["--no-browser"])
    assert ("--allow-root" in cmd) is allowed
    assert cmd[-2:] == ["my_work/notebooks/00_start_here.ipynb", "--no-browser"]
    assert lab_command(copies, ["--allow-root"])[0].count("--allow-root") == 1


def test_the_command_line_passes_lab_options_on_and_reads_from_and_to(tmp_path, monkeypatch, capsys):
    import qi_kit.__main__ as cli

    seen = {}
    monkeypatch.setattr(cli.subprocess, "call", lambda cmd, cwd: seen.update(cmd=cmd, cwd=cwd) or 0)
    monkeypatch.chdir(tmp_path)
    assert main(["lab", "--to", str(tmp_path / "my_work" / "notebooks"), "--no-browser", "--port", "8890"]) == 0
    assert seen["cmd"][-3:] == ["--no-browser", "--port", "8890"]
    assert (tmp_path / "my_work" / "notebooks" / "00_start_here.ipynb").exists()
    assert main(["notebooks", "--no-browser"]) == 2  # only lab passes options on
    assert "unrecognized arguments: --no-browser" in capsys.readouterr().out
