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

from typing import Any, Callable

import ipywidgets as w

from ..errors import MapError
from ..escaping import NO_MATHS, html_text

_STYLES = {
    "ok": ("#E8F4EC", "#009E73", "✔"),
    "info": ("#EAF3FA", "#0072B2", "ℹ"),
    "warn": ("#FDF3E1", "#E69F00", "!"),
    "error": ("#FBEAE5", "#D55E00", "✘"),
}


#: HTML-escape anything (quotes too): :func:`qi_kit.escaping.html_text`
esc = html_text


def message_html(text: str, kind: str = "info", *, escaped: bool = False) -> str:
    """A coloured box with an icon; ``text`` is escaped unless ``escaped=True``.

    Colour is never the only signal: each kind has its own icon.
    """
    background, border, icon = _STYLES[kind]
    body = text if escaped else esc(text).replace("\n", "<br>")
    return (f'<div class="qi-message qi-{kind} {NO_MATHS}" role="status" style="background:{background};'
            f'border-left:4px solid {border};padding:6px 10px;margin:4px 0;border-radius:3px">'
            f'<span aria-hidden="true">{icon}</span> {body}</div>')


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
                show_message(target, error_text(exc), "error")
                return None

        inner.__name__ = getattr(func, "__name__", "callback")
        inner.__doc__ = func.__doc__
        return inner

    return wrap


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

