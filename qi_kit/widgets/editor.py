"""The stakeholder editor: build an influence map with forms and buttons, no code.

A participant adds people (name, title, unit, ratings on sliders, a role) and the ties between
them (who goes to whom, of which kind, how strongly), sees the tables and a small picture of the
map grow, can undo, import a spreadsheet and export the map as CSV. Every change is saved at once
to the participant's workspace (section ``map``), so a kernel restart loses nothing.

The widget holds no rules of its own: every check is the model's (``StakeholderMap`` editing
methods and :func:`~qi_kit.importing.read_map` raise :class:`~qi_kit.errors.MapError`), shown
here as a plain-language message box.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Mapping

import ipywidgets as w

from ..cases import load_case
from ..editing import MapSession
from ..errors import MapError, WorkspaceError
from ..takehome.map import export_csv
from ..glossary import tie_sentence
from ..text import plural
from ..importing import read_uploaded, read_uploaded_maps, upload_name
from ..model import StakeholderMap
from ..state.editor import change_note, form_values, keep_note, status_line, ties_of, undo_note, welcome
from ._common import (BLANK_PNG, MessageNear, caption_html, control, error_text, esc, guarded, hide_when_empty, live,
                      numbered_table, paused, picture_image, png_bytes, show_message, show_picture, shown_path, tidy)
from .editor_forms import (NEW_PERSON, PICTURE_SIZE, PRIVACY_HELP, RATING_LABELS, TIE_HELP, person_form, start_options,
                           start_row, tie_form)

# moved to their homes (qi_kit.takehome, .glossary, .importing, widgets._common, widgets.editor_forms);
# still importable from here
__all__ = ["MapEditor", "form_error", "export_csv", "read_uploaded", "read_uploaded_maps", "upload_name",
           "tie_sentence", "shown_path", "hide_when_empty", "png_bytes", "BLANK_PNG", "NEW_PERSON", "PICTURE_SIZE",
           "PRIVACY_HELP", "RATING_LABELS"]


def form_error(action: str, exc: Exception) -> str:
    """A form's error in plain words: what is wrong and how to fix it.

    The model names rows of its internal tables ("people table, row 38"); a form edits one
    entry, so the problem is said as a form says it (:attr:`~qi_kit.errors.Problem.in_form`):
    no rows, no file.
    """
    if not isinstance(exc, MapError):
        return error_text(exc)
    lines = [f"Could not {action}:"]
    lines += [f"- {p.in_form}" for p in exc.problems]
    return "\n".join(lines)


# --------------------------------------------------------------------------- the widget


class MapEditor(w.VBox):
    """Build and edit a stakeholder influence map with forms (no code).

    Parameters
    ----------
    map
        A map to open as a practice copy (never saved). When omitted, the participant's own map
        saved in the workspace is restored (or a blank map if nothing was saved yet); a case
        study can be opened from the dropdown, as a practice copy too.
    path
        The workspace file (default ``my_work/workspace.json``); every change to the own map is
        saved there, in the section ``map``, with its undo history (``map_history``).

    Notes
    -----
    ``value`` is the current :class:`~qi_kit.StakeholderMap` (read-only: edit with the forms).
    The logic lives in :class:`~qi_kit.editing.MapSession`: a case study or a map given opens
    as a practice copy whose edits are never saved, so looking at a case never overwrites the
    participant's own map; ``Start my own map`` brings the saved map back exactly as saved and
    ``Make this my map`` keeps a practice copy as the participant's map on purpose. Undo works
    across restarts. If the saved work is damaged or missing, the message says so and
    ``Restore my work`` brings the last good copy back.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> editor = MapEditor(path=pathlib.Path(tempfile.mkdtemp()) / "workspace.json")
    >>> editor.name_text.value = "Charge nurse B"; editor.add_person_button.click()
    >>> editor.value.names, "Saved automatically" in editor.status.value
    (['Charge nurse B'], True)
    """

    def __init__(self, map: StakeholderMap | None = None, *, path: str | os.PathLike | None = None,
                 **kwargs: Any):
        super().__init__(**kwargs)
        self.add_class("qi-editor")
        self._restorable: bool | None = None  # whether 'Restore my work' is shown (None: not looked up)
        self.picture: Any = None  # the last Picture drawn (its .data says what is shown)
        self._drawn: tuple | None = None  # what the picture shows, to skip redrawing the same
        self._layout: tuple | None = None  # people and ties the positions were computed for
        self._tables_shown: dict[str, Any] = {}  # table -> the rows it shows, to skip rewriting the same
        self._positions: dict[str, tuple[float, float]] = {}
        self._build()
        tidy(self)
        self.session = MapSession(path, practice=map,
                                  practice_name=f"'{map.title}'" if map is not None and map.title else "the map given")
        self._saver = self.session.saver
        self._redraw()
        self._fill_form(None)
        self._say(*welcome(self.session))

    # ---- reading
    @property
    def value(self) -> StakeholderMap:
        """The map as it is now."""
        return self.session.map

    @property
    def _map(self) -> StakeholderMap:
        return self.session.map

    @property
    def practising(self) -> bool:
        """True while a practice copy (a case study) is open: edits are not saved."""
        return self.session.practice is not None

    def __repr__(self) -> str:
        # the text shown where widgets cannot be drawn (and compared by nbval): short, plain, stable
        if not len(self._map):
            return "Stakeholder editor: a blank map. Add people and ties with the forms."
        return f"Stakeholder editor: {self._map.summary()}"

    # ---- building the controls
    def _build(self) -> None:
        self.message = control(w.HTML(), "qi-editor-message")
        self.status = control(w.Label(), "qi-editor-status")
        for controls in (start_row(start_options()), person_form(), tie_form()):
            for name, widget in vars(controls).items():
                setattr(self, name, widget)
        self._wire()
        self.people_table = control(w.HTML(), "qi-editor-people-table")  # scrolls inside (scroll_box)
        self.ties_table = control(w.HTML(), "qi-editor-ties-table")
        self.tables = control(w.Tab(children=[self.people_table, self.ties_table]), "qi-editor-tables")
        self.tables.titles = ("People", "Ties")
        self.picture_image = hide_when_empty(picture_image("qi-editor-picture"))
        self.picture_alt = control(w.HTML(), "qi-editor-picture-alt")
        # one message box, shown under the row of buttons that was used last
        self.message_near = near = MessageNear(self.message)
        top_slot = near.slot(self.start_own_button, self.open_button, self.keep_button, self.undo_button,
                             self.restore_button, self.map_title_text, self.upload, self.export_button)
        person_buttons = w.HBox([self.add_person_button, self.update_person_button, self.remove_person_button,
                                 self.clear_form_button])
        tie_buttons = w.HBox([self.add_tie_button, self.remove_tie_button])
        people_box = w.VBox([w.HTML("<h4>People</h4>"), w.HTML(PRIVACY_HELP), self.person_dropdown,
                             self.name_text, self.title_text, self.unit_text,
                             *self.rating_sliders.values(), self.role_dropdown, self.notes_text,
                             person_buttons, near.slot(*person_buttons.children)],
                            layout=w.Layout(width="50%"))
        ties_box = w.VBox([w.HTML("<h4>Ties</h4>"), w.HTML(TIE_HELP), self.source_dropdown,
                           self.target_dropdown, self.kind_dropdown, self.strength_slider,
                           self.tie_sentence, tie_buttons, near.slot(*tie_buttons.children)],
                          layout=w.Layout(width="50%"))
        near.move_to(top_slot)
        self.children = [self.start_row, self.file_row, top_slot, self.status,
                         w.HBox([people_box, ties_box], layout=w.Layout(flex_flow="row nowrap")),
                         self.picture_image, self.picture_alt, self.tables]
        live(self)  # a widget left by a restarted kernel says so

    def _wire(self) -> None:
        guard = guarded(self.message)
        # the handlers the program pauses (traitlets' unobserve) while it fills the form and the title
        self._person_picked = guard(self._on_pick_person)
        self._title_typed = guard(self._on_map_title)
        for button_, handler in ((self.start_own_button, self._on_start_own), (self.open_button, self._on_open),
                                 (self.undo_button, self._on_undo), (self.keep_button, self._on_keep),
                                 (self.restore_button, self._on_restore), (self.export_button, self._on_export)):
            button_.on_click(guard(handler))
        self.upload.observe(guard(self._on_upload), names="value")
        self.map_title_text.observe(self._title_typed, names="value")
        self.person_dropdown.observe(self._person_picked, names="value")
        for button_, handler in ((self.add_person_button, self._on_add_person),
                                 (self.update_person_button, self._on_update_person),
                                 (self.remove_person_button, self._on_remove_person),
                                 (self.clear_form_button, lambda _: self._fill_form(None)),
                                 (self.add_tie_button, self._on_add_tie),
                                 (self.remove_tie_button, self._on_remove_tie)):
            button_.on_click(guard(handler))
        for chosen in (self.source_dropdown, self.target_dropdown, self.kind_dropdown, self.strength_slider):
            chosen.observe(lambda _: self._describe_tie(), names="value")

    # ---- saying what happened
    def _say(self, text: str, kind: str = "info") -> None:
        show_message(self.message, text, kind)

    # ---- starting points
    def _show(self, note: str, kind: str = "info") -> None:
        self._redraw()
        self._fill_form(None)
        self._say(note, kind)

    def _on_start_own(self, _: Any) -> None:
        note = self.session.open_own()
        self._show(note, "error" if self.session.problem else "info")

    def _on_open(self, _: Any) -> None:
        choice = self.case_dropdown.value
        if not choice:
            outcome = self.session.start_again(self.session.own.title)
            self._show(outcome.note, outcome.kind if outcome.saved else "warn")
            return
        note = self.session.open_practice(load_case(choice), f"the {choice} case study")
        self._show(note, "info")

    def _on_keep(self, _: Any) -> None:
        name = self.session.practice
        outcome = self.session.keep_practice()
        self._show(*keep_note(name, outcome, self._map.summary()))

    def _show_restore(self, check: bool = False) -> None:
        """Show 'Restore my work' while the saved work needs it (looked up when it may have changed:
        at the start, after a save in rescue mode, after a restore)."""
        if check or self._restorable is None or self.session.saver.rescue:
            status = self.session.status()
            self._restorable = status.can_restore and status.needs_attention
        self.restore_button.layout.display = None if self._restorable else "none"

    def _on_restore(self, _: Any) -> None:
        try:
            note = self.session.restore()
        except WorkspaceError as exc:
            self._say(str(exc), "error")
            return
        self._restorable = None  # looked up again at the redraw
        self._show(f"{note} Your map: {self._map.summary()}", "ok")

    # ---- editing
    def _change(self, new: StakeholderMap, what: str, note: str, *, unsaved: str | None = None) -> None:
        """Apply an edit: Undo can take it back; the own map is saved, a practice copy is not."""
        outcome = self.session.change(new, what)
        self._redraw()
        self._say(*change_note(outcome, note, practising=self.practising, unsaved=unsaved))

    def _form_fields(self) -> dict[str, Any]:
        fields: dict[str, Any] = {"title": self.title_text.value, "unit": self.unit_text.value}
        fields.update({field: slider.value for field, slider in self.rating_sliders.items()})
        fields.update(role=self.role_dropdown.value, notes=self.notes_text.value)
        return fields

    def _on_add_person(self, _: Any) -> None:
        name = self.name_text.value
        try:
            new = self._map.add_person(name, **self._form_fields())
        except MapError as exc:
            show_message(self.message, form_error("add this person", exc), "error")
            return
        added = new.names[-1]
        self._change(new, f"added {added}", f"Added {added} ({plural(len(new), 'person', 'people')} on the map).")
        self._fill_form(None, keep_unit=True)

    def _on_update_person(self, _: Any) -> None:
        old = self.person_dropdown.value
        if not old:
            show_message(self.message, "Pick the person to change in 'Edit' first (or press 'Add person' "
                                       "to add a new one).", "warn")
            return
        try:
            new = self._map.update_person(old, name=self.name_text.value, **self._form_fields())
        except MapError as exc:
            show_message(self.message, form_error(f"save the changes to {old}", exc), "error")
            return
        if new == self._map:
            show_message(self.message, f"Nothing to save: {old} is already like this.", "info")
            return
        renamed = " ".join(self.name_text.value.split())
        self._change(new, f"changed {old}", f"Saved the changes to {renamed}.", unsaved=f"Changed {renamed}.")
        self._select_person(renamed)

    def _on_remove_person(self, _: Any) -> None:
        name = self.person_dropdown.value
        if not name:
            show_message(self.message, "Pick the person to remove in 'Edit' first.", "warn")
            return
        count = ties_of(self._map, name)
        new = self._map.remove_person(name)
        self._change(new, f"removed {name}",
                     f"Removed {name} and their {plural(count, 'tie')}. Undo brings them back.")
        self._fill_form(None)

    def _on_add_tie(self, _: Any) -> None:
        source, target = self.source_dropdown.value, self.target_dropdown.value
        kind, strength = self.kind_dropdown.value, self.strength_slider.value
        try:
            new = self._map.add_tie(source, target, kind, strength)
        except MapError as exc:
            show_message(self.message, form_error("add this tie", exc), "error")
            return
        self._change(new, f"added a tie from {source} to {target}",
                     f"Added: {tie_sentence(source, target, kind, strength)}")

    def _on_remove_tie(self, _: Any) -> None:
        source, target, kind = self.source_dropdown.value, self.target_dropdown.value, self.kind_dropdown.value
        try:
            new = self._map.remove_tie(source, target, kind)
        except MapError as exc:
            show_message(self.message, form_error("remove this tie", exc), "error")
            return
        self._change(new, f"removed a tie from {source} to {target}",
                     f"Removed the {kind.replace('_', ' ')} tie from {source} to {target}.")

    def _on_map_title(self, change: Mapping[str, Any]) -> None:
        if change["new"] == self._map.title:
            return
        new = StakeholderMap(self._map.people, self._map.ties, title=change["new"])
        self._change(new, "renamed the map", f"The map is now called '{new.title}'.")

    def _on_undo(self, _: Any) -> None:
        undone = self.session.undo()
        if undone is None:
            self._say("There is nothing to undo.", "info")
            return
        what, outcome = undone
        self._redraw()
        self._fill_form(None)
        self._say(*undo_note(what, outcome, practising=self.practising))

    # ---- files
    def _on_upload(self, change: Mapping[str, Any]) -> None:
        files = list(change["new"] or ())
        if not files:
            return
        names = " and ".join(Path(str(f.get("name") or "upload")).name for f in files)
        if all(str(f.get("name") or "").casefold().endswith(".json") for f in files):
            self.upload.value = ()
            self._open_group(files)
            return
        show_message(self.message, f"Reading {names}\u2026", "info")
        try:
            new = read_uploaded(files, title=self._map.title)
        except MapError as exc:
            show_message(self.message, f"{names} could not be imported; your map is unchanged.\n{exc}", "error")
            return
        finally:
            self.upload.value = ()  # ready for the next upload (this change is ignored above)
        self._change(new, f"imported {names}", f"Imported {names}: {new.summary()} Undo brings the previous map back.")
        self._fill_form(None)

    def _open_group(self, files: list[Mapping[str, Any]]) -> None:
        """Several informants' maps of one team: open their consensus and list what to check."""
        from ..group_maps import agreement_summary, merge_maps, things_to_check

        try:
            maps = read_uploaded_maps(files)
            consensus = merge_maps(maps)
        except MapError as exc:
            show_message(self.message, f"These maps could not be combined; your map is unchanged.\n{exc}", "error")
            return
        checks = things_to_check(maps)
        # the consensus opens as a practice copy: 'Make this my map' keeps it, on purpose
        self.session.open_practice(consensus, f"the consensus of {len(maps)} maps")
        lines = [f"The consensus of {len(maps)} maps is open as a practice copy ({consensus.summary()}) "
                 f"{agreement_summary(maps)} 'Make this my map' keeps it as yours."]
        lines += [f"- {line}" for line in checks[:8]] + ([f"- ... and {len(checks) - 8} more."] if len(checks) > 8 else [])
        self._show("\n".join(lines), "info")

    def _on_export(self, _: Any) -> None:
        written = export_csv(self._map)
        where = " and ".join(shown_path(p.parent) + "/" + p.name for p in written.values())
        show_message(self.message, f"Saved {where}. Open them in Excel, or import them here later.", "ok")

    # ---- the form
    def _fill_form(self, name: str | None, *, keep_unit: bool = False) -> None:
        """Put a person's fields into the form (``None``: an empty form for a new person)."""
        values = form_values(self._map, name)
        with paused(self._person_picked, [self.person_dropdown]):
            self.name_text.value = values["name"]
            self.title_text.value = values["title"]
            if not keep_unit or name:
                self.unit_text.value = values["unit"]
            for field, slider in self.rating_sliders.items():
                slider.value = values[field]
            self.role_dropdown.value = values["role"]
            self.notes_text.value = values["notes"]
            self.person_dropdown.value = name or ""

    def _select_person(self, name: str) -> None:
        self._fill_form(self._map.resolve(name))

    def _on_pick_person(self, change: Mapping[str, Any]) -> None:
        self._fill_form(change["new"] or None)

    def _describe_tie(self) -> None:
        self.tie_sentence.value = esc("Reads: " + tie_sentence(self.source_dropdown.value, self.target_dropdown.value,
                                                               self.kind_dropdown.value, self.strength_slider.value))

    # ---- drawing
    def _redraw(self) -> None:
        """Bring every view in line with the map: choices, tables, picture, status."""
        m = self._map
        names = m.names
        with paused(self._person_picked, [self.person_dropdown]), paused(self._title_typed, [self.map_title_text]):
            keep = self.person_dropdown.value
            self.person_dropdown.options = [(NEW_PERSON, "")] + [(n, n) for n in names]
            self.person_dropdown.value = keep if keep in names else ""
            for dropdown, default in ((self.source_dropdown, names[:1]), (self.target_dropdown, names[1:2])):
                keep = dropdown.value
                dropdown.options = [(n, n) for n in names]
                dropdown.value = keep if keep in names else (default[0] if default else None)
            self.map_title_text.value = m.title
        self._describe_tie()
        self._show_table("people", self.people_table, m.people, "No people yet: add the first one with the form.")
        self._show_table("ties", self.ties_table, m.ties, "No ties yet: pick two people and add a tie.")
        self.undo_button.disabled = not self.session.can_undo
        self.keep_button.layout.display = None if self.practising else "none"
        self._show_restore()
        self.status.value = status_line(m, practising=self.practising, where=shown_path(self._saver.path))
        self._draw_picture()

    def _show_table(self, table: str, view: w.HTML, frame: Any, empty: str) -> None:
        """Write a table (escaped, numbered) unless it shows these rows already: adding a person leaves
        the ties as they were, and the ties table is the longest to write (about 15 ms for 60 people)."""
        shown = self._tables_shown.get(table)
        if shown is not None and shown.equals(frame) and list(shown.columns) == list(frame.columns):
            return
        view.value = numbered_table(frame, empty, f"{table.capitalize()} on the map (scroll to see all)")
        self._tables_shown[table] = frame

    def _draw_picture(self) -> None:
        m = self._map
        if len(m) == 0:
            self.picture, self._drawn = None, None
            show_picture(self.picture_image, b"", None)
            self.picture_alt.value = caption_html("The picture of your map appears here as you add people.")
            return
        # The picture shows names, roles (colours) and ties only: editing a rating, a title or a
        # note leaves it as it is, and positions change only when people or ties do.
        people = m.people
        layout = (tuple(people["name"]), tuple(m.ties.itertuples(index=False, name=None)))
        drawn = (layout, tuple(people["role"]))
        if drawn == self._drawn:
            return
        from ..plots.network import LiveMap, positions

        if layout != self._layout:
            # every kind of tie, through the graph the picture uses anyway (built once per map): the
            # same positions as positions(m), without building the map's graph a second time
            self._positions, self._layout = positions(m, kind=m.kinds()) if m.kinds() else positions(m), layout
        live = LiveMap(m, kind=m.kinds() or ["advice"], positions=self._positions, width=PICTURE_SIZE[0],
                       height=PICTURE_SIZE[1], title="Your map: arrows point at the person listened to")
        png = live.png()
        self.picture = live.picture()
        show_picture(self.picture_image, png, self.picture, self.picture_alt)
        self._drawn = drawn
