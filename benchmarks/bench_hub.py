"""A room of ten on one JupyterHub: login to a running first notebook, memory, widget reactions.

    .venv/bin/python benchmarks/bench_hub.py [--participants 10]

Starts the kit's hub (deploy/jupyterhub/jupyterhub_config.py, the trial spawner: no system
accounts are needed, every server is a real JupyterLab with its own kernel) on 127.0.0.1 and
drives it from headless Chromium:

1. **reference**: one participant alone logs in and waits for ``00_start_here`` to be open with
   an idle kernel; opens notebook 02, runs it and adds a person in the editor (the time from the
   click to the editor's "Added ..." message);
2. **the room**: the other participants log in at the same moment, each waits for their first
   notebook; all open notebook 02 and run it; then all press "Add person" at the same moment,
   three rounds; the slowest reaction is reported;
3. **memory**: the resident memory of each participant's server and kernel (from /proc),
   while everyone has notebook 02 running.

Times are reported as they are and as ratios to the one-participant reference measured in the
same run (the machine's speed and load cancel out). Everything is stopped at the end.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser.labdriver import Participant, find_chromium, launch_chromium, new_offline_context  # noqa: E402
from hub.hubdriver import Hub, HubUser, proxy_command  # noqa: E402

START = "workshops/00_start_here.ipynb"
MAP_NOTEBOOK = "workshops/02_map_your_stakeholders.ipynb"
READY = """(path) => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  return !!(w && w.context && w.context.path === path && w.sessionContext.session
            && w.sessionContext.kernelDisplayStatus === 'idle'); }"""


class Seat:
    """One participant's browser tab behind the hub."""

    def __init__(self, browser, hub: Hub, name: str, password: str):
        self.name, self.password = name, password
        self.user = HubUser(hub, _Account(name))
        self.context = new_offline_context(browser, self.user)
        self.person = Participant(self.context, self.user)
        self.hub = hub

    def start_login(self) -> float:
        page = self.person.page
        page.goto(f"{self.hub.base_url}/hub/login", wait_until="domcontentloaded")
        page.locator("#username_input").fill(self.name)
        page.locator("#password_input").fill(self.password)
        started = time.perf_counter()
        page.locator("#login_submit").click(no_wait_after=True)
        return started

    def ready(self) -> bool:
        try:
            return bool(self.person.page.evaluate(READY, START))
        except Exception:  # the page is between two documents (redirects)
            return False

    def open_map_notebook(self) -> None:
        self.person.close()
        self.person = Participant(self.context, self.user)
        self.person.open(MAP_NOTEBOOK, timeout=600)
        self.person.run_all(timeout=600)
        editor = self.person.page.locator(".qi-editor").first
        editor.locator(".qi-editor-start-own").click()
        self.editor = editor

    def press_add(self, name: str) -> float:
        self.editor.locator(".qi-editor-name input").fill(name)
        started = time.perf_counter()
        self.editor.locator(".qi-editor-add-person").click(no_wait_after=True)
        return started

    def added(self, name: str) -> bool:
        return f"Added {name}" in (self.editor.locator(".qi-editor-message").inner_text(timeout=1000) or "")

    def close(self) -> None:
        self.context.close()


class _Account:
    def __init__(self, name: str):
        self.name = name


def wait_all(seats, started: dict, check, timeout: float) -> dict:
    """Poll every seat until ``check(seat)``; the seconds each took since ``started[seat]``."""
    done: dict = {}
    deadline = time.perf_counter() + timeout
    while len(done) < len(seats) and time.perf_counter() < deadline:
        for seat in seats:
            if seat not in done and check(seat):
                done[seat] = time.perf_counter() - started[seat]
        time.sleep(0.05)
    missing = [s.name for s in seats if s not in done]
    if missing:
        raise RuntimeError(f"timed out waiting for {', '.join(missing)}")
    return done


def memory_by_user() -> dict[str, int]:
    """Resident memory (bytes) of every process started for a hub user (its JUPYTERHUB_USER)."""
    found: dict[str, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes().split(b"\0")
            user = next((v[len(b"JUPYTERHUB_USER="):].decode() for v in environ if v.startswith(b"JUPYTERHUB_USER=")),
                        None)
            if user is None:
                continue
            rss = next(int(line.split()[1]) for line in (entry / "status").read_text().splitlines()
                       if line.startswith("VmRSS:"))
        except (OSError, StopIteration, ValueError):
            continue
        found[user] = found.get(user, 0) + rss * 1024
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    chromium = find_chromium()
    if chromium is None or proxy_command() is None:
        print("bench_hub needs Chromium and configurable-http-proxy (make hub installs the proxy).")
        return 1
    from playwright.sync_api import sync_playwright

    base = Path(tempfile.mkdtemp(prefix="qi-bench-hub-"))
    password = secrets.token_urlsafe(12)
    settings = {"MODE": "trial", "PASSWORD": password, "ADMIN_PASSWORD": secrets.token_urlsafe(32),
                "HOMES": str(base / "homes"), "SINGLEUSER_ARGS": "--LabApp.expose_app_in_browser=True",
                "START_TIMEOUT": "600"}
    hub = Hub(base / "hub", settings).start()
    seats = []
    try:
        with sync_playwright() as api:
            browser = launch_chromium(api, chromium)
            seats = [Seat(browser, hub, f"p{i:02d}", password) for i in range(1, args.participants + 1)]
            alone, room = seats[0], seats[1:]
            started = {alone: alone.start_login()}
            ref_login = wait_all([alone], started, Seat.ready, 600)[alone]
            alone.open_map_notebook()
            started = {alone: alone.press_add("Reference A")}
            ref_click = wait_all([alone], started, lambda s: s.added("Reference A"), 120)[alone]

            started = {seat: seat.start_login() for seat in room}
            logins = wait_all(room, started, Seat.ready, 900)
            for seat in room:
                seat.open_map_notebook()
            memory = memory_by_user()
            clicks = []
            for r in range(args.rounds):
                name = f"Colleague {r + 1}"
                started = {seat: seat.press_add(name) for seat in seats}
                clicks += wait_all(seats, started, lambda s, n=name: s.added(n), 300).values()
            for seat in seats:
                seat.close()
            browser.close()
    finally:
        hub.stop()
        shutil.rmtree(base, ignore_errors=True)
    n = args.participants
    per_user = [memory[seat.name] / 2**20 for seat in seats if seat.name in memory]
    print(f"A room of {n} on one JupyterHub ({os.cpu_count()} cores; trial spawner, one JupyterLab and kernel each)")
    print(f"  login to a running first notebook: alone {ref_login:.1f} s; {n - 1} at once: median "
          f"{sorted(logins.values())[len(logins) // 2]:.1f} s, slowest {max(logins.values()):.1f} s "
          f"({max(logins.values()) / ref_login:.1f} x alone)")
    print(f"  memory per participant (server + kernel, notebook 02 running): mean {sum(per_user) / len(per_user):.0f} MB, "
          f"largest {max(per_user):.0f} MB, {len(per_user)} participants")
    print(f"  widget reaction (Add person, click to message): alone {ref_click * 1000:.0f} ms; all {n} at once, "
          f"{args.rounds} rounds: slowest {max(clicks) * 1000:.0f} ms ({max(clicks) / ref_click:.1f} x alone)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
