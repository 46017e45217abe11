"""The engagement planner: roles on the power/interest grid, decision roles, the communication plan,
leadership reflection and the take-home export, with no code.

Each widget is a thin view over the pure functions in :mod:`qi_kit.engage` and
:mod:`qi_kit.reflect`: a callback reads the controls, calls one function, redraws and saves.
Every edit is saved at once to the workspace section ``"engagement"`` through a shared
:class:`PlanStore`; a mistake shows as a plain-language message box, never a traceback; every
name or text a participant typed is escaped before it reaches HTML.

Pictures are PNG images redrawn over a cached background (:class:`~qi_kit.plots.engagement.LiveGrid`,
:class:`~qi_kit.plots.engagement.LiveRadar`), so each action stays well under 100 ms on a
60-person map (see ``benchmarks/bench_planner.py``).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from typing import Any, Callable, Mapping

import ipywidgets as w
import pandas as pd

from ..engage.commitment import COMMITMENT_LEVELS, commitment_chart, commitment_summary
from ..engage.comms import (CADENCES, CHANNELS, add_comms_row, comms_problems, comms_summary, following_date,
                            remove_comms_row, update_comms_row)
from ..engage.plan import EngagementPlan, _raci_for_reading
from ..engage.raci import (CELL_VALUES, RACI_LETTERS, add_decision, raci_problems,
                           raci_summary, raci_to_dict, raci_warnings, remove_decision, set_raci)
from ..engage.roles import ROLE_MEANINGS, apply_role_overrides, known_overrides, roles_summary, suggest_roles
from ..errors import MapError, Problem
from ..export import html_table
from ..glossary import date_words, plural
from ..model import ROLES, StakeholderMap
from ..reflect import ASSESSMENTS, SCALE, assessment, read_reflection, score_reflection
from ..workspace import Autosaver
from ._common import choice_buttons, esc, guarded, live, message_html, picture_image, scroll_box, show_message, tidy

SECTION = "engagement"
ROLE_OPTIONS = [("no particular role", ""), *((r, r) for r in ROLES)]
ANSWER_OPTIONS = [("not answered", -1), *((f"{k} \u00b7 {v}", k) for k, v in SCALE.items())]
_LAYOUT_WIDE = w.Layout(width="34em")
_ADD_PEOPLE = "add people to your map first (in the map editor), then open the planner again."
_ADD_ROW = "add a row first (type an audience, then Add row)."
_STYLE = {"description_width": "9em"}


ELSEWHERE = "Changes made to your plan in another cell or notebook are kept too."
BOTH = "The same part of your plan was also changed in another cell or notebook: yours is the one kept."


def _saved_note(ok: bool, saver: Autosaver, what: str) -> tuple[str, str]:
    if ok:
        extra = BOTH if saver.conflicts else ELSEWHERE if saver.merged else ""
        return " ".join(t for t in (what, "Saved.", extra) if t), "warn" if saver.conflicts else "ok"
    return f"{what} But it could not be saved: {saver.last_error}", "error"


def _wire(message: w.HTML, *pairs: tuple[w.Button, Callable[..., Any]]) -> None:
    """Connect each button to its callback; a mistake shows in ``message``, never as a traceback."""
    for button, handler in pairs:
        button.on_click(guarded(message)(handler))


def _picked(value: Any, what: str, fix: str) -> Any:
    """The value of a dropdown, or a plain MapError when nothing can be picked yet."""
    if value is None:
        raise MapError(Problem("", f"There is no {what} to pick yet.", fix))
    return value


def _date_beside(picker: w.DatePicker) -> w.HTML:
    """The picker's date in the kit's one date format, kept up to date beside it."""
    words = w.HTML(layout=w.Layout(margin="0 0 0 8px"))

    def show(_: Any = None) -> None:
        words.value = esc(date_words(picker.value)) if picker.value else ""

    picker.observe(show, names="value")
    show()
    return words


def _scroll(html: str, height: str = "22em") -> str:
    return scroll_box(html, height=height)


# --------------------------------------------------------------------------- the shared plan


class PlanStore:
    """The engagement plan shared by the planner's widgets, saved on every change.

    ``update(field=value)`` changes fields of the plan and saves the section ``"engagement"``.
    The save is merged with anything another widget, cell or kernel saved since
    (:class:`~qi_kit.workspace.Autosaver`): two widgets editing the plan, even the same part of
    it (two reflection cells, two role grids), keep each other's edits. Afterwards ``plan`` is
    the merged plan and ``elsewhere`` says whether it holds changes made elsewhere (the widget
    redraws from it). Listeners are called after each update with the names of the fields that
    changed (and ``"elsewhere"``).
    """

    def __init__(self, path: str | os.PathLike | None = None, plan: EngagementPlan | None = None):
        self.saver = Autosaver(SECTION, path)
        self.problem = ""
        if plan is None:
            try:
                plan = EngagementPlan.from_dict(self.saver.load(EngagementPlan().to_dict()))
            except MapError as exc:  # a damaged workspace or section: start fresh, say so
                self.problem = str(exc)
                plan = EngagementPlan()
        self.plan = plan
        self.elsewhere = False
        self.listeners: list[Callable[[set[str]], None]] = []

    def update(self, **changes: Any) -> bool:
        new = replace(self.plan, **changes)
        ok = self.saver.save(new)
        self.elsewhere = ok and self.saver.merged
        if self.elsewhere:
            try:
                new = EngagementPlan.from_dict(self.saver.value)
            except MapError:  # pragma: no cover - a merge of two valid plans is a valid plan
                self.elsewhere = False
        self.plan = new
        fields = set(changes) | ({"elsewhere"} if self.elsewhere else set())
        for listener in list(self.listeners):
            listener(fields)
        return ok


def _store(store: PlanStore | None, path: str | os.PathLike | None) -> PlanStore:
    return store if store is not None else PlanStore(path)


# --------------------------------------------------------------------------- roles on the grid


class RoleGrid(w.VBox):
    """Suggested roles on the power/interest grid, with the participant's overrides and commitment.

    The roles start from the ones typed on the map (in the editor) and, where none is typed, the
    kit's suggestion, so a role is the same here as everywhere else. Pick a person to see the
    role, the suggestion and why; choose a role and where they stand on the commitment chart
    (now / needed), then **Keep my choices**: that also confirms where they are now, which is only
    a first guess from their stance until you do. **Undo my choice** forgets your choices for that
    person. Every change is saved and the grid is redrawn.

    ``value`` is the roles in use: name -> role.
    """

    def __init__(self, m: StakeholderMap, *, path: str | os.PathLike | None = None, store: PlanStore | None = None):
        super().__init__()
        from ..plots.engagement import LiveGrid

        self.map = m
        self.store = _store(store, path)
        self._base = suggest_roles(m)  # the suggestion does not depend on overrides: compute once
        self._roles = self._current_roles()
        self._live = LiveGrid(m, roles=dict(zip(self._roles["name"], self._roles["role"])), power=self.store.plan.power)
        self.picture = picture_image("qi-planner-grid")
        self.person = w.Dropdown(options=m.names, description="Person", style=_STYLE, layout=_LAYOUT_WIDE)
        self.role = w.Dropdown(options=ROLE_OPTIONS, description="Role", style=_STYLE)
        self.now = w.Dropdown(options=COMMITMENT_LEVELS, description="Commitment now", style=_STYLE)
        self.needed = w.Dropdown(options=COMMITMENT_LEVELS, description="Needed", style=_STYLE)
        self.keep = w.Button(description="Keep my choices", button_style="primary", icon="check",
                             layout=w.Layout(width="auto"))
        self.use_suggestion = w.Button(description="Undo my choice", icon="undo", layout=w.Layout(width="auto"))
        self.reason = w.HTML()
        self.summary = w.HTML()
        self.table = w.HTML()
        self.message = w.HTML()
        _wire(self.message, (self.keep, self._on_keep), (self.use_suggestion, self._on_use_suggestion))
        self.person.observe(guarded(self.message)(lambda _: self._show_person()), names="value")
        self.children = [
            w.HTML("<b>Roles and the power/interest grid.</b> Roles start from the ones on your map; where "
                   "none is typed, the kit suggests one from each person's authority, influence, interest and "
                   "stance. You know them better, so change what is wrong."),
            self.picture, self.summary,
            w.HBox([w.VBox([self.person, self.role, self.now, self.needed]), self.reason]),
            w.HBox([self.keep, self.use_suggestion]), self.message, self.table,
        ]
        live(self)  # a widget left by a restarted kernel says so
        if self.store.problem:
            show_message(self.message, self.store.problem, "warn")
        self._redraw(picture=True)
        self._show_person()
        tidy(self)

    # ---- reading
    @property
    def value(self) -> dict[str, str]:
        return dict(zip(self._roles["name"], self._roles["role"]))

    def __repr__(self) -> str:
        # the text shown where widgets cannot be drawn (and compared by nbval): short, plain, stable
        held = self._roles[self._roles["role"] != ""]
        if held.empty:
            return f"Roles and power/interest grid for {len(self.map)} people. No roles yet."
        sponsor = held.loc[held["role"] == "sponsor", "name"].tolist()
        who = f"; the sponsor is {sponsor[0]}" if sponsor else "; no sponsor yet"
        return (f"Roles and power/interest grid for {len(self.map)} people: {len(held)} "
                f"{'has a role' if len(held) == 1 else 'have a role'}{who}.")

    def _current_roles(self) -> pd.DataFrame:
        return apply_role_overrides(self._base, known_overrides(self.map, self.store.plan.role_overrides))

    def _chart(self) -> pd.DataFrame:
        plan = self.store.plan
        return commitment_chart(self.map, roles=self.value, now=known_overrides(self.map, plan.commitment_now),
                                needed=known_overrides(self.map, plan.commitment_needed), power=plan.power)

    # ---- drawing
    def _redraw(self, *, picture: bool) -> None:
        self._chart_table = self._chart().set_index("name")
        if picture:
            self.picture.value = self._live.png(self.value)
            self.picture.tooltip = self._live.picture.short_alt
        self.summary.value = (f"<p>{esc(roles_summary(self._roles))}</p>"
                              f"<p>{esc(commitment_summary(self._chart_table.reset_index()))}</p>")
        grid = self._live.grid.set_index("name")
        shown = pd.DataFrame({
            "name": self._roles["name"], "role": self._roles["role"], "from": self._roles["source"],
            "suggested": self._roles["suggested"],
            "quadrant": [grid.loc[n, "quadrant"] for n in self._roles["name"]],
            "commitment now": [self._chart_table.loc[n, "now"] for n in self._roles["name"]],
            "needed": [self._chart_table.loc[n, "needed"] for n in self._roles["name"]],
        })
        self.table.value = _scroll(html_table(shown))

    def _show_person(self) -> None:
        name = self.person.value
        if name is None:
            return
        row = self._roles.set_index("name").loc[name]
        chart = self._chart_table.loc[name]
        grid = self._live.grid.set_index("name").loc[name]
        self.role.value = row["role"]
        self.now.value = chart["now"]
        self.needed.value = chart["needed"]
        suggested = row["suggested"] or "no particular role"
        origin = {"your choice": " (your choice)", "on the map": " (on your map)"}.get(row["source"], "")
        meaning = f" A {row['role']}: {ROLE_MEANINGS[row['role']]}." if row["role"] in ROLE_MEANINGS else ""
        where = grid["action"] if grid["partner"] else f"{grid['quadrant']}. {grid['action']}"
        self.reason.value = (
            f'<div style="max-width:34em;padding-left:1em"><b>{esc(name)}</b>: role {esc(row["role"] or "none")}{origin}.'
            f"{esc(meaning)} The kit suggests <i>{esc(suggested)}</i>: {esc(row['reason'])}<br>"
            f"<b>Grid:</b> {esc(where)}<br>"
            f"<b>Commitment:</b> {esc(chart['move'])}</div>")

    # ---- callbacks (thin: read, call, redraw, save)
    def _save_and_show(self, text: str, **changes: Any) -> None:
        roles = apply_role_overrides(self._base, known_overrides(self.map, changes.get(
            "role_overrides", self.store.plan.role_overrides)))  # checks the choices before saving them
        ok = self.store.update(**changes)
        self._roles = self._current_roles() if self.store.elsewhere else roles
        self._redraw(picture=True)
        self._show_person()
        show_message(self.message, *_saved_note(ok, self.store.saver, text))

    def _on_keep(self, _: Any = None) -> None:
        name, plan = _picked(self.person.value, "person", _ADD_PEOPLE), self.store.plan
        overrides = {**plan.role_overrides, name: self.role.value}
        suggested_now = self._chart_table.loc[name]
        now = {**plan.commitment_now, name: self.now.value}  # keeping it confirms where they are now
        needed = {**plan.commitment_needed}
        if self.needed.value != suggested_now["needed"] or name in needed:
            needed[name] = self.needed.value
        self._save_and_show(f"Kept your choices for {name}.", role_overrides=overrides, commitment_now=now,
                            commitment_needed=needed)

    def _on_use_suggestion(self, _: Any = None) -> None:
        name, plan = _picked(self.person.value, "person", _ADD_PEOPLE), self.store.plan
        self._save_and_show(f"{name} is back to the role on your map, or the kit's suggestion.",
                            role_overrides={k: v for k, v in plan.role_overrides.items() if k != name},
                            commitment_now={k: v for k, v in plan.commitment_now.items() if k != name},
                            commitment_needed={k: v for k, v in plan.commitment_needed.items() if k != name})


# --------------------------------------------------------------------------- decision roles (RACI)


class DecisionRolesEditor(w.VBox):
    """The decision path: who is Responsible, Accountable, Consulted and Informed for each decision.

    Starts from a draft seeded from the map (the sponsor signs off the organisation's decisions,
    the day-to-day leader the team's own tests, the local manager the place's standard; the
    patient partner is consulted on every decision). Pick a decision, a person or a team and a
    letter, then
    **Set**; add or remove decisions. The check runs after every edit: exactly one A and at
    least one R per decision. ``value`` is the table (decisions x people).
    """

    def __init__(self, m: StakeholderMap, *, path: str | os.PathLike | None = None, store: PlanStore | None = None):
        super().__init__()
        self.map = m
        self.store = _store(store, path)
        self.lazy = False  # True: follow role changes only when refresh() is called (the planner's tabs)
        self._stale = False
        self._table = self._load()
        # as wide as its longest decision (a decision is a sentence): never cut, never past the notebook
        self.decision = w.Dropdown(description="Decision", style=_STYLE, layout=w.Layout(width="auto", max_width="100%"))
        self.person = w.Dropdown(options=m.names, description="Person", style=_STYLE, layout=_LAYOUT_WIDE)
        self.letter = w.Dropdown(options=[("(no part)", ""), *((f"{k}: {v.split(':')[0]}", k) for k, v in
                                                               RACI_LETTERS.items()), ("A/R: signs off and does it", "A/R")],
                                 description="Their part", style=_STYLE, layout=_LAYOUT_WIDE)
        self.set_button = w.Button(description="Set", button_style="primary", icon="check")
        self.new_decision = w.Text(placeholder="e.g. Approve extra night staffing", description="New decision",
                                   style=_STYLE, layout=_LAYOUT_WIDE)
        self.add_button = w.Button(description="Add decision", icon="plus")
        self.remove_button = w.Button(description="Remove this decision", icon="trash")
        self.redraft_button = w.Button(description="Start again from the map", icon="refresh",
                                       layout=w.Layout(width="16em"))
        self.table = w.HTML()
        self.check = w.HTML()
        self.message = w.HTML()
        _wire(self.message, (self.set_button, self._on_set), (self.add_button, self._on_add),
              (self.remove_button, self._on_remove), (self.redraft_button, self._on_redraft))
        self.decision.observe(guarded(self.message)(lambda _: self._show_cell()), names="value")
        self.person.observe(guarded(self.message)(lambda _: self._show_cell()), names="value")
        self.store.listeners.append(self._on_plan_changed)
        self.children = [
            w.HTML("<b>Decision path (RACI).</b> R does the work; A signs off (one per decision); "
                   "C is asked before; I is told after. 'Others in ...' stands for everyone in that team "
                   "without a column of their own: the people doing the work."),
            self.decision, self.person, self.letter,
            w.HBox([self.set_button, self.remove_button, self.redraft_button]),
            w.HBox([self.new_decision, self.add_button]), self.message, self.check, self.table,
        ]
        live(self)  # a widget left by a restarted kernel says so
        self._redraw()
        tidy(self)

    @property
    def value(self) -> pd.DataFrame:
        return self._table.copy()

    def __repr__(self) -> str:
        # short (a notebook shows at most 110 characters): the decisions, who signs them off, the check
        problems = raci_problems(self._table, m=self.map)
        state = f"{len(problems)} to fix" if problems else "checked"
        signers = {p for p in self._table.columns if self._table[p].map(str).isin(["A", "A/R"]).any()}
        decisions = len(self._table)
        return (f"Decision roles (RACI): {plural(decisions, 'decision')}, signed off by "
                f"{plural(len(signers), 'person', 'people')}; {state}.")

    def _load(self) -> pd.DataFrame:
        return self.store.plan.raci_table(self.map)

    def _redraw(self) -> None:
        decisions = list(self._table.index)
        keep = self.decision.value if self.decision.value in decisions else (decisions[0] if decisions else None)
        self.decision.options = decisions
        self.decision.value = keep
        columns = list(dict.fromkeys([*map(str, self._table.columns), *self.map.names]))
        if list(self.person.options) != columns:
            person = self.person.value
            self.person.options = columns
            self.person.value = person if person in columns else (columns[0] if columns else None)
        self.table.value = _scroll(html_table(_raci_for_reading(self._table)))
        problems = raci_problems(self._table, m=self.map)
        if problems:
            self.check.value = message_html("To fix:\n" + "\n".join(f"- {p}" for p in problems), "warn")
        else:
            notes = raci_warnings(self._table)
            text = "Checked: every decision has exactly one A and at least one R. " + raci_summary(self._table)
            self.check.value = message_html("\n".join([text, *notes]), "info" if notes else "ok")
        self._show_cell()

    def _show_cell(self) -> None:
        d, p = self.decision.value, self.person.value
        if d is None or p is None:
            return
        value = self._table.loc[d, p] if p in self._table.columns else ""
        self.letter.value = value if value in CELL_VALUES else ""

    def _save(self, table: pd.DataFrame, text: str) -> None:
        self._table = table
        ok = self.store.update(raci=raci_to_dict(table))
        self._redraw()
        show_message(self.message, *_saved_note(ok, self.store.saver, text))

    def _on_plan_changed(self, fields: set[str]) -> None:
        if self.store.plan.raci is None and fields & {"role_overrides", "power", "local", "decisions"}:
            self._stale = True  # still a draft: it follows the roles
            if not self.lazy:
                self.refresh()

    def refresh(self) -> None:
        """Redraft from the map if the roles changed while the table was still a draft."""
        if self._stale:
            self._stale = False
            self._table = self._load()
            self._redraw()

    def _on_set(self, _: Any = None) -> None:
        _picked(self.decision.value, "decision", "add a decision first.")
        _picked(self.person.value, "person", _ADD_PEOPLE)
        table = set_raci(self._table, self.decision.value, self.person.value, self.letter.value, m=self.map)
        part = self.letter.value or "no part"
        self._save(table, f"{self.person.value}: {part} in '{self.decision.value}'.")

    def _on_add(self, _: Any = None) -> None:
        table = add_decision(self._table, self.new_decision.value)
        name = table.index[-1]
        self.new_decision.value = ""
        self._save(table, f"Added '{name}': now give it one A and at least one R.")
        self.decision.value = name

    def _on_remove(self, _: Any = None) -> None:
        name = _picked(self.decision.value, "decision", "add a decision first.")
        self._save(remove_decision(self._table, name), f"Removed '{name}'.")

    def _on_redraft(self, _: Any = None) -> None:
        ok = self.store.update(raci=None)
        self._table = self.store.plan.raci_table(self.map)
        self._redraw()
        show_message(self.message, *_saved_note(ok, self.store.saver, "A fresh draft from the map."))


# --------------------------------------------------------------------------- the communication plan


class CommsPlanEditor(w.VBox):
    """The communication plan: audience, what they need to hear, the ask, channel, cadence, owner, next date.

    Starts from a draft made from the grid and the roles (next dates counted from the plan's
    start date). Pick a row, edit it, **Save this row**; add or remove rows; **Done: next date**
    moves a row's next date on by its cadence. ``value`` is the plan table.

    ``start`` is the plan's first day when none is saved yet (default: today, read here in the
    widget only: the drafting function itself never reads the clock).
    """

    def __init__(self, m: StakeholderMap, *, path: str | os.PathLike | None = None, store: PlanStore | None = None,
                 start: dt.date | str | None = None):
        super().__init__()
        self.map = m
        self.store = _store(store, path)
        self.lazy = False  # True: follow role changes only when refresh() is called (the planner's tabs)
        self._stale = False
        plan = self.store.plan
        first = plan.start_date(start if start is not None else dt.date.today())
        self._table = self._load(first)
        self.start = w.DatePicker(value=first, description="Plan starts", style=_STYLE)
        self.row = w.Dropdown(description="Row", style=_STYLE, layout=_LAYOUT_WIDE)
        self.audience = w.Text(description="Audience", style=_STYLE, layout=_LAYOUT_WIDE)
        self.needs_to_hear = w.Textarea(description="Needs to hear", style=_STYLE, layout=w.Layout(width="34em", height="4.5em"))
        self.ask = w.Textarea(description="The ask", style=_STYLE, layout=w.Layout(width="34em", height="4.5em"))
        self.channel = w.Dropdown(options=CHANNELS, description="Channel", style=_STYLE)
        self.cadence = w.Dropdown(options=list(CADENCES), description="How often", style=_STYLE, layout=_LAYOUT_WIDE)
        self.owner = w.Text(description="Owner", style=_STYLE)
        self.next_date = w.DatePicker(description="Next date", style=_STYLE)
        # the browser writes a picked date its own way: the kit's way ("Mon 12 Jan 2026") beside it
        self.start_words, self.next_date_words = _date_beside(self.start), _date_beside(self.next_date)
        self.save_row = w.Button(description="Save this row", button_style="primary", icon="check")
        self.done = w.Button(description="Done: next date", icon="calendar-check-o")
        self.remove_row = w.Button(description="Remove this row", icon="trash")
        self.new_audience = w.Text(placeholder="e.g. Pharmacy team", description="New audience", style=_STYLE)
        self.add_row = w.Button(description="Add row", icon="plus")
        self.redraft = w.Button(description="Start again from the map", icon="refresh", layout=w.Layout(width="16em"))
        self.table = w.HTML()
        self.summary = w.HTML()
        self.message = w.HTML()
        _wire(self.message, (self.save_row, self._on_save_row), (self.done, self._on_done),
              (self.remove_row, self._on_remove), (self.add_row, self._on_add), (self.redraft, self._on_redraft))
        self.row.observe(guarded(self.message)(lambda _: self._show_row()), names="value")
        self.store.listeners.append(self._on_plan_changed)
        self.children = [
            w.HTML("<b>Communication plan.</b> Concise, regular updates, each with an explicit ask."),
            w.HBox([self.start, self.start_words, self.redraft]), self.row, self.audience, self.needs_to_hear, self.ask,
            w.HBox([self.channel, self.cadence]), w.HBox([self.owner, self.next_date, self.next_date_words]),
            w.HBox([self.save_row, self.done, self.remove_row]), w.HBox([self.new_audience, self.add_row]),
            self.message, self.summary, self.table,
        ]
        live(self)  # a widget left by a restarted kernel says so
        self._redraw()
        tidy(self)

    @property
    def value(self) -> pd.DataFrame:
        return self._table.copy()

    def __repr__(self) -> str:  # no dates: the default start is today's
        weekly = int(self._table["cadence"].str.startswith(("daily", "weekly")).sum())
        return f"Communication plan: {len(self._table)} audiences, {weekly} of them at least weekly."

    def _load(self, start: dt.date) -> pd.DataFrame:
        plan = self.store.plan
        return plan.comms_table(self.map, plan.roles(self.map), start=start)

    def _redraw(self, select: int | None = None) -> None:
        labels = [(f"{i + 1}. {a}", i) for i, a in enumerate(self._table["audience"])]
        current = self.row.value if select is None else select
        self.row.options = labels
        if labels:
            self.row.value = current if current is not None and current < len(labels) else 0
        shown = self._table.drop(columns=["people", "why"]).rename(
            columns={"needs_to_hear": "needs to hear", "next_date": "next date"})
        shown["next date"] = shown["next date"].map(date_words)
        self.table.value = _scroll(html_table(shown))
        problems = comms_problems(self._table)
        text = comms_summary(self._table)
        self.summary.value = message_html("\n".join([text, "To fix:", *(f"- {p}" for p in problems)]), "warn") \
            if problems else f"<p>{esc(text)}</p>"
        self._show_row()

    def _show_row(self) -> None:
        i = self.row.value
        if i is None or i >= len(self._table):
            return
        r = self._table.iloc[i]
        self.audience.value = r["audience"]
        self.needs_to_hear.value = r["needs_to_hear"]
        self.ask.value = r["ask"]
        self.channel.value = r["channel"] if r["channel"] in CHANNELS else CHANNELS[0]
        self.cadence.value = r["cadence"] if r["cadence"] in CADENCES else "fortnightly"
        self.owner.value = r["owner"]
        try:
            self.next_date.value = dt.date.fromisoformat(r["next_date"]) if r["next_date"] else None
        except ValueError:
            self.next_date.value = None

    def _save(self, table: pd.DataFrame, text: str, *, select: int | None = None) -> None:
        self._table = table.reset_index(drop=True)
        changes: dict[str, Any] = {"comms": self._table.to_dict("records")}
        if not self.store.plan.start and self.start.value is not None:
            changes["start"] = self.start.value.isoformat()  # fix the dates the draft was counted from
        ok = self.store.update(**changes)
        self._redraw(select)
        show_message(self.message, *_saved_note(ok, self.store.saver, text))

    def _on_plan_changed(self, fields: set[str]) -> None:
        if self.store.plan.comms is None and fields & {"role_overrides", "commitment_now", "commitment_needed", "power",
                                                       "local"}:
            self._stale = True  # still a draft: it follows the roles and the commitment chart
            if not self.lazy:
                self.refresh()

    def refresh(self) -> None:
        """Redraft from the map if the roles or commitment changed while the plan was still a draft."""
        if self._stale:
            self._stale = False
            self._table = self._load(self.start.value or self.store.plan.start_date(dt.date.today()))
            self._redraw()

    def _on_save_row(self, _: Any = None) -> None:
        i = _picked(self.row.value, "row", _ADD_ROW)
        table = update_comms_row(self._table, i, audience=self.audience.value, needs_to_hear=self.needs_to_hear.value,
                                 ask=self.ask.value, channel=self.channel.value, cadence=self.cadence.value,
                                 owner=self.owner.value,
                                 next_date=self.next_date.value.isoformat() if self.next_date.value else "")
        self._save(table, f"Saved row {i + 1} ({self.audience.value}).", select=i)

    def _on_done(self, _: Any = None) -> None:
        i = _picked(self.row.value, "row", _ADD_ROW)
        r = self._table.iloc[i]
        day = self.next_date.value or self.start.value
        following = following_date(day, r["cadence"]).isoformat()
        table = update_comms_row(self._table, i, next_date=following)
        self._save(table, f"Next contact with {r['audience']}: {date_words(following)}.", select=i)

    def _on_remove(self, _: Any = None) -> None:
        i = _picked(self.row.value, "row", _ADD_ROW)
        name = self._table.iloc[i]["audience"]
        self._save(remove_comms_row(self._table, i), f"Removed '{name}'.", select=max(0, i - 1))

    def _on_add(self, _: Any = None) -> None:
        table = add_comms_row(self._table, self.new_audience.value, start=self.start.value or dt.date.today())
        self.new_audience.value = ""
        self._save(table, f"Added '{table.iloc[-1]['audience']}': fill in what they need to hear and the ask.",
                   select=len(table) - 1)

    def _on_redraft(self, _: Any = None) -> None:
        if self.start.value is None:
            raise MapError(Problem("plan start", "The plan has no start date.", "pick a date in 'Plan starts'."))
        start = self.start.value.isoformat()
        self.store.update(start=start, comms=None)
        table = self._load(self.start.value)
        self._table = table
        self._redraw(0)
        show_message(self.message, f"A fresh draft from the map, starting {date_words(start)}. Saved.", "ok")


# --------------------------------------------------------------------------- reflection


class ReflectionSliders(w.VBox):
    """One set of reflective prompts as sliders, the radar redrawn and the reading rewritten as you go.

    ``kind`` is ``"competencies"``, ``"capabilities"``, ``"roles"`` or ``"levers"``.
    Each slider starts at "not answered"; every move is saved. ``value`` is the answers
    (item -> 0-4).
    """

    def __init__(self, kind: str, *, path: str | os.PathLike | None = None, store: PlanStore | None = None):
        super().__init__()
        from ..plots.engagement import LiveRadar

        self.kind = kind
        self.assessment = assessment(kind)
        self.store = _store(store, path)
        saved = dict(self.store.plan.reflection.get(kind) or {})
        self.message = w.HTML()
        on_slide = guarded(self.message)(self._on_slide)
        self.sliders: dict[str, w.SelectionSlider] = {}
        rows = []
        for d in self.assessment.dimensions:
            rows.append(w.HTML(f"<b>{esc(d.label)}</b> <span style='color:#555'>({esc(d.meaning)})</span>"))
            for i, text in enumerate(d.items, start=1):
                item = f"{d.key}_{i}"
                # buttons, not a slider: each answer is a button a screen reader can name
                slider = choice_buttons(ANSWER_OPTIONS, int(saved.get(item, -1)), description_width="0")
                slider.observe(on_slide, names="value")
                self.sliders[item] = slider
                rows.append(w.VBox([w.HTML(esc(text)), slider]))  # HTML wraps; a Label would cut the words
        self.reading = w.HTML()
        self.picture = picture_image("qi-planner-radar")
        self.reset = w.Button(description="Clear my answers", icon="eraser")
        self.reset.on_click(guarded(self.message)(self._on_reset))
        self._live = LiveRadar(kind, self.value)
        self.children = [
            w.HTML(f"<b>{esc(self.assessment.title)}.</b> {esc(self.assessment.question)} "
                   "Reflective prompts, not a test: there are no right answers and no norms."),
            w.HBox([w.VBox(rows), w.VBox([self.picture, self.reading])]), self.reset, self.message,
            w.HTML(f"<p style='color:#555;font-size:0.9em'>Source: {esc(self.assessment.source)}</p>"),
        ]
        live(self)  # a widget left by a restarted kernel says so
        self._redraw()
        tidy(self)

    @property
    def value(self) -> dict[str, int]:
        return {item: s.value for item, s in self.sliders.items() if s.value >= 0}

    def __repr__(self) -> str:
        return f"Reflection, {self.assessment.title.lower()}: {len(self.value)} of {len(self.sliders)} prompts answered."

    def _redraw(self) -> None:
        answers = self.value
        self.picture.value = self._live.png(answers)
        self.picture.tooltip = self._live.picture.short_alt
        self.reading.value = f"<p style='max-width:26em'>{esc(read_reflection(self.kind, score_reflection(self.kind, answers)))}</p>"

    def _save(self) -> None:
        reflection = {**self.store.plan.reflection, self.kind: self.value}
        ok = self.store.update(reflection=reflection)
        if self.store.elsewhere:  # answers given in another cell or notebook: show them here too
            self._show_answers(self.store.plan.reflection.get(self.kind) or {})
        self._redraw()
        if not ok or self.store.elsewhere:
            show_message(self.message, *_saved_note(ok, self.store.saver, ""))
        else:
            show_message(self.message)

    def _show_answers(self, answers: Mapping[str, Any]) -> None:
        self._quiet = True
        try:
            for item, slider in self.sliders.items():
                value = answers.get(item, -1)
                slider.value = value if value in dict(ANSWER_OPTIONS).values() else -1
        finally:
            self._quiet = False

    def _on_slide(self, _: Any = None) -> None:
        if not getattr(self, "_quiet", False):
            self._save()

    def _on_reset(self, _: Any = None) -> None:
        self._quiet = True
        try:
            for slider in self.sliders.values():
                slider.value = -1
        finally:
            self._quiet = False
        self._save()


# --------------------------------------------------------------------------- export and the whole planner


class ExportPanel(w.VBox):
    """A button that writes the engagement plan as Markdown and self-contained HTML to ``my_work/exports``.

    ``value`` is ``{"md": path, "html": path}`` after an export (empty before).
    """

    def __init__(self, m: StakeholderMap, *, path: str | os.PathLike | None = None, store: PlanStore | None = None,
                 folder: str | os.PathLike | None = None, start: dt.date | str | None = None,
                 images: Callable[[], Mapping[str, tuple[bytes, str]]] | None = None,
                 roles_table: Callable[[], pd.DataFrame] | None = None):
        super().__init__()
        self.map = m
        self.store = _store(store, path)
        self.folder = folder
        self.start = start  # for a draft communication plan when no start date is saved (default: today)
        self._images = images  # pictures already drawn elsewhere (the planner's grid and radars)
        self._roles_table = roles_table  # the roles as the planner already has them
        self.title = w.Text(value=self.store.plan.title or m.title, description="Plan title", style=_STYLE,
                            layout=_LAYOUT_WIDE)
        self.button = w.Button(description="Export my engagement plan", button_style="success", icon="download",
                               layout=w.Layout(width="20em"))
        self.message = w.HTML()
        self._paths: dict[str, Any] = {}
        self.button.on_click(guarded(self.message)(self._on_export))
        self.children = [w.HTML("<b>Take it back to work.</b> One Markdown file and one web page (opens offline, "
                                "prints well). It names colleagues: keep it private."),
                         w.HBox([self.title, self.button]), self.message]
        tidy(self)
        live(self)  # a widget left by a restarted kernel says so

    @property
    def value(self) -> dict[str, Any]:
        return dict(self._paths)

    def __repr__(self) -> str:
        return "Export: the engagement plan as Markdown and a self-contained web page, in my_work/exports."

    def _on_export(self, _: Any = None) -> None:
        from ..plots.engagement import export_engagement

        if self.title.value != self.store.plan.title:
            self.store.update(title=self.title.value)
        plan = self.store.plan
        images = dict(self._images()) if self._images is not None else None
        start = plan.start or self.start or dt.date.today()
        self._paths = export_engagement(self.map, plan, folder=self.folder, start=start, images=images,
                                        roles_table=self._roles_table() if self._roles_table else None)
        files = ", ".join(shown_path(p) for p in self._paths.values())
        show_message(self.message, f"Written: {files}. Open the .html file in a browser to print or share it.", "ok")


REFLECTION_TABS = {"competencies": "Four competencies", "capabilities": "TCI capabilities",
                   "roles": "Eight roles", "levers": "Influence model"}


class ReflectionTabs(w.Tab):
    """The four reflections in tabs (competencies, TCI capabilities, eight roles, influence model).

    All share one :class:`PlanStore`, so every answer lands in the workspace section
    ``"engagement"``. ``value`` is the answers, set -> item -> 0-4.
    """

    def __init__(self, *, path: str | os.PathLike | None = None, store: PlanStore | None = None):
        self.store = _store(store, path)
        self.sliders = {k: ReflectionSliders(k, store=self.store) for k in ASSESSMENTS}
        super().__init__(children=list(self.sliders.values()), titles=[REFLECTION_TABS[k] for k in self.sliders])

    @property
    def value(self) -> dict[str, dict[str, int]]:
        return {k: s.value for k, s in self.sliders.items()}

    def __repr__(self) -> str:
        answered = sum(len(s.value) for s in self.sliders.values())
        total = sum(len(s.sliders) for s in self.sliders.values())
        return f"Leadership reflection in four tabs: {answered} of {total} prompts answered."


class EngagementPlanner(w.VBox):
    """The whole planner in tabs: roles and grid, decision roles, communication plan, reflection, export.

    All tabs share one :class:`PlanStore`, so every edit lands in the same workspace section
    (``"engagement"``) and the drafts follow the roles until you edit them. ``value`` is the
    plan (an :class:`~qi_kit.engage.EngagementPlan`).
    """

    def __init__(self, m: StakeholderMap, *, path: str | os.PathLike | None = None, start: dt.date | str | None = None,
                 folder: str | os.PathLike | None = None):
        super().__init__()
        self.store = PlanStore(path)
        self.roles = RoleGrid(m, store=self.store)
        self.decisions = DecisionRolesEditor(m, store=self.store)
        self.comms = CommsPlanEditor(m, store=self.store, start=start)
        self.reflection = ReflectionTabs(store=self.store)
        self.reflections = self.reflection.sliders
        self.export = ExportPanel(m, store=self.store, folder=folder, start=start, images=self._shown_pictures,
                                  roles_table=lambda: self.roles._roles)
        self.tabs = w.Tab(children=[self.roles, self.decisions, self.comms, self.reflection, self.export],
                          titles=["Roles and grid", "Decision path", "Communication plan", "Reflection", "Export"])
        # the drafts follow role changes when their tab is opened, so a role change stays fast
        self.decisions.lazy = self.comms.lazy = True
        self.tabs.observe(guarded(self.roles.message)(self._on_tab), names="selected_index")
        self.children = [self.tabs]
        tidy(self)
        live(self)  # a widget left by a restarted kernel says so

    def _shown_pictures(self) -> dict[str, tuple[bytes, str]]:
        """The grid and the radars as already drawn in the tabs, for the export (no redrawing)."""
        pictures = {"grid": (bytes(self.roles.picture.value), self.roles._live.picture.alt)}
        for kind, sliders in self.reflections.items():
            pictures[kind] = (bytes(sliders.picture.value), sliders._live.picture.alt)
        return pictures

    def _on_tab(self, change: dict[str, Any]) -> None:
        shown = self.tabs.children[change["new"]] if change["new"] is not None else None
        if hasattr(shown, "refresh"):
            shown.refresh()

    @property
    def value(self) -> EngagementPlan:
        return EngagementPlan.from_dict(self.store.plan.to_dict())

    def __repr__(self) -> str:
        return (f"Engagement planner for {len(self.roles.map)} people: roles and grid, decision path, "
                "communication plan, reflection, export.")
