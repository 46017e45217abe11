"""Participants' own copies of the workshop notebooks, so lesson files never hold colleagues' names.

JupyterLab saves a notebook's outputs into the notebook file, and the outputs of the workshop
show a participant's map: their colleagues' names, stances and notes. So participants never
open the lesson files in ``workshops/`` (the kit's pristine, validated source, tracked by git):
they open their own copies in the work folder, ``my_work/notebooks/`` (git-ignored), which
:func:`make_copies` makes on first start (``python -m qi_kit notebooks``, run by ``make lab``
and by the JupyterHub set-up for each user).

Each copy is refreshed when the kit's lesson changes, unless the participant has edited it: a
copy is "never edited" while its cells' text is the text it was made with (running it, which
changes only outputs, is not editing). An edited copy is kept as it is, and the report says so.
The record of what each copy was made from is ``my_work/notebooks/.qi_kit-copies.json``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .workspace import atomic_write_bytes, atomic_write_text, work_folder

MANIFEST = ".qi_kit-copies.json"
START = "00_start_here.ipynb"


LESSONS_ENV = "QI_KIT_LESSONS"


def lessons_folder() -> Path:
    """The kit's lesson notebooks: ``$QI_KIT_LESSONS`` if set; else ``workshops/`` beside the package
    (a clone, or an editable install); else ``workshops/`` in the current folder (a hub that runs
    the command in the kit's folder, with the kit installed elsewhere)."""
    override = os.environ.get(LESSONS_ENV)
    if override:
        return Path(override)
    beside = Path(__file__).resolve().parents[1] / "workshops"
    if any(beside.glob("*.ipynb")):
        return beside
    here = Path.cwd() / "workshops"
    return here if any(here.glob("*.ipynb")) else beside


def copies_folder(work: str | os.PathLike | None = None) -> Path:
    """Where a participant's own notebooks live: ``my_work/notebooks``."""
    return (Path(work) if work is not None else work_folder()) / "notebooks"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def cells_digest(data: bytes) -> str | None:
    """A fingerprint of a notebook's cells' types and text, ignoring outputs and metadata
    (None if the file is not a notebook)."""
    try:
        notebook = json.loads(data.decode("utf-8"))
        cells = [(c.get("cell_type"), "".join(c.get("source") or "") if isinstance(c.get("source"), list)
                  else c.get("source") or "") for c in notebook.get("cells", [])]
    except (ValueError, AttributeError, TypeError):
        return None
    return _digest(json.dumps(cells, ensure_ascii=False).encode("utf-8"))


@dataclass
class Copies:
    """What :func:`make_copies` did, as a sentence (``str(copies)``)."""

    folder: Path
    made: list[str] = field(default_factory=list)
    refreshed: list[str] = field(default_factory=list)
    kept_edited: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def start(self) -> Path:
        """The first notebook to open."""
        return self.folder / START

    def __str__(self) -> str:
        where = f"{self.folder.parent.name}/{self.folder.name}"
        total = len(self.made) + len(self.refreshed) + len(self.kept_edited) + len(self.unchanged)
        parts = [f"Your own copies of the {total} workshop notebooks are in {where} (never shared, never in git)."]
        if self.made:
            parts.append(f"Made now: {len(self.made)}.")
        if self.refreshed:
            parts.append(f"Brought up to date with the kit: {', '.join(self.refreshed)}.")
        if self.kept_edited:
            parts.append(f"Kept as you edited them: {', '.join(self.kept_edited)} (to get the kit's newer version, "
                         "rename your copy and run this again).")
        return " ".join(parts)

    __repr__ = __str__


def _manifest(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def make_copies(source: str | os.PathLike | None = None, target: str | os.PathLike | None = None) -> Copies:
    """Make or refresh the participant's own copies of the workshop notebooks.

    Parameters
    ----------
    source
        The lesson notebooks (default: the kit's ``workshops/``).
    target
        Where the copies go (default: ``my_work/notebooks``).

    Returns
    -------
    Copies
        What was made, refreshed or kept; ``str()`` says it in a sentence.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> made = make_copies(target=pathlib.Path(tempfile.mkdtemp()) / "notebooks")
    >>> made.start.name, len(made.made) > 0
    ('00_start_here.ipynb', True)
    """
    source = Path(source) if source is not None else lessons_folder()
    if not any(source.glob("*.ipynb")):
        raise FileNotFoundError(f"No workshop notebooks in {source}: run this in the kit's folder, or give "
                                f"--from FOLDER (or set {LESSONS_ENV}).")
    folder = Path(target) if target is not None else copies_folder()
    folder.mkdir(parents=True, exist_ok=True)
    record = _manifest(folder)
    result = Copies(folder)
    for lesson in sorted(source.glob("*.ipynb")):
        data = lesson.read_bytes()
        copy = folder / lesson.name
        made_from = record.get(lesson.name) or {}
        if not copy.exists():
            atomic_write_bytes(copy, data)
            result.made.append(lesson.name)
        elif made_from.get("lesson") == _digest(data):
            result.unchanged.append(lesson.name)
            continue
        elif cells_digest(copy.read_bytes()) in (made_from.get("cells"), cells_digest(data)):
            atomic_write_bytes(copy, data)  # never edited: the kit's new version replaces it
            result.refreshed.append(lesson.name)
        else:
            result.kept_edited.append(lesson.name)
            continue
        record[lesson.name] = {"lesson": _digest(data), "cells": cells_digest(data)}
    atomic_write_text(folder / MANIFEST, json.dumps(record, indent=1, sort_keys=True) + "\n")
    return result


def used_copies(folder: str | os.PathLike | None = None) -> list[Path]:
    """The copies that are no longer as the kit made them (run, edited, or with JupyterLab's
    checkpoints beside them): the ones that may show the participant's work."""
    folder = Path(folder) if folder is not None else copies_folder()
    record = _manifest(folder)
    used = [p for p in sorted(folder.glob("*.ipynb"))
            if (record.get(p.name) or {}).get("lesson") != _digest(p.read_bytes())]
    checkpoints = folder / ".ipynb_checkpoints"
    if checkpoints.is_dir() and any(checkpoints.iterdir()):
        used += [p for p in sorted(folder.glob("*.ipynb")) if p not in used]
    return used


def reset_copies(folder: str | os.PathLike | None = None, source: str | os.PathLike | None = None) -> list[Path]:
    """Put every copy back as the kit made it (no outputs from the participant's work, no
    checkpoints). Returns the copies that had been used (see :func:`used_copies`)."""
    folder = Path(folder) if folder is not None else copies_folder()
    if not folder.is_dir():
        return []
    used = used_copies(folder)
    shutil.rmtree(folder, ignore_errors=True)
    make_copies(source, folder)
    return used


def lab_command(copies: Copies, extra: list[str]) -> tuple[list[str], Path]:
    """The ``jupyter lab`` command that opens the participant's start notebook, and its folder.

    JupyterLab serves one folder: the current folder when the work folder is inside it (``make
    lab`` in a clone: the file browser shows ``workshops/``, ``my_work/``...), else the work
    folder's parent. Run as root (a container or a cloud machine), the command says
    ``--allow-root``: JupyterLab would otherwise stop with "Running as root is not recommended".
    """
    here = Path.cwd().resolve()
    start = copies.start.resolve()
    root = here if here in start.parents else start.parents[2]
    as_root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in extra else []
    return ([sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={root}", *as_root,
             start.relative_to(root).as_posix(), *extra], root)
