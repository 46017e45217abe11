"""Run the kit's real JupyterHub (deploy/jupyterhub/jupyterhub_config.py) for the tests.

- :class:`Accounts`: real system accounts for the participants and the facilitator (``useradd``,
  so each participant's JupyterLab runs as their own account and the operating system keeps
  their folders apart), removed at the end with every process they ran.
- :func:`participant_python`: a Python every participant's account can run. The kit's venv is
  usually made from an interpreter in a private folder (pyenv under ``/root``); then a small
  venv of the system Python of the same minor version is made whose site-packages are the kit's
  venv's (one ``.pth`` line) and whose Jupyter folders (``etc/jupyter``, ``share/jupyter``: server
  extensions, JupyterLab and its settings) are links to the kit's venv's, so participants run
  exactly the kit's packages and settings. When the kit's folder itself is private, the kit and
  its packages are installed into a venv of the system Python instead.
- :class:`Hub`: ``jupyterhub -f deploy/jupyterhub/jupyterhub_config.py`` on 127.0.0.1 with free
  ports, in its own process group; :meth:`Hub.stop` stops it (JupyterHub then stops every
  participant's server and its proxy) and checks that nothing is left.
- :class:`HubUser`: what the browser tests' :class:`~browser.labdriver.Participant` needs to
  drive one participant's JupyterLab behind the hub (their URL and the proxy's port).
"""

from __future__ import annotations

import grp
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from browser.labdriver import ROOT, free_port

REQUIRE_ENV = "QI_KIT_REQUIRE_HUB"  # "1" in CI: the hub tests must run, never skip
CONFIG = ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"
LOCAL_PROXY = ROOT / ".venv" / "hub-proxy" / "node_modules" / ".bin" / "configurable-http-proxy"


def proxy_command() -> str | None:
    if LOCAL_PROXY.exists():
        return str(LOCAL_PROXY)
    return shutil.which("configurable-http-proxy")


def missing() -> list[str]:
    """What this machine lacks for the hub tests (empty when they can run)."""
    reasons = []
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        reasons.append("they create system accounts for the participants, so they must run as root (CI does)")
    if shutil.which("useradd") is None:
        reasons.append("useradd is missing")
    if proxy_command() is None:
        reasons.append("configurable-http-proxy is missing: install Node.js and npm, then `make hub` installs it")
    try:
        import jupyterhub  # noqa: F401
    except ImportError:
        reasons.append("JupyterHub is not installed: `pip install -e '.[hub]'` (make test does it)")
    return reasons


# --------------------------------------------------------------------------- system accounts


@dataclass
class Account:
    name: str
    uid: int
    gid: int
    home: Path

    @property
    def work(self) -> Path:
        return self.home / "my_work"


@dataclass
class Accounts:
    """System accounts made for one test run (a random prefix), and removed with their processes."""

    base: Path
    prefix: str = field(default_factory=lambda: "qi" + secrets.token_hex(3))
    made: dict[str, Account] = field(default_factory=dict)
    groups: list[str] = field(default_factory=list)

    def group(self, role: str) -> str:
        name = f"{self.prefix}{role}"
        subprocess.run(["groupadd", name], check=True)
        self.groups.append(name)
        return name

    def add(self, role: str, *, groups: tuple[str, ...] = ()) -> Account:
        name = f"{self.prefix}{role}"
        home = self.base / "home" / name
        home.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(home.parent, 0o755)
        command = ["useradd", "--home-dir", str(home), "--no-create-home", "--shell", "/bin/sh", "--user-group"]
        if groups:
            command += ["--groups", ",".join(groups)]
        subprocess.run([*command, name], check=True)
        entry = pwd.getpwnam(name)
        account = Account(name, entry.pw_uid, entry.pw_gid, home)
        self.made[role] = account
        return account

    def run_as(self, account: Account, python: str, code: str, *, env: dict | None = None) -> subprocess.CompletedProcess:
        """Run ``python -c code`` as the account (its uid, gid and groups), as their kernel would."""
        groups = [g.gr_gid for g in grp.getgrall() if account.name in g.gr_mem]
        environment = {"HOME": str(account.home), "PATH": "/usr/bin:/bin", **(env or {})}
        return subprocess.run([python, "-c", code], user=account.uid, group=account.gid, extra_groups=groups,
                              env=environment, cwd=account.home if account.home.is_dir() else "/", capture_output=True, text=True, timeout=120)

    def processes(self) -> list[int]:
        """Processes running as any of these accounts (read from /proc)."""
        uids = {a.uid for a in self.made.values()}
        pids = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if entry.stat().st_uid in uids:
                        pids.append(int(entry.name))
                except OSError:
                    continue
        return pids

    def remove(self) -> None:
        for signum in (signal.SIGTERM, signal.SIGKILL):  # by pid: only what these accounts run
            for pid in self.processes():
                try:
                    os.kill(pid, signum)
                except ProcessLookupError:
                    pass
            deadline = time.monotonic() + 5
            while self.processes() and time.monotonic() < deadline:
                time.sleep(0.1)
        for account in self.made.values():
            subprocess.run(["userdel", account.name], check=False, capture_output=True)
        for name in self.groups:
            subprocess.run(["groupdel", name], check=False, capture_output=True)
        self.made.clear()
        self.groups.clear()


def participant_python(base: Path, accounts: Accounts, probe: Account) -> str:
    """A Python that ``probe``'s account can run, with the kit's packages (see the module docstring)."""
    try:
        if accounts.run_as(probe, sys.executable, "import qi_kit, jupyterhub.singleuser").returncode == 0:
            return sys.executable
    except PermissionError:  # the interpreter itself is in a folder other accounts cannot enter
        pass
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    system = shutil.which(version, path="/usr/bin:/bin:/usr/local/bin")
    if system is None:
        raise RuntimeError(f"The kit's Python ({os.path.realpath(sys.executable)}) cannot be run by other accounts "
                           f"and there is no system {version} to run the participants' servers with.")
    env = base / "participant-env"
    subprocess.run([system, "-m", "venv", "--without-pip", str(env)], check=True)
    site = Path(subprocess.run([str(env / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                               check=True, capture_output=True, text=True).stdout.strip())
    kit_site = sysconfig.get_path("purelib")
    (site / "qi_kit_venv.pth").write_text(f"import site; site.addsitedir({kit_site!r})\n")
    for shared in ("etc/jupyter", "share/jupyter"):  # server extensions, JupyterLab, its settings
        (env / shared).parent.mkdir(parents=True, exist_ok=True)
        (env / shared).symlink_to(Path(sys.prefix) / shared)
    python = str(env / "bin" / "python")
    check = accounts.run_as(probe, python, "import qi_kit, jupyterhub.singleuser, ipykernel")
    if check.returncode == 0 and os.environ.get("QI_KIT_HUB_FULL_ENV") != "1":  # "1": try the fallback below
        return python
    # The kit's folder itself is private (a clone in a 0700 folder): install the kit and its
    # packages into a venv of the system Python that every account can read (slower, once per run).
    full = base / "participant-env-full"
    subprocess.run([system, "-m", "venv", str(full)], check=True)
    python = str(full / "bin" / "python")
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", f"{ROOT}[hub]"],
                   check=True, capture_output=True, timeout=1200)
    subprocess.run([python, "-m", "qi_kit", "lab-settings"], check=True, capture_output=True, cwd=base)
    check = accounts.run_as(probe, python, "import qi_kit, jupyterhub.singleuser, ipykernel")
    if check.returncode != 0:
        raise RuntimeError(f"The participants' accounts cannot run the kit's packages:\n{check.stderr[-2000:]}")
    return python


# --------------------------------------------------------------------------- the hub


@dataclass
class Hub:
    """The kit's JupyterHub, started with ``settings`` (``QI_HUB_*`` without the prefix)."""

    data: Path
    settings: dict[str, str]
    port: int = 0
    process: subprocess.Popen | None = None
    log_path: Path | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("QI_HUB_", "JUPYTER", "QI_KIT_"))}
        env.pop("MPLBACKEND", None)
        env.update({f"QI_HUB_{k}": v for k, v in self.settings.items()})
        env.update(QI_HUB_DATA=str(self.data), QI_HUB_PORT=str(self.port), PYTHONUNBUFFERED="1",
                   QI_HUB_HUB_PORT=str(free_port()), QI_HUB_PROXY_API_PORT=str(free_port()),
                   QI_HUB_PROXY=proxy_command() or "configurable-http-proxy")
        return env

    def start(self, *, timeout: float = 90.0) -> "Hub":
        self.data.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.log_path = self.data.parent / "jupyterhub.log"
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)], cwd=self.data,
                                            env=self.environment(), stdin=subprocess.DEVNULL, stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterHub exited. Its log:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/hub/health", timeout=2) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"JupyterHub did not answer in {timeout:.0f} s. Its log:\n{self.log_tail()}")

    def log_tail(self, lines: int = 60) -> str:
        if self.log_path is None or not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def recorded_pids(self) -> list[int]:
        """The hub's and its proxy's process ids, as they recorded them."""
        pids = []
        for name in ("jupyterhub.pid", "jupyterhub-proxy.pid"):
            try:
                pids.append(int((self.data / name).read_text().strip()))
            except (OSError, ValueError):
                continue
        return pids

    def stop(self, *, timeout: float = 60.0) -> None:
        """SIGTERM to the hub: it stops every participant's server and the proxy, then exits."""
        if self.process is None:
            return
        proxy = [p for p in self.recorded_pids() if p != self.process.pid]
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        for pid in proxy:  # only if the hub could not stop it (it normally has)
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        try:
            os.killpg(self.process.pid, signal.SIGKILL)  # anything else left in its process group
        except ProcessLookupError:
            pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def port_open(port: int) -> bool:
    import socket

    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@dataclass
class HubUser:
    """One participant's JupyterLab behind the hub, as :class:`browser.labdriver.Participant` drives it."""

    hub: Hub
    account: Account

    @property
    def port(self) -> int:
        return self.hub.port

    def url(self, path: str = "lab") -> str:
        return f"{self.hub.base_url}/user/{self.account.name}/{path.lstrip('/')}"

    def shutdown_kernels(self) -> None:  # the hub stops everything at the end
        pass


def log_in(page, hub: Hub, name: str, password: str, *, timeout: float = 180.0) -> None:
    """Log in on the hub's own login page, as a participant does, and wait for JupyterLab."""
    page.goto(f"{hub.base_url}/hub/login", wait_until="domcontentloaded")
    page.locator("#username_input").fill(name)
    page.locator("#password_input").fill(password)
    page.locator("#login_submit").click()
    page.wait_for_url(f"**/user/{name}/lab/**", timeout=timeout * 1000)
