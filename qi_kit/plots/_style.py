"""The shared look of every picture: a colour-blind-safe palette, sizes a room can read, a text alternative.

Legibility is a rule with numbers, checked by :func:`legibility_problems` (in the unit tests, on
every kind of picture) and by the browser tests (on the pictures as JupyterLab shows them):

- every text is at least :data:`MIN_TEXT_PT` points (11 pixels at 100 dots per inch), so a
  picture shrunk to :data:`MIN_SCALE` of its size still shows text of at least 10 pixels;
- no text runs past the picture's edge;
- a picture is at most :data:`PICTURE_WIDTH` inches wide: it shows at full size in a notebook in
  JupyterLab at a typical laptop width (1280 CSS pixels with the file browser open gives an
  output area about 850 pixels wide);
- long titles and captions are wrapped between words (:func:`wrap_to_width`), never cut.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any, Sequence

import matplotlib

#: Okabe & Ito (2008) colour-blind-safe palette, by meaning.
PALETTE: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
}
#: colours for the engagement roles, used by every picture that shows roles
ROLE_COLOURS: dict[str, str] = {
    "sponsor": PALETTE["blue"],
    "day-to-day leader": PALETTE["black"],
    "champion": PALETTE["green"],
    "change team": PALETTE["sky"],
    "patient partner": PALETTE["purple"],
    "influencer": PALETTE["orange"],
    "resistor": PALETTE["vermillion"],
    "": PALETTE["grey"],
}
#: dots per inch of every picture shown in a notebook or a widget
DPI = 100
#: the smallest text in any picture, in points (11.1 pixels at :data:`DPI`)
MIN_TEXT_PT = 8.0
#: the smallest text a person must see, in CSS pixels
MIN_SHOWN_PX = 10.0
#: how far a picture may be shrunk on screen and still show :data:`MIN_SHOWN_PX` text
MIN_SCALE = MIN_SHOWN_PX / (MIN_TEXT_PT * DPI / 72)
#: the widest picture, in inches: it fits a notebook's output area at a typical laptop width
PICTURE_WIDTH = 8.0
#: matplotlib settings for the kit's pictures, applied in a context when one is saved (importing
#: the kit changes no global setting): stable SVG ids between runs
SAVE_SETTINGS: dict[str, Any] = {"svg.hashsalt": "qi_kit"}
#: a sequence for categories without a fixed meaning (clusters, strategies)
CYCLE: tuple[str, ...] = ("blue", "orange", "green", "vermillion", "purple", "sky", "yellow", "black")


def colour_cycle(i: int) -> str:
    return PALETTE[CYCLE[i % len(CYCLE)]]


@dataclass
class Picture:
    """A figure with its text alternative.

    In a notebook it shows the figure, then the text alternative under it as a short paragraph
    (so a screen reader, or a person who cannot see the colours, gets the same message).
    ``data`` holds what was drawn (positions, colours, highlighted people) so tests and widgets
    can check the picture without looking at pixels.
    """

    figure: Any
    alt: str
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def short_alt(self) -> str:
        """The first sentence of the text alternative: the image's own ``alt`` (the rest is shown under it)."""
        first = re.split(r"(?<=[.!?])\s", self.alt.strip(), maxsplit=1)[0]
        return first or "A picture"

    def png(self, dpi: int = 100) -> bytes:
        """The picture as PNG bytes."""
        import io

        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=dpi)
        return buffer.getvalue()

    def _ipython_display_(self) -> None:
        # The PNG travels with a text/plain twin (the alt text): notebook validation compares
        # the words, never the pixels. The words are then shown under the picture for everyone.
        import base64

        from IPython.display import display

        from ..escaping import NO_MATHS, html_text

        png = base64.b64encode(self.png()).decode("ascii")
        # JupyterLab draws an image/png output as an <img> with no alt text; the text/html twin
        # (which JupyterLab prefers) carries one. The PNG stays for other viewers and tools.
        image = (f'<img class="qi-picture" src="data:image/png;base64,{png}" alt="{html_text(self.short_alt)}" '
                 'style="max-width:100%;height:auto">')
        display({"text/html": image, "image/png": png, "text/plain": f"[picture] {self.alt}"}, raw=True)
        # The alt text holds names a participant typed, so it is shown as escaped HTML (not
        # Markdown): a name like <img onerror=...> or [x](javascript:...) stays plain text.
        words = f'<p class="qi-picture-words {NO_MATHS}"><em>Picture in words:</em> {html_text(self.alt)}</p>'
        display({"text/html": words, "text/plain": f"Picture in words: {self.alt}"}, raw=True)

    def save(self, path: Any, **kwargs: Any) -> Any:
        """Save the figure (PNG, SVG or PDF by the file name), written atomically.

        A file path is written through :func:`qi_kit.workspace.atomic_write_bytes` (never half
        a picture); an open file is written as it is.
        """
        import io
        import os
        from pathlib import Path

        kwargs.setdefault("dpi", 150)
        kwargs.setdefault("bbox_inches", "tight")
        if not isinstance(path, (str, os.PathLike)):
            with matplotlib.rc_context(SAVE_SETTINGS):
                self.figure.savefig(path, **kwargs)
            return path
        from ..workspace import atomic_write_bytes

        kwargs.setdefault("format", Path(path).suffix.lstrip(".").lower() or "png")
        buffer = io.BytesIO()
        with matplotlib.rc_context(SAVE_SETTINGS):
            self.figure.savefig(buffer, **kwargs)
        atomic_write_bytes(path, buffer.getvalue())
        return path



def _encode(canvas: Any) -> bytes:
    """The canvas as PNG, lightly compressed (an opaque figure: no alpha channel to encode)."""
    import io

    import numpy as np
    from matplotlib.image import imsave

    buffer = io.BytesIO()
    imsave(buffer, np.asarray(canvas.buffer_rgba())[:, :, :3], format="png", pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


def fast_png(picture: Picture, *, dpi: float = 100) -> bytes:
    """PNG bytes of a picture, drawn once and lightly compressed (quicker than ``Picture.png``)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    picture.figure.set_dpi(dpi)
    canvas = FigureCanvasAgg(picture.figure)
    canvas.draw()
    return _encode(canvas)


class Layers:
    """A figure whose static part is drawn once; ``render`` redraws only the dynamic artists.

    Widgets use it so a click redraws a ring or a route, not the whole labelled picture.
    """

    def __init__(self, figure: Any):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        self.figure = figure
        self.canvas = FigureCanvasAgg(figure)
        self._background: Any = None

    def _cache(self, dynamic: Sequence[Any]) -> None:
        for artist in dynamic:
            artist.set_visible(False)
        self.canvas.draw()
        self._background = self.canvas.copy_from_bbox(self.figure.bbox)
        for artist in dynamic:
            artist.set_visible(True)

    def render(self, dynamic: Sequence[Any]) -> bytes:
        """PNG bytes of the figure, redrawing only ``dynamic`` over the cached background."""
        if self._background is None:
            self._cache(dynamic)
        self.canvas.restore_region(self._background)
        renderer = self.canvas.get_renderer()
        for artist in dynamic:
            artist.draw(renderer)
        return _encode(self.canvas)


# --------------------------------------------------------------------------- text a room can read


@functools.lru_cache(maxsize=8)
def _agg(dpi: float = DPI):
    from matplotlib.backends.backend_agg import RendererAgg

    return RendererAgg(1, 1, dpi)


@functools.lru_cache(maxsize=20_000)
def text_extent(text: str, fontsize: float, weight: str = "normal", dpi: float = DPI) -> tuple[float, float, float]:
    """(width, height, descent) in pixels of one line of ``text``, never read as maths.

    Kept once measured: matplotlib looks the font up again on every measurement (a few
    milliseconds each), and a map measures the same names on every redraw.
    """
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(size=fontsize, weight=weight)
    return tuple(_agg(dpi).get_text_width_height_descent(text, prop, ismath=False))  # type: ignore[return-value]


def text_width(text: str, fontsize: float, *, weight: str = "normal", dpi: float = DPI) -> float:
    """The width in pixels of one line of ``text`` at ``fontsize`` points (never read as maths)."""
    return text_extent(text, fontsize, weight, dpi)[0]


def wrap_to_width(text: str, width_px: float, fontsize: float, *, weight: str = "normal",
                  dpi: float = DPI) -> str:
    """``text`` with line breaks between words so that no line is wider than ``width_px``.

    Words are never cut: a single word wider than the width sits alone on its line.

    >>> wrap_to_width("Who listens to whom, and why it matters", 150, 10)
    'Who listens to whom,\\nand why it matters'
    """
    lines: list[str] = []
    for paragraph in str(text).split("\n"):
        if text_width(paragraph, fontsize, weight=weight, dpi=dpi) <= width_px:
            lines.append(paragraph)  # the usual case: it fits as it is
            continue
        line = ""
        for word in paragraph.split():
            trial = f"{line} {word}" if line else word
            if line and text_width(trial, fontsize, weight=weight, dpi=dpi) > width_px:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
    return "\n".join(lines)


@dataclass(frozen=True)
class TextBox:
    """One text as drawn: its words, its size in pixels and its box in figure pixels (x0, y0, x1, y1)."""

    text: str
    size_px: float
    box: tuple[float, float, float, float]


def drawn_texts(figure: Any, *, dpi: float = DPI) -> list[TextBox]:
    """Every text a figure draws at ``dpi`` (titles, ticks, legends, names), with its box in pixels.

    The figure is drawn once with a renderer that records each text it is asked to draw, so only
    what is really on the picture counts (not ticks matplotlib keeps out of view). Artists that
    paste text as images (the map's names) report their boxes through ``text_boxes()``.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure.set_dpi(dpi)
    canvas = FigureCanvasAgg(figure)
    renderer = canvas.get_renderer()  # draw() reuses this renderer (same size and dpi)
    seen: list[tuple[str, float, Any, float, float]] = []
    draw_text = renderer.draw_text

    def record(gc: Any, x: float, y: float, s: str, prop: Any, angle: float, ismath: Any = False,
               mtext: Any = None) -> Any:
        seen.append((s, prop.get_size_in_points(), mtext, x, y))
        return draw_text(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)

    renderer.draw_text = record
    try:
        canvas.draw()
    finally:
        del renderer.draw_text
    out: list[TextBox] = []
    done: set[int] = set()
    for text, points, mtext, x, y in seen:
        if not text.strip():
            continue
        if mtext is not None:
            if id(mtext) in done:
                continue
            done.add(id(mtext))
            box = mtext.get_window_extent(renderer)
            out.append(TextBox(mtext.get_text(), points * dpi / 72, (box.x0, box.y0, box.x1, box.y1)))
        else:
            from matplotlib.font_manager import FontProperties

            w, h, d = renderer.get_text_width_height_descent(text, FontProperties(size=points), ismath=False)
            top = renderer.height - y  # the renderer's y runs down from the top
            out.append(TextBox(text, points * dpi / 72, (x, top - d, x + w, top - d + h)))
    for artist in figure.findobj(lambda a: hasattr(a, "text_boxes") and a.get_visible()):
        out.extend(artist.text_boxes())
    return out


def legibility_problems(picture: "Picture | Any", *, min_pt: float = MIN_TEXT_PT,
                        max_width: float = PICTURE_WIDTH) -> list[str]:
    """What would make a picture hard to read, one sentence each (empty when it is fine).

    Text smaller than ``min_pt`` points, text running past the picture's edge (it would be cut),
    and a picture wider than ``max_width`` inches (it would be shrunk in a notebook).

    >>> fig, ax = new_figure(4, 3)
    >>> _ = ax.set_title("Tiny", fontsize=6)
    >>> legibility_problems(Picture(fig, "A test."))
    ["'Tiny' is 6.0 pt: text must be at least 8 pt (11 px)."]
    """
    figure = getattr(picture, "figure", picture)
    problems = []
    width_in, height_in = figure.get_size_inches()
    if width_in > max_width + 1e-9:
        problems.append(f"The picture is {width_in:g} inches wide: at most {max_width:g} fit a notebook at full size.")
    width, height = width_in * DPI, height_in * DPI
    for text in drawn_texts(figure):
        label = text.text.replace("\n", " ")
        points = text.size_px * 72 / DPI
        if points < min_pt - 1e-6:
            problems.append(f"'{label}' is {points:.1f} pt: text must be at least {min_pt:g} pt "
                            f"({min_pt * DPI / 72:.0f} px).")
        x0, y0, x1, y1 = text.box
        if x0 < -0.5 or y0 < -0.5 or x1 > width + 0.5 or y1 > height + 0.5:
            problems.append(f"'{label}' runs past the picture's edge and would be cut.")
    return problems


def new_figure(width: float = 8.0, height: float = 6.0, **kwargs: Any):
    """A figure and axes of a fixed size (fixed sizes keep notebook outputs identical on re-runs).

    Uses matplotlib's object interface, not pyplot's global state, so figures made in widgets and
    tests are not collected by pyplot and never show twice in a notebook.
    """
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    ax = fig.subplots(**kwargs)
    return fig, ax

