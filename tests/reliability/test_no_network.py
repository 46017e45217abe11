"""A socket guard proving the kit makes no network call.

Everything a participant's day does runs under a guard that records and refuses every attempt
to reach another machine: importing every module, the doctor, reading and checking maps, every
analysis, every picture, every widget, every export (named and pseudonymised), the notebook
copies and "Delete my work". The guard is shown to work first. ``make stress`` also runs every
workshop notebook in a real kernel with the guard installed there.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import shutil
import socket
import sys
from pathlib import Path

import pytest

import qi_kit

from . import socket_guard
from .conftest import STRESS, record

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def guard():
    attempts: list[str] = []
    socket_guard.install(attempts)
    try:
        yield attempts
    finally:
        socket_guard.uninstall()


def test_the_guard_catches_a_network_call(guard):
    with pytest.raises(OSError, match="network blocked"):
        socket.create_connection(("example.org", 80), timeout=1)
    with pytest.raises(OSError, match="network blocked"):
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x", ("192.0.2.1", 53))
    assert len(guard) == 2
    guard.clear()


def test_a_whole_day_makes_no_network_call(guard, work_folder, tmp_path):
    for module in pkgutil.walk_packages(qi_kit.__path__, "qi_kit."):
        importlib.import_module(module.name)
    qi_kit.doctor(quiet=True)
    ward = qi_kit.load_case("ward")
    people, ties = tmp_path / "people.csv", tmp_path / "ties.csv"
    ward.people.to_csv(people, index=False)
    ward.ties.to_csv(ties, index=False)
    m = qi_kit.read_map(people, ties, title="Ward")
    qi_kit.report(m, source="Hannah Price", target="Dr James Whitfield")
    qi_kit.compare_strategies(m, budget=3, runs=5, seed=1)
    for picture in (qi_kit.map_picture(m), qi_kit.grid_picture(m)):
        picture.png()
    path = work_folder / "workspace.json"
    editor = qi_kit.MapEditor(path=path)
    editor.name_text.value = "Charge nurse B"
    editor.add_person_button.click()
    qi_kit.NetworkExplorer(m, path=path)
    builder = qi_kit.PitchBuilder(m, path=path, debounce=None)
    builder.leader.value = "Margaret Okafor"
    builder.flush()
    planner = qi_kit.EngagementPlanner(m, path=path, start="2026-01-05")
    planner.export.button.click()
    qi_kit.export_everything(m, path=path)
    qi_kit.export_everything(m, path=path, pseudonymised=True)
    qi_kit.make_copies(target=work_folder / "notebooks")
    qi_kit.delete_my_work()
    record("no network call (socket guard)", f"a whole day in-process (every module, doctor, read, analyses, pictures, "
           f"widgets, exports, notebook copies, delete): {len(guard)} network calls"
           + ("" if STRESS else "; `make stress` also runs every workshop notebook in a guarded kernel"))
    assert guard == []


@pytest.mark.skipif(not STRESS, reason="slow: every workshop notebook in a kernel (make stress)")
def test_every_workshop_notebook_in_a_guarded_kernel(tmp_path, monkeypatch):
    import nbformat

    from qi_kit.authoring.refresh import execute_notebook, fresh_work_folder

    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(Path(socket_guard.__file__), site / "sitecustomize.py")
    log = tmp_path / "attempts.log"
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]))
    monkeypatch.setenv("QI_KIT_SOCKET_LOG", str(log))
    notebooks = sorted((ROOT / "workshops").glob("*.ipynb"))
    probe = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import socket\ntry:\n    socket.create_connection(('example.org', 80), timeout=1)\nexcept OSError:\n    pass")])
    with fresh_work_folder():
        execute_notebook(probe, tmp_path, name="probe")
        assert log.read_text().count("example.org") == 1, "the guard is not active in the kernel"
        log.unlink()
        for path in notebooks:
            execute_notebook(nbformat.read(path, as_version=4), path.parent, name=path.name)
    attempts = log.read_text().splitlines() if log.exists() else []
    record("no network call in the notebooks (socket guard in the kernel)",
           f"{len(notebooks)} workshop notebooks run top to bottom: {len(attempts)} network calls")
    assert attempts == [], attempts
    assert sys.modules  # the guard module never leaked into this process
