"""Distributed-leadership paths and champion coverage: how an idea can travel from person to person.

Influence flows against the arrows: if ``Rosa -> Hannah`` (Rosa trusts Hannah), Hannah's idea can
reach Rosa. A route from Hannah to Dr Whitfield is therefore a chain Hannah, Rosa, Kwame,
Dr Whitfield in which each person listens to the one before. Default ties: advice and trust.
"""

from __future__ import annotations

from typing import Iterable, Sequence

import networkx as nx
import pandas as pd

from ..errors import MapError, Problem
from ..glossary import STRENGTH_WORDS, kinds_words, names_list, plural, step_phrase
from ..model import StakeholderMap
from ._graph import LISTENING, check_map, chosen_graph, kinds_of
from .influence import FORMAL_AUTHORITY

_START = "\0start"  # a virtual person who "speaks through" every member of a source group


def _resolve_all(m: StakeholderMap, names: str | Sequence[str], what: str) -> list[str]:
    if isinstance(names, str):
        names = [names]
    names = list(names)
    if not names:
        raise MapError(Problem("", f"No {what} was given.", f"name at least one person as the {what}."))
    resolved = []
    for name in names:
        resolved.append(m.resolve(name, what=f"{what} (person)"))
    return list(dict.fromkeys(resolved))


def _influence_graph(G: nx.DiGraph, sources: list[str]) -> nx.DiGraph:
    """Arrows along influence (reversed), distance 1/strength, plus a start joined to every source."""
    R = nx.DiGraph()
    R.add_nodes_from(G.nodes)
    for listener, speaker, d in G.edges(data=True):
        R.add_edge(speaker, listener, distance=1.0 / d["strength"], strength=d["strength"])
    R.add_node(_START)
    for s in sources:
        R.add_edge(_START, s, distance=0.0, strength=3)
    return R


def influence_paths(m: StakeholderMap, source: str | Sequence[str], target: str, *,
                    kind: str | Iterable[str] = LISTENING, k: int = 3) -> pd.DataFrame:
    """The strongest route by which a person (or a group) can reach another through people who listen.

    Parameters
    ----------
    m
        The stakeholder map.
    source
        A person's name, or a list of names (e.g. the change team): the route starts from
        whichever member gives the strongest route.
    target
        The person to reach (a decision-maker, a resistor ...).
    kind
        The ties (default advice and trust).
    k
        Up to this many alternative routes besides the strongest, each sharing as few people as
        possible with the routes already found.

    Returns
    -------
    pandas.DataFrame
        One row per route, strongest first: ``route`` (1 = strongest), ``people`` (list, source
        to target), ``steps``, ``length`` (sum of 1/strength), ``weakest_step`` (1-3),
        ``shared`` (people it shares with earlier routes) and ``sentence``.
        ``.attrs["bottlenecks"]`` lists the people on *every* route from source to target;
        ``.attrs["summary"]`` says it in plain words. Empty (with a sentence) when no route exists.

    Raises
    ------
    MapError
        When a name is not on the map (with a "did you mean"), or source and target are the same.

    Notes
    -----
    Each step from a person to someone who listens to them has length 1/strength (strong 3 → 1/3,
    regular 2 → 1/2, occasional 1 → 1), so the strongest route is the shortest by Dijkstra's
    algorithm: fewer, stronger ties win. Alternatives come from the same search with every
    person already used on an earlier route made costlier than any fresh route (a penalty of
    n per use), so a route through new people is always preferred, then the strongest one.
    Bottlenecks are checked exactly: a person is one when removing them leaves no route at all.

    Examples
    --------
    >>> import qi_kit
    >>> routes = influence_paths(qi_kit.load_case("ward"), "Hannah Price", "Dr James Whitfield")  # doctest: +SKIP
    >>> routes.at[0, "people"]  # doctest: +SKIP
    ['Hannah Price', 'Rosa Delgado', 'Kwame Asante', 'Dr James Whitfield']
    """
    check_map(m)
    sources = _resolve_all(m, source, "source")
    goal = _resolve_all(m, target, "target")[0]
    if goal in sources:
        raise MapError(Problem("", f"'{goal}' is both the source and the target.",
                               "choose a target who is not in the source group."))
    if not isinstance(k, int) or isinstance(k, bool) or k < 0:
        raise MapError(Problem("", f"k must be a whole number (0 or more), not {k!r}.", "use e.g. k=3."))
    kinds = kinds_of(kind)
    G = chosen_graph(m, kinds)
    R = _influence_graph(G, sources)
    who = names_list(sources, limit=3)
    columns = ["route", "people", "steps", "length", "weakest_step", "shared", "sentence"]
    if not nx.has_path(R, _START, goal):
        table = pd.DataFrame(columns=columns)
        table.attrs.update(bottlenecks=[], summary=(
            f"No chain of {kinds_words(kinds)} ties carries {who}'s ideas to {goal}: nobody {goal} listens to "
            f"listens, directly or indirectly, to {who}. Look for someone {goal} listens to, and start there."))
        return table
    uses: dict[str, int] = {}
    penalty = float(len(G) + 1)
    routes: list[list[str]] = []
    for _ in range(k + 1):
        def weight(u: str, v: str, d: dict, uses=uses) -> float:
            return d["distance"] + (penalty * uses.get(v, 0) if v != goal else 0.0)

        path = nx.dijkstra_path(R, _START, goal, weight=weight)[1:]
        if path in routes:
            break
        routes.append(path)
        for p in path[:-1]:
            uses[p] = uses.get(p, 0) + 1
    rows = []
    seen: set[str] = set()
    for i, path in enumerate(routes, start=1):
        strengths = [R[a][b]["strength"] for a, b in zip(path, path[1:])]
        inner = path[1:-1]
        shared = [p for p in inner if p in seen]
        seen.update(inner)
        rows.append({"route": i, "people": path, "steps": len(path) - 1,
                     "length": round(sum(1.0 / s for s in strengths), 4), "weakest_step": min(strengths),
                     "shared": ", ".join(shared), "sentence": _route_sentence(G, path)})
    table = pd.DataFrame(rows, columns=columns)
    bottlenecks = [p for p in routes[0][1:-1] if not _has_path_without(R, p, goal)]
    table.attrs["bottlenecks"] = bottlenecks
    best = " → ".join(routes[0])
    summary = f"The strongest route from {who} to {goal}: {best}."
    if len(routes) > 1:
        summary += f" {plural(len(routes) - 1, 'other route')} found."
    if bottlenecks:
        summary += (f" Every route passes through {names_list(bottlenecks)}: win "
                    f"{'them' if len(bottlenecks) > 1 else bottlenecks[0]} over, or the idea cannot get through.")
    elif len(routes) > 1:
        summary += " No single person sits on every route: the idea has more than one way in."
    table.attrs["summary"] = summary
    return table


def _has_path_without(R: nx.DiGraph, person: str, goal: str) -> bool:
    return nx.has_path(nx.restricted_view(R, [person], []), _START, goal)


def _route_sentence(G: nx.DiGraph, path: list[str]) -> str:
    steps = []
    for speaker, listener in zip(path, path[1:]):
        d = G[listener][speaker]
        steps.append(f"{listener} {step_phrase(d['kinds'], speaker)} ({STRENGTH_WORDS[d['strength']]} tie)")
    return f"{' → '.join(path)}: " + "; ".join(steps) + "."


# --------------------------------------------------------------------------- coverage


def _reach(G: nx.DiGraph, person: str, steps: int) -> set[str]:
    """The person and everyone within ``steps`` against the arrows (who listens, directly or via others)."""
    reached = {person}
    frontier = {person}
    for _ in range(steps):
        frontier = {q for p in frontier for q in G.predecessors(p)} - reached
        reached |= frontier
    return reached


def coverage(m: StakeholderMap, *, kind: str | Iterable[str] = LISTENING, steps: int = 2) -> pd.DataFrame:
    """The smallest group of champions that reaches everyone within two steps, next to formal leaders.

    Parameters
    ----------
    m
        The stakeholder map.
    kind
        The ties (default advice and trust).
    steps
        How far a champion's word travels: 1 = the people who listen to them, 2 (default) = also
        the people who listen to those.

    Returns
    -------
    pandas.DataFrame
        Two rows, ``champions`` and ``formal leaders``, indexed by ``group``: ``people``,
        ``size``, ``reached``, ``reached_share`` (of the people with ties), ``not_reached`` and
        ``sentence``. ``.attrs["champions"]`` lists the champions in the order picked;
        ``.attrs["no_ties"]`` the people no tie reaches (talk to them directly).

    Notes
    -----
    Greedy set cover: pick the person who reaches the most people not yet reached (ties: the
    earlier on the map), repeat until everyone with a tie is reached. Greedy is fast and is
    guaranteed to be within a factor of about ln(n) of the smallest possible group (Chvátal 1979);
    on workshop-sized maps it is usually the smallest or one more. Formal leaders are everyone
    with authority 3 or more.

    References
    ----------
    Chvátal (1979). A greedy heuristic for the set-covering problem. Math Oper Res 4:233-235.
    Borgatti (2006), KPP-Pos (m-reach) for the same question asked of a fixed group size.
    """
    check_map(m)
    if not isinstance(steps, int) or isinstance(steps, bool) or steps < 1:
        raise MapError(Problem("", f"steps must be a whole number (1 or more), not {steps!r}.", "use steps=2."))
    kinds = kinds_of(kind)
    G = chosen_graph(m, kinds)
    with_ties = [p for p in G.nodes if G.degree(p) > 0]
    no_ties = [p for p in G.nodes if G.degree(p) == 0]
    reach = {p: _reach(G, p, steps) for p in with_ties}
    uncovered = set(with_ties)
    champions: list[str] = []
    while uncovered:
        best = max(with_ties, key=lambda p: len(reach[p] & uncovered))  # max keeps the earliest on ties
        champions.append(best)
        uncovered -= reach[best]
    formal = [p for p in G.nodes if (G.nodes[p].get("authority") or 0) >= FORMAL_AUTHORITY]
    rows = []
    total = len(with_ties)
    for group, people in (("champions", champions), ("formal leaders", formal)):
        reached = set().union(*(reach.get(p, {p}) for p in people)) & set(with_ties) if people else set()
        missing = [p for p in with_ties if p not in reached]
        share = len(reached) / total if total else 0.0
        rows.append({"group": group, "people": ", ".join(people), "size": len(people), "reached": len(reached),
                     "reached_share": round(share, 3), "not_reached": ", ".join(missing),
                     "sentence": (f"{plural(len(people), 'person', 'people')} ({names_list(people, limit=4)}) "
                                  f"reach{'es' if len(people) == 1 else ''} {len(reached)} of {total} people "
                                  f"within {plural(steps, 'step')}.")})
    table = pd.DataFrame(rows, columns=["group", "people", "size", "reached", "reached_share", "not_reached",
                                        "sentence"]).set_index("group")
    table.attrs["champions"] = champions
    table.attrs["no_ties"] = no_ties
    words = kinds_words(kinds)
    if not total:
        table.attrs["summary"] = f"Nobody on this map has {words} ties yet, so no group of champions can be chosen."
    else:
        f = table.loc["formal leaders"]
        table.attrs["summary"] = (
            f"{plural(len(champions), 'champion')} ({names_list(champions, limit=4)}) "
            f"reach{'es' if len(champions) == 1 else ''} all {total} people "
            f"with {words} ties within {plural(steps, 'step')} (chosen greedily); the "
            f"{plural(int(f['size']), 'formal leader')} reach {int(f['reached'])} ({f['reached_share']:.0%})."
            + (f" {names_list(no_ties)} {'has' if len(no_ties) == 1 else 'have'} no {words} ties: talk to "
               f"{'them' if len(no_ties) > 1 else no_ties[0]} directly." if no_ties else ""))
    return table
