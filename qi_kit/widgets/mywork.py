"""The "Delete my work" button: everything the kit kept about you, removed after you confirm.

The logic is :func:`qi_kit.mywork.delete_my_work`; this widget only asks first, calls it and
says what it removed.
"""

from __future__ import annotations

import os
from typing import Any

import ipywidgets as w

from ..mywork import delete_my_work, what_is_kept
from ._common import guarded, live, show_message


class DeleteMyWork(w.VBox):
    """A button that deletes everything the kit keeps about you, once you have confirmed.

    The first press shows what would be deleted and asks; **Yes, delete all of it** deletes
    (:func:`qi_kit.delete_my_work`) and says what was removed; **Cancel** changes nothing.
    """

    def __init__(self, *, folder: str | os.PathLike | None = None):
        self.folder = folder
        self.ask_button = w.Button(description="Delete my work\u2026", icon="trash", button_style="danger",
                                   layout=w.Layout(width="auto"), tooltip="shows what would be deleted, then asks")
        self.confirm_button = w.Button(description="Yes, delete all of it", icon="trash", button_style="danger",
                                       layout=w.Layout(width="auto", display="none"))
        self.cancel_button = w.Button(description="Cancel", icon="times", layout=w.Layout(width="auto", display="none"))
        self.message = w.HTML()
        for button in (self.ask_button, self.confirm_button, self.cancel_button):
            button.add_class("qi-delete-" + button.description.split()[0].lower().strip("\u2026"))
        self.ask_button.on_click(guarded(self.message)(self._on_ask))
        self.confirm_button.on_click(guarded(self.message)(self._on_confirm))
        self.cancel_button.on_click(guarded(self.message)(self._on_cancel))
        super().__init__([w.HBox([self.ask_button, self.confirm_button, self.cancel_button]), self.message])
        live(self)  # a widget left by a restarted kernel says so
        self.add_class("qi-delete-my-work")
        self.deleted: Any = None  # what the last deletion removed

    def _asking(self, on: bool) -> None:
        self.ask_button.layout.display = "none" if on else None
        self.confirm_button.layout.display = None if on else "none"
        self.cancel_button.layout.display = None if on else "none"

    def _on_ask(self, _: Any = None) -> None:
        kept = what_is_kept(self.folder)
        if kept.startswith("Nothing of yours"):
            show_message(self.message, kept, "info")
            return
        self._asking(True)
        show_message(self.message, f"{kept}\nThis deletes all of it and cannot be undone. Are you sure?", "warn")

    def _on_confirm(self, _: Any = None) -> None:
        self._asking(False)
        self.deleted = delete_my_work(self.folder)
        show_message(self.message, str(self.deleted), "ok" if not self.deleted.failed else "warn")

    def _on_cancel(self, _: Any = None) -> None:
        self._asking(False)
        show_message(self.message, "Nothing was deleted.", "info")

    def __repr__(self) -> str:
        return "Delete my work: a button that removes everything the kit keeps about you, after you confirm."
