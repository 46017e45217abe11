"""Who should we engage first? Simulating how a change spreads from the first people engaged.

Influence flows against the arrows: a person is influenced by the people they listen to (go to
for advice, trust...). Three classic models, named for what they are (:data:`MODEL_WORDS`):

- ``"cascade"``, **independent cascade** (simple contagion): each person who takes up the change
  gets one chance to convince each person who listens to them, with a probability that grows
  with the tie's strength (Kempe, Kleinberg & Tardos 2003). One convinced colleague can be
  enough.
- ``"threshold"``, **share threshold** (Granovetter 1978; Watts 2002): a person takes up the
  change once a given share of the people they listen to have (default a quarter). For someone
  who listens to one to four people a single adopter is already enough, so on most workshop
  maps this behaves much like simple contagion.
- ``"complex"``, **complex contagion** (Centola & Macy 2007; the default): a person takes up
  the change once at least a given *number* of the people they listen to have (default 2): one
  colleague is never enough, reinforcement is needed, and someone who listens to a single
  person never takes it up unless engaged first. Who you start with, and whether they sit
  together, matters most here.

:func:`compare_strategies` is honest about its answer: strategies that engage the same first
people are merged ("informal leaders = brokers"), a "formal leaders" strategy engages only people
with formal authority, and a strategy is called best only when its lead over the next is larger
than the run-to-run spread of that lead over at least :data:`MIN_RUNS` runs; otherwise the result
is reported as a tie. Runs are vectorised with numpy and deterministic for a given ``seed``.
"""

from __future__ import annotations

from typing import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..errors import MapError, Problem
from ..glossary import kinds_words
from ..model import StakeholderMap
from ..text import names_list, plural, word_for
from .graph import LISTENING, check_map, chosen_graph, kinds_of, matrices
from .influence import graph_influence_table
from .labels import FORMAL_AUTHORITY, INFORMAL

MODELS = ("threshold", "complex", "cascade")
#: Each model's name and what it assumes, in the words the notebooks and the explorer show.
MODEL_WORDS: dict[str, str] = {
    "threshold": "share threshold: people take it up once a quarter of those they listen to have (for someone "
                 "who listens to four or fewer, one colleague is enough)",
    "complex": "complex contagion: people take it up once at least 2 of those they listen to have (one "
               "colleague is never enough)",
    "cascade": "independent cascade: each convinced colleague gets one chance to convince each person who "
               "listens to them (one can be enough)",
}
#: Short names for sentences ("the complex-contagion model").
MODEL_NAMES: dict[str, str] = {"threshold": "share-threshold", "complex": "complex-contagion",
                               "cascade": "independent-cascade"}
STRATEGIES: dict[str, str] = {
    "formal": "formal leaders",
    "informal": "informal leaders",
    "brokers": "brokers",
    "random": "random group",
    "cluster": "one close-knit group",
}
#: Default share threshold: a person adopts once a quarter of the people they listen to have.
THRESHOLD = 0.25
#: Default number for complex contagion: at least two of the people someone listens to.
AT_LEAST = 2
#: The ties a change travels along by default: advice and trust, the kit's listening ties (the
#: same as routes, brokers and coverage, and the explorer's first lens).
SPREAD_KINDS: tuple[str, ...] = LISTENING
#: Advice, trust and information: the wider choice (a change is also picked up from the people
#: who keep us informed, which is how many senior leaders hear of it).
SPREAD_LENS: tuple[str, ...] = ("advice", "trust", "information")
#: Default chance that a strong tie (strength 3) passes the change on in the cascade model;
#: regular and occasional ties pass it with 2/3 and 1/3 of this.
PROBABILITY = 0.5
#: The fewest runs on which one strategy can be called better than another.
MIN_RUNS = 20


def _check(model: str, runs: int, rounds: int, threshold, probability: float, at_least) -> None:
    problems = []
    if model not in MODELS:
        problems.append(Problem("model", f"'{model}' is not a spread model.",
                                "use model='threshold' (share), 'complex' (at least 2) or 'cascade'."))
    for name, value in (("runs", runs), ("rounds", rounds)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            problems.append(Problem(name, f"{name} must be a whole number (1 or more), not {value!r}.",
                                    f"use e.g. {name}={200 if name == 'runs' else 10}."))
    if isinstance(threshold, (int, float)) and not isinstance(threshold, bool) and not 0 < threshold <= 1:
        problems.append(Problem("threshold", f"threshold {threshold} is not a share between 0 and 1.",
                                "use e.g. threshold=0.25 (a quarter of the people they listen to)."))
    if not isinstance(at_least, int) or isinstance(at_least, bool) or at_least < 1:
        problems.append(Problem("at_least", f"at_least must be a whole number of people (1 or more), not "
                                             f"{at_least!r}.", "use e.g. at_least=2."))
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
         at_least: int, rng: np.random.Generator) -> np.ndarray:
    """Adopters per run and round: an array (rounds + 1) x runs, from a runs x n start matrix."""
    runs = start.shape[0]
    adopted = start.copy()
    counts = [adopted.sum(axis=1)]
    listens = net.listens.astype(float).tocsr()
    if model in ("threshold", "complex"):
        can_adopt = net.listen_count > 0
        if model == "threshold":
            theta = _thresholds(net, threshold, runs, rng)
            safe = np.where(can_adopt, net.listen_count, 1.0)
        for _ in range(rounds):
            around = (listens @ adopted.T.astype(float)).T  # runs x n: adopters each person listens to
            if model == "threshold":
                ready = around / safe >= theta - 1e-12
            else:
                ready = around >= at_least
            adopted = adopted | (can_adopt & ready)
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


def _model_name(model: str) -> str:
    return f"{MODEL_NAMES[model]} model"


def simulate_spread(m: StakeholderMap, seeds: str | Sequence[str], *, kind: str | Iterable[str] = SPREAD_KINDS,
                    model: str = "complex", threshold: float | str | Mapping[str, float] = THRESHOLD,
                    at_least: int = AT_LEAST, probability: float = PROBABILITY, rounds: int = 10,
                    runs: int = 200, seed: int = 42) -> pd.DataFrame:
    """How many people take up the change, round by round, when the team first engages ``seeds``.

    Parameters
    ----------
    m
        The stakeholder map.
    seeds
        The names of the people engaged first (they have adopted at round 0).
    kind
        The ties along which influence travels (default advice and trust; ``SPREAD_LENS`` adds
        information).
    model
        ``"complex"`` (complex contagion, default: at least ``at_least`` of the people someone
        listens to), ``"threshold"`` (share threshold) or ``"cascade"`` (independent cascade).
        :data:`MODEL_WORDS` says what each assumes. The default is complex contagion because
        taking up a change in how care is given usually needs more than one colleague on board
        (Centola & Macy 2007); a single conversation is the cascade.
    threshold
        Share-threshold model only: the share of the people someone listens to who must have
        adopted before they do (default 0.25). ``"random"`` draws each person's share at random
        in every run (Kempe's linear threshold); a dict gives named people their own share.
    at_least
        Complex-contagion model only: how many of the people someone listens to must have
        adopted before they do (default 2, Centola & Macy's absolute threshold).
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
    threshold the threshold models have no chance in them: every run is the same.

    References
    ----------
    .. [1] M. Granovetter, "Threshold models of collective behavior", American Journal of
       Sociology 83(6):1420-1443, 1978. https://doi.org/10.1086/226707
    .. [2] D. J. Watts, "A simple model of global cascades on random networks", Proceedings of
       the National Academy of Sciences 99(9):5766-5771, 2002.
       https://doi.org/10.1073/pnas.082090499
    .. [3] D. Centola and M. Macy, "Complex contagions and the weakness of long ties", American
       Journal of Sociology 113(3):702-734, 2007. https://doi.org/10.1086/521848
    .. [4] D. Kempe, J. Kleinberg and É. Tardos, "Maximizing the spread of influence through a
       social network", Proceedings of the 9th ACM SIGKDD International Conference on
       Knowledge Discovery and Data Mining, 137-146, 2003. https://doi.org/10.1145/956750.956769

    Examples
    --------
    >>> import qi_kit
    >>> curve = simulate_spread(qi_kit.load_case("ward"), ["Rosa Delgado", "Kwame Asante"], model="complex")
    >>> int(curve["adopted"].iloc[0])
    2
    """
    check_map(m)
    _check(model, runs, rounds, threshold, probability, at_least)
    names = [seeds] if isinstance(seeds, str) else list(seeds)
    if not names:
        raise MapError(Problem("seeds", "No one was chosen to engage first.", "name at least one person."))
    names = list(dict.fromkeys(m.resolve(s, what="person to engage") for s in names))
    net = _Network(m, kind)
    rng = np.random.default_rng(seed)
    counts = _run(net, _seeds_matrix(net, names, runs), model=model, rounds=rounds, threshold=threshold,
                  probability=probability, at_least=at_least, rng=rng)
    table = _rounds_frame(counts, net.n)
    last = table.iloc[-1]
    table.attrs["seeds"] = names
    table.attrs["summary"] = (f"Engaging {names_list(names, limit=4)} first: after {rounds} rounds of the "
                              f"{_model_name(model)}, {last['adopted']:.1f} of {net.n} people have taken up the change "
                              f"on average (9 in 10 runs between {last['low']:.0f} and {last['high']:.0f}).")
    return table


def choose_seeds(m: StakeholderMap, strategy: str, budget: int, *, kind=SPREAD_KINDS, seed: int = 42,
                 table: pd.DataFrame | None = None) -> list[str]:
    """The (at most) ``budget`` people a strategy engages first (not for ``"random"``).

    - ``formal``: people with formal authority (3 or more) only, highest first (ties: more pull,
      then map order); fewer than ``budget`` when the map has fewer;
    - ``informal``: the informal leaders in rank order (see :func:`qi_kit.informal_leaders`),
      then the most sought-out people without formal authority;
    - ``brokers``: highest betweenness first;
    - ``cluster``: the person with most pull and the people with most pull in their cluster.

    People who oppose the change (stance below 0) are never chosen: engaging them first does not
    start the spread (their commitment is a separate piece of work, see the engagement plan).
    """
    table = graph_influence_table(chosen_graph(m, kind), seed=seed) if table is None else table
    order = pd.Series(np.arange(len(table)), index=table.index)
    frame = table.assign(_order=order)
    frame = frame[frame.index.isin(_open_to_change(m))]
    if strategy == "formal":
        formal = frame[frame["authority"] >= FORMAL_AUTHORITY]
        chosen = formal.sort_values(["authority", "pull", "_order"], ascending=[False, False, True]).index
    elif strategy == "informal":
        low = frame[frame["authority"] < FORMAL_AUTHORITY]
        low = low.assign(_leader=low["leadership"] == INFORMAL)
        chosen = low.sort_values(["_leader", "sought_out_by", "pull", "_order"],
                                 ascending=[False, False, False, True]).index
    elif strategy == "brokers":
        chosen = frame.sort_values(["betweenness", "pull", "_order"], ascending=[False, False, True]).index
    elif strategy == "cluster":
        top = frame.sort_values(["pull", "_order"], ascending=[False, True])
        if top.empty:
            return []
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


def compare_strategies(m: StakeholderMap, *, budget: int = 3, kind: str | Iterable[str] = SPREAD_KINDS,
                       strategies: Sequence[str] = ("formal", "informal", "brokers", "random"),
                       model: str = "complex", threshold: float | str | Mapping[str, float] = THRESHOLD,
                       at_least: int = AT_LEAST, probability: float = PROBABILITY, rounds: int = 10,
                       runs: int = 200, seed: int = 42) -> pd.DataFrame:
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
    kind, model, threshold, at_least, probability, rounds, runs, seed
        As in :func:`simulate_spread`. Every strategy uses the same random numbers (the same
        ``seed``, run by run), so differences come from the choice of people, not from luck.

    Returns
    -------
    pandas.DataFrame
        Long format, one row per strategy and round: ``strategy`` (plain label; merged
        strategies read "informal leaders = brokers"), ``round``, ``adopted``, ``low``, ``high``,
        ``adopted_share``. ``.attrs``: ``seeds`` (label -> the people engaged; ``"random
        group"`` lists none), ``final`` (the last round per strategy), ``best`` (the label of
        the strategy that reaches most, or None when no strategy is clearly ahead), ``tied``
        (the labels that share the lead), ``lead`` and ``spread`` (the best's average lead over
        the next and that lead's run-to-run standard deviation), ``left_out`` (strategies with
        nobody to engage, with the reason) and ``summary``.

    Notes
    -----
    Strategies that engage the same people are one strategy, shown once under both names. A
    strategy is "best" only when, over at least :data:`MIN_RUNS` runs (each with its own random
    numbers, the same for every strategy), its average lead over the next strategy is larger
    than the standard deviation of that lead from run to run; otherwise the leaders are reported
    as tied. With a fixed threshold every run of a strategy is the same, so any lead between two
    such strategies counts, and an equal reach is a tie.

    Examples
    --------
    >>> import qi_kit
    >>> result = compare_strategies(qi_kit.load_case("ward"), budget=3, model="complex")
    >>> result.attrs["seeds"]["formal leaders"]
    ['Margaret Okafor', 'David Reyes', 'Dr Fiona Campbell']
    """
    check_map(m)
    _check(model, runs, rounds, threshold, probability, at_least)
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
        result.attrs.update(seeds={}, final=result.copy(), best=None, tied=[], runner_up=None, lead=0.0,
                            spread=0.0, means={}, left_out={}, summary="The map has nobody on it yet.")
        return result
    budget = min(budget, net.n)
    table = graph_influence_table(net.G, seed=seed)
    open_people = set(_open_to_change(m))
    picked: dict[str, list[str]] = {}
    left_out: dict[str, str] = {}
    notes: list[str] = []
    for strategy in dict.fromkeys(strategies):
        if strategy == "random":
            picked[strategy] = []
            continue
        chosen = choose_seeds(m, strategy, budget, kind=kind, seed=seed, table=table)
        if chosen:
            picked[strategy] = chosen
            if strategy == "informal":
                leaders = int((table.loc[chosen, "leadership"] == INFORMAL).sum())
                if leaders < len(chosen):
                    which = ("none of them is an informal leader" if leaders == 0 else
                             f"{leaders} of the {len(chosen)} {word_for(leaders, 'is an informal leader', 'are informal leaders')}")
                    notes.append("The informal-leader strategy engages the most sought-out people without formal "
                                 f"authority; {which} by the kit's rule.")
            if strategy == "formal" and len(chosen) < budget:
                notes.append(f"Only {plural(len(chosen), 'person', 'people')} open to the change "
                             f"{word_for(len(chosen), 'has', 'have')} formal authority, so the formal-leader "
                             f"strategy engages {'them' if len(chosen) > 1 else 'that person'}.")
        else:
            left_out[STRATEGIES[strategy]] = _why_nobody(strategy)
    groups = _merged(picked)
    frames, seeds, finals = [], {}, {}
    for label, chosen in groups:
        rng = np.random.default_rng(seed)
        if chosen is None:  # a new random group in every run
            start = np.zeros((runs, net.n), dtype=bool)
            draw = rng.random((runs, net.n))
            draw[:, [net.index[p] for p in net.names if p not in open_people]] = np.inf  # never opponents
            picks = np.argsort(draw, axis=1)[:, :min(budget, len(open_people))]
            np.put_along_axis(start, picks, True, axis=1)
            seeds[label] = []
        else:
            start = _seeds_matrix(net, chosen, runs)
            seeds[label] = chosen
        counts = _run(net, start, model=model, rounds=rounds, threshold=threshold, probability=probability,
                      at_least=at_least, rng=rng)
        finals[label] = counts[-1].astype(float)
        frames.append(_rounds_frame(counts, net.n).assign(strategy=label))
    result = pd.concat(frames, ignore_index=True)[columns]
    final = result[result["round"] == rounds].set_index("strategy")
    verdict = _verdict(finals, runs)
    result.attrs.update(seeds=seeds, final=final, left_out=left_out, **verdict)
    curves = result.pivot(index="round", columns="strategy", values="adopted")
    half = {label: _rounds_to_half(curves[label], net.n) for label in curves.columns}
    result.attrs["notes"] = notes
    result.attrs["summary"] = _comparison_summary(final, seeds, verdict, half, left_out, notes, budget=budget,
                                                  model=model, kinds=kinds_of(kind), runs=runs, rounds=rounds,
                                                  n=net.n)
    return result


def _why_nobody(strategy: str) -> str:
    return {"formal": f"nobody open to the change has formal authority ({FORMAL_AUTHORITY} or more)",
            "informal": "everyone open to the change has formal authority",
            "brokers": "nobody is open to the change",
            "cluster": "nobody is open to the change"}[strategy]


def _merged(picked: dict[str, list[str]]) -> list[tuple[str, list[str] | None]]:
    """Strategies that engage the same people, as one: ("informal leaders = brokers", people)."""
    groups: list[tuple[list[str], list[str] | None]] = []
    for strategy, chosen in picked.items():
        if strategy == "random":
            groups.append(([STRATEGIES[strategy]], None))
            continue
        for labels, people in groups:
            if people is not None and set(people) == set(chosen):
                labels.append(STRATEGIES[strategy])
                break
        else:
            groups.append(([STRATEGIES[strategy]], chosen))
    return [(" = ".join(labels), people) for labels, people in groups]


def _verdict(finals: dict[str, np.ndarray], runs: int) -> dict:
    """Which strategy reaches most, and whether its lead is larger than the run-to-run spread."""
    means = {label: float(values.mean()) for label, values in finals.items()}
    ranked = sorted(finals, key=lambda label: -means[label])  # stable: the given order among equals
    if len(ranked) < 2:
        return {"best": ranked[0] if ranked else None, "tied": ranked, "runner_up": None, "lead": 0.0,
                "spread": 0.0}
    top = ranked[0]

    def ahead(other: str) -> tuple[float, float]:
        lead = finals[top] - finals[other]
        return float(lead.mean()), (float(lead.std(ddof=1)) if len(lead) > 1 else 0.0)

    lead, spread = ahead(ranked[1])
    tied = [top] + [label for label in ranked[1:] if not _clearly_ahead(*ahead(label), runs)]
    return {"best": top if tied == [top] else None, "tied": tied, "runner_up": ranked[1],
            "lead": round(lead, 3), "spread": round(spread, 3), "means": means}


def _clearly_ahead(lead: float, spread: float, runs: int) -> bool:
    """A lead counts when it is larger than its run-to-run spread, over enough runs."""
    return runs >= MIN_RUNS and lead > spread and lead > 1e-9


def _verdict_words(verdict: dict, seeds: dict, runs: int) -> str:
    best, tied, second = verdict["best"], verdict["tied"], verdict["runner_up"]
    lead, spread = verdict["lead"], verdict["spread"]
    if best is not None:
        who = f" ({names_list(seeds[best])})" if seeds.get(best) else ""
        return (f" Best: {best}{who}, reaching {plural_people(lead)} more on average than {second}, a lead larger "
                f"than its run-to-run spread ({spread:.1f}).")
    if runs < MIN_RUNS:
        return f" Too few runs to call any strategy best: it takes at least {MIN_RUNS}."
    means = verdict.get("means", {})
    top = means.get(tied[0], 0.0)
    level = [label for label in tied if abs(means.get(label, 0.0) - top) < 0.05]
    if len(level) > 1:
        sentence = f" No strategy is best: {names_list(level)} reach as many people (a tie)"
        close = [label for label in tied if label not in level]
        if close:
            sentence += (f", and the lead over {names_list(close)} is no larger than its run-to-run spread")
    else:
        sentence = (f" No strategy is clearly best: the lead of {level[0]} over {second} ({plural_people(lead)} on "
                    f"average) is no larger than its run-to-run spread ({spread:.1f})")
        close = [label for label in tied if label not in level and label != second]
        if close:
            sentence += f", nor is its lead over {names_list(close)}"
    return sentence + "."


def plural_people(value: float) -> str:
    """'1.0 person', '3.5 people'."""
    shown_as_one = abs(value - 1) < 0.05  # "1.0 person"
    return f"{value:.1f} {word_for(1 if shown_as_one else 2, 'person', 'people')}"


def _comparison_summary(final: pd.DataFrame, seeds: dict, verdict: dict, half: dict, left_out: dict,
                        notes: list[str], *,
                        budget: int, model: str, kinds: tuple[str, ...], runs: int, rounds: int, n: int) -> str:
    parts = [f"{label} {row['adopted']:.1f}" for label, row in final.iterrows()]
    summary = (f"Engaging {plural(budget, 'person', 'people')} first ({_model_name(model)}, {kinds_words(kinds)} "
               f"ties, {runs} runs): after {rounds} rounds, on average {'; '.join(parts)} of {n} people have "
               "taken up the change.")
    merged = [label for label in seeds if " = " in label]
    for label in merged:
        summary += f" {label.replace(' = ', ' and ').capitalize()} engage the same people here: {names_list(seeds[label])}."
    for label, why in left_out.items():
        summary += f" No {label} strategy: {why}."
    for note in notes:
        summary += f" {note}"
    summary += _verdict_words(verdict, seeds, runs)
    speeds = [f"{label} in {plural(r, 'round')}" for label, r in sorted(
        ((label, r) for label, r in half.items() if r is not None), key=lambda item: item[1])]
    summary += (f" Half the people had taken it up: {'; '.join(speeds)}." if speeds
                else " No strategy reached half the people.")
    return summary


def strategies_side_by_side(maps: Mapping[str, StakeholderMap], *, budget: int = 3,
                            kind: str | Iterable[str] = SPREAD_KINDS, model: str = "complex", runs: int = 200,
                            seed: int = 42, **options) -> pd.DataFrame:
    """The same "who first?" comparison on several maps side by side, with what it shows on each.

    Parameters
    ----------
    maps
        Name -> map, e.g. ``{"the ward": ward, "Krackhardt's company": company}``.
    budget, kind, model, runs, seed, options
        As in :func:`compare_strategies`, the same for every map.

    Returns
    -------
    pandas.DataFrame
        One row per strategy, one column per map: the average number of people who take up the
        change by the last round, "of" everyone on that map, marked "(best)" when that strategy
        is clearly best there and "(same people as ...)" when it engages the same people as
        another. ``.attrs["results"]`` holds each map's :func:`compare_strategies` table;
        ``.attrs["summary"]`` says, map by map, which first move comes out ahead (or that none
        does), and whether the answer is the same everywhere: built from the results, never
        assumed.

    Examples
    --------
    >>> import qi_kit
    >>> both = strategies_side_by_side({"the ward": qi_kit.load_case("ward"),
    ...                                 "the school": qi_kit.load_case("school")})
    >>> list(both.columns)
    ['the ward', 'the school']
    """
    if not maps:
        raise MapError(Problem("maps", "No map was given.", "pass a dict such as {'the ward': ward}."))
    results = {name: compare_strategies(m, budget=budget, kind=kind, model=model, runs=runs, seed=seed, **options)
               for name, m in maps.items()}
    strategies = list(options.get("strategies", ("formal", "informal", "brokers", "random")))
    labels = [STRATEGIES[s] for s in strategies]
    table = pd.DataFrame(index=pd.Index(labels, name="strategy"), columns=list(maps), dtype=object)
    for name, result in results.items():
        n = len(maps[name])
        final = result.attrs["final"]
        curves = result.pivot(index="round", columns="strategy", values="adopted")
        for merged, row in final.iterrows():
            parts = merged.split(" = ")
            half = _rounds_to_half(curves[merged], n)
            for label in parts:
                cell = f"{row['adopted']:.1f} of {n}" + (f", half by round {half}" if half is not None else "")
                if result.attrs["best"] == merged:
                    cell += " (best)"
                others = [p for p in parts if p != label]
                if others:
                    cell += f" (same people as {names_list(others)})"
                table.at[label, name] = cell
        for label in result.attrs.get("left_out", {}):
            table.at[label, name] = "nobody to engage"
    table = table.fillna("")
    lines = []
    for name, result in results.items():
        best = result.attrs["best"]
        if best is not None:
            lines.append(f"On {name}, the best first move: {best}.")
        else:
            tied = result.attrs["tied"]
            lines.append(f"On {name}, no first move is clearly best ({names_list(tied)} are level, or within the "
                         "run-to-run spread).")
    bests = [result.attrs["best"] for result in results.values()]
    informal_best = [b is not None and "informal leaders" in b.split(" = ") for b in bests]
    if len(results) > 1 and all(b is not None for b in bests) and len(set(bests)) == 1:
        lines.append(f"On every map the same first move comes out ahead: {bests[0]}.")
    elif len(results) > 1:
        lines.append("The answer is not the same on every map: the structure of each map decides"
                     + (", and informal leaders are not always the best first move." if not all(informal_best)
                        else "."))
    table.attrs["results"] = results
    table.attrs["summary"] = (f"Engaging {plural(budget, 'person', 'people')} first ({_model_name(model)}, "
                              f"{kinds_words(kinds_of(kind))} ties, {runs} runs on each map). " + " ".join(lines))
    return table
