"""The engagement planner: roles on the power/interest grid, decision roles, the communication plan,
leadership reflection and the take-home export, with no code.

One module per tab (:mod:`.roles`, :mod:`.decisions`, :mod:`.comms`, :mod:`.reflection`,
:mod:`.export`); each widget is a thin view over the pure functions in :mod:`qi_kit.engage` and
:mod:`qi_kit.reflect`: a callback reads the controls, calls one function, redraws and saves.
Every edit is saved at once to the workspace section ``"engagement"`` through a shared
:class:`~qi_kit.state.plan.PlanStore` (the tabs that follow the roles observe its ``plan``); a
mistake shows as a plain-language message box, never a traceback, and a save that failed says
so; every name or text a participant typed is escaped before it reaches HTML.

Pictures are PNG images redrawn over a cached background (:class:`~qi_kit.plots.engagement.LiveGrid`,
:class:`~qi_kit.plots.engagement.LiveRadar`), so each action stays well under 100 ms on a
60-person map (see ``benchmarks/bench_planner.py``).
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import ipywidgets as w

from ...engage.plan import EngagementPlan
from ...model import StakeholderMap
from ...state.plan import BOTH, ELSEWHERE, SECTION, PlanStore
from .._common import guarded, live, tidy
from .comms import CommsPlanEditor
from .common import ANSWER_OPTIONS, ROLE_OPTIONS
from .decisions import DecisionRolesEditor
from .export import ExportPanel
from .reflection import REFLECTION_TABS, ReflectionSliders, ReflectionTabs
from .roles import RoleGrid

__all__ = ["EngagementPlanner", "RoleGrid", "DecisionRolesEditor", "CommsPlanEditor", "ReflectionSliders",
           "ReflectionTabs", "ExportPanel", "PlanStore", "SECTION", "ELSEWHERE", "BOTH", "ROLE_OPTIONS",
           "ANSWER_OPTIONS", "REFLECTION_TABS"]


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
                                  roles_table=lambda: self.roles.roles_table)
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
        pictures = {"grid": (bytes(self.roles.picture.value), self.roles.live_grid.picture.alt)}
        for kind, sliders in self.reflections.items():
            pictures[kind] = (bytes(sliders.picture.value), sliders.live_radar.picture.alt)
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
