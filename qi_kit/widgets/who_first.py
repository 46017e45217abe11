""""Who should we engage first?": how many people, which model, compare; the answer in words and a picture.

The answers come from :class:`~qi_kit.state.explorer.StrategyRuns` (one
:func:`~qi_kit.compare_strategies` run per question, then kept); this widget draws them.
"""

from __future__ import annotations

from typing import Any, Sequence

import ipywidgets as w
import pandas as pd

from ..analysis.paths import LISTENING
from ..glossary import kinds_words
from ..model import StakeholderMap
from ..state.explorer import BUDGET, MODELS, STRATEGY_ORDER, STRATEGY_RUNS, StrategyRuns
from ._common import (button, control, guarded, hide_when_empty, picture_image, png_bytes, show_message, show_picture,
                      tidy)
from .explorer_words import model_html, strategies_html


class WhoFirst(w.VBox):
    """"Who should we engage first?": how many people, which model, compare; the answer in words.

    Runs :func:`~qi_kit.compare_strategies` with the same defaults a notebook cell uses (200
    runs, seed 42), so the widget and the notebook give the same answer for the same map, ties
    and model. The model is a visible choice, each explained in one sentence under the menu.
    Each answer is kept, so asking again only redraws.

    Parameters
    ----------
    map
        The map (the participant's, or a case study); ``None`` waits for :meth:`set_map`.
    kind
        The ties the change travels along (default advice and trust).
    seed, runs
        As in :func:`~qi_kit.compare_strategies`.
    """

    def __init__(self, map: StakeholderMap | None = None, *, kind: Sequence[str] = LISTENING, seed: int = 42,
                 runs: int = STRATEGY_RUNS, **kwargs: Any):
        super().__init__(**kwargs)
        self.add_class("qi-who-first")
        self.seed, self.runs = seed, runs
        self.kinds = tuple(kind)
        self.adoption: Any = None
        self.result: pd.DataFrame | None = None
        # a number box, not a slider: a slider's handle has no name a screen reader can read
        self.budget_slider = control(w.BoundedIntText(value=BUDGET, min=1, max=10, description="People:",
                                                      tooltip="how many people the change team can engage first",
                                                      style={"description_width": "4em"},
                                                      layout=w.Layout(width="10em")), "qi-explorer-budget")
        self.model_dropdown = control(w.Dropdown(options=[(text, key) for key, text in MODELS.items()],
                                                 value=next(iter(MODELS)), description="Model:",
                                                 style={"description_width": "4em"},
                                                 layout=w.Layout(width="auto", max_width="100%")),
                                      "qi-explorer-model")
        self.model_words = control(w.HTML(model_html(self.model_dropdown.value)), "qi-explorer-model-words")
        self.model_dropdown.observe(lambda change: setattr(self.model_words, "value", model_html(change["new"])),
                                    names="value")
        self.run_button = button("Compare strategies", "qi-explorer-run", icon="play", style="primary",
                                 tooltip="simulate engaging formal leaders, informal leaders, brokers or "
                                         "a random group first")
        self.run_status = control(w.HTML(), "qi-explorer-run-status")
        self.adoption_image = hide_when_empty(picture_image("qi-explorer-adoption"))
        self.adoption_alt = control(w.HTML(), "qi-explorer-adoption-alt")
        self.strategies_html = control(w.HTML(), "qi-explorer-strategies")
        self.run_button.on_click(guarded(self.run_status)(self._on_run))
        self.children = [
            w.HTML("<h4>Who should we engage first?</h4><p>The kit simulates a change spreading from the first "
                   "people engaged to the people who listen to them, many times over, for each strategy. "
                   "It is a way to think, not a prediction.</p>"),
            w.HBox([self.budget_slider, self.model_dropdown, self.run_button], layout=w.Layout(flex_flow="row wrap")),
            self.model_words, self.run_status, self.adoption_image, self.adoption_alt, self.strategies_html,
        ]
        self._map = StakeholderMap([], [])
        self._runs = StrategyRuns(self._map, seed=seed, runs=runs)
        self._pictures: dict[tuple, tuple[Any, bytes]] = {}
        tidy(self)
        self.set_map(map if map is not None else self._map)

    def __repr__(self) -> str:
        return f"Who should we engage first? {self._map.summary()}"

    def set_map(self, m: StakeholderMap) -> None:
        """A new map: forget the answers for the old one."""
        self._map = m
        self._runs = StrategyRuns(m, seed=self.seed, runs=self.runs)
        self._pictures = {}
        self.budget_slider.max = max(1, min(10, len(m)))
        self.budget_slider.value = min(BUDGET, self.budget_slider.max)  # a new map starts from the default
        self._clear()

    def set_kind(self, kind: Sequence[str]) -> None:
        """The ties the change travels along (the explorer's lens)."""
        self.kinds = tuple(kind)
        self._clear()

    def _clear(self) -> None:
        self.adoption, self.result = None, None
        show_picture(self.adoption_image, b"", None, self.adoption_alt)
        self.strategies_html.value = ""
        show_message(self.run_status, "Choose how many people the team can engage first and a model, then press "
                                      "'Compare strategies'.", "info")

    def _on_run(self, _: Any) -> None:
        from ..plots.network import adoption_picture

        if not len(self._map):
            show_message(self.run_status, "The map is empty: add people and ties with the editor first.", "warn")
            return
        budget, model = self.budget_slider.value, self.model_dropdown.value
        key = self._runs.key(self.kinds, budget, model)
        if key not in self._pictures:
            show_message(self.run_status, f"Running {len(STRATEGY_ORDER)} strategies \u00d7 {self.runs} simulations "
                                          f"on the {kinds_words(self.kinds)} ties\u2026", "info")
            self.run_button.disabled = True
            try:
                picture = adoption_picture(self._runs.answer(self.kinds, budget, model))
                self._pictures[key] = (picture, png_bytes(picture))
            finally:
                self.run_button.disabled = False
        self.result = self._runs.answer(self.kinds, budget, model)
        self.adoption, png = self._pictures[key]
        show_picture(self.adoption_image, png, self.adoption, self.adoption_alt)
        self.strategies_html.value = strategies_html(self.result)
        show_message(self.run_status, self.result.attrs.get("summary", ""), "ok")
