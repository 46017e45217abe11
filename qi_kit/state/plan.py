"""The engagement plan shared by the planner's tabs, and the planner's decisions, without widgets.

:class:`PlanStore` holds the participant's :class:`~qi_kit.engage.EngagementPlan` and saves it
on every change (workspace section ``"engagement"``). It is a traitlets ``HasTraits``: a tab that
follows the plan observes ``plan`` (``store.observe(handler, names="plan")``) and reads which
parts changed with :func:`changed_fields`. The pure functions say what a press of a button
changes (:func:`keep_choices`, :func:`forget_choices`) and what the participant reads after a
save (:func:`saved_note`).

Examples
--------
>>> import pathlib, tempfile
>>> store = PlanStore(pathlib.Path(tempfile.mkdtemp()) / "workspace.json")
>>> seen = []
>>> store.observe(lambda change: seen.append(sorted(changed_fields(change["old"], change["new"]))), names="plan")
>>> store.update(title="Falls on Ward 7B")
True
>>> seen
[['title']]
>>> store.update(title="Falls on Ward 7B")  # nothing changed: the observers are not called
True
>>> seen
[['title']]
"""

from __future__ import annotations

import dataclasses
import os
from typing import Any, Mapping

from traitlets import Bool, HasTraits, Instance

from ..activities import CHARTER_ROLES, Charter
from ..engage.plan import EngagementPlan
from ..errors import MapError, Problem
from ..workspace import Autosaver

SECTION = "engagement"
ELSEWHERE = "Changes made to your plan in another cell or notebook are kept too."
BOTH = "The same part of your plan was also changed in another cell or notebook: yours is the one kept."
#: the parts of the plan the draft decision path and communication plan are made from
ROLE_FIELDS = frozenset({"role_overrides", "power", "local", "decisions"})
COMMITMENT_FIELDS = frozenset({"role_overrides", "commitment_now", "commitment_needed", "power", "local"})


class PlanStore(HasTraits):
    """The engagement plan shared by the planner's widgets, saved on every change.

    ``update(field=value)`` changes fields of the plan and saves the section ``"engagement"``.
    The save is merged with anything another widget, cell or kernel saved since
    (:class:`~qi_kit.workspace.Autosaver`): two widgets editing the plan, even the same part of
    it (two reflection cells, two role grids), keep each other's edits. Afterwards ``plan`` is
    the merged plan and ``elsewhere`` says whether it holds changes made elsewhere.

    ``plan`` is a trait: observers (``store.observe(handler, names="plan")``) run after each
    update that changed the plan; :func:`changed_fields` says which parts.

    ``problem`` says, in words, why a damaged saved plan was set aside (a fresh plan is used).
    """

    plan = Instance(EngagementPlan)
    elsewhere = Bool(False)

    def __init__(self, path: str | os.PathLike | None = None, plan: EngagementPlan | None = None):
        super().__init__()
        self.saver = Autosaver(SECTION, path)
        self.problem = ""
        if plan is None:
            try:
                plan = EngagementPlan.from_dict(self.saver.load(EngagementPlan().to_dict()))
            except MapError as exc:  # a damaged workspace or section: start fresh, say so
                self.problem = str(exc)
                plan = EngagementPlan()
        self.plan = plan

    def update(self, **changes: Any) -> bool:
        """Change fields of the plan and save; True if the save worked (see ``saver.last_error``)."""
        new = dataclasses.replace(self.plan, **changes)
        ok = self.saver.save(new)
        elsewhere = ok and self.saver.merged
        if elsewhere:
            try:
                new = EngagementPlan.from_dict(self.saver.value)
            except MapError:  # pragma: no cover - a merge of two valid plans is a valid plan
                elsewhere = False
        with self.hold_trait_notifications():  # observers run once both are set
            self.elsewhere = elsewhere
            self.plan = new
        return ok


def changed_fields(old: EngagementPlan | None, new: EngagementPlan) -> set[str]:
    """The names of the plan's fields that differ between two plans (all of them if ``old`` is None).

    >>> sorted(changed_fields(EngagementPlan(), EngagementPlan(power="authority", title="x")))
    ['power', 'title']
    """
    names = [f.name for f in dataclasses.fields(EngagementPlan)]
    if old is None:
        return set(names)
    return {name for name in names if getattr(old, name) != getattr(new, name)}


def saved_note(ok: bool, saver: Autosaver, what: str) -> tuple[str, str]:
    """What to say after a save, and the kind of message box: "Saved." only when it was.

    A failed save says why in words (``saver.last_error``); a save merged with changes made in
    another cell or notebook says so.
    """
    if ok:
        extra = BOTH if saver.conflicts else ELSEWHERE if saver.merged else ""
        return " ".join(t for t in (what, "Saved.", extra) if t), "warn" if saver.conflicts else "ok"
    return f"{what} But it could not be saved: {saver.last_error}".strip(), "error"


def picked(value: Any, what: str, fix: str) -> Any:
    """The value of a menu, or a plain MapError when nothing can be picked yet.

    >>> picked("Ward 7B", "person", "add people first.")
    'Ward 7B'
    >>> picked(None, "person", "add people first.")
    Traceback (most recent call last):
    ...
    qi_kit.errors.MapError: There is 1 problem to fix:
    - There is no person to pick yet. Fix: add people first.
    """
    if value is None:
        raise MapError(Problem("", f"There is no {what} to pick yet.", fix))
    return value


def keep_choices(plan: EngagementPlan, name: str, *, role: str, now: str, needed: str,
                 suggested_needed: str) -> dict[str, Any]:
    """The changes to the plan when a participant keeps their choices for one person.

    Keeping confirms where they are now (until then it is a first guess from their stance); the
    commitment needed is kept only when it differs from the suggestion or was chosen before, so
    a suggestion the participant never touched keeps following the map.

    >>> keep_choices(EngagementPlan(), "Ana", role="sponsor", now="neutral", needed="help it happen",
    ...              suggested_needed="help it happen")
    {'role_overrides': {'Ana': 'sponsor'}, 'commitment_now': {'Ana': 'neutral'}, 'commitment_needed': {}}
    """
    needed_now = dict(plan.commitment_needed)
    if needed != suggested_needed or name in needed_now:
        needed_now[name] = needed
    return {"role_overrides": {**plan.role_overrides, name: role},
            "commitment_now": {**plan.commitment_now, name: now},
            "commitment_needed": needed_now}


def forget_choices(plan: EngagementPlan, name: str) -> dict[str, Any]:
    """The changes to the plan that forget a participant's choices for one person.

    >>> plan = EngagementPlan(role_overrides={"Ana": "sponsor", "Bo": "resistor"}, commitment_now={"Ana": "neutral"})
    >>> forget_choices(plan, "Ana")
    {'role_overrides': {'Bo': 'resistor'}, 'commitment_now': {}, 'commitment_needed': {}}
    """
    return {field: {k: v for k, v in getattr(plan, field).items() if k != name}
            for field in ("role_overrides", "commitment_now", "commitment_needed")}


def reflection_answers(saved: Mapping[str, Any], items: Any, allowed: Any) -> dict[str, int]:
    """Every item's answer as a row of answer buttons shows it: saved and allowed, or -1 (not answered).

    >>> reflection_answers({"a_1": 2, "a_2": 9}, ["a_1", "a_2", "a_3"], {-1, 0, 1, 2, 3, 4})
    {'a_1': 2, 'a_2': -1, 'a_3': -1}
    """
    allowed = set(allowed)
    return {item: saved.get(item, -1) if saved.get(item, -1) in allowed else -1 for item in items}


def charter_changes(plan: EngagementPlan, charter: Charter, key: str, old: str) -> dict[str, Any]:
    """The changes to the plan when the project charter's ``key`` changed (from ``old``).

    The people the charter names take their roles in the plan (a sponsor named instead of
    another loses the role the charter gave, not a role chosen in the planner), the manager
    accountable locally becomes ``local``, and the decisions become the plan's ``decisions``.
    Other parts of the charter change nothing in the plan (``{}``).

    >>> plan = EngagementPlan(role_overrides={"Ana": "sponsor", "Bo": "resistor"})
    >>> charter_changes(plan, Charter(sponsor="Cy"), "sponsor", "Ana")
    {'role_overrides': {'Bo': 'resistor', 'Cy': 'sponsor'}}
    >>> charter_changes(plan, Charter(decisions="Release the link nurse\\n\\nRelease the link nurse"), "decisions", "")
    {'decisions': ['Release the link nurse']}
    >>> charter_changes(plan, Charter(aim="Halve falls"), "aim", "")
    {}
    """
    if key == "decisions":
        return {"decisions": charter.decision_list()}
    if key == "local":
        return {"local": charter.local}
    if key not in CHARTER_ROLES:
        return {}
    role, new = CHARTER_ROLES[key], getattr(charter, key)
    overrides = {n: r for n, r in plan.role_overrides.items() if not (n == old and r == role)}
    if new:
        overrides[new] = role
    return {"role_overrides": overrides}
