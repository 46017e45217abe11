"""Distributed-leadership paths and coverage: how an idea can travel from person to person.

Influence flows against the arrows: if ``Rosa -> Hannah`` (Rosa trusts Hannah), Hannah's idea can
reach Rosa. A route from Hannah to Dr Whitfield is therefore a chain Hannah, Rosa, Kwame,
Dr Whitfield in which each person listens to the one before. Default ties: advice and trust.
"""

from __future__ import annotations

from typing import Iterable, Sequence

import networkx as nx
import pandas as pd

from ..errors import MapError, Problem
from ..glossary import STRENGTH_WORDS, kinds_words, step_phrase
from ..model import StakeholderMap
from ..text import names_list, plural, word_for
from .graph import LISTENING, check_map, chosen_graph, kinds_of
from .labels import FORMAL_AUTHORITY

_START = "\0start"  # the source group as one person: it "speaks through" every member

#: What "strongest" means, in the words every table, notebook and widget uses.
STRONGEST = ("the strongest route is the one whose weakest tie is strongest; among those, the one with the "
             "fewest steps, then the most strength in all, then the one whose people come first on the map")


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
    """Arrows along influence (reversed), the source group joined into one start.

    An arrow ``speaker -> listener`` for each tie; the start speaks to whoever listens to any
    member, through the member with the strongest tie (then the first on the map), remembered in
    ``via``. Members of the group are not on the graph otherwise: a route does not pass back
    through the team it starts from.
    """
    group = set(sources)
    R = nx.DiGraph()
    R.add_node(_START)
    R.add_nodes_from(p for p in G.nodes if p not in group)
    order = {p: i for i, p in enumerate(G.nodes)}
    for listener, speaker, d in G.edges(data=True):
        if listener in group:
            continue
        if speaker in group:
            old = R.get_edge_data(_START, listener)
            if old is None or (d["strength"], -order[speaker]) > (old["strength"], -order[old["via"]]):
                R.add_edge(_START, listener, strength=d["strength"], via=speaker)
        else:
            R.add_edge(speaker, listener, strength=d["strength"])
    return R


def _strongest(R: nx.DiGraph, goal: str, order: dict[str, int], *, banned: set = frozenset(),
               banned_edges: set = frozenset()) -> list[str] | None:
    """The strongest route from the start to ``goal`` (see :data:`STRONGEST`), or None.

    For each floor of strength from strong down: keep the ties at least that strong, find the
    fewest steps to the goal by breadth-first search backwards, then walk forwards choosing, at
    each fork, the most total strength and then the earliest people (dynamic programming over
    the layers of shortest routes, so the choice is exact, not greedy).
    """
    for floor in (3, 2, 1):
        def ok(u, v):
            return u not in banned and v not in banned and (u, v) not in banned_edges \
                and R[u][v]["strength"] >= floor
        distance = {goal: 0}
        frontier = [goal]
        while frontier and _START not in distance:
            nxt = []
            for v in frontier:
                for u in R.predecessors(v):
                    if u not in distance and ok(u, v):
                        distance[u] = distance[v] + 1
                        nxt.append(u)
            frontier = nxt
        if _START not in distance:
            continue
        best: dict[str, tuple[int, tuple[int, ...], tuple[str, ...]]] = {goal: (0, (), (goal,))}
        for d in range(1, distance[_START] + 1):
            for u in (x for x, dx in distance.items() if dx == d):
                options = []
                for v in R.successors(u):
                    if distance.get(v) == d - 1 and ok(u, v) and v in best:
                        total, key, route = best[v]
                        options.append((-(total + R[u][v]["strength"]), (order.get(v, -1),) + key, (u,) + route))
                if options:
                    neg, key, route = min(options)
                    best[u] = (-neg, key, route)
        route = list(best[_START][2])
        return [R[_START][route[1]]["via"]] + route[1:]
    return None


def _key(R: nx.DiGraph, route: list[str], order: dict[str, int]) -> tuple:
    """Sort key of a route by :data:`STRONGEST` (smaller = stronger)."""
    steps = [_START] + route[1:]
    strengths = [R[a][b]["strength"] for a, b in zip(steps, steps[1:])]
    return (-min(strengths), len(strengths), -sum(strengths), tuple(order[p] for p in route[1:]))


def _disjoint(R: nx.DiGraph, goal: str, *, banned: set = frozenset(), banned_edges: set = frozenset()) -> list:
    """A largest set of routes from the start to the goal that share nobody (networkx, max flow)."""
    H = nx.restricted_view(R, list(banned), list(banned_edges))
    if goal not in H or not nx.has_path(H, _START, goal):
        return []
    return [list(p) for p in nx.node_disjoint_paths(H, _START, goal)]


def _as_route(R: nx.DiGraph, path: list[str]) -> list[str]:
    return [R[_START][path[1]]["via"]] + list(path[1:])


def _used(route: list[str]) -> tuple[set, set]:
    """What a route takes from the graph: its people in between, or its one tie if it has none."""
    inner = set(route[1:-1])
    return inner, (set() if inner else {(_START, route[-1])})


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
        Up to this many other routes besides the strongest, sharing nobody with it or with each
        other wherever the map allows.

    Returns
    -------
    pandas.DataFrame
        One row per route, strongest first: ``route`` (1 = strongest), ``people`` (list, source
        to target), ``steps``, ``weakest_step`` (1-3), ``strength`` (the sum of its ties'
        strengths), ``shared`` (people it shares with earlier routes) and ``sentence``.
        ``.attrs``: ``bottlenecks`` (the people on *every* route), ``disjoint`` (the most routes
        that share nobody, as ``networkx.node_disjoint_paths`` counts them), ``definition`` (what
        "strongest" means) and ``summary``. Empty (with a sentence) when no route exists.

    Raises
    ------
    MapError
        When a name is not on the map (with a "did you mean"), or source and target are the same.

    See Also
    --------
    coverage
        Who to engage first so the word reaches everyone.

    Notes
    -----
    "Strongest", exactly: the route whose weakest tie is strongest (strong 3, regular 2,
    occasional 1); among those, the fewest steps; then the most strength in all; then the one
    whose people come first on the map (:data:`STRONGEST`). The other routes come from a
    largest set of routes that share nobody in between (Menger's theorem, by maximum flow:
    ``networkx.node_disjoint_paths``): when the strongest route belongs to such a set, the
    others are the rest of it, each the strongest left; when it does not (it uses someone every
    largest set needs), the largest set is shown after it and ``shared`` says whom they share.
    When only one route can share nobody, everyone on every route is named: the bottlenecks.

    Examples
    --------
    >>> import qi_kit
    >>> routes = influence_paths(qi_kit.load_case("ward"), "Hannah Price", "Dr James Whitfield")
    >>> routes.at[0, "people"]
    ['Hannah Price', 'Rosa Delgado', 'Kwame Asante', 'Dr James Whitfield']
    >>> routes.attrs["bottlenecks"]
    ['Rosa Delgado', 'Kwame Asante']
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
    order = {p: i for i, p in enumerate(G.nodes)}
    who = names_list(sources, limit=3)
    columns = ["route", "people", "steps", "weakest_step", "strength", "shared", "sentence"]
    first = _strongest(R, goal, order)
    if first is None:
        table = pd.DataFrame(columns=columns)
        table.attrs.update(bottlenecks=[], disjoint=0, definition=STRONGEST,
                           summary=_no_route(G, sources, goal, kinds))
        return table
    routes = [first]
    bottlenecks = [p for p in first[1:-1] if not _has_path_without(R, p, goal)]
    most = 1 if bottlenecks else len(_disjoint(R, goal))  # someone on every route: one route at most
    inner, edges = _used(first)
    fits = most == 1 or len(_disjoint(R, goal, banned=inner, banned_edges=edges)) == most - 1
    if most == 1:
        pass
    elif fits:
        banned, banned_edges = set(inner), set(edges)
        while len(routes) < k + 1:
            candidate = _strongest(R, goal, order, banned=banned, banned_edges=banned_edges)
            if candidate is None:
                break
            left = len(_disjoint(R, goal, banned=banned, banned_edges=banned_edges))
            used, used_edges = _used(candidate)
            after = len(_disjoint(R, goal, banned=banned | used, banned_edges=banned_edges | used_edges))
            if after != left - 1:  # the strongest left would block others: take one of a largest set
                largest = _disjoint(R, goal, banned=banned, banned_edges=banned_edges)
                candidate = min((_as_route(R, p) for p in largest), key=lambda r: _key(R, r, order))
                used, used_edges = _used(candidate)
            routes.append(candidate)
            banned |= used
            banned_edges |= used_edges
    else:
        largest = sorted((_as_route(R, p) for p in _disjoint(R, goal)), key=lambda r: _key(R, r, order))
        routes += largest[:k]
    rows = []
    seen: set[str] = set()
    for i, path in enumerate(routes, start=1):
        strengths = [G[b][a]["strength"] for a, b in zip(path, path[1:])]
        between = path[1:-1]
        shared = [p for p in between if p in seen]
        seen.update(between)
        rows.append({"route": i, "people": path, "steps": len(path) - 1, "weakest_step": min(strengths),
                     "strength": sum(strengths), "shared": ", ".join(shared), "sentence": _route_sentence(G, path)})
    table = pd.DataFrame(rows, columns=columns)
    table.attrs.update(bottlenecks=bottlenecks, disjoint=most, definition=STRONGEST)
    table.attrs["summary"] = _summary(routes, who, goal, most, fits, bottlenecks)
    return table


def _summary(routes: list[list[str]], who: str, goal: str, most: int, fits: bool, bottlenecks: list[str]) -> str:
    summary = f"The strongest route from {who} to {goal}: {' → '.join(routes[0])}."
    if bottlenecks:
        summary += (f" Every route passes through {names_list(bottlenecks)}: win "
                    f"{'them' if len(bottlenecks) > 1 else bottlenecks[0]} over, or the idea cannot get through.")
    elif most > 1 and fits:
        shown = len(routes)
        summary += (f" {plural(most, 'route')} share nobody in between"
                    + (f" ({shown} shown)" if shown < most else "") + ": the idea has more than one way in.")
    elif most > 1:
        summary += (f" {plural(most, 'route')} share nobody in between, but the strongest is not one of them: "
                    f"routes 2 to {len(routes)} are.")
    return summary


def _no_route(G: nx.DiGraph, sources: list[str], goal: str, kinds: tuple[str, ...]) -> str:
    """Why no idea of the sources reaches the goal, in words a nurse reads once."""
    who = " or ".join(sources) if len(sources) <= 3 else f"anyone in {names_list(sources, limit=3)}"
    ideas = f"{sources[0]}'s ideas" if len(sources) == 1 else f"the ideas of {names_list(sources, limit=3)}"
    start = f"Nobody on the map links {ideas} to {goal}"
    if G.out_degree(goal) == 0:
        return (f"{start}: {goal} {step_phrase(kinds, 'nobody on the map', joiner='or')}. Add the people {goal} "
                "listens to, if they are missing.")
    if all(G.in_degree(s) == 0 for s in sources):
        return (f"{start}: nobody on the map {step_phrase(kinds, who, joiner='or')}. Start with someone {goal} "
                "listens to.")
    return (f"{start}: {goal} listens to no one who listens to {who}, directly or through others "
            f"({kinds_words(kinds)} ties). Start with someone {goal} listens to.")


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


#: The name of the group coverage picks: what it is, whoever is in it (a sponsor, a resistor...).
FIRST = "first to engage"


def coverage(m: StakeholderMap, *, kind: str | Iterable[str] = LISTENING, steps: int = 2) -> pd.DataFrame:
    """The fewest people who together reach everyone within two steps, next to the formal leaders.

    The group is named for what it is, the first people to engage if the word should reach
    everyone soon: it can hold the sponsor, a sceptic or a resistor as well as supporters.

    Parameters
    ----------
    m
        The stakeholder map.
    kind
        The ties (default advice and trust).
    steps
        How far a person's word travels: 1 = the people who listen to them, 2 (default) = also
        the people who listen to those.

    Returns
    -------
    pandas.DataFrame
        Two rows, ``first to engage`` and ``formal leaders``, indexed by ``group``: ``people``,
        ``size``, ``reached``, ``reached_share`` (of the people with ties), ``not_reached`` and
        ``sentence``. ``.attrs["group"]`` lists the first people to engage in the order picked;
        ``.attrs["no_ties"]`` the people no tie reaches (talk to them directly).

    See Also
    --------
    influence_paths
        The routes from one person to another.
    qi_kit.analysis.brokers.key_players
        The same reach question for a fixed k.

    Notes
    -----
    Greedy set cover: pick the person who reaches the most people not yet reached (ties: the
    earlier on the map), repeat until everyone with a tie is reached. Greedy is fast and is
    guaranteed to be within a factor of about ln(n) of the smallest possible group (Chvátal 1979);
    on workshop-sized maps it is usually the smallest or one more. Formal leaders are everyone
    with authority 3 or more. For a group of a fixed size that reaches most, see
    ``qi_kit.key_players(m, goal="reach")`` (Borgatti's KPP-Pos).

    References
    ----------
    .. [1] V. Chvátal, "A greedy heuristic for the set-covering problem", Mathematics of
       Operations Research 4(3):233-235, 1979. https://doi.org/10.1287/moor.4.3.233
    .. [2] S. P. Borgatti, "Identifying sets of key players in a social network", Computational
       and Mathematical Organization Theory 12:21-34, 2006 (KPP-Pos, m-reach: the same
       question asked of a fixed group size). https://doi.org/10.1007/s10588-006-7084-x

    Examples
    --------
    >>> import qi_kit
    >>> coverage(qi_kit.load_case("ward")).attrs["group"][0]
    'Rosa Delgado'
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
    group: list[str] = []
    while uncovered:
        best = max(with_ties, key=lambda p: len(reach[p] & uncovered))  # max keeps the earliest on ties
        group.append(best)
        uncovered -= reach[best]
    formal = [p for p in G.nodes if (G.nodes[p].get("authority") or 0) >= FORMAL_AUTHORITY]
    rows = []
    total = len(with_ties)
    for name, people in ((FIRST, group), ("formal leaders", formal)):
        reached = set().union(*(reach.get(p, {p}) for p in people)) & set(with_ties) if people else set()
        missing = [p for p in with_ties if p not in reached]
        share = len(reached) / total if total else 0.0
        rows.append({"group": name, "people": ", ".join(people), "size": len(people), "reached": len(reached),
                     "reached_share": round(share, 3), "not_reached": ", ".join(missing),
                     "sentence": (f"{plural(len(people), 'person', 'people')} ({names_list(people, limit=4)}) "
                                  f"{word_for(len(people), 'reaches', 'reach')} {len(reached)} of {total} people "
                                  f"within {plural(steps, 'step')}.")})
    table = pd.DataFrame(rows, columns=["group", "people", "size", "reached", "reached_share", "not_reached",
                                        "sentence"]).set_index("group")
    table.attrs["group"] = group
    table.attrs["no_ties"] = no_ties
    words = kinds_words(kinds)
    if not total:
        table.attrs["summary"] = f"Nobody on this map has {words} ties yet, so no group can be chosen."
    else:
        f = table.loc["formal leaders"]
        table.attrs["summary"] = (
            f"The first people to engage, if the word should reach everyone: {plural(len(group), 'person', 'people')} "
            f"({names_list(group, limit=4)}) together reach all {total} people with {words} ties within "
            f"{plural(steps, 'step')} (chosen greedily; whatever their view of the change); the "
            f"{plural(int(f['size']), 'formal leader')} reach {int(f['reached'])} ({f['reached_share']:.0%})."
            + (f" {names_list(no_ties)} {word_for(len(no_ties), 'has', 'have')} no {words} ties: talk to "
               f"{'them' if len(no_ties) > 1 else no_ties[0]} directly." if no_ties else ""))
    return table
