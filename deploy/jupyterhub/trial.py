"""``make hub``: a trial JupyterHub on this computer, for a facilitator to try a workshop day.

What it is for: log in as a few made-up participants (any name) in different browser windows,
draw maps, share them, then log in as ``facilitator`` and open ``workshops/facilitator/`` to see
the room. What it is not: a server for real participants. Every participant's JupyterLab runs
as you, in its own folder under ``.hub/homes/``, with no isolation between them (see
``deploy/jupyterhub/README.md`` for a real event).

Stop it with Ctrl+C (or by ending ``make hub``): JupyterHub stops every participant's server
and its proxy, and this script then checks that nothing it started is still running.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
KIT = HERE.parents[1]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def leftover(data: Path) -> list[int]:
    """Processes the hub recorded (the hub, its proxy) that are still running."""
    pids = []
    for name in ("jupyterhub.pid", "jupyterhub-proxy.pid"):
        try:
            pid = int((data / name).read_text().strip())
        except (OSError, ValueError):
            continue
        if _alive(pid):
            pids.append(pid)
    return pids


def main() -> int:
    env = dict(os.environ)
    env["QI_HUB_MODE"] = "trial"
    data = Path(env.setdefault("QI_HUB_DATA", str(KIT / ".hub")))
    password = env.setdefault("QI_HUB_PASSWORD", f"qi-{secrets.token_hex(4)}")
    admin = env.setdefault("QI_HUB_ADMIN_PASSWORD", secrets.token_urlsafe(24))
    facilitator = env.setdefault("QI_HUB_ADMINS", "facilitator").split(",")[0]
    port = env.setdefault("QI_HUB_PORT", "8000")
    ip = env.setdefault("QI_HUB_IP", "127.0.0.1")
    print(f"""
A TRIAL hub for facilitators, on this computer only: http://{ip}:{port}
  Participants: log in with any name (e.g. ana, tom) and the password  {password}
  Facilitator:  log in as '{facilitator}' with the password            {admin}
It is for trying the day (several made-up participants, sharing, the room's view in
workshops/facilitator/). Every participant's server runs as you, with no isolation:
never use it with real participants (deploy/jupyterhub/README.md says how to run an event).
Their folders are in {data.name}/homes/ (delete the {data.name}/ folder to start again).
Stop it with Ctrl+C: every participant's server and the proxy are stopped with it.
""", flush=True)
    command = [sys.executable, "-m", "jupyterhub", "-f", str(HERE / "jupyterhub_config.py")]
    # its own session: Ctrl+C reaches this script only, which asks JupyterHub to stop once
    hub = subprocess.Popen(command, cwd=KIT, env=env, start_new_session=True)
    stopping = {"signal": None}

    def forward(signum, frame):  # Ctrl+C or a stop: let JupyterHub clean up, then check
        stopping["signal"] = signum
        if hub.poll() is None:
            hub.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGINT, forward)
    signal.signal(signal.SIGTERM, forward)
    code = hub.wait()
    deadline = time.monotonic() + 10
    while leftover(data) and time.monotonic() < deadline:
        time.sleep(0.2)
    for pid in leftover(data):  # a proxy JupyterHub could not stop (it was killed hard)
        os.kill(pid, signal.SIGTERM)
    print("The trial hub has stopped; nothing it started is still running.", flush=True)
    return 0 if stopping["signal"] else code


if __name__ == "__main__":
    raise SystemExit(main())
