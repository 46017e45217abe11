"""Saving a participant's work so that nothing they typed is ever lost.

A workspace is one versioned JSON file (``my_work/workspace.json`` by default) with one section
per piece of work: ``map`` (the stakeholder map), and later ``pitch``, ``engagement``,
``reflection``... Each widget saves its own section and leaves the others as they are.

- Writes are atomic: the new text goes to a temporary file in the same folder, is flushed to
  disk, then replaces the old file in one step (``os.replace``). A crash mid-save leaves the
  old file whole.
- Before each save, the previous good copy is kept as ``workspace.json.bak``.
- A damaged file, or one written by a newer kit, gives a clear message naming the backup.

The work folder is ``my_work/`` at the top of the kit (git-ignored), or the folder named by the
environment variable ``QI_KIT_WORK_DIR`` (the tests use it so they never touch real work).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Mapping

from .errors import Problem, WorkspaceError
from .model import StakeholderMap

FORMAT = "qi_kit.workspace"
FORMAT_VERSION = 1
WORK_DIR_ENV = "QI_KIT_WORK_DIR"
DEFAULT_NAME = "workspace.json"


# --------------------------------------------------------------------------- where work lives


def work_folder() -> Path:
    """The participant's work folder, created if needed.

    ``$QI_KIT_WORK_DIR`` if set; otherwise the nearest ``my_work/`` folder in the current
    folder or above it (the kit ships one, git-ignored); otherwise ``./my_work``.
    """
    override = os.environ.get(WORK_DIR_ENV)
    if override:
        folder = Path(override)
    else:
        here = Path.cwd().resolve()
        folder = next((p / "my_work" for p in (here, *here.parents) if (p / "my_work").is_dir()),
                      here / "my_work")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def default_path() -> Path:
    """``workspace.json`` in the work folder."""
    return work_folder() / DEFAULT_NAME


def backup_path(path: str | os.PathLike) -> Path:
    path = Path(path)
    return path.with_name(path.name + ".bak")


# --------------------------------------------------------------------------- atomic writing


def atomic_write_text(path: str | os.PathLike, text: str) -> Path:
    """Write ``text`` to ``path`` so that the file is either the old one or the new one, whole."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Binary twin of :func:`atomic_write_text`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


# --------------------------------------------------------------------------- reading and writing


def _plain(value: Any) -> Any:
    """Sections as JSON-ready data: maps and objects with ``to_dict`` are converted."""
    if hasattr(value, "to_dict") and not isinstance(value, Mapping):
        value = value.to_dict()
    return value


def _read_document(path: Path) -> dict[str, Any]:
    """The parsed file, or a WorkspaceError explaining what is wrong and naming the backup."""
    backup = backup_path(path)
    rescue = (f"your previous copy is in '{backup.name}' next to it: load it with "
              f"qi_kit.load_workspace('{backup.name}') or ask your facilitator."
              if backup.exists() else "there is no backup yet; ask your facilitator.")
    try:
        text = path.read_text(encoding="utf-8")
        document = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise WorkspaceError(Problem(path.name, "Your saved work could not be read: the file is damaged.",
                                     rescue), title="Your saved work needs attention:") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise WorkspaceError(Problem(path.name, "This file is not a qi_kit workspace.", rescue),
                             title="Your saved work needs attention:")
    version = document.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise WorkspaceError(Problem(path.name, f"This work was saved by a newer version of the kit "
                                     f"(format {version}); this kit reads format {FORMAT_VERSION}.",
                                     f"update the kit (run `make lab` after `git pull`); meanwhile, {rescue}"),
                             title="Your saved work needs attention:")
    if not isinstance(document.get("sections"), dict):
        raise WorkspaceError(Problem(path.name, "Your saved work is incomplete (no sections).", rescue),
                             title="Your saved work needs attention:")
    return document


def save_workspace(path: str | os.PathLike | None = None, **sections: Any) -> Path:
    """Save sections of work (``map=...``, ``pitch=...``), keeping the other sections as they are.

    The previous good file is kept as ``<name>.bak``; the write is atomic. Returns the path.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from qi_kit.model import StakeholderMap
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "workspace.json"
    >>> _ = save_workspace(path, map=StakeholderMap([{"name": "Rosa"}]))
    >>> load_workspace(path)["map"].names
    ['Rosa']
    """
    path = Path(path) if path is not None else default_path()
    existing: dict[str, Any] = {}
    if path.exists():
        try:
            existing = _read_document(path)["sections"]
            atomic_write_bytes(backup_path(path), path.read_bytes())  # the last good copy
        except WorkspaceError:
            existing = {}  # never overwrite a good backup with a damaged file
    merged = {**existing, **{name: _plain(value) for name, value in sections.items()}}
    document = {"format": FORMAT, "version": FORMAT_VERSION, "sections": merged}
    try:
        text = json.dumps(document, indent=1, ensure_ascii=False, sort_keys=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise WorkspaceError(Problem(path.name, f"This work cannot be saved as text ({exc}).",
                                     "save plain text, numbers, lists and tables only.")) from None
    return atomic_write_text(path, text + "\n")


def load_workspace(path: str | os.PathLike | None = None) -> dict[str, Any]:
    """The saved sections as a dict; the ``map`` section comes back as a StakeholderMap.

    A missing file gives an empty dict (nothing saved yet).

    Raises
    ------
    WorkspaceError
        If the file is damaged or was written by a newer kit; the message names the backup.
    """
    path = Path(path) if path is not None else default_path()
    if not path.exists():
        return {}
    sections = dict(_read_document(path)["sections"])
    if "map" in sections and sections["map"] is not None:
        sections["map"] = StakeholderMap.from_dict(sections["map"])
    return sections


class Autosaver:
    """Saves one section of the workspace on every edit (widgets call :meth:`save`).

    >>> import tempfile, pathlib
    >>> saver = Autosaver("notes", pathlib.Path(tempfile.mkdtemp()) / "w.json")
    >>> saver.save({"text": "hello"}) and saver.load()
    {'text': 'hello'}
    """

    def __init__(self, section: str, path: str | os.PathLike | None = None):
        self.section = section
        self.path = Path(path) if path is not None else default_path()
        self.saves = 0
        self.last_error: WorkspaceError | None = None

    def save(self, value: Any) -> bool:
        """Save ``value`` as this section. Returns False (and keeps the error) if it failed."""
        try:
            save_workspace(self.path, **{self.section: value})
        except (OSError, WorkspaceError) as exc:
            self.last_error = exc if isinstance(exc, WorkspaceError) else WorkspaceError(
                Problem(self.path.name, f"Your work could not be saved ({exc.strerror or exc}).",
                        "check there is space on the disk and that the my_work folder can be written to; "
                        "run `python -m qi_kit doctor`."))
            return False
        self.last_error = None
        self.saves += 1
        return True

    def load(self, default: Any = None) -> Any:
        """This section as last saved, or ``default``."""
        return load_workspace(self.path).get(self.section, default)
