"""The pitch builder's state, without widgets: its steps, the debouncer, and how a saved pitch comes back.

The pitch itself is a small frozen dataclass (:class:`~qi_kit.pitch.Pitch`); every change makes
a new one (:meth:`~qi_kit.pitch.Pitch.with_answers`, :func:`choose_leader`). The functions here
decide where the builder starts (:func:`map_or_saved`, :func:`restore_pitch`,
:func:`aim_from_charter`, :func:`first_unanswered_step`); :class:`Debouncer` waits for typing to
pause before the preview, the checklist and the save run.
"""

from __future__ import annotations

import asyncio
import logging
import os
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from ..errors import MapError, WorkspaceError
from ..model import StakeholderMap, empty_map
from ..pitch.feedback import map_advice
from ..pitch.model import PROMPTS, Pitch
from ..workspace import Autosaver, load_workspace

logger = logging.getLogger(__name__)

#: the steps: (title, the answer fields shown on that step)
STEPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Who is it for?", ("leader",)),
    ("The problem", ("problem",)),
    ("The aim", ("aim",)),
    ("Their priority", ("priority",)),
    ("A story", ("story",)),
    ("The evidence", ("evidence",)),
    ("What is in it for them", ("their_values",)),
    ("Their questions and pressures", ("questions",)),
    ("The ask", ("ask", "ask_type", "ask_by")),
    ("What you will do for them", ("offer",)),
    ("Next step and updates", ("next_step", "updates")),
    ("If they say no", ("if_no",)),
    ("Review and take it home", ("presenter",)),
)

NO_LEADER = "\u2014 choose the leader \u2014"
#: the pitch's fields that describe the leader (a snapshot of the map when they were chosen)
LEADER_FIELDS = ("leader", "leader_title", "leader_role", "leader_stance", "leader_authority", "leader_interest")


class Debouncer:
    """Runs ``action`` once things go quiet for ``delay`` seconds; :meth:`flush` runs it now.

    ``trigger()`` marks work as pending and (re)starts a timer on the running event loop. With
    ``delay=None`` nothing runs until :meth:`flush`; with no running loop (plain Python) or
    ``delay <= 0`` the action runs at once.
    """

    def __init__(self, action: Callable[[], Any], delay: float | None = 0.3):
        self.action = action
        self.delay = delay
        self.pending = False
        self.runs = 0
        self._handle: asyncio.TimerHandle | None = None

    def trigger(self) -> None:
        self.pending = True
        if self.delay is None:
            return
        if self.delay <= 0:
            self.flush()
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop: nothing would ever fire the timer
            self.flush()
            return
        self.cancel()
        self._handle = loop.call_later(self.delay, self.flush)

    def cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def flush(self) -> bool:
        """Run the pending action now. Returns True if there was one."""
        self.cancel()
        if not self.pending:
            return False
        self.pending = False
        self.runs += 1
        self.action()
        return True


def leader_options(map: StakeholderMap) -> list[tuple[str, str]]:
    """Dropdown options for the leader: most formal authority first, each with title and role.

    Dropdown labels are shown as text, never as HTML, so any name is safe here.
    """
    people = map.people.reset_index(drop=True)
    order = sorted(range(len(people)), key=lambda i: (-int(people.loc[i, "authority"]), i))
    options = [(NO_LEADER, "")]
    for i in order:
        row = people.loc[i]
        details = " \u00b7 ".join(part for part in (row["title"], row["role"]) if part)
        options.append((f"{row['name']} \u00b7 {details}" if details else row["name"], row["name"]))
    return options


def map_or_saved(map: StakeholderMap | None,
                 path: str | os.PathLike | None) -> tuple[StakeholderMap, tuple[str, str] | None]:
    """The map the leader is chosen from: the one given, else the participant's saved map (or an
    empty one), with a note ``(text, kind)`` when there is something to say.

    Raises
    ------
    MapError
        ``map`` is given but is not a stakeholder map.
    """
    if map is not None:
        if not isinstance(map, StakeholderMap):
            raise MapError("The pitch builder needs your stakeholder map, e.g. "
                           "PitchBuilder(qi_kit.load_case('ward')) or PitchBuilder(my_map).")
        return map, None
    try:
        saved = load_workspace(path).get("map")
    except WorkspaceError as exc:
        return empty_map(), (str(exc), "error")
    if saved is None:
        return empty_map(), ("There is no map yet: build one with the map editor, or open a case: "
                             "PitchBuilder(qi_kit.load_case('ward')).", "warn")
    return saved, None


@dataclass
class Restored:
    """A saved pitch brought back: the pitch, the saved leader if they are no longer on the map
    (their fields, kept as the map said when they were chosen), and what to tell the participant."""

    pitch: Pitch
    saved_leader: dict[str, Any] | None = None
    note: tuple[str, str] | None = None


def restore_pitch(saver: Autosaver, map: StakeholderMap) -> Restored:
    """The pitch saved in the workspace (a blank one if none), its leader refreshed from the map.

    A damaged section gives a fresh pitch and says so; a leader no longer on the map is kept
    with what the map said about them when they were chosen.
    """
    try:
        data = saver.load(Pitch().to_dict())  # a blank pitch is where a new builder starts
    except WorkspaceError as exc:
        return Restored(Pitch(), note=(str(exc), "error"))
    if not data or data == Pitch().to_dict():
        return Restored(Pitch())
    try:
        pitch = Pitch.from_dict(data)
    except MapError as exc:
        return Restored(Pitch(), note=(f"Your saved pitch could not be read, so this is a fresh one. {exc}", "warn"))
    note = f"Welcome back: your pitch{' to ' + pitch.leader if pitch.leader else ''} is restored."
    saved_leader = None
    if pitch.leader:
        if pitch.leader in map:
            pitch = pitch.with_leader(map, pitch.leader)  # refresh the snapshot
        else:
            saved_leader = {f: getattr(pitch, f) for f in LEADER_FIELDS}
            note += (f" {pitch.leader} is not on this map, so the pitch keeps what the map said "
                     "about them when you chose them.")
    return Restored(pitch, saved_leader, (note, "ok"))


def aim_from_charter(pitch: Pitch, path: str | os.PathLike | None) -> tuple[Pitch, tuple[str, str] | None]:
    """Start the aim from the project charter (notebook 05) when the pitch has none yet."""
    if pitch.aim:
        return pitch, None
    try:
        charter = load_workspace(path).get("charter")
    except WorkspaceError:
        return pitch, None
    aim = str(charter.get("aim", "")).strip() if isinstance(charter, dict) else ""
    if not aim:
        return pitch, None
    return pitch.with_answers(aim=aim), ("The aim comes from your project charter (notebook 05): change it here if "
                                         "this leader needs it said differently.", "info")


def choose_leader(pitch: Pitch, map: StakeholderMap, name: str, saved_leader: Mapping[str, Any] | None = None) -> Pitch:
    """The pitch to another leader (``""``: none), its answers and template kept.

    >>> import qi_kit
    >>> pitch = choose_leader(Pitch(problem="Falls at night"), qi_kit.load_case("ward"), "Margaret Okafor")
    >>> pitch.leader, pitch.leader_role, pitch.problem
    ('Margaret Okafor', 'sponsor', 'Falls at night')
    >>> choose_leader(pitch, qi_kit.load_case("ward"), "").leader
    ''
    """
    answers = {**pitch.answers, "format": pitch.format}
    if not name:
        return Pitch(**answers)
    if saved_leader and name == saved_leader["leader"]:
        return Pitch(**saved_leader, **answers)
    return Pitch(**answers).with_leader(map, name)


def first_unanswered_step(pitch: Pitch) -> int:
    """The step to open at: the first with an answer missing (the review step when all are written).

    >>> first_unanswered_step(Pitch()), first_unanswered_step(Pitch(leader="Ana", problem="Falls"))
    (0, 2)
    """
    for index, (_, fields) in enumerate(STEPS):
        if fields == ("leader",):
            if not pitch.leader:
                return index
        elif fields != ("presenter",) and any(not getattr(pitch, f) for f in fields):
            return index
    return len(STEPS) - 1


def answers_written(pitch: Pitch) -> tuple[int, int]:
    """How many of the pitch's answers are written (the leader counts as one), out of how many.

    >>> answers_written(Pitch(leader="Ana", problem="Falls"))
    (2, 16)
    """
    return len(pitch.answered()) + (1 if pitch.leader else 0), len(PROMPTS) + 1


class MapNotes:
    """What the influence analysis says about each leader chosen, computed once per leader.

    The analysis is a bonus: if it fails, the note is empty (and the error is logged), and the
    builder works on without it.
    """

    def __init__(self, map: StakeholderMap):
        self.map = map
        self._notes: dict[str, str] = {}
        self._table: Any = None  # the map's influence table, computed at the first leader

    def note(self, name: str) -> str:
        if not name or name not in self.map:
            return ""
        if name not in self._notes:
            try:
                if self._table is None:
                    from ..analysis.influence import influence_table

                    self._table = influence_table(self.map)
                self._notes[name] = map_advice(self.map, name, table=self._table)
            except Exception:  # the analysis is a bonus here: without it the builder still works
                logger.exception("the map's advice for a pitch's leader could not be worked out")
                self._notes[name] = ""
        return self._notes[name]
