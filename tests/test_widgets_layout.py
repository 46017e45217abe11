"""Widgets a room can read: buttons never cut, messages next to the button used, pictures at their
natural size with alt text, one date format. (What the browser shows is checked in
``tests/browser/test_browser_notebooks.py``; these check the layouts the kit asks for.)"""

from __future__ import annotations

import datetime as dt

import ipywidgets as w
import pytest

from qi_kit import load_case
from qi_kit.engage import EngagementPlan, plan_html, plan_markdown
from qi_kit.engage.comms import comms_summary, draft_comms_plan
from qi_kit.glossary import date_words
from qi_kit.widgets._common import MessageNear, PictureImage, caption_html, tidy
from qi_kit.widgets.editor import MapEditor
from qi_kit.widgets.explorer import NetworkExplorer
from qi_kit.widgets.pitch_builder import PitchBuilder
from qi_kit.widgets.activities import TakeHomeExport, TouchPointsEditor
from qi_kit.widgets.planner import CommsPlanEditor, EngagementPlanner
from qi_kit.widgets.room import RoomView
from qi_kit.widgets.share import ShareButton


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def _buttons(widget):
    return [x for x in _walk(widget) if isinstance(x, w.Button)]


# --------------------------------------------------------------------------- buttons never cut


def test_tidy_lets_buttons_size_to_their_words_and_rows_wrap():
    shared = w.Layout(width="16em")
    box = w.VBox([w.HBox([w.Button(description="Add person", layout=shared), w.Text(layout=shared)])])
    tidy(box)
    row = box.children[0]
    button, text = row.children
    assert row.layout.flex_flow == "row wrap"
    assert (button.layout.width, button.layout.flex) == ("auto", "0 0 auto")
    assert text.layout.width == "16em"  # a layout shared with another control is left alone
    later = w.Button(description="Save changes")
    row.children = (*row.children, later)  # added later: tidied too
    assert later.layout.flex == "0 0 auto"


@pytest.mark.parametrize("make", [
    lambda tmp: MapEditor(path=tmp / "w.json"),
    lambda tmp: NetworkExplorer(load_case("ward"), path=tmp / "w.json"),
    lambda tmp: EngagementPlanner(load_case("ward"), path=tmp / "w.json", start="2026-01-12"),
    lambda tmp: PitchBuilder(load_case("ward"), path=tmp / "w.json"),
    lambda tmp: TouchPointsEditor(path=tmp / "w.json"),
    lambda tmp: TakeHomeExport(load_case("ward"), path=tmp / "w.json"),
    lambda tmp: ShareButton(path=tmp / "w.json"),
    lambda tmp: RoomView(),
], ids=["editor", "explorer", "planner", "pitch builder", "touch points", "take-home export", "share", "room"])
def test_every_button_of_every_widget_sizes_to_its_words(tmp_path, make):
    widget = make(tmp_path)
    buttons = _buttons(widget)
    assert buttons
    assert all((b.layout.width, b.layout.flex) == ("auto", "0 0 auto") for b in buttons), [
        b.description for b in buttons if b.layout.flex != "0 0 auto"]
    assert all(box.layout.flex_flow for box in _walk(widget) if isinstance(box, w.HBox))


# --------------------------------------------------------------------------- messages where they were caused


def test_the_editors_message_shows_under_the_buttons_used(tmp_path):
    editor = MapEditor(path=tmp_path / "w.json")
    near = editor.message_near
    assert near.where == 0  # the welcome, under the first row
    editor.name_text.value = "Charge nurse B"
    editor.add_person_button.click()
    assert near.where == 1 and "Added Charge nurse B" in editor.message.value
    form = next(b for b in _walk(editor) if isinstance(b, w.VBox) and near.slots[1] in b.children)
    row = form.children[list(form.children).index(near.slots[1]) - 1]
    assert editor.add_person_button in row.children  # the slot sits right under the button's row
    editor.add_tie_button.click()  # only one person: the tie cannot be added
    assert near.where == 2 and "Could not add this tie" in editor.message.value
    editor.undo_button.click()
    assert near.where == 0 and "Undone" in editor.message.value
    assert sum(bool(slot.children) for slot in near.slots) == 1  # one message, in one place


def test_message_near_moves_one_message_between_slots():
    message = w.HTML("hello")
    near = MessageNear(message)
    first, second = w.Button(), w.Dropdown(options=["a", "b"])
    a, b = near.slot(first), near.slot(second)
    assert near.where == -1
    first.click()
    assert a.children == (message,) and b.children == ()
    second.value = "b"
    assert b.children == (message,) and a.children == ()


# --------------------------------------------------------------------------- pictures in widgets


def test_widget_pictures_show_at_their_natural_size_with_alt_text(tmp_path):
    explorer = NetworkExplorer(load_case("ward"), path=tmp_path / "w.json")
    image = explorer.picture_image
    assert isinstance(image, PictureImage)
    assert (image.layout.width, image.layout.max_width, image.layout.height) == ("auto", "100%", "auto")
    assert image.tooltip == explorer.picture.short_alt and image.tooltip.startswith("A map of 37 people")
    assert explorer.picture_alt.value == caption_html(explorer.picture.alt)
    # the map takes the widget's whole width, not a column beside the person's card
    assert image in explorer.children
    explorer.overlay_checkboxes["brokers"].value = True
    explorer.overlay_checkboxes["informal leaders"].value = True
    assert set(explorer.picture.data["marks"]) == {"informal leader", "broker"}


def test_captions_wrap_and_are_escaped():
    html = caption_html("A map of <b>Rosa</b>, who listens to whom")
    assert "&lt;b&gt;Rosa&lt;/b&gt;" in html and "<b>" not in html and html.startswith("<p ")
    assert caption_html("") == ""


# --------------------------------------------------------------------------- one date format


def test_one_date_format():
    assert date_words(dt.date(2026, 12, 7)) == "Mon 7 Dec 2026"
    assert date_words(dt.datetime(2026, 1, 12, 9, 30)) == "Mon 12 Jan 2026"
    assert date_words("2026-02-28") == "Sat 28 Feb 2026"
    assert date_words(None) == "" and date_words("soon") == "soon"


def test_dates_read_the_same_in_the_planner_the_summary_and_the_exports(tmp_path):
    ward = load_case("ward")
    comms = CommsPlanEditor(ward, path=tmp_path / "w.json", start="2026-01-12")
    assert comms.start_words.value == "Mon 12 Jan 2026"
    comms.next_date.value = dt.date(2026, 1, 19)
    assert comms.next_date_words.value == "Mon 19 Jan 2026"
    assert "Mon 12 Jan 2026" in comms.table.value and "2026-01-12" not in comms.table.value
    plan = draft_comms_plan(ward, start="2026-01-12")
    assert "on Mon 12 Jan 2026" in comms_summary(plan)
    for text in (plan_markdown(ward, EngagementPlan(start="2026-01-12")),
                 plan_html(ward, EngagementPlan(start="2026-01-12"))):
        assert "Mon 12 Jan 2026" in text and "2026-01-12" not in text
