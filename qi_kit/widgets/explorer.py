"""The network explorer: look at a stakeholder map through one lens at a time, no code.

Choose the ties to look at (advice, trust, the formal reporting line, or all of them), see the
map, click a person to read their numbers and why they matter, pick a source and a target to see
the strongest route between them and its alternatives, switch on informal leaders, brokers,
clusters and quiet voices, and ask "who should we engage first?".

The widget holds no analysis of its own: it calls the kit's pure functions
(:func:`~qi_kit.influence_table`, :func:`~qi_kit.informal_leaders`, :func:`~qi_kit.brokers`,
:func:`~qi_kit.clusters`, :func:`~qi_kit.quiet_voices`, :func:`~qi_kit.influence_paths`,
:func:`~qi_kit.compare_strategies`) and the pictures in :mod:`qi_kit.plots.network`. Everything
that does not change between clicks (positions, and each lens's tables) is computed once per map
and kept, so a click only draws.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from typing import Any, Mapping

import ipywidgets as w
import pandas as pd

from ..analysis.paths import STRONGEST
from ..cases import list_cases, load_case
from ..errors import MapError, Problem, WorkspaceError
from ..model import CHANGE_TEAM_ROLES, StakeholderMap
from ..state.explorer import (BUDGET, CARD_NUMBERS, LENS_LABELS, LENSES, MARK_LABELS, MODELS, ROUTE_NAMES,
                              STRATEGY_ORDER, STRATEGY_RUNS, Findings, find_routes)
from ..workspace import Autosaver
from ._common import (button, caption_html, control, esc, guarded, hide_when_empty, live, message_html, paused,
                      picture_image, show_message, show_picture, tidy)
from .explorer_words import model_html, overlay_html, person_card, routes_html, strategies_html
from .who_first import WhoFirst

# the explorer's names, as before (the lenses and the analyses now live in qi_kit.state.explorer)
__all__ = ["NetworkExplorer", "WhoFirst", "Findings", "person_card", "overlay_html", "model_html", "routes_html",
           "strategies_html", "LENSES", "LENS_LABELS", "OVERLAYS", "MARK_LABELS", "CARD_NUMBERS", "MODELS", "PICK",
           "PICTURE_SIZE", "CACHED_PICTURES", "BUDGET", "STRATEGY_RUNS", "ROUTE_NAMES", "STRATEGY_ORDER"]

#: overlay -> (checkbox text, CSS class)
OVERLAYS: dict[str, tuple[str, str]] = {
    "informal leaders": ("informal leaders (ringed)", "qi-explorer-show-leaders"),
    "brokers": ("brokers (dashed diamond)", "qi-explorer-show-brokers"),
    "clusters": ("clusters (coloured and shaded)", "qi-explorer-show-clusters"),
    "quiet voices": ("quiet voices (dotted ring)", "qi-explorer-show-quiet"),
}
PICK = "\u2014 pick a person \u2014"
PICTURE_SIZE = (8.0, 6.0)  # inches, at 100 dots per inch: the notebook's width at a laptop's width
CACHED_PICTURES = 16


# --------------------------------------------------------------------------- the widget


class NetworkExplorer(w.VBox):
    """Explore a stakeholder map: lenses, a person's card, routes, highlights and "who first?".

    Parameters
    ----------
    map
        The map to explore. When omitted, the participant's saved map (built with
        :class:`~qi_kit.widgets.editor.MapEditor`) is opened, or the ward case study if none is saved.
    path
        The workspace file to read the saved map from (default ``my_work/workspace.json``).
    lens
        The ties to look at first: ``"listening"`` (advice and trust, the kit's default for routes,
        brokers and spread), ``"advice"``, ``"trust"``, ``"reports_to"`` or ``"all"`` (every kind).
    seed
        Fixes the layout, the clusters and the simulations.
    runs
        Simulations per strategy in "who first?" (default 100).

    Notes
    -----
    ``value`` is the map shown (read-only); ``findings`` holds its analyses for the current lens;
    ``picture`` and ``adoption`` are the last :class:`~qi_kit.plots.Picture` objects drawn (their
    ``data`` says what is on them). The explorer never changes the map, so it saves nothing.
    """

    def __init__(self, map: StakeholderMap | None = None, *, path: str | os.PathLike | None = None,
                 lens: str = "listening", seed: int = 42, runs: int = STRATEGY_RUNS, **kwargs: Any):
        super().__init__(**kwargs)
        if lens not in LENSES:
            raise MapError(Problem("lens", f"'{lens}' is not a lens.", f"use one of: {', '.join(LENSES)}."))
        self.add_class("qi-explorer")
        self.seed = seed
        self.runs = runs
        self._saver = Autosaver("map", path)
        self._given = map
        self.picture: Any = None
        self.paths: pd.DataFrame | None = None
        self._build(lens, given=map is not None)
        tidy(self)
        note = ""
        if map is None:
            map, note = self._saved_or_case()
        self._set_map(map)
        if note:
            show_message(self.message, note, "info")

    # ---- reading
    @property
    def value(self) -> StakeholderMap:
        """The map being explored."""
        return self._map

    def __repr__(self) -> str:
        # the text shown where widgets cannot be drawn (and compared by nbval): short, plain, stable
        return f"Network explorer: {self._map.summary()}"

    @property
    def lens(self) -> str:
        return self.lens_dropdown.value

    @property
    def overlays(self) -> tuple[str, ...]:
        """The overlays switched on, in the kit's order."""
        return tuple(o for o, box in self.overlay_checkboxes.items() if box.value)

    # ---- building
    def _build(self, lens: str, *, given: bool) -> None:
        self.message = control(w.HTML(), "qi-explorer-message")
        guard = guarded(self.message)
        sources = ([("the map given", "given")] if given else []) + [("my saved map", "mine")]
        sources += [(f"the {name} case study", name) for name in list_cases()["name"]]
        self.map_dropdown = control(w.Dropdown(options=sources, value=sources[0][1], description="Map:",
                                               style={"description_width": "3em"}), "qi-explorer-map")
        self.reload_button = button("Reload", "qi-explorer-reload", icon="refresh",
                                    tooltip="read the chosen map again (e.g. after editing your map)")
        self.lens_dropdown = control(w.Dropdown(options=[(LENS_LABELS[k], k) for k in LENSES], value=lens,
                                                description="Ties:", style={"description_width": "3em"},
                                                layout=w.Layout(width="auto", max_width="100%")), "qi-explorer-lens")
        self.overlay_checkboxes = {o: control(w.Checkbox(value=False, description=text, indent=False,
                                                         layout=w.Layout(width="auto")), css)
                                   for o, (text, css) in OVERLAYS.items()}
        self.picture_image = hide_when_empty(picture_image("qi-explorer-picture"))
        self.picture_alt = control(w.HTML(), "qi-explorer-picture-alt")
        self.highlights = control(w.HTML(), "qi-explorer-highlights")
        self.person_dropdown = control(w.Dropdown(description="Person:", style={"description_width": "4em"}),
                                       "qi-explorer-person")
        self.card = control(w.HTML(), "qi-explorer-card")
        self.source_dropdown = control(w.Dropdown(description="From:", style={"description_width": "4em"},
                                                  tooltip="whose idea travels (a person or the change team)"),
                                       "qi-explorer-source")
        self.target_dropdown = control(w.Dropdown(description="To:", style={"description_width": "4em"},
                                                  tooltip="the person to reach: a decision-maker, a resistor..."),
                                       "qi-explorer-target")
        self.route_buttons = control(w.ToggleButtons(options=[], description="Show:",
                                                     style={"description_width": "4em", "button_width": "auto"}),
                                     "qi-explorer-route")
        self.paths_html = control(w.HTML(), "qi-explorer-paths")
        self._build_who_first()
        for box in self.overlay_checkboxes.values():
            box.observe(guard(lambda _: self._redraw()), names="value")
        # the handlers the program pauses (traitlets' unobserve) while it sets these controls itself
        self._map_chosen = guard(self._on_map)
        self._person_chosen = guard(lambda _: self._on_person())
        self._ends_chosen = guard(lambda _: self._on_route_ends())
        self._route_chosen = guard(lambda _: self._draw_picture())
        self.map_dropdown.observe(self._map_chosen, names="value")
        self.reload_button.on_click(guard(lambda _: self._on_map({"new": self.map_dropdown.value})))
        self.lens_dropdown.observe(guard(self._on_lens), names="value")
        self.person_dropdown.observe(self._person_chosen, names="value")
        self.source_dropdown.observe(self._ends_chosen, names="value")
        self.target_dropdown.observe(self._ends_chosen, names="value")
        self.route_buttons.observe(self._route_chosen, names="value")
        # the picture takes the notebook's whole width; the person and the routes sit side by side under it
        person = w.VBox([w.HTML("<h4>A person</h4>"), self.person_dropdown, self.card],
                        layout=w.Layout(width="50%", padding="0 12px 0 0"))
        routes = w.VBox([w.HTML("<h4>How can an idea travel?</h4><p>Pick who starts and whom to reach: the "
                                "route follows people who listen to each other. "
                                f"{esc(STRONGEST[0].upper() + STRONGEST[1:])}; the other routes share nobody "
                                "with it where the map allows.</p>"),
                         self.source_dropdown, self.target_dropdown, self.route_buttons, self.paths_html],
                        layout=w.Layout(width="50%"))
        self.children = [w.HBox([self.map_dropdown, self.reload_button, self.lens_dropdown],
                                layout=w.Layout(flex_flow="row wrap")),
                         self.message,
                         w.HBox(list(self.overlay_checkboxes.values()), layout=w.Layout(flex_flow="row wrap")),
                         self.picture_image, self.picture_alt, self.highlights,
                         w.HBox([person, routes], layout=w.Layout(flex_flow="row nowrap")), self.who_first]
        live(self)  # a widget left by a restarted kernel says so

    def _build_who_first(self) -> None:
        self.who_first = WhoFirst(None, kind=LENSES[self.lens_dropdown.value], seed=self.seed, runs=self.runs)
        for name in ("budget_slider", "model_dropdown", "model_words", "run_button", "run_status", "adoption_image",
                     "adoption_alt", "strategies_html"):
            setattr(self, name, getattr(self.who_first, name))

    @property
    def adoption(self) -> Any:
        """The last adoption picture drawn by "who first?" (None before the first run)."""
        return self.who_first.adoption

    # ---- choosing the map and the lens
    def _saved_or_case(self) -> tuple[StakeholderMap, str]:
        try:
            saved = self._saver.load()
        except WorkspaceError as exc:
            note = f"{exc}\nShowing the ward case study meanwhile."
        else:
            if saved is not None and len(saved):
                return saved, f"Your saved map is open: {saved.summary()}"
            note = ("You have no saved map yet, so this is the ward case study. Build your own map with the "
                    "editor; then choose 'my saved map' here.")
        with paused(self._map_chosen, [self.map_dropdown]):
            self.map_dropdown.value = "ward"
        return load_case("ward"), note

    def _on_map(self, change: Mapping[str, Any]) -> None:
        choice = change["new"]
        if choice == "given":
            self._set_map(self._given)
            show_message(self.message, "The map given is open.", "info")
        elif choice == "mine":
            saved = self._saver.load()
            if saved is None or not len(saved):
                show_message(self.message, "You have no saved map yet: build one with the editor first. "
                                           "The map shown has not changed.", "warn")
                return
            self._set_map(saved)
            show_message(self.message, f"Your saved map is open: {saved.summary()}", "info")
        else:
            case = load_case(choice)
            self._set_map(case)
            show_message(self.message, f"The {choice} case study is open: {case.summary()}", "info")

    def _set_map(self, m: StakeholderMap) -> None:
        """Show a new map: forget everything computed for the old one."""
        from ..plots.network import positions

        self._map = m
        self._findings: dict[str, Findings] = {}
        self._pictures: OrderedDict[tuple, tuple[Any, bytes]] = OrderedDict()
        self._live: dict[tuple[str, str], Any] = {}  # (lens, colouring) -> LiveMap: drawn once, then rings only
        self._positions = positions(m, seed=self.seed) if len(m) else {}
        names = m.names
        team = [p for p in names if m.person(p)["role"] in CHANGE_TEAM_ROLES]
        with paused(self._person_chosen, [self.person_dropdown]), \
                paused(self._ends_chosen, [self.source_dropdown, self.target_dropdown]):
            keep = self.person_dropdown.value
            self.person_dropdown.options = [(PICK, "")] + [(n, n) for n in names]
            self.person_dropdown.value = keep if keep in names else ""
            source_options: list[tuple[str, Any]] = [(PICK, None)]
            if team:
                source_options.append((f"the change team ({len(team)} people)", tuple(team)))
            keep_source, keep_target = self.source_dropdown.value, self.target_dropdown.value
            self.source_dropdown.options = source_options + [(n, n) for n in names]
            self.target_dropdown.options = [(PICK, None)] + [(n, n) for n in names]
            self.source_dropdown.value = keep_source if keep_source in [v for _, v in source_options] + names else None
            self.target_dropdown.value = keep_target if keep_target in names else None
        self.who_first.set_map(m)
        if len(m):
            self.findings.prepare()
        self._find_routes()
        self._redraw()

    def _on_lens(self, change: Mapping[str, Any]) -> None:
        self.who_first.set_kind(LENSES[change["new"]])
        self._find_routes()
        self._redraw()
        show_message(self.message, f"Looking at {LENS_LABELS[change['new']]}.", "info")

    @property
    def findings(self) -> Findings:
        """The analyses of the map through the current lens (computed once, on first use)."""
        lens = self.lens
        if lens not in self._findings:
            self._findings[lens] = Findings(self._map, lens, seed=self.seed)
        return self._findings[lens]

    # ---- routes
    def _on_route_ends(self) -> None:
        self._find_routes()
        self._draw_picture()

    def _find_routes(self) -> None:
        self.paths, problem = find_routes(self._map, self.source_dropdown.value, self.target_dropdown.value,
                                          self.findings.kinds)
        if problem:
            self.paths_html.value = message_html(problem, "warn")
        else:
            self.paths_html.value = routes_html(self.paths) if self.paths is not None else ""
        options = [(ROUTE_NAMES[i], i) for i in range(len(self.paths))] if self.paths is not None else []
        with paused(self._route_chosen, [self.route_buttons]):
            self.route_buttons.options = options
            self.route_buttons.value = 0 if options else None

    @property
    def route(self) -> list[str]:
        """The route drawn on the map (names, in the order the idea travels), or []."""
        if self.paths is None or self.paths.empty or self.route_buttons.value is None:
            return []
        return list(self.paths.at[self.route_buttons.value, "people"])

    # ---- drawing
    def _redraw(self) -> None:
        self.highlights.value = overlay_html(self.findings, self.overlays) if len(self._map) else ""
        self._show_card()
        self._draw_picture()

    def _on_person(self) -> None:
        self._show_card()
        self._draw_picture()

    def _show_card(self) -> None:
        name = self.person_dropdown.value
        if not name:
            self.card.value = message_html("Pick a person to see their numbers and why they matter.", "info")
            return
        self.card.value = person_card(self.findings, name)

    def _draw_picture(self) -> None:
        from ..plots.network import LiveMap

        if not len(self._map):
            self.picture = None
            show_picture(self.picture_image, b"", None)
            self.picture_alt.value = caption_html("The map is empty: add people with the editor first.")
            return
        overlays, route, chosen = self.overlays, self.route, self.person_dropdown.value or None
        key = (self.lens, overlays, tuple(route), chosen)
        if key in self._pictures:
            self._pictures.move_to_end(key)
            self.picture, png = self._pictures[key]
        else:
            findings = self.findings
            # each overlay marks its people in its own way (informal leaders ringed, brokers in a
            # dashed diamond, quiet voices in a dotted ring), so a person can show two marks
            marks = {MARK_LABELS[o]: findings.people_in(o) for o in overlays if o in MARK_LABELS}
            colour_by = "cluster" if "clusters" in overlays else "role"
            live = self._live.get((self.lens, colour_by))
            if live is None:  # people, ties and names: drawn once per lens and colouring
                live = self._live[self.lens, colour_by] = LiveMap(
                    self._map, kind=findings.kinds, colour_by=colour_by, positions=self._positions,
                    table=findings.table, seed=self.seed, width=PICTURE_SIZE[0], height=PICTURE_SIZE[1])
            png = live.png(marks=marks, path=route or None, chosen=chosen)
            self.picture = live.picture(marks=marks, path=route or None, chosen=chosen)
            self._pictures[key] = (self.picture, png)
            while len(self._pictures) > CACHED_PICTURES:
                self._pictures.popitem(last=False)
        show_picture(self.picture_image, png, self.picture, self.picture_alt)
