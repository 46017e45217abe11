"""The power/interest grid (Mendelow): who to manage closely, keep satisfied, keep informed or monitor.

Each person is placed by *power* (how much they can help or block the change) and *interest*
(how much the change matters to them). The quadrant suggests how much engagement they need.
Power here counts formal authority **and** informal influence by default: a night nurse whom
everyone asks can stall a change as surely as a manager can (Khan, source 001).

The grid is for the people *outside* the change team. The day-to-day leader, the champions, the
other team members and the patient partner are partners who make the change, not audiences to
be managed or kept informed ("doing with, not doing to", source 003): the grid marks them
``partner`` and gives them the partner's action instead of a quadrant's.
"""

from __future__ import annotations

from typing import Mapping

import pandas as pd

from ..choices import choose
from ..model import CHANGE_TEAM_ROLES, StakeholderMap

#: quadrant -> (power is high, interest is high)
QUADRANTS: dict[str, tuple[bool, bool]] = {
    "manage closely": (True, True),
    "keep satisfied": (True, False),
    "keep informed": (False, True),
    "monitor": (False, False),
}

#: quadrant -> the recommended engagement action, in plain words
QUADRANT_ACTIONS: dict[str, str] = {
    "manage closely": ("Work with them closely: meet regularly, involve them in decisions that touch "
                       "them, and agree exactly what you need from them."),
    "keep satisfied": ("Keep them satisfied: short, regular updates framed around their priorities, "
                       "consult them before decisions that affect them, and do not overload them."),
    "keep informed": ("Keep them informed and involved: regular updates, invite their ideas, and give "
                      "them a voice where decisions are made (for example at huddles)."),
    "monitor": ("Monitor: light-touch general updates; watch whether their interest or power "
                "changes as the project grows."),
}

#: the action for people on the change team, whatever their power and interest
PARTNER_ACTION = ("A partner on the change team, not an audience: decide and test with them, meet them "
                  "where the work happens, and ask what matters to them.")

#: how power is measured: name -> plain description
POWER_MEASURES: dict[str, str] = {
    "both": "the higher of formal authority and informal influence",
    "authority": "formal authority only",
    "influence": "informal influence only",
}


def quadrant_of(power: float, interest: float, *, cut: float = 2.5) -> str:
    """The grid quadrant for one pair of ratings (both on the kit's 0-5 scale).

    A rating above ``cut`` counts as high.

    >>> quadrant_of(5, 4), quadrant_of(4, 1), quadrant_of(0, 5), quadrant_of(1, 1)
    ('manage closely', 'keep satisfied', 'keep informed', 'monitor')
    """
    key = (power > cut, interest > cut)
    return next(q for q, corner in QUADRANTS.items() if corner == key)


def power_interest_grid(m: StakeholderMap, *, power: str = "both", cut: float = 2.5,
                        roles: Mapping[str, str] | None = None, outside_team: bool = False) -> pd.DataFrame:
    """Place every person on the power/interest grid, with the engagement action for them.

    Parameters
    ----------
    m
        The stakeholder map.
    power
        How to measure power: ``"both"`` (default: the higher of ``authority`` and ``influence``,
        so formal and informal leaders both count), ``"authority"`` or ``"influence"``.
    cut
        Ratings above this count as high (the middle of the 0-5 scale by default).
    roles
        Optional name -> role (sponsor, day-to-day leader, champion, ...), shown in a ``role``
        column; without it the column holds the roles recorded on the map.
    outside_team
        Leave out the change team (people whose role is day-to-day leader, champion, change
        team or patient partner): the grid as it is meant to be used.

    Returns
    -------
    pandas.DataFrame
        One row per person, in map order: ``name``, ``title``, ``power``, ``interest``,
        ``quadrant``, ``action``, ``role``, ``partner`` (on the change team), ``sentence`` (a
        plain-language line). A partner keeps the quadrant their ratings give, for drawing,
        but gets :data:`PARTNER_ACTION`.

    Raises
    ------
    MapError
        If ``power`` is not one of the measures above.

    Notes
    -----
    Mendelow's grid: power high and interest high -> *manage closely*; power high, interest low
    -> *keep satisfied*; power low, interest high -> *keep informed*; both low -> *monitor*.
    With ``power="both"``, power = max(authority, influence).

    References
    ----------
    .. [1] A. Mendelow, "Environmental scanning: the impact of the stakeholder concept",
       Proceedings of the Second International Conference on Information Systems,
       Cambridge MA, 1991 (no DOI).

    Examples
    --------
    >>> from qi_kit import load_case
    >>> grid = power_interest_grid(load_case("ward"))
    >>> grid.set_index("name").loc["Margaret Okafor", "quadrant"]
    'manage closely'
    """
    power = choose(power, tuple(POWER_MEASURES), what="a way of measuring power", where="power")
    people = m.people
    if power == "both":
        level = people[["authority", "influence"]].max(axis=1)
    else:
        level = people[power]
    role_of = dict(roles) if roles is not None else dict(zip(people["name"], people["role"]))
    rows = []
    for name, title, p, interest in zip(people["name"], people["title"], level, people["interest"]):
        quadrant = quadrant_of(p, interest, cut=cut)
        role = role_of.get(name, "")
        partner = role in CHANGE_TEAM_ROLES
        if partner and outside_team:
            continue
        rows.append({"name": name, "title": title, "power": int(p), "interest": int(interest),
                     "quadrant": quadrant, "action": PARTNER_ACTION if partner else QUADRANT_ACTIONS[quadrant],
                     "role": role, "partner": partner,
                     "sentence": (f"{name}: {role}, a partner on the change team (power {int(p)} of 5, "
                                  f"interest {int(interest)} of 5)." if partner else
                                  f"{name}: power {int(p)} of 5, interest {int(interest)} of 5, so {quadrant}.")})
    return pd.DataFrame(rows, columns=["name", "title", "power", "interest", "quadrant", "action",
                                       "role", "partner", "sentence"]).astype({"partner": "bool"})


def label_order(grid: pd.DataFrame, roles: Mapping[str, str] | None = None) -> list[str]:
    """Who gets the best place for their label on the grid picture: people with a role first
    (sponsor, champion, influencer, resistor), then by power + interest, then in map order.

    Each person's key is read once from the table (no search per person), so ordering 2,000
    people takes milliseconds, not seconds.

    >>> grid = pd.DataFrame({"name": ["A", "B", "C"], "power": [1, 5, 5], "interest": [1, 4, 1]})
    >>> label_order(grid, {"A": "sponsor"})
    ['A', 'B', 'C']
    """
    from ..model import ROLES

    rank = {role: i for i, role in enumerate(ROLES)}
    roles = dict(roles or {})
    keyed = [(rank.get(roles.get(name, ""), len(ROLES)), -(int(power) + int(interest)), i, name)
             for i, (name, power, interest) in enumerate(zip(grid["name"], grid["power"], grid["interest"]))]
    return [name for *_, name in sorted(keyed)]


def grid_summary(grid: pd.DataFrame, *, most: int = 6) -> str:
    """One plain paragraph: the change team's partners, then who is in each quadrant.

    Strongest first: the first ``most`` names of each quadrant, then a count.
    """
    parts = []
    ranked = grid.assign(_weight=grid["power"] + grid["interest"]).sort_values(
        "_weight", ascending=False, kind="stable")
    if "partner" in grid.columns and grid["partner"].any():
        team = grid.loc[grid["partner"], "name"].tolist()
        parts.append(f"Partners on the change team, not audiences ({len(team)}): {', '.join(team)}.")
        ranked = ranked[~ranked["partner"]]
    for quadrant in QUADRANTS:
        names = ranked.loc[ranked["quadrant"] == quadrant, "name"].tolist()
        if not names:
            continue
        shown = ", ".join(names[:most]) + (f" and {len(names) - most} more" if len(names) > most else "")
        parts.append(f"{quadrant.capitalize()} ({len(names)}): {shown}.")
    return " ".join(parts) if parts else "The map has no people yet."
