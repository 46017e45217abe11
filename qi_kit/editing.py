"""The map a participant is editing: their own, saved with its undo history, or a practice copy.

:class:`MapSession` holds the logic behind the map editor (the widget only calls it and redraws):

- **Your own map is yours.** The participant's map lives in the workspace section ``map``. A
  case study (or any map given in code) opens as a *practice copy*: edits to it are kept in
  memory, never written to ``map``, and *Start my own map* returns to the participant's map
  exactly as saved. *Make this my map* turns a practice copy into the participant's map on
  purpose (and Undo takes that back too).
- **Undo survives a reload.** Each change to the own map is kept as the rows it changed
  (:func:`~qi_kit.merging.map_delta`); the last :data:`HISTORY_SAVED` changes are saved with the
  map (section ``map_history``), so a new kernel can still undo them. Undo is a three-way merge
  (:func:`~qi_kit.merging.undo_delta`), so it takes back exactly that change even if another
  cell or kernel changed the map since.
- **Two editors on one map keep both edits.** Saves go through an
  :class:`~qi_kit.workspace.Autosaver`, which merges a change made elsewhere instead of
  overwriting it, and refuses (with words) a merge that would not make a valid map.

Examples
--------
>>> import tempfile, pathlib
>>> session = MapSession(pathlib.Path(tempfile.mkdtemp()) / "workspace.json")
>>> session.change(session.map.add_person("Charge nurse B"), "added Charge nurse B").saved
True
>>> MapSession(session.path).undo()[0]  # a new kernel can still take it back
'added Charge nurse B'
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Mapping

from .errors import MapError, Problem, WorkspaceError
from .merging import apply_delta, map_delta, undo_delta
from .model import StakeholderMap, empty_map
from .text import plural
from .workspace import Autosaver, restore_workspace, workspace_status

SECTION = "map"
HISTORY_SECTION = "map_history"
HISTORY_LIMIT = 100  # changes Undo can take back in one session
HISTORY_SAVED = 20  # changes kept in the workspace for the next session
HISTORY_ROWS = 20_000  # at most this many changed rows in the saved history (an import counts every row)


@dataclass
class Change:
    """One change, kept for Undo: what it was, and the rows it changed (see :func:`map_delta`)."""

    what: str
    delta: dict[str, Any]

    def rows(self) -> int:
        return len(self.delta.get("people") or ()) + len(self.delta.get("ties") or ())

    def to_dict(self) -> dict[str, Any]:
        return {"what": self.what, "delta": self.delta}

    @classmethod
    def from_dict(cls, data: Any) -> "Change | None":
        if not isinstance(data, Mapping) or not isinstance(data.get("delta"), Mapping):
            return None
        delta = data["delta"]
        for table in ("people", "ties"):
            rows = delta.get(table, [])
            if not isinstance(rows, list) or not all(isinstance(r, Mapping) for r in rows):
                return None
        return cls(str(data.get("what") or "a change"), dict(delta))


@dataclass
class Outcome:
    """What a change or an undo did, for the widget to say: saved or not, and the words to add."""

    saved: bool
    note: str = ""
    kind: str = "ok"


class MapSession:
    """The participant's own map (saved, with undo history) or a practice copy (never saved).

    Parameters
    ----------
    path
        The workspace file (default ``my_work/workspace.json``).
    practice
        A map to open as a practice copy (a case study, or a map given in code); ``None``
        opens the participant's own map as saved.
    practice_name
        How the practice copy is named in messages ("the ward case study").
    """

    def __init__(self, path: str | os.PathLike | None = None, *, practice: StakeholderMap | None = None,
                 practice_name: str = "the map given"):
        self.saver = Autosaver(SECTION, path, check=StakeholderMap.from_dict)
        self.path = self.saver.path
        self.problem = ""  # why the saved map could not be read, if it could not
        self.practice: str | None = None
        self._practice_history: list[Change] = []
        self._history: list[Change] = []
        self._plain_map: tuple[StakeholderMap, dict[str, Any]] | None = None
        self.map = empty_map()
        self.own = self._load_own()
        if practice is not None:
            self.open_practice(practice, practice_name)
        else:
            self.map = self.own

    # ---- the participant's own map
    def _load_own(self) -> StakeholderMap:
        try:
            saved = self.saver.load()
        except WorkspaceError as exc:
            self.problem = str(exc)
            self._history = []
            return empty_map()
        self.problem = ""
        self._history = self._load_history()
        return saved if isinstance(saved, StakeholderMap) else empty_map()

    def _load_history(self) -> list[Change]:
        try:
            saved = Autosaver(HISTORY_SECTION, self.path).load([])
        except WorkspaceError:
            return []
        entries = [Change.from_dict(item) for item in saved] if isinstance(saved, list) else []
        return [entry for entry in entries if entry is not None]

    @property
    def history(self) -> list[Change]:
        """The changes Undo can take back, oldest first (the practice copy's, when practising)."""
        return self._practice_history if self.practice else self._history

    @property
    def can_undo(self) -> bool:
        return bool(self.history)

    def open_own(self) -> str:
        """Back to the participant's own map, exactly as saved. Returns what to say."""
        self.practice = None
        self._practice_history = []
        self.own = self._load_own()
        self.map = self.own
        if self.problem:
            return self.problem
        if not len(self.map):
            return ("A blank map: add your colleagues one by one with the form below (initials or roles are "
                    "enough). Every change is saved automatically.")
        return f"Your own map is open ({self.map.summary()})"

    def open_practice(self, m: StakeholderMap, name: str) -> str:
        """Open ``m`` as a practice copy: edits stay here and are never saved."""
        self.practice = name
        self._practice_history = []
        self.map = m
        return (f"Practice copy of {name} ({m.summary()}) Try anything: changes here are not saved and never "
                "touch your own map. 'Start my own map' brings yours back; 'Make this my map' keeps this one "
                "as yours.")

    def keep_practice(self) -> Outcome:
        """Make the practice copy the participant's own map (saved; Undo takes it back)."""
        if not self.practice:
            return Outcome(True, "This is already your own map.", "info")
        name, copy = self.practice, self.map
        self.practice = None
        self._practice_history = []
        self.map = self.own
        return self.change(copy, f"made {name} your map")

    def start_again(self, title: str = "") -> Outcome:
        """Replace the own map with a blank one (saved; Undo brings the old one back)."""
        if self.practice:
            self.open_own()
        if not len(self.map):
            return Outcome(True, "Your map is already blank.", "info")
        count = len(self.map)
        outcome = self.change(empty_map(title), "started again with a blank map")
        if outcome.saved:
            outcome.note = (f"A blank map. Your previous map ({plural(count, 'person', 'people')}) is "
                            "kept in Undo, also after a restart." + (f" {outcome.note}" if outcome.note else ""))
        return outcome

    # ---- changes
    def change(self, new: StakeholderMap, what: str) -> Outcome:
        """Apply an edit: remember it for Undo and save it (the own map) or keep it (practice)."""
        after = new.to_dict()
        entry = Change(what, map_delta(self._plain(), after))
        if self.practice:
            self._practice_history.append(entry)
            del self._practice_history[:-HISTORY_LIMIT]
            self._set(new, after)
            return Outcome(False, "(Practice copy: not saved.)", "info")
        history = (self._history + [entry])[-HISTORY_LIMIT:]
        if not self.saver.save(after, **{HISTORY_SECTION: self._saved_history(history)}):
            return self._failed(new, history)
        self._history = history
        self._set(new, after)
        return self._after_save(new)

    def _plain(self) -> dict[str, Any]:
        """The current map as plain data (kept from the last change: a large map converts slowly)."""
        if self._plain_map is None or self._plain_map[0] is not self.map:
            self._plain_map = (self.map, self.map.to_dict())
        return self._plain_map[1]

    def _set(self, m: StakeholderMap, plain: dict[str, Any] | None = None) -> None:
        self.map = m
        self._plain_map = (m, plain) if plain is not None else None

    def _saved_history(self, history: list[Change]) -> list[dict[str, Any]]:
        kept, rows = [], 0
        for entry in reversed(history[-HISTORY_SAVED:]):
            rows += entry.rows()
            if kept and rows > HISTORY_ROWS:
                break
            kept.append(entry.to_dict())
        return kept[::-1]

    def _after_save(self, new: StakeholderMap) -> Outcome:
        saver = self.saver
        note = ""
        if saver.merged:
            new = StakeholderMap.from_dict(saver.value)
            note = "Your map was also changed in another cell or notebook: both changes are kept."
        if saver.conflicts:
            note = ("The same person or tie was also changed in another cell or notebook: your change is the one "
                    "kept.")
        if saver.rescue:
            note = (note + " " if note else "") + workspace_status(self.path).message
        self.map = self.own = new
        return Outcome(True, note.strip(), "warn" if saver.conflicts or saver.rescue else "ok")

    def _failed(self, new: StakeholderMap, history: list[Change]) -> Outcome:
        error = self.saver.last_error
        text = str(error) if error is not None else "Your change could not be saved."
        if error is not None and "changed in another cell or notebook" in text:
            return Outcome(False, text, "error")  # the map on screen stays as it was saved
        self._history = history  # a full disk: keep the change on screen, and in Undo
        self.map = new
        return Outcome(False, text, "warn")

    def undo(self) -> tuple[str, Outcome] | None:
        """Take back the last change (merged with anything changed elsewhere since). None if nothing to undo."""
        if not self.history:
            return None
        entry = self.history[-1]
        if self.practice:
            self._practice_history.pop()
            self.map = StakeholderMap.from_dict(apply_delta(self.map.to_dict(), entry.delta, "before"))
            return entry.what, Outcome(False, "", "ok")

        checked: dict[str, StakeholderMap] = {}

        def take_back(current: Any) -> Any:
            merged, _ = undo_delta(current if isinstance(current, Mapping) else empty_map().to_dict(), entry.delta)
            checked["map"] = StakeholderMap.from_dict(merged)  # a MapError: the undo no longer fits the map
            return merged

        history = self._history[:-1]
        try:
            ok = self.saver.update(take_back, **{HISTORY_SECTION: self._saved_history(history)})
        except MapError:
            return entry.what, Outcome(False, _undo_conflict(self.path.name), "error")
        if not ok:
            return entry.what, Outcome(False, str(self.saver.last_error), "warn")
        self._history = history
        self._set(checked["map"], self.saver.value)
        self.own = self.map
        note = "Changes made in another cell or notebook since are kept." if self.saver.merged else ""
        return entry.what, Outcome(True, note, "ok")

    # ---- the workspace file
    def status(self):
        """How the saved work stands (see :func:`~qi_kit.workspace.workspace_status`)."""
        return workspace_status(self.path)

    def restore(self) -> str:
        """Bring back the last good copy of the workspace, then reopen the own map. Returns what to say."""
        restored = restore_workspace(self.path)
        self.open_own()
        return str(restored)


def _undo_conflict(name: str) -> str:
    return str(WorkspaceError(Problem(name, "This change cannot be taken back: your map was changed in another cell "
                                            "or notebook in a way that no longer fits it.",
                                      "run this cell again to see the latest map, and change it by hand.")))
