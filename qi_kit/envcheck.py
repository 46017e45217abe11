"""The environment check for the morning of a workshop: ``python -m qi_kit doctor``.

Each check prints one line a facilitator can read across a room of screens: a clear mark,
what was checked, and, when it fails, the exact command that fixes it. It never prints
environment variables, tokens or other secrets: only versions, yes/no answers and fixes.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

MIN_PYTHON = (3, 11)
#: distribution -> (importable module, lowest major.minor the kit is tested with)
PACKAGES: dict[str, tuple[str, tuple[int, int]]] = {
    "jupyterlab": ("jupyterlab", (4, 2)),
    "ipywidgets": ("ipywidgets", (8, 1)),
    "jupyterlab_widgets": ("jupyterlab_widgets", (3, 0)),
    "networkx": ("networkx", (3, 3)),
    "pandas": ("pandas", (2, 2)),
    "matplotlib": ("matplotlib", (3, 8)),
    "scipy": ("scipy", (1, 11)),
    "openpyxl": ("openpyxl", (3, 1)),
}
FIX_INSTALL = "make lab   (or: python -m pip install -e .)"


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""

    def line(self) -> str:
        mark = "OK  " if self.ok else "FIX "
        text = f"[{mark}] {self.name}: {self.detail}"
        return text if self.ok else f"{text}\n        -> {self.fix}"


def _version_tuple(text: str) -> tuple[int, ...]:
    parts = []
    for piece in text.split(".")[:2]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def check_python() -> Check:
    version = ".".join(map(str, sys.version_info[:3]))
    ok = sys.version_info[:2] >= MIN_PYTHON
    return Check("Python", ok, version if ok else f"{version} is too old (3.11 or newer needed)",
                 "install Python 3.11 or newer from python.org, then run: make lab")


def check_package(dist: str) -> Check:
    module, lowest = PACKAGES[dist]
    try:
        version = metadata.version(dist)
    except metadata.PackageNotFoundError:
        return Check(dist, False, "not installed", FIX_INSTALL)
    if _version_tuple(version) < lowest:
        return Check(dist, False, f"{version} is older than {'.'.join(map(str, lowest))}",
                     f"python -m pip install -U {dist}")
    return Check(dist, True, version)


def check_widget_extension() -> Check:
    """The JupyterLab front end of ipywidgets is installed where JupyterLab looks for it."""
    name = "widgets in JupyterLab"
    try:
        widgets_major = int(metadata.version("ipywidgets").split(".")[0])
        lab_major = int(metadata.version("jupyterlab_widgets").split(".")[0])
    except metadata.PackageNotFoundError:
        return Check(name, False, "the widget packages are missing", FIX_INSTALL)
    if (widgets_major, lab_major) != (8, 3):
        return Check(name, False, f"ipywidgets {widgets_major} and jupyterlab_widgets {lab_major} do not match "
                     "(widgets would show as plain text)", "python -m pip install -U 'ipywidgets>=8.1' 'jupyterlab_widgets>=3'")
    try:
        from jupyter_core.paths import jupyter_path
    except ImportError:
        return Check(name, False, "jupyter is not installed", FIX_INSTALL)
    for folder in jupyter_path("labextensions"):
        if (Path(folder) / "@jupyter-widgets" / "jupyterlab-manager" / "package.json").exists():
            return Check(name, True, "the widget extension is installed")
    return Check(name, False, "the JupyterLab widget extension was not found (widgets would show as text)",
                 "python -m pip install --force-reinstall jupyterlab_widgets")


def check_kernel() -> Check:
    """The notebook kernel ('python3') runs a Python that can import qi_kit."""
    name = "notebook kernel"
    try:
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    except ImportError:
        return Check(name, False, "jupyter is not installed", FIX_INSTALL)
    try:
        spec = KernelSpecManager().get_kernel_spec("python3")
    except NoSuchKernel:
        return Check(name, False, "there is no 'python3' kernel", "python -m ipykernel install --sys-prefix")
    executable = spec.argv[0] if spec.argv else ""
    if executable in ("python", "python3", "{python}"):
        executable = sys.executable
    try:
        result = subprocess.run([executable, "-c", "import qi_kit"], capture_output=True, timeout=60,
                                env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    except (OSError, subprocess.TimeoutExpired):
        return Check(name, False, "the kernel's Python could not be started", "python -m ipykernel install --sys-prefix")
    if result.returncode != 0:
        return Check(name, False, "the kernel cannot import qi_kit (it uses another Python)",
                     "python -m ipykernel install --sys-prefix   (from the kit's environment)")
    return Check(name, True, "can import qi_kit")


def check_work_folder() -> Check:
    from .workspace import work_folder

    name = "work folder"
    try:
        folder = work_folder()
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".doctor-", delete=True) as handle:
            handle.write(b"ok")
            handle.flush()
    except OSError:
        return Check(name, False, "my_work cannot be written to",
                     "move the kit to a folder you own (e.g. your Documents) and run: make lab")
    return Check(name, True, f"'{folder.name}' can be written to (your work is saved there, never in git)")


def run_checks(*, kernel: bool = True) -> list[Check]:
    """Every check, in the order a facilitator reads them."""
    checks = [check_python(), *(check_package(d) for d in PACKAGES), check_widget_extension()]
    if kernel:
        checks.append(check_kernel())
    checks.append(check_work_folder())
    return checks


def report(checks: list[Check]) -> str:
    """The checks as text, ending with one line that says whether the machine is ready."""
    failed = [c for c in checks if not c.ok]
    lines = ["qi_kit environment check", "========================", *(c.line() for c in checks), ""]
    if failed:
        lines.append(f"NOT READY: {len(failed)} of {len(checks)} checks need a fix (see the arrows above).")
    else:
        lines.append(f"READY: all {len(checks)} checks passed.")
    return "\n".join(lines)


def doctor(*, kernel: bool = False, quiet: bool = False) -> bool:
    """Run the environment check and print the result; True when everything is ready.

    In a notebook the kernel check is skipped by default (the notebook is already running in
    that kernel). ``quiet=True`` prints only the closing line when everything passed.
    """
    checks = run_checks(kernel=kernel)
    ok = all(c.ok for c in checks)
    if quiet and ok:
        print(f"READY: all {len(checks)} checks passed.")
    else:
        print(report(checks))
    return ok


def main(argv: list[str] | None = None) -> int:
    checks = run_checks(kernel="--no-kernel" not in (argv or []))
    print(report(checks))
    return 0 if all(c.ok for c in checks) else 1
