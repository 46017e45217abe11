"""`make lab` really opens JupyterLab on the start notebook (started, checked on its URL, stopped)."""

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
            f"--IdentityProvider.token={token}" + (" --allow-root" if os.geteuid() == 0 else ""))
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
        request = urllib.request.Request(f"{base}/api/contents/workshops", headers=auth)
        with urllib.request.urlopen(request, timeout=10) as response:
            names = {item["name"] for item in json.load(response)["content"]}
        assert "00_start_here.ipynb" in names
        request = urllib.request.Request(f"{base}/api/contents", headers=auth)
        with urllib.request.urlopen(request, timeout=10) as response:  # the file browser shows my_work/
            assert {"workshops", "my_work"} <= {item["name"] for item in json.load(response)["content"]}
        page = urllib.request.Request(f"{base}/lab/tree/workshops/00_start_here.ipynb", headers=auth)
        with urllib.request.urlopen(page, timeout=10) as response:
            assert response.status == 200 and b"JupyterLab" in response.read()
        assert "READY" in (tmp_path / "lab.log").read_text(errors="replace")  # the doctor ran first
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
