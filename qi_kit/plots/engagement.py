"""Pictures for the engagement plan: the power/interest grid, the commitment chart, reflection radars.

Each function returns a :class:`~qi_kit.plots.Picture` (figure, text alternative, data drawn).
For widgets, :class:`LiveGrid` and :class:`LiveRadar` redraw only what changes (the points'
roles, the radar's shape) over a cached background, so a slider or an override redraws in a
few tens of milliseconds even on a 60-person map.
"""

from __future__ import annotations

import math
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.font_manager import FontProperties
from matplotlib.collections import LineCollection
from matplotlib.patches import Rectangle

from ..engage.commitment import COMMITMENT_LEVELS
from ..engage.grid import QUADRANTS, grid_summary, label_order, power_interest_grid
from ..engage.plan import EngagementPlan, engagement_tables
from ..model import ROLES, StakeholderMap
from ..reflect import ASSESSMENTS, SCALE_MAX, assessment, score_reflection
from ._labels import place_labels
from ._style import DPI, PALETTE, PICTURE_WIDTH, ROLE_COLOURS, Layers, Picture, fast_png, new_figure, wrap_to_width  # noqa: F401

#: marker per role, so colour is never the only signal
ROLE_MARKERS: dict[str, str] = {"sponsor": "s", "day-to-day leader": "P", "champion": "^", "change team": "h",
                                "patient partner": "*", "influencer": "D", "resistor": "v", "": "o"}
ROLE_SHAPES: dict[str, str] = {"sponsor": "square", "day-to-day leader": "plus", "champion": "triangle",
                               "change team": "hexagon", "patient partner": "star", "influencer": "diamond",
                               "resistor": "down-triangle", "": "dot"}
QUADRANT_TINTS: dict[str, str] = {"manage closely": "#FBEFE0", "keep satisfied": "#EAF3FA",
                                  "keep informed": "#EAF6F0", "monitor": "#F4F4F4"}
LABEL_SIZE = 8
EXPORT_DPI = DPI  # pictures on the take-home page: text of 11 pixels, as in the notebook (80 made it 9)
_CUT = 2.5
_LIMITS = (-0.7, 5.7)
_AXES_BOX = (0.08, 0.085, 0.69, 0.855)  # fixed, so data -> pixel positions are known before drawing
COMMITMENT_ROWS = 20
_LEADER_FROM = 12.0  # pixels between a point and its label beyond which a leader line joins them


# --------------------------------------------------------------------------- label placement


def spread_points(grid: pd.DataFrame, *, step: float = 0.2, per_row: int = 4) -> dict[str, tuple[float, float]]:
    """Data positions (interest, power) for each person, people sharing a cell set side by side.

    Ratings are whole numbers, so many people share a point; they are laid out in small rows
    of at most ``per_row`` around the point, in table order (deterministic).
    """
    positions: dict[str, tuple[float, float]] = {}
    cells: dict[tuple[int, int], list[str]] = {}
    for name, power, interest in zip(grid["name"], grid["power"], grid["interest"]):
        cells.setdefault((int(interest), int(power)), []).append(name)
    for (x, y), names in cells.items():
        rows = math.ceil(len(names) / per_row)
        for i, name in enumerate(names):
            row, col = divmod(i, per_row)
            in_row = min(per_row, len(names) - row * per_row)
            positions[name] = (x + (col - (in_row - 1) / 2) * step, y + ((rows - 1) / 2 - row) * step)
    return positions


# --------------------------------------------------------------------------- the grid


def _roles_of(grid: pd.DataFrame, roles: Mapping[str, str] | None) -> dict[str, str]:
    return dict(roles) if roles is not None else dict(zip(grid["name"], grid["role"]))


def _role_offsets(positions: Mapping[str, tuple[float, float]], roles: Mapping[str, str], role: str) -> np.ndarray:
    return np.array([positions[n] for n in positions if roles.get(n, "") == role], dtype=float).reshape(-1, 2)


def _draw_points(ax: Any, positions: Mapping[str, tuple[float, float]], roles: Mapping[str, str]) -> list[Any]:
    """One scatter per role (in ROLES order, then no role), possibly empty, so roles can move later."""
    artists = []
    for role in (*ROLES, ""):
        xy = _role_offsets(positions, roles, role)
        artists.append(ax.scatter(xy[:, 0], xy[:, 1], s=46 if role else 30, marker=ROLE_MARKERS[role],
                                  c=ROLE_COLOURS[role], edgecolors="white", linewidths=0.6, zorder=4))
    return artists


def _grid_alt(grid: pd.DataFrame, roles: Mapping[str, str], power: str, unplaced: Sequence[str], *,
              summary: str | None = None) -> str:
    measure = {"both": "the higher of formal authority and informal influence",
               "authority": "formal authority", "influence": "informal influence"}.get(power, power)
    with_roles = [f"{n} ({r}, {ROLE_SHAPES[r]})" for n, r in roles.items() if r]
    role_text = f" Marked by role: {', '.join(with_roles)}." if with_roles else ""
    left = (f" Not labelled for lack of room: {', '.join(unplaced)}." if unplaced else "")
    return (f"Power/interest grid of {len(grid)} people: power ({measure}) up, interest across; "
            f"high means above {_CUT:g} on the 0-5 scale. {summary or grid_summary(grid)}{role_text}{left}")


def grid_picture(m: StakeholderMap, *, roles: Mapping[str, str] | None = None, grid: pd.DataFrame | None = None,
                 power: str = "both", width: float = PICTURE_WIDTH, height: float = 6.5,
                 outside_team: bool = False) -> Picture:
    """The power/interest grid: each person placed by interest (across) and power (up).

    Parameters
    ----------
    m
        The stakeholder map.
    roles
        Name -> role, shown by colour and marker shape (default: the grid's ``role`` column,
        i.e. the roles recorded on the map).
    grid
        A table from :func:`~qi_kit.engage.power_interest_grid` (computed when not given).
    power
        How power is measured when the grid is computed here.
    outside_team
        When the grid is computed here, leave out the change team (partners, not audiences).

    Returns
    -------
    Picture
        ``data`` holds ``positions`` (name -> (interest, power) as drawn), ``labels`` (name ->
        pixel box or None), ``unplaced`` (names without room for a label), ``quadrants``,
        ``roles`` and ``colours``.

    Notes
    -----
    People sharing the same pair of ratings are set side by side; labels are placed by
    :func:`place_labels` so that none overlaps another label or a point; the quadrants are
    tinted and named. Colours are Okabe-Ito, and each role also has its own marker shape. The
    names without room are listed under the grid, wrapped between names (the axes move up to
    make room for the list).

    Examples
    --------
    >>> from qi_kit import load_case
    >>> pic = grid_picture(load_case("ward"))
    >>> pic.data["quadrants"]["Rosa Delgado"]
    'manage closely'
    """
    if grid is None:
        grid = power_interest_grid(m, power=power, roles=roles, outside_team=outside_team)
    roles = _roles_of(grid, roles)
    fig, ax = new_figure(width, height)
    fig.set_layout_engine("none")
    ax.set_position(_AXES_BOX)
    canvas = FigureCanvasAgg(fig)
    ax.set_xlim(*_LIMITS)
    ax.set_ylim(*_LIMITS)
    for quadrant, (high_power, high_interest) in QUADRANTS.items():
        x0 = _CUT if high_interest else _LIMITS[0]
        y0 = _CUT if high_power else _LIMITS[0]
        ax.add_patch(Rectangle((x0, y0), (_LIMITS[1] - _CUT) if high_interest else (_CUT - _LIMITS[0]),
                               (_LIMITS[1] - _CUT) if high_power else (_CUT - _LIMITS[0]),
                               facecolor=QUADRANT_TINTS[quadrant], edgecolor="none", zorder=0))
        x = _LIMITS[1] - 0.08 if high_interest else _LIMITS[0] + 0.08
        y = _LIMITS[1] - 0.08 if high_power else _LIMITS[0] + 0.08
        ax.text(x, y, quadrant.capitalize(), ha="right" if high_interest else "left",
                va="top" if high_power else "bottom", fontsize=11, fontweight="bold", color="#555555", zorder=1)
    ax.axhline(_CUT, color=PALETTE["grey"], linewidth=1, zorder=1)
    ax.axvline(_CUT, color=PALETTE["grey"], linewidth=1, zorder=1)
    ax.set_xticks(range(6))
    ax.set_yticks(range(6))
    ax.set_xlabel("Interest in the change (0-5)")
    ax.set_ylabel("Power: formal or informal (0-5)" if power == "both" else f"Power: {power} (0-5)")
    ax.set_title("Power/interest grid", loc="left", fontsize=12)
    positions = spread_points(grid)
    renderer = canvas.get_renderer()
    font = FontProperties(size=LABEL_SIZE)
    sizes = {}
    for name in positions:
        w, h, _ = renderer.get_text_width_height_descent(name, font, ismath=False)
        sizes[name] = (w + 2.0, h + 3.0)
    order = label_order(grid, roles)  # roles first, then power + interest: linear in people
    caption = ""
    for _ in range(2):  # a second pass when names are left out: room under the grid for their list
        to_pixels = ax.transData.transform
        pixel_points = {n: tuple(to_pixels(xy)) for n, xy in positions.items()}
        bbox = ax.bbox
        area = (bbox.x0 + 2, bbox.y0 + 2, bbox.x1 - 2, bbox.y1 - 2)
        boxes = place_labels(pixel_points, sizes, order, area=area)
        unplaced = [n for n in order if boxes[n] is None]
        if not unplaced or caption:
            break
        caption = wrap_to_width("Not labelled (no room): " + ", ".join(unplaced), width * DPI - 24, LABEL_SIZE)
        lines = caption.count("\n") + 2  # one spare line: the second pass may leave out a name more
        raise_by = lines * LABEL_SIZE * DPI / 72 * 1.25 / (height * DPI)
        x0, y0, w_, h_ = _AXES_BOX
        ax.set_position((x0, y0 + raise_by, w_, h_ - raise_by))
    if unplaced:
        caption = wrap_to_width("Not labelled (no room): " + ", ".join(unplaced), width * DPI - 24, LABEL_SIZE)
        fig.text(12 / (width * DPI), 4 / (height * DPI), caption, fontsize=LABEL_SIZE, color="#555555",
                 va="bottom", ha="left", parse_math=False)
    to_data = ax.transData.inverted().transform
    for name, box in boxes.items():
        if box is None:
            continue
        (x0, y0), (_, y1) = to_data((box[0] + 1, box[1])), to_data((box[2], box[3]))
        ax.text(x0, (y0 + y1) / 2, name, fontsize=LABEL_SIZE, va="center_baseline", ha="left", zorder=5,
                parse_math=False)
        px, py = pixel_points[name]
        near_x, near_y = min(max(px, box[0]), box[2]), min(max(py, box[1]), box[3])
        if math.dist((px, py), (near_x, near_y)) > _LEADER_FROM:  # far from its point: draw a leader line
            (lx, ly) = to_data((near_x, near_y))
            ax.plot([positions[name][0], lx], [positions[name][1], ly], color="#777777", linewidth=0.5, zorder=3)
    points = _draw_points(ax, positions, roles)
    handles = [ax.scatter([], [], marker=ROLE_MARKERS[r], c=ROLE_COLOURS[r], s=46) for r in (*ROLES, "")]
    fig.legend(handles, [r or "no role" for r in (*ROLES, "")], loc="upper left", bbox_to_anchor=(0.785, 0.94),
               title="Role", frameon=False, fontsize=9)
    data = {"positions": positions, "labels": boxes, "unplaced": unplaced,
            "quadrants": dict(zip(grid["name"], grid["quadrant"])), "roles": dict(roles),
            "colours": {n: ROLE_COLOURS[roles.get(n, "")] for n in positions}, "points": points,
            "power": power}
    return Picture(fig, _grid_alt(grid, roles, power, unplaced), data)


class LiveGrid:
    """The grid for a widget: labels and quadrants drawn once, points redrawn when roles change.

    >>> from qi_kit import load_case
    >>> live = LiveGrid(load_case("ward"))
    >>> png = live.png({"Rosa Delgado": "champion"})
    >>> live.picture.data["roles"]["Rosa Delgado"]
    'champion'
    """

    def __init__(self, m: StakeholderMap, *, roles: Mapping[str, str] | None = None, power: str = "both"):
        self.grid = power_interest_grid(m, power=power, roles=roles)
        self.picture = grid_picture(m, roles=roles, grid=self.grid, power=power)
        self._layers = Layers(self.picture.figure)
        self._summary = grid_summary(self.grid)

    def png(self, roles: Mapping[str, str] | None = None) -> bytes:
        """PNG bytes with the points coloured for ``roles`` (the current ones if None)."""
        data = self.picture.data
        if roles is not None:
            roles = {n: roles.get(n, "") for n in data["positions"]}
        if roles is not None and roles != data["roles"]:
            for artist, role in zip(data["points"], (*ROLES, "")):  # move points between the role layers
                artist.set_offsets(_role_offsets(data["positions"], roles, role))
            data["roles"] = roles
            data["colours"] = {n: ROLE_COLOURS[r] for n, r in roles.items()}
            self.picture.alt = _grid_alt(self.grid, roles, data["power"], data["unplaced"], summary=self._summary)
        return self._layers.render(data["points"])


# --------------------------------------------------------------------------- the commitment chart


def commitment_picture(chart: pd.DataFrame, *, people: Sequence[str] | None = None, width: float = 8.0) -> Picture:
    """The commitment chart: X where each person is now, O where the project needs them, an arrow between.

    ``people`` defaults to everyone with a role or a gap (at most ``COMMITMENT_ROWS`` rows:
    the roles first, then the biggest gaps; the table in the plan lists everyone). Returns a Picture whose ``data["rows"]`` lists (name, now, needed).
    X and O are markers in the person's role colour; where they coincide, the O rings the X.
    """
    if people is None:
        keyed = chart[(chart["role"] != "") | (chart["gap"] != 0)]
        keyed = keyed.assign(_has_role=keyed["role"] != "").sort_values(["_has_role", "gap"], ascending=[False, False],
                                                                          kind="stable")
        people = keyed["name"].head(COMMITMENT_ROWS).tolist()
    rows = chart.set_index("name").loc[list(people)]
    n = len(rows)
    height = max(2.2, 0.34 * n + 1.3)
    fig, ax = new_figure(width, height)
    fig.set_layout_engine("none")  # fixed margins: much faster than a layout engine on every draw
    ax.set_position((0.3, 0.35 / height, 0.66, 1 - 1.25 / height))
    ax.set_xlim(-0.5, len(COMMITMENT_LEVELS) - 0.5)
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_xticks(range(len(COMMITMENT_LEVELS)), [lvl.capitalize() for lvl in COMMITMENT_LEVELS], fontsize=9)
    ax.xaxis.tick_top()
    # long names wrap between words onto a second line (never cut)
    ax.set_yticks(range(n), [wrap_to_width(str(name), 0.27 * width * DPI, 9) for name in rows.index], fontsize=9)
    for x in range(len(COMMITMENT_LEVELS) - 1):
        ax.axvline(x + 0.5, color="#DDDDDD", linewidth=0.8)
    drawn = []
    now_xy, needed_xy, colours, shafts, heads = [], [], [], [], []
    for y, (name, row) in enumerate(rows.iterrows()):
        now, needed = COMMITMENT_LEVELS.index(row["now"]), COMMITMENT_LEVELS.index(row["needed"])
        colour = ROLE_COLOURS.get(row["role"], PALETTE["grey"])
        if now != needed:  # an arrow from X to O: one line collection and one marker layer (fast to draw)
            step = 0.15 * np.sign(needed - now)
            shafts.append(((now + step, y), (needed - 1.6 * step, y), colour))
            heads.append((needed - 1.6 * step, y, ">" if needed > now else "<", colour))
        now_xy.append((now, y))
        needed_xy.append((needed, y))
        colours.append(colour)
        drawn.append((name, row["now"], row["needed"]))
    if shafts:
        ax.add_collection(LineCollection([(a, b) for a, b, _ in shafts], colors=[c for *_, c in shafts],
                                         linewidths=1.4, zorder=2))
        for marker in (">", "<"):
            pts = [(x, y, c) for x, y, mk, c in heads if mk == marker]
            if pts:
                ax.scatter([p[0] for p in pts], [p[1] for p in pts], marker=marker, s=40,
                           c=[p[2] for p in pts], zorder=2)
    if drawn:
        ax.scatter(*zip(*needed_xy), s=170, marker="o", facecolors="none", edgecolors=colours, linewidths=1.8,
                   zorder=3)
        ax.scatter(*zip(*now_xy), s=70, marker="X", c=colours, zorder=4)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.tick_params(length=0)
    fig.text(0.02, 1 - 0.12 / height, wrap_to_width("Commitment chart: X = where they are now, O = where the project "
                                                    "needs them", 0.96 * width * DPI, 11), fontsize=11, va="top")
    moving = [f"{name} from '{now}' to '{needed}'" for name, now, needed in drawn if now != needed]
    steady = [name for name, now, needed in drawn if now == needed]
    alt = (f"Commitment chart for {n} people. "
           + (f"Need to move: {'; '.join(moving)}. " if moving else "Nobody needs to move. ")
           + (f"Already where the project needs them: {', '.join(steady)}." if steady else ""))
    return Picture(fig, alt.strip(), {"rows": drawn})


# --------------------------------------------------------------------------- reflection radars


def _radar_values(scores: pd.DataFrame) -> list[float]:
    return [0.0 if math.isnan(s) else float(s) for s in scores["score"]]


def _radar_alt(kind: str, scores: pd.DataFrame) -> str:
    a = assessment(kind)
    parts = [f"{label} {'not answered' if math.isnan(s) else f'{s:.1f} of 4'}"
             for label, s in zip(scores["label"], scores["score"])]
    return (f"Radar of your answers on the {a.title.lower()}: {', '.join(parts)}. "
            "Further out means you rated yourself higher; these are reflective prompts, not a test.")


def radar_picture(kind: str, scores: pd.DataFrame | Mapping[str, Any] | None = None, *, size: float = 5.5) -> Picture:
    """A radar (spider) picture of one reflection: one spoke per dimension, 0 at the centre, 4 at the rim.

    ``scores`` is a table from :func:`~qi_kit.reflect.score_reflection`, or the answers
    (item -> 0-4) to score. Unanswered dimensions are drawn at 0 and named in the alt text.
    ``data`` holds ``labels`` and ``values`` as drawn, and the ``shape`` artists.

    >>> pic = radar_picture("competencies", {"proactive_1": 4})
    >>> pic.data["values"]
    [4.0, 0.0, 0.0, 0.0]
    """
    a = assessment(kind)
    if scores is None or not isinstance(scores, pd.DataFrame):
        scores = score_reflection(kind, scores)
    labels = scores["label"].tolist()
    angles = np.linspace(0, 2 * np.pi, len(labels), endpoint=False)
    fig, ax = new_figure(size, size, subplot_kw={"projection": "polar"})
    fig.set_layout_engine("none")
    ax.set_position((0.2, 0.12, 0.6, 0.7))
    ax.set_theta_offset(np.pi / 2)
    ax.set_theta_direction(-1)
    ax.set_ylim(0, SCALE_MAX)
    ax.set_yticks(range(1, SCALE_MAX + 1), [str(v) for v in range(1, SCALE_MAX + 1)], fontsize=8, color="#595959")
    ax.set_xticks(angles, [wrap_to_width(label, 0.22 * size * DPI, 9) for label in labels], fontsize=9)
    ax.set_title(a.title, fontsize=11, pad=30)
    shape = _radar_shape(ax, angles, _radar_values(scores))
    return Picture(fig, _radar_alt(kind, scores), {"labels": labels, "values": _radar_values(scores),
                                                    "angles": angles.tolist(), "shape": shape, "kind": kind})


def _radar_shape(ax: Any, angles: np.ndarray, values: Sequence[float]) -> list[Any]:
    closed_a = np.append(angles, angles[0])
    closed_v = np.append(values, values[0])
    fill = ax.fill(closed_a, closed_v, color=PALETTE["blue"], alpha=0.25, zorder=2)
    line = ax.plot(closed_a, closed_v, color=PALETTE["blue"], linewidth=2, marker="o", markersize=4, zorder=3)
    return [*fill, *line]


class LiveRadar:
    """A radar for a widget: axes drawn once, the shape redrawn when answers change.

    >>> live = LiveRadar("levers")
    >>> _ = live.png({"skills_1": 3})
    >>> live.picture.data["values"]
    [0.0, 0.0, 3.0, 0.0]
    """

    def __init__(self, kind: str, answers: Mapping[str, Any] | None = None):
        self.kind = kind
        self.picture = radar_picture(kind, answers)
        self._layers = Layers(self.picture.figure)

    def png(self, answers: Mapping[str, Any] | None = None) -> bytes:
        """PNG bytes for these answers (the current ones if None)."""
        data = self.picture.data
        if answers is not None:
            scores = score_reflection(self.kind, answers)
            values = _radar_values(scores)
            if values != data["values"]:
                for artist in data["shape"]:
                    artist.remove()
                data["shape"] = _radar_shape(self.picture.figure.axes[0], np.array(data["angles"]), values)
                data["values"] = values
            self.picture.alt = _radar_alt(self.kind, scores)
        return self._layers.render(data["shape"])


# --------------------------------------------------------------------------- the whole plan


def plan_pictures(m: StakeholderMap, plan: EngagementPlan, *, start: Any = None,
                  tables: Mapping[str, pd.DataFrame] | None = None, skip: Sequence[str] = ()) -> dict[str, Picture]:
    """The plan's pictures: ``grid``, ``commitment``, and a radar for each reflection answered.

    ``skip`` names pictures not to draw (a widget that already has them); ``tables`` (from
    :func:`~qi_kit.engage.engagement_tables`) saves recomputing them.
    """
    tables = tables if tables is not None else engagement_tables(m, plan, start=start)
    roles = dict(zip(tables["roles"]["name"], tables["roles"]["role"]))
    pictures: dict[str, Picture] = {}
    if "grid" not in skip:
        pictures["grid"] = grid_picture(m, roles=roles, grid=tables["grid"], power=plan.power)
    if "commitment" not in skip:
        pictures["commitment"] = commitment_picture(tables["commitment"])
    for kind in ASSESSMENTS:
        if plan.reflection.get(kind) and kind not in skip:
            pictures[kind] = radar_picture(kind, plan.reflection[kind])
    return pictures


# --------------------------------------------------------------------------- moved names


def __getattr__(name: str):
    """``export_engagement``, moved to :mod:`qi_kit.takehome.plan`; the old name keeps working."""
    if name == "export_engagement":
        from ..takehome.plan import export_engagement

        return export_engagement
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
