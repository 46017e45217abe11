"""The Beckhard-Harris commitment chart: where each person is now, and where the project needs them.

Beckhard and Harris (1987) drew a simple chart that NHS improvement teams still use: one row
per key person, four columns, *no commitment*, *let it happen* (will not block it), *help it
happen* (gives time, ideas or support) and *make it happen* (drives it). An **X** marks where a
person is now and an **O** where the change needs them to be; the arrow from X to O is the work
of engagement. Framing people by the commitment the change *needs* from them is kinder and more
useful than a label: a consultant who opposes the change may only need to move from "no
commitment" to "let it happen", and an over-keen supporter may need to step back so that others
own it.

Where a person is now is the participant's judgement. The kit's first guess comes from the
stance on the map (-2 ... +2) and is marked as a guess to confirm: neutral (0) may mean "will not
get in the way" or simply "has not heard of it yet".
"""

from __future__ import annotations

from typing import Mapping

import pandas as pd

from ..choices import choose
from ..errors import MapError, Problem
from ..model import StakeholderMap, raise_if_problems
from ..text import word_for
from .grid import power_interest_grid

COMMITMENT_LEVELS: tuple[str, ...] = ("no commitment", "let it happen", "help it happen", "make it happen")

#: stance on the map (-2 ... +2) -> where the person is now
STANCE_COMMITMENT: dict[int, str] = {
    -2: "no commitment", -1: "no commitment", 0: "let it happen", 1: "help it happen", 2: "make it happen",
}

#: role -> (commitment the project needs, why); people without a role go by their grid quadrant
NEEDED_BY_ROLE: dict[str, tuple[str, str]] = {
    "day-to-day leader": ("make it happen", "they lead the change team and its tests day to day"),
    "champion": ("make it happen", "they promote the change among colleagues and show it working on shift"),
    "change team": ("help it happen", "they shape and test the change with the team"),
    "patient partner": ("help it happen", "a partner who shapes the change: what matters to patients and families"),
    "sponsor": ("make it happen", "they own the aim and clear barriers at the top"),
    "influencer": ("help it happen", "colleagues follow their lead, so their active help brings others"),
    "resistor": ("let it happen", "the project needs them not to block it, not to lead it"),
}
NEEDED_BY_QUADRANT: dict[str, tuple[str, str]] = {
    "manage closely": ("help it happen", "they have power and a stake in the change"),
    "keep informed": ("help it happen", "the change matters to them and their ideas help"),
    "keep satisfied": ("let it happen", "they have power but little stake: the project needs them not to block it"),
    "monitor": ("let it happen", "the project needs them not to block it"),
}

_SHORT = {"no": "no commitment", "none": "no commitment", "let": "let it happen",
          "help": "help it happen", "make": "make it happen"}


def commitment_level(text: str, *, where: str = "commitment", problems: list[Problem] | None = None) -> str:
    """A commitment level from text such as ``"Help it happen"`` or ``"help"``.

    Unknown text is a :class:`MapError` (or, when ``problems`` is given, a Problem appended to it).

    >>> commitment_level("Make"), commitment_level(" let it  happen ")
    ('make it happen', 'let it happen')
    """
    level = choose(text, COMMITMENT_LEVELS, what="a commitment level", where=where, aliases=_SHORT,
                   problems=problems)
    return level or ""


GUESS_NOTE = "a first guess from their stance on the map: confirm it"


def move_sentence(name: str, now: str, needed: str, *, confirmed: bool = True) -> str:
    """The plain sentence for one person's gap, e.g. "X needs to move from 'no commitment' to ...".

    With ``confirmed=False`` the sentence says that 'now' is still the kit's first guess.

    >>> move_sentence("Ann", "let it happen", "help it happen", confirmed=False)
    "Ann needs to move from 'let it happen' (a first guess from their stance on the map: confirm it) to 'help it happen'."
    """
    gap = COMMITMENT_LEVELS.index(needed) - COMMITMENT_LEVELS.index(now)
    where = f"'{now}'" if confirmed else f"'{now}' ({GUESS_NOTE})"
    if gap > 0:
        return f"{name} needs to move from {where} to '{needed}'."
    if gap == 0:
        return f"{name} is where the project needs them ({where}): keep them there."
    return (f"{name} is already at {where}, more than the project needs ('{needed}'): welcome it, "
            "give that energy a useful place, and check it leaves room for others to own the change.")


def _checked_levels(m: StakeholderMap, levels: Mapping[str, str] | None, label: str,
                    problems: list[Problem]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, level in (levels or {}).items():
        where = f"{label} for '{name}'"
        try:
            exact = m.resolve(name)
        except MapError as exc:
            problems.extend(Problem(where, p.what, p.fix) for p in exc.problems)
            continue
        value = commitment_level(level, where=where, problems=problems)
        if value:
            out[exact] = value
    return out


def commitment_chart(m: StakeholderMap, *, roles: Mapping[str, str] | None = None,
                     now: Mapping[str, str] | None = None, needed: Mapping[str, str] | None = None,
                     power: str = "both") -> pd.DataFrame:
    """Where each person is on the commitment chart, where the project needs them, and the gap.

    Parameters
    ----------
    m
        The stakeholder map.
    roles
        Name -> role (sponsor, champion, influencer, resistor or ""). Default: the suggested
        roles (:func:`qi_kit.engage.suggest_roles`).
    now, needed
        The participant's own judgement for some people (name -> level); it replaces the
        kit's first guess and is marked ``"your choice"`` in the ``source`` column.
    power
        How the grid measures power, for people without a role (see ``power_interest_grid``).

    Returns
    -------
    pandas.DataFrame
        One row per person, in map order: ``name``, ``title``, ``role``, ``now``, ``needed``,
        ``gap`` (steps to move up; negative: more committed than needed), ``why`` (why the
        project needs that level), ``move`` (a plain sentence), ``source`` (``"your choice"``
        if you set either level, else ``"suggested"``) and ``confirmed`` (True once you have
        said where they are now; until then 'now' is the kit's guess from the stance).

    Raises
    ------
    MapError
        Listing every unknown name or level in ``now`` / ``needed``.

    Notes
    -----
    *Now*, until you confirm it, is a first guess from the stance on the map: -2 or -1 -> no
    commitment, 0 -> let it happen, +1 -> help it happen, +2 -> make it happen. *Needed*, first
    rule that applies: sponsor, day-to-day leader and champion -> make it happen; change team,
    patient partner and influencer -> help it happen; resistor -> let it happen; anyone else by
    grid quadrant: manage closely and keep informed -> help it happen, keep satisfied and
    monitor -> let it happen. The kit never suggests a lower level than where someone already is
    (except for a resistor): asking a supporter to step back is the participant's call, made by
    setting *needed* themselves. ``gap`` = position(needed) - position(now).

    References
    ----------
    .. [1] R. Beckhard and R. T. Harris, *Organizational Transitions: Managing Complex Change*,
       2nd ed., Addison-Wesley, 1987 (a book, no DOI). The commitment chart is used widely in
       NHS improvement work, e.g. the NHS Institute for Innovation and Improvement's
       commitment analysis.

    Examples
    --------
    >>> from qi_kit import load_case
    >>> chart = commitment_chart(load_case("ward")).set_index("name")
    >>> chart.loc["Dr James Whitfield", "move"]
    "Dr James Whitfield needs to move from 'no commitment' (a first guess from their stance on the map: confirm it) to 'let it happen'."
    """
    problems: list[Problem] = []
    now_overrides = _checked_levels(m, now, "commitment now", problems)
    needed_overrides = _checked_levels(m, needed, "commitment needed", problems)
    raise_if_problems(problems)
    if roles is None:
        from .roles import final_roles

        roles = final_roles(m)
    grid = power_interest_grid(m, power=power)
    rows = []
    for person, quadrant in zip(m.people.to_dict("records"), grid["quadrant"]):
        name = person["name"]
        role = roles.get(name, "")
        level_now = now_overrides.get(name, STANCE_COMMITMENT[person["stance"]])
        if role in NEEDED_BY_ROLE:
            level_needed, why = NEEDED_BY_ROLE[role]
        else:
            level_needed, why = NEEDED_BY_QUADRANT[quadrant]
        if role != "resistor" and COMMITMENT_LEVELS.index(level_now) > COMMITMENT_LEVELS.index(level_needed):
            # the kit never suggests that a supporter step back: more commitment is welcome
            level_needed, why = level_now, f"{why}; more than that is welcome"
        if name in needed_overrides:
            level_needed, why = needed_overrides[name], "your judgement"
        confirmed = name in now_overrides
        rows.append({"name": name, "title": person["title"], "role": role, "now": level_now,
                     "needed": level_needed,
                     "gap": COMMITMENT_LEVELS.index(level_needed) - COMMITMENT_LEVELS.index(level_now),
                     "why": why, "move": move_sentence(name, level_now, level_needed, confirmed=confirmed),
                     "source": "your choice" if name in now_overrides or name in needed_overrides
                     else "suggested", "confirmed": confirmed})
    columns = ["name", "title", "role", "now", "needed", "gap", "why", "move", "source", "confirmed"]
    return pd.DataFrame(rows, columns=columns).astype({"gap": "int64", "confirmed": "bool"})


def commitment_table(chart: pd.DataFrame, *, people: list[str] | None = None) -> pd.DataFrame:
    """The commitment chart as a table to read or print: X where they are, O where they are needed.

    One row per person (default: everyone with a role or a gap), one column per level; arrows
    fill the cells between X and O; ``X O`` marks someone already where they are needed. An X
    that is still the kit's guess from the stance (``confirmed`` False) is written ``X?``.

    >>> chart = pd.DataFrame([{"name": "Ann", "role": "", "now": "no commitment", "needed": "help it happen",
    ...                        "gap": 2, "confirmed": True}])
    >>> commitment_table(chart).iloc[0].tolist()
    ['Ann', 'X', '→', 'O', '']
    """
    if people is None:
        people = chart.loc[(chart["role"] != "") | (chart["gap"] != 0), "name"].tolist()
    rows = chart.set_index("name")
    out = []
    for name in people:
        now = COMMITMENT_LEVELS.index(rows.loc[name, "now"])
        needed = COMMITMENT_LEVELS.index(rows.loc[name, "needed"])
        cells = [""] * len(COMMITMENT_LEVELS)
        low, high = sorted((now, needed))
        for i in range(low + 1, high):
            cells[i] = "→" if needed > now else "←"
        confirmed = bool(rows.loc[name, "confirmed"]) if "confirmed" in rows.columns else True
        mark = "X" if confirmed else "X?"
        cells[now] = mark
        cells[needed] = f"{mark} O" if now == needed else "O"
        out.append([name, *cells])
    return pd.DataFrame(out, columns=["name", *COMMITMENT_LEVELS])


def commitment_summary(chart: pd.DataFrame) -> str:
    """One plain paragraph: how many people need to move, and the biggest moves first."""
    moving = chart[chart["gap"] > 0].sort_values("gap", ascending=False, kind="stable")
    if chart.empty:
        return "The map has no people yet."
    if moving.empty:
        return "Everyone is already where the project needs them. Keep them there."
    steps = "; ".join(moving["move"].str.rstrip(".").head(5))
    more = f" ({len(moving) - 5} more in the table)" if len(moving) > 5 else ""
    verb = word_for(len(moving), "needs", "need")
    unconfirmed = int((~chart["confirmed"]).sum()) if "confirmed" in chart.columns else 0
    guess = (f" Where people are now is a first guess from their stance for {unconfirmed} of them: "
             "confirm or change it." if unconfirmed else "")
    return (f"{len(moving)} of {len(chart)} people {verb} to move up the commitment chart. "
            f"Biggest moves first: {steps}{more}.{guess}")
