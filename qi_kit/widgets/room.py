"""The facilitator's view of the room (``workshops/facilitator/room.ipynb``), no code to type.

Press "Refresh" to read the facilitator's folder (``QI_KIT_SHARE_DIR``) again: the room in a few
sentences, one row per shared map, small pictures of the maps, a bar chart of the kinds of ask,
and, when several participants shared maps of the same team with its names, where they agree
and what to check. "Example room" fills a temporary folder with example shares, to see the view
before the day. Everything shown is pseudonymised (:mod:`qi_kit.room`) and escaped.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import ipywidgets as w

from .. import export
from ..errors import MapError
from ..group_maps import RULES, partly_known
from ..room import example_room, room_agreement, room_maps, room_summary
from ..sharing import SHARE_DIR_ENV
from ._common import (esc, guarded, hide_when_empty, picture_image, png_bytes, scroll_box, show_message, show_picture,
                      tidy)

#: the room table's columns under plain headings
HEADINGS = {"people": "people", "ties": "ties", "informal_leaders": "informal leaders", "brokers": "brokers",
            "quiet_voices": "quiet voices", "sponsor": "sponsors", "resistor": "resistors", "ask": "kind of ask",
            "barriers": "barriers the map shows"}


def room_table_html(table: Any) -> str:
    """The room summary as an escaped HTML table with plain headings."""
    view = table[[c for c in HEADINGS if c in table.columns]].rename(columns=HEADINGS)
    view["barriers the map shows"] = ["; ".join(b) for b in table["barriers"]]
    return export.html_table(view, index=True)


class RoomView(w.VBox):
    """What the room shared, for the debrief (see the module docstring)."""

    def __init__(self, folder: str | os.PathLike | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.add_class("qi-room")
        configured = folder if folder is not None else os.environ.get(SHARE_DIR_ENV) or None
        self.folder: Path | None = Path(configured) if configured else None
        self.refresh_button = w.Button(description="Refresh", icon="refresh", button_style="primary",
                                       tooltip="read the facilitator's folder again", layout=w.Layout(width="auto"))
        self.example_button = w.Button(description="Example room", icon="eye", layout=w.Layout(width="auto"),
                                       tooltip="see the view with example maps (a temporary folder)")
        self.rule = w.Dropdown(options=[("at least half agree", "half"), ("both ends agree", "both_ends")],
                               value="half", description="Agreed when:", style={"description_width": "initial"})
        for control, css in ((self.refresh_button, "qi-room-refresh"), (self.example_button, "qi-room-example"),
                             (self.rule, "qi-room-rule")):
            control.add_class(css)
        self.message = w.HTML()
        self.message.add_class("qi-room-summary")
        self.table = w.HTML()  # scrolls inside (scroll_box): a region the keyboard can reach
        self.table.add_class("qi-room-table")
        # pictures at their natural size (text at full size), with alt text, and words that wrap
        self.maps_image, self.maps_alt = hide_when_empty(picture_image("qi-room-maps")), w.HTML()
        self.asks_image, self.asks_alt = hide_when_empty(picture_image("qi-room-asks")), w.HTML()
        self.agreement = w.HTML()
        self.agreement.add_class("qi-room-agreement")
        self.refresh_button.on_click(guarded(self.message)(lambda _: self.refresh()))
        self.example_button.on_click(guarded(self.message)(self._on_example))
        self.rule.observe(guarded(self.message)(lambda _: self.refresh()), names="value")
        self.children = [w.HBox([self.refresh_button, self.example_button]), self.message, self.table,
                         self.maps_image, self.maps_alt, self.asks_image, self.asks_alt,
                         w.HTML("<h4>Group maps: where the room agrees</h4>"), self.rule, self.agreement]
        tidy(self)
        self.summary = None
        self.refresh()

    def _on_example(self, _: Any) -> None:
        self.folder = example_room(tempfile.mkdtemp(prefix="qi-example-room-"))
        self.refresh()

    def refresh(self) -> None:
        """Read the folder again and redraw everything."""
        if self.folder is None:
            show_message(self.message, f"No facilitator folder is set ({SHARE_DIR_ENV}): on the workshop hub it is "
                                       "set for you. Press 'Example room' to see the view with example maps.", "info")
            return
        try:
            table = room_summary(self.folder)
        except MapError as exc:
            show_message(self.message, str(exc), "warn")
            return
        self.summary = table
        show_message(self.message, table.attrs["summary"], "info")
        self.table.value = scroll_box(room_table_html(table), "What the room shared (scroll to see all)",
                                      height="360px") if len(table) else ""
        if not len(table):
            self.maps_image.value, self.asks_image.value = b"", b""
            self.maps_alt.value = self.asks_alt.value = ""
            self.agreement.value = ""
            return
        from ..plots.room import asks_picture, small_multiples

        maps = small_multiples(room_maps(self.folder), table)
        asks = asks_picture(table)
        show_picture(self.maps_image, png_bytes(maps), maps, self.maps_alt)
        show_picture(self.asks_image, png_bytes(asks), asks, self.asks_alt)
        self._show_agreement()

    def _show_agreement(self) -> None:
        comparison = room_agreement(self.folder, rule=self.rule.value)
        if comparison is None:
            self.agreement.value = esc("Fewer than two maps were shared with their names, so there is no group map "
                                       "to compare. For a group map, participants map the same team with labels "
                                       "agreed in the room and tick 'Keep the names' when they share.")
            return
        from ..sharing import read_shared

        named = [d["map"] for d in read_shared(self.folder) if not d.get("pseudonymised")]
        disputed = comparison.loc[~comparison["consensus"], "sentence"].tolist()
        people = partly_known(named)
        items = "".join(f"<li>{esc(line)}</li>" for line in disputed[:12] + people["sentence"].tolist()[:6])
        more = len(disputed) - 12
        self.agreement.value = (f"<p>{esc(comparison.attrs['summary'])}</p><p><b>To check with the colleagues "
                                f"concerned</b> ({esc(RULES[self.rule.value])}):</p><ul>{items}</ul>"
                                + (f"<p>{esc(f'... and {more} more disputed ties.')}</p>" if more > 0 else ""))

    def __repr__(self) -> str:
        if self.summary is None:
            return "Room view: no facilitator folder is set; press 'Example room' to see the view."
        return f"Room view: {self.summary.attrs['summary'].split('.')[0]}."


def room_view(folder: str | os.PathLike | None = None) -> RoomView:
    """The facilitator's view of the room (see :class:`RoomView`)."""
    return RoomView(folder)
