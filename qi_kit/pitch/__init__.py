"""The leader pitch: a model of the pitch, templates to render it and a feedback checklist.

- :mod:`.model`: :class:`Pitch` (the leader from the map, and the answers) and the prompts.
- :mod:`.templates`: the same answers as SBAR, problem-aim-ask or a 60-second elevator pitch,
  in plain text, Markdown, escaped HTML and as an email (the take-home files are written by
  :mod:`qi_kit.takehome.pitch`; ``export_pitch``, ``pitch_exports`` and ``where_saved`` are
  still found here).
- :mod:`.feedback`: :func:`pitch_feedback`, a checklist of small rules a facilitator can read.
- :mod:`.examples`: good and weak example pitches shipped with the ``ward`` and ``school`` cases.

Pure logic only: nothing here imports matplotlib or ipywidgets, reads the clock or the network.
"""

from __future__ import annotations

from .examples import example_notes, example_pitches
from .feedback import (JARGON, KNOWN_ACRONYMS, WORDS_PER_MINUTE, feedback_summary, map_advice,
                       pitch_feedback)
from .model import ANSWER_FIELDS, ASK_TYPES, FORMAT_NAMES, FORMATS, PROMPTS, Pitch
from .templates import pitch_sections, render_email, render_html, render_markdown, render_text

__all__ = [
    "ANSWER_FIELDS", "ASK_TYPES", "FORMATS", "FORMAT_NAMES", "JARGON", "KNOWN_ACRONYMS", "PROMPTS",
    "WORDS_PER_MINUTE", "Pitch", "example_notes", "example_pitches", "export_pitch", "feedback_summary", "map_advice",
    "pitch_exports", "pitch_feedback", "pitch_sections", "render_email", "render_html",
    "render_markdown", "render_text", "where_saved",
]


def __getattr__(name: str):
    """The take-home names, moved to :mod:`qi_kit.takehome.pitch`: ``qi_kit.pitch.export_pitch`` keeps working."""
    if name in ("export_pitch", "pitch_exports", "where_saved"):
        from ..takehome import pitch as moved

        return getattr(moved, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
