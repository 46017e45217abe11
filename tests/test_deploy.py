"""deploy/jupyterhub: the hub configuration's settings and the workshop links (no hub started here;
tests/hub/ starts the real one)."""

from __future__ import annotations

import importlib.util
import os
import stat
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy" / "jupyterhub"


def load_config(tmp_path, monkeypatch, **settings):
    from traitlets.config.loader import PyFileConfigLoader

    for name in [k for k in os.environ if k.startswith("QI_HUB_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("QI_HUB_DATA", str(tmp_path / "hub"))
    for name, value in settings.items():
        monkeypatch.setenv(f"QI_HUB_{name}", value)
    return PyFileConfigLoader("jupyterhub_config.py", path=str(DEPLOY)).load_config()


def test_the_trial_hub_is_local_and_says_it_is_not_isolated(tmp_path, monkeypatch):
    c = load_config(tmp_path, monkeypatch, MODE="trial", PASSWORD="trial-pass")
    assert c.JupyterHub.ip == "127.0.0.1" and c.JupyterHub.spawner_class.endswith("SimpleLocalProcessSpawner")
    assert c.JupyterHub.authenticator_class == "shared-password"
    assert c.SimpleLocalProcessSpawner.home_dir_template == str(tmp_path / "hub" / "homes" / "{username}")
    assert stat.S_IMODE((tmp_path / "hub").stat().st_mode) == 0o700
    assert "no isolation" in (DEPLOY / "jupyterhub_config.py").read_text()


def test_a_server_hub_runs_each_participant_as_their_own_account(tmp_path, monkeypatch):
    c = load_config(tmp_path, monkeypatch, SHARE_DIR=str(tmp_path / "shared"), FACILITATOR_GROUP="root")
    assert c.JupyterHub.spawner_class == "jupyterhub.spawner.LocalProcessSpawner"
    assert c.JupyterHub.authenticator_class == "pam" and c.Authenticator.admin_users == {"facilitator"}
    assert c.Spawner.mem_limit == "1G" and c.Spawner.cpu_limit == 1.0
    assert c.Spawner.environment["QI_KIT_SHARE_DIR"] == str(tmp_path / "shared")
    assert c.Spawner.default_url == "/lab/tree/workshops/00_start_here.ipynb"
    culler = c.JupyterHub.services[0]
    assert culler["name"] == "idle-culler" and "--timeout=3600" in culler["command"]
    assert "delete:servers" in c.JupyterHub.load_roles[0]["scopes"]
    if os.geteuid() == 0:  # the drop folder: write your own, list and read nothing (facilitators: all)
        assert stat.S_IMODE((tmp_path / "shared").stat().st_mode) == 0o3773


def test_systemd_spawner_and_limits_can_be_chosen(tmp_path, monkeypatch):
    c = load_config(tmp_path, monkeypatch, MODE="trial", SPAWNER="systemd", MEM_LIMIT="2G", CPU_LIMIT="0.5",
                    CONTENT="nbgitpuller")
    assert c.JupyterHub.spawner_class == "systemdspawner.SystemdSpawner"
    assert c.Spawner.mem_limit == "2G" and c.Spawner.cpu_limit == 0.5 and c.Spawner.default_url == "/lab"


def test_a_wrong_setting_is_a_clear_message(tmp_path, monkeypatch):
    with pytest.raises(SystemExit, match="use 'server'"):
        load_config(tmp_path, monkeypatch, MODE="cloud")


def _make_link():
    spec = importlib.util.spec_from_file_location("make_link", DEPLOY / "make_link.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_nbgitpuller_link_opens_the_start_notebook_of_the_participants_copy():
    link = _make_link().nbgitpuller_link("https://hub.example.org", "https://github.com/an-org/qi_kit.git")
    url = urlparse(link)
    assert url.path == "/hub/user-redirect/git-pull"
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    assert query == {"repo": "https://github.com/an-org/qi_kit.git", "branch": "main",
                     "urlpath": "lab/tree/my_work/notebooks/00_start_here.ipynb"}
    assert (ROOT / "workshops" / "00_start_here.ipynb").exists()
    import nbgitpuller  # noqa: F401  (installed with the hub's packages)


def test_the_binder_link_and_the_docs_agree():
    link = _make_link().binder_link("https://github.com/an-org/qi_kit")
    assert link == "https://mybinder.org/v2/gh/an-org/qi_kit/HEAD?urlpath=lab/tree/my_work/notebooks/00_start_here.ipynb"
    for doc in (ROOT / "README.md", ROOT / "workshops" / "FACILITATOR.md", DEPLOY / "README.md"):
        text = doc.read_text()
        assert "?urlpath=lab/tree/my_work/notebooks/00_start_here.ipynb" in text, doc
        assert "urlpath=lab/tree/workshops/" not in text, doc
