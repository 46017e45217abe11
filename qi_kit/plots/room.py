"""Pictures of the room for the facilitator: small multiples of the shared maps, a bar chart of asks.

Both take what :func:`qi_kit.room_summary` and :func:`qi_kit.room.room_maps` return, draw with
the kit's colour-blind-safe palette and come with a text alternative. The maps are the
pseudonymised copies and are drawn without names: the picture shows the shape of each map
(who is sought out, the roles), which is what a debrief needs.
"""

from __future__ import annotations

import math
from typing import Mapping

import networkx as nx
import pandas as pd


from ..model import ROLES, StakeholderMap
from ..text import plural
from ._style import PALETTE, ROLE_COLOURS, Picture, new_figure


def small_multiples(maps: Mapping[str, StakeholderMap], table: pd.DataFrame | None = None, *,
                    columns: int = 4, size: float = 2.0) -> Picture:
    """One small map per shared map, in a grid: people sized by how many go to them, coloured by role.

    Four maps to a row of 2 inches each: at most 8 inches wide, so the picture shows at full size in
    a notebook (:data:`~qi_kit.plots._style.PICTURE_WIDTH`).

    Examples
    --------
    >>> from qi_kit import load_case
    >>> small_multiples({"Map 1": load_case("ward")}).data["shown"]
    ['Map 1']
    """
    labels = list(maps)
    n = max(1, len(labels))
    cols = min(columns, n)
    rows = math.ceil(n / cols)
    fig, axes = new_figure(size * cols, size * rows + 0.4, nrows=rows, ncols=cols, squeeze=False)
    for ax in axes.flat:
        ax.set_axis_off()
    for ax, label in zip(axes.flat, labels):
        m = maps[label]
        G = m.graph(m.kinds() or ["advice"])
        if len(G):
            pos = nx.spring_layout(G, seed=42)
            sought = dict(G.in_degree())
            roles = {name: role for name, role in zip(m.people["name"], m.people["role"])}
            nx.draw_networkx_edges(G, pos, ax=ax, edge_color=PALETTE["grey"], width=0.5, arrows=False, alpha=0.6)
            nx.draw_networkx_nodes(G, pos, ax=ax, node_size=[20 + 25 * sought[p] for p in G],
                                   node_color=[ROLE_COLOURS.get(roles.get(p, ""), PALETTE["grey"]) for p in G],
                                   edgecolors=PALETTE["black"], linewidths=0.4)
        caption = label if table is None or label not in table.index else \
            f"{label}: {plural(int(table.loc[label, 'people']), 'person', 'people')}"
        ax.set_title(caption, fontsize=10)
    if not maps:
        axes.flat[0].text(0.5, 0.5, "No maps shared yet", ha="center", va="center", fontsize=11)
    legend = [(role, ROLE_COLOURS[role]) for role in ROLES]
    # under the maps, in as many rows as it needs (constrained layout makes room for it)
    fig.legend(handles=[_dot(colour, role) for role, colour in legend], loc="outside lower center",
               ncols=min(len(legend), 4), fontsize=9, frameon=False)
    alt = (f"Small pictures of {plural(len(labels), 'shared map')}, drawn without names: larger dots are people "
           "more colleagues go to; colours are roles (blue sponsor, green champion, orange influencer, "
           "vermillion resistor, grey none)." if labels else "No maps have been shared yet.")
    return Picture(fig, alt, {"shown": labels})


def _dot(colour: str, label: str):
    from matplotlib.lines import Line2D

    return Line2D([], [], marker="o", linestyle="", markerfacecolor=colour, markeredgecolor=PALETTE["black"],
                  markersize=7, label=label)


def asks_picture(table: pd.DataFrame) -> Picture:
    """A bar chart of the kinds of ask the shared pitches make (``table`` from room_summary)."""
    from ..pitch.model import ASK_TYPES

    asks = table.attrs.get("asks", {})
    kinds = list(ASK_TYPES) + [k for k in asks if k not in ASK_TYPES]
    counts = [int(asks.get(k, 0)) for k in kinds]
    fig, ax = new_figure(6.0, 2.8)
    ax.barh(kinds, counts, color=PALETTE["blue"])
    ax.invert_yaxis()
    ax.set_xlabel("pitches")
    ax.xaxis.get_major_locator().set_params(integer=True)
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    ax.set_title("What the room's pitches ask leaders for", fontsize=11)
    total = sum(counts)
    if total:
        words = ", ".join(f"{k} {c}" for k, c in zip(kinds, counts) if c)
        alt = f"Bar chart of the kinds of ask in {plural(total, 'shared pitch', 'shared pitches')}: {words}."
    else:
        alt = "Bar chart of the kinds of ask: no pitch has been shared yet."
    return Picture(fig, alt, {"asks": dict(zip(kinds, counts))})
