"""Benchmark of the one label placer (qi_kit.plots._labels.place_labels). Run from the top of the kit:

    .venv/bin/python benchmarks/bench_labels.py           # about half a minute
    .venv/bin/python benchmarks/bench_labels.py --quick   # fewer sizes

Prints medians (noisy machines: read the ratios to the reference measured in the same run):

1. 500 to 4,000 labels scattered over a picture that has room for them (as on a large influence
   map): the kit's placer, which checks each label only against the boxes filed in the grid cells
   near it, against the reference that checks every candidate against every box placed so far
   (the placer before issue 15); both give the same boxes, checked here too;
2. the power/interest grid of a 2,000-person synthetic map: the time ``grid_picture`` spends
   placing its labels (crowded: few fit), against the same reference.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from qi_kit.plots import _labels  # noqa: E402
from qi_kit.plots._labels import GAPS, SIDE_FIRST, place_labels  # noqa: E402


def every_box(points, sizes, order, *, area, marker=5.0, gaps=GAPS, directions=SIDE_FIRST, force=()):
    """The reference: every candidate of every label against every marker and every placed label."""
    names = list(points)
    radius = {n: float(marker[n] if isinstance(marker, dict) else marker) for n in names}
    centres = np.array([points[n] for n in names], dtype=float).reshape(-1, 2)
    radii = np.array([radius[n] for n in names], dtype=float)
    dots = np.column_stack([centres - radii[:, None], centres + radii[:, None]]).reshape(-1, 4)
    placed, out = [], {}
    for name in order:
        (px, py), (w, h), r = points[name], sizes[name], radius[name]
        boxes = []
        for gap in gaps:
            for dx, dy in directions:
                x0 = px + r + gap if dx > 0 else px - r - gap - w if dx < 0 else px - w / 2
                y0 = py + r + gap if dy > 0 else py - r - gap - h if dy < 0 else py - h / 2
                boxes.append((x0, y0, x0 + w, y0 + h))
        cand = np.array(boxes)
        inside = (cand[:, 0] >= area[0]) & (cand[:, 1] >= area[1]) & (cand[:, 2] <= area[2]) & (cand[:, 3] <= area[3])
        others = np.vstack([dots, np.array(placed, dtype=float).reshape(-1, 4)])
        hits = ((cand[:, None, 0] < others[None, :, 2]) & (cand[:, None, 2] > others[None, :, 0])
                & (cand[:, None, 1] < others[None, :, 3]) & (cand[:, None, 3] > others[None, :, 1]))
        free = np.flatnonzero(inside & ~hits.any(axis=1))
        if name in force and not free.size:
            free = np.flatnonzero(inside)
        if not free.size:
            out[name] = None
            continue
        box = tuple(float(v) for v in cand[free[0]])
        placed.append(box)
        out[name] = box
    return out


def median_time(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(quick: bool = False) -> None:
    rng = random.Random(15)
    print("1. labels scattered with room for them (each doubling should double the kit's time):")
    previous = None
    for n in (500, 1000, 2000) if quick else (500, 1000, 2000, 4000):
        side = 60 * n ** 0.5
        points = {f"p{i}": (rng.uniform(0, side), rng.uniform(0, side)) for i in range(n)}
        sizes = {k: (rng.uniform(40, 110), 12.0) for k in points}
        order = list(points)
        kit = median_time(lambda: place_labels(points, sizes, order, area=(0, 0, side, side)), 3)
        ref = median_time(lambda: every_box(points, sizes, order, area=(0, 0, side, side)), 1)
        same = place_labels(points, sizes, order, area=(0, 0, side, side)) == \
            every_box(points, sizes, order, area=(0, 0, side, side))
        growth = f", x{kit / previous:.1f} for twice the labels" if previous else ""
        print(f"   {n:>5} labels: the kit {kit:6.2f} s{growth}; checking every box {ref:6.2f} s "
              f"({ref / kit:.1f}x the kit); same boxes: {same}")
        previous = kit

    from qi_kit.plots import engagement
    from qi_kit.synthetic import synthetic_map

    calls = []
    engagement.place_labels = lambda *a, **k: calls.append((a, k)) or _labels.place_labels(*a, **k)
    engagement.grid_picture(synthetic_map(2000, ties_per_person=3))
    engagement.place_labels = _labels.place_labels
    kit = sum(median_time(lambda: place_labels(*a, **k), 3) for a, k in calls)
    ref = sum(median_time(lambda: every_box(*a, **k), 1) for a, k in calls)
    print(f"2. the grid picture of 2,000 people ({len(calls)} placements): the kit {kit:.2f} s, checking every box "
          f"{ref:.2f} s ({ref / kit:.1f}x the kit)")


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
