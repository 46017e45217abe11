"""The share button of notebook 07: send your work to the facilitator, or take it back.

Nothing is shared until the participant presses "Share with my facilitator"; what is shared is
pseudonymised unless they tick the box for a made-up team (see :mod:`qi_kit.sharing`).
"Withdraw" deletes the shared file. The logic is :func:`qi_kit.share_with_facilitator` and
:func:`qi_kit.withdraw_share`; the widget only calls them and shows their sentence.
"""

from __future__ import annotations

import os
from typing import Any

import ipywidgets as w

from ..sharing import SHARE_DIR_ENV, is_shared, share_with_facilitator, withdraw_share
from ._common import guarded, show_message, tidy

KEEP_NAMES = "Keep the names (only for a made-up team, or labels the room agreed for a group map)"


class ShareButton(w.VBox):
    """Share your map, pitch outline and plan counts with the facilitator; withdraw them.

    Parameters
    ----------
    path
        The workspace file (default ``my_work/workspace.json``).
    """

    def __init__(self, *, path: str | os.PathLike | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.add_class("qi-share")
        self._path = path
        self.keep_names = w.Checkbox(value=False, description=KEEP_NAMES, indent=False,
                                     layout=w.Layout(width="auto"))
        self.keep_names.add_class("qi-share-keep-names")
        self.share_button = w.Button(description="Share with my facilitator", icon="share", button_style="primary",
                                     tooltip="send a pseudonymised copy of your map, pitch outline and plan counts",
                                     layout=w.Layout(width="auto"))
        self.share_button.add_class("qi-share-button")
        self.withdraw_button = w.Button(description="Withdraw", icon="undo", layout=w.Layout(width="auto"),
                                        tooltip="delete what you shared from the facilitator's folder")
        self.withdraw_button.add_class("qi-share-withdraw")
        self.message = w.HTML()
        self.message.add_class("qi-share-message")
        self.share_button.on_click(guarded(self.message)(self._on_share))
        self.withdraw_button.on_click(guarded(self.message)(self._on_withdraw))
        self.children = [self.keep_names, w.HBox([self.share_button, self.withdraw_button]), self.message]
        tidy(self)
        self._show_state()

    def _show_state(self) -> None:
        if not os.environ.get(SHARE_DIR_ENV):
            show_message(self.message, "Sharing is not set up on this computer (your facilitator sets it up on a "
                                       "workshop hub). Your work stays here.", "info")
        elif is_shared(path=self._path):
            show_message(self.message, "You have shared your work with the facilitator. Share again to update it, "
                                       "or withdraw it.", "info")
        else:
            show_message(self.message, "Nothing is shared until you press the button.", "info")

    def _on_share(self, _: Any) -> None:
        shared = share_with_facilitator(pseudonymised=not self.keep_names.value, path=self._path)
        show_message(self.message, shared.sentence(), "ok")

    def _on_withdraw(self, _: Any) -> None:
        show_message(self.message, withdraw_share(path=self._path).sentence(), "ok")

    def __repr__(self) -> str:
        return "Share button: nothing is shared until you press it; you can withdraw it."


def share_button(*, path: str | os.PathLike | None = None) -> ShareButton:
    """The share button of notebook 07 (see :class:`ShareButton`)."""
    return ShareButton(path=path)
