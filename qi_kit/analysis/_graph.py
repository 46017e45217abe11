"""Shared graph plumbing for the analysis modules: the chosen ties, sparse matrices, fast BFS.

Direction, everywhere: ``A -> B`` means A listens to B (goes to B for advice, trusts B...).
Influence flows *against* the arrow. Each helper says which way it reads the arrows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

import networkx as nx
import numpy as np
import scipy.sparse as sp

from ..errors import MapError, Problem
from ..model import TIE_KINDS, StakeholderMap

#: The ties through which people listen to each other: the default for brokers, paths, clusters,
#: coverage and spread (the influence table and informal leaders default to advice alone).
LISTENING: tuple[str, ...] = ("advice", "trust")

#: Above this many people, betweenness and closeness are estimated from a sample of starting
#: people (exact below). Exact on 2,000 people takes well under a second on a 2-core laptop.
EXACT_LIMIT = 2000
#: Number of sampled starting people for large maps (error measured in benchmarks/README.md).
SAMPLES = 1000


def kinds_of(kind: str | Iterable[str] | None) -> tuple[str, ...]:
    """The kinds of tie as a tuple (None = every kind except the formal reporting line)."""
    if kind is None:
        return tuple(k for k in TIE_KINDS if k != "reports_to")
    kinds = (kind,) if isinstance(kind, str) else tuple(kind)
    if not kinds:
        raise MapError(Problem("", "No kind of tie was chosen.", f"pick one or more of: {', '.join(TIE_KINDS)}."))
    return kinds


def check_map(m: object) -> StakeholderMap:
    if not isinstance(m, StakeholderMap):
        raise MapError(Problem("", f"Expected a stakeholder map, got {type(m).__name__}.",
                               "pass a map, e.g. qi_kit.load_case('ward') or qi_kit.read_map('my_map.xlsx')."))
    return m


def chosen_graph(m: StakeholderMap, kind: str | Iterable[str] | None) -> nx.DiGraph:
    """The DiGraph of the chosen kinds (every person a node), arrows at the listened-to."""
    return check_map(m).graph(list(kinds_of(kind)))


@dataclass(frozen=True)
class Matrices:
    """The chosen ties as sparse matrices, nodes in the map's order.

    ``A[i, j] = 1`` when person i listens to person j (an arrow i -> j); ``W`` holds strengths.
    """

    names: list[str]
    index: dict[str, int]
    A: sp.csr_matrix
    W: sp.csr_matrix

    @property
    def n(self) -> int:
        return len(self.names)


def matrices(G: nx.DiGraph) -> Matrices:
    names = list(G.nodes)
    index = {name: i for i, name in enumerate(names)}
    n = len(names)
    if G.number_of_edges():
        rows, cols, vals = zip(*((index[s], index[t], d.get("strength", 1)) for s, t, d in G.edges(data=True)))
    else:
        rows, cols, vals = (), (), ()
    W = sp.csr_matrix((np.asarray(vals, dtype=float), (np.asarray(rows, dtype=np.int64),
                                                       np.asarray(cols, dtype=np.int64))), shape=(n, n))
    A = W.copy()
    A.data[:] = 1.0
    return Matrices(names, index, A, W)


def brandes(A: sp.csr_matrix, sources: Sequence[int], *, batch: int = 128,
            dependencies: bool = True) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Brandes' betweenness and incoming distances by breadth-first search in matrix form.

    Searches follow the arrows from each source (hop counts, each tie one step). Many sources
    are searched at once as columns of a dense block, so the work runs in compiled sparse
    matrix products instead of Python loops.

    Returns ``(dependency, reached, distance_sum)``, each of length n: the summed pair
    dependencies (unnormalised betweenness over the given sources; zeros when
    ``dependencies=False``), and, for every person, how many of the sources reach them and the
    sum of those distances (for closeness).
    """
    n = A.shape[0]
    AT = A.T.tocsr()
    dependency = np.zeros(n)
    reached = np.zeros(n)
    distance_sum = np.zeros(n)
    sources = np.asarray(sources, dtype=np.int64)
    for start in range(0, len(sources), batch):
        block = sources[start:start + batch]
        b = len(block)
        cols = np.arange(b)
        sigma = np.zeros((n, b))
        sigma[block, cols] = 1.0
        level = np.full((n, b), -1, dtype=np.int32)
        level[block, cols] = 0
        frontier = sigma.copy()
        depth = 0
        while True:
            paths = AT @ frontier  # paths[v, j]: shortest paths into v from the frontier
            paths[level >= 0] = 0.0
            if not paths.any():
                break
            depth += 1
            level[paths > 0] = depth
            sigma += paths
            frontier = paths
        found = level > 0
        reached += found.sum(axis=1)
        distance_sum += np.where(found, level, 0).sum(axis=1)
        if not dependencies:
            continue
        delta = np.zeros((n, b))
        safe_sigma = np.where(sigma > 0, sigma, 1.0)
        for d in range(depth, 1, -1):
            at_d = level == d
            share = np.where(at_d, (1.0 + delta) / safe_sigma, 0.0)
            back = A @ share  # back[v, j] = sum over w with v -> w of share[w, j]
            at_before = level == d - 1
            delta += np.where(at_before, sigma * back, 0.0)
        dependency += delta.sum(axis=1)
    return dependency, reached, distance_sum


def _sources(n: int, samples: int | None, seed: int) -> np.ndarray:
    if samples is None and n <= EXACT_LIMIT:
        return np.arange(n)
    k = min(n, samples or SAMPLES)
    return np.sort(np.random.default_rng(seed).choice(n, size=k, replace=False))


def betweenness(A: sp.csr_matrix, *, samples: int | None = None, seed: int = 42) -> tuple[np.ndarray, bool]:
    """Normalised betweenness with direction ignored (hop counts), and whether it is exact.

    Equal to ``networkx.betweenness_centrality(G.to_undirected())``. Exact when ``samples`` is
    None and the map has at most :data:`EXACT_LIMIT` people; otherwise estimated from
    ``samples`` starting people drawn with ``seed`` and scaled up, as networkx's ``k=`` does.
    """
    n = A.shape[0]
    if n < 3:
        return np.zeros(n), True
    both = ((A + A.T) > 0).astype(float).tocsr()
    sources = _sources(n, samples, seed)
    dependency, _, _ = brandes(both, sources)
    # each unordered pair is counted from both ends: (n-1)(n-2) normalises it as networkx does
    return dependency * (n / len(sources)) / ((n - 1) * (n - 2)), len(sources) == n


def closeness(A: sp.csr_matrix, *, samples: int | None = None, seed: int = 42) -> tuple[np.ndarray, bool]:
    """Closeness by incoming distance (Wasserman-Faust), as ``networkx.closeness_centrality(G)``.

    ``C(u) = (r/(n-1)) * (r / sum of d(v, u))`` over the r people v who can reach u along the
    arrows: how few steps u's word needs to travel back to those who (indirectly) listen to u.
    Estimated from a sample of people on big maps, like :func:`betweenness`.
    """
    n = A.shape[0]
    if n < 2:
        return np.zeros(n), True
    sources = _sources(n, samples, seed)
    _, reached, distance_sum = brandes(A, sources, dependencies=False)
    if len(sources) == n:
        others = np.full(n, n - 1.0)
    else:
        others = len(sources) - np.isin(np.arange(n), sources).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        values = np.where(distance_sum > 0, (reached / others) * (reached / distance_sum), 0.0)
    return np.nan_to_num(values), len(sources) == n


def constraint(W: sp.csr_matrix) -> np.ndarray:
    """Burt's constraint for every person (NaN for people with no ties), as ``nx.constraint``.

    ``p_ij = (w_ij + w_ji) / sum_k (w_ik + w_ki)``; ``c_i = sum_j (p_ij + sum_q p_iq p_qj)^2``
    over i's contacts j. Computed with two sparse products instead of nested loops.
    """
    n = W.shape[0]
    M = (W + W.T).tocsr()
    totals = np.asarray(M.sum(axis=1)).ravel()
    with np.errstate(divide="ignore"):
        inverse = np.where(totals > 0, 1.0 / np.where(totals > 0, totals, 1.0), 0.0)
    P = sp.diags(inverse) @ M
    P = P.tocsr()
    indirect = (P @ P).multiply(P > 0)  # only pairs that are contacts; p_ii = 0 so q != i, j
    local = (P + indirect).tocsr()
    local.data **= 2
    values = np.asarray(local.sum(axis=1)).ravel()
    values[totals == 0] = np.nan
    return values if n else np.zeros(0)


def within_two_steps(B: sp.csr_matrix) -> np.ndarray:
    """For each row person, how many others are within one or two steps along ``B``'s arrows."""
    n = B.shape[0]
    if n == 0:
        return np.zeros(0, dtype=int)
    one = (B > 0).astype(np.float32).tocsr()
    two = (one + one @ one).tocsr()
    two.setdiag(0)
    two.eliminate_zeros()
    return np.diff(two.indptr)
