"""Everything the kit keeps about a participant: what it is, where, and how to delete it.

All of it is in the work folder (``my_work/``, git-ignored; on a JupyterHub, the folder the
facilitator set up for each participant), on the computer or server the notebooks run on.
Nothing is sent anywhere. :func:`what_is_kept` lists it in words; :func:`delete_my_work`
deletes it and says what it removed (the workshop's "Delete my work" button calls it).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .text import plural
from .workspace import DEFAULT_NAME, backup_path, related_files, work_folder

#: what each kept file or folder holds, for the participant (relative to the work folder)
KEPT: dict[str, str] = {
    DEFAULT_NAME: "your map, its undo history, your pitch, engagement plan, reflections and written answers",
    DEFAULT_NAME + ".bak": "a second copy of the same, in case the first is damaged",
    DEFAULT_NAME + ".damaged": "a saved-work file that could not be read, kept as it was found",
    DEFAULT_NAME + ".before-restore": "work replaced when you restored the backup",
    "exports/": "the files you exported: summaries, pitch, engagement plan, the map as spreadsheets",
    "notebooks/": "your own copies of the workshop notebooks, with what they showed when you ran them",
}


def _files_in(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.is_dir() else []


def what_is_kept(folder: str | os.PathLike | None = None) -> str:
    """What the kit keeps about you, where, and how to delete it, in words (relative names only).

    >>> import tempfile
    >>> print(what_is_kept(tempfile.mkdtemp()).splitlines()[0])
    Nothing of yours is kept yet in this work folder.
    """
    base = Path(folder) if folder is not None else work_folder()
    lines = []
    for name, meaning in KEPT.items():
        path = base / name.rstrip("/")
        if name.endswith("/"):
            count = len(_files_in(path))
            if count:
                lines.append(f"- {base.name}/{name} ({plural(count, 'file')}): {meaning}.")
        elif path.exists():
            lines.append(f"- {base.name}/{name}: {meaning}.")
    if not lines:
        return ("Nothing of yours is kept yet in this work folder.\n"
                "When you work, everything is kept in it, on this computer only; 'Delete my work' removes it.")
    return "\n".join([f"Kept in {base.name}/, on this computer only, until you delete it:", *lines,
                      "To delete all of it: the 'Delete my work' button (notebook 07), or "
                      "qi_kit.delete_my_work() in any notebook."])


@dataclass
class Deleted:
    """What :func:`delete_my_work` removed, as a sentence (``str(deleted)``)."""

    folder: Path
    removed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    notebooks_reset: bool = False

    def __str__(self) -> str:
        if not self.removed and not self.failed:
            return f"There was nothing to delete: {self.folder.name}/ holds none of your work."
        text = f"Deleted from {self.folder.name}/: {', '.join(self.removed)}."
        if self.notebooks_reset:
            text += " Your workshop notebooks are back as the kit made them."
        text += (" Notebooks open in JupyterLab still show your work: close them without saving (if JupyterLab "
                 "asks about a changed file, choose 'Revert'), or they are saved again.")
        if self.failed:
            text += f" Could not delete: {', '.join(self.failed)} (close any program using them and try again)."
        return text

    __repr__ = __str__


def delete_my_work(folder: str | os.PathLike | None = None) -> Deleted:
    """Delete everything the kit keeps about you: saved work, its backups, temporary files,
    exports and the outputs in your notebook copies. Says what it removed.

    The notebook copies are put back as the kit made them (so the workshop still opens), with
    none of your work in them. This cannot be undone.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from qi_kit.workspace import save_workspace
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = save_workspace(folder / "workspace.json", reflection={"a": "Rosa"})
    >>> print(delete_my_work(folder).removed)
    ['workspace.json', 'workspace.json.bak', 'workspace.json.lock']
    """
    from .lessons import copies_folder, reset_copies, used_copies

    base = Path(folder) if folder is not None else work_folder()
    result = Deleted(base)
    workspace = base / DEFAULT_NAME
    for path in [*related_files(workspace), *related_files(backup_path(workspace))]:
        if path.exists():
            _remove(path, path.name, result)
    exports = base / "exports"
    count = len(_files_in(exports))
    if exports.is_dir() and count:
        try:
            shutil.rmtree(exports)
            result.removed.append(f"exports/ ({plural(count, 'file')})")
        except OSError:
            result.failed.append("exports/")
    copies = copies_folder(base)
    if copies.is_dir() and used_copies(copies):
        try:
            reset = reset_copies(copies)
            result.removed.append(f"what your {plural(len(reset), 'notebook copy', 'notebook copies')} "
                                  "showed (notebooks/)")
            result.notebooks_reset = True
        except OSError:
            result.failed.append("notebooks/")
    return result


def _remove(path: Path, label: str, result: Deleted) -> None:
    try:
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
        if label not in result.removed:
            result.removed.append(label)
    except FileNotFoundError:
        pass
    except OSError:
        result.failed.append(label)
