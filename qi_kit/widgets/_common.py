"""Small pieces every widget shares: escaping, message boxes, figure output, the autosaver.

Rules every widget follows:
- every string a participant typed goes through :func:`esc` before it reaches an ``HTML``
  widget or any HTML the kit builds (an ``<img onerror=...>`` name must show as text);
- mistakes show as a plain-language message box (:func:`message`), never a traceback;
- every edit is autosaved to the participant's workspace;
- a widget left on screen by a kernel that stopped or restarted says so in words
  (:func:`live`), instead of silently doing nothing.
"""

from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import ipywidgets as w
from traitlets import Unicode

from ..errors import MapError
from ..escaping import NO_MATHS, html_text, message_box
from ..export import html_table



#: the widgets' logger: every error a callback catches is logged here (with its traceback), while the
#: participant sees a plain message
logger = logging.getLogger("qi_kit.widgets")

#: HTML-escape anything (quotes too): :func:`qi_kit.escaping.html_text`
esc = html_text


def message_html(text: str, kind: str = "info", *, escaped: bool = False) -> str:
    """A coloured box with an icon; ``text`` is escaped unless ``escaped=True``.

    Colour is never the only signal: each kind has its own icon. The kit's one message box
    (:func:`qi_kit.escaping.message_box`).
    """
    return message_box(text, kind, escaped=escaped)


def message(text: str = "", kind: str = "info") -> w.HTML:
    """An HTML widget showing a message box (empty when ``text`` is empty)."""
    return w.HTML(message_html(text, kind) if text else "")


def show_message(target: w.HTML, text: str = "", kind: str = "info") -> None:
    target.value = message_html(text, kind) if text else ""


def error_text(exc: Exception) -> str:
    """The learner-facing text of an error (MapError messages are already plain language)."""
    if isinstance(exc, MapError):
        return str(exc)
    return f"Something went wrong ({type(exc).__name__}). Your work is saved; please tell your facilitator."


def guarded(target: w.HTML) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator for callbacks: a MapError (or any error) shows in ``target`` instead of a traceback."""

    def wrap(func: Callable[..., Any]) -> Callable[..., Any]:
        def inner(*args: Any, **kwargs: Any) -> Any:
            try:
                return func(*args, **kwargs)
            except Exception as exc:  # a learner must never see a traceback
                if not isinstance(exc, MapError):  # a MapError is the learner's mistake, said in words
                    logger.exception("a widget callback (%s) failed", getattr(func, "__name__", "callback"))
                show_message(target, error_text(exc), "error")
                return None

        inner.__name__ = getattr(func, "__name__", "callback")
        inner.__doc__ = func.__doc__
        return inner

    return wrap


@contextmanager
def paused(handler: Callable[..., Any], widgets: Iterable[w.Widget], names: str = "value") -> Iterator[None]:
    """Set controls from the program without running ``handler``: traitlets' ``unobserve`` for the
    block, ``observe`` again after it (so filling a form never counts as the participant's edit).

    ``handler`` must be the very callable given to ``observe``.
    """
    widgets = list(widgets)
    for widget in widgets:
        widget.unobserve(handler, names=names)
    try:
        yield
    finally:
        for widget in widgets:
            widget.observe(handler, names=names)


def control(widget: w.Widget, css: str) -> Any:
    """``widget`` with the CSS class ``css`` (the browser tests and the notebooks' CSS find it by it)."""
    widget.add_class(css)
    return widget


def button(text: str, css: str, *, icon: str = "", style: str = "", tooltip: str = "") -> w.Button:
    """A button sized to its words, with a tooltip (its words, unless given) and a CSS class."""
    return control(w.Button(description=text, icon=icon, button_style=style, tooltip=tooltip or text,
                            layout=w.Layout(width="auto")), css)


def shown_path(path: str | os.PathLike) -> str:
    """A saved file as the participant sees it: ``my_work/<file>``, never a machine path.

    >>> shown_path("/home/ana/qi/my_work/workspace.json")
    'my_work/workspace.json'
    """
    path = Path(path)
    return f"{path.parent.name}/{path.name}" if path.parent.name else path.name


#: what a widget left by a stopped or restarted kernel says (shown by the browser, no kernel needed)
STALE_NOTICE = ("This widget was made by a kernel that has stopped or restarted, so it no longer saves or answers. "
                "Run this cell again (Shift + Enter) to use it.")

# JupyterLab's widget manager adds "jupyter-widgets-disconnected" to every widget of a kernel that
# restarts or stops; these rules turn that into the notice above, once per kit widget on screen.
_STALE_CSS = (
    "<style>"
    ".qi-live.jupyter-widgets-disconnected::before{content:\"%s\";display:block;order:-1;"
    "background:#FDF3E1;border-left:4px solid #E69F00;padding:6px 10px;margin:4px 0;font-weight:600;"
    "color:#1a1a1a;white-space:normal}"
    ".qi-live.jupyter-widgets-disconnected .qi-live.jupyter-widgets-disconnected::before{content:none;display:none}"
    ".qi-live.jupyter-widgets-disconnected>*{opacity:.45;pointer-events:none}"
    "</style>" % STALE_NOTICE.replace('"', "'")
)


def no_maths(widget: w.Widget) -> w.Widget:
    """Mark every Label in a widget tree so MathJax never typesets it (a '$' in a name stays a '$').

    ipywidgets typesets a Label's text as LaTeX; the kit's Labels show names and sentences, never maths.
    """
    if isinstance(widget, w.Label):
        for css in NO_MATHS.split():
            widget.add_class(css)
    for child in getattr(widget, "children", ()) or ():
        no_maths(child)
    return widget


def live(widget: w.Box) -> w.Box:
    """Mark a kit widget so that, left on screen by a stopped or restarted kernel, it says
    "Run this cell again to use it" and greys out (the browser does it: no kernel is needed).
    Its Labels are marked "no maths" too (:func:`no_maths`)."""
    no_maths(widget)
    widget.add_class("qi-live")
    style = w.HTML(_STALE_CSS, layout=w.Layout(display="none"))
    style.add_class("qi-live-style")
    widget.children = (style, *widget.children)  # first: the last child is often a source line
    return widget


# --------------------------------------------------------------------------- layouts a room can read


def tidy(root: w.Widget) -> w.Widget:
    """Lay out a widget so that no button's words are cut ("Add per…"), now and as it changes.

    Every button sizes to its words and never shrinks (``flex: 0 0 auto``); in a column it is not
    stretched across the column either. A row of controls wraps onto a second line instead of
    squeezing them; toggle buttons size to their words too. Boxes whose children change later (a
    step of the pitch builder, a tab) are tidied again when they do. Returns ``root``.
    """

    def visit(widget: Any, in_column: bool = False) -> None:
        if isinstance(widget, w.Button):
            old = widget.layout
            if (old.width, old.flex) != ("auto", "0 0 auto"):
                keep = {k: getattr(old, k) for k in ("margin", "display", "visibility", "height") if getattr(old, k)}
                widget.layout = w.Layout(width="auto", flex="0 0 auto", **keep)
            if in_column and not widget.layout.align_self:
                widget.layout.align_self = "flex-start"
        elif isinstance(widget, w.ToggleButtons):
            if widget.style.button_width in ("", None):
                widget.style.button_width = "auto"
        if isinstance(widget, w.Box):
            column = not isinstance(widget, (w.HBox, w.GridBox))
            if isinstance(widget, w.HBox) and not widget.layout.flex_flow:
                widget.layout.flex_flow = "row wrap"
            if not getattr(widget, "_qi_tidied", False):  # once per box, however often it is tidied
                widget._qi_tidied = True
                widget.observe(lambda change, column=column: [visit(c, column) for c in change["new"]],
                               names="children")
            for child in widget.children:
                visit(child, column)

    visit(root)
    return root


class PictureImage(w.Image):
    """An ``Image`` whose ``tooltip`` works: the browser shows it as the image's ``title``, its alt text.

    (ipywidgets' image view reads a ``description`` to decide whether to show the tooltip; a plain
    ``Image`` has none, so its view fails when given a tooltip. This one syncs an empty one.)
    """

    description = Unicode("").tag(sync=True)


def picture_image(css: str, *, max_width: str = "100%") -> w.Image:
    """An ``Image`` for a picture: its natural size (text at full size), shrunk only to fit the notebook."""
    image = PictureImage(format="png", layout=w.Layout(width="auto", max_width=max_width, height="auto",
                                                       align_self="flex-start"))
    image.add_class(css)
    image.add_class("qi-picture")
    return image


def show_picture(image: w.Image, png: bytes, picture: Any, words: w.HTML | None = None) -> None:
    """Show a picture's PNG in ``image`` with its alt text (the image's ``title``), and its words under it."""
    image.value = png
    image.tooltip = picture.short_alt if picture is not None else None
    if words is not None:
        words.value = caption_html(picture.alt if picture is not None else "")


#: a 1x1 transparent PNG: what an empty picture holds (a browser draws an Image with no data as broken)
BLANK_PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
             b"\x1f\x15\xc4\x89\x00\x00\x00\x0bIDATx\x9cc`\x00\x02\x00\x00\x05\x00\x01z^\xab?\x00\x00\x00"
             b"\x00IEND\xaeB`\x82")


def hide_when_empty(image: w.Image) -> w.Image:
    """Hide an ``Image`` while it has no picture, holding a blank pixel instead of no data."""

    def toggle(change: Any = None) -> None:
        if not image.value:
            image.value = BLANK_PNG  # runs toggle again
            return
        image.layout.display = "none" if image.value == BLANK_PNG else None

    image.observe(toggle, names="value")
    toggle()
    return image


def png_bytes(picture: Any, dpi: int = 100) -> bytes:
    """The picture as PNG bytes for an ``Image`` widget (drawn once, lightly compressed)."""
    from ..plots import fast_png

    return fast_png(picture, dpi=dpi)


def caption_html(text: str) -> str:
    """A picture's words as escaped HTML that wraps between words (a ``Label`` would cut them off)."""
    if not text:
        return ""
    return f'<p class="qi-picture-words" style="margin:2px 0 8px;line-height:1.35">{esc(text)}</p>'


class MessageNear:
    """One message box that shows up next to the control that was used last.

    ``slot(*controls)`` returns an empty box to put in the layout under those controls; when one
    of them is clicked (a button) or changed (any other control), the message moves into that
    box. The widget's callbacks keep writing into the one ``message`` as before.
    """

    def __init__(self, message: w.HTML):
        self.message = message
        self.slots: list[w.Box] = []

    def slot(self, *controls: w.Widget) -> w.Box:
        box = w.VBox(layout=w.Layout(width="100%"))
        box.add_class("qi-message-slot")
        for used in controls:
            if isinstance(used, w.Button):
                used.on_click(lambda _, box=box: self.move_to(box))
            else:
                used.observe(lambda _, box=box: self.move_to(box), names="value")
        self.slots.append(box)
        return box

    def move_to(self, box: w.Box) -> None:
        for other in self.slots:
            if other is not box and other.children:
                other.children = ()
        if box.children != (self.message,):
            box.children = (self.message,)

    @property
    def where(self) -> int:
        """The index of the slot showing the message (-1: none)."""
        return next((i for i, box in enumerate(self.slots) if box.children), -1)


def choice_buttons(options: Any, value: Any, *, description: str = "", tooltip: str = "",
                   description_width: str = "7em", button_width: str = "auto",
                   tooltips: Any = None) -> w.ToggleButtons:
    """A row of buttons to pick one value (a rating, a strength, an answer): used instead of a slider.

    Each choice is a real button that a screen reader names and a keyboard reaches (ipywidgets'
    slider handles have no accessible name), and the chosen value shows in words. ``value`` and
    ``observe(..., names="value")`` work as on a slider.
    """
    return w.ToggleButtons(options=options, value=value, description=description, tooltip=tooltip or None,
                           tooltips=list(tooltips or []),
                           style={"description_width": description_width, "button_width": button_width})


def scroll_box(html: str, label: str = "Table (scroll to see all of it)", height: str = "22em") -> str:
    """``html`` in a box of at most ``height`` that scrolls: a named region the keyboard can reach
    (Tab, then the arrow keys), so nothing in it is out of reach without a mouse."""
    return (f'<div class="qi-scroll" tabindex="0" role="region" aria-label="{esc(label)}" '
            f'style="max-height:{height};overflow:auto">{html}</div>')


def numbered_table(frame: Any, empty: str, label: str = "Table (scroll to see all of it)") -> str:
    """An escaped HTML table whose row numbers match the model's messages ("row 3"), in a box that
    scrolls past 320 pixels (``empty``: the message shown instead when there are no rows)."""
    if frame.empty:
        return message_html(empty, "info")
    frame = frame.copy()
    frame.insert(0, "row", range(1, len(frame) + 1))
    return scroll_box(html_table(frame), label, height="320px")
