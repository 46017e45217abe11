"""Placing names next to their points so that none overlaps another name or a point (pixels).

Shared by the influence map and the power/interest grid.
"""

from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np

Box = tuple[float, float, float, float]

#: where a label is tried around its point, in order: right, left, above, below, then the diagonals
SIDE_FIRST = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1))
#: the same, above first (a name centred over its person, as on the influence map)
ABOVE_FIRST = ((0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1))
GAPS = (4, 10, 18, 28, 40, 55, 75, 100)


def place_labels(points: Mapping[str, tuple[float, float]], sizes: Mapping[str, tuple[float, float]],
                 order: Sequence[str], *, area: Box, marker: float | Mapping[str, float] = 5.0,
                 gaps: Sequence[float] = GAPS, directions: Sequence[tuple[int, int]] = SIDE_FIRST,
                 force: Sequence[str] = ()) -> dict[str, Box | None]:
    """Place each label near its point without overlapping other labels or points (pixels).

    A simple, deterministic repel scheme: labels are placed one by one in ``order``; for each,
    candidate boxes are tried in ``directions`` around the point (right, left, above, below and
    the diagonals by default), at growing distances ``gaps`` from the edge of its marker; the
    first box inside ``area`` that touches no placed label and no point is taken. A label with
    no free box gets None (the caller lists it), unless it is in ``force``: then it takes its
    first candidate that fits inside ``area`` (it may touch another label, but it is shown).

    Parameters
    ----------
    points
        Name -> (x, y) in pixels.
    sizes
        Name -> (width, height) of the label in pixels.
    order
        Who is placed first (the most important people get the best places).
    area
        (x0, y0, x1, y1): labels must fit inside it.
    marker
        Half the size of a point's marker in pixels: one for all, or name -> its own.
    gaps, directions
        Distances (pixels) and directions tried, in order.
    force
        Names that must get a box.

    Returns
    -------
    dict
        Name -> (x0, y0, x1, y1) box in pixels, or None.

    Examples
    --------
    >>> boxes = place_labels({"a": (50.0, 50.0)}, {"a": (20.0, 10.0)}, ["a"], area=(0, 0, 100, 100))
    >>> boxes["a"]
    (59.0, 45.0, 79.0, 55.0)
    """
    names = list(points)
    radius = {n: float(marker[n] if isinstance(marker, Mapping) else marker) for n in names}
    centres = np.array([points[n] for n in names], dtype=float).reshape(-1, 2)
    radii = np.array([radius[n] for n in names], dtype=float)
    dots = np.column_stack([centres - radii[:, None], centres + radii[:, None]]).reshape(-1, 4)
    placed: list[Box] = []
    out: dict[str, Box | None] = {}
    forced = set(force)
    for name in order:
        px, py = points[name]
        w, h = sizes[name]
        r = radius[name]
        boxes = []
        for gap in gaps:
            for dx, dy in directions:
                x0 = px + r + gap if dx > 0 else px - r - gap - w if dx < 0 else px - w / 2
                y0 = py + r + gap if dy > 0 else py - r - gap - h if dy < 0 else py - h / 2
                boxes.append((x0, y0, x0 + w, y0 + h))
        cand = np.array(boxes)
        inside = ((cand[:, 0] >= area[0]) & (cand[:, 1] >= area[1]) & (cand[:, 2] <= area[2])
                  & (cand[:, 3] <= area[3]))
        # only the points near enough to touch a candidate (keeps a map of thousands quick)
        reach = r + max(gaps) + max(w, h)
        near = dots[(np.abs(centres[:, 0] - px) < reach + radii) & (np.abs(centres[:, 1] - py) < reach + radii)]
        others = np.vstack([near, np.array(placed, dtype=float).reshape(-1, 4)])
        hits = ((cand[:, None, 0] < others[None, :, 2]) & (cand[:, None, 2] > others[None, :, 0])
                & (cand[:, None, 1] < others[None, :, 3]) & (cand[:, None, 3] > others[None, :, 1]))
        free = np.flatnonzero(inside & ~hits.any(axis=1))
        if free.size:
            chosen = free[0]
        elif name in forced:
            fits = np.flatnonzero(inside)
            chosen = int(fits[0]) if fits.size else None
            if chosen is None:  # too big for the area: the first candidate, pushed inside
                x0 = min(max(cand[0, 0], area[0]), area[2] - w)
                y0 = min(max(cand[0, 1], area[1]), area[3] - h)
                cand = np.array([(x0, y0, x0 + w, y0 + h)])
                chosen = 0
        else:
            out[name] = None
            continue
        box = tuple(float(v) for v in cand[chosen])
        placed.append(box)  # type: ignore[arg-type]
        out[name] = box  # type: ignore[assignment]
    return out


def boxes_overlap(a: Sequence[float], b: Sequence[float]) -> bool:
    """True when two (x0, y0, x1, y1) boxes share some area."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
