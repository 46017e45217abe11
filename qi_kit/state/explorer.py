"""What the network explorer shows, without widgets: the lenses, every analysis of one map through
one lens, the routes between two people, and the "who first?" answers.

:class:`Findings` computes each analysis on first use and keeps it, so a click in the explorer
only draws; :class:`StrategyRuns` keeps each "who first?" answer, so asking again costs nothing.
Both are plain objects: the explorer asks them for tables, and tests can too.

Examples
--------
>>> import qi_kit
>>> findings = Findings(qi_kit.load_case("ward"), "listening")
>>> findings.kinds
('advice', 'trust')
>>> "Rosa Delgado" in findings.people_in("informal leaders")
True
>>> routes, problem = find_routes(findings.map, "Margaret Okafor", "Rosa Delgado", findings.kinds)
>>> problem, list(routes.at[0, "people"])
('', ['Margaret Okafor', 'Hannah Price', 'Rosa Delgado'])
>>> find_routes(findings.map, "Margaret Okafor", None, findings.kinds)
(None, '')
"""

from __future__ import annotations

from functools import cached_property
from typing import Any, Sequence

import pandas as pd

from ..analysis.brokers import brokers, single_points_of_failure
from ..analysis.groups import clusters, quiet_voices
from ..analysis.influence import formal_leaders_with_little_pull, influence_table, informal_leaders
from ..analysis.methods import leader_methods
from ..analysis.paths import LISTENING, influence_paths
from ..analysis.spread import compare_strategies
from ..errors import MapError
from ..model import TIE_KINDS, StakeholderMap

#: lens -> the kinds of tie it shows
LENSES: dict[str, tuple[str, ...]] = {
    "listening": LISTENING,
    "advice": ("advice",),
    "trust": ("trust",),
    "reports_to": ("reports_to",),
    "all": TIE_KINDS,
}
LENS_LABELS: dict[str, str] = {
    "listening": "advice and trust: who listens to whom",
    "advice": "advice: who goes to whom for advice",
    "trust": "trust: who trusts whom",
    "reports_to": "reports to: the formal line",
    "all": "all ties together",
}
#: overlay -> the mark's label on the map (its shape: ``qi_kit.plots.network.MARK_STYLES``)
MARK_LABELS: dict[str, str] = {"informal leaders": "informal leader", "brokers": "broker",
                               "quiet voices": "quiet voice"}
#: the numbers shown on a person's card, in reading order
CARD_NUMBERS: tuple[str, ...] = ("sought_out_by", "by_chance", "goes_to", "influence_of_influence", "pull",
                                 "authority", "influence", "gap", "betweenness", "closeness", "constraint",
                                 "reach_2_steps", "cluster_name")
#: the spread models offered in "who first?", in the order shown (the first is the default)
MODELS: dict[str, str] = {
    "complex": "complex contagion: at least 2 of those they listen to",
    "threshold": "share threshold: a quarter of those they listen to",
    "cascade": "independent cascade: one convinced colleague can be enough",
}
BUDGET = 3  # people engaged first, as in the notebooks
STRATEGY_RUNS = 200  # simulations per strategy: compare_strategies' own default, so both give one answer
ROUTE_NAMES = ("strongest", "alternative 1", "alternative 2", "alternative 3")
#: the strategies compared in "who first?" (their plain labels come from the analysis)
STRATEGY_ORDER: tuple[str, ...] = ("formal", "informal", "brokers", "random")


class Findings:
    """Every analysis of one map through one lens, each computed on first use and then kept.

    A plain object (no widgets): the explorer asks it for tables; tests can too.
    """

    def __init__(self, m: StakeholderMap, lens: str, *, seed: int = 42):
        self.map = m
        self.lens = lens
        self.kinds = LENSES[lens]
        self.seed = seed

    @cached_property
    def table(self) -> pd.DataFrame:
        return influence_table(self.map, kind=self.kinds, seed=self.seed)

    @cached_property
    def leaders(self) -> pd.DataFrame:
        return informal_leaders(self.map, kind=self.kinds, seed=self.seed, table=self.table)

    @cached_property
    def little_pull(self) -> pd.DataFrame:
        return formal_leaders_with_little_pull(self.map, kind=self.kinds, seed=self.seed, table=self.table)

    @cached_property
    def methods(self) -> pd.DataFrame:
        return leader_methods(self.map, kind=self.kinds, seed=self.seed, table=self.table)

    @cached_property
    def brokers(self) -> pd.DataFrame:
        return brokers(self.map, kind=self.kinds, seed=self.seed, table=self.table)

    @cached_property
    def clusters(self) -> pd.DataFrame:
        return clusters(self.map, kind=self.kinds, seed=self.seed)

    @cached_property
    def quiet(self) -> pd.DataFrame:
        return quiet_voices(self.map, kind=self.kinds)

    @cached_property
    def single_points(self) -> pd.DataFrame:
        return single_points_of_failure(self.map, kind=self.kinds)

    def prepare(self) -> "Findings":
        """Compute everything now (when a map opens), so that the first clicks only draw."""
        for name in ("table", "leaders", "little_pull", "methods", "brokers", "clusters", "quiet", "single_points"):
            getattr(self, name)
        return self

    def people_in(self, overlay: str) -> list[str]:
        """The people an overlay rings (quiet voices: people only, not units or missing groups)."""
        if overlay == "informal leaders":
            return list(self.leaders.index)
        if overlay == "brokers":
            return list(self.brokers.index)
        if overlay == "quiet voices":
            names = set(self.map.names)
            return list(dict.fromkeys(p for p in self.quiet["who"] if p in names))
        return []


def find_routes(m: StakeholderMap, source: Any, target: Any, kinds: Sequence[str], *,
                k: int = 3) -> tuple[pd.DataFrame | None, str]:
    """The strongest route from ``source`` (a name, or a tuple of names: the change team) to
    ``target`` and up to ``k`` alternatives, or ``(None, "")`` while either end is not picked,
    or ``(None, problem)`` with the problem in words (:func:`~qi_kit.influence_paths` says it).
    """
    if source is None or target is None:
        return None, ""
    try:
        return influence_paths(m, list(source) if isinstance(source, tuple) else source, target,
                               kind=kinds, k=k), ""
    except MapError as exc:
        return None, str(exc)


class StrategyRuns:
    """The "who first?" answers for one map: :func:`~qi_kit.compare_strategies` run once per
    question (the ties, how many people are engaged first, the model), then kept.

    Runs with the same defaults a notebook cell uses (seed 42, :data:`STRATEGY_RUNS` runs), so
    the widget and the notebook give the same answer for the same map, ties and model.

    >>> import qi_kit
    >>> runs = StrategyRuns(qi_kit.load_case("ward"), runs=20)
    >>> runs.known(("advice", "trust"), 3, "complex")
    False
    >>> result = runs.answer(("advice", "trust"), 3, "complex")
    >>> runs.known(("advice", "trust"), 3, "complex"), runs.answer(("advice", "trust"), 3, "complex") is result
    (True, True)
    """

    def __init__(self, m: StakeholderMap, *, seed: int = 42, runs: int = STRATEGY_RUNS):
        self.map, self.seed, self.runs = m, seed, runs
        self._answers: dict[tuple, pd.DataFrame] = {}

    @staticmethod
    def key(kinds: Sequence[str], budget: int, model: str) -> tuple:
        return (tuple(kinds), int(budget), model)

    def known(self, kinds: Sequence[str], budget: int, model: str) -> bool:
        """True if this question was answered already (asking again only redraws)."""
        return self.key(kinds, budget, model) in self._answers

    def answer(self, kinds: Sequence[str], budget: int, model: str) -> pd.DataFrame:
        """The strategies compared (the table of :func:`~qi_kit.compare_strategies`), computed once."""
        key = self.key(kinds, budget, model)
        if key not in self._answers:
            self._answers[key] = compare_strategies(self.map, budget=budget, kind=tuple(kinds),
                                                    strategies=STRATEGY_ORDER, model=model, runs=self.runs,
                                                    seed=self.seed)
        return self._answers[key]
