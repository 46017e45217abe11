"""Placing names next to their points so that none overlaps another name or a point (pixels).

The one label placer of the kit, shared by the influence map and the power/interest grid.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Mapping, Sequence

import numpy as np

Box = tuple[float, float, float, float]

#: where a label is tried around its point, in order: right, left, above, below, then the diagonals
SIDE_FIRST = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1))
#: the same, above first (a name centred over its person, as on the influence map)
ABOVE_FIRST = ((0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1))
GAPS = (4, 10, 18, 28, 40, 55, 75, 100)
#: side of the square cells (pixels) in which placed boxes are filed, so that each label is checked
#: only against the boxes near it: placing n labels takes time in proportion to n, not n squared
CELL = 48.0


class _Buckets:
    """Boxes filed by the grid cells they cover: the boxes near a region without looking at all."""

    def __init__(self, cell: float = CELL):
        self.cell = cell
        self.boxes: list[Box] = []
        self.cells: dict[tuple[int, int], list[int]] = defaultdict(list)
        self.anywhere: list[int] = []  # boxes without finite corners: checked every time

    def _span(self, box: Sequence[float]) -> tuple[range, range] | None:
        if not all(math.isfinite(v) for v in box):
            return None
        c = self.cell
        return (range(math.floor(box[0] / c), math.floor(box[2] / c) + 1),
                range(math.floor(box[1] / c), math.floor(box[3] / c) + 1))

    def add(self, box: Box) -> None:
        index = len(self.boxes)
        self.boxes.append(box)
        span = self._span(box)
        if span is None:
            self.anywhere.append(index)
            return
        for ix in span[0]:
            for iy in span[1]:
                self.cells[ix, iy].append(index)

    def near(self, region: Sequence[float]) -> np.ndarray:
        """Every filed box that could share area with ``region`` (x0, y0, x1, y1), as rows."""
        span = self._span(region)
        if span is None:
            found = set(range(len(self.boxes)))
        else:
            found = set(self.anywhere)
            for ix in span[0]:
                for iy in span[1]:
                    found.update(self.cells.get((ix, iy), ()))
        return np.array([self.boxes[i] for i in sorted(found)], dtype=float).reshape(-1, 4)


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

    Each label is checked only against the markers and labels filed in the grid cells its
    candidates cover (:data:`CELL` pixels square), so the time grows with the number of labels,
    not its square, and the boxes are exactly those a check against every box would give.

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
    radius = {n: float(marker[n] if isinstance(marker, Mapping) else marker) for n in points}
    taken = _Buckets()  # the points' markers, then each label as it is placed
    for n, (x, y) in points.items():
        taken.add((x - radius[n], y - radius[n], x + radius[n], y + radius[n]))
    out: dict[str, Box | None] = {}
    forced = set(force)
    # the candidates, gap by gap and each gap in every direction: (gap, dx, dy) per candidate
    gap_of = np.repeat(np.asarray(gaps, dtype=float), len(directions))
    dxs = np.tile(np.array([d[0] for d in directions]), len(gaps))
    dys = np.tile(np.array([d[1] for d in directions]), len(gaps))
    for name in order:
        px, py = points[name]
        w, h = sizes[name]
        r = radius[name]
        x0 = np.where(dxs > 0, px + r + gap_of, np.where(dxs < 0, px - r - gap_of - w, px - w / 2))
        y0 = np.where(dys > 0, py + r + gap_of, np.where(dys < 0, py - r - gap_of - h, py - h / 2))
        cand = np.column_stack([x0, y0, x0 + w, y0 + h])
        inside = ((cand[:, 0] >= area[0]) & (cand[:, 1] >= area[1]) & (cand[:, 2] <= area[2])
                  & (cand[:, 3] <= area[3]))
        if not inside.any() and name not in forced:  # no room inside the area at all
            out[name] = None
            continue
        # only the markers and labels near enough to touch a candidate
        others = taken.near((cand[:, 0].min(), cand[:, 1].min(), cand[:, 2].max(), cand[:, 3].max()))
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
        taken.add(box)  # type: ignore[arg-type]
        out[name] = box  # type: ignore[assignment]
    return out


def boxes_overlap(a: Sequence[float], b: Sequence[float]) -> bool:
    """True when two (x0, y0, x1, y1) boxes share some area."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
