"""JupyterHub for a qi_kit workshop on one server: `jupyterhub -f deploy/jupyterhub/jupyterhub_config.py`.

JupyterHub (PyPI) logs people in and starts one JupyterLab per participant; its proxy,
configurable-http-proxy (npm), routes each person's browser to their own server. This file only
configures those engines. Every setting can be changed with an environment variable (the
README next to this file explains each, and how to run the same workshop on The Littlest
JupyterHub or on Zero to JupyterHub / Kubernetes).

Two modes (``QI_HUB_MODE``):

``server`` (default): a real event on one machine. Every participant is a system account
    (``useradd``; log in with PAM, or with a shared workshop password), and their JupyterLab runs
    *as that account* (``LocalProcessSpawner``), so the operating system keeps each person's
    home and work folder private (mode 0700). With ``QI_HUB_SPAWNER=systemd`` (needs the
    ``jupyterhub-systemdspawner`` package and systemd) each server also runs in its own systemd
    unit, which enforces the memory and CPU limits.

``trial``: ``make hub``, for a facilitator to try the day on their own computer. Any name logs
    in with the workshop password; every participant's server runs as *you*
    (``SimpleLocalProcessSpawner``), each in its own folder, with no isolation between them and
    no enforced limits. Never use it with real participants.

What every participant gets, in both modes:

- their own home folder, with ``my_work/`` (mode 0700) as ``QI_KIT_WORK_DIR``;
- the workshop notebooks: on first start, their own copies in ``my_work/notebooks`` (made by
  ``python -m qi_kit notebooks``, as ``make lab`` makes them), which JupyterLab opens; with
  ``QI_HUB_CONTENT=nbgitpuller`` the link from ``make_link.py`` also pulls the repository into
  their home, and opens the same copies (the lesson files never hold a name);
- ``QI_KIT_SHARE_DIR``: the facilitator's drop folder. Participants may create, replace and
  delete their own file there but cannot list or read anyone else's (mode 3773, group
  ``QI_HUB_FACILITATOR_GROUP``); the facilitators' group reads everything;
- the kit and its JupyterLab settings from the environment this hub runs in (``python -m
  qi_kit lab-settings``, done by ``make``); an idle culler stops servers left idle.

Memory and CPU limits (``QI_HUB_MEM_LIMIT``, ``QI_HUB_CPU_LIMIT``): JupyterHub passes them to
the spawner, and only spawners that run servers in a container or a cgroup enforce them
(SystemdSpawner, KubeSpawner, DockerSpawner). ``LocalProcessSpawner`` and the trial spawner do
**not** enforce them: they only tell each server its limit (``MEM_LIMIT``/``CPU_LIMIT``, shown by
jupyter-resource-usage). Use ``QI_HUB_SPAWNER=systemd``, TLJH or Kubernetes when limits matter.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import subprocess
import sys
from pathlib import Path

c = get_config()  # noqa: F821  (provided by JupyterHub when it loads this file)

HERE = Path(__file__).resolve().parent
KIT = Path(os.environ.get("QI_HUB_KIT", HERE.parents[1]))  # the kit's folder (its workshops/ are copied)


def setting(name: str, default: str) -> str:
    return os.environ.get(f"QI_HUB_{name}", "").strip() or default


MODE = setting("MODE", "server")
if MODE not in ("server", "trial"):
    raise SystemExit(f"QI_HUB_MODE={MODE!r}: use 'server' (a real event) or 'trial' (make hub).")
TRIAL = MODE == "trial"
AS_ROOT = os.geteuid() == 0
DATA = Path(setting("DATA", str(KIT / ".hub" if TRIAL else "/srv/qi-hub")))  # the hub's own state
HOMES = Path(setting("HOMES", str(DATA / "homes")))  # trial mode only: one folder per participant
SHARE = Path(setting("SHARE_DIR", str(DATA / "shared")))
FACILITATORS = [n.strip() for n in setting("ADMINS", "facilitator").split(",") if n.strip()]
FACILITATOR_GROUP = setting("FACILITATOR_GROUP", "qi-facilitators")
CONTENT = setting("CONTENT", "copy")
START_NOTEBOOK = "workshops/00_start_here.ipynb"

# ---- the hub, its proxy and its state
DATA.mkdir(parents=True, exist_ok=True)
os.chmod(DATA, 0o700)  # the database, cookie secret and proxy token are the hub's alone
c.JupyterHub.ip = setting("IP", "127.0.0.1" if TRIAL else "")
c.JupyterHub.port = int(setting("PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(setting("HUB_PORT", "8081"))
c.JupyterHub.db_url = f"sqlite:///{DATA / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(DATA / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(DATA / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every participant's server
c.JupyterHub.cleanup_proxy = True  # ... and the proxy it started
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{setting('PROXY_API_PORT', '8001')}"
c.ConfigurableHTTPProxy.pid_file = str(DATA / "jupyterhub-proxy.pid")
LOCAL_PROXY = KIT / ".venv" / "hub-proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
PROXY = setting("PROXY", str(LOCAL_PROXY) if LOCAL_PROXY.exists() else "configurable-http-proxy")
c.ConfigurableHTTPProxy.command = [PROXY]

# ---- who can log in; the facilitators are the hub's admins
c.Authenticator.admin_users = set(FACILITATORS)
AUTH = setting("AUTH", "shared-password" if TRIAL else "pam")
if AUTH == "shared-password":
    c.JupyterHub.authenticator_class = "shared-password"
    c.SharedPasswordAuthenticator.user_password = setting("PASSWORD", "")
    c.SharedPasswordAuthenticator.admin_password = setting("ADMIN_PASSWORD", "")
    c.Authenticator.allow_all = True
elif AUTH == "pam":
    c.JupyterHub.authenticator_class = "pam"  # the machine's own accounts and passwords
    allowed = setting("ALLOWED_GROUP", "")
    if allowed:
        c.Authenticator.allowed_groups = {allowed}  # e.g. a group holding this cohort's accounts
    else:
        c.Authenticator.allow_all = True
else:
    raise SystemExit(f"QI_HUB_AUTH={AUTH!r}: use 'pam' or 'shared-password'.")

# ---- one JupyterLab per participant
SPAWNER = setting("SPAWNER", "trial" if TRIAL else "local")
if SPAWNER == "trial":
    c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
    c.SimpleLocalProcessSpawner.home_dir_template = str(HOMES / "{username}")
elif SPAWNER == "local":
    c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
elif SPAWNER == "systemd":
    c.JupyterHub.spawner_class = "systemdspawner.SystemdSpawner"  # enforces mem_limit and cpu_limit
    c.SystemdSpawner.dynamic_users = False
else:
    raise SystemExit(f"QI_HUB_SPAWNER={SPAWNER!r}: use 'local', 'systemd' or 'trial'.")
# The participants' Python: by default this hub's own environment. It must be readable by every
# participant's account (on TLJH it is /opt/tljh/user; the hub tests make one from the system
# Python when the hub's interpreter is in a private folder).
USER_PYTHON = setting("USER_PYTHON", sys.executable)
c.Spawner.cmd = [USER_PYTHON, "-m", "jupyterhub.singleuser"]
c.Spawner.notebook_dir = "~"
c.Spawner.default_url = f"/lab/tree/{START_NOTEBOOK}" if CONTENT == "copy" else "/lab"
c.Spawner.mem_limit = setting("MEM_LIMIT", "1G")
c.Spawner.cpu_limit = float(setting("CPU_LIMIT", "1"))
c.Spawner.start_timeout = int(setting("START_TIMEOUT", "120"))
c.Spawner.http_timeout = int(setting("START_TIMEOUT", "120"))
args = setting("SINGLEUSER_ARGS", "").split()
if TRIAL and AS_ROOT:
    args.append("--allow-root")  # trial servers run as you, and you are root here
c.Spawner.args = args
c.Spawner.environment = {"QI_KIT_SHARE_DIR": str(SHARE)}

# ---- the idle culler: a server idle for QI_HUB_CULL_TIMEOUT seconds is stopped (work is saved)
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, str(HERE / "idle_culler.py"),
                f"--timeout={setting('CULL_TIMEOUT', '3600')}", f"--cull-every={setting('CULL_EVERY', '300')}"],
}]
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]


# ---- folders: made before each server starts
def _owner(spawner) -> tuple[int, int, Path]:
    """uid, gid and home of the account the participant's server runs as."""
    if SPAWNER == "trial":
        return os.getuid(), os.getgid(), Path(spawner.home_dir)
    account = pwd.getpwnam(spawner.user.name)
    return account.pw_uid, account.pw_gid, Path(account.pw_dir)


def _made(path: Path, uid: int, gid: int, mode: int) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    if AS_ROOT:
        os.chown(path, uid, gid)
    os.chmod(path, mode)
    return path


def _copy_owned(source: Path, target: Path, uid: int, gid: int) -> None:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__",
                                                                  "facilitator"))
    if AS_ROOT:
        for folder, dirs, files in os.walk(target):
            for name in [folder, *(os.path.join(folder, n) for n in dirs + files)]:
                os.chown(name, uid, gid)


def kit_notebooks_command() -> list[str] | None:
    """The kit's own command that makes a participant's copies of the notebooks, if it has one.

    ``python -m qi_kit notebooks`` (the same command ``make lab`` uses) puts them in
    ``my_work/notebooks/``; kits without it get a copy of ``workshops/`` made here instead.
    """
    try:
        from qi_kit import __main__ as cli
    except ImportError:
        return None
    return [USER_PYTHON, "-m", "qi_kit", "notebooks"] if "notebooks" in getattr(cli, "USAGE", "") else None


def first_start(spawner, home: Path, uid: int, gid: int) -> None:
    """The participant's own copy of the workshop notebooks, once (kept on later starts)."""
    if CONTENT not in ("copy", "nbgitpuller"):
        return
    command = kit_notebooks_command()
    if command is not None:
        env = {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
               "QI_KIT_WORK_DIR": str(home / "my_work")}
        subprocess.run(command, cwd=KIT, env=env, check=True, stdout=subprocess.DEVNULL,
                       **({"user": uid, "group": gid} if AS_ROOT else {}))
        spawner.default_url = "/lab/tree/my_work/notebooks/00_start_here.ipynb"
    elif CONTENT == "nbgitpuller":  # an older kit: the pulled folder is all there is
        return
    elif not (home / "workshops").exists():
        _copy_owned(KIT / "workshops", home / "workshops", uid, gid)
    if spawner.user.name in FACILITATORS and (KIT / "workshops" / "facilitator").is_dir() \
            and not (home / "workshops" / "facilitator").exists():
        _copy_owned(KIT / "workshops" / "facilitator", home / "workshops" / "facilitator", uid, gid)


def prepare_user(spawner) -> None:
    """Home (0700), my_work (0700, QI_KIT_WORK_DIR) and the notebooks, before the server starts."""
    uid, gid, home = _owner(spawner)
    _made(home, uid, gid, 0o700)
    work = _made(home / "my_work", uid, gid, 0o700)
    first_start(spawner, home, uid, gid)
    spawner.environment = {**spawner.environment, "QI_KIT_WORK_DIR": str(work)}


c.Spawner.pre_spawn_hook = prepare_user


def prepare_share_folder() -> None:
    """The facilitator's drop folder: participants write their own files, facilitators read all."""
    SHARE.mkdir(parents=True, exist_ok=True)
    if TRIAL or not AS_ROOT:
        os.chmod(SHARE, 0o700)  # everything runs as one account anyway
        return
    try:
        group = grp.getgrnam(FACILITATOR_GROUP).gr_gid
    except KeyError:
        subprocess.run(["groupadd", "--system", FACILITATOR_GROUP], check=True)
        group = grp.getgrnam(FACILITATOR_GROUP).gr_gid
    os.chown(SHARE, 0, group)
    for name in FACILITATORS:  # a facilitator with an account on this machine reads the folder
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        subprocess.run(["gpasswd", "--add", name, FACILITATOR_GROUP], check=True, stdout=subprocess.DEVNULL)
    # 3773: setgid (files join the facilitators' group), sticky (one deletes only one's own files),
    # rwx for root and the facilitators, write-and-enter but no listing for everyone else.
    os.chmod(SHARE, 0o3773)


prepare_share_folder()
