"""Pictures of the influence map and of the spread simulations.

Fast enough to redraw on every click: positions are computed once (:func:`positions`) and passed
back in; nodes, ties and arrowheads are drawn as a few collections, not one artist per tie;
names are pasted from bitmaps rendered once per name; and :class:`LiveMap` (which
:func:`map_picture` also uses) keeps everything but the rings, the route and the chosen person as
a rendered background, so a widget's click redraws only those. Colours are Okabe-Ito (colour-blind safe) and never the only signal: marked people get a ring,
the chosen route is a thick purple line with arrowheads, the legend names every colour,
and every picture comes with a text alternative.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Sequence

import numpy as np
import networkx as nx
from matplotlib.artist import Artist

from ..analysis._graph import LISTENING, chosen_graph, kinds_of, matrices
from ..analysis.influence import _compute, informal_leaders, pagerank, pull
from ..errors import MapError, Problem
from ..glossary import kinds_words, names_list
from ..model import StakeholderMap
from ._style import PALETTE, ROLE_COLOURS, Layers, Picture, colour_cycle, new_figure

#: Above this many people, positions come from a fast arrangement by unit instead of a spring layout.
SPRING_LIMIT = 500
STANCE_COLOURS: dict[int, str] = {-2: PALETTE["vermillion"], -1: PALETTE["orange"], 0: PALETTE["grey"],
                                  1: PALETTE["sky"], 2: PALETTE["blue"]}
STANCE_WORDS: dict[int, str] = {-2: "opposes", -1: "doubtful", 0: "neutral", 1: "leaning in favour", 2: "champions"}
ROUTE = PALETTE["purple"]  # not a role colour, so the route never blends into a person


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


def _place_labels(order: list[str], pos: Mapping[str, tuple[float, float]], width_px: float, height_px: float,
                  fontsize: float) -> list[str]:
    """Labels that fit without overlapping each other, most important first (greedy)."""
    char_w = 0.58 * fontsize * 100 / 72 / width_px * 1.1  # one character, in axes units (0-1 data span)
    line_h = 1.25 * fontsize * 100 / 72 / height_px * 1.1
    boxes: list[tuple[float, float, float, float]] = []
    placed = []
    for p in order:
        x, y = pos[p]
        w = char_w * len(p)
        box = (x - w / 2, y + 0.018, x + w / 2, y + 0.018 + line_h)
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes):
            continue
        boxes.append(box)
        placed.append(p)
    return placed


# --------------------------------------------------------------------------- names, drawn from cached bitmaps

LABEL_SIZE = 8
_SPRITES: dict[tuple, np.ndarray] = {}
_SPRITE_LIMIT = 5000  # names kept (a few KB each); the cache starts afresh beyond it


def _sprite(text: str, prop: Any, dpi: float, backed: bool) -> np.ndarray:
    """A name rendered once as a small RGBA image (black text; on white when ``backed``), then reused.

    Matplotlib 3.11 renders text glyph by glyph on every draw (about 1 ms a name); a map redrawn on
    every click shows the same names again and again, so each is rendered once and pasted.
    The text is never read as mathematics: a name such as ``a$\\x$b`` is drawn as typed.
    """
    key = (text, prop.get_size_in_points(), prop.get_weight(), dpi, backed)
    image = _SPRITES.get(key)
    if image is None:
        from matplotlib.backends.backend_agg import RendererAgg

        w, h, d = RendererAgg(1, 1, dpi).get_text_width_height_descent(text, prop, ismath=False)
        pad = 2
        renderer = RendererAgg(int(np.ceil(w)) + 2 * pad, int(np.ceil(h)) + 2 * pad, dpi)
        gc = renderer.new_gc()
        gc.set_foreground(PALETTE["black"])
        renderer.draw_text(gc, pad, renderer.height - pad - d, text, prop, 0, ismath=False)
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


class _Names(Artist):
    """Names centred just above their people: one artist for them all, drawn from cached bitmaps.

    On a raster canvas (Agg: PNG, the widgets) each name is a cached image; on a vector canvas
    (SVG, PDF) each is real text. Never parsed as mathematics.
    """

    def __init__(self, names: Sequence[str], xy: np.ndarray, *, bold: bool = False, backed: bool = False,
                 lift: float = 0.02, zorder: float = 5):
        super().__init__()
        from matplotlib.font_manager import FontProperties

        self.names = list(names)
        self.xy = np.asarray(xy, dtype=float).reshape(-1, 2) + [0.0, lift]
        self.prop = FontProperties(size=LABEL_SIZE, weight="bold" if bold else "normal")
        self.backed = backed
        self.set_zorder(zorder)

    def draw(self, renderer: Any) -> None:
        if not self.get_visible() or not self.names:
            return
        from matplotlib.backends.backend_agg import RendererAgg

        points = self.axes.transData.transform(self.xy)
        gc = renderer.new_gc()
        gc.set_foreground(PALETTE["black"])
        if isinstance(renderer, RendererAgg):
            for name, (x, y) in zip(self.names, points):
                image = _sprite(name, self.prop, renderer.dpi, self.backed)
                renderer.draw_image(gc, round(x - image.shape[1] / 2), round(y - 1), image[::-1])
        else:
            from matplotlib.path import Path
            from matplotlib.transforms import IdentityTransform

            height = renderer.get_canvas_width_height()[1]
            for name, (x, y) in zip(self.names, points):
                w, h, d = renderer.get_text_width_height_descent(name, self.prop, ismath=False)
                if self.backed:  # a white backing, as on the raster picture
                    box = Path([(x - w / 2 - 1, y - 1), (x + w / 2 + 1, y - 1), (x + w / 2 + 1, y + h + 1),
                                (x - w / 2 - 1, y + h + 1), (x - w / 2 - 1, y - 1)], closed=True)
                    fill = renderer.new_gc()
                    fill.set_linewidth(0)
                    renderer.draw_path(fill, box, IdentityTransform(), (1.0, 1.0, 1.0, 1.0))
                    fill.restore()
                y = y + d
                renderer.draw_text(gc, x - w / 2, height - y if renderer.flipy() else y, name, self.prop, 0,
                                   ismath=False)
        gc.restore()
        self.stale = False


def map_picture(m: StakeholderMap, *, kind: str | Iterable[str] = LISTENING, colour_by: str = "role",
                mark: str | Sequence[str] | None = "informal leaders", path: Sequence[str] | None = None,
                positions: Mapping[str, tuple[float, float]] | None = None, shade_clusters: bool | None = None,
                labels: str = "auto", seed: int = 42, width: float = 9.0, height: float = 6.5,
                table=None, title: str | None = None, chosen: str | None = None) -> Picture:
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
    path
        A route to highlight, as a list of names in the order influence travels (e.g. a row of
        :func:`qi_kit.influence_paths`'s ``people``).
    positions
        Precomputed :func:`positions` (pass them back in to redraw quickly and keep people still).
    shade_clusters
        Shade each cluster's area (default: when colouring by cluster).
    labels
        ``"auto"`` (as many names as fit without overlapping, the ringed people and the route
        first, then the most listened-to), ``"all"`` or ``"none"``.
    seed, width, height, title
        Layout seed, figure size in inches, and a title.
    table
        An influence table already computed for this map and kind (saves recomputing it).
    chosen
        A person to frame in a square (the person a widget is showing), or None.

    Returns
    -------
    Picture
        ``figure``, ``alt`` (the map in words) and ``data`` with ``positions``, ``colours``,
        ``sizes``, ``marked``, ``path``, ``labelled``, ``legend``, ``edges``, ``legend_entries``
        and ``chosen``.

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
    table = _compute(chosen_graph(m, kinds), seed=seed) if table is None else table
    first = (_marked(m, mark, kinds=kinds, seed=seed, table=table)[0] + [m.resolve(p) for p in (path or [])]
             + ([m.resolve(chosen)] if chosen else []))
    live = LiveMap(m, kind=kinds, colour_by=colour_by, positions=positions, shade_clusters=shade_clusters,
                   labels=labels, seed=seed, width=width, height=height, table=table, title=title, first=first)
    return live.picture(mark=mark, path=path, chosen=chosen)


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


class LiveMap:
    """The influence map for a widget: drawn once, then only the rings and the route are redrawn.

    People, ties, arrowheads, names, cluster shading, the colour legend and the title are drawn
    once per map, kind of tie and colouring, and kept as a rendered background; each call of
    :meth:`png` restores that background and draws over it only what changes: the rings (informal
    leaders, brokers, quiet voices, any people), the highlighted route, and the names of the
    ringed people and of the route in bold. On a 60-person map a redraw takes a few milliseconds
    plus the PNG encoding, instead of drawing the whole labelled picture again.

    Parameters
    ----------
    m, kind, colour_by, positions, shade_clusters, labels, seed, width, height, table, title
        As for :func:`map_picture`.
    first
        Names to label first when names must be left out for lack of room (:func:`map_picture`
        passes the ringed people and the route, so they keep their names).

    Notes
    -----
    :meth:`picture` returns a :class:`~qi_kit.plots.Picture` (figure, text alternative, ``data``:
    the same contract as :func:`map_picture`) for the rings and route asked for; the same
    request returns the same ``Picture`` object as long as it is the latest one drawn. All of them
    share one figure, which shows the latest request. Ringed people and the route are always
    named (in bold, on a white backing), even where their names overlap others.

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
                 labels: str = "auto", seed: int = 42, width: float = 9.0, height: float = 6.5, table=None,
                 title: str | None = None, first: Sequence[str] = ()):
        if labels not in ("auto", "all", "none"):
            raise MapError(Problem("labels", f"'{labels}' is not a labels option.", "use 'auto', 'all' or 'none'."))
        self.map, self.seed, self.colour_by, self.labels = m, seed, colour_by, labels
        self.kinds = kinds_of(kind)
        self.graph = G = chosen_graph(m, self.kinds)
        if table is None:  # colouring by role or stance needs only the pull: far quicker than every measure
            table = _compute(G, seed=seed) if colour_by == "cluster" else _pull_table(G)
        self.table = table
        pos = dict(positions) if positions is not None else globals()["positions"](m, seed=seed)
        missing = [p for p in G.nodes if p not in pos]
        if missing:
            raise MapError(Problem("positions", f"No position for {names_list(missing)}.",
                                   "recompute positions with qi_kit.plots.network.positions(map) after editing "
                                   "the map."))
        people = self.people = list(G.nodes)
        self.colours, self.legend = _colours(table, colour_by)
        self.sizes = 60 + 540 * table["pull"].to_numpy()
        self.pos = {p: pos[p] for p in people}
        xy = np.array([pos[p] for p in people], dtype=float).reshape(-1, 2)
        self.index = {p: i for i, p in enumerate(people)}
        fig, ax = new_figure(width, height)
        fig.set_layout_engine("none")  # fixed axes: the background and what is drawn over it line up
        # inches kept for the colour legend (right), the rings and route legend (below) and the title
        right = max(1.0, 0.45 + 0.07 * max((len(w) for w in self.legend), default=0)) / width
        bottom, top = 0.3 / height, 0.35 / height
        ax.set_position((0.01, bottom, 0.99 - right - 0.01, 1 - top - bottom))
        ax.set_xlim(-0.06, 1.06)
        ax.set_ylim(-0.08, 1.08)
        ax.set_axis_off()
        self.figure, self.ax = fig, ax
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
        if labels == "all":
            named = people
        elif labels == "none":
            named = []
        else:
            order = list(dict.fromkeys([*first, *table.sort_values("pull", ascending=False).index]))
            named = _place_labels(order, pos, width * 100 * 0.95, height * 100 * 0.85, LABEL_SIZE)
        self.named = named
        ax.add_artist(_Names(named, np.array([pos[p] for p in named]).reshape(-1, 2)))
        self.legend_entries = _legend(ax, self.legend, "", False)[1]
        # a figure text, not ax.set_title: placing an axes title measures the (hidden) axes, a third of the draw
        fig.text(0.5, 1 - 0.18 / height, title or f"Who listens to whom ({kinds_words(self.kinds)}); bigger = more "
                 "pull; arrows point at the person listened to", fontsize=10, ha="center", va="center",
                 parse_math=False)
        self._layers = Layers(fig)
        self._dynamic: list[Any] = []
        self._latest: tuple[tuple, Picture] | None = None

    def picture(self, *, mark: str | Sequence[str] | None = None, path: Sequence[str] | None = None,
                chosen: str | None = None) -> Picture:
        """The map with these people ringed, this route highlighted and this person chosen (``mark``,
        ``path``, ``chosen``: as for :func:`map_picture`, though nobody is ringed by default here)."""
        if mark == "informal leaders" and "leadership" not in self.table:
            self.table = _compute(self.graph, seed=self.seed)
        marked, mark_label = _marked(self.map, mark, kinds=self.kinds, seed=self.seed, table=self.table)
        route = [self.map.resolve(p) for p in path] if path else []
        chosen = self.map.resolve(chosen) if chosen else None
        key = (tuple(marked), mark_label, tuple(route), chosen)
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
        if marked:
            mk = np.array([pos[p] for p in marked])
            ms = self.sizes[[self.index[p] for p in marked]]
            dynamic.append(ax.scatter(mk[:, 0], mk[:, 1], s=ms * 1.9 + 80, facecolors="none",
                                      edgecolors=PALETTE["black"], linewidths=2.0, zorder=4))
        if chosen is not None:
            i = self.index[chosen]
            dynamic.append(ax.scatter(*pos[chosen], s=self.sizes[i] * 2.6 + 160, marker="s", facecolors="none",
                                      edgecolors=PALETTE["black"], linewidths=1.5, zorder=4))
        bold = list(dict.fromkeys(marked + route + ([chosen] if chosen else []))) if self.labels != "none" else []
        if bold:
            dynamic.append(ax.add_artist(_Names(bold, np.array([pos[p] for p in bold]), bold=True, backed=True,
                                                zorder=6)))
        entries = list(self.legend_entries)
        if marked or len(route) > 1 or chosen:
            extra, words = _legend(ax, {}, mark_label if marked else "", len(route) > 1, loc="upper right",
                                   anchor=(1.0, 0.0), ncols=3, chosen=bool(chosen))
            dynamic.append(extra)
            entries += words
        self._dynamic = dynamic
        labelled = list(self.named) + [p for p in bold if p not in self.named]
        people = self.people
        alt = _map_alt(self.map, self.graph, self.kinds, self.colour_by, self.legend, self.table, marked,
                       mark_label, route, labelled)
        if chosen:
            alt += f" Chosen person (in a square): {chosen}."
        data = {"positions": dict(self.pos), "colours": dict(zip(people, self.colours)),
                "sizes": dict(zip(people, self.sizes.tolist())), "marked": marked, "path": route,
                "labelled": labelled, "legend": dict(self.legend), "edges": self.graph.number_of_edges(),
                "legend_entries": entries, "chosen": chosen}
        picture = Picture(self.figure, alt, data)
        self._latest = (key, picture)
        return picture

    def png(self, *, mark: str | Sequence[str] | None = None, path: Sequence[str] | None = None,
            chosen: str | None = None) -> bytes:
        """PNG bytes of :meth:`picture` for these rings, route and person, drawn over the cached background."""
        self.picture(mark=mark, path=path, chosen=chosen)
        return self._layers.render(self._dynamic)


def _legend(ax: Any, legend: Mapping[str, str], mark_label: str, route: bool, *, loc: str = "upper left",
            anchor: tuple[float, float] = (1.0, 1.0), ncols: int = 1, chosen: bool = False) -> tuple[Any, list[str]]:
    """A legend right of the map (colours; or the rings and the route), its words never read as maths."""
    from matplotlib.legend import Legend
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], marker="o", linestyle="", markersize=8, markerfacecolor=c, markeredgecolor="white",
                      label=label) for label, c in legend.items()]
    if mark_label:
        handles.append(Line2D([], [], marker="o", linestyle="", markersize=11, markerfacecolor="none",
                              markeredgecolor=PALETTE["black"], markeredgewidth=2, label=mark_label))
    if route:
        handles.append(Line2D([], [], color=ROUTE, linewidth=3.5, label="route (influence travels this way)"))
    if chosen:
        handles.append(Line2D([], [], marker="s", linestyle="", markersize=12, markerfacecolor="none",
                              markeredgecolor=PALETTE["black"], markeredgewidth=1.5, label="chosen person"))
    if not handles:
        return None, []
    words = [h.get_label() for h in handles]
    artist = Legend(ax, handles, words, loc=loc, bbox_to_anchor=anchor, ncols=ncols, fontsize=8,
                    frameon=False)
    for text in artist.get_texts():
        text.set_parse_math(False)
    ax.add_artist(artist)
    return artist, words


def _map_alt(m, G, kinds, colour_by, legend, table, marked, mark_label, route, labelled) -> str:
    n = len(G)
    if n == 0:
        return "An empty map: nobody has been added yet."
    parts = [f"A map of {n} {'person' if n == 1 else 'people'} and {G.number_of_edges()} "
             f"{kinds_words(kinds)} ties; arrows point at the person listened to, bigger circles have more pull."]
    counts = {}
    colour_of = dict(zip(table.index, _colours(table, colour_by)[0]))
    for label, colour in legend.items():
        counts[label] = sum(1 for p in table.index if colour_of[p] == colour)
    parts.append(f"Colours show {colour_by}: " + "; ".join(f"{label} {c}" for label, c in counts.items()) + ".")
    if len(table) and table["pull"].max() > 0:
        top = table.sort_values("pull", ascending=False).index[:3]
        parts.append(f"Most pull: {names_list(top)}.")
    if marked:
        parts.append(f"Ringed ({mark_label}): {names_list(marked)}.")
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
