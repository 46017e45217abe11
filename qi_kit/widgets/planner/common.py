"""What the planner's tabs share: their controls' sizes and words, the shared plan, wiring buttons."""

from __future__ import annotations

import os
from typing import Any, Callable

import ipywidgets as w

from ...glossary import date_words
from ...model import ROLES
from ...reflect import SCALE
from ...state.plan import PlanStore
from .._common import esc, guarded, scroll_box

ROLE_OPTIONS = [("no particular role", ""), *((r, r) for r in ROLES)]
ANSWER_OPTIONS = [("not answered", -1), *((f"{k} \u00b7 {v}", k) for k, v in SCALE.items())]
LAYOUT_WIDE = w.Layout(width="34em")
STYLE = {"description_width": "9em"}
ADD_PEOPLE = "add people to your map first (in the map editor), then open the planner again."
ADD_ROW = "add a row first (type an audience, then Add row)."


def store_for(store: PlanStore | None, path: str | os.PathLike | None) -> PlanStore:
    """The plan shared with the other tabs, or the participant's saved plan (a tab used on its own)."""
    return store if store is not None else PlanStore(path)


def wire(message: w.HTML, *pairs: tuple[w.Button, Callable[..., Any]]) -> None:
    """Connect each button to its callback; a mistake shows in ``message``, never as a traceback."""
    for button, handler in pairs:
        button.on_click(guarded(message)(handler))


def date_beside(picker: w.DatePicker) -> w.HTML:
    """The picker's date in the kit's one date format, kept up to date beside it."""
    words = w.HTML(layout=w.Layout(margin="0 0 0 8px"))

    def show(_: Any = None) -> None:
        words.value = esc(date_words(picker.value)) if picker.value else ""

    picker.observe(show, names="value")
    show()
    return words


def scroll(html: str, height: str = "22em") -> str:
    """A table that scrolls inside its own box (see :func:`~qi_kit.widgets._common.scroll_box`)."""
    return scroll_box(html, height=height)
