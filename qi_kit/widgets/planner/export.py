"""The planner's take-home export: the engagement plan as Markdown and a self-contained web page."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any, Callable, Mapping

import ipywidgets as w
import pandas as pd

from ...model import StakeholderMap
from ...state.plan import PlanStore
from .._common import guarded, live, show_message, shown_path, tidy
from .common import LAYOUT_WIDE, STYLE, store_for


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
        self.store = store_for(store, path)
        self.folder = folder
        self.start = start  # for a draft communication plan when no start date is saved (default: today)
        self._images = images  # pictures already drawn elsewhere (the planner's grid and radars)
        self._roles_table = roles_table  # the roles as the planner already has them
        self.title = w.Text(value=self.store.plan.title or m.title, description="Plan title", style=STYLE,
                            layout=LAYOUT_WIDE)
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
        from ...takehome.plan import export_engagement

        unsaved = ""
        if self.title.value != self.store.plan.title and not self.store.update(title=self.title.value):
            unsaved = (" The new title is in the files but could not be saved in your plan: "
                       f"{self.store.saver.last_error}")
        plan = self.store.plan
        images = dict(self._images()) if self._images is not None else None
        start = plan.start or self.start or dt.date.today()
        self._paths = export_engagement(self.map, plan, folder=self.folder, start=start, images=images,
                                        roles_table=self._roles_table() if self._roles_table else None)
        files = ", ".join(shown_path(p) for p in self._paths.values())
        show_message(self.message, f"Written: {files}. Open the .html file in a browser to print or share it.{unsaved}",
                     "warn" if unsaved else "ok")
