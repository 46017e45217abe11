"""The old name of :mod:`qi_kit.analysis.graph` (the graph helpers every analysis shares).

Kept while the widgets import ``LISTENING`` from here; new code imports :mod:`qi_kit.analysis.graph`.
"""

from .graph import *  # noqa: F401,F403
