"""`make hub`: the facilitator's trial hub starts, lets people log in, and stops leaving nothing running."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import shutil
import signal
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from browser.labdriver import ROOT, free_port

from .hubdriver import group_alive, port_open, proxy_command

PASSWORD, ADMIN = "trial-password", "a-facilitator-password-of-32-chars-or-more"


def _opener():
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def log_in(base: str, name: str, password: str):
    """Log in with the hub's login form; returns an opener holding the session cookie."""
    opener = _opener()
    page = opener.open(f"{base}/hub/login", timeout=30).read().decode()
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"username": name, "password": password, "_xsrf": xsrf}).encode()
    opener.open(f"{base}/hub/login?next=", data=form, timeout=60)
    return opener


def wait_for(check, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_hub_starts_a_trial_hub_and_stops_cleanly(tmp_path, hub_ready):
    assert proxy_command()
    port = free_port()
    data = tmp_path / "hub"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QI_HUB_", "QI_KIT_"))}
    env.update(QI_HUB_DATA=str(data), QI_HUB_PORT=str(port), QI_HUB_HUB_PORT=str(free_port()),
               QI_HUB_PROXY_API_PORT=str(free_port()), QI_HUB_PASSWORD=PASSWORD, QI_HUB_ADMIN_PASSWORD=ADMIN)
    log = open(tmp_path / "make-hub.log", "wb")
    make = subprocess.Popen(["make", "--no-print-directory", "hub"], cwd=ROOT, env=env, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: urllib.request.urlopen(f"{base}/hub/health", timeout=2).status == 200, 90, "the hub")
        words = (tmp_path / "make-hub.log").read_text()
        assert "A TRIAL hub for facilitators" in words and PASSWORD in words and "Ctrl+C" in words
        ana = log_in(base, "ana", PASSWORD)
        # the browser's way in: the lab page (the hub's OAuth hands over the login), then the API
        wait_for(lambda: ana.open(f"{base}/user/ana/lab", timeout=30).url.endswith("/user/ana/lab")
                 and ana.open(f"{base}/user/ana/api/status", timeout=5).status == 200, 120, "ana's server")
        contents = json.load(ana.open(f"{base}/user/ana/api/contents/workshops", timeout=10))
        assert "02_map_your_stakeholders.ipynb" in {item["name"] for item in contents["content"]}
        assert (data / "homes" / "ana" / "my_work").is_dir()
        facilitator = log_in(base, "facilitator", ADMIN)
        me = json.load(facilitator.open(f"{base}/hub/api/user", timeout=10))
        assert me["name"] == "facilitator" and me["admin"] is True
        hub_pid = int((data / "jupyterhub.pid").read_text())
        proxy_pid = int((data / "jupyterhub-proxy.pid").read_text())
        server_pid = [int(p) for p in os.listdir("/proc") if p.isdigit()
                      and b"jupyterhub.singleuser" in Path(f"/proc/{p}/cmdline").read_bytes()
                      and os.getpgid(int(p)) != os.getpgid(hub_pid)]
        assert server_pid, "ana's server is not running"
    finally:
        os.killpg(make.pid, signal.SIGINT)  # Ctrl+C in the terminal that ran `make hub`
        try:
            make.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(make.pid, signal.SIGKILL)
            raise
    words = (tmp_path / "make-hub.log").read_text()
    assert "nothing it started is still running" in words
    for pid in (hub_pid, proxy_pid, *server_pid):
        assert not Path(f"/proc/{pid}").exists(), f"process {pid} outlived make hub"
    assert not group_alive(make.pid) and not port_open(port)
