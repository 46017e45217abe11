"""A room of participants on the kit's real JupyterHub (deploy/jupyterhub/jupyterhub_config.py).

Five participants and a facilitator, each a real system account, each logged in from headless
Chromium on the hub's own login page. Each participant runs notebook 02 and adds a colleague in
the editor, then shares their map with the share button of notebook 07. Then:

- each participant's work is in their own ``my_work`` (0700, theirs), and in nobody else's;
- a participant cannot read or list another participant's work folder, nor the facilitator's
  drop folder, nor another participant's shared file (the operating system refuses);
- the shared files reach the facilitator's folder pseudonymised (no typed name in them);
- the facilitator's notebook counts them;
- stopping the hub leaves nothing running: no participant's process, no proxy, no open port.
"""

from __future__ import annotations

import json
import secrets
import shutil
import stat
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from browser.labdriver import Participant, new_offline_context

from .hubdriver import Accounts, Hub, HubUser, group_alive, log_in, participant_python, port_open

PARTICIPANTS = 5
START = "workshops/00_start_here.ipynb"
MAP_NOTEBOOK = "workshops/02_map_your_stakeholders.ipynb"
SHARE_NOTEBOOK = "workshops/07_action_plan.ipynb"
ROOM_NOTEBOOK = "workshops/facilitator/room.ipynb"


def expect(locator):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def colleague(role: str) -> str:
    return f"Colleague Z{role[-1]}q"  # a name no pseudonym can contain


@dataclass
class Room:
    base: Path
    accounts: Accounts
    hub: Hub
    password: str
    admin_password: str
    python: str
    share: Path
    facilitator_group: str
    seen: dict = field(default_factory=dict)


@pytest.fixture(scope="module")
def room(hub_ready):
    base = Path(tempfile.mkdtemp(prefix="qi-hub-"))
    base.chmod(0o755)
    accounts = Accounts(base)
    hub = None
    try:
        group = accounts.group("fac")
        people = [accounts.add(f"p{i}") for i in range(1, PARTICIPANTS + 1)]
        facilitator = accounts.add("facilitator", groups=(group,))
        python = participant_python(base, accounts, people[0])
        share = base / "shared"
        password, admin = secrets.token_urlsafe(12), secrets.token_urlsafe(32)
        hub = Hub(base / "hub", {
            "MODE": "server", "AUTH": "shared-password", "SPAWNER": "local", "PASSWORD": password,
            "ADMIN_PASSWORD": admin, "ADMINS": facilitator.name, "FACILITATOR_GROUP": group,
            "SHARE_DIR": str(share), "USER_PYTHON": python, "CULL_TIMEOUT": "3600",
            "SINGLEUSER_ARGS": "--LabApp.expose_app_in_browser=True"}).start()
        yield Room(base, accounts, hub, password, admin, python, share, group)
    finally:
        if hub is not None:
            hub.stop()
        accounts.remove()
        shutil.rmtree(base, ignore_errors=True)


def _next_tab(person: Participant, context, user) -> Participant:
    """A new tab for the next notebook (as a participant opens one from the file browser); the
    previous tab must have stayed clean."""
    person.check_clean()
    person.close()
    return Participant(context, user)


def _participant_day(room: Room, browser, role: str) -> dict:
    """Log in, reach the first notebook, run notebook 02, add a colleague, share from notebook 07."""
    account = room.accounts.made[role]
    user = HubUser(room.hub, account)
    context = new_offline_context(browser, user)
    try:
        person = Participant(context, user)
        started = time.monotonic()
        log_in(person.page, room.hub, account.name, room.password)
        person.page.wait_for_function(
            """(path) => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
                 return !!(w && w.context && w.context.path === path && w.sessionContext.session
                           && w.sessionContext.kernelDisplayStatus === 'idle'); }""",
            arg=START, timeout=180_000, polling=200)
        first_notebook = time.monotonic() - started
        person = _next_tab(person, context, user)
        person.open(MAP_NOTEBOOK)
        assert person.run_all(), person.read(MAP_NOTEBOOK).problems()
        report = person.read(MAP_NOTEBOOK)
        assert not report.problems(), report.problems()
        editor = person.page.locator(".qi-editor").first
        editor.locator(".qi-editor-start-own").click()
        expect(editor.locator(".qi-editor-message")).to_contain_text("blank map")
        for name in (colleague(role), "Ward manager"):
            editor.locator(".qi-editor-name input").fill(name)
            editor.locator(".qi-editor-add-person").click()
            expect(editor.locator(".qi-editor-message")).to_contain_text(f"Added {name}")
        person = _next_tab(person, context, user)
        person.open(SHARE_NOTEBOOK)
        assert person.run_all(), person.read(SHARE_NOTEBOOK).problems()
        share = person.page.locator(".qi-share").first
        share.locator(".qi-share-button").click()
        expect(share.locator(".qi-share-message")).to_contain_text("Shared with your facilitator")
        person.check_clean()
        return {"first_notebook": first_notebook}
    finally:
        context.close()


@pytest.fixture(scope="module")
def day(room, hub_browser):
    """The whole room's day, once; the tests below check what it left."""
    for i in range(1, PARTICIPANTS + 1):
        room.seen[f"p{i}"] = _participant_day(room, hub_browser, f"p{i}")
    facilitator = room.accounts.made["facilitator"]
    user = HubUser(room.hub, facilitator)
    context = new_offline_context(hub_browser, user)
    try:
        person = Participant(context, user)
        log_in(person.page, room.hub, facilitator.name, room.admin_password)
        person.open(ROOM_NOTEBOOK)
        assert person.run_all(), person.read(ROOM_NOTEBOOK).problems()
        room.seen["facilitator"] = person.page.locator(".jp-Notebook").inner_text()
        person.check_clean()
    finally:
        context.close()
    return room


def _workspace(account) -> dict:
    return json.loads((account.work / "workspace.json").read_text(encoding="utf-8"))


def test_each_participant_reached_the_first_notebook(day):
    for i in range(1, PARTICIPANTS + 1):
        assert day.seen[f"p{i}"]["first_notebook"] < 180


def test_each_participants_work_is_in_their_own_folder(day):
    for i in range(1, PARTICIPANTS + 1):
        account = day.accounts.made[f"p{i}"]
        info = account.work.stat()
        assert info.st_uid == account.uid and stat.S_IMODE(info.st_mode) == 0o700
        assert (account.work / "workspace.json").stat().st_uid == account.uid
        names = [p["name"] for p in _workspace(account)["sections"]["map"]["people"]]
        assert names == [colleague(f"p{i}"), "Ward manager"]
        assert (account.home / "workshops" / "02_map_your_stakeholders.ipynb").exists()
        assert not (account.home / "workshops" / "facilitator").exists()  # not on the participants' path


def test_one_participant_cannot_read_anothers_work(day):
    one, other = day.accounts.made["p1"], day.accounts.made["p2"]
    code = ("import os, sys\n"
            f"for action in (lambda: open({str(other.work / 'workspace.json')!r}).read(),\n"
            f"               lambda: os.listdir({str(other.work)!r}),\n"
            f"               lambda: os.listdir({str(other.home)!r})):\n"
            "    try:\n        action()\n    except PermissionError:\n        continue\n"
            "    sys.exit('could read it')\n")
    result = day.accounts.run_as(one, day.python, code)
    assert result.returncode == 0, result.stdout + result.stderr


def test_shared_maps_reach_the_facilitator_pseudonymised(day):
    files = sorted(day.share.glob("*.json"))
    assert len(files) == PARTICIPANTS
    typed = [colleague(f"p{i}") for i in range(1, PARTICIPANTS + 1)]
    for file in files:
        text = file.read_text(encoding="utf-8")
        assert not any(name in text for name in typed) and "Ward manager" not in text
        assert json.loads(text)["pseudonymised"] is True
        info = file.stat()
        assert stat.S_IMODE(info.st_mode) == 0o640
        assert info.st_gid == __import__("grp").getgrnam(day.facilitator_group).gr_gid
    owners = {file.stat().st_uid for file in files}
    assert owners == {day.accounts.made[f"p{i}"].uid for i in range(1, PARTICIPANTS + 1)}


def test_participants_cannot_list_the_drop_folder_or_read_anothers_share(day):
    one = day.accounts.made["p1"]
    theirs = [f for f in day.share.glob("*.json") if f.stat().st_uid != one.uid]
    code = ("import os, sys\n"
            f"try:\n    os.listdir({str(day.share)!r})\nexcept PermissionError:\n    pass\n"
            "else:\n    sys.exit('could list the folder')\n"
            f"try:\n    open({str(theirs[0])!r}).read()\nexcept PermissionError:\n    pass\n"
            "else:\n    sys.exit('could read a share')\n")
    result = day.accounts.run_as(one, day.python, code)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_facilitators_view_counts_the_shared_maps(day):
    assert f"{PARTICIPANTS} maps shared" in day.seen["facilitator"]


def test_stopping_the_hub_leaves_nothing_running(day):
    hub = day.hub
    pids, group, port = hub.recorded_pids(), hub.process.pid, hub.port
    assert day.accounts.processes(), "the participants' servers should be running before the stop"
    hub.stop()
    deadline = time.monotonic() + 15
    while day.accounts.processes() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert day.accounts.processes() == [], "a participant's process outlived the hub"
    assert not group_alive(group)
    assert not any(Path(f"/proc/{pid}").exists() for pid in pids)
    assert not port_open(port)
