"""The two ways to install the kit (pip via pyproject.toml, conda via environment.yml) agree."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _requirement(text: str) -> tuple[str, str]:
    match = re.match(r"\s*([A-Za-z0-9_.\-]+)\s*(.*)", text)
    assert match, text
    return match.group(1).lower().replace("_", "-"), match.group(2).replace(" ", "")


def _pyproject() -> tuple[dict[str, str], dict[str, str]]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    runtime = dict(_requirement(r) for r in data["project"]["dependencies"])
    test = dict(_requirement(r) for r in data["project"]["optional-dependencies"]["test"])
    return runtime, test


def _environment(*, pip: bool = True) -> dict[str, str]:
    """Dependencies of environment.yml: conda's flat list, and (unless ``pip=False``) the pip list
    for packages conda-forge does not have (parsed without a YAML library)."""
    deps: dict[str, str] = {}
    in_deps = False
    item = re.compile(r"^  - [A-Za-z]|^      - [A-Za-z]" if pip else r"^  - [A-Za-z]")
    for line in (ROOT / "environment.yml").read_text().splitlines():
        if line.startswith("dependencies:"):
            in_deps = True
            continue
        if in_deps and item.match(line) and not line.strip().endswith(":"):
            name, spec = _requirement(line.strip()[2:])
            deps[name] = spec
    return deps


def test_runtime_dependencies_match():
    runtime, _ = _pyproject()
    conda = _environment()
    for name, spec in runtime.items():
        assert name in conda, f"{name} is in pyproject.toml but not in environment.yml"
        assert conda[name] == spec, f"{name}: pyproject says {spec!r}, environment.yml says {conda[name]!r}"


def test_test_dependencies_match():
    _, test = _pyproject()
    conda = _environment()
    for name, spec in test.items():
        assert conda.get(name) == spec, f"test extra {name}{spec} differs in environment.yml"


def test_nothing_extra_in_environment():
    runtime, test = _pyproject()
    conda = _environment()
    extra = set(conda) - set(runtime) - set(test) - {"python", "pip"}
    assert not extra, f"environment.yml lists packages pyproject.toml does not: {sorted(extra)}"


def test_named_packages_are_there():
    runtime, test = _pyproject()
    for name in ("jupyterlab", "ipywidgets", "networkx", "pandas", "matplotlib"):
        assert name in runtime
    assert "nbval" in test and "nbval" not in runtime


def test_python_floor_is_the_same():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert data["project"]["requires-python"] == ">=3.11"
    assert _environment()["python"] == ">=3.11"
    assert sys.version_info >= (3, 11)


def test_my_work_is_ignored_by_git():
    ignore = (ROOT / ".gitignore").read_text()
    assert "/my_work/*" in ignore
    assert (ROOT / "my_work" / ".gitignore").read_text().startswith("*")


@pytest.mark.parametrize("path", ["README.md", "Makefile", ".ci/run", "environment.yml"])
def test_setup_files_exist(path):
    assert (ROOT / path).is_file()



def _recipe(target: str) -> str:
    """The commands of one Makefile rule (its recipe lines, tab-indented, after ``target:``)."""
    lines = (ROOT / "Makefile").read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{target}:"))
    body = []
    for line in lines[start + 1:]:
        if not line.startswith("\t"):
            break
        body.append(line)
    return "\n".join(body)


def test_make_lab_installs_no_test_tools_and_make_test_does():
    lab = _recipe("$(STAMP)")
    assert "pip install" in lab and "[test]" not in lab and "[hub]" not in lab
    assert '-e ".[test]"' in _recipe("$(TEST_STAMP)")
    assert "$(TEST_STAMP)" in next(line for line in (ROOT / "Makefile").read_text().splitlines()
                                   if line.startswith("test:"))
    assert "pytest-xdist" in _pyproject()[1] and "pytest-xdist" not in _pyproject()[0]


def test_browser_and_hub_tests_run_alone_and_the_rest_side_by_side():
    test = _recipe("test")
    assert '-n $(JOBS) -m "not browser and not hub" tests' in test
    assert '-p no:xdist -m "browser or hub" tests' in test
    assert "--dist loadscope" in (ROOT / "Makefile").read_text()  # a notebook's cells stay on one process
