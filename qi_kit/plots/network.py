"""Pictures of the influence map and of the spread simulations.

Fast enough to redraw on every click: positions are computed once (:func:`positions`) and passed
back in; nodes, ties and arrowheads are drawn as a few collections, not one artist per tie;
names are pasted from bitmaps rendered once per name; and :class:`LiveMap` (which
:func:`map_picture` also uses) keeps everything but the rings, the route and the chosen person as
a rendered background, so a widget's click redraws only those.

Made to be read by a room: names are placed next to their people without overlapping each other
or anyone's circle (every name on a map of up to :data:`ALL_NAMES_UP_TO` people), never past the
picture's edge; titles and legend words wrap between words; all text is at least 8 points.
Colours are Okabe-Ito (colour-blind safe) and never the only signal: informal leaders are ringed,
brokers framed in a dashed diamond and quiet voices in a dotted ring (:data:`MARK_STYLES`), the
chosen route is a thick purple line with arrowheads, the legend names every colour and mark, and
every picture comes with a text alternative.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Sequence

import numpy as np
import networkx as nx
from matplotlib.artist import Artist

from ..analysis.graph import LISTENING, chosen_graph, kinds_of, matrices
from ..analysis.influence import graph_influence_table, informal_leaders, pagerank, pull
from ..errors import MapError, Problem
from ..glossary import kinds_words
from ..model import StakeholderMap
from ..text import names_list, plural
from ._labels import ABOVE_FIRST, place_labels
from ._style import (DPI, PALETTE, PICTURE_WIDTH, ROLE_COLOURS, Layers, Picture, TextBox, colour_cycle,
                     new_figure, text_extent, text_width, wrap_to_width)

#: Above this many people, positions come from a fast arrangement by unit instead of a spring layout.
SPRING_LIMIT = 500
STANCE_COLOURS: dict[int, str] = {-2: PALETTE["vermillion"], -1: PALETTE["orange"], 0: PALETTE["grey"],
                                  1: PALETTE["sky"], 2: PALETTE["blue"]}
STANCE_WORDS: dict[int, str] = {-2: "opposes", -1: "doubtful", 0: "neutral", 1: "leaning in favour", 2: "champions"}
ROUTE = PALETTE["purple"]  # not a role colour, so the route never blends into a person
#: on maps of up to this many people every name is shown (moved aside, with a leader line, if need be)
ALL_NAMES_UP_TO = 15
#: how each kind of marked person is drawn: its own shape and line, so marks never depend on colour
#: and a person who is both an informal leader and a broker shows both (``words``: for the alt text)
MARK_STYLES: dict[str, dict[str, Any]] = {
    "informal leader": {"marker": "o", "linestyle": "solid", "linewidth": 2.2, "scale": 1.9, "pad": 80,
                        "words": "Ringed"},
    "broker": {"marker": "D", "linestyle": (0, (3, 1.5)), "linewidth": 1.6, "scale": 3.2, "pad": 170,
               "words": "In a dashed diamond"},
    "quiet voice": {"marker": "o", "linestyle": (0, (1, 1.2)), "linewidth": 2.2, "scale": 1.9, "pad": 80,
                    "words": "In a dotted ring"},
    "marked": {"marker": "o", "linestyle": "solid", "linewidth": 2.0, "scale": 1.9, "pad": 80, "words": "Ringed"},
}
TITLE_SIZE = 10
LEGEND_SIZE = 8
_HANDLE_PX = 46  # a legend's marker, the gap after it and its padding (pixels)
_COLUMN_PX = (120, 210)  # the legend column's narrowest and widest (pixels)


def positions(m: StakeholderMap, *, kind: str | Iterable[str] | None = None, seed: int = 42) -> dict[str, tuple[float, float]]:
    """Stable positions for every person, in [0, 1] x [0, 1], the same for the same map and seed.

    Parameters
    ----------
    m
        The stakeholder map.
    kind
        The ties that pull people together (default: every tie, so positions stay put while a
        widget switches between kinds).
    seed
        Fixes the layout.

    Notes
    -----
    People with ties: networkx's spring layout (Fruchterman-Reingold, weighted by strength) up to
    500 people; above that, a fast arrangement of units around a circle (a spring layout of
    10,000 people takes minutes). People with no ties of these kinds sit in a row at the bottom.
    """
    G = m.graph() if kind is None else chosen_graph(m, kind)
    H = nx.Graph()
    H.add_nodes_from(G.nodes)
    for s, t, d in G.edges(data=True):
        w = d.get("strength", 1)
        if H.has_edge(s, t):
            H[s][t]["strength"] = max(H[s][t]["strength"], w)
        else:
            H.add_edge(s, t, strength=w)
    linked = [p for p in H if H.degree(p)]
    alone = [p for p in H if not H.degree(p)]
    pos: dict[str, tuple[float, float]] = {}
    if linked:
        sub = H.subgraph(linked)
        if len(linked) <= SPRING_LIMIT:
            k = 1.6 / np.sqrt(len(linked))
            raw = nx.spring_layout(sub, seed=seed, weight="strength", k=k, iterations=100)
        else:
            raw = _by_unit(G, linked, seed)
        xy = np.array([raw[p] for p in linked], dtype=float)
        low, high = xy.min(axis=0), xy.max(axis=0)
        span = np.where(high - low > 0, high - low, 1.0)
        xy = (xy - low) / span
        bottom = 0.12 if alone else 0.0
        xy[:, 1] = bottom + xy[:, 1] * (1.0 - bottom)
        if len(linked) == 1:
            xy[:] = 0.5
        pos.update({p: (float(x), float(y)) for p, (x, y) in zip(linked, xy)})
    for i, p in enumerate(alone):
        pos[p] = ((i + 0.5) / len(alone), 0.0)
    return pos


def _by_unit(G: nx.Graph, people: list[str], seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    units: dict[str, list[str]] = {}
    for p in people:
        units.setdefault(G.nodes[p].get("unit") or "", []).append(p)
    raw = {}
    for i, (unit, members) in enumerate(sorted(units.items())):
        angle = 2 * np.pi * i / len(units)
        centre = np.array([np.cos(angle), np.sin(angle)])
        radius = 0.9 * np.pi / max(len(units), 3)
        offsets = rng.normal(scale=radius / 2.5, size=(len(members), 2))
        for p, off in zip(members, offsets):
            raw[p] = centre + off
    return raw


def _colours(table, colour_by: str) -> tuple[list[str], dict[str, str]]:
    if colour_by == "role":
        colours = [ROLE_COLOURS.get(r or "", PALETTE["grey"]) for r in table["role"]]
        legend = {(r or "no role"): ROLE_COLOURS[r] for r in ROLE_COLOURS if (table["role"] == r).any()}
    elif colour_by == "stance":
        colours = [STANCE_COLOURS[int(s)] for s in table["stance"]]
        legend = {f"{s:+d} {STANCE_WORDS[s]}" if s else f"0 {STANCE_WORDS[s]}": STANCE_COLOURS[s]
                  for s in sorted(STANCE_COLOURS) if (table["stance"] == s).any()}
    elif colour_by == "cluster":
        colours = [PALETTE["grey"] if c == 0 else colour_cycle(c - 1) for c in table["cluster"]]
        legend = {}
        for c, name in sorted(set(zip(table["cluster"], table["cluster_name"]))):
            legend[name] = PALETTE["grey"] if c == 0 else colour_cycle(c - 1)
    else:
        raise MapError(Problem("colour_by", f"'{colour_by}' is not a way to colour the map.",
                               "use colour_by='role', 'stance' or 'cluster'."))
    return colours, legend


def _hull(points: np.ndarray, pad: float = 0.035) -> np.ndarray:
    """A padded outline around a few points (convex hull; a circle-ish blob for 1-2 points)."""
    angles = np.linspace(0, 2 * np.pi, 12, endpoint=False)
    ring = np.concatenate([p + pad * np.column_stack([np.cos(angles), np.sin(angles)]) for p in points])
    if len(ring) < 3:
        return ring
    from scipy.spatial import ConvexHull

    return ring[ConvexHull(ring).vertices]


# --------------------------------------------------------------------------- names, drawn from cached bitmaps

LABEL_SIZE = 8
#: names wider than this (pixels) wrap onto a second line between words
NAME_WRAP_PX = 170
_PAD = 2  # pixels around a name's sprite
_SPRITES: dict[tuple, np.ndarray] = {}
_SPRITE_LIMIT = 5000  # names kept (a few KB each); the cache starts afresh beyond it


def _metrics(text: str, prop: Any, dpi: float) -> tuple[list[str], list[tuple[float, float, float]], int, int]:
    """A name's lines, each line's (width, height, descent), and the sprite's size in pixels."""
    lines = text.split("\n")
    sizes = [text_extent(line, prop.get_size_in_points(), prop.get_weight(), dpi) for line in lines]
    width = int(np.ceil(max(w for w, _, _ in sizes))) + 2 * _PAD
    height = sum(int(np.ceil(h)) for _, h, _ in sizes) + 2 * _PAD
    return lines, sizes, width, height


def _sprite(text: str, prop: Any, dpi: float, backed: bool) -> np.ndarray:
    """A name rendered once as a small RGBA image (black text; on white when ``backed``), then reused.

    Matplotlib 3.11 renders text glyph by glyph on every draw (about 1 ms a name); a map redrawn on
    every click shows the same names again and again, so each is rendered once and pasted.
    A name wrapped onto two lines has each line centred. The text is never read as mathematics:
    a name such as ``a$\\x$b`` is drawn as typed.
    """
    key = (text, prop.get_size_in_points(), prop.get_weight(), dpi, backed)
    image = _SPRITES.get(key)
    if image is None:
        from matplotlib.backends.backend_agg import RendererAgg

        lines, sizes, width, height = _metrics(text, prop, dpi)
        renderer = RendererAgg(width, height, dpi)
        gc = renderer.new_gc()
        gc.set_foreground(PALETTE["black"])
        top = _PAD
        for line, (w, h, d) in zip(lines, sizes):
            top += int(np.ceil(h))
            renderer.draw_text(gc, (width - w) / 2, top - d, line, prop, 0, ismath=False)  # y: the baseline, from the top
        gc.restore()
        image = np.asarray(renderer.buffer_rgba()).copy()
        if backed:  # black on opaque white: covers the plain name drawn underneath
            ink = image[:, :, 3:4].astype(np.float32) / 255
            image[:, :, :3] = np.round(255 * (1 - ink)).astype(np.uint8)
            image[:, :, 3] = 255
        if len(_SPRITES) >= _SPRITE_LIMIT:
            _SPRITES.clear()
        _SPRITES[key] = image
    return image


def _prop(bold: bool = False):
    from matplotlib.font_manager import FontProperties

    return FontProperties(size=LABEL_SIZE, weight="bold" if bold else "normal")


def name_size(name: str, *, bold: bool = False) -> tuple[float, float]:
    """The box a name (one line, or lines split by newlines) takes on the map at 100 dpi, in pixels."""
    _, _, width, height = _metrics(name, _prop(bold), DPI)
    return float(width), float(height)


def shown_name(name: str, *, bold: bool = False, width: float = NAME_WRAP_PX) -> str:
    """A name as the map shows it: wrapped between words when wider than ``width`` pixels."""
    return wrap_to_width(name, width, LABEL_SIZE, weight="bold" if bold else "normal")


class _Names(Artist):
    """Names drawn in their boxes: one artist for them all, pasted from cached bitmaps.

    ``corners`` are each box's lower-left corner as fractions of the figure (so the names stay
    in place at any dpi). On a raster canvas (Agg: PNG, the widgets) each name is a cached
    image; on a vector canvas (SVG, PDF) each is real text. Never parsed as mathematics.
    """

    def __init__(self, names: Sequence[str], corners: np.ndarray, *, bold: bool = False, backed: bool = False,
                 zorder: float = 5):
        super().__init__()
        self.names = list(names)
        self.corners = np.asarray(corners, dtype=float).reshape(-1, 2)
        self.prop = _prop(bold)
        self.backed = backed
        self.set_zorder(zorder)
        self._drawn: list[TextBox] = []

    def text_boxes(self) -> list[TextBox]:
        """The names as last drawn, each with its box in pixels (for the legibility checks)."""
        return list(self._drawn)

    def draw(self, renderer: Any) -> None:
        self._drawn = []
        if not self.get_visible() or not self.names:
            return
        from matplotlib.backends.backend_agg import RendererAgg

        bbox = self.figure.bbox
        points = self.corners * [bbox.width, bbox.height]
        size_px = self.prop.get_size_in_points() * renderer.dpi / 72
        gc = renderer.new_gc()
        gc.set_foreground(PALETTE["black"])
        if isinstance(renderer, RendererAgg):
            for name, (x, y) in zip(self.names, points):
                image = _sprite(name, self.prop, renderer.dpi, self.backed)
                x0, y0 = round(x), round(y)
                renderer.draw_image(gc, x0, y0, image[::-1])
                self._drawn.append(TextBox(name, size_px, (x0 + _PAD, y0 + _PAD, x0 + image.shape[1] - _PAD,
                                                           y0 + image.shape[0] - _PAD)))
        else:
            from matplotlib.path import Path
            from matplotlib.transforms import IdentityTransform

            height = renderer.get_canvas_width_height()[1]
            for name, (x, y) in zip(self.names, points):
                lines = name.split("\n")
                sizes = [renderer.get_text_width_height_descent(line, self.prop, ismath=False) for line in lines]
                w, h = max(s[0] for s in sizes), sum(s[1] for s in sizes)
                x, y = x + _PAD, y + _PAD
                if self.backed:  # a white backing, as on the raster picture
                    box = Path([(x - 1, y - 1), (x + w + 1, y - 1), (x + w + 1, y + h + 1), (x - 1, y + h + 1),
                                (x - 1, y - 1)], closed=True)
                    fill = renderer.new_gc()
                    fill.set_linewidth(0)
                    renderer.draw_path(fill, box, IdentityTransform(), (1.0, 1.0, 1.0, 1.0))
                    fill.restore()
                top = y + h
                for line, (lw, lh, ld) in zip(lines, sizes):
                    top -= lh
                    base = top + ld
                    renderer.draw_text(gc, x + (w - lw) / 2, height - base if renderer.flipy() else base, line,
                                       self.prop, 0, ismath=False)
                self._drawn.append(TextBox(name, size_px, (x, y, x + w, y + h)))
        gc.restore()
        self.stale = False


def map_picture(m: StakeholderMap, *, kind: str | Iterable[str] = LISTENING, colour_by: str = "role",
                mark: str | Sequence[str] | None = "informal leaders", path: Sequence[str] | None = None,
                positions: Mapping[str, tuple[float, float]] | None = None, shade_clusters: bool | None = None,
                labels: str = "auto", seed: int = 42, width: float = PICTURE_WIDTH, height: float = 6.0,
                table=None, title: str | None = None, chosen: str | None = None,
                marks: Mapping[str, Sequence[str]] | None = None) -> Picture:
    """The influence map: people sized by pull, coloured by role, stance or cluster.

    Parameters
    ----------
    m
        The stakeholder map.
    kind
        The ties to draw (default advice and trust); arrows point at the person listened to.
    colour_by
        ``"role"`` (default), ``"stance"`` or ``"cluster"``.
    mark
        People to ring in black: ``"informal leaders"`` (default), a list of names, or None.
    marks
        Groups of people to mark, each in its own way (:data:`MARK_STYLES`): for example
        ``{"informal leader": [...], "broker": [...], "quiet voice": [...]}``. Given, it replaces
        ``mark``.
    path
        A route to highlight, as a list of names in the order influence travels (e.g. a row of
        :func:`qi_kit.influence_paths`'s ``people``).
    positions
        Precomputed :func:`positions` (pass them back in to redraw quickly and keep people still).
    shade_clusters
        Shade each cluster's area (default: when colouring by cluster).
    labels
        ``"auto"`` (every name on maps of up to 15 people; on bigger maps as many as fit without
        overlapping, the marked people and the route first, then the most listened-to),
        ``"all"`` or ``"none"``.
    seed, width, height, title
        Layout seed, figure size in inches, and a title (wrapped to the picture's width).
    table
        An influence table already computed for this map and kind (saves recomputing it).
    chosen
        A person to frame in a square (the person a widget is showing), or None.

    Returns
    -------
    Picture
        ``figure``, ``alt`` (the map in words) and ``data`` with ``positions``, ``colours``,
        ``sizes``, ``marked`` (everyone marked), ``marks`` (label -> people), ``path``,
        ``labelled``, ``label_boxes`` (name -> pixel box), ``legend``, ``edges``,
        ``legend_entries`` and ``chosen``.

    Notes
    -----
    Drawn by :class:`LiveMap` (the same drawing the widgets redraw click by click). Names are
    drawn exactly as typed (never read as mathematics).

    Examples
    --------
    >>> from qi_kit import load_case
    >>> map_picture(load_case("ward")).data["marked"]
    ['Rosa Delgado', 'Kwame Asante']
    """
    kinds = kinds_of(kind)
    table = graph_influence_table(chosen_graph(m, kinds), seed=seed) if table is None else table
    groups = _groups(m, mark, marks, kinds=kinds, seed=seed, table=table)
    first = ([p for names in groups.values() for p in names] + [m.resolve(p) for p in (path or [])]
             + ([m.resolve(chosen)] if chosen else []))
    live = LiveMap(m, kind=kinds, colour_by=colour_by, positions=positions, shade_clusters=shade_clusters,
                   labels=labels, seed=seed, width=width, height=height, table=table, title=title, first=first)
    return live.picture(marks=groups, path=path, chosen=chosen)


def _pull_table(G: nx.DiGraph):
    """Role, stance and pull of everyone (as in the influence table): all a map coloured by role or
    stance needs, without the slower measures (betweenness, closeness, clusters)."""
    import pandas as pd

    names = list(G.nodes)
    M = matrices(G)
    sought = np.asarray(M.A.sum(axis=0)).ravel().astype(float) if names else np.zeros(0)
    rank, baseline = pagerank(M.W)
    excess = np.where(sought > 0, np.clip(rank - baseline, 0.0, None), 0.0)
    return pd.DataFrame({"role": [G.nodes[p].get("role") for p in names],
                         "stance": [int(G.nodes[p].get("stance") or 0) for p in names],
                         "pull": pull(sought, excess)}, index=pd.Index(names, name="name"))


def _marked(m: StakeholderMap, mark: Any, *, kinds: Sequence[str], seed: int, table: Any) -> tuple[list[str], str]:
    """The people to ring and the legend's word for them."""
    if isinstance(mark, str) and mark == "informal leaders":
        return list(informal_leaders(m, kind=kinds, seed=seed, table=table).index), "informal leader"
    if mark is None:
        return [], ""
    return [m.resolve(p) for p in ([mark] if isinstance(mark, str) else mark)], "marked"


def _groups(m: StakeholderMap, mark: Any, marks: Mapping[str, Sequence[str]] | None, *, kinds: Sequence[str],
            seed: int, table: Any) -> dict[str, list[str]]:
    """Label -> the people marked that way (``marks`` when given, else ``mark`` as one group)."""
    if marks is not None:
        groups = {label: [m.resolve(p) for p in names] for label, names in marks.items()}
        return {label: list(dict.fromkeys(names)) for label, names in groups.items() if names}
    names, label = _marked(m, mark, kinds=kinds, seed=seed, table=table)
    return {label: names} if names else {}


def _radius_px(size: float) -> float:
    """The radius in pixels of a scatter marker of ``size`` (points squared)."""
    return float(np.sqrt(size)) / 2 * DPI / 72


class LiveMap:
    """The influence map for a widget: drawn once, then only the marks and the route are redrawn.

    People, ties, arrowheads, names, cluster shading, the colour legend and the title are drawn
    once per map, kind of tie and colouring, and kept as a rendered background; each call of
    :meth:`png` restores that background and draws over it only what changes: the marks (informal
    leaders, brokers, quiet voices, any people), the highlighted route, and the names of the
    marked people and of the route in bold. On a 60-person map a redraw takes a few milliseconds
    plus the PNG encoding, instead of drawing the whole labelled picture again.

    Parameters
    ----------
    m, kind, colour_by, positions, shade_clusters, labels, seed, width, height, table, title
        As for :func:`map_picture`.
    first
        Names to label first when names must be left out for lack of room (:func:`map_picture`
        passes the marked people and the route, so they keep their names).

    Notes
    -----
    :meth:`picture` returns a :class:`~qi_kit.plots.Picture` (figure, text alternative, ``data``:
    the same contract as :func:`map_picture`) for the marks and route asked for; the same
    request returns the same ``Picture`` object as long as it is the latest one drawn. All of them
    share one figure, which shows the latest request. Marked people and the route are always
    named (in bold, on a white backing), even where their names overlap others.

    Names sit in boxes found by :func:`~qi_kit.plots._labels.place_labels`: above their person
    if there is room, else below, beside or further out with a thin leader line, never over
    another name, a person's circle, the legend or the picture's edge. On a map of up to
    :data:`ALL_NAMES_UP_TO` people every name is shown; on a bigger one a name with no free
    place is left out (the text alternative says how many are shown).

    Examples
    --------
    >>> from qi_kit import load_case
    >>> live = LiveMap(load_case("ward"))
    >>> png = live.png(mark=["Joan Fletcher"])
    >>> live.picture(mark=["Joan Fletcher"]).data["marked"]
    ['Joan Fletcher']
    """

    def __init__(self, m: StakeholderMap, *, kind: str | Iterable[str] = LISTENING, colour_by: str = "role",
                 positions: Mapping[str, tuple[float, float]] | None = None, shade_clusters: bool | None = None,
                 labels: str = "auto", seed: int = 42, width: float = PICTURE_WIDTH, height: float = 6.0,
                 table=None, title: str | None = None, first: Sequence[str] = ()):
        if labels not in ("auto", "all", "none"):
            raise MapError(Problem("labels", f"'{labels}' is not a labels option.", "use 'auto', 'all' or 'none'."))
        self.map, self.seed, self.colour_by, self.labels = m, seed, colour_by, labels
        self.kinds = kinds_of(kind)
        self.graph = G = chosen_graph(m, self.kinds)
        if table is None:  # colouring by role or stance needs only the pull: far quicker than every measure
            table = graph_influence_table(G, seed=seed) if colour_by == "cluster" else _pull_table(G)
        self.table = table
        pos = dict(positions) if positions is not None else globals()["positions"](m, seed=seed)
        missing = [p for p in G.nodes if p not in pos]
        if missing:
            raise MapError(Problem("positions", f"No position for {names_list(missing)}.",
                                   "recompute positions with qi_kit.plots.network.positions(map) after editing "
                                   "the map."))
        people = self.people = list(G.nodes)
        self.colours, legend = _colours(table, colour_by)
        self.sizes = 60 + 540 * table["pull"].to_numpy()
        self.pos = {p: pos[p] for p in people}
        xy = np.array([pos[p] for p in people], dtype=float).reshape(-1, 2)
        self.index = {p: i for i, p in enumerate(people)}
        fig, ax = new_figure(width, height)
        fig.set_layout_engine("none")  # fixed axes: the background and what is drawn over it line up
        self.figure, self.ax = fig, ax
        W, H = width * DPI, height * DPI
        # the title, wrapped to the picture's width (never cut), on top
        words = title or (f"Who listens to whom ({kinds_words(self.kinds)}); bigger = more pull; arrows point at "
                          "the person listened to")
        words = wrap_to_width(words, W - 24, TITLE_SIZE)
        top = 10 + (words.count("\n") + 1) * TITLE_SIZE * DPI / 72 * 1.3
        fig.text(0.5, 1 - 6 / H, words, fontsize=TITLE_SIZE, ha="center", va="top", parse_math=False,
                 linespacing=1.2)
        # a column on the right for the legends: the colours on top, the marks and route below
        mark_words = [*(s for s in MARK_STYLES), ROUTE_WORDS, "chosen person"]
        widest = max((text_width(w_, LEGEND_SIZE) for w_ in [*legend, *mark_words]), default=0.0)
        column = float(np.clip(widest + _HANDLE_PX, *_COLUMN_PX))
        self.legend = legend
        # every legend entry as shown: wrapped between words to the column's width
        self._words = {w_: wrap_to_width(w_, column - _HANDLE_PX, LEGEND_SIZE) for w_ in [*legend, *mark_words]}
        self._column = (W - column) / W
        ax.set_position((6 / W, 8 / H, (W - column - 12) / W, (H - top - 16) / H))
        ax.set_xlim(-0.06, 1.06)
        ax.set_ylim(-0.08, 1.08)
        ax.set_axis_off()
        if shade_clusters if shade_clusters is not None else colour_by == "cluster":
            from matplotlib.patches import Polygon

            for c in sorted(set(table["cluster"]) - {0}):
                pts = xy[(table["cluster"] == c).to_numpy()]
                ax.add_patch(Polygon(_hull(pts), closed=True, facecolor=colour_cycle(c - 1), alpha=0.12,
                                     edgecolor="none", zorder=0))
        edges = [(self.index[s], self.index[t]) for s, t in G.edges]
        if edges:
            from matplotlib.collections import LineCollection

            a = xy[[s for s, _ in edges]]
            b = xy[[t for _, t in edges]]
            ax.add_collection(LineCollection(np.stack([a, b], axis=1), colors=PALETTE["grey"], linewidths=0.6,
                                             alpha=0.45, zorder=1))
            tip = a + (b - a) * 0.8  # arrowheads part-way along, pointing at the person listened to
            ax.quiver(tip[:, 0], tip[:, 1], (b - a)[:, 0] * 0.05, (b - a)[:, 1] * 0.05, angles="xy",
                      scale_units="xy", scale=1, color=PALETTE["grey"], alpha=0.7, width=0.0012, headwidth=7,
                      headlength=8, headaxislength=7, zorder=1)
        if people:
            ax.scatter(xy[:, 0], xy[:, 1], s=self.sizes, c=self.colours, edgecolors="white", linewidths=0.8,
                       zorder=3)
        self._pixels = {p: tuple(v) for p, v in zip(people, ax.transData.transform(xy))} if people else {}
        self._area = (ax.bbox.x0, ax.bbox.y0, ax.bbox.x1, ax.bbox.y1)
        self.boxes = self._place_names(first, table)
        self.named = [p for p in self.boxes]
        ax.add_artist(_Names([self._shown(p) for p in self.named], self._corners(self.named, self.boxes)))
        self._leader_lines(self.boxes)
        self.legend_entries = _legend(fig, self.legend, {}, False, loc="upper left",
                                      anchor=(self._column, 1 - top / H), words=self._words)[1]
        self._layers = Layers(fig)
        self._dynamic: list[Any] = []
        self._latest: tuple[tuple, Picture] | None = None

    # ---- names
    def _place_names(self, first: Sequence[str], table: Any) -> dict[str, tuple[float, float, float, float]]:
        """Name -> its box in pixels, for the names shown (see the class notes)."""
        if self.labels == "none" or not self.people:
            return {}
        order = list(dict.fromkeys([*first, *table.sort_values("pull", ascending=False).index]))
        every = self.labels == "all" or len(self.people) <= ALL_NAMES_UP_TO
        tried = order if every else order[:max(300, len(first))]  # more cannot fit on one picture
        radius = {p: _radius_px(self.sizes[self.index[p]]) + 1 for p in self.people}
        boxes = place_labels(self._pixels, {p: name_size(self._shown(p)) for p in tried}, tried, area=self._area,
                             marker=radius, directions=ABOVE_FIRST, gaps=(0, 6, 14, 24, 36, 50, 70, 95),
                             force=tried if every else first)
        return {p: box for p, box in boxes.items() if box is not None}

    def _shown(self, name: str, bold: bool = False) -> str:
        x0, _, x1, _ = self._area
        return shown_name(name, bold=bold, width=min(NAME_WRAP_PX, 0.45 * (x1 - x0)))

    def _corners(self, names: Sequence[str], boxes: Mapping[str, tuple[float, float, float, float]]) -> np.ndarray:
        W, H = self.figure.bbox.width, self.figure.bbox.height
        return np.array([(boxes[p][0] / W, boxes[p][1] / H) for p in names], dtype=float).reshape(-1, 2)

    def _leader_lines(self, boxes: Mapping[str, tuple[float, float, float, float]]) -> None:
        """A thin line from a person to their name when the name had to move away."""
        from matplotlib.collections import LineCollection

        lines = []
        for p, (x0, y0, x1, y1) in boxes.items():
            px, py = self._pixels[p]
            nx_, ny_ = min(max(px, x0), x1), min(max(py, y0), y1)
            if np.hypot(nx_ - px, ny_ - py) > _radius_px(self.sizes[self.index[p]]) + 10:
                lines.append([(px, py), (nx_, ny_)])
        if lines:
            to_data = self.ax.transData.inverted().transform
            self.ax.add_collection(LineCollection([to_data(np.array(line)) for line in lines], colors="#666666",
                                                  linewidths=0.6, zorder=2))

    def _bold_corners(self, names: Sequence[str]) -> np.ndarray:
        """Where the bold names go: over their plain name, or above the person, kept inside the map."""
        x_lo, y_lo, x_hi, y_hi = self._area
        corners = []
        for p in names:
            w, h = name_size(self._shown(p, bold=True), bold=True)
            if p in self.boxes:
                x0, y0, x1, _ = self.boxes[p]
                x = (x0 + x1) / 2 - w / 2
                y = y0
            else:
                px, py = self._pixels[p]
                x, y = px - w / 2, py + _radius_px(self.sizes[self.index[p]]) + 1
            corners.append((min(max(x, x_lo), x_hi - w), min(max(y, y_lo), y_hi - h)))
        W, H = self.figure.bbox.width, self.figure.bbox.height
        return np.array([(x / W, y / H) for x, y in corners], dtype=float).reshape(-1, 2)

    def picture(self, *, mark: str | Sequence[str] | None = None, path: Sequence[str] | None = None,
                chosen: str | None = None, marks: Mapping[str, Sequence[str]] | None = None) -> Picture:
        """The map with these people marked, this route highlighted and this person chosen (``mark``,
        ``marks``, ``path``, ``chosen``: as for :func:`map_picture`, though nobody is marked by default)."""
        if mark == "informal leaders" and marks is None and "leadership" not in self.table:
            self.table = graph_influence_table(self.graph, seed=self.seed)
        groups = _groups(self.map, mark, marks, kinds=self.kinds, seed=self.seed, table=self.table)
        route = [self.map.resolve(p) for p in path] if path else []
        chosen = self.map.resolve(chosen) if chosen else None
        key = (tuple((label, tuple(names)) for label, names in groups.items()), tuple(route), chosen)
        if self._latest is not None and self._latest[0] == key:
            return self._latest[1]
        for artist in self._dynamic:
            artist.remove()
        ax, pos, dynamic = self.ax, self.pos, []
        if len(route) > 1:
            r = np.array([pos[p] for p in route])
            dynamic += ax.plot(r[:, 0], r[:, 1], color=ROUTE, linewidth=3.5, alpha=0.9, zorder=2,
                               solid_capstyle="round")
            mid = r[:-1] + (r[1:] - r[:-1]) * 0.55
            d = (r[1:] - r[:-1]) * 0.08
            dynamic.append(ax.quiver(mid[:, 0], mid[:, 1], d[:, 0], d[:, 1], angles="xy", scale_units="xy",
                                     scale=1, color=ROUTE, width=0.005, headwidth=4, headlength=4,
                                     headaxislength=3.5, zorder=2))
        for label, names in groups.items():
            style = MARK_STYLES.get(label, MARK_STYLES["marked"])
            mk = np.array([pos[p] for p in names])
            ms = self.sizes[[self.index[p] for p in names]]
            dynamic.append(ax.scatter(mk[:, 0], mk[:, 1], s=ms * style["scale"] + style["pad"], marker=style["marker"],
                                      facecolors="none", edgecolors=PALETTE["black"], linewidths=style["linewidth"],
                                      linestyles=style["linestyle"], zorder=4))
        if chosen is not None:
            i = self.index[chosen]
            dynamic.append(ax.scatter(*pos[chosen], s=self.sizes[i] * 2.6 + 160, marker="s", facecolors="none",
                                      edgecolors=PALETTE["black"], linewidths=1.5, zorder=4))
        marked = list(dict.fromkeys(p for names in groups.values() for p in names))
        bold = list(dict.fromkeys(marked + route + ([chosen] if chosen else []))) if self.labels != "none" else []
        if bold:
            dynamic.append(ax.add_artist(_Names([self._shown(p, bold=True) for p in bold], self._bold_corners(bold),
                                                bold=True, backed=True, zorder=6)))
        entries = list(self.legend_entries)
        if groups or len(route) > 1 or chosen:
            extra, words = _legend(self.figure, {}, {self._words.get(label, label): label for label in groups},
                                   len(route) > 1, loc="lower left", anchor=(self._column, 8 / self.figure.bbox.height),
                                   chosen=bool(chosen), words=self._words)
            dynamic.append(extra)
            entries += words
        self._dynamic = dynamic
        labelled = list(self.named) + [p for p in bold if p not in self.named]
        people = self.people
        alt = _map_alt(self.map, self.graph, self.kinds, self.colour_by, self.legend, self.table, groups, route,
                       labelled)
        if chosen:
            alt += f" Chosen person (in a square): {chosen}."
        data = {"positions": dict(self.pos), "colours": dict(zip(people, self.colours)),
                "sizes": dict(zip(people, self.sizes.tolist())), "marked": marked, "marks": groups, "path": route,
                "labelled": labelled, "label_boxes": dict(self.boxes), "legend": dict(self.legend),
                "edges": self.graph.number_of_edges(), "legend_entries": entries, "chosen": chosen}
        picture = Picture(self.figure, alt, data)
        self._latest = (key, picture)
        return picture

    def png(self, *, mark: str | Sequence[str] | None = None, path: Sequence[str] | None = None,
            chosen: str | None = None, marks: Mapping[str, Sequence[str]] | None = None) -> bytes:
        """PNG bytes of :meth:`picture` for these marks, route and person, drawn over the cached background."""
        self.picture(mark=mark, marks=marks, path=path, chosen=chosen)
        return self._layers.render(self._dynamic)


ROUTE_WORDS = "route (influence travels this way)"


def _legend(fig: Any, legend: Mapping[str, str], groups: Mapping[str, str], route: bool, *, loc: str,
            anchor: tuple[float, float], chosen: bool = False,
            words: Mapping[str, str] | None = None) -> tuple[Any, list[str]]:
    """A legend in the picture's right-hand column: colours, or the marks and the route.

    ``groups`` maps the words shown to the mark's label; ``words`` the fixed entries to their
    wrapped words. Its words are never read as maths. Returns the legend and its entries'
    words (unwrapped).
    """
    from matplotlib.legend import Legend
    from matplotlib.lines import Line2D

    words = words or {}
    handles = [Line2D([], [], marker="o", linestyle="", markersize=8, markerfacecolor=c, markeredgecolor="white",
                      label=words.get(label, label)) for label, c in legend.items()]
    entries = list(legend)
    for shown, label in groups.items():
        style = MARK_STYLES.get(label, MARK_STYLES["marked"])
        handles.append(Line2D([], [], marker=style["marker"], linestyle="", markersize=11 if style["marker"] == "o" else 9,
                              markerfacecolor="none", markeredgecolor=PALETTE["black"],
                              markeredgewidth=style["linewidth"], label=shown))
        entries.append(label)
    if route:
        handles.append(Line2D([], [], color=ROUTE, linewidth=3.5, label=words.get(ROUTE_WORDS, ROUTE_WORDS)))
        entries.append(ROUTE_WORDS)
    if chosen:
        handles.append(Line2D([], [], marker="s", linestyle="", markersize=12, markerfacecolor="none",
                              markeredgecolor=PALETTE["black"], markeredgewidth=1.5,
                              label=words.get("chosen person", "chosen person")))
        entries.append("chosen person")
    if not handles:
        return None, []
    artist = Legend(fig, handles, [h.get_label() for h in handles], loc=loc, bbox_to_anchor=anchor,
                    bbox_transform=fig.transFigure, fontsize=LEGEND_SIZE, frameon=False, borderaxespad=0.2,
                    handletextpad=0.6, labelspacing=0.6)
    for text in artist.get_texts():
        text.set_parse_math(False)
    fig.add_artist(artist)
    return artist, entries


def _map_alt(m, G, kinds, colour_by, legend, table, groups, route, labelled) -> str:
    n = len(G)
    if n == 0:
        return "An empty map: nobody has been added yet."
    parts = [f"A map of {plural(n, 'person', 'people')} and {G.number_of_edges()} "
             f"{kinds_words(kinds)} ties; arrows point at the person listened to, bigger circles have more pull."]
    counts = {}
    colour_of = dict(zip(table.index, _colours(table, colour_by)[0]))
    for label, colour in legend.items():
        counts[label] = sum(1 for p in table.index if colour_of[p] == colour)
    parts.append(f"Colours show {colour_by}: " + "; ".join(f"{label} {c}" for label, c in counts.items()) + ".")
    if len(table) and table["pull"].max() > 0:
        top = table.sort_values("pull", ascending=False).index[:3]
        parts.append(f"Most pull: {names_list(top)}.")
    for label, names in groups.items():
        words = MARK_STYLES.get(label, MARK_STYLES["marked"])["words"]
        parts.append(f"{words} ({label}): {names_list(names)}.")
    if len(route) > 1:
        parts.append(f"Highlighted route: {' → '.join(route)}.")
    if len(labelled) < n:
        parts.append(f"Names shown for {len(labelled)} of {n} people (the rest would overlap).")
    return " ".join(parts)


def adoption_picture(result, *, width: float = 8.0, height: float = 4.5, title: str | None = None) -> Picture:
    """Adoption curves per strategy from :func:`qi_kit.compare_strategies` (mean and 10-90% band).

    Each strategy has its own colour *and* line style, so the picture reads in black and white.
    """
    import pandas as pd

    if not isinstance(result, pd.DataFrame) or not {"strategy", "round", "adopted"} <= set(result.columns):
        raise MapError(Problem("result", "This is not a result of compare_strategies.",
                               "pass the table returned by qi_kit.compare_strategies(map)."))
    styles = ["-", "--", "-.", ":", (0, (5, 1, 1, 1))]
    fig, ax = new_figure(width, height)
    data: dict[str, Any] = {}
    for i, (strategy, rows) in enumerate(result.groupby("strategy", sort=False)):
        colour = colour_cycle(i)
        ax.fill_between(rows["round"], rows["low"], rows["high"], color=colour, alpha=0.15, linewidth=0)
        ax.plot(rows["round"], rows["adopted"], color=colour, linestyle=styles[i % len(styles)], linewidth=2.2,
                marker="o", markersize=3.5, label=strategy)
        data[strategy] = rows["adopted"].round(2).tolist()
    ax.set_xlabel("round")
    ax.set_ylabel("people who have taken up the change")
    ax.set_ylim(bottom=0)
    ax.grid(alpha=0.3)
    if data:
        ax.legend(fontsize=8, frameon=False)
    ax.set_title(title or "Who should we engage first? (line: average; band: 9 in 10 runs)", fontsize=10)
    alt = result.attrs.get("summary") or "Adoption over rounds for each strategy."
    return Picture(fig, f"Adoption curves. {alt}", {"curves": data, "seeds": result.attrs.get("seeds", {})})
