"""Shared graph plumbing for the analysis modules: the chosen ties, sparse matrices, fast BFS.

Direction, everywhere: ``A -> B`` means A listens to B (goes to B for advice, trusts B...).
Influence flows *against* the arrow. Each helper says which way it reads the arrows.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Callable, Hashable, Iterable, Sequence

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
#: The fewest sampled starting people for large maps (error measured in benchmarks/README.md).
SAMPLES = 1000
#: Sampling goes on past :data:`SAMPLES`, one batch of starting people at a time, until the
#: estimate is expected to correlate this well with the exact values (see :func:`betweenness`).
#: A structured map reaches it at once; a flat map, where everyone's betweenness is much alike,
#: needs more starting people. The expectation is cautious: on the benchmarks' flat 10,000-person
#: map, an expected 0.92 is a measured 0.94 or more (benchmarks/README.md).
TARGET_CORRELATION = 0.92
#: ... but never more than this many starting people (a cap on the time taken).
MAX_SAMPLES = 3072
#: Starting people searched together in one block of matrix products.
BATCH = 64
#: How many recent results (chosen ties, matrices, clusters) are kept per map.
CACHE_SIZE = 8

_CACHE: OrderedDict[tuple, tuple[object, Any]] = OrderedDict()


def remembered(owner: object, key: Hashable, compute: Callable[[], Any]) -> Any:
    """``compute()``, kept for ``owner`` (a map or a graph, both never changed once made).

    The cache holds the owner itself, so its ``id`` cannot be reused by another object while the
    entry lives; the oldest entries go first (at most four times :data:`CACHE_SIZE` in all: a graph,
    its matrices and its clusters for each of the last few maps and kinds of tie).
    """
    slot = (id(owner), key)
    hit = _CACHE.get(slot)
    if hit is not None and hit[0] is owner:
        _CACHE.move_to_end(slot)
        return hit[1]
    value = compute()
    _CACHE[slot] = (owner, value)
    while len(_CACHE) > CACHE_SIZE * 4:
        _CACHE.popitem(last=False)
    return value


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
    """The DiGraph of the chosen kinds (every person a node), arrows at the listened-to.

    Built once per map and kinds, then kept (frozen: the analyses only read it), so the calls of
    one notebook or widget on the same map share one graph, its matrices and its clusters.
    """
    kinds = kinds_of(kind)
    return remembered(check_map(m), ("graph", kinds), lambda: nx.freeze(m.graph(list(kinds))))


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
    """The chosen ties as sparse matrices (kept per graph when the graph is frozen)."""
    if nx.is_frozen(G):
        return remembered(G, "matrices", lambda: _matrices(G))
    return _matrices(G)


def _matrices(G: nx.DiGraph) -> Matrices:
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


def brandes(A: sp.csr_matrix, sources: Sequence[int], *, batch: int = BATCH,
            dependencies: bool = True, dtype: type = np.float64) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
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
    dependency, reached, distance_sum = np.zeros(n), np.zeros(n), np.zeros(n)
    for _, d, r, s in _batches(A, sources, batch=batch, dependencies=dependencies, dtype=dtype):
        dependency += d
        reached += r
        distance_sum += s
    return dependency, reached, distance_sum


def _batches(A: sp.csr_matrix, sources: Sequence[int], *, batch: int, dependencies: bool, dtype: type):
    """:func:`brandes` one block of sources at a time: yields (sources in the block, dependency,
    reached, distance sum), so that a caller can stop once the estimate is good enough."""
    n = A.shape[0]
    A = A.astype(dtype)
    AT = A.T.tocsr()
    sources = np.asarray(sources, dtype=np.int64)
    for start in range(0, len(sources), batch):
        block = sources[start:start + batch]
        b = len(block)
        cols = np.arange(b)
        sigma = np.zeros((n, b), dtype)  # shortest paths from each source (column) to each person
        sigma[block, cols] = 1
        unseen = np.ones((n, b), dtype)
        unseen[block, cols] = 0
        frontier = sigma.copy()
        levels: list[np.ndarray] = []  # levels[d - 1]: who is first reached at distance d
        while True:
            paths = AT @ frontier  # paths[v, j]: shortest paths into v from the frontier
            paths *= unseen
            new = paths > 0
            if not new.any():
                break
            np.subtract(unseen, new, out=unseen)  # 1 -> 0 where first reached (far quicker than unseen[new] = 0)
            sigma += paths
            frontier = paths
            levels.append(new)
        reached = np.zeros(n)
        distance_sum = np.zeros(n)
        for d, level in enumerate(levels, start=1):
            found = level.sum(axis=1)
            reached += found
            distance_sum += d * found
        dependency = np.zeros(n)
        if dependencies and len(levels) > 1:
            inverse = np.divide(1.0, sigma, out=np.zeros_like(sigma), where=sigma > 0)
            delta = np.zeros_like(sigma)
            share = np.empty_like(sigma)
            for d in range(len(levels) - 1, 0, -1):  # from the furthest level back to distance 1
                np.add(delta, 1.0, out=share)
                share *= inverse
                share *= levels[d]
                back = A @ share  # back[v, j] = sum over w with v -> w of share[w, j]
                back *= sigma
                back *= levels[d - 1]
                delta += back
            dependency = delta.sum(axis=1, dtype=np.float64)
        yield b, dependency, reached, distance_sum


def _sources(n: int, samples: int | None, seed: int) -> np.ndarray:
    """Every person (exact), or a random order of people to sample from (seeded)."""
    if samples is None and n <= EXACT_LIMIT:
        return np.arange(n)
    order = np.random.default_rng(seed).permutation(n)
    return order[:min(n, samples)] if samples is not None else order


def betweenness(A: sp.csr_matrix, *, samples: int | None = None, seed: int = 42,
                info: dict | None = None) -> tuple[np.ndarray, bool]:
    """Normalised betweenness with direction ignored (hop counts), and whether it is exact.

    Equal to ``networkx.betweenness_centrality(G.to_undirected())``. Exact when ``samples`` is
    None and the map has at most :data:`EXACT_LIMIT` people. Given ``samples``, it is estimated
    from that many starting people drawn with ``seed`` and scaled up, as networkx's ``k=`` does.
    On a bigger map with ``samples=None`` the sample grows to fit the map: at least
    :data:`SAMPLES` starting people, then one batch more at a time until the estimate is
    expected to correlate :data:`TARGET_CORRELATION` with the exact values (at most
    :data:`MAX_SAMPLES`). The expectation comes from the batches themselves: how much each
    person's estimate varies from batch to batch (the sampling noise) against how much people
    differ (the signal), corr = sqrt(signal / (signal + noise)). ``info``, if given, receives
    ``sources`` (how many were used) and ``expected_correlation``.
    """
    n = A.shape[0]
    info = {} if info is None else info
    if n < 3:
        info.update(sources=n, expected_correlation=1.0)
        return np.zeros(n), True
    both = ((A + A.T) > 0).astype(float).tocsr()
    sources = _sources(n, samples, seed)
    exact = len(sources) == n and (samples is not None or n <= EXACT_LIMIT)
    adaptive = samples is None and not exact
    dtype = np.float64 if exact else np.float32
    total = np.zeros(n)
    used = 0
    means: list[np.ndarray] = []
    expected = 1.0
    for size, dependency, _, _ in _batches(both, sources, batch=BATCH, dependencies=True, dtype=dtype):
        total += dependency
        used += size
        means.append(dependency / size)
        if adaptive and used >= SAMPLES:
            expected = _expected_correlation(means)
            if expected >= TARGET_CORRELATION or used >= MAX_SAMPLES:
                break
    if not adaptive and not exact and len(means) > 1:
        expected = _expected_correlation(means)
    info.update(sources=used, expected_correlation=round(float(expected), 4))
    # each unordered pair is counted from both ends: (n-1)(n-2) normalises it as networkx does
    return total * (n / used) / ((n - 1) * (n - 2)), used == n


def _expected_correlation(means: list[np.ndarray]) -> float:
    """How well an average of batch means is expected to correlate with the exact values."""
    batches = np.vstack(means)
    estimate = batches.mean(axis=0)
    noise = (batches.var(axis=0, ddof=1) / len(means)).mean()
    signal = estimate.var() - noise
    if signal <= 0:
        return 0.0
    return float(np.sqrt(signal / (signal + noise)))


def closeness(A: sp.csr_matrix, *, samples: int | None = None, seed: int = 42) -> tuple[np.ndarray, bool]:
    """Closeness by incoming distance (Wasserman-Faust), as ``networkx.closeness_centrality(G)``.

    ``C(u) = (r/(n-1)) * (r / sum of d(v, u))`` over the r people v who can reach u along the
    arrows: how few steps u's word needs to travel back to those who (indirectly) listen to u.
    Estimated from :data:`SAMPLES` starting people on big maps (or ``samples``).
    """
    n = A.shape[0]
    if n < 2:
        return np.zeros(n), True
    sources = _sources(n, samples, seed)
    if len(sources) == n and n > EXACT_LIMIT and samples is None:
        sources = sources[:SAMPLES]
    exact = len(sources) == n
    _, reached, distance_sum = brandes(A, sources, dependencies=False,
                                       dtype=np.float64 if exact else np.float32)
    if exact:
        others = np.full(n, n - 1.0)
    else:
        others = len(sources) - np.isin(np.arange(n), sources).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        values = np.where(distance_sum > 0, (reached / others) * (reached / distance_sum), 0.0)
    return np.nan_to_num(values), exact


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
