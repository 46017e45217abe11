"""The map editor's controls: the start and file rows, the person form and the tie form.

Built here, wired in :class:`~qi_kit.widgets.editor.MapEditor` (each control keeps its CSS class,
which the browser tests and the notebooks' styles find it by). Every function returns the
controls by name; nothing here reacts to a click.
"""

from __future__ import annotations

from types import SimpleNamespace

import ipywidgets as w

from ..cases import list_cases
from ..glossary import STRENGTH_WORDS
from ..model import FIELD_HELP, RATINGS, ROLES, STRENGTH, TIE_KINDS
from ._common import button, choice_buttons, control

RATING_LABELS: dict[str, str] = {"authority": "Authority", "influence": "Influence",
                                 "interest": "Interest", "stance": "Stance"}
NEW_PERSON = "\u2014 a new person \u2014"
PICTURE_SIZE = (7.0, 4.6)  # inches: the notebook's width, under the forms; small enough to redraw quickly

PRIVACY_HELP = (
    "<b>Privacy first:</b> use initials or a role (e.g. &lsquo;Charge nurse B&rsquo;, "
    "&lsquo;Consultant 1&rsquo;) rather than full names. Your map is saved only on this "
    "computer, in <code>my_work/</code>; nothing is sent anywhere."
)

WIDE = {"description_width": "7em"}

TIE_HELP = (
    "A tie points at the person who is <b>listened to</b>: &lsquo;Tom goes to Rosa for advice&rsquo; "
    "is a tie from Tom to Rosa. Pick both people, the kind and how strong it is."
)


def start_options() -> list[tuple[str, str]]:
    """What the editor can open: a blank map (start again), or a case study as a practice copy."""
    return [("a blank map (start again)", "")] + [(f"the {name} case study", name) for name in list_cases()["name"]]


def start_row(start_options: list[tuple[str, str]]) -> SimpleNamespace:
    """The start row (own map, a case, keep, undo, restore, the title) and the file row (import, export)."""
    c = SimpleNamespace()
    c.start_own_button = button("Start my own map", "qi-editor-start-own", icon="user",
                                style="primary",
                                tooltip="open your saved map, or a blank one if you have none yet")
    c.case_dropdown = control(w.Dropdown(options=start_options, description="Or open:",
                                         style={"description_width": "initial"}), "qi-editor-case")
    c.open_button = button("Open", "qi-editor-open", icon="folder-open",
                           tooltip="open the chosen case study as a practice copy (never saved), "
                                   "or start your map again from blank (Undo brings it back)")
    c.keep_button = button("Make this my map", "qi-editor-keep", icon="check",
                           tooltip="keep this practice copy as your own map (Undo takes it back)")
    c.undo_button = button("Undo", "qi-editor-undo", icon="undo", tooltip="take back the last change")
    c.restore_button = button("Restore my work", "qi-editor-restore", icon="life-ring", style="warning",
                              tooltip="bring back the last good copy of your saved work")
    c.map_title_text = control(w.Text(description="Map title:", placeholder="e.g. Falls bundle on Ward 7B",
                                      continuous_update=False, style=WIDE), "qi-editor-map-title")
    c.start_row = w.HBox([c.start_own_button, c.case_dropdown, c.open_button, c.keep_button,
                          c.undo_button, c.restore_button, c.map_title_text],
                         layout=w.Layout(flex_flow="row wrap"))
    c.upload = control(w.FileUpload(accept=".csv,.xlsx,.xls,.xlsm,.tsv,.txt,.json", multiple=True,
                                    description="Import CSV/Excel", layout=w.Layout(width="auto"),
                                    tooltip="one Excel file (sheets 'people' and 'ties'), "
                                            "or two CSV files: people and ties; or several colleagues' "
                                            "saved maps (.json) for their consensus"), "qi-editor-upload")
    c.export_button = button("Export to CSV", "qi-editor-export", icon="download",
                             tooltip="save the people and ties tables in my_work/exports/")
    c.file_row = w.HBox([c.upload, c.export_button])
    return c


def person_form() -> SimpleNamespace:
    """The person form: whom to edit, name, job title, unit, the four ratings, role, notes, its buttons."""
    c = SimpleNamespace()

    def text(label: str, field: str, css: str, placeholder: str) -> w.Text:
        return control(w.Text(description=label, placeholder=placeholder, tooltip=FIELD_HELP[field],
                              style=WIDE), css)

    c.person_dropdown = control(w.Dropdown(description="Edit:", style=WIDE,
                                           tooltip="pick a person to change or remove"),
                                "qi-editor-person")
    c.name_text = text("Name:", "name", "qi-editor-name", "initials or a role, e.g. Charge nurse B")
    c.title_text = text("Job title:", "title", "qi-editor-title", "e.g. Staff nurse")
    c.unit_text = text("Unit:", "unit", "qi-editor-unit", "e.g. Ward 7B, nights")
    # ratings are rows of buttons, not sliders: each choice is a button a screen reader can name
    c.rating_sliders = {}
    for field, (low, high, default) in RATINGS.items():
        values = range(low, high + 1)
        buttons = choice_buttons([(f"{v:+d}" if low < 0 and v else str(v), v) for v in values], default,
                                 description=f"{RATING_LABELS[field]}:", tooltip=FIELD_HELP[field])
        c.rating_sliders[field] = control(buttons, f"qi-editor-{field}")
    c.role_dropdown = control(w.Dropdown(options=[("(none)", "")] + [(r, r) for r in ROLES],
                                         description="Role:", tooltip=FIELD_HELP["role"], style=WIDE),
                              "qi-editor-role")
    c.notes_text = control(w.Textarea(description="Notes:", placeholder="anything worth remembering",
                                      tooltip=FIELD_HELP["notes"], style=WIDE,
                                      layout=w.Layout(height="4em")), "qi-editor-notes")
    c.add_person_button = button("Add person", "qi-editor-add-person", icon="user-plus", style="success")
    c.update_person_button = button("Save changes", "qi-editor-update-person", icon="save",
                                    tooltip="save the form to the person picked in 'Edit'")
    c.remove_person_button = button("Remove person", "qi-editor-remove-person", icon="user-times",
                                    tooltip="remove the person picked in 'Edit', with their ties")
    c.clear_form_button = button("Clear form", "qi-editor-clear-form", icon="eraser")
    return c


def tie_form() -> SimpleNamespace:
    """The tie form: who goes to whom, the kind and the strength, the tie in words, its buttons."""
    c = SimpleNamespace()
    c.source_dropdown = control(w.Dropdown(description="Who:", tooltip=FIELD_HELP["source"], style=WIDE),
                                "qi-editor-source")
    c.target_dropdown = control(w.Dropdown(description="goes to:", tooltip=FIELD_HELP["target"],
                                           style=WIDE), "qi-editor-target")
    c.kind_dropdown = control(w.Dropdown(options=[(k.replace("_", " "), k) for k in TIE_KINDS],
                                         value="advice", description="Kind:", tooltip=FIELD_HELP["kind"],
                                         style=WIDE), "qi-editor-kind")
    low, high, default = STRENGTH
    c.strength_slider = control(choice_buttons([(f"{v} {STRENGTH_WORDS.get(v, '')}".strip(), v)
                                                for v in range(low, high + 1)], default,
                                               description="Strength:", tooltip=FIELD_HELP["strength"]),
                                "qi-editor-strength")
    c.tie_sentence = control(w.HTML(), "qi-editor-tie-sentence")  # HTML: wraps (a Label cuts it off)
    c.add_tie_button = button("Add tie", "qi-editor-add-tie", icon="link", style="success")
    c.remove_tie_button = button("Remove tie", "qi-editor-remove-tie", icon="unlink",
                                 tooltip="remove the tie shown above (same people and kind)")
    return c
