"""`make lab` really opens JupyterLab on the participant's own copy of the start notebook
(started, checked on its URL, stopped): the lesson files in workshops/ are never opened."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_lab_serves_the_start_notebook(tmp_path):
    port, token = free_port(), secrets.token_hex(16)
    args = (f"--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port={port} --ServerApp.port_retries=0 "
            f"--IdentityProvider.token={token}")  # as root too: the kit adds --allow-root itself
    env = {**os.environ, "QI_KIT_WORK_DIR": str(tmp_path / "my_work"), "JUPYTER_RUNTIME_DIR": str(tmp_path / "rt")}
    log = open(tmp_path / "lab.log", "wb")
    proc = subprocess.Popen(["make", "--no-print-directory", "lab", f"LAB_ARGS={args}"], cwd=ROOT, env=env,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        status = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as response:
                    status = json.load(response)
                    break
            except OSError:
                time.sleep(0.5)
        assert status is not None, (tmp_path / "lab.log").read_text(errors="replace")[-3000:]
        auth = {"Authorization": f"token {token}"}
        request = urllib.request.Request(f"{base}/api/contents/my_work/notebooks", headers=auth)
        with urllib.request.urlopen(request, timeout=10) as response:  # the participant's own copies
            names = {item["name"] for item in json.load(response)["content"]}
        lessons = {p.name for p in (ROOT / "workshops").glob("*.ipynb")}
        assert "00_start_here.ipynb" in names and lessons <= names
        request = urllib.request.Request(f"{base}/api/contents", headers=auth)
        with urllib.request.urlopen(request, timeout=10) as response:  # the file browser shows my_work/
            assert "my_work" in {item["name"] for item in json.load(response)["content"]}
        page = urllib.request.Request(f"{base}/lab/tree/my_work/notebooks/00_start_here.ipynb", headers=auth)
        with urllib.request.urlopen(page, timeout=10) as response:
            assert response.status == 200 and b"JupyterLab" in response.read()
        said = (tmp_path / "lab.log").read_text(errors="replace")
        assert "READY" in said  # the doctor ran first
        assert "Your own copies of the" in said and "Opening JupyterLab on my_work/notebooks/00_start_here.ipynb" in said
    finally:
        _stop(proc)
        log.close()


def _stop(proc: subprocess.Popen) -> None:
    """Stop make and the JupyterLab it started (its whole process group)."""
    for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue
