"""The planner's decision path: who is Responsible, Accountable, Consulted and Informed for each decision."""

from __future__ import annotations

import os
from typing import Any

import ipywidgets as w
import pandas as pd

from ...engage.plan import raci_for_reading
from ...engage.raci import (CELL_VALUES, RACI_LETTERS, add_decision, raci_problems, raci_summary, raci_to_dict,
                            raci_warnings, remove_decision, set_raci)
from ...export import html_table
from ...model import StakeholderMap
from ...state.plan import ROLE_FIELDS, PlanStore, changed_fields, picked, saved_note
from ...text import plural
from .._common import guarded, live, message_html, show_message, tidy
from .common import ADD_PEOPLE, LAYOUT_WIDE, STYLE, scroll, store_for, wire


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
        self.store = store_for(store, path)
        self.lazy = False  # True: follow role changes only when refresh() is called (the planner's tabs)
        self._stale = False
        self._table = self._load()
        # as wide as its longest decision (a decision is a sentence): never cut, never past the notebook
        self.decision = w.Dropdown(description="Decision", style=STYLE, layout=w.Layout(width="auto", max_width="100%"))
        self.person = w.Dropdown(options=m.names, description="Person", style=STYLE, layout=LAYOUT_WIDE)
        self.letter = w.Dropdown(options=[("(no part)", ""), *((f"{k}: {v.split(':')[0]}", k) for k, v in
                                                               RACI_LETTERS.items()), ("A/R: signs off and does it", "A/R")],
                                 description="Their part", style=STYLE, layout=LAYOUT_WIDE)
        self.set_button = w.Button(description="Set", button_style="primary", icon="check")
        self.new_decision = w.Text(placeholder="e.g. Approve extra night staffing", description="New decision",
                                   style=STYLE, layout=LAYOUT_WIDE)
        self.add_button = w.Button(description="Add decision", icon="plus")
        self.remove_button = w.Button(description="Remove this decision", icon="trash")
        self.redraft_button = w.Button(description="Start again from the map", icon="refresh",
                                       layout=w.Layout(width="16em"))
        self.table = w.HTML()
        self.check = w.HTML()
        self.message = w.HTML()
        wire(self.message, (self.set_button, self._on_set), (self.add_button, self._on_add),
             (self.remove_button, self._on_remove), (self.redraft_button, self._on_redraft))
        self.decision.observe(guarded(self.message)(lambda _: self._show_cell()), names="value")
        self.person.observe(guarded(self.message)(lambda _: self._show_cell()), names="value")
        self.store.observe(self._on_plan_changed, names="plan")
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
        self.table.value = scroll(html_table(raci_for_reading(self._table)))
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
        show_message(self.message, *saved_note(ok, self.store.saver, text))

    def _on_plan_changed(self, change: Any) -> None:
        if self.store.plan.raci is None and changed_fields(change["old"], change["new"]) & ROLE_FIELDS:
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
        picked(self.decision.value, "decision", "add a decision first.")
        picked(self.person.value, "person", ADD_PEOPLE)
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
        name = picked(self.decision.value, "decision", "add a decision first.")
        self._save(remove_decision(self._table, name), f"Removed '{name}'.")

    def _on_redraft(self, _: Any = None) -> None:
        ok = self.store.update(raci=None)
        self._table = self.store.plan.raci_table(self.map)
        self._redraw()
        show_message(self.message, *saved_note(ok, self.store.saver, "A fresh draft from the map."))
