"""The one label placer (qi_kit.plots._labels): the same boxes as checking every box, in less time."""

import random

import pytest

from qi_kit.plots._labels import ABOVE_FIRST, GAPS, SIDE_FIRST, boxes_overlap, place_labels


def every_box_placer(points, sizes, order, *, area, marker=5.0, gaps=GAPS, directions=SIDE_FIRST, force=()):
    """The rule written plainly: each candidate in turn against every marker and every placed label."""
    radius = {n: float(marker[n] if isinstance(marker, dict) else marker) for n in points}
    taken = [(x - radius[n], y - radius[n], x + radius[n], y + radius[n]) for n, (x, y) in points.items()]
    out = {}
    for name in order:
        (px, py), (w, h), r = points[name], sizes[name], radius[name]
        candidates = []
        for gap in gaps:
            for dx, dy in directions:
                x0 = px + r + gap if dx > 0 else px - r - gap - w if dx < 0 else px - w / 2
                y0 = py + r + gap if dy > 0 else py - r - gap - h if dy < 0 else py - h / 2
                candidates.append((x0, y0, x0 + w, y0 + h))
        fits = [c for c in candidates if c[0] >= area[0] and c[1] >= area[1] and c[2] <= area[2] and c[3] <= area[3]]
        free = [c for c in fits if not any(boxes_overlap(c, t) for t in taken)]
        if free:
            box = free[0]
        elif name in force and fits:
            box = fits[0]
        elif name in force:
            x0 = min(max(candidates[0][0], area[0]), area[2] - w)
            y0 = min(max(candidates[0][1], area[1]), area[3] - h)
            box = (x0, y0, x0 + w, y0 + h)
        else:
            out[name] = None
            continue
        taken.append(box)
        out[name] = tuple(float(v) for v in box)
    return out


@pytest.mark.parametrize("seed", range(40))
def test_the_placer_gives_the_boxes_of_checking_every_box(seed):
    rng = random.Random(seed)
    n = rng.randint(1, 80)
    width, height = rng.choice([(200, 150), (600, 400), (1000, 700)])
    points = {f"p{i}": (rng.uniform(-20, width), rng.uniform(-20, height)) for i in range(n)}
    if seed % 3 == 0:  # people on the same ratings, stacked on a lattice as on the grid
        points = {k: (round(x / 50) * 50.0, round(y / 50) * 50.0) for k, (x, y) in points.items()}
    sizes = {k: (rng.uniform(10, 160), rng.uniform(8, 20)) for k in points}
    order = list(points)
    rng.shuffle(order)
    marker = 5.0 if seed % 2 else {k: rng.uniform(1, 14) for k in points}
    options = dict(area=(rng.uniform(0, 30), rng.uniform(0, 30), width, height), marker=marker,
                   directions=ABOVE_FIRST if seed % 4 == 1 else SIDE_FIRST,
                   force=rng.sample(order, k=min(n, rng.randint(0, 4))))
    assert place_labels(points, sizes, order, **options) == every_box_placer(points, sizes, order, **options)


def test_labels_far_apart_all_get_their_first_place():
    points = {f"p{i}": (1000.0 * i, 0.0) for i in range(50)}
    boxes = place_labels(points, {k: (40.0, 10.0) for k in points}, list(points), area=(-100, -100, 60000, 100))
    assert all(boxes[f"p{i}"] == (1000.0 * i + 9.0, -5.0, 1000.0 * i + 49.0, 5.0) for i in range(50))


def test_a_label_too_big_for_the_area_is_none_or_forced_inside():
    assert place_labels({"a": (5.0, 5.0)}, {"a": (50.0, 10.0)}, ["a"], area=(0, 0, 10, 10)) == {"a": None}
    assert place_labels({"a": (5.0, 5.0)}, {"a": (50.0, 10.0)}, ["a"], area=(0, 0, 10, 10),
                        force=["a"]) == {"a": (-40.0, 0.0, 10.0, 10.0)}
