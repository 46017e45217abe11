"""The planner's leadership reflection: reflective prompts as rows of answer buttons, with a radar."""

from __future__ import annotations

import os
from typing import Any, Mapping

import ipywidgets as w

from ...reflect import ASSESSMENTS, assessment, read_reflection, score_reflection
from ...state.plan import PlanStore, reflection_answers, saved_note
from .._common import choice_buttons, esc, guarded, live, paused, picture_image, show_message, tidy
from .common import ANSWER_OPTIONS, store_for


class ReflectionSliders(w.VBox):
    """One set of reflective prompts as sliders, the radar redrawn and the reading rewritten as you go.

    ``kind`` is ``"competencies"``, ``"capabilities"``, ``"roles"`` or ``"levers"``.
    Each slider starts at "not answered"; every move is saved. ``value`` is the answers
    (item -> 0-4).
    """

    def __init__(self, kind: str, *, path: str | os.PathLike | None = None, store: PlanStore | None = None):
        super().__init__()
        from ...plots.engagement import LiveRadar

        self.kind = kind
        self.assessment = assessment(kind)
        self.store = store_for(store, path)
        saved = dict(self.store.plan.reflection.get(kind) or {})
        self.message = w.HTML()
        self._on_slide = on_slide = guarded(self.message)(self._save)  # observed by every answer row
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
        self.live_radar = LiveRadar(kind, self.value)
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
        self.picture.value = self.live_radar.png(answers)
        self.picture.tooltip = self.live_radar.picture.short_alt
        self.reading.value = f"<p style='max-width:26em'>{esc(read_reflection(self.kind, score_reflection(self.kind, answers)))}</p>"

    def _save(self, _: Any = None) -> None:
        reflection = {**self.store.plan.reflection, self.kind: self.value}
        ok = self.store.update(reflection=reflection)
        if self.store.elsewhere:  # answers given in another cell or notebook: show them here too
            self._show_answers(self.store.plan.reflection.get(self.kind) or {})
        self._redraw()
        if not ok or self.store.elsewhere:
            show_message(self.message, *saved_note(ok, self.store.saver, ""))
        else:
            show_message(self.message)

    def _show_answers(self, answers: Mapping[str, Any]) -> None:
        shown = reflection_answers(answers, self.sliders, dict(ANSWER_OPTIONS).values())
        with paused(self._on_slide, self.sliders.values()):
            for item, slider in self.sliders.items():
                slider.value = shown[item]

    def _on_reset(self, _: Any = None) -> None:
        self._show_answers({})
        self._save()


REFLECTION_TABS = {"competencies": "Four competencies", "capabilities": "TCI capabilities",
                   "roles": "Eight roles", "levers": "Influence model"}


class ReflectionTabs(w.Tab):
    """The four reflections in tabs (competencies, TCI capabilities, eight roles, influence model).

    All share one :class:`PlanStore`, so every answer lands in the workspace section
    ``"engagement"``. ``value`` is the answers, set -> item -> 0-4.
    """

    def __init__(self, *, path: str | os.PathLike | None = None, store: PlanStore | None = None):
        self.store = store_for(store, path)
        self.sliders = {k: ReflectionSliders(k, store=self.store) for k in ASSESSMENTS}
        super().__init__(children=list(self.sliders.values()), titles=[REFLECTION_TABS[k] for k in self.sliders])

    @property
    def value(self) -> dict[str, dict[str, int]]:
        return {k: s.value for k, s in self.sliders.items()}

    def __repr__(self) -> str:
        answered = sum(len(s.value) for s in self.sliders.values())
        total = sum(len(s.sliders) for s in self.sliders.values())
        return f"Leadership reflection in four tabs: {answered} of {total} prompts answered."
