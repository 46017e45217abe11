"""binder/: what repo2docker builds for Binder and for Zero to JupyterHub's single-user image.

No container engine is here, so the image cannot be built; what can be checked is checked: the
environment file installs the same packages as the top-level environment.yml (plus the hub's),
never the kit itself (repo2docker installs it before copying the repository), and postBuild
really installs the kit and its JupyterLab settings, in a fresh virtual environment.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

from test_packaging import ROOT, _environment, _requirement

BINDER = ROOT / "binder"


def _binder_environment() -> dict[str, str]:
    deps = {}
    in_deps = False
    for line in (BINDER / "environment.yml").read_text().splitlines():
        if line.startswith("dependencies:"):
            in_deps = True
        elif in_deps and line.startswith("  - ") and not line.strip().endswith(":"):
            name, spec = _requirement(line.strip()[2:])
            deps[name] = spec
    return deps


def test_binder_environment_is_the_kits_plus_the_hubs():
    hub = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]["hub"]
    # conda-forge's packages only: the one test tool from PyPI (axe-playwright-python, the browser
    # tests' accessibility audit) is not needed on Binder, whose file has no pip section
    expected = {**_environment(pip=False), **dict(_requirement(r) for r in hub)}
    assert _binder_environment() == expected


def test_binder_environment_does_not_install_the_kit():
    text = (BINDER / "environment.yml").read_text()
    assert "-e ." not in text and "pip:" not in text


def test_postbuild_installs_the_kit_and_its_lab_settings_in_a_fresh_venv(tmp_path):
    postbuild = BINDER / "postBuild"
    assert os.access(postbuild, os.X_OK) and postbuild.read_text().startswith("#!/bin/bash")
    repo = tmp_path / "repo"  # repo2docker runs postBuild in (its copy of) the repository
    for name in ("qi_kit", "binder", "workshops"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
    (repo / "my_work").mkdir()  # in the repository, git-ignored
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, repo / name)
    env = tmp_path / "env"
    venv.create(env, with_pip=True)
    path = f"{env / 'bin'}{os.pathsep}{os.environ['PATH']}"
    # repo2docker installs binder/environment.yml before postBuild; of it, what the kit's import needs
    subprocess.run([str(env / "bin" / "python"), "-m", "pip", "install", "--quiet", "networkx", "pandas"],
                   check=True, capture_output=True, timeout=600)
    result = subprocess.run(["bash", "binder/postBuild"], cwd=repo, capture_output=True, text=True, timeout=600,
                            env={**{k: v for k, v in os.environ.items() if not k.startswith("QI_KIT_")}, "PATH": path, "VIRTUAL_ENV": str(env), "PIP_DISABLE_PIP_VERSION_CHECK": "1"})
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    overrides = json.loads((env / "share" / "jupyter" / "lab" / "settings" / "overrides.json").read_text())
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    where = subprocess.run([str(env / "bin" / "python"), "-c", "import qi_kit; print(qi_kit.__file__)"],
                           cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(repo)) and sys.prefix not in where
    # the launch link opens the participant's copy, which postBuild made (never the lesson file)
    assert (repo / "my_work" / "notebooks" / "00_start_here.ipynb").is_file()
    assert {p.name for p in (repo / "workshops").glob("*.ipynb")} <= \
        {p.name for p in (repo / "my_work" / "notebooks").glob("*.ipynb")}
