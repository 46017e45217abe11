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
from math import comb
from typing import Iterable, Mapping

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..glossary import kinds_words
from ..model import StakeholderMap
from ..text import names_list, plural, word_for
from .graph import LISTENING, chosen_graph, kinds_of, matrices, betweenness
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

    See Also
    --------
    brokers
        The people who link different units, with a sentence each.
    single_points_of_failure
        People whose leaving would split the map.

    Notes
    -----
    Gould & Fernandez count two-paths ``a -> v -> b`` with no tie ``a -> b``. The kit's arrows
    point at the listened-to, so influence runs X -> B -> Y where the data say Y -> B -> X; the
    count is the same, the roles are read in the direction influence flows (as in R's
    ``sna::brokerage`` on the reversed graph).

    References
    ----------
    .. [1] R. V. Gould and R. M. Fernandez, "Structures of mediation: a formal approach to
       brokerage in transaction networks", Sociological Methodology 19:89-126, 1989.
       https://doi.org/10.2307/270949
    """
    G = chosen_graph(m, kind)
    label, by = _groups(G, groups, seed)
    counts = _role_counts(matrices(G).A, [label[p] for p in G.nodes])
    rows = [{"name": b, "unit": G.nodes[b].get("unit") or "", **{r: int(counts[r][i]) for r in ROLES},
             "brokerage_total": int(sum(counts[r][i] for r in ROLES))} for i, b in enumerate(G.nodes)]
    table = pd.DataFrame(rows, columns=["name", "unit", *ROLES, "brokerage_total"]).set_index("name")
    table = table.astype({r: "int64" for r in (*ROLES, "brokerage_total")})
    table.attrs["groups"] = by
    table.attrs["summary"] = (f"Brokerage between {by}s over the {kinds_words(kinds_of(kind))} ties: "
                              f"{plural(int((table['brokerage_total'] > 0).sum()), 'person', 'people')} "
                              "pass ideas between people who do not listen to each other directly.")
    return table


def _role_counts(A: sp.csr_matrix, groups: list[str]) -> dict[str, np.ndarray]:
    """The five Gould-Fernandez counts for everyone at once, by sparse matrix products.

    ``A[i, j] = 1`` when i listens to j. A two-path y -> b -> x (y listens to b, b listens to x)
    counts for broker b when y != x and y does not listen to x directly. Split A into ties within
    a group (``S``) and across groups (``D``); the two-paths of each role are then products of
    counts (in-ties times out-ties of the right kinds), less the closed ones (y also listens to
    x, found as ``(S or D) (S or D)^T`` at the positions of b's in-ties) and less y = x (a tie
    both ways). The same answer as looping over every broker, pair by pair, in a fraction of the
    time on big maps.
    """
    n = A.shape[0]
    zero = np.zeros(n, dtype=np.int64)
    if n == 0 or A.nnz == 0:
        return {r: zero.copy() for r in ROLES}
    codes = {g: i for i, g in enumerate(dict.fromkeys(groups))}
    g = np.array([codes[x] for x in groups])
    A = sp.csr_matrix(A, dtype=np.float64)
    A.data[:] = 1.0
    coo = A.tocoo()
    same = g[coo.row] == g[coo.col]
    S = sp.csr_matrix((coo.data * same, (coo.row, coo.col)), shape=A.shape)
    D = sp.csr_matrix((coo.data * ~same, (coo.row, coo.col)), shape=A.shape)
    S.eliminate_zeros()
    D.eliminate_zeros()

    def col(M):
        return np.asarray(M.sum(axis=0)).ravel()

    def row(M):
        return np.asarray(M.sum(axis=1)).ravel()

    def closed(incoming, left, right):  # sum over y of incoming[y, b] * (left @ right.T)[y, b]
        return col(incoming.multiply(left @ right.T))

    in_same, in_diff, out_same, out_diff = col(S), col(D), row(S), row(D)
    both_same, both_diff = col(S.multiply(S.T)), col(D.multiply(D.T))
    H = sp.csr_matrix((np.ones(n), (np.arange(n), g)), shape=(n, len(codes)))
    matched = row((D.T @ H).multiply(D @ H))  # in- and out-ties across groups that share the other group
    counts = {
        "coordinator": in_same * out_same - both_same - closed(S, S, S),
        "gatekeeper": in_same * out_diff - closed(S, D, D),
        "representative": in_diff * out_same - closed(D, D, S),
        "consultant": matched - both_diff - closed(D, S, D),
        "liaison": in_diff * out_diff - matched - closed(D, D, D),
    }
    return {r: np.rint(v).astype(np.int64) for r, v in counts.items()}


def only_links(G: nx.DiGraph, label: dict[str, str]) -> dict[str, list[tuple[str, str]]]:
    """Person -> pairs of groups that no route of any length joins once that person is gone.

    Ties are read with direction ignored. Groups U and W are *linked* when some member of U and
    some member of W can reach each other along the ties. A person is the only link between U
    and W when U and W are linked on the map but, with that person removed, no remaining member
    of U can reach any remaining member of W. Checked exactly, by removal: only articulation
    points, and people who are the only member of their group in their part of the map, can
    separate anything, so only they are tried. Pairs involving a one-person group are left out
    (that person is trivially its only link).
    """
    from scipy.sparse.csgraph import connected_components

    size = Counter(label.values())
    groups = sorted(g for g, c in size.items() if c >= 2)
    if len(groups) < 2 or G.number_of_edges() == 0:
        return {}
    U = nx.Graph(G.to_undirected(as_view=True))
    names = list(U.nodes)
    index = {p: i for i, p in enumerate(names)}
    gid = {g: i for i, g in enumerate(groups)}
    group_of = np.array([gid.get(label[p], -1) for p in names])
    B = nx.to_scipy_sparse_array(U, nodelist=names, weight=None, format="csr")
    _, comp = connected_components(B, directed=False)
    members: dict[int, list[int]] = {}
    for i, c in enumerate(comp):
        members.setdefault(int(c), []).append(i)
    present = {c: Counter(int(g) for g in group_of[m] if g >= 0) for c, m in members.items()}
    comps_of_group: dict[int, set[int]] = {}
    for c, counts in present.items():
        for g in counts:
            comps_of_group.setdefault(g, set()).add(c)
    cuts = {index[p] for p in nx.articulation_points(U)}
    # where each column index sits in B's data, to drop a person's ties without rebuilding B
    order = np.argsort(B.indices, kind="stable")
    starts = np.searchsorted(B.indices[order], np.arange(len(names) + 1))
    arrays = {c: np.asarray(m_, dtype=np.int64) for c, m_ in members.items()}
    result: dict[str, list[tuple[str, str]]] = {}
    for v in range(len(names)):
        c = int(comp[v])
        here = present[c]
        own = int(group_of[v])
        sole = own >= 0 and here[own] == 1
        if v not in cuts and not sole:
            continue
        rest = arrays[c][arrays[c] != v]
        if v in cuts:  # the pieces its part of the map falls into without it
            data = B.data.copy()
            data[B.indptr[v]:B.indptr[v + 1]] = 0
            data[order[starts[v]:starts[v + 1]]] = 0
            without = sp.csr_matrix((data, B.indices, B.indptr), shape=B.shape)
            without.eliminate_zeros()
            _, piece = connected_components(without, directed=False)
            piece = piece[rest]
        else:
            piece = np.zeros(len(rest), dtype=np.int64)
        grouped = group_of[rest] >= 0
        pieces_of: dict[int, set[int]] = {}
        width = len(groups)
        for code in np.unique(piece[grouped].astype(np.int64) * width + group_of[rest][grouped]):
            pieces_of.setdefault(int(code % width), set()).add(int(code // width))
        present_groups = sorted(here)
        largest = int(np.bincount(piece).argmax()) if len(piece) else -1
        outside = [g for g in present_groups if largest not in pieces_of.get(g, set())]
        pairs: set[tuple[int, int]] = set()
        alone = {g for g in present_groups if comps_of_group[g] == {c}}  # in no other part of the map
        for g in outside:
            mine = pieces_of.get(g, set())
            for h in present_groups:
                if h == g or mine & pieces_of.get(h, set()):
                    continue
                if not (g in alone or h in alone) and (comps_of_group[g] & comps_of_group[h]) - {c}:
                    continue  # linked anyway, in another part of the map
                pairs.add((g, h) if g < h else (h, g))
        if pairs:
            result[names[v]] = sorted((groups[g], groups[h]) for g, h in pairs)
    return result


def brokers(m: StakeholderMap, *, kind: str | Iterable[str] = LISTENING, groups: str = "unit",
            seed: int = 42, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The people who bridge units, ranked, each with a plain reason.

    A broker here is anyone with a brokerage role between groups (gatekeeper, representative,
    consultant or liaison) or who is the only link between two groups of two or more people
    (checked by removal: without them, no route of any length joins the groups; see
    :func:`only_links`). They are ranked by betweenness (direction ignored), then by how many
    two-step links between groups pass through them.

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
    table
        An influence table of the same map and kind (its betweenness is reused).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``name``, best first: ``rank``, ``unit``, ``betweenness``, the role counts,
        ``between_groups`` (their role counts across groups), ``only_link_between`` (the units
        they alone link, in words) and ``reason`` (counts and names only; the scores stay in the
        columns). ``.attrs["summary"]`` names the top brokers; ``.attrs["only_links"]`` maps
        each person to every pair of units they alone link.

    See Also
    --------
    brokerage_roles
        The five Gould-Fernandez counts for everyone.
    key_players
        The few people whose loss would cut most links.
    single_points_of_failure
        People whose leaving would split the map.

    Examples
    --------
    >>> import qi_kit
    >>> list(brokers(qi_kit.load_case("ward")).index[:2])
    ['Rosa Delgado', 'Kwame Asante']
    """
    G = chosen_graph(m, kind)
    roles = brokerage_roles(m, kind=kind, groups=groups, seed=seed)
    label, by = _groups(G, groups, seed)
    links = only_links(G, label)
    table_ = roles.copy()
    if table is not None and len(table) == len(table_) and "betweenness" in table:
        table_["betweenness"] = table["betweenness"].reindex(table_.index).to_numpy()
    else:
        table_["betweenness"], _ = betweenness(matrices(G).A, seed=seed)
    across = [r for r in ROLES if r != "coordinator"]
    table_["between_groups"] = table_[across].sum(axis=1)
    table_["only_link_between"] = [_pairs_in_words(links[p]) if p in links else "" for p in table_.index]
    chosen = table_[(table_["between_groups"] > 0) | (table_["only_link_between"] != "")].copy()
    chosen = chosen.assign(_name=chosen.index)
    chosen = chosen.sort_values(["betweenness", "between_groups", "_name"],
                                ascending=[False, False, True]).drop(columns=["_name"])
    chosen.insert(0, "rank", range(1, len(chosen) + 1))
    words = table_["only_link_between"].to_dict()
    chosen["reason"] = [_broker_reason(p, dict(zip(ROLES, counts)), words[p], len(links.get(p, ())), by)
                        for p, *counts in zip(chosen.index, *(chosen[r] for r in ROLES))]
    columns = ["rank", "unit", "betweenness", *ROLES, "between_groups", "only_link_between", "reason"]
    chosen = chosen[columns]
    words = kinds_words(kinds_of(kind))
    if chosen.empty:
        chosen.attrs["summary"] = f"Nobody links different {by}s through {words} ties on this map."
    else:
        chosen.attrs["summary"] = (f"{plural(len(chosen), 'person', 'people')} link different {by}s through "
                                   f"{words} ties; the key {word_for(len(chosen), 'bridge')}: "
                                   f"{names_list(chosen.index[:3])}.")
    chosen.attrs["groups"] = by
    chosen.attrs["only_links"] = links
    return chosen


def _pairs_in_words(pairs: list[tuple[str, str]], limit: int = 4) -> str:
    """The pairs of units a person alone links, in words.

    The usual case is a few units cut off from the rest (and from each other): 'Medical team and
    Ward 7B, Therapies and 2 other units', or 'Grades 5-6 team, Parent council and the other units
    (District, ...)'. Anything else is listed pair by pair.
    """
    def listed(side: list[str]) -> str:
        if len(side) <= limit:
            return names_list(side)
        return f"{', '.join(side[:limit])} and {plural(len(side) - limit, 'other unit')}"

    degree = Counter(g for pair in pairs for g in pair)
    everyone = sorted(degree)
    cut = [g for g in everyone if degree[g] == len(everyone) - 1]
    rest = [g for g in everyone if g not in cut]
    # every pair with an end in ``cut`` is there (their degree says so); no other pair is
    if cut and rest and len(set(pairs)) == len(cut) * len(rest) + len(cut) * (len(cut) - 1) // 2:
        if len(cut) == 1:
            return f"{cut[0]} and {listed(rest)}"
        return f"{names_list(cut)}, and between them and the other units ({listed(rest)})"
    if not rest and len(everyone) > 2:
        return f"every two of {listed(everyone)}"
    text = "; ".join(f"{a} and {b}" for a, b in pairs[:limit])
    return text + (f"; and {plural(len(pairs) - limit, 'more pair')}" if len(pairs) > limit else "")


def _broker_reason(name: str, row: Mapping[str, int], links: str, pairs: int, by: str) -> str:
    """One broker's reason: the units they alone link (already in words), then their roles."""
    parts = []
    if links:
        parts.append(f"{name} is the only link between {links}: without them, no chain of ties joins "
                     f"{'these units' if pairs > 1 else 'the two'}")
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
    return "; ".join(parts) + "."


def single_points_of_failure(m: StakeholderMap, *, kind: str | Iterable[str] = LISTENING) -> pd.DataFrame:
    """People whose leaving would cut others off: the map's articulation points.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``name``, most people cut off first: ``unit``, ``cut_off_count``,
        ``cut_off_if_they_leave`` (names, ", "-joined) and ``sentence``.

    See Also
    --------
    key_players
        The same question for a group of k people.
    brokers
        People who link different units.

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
        table.attrs["summary"] = (f"{plural(len(table), 'person', 'people')} {word_for(len(table), 'holds', 'hold')} "
                                  f"parts of the map together through {words} ties: {names_list(table.index)}.")
    return table


def fragmentation(U: nx.Graph) -> float:
    """Borgatti's F: the share of pairs of people who cannot reach each other (0 = all linked)."""
    n = U.number_of_nodes()
    if n < 2:
        return 0.0
    linked = sum(len(c) * (len(c) - 1) for c in nx.connected_components(U))
    return 1.0 - linked / (n * (n - 1))


#: Try every set of k people when there are at most this many sets (every map up to 15 people
#: for k = 3, 46 for k = 2); otherwise greedy plus swaps.
EXACT_SETS = 500
#: Random starting sets for the swap search, besides the greedy one and the boundaries.
RESTARTS = 1
#: Boundaries of small groups tried as starting sets (fragmentation only).
BOUNDARY_STARTS = 3
GOALS = ("fragmentation", "reach")


class _Bits:
    """The map's ties as bit sets, for the thousands of set evaluations a key-player search makes."""

    def __init__(self, G: nx.DiGraph):
        self.names = list(G.nodes)
        index = {p: i for i, p in enumerate(self.names)}
        self.n = len(self.names)
        self.adjacent = [0] * self.n  # direction ignored
        listeners = [0] * self.n  # who listens to i (against the arrows)
        for s, t in G.edges:
            i, j = index[s], index[t]
            self.adjacent[i] |= 1 << j
            self.adjacent[j] |= 1 << i
            listeners[j] |= 1 << i
        self.reach = []  # i and everyone within two steps against the arrows
        for i in range(self.n):
            one = listeners[i]
            two = one
            rest = one
            while rest:
                low = rest & -rest
                two |= listeners[low.bit_length() - 1]
                rest ^= low
            self.reach.append((two | one | (1 << i)))
        self.everyone = (1 << self.n) - 1

    def pieces(self, alive: int) -> list[int]:
        """The connected pieces (as bit sets) of the people in ``alive``."""
        found = []
        while alive:
            seed = alive & -alive
            piece = frontier = seed
            while frontier:
                grown = 0
                while frontier:
                    low = frontier & -frontier
                    grown |= self.adjacent[low.bit_length() - 1]
                    frontier ^= low
                frontier = grown & alive & ~piece
                piece |= frontier
            found.append(piece)
            alive &= ~piece
        return found

    def fragmentation(self, removed: int) -> float:
        alive = self.everyone & ~removed
        left = alive.bit_count()
        if left < 2:
            return 0.0
        linked = sum(c * (c - 1) for c in (p.bit_count() for p in self.pieces(alive)))
        return 1.0 - linked / (left * (left - 1))

    def reached(self, chosen: int) -> int:
        """How many people besides the chosen ones the chosen reach within two steps."""
        total = 0
        rest = chosen
        while rest:
            low = rest & -rest
            total |= self.reach[low.bit_length() - 1]
            rest ^= low
        return (total & ~chosen).bit_count()

    def score(self, goal: str, chosen: int) -> float:
        return self.fragmentation(chosen) if goal == "fragmentation" else float(self.reached(chosen))


def _bits_of(people: Iterable[int]) -> int:
    value = 0
    for i in people:
        value |= 1 << i
    return value


def _best_set(bits: _Bits, k: int, goal: str, *, seed: int, exact_sets: int) -> tuple[list[int], bool]:
    """The k people (indices) with the best score, and whether every set was tried.

    Ties between sets go to the earlier people on the map (the smallest indices in order).
    """
    n = bits.n
    if comb(n, k) <= exact_sets:
        best, best_score = None, -1.0
        for chosen in combinations(range(n), k):  # lexicographic: earlier sets win ties
            score = bits.score(goal, _bits_of(chosen))
            if score > best_score + 1e-12:
                best, best_score = list(chosen), score
        return best, True
    greedy: list[int] = []
    for _ in range(k):
        greedy.append(max((v for v in range(n) if v not in greedy),
                          key=lambda v: (bits.score(goal, _bits_of(greedy + [v])), -v)))
    rng = np.random.default_rng(seed)
    starts = [greedy] + [sorted(rng.choice(n, size=k, replace=False).tolist()) for _ in range(RESTARTS)]
    if goal == "fragmentation":
        # fragmentation is flat until a whole boundary is removed: start also from the boundaries
        # of the small groups that k removals can cut off (the best few, padded with the greedy set)
        boundaries = sorted(_boundaries(bits, k), key=lambda b: (-bits.score(goal, _bits_of(b)), b))
        for boundary in boundaries[:BOUNDARY_STARTS]:
            starts.append(boundary + [v for v in greedy if v not in boundary][:k - len(boundary)])
    best, best_score = None, -1.0
    for start in starts:
        chosen, score = _swap(bits, start, goal)
        if score > best_score + 1e-12 or (abs(score - best_score) <= 1e-12 and sorted(chosen) < sorted(best)):
            best, best_score = chosen, score
    return sorted(best), False


def _boundaries(bits: _Bits, k: int) -> list[list[int]]:
    """The neighbours of each person, and of each tied pair, when there are at most k of them:
    removing them cuts that person (or pair) off from everyone else."""
    found: set[tuple[int, ...]] = set()
    for u in range(bits.n):
        around = bits.adjacent[u] & ~(1 << u)
        if 0 < around.bit_count() <= k:
            found.add(tuple(i for i in range(bits.n) if around >> i & 1))
        rest = bits.adjacent[u]
        while rest:
            low = rest & -rest
            w = low.bit_length() - 1
            rest ^= low
            if w <= u:
                continue
            pair = (1 << u) | (1 << w)
            around = (bits.adjacent[u] | bits.adjacent[w]) & ~pair
            if 0 < around.bit_count() <= k:
                found.add(tuple(i for i in range(bits.n) if around >> i & 1))
    return [list(b) for b in found if len(b) < bits.n - 1]


def _swap(bits: _Bits, start: list[int], goal: str) -> tuple[list[int], float]:
    """Borgatti's swap search: exchange a member for a non-member while the score improves.

    Each pass takes the first exchange that helps (members in order, then non-members in map
    order) and starts again; it stops when no exchange helps.
    """
    chosen = list(start)
    score = bits.score(goal, _bits_of(chosen))
    improved = True
    while improved:
        improved = False
        for i in range(len(chosen)):
            base = _bits_of(chosen[:i] + chosen[i + 1:])
            for v in range(bits.n):
                if v in chosen:
                    continue
                trial = bits.score(goal, base | (1 << v))
                if trial > score + 1e-12:
                    chosen[i], score, improved = v, trial, True
                    break
            if improved:
                break
    return chosen, score


def key_players(m: StakeholderMap, *, kind: str | Iterable[str] = LISTENING, k: int = 3,
                goal: str = "fragmentation", seed: int = 42, exact_sets: int = EXACT_SETS) -> pd.DataFrame:
    """The k people whose loss would split the map most (a sustainability risk), or who reach most.

    Parameters
    ----------
    m
        The stakeholder map.
    kind
        The ties (default advice and trust).
    k
        How many people to pick (at most everyone).
    goal
        ``"fragmentation"`` (default; Borgatti's KPP-Neg: whose loss leaves the most pairs of
        people unable to reach each other, direction ignored) or ``"reach"`` (KPP-Pos: who
        together reach the most people within two steps of listening).
    seed
        Fixes the random starting sets of the swap search.
    exact_sets
        Try every set of k people when there are at most this many (default 500).

    Returns
    -------
    pandas.DataFrame
        One row per person in the set, in the order that adds most first: ``step``, ``name``,
        ``unit``, then for fragmentation ``fragmentation`` (after removing everyone so far) and
        ``cut_off`` (people so far who would lose every link to someone they could reach), for
        reach ``reached`` and ``reached_share`` (people reached so far, of the n - step others);
        and ``sentence``. ``.attrs``: ``before`` (the map's fragmentation as it is), ``goal``,
        ``exact`` (True when every set was tried), ``risk`` (whether losing them would cut anyone
        off) and ``summary``. Empty, with the reason in the summary, when the map is too small or
        has no ties, and (for fragmentation) when losing any k people would cut nobody off.

    See Also
    --------
    single_points_of_failure
        One person at a time.
    qi_kit.analysis.paths.coverage
        Who to engage first so the word reaches everyone.

    Notes
    -----
    Fragmentation F = 1 - Σ s_c (s_c - 1) / (n (n - 1)) over the pieces c left after removal,
    n being the people left; reach counts the people within two steps against the arrows (who
    listen to them, or to someone who listens to them), as :func:`qi_kit.coverage` does
    (Borgatti 2006). When there are at most ``exact_sets`` sets of k people, every one is tried
    and the answer is the best there is; otherwise the greedy set (each step adds the person who
    helps most) and a few random sets are each improved by Borgatti's swaps (exchange a member
    for a non-member while that helps) and the best result is kept. Ties go to the people
    earlier on the map. Risk is claimed only when the loss would actually cut someone off.

    References
    ----------
    .. [1] S. P. Borgatti, "Identifying sets of key players in a social network", Computational
       and Mathematical Organization Theory 12:21-34, 2006.
       https://doi.org/10.1007/s10588-006-7084-x

    Examples
    --------
    >>> import qi_kit
    >>> key_players(qi_kit.load_case("ward"), k=1)["name"].tolist()
    ['Kwame Asante']
    """
    from ..errors import MapError, Problem

    if not isinstance(k, int) or isinstance(k, bool) or k < 1:
        raise MapError(Problem("", f"k must be a whole number of people (1 or more), not {k!r}.", "use e.g. k=3."))
    if goal not in GOALS:
        raise MapError(Problem("goal", f"'{goal}' is not a key-player goal.",
                               "use goal='fragmentation' (whose loss splits the map) or goal='reach'."))
    G = chosen_graph(m, kind)
    words = kinds_words(kinds_of(kind))
    bits = _Bits(G)
    before = bits.fragmentation(0)
    columns = (["step", "name", "unit", "fragmentation", "cut_off", "sentence"] if goal == "fragmentation"
               else ["step", "name", "unit", "reached", "reached_share", "sentence"])
    empty = pd.DataFrame(columns=columns)
    empty.attrs.update(before=before, goal=goal, exact=True, risk=False)
    if bits.n < 3 or G.number_of_edges() == 0:
        empty.attrs["summary"] = (f"Key players need a map of at least three people with {words} ties; this one has "
                                  f"{plural(bits.n, 'person', 'people')} and {plural(G.number_of_edges(), 'tie')} "
                                  "of that kind.")
        return empty
    k = min(k, bits.n - 2)
    chosen, exact = _best_set(bits, k, goal, seed=seed, exact_sets=exact_sets)
    order = _ordered(bits, chosen, goal)
    if goal == "fragmentation":
        return _fragmentation_table(G, bits, order, before, exact, words, columns)
    return _reach_table(G, bits, order, exact, words, columns)


def _ordered(bits: _Bits, chosen: list[int], goal: str) -> list[int]:
    """The chosen people, the one who adds most first: for fragmentation, who cuts most people off,
    then the fragmentation; for reach, who reaches most (ties: earlier on the map)."""
    order: list[int] = []
    left = list(chosen)

    def gain(v: int) -> tuple:
        removed = _bits_of(order + [v])
        if goal == "fragmentation":
            return len(_cut_off(bits, removed)), bits.fragmentation(removed), -v
        return bits.reached(removed), -v

    while left:
        best = max(left, key=gain)
        order.append(best)
        left.remove(best)
    return order


def _cut_off(bits: _Bits, removed: int) -> list[int]:
    """People not removed who are in a smaller piece of what was one piece before the removal."""
    cut: list[int] = []
    for piece in bits.pieces(bits.everyone):
        after = sorted(bits.pieces(piece & ~removed), key=lambda p: (-p.bit_count(), p & -p))
        for small in after[1:]:
            cut += [i for i in range(bits.n) if small >> i & 1]
    return sorted(cut)


def _fragmentation_table(G, bits, order, before, exact, words, columns) -> pd.DataFrame:
    rows, removed, seen_cut = [], 0, 0
    for step, v in enumerate(order, start=1):
        removed |= 1 << v
        f = bits.fragmentation(removed)
        cut = _cut_off(bits, removed)
        name = bits.names[v]
        lost = [bits.names[i] for i in cut]
        if len(cut) > seen_cut:
            sentence = (f"Without {name}{' and the people above' if step > 1 else ''}, {names_list(lost, limit=4)} "
                        f"would lose {'their' if len(lost) > 1 else 'the'} only link to the rest of the map; "
                        f"{f:.0%} of the pairs of people left could not reach each other.")
        else:
            sentence = f"Losing {name} as well would cut nobody else off by itself."
        seen_cut = max(seen_cut, len(cut))
        rows.append({"step": step, "name": name, "unit": G.nodes[name].get("unit") or "",
                     "fragmentation": round(f, 4), "cut_off": len(cut), "sentence": sentence})
    table = pd.DataFrame(rows, columns=columns)
    risk = bool(seen_cut)
    table.attrs.update(before=before, goal="fragmentation", exact=exact, risk=risk)
    how = "every set tried" if exact else "greedy plus swaps"
    if not risk:
        empty = table.iloc[0:0].copy()
        empty.attrs.update(table.attrs)
        empty.attrs["summary"] = (f"Losing any {plural(len(order), 'person', 'people')} would cut nobody off through "
                                  f"{words} ties ({how}): no small group holds the map together.")
        return empty
    last = table.iloc[-1]
    table.attrs["summary"] = (f"Losing {names_list(table['name'])} would cut {plural(int(last['cut_off']), 'person', 'people')} "
                              f"off from the rest of the map through {words} ties, leaving {last['fragmentation']:.0%} "
                              f"of the pairs of people left unable to reach each other (now {before:.0%}; {how}): "
                              "a sustainability risk to plan for.")
    return table


def _reach_table(G, bits, order, exact, words, columns) -> pd.DataFrame:
    rows, chosen = [], 0
    for step, v in enumerate(order, start=1):
        chosen |= 1 << v
        reached = bits.reached(chosen)
        others = bits.n - step
        name = bits.names[v]
        rows.append({"step": step, "name": name, "unit": G.nodes[name].get("unit") or "",
                     "reached": reached, "reached_share": round(reached / others, 4) if others else 0.0,
                     "sentence": (f"With {name}{' and the people above' if step > 1 else ''}: {reached} of the "
                                  f"{others} others listen to them directly or through one person.")})
    table = pd.DataFrame(rows, columns=columns)
    how = "every set tried" if exact else "greedy plus swaps"
    last = table.iloc[-1]
    table.attrs.update(before=bits.fragmentation(0), goal="reach", exact=exact, risk=False,
                       summary=(f"{names_list(table['name'])} together reach {int(last['reached'])} of the "
                                f"{bits.n - len(order)} others within two steps of {words} ties ({how})."))
    return table
