"""Example pitches shipped with the case studies, good and weak, for discussion.

Each case that has examples keeps them in ``qi_kit/cases/<case>/pitches.json``::

    {"case": "ward",
     "about": "...",
     "examples": {
        "<name>": {"quality": "good" | "weak",
                   "written_to_fail": ["ask", "story", ...],   # the rules it should fail
                   "discussion": "what to notice, for the group",
                   "pitch": {... Pitch.to_dict() ...}}}}

A good example passes every check of :func:`~qi_kit.pitch.feedback.pitch_feedback`; a weak
one fails exactly the checks listed in ``written_to_fail`` (the tests hold them to it).
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pandas as pd

from ..errors import MapError, Problem, suggest
from .model import Pitch

#: the cases that ship example pitches
CASES_WITH_PITCHES: tuple[str, ...] = ("ward", "school")


def _resolve(case: Any) -> str:
    key = "".join(str(case).split()).casefold()
    if key in CASES_WITH_PITCHES:
        return key
    hint = suggest(str(case), CASES_WITH_PITCHES)
    raise MapError(Problem("", f"There are no example pitches for '{case}'.",
                           f"{hint}Example pitches come with: "
                           f"{', '.join(CASES_WITH_PITCHES)}."))


def _document(case: str) -> dict[str, Any]:
    case = _resolve(case)
    where = f"cases/{case}/pitches.json"
    try:
        text = resources.files("qi_kit").joinpath("cases", case, "pitches.json").read_text(encoding="utf-8")
        document = json.loads(text)
    except (OSError, json.JSONDecodeError) as exc:
        raise MapError(Problem(where, f"The example pitches could not be read ({exc}).",
                               "reinstall the kit or tell your facilitator.")) from None
    if not isinstance(document, dict) or not isinstance(document.get("examples"), dict):
        raise MapError(Problem(where, "The example pitches file has no 'examples'.",
                               "reinstall the kit or tell your facilitator."))
    return document


def example_pitches(case: str) -> dict[str, Pitch]:
    """The example pitches for a case, by name (good and weak ones).

    Raises
    ------
    MapError
        If the case ships no examples (the message lists those that do).

    Examples
    --------
    >>> pitches = example_pitches("ward")
    >>> pitches["good_sponsor"].leader
    'Margaret Okafor'
    """
    return {name: Pitch.from_dict(entry["pitch"]) for name, entry in _document(case)["examples"].items()}


def example_notes(case: str) -> pd.DataFrame:
    """What each example is for: one row per example.

    Returns
    -------
    pandas.DataFrame
        Columns ``example``, ``leader``, ``format``, ``quality`` (good or weak),
        ``written_to_fail`` (the rules a weak example is written to fail, comma-separated)
        and ``discussion`` (what to notice).
    """
    rows = []
    for name, entry in _document(case)["examples"].items():
        pitch = Pitch.from_dict(entry["pitch"])
        rows.append({"example": name, "leader": pitch.leader, "format": pitch.format,
                     "quality": entry.get("quality", ""),
                     "written_to_fail": ", ".join(entry.get("written_to_fail", [])),
                     "discussion": entry.get("discussion", "")})
    return pd.DataFrame(rows, columns=["example", "leader", "format", "quality", "written_to_fail",
                                       "discussion"])
