"""JupyterLab settings for a workshop: quiet, offline, and kind to widgets.

Installed by ``make lab`` (and ``python -m qi_kit lab-settings`` for the conda route) as
``<environment>/share/jupyter/lab/settings/overrides.json``:

- no "Jupyter news" or update checks, and the extension manager off: nothing calls the internet;
- notebook windowing mode ``none``: every cell is rendered, so widgets never go blank when a
  participant scrolls (JupyterLab 4's default lazy rendering has caused widget glitches).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/extensionmanager-extension:plugin": {"enabled": False},
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
}


def settings_path(prefix: str | None = None) -> Path:
    return Path(prefix or sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def install(prefix: str | None = None) -> str:
    """Merge the kit's overrides into the environment's overrides.json; returns a sentence."""
    from .workspace import atomic_write_text

    path = settings_path(prefix)
    current = {}
    if path.exists():
        try:
            current = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            current = {}
    merged = {**current, **{k: {**current.get(k, {}), **v} for k, v in OVERRIDES.items()}}
    atomic_write_text(path, json.dumps(merged, indent=2) + "\n")
    # readable by every account that uses this environment (on a hub, every participant's);
    # the atomic write's temporary file is private (0600), as a participant's work should be
    path.chmod(0o644)
    return "JupyterLab settings installed: no news or update checks, widgets always rendered."
