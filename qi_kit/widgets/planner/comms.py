"""The planner's communication plan: audience, what they need to hear, the ask, channel, cadence, owner, next date."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import ipywidgets as w
import pandas as pd

from ...engage.comms import (CADENCES, CHANNELS, add_comms_row, comms_problems, comms_summary, following_date,
                             remove_comms_row, update_comms_row)
from ...errors import MapError, Problem
from ...export import html_table
from ...glossary import date_words
from ...model import StakeholderMap
from ...state.plan import COMMITMENT_FIELDS, PlanStore, changed_fields, picked, saved_note
from .._common import esc, guarded, live, message_html, show_message, tidy
from .common import ADD_ROW, LAYOUT_WIDE, STYLE, date_beside, scroll, store_for, wire


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
        self.store = store_for(store, path)
        self.lazy = False  # True: follow role changes only when refresh() is called (the planner's tabs)
        self._stale = False
        plan = self.store.plan
        first = plan.start_date(start if start is not None else dt.date.today())
        self._table = self._load(first)
        self.start = w.DatePicker(value=first, description="Plan starts", style=STYLE)
        self.row = w.Dropdown(description="Row", style=STYLE, layout=LAYOUT_WIDE)
        self.audience = w.Text(description="Audience", style=STYLE, layout=LAYOUT_WIDE)
        self.needs_to_hear = w.Textarea(description="Needs to hear", style=STYLE, layout=w.Layout(width="34em", height="4.5em"))
        self.ask = w.Textarea(description="The ask", style=STYLE, layout=w.Layout(width="34em", height="4.5em"))
        self.channel = w.Dropdown(options=CHANNELS, description="Channel", style=STYLE)
        self.cadence = w.Dropdown(options=list(CADENCES), description="How often", style=STYLE, layout=LAYOUT_WIDE)
        self.owner = w.Text(description="Owner", style=STYLE)
        self.next_date = w.DatePicker(description="Next date", style=STYLE)
        # the browser writes a picked date its own way: the kit's way ("Mon 12 Jan 2026") beside it
        self.start_words, self.next_date_words = date_beside(self.start), date_beside(self.next_date)
        self.save_row = w.Button(description="Save this row", button_style="primary", icon="check")
        self.done = w.Button(description="Done: next date", icon="calendar-check-o")
        self.remove_row = w.Button(description="Remove this row", icon="trash")
        self.new_audience = w.Text(placeholder="e.g. Pharmacy team", description="New audience", style=STYLE)
        self.add_row = w.Button(description="Add row", icon="plus")
        self.redraft = w.Button(description="Start again from the map", icon="refresh", layout=w.Layout(width="16em"))
        self.table = w.HTML()
        self.summary = w.HTML()
        self.message = w.HTML()
        wire(self.message, (self.save_row, self._on_save_row), (self.done, self._on_done),
             (self.remove_row, self._on_remove), (self.add_row, self._on_add), (self.redraft, self._on_redraft))
        self.row.observe(guarded(self.message)(lambda _: self._show_row()), names="value")
        self.store.observe(self._on_plan_changed, names="plan")
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
        self.table.value = scroll(html_table(shown))
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
        show_message(self.message, *saved_note(ok, self.store.saver, text))

    def _on_plan_changed(self, change: Any) -> None:
        if self.store.plan.comms is None and changed_fields(change["old"], change["new"]) & COMMITMENT_FIELDS:
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
        i = picked(self.row.value, "row", ADD_ROW)
        table = update_comms_row(self._table, i, audience=self.audience.value, needs_to_hear=self.needs_to_hear.value,
                                 ask=self.ask.value, channel=self.channel.value, cadence=self.cadence.value,
                                 owner=self.owner.value,
                                 next_date=self.next_date.value.isoformat() if self.next_date.value else "")
        self._save(table, f"Saved row {i + 1} ({self.audience.value}).", select=i)

    def _on_done(self, _: Any = None) -> None:
        i = picked(self.row.value, "row", ADD_ROW)
        r = self._table.iloc[i]
        day = self.next_date.value or self.start.value
        following = following_date(day, r["cadence"]).isoformat()
        table = update_comms_row(self._table, i, next_date=following)
        self._save(table, f"Next contact with {r['audience']}: {date_words(following)}.", select=i)

    def _on_remove(self, _: Any = None) -> None:
        i = picked(self.row.value, "row", ADD_ROW)
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
        ok = self.store.update(start=start, comms=None)
        self._table = self._load(self.start.value)
        self._redraw(0)
        show_message(self.message, *saved_note(ok, self.store.saver,
                                               f"A fresh draft from the map, starting {date_words(start)}."))
