"""Who should we engage first? Simulating how a change spreads from the first people engaged.

Influence flows against the arrows: a person is influenced by the people they listen to (go to
for advice, trust...). Two classic models:

- **threshold** (complex contagion): a person takes up the change once at least a given share of
  the people they listen to have (Granovetter 1978; Watts 2002; Centola & Macy 2007). Several
  adopters around a person are needed, so who you start with, and whether they sit together,
  matters a great deal.
- **cascade** (simple contagion, independent cascade): each person who takes up the change gets
  one chance to convince each person who listens to them, with a probability that grows with the
  tie's strength (Kempe, Kleinberg & Tardos 2003).

Runs are vectorised with numpy (all runs at once) and are deterministic for a given ``seed``.
"""

from __future__ import annotations

from typing import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..errors import MapError, Problem
from ..glossary import kinds_words, names_list
from ..model import StakeholderMap
from ._graph import check_map, chosen_graph, kinds_of, matrices
from .influence import FORMAL_AUTHORITY, _compute, informal_leaders

MODELS = ("threshold", "cascade")
STRATEGIES: dict[str, str] = {
    "formal": "formal leaders",
    "informal": "informal leaders",
    "brokers": "brokers",
    "random": "random group",
    "cluster": "one close-knit group",
}
#: Default threshold: a person adopts once a quarter of the people they listen to have. With the
#: 2-4 people a clinician typically names, that means one or two adopters: enough that a single
#: contact can tip someone who listens to few people, while people who listen to many need
#: reinforcement (the complex-contagion case).
THRESHOLD = 0.25
#: Ties a change travels along: the people someone goes to for advice, trusts, or gets information
#: from. (Paths and brokers use advice and trust only; a change is also picked up from the people
#: who keep us informed, which is how most senior leaders hear of it.)
SPREAD_LENS: tuple[str, ...] = ("advice", "trust", "information")
#: Default chance that a strong tie (strength 3) passes the change on in the cascade model;
#: regular and occasional ties pass it with 2/3 and 1/3 of this.
PROBABILITY = 0.5


def _check(model: str, runs: int, rounds: int, threshold, probability: float) -> None:
    problems = []
    if model not in MODELS:
        problems.append(Problem("model", f"'{model}' is not a spread model.", "use model='threshold' or model='cascade'."))
    for name, value in (("runs", runs), ("rounds", rounds)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            problems.append(Problem(name, f"{name} must be a whole number (1 or more), not {value!r}.",
                                    f"use e.g. {name}={200 if name == 'runs' else 10}."))
    if isinstance(threshold, (int, float)) and not isinstance(threshold, bool) and not 0 < threshold <= 1:
        problems.append(Problem("threshold", f"threshold {threshold} is not a share between 0 and 1.",
                                "use e.g. threshold=0.25 (a quarter of the people they listen to)."))
    if not 0 < probability <= 1:
        problems.append(Problem("probability", f"probability {probability} is not between 0 and 1.",
                                "use e.g. probability=0.5."))
    if problems:
        raise MapError(problems)


class _Network:
    """The chosen ties as matrices for the simulation (built once per map and kind)."""

    def __init__(self, m: StakeholderMap, kind) -> None:
        self.G = chosen_graph(m, kind)
        M = matrices(self.G)
        self.names, self.index, self.n = M.names, M.index, M.n
        self.listens = M.A  # listens[v, u] = 1 when v listens to u
        self.listen_count = np.asarray(M.A.sum(axis=1)).ravel()
        self.strength = M.W


def _thresholds(net: _Network, threshold, runs: int, rng: np.random.Generator) -> np.ndarray:
    if isinstance(threshold, str):
        if threshold != "random":
            raise MapError(Problem("threshold", f"'{threshold}' is not a threshold.",
                                   "use a share such as 0.25, 'random', or a dict of name -> share."))
        return rng.random((runs, net.n))
    if isinstance(threshold, Mapping):
        values = np.full(net.n, THRESHOLD)
        for name, value in threshold.items():
            if name not in net.index:
                raise MapError(Problem("threshold", f"'{name}' is not on the map.", "use names from the people table."))
            values[net.index[name]] = float(value)
        return np.broadcast_to(values, (runs, net.n))
    return np.full((runs, net.n), float(threshold))


def _run(net: _Network, start: np.ndarray, *, model: str, rounds: int, threshold, probability: float,
         rng: np.random.Generator) -> np.ndarray:
    """Adopters per run and round: an array (rounds + 1) x runs, from a runs x n start matrix."""
    runs = start.shape[0]
    adopted = start.copy()
    counts = [adopted.sum(axis=1)]
    if model == "threshold":
        theta = _thresholds(net, threshold, runs, rng)
        listens = net.listens.astype(float).tocsr()
        can_adopt = net.listen_count > 0
        safe = np.where(can_adopt, net.listen_count, 1.0)
        for _ in range(rounds):
            share = (listens @ adopted.T.astype(float)).T / safe
            adopted = adopted | (can_adopt & (share >= theta - 1e-12))
            counts.append(adopted.sum(axis=1))
    else:
        # chance that u passes the change to v, where v listens to u: probability x strength / 3
        chance = net.strength.T.tocsr() * (probability / 3.0)
        log_miss = chance.copy()
        log_miss.data = np.log1p(-np.minimum(log_miss.data, 1.0 - 1e-12))
        fresh = adopted.copy()
        for _ in range(rounds):
            missed = fresh.astype(float) @ log_miss  # runs x n: log P(nobody new convinces v)
            if sp.issparse(missed):
                missed = missed.toarray()
            caught = rng.random((runs, net.n)) < -np.expm1(missed)
            fresh = caught & ~adopted
            adopted = adopted | fresh
            counts.append(adopted.sum(axis=1))
    return np.vstack(counts)


def _rounds_frame(counts: np.ndarray, n: int) -> pd.DataFrame:
    return pd.DataFrame({
        "round": np.arange(counts.shape[0]),
        "adopted": counts.mean(axis=1),
        "low": np.percentile(counts, 10, axis=1),
        "high": np.percentile(counts, 90, axis=1),
        "adopted_share": counts.mean(axis=1) / n if n else 0.0,
    })


def _seeds_matrix(net: _Network, seeds: Sequence[str], runs: int) -> np.ndarray:
    start = np.zeros((runs, net.n), dtype=bool)
    start[:, [net.index[s] for s in seeds]] = True
    return start


def simulate_spread(m: StakeholderMap, seeds: str | Sequence[str], *, kind: str | Iterable[str] = SPREAD_LENS,
                    model: str = "threshold", threshold: float | str | Mapping[str, float] = THRESHOLD,
                    probability: float = PROBABILITY, rounds: int = 10, runs: int = 200,
                    seed: int = 42) -> pd.DataFrame:
    """How many people take up the change, round by round, when the team first engages ``seeds``.

    Parameters
    ----------
    m
        The stakeholder map.
    seeds
        The names of the people engaged first (they have adopted at round 0).
    kind
        The ties along which influence travels (default advice, trust and information: ``SPREAD_LENS``).
    model
        ``"threshold"`` (complex contagion, default) or ``"cascade"`` (simple contagion).
    threshold
        Threshold model only: the share of the people someone listens to who must have adopted
        before they do (default 0.25). ``"random"`` draws each person's share at random in every
        run (Kempe's linear threshold); a dict gives named people their own share.
    probability
        Cascade model only: the chance a strong tie passes the change on (default 0.5); regular
        and occasional ties pass it with 2/3 and 1/3 of that.
    rounds, runs
        Rounds per run (default 10) and how many runs to average (default 200).
    seed
        Fixes the random numbers: the same seed gives the same answer.

    Returns
    -------
    pandas.DataFrame
        One row per round (0 = the seeds): ``adopted`` (mean over runs), ``low`` and ``high``
        (10th and 90th percentiles) and ``adopted_share`` (of everyone on the map).
        ``.attrs["summary"]`` says it in one sentence.

    Notes
    -----
    People who listen to nobody (on these ties) never adopt unless they are seeds. With a fixed
    threshold the threshold model has no chance in it: every run is the same.

    References
    ----------
    Granovetter (1978), Threshold models of collective behavior, AJS 83:1420. Watts (2002),
    A simple model of global cascades on random networks, PNAS 99:5766. Centola & Macy (2007),
    Complex contagions and the weakness of long ties, AJS 113:702. Kempe, Kleinberg & Tardos
    (2003), Maximizing the spread of influence through a social network, KDD.

    Examples
    --------
    >>> import qi_kit
    >>> curve = simulate_spread(qi_kit.load_case("ward"), ["Rosa Delgado"])  # doctest: +SKIP
    """
    check_map(m)
    _check(model, runs, rounds, threshold, probability)
    names = [seeds] if isinstance(seeds, str) else list(seeds)
    if not names:
        raise MapError(Problem("seeds", "No one was chosen to engage first.", "name at least one person."))
    names = list(dict.fromkeys(m.resolve(s, what="person to engage") for s in names))
    net = _Network(m, kind)
    rng = np.random.default_rng(seed)
    counts = _run(net, _seeds_matrix(net, names, runs), model=model, rounds=rounds, threshold=threshold,
                  probability=probability, rng=rng)
    table = _rounds_frame(counts, net.n)
    last = table.iloc[-1]
    table.attrs["seeds"] = names
    table.attrs["summary"] = (f"Engaging {names_list(names, limit=4)} first: after {rounds} rounds of the {model} "
                              f"model, {last['adopted']:.1f} of {net.n} people have taken up the change on average "
                              f"(9 in 10 runs between {last['low']:.0f} and {last['high']:.0f}).")
    return table


def choose_seeds(m: StakeholderMap, strategy: str, budget: int, *, kind=SPREAD_LENS, seed: int = 42,
                 table: pd.DataFrame | None = None) -> list[str]:
    """The ``budget`` people a strategy engages first (not for ``"random"``, which varies per run).

    - ``formal``: highest authority first (ties: more pull, then map order);
    - ``informal``: the informal leaders in rank order, then the people with most pull among
      those without formal authority (authority below 3);
    - ``brokers``: highest betweenness first;
    - ``cluster``: the person with most pull and the people with most pull in their cluster.

    People who oppose the change (stance below 0) are never chosen: engaging them first does not
    start the spread (their commitment is a separate piece of work, see the engagement plan).
    """
    table = _compute(chosen_graph(m, kind), seed=seed) if table is None else table
    order = pd.Series(np.arange(len(table)), index=table.index)
    frame = table.assign(_order=order)
    frame = frame[frame.index.isin(_open_to_change(m))]
    if strategy == "formal":
        chosen = frame.sort_values(["authority", "pull", "_order"], ascending=[False, False, True]).index
    elif strategy == "informal":
        leaders = [p for p in informal_leaders(m, kind=kind, seed=seed, table=table).index if p in frame.index]
        rest = frame[(frame["authority"] < FORMAL_AUTHORITY) & ~frame.index.isin(leaders)]
        chosen = leaders + list(rest.sort_values(["pull", "_order"], ascending=[False, True]).index)
    elif strategy == "brokers":
        chosen = frame.sort_values(["betweenness", "pull", "_order"], ascending=[False, False, True]).index
    elif strategy == "cluster":
        top = frame.sort_values(["pull", "_order"], ascending=[False, True])
        first = top.index[0]
        same = top[top["cluster"] == top.at[first, "cluster"]]
        chosen = list(same.index) + [p for p in top.index if p not in same.index]
    else:
        raise MapError(Problem("strategy", f"'{strategy}' is not a strategy.",
                               f"use one of: {', '.join(STRATEGIES)}."))
    return list(chosen)[:budget]


def _open_to_change(m: StakeholderMap) -> list[str]:
    """People whose stance is neutral or better: the ones a change team can start with."""
    people = m.people
    return people.loc[people["stance"] >= 0, "name"].tolist()


def _rounds_to_half(curve: pd.Series, n: int) -> int | None:
    """The first round by which at least half the people have (on average) taken up the change."""
    reached = curve.index[curve >= n / 2]
    return int(reached[0]) if len(reached) else None


def compare_strategies(m: StakeholderMap, *, budget: int = 3, kind: str | Iterable[str] = SPREAD_LENS,
                       strategies: Sequence[str] = ("formal", "informal", "brokers", "random"),
                       model: str = "threshold", threshold: float | str | Mapping[str, float] = THRESHOLD,
                       probability: float = PROBABILITY, rounds: int = 10, runs: int = 200,
                       seed: int = 42) -> pd.DataFrame:
    """Adoption over rounds when the team first engages formal leaders, informal leaders, brokers or anyone.

    Parameters
    ----------
    m
        The stakeholder map.
    budget
        How many people the change team can engage first (the same for every strategy).
    strategies
        Any of ``"formal"``, ``"informal"``, ``"brokers"``, ``"random"`` (a new random group of
        the same size in every run) and ``"cluster"`` (one close-knit group: the person with most
        pull and their cluster's next most listened-to members).
    kind, model, threshold, probability, rounds, runs, seed
        As in :func:`simulate_spread`. Every strategy uses the same random numbers (the same
        ``seed``), so differences come from the choice of people, not from luck.

    Returns
    -------
    pandas.DataFrame
        Long format, one row per strategy and round: ``strategy`` (plain label), ``round``,
        ``adopted``, ``low``, ``high``, ``adopted_share``. ``.attrs["seeds"]`` maps each label to
        the people engaged (``"random"`` lists none); ``.attrs["final"]`` is the last round per
        strategy; ``.attrs["summary"]`` compares them in one sentence.

    Examples
    --------
    >>> import qi_kit
    >>> result = compare_strategies(qi_kit.load_case("ward"), budget=3)  # doctest: +SKIP
    """
    check_map(m)
    _check(model, runs, rounds, threshold, probability)
    if not isinstance(budget, int) or isinstance(budget, bool) or budget < 1:
        raise MapError(Problem("budget", f"budget must be a whole number of people (1 or more), not {budget!r}.",
                               "use e.g. budget=3."))
    for s in strategies:
        if s not in STRATEGIES:
            raise MapError(Problem("strategies", f"'{s}' is not a strategy.", f"use some of: {', '.join(STRATEGIES)}."))
    net = _Network(m, kind)
    columns = ["strategy", "round", "adopted", "low", "high", "adopted_share"]
    if net.n == 0:
        result = pd.DataFrame(columns=columns)
        result.attrs.update(seeds={}, final=result.copy(), summary="The map has nobody on it yet.")
        return result
    budget = min(budget, net.n)
    table = _compute(net.G, seed=seed)
    open_people = set(_open_to_change(m))
    frames, seeds = [], {}
    for strategy in strategies:
        label = STRATEGIES[strategy]
        rng = np.random.default_rng(seed)
        if strategy == "random":
            start = np.zeros((runs, net.n), dtype=bool)
            draw = rng.random((runs, net.n))
            draw[:, [net.index[p] for p in net.names if p not in open_people]] = np.inf  # never opponents
            picks = np.argsort(draw, axis=1)[:, :min(budget, len(open_people))]
            np.put_along_axis(start, picks, True, axis=1)
            seeds[label] = []
        else:
            chosen = choose_seeds(m, strategy, budget, kind=kind, seed=seed, table=table)
            start = _seeds_matrix(net, chosen, runs)
            seeds[label] = chosen
        counts = _run(net, start, model=model, rounds=rounds, threshold=threshold, probability=probability, rng=rng)
        frames.append(_rounds_frame(counts, net.n).assign(strategy=label))
    result = pd.concat(frames, ignore_index=True)[columns]
    final = result[result["round"] == rounds].set_index("strategy")
    result.attrs["seeds"] = seeds
    result.attrs["final"] = final
    curves = result.pivot(index="round", columns="strategy", values="adopted")
    half = {label: _rounds_to_half(curves[label], net.n) for label in curves.columns}
    # Furthest reach first; among equals, the one that reached half the map soonest.
    ranking = sorted(final.index, key=lambda label: (-round(final.at[label, "adopted"], 1),
                                                     half[label] if half[label] is not None else rounds + 1))
    best = ranking[0]
    parts = [f"{label} {row['adopted']:.1f}" for label, row in final.iterrows()]
    summary = (f"Engaging {budget} people first ({model} model, {kinds_words(kinds_of(kind))} ties, {runs} runs): after "
               f"{rounds} rounds, on average {'; '.join(parts)} of {net.n} people have taken up the change. "
               f"Best: {best}" + (f" ({names_list(seeds[best])})" if seeds.get(best) else ""))
    speeds = [f"{label} in {r} round{'s' if r != 1 else ''}" for label, r in sorted(
        ((label, r) for label, r in half.items() if r is not None), key=lambda item: item[1])]
    summary += (f". Half the people had taken it up: {'; '.join(speeds)}." if speeds
                else ". No strategy reached half the people.")
    result.attrs["summary"] = summary
    return result
