"""The kit's built-in case studies: ready-made stakeholder maps to practise on.

Each case is a folder of package data next to this file::

    cases/<name>/people.csv   one row per person (the kit's people columns)
    cases/<name>/ties.csv     one row per tie, arrows pointing at the person listened to
    cases/<name>/about.json   {"name", "title", "description", "citation"}
    cases/<name>/story.md     the story for facilitators, with what the analysis should find

The files are read through :mod:`importlib.resources`, so the cases work the same from a
source checkout and from an installed package. They are loaded with :func:`qi_kit.read_map`,
so a case obeys exactly the rules a participant's own spreadsheet does.

The cases, in teaching order:

- ``ward``: fictional. A falls-prevention bundle on Ward 7B of "Riverside General Hospital",
  from the board to the bedside.
- ``school``: fictional. A primary school putting a structured-literacy programme in place,
  after the school visit in S. Khan's "What does leadership look like for good implementation?"
  (The Center for Implementation).
- ``krackhardt``: real. The 21 managers of a small US high-tech firm surveyed by
  D. Krackhardt (1987), "Cognitive social structures", *Social Networks* 9, 109-134.
"""

from __future__ import annotations

import json
from contextlib import ExitStack
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import pandas as pd

from ..errors import MapError, Problem, suggest
from ..importing import read_map
from ..model import StakeholderMap
from ..text import fold

__all__ = ["CASE_NAMES", "list_cases", "load_case", "case_story", "case_about"]

#: the built-in cases, in the order the workshop uses them
CASE_NAMES: tuple[str, ...] = ("ward", "school", "krackhardt")


def _resolve(name: Any) -> str:
    """The canonical case name for ``name``, or a MapError with a suggestion and the list."""
    key = fold(name, how="compact") if isinstance(name, str) else None
    for case in CASE_NAMES:
        if key == case:
            return case
    hint = suggest(str(name), CASE_NAMES) if isinstance(name, str) else ""
    raise MapError(Problem("", f"There is no built-in case called '{name}'.",
                           f"{hint}The cases are: {', '.join(CASE_NAMES)} "
                           "(see qi_kit.list_cases())."))


def _folder(case: str) -> Traversable:
    return resources.files(__name__).joinpath(case)


def _read_text(case: str, filename: str) -> str:
    return _folder(case).joinpath(filename).read_text(encoding="utf-8")


def case_about(name: str) -> dict[str, Any]:
    """What a case is: its ``name``, ``title``, one-line ``description`` and ``citation``.

    ``citation`` is ``None`` for the fictional ward; for real data it names the source to cite
    when the case is shown to learners.

    Examples
    --------
    >>> case_about("krackhardt")["citation"].startswith("Krackhardt, D. (1987)")
    True
    """
    case = _resolve(name)
    about = json.loads(_read_text(case, "about.json"))
    return {"name": about["name"], "title": about["title"],
            "description": about["description"], "citation": about.get("citation")}


def list_cases() -> pd.DataFrame:
    """The built-in cases, one row each, in teaching order (ward, school, krackhardt).

    Returns
    -------
    pandas.DataFrame
        Columns ``name`` (what to pass to :func:`load_case`) and ``description``.

    Examples
    --------
    >>> list_cases()["name"].tolist()
    ['ward', 'school', 'krackhardt']
    """
    rows = [{"name": case, "description": case_about(case)["description"]} for case in CASE_NAMES]
    return pd.DataFrame(rows, columns=["name", "description"])


def load_case(name: str) -> StakeholderMap:
    """Load a built-in case study as a :class:`~qi_kit.model.StakeholderMap`.

    Parameters
    ----------
    name
        ``"ward"``, ``"school"`` or ``"krackhardt"``; case and spaces do not matter.

    Returns
    -------
    StakeholderMap
        Titled with the case's title. Ties point at the person who is listened to.

    Raises
    ------
    MapError
        If there is no such case; the message suggests the closest name and lists them all.

    See Also
    --------
    list_cases, case_story

    Examples
    --------
    >>> m = load_case("Ward")
    >>> len(m), m.person("Rosa Delgado")["title"]
    (37, 'Staff Nurse (nights)')
    """
    case = _resolve(name)
    title = case_about(case)["title"]
    folder = _folder(case)
    with ExitStack() as stack:
        people = stack.enter_context(resources.as_file(folder.joinpath("people.csv")))
        ties = stack.enter_context(resources.as_file(folder.joinpath("ties.csv")))
        return read_map(people, ties, title=title)


def case_story(name: str) -> str:
    """The facilitator's story of a case, as Markdown.

    It sets the scene, introduces the cast, and lists what the analysis should find (or, for
    the real data, where the data come from and how they were mapped onto the kit's columns).

    Examples
    --------
    >>> case_story("school").startswith("# ")
    True
    """
    return _read_text(_resolve(name), "story.md")
