"""The full influence report for one map: every analysis in one call, each with its sentence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

import pandas as pd

from ..escaping import markdown_text
from ..model import StakeholderMap
from .graph import LISTENING, chosen_graph, kinds_of
from .brokers import brokers, key_players, single_points_of_failure
from .groups import clusters, quiet_voices
from .influence import graph_influence_table, _table_summary, formal_leaders_with_little_pull, informal_leaders
from .methods import leader_methods
from .paths import coverage, influence_paths


@dataclass
class InfluenceReport:
    """Every table of the influence analysis for one map, plus the plain-language summary.

    Each table also carries its own sentence in ``.attrs["summary"]``; :attr:`summary` lists them
    in reading order. ``paths`` is None unless a source and a target were given.
    """

    table: pd.DataFrame
    informal_leaders: pd.DataFrame
    formal_leaders_with_little_pull: pd.DataFrame
    brokers: pd.DataFrame
    single_points_of_failure: pd.DataFrame
    key_players: pd.DataFrame
    clusters: pd.DataFrame
    quiet_voices: pd.DataFrame
    coverage: pd.DataFrame
    methods: pd.DataFrame | None = None
    reach: pd.DataFrame | None = None
    paths: pd.DataFrame | None = None
    kinds: tuple[str, ...] = field(default=LISTENING)

    def sentences(self) -> list[str]:
        """The one-sentence summaries, in reading order."""
        parts = [self.table, self.informal_leaders, self.formal_leaders_with_little_pull, self.methods, self.brokers,
                 self.single_points_of_failure, self.key_players, self.reach, self.clusters, self.quiet_voices,
                 self.coverage, self.paths]
        parts = [p for p in parts if p is not None]
        return [p.attrs.get("summary", "") for p in parts if p.attrs.get("summary")]

    @property
    def summary(self) -> str:
        return "\n".join(f"- {s}" for s in self.sentences())

    def _repr_markdown_(self) -> str:
        # the sentences name people as typed: escaped, so a name is never HTML, a link or maths
        lines = "\n".join(f"- {markdown_text(s)}" for s in self.sentences())
        return f"**Influence report** ({markdown_text(' or '.join(self.kinds))} ties)\n\n{lines}"


def report(m: StakeholderMap, *, kind: str | Iterable[str] = LISTENING, source: str | Sequence[str] | None = None,
           target: str | None = None, k: int = 3, seed: int = 42) -> InfluenceReport:
    """The full influence analysis of a map: who leads, who bridges, who is quiet, how to reach whom.

    Parameters
    ----------
    m
        The stakeholder map.
    kind
        The ties to analyse (default advice and trust: the ties through which people listen).
    source, target
        Optional: a person (or a list, such as the change team) and the person to reach; when both
        are given, the report includes :func:`~qi_kit.influence_paths` between them.
    k
        Alternative routes in the path query.
    seed
        Fixes cluster detection.

    Returns
    -------
    InfluenceReport
        The tables (influence table, informal leaders, formal leaders with little pull, the three
        methods side by side, brokers, single points of failure, key players by fragmentation and
        by reach, clusters, quiet voices, coverage, paths) and ``.summary``, one line per finding.
        Every table is computed from one graph of the chosen ties, and the clusters once.

    Examples
    --------
    >>> import qi_kit
    >>> r = report(qi_kit.load_case("ward"), source="Hannah Price", target="Dr James Whitfield")
    >>> r.paths.at[0, "people"][1]
    'Rosa Delgado'
    """
    kinds = kinds_of(kind)
    G = chosen_graph(m, kinds)
    table = graph_influence_table(G, seed=seed)
    table.attrs["summary"] = _table_summary(table, kinds, G.number_of_edges())
    paths = None
    if source is not None and target is not None:
        paths = influence_paths(m, source, target, kind=kinds, k=k)
    return InfluenceReport(
        table=table,
        informal_leaders=informal_leaders(m, kind=kinds, seed=seed, table=table),
        formal_leaders_with_little_pull=formal_leaders_with_little_pull(m, kind=kinds, seed=seed, table=table),
        methods=leader_methods(m, kind=kinds, seed=seed, table=table),
        brokers=brokers(m, kind=kinds, seed=seed, table=table),
        single_points_of_failure=single_points_of_failure(m, kind=kinds),
        key_players=key_players(m, kind=kinds, seed=seed),
        reach=key_players(m, kind=kinds, goal="reach", seed=seed),
        clusters=clusters(m, kind=kinds, seed=seed),
        quiet_voices=quiet_voices(m),
        coverage=coverage(m, kind=kinds),
        paths=paths,
        kinds=kinds,
    )
