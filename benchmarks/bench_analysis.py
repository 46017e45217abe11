"""Benchmark of the influence analysis (issue 3). Run from the repository root:

    .venv/bin/python benchmarks/bench_analysis.py          # full run (about 2 minutes)
    .venv/bin/python benchmarks/bench_analysis.py --quick  # fewer repeats, no 10,000-person exact check

Prints medians of several runs (noisy machines: read the ratios, not the milliseconds):

1. the full report (table, informal leaders, brokers, clusters, one path query, ...) on a
   60-person synthetic map (target: <= 100 ms), and drawing that map (build / build + PNG);
2. the influence table and informal leaders on a synthetic 10,000-person organisation with
   ~100,000 ties (target: <= 10 s), with betweenness estimated from sampled starting people;
3. the error of that sampled betweenness against the exact value on a 2,000-person map;
4. python-igraph's time for the same measures on the same graphs, as a ratio from one run
   (igraph is only a benchmark extra: ``pip install python-igraph``; skipped when missing).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

import qi_kit  # noqa: E402
from qi_kit.analysis import _graph  # noqa: E402
from qi_kit.analysis.influence import _compute, informal_leaders  # noqa: E402
from qi_kit.synthetic import synthetic_map  # noqa: E402

LISTENING = ["advice", "trust"]


def median_time(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def igraph_graph(G):
    try:
        import igraph as ig
    except ImportError:
        return None
    index = {p: i for i, p in enumerate(G.nodes)}
    g = ig.Graph(n=len(index), edges=[(index[s], index[t]) for s, t in G.edges], directed=True)
    g.es["strength"] = [d["strength"] for _, _, d in G.edges(data=True)]
    return g


def igraph_table(g) -> None:
    """The same measures as the kit's table, in igraph (for the ratio only)."""
    g.indegree()
    g.pagerank(weights="strength")
    g.as_undirected().betweenness()
    g.closeness(mode="in")
    g.constraint(weights="strength")
    g.neighborhood_size(order=2, mode="in")
    g.as_undirected(combine_edges="sum").community_multilevel(weights="strength")


def main(quick: bool = False) -> None:
    repeats = 5 if quick else 21
    print("Influence analysis benchmark (median of", repeats, "runs; igraph: one run)\n")

    small = synthetic_map(60)
    champion = small.people.sort_values("authority").iloc[-1]["name"]
    target = small.people.iloc[-1]["name"]
    report = lambda: qi_kit.report(small, source=champion, target=target)  # noqa: E731
    report()
    t_report = median_time(report, repeats)
    print(f"60 people, {len(small.ties)} ties: full report {t_report * 1000:.1f} ms (target <= 100 ms)")

    from qi_kit.plots.network import map_picture, positions

    pos = positions(small)
    t_pos = median_time(lambda: positions(small), max(3, repeats // 4))
    t_draw = median_time(lambda: map_picture(small, positions=pos), repeats)
    t_png = median_time(lambda: map_picture(small, positions=pos).png(), max(3, repeats // 2))
    print(f"60 people: positions {t_pos * 1000:.0f} ms (once); map picture {t_draw * 1000:.0f} ms to build, "
          f"{t_png * 1000:.0f} ms with the PNG rendered")
    t_sim = median_time(lambda: qi_kit.compare_strategies(small), max(3, repeats // 4))
    print(f"60 people: compare_strategies (4 strategies x 200 runs x 10 rounds) {t_sim * 1000:.0f} ms")

    G60 = small.graph(LISTENING)
    g60 = igraph_graph(G60)
    if g60 is not None:
        t_ours = median_time(lambda: _compute(G60), repeats)
        start = time.perf_counter()
        igraph_table(g60)
        t_ig = time.perf_counter() - start
        print(f"60 people: influence table {t_ours * 1000:.1f} ms; igraph same measures {t_ig * 1000:.2f} ms "
              f"(ratio {t_ours / t_ig:.0f}x)")

    print()
    start = time.perf_counter()
    big = synthetic_map(10_000, ties_per_person=14)
    t_build = time.perf_counter() - start
    G = big.graph(LISTENING)
    print(f"10,000 people, {G.number_of_edges()} advice or trust ties (map built in {t_build:.1f} s)")
    start = time.perf_counter()
    table = _compute(G)
    leaders = informal_leaders(big, kind=LISTENING, table=table)
    t_big = time.perf_counter() - start
    print(f"10,000 people: influence table + informal leaders {t_big:.1f} s (target <= 10 s; "
          f"betweenness and closeness from {_graph.SAMPLES} sampled people; {len(leaders)} informal leaders)")
    g = igraph_graph(G)
    if g is not None:
        start = time.perf_counter()
        igraph_table(g)
        t_ig = time.perf_counter() - start
        print(f"10,000 people: igraph same measures (exact betweenness) {t_ig:.1f} s (ratio {t_big / t_ig:.1f}x)")
    else:
        print("python-igraph is not installed: the igraph comparison was skipped (pip install python-igraph).")

    print()
    mid = synthetic_map(2000, ties_per_person=12)
    A = _graph.matrices(mid.graph(LISTENING)).A
    start = time.perf_counter()
    exact, _ = _graph.betweenness(A)
    t_exact = time.perf_counter() - start
    errors = []
    for seed in range(3 if quick else 5):
        estimate, _ = _graph.betweenness(A, samples=_graph.SAMPLES // 2, seed=seed)
        top = exact.max()
        errors.append((np.abs(estimate - exact).max() / top, np.corrcoef(estimate, exact)[0, 1],
                       len(set(np.argsort(-exact)[:10]) & set(np.argsort(-estimate)[:10]))))
    worst = max(e[0] for e in errors)
    corr = min(e[1] for e in errors)
    overlap = min(e[2] for e in errors)
    print(f"2,000 people: exact betweenness {t_exact:.2f} s; estimated from {_graph.SAMPLES // 2} sampled starting "
          "people: "
          f"largest error {worst:.1%} of the top value, correlation >= {corr:.3f}, top-10 overlap >= {overlap}/10 "
          f"over {len(errors)} seeds")


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
