"""One way to read a choice a participant typed (a role, a kind of tie, a level, a cadence...).

Every form, table and spreadsheet the kit reads takes typed choices through :func:`choose`, so
"Day to day leader", "day-to-day leader" and "DAY_TO_DAY LEADER" mean the same everywhere and a
mistake always gets the same message: what was typed, a "Did you mean ...?" and the choices.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from .errors import MapError, Problem, suggest
from .text import fold

__all__ = ["choose"]


def choose(text: Any, allowed: Sequence[str], *, what: str, where: str, aliases: Mapping[str, str] | None = None,
           problems: list[Problem] | None = None, also: str = "", shown: str | None = None) -> str | None:
    """``text`` matched to one of ``allowed`` (case, spaces, hyphens and underscores ignored).

    ``aliases`` map other words to an allowed choice ("link nurse" -> "champion"). A mismatch is
    a :class:`~qi_kit.errors.Problem` ("'x' is not <what>. Did you mean ...? Use one of:
    ...<also>."), raised as a :class:`~qi_kit.errors.MapError`, or appended to ``problems`` (and
    None returned) when that list is given. ``shown`` is how the message quotes ``text``
    (default: as typed).

    See Also
    --------
    qi_kit.text.fold : the comparison (``how="choice"``).
    qi_kit.errors.suggest : the "Did you mean ...?" hint.

    Examples
    --------
    >>> choose(" Weekly ", ("daily", "weekly"), what="a cadence", where="row 1")
    'weekly'
    >>> choose("Day to day leader", ("sponsor", "day-to-day leader"), what="a role", where="row 2")
    'day-to-day leader'
    >>> problems = []
    >>> choose("weakly", ("daily", "weekly"), what="a cadence", where="row 3", problems=problems) is None
    True
    >>> print(problems[0])
    row 3: 'weakly' is not a cadence. Fix: Did you mean 'weekly'? Use one of: daily, weekly.
    """
    tidy = fold("" if text is None else text)
    if tidy in allowed:
        return tidy
    if aliases and tidy in aliases:
        return aliases[tidy]
    folded = fold(tidy, how="choice")
    for option in allowed:
        if fold(option, how="choice") == folded:
            return option
    for word, option in (aliases or {}).items():
        if fold(word, how="choice") == folded:
            return option
    quoted = str(text) if shown is None else shown
    problem = Problem(where, f"'{quoted}' is not {what}.",
                      f"{suggest(quoted, allowed)}Use one of: {', '.join(allowed)}{also}.")
    if problems is None:
        raise MapError(problem)
    problems.append(problem)
    return None
