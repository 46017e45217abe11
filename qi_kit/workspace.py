"""Saving a participant's work so that nothing they typed is ever lost.

A workspace is one versioned JSON file (``my_work/workspace.json`` by default) with one section
per piece of work: ``map`` (the stakeholder map), ``pitch``, ``engagement``, ``reflection``...
Each widget saves its own section and leaves the others as they are.

What keeps the work safe:

- **Atomic writes.** The new text goes to a temporary file in the same folder, is flushed to
  disk, then replaces the old file in one step (``os.replace``). A crash or a ``kill -9``
  mid-save leaves the old file whole; the next save removes the temporary file left behind.
- **A last good copy.** Each save writes the file, then the same text again as
  ``workspace.json.bak``, so a file damaged from outside (a sync tool, an editor, a failing
  disk) loses nothing. The copy is only ever made by a save that read the file whole and right:
  when the file cannot be read, it is kept aside as ``workspace.json.damaged``, new saves start
  a fresh file marked "rescue", and the backup stays untouched until :func:`restore_workspace`
  (or the widgets' *Restore my work* button) brings it back. Nothing is lost however many
  autosaves follow the damage.
- **A lock.** Saves from several cells, notebooks or kernels take a file lock
  (``workspace.json.lock``, with the ``filelock`` package: Linux, macOS and Windows), then read,
  merge and write under it, so no save reverts another's section.
- **Revisions.** Each section has a revision number. An :class:`Autosaver` remembers the one it
  last read; if the section changed elsewhere since (another cell, another kernel), its save is
  merged with that change (:func:`merge3`: both edits kept) instead of overwriting it, and the
  widget is told what came from elsewhere.
- **Plain messages.** Every problem with the file is a :class:`~qi_kit.errors.WorkspaceError`
  saying what happened and how to get the work back, with a command that works from any folder.

The work folder is the folder named by the environment variable ``QI_KIT_WORK_DIR`` (the tests
and JupyterHub use it), else the nearest ``my_work/`` in or above the current folder, else the
kit's own ``my_work/`` (git-ignored).
"""

from __future__ import annotations

import json
import os
import secrets
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from .errors import MapError, Problem, WorkspaceError
from .merging import MISSING, merge3, merge_maps, same
from .text import and_list, plural, word_for

FORMAT = "qi_kit.workspace"
FORMAT_VERSION = 1
WORK_DIR_ENV = "QI_KIT_WORK_DIR"
DEFAULT_NAME = "workspace.json"
LOCK_TIMEOUT = 15.0  # seconds a save waits for another save to finish
MAX_DEPTH = 64  # nesting a saved document may have (a deeper one is damage, not work)
TITLE = "Your saved work needs attention:"
PRIVATE = 0o600  # saved work: readable by its owner only, wherever the folder is


# --------------------------------------------------------------------------- where work lives


def _kit_work_folder() -> Path | None:
    """``my_work/`` beside the kit's package (a clone or an editable install), if there is one."""
    root = Path(__file__).resolve().parents[1]
    folder = root / "my_work"
    return folder if folder.is_dir() and (root / "qi_kit").is_dir() else None


def work_folder() -> Path:
    """The participant's work folder, created if needed.

    ``$QI_KIT_WORK_DIR`` if set; otherwise the nearest ``my_work/`` folder in the current
    folder or above it; otherwise the kit's own ``my_work/``; otherwise ``./my_work``.
    """
    override = os.environ.get(WORK_DIR_ENV)
    if override:
        folder = Path(override)
    else:
        here = Path.cwd().resolve()
        found = next((p / "my_work" for p in (here, *here.parents) if (p / "my_work").is_dir()), None)
        folder = found or _kit_work_folder() or here / "my_work"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def default_path() -> Path:
    """``workspace.json`` in the work folder."""
    return work_folder() / DEFAULT_NAME


def backup_path(path: str | os.PathLike) -> Path:
    """The last good copy of ``path`` (written by every good save): ``workspace.json.bak``."""
    path = Path(path)
    return path.with_name(path.name + ".bak")


def damaged_path(path: str | os.PathLike) -> Path:
    """Where a file that could not be read is kept, as found: ``workspace.json.damaged``."""
    path = Path(path)
    return path.with_name(path.name + ".damaged")


def replaced_path(path: str | os.PathLike) -> Path:
    """Where a restore keeps the sections it replaced: ``workspace.json.before-restore``."""
    path = Path(path)
    return path.with_name(path.name + ".before-restore")


def lock_path(path: str | os.PathLike) -> Path:
    path = Path(path)
    return path.with_name(path.name + ".lock")


def temp_files(path: str | os.PathLike) -> list[Path]:
    """Temporary files that saves of ``path`` (and of its backup) left behind, if any."""
    path = Path(path)
    try:
        return sorted(path.parent.glob(f".{path.name}*.tmp"))
    except OSError:
        return []


def related_files(path: str | os.PathLike) -> list[Path]:
    """Every file the workspace ``path`` uses that exists: itself, backup, damaged copy, lock, temp files."""
    path = Path(path)
    files = [path, backup_path(path), damaged_path(path), replaced_path(path), lock_path(path), *temp_files(path)]
    return [p for p in files if p.exists()]


def _command(path: Path) -> str:
    """A restore command that works from any folder: no argument for the usual file."""
    try:
        usual = path.resolve() == default_path().resolve()
    except OSError:
        usual = False
    return "qi_kit.restore_workspace()" if usual else f"qi_kit.restore_workspace(r'{path.resolve()}')"


# --------------------------------------------------------------------------- atomic writing


def _fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable too (POSIX; a no-op where folders cannot be opened)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _default_mode() -> int:
    """What a new file's permissions would be (0o666 less the process's umask)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write_bytes(path: str | os.PathLike, data: bytes, *, durable: bool = True,
                       mode: int | None = None, keep_mode: bool = True) -> Path:
    """Write ``data`` to ``path`` so that the file is either the old one or the new one, whole.

    The one way the kit writes a file: the bytes go to a temporary file beside ``path``, then
    replace it in one step (``os.replace``). ``durable`` (the default) also flushes the file and
    its folder to the disk before returning, so the new file survives a power cut; a second copy
    can skip that (the first is durable). The file keeps the permissions of the one it replaces
    (a new file: ``mode``, or the usual permissions for a new file), so a notebook refreshed by
    an instructor stays readable; ``keep_mode=False`` always gives it ``mode`` (a file shared
    with a facilitator's group).

    See Also
    --------
    atomic_write_text : the same for text.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = atomic_write_bytes(pathlib.Path(tempfile.mkdtemp()) / "a" / "b.bin", b"qi")
    >>> path.read_bytes(), sorted(p.name for p in path.parent.iterdir())
    (b'qi', ['b.bin'])
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        if not keep_mode:
            raise FileNotFoundError(path)
        keep = path.stat().st_mode & 0o7777
    except OSError:
        keep = mode if mode is not None else _default_mode()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, keep)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if durable:
        _fsync_folder(path.parent)
    return path


def atomic_write_text(path: str | os.PathLike, text: str, *, mode: int | None = None,
                      keep_mode: bool = True) -> Path:
    """Text twin of :func:`atomic_write_bytes` (UTF-8, ``\\n`` line ends).

    See Also
    --------
    atomic_write_bytes : the write itself, and what ``mode`` and ``keep_mode`` mean.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> atomic_write_text(pathlib.Path(tempfile.mkdtemp()) / "note.txt", "Rosa\\n").read_text()
    'Rosa\\n'
    """
    return atomic_write_bytes(path, text.encode("utf-8"), mode=mode, keep_mode=keep_mode)


# --------------------------------------------------------------------------- the lock


def workspace_lock(path: str | os.PathLike):
    """The lock every save of ``path`` takes (a context manager; re-entrant in one thread).

    ``filelock`` uses ``fcntl.flock`` on Linux and macOS and ``msvcrt.locking`` on Windows; the
    system releases the lock if a process dies holding it, so a killed kernel never blocks saves.
    """
    from filelock import FileLock

    return FileLock(os.fspath(lock_path(path)), timeout=LOCK_TIMEOUT)


class _Locked:
    """``with _Locked(path):`` the workspace lock, its failures as plain WorkspaceErrors."""

    def __init__(self, path: Path):
        self.path = path
        self.lock = workspace_lock(path)

    def __enter__(self) -> "_Locked":
        from filelock import Timeout

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.lock.acquire()
        except Timeout:
            raise WorkspaceError(Problem(self.path.name, "Your work is being saved by another notebook that has "
                                                         f"not finished after {LOCK_TIMEOUT:.0f} seconds.",
                                         "try again in a moment; if it keeps happening, restart the other "
                                         "notebooks' kernels (Kernel > Restart Kernel)."), title=TITLE) from None
        except OSError as exc:
            raise _cannot_save(self.path, exc) from None
        return self

    def __exit__(self, *exc: Any) -> None:
        self.lock.release()


def _cannot_save(path: Path, exc: OSError) -> WorkspaceError:
    return WorkspaceError(Problem(path.name, f"Your work could not be saved ({exc.strerror or type(exc).__name__}).",
                                  "check there is space on the disk and that the my_work folder can be written to; "
                                  "run `python -m qi_kit doctor`."))


def _clean_temp_files(path: Path) -> list[Path]:
    """Remove what interrupted saves left behind (only ever called holding the lock)."""
    removed = []
    for tmp in temp_files(path):
        try:
            tmp.unlink()
            removed.append(tmp)
        except OSError:
            pass
    return removed


# --------------------------------------------------------------------------- reading


@dataclass
class _State:
    """What is in the file now: the document, or why it cannot be read."""

    path: Path
    exists: bool
    document: dict[str, Any] | None = None
    problem: str = ""  # "damaged", "unreadable", "newer", "not ours", "incomplete"
    error: WorkspaceError | None = None
    raw: bytes | None = None

    @property
    def ok(self) -> bool:
        return self.document is not None


def _depth(value: Any, limit: int = MAX_DEPTH) -> int:
    """How deeply lists and dicts nest in ``value`` (stops counting past ``limit``)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return depth
        deepest = max(deepest, depth)
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return deepest


def _map_shape_ok(value: Any) -> bool:
    """A saved map section is a dict of a title and two lists of rows (or absent)."""
    if value is None:
        return True
    if not isinstance(value, dict) or not isinstance(value.get("title", ""), (str, type(None))):
        return False
    return all(isinstance(value.get(table, []), list) and all(isinstance(row, dict) for row in value.get(table, []))
               for table in ("people", "ties"))


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _parse(raw: bytes) -> Any:
    text = raw.decode("utf-8")
    return json.loads(text, parse_constant=_no_constant)


def _rescue_words(path: Path) -> str:
    """How to get the work back, for a message about ``path``."""
    backup = _read(backup_path(path))
    if backup.ok:
        return (f"your previous copy is safe in '{backup.path.name}' next to it ({_contents(backup.document)}). "
                f"Press 'Restore my work' in the editor, or run {_command(path)} in any notebook.")
    kept = damaged_path(path)
    if kept.exists():
        return f"there is no good backup; the damaged file is kept as '{kept.name}': show it to your facilitator."
    return "there is no backup yet; ask your facilitator."


def _read(path: Path) -> _State:
    """Read ``path`` without raising: the document, or a WorkspaceError saying what is wrong."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return _State(path, exists=False)
    except (IsADirectoryError, NotADirectoryError, PermissionError, OSError) as exc:
        what = "is a folder, not a file" if isinstance(exc, IsADirectoryError) else \
            f"could not be opened ({exc.strerror or type(exc).__name__})"
        return _State(path, exists=True, problem="unreadable",
                      error=_error(path, f"Your saved work {what}."))
    state = _State(path, exists=True, raw=raw)
    try:
        document = _parse(raw)
    except (UnicodeDecodeError, ValueError, RecursionError):
        state.problem, state.error = "damaged", _error(path, "Your saved work could not be read: the file is damaged.")
        return state
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        state.problem, state.error = "not ours", _error(path, "This file is not a qi_kit workspace.")
        return state
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        state.problem, state.error = "damaged", _error(
            path, "Your saved work is damaged: its format version is missing or not a whole number.")
        return state
    if version > FORMAT_VERSION:
        state.problem, state.error = "newer", _error(
            path, f"This work was saved by a newer version of the kit (format {version}); this kit reads "
                  f"format {FORMAT_VERSION}.", fix_prefix="update the kit (run `make lab` after `git pull`); meanwhile, ")
        return state
    sections = document.get("sections")
    if not isinstance(sections, dict) or not _map_shape_ok(sections.get("map")) \
            or any(_depth(value) > MAX_DEPTH for name, value in sections.items() if name != "map"):
        state.problem, state.error = "incomplete", _error(path, "Your saved work is damaged (its sections are "
                                                                "missing or the wrong shape).")
        return state
    if not isinstance(document.get("revisions"), dict):
        document["revisions"] = {}
    state.document = document
    return state


def _error(path: Path, what: str, *, fix_prefix: str = "") -> WorkspaceError:
    fix = _rescue_words(path) if not path.name.endswith(".bak") else "ask your facilitator."
    return WorkspaceError(Problem(path.name, what, fix_prefix + fix), title=TITLE)


def _contents(document: Mapping[str, Any] | None) -> str:
    """The sections of a document in words: 'map (5 people), pitch and reflection'."""
    sections = (document or {}).get("sections") or {}
    parts = []
    for name, value in sections.items():
        if name.startswith("_") or name.endswith("_history") or value in (None, {}, []):
            continue
        label = name.replace("_", " ")
        if name == "map" and isinstance(value, Mapping) and isinstance(value.get("people"), list):
            count = len(value["people"])
            label += f" ({plural(count, 'person', 'people')})"
        parts.append(label)
    if not parts:
        return "nothing saved in it yet"
    return and_list(parts)


def _new_document() -> dict[str, Any]:
    return {"format": FORMAT, "version": FORMAT_VERSION, "id": secrets.token_hex(8),
            "sections": {}, "revisions": {}}


def _plain(value: Any) -> Any:
    """Sections as JSON-ready data: maps and objects with ``to_dict`` are converted."""
    if hasattr(value, "to_dict") and not isinstance(value, Mapping):
        value = value.to_dict()
    return value


def _dump(path: Path, document: Mapping[str, Any]) -> bytes:
    """The document as JSON text: one line per top-level field and per section (readable, diffable,
    and written by the fast C encoder, which an indented dump would not use)."""

    def dumps(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)

    try:
        lines = []
        for key, value in document.items():
            if key == "sections" and isinstance(value, Mapping):
                inner = ",\n".join(f"  {dumps(str(name))}: {dumps(section)}" for name, section in value.items())
                lines.append(f' "sections": {{\n{inner}\n }}' if inner else ' "sections": {}')
            else:
                lines.append(f" {dumps(str(key))}: {dumps(value)}")
        text = "{\n" + ",\n".join(lines) + "\n}"
    except (TypeError, ValueError) as exc:
        raise WorkspaceError(Problem(path.name, f"This work cannot be saved as text ({exc}).",
                                     "save plain text, numbers, lists and tables only.")) from None
    return (text + "\n").encode("utf-8")


# --------------------------------------------------------------------------- saving


@dataclass
class Saved:
    """What one locked save did: the section values now in the file and their revisions."""

    path: Path
    document_id: str
    sections: dict[str, Any]
    revisions: dict[str, int]
    rescue: bool = False


def _keep_damaged(state: _State) -> None:
    """Keep a file that could not be read as ``.damaged`` (never overwriting an identical copy).

    A folder in the file's place is moved aside the same way, so saving can carry on.
    """
    target = damaged_path(state.path)
    if state.raw is None and state.path.is_dir():
        aside, n = target, 2
        while aside.exists():
            aside, n = target.with_name(f"{target.name}-{n}"), n + 1
        state.path.rename(aside)
        return
    if state.raw is None:
        return
    try:
        if target.exists() and target.read_bytes() == state.raw:
            return
        atomic_write_bytes(target, state.raw, mode=PRIVATE)
    except OSError:
        pass


def _start_document(path: Path, state: _State) -> tuple[dict[str, Any], bool]:
    """The document a save builds on, and whether the last good copy is waiting to be restored.

    A good file is built on (and the save then copies itself to the backup). A damaged,
    unreadable or missing file with a good backup starts a *rescue* document: the backup is left
    alone until a restore. A file from a newer kit is never overwritten.
    """
    if state.ok:
        document = state.document
        assert document is not None
        return document, bool(document.get("rescue"))
    if state.problem == "newer":
        assert state.error is not None
        raise state.error
    _keep_damaged(state)
    backup = _read(backup_path(path))
    document = _new_document()
    if backup.ok:
        document["rescue"] = {"since": "missing" if not state.exists else state.problem or "damaged",
                              "backup": backup_path(path).name}
    return document, "rescue" in document


def transact(path: str | os.PathLike | None,
             change: Callable[[dict[str, Any], dict[str, int], str], Mapping[str, Any]]) -> Saved:
    """Under the lock: read the workspace, let ``change`` decide new section values, write.

    ``change(sections, revisions, document_id)`` gets the sections as they are in the file
    now (plain JSON data) and returns ``{section: value}`` to write (``None`` removes a
    section). Each written section's revision goes up by one. Returns what is in the file.
    """
    path = Path(path) if path is not None else default_path()
    with _Locked(path):
        _clean_temp_files(path)
        state = _read(path)
        try:
            document, rescue = _start_document(path, state)
            sections: dict[str, Any] = document["sections"]
            revisions: dict[str, int] = {k: v for k, v in document["revisions"].items()
                                         if isinstance(v, int) and not isinstance(v, bool)}
            document.setdefault("id", secrets.token_hex(8))
            updates = change(dict(sections), dict(revisions), document["id"])
            for name, value in updates.items():
                if value is None:
                    sections.pop(name, None)
                else:
                    sections[name] = _plain(value)
                revisions[name] = revisions.get(name, 0) + 1
            document["revisions"] = revisions
            data = _dump(path, document)
            atomic_write_bytes(path, data, mode=PRIVATE)
            if not rescue:
                atomic_write_bytes(backup_path(path), data, durable=False, mode=PRIVATE)  # the last good copy
        except OSError as exc:
            raise _cannot_save(path, exc) from None
    return Saved(path, document["id"], dict(sections), dict(revisions), rescue)


def save_workspace(path: str | os.PathLike | None = None, **sections: Any) -> Path:
    """Save sections of work (``map=...``, ``pitch=...``), keeping the other sections as they are.

    The save takes the workspace lock, so saves from other cells or kernels are merged, never
    reverted. The write is atomic, and a second copy is kept as ``<name>.bak``.
    Returns the path.

    Raises
    ------
    WorkspaceError
        If the work cannot be written (a full disk, a read-only folder), cannot be saved as
        text, or the file was written by a newer kit.

    See Also
    --------
    load_workspace
        Read the sections back.
    transact
        Read, change and write under the lock.
    restore_workspace
        Bring back the second copy.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from qi_kit.model import StakeholderMap
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "workspace.json"
    >>> _ = save_workspace(path, map=StakeholderMap([{"name": "Rosa"}]))
    >>> load_workspace(path)["map"].names
    ['Rosa']
    """
    plain = {name: _plain(value) for name, value in sections.items()}
    return transact(path, lambda current, revisions, doc: plain).path


# --------------------------------------------------------------------------- loading


def _decoded(path: Path, sections: dict[str, Any]) -> dict[str, Any]:
    """The sections with the map as a StakeholderMap; a wrong-shape map is a WorkspaceError."""
    sections = dict(sections)
    if sections.get("map") is not None:
        sections["map"] = _decode_map(path, sections["map"])
    return sections


def _decode_map(path: Path, value: Any) -> Any:
    from .model import StakeholderMap

    try:
        return StakeholderMap.from_dict(value)
    except (MapError, TypeError, ValueError, AttributeError, KeyError) as exc:
        detail = exc.problems[0].what if isinstance(exc, MapError) and exc.problems else type(exc).__name__
        raise WorkspaceError(Problem(path.name, f"The saved map is damaged ({detail})",
                                     _rescue_words(path)), title=TITLE) from None


def load_workspace(path: str | os.PathLike | None = None) -> dict[str, Any]:
    """The saved sections as a dict; the ``map`` section comes back as a StakeholderMap.

    A missing file gives an empty dict (nothing saved yet), unless its backup is there: then
    the work was lost from the file and a WorkspaceError says how to restore it.

    Raises
    ------
    WorkspaceError
        If the file is damaged, unreadable, the wrong shape, missing beside its backup, or was
        written by a newer kit; the message says how to get the work back.

    See Also
    --------
    save_workspace
        Write sections.
    workspace_status
        What state the files are in.
    """
    path = Path(path) if path is not None else default_path()
    state = _read(path)
    if state.ok:
        assert state.document is not None
        return _decoded(path, state.document["sections"])
    if not state.exists:
        backup = _read(backup_path(path))
        if not backup.ok:
            return {}
        raise _missing_error(path, backup)
    assert state.error is not None
    raise state.error


def _missing_error(path: Path, backup: _State) -> WorkspaceError:
    return WorkspaceError(Problem(path.name, "Your saved work file is missing, but its last good copy is "
                                             f"safe in '{backup.path.name}' ({_contents(backup.document)}).",
                                  f"press 'Restore my work' in the editor, or run {_command(path)} in any notebook."),
                          title=TITLE)


# --------------------------------------------------------------------------- status and restore


@dataclass
class WorkspaceStatus:
    """How the saved work stands, for a widget to say so (and offer a restore).

    ``state`` is one of ``"new"`` (nothing saved yet), ``"ok"``, ``"rescue"`` (the file was
    damaged or missing; work saved since is in a fresh file and the last good copy waits to be
    restored), ``"damaged"``, ``"missing"`` (only the backup is there) or ``"newer"``.
    """

    state: str
    message: str = ""
    can_restore: bool = False
    backup_contents: str = ""

    @property
    def needs_attention(self) -> bool:
        return self.state in ("rescue", "damaged", "missing", "newer")


def workspace_status(path: str | os.PathLike | None = None) -> WorkspaceStatus:
    """How the workspace stands: fine, new, or in need of a restore (never raises).

    >>> import tempfile, pathlib
    >>> workspace_status(pathlib.Path(tempfile.mkdtemp()) / "workspace.json").state
    'new'

    See Also
    --------
    load_workspace
        Read the sections.
    restore_workspace
        Bring back the second copy.
    """
    path = Path(path) if path is not None else default_path()
    state = _read(path)
    backup = _read(backup_path(path))
    contents = _contents(backup.document) if backup.ok else ""
    if state.ok:
        assert state.document is not None
        if state.document.get("rescue") and backup.ok:
            since = state.document["rescue"].get("since", "damaged") if isinstance(state.document["rescue"], dict) \
                else "damaged"
            why = "was missing" if since == "missing" else "could not be read"
            message = (f"Your saved work file {why}, so what you have done since is saved in a fresh file. "
                       f"Your earlier work ({contents}) is safe in '{backup.path.name}': press 'Restore my work' "
                       f"to bring it back (what you did since is kept), or run {_command(path)}.")
            return WorkspaceStatus("rescue", message, True, contents)
        return WorkspaceStatus("ok")
    if not state.exists:
        if not backup.ok:
            return WorkspaceStatus("new")
        return WorkspaceStatus("missing", str(_missing_error(path, backup)), True, contents)
    assert state.error is not None
    return WorkspaceStatus("newer" if state.problem == "newer" else "damaged", str(state.error),
                           backup.ok and state.problem != "newer", contents)


@dataclass
class Restored:
    """What :func:`restore_workspace` did, as a sentence (``str(restored)``)."""

    sections: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    replaced_file: str = ""

    def __str__(self) -> str:
        def words(names: list[str]) -> str:
            names = [n.replace("_", " ") for n in names]
            return and_list(names)

        text = f"Restored your work from the backup: {words(self.sections)}." if self.sections else \
            "The backup holds no work, so nothing was restored."
        if self.kept:
            text += f" Kept what you saved since: {words(self.kept)}."
        if self.replaced:
            text += (f" Your newer {words(self.replaced)} {word_for(len(self.replaced), 'was', 'were')} "
                     f"replaced by the backup's and kept in '{self.replaced_file}'.")
        return text

    __repr__ = __str__


def restore_workspace(path: str | os.PathLike | None = None) -> Restored:
    """Bring back the last good copy (``workspace.json.bak``) after the file was damaged or lost.

    Every section of the backup comes back; sections saved only since the damage are kept; a
    section in both is the backup's, and the newer version is kept in
    ``workspace.json.before-restore`` (nothing is lost). Widgets that are open notice the change
    at their next save. Works from any folder: with no argument it restores the usual file.

    Raises
    ------
    WorkspaceError
        If there is no good backup to restore.

    See Also
    --------
    workspace_status
        Whether a restore is needed.
    load_workspace
        Read the sections.
    """
    path = Path(path) if path is not None else default_path()
    backup = _read(backup_path(path))
    if not backup.ok:
        raise WorkspaceError(Problem(backup_path(path).name, "There is no good backup copy to restore.",
                                     "ask your facilitator; they can look at the files in my_work."), title=TITLE)
    result = Restored()
    with _Locked(path):
        _clean_temp_files(path)
        backup = _read(backup_path(path))
        assert backup.document is not None
        state = _read(path)
        if not state.ok:
            _keep_damaged(state)
        current = state.document["sections"] if state.ok and state.document else {}
        revisions = dict(state.document["revisions"]) if state.ok and state.document else {}
        document = _new_document() if not state.ok else {**state.document, "sections": {}}
        document.pop("rescue", None)
        restored = dict(backup.document["sections"])
        replaced = {name: value for name, value in current.items() if name in restored and restored[name] != value}
        kept = {name: value for name, value in current.items() if name not in restored}
        try:
            if replaced:
                atomic_write_bytes(replaced_path(path), _dump(path, {**_new_document(), "sections": replaced}),
                                   mode=PRIVATE)
            document["sections"] = {**restored, **kept}
            document["revisions"] = {name: revisions.get(name, 0) + (1 if name in restored else 0)
                                     for name in document["sections"]}
            data = _dump(path, document)
            atomic_write_bytes(path, data, mode=PRIVATE)
            atomic_write_bytes(backup_path(path), data, mode=PRIVATE)
        except OSError as exc:
            raise _cannot_save(path, exc) from None
    result.sections = [n for n in restored if not n.endswith("_history")]
    result.kept = [n for n in kept if not n.endswith("_history")]
    result.replaced = [n for n in replaced if not n.endswith("_history")]
    result.replaced_file = replaced_path(path).name
    return result


# --------------------------------------------------------------------------- one section at a time


SECTION_MERGE: dict[str, Callable[[Any, Any, Any], tuple[Any, list[str]]]] = {"map": merge_maps}


class Autosaver:
    """Saves one section of the workspace on every edit (widgets call :meth:`save`).

    It remembers the section's revision when it last loaded or saved it. If another cell or
    kernel saved the section since, :meth:`save` merges the two edits (:func:`merge3`) rather
    than overwriting theirs; afterwards :attr:`value` is what is saved, :attr:`merged` says it
    holds a change from elsewhere (the widget redraws from :attr:`value`) and :attr:`conflicts`
    lists what both changed (this save's change was kept; the widget says so). A merge that cannot be checked (``check`` raises) is refused
    with :attr:`last_error` saying "changed elsewhere: reload".

    >>> import tempfile, pathlib
    >>> saver = Autosaver("notes", pathlib.Path(tempfile.mkdtemp()) / "w.json")
    >>> saver.save({"text": "hello"}) and saver.load()
    {'text': 'hello'}
    """

    def __init__(self, section: str, path: str | os.PathLike | None = None, *,
                 check: Callable[[Any], Any] | None = None):
        self.section = section
        self.path = Path(path) if path is not None else default_path()
        self.saves = 0
        self.last_error: WorkspaceError | None = None
        self.check = check
        self.seen: tuple[str, int] | None = None  # (document id, revision) last loaded or saved
        self.base: Any = MISSING  # the section's plain value as last loaded or saved
        self.value: Any = MISSING  # after a save: what is in the file now (plain data)
        #: after a save: True if it also kept a change made elsewhere (the widget should redraw from value)
        self.merged = False
        #: after a save: places both this widget and another changed (this one's change was kept)
        self.conflicts: list[str] = []
        self.rescue = False

    def _remember(self, document_id: str, revision: int, value: Any) -> None:
        self.seen = (document_id, revision)
        self.base = value

    def load(self, default: Any = None) -> Any:
        """This section as last saved (the map as a StakeholderMap), or ``default``.

        When nothing is saved yet, ``default`` is what the widget starts from: a later merge
        treats it as the starting point (so a blank answer left as it was never overwrites an
        answer typed elsewhere). Raises WorkspaceError if the file cannot be read (see
        :func:`load_workspace`).
        """
        state = _read(self.path)
        start = MISSING if default is None else _plain(default)
        if not state.ok:
            load_workspace(self.path)  # raises the right WorkspaceError (or returns {}: nothing saved)
            self.seen, self.base = ("", 0), start
            return default
        assert state.document is not None
        value = state.document["sections"].get(self.section, MISSING)
        self._remember(state.document.get("id", ""), int(state.document["revisions"].get(self.section, 0) or 0),
                       start if value is MISSING or value is None else value)
        if value is MISSING or value is None:
            return default
        return _decoded(self.path, {self.section: value})[self.section] if self.section == "map" else value

    def save(self, value: Any, **also: Any) -> bool:
        """Save ``value`` as this section (and the ``also`` sections as given). Returns False (and
        keeps the error in :attr:`last_error`) if it failed."""
        mine = _plain(value)
        merge = SECTION_MERGE.get(self.section, merge3)
        outcome: dict[str, Any] = {}

        def change(sections: dict[str, Any], revisions: dict[str, int], document_id: str) -> dict[str, Any]:
            current = sections.get(self.section, MISSING)
            seen = (document_id, revisions.get(self.section, 0))
            conflicts: list[str] = []
            # nothing saved elsewhere to merge with: this saver's first look, no newer revision,
            # the same value, or a section nobody has saved yet (a new workspace file)
            if self.seen is None or seen == self.seen or same(current, self.base) or current is MISSING:
                to_write = mine
            else:  # saved elsewhere since this saver last looked: keep both edits
                to_write, conflicts = merge(self.base, mine, current)
                if self.check is not None:
                    try:
                        self.check(to_write)
                    except MapError:
                        raise _Conflict() from None
            outcome.update(value=to_write, elsewhere=not same(to_write, mine), conflicts=conflicts)
            return {self.section: to_write, **{k: _plain(v) for k, v in also.items()}}

        try:
            saved = transact(self.path, change)
        except _Conflict:
            self.last_error = WorkspaceError(Problem(
                self.path.name, f"Your {self.section.replace('_', ' ')} was changed in another cell or notebook "
                                "since this one opened it, and the two changes do not fit together.",
                "your last change here is not saved: run this cell again to see the latest version, then "
                "make the change again."))
            return False
        except WorkspaceError as exc:
            self.last_error = exc
            return False
        self.last_error = None
        self.saves += 1
        self.value = outcome["value"]
        self.merged = outcome["elsewhere"]
        self.conflicts = list(outcome["conflicts"])
        self.rescue = saved.rescue
        self._remember(saved.document_id, saved.revisions.get(self.section, 0), self.value)
        return True

    @property
    def changed_elsewhere(self) -> bool:
        """True if the last save met a change made elsewhere: merged in, or changed in both places."""
        return self.merged or bool(self.conflicts)

    def update(self, change: Callable[[Any], Any], **also: Any) -> bool:
        """Save ``change(latest)``: the change applied to the section as it is in the file now.

        For edits that are naturally one step (set one answer, one role, take back one change),
        this keeps every other cell's and kernel's edits without any merge. ``latest`` is the
        plain saved value (or None). Afterwards :attr:`value` is what was saved and
        :attr:`merged` says whether the section had changed elsewhere. An error raised by
        ``change`` (a MapError) is raised after the lock is released; nothing is written.
        """
        outcome: dict[str, Any] = {}

        def apply(sections: dict[str, Any], revisions: dict[str, int], document_id: str) -> dict[str, Any]:
            current = sections.get(self.section)
            new = _plain(change(current))
            outcome.update(value=new, elsewhere=self.seen is not None and
                           (document_id, revisions.get(self.section, 0)) != self.seen and not same(current, self.base))
            return {self.section: new, **{k: _plain(v) for k, v in also.items()}}

        try:
            saved = transact(self.path, apply)
        except WorkspaceError as exc:
            self.last_error = exc
            return False
        self.last_error = None
        self.saves += 1
        self.value = outcome["value"]
        self.merged, self.conflicts = outcome["elsewhere"], []
        self.rescue = saved.rescue
        self._remember(saved.document_id, saved.revisions.get(self.section, 0), self.value)
        return True


class _Conflict(Exception):
    """Raised inside a locked save when a merge does not pass the section's check."""
