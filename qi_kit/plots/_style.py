"""The shared look of every picture: a colour-blind-safe palette, fixed sizes, a text alternative."""

from __future__ import annotations

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
        import html

        from IPython.display import display

        png = base64.b64encode(self.png()).decode("ascii")
        display({"image/png": png, "text/plain": f"[picture] {self.alt}"}, raw=True)
        # The alt text holds names a participant typed, so it is shown as escaped HTML (not
        # Markdown): a name like <img onerror=...> or [x](javascript:...) stays plain text.
        words = f'<p class="qi-picture-words"><em>Picture in words:</em> {html.escape(self.alt)}</p>'
        display({"text/html": words, "text/plain": f"Picture in words: {self.alt}"}, raw=True)

    def save(self, path: Any, **kwargs: Any) -> Any:
        """Save the figure (PNG, SVG or PDF by the file name), with the alt text as metadata."""
        kwargs.setdefault("dpi", 150)
        kwargs.setdefault("bbox_inches", "tight")
        self.figure.savefig(path, **kwargs)
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


def new_figure(width: float = 8.0, height: float = 6.0, **kwargs: Any):
    """A figure and axes of a fixed size (fixed sizes keep notebook outputs identical on re-runs).

    Uses matplotlib's object interface, not pyplot's global state, so figures made in widgets and
    tests are not collected by pyplot and never show twice in a notebook.
    """
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    ax = fig.subplots(**kwargs)
    return fig, ax


matplotlib.rcParams["svg.hashsalt"] = "qi_kit"  # stable SVG ids between runs
