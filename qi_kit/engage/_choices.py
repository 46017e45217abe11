"""One way to read a choice a participant typed (a role, a level, a cadence...) or explain the mistake."""

from __future__ import annotations

import re
from typing import Any, Mapping, Sequence

from ..errors import MapError, Problem, suggest


def _fold(text: str) -> str:
    return re.sub(r"[\s_-]+", " ", text.casefold()).strip()


def choose(text: Any, allowed: Sequence[str], *, what: str, where: str, aliases: Mapping[str, str] | None = None,
           problems: list[Problem] | None = None, also: str = "") -> str | None:
    """``text`` matched to one of ``allowed`` (case and spacing ignored; ``aliases`` map other words).

    A mismatch is a Problem ("'x' is not a <what>. Did you mean ...? Use one of: ...<also>."):
    raised as a MapError, or appended to ``problems`` (and None returned) when it is given.

    >>> choose(" Weekly ", ("daily", "weekly"), what="cadence", where="row 1")
    'weekly'
    """
    tidy = " ".join(str("" if text is None else text).split()).casefold()
    if tidy in allowed:
        return tidy
    if aliases and tidy in aliases:
        return aliases[tidy]
    folded = _fold(tidy)  # 'Day to day leader' is 'day-to-day leader'
    for option in (*allowed, *(aliases or {})):
        if _fold(option) == folded:
            return option if option in allowed else aliases[option]  # type: ignore[index]
    hint = suggest(str(text), allowed)
    problem = Problem(where, f"'{text}' is not {what}.",
                      f"{hint}Use one of: {', '.join(allowed)}{also}.")
    if problems is None:
        raise MapError(problem)
    problems.append(problem)
    return None
