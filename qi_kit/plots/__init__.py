"""Pictures (matplotlib). Every function returns a :class:`Picture`: the figure plus a text
alternative that says in words what the picture shows.

Analysis code never imports this package; importing ``qi_kit`` does not import matplotlib.
"""

from ._style import PALETTE, Picture, fast_png, new_figure

__all__ = ["PALETTE", "Picture", "fast_png", "new_figure"]
