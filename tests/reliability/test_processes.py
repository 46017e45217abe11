"""Saves from other processes: kill -9 in the middle of autosaves, and two kernels saving at once.

- The kill loop: a process autosaves as fast as it can and is killed with SIGKILL at a random
  moment, again and again. After every kill the work must be readable, not older than the last
  save the process reported done (at most one newer), and the next save must leave no temporary
  file behind.
- Two processes each save their own section many times, and both append to one shared section:
  not one update may be lost (without the lock, 3% were).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from qi_kit import Autosaver, load_workspace
from qi_kit import workspace as ws

from .conftest import record, scale

CHILD = Path(__file__).with_name("saver_process.py")
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")


def child(path: Path, section: str, count: int, pad: int = 0, start: int = 0) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, str(CHILD), str(path), section, str(count), str(pad), str(start)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)


def test_kill_nine_during_autosave_never_loses_or_breaks_the_work(tmp_path):
    path = tmp_path / "workspace.json"
    rounds = scale(25, 150)
    rng = random.Random(12)
    stale = unreadable = leftovers = mid_save = 0
    for _ in range(rounds):
        before = load_workspace(path).get("counter", {}).get("n", 0) if path.exists() else 0
        proc = child(path, "counter", 10_000, pad=1_000_000, start=before)  # a few ms a write: kills land in them
        acknowledged = before
        deadline = time.monotonic() + rng.uniform(0.25, 0.6)
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if line.startswith("saved "):
                acknowledged = int(line.split()[1])
            elif line.startswith("failed") or not line:
                pytest.fail(f"the saving process stopped: {line}")
        time.sleep(rng.uniform(0, 0.04))  # not just after a line was read: anywhere in a save
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for line in proc.stdout.read().splitlines():  # what it reported before the kill, not yet read
            if line.startswith("saved "):
                acknowledged = int(line.split()[1])
        if ws.temp_files(path):
            mid_save += 1  # killed in the middle of a write: a temporary file was left behind
        try:
            n = load_workspace(path)["counter"]["n"]
        except Exception:
            unreadable += 1
            continue
        if not acknowledged <= n <= acknowledged + 1:  # the last save reported done, or the one after it
            stale += 1
        # the next autosave (the restarted kernel's) cleans up what the killed one left
        reader = Autosaver("counter", path)
        current = reader.load({})
        assert reader.save(current)
        if ws.temp_files(path):
            leftovers += 1
    record("kill -9 during autosave", f"{rounds} kills ({mid_save} in the middle of a write): {unreadable} unreadable, "
           f"{stale} stale, {leftovers} temporary files left after the next save")
    assert unreadable == stale == leftovers == 0


def test_two_processes_saving_at_once_lose_no_update(tmp_path):
    path = tmp_path / "workspace.json"
    saves = scale(60, 150)
    first, second = child(path, "first", saves), child(path, "second", saves)
    outputs = [p.communicate(timeout=300)[0] for p in (first, second)]
    assert first.returncode == second.returncode == 0, outputs
    sections = load_workspace(path)
    log = sections["log"]
    lost = {name: saves - sum(1 for entry in log if entry.startswith(f"{name}:")) for name in ("first", "second")}
    order_kept = all([int(e.split(":")[1]) for e in log if e.startswith(f"{name}:")] == list(range(1, saves + 1))
                     for name in ("first", "second"))
    record("two processes saving at once", f"2 processes x {saves} saves of different sections, and both appending "
           f"to one shared section: final sections {sections['first']['n']} and {sections['second']['n']}, "
           f"{lost['first'] + lost['second']} lost updates")
    assert sections["first"]["n"] == sections["second"]["n"] == saves
    assert lost == {"first": 0, "second": 0} and order_kept
