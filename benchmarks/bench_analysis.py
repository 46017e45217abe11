"""Benchmark of the influence analysis (issues 3 and 11). Run from the repository root:

    .venv/bin/python benchmarks/bench_analysis.py              # full run (about 4 minutes)
    .venv/bin/python benchmarks/bench_analysis.py --quick      # fewer repeats, the flat map only
    .venv/bin/python benchmarks/bench_analysis.py --clock cpu  # time by CPU used, not the wall clock

On a machine shared with other work, ``--clock cpu`` measures the CPU time this process used
(``time.process_time``): the work here is single-threaded, so that is close to the wall time on
an idle machine, and it does not grow when other programs take turns on the cores.

Prints medians of several runs (noisy machines: read the ratios, not the milliseconds):

1. the full report (every table, one path query) on a 60-person synthetic map (target: median
   <= 100 ms), drawing that map, and compare_strategies;
2. the four calls of an organisation-scale analysis, ``influence_table`` + ``informal_leaders``
   + ``brokers`` + ``clusters``, on a seeded 10,000-person / 100,000-tie random map (target:
   <= 10 s on 2 cores), next to python-igraph's exact betweenness + PageRank + multilevel
   (Louvain) on the same graph in the same run, and the same four calls on a structured
   10,000-person synthetic organisation;
3. the accuracy of the sampled betweenness those calls use, against the exact values (igraph's,
   or the kit's own exact run without igraph), on the flat random map and on the structured one.

igraph is only a benchmark extra (``pip install python-igraph``); without it the comparison is
skipped and the accuracy uses the kit's own exact betweenness (slower).
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
from qi_kit.analysis.influence import _compute  # noqa: E402
from qi_kit.synthetic import random_map, synthetic_map  # noqa: E402

LISTENING = ["advice", "trust"]
PEOPLE, TIES = 10_000, 100_000
clock = time.perf_counter


def median_time(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = clock()
        fn()
        times.append(clock() - start)
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


def igraph_reference(g) -> tuple[float, np.ndarray]:
    """igraph's exact betweenness (direction ignored), PageRank and multilevel: time and betweenness."""
    start = clock()
    undirected = g.as_undirected()
    between = np.asarray(undirected.betweenness(directed=False))
    g.pagerank(weights="strength")
    g.as_undirected(combine_edges="sum").community_multilevel(weights="strength")
    return clock() - start, between


def four_calls(m, kind) -> tuple[float, dict]:
    """influence_table + informal_leaders + brokers + clusters, as a notebook would call them."""
    start = clock()
    table = qi_kit.influence_table(m, kind=kind)
    leaders = qi_kit.informal_leaders(m, kind=kind, table=table)
    bridges = qi_kit.brokers(m, kind=kind, table=table)
    groups = qi_kit.clusters(m, kind=kind)
    elapsed = clock() - start
    return elapsed, {"table": table, "leaders": leaders, "brokers": bridges, "clusters": groups}


def accuracy(name: str, m, kind, reference: np.ndarray | None, seeds: int) -> None:
    """How close the sampled betweenness (as the four calls compute it) is to the exact values."""
    A = _graph.matrices(m.graph(kind)).A
    n = A.shape[0]
    if reference is None:
        start = clock()
        exact, _ = _graph.betweenness(A, samples=n)
        print(f"  (kit's exact betweenness on {name}: {clock() - start:.1f} s)")
    else:  # igraph counts each unordered pair once; the kit normalises as networkx does
        exact = reference * 2 / ((n - 1) * (n - 2))
    rows = []
    for seed in range(seeds):
        info: dict = {}
        estimate, _ = _graph.betweenness(A, seed=seed, info=info)
        top = exact.max()
        rows.append((info["sources"], info["expected_correlation"], np.corrcoef(estimate, exact)[0, 1],
                     np.abs(estimate - exact).max() / top,
                     len(set(np.argsort(-exact)[:10]) & set(np.argsort(-estimate)[:10]))))
    fixed, _ = _graph.betweenness(A, samples=_graph.SAMPLES, seed=0)
    print(f"{name}: sampled betweenness from {min(r[0] for r in rows)}-{max(r[0] for r in rows)} starting people "
          f"(expected correlation >= {min(r[1] for r in rows):.3f}): correlation with the exact values "
          f">= {min(r[2] for r in rows):.3f}, largest error {max(r[3] for r in rows):.1%} of the top value, "
          f"top-10 overlap >= {min(r[4] for r in rows)}/10 over {seeds} seeds; a fixed {_graph.SAMPLES} people "
          f"would give correlation {np.corrcoef(fixed, exact)[0, 1]:.3f}")


def main(quick: bool = False) -> None:
    repeats = 5 if quick else 21
    print("Influence analysis benchmark (median of", repeats, "runs; 10,000 people and igraph: one run; clock:",
          "CPU time of this process)\n" if clock is time.process_time else "wall time)\n")

    small = synthetic_map(60)
    champion = small.people.sort_values("authority").iloc[-1]["name"]
    target = small.people.iloc[-1]["name"]
    qi_kit.report(small, source=champion, target=target)
    # a new map object each time, so nothing computed for the previous run is reused
    fresh = [synthetic_map(60) for _ in range(repeats)]
    times = []
    for m in fresh:
        start = clock()
        qi_kit.report(m, source=champion, target=target)
        times.append(clock() - start)
    print(f"60 people, {len(small.ties)} ties: full report {statistics.median(times) * 1000:.1f} ms median "
          f"(target <= 100 ms; every table: leaders, methods, brokers, key players, reach, clusters, quiet voices, "
          f"coverage, one path query)")

    from qi_kit.plots.network import map_picture, positions

    pos = positions(small)
    t_draw = median_time(lambda: map_picture(small, positions=pos).png(), max(3, repeats // 2))
    print(f"60 people: map picture built and rendered to PNG {t_draw * 1000:.0f} ms")
    t_sim = median_time(lambda: qi_kit.compare_strategies(small), max(3, repeats // 4))
    print(f"60 people: compare_strategies (4 strategies x 200 runs x 10 rounds) {t_sim * 1000:.0f} ms")

    G60 = small.graph(LISTENING)
    g60 = igraph_graph(G60)
    if g60 is not None:
        t_ours = median_time(lambda: _compute(G60), repeats)
        t_ig = median_time(lambda: igraph_reference(g60), repeats)
        print(f"60 people: influence table {t_ours * 1000:.1f} ms; igraph betweenness + PageRank + multilevel "
              f"{t_ig * 1000:.2f} ms (ratio {t_ours / t_ig:.0f}x)")

    print()
    flat = random_map(PEOPLE, TIES, seed=42)
    t_four, found = four_calls(flat, "advice")
    table = found["table"]
    print(f"{PEOPLE:,} people, {TIES:,} random advice ties (no structure): influence_table + informal_leaders + "
          f"brokers + clusters {t_four:.1f} s (target <= 10 s; betweenness from {table.attrs['betweenness_sources']} "
          f"sampled people; {len(found['leaders'])} informal leaders = "
          f"{len(found['leaders']) / PEOPLE:.1%}; {len(found['clusters'].drop(index=0, errors='ignore'))} cluster(s))")
    g = igraph_graph(flat.graph("advice"))
    reference = None
    if g is not None:
        t_ig, reference = igraph_reference(g)
        print(f"{PEOPLE:,} people: igraph exact betweenness + PageRank + multilevel on the same graph {t_ig:.1f} s "
              f"(ratio {t_four / t_ig:.2f}x)")
    else:
        print("python-igraph is not installed: the igraph comparison was skipped (pip install python-igraph).")
    accuracy("flat random map", flat, "advice", reference, seeds=2 if quick else 3)

    if quick:
        return
    print()
    structured = synthetic_map(PEOPLE, ties_per_person=14)
    G = structured.graph(LISTENING)
    t_four, found = four_calls(structured, LISTENING)
    print(f"{PEOPLE:,} people, {G.number_of_edges():,} advice or trust ties (structured: wards and divisions): the four "
          f"calls {t_four:.1f} s (betweenness from {found['table'].attrs['betweenness_sources']} sampled people; "
          f"{len(found['leaders'])} informal leaders, {len(found['brokers'])} brokers, "
          f"{len(found['clusters'].drop(index=0, errors='ignore'))} clusters)")
    g = igraph_graph(G)
    reference = None
    if g is not None:
        t_ig, reference = igraph_reference(g)
        print(f"{PEOPLE:,} people (structured): igraph exact betweenness + PageRank + multilevel {t_ig:.1f} s "
              f"(ratio {t_four / t_ig:.2f}x)")
    accuracy("structured map", structured, LISTENING, reference, seeds=3)


if __name__ == "__main__":
    if "--clock" in sys.argv and sys.argv[sys.argv.index("--clock") + 1:][:1] == ["cpu"]:
        clock = time.process_time
    main(quick="--quick" in sys.argv)
