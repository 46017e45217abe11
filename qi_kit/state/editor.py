"""What the map editor says and shows, without widgets: pure functions over a
:class:`~qi_kit.editing.MapSession` and its outcomes.

The editing itself (own map or practice copy, saves, undo, restore) is
:class:`~qi_kit.editing.MapSession`'s; the checks are the model's. Here: the words after each
change (saved, not saved and why, practice copy), what the form shows for a person, and the
status line.

Examples
--------
>>> from qi_kit.editing import Outcome
>>> change_note(Outcome(True), "Added Charge nurse B (1 person on the map).", practising=False)
('Added Charge nurse B (1 person on the map).', 'ok')
>>> change_note(Outcome(False, "Not saved: the disk is full.", "error"), "Added Ana.", practising=False)
('Not saved: the disk is full.', 'error')
>>> change_note(Outcome(True), "Added Ana.", practising=True)
('Added Ana. (Practice copy: not saved.)', 'ok')
"""

from __future__ import annotations

from typing import Any

from ..editing import MapSession, Outcome
from ..model import RATINGS, StakeholderMap

PRACTICE = "(Practice copy: not saved.)"


def welcome(session: MapSession) -> tuple[str, str]:
    """The editor's first message: a problem with the saved work, the practice copy, or the map opened."""
    status = session.status()
    if session.problem:
        return session.problem, "error"
    if session.practice is not None:
        return session.open_practice(session.map, session.practice or "the map given"), "info"
    if status.needs_attention:
        return status.message, "warn"
    if len(session.map):
        return f"Welcome back: your saved map is open ({session.map.summary()})", "info"
    return "A blank map: add the first person with the form below.", "info"


def change_note(outcome: Outcome, note: str, *, practising: bool, unsaved: str | None = None) -> tuple[str, str]:
    """What to say after an edit: the edit, and whether it was saved (a practice copy never is).

    ``unsaved`` says the edit without claiming a save ("Changed Ana." for "Saved the changes to
    Ana."): it is used whenever nothing was saved, so a message never says "saved" when it was not.

    >>> change_note(Outcome(False, PRACTICE, "info"), "Saved the changes to Ana.", practising=True,
    ...             unsaved="Changed Ana.")
    ('Changed Ana. (Practice copy: not saved.)', 'ok')
    """
    if not outcome.saved:
        note = unsaved or note
    if practising:
        return f"{note} {PRACTICE}", "ok"
    if outcome.saved:
        return (f"{note}\n{outcome.note}" if outcome.note else note), outcome.kind
    return (f"{note}\n{outcome.note}" if outcome.kind == "warn" else outcome.note), outcome.kind


def undo_note(what: str, outcome: Outcome, *, practising: bool) -> tuple[str, str]:
    """What to say after Undo took back ``what``.

    >>> undo_note("added Ana", Outcome(True), practising=False)
    ('Undone: added Ana.', 'ok')
    """
    if outcome.kind == "error":
        return outcome.note, "error"
    note = f"Undone: {what}." + (f" {PRACTICE}" if practising else "")
    return (f"{note}\n{outcome.note}" if outcome.note else note), outcome.kind


def keep_note(practice: str | None, outcome: Outcome, summary: str) -> tuple[str, str]:
    """What to say after 'Make this my map' (``practice``: the practice copy's name, None if there was none)."""
    note = f"This is now your own map: {summary} Undo takes it back." if outcome.saved and practice else outcome.note
    text = " ".join(t for t in (note, outcome.note if practice else "") if t).strip()
    return text, outcome.kind if outcome.saved else "warn"


def ties_of(m: StakeholderMap, name: str) -> int:
    """How many ties a person has, either way (what removing them also removes).

    >>> import qi_kit
    >>> m = qi_kit.StakeholderMap([{"name": "A"}, {"name": "B"}], [{"source": "A", "target": "B", "kind": "advice"}])
    >>> ties_of(m, "B")
    1
    """
    ties = m.ties
    return int(((ties["source"] == name) | (ties["target"] == name)).sum())


def form_values(m: StakeholderMap, name: str | None) -> dict[str, Any]:
    """What the person form shows for ``name`` (``None``: an empty form, each rating at its default).

    >>> form_values(StakeholderMap([]), None)["authority"] == RATINGS["authority"][2]
    True
    """
    person = m.person(name) if name else {}
    values = {field: person.get(field, "") for field in ("name", "title", "unit", "role", "notes")}
    values.update({field: person.get(field, default) for field, (_, _, default) in RATINGS.items()})
    return values


def status_line(m: StakeholderMap, *, practising: bool, where: str) -> str:
    """The line under the buttons: the map in one sentence, and where it is saved (or that it is not).

    >>> status_line(StakeholderMap([]), practising=True, where="my_work/workspace.json")
    '0 people and 0 ties. Practice copy: not saved; your own map is unchanged.'
    """
    saved = "Practice copy: not saved; your own map is unchanged." if practising else f"Saved automatically in {where}."
    return f"{m.summary()} {saved}"
