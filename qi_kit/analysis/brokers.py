"""Brokers and single points of failure: who links the units, and whose leaving would split the map.

- :func:`brokerage_roles`: Gould & Fernandez's five brokerage roles per person, between units;
- :func:`brokers`: the people who bridge units, ranked, with a plain reason each
  ("the only link between Pharmacy and the Medical team");
- :func:`single_points_of_failure`: articulation points ("if they leave, these people lose their
  only link");
- :func:`key_players`: Borgatti's key-player set whose loss fragments the map most (KPP-Neg, greedy).

Default ties: advice and trust (:data:`LISTENING`), the ties through which people listen to each
other. Brokerage reads arrows as influence flowing against them; links and splits ignore direction
(a conversation carries word both ways).
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from typing import Iterable

import networkx as nx
import pandas as pd

from ..glossary import kinds_words, names_list, plural
from ..model import StakeholderMap
from ._graph import LISTENING, chosen_graph, kinds_of, matrices, betweenness
from .groups import membership

ROLES: tuple[str, ...] = ("coordinator", "gatekeeper", "representative", "consultant", "liaison")


def _groups(G: nx.DiGraph, by: str, seed: int) -> tuple[dict[str, str], str]:
    """Person -> group label, by unit (or cluster when nobody has a unit, or when asked)."""
    if by not in ("unit", "cluster"):
        from ..errors import MapError, Problem

        raise MapError(Problem("", f"'{by}' is not a way to group people.", "use groups='unit' or groups='cluster'."))
    if by == "unit" and any(G.nodes[p].get("unit") for p in G.nodes):
        return {p: G.nodes[p].get("unit") or "(no unit)" for p in G.nodes}, "unit"
    number, names = membership(G, seed=seed)
    return {p: names[number[p]] for p in G.nodes}, "cluster"


def _role(source: str, broker: str, listener: str) -> str:
    if source == broker == listener:
        return "coordinator"
    if source == listener:
        return "consultant"
    if broker == listener:
        return "gatekeeper"
    if source == broker:
        return "representative"
    return "liaison"


def brokerage_roles(m: StakeholderMap, *, kind: str | Iterable[str] = LISTENING, groups: str = "unit",
                    seed: int = 42) -> pd.DataFrame:
    """Gould-Fernandez brokerage counts per person, read as influence between units.

    A person B brokers when B listens to X, Y listens to B, and Y does not listen to X directly:
    X's ideas can reach Y only through B. The units of X, B and Y name the role:

    - coordinator: all three in one unit (brokers inside their own unit);
    - gatekeeper: X outside, B and Y in the same unit (lets outside ideas into their unit);
    - representative: X and B in the same unit, Y outside (carries their unit's ideas out);
    - consultant: X and Y in one unit, B from another (an outsider linking two colleagues);
    - liaison: all three in different units (links two units that are not their own).

    Parameters
    ----------
    m
        The stakeholder map.
    kind
        The ties (default advice and trust).
    groups
        ``"unit"`` (default; clusters are used when nobody has a unit) or ``"cluster"``.
    seed
        Fixes the clusters when they are used.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``name``: ``unit``, the five role counts and ``brokerage_total``.
        ``.attrs["groups"]`` says whether units or clusters were used.

    Notes
    -----
    Gould & Fernandez count two-paths ``a -> v -> b`` with no tie ``a -> b``. The kit's arrows
    point at the listened-to, so influence runs X -> B -> Y where the data say Y -> B -> X; the
    count is the same, the roles are read in the direction influence flows (as in R's
    ``sna::brokerage`` on the reversed graph).

    References
    ----------
    Gould & Fernandez (1989). Structures of mediation: a formal approach to brokerage in
    transaction networks. Sociological Methodology 19:89-126.
    """
    G = chosen_graph(m, kind)
    label, by = _groups(G, groups, seed)
    rows = []
    for b in G.nodes:
        counts: Counter[str] = Counter()
        sources = list(G.successors(b))  # b listens to them
        for y in G.predecessors(b):  # they listen to b
            for x in sources:
                if x != y and not G.has_edge(y, x):
                    counts[_role(label[x], label[b], label[y])] += 1
        rows.append({"name": b, "unit": G.nodes[b].get("unit") or "", **{r: counts[r] for r in ROLES},
                     "brokerage_total": sum(counts.values())})
    table = pd.DataFrame(rows, columns=["name", "unit", *ROLES, "brokerage_total"]).set_index("name")
    table = table.astype({r: "int64" for r in (*ROLES, "brokerage_total")})
    table.attrs["groups"] = by
    table.attrs["summary"] = (f"Brokerage between {by}s over the {kinds_words(kinds_of(kind))} ties: "
                              f"{plural(int((table['brokerage_total'] > 0).sum()), 'person', 'people')} "
                              "pass ideas between people who do not listen to each other directly.")
    return table


def only_links(G: nx.DiGraph, label: dict[str, str]) -> dict[str, list[tuple[str, str]]]:
    """Person -> pairs of groups whose every link of one or two steps runs through that person.

    A link between groups U and W is a tie between a member of each, or a member of each tied
    to the same third person from neither group (direction ignored). The people common to every
    such link are the pair's only link. Pairs involving a one-person group are left out (that
    person is trivially its only link).
    """
    U = G.to_undirected(as_view=True)
    common: dict[tuple[str, str], set[str]] = {}

    def meet(a: str, b: str, people: set[str]) -> None:
        pair = (a, b) if a < b else (b, a)
        common[pair] = common[pair] & people if pair in common else set(people)

    for u, w in U.edges:
        if label[u] != label[w]:
            meet(label[u], label[w], {u, w})
    for v in U.nodes:
        for u, w in combinations(U.neighbors(v), 2):
            if label[u] != label[w] and label[v] not in (label[u], label[w]):
                meet(label[u], label[w], {u, v, w})
    size = Counter(label.values())
    result: dict[str, list[tuple[str, str]]] = {}
    for pair, people in sorted(common.items()):
        if min(size[pair[0]], size[pair[1]]) < 2:
            continue  # a one-person unit is trivially linked through its only member
        for p in people:
            result.setdefault(p, []).append(pair)
    return result


def brokers(m: StakeholderMap, *, kind: str | Iterable[str] = LISTENING, groups: str = "unit",
            seed: int = 42) -> pd.DataFrame:
    """The people who bridge units, ranked, each with a plain reason.

    A broker here is anyone with a brokerage role between groups (gatekeeper, representative,
    consultant or liaison) or who is the only link between two groups of two or more people.
    They are ranked by betweenness (direction ignored), then by how many two-step links between
    groups pass through them.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``name``, best first: ``rank``, ``unit``, ``betweenness``, the role counts,
        ``between_groups`` (their role counts across groups), ``only_link_between`` (text) and
        ``reason``. ``.attrs["summary"]`` names the top brokers.

    Examples
    --------
    >>> import qi_kit
    >>> brokers(qi_kit.load_case("ward")).index[0]  # doctest: +SKIP
    'Kwame Asante'
    """
    G = chosen_graph(m, kind)
    roles = brokerage_roles(m, kind=kind, groups=groups, seed=seed)
    label, by = _groups(G, groups, seed)
    links = only_links(G, label)
    table = roles.copy()
    table["betweenness"], _ = betweenness(matrices(G).A, seed=seed)
    across = [r for r in ROLES if r != "coordinator"]
    table["between_groups"] = table[across].sum(axis=1)
    table["only_link_between"] = [
        "; ".join(f"{a} and {b}" for a, b in links.get(p, [])) for p in table.index]
    chosen = table[(table["between_groups"] > 0) | (table["only_link_between"] != "")].copy()
    chosen = chosen.assign(_name=chosen.index)
    chosen = chosen.sort_values(["betweenness", "between_groups", "_name"],
                                ascending=[False, False, True]).drop(columns=["_name"])
    chosen.insert(0, "rank", range(1, len(chosen) + 1))
    chosen["reason"] = [_broker_reason(p, row, links.get(p, []), by) for p, row in chosen.iterrows()]
    columns = ["rank", "unit", "betweenness", *ROLES, "between_groups", "only_link_between", "reason"]
    chosen = chosen[columns]
    words = kinds_words(kinds_of(kind))
    if chosen.empty:
        chosen.attrs["summary"] = f"Nobody links different {by}s through {words} ties on this map."
    else:
        chosen.attrs["summary"] = (f"{plural(len(chosen), 'person', 'people')} link different {by}s through "
                                   f"{words} ties; the key bridge{'s' if len(chosen) > 1 else ''}: "
                                   f"{names_list(chosen.index[:3])}.")
    chosen.attrs["groups"] = by
    return chosen


def _broker_reason(name: str, row: pd.Series, links: list[tuple[str, str]], by: str) -> str:
    parts = []
    if links:
        pairs = ", ".join(f"{a} – {b}" for a, b in links[:4])
        more = f" and {plural(len(links) - 4, 'more pair')}" if len(links) > 4 else ""
        parts.append(f"{name} is the only link between {pairs}{more}")
    described = {
        "liaison": "links two {by}s that are not their own",
        "gatekeeper": "brings ideas from other {by}s into their own",
        "representative": "carries their own {by}'s ideas to others",
        "consultant": "links two people of another {by}",
    }
    for role, text in described.items():
        if row[role]:
            parts.append(f"{text.format(by=by)} ({plural(int(row[role]), 'time')})")
    if not links:
        parts[0] = f"{name} {parts[0]}"
    return "; ".join(parts) + f"; betweenness {row['betweenness']:.2f}."


def single_points_of_failure(m: StakeholderMap, *, kind: str | Iterable[str] = LISTENING) -> pd.DataFrame:
    """People whose leaving would cut others off: the map's articulation points.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``name``, most people cut off first: ``unit``, ``cut_off_count``,
        ``cut_off_if_they_leave`` (names, ", "-joined) and ``sentence``.

    Notes
    -----
    Ties are read with direction ignored. An articulation point is a person whose removal splits
    their part of the map (Hopcroft & Tarjan 1973, via ``networkx.articulation_points``). The
    largest remaining piece is taken as "the rest of the map"; everyone in the other pieces is cut off.
    """
    G = chosen_graph(m, kind)
    U = nx.Graph(G.to_undirected(as_view=True))
    order = {p: i for i, p in enumerate(G.nodes)}
    rows = []
    for v in sorted(nx.articulation_points(U), key=order.__getitem__):
        component = nx.node_connected_component(U, v) - {v}
        pieces = sorted((sorted(c, key=order.__getitem__) for c in
                         nx.connected_components(U.subgraph(component))), key=lambda c: (-len(c), order[c[0]]))
        cut = [p for piece in pieces[1:] for p in piece]
        rows.append({"name": v, "unit": G.nodes[v].get("unit") or "", "cut_off_count": len(cut),
                     "cut_off_if_they_leave": ", ".join(cut),
                     "sentence": f"If {v} left, {names_list(cut)} would lose {'their' if len(cut) > 1 else 'the'} "
                                 f"only link to the rest of the map."})
    table = pd.DataFrame(rows, columns=["name", "unit", "cut_off_count", "cut_off_if_they_leave", "sentence"])
    table = table.sort_values(["cut_off_count"], ascending=False, kind="stable").set_index("name")
    words = kinds_words(kinds_of(kind))
    if table.empty:
        table.attrs["summary"] = f"Nobody's leaving would cut anyone off through {words} ties."
    else:
        table.attrs["summary"] = (f"{plural(len(table), 'person', 'people')} hold{'s' if len(table) == 1 else ''} "
                                  f"parts of the map together through {words} ties: {names_list(table.index)}.")
    return table


def fragmentation(U: nx.Graph) -> float:
    """Borgatti's F: the share of pairs of people who cannot reach each other (0 = all linked)."""
    n = U.number_of_nodes()
    if n < 2:
        return 0.0
    linked = sum(len(c) * (len(c) - 1) for c in nx.connected_components(U))
    return 1.0 - linked / (n * (n - 1))


def key_players(m: StakeholderMap, *, kind: str | Iterable[str] = LISTENING, k: int = 3) -> pd.DataFrame:
    """The k people whose loss would fragment the map most (KPP-Neg, greedy): a sustainability risk.

    Parameters
    ----------
    m
        The stakeholder map.
    kind
        The ties (default advice and trust); direction is ignored.
    k
        How many people to pick (at most everyone).

    Returns
    -------
    pandas.DataFrame
        One row per pick, in order: ``step``, ``name``, ``unit``, ``fragmentation`` (after removing
        everyone picked so far) and ``sentence``. ``.attrs["before"]`` is the fragmentation of the
        whole map; ``.attrs["summary"]`` says it in one sentence.

    Notes
    -----
    Fragmentation F = 1 - Σ s_c (s_c - 1) / (n (n - 1)) over the pieces c left after removal,
    n being the people left (Borgatti 2006). The set is built greedily: each step removes the
    person whose removal raises F most (ties: the earlier person on the map). Greedy is fast and
    usually close to the best set; Borgatti's swap search can do slightly better on large maps.

    References
    ----------
    Borgatti (2006). Identifying sets of key players in a social network. Computational and
    Mathematical Organization Theory 12:21-34.
    """
    from ..errors import MapError, Problem

    if not isinstance(k, int) or isinstance(k, bool) or k < 1:
        raise MapError(Problem("", f"k must be a whole number of people (1 or more), not {k!r}.", "use e.g. k=3."))
    G = chosen_graph(m, kind)
    U = nx.Graph(G.to_undirected(as_view=True))
    before = fragmentation(U)
    rows = []
    for step in range(1, min(k, len(U)) + 1):
        if len(U) < 2:
            break
        best, best_f = _best_removal(U)
        U.remove_node(best)
        rows.append({"step": step, "name": best, "unit": G.nodes[best].get("unit") or "",
                     "fragmentation": round(best_f, 4),
                     "sentence": (f"Without {best}{' and the people above' if step > 1 else ''}, "
                                  f"{best_f:.0%} of pairs of people left could no longer reach each other.")})
    table = pd.DataFrame(rows, columns=["step", "name", "unit", "fragmentation", "sentence"])
    table.attrs["before"] = before
    words = kinds_words(kinds_of(kind))
    if table.empty:
        table.attrs["summary"] = "The map is too small to fragment."
    else:
        table.attrs["summary"] = (f"Losing {names_list(table['name'])} would leave "
                                  f"{table['fragmentation'].iloc[-1]:.0%} of pairs of the remaining people unable to "
                                  f"reach each other through {words} ties (now {before:.0%}): a sustainability risk "
                                  "to plan for.")
    return table


def _best_removal(U: nx.Graph) -> tuple[str, float]:
    """The person whose removal raises fragmentation most, and the fragmentation after it.

    Removing someone who is not an articulation point only shrinks their piece by one, so their
    F follows from the piece sizes; only articulation points need a search of their piece.
    """
    n = U.number_of_nodes()
    piece_of: dict[str, int] = {}
    sizes: list[int] = []
    for i, c in enumerate(nx.connected_components(U)):
        sizes.append(len(c))
        piece_of.update(dict.fromkeys(c, i))
    linked = sum(s * (s - 1) for s in sizes)
    cuts = set(nx.articulation_points(U))
    pairs = (n - 1) * (n - 2)
    best, best_f = None, -1.0
    for v in U.nodes:
        s = sizes[piece_of[v]]
        if v in cuts:
            piece = [p for p, i in piece_of.items() if i == piece_of[v] and p != v]
            inner = sum(len(c) * (len(c) - 1) for c in nx.connected_components(U.subgraph(piece)))
        else:
            inner = (s - 1) * (s - 2)
        f = 1.0 - (linked - s * (s - 1) + inner) / pairs if pairs else 0.0
        if f > best_f + 1e-12:
            best, best_f = v, f
    return best, best_f
