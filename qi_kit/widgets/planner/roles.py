"""The planner's first tab: suggested roles on the power/interest grid, with the participant's choices."""

from __future__ import annotations

import os
from typing import Any

import ipywidgets as w
import pandas as pd

from ...engage.commitment import COMMITMENT_LEVELS, commitment_chart, commitment_summary
from ...engage.roles import ROLE_MEANINGS, apply_role_overrides, known_overrides, roles_summary, suggest_roles
from ...export import html_table
from ...model import StakeholderMap
from ...state.plan import PlanStore, forget_choices, keep_choices, picked, saved_note
from ...text import word_for
from .._common import esc, guarded, live, picture_image, show_message, tidy
from .common import ADD_PEOPLE, LAYOUT_WIDE, ROLE_OPTIONS, STYLE, scroll, store_for, wire


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
        from ...plots.engagement import LiveGrid

        self.map = m
        self.store = store_for(store, path)
        self._base = suggest_roles(m)  # the suggestion does not depend on overrides: compute once
        self._roles = self._current_roles()
        self.live_grid = LiveGrid(m, roles=dict(zip(self._roles["name"], self._roles["role"])), power=self.store.plan.power)
        self.picture = picture_image("qi-planner-grid")
        self.person = w.Dropdown(options=m.names, description="Person", style=STYLE, layout=LAYOUT_WIDE)
        self.role = w.Dropdown(options=ROLE_OPTIONS, description="Role", style=STYLE)
        self.now = w.Dropdown(options=COMMITMENT_LEVELS, description="Commitment now", style=STYLE)
        self.needed = w.Dropdown(options=COMMITMENT_LEVELS, description="Needed", style=STYLE)
        self.keep = w.Button(description="Keep my choices", button_style="primary", icon="check",
                             layout=w.Layout(width="auto"))
        self.use_suggestion = w.Button(description="Undo my choice", icon="undo", layout=w.Layout(width="auto"))
        self.reason = w.HTML()
        self.summary = w.HTML()
        self.table = w.HTML()
        self.message = w.HTML()
        wire(self.message, (self.keep, self._on_keep), (self.use_suggestion, self._on_use_suggestion))
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

    @property
    def roles_table(self) -> pd.DataFrame:
        """The roles in use, with where each comes from and the kit's suggestion (one row a person)."""
        return self._roles

    def __repr__(self) -> str:
        # the text shown where widgets cannot be drawn (and compared by nbval): short, plain, stable
        held = self._roles[self._roles["role"] != ""]
        if held.empty:
            return f"Roles and power/interest grid for {len(self.map)} people. No roles yet."
        sponsor = held.loc[held["role"] == "sponsor", "name"].tolist()
        who = f"; the sponsor is {sponsor[0]}" if sponsor else "; no sponsor yet"
        return (f"Roles and power/interest grid for {len(self.map)} people: {len(held)} "
                f"{word_for(len(held), 'has', 'have')} a role{who}.")

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
            self.picture.value = self.live_grid.png(self.value)
            self.picture.tooltip = self.live_grid.picture.short_alt
        self.summary.value = (f"<p>{esc(roles_summary(self._roles))}</p>"
                              f"<p>{esc(commitment_summary(self._chart_table.reset_index()))}</p>")
        grid = self.live_grid.grid.set_index("name")
        shown = pd.DataFrame({
            "name": self._roles["name"], "role": self._roles["role"], "from": self._roles["source"],
            "suggested": self._roles["suggested"],
            "quadrant": [grid.loc[n, "quadrant"] for n in self._roles["name"]],
            "commitment now": [self._chart_table.loc[n, "now"] for n in self._roles["name"]],
            "needed": [self._chart_table.loc[n, "needed"] for n in self._roles["name"]],
        })
        self.table.value = scroll(html_table(shown))

    def _show_person(self) -> None:
        name = self.person.value
        if name is None:
            return
        row = self._roles.set_index("name").loc[name]
        chart = self._chart_table.loc[name]
        grid = self.live_grid.grid.set_index("name").loc[name]
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
        show_message(self.message, *saved_note(ok, self.store.saver, text))

    def _on_keep(self, _: Any = None) -> None:
        name = picked(self.person.value, "person", ADD_PEOPLE)
        changes = keep_choices(self.store.plan, name, role=self.role.value, now=self.now.value,
                               needed=self.needed.value, suggested_needed=self._chart_table.loc[name, "needed"])
        self._save_and_show(f"Kept your choices for {name}.", **changes)

    def _on_use_suggestion(self, _: Any = None) -> None:
        name = picked(self.person.value, "person", ADD_PEOPLE)
        self._save_and_show(f"{name} is back to the role on your map, or the kit's suggestion.",
                            **forget_choices(self.store.plan, name))
