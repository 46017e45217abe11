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
from functools import cached_property
from typing import Any, Mapping, Sequence

import ipywidgets as w
import pandas as pd

from ..analysis.paths import LISTENING
from ..analysis.brokers import brokers, single_points_of_failure
from ..analysis.groups import clusters, quiet_voices
from ..analysis.influence import BOTH, formal_leaders_with_little_pull, influence_table, informal_leaders
from ..analysis.labels import NOT_ENOUGH, what_is_missing
from ..analysis.methods import leader_methods
from ..analysis.paths import STRONGEST, influence_paths
from ..analysis.spread import MODEL_WORDS, compare_strategies
from ..cases import list_cases, load_case
from ..errors import MapError, Problem, WorkspaceError
from ..glossary import explain, how_many, kinds_words
from ..export import bullet_list, html_table
from ..model import CHANGE_TEAM_ROLES, TIE_KINDS, StakeholderMap
from ..workspace import Autosaver
from ._common import (button, caption_html, control, esc, guarded, hide_when_empty, live, message_html, picture_image,
                      png_bytes, show_message, show_picture, tidy)

#: lens -> the kinds of tie it shows
LENSES: dict[str, tuple[str, ...]] = {
    "listening": LISTENING,
    "advice": ("advice",),
    "trust": ("trust",),
    "reports_to": ("reports_to",),
    "all": TIE_KINDS,
}
LENS_LABELS: dict[str, str] = {
    "listening": "advice and trust: who listens to whom",
    "advice": "advice: who goes to whom for advice",
    "trust": "trust: who trusts whom",
    "reports_to": "reports to: the formal line",
    "all": "all ties together",
}
#: overlay -> (checkbox text, CSS class)
OVERLAYS: dict[str, tuple[str, str]] = {
    "informal leaders": ("informal leaders (ringed)", "qi-explorer-show-leaders"),
    "brokers": ("brokers (dashed diamond)", "qi-explorer-show-brokers"),
    "clusters": ("clusters (coloured and shaded)", "qi-explorer-show-clusters"),
    "quiet voices": ("quiet voices (dotted ring)", "qi-explorer-show-quiet"),
}
#: overlay -> the mark's label on the map (its shape: ``qi_kit.plots.network.MARK_STYLES``)
MARK_LABELS: dict[str, str] = {"informal leaders": "informal leader", "brokers": "broker",
                               "quiet voices": "quiet voice"}
#: the numbers shown on a person's card, in reading order
CARD_NUMBERS: tuple[str, ...] = ("sought_out_by", "by_chance", "goes_to", "influence_of_influence", "pull",
                                 "authority", "influence", "gap", "betweenness", "closeness", "constraint",
                                 "reach_2_steps", "cluster_name")
#: the spread models offered in "who first?", in the order shown (the first is the default)
MODELS: dict[str, str] = {
    "complex": "complex contagion: at least 2 of those they listen to",
    "threshold": "share threshold: a quarter of those they listen to",
    "cascade": "independent cascade: one convinced colleague can be enough",
}
PICK = "\u2014 pick a person \u2014"
PICTURE_SIZE = (8.0, 6.0)  # inches, at 100 dots per inch: the notebook's width at a laptop's width
CACHED_PICTURES = 16
BUDGET = 3  # people engaged first, as in the notebooks
STRATEGY_RUNS = 200  # simulations per strategy: compare_strategies' own default, so both give one answer
ROUTE_NAMES = ("strongest", "alternative 1", "alternative 2", "alternative 3")
#: the strategies compared in "who first?" (their plain labels come from the analysis)
STRATEGY_ORDER: tuple[str, ...] = ("formal", "informal", "brokers", "random")


# --------------------------------------------------------------------------- what a lens shows


class Findings:
    """Every analysis of one map through one lens, each computed on first use and then kept.

    A plain object (no widgets): the explorer asks it for tables; tests can too.
    """

    def __init__(self, m: StakeholderMap, lens: str, *, seed: int = 42):
        self.map = m
        self.lens = lens
        self.kinds = LENSES[lens]
        self.seed = seed

    @cached_property
    def table(self) -> pd.DataFrame:
        return influence_table(self.map, kind=self.kinds, seed=self.seed)

    @cached_property
    def leaders(self) -> pd.DataFrame:
        return informal_leaders(self.map, kind=self.kinds, seed=self.seed, table=self.table)

    @cached_property
    def little_pull(self) -> pd.DataFrame:
        return formal_leaders_with_little_pull(self.map, kind=self.kinds, seed=self.seed, table=self.table)

    @cached_property
    def methods(self) -> pd.DataFrame:
        return leader_methods(self.map, kind=self.kinds, seed=self.seed, table=self.table)

    @cached_property
    def brokers(self) -> pd.DataFrame:
        return brokers(self.map, kind=self.kinds, seed=self.seed, table=self.table)

    @cached_property
    def clusters(self) -> pd.DataFrame:
        return clusters(self.map, kind=self.kinds, seed=self.seed)

    @cached_property
    def quiet(self) -> pd.DataFrame:
        return quiet_voices(self.map, kind=self.kinds)

    @cached_property
    def single_points(self) -> pd.DataFrame:
        return single_points_of_failure(self.map, kind=self.kinds)

    def prepare(self) -> "Findings":
        """Compute everything now (when a map opens), so that the first clicks only draw."""
        for name in ("table", "leaders", "little_pull", "methods", "brokers", "clusters", "quiet", "single_points"):
            getattr(self, name)
        return self

    def people_in(self, overlay: str) -> list[str]:
        """The people an overlay rings (quiet voices: people only, not units or missing groups)."""
        if overlay == "informal leaders":
            return list(self.leaders.index)
        if overlay == "brokers":
            return list(self.brokers.index)
        if overlay == "quiet voices":
            names = set(self.map.names)
            return list(dict.fromkeys(p for p in self.quiet["who"] if p in names))
        return []


def person_card(findings: Findings, name: str) -> str:
    """A person's card as safe HTML: who they are, why they matter (plain sentences), their numbers.

    Every value comes from the analysis tables and is escaped.
    """
    m = findings.map
    person = m.person(name)
    name = person["name"]
    row = findings.table.loc[name]
    n = len(m)
    facts = [person["title"], person["unit"], person["role"] and f"role: {person['role']}",
             f"authority {person['authority']} of 5", f"stance {person['stance']:+d}" if person["stance"] else "stance 0"]
    sought = how_many(int(row["sought_out_by"]), n - 1, findings.kinds, name)
    reasons = [f"{sought[:1].upper()}{sought[1:]}."]
    if name in findings.leaders.index:
        reasons.append(f"Informal leader: {findings.leaders.at[name, 'reason']}")
    if name in findings.little_pull.index:
        reasons.append(f"Formal leader with little pull: {findings.little_pull.at[name, 'reason']}")
    if row["leadership"] == BOTH:
        reasons.append(f"A formal and informal leader: {name} has formal authority, and colleagues go to them "
                       "more than chance would give.")
    if row["leadership"] == NOT_ENOUGH:
        table = findings.table
        reasons.append(f"Not enough ties to say more about {name}: "
                       f"{what_is_missing(int(table.attrs.get('ties', 0)), len(table), findings.kinds)}")
    method = findings.methods.loc[name]
    reasons.append(_three_ways(method))
    if name in findings.brokers.index:
        reasons.append(f"Broker: {findings.brokers.at[name, 'reason']}")
    if name in findings.single_points.index:
        reasons.append(findings.single_points.at[name, "sentence"])
    quiet = findings.quiet[findings.quiet["who"] == name]
    for sentence, question in zip(quiet["sentence"], quiet["question"]):
        reasons.append(f"{sentence} {question}")
    if row["cluster"]:
        reasons.append(f"Belongs to the cluster '{row['cluster_name']}'.")
    numbers = pd.DataFrame({
        "measure": [c.replace("_", " ") for c in CARD_NUMBERS],
        "value": [_number(row[c]) for c in CARD_NUMBERS],
        "what it means": [explain(c) for c in CARD_NUMBERS],
    })
    notes = f"<p><i>Notes:</i> {esc(person['notes'])}</p>" if person["notes"] else ""
    return (f"<h4>{esc(name)}</h4><p>{esc(' · '.join(f for f in facts if f))}</p>"
            f"<b>Why they matter ({esc(kinds_words(findings.kinds))} ties)</b>{bullet_list(reasons)}{notes}"
            f"<details><summary>Their scores (what the sentences rest on)</summary>{html_table(numbers)}</details>")


def _three_ways(method: pd.Series) -> str:
    """The three methods for one person in one sentence (Valente & Pumpuang: use more than one)."""
    network = {"sought out": "sought out", NOT_ENOUGH: "not enough ties to say"}.get(method["nominations"],
                                                                                     "not clearly sought out")
    position = "a formal leader" if method["position"] else "no formal lead"
    if method["team_rating"] is None:
        rating = "not rated by the team"
    else:
        rating = f"rated {int(method['team_rating'])} of 5 by the team"
    agree = {True: ": they agree", False: ": they differ, worth checking in conversation", None: ""}[method["agree"]]
    text = f"Three ways: on the map, {network} ({method['colleagues']}); {position}; {rating}{agree}."
    return text if not method["sentence"] else f"{text} {method['sentence']}"


def _number(value: Any) -> str:
    if isinstance(value, float):
        return "" if value != value else f"{value:.2f}"
    return str(value)


def overlay_html(findings: Findings, overlays: Sequence[str]) -> str:
    """What the switched-on overlays show, in sentences (safe HTML)."""
    parts = [f"<p>{esc(findings.table.attrs.get('summary', ''))}</p>"]
    for overlay in overlays:
        if overlay == "informal leaders":
            parts.append(_section("Informal leaders", findings.leaders.attrs.get("summary", ""),
                                  list(findings.leaders["reason"])))
            parts.append(_section("Formal leaders with little pull", findings.little_pull.attrs.get("summary", ""),
                                  list(findings.little_pull["reason"])))
            methods = findings.methods
            parts.append(_section("Three ways side by side", methods.attrs.get("summary", ""),
                                  [text for text in methods["sentence"] if text][:6]))
        elif overlay == "brokers":
            parts.append(_section("Brokers", findings.brokers.attrs.get("summary", ""),
                                  list(findings.brokers["reason"][:5])))
        elif overlay == "clusters":
            real = findings.clusters.drop(index=0, errors="ignore")
            parts.append(_section("Clusters", findings.clusters.attrs.get("summary", ""), list(real["sentence"])))
        elif overlay == "quiet voices":
            quiet = findings.quiet
            parts.append(_section("Quiet voices", quiet.attrs.get("summary", ""),
                                  [f"{s} {q}" for s, q in zip(quiet["sentence"], quiet["question"])][:8]))
    return "".join(parts)


def _section(title: str, summary: str, items: list[str]) -> str:
    return f"<b>{esc(title)}</b><p>{esc(summary)}</p>{bullet_list(items) if items else ''}"


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
        self._quiet = False
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
        self.map_dropdown.observe(guard(self._on_map), names="value")
        self.reload_button.on_click(guard(lambda _: self._on_map({"new": self.map_dropdown.value})))
        self.lens_dropdown.observe(guard(self._on_lens), names="value")
        self.person_dropdown.observe(guard(lambda _: self._on_person()), names="value")
        self.source_dropdown.observe(guard(lambda _: self._on_route_ends()), names="value")
        self.target_dropdown.observe(guard(lambda _: self._on_route_ends()), names="value")
        self.route_buttons.observe(guard(lambda _: self._on_route_choice()), names="value")
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
        self._quiet = True
        self.map_dropdown.value = "ward"
        self._quiet = False
        return load_case("ward"), note

    def _on_map(self, change: Mapping[str, Any]) -> None:
        if self._quiet:
            return
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
        self._quiet = True
        try:
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
        finally:
            self._quiet = False
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
        if self._quiet:
            return
        self._find_routes()
        self._draw_picture()

    def _find_routes(self) -> None:
        source, target = self.source_dropdown.value, self.target_dropdown.value
        self.paths = None
        options: list[tuple[str, int]] = []
        if source is None or target is None:
            self.paths_html.value = ""
        else:
            try:
                self.paths = influence_paths(self._map, list(source) if isinstance(source, tuple) else source,
                                             target, kind=self.findings.kinds, k=3)
            except MapError as exc:
                self.paths_html.value = message_html(str(exc), "warn")
            else:
                self.paths_html.value = _routes_html(self.paths)
                options = [(ROUTE_NAMES[i], i) for i in range(len(self.paths))]
        self._quiet = True
        try:
            self.route_buttons.options = options
            self.route_buttons.value = 0 if options else None
        finally:
            self._quiet = False

    def _on_route_choice(self) -> None:
        if not self._quiet:
            self._draw_picture()

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
        if not self._quiet:
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



class WhoFirst(w.VBox):
    """"Who should we engage first?": how many people, which model, compare; the answer in words.

    Runs :func:`~qi_kit.compare_strategies` with the same defaults a notebook cell uses (200
    runs, seed 42), so the widget and the notebook give the same answer for the same map, ties
    and model. The model is a visible choice, each explained in one sentence under the menu.
    Each answer is kept, so asking again only redraws.

    Parameters
    ----------
    map
        The map (the participant's, or a case study); ``None`` waits for :meth:`set_map`.
    kind
        The ties the change travels along (default advice and trust).
    seed, runs
        As in :func:`~qi_kit.compare_strategies`.
    """

    def __init__(self, map: StakeholderMap | None = None, *, kind: Sequence[str] = LISTENING, seed: int = 42,
                 runs: int = STRATEGY_RUNS, **kwargs: Any):
        super().__init__(**kwargs)
        self.add_class("qi-who-first")
        self.seed, self.runs = seed, runs
        self.kinds = tuple(kind)
        self.adoption: Any = None
        self.result: pd.DataFrame | None = None
        # a number box, not a slider: a slider's handle has no name a screen reader can read
        self.budget_slider = control(w.BoundedIntText(value=BUDGET, min=1, max=10, description="People:",
                                                       tooltip="how many people the change team can engage first",
                                                       style={"description_width": "4em"},
                                                       layout=w.Layout(width="10em")), "qi-explorer-budget")
        self.model_dropdown = control(w.Dropdown(options=[(text, key) for key, text in MODELS.items()],
                                                  value=next(iter(MODELS)), description="Model:",
                                                  style={"description_width": "4em"},
                                                  layout=w.Layout(width="auto", max_width="100%")),
                                       "qi-explorer-model")
        self.model_words = control(w.HTML(model_html(self.model_dropdown.value)), "qi-explorer-model-words")
        self.model_dropdown.observe(lambda change: setattr(self.model_words, "value", model_html(change["new"])),
                                    names="value")
        self.run_button = button("Compare strategies", "qi-explorer-run", icon="play", style="primary",
                                  tooltip="simulate engaging formal leaders, informal leaders, brokers or "
                                          "a random group first")
        self.run_status = control(w.HTML(), "qi-explorer-run-status")
        self.adoption_image = hide_when_empty(picture_image("qi-explorer-adoption"))
        self.adoption_alt = control(w.HTML(), "qi-explorer-adoption-alt")
        self.strategies_html = control(w.HTML(), "qi-explorer-strategies")
        self.run_button.on_click(guarded(self.run_status)(self._on_run))
        self.children = [
            w.HTML("<h4>Who should we engage first?</h4><p>The kit simulates a change spreading from the first "
                   "people engaged to the people who listen to them, many times over, for each strategy. "
                   "It is a way to think, not a prediction.</p>"),
            w.HBox([self.budget_slider, self.model_dropdown, self.run_button], layout=w.Layout(flex_flow="row wrap")),
            self.model_words, self.run_status, self.adoption_image, self.adoption_alt, self.strategies_html,
        ]
        self._answers: dict[tuple, tuple[pd.DataFrame, Any, bytes]] = {}
        self._map = StakeholderMap([], [])
        tidy(self)
        self.set_map(map if map is not None else self._map)

    def __repr__(self) -> str:
        return f"Who should we engage first? {self._map.summary()}"

    def set_map(self, m: StakeholderMap) -> None:
        """A new map: forget the answers for the old one."""
        self._map = m
        self._answers = {}
        self.budget_slider.max = max(1, min(10, len(m)))
        self.budget_slider.value = min(BUDGET, self.budget_slider.max)  # a new map starts from the default
        self._clear()

    def set_kind(self, kind: Sequence[str]) -> None:
        """The ties the change travels along (the explorer's lens)."""
        self.kinds = tuple(kind)
        self._clear()

    def _clear(self) -> None:
        self.adoption, self.result = None, None
        show_picture(self.adoption_image, b"", None, self.adoption_alt)
        self.strategies_html.value = ""
        show_message(self.run_status, "Choose how many people the team can engage first and a model, then press "
                                      "'Compare strategies'.", "info")

    def _on_run(self, _: Any) -> None:
        from ..plots.network import adoption_picture

        if not len(self._map):
            show_message(self.run_status, "The map is empty: add people and ties with the editor first.", "warn")
            return
        budget, model = self.budget_slider.value, self.model_dropdown.value
        key = (self.kinds, budget, model)
        if key not in self._answers:
            show_message(self.run_status, f"Running {len(STRATEGY_ORDER)} strategies \u00d7 {self.runs} simulations "
                                          f"on the {kinds_words(self.kinds)} ties\u2026", "info")
            self.run_button.disabled = True
            try:
                result = compare_strategies(self._map, budget=budget, kind=self.kinds, strategies=STRATEGY_ORDER,
                                            model=model, runs=self.runs, seed=self.seed)
                picture = adoption_picture(result)
                self._answers[key] = (result, picture, png_bytes(picture))
            finally:
                self.run_button.disabled = False
        self.result, self.adoption, png = self._answers[key]
        show_picture(self.adoption_image, png, self.adoption, self.adoption_alt)
        self.strategies_html.value = _strategies_html(self.result)
        show_message(self.run_status, self.result.attrs.get("summary", ""), "ok")


def model_html(model: str) -> str:
    """What a spread model assumes, in one sentence, and why the choice matters (safe HTML)."""
    return (f"<p><i>The model:</i> {esc(MODEL_WORDS[model])}. The answer depends on it: try the others, and ask "
            "which is closer to how your change is taken up.</p>")


def _routes_html(paths: pd.DataFrame) -> str:
    """The routes found, strongest first, with who sits on every one (safe HTML)."""
    summary = f"<p>{esc(paths.attrs.get('summary', ''))}</p>"
    if paths.empty:
        return summary
    items = [f"{ROUTE_NAMES[i]}: {sentence}" for i, sentence in enumerate(paths["sentence"])]
    return summary + bullet_list(items)


def _strategies_html(result: pd.DataFrame) -> str:
    """Who each strategy engages first and how many take up the change by the last round."""
    final = result.attrs.get("final")
    seeds = result.attrs.get("seeds", {})
    if final is None or final.empty:
        return ""
    n_rounds = int(result["round"].max())
    rows = [{"strategy": label, "engaged first": ", ".join(seeds.get(label, [])) or "a different random group each run",
             f"adopted after {n_rounds} rounds (average)": f"{row['adopted']:.1f}",
             "9 in 10 runs between": f"{row['low']:.0f} and {row['high']:.0f}"}
            for label, row in final.iterrows()]
    return html_table(pd.DataFrame(rows))

